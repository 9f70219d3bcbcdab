"""Our real-news gold format (``tests/eval/README.md``): reading the annotated articles.

One YAML file per article names a record of a corpus in ``../shared/corpora`` and lists the
events it reports and the traps it sets, as character offsets into the record's ``text``. The
set is split once and for all into a studied part and a held-out part by a hash of each
article's id (:func:`held_out`): rules are written from the studied part's errors only.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import UnreadableInput
from ..events.model import MODALITIES
from ..events.ontology import PLOVER_CATEGORIES

__all__ = ["GoldArticle", "GoldEvent", "GoldTrap", "held_out", "read_realnews"]

PLOVER = PLOVER_CATEGORIES
_STATE_KEY = re.compile(r"[A-Z]{3}([A-Z]{3})?")
# A share of the set, fixed by a hash of the record id, never studied (see module docstring).
HELD_OUT_SHARE = 0.3


def held_out(record_id: str) -> bool:
    """Whether an article belongs to the held-out part (30 %, fixed by its id's hash)."""
    digest = hashlib.sha256(record_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") / 2**32 < HELD_OUT_SHARE


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One annotated event: sides as written in the gold file, PLOVER category, modality."""

    at: tuple[int, int]
    source: str | None
    target: str | None
    category: str
    modality: str
    date: str | None
    optional: bool


@dataclass(frozen=True, slots=True)
class GoldTrap:
    """A passage no event (or no event of ``category``) may be coded from."""

    at: tuple[int, int]
    category: str | None
    why: str


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """One annotated record of a corpus."""

    path: Path
    corpus: str
    record_id: str
    date: str
    kind: str
    events: tuple[GoldEvent, ...]
    traps: tuple[GoldTrap, ...]

    @property
    def held_out(self) -> bool:
        return held_out(self.record_id)


def _span(value: object, where: str) -> tuple[int, int]:
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) for v in value)
        or not 0 <= value[0] < value[1]
    ):
        raise UnreadableInput(f"{where}: 'at' must be [start, end] with 0 <= start < end")
    return value[0], value[1]


def _side(value: object, where: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, str) and (
        _STATE_KEY.fullmatch(value) or (value.startswith("org:") and len(value) > 4)
    ):
        return value
    raise UnreadableInput(f"{where}: side {value!r} is neither ISO3[+SECTOR], org:NAME nor null")


def _gold_file(path: Path) -> GoldArticle:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise UnreadableInput(f"{path}: {exc}") from None
    if not isinstance(data, dict):
        raise UnreadableInput(f"{path}: not a mapping")
    for key in ("corpus", "id", "date"):
        if key not in data:
            raise UnreadableInput(f"{path}: missing {key!r}")
    events = []
    for i, raw in enumerate(data.get("events") or []):
        where = f"{path}: event {i}"
        if raw.get("category") not in PLOVER:
            raise UnreadableInput(f"{where}: unknown PLOVER category {raw.get('category')!r}")
        if raw.get("modality") not in MODALITIES:
            raise UnreadableInput(f"{where}: unknown modality {raw.get('modality')!r}")
        when = raw.get("date")
        events.append(
            GoldEvent(
                at=_span(raw.get("at"), where),
                source=_side(raw.get("source"), where),
                target=_side(raw.get("target"), where),
                category=raw["category"],
                modality=raw["modality"],
                date=None if when is None else str(when),
                optional=bool(raw.get("optional", False)),
            )
        )
    traps = []
    for i, raw in enumerate(data.get("traps") or []):
        where = f"{path}: trap {i}"
        category = raw.get("category")
        if category is not None and category not in PLOVER:
            raise UnreadableInput(f"{where}: unknown PLOVER category {category!r}")
        traps.append(GoldTrap(_span(raw.get("at"), where), category, str(raw.get("why", ""))))
    return GoldArticle(
        path=path,
        corpus=str(data["corpus"]),
        record_id=str(data["id"]),
        date=str(data["date"]),
        kind=str(data.get("kind", "political")),
        events=tuple(events),
        traps=tuple(traps),
    )


def read_realnews(gold: Path) -> list[GoldArticle]:
    """Every ``*.yaml`` gold file of a directory (or one file), in name order."""
    paths = sorted(gold.glob("*.yaml")) if gold.is_dir() else [gold]
    if not paths:
        raise UnreadableInput(f"{gold}: no *.yaml gold files")
    return [_gold_file(p) for p in paths]
