"""Cleaning and splitting on hand-made pages: furniture goes, sentences stay, offsets hold."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.documents import Provenance
from eventwire.documents.cleaning import clean_text
from eventwire.documents.splitting import split_articles

from .conftest import STORY

PAGE = (
    "Ceasefire talks resume in Geneva\n"
    "\n"
    "Delegates arrive at the Palais des Nations on Tuesday. (AFP)\n"
    "Short Url\n"
    "Updated 3 March 2023\n"
    "Follow\n"
    "\n"
    "Ceasefire talks resume in Geneva\n"
    "\n"
    "  • Both sides agreed to exchange prisoners\n"
    "\n"
    f"GENEVA: {STORY}\n"
    "Share this article\n"
    "A second paragraph follows the first one and ends here.\n"
    "\n"
    "abc/def (AFP, Reuters)\n"
)


def _check_offsets(source: str, text: str, offsets: tuple[tuple[int, int, int], ...]) -> None:
    provenance = Provenance(path="x", reader="r", offsets=offsets)
    for index, character in enumerate(text):
        assert source[provenance.input_offset(index)] == character


def test_page_furniture_is_removed_and_metadata_read() -> None:
    cleaned = clean_text(PAGE)
    assert cleaned.headline == "Ceasefire talks resume in Geneva"
    assert cleaned.published == date(2023, 3, 3)
    assert cleaned.dateline is not None and cleaned.dateline.place == "GENEVA"
    assert cleaned.credits == ("AFP", "Reuters")
    for gone in ("Short Url", "Follow", "Updated", "(AFP)", "Share this", "abc/def", "•"):
        assert gone not in cleaned.text
    assert cleaned.text.startswith("Both sides agreed to exchange prisoners\n\nThe foreign")
    assert cleaned.text.endswith("ends here.")
    assert STORY in cleaned.text
    _check_offsets(PAGE, cleaned.text, cleaned.offsets)


def test_bullets_are_summary_spans() -> None:
    cleaned = clean_text(PAGE)
    (span,) = cleaned.summary
    assert cleaned.text[span[0] : span[1]] == "Both sides agreed to exchange prisoners"


def test_a_record_title_is_not_repeated_in_the_text() -> None:
    source = f"Talks resume\n{STORY}"
    cleaned = clean_text(source, title="Talks resume")
    assert cleaned.text == STORY


def test_a_flash_whose_text_is_its_title_keeps_it() -> None:
    cleaned = clean_text(
        "DEMOCRATS WIN CONTROL OF SENATE: AP", title="DEMOCRATS WIN CONTROL OF SENATE: AP"
    )
    assert cleaned.text == "DEMOCRATS WIN CONTROL OF SENATE: AP"


def test_a_paragraph_alone_is_not_a_headline() -> None:
    cleaned = clean_text(STORY)
    assert cleaned.headline is None and cleaned.text == STORY


def test_crlf_input_keeps_offsets() -> None:
    source = PAGE.replace("\n", "\r\n")
    cleaned = clean_text(source)
    assert "\r" not in cleaned.text
    _check_offsets(source, cleaned.text, cleaned.offsets)


def test_two_pages_in_one_file_are_split() -> None:
    second = PAGE.replace("Ceasefire talks resume in Geneva", "Second story headline here")
    source = PAGE + "\n\n" + second
    regions = split_articles(source)
    assert len(regions) == 2
    assert regions[0][0] == 0 and regions[-1][1] == len(source)
    assert source[regions[1][0] :].startswith("Second story headline here")


def test_subheadings_of_a_live_blog_do_not_split() -> None:
    source = (
        "War updates: talks resume\n"
        "What you need to know\n"
        "- Talks resume in Geneva\n"
        f"{STORY}\n"
        "\n"
        "Prisoners exchanged at the border\n"
        f"{STORY}\n"
    )
    assert split_articles(source) == [(0, len(source))]
    cleaned = clean_text(source)
    assert cleaned.live_blog
    assert "Prisoners exchanged at the border" in cleaned.text


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                STORY,
                "Short Url",
                "",
                "  • point one",
                "Follow",
                "SEOUL: Talks went on.",
                "Updated 4 sec ago",
                "\r",
                "(Reuters)",
                "ab/cd (AFP)",
                "Headline here",
            ]
        ),
        max_size=12,
    )
)
def test_offsets_hold_for_any_arrangement_of_lines(lines: list[str]) -> None:
    source = "\n".join(lines)
    cleaned = clean_text(source)
    _check_offsets(source, cleaned.text, cleaned.offsets)
    for start, end in cleaned.summary:
        assert 0 <= start < end <= len(cleaned.text)
