"""The local engine: code articles in this process or in a pool of worker processes.

This module does not import spaCy: with several processes, only the workers load the pipeline
(through :mod:`eventwire.engines.articles`), and the parent that reads, deduplicates and
stores stays about 100 MB smaller.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult

from ..config import PipelineOptions
from ..documents.article import Article
from ..registry import engines
from .model import CodedArticle, batches

__all__ = ["run_local"]


def _init_worker(options: PipelineOptions) -> None:
    from .articles import init_worker

    init_worker(options)


def _code_chunk(chunk: list[Article]) -> list[CodedArticle]:
    from .articles import code_chunk

    return code_chunk(chunk)


def run_local(articles: Iterable[Article], options: PipelineOptions) -> Iterator[CodedArticle]:
    """Code articles with ``options.n_process`` processes (0: one per core), preserving order."""
    processes = options.n_process or os.cpu_count() or 1
    if processes == 1:
        from ..nlp.pipeline import build_pipeline, build_selector
        from .articles import code_articles

        yield from code_articles(
            build_pipeline(options), articles, options.batch_size, build_selector(options)
        )
        return
    chunks = batches(articles, options.batch_size)
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
