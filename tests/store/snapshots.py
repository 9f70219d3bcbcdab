"""What the store tests compare of a record, and how a difference is reported.

``RECORD`` is what a store says, whoever built it and in whatever order: every stored row but
the run that wrote it, and the merged events with their side ids replaced by what they stand
for. ``LAYOUT`` is how it is laid out: a side's id depends on when the side was first seen
until the next rewrite in side order, and the events an incremental merge appends sit after
the sorted ones (store/derived.py), so two builds of one record have the same layout only
after such a rewrite.

``differences`` names what differs: the table, the key (first column) of each row found on
one side only, and for a row on both sides, its columns with both values, so that a failing
property says which events, mentions or actors moved instead of printing two lists of
hundreds of rows (issue 15).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from eventwire.store import Store, open_store

__all__ = ["LAYOUT", "RECORD", "Table", "differences", "read_tables", "snapshot"]


class Table(NamedTuple):
    columns: tuple[str, ...]
    rows: list[tuple[object, ...]]


RECORD = {
    "articles": "SELECT * EXCLUDE (run_id) FROM articles ORDER BY article_id",
    "sentences": "SELECT * FROM sentences ORDER BY article_id, sentence_index",
    "actor mentions": "SELECT * EXCLUDE (run_id) FROM mentions ORDER BY mention_id",
    "quotes": "SELECT * EXCLUDE (run_id) FROM quotes ORDER BY quote_id",
    "event mentions": "SELECT * EXCLUDE (run_id) FROM event_mentions ORDER BY mention_id",
    "events": """
        SELECT e.* EXCLUDE (source_side, target_side),
               s.actor_id AS source_side_actor_id, s.code AS source_side_code,
               s.country AS source_side_country, t.actor_id AS target_side_actor_id,
               t.code AS target_side_code, t.country AS target_side_country
        FROM events e
        JOIN event_sides s ON s.side_id = e.source_side
        JOIN event_sides t ON t.side_id = e.target_side
        ORDER BY e.event_id
    """,
    "sides": "SELECT actor_id, code, country FROM event_sides ORDER BY ALL",
    "day totals": "SELECT * FROM event_day_totals ORDER BY ALL",
    "actors": "SELECT * FROM actors ORDER BY ALL",
}
LAYOUT = {
    "events in storage order": "SELECT * FROM events ORDER BY rowid",
    "side ids": "SELECT * FROM event_sides ORDER BY ALL",
}


def read_tables(store: Store, queries: dict[str, str]) -> dict[str, Table]:
    """Each query's columns and rows."""
    tables = {}
    for name, sql in queries.items():
        result = store.con.execute(sql)
        columns = tuple(d[0] for d in result.description or ())
        tables[name] = Table(columns, result.fetchall())
    return tables


def snapshot(db: Path, queries: dict[str, str]) -> dict[str, Table]:
    """``read_tables`` of the store at ``db``, opened read-only."""
    with open_store(db, read_only=True) as store:
        return read_tables(store, queries)


def differences(expected: dict[str, Table], actual: dict[str, Table], most: int = 5) -> list[str]:
    """One line per table that differs, naming at most ``most`` rows of each kind."""
    found = []
    for name, want in expected.items():
        got = actual[name]
        if want == got:
            continue
        if want.columns != got.columns:
            found.append(f"{name}: columns {want.columns} != {got.columns}")
            continue
        keyed = _by_key(want.rows), _by_key(got.rows)
        if keyed[0] is None or keyed[1] is None:  # no unique first column: compare rows
            missing = sorted(set(want.rows) - set(got.rows), key=repr)
            extra = sorted(set(got.rows) - set(want.rows), key=repr)
            found.append(
                f"{name}: rows missing {missing[:most]} ({len(missing)}),"
                f" rows extra {extra[:most]} ({len(extra)})"
            )
            continue
        wanted, have = keyed
        changed = {
            key: {
                column: (old, new)
                for column, old, new in zip(want.columns, wanted[key], have[key], strict=True)
                if old != new
            }
            for key in sorted(wanted.keys() & have.keys(), key=repr)
            if wanted[key] != have[key]
        }
        missing_keys = sorted(wanted.keys() - have.keys(), key=repr)
        extra_keys = sorted(have.keys() - wanted.keys(), key=repr)
        parts = [f"{name} (by {want.columns[0]}):"]
        if missing_keys:
            parts.append(f"missing {missing_keys[:most]} ({len(missing_keys)})")
        if extra_keys:
            parts.append(f"extra {extra_keys[:most]} ({len(extra_keys)})")
        if changed:
            shown = "; ".join(f"{key}: {columns}" for key, columns in list(changed.items())[:most])
            parts.append(f"changed ({len(changed)}, column: (expected, actual)) {shown}")
        if len(parts) == 1:  # same rows, another order
            parts.append("same rows in another order")
        found.append(" ".join(parts))
    return found


def _by_key(rows: list[tuple[object, ...]]) -> dict[object, tuple[object, ...]] | None:
    keyed = {row[0]: row for row in rows}
    return keyed if len(keyed) == len(rows) else None
