"""Attach a place to an event trigger.

Stage 4 of the coder, with ``dating/``: where an event happened. In order (issue 13: before
these rules, 3–4 % of events had a place):

1. a place span attached by "in"/"at" to the trigger or to the verb of its clause ("talks *in
   Berlin*", "attending the meeting *in Malta*");
2. the only town or region the sentence names, when all such mentions are in one country and
   none is an actor ("shelled the city of *Kharkiv*", "Police *in Solo* said …"): countries and
   capitals are mostly actors ("sanctions against *Tehran*", "urged *Kenya*"), and a place
   named as an actor says nothing of where the act was. Only a place that can be a scene
   counts: not part of a name ("*Newcastle* United", "a *Macau*-based bank"; a seat such as
   "the *Christchurch* court" or "the *Sydney* suburb" is kept), not someone's home ("Iwasaki
   *of Kobe*", "a bomber *from Jenin*"), and not in a clause below or beside the trigger's
   ("agreed …, while they endorsed plans to cut land used by US forces *in Okinawa*");
3. for a material act done to a state (ASSAULT, COERCE, MOBILIZE, SANCTION is not one: it is
   done from afar) with nothing else named, that state when it is named as a place — the
   target itself ("Israeli jets struck *Lebanon*") or "in" its country ("on missions *in
   Kenya*") —, never by a nationality ("raping a *Canadian* tourist" in Paris);
4. for a statement, meeting or other verbal act, the town of the article's dateline when it is
   in the country of one of the two sides ("NEW DELHI — India and Russia agreed …"): a wire
   reporter files from where the words were said. Never for a material act, whose place a
   correspondent in the capital does not see, and never a dateline that names only a country.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span, Token

from ..places.gazetteer import resolve_place
from ..places.model import Place
from .dating.attachment import clause_anchors, clause_verb
from .model import Location

__all__ = ["attach_location", "dateline_location", "fallback_location"]

# Categories whose act happens on the target's ground when nothing else says where.
_ON_TARGET_GROUND = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# Verbal acts: said or agreed where a dateline's reporter can hear them.
_SAID_WHERE_FILED = frozenset(
    {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
)

_PLACE_PREPS = frozenset({"in", "at"})
# Phrases whose noun's own "in"/"at" phrase still says where the event was: a venue ("*at* the
# palace in Paris") and the partner of a meeting ("met *with* the envoy in Qatar").
_ANCHOR_PREPS = _PLACE_PREPS | {"with"}
_GROUND_PREPS = frozenset({"in", "inside", "across", "throughout"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod"})
# Nouns a place name may modify and still say where: "the *Sydney* suburb", "*Gaza* border".
_PLACE_NOUNS = frozenset(
    {
        "suburb",
        "city",
        "town",
        "village",
        "district",
        "province",
        "region",
        "area",
        "port",
        "border",
        "capital",
        "county",
        "state",
        "camp",
        "outskirts",
        "coast",
        "countryside",
        # seats and local offices: "the *Christchurch* District Court", "*Gaza* airport",
        # "the *Manhattan* district attorney"
        "court",
        "police",
        "airport",
        "hospital",
        "prison",
        "embassy",
        "base",
        "station",
        "university",
        "market",
        "mosque",
        "church",
        "hotel",
        "parliament",
        "attorney",
        "prosecutor",
        "mayor",
        "governor",
        "sheriff",
        "council",
    }
)
# Common nouns for people whose "of"/"from" place is their home, not a scene.
_PEOPLE = frozenset(
    {"man", "woman", "men", "women", "resident", "residents", "native", "boy", "girl", "student"}
)


def attach_location(trigger: Token, sentence: Span, places: Sequence[Span]) -> Location | None:
    """The place attached to the trigger's clause by "in"/"at", or None: on the trigger, the
    verb of its clause or their objects, on the venue or partner of one of them ("stabbed people
    *at a hall in London*", "met *with the envoy in Qatar*") or on the agent of a passive ("was
    killed *by special forces in Pakistan*")."""
    anchors = _place_anchors(trigger)
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


def _place_anchors(trigger: Token) -> set[int]:
    """The tokens whose "in"/"at" phrase says where the trigger's event was: the clause's
    anchors (``clause_anchors``), the noun of an "in"/"at" phrase on one of them (a venue: its
    own "in" phrase names the town), of a "with" phrase (the partner met "in Doha") and of a
    passive's "by" agent."""
    anchors = clause_anchors(trigger)
    doc = trigger.doc
    extra: set[int] = set()
    for i in anchors:
        for child in doc[i].children:
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ in _ANCHOR_PREPS):
                extra.update(g.i for g in child.children if g.dep_ == "pobj" and g.pos_ in _NOUNS)
    return anchors | extra


def fallback_location(
    trigger: Token,
    sentence: Span,
    places: Sequence[Span],
    actors: Sequence[tuple[int, int]],
    category: str,
    target: Span | None,
    target_country: str | None,
    target_is_state: bool,
) -> Location | None:
    """Where an event is when no place is attached to it (rules 2 and 3 of the module
    docstring); ``actors`` are the token spans of the sentence's actor mentions, ``target``
    the target's mention."""
    others: list[tuple[Span, Place]] = []
    grounds: list[tuple[Span, Place]] = []  # countries named as where: "in Kenya"
    verb = clause_verb(trigger)
    for span in places:
        if not (sentence.start <= span.start and span.end <= sentence.end):
            continue
        place = span._.place
        if not isinstance(place, Place) or place.country is None:
            continue
        if place.feature == "country":
            # A country is mostly an actor, but "in Kenya" is where, whatever the tagger says.
            head = span.root.head
            if span.root.dep_ == "pobj" and head.lower_ in _GROUND_PREPS:
                grounds.append((span, place))
            continue
        if any(span.start < end and start < span.end for start, end in actors):
            continue
        if _names_no_scene(span) or not _in_clause_above(span, verb):
            continue
        others.append((span, place))
    if others and len({place.country for _, place in others}) == 1:
        span, place = others[0]
        return Location(span.text, place.country, place.lat, place.lon)
    if not others and category in _ON_TARGET_GROUND and target_is_state and target_country:
        # The state's ground only when the target is named as a place ("struck *Lebanon*",
        # "shelled *Kyiv*") or the sentence names its country as one ("raped women … on
        # missions *in Kenya*"), not by a nationality or a modifier: "raping a *Canadian*
        # tourist" in Paris, "banned *Iranian* airline Mahan Air", "attacked a *U.S.* vessel"
        # say nothing of where (each was placed in the target's country before).
        if target is not None and target.root.dep_ not in _MODIFIER_DEPS:
            named = resolve_place(target.text)
            if named is not None and named.country == target_country:
                return Location(target.text, target_country, None, None)
        for span, place in grounds:
            if place.country == target_country:
                return Location(span.text, place.country, place.lat, place.lon)
    return None


def _in_clause_above(span: Span, verb: Token) -> bool:
    """Whether the place sits in the trigger's clause or one that embeds it ("Police *in Solo*
    said the mob attacked …"), not in a clause below or beside it: "Israeli troops continued
    their operation after a bomber *from Jenin* killed five" and "the leaders agreed …, while
    they endorsed plans to cut land used by US forces *in Okinawa*" say nothing of where the
    operation or the agreement was."""
    # The verb of the place's clause however deep the phrase: with the trigger's limit of 4
    # steps, 11 of 323 placed event mentions of 300 Gigaword articles lost a right place
    # ("police in the Central Java town of *Yogyakarta* have arrested").
    own = clause_verb(span.root, max_hops=None)
    return own.i == verb.i or own in verb.ancestors


def _names_no_scene(span: Span) -> bool:
    """A place that is part of a name or an origin, not where anything happens: a modifier
    in a compound ("the *Manhattan* District Attorney", "*Kobe* Steel") or a person's home
    ("Yutaka Iwasaki *of Kobe*", "a bomber *from Jenin*")."""
    root = span.root
    if root.dep_ == "compound" and root.head.pos_ in _NOUNS and root.head.i >= span.end:
        return root.head.lemma_.lower() not in _PLACE_NOUNS  # "the Sydney suburb of Auburn"
    prep = root.head
    if root.dep_ == "pobj" and prep.dep_ == "prep" and prep.head.pos_ in _NOUNS:
        owner = prep.head
        if prep.lower_ == "from":  # "a bomber *from Jenin*", "troops *from Chad*"
            return True
        return prep.lower_ == "of" and (owner.ent_type_ == "PERSON" or owner.lower_ in _PEOPLE)
    return False


def dateline_location(
    dateline: str | None, category: str, countries: Sequence[str | None]
) -> Location | None:
    """Rule 4 of the module docstring: the dateline's town for a verbal act by or to a side of
    its country. ``dateline`` is the article's (``"BEIJING"``, or the whole line "SRINAGAR,
    India, April 7 (AFP)" when a reader kept it whole); ``countries`` are the two sides'."""
    if not dateline or category not in _SAID_WHERE_FILED:
        return None
    place = resolve_place(dateline) or resolve_place(dateline.split(",")[0])
    if place is None or place.feature == "country" or place.country is None:
        return None
    if place.country not in {c for c in countries if c}:
        return None
    return Location(place.name, place.country, place.lat, place.lon)
