"""Resolve a time expression against a reference (article) date into a TIMEX3 value.

Which path handles what:

* **normalisation** (here): case, typography, spelled-out numbers ("nineteen ninety-four",
  "March eighth", "the nineties": ``_spelled.py``), and rewrites of common variants
  ("third-quarter", "fiscal 1989", "this year's third quarter", "year-end", "post-1959");
  then leading signals ("since", "about", "almost" → modifiers) and position words ("early",
  "mid", "the end of" → ``START``/``MID``/``END``);
* **our rules** (``_rules.py``, regular expressions over the normalised text): everything
  relative or vague — "today", "last week", "two days ago", "a year earlier", weekdays with a
  part of the day ("Monday night" → ``TNI``), months, seasons ("last fall" → ``1998-FA``),
  quarters and halves (``1998-Q3``, ``1998-H1``), years, decades, centuries, holidays
  ("Thanksgiving", "Easter": ``_holidays.py``), "the week of March 6", clock times ("1625
  UTC", "9 a.m. Tuesday" → ``2000-04-04T09:00``; never a year), the common written day dates,
  and the vague references ("recent weeks" → ``PAST_REF``, "current" → ``PRESENT_REF``, "the
  near term" → ``FUTURE_REF``);
* **dateparser** (``_dateparser.py``): the other written-out dates with a day ("12/05/2024",
  "April 17-19"), where its many formats pay off.

Conventions (TIMEX3 / TimeML where it has one):

* An expression that names no year (or week) points the way of the clause's tense: in the past
  tense the latest such month/day/quarter/season/weekday *not after* the reference, in the
  future tense the earliest *not before* it; in the present tense or with no tense known, the
  nearest of the two, the past one unless the future one is 1.5 times closer
  (``_calendar.FUTURE_DISTANCE_WEIGHT``), and for a bare weekday the past one unless it is
  tomorrow. In the past tense a day date ("April 21") at most 30 days after the reference is
  still the coming one (see ``_rules._UPCOMING_DAY_WINDOW_DAYS``). "Thursday" said on a
  Thursday is that day; "last Friday" is the latest Friday strictly before the reference,
  "next Friday" the first strictly after it.
* Weeks are ISO 8601 weeks (``2024-W48``); "the weekend" is its week with ``-WE``.
* "since", "after", "before", "until", "by", "about", "almost", "more than" become the
  modifiers ``ON_OR_AFTER``, ``AFTER``, ``BEFORE``, ``ON_OR_BEFORE``, ``APPROX``,
  ``LESS_THAN``, ``MORE_THAN``; "early"/"earlier"/"the start of" give ``START``,
  "mid"/"the middle of" ``MID``, "late"/"later"/"the end of" ``END``.
* Durations and ages ("five hours", "30-month", "the 70th anniversary", "nearly four years") are
  not points in time: they resolve to ``None``. So do anaphoric expressions that need the story's
  own timeline rather than the article date ("the previous day", "two days later"), unless
  ``story`` says what the story last named (``_anaphora.py``; :class:`~eventwire.time.story.
  StoryTime` keeps it while walking a document): then "the following year" after "May 22,
  1995" is ``1996``, "then" that day, and "a year ago" right after "the third quarter" the
  third quarter a year before.
* "N weeks ago" is the week of the day N weeks before the reference (TimeBank: "six weeks ago"
  on Sunday 1998-03-01 is ``1998-W02``, the week of January 18); "the day before last Tuesday"
  is the day before that Tuesday.
* With ``reference_date=None`` absolute expressions resolve ("December 5, 2024", "1994") and
  bare calendar names take TimeML's underspecified year ("June" ``XXXX-06``, "Friday"
  ``XXXX-WXX-5``, "Christmas" ``XXXX-12-25``); relative ones ("last week") do not resolve.

>>> from datetime import date
>>> resolve_time("last week", date(2024, 12, 5))
Timex(value='2024-W48', granularity='week', mod=None)
>>> resolve_time("earlier this year", date(2024, 12, 5))
Timex(value='2024', granularity='year', mod='START')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date
from functools import lru_cache
from typing import Literal

from ._anaphora import StoryContext, is_anaphoric, resolve_anchored, uses_story
from ._calendar import Prefer
from ._rules import resolve_core
from ._spelled import spell_out_digits
from ._vocabulary import MONTHS
from .model import Timex

__all__ = ["Prefer", "Tense", "needs_story", "resolve_time"]

# The tense of the clause an expression dates: past and future point a yearless expression
# that way; present (or unknown) takes the nearest reading (``_calendar.closer_ahead``).
Tense = Literal["past", "present", "future"]
_DIRECTIONS: dict[str | None, Prefer] = {
    "past": "past",
    "future": "future",
    "present": "nearest",
    None: "nearest",
}

# lru_cache size: a corpus repeats the same few hundred expressions; 4096 holds them all.
_CACHE_SIZE = 4096


def resolve_time(
    expression: str,
    reference_date: date | None,
    tense: Tense | None = None,
    *,
    prefer: Prefer | None = None,
    story: StoryContext | None = None,
) -> Timex | None:
    """Resolve ``expression`` against ``reference_date``; None when it is not a point in time
    or cannot be resolved (a relative expression without a reference date). Never raises.

    ``tense`` is the tense of the clause the expression dates: an expression that names no
    year points back in a past-tense clause and forward in a future-tense one; in the present
    tense or with no tense known it takes the nearest reading, the past one unless the future
    one is much closer (see the module notes). ``prefer`` (``"past"``, ``"future"`` or
    ``"nearest"``) sets that direction directly and wins over ``tense``.

    >>> resolve_time("in June", date(2024, 12, 5))
    Timex(value='2024-06', granularity='month', mod=None)
    >>> resolve_time("Dec. 15", date(1989, 10, 31), "past")
    Timex(value='1988-12-15', granularity='day', mod=None)
    >>> resolve_time("Dec. 15", date(1989, 10, 31), "future")
    Timex(value='1989-12-15', granularity='day', mod=None)
    >>> resolve_time("last week", None) is None
    True
    """
    direction = prefer if prefer is not None else _DIRECTIONS.get(tense, "nearest")
    try:
        text = _normalize(expression)
        if not text:
            return None
        if story is not None and not uses_story(_without_signals(text)):
            story = None  # one cache entry for every story: most expressions ignore it
        return _resolve(text, reference_date, direction, story or _NO_STORY)
    except (ValueError, OverflowError, RecursionError):
        # Calendar arithmetic beyond year 1 or 9999 ("tomorrow" said on 9999-12-31): no value.
        return None


def needs_story(expression: str) -> bool:
    """Whether ``expression`` resolves only against the story's timeline ("the following
    year", "two days later", "then"), not against the article date alone."""
    try:
        return is_anaphoric(_without_signals(_normalize(expression)))
    except (ValueError, RecursionError):
        return False


def _without_signals(text: str) -> str:
    while match := _SIGNAL.match(text):
        text = text[match.end() :]
    return text


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
    "some": "APPROX",
    "almost": "LESS_THAN",
    "nearly": "LESS_THAN",
    "less than": "LESS_THAN",
    "more than": "MORE_THAN",
    "just over": "MORE_THAN",
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


_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# Rewrites to the forms the rules read, each a general English variant of one: hyphenated
# compounds ("third-quarter results"), fiscal years (TimeBank values "fiscal 1989" as the year
# 1989), possessive periods ("this year's third quarter"), "post-1959", "1994 or later".
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"(?<=[a-z0-9])-(quarter|half|century|term)\b", r" \1"),
        (r"\bfiscal (?:year )?(?=\d{4}\b)", ""),
        (r"\bfiscal (year|quarter|half)\b", r"\1"),
        (r"\byear(?:'s|-)? ?end\b", "end of the year"),
        (r"^(this|last|next) year's (.+ (?:quarter|half))$", r"\2 of \1 year"),
        (r"^(\d{4})'s (.+ (?:quarter|half))$", r"\2 of \1"),
        (r"^post-(\d{4})$", r"after \1"),
        (r"^pre-(\d{4})$", r"before \1"),
        (r"^(\d{4}) or (?:later|after)$", r"since \1"),
        (r"^(\d{4}) or (?:earlier|before)$", r"until \1"),
        (r"\bthis coming ", "coming "),
        # "Sunday, March 8": the date says it all.
        (
            r"^(?:(?:this|next|coming|last) )?(?:monday|tuesday|wednesday|thursday|friday"
            r"|saturday|sunday),? (?=(?:" + _MONTH_NAMES + r")\b\.? \d|\d{1,2}(?:st|nd|rd|th)? "
            r"(?:" + _MONTH_NAMES + r")\b|\d{1,4}[/.-]\d)",
            "",
        ),
        (r"\bthis past ", "last "),
    )
)


@lru_cache(maxsize=_CACHE_SIZE)
def _normalize(expression: str) -> str:
    text = unicodedata.normalize("NFKC", expression).translate(_TYPOGRAPHY).lower()
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    text = re.sub(r"'s$", "", text)  # "Thursday's meeting"
    text = spell_out_digits(text.rstrip(".").strip())
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return text


_NO_STORY = StoryContext()


@lru_cache(maxsize=_CACHE_SIZE)
def _resolve(text: str, ref: date | None, prefer: Prefer, story: StoryContext) -> Timex | None:
    signal_mod: str | None = None
    while match := _SIGNAL.match(text):
        signal_mod = signal_mod or _SIGNAL_MODS[match.group(1)]
        text = text[match.end() :]
    timex = resolve_anchored(text, ref, story)
    if timex is None:
        if text.startswith("the "):
            text = text[len("the ") :]
        timex = _resolve_positioned(text, ref, prefer)
    if timex is not None and timex.mod is None and signal_mod is not None:
        timex = replace(timex, mod=signal_mod)
    return timex


# --- position modifiers: "mid-2023", "earlier this year", "the end of last month" ------------

_POSITION = re.compile(
    r"^(?:(?P<noun>beginning|start|end|middle|1st half|2nd half) of (?:the )?"
    r"|(?P<adj>early|earlier|late|later|mid|middle)(?:-| ))"
)
_POSITION_MODS = {
    "early": "START",
    "earlier": "START",
    "beginning": "START",
    "start": "START",
    "1st half": "START",
    "mid": "MID",
    "middle": "MID",
    "late": "END",
    "later": "END",
    "end": "END",
    "2nd half": "END",
}
# "the first half of 2024" is a half (``2024-H1``), not the start of the year.
_HALF = re.compile(r"(?:1st|2nd) half(?: of (?:\d{4}|(?:this|last|next|the) year))?")
# Inside "the end of the year" the bare unit means the current one.
_BARE_UNIT = re.compile(r"^(week|month|year|decade)$")


def _resolve_positioned(text: str, ref: date | None, prefer: Prefer) -> Timex | None:
    match = _POSITION.match(text)
    if match is None or _HALF.fullmatch(text):
        return resolve_core(text, ref, prefer)
    mod = _POSITION_MODS[match.group("adj") or match.group("noun")]
    rest = text[match.end() :]
    if _BARE_UNIT.match(rest):
        rest = "this " + rest
    inner = resolve_core(rest, ref, prefer)
    if inner is None or inner.granularity == "ref":
        return None
    return inner if inner.mod is not None else replace(inner, mod=mod)
