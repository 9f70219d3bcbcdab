"""The model's rule lemmatizer with every answer remembered.

spaCy's ``Lemmatizer`` in rule mode works out each token's lemma in Python from the token's
text, part of speech and morphology. Its own cache only keeps the answers that went through
the suffix rules: a token in a base form (a singular noun, an infinitive, a positive
adjective) or a proper noun is worked out again every time it occurs, and those are most
tokens of wire copy. On Gigaword the lemmatizer took about a tenth of the model's time.

``CachedLemmatizer`` asks the model's own lemmatizer once per distinct (text, tag, part of
speech, morphology) — everything the rule and lookup lemmatizers read of a token — and sets
the remembered lemma of every other token with that key from an array. It also gives the
lemmatizer its known-word lists as sets (see ``_index_as_sets``): a new word cost a scan of
tens of thousands of words. The lemmas are the
same, token for token (tests/nlp/test_lemmatizer.py compares both on the seeds and Gigaword
articles); like spaCy's, a token that already has a lemma (from the attribute ruler) keeps it
unless the lemmatizer overwrites.

``use_cached_lemmatizer(nlp)`` swaps it in for the model's ``lemmatizer``;
``add_lemma_exceptions(nlp)`` first teaches the model's lemmatizer the forms it gets wrong for
words the event lexicon needs ("staged" → "stag", ``data/lemma_exceptions.yaml``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.lookups import Lookups
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from .._yaml import safe_load
from ..errors import ConfigError

__all__ = ["CachedLemmatizer", "add_lemma_exceptions", "lemma_exceptions", "use_cached_lemmatizer"]

EXCEPTIONS_PATH = Path(__file__).parent / "data" / "lemma_exceptions.yaml"

_NAME = "lemmatizer"
# What the rule and lookup lemmatizers read of a token, and the lemma itself.
_READ: list[int | str] = ["ORTH", "TAG", "POS", "MORPH", "LEMMA"]
# Distinct keys remembered before the cache starts again: about 100 bytes each, and a
# million-article archive has a few hundred thousand word forms.
MAX_REMEMBERED = 500_000


@Language.factory("eventwire_lemmatizer")
def make_cached_lemmatizer(nlp: Language, name: str) -> CachedLemmatizer:
    """spaCy factory of :class:`CachedLemmatizer` (empty: the lemmatizer comes with ``wrap``)."""
    return CachedLemmatizer(name)


class CachedLemmatizer:
    """A pipeline component giving the lemmas of the wrapped ``Lemmatizer``, each distinct
    token worked out once."""

    def __init__(self, name: str = _NAME) -> None:
        self.name = name
        self._lemmatizer: Lemmatizer | None = None
        self._remembered: dict[tuple[int, int, int, int], int] = {}

    def wrap(self, lemmatizer: Lemmatizer) -> None:
        """Answer for ``lemmatizer`` (its tables, mode and ``overwrite`` setting)."""
        lemmatizer(Doc(lemmatizer.vocab, words=[]))  # spaCy's check that its tables are loaded
        _index_as_sets(lemmatizer)
        self._lemmatizer = lemmatizer
        self._remembered.clear()

    @property
    def lemmatizer(self) -> Lemmatizer:
        if self._lemmatizer is None:
            raise RuntimeError("CachedLemmatizer has no lemmatizer: call wrap() first")
        return self._lemmatizer

    @property
    def lookups(self) -> Lookups:
        """The wrapped lemmatizer's tables (the pre-filter reads them)."""
        return self.lemmatizer.lookups

    @property
    def overwrite(self) -> bool:
        return bool(self.lemmatizer.overwrite)

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        if not len(doc):
            return doc
        overwrite = self.overwrite
        strings = doc.vocab.strings
        remembered = self._remembered
        if len(remembered) > MAX_REMEMBERED:
            remembered.clear()
        rows = doc.to_array(_READ).tolist()
        lemmas = []
        for i, (orth, tag, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, tag, pos, morph)
            value = remembered.get(key)
            if value is None:
                value = strings.add(lemmatizer.lemmatize(doc[i])[0])
                remembered[key] = value
            lemmas.append(value)
        column: Any = np.array(lemmas, dtype=np.uint64).reshape(-1, 1)
        doc.from_array(["LEMMA"], column)
        return doc


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Turn the lemmatizer's word lists (``lemma_index``, one per part of speech) into sets.

    The rule lemmatizer asks whether each form its suffix rules make is a known word, and
    the tables ship as lists: every new noun cost a scan of 57,528 nouns per matching rule
    (a worked-out lemma took about a millisecond). Membership, and so every lemma, is the
    same in a set."""
    if not lemmatizer.lookups.has_table("lemma_index"):
        return
    index = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(index.items()):
        if isinstance(words, list):
            index[key] = frozenset(words)


def use_cached_lemmatizer(nlp: Language) -> None:
    """Replace ``nlp``'s rule or lookup ``lemmatizer`` (if any) by a :class:`CachedLemmatizer`
    answering for it."""
    if _NAME not in nlp.pipe_names:
        return
    original = nlp.get_pipe(_NAME)
    if not isinstance(original, Lemmatizer) or original.mode not in ("rule", "lookup"):
        return
    cached = nlp.replace_pipe(_NAME, "eventwire_lemmatizer")
    assert isinstance(cached, CachedLemmatizer)
    cached.wrap(original)


def lemma_exceptions(path: Path = EXCEPTIONS_PATH) -> dict[str, dict[str, str]]:
    """The exception file as {part of speech: {form: lemma}} (``ConfigError`` when malformed)."""
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
        table = {
            pos: {str(form): str(lemma) for lemma, forms in data[pos].items() for form in forms}
            for pos in ("verb", "noun")
        }
    except (OSError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(f"{path}: not a lemma exception file ({exc})") from None
    return table


def add_lemma_exceptions(nlp: Language, path: Path = EXCEPTIONS_PATH) -> None:
    """Make the rule lemmatizer of ``nlp`` answer the exception file's lemma for its forms.

    spaCy's own exception table cannot do it: its rule lemmatizer moves an exception to the
    front only when the suffix rules did not already make it, and "staged" gives both "stag"
    and "stage", "stag" first. So the lemmatizer's ``lemmatize`` is wrapped: a listed form of
    the token's part of speech gets its listed lemma, every other token the model's. A
    pipeline without a rule lemmatizer is left alone; wrapping twice wraps once."""
    if _NAME not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe(_NAME)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return
    if getattr(lemmatizer, "_eventwire_exceptions", None) is not None:
        return
    table = lemma_exceptions(path)
    original = lemmatizer.lemmatize

    def lemmatize(token: Token) -> list[str]:
        lemma = table.get(token.pos_.lower(), {}).get(token.lower_)
        return [lemma] if lemma is not None else original(token)

    lemmatizer.lemmatize = lemmatize
    lemmatizer._eventwire_exceptions = table  # type: ignore[attr-defined]
