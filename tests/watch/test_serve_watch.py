"""`eventwire serve --watch DIR` (issue 18): the dashboard and the watcher in one command; a file
dropped in DIR appears in the API while the server runs, and Ctrl-C stops both."""

from __future__ import annotations

import json
import multiprocessing
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from eventwire.watch import watch_in_background

STORY = (
    "Envoys meet in Geneva\n\n"
    "GENEVA, March 3 (AFP) - Russian Foreign Minister Sergey Lavrov met US Secretary of State"
    " Antony Blinken in Geneva on Tuesday, the two governments said.\n"
)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(url: str) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return dict(json.load(response))
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None  # not listening yet


def test_a_file_dropped_in_the_watched_directory_appears_in_the_api(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    db = tmp_path / "live.duckdb"
    port = _free_port()
    command = [sys.executable, "-m", "eventwire.cli", "serve", "--db", str(db), "--port", str(port),
               "--watch", str(inbox), "--interval", "0.3", "--poll"]  # fmt: skip
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
    try:
        url = f"http://127.0.0.1:{port}/api/articles"
        deadline = time.monotonic() + 120
        while (page := _get(url)) is None:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.2)
        assert page["total"] == 0  # an empty store, created for the watcher
        # Written elsewhere and renamed in, as a well-behaved writer does.
        (tmp_path / "story.part").write_text(STORY, encoding="utf-8")
        (tmp_path / "story.part").rename(inbox / "story.txt")
        deadline = time.monotonic() + 180
        while not (page := _get(url)) or page["total"] == 0:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the dropped file never reached the API"
            time.sleep(0.5)
        rows = page["rows"]
        assert isinstance(rows, list) and rows[0]["title"] == "Envoys meet in Geneva"
        # The batch's article is stored (and the file let go) before the run merges its events
        # (docs/concurrency.md): a reader may come in between, so the events are awaited too.
        events_url = f"http://127.0.0.1:{port}/api/events?modality=all&min_confidence=0"
        while not (events := _get(events_url)) or events["total"] == 0:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            assert time.monotonic() < deadline, "the dropped file's events never reached the API"
            time.sleep(0.5)
        assert [(e["source_code"], e["target_code"]) for e in events["events"]] == [
            ("RUSGOV", "USAGOV")
        ]
    finally:
        server.send_signal(signal.SIGINT)
        try:
            _, err = server.communicate(timeout=90)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert server.returncode == 0, err
    assert "watch: batch 1: 1 file(s), 1 article(s) read, 1 new" in err


def test_a_missing_directory_fails_before_anything_starts(tmp_path: Path) -> None:
    from eventwire.config import load_options
    from eventwire.errors import EventwireError

    with pytest.raises(EventwireError, match="not a directory"):
        watch_in_background([str(tmp_path / "absent")], load_options())
    assert all(p.name != "eventwire-watch" for p in multiprocessing.active_children())
