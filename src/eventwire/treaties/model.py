"""The value types of the treaties layer: agreements, their parties, lifecycle and obligations.

A ``Treaty`` is an agreement between parties (actor codes: ISO3 for states, e.g. ``"RUS"``);
its lifecycle is a tuple of dated ``TreatyStep`` values, each either for the treaty as a whole
(``party=None``) or for one party (an accession, a suspension, a withdrawal). What a treaty
commits its parties to is a tuple of ``Obligation`` values (with the article and how firm the
commitment is). News adds ``TreatyUpdate`` values, each with its ``Source`` sentence.
Questions about a date return ``TreatyStatus``, ``Commitment`` and ``AllianceEdge`` values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

__all__ = [
    "FIRMNESSES",
    "FIRMNESS_RANK",
    "OBLIGATION_KINDS",
    "STEP_KINDS",
    "TREATY_TYPES",
    "AllianceEdge",
    "Commitment",
    "Firmness",
    "Obligation",
    "ObligationKind",
    "Source",
    "StepKind",
    "Treaty",
    "TreatyParty",
    "TreatyStatus",
    "TreatyStep",
    "TreatyType",
    "TreatyUpdate",
]

TreatyType = Literal[
    "mutual_defence",  # each party assists the other if attacked (NATO Article 5)
    "non_aggression",
    "security_guarantee",  # one side promises to defend the other
    "security_assurance",  # a weaker political promise (Budapest Memorandum, 2024 accords)
    "partnership",
    "arms_control",
    "peace",
    "membership",  # joining an organisation (an aspiration to join NATO, an accession)
]
TREATY_TYPES: tuple[TreatyType, ...] = get_args(TreatyType)

StepKind = Literal[
    "proposed", "negotiated", "signed", "ratified", "in_force", "suspended", "withdrawn", "expired"
]
STEP_KINDS: tuple[StepKind, ...] = get_args(StepKind)

Firmness = Literal["automatic", "binding", "consult", "assurance"]
"""How firm a commitment is, firmest first: ``automatic`` (assist at once with all means:
RUS–PRK 2024 Article 4), ``binding`` (a treaty duty with discretion over the means: NATO
Article 5 "such action as it deems necessary"), ``consult`` (only to consult), ``assurance``
(a political promise: the Budapest Memorandum)."""
FIRMNESSES: tuple[Firmness, ...] = get_args(Firmness)
FIRMNESS_RANK: dict[Firmness, int] = {f: len(FIRMNESSES) - i for i, f in enumerate(FIRMNESSES)}

ObligationKind = Literal[
    "military_assistance",  # assist a party that is attacked
    "consultation",  # consult when a party is threatened or attacked
    "seek_un_action",  # seek Security Council action on the party's behalf
    "respect_sovereignty",
    "non_aggression",
    "non_assistance_to_aggressor",
    "oppose_sanctions",  # jointly oppose (Western) sanctions
    "arms_limits",
]
OBLIGATION_KINDS: tuple[ObligationKind, ...] = get_args(ObligationKind)


@dataclass(frozen=True, slots=True)
class Source:
    """Where a news-derived fact comes from: the article, the sentence and character spans
    (offsets into the article text) of the sentence, the trigger words and the treaty mention."""

    doc_id: str
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: tuple[int, int]
    mention: tuple[int, int] | None = None
    article_date: date | None = None


@dataclass(frozen=True, slots=True)
class TreatyStep:
    """One step of a lifecycle, dated by a TIMEX3 value and the interval it covers.

    ``party=None``: the treaty as a whole; otherwise the step concerns that party alone
    (``in_force`` for a party is its accession). ``toward``: the step holds only between
    ``party`` and that one other party (the US suspended its ANZUS obligations toward NZL).
    ``mod`` is a TIMEX3 modifier; ``ON_OR_BEFORE`` marks a step dated by the article that
    reports it. An undated report (an undated article, no time expression) has the TIMEX3
    value ``XXXX``, granularity ``unknown`` and no interval. ``source`` is None for shipped facts.
    """

    kind: StepKind
    value: str
    granularity: str
    start: date | None
    end: date | None
    mod: str | None = None
    party: str | None = None
    toward: str | None = None
    source: Source | None = None
    note: str | None = None

    def effective(self, as_of: date) -> bool:
        """Whether the step had certainly happened by ``as_of`` (its interval has ended); never
        for an undated step."""
        return self.end is not None and self.end <= as_of


@dataclass(frozen=True, slots=True)
class TreatyParty:
    """A party and its role: ``party`` (equal footing), ``guarantor`` (gives the promise),
    ``beneficiary`` (receives it), ``proposer`` (offered a proposed agreement)."""

    code: str
    role: Literal["party", "guarantor", "beneficiary", "proposer"] = "party"


@dataclass(frozen=True, slots=True)
class Obligation:
    """A commitment a treaty carries.

    ``bound``: the parties it binds (None: every party); ``protected``: the parties it protects
    (None: every party — a mutual commitment). US–Japan Article 5 protects JPN only.
    """

    kind: ObligationKind
    firmness: Firmness
    article: str | None = None
    summary: str = ""
    bound: tuple[str, ...] | None = None
    protected: tuple[str, ...] | None = None
    source: Source | None = None

    def binds(self, code: str) -> bool:
        return self.bound is None or code in self.bound

    def protects(self, code: str) -> bool:
        return self.protected is None or code in self.protected


@dataclass(frozen=True, slots=True)
class Treaty:
    """An agreement: its parties, type, lifecycle and obligations.

    ``origin``: ``base`` (the shipped base) or ``news`` (first seen in an article).
    ``organisation``: the actor id of the organisation a treaty founds (``"IGO-NATO"``).
    ``terms``: for a proposal, what is offered in exchange.
    """

    treaty_id: str
    name: str
    type: TreatyType
    parties: tuple[TreatyParty, ...]
    steps: tuple[TreatyStep, ...] = ()
    obligations: tuple[Obligation, ...] = ()
    aliases: tuple[str, ...] = ()
    organisation: str | None = None
    origin: Literal["base", "news"] = "base"
    terms: str | None = None
    note: str | None = None

    @property
    def party_codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in self.parties)


@dataclass(frozen=True, slots=True)
class TreatyStatus:
    """Where a treaty stands on ``as_of``.

    ``stage``: the latest treaty-wide step by then (None: nothing yet); ``bound``: the parties
    bound by it on that date (empty unless it is in force).
    """

    treaty_id: str
    name: str
    type: TreatyType
    as_of: date
    stage: StepKind | None
    in_force: bool
    bound: tuple[str, ...]
    parties: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Commitment:
    """``obligor`` is committed under ``treaty_id`` (``article``) to ``kind`` if ``attacked``
    is attacked, this firmly, since ``since`` (when the treaty bound both)."""

    obligor: str
    attacked: str
    treaty_id: str
    treaty_name: str
    kind: ObligationKind
    firmness: Firmness
    article: str | None
    summary: str
    since: date | None


@dataclass(frozen=True, slots=True)
class AllianceEdge:
    """Two actors committed to assist each other (or one the other) on a date, and why."""

    a: str
    b: str
    treaty_ids: tuple[str, ...]
    firmness: Firmness
    mutual: bool = True


UpdateKind = Literal["step", "obligation", "proposal"]


@dataclass(frozen=True, slots=True)
class TreatyUpdate:
    """What one sentence of news says about a treaty: a lifecycle step or an obligation.

    ``treaty_id``: the known treaty it was matched to, or None (a treaty not in the base;
    ``local_key`` groups the updates of one document that name the same agreement).
    ``mention``: the words that named the treaty ("the treaty", "a mutual defense agreement").
    """

    doc_id: str
    local_key: str
    mention: str
    treaty_type: TreatyType | None
    parties: tuple[str, ...]
    source: Source
    treaty_id: str | None = None
    step: TreatyStep | None = None
    obligation: Obligation | None = None
    terms: str | None = None
    proposer: str | None = None

    @property
    def kind(self) -> UpdateKind:
        if self.step is not None:
            return "proposal" if self.step.kind == "proposed" else "step"
        return "obligation"

    @property
    def update_id(self) -> str:
        """A content-derived id: the same fact from the same sentence gets the same id."""
        what = (
            f"{self.step.kind}:{self.step.value}:{self.step.party}"
            if self.step is not None
            else f"{self.obligation.kind}"
            if self.obligation is not None
            else "-"
        )
        parts = (
            self.doc_id,
            str(self.source.sentence_start),
            f"{self.source.trigger[0]}:{self.source.trigger[1]}",
            what,
        )
        return "t" + hashlib.sha256("|".join(parts).encode("utf-8")).hexdigest()[:15]
