"""Registries of named, versioned functions: the one extension mechanism.

A new behaviour is a new name (``"eventwire.reader.jsonl.v2"``), so old configs keep working.
Third-party packages can register through the ``eventwire_readers`` (etc.) entry points.
"""

from __future__ import annotations

import catalogue

__all__ = ["actor_dictionaries", "engines", "exporters", "lexicons", "readers"]

readers = catalogue.create("eventwire", "readers", entry_points=True)
exporters = catalogue.create("eventwire", "exporters", entry_points=True)
lexicons = catalogue.create("eventwire", "lexicons", entry_points=True)
actor_dictionaries = catalogue.create("eventwire", "actor_dictionaries", entry_points=True)
engines = catalogue.create("eventwire", "engines", entry_points=True)
