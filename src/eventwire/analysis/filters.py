"""Selecting merged events: one typed filter, turned into a SQL condition over ``events e``.

>>> EventFilter(country="USA", since=date(2019, 1, 1)).where()[1]
['asserted', 'USA', datetime.date(2019, 1, 1)]
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from itertools import product
from typing import Any

import duckdb

from ..errors import EventwireError
from ..events.model import MODALITIES
from ._sql import (
    EVENT_DAY,
    STORED_DAY,
    disjoint,
    ensure_codebook,
    fetch,
    has_query_tables,
    side_ids,
    side_in,
    side_matches,
)

__all__ = ["EVENT_COLUMNS", "EventFilter", "InvalidFilter", "confidence_terms", "select_events"]


class InvalidFilter(EventwireError):
    """A filter value that cannot select anything (unknown modality, quad class out of 1–4...)."""


_QUADS = (1, 2, 3, 4)


def confidence_terms(min_confidence: float | None) -> tuple[list[str], list[Any]]:
    """The condition on ``events e`` that keeps the events whose calibrated confidence (the
    probability that the event is right: ``eventwire.events.calibration``) is at least
    ``min_confidence``, and its parameter; nothing for None or 0 (every stored event, even one
    without a confidence, which any higher threshold leaves out). A value outside 0–1 is an
    ``InvalidFilter``.

    >>> confidence_terms(0.3)
    (['e.confidence >= ?'], [0.3])
    """
    if min_confidence is None:
        return [], []
    if not 0 <= min_confidence <= 1:
        raise InvalidFilter(f"min_confidence must be 0–1, not {min_confidence}")
    if min_confidence == 0:
        return [], []
    return ["e.confidence >= ?"], [min_confidence]


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which merged events to select; every field left None selects everything.

    ``actor`` matches either side (actor id, code on the day, or country), ``source`` and
    ``target`` one side; ``country`` matches either side's country and ``location`` where the
    event happened; ``cameo`` is a code or a prefix ("05" selects 050–057 and their children);
    ``modality`` defaults to asserted (None: every modality); ``since``/``until`` bound the
    event's day (inclusive); ``text`` is a case-insensitive substring of any mention's sentence;
    ``min_confidence`` keeps the events whose calibrated confidence is at least that (0–1).
    """

    actor: str | None = None
    source: str | None = None
    target: str | None = None
    country: str | None = None
    location: str | None = None
    cameo: str | None = None
    plover: str | None = None
    quad_class: int | None = None
    modality: str | None = "asserted"
    since: date | None = None
    until: date | None = None
    text: str | None = None
    min_confidence: float | None = None
    limit: int | None = None

    def __post_init__(self) -> None:
        if self.modality is not None and self.modality not in MODALITIES:
            raise InvalidFilter(
                f"unknown modality {self.modality!r} (one of {', '.join(MODALITIES)}, or all)"
            )
        if self.quad_class is not None and self.quad_class not in _QUADS:
            raise InvalidFilter(f"quad class must be 1–4, not {self.quad_class}")
        if self.since and self.until and self.since > self.until:
            raise InvalidFilter(f"since {self.since} is after until {self.until}")
        if self.limit is not None and self.limit < 0:
            raise InvalidFilter(f"limit must not be negative, not {self.limit}")
        confidence_terms(self.min_confidence)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over ``events e`` and its parameters ("TRUE" selects all)."""
        terms: list[str] = []
        params: list[Any] = []

        def add(term: str, *values: Any) -> None:
            terms.append(term)
            params.extend(values)

        if self.modality is not None:
            add("e.modality = ?", self.modality)
        if self.actor:
            add(f"({side_matches('source')} OR {side_matches('target')})", self.actor, self.actor)
        if self.source:
            add(side_matches("source"), self.source)
        if self.target:
            add(side_matches("target"), self.target)
        if self.country:
            add("(? IN (e.source_country, e.target_country))", self.country.upper())
        rest, values = self._other_terms(EVENT_DAY)
        condition = " AND ".join(terms + rest) or "TRUE"
        return condition, params + values

    def indexed_where(self, con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[Any]]:
        """The same selection on a store at schema migration 4 or later, as conditions whose
        queries, joined with UNION ALL, select each event once, and the parameters of one
        condition: the actor, source, target and country become side ids (``_sql.side_in``),
        and "either side" two conditions rather than an OR, so that every one prunes."""
        sides: list[str] = []
        either: list[list[str]] = []
        if self.actor:
            ids = side_ids(con, self.actor)
            either.append([side_in("source", ids), side_in("target", ids)])
        if self.source:
            sides.append(side_in("source", side_ids(con, self.source)))
        if self.target:
            sides.append(side_in("target", side_ids(con, self.target)))
        if self.country:
            ids = side_ids(con, self.country.upper(), country_only=True)
            either.append([side_in("source", ids), side_in("target", ids)])
        rest, params = self._other_terms(STORED_DAY)
        if self.modality is not None:
            rest, params = ["e.modality = ?", *rest], [self.modality, *params]
        branches = [" AND ".join(choice) for choice in product(*either)] if either else ["TRUE"]
        return [" AND ".join([b, *sides, *rest]) for b in disjoint(branches)], params

    def _other_terms(self, day: str) -> tuple[list[str], list[Any]]:
        """The terms on anything but the actors, with ``day`` the event's day."""
        terms: list[str] = []
        params: list[Any] = []

        def add(term: str, *values: Any) -> None:
            terms.append(term)
            params.extend(values)

        if self.location:
            add("e.location_country = ?", self.location.upper())
        if self.cameo:
            add("starts_with(e.cameo, ?)", self.cameo)
        if self.plover:
            add("e.plover_category = ?", self.plover.upper())
        if self.quad_class is not None:
            add("e.quad_class = ?", self.quad_class)
        if self.since:
            add(f"{day} >= ?", self.since)
        if self.until:
            add(f"{day} <= ?", self.until)
        if self.text:
            add(
                "EXISTS (SELECT 1 FROM event_mentions t WHERE t.event_id = e.event_id"
                " AND contains(lower(t.sentence), lower(?)))",
                self.text,
            )
        confident, values = confidence_terms(self.min_confidence)
        return terms + confident, params + values


# The columns of ``select_events``, in order (docs/analysis.md describes each).
EVENT_COLUMNS = (
    "event_id",
    "day",
    "date_value",
    "source_code",
    "source_name",
    "target_code",
    "target_name",
    "cameo",
    "cameo_label",
    "plover_category",
    "goldstein",
    "quad_class",
    "modality",
    "num_mentions",
    "num_articles",
    "num_sources",
    "confidence",
    "location_country",
    "sentence",
    "article_id",
)


def select_events(
    con: duckdb.DuckDBPyConnection, where: EventFilter | None = None, *, arrow: bool = False
) -> Any:
    """The merged events ``where`` selects, in date order (undated last), with the sentence and
    article of each event's representative mention; a DataFrame, or Arrow with ``arrow``."""
    selection = where or EventFilter()
    ensure_codebook(con)
    tail = f" LIMIT {int(selection.limit)}" if selection.limit is not None else ""
    if has_query_tables(con):
        return _indexed_select(con, selection, tail, arrow)
    condition, params = selection.where()
    sql = f"""
        SELECT e.event_id, {EVENT_DAY} AS day, e.date_value,
               e.source_code, r.source_name, e.target_code, r.target_name,
               e.cameo, c.label AS cameo_label, e.plover_category, e.goldstein, e.quad_class,
               e.modality, e.num_mentions, e.num_articles, e.num_sources, e.confidence,
               e.location_country, r.sentence, r.article_id
        FROM events e
        JOIN event_mentions r ON r.mention_id = e.first_mention_id
        LEFT JOIN cameo_codebook c ON c.code = e.cameo
        WHERE {condition}
        ORDER BY day NULLS LAST, e.event_id{tail}
    """
    return fetch(con, sql, params, arrow)


def _indexed_select(
    con: duckdb.DuckDBPyConnection, selection: EventFilter, tail: str, arrow: bool
) -> Any:
    """``select_events`` on a store at schema migration 4 or later: no join with the mentions
    (the representative report is on the event), one pruned scan per condition of
    ``indexed_where``, each already cut to ``limit`` (the order is total: day, then id)."""
    conditions, params = selection.indexed_where(con)
    order = "ORDER BY day NULLS LAST, event_id"
    selects = " UNION ALL ".join(
        f"""
        (SELECT e.event_id, {STORED_DAY} AS day, e.date_value,
               e.source_code, e.source_name, e.target_code, e.target_name,
               e.cameo, e.plover_category, e.goldstein, e.quad_class,
               e.modality, e.num_mentions, e.num_articles, e.num_sources, e.confidence,
               e.location_country, e.sentence, e.sentence_article_id AS article_id
        FROM events e WHERE {condition} {order + tail if tail else ""})
        """
        for condition in conditions
    )
    sql = f"""
        SELECT s.event_id, s.day, s.date_value, s.source_code, s.source_name, s.target_code,
               s.target_name, s.cameo, c.label AS cameo_label, s.plover_category, s.goldstein,
               s.quad_class, s.modality, s.num_mentions, s.num_articles, s.num_sources,
               s.confidence, s.location_country, s.sentence, s.article_id
        FROM ({selects}) s
        LEFT JOIN cameo_codebook c ON c.code = s.cameo
        ORDER BY s.day NULLS LAST, s.event_id{tail}
    """
    return fetch(con, sql, params * len(conditions), arrow)
