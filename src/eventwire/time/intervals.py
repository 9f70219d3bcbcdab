"""TIMEX3 values as the calendar intervals they cover: the one place that reads a value back.

>>> timex_interval("2024-W48")
(datetime.date(2024, 11, 25), datetime.date(2024, 12, 1))
>>> timex_granularity("2024-06")
'month'
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["timex_granularity", "timex_interval"]

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("week", re.compile(r"^(\d{4})-W(\d{2})$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("year", re.compile(r"^(\d{4})$")),
    ("decade", re.compile(r"^(\d{3})$")),
)
_DAYS_AFTER_MONDAY = 6
_MONTHS_PER_QUARTER = 3


def timex_granularity(value: str | None) -> str | None:
    """The granularity of a calendar TIMEX3 value; None for references (``PAST_REF``) and junk."""
    if not value:
        return None
    return next((name for name, pattern in _PATTERNS if pattern.match(value)), None)


def timex_interval(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 value covers; None for references like ``PAST_REF``
    and for values that are not real dates (``2024-13``, ``2024-W60``).

    >>> timex_interval("2024-06")
    (datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
    """
    granularity = timex_granularity(value)
    if granularity is None or value is None:
        return None
    match = dict(_PATTERNS)[granularity].match(value)
    assert match is not None
    number = int(match[1])
    try:
        if granularity == "day":
            day = date(number, int(match[2]), int(match[3]))
            return day, day
        if granularity == "week":
            start = date.fromisocalendar(number, int(match[2]), 1)
            return start, start + timedelta(days=_DAYS_AFTER_MONDAY)
        if granularity == "month":
            month = int(match[2])
            return date(number, month, 1), date(
                number, month, calendar.monthrange(number, month)[1]
            )
        if granularity == "quarter":
            first = _MONTHS_PER_QUARTER * int(match[2]) - 2
            last = first + 2
            return date(number, first, 1), date(number, last, calendar.monthrange(number, last)[1])
        if granularity == "year":
            return date(number, 1, 1), date(number, 12, 31)
        return date(number * 10, 1, 1), date(number * 10 + 9, 12, 31)  # decade: "199"
    except ValueError:
        return None
