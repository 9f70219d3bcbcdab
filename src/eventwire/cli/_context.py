"""Plumbing shared by the command modules: the options of the run, the store opened for
reading, dates as users type them, and domain errors turned into exit codes.

Exit codes: 0 all good; 1 a domain error stopped the command; 2 a usage error (a value that
cannot be answered: unknown actor, CAMEO code, PLOVER category, modality, malformed date);
3 the command finished but some inputs were rejected.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import click

from ..config import Options, load_options
from ..errors import EventwireError

if TYPE_CHECKING:
    from ..store import Store

__all__ = ["EXIT_REJECTED", "guarded", "options", "parse_day", "reading", "usage_errors"]

EXIT_REJECTED = 3
T = TypeVar("T")


def options(ctx: click.Context, **overrides: Any) -> Options:
    """The run's options: the shipped defaults, the ``--config`` file, then ``overrides``."""
    config_file = ctx.obj.get("config") if isinstance(ctx.obj, dict) else None
    try:
        return load_options(config_file, overrides)
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


def _usage_error_types() -> tuple[type[Exception], ...]:
    from .._paths import DictionaryNotFound
    from ..actors.listing import UnknownOrganisation
    from ..actors.lookup import UnknownActor
    from ..analysis.event_ids import AmbiguousEvent, UnknownEvent
    from ..analysis.filters import InvalidFilter
    from ..errors import UnknownCameoCode
    from ..ingest import UnsupportedInput

    return (
        InvalidFilter,
        UnknownActor,
        UnknownCameoCode,
        UnknownOrganisation,
        DictionaryNotFound,
        UnsupportedInput,
        UnknownEvent,
        AmbiguousEvent,
    )


def guarded(call: Callable[[], T]) -> T:
    """``call()``, with a value the user gave that cannot be answered (an unknown actor, CAMEO
    code, PLOVER category...) as a usage error (exit 2), and any other domain error as a
    message (exit 1)."""
    try:
        return call()
    except _usage_error_types() as exc:
        raise click.UsageError(str(exc)) from None
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def usage_errors() -> Iterator[None]:
    """The block's unanswerable values as usage errors (exit 2), other domain errors exit 1."""
    try:
        yield
    except _usage_error_types() as exc:
        raise click.UsageError(str(exc)) from None
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None


@contextmanager
def reading(ctx: click.Context, db: str | None) -> Iterator[Store]:
    """The store named by --db (or the config), read-only; domain errors become messages."""
    from ..store import open_store

    opened = options(ctx, **{"store.path": db})
    with usage_errors(), open_store(opened.store.path, read_only=True) as store:
        yield store


def parse_day(value: str | None, *, end: bool = False, option: str | None = None) -> date | None:
    """YYYY-MM-DD, or YYYY-MM / YYYY meaning its first (``end``: last) day; the library's
    reading (``analysis.filters.parse_day``, which the REST API uses too)."""
    from ..analysis.filters import InvalidFilter
    from ..analysis.filters import parse_day as read_day

    try:
        return read_day(value, end=end)
    except InvalidFilter as exc:
        raise click.BadParameter(str(exc), param_hint=option) from None
