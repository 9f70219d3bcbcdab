"""Plain text (``.txt``, ``.md``): one file, one or more articles (see ``splitting``)."""

from __future__ import annotations

from collections.abc import Iterator

from ...config import DocumentOptions
from ...registry import readers
from ..article import Article, Rejection
from ..assemble import RecordFields, build_article
from ..splitting import split_articles

__all__ = ["TEXT_READER", "read_text"]

TEXT_READER = "eventwire.reader.text.v1"


def read_text(path: str, text: str, options: DocumentOptions) -> Iterator[Article | Rejection]:
    """Articles of a plain-text file: a short first line is the headline; a file that holds
    several saved web articles yields one article each (record numbers 1, 2, …)."""
    if not text.strip():
        yield Rejection(
            path, "empty file" if not text else "file holds only whitespace", reader=TEXT_READER
        )
        return
    regions = split_articles(text)
    for number, (start, end) in enumerate(regions, start=1):
        record = number if len(regions) > 1 else None
        fields = RecordFields(path=path, reader=TEXT_READER, record=record)
        yield build_article(text, fields, options, start=start, end=end)


readers.register(TEXT_READER, func=read_text)
