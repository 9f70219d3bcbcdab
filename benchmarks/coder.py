"""What eventwire's components add to the time of spaCy's own pipeline (issue 5: at most 15%).

    .venv/bin/python benchmarks/coder.py [--limit 500] [--repeat 2] [--json out.json]

On the first ``--limit`` articles of ../shared/corpora/gigaword_afp_xinhua.jsonl it measures,
in one process, CPU seconds (``time.process_time``: steadier than the wall clock on a machine
shared with other jobs) of:

1. the bare spaCy pipeline, ``nlp.pipe(texts)`` (the configured model, all its components);
2. the same model as eventwire runs it (``build_pipeline``: with the indexed attribute ruler
   unless ``[pipeline] indexed_attribute_ruler = false``), component by component;
3. each of our configured components in pipeline order (actors, time, places, coder,
   treaties) applied to the parsed Docs, one after the other, as ``nlp.pipe`` calls them.

It reports seconds and the share of the bare pipeline's time for each component and in total.
Each measurement is the best of ``--repeat`` runs.
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

    from eventwire.config import load_options
    from eventwire.nlp.pipeline import build_pipeline

    options = load_options().pipeline
    model = options.model
    nlp = spacy.load(model)
    ours = build_pipeline(options)
    components = [name for name in ours.pipe_names if name.startswith("eventwire_")]
    model_parts = [name for name in ours.pipe_names if name not in components]
    articles = _articles(args.limit)
    texts = [text for _, text, _ in articles]
    words = sum(len(t.split()) for t in texts)

    bare = float("inf")
    for _ in range(args.repeat):
        start = time.process_time()
        parsed = list(nlp.pipe(texts))
        bare = min(bare, time.process_time() - start)
    del parsed

    ours_model = float("inf")
    added = {name: float("inf") for name in components}
    n_events = 0
    for _ in range(args.repeat):
        docs = [ours.make_doc(text) for text in texts]
        for doc, (doc_id, _, day) in zip(docs, articles, strict=True):
            doc._.doc_id = doc_id
            doc._.article_date = day
        start = time.process_time()
        for name in model_parts:
            part = ours.get_pipe(name)
            # As Language.pipe does: a component without ``pipe`` (the cached lemmatizer) is
            # called on each Doc.
            docs = list(part.pipe(docs)) if hasattr(part, "pipe") else [part(d) for d in docs]
        ours_model = min(ours_model, time.process_time() - start)
        for name in components:
            component = ours.get_pipe(name)
            start = time.process_time()
            docs = [component(doc) for doc in docs]
            added[name] = min(added[name], time.process_time() - start)
        n_events = sum(len(doc._.events) for doc in docs)

    total = sum(added.values())
    report = {
        "articles": len(texts),
        "words": words,
        "model": model,
        "spacy_seconds": round(bare, 3),
        "model_as_run_seconds": round(ours_model, 3),
        "components": {
            name: {"seconds": round(s, 3), "share": round(s / bare, 4)} for name, s in added.items()
        },
        "added_seconds": round(total, 3),
        "added_share": round(total / bare, 4),
        "eventwire_over_bare": round((ours_model + total) / bare, 4),
        "events": n_events,
    }
    print(f"{len(texts)} articles, {words} words, model {model}")
    print(f"spaCy pipeline        {bare:8.2f} s CPU  ({words / bare:,.0f} words/s)")
    print(f"  model as eventwire runs it {ours_model:8.2f} s  {ours_model / bare:6.1%}")
    for name, seconds in added.items():
        print(f"+ {name:<19} {seconds:8.2f} s  {seconds / bare:6.1%}")
    print(f"= added               {total:8.2f} s  {total / bare:6.1%}  ({n_events} events)")
    print(f"model + components    {ours_model + total:8.2f} s  {(ours_model + total) / bare:6.1%}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
