"""The analysis commands through click, on the hand-made store."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from eventwire.cli.analysis import COMMANDS

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
        "events", "--db", str(db_path), "--modality", "all", "--plover", "AID", "--format", "jsonl"
    )
    records = [json.loads(line) for line in result.output.splitlines()]
    assert [r["modality"] for r in records] == ["alleged"]
    assert records[0]["day"] == "2024-11-01"
    table = run("events", "--db", str(db_path), "--text", "ratified")
    assert table.exit_code == 0 and "\n1 events\n" in table.output


def test_event_tables_show_dates_at_their_granularity(db_path: Path) -> None:
    """Issue 14: a month-level event reads 2024-11 in the table, not a made-up 2024-11-01;
    csv and json keep the sortable day and the TIMEX3 value side by side."""
    args = ("events", "--db", str(db_path), "--modality", "all", "--plover", "AID")
    records = [json.loads(line) for line in run(*args, "--format", "jsonl").output.splitlines()]
    assert [(r["day"], r["date_value"]) for r in records] == [("2024-11-01", "2024-11")]
    assert json.loads(run(*args, "--format", "json").output) == records  # one array
    table = run(*args)
    assert table.exit_code == 0, table.output
    assert "2024-11 " in table.output and "2024-11-01" not in table.output


def test_dyad_shows_june_september_december(db_path: Path) -> None:
    result = run("dyad", "RUS", "PRK", "--db", str(db_path), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    # periods are shown as periods, not their first days (issue 14)
    assert [r["period"] for r in rows] == ["2024-06", "2024-09", "2024-12"]
    assert [r["verbal_cooperation"] for r in rows] == ["1", "1", "1"]
    table = run("dyad", "RUS", "PRK", "--db", str(db_path), "--freq", "week")
    assert table.exit_code == 0 and "2024-W25" in table.output


def test_timeline_and_network(db_path: Path) -> None:
    result = run("timeline", "PRK", "--db", str(db_path), "--format", "jsonl", "--sort", "oldest")
    assert [json.loads(line)["role"] for line in result.output.splitlines()] == [
        "target",
        "target",
        "target",
        "source",
    ]
    newest = run("timeline", "PRK", "--db", str(db_path), "--format", "json")
    roles = [r["role"] for r in json.loads(newest.output)]
    assert roles == ["source", "target", "target", "target"]
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
        (["timeline", "PRK", "--modality", "rumoured"], "unknown modality"),
        (["dyad", "RUS", "PRK", "--since", "2024-12", "--until", "2024-06"], "is after until"),
        (["network", "--min-confidence", "1.5"], "1.5"),
        (["plot", "dyad", "RUS", "NOR", "-o", "x.png"], "no events to plot"),
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


# --- the confidence threshold (store of builders.confidence_corpus: one event at 0.9, three at
# 0.1) -----------------------------------------------------------------------------------------
def csv_rows(result: click.testing.Result) -> list[dict[str, str]]:
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_events_hide_low_confidence_by_default_and_show_all_at_zero(confidence_db: Path) -> None:
    db = ["--db", str(confidence_db), "--format", "csv"]
    shown = csv_rows(run("events", *db))
    assert [(r["source_code"], r["target_code"], r["confidence"]) for r in shown] == [
        ("RUS", "PRKGOV", "0.9")
    ]
    every = csv_rows(run("events", *db, "--min-confidence", "0"))
    assert sorted(float(r["confidence"]) for r in every) == [0.1, 0.1, 0.1, 0.9]
    table = run("events", "--db", str(confidence_db))
    assert "\n1 events\n" in table.output and "confidence ≥ 0.3" in table.output


def test_the_config_file_sets_the_default_threshold(confidence_db: Path, tmp_path: Path) -> None:
    from eventwire.cli import cli

    user = tmp_path / "all.toml"
    user.write_text("[analysis]\nmin_confidence = 0\n")
    args = ["events", "--db", str(confidence_db), "--format", "csv"]
    result = CliRunner().invoke(cli, ["--config", str(user), *args])
    assert len(csv_rows(result)) == 4
    # --min-confidence overrides the file.
    result = CliRunner().invoke(cli, ["--config", str(user), *args, "--min-confidence", "0.5"])
    assert len(csv_rows(result)) == 1


def test_timeline_dyad_and_network_apply_the_default_threshold(confidence_db: Path) -> None:
    db = ["--db", str(confidence_db), "--format", "csv"]
    assert [r["cameo"] for r in csv_rows(run("timeline", "PRK", *db))] == ["057"]
    assert len(csv_rows(run("timeline", "PRK", *db, "--min-confidence", "0"))) == 3
    dyad = csv_rows(run("dyad", "RUS", "PRK", *db))
    # March's events of the dyad: the signing only; its share is of all three March events.
    assert [(r["period"], r["events"], r["all_events"]) for r in dyad] == [("2024-03", "1", "3")]
    every = csv_rows(run("dyad", "RUS", "PRK", *db, "--min-confidence", "0"))
    assert [(r["events"], r["all_events"]) for r in every] == [("2", "3"), ("1", "1")]
    edges = csv_rows(run("network", *db))
    assert [(r["source"], r["target"], r["events"]) for r in edges] == [("RUS", "PRK", "1")]
    assert len(csv_rows(run("network", *db, "--min-confidence", "0"))) == 3


def test_export_applies_the_threshold_and_records_it(confidence_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    args = ["export", "--db", str(confidence_db), "--format", "csv", "-o", str(out)]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "wrote 1 events" in result.output
    meta = json.loads(Path(f"{out}.meta.json").read_text(encoding="utf-8"))
    assert meta["filter"]["min_confidence"] == "0.3"
    assert "wrote 4 events" in run(*args, "--min-confidence", "0").output


def test_plots_apply_the_threshold(confidence_db: Path, tmp_path: Path) -> None:
    # Korea's only event is at 0.1: nothing to plot unless every event is asked for.
    out = tmp_path / "kor.png"
    args = ["plot", "timeline", "KOR", "--db", str(confidence_db), "-o", str(out)]
    hidden = run(*args)
    assert hidden.exit_code == 1 and "no events to plot" in hidden.output
    shown = run(*args, "--min-confidence", "0")
    assert shown.exit_code == 0, shown.output
    assert out.stat().st_size > 1000


@pytest.mark.parametrize(
    "command",
    [
        ["events"],
        ["timeline", "PRK"],
        ["dyad", "RUS", "PRK"],
        ["network"],
        ["export", "--format", "csv", "-o", "x.csv"],
        ["plot", "dyad", "RUS", "PRK", "-o", "x.png"],
        ["plot", "timeline", "PRK", "-o", "x.png"],
    ],
)
@pytest.mark.parametrize("bad", ["1.5", "-0.1", "high"])
def test_a_threshold_outside_0_to_1_is_a_usage_error(
    confidence_db: Path, command: list[str], bad: str
) -> None:
    result = run(*command, "--db", str(confidence_db), "--min-confidence", bad)
    assert result.exit_code == 2
    assert "--min-confidence" in result.output and "Traceback" not in result.output
