"""Calendar arithmetic and TIMEX3 value formatting (ISO 8601 weeks, quarters, decades).

Pure functions over ``datetime.date``; no parsing here.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

from .model import Timex

__all__ = [
    "DAYS_PER_WEEK",
    "MONTHS_PER_QUARTER",
    "MONTHS_PER_YEAR",
    "Prefer",
    "day",
    "decade",
    "month",
    "nearest_month",
    "nearest_quarter",
    "nearest_weekday",
    "quarter",
    "shift_months",
    "week",
    "weekend_week",
    "year",
]

# Which way an expression that names no year or week points: news reports mostly past events,
# so "in June" is the last June unless the sentence is in the future tense.
Prefer = Literal["past", "future"]

DAYS_PER_WEEK = 7
MONTHS_PER_YEAR = 12
MONTHS_PER_QUARTER = 3
_SATURDAY = 5


def day(d: date, mod: str | None = None) -> Timex:
    """``2024-12-05`` at day granularity."""
    return Timex(d.isoformat(), "day", mod)


def week(d: date, mod: str | None = None) -> Timex:
    """The ISO 8601 week that contains ``d``: ``week(date(2024, 12, 30))`` is ``2025-W01``."""
    iso_year, iso_week, _ = d.isocalendar()
    return Timex(f"{iso_year:04d}-W{iso_week:02d}", "week", mod)


def month(y: int, m: int, mod: str | None = None) -> Timex:
    return Timex(f"{y:04d}-{m:02d}", "month", mod)


def quarter(y: int, q: int, mod: str | None = None) -> Timex:
    return Timex(f"{y:04d}-Q{q}", "quarter", mod)


def year(y: int, mod: str | None = None) -> Timex:
    return Timex(f"{y:04d}", "year", mod)


def decade(first_year: int, mod: str | None = None) -> Timex:
    """TIMEX3 writes a decade as its first three digits: the 1990s are ``199``."""
    return Timex(f"{first_year // 10:03d}", "decade", mod)


def shift_months(y: int, m: int, by: int) -> tuple[int, int]:
    """``shift_months(2025, 1, -1)`` is ``(2024, 12)``."""
    index = y * MONTHS_PER_YEAR + (m - 1) + by
    return index // MONTHS_PER_YEAR, index % MONTHS_PER_YEAR + 1


def nearest_month(m: int, ref: date, prefer: Prefer) -> tuple[int, int]:
    """The year of month ``m``: the latest not after ``ref``'s month (past) or the earliest not
    before it (future). ``nearest_month(12, date(2025, 1, 10), "past")`` is ``(2024, 12)``."""
    if prefer == "past":
        return (ref.year if m <= ref.month else ref.year - 1), m
    return (ref.year if m >= ref.month else ref.year + 1), m


def nearest_quarter(q: int, ref: date, prefer: Prefer) -> tuple[int, int]:
    """Like :func:`nearest_month`, for quarters."""
    current = (ref.month - 1) // MONTHS_PER_QUARTER + 1
    if prefer == "past":
        return (ref.year if q <= current else ref.year - 1), q
    return (ref.year if q >= current else ref.year + 1), q


def nearest_weekday(weekday: int, ref: date, prefer: Prefer, *, strict: bool = False) -> date:
    """The closest day with ``weekday`` (Monday 0) on or before ``ref`` (past) or on or after it
    (future); ``strict`` excludes ``ref`` itself ("last Thursday" said on a Thursday)."""
    if prefer == "past":
        back = (ref.weekday() - weekday) % DAYS_PER_WEEK
        if strict and back == 0:
            back = DAYS_PER_WEEK
        return ref - timedelta(days=back)
    ahead = (weekday - ref.weekday()) % DAYS_PER_WEEK
    if strict and ahead == 0:
        ahead = DAYS_PER_WEEK
    return ref + timedelta(days=ahead)


def weekend_week(ref: date, offset: int | None, prefer: Prefer) -> Timex:
    """The ISO week of a weekend; ``offset`` counts weeks from ``ref``'s ("last weekend" -1),
    ``None`` is the bare "the weekend": the latest (past) or next (future) Saturday."""
    if offset is None:
        return week(nearest_weekday(_SATURDAY, ref, prefer))
    return week(ref + timedelta(weeks=offset))
