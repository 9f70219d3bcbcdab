"""Bytes → text: binary detection and the encoding fallback chain (``documents.encodings``)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

__all__ = ["BINARY_SAMPLE_BYTES", "binary_kind", "decode_bytes"]

# How much of a file is inspected to decide whether it is binary: 8 KiB is what git and file(1)
# look at, and any text format we read shows its nature in that much.
BINARY_SAMPLE_BYTES = 8192
# Share of control characters above which decoded "text" is taken as binary. Real text has
# none besides tab and line breaks; bytes of a PDF or image decoded as latin-1 have 10-30 %.
MAX_CONTROL_SHARE = 0.05

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "PDF"),
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"PK\x03\x04", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ", "xz archive"),
    (b"7z\xbc\xaf", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"SQLite format 3", "SQLite database"),
    (b"\xd0\xcf\x11\xe0", "Office document"),
)
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
# A well-formed UTF-8 sequence of two to four bytes. Text in a legacy 8-bit encoding almost
# never holds one (é = E9 would need two continuation bytes after it), so a file that has them
# and also invalid bytes is UTF-8 with damage: decoded as UTF-8 with the bad bytes replaced,
# not re-read whole as cp1252, which turned every quote and dash of it into mojibake (issue 15).
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def binary_kind(data: bytes) -> str | None:
    """A name for recognised binary content ("PDF", "PNG image", "tar archive"), or None."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    if data[257:262] == b"ustar":
        return "tar archive"
    return None


def _control_share(text: str) -> float:
    sample = text[:BINARY_SAMPLE_BYTES]
    if not sample:
        return 0.0
    controls = sum(
        1
        for character in sample
        if (ord(character) < 32 or 127 <= ord(character) < 160)
        and character not in _ALLOWED_CONTROLS
    )
    return controls / len(sample)


def decode_bytes(data: bytes, encodings: Iterable[str]) -> str | None:
    """Decode with the first encoding that works; None when the bytes look binary.

    A UTF-16 byte-order mark is honoured; a leading UTF-8 BOM is dropped. Text decoded with a
    permissive fallback (latin-1 accepts any byte) that is full of control characters counts
    as binary. UTF-8 with a few invalid bytes keeps its UTF-8 and has those bytes replaced by
    U+FFFD (counted with each article: ``replaced_characters``).
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    if b"\x00" in data[:BINARY_SAMPLE_BYTES] or binary_kind(data) is not None:
        return None
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            if encoding.replace("_", "-").lower() in ("utf-8", "utf8") and _damaged_utf8(data):
                text = data.decode(encoding, "replace")
            else:
                continue
        except LookupError:
            continue
        text = text.removeprefix("\ufeff")
        if _control_share(text) > MAX_CONTROL_SHARE:
            return None
        return text
    return None


def _damaged_utf8(data: bytes) -> bool:
    """True when ``data`` is UTF-8 with some invalid bytes rather than a legacy encoding: it
    holds at least as many well-formed multi-byte sequences as stray high bytes."""
    sequences = _UTF8_MULTIBYTE.findall(data)
    if not sequences:
        return False
    stray = len(_HIGH_BYTE.findall(data)) - sum(len(sequence) for sequence in sequences)
    return len(sequences) >= stray
