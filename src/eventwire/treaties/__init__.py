"""Treaties, alliances and commitments: who has promised what to whom, as of any date.

A shipped base of standing commitments (``data/*.yaml``: NATO, CSTO, the US bilateral defence
treaties, ANZUS, the Budapest Memorandum, the 2024 Russia–North Korea treaty…), updates
extracted from news with their source sentences, and questions over both on a date.

>>> from datetime import date
>>> from eventwire.treaties import load_treaties, obligations_to_assist
>>> [c.obligor for c in obligations_to_assist(load_treaties(), "PRK", date(2025, 1, 1))
...  if c.kind == "military_assistance"]
['CHN', 'RUS']

``import eventwire.treaties.component`` registers the ``eventwire_treaties`` spaCy factory;
the other names load on first use (``eventwire._lazy``), so the CLI does not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
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

_WHERE = {
    "AllianceEdge": ".model",
    "Commitment": ".model",
    "Firmness": ".model",
    "Obligation": ".model",
    "ObligationKind": ".model",
    "Source": ".model",
    "StepKind": ".model",
    "Treaty": ".model",
    "TreatyDataError": ".base",
    "TreatyParty": ".model",
    "TreatyStatus": ".model",
    "TreatyStep": ".model",
    "TreatyType": ".model",
    "TreatyUpdate": ".model",
    "UnknownTreaty": ".status",
    "alliance_edges": ".status",
    "apply_updates": ".matching",
    "bound_parties": ".status",
    "draw_alliances": ".picture",
    "ensure_treaty_tables": ".persist",
    "extract_treaty_updates": ".extract",
    "find_treaty": ".status",
    "load_base": ".base",
    "load_treaties": ".persist",
    "load_treaty_file": ".base",
    "match_treaty": ".matching",
    "obligations_to_assist": ".status",
    "read_treaty_updates": ".persist",
    "register_treaty_extension": ".component",
    "treaties_as_of": ".status",
    "treaty_status": ".status",
    "write_treaty_updates": ".persist",
}
__getattr__, __dir__ = lazy_attributes(__name__, _WHERE)

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
