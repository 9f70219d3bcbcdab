"""Periods of a series and event dates of other granularities (issue 14).

An event dated "2023" or "June 2024" is not an event of January 2023 or of the week of
June 1st: counting it in the first period of its date would make every January spike with the
year-level background of a year's news. So a series at a frequency counts an event only when
its whole date falls in one period of that frequency — a day or a clock time always does, a
month does in a monthly series but not in a weekly one, a year in neither — and says how many
events it left out for being dated more coarsely (``coarser_events``). An event the text gives
no date for is counted on the day of its earliest report, as before.

An event told as background with no date of its own (``PAST_REF``: "had agreed", "an attack
that killed 19") is in no period: an analyst counting this week's events must not find a 2014
kidnapping recalled in this week's news, and its own day is unknown (issue 14). Such events
stay in the event lists and exports; a series or network says how many of those reported in
its range it left out (``background_events``). A background event with a date of its own
("the 2014 kidnapping", "had agreed in May 2014") counts on that date like any other.

Periods are shown as periods: ``2024-12-05``, ``2024-W49`` (ISO week), ``2024-12``.

>>> period_label(date(2024, 12, 2), "week")
'2024-W49'
>>> range_label(date(2024, 12, 1), date(2024, 12, 31))
'2024-12'
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa

from ._sql import IS_UNDATED_BACKGROUND, REPORT_DAY, Freq, count_of
from .filters import EventScope

__all__ = [
    "BACKGROUND_EVENTS",
    "COARSER_EVENTS",
    "background_events",
    "background_note",
    "coarser_events",
    "coarser_note",
    "count_background",
    "count_coarser",
    "fits_period",
    "labelled_periods",
    "period_label",
    "range_label",
    "with_coarser_events",
]

# The name under which a series carries how many events it left out (pandas ``attrs`` key,
# Arrow schema metadata key).
COARSER_EVENTS = "coarser_events"
# ... and how many undated background events reported in its range it left out.
BACKGROUND_EVENTS = "background_events"
_LAST_MONTH = 12


def fits_period(freq: Freq, alias: str = "e") -> str:
    """SQL true when the date of event ``alias`` lies in one period of ``freq`` (or the event
    has no date interval of its own: it stands on its report's day); false for a coarser
    date."""
    start, end = f"{alias}.date_start", f"{alias}.date_end"
    return (
        f"({start} IS NULL OR {end} IS NULL"
        f" OR date_trunc('{freq}', {start}) = date_trunc('{freq}', {end}))"
    )


def count_background(
    con: duckdb.DuckDBPyConnection,
    scope: EventScope,
    branches: Sequence[str] = ("TRUE",),
    params: Sequence[Any] = (),
) -> int:
    """How many undated background events of ``scope`` (its modality and confidence) reported
    in its date range any of ``branches`` selects: the events a series or a range leaves out
    for having no day. ``branches`` are disjoint conditions over ``events e`` (one pruned scan
    each: ``_sql.disjoint``), each taking ``params``."""
    reported, reported_params = scope.terms(REPORT_DAY)
    confident, confidence = scope.confidence_terms()
    undated = " AND ".join([*reported, IS_UNDATED_BACKGROUND, *confident])
    counts = " + ".join(
        f"(SELECT count(*) FROM events e WHERE {branch} AND {undated})" for branch in branches
    )
    return count_of(
        con, f"SELECT {counts}", [*params, *reported_params, *confidence] * len(branches)
    )


def count_coarser(con: duckdb.DuckDBPyConnection, scope: EventScope) -> int:
    """How many events of ``scope`` (its modality and confidence) have a date that overlaps
    its date range without lying in it: "2024" against March 2024 (0 without a range)."""
    if not scope.dated:
        return 0
    # The modality and confidence of the scope; its range is the overlap below.
    clauses, params = replace(scope, since=None, until=None).terms()
    confident, confidence = scope.confidence_terms()
    overlap = ["e.date_start IS NOT NULL", "e.date_end IS NOT NULL"]
    outside = []
    if scope.since:
        overlap.append("e.date_end >= ?")
        outside.append("e.date_start < ?")
    if scope.until:
        overlap.append("e.date_start <= ?")
        outside.append("e.date_end > ?")
    bounds = [d for d in (scope.since, scope.until) if d]
    where = " AND ".join(["TRUE", *clauses, *confident, *overlap, f"({' OR '.join(outside)})"])
    return count_of(
        con,
        f"SELECT count(*) FROM events e WHERE {where}",
        [*params, *confidence, *bounds, *bounds],
    )


def period_label(start: date | Any, freq: str) -> str:
    """A period as an analyst names it, from its first day: ``2024-12-05`` (day), ``2024-W49``
    (week), ``2024-12`` (month)."""
    day = start.date() if hasattr(start, "date") and callable(start.date) else start
    if freq == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    if freq == "month":
        return f"{day.year}-{day.month:02d}"
    return str(day.isoformat())


def range_label(since: date | None, until: date | None) -> str | None:
    """A date range as the period it is when it is one (``2024``, ``2024-12``, ``2024-W49``,
    ``2024-12-05``), else ``2024-12-01 to 2024-12-20``, ``from …``, ``until …``; None for no
    range."""
    if since and until:
        if since == until:
            return since.isoformat()
        if (since.month, since.day, until.month, until.day) == (1, 1, _LAST_MONTH, 31) and (
            since.year == until.year
        ):
            return str(since.year)
        last_day = calendar.monthrange(since.year, since.month)[1]
        if since.day == 1 and until == since.replace(day=last_day):
            return period_label(since, "month")
        if since.weekday() == 0 and until == since + timedelta(days=6):
            return period_label(since, "week")
        return f"{since.isoformat()} to {until.isoformat()}"
    if since:
        return f"from {since.isoformat()}"
    if until:
        return f"until {until.isoformat()}"
    return None


def with_coarser_events(result: Any, count: int, background: int = 0) -> Any:
    """``result`` (a pandas DataFrame or a pyarrow Table) carrying ``count``, the events left
    out for a date coarser than its periods, and ``background``, the undated background
    events reported in its range: ``frame.attrs["coarser_events"]`` and
    ``frame.attrs["background_events"]``, or the table's schema metadata under those keys."""
    counts = {COARSER_EVENTS: count, BACKGROUND_EVENTS: background}
    if isinstance(result, pa.Table):
        metadata = dict(result.schema.metadata or {})
        metadata.update({k.encode(): str(v).encode() for k, v in counts.items()})
        return result.replace_schema_metadata(metadata)
    if isinstance(result, pd.DataFrame):
        result.attrs.update(counts)
    return result


def _carried(result: Any, key: str) -> int:
    if isinstance(result, pa.Table):
        raw = (result.schema.metadata or {}).get(key.encode())
        return int(raw) if raw else 0
    if isinstance(result, pd.DataFrame):
        return int(result.attrs.get(key, 0))
    return 0


def coarser_events(result: Any) -> int:
    """How many events a series or network left out for a coarser date (0 when it says
    nothing)."""
    return _carried(result, COARSER_EVENTS)


def background_events(result: Any) -> int:
    """How many undated background events (``PAST_REF``) reported in its range a series or
    network left out (0 when it says nothing)."""
    return _carried(result, BACKGROUND_EVENTS)


def labelled_periods(series: pd.DataFrame, freq: str) -> pd.DataFrame:
    """A copy of ``series`` whose ``period`` column names each period (``2024-W49``) rather
    than its first day, for reading; it keeps ``coarser_events``."""
    out = series.copy()
    out["period"] = [period_label(start, freq) for start in series["period"]]
    out.attrs[COARSER_EVENTS] = coarser_events(series)
    out.attrs[BACKGROUND_EVENTS] = background_events(series)
    return out


def coarser_note(count: int, what: str) -> str:
    """The line that tells an analyst how many events a count left out, or ""."""
    if not count:
        return ""
    noun = "event is" if count == 1 else "events are"
    return (
        f"{count:,} {noun} dated only to a longer period than {what} (a month, a year): not counted"
    )


def background_note(count: int) -> str:
    """The line that tells an analyst how many undated background events a count left out,
    or ""."""
    if not count:
        return ""
    noun, verb = ("event", "belongs") if count == 1 else ("events", "belong")
    return (
        f"{count:,} {noun} told as background with no date of its own (some time before the"
        f" report) {verb} to no period: not counted (the event lists show them)"
    )
