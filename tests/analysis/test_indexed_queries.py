"""The indexed reads (side ids, stored representative report, daily totals: issue 7) give
exactly the rows of the straightforward queries, on a store after one ingest, after a second
that adds events to existing dyads and periods, and after a near-duplicate report bridges two
events into one."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from eventwire.analysis import dyads, filters, timelines
from eventwire.analysis.filters import EventFilter
from eventwire.store import Store, open_store
from tests.analysis.conftest import STAGES

Query = Callable[[Store], Any]
QUERIES: dict[str, Query] = {
    "dyad by month": lambda s: s.dyad("RUS", "PRK"),
    "dyad by week": lambda s: s.dyad("PRK", "RUS", freq="week"),
    "dyad by day, every modality": lambda s: s.dyad("RUS", "PRK", freq="day", modality=None),
    "dyad directed": lambda s: s.dyad("PRK", "RUS", directed=True),
    "dyad alleged": lambda s: s.dyad("PRK", "RUS", modality="alleged"),
    "dyad within dates": lambda s: s.dyad(
        "USA", "PRK", since=date(2024, 6, 15), until=date(2024, 11, 6)
    ),
    "dyad of an actor id and a code": lambda s: s.dyad("person/vladimir-putin", "PRKGOV"),
    "dyad with itself": lambda s: s.dyad("RUS", "RUS"),
    "dyad of an unknown name": lambda s: s.dyad("RUS", "XYZ"),
    "actor series": lambda s: s.actor_series("PRK", freq="week"),
    "timeline of a country": lambda s: s.timeline("PRK"),
    "timeline of a person": lambda s: s.timeline("person/kim-jong-un"),
    "timeline of a code, every modality": lambda s: s.timeline("RUSMIL", modality=None),
    "timeline within dates": lambda s: s.timeline(
        "RUS", since=date(2024, 6, 19), until=date(2024, 11, 30)
    ),
    "timeline with no events": lambda s: s.timeline("XYZ"),
    "every event": lambda s: s.events(modality=None),
    "events of an actor": lambda s: s.events(actor="PRK"),
    "events of a source and target": lambda s: s.events(source="USAGOV", target="PRK"),
    "events of a country": lambda s: s.events(country="usa"),
    "events of an actor and a country": lambda s: s.events(actor="RUS", country="PRK"),
    "events by place, code, category": lambda s: s.events(location="SYR", cameo="19"),
    "events by PLOVER and quad class": lambda s: s.events(plover="accuse", quad_class=3),
    "events within dates": lambda s: s.events(since=date(2024, 11, 1), until=date(2024, 11, 30)),
    "events by text": lambda s: s.events(text="signed"),
    "events limited": lambda s: s.events(EventFilter(actor="PRK", limit=2)),
    "events of an unknown actor": lambda s: s.events(actor="XYZ"),
    # Issue 16: repeated values (OR within a field), dyads both ways, newest and most reported
    # first, a timeline newest first.
    "events of two actors": lambda s: s.events(actor=("USA", "UKR"), modality=None),
    "events of two sources, two codes": lambda s: s.events(
        source=("USAGOV", "PRKGOV"), cameo=("05", "11"), modality=None
    ),
    "events of two countries and categories": lambda s: s.events(
        country=("PRK", "ukr"), plover=("ASSAULT", "aid"), modality=None
    ),
    "events between a dyad": lambda s: s.events(between=("RUS", "PRK"), modality=None),
    "events between and an actor": lambda s: s.events(between=("PRK", "RUS"), actor="RUSGOV"),
    "events newest first, limited": lambda s: s.events(
        EventFilter(order="newest", limit=3, modality=None)
    ),
    "events most reported first": lambda s: s.events(order="mentions", actor="PRK"),
    "timeline newest first": lambda s: s.timeline("RUS", modality=None, newest_first=True),
}


@pytest.fixture(scope="module")
def stages(merged_stages: dict[str, Path]) -> dict[str, Path]:
    """A copy of the store after each stage (tests/analysis/conftest.py)."""
    return merged_stages


def straightforward(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the analysis functions take the queries they use on a store at schema 3."""
    for module in (dyads, filters, timelines):
        monkeypatch.setattr(module, "has_query_tables", lambda con: False)


@pytest.mark.parametrize("stage", STAGES)
@pytest.mark.parametrize("name", list(QUERIES))
def test_indexed_reads_equal_the_straightforward_queries(
    stages: dict[str, Path], stage: str, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    query = QUERIES[name]
    with open_store(stages[stage], read_only=True) as store:
        indexed = query(store)
        straightforward(monkeypatch)
        reference = query(store)
    # Same rows, columns and types; Goldstein sums and means only up to the order of addition.
    pd.testing.assert_frame_equal(indexed, reference, check_exact=False, rtol=1e-12)


@pytest.mark.parametrize(
    "selection",
    [
        EventFilter(modality=None),
        EventFilter(actor=("USA", "UKR")),
        EventFilter(between=("RUS", "PRK"), modality=None),
        EventFilter(country="PRK", plover=("AGREE", "AID"), limit=1),
    ],
)
def test_counts_agree_with_the_listing_on_both_paths(
    stages: dict[str, Path], selection: EventFilter, monkeypatch: pytest.MonkeyPatch
) -> None:
    unlimited = dataclasses.replace(selection, limit=None)
    with open_store(stages[STAGES[-1]], read_only=True) as store:
        listed = len(store.events(unlimited))
        indexed = filters.count_events(store.con, selection)
        straightforward(monkeypatch)
        assert filters.count_events(store.con, selection) == indexed == listed > 0


def test_the_cases_select_something_at_every_stage(stages: dict[str, Path]) -> None:
    """Guards the comparison above against comparing empty frames."""
    with open_store(stages[STAGES[-1]], read_only=True) as store:
        empty = {name for name, query in QUERIES.items() if len(query(store)) == 0}
    assert empty == {"dyad of an unknown name", "timeline with no events",
                     "events of an unknown actor", "dyad with itself"}  # fmt: skip


def test_second_ingest_and_bridge_change_the_dyad(stages: dict[str, Path]) -> None:
    """The stages differ where the comparison needs them to: shares and counts move."""
    series = {}
    for stage in STAGES:
        with open_store(stages[stage], read_only=True) as store:
            series[stage] = store.dyad("USA", "PRK").set_index("period")
    november = pd.Timestamp(2024, 11, 1)
    assert series["first ingest"].loc[november, "events"] == 1
    assert series["second ingest"].loc[november, "events"] == 2
    assert series["bridging report"].loc[november, "events"] == 1
    assert series["second ingest"].loc[november, "all_events"] == 4
    assert series["bridging report"].loc[november, "all_events"] == 3
