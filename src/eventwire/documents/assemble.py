"""Assembly: what a reader found (``RecordFields``) + cleaned text → an ``Article`` or a rejection.

Every reader ends here, so every format gets the same cleaning, metadata, length and language
rules. The record's own fields win over what the text says (a JSONL ``date`` beats an
"Updated …" stamp); what neither gives stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from ..config import DocumentOptions
from .article import Article, Provenance, Rejection
from .cleaning import clean_text
from .language import MIN_REJECT_PROBABILITY, detect_language
from .metadata import parse_record_dateline
from .normalise import clean_string, count_replacements, path_as_given, replace_surrogates

__all__ = ["EARLIEST_DATE", "LATEST_DATE", "RecordFields", "build_article", "longest_sentence"]

# Article dates outside this range are recorded as implausible and the article kept undated:
# "0001-01-01" and "9999-12-31" are placeholders, not dates, and the time layer's arithmetic
# around 9999-12-31 ("tomorrow") overflowed and lost the article (issue 15). News archives
# reach back to the 19th century; nothing is dated two centuries ahead.
EARLIEST_DATE = date(1800, 1, 1)
LATEST_DATE = date(2199, 12, 31)

# A wire service's note to its editors in the headline field: "ATTENTION - UPDATES, ADDS quotes
# ///", "ATTENTION - RECASTS with reshuffle", "level ///".
_EDITOR_NOTE = re.compile(r"^(?:ATTENTION\b.*|.*///)$")
# A byline in the headline field: "by Sebastian Smith", "By Marius Schattner".
_BYLINE_TITLE = re.compile(
    r"^[Bb][Yy]\s+((?:[A-Z][\w.'’-]*)(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|al|el|bin|la)){0,4})$"
)
# Where a sentence surely ends, for the length limit only (the parser splits sentences later).
_SENTENCE_END = re.compile(r"[.!?;:\n]")


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


def _clean_title(title: str | None) -> tuple[str | None, str | None, str | None]:
    """``(title, editor's note, byline)``: a wire service's note to editors in the headline
    field ("ATTENTION - ADDS quotes, details ///", 9 % of the Gigaword AFP records) and a
    byline there ("by Sebastian Smith") are no headline: a briefing or an event page titled
    with them tells the reader nothing. They are kept apart, and the headline found in the
    text, if any, is the title."""
    if title is None:
        return None, None, None
    collapsed = " ".join(title.split())
    if not collapsed:
        return None, None, None
    if _EDITOR_NOTE.match(collapsed):
        return None, collapsed, None
    byline = _BYLINE_TITLE.match(collapsed)
    if byline:
        return None, None, byline.group(1)
    return collapsed, None, None


def longest_sentence(text: str) -> int:
    """Characters of the longest stretch of ``text`` without a sentence end or line break."""
    longest = 0
    previous = -1
    for match in _SENTENCE_END.finditer(text):
        longest = max(longest, match.start() - previous - 1)
        previous = match.start()
    return max(longest, len(text) - previous - 1)


def _surrogates_in_metadata(fields: RecordFields) -> int:
    values = (fields.title, fields.url, fields.source, fields.external_id, fields.dateline)
    return sum(replace_surrogates(value)[1] for value in values if value)


def _normalised(fields: RecordFields) -> RecordFields:
    """The record's metadata with lone surrogates replaced and the path kept as given."""
    return RecordFields(
        path=path_as_given(fields.path),
        reader=fields.reader,
        record=fields.record,
        field=fields.field,
        title=clean_string(fields.title),
        published=fields.published,
        url=clean_string(fields.url),
        source=clean_string(fields.source),
        external_id=clean_string(fields.external_id),
        dateline=clean_string(fields.dateline),
        credits=tuple(clean_string(c) or "" for c in fields.credits),
        extra=tuple((k, clean_string(v) or "") for k, v in fields.extra),
    )


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
    stop = len(source) if end is None else end
    if stop - start > options.max_article_chars:
        # Checked before cleaning, the first step whose cost grows with the text: a 50 MB
        # line took 72 s and 2.4 GB before it was rejected (issue 15).
        return fields.reject(
            f"text of {stop - start} characters exceeds documents.max_article_chars "
            f"({options.max_article_chars})"
        )
    # Lone surrogates become U+FFFD here, once, and are counted with the article: one code
    # point for one, so offsets into the input stay right (eventwire.documents.normalise).
    source, _ = replace_surrogates(source)
    replaced = count_replacements(source, start, stop) + _surrogates_in_metadata(fields)
    fields = _normalised(fields)
    title, editor_note, byline = _clean_title(fields.title)
    cleaned = clean_text(source, start, end, title=title)
    text = cleaned.text
    if len(text) < options.min_text_chars:
        return fields.reject(
            f"text of {len(text)} characters after cleaning is shorter than "
            f"documents.min_text_chars ({options.min_text_chars})"
        )
    longest = longest_sentence(text)
    if longest > options.max_sentence_chars:
        return fields.reject(
            f"a sentence of {longest} characters exceeds documents.max_sentence_chars "
            f"({options.max_sentence_chars})"
        )
    detected = detect_language(text)
    if detected is None and not any(character.isalpha() for character in text):
        return fields.reject("no language could be detected (the text has no words)")
    credits = list(fields.credits)
    extra = list(fields.extra)
    if byline:
        credits.append(byline)
    if editor_note:
        extra.append(("editor_note", editor_note))
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
    if replaced:
        extra.append(("replaced_characters", str(replaced)))
    if cleaned.live_blog:
        extra.append(("kind", "live_blog"))
    published = fields.published or cleaned.published
    if published is not None and not EARLIEST_DATE <= published <= LATEST_DATE:
        extra.append(("implausible_date", published.isoformat()))
        published = None
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
        published=published,
        credits=tuple(dict.fromkeys(credits)),
        language=language,
        extra=tuple(extra),
        summary=cleaned.summary,
        furniture=cleaned.furniture,
    )
