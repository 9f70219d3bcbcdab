"""Dyad and actor series: events per period by quad class, Goldstein sum and mean, and shares.

Raw counts mostly track news volume, so every count also comes as a share of all events coded
in the same period (same modality): a dyad's ``events_share`` rising while the world's volume is
flat is a real change. Periods without events of the dyad are left out.

>>> dyad_series(store.con, "RUS", "PRK", freq="month")   # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from ..events.ontology import QUAD_CLASSES
from ._sql import EVENT_DAY, FREQS, Freq, fetch, scope_clauses, side_matches
from .filters import InvalidFilter

__all__ = ["QUAD_COLUMNS", "SERIES_COLUMNS", "actor_series", "dyad_series", "period_series"]

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
    arrow: bool = False,
) -> Any:
    """Per period: the events ``match_sql`` (a condition over ``events e``) selects, by quad
    class, with Goldstein sum and mean, and each count as a share of all events of the period."""
    if freq not in FREQS:
        raise InvalidFilter(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    clauses, clause_params = scope_clauses(modality, since, until)
    scope, params = ["TRUE", *clauses], [*match_params, *clause_params]
    quads = ", ".join(
        f"count(*) FILTER (hit AND quad_class = {number}) AS {name}"
        for number, name in enumerate(QUAD_COLUMNS, start=1)
    )
    shares = ", ".join(f"{name} / all_events AS {name}_share" for name in QUAD_COLUMNS)
    sql = f"""
        WITH tagged AS (
            SELECT CAST(date_trunc('{freq}', {EVENT_DAY}) AS DATE) AS period,
                   e.quad_class, e.goldstein, coalesce({match_sql}, FALSE) AS hit
            FROM events e
            WHERE {" AND ".join(scope)} AND {EVENT_DAY} IS NOT NULL
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
    return fetch(con, sql, params, arrow)


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
    arrow: bool = False,
) -> Any:
    """The series of events between ``a`` and ``b`` (actor ids, codes or countries); both
    directions unless ``directed`` (then only a → b)."""
    forward = f"({side_matches('source')} AND {side_matches('target')})"
    backward = f"({side_matches('target')} AND {side_matches('source')})"
    match = forward if directed else f"({forward} OR {backward})"
    params = [a, b] if directed else [a, b, a, b]
    return period_series(
        con, match, params, freq=freq, modality=modality, since=since, until=until, arrow=arrow
    )


def actor_series(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    *,
    freq: Freq = "month",
    modality: str | None = "asserted",
    since: date | None = None,
    until: date | None = None,
    arrow: bool = False,
) -> Any:
    """The series of events ``actor`` takes part in, on either side."""
    match = f"({side_matches('source')} OR {side_matches('target')})"
    return period_series(
        con,
        match,
        [actor, actor],
        freq=freq,
        modality=modality,
        since=since,
        until=until,
        arrow=arrow,
    )
