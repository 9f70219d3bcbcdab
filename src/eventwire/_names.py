"""Near misses: "did you mean" hints for values a user typed (actors, codes, categories)."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean"]


def did_you_mean(value: str, known: Iterable[str], *, cutoff: float = 0.6) -> str:
    """ " (did you mean X, Y?)" for the known values nearest ``value``, or "" when none is
    near (difflib's ratio, case-insensitive; 0.6 is difflib's own default cutoff).

    >>> did_you_mean("ASSUALT", ["ASSAULT", "AID"])
    ' (did you mean ASSAULT?)'
    """
    folded: dict[str, str] = {}
    for item in known:
        folded.setdefault(item.casefold(), item)
    near = difflib.get_close_matches(value.casefold(), list(folded), n=3, cutoff=cutoff)
    return f" (did you mean {', '.join(folded[n] for n in near)}?)" if near else ""
