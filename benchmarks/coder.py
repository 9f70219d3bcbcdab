"""What eventwire's components add to the time of spaCy's own pipeline (issue 5: at most 15%).

    .venv/bin/python benchmarks/coder.py [--limit 500] [--repeat 2] [--json out.json]

On the first ``--limit`` articles of ../shared/corpora/gigaword_afp_xinhua.jsonl it times, in
one process (single core, so that the two sides compete for nothing):

1. the bare spaCy pipeline, ``nlp.pipe(texts)`` (the configured model, all its components);
2. each of our components in pipeline order (``eventwire_actors``, ``eventwire_time``,
   ``eventwire_places``, ``eventwire_coder``) applied to the parsed Docs, one after the other,
   exactly as ``nlp.pipe`` would call them.

It reports seconds and the share of the bare pipeline's time for each component and in total.
Each measurement is the best of ``--repeat`` runs (the minimum is the least disturbed by the
other jobs on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpora" / "gigaword_afp_xinhua.jsonl"
COMPONENTS = ("eventwire_actors", "eventwire_time", "eventwire_places", "eventwire_coder")


def _articles(limit: int) -> list[tuple[str, str, date | None]]:
    rows = []
    with CORPUS.open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            day = record.get("date")
            rows.append((record["id"], record["text"], date.fromisoformat(day) if day else None))
            if len(rows) >= limit:
                break
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    import spacy

    import eventwire.actors
    import eventwire.events.coder
    import eventwire.places
    import eventwire.time  # noqa: F401  # register the components
    from eventwire.config import load_options

    model = load_options().pipeline.model
    nlp = spacy.load(model)
    ours = spacy.load(model)
    for name in COMPONENTS:
        ours.add_pipe(name)
    articles = _articles(args.limit)
    texts = [text for _, text, _ in articles]
    words = sum(len(t.split()) for t in texts)

    bare = float("inf")
    for _ in range(args.repeat):
        start = time.perf_counter()
        parsed = list(nlp.pipe(texts))
        bare = min(bare, time.perf_counter() - start)

    added = {name: float("inf") for name in COMPONENTS}
    n_events = 0
    for _ in range(args.repeat):
        docs = list(nlp.pipe(texts))
        for doc, (doc_id, _, day) in zip(docs, articles, strict=True):
            doc._.doc_id = doc_id
            doc._.article_date = day
        for name in COMPONENTS:
            component = ours.get_pipe(name)
            start = time.perf_counter()
            docs = [component(doc) for doc in docs]
            added[name] = min(added[name], time.perf_counter() - start)
        n_events = sum(len(doc._.events) for doc in docs)
    del parsed

    total = sum(added.values())
    report = {
        "articles": len(texts),
        "words": words,
        "model": model,
        "spacy_seconds": round(bare, 3),
        "components": {
            name: {"seconds": round(s, 3), "share": round(s / bare, 4)} for name, s in added.items()
        },
        "added_seconds": round(total, 3),
        "added_share": round(total / bare, 4),
        "events": n_events,
    }
    print(f"{len(texts)} articles, {words} words, model {model}")
    print(f"spaCy pipeline        {bare:8.2f} s  ({words / bare:,.0f} words/s)")
    for name, seconds in added.items():
        print(f"+ {name:<19} {seconds:8.2f} s  {seconds / bare:6.1%}")
    print(f"= added               {total:8.2f} s  {total / bare:6.1%}  ({n_events} events)")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
