"""Series count an event only in a period its whole date lies in, and say how many they left
out (issue 14: a year-level event used to count in the first month or week of its year)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from eventwire.analysis import dyads, networks
from eventwire.analysis.changes import weekly_changes
from eventwire.analysis.filters import EventScope
from eventwire.analysis.periods import coarser_events, period_label, range_label
from eventwire.events.model import Event, EventDate
from eventwire.store import open_store
from tests.store.builders import article, event, fill


def _dated(e: Event, value: str, granularity: str) -> Event:
    return dataclasses.replace(e, event_date=EventDate(value, value, granularity))


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Russia and North Korea in March 2024: one event on a day (Tuesday 5th), one dated to
    the month, one to the year; and one year-level event of another dyad."""
    story = article("march", date(2024, 3, 6))
    other = article("other", date(2024, 3, 6), "other.org")
    items = [
        (
            story,
            [
                event(story, "Putin", "Kim", "057", "2024-03-05", verb="agreed"),
                _dated(event(story, "Russia", "Pyongyang", "040", None, sentence_index=1),
                       "2024-03", "month"),
                _dated(event(story, "Pyongyang", "Russia", "112", None, sentence_index=2),
                       "2024", "year"),
            ],
        ),
        (other, [_dated(event(other, "Washington", "Seoul", "070", None), "2024", "year")]),
    ]  # fmt: skip
    path = tmp_path_factory.mktemp("periods") / "periods.duckdb"
    with open_store(path) as store:
        fill(store, items)
    return path


def _straightforward(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dyads, "has_query_tables", lambda con: False)


@pytest.mark.parametrize("indexed", [True, False])
@pytest.mark.parametrize(
    ("freq", "period", "events", "left_out"),
    [
        ("day", date(2024, 3, 5), 1, 2),
        ("week", date(2024, 3, 4), 1, 2),
        ("month", date(2024, 3, 1), 2, 1),  # the month-level event counts in March
    ],
)
def test_a_series_counts_events_within_one_period_and_says_how_many_it_left_out(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    indexed: bool,
    freq: dyads.Freq,
    period: date,
    events: int,
    left_out: int,
) -> None:
    if not indexed:
        _straightforward(monkeypatch)
    with open_store(db, read_only=True) as store:
        series = store.dyad("RUS", "PRK", freq=freq)
        table = store.dyad("RUS", "PRK", freq=freq, arrow=True)
    assert series["period"].tolist() == [pd.Timestamp(period)]
    assert series["events"].tolist() == [events]
    # the denominator is what the series counts: no year-level event of any dyad in it
    assert series["all_events"].tolist() == [events]
    assert coarser_events(series) == coarser_events(table) == left_out


def test_both_paths_agree_on_the_actor_series(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with open_store(db, read_only=True) as store:
        indexed = store.actor_series("PRK", freq="week")
        _straightforward(monkeypatch)
        reference = store.actor_series("PRK", freq="week")
    pd.testing.assert_frame_equal(indexed, reference)
    assert coarser_events(indexed) == coarser_events(reference) == 2


def test_a_network_over_a_range_counts_the_events_dated_within_it(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        march = networks.network(
            store.con, EventScope(since=date(2024, 3, 1), until=date(2024, 3, 31))
        )
        year = networks.network(
            store.con, EventScope(since=date(2024, 1, 1), until=date(2024, 12, 31))
        )
        everything = networks.network(store.con)
    assert int(march["events"].sum()) == 2  # the day and the month
    assert coarser_events(march) == 2  # "2024" may not be March
    assert int(year["events"].sum()) == 4
    assert coarser_events(year) == 0
    assert int(everything["events"].sum()) == 4
    assert coarser_events(everything) == 0


def test_weekly_changes_count_only_events_dated_within_a_week(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        table = weekly_changes(store.con, date(2024, 3, 4), by="dyad")
    counts = {row.key: row.events for row in table.rows}
    assert counts == {"PRK–RUS": 1}
    assert table.coarser_events == 3


@pytest.mark.parametrize(
    ("start", "freq", "label"),
    [
        (date(2024, 12, 5), "day", "2024-12-05"),
        (date(2024, 12, 2), "week", "2024-W49"),
        (date(2024, 12, 30), "week", "2025-W01"),  # ISO week of the next year
        (date(2024, 12, 1), "month", "2024-12"),
        (pd.Timestamp(2024, 6, 1), "month", "2024-06"),
    ],
)
def test_a_period_is_shown_as_a_period(start: date, freq: str, label: str) -> None:
    assert period_label(start, freq) == label


@pytest.mark.parametrize(
    ("since", "until", "label"),
    [
        (date(2024, 1, 1), date(2024, 12, 31), "2024"),
        (date(2024, 2, 1), date(2024, 2, 29), "2024-02"),
        (date(2024, 12, 2), date(2024, 12, 8), "2024-W49"),
        (date(2024, 12, 5), date(2024, 12, 5), "2024-12-05"),
        (date(2024, 12, 1), date(2024, 12, 20), "2024-12-01 to 2024-12-20"),
        (date(2024, 12, 1), None, "from 2024-12-01"),
        (None, date(2024, 12, 1), "until 2024-12-01"),
        (None, None, None),
    ],
)
def test_a_range_is_named_as_the_period_it_is(
    since: date | None, until: date | None, label: str | None
) -> None:
    assert range_label(since, until) == label


def test_the_commands_name_periods_and_say_what_they_left_out(db: Path) -> None:
    from tests.analysis.test_cli_analysis import run

    weekly = run("dyad", "RUS", "PRK", "--db", str(db), "--freq", "week")
    assert weekly.exit_code == 0, weekly.output
    assert "2024-W10" in weekly.output and "2024-03-04" not in weekly.output
    assert "2 events are dated only to a longer period than a week" in weekly.output
    monthly = run("dyad", "RUS", "PRK", "--db", str(db), "--format", "csv")
    assert monthly.stdout.splitlines()[1].startswith("2024-03,2,")
    assert "1 event is dated only to a longer period than a month" in monthly.stderr
    march = run("network", "--db", str(db), "--since", "2024-03", "--until", "2024-03")
    assert march.exit_code == 0, march.output
    assert "network of 2024-03" in march.output
    assert "2 events are dated only to a longer period than 2024-03" in march.output
