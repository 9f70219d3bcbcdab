"""The commands that look at what the database holds: ``articles``, ``event`` (one event's
whole provenance) and ``stats``. Thin adapters over ``Store`` reads."""

from __future__ import annotations

import json

import click
from rich.table import Table
from rich.text import Text

from ._context import guarded, parse_day, reading
from .output import Column, emit, escape_control, format_option, records, report_console, shown_id

__all__ = ["COMMANDS", "articles", "event", "stats"]

_DB_HELP = "DuckDB file to read (default: [store] path, eventwire.duckdb)."
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
    ("day", "day"),
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
_REPORT_PARTS = (
    ("source", "source_text", "source_code"),
    ("target", "target_text", "target_code"),
    ("trigger", "trigger_text", "cameo"),
    ("date", "date_text", "date_value"),
    ("place", "location_text", None),
    ("attributed to", "attribution_text", None),
)


@click.command()
@click.argument("event_id")
@click.option("--db", help=_DB_HELP)
@format_option(("table", "json"))
@click.pass_context
def event(ctx: click.Context, event_id: str, db: str | None, fmt: str) -> None:
    """Show one event's whole provenance: the merged event, then every report of it with its
    article (title, date, source, URL or file), sentence, and the words each part was coded
    from. EVENT_ID may be shortened to a unique prefix (as narrow tables show it).

    Example: eventwire event e3989c157
    """
    with reading(ctx, db) as store:
        found = guarded(lambda: store.event(event_id))
    event_row = records([found.event])[0]
    reports = records(found.mentions)
    if fmt == "json":
        click.echo(json.dumps({"event": event_row, "reports": reports}, ensure_ascii=False))
        return
    console = report_console()
    summary = Table(title=f"event {event_row['event_id']}", show_header=False, title_justify="left")
    summary.add_column("field", style="bold", no_wrap=True)
    summary.add_column("value", overflow="fold")
    for label, key in _EVENT_FIELDS:
        value = event_row.get(key)
        if value is not None and value != "":
            shown = f"{value:.2f}" if isinstance(value, float) else str(value)
            summary.add_row(label, Text(escape_control(shown)))
    console.print(summary)
    for number, report in enumerate(reports, start=1):
        head = f"report {number} of {len(reports)}: {report.get('published') or 'undated'}"
        head += f" · {report.get('source') or 'no source'} · {report.get('title') or ''}"
        console.print(Text(escape_control(head), style="bold"))
        where = f"  article {report['article_id']} ({report.get('location') or ''}"
        record = report.get("record")
        where += f", record {record})" if record not in (None, "") else ")"
        console.print(Text(escape_control(where)))
        console.print(Text("  " + escape_control(str(report.get("sentence") or ""))))
        for label, words, code in _REPORT_PARTS:
            if report.get(words):
                coded = f" → {report[code]}" if code and report.get(code) else ""
                console.print(Text(escape_control(f"    {label}: {report[words]!r}{coded}")))
        console.print(
            Text(
                f"    modality {report.get('modality')}, confidence "
                f"{float(report.get('confidence') or 0):.2f}, mention "
                f"{shown_id(str(report['mention_id']), short=False)}"
            )
        )


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


COMMANDS: tuple[click.Command, ...] = (articles, event, stats)
