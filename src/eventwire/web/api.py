"""The REST API (``/api/...``): thin handlers over the store's read methods and the treaty and
actor libraries. Every list is bounded (``limit`` at most ``[web] max_page_size``) and says how
many rows there are in all; errors are JSON ``{"error": ...}`` with 400 or 404 (``errors``)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Literal, cast

import pyarrow as pa
from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator

from ..actors.data_access import load_knowledge_base
from ..actors.explain import explain_actor
from ..analysis.changes import WeeklyChanges
from ..analysis.filters import EventScope
from ..analysis.periods import period_label
from ..analysis.records import ArticleRecord, EventRecord, SortKey
from ..analysis.search import SearchResult
from ..treaties import (
    alliance_edges,
    find_treaty,
    obligations_to_assist,
    treaties_as_of,
    treaty_status,
)
from .params import EventQuery, actor_key, event_scope, parse_day, parse_modality
from .reader import StoreReader, StoreView

__all__ = ["ErrorBody", "router"]

router = APIRouter(prefix="/api")


class ErrorBody(BaseModel):
    """What every error answers: the message and the status."""

    error: str
    status: int


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "A parameter cannot be read"},
    404: {"model": ErrorBody, "description": "No such record"},
    503: {"model": ErrorBody, "description": "The query took too long"},
}


class Table(BaseModel):
    """A page of rows: ``total`` rows in all, ``rows`` from ``offset`` on."""

    total: int
    offset: int
    limit: int
    rows: list[dict[str, Any]]


def reader(request: Request) -> StoreReader:
    return cast(StoreReader, request.app.state.reader)


def view(request: Request) -> Iterator[StoreView]:
    with reader(request).view() as opened:
        yield opened


View = Annotated[StoreView, Depends(view)]
Reader = Annotated[StoreReader, Depends(reader)]


def _limit(store: StoreReader, limit: int | None) -> int:
    return min(limit or store.options.page_size, store.options.max_page_size)


Offset = Annotated[int, Query(ge=0, le=10_000_000, description="Rows to skip.")]
Limit = Annotated[
    int | None, Query(ge=1, le=100_000, description="Rows (at most the server's max_page_size).")
]
Since = Annotated[str | None, Query(description="First day: YYYY-MM-DD, YYYY-MM or YYYY.")]
Until = Annotated[str | None, Query(description="Last day (inclusive), same forms.")]
Modality = Annotated[
    Literal["asserted", "negated", "hypothetical", "intended", "alleged", "denied", "all"],
    Query(description="Only events of this modality; all for every modality."),
]


def _blank_is_none(value: Any) -> Any:
    """An empty number field of a submitted form ("quad_class=") means no filter."""
    return None if value == "" else value


Confidence = Annotated[
    float | None,
    Query(ge=0, le=1, description="Calibrated confidence at least (default: the config's)."),
    BeforeValidator(_blank_is_none),
]
FreqQ = Annotated[Literal["day", "week", "month"], Query(description="Period of the series.")]


def _page(rows: pa.Table, offset: int, limit: int) -> Table:
    return Table(
        total=rows.num_rows,
        offset=offset,
        limit=limit,
        rows=_plain(rows.slice(offset, limit).to_pylist()),
    )


def _labelled(rows: pa.Table, freq: str) -> pa.Table:
    """A series with ``period_label`` beside ``period`` (its first day, kept for sorting and
    links): the period as an analyst names it, ``2024-W49`` or ``2024-12`` (issue 14)."""
    labels = [period_label(start, freq) for start in rows.column("period").to_pylist()]
    return rows.append_column("period_label", pa.array(labels, pa.string()))


def _plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with NaN as None (JSON has no NaN)."""
    return [
        {k: (None if isinstance(v, float) and v != v else v) for k, v in row.items()}
        for row in rows
    ]


# --- events ----------------------------------------------------------------------------------
class EventRow(BaseModel):
    event_id: str
    day: date | None
    date_value: str | None
    source_code: str | None
    source_name: str | None
    target_code: str | None
    target_name: str | None
    cameo: str
    cameo_label: str | None
    plover_category: str | None
    goldstein: float | None
    quad_class: int | None
    modality: str
    num_mentions: int
    num_articles: int
    num_sources: int
    confidence: float | None
    location_country: str | None
    lat: float | None
    lon: float | None
    sentence: str | None
    article_id: str | None
    first_mention_id: str


class EventsPage(BaseModel):
    total: int
    offset: int
    limit: int
    events: list[EventRow]


def event_query(
    actor: Annotated[
        str | None, Query(description="Either side: actor id, code or country.")
    ] = None,
    source: Annotated[str | None, Query(description="The acting side.")] = None,
    target: Annotated[str | None, Query(description="The side acted upon.")] = None,
    country: Annotated[str | None, Query(description="Either side's country (ISO3).")] = None,
    location: Annotated[str | None, Query(description="Where it happened (ISO3).")] = None,
    cameo: Annotated[str | None, Query(description="CAMEO code or prefix.")] = None,
    plover: Annotated[str | None, Query(description="PLOVER category.")] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4), BeforeValidator(_blank_is_none)] = None,
    modality: Modality = "asserted",
    since: Since = None,
    until: Until = None,
    text: Annotated[str | None, Query(max_length=200, description="Words of a sentence.")] = None,
    min_confidence: Confidence = None,
) -> EventQuery:
    return EventQuery(actor, source, target, country, location, cameo, plover, quad_class,
                      modality, since, until, text, min_confidence)  # fmt: skip


Events = Annotated[EventQuery, Depends(event_query)]


@router.get("/events", response_model=EventsPage, responses=ERRORS, tags=["events"])
def list_events(
    request: Request,
    store: View,
    query: Events,
    sort: SortKey = "day",
    order: Literal["asc", "desc"] = "asc",
    offset: Offset = 0,
    limit: Limit = None,
    format: Literal["json", "csv", "geojson"] = "json",
) -> Any:
    """Merged events with every filter of `eventwire events`, sorted and paged, with the total;
    `format=csv` or `geojson` returns the same page as CSV or a GeoJSON FeatureCollection."""
    size = _limit(reader(request), limit)
    selection = query.to_filter(store, request.app.state.min_confidence)
    page = store.event_page(
        selection, offset=offset, limit=size, sort=sort, descending=order == "desc"
    )
    rows = _plain(page.rows.to_pylist())
    if format == "csv":
        return _csv_response(rows, page.rows.column_names, page.total)
    if format == "geojson":
        return _geojson_response(rows, page.total)
    return {"total": page.total, "offset": offset, "limit": size, "events": rows}


def _csv_response(rows: list[dict[str, Any]], columns: list[str], total: int) -> Response:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={
            "X-Total-Count": str(total),
            "Content-Disposition": "attachment; filename=events.csv",
        },
    )


def _geojson_response(rows: list[dict[str, Any]], total: int) -> Response:
    features = [
        {
            "type": "Feature",
            "id": row["event_id"],
            "geometry": (
                {"type": "Point", "coordinates": [row["lon"], row["lat"]]}
                if row["lat"] is not None and row["lon"] is not None
                else None
            ),
            "properties": {k: v for k, v in row.items() if k not in ("lat", "lon")},
        }
        for row in rows
    ]
    body = {"type": "FeatureCollection", "features": features, "total": total}
    return Response(
        json.dumps(body, default=str, ensure_ascii=False),
        media_type="application/geo+json",
        headers={"X-Total-Count": str(total)},
    )


@router.get("/events/{event_id}", response_model=EventRecord, responses=ERRORS, tags=["events"])
def one_event(event_id: str, store: View) -> EventRecord:
    """One merged event with every report of it: article, date, source, sentence and the
    character spans (in the sentence) of its source, target, trigger and attribution."""
    return store.event(event_id)


# --- actors ----------------------------------------------------------------------------------
class ActorLookup(BaseModel):
    name: str
    on: date | None
    resolved: bool
    actor: dict[str, Any]
    rule: str
    source: str
    roles: list[dict[str, Any]]


@router.get("/actors", response_model=Table, responses=ERRORS, tags=["actors"])
def list_actors(request: Request, store: View, offset: Offset = 0, limit: Limit = None) -> Table:
    """Every actor seen in the store with its events and mentions, most events first."""
    return _page(store.actors(arrow=True), offset, _limit(reader(request), limit))


@router.get("/actors/lookup", response_model=ActorLookup, responses=ERRORS, tags=["actors"])
def lookup_actor(
    name: Annotated[str, Query(min_length=1, max_length=200)], on: Since = None
) -> ActorLookup:
    """How a written name resolves on a date through the knowledge base, and the dated roles
    of the actor it names (a person's offices over time)."""
    day = parse_day(on, "on")
    found = explain_actor(name, day)
    record = load_knowledge_base().record(found.actor.actor_id)
    roles = [asdict(r) for r in record.roles] if record else []
    return ActorLookup(
        name=name,
        on=day,
        resolved=found.actor.kind != "unresolved",
        actor=asdict(found.actor),
        rule=found.rule,
        source=found.source,
        roles=roles,
    )


@router.get("/actors/{actor}/timeline", response_model=Table, responses=ERRORS, tags=["actors"])
def actor_timeline(
    request: Request,
    actor: str,
    store: View,
    since: Since = None,
    until: Until = None,
    modality: Modality = "asserted",
    min_confidence: Confidence = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Table:
    """Every event the actor (id, code, country, or a name the knowledge base resolves) took
    part in, oldest first."""
    scope = _scope(request, since, until, modality, min_confidence)
    size = _limit(reader(request), limit)
    page = store.timeline_page(
        actor_key(store, actor, scope.until or scope.since), scope, offset=offset, limit=size
    )
    return Table(total=page.total, offset=offset, limit=size, rows=_plain(page.rows.to_pylist()))


@router.get("/actors/{actor}/series", response_model=Table, responses=ERRORS, tags=["actors"])
def actor_series(
    request: Request,
    actor: str,
    store: View,
    freq: FreqQ = "month",
    since: Since = None,
    until: Until = None,
    modality: Modality = "asserted",
    min_confidence: Confidence = None,
) -> Table:
    """The actor's events per period: counts by quad class, Goldstein, share of all events."""
    scope = _scope(request, since, until, modality, min_confidence)
    key = actor_key(store, actor, scope.until or scope.since)
    rows = store.actor_series(key, freq, scope, arrow=True)
    return _page(_labelled(rows, freq), 0, max(rows.num_rows, 1))


@router.get("/dyads/{a}/{b}", response_model=Table, responses=ERRORS, tags=["actors"])
def dyad(
    request: Request,
    a: str,
    b: str,
    store: View,
    freq: FreqQ = "month",
    directed: bool = False,
    since: Since = None,
    until: Until = None,
    modality: Modality = "asserted",
    min_confidence: Confidence = None,
) -> Table:
    """Events between A and B per period: counts by quad class, Goldstein sum and mean, and
    each count as a share of all events of the period."""
    scope = _scope(request, since, until, modality, min_confidence)
    day = scope.until or scope.since
    key_a, key_b = actor_key(store, a, day), actor_key(store, b, day)
    rows = store.dyad(key_a, key_b, freq, scope, directed=directed, arrow=True)
    return _page(_labelled(rows, freq), 0, max(rows.num_rows, 1))


@router.get("/network", response_model=Table, responses=ERRORS, tags=["actors"])
def network(
    request: Request,
    store: View,
    level: Literal["country", "actor"] = "country",
    since: Since = None,
    until: Until = None,
    modality: Modality = "asserted",
    include_self: bool = False,
    min_confidence: Confidence = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Table:
    """Directed edges of who acts on whom, weighted by events and mean Goldstein."""
    scope = _scope(request, since, until, modality, min_confidence)
    rows = store.network(scope, level=level, include_self=include_self, arrow=True)
    return _page(rows, offset, _limit(reader(request), limit))


def _scope(
    request: Request,
    since: str | None,
    until: str | None,
    modality: str | None,
    min_confidence: float | None,
) -> EventScope:
    """The events a request's period parameters select, at the config's confidence unless
    it asks for another."""
    return event_scope(since, until, modality, min_confidence, _confidence(request, None))


def _confidence(request: Request, given: float | None) -> float:
    return cast(float, request.app.state.min_confidence) if given is None else given


@router.get("/changes", response_model=WeeklyChanges, responses=ERRORS, tags=["events"])
def changes(
    request: Request,
    store: View,
    week: Annotated[
        str | None,
        Query(description="Any day of the week (default: the latest week of usual news volume)."),
    ] = None,
    by: Literal["country", "dyad", "category"] = "country",
    modality: Modality = "asserted",
    min_confidence: Confidence = None,
    limit: Limit = None,
) -> WeeklyChanges:
    """What changed: the week's events per country, dyad or PLOVER category per article
    ingested, against the mean of the 4 and 52 weeks before, in Trendfinder's bands; the
    `limit` rows with the most events this week, and `total`."""
    return store.changes(
        parse_day(week, "week"),
        by=by,
        modality=parse_modality(modality),
        min_confidence=_confidence(request, min_confidence),
        limit=_limit(reader(request), limit),
    )


# --- treaties --------------------------------------------------------------------------------
AsOf = Annotated[str | None, Query(description="The date asked about (default: today).")]
FirmnessQ = Literal["automatic", "binding", "consult", "assurance"]


def _as_of(value: str | None) -> date:
    return parse_day(value, "as_of") or date.today()


@router.get("/treaties", response_model=Table, responses=ERRORS, tags=["treaties"])
def treaties(
    store: View, store_reader: Reader, as_of: AsOf = None, party: str | None = None
) -> Table:
    """Every treaty and where it stands on a date: stage, in force, parties bound."""
    statuses = treaties_as_of(
        store_reader.treaties(store), _as_of(as_of), party=party.upper() if party else None
    )
    rows = [asdict(s) for s in statuses]
    return Table(total=len(rows), offset=0, limit=max(len(rows), 1), rows=rows)


@router.get("/treaties/{name}", responses=ERRORS, tags=["treaties"])
def one_treaty(name: str, store: View, store_reader: Reader, as_of: AsOf = None) -> dict[str, Any]:
    """One treaty (id, name or alias): parties, lifecycle with sources, obligations, and its
    status on the date."""
    treaty = find_treaty(store_reader.treaties(store), name)
    return {"treaty": asdict(treaty), "status": asdict(treaty_status(treaty, _as_of(as_of)))}


@router.get("/obligations", response_model=Table, responses=ERRORS, tags=["treaties"])
def obligations(
    store: View,
    store_reader: Reader,
    attacked: Annotated[str, Query(min_length=2, max_length=20, description="ISO3 code.")],
    as_of: AsOf = None,
    min_firmness: FirmnessQ = "assurance",
) -> Table:
    """Who is committed to assist a party if it is attacked, on a date, and how firmly."""
    found = obligations_to_assist(
        store_reader.treaties(store),
        attacked.strip().upper(),
        _as_of(as_of),
        min_firmness=min_firmness,
    )
    rows = [asdict(c) for c in found]
    return Table(total=len(rows), offset=0, limit=max(len(rows), 1), rows=rows)


@router.get("/alliances", response_model=Table, responses=ERRORS, tags=["treaties"])
def alliances(
    store: View, store_reader: Reader, as_of: AsOf = None, min_firmness: FirmnessQ = "binding"
) -> Table:
    """The alliance network on a date: pairs committed to defend each other, and why."""
    edges = alliance_edges(store_reader.treaties(store), _as_of(as_of), min_firmness=min_firmness)
    rows = [asdict(e) for e in edges]
    return Table(total=len(rows), offset=0, limit=max(len(rows), 1), rows=rows)


# --- articles, quotes, runs ------------------------------------------------------------------
@router.get("/articles", response_model=Table, responses=ERRORS, tags=["articles"])
def articles(request: Request, store: View, offset: Offset = 0, limit: Limit = None) -> Table:
    """Stored articles (without their text) with their event mentions."""
    return _page(store.articles(arrow=True), offset, _limit(reader(request), limit))


@router.get("/articles/search", response_model=SearchResult, responses=ERRORS, tags=["articles"])
def search_articles(
    request: Request,
    store: View,
    q: Annotated[
        str, Query(min_length=1, max_length=500, description='Words, "a phrase", title:word.')
    ],
    offset: Offset = 0,
    limit: Limit = None,
) -> SearchResult:
    """Full-text search over article titles and texts, best match first (BM25)."""
    index = reader(request).search_index()
    return index.search(q, store.con, limit=_limit(reader(request), limit), offset=offset)


@router.get(
    "/articles/{article_id}", response_model=ArticleRecord, responses=ERRORS, tags=["articles"]
)
def one_article(article_id: str, store: View) -> ArticleRecord:
    """One article with its text, its event mentions and its actor mentions (spans)."""
    return store.article(article_id)


@router.get("/quotes", response_model=Table, responses=ERRORS, tags=["articles"])
def quotes(
    request: Request,
    store: View,
    speaker: str | None = None,
    offset: Offset = 0,
    limit: Limit = None,
) -> Table:
    """Direct quotations with their speaker; only one speaker's (id, code or country)."""
    key = actor_key(store, speaker) if speaker else None
    return _page(store.quotes(key, arrow=True), offset, _limit(reader(request), limit))


@router.get("/runs", response_model=Table, responses=ERRORS, tags=["record"])
def runs(request: Request, store: View, offset: Offset = 0, limit: Limit = None) -> Table:
    """Every ingest run: when, inputs, config hash, versions, counts."""
    return _page(store.runs(arrow=True), offset, _limit(reader(request), limit))


@router.get("/rejected", response_model=Table, responses=ERRORS, tags=["record"])
def rejected(request: Request, store: View, offset: Offset = 0, limit: Limit = None) -> Table:
    """Inputs that did not become articles, with the reason."""
    return _page(store.rejected(arrow=True), offset, _limit(reader(request), limit))


@router.get("/stats", responses=ERRORS, tags=["record"])
def stats(store: View) -> dict[str, int]:
    """Rows per table of the store."""
    return store.counts()
