"""An event told as background with no date of its own (``PAST_REF``) is in no period: the
series, networks and stored day counts leave it out and say so, the event lists keep it, and
a background event with a date of its own counts on that date (issue 14: an analyst counting
this week's events saw a 2014 kidnapping recalled in this week's news)."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from eventwire.analysis import dyads, networks
from eventwire.analysis.changes import ChangeKind
from eventwire.analysis.filters import EventScope
from eventwire.analysis.periods import background_events
from eventwire.events.model import Event, EventDate
from eventwire.store import open_store
from eventwire.store.derived import WEEK_COUNTS
from tests.store.builders import article, event, fill
from tests.store.test_derived import assert_derived_exactly

REPORTED = date(2024, 6, 19)  # a Wednesday: week 2024-06-17
BACKGROUND = EventDate(
    "[past perfect, no date of its own: before the article date]", "PAST_REF", "ref"
)


def _background(e: Event) -> Event:
    return dataclasses.replace(e, event_date=BACKGROUND)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One story of 19 June 2024: Putin and Kim agree that day; Russian forces "had attacked"
    North Korea (no date of its own); North Korea accused Russia on 12 May 2014 (background
    with its own date)."""
    story = article("week", REPORTED)
    items = [
        (
            story,
            [
                event(story, "Putin", "Kim", "057", "2024-06-19", verb="agreed"),
                _background(event(story, "Russia", "Pyongyang", "190", None, sentence_index=1)),
                event(story, "Pyongyang", "Russia", "112", "2014-05-12", sentence_index=2),
            ],
        )
    ]
    path = tmp_path_factory.mktemp("background") / "background.duckdb"
    with open_store(path) as store:
        fill(store, items)
    return path


def test_undated_background_has_no_day_and_no_daily_total(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        days = store.query("SELECT date_value, event_day FROM events ORDER BY cameo")
        totals = store.query("SELECT day, events FROM event_day_totals ORDER BY day")
    assert days["date_value"].tolist() == ["2024-06-19", "2014-05-12", "PAST_REF"]
    assert days["event_day"].isna().tolist() == [False, False, True]
    assert totals["day"].tolist() == [pd.Timestamp(2014, 5, 12), pd.Timestamp(REPORTED)]
    assert totals["events"].tolist() == [1, 1]


@pytest.mark.parametrize("indexed", [True, False])
def test_a_series_counts_background_on_its_own_date_or_not_at_all(
    db: Path, monkeypatch: pytest.MonkeyPatch, indexed: bool
) -> None:
    if not indexed:
        monkeypatch.setattr(dyads, "has_query_tables", lambda con: False)
    with open_store(db, read_only=True) as store:
        weekly = store.dyad("RUS", "PRK", freq="week")
        table = store.dyad("RUS", "PRK", freq="week", arrow=True)
        june = store.dyad("RUS", "PRK", freq="week", since=date(2024, 6, 17))
        earlier = store.dyad("RUS", "PRK", freq="week", until=date(2024, 1, 1))
    # the 2014 accusation in its own week, the agreement in the report's, the attack nowhere
    assert weekly["period"].tolist() == [pd.Timestamp(2014, 5, 12), pd.Timestamp(2024, 6, 17)]
    assert weekly["events"].tolist() == [1, 1]
    assert weekly["all_events"].tolist() == [1, 1]  # nor in the denominator
    assert background_events(weekly) == background_events(table) == 1
    assert background_events(june) == 1  # reported in the range
    assert background_events(earlier) == 0  # reported after it


def test_the_event_lists_keep_undated_background(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        listed = store.events()
        exported = store.query("SELECT count(*) AS n FROM events")["n"].iloc[0]
    assert sorted(listed["date_value"]) == ["2014-05-12", "2024-06-19", "PAST_REF"]
    assert exported == 3


def test_a_network_over_a_range_leaves_undated_background_out(db: Path) -> None:
    with open_store(db, read_only=True) as store:
        june = networks.network(
            store.con, EventScope(since=date(2024, 6, 1), until=date(2024, 6, 30))
        )
        may_2014 = networks.network(
            store.con, EventScope(since=date(2014, 5, 1), until=date(2014, 5, 31))
        )
        everything = networks.network(store.con)
    assert int(june["events"].sum()) == 1
    assert background_events(june) == 1
    assert int(may_2014["events"].sum()) == 1
    assert background_events(may_2014) == 0
    assert int(everything["events"].sum()) == 3  # no range: every event, background too


def test_the_commands_say_they_left_undated_background_out(db: Path) -> None:
    from tests.analysis.test_cli_analysis import run

    weekly = run("dyad", "RUS", "PRK", "--db", str(db), "--freq", "week")
    assert weekly.exit_code == 0, weekly.output
    assert "1 event told as background with no date of its own" in weekly.output
    june = run("network", "--db", str(db), "--since", "2024-06", "--until", "2024-06")
    assert june.exit_code == 0, june.output
    assert "belongs to no period: not counted" in june.output


def test_migration_12_takes_the_day_off_undated_background(db: Path, tmp_path: Path) -> None:
    """A store merged before migration 12 had the report's day on undated background events
    and counted them in the day and week totals; opening it brings them in line."""
    old = tmp_path / "old.duckdb"
    old.write_bytes(db.read_bytes())
    with open_store(old) as store:
        store.con.execute(
            "UPDATE events SET event_day = coalesce(date_start, first_reported);"
            " DELETE FROM event_day_totals;"
            " INSERT INTO event_day_totals SELECT event_day, modality, count(*) FROM events"
            " GROUP BY ALL;"
            " DELETE FROM event_week_counts;"
            f" {WEEK_COUNTS.format(only='')};"
            " DELETE FROM schema_migrations WHERE version = 12"
        )
        assert store.query("SELECT sum(events) AS n FROM event_day_totals")["n"].iloc[0] == 3
    with open_store(old) as upgraded:
        versions = upgraded.query("SELECT max(version) AS v FROM schema_migrations")["v"]
        assert versions.iloc[0] >= 12
        assert_derived_exactly(upgraded)
        assert upgraded.query("SELECT sum(events) AS n FROM event_day_totals")["n"].iloc[0] == 2


@pytest.mark.parametrize("by", ["country", "dyad", "category"])
def test_the_weekly_change_table_counts_the_background_its_articles_told(
    db: Path, by: ChangeKind
) -> None:
    """The week's change table leaves the undated background event out of its rows and says
    how many there are (issue 14, sixth round: the dashboard's "what changed")."""
    with open_store(db, read_only=True) as store:
        week = store.changes(REPORTED, by=by, modality=None, min_confidence=0)
        before = store.changes(date(2024, 6, 10), by=by, modality=None, min_confidence=0)
    assert week.background_events == 1
    assert sum(row.events for row in week.rows) == (2 if by == "country" else 1)
    assert before.background_events == 0  # told in a later week


def test_the_change_command_says_it_left_background_out(db: Path) -> None:
    from click.testing import CliRunner

    from eventwire.cli import cli

    result = CliRunner().invoke(
        cli, ["changes", "--db", str(db), "--week", "2024-W25", "--min-confidence", "0",
              "--modality", "all"]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "1 event told as background with no date of its own" in result.output
    as_json = CliRunner().invoke(
        cli, ["changes", "--db", str(db), "--week", "2024-W25", "--min-confidence", "0",
              "--modality", "all", "--format", "json"]
    )  # fmt: skip
    assert as_json.exit_code == 0, as_json.output
    assert json.loads(as_json.output.splitlines()[0])["background_events"] == 1


def test_the_dashboard_says_what_the_week_left_out(db: Path) -> None:
    """The overview's change tables name the week's undated background events."""
    from fastapi.testclient import TestClient

    from eventwire.web import create_app

    with TestClient(create_app(db)) as client:
        page = client.get("/", params={"week": "2024-06-17"})
    assert page.status_code == 200, page.text
    assert "1 event this week's articles told as background" in " ".join(page.text.split())
