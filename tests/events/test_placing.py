"""Where an event happened (events/placing.py): a place is named as the scene, not as a
nationality, part of a name, someone's home or another clause's setting (paraphrased from the
Gigaword and Wikinews 2019 events placed wrongly before)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from eventwire.events.model import Event
from tests.events.coding import coded_events


def _events(nlp: Language, text: str) -> list[Event]:
    return coded_events(nlp, text, date(2006, 12, 14))


def _places(nlp: Language, text: str, category: str | None = None) -> set[str | None]:
    """The places of the events coded in ``text`` (of one category when given)."""
    events = [e for e in _events(nlp, text) if category in (None, e.plover.category)]
    assert events, f"no {category or ''} event coded in {text!r}"
    return {e.location.text if e.location else None for e in events}


@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a nationality names the victim, not the ground
        ("Two French policemen were found guilty on Thursday of raping a Canadian tourist.", None),
        ("Germany on Monday banned Iranian airline Mahan Air from its airports.", "COERCE"),
        # a country modifying the target's noun ("a U.S. vessel") is no ground either
        ("Records showed that a Japanese bomber had attacked a U.S. vessel.", "ASSAULT"),
    ],
)
def test_a_nationality_or_modifier_does_not_place_an_act_in_the_targets_country(
    nlp: Language, text: str, category: str | None
) -> None:
    assert _places(nlp, text, category) == {None}


def test_a_material_act_is_placed_in_the_targets_country_named_as_where(nlp: Language) -> None:
    text = "British soldiers raped Kenyan women while on training missions in Kenya, a probe found."
    assert _places(nlp, text, "ASSAULT") == {"Kenya"}


def test_a_state_named_as_the_target_is_still_the_ground(nlp: Language) -> None:
    assert _places(nlp, "Israeli jets struck Lebanon on Tuesday.", "ASSAULT") == {"Lebanon"}


@pytest.mark.parametrize(
    ("text", "category", "wrong"),
    [
        # a home town: "X of Kobe", "a bomber from Jenin"
        (
            "Israeli troops are pressing on with their operation against militants after a"
            " suicide bomber from Jenin killed five Israelis.",
            None,
            "Jenin",
        ),
        # part of a name
        (
            "Newcastle United manager Graeme Souness warned his players that Chelsea would"
            " recover.",
            None,
            "Newcastle",
        ),
        # another clause's setting
        (
            "When the president visited Tokyo, the two leaders agreed to study closer defence"
            " ties, while they endorsed plans to cut land used by US forces in Okinawa.",
            "AGREE",
            "Okinawa",
        ),
    ],
)
def test_a_place_that_is_no_scene_does_not_place_the_event(
    nlp: Language, text: str, category: str | None, wrong: str
) -> None:
    assert wrong not in _places(nlp, text, category)


def test_a_town_in_the_clause_above_the_act_still_places_it(nlp: Language) -> None:
    text = "Police in Hebron said settlers attacked a Palestinian farmer."
    assert _places(nlp, text, "ASSAULT") == {"Hebron"}


def test_a_town_modifying_a_seat_still_places_the_act(nlp: Language) -> None:
    text = "A gunman shot shoppers at a store in the border city of El Paso on Saturday."
    assert _places(nlp, text, "ASSAULT") == {"El Paso"}


@pytest.mark.parametrize(
    ("text", "category", "place"),
    [
        # the town of the venue where the act was ("at a hall in London")
        (
            "On Friday a man stabbed several people at a guild hall in London with a knife.",
            "ASSAULT",
            "London",
        ),
        # the meeting partner's "in" phrase, as the small model hangs it
        (
            "The rebels met on Monday with Ali Hassan, an American envoy, in Qatar.",
            "CONSULT",
            "Qatar",
        ),
        # the agent of a passive
        (
            "The militia leader was killed by French special forces in Mali in 2004.",
            "ASSAULT",
            "Mali",
        ),
    ],
)
def test_a_place_on_the_venue_partner_or_agent_places_the_act(
    nlp: Language, text: str, category: str, place: str
) -> None:
    assert _places(nlp, text, category) == {place}
