"""Commands about treaties, alliances and commitments: thin adapters over ``eventwire.treaties``.

``register_treaty_commands(cli)`` adds ``treaties``, ``treaty show``, ``obligations`` and
``alliances`` to the main command group. Every command answers from the shipped base alone, and
adds the news updates stored in a database when ``--db`` is given.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict
from datetime import date
from typing import Any, TypeVar

import click
from rich.table import Table
from rich.text import Text

from ..errors import EventwireError
from ..treaties import (
    alliance_edges,
    find_treaty,
    load_treaties,
    obligations_to_assist,
    treaties_as_of,
    treaty_status,
)
from ..treaties.matching import lifecycle
from ..treaties.model import FIRMNESSES, Treaty
from ._context import guarded
from .output import FORMATS, Column, emit, escape_control, report_console

__all__ = ["register_treaty_commands"]

_DB_HELP = "DuckDB file whose news updates are merged into the shipped base (default: none)."
_AS_OF_HELP = "The date asked about, YYYY-MM-DD (default: today)."
_FORMATS = click.Choice(list(FORMATS))

F = TypeVar("F", bound=Callable[..., Any])


def _min_firmness_option(default: str, help_text: str) -> Callable[[F], F]:
    """``--min-firmness``: the weakest commitment a command counts."""
    return click.option(
        "--min-firmness",
        type=click.Choice(FIRMNESSES),
        default=default,
        show_default=True,
        help=help_text,
    )


def _as_of(value: str | None) -> date:
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(
            f"{value!r} is not a YYYY-MM-DD date", param_hint="--as-of"
        ) from None


def _load(db: str | None) -> tuple[Treaty, ...]:
    try:
        return load_treaties(db)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


def _country(value: str, option: str) -> str:
    """The ISO3 code of the state ``value`` names ("Estonia", "est"); exit 2 naming it
    otherwise."""
    from ..actors.lookup import country_code

    try:
        return guarded(lambda: country_code(value))
    except click.UsageError as exc:
        raise click.BadParameter(exc.message, param_hint=option) from None


_TREATY_VIEW = (
    Column("treaty", "treaty", priority=2, max_width=30),
    Column("name", "name", "text"),
    Column("type", "type", priority=1, max_width=18),
    Column("stage", "stage"),
    Column("in_force", "in force"),
    Column("bound", "bound", "text"),
)
_OBLIGATION_VIEW = (
    Column("obligor", "obligor"),
    Column("firmness", "firmness"),
    Column("kind", "kind", priority=2, max_width=20),
    Column("treaty", "treaty", max_width=30),
    Column("article", "article", priority=1),
    Column("since", "since", "date"),
    Column("summary", "summary", "text"),
)
_ALLIANCE_VIEW = (
    Column("a", "a"),
    Column("b", "b"),
    Column("mutual", "mutual"),
    Column("firmness", "firmness"),
    Column("treaties", "treaties", "text"),
)


@click.command("treaties")
@click.option("--party", help="Only treaties with this party: a country name or ISO3 (Finland).")
@click.option("--as-of", "as_of", help=_AS_OF_HELP)
@click.option("--db", help=_DB_HELP)
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
def treaties_cmd(party: str | None, as_of: str | None, db: str | None, fmt: str) -> None:
    """List treaties and where each stands on a date: stage, in force, parties bound."""
    when = _as_of(as_of)
    code = _country(party, "--party") if party else None
    statuses = treaties_as_of(_load(db), when, party=code)
    rows = [
        {
            "treaty": s.treaty_id, "name": s.name, "type": s.type, "stage": s.stage,
            "in_force": s.in_force, "bound": list(s.bound),
        }
        for s in statuses
    ]  # fmt: skip
    title = f"treaties on {when}" + (f" with {code}" if code else "")
    emit(rows, _TREATY_VIEW, fmt, title, noun="treaties")


@click.group("treaty")
def treaty_group() -> None:
    """Look at one treaty: its parties, lifecycle with sources, and obligations."""


@treaty_group.command("show")
@click.argument("name")
@click.option("--as-of", "as_of", help=_AS_OF_HELP)
@click.option("--db", help=_DB_HELP)
@click.option("--json", "as_json", is_flag=True, help="Print the treaty record as JSON.")
def treaty_show(name: str, as_of: str | None, db: str | None, as_json: bool) -> None:
    """Show treaty NAME (id, name or alias): lifecycle steps with their source sentences,
    obligations with article and firmness, and who is bound on the date."""
    treaties = _load(db)
    try:
        treaty = find_treaty(treaties, name)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    when = _as_of(as_of)
    status = treaty_status(treaty, when)
    if as_json:
        click.echo(json.dumps(asdict(treaty), default=str, ensure_ascii=False, indent=2))
        return
    console = report_console()
    heading = Text(escape_control(treaty.name), style="bold")
    heading.append(escape_control(f"  ({treaty.treaty_id}, {treaty.type}, {treaty.origin})"))
    console.print(heading)
    if treaty.terms:
        console.print(Text(escape_control(f"terms offered: {treaty.terms}")))
    bound = " ".join(status.bound) or "nobody"
    console.print(Text(f"on {when}: {status.stage or 'not yet'}; bound: {bound}"))
    steps = Table(title="lifecycle (each step once, with every report of it)")
    for column in ("date", "step", "party", "sources"):
        steps.add_column(column, overflow="fold", no_wrap=column != "sources")
    for group in lifecycle(treaty):
        step = group.step
        date_text = step.value + (f" ({step.mod})" if step.mod else "")
        party = (step.party or "") + (f" toward {step.toward}" if step.toward else "")
        origins = ["shipped base"] if group.from_base else []
        if group.sources:
            reports = len(group.sources)
            first = group.sources[0]
            origins.append(
                f"{reports} report{'s' if reports > 1 else ''}, first {first.doc_id}:"
                f" {' '.join(first.sentence.split())}"
            )
        steps.add_row(date_text, step.kind, party, Text(escape_control("; ".join(origins))))
    console.print(steps)
    obligations = Table(title="obligations")
    for column in ("kind", "article", "firmness", "summary", "source"):
        obligations.add_column(column, overflow="fold")
    for ob in treaty.obligations:
        source = "" if ob.source is None else f"{ob.source.doc_id}: {ob.source.sentence}"
        obligations.add_row(
            ob.kind, ob.article or "", ob.firmness, Text(ob.summary), Text(escape_control(source))
        )
    console.print(obligations)


@click.command("obligations")
@click.option(
    "--attacked", required=True, help="The party attacked: a country name or ISO3 (Estonia, EST)."
)
@click.option("--as-of", "as_of", help=_AS_OF_HELP)
@_min_firmness_option(
    "assurance",
    "Leave out commitments weaker than this (automatic > binding > consult > assurance).",
)
@click.option("--db", help=_DB_HELP)
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
def obligations_cmd(
    attacked: str, as_of: str | None, min_firmness: str, db: str | None, fmt: str
) -> None:
    """Who is committed to assist a party if it is attacked, on a date: under which treaty and
    article, and how firm the commitment is."""
    when = _as_of(as_of)
    code = _country(attacked, "--attacked")
    found = obligations_to_assist(
        _load(db),
        code,
        when,
        min_firmness=min_firmness,  # type: ignore[arg-type]
    )
    rows = [
        {
            "obligor": c.obligor, "firmness": c.firmness, "kind": c.kind, "treaty": c.treaty_id,
            "article": c.article, "since": c.since, "summary": c.summary,
        }
        for c in found
    ]  # fmt: skip
    emit(rows, _OBLIGATION_VIEW, fmt, f"commitments to {code} if attacked, on {when}",
         noun="commitments")  # fmt: skip


@click.command("alliances")
@click.option("--as-of", "as_of", help=_AS_OF_HELP)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Also draw the network into this picture (.png, .svg or .pdf).",
)
@_min_firmness_option("binding", "Only commitments at least this firm.")
@click.option("--db", help=_DB_HELP)
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
def alliances_cmd(
    as_of: str | None, output: str | None, min_firmness: str, db: str | None, fmt: str
) -> None:
    """The alliance network on a date: pairs committed to defend each other, and why."""
    when = _as_of(as_of)
    treaties = _load(db)
    edges = alliance_edges(treaties, when, min_firmness=min_firmness)  # type: ignore[arg-type]
    rows = [
        {
            "a": e.a,
            "b": e.b,
            "mutual": e.mutual,
            "firmness": e.firmness,
            "treaties": list(e.treaty_ids),
        }
        for e in edges
    ]
    emit(rows, _ALLIANCE_VIEW, fmt, f"alliance links on {when}", noun="links")
    if output:
        from ..treaties import draw_alliances

        names = {t.treaty_id: t.name for t in treaties}
        try:
            written = draw_alliances(edges, output, as_of=when, names=names)
        except (OSError, ValueError) as exc:
            raise click.ClickException(f"cannot write {output}: {exc}") from None
        click.echo(f"wrote {written}", err=True)


def register_treaty_commands(group: click.Group) -> None:
    """Add the treaty commands to ``group`` (the main ``eventwire`` command group)."""
    for command in (treaties_cmd, treaty_group, obligations_cmd, alliances_cmd):
        group.add_command(command)
