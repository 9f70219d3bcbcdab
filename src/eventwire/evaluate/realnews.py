"""Evaluation on our own real-news gold set (``tests/eval/README.md`` gives the format).

Each gold file names one record of a corpus in ``../shared/corpora`` and lists the events it
reports, as character offsets into the record's ``text`` (no article text is stored with the
gold). The articles are read through our own readers — the text the pipeline sees is the text
ingest would see — and coded by the configured pipeline; predicted spans are mapped back to the
record's text through each article's provenance.

Scoring is per article, over **distinct tuples**, as an analyst counts events:

* dyad level: ``(source, target)``; dyad + category level: ``(source, target, PLOVER category)``;
* a side's key is its country (ISO3) for states, their parts and their people, and the actor id
  for organisations that belong to no state; ``None`` for an absent or unresolved side;
* a predicted tuple is **correct** when a required gold event of the article has it, **excused**
  when only optional gold events have it (neither right nor wrong), **spurious** otherwise;
  recall is over the tuples of required gold events;
* modality and date are scored on matched gold events (dyad + category), each against **its
  own mention** (``align_mentions``): a predicted mention of the tuple in the gold event's
  sentence, else the article's first mention of the tuple that lies in the sentence of no
  other gold event of that tuple. A mention stands for one gold event only: "On Wednesday the
  House impeached Trump" is not also the mention of "Clinton was impeached in 1998" (same
  tuple, another event), whose date and modality are then not judged — the coder did not code
  that event — and which is counted as ``unaligned``;
* a trap is violated when an asserted event's trigger or one of its sides falls inside the
  trap's passage (and, for a trap with a category, the event has that category): the events an
  analyst sees by default. "A bill that would have allowed X to extradite" is a trap for an
  asserted extradition, not for the hypothetical one.

The set is split once and for all into a studied part and a held-out part by a hash of each
article's id (``gold.held_out``): rules are written from the studied part's errors only.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import UnreadableInput
from .gold import GoldArticle, GoldEvent, GoldTrap, held_out, read_realnews

if TYPE_CHECKING:
    from ..actors.kb import KnowledgeBase
    from ..config import Options
    from ..documents.article import Article
    from ..events.model import ActorRef, Event

__all__ = [
    "GoldArticle",
    "GoldCorpus",
    "GoldEvent",
    "GoldTrap",
    "RealNewsReport",
    "Split",
    "align_mentions",
    "code_gold_corpus",
    "evaluate_realnews",
    "held_out",
    "load_gold_corpus",
    "load_records",
    "read_realnews",
    "score_articles",
    "tuple_labels",
]

Split = Literal["all", "studied", "held-out"]
SideKey = str | None
# --- sides --------------------------------------------------------------------------------


def side_key(actor_id: str | None, country: str | None, code: str | None) -> SideKey:
    """What two sides must share to be the same side: a state's country, else the code (an
    organisation's, or the one a person's role gives: Kofi Annan as Secretary-General is
    ``IGOUNO``), else the actor id."""
    if country:
        return country
    return code or actor_id or None


def _predicted_key(ref: ActorRef | None) -> SideKey:
    return None if ref is None else side_key(ref.actor_id, ref.country, ref.code)


def _gold_key(value: str | None, on: date | None, kb: KnowledgeBase) -> SideKey:
    from ..actors.resolve import resolve_actor

    if value is None:
        return None
    if not value.startswith("org:"):
        return value[:3]
    actor = resolve_actor(value[4:], on, kb)
    if actor.kind == "unresolved":
        return value  # cannot match any prediction: a recall miss, as it should be
    return side_key(actor.actor_id, actor.country, actor.code)


# --- reading the records ------------------------------------------------------------------


def _raw_texts(path: Path) -> dict[str, str]:
    """The record id (JSONL ``id`` or CSV ``url``) → the record's ``text``, as stored."""
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        rows: Iterable[dict[str, Any]] = (json.loads(line) for line in text.splitlines() if line)
        return {str(r["id"]): str(r["text"]) for r in rows}
    csv.field_size_limit(2**31 - 1)
    return {r["url"]: r["text"] for r in csv.DictReader(io.StringIO(text))}


def _articles(path: Path, wanted: set[str], options: Options) -> dict[str, Article]:
    """Our readers' Articles for the wanted record ids of one corpus file."""
    from ..documents.article import Article
    from ..documents.readers import read_inputs

    found: dict[str, Article] = {}
    for result in read_inputs([str(path)], options.documents):
        if not isinstance(result, Article):
            continue
        for key in (result.external_id, result.url):
            if key in wanted:
                found[key] = result
    return found


# --- scoring ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Predicted:
    """One predicted event mention in record coordinates."""

    source: SideKey
    target: SideKey
    category: str
    modality: str
    date: str | None
    trigger: tuple[int, int]
    sides: tuple[tuple[int, int], ...]
    sentence: tuple[int, int]
    text: str
    confidence: float
    date_text: str | None = None

    @property
    def dyad(self) -> tuple[SideKey, SideKey]:
        return self.source, self.target

    @property
    def coded(self) -> tuple[SideKey, SideKey, str]:
        return self.source, self.target, self.category


def predicted_from(event: Event, article: Article) -> Predicted:
    """An Event's keys and spans, its spans mapped to the record's text."""
    to_input = article.provenance.input_span
    sides = tuple(
        to_input(ref.start, ref.end) for ref in (event.source, event.target) if ref is not None
    )
    start = article.text.find(event.sentence) if event.sentence else -1
    sentence = to_input(start, start + len(event.sentence)) if start >= 0 else (0, 0)
    return Predicted(
        source=_predicted_key(event.source),
        target=_predicted_key(event.target),
        category=event.plover.category,
        modality=event.modality,
        date=None if event.event_date is None else event.event_date.value,
        trigger=to_input(event.trigger.start, event.trigger.end),
        sides=sides,
        sentence=sentence,
        text=event.sentence,
        confidence=event.confidence,
        date_text=None if event.event_date is None else event.event_date.text,
    )


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


@dataclass(slots=True)
class Counts:
    """Tallies of one level (dyad, or dyad + category)."""

    correct: int = 0
    spurious: int = 0
    excused: int = 0
    gold: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        judged = self.correct + self.spurious
        return self.correct / judged if judged else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def line(self, name: str) -> str:
        return (
            f"  {name:<16} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}"
            f"   ({self.correct} right, {self.spurious} spurious, {self.excused} excused;"
            f" {self.found} of {self.gold} gold found)"
        )


@dataclass(frozen=True, slots=True)
class Finding:
    """A spurious prediction, a missed gold event, a violated trap or a matched event with the
    wrong date, for study."""

    kind: str
    record_id: str
    what: str
    passage: str


@dataclass(slots=True)
class RealNewsReport:
    """Scores on a set of gold articles (definitions in the module docstring)."""

    name: str
    articles: int = 0
    predicted_mentions: int = 0
    dyad: Counts = field(default_factory=Counts)
    coded: Counts = field(default_factory=Counts)
    modality_right: int = 0
    modality_judged: int = 0
    date_right: int = 0
    date_judged: int = 0
    # Dates judged on a prediction in the gold event's own sentence (the same mention): a
    # matched tuple coded only in another sentence is another mention, maybe another event.
    date_right_in_sentence: int = 0
    date_judged_in_sentence: int = 0
    # Matched tuples' gold events with no mention of their own: every mention of the tuple
    # stands for another gold event (``align_mentions``); neither modality nor date is judged.
    unaligned: int = 0
    traps: int = 0
    traps_violated: int = 0
    gold_categories: Counter[str] = field(default_factory=Counter)
    findings: list[Finding] = field(default_factory=list)
    # (confidence, correct) of every judged predicted tuple: its best mention's confidence.
    scored: list[tuple[float, bool]] = field(default_factory=list)

    @property
    def modality_accuracy(self) -> float:
        return self.modality_right / self.modality_judged if self.modality_judged else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.date_judged if self.date_judged else 0.0

    @property
    def date_accuracy_in_sentence(self) -> float:
        judged = self.date_judged_in_sentence
        return self.date_right_in_sentence / judged if judged else 0.0

    def summary(self) -> dict[str, float | int]:
        """The figures the gate pins, by name."""
        return {
            "articles": self.articles,
            "dyad_precision": self.dyad.precision,
            "dyad_recall": self.dyad.recall,
            "dyad_f1": self.dyad.f1,
            "precision": self.coded.precision,
            "recall": self.coded.recall,
            "f1": self.coded.f1,
            "modality_accuracy": self.modality_accuracy,
            "date_accuracy": self.date_accuracy,
            "date_accuracy_in_sentence": self.date_accuracy_in_sentence,
            "unaligned": self.unaligned,
            "traps": self.traps,
            "traps_violated": self.traps_violated,
        }

    def format(self, *, findings: bool = False) -> str:
        lines = [
            f"{self.name}: {self.articles} articles, {self.coded.gold} required gold events"
            f" (distinct tuples), {self.predicted_mentions} predicted event mentions",
            self.dyad.line("dyad"),
            self.coded.line("dyad+category"),
            f"  modality accuracy {self.modality_accuracy:.3f} ({self.modality_right} of"
            f" {self.modality_judged} matched)   date accuracy {self.date_accuracy:.3f}"
            f" ({self.date_right} of {self.date_judged} matched and dated;"
            f" {self.date_right_in_sentence} of {self.date_judged_in_sentence} in their sentence;"
            f" {self.unaligned} matched events with no mention of their own, not judged)",
            f"  traps violated {self.traps_violated} of {self.traps}",
        ]
        if findings:
            for f in self.findings:
                lines.append(f"    [{f.kind}] {f.record_id}: {f.what}\n        {f.passage}")
        return "\n".join(lines)


def _label(t: tuple[SideKey, SideKey, str] | tuple[SideKey, SideKey]) -> str:
    parts = [str(x) if x is not None else "-" for x in t]
    return f"{parts[0]} -> {parts[1]}" + (f" {parts[2]}" if len(parts) > 2 else "")


def _snippet(text: str, span: tuple[int, int], width: int = 160) -> str:
    return " ".join(text[span[0] : span[1]].split())[:width]


def score_article(
    gold: GoldArticle,
    record_text: str,
    predicted: Sequence[Predicted],
    kb: KnowledgeBase,
    report: RealNewsReport,
) -> None:
    """Add one article's tallies to ``report``."""
    on = _date_or_none(gold.date)
    keyed = [
        (e, _gold_key(e.source, on, kb), _gold_key(e.target, on, kb), e.category)
        for e in gold.events
    ]
    report.articles += 1
    report.predicted_mentions += len(predicted)
    for e, *_ in keyed:
        if not e.optional:
            report.gold_categories[e.category] += 1
    for level, counts, cut in (("dyad", report.dyad, 2), ("coded", report.coded, 3)):
        required = {tuple(k[1 : 1 + cut]) for k in keyed if not k[0].optional}
        optional = {tuple(k[1 : 1 + cut]) for k in keyed if k[0].optional} - required
        mentions: dict[tuple[Any, ...], list[Predicted]] = {}
        for p in predicted:
            mentions.setdefault((p.source, p.target, p.category)[:cut], []).append(p)
        counts.gold += len(required)
        counts.found += len(required & mentions.keys())
        for key, group in mentions.items():
            best = max(group, key=lambda p: p.confidence)
            if key in required:
                counts.correct += 1
                if level == "coded":
                    report.scored.append((best.confidence, True))
            elif key in optional:
                counts.excused += 1
            else:
                counts.spurious += 1
                if level == "coded":
                    report.scored.append((best.confidence, False))
                    report.findings.append(
                        Finding(
                            "spurious",
                            gold.record_id,
                            f"{_label(key)}  ({best.modality}, trigger"
                            f" {record_text[best.trigger[0] : best.trigger[1]]!r})",
                            " ".join(best.text.split())[:240],
                        )
                    )
        if level == "coded":
            for e, source, target, category in keyed:
                if not e.optional and (source, target, category) not in mentions:
                    report.findings.append(
                        Finding(
                            "missed",
                            gold.record_id,
                            f"{_label((source, target, category))}  ({e.modality}, {e.date})",
                            _snippet(record_text, e.at),
                        )
                    )
            _score_attributes(keyed, mentions, report, gold.record_id, record_text)
    for trap in gold.traps:
        report.traps += 1
        hits = [
            p
            for p in predicted
            if p.modality == "asserted"
            and (trap.category is None or p.category == trap.category)
            and any(_overlaps(span, trap.at) for span in (p.trigger, *p.sides))
        ]
        if hits:
            report.traps_violated += 1
            report.findings.append(
                Finding(
                    "trap",
                    gold.record_id,
                    f"{_label(hits[0].coded)} ({trap.why})",
                    _snippet(record_text, trap.at),
                )
            )


def align_mentions(
    keyed: Sequence[tuple[GoldEvent, SideKey, SideKey, str]],
    mentions: dict[tuple[Any, ...], list[Predicted]],
) -> list[tuple[Predicted, bool] | None]:
    """Per gold event (in order): its own predicted mention and whether it lies in the gold
    event's sentence, or None when it has none.

    A mention stands for one gold event: first each gold event takes a mention of its tuple in
    its own sentence; then one with none takes the article's first mention of its tuple that
    lies in no sentence of another gold event of the tuple (required or optional) and stands
    for no event yet — a later report of the same event, which the gold does not list twice
    (``tests/eval/README.md``). A mention in another gold event's sentence is that event's:
    judging "Clinton was impeached in 1998" on "On Wednesday the House impeached Trump" scored
    the dating of one event against the date of another.
    """
    chosen: list[tuple[Predicted, bool] | None] = [None] * len(keyed)
    taken: set[int] = set()
    for i, (e, source, target, category) in enumerate(keyed):
        group = mentions.get((source, target, category), [])
        here = next((p for p in group if id(p) not in taken and _overlaps(p.sentence, e.at)), None)
        if here is not None:
            chosen[i] = (here, True)
            taken.add(id(here))
    for i, (_, source, target, category) in enumerate(keyed):
        if chosen[i] is not None:
            continue
        others = [
            other.at
            for j, (other, *key) in enumerate(keyed)
            if j != i and tuple(key) == (source, target, category)
        ]
        free = (
            p
            for p in mentions.get((source, target, category), [])
            if id(p) not in taken and not any(_overlaps(p.sentence, at) for at in others)
        )
        elsewhere = next(free, None)
        if elsewhere is not None:
            chosen[i] = (elsewhere, False)
            taken.add(id(elsewhere))
    return chosen


def _score_attributes(
    keyed: Sequence[tuple[GoldEvent, SideKey, SideKey, str]],
    mentions: dict[tuple[Any, ...], list[Predicted]],
    report: RealNewsReport,
    record_id: str,
    record_text: str,
) -> None:
    aligned = align_mentions(keyed, mentions)
    for (e, source, target, category), own in zip(keyed, aligned, strict=True):
        if e.optional or (source, target, category) not in mentions:
            continue
        if own is None:
            report.unaligned += 1
            continue
        chosen, here = own
        report.modality_judged += 1
        report.modality_right += chosen.modality == e.modality
        if e.date is not None:
            report.date_judged += 1
            right = same_date(chosen.date, e.date)
            report.date_right += right
            if here:
                report.date_judged_in_sentence += 1
                report.date_right_in_sentence += right
            if not right:
                report.findings.append(
                    Finding(
                        "date",
                        record_id,
                        f"{_label((source, target, category))}  gold {e.date}, coded"
                        f" {chosen.date} (from {chosen.date_text or 'the article date'!r}"
                        f"{'' if here else ', coded in another sentence'})",
                        _snippet(record_text, e.at),
                    )
                )


def same_date(predicted: str | None, gold: str) -> bool:
    """Whether a coded date is the gold one; a time of day (``2024-12-05T16:25``, ``...TNI``)
    is finer than the day annotators write, and counts as that day."""
    if predicted is None:
        return False
    return predicted == gold or ("T" in predicted and predicted.split("T")[0] == gold)


def _date_or_none(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def tuple_labels(
    gold: GoldArticle, predicted: Sequence[Predicted], kb: KnowledgeBase
) -> list[bool | None]:
    """Per prediction: True when a required gold event has its dyad and category, None when
    only optional ones have it (excused), False otherwise (spurious)."""
    on = _date_or_none(gold.date)
    required: set[tuple[SideKey, SideKey, str]] = set()
    optional: set[tuple[SideKey, SideKey, str]] = set()
    for e in gold.events:
        key = (_gold_key(e.source, on, kb), _gold_key(e.target, on, kb), e.category)
        (optional if e.optional else required).add(key)
    return [
        True if p.coded in required else None if p.coded in optional else False for p in predicted
    ]


def score_articles(
    golds: Sequence[GoldArticle],
    records: dict[tuple[str, str], str],
    predictions: dict[tuple[str, str], list[Predicted]],
    kb: KnowledgeBase,
    name: str,
) -> RealNewsReport:
    """Score predictions (by (corpus, record id)) against gold articles."""
    report = RealNewsReport(name)
    for gold in golds:
        key = (gold.corpus, gold.record_id)
        score_article(gold, records[key], predictions.get(key, []), kb, report)
    return report


@dataclass(frozen=True, slots=True)
class RealNewsResult:
    """The three reports of one run: all articles, the studied part and the held-out part."""

    reports: tuple[RealNewsReport, ...]
    min_confidence: float
    # Per report: the confidence's ROC AUC (right against spurious dyad+category tuples, all
    # predictions) and (threshold, precision, recall) at CURVE_THRESHOLDS.
    curves: tuple[tuple[float, tuple[tuple[float, float, float], ...]], ...] = ()

    def format(self, *, findings: bool = False) -> str:
        head = f"real-news gold set, events with confidence >= {self.min_confidence:g}"
        # Findings are listed for the part that may be studied: never the held-out part of a
        # whole run (``--split held-out`` asks for them explicitly).
        study = "studied" if len(self.reports) > 1 else self.reports[0].name
        parts = [head]
        for i, r in enumerate(self.reports):
            text = r.format(findings=findings and r.name == study)
            if i < len(self.curves):
                auc, curve = self.curves[i]
                points = "  ".join(f"{t:.1f}: {p:.2f}/{rc:.2f}" for t, p, rc in curve)
                text += f"\n  confidence ROC AUC {auc:.3f}; precision/recall at thresholds {points}"
            parts.append(text)
        return "\n\n".join(parts)

    def to_json(self) -> dict[str, Any]:
        reports: dict[str, Any] = {}
        for i, r in enumerate(self.reports):
            reports[r.name] = r.summary()
            if i < len(self.curves):
                auc, curve = self.curves[i]
                reports[r.name]["confidence_roc_auc"] = auc
                reports[r.name]["curve"] = [
                    {"threshold": t, "precision": p, "recall": rc} for t, p, rc in curve
                ]
        return {"min_confidence": self.min_confidence, "reports": reports}


@dataclass(frozen=True, slots=True)
class GoldCorpus:
    """Gold articles with their records' text and our readers' Articles, by (corpus, id)."""

    golds: list[GoldArticle]
    records: dict[tuple[str, str], str]
    articles: dict[tuple[str, str], Article]


def load_records(
    corpora: Path, keys: Iterable[tuple[str, str]], options: Options
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], Article]]:
    """The stored ``text`` and our readers' Article of each (corpus, record id), by that key
    (``UnreadableInput`` for a corpus or a record that is not there)."""
    wanted: dict[str, set[str]] = {}
    for corpus, record_id in keys:
        wanted.setdefault(corpus, set()).add(record_id)
    records: dict[tuple[str, str], str] = {}
    articles: dict[tuple[str, str], Article] = {}
    for corpus in sorted(wanted):
        path = corpora / corpus
        if not path.is_file():
            raise UnreadableInput(f"{path}: corpus not found (give --corpora)")
        raw = _raw_texts(path)
        found = _articles(path, wanted[corpus], options)
        for record_id in sorted(wanted[corpus]):
            if record_id not in raw or record_id not in found:
                raise UnreadableInput(f"{corpus}: no record {record_id!r}")
            records[(corpus, record_id)] = raw[record_id]
            articles[(corpus, record_id)] = found[record_id]
    return records, articles


def load_gold_corpus(gold: Path, corpora: Path, options: Options, split: Split) -> GoldCorpus:
    """Read the gold files of one part and the records they name (see ``evaluate_realnews``)."""
    golds = read_realnews(gold)
    if split != "all":
        golds = [g for g in golds if g.held_out == (split == "held-out")]
    records, articles = load_records(corpora, {(g.corpus, g.record_id) for g in golds}, options)
    for g in golds:
        length = len(records[(g.corpus, g.record_id)])
        for span in [e.at for e in g.events] + [t.at for t in g.traps]:
            if span[1] > length:
                raise UnreadableInput(f"{g.path}: passage {list(span)} beyond the text")
    return GoldCorpus(golds, records, articles)


def code_gold_corpus(
    corpus: GoldCorpus, options: Options, *, calibrated: bool = True
) -> dict[tuple[str, str], list[tuple[Predicted, dict[str, float]]]]:
    """Code every article as ingest would; each prediction with the calibration model's
    features. With ``calibrated`` False the events are coded exactly as the coder scores them
    just before its model (``CoderOptions.calibrated_confidence``): the rule recipe's
    confidence, without the off-topic factor, which production applies after the model
    (``offtopic_penalty``) — so the features fitted on are those the model is given."""
    from ..engines.articles import coded_article, make_doc
    from ..events.scoring.calibration import countries_in, country_mentions, event_features
    from ..nlp.pipeline import build_pipeline, build_selector

    nlp = build_pipeline(options.pipeline)  # shared (cached): its coder is restored below
    selector = build_selector(options.pipeline)
    coder: Any = nlp.get_pipe("eventwire_coder") if "eventwire_coder" in nlp.pipe_names else None
    shipped = None if coder is None else coder.options
    if not calibrated and coder is not None:
        coder.options = replace(coder.options, calibrated_confidence=False, offtopic_penalty=1.0)
    found: dict[tuple[str, str], list[tuple[Predicted, dict[str, float]]]] = {}
    try:
        for key, article in corpus.articles.items():
            selection = None if selector is None else selector.select(article.text)
            doc = nlp(make_doc(nlp, article, selection))
            states, counts = countries_in(doc), country_mentions(doc)
            coded = coded_article(article, doc, selection)
            quotes = [(q.start, q.end) for q in doc._.quotes]
            found[key] = [
                (predicted_from(e, article), event_features(e, doc, states, quotes, counts))
                for e in coded.events
            ]
    finally:
        if coder is not None:
            coder.options = shipped
    return found


def evaluate_realnews(
    gold: Path,
    corpora: Path,
    options: Options,
    *,
    min_confidence: float = 0.0,
    split: Split = "all",
) -> RealNewsResult:
    """Code every gold article with the configured pipeline and score it.

    Raises ``UnreadableInput`` for a bad gold file, a missing corpus, a record that is not in
    its corpus, or a passage that falls outside its record's text.
    """
    from ..actors.data_access import load_knowledge_base

    corpus = load_gold_corpus(gold, corpora, options, split)
    coded = code_gold_corpus(corpus, options)
    predictions = {k: [p for p, _ in v] for k, v in coded.items()}
    kb = load_knowledge_base()
    golds = corpus.golds
    parts = [("all", golds)]
    if split == "all":
        parts += [
            ("studied", [g for g in golds if not g.held_out]),
            ("held-out", [g for g in golds if g.held_out]),
        ]
    # Each threshold's predictions are filtered once and each part scored once at each: the
    # report at ``min_confidence`` and the curve's points; the curve starts at 0, which keeps
    # every prediction (confidences are probabilities), so its scores give the ROC AUC.
    thresholds = sorted({min_confidence, *CURVE_THRESHOLDS})
    above = {
        t: {k: [p for p in v if p.confidence >= t] for k, v in predictions.items()}
        for t in thresholds
    }
    reports = []
    curves = []
    for name, gs in parts:
        at = {t: score_articles(gs, corpus.records, above[t], kb, name) for t in thresholds}
        reports.append(at[min_confidence])
        curve = tuple((t, at[t].coded.precision, at[t].coded.recall) for t in CURVE_THRESHOLDS)
        curves.append((roc_auc(at[CURVE_THRESHOLDS[0]].scored), curve))
    return RealNewsResult(tuple(reports), min_confidence, tuple(curves))


# Thresholds at which the precision/recall curve of the confidence is reported; the first, 0,
# keeps every prediction.
CURVE_THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def roc_auc(scored: Sequence[tuple[float, bool]]) -> float:
    """The probability that a right prediction outscores a wrong one (ties count half)."""
    right = [s for s, ok in scored if ok]
    wrong = [s for s, ok in scored if not ok]
    if not right or not wrong:
        return math.nan
    wins = sum((r > w) + 0.5 * (r == w) for r in right for w in wrong)
    return wins / (len(right) * len(wrong))
