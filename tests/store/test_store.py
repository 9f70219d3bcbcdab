from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.documents import Article, Provenance, Rejection
from eventwire.errors import StoreError
from eventwire.events.model import ActorRef, Event, EventDate, Plover, Trigger
from eventwire.store import RunInfo, open_store
from eventwire.store.schema import MIGRATIONS

RUN = RunInfo(("x",), "cfg", "0.1.0", "model", "3.8.0")


def actor(text: str, start: int, country: str, code: str) -> ActorRef:
    return ActorRef(text, start, start + len(text), country, text, code, country, "GOV")


def signing(doc_id: str, value: str, granularity: str) -> Event:
    sentence = "Putin and Kim signed the treaty."
    return Event(
        doc_id=doc_id,
        sentence_index=0,
        sentence=sentence,
        source=actor("Putin", 0, "RUS", "RUSGOV"),
        target=actor("Kim", 10, "PRK", "PRKGOV"),
        trigger=Trigger("signed", 14, 20),
        cameo="057",
        plover=Plover("AGREE", None, "diplomatic"),
        goldstein=8.0,
        quad_class=1,
        event_date=EventDate("in June", value, granularity),
        confidence=0.9,
    )


def article(text: str, source: str) -> Article:
    return Article(
        text=text,
        source=source,
        published=date(2024, 12, 5),
        provenance=Provenance(path=f"{source}.txt", reader="test"),
    )


def test_migrations_are_recorded_once(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    open_store(db).close()
    with open_store(db) as store:
        versions = store.query("SELECT version FROM schema_migrations")["version"].tolist()
    assert versions == [m.version for m in MIGRATIONS]


def test_two_articles_one_event_and_rewriting_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    first, second = article("Story one.", "dw.com"), article("Story two.", "arabnews.com")
    for _ in range(2):  # the second pass is a re-ingest of the same content
        with open_store(db) as store:
            run = store.begin_run(RUN)
            store.write_article(run, first, [signing(first.id, "2024-06", "month")])
            store.write_article(run, second, [signing(second.id, "2024-06-19", "day")])
            store.merge_events(window_days=1)
            counts = store.counts()
            events = store.events()
    assert counts["articles"] == 2 and counts["event_mentions"] == 2 and counts["events"] == 1
    row = events.iloc[0]
    assert (row.num_mentions, row.num_articles, row.num_sources) == (2, 2, 2)
    assert row.date_value == "2024-06-19"


def test_rejections_are_recorded_once_per_input(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.duckdb") as store:
        for _ in range(2):
            run = store.begin_run(RUN)
            store.record_rejection(run, Rejection("a.bin", "binary or undecodable content"))
            store.record_rejection(run, Rejection("b.jsonl", "malformed JSON", record=3))
        rejected = store.rejected()
    assert len(rejected) == 2
    assert set(rejected["reason"]) == {"binary or undecodable content", "malformed JSON"}


def test_read_only_open_of_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database"):
        open_store(tmp_path / "absent.duckdb", read_only=True)


def test_different_unnamed_actors_do_not_merge(tmp_path: Path) -> None:
    """Regression (issue 8): unresolved sides used to share one "unknown" key and merge."""

    def condemnation(doc_id: str, target_text: str) -> Event:
        sentence = f"France condemned {target_text}."
        unnamed = ActorRef(target_text, 17, 17 + len(target_text), None, None, None, None, None)
        return Event(
            doc_id=doc_id, sentence_index=0, sentence=sentence,
            source=actor("France", 0, "FRA", "FRAGOV"), target=unnamed,
            trigger=Trigger("condemned", 7, 16), cameo="111",
            plover=Plover("ACCUSE", None, None), goldstein=-2.0, quad_class=3,
            event_date=EventDate(None, "2024-06-19", "day"), confidence=0.6,
        )  # fmt: skip

    first, second = article("One.", "a.org"), article("Two.", "b.org")
    with open_store(tmp_path / "e.duckdb") as store:
        run = store.begin_run(RUN)
        store.write_article(run, first, [condemnation(first.id, "a Russian court")])
        store.write_article(run, second, [condemnation(second.id, "an armed group")])
        assert store.merge_events(window_days=1) == 2


def test_reporting_start_is_the_earliest_article_date(tmp_path: Path) -> None:
    """Plots start from it by default (issue 8: history mentioned in news stretched the axis)."""
    with open_store(tmp_path / "e.duckdb") as store:
        assert store.reporting_start() is None
        run = store.begin_run(RUN)
        undated = Article(text="No date.", provenance=Provenance(path="u.txt", reader="test"))
        store.write_article(run, undated, [])
        assert store.reporting_start() is None
        store.write_article(run, article("Story one.", "dw.com"), [])
        assert store.reporting_start() == date(2024, 12, 5)
