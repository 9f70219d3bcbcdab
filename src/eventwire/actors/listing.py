"""Listing the knowledge base: its actors (by country, kind and date) and the members of an
organisation on a date. The ``eventwire actors list`` and ``members`` commands read these."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventwire.actors.explain import describe_role
from eventwire.actors.kb import ActorRecord, KnowledgeBase
from eventwire.actors.resolve import actor_for_record, resolve_name, role_on
from eventwire.errors import EventwireError

__all__ = [
    "ACTOR_KINDS",
    "ActorListing",
    "MemberState",
    "NoMemberList",
    "UnknownOrganisation",
    "list_actors",
    "organisation_members",
]

ACTOR_KINDS = ("state", "igo", "group", "region", "person")
"""The kinds of knowledge-base record, in the order listings show them."""


class UnknownOrganisation(EventwireError):
    """A name, key or id that is not an organisation of the knowledge base."""


class NoMemberList(EventwireError):
    """An organisation the knowledge base knows, but without a list of members."""


@dataclass(frozen=True, slots=True)
class ActorListing:
    """One actor as listed: its code and office on the date (people), and its roles.

    ``roles`` holds the role held on the date when a date is given, every role otherwise
    (``"'defence minister' 2012-11-06..2024-05-12 RUSGOV"``).
    """

    actor_id: str
    name: str
    kind: str
    code: str
    country: str | None
    sector: str | None
    office: str | None
    roles: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class MemberState:
    """A state's membership of an organisation: ``joined`` to ``left`` (exclusive; None open)."""

    country: str
    name: str
    joined: date | None
    left: date | None


def _belongs(record: ActorRecord, country: str) -> bool:
    return (
        record.actor_id == country
        or record.country == country
        or any(role.country == country for role in record.roles)
    )


def _listing(kb: KnowledgeBase, record: ActorRecord, on_date: date | None) -> ActorListing:
    actor = actor_for_record(kb, record, on_date)
    if on_date is None:
        held = record.roles
    else:
        role = role_on(record, on_date)
        held = (role,) if role is not None else ()
    roles = tuple(f"{describe_role(role)} {role.code}" for role in held)
    return ActorListing(
        record.actor_id,
        record.name,
        record.kind,
        actor.code,
        actor.country,
        actor.sector,
        actor.office,
        roles,
        record.source,
    )


def list_actors(
    kb: KnowledgeBase,
    country: str | None = None,
    kind: str | None = None,
    on_date: date | None = None,
) -> list[ActorListing]:
    """The actors of the knowledge base, states first, then organisations, regions and people.

    ``country`` (ISO3) keeps the state, the organisations based there and the people who are
    its nationals or held one of its offices; ``kind`` keeps one of :data:`ACTOR_KINDS`;
    ``on_date`` gives each person's code, office and role on that date (otherwise: every role,
    and the latest role's code).
    """
    records = [
        record
        for record in kb.records.values()
        if (country is None or _belongs(record, country)) and (kind is None or record.kind == kind)
    ]
    order = {name: index for index, name in enumerate(ACTOR_KINDS)}
    records.sort(key=lambda r: (order.get(r.kind, len(order)), r.name.casefold(), r.actor_id))
    return [_listing(kb, record, on_date) for record in records]


def _organisation_key(kb: KnowledgeBase, organisation: str) -> tuple[str, str]:
    """The membership key and name of an organisation given by key, id or name."""
    text = organisation.strip()
    key = text[len("IGO-") :] if text.upper().startswith("IGO-") else text
    record = kb.record(f"IGO-{key.upper()}")
    if record is not None:
        return key.upper(), record.name
    actor = resolve_name(kb, text, None)
    if actor.kind == "igo" and actor.actor_id.startswith("IGO-"):
        return actor.actor_id[len("IGO-") :], actor.name
    if kb.memberships(key.upper()):
        return key.upper(), key.upper()
    raise UnknownOrganisation(f"{organisation!r} is not an organisation of the knowledge base")


def organisation_members(
    kb: KnowledgeBase, organisation: str, on_date: date | None = None
) -> tuple[str, list[MemberState]]:
    """The name of an organisation (key ``"NATO"``, id ``"IGO-NATO"`` or a name) and its
    member states on ``on_date`` (None: every membership ever, with its dates), by name.

    Raises :class:`UnknownOrganisation` for a name that is no organisation, and
    :class:`NoMemberList` when the knowledge base has no members for it.
    """
    key, name = _organisation_key(kb, organisation)
    memberships = kb.memberships(key)
    if not memberships:
        raise NoMemberList(f"the knowledge base has no member list for {name} ({key})")
    found = []
    for membership in memberships:
        if on_date is not None and not membership.active_on(on_date):
            continue
        record = kb.record(membership.country)
        found.append(
            MemberState(
                membership.country,
                record.name if record else membership.country,
                membership.joined,
                membership.left,
            )
        )
    found.sort(key=lambda m: (m.name.casefold(), m.joined or date.min))
    return name, found
