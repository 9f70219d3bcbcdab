"""Importer of PETRARCH-2 verb pattern dictionaries into lexicon entries.

The format (``CAMEO.verbpatterns`` files of the Open Event Data Alliance): ``&NAME`` synonym sets
of ``+WORD`` lines; then ``--- NAME [CODE] ---`` verb blocks listing synonymous verbs (``SAY
{SAYS SAID}`` with irregular forms, ``+CALL_ON`` for a verb with a particle, an optional own
``[CODE]``), followed by patterns that apply to every verb of the block::

    - * OUTPOST IN + [0874]  # ABANDON <jap 22 Feb 2002>

where ``*`` is the verb, ``+`` the target, ``$`` the source, ``%`` a compound actor, ``^`` a
skipped phrase, ``&SET`` any word of a synonym set, ``WORD_WORD`` a fixed phrase and ``[---]`` a
pattern that codes nothing. What our lexicon can say — a verb, its particle, the preposition of
the target and one object word — becomes a :class:`LexiconEntry`; every other pattern is reported
as a :class:`LexiconProblem` with its line and the reason, never dropped silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from eventwire.events.ontology import Ontology, load_ontology
from eventwire.events.triggers.lexicon import Lexicon, LexiconEntry, LexiconError, LexiconProblem
from eventwire.registry import lexicons

__all__ = ["PetrarchImport", "load_petrarch_lexicon", "read_petrarch_verbs"]

_SECTION_MARK = "VERB PATTERNS"
_BLOCK = re.compile(r"^---\s*(\S+)\s*\[([^\]]*)\]\s*---")
_CODE = re.compile(r"\[([^\]]*)\]")
_NULL_CODE = "---"
# Particles PETRARCH writes as +VERB_PARTICLE that English phrasal verbs take.
_PARTICLES = frozenset(
    [
        "about",
        "across",
        "along",
        "apart",
        "around",
        "aside",
        "away",
        "back",
        "down",
        "forward",
        "in",
        "off",
        "on",
        "out",
        "over",
        "through",
        "together",
        "up",
    ]
)
# Prepositions that may link a target ("* IN +") or a non-target object ("* FOR ELECTION").
_PREPOSITIONS = frozenset(
    [
        "about",
        "above",
        "across",
        "after",
        "against",
        "along",
        "alongside",
        "amid",
        "among",
        "around",
        "as",
        "at",
        "before",
        "behind",
        "below",
        "beside",
        "between",
        "by",
        "despite",
        "during",
        "for",
        "from",
        "in",
        "inside",
        "into",
        "near",
        "of",
        "off",
        "on",
        "onto",
        "over",
        "per",
        "through",
        "throughout",
        "to",
        "toward",
        "towards",
        "under",
        "until",
        "upon",
        "via",
        "with",
        "within",
        "without",
    ]
)
_ACTOR_MARKS = frozenset({"$", "+", "%"})


@dataclass(frozen=True, slots=True)
class PetrarchImport:
    """The result of reading one PETRARCH verb dictionary, with its counts."""

    entries: tuple[LexiconEntry, ...]
    problems: tuple[LexiconProblem, ...]
    verbs_read: int
    patterns_read: int
    patterns_imported: int

    def lexicon(self) -> Lexicon:
        return Lexicon(self.entries, self.problems)


@dataclass
class _Block:
    name: str
    code: str | None
    line: int
    verbs: list[tuple[str, str | None, str | None]] = field(default_factory=list)


def read_petrarch_verbs(path: Path, ontology: Ontology | None = None) -> PetrarchImport:
    """Read a PETRARCH verb pattern dictionary; what cannot be expressed is reported."""
    ontology = ontology or load_ontology()
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        raise LexiconError(f"{path}: cannot read PETRARCH dictionary: {error}") from error
    source = str(path)
    synsets = _read_synsets(lines)
    entries: list[LexiconEntry] = []
    problems: list[LexiconProblem] = []
    verbs_read = patterns_read = patterns_imported = 0
    block: _Block | None = None
    in_verbs = False

    def problem(number: int, message: str) -> None:
        problems.append(LexiconProblem(source, None, message, line=number))

    for number, raw in enumerate(lines, start=1):
        line = raw.split("#", 1)[0].strip()
        if _SECTION_MARK in raw and raw.startswith("#"):
            in_verbs = True
            continue
        if not in_verbs or not line:
            continue
        header = _BLOCK.match(line)
        if header:
            code, reason = _code(header.group(2), ontology)
            if reason:
                problem(number, f"block {header.group(1)}: {reason}")
            block = _Block(header.group(1), code, number)
            continue
        if block is None:
            problem(number, "line outside a verb block")
            continue
        if line.startswith("-"):
            patterns_read += 1
            made, reason = _pattern_entries(
                line[1:].strip(), block, synsets, ontology, source, number
            )
            if reason:
                problem(number, reason)
            else:
                patterns_imported += 1
                entries.extend(made)
            continue
        verbs_read += 1
        verb, reason = _verb_entry(line, block, ontology, source, number)
        if reason:
            problem(number, reason)
        if verb is not None:
            entries.append(verb)
    return PetrarchImport(
        tuple(entries), tuple(problems), verbs_read, patterns_read, patterns_imported
    )


def load_petrarch_lexicon(path: Path) -> Lexicon:
    """A lexicon of the entries a PETRARCH verb dictionary could be turned into."""
    return read_petrarch_verbs(Path(path)).lexicon()


lexicons.register("eventwire.lexicon.petrarch2.v1", func=load_petrarch_lexicon)


def _read_synsets(lines: list[str]) -> dict[str, frozenset[str]]:
    """The ``&NAME`` synonym sets: single words only (phrases cannot be one object lemma)."""
    sets: dict[str, set[str]] = {}
    current: set[str] | None = None
    for raw in lines:
        if _SECTION_MARK in raw and raw.startswith("#"):
            break
        line = raw.split("#", 1)[0].strip()
        if line.startswith("&"):
            current = sets.setdefault(line[1:].rstrip("_").upper(), set())
        elif line.startswith("+") and current is not None:
            word = line[1:].strip().rstrip("_").lower()
            if word and "_" not in word and " " not in word:
                current.add(word)
        elif not line:
            current = None
    return {name: frozenset(words) for name, words in sets.items()}


def _code(text: str, ontology: Ontology) -> tuple[str | None, str | None]:
    """A bracketed code as (code, None), or (None, reason) when it cannot be used."""
    text = text.strip()
    if text == _NULL_CODE:
        return None, "null code [---] (a pattern that codes nothing)"
    if ":" in text:
        first, second = (part.strip() for part in text.split(":", 1))
        if first != second:
            return None, f"paired source:target code [{text}] for compound actors"
        text = first
    if text not in ontology:
        return None, f"unknown CAMEO code [{text}]"
    return text, None


def _verb_entry(
    line: str, block: _Block, ontology: Ontology, source: str, number: int
) -> tuple[LexiconEntry | None, str | None]:
    """A verb line of a block (also remembered as a verb the block's patterns apply to)."""
    own = _CODE.search(line)
    words = _CODE.sub("", line).split("{", 1)[0].split()
    if not words:
        return None, "empty verb line"
    word = words[0]
    lemma, particle = word.lstrip("+").lower(), None
    if word.startswith("+") or "_" in word:
        parts = [part for part in lemma.split("_") if part]
        if len(parts) != 2 or parts[1] not in _PARTICLES:
            return None, f"multi-word verb {word} is not a verb with one particle"
        lemma, particle = parts
    code = block.code
    if own:
        code, reason = _code(own.group(1), ontology)
        if reason:
            block.verbs.append((lemma, particle, None))
            return None, f"verb {word}: {reason}"
    block.verbs.append((lemma, particle, code))
    if code is None:
        return None, f"verb {word}: block {block.name} has no usable code"
    return LexiconEntry(lemma, "VERB", code, particle=particle, source=f"{source}:{number}"), None


def _pattern_entries(
    pattern: str,
    block: _Block,
    synsets: dict[str, frozenset[str]],
    ontology: Ontology,
    source: str,
    number: int,
) -> tuple[list[LexiconEntry], str | None]:
    """Entries for one pattern line (one per verb of the block), or the reason there are none."""
    found = _CODE.search(pattern)
    if not found:
        return [], "pattern without a [code]"
    code, reason = _code(found.group(1), ontology)
    if reason:
        return [], reason
    assert code is not None
    tokens = pattern[: found.start()].split()
    if "*" not in tokens:
        return [], "no verb position '*' (or '*' joined to a word)"
    star = tokens.index("*")
    if any(token not in _ACTOR_MARKS for token in tokens[:star]):
        return [], "words before the verb"
    after = [token for token in tokens[star + 1 :] if token != "$"]
    if "%" in after or "^" in after:
        return [], "compound actor '%' or skipped phrase '^' after the verb"
    target_at_end = bool(after) and after[-1] == "+"
    words = after[:-1] if target_at_end else after
    if "+" in words:
        return [], "target '+' in the middle of the pattern"
    prep: str | None = None
    objects: frozenset[str] = frozenset()
    content = [word for word in words if word.lower() not in _PREPOSITIONS]
    preps = [word.lower() for word in words if word.lower() in _PREPOSITIONS]
    if len(content) > 1 or len(preps) > 1:
        return [], "more than one object word or preposition"
    if content:
        objects_or_reason = _object_words(content[0], synsets)
        if isinstance(objects_or_reason, str):
            return [], objects_or_reason
        objects = objects_or_reason
    if preps:
        if target_at_end and words[-1].lower() == preps[0]:
            prep = preps[0]  # "* OUTPOST IN +": the preposition attaches the target
        elif not content:
            return [], "preposition with neither an object word nor the target"
        # else "* FOR ELECTION": the preposition's object is an object word, not the target
    entries = [
        LexiconEntry(
            lemma,
            "VERB",
            code,
            particle=particle,
            prep=prep,
            object_lemmas=objects,
            target_role="prep" if prep else ("object" if target_at_end else None),
            source=f"{source}:{number}",
        )
        for lemma, particle, _ in block.verbs
    ]
    if not entries:
        return [], "block has no verbs"
    return entries, None


def _object_words(word: str, synsets: dict[str, frozenset[str]]) -> frozenset[str] | str:
    """The object lemmas of a pattern word or ``&SET``, or the reason it cannot be one word."""
    if word.startswith("&"):
        members = synsets.get(word[1:].rstrip("_").upper())
        if not members:
            return f"unknown or phrase-only synonym set {word}"
        return members
    if "_" in word.strip("_") or word == "-":
        return f"fixed phrase {word} is not one object word"
    return frozenset({word.strip("_").lower()})
