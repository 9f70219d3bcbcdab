"""The record: annotations tables, idempotence, killed runs, place-aware merging, stable ids."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from eventwire.events.model import ActorRef
from eventwire.store import Store, open_store
from eventwire.store.rows import ActorMentionRow, ArticleAnnotations, QuoteRow, SentenceRow

from .builders import RUN, article, corpus, event, fill

REPO = Path(__file__).resolve().parents[2]


def snapshot(store: Store) -> dict[str, list[tuple[object, ...]]]:
    """Everything content-derived in the store (run ids and clocks left out)."""
    queries = {
        "articles": "SELECT article_id, title, published FROM articles ORDER BY 1",
        "mentions": "SELECT mention_id, event_id FROM event_mentions ORDER BY 1",
        "events": "SELECT event_id, cameo, num_mentions, num_articles, num_sources,"
        " first_reported, first_article_id FROM events ORDER BY 1",
        "actors": "SELECT * FROM actors ORDER BY 1",
        "sentences": "SELECT * FROM sentences ORDER BY 1, 2",
    }
    return {name: store.con.execute(sql).fetchall() for name, sql in queries.items()}


def test_annotations_are_written_with_the_article(tmp_path: Path) -> None:
    art = article("notes", date(2024, 12, 5))
    speaker = ActorRef(
        "Lavrov", 0, 6, "person/sergey-lavrov", "Sergey Lavrov", "RUSGOV", "RUS", "GOV"
    )
    notes = ArticleAnnotations(
        sentences=(SentenceRow(0, "Lavrov said: “We will respond to this.”", 0, 40),),
        actor_mentions=(
            ActorMentionRow(
                0,
                6,
                "Lavrov",
                0,
                "person/sergey-lavrov",
                "Sergey Lavrov",
                "RUSGOV",
                "RUS",
                "GOV",
                "person",
            ),
            ActorMentionRow(50, 55, "them", 1),
        ),
        quotes=(QuoteRow(13, 38, "We will respond to this.", 0, speaker),),
    )
    with open_store(tmp_path / "e.duckdb") as store:
        for _ in range(2):  # the second write is a re-ingest: nothing changes
            run = store.begin_run(RUN)
            store.write_article(run, art, [], notes)
            store.merge_events(window_days=1)
            counts = store.counts()
        assert (counts["sentences"], counts["mentions"], counts["quotes"]) == (1, 2, 1)
        quotes = store.quotes("RUS")
        assert list(quotes["speaker_name"]) == ["Sergey Lavrov"]
        assert quotes["published"].iloc[0].date() == date(2024, 12, 5)
        actors = store.actors().set_index("actor_id")
        assert actors.loc["person/sergey-lavrov", "kind"] == "person"
        assert actors.loc["person/sergey-lavrov", "mentions"] == 1
        assert store.quotes("USA").empty


def test_sentences_fall_back_to_those_the_events_quote(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.duckdb") as store:
        fill(store)
        rows = store.query("SELECT start_char, text FROM sentences ORDER BY article_id LIMIT 1")
    assert rows["start_char"].isna().all() and rows["text"].iloc[0].endswith(".")


def test_reingesting_changes_no_count_and_no_id(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.duckdb") as store:
        fill(store)
        before, counts = snapshot(store), store.counts()
        fill(store)
        after, again = snapshot(store), store.counts()
    assert after == before
    assert {k: v for k, v in again.items() if k != "runs"} == {
        k: v for k, v in counts.items() if k != "runs"
    }


def test_places_known_to_differ_do_not_merge(tmp_path: Path) -> None:
    art = article("strikes", date(2024, 6, 11))
    same_day = [
        event(art, "Russian army", "Kyiv", "190", "2024-06-10", location="UKR"),
        event(art, "Russian army", "Kyiv", "190", "2024-06-10", sentence_index=1, location="SYR"),
        event(art, "Russian army", "Kyiv", "190", "2024-06-10", sentence_index=2),
    ]
    with open_store(tmp_path / "e.duckdb") as store:
        run = store.begin_run(RUN)
        store.write_article(run, art, same_day)
        assert store.merge_events(window_days=1) == 2  # the unlocated report joins one of them
        assert store.merge_events(window_days=1, by_place=False) == 1


def test_a_run_failing_between_articles_leaves_whole_articles_and_is_completed(
    tmp_path: Path,
) -> None:
    items = corpus()
    with open_store(tmp_path / "whole.duckdb") as store:
        fill(store, items)
        whole = snapshot(store)
    with open_store(tmp_path / "broken.duckdb") as store:
        run = store.begin_run(RUN)
        with pytest.raises(RuntimeError):
            for number, (art, events) in enumerate(items):
                if number == len(items) // 2:
                    raise RuntimeError("killed")
                store.write_article(run, art, events)
        store.finish_run(run, "failed", {})
        assert store.counts()["articles"] == len(items) // 2
        assert store.counts()["events"] == 0  # merging never ran
        fill(store, items)  # the next run writes the rest (known articles add nothing)
        assert snapshot(store) == whole


_WRITER = """
import sys, time
sys.path.insert(0, {repo!r})
from eventwire.store import open_store
from tests.store.builders import RUN, corpus
items = corpus()
with open_store({db!r}) as store:
    run = store.begin_run(RUN)
    for number, (art, events) in enumerate(items, start=1):
        store.write_article(run, art, events)
        if number == 2:
            print("stored", flush=True)
            time.sleep(60)  # killed here, between articles
"""


@pytest.mark.skipif(sys.platform == "win32", reason="needs POSIX signals")
def test_a_killed_process_leaves_whole_articles_and_the_next_run_matches_one_run(
    tmp_path: Path,
) -> None:
    """A real SIGKILL after two articles; the resumed store equals an uninterrupted one."""
    items = corpus()
    with open_store(tmp_path / "whole.duckdb") as store:
        fill(store, items)
        whole = snapshot(store)
    db = tmp_path / "killed.duckdb"
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER.format(repo=str(REPO), db=str(db))],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO / "src")},
    )
    assert writer.stdout is not None
    try:
        assert writer.stdout.readline().strip() == "stored"
    finally:
        writer.send_signal(signal.SIGKILL)
        writer.wait(timeout=30)
        writer.stdout.close()
    with open_store(db) as store:
        assert store.counts()["articles"] == 2
        assert store.query("SELECT status FROM runs")["status"].tolist() == ["running"]
        fill(store, items)
        assert snapshot(store) == whole
