"""JSON records: our JSONL/JSON (``id, text, date, title, url, source``) and news-please.

A ``.json`` file may hold one record, a list of records, or JSON lines; each record is read as
news-please when it has news-please's own keys (``maintext``, ``date_publish``,
``source_domain``…), else as ours.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ...config import DocumentOptions
from ...registry import readers
from ..article import Article, Rejection
from ..assemble import RecordFields, build_article
from ..metadata import parse_record_date

__all__ = [
    "JSONL_READER",
    "JSON_READER",
    "NEWSPLEASE_READER",
    "read_json",
    "read_jsonl",
    "read_jsonl_line",
    "read_newsplease",
    "too_many_records",
]

JSONL_READER = "eventwire.reader.jsonl.v1"
JSON_READER = "eventwire.reader.json.v1"
NEWSPLEASE_READER = "eventwire.reader.newsplease.v1"
_NEWSPLEASE_KEYS = frozenset(
    {
        "maintext",
        "date_publish",
        "source_domain",
        "date_download",
        "title_page",
        "title_rss",
        "localpath",
        "image_url",
    }
)

ReadResult = Article | Rejection


def _string(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _our_record(
    record: dict[str, Any],
    path: str,
    number: int | None,
    reader: str,
    options: DocumentOptions,
) -> ReadResult:
    fields = RecordFields(path=path, reader=reader, record=number)
    text = record.get("text")
    if not isinstance(text, str):
        return fields.reject("record has no string field 'text'")
    raw_id = record.get("id")
    raw_date = record.get("date")
    published = parse_record_date(raw_date)
    extra: tuple[tuple[str, str], ...] = ()
    if raw_date not in (None, "") and published is None:
        extra = (("unparsed_date", str(raw_date)),)
    fields = RecordFields(
        path=path,
        reader=reader,
        record=number,
        field="text",
        title=_string(record.get("title")),
        published=published,
        url=_string(record.get("url")),
        source=_string(record.get("source")),
        external_id=None if raw_id is None else str(raw_id),
        dateline=_string(record.get("dateline")),
        extra=extra,
    )
    return build_article(text, fields, options)


def _newsplease_record(
    record: dict[str, Any],
    path: str,
    number: int | None,
    reader: str,
    options: DocumentOptions,
) -> ReadResult:
    fields = RecordFields(path=path, reader=reader, record=number)
    field = next((key for key in ("maintext", "text") if _string(record.get(key))), None)
    extra: list[tuple[str, str]] = []
    if field is None and _string(record.get("description")):
        # news-please leaves the body empty when extraction failed but keeps the page's lead
        # paragraph (14 of 419 records in news_cluster): better a lead than nothing.
        field = "description"
        extra.append(("text_from", "description"))
    if field is None:
        return fields.reject("news-please record has no text, maintext or description")
    authors = record.get("authors")
    if isinstance(authors, list) and authors:
        extra.append(("authors", "; ".join(str(author) for author in authors)))
    raw_date = record.get("date_publish")
    published = parse_record_date(raw_date)
    if raw_date not in (None, "") and published is None:
        extra.append(("unparsed_date", str(raw_date)))
    raw_id = record.get("id", record.get("dId"))
    title = next(
        (
            _string(record.get(key))
            for key in ("title", "title_page", "title_rss")
            if _string(record.get(key))
        ),
        None,
    )
    fields = RecordFields(
        path=path,
        reader=reader,
        record=number,
        field=field,
        title=title,
        published=published,
        url=_string(record.get("url")),
        source=_string(record.get("source_domain")),
        external_id=None if raw_id is None else str(raw_id),
        extra=tuple(extra),
    )
    return build_article(str(record[field]), fields, options)


def _any_record(
    record: object, path: str, number: int | None, reader: str, options: DocumentOptions
) -> ReadResult:
    if not isinstance(record, dict):
        kind = type(record).__name__
        return Rejection(
            path, f"JSON value is a {kind}, not a record (object)", record=number, reader=reader
        )
    if _NEWSPLEASE_KEYS & record.keys():
        return _newsplease_record(record, path, number, reader, options)
    return _our_record(record, path, number, reader, options)


def _records(
    value: object, path: str, reader: str, options: DocumentOptions, *, newsplease: bool
) -> Iterator[ReadResult]:
    convert = _newsplease_record if newsplease else None
    items = value if isinstance(value, list) else [value]
    number_of = (lambda index: index) if isinstance(value, list) else (lambda index: None)
    for index, item in enumerate(items, start=1):
        number = number_of(index)
        if index > options.max_records_per_file:
            yield too_many_records(path, index, reader, options)
            return
        if convert is not None and isinstance(item, dict):
            yield convert(item, path, number, reader, options)
        else:
            yield _any_record(item, path, number, reader, options)


def too_many_records(path: str, number: int, reader: str, options: DocumentOptions) -> Rejection:
    """The one rejection for the records of a file past ``documents.max_records_per_file``."""
    return Rejection(
        path,
        f"file holds more than documents.max_records_per_file "
        f"({options.max_records_per_file}) records; this one and the rest are not read",
        record=number,
        reader=reader,
    )


def read_jsonl(path: str, text: str, options: DocumentOptions) -> Iterator[ReadResult]:
    """One JSON object a line; a malformed line is rejected with its line number."""
    if not text.strip():
        yield Rejection(path, "empty file", reader=JSONL_READER)
        return
    records = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        records += 1
        if records > options.max_records_per_file:
            yield too_many_records(path, number, JSONL_READER, options)
            return
        yield read_jsonl_line(path, number, line, options)


def read_jsonl_line(path: str, number: int, line: str, options: DocumentOptions) -> ReadResult:
    """One non-blank line of a JSONL file (``number``: its 1-based line number), as
    ``read_jsonl`` reads it; the Spark engine parses the lines Spark reads with it."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Rejection(
            path,
            f"malformed JSON line ({exc.msg} at column {exc.colno})",
            record=number,
            reader=JSONL_READER,
        )
    except RecursionError:
        return Rejection(path, "JSON nested too deeply", record=number, reader=JSONL_READER)
    return _any_record(record, path, number, JSONL_READER, options)


def _read_document(
    path: str, text: str, options: DocumentOptions, reader: str, *, newsplease: bool
) -> Iterator[ReadResult]:
    if not text.strip():
        yield Rejection(path, "empty file", reader=reader)
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1 and _parses(lines[0]):
            yield from read_jsonl(path, text, options)  # JSON lines in a .json file
            return
        yield Rejection(
            path,
            f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
            reader=reader,
        )
        return
    except RecursionError:
        yield Rejection(path, "JSON nested too deeply", reader=reader)
        return
    if isinstance(value, list) and not value:
        yield Rejection(path, "JSON list holds no records", reader=reader)
        return
    yield from _records(value, path, reader, options, newsplease=newsplease)


def _parses(line: str) -> bool:
    try:
        json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return False
    return True


def read_json(path: str, text: str, options: DocumentOptions) -> Iterator[ReadResult]:
    """A JSON document: one record, a list of records, or JSON lines; each record is read as
    news-please or ours by its keys."""
    yield from _read_document(path, text, options, JSON_READER, newsplease=False)


def read_newsplease(path: str, text: str, options: DocumentOptions) -> Iterator[ReadResult]:
    """news-please JSON: ``title``, ``maintext`` or ``text``, ``date_publish``, ``url``,
    ``source_domain`` (one record or a list)."""
    yield from _read_document(path, text, options, NEWSPLEASE_READER, newsplease=True)


readers.register(JSONL_READER, func=read_jsonl)


readers.register(JSON_READER, func=read_json)


readers.register(NEWSPLEASE_READER, func=read_newsplease)
