"""Relation-classification mode: the single best event between two marked spans (issue 5)."""

from __future__ import annotations

import pytest

from eventwire.events.coder import EventCoder
from eventwire.events.modality.intentions import intention_code
from eventwire.events.ontology import load_ontology
from eventwire.events.relation import classify_relation

from .conftest import SMALL_LEXICON


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder(SMALL_LEXICON)


def spans(doc, source: str, target: str):  # type: ignore[no-untyped-def]
    s = doc.text.index(source)
    t = doc.text.index(target)
    return (
        doc.char_span(s, s + len(source), alignment_mode="expand"),
        doc.char_span(t, t + len(target), alignment_mode="expand"),
    )


@pytest.mark.parametrize(
    ("text", "source", "target", "cameo"),
    [
        ("The rebels attacked a convoy near the border.", "The rebels", "a convoy", "190"),
        # Passive: the roles come from the parse, the answer keeps the marked roles.
        ("A convoy was attacked by the rebels.", "the rebels", "A convoy", "190"),
        # An announced act is coded as CAMEO codes it: the statement of intent.
        (
            "The minister will meet the rebel leaders on Monday.",
            "The minister",
            "the rebel leaders",
            "036",
        ),
        ("The army is willing to attack the rebels.", "The army", "the rebels", "138"),
        # Several triggers: the one linking the two marked spans wins.
        ("The envoy criticized the council and met the rebels.", "The envoy", "the rebels", "040"),
    ],
)
def test_classify_relation(
    parser,
    coder: EventCoder,
    text: str,
    source: str,
    target: str,  # type: ignore[no-untyped-def]
    cameo: str,
) -> None:
    doc = parser(text)
    source_span, target_span = spans(doc, source, target)
    event = classify_relation(doc, source_span, target_span, coder)
    assert event is not None and event.cameo == cameo
    assert event.source is not None and event.source.text == source
    assert event.target is not None and event.target.text == target


def test_no_trigger_gives_none(parser, coder: EventCoder) -> None:  # type: ignore[no-untyped-def]
    doc = parser("The envoy and the rebels were in the capital.")
    assert classify_relation(doc, *spans(doc, "The envoy", "the rebels"), coder) is None


def test_implicit_side(parser, coder: EventCoder) -> None:  # type: ignore[no-untyped-def]
    doc = parser("The rebels attacked at dawn.")
    source = doc.char_span(0, len("The rebels"))
    event = classify_relation(doc, source, None, coder)
    assert event is not None and event.cameo == "190" and event.target is None


def test_every_intention_code_is_in_the_ontology() -> None:
    ontology = load_ontology()
    for code in ontology:
        mapped = intention_code(code.code)
        if mapped is not None:
            assert ontology.lookup(mapped).plover is not None, (code.code, mapped)
