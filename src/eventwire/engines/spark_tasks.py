"""What the Spark engine's executors run: plain functions over plain values, no Spark here.

- Reading: ``read_whole_file`` (a file's bytes, by our readers) and ``read_jsonl_lines`` (the
  lines Spark read from a JSONL file, by the JSONL reader's per-line parser), each result with
  its *read order*, the position the local engine would read it in.
- Near-duplicates: ``signature_of`` and ``band_keys`` (the LSH bands ``Deduplicator`` uses),
  ``similar`` (its Jaccard estimate and threshold).
- Coding: ``code_partition`` runs ``code_articles`` with one pipeline per executor process
  (``_cached_pipeline``: built on the first partition, never pickled) and stores each batch in
  a scratch in-memory DuckDB store with the local engine's own writer (``ingest.store_batch``),
  so every row, key and id is the local store's; the rows leave as Arrow IPC payloads, one per
  table and batch.
- Merging: ``merge_group`` clusters one merge group with ``store.merge.merge_mentions``.
"""

from __future__ import annotations

import gc
import os
import pickle
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np
import pyarrow as pa

from ..config import DocumentOptions, Options, PipelineOptions
from ..documents.article import Article, Rejection
from ..documents.readers import read_bytes
from ..documents.readers.inputs import InputFile, unpack
from ..documents.readers.records import read_jsonl_line
from .model import CodedArticle, batches

__all__ = [
    "ARTICLE_ROW",
    "CODED_TABLES",
    "MERGE_KEYS",
    "REJECTED",
    "ReadOrder",
    "article_row",
    "band_keys",
    "code_partition",
    "decode_payload",
    "linked_article",
    "merge_group",
    "read_jsonl_lines",
    "read_whole_file",
    "rejection_row",
    "rejection_rows",
    "signature_of",
]

# The store's tables that coding fills, in the order they are exported.
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
# Each mention's merge sides, computed by the store's own SQL (merging._SOURCE_KEY/_TARGET_KEY).
MERGE_KEYS = "_merge_keys"
REJECTED = "rejected_inputs"

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


# What reading yields per article for deduplication and coding (the article itself pickled).
ARTICLE_ROW = (
    "id string, read_order array<bigint>, article binary, signature binary,"
    " hashes array<bigint>, bands array<binary>"
)


def article_row(
    pair: tuple[ReadOrder, ReadResult], documents: DocumentOptions, lsh: tuple[int, int]
) -> list[tuple[Any, ...]]:
    """A read article as an ``ARTICLE_ROW`` (nothing for a rejection): its id, read order,
    pickled value, signature bytes, signature values and LSH band keys."""
    order, result = pair
    if not isinstance(result, Article):
        return []
    signature = signature_of(documents, result.text)
    hashes = [int(v) for v in _values(signature)]
    bands = [key for _, key in band_keys(signature, *lsh)]
    blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    return [(result.id, list(order), blob, signature, hashes, bands)]


def linked_article(row: Any) -> Article:
    """The article of a row of ``(id, article, duplicate_of)``, linked to the article it
    nearly repeats when there is one."""
    article: Article = pickle.loads(row[1])
    return article if row[2] is None else replace(article, duplicate_of=row[2])


def rejection_rows(pair: tuple[ReadOrder, ReadResult], run_id: str) -> list[tuple[Any, ...]]:
    """A read rejection as a ``rejected_inputs`` row (nothing for an article)."""
    result = pair[1]
    return [rejection_row(result, run_id)] if isinstance(result, Rejection) else []


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


def encode_table(table: pa.Table) -> bytes:
    """Arrow IPC stream bytes of a table."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def decode_payload(payload: bytes) -> pa.Table:
    """The table ``encode_table`` wrote."""
    return pa.ipc.open_stream(pa.py_buffer(payload)).read_all()


def _export(store: Any) -> Iterator[tuple[str, bytes]]:
    """The rows written since the last export, one payload per non-empty table; then empty."""
    from ..store.merging import _SOURCE_KEY, _TARGET_KEY

    keys = store.con.execute(
        f"SELECT m.mention_id, {_SOURCE_KEY} AS source_key, {_TARGET_KEY} AS target_key"
        " FROM event_mentions m"
    ).to_arrow_table()
    if keys.num_rows:
        yield MERGE_KEYS, encode_table(keys)
    for table in CODED_TABLES:
        rows = store.con.execute(f"SELECT * FROM {table}").to_arrow_table()
        if rows.num_rows:
            yield table, encode_table(rows)
            store.con.execute(f"DELETE FROM {table}")


PartitionCoder = Callable[[Options, str, Iterable[Article]], Iterator[tuple[str, bytes]]]


def code_partition(
    options: Options, run_id: str, articles: Iterable[Article]
) -> Iterator[tuple[str, bytes]]:
    """Code one partition's articles and yield ``(table, Arrow IPC payload)`` pairs: the
    store's rows for each batch of ``[pipeline] write_batch`` articles, and a
    ``rejected_inputs`` payload for the articles that could not be coded or stored.

    Deterministic: the rows depend only on the articles, so a retried task yields the same.
    """
    from ..ingest import store_batch

    nlp, selector = _cached_pipeline(options.pipeline)
    store = _scratch_store()
    coded = _code(nlp, selector, articles, options.pipeline)
    rejected: list[Rejection] = []
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
        yield from _export(store)
    if rejected:
        rows = [rejection_row(r, run_id) for r in rejected]
        names = ("path", "record", "reader", "reason", "first_run_id", "last_run_id")
        table = pa.table(
            {name: [row[i] for row in rows] for i, name in enumerate(names)},
            schema=pa.schema(
                [(name, pa.int32() if name == "record" else pa.string()) for name in names]
            ),
        )
        yield REJECTED, encode_table(table)


def _code(
    nlp: Any, selector: Any, articles: Iterable[Article], options: PipelineOptions
) -> Iterator[CodedArticle]:
    from .articles import code_articles

    yield from code_articles(nlp, articles, options.batch_size, selector)


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
