"""The server's only access to the store: a read-only connection per request, and a time limit
on every query.

Each request opens the store read-only (``store.open_reader``, as ``eventwire.open`` does):
DuckDB refuses every write on it, so no request can change the record whatever it sends, and
the server holds the file only while it answers, so an ``eventwire ingest`` into the same file
can store its batches in between (docs/concurrency.md; a request that arrives while a batch is
being written waits for it). A timer interrupts a query that runs past ``[web]
query_seconds``, which the handlers answer with 503.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..analysis.search import ArticleIndex
from ..config import WebOptions
from ..errors import EventwireError
from ..store.queries import StoreQueries
from ..store.store import open_reader
from ..treaties.base import load_base
from ..treaties.matching import apply_updates
from ..treaties.model import Treaty
from ..treaties.persist import read_treaty_updates

__all__ = ["QueryTimeout", "StoreReader", "StoreView"]


class QueryTimeout(EventwireError):
    """A query ran past the server's time limit and was interrupted."""


class StoreView(StoreQueries):
    """The read methods of ``Store`` over one request's cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path


class StoreReader:
    """The store a server reads: checked once at start, opened read-only per ``view()``."""

    def __init__(self, path: str | Path, options: WebOptions) -> None:
        self.path = str(path)
        self.options = options
        open_reader(path).close()  # a missing or unreadable store fails at start, not per request
        self._index: ArticleIndex | None = None
        self._index_lock = threading.Lock()

    def close(self) -> None:
        """Nothing stays open between requests."""

    @contextmanager
    def view(self) -> Iterator[StoreView]:
        """A view of the store for one request; a query still running after
        ``query_seconds`` is interrupted and raises ``QueryTimeout``."""
        store = open_reader(self.path)
        cursor = store.con
        timer = threading.Timer(self.options.query_seconds, cursor.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield StoreView(cursor, self.path)
        except duckdb.InterruptException:
            raise QueryTimeout(
                f"the query took longer than {self.options.query_seconds:g} s and was stopped;"
                " narrow the selection (dates, actor, country)"
            ) from None
        finally:
            timer.cancel()
            store.close()

    def treaties(self, view: StoreView) -> tuple[Treaty, ...]:
        """The shipped treaty base with the news updates stored in this store merged in."""
        return apply_updates(load_base(), read_treaty_updates(view.con))

    def search_index(self, view: StoreView) -> ArticleIndex:
        """The full-text index of the articles, built on first use and brought up to date
        with the articles stored since (``ArticleIndex.refresh``)."""
        with self._index_lock:
            if self._index is None:
                self._index = ArticleIndex.build(view.con)
            else:
                self._index.refresh(view.con)
            return self._index
