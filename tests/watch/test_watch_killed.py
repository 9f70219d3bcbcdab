"""`eventwire watch` killed (SIGKILL) at random moments while corpus files arrive in random bursts
— one written in two halves — and restarted each time, ends with the database one `ingest` of
the same files gives (issue 18). Bounded: each wait has a deadline, the whole test a few
minutes on 2 busy cores."""

from __future__ import annotations

import dataclasses
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from eventwire.config import Options
from eventwire.ingest import ingest

from ..conftest import shared_path

SEED = int(os.environ.get("EVENTWIRE_WATCH_SEED", "18"))
State = tuple[list[tuple[object, ...]], list[tuple[object, ...]]]


def _state(db: Path) -> State | None:
    """Articles and merged events, or None while a writer holds the file or it is missing."""
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        articles = con.execute("SELECT article_id, published FROM articles ORDER BY 1").fetchall()
        events = con.execute(
            "SELECT event_id, cameo, modality, num_mentions, num_articles FROM events ORDER BY 1"
        ).fetchall()
    except duckdb.Error:
        return None
    finally:
        con.close()
    return articles, events


def _inputs(folder: Path) -> list[Path]:
    """The seeds, ten news-please records, and forty Gigaword articles as two JSONL files
    (made here at run time from ../shared, never kept in the repository)."""
    files = sorted(shared_path("seeds").glob("*.txt"))
    files += sorted(shared_path("corpora", "news_cluster").glob("*.json"))[:10]
    lines = shared_path("corpora", "gigaword_afp_xinhua.jsonl").read_text("utf-8").splitlines()
    for n in range(2):
        part = folder / f"gigaword_{n}.jsonl"
        part.write_text("\n".join(lines[n * 20 : (n + 1) * 20]) + "\n", encoding="utf-8")
        files.append(part)
    return files


def _start(inbox: Path, db: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "eventwire.cli", "watch", str(inbox), "--db", str(db),
               "--interval", "0.3", "--poll"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _kill(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.shared
def test_killed_and_restarted_watch_equals_one_ingest(tmp_path: Path, options: Options) -> None:
    rng = random.Random(SEED)
    source = tmp_path / "source"
    source.mkdir()
    files = _inputs(source)
    whole = tmp_path / "whole.duckdb"
    ingest([str(p) for p in files], dataclasses.replace(
        options, store=dataclasses.replace(options.store, path=str(whole))))  # fmt: skip
    expected = _state(whole)
    assert expected is not None and len(expected[0]) >= 50

    inbox, watched = tmp_path / "inbox", tmp_path / "watched.duckdb"
    inbox.mkdir()
    order = files[:]
    rng.shuffle(order)
    halves = next(p for p in order if p.suffix == ".jsonl")  # written in two halves
    watcher = _start(inbox, watched)
    kills = 0
    try:
        while order:
            size = rng.randint(1, 5)
            burst, order = order[:size], order[size:]
            for path in burst:
                if path == halves:
                    text = path.read_bytes()
                    with (inbox / path.name).open("wb") as out:
                        out.write(text[: len(text) // 2])
                        out.flush()
                        time.sleep(0.1)
                        out.write(text[len(text) // 2 :])
                else:
                    shutil.copy(path, inbox / path.name)
            time.sleep(rng.uniform(0.0, 1.5))
            if rng.random() < 0.6:  # a kill at a random moment, often in the middle of a batch
                time.sleep(rng.uniform(0.0, 6.0))
                _kill(watcher)
                kills += 1
                watcher = _start(inbox, watched)
        deadline = time.monotonic() + 300
        while _state(watched) != expected:
            assert watcher.poll() is None, f"the watcher exited with {watcher.returncode}"
            assert time.monotonic() < deadline, "the watcher never caught up with one ingest"
            time.sleep(1)
        # Killed once more and restarted: the restart reads every file again (its first look)
        # and the end state does not move.
        _kill(watcher)
        watcher = _start(inbox, watched)
        time.sleep(rng.uniform(10.0, 15.0))
    finally:
        _kill(watcher)
    assert _state(watched) == expected
    assert kills >= 2, f"seed {SEED} killed the watcher {kills} time(s)"
    runs = duckdb.connect(str(watched), read_only=True)
    try:
        statuses = dict(runs.execute("SELECT status, count(*) FROM runs GROUP BY 1").fetchall())
    finally:
        runs.close()
    assert statuses.get("complete", 0) >= 1, json.dumps(statuses)
