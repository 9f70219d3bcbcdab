"""Events: the ontology (CAMEO, PLOVER, Goldstein, quad class), the lexicon, and the coder."""

from .coder import CoderOptions, EventCoder, make_event_coder
from .lexicon import Lexicon, LexiconEntry, load_lexicon
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
from .petrarch import load_petrarch_lexicon
from .quotes import Quote, find_quotes
from .relation import classify_relation

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
