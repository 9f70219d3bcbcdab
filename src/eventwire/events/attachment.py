"""Attach a date and a place to an event trigger.

Date, in order (the first that applies):

1. a time expression attached to the trigger's clause — its head chain reaches the trigger, or
   the verb of the clause the (nominal) trigger sits in, without passing through another verb:
   "signed the treaty *in June*", "The rare call took place *on November 27*";
2. the only time expression of the sentence, when there is exactly one and it sits in the
   trigger's clause or a clause above it (never inside another verb's clause);
3. the article's date at day granularity, with ``text`` None (the report date bounds the event);
4. None (an undated article and no expression).

Place, in order (issue 13: before it, 3–4 % of events had one):

1. a place span attached by "in"/"at" to the trigger or to the verb of its clause ("talks *in
   Berlin*", "attending the meeting *in Malta*");
2. the only town or region the sentence names, when all such mentions are in one country and
   none is an actor ("shelled the city of *Kharkiv*", "Police *in Solo* said …"): countries and
   capitals are mostly actors ("sanctions against *Tehran*", "urged *Kenya*"), and a place
   named as an actor says nothing of where the act was;
3. for a material act done to a state (ASSAULT, COERCE, MOBILIZE, SANCTION is not one: it is
   done from afar) with nothing else named, that state: "Israeli jets struck *Lebanon*";
4. for a statement, meeting or other verbal act, the town of the article's dateline when it is
   in the country of one of the two sides ("NEW DELHI — India and Russia agreed …"): a wire
   reporter files from where the words were said. Never for a material act, whose place a
   correspondent in the capital does not see, and never a dateline that names only a country.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from spacy.tokens import Span, Token

from ..places.model import Place
from ..time.model import Timex
from .model import EventDate, Location

__all__ = [
    "attach_date",
    "attach_location",
    "clause_verb",
    "dateline_location",
    "fallback_location",
]

# Categories whose act happens on the target's ground when nothing else says where.
_ON_TARGET_GROUND = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# Verbal acts: said or agreed where a dateline's reporter can hear them.
_SAID_WHERE_FILED = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)

_PLACE_PREPS = frozenset({"in", "at"})
# Hops up from a timex/place head to the trigger; "on November 27" → "on" → "took" is 2.
_MAX_HOPS = 4


def clause_verb(trigger: Token) -> Token:
    """The verb whose clause the trigger belongs to (the trigger itself when it is a verb)."""
    node = trigger
    for _ in range(_MAX_HOPS):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            return node
        node = node.head
    return trigger


def _anchors(trigger: Token) -> set[int]:
    """The trigger, the verb of its clause and their objects ("held *talks* in Berlin": the
    small model often hangs the place on the object noun)."""
    verb = clause_verb(trigger)
    anchors = {trigger.i, verb.i}
    for head in (trigger, verb):
        anchors.update(c.i for c in head.children if c.dep_ in ("dobj", "nsubjpass"))
    return anchors


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
    verb or one above it ("pledged … , media *reported Saturday*" may; "the treaty they
    *signed in June*" inside another clause may not)."""
    node = span.root.head
    for _ in range(_MAX_HOPS * 2):
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            break
        node = node.head
    verb = clause_verb(trigger)
    return node.i == verb.i or node in verb.ancestors or node.head.i == node.i


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
    anchors = _anchors(trigger)
    attached = [t for t in in_sentence if _attached(t, anchors)]
    chosen: Span | None = None
    if attached:
        chosen = min(attached, key=lambda t: abs(t.start - trigger.i))
    elif len(in_sentence) == 1 and _may_govern(in_sentence[0], trigger):
        chosen = in_sentence[0]
    if chosen is not None:
        timex: Timex = chosen._.timex
        return EventDate(chosen.text, timex.value, timex.granularity, timex.mod)
    if article_date is not None:
        return EventDate(None, article_date.isoformat(), "day", None)
    return None


def attach_location(trigger: Token, sentence: Span, places: Sequence[Span]) -> Location | None:
    """The place attached to the trigger's clause by "in"/"at", or None."""
    anchors = _anchors(trigger)
    for span in places:
        if not (sentence.start <= span.start and span.end <= sentence.end):
            continue
        place = span._.place
        if not isinstance(place, Place):
            continue
        prep = span.root.head
        if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS and prep.head.i in anchors:
            return Location(span.text, place.country, place.lat, place.lon)
    return None


def fallback_location(
    sentence: Span,
    places: Sequence[Span],
    actors: Sequence[tuple[int, int]],
    category: str,
    target_text: str | None,
    target_country: str | None,
    target_is_state: bool,
) -> Location | None:
    """Where an event is when no place is attached to it (rules 2 and 3 of the module
    docstring); ``actors`` are the token spans of the sentence's actor mentions."""
    others: list[tuple[Span, Place]] = []
    for span in places:
        if not (sentence.start <= span.start and span.end <= sentence.end):
            continue
        place = span._.place
        if not isinstance(place, Place) or place.country is None or place.feature == "country":
            continue
        if any(span.start < end and start < span.end for start, end in actors):
            continue
        others.append((span, place))
    if others and len({place.country for _, place in others}) == 1:
        span, place = others[0]
        return Location(span.text, place.country, place.lat, place.lon)
    if not others and category in _ON_TARGET_GROUND and target_is_state and target_country:
        return Location(target_text or target_country, target_country, None, None)
    return None


def dateline_location(
    dateline: str | None, category: str, countries: Sequence[str | None]
) -> Location | None:
    """Rule 4 of the module docstring: the dateline's town for a verbal act by or to a side of
    its country. ``dateline`` is the article's (``"BEIJING"``, or the whole line "SRINAGAR,
    India, April 7 (AFP)" when a reader kept it whole); ``countries`` are the two sides'."""
    if not dateline or category not in _SAID_WHERE_FILED:
        return None
    from ..places.gazetteer import resolve_place

    place = resolve_place(dateline) or resolve_place(dateline.split(",")[0])
    if place is None or place.feature == "country" or place.country is None:
        return None
    if place.country not in {c for c in countries if c}:
        return None
    return Location(place.name, place.country, place.lat, place.lon)
