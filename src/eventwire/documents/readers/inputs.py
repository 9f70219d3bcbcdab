"""Inputs: paths, directories, ``-`` (standard input), gzip and zip → named byte strings.

Every problem becomes a ``Rejection`` (missing file, too large, unreadable archive member); the
caller carries on with the rest.
"""

from __future__ import annotations

import errno
import gzip
import io
import os
import stat
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ...config import DocumentOptions
from ..article import Rejection
from ..normalise import path_as_given

__all__ = [
    "MAX_ARCHIVE_DEPTH",
    "STDIN_PATH",
    "InputFile",
    "expand_inputs",
    "list_input_files",
    "unpack",
]

STDIN_PATH = "<stdin>"
# Archives inside archives are opened this many levels deep; deeper ones are rejected (a zip
# of gzipped files is common, anything deeper is not news but a packaging accident or a bomb).
MAX_ARCHIVE_DEPTH = 3
# Separator between an archive's path and a member's name in provenance: "corpus.zip::a.txt".
MEMBER_SEPARATOR = "::"


@dataclass(frozen=True, slots=True)
class InputFile:
    """One input's bytes. ``path`` is where it came from (for provenance); ``name`` is the
    logical file name used to recognise its format ("news.jsonl" for "news.jsonl.gz")."""

    path: str
    name: str
    data: bytes


@dataclass(slots=True)
class _Budget:
    """Bytes one top-level input may still expand to (``documents.max_archive_bytes``)."""

    remaining: int


def expand_inputs(
    paths: Iterable[str], options: DocumentOptions
) -> Iterator[InputFile | Rejection]:
    """Each given path as input files: directories recursively (sorted), archives unpacked.

    Nothing is skipped without a word: an unreadable directory, a symbolic link loop, a
    dangling link and a special file (FIFO, device, socket) each become a rejection.
    """
    for raw in paths:
        budget = _Budget(options.max_archive_bytes)
        if raw == "-":
            data = sys.stdin.buffer.read(options.max_file_bytes + 1)
            yield from _sized(STDIN_PATH, "", data, options, budget)
            continue
        path = Path(raw)
        if path.is_dir():
            for found in _walk(path, options):
                if isinstance(found, Rejection):
                    yield found
                else:
                    yield from _read_file(found, options, _Budget(options.max_archive_bytes))
            continue
        yield from _read_file(path, options, budget)


def list_input_files(
    paths: Iterable[str], options: DocumentOptions
) -> Iterator[tuple[int, str, Path] | Rejection]:
    """The regular files ``expand_inputs`` would read, in its order, without reading them:
    ``(index of the path given, path as given, path)``, and a rejection for each entry that
    cannot be read (missing, a special file, a link loop). What a distributed engine lists
    on its driver before its workers read the files. Standard input is not a file: refused.
    """
    for index, raw in enumerate(paths):
        if raw == "-":
            yield Rejection(STDIN_PATH, "standard input cannot be read by a distributed engine")
            continue
        path = Path(raw)
        found: list[Path | Rejection] = _walk(path, options) if path.is_dir() else [path]
        for item in found:
            if isinstance(item, Rejection):
                yield item
                continue
            name = path_as_given(str(item))
            try:
                info = os.stat(item)
            except OSError as exc:
                yield Rejection(name, _unreadable(item, exc))
                continue
            if not stat.S_ISREG(info.st_mode):
                kind = next(
                    (k for test, k in _SPECIAL_KINDS if test(info.st_mode)), "not a regular file"
                )
                yield Rejection(name, f"{kind}, not a regular file: refused")
                continue
            yield index, name, item


def _walk(root: Path, options: DocumentOptions) -> list[Path | Rejection]:
    """The entries under ``root`` to read, sorted by path, and a rejection for each directory
    that could not be listed or was reached again through a symbolic link (a loop)."""
    found: list[tuple[str, Path | Rejection]] = []
    try:
        first = root.stat()
    except OSError as exc:
        return [Rejection(path_as_given(str(root)), f"cannot read ({exc.strerror or exc})")]
    seen = {(first.st_dev, first.st_ino)}
    pending = [root]
    while pending:
        directory = pending.pop()
        try:
            entries = list(os.scandir(directory))
        except OSError as exc:
            name = path_as_given(str(directory))
            found.append((str(directory), Rejection(name, _unlistable(exc))))
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir()
                info = entry.stat() if is_dir else None
            except OSError:
                is_dir, info = False, None  # read as a file: its rejection names the reason
            if not is_dir or info is None:
                found.append((entry.path, path))
                continue
            key = (info.st_dev, info.st_ino)
            if key in seen:
                reason = "symbolic link loop: the directory it leads to is already being read"
                found.append((entry.path, Rejection(path_as_given(entry.path), reason)))
                continue
            seen.add(key)
            pending.append(path)
    return [item for _, item in sorted(found, key=lambda pair: pair[0])]


def _unlistable(exc: OSError) -> str:
    return f"cannot list directory ({exc.strerror or exc}); its files are not read"


_SPECIAL_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def _unreadable(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symbolic link loop"
    if path.is_symlink():
        return "dangling symbolic link (its target does not exist)"
    if exc.errno == errno.ENOENT:
        return "no such file or directory"
    return f"cannot read ({exc.strerror or exc})"


def _read_file(
    path: Path, options: DocumentOptions, budget: _Budget
) -> Iterator[InputFile | Rejection]:
    name = path_as_given(str(path))
    limit = options.max_file_bytes
    try:
        info = os.stat(path)
    except OSError as exc:
        yield Rejection(name, _unreadable(path, exc))
        return
    # Refused by type before opening: opening a FIFO blocks until a writer comes, and a
    # device such as /dev/zero never ends (it reached 3 GB in 3 s; issue 15).
    if not stat.S_ISREG(info.st_mode):
        kind = next((k for test, k in _SPECIAL_KINDS if test(info.st_mode)), "not a regular file")
        yield Rejection(name, f"{kind}, not a regular file: refused")
        return
    if info.st_size > limit:
        yield Rejection(
            name, f"file of {info.st_size} bytes exceeds documents.max_file_bytes ({limit})"
        )
        return
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)  # at most this far, whatever stat said
    except OSError as exc:
        yield Rejection(name, _unreadable(path, exc))
        return
    yield from _sized(name, path.name, data, options, budget)


def _sized(
    path: str, name: str, data: bytes, options: DocumentOptions, budget: _Budget
) -> Iterator[InputFile | Rejection]:
    if len(data) > options.max_file_bytes:
        yield Rejection(path, f"input exceeds documents.max_file_bytes ({options.max_file_bytes})")
        return
    yield from unpack(InputFile(path, name, data), options, budget=budget)


def unpack(
    item: InputFile, options: DocumentOptions, depth: int = 0, *, budget: _Budget | None = None
) -> Iterator[InputFile | Rejection]:
    """``item`` itself, or the files inside it when it is a gzip or zip archive; all of them
    together expand to at most ``documents.max_archive_bytes``."""
    budget = budget or _Budget(options.max_archive_bytes)
    data = item.data
    if data.startswith(b"\x1f\x8b"):
        if depth >= MAX_ARCHIVE_DEPTH:
            yield Rejection(item.path, f"archive nested deeper than {MAX_ARCHIVE_DEPTH} levels")
            return
        yield from _gunzip(item, options, depth, budget)
    elif data.startswith(b"PK\x03\x04") or (
        data.startswith(b"PK\x05\x06") and item.name.lower().endswith(".zip")
    ):
        if depth >= MAX_ARCHIVE_DEPTH:
            yield Rejection(item.path, f"archive nested deeper than {MAX_ARCHIVE_DEPTH} levels")
            return
        yield from _unzip(item, options, depth, budget)
    else:
        yield item


def _over_budget(path: str, budget: _Budget, options: DocumentOptions) -> Rejection:
    return Rejection(
        path,
        f"archive expands past documents.max_archive_bytes ({options.max_archive_bytes}) "
        "in all; this member is not read",
    )


def _gunzip(
    item: InputFile, options: DocumentOptions, depth: int, budget: _Budget
) -> Iterator[InputFile | Rejection]:
    limit = min(options.max_file_bytes, budget.remaining)
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(item.data)) as stream:
            data = stream.read(limit + 1)  # a bomb stops here, not at its end
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejection(item.path, f"corrupt gzip data ({exc})")
        return
    if len(data) > limit:
        if limit < options.max_file_bytes:
            yield _over_budget(item.path, budget, options)
        else:
            yield Rejection(item.path, f"gzip content exceeds documents.max_file_bytes ({limit})")
        return
    budget.remaining -= len(data)
    name = item.name[:-3] if item.name.lower().endswith(".gz") else item.name
    yield from unpack(InputFile(item.path, name, data), options, depth + 1, budget=budget)


def _unzip(
    item: InputFile, options: DocumentOptions, depth: int, budget: _Budget
) -> Iterator[InputFile | Rejection]:
    limit = options.max_file_bytes
    try:
        archive = zipfile.ZipFile(io.BytesIO(item.data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        yield Rejection(item.path, f"corrupt zip archive ({exc})")
        return
    with archive:
        for info in members:
            member_path = f"{item.path}{MEMBER_SEPARATOR}{path_as_given(info.filename)}"
            if info.file_size > limit:
                yield Rejection(
                    member_path,
                    f"zip member of {info.file_size} bytes exceeds documents.max_file_bytes "
                    f"({limit})",
                )
                continue
            if info.file_size > budget.remaining:
                yield _over_budget(member_path, budget, options)
                continue
            # The header's size may lie: the read stops at the smaller limit whatever it says.
            allowed = min(limit, budget.remaining)
            try:
                with archive.open(info) as stream:
                    data = stream.read(allowed + 1)
            except (
                zipfile.BadZipFile,
                RuntimeError,
                OSError,
                ValueError,
                EOFError,
                NotImplementedError,
                zlib.error,
            ) as exc:
                yield Rejection(member_path, f"cannot read zip member ({exc})")
                continue
            if len(data) > allowed:
                yield (
                    _over_budget(member_path, budget, options)
                    if allowed < limit
                    else Rejection(
                        member_path, f"zip member exceeds documents.max_file_bytes ({limit})"
                    )
                )
                continue
            budget.remaining -= len(data)
            name = PurePosixPath(info.filename).name
            yield from unpack(InputFile(member_path, name, data), options, depth + 1, budget=budget)
