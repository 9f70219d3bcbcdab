"""Named days of the calendar ("Christmas", "Thanksgiving Day", "Easter") as dates of a year.

Fixed days by month and day; moving ones by rule (the n-th weekday of a month, Easter by the
Gregorian computus). Only days that news about international affairs names often and whose
date is the same everywhere it is named; lunar-calendar feasts (Ramadan, Eid) move by a
calendar we do not compute and are left unresolved.

>>> holiday_date("thanksgiving", 1999)
datetime.date(1999, 11, 25)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

__all__ = ["HOLIDAYS", "holiday_date"]

_DAYS_PER_WEEK = 7
_MONDAY, _TUESDAY, _THURSDAY = 0, 1, 3


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda y: date(y, month, day)


def _nth_weekday(month: int, weekday: int, n: int) -> Callable[[int], date]:
    """The ``n``-th ``weekday`` of ``month`` (``n`` -1: the last one)."""

    def build(y: int) -> date:
        if n > 0:
            first = date(y, month, 1)
            return first + timedelta(days=(weekday - first.weekday()) % _DAYS_PER_WEEK
                                     + _DAYS_PER_WEEK * (n - 1))  # fmt: skip
        last = date(y + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % _DAYS_PER_WEEK)

    return build


def easter(y: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher)."""
    a, b, c = y % 19, y // 100, y % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return date(y, month, (h + el - 7 * m + 33 * month + 19) % 32)


def _from_easter(days: int) -> Callable[[int], date]:
    return lambda y: easter(y) + timedelta(days=days)


def _election_day(y: int) -> date:
    """US Election Day: the Tuesday after the first Monday of November."""
    return _nth_weekday(11, _MONDAY, 1)(y) + timedelta(days=1)


HOLIDAYS: dict[str, Callable[[int], date]] = {
    "new year's day": _fixed(1, 1),
    "new year day": _fixed(1, 1),
    "new year's eve": _fixed(12, 31),
    "new year eve": _fixed(12, 31),
    "christmas": _fixed(12, 25),
    "christmas day": _fixed(12, 25),
    "christmas eve": _fixed(12, 24),
    "boxing day": _fixed(12, 26),
    "valentine's day": _fixed(2, 14),
    "valentine day": _fixed(2, 14),
    "may day": _fixed(5, 1),
    "independence day": _fixed(7, 4),
    "bastille day": _fixed(7, 14),
    "halloween": _fixed(10, 31),
    "veterans day": _fixed(11, 11),
    "armistice day": _fixed(11, 11),
    "remembrance day": _fixed(11, 11),
    "thanksgiving": _nth_weekday(11, _THURSDAY, 4),
    "thanksgiving day": _nth_weekday(11, _THURSDAY, 4),
    "labor day": _nth_weekday(9, _MONDAY, 1),
    "memorial day": _nth_weekday(5, _MONDAY, -1),
    "election day": _election_day,
    "easter": easter,
    "easter sunday": easter,
    "easter monday": _from_easter(1),
    "good friday": _from_easter(-2),
}


def holiday_date(name: str, y: int) -> date | None:
    """The date of holiday ``name`` (lower case, as in :data:`HOLIDAYS`) in year ``y``."""
    build = HOLIDAYS.get(name)
    if build is None:
        return None
    try:
        return build(y)
    except (ValueError, OverflowError):
        return None
