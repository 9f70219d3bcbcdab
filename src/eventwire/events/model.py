"""The value type of the events layer: one coded event, frozen, with its provenance.

The field names follow the ``eventwire code`` JSONL contract (docs/code-contract.md).
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from typing import Any, Literal

__all__ = [
    "MODALITIES",
    "ActorRef",
    "Attribution",
    "Event",
    "EventDate",
    "Location",
    "Modality",
    "Plover",
    "Trigger",
]

Modality = Literal["asserted", "negated", "hypothetical", "intended", "alleged", "denied"]
MODALITIES: tuple[Modality, ...] = (
    "asserted",
    "negated",
    "hypothetical",
    "intended",
    "alleged",
    "denied",
)


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as mentioned in the text: its span (offsets into the input text) and resolution."""

    text: str
    start: int
    end: int
    actor_id: str | None
    name: str | None
    code: str | None
    country: str | None
    sector: str | None
    # How the coder found this side in its sentence: "mention" (a name), "modifier" (a word
    # modifying the argument: "*Russian* troops"), "contained" (inside a larger noun phrase),
    # "pronoun", "speaker" (a quotation's "I"/"we"), "unresolved" (no actor known), or how
    # it was placed afterwards, "story" (an unnamed side given its sentence's or story's
    # country) or "organisation" (a description referring to one named before). None when
    # not known (relation mode, older stores). The confidence model reads it (issue 13).
    via: str | None = None


@dataclass(frozen=True, slots=True)
class Trigger:
    """The words that express the event (verb or nominal), with offsets into the input text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Plover:
    category: str
    mode: str | None = None
    context: str | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who the text says claims the event (the accuser of an alleged event, the denier...)."""

    text: str
    code: str | None


@dataclass(frozen=True, slots=True)
class EventDate:
    """When the event happened, as a TIMEX3 value (``2024-06``, ``2024-W48``, ``PAST_REF``)."""

    text: str | None
    value: str
    granularity: str
    mod: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    country: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True, slots=True)
class Event:
    """One event mention: who did what to whom, when, where, how sure, and which sentence."""

    doc_id: str
    sentence_index: int
    sentence: str
    source: ActorRef | None
    target: ActorRef | None
    trigger: Trigger
    cameo: str
    plover: Plover
    goldstein: float
    quad_class: int
    modality: Modality = "asserted"
    attribution: Attribution | None = None
    event_date: EventDate | None = None
    location: Location | None = None
    confidence: float = 0.5
    # Which lexicon entry or rule coded it ("lexicon.yaml#312", a user lexicon's entry, or
    # "reported speech"): the provenance an analyst asks for after the sentence.
    rule: str | None = None

    @property
    def mention_id(self) -> str:
        """A content-derived id: same document, sentence, spans and code → same id."""
        parts = (
            self.doc_id,
            str(self.sentence_index),
            _span_key(self.source),
            _span_key(self.target),
            f"{self.trigger.start}:{self.trigger.end}",
            self.cameo,
            self.modality,
        )
        return "m" + hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:15]

    def to_json(self) -> dict[str, Any]:
        """The ``code`` contract's JSON object for this event."""
        return asdict(self)


def _span_key(ref: ActorRef | None) -> str:
    return "-" if ref is None else f"{ref.start}:{ref.end}"
