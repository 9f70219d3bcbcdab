"""spaCy Matcher patterns for time expressions the small English model misses or cuts badly.

The model's DATE entities find most dates, but not always "last week" after a verb, "in recent
weeks", "earlier this year", bare weekdays or "14 September 2024" as one span. These patterns
add candidates; ``component.py`` trims signal words ("in", "on") and picks, among overlapping
candidates, the longest one that resolves.
"""

from __future__ import annotations

from typing import Any

from ._vocabulary import DAY_PARTS, MONTHS, NUMBER_WORDS, ORDINAL_QUARTERS, PLURAL_UNITS

__all__ = ["PATTERNS"]

_Pattern = list[dict[str, Any]]

_FULL_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
# "May" and "March" are also a modal verb and a noun: they only count after a signal word or
# next to a day or year.
_AMBIGUOUS_MONTHS = ["May", "March"]
_SAFE_MONTHS = sorted(
    {name.title() for name, n in MONTHS.items() if len(name) > 3 or name == "may"}
    - set(_AMBIGUOUS_MONTHS)
)
_ABBREVIATED_MONTHS = sorted({name.title() + "." for name in MONTHS if len(name) <= 4})
_ALL_MONTHS = [*_SAFE_MONTHS, *_AMBIGUOUS_MONTHS, *_ABBREVIATED_MONTHS]
_SINGULAR_UNITS = ["week", "weekend", "month", "quarter", "year", "decade"]
_COUNTS = sorted({w for w in NUMBER_WORDS if " " not in w} | {"few", "several"})

_MONTH: dict[str, Any] = {"ORTH": {"IN": _ALL_MONTHS}}
_SAFE_MONTH: dict[str, Any] = {"ORTH": {"IN": _SAFE_MONTHS}}
_DAY_NUMBER: dict[str, Any] = {"LOWER": {"REGEX": r"^\d{1,2}(st|nd|rd|th)?$"}}
_YEAR: dict[str, Any] = {"SHAPE": "dddd"}
_DAY_PART: dict[str, Any] = {"LOWER": {"IN": list(DAY_PARTS)}, "OP": "?"}

PATTERNS: dict[str, list[_Pattern]] = {
    "RELATIVE": [
        [
            {"LOWER": {"IN": ["last", "this", "next", "coming", "current", "past"]}},
            {"LOWER": {"IN": _SINGULAR_UNITS + [d.lower() for d in _FULL_WEEKDAYS]}},
        ],
        [{"LOWER": "the"}, {"LOWER": "weekend"}],
    ],
    "POSITIONED": [
        [
            {"LOWER": {"IN": ["earlier", "later", "early", "late"]}},
            {"LOWER": {"IN": ["this", "last", "next"]}},
            {"LOWER": {"IN": _SINGULAR_UNITS}},
        ],
        [
            {"LOWER": "the"},
            {"LOWER": {"IN": ["end", "beginning", "start", "middle"]}},
            {"LOWER": "of"},
            {"LOWER": {"IN": ["this", "last", "next", "the"]}},
            {"LOWER": {"IN": _SINGULAR_UNITS}},
        ],
        [
            {"LOWER": "the"},
            {"LOWER": {"IN": ["end", "beginning", "start", "middle"]}},
            {"LOWER": "of"},
            _YEAR,
        ],
        [{"LOWER": {"IN": ["early", "mid", "late"]}}, {"ORTH": "-", "OP": "?"}, _MONTH],
        [{"LOWER": {"IN": ["early", "late", "mid"]}}, _YEAR],
        [{"LOWER": {"REGEX": r"^(mid|early|late)-\d{4}$"}}],
    ],
    "VAGUE": [
        [
            {"LOWER": {"IN": ["recent", "past", "coming"]}},
            {"LOWER": {"IN": _COUNTS}, "OP": "?"},
            {"LOWER": {"IN": list(PLURAL_UNITS)}},
        ],
        [
            {"LOWER": "the"},
            {"LOWER": {"IN": ["past", "last", "coming", "next"]}},
            {"LOWER": {"IN": _COUNTS}, "OP": "?"},
            {"LOWER": {"IN": list(PLURAL_UNITS)}},
        ],
    ],
    "DEICTIC": [
        [{"LOWER": {"IN": ["today", "tonight", "yesterday", "tomorrow"]}}, _DAY_PART],
        [{"LOWER": "last"}, {"LOWER": "night"}],
        [{"LOWER": "this"}, {"LOWER": {"IN": ["morning", "afternoon", "evening"]}}],
    ],
    "AGO": [
        [
            {"LOWER": {"REGEX": r"^(\d{1,3}|" + "|".join(_COUNTS) + ")$"}},
            {"LOWER": {"REGEX": r"^(day|week|month|year|decade)s?$"}},
            {"LOWER": "ago"},
        ],
    ],
    "WEEKDAY": [[{"ORTH": {"IN": _FULL_WEEKDAYS}}, _DAY_PART]],
    "MONTH": [
        [_SAFE_MONTH],
        [
            {"LOWER": {"IN": ["in", "since", "until", "by", "during", "last", "next", "this"]}},
            {"ORTH": {"IN": _AMBIGUOUS_MONTHS}},
        ],
        [_MONTH, {"ORTH": ",", "OP": "?"}, _YEAR],
        [_MONTH, _DAY_NUMBER],
        [_MONTH, _DAY_NUMBER, {"ORTH": ",", "OP": "?"}, _YEAR],
        [_DAY_NUMBER, {"LOWER": "of", "OP": "?"}, _MONTH],
        [_DAY_NUMBER, {"LOWER": "of", "OP": "?"}, _MONTH, _YEAR],
    ],
    "YEAR": [
        [{"LOWER": {"IN": ["in", "since", "until", "by", "during", "before", "after"]}}, _YEAR],
        [{"LOWER": "the"}, {"LOWER": {"REGEX": r"^\d{3}0'?s$"}}],
        [{"LOWER": "the"}, {"ORTH": "'"}, {"LOWER": {"REGEX": r"^\d0s$"}}],
    ],
    "QUARTER": [
        [{"LOWER": "the"}, {"LOWER": {"IN": list(ORDINAL_QUARTERS)}}, {"LOWER": "quarter"}],
        [
            {"LOWER": "the"},
            {"LOWER": {"IN": list(ORDINAL_QUARTERS)}},
            {"LOWER": "quarter"},
            {"LOWER": "of"},
            {"LOWER": {"IN": ["this", "last", "next"]}, "OP": "?"},
            {"LOWER": {"REGEX": r"^(\d{4}|year)$"}},
        ],
    ],
}
