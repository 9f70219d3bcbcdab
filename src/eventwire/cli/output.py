"""Where and how the command line prints: one console for reports, one for messages, and one
table layout for every listing.

Tables fit the terminal: columns of codes, dates, numbers and ids keep their width (they are
never folded one character per line), the long text (a sentence, a title) takes what is left
and is cut to one line, and when even that does not fit, the least needed columns go first.
CSV, JSON and JSON lines carry every column in full. Messages are plain text (never rich
markup) with control characters escaped, so that text from the news cannot restyle or clear
a terminal.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Literal, TypeVar

import click
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

__all__ = [
    "FORMATS",
    "PIPE_WIDTH",
    "Column",
    "emit",
    "error_console",
    "escape_control",
    "format_option",
    "layout",
    "message",
    "print_rejections",
    "render_table",
    "report_console",
    "shown_date",
    "shown_id",
]

# Not a terminal (a pipe, a log file) and no COLUMNS: print tables at a report width, not
# rich's 80 columns. The layout keeps every fixed column whole at any width, so nothing is
# lost at this width either; set COLUMNS to choose another.
PIPE_WIDTH = 200

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "csv", "json", "jsonl")
Format = Literal["table", "csv", "json", "jsonl"]

# The table style: a rule under the header, no outer edge, so a column costs its width plus
# a three-character gap (measured on rich 14: ``_GAP * (columns - 1)`` is the whole overhead).
_BOX = box.SIMPLE_HEAD
_GAP = 3
# A long-text column narrower than this says too little to be worth its place: columns of
# lower priority are dropped first to keep it at least this wide.
MIN_TEXT_WIDTH = 24
# Columns of priority EXTRA or more (counts that are mostly 1, the modality when it is always
# "asserted") show only when the long text still gets this much: a sentence cut at 56
# characters next to three columns of 1s read worse than the sentence at 90 (tried at 200).
EXTRA = 5
COMFORT_TEXT_WIDTH = 80
# Event ids are "e" + 15 hex digits; below this table width they show as their first 9
# characters ("e" + 8 hex digits: 4 billion values, unique in any store we have seen), which
# every command taking an event id accepts back as a prefix.
SHORT_ID = 9
FULL_ID_WIDTH = 120

Kind = Literal["fixed", "text", "id", "date", "number"]


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a table: the row key it shows, its header, and how it lays out.

    ``kind``: ``fixed`` (codes, names: kept whole up to ``max_width``), ``number`` (right
    aligned), ``date`` (through :func:`shown_date`), ``id`` (event ids: whole, or shortened
    in narrow terminals), ``text`` (the long text that shrinks to fit). ``priority`` orders
    what is dropped when the terminal is too narrow: the highest number goes first, and 0
    is never dropped.
    """

    key: str
    header: str
    kind: Kind = "fixed"
    priority: int = 0
    max_width: int | None = None


# -- plain text --------------------------------------------------------------------------------
# C0 and C1 control characters (ESC starts ANSI sequences; CR rewrites a line; BEL rings) and
# the Unicode line and paragraph separators (issue 15).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def escape_control(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with control characters made visible (``\\x1b``), so that an escape sequence
    in a news text cannot restyle or clear the terminal; tabs become spaces, and newlines
    too unless ``keep_newlines``."""

    def visible(match: re.Match[str]) -> str:
        char = match.group()
        if char == "\n" and keep_newlines:
            return char
        if char in "\t\n\r":
            return " "
        if ord(char) > 0xFF:
            return f"\\u{ord(char):04x}"
        return f"\\x{ord(char):02x}"

    return _CONTROL.sub(visible, text)


def message(text: str) -> None:
    """Print a message on standard error as plain text (no markup), control characters
    escaped."""
    click.echo(escape_control(text, keep_newlines=True), err=True)


def print_rejections(rejections: Iterable[object]) -> None:
    """One line a rejected input on standard error, ``rejected <path>: <reason>`` as plain
    text: the word in red on a terminal; written at once otherwise (rich renders 0.15 ms a
    line: 50,000 rejections took 7.5 s to print into a log; issue 15)."""
    console = error_console()
    if console.is_terminal:
        for rejection in rejections:
            line = Text.assemble(("rejected", "red"), " ", escape_control(str(rejection)))
            console.print(line, soft_wrap=True)
        return
    lines = [f"rejected {escape_control(str(rejection))}\n" for rejection in rejections]
    if lines:
        click.echo("".join(lines), err=True, nl=False)


# -- dates and ids -----------------------------------------------------------------------------
def shown_date(day: Any, value: Any = None) -> str:
    """How a table shows an event's date: at the granularity the text gave it ("2024",
    "2024-06", "2024-W48", "1990s", "2024-06-14", through ``format_event_date``, as the web
    app shows it) when ``value`` (its TIMEX3 value) is a calendar date, else the ``day`` it
    falls on as YYYY-MM-DD; "" when there is neither.

    Every date in a table goes through here (one place to change how dates read)."""
    if isinstance(value, str) and value:
        from ..time.intervals import format_event_date, timex_interval

        if timex_interval(value) is not None:  # not a reference (PAST_REF) nor junk
            return format_event_date(value)
    if day is None or _missing(day):
        return ""
    if isinstance(day, datetime):
        return day.date().isoformat()
    if isinstance(day, date):
        return day.isoformat()
    return str(day)[:10]


def shown_id(event_id: str, short: bool) -> str:
    """An event id as a table shows it: whole, or its first ``SHORT_ID`` characters."""
    return event_id[:SHORT_ID] if short else event_id


def _missing(value: Any) -> bool:
    """None, NaN, NaT or pandas' NA (a missing integer such as a record number)."""
    if value is None:
        return True
    if isinstance(value, str | list | tuple | dict):
        return False
    if type(value).__name__ == "NAType":
        return True
    try:
        return bool(value != value)  # NaN, NaT
    except (TypeError, ValueError):
        return False


def _cell(column: Column, row: Mapping[str, Any], short_ids: bool) -> str:
    value = row.get(column.key)
    if column.kind == "date":
        return shown_date(value, row.get("date_value"))
    if _missing(value):
        return ""
    if column.kind == "id":
        return shown_id(str(value), short_ids)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if column.key.endswith("share"):
            return f"{value:.1%}"
        text = f"{value:.2f}"
        return "0.00" if text == "-0.00" else text  # a mean of -0.001 is no conflict
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    if isinstance(value, datetime | date):
        return shown_date(value)
    return escape_control(str(value))


# -- layout -----------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Layout:
    """What a table shows at one width: the columns kept, each one's width, and whether event
    ids are shortened."""

    columns: tuple[Column, ...]
    widths: tuple[int, ...]
    short_ids: bool


def _natural(column: Column, cells: Sequence[str]) -> int:
    widest = max((_width(c) for c in cells), default=0)
    width = max(_width(column.header), widest)
    if column.kind == "text":
        return widest or len(column.header)
    return min(width, column.max_width) if column.max_width else width


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def layout(columns: Sequence[Column], rows: Sequence[Mapping[str, Any]], width: int) -> Layout:
    """Fit ``columns`` to ``width``: shorten event ids below ``FULL_ID_WIDTH``, drop the extra
    columns (``EXTRA``) until the long text gets ``COMFORT_TEXT_WIDTH``, then the others of
    highest ``priority`` until it gets ``MIN_TEXT_WIDTH``; the long text takes what the fixed
    columns leave."""
    short = width < FULL_ID_WIDTH
    kept = list(columns)
    while True:
        cells = {c.key: [_cell(c, r, short) for r in rows] for c in kept}
        natural = [_natural(c, cells[c.key]) for c in kept]
        fixed = sum(w for c, w in zip(kept, natural, strict=True) if c.kind != "text")
        texts = [c for c in kept if c.kind == "text"]
        needed = fixed + _GAP * (len(kept) - 1) + MIN_TEXT_WIDTH * len(texts)
        droppable = [c for c in kept if c.priority > 0]
        extras = [c for c in droppable if c.priority >= EXTRA]
        comfortable = fixed + _GAP * (len(kept) - 1) + COMFORT_TEXT_WIDTH * len(texts)
        if extras and texts and comfortable > width:
            kept.remove(max(extras, key=lambda c: c.priority))
            continue
        if needed <= width or not droppable:
            break
        kept.remove(max(droppable, key=lambda c: c.priority))
    room = width - fixed - _GAP * (len(kept) - 1)
    widths: list[int] = []
    # Nothing left to drop and still too narrow: the text keeps a few words' width and the
    # table runs wider than the terminal rather than folding into columns of single letters.
    share = max(MIN_TEXT_WIDTH // 2, room // max(1, len(texts)))
    for column, natural_width in zip(kept, natural, strict=True):
        if column.kind == "text":
            widths.append(max(min(natural_width, share), min(MIN_TEXT_WIDTH, share)))
        else:
            widths.append(natural_width)
    return Layout(tuple(kept), tuple(widths), short)


def render_table(
    columns: Sequence[Column], rows: Sequence[Mapping[str, Any]], title: str, width: int
) -> Table:
    """The rich table of ``rows`` laid out for ``width`` columns (see :func:`layout`)."""
    fitted = layout(columns, rows, width)
    table = Table(
        title=escape_control(title),
        title_justify="left",
        box=_BOX,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1),
    )
    for column, column_width in zip(fitted.columns, fitted.widths, strict=True):
        table.add_column(
            column.header,
            width=column_width,
            no_wrap=True,
            overflow="ellipsis",
            justify="right" if column.kind == "number" else "left",
        )
    for row in rows:
        # Text: names such as "[RUSGOV]" are data, not rich markup
        table.add_row(*(Text(_cell(c, row, fitted.short_ids)) for c in fitted.columns))
    return table


def _table_width() -> int:
    if sys.stdout.isatty():
        return report_console().width
    columns = os.environ.get("COLUMNS", "")
    return int(columns) if columns.isdigit() and int(columns) > 0 else PIPE_WIDTH


# -- consoles and formats ---------------------------------------------------------------------
def report_console() -> Console:
    """The console for tables and reports on standard output."""
    if sys.stdout.isatty():
        return Console(highlight=False, markup=False)
    return Console(width=_table_width(), highlight=False, markup=False)


def error_console() -> Console:
    """The console for progress and messages on standard error."""
    return Console(stderr=True, highlight=False, markup=False)


_LISTING_FORMATS_HELP = (
    "table for reading; csv, json (one array) or jsonl (one object a line) carry every column"
    " in full."
)


def format_option(
    choices: Sequence[str] = FORMATS, help_text: str = _LISTING_FORMATS_HELP
) -> Callable[[F], F]:
    """The ``--format`` option (``fmt``, table by default) of a command that prints a listing
    or a report."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default="table",
        show_default=True,
        help=help_text,
    )


def min_confidence_option(func: F) -> F:
    """The ``--min-confidence`` option of a command that shows events (None when not given:
    the caller takes the config's ``[analysis] min_confidence``)."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        default=None,
        help="Only events whose calibrated confidence (the probability that the event is right)"
        " is at least this; 0 shows every stored event. Default: the config's [analysis]"
        " min_confidence (0.3 as shipped).",
    )(func)


def _plain(value: Any) -> Any:
    if _missing(value):
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def records(data: Any) -> list[dict[str, Any]]:
    """Rows as plain dicts: a pandas DataFrame's records, or the dicts given."""
    if hasattr(data, "to_dict") and hasattr(data, "columns"):
        keys = [str(c) for c in data.columns]
        return [
            {k: _plain(v) for k, v in zip(keys, row, strict=True)}
            for row in data.itertuples(index=False, name=None)
        ]
    return [{k: _plain(v) for k, v in row.items()} for row in data]


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return "" if value is None else value


def emit(
    data: Any,
    columns: Sequence[Column],
    fmt: str,
    title: str,
    *,
    total: int | None = None,
    more_hint: str = "use --limit N for more, --limit 0 for all",
    noun: str = "rows",
    note: str = "",
) -> None:
    """Print ``data`` (a DataFrame or dicts): a fitted table with a footer saying how many
    rows there are ("50 of 1,327 events — …" when ``total`` says more exist), or every column
    as CSV, a JSON array or JSON lines. ``note`` (a legend) follows the table."""
    rows = records(data)
    if fmt == "jsonl":
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, default=str, indent=1))
    elif fmt == "csv":
        keys = list(rows[0]) if rows else [str(c) for c in getattr(data, "columns", [])]
        if keys:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=keys, extrasaction="ignore")
            writer.writeheader()
            writer.writerows({k: _csv_cell(v) for k, v in row.items()} for row in rows)
            click.echo(buffer.getvalue(), nl=False)
    else:
        console = report_console()
        console.print(render_table(columns, rows, title, _table_width()))
        console.print(Text(footer(len(rows), total, noun, more_hint)))
        if note and rows:
            console.print(Text(note))


def footer(shown: int, total: int | None, noun: str, more_hint: str) -> str:
    """``"50 of 1,327 events — use --limit N for more"``, or ``"12 events"`` when all show."""
    if total is not None and total > shown:
        return f"{shown:,} of {total:,} {noun} — {more_hint}"
    return f"{shown:,} {noun}" if shown else f"no {noun}"


def with_priority(column: Column, priority: int) -> Column:
    """``column`` with another drop priority."""
    return replace(column, priority=priority)


# -- progress ------------------------------------------------------------------------------------
# Piped to a log, progress is a plain line every this many items or seconds, whichever comes
# first: at the 4–6 articles/s of an ingest on 2 cores, 100 articles is 15–25 s, so a log shows
# life about twice a minute and a 2,452-article corpus writes about 25 lines.
PROGRESS_EVERY_ITEMS = 100
PROGRESS_EVERY_SECONDS = 30.0


def _clock_text(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


class PlainProgress:
    """Progress for a log: a line on standard error every ``every_items`` items or
    ``every_seconds`` seconds, with the total, the rate and the time left when known."""

    def __init__(
        self,
        label: str,
        total: int | None,
        noun: str = "articles",
        *,
        every_items: int = PROGRESS_EVERY_ITEMS,
        every_seconds: float = PROGRESS_EVERY_SECONDS,
        clock: Callable[[], float] | None = None,
    ) -> None:
        import time

        self.label, self.total, self.noun = label, total, noun
        self.every_items, self.every_seconds = every_items, every_seconds
        self.clock = clock or time.monotonic
        self.started = self.last_time = self.clock()
        self.done = self.last_done = 0

    def line(self) -> str:
        """``"ingest: 500 of 2,452 articles (20%), 4.2 articles/s, ETA 0:07:45"``."""
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.done / elapsed
        text = f"{self.label}: {self.done:,}"
        if self.total:
            text += f" of {self.total:,} {self.noun} ({self.done / self.total:.0%})"
        else:
            text += f" {self.noun}"
        text += f", {rate:.1f} {self.noun}/s, {_clock_text(elapsed)} elapsed"
        if self.total and rate > 0 and self.done < self.total:
            text += f", ETA {_clock_text((self.total - self.done) / rate)}"
        return text

    def advance(self, count: int = 1) -> None:
        self.done += count
        now = self.clock()
        if (
            self.done - self.last_done >= self.every_items
            or now - self.last_time >= self.every_seconds
        ):
            message(self.line())
            self.last_done, self.last_time = self.done, now

    def __enter__(self) -> PlainProgress:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.done != self.last_done:
            message(self.line())


class TerminalProgress:
    """Progress on a terminal: a bar with the count, total, rate and time left (a spinner
    with the count and rate when the total is unknown), cleared when done."""

    def __init__(self, label: str, total: int | None, noun: str = "articles") -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TaskProgressColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        # Rate and time left over the whole run, as the log lines give them: articles are
        # stored by batches of 64, and rich's own estimate over its last few updates took
        # one batch's jump for the rate ("ETA 0:00:01" with 230 articles to go).
        rate = TextColumn(f"{{task.fields[rate]}} {noun}/s")
        columns: list[Any] = [TextColumn(f"{escape_control(label)}")]
        if total:
            columns += [BarColumn(), MofNCompleteColumn(), TaskProgressColumn(), rate]
            columns += [TimeElapsedColumn(), TextColumn("ETA {task.fields[eta]}")]
        else:
            columns += [SpinnerColumn(), TextColumn(f"{{task.completed}} {noun}"), rate]
            columns += [TimeElapsedColumn()]
        self.total = total
        self.progress = Progress(*columns, console=error_console(), transient=True)
        self.task = self.progress.add_task(label, total=total, rate="0.0", eta="-:--:--")

    def advance(self, count: int = 1) -> None:
        self.progress.advance(self.task, count)
        task = self.progress.tasks[0]
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed else 0.0
        left = (self.total or 0) - task.completed
        eta = _clock_text(left / rate) if rate > 0 and left > 0 else "-:--:--"
        self.progress.update(self.task, rate=f"{rate:.1f}", eta=eta)

    def __enter__(self) -> TerminalProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def progress(label: str, total: int | None, noun: str = "articles") -> Any:
    """The progress display for standard error: a bar on a terminal, plain lines in a log."""
    if sys.stderr.isatty():
        return TerminalProgress(label, total, noun)
    return PlainProgress(label, total, noun)
