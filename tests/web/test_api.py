"""The REST API in-process (issue 17): filters, paging with totals, formats, one event with its
spans, JSON errors with the right status, bounded pages, read-only access and time limits."""

from __future__ import annotations

import csv
import io
import re
import shutil
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from eventwire.cli import cli
from eventwire.config import load_options
from eventwire.events.model import MODALITIES
from eventwire.store import open_store
from eventwire.web.reader import QueryTimeout, StoreReader, ingest_running


def test_events_filters_and_totals(client: TestClient) -> None:
    everything = client.get("/api/events", params={"min_confidence": 0}).json()
    russia = client.get("/api/events", params={"actor": "RUS", "min_confidence": 0}).json()
    assert everything["total"] > russia["total"] > 0
    assert all(
        "RUS" in (e["source_code"] or "") + (e["target_code"] or "") for e in russia["events"]
    )
    alleged = client.get("/api/events", params={"modality": "alleged", "min_confidence": 0}).json()
    assert [e["modality"] for e in alleged["events"]] == ["alleged"]


@pytest.mark.parametrize("modality", [*MODALITIES, "all"])
def test_every_modality_the_coder_gives_can_be_asked_for(client: TestClient, modality: str) -> None:
    # The REST parameter once left out "negated" and "intended" (HTTP 422 for a real modality).
    found = client.get("/api/events", params={"modality": modality, "min_confidence": 0})
    assert found.status_code == 200, found.text
    assert all(modality in ("all", e["modality"]) for e in found.json()["events"])
    page = client.get("/events", params={"modality": modality})
    assert page.status_code == 200 and f"<option selected>{modality}</option>" in page.text


def test_an_unknown_modality_is_refused(client: TestClient) -> None:
    answer = client.get("/api/events", params={"modality": "rumoured"})
    assert answer.status_code == 400 and "modality" in answer.text


def test_paging_and_sorting(client: TestClient) -> None:
    params = {"min_confidence": 0, "modality": "all", "sort": "goldstein", "order": "desc"}
    first = client.get("/api/events", params={**params, "limit": 2}).json()
    second = client.get("/api/events", params={**params, "limit": 2, "offset": 2}).json()
    whole = client.get("/api/events", params=params).json()
    assert first["total"] == second["total"] == whole["total"] >= 4
    assert [e["event_id"] for e in first["events"] + second["events"]] == [
        e["event_id"] for e in whole["events"][:4]
    ]
    scores = [e["goldstein"] for e in whole["events"]]
    assert scores == sorted(scores, reverse=True)


def test_page_size_is_bounded(client: TestClient) -> None:
    answer = client.get("/api/events", params={"limit": 100_000, "min_confidence": 0}).json()
    assert answer["limit"] == load_options().web.max_page_size


def test_csv_and_geojson_carry_the_same_page(client: TestClient) -> None:
    params = {"min_confidence": 0, "limit": 3}
    page = client.get("/api/events", params=params).json()
    table = client.get("/api/events", params={**params, "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert table.headers["content-type"].startswith("text/csv")
    assert [r["event_id"] for r in rows] == [e["event_id"] for e in page["events"]]
    geo = client.get("/api/events", params={**params, "format": "geojson"}).json()
    assert geo["type"] == "FeatureCollection" and geo["total"] == page["total"]
    assert [f["id"] for f in geo["features"]] == [e["event_id"] for e in page["events"]]


def test_one_event_with_its_reports_and_spans(client: TestClient) -> None:
    signing = client.get("/api/events", params={"cameo": "057", "actor": "RUS"}).json()
    event_id = signing["events"][0]["event_id"]
    record = client.get(f"/api/events/{event_id}").json()
    assert record["fields"]["event_id"] == event_id
    assert len(record["mentions"]) == record["fields"]["num_mentions"] >= 2
    for mention in record["mentions"]:
        spans = {s["role"]: s for s in mention["spans"]}
        trigger = spans["trigger"]
        assert mention["sentence"][trigger["start"] : trigger["end"]] == trigger["text"]
        assert mention["title"] is None or isinstance(mention["title"], str)
        assert mention["published"] is not None


@pytest.mark.parametrize(
    ("url", "status", "words"),
    [
        ("/api/events?since=2024-13-01", 400, "not a date"),
        ("/api/events?until=yesterday", 400, "not a date"),
        ("/api/events?actor=NOWHERE", 400, "no actor"),
        ("/api/events?cameo=999", 400, "CAMEO"),
        ("/api/events?plover=PICNIC", 400, "PLOVER"),
        ("/api/events?quad_class=7", 400, "quad_class"),
        ("/api/events?since=2024-12-01&until=2024-01-01", 400, "after"),
        ("/api/actors/NOWHERE/timeline", 400, "no actor"),
        ("/api/dyads/RUS/NOWHERE", 400, "no actor"),
        ("/api/events/e000000000000000", 404, "no event"),
        ("/api/articles/nothing", 404, "no article"),
        ("/api/treaties/no-such-treaty", 404, "treaty"),
        ("/api/changes?week=someday", 400, "not a date"),
        ("/api/articles/search?q=%22unbalanced", 400, "query"),
        ("/api/nothing-here", 404, "Not Found"),
    ],
)
def test_errors_are_json_with_the_right_status(
    client: TestClient, url: str, status: int, words: str
) -> None:
    answer = client.get(url)
    assert answer.status_code == status
    body = answer.json()
    assert body["status"] == status and words in body["error"]


@pytest.mark.parametrize(
    ("parameter", "option", "value", "words"),
    [
        ("plover", "--plover", "ASSUALT", "did you mean ASSAULT?"),
        ("cameo", "--code", "999", "unknown CAMEO code '999'"),
        ("actor", "--actor", "Rusia", "unknown actor 'Rusia'"),
        ("country", "--country", "Atlantis", "unknown actor 'Atlantis'"),
        ("since", "--since", "2024-13-01", "is not a date"),
    ],
)
def test_the_api_refuses_what_the_command_line_refuses_with_its_words(
    client: TestClient, web_db: Path, parameter: str, option: str, value: str, words: str
) -> None:
    """One validation (the library's) serves both: the same message, 400 here, exit 2 there."""
    answer = client.get("/api/events", params={parameter: value})
    command = CliRunner().invoke(cli, ["events", "--db", str(web_db), option, value])
    assert answer.status_code == 400 and words in answer.json()["error"]
    assert command.exit_code == 2 and words in command.output


def test_actors_are_named_as_on_the_command_line(client: TestClient) -> None:
    """A name resolves through the knowledge base, as ``eventwire events --actor`` does."""
    by_code = client.get("/api/events", params={"actor": "PRK", "min_confidence": 0}).json()
    by_name = client.get("/api/events", params={"actor": "North Korea", "min_confidence": 0}).json()
    assert by_name["total"] == by_code["total"] > 0
    timeline = client.get("/api/actors/North Korea/timeline").json()
    assert timeline["total"] == client.get("/api/actors/PRK/timeline").json()["total"]


def test_timeline_dyad_network_changes(client: TestClient) -> None:
    timeline = client.get("/api/actors/PRK/timeline").json()
    assert timeline["total"] > 0 and {r["role"] for r in timeline["rows"]} <= {
        "source",
        "target",
        "both",
    }
    dyad = client.get("/api/dyads/RUS/PRK", params={"freq": "month"}).json()
    assert sum(r["events"] for r in dyad["rows"]) > 0
    network = client.get("/api/network").json()
    assert any({r["source"], r["target"]} == {"RUS", "PRK"} for r in network["rows"])
    changes = client.get("/api/changes", params={"week": "2024-06-19", "by": "dyad"}).json()
    assert changes["week"] == "2024-06-17"
    assert any(r["key"] == "PRK–RUS" and r["events"] >= 1 for r in changes["rows"])


def test_actor_lookup_gives_roles_over_time(client: TestClient) -> None:
    found = client.get("/api/actors/lookup", params={"name": "Putin", "on": "2025-01-01"}).json()
    assert found["resolved"] and found["actor"]["actor_id"] == "person/vladimir-putin"
    assert any(role["office"] == "president" for role in found["roles"])
    unknown = client.get("/api/actors/lookup", params={"name": "Flubberwocky"}).json()
    assert not unknown["resolved"]


def test_treaties_obligations_alliances(client: TestClient) -> None:
    listed = client.get("/api/treaties", params={"as_of": "2025-01-01"}).json()
    assert any(r["treaty_id"] == "north-atlantic-treaty" for r in listed["rows"])
    nato = client.get("/api/treaties/NATO").json()
    assert nato["treaty"]["treaty_id"] == "north-atlantic-treaty"
    est = client.get("/api/obligations", params={"attacked": "EST", "as_of": "2025-01-01"}).json()
    assert "USA" in {r["obligor"] for r in est["rows"]}
    before = client.get("/api/obligations", params={"attacked": "FIN", "as_of": "2020-01-01"})
    after = client.get("/api/obligations", params={"attacked": "FIN", "as_of": "2024-01-01"})
    nato_id = "north-atlantic-treaty"
    assert nato_id not in {r["treaty_id"] for r in before.json()["rows"]}
    assert nato_id in {r["treaty_id"] for r in after.json()["rows"]}


def test_search_finds_articles_by_their_words(client: TestClient) -> None:
    found = client.get("/api/articles/search", params={"q": "june"}).json()
    assert found["total"] == 1
    hit = found["hits"][0]
    start, end = hit["highlights"][0]
    assert hit["snippet"][start:end].lower() == "june"
    assert client.get("/api/articles/search", params={"q": "zanzibar"}).json()["total"] == 0
    articles = client.get("/api/articles").json()
    one = client.get(f"/api/articles/{articles['rows'][0]['article_id']}").json()
    assert one["fields"]["text"].startswith("Story")


def test_record_endpoints(client: TestClient) -> None:
    assert client.get("/api/stats").json()["events"] > 0
    assert client.get("/api/runs").json()["total"] == 1
    assert client.get("/api/rejected").json()["total"] == 0
    assert client.get("/api/quotes").json()["total"] == 0


def test_security_headers_and_no_path_traversal(client: TestClient) -> None:
    answer = client.get("/api/stats")
    policy = answer.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert client.get("/static/app.css").status_code == 200
    for path in ("/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py"):
        assert client.get(path).status_code == 404


def test_the_server_reads_only(web_db: Path) -> None:
    reader = StoreReader(web_db, load_options().web)
    try:
        with reader.view() as view, pytest.raises(duckdb.Error, match="read-only"):
            view.con.execute("DELETE FROM events")
    finally:
        reader.close()


def test_a_query_past_the_time_limit_is_stopped(web_db: Path) -> None:
    options = load_options(overrides={"web.query_seconds": 0.2}).web
    reader = StoreReader(web_db, options)
    try:
        with pytest.raises(QueryTimeout, match=r"longer than 0\.2 s"), reader.view() as view:
            view.con.execute("SELECT count(*) FROM range(100000000000) a").fetchall()
    finally:
        reader.close()


def _wait_for(condition: Callable[[], bool], seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_the_server_lets_the_file_go_when_an_ingest_starts(web_db: Path, tmp_path: Path) -> None:
    """The store stays open between requests, until an ingest takes its lock: then the server
    closes it, answers each request with a store opened for it alone, and a writer can open
    the file between them (DuckDB allows no writer while any connection holds it)."""
    from eventwire.store.lock import ingest_lock

    db = tmp_path / "copy.duckdb"  # the session's app holds web_db between its requests
    shutil.copy(web_db, db)
    options = load_options(overrides={"web.hold_seconds": 60.0}).web
    reader = StoreReader(db, options)
    try:
        with reader.view() as view:
            before = view.con.execute("SELECT count(*) FROM events").fetchone()
        assert reader.holding and ingest_running(db) is False
        with ingest_lock(db):
            assert ingest_running(db)
            assert _wait_for(lambda: not reader.holding)
            writer = open_store(db)
            writer.con.execute("CREATE TABLE written_meanwhile AS SELECT 1 AS x")
            writer.close()
            with reader.view() as view:  # opened for this request, closed after
                assert view.con.execute("SELECT count(*) FROM events").fetchone() == before
            assert not reader.holding
            open_store(db).close()  # the file is free again
        with reader.view() as view:
            assert view.con.execute("SELECT x FROM written_meanwhile").fetchone() == (1,)
        assert reader.holding
    finally:
        reader.close()
    assert not reader.holding


def test_the_server_lets_the_file_go_when_idle(web_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "copy.duckdb"
    shutil.copy(web_db, db)
    reader = StoreReader(db, load_options(overrides={"web.hold_seconds": 0.3}).web)
    try:
        with reader.view() as view:
            view.con.execute("SELECT count(*) FROM events").fetchone()
        assert reader.holding
        assert _wait_for(lambda: not reader.holding)
        open_store(db).close()  # any writer finds the file free
    finally:
        reader.close()


@pytest.mark.parametrize(("freq", "label"), [("week", r"\d{4}-W\d{2}"), ("month", r"\d{4}-\d{2}")])
def test_series_periods_are_labelled_as_periods(client: TestClient, freq: str, label: str) -> None:
    """Issue 14: a weekly series names its periods 2024-W49, a monthly one 2024-12, beside the
    first day (``period``) kept for sorting and links."""
    for url in ("/api/dyads/RUS/PRK", "/api/actors/PRK/series"):
        rows = client.get(url, params={"freq": freq}).json()["rows"]
        assert rows
        for row in rows:
            assert re.fullmatch(label, row["period_label"]), row
            start = date.fromisoformat(row["period"])
            expected = (
                f"{start.isocalendar()[0]}-W{start.isocalendar()[1]:02d}"
                if freq == "week"
                else start.isoformat()[:7]
            )
            assert row["period_label"] == expected


@pytest.mark.parametrize("threads", [1, 2])
def test_the_server_reads_with_its_duckdb_threads(
    web_db: Path, tmp_path: Path, threads: int
) -> None:
    """[web] threads (1 by default: requests run side by side on their own cursors) holds
    for the held store and for a store opened for one request while an ingest runs."""
    from eventwire.store.lock import ingest_lock

    db = tmp_path / "copy.duckdb"
    shutil.copy(web_db, db)
    reader = StoreReader(db, load_options(overrides={"web.threads": threads}).web)
    setting = "SELECT current_setting('threads')"
    try:
        with reader.view() as view:
            assert view.con.execute(setting).fetchone() == (threads,)
        assert reader.holding
        with ingest_lock(db):
            assert _wait_for(lambda: not reader.holding)
            with reader.view() as view:  # opened for this request
                assert view.con.execute(setting).fetchone() == (threads,)
    finally:
        reader.close()
    assert load_options().web.threads == 1
