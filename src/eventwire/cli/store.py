"""The commands that look at what the database holds: ``articles``, ``event`` (one event's
whole provenance) and ``stats``, thin adapters over ``Store`` reads; and ``import``, which
loads a Spark engine's Parquet output into a database; ``index``, which brings the search index
beside it up to date."""

from __future__ import annotations

import json
from dataclasses import asdict

import click
from rich.table import Table
from rich.text import Text

from ._context import guarded, options, parse_day, reading
from .output import Column, emit, escape_control, format_option, records, report_console

__all__ = ["COMMANDS", "articles", "event", "import_output", "index", "stats"]

_DB_HELP = (
    "DuckDB file, or Spark output directory, to read (default: [store] path, eventwire.duckdb)."
)
# As the event listings: the footer says how many there are.
DEFAULT_LIMIT = 50

_ARTICLE_VIEW = (
    Column("published", "date", "date"),
    Column("source", "source", priority=2, max_width=22),
    Column("event_mentions", "events", "number", priority=1),
    Column("title", "title", "text"),
    Column("dateline", "dateline", priority=3, max_width=16),
    Column("article_id", "article id", max_width=17),
)


@click.command()
@click.option("--db", help=_DB_HELP)
@click.option("--since", help="Published on or after: YYYY-MM-DD, YYYY-MM or YYYY.")
@click.option("--until", help="Published on or before (inclusive), same forms as --since.")
@click.option(
    "--source", multiple=True, help="Publisher's domain or agency (www.rt.com; repeatable)."
)
@click.option("--text", help="Case-insensitive words of the title or text.")
@click.option(
    "--limit",
    type=click.IntRange(min=0),
    default=DEFAULT_LIMIT,
    show_default=True,
    help="At most this many rows (0: all).",
)
@click.option(
    "--sort", type=click.Choice(["newest", "oldest"]), default="newest", show_default=True
)
@format_option()
@click.pass_context
def articles(
    ctx: click.Context,
    db: str | None,
    since: str | None,
    until: str | None,
    source: tuple[str, ...],
    text: str | None,
    limit: int,
    sort: str,
    fmt: str,
) -> None:
    """List the stored articles, newest first: date, source, events coded, title, dateline
    and id, filtered by publication date, source and words.

    Example: eventwire articles --source www.rt.com --text sanctions --limit 20
    """
    from ..analysis.articles import ArticleFilter, count_articles

    selection = guarded(
        lambda: ArticleFilter(
            since=parse_day(since, option="--since"),
            until=parse_day(until, end=True, option="--until"),
            source=source,
            text=text,
            limit=limit or None,
            order=sort,  # type: ignore[arg-type]
        )
    )
    with reading(ctx, db) as store:
        frame = guarded(lambda: store.articles(selection))
        total = len(frame)
        if limit and total >= limit:
            total = guarded(lambda: count_articles(store.con, selection))
        title = f"articles in {store.path}, {sort} first"
    emit(frame, _ARTICLE_VIEW, fmt, title, total=total, noun="articles")


_EVENT_FIELDS = (
    ("event id", "event_id"),
    ("date", "date_value"),
    ("day", "event_day"),
    ("source", "source_code"),
    ("source actor", "source_actor_id"),
    ("target", "target_code"),
    ("target actor", "target_actor_id"),
    ("CAMEO", "cameo"),
    ("event", "cameo_label"),
    ("PLOVER", "plover_category"),
    ("PLOVER mode", "plover_mode"),
    ("PLOVER context", "plover_context"),
    ("Goldstein", "goldstein"),
    ("quad class", "quad_class"),
    ("modality", "modality"),
    ("location", "location_country"),
    ("reports", "num_mentions"),
    ("articles", "num_articles"),
    ("sources", "num_sources"),
    ("confidence", "confidence"),
)


def _line(text: str, style: str | None = None) -> Text:
    return Text(escape_control(text), style=style or "")


@click.command()
@click.argument("event_id")
@click.option("--db", help=_DB_HELP)
@format_option(("table", "json"))
@click.pass_context
def event(ctx: click.Context, event_id: str, db: str | None, fmt: str) -> None:
    """Show one event's whole provenance: the merged event, then every report of it with its
    article (title, date, source, URL), sentence, and the words each part was coded from.
    EVENT_ID may be shortened to a unique prefix (as narrow tables show it).

    Example: eventwire event e3989c157
    """
    from ..analysis.event_ids import find_event

    with reading(ctx, db) as store:
        found = guarded(lambda: store.event(guarded(lambda: find_event(store.con, event_id))))
    fields = records([found.fields])[0]
    reports = [records([asdict(m)])[0] for m in found.mentions]
    if fmt == "json":
        click.echo(json.dumps({"event": fields, "reports": reports}, ensure_ascii=False))
        return
    console = report_console()
    summary = Table(title=f"event {fields['event_id']}", show_header=False, title_justify="left")
    summary.add_column("field", style="bold", no_wrap=True)
    summary.add_column("value", overflow="fold")
    for label, key in _EVENT_FIELDS:
        value = fields.get(key)
        if value is not None and value != "":
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            summary.add_row(label, _line(shown))
    console.print(summary)
    for number, report in enumerate(found.mentions, start=1):
        head = f"report {number} of {len(found.mentions)}: {report.published or 'undated'}"
        head += f" · {report.source or 'no source'} · {report.title or ''}"
        console.print(_line(head, "bold"))
        console.print(_line(f"  article {report.article_id} {report.url or ''}".rstrip()))
        console.print(_line(f"  {report.sentence}"))
        codes = {"source": report.source_code, "target": report.target_code}
        codes["trigger"] = report.cameo
        for span in report.spans:
            coded = f" → {codes[span.role]}" if codes.get(span.role) else ""
            console.print(_line(f"    {span.role}: {span.text!r}{coded}"))
        for label, words, value in (
            ("date", report.date_text, report.date_value),
            ("place", report.location_text, None),
        ):
            if words:
                console.print(_line(f"    {label}: {words!r}" + (f" → {value}" if value else "")))
        confidence = f"{report.confidence:.2f}" if report.confidence is not None else "none"
        console.print(
            _line(f"    modality {report.modality}, confidence {confidence}, mention "
                  f"{report.mention_id}")
        )  # fmt: skip
        if report.rule:
            console.print(_line(f"    coded by {report.rule}"))


# Paths and reasons share the width; the reader and the runs that saw the input go first.
_REJECTED_VIEW = (
    Column("path", "path", "text"),
    Column("record", "record", "number"),
    Column("reason", "reason", "text"),
    Column("reader", "reader", priority=1, max_width=26),
    Column("last_run_id", "last run", priority=2),
)


@click.command()
@click.option("--db", help=_DB_HELP)
@click.pass_context
def stats(ctx: click.Context, db: str | None) -> None:
    """Count the rows of each table, and list the rejected inputs."""
    with reading(ctx, db) as store:
        counts = guarded(store.counts)
        rejected = guarded(store.rejected)
        path = store.path
    table = Table(title=str(path), show_header=False)
    for key, value in counts.items():
        table.add_row(key, str(value))
    report_console().print(table)
    if len(rejected):
        emit(rejected, _REJECTED_VIEW, "table", "rejected inputs", noun="rejected inputs")


@click.command("import")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--db", help="DuckDB file to load into (default: [store] path, eventwire.duckdb).")
@click.pass_context
def import_output(ctx: click.Context, directory: str, db: str | None) -> None:
    """Load a Spark output DIRECTORY (ingest --engine spark) into a DuckDB file.

    Rows already in the database are kept (content keys); into a database that already held
    articles the events are merged again over everything.
    """
    from ..ingest import import_spark_output

    settings = options(ctx, **{"store.path": db})
    counts = guarded(lambda: import_spark_output(directory, settings))
    table = Table(title=f"import {directory} into {settings.store.path}", show_header=False)
    for key, value in counts.items():
        table.add_row(key if key == "events" else f"{key} added", str(value))
    report_console().print(table)


@click.command("index")
@click.option("--db", help="DuckDB file whose search index to update (default: [store] path).")
@click.option("--rebuild", is_flag=True, help="Make the index again from every article.")
@click.pass_context
def index(ctx: click.Context, db: str | None, rebuild: bool) -> None:
    """Bring the full-text search index beside the database (DB.search/) up to date.

    Every ingest does this at its end; run it for a store made before indexes were kept, after
    an ingest that was stopped, or with --rebuild to make the index again from every article.
    It reads the database (read-only) and waits for a running ingest to finish first.
    """
    from ..store.search_index import index_store

    settings = options(ctx, **{"store.path": db})
    update = guarded(
        lambda: index_store(
            settings.store.path, rebuild=rebuild, wait_seconds=settings.store.wait_seconds
        )
    )
    table = Table(title=f"search index {update.path}", show_header=False)
    table.add_row("articles indexed now", f"{update.indexed:,}")
    table.add_row("articles in the index", f"{update.articles:,}")
    table.add_row("made anew", f"yes ({update.rebuilt})" if update.rebuilt else "no")
    table.add_row("seconds", f"{update.seconds:.1f}")
    report_console().print(table)


COMMANDS: tuple[click.Command, ...] = (articles, event, import_output, index, stats)
