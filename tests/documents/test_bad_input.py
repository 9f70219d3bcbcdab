"""Bad input becomes rejections with a reason (and a record number where there is one)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from eventwire.config import DocumentOptions
from eventwire.documents import decode_bytes, read_inputs

from .conftest import STORY, Results, articles, rejections

Read = Callable[[str, str | bytes], Results]


def _only_rejection(results: Results) -> str:
    assert articles(results) == []
    (rejection,) = rejections(results)
    return rejection.reason


def test_binary_file(read_file: Read) -> None:
    assert "binary content (PNG image)" in _only_rejection(
        read_file("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    )
    assert "binary" in _only_rejection(read_file("blob.txt", bytes(range(256)) * 4))


def test_latin1_bytes_fall_back_through_encodings(read_file: Read) -> None:
    text = STORY.replace("Geneva", "Genève") + " Café."
    (article,) = articles(read_file("old.txt", text.encode("latin-1")))
    assert "Genève" in article.text


def test_decode_bytes() -> None:
    assert decode_bytes("Genève".encode("cp1252"), ["utf-8", "cp1252"]) == "Genève"
    assert decode_bytes("\ufeffhello".encode(), ["utf-8"]) == "hello"
    assert decode_bytes("hello".encode("utf-16"), ["utf-8"]) == "hello"
    assert decode_bytes(b"\x00\x01\x02", ["latin-1"]) is None
    assert decode_bytes(b"\xff\xfe\xfa", ["utf-8"]) is None


def test_empty_and_blank_files(read_file: Read) -> None:
    assert _only_rejection(read_file("empty.txt", b"")) == "empty file"
    assert _only_rejection(read_file("empty.json", b"")) == "empty file"
    assert _only_rejection(read_file("blank.txt", "  \n\n ")) == "file holds only whitespace"


def test_file_over_the_size_limit(tmp_path: Path, doc_options: DocumentOptions) -> None:
    path = tmp_path / "big.txt"
    path.write_text(STORY * 10, encoding="utf-8")
    options = replace(doc_options, max_file_bytes=100)
    (rejection,) = list(read_inputs([str(path)], options))
    assert "exceeds documents.max_file_bytes (100)" in rejection.reason


def test_missing_file(doc_options: DocumentOptions, tmp_path: Path) -> None:
    (rejection,) = list(read_inputs([str(tmp_path / "nope.txt")], doc_options))
    assert rejection.reason == "no such file or directory"


def test_malformed_json_lines_are_rejected_and_the_rest_read(read_file: Read) -> None:
    lines = [
        json.dumps({"text": STORY}),
        "{not json",
        "[1, 2]",
        json.dumps({"title": "x"}),
        json.dumps({"text": STORY + " Two."}),
    ]
    results = read_file("news.jsonl", "\n".join(lines))
    assert len(articles(results)) == 2
    reasons = {r.record: r.reason for r in rejections(results)}
    assert set(reasons) == {2, 3, 4}
    assert reasons[2].startswith("malformed JSON line")
    assert "not a record" in reasons[3]
    assert "no string field 'text'" in reasons[4]


def test_malformed_json_document(read_file: Read) -> None:
    assert _only_rejection(read_file("bad.json", '{"text": ')).startswith("malformed JSON")


def test_newsplease_record_without_text(read_file: Read) -> None:
    record = {"title": None, "maintext": None, "text": None, "date_publish": None}
    reason = _only_rejection(read_file("np.json", json.dumps(record)))
    assert reason == "news-please record has no text, maintext or description"


def test_csv_without_the_text_column(read_file: Read) -> None:
    reason = _only_rejection(read_file("x.csv", "url,title\nhttp://a,b\n"))
    assert "no column 'text'" in reason and "columns: url, title" in reason


def test_csv_row_with_empty_text(read_file: Read) -> None:
    results = read_file("x.csv", f'title,text\nA,""\nB,"{STORY}"\n')
    assert len(articles(results)) == 1
    (rejection,) = rejections(results)
    assert rejection.record == 1 and "empty 'text' cell" in rejection.reason


def test_text_too_short_after_cleaning(read_file: Read) -> None:
    assert "shorter than documents.min_text_chars" in _only_rejection(
        read_file("short.txt", "Short Url\nTiny.")
    )


def test_non_english_is_rejected_with_the_language(read_file: Read) -> None:
    german = (
        "Die Außenminister beider Länder trafen sich am Dienstag in Genf, um über eine "
        "Waffenruhe an der Grenze zu sprechen. Sie vereinbarten, sich im nächsten Monat "
        "erneut zu treffen und vor Jahresende Gefangene auszutauschen."
    )
    reason = _only_rejection(read_file("de.txt", german))
    assert reason.startswith("language 'de'") and "documents.languages (en)" in reason


def test_corrupt_archives_and_members(tmp_path: Path, doc_options: DocumentOptions) -> None:
    (tmp_path / "broken.gz").write_bytes(b"\x1f\x8b\x08\x00garbage")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("good.txt", STORY)
        archive.writestr("bad.txt", STORY + " Bad.")
    data = bytearray(buffer.getvalue())
    bad_at = data.find(b"bad.txt") + len(b"bad.txt")
    data[bad_at + 5] ^= 0xFF  # corrupt the deflated bytes of the second member
    (tmp_path / "mixed.zip").write_bytes(bytes(data))
    (tmp_path / "notzip.zip").write_bytes(b"PK\x05\x06" + b"\x00" * 10)
    results = list(read_inputs([str(tmp_path)], doc_options))
    assert [a.provenance.path.rsplit("::", 1)[-1] for a in articles(results)] == ["good.txt"]
    reasons = {Path(r.path).name: r.reason for r in rejections(results)}
    assert reasons["broken.gz"].startswith("corrupt gzip data")
    assert reasons["mixed.zip::bad.txt"].startswith("cannot read zip member")
    assert reasons["notzip.zip"].startswith("corrupt zip archive")
