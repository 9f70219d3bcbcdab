"""The shipped base of standing commitments (``data/*.yaml``), and user files in the same format.

Each file is a YAML list of treaties; ``data/README.md`` documents the format. Loading checks
every value (types, step kinds, dates, firmness, that bound/protected parties are parties) and
raises ``TreatyDataError`` naming the file and the treaty.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, cast

import yaml

from .._yaml import safe_load
from ..errors import EventwireError
from .dates import make_step
from .model import (
    FIRMNESSES,
    OBLIGATION_KINDS,
    STEP_KINDS,
    TREATY_TYPES,
    Firmness,
    Obligation,
    ObligationKind,
    StepKind,
    Treaty,
    TreatyParty,
    TreatyStep,
)

__all__ = ["TreatyDataError", "load_base", "load_treaty_file", "parse_treaties"]

_ROLES = ("party", "guarantor", "beneficiary", "proposer")
# "in_force 2024-12-04", "ratified 2024-11-09 by RUS", "suspended 1986 toward NZL"
_STEP = re.compile(
    r"^(?P<kind>[a-z_]+)\s+(?P<value>\d{4}(?:-\d{2}(?:-\d{2})?)?)"
    r"(?:\s+by\s+(?P<by>[A-Z]{3}))?(?:\s+toward\s+(?P<toward>[A-Z]{3}))?$"
)


class TreatyDataError(EventwireError):
    """A treaty data file is malformed (the message names the file, treaty and field)."""


def load_base() -> tuple[Treaty, ...]:
    """The shipped base: every ``data/*.yaml`` file of this package, in file-name order."""
    return _load_base()


@lru_cache(maxsize=1)
def _load_base() -> tuple[Treaty, ...]:
    folder = resources.files("eventwire.treaties").joinpath("data")
    treaties: list[Treaty] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml"):
            treaties.extend(parse_treaties(safe_load(entry.read_text("utf-8")), entry.name))
    _check_unique(treaties, "the shipped base")
    return tuple(treaties)


def load_treaty_file(path: str | Path) -> tuple[Treaty, ...]:
    """Treaties from a user file in the shipped format."""
    try:
        text = Path(path).read_text(encoding="utf-8")
        data = safe_load(text)
    except (OSError, yaml.YAMLError) as exc:
        raise TreatyDataError(f"{path}: cannot read treaties: {exc}") from None
    treaties = parse_treaties(data, str(path))
    _check_unique(treaties, str(path))
    return treaties


def parse_treaties(data: Any, origin: str) -> tuple[Treaty, ...]:
    """Treaties from the parsed YAML of one file (a list of mappings)."""
    if not isinstance(data, list):
        raise TreatyDataError(f"{origin}: expected a list of treaties")
    return tuple(_treaty(item, f"{origin}[{i}]") for i, item in enumerate(data))


def _check_unique(treaties: Iterable[Treaty], where: str) -> None:
    seen: set[str] = set()
    for treaty in treaties:
        if treaty.treaty_id in seen:
            raise TreatyDataError(f"{where}: treaty id {treaty.treaty_id!r} appears twice")
        seen.add(treaty.treaty_id)


def _treaty(item: Any, where: str) -> Treaty:
    if not isinstance(item, Mapping):
        raise TreatyDataError(f"{where}: expected a mapping")
    unknown = set(item) - {
        "id", "name", "aliases", "type", "organisation", "steps", "parties", "obligations", "note",
    }  # fmt: skip
    if unknown:
        raise TreatyDataError(f"{where}: unknown fields {sorted(unknown)}")
    treaty_id = _text(item, "id", where)
    where = f"{where} ({treaty_id})"
    kind = _text(item, "type", where)
    if kind not in TREATY_TYPES:
        raise TreatyDataError(f"{where}: type {kind!r} is not one of {TREATY_TYPES}")
    parties, party_steps = _parties(item.get("parties"), where)
    steps = [_step(s, where) for s in item.get("steps") or ()]
    codes = {p.code for p in parties}
    for step in steps:
        for code in (step.party, step.toward):
            if code is not None and code not in codes:
                raise TreatyDataError(f"{where}: step names {code}, which is not a party")
    obligations = tuple(_obligation(o, where, codes) for o in item.get("obligations") or ())
    return Treaty(
        treaty_id=treaty_id,
        name=_text(item, "name", where),
        type=kind,
        parties=parties,
        steps=tuple(steps) + party_steps,
        obligations=obligations,
        aliases=tuple(str(a) for a in item.get("aliases") or ()),
        organisation=item.get("organisation"),
        origin="base",
        note=item.get("note"),
    )


def _text(item: Mapping[str, Any], key: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TreatyDataError(f"{where}: {key!r} must be a non-empty string")
    return value.strip()


def _parties(value: Any, where: str) -> tuple[tuple[TreatyParty, ...], tuple[TreatyStep, ...]]:
    """``{CODE: [steps]}``, ``{CODE: role}`` or ``{CODE: {role: …, steps: […]}}``."""
    if not isinstance(value, Mapping) or not value:
        raise TreatyDataError(f"{where}: 'parties' must map party codes to steps or roles")
    parties: list[TreatyParty] = []
    steps: list[TreatyStep] = []
    for code, spec in value.items():
        code = str(code)
        role, raw_steps = "party", []
        if isinstance(spec, str):
            role = spec
        elif isinstance(spec, list):
            raw_steps = spec
        elif isinstance(spec, Mapping):
            role = str(spec.get("role", "party"))
            raw_steps = list(spec.get("steps") or ())
        elif spec is not None:
            raise TreatyDataError(f"{where}: party {code}: expected steps or a role")
        if role not in _ROLES:
            raise TreatyDataError(f"{where}: party {code}: role {role!r} is not one of {_ROLES}")
        parties.append(TreatyParty(code=code, role=role))  # type: ignore[arg-type]
        for raw in raw_steps:
            step = _step(raw, f"{where} party {code}")
            if step.party is not None:
                raise TreatyDataError(f"{where}: party {code}: 'by' belongs in treaty steps")
            steps.append(_with_party(step, code))
    return tuple(parties), tuple(steps)


def _with_party(step: TreatyStep, code: str) -> TreatyStep:
    return make_step(step.kind, step.value, party=code, toward=step.toward, note=step.note)


def _step(raw: Any, where: str) -> TreatyStep:
    m = _STEP.match(str(raw).strip())
    if m is None:
        raise TreatyDataError(f"{where}: step {raw!r} is not 'KIND DATE [by XXX] [toward XXX]'")
    kind = m["kind"]
    if kind not in STEP_KINDS:
        raise TreatyDataError(f"{where}: step kind {kind!r} is not one of {STEP_KINDS}")
    try:
        return make_step(cast(StepKind, kind), m["value"], party=m["by"], toward=m["toward"])
    except ValueError as exc:
        raise TreatyDataError(f"{where}: {exc}") from None


def _obligation(raw: Any, where: str, codes: set[str]) -> Obligation:
    if not isinstance(raw, Mapping):
        raise TreatyDataError(f"{where}: each obligation must be a mapping")
    kind, firmness = raw.get("kind"), raw.get("firmness")
    if kind not in OBLIGATION_KINDS:
        raise TreatyDataError(f"{where}: obligation kind {kind!r} is not one of {OBLIGATION_KINDS}")
    if firmness not in FIRMNESSES:
        raise TreatyDataError(f"{where}: firmness {firmness!r} is not one of {FIRMNESSES}")
    groups: dict[str, tuple[str, ...] | None] = {}
    for key in ("bound", "protected"):
        listed = raw.get(key)
        groups[key] = None if listed is None else tuple(str(c) for c in listed)
        stray = set(groups[key] or ()) - codes
        if stray:
            raise TreatyDataError(f"{where}: {key} names non-parties {sorted(stray)}")
    article = raw.get("article")
    return Obligation(
        kind=cast(ObligationKind, kind),
        firmness=cast(Firmness, firmness),
        article=None if article is None else str(article),
        summary=" ".join(str(raw.get("summary", "")).split()),
        bound=groups["bound"],
        protected=groups["protected"],
    )
