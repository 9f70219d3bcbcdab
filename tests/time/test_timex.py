"""resolve_time: tables of expressions with their TIMEX3 values, per reference date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.time import Timex, resolve_time

THURSDAY = date(2024, 12, 5)  # the 000 seed's article date


def timex(value: str, granularity: str, mod: str | None = None) -> Timex:
    return Timex(value, granularity, mod)


REFERENCE_2024_12_05 = [
    ("last week", timex("2024-W48", "week")),
    ("in June", timex("2024-06", "month")),
    ("June", timex("2024-06", "month")),
    ("on November 27", timex("2024-11-27", "day")),
    ("in 1994", timex("1994", "year")),
    ("earlier this year", timex("2024", "year", "START")),
    ("last year", timex("2023", "year")),
    ("this week", timex("2024-W49", "week")),
    ("yesterday", timex("2024-12-04", "day")),
    ("Thursday", timex("2024-12-05", "day")),
    ("on Thursday", timex("2024-12-05", "day")),
    ("on Sunday", timex("2024-12-01", "day")),
    ("last month", timex("2024-11", "month")),
    ("in recent weeks", timex("PAST_REF", "ref")),
    ("recent weeks", timex("PAST_REF", "ref")),
    ("in recent years", timex("PAST_REF", "ref")),
    ("this year", timex("2024", "year")),
    ("next week", timex("2024-W50", "week")),
    ("tomorrow", timex("2024-12-06", "day")),
    ("today", timex("2024-12-05", "day")),
    ("December 5, 2024", timex("2024-12-05", "day")),
    ("14 September 2024", timex("2024-09-14", "day")),
    ("February 2022", timex("2022-02", "month")),
    ("in February 2022", timex("2022-02", "month")),
    ("July 2023", timex("2023-07", "month")),
    ("in 2022", timex("2022", "year")),
    ("the 1990s", timex("199", "decade")),
    ("two days ago", timex("2024-12-03", "day")),
    ("last Friday", timex("2024-11-29", "day")),
    ("mid-2023", timex("2023", "year", "MID")),
    ("late 2024", timex("2024", "year", "END")),
    ("the first quarter", timex("2024-Q1", "quarter")),
    # beyond the brief's list
    ("Thursday, December 5", timex("2024-12-05", "day")),
    ("Dec. 5", timex("2024-12-05", "day")),
    ("5th of December", timex("2024-12-05", "day")),
    ("2024-12-05", timex("2024-12-05", "day")),
    ("December 10", timex("2024-12-10", "day")),  # a day just ahead is the coming one
    ("June 5", timex("2024-06-05", "day")),  # past by default: not after the reference
    ("December 31", timex("2024-12-31", "day")),
    ("January 10", timex("2024-01-10", "day")),  # 36 days ahead: beyond the window
    ("in December", timex("2024-12", "month")),  # the reference's own month is not "after" it
    ("last Thursday", timex("2024-11-28", "day")),
    ("next Thursday", timex("2024-12-12", "day")),
    ("Monday night", timex("2024-12-02", "day")),
    ("last night", timex("2024-12-04", "day")),
    ("a week ago", timex("2024-W48", "week")),
    ("three months ago", timex("2024-09", "month")),
    ("a year ago", timex("2023", "year")),
    ("4 sec ago", timex("2024-12-05", "day")),
    ("the weekend", timex("2024-W48", "week")),
    ("last weekend", timex("2024-W48", "week")),
    ("this weekend", timex("2024-W49", "week")),
    ("last June", timex("2024-06", "month")),
    ("next June", timex("2025-06", "month")),
    ("early June", timex("2024-06", "month", "START")),
    ("mid-June", timex("2024-06", "month", "MID")),
    ("later this month", timex("2024-12", "month", "END")),
    ("the end of last year", timex("2023", "year", "END")),
    ("the end of the year", timex("2024", "year", "END")),
    ("the first half of 2024", timex("2024", "year", "START")),
    ("the fourth quarter of 2023", timex("2023-Q4", "quarter")),
    ("the third quarter of last year", timex("2023-Q3", "quarter")),
    ("Q2 2021", timex("2021-Q2", "quarter")),
    ("last quarter", timex("2024-Q3", "quarter")),
    ("the '90s", timex("199", "decade")),
    ("the early 2000s", timex("200", "decade", "START")),
    ("since June", timex("2024-06", "month", "ON_OR_AFTER")),
    ("before 1994", timex("1994", "year", "BEFORE")),
    ("until next week", timex("2024-W50", "week", "ON_OR_BEFORE")),
    ("now", timex("PRESENT_REF", "ref")),
    ("the past few days", timex("PAST_REF", "ref")),
    ("in the past", timex("PAST_REF", "ref")),
    ("in the coming months", timex("FUTURE_REF", "ref")),
    ("Thursday’s", timex("2024-12-05", "day")),
]


@pytest.mark.parametrize(("expression", "expected"), REFERENCE_2024_12_05)
def test_resolves_against_a_thursday(expression: str, expected: Timex) -> None:
    assert resolve_time(expression, THURSDAY) == expected


OTHER_REFERENCES = [
    # ISO weeks across the year boundary: 2024-12-26 is in 2024-W52, 2025-01-02 in 2025-W01.
    ("last week", date(2025, 1, 2), timex("2024-W52", "week")),
    ("this week", date(2025, 1, 2), timex("2025-W01", "week")),
    ("this week", date(2024, 12, 30), timex("2025-W01", "week")),
    ("next week", date(2024, 12, 23), timex("2025-W01", "week")),
    ("last week", date(2021, 1, 8), timex("2020-W53", "week")),
    ("in December", date(2025, 1, 10), timex("2024-12", "month")),
    ("last month", date(2025, 1, 10), timex("2024-12", "month")),
    ("next month", date(2024, 12, 10), timex("2025-01", "month")),
    ("yesterday", date(2025, 1, 1), timex("2024-12-31", "day")),
    ("last year", date(2025, 1, 1), timex("2024", "year")),
    ("December 31", date(2025, 1, 1), timex("2024-12-31", "day")),
    ("the fourth quarter", date(2025, 1, 2), timex("2024-Q4", "quarter")),
    ("last quarter", date(2025, 1, 2), timex("2024-Q4", "quarter")),
    ("Saturday", date(2024, 9, 14), timex("2024-09-14", "day")),
    ("Friday", date(2024, 9, 14), timex("2024-09-13", "day")),
    ("in May", date(2024, 9, 14), timex("2024-05", "month")),
    ("in June", date(2024, 6, 2), timex("2024-06", "month")),
    ("last June", date(2024, 6, 2), timex("2023-06", "month")),
    ("February 29", date(2025, 3, 1), timex("2024-02-29", "day")),
    ("April 21", date(1997, 4, 13), timex("1997-04-21", "day")),
    ("May 20", date(1997, 4, 13), timex("1996-05-20", "day")),
    ("the '20s", date(2024, 12, 5), timex("202", "decade")),
    ("the '30s", date(2024, 12, 5), timex("193", "decade")),
]


@pytest.mark.parametrize(("expression", "reference", "expected"), OTHER_REFERENCES)
def test_resolves_against_other_references(
    expression: str, reference: date, expected: Timex
) -> None:
    assert resolve_time(expression, reference) == expected


FUTURE = [
    ("in June", timex("2025-06", "month")),
    ("on Monday", timex("2024-12-09", "day")),
    ("Thursday", timex("2024-12-05", "day")),
    ("December 10", timex("2024-12-10", "day")),
    ("December 5", timex("2024-12-05", "day")),
    ("November 27", timex("2025-11-27", "day")),
    ("the first quarter", timex("2025-Q1", "quarter")),
    ("the weekend", timex("2024-W49", "week")),
]


@pytest.mark.parametrize(("expression", "expected"), FUTURE)
def test_future_tense_points_forward(expression: str, expected: Timex) -> None:
    assert resolve_time(expression, THURSDAY, prefer="future") == expected


@pytest.mark.parametrize(
    "expression",
    ["last week", "in June", "Thursday", "yesterday", "November 27", "the first quarter",
     "two days ago", "earlier this year"],
)  # fmt: skip
def test_relative_expressions_need_a_reference(expression: str) -> None:
    assert resolve_time(expression, None) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("December 5, 2024", timex("2024-12-05", "day")),
        ("in 1994", timex("1994", "year")),
        ("February 2022", timex("2022-02", "month")),
        ("the 1990s", timex("199", "decade")),
        ("mid-2023", timex("2023", "year", "MID")),
        ("in recent weeks", timex("PAST_REF", "ref")),
    ],
)
def test_absolute_expressions_resolve_without_a_reference(expression: str, expected: Timex) -> None:
    assert resolve_time(expression, None) == expected


@pytest.mark.parametrize(
    "expression",
    [
        # durations and ages are not points in time
        "five hours", "more than five hours", "30-month", "the 70th anniversary",
        "nearly four years", "two days", "three months",
        # anaphoric: they need the story's timeline, not the article date
        "the previous day", "two days later", "the following week",
        # not times at all
        "57 members", "Soviet-era", "", "   ", "the year", "3000", "Middle East",
    ],
)  # fmt: skip
def test_non_points_resolve_to_none(expression: str) -> None:
    assert resolve_time(expression, THURSDAY) is None


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_deictic_days_and_weeks_follow_the_calendar(reference: date) -> None:
    assert resolve_time("today", reference) == timex(reference.isoformat(), "day")
    yesterday = (reference - timedelta(days=1)).isoformat()
    assert resolve_time("yesterday", reference) == timex(yesterday, "day")
    iso_year, iso_week, _ = (reference - timedelta(days=7)).isocalendar()
    assert resolve_time("last week", reference) == timex(f"{iso_year}-W{iso_week:02d}", "week")
    thursday = resolve_time("Thursday", reference)
    assert thursday is not None
    day = date.fromisoformat(thursday.value)
    assert day.weekday() == 3 and timedelta(0) <= reference - day < timedelta(days=7)
