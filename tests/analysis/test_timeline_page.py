"""A page of a timeline, and an actor's counterparts, computed in DuckDB (issue 17: the
server no longer builds a whole timeline to answer 50 rows) give exactly the rows and figures
of the whole timeline: after each stage of the store of ``conftest.STAGES``, and on a store
before schema migration 4 (which takes the whole timeline)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from eventwire.analysis import timelines
from eventwire.analysis.filters import EventScope
from eventwire.analysis.timelines import timeline_counterparts, timeline_page
from eventwire.store import open_store
from tests.analysis.conftest import STAGES

ACTORS = ("RUS", "PRK", "USAGOV", "person/kim-jong-un", "XYZ")
SCOPES: dict[str, EventScope] = {
    "asserted": EventScope(),
    "every modality": EventScope(modality=None),
    "within dates": EventScope(since=date(2024, 6, 15), until=date(2024, 11, 30)),
    "confident": EventScope(min_confidence=0.5),
}
PAGES = [(0, 50), (0, 2), (1, 2), (3, 2), (0, 0), (40, 5)]


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("scope", list(SCOPES))
@pytest.mark.parametrize("newest_first", [False, True])
def test_a_page_is_the_slice_of_the_whole_timeline(
    merged_stages: dict[str, Path], stage: str, scope: str, newest_first: bool
) -> None:
    with open_store(merged_stages[stage], read_only=True) as store:
        for actor in ACTORS:
            whole = store.timeline(actor, SCOPES[scope], newest_first=newest_first, arrow=True)
            for offset, limit in PAGES:
                page = timeline_page(
                    store.con,
                    actor,
                    SCOPES[scope],
                    newest_first=newest_first,
                    offset=offset,
                    limit=limit,
                )
                assert page.total == whole.num_rows, (actor, offset, limit)
                assert page.rows.to_pylist() == whole.slice(offset, limit).to_pylist(), (
                    actor,
                    offset,
                    limit,
                )
                assert page.rows.schema.names == whole.schema.names


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("scope", list(SCOPES))
def test_counterparts_are_those_of_the_whole_timeline(
    merged_stages: dict[str, Path], stage: str, scope: str
) -> None:
    with open_store(merged_stages[stage], read_only=True) as store:
        for actor in ACTORS:
            whole = store.timeline(actor, SCOPES[scope], arrow=True)
            found = timeline_counterparts(store.con, actor, SCOPES[scope])
            expected = timelines.counterparts(whole)  # as a store before migration 4 counts
            assert [(c["counterpart"], c["events"]) for c in found] == [
                (c["counterpart"], c["events"]) for c in expected
            ], actor
            for got, want in zip(found, expected, strict=True):
                assert got["goldstein_mean"] == pytest.approx(want["goldstein_mean"])
            assert timeline_counterparts(store.con, actor, SCOPES[scope], limit=1) == found[:1]


def test_the_cases_have_rows(merged_stages: dict[str, Path]) -> None:
    """Guards the comparisons above against comparing empty pages."""
    with open_store(merged_stages[STAGES[-1]], read_only=True) as store:
        assert timeline_page(store.con, "RUS", limit=2).total >= 4
        assert len(timeline_page(store.con, "RUS", limit=2).rows) == 2
        assert len(timeline_counterparts(store.con, "PRK")) >= 2


def test_a_store_before_migration_4_pages_the_whole_timeline(
    merged_stages: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    with open_store(merged_stages[STAGES[-1]], read_only=True) as store:
        indexed = timeline_page(store.con, "RUS", offset=1, limit=3)
        counted = timeline_counterparts(store.con, "RUS")
        monkeypatch.setattr(timelines, "has_query_tables", lambda con: False)
        plain = timeline_page(store.con, "RUS", offset=1, limit=3)
        assert plain.total == indexed.total
        assert plain.rows.to_pylist() == indexed.rows.to_pylist()
        assert timeline_counterparts(store.con, "RUS") == counted


def test_a_negative_offset_or_limit_is_refused(merged_stages: dict[str, Path]) -> None:
    with (
        open_store(merged_stages[STAGES[0]], read_only=True) as store,
        pytest.raises(ValueError, match="negative"),
    ):
        timeline_page(store.con, "RUS", offset=-1)
