"""Shared pieces of the analysis queries: fetching as pandas or Arrow, the CAMEO codebook as a
temporary table, and how an actor name given by a user matches a side of an event.

Two ways to match: ``side_matches`` compares the name with a side's actor id, code and
country on every event (the straightforward query, for stores made before schema migration 4
and opened read-only); ``side_ids`` turns the name into the ids of the ``event_sides`` it
names, and ``side_in`` compares one integer column, on which DuckDB's zonemaps skip the row
groups that cannot hold those ids (``eventwire.store.derived`` explains the layout).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ..events.ontology import DATA_DIR, load_ontology
from ._frames import result_frame

__all__ = [
    "EVENT_DAY",
    "IS_UNDATED_BACKGROUND",
    "REPORT_DAY",
    "STORED_DAY",
    "UNDATED_BACKGROUND",
    "Freq",
    "cameo_labels",
    "codebook_digest",
    "count_of",
    "disjoint",
    "ensure_codebook",
    "event_day_sql",
    "fetch",
    "has_column",
    "has_event_keys",
    "has_query_tables",
    "has_range_counts",
    "has_week_counts",
    "side_ids",
    "side_in",
    "side_matches",
]

Freq = Literal["day", "week", "month"]
FREQS: tuple[Freq, ...] = ("day", "week", "month")

# TIMEX3's "some time in the past": the date of an event told as background with no date of
# its own ("had agreed", "an attack that killed 19": events/dating/attachment.py).
UNDATED_BACKGROUND = "PAST_REF"


def event_day_sql(date_start: str, date_value: str, first_reported: str) -> str:
    """SQL of an event's day from its columns: the first day of its date interval ("2024-06"
    → 2024-06-01); for an event the text gives no date for, the day of its earliest report;
    NULL for undated background (``UNDATED_BACKGROUND``), which belongs to no period (issue
    14: a 2014 kidnapping recalled in this week's news is no event of this week, and its own
    day is unknown). Every series leaves a NULL day out; event lists keep such events."""
    return (
        f"coalesce({date_start}, CASE WHEN {date_value} IS DISTINCT FROM"
        f" '{UNDATED_BACKGROUND}' THEN {first_reported} END)"
    )


# The day of event ``e`` (the events table).
EVENT_DAY = event_day_sql("e.date_start", "e.date_value", "e.first_reported")
# SQL true for an undated background event ``e``, which has no day; its report's day, the
# range a series says it left such events out of.
IS_UNDATED_BACKGROUND = f"(e.date_start IS NULL AND e.date_value = '{UNDATED_BACKGROUND}')"
REPORT_DAY = "e.first_reported"
# The same day, as merging stores it (schema migration 4): a range on it prunes row groups.
STORED_DAY = "e.event_day"


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any], arrow: bool) -> Any:
    """Run ``sql``; a pandas DataFrame (the one DuckDB's ``df()`` gives, converted through
    Arrow: ``_frames``), or a pyarrow Table when ``arrow`` is true."""
    result = con.execute(sql, list(params))
    return result.to_arrow_table() if arrow else result_frame(result)


def count_of(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any]) -> int:
    """The number ``sql`` (a one-value query: ``SELECT count(*) ...``) gives; 0 for NULL."""
    row = con.execute(sql, list(params)).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def has_query_tables(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has what merging derives for the reads (schema migration 4)."""
    row = con.execute("SELECT count(*) FROM schema_migrations WHERE version = 4").fetchone()
    return bool(row and row[0])


def has_week_counts(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has the weekly counts merging keeps (``event_week_counts``, schema
    migration 8). Asked of the catalogue, not of the migration number: the number moved
    when two branches both added a migration 7."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'event_week_counts'"
        " AND NOT temporary"
    ).fetchone()
    return bool(row and row[0])


def has_range_counts(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has the counts of events dated to a range of days that merging keeps
    (``event_range_counts``, schema migration 10: issue 17), asked of the catalogue."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'event_range_counts'"
        " AND NOT temporary"
    ).fetchone()
    return bool(row and row[0])


def has_event_keys(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the store has the key table of the events that merging keeps (``event_keys``,
    schema migration 11: issue 17), asked of the catalogue."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'event_keys' AND NOT temporary"
    ).fetchone()
    return bool(row and row[0])


def has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    """Whether the store's ``table`` has ``column`` (a store opened read-only is not migrated,
    so an older one may lack a column a later migration adds)."""
    row = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = ? AND column_name = ?",
        [table, column],
    ).fetchone()
    return bool(row and row[0])


def side_ids(
    con: duckdb.DuckDBPyConnection, name: str, *, country_only: bool = False
) -> tuple[int, ...]:
    """The ids of the event sides that ``name`` names: by actor id, code or country, as
    ``side_matches``; by country only with ``country_only``."""
    where = "country = ?" if country_only else "? IN (actor_id, code, country)"
    rows = con.execute(
        f"SELECT side_id FROM event_sides WHERE {where} ORDER BY side_id", [name]
    ).fetchall()
    return tuple(int(row[0]) for row in rows)


def side_in(side: str, ids: Sequence[int]) -> str:
    """SQL true when this side of ``e`` has one of ``ids``: their range first, which DuckDB
    pushes into the scan and checks against each row group's zonemap, then the exact list
    (side ids are never NULL, so the condition is never NULL either)."""
    if not ids:
        return "FALSE"
    column, low, high = f"e.{side}_side", min(ids), max(ids)
    if high - low + 1 == len(set(ids)):
        return f"({column} BETWEEN {low} AND {high})"
    listed = ", ".join(str(int(i)) for i in sorted(set(ids)))
    return f"({column} BETWEEN {low} AND {high} AND {column} IN ({listed}))"


def disjoint(branches: Sequence[str]) -> list[str]:
    """Conditions that select each row at most once when their queries are joined with
    UNION ALL: each branch without the rows of the branches before it; branches that select
    nothing are left out (one stays, so the query keeps its columns).

    An OR across two columns (``source_side IN … OR target_side IN …``) cannot be pushed into
    the scan; each branch alone can, so "either side" becomes two pruned scans."""
    kept = [b for b in branches if b != "FALSE"] or ["FALSE"]
    return [" AND ".join([b, *(f"NOT ({p})" for p in kept[:i])]) for i, b in enumerate(kept)]


def side_matches(side: str) -> str:
    """SQL true when the user's actor name (one ``?`` parameter) names this side of ``e``: its
    actor id (``person/vladimir-putin``), its code on the day (``RUSGOV``) or its country
    (``RUS``)."""
    return f"(? IN (e.{side}_actor_id, e.{side}_code, e.{side}_country))"


@cache
def _codebook_arrays() -> tuple[pa.Array, pa.Array]:
    frame = _codebook_frame()
    return pa.array(frame["code"], pa.string()), pa.array(frame["label"], pa.string())


def cameo_labels(codes: pa.ChunkedArray) -> pa.ChunkedArray:
    """The label of each CAMEO code in ``codes`` (Arrow strings), NULL for a code the codebook
    lacks: what ``LEFT JOIN cameo_codebook c ON c.code = e.cameo`` gives for ``c.label``."""
    known, labels = _codebook_arrays()
    return labels.take(pc.index_in(codes, value_set=known))


@cache
def _codebook_frame() -> pd.DataFrame:
    rows = [(c.code, c.label) for c in load_ontology()]
    return pd.DataFrame(rows, columns=["code", "label"])


def ensure_codebook(con: duckdb.DuckDBPyConnection) -> None:
    """Create the temporary table ``cameo_codebook(code, label)`` on this connection once
    (temporary tables work on read-only connections too)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'cameo_codebook' AND temporary"
    ).fetchone()
    if exists and exists[0]:
        return
    con.register("cameo_codebook_df", _codebook_frame())
    try:
        con.execute("CREATE TEMP TABLE cameo_codebook AS SELECT * FROM cameo_codebook_df")
    finally:
        con.unregister("cameo_codebook_df")


@cache
def codebook_digest() -> str:
    """The SHA-256 of the shipped CAMEO/PLOVER table: names the codebook an output was made
    with (the table has no version number of its own; any edit changes the digest)."""
    return hashlib.sha256((DATA_DIR / "cameo.csv").read_bytes()).hexdigest()
