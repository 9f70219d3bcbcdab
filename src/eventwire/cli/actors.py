"""The ``eventwire actors`` commands: thin adapters over the actors knowledge base.

``lookup`` explains how a name resolves on a date (``explain_actor``), ``list`` lists the
knowledge base (``list_actors``), ``members`` lists an organisation's members on a date
(``organisation_members``). Every command accepts ``--dictionary`` files layered over the
shipped base; their bad lines go to standard error with file and line, and the exit code is 3.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click
from rich.table import Table
from rich.text import Text

from ..errors import EventwireError
from .output import FORMATS, Column, emit, format_option, message, report_console

if TYPE_CHECKING:
    from ..actors import KnowledgeBase

__all__ = ["actors"]

F = TypeVar("F", bound=Callable[..., Any])

# The project's exit code for "finished, but some input was rejected" (as in eventwire.cli).
EXIT_REJECTED = 3
_KINDS = ("state", "igo", "group", "region", "person")


def _date(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a YYYY-MM-DD date", param_hint=option) from None


def _dictionary_option(func: F) -> F:
    return click.option(
        "--dictionary",
        "dictionaries",
        multiple=True,
        metavar="[IMPORTER::]FILE",
        help="A user dictionary layered over the shipped base (repeatable): our YAML, or "
        "IMPORTER::FILE with eventwire.actors.petrarch_actors.v1, "
        "eventwire.actors.petrarch_agents.v1 or eventwire.actors.reign_csv.v1.",
    )(func)


_FORMATS_HELP = "Output format (json: one array; jsonl: one JSON object per line)."


def _knowledge_base(dictionaries: Sequence[str]) -> tuple[KnowledgeBase, int]:
    """The knowledge base with the user's dictionaries; reports their problems on stderr."""
    from ..actors import load_knowledge_base
    from ..actors.component import parse_dictionary_spec

    kb = load_knowledge_base([parse_dictionary_spec(spec) for spec in dictionaries])
    for problem in kb.problems:
        message(f"rejected {problem}")
    return kb, len(kb.problems)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, tuple):
        return "; ".join(str(v) for v in value)
    return str(value)


def _emit(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, title: str) -> None:
    """Through the shared output layer; roles and other tuples read as "a; b" in tables and
    CSV, and stay lists in JSON."""
    machine = fmt in ("json", "jsonl")
    shown = [
        {k: _cell(v) if isinstance(v, tuple) and not machine else v for k, v in row.items()}
        for row in rows
    ]
    view = [
        Column(
            c,
            c.replace("_", " "),
            "text" if c in _LONG else "fixed",
            priority=_DROP_ORDER.get(c, 0),
            max_width=30,
        )
        for c in columns
    ]
    emit([{c: row.get(c) for c in columns} for row in shown], view, fmt, title, noun="actors")


def _finish(ctx: click.Context, rejected: int) -> None:
    if rejected:
        ctx.exit(EXIT_REJECTED)


@click.group()
def actors() -> None:
    """Look up names, list actors and organisation members in the actors knowledge base."""


@actors.command()
@click.argument("name")
@click.option(
    "--date",
    "on_date",
    help="The article's date, YYYY-MM-DD (default: none, so people get their latest role).",
)
@_dictionary_option
@format_option(("table", "json"), _FORMATS_HELP)
@click.pass_context
def lookup(
    ctx: click.Context, name: str, on_date: str | None, dictionaries: tuple[str, ...], fmt: str
) -> None:
    """Resolve NAME on a date and show the entry or rule that produced the answer.

    Example: eventwire actors lookup "Shoigu" --date 2023-05-01
    """
    from ..actors import explain_actor

    day = _date(on_date, "--date")
    kb, rejected = _knowledge_base(dictionaries)
    try:
        resolution = explain_actor(name, day, kb)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    actor = resolution.actor
    record: dict[str, Any] = {
        "name_given": name,
        "date": day.isoformat() if day else None,
        "resolved": actor.resolved,
        **asdict(actor),
        "rule": resolution.rule,
        "source": resolution.source,
    }
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False))
    else:
        table = Table(title=f"{name!r} on {record['date'] or 'no date'}", show_header=False)
        table.add_column("field", style="bold")
        table.add_column("value", overflow="fold")
        for key, value in record.items():
            if key in ("name_given", "date"):
                continue
            shown = f"{value:.2f}" if isinstance(value, float) else _cell(value)
            table.add_row(key.replace("_", " "), Text(shown))
        report_console().print(table)
    _finish(ctx, rejected)


# Columns that shrink to fit the terminal (the others keep their width), and which columns go
# first when the terminal is narrow (highest first; the others always show).
_LONG = frozenset({"roles", "name", "source"})
_DROP_ORDER = {"source": 7, "sector": 6, "country": 5, "kind": 4, "office": 3, "roles": 2}
_LIST_COLUMNS = (
    "actor_id", "name", "kind", "code", "country", "sector", "office", "roles", "source",
)  # fmt: skip


@actors.command("list")
@click.option(
    "--country", help="Only this country (ISO3): the state, its organisations, its people."
)
@click.option("--kind", type=click.Choice(_KINDS), help="Only actors of this kind.")
@click.option(
    "--date",
    "on_date",
    help="Codes, offices and roles on this date, YYYY-MM-DD (default: every role).",
)
@_dictionary_option
@format_option(FORMATS, _FORMATS_HELP)
@click.pass_context
def list_command(
    ctx: click.Context,
    country: str | None,
    kind: str | None,
    on_date: str | None,
    dictionaries: tuple[str, ...],
    fmt: str,
) -> None:
    """List the knowledge base's actors: states, organisations, regions and people with
    their roles (on --date, or all of them).

    Example: eventwire actors list --country PRK --date 2024-09-14
    """
    from ..actors import list_actors

    day = _date(on_date, "--date")
    code = country.strip().upper() if country else None
    kb, rejected = _knowledge_base(dictionaries)
    if code is not None and kb.record(code) is None:
        raise click.ClickException(f"{country!r} is not a country (ISO3) of the knowledge base")
    listed = list_actors(kb, code, kind, day)
    rows = [asdict(item) for item in listed]
    scope = " ".join(filter(None, [code, kind, f"on {day}" if day else None]))
    _emit(rows, _LIST_COLUMNS, fmt, f"actors {scope}".strip())
    _finish(ctx, rejected)


@actors.command()
@click.argument("organisation")
@click.option(
    "--date",
    "on_date",
    help="Members on this date, YYYY-MM-DD (default: every membership, with its dates).",
)
@_dictionary_option
@format_option(FORMATS, _FORMATS_HELP)
@click.pass_context
def members(
    ctx: click.Context,
    organisation: str,
    on_date: str | None,
    dictionaries: tuple[str, ...],
    fmt: str,
) -> None:
    """List the member states of ORGANISATION (key, id or name: NATO, IGO-EU, "European
    Union") on a date.

    Example: eventwire actors members NATO --date 2024-01-01
    """
    from ..actors import organisation_members

    day = _date(on_date, "--date")
    kb, rejected = _knowledge_base(dictionaries)
    try:
        name, found = organisation_members(kb, organisation, day)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    rows = [asdict(member) for member in found]
    when = f"on {day}" if day else "ever"
    _emit(rows, ("country", "name", "joined", "left"), fmt, f"members of {name} {when}")
    _finish(ctx, rejected)
