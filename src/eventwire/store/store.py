"""The DuckDB store: idempotent, transactional writes keyed by content hashes, and reads.

One ``Store`` wraps one DuckDB file. Each article is written with its event mentions in one
transaction, so a run killed half-way leaves whole articles only; the next run skips the
articles already stored and completes the rest. Readers only see committed rows.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlparse

import duckdb
import pyarrow as pa

from ..documents.article import Article, CopyKey, Rejection, copy_key
from ..errors import StoreError
from ..events.model import ActorRef, Event
from ..treaties.persist import delete_treaty_updates
from .merge import timex_interval
from .merging import merge_store
from .parquet import attach_output, is_output
from .queries import StoreQueries
from .rows import ActorMentionRow, ArticleAnnotations, QuoteRow, SentenceRow, span_id
from .schema import migrate

__all__ = ["READER_WAIT_SECONDS", "RunInfo", "Store", "open_reader", "open_store"]

# How long a reader waits for an ingest to finish writing its current batch: one batch of
# write_batch (256) articles takes about a second to store (a few to merge) on 2 cores.
READER_WAIT_SECONDS = 60.0

# The columns of ``articles`` that ``copy_key`` takes, in its order.
_COPY_COLUMNS = "published, external_id, url, source, title, dateline, path, record, sha256(text)"

# What writing a row can raise besides DuckDB's own errors: Arrow's conversions and the
# encoders behind them.
_UNSTORABLE = (duckdb.Error, pa.ArrowException, UnicodeError, ValueError, TypeError, OverflowError)


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a run records about itself (so results trace back to inputs and versions)."""

    inputs: tuple[str, ...]
    config_hash: str
    package_version: str
    model: str
    model_version: str


def open_store(path: str | Path, *, read_only: bool = False, wait_seconds: float = 0.0) -> Store:
    """Open (creating and migrating if needed) the DuckDB file at ``path``.

    ``read_only`` is how every reader opens it: any number of readers at once, and never a
    write lock. DuckDB lets no other process open a file a writer holds, so an ingest holds
    it only while it writes a batch (docs/concurrency.md); ``wait_seconds`` is how long to
    keep trying while another process holds it (default: ``READER_WAIT_SECONDS`` for a
    reader, none for a writer).
    """
    if wait_seconds is None:
        wait_seconds = READER_WAIT_SECONDS if read_only else 0.0
    return Store(path, read_only=read_only, wait_seconds=wait_seconds)


def open_reader(path: str | Path, *, wait_seconds: float = READER_WAIT_SECONDS) -> Store:
    """Open the store at ``path`` read-only (``eventwire.open``), waiting up to
    ``wait_seconds`` for an ingest to finish writing its current batch."""
    return Store(path, read_only=True, wait_seconds=wait_seconds)


def _held_by_another_process(exc: duckdb.Error) -> bool:
    text = str(exc)
    return "Could not set lock" in text or "Conflicting lock" in text


class Store(StoreQueries):
    """A DuckDB-backed record of articles, sentences, actor mentions, quotes, event mentions,
    merged events, actors, rejects and runs. Writes are here; reads (DataFrames or Arrow
    tables) are in ``StoreQueries``.

    The connection opens on first use; ``release`` closes it so that readers can open the
    file between an ingest's batches, and the next use opens it again.
    """

    def __init__(
        self, path: str | Path, *, read_only: bool = False, wait_seconds: float = 0.0
    ) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.wait_seconds = wait_seconds
        self._con: duckdb.DuckDBPyConnection | None = None
        self._threads: int | None = None
        if read_only and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path} (run `eventwire ingest` first)")
        # A directory is a Spark engine's output: read through views over its Parquet.
        self.parquet = is_output(self.path)
        if self.parquet and not read_only:
            raise StoreError(
                f"{self.path} is a Spark output directory: it is read, not written "
                "(`eventwire import` loads it into a DuckDB file)"
            )
        self._connect()
        if not read_only:
            migrate(self.con)

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open connection (opened again after ``release``)."""
        if self._con is None:
            self._connect()
            assert self._con is not None
        return self._con

    @con.setter
    def con(self, connection: duckdb.DuckDBPyConnection) -> None:
        self._con = connection

    def _connect(self) -> None:
        if self.parquet:
            con = duckdb.connect()
            try:
                attach_output(con, self.path)
            except BaseException:
                con.close()
                raise
            self._con = con
            return
        deadline = time.monotonic() + self.wait_seconds
        pause = 0.02
        while True:
            try:
                self._con = duckdb.connect(self.path, read_only=self.read_only)
                if self._threads is not None:
                    self._con.execute(f"SET threads = {int(self._threads)}")
                return
            except duckdb.Error as exc:
                if not _held_by_another_process(exc) or time.monotonic() >= deadline:
                    hint = (
                        " (another process holds it: an ingest between batches, or a reader"
                        " left open; see docs/concurrency.md)"
                        if _held_by_another_process(exc)
                        else ""
                    )
                    raise StoreError(f"cannot open {self.path}: {exc}{hint}") from None
            time.sleep(pause)
            # Short pauses: an ingest lets the file go for moments between batches, and a
            # reader that slept longer missed them all (CI, 2026-12-04).
            pause = min(pause * 2, 0.1)

    def set_threads(self, threads: int | None) -> None:
        """DuckDB's threads for this store's connection, kept when it is opened again
        (None: DuckDB's default, one per core)."""
        self._threads = threads
        if self._con is not None:
            if threads is None:
                self._con.execute("RESET threads")
            else:
                self._con.execute(f"SET threads = {int(threads)}")

    def release(self) -> None:
        """Close the connection until the next use, so other processes can open the file
        (a no-op for an in-memory database, which would be lost)."""
        if self._con is not None and self.path not in ("", ":memory:") and not self.parquet:
            self._con.close()
            self._con = None

    # --- context manager ------------------------------------------------------------------
    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    # --- runs -------------------------------------------------------------------------------
    def begin_run(self, info: RunInfo) -> str:
        run_id = uuid.uuid4().hex[:16]
        self.con.execute(
            "INSERT INTO runs (run_id, started_at, status, inputs, config_hash, package_version,"
            " model, model_version) VALUES (?, now(), 'running', ?, ?, ?, ?, ?)",
            [
                run_id,
                json.dumps(list(info.inputs)),
                info.config_hash,
                info.package_version,
                info.model,
                info.model_version,
            ],
        )
        return run_id

    def finish_run(self, run_id: str, status: str, counts: dict[str, int]) -> None:
        allowed = {"articles_read", "articles_new", "duplicates", "rejected", "event_mentions_new"}
        sets = ", ".join(f"{k} = ?" for k in counts if k in allowed)
        values = [v for k, v in counts.items() if k in allowed]
        self.con.execute(
            f"UPDATE runs SET finished_at = now(), status = ?{', ' + sets if sets else ''}"
            " WHERE run_id = ?",
            [status, *values, run_id],
        )

    # --- writes -----------------------------------------------------------------------------
    def known_articles(self, article_ids: Iterable[str]) -> set[str]:
        """Which of these article ids are already stored."""
        ids = list(article_ids)
        if not ids:
            return set()
        rows = self.con.execute(
            "SELECT article_id FROM articles WHERE article_id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return {row[0] for row in rows}

    def stored_copies(self, article_ids: Iterable[str]) -> dict[str, CopyKey]:
        """The stored copy of each of these article ids that is stored, by its ``copy_key``:
        an exact copy that sorts before it replaces it (``write_articles``)."""
        ids = list(article_ids)
        if not ids:
            return {}
        rows = self.con.execute(
            f"SELECT article_id, {_COPY_COLUMNS} FROM articles"
            " WHERE article_id IN (SELECT unnest(?))",
            [ids],
        ).fetchall()
        return {row[0]: copy_key(*row[1:]) for row in rows}

    def write_article(
        self,
        run_id: str,
        article: Article,
        events: Sequence[Event],
        annotations: ArticleAnnotations | None = None,
    ) -> int:
        """Store one article with its event mentions, sentences, actor mentions and quotes
        atomically (all or nothing); return the event mentions added.

        Every row is keyed by content, so writing the same article again adds nothing.
        """
        return self.write_articles(run_id, [(article, events, annotations)])

    def write_articles(
        self,
        run_id: str,
        batch: Sequence[tuple[Article, Sequence[Event], ArticleAnnotations | None]],
        relinks: Sequence[tuple[str, str]] = (),
    ) -> int:
        """Store several articles, each with its event mentions and annotations, in one
        transaction (all or nothing); return the event mentions added.

        One transaction and one bulk insert per table for the whole batch: per-article
        transactions cost 6 statements and a commit each (benchmarks/throughput.py). A run
        killed in between still leaves whole articles only. ``relinks`` are ``(article_id,
        original_id)`` pairs from deduplication (``DuplicateCheck.original_of``): a stored
        article's ``duplicate_of`` becomes ``original_id`` where that is smaller, in the same
        transaction.

        Of exact copies of an article (one id), the one with the smallest ``copy_key`` is
        the one stored, with its own reports, whatever order the copies come in (issue 15):
        a copy that sorts after the stored one adds nothing, one that sorts before replaces
        it (its rows are deleted, and the events they were in are left for the next merge to
        derive again: ``merging.py``). Its ``duplicate_of`` is kept.
        """
        batch, replaced = self._preferred_copies(batch)
        tables: dict[str, list[list[Any]]] = {
            "articles": [],
            "event_mentions": [],
            "sentences": [],
            "mentions": [],
            "quotes": [],
        }
        for article, events, given in batch:
            notes = given or ArticleAnnotations()
            tables["articles"].append(_article_row(run_id, article))
            domain = _source_domain(article)
            tables["event_mentions"] += [
                _mention_row(article.id, domain, run_id, e) for e in events
            ]
            tables["sentences"] += _sentence_rows(article.id, notes.sentences, events)
            tables["mentions"] += [
                _actor_mention_row(article.id, run_id, m) for m in notes.actor_mentions
            ]
            tables["quotes"] += [_quote_row(article.id, run_id, q) for q in notes.quotes]
        self.con.execute("BEGIN TRANSACTION")
        try:
            if replaced:
                self._remove_articles(replaced)
            for table, rows in tables.items():
                self._insert(table, rows)
            if replaced:
                self._keep_links(replaced)
            if relinks:
                self._relink(relinks)
            self.con.execute("COMMIT")
        except _UNSTORABLE as exc:
            # Not only DuckDB's errors: a value Arrow cannot convert (a string no encoder
            # takes, a number out of range) lost the whole batch and stopped the run (issue
            # 15). The caller retries article by article and rejects the one that fails.
            self.con.execute("ROLLBACK")
            ids = ", ".join(article.id for article, _, _ in batch)
            raise StoreError(
                f"cannot store article(s) {ids}: {type(exc).__name__}: {exc}"
            ) from None
        return len(tables["event_mentions"])

    def _preferred_copies(
        self, batch: Sequence[tuple[Article, Sequence[Event], ArticleAnnotations | None]]
    ) -> tuple[
        list[tuple[Article, Sequence[Event], ArticleAnnotations | None]], dict[str, str | None]
    ]:
        """The items of ``batch`` to write: of the copies of one article id, in the batch and
        stored, the first by ``copy_key``; and the stored articles they replace, with their
        ``duplicate_of``."""
        first: dict[str, tuple[Article, Sequence[Event], ArticleAnnotations | None]] = {}
        for item in batch:
            held = first.get(item[0].id)
            if held is None or item[0].copy_key() < held[0].copy_key():
                first[item[0].id] = item
        stored = self.con.execute(
            f"SELECT article_id, duplicate_of, {_COPY_COLUMNS} FROM articles"
            " WHERE article_id IN (SELECT unnest(?))",
            [list(first)],
        ).fetchall()
        replaced: dict[str, str | None] = {}
        for article_id, duplicate_of, *fields in stored:
            if first[article_id][0].copy_key() < copy_key(*fields):
                replaced[article_id] = duplicate_of
            else:  # the stored copy stays: this one adds nothing
                del first[article_id]
        return [item for item in batch if first.get(item[0].id) is item], replaced

    def _remove_articles(self, replaced: dict[str, str | None]) -> None:
        """Delete the stored copies ``replaced`` names and every row derived from them; note
        the events their reports were in and the actors they named, so that the next merge
        derives those again (``merging.py``)."""
        ids = [sorted(replaced)]
        self.con.execute(
            "INSERT INTO stale_events SELECT DISTINCT event_id FROM event_mentions"
            " WHERE article_id IN (SELECT unnest(?)) AND event_id IS NOT NULL"
            " ON CONFLICT DO NOTHING",
            ids,
        )
        self.con.execute(
            "INSERT INTO stale_actors SELECT DISTINCT actor_id FROM ("
            " SELECT actor_id FROM mentions WHERE article_id IN (SELECT unnest($1))"
            " UNION ALL SELECT unnest([source_actor_id, target_actor_id]) FROM event_mentions"
            " WHERE article_id IN (SELECT unnest($1))) WHERE actor_id IS NOT NULL"
            " ON CONFLICT DO NOTHING",
            ids,
        )
        # The coder names a document by the id its input gave, else by the article id.
        documents = self.con.execute(
            "SELECT coalesce(nullif(external_id, ''), article_id) FROM articles"
            " WHERE article_id IN (SELECT unnest(?))",
            ids,
        ).fetchall()
        delete_treaty_updates(self.con, [str(row[0]) for row in documents])
        for table in ("event_mentions", "sentences", "mentions", "quotes", "articles"):
            self.con.execute(f"DELETE FROM {table} WHERE article_id IN (SELECT unnest(?))", ids)

    def _keep_links(self, replaced: dict[str, str | None]) -> None:
        """A replacing copy keeps the near-duplicate link of the copy it replaced (the same
        text, so the same link)."""
        links = [(a, o) for a, o in replaced.items() if o is not None]
        if links:
            self._relink(links)

    def _relink(self, relinks: Sequence[tuple[str, str]]) -> None:
        frame = pa.table(
            {"article_id": [a for a, _ in relinks], "original": [o for _, o in relinks]}
        )
        self.con.register("_eventwire_relinks", frame)
        try:
            self.con.execute(
                "UPDATE articles SET duplicate_of = r.original FROM ("
                " SELECT article_id, min(original) AS original FROM _eventwire_relinks"
                " GROUP BY article_id) r WHERE articles.article_id = r.article_id"
                " AND (articles.duplicate_of IS NULL OR articles.duplicate_of > r.original)"
            )
        finally:
            self.con.unregister("_eventwire_relinks")

    def _insert(self, table: str, rows: list[list[Any]]) -> None:
        if not rows:
            return
        # One INSERT … SELECT over a DataFrame, not executemany: DuckDB runs executemany as
        # one statement per row, which cost 160 ms per Gigaword article (about 90 rows);
        # the bulk insert is 40 times faster (benchmarks/throughput.py, docs/performance.md).
        # Columns go in as an Arrow table: registering a pandas frame made DuckDB convert each
        # string column back to numpy (a third of the storing process's time; issue 7).
        columns = {f"c{i}": list(values) for i, values in enumerate(zip(*rows, strict=True))}
        self.con.register("_eventwire_rows", pa.table(columns))
        try:
            self.con.execute(
                f"INSERT INTO {table} SELECT * FROM _eventwire_rows ON CONFLICT DO NOTHING"
            )
        finally:
            self.con.unregister("_eventwire_rows")

    def write_signatures(self, signatures: Sequence[tuple[str, bytes]]) -> None:
        """Keep many articles' signatures in one statement (idempotent)."""
        self._insert("article_signatures", [[article_id, sig] for article_id, sig in signatures])

    def article_signatures(self) -> list[tuple[str, bytes]]:
        """Signatures of the stored articles (a signature whose article was never stored —
        a run stopped in between — is left out, so that article is read as new again)."""
        rows = self.con.execute(
            "SELECT s.article_id, s.signature FROM article_signatures s"
            " JOIN articles a USING (article_id) ORDER BY s.article_id"
        ).fetchall()
        return [(str(r[0]), bytes(r[1])) for r in rows]

    def mark_dead_runs(self) -> int:
        """Mark the runs still 'running' as 'died' and return how many; only an ingest that
        holds the ingest lock (``eventwire.store.lock``) may call it, as no other can be live."""
        rows = self.con.execute(
            "UPDATE runs SET status = 'died' WHERE status = 'running' RETURNING run_id"
        ).fetchall()
        return len(rows)

    def record_rejections(self, run_id: str, rejections: Sequence[Rejection]) -> None:
        """Record many rejects in two statements (``record_rejection``'s rule for each): one
        statement per reject cost 2.5 ms, 125 s for 50,000 bad lines (issue 15)."""
        if not rejections:
            return
        frame = pa.table(
            {
                "path": [r.path for r in rejections],
                "record": pa.array([r.record for r in rejections], type=pa.int64()),
                "reader": pa.array([r.reader for r in rejections], type=pa.string()),
                "reason": [r.reason for r in rejections],
            }
        )
        self.con.register("_eventwire_rejects", frame)
        same = "r.path = n.path AND r.reason = n.reason AND r.record IS NOT DISTINCT FROM n.record"
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(
                f"UPDATE rejected_inputs r SET last_run_id = ? FROM _eventwire_rejects n"
                f" WHERE {same}",
                [run_id],
            )
            self.con.execute(
                "INSERT INTO rejected_inputs SELECT n.path, n.record, any_value(n.reader),"
                " n.reason, ?, ? FROM _eventwire_rejects n"
                f" WHERE NOT EXISTS (SELECT 1 FROM rejected_inputs r WHERE {same})"
                " GROUP BY n.path, n.record, n.reason",
                [run_id, run_id],
            )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        finally:
            self.con.unregister("_eventwire_rejects")

    def record_rejection(self, run_id: str, rejection: Rejection) -> None:
        """Record a reject once per (path, record, reason); later runs update last_run_id."""
        updated = self.con.execute(
            "UPDATE rejected_inputs SET last_run_id = ? WHERE path = ? AND reason = ?"
            " AND record IS NOT DISTINCT FROM ? RETURNING 1",
            [run_id, rejection.path, rejection.reason, rejection.record],
        ).fetchall()
        if not updated:
            self.con.execute(
                "INSERT INTO rejected_inputs VALUES (?, ?, ?, ?, ?, ?)",
                [
                    rejection.path,
                    rejection.record,
                    rejection.reader,
                    rejection.reason,
                    run_id,
                    run_id,
                ],
            )

    def merge_events(self, window_days: int, *, by_place: bool = True, full: bool = False) -> int:
        """Derive merged events (and the actors table, and what the reads need: see
        ``eventwire.store.derived``) from the stored mentions; return the number of events.

        Incremental by default: only the merge groups new mentions fall in are clustered
        again, with the same result as a full merge (``eventwire.store.merging``); ``full``
        re-derives everything. Deterministic for a given store content, so re-running it
        changes nothing; the id guarantee is in ``eventwire.store.merge``. ``by_place``:
        mentions located in different known countries never merge.
        """
        return merge_store(self.con, window_days, by_place=by_place, full=full)


def _source_domain(article: Article) -> str | None:
    if article.source:
        return article.source
    if article.url:
        return urlparse(article.url).netloc or None
    return None


def _article_row(run_id: str, article: Article) -> list[Any]:
    return [
        article.id,
        article.external_id,
        article.source,
        article.url,
        article.title,
        article.dateline,
        article.published,
        article.language,
        list(article.credits),
        article.duplicate_of,
        article.text,
        article.provenance.path,
        article.provenance.reader,
        article.provenance.record,
        run_id,
        _notes(article),
    ]


def _notes(article: Article) -> str | None:
    """The ``notes`` JSON: the reader's ``extra`` pairs, and the summary spans of the text
    ("What you need to know"; ``summary``: [[start, end], …]) so that a read of the stored
    text (a briefing's live-blog items) can tell the summary from the news (issue 18)."""
    notes: dict[str, Any] = dict(article.extra)
    if article.summary:
        notes["summary"] = [list(span) for span in article.summary]
    if article.furniture:  # captions, links, prompts: stored, never coded
        notes["furniture"] = [list(span) for span in article.furniture]
    return json.dumps(notes, ensure_ascii=False) if notes else None


def _sentence_rows(
    article_id: str, sentences: Sequence[SentenceRow], events: Sequence[Event]
) -> list[list[Any]]:
    if sentences:
        return [[article_id, s.index, s.start, s.end, s.text] for s in sentences]
    quoted = {e.sentence_index: e.sentence for e in events}
    return [[article_id, index, None, None, text] for index, text in sorted(quoted.items())]


def _actor_mention_row(article_id: str, run_id: str, m: ActorMentionRow) -> list[Any]:
    return [
        span_id("n", article_id, m.start, m.end),
        article_id,
        m.sentence_index,
        m.start,
        m.end,
        m.text,
        m.actor_id,
        m.name,
        m.code,
        m.country,
        m.sector,
        m.kind,
        run_id,
    ]


def _quote_row(article_id: str, run_id: str, q: QuoteRow) -> list[Any]:
    speaker = q.speaker
    return [
        span_id("q", article_id, q.start, q.end),
        article_id,
        q.sentence_index,
        q.start,
        q.end,
        q.text,
        *(
            [
                speaker.text,
                speaker.start,
                speaker.end,
                speaker.actor_id,
                speaker.name,
                speaker.code,
                speaker.country,
            ]
            if speaker
            else [None] * 7
        ),
        run_id,
    ]


def _ref(ref: ActorRef | None) -> list[Any]:
    if ref is None:
        return [None] * 8
    return [ref.text, ref.start, ref.end, ref.actor_id, ref.name, ref.code, ref.country, ref.sector]


def _mention_row(article_id: str, domain: str | None, run_id: str, e: Event) -> list[Any]:
    interval = timex_interval(e.event_date.value) if e.event_date else None
    start: date | None = interval[0] if interval else None
    end: date | None = interval[1] if interval else None
    return [
        e.mention_id,
        None,
        article_id,
        e.sentence_index,
        e.sentence,
        *_ref(e.source),
        *_ref(e.target),
        e.trigger.text,
        e.trigger.start,
        e.trigger.end,
        e.cameo,
        e.plover.category,
        e.plover.mode,
        e.plover.context,
        e.goldstein,
        e.quad_class,
        e.modality,
        e.attribution.text if e.attribution else None,
        e.attribution.code if e.attribution else None,
        e.event_date.text if e.event_date else None,
        e.event_date.value if e.event_date else None,
        e.event_date.granularity if e.event_date else None,
        e.event_date.mod if e.event_date else None,
        start,
        end,
        e.location.text if e.location else None,
        e.location.country if e.location else None,
        e.location.lat if e.location else None,
        e.location.lon if e.location else None,
        e.confidence,
        domain,
        run_id,
        e.rule,
    ]
