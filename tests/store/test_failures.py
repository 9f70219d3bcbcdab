"""Failures confined to the smallest unit at the storage step, dead runs, the ingest lock and
bulk rejections (issue 15)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.documents import Rejection
from eventwire.documents.article import Article, Provenance
from eventwire.engines.model import CodedArticle
from eventwire.errors import StoreError
from eventwire.ingest import store_batch
from eventwire.store import open_store
from eventwire.store.lock import ingest_lock

from .builders import RUN, article


def _unstorable() -> Article:
    """An article built around the documents layer's normalisation: a lone surrogate."""
    return Article(
        text="Talks in Geneva went on for a second day, officials said.",
        title="Half an emoji \ud83d",
        provenance=Provenance(path="bad.jsonl", reader="test", record=7),
    )


def test_a_value_the_database_refuses_is_a_store_error_not_a_crash(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.duckdb") as store:
        run = store.begin_run(RUN)
        with pytest.raises(StoreError, match="cannot store article"):
            store.write_articles(run, [(_unstorable(), (), None)])
        assert store.counts()["articles"] == 0  # rolled back whole


def test_one_unstorable_article_loses_only_itself(tmp_path: Path) -> None:
    good = [article(f"good {n}", date(2024, 6, n + 1)) for n in range(3)]
    batch = [CodedArticle(a, ()) for a in (good[0], _unstorable(), *good[1:])]
    rejected: list[Rejection] = []
    with open_store(tmp_path / "e.duckdb") as store:
        run = store.begin_run(RUN)
        stored, _mentions = store_batch(store, run, batch, rejected.append)
        assert [c.article.id for c in stored] == [a.id for a in good]
        assert store.counts()["articles"] == 3
    (rejection,) = rejected
    assert (rejection.path, rejection.record) == ("bad.jsonl", 7)
    assert rejection.reason.startswith("article could not be stored")


def test_bulk_rejections_are_recorded_once_per_input_like_single_ones(tmp_path: Path) -> None:
    items = [
        Rejection("a.jsonl", "malformed JSON line", record=1, reader="r"),
        Rejection("a.jsonl", "malformed JSON line", record=1, reader="r"),  # twice in a run
        Rejection("a.jsonl", "malformed JSON line", record=2, reader="r"),
        Rejection("b.txt", "empty file"),
    ]
    with open_store(tmp_path / "e.duckdb") as store:
        first = store.begin_run(RUN)
        store.record_rejections(first, items)
        second = store.begin_run(RUN)
        store.record_rejections(second, [*items[2:], Rejection("c.txt", "empty file")])
        rows = store.con.execute(
            "SELECT path, record, reason, first_run_id, last_run_id FROM rejected_inputs"
            " ORDER BY path, record"
        ).fetchall()
    assert rows == [
        ("a.jsonl", 1, "malformed JSON line", first, first),
        ("a.jsonl", 2, "malformed JSON line", first, second),
        ("b.txt", None, "empty file", first, second),
        ("c.txt", None, "empty file", second, second),
    ]


def test_runs_left_running_are_marked_died(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.duckdb") as store:
        killed = store.begin_run(RUN)
        done = store.begin_run(RUN)
        store.finish_run(done, "complete", {})
        assert store.mark_dead_runs() == 1
        statuses = dict(store.con.execute("SELECT run_id, status FROM runs").fetchall())
    assert statuses == {killed: "died", done: "complete"}


def test_a_second_ingest_waits_for_the_lock_then_gives_up(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    with (
        ingest_lock(db),
        pytest.raises(StoreError, match="another ingest is writing"),
        ingest_lock(db, wait_seconds=0.3),
    ):
        pass
    with ingest_lock(db):  # released when the first one ended
        pass


def test_a_reader_gives_up_with_a_clear_message_while_a_writer_holds_the_file(
    tmp_path: Path,
) -> None:
    import subprocess
    import sys

    db = tmp_path / "e.duckdb"
    with open_store(db):
        pass
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, duckdb\ncon = duckdb.connect(sys.argv[1])\nprint('held', flush=True)\n"
            "sys.stdin.readline()\n",
            str(db),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreError, match="another process holds it"):
            open_store(db, read_only=True, wait_seconds=0.5)
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=60)
        holder.stdout.close()
    with open_store(db, read_only=True, wait_seconds=5) as store:  # free again
        assert store.counts()["articles"] == 0


def test_relinks_keep_the_smallest_original_in_the_same_transaction(tmp_path: Path) -> None:
    """A near-duplicate's link becomes the smallest id of its group, whatever the order."""
    one, two, three = sorted(
        (article(f"copy {n}", date(2024, 6, 1)) for n in range(3)), key=lambda a: a.id
    )
    with open_store(tmp_path / "e.duckdb") as store:
        run = store.begin_run(RUN)
        store.write_articles(run, [(three, (), None)])
        store.write_articles(run, [(two, (), None)], [(three.id, two.id)])
        store.write_articles(run, [(one, (), None)], [(three.id, one.id), (two.id, one.id)])
        store.write_articles(run, [], [(three.id, two.id)])  # a larger one never wins back
        links = dict(store.con.execute("SELECT article_id, duplicate_of FROM articles").fetchall())
    assert links == {one.id: None, two.id: one.id, three.id: one.id}
