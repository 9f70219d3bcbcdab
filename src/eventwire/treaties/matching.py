"""Merging news with what is known: which treaty an update is about, and the treaties after it.

An update names its treaty by an alias ("the Budapest Memorandum"), by an organisation it
founds (NATO), or only by its parties and type ("a mutual defense agreement" between Putin and
Kim). ``match_treaty`` finds the one known treaty with those parties (all of them among its
parties), a compatible type and compatible dates; ``apply_updates`` adds the updates' steps and
obligations, each with its source, to the matched treaties and makes new ``news`` treaties of
the rest (proposals, agreements the base does not know).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from .cues import COMPATIBLE_TYPES
from .model import (
    Obligation,
    Source,
    Treaty,
    TreatyParty,
    TreatyStep,
    TreatyType,
    TreatyUpdate,
)

__all__ = [
    "LifecycleStep",
    "apply_updates",
    "lifecycle",
    "match_treaty",
    "news_treaty_id",
    "steps_by_date",
    "types_compatible",
]

# A treaty is identified by its parties only when at least two are known: one party alone
# (Russia) is party to many agreements.
_MIN_PARTIES_TO_MATCH = 2


def types_compatible(known: TreatyType, mentioned: TreatyType | None) -> bool:
    return mentioned is None or known in COMPATIBLE_TYPES[mentioned]


def _overlaps(known: TreatyStep, news: TreatyStep) -> bool:
    if None in (known.start, known.end, news.start, news.end):
        return True  # an undated report fits any date
    assert known.start and known.end and news.start and news.end
    if news.mod in ("ON_OR_BEFORE", "BEFORE"):
        return known.start <= news.end
    return known.start <= news.end and news.start <= known.end


def _before(a: date | None, b: date | None) -> bool:
    return a is not None and b is not None and a <= b


def _dates_compatible(treaty: Treaty, steps: Sequence[TreatyStep]) -> bool:
    """Every reported step fits the known lifecycle: a step of a kind the treaty has must
    overlap one of them; a proposal must come before the treaty was signed."""
    signed = [s for s in treaty.steps if s.kind == "signed" and s.party is None]
    for news in steps:
        if news.kind == "proposed":
            if any(_before(s.end, news.start) for s in signed):
                return False
            continue
        same = [s for s in treaty.steps if s.kind == news.kind and s.party == news.party]
        if not same and news.party is not None:
            same = [s for s in treaty.steps if s.kind == news.kind and s.party is None]
        if same and not any(_overlaps(k, news) for k in same):
            return False
        if news.kind != "negotiated" and any(
            _before(news.end, s.start) and news.end != s.start for s in signed
        ):
            return False
    return True


def match_treaty(
    treaties: Iterable[Treaty],
    *,
    parties: Iterable[str],
    treaty_type: TreatyType | None,
    steps: Sequence[TreatyStep] = (),
    name: str | None = None,
) -> Treaty | None:
    """The one known treaty these facts describe, or None (unknown or ambiguous).

    By name or alias first; otherwise the treaties whose parties include all of ``parties``
    (at least two), of a compatible type, whose lifecycle fits ``steps`` — the one with the
    fewest parties when several fit (a bilateral treaty over an alliance both belong to).
    """
    pool = list(treaties)
    if name:
        wanted = name.lower()
        for treaty in pool:
            if wanted in (n.lower() for n in (treaty.treaty_id, treaty.name, *treaty.aliases)):
                return treaty
    named = {p for p in parties if not p.startswith("IGO-")}
    organisations = {p for p in parties if p.startswith("IGO-")}
    candidates = []
    for treaty in pool:
        if organisations and treaty.organisation not in organisations:
            continue
        if not organisations and len(named) < _MIN_PARTIES_TO_MATCH:
            continue
        if not named <= set(treaty.party_codes):
            continue
        if not types_compatible(treaty.type, treaty_type) and not organisations:
            continue
        if _dates_compatible(treaty, steps):
            candidates.append(treaty)
    if not candidates:
        return None
    candidates.sort(key=lambda t: len(t.parties))
    if len(candidates) > 1 and len(candidates[0].parties) == len(candidates[1].parties):
        return None
    return candidates[0]


def news_treaty_id(update: TreatyUpdate) -> str:
    """The id of a treaty first seen in news: stable for the same document and agreement."""
    digest = hashlib.sha256(f"{update.doc_id}|{update.local_key}".encode()).hexdigest()[:10]
    return f"news-{digest}"


def apply_updates(
    treaties: Sequence[Treaty], updates: Iterable[TreatyUpdate]
) -> tuple[Treaty, ...]:
    """The treaties with the updates merged in: steps appended with their sources, obligations
    added (or, when the treaty already carries one of that kind, given its source); unmatched
    updates grouped into new ``news`` treaties, which later updates (of other documents) can
    match in turn.
    """
    by_id = {t.treaty_id: t for t in treaties}
    order = [t.treaty_id for t in treaties]
    groups: dict[str, list[TreatyUpdate]] = {}
    for update in updates:
        key = update.treaty_id or f"{update.doc_id}|{update.local_key}"
        groups.setdefault(key, []).append(update)
    for key, group in groups.items():
        target = by_id.get(key)
        if target is None:
            first = group[0]
            steps = [u.step for u in group if u.step is not None]
            parties = sorted({p for u in group for p in u.parties})
            news = [t for t in by_id.values() if t.origin == "news"]
            target = match_treaty(
                news, parties=parties, treaty_type=first.treaty_type, steps=steps
            ) or _new_treaty(group)
            if target.treaty_id not in by_id:
                order.append(target.treaty_id)
        by_id[target.treaty_id] = _merge(target, group)
    return tuple(by_id[i] for i in order)


def _new_treaty(group: Sequence[TreatyUpdate]) -> Treaty:
    first = group[0]
    parties = sorted({p for u in group for p in u.parties})
    proposer = next((u.proposer for u in group if u.proposer), None)
    kind: TreatyType = next((u.treaty_type for u in group if u.treaty_type), "partnership")
    label = kind.replace("_", " ")
    proposed = all(u.step is not None and u.step.kind == "proposed" for u in group if u.step)
    who = "–".join(parties) or "unidentified parties"
    name = f"{'Proposed ' if proposed else ''}{label} ({who}), from news: {first.mention}"
    return Treaty(
        treaty_id=news_treaty_id(first),
        name=name,
        type=kind,
        parties=tuple(
            TreatyParty(code=p, role="proposer" if p == proposer else "party") for p in parties
        ),
        origin="news",
        terms=next((u.terms for u in group if u.terms), None),
    )


def _merge(treaty: Treaty, group: Sequence[TreatyUpdate]) -> Treaty:
    steps = list(treaty.steps)
    obligations = list(treaty.obligations)
    codes = list(treaty.party_codes)
    for update in group:
        if update.step is not None and update.step not in steps:
            steps.append(update.step)
        if update.obligation is not None:
            obligations = _with_reported(update.obligation, obligations)
        if treaty.origin == "news":
            codes.extend(p for p in update.parties if p not in codes)
    parties = treaty.parties + tuple(
        TreatyParty(code=c) for c in codes if c not in treaty.party_codes
    )
    terms = treaty.terms or next((u.terms for u in group if u.terms), None)
    return replace(
        treaty, steps=tuple(steps), obligations=tuple(obligations), parties=parties, terms=terms
    )


def _with_reported(reported: Obligation, known: list[Obligation]) -> list[Obligation]:
    """A reported obligation the treaty already carries (same kind) gives that one its source
    (the first report wins) rather than a second, differently graded copy; a new one is added."""
    for i, obligation in enumerate(known):
        if obligation.kind == reported.kind:
            if obligation.source is None:
                known = [*known[:i], replace(obligation, source=reported.source), *known[i + 1 :]]
            return known
    return [*known, reported]


def steps_by_date(treaty: Treaty) -> tuple[TreatyStep, ...]:
    """The lifecycle in date order (treaty-wide steps before party steps on the same day)."""
    return tuple(
        sorted(
            treaty.steps,
            key=lambda s: (
                s.start or date.max,
                s.end or date.max,
                s.party is not None,
                s.party or "",
            ),
        )
    )


@dataclass(frozen=True, slots=True)
class LifecycleStep:
    """One step of a treaty's lifecycle however many times it was reported: ``step`` is its
    best-dated record (the shipped fact when there is one, else the narrowest news date),
    ``from_base`` whether the shipped base has it, ``sources`` every news report of it."""

    step: TreatyStep
    from_base: bool
    sources: tuple[Source, ...]


def _narrower(a: TreatyStep, b: TreatyStep) -> bool:
    """Whether ``a`` is dated more precisely than ``b`` (a shipped fact wins any tie)."""
    if a.start is None or a.end is None:
        return False
    if b.start is None or b.end is None:
        return True
    return (a.end - a.start) < (b.end - b.start) or (
        (a.end - a.start) == (b.end - b.start) and a.source is None and b.source is not None
    )


def lifecycle(treaty: Treaty) -> tuple[LifecycleStep, ...]:
    """The lifecycle in date order with each step once: the same kind of step for the same
    party (and counterpart) at compatible dates is one step, whether the shipped base, one
    report or three reports of the signing give it ("2024-06-19" and "in June" are one signing;
    an entry into force reported "on or before" 5 December is the one of 4 December)."""
    groups: list[tuple[TreatyStep, list[TreatyStep]]] = []
    for step in steps_by_date(treaty):
        for index, (best, members) in enumerate(groups):
            same = (best.kind, best.party, best.toward) == (step.kind, step.party, step.toward)
            if same and (_overlaps(best, step) or _overlaps(step, best)):
                members.append(step)
                if best.source is not None and (step.source is None or _narrower(step, best)):
                    groups[index] = (step, members)
                break
        else:
            groups.append((step, [step]))
    found = [
        LifecycleStep(
            step=best,
            from_base=any(m.source is None for m in members),
            sources=tuple(m.source for m in members if m.source is not None),
        )
        for best, members in groups
    ]
    return tuple(
        sorted(
            found,
            key=lambda g: (
                g.step.start or date.max,
                g.step.end or date.max,
                g.step.party is not None,
                g.step.party or "",
            ),
        )
    )
