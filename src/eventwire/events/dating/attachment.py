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
   *reached* by Olmert and Abbas" dates the truce. An occasion's time dates the act done at
   it, when the occasion hangs on the trigger's clause by "at", "in" or "during": "accused the
   governor *at last week's debate*", "talks *on the sidelines of a summit held at the
   weekend*", and, opening the sentence, an episode's: "*In Tuesday's unrest*, youths threw
   stones" — not a period holding the article's day ("at *Forum 2024*"), which says no more;
2. the only time expression of the sentence, when there is exactly one and it sits in the
   trigger's clause or a clause that embeds it ("pledged …, media *reported Saturday*") —
   never in another verb's clause, nor in a clause merely coordinated with the trigger's
   (issue 14: "Brown became the top US general *last year*, and Gerasimov last spoke with
   Milley" does not date the call), nor above a relative clause ("Israel, which ended its
   occupation, struck *on Monday*" does not date the occupation's end), nor an expression
   inside another noun phrase (rule 1), which is not counted ("*On April 9*, Iraq flouted
   sanctions in force since its *1990* invasion and flew …" dates "flew"). A gerund clause on
   a preposition of time embeds too: "left Libya *Sunday after holding* talks" dates the talks
   Sunday, not on the report's day; so does a closing attribution, however the parser hangs
   it: "criticised Israel in a speech, the agency *reported on Monday*";
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

# Verbs of an attribution clause ("…, the agency *reported on Monday*"): the day a report
# was made bounds what it reports, and wire copy dates the act by it.
_ATTRIBUTION_VERBS = frozenset(
    {"say", "report", "tell", "announce", "add", "state", "confirm", "quote", "write", "disclose",
     "reveal", "broadcast"}
)  # fmt: skip
# What names the reporter of an attribution: "…, *the agency* reported", "…, *he* said".
_REPORTER_POS = frozenset({"NOUN", "PROPN", "PRON"})
# Occasions at which an actor acts or speaks: a time on the occasion ("at *last week's*
# debate", "during *Sunday's* talks") is the act's time (issue 14: such acts were dated to
# the report's day, days after).
OCCASION_NOUNS = frozenset(
    {"address", "speech", "debate", "summit", "meeting", "talks", "session", "conference",
     "interview", "rally", "sermon", "message", "statement", "remarks", "broadcast", "briefing",
     "ceremony", "hearing", "forum", "gathering", "congress", "convention", "assembly",
     "celebration", "parade", "visit", "trip", "tour", "meet", "negotiations", "consultations",
     "discussion", "discussions", "appearance", "sitting", "plenary",
     "march", "protest", "demonstration"}
)  # fmt: skip
# Episodes within which acts happen, when the phrase opens the sentence: "*In Tuesday's*
# unrest, youths threw stones", "*During Sunday's* clashes, police fired". Only there: later
# in the sentence the phrase is mostly the object's ("condemned the deaths *in Sunday's*
# attack" — the small model often hangs it on the verb).
EPISODE_NOUNS = frozenset(
    {"unrest", "clash", "clashes", "violence", "fighting", "riot", "riots", "raid", "attack",
     "attacks", "bombing", "operation", "offensive", "war", "crackdown", "incident", "uprising",
     "election", "elections", "poll", "polls", "vote", "referendum", "campaign"}
)  # fmt: skip
# An occasion's period longer than this that holds the article's day says no more of the act.
_LONGEST_MONTH_DAYS = 31
# Prepositions that put an act at an occasion: "said *at* the summit", "*in* his address".
_OCCASION_PREPOSITIONS = frozenset({"at", "in", "during"})

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


def _dates(
    span: Span, owner: Token | None, trigger: Token, anchors: set[int], article_date: date | None
) -> bool:
    """Rule 1: a noun-modifying expression dates its noun's event, any other its clause's —
    and an occasion's time the act done at it ("accused the governor *at last week's
    debate*": ``_occasion_time``)."""
    if owner is not None and _owns(owner, trigger):
        return True
    if owner is None and _attached(span, anchors):
        return True
    core = {trigger.i, clause_verb(trigger).i}
    return _occasion_time(span, owner, core) and not _spans_day(span, article_date)


def _spans_day(span: Span, article_date: date | None) -> bool:
    """Whether a time expression's period is longer than a month and holds the article's
    day: "on the sidelines of *Forum 2006*" tells no more of the act than the report's day
    does (a week or a weekend still does: "a summit held *at the weekend*")."""
    timex: Timex = span._.timex
    interval = timex_interval(timex.value)
    return (
        article_date is not None
        and interval is not None
        and (interval[1] - interval[0]).days > _LONGEST_MONTH_DAYS
        and interval[0] <= article_date <= interval[1]
    )


def _occasion_time(span: Span, owner: Token | None, core: set[int]) -> bool:
    """Whether a time expression gives the time of an occasion at which the trigger's clause
    acts: "the senator accused the governor *at last week's debate*", "discussed Ivory Coast
    in talks with Chirac *on the sidelines of a summit held at the weekend*" — the act
    happened at the occasion, so the occasion's time is its own (issue 14: such acts took
    the report's day, or a year of the story's background).

    The time sits on the occasion's noun (a modifier, "*Sunday's* summit", or a participle or
    relative clause on it, "a summit *held at the weekend*"); the noun names an occasion
    (``OCCASION_NOUNS``), or an episode in a phrase that opens the sentence
    (``EPISODE_NOUNS``: "*In Tuesday's* unrest, youths threw stones"), and hangs by "at",
    "in" or "during" on the clause's verb or the trigger, directly or as "on the sidelines
    of" one. Not "condemned *Sunday's* attack" (the
    object: an earlier event) nor "his role in the *1994* genocide"."""
    noun = owner
    if noun is None:
        verb = span.root.head
        for _ in range(_MAX_HOPS):
            if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.dep_ not in _NOUN_CLAUSE_DEPS or verb.i == span.root.i:
            return False
        noun = verb.head
    names = {noun.lower_, noun.lemma_.lower()}
    preposition = noun.head
    opening = preposition.i - noun.sent.start <= 1
    if not (names & OCCASION_NOUNS or (opening and names & EPISODE_NOUNS)):
        return False
    prepositions = _OCCASION_PREPOSITIONS
    if noun.dep_ == "pobj" and preposition.lower_ == "of" and preposition.head.dep_ == "pobj":
        # "on the sidelines of a summit", "at the end of the talks"
        preposition = preposition.head.head
        prepositions = _OCCASION_PREPOSITIONS | {"on"}
    if noun.dep_ != "pobj" or preposition.dep_ != "prep" or preposition.lower_ not in prepositions:
        return False
    # The phrase hangs on the trigger or its clause's verb, maybe through other prepositional
    # phrases ("talks *with* the president *on* the sidelines of …"), not on an object: the
    # remarks "condemned *at* Sunday's rally" were made then, not the condemnation.
    node = preposition.head
    for _ in range(_MAX_HOPS * 2):  # only through prepositional phrases: safe to go further
        if node.i in core:
            return True
        if node.dep_ not in ("pobj", "prep"):
            return False
        node = node.head
    return False


def _attached(span: Span, anchors: set[int]) -> bool:
    return _reaches(span.root, anchors)


def _reaches(token: Token, anchors: set[int]) -> bool:
    """Whether the head chain from ``token`` reaches an anchor of the trigger's clause within
    ``_MAX_HOPS`` steps without passing through another verb."""
    node = token
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
    if node.i == verb.i or _attribution(node, verb):
        return True
    fronted = _opens_sentence(span) and span.end <= node.i
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


def _opens_sentence(span: Span) -> bool:
    """Whether a time expression opens its sentence: its first words, or after one
    preposition ("In 2022, …")."""
    return span.start - span.sent.start <= 1


def _attribution(node: Token, verb: Token) -> bool:
    """Whether a time expression's verb is the attribution that closes the trigger's clause:
    "The president criticized Israel in his speech, the agency *reported on Monday*" — after
    a comma that follows the trigger's verb, with only the reporter's name between the comma
    and the verb (no other verb, no "and"). The small model hangs such a clause anywhere
    (``conj`` or ``advcl`` of the act, ``acl`` of the agency); the day of the report is the
    act's, as when "reported" heads the sentence (issue 14: such acts took the article's
    day)."""
    if node.lemma_.lower() not in _ATTRIBUTION_VERBS or node.i <= verb.i:
        return False
    doc = node.doc
    comma = next((i for i in range(node.i - 1, verb.i, -1) if doc[i].text == ","), None)
    if comma is None:
        return False
    between = doc[comma + 1 : node.i]
    # The reporter is named between the comma and the verb — not a participle right after the
    # comma, which describes a noun: "sanctions, *announced* by Albright on Tuesday".
    return (
        any(t.pos_ in _REPORTER_POS for t in between)
        and not any(t.pos_ in ("VERB", "AUX") or t.dep_ == "cc" for t in between)
        and not any(c.dep_ == "agent" for c in node.children)
        and verb.sent.start == node.sent.start
    )


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
    attached = [
        t for t in in_sentence if _dates(t, owners[t.start], trigger, anchors, article_date)
    ]
    chosen: Span | None = _time_of_when_clause(trigger, in_sentence)
    if chosen is None and attached:
        chosen = min(attached, key=lambda t: abs(t.start - trigger.i))
    # Rule 2 counts the expressions that may date a clause: one inside a noun phrase dates
    # that noun only ("On April 9, Iraq flouted sanctions in force since its *August 1990*
    # invasion and flew …": April 9 still opens the sentence for "flew").
    free = [t for t in in_sentence if owners[t.start] is None]
    if (
        chosen is None
        and len(free) == 1
        # "said *Friday* they *had ordered*": the past perfect is before the time it hangs on
        # — unless that time opens the sentence and frames all of it ("*In late 2003*,
        # Pakistan said it had killed …")
        and not (is_past_perfect(trigger) and not _opens_sentence(free[0]))
        and (
            _may_govern(free[0], trigger)
            or _past_time_of_complement(free[0], trigger, article_date)
        )
    ):
        chosen = free[0]
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
