"""The time layer: time expressions → TIMEX3 values relative to the article date.

``import eventwire.time`` registers the ``eventwire_time`` spaCy factory.
"""

from __future__ import annotations

from . import component as component
from .model import Timex
from .timex import Prefer, resolve_time

__all__ = ["Prefer", "Timex", "resolve_time"]
