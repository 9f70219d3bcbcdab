"""``eventwire event ID``: one merged event and every report of it — article, sentence, spans,
modality, attribution and confidence — a thin adapter over ``Store.event``."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from .analysis.records import EventRecord, MentionRecord
from .config import load_options
from .errors import EventwireError

__all__ = ["event", "format_event"]

_HEAD = (
    "day",
    "date_value",
    "source_code",
    "target_code",
    "cameo",
    "cameo_label",
    "plover_category",
    "quad_class",
    "goldstein",
    "modality",
    "confidence",
    "num_mentions",
    "num_articles",
    "num_sources",
    "location_country",
)


def _marked(report: MentionRecord) -> str:
    """The sentence with each span in brackets and its role: ``[Russia|source]``."""
    sentence = report.sentence
    spans = sorted(
        (s for s in report.spans if 0 <= s.start < s.end <= len(sentence)),
        key=lambda s: (s.start, -s.end),
    )
    out, at = [], 0
    for span in spans:
        if span.start < at:  # nested or overlapping spans: listed below, not marked twice
            continue
        out += [sentence[at : span.start], f"[{sentence[span.start : span.end]}|{span.role}]"]
        at = span.end
    out.append(sentence[at:])
    return "".join(out)


def format_event(record: EventRecord) -> str:
    """A plain-text page for one event: its fields, then each report with its provenance."""
    fields = record.fields
    lines = [f"event {fields.get('event_id')}"]
    lines += [f"  {k}: {fields[k]}" for k in _HEAD if fields.get(k) is not None]
    lines.append(f"reports ({len(record.mentions)}):")
    for n, m in enumerate(record.mentions, 1):
        lines.append(
            f"{n}. article {m.article_id} — {m.title or '(no title)'}"
            f" ({m.source or 'unknown source'}, {m.published or 'undated'})"
        )
        if m.url:
            lines.append(f"   {m.url}")
        lines.append(f"   sentence {m.sentence_index}: {_marked(m)}")
        said = f", attributed to {m.attribution_text}" if m.attribution_text else ""
        confidence = "" if m.confidence is None else f", confidence {m.confidence:.2f}"
        lines.append(
            f"   {m.source_code or '?'} → {m.target_code or '?'} {m.cameo} ({m.plover_category}),"
            f" {m.modality}{said}{confidence}"
        )
        when = [x for x in (m.date_text, m.location_text) if x]
        if when:
            lines.append(f"   when/where said: {'; '.join(when)}")
        if m.spans:
            lines.append(
                "   spans: " + "; ".join(f"{s.role} {s.start}–{s.end} {s.text!r}" for s in m.spans)
            )
    return "\n".join(lines)


@click.command()
@click.argument("event_id")
@click.option("--db", help="DuckDB file to read (default: [store] path, eventwire.duckdb).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: fields and reports.")
@click.pass_context
def event(ctx: click.Context, event_id: str, db: str | None, as_json: bool) -> None:
    """One merged event with every report of it: each article, sentence (spans marked),
    modality, attribution and confidence.

    Example: eventwire event e192e0411931f9f6 --db eventwire.duckdb
    """
    from .store import open_store

    config = ctx.obj.get("config") if isinstance(ctx.obj, dict) else None
    try:
        options = load_options(config, {"store.path": db})
        with open_store(options.store.path, read_only=True) as store:
            record = store.event(event_id.strip())
    except EventwireError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(asdict(record), default=str, ensure_ascii=False))
    else:
        click.echo(format_event(record))
