"""The dashboard: server-rendered pages (Jinja2) over the same store reads as the API.

Each handler reads its query, calls the store, and hands the results to a template; the
pictures are SVG drawn by ``svg``. Links carry the filters, so choosing a country on the map, a
bar of a series or a row of a table opens the event explorer filtered to it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from importlib import resources
from typing import Annotated, Any, cast
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ..actors.data_access import load_knowledge_base
from ..actors.explain import explain_actor
from ..analysis._sql import Freq
from ..analysis.changes import CHANGE_KINDS, WeeklyChanges
from ..analysis.periods import period_label
from ..analysis.records import SORTABLE, SentenceSpan, SortKey, mention_spans
from ..errors import EventwireError
from ..events.model import MODALITIES
from ..events.ontology import PLOVER_CATEGORIES
from ..time.intervals import format_event_date
from ..treaties import alliance_edges, find_treaty, obligations_to_assist, treaties_as_of
from ..treaties import treaty_status as status_of_treaty
from ..treaties.matching import steps_by_date
from ..versions import package_version
from .api import event_query
from .params import EventQuery, actor_key, event_scope, parse_day
from .reader import StoreReader, StoreView
from .svg import MapCountry, country_name, network_svg, series_svg, world_map_svg

__all__ = ["error_page", "router"]

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("eventwire.web").joinpath("templates")))
templates.env.globals["version"] = package_version()

BAND_CLASS = {
    "large increase": "band-up2",
    "moderate increase": "band-up1",
    "limited change": "band-flat",
    "large decrease": "band-down",
    "low baseline": "band-low",
    "no baseline": "band-none",
    "no news this week": "band-none",
}
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}  # fmt: skip


def _reader(request: Request) -> StoreReader:
    return cast(StoreReader, request.app.state.reader)


def _view(request: Request) -> Any:
    with _reader(request).view() as opened:
        yield opened


View = Annotated[StoreView, Depends(_view)]
Events = Annotated[EventQuery, Depends(event_query)]


def _render(request: Request, name: str, **context: Any) -> HTMLResponse:
    context.setdefault("db", _reader(request).path)
    return templates.TemplateResponse(request, name, context)


def error_page(request: Request, message: str, status: int) -> Response:
    """An error as a page of the dashboard, with its status."""
    return templates.TemplateResponse(
        request, "error.html", {"message": message, "status": status}, status_code=status
    )


def highlight(sentence: str, spans: Sequence[SentenceSpan]) -> Markup:
    """The sentence with each span in a ``<mark>`` of its role (escaped throughout)."""
    parts: list[str] = []
    at = 0
    for span in spans:
        if span.start < at:
            continue
        parts.append(str(escape(sentence[at : span.start])))
        role = span.role.split()[0]
        parts.append(
            f'<mark class="{escape(role)}" title="{escape(span.role)}">'
            f"{escape(sentence[span.start : span.end])}</mark>"
        )
        at = span.end
    parts.append(str(escape(sentence[at:])))
    return Markup("".join(parts))


templates.env.globals["highlight"] = highlight
templates.env.globals["quad_names"] = QUAD_NAMES
templates.env.globals["modality_choices"] = (*MODALITIES, "all")
# An event's date at its own granularity ("2023", "2024-06"), not its interval's first day.
templates.env.globals["event_date"] = format_event_date


def _link(path: str, **params: Any) -> str:
    kept = {k: v for k, v in params.items() if v not in (None, "")}
    return f"{path}?{urlencode(kept)}" if kept else path


templates.env.globals["link"] = _link


# --- overview: what changed ------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def overview(
    request: Request,
    store: View,
    week: str | None = None,
    baseline: Annotated[str, Query(pattern="^(4|52)$")] = "4",
) -> Response:
    """What changed this week, by country (table and map), dyad and category."""
    day = parse_day(week, "week")
    tables: dict[str, WeeklyChanges] = {}
    confidence = request.app.state.min_confidence
    size = _reader(request).options.page_size
    for kind in CHANGE_KINDS:  # every country (the map shows them all), the busiest dyads
        limit = None if kind == "country" else size
        tables[kind] = store.changes(day, by=kind, min_confidence=confidence, limit=limit)
        day = day or tables[kind].week  # the default week is looked for once, not per table
    countries = tables["country"]
    monday = countries.week
    sunday = monday + timedelta(days=6)
    shown: dict[str, MapCountry] = {}
    for row in countries.rows:
        chosen_band = row.band_4 if baseline == "4" else row.band_52
        change = row.change_4 if baseline == "4" else row.change_52
        shown[row.key] = MapCountry(
            BAND_CLASS.get(chosen_band, "band-none"),
            f"{country_name(row.key)} ({row.key}): {row.events} events this week; {chosen_band}"
            + (f" ({change:+.0%})" if change is not None else ""),
            _link("/events", country=row.key, since=monday, until=sunday, modality="asserted"),
        )
    world = world_map_svg(shown, label=f"events by country, week of {monday}")
    return _render(
        request,
        "overview.html",
        title="What changed",
        tables=tables,
        week=monday,
        sunday=sunday,
        previous=monday - timedelta(weeks=1),
        following=monday + timedelta(weeks=1),
        baseline=baseline,
        band_class=BAND_CLASS,
        world=world,
        bands=list(BAND_CLASS.items())[:6],
    )


# --- event explorer --------------------------------------------------------------------------
@router.get("/events", response_class=HTMLResponse)
def explorer(
    request: Request,
    store: View,
    query: Events,
    sort: str = "day",
    order: str = "desc",
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Response:
    """Filters, the events they select with highlighted sentences, and exports of the page."""
    size = _reader(request).options.page_size
    selection = query.to_filter(store, request.app.state.min_confidence)
    key: SortKey = sort if sort in SORTABLE else "day"
    page = store.event_page(
        selection, offset=offset, limit=size, sort=key, descending=order != "asc"
    )
    rows = page.rows.to_pylist()
    reports = mention_spans(store.con, [r["first_mention_id"] for r in rows])
    given = {k: v for k, v in vars_of(query).items() if v not in (None, "")}
    if "min_confidence" not in given:
        given["min_confidence"] = request.app.state.min_confidence
    paging = {**given, "sort": key, "order": "asc" if order == "asc" else "desc"}
    return _render(
        request,
        "events.html",
        title="Event explorer",
        query=query,
        rows=rows,
        reports=reports,
        total=page.total,
        offset=offset,
        size=size,
        sort=key,
        order=order,
        sortable=SORTABLE,
        plover=PLOVER_CATEGORIES,
        confidence=given["min_confidence"],
        paging=paging,
        export={**paging, "offset": offset, "limit": size},
    )


def vars_of(query: EventQuery) -> dict[str, Any]:
    return {name: getattr(query, name) for name in query.__slots__}


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: str, store: View) -> Response:
    """One event: every report with its article and highlighted words, and how sure we are."""
    record = store.event(event_id)
    return _render(request, "event.html", title=f"Event {event_id}", event=record)


# --- actors and dyads ------------------------------------------------------------------------
@router.get("/actors", response_class=HTMLResponse)
def actors(
    request: Request, store: View, name: str | None = None, on: str | None = None
) -> Response:
    """Look a name up (it resolves to an actor on a date), or list the actors of the store."""
    if name:
        found = explain_actor(name, parse_day(on, "on"))
        if found.actor.kind != "unresolved" and store.knows_actor(found.actor.actor_id):
            return RedirectResponse(f"/actors/{found.actor.actor_id}", status_code=303)
        if found.actor.kind != "unresolved" and store.knows_actor(found.actor.code):
            return RedirectResponse(f"/actors/{found.actor.code}", status_code=303)
        raise UnknownName(f"{name!r}: {found.rule}; no events of it in this store")
    rows = store.actors(arrow=True).slice(0, 200).to_pylist()
    return _render(request, "actors.html", title="Actors", rows=rows)


class UnknownName(EventwireError):
    """A name that names no actor of the store."""


def _series_link(actor: dict[str, str], freq: str) -> Any:
    def href(row: Mapping[str, Any]) -> str:
        start = row["period"]
        end = _period_end(start, freq)
        return _link("/events", **actor, since=start, until=end, modality="asserted")

    return href


def _labelled(rows: list[dict[str, Any]], freq: str) -> list[dict[str, Any]]:
    """Series rows with ``period_label``: ``2024-W49``, ``2024-12`` rather than the period's
    first day (issue 14), for the chart and the table."""
    return [{**row, "period_label": period_label(row["period"], freq)} for row in rows]


def _period_end(start: date, freq: str) -> date:
    if freq == "day":
        return start
    if freq == "week":
        return start + timedelta(days=6)
    following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return following - timedelta(days=1)


@router.get("/actors/{actor:path}", response_class=HTMLResponse)
def actor_page(
    request: Request,
    actor: str,
    store: View,
    freq: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    since: str | None = None,
    until: str | None = None,
    share: bool = False,
) -> Response:
    """An actor's cooperation–conflict series (zoom with the dates; a bar opens its events),
    its counterparts, and a person's roles over time."""
    scope = event_scope(since, until, "asserted", None, request.app.state.min_confidence)
    actor = actor_key(store, actor, scope.until or scope.since)
    series = _labelled(
        store.actor_series(actor, cast(Freq, freq), scope, arrow=True).to_pylist(), freq
    )
    recent = store.timeline_page(actor, scope, newest_first=True, limit=20)
    record = load_knowledge_base().record(actor)
    chart = series_svg(
        series, _series_link({"actor": actor}, freq), label=f"events of {actor}", share=share
    )
    return _render(
        request,
        "actor.html",
        title=f"Actor {actor}",
        actor=actor,
        record=record,
        chart=chart,
        series=series,
        freq=freq,
        since=since or "",
        until=until or "",
        share=share,
        counterparts=store.counterparts(actor, scope),
        recent=recent.rows.to_pylist(),
    )


@router.get("/dyads", response_class=HTMLResponse)
def dyad_page(
    request: Request,
    store: View,
    a: str | None = None,
    b: str | None = None,
    freq: Annotated[str, Query(pattern="^(day|week|month)$")] = "month",
    since: str | None = None,
    until: str | None = None,
    share: bool = False,
) -> Response:
    """Two actors' events per period in both directions, with the events behind each bar."""
    if not a or not b:
        edges = store.network(level="country", min_confidence=request.app.state.min_confidence,
                              arrow=True).slice(0, 20).to_pylist()  # fmt: skip
        return _render(request, "dyads.html", title="Dyads", a=a or "", b=b or "", edges=edges)
    scope = event_scope(since, until, "asserted", None, request.app.state.min_confidence)
    day = scope.until or scope.since
    a, b = actor_key(store, a, day), actor_key(store, b, day)
    series = _labelled(store.dyad(a, b, cast(Freq, freq), scope, arrow=True).to_pylist(), freq)

    def href(row: Mapping[str, Any]) -> str:
        return _link("/events", source=a, target=b, since=row["period"],
                     until=_period_end(row["period"], freq))  # fmt: skip

    chart = series_svg(series, href, label=f"events between {a} and {b}", share=share)
    return _render(
        request, "dyad.html", title=f"{a} – {b}", a=a, b=b, chart=chart, series=series,
        freq=freq, since=since or "", until=until or "", share=share,
    )  # fmt: skip


# --- network ---------------------------------------------------------------------------------
@router.get("/network", response_class=HTMLResponse)
def network_page(
    request: Request,
    store: View,
    level: Annotated[str, Query(pattern="^(country|actor)$")] = "country",
    since: str | None = None,
    until: str | None = None,
    modality: str = "asserted",
) -> Response:
    """Who acts on whom: the heaviest actors on a circle, and the edge list."""
    scope = event_scope(since, until, modality, None, request.app.state.min_confidence)
    edges = store.network(scope, level=cast(Any, level), arrow=True).to_pylist()
    picture = network_svg(edges, lambda n: f"/actors/{n}", label="network of who acts on whom")
    return _render(
        request, "network.html", title="Network", edges=edges[:100], total=len(edges),
        picture=picture, level=level, since=since or "", until=until or "", modality=modality,
    )  # fmt: skip


# --- treaties --------------------------------------------------------------------------------
@router.get("/treaties", response_class=HTMLResponse)
def treaties_page(
    request: Request, store: View, as_of: str | None = None, attacked: str | None = None
) -> Response:
    """Treaties on a date, who must defend whom (alliance links), and the commitments to one
    party if it is attacked."""
    when = parse_day(as_of, "as_of") or date.today()
    known = _reader(request).treaties(store)
    statuses = treaties_as_of(known, when)
    links = alliance_edges(known, when, min_firmness="binding")
    commitments = obligations_to_assist(known, attacked.strip().upper(), when) if attacked else ()
    return _render(
        request, "treaties.html", title="Treaties", when=when, statuses=statuses,
        links=links, attacked=(attacked or "").upper(), commitments=commitments,
    )  # fmt: skip


@router.get("/treaties/{name}", response_class=HTMLResponse)
def treaty_page(request: Request, name: str, store: View, as_of: str | None = None) -> Response:
    """One treaty: lifecycle with sources, obligations, and who is bound on the date."""
    when = parse_day(as_of, "as_of") or date.today()
    treaty = find_treaty(_reader(request).treaties(store), name)
    return _render(
        request, "treaty.html", title=treaty.name, treaty=treaty, when=when,
        status=status_of_treaty(treaty, when), steps=steps_by_date(treaty),
    )  # fmt: skip


# --- search and articles ---------------------------------------------------------------------
@router.get("/search", response_class=HTMLResponse)
def search_page(
    request: Request,
    store: View,
    q: Annotated[str, Query(max_length=500)] = "",
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> Response:
    """Full-text search over the articles, best match first, with the matched words marked."""
    result = None
    if q.strip():
        index = _reader(request).search_index()
        result = index.search(q, store.con, limit=20, offset=offset)
    return _render(request, "search.html", title="Search", q=q, result=result, offset=offset)


def snippet_html(text: str, highlights: Sequence[tuple[int, int]]) -> Markup:
    spans = [SentenceSpan("match", text[a:b], a, b) for a, b in highlights]
    return highlight(text, spans)


templates.env.globals["snippet_html"] = snippet_html


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, article_id: str, store: View) -> Response:
    """One article: its text with the actors marked, and the events coded from it."""
    record = store.article(article_id)
    text = str(record.fields["text"])
    return _render(
        request, "article.html", title=str(record.fields.get("title") or article_id),
        article=record, body=highlight(text, record.actors),
    )  # fmt: skip


@router.get("/api-docs", response_class=HTMLResponse)
def api_docs(request: Request) -> Response:
    """The REST API's endpoints and parameters, read from the OpenAPI document, each with a
    form that calls it."""
    spec = request.app.openapi()
    endpoints = []
    for path, methods in spec.get("paths", {}).items():
        for method, operation in methods.items():
            endpoints.append(
                {
                    "path": path,
                    "method": method.upper(),
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "parameters": operation.get("parameters", []),
                }
            )
    return _render(request, "api_docs.html", title="REST API", endpoints=endpoints)
