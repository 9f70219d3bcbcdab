"""Story time: an undated past-tense event takes the day of the narrative it continues.

A news story states the day of its main event once and tells the rest in the past tense
without repeating it (Reichenbach's reference time): "*On Thursday* … an IT worker went on a
stabbing spree, killing four. … The attacker was shot dead by police." The shooting has no
time expression of its own; the report date (Saturday) is wrong for it, Thursday is right.

The rule, applied once per document after coding (issue 14):

1. the event has no date of its own (``event_date.text`` None: the article's date stands in);
2. the verb of its clause is in the simple past ("was shot", "killed"; not "has offered", whose
   present relevance the report date fits, nor the past perfect, dated in ``attachment``), or
   it is in the present and reported by a verb in the simple past ("Maliki *said* he *rejects*
   sectarian activity": the statement is dated when it was said, as the reporting verb is);
3. the latest day-level time expression in the ``WINDOW_SENTENCES`` sentences before the
   event's sentence names a day on or before the article date — not one on a bare participle
   clause, a detail of another act ("sanctions, *announced* by Albright *on Tuesday*"; the
   story went on with Wednesday's statements) —, and no sentence between them
   is told in the present (its main verb in the present, present progressive or present
   perfect, outside a quotation): such a sentence brings the story back to the report's time
   (issue 14, an AFP story of April 1997, paraphrased: "The coalition was voted out of power
   *Friday*. The former partners *are trying* to form a government. An expert *blamed* the
   minister …" — the expert spoke on the report's day, not Friday);
4. the event's own sentence has no time expression before the trigger: such an expression
   has moved the story's time, even where it does not date the trigger's clause (issue 14,
   from a sample of Gigaword stories). When it names a day, that day is the story's
   ("Lavrov attacked the ODIHR *Monday* … and urged it …", ``[story time: 'Monday', same
   sentence]``); when it names anything longer, no day is the story's ("*Last year*, the
   authorities reported … and arrested 18,260 people" is not the day stated before), nor
   when it sits inside a noun phrase, whose day is that noun's only ("*Sunday's* attack was
   condemned").

then the event takes that day, with ``event_date.text`` saying where it came from
(``[story time: 'Thursday', 2 sentences before]``).

5. When no day is stated in the window and the latest time expression there names a year (or
   a part of one) over before the article's year — not in a quotation, not "since 2001" —,
   the story is told of that past, and an event not in reported speech is
   ``PAST_REF`` (``[story time: 'In 1995', 2 sentences before: before the article date]``),
   not the report's day (issue 14, an obituary: "*In 1995*, Chirac was elected … During his
   presidency he ended … He *sought* a more federal European Union").

A lead in the present perfect is dated the other way, by the sentence after it: wire copy opens
with what "has" happened and gives its day in the next sentence ("The World Bank chief *has
offered* assistance to Indonesia … / The president *on Saturday* received a telephone call
from …"). When an event of one of the article's first ``LEAD_SENTENCES`` sentences is in the
present perfect, has no date of its own and its sentence no time expression, it takes the
first day-level expression of the next sentence, when that day is at most ``RECENT_DAYS``
before the article date (the present perfect tells of the recent past: a day weeks back is
another event's), with ``[lead: 'Saturday', next sentence]``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from ...time.intervals import timex_interval
from ...time.model import Timex
from ..model import Event, EventDate
from .attachment import BACKGROUND_VALUE, clause_verb, noun_modifier_owner

__all__ = [
    "LEAD_PREFIX",
    "LEAD_SENTENCES",
    "RECENT_DAYS",
    "STORY_TIME_PREFIX",
    "WINDOW_SENTENCES",
    "story_time_dates",
]

# How far back the story's day still holds: three sentences, a wire story's paragraph.
WINDOW_SENTENCES = 3
STORY_TIME_PREFIX = "[story time: "
LEAD_PREFIX = "[lead: "
# The lead: the first sentence, or the second behind a headline or dateline sentence.
LEAD_SENTENCES = 2
# A present-perfect lead is news of the last days: a week covers the "on Saturday" of a
# Tuesday story and leaves out an older day that dates some other event.
RECENT_DAYS = 7
_DAY_LEVEL = frozenset({"day", "time"})
_PAST_TAG = "VBD"
_PAST_PARTICIPLE = "VBN"
_PRESENT_TAGS = frozenset({"VBZ", "VBP"})
_PRESENT_PERFECT_AUXILIARIES = frozenset({"has", "have", "'ve"})
# A present auxiliary on these makes a present tense: "are trying", "has rejected", "is held".
_PRESENT_PARTICIPLES = frozenset({"VBG", "VBN"})
_QUOTE_MARKS = ('"', "'", "\u201c", "\u2018")
# The clause link of reported speech: "said (that) he rejects", "told reporters the EU supports".
_REPORTED_DEP = "ccomp"
# How a bare participle clause hangs on what it describes: "the summit *held* on Sunday"
# (``acl``), "sanctions, *announced* by Albright on Tuesday" (``advcl`` when the small model
# hangs it on the verb).
_PARTICIPLE_CLAUSE_DEPS = frozenset({"acl", "advcl"})
# "since 2001", "after 1995": the time from which something holds, not the story's time.
_FROM_THEN_ON = frozenset({"ON_OR_AFTER", "AFTER"})


def story_time_dates(doc: Doc, events: Sequence[Event], sentences: Sequence[Span]) -> list[Event]:
    """``events`` with undated simple-past events given the story's day (module notes)."""
    article_date: date | None = doc._.article_date
    out = list(events)
    if article_date is None or not out:
        return out
    days = _story_days(doc, sentences, article_date.isoformat())
    for i, event in enumerate(out):
        when = event.event_date
        if when is None or when.text is not None:
            continue
        if not _simple_past(doc, event):
            lead = _lead_day(doc, event, sentences, days, article_date)
            if lead is not None:
                out[i] = dataclasses.replace(event, event_date=lead)
            continue
        stated = _time_stated_before(doc, event, sentences)
        if stated is not None:
            # "Sunday's attack was condemned": the expression dates the attack only; it still
            # tells that the story has moved from the days of earlier sentences
            owned = noun_modifier_owner(stated) is not None
            day = None if owned else _day_of(stated, article_date.isoformat())
            if day is not None:  # "attacked the ODIHR Monday … and urged": Monday
                text = f"{STORY_TIME_PREFIX}{stated.text!r}, same sentence]"
                out[i] = dataclasses.replace(event, event_date=EventDate(text, day, "day"))
            continue
        earlier = [
            (number, span, value)
            for number, span, value in days
            if event.sentence_index - WINDOW_SENTENCES <= number < event.sentence_index
        ]
        if not earlier:
            background = _background_period(doc, event, sentences, article_date)
            if background is not None:
                out[i] = dataclasses.replace(event, event_date=background)
            continue
        number, span, value = earlier[-1]
        if any(_told_in_present(sentences[n]) for n in range(number + 1, event.sentence_index)):
            continue  # the story came back to the report's time in between
        back = event.sentence_index - number
        text = f"{STORY_TIME_PREFIX}{span.text!r}, {back} sentence{'s' if back > 1 else ''} before]"
        out[i] = dataclasses.replace(event, event_date=EventDate(text, value, "day"))
    return out


def _background_period(
    doc: Doc, event: Event, sentences: Sequence[Span], article_date: date
) -> EventDate | None:
    """``PAST_REF`` for an undated simple-past event that continues a story told of a year or
    month over before the article ("*In 1995*, Chirac was elected … He *sought* a more
    federal Europe"), when no day is stated in the window (module notes, rule 5)."""
    first = sentences[max(event.sentence_index - WINDOW_SENTENCES, 0)].start
    last = sentences[event.sentence_index].start if event.sentence_index < len(sentences) else 0
    stated = [
        span
        for span in doc._.timexes
        if first <= span.start < last and isinstance(span._.timex, Timex)
    ]
    if not stated:
        return None
    span = stated[-1]
    interval = timex_interval(span._.timex.value)
    if (
        interval is None
        or interval[1] >= date(article_date.year, 1, 1)
        or span._.timex.mod in _FROM_THEN_ON
        or noun_modifier_owner(span) is not None
        or _quoted(span)
        or _reported(doc, event)
    ):
        return None
    number = next(n for n, s in enumerate(sentences) if s.start <= span.start < s.end)
    if any(_told_in_present(sentences[n]) for n in range(number + 1, event.sentence_index)):
        return None
    back = event.sentence_index - number
    text = (
        f"{STORY_TIME_PREFIX}{span.text!r}, {back} sentence{'s' if back > 1 else ''} before:"
        " before the article date]"
    )
    return EventDate(text, BACKGROUND_VALUE, "ref")


def _quoted(span: Span) -> bool:
    """Whether an expression sits inside a quotation of its sentence (an odd number of quote
    marks before it): "… dismantle all outposts built *since 2001* …" is the speaker's."""
    before = span.doc.text[span.sent.start_char : span.start_char]
    return sum(before.count(mark) for mark in ('"', "\u201c", "\u201d")) % 2 == 1


def _reported(doc: Doc, event: Event) -> bool:
    """Whether the event's clause is reported speech ("Lee said he *asked* Clinton …"): what
    a speaker of the story's day tells is mostly of that day, whatever the story recalled."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    node = clause_verb(span.root)
    for _ in range(WINDOW_SENTENCES * 2):
        if node.dep_ in ("ccomp", "parataxis"):
            return True
        if node.head.i == node.i:
            return False
        node = node.head
    return False


def _lead_day(
    doc: Doc,
    event: Event,
    sentences: Sequence[Span],
    days: Sequence[tuple[int, Span, str]],
    article_date: date,
) -> EventDate | None:
    """The date of an undated present-perfect lead from the next sentence (module notes)."""
    number = event.sentence_index
    if number >= LEAD_SENTENCES or number + 1 >= len(sentences):
        return None
    sentence = sentences[number]
    if any(sentence.start <= span.start < sentence.end for span in doc._.timexes):
        return None
    if not _present_perfect(doc, event):
        return None
    earliest = (article_date - timedelta(days=RECENT_DAYS)).isoformat()
    following = [(span, day) for n, span, day in days if n == number + 1 and day >= earliest]
    if not following:
        return None
    span, day = following[0]
    return EventDate(f"{LEAD_PREFIX}{span.text!r}, next sentence]", day, "day")


def _present_perfect(doc: Doc, event: Event) -> bool:
    """Whether the trigger's clause is in the present perfect: "has offered", "have been
    expelled"."""
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = clause_verb(span.root)
    return verb.tag_ == _PAST_PARTICIPLE and any(
        c.dep_ == "aux" and c.lower_ in _PRESENT_PERFECT_AUXILIARIES for c in verb.children
    )


def _story_days(doc: Doc, sentences: Sequence[Span], limit: str) -> list[tuple[int, Span, str]]:
    """(sentence number, expression, day) of every day-level expression up to ``limit``."""
    starts = [s.start for s in sentences]
    found: list[tuple[int, Span, str]] = []
    number = 0
    for span in doc._.timexes:
        timex = span._.timex
        if not isinstance(timex, Timex) or timex.granularity not in _DAY_LEVEL:
            continue
        day = timex.value[:10]
        if day > limit or _on_participle(span):
            continue
        while number + 1 < len(starts) and starts[number + 1] <= span.start:
            number += 1
        found.append((number, span, day))
    return found


def _on_participle(span: Span) -> bool:
    """Whether a time expression hangs on a bare participle clause that describes a noun or
    an earlier act: "using sanctions, *announced* by Albright *on Tuesday*, to boost …", "the
    summit *held* on Sunday" — a detail of that act, not the day the story goes on telling
    (issue 14: a Wednesday statement two sentences later took the sanctions' Tuesday)."""
    verb = span.root.head
    for _ in range(WINDOW_SENTENCES + 1):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    return (
        verb.tag_ == _PAST_PARTICIPLE
        and verb.dep_ in _PARTICIPLE_CLAUSE_DEPS
        and not _has_auxiliary(verb)
    )


def _simple_past(doc: Doc, event: Event) -> bool:
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    verb = clause_verb(span.root)
    if verb.tag_ in _PRESENT_TAGS and verb.dep_ == _REPORTED_DEP and not _has_auxiliary(verb):
        verb = verb.head  # reported speech: the statement's time is the report's
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_ == "have" for a in auxiliaries):
        return False  # perfect: "has offered" (present), "had agreed" (dated in attachment)
    if verb.tag_ == _PAST_TAG:
        return True
    return verb.tag_ == _PAST_PARTICIPLE and any(a.tag_ == _PAST_TAG for a in auxiliaries)


def _has_auxiliary(verb: Token) -> bool:
    """Whether the verb has an auxiliary ("will ask", "has pledged"): not a bare present."""
    return any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _time_stated_before(doc: Doc, event: Event, sentences: Sequence[Span]) -> Span | None:
    """The last time expression of the event's sentence before its trigger, if any."""
    if not 0 <= event.sentence_index < len(sentences):
        return None
    sentence = sentences[event.sentence_index]
    start = sentence.start_char
    before = [
        span
        for span in doc._.timexes
        if start <= span.start_char < event.trigger.start and isinstance(span._.timex, Timex)
    ]
    return before[-1] if before else None


def _day_of(span: Span, limit: str) -> str | None:
    """The day a day-level expression names, when it is on or before ``limit``."""
    timex = span._.timex
    if not isinstance(timex, Timex) or timex.granularity not in _DAY_LEVEL:
        return None
    day = timex.value[:10]
    return day if day <= limit else None


def _told_in_present(sentence: Span) -> bool:
    """Whether a sentence's main clause is in the present ("The partners *are trying* to
    form a government", "Hamas *is* the ruling party", "Hamas *has* rejected"), not a
    quotation, whose tense is the speaker's."""
    if sentence.text.lstrip().startswith(_QUOTE_MARKS):
        return False
    root = sentence.root
    auxiliaries = [c for c in root.children if c.dep_ in ("aux", "auxpass")]
    if root.tag_ in _PRESENT_TAGS and not auxiliaries:
        return True
    return root.tag_ in _PRESENT_PARTICIPLES and any(a.tag_ in _PRESENT_TAGS for a in auxiliaries)
