"""Dyad and actor series: events per period by quad class, Goldstein sum and mean, and shares.

Raw counts mostly track news volume, so every count also comes as a share of all events coded
in the same period (same modality): a dyad's ``events_share`` rising while the world's volume is
flat is a real change. Periods without events of the dyad are left out. A ``min_confidence``
selects the events counted, never the denominator: ``all_events`` stays every event of the
period whatever its confidence, as it stands for the period's news volume (and
``event_day_totals``, which the indexed reads take it from, has no confidence to count by).

On a store at schema migration 4 or later, the dyad's events are found by side id (two pruned
scans, one per direction) and the shares' denominators come from ``event_day_totals``, which
merging keeps, instead of counting every event of the store on each call; ``period_series``
is the straightforward query, used on older stores and as the reference in the tests.

An event counts in a period only when its whole date lies in it (``periods``): "2023" is no
event of January 2023, "June 2024" none of the week of June 3rd. Such events are left out of
the counts and of the denominators, and the series says how many it left out
(``periods.coarser_events(series)``). An undated background event has no day and is in no
period; the series says how many of those reported in its range it left out
(``periods.background_events(series)``).

>>> dyad_series(store.con, "RUS", "PRK", freq="month")   # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import duckdb

from ..events.ontology import QUAD_CLASSES
from ._sql import (
    EVENT_DAY,
    FREQS,
    STORED_DAY,
    Freq,
    count_of,
    disjoint,
    fetch,
    has_query_tables,
    has_range_counts,
    side_ids,
    side_in,
    side_matches,
)
from .filters import EventScope, InvalidFilter
from .periods import count_background, fits_period, with_coarser_events

__all__ = [
    "QUAD_COLUMNS",
    "SERIES_COLUMNS",
    "actor_series",
    "dyad_series",
    "indexed_period_series",
    "period_series",
]

# Column names of the four quad classes, in quad-class order (1 verbal cooperation ... 4).
QUAD_COLUMNS: tuple[str, ...] = tuple(name.replace(" ", "_") for name in QUAD_CLASSES.values())
SERIES_COLUMNS: tuple[str, ...] = (
    "period",
    "events",
    *QUAD_COLUMNS,
    "goldstein_sum",
    "goldstein_mean",
    "all_events",
    "events_share",
    *(f"{q}_share" for q in QUAD_COLUMNS),
)


def period_series(
    con: duckdb.DuckDBPyConnection,
    match_sql: str,
    match_params: list[Any],
    scope: EventScope | None = None,
    *,
    freq: Freq = "month",
    arrow: bool = False,
) -> Any:
    """Per period: the events of ``scope`` that ``match_sql`` (a condition over ``events e``)
    selects, by quad class, with Goldstein sum and mean, and each count as a share of all
    events of the period (the scope's confidence selects the events counted, not the
    denominator)."""
    if freq not in FREQS:
        raise InvalidFilter(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    scope = scope or EventScope()
    confident, confidence = scope.confidence_terms()
    hit = " AND ".join([f"({match_sql})", *confident])  # the threshold selects hits, not the scope
    clauses, clause_params = scope.terms()
    terms, params = ["TRUE", *clauses], [*match_params, *confidence, *clause_params]
    quads = ", ".join(
        f"count(*) FILTER (hit AND quad_class = {number}) AS {name}"
        for number, name in enumerate(QUAD_COLUMNS, start=1)
    )
    shares = ", ".join(f"{name} / all_events AS {name}_share" for name in QUAD_COLUMNS)
    fits = fits_period(freq)
    sql = f"""
        WITH tagged AS (
            SELECT CAST(date_trunc('{freq}', {EVENT_DAY}) AS DATE) AS period,
                   e.quad_class, e.goldstein, coalesce({hit}, FALSE) AS hit
            FROM events e
            WHERE {" AND ".join(terms)} AND {EVENT_DAY} IS NOT NULL AND {fits}
        ), counted AS (
            SELECT period, count(*) FILTER (hit) AS events, {quads},
                   sum(goldstein) FILTER (hit) AS goldstein_sum,
                   avg(goldstein) FILTER (hit) AS goldstein_mean,
                   count(*) AS all_events
            FROM tagged GROUP BY period HAVING count(*) FILTER (hit) > 0
        )
        SELECT period, events, {", ".join(QUAD_COLUMNS)}, goldstein_sum, goldstein_mean,
               all_events, events / all_events AS events_share, {shares}
        FROM counted ORDER BY period
    """
    coarser = f"""
        SELECT count(*) FILTER (coalesce({hit}, FALSE) AND NOT {fits}) FROM events e
        WHERE {" AND ".join(terms)} AND {EVENT_DAY} IS NOT NULL
    """
    return with_coarser_events(
        fetch(con, sql, params, arrow),
        count_of(con, coarser, params),
        count_background(con, scope, [f"({match_sql})"], match_params),
    )


def indexed_period_series(
    con: duckdb.DuckDBPyConnection,
    branches: list[str],
    scope: EventScope | None = None,
    *,
    freq: Freq = "month",
    arrow: bool = False,
) -> Any:
    """``period_series`` of the events of ``scope`` any of ``branches`` (conditions over
    ``events e`` on side ids, see ``_sql.side_in``) selects, on a store with
    ``event_day_totals``: the same rows, with every event of the period counted from the
    daily totals (which the threshold does not touch, as in ``period_series``)."""
    if freq not in FREQS:
        raise InvalidFilter(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    scope = scope or EventScope()
    confident, confidence = scope.confidence_terms()
    clauses, params = scope.terms(STORED_DAY)
    # The threshold is on the hits only; the totals below are every event of the period.
    hit_scope = " AND ".join([*clauses, f"{STORED_DAY} IS NOT NULL", *confident])
    params = [*params, *confidence]
    selections = disjoint(branches)
    fits = fits_period(freq)
    hits = " UNION ALL ".join(
        f"SELECT CAST(date_trunc('{freq}', {STORED_DAY}) AS DATE) AS period,"
        f" e.quad_class, e.goldstein FROM events e WHERE {branch} AND {hit_scope} AND {fits}"
        for branch in selections
    )
    coarser = " + ".join(
        f"(SELECT count(*) FROM events e WHERE {branch} AND {hit_scope} AND NOT {fits})"
        for branch in selections
    )
    totals, total_params = scope.terms("e.day")
    # The day totals count every event on its first day; those dated more coarsely than a
    # period are taken out again, so that the shares' denominator is what the series counts.
    coarse, coarse_params = scope.terms(STORED_DAY)
    quads = ", ".join(
        f"count(*) FILTER (quad_class = {number}) AS {name}"
        for number, name in enumerate(QUAD_COLUMNS, start=1)
    )
    shares = ", ".join(f"{name} / all_events AS {name}_share" for name in QUAD_COLUMNS)
    # The events dated to a range of days, counted by merging (schema migration 10), else
    # found among every event.
    ranges, ranged = (
        ("event_range_counts", "CAST(sum(e.events) AS BIGINT)")
        if has_range_counts(con)
        else ("events", "count(*)")
    )
    sql = f"""
        WITH counted AS (
            SELECT period, count(*) AS events, {quads},
                   sum(goldstein) AS goldstein_sum, avg(goldstein) AS goldstein_mean
            FROM ({hits}) GROUP BY period
        ), day_totals AS (
            SELECT CAST(date_trunc('{freq}', e.day) AS DATE) AS period,
                   CAST(sum(e.events) AS BIGINT) AS all_events
            FROM event_day_totals e WHERE {" AND ".join(["TRUE", *totals])}
            GROUP BY period
        ), coarse AS (
            SELECT CAST(date_trunc('{freq}', {STORED_DAY}) AS DATE) AS period, {ranged} AS n
            FROM {ranges} e
            WHERE {" AND ".join(["e.date_start <> e.date_end", *coarse])} AND NOT {fits}
            GROUP BY period
        ), totals AS (
            SELECT period, all_events - coalesce(n, 0) AS all_events
            FROM day_totals LEFT JOIN coarse USING (period)
        )
        SELECT period, events, {", ".join(QUAD_COLUMNS)}, goldstein_sum, goldstein_mean,
               all_events, events / all_events AS events_share, {shares}
        FROM counted JOIN totals USING (period) ORDER BY period
    """
    series = fetch(con, sql, params * len(selections) + total_params + coarse_params, arrow)
    left_out = count_of(con, f"SELECT {coarser}", params * len(selections))
    return with_coarser_events(series, left_out, count_background(con, scope, selections))


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    scope: EventScope | None = None,
    *,
    freq: Freq = "month",
    directed: bool = False,
    arrow: bool = False,
) -> Any:
    """The series of the events of ``scope`` between ``a`` and ``b`` (actor ids, codes or
    countries); both directions unless ``directed`` (then only a → b); the scope's
    confidence selects the events counted (the shares' denominator does not change)."""
    if has_query_tables(con):
        ids_a, ids_b = side_ids(con, a), side_ids(con, b)
        branches = [f"{side_in('source', ids_a)} AND {side_in('target', ids_b)}"]
        if not directed:
            branches.append(f"{side_in('source', ids_b)} AND {side_in('target', ids_a)}")
        return indexed_period_series(con, branches, scope, freq=freq, arrow=arrow)
    forward = f"({side_matches('source')} AND {side_matches('target')})"
    backward = f"({side_matches('target')} AND {side_matches('source')})"
    match = forward if directed else f"({forward} OR {backward})"
    params = [a, b] if directed else [a, b, a, b]
    return period_series(con, match, params, scope, freq=freq, arrow=arrow)


def actor_series(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    scope: EventScope | None = None,
    *,
    freq: Freq = "month",
    arrow: bool = False,
) -> Any:
    """The series of the events of ``scope`` ``actor`` takes part in, on either side (as
    ``dyad_series``)."""
    if has_query_tables(con):
        ids = side_ids(con, actor)
        branches = [side_in("source", ids), side_in("target", ids)]
        return indexed_period_series(con, branches, scope, freq=freq, arrow=arrow)
    match = f"({side_matches('source')} OR {side_matches('target')})"
    return period_series(con, match, [actor, actor], scope, freq=freq, arrow=arrow)
