"""Commands about treaties, alliances and commitments: thin adapters over ``eventwire.treaties``.

``register_treaty_commands(cli)`` adds ``treaties``, ``treaty show``, ``obligations`` and
``alliances`` to the main command group. Every command answers from the shipped base alone, and
adds the news updates stored in a database when ``--db`` is given.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

import click
from rich.table import Table

from ..errors import EventwireError
from ..treaties import (
    alliance_edges,
    find_treaty,
    load_treaties,
    obligations_to_assist,
    treaties_as_of,
    treaty_status,
)
from ..treaties.matching import steps_by_date
from ..treaties.model import FIRMNESSES, Treaty
from .output import report_console

__all__ = ["register_treaty_commands"]

_DB_HELP = "DuckDB file whose news updates are merged into the shipped base (default: none)."
_AS_OF_HELP = "The date asked about, YYYY-MM-DD (default: today)."
_FORMATS = click.Choice(["table", "csv", "json"])


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


def _code(value: str) -> str:
    return value.strip().upper() if not value.upper().startswith("IGO-") else value.strip()


def _emit(rows: Sequence[dict[str, Any]], fmt: str, title: str) -> None:
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(row, default=str, ensure_ascii=False))
        return
    if fmt == "csv":
        import csv
        import io

        if rows:
            buffer = io.StringIO()
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: _cell(v) for k, v in row.items()} for row in rows)
            click.echo(buffer.getvalue(), nl=False)
        return
    table = Table(title=f"{title} ({len(rows)} rows)")
    for column in rows[0] if rows else ["(none)"]:
        table.add_column(column, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(v) for v in row.values()))
    report_console().print(table)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(str(v) for v in value)
    return str(value)


@click.command("treaties")
@click.option("--party", help="Only treaties with this party (ISO3 code, e.g. FIN).")
@click.option("--as-of", "as_of", help=_AS_OF_HELP)
@click.option("--db", help=_DB_HELP)
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
def treaties_cmd(party: str | None, as_of: str | None, db: str | None, fmt: str) -> None:
    """List treaties and where each stands on a date: stage, in force, parties bound."""
    when = _as_of(as_of)
    statuses = treaties_as_of(_load(db), when, party=_code(party) if party else None)
    rows = [
        {
            "treaty": s.treaty_id, "name": s.name, "type": s.type, "stage": s.stage,
            "in_force": s.in_force, "bound": list(s.bound),
        }
        for s in statuses
    ]  # fmt: skip
    _emit(rows, fmt, f"treaties on {when}" + (f" with {_code(party)}" if party else ""))


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
    console.print(
        f"[bold]{treaty.name}[/bold]  ({treaty.treaty_id}, {treaty.type}, {treaty.origin})"
    )
    if treaty.terms:
        console.print(f"terms offered: {treaty.terms}", highlight=False)
    console.print(
        f"on {when}: {status.stage or 'not yet'}; bound: {' '.join(status.bound) or 'nobody'}",
        highlight=False,
    )
    steps = Table(title="lifecycle")
    for column in ("date", "step", "party", "source"):
        steps.add_column(column, overflow="fold")
    for step in steps_by_date(treaty):
        date_text = step.value + (f" ({step.mod})" if step.mod else "")
        party = (step.party or "") + (f" toward {step.toward}" if step.toward else "")
        source = (
            "shipped base"
            if step.source is None
            else (f"{step.source.doc_id}: {step.source.sentence}")
        )
        steps.add_row(date_text, step.kind, party, source)
    console.print(steps)
    obligations = Table(title="obligations")
    for column in ("kind", "article", "firmness", "summary", "source"):
        obligations.add_column(column, overflow="fold")
    for ob in treaty.obligations:
        source = "" if ob.source is None else f"{ob.source.doc_id}: {ob.source.sentence}"
        obligations.add_row(ob.kind, ob.article or "", ob.firmness, ob.summary, source)
    console.print(obligations)


@click.command("obligations")
@click.option("--attacked", required=True, help="The party attacked (ISO3 code, e.g. EST).")
@click.option("--as-of", "as_of", help=_AS_OF_HELP)
@click.option(
    "--min-firmness",
    type=click.Choice(FIRMNESSES),
    default="assurance",
    show_default=True,
    help="Leave out commitments weaker than this (automatic > binding > consult > assurance).",
)
@click.option("--db", help=_DB_HELP)
@click.option("--format", "fmt", type=_FORMATS, default="table", show_default=True)
def obligations_cmd(
    attacked: str, as_of: str | None, min_firmness: str, db: str | None, fmt: str
) -> None:
    """Who is committed to assist a party if it is attacked, on a date: under which treaty and
    article, and how firm the commitment is."""
    when = _as_of(as_of)
    found = obligations_to_assist(
        _load(db),
        _code(attacked),
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
    _emit(rows, fmt, f"commitments to {_code(attacked)} if attacked, on {when}")


@click.command("alliances")
@click.option("--as-of", "as_of", help=_AS_OF_HELP)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Also draw the network into this picture (.png, .svg or .pdf).",
)
@click.option(
    "--min-firmness",
    type=click.Choice(FIRMNESSES),
    default="binding",
    show_default=True,
    help="Only commitments at least this firm.",
)
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
    _emit(rows, fmt, f"alliance links on {when}")
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
