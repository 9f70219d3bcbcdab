"""Attach a place to an event trigger.

Stage 4 of the coder, with ``dating/``: where an event happened. In order (issue 13: before
these rules, 3–4 % of events had a place):

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

from spacy.tokens import Span, Token

from ..places.model import Place
from .dating.attachment import clause_anchors
from .model import Location

__all__ = ["attach_location", "dateline_location", "fallback_location"]

# Categories whose act happens on the target's ground when nothing else says where.
_ON_TARGET_GROUND = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# Verbal acts: said or agreed where a dateline's reporter can hear them.
_SAID_WHERE_FILED = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)

_PLACE_PREPS = frozenset({"in", "at"})


def attach_location(trigger: Token, sentence: Span, places: Sequence[Span]) -> Location | None:
    """The place attached to the trigger's clause by "in"/"at", or None."""
    anchors = clause_anchors(trigger)
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
