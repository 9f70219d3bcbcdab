"""The places layer: place names → country (ISO3), coordinates and feature type.

``import eventwire.places.component`` registers the ``eventwire_places`` spaCy factory; the
other names load on first use (``eventwire._lazy``), so queries do not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .gazetteer import resolve_place
    from .model import Place

_WHERE = {
    "Place": ".model",
    "resolve_place": ".gazetteer",
}
__getattr__, __dir__ = lazy_attributes(__name__, _WHERE)

__all__ = ["Place", "resolve_place"]
