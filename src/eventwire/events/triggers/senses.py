"""Senses of a matched trigger that are no event, or another event: what the lexicon's entry
cannot see in its lemma, particle and object alone (issue 13).

* a violence verb that tells who won a vote or a match ("beat his rival *in the election*");
* a verb of opposing that names a candidacy ("challenged X *for the nomination*");
* missiles fired as a test or a show of force ("fired missiles *into the sea*", "*in a show of
  force*"): MOBILIZE with no recipient, not ASSAULT;
* "seek" in a manhunt ("police are seeking the gunman"): no request;
* a patrol or a deployment "as part of" a UN or peacekeeping force: peacekeeping, CAMEO 074
  (AID), as the lexicon codes peacekeeping missions, not a show of force (MOBILIZE).

Each function takes the match :func:`~eventwire.events.triggers.matching.match_token` chose
and the trigger's dependents.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Token

if TYPE_CHECKING:
    from .matching import TriggerMatch

__all__ = [
    "PEACEKEEPING_CODE",
    "is_candidacy",
    "is_contest_result",
    "is_manhunt",
    "is_peacekeeping",
    "is_weapons_test",
]

# CAMEO 074 "Provide military protection or peacekeeping" (AID).
PEACEKEEPING_CODE = "074"
_PEACEKEEPING_WORDS = frozenset({"peacekeeping", "peacekeeper", "peace-keeping", "peacekeepers"})
_UN_WORDS = frozenset({"un", "u.n.", "united", "nations", "unifil"})

# What one wins or loses without violence: "beat his rival *in the election*", "crushed the
# hosts *in the final*".
_CONTEST_NOUNS = frozenset(
    {"election", "vote", "poll", "race", "runoff", "run-off", "ballot", "primary", "referendum",
     "contest", "match", "game", "final", "tournament", "championship", "competition", "round",
     "bid", "battleground"}
)  # fmt: skip


def is_contest_result(match: TriggerMatch, children: Sequence[Token]) -> bool:
    """Whether a violence verb tells who won a vote or a match: "X, who narrowly *beat* Y in
    April's general election" (issue 13: coded as X beating Y, ASSAULT). The verb's own "in"
    or "at" phrase names the contest ("at the polls", "in the runoff")."""
    if match.is_nominal or not match.entry.code.startswith(("18", "19", "20")):
        return False
    for prep in children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
            continue
        if any(o.dep_ == "pobj" and o.lemma_.lower() in _CONTEST_NOUNS for o in prep.children):
            return True
    return False


# Offices and prizes one runs for: "challenged X *for the nomination*".
_OFFICES = frozenset(
    {"nomination", "leadership", "seat", "presidency", "post", "office", "chairmanship",
     "mayoralty", "governorship", "premiership", "title", "crown", "job", "candidacy",
     "ticket", "throne", "chair"}
)  # fmt: skip
# Votes one runs in ("for the nomination", "in the primary"); not a "bid" or a "round".
_RACES = _OFFICES | frozenset(
    {"election", "vote", "poll", "race", "runoff", "run-off", "ballot", "primary", "contest"}
)
_CANDIDACY_VERBS = frozenset({"challenge", "contest", "oppose", "face", "run", "dispute"})


def is_candidacy(match: TriggerMatch, children: Sequence[Token]) -> bool:
    """Whether a verb of opposing names a candidacy, not a criticism: "challenged X *for the
    nomination*", "will oppose him *in the primary*", "contested *the seat*" (issue 13: coded as
    ACCUSE). Running against someone is no event in PLOVER: nobody is criticised, nothing
    is done to the rival."""
    if match.is_nominal or match.token.lemma_.lower() not in _CANDIDACY_VERBS:
        return False
    for child in children:
        if (
            child.dep_ == "prep"
            and child.lower_ in ("for", "in", "at")
            and any(o.dep_ == "pobj" and o.lemma_.lower() in _RACES for o in child.children)
        ):
            return True
        if child.dep_ == "dobj" and child.lemma_.lower() in _OFFICES | {"race", "primary"}:
            return True  # "contested the seat" (not "opposes X's *bid* to join NATO")
    return False


# Where a missile fired as a test or a show of force lands, and the words that say it is one.
_OPEN_WATERS = frozenset({"sea", "ocean", "waters", "water", "pacific", "atlantic"})
_TEST_WORDS = frozenset(
    {"test", "tests", "test-fire", "drill", "exercise", "demonstration", "trial", "show",
     "display"}
)  # fmt: skip


def is_weapons_test(match: TriggerMatch, children: Sequence[Token]) -> bool:
    """Whether missiles "fired toward / into" somewhere were a test or a show of force, not
    an attack: they came down in open waters ("fired missiles *into the sea* off Japan") or the
    clause says test, drill or "a show of force" (issue 13: a missile fired toward a country
    as a test was coded ASSAULT on it). PLOVER codes a weapons test MOBILIZE, with no
    recipient (our gold set so codes them)."""
    if match.is_nominal or not match.entry.code.startswith("19") or match.object_token is None:
        return False
    if match.prep_token is not None and any(
        o.dep_ == "pobj" and o.lemma_.lower() in _OPEN_WATERS for o in match.prep_token.children
    ):
        return True
    target_prep = match.prep_token.i if match.prep_token is not None else -1
    return any(
        t.lemma_.lower() in _TEST_WORDS or t.lower_ in _TEST_WORDS
        for c in children
        if c.dep_ in ("prep", "advcl", "npadvmod", "advmod") and c.i != target_prep
        for t in c.subtree
    )


# Who is sought in a manhunt: "police are seeking the gunman", "the suspect is being sought".
_WANTED = frozenset(
    {"suspect", "gunman", "gunmen", "attacker", "assailant", "killer", "culprit",
     "perpetrator", "fugitive", "bomber", "shooter", "robber", "murderer", "kidnapper",
     "abductor", "hijacker", "escapee", "thief", "rapist", "driver", "witness", "man",
     "woman", "men", "person", "people", "owner", "accomplice", "militant"}
)  # fmt: skip
# Who hunts: a named person sought by them is wanted, not asked ("police seek Ali Khan").
_SEARCHERS = frozenset(
    {"police", "policeman", "officer", "detective", "investigator", "authority", "agent",
     "troop", "soldier", "force", "prosecutor", "interpol", "fbi"}
)  # fmt: skip


def is_manhunt(match: TriggerMatch, children: Sequence[Token]) -> bool:
    """Whether "seek" hunts a person instead of asking for something: "police are seeking
    the gunman" (issue 13: coded as a REQUEST of the gunman). The sought is a wanted
    person's noun, or a named person when police or investigators seek them."""
    if match.is_nominal or match.token.lemma_.lower() != "seek":
        return False
    sought = [c for c in children if c.dep_ in ("dobj", "nsubjpass")]
    if any(c.lemma_.lower() in _WANTED or c.lower_ in _WANTED for c in sought):
        return True
    searchers = [c for c in children if c.dep_ in ("nsubj", "agent")]
    searchers += [g for c in searchers if c.dep_ == "agent" for g in c.children]
    return any(c.ent_type_ == "PERSON" for c in sought) and any(
        c.lemma_.lower() in _SEARCHERS or c.lower_ in _SEARCHERS for c in searchers
    )


def is_peacekeeping(match: TriggerMatch, children: Sequence[Token]) -> bool:
    """Whether a posture verb (MOBILIZE: "patrolling", "deployed") serves a peacekeeping
    force: "*as part of the UN force*, German navy ships have been patrolling the coast",
    "deployed *with the peacekeeping mission*" (issue 13: coded as a show of force against the
    host). PLOVER and our lexicon code peacekeeping as AID (074)."""
    if match.is_nominal or not match.entry.code.startswith("15"):
        return False
    for child in children:
        if child.dep_ != "prep" or child.lower_ not in ("as", "with", "under", "for", "in"):
            continue
        words = {t.lower_ for t in child.subtree}
        if words & _PEACEKEEPING_WORDS:
            return True
        if words & _UN_WORDS and words & {"force", "mission", "contingent", "operation"}:
            return True
    return False
