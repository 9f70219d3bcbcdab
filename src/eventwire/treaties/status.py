"""Questions over a set of treaties on a date: status, who is bound, who must assist whom.

The rules (one place, so every answer follows them):

* A step counts from the last day of its interval ("signed in June 2024" counts from
  2024-06-30): by then it has certainly happened.
* A treaty is in force on a date when its latest treaty-wide step by then is ``in_force`` (or
  ``ratified``/``signed`` after an ``in_force``; a later ``suspended``, ``withdrawn`` or
  ``expired`` ends it).
* A party with steps of its own (an accession, a withdrawal) is bound when its own latest such
  step is ``in_force``; a party without them is bound while the treaty is in force.
* A step with ``toward`` suspends only the commitments between its two parties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import combinations

from ..errors import EventwireError
from .model import (
    FIRMNESS_RANK,
    AllianceEdge,
    Commitment,
    Firmness,
    ObligationKind,
    StepKind,
    Treaty,
    TreatyStatus,
    TreatyStep,
)

__all__ = [
    "ATTACK_TRIGGERED",
    "UnknownTreaty",
    "alliance_edges",
    "bound_parties",
    "find_treaty",
    "obligations_to_assist",
    "treaties_as_of",
    "treaty_status",
]

# Obligations that an armed attack on a protected party sets off.
ATTACK_TRIGGERED: frozenset[ObligationKind] = frozenset(
    {"military_assistance", "consultation", "seek_un_action"}
)
_ENDING: frozenset[StepKind] = frozenset({"suspended", "withdrawn", "expired"})
_MEMBERSHIP: frozenset[StepKind] = frozenset({"in_force", *_ENDING})


class UnknownTreaty(EventwireError):
    """No treaty has this id, name or alias (or several do, and the name is ambiguous)."""


def _end(step: TreatyStep) -> date:
    assert step.end is not None, "only dated steps are effective"
    return step.end


def _effective(steps: Iterable[TreatyStep], as_of: date) -> list[TreatyStep]:
    return sorted((s for s in steps if s.effective(as_of)), key=lambda s: (_end(s), s.start))


def _stage(treaty: Treaty, as_of: date) -> tuple[StepKind | None, bool, date | None]:
    """The latest treaty-wide step, whether the treaty is in force, and since when."""
    stage: StepKind | None = None
    in_force, since = False, None
    for step in _effective((s for s in treaty.steps if s.party is None), as_of):
        stage = step.kind
        if step.kind == "in_force":
            in_force, since = True, _end(step)
        elif step.kind in _ENDING:
            in_force, since = False, None
    if in_force:
        stage = "in_force"  # a report of an earlier signing does not undo entry into force
    return stage, in_force, since


def bound_parties(treaty: Treaty, as_of: date) -> dict[str, date]:
    """The parties bound by ``treaty`` on ``as_of``, each with the date it became bound."""
    _, in_force, since = _stage(treaty, as_of)
    if not in_force or since is None:
        return {}
    bound: dict[str, date] = {}
    for code in treaty.party_codes:
        own = [s for s in treaty.steps if s.party == code and s.toward is None]
        membership = [s for s in own if s.kind in _MEMBERSHIP]
        if not any(s.kind == "in_force" for s in membership):
            if not any(s.kind in _ENDING for s in _effective(membership, as_of)):
                bound[code] = since
            continue
        latest = _effective(membership, as_of)
        if latest and latest[-1].kind == "in_force":
            bound[code] = max(_end(latest[-1]), since)
    return bound


def _suspended_between(treaty: Treaty, a: str, b: str, as_of: date) -> bool:
    pair = {a, b}
    pairwise = [s for s in treaty.steps if s.toward is not None and {s.party, s.toward} == pair]
    latest = _effective(pairwise, as_of)
    return bool(latest) and latest[-1].kind in _ENDING


def treaty_status(treaty: Treaty, as_of: date) -> TreatyStatus:
    """Where ``treaty`` stands on ``as_of``."""
    stage, in_force, _ = _stage(treaty, as_of)
    return TreatyStatus(
        treaty_id=treaty.treaty_id,
        name=treaty.name,
        type=treaty.type,
        as_of=as_of,
        stage=stage,
        in_force=in_force,
        bound=tuple(sorted(bound_parties(treaty, as_of))),
        parties=treaty.party_codes,
    )


def treaties_as_of(
    treaties: Iterable[Treaty], as_of: date, *, party: str | None = None
) -> tuple[TreatyStatus, ...]:
    """The status of every treaty (with ``party`` among its parties) that exists on ``as_of``
    — that has at least one step by then — sorted by name."""
    found = []
    for treaty in treaties:
        if party is not None and party not in treaty.party_codes:
            continue
        status = treaty_status(treaty, as_of)
        if status.stage is not None or any(s.effective(as_of) for s in treaty.steps):
            found.append(status)
    return tuple(sorted(found, key=lambda s: s.name.lower()))


def find_treaty(treaties: Sequence[Treaty], name: str) -> Treaty:
    """The treaty whose id, name or alias is ``name`` (case-insensitive), else the only one whose
    name contains it; raises ``UnknownTreaty`` otherwise."""
    wanted = name.strip().lower()
    for treaty in treaties:
        names = (treaty.treaty_id, treaty.name, *treaty.aliases)
        if wanted in (n.lower() for n in names):
            return treaty
    partial = [t for t in treaties if wanted in t.name.lower() or wanted in t.treaty_id]
    if len(partial) == 1:
        return partial[0]
    if partial:
        listed = ", ".join(t.treaty_id for t in partial)
        raise UnknownTreaty(f"{name!r} is ambiguous: {listed}")
    raise UnknownTreaty(f"no treaty is called {name!r} (try `eventwire treaties`)")


def obligations_to_assist(
    treaties: Iterable[Treaty],
    attacked: str,
    as_of: date,
    *,
    min_firmness: Firmness = "assurance",
) -> tuple[Commitment, ...]:
    """Who is committed to assist ``attacked`` if it is attacked, on ``as_of``: one
    ``Commitment`` per obligor, treaty and obligation, firmest first, at least ``min_firmness``.
    """
    floor = FIRMNESS_RANK[min_firmness]
    found: list[Commitment] = []
    for treaty in treaties:
        bound = bound_parties(treaty, as_of)
        if attacked not in bound:
            continue
        for obligation in treaty.obligations:
            if obligation.kind not in ATTACK_TRIGGERED or not obligation.protects(attacked):
                continue
            if FIRMNESS_RANK[obligation.firmness] < floor:
                continue
            for obligor, joined in bound.items():
                if obligor == attacked or not obligation.binds(obligor):
                    continue
                if _suspended_between(treaty, obligor, attacked, as_of):
                    continue
                found.append(
                    Commitment(
                        obligor=obligor,
                        attacked=attacked,
                        treaty_id=treaty.treaty_id,
                        treaty_name=treaty.name,
                        kind=obligation.kind,
                        firmness=obligation.firmness,
                        article=obligation.article,
                        summary=obligation.summary,
                        since=max(joined, bound[attacked]),
                    )
                )
    found.sort(key=lambda c: (-FIRMNESS_RANK[c.firmness], c.kind, c.treaty_id, c.obligor))
    return tuple(found)


def alliance_edges(
    treaties: Iterable[Treaty], as_of: date, *, min_firmness: Firmness = "binding"
) -> tuple[AllianceEdge, ...]:
    """The alliance network on ``as_of``: an edge between two parties when a treaty in force
    binds one to assist the other militarily (at least ``min_firmness``); ``mutual`` when the
    commitment runs both ways. Edges are sorted; each lists its treaties, firmest grade kept.
    """
    floor = FIRMNESS_RANK[min_firmness]
    edges: dict[tuple[str, str], tuple[set[str], Firmness, bool]] = {}
    for treaty in treaties:
        bound = bound_parties(treaty, as_of)
        for obligation in treaty.obligations:
            if obligation.kind != "military_assistance":
                continue
            if FIRMNESS_RANK[obligation.firmness] < floor:
                continue
            for a, b in combinations(sorted(bound), 2):
                if _suspended_between(treaty, a, b, as_of):
                    continue
                a_helps_b = obligation.binds(a) and obligation.protects(b)
                b_helps_a = obligation.binds(b) and obligation.protects(a)
                if not (a_helps_b or b_helps_a):
                    continue
                ids, firmness, mutual = edges.get((a, b), (set(), obligation.firmness, False))
                ids.add(treaty.treaty_id)
                if FIRMNESS_RANK[obligation.firmness] > FIRMNESS_RANK[firmness]:
                    firmness = obligation.firmness
                edges[(a, b)] = (ids, firmness, mutual or (a_helps_b and b_helps_a))
    return tuple(
        AllianceEdge(a=a, b=b, treaty_ids=tuple(sorted(ids)), firmness=f, mutual=m)
        for (a, b), (ids, f, m) in sorted(edges.items())
    )
