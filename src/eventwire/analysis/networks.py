"""The network of who acts on whom: directed edges weighted by events and mean Goldstein.

On a store at schema migration 4 or later a date range is on the day merging stores
(``events.event_day``) rather than computed for every event: 296 against 511 ms of CPU for
2001's network on the 10 M-event benchmark. The side ids do not help here: counting by pair
of side ids first and naming the nodes after took 5.2 s of CPU against 3.3 s for the whole
actor-level network (docs/performance.md).

>>> network(store.con, EventScope(since=date(2024, 1, 1))).head()   # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, Literal

import duckdb

from ._sql import EVENT_DAY, STORED_DAY, fetch, has_query_tables
from .dyads import QUAD_COLUMNS
from .filters import EventScope, InvalidFilter
from .periods import count_background, count_coarser, with_coarser_events

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
    scope: EventScope | None = None,
    *,
    level: Level = "country",
    include_self: bool = False,
    arrow: bool = False,
) -> Any:
    """One row per directed edge source → target with events of ``scope`` (by default every
    asserted event): the number of events, of mentions, Goldstein sum and mean, and counts by
    quad class; heaviest edges first. With a range, an event counts only when its whole date
    lies in it (an event dated "2024" is no event of March 2024); how many overlap the range
    without lying in it is ``periods.coarser_events(network)``; an undated background event is
    in no range, and how many were reported in it is ``periods.background_events(network)``.

    ``level="country"`` joins actors into their country (RUSGOV and RUSMIL are RUS; actors
    without a country keep their code); ``level="actor"`` keeps codes (RUSGOV, IGOEUREU).
    Edges from a node to itself (a government acting on its own military) are left out unless
    ``include_self``.
    """
    if level not in LEVELS:
        raise InvalidFilter(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    scope = scope or EventScope()

    def node(side: str) -> str:
        if level == "country":
            return f"coalesce(e.{side}_country, e.{side}_code, e.{side}_actor_id)"
        return f"coalesce(e.{side}_code, e.{side}_actor_id)"

    day = STORED_DAY if has_query_tables(con) else EVENT_DAY
    terms, params = scope.where(day)
    terms = ["TRUE", *terms]
    if scope.until:
        # An event counts when its whole date lies in the range ("2024" is not March 2024).
        terms.append("(e.date_end IS NULL OR e.date_end <= ?)")
        params.append(scope.until)
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
            WHERE {" AND ".join(terms)}
            GROUP BY ALL
        )
        WHERE source IS NOT NULL AND target IS NOT NULL
              {"" if include_self else "AND source <> target"}
        ORDER BY events DESC, source, target
    """
    edges = fetch(con, sql, params, arrow)
    # Without a range the network counts every event: none is left out.
    background = count_background(con, scope) if scope.dated else 0
    return with_coarser_events(edges, count_coarser(con, scope), background)
