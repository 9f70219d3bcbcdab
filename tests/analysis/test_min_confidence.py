"""``min_confidence``: the analyses keep the events whose calibrated confidence is at least the
threshold, on a store of events at 0.1 and 0.9 (``builders.confidence_corpus``); the dyad's
shares keep every event of the period as their denominator, on both query paths."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from eventwire.analysis import dyads, filters, networks, timelines
from eventwire.analysis.filters import EventFilter, InvalidFilter
from eventwire.store import Store, open_store


@pytest.fixture
def store(confidence_db: Path) -> Iterator[Store]:
    with open_store(confidence_db, read_only=True) as opened:
        yield opened


def pairs(frame: pd.DataFrame, source: str = "source_code", target: str = "target_code") -> Any:
    return sorted(zip(frame[source], frame[target], strict=True))


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        (None, 4),
        (0.0, 4),
        (0.1, 4),  # at the threshold is kept
        (0.3, 1),
        (0.9, 1),
        (0.95, 0),
    ],
)
def test_event_filter_keeps_events_at_or_above_the_threshold(
    store: Store, threshold: float | None, expected: int
) -> None:
    frame = store.events(EventFilter(min_confidence=threshold))
    assert len(frame) == expected
    if threshold is not None:
        assert (frame["confidence"] >= threshold).all()


def test_the_threshold_combines_with_the_other_filters(store: Store) -> None:
    frame = store.events(actor="PRK", min_confidence=0.3)
    assert pairs(frame) == [("RUS", "PRKGOV")]
    assert list(frame["cameo"]) == ["057"]
    assert len(store.events(actor="KOR", min_confidence=0.3)) == 0
    assert len(store.events(actor="KOR")) == 1


def test_timeline_with_a_threshold(store: Store) -> None:
    assert list(store.timeline("PRK")["cameo"]) == ["057", "040", "112"]
    assert list(store.timeline("PRK", min_confidence=0.3)["cameo"]) == ["057"]


def test_network_with_a_threshold(store: Store) -> None:
    everything = store.network().set_index(["source", "target"])["events"].to_dict()
    assert everything == {("RUS", "PRK"): 2, ("USA", "KOR"): 1, ("PRK", "RUS"): 1}
    confident = store.network(min_confidence=0.3).set_index(["source", "target"])
    assert confident["events"].to_dict() == {("RUS", "PRK"): 1}
    assert confident.loc[("RUS", "PRK"), "goldstein_mean"] == 8.0  # the signing only


def test_dyad_threshold_selects_the_events_counted_not_the_denominator(store: Store) -> None:
    everything = store.dyad("RUS", "PRK")
    assert [p.month for p in everything["period"]] == [3, 4]
    assert list(everything["events"]) == [2, 1]
    assert list(everything["all_events"]) == [3, 1]
    confident = store.dyad("RUS", "PRK", min_confidence=0.3)
    # April's only event of the dyad is below the threshold: the period is left out.
    assert [p.month for p in confident["period"]] == [3]
    assert list(confident["events"]) == [1]
    assert list(confident["verbal_cooperation"]) == [1]
    assert list(confident["goldstein_sum"]) == [8.0]
    # March still has its three events, whatever their confidence.
    assert list(confident["all_events"]) == [3]
    assert confident["events_share"].iloc[0] == pytest.approx(1 / 3)


def test_actor_series_with_a_threshold(store: Store) -> None:
    frame = store.actor_series("USA", min_confidence=0.3)
    assert len(frame) == 0
    frame = store.actor_series("PRK", min_confidence=0.3)
    assert list(frame["events"]) == [1] and list(frame["all_events"]) == [3]


# Each read with a threshold, on both query paths (the indexed path's denominators come from
# ``event_day_totals``, which has no confidence).
THRESHOLDED: dict[str, Callable[[Store], Any]] = {
    "dyad": lambda s: s.dyad("RUS", "PRK", min_confidence=0.3),
    "dyad by day": lambda s: s.dyad("PRK", "RUS", freq="day", min_confidence=0.3),
    "dyad directed": lambda s: s.dyad("RUS", "PRK", directed=True, min_confidence=0.3),
    "dyad at 0.1": lambda s: s.dyad("RUS", "PRK", min_confidence=0.1),
    "dyad within dates": lambda s: s.dyad(
        "RUS", "PRK", since=date(2024, 3, 1), until=date(2024, 3, 31), min_confidence=0.3
    ),
    "actor series": lambda s: s.actor_series("RUS", freq="week", min_confidence=0.3),
    "timeline": lambda s: s.timeline("RUS", min_confidence=0.3),
    "events of an actor": lambda s: s.events(actor="PRK", min_confidence=0.3),
    "network": lambda s: s.network(level="actor", min_confidence=0.3),
}


@pytest.mark.parametrize("name", list(THRESHOLDED))
def test_both_query_paths_agree_with_a_threshold(
    confidence_db: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = THRESHOLDED[name]
    with open_store(confidence_db, read_only=True) as store:
        indexed = read(store)
        for module in (dyads, filters, networks, timelines):
            monkeypatch.setattr(module, "has_query_tables", lambda con: False)
        reference = read(store)
    assert len(indexed) > 0  # not two empty frames
    pd.testing.assert_frame_equal(indexed, reference, check_exact=False, rtol=1e-12)


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_a_threshold_outside_0_to_1_is_a_domain_error(store: Store, bad: float) -> None:
    with pytest.raises(InvalidFilter, match="min_confidence"):
        EventFilter(min_confidence=bad)
    for read in (
        lambda: store.timeline("PRK", min_confidence=bad),
        lambda: store.dyad("RUS", "PRK", min_confidence=bad),
        lambda: store.actor_series("PRK", min_confidence=bad),
        lambda: store.network(min_confidence=bad),
    ):
        with pytest.raises(InvalidFilter, match="min_confidence"):
            read()
