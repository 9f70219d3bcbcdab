"""Issue 16: ``articles`` (filters, limit, formats), ``event ID`` (one event's provenance, short
ids accepted back), ``ingest``/``code`` (URLs refused at once, dictionaries used for coding) and
progress (a total, a rate and an ETA; plain lines in a log)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner, Result

from eventwire.analysis.event_ids import AmbiguousEvent, find_event
from eventwire.cli import EXIT_REJECTED, cli
from eventwire.cli.output import PlainProgress
from eventwire.store import open_store
from tests.store.builders import fill


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("commands") / "corpus.duckdb"
    with open_store(path) as store:
        fill(store)
    return path


def run(*args: str, columns: int = 200) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(cli, list(args))


def csv_rows(result: Result) -> list[dict[str, str]]:
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


def test_articles_are_newest_first_with_a_footer(db: Path) -> None:
    rows = csv_rows(run("articles", "--db", str(db), "--format", "csv"))
    dates = [r["published"] for r in rows]
    assert dates == ["2024-12-05", "2024-11-06", "2024-09-14", "2024-06-20", "2024-06-11", ""]
    table = run("articles", "--db", str(db), "--limit", "2")
    assert "2 of 6 articles — use --limit" in table.output


def test_articles_filter_by_date_source_and_words(db: Path) -> None:
    dw = csv_rows(run("articles", "--db", str(db), "--source", "DW.com", "--format", "csv"))
    assert [r["url"] for r in dw] == ["https://dw.com/september", "https://dw.com/june"]
    two = csv_rows(
        run("articles", "--db", str(db), "--source", "dw.com", "--source", "reuters.com",
            "--since", "2024-06-15", "--format", "csv")
    )  # fmt: skip
    assert [r["url"] for r in two] == ["https://dw.com/september", "https://dw.com/june"]
    words = run("articles", "--db", str(db), "--text", "story november", "--format", "json")
    assert [a["url"] for a in json.loads(words.stdout)] == ["https://apnews.com/november"]
    bad = run("articles", "--db", str(db), "--since", "last week")
    assert bad.exit_code == 2 and "'last week' is not a date" in bad.output


def test_event_shows_every_report_and_takes_the_short_id(db: Path) -> None:
    listed = csv_rows(run("events", "--db", str(db), "--code", "057", "--format", "csv"))
    signing = next(r for r in listed if r["num_mentions"] == "3")
    short = signing["event_id"][:9]
    result = run("event", short, "--db", str(db), "--format", "json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found["event"]["event_id"] == signing["event_id"]
    assert len(found["reports"]) == 3
    assert {r["source"] for r in found["reports"]} == {"dw.com", "arabnews.com"}
    for report in found["reports"]:
        spans = {span["role"]: span["text"] for span in report["spans"]}
        assert report["sentence"] and spans["trigger"] == "signed"
    table = run("event", short, "--db", str(db))
    assert table.exit_code == 0 and "report 3 of 3" in table.output
    assert "Putin signed Kim." in table.output


@pytest.mark.parametrize(
    ("given", "says"),
    [("e0000000000", "no event has the id 'e0000000000'"), ("e1", "too short"), ("e", "too short")],
)
def test_an_unknown_event_id_is_a_usage_error(db: Path, given: str, says: str) -> None:
    result = run("event", given, "--db", str(db))
    assert result.exit_code == 2 and says in result.output


def test_an_ambiguous_short_id_lists_the_candidates() -> None:
    con = duckdb.connect()
    con.execute("CREATE TABLE events (event_id VARCHAR)")
    con.execute("INSERT INTO events VALUES ('eabc1000000000000'), ('eabc2000000000000')")
    with pytest.raises(AmbiguousEvent, match="eabc1000000000000, eabc2000000000000"):
        find_event(con, "eabc")
    assert find_event(con, "EABC2") == "eabc2000000000000"


def test_a_url_is_refused_before_anything_runs(tmp_path: Path) -> None:
    db = tmp_path / "never.duckdb"
    result = run("ingest", "https://example.org/news/story.html", "--db", str(db))
    assert result.exit_code == 2
    assert "'https://example.org/news/story.html' is a URL" in result.output  # not mangled
    assert not db.exists()


@pytest.mark.parametrize("command", ["ingest", "code"])
def test_a_missing_or_remote_dictionary_fails_fast(tmp_path: Path, command: str) -> None:
    story = tmp_path / "s.txt"
    story.write_text("France and Germany signed a pact.\n", encoding="utf-8")
    db = ["--db", str(tmp_path / "never.duckdb")] if command == "ingest" else []
    missing = run(command, str(story), *db, "--dictionary", str(tmp_path / "absent.yaml"))
    assert missing.exit_code == 2 and "absent.yaml' not found" in missing.output
    remote = f"eventwire.actors.reign_csv.v1::https://example.org/{command}.csv"
    refused = run(command, str(story), *db, "--dictionary", remote)
    assert (
        refused.exit_code == 2 and f"'https://example.org/{command}.csv' is a URL" in refused.output
    )
    assert not (tmp_path / "never.duckdb").exists()


DICTIONARY = (
    "people:\n  - {name: Ivan Testov, country: UKR, roles: [[GOV, envoy, 2020-01-01, null]]}\n"
)
LINE = {
    "id": "1",
    "date": "2024-03-04",
    "text": "Ivan Testov met Vladimir Putin in Moscow on Monday.",
}


@pytest.mark.slow
def test_code_and_ingest_code_with_the_users_dictionary(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(DICTIONARY, encoding="utf-8")
    lines = tmp_path / "in.jsonl"
    lines.write_text(json.dumps(LINE) + "\n", encoding="utf-8")
    without = run("code", str(lines))
    assert json.loads(without.stdout)["source"]["code"] is None
    coded = run("code", str(lines), "--dictionary", str(mine))
    assert coded.exit_code == 0, coded.output
    assert json.loads(coded.stdout)["source"]["code"] == "UKRGOV"
    # The config key does the same for ingest, and --dictionary adds to it.
    config = tmp_path / "c.toml"
    config.write_text(f"[actors]\ndictionaries = [{json.dumps(str(mine))}]\n", encoding="utf-8")
    db = tmp_path / "e.duckdb"
    result = CliRunner().invoke(
        cli, ["--config", str(config), "ingest", str(lines), "--db", str(db), "--processes", "1"]
    )
    assert result.exit_code == 0, result.output
    with open_store(db, read_only=True) as store:
        sources = set(store.events(modality=None)["source_code"])
    assert "UKRGOV" in sources


def test_bad_dictionary_lines_are_reported_and_exit_3(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(DICTIONARY + "  - {name: Nobody Atall, country: XXX}\n", encoding="utf-8")
    lines = tmp_path / "in.jsonl"
    lines.write_text("", encoding="utf-8")
    result = run("code", str(lines), "--dictionary", str(mine))
    assert result.exit_code == EXIT_REJECTED
    assert f"{mine}:3" in result.stderr and "unknown country 'XXX'" in result.stderr


def test_piped_progress_prints_plain_lines_with_total_rate_and_eta(
    capsys: pytest.CaptureFixture[str],
) -> None:
    now = [0.0]
    with PlainProgress(
        "ingest", 400, every_items=100, every_seconds=30, clock=lambda: now[0]
    ) as shown:
        for _ in range(250):
            now[0] += 0.25  # 4 articles a second
            shown.advance()
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == (
        "ingest: 100 of 400 articles (25%), 4.0 articles/s, 0:00:25 elapsed, ETA 0:01:15"
    )
    assert lines[1].startswith("ingest: 200 of 400 articles (50%)")
    assert lines[-1].startswith("ingest: 250 of 400 articles (62%)")  # the last count, at the end
    assert len(lines) == 3


def test_progress_prints_after_a_while_even_when_slow(capsys: pytest.CaptureFixture[str]) -> None:
    now = [0.0]
    shown = PlainProgress("ingest", None, every_items=100, every_seconds=30, clock=lambda: now[0])
    now[0] = 31.0
    shown.advance()
    assert capsys.readouterr().err == "ingest: 1 articles, 0.0 articles/s, 0:00:31 elapsed\n"


@pytest.mark.slow
def test_ingest_in_a_log_prints_progress_with_the_total(tmp_path: Path, seeds_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["ingest", str(seeds_dir), "--db", str(tmp_path / "e.duckdb"), "--processes", "1"]
    )
    assert result.exit_code == 0, result.output
    progress = [line for line in result.stderr.splitlines() if line.startswith("ingest: ")]
    assert progress and re.match(r"ingest: (\d+) of \1 articles \(100%\), ", progress[-1])


def test_a_terminal_shows_count_total_rate_and_eta() -> None:
    from rich.console import Console

    from eventwire.cli.output import TerminalProgress

    shown = TerminalProgress("ingest", 10)
    shown.advance(5)
    console = Console(width=120, record=True, file=io.StringIO())
    console.print(shown.progress.make_tasks_table(shown.progress.tasks))
    line = console.export_text()
    assert "5/10" in line and "50%" in line and "articles/s" in line and "ETA" in line
    unknown = TerminalProgress("ingest", None)
    unknown.advance(3)
    console.print(unknown.progress.make_tasks_table(unknown.progress.tasks))
    assert "3 articles" in console.export_text()


def test_standard_input_has_no_total_and_files_count_their_articles(seeds_dir: Path) -> None:
    from eventwire.config import load_options
    from eventwire.ingest import count_articles

    options = load_options()
    assert count_articles(["-"], options) is None
    assert count_articles([str(seeds_dir)], options) == 3
