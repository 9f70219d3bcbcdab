"""Event coreference for dates: a later sentence that dates "the call" refines the call's date.

News reports often name an event with its actors first and date it later, in a sentence with
no actors of its own: "Brown spoke by phone with Gerasimov last week … *The rare call took
place on November 27*". The rule, applied once per document after coding:

1. A **dating mention** is a definite nominal trigger ("the call", "the meeting", "the talks":
   determiner "the", "this" or "that") that is the subject of its clause, has no actor
   argument, and has a time expression attached to its clause (``attach_date`` with a text).
2. Its **antecedent** is the nearest event before it, at most ``WINDOW_SENTENCES`` sentences
   back, whose CAMEO root (first two digits) equals the mention's ("call" 041 and "spoke" 040
   are both 04 CONSULT).
3. Every event of the antecedent's dyad and root in that window takes the mention's date when
   the new date is **finer** than its own and **inside** it ("2024-11-27" inside "2024-W48"),
   or when its own date was only the article's date (no time expression of its own).

Nothing else changes: a dating mention never creates an event, and a date that contradicts
the event's own expression (outside its period) is ignored.

A **repeated mention** is dated by its first one (``repeated_mention_dates``): wire copy
dates an act once and names it again later without its day, often in a quotation or a
subordinate phrase ("Ciampi, who *arrived* in Ankara *on Monday* … "President Ciampi *has
arrived* in Turkey …""). An asserted event with no date of its own (the article's date
stands in) takes the day of an earlier asserted event of the article with the same dyad
(either way round for meetings and cooperation, CAMEO roots ``SYMMETRIC_ROOTS``) and CAMEO
root, each side the same named actor (a person, a state, an organisation: not a part of a
state such as "five ministers", ``LBNGOV``), whose day comes from a time expression of its
own clause and is not after the
article's date; ``event_date.text`` says so (``[same event: 'on Monday', 7 sentences
before]``). Not from a date the coder inferred (story time, another repeated mention), which
would compound a guess.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date

from spacy.tokens import Doc, Span

from ...time.intervals import timex_interval
from ..model import ActorRef, Event, EventDate
from ..triggers.matching import LexiconLike, find_triggers
from .attachment import attach_date, dated_in_text

__all__ = [
    "BARE_EVENT_NOUNS",
    "SAME_EVENT_PREFIX",
    "SYMMETRIC_ROOTS",
    "WINDOW_SENTENCES",
    "propagate_dates",
    "repeated_mention_dates",
]

# Three sentences: in the seeds the call is dated two sentences after it is named; beyond a
# paragraph a definite "the meeting" may well be another meeting.
WINDOW_SENTENCES = 3
_DEFINITE = frozenset({"the", "this", "that"})
# Event nouns the lexicon codes only with a complement ("a call *with* X" 041) but that name an
# event on their own once it has been mentioned ("the call"): noun → CAMEO root.
BARE_EVENT_NOUNS = {"call": "04", "phonecall": "04", "conversation": "04", "trip": "04"}
SAME_EVENT_PREFIX = "[same event: "
# CAMEO roots whose two sides act together, named in either order ("Blair held talks with
# Olmert" … "Olmert said after talks with Blair"): consult, diplomatic and material
# cooperation.
SYMMETRIC_ROOTS = frozenset({"04", "05", "06"})
_DAY_LEVEL = frozenset({"day", "time"})
_PERSON_PREFIX = "person/"
_GRANULARITY_RANK = {
    "time": -1, "day": 0, "week": 1, "month": 2, "season": 3, "quarter": 3, "half": 4,
    "year": 5, "decade": 6, "century": 7,
}  # fmt: skip


def propagate_dates(
    doc: Doc,
    events: Sequence[Event],
    lexicon: LexiconLike,
    sentences: Sequence[Span] | None = None,
) -> list[Event]:
    """``events`` with dates refined by later dating mentions (rules in the module doc);
    ``sentences`` is ``list(doc.sents)`` when the caller has it already."""
    out = list(events)
    if not out:
        return out
    timex_starts = [t.start for t in doc._.timexes]
    for number, sentence in enumerate(sentences if sentences is not None else doc.sents):
        if not any(sentence.start <= i < sentence.end for i in timex_starts):
            continue  # no time expression: nothing to date with
        roots = {m.token.i: m.entry.code[:2] for m in find_triggers(sentence, lexicon)}
        for token in sentence:
            root = roots.get(token.i) or BARE_EVENT_NOUNS.get(token.lemma_.lower())
            if root is None or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if token.dep_ not in ("nsubj", "nsubjpass"):
                continue
            if not any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children):
                continue
            dated = attach_date(token, sentence, list(doc._.timexes), None)
            if dated is None or dated.text is None:
                continue
            before = [
                i
                for i, e in enumerate(out)
                if number - WINDOW_SENTENCES <= e.sentence_index < number
                and e.cameo[:2] == root
                and e.trigger.start < token.idx
            ]
            if not before:
                continue
            nearest = out[max(before, key=lambda i: (out[i].sentence_index, out[i].trigger.start))]
            dyad = _dyad(nearest)
            for i in before:
                if _dyad(out[i]) == dyad and _refines(dated, out[i].event_date):
                    out[i] = dataclasses.replace(out[i], event_date=dated)
    return out


def repeated_mention_dates(events: Sequence[Event], article_date: date | None) -> list[Event]:
    """``events`` with undated repeated mentions dated by their first mention (module notes)."""
    out = list(events)
    if article_date is None:
        return out
    limit = article_date.isoformat()
    order = sorted(range(len(out)), key=lambda i: (out[i].sentence_index, out[i].trigger.start))
    dated: list[Event] = []  # asserted events dated by their own words, in text order
    for i in order:
        event = out[i]
        when = event.event_date
        if event.modality != "asserted" or when is None:
            continue
        if dated_in_text(when):
            if when.granularity in _DAY_LEVEL and when.value[:10] <= limit:
                dated.append(event)
            continue
        if when.text is not None:
            continue  # a background or inferred date says something already
        first = next((d for d in reversed(dated) if _same_event(d, event)), None)
        if first is None or first.sentence_index >= event.sentence_index:
            continue
        earlier = first.event_date
        if earlier is None:
            continue
        back = event.sentence_index - first.sentence_index
        text = (
            f"{SAME_EVENT_PREFIX}{earlier.text!r}, {back} sentence{'s' if back > 1 else ''} before]"
        )
        out[i] = dataclasses.replace(
            event, event_date=EventDate(text, earlier.value, earlier.granularity, earlier.mod)
        )
    return out


def _same_event(first: Event, later: Event) -> bool:
    """Whether two mentions name one act: the same CAMEO root and dyad (either way round for
    the roots of acting together), both sides known."""
    root = first.cameo[:2]
    if root != later.cameo[:2]:
        return False
    a, b = _actors(first), _actors(later)
    if None in a or None in b:
        return False
    return a == b or (root in SYMMETRIC_ROOTS and a == b[::-1])


def _actors(event: Event) -> tuple[str | None, str | None]:
    """Each side as one actor: its actor id when it names one — a person, a state, an
    organisation —, else None. A side known only as a part of a state ("five Shiite
    ministers", "Minister Yaacoub Sarraf" → ``LBNGOV``) may be other people in each mention:
    ministers who quit two days apart are two acts (a Xinhua story of Nov. 2006)."""

    def key(ref: ActorRef | None) -> str | None:
        if ref is None or ref.actor_id is None:
            return None
        if ref.sector is not None and not ref.actor_id.startswith(_PERSON_PREFIX):
            return None
        return ref.actor_id

    return key(event.source), key(event.target)


def _dyad(event: Event) -> tuple[str | None, str | None]:
    def key(ref: object) -> str | None:
        code = getattr(ref, "code", None)
        return code if code else getattr(ref, "text", None)

    return key(event.source), key(event.target)


def _refines(new: EventDate, old: EventDate | None) -> bool:
    if old is None or old.text is None:
        return True  # the article's date only bounds the event
    if _GRANULARITY_RANK.get(new.granularity, 9) >= _GRANULARITY_RANK.get(old.granularity, 9):
        return False
    span = _period(old.value)
    day = _day(new.value)
    return span is not None and day is not None and span[0] <= day <= span[1]


def _day(value: str) -> date | None:
    """The day of a day- or time-level TIMEX3 value (``2024-11-27``, ``2024-11-27T16:25``)."""
    interval = timex_interval(value)
    return interval[0] if interval is not None and interval[0] == interval[1] else None


def _period(value: str) -> tuple[date, date] | None:
    """First and last day of a calendar TIMEX3 value; None for references and junk."""
    return timex_interval(value)
