"""The analyst's desk: ``eventwire serve`` — a REST API (``api``) and a server-rendered dashboard
(``pages``) over one read-only store (``reader``). Handlers are thin: each parses its query,
calls one library function of ``eventwire.analysis`` / ``eventwire.treaties`` through the
store, and turns domain errors into JSON errors or error pages (``errors``).

>>> from eventwire.web import create_app
>>> app = create_app("eventwire.duckdb")   # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._lazy import lazy_attributes

if TYPE_CHECKING:
    from .app import create_app

__getattr__, __dir__ = lazy_attributes(__name__, {"create_app": ".app"})

__all__ = ["create_app"]
