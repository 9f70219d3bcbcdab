"""Direct quotations and their speakers.

A quotation is text between matching quotation marks — curly (“…”, ‘…’) or straight ("…") —
within one paragraph; news style leaves a quotation that runs over several paragraphs open at
each paragraph's end, so an unclosed quotation ends with its paragraph. Quotations shorter than
``min_words`` words are scare quotes ("called “absurd”", "“constructive” talks") and are not
reported.

The speaker is the subject of a verb of saying outside the quotation, in the sentence where the
quotation ends (""…," he said", ""…," said X", ""…," X told reporters") or else where it
begins ("X said: "…""). A pronoun or role noun ("he", "the minister") resolves to the most
recent salient person mention outside quotations (see ``mentions.MentionIndex``). A quotation
with no verb of saying of its own, opening its paragraph, continues the previous paragraph's
speaker (the last quotation's, or the subject of the last verb of saying there): "Braze said
she would be doing the same. ¶ "I will not be in one room …"" → Braze.

>>> [q.speaker.name for q in find_quotes(doc)]   # doctest: +SKIP
['Radoslaw Sikorski', 'Radoslaw Sikorski', 'Baiba Braze']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ...actors.model import UNRESOLVED
from ..model import ActorRef
from ..sides.clause import implicit_subject
from ..sides.mentions import ArgumentActor, MentionIndex, actor_ref

_TEXT_KEY = "eventwire.doc_text"

__all__ = [
    "SPEECH_VERBS",
    "AttributedQuote",
    "Quote",
    "attribute_quotes",
    "doc_text",
    "find_quotes",
    "forget_doc_text",
]

SPEECH_VERBS = frozenset(
    {
        "say",
        "tell",
        "add",
        "state",
        "write",
        "note",
        "warn",
        "insist",
        "stress",
        "underline",
        "comment",
        "announce",
        "declare",
        "explain",
        "argue",
        "ask",
        "reply",
        "respond",
        "quote",
        "remark",
        "tweet",
        "post",
        "told",
        "affirm",
        "emphasize",
        "emphasise",
        "claim",
        "vow",
        "conclude",
        "continue",
        "urge",
        "complain",
    }
)
# Fewer words than this between quotation marks is a scare quote, not a quotation: the seeds'
# scare quotes ("absurd", "constructive", "good sign", "critical moment") have 1–2 words and
# their shortest real quotation has 8.
DEFAULT_MIN_WORDS = 4
_OPENERS = {"“": "”", "‘": "’", '"': '"'}
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation: its words (without the marks), their character offsets into
    ``doc.text``, the speaker as an actor reference (None when no speaker was found; an
    unresolved speaker NP has ``actor_id`` None) and the index of the sentence it starts in."""

    text: str
    start: int
    end: int
    speaker: ActorRef | None
    sentence_index: int


@dataclass(frozen=True, slots=True)
class AttributedQuote:
    """A quotation with the speaker's argument (the actor behind a pronoun), for the coder."""

    quote: Quote
    speaker: ArgumentActor | None


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per Doc: spaCy joins every token on each access, which made the
    text lookups of quote attribution a third of the coder's time (benchmarks/coder.py)."""
    cached = doc.user_data.get(_TEXT_KEY)
    if not isinstance(cached, str):
        cached = doc.text
        doc.user_data[_TEXT_KEY] = cached
    return cached


def forget_doc_text(doc: Doc) -> None:
    """Drop the cached text (so that it is not serialised with the Doc)."""
    doc.user_data.pop(_TEXT_KEY, None)


def find_quotes(
    doc: Doc, index: MentionIndex | None = None, min_words: int = DEFAULT_MIN_WORDS
) -> list[Quote]:
    """The direct quotations of ``doc`` with their speakers (rules in the module docstring)."""
    return [a.quote for a in attribute_quotes(doc, index or MentionIndex.from_doc(doc), min_words)]


def quote_ranges(text: str, min_words: int = DEFAULT_MIN_WORDS) -> list[tuple[int, int]]:
    """Character ranges (inside the marks) of the quotations in ``text``."""
    ranges: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        char = text[i]
        if char in _OPENERS and _opens(text, i):
            closer = _OPENERS[char]
            start = i + 1
            end = start
            while end < n and text[end] != "\n":
                if text[end] == closer and (closer != "’" or _closes(text, end)):
                    break
                end += 1
            if len(_WORD.findall(text[start:end])) >= min_words:
                ranges.append((start, end))
            i = end + 1
            continue
        i += 1
    return ranges


def attribute_quotes(
    doc: Doc, index: MentionIndex, min_words: int = DEFAULT_MIN_WORDS
) -> list[AttributedQuote]:
    """Quotations with their speakers; see :func:`find_quotes`."""
    ranges = quote_ranges(doc_text(doc), min_words)
    index = index.with_quotes(ranges, lambda _offset: None)
    sentences = list(doc.sents)
    found: list[AttributedQuote] = []
    previous_speaker: ArgumentActor | None = None
    previous_paragraph = -1
    for start, end in ranges:
        paragraph = doc_text(doc).count("\n", 0, start)
        speaker, has_verb = _speaker(doc, sentences, start, end, ranges, index)
        if not has_verb and _opens_paragraph(doc, start):
            speaker = _last_speaker_in_paragraph(doc, paragraph - 1, index)
            if speaker is None and paragraph == previous_paragraph + 1:
                speaker = previous_speaker
        elif not has_verb and paragraph == previous_paragraph:
            speaker = previous_speaker
        sentence_index = _sentence_index(sentences, start)
        text = doc_text(doc)[start:end].strip()
        quote = Quote(text, start, end, _speaker_ref(speaker), sentence_index)
        found.append(AttributedQuote(quote, speaker))
        previous_speaker = speaker if speaker is not None else previous_speaker
        previous_paragraph = doc_text(doc).count("\n", 0, end)
    return found


# -- internals ------------------------------------------------------------------------------


def _opens(text: str, i: int) -> bool:
    char = text[i]
    if char == "‘":
        return i == 0 or not text[i - 1].isalnum()
    if char == '"':
        # A straight mark opens when it is not glued to the end of a word.
        return i == 0 or not text[i - 1].isalnum() or text[i - 1] in "([{"
    return True


def _closes(text: str, i: int) -> bool:
    # "’" is also the apostrophe ("Russia’s"): it closes only when no letter follows.
    return i + 1 >= len(text) or not text[i + 1].isalpha()


def _opens_paragraph(doc: Doc, start: int) -> bool:
    line_start = doc_text(doc).rfind("\n", 0, start) + 1
    return doc_text(doc)[line_start : start - 1].strip() == ""


def _sentence_index(sentences: list[Span], char: int) -> int:
    for number, sent in enumerate(sentences):
        if sent.start_char <= char < sent.end_char + 1:
            return number
    return len(sentences) - 1


def _inside(char: int, ranges: list[tuple[int, int]]) -> bool:
    return any(start - 1 <= char <= end for start, end in ranges)


def _speech_verbs(span: Span, ranges: list[tuple[int, int]], lo: int, hi: int) -> list[Token]:
    return [
        t
        for t in span
        if lo <= t.idx < hi
        and t.pos_ in ("VERB", "AUX")
        and t.lemma_.lower() in SPEECH_VERBS
        and not _inside(t.idx, ranges)
    ]


def _speaker(
    doc: Doc,
    sentences: list[Span],
    start: int,
    end: int,
    ranges: list[tuple[int, int]],
    index: MentionIndex,
) -> tuple[ArgumentActor | None, bool]:
    end_sent = sentences[_sentence_index(sentences, max(start, end - 1))]
    # A closing mark often lands in the next sentence (""…," he said" splits after the comma).
    after = [end_sent]
    following = _sentence_index(sentences, end_sent.end_char + 1)
    if following < len(sentences) and sentences[following].start > end_sent.start:
        after.append(sentences[following])
    candidates: list[Token] = []
    paragraph_end = doc_text(doc).find("\n", end)
    if paragraph_end < 0:
        paragraph_end = len(doc_text(doc))
    for sent in after:
        tail_end = min(sent.end_char, paragraph_end)
        next_quote = [s for s, _ in ranges if s > end]
        if next_quote:
            tail_end = min(tail_end, next_quote[0] - 1)
        candidates += _speech_verbs(sent, ranges, end, tail_end)
        if candidates:
            break
    if not candidates:
        start_sent = sentences[_sentence_index(sentences, start)]
        paragraph_start = doc_text(doc).rfind("\n", 0, start) + 1
        lo = max(start_sent.start_char, paragraph_start)
        candidates = list(reversed(_speech_verbs(start_sent, ranges, lo, start)))
    for verb in candidates:
        subjects = implicit_subject(verb, 0)
        if not subjects:
            continue
        arg = index.resolve(subjects[0])
        if arg is not None:
            return arg, True
        return _unresolved(subjects[0]), True
    return None, bool(candidates)


def _unresolved(token: Token) -> ArgumentActor:
    span = token.doc[token.left_edge.i : token.right_edge.i + 1]
    if len(span) > 8:  # a subject clause, not a name: keep just the head word
        span = token.doc[token.i : token.i + 1]
    return ArgumentActor(token, span, UNRESOLVED, "mention")


def _last_speaker_in_paragraph(
    doc: Doc, paragraph: int, index: MentionIndex
) -> ArgumentActor | None:
    if paragraph < 0:
        return None
    lines = doc_text(doc).split("\n")
    if paragraph >= len(lines):
        return None
    lo = sum(len(line) + 1 for line in lines[:paragraph])
    hi = lo + len(lines[paragraph])
    verbs = [
        t
        for t in doc
        if lo <= t.idx < hi and t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in SPEECH_VERBS
    ]
    for verb in reversed(verbs):
        for subject in implicit_subject(verb, 0):
            arg = index.resolve(subject)
            if arg is not None:
                return arg
    return None


def _speaker_ref(speaker: ArgumentActor | None) -> ActorRef | None:
    return actor_ref(speaker)
