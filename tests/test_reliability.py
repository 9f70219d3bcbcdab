"""Reliability through the real command line (issue 15): hostile inputs beside good files,
ingests killed at chosen and random points (inside the merge too), a coding worker killed
mid-run, and readers reading while an ingest writes.

Each ingest here is a real ``eventwire ingest`` process. Kills are SIGKILL, sent by a small
wrapper script that patches a store function in that process before running the command: no
hook in the product code.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import eventwire
from eventwire.store import open_store

from .conftest import REPO, shared_path
from .hostile import Scale, write_hostile_inputs

pytestmark = [
    pytest.mark.slow,
    pytest.mark.shared,
    pytest.mark.skipif(os.name != "posix", reason="needs POSIX signals, FIFOs and symlinks"),
]

# Limits lowered with the bombs scaled down, so the same checks run in seconds.
_LIMITS = """
[pipeline]
n_process = {processes}
batch_size = 2
write_batch = {write_batch}
[documents]
max_file_bytes = 2_000_000
max_archive_bytes = 5_000_000
max_article_chars = 500_000
"""
SMALL = Scale(
    member_bytes=3_000_000, members=3, long_line_chars=600_000, sentence_chars=30_000, records=500
)

# Runs the CLI after patching one function to SIGKILL this process at its nth call (before it
# runs, or after it ran but before what follows: "after" kills inside the merge transaction).
_KILLER = """
import os, signal, sys
import importlib
module_name, attribute, when, nth = sys.argv[1:5]
owner = importlib.import_module(module_name)
parts = attribute.split(".")
for part in parts[:-1]:
    owner = getattr(owner, part)
original = getattr(owner, parts[-1])
calls = [0]
def patched(*args, **kwargs):
    calls[0] += 1
    if calls[0] == int(nth) and when == "before":
        os.kill(os.getpid(), signal.SIGKILL)
    result = original(*args, **kwargs)
    if calls[0] == int(nth) and when == "after":
        os.kill(os.getpid(), signal.SIGKILL)
    return result
setattr(owner, parts[-1], patched)
from eventwire.cli import main
sys.argv = ["eventwire", *sys.argv[5:]]
main()
"""


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO / "src")}


def _config(tmp_path: Path, *, processes: int = 1, write_batch: int = 3) -> Path:
    path = tmp_path / f"limits-{processes}-{write_batch}.toml"
    path.write_text(_LIMITS.format(processes=processes, write_batch=write_batch))
    return path


def _ingest(
    config: Path, db: Path, *paths: str, timeout: int = 600
) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "eventwire.cli", "--config", str(config), "ingest"]
    return subprocess.run(
        [*command, "--db", str(db), *paths],
        capture_output=True,
        text=True,
        errors="replace",
        env=_env(),
        timeout=timeout,
        check=False,
    )


def _gigaword(tmp_path: Path, count: int) -> Path:
    """The first ``count`` Gigaword articles as a JSONL file (read from ../shared)."""
    source = shared_path("corpora", "gigaword_afp_xinhua.jsonl")
    with source.open(encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(count)]
    path = tmp_path / f"gigaword{count}.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Everything content-derived (run ids, clocks and paths of a copy left out)."""
    queries = {
        "articles": "SELECT article_id, title, published, notes, text FROM articles ORDER BY 1",
        "mentions": "SELECT * EXCLUDE (run_id) FROM event_mentions ORDER BY mention_id",
        "events": "SELECT * FROM events ORDER BY event_id",
        "actors": "SELECT * FROM actors ORDER BY ALL",
        "sentences": "SELECT * FROM sentences ORDER BY ALL",
    }
    with open_store(db, read_only=True) as store:
        return {name: store.con.execute(sql).fetchall() for name, sql in queries.items()}


def test_all_hostile_inputs_together_with_good_files(tmp_path: Path) -> None:
    """The acceptance run, scaled down: good files stored, each bad input a rejection with its
    reason, exit 3, no traceback, markup and control characters printed as text."""
    seeds = shared_path("seeds")
    hostile = write_hostile_inputs(tmp_path / "inputs", SMALL, [])
    db = tmp_path / "e.duckdb"
    result = _ingest(
        _config(tmp_path), db, str(hostile.directory), *hostile.extra_paths, str(seeds)
    )
    assert result.returncode == 3, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    # Nothing from the inputs acts on the terminal: no raw escape character is printed.
    assert "\x1b" not in result.stdout + result.stderr
    assert "\\x1b[2Jclear.txt: empty file" in result.stderr
    assert "markup.zip::[/bold].txt" in result.stderr  # printed as text, not read as markup
    with open_store(db, read_only=True) as store:
        rejected = store.query("SELECT path, reason FROM rejected_inputs")
        stored = store.query(
            "SELECT path, record, title, published, coalesce(notes, '') AS notes FROM articles"
        )
        runs = store.query("SELECT status, rejected FROM runs")
    reasons: dict[str, list[str]] = {}
    for path, reason in zip(rejected["path"], rejected["reason"], strict=True):
        reasons.setdefault(path, []).append(reason)
    for path, fragment in hostile.expected.items():
        assert any(fragment in reason for reason in reasons.get(path, [])), (
            path,
            reasons.get(path),
        )
    assert len(reasons[f"{hostile.directory}/many_bad.jsonl"]) == SMALL.records
    for path, note in hostile.stored.items():
        rows = stored[stored["path"] == path]
        assert len(rows) >= 1, path
        assert any(note in notes for notes in rows["notes"]), (path, list(rows["notes"]))
    # The good files are all stored: both seed files (three articles).
    assert sum(path.startswith(str(seeds)) for path in stored["path"]) == 3
    # Every line after the surrogates and after 500 bad lines is stored.
    assert len(stored[stored["path"] == f"{hostile.directory}/surrogates.jsonl"]) == 3
    assert len(stored[stored["path"] == f"{hostile.directory}/many_bad.jsonl"]) == 1
    # Bad record dates are kept as notes, never silently: the articles stay undated.
    dated = stored[stored["path"] == f"{hostile.directory}/dates.jsonl"]
    assert len(dated) == 4 and dated["published"].isna().all()
    notes = " ".join(dated["notes"])
    for value in ("0000-00-00", "2024-02-30", "yesterday", "9999-12-31"):
        assert value in notes
    assert runs["status"].tolist() == ["complete"]


def _kill_at(
    config: Path, db: Path, target: str, when: str, nth: int, *paths: str
) -> subprocess.CompletedProcess[str]:
    module, _, attribute = target.partition(":")
    command = [sys.executable, "-c", _KILLER, module, attribute, when, str(nth)]
    return subprocess.run(
        [*command, "--config", str(config), "ingest", "--db", str(db), *paths],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=600,
        check=False,
    )


def test_ingests_killed_anywhere_resume_to_the_record_of_one_clean_run(tmp_path: Path) -> None:
    """SIGKILL before a batch is stored, between reading and storing, inside the merge's
    transaction and at a random moment; each next ingest marks the dead run 'died', and the
    last one leaves exactly the record of one uninterrupted run."""
    corpus = str(_gigaword(tmp_path, 10))
    config = _config(tmp_path)
    clean = tmp_path / "clean.duckdb"
    assert _ingest(config, clean, corpus).returncode == 0
    expected = snapshot(clean)

    db = tmp_path / "killed.duckdb"
    kills = [
        ("eventwire.store.store:Store.write_articles", "before", 2),  # mid-run
        ("eventwire.store.store:Store.write_signatures", "after", 1),  # read, not stored
        ("eventwire.store.merging:_assign", "after", 1),  # inside the merge transaction
    ]
    for target, when, nth in kills:
        killed = _kill_at(config, db, target, when, nth, corpus)
        assert killed.returncode == -signal.SIGKILL, (target, killed.stderr[-2000:])
    # And at a random moment of a real run (seeded: the same moment on every machine).
    moment = random.Random(15).uniform(2.0, 12.0)
    command = [sys.executable, "-m", "eventwire.cli", "--config", str(config), "ingest"]
    process = subprocess.Popen([*command, "--db", str(db), corpus], env=_env())
    time.sleep(moment)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    finished = _ingest(config, db, corpus)
    assert finished.returncode == 0, finished.stderr[-2000:]
    assert snapshot(db) == expected
    with open_store(db, read_only=True) as store:
        statuses = store.query("SELECT status FROM runs ORDER BY started_at")["status"].tolist()
    # Every killed run that got as far as recording itself is marked died; the last completed.
    assert statuses[-1] == "complete"
    assert set(statuses[:-1]) <= {"died", "complete"} and statuses.count("died") >= 3


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def _is_coding_worker(pid: int) -> bool:
    try:
        command = (Path("/proc") / str(pid) / "cmdline").read_bytes()
    except OSError:
        return False
    return b"spawn_main" in command


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_a_worker_killed_mid_run_and_readers_during_the_ingest(tmp_path: Path) -> None:
    """While an ingest with two workers runs, readers open the store read-only and see whole
    batches; one coding worker is then killed (as the OOM killer would): the ingest still
    finishes, every article stored, no traceback."""
    # Enough batches that the coding outlasts the workers' start and the readers' waits even
    # on a fast machine (60 articles were coded between two reads on CI's).
    total = 240
    corpus = str(_gigaword(tmp_path, total))
    db = tmp_path / "e.duckdb"
    write_batch = 4
    config = _config(tmp_path, processes=2, write_batch=write_batch)
    command = [sys.executable, "-m", "eventwire.cli", "--config", str(config), "ingest"]
    process = subprocess.Popen(
        [*command, "--db", str(db), corpus],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen: list[int] = []
    killed = None
    deadline = time.monotonic() + 300
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if db.exists():
                with eventwire.open(db, wait_seconds=30) as store:
                    (count,) = store.con.execute("SELECT count(*) FROM articles").fetchone()
                    seen.append(int(count))
            if killed is None and seen and 0 < seen[-1] < total:
                workers = [p for p in _children(process.pid) if _is_coding_worker(p)]
                if workers:
                    killed = workers[0]
                    os.kill(killed, signal.SIGKILL)
            time.sleep(0.2)
        _stdout, stderr = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
    assert killed is not None, f"no worker was killed mid-run (articles seen: {seen})"
    assert process.returncode == 0, stderr[-3000:]
    assert "Traceback" not in stderr
    with open_store(db, read_only=True) as store:
        assert store.counts()["articles"] == total
        assert store.query("SELECT status FROM runs")["status"].tolist() == ["complete"]
    # Readers read during the ingest, and only ever whole batches (or the whole input).
    assert seen == sorted(seen)
    assert all(count % write_batch == 0 or count == total for count in seen)


def test_read_only_opening_never_blocks_another_reader(tmp_path: Path) -> None:
    """Two readers at once, in two processes: neither takes a write lock."""
    db = tmp_path / "e.duckdb"
    with open_store(db):
        pass
    script = (
        "import sys, eventwire\n"
        "with eventwire.open(sys.argv[1]) as store:\n"
        "    print(store.counts()['articles'], flush=True)\n"
        "    sys.stdin.readline()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", script, str(db)],
        env=_env(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline().strip() == "0"
        with eventwire.open(db, wait_seconds=0) as store:  # no waiting needed
            assert store.counts()["articles"] == 0
    finally:
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=60)
        holder.stdout.close()


def test_the_run_summary_counts_what_was_rejected(tmp_path: Path) -> None:
    """The runs table records the rejections of a run (with the bulk recording)."""
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(["{no"] * 5 + [json.dumps({"text": "too short"})]))
    db = tmp_path / "e.duckdb"
    result = _ingest(_config(tmp_path), db, str(bad))
    assert result.returncode == 3
    with open_store(db, read_only=True) as store:
        (rejected,) = store.con.execute("SELECT rejected FROM runs").fetchone()
        (recorded,) = store.con.execute("SELECT count(*) FROM rejected_inputs").fetchone()
    assert rejected == recorded == 6
