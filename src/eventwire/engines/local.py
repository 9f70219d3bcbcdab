"""The local engine: code articles in this process or in a pool of worker processes.

This module does not import spaCy: with several processes, only the workers load the pipeline
(through :mod:`eventwire.engines.articles`), and the parent that reads, deduplicates and
stores stays about 50 MB smaller (179 MB after imports, 227 MB with spaCy).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import chain, islice
from multiprocessing.pool import AsyncResult

from ..config import PipelineOptions
from ..documents.article import Article
from ..registry import engines
from .model import CodedArticle, batches

__all__ = ["SMALL_INPUT_BATCHES", "run_local"]

# With ``n_process = 0`` (one process per core), inputs shorter than this many batches are
# coded in the calling process: below about two batches a core, starting the workers costs
# more than they save (100 Gigaword articles: docs/performance.md).
SMALL_INPUT_BATCHES = 4


def _init_worker(options: PipelineOptions) -> None:
    from .articles import init_worker

    init_worker(options)


def _code_chunk(chunk: list[Article]) -> list[CodedArticle]:
    from .articles import code_chunk

    return code_chunk(chunk)


def run_local(articles: Iterable[Article], options: PipelineOptions) -> Iterator[CodedArticle]:
    """Code articles with ``options.n_process`` processes (0: one per core, or this process
    alone for a small input), preserving order."""
    processes = options.n_process or os.cpu_count() or 1
    iterator = iter(articles)
    if options.n_process == 0 and processes > 1:
        # "All cores" pays a worker start-up (loading the model, the knowledge base and the
        # gazetteer in each process: 5-8 s) that a small input does not earn back: an input
        # of fewer than SMALL_INPUT_BATCHES batches is coded in this process.
        head = list(islice(iterator, SMALL_INPUT_BATCHES * options.batch_size))
        if len(head) < SMALL_INPUT_BATCHES * options.batch_size:
            processes = 1
        iterator = chain(head, iterator)
    if processes == 1:
        from ..nlp.pipeline import build_pipeline, build_selector
        from .articles import code_articles

        yield from code_articles(
            build_pipeline(options), iterator, options.batch_size, build_selector(options)
        )
        return
    chunks = batches(iterator, options.batch_size)
    # spawn, not fork: a forked copy of a loaded pipeline in the parent wastes memory and
    # spaCy's own multiprocessing uses spawn for the same reason.
    context = multiprocessing.get_context("spawn")
    with context.Pool(processes, initializer=_init_worker, initargs=(options,)) as pool:
        # Chunks are read and submitted from the caller's thread, not by ``Pool.imap``'s
        # feeder thread: the caller's iterator may use a DuckDB connection (ingest checks
        # which articles are stored) that the caller also writes with, and two threads on
        # one connection deadlocked a 300-article ingest. Two chunks in flight per worker
        # keep every worker busy while the caller stores the chunk before.
        pending: deque[AsyncResult[list[CodedArticle]]] = deque()
        for chunk in chunks:
            pending.append(pool.apply_async(_code_chunk, (chunk,)))
            if len(pending) >= 2 * processes:
                yield from pending.popleft().get()
        while pending:
            yield from pending.popleft().get()


engines.register("eventwire.engine.local.v1", func=run_local)
