"""The network of who acts on whom: directed edges weighted by events and mean Goldstein.

On a store at schema migration 4 or later a date range is on the day merging stores
(``events.event_day``) rather than computed for every event: 296 against 511 ms of CPU for
2001's network on the 10 M-event benchmark. The side ids do not help here: counting by pair
of side ids first and naming the nodes after took 5.2 s of CPU against 3.3 s for the whole
actor-level network (docs/performance.md).

>>> network(store.con, since=date(2024, 1, 1)).head()   # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

import duckdb

from ._sql import (
    EVENT_DAY,
    IS_UNDATED_BACKGROUND,
    REPORT_DAY,
    STORED_DAY,
    fetch,
    has_query_tables,
    scope_clauses,
)
from .dyads import QUAD_COLUMNS
from .filters import InvalidFilter, confidence_terms
from .periods import with_coarser_events

__all__ = ["NETWORK_COLUMNS", "Level", "network"]

Level = Literal["country", "actor"]
LEVELS: tuple[Level, ...] = ("country", "actor")
NETWORK_COLUMNS = (
    "source",
    "target",
    "events",
    "mentions",
    "goldstein_sum",
    "goldstein_mean",
    *QUAD_COLUMNS,
)


def network(
    con: duckdb.DuckDBPyConnection,
    since: date | None = None,
    until: date | None = None,
    *,
    level: Level = "country",
    modality: str | None = "asserted",
    include_self: bool = False,
    min_confidence: float | None = None,
    arrow: bool = False,
) -> Any:
    """One row per directed edge source → target with events between ``since`` and ``until``
    (inclusive) and, when given, a calibrated confidence of at least ``min_confidence``: the
    number of events, of mentions, Goldstein sum and mean, and counts by quad class; heaviest
    edges first. With a range, an event counts only when its whole date lies in it (an event
    dated "2024" is no event of March 2024); how many overlap the range without lying in it is
    ``periods.coarser_events(network)``; an undated background event is in no range, and how
    many were reported in it is ``periods.background_events(network)``.

    ``level="country"`` joins actors into their country (RUSGOV and RUSMIL are RUS; actors
    without a country keep their code); ``level="actor"`` keeps codes (RUSGOV, IGOEUREU).
    Edges from a node to itself (a government acting on its own military) are left out unless
    ``include_self``.
    """
    if level not in LEVELS:
        raise InvalidFilter(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if since and until and since > until:
        raise InvalidFilter(f"since {since} is after until {until}")

    def node(side: str) -> str:
        if level == "country":
            return f"coalesce(e.{side}_country, e.{side}_code, e.{side}_actor_id)"
        return f"coalesce(e.{side}_code, e.{side}_actor_id)"

    day = STORED_DAY if has_query_tables(con) else EVENT_DAY
    clauses, params = scope_clauses(modality, since, until, day=day)
    confident, confidence = confidence_terms(min_confidence)
    scope, params = ["TRUE", *clauses, *confident], [*params, *confidence]
    if until:
        # An event counts when its whole date lies in the range ("2024" is not March 2024).
        scope.append("(e.date_end IS NULL OR e.date_end <= ?)")
        params.append(until)
    quads = ", ".join(
        f"count(*) FILTER (e.quad_class = {number}) AS {name}"
        for number, name in enumerate(QUAD_COLUMNS, start=1)
    )
    sql = f"""
        SELECT source, target, events, mentions, goldstein_sum, goldstein_mean,
               {", ".join(QUAD_COLUMNS)}
        FROM (
            SELECT {node("source")} AS source, {node("target")} AS target,
                   count(*) AS events, CAST(sum(e.num_mentions) AS BIGINT) AS mentions,
                   sum(e.goldstein) AS goldstein_sum, avg(e.goldstein) AS goldstein_mean,
                   {quads}
            FROM events e
            WHERE {" AND ".join(scope)}
            GROUP BY ALL
        )
        WHERE source IS NOT NULL AND target IS NOT NULL
              {"" if include_self else "AND source <> target"}
        ORDER BY events DESC, source, target
    """
    edges = fetch(con, sql, params, arrow)
    return with_coarser_events(
        edges,
        _coarser(con, since, until, modality, min_confidence),
        _background(con, since, until, modality, min_confidence),
    )


def _background(
    con: duckdb.DuckDBPyConnection,
    since: date | None,
    until: date | None,
    modality: str | None,
    min_confidence: float | None,
) -> int:
    """Undated background events reported in the range, which a range leaves out (without a
    range, the network counts every event)."""
    if not since and not until:
        return 0
    clauses, params = scope_clauses(modality, since, until, day=REPORT_DAY)
    confident, confidence = confidence_terms(min_confidence)
    where = " AND ".join(["TRUE", *clauses, *confident, IS_UNDATED_BACKGROUND])
    row = con.execute(f"SELECT count(*) FROM events e WHERE {where}", [*params, *confidence])
    found = row.fetchone()
    return int(found[0]) if found else 0


def _coarser(
    con: duckdb.DuckDBPyConnection,
    since: date | None,
    until: date | None,
    modality: str | None,
    min_confidence: float | None,
) -> int:
    """Events whose date overlaps the range without lying in it: "2024" against March 2024."""
    if not since and not until:
        return 0
    clauses, params = scope_clauses(modality, None, None)
    confident, confidence = confidence_terms(min_confidence)
    overlap = ["e.date_start IS NOT NULL", "e.date_end IS NOT NULL"]
    outside = []
    if since:
        overlap.append("e.date_end >= ?")
        outside.append("e.date_start < ?")
    if until:
        overlap.append("e.date_start <= ?")
        outside.append("e.date_end > ?")
    bounds = [d for d in (since, until) if d]
    where = " AND ".join(["TRUE", *clauses, *confident, *overlap, f"({' OR '.join(outside)})"])
    row = con.execute(
        f"SELECT count(*) FROM events e WHERE {where}", [*params, *confidence, *bounds, *bounds]
    ).fetchone()
    return int(row[0]) if row else 0
