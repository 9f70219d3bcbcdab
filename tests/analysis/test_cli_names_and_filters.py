"""Issue 16: the analysis commands accept what analysts type (names, repeated filters, dyads
both ways), refuse what they cannot answer with exit 2 naming the value, and list the newest
events first with a footer saying how many exist."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from eventwire.cli.analysis import COMMANDS


@click.group()
@click.pass_context
def group(ctx: click.Context) -> None:
    ctx.obj = {"config": None}


for _command in COMMANDS:
    group.add_command(_command)


def run(db: Path, *args: str, columns: int = 200) -> Result:
    return CliRunner(env={"COLUMNS": str(columns)}).invoke(group, [*args, "--db", str(db)])


def dyads(result: Result) -> list[tuple[str, str]]:
    assert result.exit_code == 0, result.output
    return [
        (r["source_code"], r["target_code"]) for r in csv.DictReader(io.StringIO(result.output))
    ]


def test_actors_by_name_select_what_their_codes_select(db_path: Path) -> None:
    by_code = dyads(run(db_path, "events", "--actor", "PRK", "--format", "csv"))
    by_name = dyads(run(db_path, "events", "--actor", "North Korea", "--format", "csv"))
    assert by_name == by_code and len(by_code) == 4
    person = dyads(run(db_path, "events", "--source", "Vladimir Putin", "--format", "csv"))
    assert person == [("RUSGOV", "PRKGOV")]
    timeline = run(db_path, "timeline", "Russia", "--format", "jsonl")
    assert timeline.exit_code == 0 and len(timeline.output.splitlines()) == 6
    dyad = run(db_path, "dyad", "Russia", "North Korea", "--format", "csv")
    assert dyad.output == run(db_path, "dyad", "RUS", "PRK", "--format", "csv").output
    assert "2024-06," in dyad.output  # the month, as a period (issue 14)


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["events", "--actor", "Rusia"], "unknown actor 'Rusia'"),
        (["events", "--source", "Nort Korea"], "did you mean North Korea"),
        (["timeline", "Rusia"], "did you mean Russia"),
        (["dyad", "Russia", "Atlantis Republic"], "unknown actor 'Atlantis Republic'"),
        (["plot", "timeline", "Narnia", "-o", "x.png"], "unknown actor 'Narnia'"),
        (["events", "--code", "999"], "unknown CAMEO code '999'"),
        (["events", "--code", "19", "--code", "99"], "unknown CAMEO code '99'"),
        (["events", "--plover", "FOO"], "unknown PLOVER category 'FOO'"),
        (["events", "--plover", "ASSUALT"], "did you mean ASSAULT"),
        (["events", "--modality", "maybe"], "unknown modality 'maybe'"),
        (["timeline", "RUS", "--modality", "maybe"], "unknown modality 'maybe'"),
        (["dyad", "RUS", "PRK", "--modality", "maybe"], "unknown modality 'maybe'"),
        (["network", "--modality", "maybe"], "unknown modality 'maybe'"),
        (["events", "--country", "NATO"], "not a country"),
        (["events", "--between", "RUS", "Rusia"], "unknown actor 'Rusia'"),
    ],
)
def test_values_that_name_nothing_are_usage_errors(
    db_path: Path, args: list[str], named: str
) -> None:
    result = run(db_path, *args)
    assert result.exit_code == 2, result.output
    assert named in result.output
    assert "Traceback" not in result.output


def test_repeated_filters_are_or_within_and_across(db_path: Path) -> None:
    usa_or_ukr = dyads(
        run(db_path, "events", "--actor", "USA", "--actor", "UKR", "--format", "csv")
    )
    assert sorted(usa_or_ukr) == sorted(
        [("RUSMIL", "UKRGOV"), ("RUSMIL", "UKRGOV"), ("USAGOV", "PRKGOV"), ("USAGOV", "RUS"),
         ("KORGOV", "USAGOV")]
    )  # fmt: skip
    two_kinds = run(
        db_path, "events", "--plover", "ASSAULT", "--plover", "SANCTION", "--format", "jsonl"
    )
    assert sorted(
        json.loads(line)["plover_category"] for line in two_kinds.output.splitlines()
    ) == [
        "ASSAULT",
        "ASSAULT",
        "SANCTION",
    ]
    both = dyads(
        run(
            db_path, "events", "--actor", "USA", "--actor", "UKR", "--code", "16", "--format", "csv"
        )
    )
    assert both == [("USAGOV", "RUS")]
    countries = dyads(
        run(db_path, "events", "--country", "Ukraine", "--country", "kor", "--format", "csv")
    )
    assert sorted(countries) == [("KORGOV", "USAGOV"), ("RUSMIL", "UKRGOV"), ("RUSMIL", "UKRGOV")]


def test_between_lists_both_directions_of_a_dyad(db_path: Path) -> None:
    between = dyads(run(db_path, "events", "--between", "Russia", "North Korea", "--format", "csv"))
    assert sorted(between) == [("PRKGOV", "RUS"), ("RUS", "PRKGOV"), ("RUSGOV", "PRKGOV")]
    one_way = dyads(run(db_path, "events", "--source", "RUS", "--target", "PRK", "--format", "csv"))
    assert sorted(one_way) == [("RUS", "PRKGOV"), ("RUSGOV", "PRKGOV")]


def test_newest_first_with_a_footer_saying_how_many_exist(db_path: Path) -> None:
    result = run(db_path, "events", "--limit", "2")
    assert result.exit_code == 0, result.output
    assert "2 of 8 events — use --limit" in result.output
    rows = csv.DictReader(io.StringIO(run(db_path, "events", "--format", "csv").output))
    days = [r["day"] for r in rows]
    assert days[0] == "2024-12-04" and days[-1] == ""  # undated last
    oldest = csv.DictReader(
        io.StringIO(run(db_path, "events", "--sort", "oldest", "--format", "csv").output)
    )
    assert next(oldest)["day"] == "2024-06-10"
    everything = run(db_path, "events", "--limit", "0")
    assert "\n8 events\n" in everything.output


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
def test_events_table_is_readable_at_every_width(db_path: Path, columns: int) -> None:
    result = run(db_path, "events", columns=columns)
    lines = result.output.splitlines()
    assert all(len(line) <= columns for line in lines)
    ids = [
        r["event_id"]
        for r in csv.DictReader(io.StringIO(run(db_path, "events", "--format", "csv").output))
    ]
    shown = ids if columns >= 120 else [i[:9] for i in ids]
    assert all(any(i in line for line in lines) for i in shown)
    assert "Washington accused" in result.output  # the sentence is never squeezed out


@pytest.mark.parametrize("columns", [80, 100, 120, 200])
@pytest.mark.parametrize(
    ("args", "must_show"),
    [
        (["timeline", "North Korea"], ["date", "role", "counterpart", "CAMEO", "sentence"]),
        (["dyad", "Russia", "North Korea"], ["period", "events", "v.coop", "m.confl", "G.mean"]),
        (["network"], ["source", "target", "events", "G.mean", "v.coop", "m.confl"]),
    ],
)
def test_every_table_fits_and_keeps_its_key_columns(
    db_path: Path, columns: int, args: list[str], must_show: list[str]
) -> None:
    result = run(db_path, *args, columns=columns)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert all(len(line) <= columns for line in lines), max(len(line) for line in lines)
    header = lines[1].split()
    assert all(name in header for name in must_show), header
    # No column is folded onto several lines: one line per row between the rule and footer.
    rule = next(i for i, line in enumerate(lines) if set(line) == {"─"})
    body = lines[rule + 1 : rule + 1 + 3]
    assert all(line[:10].strip() for line in body)
