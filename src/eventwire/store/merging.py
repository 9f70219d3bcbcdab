"""Running the merge over a store: the full merge, and the incremental one every ingest uses.

A full merge reads every stored mention in storage order, clusters them
(``merge.merge_mentions``) and rewrites ``event_mentions.event_id``, the events and what the
reads derive from them (``derived.rewrite_events``) and the ``actors`` table.

Clustering is per merge group (source, target, PLOVER category, modality), and within a group
per date segment (``_TOUCHED_SEGMENTS``), so an incremental merge re-clusters only the
segments of the groups with a mention it has not seen settled, with all of their mentions in
the same relative storage order, and gets exactly what the full merge gets:

- *Touched groups* are the groups of the mentions without an event (never merged) and of the
  mentions of an unsettled run; of those groups, the segments holding such a mention are
  read and clustered again. A run is settled once a merge has seen it (``merged_runs``)
  and a complete run started at or after it. Storage order is content order (article,
  sentence, trigger: ``_STORAGE_ORDER``), whatever run stored a mention and when (issue 15),
  so a new mention may sort before old ones; it only ever does so inside the segments it
  falls in, which are re-clustered whole. An untouched segment's events are therefore what a
  full merge would give. (Re-clustering the mentions of unsettled runs as well is more than
  content order needs, and kept as a cheap safety margin.)
- Only events whose mentions changed are rewritten (``derived.update_events``): an event of a
  touched group that keeps exactly its mentions keeps its id, representative and counts, since
  all three depend on its mentions and their relative order only.
- The actor ids named by the new mentions (actor mentions and event sides of unsettled runs,
  event sides of mentions never merged) get their row of ``actors`` derived again from all of
  their evidence; evidence is only ever added, so no other actor's row can change.
- The one removal: an exact copy of an article that sorts before the stored copy replaces it
  (``Store.write_articles``, issue 15), and its rows go. The store notes the events its
  reports were in (``stale_events``) and the actors it named (``stale_actors``); their
  mentions count as unsettled, so their segments are clustered again, a stale event is
  rewritten (or removed) even when its remaining mentions match, and a stale actor's row is
  derived again, or dropped when no evidence is left. Every merge empties both tables.

A merge made with another window or place rule than the stored one (``merge_state``), or on
a store without that record (made before schema migration 5, or whose events were written by
something else), is a full one. ``tests/store/test_incremental.py`` checks that incremental
merges after random sequences of ingests leave the store as a full merge does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import duckdb
import pandas as pd

from ..errors import StoreError
from . import derived
from .derived import resort_events, rewrite_events, update_events
from .merge import MergedEvent, mention_rows, merge_mentions

__all__ = ["merge_store"]


def merge_store(
    con: duckdb.DuckDBPyConnection, window_days: int, *, by_place: bool, full: bool
) -> int:
    """Merge the stored mentions into events (incrementally unless ``full`` or impossible);
    return the number of events."""
    if full or not _incremental_possible(con, window_days, by_place):
        return _full_merge(con, window_days, by_place)
    return _incremental_merge(con, window_days, by_place)


def _incremental_possible(con: duckdb.DuckDBPyConnection, window_days: int, by_place: bool) -> bool:
    rows = con.execute("SELECT window_days, by_place FROM merge_state").fetchall()
    return rows == [(window_days, by_place)]


# A run's generation: the first complete run started at or after it, so the rows of a run that
# was killed or failed sort with the run that completed it; the running run sorts last.
_GENERATION = """
    generation AS (
        SELECT r.run_id,
               (SELECT min(c.started_at) FROM runs c
                WHERE c.status = 'complete' AND c.started_at >= r.started_at) AS completed_by
        FROM runs r
    )
"""

# An unresolved side ("a Russian court") groups by its words, so that two different unnamed
# actors never merge into one event through a shared "unknown". ``m`` is event_mentions.
_SOURCE_KEY = "coalesce(m.source_country, m.source_actor_id, '?' || lower(m.source_text))"
_TARGET_KEY = "coalesce(m.target_country, m.target_actor_id, '?' || lower(m.target_text))"

# What merging reads of a mention (``_mention_rows``), ``m`` holding the side keys as
# ``source_key`` and ``target_key``, in content order (merge.py's id guarantee): article,
# sentence and trigger — never the run or the order the mentions were stored in (issue 15:
# two build orders of the same 98 articles gave 8 of 241 event ids differently).
_MENTION_COLUMNS = """m.mention_id, m.article_id, m.source_domain, m.source_key, m.target_key,
    m.plover_category, m.modality, m.cameo, m.confidence, m.date_start, m.date_end,
    m.location_country, m.event_id"""
_STORAGE_ORDER = "m.article_id, m.sentence_index, m.trigger_start, m.mention_id"
_KEYED = f"""m.mention_id, m.article_id, m.source_domain, m.plover_category, m.modality,
    m.cameo, m.confidence, m.date_start, m.date_end, m.location_country, m.event_id, m.run_id,
    m.sentence_index, m.trigger_start, {_SOURCE_KEY} AS source_key, {_TARGET_KEY} AS target_key"""
_MENTIONS_IN_STORAGE_ORDER = f"""
    SELECT {_MENTION_COLUMNS}
    FROM (SELECT {_KEYED} FROM event_mentions m) m
    ORDER BY {_STORAGE_ORDER}
"""

# Runs whose rows are final in storage order and already merged (see the module docstring).
_SETTLED_RUNS = f"""
    CREATE OR REPLACE TEMP TABLE eventwire_settled_runs AS
    WITH {_GENERATION}
    SELECT run_id FROM generation JOIN merged_runs USING (run_id)
    WHERE completed_by IS NOT NULL
"""

# Mentions an incremental merge has not seen settled, and the mentions of events that lost a
# report (a replaced exact copy's: ``stale_events``), which are clustered again as well.
_UNSETTLED = """(m.event_id IS NULL OR m.run_id NOT IN (SELECT run_id FROM eventwire_settled_runs)
    OR m.event_id IN (SELECT event_id FROM stale_events))"""


def _group_sql(value: str) -> str:
    """SQL for ``merge.group_key``'s treatment of one part: NULL and '' become '-'."""
    return f"coalesce(nullif({value}, ''), '-')"


_GROUP_PARTS = (
    _group_sql(_SOURCE_KEY),
    _group_sql(_TARGET_KEY),
    _group_sql("m.plover_category"),
    "m.modality",
)
_GROUP = ", ".join(f"{part} AS g{i}" for i, part in enumerate(_GROUP_PARTS))
_TOUCHED_GROUPS = f"""
    CREATE OR REPLACE TEMP TABLE eventwire_touched_groups AS
    SELECT DISTINCT {_GROUP} FROM event_mentions m WHERE {_UNSETTLED}
"""

# The mentions a new one can change the event of. Within a group, merging sweeps the dated
# mentions by start date, and a mention starting more than twice the window after every
# earlier one ended can reach none of their events: it starts a *segment* whose events do
# not depend on the mentions before it (merge.py: a cluster stays reachable while
# ``start - window <= its last end + window``). New mentions only ever join segments, so a
# segment without an unsettled mention is one the last merge saw whole, with the same events.
# What an incremental merge re-clusters is the segments of touched groups holding an
# unsettled mention, and the unsettled undated mentions (each its own event): a busy group
# is not read whole into Python for every report added to it. ``{reach}`` is twice the window.
_TOUCHED_SEGMENTS = f"""
    WITH touched AS (
        SELECT * FROM (
            SELECT {_KEYED}, {_GROUP}, {_UNSETTLED} AS unsettled,
                   m.date_start IS NOT NULL AND m.date_end IS NOT NULL AS dated,
                   hash(g0, g1, g2, g3) AS part
            FROM event_mentions m
        ) SEMI JOIN eventwire_touched_groups USING (g0, g1, g2, g3)
    ),
    -- Segments are found per hash of the group (sorting by an integer, not four strings):
    -- two groups sharing a hash are swept together, which can only join segments, so what
    -- is chosen still holds every segment with an unsettled mention, whole.
    days AS (
        SELECT part, date_start, max(date_end) AS date_end, bool_or(unsettled) AS unsettled
        FROM touched WHERE dated GROUP BY part, date_start
    ),
    segmented AS (
        SELECT *, sum(CASE WHEN reached IS NULL OR date_start > reached + {{reach}} THEN 1 END)
                      OVER (PARTITION BY part ORDER BY date_start) AS segment
        FROM (
            SELECT part, date_start, unsettled, max(date_end) OVER (
                       PARTITION BY part ORDER BY date_start
                       ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING
                   ) AS reached
            FROM days
        )
    ),
    -- A segment is a range of start days of its group (tied starts are never apart).
    hit AS (
        SELECT part, min(date_start) AS first, max(date_start) AS last FROM segmented
        GROUP BY part, segment HAVING bool_or(unsettled)
    ),
    chosen AS (
        SELECT t.* FROM touched t JOIN hit h
            ON t.part = h.part AND t.date_start BETWEEN h.first AND h.last
        WHERE t.dated
        UNION ALL
        SELECT * FROM touched WHERE unsettled AND NOT dated
    )
    SELECT {_MENTION_COLUMNS}
    FROM chosen m
    ORDER BY {_STORAGE_ORDER}
"""

# The actor ids new evidence names.
_TOUCHED_ACTORS = f"""
    CREATE OR REPLACE TEMP TABLE eventwire_touched_actors AS
    SELECT actor_id FROM mentions
    WHERE actor_id IS NOT NULL
        AND run_id NOT IN (SELECT run_id FROM eventwire_settled_runs)
    UNION
    SELECT unnest([m.source_actor_id, m.target_actor_id]) FROM event_mentions m
    WHERE {_UNSETTLED}
    UNION
    SELECT actor_id FROM stale_actors
"""

# Everything said about each actor id, by actor mentions and by event arguments;
# ``{only}`` limits it to some actor ids (a condition on ``actor_id`` with ``{column}``).
_ACTOR_EVIDENCE = """
    SELECT actor_id, name, kind, country, code, sector, count(*) AS n FROM (
        SELECT actor_id, name, kind, country, code, sector FROM mentions
        WHERE actor_id IS NOT NULL {only_actor}
        UNION ALL
        SELECT source_actor_id, source_name, NULL, source_country, source_code, source_sector
        FROM event_mentions WHERE source_actor_id IS NOT NULL {only_source}
        UNION ALL
        SELECT target_actor_id, target_name, NULL, target_country, target_code, target_sector
        FROM event_mentions WHERE target_actor_id IS NOT NULL {only_target}
    )
    GROUP BY ALL
"""
_ACTOR_COLUMNS = ("actor_id", "name", "kind", "country", "code", "sector")


def _actor_evidence(con: duckdb.DuckDBPyConnection, *, touched_only: bool) -> pd.DataFrame:
    only = " AND {} IN (SELECT actor_id FROM eventwire_touched_actors)"
    columns = {"only_actor": "actor_id", "only_source": "source_actor_id"}
    columns["only_target"] = "target_actor_id"
    sql = _ACTOR_EVIDENCE.format(
        **{key: only.format(column) if touched_only else "" for key, column in columns.items()}
    )
    return _actor_table(con.execute(sql).fetchall())


def _full_merge(con: duckdb.DuckDBPyConnection, window_days: int, by_place: bool) -> int:
    rows = con.execute(_MENTIONS_IN_STORAGE_ORDER).fetchall()
    merged = merge_mentions(mention_rows(rows), window_days, by_place=by_place)
    assignment = _assignment(merged)
    actors = _actor_evidence(con, touched_only=False)
    with _transaction(con, assignment=assignment, summary=_summary(merged), actors=actors):
        _assign(con)
        rewrite_events(con, "summary_df")
        con.execute("DELETE FROM actors")
        _insert_actors(con)
        con.execute("DELETE FROM merge_state")
        con.execute("INSERT INTO merge_state VALUES (?, ?, 0)", [window_days, by_place])
        _record_runs(con)
    return len(merged)


def _record_runs(con: duckdb.DuckDBPyConnection) -> None:
    """Note the runs this merge saw, and that nothing is stale any more."""
    con.execute("INSERT INTO merged_runs SELECT run_id FROM runs ON CONFLICT DO NOTHING")
    con.execute("DELETE FROM stale_events")
    con.execute("DELETE FROM stale_actors")


def _incremental_merge(con: duckdb.DuckDBPyConnection, window_days: int, by_place: bool) -> int:
    try:
        con.execute(_SETTLED_RUNS)
        con.execute(_TOUCHED_GROUPS)
        con.execute(_TOUCHED_ACTORS)
        rows = con.execute(_TOUCHED_SEGMENTS.format(reach=2 * int(window_days))).fetchall()
        actors = _actor_evidence(con, touched_only=True)
        touched_actors = con.execute("SELECT actor_id FROM eventwire_touched_actors").df()
    finally:
        for table in ("settled_runs", "touched_groups", "touched_actors"):
            con.execute(f"DROP TABLE IF EXISTS eventwire_{table}")
    stale = {str(r[0]) for r in con.execute("SELECT event_id FROM stale_events").fetchall()}
    if not rows and actors.empty and not stale and touched_actors.empty:
        # nothing new (a re-ingest): only the runs are recorded
        with _transaction(con):
            _record_runs(con)
        return _event_count(con)
    merged = merge_mentions(mention_rows(rows), window_days, by_place=by_place)
    before: dict[str, set[str]] = {}
    for row in rows:
        if row[-1] is not None:
            before.setdefault(row[-1], set()).add(row[0])
    # An event that keeps exactly its mentions keeps everything (see the module docstring),
    # unless it lost a report: its row still counts that report.
    kept = {e.event_id for e in merged if before.get(e.event_id) == set(e.mention_ids)} - stale
    changed = [e for e in merged if e.event_id not in kept]
    was = {row[0]: row[-1] for row in rows}
    assignment = _assignment(changed, unless=was)
    removed = pd.DataFrame({"event_id": sorted((set(before) | stale) - kept)}, dtype=object)
    with _transaction(
        con,
        assignment=assignment,
        summary=_summary(changed),
        actors=actors,
        removed=removed,
        touched_actors=touched_actors,
    ):
        _assign(con)
        appended = update_events(con, "summary_df", "removed_df")
        # Every touched actor's row is derived again; one left without evidence (named only
        # by a replaced copy) has none any more, as after a full merge.
        con.execute("DELETE FROM actors WHERE actor_id IN (SELECT actor_id FROM touched_actors_df)")
        _insert_actors(con)
        _note_appended(con, appended)
        _record_runs(con)
    return _event_count(con)


def _event_count(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM events").fetchone()
    return int(row[0]) if row else 0


def _note_appended(con: duckdb.DuckDBPyConnection, appended: int) -> None:
    """Count the unsorted tail; past ``derived.RESORT_TAIL_FRACTION`` of the table (read
    here, so a benchmark can change it), sort it away."""
    row = con.execute(
        "UPDATE merge_state SET appended_events = appended_events + ? RETURNING appended_events",
        [appended],
    ).fetchone()
    tail = int(row[0]) if row else 0
    if tail and tail > derived.RESORT_TAIL_FRACTION * _event_count(con):
        resort_events(con)
        con.execute("UPDATE merge_state SET appended_events = 0")


@contextmanager
def _transaction(con: duckdb.DuckDBPyConnection, **frames: pd.DataFrame) -> Iterator[None]:
    """One transaction with these DataFrames registered as ``NAME_df``; a DuckDB error rolls
    it back and becomes a ``StoreError``."""
    con.execute("BEGIN TRANSACTION")
    try:
        for name, frame in frames.items():
            con.register(f"{name}_df", frame)
        yield
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"cannot merge events: {exc}") from None
    except BaseException:
        con.execute("ROLLBACK")
        raise
    finally:
        for name in frames:
            con.unregister(f"{name}_df")


def _assign(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "UPDATE event_mentions SET event_id = a.event_id FROM assignment_df a"
        " WHERE event_mentions.mention_id = a.mention_id"
        " AND event_mentions.event_id IS DISTINCT FROM a.event_id"
    )


def _insert_actors(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        "INSERT INTO actors (actor_id, name, kind, country, code, sector)"
        " SELECT actor_id, name, kind, country, code, sector FROM actors_df"
    )


def _assignment(
    merged: Sequence[MergedEvent], *, unless: dict[str, str | None] | None = None
) -> pd.DataFrame:
    """Each mention with its event, leaving out those ``unless`` already gives that event."""
    known = unless or {}
    return pd.DataFrame(
        [(m, e.event_id) for e in merged for m in e.mention_ids if known.get(m) != e.event_id],
        columns=["mention_id", "event_id"],
        dtype=object,
    )


def _summary(merged: Sequence[MergedEvent]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "event_id": pd.Series([e.event_id for e in merged], dtype=object),
            "rep": pd.Series([e.representative for e in merged], dtype=object),
            "num_mentions": pd.Series([e.num_mentions for e in merged], dtype="int64"),
            "num_articles": pd.Series([e.num_articles for e in merged], dtype="int64"),
            "num_sources": pd.Series([e.num_sources for e in merged], dtype="int64"),
            "conf": pd.Series([e.confidence for e in merged], dtype="float64"),
        }
    )


def _actor_table(evidence: list[tuple[Any, ...]]) -> pd.DataFrame:
    """One row per actor id: each attribute is its most frequent non-null value (ties: the
    smallest), so the table does not depend on the order rows were stored in."""
    tallies: dict[str, list[Counter[str]]] = {}
    for row in evidence:
        counters = tallies.setdefault(row[0], [Counter() for _ in _ACTOR_COLUMNS[1:]])
        for counter, value in zip(counters, row[1:-1], strict=True):
            if value is not None:
                counter[value] += row[-1]
    records = [
        (actor_id, *(_most_frequent(c) for c in counters))
        for actor_id, counters in sorted(tallies.items())
    ]
    return pd.DataFrame(records, columns=list(_ACTOR_COLUMNS), dtype=object)


def _most_frequent(counter: Counter[str]) -> str | None:
    return min(counter, key=lambda value: (-counter[value], value)) if counter else None
