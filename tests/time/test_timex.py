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
    ("Monday night", timex("2024-12-02TNI", "time")),
    ("last night", timex("2024-12-04TNI", "time")),
    ("a week ago", timex("2024-W48", "week")),
    ("three months ago", timex("2024-09", "month")),
    ("a year ago", timex("2023", "year")),
    ("4 sec ago", timex("2024-12-05", "day")),
    ("the weekend", timex("2024-W48-WE", "week")),
    ("last weekend", timex("2024-W48-WE", "week")),
    ("this weekend", timex("2024-W49-WE", "week")),
    ("last June", timex("2024-06", "month")),
    ("next June", timex("2025-06", "month")),
    ("early June", timex("2024-06", "month", "START")),
    ("mid-June", timex("2024-06", "month", "MID")),
    ("later this month", timex("2024-12", "month", "END")),
    ("the end of last year", timex("2023", "year", "END")),
    ("the end of the year", timex("2024", "year", "END")),
    ("the first half of 2024", timex("2024-H1", "half")),
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
    assert resolve_time(expression, THURSDAY, "past") == expected


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
    assert resolve_time(expression, reference, "past") == expected


FUTURE = [
    ("in June", timex("2025-06", "month")),
    ("on Monday", timex("2024-12-09", "day")),
    ("Thursday", timex("2024-12-05", "day")),
    ("December 10", timex("2024-12-10", "day")),
    ("December 5", timex("2024-12-05", "day")),
    ("November 27", timex("2025-11-27", "day")),
    ("the first quarter", timex("2025-Q1", "quarter")),
    ("the weekend", timex("2024-W49-WE", "week")),
]


@pytest.mark.parametrize(("expression", "expected"), FUTURE)
def test_future_tense_points_forward(expression: str, expected: Timex) -> None:
    assert resolve_time(expression, THURSDAY, prefer="future") == expected


@pytest.mark.parametrize(
    "expression",
    ["last week", "last June", "next Thursday", "yesterday", "two days ago", "earlier this year",
     "last summer", "Easter", "June last year"],
)  # fmt: skip
def test_relative_expressions_need_a_reference(expression: str) -> None:
    assert resolve_time(expression, None) is None


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("in June", timex("XXXX-06", "month")),
        ("Thursday", timex("XXXX-WXX-4", "day")),
        ("Friday night", timex("XXXX-WXX-5TNI", "time")),
        ("November 27", timex("XXXX-11-27", "day")),
        ("the first quarter", timex("XXXX-Q1", "quarter")),
        ("the second half", timex("XXXX-H2", "half")),
        ("summer", timex("XXXX-SU", "season")),
        ("Christmas", timex("XXXX-12-25", "day")),
        ("since June", timex("XXXX-06", "month", "ON_OR_AFTER")),
    ],
)
def test_calendar_names_without_a_reference_are_underspecified(
    expression: str, expected: Timex
) -> None:
    """Issue 14: TimeML's underspecified values where the year cannot be known."""
    assert resolve_time(expression, None) == expected


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
    thursday = resolve_time("Thursday", reference, "past")
    assert thursday is not None
    day = date.fromisoformat(thursday.value)
    assert day.weekday() == 3 and timedelta(0) <= reference - day < timedelta(days=7)


# --- issue 14: the rest of TIMEX3 for dates, tense, clock times ---------------------------------

TIMEX3_KINDS = [
    # quarters, halves and fiscal years
    ("third-quarter", date(1989, 10, 26), timex("1989-Q3", "quarter")),
    ("this year's third quarter", date(1989, 10, 26), timex("1989-Q3", "quarter")),
    ("the year-ago quarter", date(1989, 11, 1), timex("1988-Q3", "quarter")),
    ("the latest quarter", date(1989, 11, 1), timex("1989-Q3", "quarter")),
    ("the second half of 1998", date(1999, 3, 1), timex("1998-H2", "half")),
    ("the first half", date(1998, 2, 10), timex("1998-H1", "half")),
    ("fiscal 1989", date(1989, 11, 2), timex("1989", "year")),
    ("the current fiscal year", date(1989, 11, 2), timex("1989", "year")),
    # seasons
    ("this fall", date(1989, 10, 30), timex("1989-FA", "season")),
    ("last fall", date(1999, 5, 7), timex("1998-FA", "season")),
    ("this summer", date(1989, 11, 1), timex("1989-SU", "season")),
    ("last winter", date(1999, 5, 7), timex("1998-WI", "season")),
    ("the winter of nineteen ninety-four", date(1998, 2, 23), timex("1994-WI", "season")),
    # decades, centuries, spelled-out years
    ("the nineties", date(1998, 3, 3), timex("199", "decade")),
    ("the 11th century", date(1998, 2, 19), timex("10", "century")),
    ("the twentieth century", date(1998, 2, 19), timex("19", "century")),
    ("nineteen ninety-six", date(1998, 2, 27), timex("1996", "year")),
    ("the year two thousand", date(1998, 2, 5), timex("2000", "year")),
    ("January nineteen ninety-seven", date(1998, 2, 27), timex("1997-01", "month")),
    # holidays
    ("Thanksgiving Day", date(2000, 1, 6), timex("1999-11-25", "day")),
    ("Christmas 2023", date(2024, 12, 5), timex("2023-12-25", "day")),
    ("Easter", date(2024, 5, 1), timex("2024-03-31", "day")),
    # counted back from the report date
    ("a year earlier", date(1989, 10, 26), timex("1988", "year")),
    ("year-ago", date(1989, 11, 1), timex("1988", "year")),
    ("almost four years ago", date(1999, 3, 12), timex("1995", "year", "LESS_THAN")),
    ("the past year", date(1998, 3, 3), timex("1997", "year")),
    # weeks, weekdays with a part of the day or a clock time
    ("the week of March 6", date(2000, 2, 24), timex("2000-W10", "week")),
    ("Wednesday night", date(2000, 2, 16), timex("2000-02-16TNI", "time")),
    ("9 a.m. Tuesday", date(2000, 4, 3), timex("2000-04-04T09:00", "time")),
    ("this coming Sunday, March eighth", date(1998, 3, 5), timex("1998-03-08", "day")),
    # months with a relative year, positions, open ranges
    ("June last year", date(1998, 2, 19), timex("1997-06", "month")),
    ("December 23 last year", date(2024, 12, 5), timex("2023-12-23", "day")),
    ("31 February", date(2024, 12, 5), None),
    ("January this year", date(1998, 2, 19), timex("1998-01", "month")),
    ("the middle of October", date(1998, 2, 23), timex("1997-10", "month", "MID")),
    ("year's end", date(1989, 10, 26), timex("1989", "year", "END")),
    ("post-1959", date(2000, 2, 24), timex("1959", "year", "AFTER")),
    ("1994 or later", date(1989, 10, 30), timex("1994", "year", "ON_OR_AFTER")),
    # vague references
    ("current", date(1989, 10, 27), timex("PRESENT_REF", "ref")),
    ("recent", date(1989, 10, 27), timex("PAST_REF", "ref")),
    ("more recently", date(1998, 3, 3), timex("PAST_REF", "ref")),
    ("the near term", date(1989, 10, 30), timex("FUTURE_REF", "ref")),
    ("the short term", date(1989, 10, 30), timex("FUTURE_REF", "ref")),
]


@pytest.mark.parametrize(("expression", "reference", "expected"), TIMEX3_KINDS)
def test_the_rest_of_timex3_for_dates(
    expression: str, reference: date, expected: Timex | None
) -> None:
    assert resolve_time(expression, reference) == expected


@pytest.mark.parametrize(
    ("expression", "tense", "expected"),
    [
        # the example: a bare "Dec. 15" in an October story
        ("Dec. 15", "future", "1989-12-15"),
        ("Dec. 15", "past", "1988-12-15"),
        ("Dec. 15", None, "1989-12-15"),  # no tense: the nearest (six weeks ahead, ten back)
        ("in June", "future", "1990-06"),
        ("in June", "past", "1989-06"),
        ("in June", "present", "1989-06"),  # four months back beats eight ahead
        ("February", None, "1990-02"),  # four ahead beats eight back
        ("the third quarter", "future", "1990-Q3"),
        ("the third quarter", None, "1989-Q3"),
        ("Friday", "future", "1989-11-03"),
        ("Friday", None, "1989-10-27"),  # a bare weekday is the past one ...
        ("Wednesday", None, "1989-11-01"),  # ... unless it is tomorrow
        ("summer", "future", "1990-SU"),
        ("summer", "past", "1989-SU"),
    ],
)
def test_the_clause_tense_chooses_the_direction(
    expression: str, tense: str | None, expected: str
) -> None:
    found = resolve_time(expression, date(1989, 10, 31), tense)  # type: ignore[arg-type]
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1625 UTC", "2024-12-05T16:25"),
        ("at 1922 GMT", "2024-12-05T19:22"),
        ("(1625 UTC)", "2024-12-05T16:25"),
        ("0830 hours", "2024-12-05T08:30"),
        ("10:30 a.m.", "2024-12-05T10:30"),
        ("9 pm", "2024-12-05T21:00"),
        ("noon", "2024-12-05T12:00"),
        ("Monday at 10:30", "2024-12-02T10:30"),
        ("December 3, 1922 GMT", "2024-12-03T19:22"),
    ],
)
def test_clock_times_are_times_never_years(expression: str, expected: str) -> None:
    found = resolve_time(expression, THURSDAY)
    assert found == timex(expected, "time")


def test_a_clock_time_needs_a_day() -> None:
    assert resolve_time("1625 UTC", None) is None


@settings(max_examples=300, deadline=None)
@given(
    st.text(max_size=60),
    st.one_of(st.none(), st.dates(), st.sampled_from([date(1, 1, 1), date(9999, 12, 31)])),
    st.sampled_from([None, "past", "present", "future"]),
)
def test_resolve_time_never_raises(expression: str, reference: date | None, tense: str) -> None:
    found = resolve_time(expression, reference, tense)  # type: ignore[arg-type]
    assert found is None or isinstance(found, Timex)


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(
        ["tomorrow", "yesterday", "next week", "last week", "next year", "last year", "Dec. 15",
         "in June", "Christmas", "the weekend", "the 1990s", "two days ago", "next Friday",
         "last fall", "the first half", "next century", "the year-ago quarter", "1625 UTC",
         "February 29", "the '90s", "this week"]
    ),
    st.sampled_from([date(1, 1, 1), date(1, 1, 7), date(9999, 12, 31), date(9999, 12, 25)]),
    st.sampled_from([None, "past", "future"]),
)  # fmt: skip
def test_resolve_time_never_raises_at_the_ends_of_the_calendar(
    expression: str, reference: date, tense: str | None
) -> None:
    found = resolve_time(expression, reference, tense)  # type: ignore[arg-type]
    assert found is None or isinstance(found, Timex)


@pytest.mark.parametrize(
    ("value", "first", "last", "shown"),
    [
        ("2024-W48-WE", date(2024, 11, 30), date(2024, 12, 1), "2024-W48-WE"),
        ("1998-H2", date(1998, 7, 1), date(1998, 12, 31), "1998-H2"),
        ("1998-WI", date(1998, 12, 1), date(1999, 2, 28), "1998-WI"),
        ("1998-SU", date(1998, 6, 1), date(1998, 8, 31), "1998-SU"),
        ("19", date(1900, 1, 1), date(1999, 12, 31), "1900s"),
        ("199", date(1990, 1, 1), date(1999, 12, 31), "1990s"),
        ("2024-02-29TNI", date(2024, 2, 29), date(2024, 2, 29), "2024-02-29 night"),
        ("2024-12-05T16:25", date(2024, 12, 5), date(2024, 12, 5), "2024-12-05 16:25"),
        ("2023", date(2023, 1, 1), date(2023, 12, 31), "2023"),
        ("2024-06", date(2024, 6, 1), date(2024, 6, 30), "2024-06"),
    ],
)
def test_new_values_read_back_as_intervals_and_keep_their_granularity(
    value: str, first: date, last: date, shown: str
) -> None:
    from eventwire.time import format_event_date
    from eventwire.time.intervals import timex_interval

    assert timex_interval(value) == (first, last)
    assert format_event_date(value, None) == shown
