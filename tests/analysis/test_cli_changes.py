"""`eventwire changes` (issue 18): the change table of ``Store.changes`` on the command line, and
the events behind each row one command away — that command lists exactly the row's events."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from tests.analysis.test_changes import build_changes_db


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_changes_db(tmp_path_factory.mktemp("cli_changes") / "changes.duckdb")


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.output


def _week(db: Path, *args: str) -> dict:  # type: ignore[type-arg]
    code, out = _run("changes", "--db", str(db), "--format", "json", *args)
    assert code == 0, out
    (line,) = out.splitlines()
    return json.loads(line)  # type: ignore[no-any-return]


def test_iso_week_gives_the_library_table(db: Path) -> None:
    table = _week(db, "--week", "2024-W25")  # 2024-06-17 to 23
    assert table["week"] == "2024-06-17" and table["articles"] == 2
    rows = {r["key"]: r for r in table["rows"]}
    assert rows["RUS"]["events"] == 8 and rows["RUS"]["band_4"] == "large increase"
    assert rows["USA"]["band_4"] == "large decrease"
    assert rows["PRK"]["band_4"] == "low baseline" and rows["PRK"]["change_4"] is None
    assert _week(db, "--date", "2024-06-20") == table  # the week holding that day


@pytest.mark.parametrize(
    ("by", "key"), [("country", "RUS"), ("dyad", "KOR–USA"), ("category", "ACCUSE")]
)
def test_each_rows_command_lists_its_events(db: Path, by: str, key: str) -> None:
    table = _week(db, "--week", "2024-W25", "--by", by)
    row = next(r for r in table["rows"] if r["key"] == key)
    words = shlex.split(row["events_command"])
    assert words[:2] == ["eventwire", "events"]
    code, out = _run(*words[1:], "--format", "jsonl")
    assert code == 0, out
    assert len(out.splitlines()) == row["events"]


def test_table_output_and_since(db: Path) -> None:
    code, out = _run("changes", "--db", str(db), "--since", "2024-06-10", "--by", "dyad")
    assert code == 0, out
    assert "2024-W24" in out and "2024-W25" in out
    assert "RUS–UKR" in out and "large increase" in out


def test_bad_requests_are_usage_errors(db: Path) -> None:
    assert _run("changes", "--db", str(db), "--week", "2024-W60")[0] == 2
    assert _run("changes", "--db", str(db), "--week", "June")[0] == 2
    assert _run("changes", "--db", str(db), "--week", "2024-W25", "--date", "2024-06-20")[0] == 2
    code, out = _run("changes", "--db", str(db), "--since", "2030-01-01")
    assert code == 1 and "no article" in out


def test_no_percentage_beside_a_low_baseline(db: Path) -> None:
    """Issue 18: a baseline of one or two events a week gets a band, never a percentage (ACCUSE
    in 2024-W25: 3 events against 2 a week is "+50 %" in the JSON, not in the table)."""
    table = _week(db, "--week", "2024-W25", "--by", "category")
    row = next(r for r in table["rows"] if r["key"] == "ACCUSE")
    assert row["band_4"] == "low baseline" and row["change_4"] == pytest.approx(0.5)
    code, out = _run("changes", "--db", str(db), "--week", "2024-W25", "--by", "category")
    assert code == 0, out
    line = next(x for x in out.splitlines() if "ACCUSE" in x)
    assert "low baseline" in line and "%" not in line
