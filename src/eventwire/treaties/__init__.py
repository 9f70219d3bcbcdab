"""Treaties, alliances and commitments: who has promised what to whom, as of any date.

A shipped base of standing commitments (``data/*.yaml``: NATO, CSTO, the US bilateral defence
treaties, ANZUS, the Budapest Memorandum, the 2024 Russia–North Korea treaty…), updates
extracted from news with their source sentences, and questions over both on a date.

>>> from datetime import date
>>> from eventwire.treaties import load_treaties, obligations_to_assist
>>> [c.obligor for c in obligations_to_assist(load_treaties(), "PRK", date(2025, 1, 1))
...  if c.kind == "military_assistance"]
['CHN', 'RUS']

``import eventwire.treaties`` registers the ``eventwire_treaties`` spaCy factory.
"""

from __future__ import annotations

from . import component as component
from .base import TreatyDataError, load_base, load_treaty_file
from .component import register_treaty_extension
from .extract import extract_treaty_updates
from .matching import apply_updates, match_treaty
from .model import (
    AllianceEdge,
    Commitment,
    Firmness,
    Obligation,
    ObligationKind,
    Source,
    StepKind,
    Treaty,
    TreatyParty,
    TreatyStatus,
    TreatyStep,
    TreatyType,
    TreatyUpdate,
)
from .persist import (
    ensure_treaty_tables,
    load_treaties,
    read_treaty_updates,
    write_treaty_updates,
)
from .picture import draw_alliances
from .status import (
    UnknownTreaty,
    alliance_edges,
    bound_parties,
    find_treaty,
    obligations_to_assist,
    treaties_as_of,
    treaty_status,
)

__all__ = [
    "AllianceEdge",
    "Commitment",
    "Firmness",
    "Obligation",
    "ObligationKind",
    "Source",
    "StepKind",
    "Treaty",
    "TreatyDataError",
    "TreatyParty",
    "TreatyStatus",
    "TreatyStep",
    "TreatyType",
    "TreatyUpdate",
    "UnknownTreaty",
    "alliance_edges",
    "apply_updates",
    "bound_parties",
    "draw_alliances",
    "ensure_treaty_tables",
    "extract_treaty_updates",
    "find_treaty",
    "load_base",
    "load_treaties",
    "load_treaty_file",
    "match_treaty",
    "obligations_to_assist",
    "read_treaty_updates",
    "register_treaty_extension",
    "treaties_as_of",
    "treaty_status",
    "write_treaty_updates",
]
