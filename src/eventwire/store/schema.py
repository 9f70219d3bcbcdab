"""The DuckDB schema, as migrations registered in code and recorded in the database.

A migration is applied once, in order, inside a transaction; ``schema_migrations`` records it.
Never edit a released migration: add the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

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
            status VARCHAR NOT NULL,            -- running | complete | failed
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
)


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply every migration the database lacks; return the versions applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
    )
    done = {row[0] for row in con.execute("SELECT version FROM schema_migrations").fetchall()}
    applied = []
    for migration in MIGRATIONS:
        if migration.version in done:
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
