"""The full-text index of the stored articles, kept beside the database in ``<db>.search/``
and brought up to date by every ingest with the articles it stored or replaced.

Tantivy (BM25 ranking, phrase and field queries) installs from PyPI as a wheel; DuckDB's own
full-text extension is downloaded at run time, which these machines cannot do. The index is
a derived copy of the ``articles`` table (title, text, date), never the record itself: it can
be thrown away and rebuilt (``eventwire index --rebuild``).

**What the index holds, and how staleness is detected.** Every article row names the run that
stored it (``articles.run_id``), and a copy that replaces a stored one (issue 15's copy rule)
is a new row of the run that replaced it. The index's meta file (``eventwire-index.json``)
lists the runs whose articles it holds. So the articles it lacks, or holds in an older copy,
are exactly those of runs it does not list; ``update_index`` indexes those (deleting any
document of the same article id first) and lists their runs. A run is listed once its
articles are final: an ingest updates the index at its end, holding the ingest lock, and
``eventwire index`` takes the same lock, so no run writes while it is listed.

The index is rebuilt whole when it is missing or unreadable, was made by another format of
this module, or holds a different number of documents from the store's articles after the
update (articles removed other than by replacement, or the index of another store).
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import tantivy

from ..errors import StoreError

__all__ = [
    "INDEX_SUFFIX",
    "IndexMeta",
    "IndexUpdate",
    "article_schema",
    "index_path",
    "index_store",
    "read_meta",
    "unindexed_articles",
    "update_index",
]

# ``eventwire.duckdb`` keeps its index in ``eventwire.duckdb.search/``.
INDEX_SUFFIX = ".search"
# Our meta file inside the index directory (Tantivy's own is meta.json).
META_FILE = "eventwire-index.json"
# The layout of the documents; another number means the index is rebuilt.
FORMAT = 1
# Tantivy's writer heap, per thread: 15 MB is its minimum. One thread: on 2 cores a second
# would take a core from the coding workers of a running ingest, and a rebuild of 2.5 M
# short articles is bound by reading them from the store as much as by indexing.
_HEAP_BYTES = 50_000_000
# Articles read from the store per fetch while indexing (bounds the memory of a rebuild).
_BATCH = 2_000


@dataclass(frozen=True, slots=True)
class IndexMeta:
    """What the index records about itself: its format, an id of this copy of the index
    (a new one when it is made anew, so a reader knows to reopen it), the runs whose articles
    it holds, and how many articles it held after its last update."""

    format: int
    created: str
    runs: tuple[str, ...]
    articles: int
    updated: str


@dataclass(frozen=True, slots=True)
class IndexUpdate:
    """What ``update_index`` did: the index's directory, the articles (re)indexed, the
    articles it now holds, why it was rebuilt whole (None when it was not) and how long it
    took (wall clock, and CPU time of this process: Tantivy's threads included)."""

    path: str
    indexed: int
    articles: int
    rebuilt: str | None
    seconds: float
    cpu_seconds: float = 0.0


def index_path(db_path: str | Path) -> Path:
    """Where the search index of the store at ``db_path`` lives."""
    return Path(str(db_path) + INDEX_SUFFIX)


def article_schema() -> tantivy.Schema:
    """The documents of the index: the article's id (a raw term, to find and replace it),
    title and text (tokenised, stored for snippets) and publication date."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("article_id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True)
    builder.add_text_field("text", stored=True)
    builder.add_date_field("published", stored=True)
    return builder.build()


def read_meta(directory: Path) -> IndexMeta | None:
    """The meta of the index in ``directory``, or None when there is no readable one of this
    format."""
    try:
        raw = json.loads((directory / META_FILE).read_text(encoding="utf-8"))
        meta = IndexMeta(
            format=int(raw["format"]),
            created=str(raw["created"]),
            runs=tuple(str(r) for r in raw["runs"]),
            articles=int(raw["articles"]),
            updated=str(raw["updated"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return meta if meta.format == FORMAT else None


def unindexed_articles(con: duckdb.DuckDBPyConnection, meta: IndexMeta | None) -> int:
    """How many stored articles the index lacks or holds in an older copy: those of runs its
    meta does not list (every article when there is no index)."""
    runs = list(meta.runs) if meta is not None else []
    row = con.execute(
        "SELECT count(*) FROM articles WHERE NOT list_contains(?, run_id)", [runs]
    ).fetchone()
    return int(row[0]) if row else 0


def update_index(
    con: duckdb.DuckDBPyConnection, db_path: str | Path, *, rebuild: bool = False
) -> IndexUpdate:
    """Bring the search index of the store at ``db_path`` (read through ``con``) up to date:
    index the articles of runs it does not list yet, or every article when it is missing,
    unreadable, of another format, or ``rebuild`` is asked for. The caller holds the ingest
    lock (an ingest at its end, ``eventwire index``), so no run writes meanwhile.

    Raises ``StoreError`` when the directory cannot be written."""
    started, cpu = time.perf_counter(), time.process_time()
    directory = index_path(db_path)
    meta = None if rebuild else read_meta(directory)
    reason = "asked for" if rebuild else None
    index = _open(directory) if meta is not None else None
    if meta is None or index is None:
        reason = reason or ("missing" if not directory.exists() else "unreadable or old format")
        meta, index = _create(directory)
    try:
        indexed, runs = _index_runs(con, index, meta, replace=reason is None)
        articles = _store_articles(con)
        index.reload()
        held = index.searcher().num_docs
        if held != articles:
            # Articles left the store other than by replacement, or this is another store's
            # index: what it holds cannot be trusted, so it is made again.
            reason = f"it held {held:,} articles, the store {articles:,}"
            meta, index = _create(directory)
            indexed, runs = _index_runs(con, index, meta, replace=False)
    except (OSError, ValueError) as exc:
        raise StoreError(f"cannot update the search index {directory}: {exc}") from None
    if runs:
        _write_meta(directory, IndexMeta(FORMAT, meta.created, runs, articles, _now()))
    return IndexUpdate(
        str(directory),
        indexed,
        articles,
        reason,
        time.perf_counter() - started,
        time.process_time() - cpu,
    )


def _open(directory: Path) -> tantivy.Index | None:
    try:
        if not tantivy.Index.exists(str(directory)):
            return None
        return tantivy.Index.open(str(directory))
    except (OSError, ValueError):
        return None


def _create(directory: Path) -> tuple[IndexMeta, tantivy.Index]:
    """A new, empty index in ``directory`` (what was there is removed)."""
    try:
        if directory.exists():
            # Moved aside before it is removed: a merge thread of an index object still alive
            # in this process may write a segment into it while rmtree walks it ("Directory not
            # empty", seen under load); its leftovers are removed on the next creation.
            doomed = directory.with_name(f"{directory.name}.old-{uuid.uuid4().hex}")
            os.replace(directory, doomed)
        for leftover in directory.parent.glob(f"{directory.name}.old-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        directory.mkdir(parents=True)
        index = tantivy.Index(article_schema(), path=str(directory), reuse=False)
    except OSError as exc:
        raise StoreError(f"cannot create the search index {directory}: {exc}") from None
    meta = IndexMeta(FORMAT, uuid.uuid4().hex, (), 0, _now())
    _write_meta(directory, meta)
    return meta, index


def _index_runs(
    con: duckdb.DuckDBPyConnection, index: tantivy.Index, meta: IndexMeta, *, replace: bool
) -> tuple[int, tuple[str, ...]]:
    """Index the articles of the runs ``meta`` does not list; return how many, and every run
    the index then holds (empty when nothing was new). With ``replace``, an older document
    of the same article id is deleted first."""
    runs = con.execute(
        "SELECT DISTINCT run_id FROM articles WHERE NOT list_contains(?, run_id)",
        [list(meta.runs)],
    ).fetchall()
    new_runs = sorted(str(row[0]) for row in runs)
    if not new_runs:
        return 0, ()
    writer = index.writer(heap_size=_HEAP_BYTES, num_threads=1)
    cursor = con.cursor()
    indexed = 0
    try:
        cursor.execute(
            "SELECT article_id, title, text, published FROM articles"
            " WHERE list_contains(?, run_id)",
            [new_runs],
        )
        while rows := cursor.fetchmany(_BATCH):
            for article_id, title, text, published in rows:
                if replace:
                    writer.delete_documents_by_term("article_id", article_id)
                writer.add_document(_document(article_id, title, text, published))
            indexed += len(rows)
        writer.commit()  # what was added before a failure is dropped with the writer
        writer.wait_merging_threads()
    finally:
        cursor.close()
    return indexed, tuple(sorted({*meta.runs, *new_runs}))


def _document(
    article_id: str, title: str | None, text: str, published: date | None
) -> tantivy.Document:
    document = tantivy.Document(article_id=article_id, text=text)
    if title:
        document.add_text("title", title)
    if published is not None:
        document.add_date(
            "published", datetime(published.year, published.month, published.day, tzinfo=UTC)
        )
    return document


def _store_articles(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("SELECT count(*) FROM articles").fetchone()
    return int(row[0]) if row else 0


def _write_meta(directory: Path, meta: IndexMeta) -> None:
    """Write the meta whole or not at all (a reader never sees half a file)."""
    body: dict[str, Any] = {
        "format": meta.format,
        "created": meta.created,
        "runs": list(meta.runs),
        "articles": meta.articles,
        "updated": meta.updated,
    }
    temporary = directory / f".{META_FILE}.{os.getpid()}"
    temporary.write_text(json.dumps(body, indent=1), encoding="utf-8")
    os.replace(temporary, directory / META_FILE)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def index_store(
    db_path: str | Path, *, rebuild: bool = False, wait_seconds: float = 0.0
) -> IndexUpdate:
    """``update_index`` for the store at ``db_path``, read-only, holding its ingest lock (so
    no ingest writes meanwhile: it waits up to ``wait_seconds`` for one to finish)."""
    from .lock import ingest_lock
    from .store import open_reader

    with ingest_lock(db_path, wait_seconds=wait_seconds), open_reader(db_path) as store:
        if store.parquet:
            raise StoreError(f"{db_path} is a Spark output directory: import it first")
        return update_index(store.con, db_path, rebuild=rebuild)
