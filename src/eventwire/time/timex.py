"""Resolve a time expression against a reference (article) date into a TIMEX3-style value.

Which path handles what:

* **our rules** (regular expressions over the lower-cased expression, below): everything relative
  or vague — "today", "yesterday", "last week", "this year", "next month", "two days ago",
  weekdays ("Thursday", "last Friday"), month names without a day ("in June", "February 2022"),
  years ("in 1994"), decades ("the 1990s"), quarters ("the first quarter"), position modifiers
  ("mid-2023", "late 2024", "earlier this year", "the end of last year") and the vague
  references ("in recent weeks" → ``PAST_REF``, "now" → ``PRESENT_REF``, "in the coming months"
  → ``FUTURE_REF``);
* **dateparser** (``_dateparser.py``): written-out dates with a day ("November 27",
  "14 September 2024", "Dec. 5", "12/05/2024"), where its many formats pay off.

Conventions (TIMEX3 / TimeML where it has one):

* An expression that names no year (or week) resolves towards ``prefer``: ``"past"`` (the
  default; news reports what happened) takes the latest such month/day/quarter/weekday *not after*
  the reference, ``"future"`` the earliest *not before* it — except that a day date ("April 21")
  at most 30 days after the reference is the coming one (see ``_UPCOMING_DAY_WINDOW_DAYS``).
  "Thursday" said on a Thursday is that
  day. "last Friday" is the latest Friday strictly before the reference; "next Friday" the first
  strictly after it.
* Weeks are ISO 8601 weeks (``2024-W48``); "the weekend" resolves to the week that contains it.
* Leading prepositions are dropped; "since", "after", "before", "until", "by" and "about" become
  the modifiers ``ON_OR_AFTER``, ``AFTER``, ``BEFORE``, ``ON_OR_BEFORE`` and ``APPROX``.
  "early"/"earlier"/"the start of" give ``START``, "mid"/"the middle of" ``MID``,
  "late"/"later"/"the end of" ``END``; halves ("the first half of 2024") give ``START``/``END``.
* Durations and ages ("five hours", "30-month", "the 70th anniversary", "nearly four years") are
  not points in time: they resolve to ``None``. So do anaphoric expressions that need the story's
  own timeline rather than the article date ("the previous day", "two days later").
* With ``reference_date=None`` only absolute expressions resolve ("December 5, 2024", "1994").

>>> from datetime import date
>>> resolve_time("last week", date(2024, 12, 5))
Timex(value='2024-W48', granularity='week', mod=None)
>>> resolve_time("earlier this year", date(2024, 12, 5))
Timex(value='2024', granularity='year', mod='START')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache

from . import _calendar as cal
from ._calendar import Prefer
from ._dateparser import parse_calendar_date
from ._vocabulary import MONTHS, NUMBER_WORDS, ORDINAL_QUARTERS, WEEKDAYS
from .model import Timex

__all__ = ["Prefer", "resolve_time"]

# Years outside this range are numbers, not years, in news text ("2,500 troops" aside, "3000"
# is more often a count than a year); 1000 admits medieval history, 2199 any plan or forecast.
_MIN_YEAR = 1000
_MAX_YEAR = 2199
# lru_cache size: a corpus repeats the same few hundred expressions; 4096 holds them all.
_CACHE_SIZE = 4096
_LEAP_CYCLE_YEARS = 4
# A yearless day date at most this many days after the article date is the coming one even in
# the past-preference mode: agency style writes the year only for other years, and an article
# cannot report as past a day that has not come ("a session beginning April 21" in an article
# of April 13). 30 days: announced dates in the Gigaword sample fell within two weeks.
_UPCOMING_DAY_WINDOW_DAYS = 30

PAST_REF = Timex("PAST_REF", "ref")
PRESENT_REF = Timex("PRESENT_REF", "ref")
FUTURE_REF = Timex("FUTURE_REF", "ref")


def resolve_time(
    expression: str, reference_date: date | None, *, prefer: Prefer = "past"
) -> Timex | None:
    """Resolve ``expression`` against ``reference_date``; None when it is not a point in time
    or cannot be resolved (a relative expression without a reference date).

    ``prefer`` says which way an expression that names no year points (see the module notes);
    callers pass ``"future"`` when the sentence is in the future tense.

    >>> resolve_time("in June", date(2024, 12, 5))
    Timex(value='2024-06', granularity='month', mod=None)
    >>> resolve_time("last week", None) is None
    True
    """
    text = _normalize(expression)
    if not text:
        return None
    return _resolve(text, reference_date, prefer)


# --- normalisation ---------------------------------------------------------------------------

_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "–": "-", "—": "-", "\u00a0": " "})
_EDGE_PUNCTUATION = " ,;:!?\"'()[]"
_SIGNAL_MODS: dict[str, str | None] = {
    "since": "ON_OR_AFTER",
    "after": "AFTER",
    "before": "BEFORE",
    "until": "ON_OR_BEFORE",
    "till": "ON_OR_BEFORE",
    "by": "ON_OR_BEFORE",
    "about": "APPROX",
    "around": "APPROX",
    "approximately": "APPROX",
    "roughly": "APPROX",
    # Signals that carry no modifier: they only place the event at the time.
    "in": None,
    "on": None,
    "at": None,
    "during": None,
    "for": None,
    "from": None,
    "of": None,
    "as of": None,
    "over": None,
    "throughout": None,
}
_SIGNAL = re.compile(r"^(" + "|".join(sorted(_SIGNAL_MODS, key=len, reverse=True)) + r") ")


def _normalize(expression: str) -> str:
    text = unicodedata.normalize("NFKC", expression).translate(_TYPOGRAPHY).lower()
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    text = re.sub(r"'s$", "", text)  # "Thursday's meeting"
    return text.rstrip(".").strip()


@lru_cache(maxsize=_CACHE_SIZE)
def _resolve(text: str, ref: date | None, prefer: Prefer) -> Timex | None:
    signal_mod: str | None = None
    while match := _SIGNAL.match(text):
        signal_mod = signal_mod or _SIGNAL_MODS[match.group(1)]
        text = text[match.end() :]
    if text.startswith("the "):
        text = text[len("the ") :]
    timex = _resolve_positioned(text, ref, prefer)
    if timex is not None and timex.mod is None and signal_mod is not None:
        timex = replace(timex, mod=signal_mod)
    return timex


# --- position modifiers: "mid-2023", "earlier this year", "the end of last month" ------------

_POSITION = re.compile(
    r"^(?:(?P<adj>early|earlier|late|later|mid|middle)(?:-| )"
    r"|(?P<noun>beginning|start|end|middle|first half|second half) of (?:the )?)"
)
_POSITION_MODS = {
    "early": "START",
    "earlier": "START",
    "beginning": "START",
    "start": "START",
    "first half": "START",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "later": "END",
    "end": "END",
    "second half": "END",
}
# Inside "the end of the year" the bare unit means the current one.
_BARE_UNIT = re.compile(r"^(week|month|year|decade)$")


def _resolve_positioned(text: str, ref: date | None, prefer: Prefer) -> Timex | None:
    match = _POSITION.match(text)
    if match is None:
        return _resolve_core(text, ref, prefer)
    mod = _POSITION_MODS[match.group("adj") or match.group("noun")]
    rest = text[match.end() :]
    if _BARE_UNIT.match(rest):
        rest = "this " + rest
    inner = _resolve_core(rest, ref, prefer)
    if inner is None or inner.granularity == "ref":
        return None
    return inner if inner.mod is not None else replace(inner, mod=mod)


# --- the rules ---------------------------------------------------------------------------------

_Rule = Callable[[re.Match[str], date | None, Prefer], Timex | None]
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?P<weekday>" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + r")\.?"
_NUMBER = r"(?P<number>\d{1,3}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_DAY_PART = r"(?: (?:morning|afternoon|evening|night|overnight))?"
_FEW = r"(?: (?:few|several|couple of|\d{1,2}|" + "|".join(NUMBER_WORDS) + r"))?"
_RULES: list[tuple[re.Pattern[str], _Rule]] = []


def _rule(pattern: str) -> Callable[[_Rule], _Rule]:
    def register(function: _Rule) -> _Rule:
        _RULES.append((re.compile(pattern), function))
        return function

    return register


@_rule(r"(?:recently|lately|previously|formerly|past|recent (?:times|history)"
       r"|(?:recent|past|last)" + _FEW + r" (?:days|weeks|months|years|decades)"
       r"|past (?:day|week|month|year|decade))")  # fmt: skip
def _past_ref(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return PAST_REF


@_rule(r"(?:now|right now|currently|nowadays|at present|present|these days|present day)")
def _present_ref(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return PRESENT_REF


@_rule(r"(?:soon|future|near future|(?:coming|next|upcoming)" + _FEW
       + r" (?:days|weeks|months|years|decades))")  # fmt: skip
def _future_ref(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    return FUTURE_REF


_DAY_OFFSETS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "yesterday": -1,
    "last night": -1,
    "tomorrow": 1,
    "day before yesterday": -2,
    "day after tomorrow": 2,
}


@_rule(r"(?P<deictic>" + "|".join(_DAY_OFFSETS) + r")" + _DAY_PART)
def _deictic_day(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    if ref is None:
        return None
    return cal.day(ref + timedelta(days=_DAY_OFFSETS[m.group("deictic")]))


def _count(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


@_rule(_NUMBER + r" (?P<unit>second|sec|minute|min|hour|day|week|month|year|decade)s?"
       r" (?P<direction>ago|from now)")  # fmt: skip
def _counted(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    if ref is None:
        return None
    sign = -1 if m.group("direction") == "ago" else 1
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


_OFFSETS = {"last": -1, "this": 0, "current": 0, "next": 1, "coming": 1}


@_rule(r"(?P<which>last|this|current|next|coming) (?P<unit>week|month|quarter|year|decade)")
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
    if unit == "year":
        return cal.year(ref.year + n)
    return cal.decade(ref.year + 10 * n)


@_rule(r"(?:(?P<which>last|this|next|past|coming) )?weekend")
def _weekend(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    if ref is None:
        return None
    which = m.group("which")
    offsets = {"last": -1, "past": -1, "next": 1, "coming": 1}
    if which is None:
        return cal.weekend_week(ref, None, prefer)
    return cal.weekend_week(ref, offsets.get(which, 0), prefer)


@_rule(r"(?:(?P<which>last|this|next|past|coming) )?" + _WEEKDAY + _DAY_PART)
def _weekday(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    if ref is None:
        return None
    weekday = WEEKDAYS[m.group("weekday")]
    which = m.group("which")
    if which in ("last", "past"):
        return cal.day(cal.nearest_weekday(weekday, ref, "past", strict=True))
    if which in ("next", "coming"):
        return cal.day(cal.nearest_weekday(weekday, ref, "future", strict=True))
    return cal.day(cal.nearest_weekday(weekday, ref, prefer))


@_rule(r"(?:(?P<which>last|this|next) )?" + _MONTH + r"(?:,? (?:of )?(?P<year>\d{4}))?")
def _month_name(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    month_number = MONTHS[m.group("month")]
    if m.group("year") is not None:
        return _checked_year(int(m.group("year")), lambda y: cal.month(y, month_number))
    if ref is None:
        return None
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


def _checked_year(y: int, build: Callable[[int], Timex]) -> Timex | None:
    return build(y) if _MIN_YEAR <= y <= _MAX_YEAR else None


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


_YEAR_WORDS = {"this year": 0, "last year": -1, "next year": 1, "the year": 0, "year": 0}


@_rule(r"(?P<ordinal>" + "|".join(ORDINAL_QUARTERS) + r") quarter"
       r"(?: of (?P<year>\d{4}|(?:this|last|next|the) year))?")  # fmt: skip
def _quarter(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    q = ORDINAL_QUARTERS[m.group("ordinal")]
    year_text = m.group("year")
    if year_text is not None and year_text.isdigit():
        return _checked_year(int(year_text), lambda y: cal.quarter(y, q))
    if ref is None:
        return None
    if year_text is not None:
        return cal.quarter(ref.year + _YEAR_WORDS[year_text], q)
    if m.group("ordinal") in ("last", "final"):
        return None  # "the last quarter" alone is the previous quarter, said without "the"
    return cal.quarter(*cal.nearest_quarter(q, ref, prefer))


@_rule(r"q(?P<q>[1-4])(?:[ -](?P<year>\d{4}))?|(?P<year_first>\d{4})[ -]q(?P<q2>[1-4])")
def _quarter_code(m: re.Match[str], ref: date | None, prefer: Prefer) -> Timex | None:
    q = int(m.group("q") or m.group("q2"))
    year_text = m.group("year") or m.group("year_first")
    if year_text is not None:
        return _checked_year(int(year_text), lambda y: cal.quarter(y, q))
    if ref is None:
        return None
    return cal.quarter(*cal.nearest_quarter(q, ref, prefer))


# --- the dateparser path -----------------------------------------------------------------------

_HAS_MONTH_AND_DAY = re.compile(
    r"\b(?:" + "|".join(MONTHS) + r")\b\.?,? \d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:" + "|".join(MONTHS) + r")\b"
)
_NUMERIC_DATE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}$")
_HAS_YEAR = re.compile(r"\b\d{4}\b")
_UNITS_OF_DURATION = re.compile(r"\b(?:hours?|minutes?|days|weeks|months|years|anniversary)\b")


def _calendar_date(text: str, ref: date | None, prefer: Prefer) -> Timex | None:
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
        return None
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
    step = -1 if prefer == "past" else 1
    y = ref.year
    # Two leap cycles: February 29 finds its year within eight.
    for _ in range(2 * _LEAP_CYCLE_YEARS):
        try:
            candidate = date(y, month_number, day_number)
        except ValueError:
            candidate = None
        if candidate is not None and (candidate <= ref if prefer == "past" else candidate >= ref):
            return cal.day(candidate)
        y += step
    return None


def _resolve_core(text: str, ref: date | None, prefer: Prefer) -> Timex | None:
    for pattern, rule in _RULES:
        match = pattern.fullmatch(text)
        if match is not None:
            return rule(match, ref, prefer)
    return _calendar_date(text, ref, prefer)
