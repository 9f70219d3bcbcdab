"""Exports: every format reads back with the same rows, GDELT columns, versions carried."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from eventwire.analysis.export import (
    EXPORT_FORMATS,
    GDELT_COLUMNS,
    ExportFailed,
    export_events,
)
from eventwire.analysis.filters import EventFilter
from eventwire.store import Store

# GDELT 2.0 event table, in order (GDELT 2.0 Event Database Codebook V2.0, 2015).
GDELT_2_COLUMNS = (
    ["GlobalEventID", "Day", "MonthYear", "Year", "FractionDate"]
    + [
        f"Actor{n}{field}"
        for n in (1, 2)
        for field in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ]
    + [
        "IsRootEvent",
        "EventCode",
        "EventBaseCode",
        "EventRootCode",
        "QuadClass",
        "GoldsteinScale",
        "NumMentions",
        "NumSources",
        "NumArticles",
        "AvgTone",
    ]
    + [
        f"{geo}_{field}"
        for geo in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for field in (
            "Type",
            "FullName",
            "CountryCode",
            "ADM1Code",
            "ADM2Code",
            "Lat",
            "Long",
            "FeatureID",
        )
    ]
    + ["DATEADDED", "SOURCEURL"]
)


def test_gdelt_column_set_is_gdelt_2() -> None:
    assert list(GDELT_COLUMNS) == GDELT_2_COLUMNS
    assert len(GDELT_COLUMNS) == 61


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_every_export_carries_versions_and_codebook(store: Store, tmp_path: Path, fmt: str) -> None:
    result = export_events(store.con, tmp_path / f"events.{fmt}", fmt)  # type: ignore[arg-type]
    assert result.path.stat().st_size > 0
    meta = json.loads(result.metadata_path.read_text(encoding="utf-8"))
    assert meta["rows"] == result.rows == len(store.events())
    assert meta["versions"]["duckdb"] == duckdb.__version__
    assert meta["versions"]["eventwire"]
    assert len(meta["codebook"]["sha256"]) == 64
    assert meta["ingest_runs"][0]["model_version"] == "3.8.0"


def test_parquet_reads_back_into_duckdb_with_the_same_rows(store: Store, tmp_path: Path) -> None:
    result = export_events(store.con, tmp_path / "e.parquet", "parquet")
    back = (
        duckdb.connect()
        .execute(
            f"SELECT event_id, num_mentions FROM read_parquet('{result.path}') ORDER BY event_id"
        )
        .fetchall()
    )
    original = store.events().sort_values("event_id")
    assert back == list(zip(original["event_id"], original["num_mentions"], strict=True))
    embedded = json.loads(pq.read_metadata(result.path).metadata[b"eventwire"])
    assert (
        embedded["codebook"]["sha256"]
        == json.loads(result.metadata_path.read_text(encoding="utf-8"))["codebook"]["sha256"]
    )


def test_gdelt_rows(store: Store, tmp_path: Path) -> None:
    result = export_events(store.con, tmp_path / "e.export.CSV", "gdelt")
    with result.path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t")
        rows = [dict(zip(GDELT_COLUMNS, r, strict=True)) for r in reader]
    signing = next(r for r in rows if r["EventCode"] == "057" and r["Actor1Name"] == "Putin")
    assert (signing["Day"], signing["MonthYear"], signing["Year"]) == ("20240619", "202406", "2024")
    assert (signing["Actor1Code"], signing["Actor2Code"]) == ("RUSGOV", "PRKGOV")
    assert (signing["Actor1CountryCode"], signing["Actor1Type1Code"]) == ("RUS", "GOV")
    assert (signing["EventBaseCode"], signing["EventRootCode"], signing["QuadClass"]) == (
        "057",
        "05",
        "1",
    )
    assert (signing["NumMentions"], signing["NumArticles"], signing["NumSources"]) == (
        "3",
        "2",
        "2",
    )
    assert signing["GoldsteinScale"] == "8.0"
    assert signing["DATEADDED"] == "20240620000000"  # the earliest report, 20 June
    assert signing["SOURCEURL"] == "https://dw.com/june"
    assert signing["IsRootEvent"] == "1"
    located = [r["ActionGeo_CountryCode"] for r in rows if r["EventCode"] == "190"]
    assert sorted(located) == ["SYR", "UKR"]


def test_csv_and_jsonl_rows_and_filters(store: Store, tmp_path: Path) -> None:
    selection = EventFilter(country="USA")
    result = export_events(store.con, tmp_path / "usa.csv", "csv", selection)
    with result.path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 3 and {r["source_country"] for r in rows} >= {"USA"}
    assert json.loads(result.metadata_path.read_text(encoding="utf-8"))["filter"] == {
        "country": "USA"
    }
    lines = export_events(store.con, tmp_path / "all.jsonl", "jsonl", EventFilter(modality=None))
    records = [json.loads(line) for line in lines.path.read_text(encoding="utf-8").splitlines()]
    assert {r["modality"] for r in records} == {"asserted", "alleged"}
    assert records[0]["day"] == "2024-06-10"


def test_unknown_format_is_a_domain_error(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ExportFailed):
        export_events(store.con, tmp_path / "x.xlsx", "xlsx")  # type: ignore[arg-type]
