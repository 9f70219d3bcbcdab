"""What merging derives for the reads (issue 7): it always equals what the straightforward
queries compute from ``events`` and ``event_mentions``, and migration 4 derives the same for a
store made at schema 3."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import pytest

from eventwire.store import Store, open_store
from eventwire.store.derived import EVENT_COLUMNS, SIDE_ORDER
from eventwire.store.schema import MIGRATIONS, migrate
from tests.store.builders import corpus, fill, ingest, later_ingests

# Each should be empty: a derived value that differs from its definition.
DERIVED_DISAGREES = {
    "unique event ids (no key enforces them since migration 4)": """
        SELECT event_id FROM events GROUP BY event_id HAVING count(*) > 1
    """,
    "representative report": """
        SELECT e.event_id FROM events e JOIN event_mentions r ON r.mention_id = e.first_mention_id
        WHERE e.sentence IS DISTINCT FROM r.sentence
           OR e.source_name IS DISTINCT FROM r.source_name
           OR e.target_name IS DISTINCT FROM r.target_name
           OR e.sentence_article_id IS DISTINCT FROM r.article_id
    """,
    # its own date's first day, else its report's day; none for undated background (issue 14)
    "day": """
        SELECT event_id FROM events
        WHERE event_day IS DISTINCT FROM CASE
            WHEN date_start IS NOT NULL THEN date_start
            WHEN date_value = 'PAST_REF' THEN NULL
            ELSE first_reported END
    """,
    "sides": """
        SELECT e.event_id FROM events e
        JOIN event_sides s ON s.side_id = e.source_side
        JOIN event_sides t ON t.side_id = e.target_side
        WHERE s.actor_id IS DISTINCT FROM e.source_actor_id
           OR s.code IS DISTINCT FROM e.source_code
           OR s.country IS DISTINCT FROM e.source_country
           OR t.actor_id IS DISTINCT FROM e.target_actor_id
           OR t.code IS DISTINCT FROM e.target_code
           OR t.country IS DISTINCT FROM e.target_country
        UNION ALL
        SELECT event_id FROM events
        WHERE source_side NOT IN (SELECT side_id FROM event_sides)
           OR target_side NOT IN (SELECT side_id FROM event_sides)
    """,
    "daily totals": """
        (SELECT event_day, modality, count(*) FROM events WHERE event_day IS NOT NULL
         GROUP BY ALL
         EXCEPT ALL SELECT day, modality, events FROM event_day_totals)
        UNION ALL
        (SELECT day, modality, events FROM event_day_totals
         EXCEPT ALL SELECT event_day, modality, count(*) FROM events
         WHERE event_day IS NOT NULL GROUP BY ALL)
    """,
    "weekly counts": """
        WITH defined AS (
            SELECT CAST(date_trunc('week', event_day) AS DATE) AS week, modality,
                   source_country, target_country, plover_category,
                   (SELECT max(k) FROM range(0, 21) r(k) WHERE confidence >= k / 20) AS step,
                   count(*) AS n
            FROM events WHERE event_day IS NOT NULL
              AND (date_start IS NULL OR date_end IS NULL
                   OR date_trunc('week', date_start) = date_trunc('week', date_end))
            GROUP BY ALL)
        (SELECT * FROM defined EXCEPT ALL
         SELECT week, modality, source_country, target_country, plover_category,
                confidence_step, events FROM event_week_counts)
        UNION ALL
        (SELECT week, modality, source_country, target_country, plover_category,
                confidence_step, events FROM event_week_counts
         EXCEPT ALL SELECT * FROM defined)
    """,
    "range counts": """
        WITH defined AS (
            SELECT event_day, modality, date_start, date_end, source_country, target_country,
                   plover_category,
                   (SELECT max(k) FROM range(0, 21) r(k) WHERE confidence >= k / 20) AS step,
                   count(*) AS n
            FROM events WHERE event_day IS NOT NULL AND date_start <> date_end
            GROUP BY ALL)
        (SELECT * FROM defined EXCEPT ALL SELECT * FROM event_range_counts)
        UNION ALL
        (SELECT * FROM event_range_counts EXCEPT ALL SELECT * FROM defined)
    """,
    "event keys": """
        WITH defined AS (
            SELECT e.event_id, r.mention_id, e.source_side, e.target_side, e.event_day
            FROM events e JOIN event_mentions r ON r.event_id = e.event_id)
        (SELECT * FROM defined EXCEPT ALL SELECT * FROM event_keys)
        UNION ALL
        (SELECT * FROM event_keys EXCEPT ALL SELECT * FROM defined)
    """,
}


def assert_derived_exactly(store: Store) -> None:
    for name, sql in DERIVED_DISAGREES.items():
        assert store.con.execute(sql).fetchall() == [], name
    keys = store.query("SELECT event_id, mention_id FROM event_keys ORDER BY rowid")
    in_order = keys.sort_values(["event_id", "mention_id"], ignore_index=True)
    pd.testing.assert_frame_equal(keys, in_order, obj="event_keys in id order")
    stored = store.query("SELECT event_id FROM events ORDER BY rowid")["event_id"].tolist()
    ordered = store.query(f"SELECT event_id FROM events ORDER BY {SIDE_ORDER}")
    assert stored == ordered["event_id"].tolist(), "events are not in side order"


def test_derived_tables_stay_exact_across_ingests_merges_and_reingests(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.duckdb") as store:
        fill(store)
        assert_derived_exactly(store)
        before = store.counts()["events"]
        added, bridging = later_ingests()
        ingest(store, added)
        assert_derived_exactly(store)
        assert store.counts()["events"] == before + 3  # one report joined the June signing
        ingest(store, bridging)
        assert_derived_exactly(store)
        assert store.counts()["events"] == before + 2  # one more report, two events now one
        totals = store.query("SELECT sum(events) AS n FROM event_day_totals")["n"].iloc[0]
        ingest(store, corpus() + added + bridging)  # a re-ingest: nothing new
        assert_derived_exactly(store)
        # guards the comparison of the range counts against comparing empty tables
        assert store.query("SELECT sum(events) AS n FROM event_range_counts")["n"].iloc[0] > 0
        assert store.query("SELECT sum(events) AS n FROM event_day_totals")["n"].iloc[0] == totals


def test_merging_twice_changes_nothing(tmp_path: Path) -> None:
    with open_store(tmp_path / "e.duckdb") as store:
        fill(store)
        first = {t: store.query(f"SELECT * FROM {t} ORDER BY ALL") for t in _DERIVED_TABLES}
        store.merge_events(window_days=1)
        for table, frame in first.items():
            pd.testing.assert_frame_equal(store.query(f"SELECT * FROM {table} ORDER BY ALL"), frame)


_DERIVED_TABLES = (
    "events",
    "event_sides",
    "event_day_totals",
    "event_week_counts",
    "event_range_counts",
    "event_keys",
)
# The events columns a store at schema 3 has (migrations 1 and 2).
_SCHEMA_3_EVENT_COLUMNS = EVENT_COLUMNS[: EVENT_COLUMNS.index("first_article_id") + 1]


def test_migration_4_upgrades_a_store_made_at_schema_3(tmp_path: Path) -> None:
    """A store made before migration 4 (its tables copied from one merged now, its events in
    another order) is upgraded on opening to what merging derives."""
    current = tmp_path / "current.duckdb"
    with open_store(current) as store:
        fill(store)
        ingest(store, later_ingests()[0])
    old = tmp_path / "schema3.duckdb"
    con = duckdb.connect(str(old))
    assert migrate(con, until=3) == [1, 2, 3]
    con.execute(f"ATTACH '{current}' AS current (READ_ONLY)")
    for table in ("runs", "articles", "event_mentions", "article_signatures", "sentences"):
        # Columns added by later migrations: articles.notes (6), event_mentions.rule (9).
        later = {"articles": " EXCLUDE (notes)", "event_mentions": " EXCLUDE (rule)"}.get(table, "")
        con.execute(f"INSERT INTO {table} SELECT *{later} FROM current.{table}")
    columns = ", ".join(_SCHEMA_3_EVENT_COLUMNS)
    con.execute(
        f"INSERT INTO events ({columns}) SELECT {columns} FROM current.events"
        " ORDER BY event_id DESC"
    )
    con.execute("DETACH current")
    con.close()

    with open_store(old) as upgraded, open_store(current, read_only=True) as merged:
        versions = upgraded.query("SELECT version FROM schema_migrations ORDER BY version")
        assert versions["version"].tolist() == [m.version for m in MIGRATIONS]
        assert_derived_exactly(upgraded)
        for table in _DERIVED_TABLES:
            pd.testing.assert_frame_equal(
                upgraded.query(f"SELECT * FROM {table} ORDER BY ALL"),
                merged.query(f"SELECT * FROM {table} ORDER BY ALL"),
            )
        indexes = upgraded.query("SELECT index_name FROM duckdb_indexes() ORDER BY ALL")
        assert "events_dyad" not in set(indexes["index_name"])


@pytest.mark.parametrize("until", [1, 2, 3])
def test_migrate_until_stops_at_that_version(tmp_path: Path, until: int) -> None:
    con = duckdb.connect(str(tmp_path / "e.duckdb"))
    assert migrate(con, until=until) == list(range(1, until + 1))
    assert migrate(con) == [m.version for m in MIGRATIONS if m.version > until]
    con.close()
