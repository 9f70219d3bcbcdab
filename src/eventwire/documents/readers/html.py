"""HTML pages: the main text and metadata come from trafilatura, then our cleaning runs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ...config import DocumentOptions
from ...registry import readers
from ..article import Article, Rejection
from ..assemble import RecordFields, build_article
from ..metadata import parse_record_date

__all__ = ["HTML_READER", "read_html"]

HTML_READER = "eventwire.reader.html.v1"
# Dates only from the page's own metadata (meta tags, JSON-LD, <time>): htmldate's extensive
# search guesses from any date-like string in the page, which would date undated pages.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


def _extract(html: str) -> Any:
    import trafilatura  # imported here: 0.4 s that text-only runs need not pay

    return trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        date_extraction_params=_DATE_PARAMS,
    )


def read_html(path: str, text: str, options: DocumentOptions) -> Iterator[Article | Rejection]:
    """One article from an HTML page; offsets refer to the extracted text (field "extracted")."""
    if not text.strip():
        yield Rejection(path, "empty file", reader=HTML_READER)
        return
    try:
        document = _extract(text)
    except (ValueError, TypeError, LookupError) as exc:
        yield Rejection(path, f"HTML could not be parsed ({exc})", reader=HTML_READER)
        return
    extracted = getattr(document, "text", None) if document is not None else None
    if not isinstance(extracted, str) or not extracted.strip():
        yield Rejection(path, "no article text found in the HTML", reader=HTML_READER)
        return
    title = getattr(document, "title", None)
    fields = RecordFields(
        path=path,
        reader=HTML_READER,
        field="extracted",
        title=title if isinstance(title, str) else None,
        published=parse_record_date(getattr(document, "date", None)),
        url=_string(getattr(document, "url", None)),
        source=_string(getattr(document, "sitename", None)),
    )
    yield build_article(extracted, fields, options)


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


readers.register(HTML_READER, func=read_html)
