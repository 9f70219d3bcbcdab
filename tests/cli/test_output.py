"""The shared output layer: tables that stay readable from 80 to 200 columns (issue 16), plain
messages, dates through one function, every format carrying every column."""

from __future__ import annotations

import io
import json

import pytest
from rich.console import Console

from eventwire.cli import output
from eventwire.cli.output import (
    MIN_TEXT_WIDTH,
    SHORT_ID,
    Column,
    escape_control,
    footer,
    layout,
    render_table,
    shown_date,
)

WIDTHS = (80, 100, 120, 200)

VIEW = (
    Column("day", "date", "date"),
    Column("source_code", "source", max_width=12),
    Column("target_code", "target", max_width=12),
    Column("cameo", "CAMEO"),
    Column("cameo_label", "event", priority=3, max_width=28),
    Column("goldstein", "Goldstein", "number", priority=2),
    Column("modality", "modality", priority=5),
    Column("num_mentions", "mentions", "number", priority=4),
    Column("num_sources", "sources", "number", priority=7),
    Column("sentence", "sentence", "text"),
    Column("event_id", "event id", "id"),
)
LONG = (
    "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed the treaty"
    " in June, pledging mutual military assistance if either is attacked, officials said."
)
ROWS = [
    {
        "day": "2024-06-19",
        "date_value": "2024-06",
        "source_code": "RUSGOV",
        "target_code": "PRKGOV",
        "cameo": "057",
        "cameo_label": "Sign formal agreement",
        "goldstein": 8.0,
        "modality": "asserted",
        "num_mentions": 2,
        "num_sources": 1,
        "sentence": LONG,
        "event_id": "e0123456789abcde",
    },
    {
        "day": "2024-11-05",
        "date_value": "2024-11-05",
        "source_code": "IGOWSTNAT",
        "target_code": "RUSMIL",
        "cameo": "1721",
        "cameo_label": "Impose restrictions on political freedoms",
        "goldstein": -0.001,
        "modality": "alleged",
        "num_mentions": 12,
        "num_sources": 3,
        "sentence": "NATO said \x1b[2JRussian troops moved.",
        "event_id": "efedcba987654321",
    },
]


def rendered(width: int, rows: list[dict[str, object]] = ROWS) -> list[str]:
    console = Console(width=width, record=True, file=io.StringIO())
    console.print(render_table(VIEW, rows, "events", width))
    return console.export_text().splitlines()


@pytest.mark.parametrize("width", WIDTHS)
def test_tables_fit_the_width_and_keep_fixed_columns_whole(width: int) -> None:
    lines = rendered(width)
    assert all(len(line) <= width for line in lines), [len(line) for line in lines]
    body = lines[3:]  # title, header, rule
    assert len(body) == len(ROWS), "one line per row: nothing folded onto a second line"
    for line, row in zip(body, ROWS, strict=True):
        for key in ("source_code", "target_code", "cameo"):
            assert f" {row[key]} " in f" {line} ", (key, line)
        assert line.startswith(str(row["date_value"]))
        event_id = str(row["event_id"])
        assert (event_id if width >= 120 else event_id[:SHORT_ID]) in line
    fitted = layout(VIEW, ROWS, width)
    widths = dict(zip((c.key for c in fitted.columns), fitted.widths, strict=True))
    assert widths["sentence"] >= MIN_TEXT_WIDTH
    assert all(w >= len(c.header) for c, w in zip(fitted.columns, fitted.widths, strict=True))


def test_wider_terminals_show_more_columns_and_more_of_the_sentence() -> None:
    fitted = [layout(VIEW, ROWS, width) for width in WIDTHS]
    shown = [len(f.columns) for f in fitted]
    assert shown == sorted(shown) and shown[0] < shown[-1]
    sentence = [dict(zip((c.key for c in f.columns), f.widths, strict=True)) for f in fitted]
    assert [s["sentence"] for s in sentence] == sorted(s["sentence"] for s in sentence)
    # At 80 columns the least needed columns go, never the date, codes, sentence or id.
    narrow = {c.key for c in fitted[0].columns}
    assert {"day", "source_code", "target_code", "cameo", "sentence", "event_id"} <= narrow
    assert "num_sources" not in narrow
    assert "goldstein" in {c.key for c in fitted[1].columns}


def test_event_ids_are_whole_from_120_columns() -> None:
    assert not layout(VIEW, ROWS, 120).short_ids
    assert layout(VIEW, ROWS, 119).short_ids


def test_cells_escape_control_characters_and_negative_zero() -> None:
    text = "\n".join(rendered(200))
    assert "\x1b" not in text and "\\x1b[2J" in text
    assert "-0.00" not in text and "0.00" in text


def test_one_function_shows_dates_as_precise_as_the_text() -> None:
    assert shown_date("2024-06-01", "2024-06") == "2024-06"
    assert shown_date("2023-01-01", "2023") == "2023"
    assert shown_date("2024-06-01", "PRESENT_REF") == "2024-06-01"
    assert shown_date(None, None) == ""


def test_table_dates_read_as_the_web_app_shows_them() -> None:
    """Issue 14's format_event_date, through shown_date: weeks, decades and clock times at
    their granularity; a value that is no real date falls back to the day."""
    assert shown_date("2024-11-25", "2024-W48") == "2024-W48"
    assert shown_date("1990-01-01", "199") == "1990s"
    assert shown_date("2024-06-05", "2024-06-05T16:25") == "2024-06-05 16:25"
    assert shown_date("2024-12-01", "2024-13") == "2024-12-01"


def test_messages_are_plain_text(capsys: pytest.CaptureFixture[str]) -> None:
    output.message("rejected [red]x[/red] \x07bell")
    assert capsys.readouterr().err == "rejected [red]x[/red] \\x07bell\n"
    assert escape_control("a\tb\nc") == "a b c"


def test_rejections_are_plain_escaped_lines_in_a_log(capsys: pytest.CaptureFixture[str]) -> None:
    """Issue 15: one line a rejection, markup and control characters printed as text."""
    output.print_rejections(["a.zip::[/bold].txt: empty file", "\x1b[2Jclear.txt: empty file"])
    assert capsys.readouterr().err == (
        "rejected a.zip::[/bold].txt: empty file\nrejected \\x1b[2Jclear.txt: empty file\n"
    )
    assert escape_control("line\u2028break") == "line\\u2028break"


def test_footer_says_how_many_exist() -> None:
    assert footer(50, 1327, "events", "use --limit") == "50 of 1,327 events — use --limit"
    assert footer(3, 3, "events", "use --limit") == "3 events"
    assert footer(0, 0, "events", "x") == "no events"


@pytest.mark.parametrize("fmt", ["csv", "json", "jsonl"])
def test_machine_formats_carry_every_column(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    output.emit(ROWS, VIEW[:2], fmt, "events")
    printed = capsys.readouterr().out
    if fmt == "json":
        assert json.loads(printed)[0]["sentence"] == LONG
    elif fmt == "jsonl":
        assert [json.loads(line)["event_id"] for line in printed.splitlines()] == [
            "e0123456789abcde",
            "efedcba987654321",
        ]
    else:
        assert printed.splitlines()[0].split(",") == list(ROWS[0])


def test_piped_tables_use_columns_or_the_report_width(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    assert output.report_console().width == 100
    monkeypatch.delenv("COLUMNS")
    assert output.report_console().width == output.PIPE_WIDTH


def test_missing_values_are_blank_cells_and_json_nulls(capsys: pytest.CaptureFixture[str]) -> None:
    import pandas as pd

    frame = pd.DataFrame({"record": pd.array([None, 3], dtype="Int64"), "path": ["a", "b"]})
    view = (Column("path", "path"), Column("record", "record", "number"))
    output.emit(frame, view, "table", "rejected")
    table = capsys.readouterr().out
    assert "<NA>" not in table and "nan" not in table
    output.emit(frame, view, "jsonl", "rejected")
    assert [json.loads(line)["record"] for line in capsys.readouterr().out.splitlines()] == [
        None,
        3,
    ]
