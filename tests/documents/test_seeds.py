"""The two seed documents: three articles with their headlines, dates, datelines and credits."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.config import DocumentOptions
from eventwire.documents import Article, read_inputs

from .conftest import articles, rejections, shared_path

SEED_000 = "000_adeb2a641be64b03.txt"
SEED_003 = "003_01826b4bc4373879.txt"


@pytest.fixture(scope="module")
def seeds(doc_options: DocumentOptions) -> dict[str, list[Article]]:
    folder = shared_path("seeds")
    results = list(read_inputs([str(folder)], doc_options))
    assert rejections(results) == []
    by_file: dict[str, list[Article]] = {}
    for article in articles(results):
        by_file.setdefault(Path(article.provenance.path).name, []).append(article)
    return by_file


def test_seeds_give_three_articles_from_two_files(seeds: dict[str, list[Article]]) -> None:
    assert {name: len(found) for name, found in seeds.items()} == {SEED_000: 1, SEED_003: 2}


def test_live_blog_headline_is_split_from_its_glued_date(seeds: dict[str, list[Article]]) -> None:
    (blog,) = seeds[SEED_000]
    assert blog.title == "Ukraine updates: Russia, N. Korea defense pact takes effect"
    assert blog.published == date(2024, 12, 5)
    assert ("kind", "live_blog") in blog.extra


def test_sign_off_becomes_credits_and_leaves_the_text(seeds: dict[str, list[Article]]) -> None:
    (blog,) = seeds[SEED_000]
    assert blog.credits == ("AFP", "AP", "dpa", "Reuters")
    assert "sri/rc" not in blog.text
    assert blog.text.endswith("to fight alongside Russian forces.")


def test_live_blog_is_one_article_with_every_item(seeds: dict[str, list[Article]]) -> None:
    (blog,) = seeds[SEED_000]
    for item in (
        "Top US, Russian generals talk after long gap",
        "Russian Foreign Minister Lavrov in Malta for OSCE gathering",
        "German defense minister warns of Russian provocations in the Baltic Sea",
        "Russian President Vladimir Putin and North Korean leader Kim Jong Un signed the treaty "
        "in June.",
    ):
        assert item in blog.text
    summary = [blog.text[start:end] for start, end in blog.summary]
    assert summary and summary[0].startswith("What you need to know")
    assert "Top US, Russian generals discuss Ukraine" in summary[0]


def test_first_article_of_003(seeds: dict[str, list[Article]]) -> None:
    first = seeds[SEED_003][0]
    assert first.title == "North Korea pledges deeper ties with Russia as security chief visits"
    assert first.published == date(2024, 9, 14)
    assert first.dateline == "SEOUL"
    assert first.provenance.record == 1
    assert first.text.count(first.title) == 0  # headline and its repeat are the title
    for furniture in ("Short Url", "Updated 14 September", "Follow", "(Reuters)", "•"):
        assert furniture not in first.text
    assert "North Korean leader Kim Jong Un pledged to deepen ties" in first.text
    assert first.text.endswith("ruptured Russia’s relations with the West.")


def test_second_article_of_003_stays_undated(seeds: dict[str, list[Article]]) -> None:
    second = seeds[SEED_003][1]
    assert second.title == "Ukraine drops NATO goal as Trump envoy sees progress in peace talks"
    assert second.published is None  # "Updated 4 sec ago" is not a date, and no neighbour's
    assert second.dateline == "BERLIN/KYIV"
    assert second.provenance.record == 2
    assert "Updated 4 sec ago" not in second.text
    assert second.text.count("President Volodymyr Zelensky offered to drop") == 1
    assert "European allies have described this as a “critical moment”" in second.text


def test_every_story_sentence_of_the_seeds_survives(
    seeds: dict[str, list[Article]],
) -> None:
    """Every line of the seeds that is story text (a sentence) is in some article's text."""
    folder = shared_path("seeds")
    texts = " ".join(article.text for found in seeds.values() for article in found)
    for name in (SEED_000, SEED_003):
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            line = line.strip().lstrip("•").strip()
            if line.endswith((".", '."', ".”")) and not line.endswith("(Reuters)"):
                body = line.split(": ", 1)[1] if line.startswith(("SEOUL:", "BERLIN")) else line
                assert body in texts


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_offsets_map_every_character_back_to_the_input(
    seeds: dict[str, list[Article]], data: st.DataObject
) -> None:
    folder = shared_path("seeds")
    name = data.draw(st.sampled_from(sorted(seeds)))
    article = data.draw(st.sampled_from(seeds[name]))
    source = (folder / name).read_text(encoding="utf-8")
    offset = data.draw(st.integers(min_value=0, max_value=len(article.text) - 1))
    assert source[article.provenance.input_offset(offset)] == article.text[offset]
    end = data.draw(st.integers(min_value=offset + 1, max_value=len(article.text)))
    start_in, end_in = article.provenance.input_span(offset, end)
    assert source[start_in] == article.text[offset]
    assert source[end_in - 1] == article.text[end - 1]
