"""YAML reading with libyaml's C parser where PyYAML has it (the pure-Python parser took 1.3 s
of each coding worker's start for the lexicon alone; issue 7)."""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["SAFE_LOADER", "safe_load"]

# The same safe constructors as yaml.SafeLoader, parsed in C when libyaml is compiled in.
SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """``yaml.safe_load(text)``, faster."""
    return yaml.load(text, Loader=SAFE_LOADER)
