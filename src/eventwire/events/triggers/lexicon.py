"""The lexicon of event expressions: verb and noun triggers mapped to CAMEO codes.

An entry says "this lemma, with this particle, this preposition attaching the target and one of
these object lemmas, expresses this CAMEO code" ("impose" + "on" + sanctions → 163). The shipped
lexicon is ``events/data/lexicon.yaml`` (format in ``events/data/README.md``); users extend or
override it with files in the same format. Loading never stops at a bad entry: every entry that
cannot be used (unknown CAMEO code, unknown PLOVER category, missing lemma…) is reported as a
:class:`LexiconProblem` naming the file and entry index, and the rest loads. ``strict=True``
turns the first problem into a :class:`LexiconError` instead.

>>> lexicon = default_lexicon()
>>> lexicon.match_verb("impose", None, "on", ["sanction"]).code
'163'
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any, Literal

import yaml

from eventwire._yaml import safe_load
from eventwire.errors import ConfigError
from eventwire.events.model import Plover
from eventwire.events.ontology import DATA_DIR, PLOVER_CATEGORIES, Ontology, load_ontology
from eventwire.events.triggers.matching import TriggerForms
from eventwire.registry import lexicons

__all__ = [
    "DEFAULT_LEXICON_PATH",
    "TARGET_ROLES",
    "Lexicon",
    "LexiconEntry",
    "LexiconError",
    "LexiconProblem",
    "PartOfSpeech",
    "default_lexicon",
    "load_lexicon",
    "read_lexicon_file",
]

PartOfSpeech = Literal["VERB", "NOUN"]
_POS: tuple[str, ...] = ("VERB", "NOUN")
# Where the target of the event sits relative to the trigger, when an entry wants to say so:
# the direct object ("accuse X"), the object of ``prep`` ("meet with X"), both parties of a
# "between X and Y" phrase, the possessor of a nominal ("Russia's invasion"), or no target.
TARGET_ROLES: tuple[str, ...] = ("object", "prep", "between", "possessor", "none")
DEFAULT_LEXICON_PATH = DATA_DIR / "lexicon.yaml"
_ENTRY_KEYS = frozenset(
    {"lemma", "pos", "particle", "prep", "object_lemmas", "complement", "code", "plover",
     "target_role", "note"}
)  # fmt: skip
# The one complement an entry may require: a "to"-infinitive clause ("told Washington *to stay
# clear*"), which makes a request of a verb that alone only reports speech.
COMPLEMENTS: tuple[str, ...] = ("to",)
# Specificity of a match, so that the most specific entry wins: a required object outweighs a
# required preposition ("impose sanctions" > "impose on"), and both together outweigh either.
_OBJECT_WEIGHT = 2
_PREP_WEIGHT = 1


class LexiconError(ConfigError):
    """A lexicon file cannot be read at all, or (with ``strict=True``) has a bad entry."""


@dataclass(frozen=True, slots=True)
class LexiconProblem:
    """An entry (or pattern) that could not be loaded, with where it is and why."""

    source: str
    index: int | None
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.source
        if self.line is not None:
            where += f":{self.line}"
        if self.index is not None:
            where += f" entry {self.index}"
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One event expression: a trigger lemma and the context it needs, mapped to a CAMEO code.

    ``object_lemmas`` are alternatives: the entry matches when any one of them is among the
    trigger's object lemmas (for a verb: its direct objects and the objects of its other
    prepositions, as in "come into force"; for a noun: its compound and adjective modifiers, as
    in "phone call"). ``plover`` overrides the PLOVER mapping of ``code`` when set.
    """

    lemma: str
    pos: PartOfSpeech
    code: str
    particle: str | None = None
    prep: str | None = None
    object_lemmas: frozenset[str] = field(default_factory=frozenset)
    plover: Plover | None = None
    target_role: str | None = None
    source: str = ""
    complement: str | None = None

    @property
    def specificity(self) -> int:
        return (
            _OBJECT_WEIGHT * bool(self.object_lemmas)
            + _PREP_WEIGHT * (self.prep is not None)
            + _PREP_WEIGHT * (self.complement is not None)
        )

    @property
    def key(self) -> tuple[str, str, str | None, str | None, frozenset[str], str | None]:
        """What an entry of a later file must share with this one to replace it."""
        return (self.lemma, self.pos, self.particle, self.prep, self.object_lemmas, self.complement)

    def resolve_plover(self, ontology: Ontology | None = None) -> Plover | None:
        """The entry's PLOVER override, else the PLOVER mapping of its CAMEO code."""
        if self.plover is not None:
            return self.plover
        return (ontology or load_ontology()).lookup(self.code).plover

    def matches(
        self, particle: str | None, prep: str | None, object_lemmas: frozenset[str]
    ) -> bool:
        """Whether a trigger with this particle, target preposition and objects fits the entry."""
        if self.particle != particle:
            return False
        if self.prep is not None and self.prep != prep:
            return False
        return not self.object_lemmas or not self.object_lemmas.isdisjoint(object_lemmas)


class Lexicon:
    """Entries indexed by part of speech and lemma, with the problems met while loading."""

    def __init__(
        self, entries: Iterable[LexiconEntry], problems: Iterable[LexiconProblem] = ()
    ) -> None:
        by_key: dict[
            tuple[str, str, str | None, str | None, frozenset[str], str | None], LexiconEntry
        ] = {}
        for entry in entries:
            by_key.pop(entry.key, None)  # a later entry replaces an earlier one with its key
            by_key[entry.key] = entry
        self._entries = tuple(by_key.values())
        self._index: dict[tuple[str, str], list[LexiconEntry]] = {}
        for entry in self._entries:
            self._index.setdefault((entry.pos, entry.lemma), []).append(entry)
        self.problems: tuple[LexiconProblem, ...] = tuple(problems)

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def entries(self) -> tuple[LexiconEntry, ...]:
        return self._entries

    def lemmas(self, pos: PartOfSpeech) -> frozenset[str]:
        """Every trigger lemma of this part of speech (for a quick first filter)."""
        return frozenset(lemma for entry_pos, lemma in self._index if entry_pos == pos)

    @cached_property
    def trigger_forms(self) -> TriggerForms:
        """The forms :func:`~eventwire.events.triggers.matching.find_triggers` checks a token
        against before matching it (built once per lexicon)."""
        return TriggerForms(lemma for _, lemma in self._index)

    def verb_entries(self, lemma: str) -> tuple[LexiconEntry, ...]:
        return tuple(self._index.get(("VERB", lemma.lower()), ()))

    def noun_entries(self, lemma: str) -> tuple[LexiconEntry, ...]:
        return tuple(self._index.get(("NOUN", lemma.lower()), ()))

    def match(
        self,
        pos: PartOfSpeech,
        lemma: str,
        particle: str | None = None,
        prep: str | None = None,
        object_lemmas: Iterable[str] = (),
    ) -> LexiconEntry | None:
        """The most specific entry for a trigger, or None.

        Object and preposition together beat an object alone, which beats a preposition alone,
        which beats the bare lemma; among equally specific entries the one loaded last wins (a
        user file overrides the shipped lexicon).
        """
        objects = frozenset(word.lower() for word in object_lemmas)
        particle = particle.lower() if particle else None
        prep = prep.lower() if prep else None
        best: LexiconEntry | None = None
        for entry in self._index.get((pos, lemma.lower()), ()):
            if entry.matches(particle, prep, objects) and (
                best is None or entry.specificity >= best.specificity
            ):
                best = entry
        return best

    def match_verb(
        self,
        lemma: str,
        particle: str | None,
        prep: str | None,
        object_lemmas: Iterable[str] = (),
    ) -> LexiconEntry | None:
        """The best entry for a verb with its particle, target preposition and object lemmas."""
        return self.match("VERB", lemma, particle, prep, object_lemmas)

    def match_noun(
        self, lemma: str, prep: str | None, modifier_lemmas: Iterable[str] = ()
    ) -> LexiconEntry | None:
        """The best entry for a nominal trigger with its target preposition and modifiers."""
        return self.match("NOUN", lemma, None, prep, modifier_lemmas)

    def extended(self, other: Lexicon) -> Lexicon:
        """This lexicon with ``other``'s entries added (and replacing those with the same key)."""
        return Lexicon((*self._entries, *other.entries), (*self.problems, *other.problems))


def read_lexicon_file(
    path: Path, ontology: Ontology | None = None
) -> tuple[list[LexiconEntry], list[LexiconProblem]]:
    """The entries of one lexicon YAML file, and the problems of the entries it had to skip."""
    ontology = ontology or load_ontology()
    try:
        document = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise LexiconError(f"{path}: cannot read lexicon: {error}") from error
    if not isinstance(document, Mapping) or not isinstance(document.get("entries"), list):
        raise LexiconError(f"{path}: a lexicon file is a mapping with an 'entries' list")
    entries: list[LexiconEntry] = []
    problems: list[LexiconProblem] = []
    for index, raw in enumerate(document["entries"]):
        try:
            entries.extend(_parse_entry(raw, f"{path.name}#{index}", ontology))
        except _BadEntry as bad:
            problems.append(LexiconProblem(str(path), index, str(bad)))
    return entries, problems


def load_lexicon(
    paths: Sequence[Path] = (),
    *,
    include_default: bool = True,
    strict: bool = False,
    ontology: Ontology | None = None,
) -> Lexicon:
    """The shipped lexicon extended, in order, by the user files in ``paths``.

    Bad entries are kept in ``Lexicon.problems`` and skipped (or, with ``strict``, raised).
    """
    files = [DEFAULT_LEXICON_PATH] if include_default else []
    files.extend(Path(p) for p in paths)
    entries: list[LexiconEntry] = []
    problems: list[LexiconProblem] = []
    for path in files:
        file_entries, file_problems = read_lexicon_file(path, ontology)
        if strict and file_problems:
            raise LexiconError(str(file_problems[0]))
        entries.extend(file_entries)
        problems.extend(file_problems)
    return Lexicon(entries, problems)


@cache
def default_lexicon() -> Lexicon:
    """The shipped lexicon alone (read once per process)."""
    return load_lexicon()


lexicons.register("eventwire.lexicon.default.v1", func=default_lexicon)


class _BadEntry(ValueError):
    pass


def _parse_entry(raw: Any, source: str, ontology: Ontology) -> list[LexiconEntry]:
    """One YAML entry, expanded: a list of lemmas or prepositions gives one entry for each."""
    if not isinstance(raw, Mapping):
        raise _BadEntry(f"an entry is a mapping, not {type(raw).__name__}")
    unknown = set(raw) - _ENTRY_KEYS
    if unknown:
        raise _BadEntry(f"unknown keys {sorted(unknown)}")
    lemmas = _words(raw.get("lemma"), "lemma")
    if not lemmas:
        raise _BadEntry("no lemma")
    pos = raw.get("pos", "VERB")
    if pos not in _POS:
        raise _BadEntry(f"pos must be VERB or NOUN, not {pos!r}")
    code = raw.get("code")
    if not isinstance(code, str):
        # YAML reads an unquoted 057 as the octal number 47: codes must be quoted.
        raise _BadEntry(f'code must be a quoted string like "057", not {code!r}')
    if code not in ontology:
        raise _BadEntry(f"unknown CAMEO code {code!r}")
    particles: list[str | None] = list(_words(raw.get("particle"), "particle")) or [None]
    if len(particles) > 1:
        raise _BadEntry("one particle per entry")
    preps: list[str | None] = list(_words(raw.get("prep"), "prep")) or [None]
    objects = frozenset(_words(raw.get("object_lemmas"), "object_lemmas"))
    plover = _parse_plover(raw.get("plover"))
    role = raw.get("target_role")
    if role is not None and role not in TARGET_ROLES:
        raise _BadEntry(f"target_role must be one of {', '.join(TARGET_ROLES)}, not {role!r}")
    complement = raw.get("complement")
    if complement is not None and complement not in COMPLEMENTS:
        raise _BadEntry(f"complement must be one of {', '.join(COMPLEMENTS)}, not {complement!r}")
    return [
        LexiconEntry(
            lemma=lemma,
            pos=pos,
            code=code,
            particle=particles[0],
            prep=prep,
            object_lemmas=objects,
            plover=plover,
            target_role=role,
            source=source,
            complement=complement,
        )
        for lemma in lemmas
        for prep in preps
    ]


def _words(value: Any, key: str) -> list[str]:
    """A word or list of words, lower-cased; spaces inside a lemma are kept ("take over")."""
    if value is None:
        return []
    values = value if isinstance(value, list) else [value]
    words = []
    for word in values:
        if isinstance(word, bool):
            # YAML 1.1 reads unquoted on/off/yes/no as booleans.
            raise _BadEntry(f'{key}: {word!r} is a YAML boolean; quote words like "on", "off"')
        if not isinstance(word, str) or not word.strip():
            raise _BadEntry(f"{key} must be a word or a list of words, not {word!r}")
        words.append(word.strip().lower())
    return words


def _parse_plover(value: Any) -> Plover | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = {"category": value}
    if not isinstance(value, Mapping):
        raise _BadEntry(f"plover must be a category or a mapping, not {value!r}")
    category = value.get("category")
    if category not in PLOVER_CATEGORIES:
        raise _BadEntry(f"unknown PLOVER category {category!r}")
    mode, context = value.get("mode"), value.get("context")
    for name, part in (("mode", mode), ("context", context)):
        if part is not None and not isinstance(part, str):
            raise _BadEntry(f"plover {name} must be a string")
    return Plover(category, mode, context)
