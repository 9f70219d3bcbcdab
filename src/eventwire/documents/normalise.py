"""Text normalised at the edge: every string that leaves the documents layer can be stored.

Python strings may hold what no file and no database can: lone surrogates, from a JSON escape
such as ``"\\ud83d"`` (half an emoji) or from a file name whose bytes are not UTF-8 (Python
maps byte ``\\xff`` to ``"\\udcff"``). Such a string raised an encoding error at the storage
step and lost the whole batch with it (issue 15). Here they are replaced once, when an input is
read: text and metadata by U+FFFD (one code point for one, so character offsets stay valid),
counted and recorded with the article; file names by their bytes written as ``\\xff`` escapes,
so the name is kept as given and shown unambiguously.
"""

from __future__ import annotations

import os
import re

__all__ = [
    "REPLACEMENT",
    "clean_string",
    "count_replacements",
    "path_as_given",
    "replace_surrogates",
]

REPLACEMENT = "\ufffd"
_SURROGATE = re.compile("[\ud800-\udfff]")


def replace_surrogates(text: str) -> tuple[str, int]:
    """``text`` with each lone surrogate replaced by U+FFFD, and how many were replaced."""
    if text.isascii():  # the common case, and the cheap one
        return text, 0
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _SURROGATE.subn(REPLACEMENT, text)
    return text, 0


def count_replacements(text: str, start: int = 0, end: int | None = None) -> int:
    """How many U+FFFD characters ``text[start:end]`` holds (replaced surrogates or bytes)."""
    return text.count(REPLACEMENT, start, len(text) if end is None else end)


def clean_string(text: str | None) -> str | None:
    """``text`` with lone surrogates replaced (None stays None)."""
    return None if text is None else replace_surrogates(text)[0]


def path_as_given(path: str) -> str:
    """A file name that can be stored and printed: bytes that are not UTF-8 become ``\\xNN``
    escapes (``"caf\\xe9.txt"``); a valid name is returned unchanged."""
    if path.isascii():
        return path
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        try:
            raw = os.fsencode(path)
        except UnicodeEncodeError:  # a surrogate that is not an escaped byte (JSON, say)
            return path.encode("utf-8", "backslashreplace").decode("utf-8")
        return raw.decode("utf-8", "backslashreplace")
    return path
