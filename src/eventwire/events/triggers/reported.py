"""Events that a report of speech expresses through its complement clause, not through a verb.

Two constructions of news language carry an event with no event verb of its own:

* **Deontic demands.** "X said (that) Y *must* do Z", "X insisted Y *should* …": X demands
  something of Y — CAMEO 10 "Demand" (``must``, ``have to``, ``need to``) or 02 "Appeal"
  (``should``, ``ought to``); both are PLOVER REQUEST. The addressee Y is the subject of the
  modal clause — in the passive, the owner of its subject ("*US* sanctions must be lifted") —
  and must be an actor other than the speaker ("we must act" is no demand of anyone else).
* **Attributions of responsibility.** "X said Y *was responsible* for the attack", "X said Y
  *was behind* the blast", "… Y *is to blame*": X accuses Y — CAMEO 112 "Accuse".

Only clauses under a verb of saying count (``SAY_VERBS``); the modal or the predicate word is
reported as the trigger. The coder gives each such event the modality of the verb of saying
("did not say Y must" is negated).

>>> [(f.code, f.trigger.text) for f in find_reported_events(sentence, index)]  # doctest: +SKIP
[('100', 'must')]
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..sides.clause import implicit_subject
from ..sides.mentions import ArgumentActor, MentionIndex

__all__ = ["SAY_VERBS", "ReportedEvent", "find_reported_events"]

SAY_VERBS = frozenset(
    {
        "say",
        "state",
        "insist",
        "stress",
        "declare",
        "tell",
        "add",
        "argue",
        "maintain",
        "reiterate",
        "emphasize",
        "emphasise",
        "underline",
        "assert",
        "announce",
        "write",
        "note",
    }
)
# Modal → CAMEO code: an obligation is a demand (100), advice an appeal (020).
_MODAL_CODES = {"must": "100", "should": "020", "ought": "020"}
# "has to", "needs to" (the verb is the clause head with an xcomp infinitive).
_SEMI_MODALS = frozenset({"have", "need"})
_RESPONSIBLE_WORDS = frozenset({"responsible", "culpable", "guilty"})
_ACCUSE_CODE = "112"


@dataclass(frozen=True, slots=True)
class ReportedEvent:
    """An event found in a reported clause: the verb of saying, the word that carries the event,
    its CAMEO code, and the speaker(s) and addressee(s)."""

    say_verb: Token
    trigger: Token
    code: str
    sources: tuple[ArgumentActor, ...]
    targets: tuple[ArgumentActor, ...]


def find_reported_events(sentence: Span, index: MentionIndex) -> list[ReportedEvent]:
    """Demands and attributions of responsibility reported in ``sentence`` (module doc)."""
    found: list[ReportedEvent] = []
    for say in sentence:
        if say.pos_ != "VERB" or say.lemma_.lower() not in SAY_VERBS:
            continue
        for clause in (c for c in say.children if c.dep_ == "ccomp"):
            judged = _clause_event(clause)
            if judged is None:
                continue
            trigger, code = judged
            subjects = [c for c in clause.children if c.dep_ == "nsubj"]
            targets = tuple(index.resolve_all(subjects))
            if not targets and code != _ACCUSE_CODE:
                # "X said *US sanctions* must be lifted": what must be done to a thing is
                # asked of its owner ("Iran must be punished" asks nothing of Iran); issue 13.
                patients = [c for c in clause.children if c.dep_ == "nsubjpass"]
                targets = tuple(a for a in index.resolve_all(patients) if a.via == "modifier")
            sources = tuple(index.resolve_all(implicit_subject(say, 0)))
            if not targets or not sources:
                continue
            speakers = {s.key for s in sources}
            targets = tuple(t for t in targets if t.key not in speakers)
            if targets:
                found.append(ReportedEvent(say, trigger, code, sources, targets))
    return found


def _clause_event(clause: Token) -> tuple[Token, str] | None:
    """The trigger word and CAMEO code of a complement clause, or None."""
    for child in clause.children:
        if child.dep_ == "aux" and child.lower_ in _MODAL_CODES:
            return child, _MODAL_CODES[child.lower_]
        if child.dep_ == "neg":
            return None  # "Y must not" forbids rather than demands; left to the lexicon
    if clause.lemma_.lower() in _SEMI_MODALS and any(
        c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in clause.children
    ):
        return clause, "100"
    if clause.lemma_.lower() == "be":
        for child in clause.children:
            if child.dep_ in ("acomp", "attr") and child.lower_ in _RESPONSIBLE_WORDS:
                return child, _ACCUSE_CODE
            if child.dep_ == "prep" and child.lower_ == "behind":
                return child, _ACCUSE_CODE
            if child.dep_ == "xcomp" and child.lemma_.lower() == "blame":
                return child, _ACCUSE_CODE
    return None
