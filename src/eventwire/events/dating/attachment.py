"""Attach a date to an event trigger (its place: ``events/placing.py``).

Date, in order (the first that applies):

0. for a relative clause on a time expression, that expression ("in *2003* when Hu paid a
   state visit");
1. a time expression attached to the trigger's clause — its head chain reaches the trigger, or
   the verb of the clause the (nominal) trigger sits in, without passing through another verb:
   "signed the treaty *in June*", "The rare call took place *on November 27*", and background
   events with their own date: "had agreed *in 2014*", "last met *in July 2023*". An
   expression inside a noun phrase dates that noun's event only, and a participle or relative
   clause on it: "Israel condemned *Sunday's* attack" dates the attack, not the condemnation;
   "Rwanda commemorated the *1994* genocide" is no act of 1994; "*last month's* truce
   *reached* by Olmert and Abbas" dates the truce;
2. the only time expression of the sentence, when there is exactly one and it sits in the
   trigger's clause or a clause that embeds it ("pledged …, media *reported Saturday*") —
   never in another verb's clause, nor in a clause merely coordinated with the trigger's
   (issue 14: "Brown became the top US general *last year*, and Gerasimov last spoke with
   Milley" does not date the call), nor above a relative clause ("Israel, which ended its
   occupation, struck *on Monday*" does not date the occupation's end), nor an expression
   inside another noun phrase (rule 1). A gerund clause on a preposition of time embeds too:
   "left Libya *Sunday after holding* talks" dates the talks Sunday, not on the report's day;
3. for a trigger in a background clause — the past perfect ("had agreed", "had been
   expelled", "had refused *to allow*"), an act judged, blamed or thanked for ("convicted …
   *of ordering*", "thanked China *for supporting*"), a simple past placed before the story
   by "last", "previously" or "formerly"
   ("Gerasimov *last spoke* with Milley", "Russia *previously expelled* …"), or a simple past
   relative clause on a noun other than the subject ("the West, *which froze* all aid after
   Hamas took power") — which tells of
   something before the story's time: ``PAST_REF`` ("some time before the article's date"),
   with a ``text`` that says why (``BACKGROUND_DATE_TEXT``, ``background_note``). Never the
   article's date: an analyst reading "had agreed" on the report's day would count an old
   agreement as news, and the real-news gold annotators leave such events undated too;
4. the article's date at day granularity, with ``text`` None (the report date bounds the event);
5. None (an undated article and no expression).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Span, Token

from ...time.intervals import timex_interval
from ...time.model import Timex
from ..model import EventDate

__all__ = [
    "BACKGROUND_ADVERBS",
    "BACKGROUND_DATE_TEXT",
    "BACKGROUND_VALUE",
    "RELATIVE_CLAUSE_TEXT",
    "attach_date",
    "background_note",
    "clause_anchors",
    "clause_verb",
    "dated_in_text",
    "is_past_perfect",
    "lies_ahead",
    "noun_modifier_owner",
]

# ``event_date.text`` of an undated past-perfect event: where its date comes from.
BACKGROUND_DATE_TEXT = "[past perfect, no date of its own: before the article date]"
# ``event_date.text`` of an undated simple-past relative clause on a noun other than the
# subject: it says what its noun did before ("the West, *which froze* all aid after Hamas took
# power", "Abu Marzuk, *whom* Israel *asked* the US to extradite"), not what happened on the
# story's day (issue 14: in a sample of 200 Gigaword stories, 8 of 11 undated simple-past
# relative clauses told of an earlier time; the 3 of the story's day were on the subject or
# opened by "where": ``_background_relative``).
RELATIVE_CLAUSE_TEXT = "[relative clause, no date of its own: before the article date]"
# TIMEX3's "some time in the past": the value of a background event with no date of its own.
BACKGROUND_VALUE = "PAST_REF"
# Adverbs that put a simple-past clause before the story's time ("the two *last* met", "Iran
# *previously* expelled"): its act is the previous one, not the news. Not "earlier" or
# "already", which in wire copy mostly mean earlier the same day or week.
BACKGROUND_ADVERBS = frozenset({"last", "previously", "formerly"})
# Links from a clause up to one that embeds it: a time expression there may date it.
_EMBEDDING_DEPS = frozenset({"ccomp", "xcomp", "advcl", "pcomp", "csubj", "parataxis", "ROOT"})
_PERFECT_AUXILIARIES = frozenset({"had", "'d"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Prepositions that put a gerund clause at about its governor's time ("after holding talks").
_TEMPORAL_PREPOSITIONS = frozenset({"after", "before", "during", "upon", "on", "while", "when"})
# Words that judge, blame or thank an earlier act named by a gerund after "of" or "for"
# ("convicted of ordering", "accused of killing", "thanked for supporting"): ``_judged_act``.
_JUDGED_BY = frozenset({"of", "for"})
_JUDGING_WORDS = frozenset(
    {"accuse", "accusation", "blame", "charge", "convict", "conviction", "guilty", "indict",
     "sentence", "jail", "arrest", "punish", "fine", "condemn", "criticize", "criticise",
     "slam", "denounce", "apologize", "apologise", "apology", "thank", "praise", "credit",
     "reward", "honour", "honor", "acquit", "suspect", "responsibility"}
)  # fmt: skip

# How a time expression modifies a noun from inside its phrase ("Sunday's", "the 1994", "the
# Nov. 5", "yesterday's"); ``noun_modifier_owner``.
_NOUN_MODIFIER_DEPS = frozenset({"poss", "nummod", "nmod", "compound", "amod"})
# How a verb hangs on a noun: "the truce *reached* by", "the genocide *that killed*".
_NOUN_CLAUSE_DEPS = frozenset({"acl", "relcl"})

# Hops up from a timex/place head to the trigger; "on November 27" → "on" → "took" is 2.
_MAX_HOPS = 4


def clause_verb(trigger: Token, max_hops: int | None = _MAX_HOPS) -> Token:
    """The verb whose clause the trigger belongs to (the trigger itself when it is a verb; the
    sentence's root when it hangs on no verb). Past ``max_hops`` steps up without one, the
    trigger itself: a nominal trigger deep in a phrase keeps its own clause ("in defiance of
    UN *sanctions*" is no act of the verb's day). ``max_hops=None`` climbs however deep, as a
    place does (``events.placing``: "police in the Central Java town of *Yogyakarta* have
    arrested" is 5 steps)."""
    node = trigger
    hops = 0
    while max_hops is None or hops < max_hops:
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
        hops += 1
    return trigger


def clause_anchors(trigger: Token) -> set[int]:
    """The trigger, the verb of its clause and their objects ("held *talks* in Berlin": the
    small model often hangs the place on the object noun)."""
    verb = clause_verb(trigger)
    anchors = {trigger.i, verb.i}
    for head in (trigger, verb):
        anchors.update(c.i for c in head.children if c.dep_ in ("dobj", "nsubjpass"))
    return anchors


def noun_modifier_owner(span: Span) -> Token | None:
    """The noun a time expression modifies inside its noun phrase, or None: "*Sunday's*
    attack", "the *1994* genocide", "the *Nov. 5* elections", "*last month's* truce". Such an
    expression dates that noun's event (and a participle or relative clause on it: "*last
    week's* sanctions *imposed* by Washington"), never the verb that governs the noun
    (issue 14: "Rwanda *commemorated* the 1994 genocide" is not an act of 1994)."""
    root = span.root
    head = root.head
    if root.dep_ not in _NOUN_MODIFIER_DEPS or head.i == root.i or span.end > head.i:
        return None
    # A common noun only: before a name, a day is mostly the verb's, mis-parsed ("said
    # *Thursday* Saudi Arabia's former ambassador visited").
    return head if head.pos_ == "NOUN" else None


def _owns(owner: Token, trigger: Token) -> bool:
    """Whether a noun-modifying expression's noun is the trigger's event: the trigger itself,
    a noun compounded into it, or the participle or relative clause on it."""
    if trigger.i == owner.i:
        return True
    if trigger.head.i != owner.i:
        return False
    return trigger.dep_ == "compound" or clause_verb(trigger).dep_ in _NOUN_CLAUSE_DEPS


def _dates(span: Span, owner: Token | None, trigger: Token, anchors: set[int]) -> bool:
    """Rule 1: a noun-modifying expression dates its noun's event, any other its clause's."""
    return _owns(owner, trigger) if owner is not None else _attached(span, anchors)


def _attached(span: Span, anchors: set[int]) -> bool:
    node = span.root
    for _ in range(_MAX_HOPS + 1):
        if node.i in anchors:
            return True
        if node.head.i == node.i:
            return False
        node = node.head
        if node.pos_ in ("VERB", "AUX") and node.i not in anchors:
            return False
    return False


def _may_govern(span: Span, trigger: Token) -> bool:
    """Whether a time expression can date the trigger: its clause verb is the trigger's clause
    verb or one that embeds it ("pledged … , media *reported Saturday*" may; "the treaty they
    *signed in June*" inside another clause may not, nor a clause coordinated with the
    trigger's: "Brown became the top general *last year*, and Gerasimov spoke with Milley").
    An expression that opens the sentence sets the time of the verbs coordinated with its
    own too (not one after the subject: "Larijani *in early November* forwarded a letter, but
    the EU insists …"): "*Last year*, the police reported 12,068 crimes … and arrested
    18,260 people"."""
    node = span.root.head
    for _ in range(_MAX_HOPS * 2):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    verb = clause_verb(trigger)
    if node.i == verb.i:
        return True
    # Opening the sentence: its first words, or after one preposition ("In 2022, …").
    fronted = span.start - span.sent.start <= 1 and span.end <= node.i
    current = verb
    for _ in range(_MAX_HOPS * 2):
        coordinated = fronted and current.dep_ == "conj"
        temporal = _temporal_adjunct(current)
        if (
            not coordinated and not temporal and current.dep_ not in _EMBEDDING_DEPS
        ) or current.head.i == current.i:
            return False  # a coordinated or relative clause, or the top: not embedded there
        current = current.head.head if temporal else current.head
        if current.i == node.i:
            return True
    return False


def _temporal_adjunct(verb: Token) -> bool:
    """Whether a gerund clause hangs on its governor by a preposition of time: "left Libya
    *Sunday after holding* talks", "said *Monday before leaving*" — it happened about then,
    so the governor's time dates it (issue 14: it took the report's day, the day after)."""
    return (
        verb.dep_ == "pcomp"
        and verb.head.dep_ == "prep"
        and verb.head.lower_ in _TEMPORAL_PREPOSITIONS
        and verb.head.head.pos_ in ("VERB", "AUX")
    )


def _past_time_of_complement(span: Span, trigger: Token, article_date: date | None) -> bool:
    """Whether a day already past sits on the infinitive complement of a simple-past trigger:
    "Sharon *asked* Katsav *to dissolve* parliament *on Monday*" (a Saturday story) — the
    parser hangs a closing time on the nearest verb, and the request was made that day or
    before it, not on the report's day (issue 14). Not a day still to come ("asked them to
    leave on Friday" said on Wednesday), which is the complement's own."""
    verb = clause_verb(trigger)
    node = span.root.head
    for _ in range(_MAX_HOPS):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    if article_date is None or verb.tag_ != "VBD" or node.dep_ != "xcomp" or node.head.i != verb.i:
        return False
    timex: Timex = span._.timex
    interval = timex_interval(timex.value)
    return (
        interval is not None
        and timex.granularity in ("day", "time")
        and (interval[1] < article_date)
    )


def _time_of_when_clause(trigger: Token, timexes: Sequence[Span]) -> Span | None:
    """The time expression a relative clause of the trigger hangs on: "in *2003* when Hu
    *paid* a state visit", "on *Monday*, when the rebels *attacked*" — the clause tells what
    happened at that time."""
    verb = clause_verb(trigger)
    if verb.dep_ != "relcl":
        return None
    head = verb.head.i
    return next((t for t in timexes if t.start <= head < t.end), None)


def is_past_perfect(trigger: Token) -> bool:
    """Whether the trigger's clause is in the past perfect: "had agreed", "had been expelled",
    "the deal they'd signed", "had refused *to allow*"."""
    verb = clause_verb(trigger)
    # Up infinitive complements: "Moscow *had refused to allow* British police …".
    for _ in range(_MAX_HOPS):
        if verb.dep_ != "xcomp" or verb.tag_ != "VB" or verb.head.i == verb.i:
            break
        verb = verb.head
    return verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lower_ in _PERFECT_AUXILIARIES for c in verb.children
    )


def background_note(trigger: Token) -> str | None:
    """Why the trigger's clause tells of something before the story (``event_date.text`` of
    an undated background event), or None: the past perfect, a simple-past relative clause on
    a noun other than the subject, or a simple past with a background adverb.

    "had agreed" → ``BACKGROUND_DATE_TEXT``; "an attack that killed" →
    ``RELATIVE_CLAUSE_TEXT``; "last met" → ``"[last met, no date of its own: before the
    article date]"``.
    """
    if is_past_perfect(trigger):
        return BACKGROUND_DATE_TEXT
    judged = _judged_act(trigger)
    if judged is not None:
        return f"[{judged}, no date of its own: before the article date]"
    verb = clause_verb(trigger)
    if verb.tag_ != "VBD":
        return None
    if _background_relative(verb):
        return RELATIVE_CLAUSE_TEXT
    adverb = next(
        (c for c in verb.children if c.dep_ == "advmod" and c.lower_ in BACKGROUND_ADVERBS), None
    )
    if adverb is None:
        return None
    return f"[{adverb.lower_} {verb.lower_}, no date of its own: before the article date]"


def _judged_act(trigger: Token) -> str | None:
    """ "convicted … *of ordering*", "accused Israel *of killing*", "thanked China *for
    supporting*": a gerund after a verb or noun that judges, blames or thanks an act tells of
    that earlier act (issue 14: "the tribunal, which on November 5 convicted Saddam … of
    *ordering* the deaths of 148 villagers" is no act of the report's day). The words that
    say so ("convicted of", as in ``event_date.text``), or None."""
    verb = clause_verb(trigger)
    preposition = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or preposition.lower_ not in _JUDGED_BY:
        return None
    judge = preposition.head
    if judge.lemma_.lower() not in _JUDGING_WORDS:
        return None
    return f"{judge.lower_} {preposition.lower_} {verb.lower_}"


def _background_relative(verb: Token) -> bool:
    """Whether a simple-past relative clause describes its noun's past rather than continuing
    the story: one on a noun that is not its clause's subject ("an attack *that killed* 19",
    "the West, *which froze* all aid", "Abu Marzuk, *whom* Israel *asked* …"). Not a clause on
    the subject, which follows the story's actor ("Olmert, *who flew* to Italy, met Prodi"),
    nor one opened by "where" or "when" ("the office, *where* the speaker *met* Lee"), which
    tells what happened at a place or time of the story."""
    if verb.dep_ != "relcl" or verb.head.dep_ in _SUBJECT_DEPS:
        return False
    return not any(c.tag_ == "WRB" for c in verb.children)


def dated_in_text(when: EventDate | None) -> bool:
    """Whether the event's date comes from a time expression of its own clause (not the
    article's date, nor a marker in brackets: an undated past-perfect event, story time)."""
    return when is not None and bool(when.text) and not str(when.text).startswith("[")


def reaches_past(when: EventDate, article_date: date) -> bool:
    """Whether a date runs on past the article's day: "Nov. 29" or "mid-November" (``2024-11``)
    in a story of Nov. 1, a week or a year not yet over, ``FUTURE_REF``. Not a day on or before
    the article's, nor a period that ended by then, nor ``PAST_REF``."""
    interval = timex_interval(when.value)
    if interval is None:
        return when.value != "PAST_REF"
    return interval[1] > article_date


def lies_ahead(when: EventDate, article_date: date) -> bool:
    """Whether a date lies wholly after the article's day: "December 21 talks" or "next week"
    in a story of December 12, ``FUTURE_REF``. Not a period that has begun by then."""
    interval = timex_interval(when.value)
    if interval is None:
        return when.value == "FUTURE_REF"
    return interval[0] > article_date


def attach_date(
    trigger: Token,
    sentence: Span,
    timexes: Sequence[Span],
    article_date: date | None,
) -> EventDate | None:
    """The event date of ``trigger`` (rules in the module docstring)."""
    in_sentence = [
        t
        for t in timexes
        if sentence.start <= t.start and t.end <= sentence.end and isinstance(t._.timex, Timex)
    ]
    anchors = clause_anchors(trigger)
    owners = {t.start: noun_modifier_owner(t) for t in in_sentence}
    attached = [t for t in in_sentence if _dates(t, owners[t.start], trigger, anchors)]
    chosen: Span | None = _time_of_when_clause(trigger, in_sentence)
    if chosen is None and attached:
        chosen = min(attached, key=lambda t: abs(t.start - trigger.i))
    elif (
        chosen is None
        and len(in_sentence) == 1
        and owners[in_sentence[0].start] is None
        and (
            _may_govern(in_sentence[0], trigger)
            or _past_time_of_complement(in_sentence[0], trigger, article_date)
        )
    ):
        chosen = in_sentence[0]
    if chosen is not None:
        timex: Timex = chosen._.timex
        return EventDate(chosen.text, timex.value, timex.granularity, timex.mod)
    if article_date is not None:
        note = background_note(trigger)
        if note is not None:
            return EventDate(note, BACKGROUND_VALUE, "ref")
    if article_date is not None:
        return EventDate(None, article_date.isoformat(), "day", None)
    return None
