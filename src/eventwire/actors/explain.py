"""Why a name resolved as it did: the entry or rule behind :func:`resolve_actor`'s answer.

:func:`explain_actor` returns the same actor as :func:`resolve_actor` (both run
:func:`~eventwire.actors.resolve.trace_actor`) together with a sentence naming the rule and
the dictionary line it came from, for ``eventwire actors lookup`` and for people checking a
coding decision::

    >>> explain_actor("the Kremlin", date(2024, 9, 14)).rule
    "metonym 'the Kremlin' → RUSGOV"
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventwire.actors.kb import ActorRecord, KnowledgeBase, NameEntry, Role
from eventwire.actors.model import Actor
from eventwire.actors.resolve import Trace, role_on, trace_actor

__all__ = ["Resolution", "describe_role", "explain_actor"]

# An ambiguous name lists at most this many of the actors it could be; the rest are counted.
_SHOWN_CANDIDATES = 5


@dataclass(frozen=True, slots=True)
class Resolution:
    """An actor and how it was reached.

    ``rule`` is one sentence ("person entry 'Sergei Shoigu', role 'defence minister'
    2012-11-06..2024-05-12"; "unresolved: no entry matches 'Flash'"); ``source`` is the
    dictionary line behind it (``"people_europe_americas.yaml:68"``), or "" when none is.
    """

    actor: Actor
    rule: str
    source: str = ""


def describe_role(role: Role) -> str:
    """``"'defence minister' 2012-11-06..2024-05-12"`` (an open end: still held)."""
    start = role.start.isoformat() if role.start else ""
    end = role.end.isoformat() if role.end else ""
    return f"{role.office or role.code!r} {start}..{end}"


def explain_actor(name: str, on_date: date | None, kb: KnowledgeBase | None = None) -> Resolution:
    """:func:`~eventwire.actors.resolve_actor`'s answer for ``name`` on ``on_date``, with the
    rule and the dictionary line that produced it."""
    if kb is None:
        from eventwire.actors.data_access import load_knowledge_base

        kb = load_knowledge_base()
    actor, trace = trace_actor(kb, name, on_date)
    if trace.looked_up is not None and actor.resolved:
        return _explain_name(kb, trace.looked_up, actor, on_date)
    if trace.parts is None or not actor.resolved:
        return Resolution(actor, _unresolved(kb, name.strip(), on_date, trace))
    return _explain_parts(kb, actor, trace, on_date)


# -- a name looked up whole --------------------------------------------------------------------
def _entries(kb: KnowledgeBase, name: str) -> list[NameEntry]:
    return kb.lookup(name) or kb.lookup_folded(name)


def _explain_name(kb: KnowledgeBase, name: str, actor: Actor, on_date: date | None) -> Resolution:
    entries = _entries(kb, name)
    if not actor.resolved:
        return Resolution(actor, _ambiguity(kb, name, entries, on_date))
    chosen = [e for e in entries if e.actor_id == actor.actor_id] or [
        e for e in entries if e.actor_id + (e.sector or "") == actor.actor_id
    ]
    if not chosen:  # not reachable while trace_actor and the entries agree; say so plainly
        return Resolution(actor, f"name {name!r} → {actor.code}")
    entry = next((e for e in chosen if not e.short), chosen[0])
    # As resolve_entries does: entries needing a context do not apply to a lone name, and
    # full names outrank short forms; several actors left means the date chose one.
    usable = [e for e in entries if not e.context]
    usable = [e for e in usable if not e.short] or usable
    distinct = {(e.actor_id, e.sector) for e in usable}
    rule, source = _describe_entry(kb, name, entry, actor, on_date)
    if len(distinct) > 1:
        rule += f"; the only one of {len(distinct)} actors named {name!r} holding a role then"
    return Resolution(actor, rule, source)


def _describe_entry(
    kb: KnowledgeBase, name: str, entry: NameEntry, actor: Actor, on_date: date | None
) -> tuple[str, str]:
    record = kb.record(entry.actor_id)
    source = entry.source or (record.source if record else "")
    if record is None:
        return f"name {name!r} → {actor.code}", source
    if record.kind == "person":
        form = "short form" if entry.short else "name"
        rule = _person_rule(record, actor, on_date)
        return f"{form} {name!r} of person entry {record.name!r}, {rule}", source
    if record.kind == "state":
        # A state's own names share its line of states.csv; a name defined elsewhere
        # (metonyms.yaml, a user's file) is a metonym: a capital or seat of power.
        metonym = entry.sector is not None or bool(entry.context) or source != record.source
        if metonym:
            where = (
                f" (in a story that mentions {'/'.join(entry.context)})" if entry.context else ""
            )
            return f"metonym {name!r} → {actor.code}{where}", source
        return f"name {name!r} of the state {record.name} → {actor.code}", source
    kinds = {"igo": "international organisation", "group": "organisation", "region": "region"}
    return f"{kinds.get(record.kind, record.kind)} {name!r} → {actor.code}", source


def _person_rule(record: ActorRecord, actor: Actor, on_date: date | None) -> str:
    role = role_on(record, on_date)
    if on_date is None:
        if role is None:
            return f"no date and no role: {actor.code}"
        return f"no date: latest role {describe_role(role)} (lower confidence)"
    if role is not None:
        return f"role {describe_role(role)}"
    if actor.sector == "ELI" and record.sector != "ELI":
        return f"no role on {on_date}; every role had ended: former official ({actor.code})"
    if record.sector:
        return f"no role on {on_date}; baseline sector {record.sector} ({actor.code})"
    return f"no role on {on_date}: {actor.code}"


def _ambiguity(kb: KnowledgeBase, name: str, entries: list[NameEntry], on_date: date | None) -> str:
    if entries and all(e.context for e in entries):
        needed = sorted({c for e in entries for c in e.context})
        return f"unresolved: {name!r} applies only in a story that mentions {'/'.join(needed)}"
    ids = list(dict.fromkeys(e.actor_id + (e.sector or "") for e in entries if not e.context))
    shown = []
    for actor_id in ids[:_SHOWN_CANDIDATES]:
        record = kb.record(actor_id)
        shown.append(f"{record.name} ({actor_id})" if record else actor_id)
    more = f" and {len(ids) - _SHOWN_CANDIDATES} more" if len(ids) > _SHOWN_CANDIDATES else ""
    listed = ", ".join(shown) + more
    if on_date is None:
        return f"unresolved: {name!r} names {len(ids)} actors ({listed}) and no date is given"
    return (
        f"unresolved: {name!r} names {len(ids)} actors ({listed}), "
        f"and not exactly one of them held a role on {on_date}"
    )


def _unresolved(kb: KnowledgeBase, name: str, on_date: date | None, trace: Trace) -> str:
    entries = _entries(kb, name) if name else []
    if entries:
        return _ambiguity(kb, name, entries, on_date)
    if trace.reason.startswith("no entry matches") and not trace.modifier_text:
        return f"unresolved: no entry matches {name!r}"
    parts = trace.parts
    if parts is not None and parts.modifier is None and trace.vocabulary_text:
        return (
            f"unresolved: {trace.vocabulary_text!r} is a sector word or title, "
            "with no state or name to attach it to"
        )
    return f"unresolved: {trace.reason or 'the words do not single out one actor'}"


# -- a phrase built from parts -----------------------------------------------------------------
def _explain_parts(
    kb: KnowledgeBase, actor: Actor, trace: Trace, on_date: date | None
) -> Resolution:
    parts = trace.parts
    assert parts is not None  # checked by the caller
    modifier = parts.modifier
    of = (
        f" of {trace.modifier_text!r} ({modifier.code})"
        if modifier is not None and trace.modifier_text
        else ""
    )
    if parts.head is not None and parts.head.resolved:
        head = _explain_name(kb, trace.head_text, parts.head, on_date)
        rule = f"phrase: head {head.rule}"
        if actor != parts.head:  # undated: the role the phrase itself names
            rule += f"; the role the phrase names: {actor.office!r} ({actor.code})"
        return Resolution(actor, rule, head.source)
    if parts.unknown_name:
        said = f" and title {trace.vocabulary_text!r}" if trace.vocabulary_text else ""
        rule = (
            f"phrase: {parts.unknown_name!r} is not in the knowledge base; "
            f"a person of the country{of}{said} → {actor.code}"
        )
        return Resolution(actor, rule)
    modifier_source = _modifier_source(kb, trace.modifier_text, modifier)
    if modifier is not None and actor == modifier:
        ignored = f" ({trace.vocabulary_text!r} adds nothing)" if trace.vocabulary_text else ""
        rule = f"phrase: {trace.modifier_text!r} → {actor.code}{ignored}"
        return Resolution(actor, rule, modifier_source)
    vocabulary = parts.vocabulary
    if actor.kind == "person" and vocabulary is not None and vocabulary.office:
        record = kb.record(actor.actor_id)
        role = role_on(record, on_date) if record is not None else None
        held = f", role {describe_role(role)}" if role is not None else ""
        rule = (
            f"phrase: title {trace.vocabulary_text!r}{of}: the one holder of that office on "
            f"{on_date}, person entry {actor.name!r}{held}"
        )
        return Resolution(actor, rule, record.source if record else "")
    sector = vocabulary.sector if vocabulary is not None else actor.sector
    rule = f"phrase: sector word {trace.vocabulary_text!r} ({sector}){of} → {actor.code}"
    return Resolution(actor, rule, modifier_source)


def _modifier_source(kb: KnowledgeBase, text: str, modifier: Actor | None) -> str:
    if modifier is None or not text:
        return ""
    for entry in _entries(kb, text):
        if entry.actor_id == modifier.actor_id or entry.actor_id + (entry.sector or "") == (
            modifier.actor_id
        ):
            return entry.source
    return ""
