"""Do not parse what cannot hold an event: a token-only pre-pass that picks the sentences worth
the model's time.

Most of the cost of coding an article is the model's tagger, parser and NER over every token,
yet only about one sentence in nine of wire copy yields an event. Before the pipeline runs, this
pre-pass tokenises the article, splits it into sentences with spaCy's rule ``sentencizer`` (no
model), and keeps a sentence when it holds

* an **actor candidate**: a name, demonym, capital or title of the actors knowledge base, a
  pronoun we resolve, or a capitalised word that is not the first of its sentence (an unknown
  person or organisation the NER may find), and
* an **event expression candidate**: a word whose possible lemmas (the model's own lemmatizer
  exception and suffix tables, for every part of speech at once, so a superset) include a
  trigger of the coder's lexicon — for an entry that needs an object ("hold talks"), only
  when one of its object words is also in the sentence (with ``[pipeline]
  prefilter_requirements``, also its particle, "take over", target preposition, "trade
  with", or "to"-complement, "told X to leave", and a capitalised month is no "march") — or
  a word that triggers events
  outside the lexicon: denials and dismissals, deontic modals and blame words under a verb of
  saying, bare event nouns, and treaty nouns (for the treaties component).

The sentences before each kept one (``context``) are kept too: pronouns, surnames and
"the meeting" refer back to them. Every other sentence is **blanked**: its characters become
spaces (newlines stay) and its last one a full stop, so the text keeps its length and every
character offset the pipeline produces — actor mentions, events, quotes, treaty sources — still
points into the article's own text. A blanked sentence is two tokens (whitespace and "."),
which the model passes over at almost no cost, marked as a sentence of its own so it never
joins a kept one and sentence windows keep their reach.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

__all__ = [
    "EventWords",
    "Requirement",
    "Selection",
    "SentenceSelector",
    "event_words",
    "line_breaks",
    "mark_line_breaks",
    "prepare_doc",
    "sentence_rows",
]

# Words that trigger events with no lexicon entry of their own, by the module that codes them.
# Deontic modals and blame words count only under a verb of saying (events.reported); the
# constants of that module that are private are repeated here, and tests/nlp guard the seeds.
_REPORTED_WORDS = frozenset(
    {"must", "should", "ought", "have", "need", "responsible", "culpable", "guilty", "behind",
     "blame"}
)  # fmt: skip
# Words that refer back to an actor named in an earlier sentence (the actors and events layers
# resolve he/she and they/them over a window of sentences).
_REFERRING = frozenset({"he", "she", "him", "her", "his", "they", "them", "their"})
# Capitalised words that name no actor (dates are in most wire sentences).
_CALENDAR = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
     "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"}
)  # fmt: skip
_BLANK = re.compile(r"[^\n]")
# Words and marks a line cannot end with when its sentence ends there: a hard-wrapped sentence
# goes on ("the town of\nBakhmut"), whatever the case of the next line's first word.
_UNFINISHED = frozenset(
    {",", "-", "–", "(", "[", "“", "‘", "a", "an", "the", "and", "or", "but", "nor", "of", "to",
     "for", "with", "from", "by", "at", "into", "onto", "between", "among", "against", "his",
     "her", "their", "its", "our", "my", "your", "whose", "which", "who", "whom", "is",
     "are", "was", "were", "will", "would", "has", "have", "had", "mr.", "mrs.",
     "ms.", "dr."}
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Requirement:
    """What a lexicon entry needs beside its lemma for the coder to match it: ``words`` that
    must all be in the sentence (its particle, the words of its target preposition, "to" for
    an infinitive complement) and, when ``objects`` is not empty, one of those lemmas."""

    words: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class EventWords:
    """The trigger words of the coder and the treaties component: lemmas that are a trigger on
    their own (``free``), and lemmas that are one only with what one of their entries
    requires (``conditional``)."""

    free: frozenset[str]
    conditional: Mapping[str, tuple[Requirement, ...]]


def event_words(lexicon: object | None = None, requirements: bool = True) -> EventWords:
    """The trigger words of ``lexicon`` (the coder's: anything iterable over entries with
    ``lemma``, ``particle``, ``prep``, ``complement`` and ``object_lemmas``; default: the
    shipped lexicon) and of the rules that code events outside it.

    An entry that names a particle, a target preposition or a complement matches only a
    trigger with that word as a child (``events.triggers.matching``): "take" codes only as
    "take over", "tell" only with "to", "trade" only with "with" or "in". Such a lemma is no
    event word in a sentence without the word (on 600 Gigaword articles, 4 % of the text kept
    before, none of it holding an event's trigger or side). ``requirements=False`` asks only
    for the object words, as the pre-filter does by default (``[pipeline]
    prefilter_requirements``).
    """
    from ..events.dating.coreference import BARE_EVENT_NOUNS
    from ..events.modality.cues import DENIAL_VERBS, DISMISSIVE_WORDS
    from ..events.triggers.lexicon import default_lexicon
    from ..treaties.cues import MEMBERSHIP_TRIGGERS, STEP_VERBS, TREATY_NOUNS

    chosen = lexicon if lexicon is not None else default_lexicon()
    free: set[str] = set()
    needs: dict[str, set[Requirement]] = {}
    for entry in chosen:  # type: ignore[attr-defined]
        words: set[str] = set()
        if requirements:
            words.update(entry.prep.split() if entry.prep else ())
            if entry.particle:
                words.add(entry.particle)
            if entry.complement is not None:
                words.add(entry.complement)  # "to", the one complement (lexicon.COMPLEMENTS)
        if not words and not entry.object_lemmas:
            free.add(entry.lemma)
        else:
            requirement = Requirement(frozenset(words), frozenset(entry.object_lemmas))
            needs.setdefault(entry.lemma, set()).add(requirement)
    free |= DENIAL_VERBS | DISMISSIVE_WORDS | set(BARE_EVENT_NOUNS) | TREATY_NOUNS
    free |= set(STEP_VERBS) | set(MEMBERSHIP_TRIGGERS)
    conditional = {
        lemma: tuple(sorted(alternatives, key=repr))
        for lemma, alternatives in needs.items()
        if lemma not in free
    }
    return EventWords(frozenset(free), conditional)


@dataclass(frozen=True, slots=True)
class Selection:
    """The pre-pass verdict on one text: its sentences (character spans, in order), which are
    kept, and the text with the others blanked (same length as the original)."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    kept: tuple[bool, ...]

    @property
    def kept_chars(self) -> int:
        return sum(
            end - start
            for (start, end), keep in zip(self.sentences, self.kept, strict=True)
            if keep
        )

    def blanked(self) -> tuple[tuple[int, int], ...]:
        """Character spans of the blanked sentences."""
        return tuple(span for span, keep in zip(self.sentences, self.kept, strict=True) if not keep)


class SentenceSelector:
    """Decides from tokens alone which sentences of an article could hold an event.

    >>> selector = SentenceSelector.from_pipeline(nlp)             # doctest: +SKIP
    >>> selector.select("The sun shone. Russia attacked Ukraine.").kept  # doctest: +SKIP
    (False, True)
    """

    def __init__(
        self,
        nlp: Language,
        names: Iterable[str],
        phrases: Iterable[str],
        pronouns: Iterable[str],
        lexicon: object | None = None,
        context: int = 2,
        requirements: bool = False,
    ) -> None:
        self._tokenizer = nlp.tokenizer
        # The rule sentencizer's punctuation, applied by _sentence_bounds over token arrays.
        self._punct_chars = frozenset(Sentencizer.default_punct_chars)
        # Lower-cased forms by hash: the vocabulary repeats, each is looked up once.
        self._strings: dict[int, str] = {}
        self._names = PhraseMatcher(nlp.vocab, attr="ORTH")
        self._names.add("N", [nlp.make_doc(name) for name in names])
        self._phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self._phrases.add("V", [nlp.make_doc(phrase) for phrase in phrases])
        self._pronouns = frozenset(pronouns)
        # With ``requirements``, an entry's particle, preposition and complement words must be
        # in the sentence too, and a capitalised month is no event word (event_words).
        self._requirements = requirements
        found = event_words(lexicon, requirements)
        self._free, self._conditional = found.free, found.conditional
        from ..events.triggers.reported import SAY_VERBS

        self._say = SAY_VERBS
        self.context = context
        exceptions, rules = _lemma_tables(nlp)
        self._lemmas = lru_cache(maxsize=200_000)(
            lambda form: _candidate_lemmas(form, exceptions, rules)
        )

    @classmethod
    def from_pipeline(
        cls, nlp: Language, context: int = 2, requirements: bool = False
    ) -> SentenceSelector:
        """A selector reading the knowledge base and lexicon of ``nlp``'s own components."""
        from ..actors.coref import PRONOUNS
        from ..actors.data_access import load_knowledge_base
        from ..actors.kb import KnowledgeBase

        kb: KnowledgeBase = load_knowledge_base()
        if "eventwire_actors" in nlp.pipe_names:  # its own, with the user's dictionaries
            kb = getattr(nlp.get_pipe("eventwire_actors"), "kb", kb)
        lexicon = None
        if "eventwire_coder" in nlp.pipe_names:
            lexicon = getattr(nlp.get_pipe("eventwire_coder"), "lexicon", None)
        names: set[str] = set()
        for name, _ in kb.names():
            names.add(name)
            if name.startswith("the "):
                names.add("The " + name[4:])
        return cls(nlp, names, kb.vocabulary_phrases(), PRONOUNS, lexicon, context, requirements)

    def select(self, text: str) -> Selection:
        """Split ``text`` into sentences and keep those that could hold an event, with their
        ``context`` preceding sentences."""
        doc = self._tokenizer(text)
        tokens = _TokenTable.of(doc, self._strings, text)
        actor_tokens = self._actor_tokens(doc)
        texts, lowers, titles = tokens.texts, tokens.lowers, tokens.is_title
        sentences: list[tuple[int, int]] = []
        candidates: list[bool] = []
        referring: list[bool] = []
        names: list[set[str]] = []  # capitalised words the knowledge base does not know
        for start, end in _sentence_bounds(tokens, self._punct_chars):
            sentences.append(tokens.char_span(start, end))
            unknown = {
                texts[i]
                for i in range(start + 1, end)
                if titles[i] and i not in actor_tokens and lowers[i] not in _CALENDAR
            }
            names.append(unknown)
            lowered = set(lowers[start:end])
            forms = lowered
            if self._requirements and not lowered.isdisjoint(_CALENDAR):
                # "March" the month is no march: a capitalised month is no event word.
                forms = {lowers[i] for i in range(start, end) if not titles[i]} | (
                    lowered - _CALENDAR
                )
            has_actor = bool(unknown) or not actor_tokens.isdisjoint(range(start, end))
            has_actor = has_actor or not lowered.isdisjoint(self._pronouns)
            candidates.append(has_actor and self._has_event_word(forms, lowered))
            referring.append(not lowered.isdisjoint(_REFERRING))
        kept = list(candidates)
        for i, candidate in enumerate(candidates):
            if not candidate:
                continue
            # "He also attacked Washington": the person is named up to two sentences before
            # (the actors layer's pronoun window); "Shen refused": the full name came earlier.
            if referring[i]:
                for j in range(max(0, i - self.context), i):
                    kept[j] = True
            if names[i]:
                for j in range(i):
                    if not kept[j] and not names[j].isdisjoint(names[i]):
                        kept[j] = True
        return Selection(_blank(text, sentences, kept), tuple(sentences), tuple(kept))

    def _actor_tokens(self, doc: Doc) -> set[int]:
        found: set[int] = set()
        for matcher in (self._names, self._phrases):
            for _, start, end in matcher(doc):
                found.update(range(start, end))
        return found

    def _has_event_word(self, forms: Iterable[str], words: Set[str]) -> bool:
        """Whether a sentence holds an event expression: one of the lower-cased ``forms``
        may have a trigger lemma whose entry's required ``words`` (all the sentence's
        lower-cased words) and object lemmas are in the sentence too."""
        lemmas: set[str] = set()
        for form in forms:
            lemmas |= self._lemmas(form)
        if not lemmas.isdisjoint(self._free):
            return True
        if not lemmas.isdisjoint(_REPORTED_WORDS) and not lemmas.isdisjoint(self._say):
            return True
        conditional = self._conditional
        for lemma in lemmas:
            for requirement in conditional.get(lemma, ()):
                if requirement.words <= words and (
                    not requirement.objects or not requirement.objects.isdisjoint(lemmas)
                ):
                    return True
        return False


def prepare_doc(nlp: Language, selection: Selection) -> Doc:
    """A tokenised Doc of the blanked text in which every pre-pass sentence starts a sentence
    and each blanked one is a sentence of its own (the parser respects preset starts).

    Kept sentences keep the pre-pass boundaries too: a kept sentence glued by the parser to
    the one before it would take that sentence's date ("On Friday, North Korea released
    images …" / "The United States … have accused North Korea …" became one sentence, and
    the accusation was dated Friday).
    """
    doc = nlp.make_doc(selection.text)
    if not selection.sentences:
        return doc
    starts: list[int] = doc.to_array("IDX").tolist()  # no Token object per token
    blanked = selection.blanked()
    for start, _ in selection.sentences[1:]:
        first = bisect_right(starts, start) - 1  # the token holding the sentence's first char
        if first <= 0:
            continue
        if doc[first].is_space:
            # The kept text starts at its first word: a newline before it belongs to the
            # sentence before, as the parser of the whole text attaches it.
            following = first + 1
            while following < len(doc) and doc[following].is_space:
                following += 1
            if _inside(doc[first].idx, blanked):
                doc[first].is_sent_start = True
            first = following
        if first < len(doc):
            doc[first].is_sent_start = True
    for _, end in blanked:
        after = bisect_right(starts, end - 1)  # the first token after the blank's "."
        while after < len(doc) and doc[after].is_space:
            after += 1
        if after < len(doc):
            doc[after].is_sent_start = True
    return doc


def sentence_rows(
    doc: Doc, selection: Selection
) -> tuple[list[tuple[int, int]], Mapping[int, int]]:
    """The article's sentences after a filtered run: the parser's sentences where text was kept,
    the pre-pass sentences where it was blanked; in order. Also: index of each kept parser
    sentence in ``doc.sents`` → its position in that list."""
    blanked = selection.blanked()
    parsed = [
        (i, s.start_char, s.end_char)
        for i, s in enumerate(doc.sents)
        if s.text.strip() not in ("", ".") or not _inside(s.start_char, blanked)
    ]
    rows = sorted([(a, b) for _, a, b in parsed] + list(blanked))
    starts = [a for a, _ in rows]
    where = {i: bisect_right(starts, a) - 1 for i, a, _ in parsed}
    return rows, where


def _inside(char: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= char < end for start, end in spans)


@dataclass(frozen=True, slots=True)
class _TokenTable:
    """What the pre-pass reads of each token, as plain lists read from the Doc's arrays in one
    go: iterating a Doc builds a ``Token`` object per token and attribute read, which made
    that iteration most of the pre-pass's cost (2 ms an article of wire copy)."""

    texts: list[str]
    lowers: list[str]
    starts: list[int]
    is_title: list[bool]
    is_space: list[bool]
    is_punct: list[bool]
    is_lower: list[bool]

    @classmethod
    def of(
        cls, doc: Doc, strings: dict[int, str] | None = None, text: str | None = None
    ) -> _TokenTable:
        """The table of ``doc``; ``strings`` caches lower-cased forms by hash across calls, and
        ``text`` is the text ``doc`` was tokenised from (``Doc.text`` joins every token's)."""
        if not len(doc):
            return cls([], [], [], [], [], [], [])
        columns = doc.to_array(_ATTRS).T.tolist()
        lower_ids, starts, lengths, title, space, punct, lower = columns
        text = doc.text if text is None else text
        cache = strings if strings is not None else {}
        table = doc.vocab.strings
        lowers = []
        for key in lower_ids:
            form = cache.get(key)
            if form is None:
                form = cache[key] = table[key]
            lowers.append(form)
        return cls(
            [text[i : i + n] for i, n in zip(starts, lengths, strict=True)],
            lowers,
            starts,
            [bool(v) for v in title],
            [bool(v) for v in space],
            [bool(v) for v in punct],
            [bool(v) for v in lower],
        )

    def char_span(self, start: int, end: int) -> tuple[int, int]:
        """Characters of tokens ``start`` to ``end`` (exclusive), as ``Span.start_char`` and
        ``Span.end_char`` give them."""
        return self.starts[start], self.starts[end - 1] + len(self.texts[end - 1])


# Token attributes _TokenTable reads, in its column order.
_ATTRS: list[str | int] = ["LOWER", "IDX", "LENGTH", "IS_TITLE", "IS_SPACE", "IS_PUNCT", "IS_LOWER"]


def _sentencizer_starts(tokens: _TokenTable, punct_chars: frozenset[str]) -> list[int]:
    """The first token of each sentence as spaCy's rule ``Sentencizer`` (default punctuation)
    splits them: a sentence ends after a run of sentence-final marks and the punctuation
    that follows them. Same algorithm as ``Sentencizer.predict``, over the token table."""
    texts, is_punct = tokens.texts, tokens.is_punct
    if not texts:
        return []
    starts = [0]
    seen_period = False
    for i, text in enumerate(texts):
        final = text in punct_chars
        if seen_period and not is_punct[i] and not final:
            starts.append(i)
            seen_period = False
        elif final:
            seen_period = True
    return starts


def _sentence_bounds(tokens: _TokenTable, punct_chars: frozenset[str]) -> list[tuple[int, int]]:
    """The sentencizer's sentences (token ranges), cut again at line breaks
    (:func:`line_breaks`), except that one starting in lower case continues the one before:
    '"How can we…?" asked Luigi Manconi' is one sentence to the parser."""
    count = len(tokens.texts)
    starts = _sentencizer_starts(tokens, punct_chars)
    cuts = set(_line_breaks(tokens))
    is_space, is_punct, is_lower = tokens.is_space, tokens.is_punct, tokens.is_lower
    out: list[tuple[int, int]] = []
    for whole_start, whole_end in zip(starts, [*starts[1:], count], strict=True):
        for start, end in _cut_at_lines(is_space, whole_start, whole_end, cuts):
            first = next(
                (i for i in range(start, end) if not is_punct[i] and not is_space[i]), None
            )
            opening = next((i for i in range(start, end) if not is_space[i]), start)
            if out and first is not None and is_lower[first] and opening not in cuts:
                out[-1] = (out[-1][0], end)
            else:
                out.append((start, end))
    return out


def line_breaks(doc: Doc) -> list[int]:
    """Indexes of the tokens that start a new sentence because a line break ends the one before.

    Web pages and live blogs put headlines, captions, bylines, bullets and credit lines on lines
    of their own with no full stop, and the punctuation-based sentencizer glued them to the
    next sentence (a headline list of a live blog became one 600-character "sentence" that was
    coded). A line break ends a sentence unless the next line starts in lower case (a
    hard-wrapped sentence or a continued list item); a blank line always does.
    """
    return _line_breaks(_TokenTable.of(doc))


def _line_breaks(tokens: _TokenTable) -> list[int]:
    texts, lowers, is_space, is_lower = (
        tokens.texts,
        tokens.lowers,
        tokens.is_space,
        tokens.is_lower,
    )
    starts: list[int] = []
    for k in range(1, len(texts) - 1):
        if not is_space[k] or "\n" not in texts[k] or is_space[k + 1]:
            continue
        paragraph = texts[k].count("\n") >= 2
        if paragraph or (not is_lower[k + 1] and lowers[k - 1] not in _UNFINISHED):
            starts.append(k + 1)
    return starts


def mark_line_breaks(doc: Doc) -> Doc:
    """Preset the sentence starts of :func:`line_breaks` on an unparsed Doc (the parser keeps
    them), so a run without the pre-filter splits sentences as a filtered one does."""
    for i in line_breaks(doc):
        doc[i].is_sent_start = True
    return doc


def _cut_at_lines(
    is_space: list[bool], start: int, end: int, cuts: set[int]
) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    for i in range(start + 1, end):
        # Only whitespace before the break (the paragraph break the sentence opens with) is
        # no sentence of its own: it stays with the line after it.
        if i in cuts and not all(is_space[start:i]):
            pieces.append((start, i))
            start = i
    pieces.append((start, end))
    return pieces


def _blank(text: str, sentences: Sequence[tuple[int, int]], kept: Sequence[bool]) -> str:
    """Spaces for every character of the blanked sentences but newlines, and a full stop
    for the last one: each blanked sentence stays one sentence of its own, so windows counted
    in sentences (pronouns, date propagation) reach as far as over the whole text."""
    if all(kept):
        return text
    pieces = []
    previous = 0
    for (start, end), keep in zip(sentences, kept, strict=True):
        if keep:
            continue
        pieces.append(text[previous:start])
        blank = _BLANK.sub(" ", text[start:end])
        if blank and blank[-1] == " ":
            blank = blank[:-1] + "."
        pieces.append(blank)
        previous = end
    pieces.append(text[previous:])
    return "".join(pieces)


def _lemma_tables(
    nlp: Language,
) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[list[str]]]]:
    """The rule lemmatizer's exception and suffix tables of the model (empty without one)."""
    if "lemmatizer" not in nlp.pipe_names:
        return {}, {}
    lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
    exceptions = dict(lookups.get_table("lemma_exc")) if lookups.has_table("lemma_exc") else {}
    rules = dict(lookups.get_table("lemma_rules")) if lookups.has_table("lemma_rules") else {}
    return exceptions, rules


def _candidate_lemmas(
    form: str,
    exceptions: Mapping[str, Mapping[str, list[str]]],
    rules: Mapping[str, list[list[str]]],
) -> frozenset[str]:
    """Every lemma the rule lemmatizer could give ``form`` under any part of speech."""
    out = {form}
    for pos, table in exceptions.items():
        out.update(table.get(form, ()))
        del pos
    for pos_rules in rules.values():
        for old, new in pos_rules:
            if form.endswith(old):
                out.add(form[: len(form) - len(old)] + new)
    return frozenset(out)
