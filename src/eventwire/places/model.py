"""The value type of the places layer."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Place"]


@dataclass(frozen=True, slots=True)
class Place:
    """A place name resolved to a country (ISO3) and coordinates (WGS84), where known."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    feature: str = "city"  # city | country | region | sea
