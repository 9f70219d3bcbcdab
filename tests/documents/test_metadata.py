"""Dates, datelines, sign-offs and headlines read from the text."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.documents.metadata import (
    find_date,
    looks_like_headline,
    parse_date_line,
    parse_dateline,
    parse_record_date,
    parse_record_dateline,
    parse_signoff,
    split_glued_headline,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Updated 14 September 2024", date(2024, 9, 14)),
        ("December 5, 2024", date(2024, 12, 5)),
        ("Dec. 5, 2024", date(2024, 12, 5)),
        ("Xinhua | Updated: 2017-09-15 17:52", date(2017, 9, 15)),
        ("Friday, January 4, 2019", date(2019, 1, 4)),
        ("Updated 4 sec ago", None),
        ("on Thursday, December 5.", None),  # no year: no date
        ("February 30, 2024", None),  # not a calendar date
    ],
)
def test_find_date(text: str, expected: date | None) -> None:
    assert find_date(text) == expected


def test_a_date_line_is_only_a_date() -> None:
    assert parse_date_line("Friday, January 4, 2019 ") == date(2019, 1, 4)
    assert parse_date_line("Published 2 March 2020 10:15 GMT") == date(2020, 3, 2)
    assert parse_date_line("The talks of December 5, 2024 failed") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2017-09-15T00:00:00", date(2017, 9, 15)),
        ("1997-04-01", date(1997, 4, 1)),
        ("5 December 2024", date(2024, 12, 5)),
        ("", None),
        (None, None),
        ("soon", None),
        (20240101, None),
    ],
)
def test_record_dates(value: object, expected: date | None) -> None:
    assert parse_record_date(value) == expected


def test_headline_glued_to_its_date() -> None:
    glued = split_glued_headline(
        "Ukraine updates: Russia, N. Korea defense pact takes effectDecember 5, 2024"
    )
    assert glued is not None
    assert glued.headline == "Ukraine updates: Russia, N. Korea defense pact takes effect"
    assert glued.published == date(2024, 12, 5)
    separated = split_glued_headline("Talks resume in Doha | 3 March 2023")
    assert separated is not None and separated.headline == "Talks resume in Doha"
    assert split_glued_headline("No date in this headline") is None


@pytest.mark.parametrize(
    ("line", "place", "agency"),
    [
        ("SEOUL: North Korean leader Kim Jong Un pledged", "SEOUL", None),
        ("BERLIN/KYIV: President Volodymyr Zelensky offered", "BERLIN/KYIV", None),
        ("KUALA LUMPUR, April 1 (AFP) - Malaysian share prices dipped", "KUALA LUMPUR", "AFP"),
        ("UNITED NATIONS, Dec. 3 (Xinhua) -- The council met", "UNITED NATIONS", "Xinhua"),
        ("BEIJING -- China on Friday said", "BEIJING", None),
        ("WASHINGTON (Reuters) - The Senate voted", "WASHINGTON", "Reuters"),
        ("LAKE FOREST, Ill. (AP) Chicago Bears fire coach", "LAKE FOREST, Ill.", "AP"),
        ("PASADENA, Calif. — Floral floats rolled", "PASADENA, Calif.", None),
    ],
)
def test_datelines(line: str, place: str, agency: str | None) -> None:
    dateline = parse_dateline(line)
    assert dateline is not None
    assert (dateline.place, dateline.agency) == (place, agency)
    assert not line[dateline.length :].startswith((" ", ":", "-"))


@pytest.mark.parametrize(
    "line",
    [
        "DEMOCRATS WIN CONTROL OF SENATE: AP",  # a flash, not a place
        "FLASH: DEMOCRATS GAIN NECESSARY NET SEATS",
        "US: the talks",  # two letters
        "‘CRITICAL MOMENT’",
        "Malaysian share prices dipped",
        "UPDATE: talks resume",
    ],
)
def test_not_datelines(line: str) -> None:
    assert parse_dateline(line) is None


def test_record_dateline_of_gigaword() -> None:
    dateline = parse_record_dateline("KUALA LUMPUR, April 1 , 1997 (AFP)")
    assert dateline is not None
    assert (dateline.place, dateline.agency) == ("KUALA LUMPUR", "AFP")


@pytest.mark.parametrize(
    ("line", "credits"),
    [
        ("sri/rc (AFP, AP, dpa, Reuters)", ("AFP", "AP", "dpa", "Reuters")),
        ("jsi/sms (Reuters, AP)", ("Reuters", "AP")),
        ("(Reuters)", ("Reuters",)),
        ("— AFP", ("AFP",)),
        ("(The story was corrected.)", None),
        ("(Talks continue)", None),
        ("He said it was over.", None),
    ],
)
def test_signoffs(line: str, credits: tuple[str, ...] | None) -> None:
    assert parse_signoff(line) == credits


def test_headline_shape() -> None:
    assert looks_like_headline("North Korea pledges deeper ties with Russia")
    assert not looks_like_headline("The talks ended on Friday.")
    assert not looks_like_headline("x" * 300)
    assert not looks_like_headline("SEOUL: North Korea fired a missile")
