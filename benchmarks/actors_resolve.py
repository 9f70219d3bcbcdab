"""Resolving actor mentions outside spaCy: 10,000 mentions, median of several runs (issue 4).

    .venv/bin/python benchmarks/actors_resolve.py [--mentions N] [--runs R] [--seed S]

The issue asks that resolving 10,000 mentions outside spaCy's own processing take "well under a
second". The mix is what the resolver meets in news text:

* the actor mentions the ``eventwire_actors`` component finds in ``../shared/seeds`` (found
  once with spaCy before timing; each resolved on its article's date) — skipped with a note
  when ``../shared`` is absent;
* names of the knowledge base (states, capitals, organisations, people, short forms);
* phrases built from them as news writes them ("Russia's foreign minister", "the Russian
  navy", "security council of Russia", "Polish Foreign Minister <person>");
* unknown words ("the Kumsusan Guest Palace"-like places, person names the base lacks),

each with a date drawn between 2000 and 2025. Only ``resolve_actor`` calls are timed, with the
knowledge base already loaded (it loads once per process, ~0.2 s, cached).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from datetime import date, timedelta
from pathlib import Path

from eventwire.actors import KnowledgeBase, load_knowledge_base, resolve_actor

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
# The seed files and their articles' dates (the first file is one article; the second holds
# two, of 14 September 2024 and 14 December 2025: the earlier date serves for its mentions).
SEED_DATES = {
    "000_adeb2a641be64b03.txt": date(2024, 12, 5),
    "003_01826b4bc4373879.txt": date(2024, 9, 14),
}
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2025, 12, 31)
# Shares of the mix: seed mentions, knowledge-base names, built phrases; the rest unknown.
SHARES = (0.4, 0.3, 0.25)
SECTOR_WORDS = (
    "navy", "army", "military", "foreign minister", "defence minister", "police",
    "government", "state media", "opposition", "president", "prime minister",
)  # fmt: skip
UNKNOWN = (
    "the Guest Palace", "Flash", "WhatsApp", "Ivan Petrovsky", "a spokesman", "X.",
    "the talks", "Mr Tomasz Nowicki", "Somewhere Province", "the committee",
)  # fmt: skip
Mention = tuple[str, date]


def _random_day(rng: random.Random) -> date:
    return FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))


def seed_mentions() -> list[Mention]:
    """The mentions the spaCy component finds in the seeds (empty when they are absent)."""
    if not SEEDS.is_dir():
        print(f"note: {SEEDS} is absent; the mix uses knowledge-base names only")
        return []
    import spacy

    from eventwire.config import load_options

    nlp = spacy.load(load_options().pipeline.model)
    nlp.add_pipe("eventwire_actors")
    found: list[Mention] = []
    for name, day in SEED_DATES.items():
        path = SEEDS / name
        if not path.exists():
            continue
        doc = nlp.make_doc(path.read_text(encoding="utf-8"))
        doc._.article_date = day
        for _, component in nlp.pipeline:
            doc = component(doc)
        found.extend((span.text, day) for span in doc._.actor_mentions)
    return found


def knowledge_base_mentions(kb: KnowledgeBase, rng: random.Random, count: int) -> list[Mention]:
    """Names of the knowledge base, each on a random date."""
    names = sorted(name for name, _ in kb.names())
    return [(rng.choice(names), _random_day(rng)) for _ in range(count)]


def phrase_mentions(kb: KnowledgeBase, rng: random.Random, count: int) -> list[Mention]:
    """Phrases news builds from a state and a sector word or title, or a title and a person."""
    states = sorted(r.name for r in kb.records.values() if r.kind == "state")
    people = sorted(r.name for r in kb.records.values() if r.kind == "person")
    found: list[Mention] = []
    for _ in range(count):
        state, word = rng.choice(states), rng.choice(SECTOR_WORDS)
        form = rng.randrange(4)
        if form == 0:
            text = f"{state}'s {word}"
        elif form == 1:
            text = f"the {state} {word}"
        elif form == 2:
            text = f"{word} of {state}"
        else:
            text = f"{state} {word.title()} {rng.choice(people)}"
        found.append((text, _random_day(rng)))
    return found


def build_mix(kb: KnowledgeBase, size: int, rng: random.Random) -> list[Mention]:
    """``size`` mentions in the proportions of :data:`SHARES`, shuffled."""
    seeds = seed_mentions()
    from_seeds = [rng.choice(seeds) for _ in range(int(size * SHARES[0]))] if seeds else []
    phrases = phrase_mentions(kb, rng, int(size * SHARES[2]))
    unknown = [(rng.choice(UNKNOWN), _random_day(rng)) for _ in range(int(size * 0.05))]
    names = knowledge_base_mentions(kb, rng, size - len(from_seeds) - len(phrases) - len(unknown))
    mix = from_seeds + names + phrases + unknown
    rng.shuffle(mix)
    return mix


def time_once(kb: KnowledgeBase, mix: list[Mention]) -> float:
    started = time.perf_counter()
    for text, day in mix:
        resolve_actor(text, day, kb)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--mentions", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=4, help="random seed of the mix")
    args = parser.parse_args()

    started = time.perf_counter()
    kb = load_knowledge_base()
    loaded = time.perf_counter() - started
    mix = build_mix(kb, args.mentions, random.Random(args.seed))
    resolved = sum(resolve_actor(text, day, kb).resolved for text, day in mix)
    times = [time_once(kb, mix) for _ in range(args.runs)]
    median = statistics.median(times)
    print(f"knowledge base: {len(kb)} actors, loaded in {loaded:.2f} s")
    print(f"mix: {len(mix)} mentions, {resolved / len(mix):.0%} resolved")
    print(
        f"resolve_actor: median {median:.3f} s for {len(mix)} mentions over {args.runs} runs "
        f"({median / len(mix) * 1e6:.1f} µs each; min {min(times):.3f} s, max {max(times):.3f} s)"
    )


if __name__ == "__main__":
    main()
