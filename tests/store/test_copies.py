"""Exact copies of an article (issue 15): the stored copy does not depend on the order.

Two inputs with one normalised text have one article id: the same wire story in two outlets
(news_cluster holds the AP story "NYC subway work trains collide in tunnel" from nytimes.com
and from abcnews.go.com). The store keeps the first by ``Article.copy_key`` (the earliest
published, then its other fields), with its own reports, whatever order the copies came in
and however they were split into runs: a copy that sorts before the stored one replaces it,
and the next merge derives the events and actors it touched again.
"""

from __future__ import annotations

import dataclasses
import random
from datetime import date
from itertools import pairwise
from pathlib import Path
from unittest import mock

import pytest

from eventwire.documents import Article, Provenance
from eventwire.events.model import Event
from eventwire.store import derived, open_store
from eventwire.store.rows import ActorMentionRow, ArticleAnnotations
from eventwire.treaties.persist import ensure_treaty_tables

from .builders import RUN, corpus, event
from .snapshots import LAYOUT, RECORD, differences, snapshot

Item = tuple[Article, list[Event], ArticleAnnotations]

_TEXT = "Putin signed Kim. Russia met Pyongyang. Seoul accused Pyongyang. " * 2


def _copy(external_id: str, published: date, source: str) -> Article:
    return Article(
        text=_TEXT,
        external_id=external_id,
        source=source,
        url=f"https://{source}/story",
        title=f"Story ({source})",
        published=published,
        provenance=Provenance(path=f"{source}.json", reader="test"),
    )


def _reports(copy: Article, when: str, *, names_more: bool) -> Item:
    """The copy's reports, named by its external id as the coder names them (so the two
    copies' report ids differ); the later copy resolves "this week" to another day and is
    the only one to name Seoul and Taipei."""
    doc = copy.external_id or copy.id
    events = [
        dataclasses.replace(event(copy, "Putin", "Kim", "057", when, verb="signed"), doc_id=doc),
        dataclasses.replace(
            event(copy, "Russia", "Pyongyang", "040", "2024-09-27", sentence_index=1, verb="met"),
            doc_id=doc,
        ),
    ]
    mentions = [ActorMentionRow(0, 5, "Putin", 0, "person/vladimir-putin", "Vladimir Putin")]
    if names_more:
        events.append(
            dataclasses.replace(
                event(copy, "Seoul", "Pyongyang", "112", when, sentence_index=2, verb="accused"),
                doc_id=doc,
            )
        )
        mentions.append(ActorMentionRow(40, 46, "Taipei", 2, "TWN", "Taiwan", "TWNGOV", "TWN"))
    return copy, events, ArticleAnnotations(actor_mentions=tuple(mentions))


# The first published copy is the one kept; the other names an actor nobody else does.
FIRST = _reports(_copy("ap-1", date(2024, 6, 20), "nytimes.com"), "2024-06-19", names_more=False)
LATER = _reports(_copy("ap-2", date(2024, 6, 23), "abcnews.go.com"), "2024-06-22", names_more=True)


def _others() -> list[Item]:
    return [(a, e, ArticleAnnotations()) for a, e in corpus()]


def _build(db: Path, runs: list[list[Item]], *, resort_always: bool = False) -> None:
    fraction = 0.0 if resort_always else derived.RESORT_TAIL_FRACTION
    with mock.patch.object(derived, "RESORT_TAIL_FRACTION", fraction), open_store(db) as store:
        ensure_treaty_tables(store.con)
        for items in runs:
            run = store.begin_run(RUN)
            store.write_articles(run, items)
            store.merge_events(1)
            store.finish_run(run, "complete", {})


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The record of the inputs without the copy that sorts later."""
    db = tmp_path_factory.mktemp("copies") / "reference.duckdb"
    _build(db, [[*_others(), FIRST]])
    return db


def test_the_first_published_copy_sorts_first() -> None:
    assert FIRST[0].id == LATER[0].id
    assert FIRST[0].copy_key() < LATER[0].copy_key()


@pytest.mark.parametrize(
    "runs",
    [
        pytest.param([[LATER], [FIRST]], id="later copy stored, then the first: replaced"),
        pytest.param([[FIRST], [LATER]], id="first copy stored, then the later: unchanged"),
        pytest.param([[LATER, FIRST]], id="both in one batch"),
        pytest.param([[FIRST, LATER], [LATER]], id="again"),
    ],
)
def test_the_stored_copy_is_the_first_whatever_the_order(
    reference: Path, tmp_path: Path, runs: list[list[Item]]
) -> None:
    db = tmp_path / "copies.duckdb"
    _build(db, [_others(), *runs])
    found = differences(snapshot(reference, RECORD), snapshot(db, RECORD))
    assert not found, "\n".join(found)
    with open_store(db, read_only=True) as store:
        kept = store.con.execute(
            "SELECT external_id, title FROM articles WHERE article_id = ?", [FIRST[0].id]
        ).fetchall()
        taipei = store.con.execute("SELECT count(*) FROM actors WHERE actor_id = 'TWN'").fetchall()
        stale = store.con.execute(
            "SELECT (SELECT count(*) FROM stale_events) + (SELECT count(*) FROM stale_actors)"
        ).fetchall()
    assert kept == [("ap-1", "Story (nytimes.com)")]
    assert taipei == [(0,)]  # only the replaced copy named Taipei
    assert stale == [(0,)]


def test_a_replacement_merged_incrementally_equals_a_full_merge(tmp_path: Path) -> None:
    """The events the replaced copy's reports were in are derived again: the same events,
    day totals, sides and actors as a full merge of the same store."""
    db = tmp_path / "copies.duckdb"
    _build(db, [_others(), [LATER], [FIRST]])
    full = tmp_path / "full.duckdb"
    full.write_bytes(db.read_bytes())
    with open_store(full) as store:
        store.merge_events(1, full=True)
    found = differences(snapshot(full, RECORD), snapshot(db, RECORD))
    assert not found, "\n".join(found)


@pytest.mark.parametrize("seed", range(6))
def test_random_orders_and_runs_with_copies(reference: Path, tmp_path: Path, seed: int) -> None:
    """Every order and split of the corpus and both copies gives the reference record; with a
    rewrite in side order after each merge, its layout too."""
    rng = random.Random(seed)
    items = [*_others(), FIRST, LATER]
    rng.shuffle(items)
    cuts = sorted(rng.sample(range(1, len(items)), rng.randint(0, 4)))
    runs = [items[a:b] for a, b in pairwise([0, *cuts, len(items)])]
    db = tmp_path / "random.duckdb"
    resort_always = seed % 2 == 0
    _build(db, runs, resort_always=resort_always)
    queries = {**RECORD, **(LAYOUT if resort_always else {})}
    found = differences(snapshot(reference, queries), snapshot(db, queries))
    assert not found, "\n".join([f"runs {[[a.title for a, _, _ in r] for r in runs]}", *found])
