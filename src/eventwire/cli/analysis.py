"""The analysis commands: thin adapters over ``Store`` queries, exports and plots.

``COMMANDS`` is registered on the main group by ``eventwire.cli``. Each command parses its
options, calls one library function, and turns domain errors into clean messages (exit 1).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click
from rich.table import Table

from ..config import Options, load_options
from ..errors import EventwireError
from .output import report_console

if TYPE_CHECKING:
    import pandas as pd

    from ..analysis._sql import Freq
    from ..analysis.export import ExportFormat
    from ..analysis.filters import EventFilter
    from ..analysis.networks import Level
    from ..store import Store

__all__ = ["COMMANDS", "dyad", "events", "export", "network", "plot", "timeline"]

F = TypeVar("F", bound=Callable[..., Any])
FORMATS = ("table", "csv", "json")
FREQ_CHOICE = click.Choice(["day", "week", "month"])
_DB_HELP = "DuckDB file to read (default: [store] path, eventwire.duckdb)."


# --- shared plumbing ------------------------------------------------------------------------
def _options(ctx: click.Context, **overrides: Any) -> Options:
    config_file = ctx.obj.get("config") if isinstance(ctx.obj, dict) else None
    try:
        return load_options(config_file, overrides)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def _reading(ctx: click.Context, db: str | None) -> Iterator[Store]:
    """The store named by --db (or the config), read-only; domain errors become messages."""
    from ..store import open_store

    options = _options(ctx, **{"store.path": db})
    try:
        with open_store(options.store.path, read_only=True) as store:
            yield store
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


def _day(value: str | None, *, end: bool) -> date | None:
    """YYYY-MM-DD, or YYYY-MM / YYYY meaning its first (``end``: last) day."""
    from ..store import timex_interval

    if value is None:
        return None
    interval = timex_interval(value)
    if interval is None or len(value) < len("YYYY"):
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")
    return interval[1] if end else interval[0]


def _modality(value: str) -> str | None:
    return None if value == "all" else value


def _db_option(func: F) -> F:
    return click.option("--db", help=_DB_HELP)(func)


def _period_options(func: F) -> F:
    for option in reversed(
        [
            click.option("--since", help="First event day: YYYY-MM-DD, YYYY-MM or YYYY."),
            click.option("--until", help="Last event day (inclusive), same forms as --since."),
            click.option(
                "--modality",
                default="asserted",
                show_default=True,
                help="Only events of this modality; 'all' for every modality.",
            ),
            click.option(
                "--min-confidence",
                type=click.FloatRange(0.0, 1.0),
                default=None,
                help="Only events whose calibrated confidence (the probability that the event"
                " is right) is at least this; 0 shows every stored event. Default: the config's"
                " [analysis] min_confidence (0.3 as shipped).",
            ),
        ]
    ):
        func = option(func)
    return func


def _min_confidence(ctx: click.Context, given: float | None) -> float:
    """--min-confidence, or the config's [analysis] min_confidence when it is not given."""
    return _options(ctx).analysis.min_confidence if given is None else given


def _titled(title: str, threshold: float) -> str:
    return f"{title}, confidence ≥ {threshold:g}" if threshold else title


def _filter_options(func: F) -> F:
    """The event selection options shared by ``events`` and ``export``."""
    for option in reversed(
        [
            click.option("--actor", help="Either side: actor id, code (RUSGOV) or country."),
            click.option("--source", help="The acting side: actor id, code or country."),
            click.option("--target", help="The side acted upon: actor id, code or country."),
            click.option("--country", help="Either side's country (ISO3: USA, RUS)."),
            click.option("--location", help="Country (ISO3) where the event took place."),
            click.option("--code", "cameo", help="CAMEO code or prefix (057, 05, 19)."),
            click.option("--plover", help="PLOVER category (AGREE, ASSAULT...)."),
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


def _event_filter(ctx: click.Context, limit: int | None = None, **given: Any) -> EventFilter:
    from ..analysis.filters import EventFilter

    given["min_confidence"] = _min_confidence(ctx, given["min_confidence"])
    given["modality"] = _modality(given["modality"])
    given["since"] = _day(given["since"], end=False)
    given["until"] = _day(given["until"], end=True)
    try:
        return EventFilter(limit=limit, **given)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


def _format_option(func: F) -> F:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="table",
        show_default=True,
        help="Output format: a table, CSV, or JSON lines.",
    )(func)


# What the terminal table shows of each result (column → header); CSV and JSON carry every
# column. Terminals are ~100–200 characters wide, so the table keeps what a reader scans first.
_EVENT_VIEW = {
    "day": "day",
    "source_code": "source",
    "target_code": "target",
    "cameo": "CAMEO",
    "cameo_label": "event",
    "goldstein": "Goldstein",
    "modality": "modality",
    "num_mentions": "mentions",
    "num_articles": "articles",
    "num_sources": "sources",
    "sentence": "sentence",
    "event_id": "event id",
}
_TIMELINE_VIEW = {
    "day": "day",
    "role": "role",
    "counterpart": "counterpart",
    "cameo": "CAMEO",
    "cameo_label": "event",
    "goldstein": "Goldstein",
    "modality": "modality",
    "num_mentions": "mentions",
    "sentence": "sentence",
}
_SERIES_VIEW = {
    "period": "period",
    "events": "events",
    "verbal_cooperation": "verbal coop.",
    "material_cooperation": "material coop.",
    "verbal_conflict": "verbal confl.",
    "material_conflict": "material confl.",
    "goldstein_sum": "Goldstein sum",
    "goldstein_mean": "Goldstein mean",
    "all_events": "all events",
    "events_share": "share",
}
_NETWORK_VIEW = {
    "source": "source",
    "target": "target",
    "events": "events",
    "mentions": "mentions",
    "goldstein_sum": "Goldstein sum",
    "goldstein_mean": "Goldstein mean",
    "verbal_cooperation": "verbal coop.",
    "material_cooperation": "material coop.",
    "verbal_conflict": "verbal confl.",
    "material_conflict": "material confl.",
}


# Dates and ids stay whole (an analyst copies an event id to cite it): "e" + 15 hex digits.
_MIN_WIDTH = {"day": 10, "period": 10, "event_id": 16}
# Sentences and labels are cut to one line of this many characters in tables; csv/json keep all.
_LONG_TEXT = frozenset({"sentence", "label", "title", "text"})
_LONG_TEXT_WIDTH = 60


def _emit(frame: pd.DataFrame, fmt: str, title: str, view: dict[str, str]) -> None:
    import pandas as pd

    frame = frame.copy()
    for column in frame.columns:  # dates as YYYY-MM-DD, not midnight timestamps
        if pd.api.types.is_datetime64_any_dtype(frame[column]):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
    if fmt == "csv":
        click.echo(frame.to_csv(index=False), nl=False)
    elif fmt == "json":
        if len(frame):
            click.echo(frame.to_json(orient="records", lines=True, force_ascii=False), nl=False)
    else:
        shown = [c for c in view if c in frame.columns]
        table = Table(title=f"{title} ({len(frame)} rows)")
        for column in shown:  # dates stay whole in a narrow terminal; other cells fold
            long_text = column in _LONG_TEXT  # one line each: the full text is in csv/json
            table.add_column(
                view[column],
                overflow="ellipsis" if long_text else "fold",
                no_wrap=long_text,
                max_width=_LONG_TEXT_WIDTH if long_text else None,
                min_width=_MIN_WIDTH.get(column),
            )
        for row in frame[shown].itertuples(index=False):
            table.add_row(*(_cell(c, v) for c, v in zip(shown, row, strict=True)))
        report_console().print(table)


def _cell(column: str, value: Any) -> str:
    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if column.endswith("share"):
        return f"{float(value):.1%}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _guarded(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


# --- commands -------------------------------------------------------------------------------
@click.command()
@_db_option
@_filter_options
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=50,
    show_default=True,
    help="At most this many rows (0: all).",
)
@_format_option
@click.pass_context
def events(ctx: click.Context, /, db: str | None, limit: int, fmt: str, **filters: Any) -> None:
    """List merged events, filtered by actor, country, CAMEO code or PLOVER category, quad
    class, modality (asserted by default), date range, words of the sentence and calibrated
    confidence (the config's [analysis] min_confidence by default).

    Example: eventwire events --country USA --since 2019-01-01 --code 19 --format csv
    """
    selection = _event_filter(ctx, limit=limit or None, **filters)
    with _reading(ctx, db) as store:
        frame = _guarded(lambda: store.events(selection))
        title = _titled(f"events in {store.path}", selection.min_confidence or 0)
    _emit(frame, fmt, title, _EVENT_VIEW)


@click.command()
@click.argument("actor")
@_db_option
@_period_options
@_format_option
@click.pass_context
def timeline(
    ctx: click.Context,
    actor: str,
    db: str | None,
    since: str | None,
    until: str | None,
    modality: str,
    min_confidence: float | None,
    fmt: str,
) -> None:
    """Every merged event ACTOR (actor id, code such as RUSGOV, or country such as RUS) took
    part in, oldest first, with its role, counterpart and sentence."""
    threshold = _min_confidence(ctx, min_confidence)
    with _reading(ctx, db) as store:
        frame = _guarded(
            lambda: store.timeline(
                actor,
                modality=_modality(modality),
                since=_day(since, end=False),
                until=_day(until, end=True),
                min_confidence=threshold,
            )
        )
    _emit(frame, fmt, _titled(f"timeline of {actor}", threshold), _TIMELINE_VIEW)


@click.command()
@click.argument("a")
@click.argument("b")
@_db_option
@click.option(
    "--freq", type=FREQ_CHOICE, default="month", show_default=True, help="Period of the series."
)
@click.option("--directed", is_flag=True, help="Only events from A to B (default: both ways).")
@_period_options
@_format_option
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
    The confidence threshold selects the events counted; the share's denominator is every
    event of the period."""
    threshold = _min_confidence(ctx, min_confidence)
    with _reading(ctx, db) as store:
        frame = _guarded(
            lambda: store.dyad(
                a,
                b,
                cast("Freq", freq),
                directed=directed,
                modality=_modality(modality),
                since=_day(since, end=False),
                until=_day(until, end=True),
                min_confidence=threshold,
            )
        )
    arrow = "→" if directed else "–"
    _emit(frame, fmt, _titled(f"{a} {arrow} {b} per {freq}", threshold), _SERIES_VIEW)


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
@_format_option
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
    fmt: str,
) -> None:
    """The directed network of who acts on whom: one row per edge, weighted by events and
    mean Goldstein, with mentions and counts by quad class, heaviest first."""
    threshold = _min_confidence(ctx, min_confidence)
    with _reading(ctx, db) as store:
        frame = _guarded(
            lambda: store.network(
                _day(since, end=False),
                _day(until, end=True),
                level=cast("Level", level),
                modality=_modality(modality),
                include_self=include_self,
                min_confidence=threshold,
            )
        )
    _emit(frame, fmt, _titled("network", threshold), _NETWORK_VIEW)


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

    selection = _event_filter(ctx, **filters)
    with _reading(ctx, db) as store:
        result = _guarded(
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


def _note(store: Store, frame: pd.DataFrame, modality: str, threshold: float) -> str:
    from ..versions import package_version

    scope = "all modalities" if modality == "all" else f"{modality} only"
    if threshold:
        scope += f", confidence ≥ {threshold:g}"
    return (
        f"eventwire {package_version()} · {store.path} · {int(frame['events'].sum())}"
        f" merged events ({scope}); a report repeated by many sources counts once"
    )


@plot.command("dyad")
@click.argument("a")
@click.argument("b")
@_plot_options
@click.pass_context
def plot_dyad(
    ctx: click.Context,
    a: str,
    b: str,
    output: str,
    freq: str,
    db: str | None,
    since: str | None,
    until: str | None,
    modality: str,
    min_confidence: float | None,
) -> None:
    """Plot events between A and B per period by quad class, over the mean Goldstein score.

    Without --since the plot starts three years before the earliest stored article."""
    from ..analysis.plots import plot_series

    threshold = _min_confidence(ctx, min_confidence)
    with _reading(ctx, db) as store:
        frame = _guarded(
            lambda: store.dyad(
                a,
                b,
                cast("Freq", freq),
                modality=_modality(modality),
                since=_plot_since(store, since),
                until=_day(until, end=True),
                min_confidence=threshold,
            )
        )
        note = _note(store, frame, modality, threshold) if len(frame) else ""
    path = _guarded(
        lambda: plot_series(frame, f"{a} – {b}: events per {freq}", output, freq=freq, note=note)
    )
    click.echo(f"wrote {path}")


@plot.command("timeline")
@click.argument("actor")
@_plot_options
@click.pass_context
def plot_timeline(
    ctx: click.Context,
    actor: str,
    output: str,
    freq: str,
    db: str | None,
    since: str | None,
    until: str | None,
    modality: str,
    min_confidence: float | None,
) -> None:
    """Plot the events ACTOR took part in per period by quad class, over the mean Goldstein.

    Without --since the plot starts three years before the earliest stored article."""
    from ..analysis.plots import plot_series

    threshold = _min_confidence(ctx, min_confidence)
    with _reading(ctx, db) as store:
        frame = _guarded(
            lambda: store.actor_series(
                actor,
                cast("Freq", freq),
                modality=_modality(modality),
                since=_plot_since(store, since),
                until=_day(until, end=True),
                min_confidence=threshold,
            )
        )
        note = _note(store, frame, modality, threshold) if len(frame) else ""
    path = _guarded(
        lambda: plot_series(frame, f"{actor}: events per {freq}", output, freq=freq, note=note)
    )
    click.echo(f"wrote {path}")


COMMANDS: tuple[click.Command, ...] = (events, timeline, dyad, network, export, plot)
