"""The treaty nouns of a Doc read from its arrays (issue 7) are the tokens that the per-token
test — a noun or proper noun whose lower-cased lemma is a treaty noun — picks."""

from __future__ import annotations

import json
from itertools import islice

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.treaties.cues import TREATY_NOUNS
from eventwire.treaties.extract import _treaty_noun_index

from ..conftest import shared_path


def _by_token(doc: Doc) -> frozenset[int]:
    return frozenset(
        t.i for t in doc if t.pos_ in ("NOUN", "PROPN") and t.lemma_.lower() in TREATY_NOUNS
    )


def test_nouns_and_proper_nouns_by_lowered_lemma(time_nlp: Language) -> None:
    words = ["The", "Treaty", "and", "the", "pacts", "treaty", "."]
    pos = ["DET", "PROPN", "CCONJ", "DET", "NOUN", "VERB", "PUNCT"]
    lemmas = ["the", "Treaty", "and", "the", "pact", "treaty", "."]
    doc = Doc(time_nlp.vocab, words=words, pos=pos, lemmas=lemmas)
    assert "treaty" in TREATY_NOUNS and "pact" in TREATY_NOUNS
    assert _treaty_noun_index(doc) == {1, 4}  # not the verb "treaty"
    assert _treaty_noun_index(doc) == _by_token(doc)
    assert _treaty_noun_index(Doc(time_nlp.vocab, words=[])) == frozenset()


@pytest.mark.shared
@pytest.mark.slow
def test_same_tokens_as_the_per_token_test_on_real_text(time_nlp: Language) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))]
    with shared_path("corpora", "gigaword_afp_xinhua.jsonl").open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in islice(lines, 60)]
    docs = list(time_nlp.pipe(texts))
    assert sum(len(_by_token(doc)) for doc in docs) > 20  # the texts name agreements
    for doc in docs:
        assert _treaty_noun_index(doc) == _by_token(doc)
