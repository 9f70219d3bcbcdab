"""The commands that code text: ``ingest`` (into the database) and ``code`` (JSONL in, JSONL
out). Both take the user's actor dictionaries (``--dictionary``, repeatable, after the config's
``[actors] dictionaries``), checked before the model loads."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

import click
from rich.table import Table

from ..config import Options
from ._context import EXIT_REJECTED, guarded, options
from .output import message, print_rejections, progress, report_console

__all__ = ["COMMANDS", "code", "ingest"]

F = TypeVar("F", bound=Callable[..., Any])


def dictionary_option(func: F) -> F:
    """``--dictionary``: a user actor dictionary, repeatable."""
    return click.option(
        "--dictionary",
        "dictionaries",
        multiple=True,
        metavar="[IMPORTER::]FILE",
        help="An actor dictionary layered over the shipped base and the config's [actors]"
        " dictionaries (repeatable): our YAML, or IMPORTER::FILE with"
        " eventwire.actors.petrarch_actors.v1, eventwire.actors.petrarch_agents.v1 or"
        " eventwire.actors.reign_csv.v1.",
    )(func)


def with_dictionaries(
    ctx: click.Context, dictionaries: tuple[str, ...], **overrides: Any
) -> tuple[Options, int]:
    """The options with ``dictionaries`` added to the config's, checked (a URL or a missing
    file exits 2 naming it) and loaded once; their bad lines are reported on standard error
    and counted."""
    settings = options(ctx, **overrides)
    if dictionaries:
        every = [*settings.actors.dictionaries, *dictionaries]
        settings = options(ctx, **overrides, **{"actors.dictionaries": every})
    if not settings.actors.dictionaries:
        return settings, 0  # nothing to check: the parent of the workers never loads spaCy
    from ..actors.data_access import check_dictionaries

    kb = guarded(lambda: check_dictionaries(settings.actors.dictionaries))
    for problem in kb.problems:
        message(f"rejected {problem}")
    return settings, len(kb.problems)


def _article_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a YYYY-MM-DD date", param_hint="--date"
        ) from None


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", help="DuckDB file to write (default: [store] path, eventwire.duckdb).")
@click.option("--date", "published", help="Date (YYYY-MM-DD) for articles that carry none.")
@click.option("--processes", type=int, help="Worker processes (0: one per core).")
@click.option(
    "--engine",
    type=click.Choice(["local", "spark"]),
    default="local",
    show_default=True,
    help="local: this machine's processes into --db; spark: a Spark job into --output.",
)
@click.option("--master", help="With --engine spark: local[N], spark://HOST:PORT, yarn...")
@click.option("--output", help="With --engine spark: the Parquet output directory.")
@dictionary_option
@click.pass_context
def ingest(
    ctx: click.Context,
    paths: tuple[str, ...],
    db: str | None,
    published: str | None,
    processes: int | None,
    engine: str,
    master: str | None,
    output: str | None,
    dictionaries: tuple[str, ...],
) -> None:
    """Read PATHS (files, directories, - for stdin), code events, store them in the database.

    Re-ingesting the same inputs changes nothing. A URL is refused at once (eventwire reads
    files, never the web). Progress goes to standard error: a bar on a terminal, a line every
    100 articles or 30 seconds in a log. Exits with 3 when some input was rejected.
    """
    from ..ingest import check_inputs, count_articles
    from ..ingest import ingest as run_ingest

    guarded(lambda: check_inputs(paths))
    day = _article_date(published)
    if engine == "spark":
        if db is not None or processes is not None:
            raise click.UsageError("--db and --processes are for --engine local")
        settings, bad_lines = with_dictionaries(ctx, dictionaries)
        _ingest_on_spark(ctx, paths, settings, day, master, output, bad_lines)
        return
    if master is not None or output is not None:
        raise click.UsageError("--master and --output are for --engine spark")
    overrides = {"store.path": db, "pipeline.n_process": processes}
    settings, bad_lines = with_dictionaries(ctx, dictionaries, **overrides)
    total = guarded(lambda: count_articles(paths, settings, published=day))
    with progress("ingest", total) as shown:
        summary = guarded(
            lambda: run_ingest(
                paths,
                settings,
                published=day,
                on_article=lambda _article: shown.advance(),
                on_skipped=shown.advance,
            )
        )
    rows: list[tuple[str, object]] = [
        ("inputs given", summary.inputs_given),
        ("files read", summary.files_read),
        ("articles read", summary.articles_read),
        *((f"  via {name}", count) for name, count in summary.by_reader),
        ("articles new", summary.articles_new),
        ("  of which near-duplicates (linked)", summary.near_duplicates),
        ("duplicates / already stored", summary.already_stored),
        *(
            [("  copies replaced by an earlier one", summary.copies_replaced)]
            if summary.copies_replaced
            else []
        ),
        ("rejected", len(summary.rejected)),
        ("event mentions new", summary.event_mentions_new),
        ("events in store", summary.events_total),
        *(
            [
                (
                    "search index",
                    f"{summary.search_index.articles:,} articles"
                    f" ({summary.search_index.indexed:,} indexed now)",
                )
            ]
            if summary.search_index
            else []
        ),
        ("seconds", f"{summary.seconds:.1f}"),
    ]
    _print_summary(f"ingest into {summary.db}", rows)
    if summary.search_index_problem:
        message(f"warning: {summary.search_index_problem}; `eventwire index` tries again")
    print_rejections(summary.rejected)
    if summary.rejected or bad_lines:
        ctx.exit(EXIT_REJECTED)


def _ingest_on_spark(
    ctx: click.Context,
    paths: tuple[str, ...],
    settings: Options,
    day: date | None,
    master: str | None,
    output: str | None,
    bad_lines: int,
) -> None:
    from ..engines.spark import run_spark

    summary = guarded(
        lambda: run_spark(paths, settings, output=output, master=master, published=day)
    )
    rows: list[tuple[str, object]] = [
        ("inputs given", summary.inputs_given),
        ("files read", summary.files_read),
        ("articles read", summary.articles_read),
        ("articles new", summary.articles_new),
        ("  of which near-duplicates (linked)", summary.near_duplicates),
        ("duplicates", summary.duplicates),
        ("rejected", summary.rejected),
        ("event mentions new", summary.event_mentions_new),
        ("events", summary.events_total),
        ("coding partitions", summary.partitions),
        ("seconds", f"{summary.seconds:.1f}"),
    ]
    _print_summary(f"ingest on Spark ({summary.master}) into {summary.output}", rows)
    print_rejections(summary.rejected_shown)
    if summary.rejected > len(summary.rejected_shown):
        more = summary.rejected - len(summary.rejected_shown)
        message(f"... and {more} more rejections in {summary.output}/rejected_inputs")
    if summary.rejected or bad_lines:
        ctx.exit(EXIT_REJECTED)


@click.command()
@click.argument("file", required=False, type=click.File("r", encoding="utf-8"), default="-")
@dictionary_option
@click.pass_context
def code(ctx: click.Context, file: Any, dictionaries: tuple[str, ...]) -> None:
    """Code JSONL records from FILE (or standard input) into events as JSONL on standard output.

    Input lines: {"id", "text", optional "date" YYYY-MM-DD, "title", "source", "target"}.
    With "source" and "target" (substrings of "text") the single best event between them is
    returned, or nothing. Bad lines are reported on standard error with their line number;
    the exit code is 3 if any line was rejected. See docs/code-contract.md.
    """
    from ..coding import LineRejected, code_lines
    from ..nlp import build_pipeline

    settings, bad_lines = with_dictionaries(ctx, dictionaries)
    nlp = guarded(lambda: build_pipeline(settings.pipeline))
    rejected = bad_lines
    for result in code_lines(nlp, file):
        if isinstance(result, LineRejected):
            rejected += 1
            click.echo(json.dumps(result.to_json()), err=True)
        else:
            click.echo(json.dumps(result.to_json(), ensure_ascii=False))
    if rejected:
        ctx.exit(EXIT_REJECTED)


COMMANDS: tuple[click.Command, ...] = (ingest, code)


def _print_summary(title: str, rows: list[tuple[str, object]]) -> None:
    """A run's summary as a two-column table on the report console (both engines)."""
    table = Table(title=title, show_header=False)
    for key, value in rows:
        table.add_row(key, str(value))
    report_console().print(table)
