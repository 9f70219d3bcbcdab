"""One test group per reader, plus archives, directories, standard input and format detection."""

from __future__ import annotations

import gzip
import io
import json
import sys
import zipfile
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from eventwire.config import DocumentOptions
from eventwire.documents import detect_reader, read_inputs
from eventwire.registry import readers

from .conftest import STORY, Results, articles, rejections

Read = Callable[[str, str | bytes], Results]

OURS = {
    "id": "X1",
    "text": STORY,
    "date": "2020-05-01",
    "title": "Talks",
    "url": "http://e/1",
    "source": "Wire",
}
NEWSPLEASE = {
    "title": "Ceasefire talks in Geneva",
    "maintext": STORY,
    "date_publish": "2017-09-15T00:00:00",
    "url": "http://example.com/a",
    "source_domain": "example.com",
    "authors": ["A. Writer"],
}


def test_every_format_has_a_versioned_reader() -> None:
    names = set(readers.get_all())
    for fmt in ("text", "html", "jsonl", "json", "newsplease", "csv"):
        assert f"eventwire.reader.{fmt}.v1" in names


def test_text_file(read_file: Read) -> None:
    (article,) = articles(read_file("story.txt", f"Talks in Geneva\n{STORY}\n"))
    assert article.title == "Talks in Geneva"
    assert article.text == STORY
    assert article.provenance.reader == "eventwire.reader.text.v1"
    assert article.published is None
    assert article.language == "en"


def test_markdown_file(read_file: Read) -> None:
    (article,) = articles(read_file("story.md", STORY))
    assert article.text == STORY


def test_jsonl_records_keep_their_fields(read_file: Read) -> None:
    lines = [json.dumps(OURS), json.dumps({**OURS, "id": "X2", "text": STORY + " More."})]
    found = articles(read_file("news.jsonl", "\n".join(lines)))
    assert [a.external_id for a in found] == ["X1", "X2"]
    first = found[0]
    assert (first.title, first.url, first.source) == ("Talks", "http://e/1", "Wire")
    assert first.published == date(2020, 5, 1)
    assert first.provenance.record == 1 and first.provenance.field == "text"


def test_gigaword_style_dateline_field(read_file: Read) -> None:
    record = {**OURS, "dateline": "KUALA LUMPUR, April 1 , 1997 (AFP)"}
    (article,) = articles(read_file("wire.jsonl", json.dumps(record)))
    assert article.dateline == "KUALA LUMPUR"
    assert article.credits == ("AFP",)


@pytest.mark.parametrize(
    ("title", "note", "byline"),
    [
        ("ATTENTION - UPDATES, ADDS quotes ///", "ATTENTION - UPDATES, ADDS quotes ///", None),
        ("ATTENTION -  RECASTS with reshuffle", "ATTENTION - RECASTS with reshuffle", None),
        ("level ///", "level ///", None),
        ("by Sebastian Smith", None, "Sebastian Smith"),
    ],
)
def test_a_wire_note_or_byline_in_the_title_field_is_no_title(
    read_file: Read, title: str, note: str | None, byline: str | None
) -> None:
    """A note to editors or a byline in the headline field (9 % of the Gigaword AFP records)
    would title briefings and event pages with "ATTENTION - ADDS quotes ///": it is kept
    apart (an editor's note in ``extra``, a byline in ``credits``), and no title is made up."""
    record = {**OURS, "title": title, "dateline": "ASTANA, Dec 5 , 2005 (AFP)"}
    (article,) = articles(read_file("wire.jsonl", json.dumps(record)))
    assert article.title is None
    assert (dict(article.extra).get("editor_note"), byline in article.credits) == (
        note,
        byline is not None,
    )


@pytest.mark.parametrize("title", ["By the numbers: Iran's oil", "Bye-bye to the old guard"])
def test_a_headline_that_starts_like_a_byline_is_kept(read_file: Read, title: str) -> None:
    (article,) = articles(read_file("wire.jsonl", json.dumps({**OURS, "title": title})))
    assert article.title == title


@pytest.mark.parametrize(
    "content",
    [
        json.dumps(OURS),
        json.dumps([OURS, {**OURS, "text": STORY + " Again."}]),
        json.dumps(OURS) + "\n" + json.dumps({**OURS, "text": STORY + " Again."}),
    ],
    ids=["record", "list", "json-lines"],
)
def test_json_file_shapes(read_file: Read, content: str) -> None:
    results = read_file("news.json", content)
    assert rejections(results) == []
    assert articles(results)[0].external_id == "X1"


def test_newsplease_record(read_file: Read) -> None:
    (article,) = articles(read_file("np.json", json.dumps(NEWSPLEASE)))
    assert article.title == "Ceasefire talks in Geneva"
    assert article.published == date(2017, 9, 15)
    assert article.source == "example.com"
    assert article.provenance.field == "maintext"
    assert ("authors", "A. Writer") in article.extra


def test_newsplease_with_text_and_no_date(read_file: Read) -> None:
    record = {**NEWSPLEASE, "maintext": None, "text": STORY, "date_publish": None}
    (article,) = articles(read_file("np.json", json.dumps(record)))
    assert article.published is None and article.provenance.field == "text"


def test_newsplease_reader_by_name(doc_options: DocumentOptions) -> None:
    read = readers.get("eventwire.reader.newsplease.v1")
    (article,) = list(read("x.json", json.dumps({"title": "T", "text": STORY}), doc_options))
    assert article.provenance.reader == "eventwire.reader.newsplease.v1"


def test_csv_with_default_columns(read_file: Read) -> None:
    content = f'url,date,title,text\nhttp://w/1,2019-01-04,"Talks, again","{STORY}"\n'
    (article,) = articles(read_file("wiki.csv", content))
    assert (article.title, article.url, article.published) == (
        "Talks, again",
        "http://w/1",
        date(2019, 1, 4),
    )
    assert article.provenance.record == 1 and article.provenance.field == "text"


def test_csv_with_configured_columns(tmp_path: Path, doc_options: DocumentOptions) -> None:
    path = tmp_path / "other.csv"
    path.write_text(f"body;headline\n{STORY};Talks\n", encoding="utf-8")
    options = replace(doc_options, csv_text_column="body", csv_title_column="headline")
    (article,) = articles(list(read_inputs([str(path)], options)))
    assert article.title == "Talks" and article.text == STORY


def test_html_page(read_file: Read) -> None:
    html = (
        "<html><head><title>Talks</title>"
        '<meta property="article:published_time" content="2024-03-02"></head><body>'
        "<h1>Ceasefire talks resume</h1><article>"
        f"<p>GENEVA: {STORY}</p><p>{STORY}</p></article></body></html>"
    )
    (article,) = articles(read_file("page.html", html))
    assert article.title == "Ceasefire talks resume"
    assert article.published == date(2024, 3, 2)
    assert article.dateline == "GENEVA"
    assert article.provenance.field == "extracted"
    assert "<p>" not in article.text


def test_html_without_a_date_stays_undated(read_file: Read) -> None:
    html = f"<html><body><h1>Talks</h1><p>{STORY}</p><p>© 2019 News Ltd</p></body></html>"
    (article,) = articles(read_file("page.htm", html))
    assert article.published is None


def test_gzip_and_zip_are_read_transparently(tmp_path: Path, doc_options: DocumentOptions) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(json.dumps(OURS).encode()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("inner/story.txt", STORY)
        archive.writestr("inner/news.jsonl", json.dumps({**OURS, "text": STORY + " Zip."}))
        archive.writestr("inner/sub/", "")
    (tmp_path / "b.zip").write_bytes(buffer.getvalue())
    results = list(read_inputs([str(tmp_path)], doc_options))
    assert rejections(results) == []
    paths = sorted(a.provenance.path for a in articles(results))
    assert paths == [
        str(tmp_path / "a.jsonl.gz"),
        f"{tmp_path / 'b.zip'}::inner/news.jsonl",
        f"{tmp_path / 'b.zip'}::inner/story.txt",
    ]


def test_directories_are_read_recursively(tmp_path: Path, doc_options: DocumentOptions) -> None:
    (tmp_path / "x" / "y").mkdir(parents=True)
    (tmp_path / "x" / "y" / "deep.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "top.txt").write_text(STORY + " Top.", encoding="utf-8")
    assert len(articles(list(read_inputs([str(tmp_path)], doc_options)))) == 2


def test_stdin_is_read_and_its_format_recognised(
    monkeypatch: pytest.MonkeyPatch, doc_options: DocumentOptions
) -> None:
    stdin = io.TextIOWrapper(io.BytesIO(json.dumps(OURS).encode()), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    (article,) = articles(list(read_inputs(["-"], doc_options)))
    assert article.provenance.path == "<stdin>" and article.external_id == "X1"


def test_date_option_fills_only_undated_articles(
    tmp_path: Path, doc_options: DocumentOptions
) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(OURS), encoding="utf-8")
    given = date(2001, 2, 3)
    found = articles(list(read_inputs([str(tmp_path)], doc_options, published=given)))
    assert sorted(a.published for a in found if a.published) == [given, date(2020, 5, 1)]


@pytest.mark.parametrize(
    ("name", "text", "reader"),
    [
        ("a.txt", "{}", "text"),
        ("a.md", STORY, "text"),
        ("a.json", "{}", "json"),
        ("a.jsonl", "{}", "jsonl"),
        ("a.csv", "x", "csv"),
        ("a.HTML", "x", "html"),
        ("", '{"text": "x"}', "json"),
        ("", "[1]", "json"),
        ("", "<!DOCTYPE html><html><body>x</body></html>", "html"),
        ("", STORY, "text"),
        ("notes", "<3 is a heart", "text"),
    ],
)
def test_detect_reader(name: str, text: str, reader: str) -> None:
    assert detect_reader(name, text) == f"eventwire.reader.{reader}.v1"
