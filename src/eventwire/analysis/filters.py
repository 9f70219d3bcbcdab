"""Selecting merged events: one typed filter, turned into a SQL condition over ``events e``,
and the scope every analysis of the events shares (modality, dates, confidence).

>>> EventFilter(country="USA", since=date(2019, 1, 1)).where()[1]
['asserted', 'USA', 'USA', datetime.date(2019, 1, 1)]
>>> EventScope(since=date(2019, 1, 1), min_confidence=0.3).where()[1]
['asserted', datetime.date(2019, 1, 1), 0.3]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from itertools import product
from typing import Any, Literal

import duckdb

from .._names import did_you_mean
from ..errors import EventwireError
from ..events.model import MODALITIES
from ..events.ontology import PLOVER_CATEGORIES, load_ontology
from ..time.intervals import timex_interval
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

__all__ = [
    "EVENT_COLUMNS",
    "EVENT_ORDERS",
    "EventFilter",
    "EventScope",
    "InvalidFilter",
    "Values",
    "confidence_terms",
    "count_events",
    "parse_day",
    "scoped",
    "select_events",
    "values",
]


class InvalidFilter(EventwireError):
    """A filter value that cannot select anything (unknown modality, CAMEO code or PLOVER
    category, quad class out of 1–4...); the message names the value."""


_QUADS = (1, 2, 3, 4)

# One value, or several (OR within the field); None or () selects everything.
Values = str | Sequence[str] | None
# How listed events are ordered: by day (newest or oldest first), or the most reported first.
# Event ids break ties, so every order is total and ``limit`` cuts it the same way each time.
EventOrder = Literal["oldest", "newest", "mentions"]
EVENT_ORDERS: dict[str, str] = {
    "oldest": "day NULLS LAST, event_id",
    "newest": "day DESC NULLS LAST, event_id",
    "mentions": "num_mentions DESC, day DESC NULLS LAST, event_id",
}


def values(given: Values) -> tuple[str, ...]:
    """The values of a filter field as a tuple (a lone string is one value), blanks left out.

    >>> values("RUS"), values(["RUS", " PRK "]), values(None)
    (('RUS',), ('RUS', 'PRK'), ())
    """
    if given is None:
        return ()
    items = (given,) if isinstance(given, str) else tuple(given)
    return tuple(v.strip() for v in items if v and v.strip())


@cache
def _cameo_codes() -> tuple[str, ...]:
    return tuple(code.code for code in load_ontology())


def _check_cameo(code: str) -> None:
    """A CAMEO code or a prefix of one ("05" selects 050–057); anything else is refused."""
    if not any(known.startswith(code) for known in _cameo_codes()):
        hint = did_you_mean(code, _cameo_codes(), cutoff=0.5)
        raise InvalidFilter(f"unknown CAMEO code {code!r}: no code starts with it{hint}")


def _check_plover(category: str) -> None:
    if category.upper() not in PLOVER_CATEGORIES:
        hint = did_you_mean(category, PLOVER_CATEGORIES) or (
            f" (one of {', '.join(PLOVER_CATEGORIES)})"
        )
        raise InvalidFilter(f"unknown PLOVER category {category!r}{hint}")


def _check_modality(modality: str | None) -> None:
    """A modality of ``MODALITIES``, or None for every one; anything else is refused."""
    if modality is not None and modality not in MODALITIES:
        hint = did_you_mean(modality, MODALITIES)
        raise InvalidFilter(
            f"unknown modality {modality!r}{hint} (one of {', '.join(MODALITIES)}, or all)"
        )


def _check_range(since: date | None, until: date | None) -> None:
    if since and until and since > until:
        raise InvalidFilter(f"since {since} is after until {until}")


def parse_day(value: str | None, name: str | None = None, *, end: bool = False) -> date | None:
    """A day as users type it: YYYY-MM-DD, or YYYY-MM / YYYY meaning its first (``end``: its
    last) day; None when nothing is given. Anything else is an ``InvalidFilter`` (naming the
    field ``name`` when given), so the command line (exit 2) and the REST API (400) refuse
    the same values.

    >>> parse_day("2024-02", "until", end=True)
    datetime.date(2024, 2, 29)
    """
    if value is None or not value.strip():
        return None
    written = value.strip()
    interval = timex_interval(written) if written[:4].isdigit() else None
    if interval is None:
        field = f"{name}: " if name else ""
        raise InvalidFilter(f"{field}{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return interval[1] if end else interval[0]


def _placeholders(items: Sequence[Any]) -> str:
    return ", ".join("?" for _ in items)


def confidence_terms(min_confidence: float | None) -> tuple[list[str], list[Any]]:
    """The condition on ``events e`` that keeps the events whose calibrated confidence (the
    probability that the event is right: ``eventwire.events.scoring.calibration``) is at least
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
class EventScope:
    """Which merged events an analysis counts (a timeline, a dyad or actor series, a
    network): those of ``modality`` (asserted by default; None: every modality) whose day lies
    from ``since`` to ``until`` (inclusive; None: unbounded) and whose calibrated confidence
    is at least ``min_confidence`` (0–1; None or 0: every event). Built once by a command or
    a request handler and passed through the library; an unknown modality, a confidence
    outside 0–1 or ``since`` after ``until`` is an ``InvalidFilter``.

    >>> EventScope(modality="alleged", until=date(2024, 6, 30)).terms()[1]
    ['alleged', datetime.date(2024, 6, 30)]
    """

    modality: str | None = "asserted"
    since: date | None = None
    until: date | None = None
    min_confidence: float | None = None

    def __post_init__(self) -> None:
        _check_modality(self.modality)
        _check_range(self.since, self.until)
        confidence_terms(self.min_confidence)

    @property
    def dated(self) -> bool:
        """Whether the scope bounds the event's day (from ``since``, until ``until`` or both)."""
        return bool(self.since or self.until)

    def terms(self, day: str = EVENT_DAY) -> tuple[list[str], list[Any]]:
        """The conditions on ``events e`` of the modality and the range of ``day`` (``EVENT_DAY``,
        ``STORED_DAY``, or ``REPORT_DAY`` for the reports' days), and their parameters; the
        confidence aside (``confidence_terms``), as a series' denominator ignores it."""
        terms: list[str] = []
        params: list[Any] = []
        if self.modality is not None:
            terms.append("e.modality = ?")
            params.append(self.modality)
        if self.since:
            terms.append(f"{day} >= ?")
            params.append(self.since)
        if self.until:
            terms.append(f"{day} <= ?")
            params.append(self.until)
        return terms, params

    def confidence_terms(self) -> tuple[list[str], list[Any]]:
        """The condition keeping the events at or above ``min_confidence`` (module function
        ``confidence_terms``)."""
        return confidence_terms(self.min_confidence)

    def where(self, day: str = EVENT_DAY) -> tuple[list[str], list[Any]]:
        """``terms(day)`` and then the confidence's: every condition of the scope."""
        terms, params = self.terms(day)
        confident, confidence = self.confidence_terms()
        return terms + confident, params + confidence


def scoped(scope: EventScope | None, fields: dict[str, Any]) -> EventScope:
    """``scope``, or the one its ``fields`` make (``store.timeline("PRK", since=...)``); giving
    both is a ``TypeError``, so that no field is silently ignored."""
    if scope is None:
        return EventScope(**fields)
    if fields:
        raise TypeError(f"give an EventScope or its fields, not both ({', '.join(fields)})")
    return scope


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which merged events to select; every field left None selects everything.

    ``actor`` matches either side (actor id, code on the day, or country), ``source`` and
    ``target`` one side; ``country`` matches either side's country and ``location`` where the
    event happened; ``cameo`` is a code or a prefix ("05" selects 050–057 and their children);
    ``modality`` defaults to asserted (None: every modality); ``since``/``until`` bound the
    event's day (inclusive); ``text`` is a case-insensitive substring of any mention's sentence;
    ``min_confidence`` keeps the events whose calibrated confidence is at least that (0–1).

    The actor, source, target, country, location, CAMEO and PLOVER fields take one value or
    several: an event passes a field when it matches any of its values, and the filter when
    it passes every field given (``actor=("RUS", "PRK"), plover="ASSAULT"``: assaults with
    Russia or North Korea on either side). ``between=(A, B)`` keeps the events from A to B
    and from B to A. ``order`` is ``oldest`` (the default), ``newest`` or ``mentions``.
    An unknown modality, CAMEO code or PLOVER category is an ``InvalidFilter`` naming it.
    """

    actor: Values = None
    source: Values = None
    target: Values = None
    country: Values = None
    location: Values = None
    cameo: Values = None
    plover: Values = None
    quad_class: int | None = None
    modality: str | None = "asserted"
    since: date | None = None
    until: date | None = None
    text: str | None = None
    min_confidence: float | None = None
    limit: int | None = None
    between: tuple[str, str] | None = None
    order: EventOrder = "oldest"

    def __post_init__(self) -> None:
        _check_modality(self.modality)
        for code in values(self.cameo):
            _check_cameo(code)
        for category in values(self.plover):
            _check_plover(category)
        if self.order not in EVENT_ORDERS:
            raise InvalidFilter(f"unknown order {self.order!r} (one of {', '.join(EVENT_ORDERS)})")
        if self.between is not None and len(values(self.between)) != 2:
            raise InvalidFilter(f"between takes two actors, not {self.between!r}")
        if self.quad_class is not None and self.quad_class not in _QUADS:
            raise InvalidFilter(f"quad class must be 1–4, not {self.quad_class}")
        _check_range(self.since, self.until)
        if self.limit is not None and self.limit < 0:
            raise InvalidFilter(f"limit must not be negative, not {self.limit}")
        confidence_terms(self.min_confidence)

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over ``events e`` and its parameters ("TRUE" selects all)."""
        terms: list[str] = []
        params: list[Any] = []

        def add(term: str, *given: Any) -> None:
            terms.append(term)
            params.extend(given)

        def any_of(side: str, names: tuple[str, ...]) -> str:
            params.extend(names)
            return "(" + " OR ".join(side_matches(side) for _ in names) + ")"

        if self.modality is not None:
            add("e.modality = ?", self.modality)
        if actors := values(self.actor):
            terms.append(f"({any_of('source', actors)} OR {any_of('target', actors)})")
        if sources := values(self.source):
            terms.append(any_of("source", sources))
        if targets := values(self.target):
            terms.append(any_of("target", targets))
        if self.between is not None:
            a, b = values(self.between)
            one_way = f"({any_of('source', (a,))} AND {any_of('target', (b,))})"
            other_way = f"({any_of('source', (b,))} AND {any_of('target', (a,))})"
            terms.append(f"({one_way} OR {other_way})")
        if countries := tuple(c.upper() for c in values(self.country)):
            marks = _placeholders(countries)
            add(f"(e.source_country IN ({marks}) OR e.target_country IN ({marks}))", *countries)
            params.extend(countries)
        rest, others = self._other_terms(EVENT_DAY)
        condition = " AND ".join(terms + rest) or "TRUE"
        return condition, params + others

    def indexed_where(self, con: duckdb.DuckDBPyConnection) -> tuple[list[str], list[Any]]:
        """The same selection on a store at schema migration 4 or later, as conditions whose
        queries, joined with UNION ALL, select each event once, and the parameters of one
        condition: the actor, source, target and country become side ids (``_sql.side_in``),
        and "either side" two conditions rather than an OR, so that every one prunes."""

        def ids_of(names: tuple[str, ...], *, country_only: bool = False) -> tuple[int, ...]:
            found = {i for n in names for i in side_ids(con, n, country_only=country_only)}
            return tuple(sorted(found))

        sides: list[str] = []
        either: list[list[str]] = []
        if actors := values(self.actor):
            ids = ids_of(actors)
            either.append([side_in("source", ids), side_in("target", ids)])
        if sources := values(self.source):
            sides.append(side_in("source", ids_of(sources)))
        if targets := values(self.target):
            sides.append(side_in("target", ids_of(targets)))
        if self.between is not None:
            a, b = (ids_of((name,)) for name in values(self.between))
            either.append(
                [
                    f"{side_in('source', a)} AND {side_in('target', b)}",
                    f"{side_in('source', b)} AND {side_in('target', a)}",
                ]
            )
        if countries := values(self.country):
            ids = ids_of(tuple(c.upper() for c in countries), country_only=True)
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

        def add(term: str, *given: Any) -> None:
            terms.append(term)
            params.extend(given)

        if places := tuple(v.upper() for v in values(self.location)):
            add(f"e.location_country IN ({_placeholders(places)})", *places)
        if codes := values(self.cameo):
            add("(" + " OR ".join("starts_with(e.cameo, ?)" for _ in codes) + ")", *codes)
        if categories := tuple(v.upper() for v in values(self.plover)):
            add(f"e.plover_category IN ({_placeholders(categories)})", *categories)
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
        confident, confidence = confidence_terms(self.min_confidence)
        return terms + confident, params + confidence


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
    """The merged events ``where`` selects, in its order (date order, undated last, by
    default), with the sentence and article of each event's representative mention; a
    DataFrame, or Arrow with ``arrow``."""
    selection = where or EventFilter()
    ensure_codebook(con)
    tail = f" LIMIT {int(selection.limit)}" if selection.limit is not None else ""
    order = EVENT_ORDERS[selection.order]
    if has_query_tables(con):
        return _indexed_select(con, selection, order, tail, arrow)
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
        ORDER BY {_qualified(order)}{tail}
    """
    return fetch(con, sql, params, arrow)


def _qualified(order: str) -> str:
    """An order of ``EVENT_ORDERS`` over ``events e`` joined with its mentions (which have an
    ``event_id`` too)."""
    return order.replace("event_id", "e.event_id").replace("num_mentions", "e.num_mentions")


def count_events(con: duckdb.DuckDBPyConnection, where: EventFilter | None = None) -> int:
    """How many merged events ``where`` selects, its ``limit`` aside (for "50 of 1,327")."""
    selection = where or EventFilter()
    if has_query_tables(con):
        conditions, params = selection.indexed_where(con)
        total = 0
        for condition in conditions:  # disjoint conditions: each event counts once
            found = con.execute(f"SELECT count(*) FROM events e WHERE {condition}", params)
            total += int(found.fetchone()[0])  # type: ignore[index]
        return total
    condition, params = selection.where()
    row = con.execute(f"SELECT count(*) FROM events e WHERE {condition}", params).fetchone()
    return int(row[0]) if row else 0


def _indexed_select(
    con: duckdb.DuckDBPyConnection, selection: EventFilter, order: str, tail: str, arrow: bool
) -> Any:
    """``select_events`` on a store at schema migration 4 or later: no join with the mentions
    (the representative report is on the event), one pruned scan per condition of
    ``indexed_where``, each already cut to ``limit`` (every order is total: it ends with the
    event id)."""
    conditions, params = selection.indexed_where(con)
    selects = " UNION ALL ".join(
        f"""
        (SELECT e.event_id, {STORED_DAY} AS day, e.date_value,
               e.source_code, e.source_name, e.target_code, e.target_name,
               e.cameo, e.plover_category, e.goldstein, e.quad_class,
               e.modality, e.num_mentions, e.num_articles, e.num_sources, e.confidence,
               e.location_country, e.sentence, e.sentence_article_id AS article_id
        FROM events e WHERE {condition} {"ORDER BY " + order + tail if tail else ""})
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
        ORDER BY {order}{tail}
    """
    return fetch(con, sql, params * len(conditions), arrow)
