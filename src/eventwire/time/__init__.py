"""The time layer: time expressions → TIMEX3 values relative to the article date.

``import eventwire.time.component`` registers the ``eventwire_time`` spaCy factory; the
other names load on first use (``eventwire._lazy``), so queries do not load spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .intervals import format_event_date
    from .model import Timex
    from .timex import Prefer, Tense, resolve_time

_WHERE = {
    "format_event_date": ".intervals",
    "Prefer": ".timex",
    "Tense": ".timex",
    "Timex": ".model",
    "resolve_time": ".timex",
}
__getattr__, __dir__ = lazy_attributes(__name__, _WHERE)

__all__ = ["Prefer", "Tense", "Timex", "format_event_date", "resolve_time"]
