"""CAMEO's coding of intentions: an announced act is coded as the statement of intent.

CAMEO codes "X will meet Y", "X is willing to withdraw", "X said it would release Y" not as the
act but as the expression of intent to do it: cooperative acts under 03 "Express intent to…"
(AGREE in PLOVER), hostile acts under 13 "Threaten…" (THREATEN). The PLV gold data follows this
convention. eventwire's document coder keeps the act with modality ``intended`` (the design's
choice: analysts select intentions explicitly); relation-classification mode, which answers
"which category links these two actors" in CAMEO's terms, uses :func:`intention_code` to
re-code intended acts.

>>> intention_code("040"), intention_code("0841"), intention_code("190"), intention_code("112")
('036', '0353', '138', None)
"""

from __future__ import annotations

__all__ = ["intention_code"]

# Longest prefix wins. Sources: the CAMEO 03 and 13 sub-code labels (Express intent to … /
# Threaten …) matched to the act codes they announce.
_INTENT_BY_PREFIX: dict[str, str] = {
    "04": "036",  # consult → express intent to meet or negotiate
    "05": "032",  # diplomatic cooperation → intent to engage in diplomatic cooperation
    "057": "030",  # sign formal agreement → intent to cooperate
    "06": "031",  # material cooperation
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "07": "033",  # provide aid
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "08": "035",  # yield
    "081": "0351",
    "082": "0352",
    "083": "034",
    "0831": "0341",
    "0832": "0343",
    "0833": "0344",
    "084": "0353",
    "085": "0354",
    "086": "0355",
    "087": "0356",
    "14": "133",  # protest → threaten with political dissent
    "16": "131",  # reduce relations → threaten non-force
    "161": "1313",
    "163": "1312",
    "17": "137",  # coerce → threaten with repression
    "18": "138",  # assault / fight / mass violence → threaten with military force
    "19": "138",
    "20": "138",
}


def intention_code(code: str) -> str | None:
    """The CAMEO code of announcing the act ``code``, or None when CAMEO has none (statements,
    requests, accusations, rejections and threats are already speech acts)."""
    for length in range(len(code), 1, -1):
        found = _INTENT_BY_PREFIX.get(code[:length])
        if found is not None:
            return found
    return None
