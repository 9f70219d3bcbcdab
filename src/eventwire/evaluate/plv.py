"""PLV-format gold data: a reader, and the relation-classification evaluation over it.

The PLV format (Zero-Shot-PLOVER, ACL 2024) is a TSV file with a header; the columns we read are
``sentence_id``, ``sentence``, ``marked_sentence`` (the sentence with ``<s>…</s>`` around the
source and ``<t>…</t>`` around the target), ``source``, ``target`` and ``gold_root`` (one of 15
PLOVER roots: CONCEDE and RETREAT are merged as YIELD). Every other column (the study's own
model outputs) is ignored on purpose: the coder must not see them.

>>> examples = read_plv(Path("../shared/devsets/PLV_train.tsv"))        # doctest: +SKIP
>>> report = evaluate_relations(examples)                               # doctest: +SKIP
>>> round(report.macro_f1, 3)                                           # doctest: +SKIP
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import UnreadableInput
from ..events.ontology import PLV_ROOTS, plv_root
from .metrics import ClassificationReport, classification_report

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span

    from ..events.coder import EventCoder

__all__ = [
    "PLV_COLUMNS",
    "PlvExample",
    "evaluate_relations",
    "predict_relation",
    "read_plv",
]

PLV_COLUMNS = ("sentence_id", "sentence", "marked_sentence", "source", "target", "gold_root")
_MARK = re.compile(r"</?[st]>")


@dataclass(frozen=True, slots=True)
class PlvExample:
    """One gold sentence: the text, the marked source and target (text and character offsets
    into ``sentence``) and the gold PLV root. The data stands in "An actor" / "a recipient"
    for an actor the sentence leaves implicit; such a side has offset None."""

    sentence_id: str
    sentence: str
    source: str
    source_start: int | None
    target: str
    target_start: int | None
    gold_root: str

    @property
    def source_end(self) -> int | None:
        return None if self.source_start is None else self.source_start + len(self.source)

    @property
    def target_end(self) -> int | None:
        return None if self.target_start is None else self.target_start + len(self.target)


def read_plv(path: Path) -> list[PlvExample]:
    """Read a PLV TSV file; an unreadable file or a row without the needed columns raises
    :class:`UnreadableInput` naming the line."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as error:
        raise UnreadableInput(f"{path}: cannot open PLV file: {error}") from error
    examples: list[PlvExample] = []
    with handle:
        reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = [c for c in PLV_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise UnreadableInput(f"{path}: not a PLV file (missing columns {missing})")
        for line, row in enumerate(reader, start=2):
            examples.append(_example(path, line, row))
    return examples


def _example(path: Path, line: int, row: dict[str, str]) -> PlvExample:
    sentence = row["sentence"]
    gold = row["gold_root"].strip()
    if gold not in PLV_ROOTS:
        raise UnreadableInput(f"{path}:{line}: unknown gold_root {gold!r}")
    source_start, target_start = _offsets(row["marked_sentence"], row["source"], row["target"])
    starts: list[int | None] = []
    for text, start in ((row["source"], source_start), (row["target"], target_start)):
        if sentence[start : start + len(text)] != text:
            start = sentence.find(text)
        starts.append(start if start >= 0 else None)
    if starts == [None, None]:
        raise UnreadableInput(f"{path}:{line}: neither source nor target is in the sentence")
    return PlvExample(
        row["sentence_id"], sentence, row["source"], starts[0], row["target"], starts[1], gold
    )


def _offsets(marked: str, source: str, target: str) -> tuple[int, int]:
    """Offsets of the marked spans in the unmarked sentence (-1 when a mark is missing)."""
    positions: dict[str, int] = {}
    removed = 0
    for mark in _MARK.finditer(marked):
        if mark.group() in ("<s>", "<t>"):
            positions[mark.group()] = mark.start() - removed
        removed += len(mark.group())
    return positions.get("<s>", -1), positions.get("<t>", -1)


def predict_relation(
    nlp: Language, coder: EventCoder | None = None
) -> Callable[[Sequence[PlvExample]], list[str | None]]:
    """A predictor: parses the sentences with ``nlp`` (one batch) and classifies each marked
    pair with :func:`~eventwire.events.relation.classify_relation`; None = no event."""
    from ..events.relation import classify_relation, default_relation_coder

    chosen = coder or default_relation_coder()

    def predict(examples: Sequence[PlvExample]) -> list[str | None]:
        out: list[str | None] = []
        for example, doc in zip(examples, nlp.pipe(e.sentence for e in examples), strict=True):
            source = _span(doc, example.source_start, example.source_end)
            target = _span(doc, example.target_start, example.target_end)
            event = classify_relation(doc, source, target, chosen)
            out.append(None if event is None else plv_root(event.plover.category))
        return out

    return predict


def _span(doc: Doc, start: int | None, end: int | None) -> Span | None:
    if start is None or end is None:
        return None
    return doc.char_span(start, end, alignment_mode="expand")


def evaluate_relations(
    examples: Sequence[PlvExample],
    predict: Callable[[Sequence[PlvExample]], Iterable[str | None]] | None = None,
) -> ClassificationReport:
    """Relation-classification scores of ``predict`` (default: the shipped coder over the
    configured spaCy pipeline, parser only) against the gold roots."""
    if predict is None:
        predict = predict_relation(_parser())
    predictions = list(predict(examples))
    return classification_report([e.gold_root for e in examples], predictions, PLV_ROOTS)


def _parser() -> Language:
    import spacy

    from ..config import load_options

    # The parser, tagger and lemmatizer are what the coder reads; NER is not needed because the
    # spans are given.
    return spacy.load(load_options().pipeline.model, exclude=["ner"])
