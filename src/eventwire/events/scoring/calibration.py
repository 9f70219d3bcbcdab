"""A calibrated confidence: the probability that a coded event is right, from a logistic model
fitted on our own annotations.

The coder's rule recipe (``confidence``) ranks events but is not a probability: on our
real-news gold set (issue 13) events it scored 0.7 were right about a quarter of the time. This
model turns what the coder knows about an event — how each side was resolved and how it was
found (``ActorRef.via``) and how far from the trigger, how much of the story is about the
country a person or body was given, the category and CAMEO root, the kind of rule, the
modality, the rule recipe's score, the trigger's part of speech and role in its sentence,
whether it is in a quotation or the lead sentence, how long the sentence is, how many states
the article names — into the probability that the event (its dyad and category) is one our
annotators listed. It is fitted by ``eventwire calibrate`` (scikit-learn's
``LogisticRegression``) on the studied part of
``tests/eval/realnews`` and our labelled candidates of other studied articles only — never on
``PLV_train.tsv`` — and shipped as plain JSON coefficients (``data/confidence_model.json``), so
scoring needs no scikit-learn and loading runs no code. A feature the file has no weight for
weighs nothing, so an older model file still scores.

>>> model = load_confidence_model()                                     # doctest: +SKIP
>>> round(model.probability({"bias": 1.0, "category=CONSULT": 1.0}), 2)  # doctest: +SKIP
0.41
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc

from ...errors import ConfigError
from ..dating.attachment import dated_in_text
from ..model import ActorRef, Event

__all__ = [
    "ConfidenceModel",
    "country_mentions",
    "event_features",
    "load_confidence_model",
    "side_kind",
]

MODEL_PATH = Path(__file__).parent.parent / "data" / "confidence_model.json"
# Sentences longer than this are mostly glued captions, lists or furniture (issue 13: up to
# 1,100 characters); wire sentences are rarely over 300.
_LONG_SENTENCE = 300


def side_kind(ref: ActorRef | None) -> str:
    """What kind of actor fills a side: none, unresolved, state, sector, igo, person (a person
    the knowledge base knows), placed (a person placed in the story's country), org, region."""
    if ref is None:
        return "none"
    if ref.actor_id is None:
        return "placed" if ref.country else "unresolved"
    if ref.code and ref.code.startswith("IGO"):
        return "igo"
    if ref.actor_id.startswith("person/"):
        return "person"
    if ref.actor_id.startswith("org/"):
        return "org"
    if ref.country and ref.actor_id == ref.country:
        return "state"
    if ref.country:
        return "sector"
    return "region"


def _key(ref: ActorRef | None) -> str | None:
    if ref is None:
        return None
    return ref.country or ref.code or ref.actor_id


def event_features(
    event: Event,
    doc: Doc | None,
    countries_in_doc: int,
    quotes: Sequence[tuple[int, int]] = (),
    country_counts: Mapping[str, int] | None = None,
) -> dict[str, float]:
    """The model's features of one event (names are the JSON file's keys); ``quotes`` are
    the character ranges of the document's direct quotations, ``country_counts`` how many of
    its actor mentions name each state (``country_mentions``).

    Besides what the rule recipe knows, they say how sure each side is — how the coder found
    it (``source_via=pronoun``, ``target_via=contained``, placed by the ``story``…), how far
    it lies from the trigger, and, for a side that is not a state itself (a person, a body, a
    group), how much of the story is about the country it was given — and what kind of
    trigger it is (the CAMEO root, a lexicon entry or a reported-speech or denial rule,
    inside a quotation, in the lead sentence, its part of speech and its role in the
    sentence: a main verb, a complement, an adverbial or participial clause): facts of the
    coder and of news language rather than of the articles studied (issue 13).
    """
    features = {
        "bias": 1.0,
        f"source={side_kind(event.source)}": 1.0,
        f"target={side_kind(event.target)}": 1.0,
        f"category={event.plover.category}": 1.0,
        f"modality={event.modality}": 1.0,
        "rule_confidence": event.confidence,
        "long_sentence": float(len(event.sentence) > _LONG_SENTENCE),
        "states_in_article": min(countries_in_doc, 6) / 6,
        f"cameo_root={event.cameo[:2]}": 1.0,
        f"rule={_rule_family(event.rule)}": 1.0,
    }
    for role, ref in (("source", event.source), ("target", event.target)):
        if ref is not None:
            features[f"{role}_via={ref.via or 'unknown'}"] = 1.0
    if event.sentence_index == 0:  # a pre-filtered parse keeps blanked sentences as such
        features["lead_sentence"] = 1.0
    if any(start <= event.trigger.start < end for start, end in quotes):
        features["in_quote"] = 1.0
    if country_counts:
        total = sum(country_counts.values())
        for role, ref in (("source", event.source), ("target", event.target)):
            if ref is not None and ref.country and side_kind(ref) not in _WHOLE_STATE:
                features[f"{role}_country_share"] = country_counts.get(ref.country, 0) / total
    source, target = _key(event.source), _key(event.target)
    if source is not None and source == target:
        features["same_country"] = 1.0
    if dated_in_text(event.event_date):
        features["dated_in_text"] = 1.0
    if doc is not None:
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is not None and len(span):
            if span.root.pos_ in ("NOUN", "PROPN"):
                features["nominal_trigger"] = 1.0
            features[f"trigger_tag={_tag(span.root.tag_)}"] = 1.0
            features[f"trigger_role={_role(span.root.dep_)}"] = 1.0
        for role, ref in (("source", event.source), ("target", event.target)):
            if ref is not None and ref.actor_id is not None and not _named(doc, ref):
                features[f"inferred_{role}"] = 1.0
            if ref is not None and span is not None and len(span):
                side = doc.char_span(ref.start, ref.end, alignment_mode="expand")
                if side is not None and len(side):
                    words = abs(side.root.i - span.root.i)
                    features[f"{role}_distance"] = min(words, _FAR) / _FAR
    return features


# Side kinds that are a whole state (or nothing): their country is the side itself, so how
# much of the story is about it says nothing about whether it was given the right one.
_WHOLE_STATE = frozenset({"state", "none", "unresolved"})

# A trigger's fine part of speech and dependency role as the features name them; rarer ones
# are "other". On 2,478 labelled events (issue 13, seventh round) a trigger heading an
# adverbial clause ("…, killing 36 people") or a participial modifier ("a group fighting
# for …") was right 17 % and 12 % of the time, a main verb 35 %; the two features raised the
# grouped cross-validated AUC by 0.005 (paired sd 0.001 over five shuffled splits).
_TAGS = frozenset({"VBD", "VB", "VBN", "VBG", "VBZ", "VBP", "NN", "NNS", "MD", "JJ"})
_ROLES = frozenset(
    {"ROOT", "ccomp", "conj", "advcl", "xcomp", "relcl", "acl", "pcomp", "pobj", "dobj", "aux"}
)


def _tag(tag: str) -> str:
    return tag if tag in _TAGS else "other"


def _role(dep: str) -> str:
    return dep if dep in _ROLES else "other"


# Words between a trigger and a side beyond which the distance adds nothing (a subject and
# its verb are a few words apart; a side 15 words away was mostly reached through a
# pronoun, a clause or a misparse).
_FAR = 15


def _rule_family(rule: str | None) -> str:
    """Which kind of rule coded an event: a lexicon entry, reported speech, a denial."""
    if rule is None:
        return "none"
    if rule.startswith("reported speech"):
        return "reported"
    if rule.startswith("denial"):
        return "denial"
    return "lexicon"


def _named(doc: Doc, ref: ActorRef) -> bool:
    """Whether a side's own words name its actor (an actor mention of the same actor lies in
    them), rather than the actor being inferred: a pronoun ("it", "we"), "the two sides", or
    an unnamed group placed in the story's country ("police" → the story's COP). Issue 13:
    an inferred side is less sure than a named one, and this lets the model say how much."""
    for span in doc._.actor_mentions:
        if span.start_char >= ref.end:
            break
        actor = span._.actor
        if (
            span.end_char > ref.start
            and getattr(actor, "actor_id", None) == ref.actor_id
            and ref.start <= span.start_char
        ):
            return True
    return False


@dataclass(frozen=True, slots=True)
class ConfidenceModel:
    """Logistic coefficients by feature name (absent features weigh 0)."""

    weights: Mapping[str, float]
    description: str = ""

    def probability(self, features: Mapping[str, float]) -> float:
        z = sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def to_json(self) -> dict[str, object]:
        return {
            "format": "eventwire.confidence.logistic.v1",
            "description": self.description,
            "weights": dict(sorted(self.weights.items())),
        }


def read_confidence_model(path: Path) -> ConfidenceModel:
    """A model from its JSON file (``ConfigError`` when it is not one)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        weights = {str(k): float(v) for k, v in data["weights"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{path}: not a confidence model ({exc})") from None
    if data.get("format") != "eventwire.confidence.logistic.v1":
        raise ConfigError(f"{path}: unknown confidence model format {data.get('format')!r}")
    return ConfidenceModel(weights, str(data.get("description", "")))


@functools.lru_cache(maxsize=4)
def load_confidence_model(path: Path = MODEL_PATH) -> ConfidenceModel:
    """The shipped model (or another file in the same format)."""
    return read_confidence_model(path)


# Kinds of actor whose mentions say what a story is about (organisations and regions do not).
_STORY_KINDS = frozenset({"state", "person", "group"})


def country_mentions(doc: Doc) -> dict[str, int]:
    """How many of a document's actor mentions name each state (states, people, groups)."""
    counts: dict[str, int] = {}
    for span in doc._.actor_mentions:
        actor = span._.actor
        country = getattr(actor, "country", None)
        if country and getattr(actor, "kind", None) in _STORY_KINDS:
            counts[country] = counts.get(country, 0) + 1
    return counts


def countries_in(doc: Doc) -> int:
    """How many distinct states a document's actor mentions name."""
    seen = set()
    for span in doc._.actor_mentions:
        actor = span._.actor
        country = getattr(actor, "country", None)
        if country:
            seen.add(country)
    return len(seen)
