"""The server's only access to the store: a read-only connection, held open between requests
while no ingest runs, and a time limit on every query.

The store is opened read-only (``store.open_reader``, as ``eventwire.open`` does): DuckDB
refuses every write on it, so no request can change the record whatever it sends. Opening it
per request kept the file free for an ingest but threw DuckDB's caches away each time: on the
10-million-event store the first look-up in a primary-key index after opening took 0.7-0.9 s,
and each open 30-80 ms. So the reader keeps one connection open (each request gets a cursor of
it: its own transaction, temporary tables and interrupt) and lets the file go

- when an ingest starts: ``eventwire ingest`` holds ``<db>.ingest-lock`` for its whole run
  (``store.lock``); a watcher thread looks for it every ``_POLL_SECONDS`` and closes the
  connection as soon as no request uses it, and while the ingest runs each request opens the
  store and closes it again, so the ingest stores its batches in between (docs/concurrency.md;
  a request that arrives while a batch is being written waits for it);
- after ``[web] hold_seconds`` without a request, so that any other writer (a notebook's
  ``open_store``) finds the file free within that time.

A timer interrupts a query that runs past ``[web] query_seconds``, which the handlers answer
with 503.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import threading
import time
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..analysis.search import ArticleIndex
from ..config import WebOptions
from ..errors import EventwireError
from ..store.lock import LOCK_SUFFIX
from ..store.queries import StoreQueries
from ..store.store import Store, open_reader
from ..treaties.base import load_base
from ..treaties.matching import apply_updates
from ..treaties.model import Treaty
from ..treaties.persist import read_treaty_updates

__all__ = ["QueryTimeout", "StoreReader", "StoreView", "ingest_running"]

# How often the watcher thread looks for an ingest (and for an idle connection to close).
_POLL_SECONDS = 0.2


class QueryTimeout(EventwireError):
    """A query ran past the server's time limit and was interrupted."""


class StoreView(StoreQueries):
    """The read methods of ``Store`` over one request's cursor."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path


def ingest_running(db_path: str | Path) -> bool:
    """Whether an ``eventwire ingest`` into ``db_path`` holds its lock now. The probe takes a
    shared lock for an instant: an ingest starting at that moment retries (it waits up to
    ``[store] wait_seconds`` for the lock)."""
    try:
        handle = os.open(str(db_path) + LOCK_SUFFIX, os.O_RDONLY)
    except OSError:
        return False  # no ingest has ever run here
    try:
        fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    else:
        fcntl.flock(handle, fcntl.LOCK_UN)
        return False
    finally:
        os.close(handle)


class StoreReader:
    """The store a server reads: checked once at start, then opened read-only and held
    between requests until an ingest starts or ``hold_seconds`` pass without a request."""

    def __init__(self, path: str | Path, options: WebOptions) -> None:
        self.path = str(path)
        self.options = options
        open_reader(path).close()  # a missing or unreadable store fails at start, not per request
        self._index: ArticleIndex | None = None
        self._index_lock = threading.Lock()
        self._lock = threading.Lock()
        self._held: Store | None = None
        self._idle: list[duckdb.DuckDBPyConnection] = []  # cursors of it, free for a request
        self._busy = 0
        self._last_used = time.monotonic()
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None

    @property
    def holding(self) -> bool:
        """Whether the store is open between requests now."""
        return self._held is not None

    def release(self) -> None:
        """Let the file go now (when the server stops; the next request opens it again)."""
        with self._lock:
            self._let_go(force=True)

    def close(self) -> None:
        """Let the file go and stop watching (requests still answering close theirs)."""
        self._stop.set()
        self.release()

    @contextmanager
    def view(self) -> Iterator[StoreView]:
        """A view of the store for one request; a query still running after
        ``query_seconds`` is interrupted and raises ``QueryTimeout``."""
        cursor = self._cursor()
        own = None if cursor is not None else self._open()
        con = cursor if cursor is not None else own.con  # type: ignore[union-attr]
        timer = threading.Timer(self.options.query_seconds, con.interrupt)
        timer.daemon = True
        timer.start()
        try:
            yield StoreView(con, self.path)
        except duckdb.InterruptException:
            raise QueryTimeout(
                f"the query took longer than {self.options.query_seconds:g} s and was stopped;"
                " narrow the selection (dates, actor, country)"
            ) from None
        finally:
            timer.cancel()
            if own is not None:
                own.close()
            else:
                self._give_back(con)

    def _open(self) -> Store:
        """The store opened read-only with the server's DuckDB threads ([web] threads)."""
        store = open_reader(self.path)
        store.set_threads(self.options.threads)
        return store

    def _cursor(self) -> duckdb.DuckDBPyConnection | None:
        """A cursor of the held store (opening it), or None while an ingest runs."""
        if ingest_running(self.path):
            with self._lock:
                self._let_go()
            return None
        with self._lock:
            if self._held is None:
                self._held = self._open()
                _HOLDING.add(self)
                self._start_watching()
            self._busy += 1
            return self._idle.pop() if self._idle else self._held.con.cursor()

    def _give_back(self, cursor: duckdb.DuckDBPyConnection) -> None:
        with self._lock:
            self._busy -= 1
            self._last_used = time.monotonic()
            if self._held is None:  # let go while this request answered
                cursor.close()
            else:
                self._idle.append(cursor)

    def _let_go(self, *, force: bool = False) -> None:
        """Close the held store when no request uses it (or ``force``); hold ``_lock``."""
        if self._held is None or (self._busy and not force):
            return
        for cursor in self._idle:
            cursor.close()
        self._idle.clear()
        self._held.close()  # a cursor still answering keeps the database until it is closed
        self._held = None

    def _start_watching(self) -> None:
        """Start the watcher unless it runs (hold ``_lock``)."""
        if self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, daemon=True)
            self._watcher.start()

    def _watch(self) -> None:
        """Let the file go as soon as an ingest wants it, or after ``hold_seconds`` idle;
        end when nothing is held (the next hold starts another watcher)."""
        while not self._stop.wait(_POLL_SECONDS):
            idle = time.monotonic() - self._last_used > self.options.hold_seconds
            wanted = idle or ingest_running(self.path)
            with self._lock:
                if wanted:
                    self._let_go()
                if self._held is None:
                    self._watcher = None
                    return
        with self._lock:
            self._watcher = None

    def treaties(self, view: StoreView) -> tuple[Treaty, ...]:
        """The shipped treaty base with the news updates stored in this store merged in."""
        return apply_updates(load_base(), read_treaty_updates(view.con))

    def search_index(self) -> ArticleIndex:
        """The full-text index beside the store (made and kept by ``eventwire ingest``),
        opened read-only on first use; ``MissingSearchIndex`` while there is none."""
        with self._index_lock:
            if self._index is None:
                self._index = ArticleIndex.open(self.path)
            return self._index


# Readers holding a store: let go before the interpreter exits, so no DuckDB connection is
# torn down with the modules (an app whose server never shut it down).
_HOLDING: weakref.WeakSet[StoreReader] = weakref.WeakSet()


@atexit.register
def _release_all() -> None:
    for reader in list(_HOLDING):
        reader.close()
