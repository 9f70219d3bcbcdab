from __future__ import annotations

from datetime import date

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
