"""Assembly: what a reader found (``RecordFields``) + cleaned text → an ``Article`` or a rejection.

Every reader ends here, so every format gets the same cleaning, metadata, length and language
rules. The record's own fields win over what the text says (a JSONL ``date`` beats an
"Updated …" stamp); what neither gives stays None.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..config import DocumentOptions
from .article import Article, Provenance, Rejection
from .cleaning import clean_text
from .language import MIN_REJECT_PROBABILITY, detect_language
from .metadata import parse_record_dateline

__all__ = ["RecordFields", "build_article"]


@dataclass(frozen=True, slots=True)
class RecordFields:
    """What a reader knows about one article before its text is cleaned.

    ``field`` names the part of the record the text came from (see ``Provenance.field``).
    """

    path: str
    reader: str
    record: int | None = None
    field: str | None = None
    title: str | None = None
    published: date | None = None
    url: str | None = None
    source: str | None = None
    external_id: str | None = None
    dateline: str | None = None
    credits: tuple[str, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()

    def reject(self, reason: str) -> Rejection:
        """A rejection of this record, with its path, record number and reader."""
        return Rejection(self.path, reason, record=self.record, reader=self.reader)


def _clean_title(title: str | None) -> str | None:
    if title is None:
        return None
    collapsed = " ".join(title.split())
    return collapsed or None


def _language_accepted(code: str, accepted: tuple[str, ...]) -> bool:
    if not accepted:
        return True
    base = code.split("-")[0]
    return code in accepted or base in accepted


def build_article(
    source: str,
    fields: RecordFields,
    options: DocumentOptions,
    *,
    start: int = 0,
    end: int | None = None,
) -> Article | Rejection:
    """Clean ``source[start:end]`` and build the article, or say why it is rejected.

    Rejected: text shorter than ``options.min_text_chars`` after cleaning, text with no
    detectable language, and text in a language outside ``options.languages``.
    """
    title = _clean_title(fields.title)
    cleaned = clean_text(source, start, end, title=title)
    text = cleaned.text
    if len(text) < options.min_text_chars:
        return fields.reject(
            f"text of {len(text)} characters after cleaning is shorter than "
            f"documents.min_text_chars ({options.min_text_chars})"
        )
    detected = detect_language(text)
    if detected is None and not any(character.isalpha() for character in text):
        return fields.reject("no language could be detected (the text has no words)")
    credits = list(fields.credits)
    extra = list(fields.extra)
    language: str | None = None if detected is None else detected.code
    if detected is None:  # too short to tell: kept, never rejected on a guess
        extra.append(("language", "too short to detect"))
    elif not _language_accepted(detected.code, options.languages):
        if detected.probability >= MIN_REJECT_PROBABILITY:
            return fields.reject(
                f"language {detected.code!r} (probability {detected.probability:.2f}) is not "
                f"in documents.languages ({', '.join(options.languages)})"
            )
        # Unsure (tables of names, lists of scores): kept, with the guess recorded.
        language = None
        extra.append(("language_guess", f"{detected.code} {detected.probability:.2f}"))
    dateline: str | None = cleaned.dateline.place if cleaned.dateline else None
    if fields.dateline:
        parsed = parse_record_dateline(fields.dateline)
        if parsed is not None:
            dateline = parsed.place
            if parsed.agency:
                credits.append(parsed.agency)
        else:
            dateline = " ".join(fields.dateline.split())
        extra.append(("dateline_raw", fields.dateline))
    credits.extend(cleaned.credits)
    if cleaned.live_blog:
        extra.append(("kind", "live_blog"))
    return Article(
        text=text,
        provenance=Provenance(
            path=fields.path,
            reader=fields.reader,
            record=fields.record,
            offsets=cleaned.offsets,
            field=fields.field,
        ),
        external_id=fields.external_id,
        source=fields.source,
        url=fields.url,
        title=title or cleaned.headline,
        dateline=dateline,
        published=fields.published or cleaned.published,
        credits=tuple(dict.fromkeys(credits)),
        language=language,
        extra=tuple(extra),
        summary=cleaned.summary,
    )
