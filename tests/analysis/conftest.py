"""A store filled with the hand-made corpus of tests/store/builders.py, built once; copies of a
store after each of the stages that change what merging derives; and a store of events of
confidence 0.1 and 0.9."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from eventwire.store import Store, open_store
from tests.store.builders import confidence_corpus, fill, ingest, later_ingests

# One ingest; a second that adds events to existing dyads and periods; a report that bridges
# two events into one (``later_ingests``).
STAGES = ("first ingest", "second ingest", "bridging report")


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


@pytest.fixture(scope="session")
def merged_stages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A copy of the store after each of ``STAGES`` (a store is opened by one process at a
    time)."""
    folder = tmp_path_factory.mktemp("stages")
    paths = {stage: folder / f"{n}.duckdb" for n, stage in enumerate(STAGES)}
    live = folder / "live.duckdb"
    with open_store(live) as store:
        fill(store)
    paths[STAGES[0]].write_bytes(live.read_bytes())
    for stage, items in zip(STAGES[1:], later_ingests(), strict=True):
        with open_store(live) as store:
            ingest(store, items)
        paths[stage].write_bytes(live.read_bytes())
    return paths


@pytest.fixture(scope="session")
def confidence_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of ``builders.confidence_corpus``: one event at 0.9, three at 0.1."""
    path = tmp_path_factory.mktemp("confidence") / "confidence.duckdb"
    with open_store(path) as store:
        fill(store, confidence_corpus())
    return path
