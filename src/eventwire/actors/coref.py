"""Within-document references: surnames, definite descriptions and he/she.

The rules are deliberately narrow (no statistical model is available offline): a short name
refers to the latest person mentioned with that name; "the minister" to the latest person
whose office contains "minister"; "he"/"she" outside quotations to a person mentioned outside
quotations in the same or the previous two sentences, preferring grammatical subjects, and
only when that choice is unique. Anything else stays unresolved.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from eventwire.actors.kb import KnowledgeBase, fold
from eventwire.actors.model import Actor

__all__ = ["PRONOUNS", "History", "PersonMention", "quoted_tokens", "surname_keys"]

PRONOUNS: dict[str, str | None] = {"he": "m", "she": "f"}
"""Pronouns we resolve and the gender they require (other pronouns are too often generic)."""

# How far back a pronoun looks: the same sentence and two before it. Further back, the
# seeds and the hand-made tests showed a topic change more often than a continued subject.
_PRONOUN_WINDOW = 3
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_OPENING = ("“", "«", "„")
_CLOSING = ("”", "»")


def sentence_start(token: Token) -> int:
    """Where the token's sentence starts (0 when the pipeline sets no sentence boundaries)."""
    doc = token.doc
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return 0
    return int(token.sent.start)


def _sentence_starts(doc: Doc) -> list[int]:
    if not (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        return [0]
    return [sent.start for sent in doc.sents]


def quoted_tokens(doc: Doc) -> list[bool]:
    """For each token, whether it lies inside a quotation (reset at each paragraph break)."""
    inside = False
    flags: list[bool] = []
    # The texts are read as string ids from one array, not from a Token per word (issue 7).
    strings = doc.vocab.strings
    for orth in doc.to_array("ORTH").tolist() if len(doc) else ():
        text = strings[orth]
        if "\n" in text:
            inside = False
        if text in _OPENING:
            inside = True
            flags.append(True)
            continue
        if text in _CLOSING:
            flags.append(True)
            inside = False
            continue
        if text == '"':
            inside = not inside
            flags.append(True)
            continue
        flags.append(inside)
    return flags


def surname_keys(name: str) -> set[str]:
    """The folded words a person may later be called by: each word of the name, and the
    part after a lower-case particle ("Maliki" for "Nouri al-Maliki", "Assad" for "Bashar
    al-Assad")."""
    keys = set()
    for part in name.split():
        keys.add(fold(part))
        head, hyphen, rest = part.partition("-")
        if hyphen and head.islower() and rest[:1].isupper():
            keys.add(fold(rest))
    return keys


@dataclass(frozen=True, slots=True)
class PersonMention:
    """A person mentioned so far: who, which words name them, and where."""

    actor: Actor
    surnames: frozenset[str]
    gender: str | None
    sentence: int
    quoted: bool
    subject: bool


@dataclass
class History:
    """What the document has said so far (in text order)."""

    kb: KnowledgeBase
    persons: list[PersonMention] = field(default_factory=list)
    countries: set[str] = field(default_factory=set)
    # The sentence starts of the Doc last asked about: :meth:`by_pronoun` needs them for each
    # pronoun, and spaCy rebuilds a Doc's sentences on every access (issue 7).
    _starts: tuple[Doc, list[int]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def add(self, actor: Actor, words: list[str], token: Token, quoted: bool) -> None:
        """Remember a mention (persons for later references, countries for context)."""
        if actor.country:
            self.countries.add(actor.country)
        if actor.kind != "person":
            return
        record = self.kb.record(actor.actor_id)
        # Only the person's own name counts ("Trump's envoy Steve Witkoff" is not "Trump").
        names = surname_keys(actor.name)
        names.update(fold(w) for w in words if w[:1].isupper() and fold(w) in names)
        self.persons.append(
            PersonMention(
                actor,
                frozenset(names),
                record.gender if record else None,
                sentence_start(token),
                quoted,
                token.dep_ in _SUBJECT_DEPS,
            )
        )

    def by_name(self, word: str) -> Actor | None:
        """The latest person named ``word`` ("Lavrov", "Kim"), or None."""
        key = fold(word)
        for mention in reversed(self.persons):
            if key in mention.surnames:
                return mention.actor
        return None

    def by_full_name(self, words: list[str]) -> Actor | None:
        """The latest person all of whose ``words`` name them ("Sam Rainsy" after "Cambodian
        dissident Sam Rainsy", whom the knowledge base does not know), or None."""
        keys = {fold(w) for w in words}
        if len(keys) < 2:
            return None
        for mention in reversed(self.persons):
            if keys <= mention.surnames:
                return mention.actor
        return None

    def by_office(self, word: str) -> Actor | None:
        """The latest person whose office contains ``word`` ("minister"), or None."""
        key = fold(word)
        for mention in reversed(self.persons):
            office = mention.actor.office
            if office and key in fold(office).split():
                return mention.actor
        return None

    def last_person(self) -> Actor | None:
        """The latest person mentioned, or None."""
        return self.persons[-1].actor if self.persons else None

    def by_pronoun(self, token: Token, gender: str | None) -> Actor | None:
        """The person a he/she outside quotations refers to, when the choice is unique."""
        own = sentence_start(token)
        doc = token.doc
        if self._starts is None or self._starts[0] is not doc:
            self._starts = (doc, _sentence_starts(doc))
        sentences = [start for start in self._starts[1] if start <= own]
        window = sentences[-_PRONOUN_WINDOW:]
        for sentence in reversed(window):
            found = [
                m
                for m in self.persons
                if m.sentence == sentence
                and not m.quoted
                and (gender is None or m.gender in (None, gender))
            ]
            if not found:
                continue
            subjects = [m for m in found if m.subject]
            pool = subjects or found[-1:]
            distinct = {m.actor.actor_id for m in pool}
            if len(distinct) == 1:
                return pool[-1].actor
            # Several subjects in one sentence: the latest one is the running topic only
            # when it is in the pronoun's own sentence.
            return pool[-1].actor if sentence == own else None
        return None
