"""Schemathesis against the OpenAPI document (issue 17): generated requests to every GET
endpoint, bounded in number, must get no server error and no response that breaks the schema."""

from __future__ import annotations

from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from eventwire.store import open_store
from eventwire.store.search_index import update_index
from eventwire.web import create_app
from tests.store.builders import fill


def _app(tmp: Path) -> object:
    path = tmp / "schema.duckdb"
    if not path.exists():
        with open_store(path) as store:
            fill(store)
            update_index(store.con, path)  # as an ingest does at its end
    return create_app(path)


_FOLDER = Path(__import__("tempfile").mkdtemp(prefix="eventwire-schema-"))
schema = schemathesis.openapi.from_asgi("/openapi.json", _app(_FOLDER))


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@pytest.mark.slow
def test_api_keeps_its_schema(case: schemathesis.Case) -> None:
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
