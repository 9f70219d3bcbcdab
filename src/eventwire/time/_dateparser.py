"""The dateparser path: explicit calendar dates with a day ("November 27", "14 September 2024",
"Dec. 5", "12/05/2024", "Thursday, December 5").

dateparser knows far more written date formats than we would want to maintain, so day-level
dates go to it. It is *not* used for relative expressions: it has no answer for "earlier this
year" or "recent weeks", its "Thursday" said on a Thursday is the week before, and its
"December 5" said on December 5 with future preference is a year later. So we only take the
month, day and year it reads, and choose a missing year ourselves (see ``timex.py``).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import Any

from dateparser.date import DateDataParser

__all__ = ["parse_calendar_date"]

# Only the parsers that read written dates: no "relative-time" (we own relative expressions)
# and no "timestamp" (a bare 10-digit number is not a date in news text).
_PARSERS = ["custom-formats", "absolute-time"]
# A fixed base so that the parse never depends on the machine's clock; the year it fills in
# for a yearless date is discarded by the caller (2000 is a leap year, so "February 29" parses).
_NEUTRAL_BASE = datetime(2000, 1, 1)


@lru_cache(maxsize=1)
def _parser() -> Any:
    settings = {
        "RELATIVE_BASE": _NEUTRAL_BASE,
        "PREFER_DATES_FROM": "past",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_TIME_AS_PERIOD": True,
        "PARSERS": _PARSERS,
        "STRICT_PARSING": False,
    }
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=8192)
def parse_calendar_date(text: str) -> date | None:
    """The day that ``text`` writes out, or None when dateparser does not read a whole day.

    >>> parse_calendar_date("14 September 2024")
    datetime.date(2024, 9, 14)

    The answer depends on ``text`` alone (fixed settings and base), so it is cached: wire copy
    repeats its dates ("April 1") and dateparser takes several milliseconds a call.
    """
    data = _parser().get_date_data(text)
    if data.date_obj is None or data.period not in ("day", "time"):
        return None
    parsed: datetime = data.date_obj
    return parsed.date()
