"""The record behind the analyses, read for a person: pages of events with their total, one event
with every report of it (article, sentence, character spans), one article with its events.

These are what the REST API and the dashboard show; like every analysis they are functions over
the DuckDB connection with parameterised SQL, and ``Store`` exposes them.

>>> page = page_events(store.con, EventFilter(country="IRN"), limit=20)   # doctest: +SKIP
>>> page.total, page.rows.num_rows                                          # doctest: +SKIP
(7, 7)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

import duckdb
import pyarrow as pa
import pyarrow.compute

from ..errors import EventwireError
from ._sql import (
    EVENT_DAY,
    STORED_DAY,
    ensure_codebook,
    has_column,
    has_event_keys,
    has_query_tables,
)
from .filters import EventFilter

__all__ = [
    "SORTABLE",
    "ArticleRecord",
    "EventPage",
    "EventRecord",
    "MentionRecord",
    "SentenceSpan",
    "UnknownRecord",
    "actor_known",
    "article_record",
    "event_record",
    "mention_spans",
    "page_events",
]

# The columns a page of events may be sorted by (anything else is refused, never put into SQL).
SortKey = Literal[
    "day",
    "goldstein",
    "confidence",
    "num_mentions",
    "num_articles",
    "num_sources",
    "cameo",
    "source_code",
    "target_code",
    "quad_class",
]
SORTABLE: tuple[SortKey, ...] = get_args(SortKey)


class UnknownRecord(EventwireError):
    """No event, article or other record with the id asked for."""


@dataclass(frozen=True, slots=True)
class EventPage:
    """One page of the events a filter selects: ``total`` events in all, ``rows`` (Arrow, the
    columns of ``select_events`` plus ``lat`` and ``lon``) from ``offset`` on."""

    total: int
    offset: int
    rows: pa.Table


@dataclass(frozen=True, slots=True)
class SentenceSpan:
    """A span of a sentence: what it is (``source``, ``target``, ``trigger``, ``attribution``,
    ``actor``), its text, and where it is in the sentence (``start``/``end``, characters)."""

    role: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class MentionRecord:
    """One report of an event: its article, the sentence, the spans in it, and what the coder
    read there."""

    mention_id: str
    article_id: str
    title: str | None
    published: date | None
    source: str | None
    url: str | None
    sentence_index: int
    sentence: str
    spans: tuple[SentenceSpan, ...]
    cameo: str
    plover_category: str | None
    modality: str
    attribution_text: str | None
    attribution_code: str | None
    date_text: str | None
    date_value: str | None
    location_text: str | None
    confidence: float | None
    source_code: str | None
    target_code: str | None
    rule: str | None = None  # the lexicon entry or rule that coded it (None: not recorded)


@dataclass(frozen=True, slots=True)
class EventRecord:
    """A merged event (the fields of ``events``, by name) and every report of it."""

    fields: dict[str, Any]
    mentions: tuple[MentionRecord, ...]


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A stored article (its fields by name, with the text), its event mentions and the actor
    mentions found in it (character spans into the text)."""

    fields: dict[str, Any]
    events: tuple[MentionRecord, ...]
    actors: tuple[SentenceSpan, ...]


_PAGE_COLUMNS = """e.event_id, {day} AS day, e.date_value, e.source_code, {names}.source_name,
    e.target_code, {names}.target_name, e.cameo, e.plover_category, e.goldstein, e.quad_class,
    e.modality, e.num_mentions, e.num_articles, e.num_sources, e.confidence,
    e.location_country, e.lat, e.lon, {names}.sentence, {article} AS article_id,
    e.first_mention_id"""


def page_events(
    con: duckdb.DuckDBPyConnection,
    where: EventFilter | None = None,
    *,
    offset: int = 0,
    limit: int = 50,
    sort: SortKey = "day",
    descending: bool = False,
) -> EventPage:
    """The events ``where`` selects (its own ``limit`` is ignored), sorted by ``sort`` (then
    event id), ``limit`` of them from ``offset`` on, with the number selected in all."""
    if sort not in SORTABLE:
        raise UnknownRecord(f"cannot sort by {sort!r} (one of {', '.join(SORTABLE)})")
    if offset < 0 or limit < 0:
        raise UnknownRecord("offset and limit must not be negative")
    selection = where or EventFilter()
    ensure_codebook(con)
    if has_query_tables(con):
        conditions, params = selection.indexed_where(con)
        columns = _PAGE_COLUMNS.format(day=STORED_DAY, names="e", article="e.sentence_article_id")
        source = " UNION ALL ".join(f"SELECT {columns} FROM events e WHERE {c}" for c in conditions)
        params = params * len(conditions)
        # Counted branch by branch over the filter's columns only: a count over the union of
        # the page's columns read them all (39 against 18 ms of CPU for the 72,177 events of
        # C150 on the 10-million-event benchmark).
        counting = " + ".join(f"(SELECT count(*) FROM events e WHERE {c})" for c in conditions)
        total_row = con.execute(f"SELECT {counting}", params).fetchone()
    else:
        condition, params = selection.where()
        columns = _PAGE_COLUMNS.format(day=EVENT_DAY, names="r", article="r.article_id")
        source = (
            f"SELECT {columns} FROM events e JOIN event_mentions r"
            f" ON r.mention_id = e.first_mention_id WHERE {condition}"
        )
        total_row = con.execute(f"SELECT count(*) FROM ({source})", params).fetchone()
    direction = "DESC" if descending else "ASC"
    rows = con.execute(
        f"""
        SELECT s.event_id, s.day, s.date_value, s.source_code, s.source_name, s.target_code,
               s.target_name, s.cameo, c.label AS cameo_label, s.plover_category, s.goldstein,
               s.quad_class, s.modality, s.num_mentions, s.num_articles, s.num_sources,
               s.confidence, s.location_country, s.lat, s.lon, s.sentence, s.article_id,
               s.first_mention_id
        FROM ({source}) s LEFT JOIN cameo_codebook c ON c.code = s.cameo
        ORDER BY s.{sort} {direction} NULLS LAST, s.event_id
        LIMIT ? OFFSET ?
        """,
        [*params, limit, offset],
    ).to_arrow_table()
    return EventPage(int(total_row[0]) if total_row else 0, offset, rows)


# What a report shows, from ``event_mentions m``; its article's title, date, source and URL and
# its sentence's offset in the article are looked up afterwards by key (``_reports``).
_MENTION_COLUMNS = """
    m.mention_id, m.article_id, m.sentence_index, m.sentence,
    m.source_text, m.source_start, m.source_end,
    m.target_text, m.target_start, m.target_end,
    m.trigger_text, m.trigger_start, m.trigger_end,
    m.cameo, m.plover_category, m.modality, m.attribution_text, m.attribution_code,
    m.date_text, m.date_value, m.location_text, m.confidence,
    m.source_code, m.target_code, {rule}
"""


def _mention_columns(con: duckdb.DuckDBPyConnection) -> str:
    """``_MENTION_COLUMNS`` for this store: a store older than schema migration 9 (opened
    read-only, so not migrated) has no ``rule`` column, and its reports say none."""
    rule = "m.rule" if has_column(con, "event_mentions", "rule") else "NULL"
    return _MENTION_COLUMNS.format(rule=rule)


def _by_keys(
    con: duckdb.DuckDBPyConnection, table: str, columns: str, keys: Sequence[str], key: str
) -> list[tuple[Any, ...]]:
    """The rows of ``table`` whose ``key`` is one of ``keys``, by an ``IN`` list of parameters,
    which DuckDB (1.5) looks up in the key's index up to ``index_scan_max_count`` (2,048)
    values; a join reads the whole table (50 articles of the 10-million-event benchmark:
    430 ms). The list costs less than equalities joined by UNION ALL (50 mentions: 7.5
    against 21.7 ms of CPU; 50 articles 3.9 against 8.8 ms)."""
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(keys), _KEYS_PER_QUERY):
        chunk = list(keys[start : start + _KEYS_PER_QUERY])
        marks = ", ".join("?" for _ in chunk)
        sql = f"SELECT {columns} FROM {table} WHERE {key} IN ({marks})"
        rows += con.execute(sql, chunk).fetchall()
    return rows


# Keys per look-up: below DuckDB's index_scan_max_count, 2,048, past which it scans.
_KEYS_PER_QUERY = 1000


def _reports(
    con: duckdb.DuckDBPyConnection, condition: str | None, params: Sequence[Any]
) -> list[MentionRecord]:
    """The reports ``condition`` (over ``event_mentions m``) selects, or those whose ids
    ``params`` lists when there is no condition, each with its article and the spans in its
    sentence, in no particular order. The articles and sentences are read by their keys."""
    columns = _mention_columns(con)
    if condition is None:
        rows = _by_keys(con, "event_mentions m", columns, params, "m.mention_id")
    else:
        sql = f"SELECT {columns} FROM event_mentions m WHERE {condition}"
        rows = con.execute(sql, list(params)).fetchall()
    article_ids = sorted({row[1] for row in rows})
    columns = "article_id, title, published, source, url"
    articles = {a[0]: a[1:] for a in _by_keys(con, "articles", columns, article_ids, "article_id")}
    columns = "article_id, sentence_index, start_char"
    offsets = {
        (o[0], o[1]): o[2] for o in _by_keys(con, "sentences", columns, article_ids, "article_id")
    }
    reports = []
    for row in rows:
        title, published, source, url = articles.get(row[1], (None, None, None, None))
        offset = offsets.get((row[1], row[2]))
        reports.append(_mention((*row[:2], title, published, source, url, *row[2:4], offset,
                                 *row[4:])))  # fmt: skip
    return reports


def _span(role: str, text: str | None, start: int | None, end: int | None, sentence: str,
          offset: int | None) -> SentenceSpan | None:  # fmt: skip
    """Where an article span lies in its sentence: by the sentence's offset when the store has
    it, else by finding the span's text in the sentence (the first time it occurs)."""
    if not text:
        return None
    if offset is not None and start is not None and end is not None:
        rel_start, rel_end = start - offset, end - offset
        if 0 <= rel_start < rel_end <= len(sentence) and sentence[rel_start:rel_end] == text:
            return SentenceSpan(role, text, rel_start, rel_end)
    found = sentence.find(text)
    if found < 0:
        return None
    return SentenceSpan(role, text, found, found + len(text))


def _mention(row: tuple[Any, ...]) -> MentionRecord:
    (mention_id, article_id, title, published, source, url, index, sentence, offset,
     s_text, s_start, s_end, t_text, t_start, t_end, v_text, v_start, v_end,
     cameo, plover, modality, attr_text, attr_code, date_text, date_value, location,
     confidence, source_code, target_code, rule) = row  # fmt: skip
    spans = [
        _span("source", s_text, s_start, s_end, sentence, offset),
        _span("target", t_text, t_start, t_end, sentence, offset),
        _span("trigger", v_text, v_start, v_end, sentence, offset),
        _span("attribution", attr_text, None, None, sentence, None),
    ]
    return MentionRecord(
        mention_id=mention_id,
        article_id=article_id,
        title=title,
        published=published,
        source=source,
        url=url,
        sentence_index=int(index),
        sentence=sentence,
        spans=_disjoint([s for s in spans if s is not None]),
        cameo=cameo,
        plover_category=plover,
        modality=modality,
        attribution_text=attr_text,
        attribution_code=attr_code,
        date_text=date_text,
        date_value=date_value,
        location_text=location,
        confidence=confidence,
        source_code=source_code,
        target_code=target_code,
        rule=rule,
    )


def _disjoint(spans: list[SentenceSpan]) -> tuple[SentenceSpan, ...]:
    """The spans in order, each overlapping an earlier one left out (a highlight is one
    colour: the source, target and trigger never overlap; an attribution may hold them)."""
    kept: list[SentenceSpan] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if all(span.start >= k.end or span.end <= k.start for k in kept):
            kept.append(span)
    return tuple(kept)


def _one_row(con: duckdb.DuckDBPyConnection, sql: str, key: str, missing: str) -> dict[str, Any]:
    """The row ``sql`` selects for ``key`` (its one parameter) as a dict by column name; an
    ``UnknownRecord`` saying ``missing`` when there is none."""
    result = con.execute(sql, [key])
    row = result.fetchone()
    if row is None:
        raise UnknownRecord(missing)
    names = [d[0] for d in result.description or []]
    return dict(zip(names, row, strict=True))


# Reports of one event looked up in the primary key (``_by_keys``), up to this many; beyond,
# one scan of ``event_mentions`` costs less (a key in an IN list costs about 0.15 ms of CPU, a
# scan of 10 M mentions 150-200 ms).
_KEYED_REPORTS = 1000


def event_record(con: duckdb.DuckDBPyConnection, event_id: str) -> EventRecord:
    """The merged event ``event_id`` and every report of it, oldest article first; an
    ``UnknownRecord`` when there is none."""
    ensure_codebook(con)
    select = (
        "SELECT e.*, c.label AS cameo_label FROM events e"
        " LEFT JOIN cameo_codebook c ON c.code = e.cameo WHERE "
    )
    missing = f"no event {event_id!r}"
    if not has_event_keys(con):
        fields = _one_row(con, select + "e.event_id = ?", event_id, missing)
        reports = _reports(con, "m.event_id = ?", [event_id])
    else:
        # The key table is in id order: its zonemaps leave a row group or two to read. The
        # event's side ids and day then find its row among the events (stored in side order).
        keys = con.execute(
            "SELECT mention_id, source_side, target_side, event_day FROM event_keys"
            " WHERE event_id = ?",
            [event_id],
        ).fetchall()
        if not keys:
            raise UnknownRecord(missing)
        _, source_side, target_side, day = keys[0]
        on_day = "e.event_day IS NULL" if day is None else "e.event_day = ?"
        result = con.execute(
            select + f"e.source_side = ? AND e.target_side = ? AND {on_day} AND e.event_id = ?",
            [source_side, target_side, *([] if day is None else [day]), event_id],
        )
        row = result.fetchone()
        if row is None:
            raise UnknownRecord(missing)
        fields = dict(zip([d[0] for d in result.description or []], row, strict=True))
        mention_ids = sorted({key[0] for key in keys})
        if len(mention_ids) <= _KEYED_REPORTS:
            reports = _reports(con, None, mention_ids)
        else:
            reports = _reports(con, "m.event_id = ?", [event_id])
    reports.sort(key=lambda r: (r.published is None, r.published or date.min, r.article_id,
                                r.sentence_index, r.mention_id))  # fmt: skip
    return EventRecord(fields, tuple(reports))


def article_record(con: duckdb.DuckDBPyConnection, article_id: str) -> ArticleRecord:
    """The article ``article_id`` with its text, its event mentions in text order and its
    actor mentions; an ``UnknownRecord`` when there is none."""
    fields = _one_row(
        con,
        "SELECT article_id, external_id, source, url, title, dateline, published, language,"
        " duplicate_of, text, path, reader, record, run_id FROM articles WHERE article_id = ?",
        article_id,
        f"no article {article_id!r}",
    )
    mentions = _reports(con, "m.article_id = ?", [article_id])
    mentions.sort(key=lambda r: (r.sentence_index, r.mention_id))
    actors = con.execute(
        "SELECT coalesce(code, actor_id, ''), text, start_char, end_char FROM mentions"
        " WHERE article_id = ? ORDER BY start_char, end_char",
        [article_id],
    ).fetchall()
    spans = tuple(SentenceSpan(f"actor {a[0]}".strip(), a[1], a[2], a[3]) for a in actors)
    return ArticleRecord(fields, tuple(mentions), _disjoint(list(spans)))


def actor_known(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether ``name`` is an actor id, code or country of some event side or stored actor."""
    if has_query_tables(con):
        sides = "SELECT 1 FROM event_sides WHERE ? IN (actor_id, code, country)"
    else:
        sides = (
            "SELECT 1 FROM events WHERE ? IN (source_actor_id, source_code, source_country,"
            " target_actor_id, target_code, target_country)"
        )
    row = con.execute(
        f"SELECT EXISTS ({sides}) OR EXISTS"
        " (SELECT 1 FROM actors WHERE ? IN (actor_id, code, country))",
        [name, name],
    ).fetchone()
    return bool(row and row[0])


def mention_spans(
    con: duckdb.DuckDBPyConnection, mention_ids: list[str]
) -> dict[str, MentionRecord]:
    """The reports ``mention_ids`` (an event list's representative reports), by id, with the
    spans to highlight in their sentences."""
    if not mention_ids:
        return {}
    reports = _reports(con, None, sorted(set(mention_ids)))
    return {report.mention_id: report for report in reports}
