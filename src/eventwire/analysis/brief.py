"""A briefing of a day or period from the record alone: "What you need to know" (3–7 bullets),
then one section per story, every line citing its events and sentences. Offline; no language
model writes a word: the wording is the articles' own headlines and sentences, trimmed.

How it is built (the weights and limits are ``[brief]`` in default.toml, with their reasons):

1. **Units.** The articles published in the window, each one unit, except a live blog
   (``documents.liveblog``), whose items are units of their own: an editor already split it
   into stories. A unit's headline is its item's heading or its article's title.
2. **Stories.** Units of different articles join when they report the same merged event,
   share their main dyad (the pair of countries most of their asserted events are between), or
   have alike headlines and leads (another outlet's report of the same news).
3. **Salience.** Independent sources, novelty of the story's dyads against the baseline of the
   "what changed" table (``analysis.changes``: rates per article, its bands and low-baseline
   rule), intensity (Goldstein), treaty lifecycle steps reported in its sentences
   (``treaties``), first contact between actors (stated by the text, or none in the record for
   months), how much of the page's headline the story repeats (a live blog's lead), and size.
4. **Wording.** A bullet is the story's headline and its key sentence (a stated first, a
   treaty step, the strongest event), cut at a clause boundary when long. Only asserted events
   make bullets and count towards salience; an allegation appears in its story's section as an
   allegation, with who alleges it.

>>> briefing = build_briefing(store.con, date(2024, 12, 5))        # doctest: +SKIP
>>> print(briefing_markdown(briefing))    # eventwire.analysis.brief_render   # doctest: +SKIP
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from ..config import BriefOptions, ChangeOptions, load_options
from ..errors import EventwireError
from ._brief_salience import Salience, SalienceJudge, phrase_pattern
from ._brief_units import (
    Mention,
    Page,
    Unit,
    attach_mentions,
    attach_steps,
    join_stories,
    latest_day_with_news,
    read_pages,
)

__all__ = [
    "Allegation",
    "Briefing",
    "Bullet",
    "Citation",
    "InvalidBriefRequest",
    "Report",
    "Salience",
    "Story",
    "build_briefing",
    "trim_at_clause",
]

_CLAUSE = re.compile(r"[,;:](?=\s)|\s[–—-]\s")


# Reactions shown under a bullet: two say "others objected" without turning it into a list.
MAX_REACTIONS = 2
# A wire service's revision slug before a headline ("5th LD Writethru: …", "Update 2: …").
_SLUG = re.compile(
    r"^(?:\d+(?:st|nd|rd|th)\s+)?(?:LD\s+)?(?:writethru|update\s*\d*|roundup|urgent|flash)"
    r"\s*[:,-]\s*",
    re.IGNORECASE,
)
_PRONOUN = re.compile(r"(?:he|she|it|they|this|these|his|her|its|their)\b", re.IGNORECASE)


class InvalidBriefRequest(EventwireError):
    """A briefing that cannot be made (no article in the window, a window that ends first)."""


@dataclass(frozen=True, slots=True)
class Citation:
    """Where wording comes from: an article and its sentence (None for a title that is not a
    sentence of the text), with the text quoted."""

    article_id: str
    sentence_index: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Allegation:
    """An event the text reports as alleged, and who alleges it (the attribution's code, or
    its words when no actor resolves them: "NPR", "The Times")."""

    event_id: str
    alleged_by: tuple[str, ...]
    source: str | None
    target: str | None
    plover_category: str | None
    cameo: str


@dataclass(frozen=True, slots=True)
class Report:
    """One sentence of a story with the events it reports: ``event_ids`` the asserted ones,
    ``other`` the events of other modalities ("intended", "hypothetical"…) as (id, modality),
    ``allegations`` the alleged ones."""

    citation: Citation
    event_ids: tuple[str, ...]
    other: tuple[tuple[str, str], ...]
    allegations: tuple[Allegation, ...]


@dataclass(frozen=True, slots=True)
class Story:
    """One story: ``headline`` (a unit's heading or title, or None) and ``detail`` (its key
    sentence, trimmed) with their citations; ``event_ids`` its asserted events;
    ``reports`` its sentences with events, in text order; ``reactions`` the reports of others
    turning against the key sentence's actor that day (criticism, a snub, an accusation)."""

    rank: int
    headline: str | None
    detail: str | None
    citations: tuple[Citation, ...]
    salience: Salience
    article_ids: tuple[str, ...]
    event_ids: tuple[str, ...]
    reports: tuple[Report, ...]
    reactions: tuple[Report, ...] = ()


@dataclass(frozen=True, slots=True)
class Bullet:
    """A line of "What you need to know": its wording, the story it sums up (``rank``), the
    events of the sentences it quotes, the articles of the story, and its reactions."""

    text: str
    rank: int
    event_ids: tuple[str, ...]
    article_ids: tuple[str, ...]
    citations: tuple[Citation, ...]
    reactions: tuple[Report, ...] = ()


@dataclass(frozen=True, slots=True)
class Briefing:
    """The briefing of the articles published ``since``–``until`` (both included)."""

    since: date
    until: date
    articles: int
    bullets: tuple[Bullet, ...]
    stories: tuple[Story, ...]
    # With no bullet: the latest earlier day whose articles reported an asserted event (a
    # store's last day may hold one stray article; the analyst is told where the news is).
    earlier_news: date | None = None


def build_briefing(
    con: duckdb.DuckDBPyConnection,
    day: date | None = None,
    *,
    since: date | None = None,
    until: date | None = None,
    min_confidence: float | None = None,
    max_stories: int | None = None,
    options: BriefOptions | None = None,
    limits: ChangeOptions | None = None,
) -> Briefing:
    """The briefing of the articles published on ``day``, or from ``since`` to ``until``
    (default: the latest article's date), over events at least ``min_confidence`` confident,
    with the ``max_stories`` most salient stories (None: all); ``options`` and ``limits``
    default to the shipped [brief] and [changes] settings.

    Raises ``InvalidBriefRequest`` when the window holds no article."""
    if day is not None and (since is not None or until is not None):
        raise InvalidBriefRequest("give a day, or a period (since/until), not both")
    shipped = load_options()
    options = options or shipped.brief
    limits = limits or shipped.changes
    latest = con.execute("SELECT max(published) FROM articles").fetchone()
    if latest is None or latest[0] is None:
        raise InvalidBriefRequest("no dated article in the store: nothing to brief on")
    if day is not None:
        since = until = day
    until = until or latest[0]
    since = since or until
    if since > until:
        raise InvalidBriefRequest(f"the period starts ({since}) after it ends ({until})")
    pages = read_pages(con, since, until)
    if not pages:
        raise InvalidBriefRequest(f"no article published from {since} to {until}")
    attach_mentions(con, pages, since, until, min_confidence)
    attach_steps(con, pages)
    units = [u for p in pages.values() for u in p.units]
    # Every unit joins stories (an article without an event is still a source of its story);
    # a story without any event is left out.
    groups = [
        g for g in join_stories(units, options.story_similarity) if any(u.mentions for u in g)
    ]
    units = [u for u in units if u.mentions]
    context = SalienceJudge(con, since, until, options, limits, pages, units, min_confidence)
    scored = [(context.salience(group), group) for group in groups]
    scored.sort(key=lambda s: (-s[0].score, -len(s[1][0].mentions), s[1][0].article_id))
    stories = tuple(_story(rank, sal, group, pages, options, since) for rank, (sal, group) in
                    enumerate(scored, 1))  # fmt: skip
    bullets = _bullets(stories, options)
    kept = stories if max_stories is None else stories[:max_stories]
    earlier = None if bullets else latest_day_with_news(con, since, min_confidence)
    return Briefing(since, until, len(pages), bullets, kept, earlier)


# --- wording -----------------------------------------------------------------------------------


def trim_at_clause(text: str, limit: int, keep: int = 0) -> str:
    """``text`` with its white space collapsed, cut when longer than ``limit`` characters at
    the last clause boundary (comma, semicolon, colon, spaced dash) at or after ``keep`` and
    within the limit, else at the last word boundary within it (after the first word when that
    alone is longer), marked with "…"; never inside a word.

    >>> trim_at_clause("The pact took effect, the agency said on Thursday.", 30, keep=14)
    'The pact took effect'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = None
    for match in _CLAUSE.finditer(text):
        if match.start() > limit:
            break
        if match.start() >= keep:
            cut = match.start()
    if cut is not None:
        return text[:cut].rstrip()
    space = text.rfind(" ", 0, limit + 1)
    if space <= 0:  # a first word longer than the limit is kept whole
        space = text.find(" ", limit)
    head = text[:space] if space > 0 else text
    return head.rstrip(" ,;:–—-") + ("…" if len(head) < len(text) else "")


def _story(
    rank: int,
    salience: Salience,
    group: list[Unit],
    pages: dict[str, Page],
    o: BriefOptions,
    since: date,
) -> Story:
    asserted = [m for u in group for m in u.mentions if m.modality == "asserted"]
    lead_unit = max(group, key=lambda u: (sum(m.modality == "asserted" for m in u.mentions),
                                          -group.index(u)))  # fmt: skip
    headline = _SLUG.sub("", " ".join(lead_unit.headline.split())) if lead_unit.headline else None
    citations: list[Citation] = []
    if headline is not None:
        # A live item's heading is its first sentence; an article's title is no sentence.
        index = lead_unit.heading_index if lead_unit.live else None
        citations.append(Citation(lead_unit.article_id, index, headline))
    detail = None
    key = _key_sentence(asserted, headline, phrase_pattern(o.novelty_phrases), group)
    if key is not None:
        keep = (key.trigger_end - key.start) if key.trigger_end and key.start is not None else 0
        detail = trim_at_clause(key.sentence, o.max_bullet_chars, keep)
        citations.append(
            Citation(key.article_id, key.sentence_index, " ".join(key.sentence.split()))
        )
    reports = tuple(_reports(group))
    reacting = _reactions(asserted, key, since) if key is not None else set()
    return Story(
        rank=rank,
        headline=headline,
        detail=detail,
        citations=tuple(citations),
        salience=salience,
        article_ids=tuple(dict.fromkeys(u.article_id for u in group)),
        event_ids=tuple(dict.fromkeys(m.event_id for m in asserted)),
        reports=reports,
        reactions=tuple(
            r for r in reports if (r.citation.article_id, r.citation.sentence_index) in reacting
        ),
    )


def _reactions(asserted: list[Mention], key: Mention, since: date) -> set[tuple[str, int]]:
    """The sentences (at most ``MAX_REACTIONS``, first in text order) where another country
    turns against the key sentence's actor: an asserted event of negative Goldstein score
    whose target is that actor's country, not dated before the window (a boycott "last year"
    is background, not a reaction)."""
    actor = key.source_country
    if actor is None:
        return set()
    found: dict[tuple[str, int], None] = {}
    for m in asserted:
        where = (m.article_id, m.sentence_index)
        if where == (key.article_id, key.sentence_index) or m.goldstein is None:
            continue
        if m.goldstein >= 0 or m.target_country != actor or m.source_country in (None, actor):
            continue
        if m.date_start is not None and m.date_start < since - timedelta(days=1):
            continue
        found[where] = None
    return set(list(found)[:MAX_REACTIONS])


def _same(sentence: str, headline: str) -> bool:
    return " ".join(sentence.split()).casefold() == headline.casefold()


def _key_sentence(
    asserted: list[Mention], headline: str | None, phrases: re.Pattern[str], group: list[Unit]
) -> Mention | None:
    """The sentence that says most: one stating a first, then one reporting a decisive treaty
    step, then the strongest event; the earliest on a tie; never the headline itself."""
    step_offsets = {(u.article_id, s[3]) for u in group for s in u.steps}
    reports: dict[str, int] = defaultdict(int)
    for m in asserted:
        reports[m.event_id] += 1
    leads = {
        u.article_id: min((m.sentence_index for m in u.mentions if not _same(m.sentence, headline
                                                                              or "")), default=-1)
        for u in group
    }  # fmt: skip
    best: tuple[float, int, int] | None = None
    chosen = None
    for position, m in enumerate(asserted):
        if headline is not None and _same(m.sentence, headline):
            continue
        # A stated first outweighs all else, a treaty step the strength of any one event; an
        # event reported in several sentences is what the story is about; a unit's first
        # sentence is the reporter's own summary (the lead); a sentence opening with a pronoun
        # needs the one before it to be understood (Gigaword: "He also attacked Washington…").
        score = abs(m.goldstein or 0.0) / 10 + 0.5 * min(reports[m.event_id] - 1, 2)
        if m.sentence_index == leads.get(m.article_id):
            score += 0.6
        if _PRONOUN.match(m.sentence.lstrip()):
            score -= 0.5
        if phrases.search(m.sentence):
            score += 2
        if (m.article_id, m.start) in step_offsets:
            score += 1
        rank = (score, -position, 0)
        if best is None or rank > best:
            best, chosen = rank, m
    return chosen


def _reports(group: list[Unit]) -> Iterable[Report]:
    by_sentence: dict[tuple[str, int], list[Mention]] = defaultdict(list)
    for unit in group:
        for m in unit.mentions:
            by_sentence[(m.article_id, m.sentence_index)].append(m)
    for (article_id, index), mentions in by_sentence.items():
        asserted = tuple(dict.fromkeys(m.event_id for m in mentions if m.modality == "asserted"))
        other = tuple(
            dict.fromkeys(
                (m.event_id, m.modality)
                for m in mentions
                if m.modality not in ("asserted", "alleged")
            )
        )
        alleged = {
            m.event_id: Allegation(
                m.event_id,
                tuple(c for c in (m.attribution or "").split(";") if c),
                m.source,
                m.target,
                m.plover,
                m.cameo,
            )
            for m in mentions
            if m.modality == "alleged"
        }
        text = " ".join(mentions[0].sentence.split())
        yield Report(Citation(article_id, index, text), asserted, other, tuple(alleged.values()))


def _bullets(stories: tuple[Story, ...], o: BriefOptions) -> tuple[Bullet, ...]:
    candidates = [s for s in stories if s.event_ids and (s.headline or s.detail)]
    if not candidates:
        return ()
    top = candidates[0].salience.score
    chosen = [
        s
        for n, s in enumerate(candidates[: o.max_bullets])
        if n < o.min_bullets or s.salience.score >= o.bullet_share * top
    ]
    bullets = []
    for story in chosen:
        parts = [p for p in (story.headline, story.detail) if p]
        quoted = {(c.article_id, c.sentence_index) for c in story.citations}
        events = tuple(
            dict.fromkeys(
                e
                for r in story.reports
                if (r.citation.article_id, r.citation.sentence_index) in quoted
                for e in r.event_ids
            )
        )
        bullets.append(
            Bullet(
                " — ".join(parts),
                story.rank,
                events,
                story.article_ids,
                story.citations,
                story.reactions,
            )
        )
    return tuple(bullets)
