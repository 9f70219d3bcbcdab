"""The ingest lock: one writer per store, and a way to know that a 'running' run is dead.

An ingest holds the DuckDB file only while it writes a batch, so that readers can open it in
between (docs/concurrency.md). Two ingests must still not interleave, and a run left
'running' by a killed process must be told from a live one. Both come from an advisory lock
on a file beside the database (``eventwire.duckdb.ingest-lock``), held for the whole ingest:
the kernel releases it when its process dies, even by ``kill -9``, so whoever takes it knows
that every run still marked 'running' is dead.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import StoreError

__all__ = ["LOCK_SUFFIX", "ingest_lock"]

LOCK_SUFFIX = ".ingest-lock"


@contextmanager
def ingest_lock(db_path: str | Path, *, wait_seconds: float = 0.0) -> Iterator[None]:
    """Hold the ingest lock of the store at ``db_path``; wait up to ``wait_seconds`` for
    another ingest to finish, then raise ``StoreError``. An in-memory store needs none."""
    path = str(db_path)
    if path in ("", ":memory:"):
        yield
        return
    lock_path = path + LOCK_SUFFIX
    try:
        handle = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise StoreError(f"cannot create the ingest lock {lock_path}: {exc.strerror}") from None
    try:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise StoreError(
                        f"another ingest is writing to {path} (it holds {lock_path});"
                        " wait for it to finish"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        os.close(handle)
