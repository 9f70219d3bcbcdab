"""The value types of the actors layer."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["UNRESOLVED", "Actor"]


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor as of one date.

    ``actor_id`` is stable across dates (``"RUS"``, ``"IGO-NATO"``, ``"person/vladimir-putin"``);
    ``code`` is the CAMEO-style code on the article's date (``"RUSGOV"``; a person's code follows
    the role they held on that date); ``country`` is ISO3 or None for organisations;
    ``sector`` is the CAMEO sector (``"GOV"``, ``"MIL"``...) or None for a whole state.
    """

    actor_id: str
    name: str
    code: str
    country: str | None = None
    sector: str | None = None
    kind: str = "state"  # state | igo | person | group | region | unresolved
    office: str | None = None
    """The office held on the date (``"defence minister"``), for people; None otherwise."""
    confidence: float = 1.0
    """How sure the resolver is, 0..1 (lower when undated, inferred from context, or a pronoun)."""

    @property
    def resolved(self) -> bool:
        return self.kind != "unresolved"


UNRESOLVED = Actor(actor_id="unresolved", name="unresolved", code="", kind="unresolved")
