"""The salience of a briefing's stories (``eventwire.analysis.brief``): each factor in 0–1,
weighted by the [brief] settings, judged against the record before the window."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb

from ..config import BriefOptions, ChangeOptions
from ._brief_units import Mention, Page, Unit, dyad_of, stems
from .changes import DYAD_SEPARATOR, band
from .filters import confidence_terms

__all__ = ["DECISIVE_STEPS", "Salience", "SalienceJudge", "phrase_pattern"]

# Treaty steps that change where a treaty stands (a proposal or negotiation does not).
DECISIVE_STEPS = ("in_force", "ratified", "signed", "suspended", "withdrawn", "expired")
# A decisive step dated before the window (a signature "in June" recalled in December) is
# background: it counts at this share.
OLD_STEP_SHARE = 0.3
# A dyad with a baseline too thin to compare (the change table's "low baseline") that still had
# events is half new; one whose change cannot be judged (no news in the baseline) likewise.
_NOVELTY = {
    "large increase": 1.0,
    "moderate increase": 0.5,
    "low baseline": 0.5,
    "no baseline": 0.5,
    "limited change": 0.0,
    "large decrease": 0.0,
}


@dataclass(frozen=True, slots=True)
class Salience:
    """A story's score and the factors it is the weighted sum of (each 0–1; see [brief]).

    ``sources``: its independent sources; ``new_dyads``: its dyads with their change band;
    ``treaty_steps``: "kind treaty_id" of the steps reported; ``stated_first``: the phrase
    that states a first contact; ``first_contacts``: actor pairs without an event in the
    record for ``contact_gap_days``."""

    score: float
    sources: int
    f_sources: float
    f_novelty: float
    f_intensity: float
    f_treaty: float
    f_first: float
    f_lead: float
    f_size: float
    new_dyads: tuple[tuple[str, str], ...] = ()
    treaty_steps: tuple[str, ...] = ()
    stated_first: str | None = None
    first_contacts: tuple[str, ...] = ()


class SalienceJudge:
    """What salience is judged against: the record before the window, read once."""

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        since: date,
        until: date,
        options: BriefOptions,
        limits: ChangeOptions,
        pages: dict[str, Page],
        units: list[Unit],
        min_confidence: float | None,
    ) -> None:
        self.options = options
        self.limits = limits
        self.since = since
        self.until = until
        self.pages = pages
        self.phrases = phrase_pattern(options.novelty_phrases)
        start = since - timedelta(days=options.baseline_days)
        articles = con.execute(
            "SELECT count(*), count(DISTINCT date_trunc('week', published)) FROM articles"
            " WHERE published >= ? AND published < ? AND duplicate_of IS NULL",
            [start, since],
        ).fetchone()
        self.baseline_articles, self.baseline_weeks = (articles or (0, 0))[:2]
        self.window_articles = len(pages)
        confident, params = confidence_terms(min_confidence)
        scope = " AND ".join(
            ["e.modality = 'asserted'", "e.first_reported >= ?", "e.first_reported < ?",
             *confident]
        )  # fmt: skip
        self.baseline_dyads: dict[str, int] = {
            str(k): int(n)
            for k, n in con.execute(
                f"""SELECT CASE WHEN e.source_country < e.target_country
                           THEN e.source_country || '{DYAD_SEPARATOR}' || e.target_country
                           ELSE e.target_country || '{DYAD_SEPARATOR}' || e.source_country END,
                           count(*)
                    FROM events e WHERE {scope} AND e.source_country <> e.target_country
                    GROUP BY 1""",
                [start, since, *params],
            ).fetchall()
        }
        pairs = sorted(
            {
                p
                for u in units
                for m in u.mentions
                if m.modality == "asserted" and (p := _pair(m)) is not None
            }
        )
        gap_start = since - timedelta(days=options.contact_gap_days)
        self.seen_pairs = _seen_pairs(con, pairs, gap_start, since, confident, params)
        self.window_dyads: dict[str, int] = defaultdict(int)
        for unit in units:
            for m in unit.mentions:
                key = dyad_of(m.source_country, m.target_country)
                if key is not None and m.modality == "asserted":
                    self.window_dyads[key] += 1

    def novelty(self, dyad: str) -> tuple[float, str]:
        before = self.baseline_dyads.get(dyad, 0)
        if before == 0:
            return 1.0, "new"
        weeks = max(self.baseline_weeks, 1)
        rate = self.window_dyads[dyad] / self.window_articles
        baseline = before / self.baseline_articles
        banded = band(rate / baseline - 1, before / weeks, self.limits)
        return _NOVELTY.get(banded, 0.0), banded

    def salience(self, group: list[Unit]) -> Salience:
        o = self.options
        asserted = [m for u in group for m in u.mentions if m.modality == "asserted"]
        events = {m.event_id: m for m in asserted}
        sources = len({self.pages[u.article_id].source_key for u in group})
        f_sources = 1 - 1 / sources
        dyads = sorted({d for m in asserted if (d := dyad_of(m.source_country, m.target_country))})
        judged = [(d, *self.novelty(d)) for d in dyads]
        f_novelty = max((n for _, n, _ in judged), default=0.0)
        strengths = sorted((abs(m.goldstein or 0.0) for m in events.values()), reverse=True)
        f_intensity = sum(strengths[:3]) / (10 * len(strengths[:3])) if strengths else 0.0
        steps, f_treaty = self._treaty(group)
        stated = self._stated_first(group, asserted)
        firsts = sorted({p for m in asserted if (p := _pair(m)) and p not in self.seen_pairs})
        f_first = 1.0 if stated else (0.5 if firsts else 0.0)
        f_lead = self._lead(group)
        f_size = min(1.0, len(events) / o.full_size_events)
        score = (
            o.weight_sources * f_sources
            + o.weight_novelty * f_novelty
            + o.weight_intensity * f_intensity
            + o.weight_treaty * f_treaty
            + o.weight_first * f_first
            + o.weight_lead * f_lead
            + o.weight_size * f_size
        )
        if not events:
            score = 0.0  # only asserted events make a story news
        elif all(u.intro for u in group):
            score *= o.intro_weight
        return Salience(
            score=round(score, 4),
            sources=sources,
            f_sources=round(f_sources, 4),
            f_novelty=f_novelty,
            f_intensity=round(f_intensity, 4),
            f_treaty=f_treaty,
            f_first=f_first,
            f_lead=round(f_lead, 4),
            f_size=round(f_size, 4),
            new_dyads=tuple((d, b) for d, n, b in judged if n > 0),
            treaty_steps=steps,
            stated_first=stated,
            first_contacts=tuple(" & ".join(p) for p in firsts),
        )

    def _treaty(self, group: list[Unit]) -> tuple[tuple[str, ...], float]:
        found: dict[str, float] = {}
        for unit in group:
            for kind, treaty, start, _ in unit.steps:
                if kind not in DECISIVE_STEPS:
                    continue
                fresh = start is None or start >= self.since - timedelta(days=1)
                key = f"{kind} {treaty}"
                found[key] = max(found.get(key, 0.0), 1.0 if fresh else OLD_STEP_SHARE)
        return tuple(sorted(found)), max(found.values(), default=0.0)

    def _stated_first(self, group: list[Unit], asserted: list[Mention]) -> str | None:
        texts = [u.headline for u in group if u.headline and u.live]
        texts += [m.sentence for m in asserted]
        for text in texts:
            match = self.phrases.search(text)
            if match is not None:
                return match.group(0)
        return None

    def _lead(self, group: list[Unit]) -> float:
        """The share of the page title's words the story's headline and lead sentence repeat;
        1 for a story of whole articles (their titles are their own)."""
        best = 0.0
        for unit in group:
            if not unit.live:
                return 1.0
            title = self.pages[unit.article_id].title or ""
            wanted = stems(title.split(":", 1)[-1])  # "Ukraine updates: …" names the page
            if not wanted:
                continue
            opening = list(dict.fromkeys(m.sentence for m in unit.mentions))[:2]
            lead = " ".join([unit.headline or "", *opening])
            best = max(best, len(wanted & stems(lead)) / len(wanted))
        return best


def phrase_pattern(phrases: Sequence[str]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) or "(?!)"
    return re.compile(rf"\b(?:{alternatives})\b", re.IGNORECASE)


def _pair(m: Mention) -> tuple[str, str] | None:
    if m.source_actor is None or m.target_actor is None or m.source_actor == m.target_actor:
        return None
    a, b = sorted((m.source_actor, m.target_actor))
    return a, b


def _seen_pairs(
    con: duckdb.DuckDBPyConnection,
    pairs: list[tuple[str, str]],
    start: date,
    end: date,
    confident: list[str],
    params: list[Any],
) -> set[tuple[str, str]]:
    """The actor pairs with an asserted event first reported in [start, end)."""
    if not pairs:
        return set()
    import pyarrow as pa

    con.register(
        "brief_pairs",
        pa.table({"a": [p[0] for p in pairs], "b": [p[1] for p in pairs]}),
    )
    try:
        terms = " AND ".join(
            ["e.modality = 'asserted'", "e.first_reported >= ?", "e.first_reported < ?",
             *confident]
        )  # fmt: skip
        rows = con.execute(
            f"""SELECT DISTINCT p.a, p.b FROM events e JOIN brief_pairs p
                ON (coalesce(e.source_actor_id, e.source_code) = p.a
                    AND coalesce(e.target_actor_id, e.target_code) = p.b)
                OR (coalesce(e.source_actor_id, e.source_code) = p.b
                    AND coalesce(e.target_actor_id, e.target_code) = p.a)
                WHERE {terms}""",
            [start, end, *params],
        ).fetchall()
    finally:
        con.unregister("brief_pairs")
    return {(str(a), str(b)) for a, b in rows}
