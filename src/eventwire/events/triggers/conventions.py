"""PLOVER conventions that depend on who the sides are, once the coder has found them.

* **A ban by one state or organisation on another is SANCTION.** "The Security Council banned
  North Korea from exporting coal", "the EU banned Belarusian carriers from its airspace": the
  PLOVER manual codes "international (political or economic) sanctions" as SANCTION
  (`discontinue`), and the bans of bodies on their own people ("banned the party", "banned
  protests") stay COERCE `restrict`. CAMEO 172 "Impose administrative sanctions" becomes 163
  "Impose embargo, boycott, or sanctions" (issue 13: a Security Council ban was COERCE).
* **Opposing sanctions on a third state does not accuse that state.** "Russia opposed new
  sanctions on Iran" criticises those who would impose them (named as "US sanctions", "a
  British move to impose …"), not Iran (issue 13: coded as Russia accusing the third state).
  The party the sanctions are "on" or "against" is no recipient of an objection, a criticism
  or a rejection of them.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...actors.model import Actor

__all__ = ["BAN_CODE", "SANCTION_CODE", "code_for_sides", "is_sanctioned_third_party"]

# CAMEO 172 "Impose administrative sanctions" (COERCE), the lexicon's code for a bare "ban".
BAN_CODE = "172"
# CAMEO 163 "Impose embargo, boycott, or sanctions" (SANCTION; events/data/README.md).
SANCTION_CODE = "163"
_BAN_LEMMAS = frozenset({"ban", "prohibit"})
# Nouns of sanctions: what an objection may be to, and what a third party may be under.
_SANCTION_NOUNS = frozenset(
    {"sanction", "sanctions", "embargo", "blockade", "ban", "boycott", "tariff", "penalty",
     "restriction", "measure", "blacklisting", "isolation"}
)  # fmt: skip
# Verbs that put sanctions on a party: "a move to *impose* sanctions on Syria".
_IMPOSING_VERBS = frozenset(
    {"impose", "slap", "levy", "extend", "tighten", "place", "renew", "enforce", "adopt"}
)  # fmt: skip


def code_for_sides(code: str, lemma: str, source: Actor | None, target: Actor | None) -> str:
    """``code``, or the SANCTION code for a ban (``lemma`` "ban" or "prohibit") one state or
    organisation puts on another (see the module docstring); both sides must be resolved.
    Other acts of 172 keep it ("closed its borders with X": PETRARCH's CLOSE BORDER)."""
    if code != BAN_CODE or lemma not in _BAN_LEMMAS or source is None or target is None:
        return code
    acts_as_state = source.resolved and (
        source.kind in ("state", "igo") or source.sector in ("GOV", "LEG")
    )
    if not acts_as_state or not target.resolved or target.kind in ("igo", "region"):
        return code
    home = None if source.kind == "igo" else _country(source)
    there = _country(target)
    if there is None or there == home:
        return code
    return SANCTION_CODE


def _country(actor: Actor) -> str | None:
    return actor.country or (actor.actor_id if actor.kind == "state" else None)


def is_sanctioned_third_party(
    trigger: Token, matched_object: Token | None, category: str, target: Token
) -> bool:
    """Whether ``target`` is only the party sanctions are "on" or "against" in the object of
    an objection, criticism or rejection ("opposed new sanctions *on Iran*"). An entry made
    for sanctions keeps its party: "called for sanctions *on X*" denounces X (CAMEO 111; the
    lexicon matched the noun as ``matched_object``)."""
    if category not in ("ACCUSE", "REJECT"):
        return False
    if matched_object is not None and _sanctions_word(matched_object):
        return False
    node = target
    for _ in range(8):  # a few hops up: pobj → prep → noun (→ verb → noun …) → trigger
        if node.i == trigger.i or node.head.i == node.i:
            return False
        head = node.head
        if (
            node.dep_ == "pobj"
            and head.lower_ in ("on", "against", "to")
            and (_sanctions_word(head.head))
        ):
            return _under(head.head, trigger)
        node = head
    return False


def _sanctions_word(token: Token) -> bool:
    """A noun of sanctions ("sanctions on X"), or a verb imposing them ("impose sanctions
    on X", the preposition hung on the verb)."""
    lemma = token.lemma_.lower()
    if lemma in _SANCTION_NOUNS or token.lower_ in _SANCTION_NOUNS:
        return True
    return lemma in _IMPOSING_VERBS and any(
        c.dep_ == "dobj" and c.lemma_.lower() in _SANCTION_NOUNS for c in token.children
    )


def _under(token: Token, trigger: Token) -> bool:
    """Whether ``token`` lies in the trigger's subtree (its object or a clause under it)."""
    return any(a.i == trigger.i for a in token.ancestors)
