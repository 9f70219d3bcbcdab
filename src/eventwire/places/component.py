"""The ``eventwire_places`` spaCy component: resolve the model's place entities.

Every GPE, LOC and FAC entity is looked up with :func:`~eventwire.places.resolve_place`;
those a gazetteer knows go to ``doc._.places`` with ``span._.place`` set. A country named as an
actor ("Russia said…") is still a place here: whether it is a location or a metonym for its
government is the event coder's decision. Nationalities (NORP: "Russian") are not places.
Entities no gazetteer knows — mostly the model's mistakes ("Shoigu" as GPE) and buildings
("the Kumsusan Guest Palace") — are left out. A trailing possessive ("North Korea's") is
trimmed from the span.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..nlp import extensions
from .gazetteer import resolve_place, warm_gazetteer

__all__ = ["PlaceTagger", "make_place_tagger"]

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_POSSESSIVES = frozenset({"'s", "’s", "'"})


@Language.factory(
    "eventwire_places",
    assigns=["doc._.places", "span._.place"],
    requires=["doc.ents"],
    default_config={},
)
def make_place_tagger(nlp: Language, name: str) -> PlaceTagger:
    """spaCy factory of :class:`PlaceTagger`."""
    return PlaceTagger(name=name)


class PlaceTagger:
    """Doc → Doc: set ``doc._.places`` (Spans in text order, each with ``span._.place``)."""

    def __init__(self, name: str = "eventwire_places") -> None:
        extensions.register_extensions()
        self.name = name
        # Build the gazetteer (about 240,000 names, 2–5 s) when the pipeline is built, not
        # inside the first document: the cost belongs to start-up, and per-document timings
        # (benchmarks/coder.py) then measure lookups only.
        warm_gazetteer()

    def __call__(self, doc: Doc) -> Doc:
        places: list[Span] = []
        for ent in doc.ents:
            if ent.label_ not in _PLACE_LABELS:
                continue
            end = ent.end
            while end > ent.start + 1 and doc[end - 1].text in _POSSESSIVES:
                end -= 1
            span = Span(doc, ent.start, end, label=ent.label_)
            place = resolve_place(span.text)
            if place is not None:
                span._.place = place
                places.append(span)
        doc._.places = places
        return doc
