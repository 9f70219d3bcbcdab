"""Co-ordinated subjects that act together on a third, not on each other (issue 13).

"X and Y met" and "X and Y signed an accord" are joint acts between the two, and the coder pairs
them (``ArgumentFrame.symmetric``). Many sentences with the same shape are not: the subjects
act as one side on someone else, or on no one. The sixth round's unseen sample lost 16 of 100
events to wrong sides, most of them such pairs: two states that *jointly proposed* a plan coded
as one proposing to the other, *co-mediators* paired, allies that *launched strikes on* a third
coded as attacking each other. Three general marks say so:

* **a mark of acting together** on the trigger, its object or the subjects: an adverb
  ("*jointly* proposed", "*together* demanded", "acted *in concert*"), an adjective on the act
  ("a *joint* statement", "*joint* air strikes", "a *common* position"), a "co-" verb
  ("*co-sponsored* a resolution") or an apposition naming the subjects as co-agents or
  go-betweens ("X and Y, *the co-mediators*, …", "*the two mediators*"). The acts that are
  mutual by nature keep their pair — meetings and talks (CAMEO 04, but mediation), agreements
  signed (05) and cooperation (06): "*held joint exercises*", "*signed a joint declaration*";
* **mediation** (CAMEO 045): mediators never mediate between themselves; the parties they
  stand *between* are the targets ("brokered a truce *between* X and Y");
* **an attack on a third** (ASSAULT, CAMEO 18–20): co-ordinated attackers are paired only when
  nothing else is attacked ("X and Y *clashed*", "fought *each other*"); an object or an
  "on"/"against" phrase naming someone ("launched air strikes *on* the rebels", "shelled
  militant *positions*") makes them allies, not foes.

Such a frame is marked ``together``; the coder then codes each subject on the frame's targets
found inside its phrases, or alone.
"""

from __future__ import annotations

from spacy.tokens import Token

from ..triggers.matching import TriggerMatch
from .clause import prep_objects
from .unnamed import looks_like_actor

__all__ = ["GO_BETWEEN_VERBS", "acts_together", "is_mediation", "mediation_parties"]

# Adverbs and fixed phrases ("in concert") of acting as one side.
_TOGETHER_ADVERBS = frozenset({"jointly", "together", "collectively", "unanimously"})
_TOGETHER_PHRASES = frozenset({"concert", "tandem", "unison"})
# Adjectives of an act done by several as one.
_JOINT_ADJECTIVES = frozenset(
    {"joint", "combined", "concerted", "common", "collective", "coordinated", "co-ordinated",
     "united", "shared"}
)  # fmt: skip
# Nouns an apposition names co-ordinated subjects by when they stand between or behind others:
# "X and Y, *the two mediators*, urged Z".
_GO_BETWEEN_NOUNS = frozenset(
    {"mediator", "guarantor", "broker", "facilitator", "sponsor", "convener", "convenor"}
)
# Verbs of standing between two others: their agents are no party to what they bring about
# ("a ceasefire *mediated by* Qatar": Qatar did not agree to it with the signatories).
GO_BETWEEN_VERBS = frozenset({"mediate", "broker", "facilitate"})

# CAMEO roots of acts mutual by nature (consult, cooperate diplomatically and materially):
# a mark of acting together does not part their subjects ("held *joint* talks").
_MUTUAL_ROOTS = ("04", "05", "06")
_MEDIATION = "045"
_ATTACK_ROOTS = ("18", "19", "20")
# What a go-between brings about between two parties: "brokered *a truce* between X and Y".
_NEGOTIATION_NOUNS = frozenset(
    {"talk", "talks", "negotiation", "dialogue", "truce", "ceasefire", "cease-fire", "deal",
     "agreement", "accord", "settlement", "peace", "reconciliation", "exchange", "swap",
     "meeting", "contact", "understanding", "compromise"}
)  # fmt: skip
# Reciprocal pronouns: "fought *each other*" is the pair's own fight.
_RECIPROCALS = frozenset({"each", "one", "other", "another"})


def acts_together(match: TriggerMatch) -> bool:
    """Whether ``match``'s co-ordinated subjects act as one side on someone else or on no one
    (module docstring): never to be paired with each other."""
    code = match.entry.code
    if is_mediation(match):
        return True
    if code.startswith(_ATTACK_ROOTS) and _attacks_a_third(match):
        return True
    if code.startswith(_MUTUAL_ROOTS):
        return False
    return _marked_together(match)


def is_mediation(match: TriggerMatch) -> bool:
    """Whether ``match`` is a verb of mediating ("X and Y mediated"; the noun "mediation
    between X and Y" names the parties, not the mediators)."""
    return match.entry.code.startswith(_MEDIATION) and not match.is_nominal


def mediation_parties(match: TriggerMatch) -> list[Token]:
    """The parties a mediation verb stands between, each conjunct: "mediated *between* X and
    Y", "brokered a truce *between* X and Y"."""
    if not is_mediation(match):
        return []
    verb = match.token
    # "facilitate *trade* between X and Y" brings no one together: on an object, only a
    # negotiation or its outcome stands between parties ("brokered *a truce* between").
    holders = [verb] + [
        c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _NEGOTIATION_NOUNS
    ]
    return [
        obj
        for holder in holders
        for prep in holder.children
        if prep.dep_ == "prep" and prep.lower_ == "between"
        for first in prep_objects(prep)
        for obj in (first, *first.conjuncts)
    ]


def _marked_together(match: TriggerMatch) -> bool:
    token = match.token
    if _co_prefixed(token):
        return True  # "co-sponsored", "co-hosted"
    acts = [token]
    if match.object_token is not None:
        acts.append(match.object_token)
    acts += [c for c in token.children if c.dep_ == "dobj"]
    for act in acts:
        for child in act.children:
            word = child.lower_
            if child.dep_ == "advmod" and word in _TOGETHER_ADVERBS:
                return True
            if child.dep_ in ("amod", "compound") and word in _JOINT_ADJECTIVES:
                return True
            if (
                child.dep_ == "prep"
                and word == "in"
                and any(o.lower_ in _TOGETHER_PHRASES for o in prep_objects(child))
            ):
                return True
    return any(_named_as_go_betweens(s) for s in token.children if s.dep_ == "nsubj")


def _named_as_go_betweens(subject: Token) -> bool:
    """ "X and Y, *the co-sponsors*, …", "X and Y, *the two mediators*, …": an apposition of
    the first subject or of a later conjunct."""
    holders = [subject, *subject.conjuncts]
    for holder in holders:
        for appos in (c for c in holder.children if c.dep_ == "appos"):
            if _co_prefixed(appos) or appos.lemma_.lower() in _GO_BETWEEN_NOUNS:
                return True
    return False


def _co_prefixed(token: Token) -> bool:
    """Whether ``token`` carries the prefix "co-", as one token or split off by the tokenizer
    ("co", "-", "sponsored")."""
    if token.lower_.startswith("co-"):
        return True
    doc = token.doc
    return token.i >= 2 and doc[token.i - 1].text == "-" and doc[token.i - 2].lower_ == "co"


def _attacks_a_third(match: TriggerMatch) -> bool:
    """Whether an attack names someone it is done to besides the attackers: an object or an
    "on"/"against" phrase on the trigger or on its object holding an actor-like noun (not a
    place: "clashed *at* the Sapsu area", nor an apposition naming the act: "an offensive,
    *Operation Steel Curtain*")."""
    verb = match.token
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    if match.object_token is not None and match.object_token not in objects:
        objects.append(match.object_token)
    phrases = list(objects)
    for holder in (verb, *objects):
        phrases += [
            o
            for prep in holder.children
            if prep.dep_ == "prep" and prep.lower_ in ("on", "against", "upon")
            for o in prep_objects(prep)
        ]
    for phrase in phrases:
        words = _without_appositions(phrase)
        if any(w.lower_ in _RECIPROCALS and w.pos_ in ("PRON", "DET") for w in words):
            return False
        if any(w.i != verb.i and _names_someone(w) for w in words):
            return True
    return False


def _without_appositions(phrase: Token) -> list[Token]:
    """The words of ``phrase`` outside its appositions."""
    found = [phrase]
    for child in phrase.children:
        if child.dep_ != "appos":
            found += _without_appositions(child)
    return found


def _names_someone(token: Token) -> bool:
    return looks_like_actor(token) and token.ent_type_ not in ("GPE", "LOC", "FAC")
