"""A briefing (``eventwire.analysis.brief``) as Markdown, a standalone HTML page, or JSON."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict
from html import escape

from .brief import Allegation, Briefing, Citation, trim_at_clause

# A reaction under a bullet is cut at a clause boundary past this many characters.
REACTION_CHARS = 160

__all__ = ["briefing_html", "briefing_json", "briefing_markdown"]


def _cite(citation: Citation) -> str:
    where = "title" if citation.sentence_index is None else f"s{citation.sentence_index}"
    return f"{citation.article_id}#{where}"


def _events(ids: Sequence[str], most: int = 6) -> str:
    shown = ", ".join(ids[:most])
    return shown + (f" +{len(ids) - most} more" if len(ids) > most else "")


def _alleged(a: Allegation) -> str:
    who = ", ".join(a.alleged_by) or "unattributed"
    what = a.plover_category or f"CAMEO {a.cameo}"
    return f"alleged by {who}: {a.source or '?'} → {a.target or '?'} {what} ({a.event_id})"


def briefing_markdown(briefing: Briefing) -> str:
    """The briefing as Markdown: the bullets, then one section per story with its sentences
    (each with its event ids and ``article#sentence``), allegations marked as such."""
    span = (
        str(briefing.since)
        if briefing.since == briefing.until
        else f"{briefing.since} to {briefing.until}"
    )
    lines = [f"# Briefing: {span}", "", f"{briefing.articles} articles.", ""]
    lines += ["## What you need to know", ""]
    for b in briefing.bullets:
        cites = "; ".join(_cite(c) for c in b.citations)
        lines.append(f"- {b.text} [events {_events(b.event_ids)}; {cites}]")
        for r in b.reactions:
            text = trim_at_clause(r.citation.text, REACTION_CHARS)
            lines.append(
                f"  - reaction: {text} [events {_events(r.event_ids)}; {_cite(r.citation)}]"
            )
    if not briefing.bullets:
        lines.append(f"- (no asserted event in these articles{_earlier(briefing)})")
    for story in briefing.stories:
        title = story.headline or story.detail or "(untitled)"
        s = story.salience
        lines += ["", f"## {story.rank}. {title}", ""]
        why = [f"salience {s.score:.1f}", f"{s.sources} source{'s' if s.sources > 1 else ''}"]
        why += [f"{kind}" for kind in s.treaty_steps]
        why += [f'"{s.stated_first}"'] if s.stated_first else []
        why += [f"{d} {b}" for d, b in s.new_dyads[:3]]
        lines += [f"*{'; '.join(why)}*", ""]
        for r in story.reports:
            tags = []
            if r.event_ids:
                tags.append(f"events {_events(r.event_ids)}")
            tags += [f"{modality} {event}" for event, modality in r.other]
            tags.append(_cite(r.citation))
            lines.append(f"- {r.citation.text} [{'; '.join(tags)}]")
            lines += [f"  - {_alleged(a)}" for a in r.allegations]
    return "\n".join(lines) + "\n"


def briefing_html(briefing: Briefing) -> str:
    """The briefing as a standalone HTML page (no script, no external resource)."""

    def cite(c: Citation) -> str:
        return f'<cite title="{escape(c.text)}">{escape(_cite(c))}</cite>'

    span = escape(
        str(briefing.since)
        if briefing.since == briefing.until
        else f"{briefing.since} to {briefing.until}"
    )
    out = [
        '<!doctype html><html lang="en"><head><meta charset="utf-8">',
        f"<title>Briefing: {span}</title></head><body>",
        f"<h1>Briefing: {span}</h1><p>{briefing.articles} articles.</p>",
        "<h2>What you need to know</h2><ul>",
    ]
    for b in briefing.bullets:
        cites = " ".join(cite(c) for c in b.citations)
        events = escape(_events(b.event_ids))
        reactions = "".join(
            f"<li>reaction: {escape(trim_at_clause(r.citation.text, REACTION_CHARS))} "
            f"<small>events {escape(_events(r.event_ids))} {cite(r.citation)}</small></li>"
            for r in b.reactions
        )
        nested = f"<ul>{reactions}</ul>" if reactions else ""
        out.append(f'<li><a href="#story-{b.rank}">{escape(b.text)}</a> '
                   f"<small>events {events}; {cites}</small>{nested}</li>")  # fmt: skip
    if not briefing.bullets:
        out.append(f"<li>(no asserted event in these articles{escape(_earlier(briefing))})</li>")
    out.append("</ul>")
    for story in briefing.stories:
        title = escape(story.headline or story.detail or "(untitled)")
        out.append(f'<section id="story-{story.rank}"><h2>{story.rank}. {title}</h2><ul>')
        for r in story.reports:
            tags = escape("; ".join([*( [f"events {_events(r.event_ids)}"] if r.event_ids else []),
                                     *(f"{m} {e}" for e, m in r.other)]))  # fmt: skip
            allegations = "".join(f"<li>{escape(_alleged(a))}</li>" for a in r.allegations)
            nested = f"<ul>{allegations}</ul>" if allegations else ""
            out.append(f"<li>{escape(r.citation.text)} <small>{tags} {cite(r.citation)}"
                       f"</small>{nested}</li>")  # fmt: skip
        out.append("</ul></section>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _earlier(briefing: Briefing) -> str:
    day = briefing.earlier_news
    if day is None:
        return ""
    return f"; the latest day before with one: {day}, eventwire brief --date {day}"


def briefing_json(briefing: Briefing) -> str:
    """The briefing as one JSON object (dates as ISO strings, tuples as arrays)."""
    return json.dumps(asdict(briefing), default=str, ensure_ascii=False, indent=1)
