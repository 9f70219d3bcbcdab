"""CSV (and TSV): one article a row, columns named by ``documents.csv_*_column``."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from ...config import DocumentOptions
from ...registry import readers
from ..article import Article, Rejection
from ..assemble import RecordFields, build_article
from ..metadata import parse_record_date
from .records import too_many_records

__all__ = ["CSV_READER", "read_csv"]

CSV_READER = "eventwire.reader.csv.v1"
# Delimiters the sniffer may choose among; the first line of a news CSV settles it.
_DELIMITERS = ",;\t|"
_SNIFF_CHARS = 4096


def _delimiter(text: str) -> str:
    """The delimiter that splits the header line most often (csv.Sniffer also guesses quoting,
    and wrongly turns off doubled quotes on the Wikinews files)."""
    header = text[:_SNIFF_CHARS].split("\n", 1)[0]
    return max(_DELIMITERS, key=header.count)


def _cell(row: dict[str | None, object], column: str) -> str | None:
    value = row.get(column)
    return value if isinstance(value, str) and value.strip() else None


def read_csv(path: str, text: str, options: DocumentOptions) -> Iterator[Article | Rejection]:
    """Each data row (numbered from 1) becomes an article; a file without the text column is
    rejected whole, naming the columns it has."""
    if not text.strip():
        yield Rejection(path, "empty file", reader=CSV_READER)
        return
    # News text cells exceed csv's default 128 KiB field limit; a file is already capped.
    csv.field_size_limit(max(csv.field_size_limit(), options.max_file_bytes))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    columns = [name for name in (reader.fieldnames or []) if name]
    if options.csv_text_column not in columns:
        shown = ", ".join(columns[:20]) or "none"
        yield Rejection(
            path,
            f"CSV has no column {options.csv_text_column!r} (documents.csv_text_column); "
            f"columns: {shown}",
            reader=CSV_READER,
        )
        return
    number = 0
    try:
        for number, row in enumerate(reader, start=1):
            if number > options.max_records_per_file:
                yield too_many_records(path, number, CSV_READER, options)
                return
            yield _row(row, path, number, options)
    except csv.Error as exc:
        yield Rejection(
            path,
            f"malformed CSV after row {number} ({exc}); rest of file skipped",
            record=number + 1,
            reader=CSV_READER,
        )


def _row(
    row: dict[str | None, object], path: str, number: int, options: DocumentOptions
) -> Article | Rejection:
    fields = RecordFields(path=path, reader=CSV_READER, record=number)
    text = _cell(row, options.csv_text_column)
    if text is None:
        return fields.reject(f"row has an empty {options.csv_text_column!r} cell")
    raw_date = _cell(row, options.csv_date_column)
    published = parse_record_date(raw_date)
    extra = (("unparsed_date", raw_date),) if raw_date and published is None else ()
    fields = RecordFields(
        path=path,
        reader=CSV_READER,
        record=number,
        field=options.csv_text_column,
        title=_cell(row, options.csv_title_column),
        published=published,
        url=_cell(row, options.csv_url_column),
        external_id=_cell(row, options.csv_id_column),
        extra=extra,
    )
    return build_article(text, fields, options)


readers.register(CSV_READER, func=read_csv)
