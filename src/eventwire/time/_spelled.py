"""Spelled-out numbers in time expressions, rewritten as digits before the rules run.

Broadcast transcripts and formal prose write years and ordinals in words ("nineteen
ninety-four", "the year two thousand", "March eighth", "the twentieth century", "the nineties");
the rules in ``timex.py`` read digits, so :func:`spell_out_digits` rewrites these first.

>>> spell_out_digits("the winter of nineteen ninety-four")
'the winter of 1994'
>>> spell_out_digits("this coming sunday, march eighth")
'this coming sunday, march 8th'
"""

from __future__ import annotations

import re

from ._vocabulary import MONTHS

__all__ = ["spell_out_digits"]

_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_ORDINAL_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9,
}  # fmt: skip
_ORDINAL_TEENS = {
    "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_DECADE_WORDS = {
    "twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
    "eighties": 8, "nineties": 9,
}  # fmt: skip


def _alternatives(words: dict[str, int]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# 1 to 99 in words: "seven", "fourteen", "ninety-four", "ninety four".
_UNDER_100 = (
    rf"(?:(?:{_alternatives(_TENS)})(?:[- ](?:{_alternatives(_UNITS)}))?"
    rf"|{_alternatives(_TEENS)}|{_alternatives(_UNITS)})"
)
_ORDINAL = (
    rf"(?:(?:twenty|thirty)[- ](?:{_alternatives(_ORDINAL_UNITS)})"
    rf"|{_alternatives(_ORDINAL_TEENS)}|{_alternatives(_ORDINAL_UNITS)})"
)
# "nineteen ninety-four", "nineteen hundred", "two thousand (and) one", "twenty twenty-four".
_YEAR = re.compile(
    rf"\b(?P<century>{_alternatives(_TEENS)}|twenty) (?P<rest>hundred|{_UNDER_100})\b"
    rf"|\btwo thousand(?: (?:and )?(?P<after>{_UNDER_100}))?\b"
)
_MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
# Ordinals only where they number a day, quarter, half or century: "second" alone is a unit.
_ORDINAL_BEFORE = re.compile(
    rf"\b(?P<ordinal>{_ORDINAL})(?= (?:quarter|half|century|of (?:{_MONTH_NAMES})\b))"
)
_ORDINAL_AFTER_MONTH = re.compile(rf"\b(?P<month>{_MONTH_NAMES})\.? (?P<ordinal>{_ORDINAL})\b")
_DECADE = re.compile(rf"\b(?P<decade>{_alternatives(_DECADE_WORDS)})\b")
_SUFFIXES = {1: "st", 2: "nd", 3: "rd"}


def _under_100(words: str) -> int:
    parts = re.split(r"[- ]", words)
    total = 0
    for part in parts:
        total += _TENS.get(part) or _TEENS.get(part) or _UNITS.get(part, 0)
    return total


def _ordinal_value(words: str) -> int:
    parts = re.split(r"[- ]", words)
    total = 0
    for part in parts:
        total += _TENS.get(part) or _ORDINAL_TEENS.get(part) or _ORDINAL_UNITS.get(part, 0)
    return total


def _ordinal_digits(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else _SUFFIXES.get(n % 10, "th")
    return f"{n}{suffix}"


def _year(match: re.Match[str]) -> str:
    if match.group("century") is not None:
        century = _TEENS.get(match.group("century"), 20)
        rest = match.group("rest")
        return str(century * 100 + (0 if rest == "hundred" else _under_100(rest)))
    after = match.group("after")
    return str(2000 + (_under_100(after) if after else 0))


def spell_out_digits(text: str) -> str:
    """``text`` (lower case) with spelled-out years, day/quarter/century ordinals and decade
    words ("the nineties" → "the '90s") written in digits."""
    if not re.search(r"[a-z]", text):
        return text
    text = _YEAR.sub(_year, text)
    text = _ORDINAL_AFTER_MONTH.sub(
        lambda m: f"{m.group('month')} {_ordinal_digits(_ordinal_value(m.group('ordinal')))}",
        text,
    )
    text = _ORDINAL_BEFORE.sub(lambda m: _ordinal_digits(_ordinal_value(m.group("ordinal"))), text)
    return _DECADE.sub(lambda m: f"'{_DECADE_WORDS[m.group('decade')]}0s", text)
