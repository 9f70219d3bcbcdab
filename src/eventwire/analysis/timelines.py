"""An actor's timeline: every merged event it took part in, in date order, seen from its side.

>>> timeline(store.con, "PRK").head()   # doctest: +SKIP
"""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pyarrow.compute as pc

from ._frames import arrow_frame, convertible_types
from ._sql import (
    EVENT_DAY,
    STORED_DAY,
    cameo_labels,
    ensure_codebook,
    fetch,
    has_query_tables,
    scope_clauses,
    side_ids,
    side_in,
    side_matches,
)
from .filters import confidence_terms

__all__ = ["TIMELINE_COLUMNS", "timeline"]

# ``ORDER BY day NULLS LAST, event_id`` (ids are unique, so the order is total; Arrow and DuckDB
# both compare strings byte by byte).
_ORDER = [("day", "ascending", "at_end"), ("event_id", "ascending", "at_end")]
_NEWEST_FIRST = [("day", "descending", "at_end"), ("event_id", "ascending", "at_end")]

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
    *,
    modality: str | None = "asserted",
    since: date | None = None,
    until: date | None = None,
    min_confidence: float | None = None,
    newest_first: bool = False,
    arrow: bool = False,
) -> Any:
    """The events ``actor`` (actor id, code or country) took part in, oldest first (newest
    first with ``newest_first``; undated last either way), those with a calibrated confidence
    of at least ``min_confidence`` when given.
    ``role`` is ``source``, ``target`` or ``both``; ``counterpart`` is the other side's code
    (None when the event has no other side)."""
    confident, confidence = confidence_terms(min_confidence)
    ensure_codebook(con)
    if has_query_tables(con):
        scope, params = scope_clauses(modality, since, until, day=STORED_DAY)
        order = _NEWEST_FIRST if newest_first else _ORDER
        return _indexed_timeline(
            con, actor, scope + confident, params + confidence, arrow, order=order
        )
    scope, params = scope_clauses(modality, since, until)
    scope, params = scope + confident, params + confidence
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
        WHERE ({is_source} OR {is_target}) {"".join(" AND " + s for s in scope)}
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
    result = con.execute(f"{as_source} UNION ALL {as_target}", params * 2)
    types = convertible_types(result)
    rows = result.to_arrow_table()
    rows = rows.take(pc.sort_indices(rows, sort_keys=order))
    labels = cameo_labels(rows.column("cameo"))
    rows = rows.add_column(TIMELINE_COLUMNS.index("cameo_label"), "cameo_label", labels)
    if arrow:
        return rows
    if types is None:  # not reached with the column types of schema 4: DuckDB converts
        return con.from_arrow(rows).df()
    types.insert(TIMELINE_COLUMNS.index("cameo_label"), "VARCHAR")
    return arrow_frame(rows, types)
