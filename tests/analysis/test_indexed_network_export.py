"""``network`` and ``export_events`` on what merging derives (side ids, the stored day and
representative report: issue 7) give exactly what their straightforward queries give, after
each stage of the store of ``conftest.STAGES``."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from eventwire.analysis import export, networks
from eventwire.analysis._sql import ensure_codebook
from eventwire.analysis.export import EXPORT_FORMATS, ExportFailed, ExportFormat, export_events
from eventwire.analysis.filters import EventFilter
from eventwire.store import Store, open_store
from tests.analysis.conftest import STAGES

NETWORKS: dict[str, Callable[[Store], Any]] = {
    "countries": lambda s: s.network(),
    "actors": lambda s: s.network(level="actor"),
    "with self edges": lambda s: s.network(level="actor", include_self=True),
    "every modality": lambda s: s.network(modality=None),
    "alleged": lambda s: s.network(modality="alleged"),
    "within dates": lambda s: s.network(since=date(2024, 6, 15), until=date(2024, 11, 6)),
    "no events": lambda s: s.network(since=date(2030, 1, 1)),
    "as Arrow": lambda s: s.network(level="actor", arrow=True).to_pandas(),
}

EXPORTS: dict[str, EventFilter] = {
    "everything": EventFilter(modality=None),
    "asserted": EventFilter(),
    "an actor": EventFilter(actor="PRK"),
    "a source and a target": EventFilter(source="USAGOV", target="PRK"),
    "a country within dates": EventFilter(
        country="usa", since=date(2024, 11, 1), until=date(2024, 11, 30)
    ),
    "an actor and a country": EventFilter(actor="RUS", country="PRK"),
    "a person": EventFilter(actor="person/kim-jong-un"),
    "text": EventFilter(text="signed"),
    "a place and a code": EventFilter(location="SYR", cameo="19"),
    "nothing": EventFilter(actor="XYZ"),
}


def straightforward(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``network`` and ``export_events`` take their queries for a store at schema 3."""
    for module in (networks, export):
        monkeypatch.setattr(module, "has_query_tables", lambda con: False)


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("name", list(NETWORKS))
def test_indexed_network_is_the_straightforward_one(
    merged_stages: dict[str, Path], stage: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = NETWORKS[name]
    with open_store(merged_stages[stage], read_only=True) as store:
        indexed = read(store)
        straightforward(monkeypatch)
        reference = read(store)
    # Same rows, columns and types; Goldstein sums and means only up to the order of addition.
    pd.testing.assert_frame_equal(indexed, reference, check_exact=False, rtol=1e-12)
    assert indexed.drop(columns=["goldstein_sum", "goldstein_mean"]).equals(
        reference.drop(columns=["goldstein_sum", "goldstein_mean"])
    )


def test_the_network_cases_have_edges(merged_stages: dict[str, Path]) -> None:
    """Guards the comparison above against comparing empty frames."""
    with open_store(merged_stages[STAGES[-1]], read_only=True) as store:
        empty = {name for name, read in NETWORKS.items() if len(read(store)) == 0}
        countries, actors = len(store.network()), len(store.network(level="actor"))
    assert empty == {"no events"}
    assert actors > countries  # RUSGOV and RUS are one country, two actors


def exported(store: Store, folder: Path, fmt: ExportFormat, selection: EventFilter) -> Any:
    """What an export wrote, in a form to compare: the file's bytes (Parquet: its table
    without the metadata, which holds the export's time) and the sidecar without the time."""
    suffix = "tsv" if fmt == "gdelt" else fmt
    result = export_events(store.con, folder / f"events.{suffix}", fmt, selection)
    meta = result.metadata_path.read_text(encoding="utf-8")
    sidecar = {k: v for k, v in json.loads(meta).items() if k != "exported_at"}
    if fmt == "parquet":
        return pq.read_table(result.path).replace_schema_metadata(None), sidecar, result.rows
    return result.path.read_bytes(), sidecar, result.rows


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
@pytest.mark.parametrize("name", list(EXPORTS))
def test_indexed_export_is_the_straightforward_one(
    merged_stages: dict[str, Path],
    stage: str,
    fmt: ExportFormat,
    name: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_store(merged_stages[stage], read_only=True) as store:
        indexed = exported(store, tmp_path / "indexed", fmt, EXPORTS[name])
        straightforward(monkeypatch)
        reference = exported(store, tmp_path / "straightforward", fmt, EXPORTS[name])
    if fmt == "parquet":
        assert indexed[0].equals(reference[0])
        assert indexed[0].schema == reference[0].schema
    else:
        assert indexed[0] == reference[0]
    assert indexed[1:] == reference[1:]


def test_the_export_cases_select_something(merged_stages: dict[str, Path]) -> None:
    """Guards the comparison above against comparing empty files."""
    with open_store(merged_stages[STAGES[-1]], read_only=True) as store:
        empty = {name for name, where in EXPORTS.items() if len(store.events(where)) == 0}
    assert empty == {"nothing"}


def test_an_export_leaves_no_table_behind(store: Store, tmp_path: Path) -> None:
    """The selected events go through a temporary table, dropped once read, also when the
    file cannot be written."""

    def tables() -> list[Any]:
        return store.con.execute("SELECT table_name FROM duckdb_tables() ORDER BY 1").fetchall()

    ensure_codebook(store.con)  # made by the first export, kept for the connection's life
    before = tables()
    result = export_events(store.con, tmp_path / "e.csv", "csv", EventFilter(actor="PRK"))
    assert result.rows == 4
    with pytest.raises(ExportFailed):
        export_events(store.con, result.path / "e.csv", "csv", EventFilter(actor="PRK"))
    assert tables() == before
