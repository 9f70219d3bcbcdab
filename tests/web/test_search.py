"""Search in the server (issue 17): the index an ingest keeps beside the store, opened
read-only; a store without one answers 503 saying how to make it; an ingest writing the store
and its index while the server searches breaks neither."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.cli import cli
from eventwire.config import load_options
from eventwire.store.search_index import index_path
from eventwire.web import create_app


def _copy(web_db: Path, tmp_path: Path, *, with_index: bool) -> Path:
    db = tmp_path / "copy.duckdb"  # the session's app holds web_db between its requests
    shutil.copy(web_db, db)
    if with_index:
        shutil.copytree(index_path(web_db), index_path(db))
    return db


def test_a_store_without_an_index_answers_503_until_one_is_made(
    web_db: Path, tmp_path: Path
) -> None:
    db = _copy(web_db, tmp_path, with_index=False)
    with TestClient(create_app(db)) as client:
        missing = client.get("/api/articles/search", params={"q": "june"})
        assert missing.status_code == 503
        assert "eventwire index --db" in missing.json()["error"]
        page = client.get("/search", params={"q": "june"})
        assert page.status_code == 503 and "eventwire index" in page.text
        made = CliRunner().invoke(cli, ["index", "--db", str(db)])
        assert made.exit_code == 0, made.output
        assert "articles indexed now" in made.output and "missing" in made.output
        # the running server finds it without a restart
        found = client.get("/api/articles/search", params={"q": "june"}).json()
        assert (found["total"], found["unindexed"]) == (1, 0)
    again = CliRunner().invoke(cli, ["index", "--db", str(db), "--rebuild"])
    assert again.exit_code == 0 and "asked for" in again.output, again.output


@pytest.mark.slow
def test_an_ingest_writes_the_store_and_its_index_while_the_server_searches(
    web_db: Path, tmp_path: Path
) -> None:
    """A real ``eventwire ingest`` (lock, batches, merge, index update at its end) into the
    store a server holds, while a client searches without pause: every answer is 200, and
    the new article is found once the ingest ends."""
    db = _copy(web_db, tmp_path, with_index=True)
    text = tmp_path / "inputs" / "zanzibar.txt"
    text.parent.mkdir()
    text.write_text(
        "Tanzania and Kenya signed a trade agreement in Zanzibar on Monday.\n\n"
        "The ministers of both countries met in Zanzibar to discuss the port.\n",
        encoding="utf-8",
    )
    app = create_app(db, load_options(overrides={"web.hold_seconds": 60.0}))
    answers: list[tuple[int, dict[str, Any]]] = []
    stop = threading.Event()

    def search_without_pause(client: TestClient) -> None:
        while not stop.is_set():
            answer = client.get("/api/articles/search", params={"q": "zanzibar"})
            answers.append((answer.status_code, answer.json()))

    with TestClient(app) as client:
        assert client.get("/api/articles/search", params={"q": "zanzibar"}).json()["total"] == 0
        searching = threading.Thread(target=search_without_pause, args=(client,))
        searching.start()
        try:
            # Another process, as in use: DuckDB lets one process hold a file either
            # read-only or read-write, never both.
            command = [sys.executable, "-m", "eventwire.cli", "ingest", str(text)]
            command += ["--db", str(db), "--date", "2024-06-03", "--processes", "1"]
            ran = subprocess.run(command, capture_output=True, text=True, timeout=600)
        finally:
            stop.set()
            searching.join()
        after = client.get("/api/articles/search", params={"q": "zanzibar"}).json()
    assert ran.returncode == 0, ran.stderr
    assert re.search(r"search index\W+7 articles \(1 indexed now\)", ran.stdout), ran.stdout
    assert answers and {status for status, _ in answers} == {200}, answers[-1]
    assert (after["total"], after["unindexed"]) == (1, 0)
    assert "Zanzibar" in after["hits"][0]["snippet"]
