"""Anaphoric time expressions: those that count from the time the story last named, not from
the article date ("the following year", "two days later", "then", "that quarter"), and the
comparisons of company and economic news ("profit rose in the third quarter from $2 million
*a year earlier*": the same quarter a year before, ``1988-Q3``, not the year ``1988``).

:func:`resolve_anchored` reads one normalised expression against a :class:`StoryContext` — the
latest calendar value the story named, and the latest quarter or half it reported — and returns
None for expressions it does not handle; :mod:`eventwire.time.story` keeps the context while
walking a document's expressions in order.

Studied on the TimeBank + AQUAINT development set (``timex_dev.jsonl``, studied part): the
following year/month take the year/month after the date just named; "a year ago",
"year-earlier" right after a quarter are that quarter a year before in 9 of 11 cases (the
other 2 are annotated as the year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from . import _calendar as cal
from ._vocabulary import NUMBER_WORDS
from .intervals import timex_interval
from .model import Timex

__all__ = ["StoryContext", "is_anaphoric", "is_comparison", "resolve_anchored", "uses_story"]


@dataclass(frozen=True, slots=True)
class StoryContext:
    """What the story has said so far: ``anchor``, the latest calendar value (not a
    ``PAST_REF``-like reference) it named; ``period``, the latest quarter or half it reported
    (not one it compared with); ``after_period``, whether the expression just before was a
    quarter or half (a comparison follows the figure it compares)."""

    anchor: Timex | None = None
    period: Timex | None = None
    after_period: bool = False


_UNIT = r"(?P<unit>day|morning|afternoon|evening|night|week|month|quarter|year)"
_NUMBER = (
    r"(?P<number>\d{1,3}|a|an|one|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"
)
_NEXT = re.compile(
    r"(?:the )?(?P<which>following|subsequent|next|previous|preceding|prior) " + _UNIT
)
_LATER = re.compile(_NUMBER + r" (?P<unit>day|week|month|year)s? (?:later|afterwards?|after that)")
_SAME = re.compile(
    r"then|(?:that|the same|that same) (?P<unit>day|week|month|quarter|year|period)"
    r"|the (?P<reported>quarter|period)"
)
_LATEST = re.compile(r"(?:the )?(?:latest|most recent) (?:period|quarter)")
_COMPARISON = re.compile(
    r"(?:a|one) year (?:ago|earlier|before)|year-(?:ago|earlier)"
    r"|(?:the )?(?:comparable )?year-(?:ago|earlier) (?:period|quarter)"
)
_COMPARISON_WORDS = re.compile(
    r"\byear-(?:ago|earlier)\b|\b(?:a|one) year (?:ago|earlier|before)\b"
)
# "next"/"previous" need "the" to be anaphoric: "next year" counts from the article date.
_DEICTIC_WITHOUT_THE = ("next", "previous", "prior")
_DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
_FINE = {"time": 0, "day": 0, "week": 1, "month": 2, "quarter": 3, "half": 3, "season": 3,
         "year": 4}  # fmt: skip
_UNIT_RANK = {"day": 0, "week": 1, "month": 2, "quarter": 3, "period": 3, "year": 4}


def is_comparison(text: str) -> bool:
    """Whether an expression compares with a year before ("a year ago", "the year-earlier
    quarter"): the period it names is not the one the story reports."""
    return _COMPARISON_WORDS.search(text.lower()) is not None


def is_anaphoric(text: str) -> bool:
    """Whether a normalised expression needs the story's timeline to resolve."""
    return any(p.fullmatch(text) for p in (_NEXT, _LATER, _SAME, _LATEST)) and not (
        _NEXT.fullmatch(text) is not None and text.startswith(_DEICTIC_WITHOUT_THE)
    )


def uses_story(text: str) -> bool:
    """Whether a normalised expression (signal words removed) may read the story at all: the
    resolver passes the story only then, so that the cache keeps serving the others."""
    return (
        is_anaphoric(text)
        or _COMPARISON.fullmatch(text) is not None
        or _LATEST.fullmatch(text) is not None
    )


def resolve_anchored(text: str, ref: date | None, story: StoryContext) -> Timex | None:
    """The value of an anaphoric expression or a comparison in ``story``; None when ``text``
    is neither or the story has no time to count from (the caller then reads it as usual)."""
    if _COMPARISON.fullmatch(text) is not None:
        if story.after_period and story.period is not None:
            return _shift_period(story.period, years=-1)
        return None
    if ref is not None and _LATEST.fullmatch(text) is not None:
        if story.period is not None and story.period.granularity == "quarter":
            return story.period
        y, mo = cal.shift_months(ref.year, ref.month, -cal.MONTHS_PER_QUARTER)
        return cal.quarter(y, (mo - 1) // cal.MONTHS_PER_QUARTER + 1)
    if not is_anaphoric(text):
        return None
    if (same := _SAME.fullmatch(text)) is not None:
        if same["reported"] or same["unit"] in ("quarter", "period"):
            return story.period
        return _coarsened(story.anchor, same["unit"])
    if (following := _NEXT.fullmatch(text)) is not None:
        step = 1 if following["which"] in ("following", "subsequent", "next") else -1
        return _stepped(story.anchor, following["unit"], step)
    later = _LATER.fullmatch(text)
    if later is None:
        return None
    word = later["number"]
    count = 1 if word in ("a", "an", "one") else int(word) if word.isdigit() else NUMBER_WORDS[word]
    return _stepped(story.anchor, later["unit"], count)


def _start(anchor: Timex | None, unit: str) -> date | None:
    """The first day of ``anchor`` if it is at least as fine as ``unit``."""
    if anchor is None or _FINE.get(anchor.granularity, 99) > _UNIT_RANK.get(unit, 0):
        return None
    interval = timex_interval(anchor.value)
    return None if interval is None else interval[0]


def _coarsened(anchor: Timex | None, unit: str | None) -> Timex | None:
    """``anchor`` itself ("then") or the ``unit`` that contains it ("that year")."""
    if anchor is None:
        return None
    if unit is None:
        return anchor
    start = _start(anchor, unit)
    return None if start is None else _at(start, unit)


def _stepped(anchor: Timex | None, unit: str, by: int) -> Timex | None:
    start = _start(anchor, "day" if unit in _DAY_PARTS else unit)
    if start is None:
        return None
    if unit in ("day", *_DAY_PARTS):
        day = start + timedelta(days=by)
        return cal.day(day) if unit == "day" else Timex(f"{day}T{_DAY_PARTS[unit]}", "time")
    if unit == "week":
        return cal.week(start + timedelta(weeks=by))
    if unit == "month":
        return cal.month(*cal.shift_months(start.year, start.month, by))
    if unit == "quarter":
        return cal.quarter(*_quarter_of(*cal.shift_months(start.year, start.month, 3 * by)))
    return cal.year(start.year + by)


def _at(start: date, unit: str) -> Timex:
    if unit == "day":
        return cal.day(start)
    if unit == "week":
        return cal.week(start)
    if unit == "month":
        return cal.month(start.year, start.month)
    return cal.year(start.year)


def _quarter_of(y: int, mo: int) -> tuple[int, int]:
    return y, (mo - 1) // cal.MONTHS_PER_QUARTER + 1


def _shift_period(period: Timex, *, years: int) -> Timex | None:
    head, _, tail = period.value.partition("-")
    shifted = int(head) + years
    return Timex(f"{shifted:04d}-{tail}", period.granularity) if shifted >= 1 else None
