"""The DuckDB store: idempotent, transactional writes keyed by content hashes, and reads.

One ``Store`` wraps one DuckDB file. Each article is written with its event mentions in one
transaction, so a run killed half-way leaves whole articles only; the next run skips the
articles already stored and completes the rest. Readers only see committed rows.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import urlparse

import duckdb
import pandas as pd
import pyarrow as pa

from ..documents.article import Article, Rejection
from ..errors import StoreError
from ..events.model import ActorRef, Event
from .derived import rewrite_events
from .merge import MentionRow, group_key, merge_mentions, timex_interval
from .queries import StoreQueries
from .rows import ActorMentionRow, ArticleAnnotations, QuoteRow, SentenceRow, span_id
from .schema import migrate

__all__ = ["RunInfo", "Store", "open_store"]


@dataclass(frozen=True, slots=True)
class RunInfo:
    """What a run records about itself (so results trace back to inputs and versions)."""

    inputs: tuple[str, ...]
    config_hash: str
    package_version: str
    model: str
    model_version: str


def open_store(path: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating and migrating if needed) the DuckDB file at ``path``."""
    return Store(path, read_only=read_only)


class Store(StoreQueries):
    """A DuckDB-backed record of articles, sentences, actor mentions, quotes, event mentions,
    merged events, actors, rejects and runs. Writes are here; reads (DataFrames or Arrow
    tables) are in ``StoreQueries``."""

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(f"no database at {self.path} (run `eventwire ingest` first)")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        if not read_only:
            migrate(self.con)

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
        self.con.close()

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
    ) -> int:
        """Store several articles, each with its event mentions and annotations, in one
        transaction (all or nothing); return the event mentions added.

        One transaction and one bulk insert per table for the whole batch: per-article
        transactions cost 6 statements and a commit each (benchmarks/throughput.py). A run
        killed in between still leaves whole articles only.
        """
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
            for table, rows in tables.items():
                self._insert(table, rows)
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            ids = ", ".join(article.id for article, _, _ in batch)
            raise StoreError(f"cannot store article(s) {ids}: {exc}") from None
        return len(tables["event_mentions"])

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

    def merge_events(self, window_days: int, *, by_place: bool = True) -> int:
        """Re-derive merged events (and the actors table, and what the reads need: see
        ``eventwire.store.derived``) from all stored mentions; return the number of events.

        Deterministic for a given store content, so re-running it changes nothing; the id
        guarantee is in ``eventwire.store.merge``. ``by_place``: mentions located in different
        known countries never merge.
        """
        rows = self.con.execute(_MENTIONS_IN_STORAGE_ORDER).fetchall()
        mentions = [
            MentionRow(
                mention_id=r[0],
                order=i,
                article_id=r[1],
                source_domain=r[2],
                group=group_key(r[3], r[4], r[5], r[6]),
                cameo=r[7],
                confidence=r[8] or 0.0,
                date_start=r[9],
                date_end=r[10],
                location_country=r[11],
            )
            for i, r in enumerate(rows)
        ]
        merged = merge_mentions(mentions, window_days, by_place=by_place)
        assignment = pd.DataFrame(
            [(m, e.event_id) for e in merged for m in e.mention_ids],
            columns=["mention_id", "event_id"],
        )
        summary = pd.DataFrame(
            [
                (
                    e.event_id,
                    e.representative,
                    e.num_mentions,
                    e.num_articles,
                    e.num_sources,
                    e.confidence,
                )
                for e in merged
            ],
            columns=["event_id", "rep", "num_mentions", "num_articles", "num_sources", "conf"],
        )
        actors = _actor_table(self.con.execute(_ACTOR_EVIDENCE).fetchall())
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.register("assignment_df", assignment)
            self.con.register("summary_df", summary)
            self.con.register("actors_df", actors)
            self.con.execute(
                "UPDATE event_mentions SET event_id = a.event_id FROM assignment_df a"
                " WHERE event_mentions.mention_id = a.mention_id"
                " AND event_mentions.event_id IS DISTINCT FROM a.event_id"
            )
            rewrite_events(self.con, "summary_df")
            self.con.execute("DELETE FROM actors")
            self.con.execute(
                "INSERT INTO actors (actor_id, name, kind, country, code, sector)"
                " SELECT actor_id, name, kind, country, code, sector FROM actors_df"
            )
            self.con.execute("COMMIT")
        except duckdb.Error as exc:
            self.con.execute("ROLLBACK")
            raise StoreError(f"cannot merge events: {exc}") from None
        finally:
            self.con.unregister("assignment_df")
            self.con.unregister("summary_df")
            self.con.unregister("actors_df")
        return len(merged)


# Storage order for merging (see the id guarantee in merge.py): a mention's generation is the
# first complete run started at or after its own run, so the rows of a run that was killed or
# failed sort with the run that completed it; the current, still running, run sorts last.
_MENTIONS_IN_STORAGE_ORDER = """
    WITH generation AS (
        SELECT r.run_id,
               (SELECT min(c.started_at) FROM runs c
                WHERE c.status = 'complete' AND c.started_at >= r.started_at) AS completed_by
        FROM runs r
    )
    SELECT m.mention_id, m.article_id, m.source_domain,
           -- An unresolved side ("a Russian court") groups by its words, so that two
           -- different unnamed actors never merge into one event through a shared "unknown".
           coalesce(m.source_country, m.source_actor_id, '?' || lower(m.source_text)),
           coalesce(m.target_country, m.target_actor_id, '?' || lower(m.target_text)),
           m.plover_category, m.modality, m.cameo, m.confidence, m.date_start, m.date_end,
           m.location_country
    FROM event_mentions m LEFT JOIN generation g USING (run_id)
    ORDER BY g.completed_by NULLS LAST, m.article_id, m.sentence_index, m.trigger_start,
             m.mention_id
"""

# Everything said about each actor id, by actor mentions and by event arguments.
_ACTOR_EVIDENCE = """
    SELECT actor_id, name, kind, country, code, sector, count(*) AS n FROM (
        SELECT actor_id, name, kind, country, code, sector FROM mentions
        UNION ALL
        SELECT source_actor_id, source_name, NULL, source_country, source_code, source_sector
        FROM event_mentions
        UNION ALL
        SELECT target_actor_id, target_name, NULL, target_country, target_code, target_sector
        FROM event_mentions
    ) WHERE actor_id IS NOT NULL
    GROUP BY ALL
"""
_ACTOR_COLUMNS = ("actor_id", "name", "kind", "country", "code", "sector")


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
    return pd.DataFrame(records, columns=list(_ACTOR_COLUMNS))


def _source_domain(article: Article) -> str | None:
    if article.source:
        return article.source
    if article.url:
        return urlparse(article.url).netloc or None
    return None


def _most_frequent(counter: Counter[str]) -> str | None:
    return min(counter, key=lambda value: (-counter[value], value)) if counter else None


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
    ]


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
    ]
