"""Turning what a mention says into an :class:`Actor` on a date.

Conventions (CAMEO): a state alone is its ISO3 code (``RUS``); a state's sector appends the
sector (``RUSMIL``); ministers (defence too), envoys, advisers and security-council secretaries
are GOV, serving officers and general staffs MIL; a person is coded by the role held on the
date, by their baseline sector (``USABUS``) outside roles, and as elite (``USAELI``) once every
role has ended. Capitals stand for the state (``Pyongyang`` → ``PRK``); seats of power for a
sector (``the Pentagon`` → ``USAMIL``). When the evidence does not single out one actor the
answer is :data:`UNRESOLVED`, never a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from eventwire.actors.kb import (
    SECTOR_LABELS,
    ActorRecord,
    KnowledgeBase,
    NameEntry,
    Role,
    Vocabulary,
    normalise_office,
    slug,
)
from eventwire.actors.model import UNRESOLVED, Actor

__all__ = [
    "DEFAULT_CONFIDENCE",
    "Confidence",
    "Parts",
    "Trace",
    "actor_for_record",
    "combine",
    "resolve_actor",
    "resolve_entries",
    "resolve_name",
    "role_named_in_text",
    "role_on",
    "sector_actor",
    "trace_actor",
]


@dataclass(frozen=True, slots=True)
class Confidence:
    """How much each kind of evidence is trusted (0..1). Proposed config: ``[actors.confidence]``.

    The values rank evidence rather than measure it: a full name on a known date beats a
    surname picked by date, which beats an office-holder lookup, a name inferred from context
    and, last, a pronoun (the 11 pronouns resolved on the seeds were all right, but pronoun
    resolution is the rule most likely to fail on other text).
    """

    exact: float = 1.0
    undated: float = 0.8
    by_date: float = 0.9
    office_holder: float = 0.85
    inferred_person: float = 0.7
    coref_name: float = 0.9
    coref_description: float = 0.8
    coref_pronoun: float = 0.7


DEFAULT_CONFIDENCE = Confidence()


@dataclass(frozen=True, slots=True)
class Parts:
    """What one mention says: a modifier (state, organisation, region or person the mention
    belongs to), a sector word or title, and a named head (resolved, or a name we don't know)."""

    modifier: Actor | None = None
    vocabulary: Vocabulary | None = None
    head: Actor | None = None
    unknown_name: str | None = None


def sector_actor(kb: KnowledgeBase, country: str, sector: str, confidence: float = 1.0) -> Actor:
    """A state's sector as an actor (``RUS`` + ``MIL`` → ``RUSMIL``, "Russia military")."""
    record = kb.record(country)
    label = SECTOR_LABELS.get(sector[:3], sector.lower())
    name = f"{record.name if record else country} {label}"
    code = country + sector
    return Actor(code, name, code, country, sector, "state", confidence=confidence)


def role_on(record: ActorRecord, on_date: date | None) -> Role | None:
    """The role a person held on a date (the latest started, if several); with no date,
    their latest role; None when they held none."""
    if not record.roles:
        return None
    if on_date is None:
        # Latest known role: the one that started last.
        return max(record.roles, key=lambda r: r.start or date.min)
    active = [role for role in record.roles if role.active_on(on_date)]
    return max(active, key=lambda r: r.start or date.min) if active else None


def actor_for_record(
    kb: KnowledgeBase,
    record: ActorRecord,
    on_date: date | None,
    confidence: float = 1.0,
    settings: Confidence = DEFAULT_CONFIDENCE,
) -> Actor:
    """The actor a knowledge-base record stands for on a date (people: their role that day)."""
    if record.kind != "person":
        return Actor(
            record.actor_id,
            record.name,
            record.code,
            record.country,
            record.sector,
            record.kind,
            confidence=confidence,
        )
    if on_date is None:
        confidence *= settings.undated
    role = role_on(record, on_date)
    if role is not None:
        return Actor(
            record.actor_id,
            record.name,
            role.code,
            role.country,
            role.sector,
            "person",
            office=role.office,
            confidence=confidence,
        )
    sector = record.sector
    if (
        sector is None
        and on_date is not None
        and any(r.end is not None and r.end <= on_date for r in record.roles)
    ):
        sector = "ELI"  # every role has ended: a former official (CAMEO "elites")
    code = (record.country or "") + (sector or "")
    return Actor(
        record.actor_id, record.name, code, record.country, sector, "person", confidence=confidence
    )


def role_named_in_text(
    kb: KnowledgeBase, person: Actor, parts: Parts, settings: Confidence = DEFAULT_CONFIDENCE
) -> Actor:
    """For an undated article, the person in the role the mention itself names ("NATO
    Secretary General Jens Stoltenberg", "Army chief Abdel Fattah al-Sisi"), when exactly one
    role fits; otherwise ``person`` unchanged (their latest role)."""
    record = kb.record(person.actor_id)
    if record is None or not record.roles:
        return person
    fits: list[Role] = []
    office_word = (
        normalise_office(parts.vocabulary.office).split()[-1]
        if parts.vocabulary is not None and parts.vocabulary.office
        else None
    )
    for role in record.roles:
        by_office = office_word is not None and office_word in normalise_office(role.office)
        by_organisation = (
            parts.modifier is not None
            and parts.modifier.kind == "igo"
            and role.code == parts.modifier.code
        )
        by_sector = (
            office_word is not None
            and parts.vocabulary is not None
            and parts.vocabulary.sector == role.sector
            and parts.vocabulary.sector == "MIL"
        )
        if by_office or by_organisation or by_sector:
            fits.append(role)
    distinct = {(r.code, r.office) for r in fits}
    if len(distinct) != 1:
        return person
    role = fits[-1]
    return Actor(
        record.actor_id,
        record.name,
        role.code,
        role.country,
        role.sector,
        "person",
        office=role.office,
        confidence=settings.exact * settings.undated,
    )


def _entry_actor(
    kb: KnowledgeBase, entry: NameEntry, on_date: date | None, confidence: float
) -> Actor | None:
    record = kb.record(entry.actor_id)
    if record is None:
        return None
    if entry.sector and record.kind == "state":
        return sector_actor(kb, record.actor_id, entry.sector, confidence)
    return actor_for_record(kb, record, on_date, confidence)


# How long before a person's first known role a surname alone may still name them (someone
# rising to office was in the news a few years before: Lavrov at the UN before 2004).
NAMESAKE_GAP = timedelta(days=5 * 365)


def _known_only_later(kb: KnowledgeBase, actor_id: str, on_date: date) -> bool:
    """Whether ``actor_id`` is a person every one of whose known roles starts more than
    ``NAMESAKE_GAP`` after ``on_date``."""
    record = kb.record(actor_id)
    if record is None or record.kind != "person" or not record.roles:
        return False
    return all(r.start is not None and r.start > on_date + NAMESAKE_GAP for r in record.roles)


def resolve_entries(
    kb: KnowledgeBase,
    entries: list[NameEntry],
    on_date: date | None,
    context: frozenset[str] = frozenset(),
    settings: Confidence = DEFAULT_CONFIDENCE,
) -> Actor:
    """One actor from the entries of a name, or UNRESOLVED when they do not single one out.

    Entries that need a context apply only when ``context`` (countries already mentioned)
    meets theirs; full names beat short forms; among people, the one holding a role on the
    date wins when exactly one does.
    """
    usable = [e for e in entries if not e.context or context.intersection(e.context)]
    full = [e for e in usable if not e.short]
    if (
        not full
        and on_date is not None
        and usable
        and all(_known_only_later(kb, e.actor_id, on_date) for e in usable)
    ):
        # A surname alone never names someone the knowledge base knows only from years later:
        # "Powell" in a 2006 story is not the adviser appointed in 2024 but a namesake. (Some
        # candidates later and some not: the date rule below decides, never elimination.)
        return UNRESOLVED
    usable = full or usable
    distinct = list(dict.fromkeys((e.actor_id, e.sector) for e in usable))
    if len(distinct) == 1:
        entry = next(e for e in usable if (e.actor_id, e.sector) == distinct[0])
        return _entry_actor(kb, entry, on_date, settings.exact) or UNRESOLVED
    if on_date is None or not distinct:
        return UNRESOLVED
    holding = []
    for actor_id, _ in distinct:
        record = kb.record(actor_id)
        if record is not None and record.kind == "person" and role_on(record, on_date):
            holding.append(record)
    if len(holding) == 1:
        return actor_for_record(kb, holding[0], on_date, settings.by_date)
    return UNRESOLVED


# Offices of ``sectors.yaml`` that only a state has: a group's member titled with one holds it
# for the state ("Hamas prime minister X" → PSEGOV), any other title acts for the group.
STATE_OFFICES = frozenset(
    {"president", "vice president", "prime minister", "chancellor", "king", "minister"}
)


def combine(
    kb: KnowledgeBase,
    parts: Parts,
    on_date: date | None,
    settings: Confidence = DEFAULT_CONFIDENCE,
) -> Actor:
    """The actor of a mention from its parts (see :class:`Parts`)."""
    modifier, vocabulary = parts.modifier, parts.vocabulary
    if parts.head is not None and parts.head.resolved:
        if on_date is None and parts.head.kind == "person":
            return role_named_in_text(kb, parts.head, parts, settings)
        return parts.head
    country = modifier.country if modifier is not None else None
    if parts.unknown_name:
        if (
            modifier is not None
            and modifier.resolved
            and modifier.kind == "group"
            and (vocabulary is None or vocabulary.office not in STATE_OFFICES)
        ):
            # "Hamas leader Khaled Meshaal", "Gazprom chief Alexei Miller": someone the
            # knowledge base does not know, acting for a group — the group's code, not a
            # state sector read from the title (issue 13: a Hamas leader coded PSEGOV).
            # A state's office keeps its sector ("Hamas prime minister X" heads a government).
            return Actor(
                f"person/{slug(parts.unknown_name)}",
                parts.unknown_name,
                modifier.code,
                modifier.country,
                modifier.sector,
                "person",
                office=vocabulary.office if vocabulary else None,
                confidence=settings.inferred_person,
            )
        if country is None:
            if modifier is not None and modifier.resolved and modifier.kind == "igo":
                # "World Bank president Paul Wolfowitz", "UN envoy Alioune Blondin Beye":
                # someone the knowledge base does not know, speaking for the organisation.
                return Actor(
                    f"person/{slug(parts.unknown_name)}",
                    parts.unknown_name,
                    modifier.code,
                    None,
                    None,
                    "person",
                    office=vocabulary.office if vocabulary else None,
                    confidence=settings.inferred_person,
                )
            return UNRESOLVED
        sector = vocabulary.sector if vocabulary else None
        if sector is None and modifier is not None and modifier.kind == "person":
            sector = modifier.sector
        return Actor(
            f"person/{slug(parts.unknown_name)}",
            parts.unknown_name,
            country + (sector or ""),
            country,
            sector,
            "person",
            office=vocabulary.office if vocabulary else None,
            confidence=settings.inferred_person,
        )
    if modifier is None or not modifier.resolved:
        return UNRESOLVED
    if vocabulary is None:
        return modifier
    if modifier.kind in ("igo", "region") or (modifier.kind == "group" and country is None):
        return modifier
    if country is None:
        return UNRESOLVED
    if vocabulary.office and on_date is not None and modifier.kind != "person":
        holders = kb.office_holders(country, vocabulary.office, on_date)
        if len(holders) == 1:
            record = kb.record(holders[0])
            if record is not None:
                return actor_for_record(kb, record, on_date, settings.office_holder)
    return sector_actor(kb, country, vocabulary.sector, modifier.confidence)


# -- resolving a written name or phrase, without spaCy ------------------------------------------
_POSSESSIVE = re.compile(r"(?<=\w)['’]s?(?=\s|$)")
_LEADING = ("the", "The")


def resolve_name(
    kb: KnowledgeBase,
    name: str,
    on_date: date | None,
    context: frozenset[str] = frozenset(),
    settings: Confidence = DEFAULT_CONFIDENCE,
) -> Actor:
    """A written name (exact, then ignoring case and accents) to an actor, or UNRESOLVED."""
    entries = kb.lookup(name) or kb.lookup_folded(name)
    return resolve_entries(kb, entries, on_date, context, settings) if entries else UNRESOLVED


def _longest_name(
    kb: KnowledgeBase, words: list[str], on_date: date | None
) -> tuple[int, Actor | None]:
    for size in range(len(words), 0, -1):
        actor = resolve_name(kb, " ".join(words[:size]), on_date)
        if actor.resolved:
            return size, actor
    return 0, None


def _longest_vocabulary(kb: KnowledgeBase, words: list[str]) -> tuple[int, Vocabulary | None]:
    for size in range(len(words), 0, -1):
        found = kb.vocabulary(" ".join(words[:size]))
        if found is not None:
            return size, found
    return 0, None


@dataclass(frozen=True, slots=True)
class Trace:
    """How :func:`trace_actor` reached its answer, for explanations (``explain_actor``).

    ``looked_up`` is the written name whose knowledge-base entries gave the answer directly
    (the whole text, or the text without "the" and possessives); otherwise the answer was
    built from ``parts``, read from ``modifier_text``, ``vocabulary_text`` and ``head_text``.
    ``reason`` says why the answer is unresolved when no entry or part explains it.
    """

    looked_up: str | None = None
    parts: Parts | None = None
    modifier_text: str = ""
    vocabulary_text: str = ""
    head_text: str = ""
    reason: str = ""


def resolve_actor(name: str, on_date: date | None, kb: KnowledgeBase | None = None) -> Actor:
    """Resolve a written name or short phrase to an actor on a date; UNRESOLVED when unsure.

    Accepts names ("Sergei Shoigu", "Pyongyang", "NATO", "the Kremlin") and the phrases
    that news text builds from them ("Russia's foreign minister", "the Russian navy",
    "Polish Foreign Minister Radoslaw Sikorski", "Security Council of Russia").
    ``on_date=None`` uses each person's latest known role, with lower confidence.

    >>> resolve_actor("Sergei Shoigu", date(2024, 9, 14)).office
    'security council secretary'
    """
    if kb is None:
        from eventwire.actors.data_access import load_knowledge_base

        kb = load_knowledge_base()
    return trace_actor(kb, name, on_date)[0]


def trace_actor(kb: KnowledgeBase, name: str, on_date: date | None) -> tuple[Actor, Trace]:
    """:func:`resolve_actor`, also returning the :class:`Trace` of how it got there."""
    text = name.strip()
    direct = resolve_name(kb, text, on_date)
    if direct.resolved or not text:
        return direct, Trace(looked_up=text, reason="" if text else "empty name")
    words = _POSSESSIVE.sub("", text).split()
    if words and words[0] in _LEADING:
        words = words[1:]
    if not words:
        return UNRESOLVED, Trace(reason="no name left once 'the' and possessives are dropped")
    if len(words) != len(text.split()) or words[0] != text.split()[0]:
        direct = resolve_name(kb, " ".join(words), on_date)
        if direct.resolved:
            return direct, Trace(looked_up=" ".join(words))
    # "<sector words> of [the] <state>": move the state to the front.
    for index in range(len(words) - 1, 0, -1):
        if words[index].lower() == "of":
            tail = words[index + 1 :]
            if tail and tail[0].lower() == "the":
                tail = tail[1:]
            if tail and resolve_name(kb, " ".join(tail), on_date).resolved:
                words = tail + words[:index]
                break
    used, modifier = _longest_name(kb, words, on_date)
    rest = words[used:]
    size, vocabulary = _longest_vocabulary(kb, rest)
    modifier_text, vocabulary_text = " ".join(words[:used]), " ".join(rest[:size])
    rest = rest[size:]
    head: Actor | None = None
    unknown: str | None = None
    if rest:
        head_words = rest
        head = resolve_name(kb, " ".join(head_words), on_date)
        if not head.resolved:
            if modifier is None or not all(w[:1].isupper() for w in head_words):
                reason = f"no entry matches {' '.join(head_words)!r}"
                return UNRESOLVED, Trace(
                    modifier_text=modifier_text,
                    vocabulary_text=vocabulary_text,
                    head_text=" ".join(head_words),
                    reason=reason,
                )
            unknown = " ".join(head_words)
            head = None
    parts = Parts(modifier, vocabulary, head, unknown)
    trace = Trace(None, parts, modifier_text, vocabulary_text, " ".join(rest))
    actor = combine(kb, parts, on_date)
    if actor.resolved and (used == 0 and head is None):
        reason = f"{vocabulary_text!r} is a sector word or title, with no state or name to attach"
        return UNRESOLVED, replace(trace, reason=reason)
    return actor, trace


def with_confidence(actor: Actor, confidence: float) -> Actor:
    """The same actor with a (lower) confidence."""
    return replace(actor, confidence=min(actor.confidence, confidence))
