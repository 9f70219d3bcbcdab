"""Captions, links and prompts inside a story are stored but never coded (issue 13): a caption
restates or illustrates the story, a link names another one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from spacy.language import Language

from eventwire.config import Options
from eventwire.documents import Article, read_inputs
from eventwire.engines.articles import code_articles

# Our own page, shaped as a tabloid site prints its captions (agency first, no full stop).
PAGE = (
    "Russia and Ukraine trade blame over shelling\n"
    "\n"
    "MOSCOW (AFP) - Russia accused Ukraine on Tuesday of shelling a border village, the "
    "defence ministry said.\n"
    "EPA Russian troops fire artillery at Ukrainian positions near the border\n"
    "Read more: Ukraine accuses Russia of attacking a power plant\n"
    "The ministry gave no figure for casualties.\n"
)


def test_captions_and_links_make_no_event(nlp: Language, options: Options, tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text(PAGE, encoding="utf-8")
    (article,) = [r for r in read_inputs([str(path)], options.documents) if isinstance(r, Article)]
    assert len(article.furniture) == 2
    (coded,) = code_articles(nlp, [article], 4)
    (unmarked,) = code_articles(nlp, [replace(article, furniture=())], 4)

    def inside(start: int) -> bool:
        return any(a <= start < b for a, b in article.furniture)

    # Without the mark the caption's "fire" and the link's "accuses" are coded.
    assert any(inside(e.trigger.start) for e in unmarked.events)
    assert not any(inside(e.trigger.start) for e in coded.events)
    # The story's own accusation is still coded, and the caption is still a stored sentence.
    assert any(e.plover.category == "ACCUSE" and not inside(e.trigger.start) for e in coded.events)
    texts = [s.text for s in coded.annotations.sentences]
    assert any(t.startswith("EPA Russian troops") for t in texts)
