"""TIMEX3 values as the calendar intervals they cover: the one place that reads a value back.

>>> timex_interval("2024-W48")
(datetime.date(2024, 11, 25), datetime.date(2024, 12, 1))
>>> timex_granularity("2024-06")
'month'
>>> format_event_date("2023", "year")
'2023'
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

__all__ = ["format_event_date", "timex_granularity", "timex_interval"]

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("time", re.compile(r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}|MO|AF|EV|NI)$")),
    ("day", re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")),
    ("week", re.compile(r"^(\d{4})-W(\d{2})(-WE)?$")),
    ("month", re.compile(r"^(\d{4})-(\d{2})$")),
    ("quarter", re.compile(r"^(\d{4})-Q([1-4])$")),
    ("half", re.compile(r"^(\d{4})-H([12])$")),
    ("season", re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")),
    ("year", re.compile(r"^(\d{4})$")),
    ("decade", re.compile(r"^(\d{3})$")),
    ("century", re.compile(r"^(\d{2})$")),
)
_DAYS_AFTER_MONDAY = 6
_SATURDAY = 5
_MONTHS_PER_QUARTER = 3
_MONTHS_PER_HALF = 6
# First and last month of each season; winter runs into the next year (December–February).
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
_MONTHS_PER_YEAR = 12
_DAY_PARTS = {"MO": "morning", "AF": "afternoon", "EV": "evening", "NI": "night"}
_REFERENCES = {"PAST_REF": "past", "PRESENT_REF": "present", "FUTURE_REF": "future"}


def timex_granularity(value: str | None) -> str | None:
    """The granularity of a calendar TIMEX3 value; None for references (``PAST_REF``) and junk."""
    if not value:
        return None
    return next((name for name, pattern in _PATTERNS if pattern.match(value)), None)


def _months(y: int, first: int, last: int) -> tuple[date, date]:
    """The first day of month ``first`` and the last of month ``last`` (13, 14: next year's)."""
    end_year, end_month = y + (last - 1) // _MONTHS_PER_YEAR, (last - 1) % _MONTHS_PER_YEAR + 1
    return date(y, first, 1), date(end_year, end_month, calendar.monthrange(end_year, end_month)[1])


def timex_interval(value: str | None) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 value covers; None for references like ``PAST_REF``
    and for values that are not real dates (``2024-13``, ``2024-W60``).

    >>> timex_interval("2024-06")
    (datetime.date(2024, 6, 1), datetime.date(2024, 6, 30))
    >>> timex_interval("1998-WI")
    (datetime.date(1998, 12, 1), datetime.date(1999, 2, 28))
    """
    granularity = timex_granularity(value)
    if granularity is None or value is None:
        return None
    match = dict(_PATTERNS)[granularity].match(value)
    assert match is not None
    number = int(match[1])
    try:
        if granularity in ("day", "time"):
            day = date(number, int(match[2]), int(match[3]))
            return day, day
        if granularity == "week":
            start = date.fromisocalendar(number, int(match[2]), 1)
            if match[3]:  # the weekend of the week
                return start + timedelta(days=_SATURDAY), start + timedelta(days=6)
            return start, start + timedelta(days=_DAYS_AFTER_MONDAY)
        if granularity == "month":
            return _months(number, int(match[2]), int(match[2]))
        if granularity == "quarter":
            first = _MONTHS_PER_QUARTER * int(match[2]) - 2
            return _months(number, first, first + 2)
        if granularity == "half":
            first = _MONTHS_PER_HALF * (int(match[2]) - 1) + 1
            return _months(number, first, first + _MONTHS_PER_HALF - 1)
        if granularity == "season":
            return _months(number, *_SEASON_MONTHS[match[2]])
        if granularity == "year":
            return date(number, 1, 1), date(number, 12, 31)
        if granularity == "decade":  # "199"
            return date(number * 10, 1, 1), date(number * 10 + 9, 12, 31)
        return date(max(number * 100, 1), 1, 1), date(number * 100 + 99, 12, 31)  # century "19"
    except ValueError:
        return None


def format_event_date(value: str | None, granularity: str | None = None) -> str:
    """An event date as an analyst reads it, at its own granularity: ``2023`` for a year,
    ``2024-06`` for a month, ``2024-W48`` for a week, ``1990s`` for a decade, ``2024-06-05
    16:25`` for a clock time — never a made-up first day such as ``2023-01-01``. Empty for
    no value; a reference (``PAST_REF``) reads ``past``.

    ``granularity`` (as stored beside the value) is only a fallback: the value says it.

    >>> format_event_date("2024-06-05T16:25")
    '2024-06-05 16:25'
    >>> format_event_date("199", "decade")
    '1990s'
    """
    if not value:
        return ""
    if value in _REFERENCES:
        return _REFERENCES[value]
    kind = timex_granularity(value) or granularity
    if kind == "time":
        clock = value[11:]
        return f"{value[:10]} {_DAY_PARTS.get(clock, clock)}"
    if kind == "decade" and value.isdigit():
        return f"{value}0s"
    if kind == "century" and value.isdigit():
        return f"{value}00s"
    return value
