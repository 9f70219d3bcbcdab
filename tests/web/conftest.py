"""A store of the hand-made corpus (tests/store/builders.py) and the app serving it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from eventwire.store import open_store
from eventwire.store.search_index import update_index
from eventwire.web import create_app
from tests.store.builders import fill


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web") / "corpus.duckdb"
    with open_store(path) as store:
        fill(store)
        update_index(store.con, path)  # as an ingest does at its end
    return path


@pytest.fixture(scope="session")
def app(web_db: Path) -> FastAPI:
    return create_app(web_db)


@pytest.fixture(scope="session")
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as opened:
        yield opened
