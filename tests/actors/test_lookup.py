"""Actors named on the command line (issue 16): names through the knowledge base, codes kept,
near misses suggested, capitals read as names unless they spell a code."""

from __future__ import annotations

import pytest

from eventwire.actors.lookup import UnknownActor, actor_key, country_code


@pytest.mark.parametrize(
    ("given", "key"),
    [
        ("Russia", "RUS"),
        ("RUS", "RUS"),
        ("russia", "RUS"),
        ("RUSSIA", "RUS"),  # not the code RUS + "SIA"
        ("North Korea", "PRK"),
        ("Kim Jong Un", "person/kim-jong-un"),
        ("NATO", "IGO-NATO"),
        ("the Kremlin", "RUSGOV"),
        ("RUSGOV", "RUSGOV"),
        ("rusgov", "RUSGOV"),
        ("USAMILSPY", "USAMILSPY"),
        ("IGOWSTNAT", "IGOWSTNAT"),
        ("person/vladimir-putin", "person/vladimir-putin"),
    ],
)
def test_names_and_codes_give_the_key_events_are_matched_on(given: str, key: str) -> None:
    assert actor_key(given).key == key


@pytest.mark.parametrize(
    ("given", "hint"),
    [
        ("Rusia", "did you mean Russia"),
        ("Nort Korea", "did you mean North Korea"),
        ("Kim Jong Uhn", "did you mean Kim Jong Un"),
        ("RUSFOO", ""),
        ("XYZGOV", ""),
        ("  ", ""),
    ],
)
def test_unknown_actors_are_errors_naming_the_value(given: str, hint: str) -> None:
    with pytest.raises(UnknownActor) as error:
        actor_key(given)
    assert hint in str(error.value)
    if given.strip():
        assert repr(given) in str(error.value)


def test_countries_by_name_or_code() -> None:
    assert [country_code(n) for n in ("Estonia", "est", "EST", "Kim Jong Un")] == [
        "EST",
        "EST",
        "EST",
        "PRK",
    ]
    with pytest.raises(UnknownActor, match="not a country"):
        country_code("NATO")
