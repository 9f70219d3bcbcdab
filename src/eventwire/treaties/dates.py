"""TIMEX3 values as the intervals of days they cover, and steps built from them."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from .model import Source, StepKind, TreatyStep

__all__ = ["GRANULARITIES", "UNKNOWN_DATE", "make_step", "timex_interval"]

UNKNOWN_DATE = "XXXX"  # TimeML's value for a date the text does not give

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("week", re.compile(r"^(\d{4})-W(\d{2})$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("year", re.compile(r"^(\d{4})$")),
)
GRANULARITIES = tuple(name for name, _ in _PATTERNS)
_MONTHS_PER_QUARTER = 3
_LAST_WEEKDAY = 6


def timex_interval(value: str) -> tuple[str, date, date] | None:
    """The granularity and the first and last day a TIMEX3 value covers; None for values that
    are not calendar points (``PAST_REF``, decades).

    >>> timex_interval("2024-06")
    ('month', datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
    """
    for granularity, pattern in _PATTERNS:
        m = pattern.match(value)
        if m is None:
            continue
        y = int(m[1])
        try:
            if granularity == "day":
                d = date(y, int(m[2]), int(m[3]))
                return granularity, d, d
            if granularity == "week":
                start = date.fromisocalendar(y, int(m[2]), 1)
                return granularity, start, start + timedelta(days=_LAST_WEEKDAY)
            if granularity == "month":
                mo = int(m[2])
                return granularity, date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
            if granularity == "quarter":
                first = _MONTHS_PER_QUARTER * int(m[2]) - 2
                last = first + 2
                return (
                    granularity,
                    date(y, first, 1),
                    date(y, last, calendar.monthrange(y, last)[1]),
                )
            return granularity, date(y, 1, 1), date(y, 12, 31)
        except ValueError:
            return None
    return None


def make_step(
    kind: StepKind,
    value: str,
    *,
    mod: str | None = None,
    party: str | None = None,
    toward: str | None = None,
    source: Source | None = None,
    note: str | None = None,
) -> TreatyStep:
    """A step dated by a TIMEX3 value (``UNKNOWN_DATE`` when undated); raises ``ValueError``
    for a value that is not a date."""
    if value == UNKNOWN_DATE:
        return TreatyStep(
            kind=kind, value=value, granularity="unknown", start=None, end=None, mod=mod,
            party=party, toward=toward, source=source, note=note,
        )  # fmt: skip
    interval = timex_interval(value)
    if interval is None:
        raise ValueError(f"{value!r} is not a TIMEX3 date (YYYY, YYYY-MM, YYYY-MM-DD…)")
    granularity, start, end = interval
    return TreatyStep(
        kind=kind,
        value=value,
        granularity=granularity,
        start=start,
        end=end,
        mod=mod,
        party=party,
        toward=toward,
        source=source,
        note=note,
    )
