"""Forecasts are not threats or promises: who says that an act will happen matters.

"US commanders warned that insurgents will step up their attacks" reports what the commanders
expect of the insurgents: no one threatened anyone. CAMEO and PLOVER code an announced act as a
statement of intent (AGREE, THREATEN) only when the actor announces its own act ("Iran warned it
would retaliate", "Lavrov said Russia would walk out"); when a third party predicts it, the act
stays what it was — intended, not asserted — and a "warning" that only predicts is no THREATEN
of the one who gives it (issue 13: both were among the traps our annotators marked, and the
second most common spurious THREATEN on the studied Gigaword sample).
"""

from __future__ import annotations

from spacy.tokens import Token

from ..sides.mentions import MentionIndex

__all__ = ["is_forecast_warning", "predicted_by_another"]

# Verbs whose clausal complement is someone's account of what will happen.
FORECASTING_VERBS = frozenset(
    {"say", "warn", "tell", "predict", "expect", "believe", "fear", "forecast", "add", "state"}
)
# Pronouns that, as the subject of the reported clause, stand for the reporter itself.
_SELF = frozenset({"it", "we", "i", "they", "he", "she"})


# Modals of mere possibility: "warned that the authorities could collapse" predicts.
_POSSIBILITY = frozenset({"could", "may", "might", "can"})
# What a threat says the threatened will undergo: "warned that Israel would pay a heavy price".
_CONSEQUENCE_VERBS = frozenset({"pay", "face", "suffer", "regret", "bear", "lose"})


def _country_of(index: MentionIndex, token: Token) -> str | None:
    mention = index.mention_at(token)
    if mention is None:
        return None
    actor = index.actor_of(mention)
    return (actor.country or actor.code or None) if actor.resolved else None


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)


def _clause_verb(token: Token) -> Token:
    node = token
    while (
        node.dep_ in ("xcomp", "dobj", "pobj", "prep", "compound", "amod") and node.head.i != node.i
    ):
        node = node.head
    return node


def predicted_by_another(index: MentionIndex, trigger: Token, actor_country: str | None) -> bool:
    """Whether the act of ``trigger`` is reported by someone other than its actor ("X said Y
    will attack"): the clause it sits in is the complement of a reporting verb whose subject
    is an actor of another country (a pronoun stands for the reporter and counts as itself)."""
    verb = _clause_verb(trigger)
    if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in FORECASTING_VERBS:
        return False
    reporter = _subject(verb.head)
    if reporter is None or reporter.lower_ in _SELF:
        return False
    country = _country_of(index, reporter)
    return country is not None and country != actor_country


def is_forecast_warning(index: MentionIndex, trigger: Token) -> bool:
    """Whether a "warn" trigger only predicts: it warns no one (no object), and what it warns
    of is a mere possibility ("could collapse") or an act of another actor that is no
    consequence for the warned ("insurgents will step up attacks", but not "Israel would pay
    a heavy price")."""
    if trigger.lemma_.lower() != "warn" or any(c.dep_ == "dobj" for c in trigger.children):
        return False
    clause = next((c for c in trigger.children if c.dep_ == "ccomp"), None)
    if clause is None:
        return False
    subject = _subject(clause)
    if subject is None or subject.lower_ in _SELF:
        return False
    if any(c.dep_ == "aux" and c.lower_ in _POSSIBILITY for c in clause.children):
        return True
    if clause.lemma_.lower() in _CONSEQUENCE_VERBS:
        return False
    warner = _subject(trigger)
    own = _country_of(index, warner) if warner is not None else None
    other = _country_of(index, subject)
    return other is None or own is None or other != own
