from __future__ import annotations

import random
from datetime import date, timedelta

import pytest

from eventwire.store.merge import MentionRow, group_key, merge_mentions, timex_interval


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2024-11-27", date(2024, 11, 27), date(2024, 11, 27)),
        ("2024-W48", date(2024, 11, 25), date(2024, 12, 1)),
        ("2024-06", date(2024, 6, 1), date(2024, 6, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024-Q3", date(2024, 7, 1), date(2024, 9, 30)),
        ("1994", date(1994, 1, 1), date(1994, 12, 31)),
        ("199", date(1990, 1, 1), date(1999, 12, 31)),
    ],
)
def test_timex_interval(value: str, start: date, end: date) -> None:
    assert timex_interval(value) == (start, end)


@pytest.mark.parametrize("value", [None, "", "PAST_REF", "2024-13", "2024-W60", "garbage"])
def test_timex_interval_of_non_points_is_none(value: str | None) -> None:
    assert timex_interval(value) is None


def mention(
    mid: str,
    order: int,
    article: str,
    start: date | None,
    end: date | None,
    group: tuple[str, str, str, str] = group_key("RUS", "PRK", "AGREE", "asserted"),
    domain: str | None = None,
    cameo: str = "057",
) -> MentionRow:
    return MentionRow(mid, order, article, domain, group, cameo, 0.8, start, end)


def test_two_reports_of_one_signing_merge_into_one_event() -> None:
    june = (date(2024, 6, 1), date(2024, 6, 30))
    events = merge_mentions(
        [
            mention("m1", 0, "a1", *june),
            mention("m2", 1, "a2", date(2024, 6, 19), date(2024, 6, 19)),
        ],
        window_days=1,
    )
    assert len(events) == 1
    event = events[0]
    assert (event.num_mentions, event.num_articles, event.num_sources) == (2, 2, 2)
    assert event.representative == "m2"  # the day-precise report represents the event


def test_distant_dates_modalities_and_dyads_stay_apart() -> None:
    events = merge_mentions(
        [
            mention("m1", 0, "a1", date(2024, 6, 19), date(2024, 6, 19)),
            mention("m2", 1, "a1", date(2024, 9, 13), date(2024, 9, 13)),
            mention(
                "m3",
                2,
                "a2",
                date(2024, 6, 19),
                date(2024, 6, 19),
                group=group_key("RUS", "PRK", "AGREE", "negated"),
            ),
            mention(
                "m4",
                3,
                "a2",
                date(2024, 6, 19),
                date(2024, 6, 19),
                group=group_key("PRK", "RUS", "AGREE", "asserted"),
            ),
        ],
        window_days=1,
    )
    assert len(events) == 4


def test_undated_mentions_are_never_merged() -> None:
    events = merge_mentions(
        [mention("m1", 0, "a1", None, None), mention("m2", 1, "a2", None, None)], window_days=30
    )
    assert len(events) == 2


def test_event_id_is_stable_and_independent_of_input_order() -> None:
    day = (date(2024, 6, 19), date(2024, 6, 19))
    rows = [mention("m1", 0, "a1", *day), mention("m2", 1, "a2", *day, domain="x.org")]
    forward = merge_mentions(rows, 1)
    backward = merge_mentions(list(reversed(rows)), 1)
    assert [e.event_id for e in forward] == [e.event_id for e in backward]
    assert forward[0].num_sources == 2


def test_window_chains_adjacent_days() -> None:
    rows = [
        mention("m1", 0, "a1", date(2024, 6, 19), date(2024, 6, 19)),
        mention("m2", 1, "a2", date(2024, 6, 20), date(2024, 6, 20)),
        mention("m3", 2, "a3", date(2024, 6, 25), date(2024, 6, 25)),
    ]
    assert [e.num_mentions for e in merge_mentions(rows, 1)] == [2, 1]
    assert [e.num_mentions for e in merge_mentions(rows, 0)] == [1, 1, 1]


def _segments(rows: list[MentionRow], window_days: int) -> list[list[MentionRow]]:
    """Split one group's dated mentions where one starts more than twice the window after
    every earlier one ended (the segments store/merging.py re-clusters alone)."""
    ordered = sorted(rows, key=lambda m: (m.date_start, m.date_end, m.order))
    segments: list[list[MentionRow]] = []
    reached: date | None = None
    for m in ordered:
        assert m.date_start is not None and m.date_end is not None
        if reached is None or m.date_start > reached + timedelta(days=2 * window_days):
            segments.append([])
        segments[-1].append(m)
        reached = max(reached or m.date_end, m.date_end)
    return segments


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("by_place", [True, False])
def test_a_group_merges_as_its_date_segments_merged_alone(seed: int, by_place: bool) -> None:
    rng = random.Random(seed)
    window = rng.randrange(3)
    rows = []
    for i in range(40):
        # June and October: at least two segments; within each, chains, gaps and long spans.
        start = date(2024, 6, 1) + timedelta(days=rng.choice([0, 120]) + rng.randrange(40))
        end = start + timedelta(days=rng.choice([0, 0, 0, 1, 6, 29]))
        country = rng.choice([None, "UKR", "SYR"])
        rows.append(
            MentionRow(f"m{i}", rng.randrange(1000), f"a{i % 7}", None,
                       group_key("RUS", "UKR", "ASSAULT", "asserted"), rng.choice(["190", "193"]),
                       rng.random(), start, end, country)
        )  # fmt: skip
    whole = merge_mentions(rows, window, by_place=by_place)
    segments = _segments(rows, window)
    alone = [e for s in segments for e in merge_mentions(s, window, by_place=by_place)]
    assert sorted(whole, key=lambda e: e.event_id) == sorted(alone, key=lambda e: e.event_id)
    assert len(segments) >= 2 and len(whole) >= len(segments)
