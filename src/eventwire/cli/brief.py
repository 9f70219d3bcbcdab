"""``eventwire brief``: a sourced briefing of a day or period, a thin adapter over
``Store.brief`` (``eventwire.analysis.brief``), printed as Markdown, HTML or JSON."""

from __future__ import annotations

from datetime import date

import click

from ..analysis.brief_render import briefing_html, briefing_json, briefing_markdown
from ..config import load_options
from ..errors import EventwireError
from .output import min_confidence_option

__all__ = ["brief"]

_RENDER = {"md": briefing_markdown, "html": briefing_html, "json": briefing_json}


def _day(value: str | None, hint: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=hint) from None


@click.command()
@click.option("--db", help="DuckDB file to read (default: [store] path, eventwire.duckdb).")
@click.option("--date", "day", help="Brief the articles of this day, YYYY-MM-DD (default: latest).")
@click.option("--since", help="Brief the articles from this day, YYYY-MM-DD …")
@click.option("--until", help="… to this day (default: the latest article's).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(_RENDER)),
    default="md",
    show_default=True,
    help="Markdown, a standalone HTML page, or one JSON object.",
)
@min_confidence_option
@click.option(
    "--stories",
    type=click.IntRange(min=0),
    default=20,
    show_default=True,
    help="Sections for at most this many stories, most salient first (0: all).",
)
@click.pass_context
def brief(
    ctx: click.Context,
    db: str | None,
    day: str | None,
    since: str | None,
    until: str | None,
    fmt: str,
    min_confidence: float | None,
    stories: int,
) -> None:
    """A briefing of a day's (or a period's) news from the record alone: "What you need to
    know" (3–7 bullets), then one section per story, ranked by salience (independent sources,
    novelty against the change table's baseline, intensity, treaty steps, first contacts).

    Every bullet and line quotes the articles' own headlines and sentences and cites its event
    ids and `article#sentence` (`eventwire event ID` shows an event's provenance). Only
    asserted events make bullets; allegations are listed as allegations, with who alleges
    them. The weights are the config's [brief] section.

    Example: eventwire brief --date 2024-12-05 --format html > brief.html
    """
    from ..store import open_store

    if day is not None and (since is not None or until is not None):
        raise click.UsageError("give --date, or --since/--until, not both")
    config = ctx.obj.get("config") if isinstance(ctx.obj, dict) else None
    try:
        options = load_options(config, {"store.path": db})
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    threshold = options.analysis.min_confidence if min_confidence is None else min_confidence
    try:
        with open_store(options.store.path, read_only=True) as store:
            briefing = store.brief(
                _day(day, "--date"),
                since=_day(since, "--since"),
                until=_day(until, "--until"),
                min_confidence=threshold or None,
                max_stories=stories or None,
            )
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(_RENDER[fmt](briefing), nl=False)
