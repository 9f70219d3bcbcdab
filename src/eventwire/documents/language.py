"""Language identification with langdetect, made deterministic.

langdetect samples n-grams at random; seeding its ``DetectorFactory`` once makes the same text
give the same answer in every run and process (a re-ingest must change nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException

__all__ = ["LANGUAGE_SAMPLE_CHARS", "MIN_REJECT_PROBABILITY", "DetectedLanguage", "detect_language"]

# The detector reads at most this many characters: a few paragraphs settle the language, and
# the cost grows with length (about 7 ms an article at 1,000 characters on the development
# machine; the whole shared corpora take about 20 s with this sample).
LANGUAGE_SAMPLE_CHARS = 2000
# A language outside ``documents.languages`` rejects an article only at this probability or
# more. langdetect gave 0.54-0.72 to the English sports tables and capitalised flashes of the
# Gigaword corpus that it called Spanish, Italian or Vietnamese, and ≥ 0.99 to real German,
# French or Spanish prose.
MIN_REJECT_PROBABILITY = 0.9
# Fewer letters than this are too little evidence to reject on: langdetect called the English
# "EXPLODE: Spain met Portugal in Madrid." Indonesian with probability 1.00. A short text keeps
# language None (nothing is rejected for a guess); 100 letters is about two sentences.
MIN_LETTERS_TO_DETECT = 100
# langdetect's fixed seed; any constant works, it only has to be the same everywhere.
_SEED = 0
DetectorFactory.seed = _SEED


@dataclass(frozen=True, slots=True)
class DetectedLanguage:
    """An ISO 639-1 code (langdetect's, e.g. ``"en"``, ``"zh-cn"``) and its probability."""

    code: str
    probability: float


def detect_language(text: str) -> DetectedLanguage | None:
    """The most probable language of ``text``, or None when it has too few letters to go on."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = [character for character in sample if character.isalpha()]
    if len(letters) < MIN_LETTERS_TO_DETECT:
        return None
    if sum(character.isupper() for character in letters) > len(letters) / 2:
        # Profiles are built from mixed-case text; capitals-only flashes read as noise.
        sample = sample.lower()
    DetectorFactory.seed = _SEED
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return None
    return DetectedLanguage(code=str(best.lang), probability=float(best.prob))
