"""A document's time expressions resolved in order against what the story named before them
(issue 14, sixth round: anaphoric expressions and year-ago comparisons). The sequences
paraphrase the TimeBank studied cases."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.time import resolve_time
from eventwire.time.story import StoryTime


def walk(reference: date, *expressions: str) -> list[str | None]:
    story = StoryTime(reference)
    return [t.value if (t := story.resolve(e)) is not None else None for e in expressions]


@pytest.mark.parametrize(
    ("reference", "expressions", "expected"),
    [
        # a year-ago comparison right after the quarter it compares: that quarter, a year before
        (date(1989, 10, 30), ["third-quarter", "a year ago"], ["1989-Q3", "1988-Q3"]),
        (date(1989, 10, 26), ["third quarter", "year-earlier"], ["1989-Q3", "1988-Q3"]),
        # ... compared with the reported quarter, not with the comparison before it
        (
            date(1989, 11, 1),
            ["third-quarter", "Sept. 30", "the year-ago quarter", "year-ago"],
            ["1989-Q3", "1989-09-30", "1988-Q3", "1988-Q3"],
        ),
        # ... and not after anything else: "a year ago" after a day is the year before
        (date(1989, 11, 1), ["the third quarter", "yesterday", "a year ago"],
         ["1989-Q3", "1989-10-31", "1988"]),
        # the story's next or previous unit
        (date(1998, 4, 18), ["May 22, 1995", "the following year"], ["1995-05-22", "1996"]),
        (date(1989, 10, 27), ["March", "The following month"], ["1989-03", "1989-04"]),
        (date(1999, 3, 12), ["March 3", "two days later"], ["1999-03-03", "1999-03-05"]),
        (date(1999, 3, 12), ["2014", "the previous year"], ["2014", "2013"]),
        # "then", "that quarter", "the latest period": the time or quarter just named
        (date(1989, 10, 30), ["Nov. 30", "recently", "then"], ["1989-11-30", "PAST_REF",
                                                             "1989-11-30"]),
        (date(1989, 11, 1), ["third-quarter", "the quarter"], ["1989-Q3", "1989-Q3"]),
        (date(1989, 11, 1), ["the third quarter", "a year ago", "The latest period"],
         ["1989-Q3", "1988-Q3", "1989-Q3"]),
        # a unit finer than the time named does not follow from it
        (date(1999, 3, 12), ["2014", "the next day"], ["2014", None]),
        # "next year" without "the" counts from the article date, whatever came before
        (date(1999, 3, 12), ["2014", "next year"], ["2014", "2000"]),
    ],
)  # fmt: skip
def test_the_story_resolves_anaphoric_expressions(
    reference: date, expressions: list[str], expected: list[str | None]
) -> None:
    assert walk(reference, *expressions) == expected


def test_the_latest_period_with_no_quarter_named_is_the_last_completed_quarter() -> None:
    assert walk(date(1989, 11, 2), "Oct. 1", "the latest period") == ["1989-10-01", "1989-Q3"]


def test_without_a_story_anaphoric_expressions_do_not_resolve() -> None:
    assert walk(date(1999, 3, 12), "the following year", "then", "two days later") == [
        None,
        None,
        None,
    ]


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("the day before last Tuesday", "2000-02-21"),  # TimeBank: said on Thursday 2000-02-24
        ("the day after Christmas", "1999-12-26"),
        ("once", "PAST_REF"),  # "once a thriving port"
    ],
)
def test_days_beside_a_named_day_and_once(expression: str, expected: str) -> None:
    found = resolve_time(expression, date(2000, 2, 24))
    assert found is not None and found.value == expected
