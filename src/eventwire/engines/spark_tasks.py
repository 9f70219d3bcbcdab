"""What the Spark engine's executors run: plain functions over plain values, no Spark here.

- Reading: ``read_whole_file`` (a file's bytes, by our readers) and ``read_jsonl_lines`` (the
  lines Spark read from a JSONL file, by the JSONL reader's per-line parser), each result with
  its *read order*, the position the local engine would read it in.
- Near-duplicates: ``signature_of`` and ``band_keys`` (the LSH bands ``Deduplicator`` uses),
  ``similar`` (its Jaccard estimate and threshold).
- Coding: ``code_partition`` runs ``code_articles`` with one pipeline per executor process
  (``_cached_pipeline``: built on the first partition, never pickled) and stores each batch in
  a scratch in-memory DuckDB store with the local engine's own writer (``ingest.store_batch``),
  so every row, key and id is the local store's; the rows go straight into the output's
  Parquet datasets (``PartFiles``: one file per task and table, pyarrow, never through the
  JVM), and only each event mention's merge fields return to Spark.
- Merging: ``merge_group`` clusters one merge group with ``store.merge.merge_mentions``.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import sys
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from ..config import DocumentOptions, Options, PipelineOptions
from ..documents.article import Article, Rejection
from ..documents.readers import read_bytes
from ..documents.readers.inputs import InputFile, unpack
from ..documents.readers.records import read_jsonl_line
from ..store.parquet import CODED_TABLES
from .model import CodedArticle, batches

__all__ = [
    "CODED_TABLES",
    "MERGE_FIELDS",
    "READ_ROW",
    "REJECTED",
    "UNFINISHED",
    "WORK",
    "WORK_TABLES",
    "PartFiles",
    "ReadOrder",
    "band_keys",
    "code_partition",
    "linked_article",
    "merge_group",
    "part_path",
    "read_jsonl_lines",
    "read_row",
    "read_whole_file",
    "rejection_row",
    "signature_of",
]

REJECTED = "rejected_inputs"
# The folder of an output the driver finishes and removes: the tasks' part files of the tables
# it still deduplicates across partitions (treaties, rejections) or completes (each event
# mention's event), and the merged events' summary.
WORK = "_work"
WORK_TABLES = frozenset(
    ("event_mentions", "treaty_steps", "treaty_obligations", "treaties", "treaty_parties", REJECTED)
)
# Rows per Parquet row group of a part file: large enough that readers scan few groups, small
# enough that a task's buffer stays a few MB (a Gigaword article makes about 40 sentence rows).
ROW_GROUP = 50_000
# The suffix of a part file being written (not ``.parquet``: no reader sees it).
UNFINISHED = ".unfinished"
_SIGNATURES = pa.schema([("article_id", pa.string()), ("signature", pa.binary())])
_REJECTED = pa.schema(
    [
        ("path", pa.string()),
        ("record", pa.int32()),
        ("reader", pa.string()),
        ("reason", pa.string()),
        ("first_run_id", pa.string()),
        ("last_run_id", pa.string()),
    ]
)

# (input given, file within it, record within the file, result within the record): the order
# the local engine reads in, so the first of several exact copies is the one both keep.
ReadOrder = tuple[int, int, int, int]
ReadResult = Article | Rejection


# --- reading ----------------------------------------------------------------------------------


def _dated(result: ReadResult, published: date | None) -> ReadResult:
    if isinstance(result, Article) and result.published is None and published is not None:
        return replace(result, published=published)
    return result


def read_whole_file(
    path: str,
    name: str,
    data: bytes,
    order: tuple[int, int],
    options: DocumentOptions,
    published: date | None,
) -> Iterator[tuple[ReadOrder, ReadResult]]:
    """The articles and rejections of one input file's bytes (unpacked when an archive), as
    ``read_inputs`` gives them, each with its read order."""
    if len(data) > options.max_file_bytes:
        reason = f"file of {len(data)} bytes exceeds documents.max_file_bytes"
        yield (*order, 0, 0), Rejection(path, f"{reason} ({options.max_file_bytes})")
        return
    sequence = 0
    for item in unpack(InputFile(path, name, data), options):
        results: Iterable[ReadResult] = (
            [item] if isinstance(item, Rejection) else read_bytes(item, options)
        )
        for result in results:
            yield (*order, 0, sequence), _dated(result, published)
            sequence += 1


def read_jsonl_lines(
    path: str,
    order: tuple[int, int],
    lines: Iterable[tuple[str, int]],
    options: DocumentOptions,
    published: date | None,
) -> Iterator[tuple[ReadOrder, ReadResult]]:
    """Lines of a JSONL file as Spark read them (``(line, 0-based index)``), each non-blank
    one parsed as ``read_jsonl`` parses it and numbered as it numbers them (from 1)."""
    for line, index in lines:
        if not line.strip():
            continue
        result = read_jsonl_line(path, index + 1, line, options)
        yield (*order, index + 1, 0), _dated(result, published)


# What reading yields, one row per result: an article (its id, read order, pickled value,
# signature bytes, signature values and LSH band keys) or a rejection (its path, record,
# reader and reason, with a NULL id). One pass of Python over the input: deduplication then
# runs in Spark SQL and the rejections are written from the same rows.
READ_ROW = (
    "id string, read_order array<bigint>, article binary, signature binary,"
    " hashes array<bigint>, bands array<binary>, path string, record int, reader string,"
    " reason string"
)


def read_row(
    pair: tuple[ReadOrder, ReadResult], documents: DocumentOptions, lsh: tuple[int, int]
) -> tuple[Any, ...]:
    """A read result as a ``READ_ROW``."""
    order, result = pair
    if isinstance(result, Rejection):
        return (None, list(order), None, None, None, None, *rejection_row(result, "")[:4])
    signature = signature_of(documents, result.text)
    hashes = [int(v) for v in _values(signature)]
    bands = [key for _, key in band_keys(signature, *lsh)]
    blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    return (result.id, list(order), blob, signature, hashes, bands, None, None, None, None)


def linked_article(row: Any) -> Article:
    """The article of a row of ``(id, article, duplicate_of, ...)``, linked to the article it
    nearly repeats when there is one."""
    article: Article = pickle.loads(row[1])
    return article if row[2] is None else replace(article, duplicate_of=row[2])


def rejection_row(rejection: Rejection, run_id: str) -> tuple[Any, ...]:
    """A rejection as a row of the store's ``rejected_inputs``."""
    return (rejection.path, rejection.record, rejection.reader, rejection.reason, run_id, run_id)


# --- near-duplicates ----------------------------------------------------------------------------

_deduplicators: dict[tuple[float, int], Any] = {}


def _deduplicator(options: DocumentOptions) -> Any:
    from ..documents.dedup import Deduplicator

    key = (options.near_duplicate_threshold, options.minhash_permutations)
    if key not in _deduplicators:
        _deduplicators[key] = Deduplicator.from_options(options)
    return _deduplicators[key]


def signature_of(options: DocumentOptions, text: str) -> bytes:
    """The MinHash signature bytes ``Deduplicator`` stores for ``text``."""
    signature: bytes = _deduplicator(options).signature_bytes(text)
    return signature


def _values(signature: bytes) -> np.ndarray[Any, np.dtype[np.uint32]]:
    return np.frombuffer(signature[1:], dtype="<u4")


def band_keys(signature: bytes, bands: int, rows: int) -> list[tuple[int, bytes]]:
    """The LSH buckets of a signature, as ``datasketch.MinHashLSH`` forms them (band ``i`` is
    values ``i*rows`` to ``(i+1)*rows``): two articles are candidates when any band is equal.
    An empty signature (no words) is in none, as ``Deduplicator`` never indexes it."""
    values = _values(signature)
    if bool(np.all(values == np.uint32(0xFFFFFFFF))):
        return []
    return [(i, values[i * rows : (i + 1) * rows].tobytes()) for i in range(bands)]


# --- coding -----------------------------------------------------------------------------------

_pipelines: dict[PipelineOptions, tuple[Any, Any]] = {}
_scratch: dict[str, Any] = {}


def _cached_pipeline(options: PipelineOptions) -> tuple[Any, Any]:
    """This executor process's pipeline and pre-filter for ``options``: built by the first
    partition it codes (5-8 s), reused by every later one."""
    if options not in _pipelines:
        from ..nlp.pipeline import build_pipeline, build_selector

        _pipelines[options] = (build_pipeline(options), build_selector(options))
        # One line per executor Python process: more than one per process and core means
        # Spark did not reuse its Python workers (spark.python.worker.reuse).
        print(f"eventwire: pipeline built in process {os.getpid()}", file=sys.stderr, flush=True)
        # As in the local engine's workers: the model and tables live as long as the process.
        gc.collect()
        gc.freeze()
    return _pipelines[options]


def _scratch_store() -> Any:
    """An in-memory store in which this process writes each coded batch, to read the rows back
    exactly as the local store holds them."""
    if "store" not in _scratch:
        from ..store.store import Store
        from ..treaties.persist import ensure_treaty_tables

        store = Store(":memory:")
        store.set_threads(1)  # the executor's other cores code other partitions
        ensure_treaty_tables(store.con)
        _scratch["store"] = store
    return _scratch["store"]


def part_path(output: str, table: str, index: int) -> str:
    """Where the coding task of partition ``index`` writes its rows of ``table``: one file per
    task and table, named by the partition, so a retried task replaces its own file. The
    tables the driver finishes (``WORK_TABLES``) go to the ``_work`` folder first."""
    folder = (
        os.path.join(output, WORK, table) if table in WORK_TABLES else os.path.join(output, table)
    )
    return os.path.join(folder, f"part-{index:05d}.parquet")


class PartFiles:
    """The Parquet part files of one coding task, one per table, written with pyarrow
    straight into the output dataset: the coded rows never cross into the JVM. Rows are
    buffered and written in row groups of about ``ROW_GROUP`` rows; each file is written under
    a temporary name and renamed into place by ``commit``, so a task killed before it leaves
    no part file and a retried task replaces its own (the rows are the same: content keys)."""

    def __init__(self, output: str, index: int) -> None:
        self.output = output
        self.index = index
        self.token = uuid.uuid4().hex[:12]
        self.writers: dict[str, tuple[str, pq.ParquetWriter]] = {}
        self.buffers: dict[str, list[pa.Table]] = {}
        self.rows: dict[str, int] = {}

    def add(self, table: str, rows: pa.Table) -> None:
        if not rows.num_rows:
            return
        self.buffers.setdefault(table, []).append(rows)
        self.rows[table] = self.rows.get(table, 0) + rows.num_rows
        if self.rows[table] >= ROW_GROUP:
            self._flush(table)

    def _flush(self, table: str) -> None:
        buffered = self.buffers.pop(table, [])
        self.rows[table] = 0
        if not buffered:
            return
        rows = pa.concat_tables(buffered)
        if table not in self.writers:
            final = part_path(self.output, table, self.index)
            os.makedirs(os.path.dirname(final), exist_ok=True)
            # Not *.parquet: readers of the dataset never see an unfinished file.
            temporary = f"{final}.{self.token}{UNFINISHED}"
            self.writers[table] = (temporary, pq.ParquetWriter(temporary, rows.schema))
        self.writers[table][1].write_table(rows, row_group_size=len(rows))

    def commit(self) -> None:
        """Write what is buffered, close every file and rename each into place."""
        for table in list(self.buffers):
            self._flush(table)
        for table, (temporary, writer) in self.writers.items():
            writer.close()
            os.replace(temporary, part_path(self.output, table, self.index))
        self.writers.clear()

    def abandon(self) -> None:
        """Close and remove the unfinished files (the task failed)."""
        for temporary, writer in self.writers.values():
            writer.close()
            with contextlib.suppress(OSError):
                os.remove(temporary)
        self.writers.clear()


def _export(store: Any, parts: PartFiles) -> list[tuple[Any, ...]]:
    """Move the rows written since the last export into the part files; return the merge
    rows (``MERGE_FIELDS``) of the event mentions among them."""
    from ..store.merging import _SOURCE_KEY, _TARGET_KEY

    fields = ", ".join(
        {
            "source_key": f"{_SOURCE_KEY} AS source_key",
            "target_key": f"{_TARGET_KEY} AS target_key",
        }.get(name, f"m.{name}")
        for name in MERGE_FIELDS
    )
    merge_rows: list[tuple[Any, ...]] = store.con.execute(
        f"SELECT {fields} FROM event_mentions m"
    ).fetchall()
    for table in CODED_TABLES:
        rows = store.con.execute(f"SELECT * FROM {table}").to_arrow_table()
        if rows.num_rows:
            parts.add(table, rows)
            store.con.execute(f"DELETE FROM {table}")
    return merge_rows


PartitionCoder = Callable[[Options, str, str, int, Iterable[Any]], Iterator[tuple[Any, ...]]]


def code_partition(
    options: Options, run_id: str, output: str, index: int, rows: Iterable[Any]
) -> Iterator[tuple[Any, ...]]:
    """Code partition ``index``'s articles (rows of ``(id, article, duplicate_of,
    signature)``), write the store's rows of them (and their signatures, and the articles
    that could not be coded or stored, with the reason) as this task's Parquet part files in
    ``output``, and yield the merge rows (``MERGE_FIELDS``) of their event mentions, batch by
    batch of ``[pipeline] write_batch`` articles.

    Deterministic: the rows depend only on the articles, so a retried task writes the same.
    """
    from ..ingest import store_batch
    from .articles import code_articles

    nlp, selector = _cached_pipeline(options.pipeline)
    store = _scratch_store()
    for table in CODED_TABLES:  # what a failed task left in this reused process
        store.con.execute(f"DELETE FROM {table}")
    parts = PartFiles(output, index)
    signatures: dict[str, list[Any]] = {"article_id": [], "signature": []}

    def articles() -> Iterator[Article]:
        for row in rows:
            signatures["article_id"].append(row[0])
            signatures["signature"].append(row[3])
            yield linked_article(row)

    rejected: list[Rejection] = []
    try:
        coded = code_articles(nlp, articles(), options.pipeline.batch_size, selector)
        for batch in batches(coded, max(1, options.pipeline.write_batch)):
            ok: list[CodedArticle] = []
            for item in batch:
                if item.failure is None:
                    ok.append(item)
                    continue
                source = item.article.provenance
                rejected.append(
                    Rejection(source.path, item.failure, record=source.record, reader=source.reader)
                )
            store_batch(store, run_id, ok, rejected.append)
            merge_rows = _export(store, parts)
            parts.add("article_signatures", pa.table(signatures, schema=_SIGNATURES))
            for values in signatures.values():
                values.clear()
            yield from merge_rows
        if rejected:
            rejections = [rejection_row(r, run_id) for r in rejected]
            columns = {name: [r[i] for r in rejections] for i, name in enumerate(_REJECTED.names)}
            parts.add(REJECTED, pa.table(columns, schema=_REJECTED))
        parts.commit()
    except BaseException:
        parts.abandon()
        raise


# --- merging ----------------------------------------------------------------------------------

# The mention fields a merge group is clustered from, in this order.
MERGE_FIELDS = (
    "mention_id",
    "article_id",
    "sentence_index",
    "trigger_start",
    "source_domain",
    "source_key",
    "target_key",
    "plover_category",
    "modality",
    "cameo",
    "confidence",
    "date_start",
    "date_end",
    "location_country",
)


def _storage_order(row: tuple[Any, ...]) -> tuple[Any, ...]:
    # merging._STORAGE_ORDER: article, sentence, trigger, mention (DuckDB sorts NULLs last).
    return (row[1], row[2] is None, row[2] or 0, row[3] is None, row[3] or 0, row[0])


def merge_group(
    rows: Iterable[tuple[Any, ...]], window_days: int, by_place: bool
) -> Iterator[tuple[Any, ...]]:
    """Cluster the mentions of one merge group (rows of ``MERGE_FIELDS``) as the local
    store's full merge does; yield ``(event_id, representative, num_mentions, num_articles,
    num_sources, confidence, mention_ids)`` per event. Only the relative storage order of a
    group's mentions matters to ``merge_mentions``, so each group is clustered alone."""
    from ..store.merge import mention_rows, merge_mentions

    # A row of MERGE_FIELDS is the store's merge row with the sentence index and trigger
    # start (the storage order) after the article id.
    mentions = mention_rows([(r[0], r[1], *r[4:]) for r in sorted(rows, key=_storage_order)])
    for event in merge_mentions(mentions, window_days, by_place=by_place):
        yield (
            event.event_id,
            event.representative,
            event.num_mentions,
            event.num_articles,
            event.num_sources,
            event.confidence,
            list(event.mention_ids),
        )
