"""`eventwire brief` (issue 18): stories from hand-made stores (sources, allegations, citations,
wording), and the acceptance case on the seeds with their "What you need to know" removed."""

from __future__ import annotations

import dataclasses
import json
import shutil
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventwire.analysis import _brief_salience, _brief_units, brief
from eventwire.analysis.brief import InvalidBriefRequest, build_briefing, trim_at_clause
from eventwire.analysis.brief_render import briefing_html, briefing_json, briefing_markdown
from eventwire.cli import cli
from eventwire.config import Options
from eventwire.events.model import Attribution
from eventwire.store import open_store
from tests.store.builders import article, event, fill

from ..conftest import shared_path

DAY = date(2024, 12, 5)


@pytest.mark.parametrize(
    ("text", "limit", "keep", "expected"),
    [
        ("Short enough.", 50, 0, "Short enough."),
        ("The pact took effect, the agency said on Thursday.", 30, 14, "The pact took effect"),
        # The only boundary comes before the verb to keep: cut at a word, marked.
        ("Moscow, the capital, said the pact had taken effect", 40, 25,
         "Moscow, the capital, said the pact had…"),
        ("  White\n space   collapses  ", 50, 0, "White space collapses"),
    ],
)  # fmt: skip
def test_trim_at_clause(text: str, limit: int, keep: int, expected: str) -> None:
    assert trim_at_clause(text, limit, keep) == expected


def test_trim_never_cuts_a_word() -> None:
    text = "Representatives negotiated extraordinarily comprehensive arrangements yesterday"
    for limit in range(5, len(text)):
        cut = trim_at_clause(text, limit).removesuffix("…")
        assert len(cut) <= max(limit, len("Representatives"))
        assert text.startswith(cut) and text[len(cut)] == " "


def _store_of_day(path: Path) -> None:
    """Three articles on DAY: two outlets report the same ratification (one merged event, two
    sources) and one of them an alleged arms supply, attributed to Seoul; a third reports
    talks between Seoul and Washington. An older article gives the baseline."""
    first = article("first", DAY, "dw.com")
    second = article("second", DAY, "apnews.com")
    third = article("third", DAY, "reuters.com")
    older = article("older", date(2024, 9, 14), "dw.com")
    supply = dataclasses.replace(
        event(first, "Pyongyang", "Russia", "070", "2024-11", sentence_index=1,
              modality="alleged", verb="supplied"),
        attribution=Attribution("Seoul", "KOR"),
    )  # fmt: skip
    with open_store(path) as store:
        _fill_day(store, older, first, second, third, supply)


def _fill_day(store, older, first, second, third, supply):  # type: ignore[no-untyped-def]
    fill(
        store,
        [
            (older, [event(older, "Russia", "Pyongyang", "040", "2024-09-13", verb="met")]),
            (first, [event(first, "Pyongyang", "Russia", "057", "2024-12-04", verb="ratified"),
                     supply]),
            (second, [event(second, "Pyongyang", "Russia", "057", "2024-12-04", verb="ratified")]),
            (third, [event(third, "Seoul", "Washington", "040", "2024-12-05", verb="consulted")]),
        ],
    )  # fmt: skip


@pytest.fixture(scope="module")
def day_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("brief") / "day.duckdb"
    _store_of_day(path)
    return path


def test_stories_sources_and_allegations(day_db: Path) -> None:
    with open_store(day_db, read_only=True) as store:
        briefing = store.brief(DAY)
        events = store.query("SELECT event_id, modality, num_sources FROM events")
    asserted = set(events.event_id[events.modality == "asserted"])
    alleged = set(events.event_id[events.modality == "alleged"])
    assert briefing.articles == 3  # the September article is baseline, not news of the day
    first, second = briefing.stories
    # The ratification reported by two outlets is one story of two sources, and leads.
    assert len(first.article_ids) == 2 and first.salience.sources == 2
    assert first.salience.score > second.salience.score
    assert first.detail == "Pyongyang ratified Russia."
    # Only asserted events make bullets and count as a story's events.
    for b in briefing.bullets:
        assert set(b.event_ids) <= asserted
    assert {e for s in briefing.stories for e in s.event_ids} <= asserted
    # The alleged supply is in the ratification story, as an allegation by KOR.
    allegations = [a for r in first.reports for a in r.allegations]
    assert [(a.event_id in alleged, a.alleged_by, a.plover_category) for a in allegations] == [
        (True, ("KOR",), "AID")
    ]
    markdown = briefing_markdown(briefing)
    assert "alleged by KOR: PRKGOV → RUS AID" in markdown
    assert "Pyongyang supplied Russia" not in briefing_markdown(briefing).split("## 1.")[0]


def test_citations_quote_the_stored_sentences(day_db: Path) -> None:
    with open_store(day_db, read_only=True) as store:
        briefing = store.brief(DAY)
        rows = store.query("SELECT article_id, sentence_index, sentence FROM event_mentions")
    stored = {(a, i): " ".join(s.split()) for a, i, s in rows.itertuples(index=False)}
    cited = [c for s in briefing.stories for c in s.citations if c.sentence_index is not None]
    cited += [r.citation for s in briefing.stories for r in s.reports]
    assert cited
    for c in cited:
        assert stored[(c.article_id, c.sentence_index)] == c.text


def test_renderings(day_db: Path) -> None:
    with open_store(day_db, read_only=True) as store:
        briefing = store.brief(DAY)
    record = json.loads(briefing_json(briefing))
    assert record["since"] == "2024-12-05" and len(record["stories"]) == 2
    assert record["bullets"][0]["event_ids"] == list(briefing.bullets[0].event_ids)
    page = briefing_html(briefing)
    assert page.startswith("<!doctype html>") and "<script" not in page and "http" not in page
    assert 'href="#story-1"' in page and 'id="story-1"' in page


def test_a_period_and_bad_windows(day_db: Path) -> None:
    with open_store(day_db, read_only=True) as store:
        period = store.brief(since=date(2024, 9, 1))
        assert period.articles == 4 and period.until == DAY
        with pytest.raises(InvalidBriefRequest, match="no article published"):
            store.brief(date(2030, 1, 1))
        with pytest.raises(InvalidBriefRequest, match="starts"):
            store.brief(since=DAY, until=date(2024, 1, 1))
    result = CliRunner().invoke(cli, ["brief", "--db", str(day_db), "--date", "2030-01-01"])
    assert result.exit_code == 1 and "no article published" in result.output
    result = CliRunner().invoke(cli, ["brief", "--db", str(day_db), "--date", "5/12/2024"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output


def test_cli_formats(day_db: Path) -> None:
    for fmt, start in (("md", "# Briefing: 2024-12-05"), ("html", "<!doctype"), ("json", "{")):
        result = CliRunner().invoke(cli, ["brief", "--db", str(day_db), "--format", fmt])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(start)


def test_outlets_with_alike_leads_make_one_story(tmp_path: Path) -> None:
    """Two outlets' reports of the same summit (no event in common, alike headlines and leads)
    are one story of two sources; a third article sharing a word or two is its own story."""
    from eventwire.documents import Article, Provenance

    def report(name: str, source: str, text: str) -> Article:
        where = Provenance(f"{name}.txt", "test")
        title = text.split(".")[0]
        url = f"https://{source}/{name}"
        return Article(text, where, source=source, url=url, published=DAY, title=title)

    one = report(
        "a",
        "dw.com",
        "Leaders of Kenya and Tanzania open border summit in Arusha."
        " The presidents discussed trade, refugees and the disputed border crossing.",
    )
    two = report(
        "b",
        "apnews.com",
        "Kenya, Tanzania presidents hold border summit in Arusha."
        " Trade, refugees and the disputed crossing dominated the talks on Thursday.",
    )
    other = report("c", "reuters.com", "Flooding closes schools across Kenya's coast."
                   " Heavy rain forced officials to shut schools for a week.")  # fmt: skip
    path = tmp_path / "outlets.duckdb"
    with open_store(path) as store:
        fill(store, [
            (one, [event(one, "Putin", "Kim", "040", "2024-12-05", verb="met")]),
            (two, [event(two, "Washington", "Seoul", "040", "2024-12-04", verb="consulted")]),
            (other, [event(other, "Kyiv", "Russia", "112", "2024-12-05", verb="accused")]),
        ])  # fmt: skip
        briefing = store.brief(DAY)
    by_articles = {frozenset(s.article_ids): s for s in briefing.stories}
    summit = by_articles[frozenset({one.id, two.id})]
    assert summit.salience.sources == 2
    assert frozenset({other.id}) in by_articles


def test_no_story_is_named_in_the_code() -> None:
    """Salience is general: nothing in the briefing's code names the seeds' stories."""
    for module in (brief, _brief_units, _brief_salience):
        source = Path(module.__file__ or "").read_text(encoding="utf-8").casefold()
        for word in ("lavrov", "gerasimov", "kcna", "malta", "osce", "baltic", "walk out"):
            assert word not in source, (module.__name__, word)


# --- acceptance: the seeds without their summary ----------------------------------------------


def _without_summary(text: str) -> str:
    """The seed without its "What you need to know" heading and the bullets under it."""
    kept, skipping = [], False
    for line in text.splitlines(keepends=True):
        if line.strip() == "What you need to know":
            skipping = True
            continue
        if skipping and line.startswith("- "):
            continue
        skipping = False
        kept.append(line)
    return "".join(kept)


@pytest.mark.shared
def test_seeds_brief_leads_with_the_days_three_stories(tmp_path: Path, options: Options) -> None:
    from eventwire.ingest import ingest

    inbox = tmp_path / "seeds"
    inbox.mkdir()
    for seed in sorted(shared_path("seeds").glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        (inbox / seed.name).write_text(_without_summary(text), encoding="utf-8")
    assert "What you need to know" in "".join(
        p.read_text(encoding="utf-8") for p in shared_path("seeds").glob("*.txt")
    )
    db = tmp_path / "seeds.duckdb"
    store_options = dataclasses.replace(options.store, path=str(db))
    ingest([str(inbox)], dataclasses.replace(options, store=store_options))
    with open_store(db, read_only=True) as store:
        briefing = store.brief(DAY, min_confidence=options.analysis.min_confidence)
        sentences = store.query("SELECT article_id, sentence_index, text FROM sentences")
    stored = {(a, i): " ".join(t.split()) for a, i, t in sentences.itertuples(index=False)}

    def story_text(rank: int) -> str:
        story = briefing.stories[rank - 1]
        return " ".join([story.headline or "", *(r.citation.text for r in story.reports)])

    lead = [b.rank for b in briefing.bullets[:3]]
    assert lead == [1, 2, 3], briefing_markdown(briefing)
    texts = [story_text(rank) for rank in lead]
    treaty = next(t for t in texts if "gone into effect" in t)
    generals = next(t for t in texts if "first time Brown spoke" in t)
    lavrov = next(t for t in texts if "first visit to an EU member state" in t)
    assert "walk out" in lavrov  # the walk-outs it provoked are in its story
    # … and under its bullet, as a reaction to Lavrov's visit, citing its sentence.
    visit = next(b for b in briefing.bullets if "first visit" in b.text)
    assert any("walk out" in r.citation.text for r in visit.reactions)
    for r in visit.reactions:
        assert r.event_ids and stored[(r.citation.article_id, r.citation.sentence_index)]
    assert len({treaty, generals, lavrov}) == 3
    assert any("in_force" in s for s in briefing.stories[texts.index(treaty)].salience.treaty_steps)
    # Every bullet cites its sentences, as stored.
    for b in briefing.bullets[:3]:
        assert b.event_ids and b.citations
        for c in b.citations:
            assert c.sentence_index is not None
            assert stored[(c.article_id, c.sentence_index)] == c.text
    # The fourth story of the page (a warning about provocations at sea) comes after them.
    baltic = next(s for s in briefing.stories if "provocations" in (s.headline or ""))
    assert baltic.rank > 3


def test_a_store_from_before_article_notes(day_db: Path, tmp_path: Path) -> None:
    """A store written before schema migration 6 (no ``articles.notes``), opened read-only
    as a reader opens it, still briefs."""
    import duckdb

    old = tmp_path / "old.duckdb"
    old.write_bytes(day_db.read_bytes())
    con = duckdb.connect(str(old))
    con.execute("ALTER TABLE articles DROP COLUMN notes")
    con.close()
    con = duckdb.connect(str(old), read_only=True)
    try:
        briefing = build_briefing(con, DAY)
    finally:
        con.close()
    assert briefing.articles == 3 and briefing.bullets


def test_an_allegation_by_an_unresolved_source_names_it(tmp_path: Path) -> None:
    # "…, according to a local newspaper": no actor code, but the analyst must see who says so.
    day = article("day", DAY, "dw.com")
    said = dataclasses.replace(
        event(day, "Pyongyang", "Russia", "070", "2024-12", modality="alleged", verb="supplied"),
        attribution=Attribution("a local newspaper", None),
    )
    met = event(day, "Seoul", "Washington", "040", "2024-12-05", verb="consulted")
    path = tmp_path / "unresolved.duckdb"
    with open_store(path) as store:
        fill(store, [(day, [met, said])])
    with open_store(path, read_only=True) as store:
        briefing = store.brief(DAY)
    allegations = [a for s in briefing.stories for r in s.reports for a in r.allegations]
    assert [a.alleged_by for a in allegations] == [("a local newspaper",)]
    assert "alleged by a local newspaper:" in briefing_markdown(briefing)


def test_a_day_without_news_points_to_the_latest_day_with_some(day_db: Path) -> None:
    # DAY has asserted events; the day after holds only a stray article with none.
    path = day_db.parent / "quiet.duckdb"
    shutil.copy(day_db, path)
    stray = article("stray", date(2024, 12, 9), "dw.com")
    with open_store(path) as store:
        fill(store, [(stray, [])])
    with open_store(path, read_only=True) as store:
        quiet = store.brief()
        busy = store.brief(DAY)
    assert quiet.since == date(2024, 12, 9) and not quiet.bullets
    assert quiet.earlier_news == DAY
    assert f"eventwire brief --date {DAY}" in briefing_markdown(quiet)
    assert f"eventwire brief --date {DAY}" in briefing_html(quiet)
    assert busy.bullets and busy.earlier_news is None
