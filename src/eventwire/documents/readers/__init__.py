"""Readers: one per input format, in the ``readers`` registry; ``read_inputs`` dispatches.

Every input becomes either ``Article`` values or ``Rejection`` values — nothing is dropped.
Registered names: ``eventwire.reader.text.v1`` (``.txt``, ``.md``), ``…html.v1``,
``…jsonl.v1``, ``…json.v1`` (one record, a list, or JSON lines), ``…newsplease.v1``,
``…csv.v1``. A reader is ``(path, text, options) -> Iterator[Article | Rejection]``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from pathlib import PurePosixPath

from ...config import DocumentOptions
from ...registry import readers
from ..article import Article, Rejection
from .decoding import binary_kind, decode_bytes
from .html import HTML_READER, read_html
from .inputs import InputFile, expand_inputs
from .records import JSON_READER, JSONL_READER, NEWSPLEASE_READER, read_json, read_jsonl
from .records import read_newsplease as read_newsplease
from .table import CSV_READER, read_csv
from .text import TEXT_READER, read_text

__all__ = [
    "CSV_READER",
    "HTML_READER",
    "JSONL_READER",
    "JSON_READER",
    "NEWSPLEASE_READER",
    "TEXT_READER",
    "InputFile",
    "ReadResult",
    "decode_bytes",
    "detect_reader",
    "read_bytes",
    "read_csv",
    "read_html",
    "read_inputs",
    "read_json",
    "read_jsonl",
    "read_newsplease",
    "read_text",
]

ReadResult = Article | Rejection
Reader = Callable[[str, str, DocumentOptions], Iterator[ReadResult]]

_log = logging.getLogger(__name__)

_SUFFIX_READERS = {
    ".txt": TEXT_READER,
    ".text": TEXT_READER,
    ".md": TEXT_READER,
    ".markdown": TEXT_READER,
    ".html": HTML_READER,
    ".htm": HTML_READER,
    ".xhtml": HTML_READER,
    ".jsonl": JSONL_READER,
    ".ndjson": JSONL_READER,
    ".json": JSON_READER,
    ".csv": CSV_READER,
    ".tsv": CSV_READER,
}
_HTML_MARKERS = ("<!doctype html", "<html", "<body", "<head", "<article", "<p>", "<div")


def detect_reader(name: str, text: str) -> str:
    """The registered reader for a file: by suffix, else by content (stdin, unknown suffix)."""
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _SUFFIX_READERS:
        return _SUFFIX_READERS[suffix]
    head = text[:1024].lstrip().lower()
    if head.startswith(("{", "[")):
        return JSON_READER
    if head.startswith("<") and any(marker in head for marker in _HTML_MARKERS):
        return HTML_READER
    return TEXT_READER


def read_bytes(
    item: InputFile, options: DocumentOptions, *, published: date | None = None
) -> Iterator[ReadResult]:
    """Articles and rejections from one input file's bytes."""
    text = decode_bytes(item.data, options.encodings)
    if text is None:
        kind = binary_kind(item.data)
        reason = (
            f"binary content ({kind})"
            if kind
            else "binary content or bytes undecodable with documents.encodings "
            f"({', '.join(options.encodings)})"
        )
        yield Rejection(item.path, reason)
        return
    name = detect_reader(item.name, text)
    reader: Reader = readers.get(name)
    try:
        for result in reader(item.path, text, options):
            if isinstance(result, Article) and result.published is None and published:
                result = replace(result, published=published)
            yield result
    except Exception as exc:  # a reader bug must not stop the run; it is recorded instead
        _log.exception("reader %s failed on %s", name, item.path)
        yield Rejection(
            item.path, f"internal error in {name}: {type(exc).__name__}: {exc}", reader=name
        )


def read_inputs(
    paths: Iterable[str], options: DocumentOptions, *, published: date | None = None
) -> Iterator[ReadResult]:
    """Read files, directories (recursively), gzip/zip archives and ``-`` (standard input).

    ``published`` supplies a date for articles that carry none of their own (``--date``).
    """
    for item in expand_inputs(paths, options):
        if isinstance(item, Rejection):
            yield item
            continue
        yield from read_bytes(item, options, published=published)
