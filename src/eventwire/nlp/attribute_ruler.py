"""The model's attribute ruler with its one-token rules looked up instead of matched.

spaCy's ``AttributeRuler`` runs every rule through a ``Matcher``; in the English pipelines
almost all of its 179 rules are one token long ("TAG NN → POS NOUN", "LOWER 'not' with TAG RB
→ …"), and matching them cost 12 ms an article of Gigaword wire copy — about a tenth of the
whole model's time, more than all of our own components but the coder (issue 7,
docs/performance.md). ``IndexedAttributeRuler`` holds the same rules and finds the same
matches: each rule is indexed by an exact (or ``IN``) value of its first token's ``LOWER``,
``TAG``, ``DEP`` or ``IS_SPACE`` and its other conditions are checked on the token rows of
``Doc.to_array``; a rule with operators (``OP``) or other attributes still goes through a
``Matcher`` (the English pipelines have none). The matches are sorted and applied by
spaCy's own ``set_annotations``, so the annotations are the same, token for token
(tests/nlp/test_attribute_ruler.py compares both on the seeds and Gigaword articles).

``use_indexed_attribute_ruler(nlp)`` swaps it in for the model's ``attribute_ruler``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["IndexedAttributeRuler", "use_indexed_attribute_ruler"]

_NAME = "attribute_ruler"
# Token attributes a one-token rule may test to be looked up rather than matched, in the
# order of the columns of ``Doc.to_array`` below.
_ATTRS = ("LOWER", "TAG", "DEP", "IS_SPACE")
_STRING_ATTRS = frozenset({"LOWER", "TAG", "DEP"})

_Check = Callable[[list[int]], bool]
# A looked-up rule: its number, the test of its first token (beyond the indexed value; None:
# nothing more) and the tests of the tokens that follow it.
_Entry = tuple[int, "_Check | None", tuple[_Check, ...]]


@Language.factory("eventwire_attribute_ruler")
def make_indexed_attribute_ruler(nlp: Language, name: str) -> IndexedAttributeRuler:
    """spaCy factory of :class:`IndexedAttributeRuler` (empty: rules come with ``copy_from``)."""
    return IndexedAttributeRuler(nlp.vocab, name=name)


class IndexedAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` whose ``match`` looks one-token rules up (same matches)."""

    def __init__(self, vocab: Vocab, name: str = _NAME) -> None:
        super().__init__(vocab, name=name)
        # (column, value) → the rules a token with that value may match, with the test of
        # their other conditions; rules with no exact or IN value are tried on every token.
        self._index: tuple[dict[int, list[_Entry]], ...] = tuple({} for _ in _ATTRS)
        self._everywhere: list[_Entry] = []
        self._longer = Matcher(vocab)
        self._strings = vocab.strings

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
            if all(_lookup_ready(spec) for spec in pattern):
                self._add_lookup(rule, pattern)
            else:
                self._longer.add(str(rule), [pattern])  # type: ignore[list-item]

    def _add_lookup(self, rule: int, pattern: Sequence[Mapping[Any, Any]]) -> None:
        first, rest = pattern[0], pattern[1:]
        following = tuple(self._check(spec) or _anything for spec in rest)
        for column, attr in enumerate(_ATTRS):
            wanted = first.get(attr)
            if wanted is None or (isinstance(wanted, dict) and "IN" not in wanted):
                continue
            values = list(wanted["IN"]) if isinstance(wanted, dict) else [wanted]
            # The indexed value is the lookup itself: only the other conditions are tested.
            check = self._check({k: v for k, v in first.items() if k != attr})
            for value in values:
                entries = self._index[column].setdefault(self._value(attr, value), [])
                entries.append((rule, check, following))
            return
        self._everywhere.append((rule, self._check(first), following))

    def _value(self, attr: str, value: object) -> int:
        if attr in _STRING_ATTRS:
            return int(self.vocab.strings.add(str(value)))
        return int(bool(value))

    def _check(self, spec: Mapping[Any, Any]) -> _Check | None:
        """A test of one token's row against the conditions of a one-token pattern (exact
        values, IN, NOT_IN, REGEX, with the Matcher's meaning of each); None: no condition."""
        tests = [self._test(_ATTRS.index(attr), attr, wanted) for attr, wanted in spec.items()]
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda row: all(test(row) for test in tests)

    def _test(self, column: int, attr: str, wanted: object) -> _Check:
        if not isinstance(wanted, dict):
            value = self._value(attr, wanted)
            return lambda row: row[column] == value
        if "IN" in wanted:
            allowed = frozenset(self._value(attr, v) for v in wanted["IN"])
            return lambda row: row[column] in allowed
        if "NOT_IN" in wanted:
            refused = frozenset(self._value(attr, v) for v in wanted["NOT_IN"])
            return lambda row: row[column] not in refused
        pattern = re.compile(wanted["REGEX"])
        # The strings of the Doc being matched (its vocab may be another pipeline's).
        return lambda row: pattern.search(self._strings[row[column]]) is not None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        strings = self._strings = doc.vocab.strings
        found: list[tuple[int, int, int, int]] = []
        index, everywhere = self._index, self._everywhere
        keys = [strings[str(rule)] for rule in range(len(self.attrs))]
        rows = doc.to_array(list(_ATTRS)).tolist()
        for i, row in enumerate(rows):
            for column, value in enumerate(row):
                for entry in index[column].get(value, ()):
                    _try(entry, rows, i, keys, found)
            for entry in everywhere:
                _try(entry, rows, i, keys, found)
        if len(self._longer):
            for match_id, start, end in self._longer(doc, allow_missing=True):
                found.append((int(strings[match_id]), match_id, start, end))
        # The Matcher reports a rule once per span; sorted by rule as spaCy's own ``match``
        # does, so that later rules take precedence.
        return sorted(set(found))


def _try(
    entry: _Entry,
    rows: list[list[int]],
    i: int,
    keys: list[int],
    found: list[tuple[int, int, int, int]],
) -> None:
    """Record ``entry``'s rule as matching at token ``i`` if its tokens match there."""
    rule, check, following = entry
    end = i + 1 + len(following)
    if end > len(rows) or (check is not None and not check(rows[i])):
        return
    for offset, test in enumerate(following, start=1):
        if not test(rows[i + offset]):
            return
    found.append((rule, keys[rule], i, end))


def _anything(row: list[int]) -> bool:
    return True


def _lookup_ready(spec: Mapping[Any, Any]) -> bool:
    """Whether a pattern token tests only attributes and predicates ``_check`` knows (no
    operators: a looked-up pattern is a fixed sequence of tokens)."""
    for attr, wanted in spec.items():
        if attr not in _ATTRS:
            return False
        if isinstance(wanted, dict) and not (
            len(wanted) == 1 and next(iter(wanted)) in ("IN", "NOT_IN", "REGEX")
        ):
            return False
        if attr == "IS_SPACE" and isinstance(wanted, dict):
            return False
    return True


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
