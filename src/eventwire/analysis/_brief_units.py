"""The units and stories of a briefing (``eventwire.analysis.brief``): the window's articles
split into units (a live blog's items, else whole articles) with their event mentions and
treaty steps, and units joined into stories."""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import duckdb

from ..documents.article import Article, Provenance
from ..documents.liveblog import live_items
from .changes import DYAD_SEPARATOR
from .filters import confidence_terms

# Words that say nothing of a story (for comparing headlines and leads).
_STOP = frozenset(
    {
        "a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "is", "it",
        "its", "of", "on", "or", "the", "to", "with", "after", "over", "says", "said", "say",
        "live", "updates", "update", "latest", "news", "was", "were", "has", "have", "had",
        "be", "been", "that", "this", "he", "she", "they", "his", "her", "their", "will",
        "would", "not", "but", "are", "who", "which", "also", "more", "than", "about",
    }
)  # fmt: skip
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# A unit's lead for comparing stories: its headline and this much of its text (about the first
# two sentences of a wire story, where a reporter names who, what and where).
LEAD_CHARS = 300
# Units further apart than this in days are not the same story by their leads alone, nor are
# leads sharing fewer words than MIN_SHARED (however rare: one shared name is not a story).
LEAD_DAYS = 2
MIN_SHARED = 3


def stems(text: str) -> set[str]:
    """Content words cut to five letters, so "Russia" and "Russian", "defense" and "defence"
    share a stem (a crude stemmer is enough to compare a headline with a lead)."""
    words = (w.casefold() for w in _WORD.findall(text))
    return {w[:5] if len(w) > 5 else w for w in words if w not in _STOP and len(w) > 1}


@dataclass(slots=True)
class Mention:
    article_id: str
    sentence_index: int
    sentence: str
    start: int | None
    event_id: str
    modality: str
    attribution: str | None
    source: str | None
    target: str | None
    source_country: str | None
    target_country: str | None
    source_actor: str | None
    target_actor: str | None
    plover: str | None
    cameo: str
    goldstein: float | None
    trigger_end: int | None
    date_start: date | None


@dataclass(slots=True)
class Unit:
    article_id: str
    start: int
    end: int
    headline: str | None
    intro: bool
    live: bool
    heading_index: int | None = None
    published: date | None = None
    lead: frozenset[str] = frozenset()
    mentions: list[Mention] = field(default_factory=list)
    steps: list[tuple[str, str, date | None, int]] = field(default_factory=list)


@dataclass(slots=True)
class Page:
    article_id: str
    title: str | None
    source_key: str
    units: list[Unit]


def read_pages(con: duckdb.DuckDBPyConnection, since: date, until: date) -> dict[str, Page]:
    """The articles published ``since``–``until`` (duplicates left out), split into units."""
    has_notes = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE table_name = 'articles'"
        " AND column_name = 'notes'"
    ).fetchone()
    notes = "notes" if has_notes and has_notes[0] else "NULL"  # a store before migration 6
    rows = con.execute(
        f"""SELECT article_id, title, text, path, reader, published, {notes},
                  coalesce(source, regexp_extract(url, '^[a-z]+://(?:www\\.)?([^/]+)', 1),
                           credits[1], article_id)
           FROM articles WHERE published BETWEEN ? AND ? AND duplicate_of IS NULL
           ORDER BY published, article_id""",
        [since, until],
    ).fetchall()
    pages = {}
    for article_id, title, text, path, reader, published, notes, source_key in rows:
        live, summary = _read_notes(notes)
        units = [Unit(article_id, 0, len(text), title, False, False)]
        if live:
            article = Article(text, Provenance(path, reader), id=article_id, title=title,
                              published=published, summary=summary)  # fmt: skip
            items = [i for i in live_items(article) if not i.summary]
            if len(items) > 1:
                # Each item carries its own date line's date, else the blog's.
                units = [
                    Unit(article_id, i.start, i.end, i.heading, i.heading is None, True,
                         published=i.published)
                    for i in items
                ]  # fmt: skip
        for unit in units:
            unit.published = unit.published or published
            opening = text[unit.start : min(unit.end, unit.start + LEAD_CHARS)]
            unit.lead = frozenset(stems(f"{unit.headline or ''} {opening}"))
        pages[article_id] = Page(article_id, title, source_key or article_id, units)
    _index_headings(con, [p for p in pages.values() if p.units[0].live])
    return pages


def _index_headings(con: duckdb.DuckDBPyConnection, live: list[Page]) -> None:
    """The sentence index of each live item's heading (its first sentence), for citations."""
    if not live:
        return
    starts = defaultdict(list)
    for article_id, index, start in con.execute(
        "SELECT article_id, sentence_index, start_char FROM sentences"
        f" WHERE article_id IN ({', '.join('?' for _ in live)}) AND start_char IS NOT NULL"
        " ORDER BY article_id, start_char",
        [p.article_id for p in live],
    ).fetchall():
        starts[article_id].append((int(start), int(index)))
    for page in live:
        for unit in page.units:
            unit.heading_index = next(
                (i for s, i in starts[page.article_id] if unit.start <= s < unit.end), None
            )


def _read_notes(notes: str | None) -> tuple[bool, tuple[tuple[int, int], ...]]:
    """Whether the reader marked the article a live blog, and its summary spans (stored in
    ``notes`` since issue 18; a store written before has none, and its summary lines then
    fall in the blog's intro, which carries no event)."""
    if not notes:
        return False, ()
    try:
        read = json.loads(notes)
        spans = tuple((int(a), int(b)) for a, b in read.get("summary", ()))
        return read.get("kind") == "live_blog", spans
    except (ValueError, TypeError, AttributeError):
        return False, ()


def latest_day_with_news(
    con: duckdb.DuckDBPyConnection, before: date, min_confidence: float | None
) -> date | None:
    """The latest day before ``before`` on which an article reported an asserted event at
    least ``min_confidence`` confident (None: no such day)."""
    confident, params = confidence_terms(min_confidence)
    where = " AND ".join(
        ["a.published < ?", "a.duplicate_of IS NULL", "e.modality = 'asserted'", *confident]
    )
    row = con.execute(
        f"""SELECT max(a.published) FROM event_mentions m
            JOIN articles a USING (article_id) JOIN events e USING (event_id)
            WHERE {where}""",
        [before, *params],
    ).fetchone()
    return None if row is None else row[0]


def attach_mentions(
    con: duckdb.DuckDBPyConnection,
    pages: dict[str, Page],
    since: date,
    until: date,
    min_confidence: float | None,
) -> None:
    confident, params = confidence_terms(min_confidence)
    where = " AND ".join(["a.published BETWEEN ? AND ?", "a.duplicate_of IS NULL", *confident])
    rows = con.execute(
        f"""SELECT m.article_id, m.sentence_index, m.sentence, s.start_char, m.event_id,
                   e.modality, coalesce(m.attribution_code, m.attribution_text),
                   coalesce(m.source_code, m.source_country),
                   coalesce(m.target_code, m.target_country), e.source_country,
                   e.target_country, coalesce(e.source_actor_id, e.source_code),
                   coalesce(e.target_actor_id, e.target_code), e.plover_category, e.cameo,
                   e.goldstein, m.trigger_end, e.date_start
            FROM event_mentions m
            JOIN articles a USING (article_id)
            JOIN events e USING (event_id)
            LEFT JOIN sentences s USING (article_id, sentence_index)
            WHERE {where}
            ORDER BY m.article_id, m.sentence_index, m.trigger_start""",
        [since, until, *params],
    ).fetchall()
    for row in rows:
        mention = Mention(*row)
        page = pages.get(mention.article_id)
        if page is not None:
            _unit_at(page, mention.start).mentions.append(mention)


def _unit_at(page: Page, offset: int | None) -> Unit:
    if offset is not None:
        for unit in page.units:
            if unit.start <= offset < unit.end:
                return unit
    return page.units[0]


def attach_steps(con: duckdb.DuckDBPyConnection, pages: dict[str, Page]) -> None:
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'treaty_steps'"
    ).fetchone()
    if not exists or not exists[0]:
        return
    con.register("brief_pages", _frame_of_ids(list(pages)))
    try:
        rows = con.execute(
            """SELECT doc_id, kind, coalesce(treaty_id, mention), date_start, sentence_start
               FROM treaty_steps JOIN brief_pages ON doc_id = brief_pages.article_id"""
        ).fetchall()
    finally:
        con.unregister("brief_pages")
    for doc_id, kind, treaty, start, offset in rows:
        page = pages[doc_id]
        unit = _unit_at(page, offset)
        # Only a step in a sentence that also reports an event belongs to a story; a summary
        # line or a caption left in the text does not.
        if any(m.start == offset for m in unit.mentions):
            unit.steps.append((kind, treaty, start, offset))


def _frame_of_ids(ids: list[str]) -> Any:
    import pyarrow as pa

    return pa.table({"article_id": pa.array(ids, pa.string())})


# --- stories -----------------------------------------------------------------------------------


def dyad_of(a: str | None, b: str | None) -> str | None:
    if a is None or b is None or a == b:
        return None
    return f"{a}{DYAD_SEPARATOR}{b}" if a < b else f"{b}{DYAD_SEPARATOR}{a}"


def _main_dyad(unit: Unit) -> str | None:
    counts: dict[str, int] = defaultdict(int)
    for m in unit.mentions:
        key = dyad_of(m.source_country, m.target_country)
        if key is not None and m.modality == "asserted":
            counts[key] += 1
    if not counts:
        return None
    best = max(counts.values())
    tops = sorted(k for k, n in counts.items() if n == best)
    return tops[0] if len(tops) == 1 else None  # a tie names no main dyad


def similar_leads(units: list[Unit], threshold: float) -> Iterator[tuple[int, int]]:
    """Pairs of units of different articles, at most ``LEAD_DAYS`` apart, whose leads share at
    least ``MIN_SHARED`` words and are alike: the IDF-weighted Jaccard index of their stems at
    least ``threshold``. Candidates come from an index of (stem, day) over the stems that no
    more than a fiftieth of the units share (at least 20), so the cost grows with the articles
    of a few days, not with the square of the record."""
    n = len(units)
    df = Counter(s for u in units for s in u.lead)
    idf = {s: math.log(1 + n / d) for s, d in df.items()}
    weight = [sum(idf[s] for s in u.lead) for u in units]
    cap = max(20, n // 50)
    keys = [[s for s in u.lead if 1 < df[s] <= cap] for u in units]
    index: dict[tuple[str, int], list[int]] = defaultdict(list)
    days = [u.published.toordinal() if u.published is not None else None for u in units]
    for i, day in enumerate(days):
        if day is not None:
            for s in keys[i]:
                index[(s, day)].append(i)
    window = range(-LEAD_DAYS, LEAD_DAYS + 1)
    for i, day in enumerate(days):
        if day is None:
            continue
        shared: dict[int, int] = {}
        for s in keys[i]:
            for k in window:
                for j in index.get((s, day + k), ()):
                    if j > i:
                        shared[j] = shared.get(j, 0) + 1
        a = units[i]
        for j, count in shared.items():
            b = units[j]
            if count < MIN_SHARED or a.article_id == b.article_id:
                continue
            common = sum(idf[s] for s in a.lead & b.lead)
            if common / (weight[i] + weight[j] - common) >= threshold:
                yield i, j


def join_stories(units: list[Unit], similarity: float) -> list[list[Unit]]:
    """Units joined (union–find) when, in different articles, they report the same merged
    event, share their main dyad, or have alike leads (``similar_leads``, from ``similarity``
    on); each story's units in article and text order."""
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join_all(index: dict[str, list[int]]) -> None:
        for members in index.values():
            for other in members[1:]:
                if units[other].article_id != units[members[0]].article_id:
                    parent[find(other)] = find(members[0])

    by_event: dict[str, list[int]] = defaultdict(list)
    by_dyad: dict[str, list[int]] = defaultdict(list)
    for i, unit in enumerate(units):
        for event_id in dict.fromkeys(m.event_id for m in unit.mentions):
            by_event[event_id].append(i)
        main = _main_dyad(unit)
        if main is not None:
            by_dyad[main].append(i)
    join_all(by_event)
    join_all(by_dyad)
    for i, j in similar_leads(units, similarity):
        parent[find(j)] = find(i)
    groups: dict[int, list[Unit]] = defaultdict(list)
    for i, unit in enumerate(units):
        groups[find(i)].append(unit)
    return list(groups.values())
