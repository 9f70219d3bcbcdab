"""The local engine: code articles in this process or in a pool of worker processes.

This module does not import spaCy: with several processes, only the workers load the pipeline
(through :mod:`eventwire.engines.articles`), and the parent that reads, deduplicates and
stores stays about 50 MB smaller (179 MB after imports, 227 MB with spaCy).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import Any

from ..config import PipelineOptions
from ..documents.article import Article
from ..registry import engines
from .model import CodedArticle, batches

__all__ = ["SMALL_INPUT_BATCHES", "run_local", "run_pool"]

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
    yield from run_pool(chunks, processes, _code_chunk, _init_worker, (options,))


def run_pool(
    chunks: Iterable[list[Article]],
    processes: int,
    code: Callable[[list[Article]], list[CodedArticle]],
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
) -> Iterator[CodedArticle]:
    """Code ``chunks`` with ``code`` in ``processes`` worker processes, in order.

    A worker that dies (killed, as the kernel's OOM killer would, or crashed) no longer
    hangs the run (issue 15): the chunks it may have held are retried once each, alone, in
    a fresh pool, and a chunk that kills its worker again has its articles returned as
    failures with the reason; the run goes on.
    """
    pool = _Pool(processes, code, initializer, initargs)
    # Chunks are read and submitted from the caller's thread, not by a feeder thread: the
    # caller's iterator may use a DuckDB connection (ingest checks which articles are stored)
    # that the caller also writes with, and two threads on one connection deadlocked a
    # 300-article ingest. Two chunks in flight per worker keep every worker busy while the
    # caller stores the chunk before.
    pending: deque[tuple[list[Article], Future[list[CodedArticle]]]] = deque()
    try:
        for chunk in chunks:
            try:
                pending.append((chunk, pool.submit(chunk)))
            except BrokenProcessPool:  # a worker died since the last result was read
                lost = [*pending, (chunk, None)]
                pending.clear()
                yield from _recover(pool, lost)
                continue
            while len(pending) >= 2 * processes:
                yield from _next_results(pool, pending)
        while pending:
            yield from _next_results(pool, pending)
    finally:
        pool.shutdown()


def _next_results(
    pool: _Pool, pending: deque[tuple[list[Article], Future[list[CodedArticle]]]]
) -> Iterator[CodedArticle]:
    chunk, future = pending.popleft()
    try:
        results = future.result()
    except BrokenProcessPool:
        lost: list[tuple[list[Article], Future[list[CodedArticle]] | None]] = [
            (chunk, future),
            *pending,
        ]
        pending.clear()
        yield from _recover(pool, lost)
        return
    except Exception as exc:  # the chunk could not be sent or returned (pickling, say)
        yield from _failed(chunk, f"internal error in a coding worker ({type(exc).__name__})")
        return
    yield from results


def _recover(
    pool: _Pool, lost: list[tuple[list[Article], Future[list[CodedArticle]] | None]]
) -> Iterator[CodedArticle]:
    """The chunks in flight when the pool broke, in order: those finished before it broke
    keep their results; any other may be the one that killed it, so each is retried once,
    alone, in a fresh pool, which makes the blame certain."""
    pool.restart()
    for chunk, future in lost:
        if future is not None and future.done() and not future.cancelled():
            try:
                results = future.result()
            except Exception:  # lost with the pool (or failed): retried below
                pass
            else:
                yield from results
                continue
        yield from pool.retry_alone(chunk)


def _failed(chunk: list[Article], reason: str) -> Iterator[CodedArticle]:
    for article in chunk:
        yield CodedArticle(article=article, events=(), failure=reason)


class _Pool:
    """A process pool that can be replaced when one of its workers dies."""

    def __init__(
        self,
        processes: int,
        code: Callable[[list[Article]], list[CodedArticle]],
        initializer: Callable[..., None] | None,
        initargs: tuple[Any, ...],
    ) -> None:
        self._args = (processes, initializer, initargs)
        self._code = code
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        processes, initializer, initargs = self._args
        # spawn, not fork: a forked copy of a loaded pipeline in the parent wastes memory and
        # spaCy's own multiprocessing uses spawn for the same reason.
        return ProcessPoolExecutor(
            processes,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=initializer,
            initargs=initargs,
        )

    def submit(self, chunk: list[Article]) -> Future[list[CodedArticle]]:
        return self._executor.submit(self._code, chunk)

    def restart(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = self._start()

    def retry_alone(self, chunk: list[Article]) -> Iterator[CodedArticle]:
        """Code ``chunk`` alone (nothing else in flight); its articles fail if a worker dies
        again, and the pool is replaced."""
        try:
            results = self.submit(chunk).result()
        except BrokenProcessPool as exc:
            self.restart()
            reason = (
                "a coding worker process died while coding this article's batch, twice "
                f"(killed, or out of memory); the batch was retried once ({exc})"
            )
            yield from _failed(chunk, reason)
            return
        except Exception as exc:
            yield from _failed(chunk, f"internal error in a coding worker ({type(exc).__name__})")
            return
        yield from results

    def shutdown(self) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)


engines.register("eventwire.engine.local.v1", func=run_local)
