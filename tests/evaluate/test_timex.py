"""`eventwire evaluate --format timex` and its library: on small files written here, and once on
the development set in ../shared (skipped when it is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.cli import cli
from eventwire.errors import UnreadableInput
from eventwire.evaluate.timex import (
    evaluate_timex,
    expression_kind,
    is_resolvable,
    read_timex_gold,
    same_value,
    timex_split,
)

DEV_SET = Path(__file__).parents[2] / ".." / "shared" / "devsets" / "timex_dev.jsonl"
# Documents on either side of the fixed split (SHA-1 of the id below 77 is held out).
STUDIED_DOC = next(f"doc{i}" for i in range(100) if timex_split(f"doc{i}") == "studied")
HELD_OUT_DOC = next(f"doc{i}" for i in range(100) if timex_split(f"doc{i}") == "held-out")
RECORDS = [
    {"doc": STUDIED_DOC, "dct": "1998-02-13", "text": "Friday", "value": "1998-02-13",
     "mod": None},
    {"doc": STUDIED_DOC, "dct": "1998-02-13", "text": "the third quarter", "value": "1997-Q3",
     "mod": None},
    {"doc": STUDIED_DOC, "dct": "1998-02-13", "text": "the following week", "value": "1998-W08",
     "mod": None},
    {"doc": HELD_OUT_DOC, "dct": "2000-02-16", "text": "this week", "value": "2000-W7",
     "mod": None},
    {"doc": HELD_OUT_DOC, "dct": "2000-02-16", "text": "Easter", "value": "2000-04-23",
     "mod": None},
]  # fmt: skip


def gold_file(tmp_path: Path, records: list[dict[str, object]]) -> Path:
    path = tmp_path / "timex.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def test_scores_overall_resolvable_and_by_kind(tmp_path: Path) -> None:
    report = evaluate_timex(read_timex_gold(gold_file(tmp_path, RECORDS)))
    # Right: Friday, Q3 (the last one, two quarters back, beats the next, two ahead), this week
    # (W7 = W07) and the coming Easter; wrong: the anaphoric "the following week".
    assert (report.overall.right, report.overall.total) == (4, 5)
    # "the third quarter" and "the following week" open with "the": not resolvable.
    assert (report.resolvable.right, report.resolvable.total) == (3, 3)
    assert report.kinds["holiday"].right == 1
    assert report.kinds["week"].total == 2


def test_misses_come_from_the_studied_part_only(tmp_path: Path) -> None:
    records = [*RECORDS, {**RECORDS[3], "text": "next month", "value": "2000-09"}]
    report = evaluate_timex(read_timex_gold(gold_file(tmp_path, records)))
    assert {miss.text for miss in report.misses} == {"the following week"}
    held = evaluate_timex(read_timex_gold(gold_file(tmp_path, records)), split="held-out")
    assert held.overall.total == 3 and held.misses == []


@pytest.mark.parametrize(
    ("text", "resolvable"),
    [("this year", True), ("the past", True), ("the last two years", True), ("Friday", True),
     ("the year", False), ("that day", False), ("this quarter", False), ("same day", False)],
)  # fmt: skip
def test_resolvable_expressions(text: str, resolvable: bool) -> None:
    assert is_resolvable(text) is resolvable


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [("March 5, 1998", "1998-03-05", "full date"), ("yesterday", "1998-03-04", "weekday/yesterday"),
     ("two days ago", "1998-03-03", "relative"), ("1998-Q3", "1998-Q3", "quarter/fiscal/half"),
     ("fiscal 1999", "FY1999", "quarter/fiscal/half"), ("this summer", "1998-SU", "season"),
     ("the 1990s", "199", "decade/century"), ("now", "PRESENT_REF", "PRESENT/PAST/FUTURE_REF"),
     ("Christmas", "1998-12-25", "holiday"), ("June", "1998-06", "month"),
     ("1998", "1998", "year"), ("last week", "1998-W09", "week")],
)  # fmt: skip
def test_kinds(text: str, value: str, kind: str) -> None:
    assert expression_kind(text, value) == kind


def test_unpadded_weeks_are_the_same_week() -> None:
    assert same_value("2000-W07", "2000-W7")
    assert not same_value("2000-W17", "2000-W7")
    assert not same_value(None, "2000-W7")


def test_a_bad_line_is_an_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(RECORDS[0]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="line 2"):
        read_timex_gold(path)
    path.write_text(json.dumps({**RECORDS[0], "dct": "someday"}) + "\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match="line 1"):
        read_timex_gold(path)


def test_cli_prints_figures_json_and_misses(tmp_path: Path) -> None:
    path = str(gold_file(tmp_path, RECORDS))
    text = CliRunner().invoke(cli, ["evaluate", "--gold", path, "--format", "timex", "--findings"])
    assert text.exit_code == 0, text.output
    assert "value accuracy      0.800  (4 of 5)" in text.output
    assert "'the following week'" in text.output
    as_json = CliRunner().invoke(
        cli, ["evaluate", "--gold", path, "--format", "timex", "--json", "--split", "held-out"]
    )
    assert as_json.exit_code == 0, as_json.output
    figures = json.loads(as_json.output)
    assert figures["overall"] == {"right": 2, "total": 2, "accuracy": 1.0}


def test_cli_rejects_a_bad_file_cleanly(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("{}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(path), "--format", "timex"])
    assert result.exit_code != 0
    assert "not a TIMEX3 gold record" in result.output


@pytest.mark.skipif(not DEV_SET.exists(), reason="../shared/devsets/timex_dev.jsonl is absent")
def test_the_development_set_targets() -> None:
    """Floors just below the figures reached (the issue asks 0.85 overall, 0.92 resolvable;
    docs/evaluation.md says why they are not met)."""
    report = evaluate_timex(read_timex_gold(DEV_SET))
    assert report.overall.total == 751
    assert report.overall.accuracy >= 0.85  # reached 0.866 (650 of 751)
    assert report.resolvable.accuracy >= 0.87  # reached 0.879 (596 of 678)
