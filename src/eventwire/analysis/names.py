"""Actors named by users, matched against a store: codes the store holds are taken as they
are, names go through the knowledge base (``eventwire.actors.lookup``), and anything else is
an error naming the value with the nearest known names.

>>> with_actor_keys(store.con, EventFilter(actor=("Russia", "North Korea"))).actor  # doctest: +SKIP
('RUS', 'PRK')
"""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import cache

import duckdb

from ..actors.data_access import load_knowledge_base
from ..actors.kb import KnowledgeBase
from ..actors.lookup import ActorKey, actor_key, country_code
from .filters import EventFilter, values
from .records import actor_known

__all__ = ["store_actor", "store_country", "with_actor_keys"]


@cache
def _shipped() -> KnowledgeBase:
    return load_knowledge_base()


def store_actor(
    con: duckdb.DuckDBPyConnection,
    name: str,
    on_date: date | None = None,
    kb: KnowledgeBase | None = None,
) -> ActorKey:
    """The key events of this store are matched on for ``name``: the name itself when the
    store has it as an actor id, code or country (``records.actor_known``), else the
    knowledge base's answer on ``on_date`` (:func:`~eventwire.actors.lookup.actor_key`).
    Raises ``UnknownActor``."""
    written = name.strip()
    if written and actor_known(con, written):
        return ActorKey(written, written)
    return actor_key(written, on_date, kb if kb is not None else _shipped())


def store_country(
    con: duckdb.DuckDBPyConnection, name: str, kb: KnowledgeBase | None = None
) -> str:
    """The ISO3 code of the country ``name`` names ("Estonia", "est", "EST"): a country some
    event side of the store has, or the knowledge base's state. Raises ``UnknownActor`` when
    it names no country (an organisation, an unknown name)."""
    written = name.strip()
    if len(written) == 3 and written.isalpha():
        upper = written.upper()
        sql = "SELECT 1 FROM events WHERE ? IN (source_country, target_country) LIMIT 1"
        if con.execute(sql, [upper]).fetchone() is not None:
            return upper
    return country_code(written, kb if kb is not None else _shipped())


def with_actor_keys(
    con: duckdb.DuckDBPyConnection, selection: EventFilter, kb: KnowledgeBase | None = None
) -> EventFilter:
    """``selection`` with every actor, source, target, between, country and location value
    turned into what the store's events are matched on; names are resolved on the last day
    asked about (``until``, else ``since``, else the latest roles)."""
    on_date = selection.until or selection.since

    def actors(given: tuple[str, ...]) -> tuple[str, ...] | None:
        return tuple(store_actor(con, n, on_date, kb).key for n in given) or None

    def countries(given: tuple[str, ...]) -> tuple[str, ...] | None:
        return tuple(store_country(con, n, kb) for n in given) or None

    between = selection.between
    return dataclasses.replace(
        selection,
        actor=actors(values(selection.actor)),
        source=actors(values(selection.source)),
        target=actors(values(selection.target)),
        between=None if between is None else actors(values(between)),  # type: ignore[arg-type]
        country=countries(values(selection.country)),
        location=countries(values(selection.location)),
    )
