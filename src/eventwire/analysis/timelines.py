"""An actor's timeline: every merged event it took part in, in date order, seen from its side.

>>> timeline(store.con, "PRK").head()   # doctest: +SKIP
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from ._frames import arrow_frame, convertible_types
from ._sql import (
    EVENT_DAY,
    STORED_DAY,
    cameo_labels,
    ensure_codebook,
    fetch,
    has_query_tables,
    side_ids,
    side_in,
    side_matches,
)
from .filters import EventScope

__all__ = ["TIMELINE_COLUMNS", "TimelinePage", "timeline", "timeline_counterparts", "timeline_page"]

# ``ORDER BY day NULLS LAST, event_id`` (ids are unique, so the order is total; Arrow and DuckDB
# both compare strings byte by byte).
_ORDER = [("day", "ascending", "at_end"), ("event_id", "ascending", "at_end")]
_NEWEST_FIRST = [("day", "descending", "at_end"), ("event_id", "ascending", "at_end")]


@dataclass(frozen=True, slots=True)
class TimelinePage:
    """One page of an actor's timeline: ``total`` events in all, ``rows`` (Arrow, the columns
    of ``TIMELINE_COLUMNS``) from ``offset`` on."""

    total: int
    offset: int
    rows: pa.Table


TIMELINE_COLUMNS = (
    "day",
    "date_value",
    "role",
    "counterpart",
    "counterpart_name",
    "cameo",
    "cameo_label",
    "plover_category",
    "goldstein",
    "quad_class",
    "modality",
    "num_mentions",
    "num_articles",
    "sentence",
    "event_id",
)


def timeline(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    scope: EventScope | None = None,
    *,
    newest_first: bool = False,
    arrow: bool = False,
) -> Any:
    """The events ``actor`` (actor id, code or country) took part in within ``scope`` (by
    default asserted, every day and confidence), oldest first (newest first with
    ``newest_first``; undated last either way).
    ``role`` is ``source``, ``target`` or ``both``; ``counterpart`` is the other side's code
    (None when the event has no other side)."""
    scope = scope or EventScope()
    ensure_codebook(con)
    if has_query_tables(con):
        terms, params = scope.where(STORED_DAY)
        order = _NEWEST_FIRST if newest_first else _ORDER
        return _indexed_timeline(con, actor, terms, params, arrow, order=order)
    terms, params = scope.where()
    is_source, is_target = side_matches("source"), side_matches("target")
    sql = f"""
        SELECT {EVENT_DAY} AS day, e.date_value,
               CASE WHEN {is_source} AND {is_target} THEN 'both'
                    WHEN {is_source} THEN 'source' ELSE 'target' END AS role,
               CASE WHEN {is_source} THEN e.target_code ELSE e.source_code END AS counterpart,
               CASE WHEN {is_source} THEN r.target_name ELSE r.source_name END
                   AS counterpart_name,
               e.cameo, c.label AS cameo_label, e.plover_category, e.goldstein, e.quad_class,
               e.modality, e.num_mentions, e.num_articles, r.sentence, e.event_id
        FROM events e
        JOIN event_mentions r ON r.mention_id = e.first_mention_id
        LEFT JOIN cameo_codebook c ON c.code = e.cameo
        WHERE ({is_source} OR {is_target}) {"".join(" AND " + t for t in terms)}
        ORDER BY day {"DESC " if newest_first else ""}NULLS LAST, e.event_id
    """
    # The actor fills the seven ``?`` of the side matches (role 3, counterpart 1, name 1,
    # WHERE 2), which come before the scope's in the text.
    return fetch(con, sql, [actor] * 7 + params, arrow)


def _indexed_timeline(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    scope: list[str],
    params: list[Any],
    arrow: bool,
    *,
    order: list[tuple[str, str, str]] = _ORDER,
) -> Any:
    """``timeline`` on a store at schema migration 4 or later: the actor's side ids select the
    events (one pruned scan per side) and the representative report's words are on the event,
    so neither the three-column match nor the join with every mention is needed.

    Each scan reads only its side's counterpart (the source side's scan the target's code and
    name, the other the source's), and DuckDB returns the rows unordered: Arrow sorts them and
    looks up the CAMEO labels in 26–34 ms of CPU, where DuckDB's ORDER BY and join took 70–115
    ms (``timeline("C150")`` on the 10 M-event benchmark, 72,177 rows; docs/performance.md).

    ``scope`` holds the conditions besides the actor's (on ``STORED_DAY``) and ``params``
    their parameters."""
    source, params = _indexed_source(con, actor, scope, params)
    result = con.execute(source, params)
    types = convertible_types(result)
    rows = result.to_arrow_table()
    rows = _labelled(rows.take(pc.sort_indices(rows, sort_keys=order)))
    if arrow:
        return rows
    if types is None:  # not reached with the column types of schema 4: DuckDB converts
        return con.from_arrow(rows).df()
    types.insert(TIMELINE_COLUMNS.index("cameo_label"), "VARCHAR")
    return arrow_frame(rows, types)


def _indexed_source(
    con: duckdb.DuckDBPyConnection, actor: str, scope: list[str], params: list[Any]
) -> tuple[str, list[Any]]:
    """The SQL of the actor's events (the columns of ``TIMELINE_COLUMNS`` but the CAMEO label)
    on a store at schema migration 4 or later, unordered, and its parameters: one pruned scan
    per side by side id; each reads only its counterpart's code and name."""
    ids = side_ids(con, actor)
    is_source, is_target = side_in("source", ids), side_in("target", ids)
    common = """e.cameo, e.plover_category, e.goldstein, e.quad_class, e.modality,
               e.num_mentions, e.num_articles, e.sentence, e.event_id"""
    as_source = f"""
        SELECT {STORED_DAY} AS day, e.date_value,
               CASE WHEN {is_target} THEN 'both' ELSE 'source' END AS role,
               e.target_code AS counterpart, e.target_name AS counterpart_name, {common}
        FROM events e
        WHERE {" AND ".join([is_source, *scope])}
    """
    as_target = f"""
        SELECT {STORED_DAY} AS day, e.date_value, 'target' AS role,
               e.source_code AS counterpart, e.source_name AS counterpart_name, {common}
        FROM events e
        WHERE {" AND ".join([is_target, f"NOT {is_source}", *scope])}
    """
    return f"{as_source} UNION ALL {as_target}", params * 2


def _labelled(rows: pa.Table) -> pa.Table:
    """``rows`` with the CAMEO labels added in their place among ``TIMELINE_COLUMNS``."""
    labels = cameo_labels(rows.column("cameo"))
    return rows.add_column(TIMELINE_COLUMNS.index("cameo_label"), "cameo_label", labels)


def timeline_page(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    scope: EventScope | None = None,
    *,
    newest_first: bool = False,
    offset: int = 0,
    limit: int = 50,
) -> TimelinePage:
    """``limit`` rows of ``timeline`` (same arguments, same order) from ``offset`` on, and how
    many there are in all.

    DuckDB orders and cuts the rows (a top-N) and counts them in a second scan of the side
    columns only, so a page does not build the whole timeline: for the busiest actor of the
    10-million-event benchmark (72,177 events) 55 ms of CPU for the first page against 120-140
    ms for the whole timeline (docs/performance.md). A store before schema migration 4 takes
    the whole timeline and slices it (same rows, the old speed)."""
    if offset < 0 or limit < 0:
        raise ValueError("offset and limit must not be negative")
    scope = scope or EventScope()
    if not has_query_tables(con):
        rows = timeline(con, actor, scope, newest_first=newest_first, arrow=True)
        return TimelinePage(rows.num_rows, offset, rows.slice(offset, limit))
    ensure_codebook(con)
    source, params = _indexed_source(con, actor, *scope.where(STORED_DAY))
    total = con.execute(f"SELECT count(*) FROM ({source})", params).fetchone()
    direction = "DESC" if newest_first else "ASC"
    rows = con.execute(
        f"SELECT * FROM ({source}) ORDER BY day {direction} NULLS LAST, event_id LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).to_arrow_table()
    return TimelinePage(int(total[0]) if total else 0, offset, _labelled(rows))


def timeline_counterparts(
    con: duckdb.DuckDBPyConnection,
    actor: str,
    scope: EventScope | None = None,
    *,
    limit: int = 20,
) -> list[dict[str, Any]]:
    """The actors ``actor`` dealt with most in its timeline within ``scope``: per counterpart
    code, its events and their mean Goldstein, most events first (then by code). Grouped in
    DuckDB on a store at schema migration 4 or later, from the whole timeline before."""
    scope = scope or EventScope()
    if not has_query_tables(con):
        return counterparts(timeline(con, actor, scope, arrow=True), limit)
    source, params = _indexed_source(con, actor, *scope.where(STORED_DAY))
    rows = con.execute(
        f"SELECT counterpart, count(*) AS events, avg(goldstein) AS goldstein_mean"
        f" FROM ({source}) WHERE counterpart IS NOT NULL GROUP BY counterpart"
        " ORDER BY events DESC, counterpart LIMIT ?",
        [*params, limit],
    ).fetchall()
    return [{"counterpart": c, "events": int(n), "goldstein_mean": g} for c, n, g in rows]


def counterparts(timeline: pa.Table, limit: int = 20) -> list[dict[str, Any]]:
    """The actors a timeline's actor dealt with most: events, and mean Goldstein, per
    counterpart code (``timeline`` in Arrow)."""
    if timeline.num_rows == 0:
        return []
    grouped = (
        timeline.filter(pc.is_valid(timeline.column("counterpart")))
        .group_by("counterpart")
        .aggregate([("event_id", "count"), ("goldstein", "mean")])
        .sort_by([("event_id_count", "descending"), ("counterpart", "ascending")])
    )
    return [
        {"counterpart": r["counterpart"], "events": r["event_id_count"],
         "goldstein_mean": r["goldstein_mean"]}
        for r in grouped.slice(0, limit).to_pylist()
    ]  # fmt: skip
