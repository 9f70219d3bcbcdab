"""Issue 5, fifth round: the constructions and lexicon entries added for end-to-end dyad recall
(parts and unlisted names of places acted upon, "rebel-held", "allow X to …", the purpose of
aid, authors of rejected calls, the state of an agentless arrest, …). Every sentence is written
for these tests; named actors are set by the ``annotate`` fixture."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from eventwire.events.coder import EventCoder, load_registered_lexicon

from .test_coder_regressions import ACTORS, triples
from .test_coder_unnamed import events, sides


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_registered_lexicon("eventwire.lexicon.default.v1"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a part of a place, and a named region the dictionary lacks, acted upon
        ("Russia imposed a curfew in parts of Ukraine.", ("Russia", "COERCE", "Ukraine")),
        ("Russia imposed a curfew in Kashmir.", ("Russia", "COERCE", "Kashmir")),
        # ground held by an actor stands for it, though the tokenizer splits "rebel-held"
        ("Russia shelled the rebel-held enclave.", ("Russia", "ASSAULT", "the rebel-held enclave")),
        # the one allowed to act, parsed as the subject of the infinitive
        (
            "Iran allowed the Philippines to open an embassy.",
            ("Iran", "CONCEDE", "the Philippines"),
        ),
        # the author of a call or decision named in a compound
        ("Iran rejected the NATO proposal.", ("Iran", "REJECT", "NATO")),
        # refuting someone's words
        ("Germany refuted Lavrov's comments.", ("Germany", "REJECT", "Lavrov")),
        # a court dismissing a suit rejects its author
        ("The court dismissed the lawsuit filed by Erdogan.", ("The court", "REJECT", "Erdogan")),
        # closing a border with a neighbour
        ("Iran closed its borders with Pakistan.", ("Iran", "COERCE", "Pakistan")),
        # the recipient of approval "for X to …"
        ("Germany gave approval for France to deliver aid.", ("Germany", "CONCEDE", "France")),
        # granting an order another party sought accedes to it
        ("The judge granted an order sought by Erdogan.", ("The judge", "CONCEDE", "Erdogan")),
        # suspending links with someone
        ("France announced a suspension of air links with Iran.", ("France", "SANCTION", "Iran")),
        # an agentless arrest in a state: the state arrests
        ("The journalist was arrested in Iran.", ("Iran", "COERCE", "The journalist")),
        # an object pronoun is not its own verb's subject; the antecedent shows its words
        ("Erdogan was released after Lavrov pardoned him.", ("Lavrov", "CONCEDE", "Erdogan")),
        # a complaint filed with a court against X accuses X
        (
            "Erdogan filed a complaint with the court on Sunday against Lavrov.",
            ("Erdogan", "ACCUSE", "Lavrov"),
        ),
        # recognising X's independence recognises X
        ("Russia recognized Cuba's independence from France.", ("Russia", "SUPPORT", "Cuba")),
        # seeking refuge in a country asks it for protection
        ("Lavrov sought refuge in Germany.", ("Lavrov", "REQUEST", "Germany")),
        # peacekeepers withdrawn from a place
        (
            "NATO withdrew peacekeepers from the Golan Heights.",
            ("NATO", "SANCTION", "the Golan Heights"),
        ),
    ],
)
def test_fifth_round_sides(
    coder: EventCoder,
    annotate: Callable[..., Doc],
    text: str,
    expected: tuple[str, str, str],
) -> None:
    found = events(coder, annotate, text)
    assert expected in sides(found), sides(found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # aid given for a purpose served in a place
        ("Germany gave 300 million euros to promote development in Cuba.", ("DEU", "AID", "CUB")),
        # joining a peacekeeping operation in a place
        ("Russian troops participate in peacekeeping operations in Cuba.", ("RUS", "AID", "CUB")),
        # the place on the object's adjective
        (
            "Russia declared a ceasefire effective from Sunday in Ukraine.",
            ("RUS", "RETREAT", "UKR"),
        ),
        # a refused permission keeps its party (the refusal is the modality)
        # a refused concession is the refusal (issue 13)
        ("Russia refused to allow France to land flights.", ("RUS", "REJECT", "FRA")),
    ],
)
def test_fifth_round_named_sides(
    coder: EventCoder,
    annotate: Callable[..., Doc],
    text: str,
    expected: tuple[str, str, str],
) -> None:
    found = events(coder, annotate, text)
    assert any(t[:3] == expected for t in triples(found)), triples(found)


@pytest.mark.parametrize(
    ("text", "unexpected"),
    [
        # an unlisted region is a party only where an act is done to a place
        ("Russia met France in Kashmir.", "Kashmir"),
        # an arrest by a named agent is that agent's, not the place's
        ("The journalist was arrested in Iran by the rebels.", "Iran"),
        # a killing is not only a state's act
        ("The journalist was killed in Iran.", "Iran"),
        # what a country becomes independent from is not recognised
        ("Russia recognized Cuba's independence from France.", "France"),
        # a court is where a complaint is filed, not whom it accuses
        ("Erdogan filed a complaint with the court on Sunday against Lavrov.", "the court"),
    ],
)
def test_what_the_fifth_round_does_not_code(
    coder: EventCoder, annotate: Callable[..., Doc], text: str, unexpected: str
) -> None:
    found = events(coder, annotate, text)
    assert all(unexpected not in (s, t) for s, _c, t in sides(found)), sides(found)


def test_the_place_of_a_state_phrase(coder: EventCoder, annotate: Callable[..., Doc]) -> None:
    # "on alert *in* Ukraine": the place hangs on the verb that carries the state noun
    found = events(coder, annotate, "Russian troops remained on alert in Ukraine.")
    assert any(t[:3] == ("RUS", "MOBILIZE", "UKR") for t in triples(found)), triples(found)


def test_a_named_apposition_extends_a_role_noun(
    coder: EventCoder, annotate: Callable[..., Doc]
) -> None:
    # "his Turkish counterpart, Erdogan": the name is the same actor, shown with the role
    actors = {**ACTORS, "Turkish counterpart": ACTORS["Erdogan"]}
    doc = annotate("Lavrov met his Turkish counterpart, Erdogan, in Malta.", actors)
    found = list(coder(doc)._.events)
    assert ("Lavrov", "CONSULT", "Turkish counterpart, Erdogan") in sides(found), sides(found)
