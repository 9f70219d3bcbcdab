"""Paths a user gives: eventwire reads local files, never the web. Light on purpose (no spaCy):
the process that reads and stores during an ingest imports it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from .errors import EventwireError

__all__ = ["DictionaryNotFound", "check_dictionary_paths", "looks_like_url"]

# "https://…", "s3://…": a scheme then "://" (a Windows path "C:\\x" has no "//").
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def looks_like_url(text: str) -> bool:
    """Whether ``text`` is a URL rather than a path.

    >>> looks_like_url("https://example.org/a.yaml"), looks_like_url("dicts/a.yaml")
    (True, False)
    """
    return _URL.match(text.strip()) is not None


class DictionaryNotFound(EventwireError):
    """An actor dictionary given by the user is a URL or a file that does not exist."""


def check_dictionary_paths(specs: Iterable[str]) -> None:
    """Raise :class:`DictionaryNotFound` naming the first of ``specs`` (``PATH`` or
    ``IMPORTER::PATH``) that is a URL or no existing file."""
    for spec in specs:
        path = spec.partition("::")[2] if "::" in spec else spec
        if looks_like_url(path):
            raise DictionaryNotFound(
                f"actor dictionary {path!r} is a URL: eventwire reads local files only;"
                " download it and give its path"
            )
        if not Path(path).is_file():
            raise DictionaryNotFound(f"actor dictionary {path!r} not found (no such file)")
