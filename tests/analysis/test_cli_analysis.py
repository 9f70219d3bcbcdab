"""The analysis commands through click, on the hand-made store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventwire.cli_analysis import COMMANDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


@click.group()
@click.pass_context
def group(ctx: click.Context) -> None:
    ctx.obj = {"config": None}


for _command in COMMANDS:
    group.add_command(_command)


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(group, list(args))


def test_events_filters_and_formats(db_path: Path) -> None:
    result = run(
        "events", "--db", str(db_path), "--country", "USA", "--since", "2024-11", "--format", "csv"
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["source_code"], r["target_code"]) for r in rows} == {
        ("USAGOV", "PRKGOV"),
        ("USAGOV", "RUS"),
    }
    result = run(
        "events", "--db", str(db_path), "--modality", "all", "--plover", "AID", "--format", "json"
    )
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["modality"] for r in records] == ["alleged"]
    assert records[0]["day"] == "2024-11-01"
    table = run("events", "--db", str(db_path), "--text", "ratified")
    assert table.exit_code == 0 and "1 rows" in table.output


def test_dyad_shows_june_september_december(db_path: Path) -> None:
    result = run("dyad", "RUS", "PRK", "--db", str(db_path), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["period"] for r in rows] == ["2024-06-01", "2024-09-01", "2024-12-01"]
    assert [r["verbal_cooperation"] for r in rows] == ["1", "1", "1"]
    table = run("dyad", "RUS", "PRK", "--db", str(db_path), "--freq", "week")
    assert table.exit_code == 0 and "2024-06-17" in table.output


def test_timeline_and_network(db_path: Path) -> None:
    result = run("timeline", "PRK", "--db", str(db_path), "--format", "json")
    assert [json.loads(line)["role"] for line in result.output.splitlines()] == [
        "target",
        "target",
        "target",
        "source",
    ]
    result = run("network", "--db", str(db_path), "--format", "csv", "--until", "2024-06")
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert {(r["source"], r["target"], r["events"]) for r in rows} == {
        ("RUS", "UKR", "2"),
        ("RUS", "PRK", "1"),
    }


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl", "gdelt"])
def test_export(db_path: Path, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"events.{fmt}"
    result = run("export", "--db", str(db_path), "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "wrote 8 events" in result.output
    assert out.stat().st_size > 0 and Path(f"{out}.meta.json").exists()


@pytest.mark.parametrize(("kind", "name"), [("dyad", "d.png"), ("timeline", "t.svg")])
def test_plots(db_path: Path, tmp_path: Path, kind: str, name: str) -> None:
    who = ["RUS", "PRK"] if kind == "dyad" else ["PRK"]
    result = run("plot", kind, *who, "--db", str(db_path), "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.output
    assert (tmp_path / name).stat().st_size > 1000


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["events", "--modality", "rumoured"], "unknown modality"),
        (["events", "--since", "yesterday"], "not a date"),
        (["plot", "dyad", "RUS", "ATA", "-o", "x.png"], "no events to plot"),
        (["plot", "timeline", "RUS", "-o", "x.gif"], ".png or .svg"),
    ],
)
def test_clean_errors(db_path: Path, args: list[str], message: str) -> None:
    result = run(
        *args[:1],
        *(["--db", str(db_path)] if args[0] != "plot" else []),
        *args[1:],
        *(["--db", str(db_path)] if args[0] == "plot" else []),
    )
    assert result.exit_code in (1, 2)
    assert message in result.output
    assert "Traceback" not in result.output


def test_missing_database_is_a_clean_error(tmp_path: Path) -> None:
    result = run("dyad", "RUS", "PRK", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1 and "no database" in result.output


def test_commands_have_help_and_are_documented() -> None:
    docs = DOCS.read_text(encoding="utf-8")
    names = [c.name for c in COMMANDS if not isinstance(c, click.Group)]
    names += ["plot dyad", "plot timeline"]
    for name in names:
        result = run(*str(name).split(), "--help")
        assert result.exit_code == 0 and "Usage:" in result.output
        assert f"`eventwire {name}" in docs, name
