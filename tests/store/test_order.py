"""Order independence (issue 15): the same inputs give the same record whatever the order.

Real articles (news_cluster: many reports of the same stories, so many merged events) are
coded once; Hypothesis then stores them in random orders, split into random runs (each merged
as an ingest merges), and the record must equal the one a single run in file order gives:
the same articles, events, event ids, representatives, mention assignments and actors.
"""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.documents import Article, read_inputs
from eventwire.engines.articles import code_articles
from eventwire.engines.model import CodedArticle
from eventwire.store import RunInfo, Store, open_store

from ..conftest import shared_path

RUN = RunInfo(("order",), "cfg", "0", "model", "0")
ARTICLES = 40  # enough for merged events with several reports, small enough to code in ~10 s

_SNAPSHOT = {
    "articles": "SELECT article_id, title, published, text FROM articles ORDER BY 1",
    "mentions": "SELECT mention_id, event_id FROM event_mentions ORDER BY 1",
    "events": "SELECT * EXCLUDE (rowid) FROM (SELECT rowid, * FROM events) ORDER BY event_id",
    "actors": "SELECT * FROM actors ORDER BY 1",
    "sides": "SELECT * FROM event_sides ORDER BY ALL",
    "days": "SELECT * FROM event_day_totals ORDER BY ALL",
}


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    return {name: store.con.execute(sql).fetchall() for name, sql in _SNAPSHOT.items()}


@pytest.fixture(scope="module")
def coded(nlp, options) -> list[CodedArticle]:  # type: ignore[no-untyped-def]
    folder = shared_path("corpora", "news_cluster")
    files = sorted(str(path) for path in folder.iterdir())[:ARTICLES]
    articles = [r for r in read_inputs(files, options.documents) if isinstance(r, Article)]
    return [c for c in code_articles(nlp, articles, 16) if c.failure is None]


def store_runs(db: Path, runs: list[list[CodedArticle]]) -> dict[str, list[tuple[object, ...]]]:
    """Store each list as one run, merged at its end as an ingest does; return the record."""
    with open_store(db) as store:
        for items in runs:
            run = store.begin_run(RUN)
            store.write_articles(run, [(c.article, c.events, c.annotations) for c in items])
            store.merge_events(1)
            store.finish_run(run, "complete", {})
        return snapshot(store)


@pytest.fixture(scope="module")
def reference(coded, tmp_path_factory) -> dict[str, list[tuple[object, ...]]]:  # type: ignore[no-untyped-def]
    return store_runs(tmp_path_factory.mktemp("order") / "one.duckdb", [coded])


def test_the_corpus_has_merged_events(reference) -> None:  # type: ignore[no-untyped-def]
    """Not a vacuous property: some events hold reports from several articles."""
    events = reference["events"]
    assert len(events) > 20
    multi = [row for row in events if row[_column("num_articles")] > 1]
    assert len(multi) >= 3


def _column(name: str) -> int:
    from eventwire.store.derived import EVENT_COLUMNS

    return list(EVENT_COLUMNS).index(name)


@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_same_record_whatever_the_order_and_the_runs(
    coded,
    reference,
    tmp_path_factory,
    data,  # type: ignore[no-untyped-def]
) -> None:
    order = data.draw(st.permutations(range(len(coded))), label="order")
    cuts = data.draw(
        st.lists(st.integers(1, len(coded) - 1), max_size=4, unique=True), label="cuts"
    )
    bounds = [0, *sorted(cuts), len(coded)]
    shuffled = [coded[i] for i in order]
    runs = [shuffled[a:b] for a, b in pairwise(bounds)]
    db = tmp_path_factory.mktemp("order") / "runs.duckdb"
    assert store_runs(db, runs) == reference


def test_a_full_merge_after_any_order_changes_nothing(coded, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The incremental merges of a reversed, three-run build equal a full merge of it."""
    reverse = list(reversed(coded))
    third = len(reverse) // 3
    db = tmp_path / "reverse.duckdb"
    store_runs(db, [reverse[:third], reverse[third : 2 * third], reverse[2 * third :]])
    with open_store(db) as store:
        store.merge_events(1, full=True)
        assert snapshot(store) == reference
