"""Lazy package attributes (PEP 562): ``import eventwire`` must not load spaCy.

A query such as ``eventwire events --country USA`` needs DuckDB and pandas, not the NLP
pipeline; importing every layer eagerly cost about 3 s per command (``python -X importtime``).
A package lists where each public name lives and resolves it on first access.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_attributes"]


def lazy_attributes(
    package: str, where: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``where`` maps a public name to the
    module (relative, like ``".model"``) that defines it, or to ``".module:other_name"``."""

    def __getattr__(name: str) -> Any:
        location = where.get(name)
        if location is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module, _, attribute = location.partition(":")
        value = getattr(importlib.import_module(module, package), attribute or name)
        globals_of_package = importlib.import_module(package).__dict__
        globals_of_package[name] = value  # later lookups skip __getattr__
        return value

    def __dir__() -> list[str]:
        return sorted(where)

    return __getattr__, __dir__
