"""The real-news evaluation (issue 13): gold reading, tuple scoring, traps, the split.

Unit tests build gold articles and predictions by hand; the gate on our annotated articles is
in ``test_realnews_gate.py`` and skips when ``../shared`` is absent.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from spacy.language import Language

from eventwire.actors import load_knowledge_base
from eventwire.config import load_options
from eventwire.documents.article import Article, Provenance
from eventwire.errors import UnreadableInput
from eventwire.evaluate.realnews import (
    GoldArticle,
    GoldCorpus,
    GoldEvent,
    GoldTrap,
    Predicted,
    RealNewsReport,
    code_gold_corpus,
    held_out,
    read_realnews,
    roc_auc,
    score_article,
)
from eventwire.events.coder import CoderOptions
from eventwire.events.scoring.calibration import load_confidence_model
from tests.events.coding import coded_events

TEXT = "Russia accused Ukraine of shelling. The film Kill Bill opened. NATO met Japan."


def gold_event(
    source: str | None,
    target: str | None,
    category: str,
    *,
    at: tuple[int, int] = (0, 34),
    modality: str = "asserted",
    when: str | None = "2024-01-02",
    optional: bool = False,
) -> GoldEvent:
    return GoldEvent(at, source, target, category, modality, when, optional)


def predicted(
    source: str | None,
    target: str | None,
    category: str,
    *,
    trigger: tuple[int, int] = (7, 14),
    sentence: tuple[int, int] = (0, 35),
    modality: str = "asserted",
    when: str | None = "2024-01-02",
    confidence: float = 0.5,
) -> Predicted:
    return Predicted(
        source, target, category, modality, when, trigger, (), sentence, "s", confidence
    )


def article(*events: GoldEvent, traps: tuple[GoldTrap, ...] = ()) -> GoldArticle:
    return GoldArticle(Path("x.yaml"), "c.jsonl", "doc-1", "2024-01-02", "political", events, traps)


def score(gold: GoldArticle, preds: list[Predicted]) -> RealNewsReport:
    report = RealNewsReport("all")
    score_article(gold, TEXT, preds, load_knowledge_base(), report)
    return report


def test_right_spurious_and_missed_tuples_are_counted_once_each() -> None:
    gold = article(
        gold_event("RUSGOV", "UKR", "ACCUSE"),
        gold_event("RUS", "UKR", "ACCUSE"),  # the same tuple: one gold event
        gold_event("UKRMIL", "RUS", "ASSAULT", modality="alleged"),
    )
    report = score(
        gold,
        [
            predicted("RUS", "UKR", "ACCUSE"),
            predicted("RUS", "UKR", "ACCUSE", confidence=0.9),  # a second mention
            predicted("UKR", "RUS", "PROTEST"),  # right dyad, wrong category
        ],
    )
    assert (report.coded.correct, report.coded.spurious, report.coded.gold) == (1, 1, 2)
    assert report.coded.precision == 0.5 and report.coded.recall == 0.5
    assert (report.dyad.correct, report.dyad.spurious, report.dyad.found) == (2, 0, 2)
    assert [f.kind for f in report.findings] == ["spurious", "missed"]


def test_optional_gold_excuses_a_prediction_but_is_never_a_miss() -> None:
    report = score(
        article(gold_event("RUS", "UKR", "ACCUSE", optional=True)),
        [predicted("RUS", "UKR", "ACCUSE")],
    )
    assert (report.coded.correct, report.coded.spurious, report.coded.excused) == (0, 0, 1)
    assert report.coded.gold == 0


def test_organisations_resolve_through_the_knowledge_base() -> None:
    report = score(
        article(gold_event("org:NATO", "JPN", "CONSULT")),
        [predicted("IGOWSTNAT", "JPN", "CONSULT")],
    )
    assert report.coded.correct == 1


def test_unknown_organisation_never_matches() -> None:
    report = score(
        article(gold_event("org:No Such Front", "JPN", "ASSAULT")),
        [predicted(None, "JPN", "ASSAULT")],
    )
    assert report.coded.correct == 0 and report.coded.spurious == 1


def test_modality_and_date_judged_on_the_mention_in_the_gold_sentence() -> None:
    gold = article(gold_event("RUS", "UKR", "ACCUSE", when="2024-01-01"))
    report = score(
        gold,
        [
            predicted("RUS", "UKR", "ACCUSE", sentence=(62, 78), modality="denied", when=None),
            predicted("RUS", "UKR", "ACCUSE", when="2024-01-01"),
        ],
    )
    assert (report.modality_right, report.modality_judged) == (1, 1)
    assert (report.date_right, report.date_judged) == (1, 1)


def test_a_mention_stands_for_one_gold_event_only() -> None:
    """Issue 14: "On Wednesday the House impeached the president" is not also the mention of
    "an earlier president was impeached in 1998" (same tuple, another event): that event is not
    judged on the other's date, and counts as unaligned."""
    gold = article(
        gold_event("USA", "USA", "ACCUSE", at=(0, 34), when="2024-01-02"),
        gold_event("USA", "USA", "ACCUSE", at=(36, 61), when="1998"),
    )
    report = score(gold, [predicted("USA", "USA", "ACCUSE", when="2024-01-02")])
    assert (report.date_right, report.date_judged, report.unaligned) == (1, 1, 1)
    assert (report.modality_right, report.modality_judged) == (1, 1)


def test_a_later_report_of_the_event_in_no_gold_sentence_is_its_mention() -> None:
    # The gold lists an event once; its later report (sentence 3) is judged for it, wrong here.
    gold = article(gold_event("RUS", "UKR", "ACCUSE", at=(0, 34), when="2024-01-01"))
    report = score(gold, [predicted("RUS", "UKR", "ACCUSE", sentence=(62, 78), when="2024-01-02")])
    assert (report.date_right, report.date_judged, report.unaligned) == (0, 1, 0)
    assert (report.date_judged_in_sentence, report.findings[0].kind) == (0, "date")


def test_a_mention_in_an_optional_gold_events_sentence_is_that_events() -> None:
    gold = article(
        gold_event("RUS", "UKR", "ACCUSE", at=(0, 34), when="2024-01-01"),
        gold_event("RUS", "UKR", "ACCUSE", at=(62, 78), optional=True),
    )
    report = score(gold, [predicted("RUS", "UKR", "ACCUSE", sentence=(62, 78))])
    assert (report.date_judged, report.unaligned, report.coded.correct) == (0, 1, 1)


def test_a_trap_is_violated_by_an_event_whose_trigger_falls_inside_it() -> None:
    trap = GoldTrap((36, 62), None, "film title")
    kill = predicted(None, None, "ASSAULT", trigger=(45, 49), sentence=(36, 62))
    assert score(article(traps=(trap,)), [kill]).traps_violated == 1
    other = GoldTrap((36, 62), "PROTEST", "only protests are wrong here")
    assert score(article(traps=(other,)), [kill]).traps_violated == 0
    maybe = predicted(None, None, "ASSAULT", trigger=(45, 49), modality="hypothetical")
    assert score(article(traps=(trap,)), [maybe]).traps_violated == 0


def test_held_out_split_is_fixed_and_about_thirty_percent() -> None:
    ids = [f"XIN_ENG_{i:08d}" for i in range(2000)]
    share = sum(map(held_out, ids)) / len(ids)
    assert 0.27 < share < 0.33
    assert [held_out(i) for i in ids[:50]] == [held_out(i) for i in ids[:50]]


def test_roc_auc() -> None:
    assert roc_auc([(0.9, True), (0.1, False)]) == 1.0
    assert roc_auc([(0.1, True), (0.9, False)]) == 0.0
    assert roc_auc([(0.5, True), (0.5, False)]) == 0.5


@pytest.mark.parametrize(
    ("event", "message"),
    [
        ("{at: [0, 5], source: RUS, target: UKR, category: FIGHT, modality: asserted}", "FIGHT"),
        ("{at: [0, 5], source: RUS, target: UKR, category: ACCUSE, modality: maybe}", "maybe"),
        ("{at: [5, 1], source: RUS, target: UKR, category: ACCUSE, modality: asserted}", "'at'"),
        (
            "{at: [0, 5], source: Russia, target: UKR, category: ACCUSE, modality: asserted}",
            "Russia",
        ),
    ],
)
def test_bad_gold_files_are_refused_with_the_reason(
    tmp_path: Path, event: str, message: str
) -> None:
    path = tmp_path / "a.yaml"
    path.write_text(f"corpus: c.jsonl\nid: x\ndate: 2024-01-02\nevents: [{event}]\n")
    with pytest.raises(UnreadableInput, match=message):
        read_realnews(tmp_path)


def test_an_empty_gold_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="no"):
        read_realnews(tmp_path)


@pytest.mark.parametrize(
    "line",
    [
        '{"corpus": "c.jsonl", "id": "x", "at": [1, 2], "source": "RUS", "target": null,'
        ' "category": "ACCUSE", "label": "maybe"}',
        '{"corpus": "c.jsonl", "id": "x", "source": "RUS", "target": null,'
        ' "category": "ACCUSE", "label": "right"}',
        "not json",
    ],
)
def test_a_malformed_labelled_candidate_is_refused_with_its_line(tmp_path: Path, line: str) -> None:
    from eventwire.evaluate.calibrate import candidate_rows

    path = tmp_path / "candidates.jsonl"
    path.write_text(line + "\n", encoding="utf-8")
    with pytest.raises(UnreadableInput, match=r"candidates\.jsonl:1"):
        candidate_rows(path, tmp_path, load_options())


def test_calibration_is_fitted_on_the_features_the_model_is_given(nlp: Language) -> None:
    # A sport story (our own sentences): production multiplies the model's probability by the
    # off-topic factor; the features fitted on must not carry that factor already.
    text = (
        "Britain beat New Zealand in the rugby league cup final at the stadium on Saturday. "
        "The coach praised the squad after the tournament. Britain will tour New Zealand "
        "next season, and the league said the championship trophy stays in London."
    )
    article = Article(
        text=text,
        external_id="d1",
        published=date(2005, 12, 11),
        provenance=Provenance(path="<test>", reader="test", record=1),
    )
    corpus = GoldCorpus([], {("c.jsonl", "d1"): text}, {("c.jsonl", "d1"): article})
    options = load_options()
    shown = code_gold_corpus(corpus, options)[("c.jsonl", "d1")]
    fitted = code_gold_corpus(corpus, options, calibrated=False)[("c.jsonl", "d1")]
    assert shown and len(shown) == len(fitted)
    model = load_confidence_model()
    penalty = CoderOptions().offtopic_penalty
    assert penalty < 1.0
    for (event, _), (_, features) in zip(shown, fitted, strict=True):
        assert features["rule_confidence"] > event.confidence  # the recipe's, not penalised
        expected = round(round(model.probability(features), 3) * penalty, 3)
        assert event.confidence == pytest.approx(expected)
    # the shared pipeline's coder is left as it was: calibrated, off-topic factor applied
    again = [e.confidence for e in coded_events(nlp, text, date(2005, 12, 11))]
    assert again == [event.confidence for event, _ in shown]
