"""`eventwire watch` (issue 18): files copied in bursts — one written in two halves — and a stop
and restart in between end in the same database as one `ingest` of the same files."""

from __future__ import annotations

import dataclasses
import shutil
import threading
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.config import Options
from eventwire.ingest import ingest
from eventwire.watch import Batch, Watcher, watch

from ..conftest import shared_path

INTERVAL = 0.3


def _state(db: Path) -> tuple[list[tuple[str, ...]], list[tuple[object, ...]]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        articles = con.execute("SELECT article_id FROM articles ORDER BY 1").fetchall()
        events = con.execute(
            "SELECT event_id, cameo, num_mentions FROM events ORDER BY 1"
        ).fetchall()
    finally:
        con.close()
    return articles, events


def _run(inbox: Path, options: Options, stop: threading.Event, batches: list[Batch]) -> None:
    batches.extend(watch([str(inbox)], options, interval=INTERVAL, stop=stop, poll=True))


def _until(condition, seconds: float = 120) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the watcher did not catch up"
        time.sleep(0.05)


@pytest.mark.shared
def test_bursts_halves_and_a_restart_equal_one_ingest(tmp_path: Path, options: Options) -> None:
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    whole = tmp_path / "whole.duckdb"
    ingest(
        [str(p) for p in seeds],
        dataclasses.replace(options, store=dataclasses.replace(options.store, path=str(whole))),
    )
    watched = tmp_path / "watched.duckdb"
    opts = dataclasses.replace(options, store=dataclasses.replace(options.store, path=str(watched)))
    inbox = tmp_path / "inbox"
    inbox.mkdir()

    # First run: the first seed arrives whole; the second is written in two halves with a
    # pause, and must not be read before it is complete.
    stop, batches = threading.Event(), []  # type: ignore[var-annotated]
    thread = threading.Thread(target=_run, args=(inbox, opts, stop, batches))
    thread.start()
    shutil.copy(seeds[0], inbox / seeds[0].name)
    _until(lambda: batches)
    text = seeds[1].read_bytes()
    half = inbox / seeds[1].name
    half.write_bytes(text[: len(text) // 2])
    time.sleep(INTERVAL / 3)
    with half.open("ab") as handle:
        handle.write(text[len(text) // 2 :])
    _until(lambda: len(batches) == 2)
    stop.set()
    thread.join(timeout=60)
    assert [b.files for b in batches] == [(str(inbox / seeds[0].name),), (str(half),)]
    assert batches[1].summary.articles_new == 2  # both articles of the whole file, not a half
    assert _state(watched) == _state(whole)

    # A restart reads everything again and changes nothing; a temporary file is never read.
    (inbox / "partial.txt.part").write_text("half a sto", encoding="utf-8")
    restarted = Watcher([str(inbox)], opts)
    assert restarted.look() is None  # first look: seen once, not yet known to be complete
    again = restarted.look()
    assert again is not None and again.summary.articles_new == 0
    assert len(again.files) == 2 and again.summary.already_stored == 3
    assert restarted.look() is None
    assert _state(watched) == _state(whole)


def test_a_missing_directory_is_a_clear_error(tmp_path: Path, options: Options) -> None:
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError, match="not a directory"):
        Watcher([str(tmp_path / "nowhere")], options)
