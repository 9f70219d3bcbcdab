"""Sides a sentence leaves to the sentences before it: "the talks", "the accused".

News names the parties of a meeting once and then tells it by a definite noun: "Putin and
Erdogan met in Sochi on Tuesday. *The talks* focused on Syria"; AFP and Xinhua write the
second paragraph of a meeting story so. PLOVER codes the talks between the two (the PLOVER
manual's CONSULT: "Meet, negotiate, or discuss"), and our gold set lists such events (issue 13,
sixth round). A definite meeting noun with no party of its own stands for a meeting of the two
actors the story has just named, when it has named exactly two (``MentionIndex.recent_pair``,
as for "the two sides"), and when those sentences speak of meeting at all: "Israel bombed
Gaza. The talks in Cairo stalled" names no meeting of Israel and Gaza.

A side found so is reached like a pronoun (``via="pronoun"``) and shown as the noun's words,
which hold no mention of its actor: the confidence recipe takes its pronoun penalty, and the
calibrated model sees ``inferred_source`` / ``inferred_target``.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..triggers.matching import TriggerMatch
from .clause import ArgumentFrame
from .mentions import MentionIndex

__all__ = ["recalled_meeting"]

# CAMEO codes of a meeting of two parties in which neither acts on the other: "Consult" (040)
# and "Engage in negotiation" (046). Visits (042, 043) have a direction the noun does not give.
_MEETING_CODES = frozenset({"040", "046"})
# Nouns of a meeting that may be of two: a summit, conference or session is mostly of many
# (on 200 Gigaword articles "the summit" and "the ministerial meeting" recalled two of a
# summit's many members, and an organisation in the pair was the meeting's host or topic, not
# its party).
_TWO_PARTY_NOUNS = frozenset(
    {"talks", "talk", "meeting", "negotiation", "discussion", "consultation", "conversation"}
)
# A meeting told again is the subject of its sentence ("The talks ended without agreement",
# "The meeting was held behind closed doors"); elsewhere ("the delegate *to the talks*") the
# noun names the meeting a person attends, not an event of the story's pair.
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
# Determiners by which a noun refers to a meeting already told.
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Modifiers of a meeting of more than two parties ("the six-nation talks", "four-way talks",
# "multilateral negotiations"): the two latest actors are not its parties.
_MANY_PARTIES = re.compile(
    r"(three|four|five|six|seven|eight|nine|ten|multi|\d|party|nation|way|round-table)"
)
# Words of meeting in the sentences a recalled meeting looks back over: without one of them,
# two actors named before are no meeting's parties ("Israel bombed Gaza. The talks stalled").
_MEETING_LEMMAS = frozenset(
    {
        "meet",
        "meeting",
        "talk",
        "talks",
        "negotiate",
        "negotiation",
        "discuss",
        "discussion",
        "summit",
        "visit",
        "host",
        "receive",
        "consult",
        "consultation",
        "confer",
    }
)


def recalled_meeting(match: TriggerMatch, index: MentionIndex) -> ArgumentFrame | None:
    """The two parties of a definite meeting noun with none of its own ("*The talks* ended
    without agreement" after "X and Y met in Geneva"), as a joint frame; None when the noun is
    no such reference or the story has not just named a meeting of exactly two actors."""
    noun = match.token
    if not match.is_nominal or match.entry.code not in _MEETING_CODES:
        return None
    if noun.lemma_.lower() not in _TWO_PARTY_NOUNS:
        return None
    if noun.dep_ not in _SUBJECT_DEPS or not any(
        c.dep_ == "det" and c.lower_ in _DEFINITE for c in noun.children
    ):
        return None
    if _many_parties(noun) or not _meeting_told_before(noun, index):
        return None
    pair = index.recent_pair(noun, noun.doc[noun.left_edge.i : noun.i + 1])
    if len(pair) != 2 or any(side.actor.kind == "igo" for side in pair):
        return None
    return ArgumentFrame(tuple(pair), (), False, symmetric=True)


def _many_parties(noun: Token) -> bool:
    """Whether a meeting noun's own modifiers make it a meeting of more than two parties."""
    return any(
        c.dep_ in ("amod", "compound", "nummod", "npadvmod") and _MANY_PARTIES.search(c.lower_)
        for c in noun.subtree
        if c.i < noun.i
    )


def _meeting_told_before(noun: Token, index: MentionIndex) -> bool:
    """Whether the sentences a reference at ``noun`` looks back over speak of a meeting of
    two before it (its own sentence up to it, and the two before): a word of meeting, and none
    of a meeting of more ("the six-nation talks", which "the talks" then recalls)."""
    words = [
        t
        for t in noun.doc[index.window_start(noun) : noun.i]
        if t.lemma_.lower() in _MEETING_LEMMAS
    ]
    return bool(words) and not any(_many_parties(t) for t in words)
