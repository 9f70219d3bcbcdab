"""Duplicates: exact copies by content id, near-duplicates by MinHash + LSH (datasketch).

The ``Deduplicator`` is fed one article at a time and remembers what it has seen; the store can
persist each article's signature (``signature_bytes``) and seed a later run with them (``load``),
so re-ingesting the same files finds every article again as an exact duplicate.

>>> dedup = Deduplicator(threshold=0.8, permutations=128)
>>> first = dedup.observe(article)            # doctest: +SKIP
>>> dedup.observe(article).kind               # doctest: +SKIP
'exact'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np
from datasketch import MinHash, MinHashLSH

from ..config import DocumentOptions
from .article import Article

__all__ = ["SHINGLE_WORDS", "Deduplicator", "DuplicateCheck", "deduplicate"]

# Word 3-grams: on news_cluster, republished wire copies (edited headline, a paragraph added or
# dropped) score 0.84-1.0 on 3-grams, and different reports of the same event at most 0.67.
SHINGLE_WORDS = 3
# MinHash seed: fixed, so signatures made in different runs and processes are comparable.
_MINHASH_SEED = 1
# datasketch's hashing scheme, named so signatures stay comparable across datasketch versions
# (2.0 changed the default and refuses unlabelled hash values).
_SCHEME = "affine32"
# Signature bytes: a format byte (1: affine32, little-endian uint32 values), then the values.
_FORMAT_AFFINE32 = 1
_WORD_RE = re.compile(r"\w+")

DuplicateKind = Literal["new", "exact", "near"]


@dataclass(frozen=True, slots=True)
class DuplicateCheck:
    """The verdict on one article.

    ``kind`` is ``"new"``, ``"exact"`` (an article with the same content id was seen: do not
    store it again) or ``"near"`` (it repeats an article seen before). ``of`` is the id of
    the article it resembles most and ``similarity`` their estimated Jaccard similarity.
    ``article.duplicate_of`` is the smallest id among the near-duplicates seen, when it is
    smaller than the article's own, else None; ``original_of`` lists the near-duplicates seen
    whose ids are larger: their ``duplicate_of`` becomes this article's id where that is
    smaller than what they hold. So every article ends up linked to the smallest id of its
    near-duplicates, whatever the order (issue 15).
    """

    kind: DuplicateKind
    article: Article
    of: str | None = None
    similarity: float | None = None
    signature: bytes | None = None  # set by ``observe`` for new and near articles, to persist
    original_of: tuple[str, ...] = ()


class Deduplicator:
    """Stateful duplicate finder: ``observe`` each article in order; ``load``/``export`` the
    signatures so a store can carry them between runs."""

    def __init__(self, threshold: float, permutations: int) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"near-duplicate threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self.permutations = permutations
        self._lsh = MinHashLSH(threshold=threshold, num_perm=permutations)
        # The permutation parameters follow from the seed: drawn once here, not for every
        # signature made or loaded (1 ms each, the larger part of a signature's cost).
        self._permutations = MinHash(
            num_perm=permutations, seed=_MINHASH_SEED, scheme=_SCHEME
        ).permutations
        self._signatures: dict[str, MinHash] = {}
        self._ids: set[str] = set()

    @classmethod
    def from_options(cls, options: DocumentOptions) -> Deduplicator:
        """A deduplicator with the configured threshold and number of permutations."""
        return cls(options.near_duplicate_threshold, options.minhash_permutations)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids

    def minhash(self, text: str) -> MinHash:
        """The MinHash of ``text``'s word 3-grams (case-folded)."""
        words = [word.casefold() for word in _WORD_RE.findall(text)]
        size = min(SHINGLE_WORDS, len(words))
        shingles = {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}
        signature = MinHash(
            num_perm=self.permutations,
            seed=_MINHASH_SEED,
            permutations=self._permutations,
            scheme=_SCHEME,
        )
        if shingles and size > 0:
            signature.update_batch(sorted(shingles))
        return signature

    def signature_bytes(self, text: str) -> bytes:
        """The signature of ``text`` as bytes, for the store to persist."""
        return _to_bytes(self.minhash(text))

    def check(self, article: Article) -> DuplicateCheck:
        """The verdict on ``article`` without remembering it."""
        return self._check(article, self.minhash(article.text))

    def _check(self, article: Article, signature: MinHash) -> DuplicateCheck:
        if article.id in self._ids:
            return DuplicateCheck("exact", article, of=article.id, similarity=1.0)
        if signature.is_empty():
            return DuplicateCheck("new", article)
        matches: list[tuple[float, str]] = []
        for candidate in self._lsh.query(signature):
            key = str(candidate)
            similarity = float(signature.jaccard(self._signatures[key]))
            if similarity >= self.threshold:
                matches.append((similarity, key))
        if not matches:
            return DuplicateCheck("new", article)
        best = max(matches)
        # The link is the smallest id of the group, not the article seen first, so the same
        # articles are linked alike whatever the order they were read in (issue 15).
        smaller = [key for _, key in matches if key < article.id]
        linked = replace(article, duplicate_of=min(smaller) if smaller else None)
        larger = tuple(sorted(key for _, key in matches if key > article.id))
        return DuplicateCheck("near", linked, of=best[1], similarity=best[0], original_of=larger)

    def observe(self, article: Article) -> DuplicateCheck:
        """The verdict on ``article``; a new or near-duplicate article is remembered."""
        signature = self.minhash(article.text)
        verdict = self._check(article, signature)
        if verdict.kind != "exact":
            self._remember(article.id, signature)
            verdict = replace(verdict, signature=_to_bytes(signature))
        return verdict

    def add(self, article_id: str, signature: bytes) -> None:
        """Remember an article already stored, by its id and persisted signature."""
        if article_id in self._ids:
            return
        self._remember(article_id, self._from_bytes(signature))

    def load(self, items: Iterable[tuple[str, bytes]]) -> None:
        """Remember many stored articles: ``(article_id, signature_bytes)`` pairs."""
        for article_id, signature in items:
            self.add(article_id, signature)

    def export(self) -> Iterator[tuple[str, bytes]]:
        """Every remembered article as ``(article_id, signature_bytes)``, in insertion order."""
        for article_id, signature in self._signatures.items():
            yield article_id, _to_bytes(signature)

    def _remember(self, article_id: str, signature: MinHash) -> None:
        self._ids.add(article_id)
        self._signatures[article_id] = signature
        if not signature.is_empty():
            self._lsh.insert(article_id, signature)

    def _from_bytes(self, data: bytes) -> MinHash:
        if not data or data[0] != _FORMAT_AFFINE32:
            raise ValueError("not a signature made by Deduplicator.signature_bytes")
        values = np.frombuffer(data[1:], dtype="<u4")
        if len(values) != self.permutations:
            raise ValueError(
                f"signature has {len(values)} permutations, this deduplicator uses "
                f"{self.permutations}"
            )
        return MinHash(
            num_perm=self.permutations,
            seed=_MINHASH_SEED,
            hashvalues=values.astype(np.uint32),
            permutations=self._permutations,
            scheme=_SCHEME,
        )


def _to_bytes(signature: MinHash) -> bytes:
    return bytes([_FORMAT_AFFINE32]) + np.asarray(signature.hashvalues).astype("<u4").tobytes()


def deduplicate(articles: Iterable[Article], options: DocumentOptions) -> Iterator[DuplicateCheck]:
    """Verdicts for a stream of articles, in order, from one fresh ``Deduplicator``."""
    dedup = Deduplicator.from_options(options)
    for article in articles:
        yield dedup.observe(article)
