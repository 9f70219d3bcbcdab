"""A store filled with the hand-made corpus of tests/store/builders.py, built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.store import Store, open_store
from tests.store.builders import fill


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("analysis") / "corpus.duckdb"
    with open_store(path) as store:
        fill(store)
    return path


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with open_store(db_path, read_only=True) as opened:
        yield opened
