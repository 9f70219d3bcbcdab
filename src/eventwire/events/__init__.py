"""Events: the ontology (CAMEO, PLOVER, Goldstein, quad class), the lexicon, and the coder.

Names load on first use (``eventwire._lazy``): the value types in ``events.model`` are needed
by the store and the CLI, which must not pay for loading spaCy and the coder.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .coder import CoderOptions, EventCoder, make_event_coder
    from .modality.quotes import Quote, find_quotes
    from .model import (
        MODALITIES,
        ActorRef,
        Attribution,
        Event,
        EventDate,
        Location,
        Modality,
        Plover,
        Trigger,
    )
    from .ontology import PLOVER_CATEGORIES, CameoCode, Ontology, load_ontology
    from .relation import classify_relation
    from .triggers.lexicon import Lexicon, LexiconEntry, load_lexicon
    from .triggers.petrarch import load_petrarch_lexicon

_WHERE = {
    "MODALITIES": ".model",
    "PLOVER_CATEGORIES": ".ontology",
    "ActorRef": ".model",
    "Attribution": ".model",
    "CameoCode": ".ontology",
    "CoderOptions": ".coder",
    "Event": ".model",
    "EventCoder": ".coder",
    "EventDate": ".model",
    "Lexicon": ".triggers.lexicon",
    "LexiconEntry": ".triggers.lexicon",
    "Location": ".model",
    "Modality": ".model",
    "Ontology": ".ontology",
    "Plover": ".model",
    "Quote": ".modality.quotes",
    "Trigger": ".model",
    "classify_relation": ".relation",
    "find_quotes": ".modality.quotes",
    "load_lexicon": ".triggers.lexicon",
    "load_ontology": ".ontology",
    "load_petrarch_lexicon": ".triggers.petrarch",
    "make_event_coder": ".coder",
}
__getattr__, __dir__ = lazy_attributes(__name__, _WHERE)

__all__ = [
    "MODALITIES",
    "PLOVER_CATEGORIES",
    "ActorRef",
    "Attribution",
    "CameoCode",
    "CoderOptions",
    "Event",
    "EventCoder",
    "EventDate",
    "Lexicon",
    "LexiconEntry",
    "Location",
    "Modality",
    "Ontology",
    "Plover",
    "Quote",
    "Trigger",
    "classify_relation",
    "find_quotes",
    "load_lexicon",
    "load_ontology",
    "load_petrarch_lexicon",
    "make_event_coder",
]
