"""Order independence (issue 15): the same inputs give the same record whatever the order.

Real articles (news_cluster: many reports of the same stories, so many merged events) are
coded once; Hypothesis then stores them in random orders, split into random runs (each merged
as an ingest merges), and the record must equal the one a single run in file order gives:
the same articles, reports, events, event ids, representatives, mention assignments, sides,
day totals and actors (``snapshots.RECORD``). The layout too (side ids and the order events
are stored in, ``snapshots.LAYOUT``) once the events have been rewritten in side order, which
an incremental merge does only past ``derived.RESORT_TAIL_FRACTION`` of appended events: until
then a side first seen by a later run has the next free id (store/derived.py). Comparing raw
side ids after every build is what made this property fail for some random seeds (an order
found by a search of 300 orders is kept below as a regression case).
"""

from __future__ import annotations

import copy
from itertools import pairwise
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.documents import Article, read_inputs
from eventwire.engines.articles import code_articles
from eventwire.engines.model import CodedArticle
from eventwire.store import RunInfo, derived, open_store

from ..conftest import shared_path
from .snapshots import LAYOUT, RECORD, Table, differences, snapshot

RUN = RunInfo(("order",), "cfg", "0", "model", "0")
ARTICLES = 40  # enough for merged events with several reports, small enough to code in ~10 s
Record = dict[str, Table]


@pytest.fixture(scope="module")
def coded(nlp, options) -> tuple[CodedArticle, ...]:  # type: ignore[no-untyped-def]
    """The coded articles: a tuple of frozen values, so no example can change the next one's
    inputs (and storing never changes them: ``test_storing_never_changes_its_inputs``)."""
    folder = shared_path("corpora", "news_cluster")
    files = sorted(str(path) for path in folder.iterdir())[:ARTICLES]
    articles = [r for r in read_inputs(files, options.documents) if isinstance(r, Article)]
    return tuple(c for c in code_articles(nlp, articles, 16) if c.failure is None)


def store_runs(
    db: Path, runs: list[list[CodedArticle]], *, resort_always: bool = False
) -> tuple[Record, Record]:
    """Store each list as one run, merged at its end as an ingest does; return the record and
    its layout. ``resort_always``: every merge that appends events rewrites them in side
    order (``derived.RESORT_TAIL_FRACTION`` 0), as a full merge lays them out."""
    fraction = 0.0 if resort_always else derived.RESORT_TAIL_FRACTION
    with mock.patch.object(derived, "RESORT_TAIL_FRACTION", fraction), open_store(db) as store:
        for items in runs:
            run = store.begin_run(RUN)
            store.write_articles(run, [(c.article, c.events, c.annotations) for c in items])
            store.merge_events(1)
            store.finish_run(run, "complete", {})
    return snapshot(db, RECORD), snapshot(db, LAYOUT)


def split(
    coded: tuple[CodedArticle, ...], order: list[int], cuts: list[int]
) -> list[list[CodedArticle]]:
    shuffled = [coded[i] for i in order]
    bounds = [0, *sorted(cuts), len(coded)]
    return [shuffled[a:b] for a, b in pairwise(bounds)]


@pytest.fixture(scope="module")
def reference(coded, tmp_path_factory) -> tuple[Record, Record]:  # type: ignore[no-untyped-def]
    return store_runs(tmp_path_factory.mktemp("order") / "one.duckdb", [list(coded)])


def test_the_corpus_has_merged_events(reference) -> None:  # type: ignore[no-untyped-def]
    """Not a vacuous property: some events hold reports from several articles."""
    events = reference[0]["events"]
    assert len(events.rows) > 20
    multi = [row for row in events.rows if row[events.columns.index("num_articles")] > 1]
    assert len(multi) >= 3


def assert_same(expected: Record, actual: Record) -> None:
    found = differences(expected, actual)
    assert not found, "\n".join(found)


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
    resort_always = data.draw(st.booleans(), label="resort_always")
    db = tmp_path_factory.mktemp("order") / "runs.duckdb"
    record, layout = store_runs(db, split(coded, order, cuts), resort_always=resort_always)
    assert_same(reference[0], record)
    if resort_always:
        assert_same(reference[1], layout)


# Found by storing 300 random orders and splits of the 38 coded articles: the last runs
# append one or two events (under 2 % of 148), so no rewrite follows, and the sides those
# events first name (DEU, GBR, the UN) took the next free ids, not their places in side order.
# The record is the same; the layout is once a full merge has rewritten it.
ORDER_FOUND = [12, 35, 27, 33, 21, 3, 7, 24, 2, 19, 9, 6, 14, 23, 30, 37, 17, 4, 22]
ORDER_FOUND += [11, 1, 31, 18, 13, 20, 32, 15, 8, 5, 10, 26, 25, 0, 29, 36, 28, 34, 16]
CUTS_FOUND = [8, 15, 16, 21, 29, 31, 32, 33]


def test_the_order_found_by_the_search_gives_the_same_record(
    coded,
    reference,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    if len(coded) != len(ORDER_FOUND):
        pytest.skip(f"the order found was of 38 coded articles, not {len(coded)}")
    db = tmp_path / "found.duckdb"
    record, _ = store_runs(db, split(coded, ORDER_FOUND, CUTS_FOUND))
    assert_same(reference[0], record)
    with open_store(db) as store:
        store.merge_events(1, full=True)
    assert_same(reference[1], snapshot(db, LAYOUT))


def test_storing_never_changes_its_inputs(coded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Every example stores the same coded articles: writing and merging must leave them (and
    all they hold: events, annotations) as they were."""
    before = copy.deepcopy(coded)
    store_runs(tmp_path / "copy.duckdb", split(coded, list(range(len(coded)))[::-1], [1, 7]))
    assert coded == before


def test_a_full_merge_after_any_order_changes_nothing(coded, reference, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The incremental merges of a reversed, three-run build equal a full merge of it."""
    reverse = list(reversed(coded))
    third = len(reverse) // 3
    db = tmp_path / "reverse.duckdb"
    store_runs(db, [reverse[:third], reverse[third : 2 * third], reverse[2 * third :]])
    with open_store(db) as store:
        store.merge_events(1, full=True)
    assert_same(reference[0], snapshot(db, RECORD))
    assert_same(reference[1], snapshot(db, LAYOUT))
