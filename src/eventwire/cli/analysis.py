"""The analysis commands: thin adapters over ``Store`` queries, exports and plots.

``COMMANDS`` is registered on the main group by ``eventwire.cli``. Each command parses its
options, calls one library function, and prints through the shared output layer
(``eventwire.cli.output``). Actors may be given by name ("North Korea", "Kim Jong Un") or code;
an unknown actor, CAMEO code, PLOVER category or modality is a usage error (exit 2).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ._context import guarded, options, parse_day, reading
from .output import Column, emit, format_option, min_confidence_option

if TYPE_CHECKING:
    import pandas as pd

    from ..actors.lookup import ActorKey
    from ..analysis._sql import Freq
    from ..analysis.export import ExportFormat
    from ..analysis.filters import EventFilter, EventScope
    from ..analysis.networks import Level
    from ..store import Store

__all__ = ["COMMANDS", "dyad", "events", "export", "network", "plot", "timeline"]

F = TypeVar("F", bound=Callable[..., Any])
FREQ_CHOICE = click.Choice(["day", "week", "month"])
SORT_CHOICE = click.Choice(["newest", "oldest", "mentions"])
_DB_HELP = "DuckDB file to read (default: [store] path, eventwire.duckdb)."
# Listings stop at this many rows unless --limit says otherwise; the footer says how many
# there are ("50 of 1,327 events").
DEFAULT_LIMIT = 50


# --- shared plumbing ------------------------------------------------------------------------
def _day(value: str | None, *, end: bool) -> date | None:
    return parse_day(value, end=end)


def _modality(value: str) -> str | None:
    return None if value == "all" else value


def _db_option(func: F) -> F:
    return click.option("--db", help=_DB_HELP)(func)


def _limit_option(func: F) -> F:
    return click.option(
        "--limit",
        type=click.IntRange(min=0),
        default=DEFAULT_LIMIT,
        show_default=True,
        help="At most this many rows (0: all); the footer says how many there are.",
    )(func)


def _sort_option(func: F) -> F:
    return click.option(
        "--sort",
        type=SORT_CHOICE,
        default="newest",
        show_default=True,
        help="newest or oldest event day first, or the most reported first.",
    )(func)


def _period_options(func: F) -> F:
    for option in reversed(
        [
            click.option("--since", help="First event day: YYYY-MM-DD, YYYY-MM or YYYY."),
            click.option("--until", help="Last event day (inclusive), same forms as --since."),
            click.option(
                "--modality",
                default="asserted",
                show_default=True,
                help="Only events of this modality (asserted, negated, hypothetical, intended,"
                " alleged, denied); 'all' for every modality.",
            ),
            min_confidence_option,
        ]
    ):
        func = option(func)
    return func


def _min_confidence(ctx: click.Context, given: float | None) -> float:
    """--min-confidence, or the config's [analysis] min_confidence when it is not given."""
    return options(ctx).analysis.min_confidence if given is None else given


def _scope(
    ctx: click.Context,
    since: str | None,
    until: str | None,
    modality: str,
    min_confidence: float | None,
) -> EventScope:
    """The events the period options select (``_period_options``): exit 2 for a date that is
    none, an unknown modality, or --since after --until."""
    from ..analysis.filters import EventScope

    threshold = _min_confidence(ctx, min_confidence)
    first, last = _day(since, end=False), _day(until, end=True)
    return guarded(
        lambda: EventScope(
            modality=_modality(modality), since=first, until=last, min_confidence=threshold
        )
    )


def _titled(title: str, threshold: float) -> str:
    return f"{title}, confidence ≥ {threshold:g}" if threshold else title


_ACTOR_HELP = "name (Russia, 'Kim Jong Un', NATO), actor id, code (RUSGOV) or country (RUS)"


def _filter_options(func: F) -> F:
    """The event selection options shared by ``events`` and ``export``. Repeating an option
    means any of its values; different options must all hold."""
    for option in reversed(
        [
            click.option(
                "--actor", multiple=True, help=f"Either side (repeatable): {_ACTOR_HELP}."
            ),
            click.option("--source", multiple=True, help="The acting side (repeatable)."),
            click.option("--target", multiple=True, help="The side acted upon (repeatable)."),
            click.option(
                "--between",
                nargs=2,
                metavar="A B",
                help="Events between A and B in either direction (A to B and B to A).",
            ),
            click.option(
                "--country", multiple=True, help="Either side's country (repeatable): RUS, Russia."
            ),
            click.option(
                "--location", multiple=True, help="Country where the event took place (repeatable)."
            ),
            click.option(
                "--code",
                "cameo",
                multiple=True,
                help="CAMEO code or prefix (057, 05, 19; repeatable).",
            ),
            click.option(
                "--plover", multiple=True, help="PLOVER category (AGREE, ASSAULT...; repeatable)."
            ),
            click.option(
                "--quad",
                "quad_class",
                type=click.IntRange(1, 4),
                help="Quad class: 1 verbal coop., 2 material coop., 3 verbal "
                "conflict, 4 material conflict.",
            ),
            click.option("--text", help="Case-insensitive words in a mention's sentence."),
        ]
    ):
        func = option(func)
    return _period_options(func)


def _event_filter(
    ctx: click.Context, store: Store, limit: int | None = None, **given: Any
) -> EventFilter:
    """The filter the options describe, with every actor and country name turned into what
    the store's events are matched on (exit 2 for a value that names nothing)."""
    from ..analysis.filters import EventFilter
    from ..analysis.names import with_actor_keys

    given["min_confidence"] = _min_confidence(ctx, given["min_confidence"])
    given["modality"] = _modality(given["modality"])
    given["since"] = _day(given["since"], end=False)
    given["until"] = _day(given["until"], end=True)
    given["between"] = tuple(given["between"]) if given.get("between") else None
    selection = guarded(lambda: EventFilter(limit=limit, **given))
    return guarded(lambda: with_actor_keys(store.con, selection))


def _actor(store: Store, name: str, on_date: date | None) -> ActorKey:
    """The key the store's events are matched on for ``name`` (exit 2 when it names none)."""
    from ..analysis.names import store_actor

    return guarded(lambda: store_actor(store.con, name, on_date))


def _named(given: str, key: ActorKey) -> str:
    return given if key.key == given else f"{given} ({key.key})"


# What a table shows of each result; CSV and JSON carry every column. Fixed columns keep their
# width and the sentence takes what is left; when even that is too narrow, the columns of
# highest priority number go first (0: never). Quad classes are abbreviated (the footnote
# spells them out) so that a dyad or network table fits 80 columns.
_EVENT_VIEW = (
    Column("day", "date", "date"),
    Column("source_code", "source", max_width=12),
    Column("target_code", "target", max_width=12),
    Column("cameo", "CAMEO"),
    Column("cameo_label", "event", priority=3, max_width=28),
    Column("goldstein", "Goldstein", "number", priority=2),
    Column("modality", "modality", priority=5),
    Column("num_mentions", "mentions", "number", priority=4),
    Column("num_articles", "articles", "number", priority=6),
    Column("num_sources", "sources", "number", priority=7),
    Column("sentence", "sentence", "text"),
    Column("event_id", "event id", "id"),
)
_TIMELINE_VIEW = (
    Column("day", "date", "date"),
    Column("role", "role", priority=1),
    Column("counterpart", "counterpart", max_width=12),
    Column("cameo", "CAMEO"),
    Column("cameo_label", "event", priority=3, max_width=28),
    Column("goldstein", "Goldstein", "number", priority=2),
    Column("modality", "modality", priority=5),
    Column("num_mentions", "mentions", "number", priority=6),
    Column("sentence", "sentence", "text"),
    Column("event_id", "event id", "id"),
)
_QUAD_VIEW = (
    Column("verbal_cooperation", "v.coop", "number"),
    Column("material_cooperation", "m.coop", "number"),
    Column("verbal_conflict", "v.confl", "number"),
    Column("material_conflict", "m.confl", "number"),
)
_SERIES_VIEW = (
    Column("period", "period"),
    Column("events", "events", "number"),
    *_QUAD_VIEW,
    Column("goldstein_sum", "G.sum", "number", priority=3),
    Column("goldstein_mean", "G.mean", "number"),
    Column("all_events", "total", "number", priority=4),
    Column("events_share", "share", "number", priority=2),
)
_NETWORK_VIEW = (
    Column("source", "source", max_width=14),
    Column("target", "target", max_width=14),
    Column("events", "events", "number"),
    Column("mentions", "reports", "number", priority=4),
    Column("goldstein_sum", "G.sum", "number", priority=3),
    Column("goldstein_mean", "G.mean", "number"),
    *_QUAD_VIEW,
)
_QUAD_NOTE = (
    "v.coop, m.coop, v.confl, m.confl: verbal and material cooperation and conflict"
    " (quad classes 1–4); G.: Goldstein score"
)


# --- commands -------------------------------------------------------------------------------
@click.command()
@_db_option
@_filter_options
@_limit_option
@_sort_option
@format_option()
@click.pass_context
def events(
    ctx: click.Context, /, db: str | None, limit: int, sort: str, fmt: str, **filters: Any
) -> None:
    """List merged events, newest first, filtered by actor (by name or code), dyad, country,
    CAMEO code or PLOVER category, quad class, modality (asserted by default), date range,
    words of the sentence and calibrated confidence (the config's [analysis] min_confidence
    by default). Repeat an option for any of its values: --actor Russia --actor "North Korea".

    Example: eventwire events --country USA --since 2019-01-01 --code 19 --format csv
    """
    from ..analysis.filters import count_events

    with reading(ctx, db) as store:
        selection = _event_filter(ctx, store, limit=limit or None, order=sort, **filters)
        frame = guarded(lambda: store.events(selection))
        total = len(frame)
        if limit and total >= limit:
            total = guarded(lambda: count_events(store.con, selection))
        title = _titled(f"events in {store.path}", selection.min_confidence or 0)
    emit(frame, _EVENT_VIEW, fmt, f"{title}, {sort} first", total=total, noun="events")


@click.command()
@click.argument("actor")
@_db_option
@_period_options
@_limit_option
@click.option(
    "--sort",
    type=click.Choice(["newest", "oldest"]),
    default="newest",
    show_default=True,
    help="newest or oldest event day first.",
)
@format_option()
@click.pass_context
def timeline(
    ctx: click.Context,
    actor: str,
    db: str | None,
    since: str | None,
    until: str | None,
    modality: str,
    min_confidence: float | None,
    limit: int,
    sort: str,
    fmt: str,
) -> None:
    """Every merged event ACTOR took part in, newest first, with its role, counterpart and
    sentence. ACTOR is a name (Russia, "Kim Jong Un", NATO), an actor id, a code (RUSGOV) or
    a country (RUS)."""
    scope = _scope(ctx, since, until, modality, min_confidence)
    with reading(ctx, db) as store:
        key = _actor(store, actor, scope.until or scope.since)
        frame = guarded(lambda: store.timeline(key.key, scope, newest_first=sort == "newest"))
    shown = frame.head(limit) if limit else frame
    title = _titled(f"timeline of {_named(actor, key)}", scope.min_confidence or 0)
    emit(shown, _TIMELINE_VIEW, fmt, f"{title}, {sort} first", total=len(frame), noun="events")


@click.command()
@click.argument("a")
@click.argument("b")
@_db_option
@click.option(
    "--freq", type=FREQ_CHOICE, default="month", show_default=True, help="Period of the series."
)
@click.option("--directed", is_flag=True, help="Only events from A to B (default: both ways).")
@_period_options
@format_option()
@click.pass_context
def dyad(
    ctx: click.Context,
    a: str,
    b: str,
    db: str | None,
    freq: str,
    directed: bool,
    since: str | None,
    until: str | None,
    modality: str,
    min_confidence: float | None,
    fmt: str,
) -> None:
    """Events between A and B per period: counts by quad class, Goldstein sum and mean, and
    each count as a share of all events coded in the period (raw counts track news volume).
    A and B are names (Russia, "North Korea"), actor ids, codes or countries. The confidence
    threshold selects the events counted; the share's denominator is every event of the
    period."""
    scope = _scope(ctx, since, until, modality, min_confidence)
    with reading(ctx, db) as store:
        day = scope.until or scope.since
        key_a, key_b = _actor(store, a, day), _actor(store, b, day)
        frame = guarded(
            lambda: store.dyad(key_a.key, key_b.key, cast("Freq", freq), scope, directed=directed)
        )
    from ..analysis.periods import labelled_periods

    arrow = "→" if directed else "–"
    pair = f"{_named(a, key_a)} {arrow} {_named(b, key_b)} per {freq}"
    title = _titled(pair, scope.min_confidence or 0)
    left_out = _left_out(frame, f"a {freq}")
    note = f"{_QUAD_NOTE}\n{left_out}" if left_out else _QUAD_NOTE
    emit(labelled_periods(frame, freq), _SERIES_VIEW, fmt, title, noun="periods", note=note)
    if left_out and fmt != "table":
        click.echo(left_out, err=True)


@click.command()
@_db_option
@click.option(
    "--level",
    type=click.Choice(["country", "actor"]),
    default="country",
    show_default=True,
    help="Nodes: countries (RUS) or actor codes (RUSGOV).",
)
@click.option("--include-self", is_flag=True, help="Keep edges from a node to itself.")
@_period_options
@_limit_option
@format_option()
@click.pass_context
def network(
    ctx: click.Context,
    db: str | None,
    level: str,
    include_self: bool,
    since: str | None,
    until: str | None,
    modality: str,
    min_confidence: float | None,
    limit: int,
    fmt: str,
) -> None:
    """The directed network of who acts on whom: one row per edge, weighted by events and
    mean Goldstein, with mentions and counts by quad class, heaviest first."""
    scope = _scope(ctx, since, until, modality, min_confidence)
    with reading(ctx, db) as store:
        frame = guarded(
            lambda: store.network(scope, level=cast("Level", level), include_self=include_self)
        )
    from ..analysis.periods import range_label

    shown = frame.head(limit) if limit else frame
    period = range_label(scope.since, scope.until)
    heaviest = f"network{f' of {period}' if period else ''}, heaviest edges first"
    title = _titled(heaviest, scope.min_confidence or 0)
    left_out = _left_out(frame, period or "the range")
    note = f"{_QUAD_NOTE}\n{left_out}" if left_out else _QUAD_NOTE
    emit(shown, _NETWORK_VIEW, fmt, title, total=len(frame), noun="edges", note=note)
    if left_out and fmt != "table":
        click.echo(left_out, err=True)


@click.command()
@_db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "parquet", "jsonl", "gdelt"]),
    required=True,
    help="csv, parquet, jsonl, or gdelt (GDELT 2.0 event columns).",
)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="File to write; its metadata goes to OUTPUT.meta.json.",
)
@_filter_options
@click.pass_context
def export(ctx: click.Context, /, db: str | None, fmt: str, output: str, **filters: Any) -> None:
    """Export merged events (same filters as `events`: asserted, at the config's confidence
    threshold by default) as CSV, Parquet, JSON lines or a GDELT 2.0 event table, with the
    codebook, versions and filter it was made with."""
    from ..analysis.export import export_events

    with reading(ctx, db) as store:
        selection = _event_filter(ctx, store, **filters)
        result = guarded(
            lambda: export_events(store.con, output, cast("ExportFormat", fmt), selection)
        )
    click.echo(f"wrote {result.rows} events to {result.path} (metadata: {result.metadata_path})")


@click.group()
def plot() -> None:
    """Draw a dyad or an actor's events over time as a PNG or SVG for a report."""


def _plot_options(func: F) -> F:
    func = click.option(
        "-o",
        "--output",
        required=True,
        type=click.Path(dir_okay=False),
        help="Image file: .png or .svg.",
    )(func)
    func = click.option(
        "--freq", type=FREQ_CHOICE, default="month", show_default=True, help="Period of the bars."
    )(func)
    return _db_option(_period_options(func))


# Plots start this long before the earliest article unless --since says otherwise: events
# dated long before the news ("in 1625", "the 1953 armistice") are history the articles
# mention, and stretched the Gigaword timeline of the USA from 1625 to 2021, squeezing the
# news period into a sliver. Three years keeps the recent past the news refers to.
PLOT_HISTORY_DAYS = 3 * 365


def _plot_since(store: Store, since: str | None) -> date | None:
    if since:
        return _day(since, end=False)
    start = store.reporting_start()
    return None if start is None else start - timedelta(days=PLOT_HISTORY_DAYS)


def _left_out(frame: pd.DataFrame, what: str) -> str:
    """The lines saying which events a series or network did not count, or ""."""
    from ..analysis.periods import background_events, background_note, coarser_events, coarser_note

    notes = (coarser_note(coarser_events(frame), what), background_note(background_events(frame)))
    return "\n".join(note for note in notes if note)


def _note(store: Store, frame: pd.DataFrame, modality: str, threshold: float) -> str:
    from ..versions import package_version

    scope = "all modalities" if modality == "all" else f"{modality} only"
    if threshold:
        scope += f", confidence ≥ {threshold:g}"
    from ..analysis.periods import background_events, coarser_events

    left_out = coarser_events(frame)
    background = background_events(frame)
    return (
        f"eventwire {package_version()} · {store.path} · {int(frame['events'].sum())}"
        f" merged events ({scope}); a report repeated by many sources counts once"
        + (f"; {left_out:,} dated only to a longer period left out" if left_out else "")
        + (f"; {background:,} undated background events left out" if background else "")
    )


@plot.command("dyad")
@click.argument("a")
@click.argument("b")
@_plot_options
@click.pass_context
def plot_dyad(ctx: click.Context, /, a: str, b: str, freq: str, **options: Any) -> None:
    """Plot events between A and B per period by quad class, over the mean Goldstein score.

    Without --since the plot starts three years before the earliest stored article."""

    def series(store: Store, scope: EventScope) -> pd.DataFrame:
        key_a, key_b = _actor(store, a, scope.until), _actor(store, b, scope.until)
        return guarded(lambda: store.dyad(key_a.key, key_b.key, cast("Freq", freq), scope))

    _draw(ctx, series, f"{a} – {b}: events per {freq}", freq=freq, **options)


@plot.command("timeline")
@click.argument("actor")
@_plot_options
@click.pass_context
def plot_timeline(ctx: click.Context, /, actor: str, freq: str, **options: Any) -> None:
    """Plot the events ACTOR took part in per period by quad class, over the mean Goldstein.

    Without --since the plot starts three years before the earliest stored article."""

    def series(store: Store, scope: EventScope) -> pd.DataFrame:
        key = _actor(store, actor, scope.until)
        return guarded(lambda: store.actor_series(key.key, cast("Freq", freq), scope))

    _draw(ctx, series, f"{actor}: events per {freq}", freq=freq, **options)


def _draw(
    ctx: click.Context,
    series: Callable[[Store, EventScope], pd.DataFrame],
    title: str,
    *,
    output: str,
    freq: str,
    db: str | None,
    since: str | None,
    until: str | None,
    modality: str,
    min_confidence: float | None,
) -> None:
    """What both plots do with the options of ``_plot_options``: read ``series(store,
    scope)`` (the scope of the period options, from ``_plot_since`` when --since is not given)
    and draw it."""
    from ..analysis.plots import plot_series

    scope = _scope(ctx, since, until, modality, min_confidence)
    with reading(ctx, db) as store:
        start = _plot_since(store, since)
        scope = guarded(lambda: replace(scope, since=start))
        frame = series(store, scope)
        note = _note(store, frame, modality, scope.min_confidence or 0) if len(frame) else ""
    path = guarded(lambda: plot_series(frame, title, output, freq=freq, note=note))
    click.echo(f"wrote {path}")


COMMANDS: tuple[click.Command, ...] = (events, timeline, dyad, network, export, plot)
