"""Incremental merges (``eventwire.store.merging``) leave the store exactly as a full merge of
the same mentions does, after random sequences of ingests: many small runs, reports bridging
two events, undated reports, reports located in different countries, runs that fail or are
killed before or after merging and are completed by the next, and re-ingests that add
nothing."""

from __future__ import annotations

import dataclasses
import itertools
import random
import shutil
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from eventwire.documents import Article
from eventwire.events.model import ActorRef, Event
from eventwire.store import Store, derived, open_store
from eventwire.store.derived import SIDE_ORDER
from eventwire.store.rows import ActorMentionRow, ArticleAnnotations
from eventwire.store.schema import migrate
from tests.store.builders import ACTORS, RUN, article, corpus, event, later_ingests
from tests.store.test_derived import DERIVED_DISAGREES

from .snapshots import LAYOUT, RECORD, differences, snapshot

Item = tuple[Article, list[Event], ArticleAnnotations]

_UNNAMED = ["a Russian court", "an armed group"]
_START = date(2024, 6, 1)


# Few dyads, each side named several ways (RUS as Putin, Russia, the Russian army: one group,
# sides with different ids and codes), few codes: reports of one event meet often.
_SOURCES = ["Putin", "Russia", "Russian army"]
_TARGETS = ["Kim", "Pyongyang", "Kyiv"]


def _random_event(rng: random.Random, art: Article, index: int) -> Event:
    source, target = rng.choice(_SOURCES), rng.choice(_TARGETS)
    if rng.random() < 0.2:
        source, target = target, source
    cameo = rng.choice(["057", "190"])
    when: str | None = None
    roll = rng.random()
    if roll < 0.75:  # a day within a month: windows chain, bridge and leave gaps
        when = (_START + timedelta(days=rng.randrange(30))).isoformat()
    elif roll < 0.85:
        when = "2024-06"
    made = event(
        art,
        source,
        target,
        cameo,
        when,
        sentence_index=index,
        modality=rng.choice(["asserted", "asserted", "asserted", "alleged"]),
        location=rng.choice([None, None, "UKR", "SYR"]),
        verb=rng.choice(["met", "hit", "told"]),
    )
    if rng.random() < 0.1:  # an unresolved target groups by its words
        words = rng.choice(_UNNAMED)
        start = made.target.start if made.target else 0
        unnamed = ActorRef(words, start, start + len(words), None, None, None, None, None)
        made = dataclasses.replace(made, target=unnamed)
    return made


def _random_notes(rng: random.Random) -> ArticleAnnotations:
    """Actor mentions naming some actor ids with varying names, kinds and codes, so that
    each attribute of ``actors`` is decided by a count that new evidence can tip."""
    mentions = []
    for n in range(rng.randrange(3)):
        name = rng.choice(sorted(ACTORS))
        actor_id, code, country, sector = ACTORS[name]
        mentions.append(
            ActorMentionRow(
                10 * n,
                10 * n + 5,
                name,
                0,
                actor_id,
                rng.choice([name, name.upper(), "the " + name]),
                rng.choice([code, code[:3]]),
                country,
                sector,
                rng.choice(["state", "person", None]),
            )
        )
    return ArticleAnnotations(actor_mentions=tuple(mentions))


def _random_items(rng: random.Random, names: Iterator[int]) -> list[Item]:
    items = []
    for _ in range(rng.randrange(1, 4)):
        number = next(names)
        published = _START + timedelta(days=rng.randrange(30)) if rng.random() < 0.9 else None
        art = article(f"n{number}", published, rng.choice(["dw.com", "tass.ru", "ap.org"]))
        events = [_random_event(rng, art, index) for index in range(rng.randrange(5))]
        items.append((art, events, _random_notes(rng)))
    return items


# How a run ends: merged and complete (as ``ingest``), failed or killed before merging,
# failed or killed after merging (the next complete run completes their generation).
RUN_KINDS = ("complete", "failed", "killed", "merged, failed", "merged, killed", "re-ingest")


def _run(store: Store, kind: str, items: list[Item], window: int, by_place: bool) -> None:
    run = store.begin_run(RUN)
    for art, events, notes in items:
        store.write_article(run, art, events, notes)
    if kind in ("complete", "re-ingest", "merged, failed", "merged, killed"):
        store.merge_events(window, by_place=by_place)
    if kind in ("complete", "re-ingest"):
        store.finish_run(run, "complete", {})
    elif kind in ("failed", "merged, failed"):
        store.finish_run(run, "failed", {})


def _fully_merged(db: Path, folder: Path, window: int, by_place: bool) -> Path:
    copy = folder / "full.duckdb"
    shutil.copyfile(db, copy)
    with open_store(copy) as store:
        store.merge_events(window, by_place=by_place, full=True)
    return copy


def _check_derived(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        for name, sql in DERIVED_DISAGREES.items():
            assert store.con.execute(sql).fetchall() == [], name
        reused = store.con.execute(
            "SELECT side_id FROM event_sides GROUP BY ALL HAVING count(*) > 1"
            " UNION ALL SELECT min(side_id) FROM event_sides"
            " GROUP BY actor_id, code, country HAVING count(*) > 1"
        ).fetchall()
        assert reused == [], "a side id or a side twice"


@pytest.mark.parametrize(
    ("seed", "window", "by_place", "resort"),
    [(1, 1, True, "never"), (2, 0, True, "always"), (3, 2, False, "never")],
)
def test_incremental_merges_equal_a_full_merge(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
    window: int,
    by_place: bool,
    resort: str,
) -> None:
    # "always": every merge that appends re-sorts, so even the layout equals a full merge's;
    # "never": the unsorted tail and first-seen side ids accumulate over the whole sequence.
    monkeypatch.setattr(derived, "RESORT_TAIL_FRACTION", 0.0 if resort == "always" else 1e9)
    rng = random.Random(seed)
    names = iter(range(10_000))
    kinds = [*RUN_KINDS, *(rng.choice(RUN_KINDS[:1] * 3 + RUN_KINDS) for _ in range(6))]
    rng.shuffle(kinds)
    db = tmp_path / "incremental.duckdb"
    written: list[Item] = []
    for step, kind in enumerate([*kinds, "complete"]):  # the last run completes all before
        if kind == "re-ingest" and written:
            items = rng.sample(written, min(3, len(written)))
        else:
            items = _random_items(rng, names)
            written += items
        with open_store(db) as store:
            _run(store, kind, items, window, by_place)
        if kind in ("failed", "killed"):
            continue  # nothing merged: the store is stale until the next merge
        full = _fully_merged(db, tmp_path, window, by_place)
        queries = {**RECORD, **(LAYOUT if resort == "always" else {})}
        found = differences(snapshot(full, queries), snapshot(db, queries))
        assert not found, "\n".join([f"step {step} ({kind}):", *found])
        _check_derived(db)
    with open_store(db, read_only=True) as store:
        counts = store.counts()
    # Guards the comparison against a sequence where nothing merges.
    assert counts["events"] > 10 and counts["event_mentions"] >= counts["events"] + 5


def test_the_builders_ingests_merge_incrementally_as_in_full(tmp_path: Path) -> None:
    """The issue-7 cases (reports joining events, new dyads, a bridging report, a re-ingest),
    each merged incrementally, against one full merge."""
    db = tmp_path / "e.duckdb"
    stages = [corpus(), *later_ingests(), corpus()]
    for items in stages:
        with open_store(db) as store:
            _run(store, "complete", [(a, e, ArticleAnnotations()) for a, e in items], 1, True)
        full = _fully_merged(db, tmp_path, 1, True)
        assert snapshot(db, RECORD) == snapshot(full, RECORD)


def test_an_untouched_group_keeps_its_rows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Incremental means it: a report in one group rewrites that group's changed events only;
    every other event stays where it was stored (same row, never deleted and appended)."""
    monkeypatch.setattr(derived, "RESORT_TAIL_FRACTION", 1e9)  # no re-sort of a small store
    db = tmp_path / "e.duckdb"
    with open_store(db) as store:
        _run(store, "complete", [(a, e, ArticleAnnotations()) for a, e in corpus()], 1, True)
        before = dict(store.con.execute("SELECT event_id, rowid FROM events").fetchall())
        extra = article("extra", date(2024, 11, 12), "tass.ru")
        report = event(extra, "Washington", "Russia", "163", "2024-11-06", verb="sanctioned")
        _run(store, "complete", [(extra, [report], ArticleAnnotations())], 1, True)
        after = dict(store.con.execute("SELECT event_id, rowid FROM events").fetchall())
        joined = store.con.execute(
            "SELECT event_id, num_mentions FROM event_mentions JOIN events USING (event_id)"
            " WHERE mention_id = ?",
            [report.mention_id],
        ).fetchone()
    # It joined the November sanctions (no new event; the event's id may be its own now, as
    # ids come from the first mention in content order: issue 15).
    assert joined is not None and joined[1] > 1 and len(after) == len(before)
    moved = {event_id for event_id, row in after.items() if before.get(event_id) != row}
    assert moved == {joined[0]}


def test_a_report_rewrites_only_its_segment_of_a_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within a busy group, a report is clustered again only with the mentions its window can
    reach: the signing in June and the one in December are apart (no report between them
    within twice the window), so a December report leaves the June events where they were;
    a report between them that bridges the gap is merged as a full merge would."""
    monkeypatch.setattr(derived, "RESORT_TAIL_FRACTION", 1e9)
    db = tmp_path / "e.duckdb"
    june, december = article("june", date(2024, 6, 20)), article("dec", date(2024, 12, 5))
    first = [
        (
            june,
            [
                event(june, "Russia", "Pyongyang", "057", "2024-06-19"),
                event(june, "Russia", "Pyongyang", "057", "2024-06-22", sentence_index=1),
            ],
        ),
        (december, [event(december, "Russia", "Pyongyang", "057", "2024-12-04")]),
    ]
    with open_store(db) as store:
        _run(store, "complete", [(a, e, ArticleAnnotations()) for a, e in first], 1, True)
        before = dict(store.con.execute("SELECT event_id, rowid FROM events").fetchall())
    later = article("later", date(2024, 12, 6))
    report = event(later, "Putin", "Kim", "057", "2024-12-05", verb="signed")
    with open_store(db) as store:
        _run(store, "complete", [(later, [report], ArticleAnnotations())], 1, True)
        after = dict(store.con.execute("SELECT event_id, rowid FROM events").fetchall())
        december_event = store.con.execute(
            "SELECT event_id FROM event_mentions WHERE mention_id = ?", [report.mention_id]
        ).fetchone()
    assert len(before) == 3 and december_event is not None
    moved = {event_id for event_id, row in after.items() if before.get(event_id) != row}
    assert moved == {december_event[0]}
    middle = article("middle", date(2024, 6, 23))
    bridge = [event(middle, "Russia", "Pyongyang", "057", "2024-06-20", verb="signed")]
    with open_store(db) as store:
        _run(store, "complete", [(middle, bridge, ArticleAnnotations())], 1, True)
    full = _fully_merged(db, tmp_path, 1, True)
    assert snapshot(db, RECORD) == snapshot(full, RECORD)
    assert len(snapshot(db, RECORD)["events"].rows) == 2  # the June reports are one event now


def test_a_changed_window_or_place_rule_merges_in_full(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    with open_store(db) as store:
        _run(store, "complete", [(a, e, ArticleAnnotations()) for a, e in corpus()], 1, True)
    for window, by_place in [(30, True), (30, False), (1, True)]:
        with open_store(db) as store:
            count = store.merge_events(window, by_place=by_place)
        full = _fully_merged(db, tmp_path, window, by_place)
        assert snapshot(db, RECORD) == snapshot(full, RECORD)
        assert count == len(snapshot(full, RECORD)["events"].rows)


def test_a_store_merged_before_migration_5_is_merged_in_full_once(tmp_path: Path) -> None:
    """Without a merge state, nothing says the events are what merging gives: full merge."""
    db = tmp_path / "e.duckdb"
    con = duckdb.connect(str(db))
    migrate(con, until=4)
    con.close()
    with open_store(db) as store:
        assert store.query("SELECT * FROM merge_state").empty
        run = store.begin_run(RUN)
        for art, events in corpus():
            store.write_article(run, art, events)
        # Events some other writer left, which no merge would give: the full merge drops them.
        store.con.execute(
            "INSERT INTO events (event_id, cameo, modality, num_mentions, num_articles,"
            " num_sources, first_mention_id, source_side, target_side)"
            " VALUES ('stale', '010', 'asserted', 1, 1, 1, 'm', 1, 1)"
        )
        store.merge_events(1)
        state = store.query("SELECT window_days, by_place, appended_events FROM merge_state")
    assert state.values.tolist() == [[1, True, 0]]
    full = _fully_merged(db, tmp_path, 1, True)
    assert snapshot(db, RECORD) == snapshot(full, RECORD)
    assert "stale" not in {row[0] for row in snapshot(db, RECORD)["events"].rows}


def test_the_tail_is_sorted_away_past_its_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Appended events stay unsorted until they pass ``RESORT_TAIL_FRACTION`` of the table;
    then the table is rewritten in side order and the tail count starts again."""
    monkeypatch.setattr(derived, "RESORT_TAIL_FRACTION", 0.3)
    rng = random.Random(7)
    names = iter(range(10_000))
    tails = []
    with open_store(tmp_path / "e.duckdb") as store:
        for _ in range(25):
            _run(store, "complete", _random_items(rng, names), 1, True)
            row = store.con.execute("SELECT appended_events FROM merge_state").fetchone()
            assert row is not None
            tail, total = row[0], store.counts()["events"]
            assert tail <= 0.3 * total
            stored = store.con.execute("SELECT event_id FROM events ORDER BY rowid").fetchall()
            ordered = store.con.execute(
                f"SELECT event_id FROM events ORDER BY {SIDE_ORDER}"
            ).fetchall()
            assert tail > 0 or stored == ordered
            tails.append(tail)
    # Both happened: a tail was kept, and a tail was sorted away.
    assert any(tails) and any(a > 0 and b == 0 for a, b in itertools.pairwise(tails))
