"""The value type of the documents layer: one news article, and one rejected input."""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from datetime import date

from .normalise import clean_string, path_as_given

__all__ = ["Article", "CopyKey", "Provenance", "Rejection", "article_id_for", "copy_key"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where an article came from: the input path, the record within it, and the reader used.

    ``record`` is the 1-based line, row or member number inside the input (None for a whole file).
    ``offsets`` maps positions of the cleaned ``Article.text`` back to the original input: a
    tuple of ``(text_start, input_start, length)`` runs, sorted by ``text_start``; empty means
    identity. ``field`` names what "the original input" is: None for the whole decoded file
    (text files; the two articles of one file share it), ``"text"`` / ``"maintext"`` for that
    field of a JSON record or CSV row, ``"extracted"`` for the text trafilatura extracted from
    HTML (the extractor gives no offsets into the markup).
    """

    path: str
    reader: str
    record: int | None = None
    offsets: tuple[tuple[int, int, int], ...] = ()
    field: str | None = None

    def input_offset(self, text_offset: int) -> int:
        """Map a character offset of the cleaned text to the original input.

        For every character ``i`` of the text, ``input[input_offset(i)] == text[i]``. An offset
        just past the end of a run (the exclusive end of a span) maps just past that run's input.
        """
        if not self.offsets:
            return text_offset
        starts = [run[0] for run in self.offsets]
        index = bisect.bisect_right(starts, text_offset) - 1
        if index < 0:
            return text_offset
        # Runs tile the text, so the run starting at or before the offset holds it; an offset
        # at or past its end (only the text's end) maps past the end of that run's input.
        text_start, input_start, _length = self.offsets[index]
        return input_start + (text_offset - text_start)

    def input_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span ``[start, end)`` of the cleaned text to the original input."""
        if end <= start:
            at = self.input_offset(start)
            return at, at
        return self.input_offset(start), self.input_offset(end - 1) + 1


def article_id_for(text: str) -> str:
    """A stable article id derived from normalised content (same text → same id everywhere)."""
    normalised = " ".join(text.split()).casefold()
    return "a" + hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:15]


# Which of several exact copies (one normalised text, so one article id: the same wire story
# in two outlets, or a file given twice) is the stored one: the first published (dated before
# undated), then the smallest external id, url, source, title, dateline, input path, record
# and exact text. Any total order of the copies' own fields makes the record the same
# whatever the order they arrive in (issue 15); the earliest publication is the one an
# analyst cites.
CopyKey = tuple[bool, date, str, str, str, str, str, str, bool, int, str]


def copy_key(
    published: date | None,
    external_id: str | None,
    url: str | None,
    source: str | None,
    title: str | None,
    dateline: str | None,
    path: str,
    record: int | None,
    text_digest: str,
) -> CopyKey:
    """The order of exact copies (``Article.copy_key``): the smallest is stored. The store
    computes it from its columns, so it takes the fields rather than an ``Article``;
    ``text_digest`` is the SHA-256 of the text's UTF-8 (hex), as DuckDB's ``sha256`` gives it."""
    return (
        published is None,
        published or date.min,
        external_id or "",
        url or "",
        source or "",
        title or "",
        dateline or "",
        path,
        record is None,
        record or 0,
        text_digest,
    )


@dataclass(frozen=True, slots=True)
class Article:
    """One article, ready for the NLP stage.

    ``published`` is the article's own date, or None when neither the input record nor the text
    gives one: an undated article stays undated and is never given a neighbour's date.
    ``external_id`` is the id the input gave (JSONL ``id``), kept for the ``code`` contract;
    ``id`` is always the content-derived id. ``dateline`` is the place of the dateline
    ("SEOUL", "BERLIN/KYIV", "KUALA LUMPUR"); ``credits`` are the agencies credited
    (sign-off "sri/rc (AFP, AP, dpa, Reuters)", dateline "(AFP)"). ``summary`` holds half-open
    ``(start, end)`` spans of ``text`` that summarise the story (bullet points, "What you need
    to know"): kept as text, but no event is coded from them so a fact is not counted twice.
    ``furniture`` holds the spans of page furniture inside the story (photo captions and
    credits, player chrome, links to other stories, reader prompts: ``documents.furniture``):
    kept as text, each line its own sentence, never coded.
    ``extra`` carries reader-specific facts as ``(key, value)`` pairs (e.g. ``("kind",
    "live_blog")``, ``("encoding", "cp1252")``).
    """

    text: str
    provenance: Provenance
    id: str = ""
    external_id: str | None = None
    source: str | None = None
    url: str | None = None
    title: str | None = None
    dateline: str | None = None
    published: date | None = None
    credits: tuple[str, ...] = ()
    language: str | None = None
    duplicate_of: str | None = None
    extra: tuple[tuple[str, str], ...] = field(default=())
    summary: tuple[tuple[int, int], ...] = ()
    furniture: tuple[tuple[int, int], ...] = ()

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", article_id_for(self.text))

    def copy_key(self) -> CopyKey:
        """Where this article sorts among its exact copies (module ``copy_key``)."""
        p = self.provenance
        return copy_key(
            self.published,
            self.external_id,
            self.url,
            self.source,
            self.title,
            self.dateline,
            p.path,
            p.record,
            hashlib.sha256(self.text.encode("utf-8", "surrogatepass")).hexdigest(),
        )


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input, or part of one, that did not become an article, and why."""

    path: str
    reason: str
    record: int | None = None
    reader: str | None = None

    def __post_init__(self) -> None:
        # A rejection is recorded in the store and printed: its path and reason must be
        # storable whatever input or exception message they were made from (issue 15).
        object.__setattr__(self, "path", path_as_given(self.path))
        object.__setattr__(self, "reason", clean_string(self.reason) or "")

    def __str__(self) -> str:
        where = self.path if self.record is None else f"{self.path}:{self.record}"
        return f"{where}: {self.reason}"
