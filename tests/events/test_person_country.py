"""Issue 13, seventh round: a person the knowledge base does not know takes the country the
article says is theirs (``events.sides.story.described_country``) before the country of the
place the sentence happens in. Every sentence is written for these tests, after the classes of
the wrong-country sides read on Gigaword (a foreign party leader received in a capital, a
foreign agent met in London, a negotiator quoted at a Tokyo airport)."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from eventwire.events.model import ActorRef
from eventwire.events.sides.story import described_country

from .coding import coded_doc
from .test_story import coded


def sides(nlp: Language, text: str) -> set[tuple[str | None, str | None]]:
    """(source code, target country) of each event: the target's country is what is tested."""
    return {(s, t and t[:3]) for s, _, t, _ in coded(nlp, text, date(2008, 6, 3))}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the nationality in the person's own noun phrase beats the sentence's place
        (
            "Russian President Vladimir Putin met Belarusian opposition party leader Anatoly"
            " Lebedzko in Moscow on Tuesday.",
            ("RUSGOV", "BLR"),
        ),
        # what an earlier sentence said of the person beats the later sentence's place
        (
            "Nigerian opposition activist Tunde Okafemi arrived in London on Sunday. British"
            " police questioned Okafemi at the airport.",
            ("GBRCOP", "NGA"),
        ),
        # an apposition of an earlier mention
        (
            "Gregor Falkenrath, a German businessman, was seized in Manila last week. Philippine"
            " troops freed Falkenrath on Friday.",
            ("PHLMIL", "DEU"),
        ),
    ],
)
def test_a_person_keeps_the_country_the_article_gives_them(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    assert expected in sides(nlp, text)


def test_a_person_with_no_description_still_takes_the_scenes_country(nlp: Language) -> None:
    found = sides(nlp, "Kenyan police questioned Otieno Barasa in Nairobi on Sunday.")
    assert ("KENCOP", "KEN") in found


def test_two_countries_said_of_a_person_place_them_in_neither(nlp: Language) -> None:
    # a description naming two states says nothing of the person's own
    doc = coded_doc(
        nlp, "The Polish and Belarusian activist Andrei Sannikov spoke in Warsaw.", date(2008, 6, 3)
    )
    name = next(e for e in doc.ents if e.label_ == "PERSON")
    ref = ActorRef(name.text, name.start_char, name.end_char, *(None,) * 5)
    assert described_country(doc, ref) is None
    single = coded_doc(
        nlp, "The Belarusian activist Andrei Sannikov spoke in Warsaw.", date(2008, 6, 3)
    )
    name = next(e for e in single.ents if e.label_ == "PERSON")
    ref = ActorRef(name.text, name.start_char, name.end_char, *(None,) * 5)
    assert described_country(single, ref) == "BLR"


def test_the_organ_a_leader_orders_is_his_own_states(nlp: Language) -> None:
    # not the country of the place where it is ordered to act
    text = (
        "Turkish President Abdullah Gul ordered the army on Monday to resume air strikes on"
        " rebel camps in Iraq."
    )
    found = {(s, t) for s, _, t, _ in coded(nlp, text, date(2008, 6, 3))}
    assert ("TURGOV", "TURMIL") in found or ("TUR", "TURMIL") in found
    assert not any(t and t.startswith("IRQ") and s and s.startswith("TUR") for s, t in found)
    assert any(s == "TURMIL" for s, _ in found)  # the same army strikes in the order's clause


def test_foreign_forces_are_not_placed_in_the_scenes_country(nlp: Language) -> None:
    text = (
        "The Iranian foreign ministry said on Monday that foreign naval forces must leave the"
        " waters of Iran."
    )
    found = sides(nlp, text)
    assert found
    assert not any(t == "IRN" for s, t in found if s and s.startswith("IRN"))


def test_a_foreign_minister_is_his_own_states(nlp: Language) -> None:
    text = (
        "Turkish Prime Minister Bulent Ecevit and Foreign Minister Ismail Cem began talks with"
        " the visiting Greek delegation in Ankara on Tuesday."
    )
    found = [(s, t) for s, _, t, _ in coded(nlp, text, date(2000, 6, 3))]
    assert found.count(("TURGOV", "GRCGOV")) == 2  # both ministers, the second placed


@pytest.mark.parametrize(
    ("text", "source"),
    [
        # one state's institution named for another state: that state's, same sector
        ("The Philippine Congress condemned the bombing of the embassy.", "PHLLEG"),
        ("Nigeria's Congress condemned the raid by the rebels.", "NGALEG"),
        ("The Colombian Congress condemned the raid by the rebels.", "COLLEG"),
        # bare, or named for its own state, it stays the US Congress
        ("Congress condemned the raid by the rebels.", "USALEG"),
        ("The US Congress condemned the raid by the rebels.", "USALEG"),
    ],
)
def test_an_institution_named_for_another_state_is_that_states(
    nlp: Language, text: str, source: str
) -> None:
    assert source in {s for s, _ in sides(nlp, text)}
