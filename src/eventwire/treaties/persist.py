"""Treaty updates in the DuckDB store: our own tables, idempotent writes, and reading back.

Tables (created by ``ensure_treaty_tables``; the store's migrations can call it):

* ``treaty_steps``       one row per reported lifecycle step or proposal, keyed by ``update_id``
* ``treaty_obligations`` one row per reported obligation, keyed by ``update_id``
* ``treaties``           the agreements first seen in news (not in the shipped base)
* ``treaty_parties``     their parties

Each step or obligation row keeps its source: document, sentence, offsets, article date.
Writing the same updates again changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any, cast

import duckdb

from ..errors import StoreError
from .base import load_base
from .matching import apply_updates, news_treaty_id
from .model import (
    Firmness,
    Obligation,
    ObligationKind,
    Source,
    StepKind,
    Treaty,
    TreatyStep,
    TreatyType,
    TreatyUpdate,
)

__all__ = [
    "delete_treaty_updates",
    "ensure_treaty_tables",
    "load_treaties",
    "read_treaty_updates",
    "write_treaty_updates",
]

_COMMON = """
    update_id VARCHAR PRIMARY KEY, treaty_id VARCHAR, matched BOOLEAN NOT NULL,
    doc_id VARCHAR NOT NULL, local_key VARCHAR NOT NULL, mention VARCHAR NOT NULL,
    treaty_type VARCHAR, parties VARCHAR[] NOT NULL,
    sentence VARCHAR NOT NULL, sentence_start INTEGER NOT NULL, sentence_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL, trigger_end INTEGER NOT NULL,
    mention_start INTEGER, mention_end INTEGER, article_date DATE
"""
_TABLES = (
    f"""CREATE TABLE IF NOT EXISTS treaty_steps ({_COMMON},
        kind VARCHAR NOT NULL, value VARCHAR NOT NULL, granularity VARCHAR NOT NULL,
        mod VARCHAR, date_start DATE, date_end DATE,
        party VARCHAR, toward VARCHAR, proposer VARCHAR, terms VARCHAR)""",
    f"""CREATE TABLE IF NOT EXISTS treaty_obligations ({_COMMON},
        kind VARCHAR NOT NULL, firmness VARCHAR NOT NULL, article VARCHAR,
        summary VARCHAR NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS treaties (
        treaty_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, type VARCHAR NOT NULL,
        origin VARCHAR NOT NULL, terms VARCHAR, first_doc_id VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS treaty_parties (
        treaty_id VARCHAR NOT NULL, party VARCHAR NOT NULL, role VARCHAR NOT NULL,
        PRIMARY KEY (treaty_id, party))""",
)
_COMMON_COLUMNS = (
    "update_id", "treaty_id", "matched", "doc_id", "local_key", "mention", "treaty_type",
    "parties", "sentence", "sentence_start", "sentence_end", "trigger_start", "trigger_end",
    "mention_start", "mention_end", "article_date",
)  # fmt: skip
_STEP_COLUMNS = (
    "kind", "value", "granularity", "mod", "date_start", "date_end", "party", "toward",
    "proposer", "terms",
)  # fmt: skip
_OBLIGATION_COLUMNS = ("kind", "firmness", "article", "summary")


def delete_treaty_updates(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str]) -> None:
    """Delete the steps and obligations these documents reported (an exact copy of an article
    replaced by another: ``Store.write_articles``); nothing if no update was ever stored."""
    tables = {
        row[0]
        for row in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE NOT temporary"
            " AND table_name IN ('treaty_steps', 'treaty_obligations')"
        ).fetchall()
    }
    for table in sorted(tables):
        con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [list(doc_ids)])


def ensure_treaty_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the treaty tables if they do not exist (safe to call on every connection)."""
    for statement in _TABLES:
        con.execute(statement)


def _common(update: TreatyUpdate) -> list[Any]:
    s = update.source
    mention = s.mention or (None, None)
    return [
        update.update_id, update.treaty_id or news_treaty_id(update), update.treaty_id is not None,
        update.doc_id, update.local_key, update.mention, update.treaty_type, list(update.parties),
        s.sentence, s.sentence_start, s.sentence_end, s.trigger[0], s.trigger[1],
        mention[0], mention[1], s.article_date,
    ]  # fmt: skip


def _insert(
    con: duckdb.DuckDBPyConnection, table: str, columns: Sequence[str], row: list[Any]
) -> int:
    before = _count(con, table)
    marks = ", ".join("?" for _ in columns)
    con.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})", row)
    return _count(con, table) - before


def _count(con: duckdb.DuckDBPyConnection, table: str) -> int:
    found = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(found[0]) if found else 0


def write_treaty_updates(con: duckdb.DuckDBPyConnection, updates: Iterable[TreatyUpdate]) -> int:
    """Store updates (creating the tables if needed); returns how many rows were new."""
    updates = list(updates)
    if not updates:  # most batches of articles have none: not even the tables are checked
        return 0
    ensure_treaty_tables(con)
    new = 0
    for update in updates:
        if update.step is not None:
            st = update.step
            row = [st.kind, st.value, st.granularity, st.mod, st.start, st.end, st.party,
                   st.toward, update.proposer, update.terms]  # fmt: skip
            new += _insert(
                con, "treaty_steps", _COMMON_COLUMNS + _STEP_COLUMNS, _common(update) + row
            )
        if update.obligation is not None:
            ob = update.obligation
            row = [ob.kind, ob.firmness, ob.article, ob.summary]
            new += _insert(
                con,
                "treaty_obligations",
                _COMMON_COLUMNS + _OBLIGATION_COLUMNS,
                _common(update) + row,
            )
        if update.treaty_id is None:
            treaty_id = news_treaty_id(update)
            con.execute(
                "INSERT OR IGNORE INTO treaties VALUES (?, ?, ?, 'news', ?, ?)",
                [treaty_id, update.mention, update.treaty_type or "partnership", update.terms,
                 update.doc_id],
            )  # fmt: skip
            for party in update.parties:
                role = "proposer" if party == update.proposer else "party"
                con.execute(
                    "INSERT OR IGNORE INTO treaty_parties VALUES (?, ?, ?)",
                    [treaty_id, party, role],
                )
    return new


def _tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    return {str(r[0]) for r in rows}


def read_treaty_updates(con: duckdb.DuckDBPyConnection) -> tuple[TreatyUpdate, ...]:
    """Every stored update, in storage order of documents and sentences; none when the
    database has no treaty tables yet."""
    tables = _tables(con)
    found: list[TreatyUpdate] = []
    if "treaty_steps" in tables:
        columns = _COMMON_COLUMNS + _STEP_COLUMNS
        query = f"SELECT {', '.join(columns)} FROM treaty_steps ORDER BY doc_id, sentence_start"
        for values in con.execute(query).fetchall():
            row = dict(zip(columns, values, strict=True))
            step = TreatyStep(
                kind=cast(StepKind, row["kind"]), value=row["value"],
                granularity=row["granularity"], start=row["date_start"], end=row["date_end"],
                mod=row["mod"], party=row["party"], toward=row["toward"], source=_source(row),
            )  # fmt: skip
            found.append(_update(row, step=step, proposer=row["proposer"], terms=row["terms"]))
    if "treaty_obligations" in tables:
        ob_columns = _COMMON_COLUMNS + _OBLIGATION_COLUMNS
        query = (
            f"SELECT {', '.join(ob_columns)} FROM treaty_obligations "
            "ORDER BY doc_id, sentence_start"
        )
        for values in con.execute(query).fetchall():
            row = dict(zip(ob_columns, values, strict=True))
            obligation = Obligation(
                kind=cast(ObligationKind, row["kind"]), firmness=cast(Firmness, row["firmness"]),
                article=row["article"], summary=row["summary"], source=_source(row),
            )  # fmt: skip
            found.append(_update(row, obligation=obligation))
    found.sort(key=lambda u: (u.doc_id, u.source.sentence_start, u.source.trigger))
    return tuple(found)


def _source(row: dict[str, Any]) -> Source:
    mention = None
    if row["mention_start"] is not None:
        mention = (int(row["mention_start"]), int(row["mention_end"]))
    article_date: date | None = row["article_date"]
    return Source(
        doc_id=row["doc_id"], sentence=row["sentence"],
        sentence_start=int(row["sentence_start"]), sentence_end=int(row["sentence_end"]),
        trigger=(int(row["trigger_start"]), int(row["trigger_end"])), mention=mention,
        article_date=article_date,
    )  # fmt: skip


def _update(row: dict[str, Any], **what: Any) -> TreatyUpdate:
    return TreatyUpdate(
        doc_id=row["doc_id"], local_key=row["local_key"], mention=row["mention"],
        treaty_type=cast(TreatyType | None, row["treaty_type"]), parties=tuple(row["parties"]),
        source=_source(row), treaty_id=row["treaty_id"] if row["matched"] else None, **what,
    )  # fmt: skip


def load_treaties(
    db: str | Path | None = None, *, extra: Iterable[Treaty] = ()
) -> tuple[Treaty, ...]:
    """The shipped base (plus ``extra`` treaties), with the news updates stored in ``db``
    merged in when a database is given. Raises ``StoreError`` when ``db`` does not exist."""
    treaties = (*load_base(), *extra)
    if db is None:
        return treaties
    if not Path(db).exists():
        raise StoreError(f"no database at {db} (run `eventwire ingest` first)")
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error as exc:
        raise StoreError(f"cannot open {db}: {exc}") from None
    try:
        updates = read_treaty_updates(con)
    finally:
        con.close()
    return apply_updates(treaties, updates)
