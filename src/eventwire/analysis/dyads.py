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

from datetime import date
from typing import Any

import duckdb

from ..events.ontology import QUAD_CLASSES
from ._sql import (
    EVENT_DAY,
    FREQS,
    IS_UNDATED_BACKGROUND,
    REPORT_DAY,
    STORED_DAY,
    Freq,
    disjoint,
    fetch,
    has_query_tables,
    has_range_counts,
    scope_clauses,
    side_ids,
    side_in,
    side_matches,
)
from .filters import InvalidFilter, confidence_terms
from .periods import fits_period, with_coarser_events

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
    *,
    freq: Freq = "month",
    modality: str | None = "asserted",
    since: date | None = None,
    until: date | None = None,
    min_confidence: float | None = None,
    arrow: bool = False,
) -> Any:
    """Per period: the events ``match_sql`` (a condition over ``events e``) selects, those with
    a calibrated confidence of at least ``min_confidence`` when given, by quad class, with
    Goldstein sum and mean, and each count as a share of all events of the period."""
    if freq not in FREQS:
        raise InvalidFilter(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    confident, confidence = confidence_terms(min_confidence)
    hit = " AND ".join([f"({match_sql})", *confident])  # the threshold selects hits, not the scope
    clauses, clause_params = scope_clauses(modality, since, until)
    scope, params = ["TRUE", *clauses], [*match_params, *confidence, *clause_params]
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
            WHERE {" AND ".join(scope)} AND {EVENT_DAY} IS NOT NULL AND {fits}
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
        WHERE {" AND ".join(scope)} AND {EVENT_DAY} IS NOT NULL
    """
    reported, reported_params = scope_clauses(modality, since, until, day=REPORT_DAY)
    background = f"""
        SELECT count(*) FILTER (coalesce({hit}, FALSE)) FROM events e
        WHERE {" AND ".join(["TRUE", *reported, IS_UNDATED_BACKGROUND])}
    """
    return with_coarser_events(
        fetch(con, sql, params, arrow),
        _count(con, coarser, params),
        _count(con, background, [*match_params, *confidence, *reported_params]),
    )


def indexed_period_series(
    con: duckdb.DuckDBPyConnection,
    branches: list[str],
    *,
    freq: Freq = "month",
    modality: str | None = "asserted",
    since: date | None = None,
    until: date | None = None,
    min_confidence: float | None = None,
    arrow: bool = False,
) -> Any:
    """``period_series`` of the events any of ``branches`` (conditions over ``events e`` on
    side ids, see ``_sql.side_in``) selects, on a store with ``event_day_totals``: the same
    rows, with every event of the period counted from the daily totals (which the threshold
    does not touch, as in ``period_series``)."""
    if freq not in FREQS:
        raise InvalidFilter(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    confident, confidence = confidence_terms(min_confidence)
    clauses, params = scope_clauses(modality, since, until, day=STORED_DAY)
    # The threshold is on the hits only; the totals below are every event of the period.
    scope = " AND ".join([*clauses, f"{STORED_DAY} IS NOT NULL", *confident])
    params = [*params, *confidence]
    selections = disjoint(branches)
    fits = fits_period(freq)
    hits = " UNION ALL ".join(
        f"SELECT CAST(date_trunc('{freq}', {STORED_DAY}) AS DATE) AS period,"
        f" e.quad_class, e.goldstein FROM events e WHERE {branch} AND {scope} AND {fits}"
        for branch in selections
    )
    coarser = " + ".join(
        f"(SELECT count(*) FROM events e WHERE {branch} AND {scope} AND NOT {fits})"
        for branch in selections
    )
    totals, total_params = scope_clauses(modality, since, until, day="e.day")
    # The day totals count every event on its first day; those dated more coarsely than a
    # period are taken out again, so that the shares' denominator is what the series counts.
    coarse, coarse_params = scope_clauses(modality, since, until, day=STORED_DAY)
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
    left_out = _count(con, f"SELECT {coarser}", params * len(selections))
    reported, reported_params = scope_clauses(modality, since, until, day=REPORT_DAY)
    undated = " AND ".join([*reported, IS_UNDATED_BACKGROUND, *confident])
    background = " + ".join(
        f"(SELECT count(*) FROM events e WHERE {branch} AND {undated})" for branch in selections
    )
    background_params = [*reported_params, *confidence] * len(selections)
    return with_coarser_events(
        series, left_out, _count(con, f"SELECT {background}", background_params)
    )


def _count(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> int:
    row = con.execute(sql, params).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    freq: Freq = "month",
    directed: bool = False,
    modality: str | None = "asserted",
    since: date | None = None,
    until: date | None = None,
    min_confidence: float | None = None,
    arrow: bool = False,
) -> Any:
    """The series of events between ``a`` and ``b`` (actor ids, codes or countries); both
    directions unless ``directed`` (then only a → b); only those with a calibrated confidence
    of at least ``min_confidence`` count when it is given (the shares' denominator does not
    change)."""
    scope: dict[str, Any] = {
        "freq": freq, "modality": modality, "since": since, "until": until,
        "min_confidence": min_confidence, "arrow": arrow,
    }  # fmt: skip
    if has_query_tables(con):
        ids_a, ids_b = side_ids(con, a), side_ids(con, b)
        branches = [f"{side_in('source', ids_a)} AND {side_in('target', ids_b)}"]
        if not directed:
            branches.append(f"{side_in('source', ids_b)} AND {side_in('target', ids_a)}")
        return indexed_period_series(con, branches, **scope)
    forward = f"({side_matches('source')} AND {side_matches('target')})"
    backward = f"({side_matches('target')} AND {side_matches('source')})"
    match = forward if directed else f"({forward} OR {backward})"
    params = [a, b] if directed else [a, b, a, b]
    return period_series(con, match, params, **scope)


def actor_series(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    *,
    freq: Freq = "month",
    modality: str | None = "asserted",
    since: date | None = None,
    until: date | None = None,
    min_confidence: float | None = None,
    arrow: bool = False,
) -> Any:
    """The series of events ``actor`` takes part in, on either side (``min_confidence`` as in
    ``dyad_series``)."""
    scope: dict[str, Any] = {
        "freq": freq, "modality": modality, "since": since, "until": until,
        "min_confidence": min_confidence, "arrow": arrow,
    }  # fmt: skip
    if has_query_tables(con):
        ids = side_ids(con, actor)
        branches = [side_in("source", ids), side_in("target", ids)]
        return indexed_period_series(con, branches, **scope)
    match = f"({side_matches('source')} OR {side_matches('target')})"
    return period_series(con, match, [actor, actor], **scope)
