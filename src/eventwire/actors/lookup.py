"""An actor a user names on the command line or in a query, as the key events are matched on.

People type names ("Russia", "North Korea", "Kim Jong Un", "NATO", "the Kremlin") as often as
codes ("RUS", "RUSGOV", "person/vladimir-putin"). :func:`actor_key` accepts both: a code or id
is kept, a name is resolved through the knowledge base on the date asked about, and anything
else is an :class:`UnknownActor` error that names the value and the nearest known names::

    >>> actor_key("North Korea").key
    'PRK'
    >>> actor_key("Kim Jong Un").key
    'person/kim-jong-un'
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from eventwire._names import did_you_mean
from eventwire.actors.data_access import load_knowledge_base
from eventwire.actors.kb import KnowledgeBase
from eventwire.actors.resolve import resolve_actor
from eventwire.errors import UnknownActorCode

__all__ = ["CAMEO_SECTORS", "ActorKey", "UnknownActor", "actor_key", "country_code"]

# A CAMEO-style code: a country (ISO3) or "IGO" followed by sector codes of three letters
# ("RUSGOV", "USAMILSPY", "IGOUNO").
_CODE = re.compile(r"[A-Z]{3}(?:[A-Z]{3})+")
# The CAMEO actor codebook's role, organisation and religion codes that may follow a country,
# so that "RUSSIA" typed in capitals is read as a name, not as a code "RUS" + "SIA".
CAMEO_SECTORS = frozenset(
    ("AGR", "AMN", "BUS", "COP", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "GOV", "GRP", "HLH",
     "HRI", "IGO", "IMG", "INS", "INT", "IRC", "JUD", "LAB", "LEG", "MED", "MIL", "MNC", "MOD",
     "NGM", "NGO", "OPP", "PKO", "PTY", "RAD", "REB", "REF", "REL", "SEP", "SET", "SPY", "UAF",
     "UIS", "UNO",
     # religions
     "BUD", "CHR", "CTH", "HIN", "JEW", "MUS", "ORT", "PRO", "SHI", "SUN")
)  # fmt: skip


class UnknownActor(UnknownActorCode):
    """A name or code that is neither an actor of the knowledge base nor one the store has;
    the message names it and the nearest known names."""


@dataclass(frozen=True, slots=True)
class ActorKey:
    """What events are matched on for one actor a user named.

    ``key`` is an actor id, a code or a country, compared with each side of an event (a
    state's ISO3 matches every actor of that state: RUSGOV, RUSMIL, Vladimir Putin);
    ``name`` is the knowledge base's name for it ("North Korea"), or the key itself.
    """

    key: str
    name: str


def actor_key(
    given: str,
    on_date: date | None = None,
    kb: KnowledgeBase | None = None,
    *,
    known: Collection[str] = (),
) -> ActorKey:
    """The key of the actor ``given`` names on ``on_date``: an actor id, code or country
    kept as written; a name resolved through the knowledge base (a person by the role held on
    the date, the latest without one). ``known`` adds codes a store holds that the knowledge
    base lacks (codes from a user's dictionary). Raises :class:`UnknownActor` otherwise."""
    name = given.strip()
    if not name:
        raise UnknownActor("an actor name cannot be empty")
    if name in known:
        return ActorKey(name, name)
    base = kb if kb is not None else load_knowledge_base()
    for candidate in (name, name.upper()):
        record = base.record(candidate)
        if record is not None:
            return ActorKey(record.actor_id, record.name)
    upper = name.upper()
    if _CODE.fullmatch(upper):
        country = base.record(upper[:3])
        sectors = [upper[i : i + 3] for i in range(3, len(upper), 3)]
        # IGO codes go on with a region and the organisation's own letters (IGOWSTNAT).
        if upper.startswith("IGO") or (
            country is not None
            and country.kind == "state"
            and all(sector in CAMEO_SECTORS for sector in sectors)
        ):
            return ActorKey(upper, upper)
    actor = resolve_actor(name, on_date, base)
    if actor.resolved:
        return ActorKey(actor.actor_id, actor.name)
    names = [written for written, _entries in base.names()]
    hint = did_you_mean(name, [*names, *base.records, *known], cutoff=0.75)
    raise UnknownActor(f"unknown actor {given!r}: no actor, code or name matches it{hint}")


def country_code(given: str, kb: KnowledgeBase | None = None) -> str:
    """The ISO3 code of the state ``given`` names ("Estonia", "est", "EST", "Kim Jong Un"'s
    PRK). Raises :class:`UnknownActor` for a name that is unknown or names no state (NATO)."""
    base = kb if kb is not None else load_knowledge_base()
    written = given.strip()
    if len(written) == 3 and written.isalpha():
        record = base.record(written.upper())
        if record is not None and record.kind == "state" and record.country:
            return record.country
    key = actor_key(written, None, base)
    record = base.record(key.key) or base.record(key.key[:3])
    if record is None or record.country is None:
        raise UnknownActor(f"{given!r} is not a country ({key.name} is not a state)")
    return record.country
