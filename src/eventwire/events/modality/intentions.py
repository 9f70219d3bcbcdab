"""CAMEO's coding of intentions: an announced act is coded as the statement of intent.

CAMEO codes "X will meet Y", "X is willing to withdraw", "X said it would release Y" not as the
act but as the expression of intent to do it: cooperative acts under 03 "Express intent to…"
(AGREE in PLOVER), hostile acts under 13 "Threaten…" (THREATEN). The PLOVER manual says the same
("cooperative actions … reported in future tense … should be coded as AGREE"; a stated
intention to harm is a threat), and so does the PLV gold data.

The same holds for refusals: CAMEO codes "X will not lift the embargo", "X refused to send
peacekeepers", "X and Y failed to reach agreement" not as a negated act but as the rejection
(12 "Reject…", PLOVER REJECT) — :func:`refusal_code`.

:func:`as_statement` applies both, in the document coder and in relation mode alike (issue 13:
until then the document coder kept "will visit Moscow" as an *intended* CONSULT, which no
PLOVER data set contains and an analyst counting visits must not see).

>>> intention_code("040"), intention_code("0841"), intention_code("190"), intention_code("112")
('036', '0353', '138', None)
>>> refusal_code("085"), refusal_code("040"), refusal_code("190")
('1244', '125', None)
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from ..triggers.matching import is_to_infinitive

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..model import Event
    from ..ontology import Ontology

__all__ = ["as_statement", "in_purpose_clause", "intention_code", "refusal_code"]

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


# CAMEO 080 "Yield" (PLOVER CONCEDE): the code of an announced retreat, release or easing.
ANNOUNCED_RETREAT = "080"


def intention_code(code: str) -> str | None:
    """The CAMEO code of announcing the act ``code``, or None when CAMEO has none (statements,
    requests, accusations, rejections and threats are already speech acts)."""
    for length in range(len(code), 1, -1):
        found = _INTENT_BY_PREFIX.get(code[:length])
        if found is not None:
            return found
    return None


# Longest prefix wins. Sources: the CAMEO 12 sub-code labels (Reject… / Decline to…) matched to
# the cooperative acts (03–08) whose refusal they name. Hostile acts that are "not done" (did not
# attack) are not rejections and keep their code.
_REFUSAL_BY_PREFIX: dict[str, str] = {
    "03": "120",  # refuse to promise
    "04": "125",  # refuse to meet → reject proposal to meet, discuss, negotiate
    "05": "120",  # refuse to recognise, endorse, sign
    "057": "127",  # fail to reach / refuse to sign an agreement → reject agreement
    "06": "121",  # reject material cooperation
    "07": "122",  # refuse aid
    "08": "124",  # decline to yield
    "081": "1241",
    "082": "1242",
    "083": "124",
    "084": "1243",
    "085": "1244",
    "086": "1245",
    "087": "1246",
}


def refusal_code(code: str) -> str | None:
    """The CAMEO code of refusing the cooperative act ``code``, or None when ``code`` is not a
    cooperative act (CAMEO roots 03–08)."""
    for length in range(len(code), 1, -1):
        found = _REFUSAL_BY_PREFIX.get(code[:length])
        if found is not None:
            return found
    return None


def as_statement(event: Event, ontology: Ontology, *, purpose_clause: bool = False) -> Event:
    """An intended act re-coded as the (asserted) statement of intent, a negated cooperative
    act as its (asserted) refusal; any other event unchanged. PLOVER's exceptions: an announced
    retreat (release, withdrawal, easing) is an asserted CONCEDE, and an announced concession
    stays an intended CONCEDE, not AGREE. An act in a purpose clause
    ("sent troops *to fight* rebels") states why, not a promise, and stays as it is."""
    code: str | None
    if event.modality == "intended":
        if purpose_clause:
            return event
        if event.plover.category == "CONCEDE":
            return event  # PLOVER: a future concession stays a CONCEDE (with its future mode)
        if event.plover.category == "RETREAT":
            code = ANNOUNCED_RETREAT  # PLOVER: "announced … would withdraw troops" is CONCEDE
        else:
            code = intention_code(event.cameo)
    elif event.modality == "negated":
        code = refusal_code(event.cameo)
    else:
        return event
    if code is None:
        return event
    cameo = ontology.lookup(code)
    if cameo.plover is None:
        return event
    return dataclasses.replace(
        event,
        cameo=code,
        plover=cameo.plover,
        goldstein=cameo.goldstein,
        quad_class=cameo.quad_class,
        modality="asserted",
    )


def in_purpose_clause(token: Token) -> bool:
    """Whether ``token`` heads (or is an object in) a purpose infinitive: an adverbial clause or
    a noun's infinitive with "to" ("sent funds *to fight*", "operations *to detain*")."""
    verb = token
    if token.dep_ in ("dobj", "pobj") and token.head.pos_ == "VERB":
        verb = token.head
    return verb.dep_ in ("advcl", "acl") and is_to_infinitive(verb)
