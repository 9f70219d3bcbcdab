"""The ``code`` contract: JSONL records in, event JSON objects out, no database.

Input, one JSON object a line: ``id`` (string), ``text`` (string), optional ``date``
(``YYYY-MM-DD``), optional ``title``, and optionally ``source`` and ``target`` — two substrings
of ``text`` (with optional ``source_start`` / ``target_start`` offsets when a substring occurs
twice). With ``source`` and ``target`` the coder classifies the relation between exactly those
two actors: it returns the single best event between them, or nothing.
Output: ``Event.to_json()`` objects (docs/code-contract.md; docs/schemas/).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.language import Language

from .documents.article import Article, Provenance
from .engines.articles import make_doc
from .events.model import Event
from .events.relation import classify_relation

__all__ = ["CodeRequest", "LineRejected", "code_lines", "parse_request"]


@dataclass(frozen=True, slots=True)
class CodeRequest:
    """One valid input line of the ``code`` contract."""

    line: int
    id: str
    text: str
    date: date | None = None
    title: str | None = None
    source: tuple[int, int] | None = None  # character span of the marked source actor
    target: tuple[int, int] | None = None


@dataclass(frozen=True, slots=True)
class LineRejected:
    """An input line that could not be coded, and why (reported on standard error)."""

    line: int
    reason: str

    def to_json(self) -> dict[str, Any]:
        return {"error": "rejected input line", "line": self.line, "reason": self.reason}


def _locate(text: str, record: dict[str, Any], role: str) -> tuple[int, int] | str:
    needle = record[role]
    if not isinstance(needle, str) or not needle:
        return f"'{role}' must be a non-empty string"
    start_key = f"{role}_start"
    if start_key in record:
        start = record[start_key]
        if not isinstance(start, int) or isinstance(start, bool):
            return f"'{start_key}' must be an integer"
        if text[start : start + len(needle)] != needle:
            return f"'{role}' does not occur in 'text' at {start_key}={start}"
        return start, start + len(needle)
    first = text.find(needle)
    if first < 0:
        return f"'{role}' {needle!r} does not occur in 'text'"
    if text.find(needle, first + 1) >= 0:
        return f"'{role}' {needle!r} occurs more than once in 'text'; give '{start_key}'"
    return first, first + len(needle)


def parse_request(line_number: int, line: str) -> CodeRequest | LineRejected:
    """Validate one input line of the contract."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return LineRejected(line_number, f"malformed JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(record, dict):
        return LineRejected(line_number, "a line must hold a JSON object")
    for key in ("id", "text"):
        if not isinstance(record.get(key), str):
            return LineRejected(line_number, f"'{key}' is required and must be a string")
    text: str = record["text"]
    if not text.strip():
        return LineRejected(line_number, "'text' is empty")
    published: date | None = None
    if record.get("date") is not None:
        raw = record["date"]
        try:
            if not isinstance(raw, str) or len(raw) != 10:
                raise ValueError
            published = date.fromisoformat(raw)
        except ValueError:
            return LineRejected(line_number, f"'date' must be YYYY-MM-DD, not {raw!r}")
    title = record.get("title")
    if title is not None and not isinstance(title, str):
        return LineRejected(line_number, "'title' must be a string")
    if ("source" in record) != ("target" in record):
        return LineRejected(line_number, "'source' and 'target' must be given together")
    spans: dict[str, tuple[int, int]] = {}
    if "source" in record:
        for role in ("source", "target"):
            located = _locate(text, record, role)
            if isinstance(located, str):
                return LineRejected(line_number, located)
            spans[role] = located
    return CodeRequest(
        line=line_number,
        id=record["id"],
        text=text,
        date=published,
        title=title,
        source=spans.get("source"),
        target=spans.get("target"),
    )


def code_lines(nlp: Language, lines: Iterable[str]) -> Iterator[Event | LineRejected]:
    """Code each line; yields events in input order and a ``LineRejected`` for each bad line."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        request = parse_request(number, line)
        if isinstance(request, LineRejected):
            yield request
            continue
        article = Article(
            text=request.text,
            external_id=request.id,
            title=request.title,
            published=request.date,
            provenance=Provenance(path="<code>", reader="eventwire.code.v1", record=number),
        )
        doc = nlp(make_doc(nlp, article))
        if request.source is None or request.target is None:
            yield from doc._.events
            continue
        source = doc.char_span(*request.source, alignment_mode="expand")
        target = doc.char_span(*request.target, alignment_mode="expand")
        best = classify_relation(doc, source, target)
        if best is not None:
            yield best
