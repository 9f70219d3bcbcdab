"""The CAMEO ontology: every code with its label, Goldstein score, quad class and PLOVER mapping.

The shipped table is ``events/data/cameo.csv`` (format and the sources of every column in
``events/data/README.md``). It is validated when it is loaded: a duplicate code, an unknown PLOVER
category or a malformed number is an :class:`OntologyDataError` naming the file and line, and
looking up a code that is not in the table raises :class:`~eventwire.errors.UnknownCameoCode`
rather than returning a default.

>>> code = load_ontology().lookup("057")
>>> code.label, code.goldstein, code.quad_class, code.plover.category if code.plover else None
('Sign formal agreement', 8.0, 1, 'AGREE')
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from eventwire.errors import ConfigError, UnknownCameoCode
from eventwire.events.model import Plover

__all__ = [
    "PLOVER_CATEGORIES",
    "PLV_ROOTS",
    "QUAD_CLASSES",
    "CameoCode",
    "Ontology",
    "OntologyDataError",
    "load_ontology",
    "plv_root",
    "read_ontology",
]

# The 16 PLOVER categories (PLOVER manual, draft 0.8, 2021), in the manual's order.
PLOVER_CATEGORIES: tuple[str, ...] = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)

# The PLV data (Zero-Shot-PLOVER, ACL 2024) merges CONCEDE and RETREAT back into CAMEO's YIELD,
# which leaves 15 root classes; evaluation on PLV-format data compares in this space.
_PLV_MERGED = {"CONCEDE": "YIELD", "RETREAT": "YIELD"}
PLV_ROOTS: tuple[str, ...] = tuple(
    dict.fromkeys(_PLV_MERGED.get(category, category) for category in PLOVER_CATEGORIES)
)

# GDELT's quad classes by CAMEO root: 01–05 verbal cooperation, 06–08 material cooperation,
# 09–13 verbal conflict, 14–20 material conflict (PROTEST is material conflict in GDELT and in
# the PLOVER manual alike).
QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation",
    2: "material cooperation",
    3: "verbal conflict",
    4: "material conflict",
}

PloverSource = Literal["table", "parent", "project", "dropped"]
_PLOVER_SOURCES: tuple[str, ...] = ("table", "parent", "project", "dropped")
_GOLDSTEIN_SOURCES: tuple[str, ...] = ("table", "parent")
# Two-digit roots, three- and four-digit codes, and the ICEWS variants ("0811i", "13y").
_CODE_PATTERN = re.compile(r"^\d{2}(\d{1,2})?[a-z]?$")
_GOLDSTEIN_RANGE = (-10.0, 10.0)
# The shipped data files live beside the code (declared as package data in pyproject.toml).
DATA_DIR = Path(__file__).parent / "data"
_COLUMNS = (
    "code",
    "label",
    "icews_label",
    "variant_of",
    "goldstein",
    "goldstein_source",
    "quad_class",
    "plover_category",
    "plover_mode",
    "plover_context",
    "plover_source",
)


class OntologyDataError(ConfigError):
    """An ontology data file is malformed; the message names the file and line."""


def plv_root(category: str) -> str:
    """The PLV root class of a PLOVER category: CONCEDE and RETREAT become YIELD, others stay."""
    return _PLV_MERGED.get(category, category)


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code with its label, Goldstein score, quad class and PLOVER mapping.

    ``plover`` is ``None`` for the CAMEO 01 statements that PLOVER dropped (010–014, 017);
    ``icews_label`` is the ICEWS wording (``LABELi`` lines) where it differs from CAMEO's;
    ``variant_of`` names the code an ICEWS variant code ("0811i", "13y") refines.
    """

    code: str
    label: str
    goldstein: float
    quad_class: int
    plover: Plover | None
    icews_label: str | None = None
    variant_of: str | None = None
    goldstein_inherited: bool = False
    plover_source: PloverSource = "table"

    @property
    def root(self) -> str:
        """The two-digit CAMEO root ("19" for "1951")."""
        return self.code[:2]

    @property
    def is_root(self) -> bool:
        return len(self.code) == 2

    @property
    def is_icews_variant(self) -> bool:
        return self.variant_of is not None

    @property
    def parent(self) -> str | None:
        """The code this one refines: "195" for "1951", "19" for "190", None for a root."""
        if self.variant_of is not None:
            return self.variant_of
        if self.is_root:
            return None
        return self.code[:3] if len(self.code) == 4 else self.code[:2]


class Ontology:
    """All CAMEO codes, looked up by code; built once by :func:`load_ontology`."""

    def __init__(self, codes: Iterable[CameoCode]) -> None:
        self._codes: dict[str, CameoCode] = {}
        self._children: dict[str, list[CameoCode]] = {}
        for code in codes:
            if code.code in self._codes:
                raise OntologyDataError(f"duplicate CAMEO code {code.code!r}")
            self._codes[code.code] = code
        for code in self._codes.values():
            parent = code.parent
            if parent is not None and not code.is_icews_variant:
                self._children.setdefault(parent, []).append(code)

    def lookup(self, code: str) -> CameoCode:
        """The entry of ``code``; raises :class:`UnknownCameoCode` when the codebook lacks it."""
        try:
            return self._codes[code.strip()]
        except KeyError:
            raise UnknownCameoCode(f"unknown CAMEO code {code!r}") from None

    def get(self, code: str) -> CameoCode | None:
        return self._codes.get(code.strip())

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and code.strip() in self._codes

    def __iter__(self) -> Iterator[CameoCode]:
        return iter(self._codes.values())

    def __len__(self) -> int:
        return len(self._codes)

    @property
    def plover_categories(self) -> tuple[str, ...]:
        """The 16 PLOVER categories, in the manual's order."""
        return PLOVER_CATEGORIES

    def children(self, code: str) -> tuple[CameoCode, ...]:
        """The codes directly under ``code`` ("19" → 190…196; "195" → 1951, 1952).

        ICEWS variant codes are not children: see :meth:`variants`.
        """
        self.lookup(code)
        return tuple(self._children.get(code.strip(), ()))

    def variants(self, code: str) -> tuple[CameoCode, ...]:
        """The ICEWS variant codes that refine ``code`` ("0811" → 0811i)."""
        self.lookup(code)
        return tuple(c for c in self._codes.values() if c.variant_of == code.strip())

    def codes_for_category(self, category: str) -> tuple[CameoCode, ...]:
        """Every code whose PLOVER category is ``category``."""
        return tuple(c for c in self if c.plover is not None and c.plover.category == category)


def read_ontology(path: Path) -> Ontology:
    """Read and validate an ontology CSV in the format of ``events/data/cameo.csv``."""
    text = path.read_text(encoding="utf-8")
    rows = [(number, line) for number, line in enumerate(text.splitlines(), start=1)]
    data = [(number, line) for number, line in rows if line.strip() and not line.startswith("#")]
    if not data:
        raise OntologyDataError(f"{path}: no header line")
    reader = csv.reader(line for _, line in data)
    header = next(reader)
    if tuple(header) != _COLUMNS:
        raise OntologyDataError(
            f"{path}:{data[0][0]}: expected columns {','.join(_COLUMNS)}, got {','.join(header)}"
        )
    codes: list[CameoCode] = []
    seen: dict[str, int] = {}
    for (number, _), fields in zip(data[1:], reader, strict=True):
        where = f"{path}:{number}"
        code = _parse_row(where, fields)
        if code.code in seen:
            raise OntologyDataError(
                f"{where}: duplicate CAMEO code {code.code!r} (first on line {seen[code.code]})"
            )
        seen[code.code] = number
        codes.append(code)
    for code in codes:
        if code.variant_of is not None and code.variant_of not in seen:
            raise OntologyDataError(
                f"{path}:{seen[code.code]}: {code.code!r} is a variant of unknown code "
                f"{code.variant_of!r}"
            )
    return Ontology(codes)


@cache
def load_ontology() -> Ontology:
    """The shipped CAMEO ontology (read and validated once per process)."""
    return read_ontology(DATA_DIR / "cameo.csv")


def _parse_row(where: str, fields: list[str]) -> CameoCode:
    if len(fields) != len(_COLUMNS):
        raise OntologyDataError(f"{where}: expected {len(_COLUMNS)} fields, got {len(fields)}")
    row = dict(zip(_COLUMNS, (field.strip() for field in fields), strict=True))
    code = row["code"]
    if not _CODE_PATTERN.match(code):
        raise OntologyDataError(f"{where}: malformed CAMEO code {code!r}")
    if not row["label"]:
        raise OntologyDataError(f"{where}: CAMEO code {code!r} has no label")
    try:
        goldstein = float(row["goldstein"])
    except ValueError:
        raise OntologyDataError(
            f"{where}: malformed Goldstein score {row['goldstein']!r} for {code!r}"
        ) from None
    low, high = _GOLDSTEIN_RANGE
    if not low <= goldstein <= high:
        raise OntologyDataError(f"{where}: Goldstein score {goldstein} outside [{low}, {high}]")
    if row["goldstein_source"] not in _GOLDSTEIN_SOURCES:
        raise OntologyDataError(f"{where}: unknown goldstein_source {row['goldstein_source']!r}")
    if row["quad_class"] not in {str(q) for q in QUAD_CLASSES}:
        raise OntologyDataError(f"{where}: quad class {row['quad_class']!r} is not 1–4")
    source = row["plover_source"]
    if source not in _PLOVER_SOURCES:
        raise OntologyDataError(f"{where}: unknown plover_source {source!r}")
    category = row["plover_category"]
    plover: Plover | None = None
    if category:
        if category not in PLOVER_CATEGORIES:
            raise OntologyDataError(f"{where}: unknown PLOVER category {category!r} for {code!r}")
        plover = Plover(category, row["plover_mode"] or None, row["plover_context"] or None)
    elif source != "dropped":
        raise OntologyDataError(f"{where}: {code!r} has no PLOVER category but is not 'dropped'")
    return CameoCode(
        code=code,
        label=row["label"],
        goldstein=goldstein,
        quad_class=int(row["quad_class"]),
        plover=plover,
        icews_label=row["icews_label"] or None,
        variant_of=row["variant_of"] or None,
        goldstein_inherited=row["goldstein_source"] == "parent",
        plover_source=source,  # type: ignore[arg-type]  # checked against _PLOVER_SOURCES above
    )
