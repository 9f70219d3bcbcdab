"""The store over a Spark output directory: DuckDB views on its Parquet datasets, the tables
derived from the merged events, and importing it into a DuckDB file.

A Spark output directory holds one Parquet dataset (a folder of part files) per store
table it fills, and ``_eventwire.json``, the manifest of
the run, written last: a directory without it is not a finished output.
``eventwire.open(DIR)`` (and every read command with ``--db DIR``) opens an in-memory DuckDB
whose tables are the store's schema and whose filled tables are views over the Parquet, so the
queries are the store's own and nothing is loaded into a database file.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import duckdb

from ..documents.article import Rejection
from ..errors import StoreError
from ..treaties.persist import ensure_treaty_tables
from .derived import rewrite_events
from .schema import migrate

__all__ = [
    "ARTICLE_DATASETS",
    "CODED_TABLES",
    "DERIVED_DATASETS",
    "MANIFEST",
    "OUTPUT_FORMAT",
    "OutputManifest",
    "attach_output",
    "count_rows",
    "dataset_glob",
    "derive_events",
    "finish_datasets",
    "first_rejections",
    "import_output",
    "is_output",
    "read_manifest",
    "write_manifest",
]

MANIFEST = "_eventwire.json"
OUTPUT_FORMAT = "eventwire.spark-output.v1"
# The store's tables that coding an article fills, in the order the Spark tasks export them
# (``engines.spark_tasks``: one part file per task and table).
CODED_TABLES = (
    "articles",
    "sentences",
    "mentions",
    "event_mentions",
    "quotes",
    "treaty_steps",
    "treaty_obligations",
    "treaties",
    "treaty_parties",
)
# Datasets the Spark engine writes from the coded articles, by the store table they fill: the
# coded tables, each article's near-duplicate signature, and the inputs it rejected.
ARTICLE_DATASETS = (*CODED_TABLES, "article_signatures", "rejected_inputs")
# Datasets derived from the merged events (``derive_events``).
DERIVED_DATASETS = ("events", "event_sides", "event_day_totals", "actors")
_DATASETS = frozenset((*ARTICLE_DATASETS, *DERIVED_DATASETS))


@dataclass(frozen=True, slots=True)
class OutputManifest:
    """What a Spark run records about itself (the ``runs`` row it stands for)."""

    run_id: str
    started_at: str
    finished_at: str
    inputs: tuple[str, ...]
    config_hash: str
    package_version: str
    model: str
    model_version: str
    window_days: int
    by_place: bool
    articles_read: int
    articles_new: int
    duplicates: int
    rejected: int
    event_mentions_new: int
    events: int
    format: str = OUTPUT_FORMAT


def is_output(path: str | Path) -> bool:
    """Whether ``path`` is a directory a Spark run wrote (finished or not)."""
    return Path(path).is_dir()


def read_manifest(directory: str | Path) -> OutputManifest:
    """The manifest of a finished Spark output, or a ``StoreError`` saying what is wrong."""
    path = Path(directory) / MANIFEST
    if not path.exists():
        raise StoreError(
            f"{directory} is a directory but not a finished eventwire Spark output (no "
            f"{MANIFEST}: the run did not finish, or this is not its --output)"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != OUTPUT_FORMAT:
            raise StoreError(f"{path}: format {data.get('format')!r}, expected {OUTPUT_FORMAT}")
        data["inputs"] = tuple(data["inputs"])
        return OutputManifest(**data)
    except (ValueError, TypeError, KeyError) as exc:
        raise StoreError(f"{path}: unreadable manifest ({exc})") from None


def write_manifest(directory: str | Path, manifest: OutputManifest) -> None:
    """Write the manifest last, through a temporary file, so it is there only when whole."""
    path = Path(directory) / MANIFEST
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(asdict(manifest), indent=1), encoding="utf-8")
    temporary.replace(path)


def dataset_glob(directory: str | Path, table: str) -> str | None:
    """The glob of a dataset's Parquet part files, or None when it has none (an empty
    dataset partitioned by Spark leaves no file)."""
    folder = Path(directory) / table
    if not folder.is_dir() or next(folder.rglob("*.parquet"), None) is None:
        return None
    return str(folder / "**" / "*.parquet")


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    rows = con.execute(f"DESCRIBE {table}").fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def _select(con: duckdb.DuckDBPyConnection, table: str, glob: str) -> str:
    """SELECT of a dataset's rows as the store's table holds them (its columns, in its order
    and types; partition folders are not columns)."""
    known = _COLUMNS.get(table) or _columns(con, table)
    columns = ", ".join(f'CAST("{name}" AS {kind}) AS "{name}"' for name, kind in known)
    quoted = glob.replace("'", "''")
    return f"SELECT {columns} FROM read_parquet('{quoted}', hive_partitioning = false)"


# The store's schema as a migrated database holds it, made once per process: each table's
# CREATE statement and the recorded migrations. Migrating afresh for every open cost 0.7 s
# (with the machine busy), which a dashboard opening the store per request would pay each time.
_SCHEMA: dict[str, str] = {}
_COLUMNS: dict[str, list[tuple[str, str]]] = {}
_MIGRATIONS: list[tuple[object, ...]] = []


def _store_schema() -> dict[str, str]:
    if not _SCHEMA:
        scratch = duckdb.connect()
        try:
            migrate(scratch)
            ensure_treaty_tables(scratch)
            rows = scratch.execute("SELECT table_name, sql FROM duckdb_tables()").fetchall()
            _MIGRATIONS.extend(scratch.execute("SELECT * FROM schema_migrations").fetchall())
            _COLUMNS.update({str(name): _columns(scratch, str(name)) for name, _ in rows})
        finally:
            scratch.close()
        _SCHEMA.update({str(name): str(sql) for name, sql in rows})
    return _SCHEMA


def attach_output(
    con: duckdb.DuckDBPyConnection, directory: str | Path, *, manifest: bool = True
) -> None:
    """Make ``con`` (a fresh in-memory database) read the Spark output ``directory``: the
    store's schema (without its indexes), with each dataset present as a view over its
    Parquet, and the run of the manifest in ``runs`` (``manifest=False`` while the run is
    still writing)."""
    info = read_manifest(directory) if manifest else None
    for table, create in _store_schema().items():
        glob = dataset_glob(directory, table) if table in _DATASETS else None
        if glob is None:  # not a dataset, or an empty one: the schema's empty table stands in
            con.execute(create)
        else:
            con.execute(f"CREATE VIEW {table} AS {_select(con, table, glob)}")
    marks = ", ".join("?" for _ in _MIGRATIONS[0]) if _MIGRATIONS else ""
    for row in _MIGRATIONS:
        con.execute(f"INSERT INTO schema_migrations VALUES ({marks})", list(row))
    if info is not None:
        _record_run(con, info)


def _record_run(con: duckdb.DuckDBPyConnection, info: OutputManifest) -> None:
    con.execute(
        "INSERT INTO runs (run_id, started_at, finished_at, status, inputs, config_hash,"
        " package_version, model, model_version, articles_read, articles_new, duplicates,"
        " rejected, event_mentions_new) VALUES (?, ?, ?, 'complete', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        " ON CONFLICT DO NOTHING",
        [
            info.run_id,
            info.started_at,
            info.finished_at,
            json.dumps(list(info.inputs)),
            info.config_hash,
            info.package_version,
            info.model,
            info.model_version,
            info.articles_read,
            info.articles_new,
            info.duplicates,
            info.rejected,
            info.event_mentions_new,
        ],
    )


# How the driver finishes each dataset the coding tasks leave in the work folder, one part
# file per task: one row per key, as the local store's conflict rules keep one (the rows of a
# key are the same content), and each event mention with its merged event. ``{rows}`` is the
# tasks' part files, ``{summary}`` the merged events with their mention ids.
_FINISHED = {
    "event_mentions": """SELECT m.* REPLACE (a.event_id AS event_id) FROM {rows} m
        LEFT JOIN (SELECT unnest(mention_ids) AS mention_id, event_id FROM {summary}) a
        USING (mention_id)""",
    "treaty_steps": "SELECT DISTINCT ON (update_id) * FROM {rows} ORDER BY update_id",
    "treaty_obligations": "SELECT DISTINCT ON (update_id) * FROM {rows} ORDER BY update_id",
    "treaties": "SELECT DISTINCT ON (treaty_id) * FROM {rows} ORDER BY treaty_id, first_doc_id",
    "treaty_parties": """SELECT DISTINCT ON (treaty_id, party) * FROM {rows}
        ORDER BY treaty_id, party, role""",
    "rejected_inputs": """SELECT DISTINCT ON (path, record, reason) * FROM {rows}
        ORDER BY path, record NULLS FIRST, reason""",
}


def _parquet(globs: list[str]) -> str:
    quoted = ", ".join("'" + glob.replace("'", "''") + "'" for glob in globs)
    return f"read_parquet([{quoted}], union_by_name = true)"


def finish_datasets(directory: str | Path, work: str | Path) -> None:
    """Write the datasets of a Spark output that its coding tasks left, part file by part
    file, in the work folder ``work`` (``WORK_TABLES``): ``event_mentions`` with each
    mention's event from the merged events' summary (``work/summary``), the treaty tables
    and ``rejected_inputs`` with one row per key.

    DuckDB runs it out of core on the driver, over the few columns and rows these tables
    hold; the big tables (articles, sentences, mentions) are written by the tasks in place.
    """
    root, scratch = Path(directory), Path(work)
    con = duckdb.connect()
    try:
        summary = _parquet([str(scratch / "summary" / "*.parquet")])
        for table, sql in _FINISHED.items():
            globs = [
                str(folder / "**" / "*.parquet")
                for folder in sorted(scratch.glob(f"{table}*"))
                if next(folder.rglob("*.parquet"), None) is not None
            ]
            if not globs:
                continue
            folder = root / table
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            target = str(folder / "part-00000.parquet").replace("'", "''")
            select = sql.format(rows=_parquet(globs), summary=summary)
            con.execute(f"COPY ({select}) TO '{target}' (FORMAT parquet)")
    finally:
        con.close()


def count_rows(directory: str | Path, table: str) -> int:
    """The rows of one dataset of a Spark output (from the part files' metadata)."""
    glob = dataset_glob(directory, table)
    if glob is None:
        return 0
    row = duckdb.sql(f"SELECT count(*) FROM {_parquet([glob])}").fetchone()
    return int(row[0]) if row else 0


def first_rejections(directory: str | Path, limit: int) -> tuple[Rejection, ...]:
    """The first ``limit`` rejections of a Spark output by path and record (to print)."""
    glob = dataset_glob(directory, "rejected_inputs")
    if glob is None:
        return ()
    with duckdb.connect() as con:
        rows = con.execute(
            "SELECT path, reason, record, reader FROM read_parquet(?)"
            " ORDER BY path, record NULLS FIRST LIMIT ?",
            [glob, limit],
        ).fetchall()
    return tuple(
        Rejection(path, reason, record=record, reader=reader)
        for path, reason, record, reader in rows
    )


def derive_events(directory: str | Path, summary_glob: str) -> int:
    """Write the ``events``, ``event_sides``, ``event_day_totals`` and ``actors`` datasets of
    a Spark output from its Parquet (``event_mentions`` holding each mention's event) and the
    merged events' summary (``event_id, rep, num_mentions, num_articles, num_sources, conf``
    rows), with the local store's own SQL (``derived.rewrite_events``, the merge's actor
    rule), so they are the local engine's; return the number of events.

    DuckDB runs it out of core on the driver: it reads the mentions and articles columns it
    needs, and its output is one row per event.
    """
    from .merging import _actor_evidence, _insert_actors

    root = Path(directory)
    con = duckdb.connect()
    try:
        attach_output(con, root, manifest=False)
        quoted = summary_glob.replace("'", "''")
        con.execute(f"CREATE TEMP VIEW spark_summary AS SELECT * FROM read_parquet('{quoted}')")
        con.execute("BEGIN TRANSACTION")
        rewrite_events(con, "spark_summary")
        actors = _actor_evidence(con, touched_only=False)
        con.register("actors_df", actors)
        _insert_actors(con)
        con.execute("COMMIT")
        for table in DERIVED_DATASETS:
            folder = root / table
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
            target = str(folder / "part-00000.parquet").replace("'", "''")
            con.execute(f"COPY (SELECT * FROM {table}) TO '{target}' (FORMAT parquet)")
        row = con.execute("SELECT count(*) FROM events").fetchone()
        return int(row[0]) if row else 0
    finally:
        con.close()


def import_output(directory: str | Path, con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Load the Spark output ``directory`` into the store open on ``con`` (migrated); return
    counts. Into an empty store its events are copied as they are; into a store that already
    holds articles, only the articles' rows are added (content keys: a row already there is
    kept) and the caller re-merges."""
    info = read_manifest(directory)
    ensure_treaty_tables(con)
    row = con.execute("SELECT count(*) FROM articles").fetchone()
    empty = not row or int(row[0]) == 0
    tables = ARTICLE_DATASETS + (DERIVED_DATASETS if empty else ())
    counts: dict[str, Any] = {"merged_here": not empty}
    con.execute("BEGIN TRANSACTION")
    try:
        for table in tables:
            glob = dataset_glob(directory, table)
            if glob is None:
                counts[table] = 0
                continue
            before = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            keyed = con.execute(
                "SELECT count(*) FROM duckdb_constraints() WHERE table_name = ?"
                " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')",
                [table],
            ).fetchone()
            conflict = " ON CONFLICT DO NOTHING" if keyed and keyed[0] else ""
            select = _select(con, table, glob)
            if table == "rejected_inputs":  # once per (path, record, reason), as recorded
                select = (
                    f"SELECT * FROM ({select}) n WHERE NOT EXISTS (SELECT 1 FROM"
                    " rejected_inputs r WHERE r.path = n.path AND r.reason = n.reason"
                    " AND r.record IS NOT DISTINCT FROM n.record)"
                )
            con.execute(f"INSERT INTO {table} {select}{conflict}")
            after = con.execute(f"SELECT count(*) FROM {table}").fetchone()
            counts[table] = (after[0] if after else 0) - (before[0] if before else 0)
        _record_run(con, info)
        if empty:
            con.execute("DELETE FROM merge_state")
            con.execute(
                "INSERT INTO merge_state VALUES (?, ?, 0)", [info.window_days, info.by_place]
            )
            con.execute("INSERT INTO merged_runs VALUES (?) ON CONFLICT DO NOTHING", [info.run_id])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return counts
