"""Exact duplicates by content id, near-duplicates by MinHash, signatures that survive a run."""

from __future__ import annotations

import re

import numpy as np
import pytest
from datasketch import MinHash

from eventwire.config import DocumentOptions
from eventwire.documents import Article, Deduplicator, Provenance, deduplicate

from .conftest import STORY

LONG = " ".join(
    f"{STORY} In paragraph {number} the ministers also discussed trade routes."
    for number in range(8)
)


def _article(text: str) -> Article:
    return Article(text=text, provenance=Provenance(path="x", reader="test"))


def test_exact_duplicates_share_an_id_regardless_of_spacing_and_case() -> None:
    assert _article(LONG).id == _article("  " + LONG.upper().replace(" ", "\n ")).id


def test_exact_near_and_new(doc_options: DocumentOptions) -> None:
    edited = LONG.replace("officials said", "diplomats said", 1) + " A closing line was added."
    unrelated = "Floods hit the northern province after a week of heavy rain. " * 10
    verdicts = list(
        deduplicate([_article(t) for t in (LONG, LONG, edited, unrelated)], doc_options)
    )
    assert [v.kind for v in verdicts] == ["new", "exact", "near", "new"]
    original = verdicts[0].article.id
    assert verdicts[1].of == original
    near = verdicts[2]
    assert near.article.duplicate_of == original and near.of == original
    assert near.similarity is not None and near.similarity >= doc_options.near_duplicate_threshold
    assert verdicts[3].article.duplicate_of is None


def test_signatures_round_trip_so_a_rerun_finds_everything(doc_options: DocumentOptions) -> None:
    first = Deduplicator.from_options(doc_options)
    article = _article(LONG)
    first.observe(article)
    stored = list(first.export())
    assert [article_id for article_id, _ in stored] == [article.id]
    second = Deduplicator.from_options(doc_options)
    second.load(stored)
    assert article.id in second and len(second) == 1
    assert second.observe(article).kind == "exact"
    edited = _article(LONG + " One more sentence at the end.")
    assert second.observe(edited).kind == "near"


def test_signature_bytes_are_stable(doc_options: DocumentOptions) -> None:
    one = Deduplicator.from_options(doc_options).signature_bytes(LONG)
    two = Deduplicator.from_options(doc_options).signature_bytes(LONG)
    assert one == two and len(one) == 1 + 4 * doc_options.minhash_permutations


def test_signatures_are_those_of_datasketchs_own_minhash(doc_options: DocumentOptions) -> None:
    """Drawing the permutations once per deduplicator changes no stored signature: the bytes
    are those of a MinHash made from scratch with the same seed and scheme (format 1)."""
    words = [w.casefold() for w in re.findall(r"\w+", LONG)]
    shingles = sorted({" ".join(words[i : i + 3]).encode() for i in range(len(words) - 2)})
    plain = MinHash(num_perm=doc_options.minhash_permutations, seed=1, scheme="affine32")
    plain.update_batch(shingles)
    expected = bytes([1]) + np.asarray(plain.hashvalues).astype("<u4").tobytes()
    dedup = Deduplicator.from_options(doc_options)
    assert dedup.signature_bytes(LONG) == expected
    dedup.add("stored", expected)
    assert dedup.check(_article(LONG)).similarity == 1.0


def test_bad_signatures_are_refused(doc_options: DocumentOptions) -> None:
    dedup = Deduplicator.from_options(doc_options)
    with pytest.raises(ValueError, match="not a signature"):
        dedup.add("a1", b"")
    with pytest.raises(ValueError, match="permutations"):
        dedup.add("a1", bytes([1]) + b"\x00" * 8)
    with pytest.raises(ValueError, match="threshold"):
        Deduplicator(threshold=0.0, permutations=16)


def test_check_does_not_remember(doc_options: DocumentOptions) -> None:
    dedup = Deduplicator.from_options(doc_options)
    assert dedup.check(_article(LONG)).kind == "new"
    assert len(dedup) == 0


def test_texts_without_words_are_never_near_duplicates(doc_options: DocumentOptions) -> None:
    dedup = Deduplicator.from_options(doc_options)
    assert dedup.observe(_article("... --- ...")).kind == "new"
    assert dedup.observe(_article("!!! --- ???")).kind == "new"
