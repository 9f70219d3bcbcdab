"""Treaty updates from news: lifecycle steps, obligations, proposals, co-reference and merging
with the shipped base (issue 6). Sentences are written for these tests; the seeds are read from
../shared at run time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc

from eventwire.treaties import Treaty, extract_treaty_updates

MakeDoc = Callable[[str, date | None], Doc]
RUS_PRK = "russia-dprk-comprehensive-strategic-partnership"


def _steps(doc: Doc, base: tuple[Treaty, ...]) -> list[tuple[str | None, str, str, str | None]]:
    return [
        (u.treaty_id, u.step.kind, u.step.value, u.step.party)
        for u in extract_treaty_updates(doc, base)
        if u.step is not None
    ]


@pytest.mark.parametrize(
    ("text", "article_date", "expected"),
    [
        (
            "A new defence treaty between Russia and North Korea entered into force on Wednesday "
            "after both governments exchanged instruments of ratification, KCNA reported on "
            "Thursday.",
            date(2024, 12, 5),
            [(RUS_PRK, "in_force", "2024-12-04", None), (RUS_PRK, "ratified", "2024-12-04", None)],
        ),
        (
            "Vladimir Putin and Kim Jong Un signed the pact in Pyongyang in June.",
            date(2024, 12, 5),
            [(RUS_PRK, "signed", "2024-06", None)],
        ),
        (
            "In 1994 Kyiv agreed to hand over its nuclear weapons in exchange for security "
            "assurances from the US, Russia and Britain.",
            date(2025, 12, 15),
            [("budapest-memorandum", "signed", "1994", None)],
        ),
        (
            "Ukraine signed the Budapest Memorandum in 1994.",
            date(2025, 12, 15),
            [("budapest-memorandum", "signed", "1994", None)],
        ),
        (
            "Finland joined NATO in April 2023, and Armenia froze its participation in the CSTO "
            "in February.",
            date(2024, 3, 1),
            [
                ("north-atlantic-treaty", "in_force", "2023-04", "FIN"),
                ("collective-security-treaty", "suspended", "2024-02", "ARM"),
            ],
        ),
    ],
)
def test_lifecycle_steps_are_found_dated_and_matched(
    make_doc: MakeDoc, base: tuple[Treaty, ...], text: str, article_date: date,
    expected: list[tuple[str | None, str, str, str | None]],
) -> None:  # fmt: skip
    assert _steps(make_doc(text, article_date), base) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Russia and North Korea will sign a defense treaty next week.",
        "Russia and North Korea did not sign a defense treaty in 2023.",
        "They reached an agreement to meet again on Monday.",
        "Zelensky offered to drop Ukraine's aspirations to join NATO.",
    ],
)
def test_no_step_from_plans_negations_or_other_agreements(
    make_doc: MakeDoc, base: tuple[Treaty, ...], text: str
) -> None:
    assert _steps(make_doc(text, date(2024, 6, 10)), base) == []


def test_the_treaty_refers_to_the_agreement_named_before(
    make_doc: MakeDoc, base: tuple[Treaty, ...]
) -> None:
    text = (
        "Russia and North Korea have a new mutual defense pact. Analysts say NATO is worried. "
        "Vladimir Putin and Kim Jong Un signed the treaty in June. "
        "The treaty requires each side to immediately provide military assistance if the other "
        "is attacked."
    )
    updates = extract_treaty_updates(make_doc(text, date(2024, 12, 5)), base)
    assert {u.treaty_id for u in updates} == {RUS_PRK}
    assert len({u.local_key for u in updates}) == 1
    obligation = next(u.obligation for u in updates if u.obligation is not None)
    assert (obligation.kind, obligation.firmness) == ("military_assistance", "automatic")
    assert obligation.source is not None and "immediately" in obligation.source.sentence


def test_an_offer_in_exchange_for_guarantees_is_a_proposal(
    make_doc: MakeDoc, base: tuple[Treaty, ...]
) -> None:
    text = (
        "Zelensky offered to give up Ukraine's bid to join NATO in exchange for binding "
        "security guarantees."
    )
    (update,) = extract_treaty_updates(make_doc(text, date(2025, 12, 15)), base)
    assert update.kind == "proposal"
    assert update.treaty_id is None  # not any treaty in force
    assert (update.treaty_type, update.proposer) == ("security_guarantee", "UKR")
    assert update.terms is not None and "join NATO" in update.terms


def test_an_undated_article_gives_undated_steps(
    make_doc: MakeDoc, base: tuple[Treaty, ...]
) -> None:
    doc = make_doc("Zelensky proposed security guarantees from the US.", None)
    (update,) = extract_treaty_updates(doc, base)
    assert update.step is not None
    assert (update.step.value, update.step.start, update.step.effective(date.max)) == (
        "XXXX", None, False,
    )  # fmt: skip


def test_the_source_spans_point_into_the_text(make_doc: MakeDoc, base: tuple[Treaty, ...]) -> None:
    text = "Officials said little. Vladimir Putin and Kim Jong Un signed the pact in June."
    doc = make_doc(text, date(2024, 12, 5))
    (update,) = extract_treaty_updates(doc, base)
    source = update.source
    assert text[source.trigger[0] : source.trigger[1]] == "signed"
    assert source.mention is not None and text[source.mention[0] : source.mention[1]] == "the pact"
    assert text[source.sentence_start : source.sentence_end].startswith("Vladimir Putin")
    assert source.doc_id == "test-doc"


@pytest.mark.shared
@pytest.mark.slow
def test_seeds_with_the_real_pipeline(
    seeds_dir, nlp, options, base: tuple[Treaty, ...], tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """Issue 6 acceptance: the RUS–PRK treaty signed (2024-06) and in force (December 2024),
    each with its sentence, with the mutual-assistance obligation; Ukraine's offer a proposal;
    the 1994 guarantees recognised as the Budapest Memorandum."""
    from eventwire.documents import Rejection, read_inputs
    from eventwire.engines.articles import make_doc

    updates = []
    for article in read_inputs([str(seeds_dir)], options.documents):
        assert not isinstance(article, Rejection)
        updates.extend(extract_treaty_updates(nlp(make_doc(nlp, article)), base))
    rus_prk = [u for u in updates if u.treaty_id == RUS_PRK]
    signed = [u for u in rus_prk if u.step is not None and u.step.kind == "signed"]
    in_force = [u for u in rus_prk if u.step is not None and u.step.kind == "in_force"]
    assert signed and {u.step.value for u in signed if u.step} == {"2024-06"}
    assert in_force and all(u.step and u.step.value.startswith("2024-12") for u in in_force)
    assert any("signed the treaty in June" in u.source.sentence for u in signed)
    assert any("comes into force" in u.source.sentence for u in in_force)
    kinds = {u.obligation.kind for u in rus_prk if u.obligation is not None}
    assert kinds == {"military_assistance", "oppose_sanctions"}
    proposals = [u for u in updates if u.kind == "proposal"]
    assert proposals and all(u.treaty_id is None for u in proposals)
    assert all("UKR" in u.parties and u.treaty_type == "security_guarantee" for u in proposals)
    assert any(u.treaty_id == "budapest-memorandum" for u in updates)
    # Nothing else: every update is one of these three agreements.
    assert {u.treaty_id for u in updates} == {RUS_PRK, "budapest-memorandum", None}

    # Stored and merged: the shipped treaty now shows the news steps with their sentences; the
    # offer is a news treaty that is proposed, not in force.
    import duckdb

    from eventwire.treaties import find_treaty, load_treaties, treaty_status, write_treaty_updates

    db = tmp_path / "seeds.duckdb"
    con = duckdb.connect(str(db))
    write_treaty_updates(con, updates)
    con.close()
    merged = load_treaties(db)
    treaty = find_treaty(merged, RUS_PRK)
    assert any(s.source and s.kind == "in_force" for s in treaty.steps)
    offer = next(t for t in merged if t.origin == "news")
    assert offer.type == "security_guarantee" and offer.terms
    assert not treaty_status(offer, date(2026, 1, 1)).in_force


def test_the_component_assigns_doc_extension(make_doc: MakeDoc, time_nlp) -> None:  # type: ignore[no-untyped-def]
    from eventwire.treaties.component import make_treaty_tagger

    doc = make_doc("Vladimir Putin and Kim Jong Un signed the pact in June.", date(2024, 12, 5))
    tagged = make_treaty_tagger(time_nlp, "eventwire_treaties")(doc)
    assert [u.treaty_id for u in tagged._.treaty_updates] == [RUS_PRK]
