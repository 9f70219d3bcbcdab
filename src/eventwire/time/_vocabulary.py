"""Word tables shared by the resolver (``timex.py``) and the span finder (``component.py``).

Kept in one place so that what the component finds and what the resolver understands cannot
drift apart.
"""

from __future__ import annotations

__all__ = [
    "DAY_PARTS",
    "MONTHS",
    "NUMBER_WORDS",
    "ORDINAL_QUARTERS",
    "PLURAL_UNITS",
    "UNITS",
    "WEEKDAYS",
]

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1,
    "february": 2, "feb": 2,
    "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "may": 5,
    "june": 6, "jun": 6,
    "july": 7, "jul": 7,
    "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9,
    "october": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip

# Monday is 0, as in ``date.weekday()``.
WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0,
    "tuesday": 1, "tue": 1, "tues": 1,
    "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3,
    "friday": 4, "fri": 4,
    "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip

# Parts of a day that may follow a day expression ("Monday night", "yesterday morning"); the
# value stays at day granularity.
DAY_PARTS = ("morning", "afternoon", "evening", "night", "overnight")

NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "a couple of": 2, "couple of": 2,
}  # fmt: skip

ORDINAL_QUARTERS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3,
    "fourth": 4, "4th": 4, "final": 4, "last": 4,
}  # fmt: skip

# Calendar units a point expression can be counted in ("two weeks ago", "last month").
UNITS = ("day", "week", "weekend", "month", "quarter", "year", "decade")
PLURAL_UNITS = ("days", "weeks", "months", "years", "decades")
