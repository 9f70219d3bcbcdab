"""The pre-check of trigger matching (issue 7): ``TriggerForms`` may pass over a token only when
no lexicon entry could match it, so ``find_triggers`` finds what it found without it."""

from __future__ import annotations

import json
from itertools import islice

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from eventwire.events.triggers.lexicon import Lexicon, default_lexicon
from eventwire.events.triggers.matching import (
    TriggerForms,
    TriggerMatch,
    find_triggers,
    match_token,
)

from ..conftest import shared_path


class _Unfiltered:
    """The shipped lexicon without its forms: ``find_triggers`` then tries every token."""

    def __init__(self, lexicon: Lexicon) -> None:
        self._lexicon = lexicon
        self.verb_entries = lexicon.verb_entries
        self.noun_entries = lexicon.noun_entries


def _key(match: TriggerMatch) -> tuple[object, ...]:
    parts = (match.particle_token, match.prep_token, match.object_token)
    return (match.token.i, match.entry, match.specificity, *(p and p.i for p in parts))


def test_forms_hold_every_entry_lemma_and_its_word_prefixes() -> None:
    lexicon = default_lexicon()
    forms = lexicon.trigger_forms
    assert lexicon.entries
    for entry in lexicon.entries:
        words = entry.lemma.split(" ")
        for n in range(1, len(words) + 1):
            assert " ".join(words[:n]) in forms, entry
    assert "take over" in TriggerForms(["take over"])
    assert "take" in TriggerForms(["take over"])
    assert "over" not in TriggerForms(["take over"])


@pytest.mark.parametrize(
    ("text", "word", "admitted"),
    [
        ("The two sides held talks in Geneva.", "talks", True),  # a plural lemmatised to itself
        ("Russia will take over the talks.", "take", True),  # the first word of "take over"
        ("Russia is willing to negotiate.", "willing", True),  # a predicative adjective
        ("The weather in Geneva was mild.", "weather", False),
        ("The weather in Geneva was mild.", "Geneva", False),
    ],
)
def test_forms_admit_tokens_by_lemma_or_form(
    parser: Language, text: str, word: str, admitted: bool
) -> None:
    forms = TriggerForms(["talk", "talks", "take over", "willing", "negotiate"])
    doc = parser(text)
    token = next(t for t in doc if t.text == word)
    assert forms.admits(token) is admitted
    assert forms.admits(token) is admitted  # the remembered verdict is the same


def test_a_capitalised_lemma_is_lowered_before_the_check(parser: Language) -> None:
    doc = Doc(parser.vocab, words=["Talks", "began"], lemmas=["Talks", "begin"])
    assert TriggerForms(["talks"]).admits(doc[0])
    assert not TriggerForms(["talk"]).admits(doc[0])


@pytest.fixture(scope="module")
def real_docs(parser: Language) -> list[Doc]:
    seeds = sorted(shared_path("seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    corpus = shared_path("corpora", "gigaword_afp_xinhua.jsonl")
    with corpus.open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in islice(lines, 80)]
    return list(parser.pipe(texts))


@pytest.mark.shared
@pytest.mark.slow
def test_every_token_match_token_matches_passes_the_forms(real_docs: list[Doc]) -> None:
    lexicon = default_lexicon()
    forms = lexicon.trigger_forms
    matched = [t for doc in real_docs for t in doc if match_token(t, lexicon) is not None]
    assert len(matched) > 200  # the texts exercise the lexicon
    assert all(forms.admits(t) for t in matched)
    skipped = sum(not forms.admits(t) for doc in real_docs for t in doc)
    assert skipped > sum(len(doc) for doc in real_docs) // 2  # and most words are passed over


@pytest.mark.shared
@pytest.mark.slow
def test_find_triggers_finds_the_same_with_and_without_the_forms(real_docs: list[Doc]) -> None:
    lexicon = default_lexicon()
    unfiltered = _Unfiltered(lexicon)
    for doc in real_docs:
        for sentence in doc.sents:
            expected = [_key(m) for m in find_triggers(sentence, unfiltered)]
            assert [_key(m) for m in find_triggers(sentence, lexicon)] == expected
