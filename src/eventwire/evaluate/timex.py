"""TIMEX3 gold data (one expression a line, JSON): a reader and the value-accuracy evaluation
of :func:`~eventwire.time.resolve_time` against each expression's document date and the
expressions of the same document before it (the file keeps each document's in text order).

Each line holds ``doc`` (the document id), ``dct`` (the document's date, ISO), ``text`` (the
expression), ``value`` (the gold TIMEX3 value) and ``mod`` (the gold modifier or null), as in
``../shared/devsets/timex_dev.jsonl`` (TimeBank + AQUAINT dates).

Scores are the share of expressions whose value is right, overall and on the expressions
*resolvable from the document date*: those that do not open with an anaphoric determiner
("the", "that", "this", "those", "these", "same"), which point at the story's own timeline,
except "this year/month/week", "the past" and "the last". Values are compared as TIMEX3 means
them: an unpadded week number (``2000-W7``, which some gold lines write) is the same week as
``2000-W07``. Every expression is also counted under one kind (full date, month, year, ...).

The documents are split once, by a stable hash of the ``doc`` field, into a studied part
(70 %) and a held-out part (30 %) whose misses are never listed: rules are written from the
studied misses, and the held-out figure says whether they generalise.

>>> report = evaluate_timex(read_timex_gold(Path("timex_dev.jsonl")))   # doctest: +SKIP
>>> round(report.resolvable.accuracy, 3)                                 # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from ..errors import UnreadableInput
from ..time.story import StoryTime

__all__ = [
    "HELD_OUT_SHARE",
    "TimexExample",
    "TimexReport",
    "TimexSplit",
    "evaluate_timex",
    "evaluate_timex_file",
    "expression_kind",
    "is_resolvable",
    "read_timex_gold",
    "same_value",
    "timex_split",
]

TimexSplit = Literal["all", "studied", "held-out"]
# The held-out part: documents whose SHA-1 opens with a byte below 77 (77/256 ≈ 30 %).
HELD_OUT_SHARE = 77
_FIELDS = ("doc", "dct", "text", "value")
_ANAPHORIC = re.compile(r"^(?:the|that|this|those|these|same)\b")
_DEICTIC_EXCEPTIONS = re.compile(r"^(?:this (?:year|month|week)|the past|the last)\b")
_UNPADDED_WEEK = re.compile(r"-W(\d)(?=$|-)")


@dataclass(frozen=True, slots=True)
class TimexExample:
    """One gold expression with its document's id and date."""

    doc: str
    dct: date
    text: str
    value: str
    mod: str | None
    line: int


def read_timex_gold(path: Path) -> list[TimexExample]:
    """Read a TIMEX3 gold file; raises ``UnreadableInput`` naming the first bad line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(f"{path}: cannot read TIMEX3 gold data ({exc})") from None
    examples: list[TimexExample] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record: Any = json.loads(line)
            missing = [name for name in _FIELDS if not isinstance(record.get(name), str)]
            if missing:
                raise ValueError(f"missing or non-text field(s) {', '.join(missing)}")
            mod = record.get("mod")
            examples.append(
                TimexExample(
                    doc=record["doc"],
                    dct=date.fromisoformat(record["dct"][:10]),
                    text=record["text"],
                    value=record["value"],
                    mod=mod if isinstance(mod, str) else None,
                    line=number,
                )
            )
        except (ValueError, AttributeError) as exc:
            raise UnreadableInput(
                f"{path}, line {number}: not a TIMEX3 gold record ({exc})"
            ) from None
    if not examples:
        raise UnreadableInput(f"{path}: no TIMEX3 gold records")
    return examples


def timex_split(doc: str) -> Literal["studied", "held-out"]:
    """The fixed part of a document: held out when the SHA-1 of its id opens below 77."""
    return "held-out" if hashlib.sha1(doc.encode()).digest()[0] < HELD_OUT_SHARE else "studied"


def is_resolvable(text: str) -> bool:
    """Whether an expression can be resolved from the document date alone (module notes)."""
    lowered = " ".join(text.lower().split())
    return _ANAPHORIC.match(lowered) is None or _DEICTIC_EXCEPTIONS.match(lowered) is not None


_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern))
    for name, pattern in (
        ("PRESENT/PAST/FUTURE_REF", r"^(?:PRESENT|PAST|FUTURE)_REF$"),
        ("season", r"-(?:SP|SU|FA|WI)$"),
        ("quarter/fiscal/half", r"-(?:Q[1-4X]|H[12X])$|^FY"),
        ("week", r"-W(?:\d{1,2}|XX)(?:-WE)?$"),
        ("decade/century", r"^\d{2,3}X?$"),
        ("year", r"^\d{4}(?:-XX)?$"),
        ("month", r"^\d{4}-\d{2}$"),
        ("time of day", r"T"),
    )
)
_HOLIDAY_WORDS = re.compile(
    r"christmas|thanksgiving|easter|new year'?s?|halloween|independence day|labou?r day|"
    r"memorial day|good friday|valentine|election day|veterans day",
    re.IGNORECASE,
)
_WEEKDAY_OR_DEICTIC = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|"
    r"tonight)\b",
    re.IGNORECASE,
)
_RELATIVE_WORDS = re.compile(
    r"\b(?:ago|earlier|later|last|next|past|previous|coming|this|current|recent)\b", re.IGNORECASE
)


def expression_kind(text: str, value: str) -> str:
    """The kind an expression is counted under: by its gold value's shape, then its words."""
    if _HOLIDAY_WORDS.search(text):
        return "holiday"
    for name, pattern in _KINDS:
        if pattern.search(value):
            return name
    if re.match(r"^\d{4}-\d{2}-\d{2}$", value):
        if _WEEKDAY_OR_DEICTIC.search(text):
            return "weekday/yesterday"
        if _RELATIVE_WORDS.search(text):
            return "relative"
        return "full date"
    return "other"


def same_value(predicted: str | None, gold: str) -> bool:
    """TIMEX3 equality, reading an unpadded week number as padded (``2000-W7`` = ``2000-W07``)."""
    if predicted is None:
        return False
    return _UNPADDED_WEEK.sub(r"-W0\1", predicted) == _UNPADDED_WEEK.sub(r"-W0\1", gold)


@dataclass(slots=True)
class Tally:
    """Right and total."""

    right: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.total if self.total else 0.0

    def add(self, correct: bool) -> None:
        self.right += correct
        self.total += 1

    def to_json(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": round(self.accuracy, 4)}


@dataclass(frozen=True, slots=True)
class TimexMiss:
    """A studied expression resolved to the wrong value (or to none)."""

    doc: str
    dct: str
    text: str
    gold: str
    predicted: str | None


@dataclass(slots=True)
class TimexReport:
    """Value accuracy overall, on resolvable expressions and per kind, and studied misses."""

    split: str
    overall: Tally = field(default_factory=Tally)
    resolvable: Tally = field(default_factory=Tally)
    mod: Tally = field(default_factory=Tally)
    kinds: dict[str, Tally] = field(default_factory=dict)
    misses: list[TimexMiss] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "split": self.split,
            "overall": self.overall.to_json(),
            "resolvable": self.resolvable.to_json(),
            "mod_on_right_values": self.mod.to_json(),
            "kinds": {name: tally.to_json() for name, tally in sorted(self.kinds.items())},
            "misses": [vars_of(miss) for miss in self.misses],
        }

    def format(self, *, misses: bool = False) -> str:
        """Plain text for the terminal."""
        lines = [
            f"split: {self.split}",
            f"value accuracy      {self.overall.accuracy:.3f}"
            f"  ({self.overall.right} of {self.overall.total})",
            f"  resolvable        {self.resolvable.accuracy:.3f}"
            f"  ({self.resolvable.right} of {self.resolvable.total})",
            f"mod accuracy        {self.mod.accuracy:.3f}  (on the {self.mod.total} right values)",
            "by kind:",
        ]
        for name, tally in sorted(self.kinds.items(), key=lambda item: -item[1].total):
            lines.append(f"  {name:<24} {tally.accuracy:.3f}  ({tally.right} of {tally.total})")
        if misses:
            lines.append(f"misses (studied part only: {len(self.misses)}):")
            for miss in self.misses:
                lines.append(
                    f"  {miss.dct}  {miss.text!r}  gold {miss.gold}  got {miss.predicted}"
                    f"  [{miss.doc}]"
                )
        return "\n".join(lines)


def vars_of(miss: TimexMiss) -> dict[str, Any]:
    return {name: getattr(miss, name) for name in TimexMiss.__slots__}


def evaluate_timex(examples: Iterable[TimexExample], *, split: TimexSplit = "all") -> TimexReport:
    """Score the resolver on ``examples`` (no tense: the gold data has no sentence), each
    document's expressions in file order against what the document named before them
    (:class:`~eventwire.time.story.StoryTime`, as the time component reads a document)."""
    report = TimexReport(split)
    stories: dict[str, StoryTime] = {}
    for example in examples:
        part = timex_split(example.doc)
        if split != "all" and part != split:
            continue
        story = stories.setdefault(example.doc, StoryTime(example.dct))
        timex = story.resolve(example.text)
        predicted = timex.value if timex is not None else None
        correct = same_value(predicted, example.value)
        report.overall.add(correct)
        if is_resolvable(example.text):
            report.resolvable.add(correct)
        if correct and timex is not None:
            report.mod.add(timex.mod == example.mod)
        report.kinds.setdefault(expression_kind(example.text, example.value), Tally()).add(correct)
        if not correct and part == "studied":
            report.misses.append(
                TimexMiss(
                    example.doc, example.dct.isoformat(), example.text, example.value, predicted
                )
            )
    return report


def evaluate_timex_file(path: Path, *, split: TimexSplit = "all") -> TimexReport:
    """Read ``path`` and score it (raises ``UnreadableInput``)."""
    return evaluate_timex(read_timex_gold(path), split=split)
