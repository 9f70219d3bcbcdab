"""Inputs: paths, directories, ``-`` (standard input), gzip and zip → named byte strings.

Every problem becomes a ``Rejection`` (missing file, too large, unreadable archive member); the
caller carries on with the rest.
"""

from __future__ import annotations

import gzip
import io
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ...config import DocumentOptions
from ..article import Rejection

__all__ = ["MAX_ARCHIVE_DEPTH", "STDIN_PATH", "InputFile", "expand_inputs", "unpack"]

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


def expand_inputs(
    paths: Iterable[str], options: DocumentOptions
) -> Iterator[InputFile | Rejection]:
    """Each given path as input files: directories recursively (sorted), archives unpacked."""
    for raw in paths:
        if raw == "-":
            data = sys.stdin.buffer.read(options.max_file_bytes + 1)
            yield from _sized(STDIN_PATH, "", data, options)
            continue
        path = Path(raw)
        if path.is_dir():
            children = sorted(child for child in path.rglob("*") if child.is_file())
            for child in children:
                yield from _read_file(child, options)
            continue
        yield from _read_file(path, options)


def _read_file(path: Path, options: DocumentOptions) -> Iterator[InputFile | Rejection]:
    name = str(path)
    if not path.exists():
        yield Rejection(name, "no such file or directory")
        return
    try:
        size = path.stat().st_size
        if size > options.max_file_bytes:
            yield Rejection(
                name,
                f"file of {size} bytes exceeds documents.max_file_bytes ({options.max_file_bytes})",
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield Rejection(name, f"cannot read ({exc.strerror or exc})")
        return
    yield from unpack(InputFile(name, path.name, data), options)


def _sized(
    path: str, name: str, data: bytes, options: DocumentOptions
) -> Iterator[InputFile | Rejection]:
    if len(data) > options.max_file_bytes:
        yield Rejection(path, f"input exceeds documents.max_file_bytes ({options.max_file_bytes})")
        return
    yield from unpack(InputFile(path, name, data), options)


def unpack(
    item: InputFile, options: DocumentOptions, depth: int = 0
) -> Iterator[InputFile | Rejection]:
    """``item`` itself, or the files inside it when it is a gzip or zip archive."""
    data = item.data
    if data.startswith(b"\x1f\x8b"):
        if depth >= MAX_ARCHIVE_DEPTH:
            yield Rejection(item.path, f"archive nested deeper than {MAX_ARCHIVE_DEPTH} levels")
            return
        yield from _gunzip(item, options, depth)
    elif data.startswith(b"PK\x03\x04") or (
        data.startswith(b"PK\x05\x06") and item.name.lower().endswith(".zip")
    ):
        if depth >= MAX_ARCHIVE_DEPTH:
            yield Rejection(item.path, f"archive nested deeper than {MAX_ARCHIVE_DEPTH} levels")
            return
        yield from _unzip(item, options, depth)
    else:
        yield item


def _gunzip(
    item: InputFile, options: DocumentOptions, depth: int
) -> Iterator[InputFile | Rejection]:
    limit = options.max_file_bytes
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(item.data)) as stream:
            data = stream.read(limit + 1)
    except (OSError, EOFError, zlib.error) as exc:
        yield Rejection(item.path, f"corrupt gzip data ({exc})")
        return
    if len(data) > limit:
        yield Rejection(item.path, f"gzip content exceeds documents.max_file_bytes ({limit})")
        return
    name = item.name[:-3] if item.name.lower().endswith(".gz") else item.name
    yield from unpack(InputFile(item.path, name, data), options, depth + 1)


def _unzip(
    item: InputFile, options: DocumentOptions, depth: int
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
            member_path = f"{item.path}{MEMBER_SEPARATOR}{info.filename}"
            if info.file_size > limit:
                yield Rejection(
                    member_path,
                    f"zip member of {info.file_size} bytes exceeds documents.max_file_bytes "
                    f"({limit})",
                )
                continue
            try:
                with archive.open(info) as stream:
                    data = stream.read(limit + 1)
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
            if len(data) > limit:
                yield Rejection(member_path, f"zip member exceeds max_file_bytes ({limit})")
                continue
            name = PurePosixPath(info.filename).name
            yield from unpack(InputFile(member_path, name, data), options, depth + 1)
