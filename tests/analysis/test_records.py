"""One event by its id (issue 17): through the key table merging keeps (``event_keys``, schema
migration 11) the event page reads exactly the record that scanning the events and their reports
reads, after a full merge and after an incremental one."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from eventwire.analysis import records
from eventwire.store import derived, open_store
from tests.store.builders import fill, ingest, later_ingests


@pytest.mark.parametrize("keyed_reports", [1000, 1])
def test_an_event_found_by_its_key_is_the_event_found_by_scanning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keyed_reports: int
) -> None:
    # No re-sort: the incremental merge's events and key rows stay an appended tail.
    monkeypatch.setattr(derived, "RESORT_TAIL_FRACTION", 10.0)
    with open_store(tmp_path / "e.duckdb") as store:
        fill(store)
        ingest(store, later_ingests()[0])
        tail = store.query("SELECT appended_events FROM merge_state")["appended_events"].iloc[0]
        assert tail > 0, "the incremental merge appended no event"
        ids = store.query("SELECT event_id FROM events")["event_id"].tolist()
        # 1000: every event's reports by their primary key; 1: an event of several reports
        # by a scan of event_mentions instead.
        monkeypatch.setattr(records, "_KEYED_REPORTS", keyed_reports)
        keyed = {i: records.event_record(store.con, i) for i in ids}
        with pytest.raises(records.UnknownRecord, match="no event 'e000'"):
            records.event_record(store.con, "e000")
        monkeypatch.setattr(records, "has_event_keys", lambda con: False)
        scanned = {i: records.event_record(store.con, i) for i in ids}
    assert len(ids) > 10 and any(len(r.mentions) > 1 for r in keyed.values())
    assert all(len(r.mentions) == r.fields["num_mentions"] for r in keyed.values())
    assert keyed == scanned


def test_rows_by_keys_come_in_lists_below_duckdbs_index_limit() -> None:
    """Keys are looked up in IN lists of at most 1,000 (DuckDB scans the whole table past
    index_scan_max_count, 2,048): 2,500 keys, unknown ones among them, find their rows."""
    con = duckdb.connect()
    con.execute("CREATE TABLE t (k VARCHAR PRIMARY KEY, v INTEGER)")
    con.execute("INSERT INTO t SELECT 'k' || i, i FROM range(3000) r(i)")
    keys = [f"k{i}" for i in range(0, 5000, 2)]
    rows = records._by_keys(con, "t", "k, v", keys, "k")
    assert sorted(v for _, v in rows) == list(range(0, 3000, 2))
    assert records._by_keys(con, "t", "k, v", [], "k") == []
