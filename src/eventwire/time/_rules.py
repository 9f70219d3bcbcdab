"""The rules of the resolver: one regular expression (matched against the whole normalised
expression) and one function each, tried in order; then clock times, then the dateparser path
for written-out day dates. ``timex.py`` normalises the text and handles signals and position
modifiers before calling :func:`resolve_core`.

Values follow TIMEX3 (TimeML): ``1998-Q3``, ``1998-H1``, ``1998-SU`` (seasons SP, SU, FA, WI),
``199`` (decade), ``19`` (century), ``2024-W48-WE`` (weekend), ``2000-02-16TNI`` (a part of a
day: MO, AF, EV, NI), ``2000-04-04T09:00`` (a clock time).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta

from . import _calendar as cal
from ._calendar import Prefer
from ._dateparser import parse_calendar_date
from ._holidays import HOLIDAYS, holiday_date
from ._vocabulary import MONTHS, NUMBER_WORDS, ORDINAL_QUARTERS, WEEKDAYS
from .model import Timex

__all__ = ["FUTURE_REF", "PAST_REF", "PRESENT_REF", "resolve_core"]

# Years outside this range are numbers, not years, in news text ("2,500 troops" aside, "3000"
# is more often a count than a year); 1000 admits medieval history, 2199 any plan or forecast.
_MIN_YEAR = 1000
_MAX_YEAR = 2199
_LEAP_CYCLE_YEARS = 4
# A yearless day date at most this many days after the article date is the coming one even in
# the past-preference mode: agency style writes the year only for other years, and an article
# cannot report as past a day that has not come ("a session beginning April 21" in an article
# of April 13). 30 days: announced dates in the Gigaword sample fell within two weeks.
_UPCOMING_DAY_WINDOW_DAYS = 30
_HOURS_PER_HALF_DAY = 12

PAST_REF = Timex("PAST_REF", "ref")
PRESENT_REF = Timex("PRESENT_REF", "ref")
FUTURE_REF = Timex("FUTURE_REF", "ref")

_Rule = Callable[[re.Match[str], date | None, Prefer], Timex | None]
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_NUMBER = r"(?P<number>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# TIMEX3 parts of a day: "Monday night" is ``2024-12-02TNI``.
_DAY_PART_CODES = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}
_DAY_PART = r"(?: (?P<part>" + "|".join(_DAY_PART_CODES) + r"))?"
_FEW = r"(?: (?:few|several|couple of|\d{1,2}|" + "|".join(NUMBER_WORDS) + r"))?"
_PLURAL = r"(?:days|weeks|months|years|decades)"
_RULES: list[tuple[re.Pattern[str], _Rule]] = []


def _rule(pattern: str) -> Callable[[_Rule], _Rule]:
    def register(function: _Rule) -> _Rule:
        _RULES.append((re.compile(pattern), function))
        return function

    return register


def _with_part(day: date, part: str | None) -> Timex:
    if part is None:
        return cal.day(day)
    return Timex(f"{day.isoformat()}T{_DAY_PART_CODES[part]}", "time")


# TimeML's underspecified year: "June" in an undated article is some June (``XXXX-06``).
_SOME_YEAR = "XXXX"


def _unanchored(which: str | None, value: str, granularity: str) -> Timex | None:
    """The underspecified value of a bare calendar name with no reference date; None for a
    relative one ("last June" needs to know when it was said)."""
    return Timex(f"{_SOME_YEAR}-{value}", granularity) if which is None else None


def _checked_year(y: int, build: Callable[[int], Timex]) -> Timex | None:
    return build(y) if _MIN_YEAR <= y <= _MAX_YEAR else None


# --- vague references ---------------------------------------------------------------------------


# "once" as a time ("a once-thriving port", "once the biggest lender"): TimeML's PAST_REF.
@_rule(r"(?:recent|recently|more recently|most recently|lately|previously|formerly|past|once"
       r"|recent (?:times|history)|(?:recent|past|last)" + _FEW + " " + _PLURAL
       + r"|recent " + _PLURAL + " and " + _PLURAL + r"|past day)")  # fmt: skip
def _past_ref(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return PAST_REF


@_rule(r"(?:now|right now|currently|current|nowadays|at present|present|these days"
       r"|present day|(?:at )?the moment|moment)")  # fmt: skip
def _present_ref(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return PRESENT_REF


@_rule(r"(?:soon|future|near future|(?:coming|next|upcoming)" + _FEW + " " + _PLURAL
       + r"|(?:near|short|medium|long|longer|shorter) term|" + _PLURAL + r" ahead)")  # fmt: skip
def _future_ref(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return FUTURE_REF


# --- days ---------------------------------------------------------------------------------------

_DAY_OFFSETS = {"today": 0, "yesterday": -1, "tomorrow": 1, "day before yesterday": -2,
                "day after tomorrow": 2}  # fmt: skip
# Deictic expressions that name a part of a day themselves: "tonight" is today's night.
_PART_DAYS = {
    "tonight": (0, "night"),
    "this morning": (0, "morning"),
    "this afternoon": (0, "afternoon"),
    "this evening": (0, "evening"),
    "last night": (-1, "night"),
    "overnight": (0, "night"),
}


@_rule(r"(?P<deictic>" + "|".join(_DAY_OFFSETS) + r")" + _DAY_PART)
def _deictic_day(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    if ref is None:
        return None
    return _with_part(ref + timedelta(days=_DAY_OFFSETS[m.group("deictic")]), m.group("part"))


@_rule(r"(?P<parted>" + "|".join(_PART_DAYS) + r")")
def _deictic_part(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    if ref is None:
        return None
    offset, part = _PART_DAYS[m.group("parted")]
    return _with_part(ref + timedelta(days=offset), part)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


@_rule(_NUMBER + r" (?P<unit>second|sec|minute|min|hour|day|week|month|year|decade)s?"
       r" (?P<direction>ago|earlier|from now|later|hence)")  # fmt: skip
def _counted(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    # "a year earlier" is, strictly, anaphoric; in news it counts back from the report date far
    # more often than from another event's ("profit rose from a year earlier").
    if ref is None or m.group("direction") == "later":
        return None  # "two days later" needs the story's timeline
    sign = -1 if m.group("direction") in ("ago", "earlier") else 1
    n = sign * _count(m.group("number"))
    unit = m.group("unit")
    if unit in ("second", "sec", "minute", "min", "hour"):
        return cal.day(ref)  # hours ago is still today at day granularity
    if unit == "day":
        return cal.day(ref + timedelta(days=n))
    if unit == "week":
        return cal.week(ref + timedelta(weeks=n))
    if unit == "month":
        return cal.month(*cal.shift_months(ref.year, ref.month, n))
    if unit == "year":
        return cal.year(ref.year + n)
    return cal.decade(ref.year + 10 * n)


_OFFSETS = {"last": -1, "past": -1, "previous": -1, "this": 0, "current": 0, "next": 1,
            "coming": 1}  # fmt: skip


def _previous_quarter(ref: date, years_back: int = 0) -> Timex:
    y, mo = cal.shift_months(ref.year - years_back, ref.month, -cal.MONTHS_PER_QUARTER)
    return cal.quarter(y, (mo - 1) // cal.MONTHS_PER_QUARTER + 1)


@_rule(r"(?P<which>last|past|this|current|next|coming) (?P<unit>week|month|quarter|half|year"
       r"|decade|century)")  # fmt: skip
def _calendar_relative(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    if ref is None:
        return None
    n = _OFFSETS[m.group("which")]
    unit = m.group("unit")
    if unit == "week":
        return cal.week(ref + timedelta(weeks=n))
    if unit == "month":
        return cal.month(*cal.shift_months(ref.year, ref.month, n))
    if unit == "quarter":
        y, mo = cal.shift_months(ref.year, ref.month, n * cal.MONTHS_PER_QUARTER)
        return cal.quarter(y, (mo - 1) // cal.MONTHS_PER_QUARTER + 1)
    if unit == "half":
        y, mo = cal.shift_months(ref.year, ref.month, n * cal.MONTHS_PER_QUARTER * 2)
        return cal.half(y, 1 if mo <= cal.MONTHS_PER_YEAR // 2 else 2)
    if unit == "year":
        return cal.year(ref.year + n)
    if unit == "century":
        return cal.century(ref.year + 100 * n)
    return cal.decade(ref.year + 10 * n)


# "the year-ago quarter", "the year-earlier third quarter", "the quarter a year ago": in company
# and economic news the quarter being reported is the last one completed, a year before.
@_rule(r"(?:comparable )?year-(?:ago|earlier) (?:(?P<ordinal>1st|2nd|3rd|4th) )?quarter"
       r"|quarter a year (?:ago|earlier)")  # fmt: skip
def _year_ago_quarter(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    if ref is None:
        return None
    if m.group("ordinal"):
        return cal.quarter(ref.year - 1, ORDINAL_QUARTERS[m.group("ordinal")])
    return _previous_quarter(ref, years_back=1)


@_rule(r"latest quarter|most recent quarter")
def _latest_quarter(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return None if ref is None else _previous_quarter(ref)


@_rule(r"year-(?:ago|earlier)|a year (?:ago|earlier)")
def _year_ago(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return None if ref is None else cal.year(ref.year - 1)


@_rule(r"(?:(?P<which>last|this|next|past|coming) )?weekend")
def _weekend(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    if ref is None:
        return None
    which = m.group("which")
    if which is None:
        return cal.weekend_week(ref, None, prefer)
    return cal.weekend_week(ref, _OFFSETS.get(which, 0), prefer)


@_rule(r"(?:(?P<which>last|this|next|past|coming) )?" + _WEEKDAY + _DAY_PART)
def _weekday(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    weekday = WEEKDAYS[m.group("weekday")]
    if ref is None:  # TIMEX3 numbers weekdays from Monday, 1
        part = m.group("part")
        return _unanchored(
            m.group("which"),
            f"WXX-{weekday + 1}" + (f"T{_DAY_PART_CODES[part]}" if part else ""),
            "time" if part else "day",
        )
    which = m.group("which")
    if which in ("last", "past"):
        day = cal.nearest_weekday(weekday, ref, "past", strict=True)
    elif which in ("next", "coming"):
        day = cal.nearest_weekday(weekday, ref, "future", strict=True)
    else:
        day = cal.nearest_weekday(weekday, ref, prefer)
    return _with_part(day, m.group("part"))


# --- months, seasons, holidays ------------------------------------------------------------------

_RELATIVE_YEAR = r"(?P<relative>last|this|next) year"
_OF_YEAR = r"(?:,? (?:of )?(?P<year>\d{4})|,? (?:of )?" + _RELATIVE_YEAR + ")?"
_OF_YEAR = r"(?:,? (?:of )?(?P<year>\d{4})|,? (?:of )?" + _RELATIVE_YEAR + ")?"


@_rule(r"(?:(?P<which>last|this|next) )?" + _MONTH + _OF_YEAR)
def _month_name(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    month_number = MONTHS[m.group("month")]
    if m.group("year") is not None:
        return _checked_year(int(m.group("year")), lambda y: cal.month(y, month_number))
    if ref is None:
        return (
            None if m.group("relative") else _unanchored(m["which"], f"{month_number:02d}", "month")
        )
    if m.group("relative") is not None:
        return cal.month(ref.year + _OFFSETS[m.group("relative")], month_number)
    which = m.group("which")
    if which == "this":
        return cal.month(ref.year, month_number)
    if which == "last":
        # "last June" said in June is a year ago; said later in the year, this year's June.
        y, _ = cal.nearest_month(month_number, _month_before(ref), "past")
        return cal.month(y, month_number)
    if which == "next":
        y, _ = cal.nearest_month(month_number, _month_after(ref), "future")
        return cal.month(y, month_number)
    return cal.month(*cal.nearest_month(month_number, ref, prefer))


def _month_before(ref: date) -> date:
    """The last day of the month before ``ref``'s."""
    return ref.replace(day=1) - timedelta(days=1)


def _month_after(ref: date) -> date:
    """The first day of the month after ``ref``'s."""
    y, mo = cal.shift_months(ref.year, ref.month, 1)
    return date(y, mo, 1)


# Seasons in TIMEX3 order within a year; winter is the one that starts in December.
_SEASONS = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
_SEASON_ORDER = ("SP", "SU", "FA", "WI")
_SEASON_OF_MONTH = {1: 3, 2: 3, 3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2, 12: 3}


@_rule(r"(?:(?P<which>last|this|next|past|coming|current) )?(?P<season>spring|summer|fall"
       r"|autumn|winter)" + _OF_YEAR)  # fmt: skip
def _season(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    code = _SEASONS[m.group("season")]
    if m.group("year") is not None:
        return _checked_year(int(m.group("year")), lambda y: cal.season(y, code))
    if ref is None:
        return None if m.group("relative") else _unanchored(m.group("which"), code, "season")
    if m.group("relative") is not None:
        return cal.season(ref.year + _OFFSETS[m.group("relative")], code)
    # The season the reference falls in; January and February belong to the last winter.
    current = _SEASON_OF_MONTH[ref.month]
    season_year = ref.year - 1 if ref.month < 3 else ref.year
    index = _SEASON_ORDER.index(code)
    which = m.group("which")
    if which in ("this", "current"):
        return cal.season(season_year if index == current else ref.year, code)
    if which in ("last", "past"):
        offset = 0 if index < current else -1
    elif which in ("next", "coming"):
        offset = 0 if index > current else 1
    else:
        offset = cal.pick_nearest(index, current, len(_SEASON_ORDER), prefer)
    return cal.season(season_year + offset, code)


@_rule(r"(?:(?P<which>last|this|next) )?(?P<holiday>" + "|".join(
    sorted((re.escape(name) for name in HOLIDAYS), key=len, reverse=True)
) + r")(?:,? (?P<year>\d{4}))?")  # fmt: skip
def _holiday(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    name = m.group("holiday")
    if m.group("year") is not None:
        named = holiday_date(name, int(m.group("year")))
        return None if named is None else _checked_year(named.year, lambda _: cal.day(named))
    if ref is None:  # a holiday on a fixed day: XXXX-12-25; a moving one needs its year
        first, second = holiday_date(name, 2001), holiday_date(name, 2002)
        if first is None or second is None or first.timetuple()[1:3] != second.timetuple()[1:3]:
            return None
        return _unanchored(m.group("which"), first.isoformat()[5:], "day")
    which = m.group("which")
    if which == "this":
        this_year = holiday_date(name, ref.year)
        return None if this_year is None else cal.day(this_year)
    direction: Prefer = "past" if which == "last" else "future" if which == "next" else prefer
    return _nearest_dated(lambda y: holiday_date(name, y), ref, direction)


def _nearest_dated(build: Callable[[int], date | None], ref: date, prefer: Prefer) -> Timex | None:
    """The day ``build(year)`` nearest ``ref`` in the direction ``prefer``."""
    back = next((d for y in (ref.year, ref.year - 1) if (d := build(y)) and d <= ref), None)
    ahead = next((d for y in (ref.year, ref.year + 1) if (d := build(y)) and d >= ref), None)
    if prefer == "nearest" and back is not None and ahead is not None:
        late = cal.closer_ahead((ref - back).days, (ahead - ref).days)
        return cal.day(ahead if late else back)
    chosen = ahead if prefer == "future" or (prefer == "nearest" and back is None) else back
    return None if chosen is None else cal.day(chosen)


# --- years, decades, centuries, quarters, halves, weeks ---------------------------------------


@_rule(r"(?:year )?(?P<year>\d{4})")
def _year(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return _checked_year(int(m.group("year")), cal.year)


@_rule(r"(?P<decade>\d{3}0)'?s")
def _decade(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return _checked_year(int(m.group("decade")), cal.decade)


@_rule(r"'?(?P<digit>\d)0'?s")
def _short_decade(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    # "the '90s": the latest decade with that digit that began by the reference year.
    if ref is None:
        return None
    start = (ref.year // 100) * 100 + int(m.group("digit")) * 10
    return cal.decade(start if start <= ref.year else start - 100)


@_rule(r"(?P<number>\d{1,2})(?:st|nd|rd|th) century")
def _century(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    number = int(m.group("number"))
    return cal.century((number - 1) * 100) if number >= 1 else None


_YEAR_WORDS = {"this year": 0, "last year": -1, "next year": 1, "the year": 0, "year": 0}
_YEAR_OF = r"(?: of (?P<year>\d{4}|(?:this|last|next|the) year))?"


def _period_year(m: re.Match[str], ref: date | None) -> int | None:
    """The year a quarter or half names ("of 2023", "of last year"), or None."""
    year_text = m.group("year")
    if year_text is None:
        return None
    if year_text.isdigit():
        return int(year_text)
    return None if ref is None else ref.year + _YEAR_WORDS[year_text]


@_rule(r"(?P<ordinal>" + "|".join(ORDINAL_QUARTERS) + r") quarter" + _YEAR_OF)
def _quarter(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    q = ORDINAL_QUARTERS[m.group("ordinal")]
    y = _period_year(m, ref)
    if y is not None:
        return _checked_year(y, lambda y: cal.quarter(y, q))
    if m.group("year") is not None or m.group("ordinal") in ("last", "final"):
        return None  # "the last quarter" alone is the previous quarter, said without "the"
    if ref is None:
        return _unanchored(None, f"Q{q}", "quarter")
    return cal.quarter(*cal.nearest_quarter(q, ref, prefer))


@_rule(r"q(?P<q>[1-4])(?:[ -](?P<year>\d{4}))?|(?P<year_first>\d{4})[ -]q(?P<q2>[1-4])")
def _quarter_code(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    q = int(m.group("q") or m.group("q2"))
    year_text = m.group("year") or m.group("year_first")
    if year_text is not None:
        return _checked_year(int(year_text), lambda y: cal.quarter(y, q))
    if ref is None:
        return _unanchored(None, f"Q{q}", "quarter")
    return cal.quarter(*cal.nearest_quarter(q, ref, prefer))


_HALVES = {"1st": 1, "2nd": 2}


@_rule(r"(?P<ordinal>1st|2nd) half" + _YEAR_OF + r"|h(?P<h>[12])(?:[ -](?P<h_year>\d{4}))?")
def _half(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    h = int(m.group("h")) if m.group("h") else _HALVES[m.group("ordinal")]
    y = int(m.group("h_year")) if m.group("h_year") else _period_year(m, ref)
    if y is not None:
        return _checked_year(y, lambda y: cal.half(y, h))
    if m.group("year") is not None:
        return None
    if ref is None:
        return _unanchored(None, f"H{h}", "half")
    current = 0 if ref.month <= cal.MONTHS_PER_YEAR // 2 else 1
    return cal.half(ref.year + cal.pick_nearest(h - 1, current, 2, prefer), h)


@_rule(r"day (?P<direction>before|after) (?P<rest>.+)")
def _day_beside(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    # "the day before last Tuesday", "the day after Christmas": a day next to a named one.
    inner = resolve_core(m.group("rest"), ref, prefer)
    if inner is None or inner.granularity != "day":
        return None
    step = -1 if m.group("direction") == "before" else 1
    return cal.day(date.fromisoformat(inner.value) + timedelta(days=step))


@_rule(r"week of (?P<rest>.+)")
def _week_of(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    inner = resolve_core(m.group("rest"), ref, prefer)
    if inner is None or inner.granularity != "day":
        return None
    return cal.week(date.fromisoformat(inner.value))


# --- clock times: "1625 UTC", "at 1922 GMT", "9 a.m. Tuesday", "Tuesday at 10:30" --------------

_ZONES = r"(?:gmt|utc|z|est|edt|cst|cdt|mst|mdt|pst|pdt|bst|cet|cest|ist|jst|local time|local)"
_CLOCK = re.compile(
    r"(?:(?P<h12>1[0-2]|0?[1-9])(?:[:.](?P<m12>[0-5]\d))? ?(?P<ampm>[ap])\.? ?m\.?"
    r"|(?P<h24>[01]?\d|2[0-3])[:h](?P<m24>[0-5]\d)"
    r"|(?P<hhmm>(?:[01]\d|2[0-3])[0-5]\d)(?= ?(?:" + _ZONES + r"|hours|hrs)\b)"
    r"|(?P<named>noon|midday|midnight))"
    r"(?: ?(?:" + _ZONES + r"|hours|hrs)\b)?"
)
_CLOCK_FIRST = re.compile(r"(?P<clock>" + _CLOCK.pattern + r"),? (?:on )?(?P<rest>.+)")
_CLOCK_LAST = re.compile(r"(?P<rest>.+?),? (?:at )?(?P<clock>" + _CLOCK.pattern + r")")
_NAMED_HOURS = {"noon": 12, "midday": 12, "midnight": 0}


def _clock_value(m: re.Match[str]) -> str:
    if m.group("named"):
        return f"{_NAMED_HOURS[m.group('named')]:02d}:00"
    if m.group("hhmm"):
        return f"{m.group('hhmm')[:2]}:{m.group('hhmm')[2:]}"
    if m.group("h24"):
        return f"{int(m.group('h24')):02d}:{m.group('m24')}"
    hour = int(m.group("h12")) % _HOURS_PER_HALF_DAY
    if m.group("ampm") == "p":
        hour += _HOURS_PER_HALF_DAY
    return f"{hour:02d}:{m.group('m12') or '00'}"


def _clock_time(text: str, ref: date | None, prefer: Prefer) -> Timex | None:
    """A clock time, alone (the reference day) or with a day ("9 a.m. Tuesday"); a clock time
    is never a year, whatever its digits ("1625 GMT")."""
    alone = _CLOCK.fullmatch(text)
    if alone is not None:
        return None if ref is None else Timex(f"{ref.isoformat()}T{_clock_value(alone)}", "time")
    for pattern in (_CLOCK_FIRST, _CLOCK_LAST):
        match = pattern.fullmatch(text)
        if match is None:
            continue
        clock = _CLOCK.fullmatch(match.group("clock"))
        day = resolve_core(match.group("rest"), ref, prefer)
        if clock is not None and day is not None and day.granularity in ("day", "time"):
            return Timex(f"{day.value[:10]}T{_clock_value(clock)}", "time")
    return None


# --- the dateparser path -----------------------------------------------------------------------

_HAS_MONTH_AND_DAY = re.compile(
    r"\b(?:" + "|".join(MONTHS) + r")\b\.?,? \d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + "|".join(MONTHS) + r")\b"
)
_NUMERIC_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_UNITS_OF_DURATION = re.compile(r"\b(?:hours?|minutes?|days|weeks|months|years|anniversary)\b")


# The common written day dates, read without dateparser (a call costs ~5 ms, most of the time
# component's CPU on wire copy): "December 5", "Dec. 5, 2024", "5 December 2024", "5th of
# December", "2024-12-05". Anything else goes to dateparser.
_MONTH_NAME = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY_NUMBER = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PLAIN_YEAR = r"(?:,? (?P<year>\d{4})|,? (?P<relative>last|this|next) year)?"
_PLAIN_DAYS = (
    re.compile(_MONTH_NAME + " " + _DAY_NUMBER + _PLAIN_YEAR),
    re.compile(_DAY_NUMBER + r" (?:of )?" + _MONTH_NAME + _PLAIN_YEAR),
)
_ISO_DAY = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


def _plain_day(text: str, ref: date | None) -> tuple[int | None, int, int] | None:
    """(year or None, month, day) of a common written day date, or None."""
    iso = _ISO_DAY.fullmatch(text)
    if iso is not None:
        return int(iso["year"]), int(iso["month"]), int(iso["day"])
    for pattern in _PLAIN_DAYS:
        match = pattern.fullmatch(text)
        if match is None or (match["relative"] and ref is None):
            continue
        year = int(match["year"]) if match["year"] else None
        if match["relative"] and ref is not None:
            year = ref.year + _OFFSETS[match["relative"]]
        return year, MONTHS[match["month"]], int(match["day"])
    return None


def _calendar_date(text: str, ref: date | None, prefer: Prefer) -> Timex | None:
    plain = _plain_day(text, ref)
    if plain is not None:
        year, month_number, day_number = plain
        if year is not None:
            day = _day_or_none(year, month_number, day_number)
            return None if day is None else _checked_year(year, lambda _: cal.day(day))
        if _day_or_none(2000, month_number, day_number) is None:  # 2000: a leap year
            return None
        if ref is None:
            return _unanchored(None, f"{month_number:02d}-{day_number:02d}", "day")
        return _place_yearless_day(month_number, day_number, ref, prefer)
    numeric = _NUMERIC_DATE.match(text) is not None
    if not numeric and (
        _HAS_MONTH_AND_DAY.search(text) is None or _UNITS_OF_DURATION.search(text) is not None
    ):
        return None
    parsed = parse_calendar_date(text)
    if parsed is None:
        return None
    if numeric or _HAS_YEAR.search(text):
        return _checked_year(parsed.year, lambda _: cal.day(parsed))
    if ref is None:
        return _unanchored(None, f"{parsed.month:02d}-{parsed.day:02d}", "day")
    return _place_yearless_day(parsed.month, parsed.day, ref, prefer)


def _place_yearless_day(
    month_number: int, day_number: int, ref: date, prefer: Prefer
) -> Timex | None:
    if prefer == "past":
        for y in (ref.year, ref.year + 1):
            try:
                upcoming = date(y, month_number, day_number)
            except ValueError:
                continue
            if timedelta(0) < upcoming - ref <= timedelta(days=_UPCOMING_DAY_WINDOW_DAYS):
                return cal.day(upcoming)
    if prefer == "nearest":
        return _nearest_dated(lambda y: _day_or_none(y, month_number, day_number), ref, prefer)
    step = -1 if prefer == "past" else 1
    y = ref.year
    # Two leap cycles: February 29 finds its year within eight.
    for _ in range(2 * _LEAP_CYCLE_YEARS):
        candidate = _day_or_none(y, month_number, day_number)
        if candidate is not None and (candidate <= ref if prefer == "past" else candidate >= ref):
            return cal.day(candidate)
        y += step
    return None


def _day_or_none(y: int, month_number: int, day_number: int) -> date | None:
    try:
        return date(y, month_number, day_number)
    except ValueError:
        return None


def resolve_core(text: str, ref: date | None, prefer: Prefer) -> Timex | None:
    """The value of a normalised expression without signal or position words, or None."""
    for pattern, rule in _RULES:
        match = pattern.fullmatch(text)
        if match is not None:
            return rule(match, ref, prefer)
    if any(ch.isdigit() for ch in text) or "noon" in text or "midnight" in text:
        clock = _clock_time(text, ref, prefer)
        if clock is not None:
            return clock
    return _calendar_date(text, ref, prefer)
