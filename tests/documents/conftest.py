"""Fixtures of the documents tests: the document options and helpers to write inputs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from eventwire.config import DocumentOptions, load_options
from eventwire.documents import Article, Rejection, read_inputs

from ..conftest import SHARED, shared_path

__all__ = ["SHARED", "shared_path"]


@pytest.fixture(scope="session")
def doc_options() -> DocumentOptions:
    return load_options().documents


Results = list[Article | Rejection]


@pytest.fixture
def read_file(
    tmp_path: Path, doc_options: DocumentOptions
) -> Callable[[str, str | bytes], Results]:
    """Write ``content`` to ``tmp_path/name`` and read it with ``read_inputs``."""

    def read(name: str, content: str | bytes) -> Results:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_bytes(content)
        return list(read_inputs([str(path)], doc_options))

    return read


def articles(results: Results) -> list[Article]:
    return [result for result in results if isinstance(result, Article)]


def rejections(results: Results) -> list[Rejection]:
    return [result for result in results if isinstance(result, Rejection)]


# A paragraph of English news prose for hand-made inputs (the language identifier needs some words).
STORY = (
    "The foreign ministers of both countries met in Geneva on Tuesday to discuss a ceasefire "
    "along the border, officials said. They agreed to meet again next month and to exchange "
    "prisoners before the end of the year, according to a joint statement."
)
