"""Language identification with py3langid (langid.py's model, vectorised with numpy).

py3langid is deterministic (no random sampling: a re-ingest gives the same answers) and about
ten times cheaper than langdetect, which it replaced: langdetect took 30 ms an article on the
Gigaword corpus with two coding workers beside it, and the reading process is the one that
waits (issue 7, docs/performance.md). Its model ships inside the wheel; nothing is downloaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

__all__ = ["LANGUAGE_SAMPLE_CHARS", "MIN_REJECT_PROBABILITY", "DetectedLanguage", "detect_language"]

# The identifier reads at most this many characters: two or three paragraphs settle the
# language, and the cost grows with length (about 3 ms at 2,000 characters).
LANGUAGE_SAMPLE_CHARS = 1000
# A language outside ``documents.languages`` rejects an article only at this probability or
# more. On the 2,452 Gigaword wire articles the four texts not called English (sports tables,
# capitalised flashes) scored below it; real German, French or Spanish prose scores ≥ 0.99.
MIN_REJECT_PROBABILITY = 0.9
# Fewer letters than this are too little evidence to reject on (an English one-line flash can
# look like anything). A short text keeps language None: nothing is rejected on a guess.
MIN_LETTERS_TO_DETECT = 100


@dataclass(frozen=True, slots=True)
class DetectedLanguage:
    """An ISO 639-1 code (``"en"``, ``"de"``, ``"zh"`` …) and its probability."""

    code: str
    probability: float


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    """The model, loaded once per process (about 0.3 s)."""
    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> DetectedLanguage | None:
    """The most probable language of ``text``, or None when it has too few letters to go on."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    letters = "".join(filter(str.isalpha, sample))  # C-level loops: this runs on every article
    if len(letters) < MIN_LETTERS_TO_DETECT:
        return None
    if sum(map(str.isupper, letters)) > len(letters) / 2:
        # The model is trained on mixed-case text; capitals-only flashes read as noise.
        sample = sample.lower()
    code, probability = _identifier().classify(sample)
    return DetectedLanguage(code=str(code), probability=float(probability))
