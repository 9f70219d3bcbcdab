"""TokenPatternIndex finds what spaCy's Matcher finds, for the patterns it accepts."""

from __future__ import annotations

import json
from itertools import islice

import pytest
import spacy
from spacy.language import Language
from spacy.matcher import Matcher

from eventwire.nlp.token_patterns import TokenPatternIndex
from eventwire.time._patterns import PATTERNS
from tests.conftest import shared_path

PATTERNS_BY_HAND = {
    "A": [[{"LOWER": "last"}, {"LOWER": {"IN": ["week", "month"]}}]],
    "B": [[{"ORTH": {"IN": ["May", "June"]}}, {"ORTH": ",", "OP": "?"}, {"SHAPE": "dddd"}]],
    "C": [[{"LOWER": {"REGEX": r"^\d{1,2}(st|nd|th)?$"}}, {"LOWER": "of", "OP": "?"}]],
    "D": [[{"TAG": {"NOT_IN": ["NN"]}, "LOWER": "the"}, {"IS_SPACE": False}]],
}
TEXT = "Last week , in June , 2024 and on the 3rd of May 2023 the 12 talks ; June 1999 ."


@pytest.fixture(scope="module")
def tokenizer() -> Language:
    return spacy.blank("en")


def _both(
    nlp: Language, patterns: dict[str, list[list[dict[str, object]]]]
) -> tuple[Matcher, TokenPatternIndex]:
    matcher, index = Matcher(nlp.vocab), TokenPatternIndex(nlp.vocab)
    for label, group in patterns.items():
        matcher.add(label, group)  # type: ignore[arg-type]
        for pattern in group:
            assert index.add(int(nlp.vocab.strings.add(label)), pattern)
    return matcher, index


def test_hand_made_patterns_match_as_the_matcher_matches_them(tokenizer: Language) -> None:
    matcher, index = _both(tokenizer, PATTERNS_BY_HAND)
    doc = tokenizer(TEXT)
    expected = sorted(matcher(doc), key=lambda m: (m[1], m[2], m[0]))
    assert len(expected) >= 6  # optional tokens give both lengths
    assert index(doc) == expected


def test_patterns_it_cannot_hold_are_refused(tokenizer: Language) -> None:
    index = TokenPatternIndex(tokenizer.vocab)
    assert not index.add(1, [{"LOWER": "very", "OP": "+"}])
    assert not index.add(1, [{"POS": "NOUN"}])
    assert not index.add(1, [{"LOWER": {">=": 3}}])
    assert not index.add(1, [])
    assert len(index) == 0
    assert index(tokenizer("anything")) == []


def test_the_time_patterns_match_as_the_matcher_matches_them_on_real_text(
    tokenizer: Language,
) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))]
    corpus = shared_path("corpora", "gigaword_afp_xinhua.jsonl")
    with corpus.open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in islice(lines, 300)]
    matcher, index = _both(tokenizer, PATTERNS)
    found = 0
    for doc in tokenizer.pipe(texts):
        expected = sorted(matcher(doc), key=lambda m: (m[1], m[2], m[0]))
        assert index(doc) == expected
        found += len(expected)
    assert found > 1000
