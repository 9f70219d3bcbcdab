"""End-to-end evaluation on PLV-format data: the coder sees the sentence only, no marked spans.

For each gold sentence the full pipeline (actors, time, places, coder) codes the bare sentence;
an event **finds the dyad** when its source overlaps the marked source span and its target
overlaps the marked target span (character offsets; same direction). Scores:

* ``dyad_recall`` — the share of gold dyads found by at least one event;
* ``category_accuracy`` — among found dyads, the share whose best event (highest confidence
  among those that find the dyad; asserted events first) has the gold PLV root;
* ``events_per_sentence`` — how many events the coder emits per sentence (a guard against
  recall bought with noise).

Examples whose source or target is implicit ("An actor" / "a recipient") have no span to
overlap and are left out; ``skipped`` counts them. All modalities count: the gold data marks
the dyad of an announced or denied act too.

>>> report = evaluate_dyads(read_plv(Path("../shared/devsets/PLV_train.tsv")))  # doctest: +SKIP
>>> round(report.dyad_recall, 3)                                                 # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..events.ontology import plv_root
from .plv import PlvExample

if TYPE_CHECKING:
    from spacy.language import Language

    from ..events.model import ActorRef, Event

__all__ = ["DyadReport", "evaluate_dyads", "find_dyad"]

# The components the end-to-end chain adds to the spaCy pipeline, in order.
CHAIN = ("eventwire_actors", "eventwire_time", "eventwire_places", "eventwire_coder")


@dataclass(frozen=True, slots=True)
class DyadReport:
    """End-to-end scores (definitions in the module docstring)."""

    n: int
    skipped: int
    found: int
    category_correct: int
    events: int

    @property
    def dyad_recall(self) -> float:
        return self.found / self.n if self.n else 0.0

    @property
    def category_accuracy(self) -> float:
        return self.category_correct / self.found if self.found else 0.0

    @property
    def events_per_sentence(self) -> float:
        return self.events / self.n if self.n else 0.0

    def format(self) -> str:
        """One line for the terminal."""
        return (
            f"n={self.n} (skipped {self.skipped} with an implicit side)  "
            f"dyad recall={self.dyad_recall:.3f}  category accuracy={self.category_accuracy:.3f}  "
            f"events/sentence={self.events_per_sentence:.2f}"
        )


def find_dyad(example: PlvExample, events: Sequence[Event]) -> Event | None:
    """The best event of ``events`` that finds the example's dyad, or None."""
    hits = [
        e
        for e in events
        if _overlaps(e.source, example.source_start, example.source_end)
        and _overlaps(e.target, example.target_start, example.target_end)
    ]
    if not hits:
        return None
    return min(hits, key=lambda e: (e.modality != "asserted", -e.confidence))


def evaluate_dyads(examples: Sequence[PlvExample], nlp: Language | None = None) -> DyadReport:
    """End-to-end scores of the pipeline ``nlp`` (default: the configured spaCy model with
    ``CHAIN`` added) on the examples with both sides marked."""
    pipeline = nlp or _chain()
    dyadic = [e for e in examples if e.source_start is not None and e.target_start is not None]
    found = correct = n_events = 0
    for example, doc in zip(dyadic, pipeline.pipe(e.sentence for e in dyadic), strict=True):
        events: list[Event] = list(doc._.events)
        n_events += len(events)
        best = find_dyad(example, events)
        if best is None:
            continue
        found += 1
        correct += plv_root(best.plover.category) == example.gold_root
    return DyadReport(len(dyadic), len(examples) - len(dyadic), found, correct, n_events)


def _overlaps(ref: ActorRef | None, start: int | None, end: int | None) -> bool:
    if ref is None or start is None or end is None:
        return False
    return ref.start < end and start < ref.end


def _chain() -> Language:
    import spacy

    from .. import actors  # noqa: F401  # registers eventwire_actors
    from ..config import load_options
    from ..events import coder  # noqa: F401
    from ..places import component as _places  # noqa: F401  # registers eventwire_places
    from ..time import component as _time  # noqa: F401  # registers eventwire_time

    nlp = spacy.load(load_options().pipeline.model)
    for name in CHAIN:
        nlp.add_pipe(name)
    return nlp
