"""The driver's side of a Spark output (issue 19): what ``finish_datasets`` makes of the part
files the coding tasks leave in the work folder, and the rows and rejections it reports."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from eventwire.store.parquet import count_rows, finish_datasets, first_rejections


def _part(folder: Path, name: str, rows: dict[str, list[object]]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(rows), folder / name)


def _rows(path: Path) -> list[dict[str, object]]:
    return sorted(pq.read_table(path).to_pylist(), key=str)


def test_finished_datasets_have_each_mentions_event_and_one_row_per_key(tmp_path: Path) -> None:
    work = tmp_path / "_work"
    # Two coding tasks' event mentions (no event yet), and the merged events' summary.
    _part(work / "event_mentions", "part-00000.parquet", {
        "mention_id": ["m1", "m2"], "article_id": ["a1", "a1"], "event_id": [None, None],
    })  # fmt: skip
    _part(work / "event_mentions", "part-00001.parquet", {
        "mention_id": ["m3"], "article_id": ["a2"], "event_id": [None],
    })  # fmt: skip
    _part(work / "summary", "part-0.parquet", {
        "event_id": ["e1", "e2"], "rep": ["m1", "m3"], "mention_ids": [["m1", "m3"], ["m2"]],
    })  # fmt: skip
    # The same treaty seen by two tasks: the row of the earliest document is kept.
    _part(work / "treaties", "part-00000.parquet", {
        "treaty_id": ["t1", "t2"], "first_doc_id": ["d9", "d1"],
    })  # fmt: skip
    _part(work / "treaties", "part-00001.parquet", {"treaty_id": ["t1"], "first_doc_id": ["d2"]})
    # Rejections from the coding tasks and from reading (written by Spark beside them).
    _part(work / "rejected_inputs", "part-00001.parquet", {
        "path": ["b.jsonl"], "record": [4], "reader": ["jsonl"], "reason": ["internal error"],
    })  # fmt: skip
    _part(work / "rejected_inputs_read", "part-0.parquet", {
        "path": ["a.jsonl", "a.jsonl", "b.jsonl"], "record": [2, 2, 4], "reader": ["jsonl"] * 3,
        "reason": ["malformed JSON line", "malformed JSON line", "internal error"],
    })  # fmt: skip

    finish_datasets(tmp_path, work)

    assert _rows(tmp_path / "event_mentions" / "part-00000.parquet") == [
        {"mention_id": "m1", "article_id": "a1", "event_id": "e1"},
        {"mention_id": "m2", "article_id": "a1", "event_id": "e2"},
        {"mention_id": "m3", "article_id": "a2", "event_id": "e1"},
    ]
    assert _rows(tmp_path / "treaties" / "part-00000.parquet") == [
        {"treaty_id": "t1", "first_doc_id": "d2"},
        {"treaty_id": "t2", "first_doc_id": "d1"},
    ]
    assert count_rows(tmp_path, "rejected_inputs") == 2
    assert [(r.path, r.record, r.reason) for r in first_rejections(tmp_path, 1)] == [
        ("a.jsonl", 2, "malformed JSON line")
    ]
    # A table no task wrote has no dataset: readers give the schema's empty table.
    assert not (tmp_path / "treaty_steps").exists()
    assert count_rows(tmp_path, "treaty_steps") == 0
    assert first_rejections(tmp_path / "nothing", 5) == ()
