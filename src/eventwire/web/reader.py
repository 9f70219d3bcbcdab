"""The server's only access to the store: one read-only connection, a cursor per request, and a
time limit on every query.

The store is opened through ``eventwire.open(path, read_only=True)``: DuckDB refuses every write
on it, so no request can change the record whatever it sends. Each request reads through its own
cursor (DuckDB's way to share one database between threads) and a timer interrupts a query that
runs past ``[web] query_seconds``, which the handlers answer with 503.
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
from ..store.store import Store, open_store
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
    """The store a server reads: opened read-only once; ``view()`` per request."""

    def __init__(self, path: str | Path, options: WebOptions) -> None:
        self.path = str(path)
        self.options = options
        self._store: Store = open_store(path, read_only=True)
        self._index: ArticleIndex | None = None
        self._index_lock = threading.Lock()

    def close(self) -> None:
        self._store.close()

    @contextmanager
    def view(self) -> Iterator[StoreView]:
        """A view of the store for one request; a query still running after
        ``query_seconds`` is interrupted and raises ``QueryTimeout``."""
        cursor = self._store.con.cursor()
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
            cursor.close()

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
