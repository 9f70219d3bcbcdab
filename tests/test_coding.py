"""The `code` contract's input validation (the coder itself is tested in tests/events)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from eventwire.coding import CodeRequest, LineRejected, parse_request


def line(**record: object) -> str:
    return json.dumps(record)


def test_valid_line_with_marked_actors() -> None:
    text = "Russia and Russia's ally North Korea signed a treaty."
    request = parse_request(
        1,
        line(
            id="x",
            text=text,
            date="2024-12-05",
            source="Russia",
            source_start=0,
            target="North Korea",
        ),
    )
    assert isinstance(request, CodeRequest)
    assert request.date == date(2024, 12, 5)
    assert request.source == (0, 6)
    assert request.target is not None and text[slice(*request.target)] == "North Korea"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("{not json", "malformed JSON"),
        ("[1, 2]", "JSON object"),
        (line(text="no id"), "'id' is required"),
        (line(id=3, text="numeric id"), "'id' is required and must be a string"),
        (line(id="a"), "'text' is required"),
        (line(id="a", text="   "), "'text' is empty"),
        (line(id="a", text="t", date="05/12/2024"), "'date' must be YYYY-MM-DD"),
        (line(id="a", text="t", date="2024-02-30"), "'date' must be YYYY-MM-DD"),
        (line(id="a", text="US and UK", source="US"), "given together"),
        (line(id="a", text="US and UK", source="US", target="France"), "does not occur"),
        (line(id="a", text="US, UK and US", source="US", target="UK"), "more than once"),
        (
            line(id="a", text="US and UK", source="US", source_start=3, target="UK"),
            "at source_start=3",
        ),
    ],
)
def test_bad_lines_are_rejected_with_a_reason(raw: str, reason: str) -> None:
    result = parse_request(7, raw)
    assert isinstance(result, LineRejected)
    assert result.line == 7
    assert reason in result.reason
    assert result.to_json()["line"] == 7
