"""The DuckDB schema, as migrations registered in code and recorded in the database.

A migration is applied once, in order, inside a transaction; ``schema_migrations`` records it.
Never edit a released migration: add the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from .derived import EVENT_KEYS, RANGE_COUNTS, SIDE_ORDER, WEEK_COUNTS, z_order

__all__ = ["MIGRATIONS", "Migration", "migrate"]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial tables",
        """
        CREATE TABLE runs (
            run_id VARCHAR PRIMARY KEY,
            started_at TIMESTAMP NOT NULL,
            finished_at TIMESTAMP,
            status VARCHAR NOT NULL,            -- running | complete | failed | died
            inputs VARCHAR NOT NULL,            -- JSON list of the paths given
            config_hash VARCHAR NOT NULL,
            package_version VARCHAR NOT NULL,
            model VARCHAR NOT NULL,
            model_version VARCHAR NOT NULL,
            articles_read INTEGER DEFAULT 0,
            articles_new INTEGER DEFAULT 0,
            duplicates INTEGER DEFAULT 0,
            rejected INTEGER DEFAULT 0,
            event_mentions_new INTEGER DEFAULT 0
        );
        CREATE TABLE articles (
            article_id VARCHAR PRIMARY KEY,
            external_id VARCHAR,
            source VARCHAR,
            url VARCHAR,
            title VARCHAR,
            dateline VARCHAR,
            published DATE,
            language VARCHAR,
            credits VARCHAR[],
            duplicate_of VARCHAR,
            text VARCHAR NOT NULL,
            path VARCHAR NOT NULL,
            reader VARCHAR NOT NULL,
            record INTEGER,
            run_id VARCHAR NOT NULL
        );
        CREATE TABLE actors (
            actor_id VARCHAR PRIMARY KEY,
            name VARCHAR,
            kind VARCHAR,
            country VARCHAR
        );
        CREATE TABLE event_mentions (
            mention_id VARCHAR PRIMARY KEY,
            event_id VARCHAR,
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            sentence VARCHAR NOT NULL,
            source_text VARCHAR, source_start INTEGER, source_end INTEGER,
            source_actor_id VARCHAR, source_name VARCHAR, source_code VARCHAR,
            source_country VARCHAR, source_sector VARCHAR,
            target_text VARCHAR, target_start INTEGER, target_end INTEGER,
            target_actor_id VARCHAR, target_name VARCHAR, target_code VARCHAR,
            target_country VARCHAR, target_sector VARCHAR,
            trigger_text VARCHAR NOT NULL, trigger_start INTEGER, trigger_end INTEGER,
            cameo VARCHAR NOT NULL,
            plover_category VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
            goldstein DOUBLE, quad_class TINYINT,
            modality VARCHAR NOT NULL,
            attribution_text VARCHAR, attribution_code VARCHAR,
            date_text VARCHAR, date_value VARCHAR, date_granularity VARCHAR, date_mod VARCHAR,
            date_start DATE, date_end DATE,
            location_text VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE,
            confidence DOUBLE,
            source_domain VARCHAR,
            run_id VARCHAR NOT NULL
        );
        CREATE TABLE events (
            event_id VARCHAR PRIMARY KEY,
            source_code VARCHAR, target_code VARCHAR,
            source_actor_id VARCHAR, target_actor_id VARCHAR,
            source_country VARCHAR, target_country VARCHAR,
            cameo VARCHAR NOT NULL,
            plover_category VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
            goldstein DOUBLE, quad_class TINYINT,
            modality VARCHAR NOT NULL,
            date_value VARCHAR, date_granularity VARCHAR,
            date_start DATE, date_end DATE,
            location_country VARCHAR, lat DOUBLE, lon DOUBLE,
            num_mentions INTEGER NOT NULL,
            num_articles INTEGER NOT NULL,
            num_sources INTEGER NOT NULL,
            confidence DOUBLE,
            first_mention_id VARCHAR NOT NULL
        );
        CREATE TABLE rejected_inputs (
            path VARCHAR NOT NULL,
            record INTEGER,
            reader VARCHAR,
            reason VARCHAR NOT NULL,
            first_run_id VARCHAR NOT NULL,
            last_run_id VARCHAR NOT NULL
        );
        CREATE INDEX event_mentions_article ON event_mentions(article_id);
        CREATE INDEX events_dyad ON events(source_country, target_country, date_start);
        """,
    ),
    Migration(
        2,
        "sentences, actor mentions, quotes; event first report; query indexes",
        """
        CREATE TABLE sentences (
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER NOT NULL,
            start_char INTEGER,                 -- NULL when only the text was given
            end_char INTEGER,
            text VARCHAR NOT NULL,
            PRIMARY KEY (article_id, sentence_index)
        );
        CREATE TABLE mentions (
            mention_id VARCHAR PRIMARY KEY,     -- hash of article id and span
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            actor_id VARCHAR, name VARCHAR, code VARCHAR,
            country VARCHAR, sector VARCHAR, kind VARCHAR,
            run_id VARCHAR NOT NULL
        );
        CREATE TABLE quotes (
            quote_id VARCHAR PRIMARY KEY,       -- hash of article id and span
            article_id VARCHAR NOT NULL,
            sentence_index INTEGER,
            start_char INTEGER NOT NULL,
            end_char INTEGER NOT NULL,
            text VARCHAR NOT NULL,
            speaker_text VARCHAR, speaker_start INTEGER, speaker_end INTEGER,
            speaker_actor_id VARCHAR, speaker_name VARCHAR, speaker_code VARCHAR,
            speaker_country VARCHAR,
            run_id VARCHAR NOT NULL
        );
        ALTER TABLE actors ADD COLUMN code VARCHAR;
        ALTER TABLE actors ADD COLUMN sector VARCHAR;
        -- GDELT's DATEADDED and SOURCEURL: the earliest article reporting the event.
        ALTER TABLE events ADD COLUMN first_reported DATE;
        ALTER TABLE events ADD COLUMN first_article_id VARCHAR;
        CREATE INDEX mentions_article ON mentions(article_id);
        CREATE INDEX mentions_actor ON mentions(actor_id);
        CREATE INDEX quotes_article ON quotes(article_id);
        CREATE INDEX events_date ON events(date_start);
        """,
    ),
    Migration(
        3,
        "MinHash signatures of stored articles, for near-duplicate links across runs",
        """
        CREATE TABLE article_signatures (
            article_id VARCHAR PRIMARY KEY,
            signature BLOB NOT NULL             -- Deduplicator.signature_bytes
        );
        """,
    ),
    Migration(
        4,
        "query tables: events carry their day, side ids and representative report, in side"
        " order, without indexes; event_sides; event_day_totals",
        # Issue 7 (dyad and timeline over 10 M events in < 300 ms, docs/performance.md):
        # EXPLAIN ANALYZE showed the time in matching a name against six VARCHAR columns of
        # every event, in counting every event of the store for the dyad's shares, and in
        # scanning 10 M event_mentions for the representative sentence. Merging now keeps
        # (store/derived.py): the representative report's words on the event; each side as
        # an integer id into event_sides (a name becomes a short list of ids, and events in
        # Z-order of side ids let DuckDB's zonemaps skip the rest); the day as a column (a
        # date range prunes too); and the events of every day by modality.
        # The table is made anew without its primary key and two indexes: no query used them
        # (DuckDB uses an ART index only for a selective equality on its first column, and
        # nothing looks an event up by id), while every merge deletes and rewrites all events:
        # 2 M keyed rows took 5.3 s to delete and 21.6 s to insert again, 0.05 s and 1.0 s
        # without the key. Event ids stay unique by construction (store/merge.py).
        f"""
        CREATE TABLE event_sides (
            side_id INTEGER PRIMARY KEY,        -- numbered in (country, code, actor id) order
            actor_id VARCHAR, code VARCHAR, country VARCHAR
        );
        CREATE TABLE event_day_totals (
            day DATE NOT NULL,
            modality VARCHAR NOT NULL,
            events BIGINT NOT NULL,
            PRIMARY KEY (day, modality)
        );
        INSERT INTO event_sides
        SELECT row_number() OVER (ORDER BY coalesce(country, code, actor_id) NULLS LAST,
                                  country NULLS LAST, code NULLS LAST, actor_id NULLS LAST),
               actor_id, code, country
        FROM (SELECT source_actor_id AS actor_id, source_code AS code, source_country AS country
              FROM events
              UNION
              SELECT target_actor_id, target_code, target_country FROM events);
        CREATE TABLE events_in_side_order (
            event_id VARCHAR NOT NULL,
            source_code VARCHAR, target_code VARCHAR,
            source_actor_id VARCHAR, target_actor_id VARCHAR,
            source_country VARCHAR, target_country VARCHAR,
            cameo VARCHAR NOT NULL,
            plover_category VARCHAR, plover_mode VARCHAR, plover_context VARCHAR,
            goldstein DOUBLE, quad_class TINYINT,
            modality VARCHAR NOT NULL,
            date_value VARCHAR, date_granularity VARCHAR,
            date_start DATE, date_end DATE,
            location_country VARCHAR, lat DOUBLE, lon DOUBLE,
            num_mentions INTEGER NOT NULL,
            num_articles INTEGER NOT NULL,
            num_sources INTEGER NOT NULL,
            confidence DOUBLE,
            first_mention_id VARCHAR NOT NULL,
            first_reported DATE,
            first_article_id VARCHAR,
            event_day DATE,                     -- coalesce(date_start, first_reported)
            source_side INTEGER NOT NULL,       -- event_sides.side_id
            target_side INTEGER NOT NULL,
            source_name VARCHAR,                -- the representative report's (first_mention_id)
            target_name VARCHAR,
            sentence VARCHAR,
            sentence_article_id VARCHAR
        );
        INSERT INTO events_in_side_order
        SELECT e.*, coalesce(e.date_start, e.first_reported), s.side_id, t.side_id,
               r.source_name, r.target_name, r.sentence, r.article_id
        FROM events e
        LEFT JOIN event_mentions r ON r.mention_id = e.first_mention_id
        JOIN event_sides s ON s.actor_id IS NOT DISTINCT FROM e.source_actor_id
            AND s.code IS NOT DISTINCT FROM e.source_code
            AND s.country IS NOT DISTINCT FROM e.source_country
        JOIN event_sides t ON t.actor_id IS NOT DISTINCT FROM e.target_actor_id
            AND t.code IS NOT DISTINCT FROM e.target_code
            AND t.country IS NOT DISTINCT FROM e.target_country
        ORDER BY {z_order("s.side_id", "t.side_id")},
                 coalesce(e.date_start, e.first_reported), e.event_id;
        DROP TABLE events;
        ALTER TABLE events_in_side_order RENAME TO events;
        INSERT INTO event_day_totals
        SELECT event_day, modality, count(*) FROM events WHERE event_day IS NOT NULL
        GROUP BY ALL;
        """,
    ),
    Migration(
        5,
        "merge state: what the last merge was made with and which runs it covered, so that"
        " the next one re-clusters only the groups new mentions fall in",
        # Issue 7 (flat cost per article as an archive grows): a full merge of 10 M events
        # took 387 s on every ingest. ``store/merging.py`` re-clusters only the touched groups
        # when this table holds one row made with the same window and place rule; it is
        # empty here, so the first merge after this migration is a full one and writes it.
        """
        CREATE TABLE merge_state (
            window_days INTEGER NOT NULL,       -- the merge's parameters: another value
            by_place BOOLEAN NOT NULL,          -- means a full merge
            appended_events BIGINT NOT NULL     -- events appended since the last rewrite in
                                                -- side order (the unsorted tail)
        );
        CREATE TABLE merged_runs (
            run_id VARCHAR PRIMARY KEY          -- runs whose rows a merge has seen
        );
        """,
    ),
    Migration(
        6,
        "article notes: what the reader noticed (replaced characters, an unparsed date)",
        # Issue 15: a record date such as "2024-02-30" or bytes replaced by U+FFFD left no
        # trace in the store. ``notes`` is a JSON object of the article's ``extra`` pairs.
        # A run's status may now also be 'died' (a run left 'running' by a killed process,
        # marked by the next ingest: see eventwire.store.lock).
        """
        ALTER TABLE articles ADD COLUMN notes VARCHAR;
        """,
    ),
    Migration(
        7,
        "stale events and actors: what a replaced exact copy's reports were in, for the next"
        " merge to derive again",
        # Issue 15: of exact copies of an article the first by ``copy_key`` is stored, so a
        # copy arriving later may replace the stored one (Store.write_articles). Its reports
        # are deleted; an incremental merge only ever saw reports added, so it is told which
        # events lost reports and which actors lost evidence (store/merging.py).
        """
        CREATE TABLE stale_events (
            event_id VARCHAR PRIMARY KEY        -- an event that lost a report since the merge
        );
        CREATE TABLE stale_actors (
            actor_id VARCHAR PRIMARY KEY        -- an actor that lost evidence since the merge
        );
        """,
    ),
    Migration(
        8,
        "events per week, country pair, PLOVER category and confidence step: what the change"
        " table of a week counts, without reading every event",
        # Issue 17: `eventwire serve`'s overview read all 10 M events of the benchmark store
        # three times (0.3-0.8 CPU s each); merging keeps this table exact
        # (store/derived.py).
        """
        CREATE TABLE event_week_counts (
            week DATE NOT NULL,                 -- the Monday of the event's day
            modality VARCHAR NOT NULL,
            source_country VARCHAR,
            target_country VARCHAR,
            plover_category VARCHAR,
            confidence_step TINYINT,            -- largest k (0-20) with confidence >= k/20
            events BIGINT NOT NULL
        );
        """
        + WEEK_COUNTS.format(only="")
        + ";",
    ),
    Migration(
        9,
        "event mentions: which lexicon entry or rule coded each",
        # Issue 17: the event page says which lexicon entry ("lexicon.yaml#312") or rule
        # ("reported speech …") made a report; mentions stored before are NULL (unknown).
        """
        ALTER TABLE event_mentions ADD COLUMN rule VARCHAR;
        """,
    ),
    Migration(
        10,
        "event range counts: the events dated to a range of days, counted, so that the dyad"
        " series' denominators and the change table's left-out events need not read every"
        " event",
        # Issue 17 (named so for the merge with other branches' migrations): on the 10 M-event
        # benchmark each dyad and change table read all events to find the few dated to a
        # week, month or year (store/derived.py keeps this table exact).
        """
        CREATE TABLE event_range_counts (
            event_day DATE NOT NULL,            -- the event's day (its date_start)
            modality VARCHAR NOT NULL,
            date_start DATE NOT NULL,
            date_end DATE NOT NULL,
            source_country VARCHAR,
            target_country VARCHAR,
            plover_category VARCHAR,
            confidence_step TINYINT,            -- largest k (0-20) with confidence >= k/20
            events BIGINT NOT NULL
        );
        """
        + RANGE_COUNTS.format(only="")
        + ";",
    ),
    Migration(
        11,
        "event keys: each event's id with its reports' ids, side ids and day, in id order, so"
        " that an event is found by its id without reading every event",
        # Issue 17 (named so for the merge with other branches' migrations): the event page
        # looked its event up by scanning all 10 M ids of the benchmark's events (stored in
        # side order) and its reports by scanning all 10 M mentions. In id order, DuckDB's
        # zonemaps leave one row group of this table to read; the side ids and day then find
        # the event's row group in the Z-order, and the reports come by their primary key.
        # An ART index on events.event_id took 138 s to build at 10 M events and would be
        # rebuilt by every rewrite (docs/performance.md). Merging keeps it (store/derived.py).
        """
        CREATE TABLE event_keys (
            event_id VARCHAR NOT NULL,
            mention_id VARCHAR NOT NULL,        -- one row per report of the event
            source_side INTEGER NOT NULL,       -- the event's events.source_side
            target_side INTEGER NOT NULL,
            event_day DATE                      -- the event's events.event_day
        );
        """
        + EVENT_KEYS.format(events="events")
        + ";",
    ),
    Migration(
        12,
        "undated background events have no day: they are left out of every period's counts",
        # Issue 14: an event told as background with no date of its own (``PAST_REF``: "had
        # agreed", "an attack that killed 19") stood on its report's day, so a weekly count
        # showed a 2014 kidnapping recalled in this week's news as an event of this week.
        # Merging now gives it no day (``analysis._sql.event_day_sql``); the stored days and
        # the counts made from them are brought in line, and the events put back in side
        # order (a day is part of it: ``SIDE_ORDER``).
        f"""
        UPDATE events SET event_day = NULL
        WHERE date_start IS NULL AND date_value = 'PAST_REF';
        CREATE OR REPLACE TEMP TABLE eventwire_resorted AS SELECT * FROM events;
        DELETE FROM events;
        INSERT INTO events SELECT * FROM eventwire_resorted ORDER BY {SIDE_ORDER};
        DROP TABLE eventwire_resorted;
        UPDATE merge_state SET appended_events = 0;
        DELETE FROM event_day_totals;
        INSERT INTO event_day_totals
        SELECT event_day, modality, count(*) FROM events WHERE event_day IS NOT NULL
        GROUP BY ALL;
        DELETE FROM event_week_counts;
        """
        + WEEK_COUNTS.format(only="")
        + ";\nDELETE FROM event_keys;\n"
        + EVENT_KEYS.format(events="events")
        + ";",
    ),
)


def migrate(con: duckdb.DuckDBPyConnection, *, until: int | None = None) -> list[int]:
    """Apply every migration the database lacks (up to version ``until`` when given, as a
    test does to make a store of an older schema); return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for migration in MIGRATIONS:
        if migration.version in done or (until is not None and migration.version > until):
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(migration.sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, now())",
                [migration.version, migration.name],
            )
            con.execute("COMMIT")
        except duckdb.Error:
            con.execute("ROLLBACK")
            raise
        applied.append(migration.version)
    return applied
