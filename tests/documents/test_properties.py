"""Arbitrary bytes and text through every reader: no exception escapes, every input is accounted
for as articles or rejections."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.config import DocumentOptions
from eventwire.documents import Article, InputFile, Rejection, read_bytes
from eventwire.registry import readers

from .conftest import STORY

READERS = sorted(name for name in readers.get_all() if name.startswith("eventwire.reader."))
NAMES = ["x.txt", "x.md", "x.html", "x.json", "x.jsonl", "x.csv", "x.gz", "x.zip", "x"]
# Text that looks like the formats, so the readers get past their first checks.
FORMAT_TEXT = st.one_of(
    st.text(max_size=400),
    st.builds(
        lambda a, b: f'{{"text": "{a}", "date": "{b}"}}', st.text(max_size=80), st.text(max_size=12)
    ),
    st.builds(lambda a: f'title,text\nT,"{a}"\n', st.text(max_size=200)),
    st.builds(lambda a: f"<html><body><p>{a}</p></body></html>", st.text(max_size=200)),
    st.builds(lambda a, b: f"{a}\n\n{STORY}\n{b}", st.text(max_size=60), st.text(max_size=60)),
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _accounted(results: list[Article | Rejection]) -> None:
    assert results, "every input yields at least one article or rejection"
    for result in results:
        assert isinstance(result, Article | Rejection)
        if isinstance(result, Rejection):
            assert result.reason and not result.reason.startswith("internal error")
        else:
            assert result.text and result.id


@pytest.mark.parametrize("reader", READERS)
@SETTINGS
@given(text=FORMAT_TEXT)
def test_every_reader_takes_any_text(reader: str, text: str, doc_options: DocumentOptions) -> None:
    _accounted(list(readers.get(reader)("x", text, doc_options)))


@SETTINGS
@given(data=st.binary(max_size=600), name=st.sampled_from(NAMES))
def test_any_bytes_under_any_name(data: bytes, name: str, doc_options: DocumentOptions) -> None:
    _accounted(list(read_bytes(InputFile(path=name, name=name, data=data), doc_options)))


@SETTINGS
@given(text=FORMAT_TEXT, name=st.sampled_from(NAMES))
def test_any_text_under_any_name(text: str, name: str, doc_options: DocumentOptions) -> None:
    data = text.encode("utf-8", "surrogatepass")
    _accounted(list(read_bytes(InputFile(path=name, name=name, data=data), doc_options)))
