"""The model's attribute ruler with its one-token rules looked up instead of matched.

spaCy's ``AttributeRuler`` runs every rule through a ``Matcher``; in the English pipelines
almost all of its 179 rules are one token long ("TAG NN → POS NOUN", "LOWER 'not' with TAG RB
→ …"), and matching them cost 12 ms an article of Gigaword wire copy — about a tenth of the
whole model's time, more than all of our own components but the coder (issue 7,
docs/performance.md). ``IndexedAttributeRuler`` holds the same rules and finds the same
matches: the rules are filed in a :class:`~eventwire.nlp.token_patterns.TokenPatternIndex`
(looked up by a value of their first token); a rule it cannot hold still goes through a
``Matcher`` (the English pipelines have none). The matches are sorted and applied by
spaCy's own ``set_annotations``, so the annotations are the same, token for token
(tests/nlp/test_attribute_ruler.py compares both on the seeds and Gigaword articles).

``use_indexed_attribute_ruler(nlp)`` swaps it in for the model's ``attribute_ruler``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from .token_patterns import TokenPatternIndex

__all__ = ["IndexedAttributeRuler", "use_indexed_attribute_ruler"]

_NAME = "attribute_ruler"


@Language.factory("eventwire_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """spaCy factory of :class:`IndexedAttributeRuler` (empty: rules come with ``copy_from``)."""
    return IndexedAttributeRuler(nlp.vocab, name=name)


class IndexedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose ``match`` looks its rules up (same matches)."""

    def __init__(self, vocab: Vocab, name: str = _NAME) -> None:
        super().__init__(vocab, name=name)
        self._index = TokenPatternIndex(vocab)
        self._longer = Matcher(vocab)  # rules the index cannot hold (none in the English models)

    def copy_from(self, ruler: AttributeRuler) -> None:
        """Take over every rule of ``ruler``, in its order (rule numbers, and so precedence,
        are kept)."""
        self.add_patterns(ruler.patterns)

    def add(
        self, patterns: Iterable[list[dict[int | str, Any]]], attrs: dict[Any, Any], index: int = 0
    ) -> None:
        rule = len(self.attrs)
        patterns = list(patterns)
        super().add(patterns, attrs, index)
        for pattern in patterns:
            if not self._index.add(rule, pattern):
                self._longer.add(str(rule), [pattern])  # type: ignore[list-item]

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        strings = doc.vocab.strings
        found = [(rule, strings[str(rule)], start, end) for rule, start, end in self._index(doc)]
        if len(self._longer):
            for match_id, start, end in self._longer(doc, allow_missing=True):
                found.append((int(strings[match_id]), match_id, start, end))
        # The Matcher reports a rule once per span; sorted by rule as spaCy's own ``match``
        # does, so that later rules take precedence.
        return sorted(set(found))


def use_indexed_attribute_ruler(nlp: Language) -> None:
    """Replace ``nlp``'s ``attribute_ruler`` (if any) by an :class:`IndexedAttributeRuler`
    holding the same rules."""
    if _NAME not in nlp.pipe_names:
        return
    original = nlp.get_pipe(_NAME)
    if not isinstance(original, AttributeRuler) or isinstance(original, IndexedAttributeRuler):
        return
    indexed = nlp.replace_pipe(_NAME, "eventwire_attribute_ruler")
    assert isinstance(indexed, IndexedAttributeRuler)
    indexed.copy_from(original)
