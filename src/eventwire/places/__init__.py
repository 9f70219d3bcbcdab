"""The places layer: place names → country (ISO3), coordinates and feature type.

``import eventwire.places`` registers the ``eventwire_places`` spaCy factory.
"""

from __future__ import annotations

from . import component as component
from .gazetteer import resolve_place
from .model import Place

__all__ = ["Place", "resolve_place"]
