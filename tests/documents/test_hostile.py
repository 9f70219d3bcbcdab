"""Hostile inputs at the documents layer (issue 15): text normalised at the edge, limits
checked before the expensive steps, special files refused by type, nothing skipped silently."""

from __future__ import annotations

import gzip
import io
import json
import os
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.config import DocumentOptions
from eventwire.documents import Article, Rejection, read_inputs
from eventwire.documents.normalise import path_as_given, replace_surrogates
from eventwire.documents.readers.records import read_jsonl

from .conftest import STORY, Results, articles, rejections

Read = Callable[[str, str | bytes], Results]

# Text as hostile inputs hold it: lone surrogates (which the default text strategy never
# generates), C0/C1 controls, markup brackets, and ordinary letters and spaces.
HOSTILE_TEXT = st.text(
    alphabet=st.one_of(
        st.characters(categories=["Cs"]),  # lone surrogates
        st.characters(categories=["Cc"]),  # control characters, ESC included
        st.sampled_from(list("[]/bold \n")),
        st.characters(categories=["Lu", "Ll", "Zs", "Po"]),
    ),
    max_size=60,
)


def _storable(value: object) -> bool:
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return False
    return True


def _all_storable(result: Article | Rejection) -> bool:
    if isinstance(result, Rejection):
        return all(_storable(v) for v in (result.path, result.reason))
    values = [result.text, result.title, result.url, result.source, result.external_id]
    values += [result.dateline, result.provenance.path, *result.credits]
    values += [v for pair in result.extra for v in pair]
    return all(_storable(v) for v in values)


def _lone_surrogates(value: str) -> int:
    """How many surrogates ``value`` still holds once written as JSON and read back."""
    return sum(0xD800 <= ord(c) <= 0xDFFF for c in json.loads(json.dumps(value)))


@settings(max_examples=60, deadline=None)
@given(title=HOSTILE_TEXT, inserted=HOSTILE_TEXT, source=HOSTILE_TEXT)
def test_any_string_in_a_record_comes_out_storable_and_no_line_is_lost(
    title: str, inserted: str, source: str
) -> None:
    from eventwire.config import load_options

    options = load_options().documents
    lines = [
        json.dumps({"title": title, "text": STORY + inserted, "source": source}),
        json.dumps({"text": inserted + STORY}),
        json.dumps({"text": STORY + " The end."}),
    ]
    results = list(read_jsonl("x.jsonl", "\n".join(lines), options))
    assert len(results) == 3  # one result a line: nothing after a bad string is lost
    assert all(_all_storable(result) for result in results)
    # A high surrogate then a low one is a valid pair after JSON's escapes ("\\ud800\\udc00"
    # reads back as U+10000): only the surrogates still lone when read are replaced.
    surrogates = sum(_lone_surrogates(value) for value in (title, inserted, source, inserted))
    counted = sum(
        int(dict(result.extra).get("replaced_characters", 0))
        for result in results
        if isinstance(result, Article)
    )
    if all(isinstance(result, Article) for result in results):
        assert counted >= surrogates  # every replacement is counted


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=HOSTILE_TEXT)
def test_any_rejection_is_storable(name: str) -> None:
    rejection = Rejection(name, f"reason about {name}")
    assert _all_storable(rejection)


def test_replace_surrogates_counts_and_keeps_offsets() -> None:
    text, count = replace_surrogates("ab\ud83dcd\udcff")
    assert (text, count) == ("ab\ufffdcd\ufffd", 2)
    assert replace_surrogates("plain") == ("plain", 0)


def test_a_file_name_that_is_not_utf8_is_stored_as_given(
    tmp_path: Path, doc_options: DocumentOptions
) -> None:
    raw = os.fsencode(str(tmp_path)) + b"/caf\xe9-\xff.txt"
    Path(os.fsdecode(raw)).write_text(STORY, encoding="utf-8")
    (article,) = articles(list(read_inputs([str(tmp_path)], doc_options)))
    assert article.provenance.path == f"{tmp_path}/caf\\xe9-\\xff.txt"
    assert path_as_given(f"{tmp_path}/plain.txt") == f"{tmp_path}/plain.txt"


def test_utf8_with_one_bad_byte_stays_utf8_and_the_replacement_is_counted(read_file: Read) -> None:
    data = ("“Quoted” — " + STORY).encode() + b" \xff end."
    (article,) = articles(read_file("damaged.txt", data))
    assert "“Quoted” —" in article.text  # not mojibake ("â€œQuotedâ€")
    assert dict(article.extra)["replaced_characters"] == "1"


def test_a_legacy_encoding_is_still_read_as_such(read_file: Read) -> None:
    (article,) = articles(read_file("old.txt", (STORY + " Genève, café.").encode("cp1252")))
    assert "Genève, café" in article.text and "replaced_characters" not in dict(article.extra)


@pytest.mark.parametrize(
    ("value", "note"),
    [
        ("0000-00-00", "unparsed_date"),
        ("2024-02-30", "unparsed_date"),
        ("yesterday", "unparsed_date"),
        ("9999-12-31", "implausible_date"),
        ("0001-01-01", "implausible_date"),
    ],
)
def test_bad_record_dates_are_noted_never_silent(read_file: Read, value: str, note: str) -> None:
    (article,) = articles(read_file("d.jsonl", json.dumps({"date": value, "text": STORY})))
    assert article.published is None
    assert dict(article.extra)[note] == value


def _limits(options: DocumentOptions, **limits: int) -> DocumentOptions:
    return replace(options, **limits)


def test_an_article_over_max_article_chars_is_rejected_before_cleaning(
    tmp_path: Path, doc_options: DocumentOptions
) -> None:
    path = tmp_path / "long.jsonl"
    path.write_text(json.dumps({"text": STORY * 100}) + "\n" + json.dumps({"text": STORY}))
    results = list(read_inputs([str(path)], _limits(doc_options, max_article_chars=1000)))
    (rejection,) = rejections(results)
    assert (
        rejection.record == 1 and "exceeds documents.max_article_chars (1000)" in rejection.reason
    )
    assert len(articles(results)) == 1


def test_a_sentence_over_max_sentence_chars_is_rejected(read_file: Read) -> None:
    (rejection,) = rejections(read_file("endless.txt", "Talks " + "and talks " * 3000))
    assert "exceeds documents.max_sentence_chars" in rejection.reason


@pytest.mark.parametrize("name", ["many.jsonl", "many.csv", "many.json"])
def test_records_past_max_records_per_file_are_one_rejection(
    tmp_path: Path, doc_options: DocumentOptions, name: str
) -> None:
    records = [{"text": f"{STORY} Number {i}."} for i in range(5)]
    path = tmp_path / name
    if name.endswith(".jsonl"):
        path.write_text("\n".join(json.dumps(r) for r in records))
    elif name.endswith(".json"):
        path.write_text(json.dumps(records))
    else:
        path.write_text("text\n" + "\n".join(f'"{r["text"]}"' for r in records))
    results = list(read_inputs([str(path)], _limits(doc_options, max_records_per_file=3)))
    assert len(articles(results)) == 3
    (rejection,) = rejections(results)
    assert rejection.record == 4 and "max_records_per_file (3)" in rejection.reason


def test_special_files_are_refused_by_type_without_opening(
    tmp_path: Path, doc_options: DocumentOptions
) -> None:
    os.mkfifo(tmp_path / "pipe.txt")  # opening it would block for ever
    results = list(read_inputs([str(tmp_path / "pipe.txt"), "/dev/zero", "/dev/null"], doc_options))
    reasons = [r.reason for r in rejections(results)]
    assert reasons[0].startswith("a named pipe (FIFO)")
    assert reasons[1].startswith("a character device") and reasons[2].startswith("a character")


def test_links_and_unlistable_directories_are_reported(
    tmp_path: Path, doc_options: DocumentOptions, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.txt").write_text(STORY)
    (tmp_path / "sub").mkdir()
    os.symlink("..", tmp_path / "sub" / "up")
    os.symlink("nowhere.txt", tmp_path / "dangling.txt")
    os.symlink("self.txt", tmp_path / "self.txt")
    (tmp_path / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: str | Path) -> object:
        if str(path).endswith("locked"):  # as a directory without read permission behaves
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    results = list(read_inputs([str(tmp_path)], doc_options))
    assert len(articles(results)) == 1
    reasons = {Path(r.path).name: r.reason for r in rejections(results)}
    assert reasons["dangling.txt"].startswith("dangling symbolic link")
    assert reasons["self.txt"] == "symbolic link loop"
    assert reasons["up"].startswith("symbolic link loop")
    assert reasons["locked"].startswith("cannot list directory (Permission denied)")


def test_an_archive_expands_to_at_most_max_archive_bytes(
    tmp_path: Path, doc_options: DocumentOptions
) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for number in range(4):
            archive.writestr(f"m{number}.txt", (STORY + "\n") * 20)  # ~4.9 KB each
    path = tmp_path / "a.zip"
    path.write_bytes(buffer.getvalue())
    options = _limits(doc_options, max_file_bytes=8000, max_archive_bytes=12_000)
    results = list(read_inputs([str(path)], options))
    assert len(articles(results)) == 2
    over = rejections(results)
    assert [Path(r.path).name for r in over] == ["a.zip::m2.txt", "a.zip::m3.txt"]
    assert all("max_archive_bytes (12000)" in r.reason for r in over)


def test_a_gzip_bomb_is_read_only_up_to_the_limit(
    tmp_path: Path, doc_options: DocumentOptions
) -> None:
    path = tmp_path / "bomb.txt.gz"
    with gzip.open(path, "wb") as handle:
        for _ in range(20):
            handle.write(b"\0" * 1_000_000)
    options = _limits(doc_options, max_file_bytes=1_000_000)
    (rejection,) = list(read_inputs([str(path)], options))
    assert isinstance(rejection, Rejection) and "max_file_bytes (1000000)" in rejection.reason
