"""Live ingest: watch directories and ingest files as they appear or change, batch by batch.

A file is read only once it is complete: its size and modification time must be the same at
two looks ``interval`` seconds apart (a file still being written changes between them).
Writers that can should write elsewhere and rename into the directory, which is atomic. Each
look ingests every complete file that is new or changed since this process last ingested it,
in one ``ingest`` run, and reports the batch. Hidden files and editors' temporary files
(``.name``, ``name~``, ``*.part``, ``*.tmp``, ``*.swp``) are never read.

Resuming after a stop loses and doubles nothing: the first look after a start takes every
complete file in the directories, and ``ingest`` keys articles by content, so a file ingested
before the stop changes nothing, and a file that was half-way through its run is completed.

Changes are noticed through watchfiles (inotify/FSEvents/kqueue); ``poll=True``, or a missing
watchfiles, falls back to looking every ``interval`` seconds.

>>> for batch in watch(["inbox/"], options, stop=stop_event):   # doctest: +SKIP
...     print(batch.describe())

``watch_in_background`` runs the same loop in a child process, as ``eventwire serve --watch``
does beside the web server: a process of its own, so that the server's read-only opens and the
watcher's writes take turns through DuckDB's file lock exactly as two commands do
(docs/concurrency.md; one process cannot hold the same file read-only and read-write at once).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .config import Options
from .errors import EventwireError
from .ingest import IngestSummary, ingest

__all__ = ["BackgroundWatch", "Batch", "Watcher", "watch", "watch_in_background"]

Signature = tuple[int, int]  # (size, modification time in ns)
_TEMPORARY = (".part", ".tmp", ".swp", ".crdownload", "~")


@dataclass(frozen=True, slots=True)
class Batch:
    """One ingest run of the watcher: the files it read and what the run did."""

    number: int
    files: tuple[str, ...]
    summary: IngestSummary

    def describe(self) -> str:
        """One line for the log: files, new articles, duplicates, rejections, events."""
        s = self.summary
        return (
            f"batch {self.number}: {len(self.files)} file(s), {s.articles_read} article(s) read,"
            f" {s.articles_new} new, {s.already_stored} already stored,"
            f" {len(s.rejected)} rejected; {s.event_mentions_new} event mention(s) new,"
            f" {s.events_total} events in store ({s.seconds:.1f} s)"
        )


def _hidden(path: Path) -> bool:
    return path.name.startswith(".") or path.name.endswith(_TEMPORARY)


def snapshot(directories: Iterable[str]) -> dict[str, Signature]:
    """Every readable regular file under ``directories`` (recursively) with its signature."""
    found: dict[str, Signature] = {}
    for directory in directories:
        for root, dirs, names in os.walk(directory):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in names:
                path = Path(root) / name
                if _hidden(path):
                    continue
                try:
                    stat = path.stat()
                except OSError:  # removed between listing and stat
                    continue
                found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


class Watcher:
    """The watcher's state: what it saw at the last look and what it has ingested."""

    def __init__(self, directories: Iterable[str], options: Options) -> None:
        self.directories = tuple(directories)
        for directory in self.directories:
            if not Path(directory).is_dir():
                raise EventwireError(f"{directory}: not a directory")
        self.options = options
        self.last: dict[str, Signature] = {}
        self.ingested: dict[str, Signature] = {}
        self.batches = 0

    def look(self) -> Batch | None:
        """Ingest the files complete since the last look (unchanged across it) and new or
        changed since ingested; None when there is none."""
        now = snapshot(self.directories)
        ready = sorted(
            path
            for path, signature in now.items()
            if self.last.get(path) == signature and self.ingested.get(path) != signature
        )
        self.last = now
        if not ready:
            return None
        summary = ingest(ready, self.options)
        for path in ready:
            self.ingested[path] = now[path]
        self.batches += 1
        return Batch(self.batches, tuple(ready), summary)


def _wake_ups(
    directories: tuple[str, ...], interval: float, stop: threading.Event, poll: bool
) -> Iterator[None]:
    """Yield once per change seen (watchfiles) or per ``interval`` (polling), until ``stop``."""
    if not poll:
        try:
            from watchfiles import watch as watch_files
        except ImportError:  # pragma: no cover - watchfiles is a dependency
            poll = True
    if poll:
        while not stop.is_set():
            yield
            stop.wait(interval)
        return
    timeout = max(1, int(interval * 1000))
    yield
    for _changes in watch_files(
        *directories, stop_event=stop, rust_timeout=timeout, yield_on_timeout=True
    ):
        yield


def watch(
    directories: Iterable[str],
    options: Options,
    *,
    interval: float = 1.0,
    stop: threading.Event | None = None,
    poll: bool = False,
) -> Iterator[Batch]:
    """Ingest files under ``directories`` as they become complete, yielding each batch, until
    ``stop`` is set (forever without one). A file is complete when unchanged for ``interval``
    seconds; see the module's docstring."""
    watcher = Watcher(directories, options)
    stop = stop or threading.Event()
    for _ in _wake_ups(watcher.directories, interval, stop, poll):
        batch = watcher.look()
        # A file seen for the first time (or changed) is ingested at the next look, when it is
        # unchanged: look again after ``interval`` even if nothing else happens.
        while batch is None and _pending(watcher) and not stop.wait(interval):
            batch = watcher.look()
        if batch is not None:
            yield batch
        if stop.is_set():
            return


def _pending(watcher: Watcher) -> bool:
    return any(watcher.ingested.get(p) != s for p, s in watcher.last.items())


def _watch_child(
    directories: tuple[str, ...],
    options: Options,
    interval: float,
    poll: bool,
    stop: Any,
) -> None:
    """The child process of ``watch_in_background``: watch until ``stop`` is set, one line per
    batch (and per rejection) on standard error. A ``multiprocessing`` event is not a
    ``threading.Event``; a thread relays it to the loop."""
    relay = threading.Event()

    def forward() -> None:
        stop.wait()
        relay.set()

    threading.Thread(target=forward, daemon=True).start()
    try:
        for batch in watch(directories, options, interval=interval, stop=relay, poll=poll):
            print(f"watch: {batch.describe()}", file=sys.stderr, flush=True)
            for rejection in batch.summary.rejected:
                print(f"watch: rejected {rejection.path}: {rejection.reason}", file=sys.stderr)
    except EventwireError as exc:
        print(f"watch: stopped: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(1) from None
    except KeyboardInterrupt:  # Ctrl-C reaches the whole process group; the parent stops us
        pass


@dataclass(slots=True)
class BackgroundWatch:
    """A watcher running in a child process (``watch_in_background``)."""

    process: multiprocessing.process.BaseProcess
    stop_event: Any

    def alive(self) -> bool:
        return self.process.is_alive()

    def stop(self, timeout: float = 60.0) -> int | None:
        """Ask the watcher to stop after its current batch, wait up to ``timeout`` seconds
        (a batch is one ingest run; a run killed half-way resumes at the next start), then
        end it; return its exit code."""
        self.stop_event.set()
        self.process.join(timeout)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(10)
        return self.process.exitcode


def watch_in_background(
    directories: Iterable[str], options: Options, *, interval: float = 1.0, poll: bool = False
) -> BackgroundWatch:
    """Start ``watch`` over ``directories`` in a child process (not a daemon: an ingest starts
    worker processes of its own). Directories are checked here, so a wrong one fails at once."""
    folders = Watcher(directories, options).directories  # raises on a missing directory
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no server state copied
    stop = context.Event()
    process = context.Process(
        target=_watch_child,
        args=(folders, options, interval, poll, stop),
        name="eventwire-watch",
    )
    process.start()
    return BackgroundWatch(process, stop)
