"""Issue 5, third round: a side found inside a noun phrase, adjectival control and the other
argument rules added for end-to-end dyad recall. Every sentence is written for these tests;
actors are set by the ``annotate`` fixture."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from eventwire.events.coder import EventCoder, load_registered_lexicon
from eventwire.events.model import Event

from .test_coder_regressions import ACTORS, triples


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(load_registered_lexicon("eventwire.lexicon.default.v1"))


def events(coder: EventCoder, annotate: Callable[..., Doc], text: str) -> list[Event]:
    doc = annotate(text, ACTORS, article_date=date(2025, 3, 4))
    return list(coder(doc)._.events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # possessive and adjectival owners of the object noun
        ("Germany condemned Iran's crackdown on protesters.", ("DEU", "ACCUSE", "IRN")),
        ("Pakistan rejected a Russian proposal on the border.", ("PAK", "REJECT", "RUS")),
        # "of", "by" and "on" complements, two hops deep
        ("France condemned the attack on the capital of Cuba.", ("FRA", "ACCUSE", "CUB")),
        ("Germany rejected the call of the European Union.", ("DEU", "REJECT", "IGOEU")),
        ("Malta refused a request by Lavrov to dock.", ("MLT", "REJECT", "RUSGOV")),
        # "into" as the party under inquiry
        ("Germany opened an investigation into Iran.", ("DEU", "ACCUSE", "IRN")),
    ],
)
def test_a_side_inside_a_noun_phrase_is_found(
    coder: EventCoder,
    annotate: Callable[..., Doc],
    text: str,
    expected: tuple[str, str, str],
) -> None:
    found = events(coder, annotate, text)
    assert any(t[:3] == expected for t in triples(found)), triples(found)


def test_a_contained_side_costs_confidence(coder: EventCoder, annotate: Callable[..., Doc]) -> None:
    direct = events(coder, annotate, "France condemned Cuba.")
    inside = events(coder, annotate, "France condemned the attack on the capital of Cuba.")
    best = max(e.confidence for e in direct)
    contained = [e for e in inside if e.target and e.target.code == "CUB"]
    assert contained and all(e.confidence < best for e in contained)


def test_the_option_turns_the_rule_off(annotate: Callable[..., Doc]) -> None:
    base = EventCoder(load_registered_lexicon("eventwire.lexicon.default.v1"))
    off = EventCoder(
        base.lexicon, base.ontology, dataclasses.replace(base.options, contained_actors=False)
    )
    found = events(off, annotate, "France condemned the attack on the capital of Cuba.")
    assert not any(e.target and e.target.code == "CUB" for e in found)


def test_the_object_noun_itself_is_not_a_party(
    coder: EventCoder, annotate: Callable[..., Doc]
) -> None:
    # "withdraw *troops*" (an entry naming its object): one's own troops are not the other
    # side; the place they leave is.
    found = events(coder, annotate, "Russia withdrew troops from the border area of Ukraine.")
    withdrawals = [e for e in found if e.cameo.startswith("087")]
    assert withdrawals and all(e.target and e.target.text != "troops" for e in withdrawals)


def test_a_joint_action_keeps_its_pair(coder: EventCoder, annotate: Callable[..., Doc]) -> None:
    found = events(coder, annotate, "Russia and Iran signed the treaty of Malta.")
    assert ("RUS", "SUPPORT", "IRN") in {t[:3] for t in triples(found)}
    assert not any(e.target and e.target.code == "MLT" for e in found)


def test_willing_to_takes_the_subject_of_the_copula(
    coder: EventCoder, annotate: Callable[..., Doc]
) -> None:
    found = events(coder, annotate, "Germany is willing to provide aid to Ukraine.")
    assert any(t[0] == "DEU" and t[2] == "UKR" for t in triples(found)), triples(found)


def test_an_infinitive_has_no_nominative_subject(
    coder: EventCoder, annotate: Callable[..., Doc]
) -> None:
    # Parsed with Malta as the subject of "to attend": the visitor attends.
    found = events(
        coder, annotate, "Lavrov is visiting Malta to attend a summit of the European Union."
    )
    assert not any(e.source and e.source.code == "MLT" for e in found)
