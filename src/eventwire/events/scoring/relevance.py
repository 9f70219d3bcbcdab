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
"""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..._yaml import safe_load
from ...errors import ConfigError

__all__ = ["OfftopicCues", "load_offtopic_cues"]

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
