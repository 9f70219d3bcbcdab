"""Token patterns looked up instead of matched: the same matches as spaCy's ``Matcher`` for
patterns of fixed length, at a fraction of the cost.

spaCy's ``Matcher`` evaluates every pattern's first-token predicates on every token; with the
model's attribute rules and our time patterns that was 12 ms and 4 ms an article of wire copy
(issue 7, docs/performance.md). Here each pattern is filed under an exact (or ``IN``) value of
its first token — ``LOWER == "last"``, ``TAG == "NN"`` — and only the patterns filed under a
token's own values are tried there, on the token rows of ``Doc.to_array``. Optional tokens
(``"OP": "?"``) are expanded into the fixed-length variants they stand for; the matches are the
Matcher's (every start and length, each (key, start, end) once). Patterns with other operators
or attributes are refused (``add`` returns False) and belong in a ``Matcher``.

>>> index = TokenPatternIndex(nlp.vocab)                          # doctest: +SKIP
>>> index.add(1, [{"LOWER": "last"}, {"LOWER": {"IN": ["week", "month"]}}])  # doctest: +SKIP
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from itertools import product
from typing import Any

from spacy.tokens import Doc
from spacy.vocab import Vocab

__all__ = ["TokenPatternIndex"]

# Token attributes a looked-up pattern may test (string attributes are compared as hashes).
_STRING_ATTRS = ("ORTH", "LOWER", "TAG", "DEP", "SHAPE")
_BOOLEAN_ATTRS = ("IS_SPACE",)
_PREDICATES = ("IN", "NOT_IN", "REGEX")
# Patterns with more optional tokens than this are left to a Matcher (2**n variants).
_MAX_OPTIONAL = 4

# Distinct values remembered per REGEX test before it starts afresh (bounds the memory of a
# long run over an ever-growing vocabulary).
_MEMO_SIZE = 200_000

_Row = list[int]
_Check = Callable[[_Row], bool]
# A filed pattern: its key, the test of its first token beyond the filed value (None: none)
# and the tests of the tokens that follow it.
_Entry = tuple[int, "_Check | None", tuple[_Check, ...]]


class TokenPatternIndex:
    """Fixed-length token patterns filed by a value of their first token."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._columns: list[str] = []  # attributes in Doc.to_array order
        # One-token patterns (``_filed``, ``_everywhere``) and longer ones (``_long``): per
        # column, value → entries; entries filed under no value.
        self._filed: list[dict[int, list[_Entry]]] = []
        self._everywhere: list[_Entry] = []
        self._filed_long: list[dict[int, list[_Entry]]] = []
        self._everywhere_long: list[_Entry] = []
        # The keys of the one-token patterns a token row matches, by row: most of the model's
        # attribute rules are one token long, and wire copy repeats its tokens.
        self._singles: dict[tuple[int, ...], tuple[int, ...]] = {}
        self._size = 0
        self._strings = vocab.strings

    def __len__(self) -> int:
        return self._size

    def add(self, key: int, pattern: Sequence[Mapping[Any, Any]]) -> bool:
        """File ``pattern`` under ``key``; False (and nothing filed) when it cannot be looked
        up: an operator other than "?", an attribute or predicate not handled here."""
        if not pattern or not all(_supported(spec) for spec in pattern):
            return False
        optional = [i for i, spec in enumerate(pattern) if spec.get("OP") == "?"]
        if len(optional) > _MAX_OPTIONAL:
            return False
        for variant in _variants(pattern, optional):
            self._file(key, variant)
        self._singles.clear()
        self._size += 1
        return True

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(key, start, end) of every match in ``doc``, each once, in order."""
        self._strings = doc.vocab.strings  # a REGEX reads the Doc's own strings
        found: set[tuple[int, int, int]] = set()
        if not self._size or not len(doc):
            return []
        rows = doc.to_array(list[int | str](self._columns)).tolist()
        if len(self._columns) == 1:
            rows = [[value] for value in rows]
        singles = self._singles
        if len(singles) >= _MEMO_SIZE:
            singles.clear()
        filed = [(column, table) for column, table in enumerate(self._filed_long) if table]
        everywhere = self._everywhere_long
        for i, row in enumerate(rows):
            values = tuple(row)
            keys = singles.get(values)
            if keys is None:
                keys = singles[values] = self._single_keys(row)
            for key in keys:
                found.add((key, i, i + 1))
            for column, table in filed:
                entries = table.get(row[column])
                if entries:
                    _try(entries, rows, i, found)
            if everywhere:
                _try(everywhere, rows, i, found)
        return sorted(found, key=lambda match: (match[1], match[2], match[0]))

    def _single_keys(self, row: _Row) -> tuple[int, ...]:
        """The keys of the one-token patterns ``row`` matches (a key may repeat)."""
        keys = []
        for column, table in enumerate(self._filed):
            for key, check, _ in table.get(row[column], ()):
                if check is None or check(row):
                    keys.append(key)
        for key, check, _ in self._everywhere:
            if check is None or check(row):
                keys.append(key)
        return tuple(keys)

    # --- filing -------------------------------------------------------------------------------

    def _column(self, attr: str) -> int:
        if attr not in self._columns:
            self._columns.append(attr)
            self._filed.append({})
            self._filed_long.append({})
            self._singles.clear()  # rows gain a column
        return self._columns.index(attr)

    def _value(self, attr: str, value: object) -> int:
        if attr in _BOOLEAN_ATTRS:
            return int(bool(value))
        return int(self.vocab.strings.add(str(value)))

    def _file(self, key: int, pattern: Sequence[Mapping[Any, Any]]) -> None:
        first, rest = pattern[0], pattern[1:]
        following = tuple(self._check(spec) or _anything for spec in rest)
        for attr, wanted in first.items():
            if attr == "OP" or (isinstance(wanted, dict) and "IN" not in wanted):
                continue
            values = list(wanted["IN"]) if isinstance(wanted, dict) else [wanted]
            column = self._column(attr)
            # The filed value is the lookup itself: only the other conditions are tested.
            check = self._check({k: v for k, v in first.items() if k != attr})
            filed = self._filed_long if following else self._filed
            for value in values:
                entries = filed[column].setdefault(self._value(attr, value), [])
                entries.append((key, check, following))
            return
        everywhere = self._everywhere_long if following else self._everywhere
        everywhere.append((key, self._check(first), following))

    def _check(self, spec: Mapping[Any, Any]) -> _Check | None:
        tests = [self._test(attr, wanted) for attr, wanted in spec.items() if attr != "OP"]
        if not tests:
            return None
        if len(tests) == 1:
            return tests[0]
        return lambda row: all(test(row) for test in tests)

    def _test(self, attr: str, wanted: object) -> _Check:
        column = self._column(attr)
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
        # Memoised by value: wire copy repeats its words, and a REGEX first token is tried on
        # every token of every Doc.
        known: dict[int, bool] = {}

        def search(row: _Row) -> bool:
            value = row[column]
            answer = known.get(value)
            if answer is None:
                if len(known) >= _MEMO_SIZE:
                    known.clear()
                answer = known[value] = pattern.search(self._strings[value]) is not None
            return answer

        return search


def _supported(spec: Mapping[Any, Any]) -> bool:
    for attr, wanted in spec.items():
        if attr == "OP":
            if wanted != "?":
                return False
        elif attr in _BOOLEAN_ATTRS:
            if isinstance(wanted, dict):
                return False
        elif attr not in _STRING_ATTRS or (
            isinstance(wanted, dict)
            and not (len(wanted) == 1 and next(iter(wanted)) in _PREDICATES)
        ):
            return False
    return True


def _variants(
    pattern: Sequence[Mapping[Any, Any]], optional: Sequence[int]
) -> Iterator[list[Mapping[Any, Any]]]:
    """The fixed-length patterns a pattern with optional tokens stands for (none empty)."""
    for present in product((True, False), repeat=len(optional)):
        dropped = {i for i, keep in zip(optional, present, strict=True) if not keep}
        variant = [spec for i, spec in enumerate(pattern) if i not in dropped]
        if variant:
            yield variant


def _try(entries: list[_Entry], rows: list[_Row], i: int, found: set[tuple[int, int, int]]) -> None:
    for key, check, following in entries:
        end = i + 1 + len(following)
        if end > len(rows) or (check is not None and not check(rows[i])):
            continue
        if all(test(rows[i + offset]) for offset, test in enumerate(following, start=1)):
            found.add((key, i, end))


def _anything(row: _Row) -> bool:
    return True
