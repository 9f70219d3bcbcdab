"""Live-blog items (issue 18): each item with its heading, time or date where the page gives one,
and offsets back into the file; the summary block is an item of its own; the blog's date is kept
for items without one."""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from pathlib import Path

import pytest

from eventwire.config import DocumentOptions
from eventwire.documents import Article, read_inputs
from eventwire.documents.liveblog import live_items

from .conftest import articles, shared_path

SEED_000 = "000_adeb2a641be64b03.txt"


def _read(path: Path, options: DocumentOptions) -> list[Article]:
    return articles(list(read_inputs([str(path)], options)))


@pytest.fixture(scope="module")
def blog(doc_options: DocumentOptions) -> tuple[Article, str]:
    path = shared_path("seeds") / SEED_000
    (article,) = _read(path, doc_options)
    return article, path.read_text(encoding="utf-8")


def test_the_seed_blog_has_a_summary_an_intro_and_four_items(blog: tuple[Article, str]) -> None:
    article, _ = blog
    items = live_items(article)
    assert [i.heading for i in items] == [
        None,
        None,
        "Top US, Russian generals talk after long gap",
        "Russian Foreign Minister Lavrov in Malta for OSCE gathering",
        "German defense minister warns of Russian provocations in the Baltic Sea",
        "Russia, North Korea defense treaty comes into force, KCNA says",
    ]
    assert [i.summary for i in items] == [True, False, False, False, False, False]
    assert article.text[items[0].start : items[0].end].startswith("What you need to know")
    assert article.text[items[1].start : items[1].end].startswith("Here are the latest")
    # No item has a date of its own: each keeps the blog's.
    assert {i.published for i in items} == {date(2024, 12, 5)}
    assert all(i.time is None for i in items)
    # Items tile the text in order and end on their own last sentence.
    assert all(a.end < b.start for a, b in pairwise(items))
    assert article.text[items[3].start : items[3].end].endswith('as an aggressor state."')
    assert items[-1].end == len(article.text)


def test_item_offsets_point_back_into_the_file(blog: tuple[Article, str]) -> None:
    article, source = blog
    for item in live_items(article):
        if item.heading is not None:
            assert source[item.input_start :].startswith(item.heading)
    summary = live_items(article)[0]
    # The file's bullets keep their marks; the text drops them: the span still covers them.
    assert source[summary.input_start : summary.input_end].startswith("What you need to know\n- ")
    assert source[summary.input_start : summary.input_end].endswith(
        "since start of full-scale Ukraine invasion"
    )


def test_times_and_date_lines_of_items(tmp_path: Path, doc_options: DocumentOptions) -> None:
    page = tmp_path / "blog.txt"
    page.write_text(
        "Gaza live: ceasefire talks resume in Cairo\n"
        "March 3, 2024\n\n"
        "Negotiators from both sides met again on Sunday, officials said.\n\n"
        "10:45 GMT – Egypt hosts a new round of talks\n"
        "Egyptian officials welcomed the delegations in Cairo on Sunday morning.\n\n"
        "March 4, 2024\n"
        "Qatar says an agreement is close\n"
        "Qatar's foreign ministry said on Monday that an agreement was within reach.\n"
        '"We are closer than ever," a spokesman said.\n',
        encoding="utf-8",
    )
    (article,) = _read(page, doc_options)
    assert article.published == date(2024, 3, 3)
    items = live_items(article)
    assert [(i.heading, i.time, i.published) for i in items] == [
        (None, None, date(2024, 3, 3)),
        ("Egypt hosts a new round of talks", "10:45 GMT", date(2024, 3, 3)),
        ("Qatar says an agreement is close", None, date(2024, 3, 4)),
    ]
    # The date line opens its item and points back to the file.
    assert article.text[items[2].start :].startswith("March 4, 2024\nQatar says")
    source = page.read_text(encoding="utf-8")
    assert source[items[2].input_start : items[2].input_end].endswith("a spokesman said.")


def test_an_ordinary_article_is_one_item(doc_options: DocumentOptions) -> None:
    for article in _read(shared_path("seeds") / "003_01826b4bc4373879.txt", doc_options):
        body = [i for i in live_items(article) if not i.summary]
        assert len(body) == 1 and body[0].heading is None
        assert body[0].end == len(article.text)
