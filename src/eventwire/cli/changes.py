"""``eventwire changes``: the "what changed" table on the command line, a thin adapter over
``Store.changes`` (``eventwire.analysis.changes.weekly_changes``, the dashboard's table).

Each row comes with the ``eventwire events`` command that lists the events behind it.
"""

from __future__ import annotations

import json
import re
import shlex
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

import click
from rich.table import Table

from ..analysis.changes import CHANGE_KINDS, DYAD_SEPARATOR, Change, WeeklyChanges, week_start
from ..config import load_options
from ..errors import EventwireError
from .output import min_confidence_option, report_console

__all__ = ["changes", "events_command", "parse_week"]

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


def parse_week(value: str) -> date:
    """The Monday of an ISO week ``YYYY-Www`` (``2024-W49`` → 2024-12-02)."""
    match = _WEEK.match(value.strip())
    if match is None:
        raise click.BadParameter(f"{value!r} is not an ISO week (YYYY-Www, e.g. 2024-W49)")
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise click.BadParameter(f"{value!r}: {match[1]} has no week {match[2]}") from None


def _day(value: str, hint: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=hint) from None


def events_command(
    table: WeeklyChanges, row: Change, db: str | None, modality: str, threshold: float
) -> str:
    """The ``eventwire events`` command listing the events counted in ``row`` this week (of
    ``modality``, at least ``threshold`` confident, as the table counted them)."""
    sunday = table.week + timedelta(days=6)
    words = ["eventwire", "events"]
    if db:
        words += ["--db", db]
    if table.by == "country":
        words += ["--country", row.key]
    elif table.by == "dyad":
        first, second = row.key.split(DYAD_SEPARATOR, 1)
        words += ["--country", first, "--actor", second]
    else:
        words += ["--plover", row.key]
    words += ["--since", table.week.isoformat(), "--until", sunday.isoformat()]
    words += ["--modality", modality, "--min-confidence", f"{threshold:g}", "--limit", "0"]
    return shlex.join(words)


def _percent(change: float | None, banded: str) -> str:
    """The change as a percentage, shown only where a band compares it: next to "low
    baseline" a percentage of a baseline of a few events (ECU in 2006-W48 of the corpora:
    +1204 % over 0.2 events a week) is the figure the rule exists to keep out of sight."""
    if change is None or banded in ("low baseline", "no baseline", "no news this week"):
        return ""
    return f"{change:+.0%}"


def _weeks(store: Any, first: date) -> list[date]:
    """The Mondays from ``first``'s week to the week of the latest article."""
    from ..analysis.changes import latest_week

    last = latest_week(store.con)
    weeks = []
    monday = week_start(first)
    while last is not None and monday <= last:
        weeks.append(monday)
        monday += timedelta(weeks=1)
    return weeks


@click.command()
@click.option("--db", help="DuckDB file to read (default: [store] path, eventwire.duckdb).")
@click.option(
    "--week",
    help="The ISO week asked about, YYYY-Www (default: the latest week with a usual volume of"
    " news: at least half the median weekly article count of the year before).",
)
@click.option("--date", "day", help="The week holding this day, YYYY-MM-DD.")
@click.option("--since", help="One table per week from this day's week to the latest.")
@click.option(
    "--by",
    type=click.Choice(CHANGE_KINDS),
    default="country",
    show_default=True,
    help="Group events by either side's country, by dyad of countries, or by PLOVER category.",
)
@click.option(
    "--modality",
    default="asserted",
    show_default=True,
    help="Only events of this modality; 'all' for every modality.",
)
@min_confidence_option
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="At most this many rows per week (0: all).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="A table, or one JSON object per week (its rows each with their events command).",
)
@click.pass_context
def changes(
    ctx: click.Context,
    db: str | None,
    week: str | None,
    day: str | None,
    since: str | None,
    by: str,
    modality: str,
    min_confidence: float | None,
    limit: int,
    fmt: str,
) -> None:
    """What changed: each country's, dyad's or category's events in one week against the 4 and
    52 weeks before, per article ingested, in ACLED Trendfinder's bands (a baseline under the
    config's [changes] min_baseline_events a week is "low baseline", never a percentage).

    Each row ends with the `eventwire events` command that lists its events.

    Example: eventwire changes --week 2019-W10 --by dyad
    """
    from ..store import open_store

    if sum(x is not None for x in (week, day, since)) > 1:
        raise click.UsageError("give at most one of --week, --date and --since")
    config = ctx.obj.get("config") if isinstance(ctx.obj, dict) else None
    try:
        options = load_options(config, {"store.path": db})
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    threshold = options.analysis.min_confidence if min_confidence is None else min_confidence
    wanted = None if modality == "all" else modality
    try:
        with open_store(options.store.path, read_only=True) as store:
            if since is not None:
                mondays: list[date | None] = list(_weeks(store, _day(since, "--since")))
                if not mondays:
                    raise click.ClickException(f"no article from {since} on in the store")
            elif week is not None:
                mondays = [parse_week(week)]
            else:
                mondays = [_day(day, "--date") if day else None]
            tables = [
                store.changes(m, by=by, modality=wanted, min_confidence=threshold or None)  # type: ignore[arg-type]
                for m in mondays
            ]
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    for table in tables:
        rows = table.rows[:limit] if limit else table.rows
        if fmt == "json":
            record = asdict(table)
            record["rows"] = [
                {**asdict(r), "events_command": events_command(table, r, db, modality, threshold)}
                for r in rows
            ]
            click.echo(json.dumps(record, default=str, ensure_ascii=False))
            continue
        _print(table, rows, db, modality, threshold)


def _print(
    table: WeeklyChanges, rows: tuple[Change, ...], db: str | None, modality: str, threshold: float
) -> None:
    iso = table.week.isocalendar()
    title = (
        f"week {iso.year}-W{iso.week:02d} ({table.week}): {table.articles} articles;"
        f" baselines over {table.weeks_with_news_4} of 4 and {table.weeks_with_news_52} of 52"
        f" weeks with news; {modality} events"
        + (f", confidence ≥ {threshold:g}" if threshold else "")
        + f" ({len(rows)} of {len(table.rows)} rows)"
    )
    out = Table(title=title)
    for column in (
        table.by,
        "events",
        "per article",
        "mean 4w",
        "vs 4 weeks",
        "band (4w)",
        "mean 52w",
        "vs 52 weeks",
        "band (52w)",
        "events behind it",
    ):
        out.add_column(column, overflow="fold")
    for r in rows:
        out.add_row(
            r.key,
            str(r.events),
            "" if r.rate is None else f"{r.rate:.3f}",
            f"{r.mean_4:.1f}",
            _percent(r.change_4, r.band_4),
            r.band_4,
            f"{r.mean_52:.1f}",
            _percent(r.change_52, r.band_52),
            r.band_52,
            events_command(table, r, db, modality, threshold),
        )
    report_console().print(out)
    if table.coarser_events:
        from ..analysis.periods import coarser_note

        report_console().print(coarser_note(table.coarser_events, "a week"))
    if table.background_events:
        from ..analysis.periods import background_note

        report_console().print(background_note(table.background_events))
