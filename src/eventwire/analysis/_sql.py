"""Shared pieces of the analysis queries: fetching as pandas or Arrow, the CAMEO codebook as a
temporary table, and how an actor name given by a user matches a side of an event."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from functools import cache
from typing import Any, Literal

import duckdb
import pandas as pd

from ..events.ontology import DATA_DIR, load_ontology

__all__ = [
    "EVENT_DAY",
    "Freq",
    "codebook_digest",
    "ensure_codebook",
    "fetch",
    "scope_clauses",
    "side_matches",
]

Freq = Literal["day", "week", "month"]
FREQS: tuple[Freq, ...] = ("day", "week", "month")

# An event's day is the first day of its date interval ("2024-06" → 2024-06-01); an event the
# text gives no date for falls on the day of its earliest report. ``e`` is the events table.
EVENT_DAY = "coalesce(e.date_start, e.first_reported)"


def fetch(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any], arrow: bool) -> Any:
    """Run ``sql``; a pandas DataFrame, or a pyarrow Table when ``arrow`` is true."""
    result = con.execute(sql, list(params))
    return result.to_arrow_table() if arrow else result.df()


def scope_clauses(modality: str | None, since: Any, until: Any) -> tuple[list[str], list[Any]]:
    """WHERE clauses (on alias ``e``) and their parameters for a modality and a date range."""
    scope: list[str] = []
    params: list[Any] = []
    if modality is not None:
        scope.append("e.modality = ?")
        params.append(modality)
    if since:
        scope.append(f"{EVENT_DAY} >= ?")
        params.append(since)
    if until:
        scope.append(f"{EVENT_DAY} <= ?")
        params.append(until)
    return scope, params


def side_matches(side: str) -> str:
    """SQL true when the user's actor name (one ``?`` parameter) names this side of ``e``: its
    actor id (``person/vladimir-putin``), its code on the day (``RUSGOV``) or its country
    (``RUS``)."""
    return f"(? IN (e.{side}_actor_id, e.{side}_code, e.{side}_country))"


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
