"""Off-topic news: sport, entertainment, markets and science stories, and sentences that are
plainly about them (``data/offtopic.yaml`` gives the words and the rule).

On real news a third of the events an analyst was shown were not events at all (issue 13), many
of them political verbs in other trades: a rugby "tour" of New Zealand, a batsman "striking
blows for South Africa", a film that "kills". The coder still codes them — an event stays
evidence, and the store keeps it — but their confidence is multiplied by a penalty, so the
analyses' default threshold hides them.

>>> cues = load_offtopic_cues()                                      # doctest: +SKIP
>>> cues.story_topic(["rugby", "coach", "league", "tour", ...])       # doctest: +SKIP
'sport'

Three readings are no event at all, and the coder drops them (:func:`not_an_event`):

* **a news outlet's verdict on a vote**: newsrooms "call" or "project" a race ("The network
  called the state for the senator", "the agency declared her the winner"). That is the press
  reporting a count, not a request or a phone call between the outlet and the candidate. A
  news outlet (sector MED, or a newsroom noun: network, broadcaster, agency...) acting through
  a verb of calling, projecting or declaring is never a side; nor is the REQUEST / CONSULT
  reading of "call" whose direct object is a contest ("called the race for X": the "for" is the
  winner, not what is asked for).
* **business among businesses**: a company or "firms" (sector BUS, not a person whose
  baseline is business) acting alone or on another company ("Chinese and Indian firms
  facilitate linkages", "the two firms signed a deal"): our gold set codes company business
  only when a political actor is a side ("the government fined the bank").
* **an advisory on a natural hazard**: weather, seismological and similar services "warn"
  residents of a typhoon, "urge" them to leave the coast. A forecast is no threat and no
  political request: an event whose source is such a service, or whose trigger warns of a
  natural hazard, is dropped.
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Span, Token

from ..._yaml import safe_load
from ...errors import ConfigError

__all__ = ["OfftopicCues", "load_offtopic_cues", "not_an_event"]

CUES_PATH = Path(__file__).parent.parent / "data" / "offtopic.yaml"


@dataclass(frozen=True, slots=True)
class OfftopicCues:
    """Topic words by topic, the story rule's thresholds, and the sentence phrases."""

    topics: dict[str, frozenset[str]]
    story_min_distinct: int
    story_min_share: float
    sentence_phrases: tuple[tuple[str, ...], ...]

    def story_topic(self, lemmas: Sequence[str]) -> str | None:
        """The off-topic subject of a story given its lower-cased lemmas, or None."""
        if not lemmas:
            return None
        counts = Counter(lemmas)
        for topic, words in self.topics.items():
            present = [w for w in words if counts[w]]
            if len(present) < self.story_min_distinct:
                continue
            if sum(counts[w] for w in present) >= self.story_min_share * len(lemmas):
                return topic
        return None

    def sentence_is_offtopic(self, lemmas: Sequence[str]) -> bool:
        """Whether a sentence (its lower-cased lemmas) holds one of the sentence phrases."""
        for phrase in self.sentence_phrases:
            size = len(phrase)
            for i in range(len(lemmas) - size + 1):
                if tuple(lemmas[i : i + size]) == phrase:
                    return True
        return False


def _words(value: object, where: str) -> Iterable[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: expected a list of words")
    return (v.lower() for v in value)


@functools.lru_cache(maxsize=4)
def load_offtopic_cues(path: Path = CUES_PATH) -> OfftopicCues:
    """The cues of a file in the ``offtopic.yaml`` format (``ConfigError`` when malformed)."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
        topics = {
            str(topic): frozenset(_words(words, f"{path}: topic {topic}"))
            for topic, words in data["topics"].items()
        }
        phrases = tuple(tuple(p.split()) for p in _words(data["sentence"], f"{path}: sentence"))
        return OfftopicCues(
            topics, int(data["story_min_distinct"]), float(data["story_min_share"]), phrases
        )
    except (OSError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ConfigError(f"{path}: not an off-topic cue file ({exc})") from None


# Verbs by which a newsroom gives its verdict on a vote.
_VERDICT_VERBS = frozenset({"call", "project", "declare", "predict"})
# A contest whose result is "called" (the object of "called the race for X").
_CONTESTS = frozenset(
    {"race", "election", "contest", "seat", "vote", "poll", "primary", "runoff", "ballot",
     "result", "state", "district", "county", "presidency", "nomination"}
)  # fmt: skip
# Head nouns of a newsroom when the outlet is not named ("the network", "the news agency").
_NEWSROOM_NOUNS = frozenset(
    {"network", "broadcaster", "newspaper", "agency", "outlet", "channel", "tv", "television",
     "daily", "newsroom", "media", "press", "station", "tabloid", "desk", "wire"}
)  # fmt: skip
# Words naming a service that forecasts or monitors natural hazards ("the Met Office" is left
# out: "the Met" is also London's police).
_HAZARD_SERVICE_WORDS = frozenset(
    {"weather", "meteorological", "meteorology", "seismological", "seismology", "geological",
     "volcanological", "hydrometeorological", "hydrological", "forecaster", "forecasters",
     "observatory"}
)  # fmt: skip
# Natural hazards a service warns of (not "fire", "wave", "surge" or "heat": "warned of a wave
# of attacks" is a threat).
_HAZARDS = frozenset(
    {"storm", "typhoon", "hurricane", "cyclone", "tornado", "flood", "flooding", "rain",
     "rainfall", "snow", "snowfall", "blizzard", "gale", "heatwave", "frost", "drought",
     "tsunami", "earthquake", "aftershock", "eruption", "avalanche", "landslide", "mudslide",
     "wildfire", "thunderstorm", "downpour"}
)  # fmt: skip
_WARNING_VERBS = frozenset({"warn", "urge", "advise", "alert", "caution", "ask", "tell", "order"})


def _objects(trigger: Token) -> list[Token]:
    """The trigger's direct objects, the objects of its prepositions, and the objects of the
    prepositions of its direct objects ("warned *residents* of *floods*", however attached)."""
    out: list[Token] = []
    for child in trigger.children:
        if child.dep_ in ("dobj", "obj", "attr", "oprd"):
            out.append(child)
            for prep in child.children:
                if prep.dep_ == "prep":
                    out.extend(g for g in prep.children if g.dep_ == "pobj")
        elif child.dep_ == "prep":
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


def _is_newsroom(actor_sector: str | None, span: Span | None) -> bool:
    if actor_sector == "MED":
        return True
    return span is not None and span.root.lemma_.lower() in _NEWSROOM_NOUNS


def _is_hazard_service(span: Span | None, token: Token | None) -> bool:
    """Whether the source's words, or the words of its noun phrase up to its head ("the *Japan*
    Meteorological Agency", resolved through its modifier "Japan"), name a hazard service."""
    words = list(span) if span is not None else []
    if token is not None:
        head = token.head if token.dep_ in ("compound", "amod", "nmod", "poss") else token
        words.extend(t for t in head.subtree if t.i <= head.i)
    return any(t.lower_ in _HAZARD_SERVICE_WORDS for t in words)


def not_an_event(
    trigger: Token,
    category: str,
    source_span: Span | None,
    source_sector: str | None,
    source_token: Token | None = None,
    *,
    source_kind: str | None = None,
    target_sector: str | None = None,
    has_target: bool = False,
) -> bool:
    """Whether a coded reading is no event: a newsroom's verdict on a vote, or an advisory on
    a natural hazard (see the module docstring). ``source_span``, ``source_sector`` and
    ``source_token`` are the source side's words, resolved sector and token in the clause
    (None when there is no source); ``source_kind`` is the source actor's kind, and
    ``target_sector`` / ``has_target`` describe the target side."""
    if (
        source_sector == "BUS"
        and source_kind != "person"
        and (not has_target or target_sector == "BUS")
    ):
        return True  # companies among themselves: business, not politics
    lemma = trigger.lemma_.lower()
    if lemma in _VERDICT_VERBS:
        # "called the race for X", "called Ohio for X": calling a thing, not calling for one
        direct = [t for t in trigger.children if t.dep_ in ("dobj", "obj")]
        calls_a_thing = bool(direct) and category in ("REQUEST", "CONSULT")
        if _is_newsroom(source_sector, source_span) and (lemma != "call" or calls_a_thing):
            return True
        contest = any(
            t.lemma_.lower() in _CONTESTS and not any(c.dep_ == "prep" for c in t.children)
            for t in direct
        )
        if lemma == "call" and calls_a_thing and contest:
            return True
    if _is_hazard_service(source_span, source_token):
        return True
    return lemma in _WARNING_VERBS and any(t.lemma_.lower() in _HAZARDS for t in _objects(trigger))
