"""The lexicon of event expressions: shipped data, user files, validation and matching."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.events.ontology import load_ontology
from eventwire.events.triggers.lexicon import (
    DEFAULT_LEXICON_PATH,
    Lexicon,
    LexiconEntry,
    LexiconError,
    default_lexicon,
    load_lexicon,
    read_lexicon_file,
)
from eventwire.registry import lexicons


def test_shipped_lexicon_loads_without_problems() -> None:
    lexicon = default_lexicon()
    assert lexicon.problems == ()
    assert len(lexicon) >= 400


def test_every_code_exists_and_every_root_is_covered() -> None:
    ontology = load_ontology()
    roots = set()
    for entry in default_lexicon():
        roots.add(ontology.lookup(entry.code).root)
    assert roots == {f"{n:02d}" for n in range(1, 21)}


def test_shipped_file_has_no_entry_shadowing_another() -> None:
    # Two entries with the same key in one file would silently drop the first one.
    entries, problems = read_lexicon_file(DEFAULT_LEXICON_PATH)
    assert problems == []
    assert len({entry.key for entry in entries}) == len(entries)


@pytest.mark.parametrize(
    ("lemma", "particle", "prep", "objects", "code"),
    [
        ("sign", None, None, ["treaty"], "057"),
        ("sign", None, None, ["agreement"], "057"),
        ("meet", None, "with", [], "040"),
        ("meet", None, None, ["demand"], "083"),
        ("visit", None, None, [], "042"),
        ("host", None, None, [], "043"),
        ("accuse", None, None, [], "112"),
        ("accuse", None, None, ["espionage"], "1125"),
        ("impose", None, "on", ["sanction"], "163"),
        ("impose", None, None, ["curfew"], "1723"),
        ("call", None, "for", [], "020"),
        ("call", None, "for", ["ceasefire"], "0256"),
        ("call", None, None, [], "041"),
        ("walk", "out", "of", [], "125"),
        ("supply", None, None, ["ammunition", "missile"], "072"),
        ("fire", None, "into", ["missile"], "195"),
        ("threaten", None, None, ["sanction"], "1312"),
        ("deny", None, None, [], "016"),
        ("release", None, None, ["prisoner"], "0841"),
        ("pledge", None, None, [], "030"),
        ("come", None, None, ["force"], "057"),
        ("speak", None, "with", ["phone"], "041"),
    ],
)
def test_verb_matches(
    lemma: str, particle: str | None, prep: str | None, objects: list[str], code: str
) -> None:
    entry = default_lexicon().match_verb(lemma, particle, prep, objects)
    assert entry is not None and entry.code == code


@pytest.mark.parametrize(
    ("lemma", "prep", "modifiers", "code"),
    [
        ("talks", "with", [], "040"),
        ("talks", "between", [], "040"),
        ("visit", "to", [], "042"),
        ("call", "between", [], "041"),
        ("call", None, ["phone"], "041"),
        ("sanction", "against", [], "163"),
        ("agreement", "with", [], "057"),
        ("strike", None, ["drone"], "1952"),
    ],
)
def test_noun_matches(lemma: str, prep: str | None, modifiers: list[str], code: str) -> None:
    entry = default_lexicon().match_noun(lemma, prep, modifiers)
    assert entry is not None and entry.code == code


def test_no_match_for_unknown_trigger_or_missing_particle() -> None:
    lexicon = default_lexicon()
    assert lexicon.match_verb("photosynthesize", None, None, []) is None
    # "walk" alone is not an event; only "walk out (of)" is.
    assert lexicon.match_verb("walk", None, "of", []) is None


def test_most_specific_entry_wins() -> None:
    bare = LexiconEntry("impose", "VERB", "172")
    prep = LexiconEntry("impose", "VERB", "170", prep="on")
    obj = LexiconEntry("impose", "VERB", "1723", object_lemmas=frozenset({"curfew"}))
    both = LexiconEntry("impose", "VERB", "163", prep="on", object_lemmas=frozenset({"sanction"}))
    lexicon = Lexicon([both, obj, prep, bare])
    assert lexicon.match_verb("impose", None, "on", ["sanction"]) == both
    assert lexicon.match_verb("impose", None, "on", ["curfew"]) == obj
    assert lexicon.match_verb("impose", None, "on", ["tax"]) == prep
    assert lexicon.match_verb("impose", None, None, []) == bare


def test_lookup_by_lemma() -> None:
    lexicon = default_lexicon()
    assert {e.code for e in lexicon.verb_entries("sign")} >= {"057"}
    assert all(e.pos == "NOUN" for e in lexicon.noun_entries("visit"))
    assert "sign" in lexicon.lemmas("VERB")


def test_plover_override_and_default() -> None:
    lexicon = default_lexicon()
    pardon = lexicon.match_verb("pardon", None, None, [])
    assert pardon is not None and pardon.plover is not None
    assert pardon.resolve_plover().category == "CONCEDE"  # type: ignore[union-attr]
    signing = lexicon.match_verb("sign", None, None, ["treaty"])
    assert signing is not None and signing.resolve_plover().category == "SUPPORT"  # type: ignore[union-attr]


USER_FILE = """
version: 1
entries:
  - {lemma: sign, object_lemmas: [treaty], code: "057", plover: AGREE}
  - {lemma: parley, prep: with, code: "046"}
  - {lemma: frobnicate, code: "999"}
  - {lemma: snub, code: 120}
  - {lemma: vex, pos: ADJ, code: "111"}
  - {lemma: jostle, prep: on, code: "182"}
  - {code: "111"}
  - just a string
"""


def test_user_file_extends_overrides_and_reports_problems(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    lexicon = load_lexicon([path])
    signing = lexicon.match_verb("sign", None, None, ["treaty"])
    assert signing is not None and signing.plover is not None
    assert signing.plover.category == "AGREE"  # the user's override of the table's SUPPORT
    parley = lexicon.match_verb("parley", None, "with", [])
    assert parley is not None and parley.code == "046"
    problems = {problem.index: str(problem) for problem in lexicon.problems}
    assert sorted(problems) == [2, 3, 4, 5, 6, 7]
    assert "unknown CAMEO code '999'" in problems[2]
    assert "quoted string" in problems[3]
    assert "VERB or NOUN" in problems[4]
    assert "YAML boolean" in problems[5]
    assert all(str(path) in message for message in problems.values())
    # parley is new; the user's sign+treaty is a new, narrower key that wins its ties
    assert len(lexicon) == len(default_lexicon()) + 2


def test_strict_loading_raises(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(USER_FILE, encoding="utf-8")
    with pytest.raises(LexiconError, match="entry 2: unknown CAMEO code"):
        load_lexicon([path], strict=True)


@pytest.mark.parametrize("text", ["entries: 3", "- a\n- b", "{unclosed: [", ""])
def test_unreadable_file_is_an_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError, match=str(path)):
        load_lexicon([path], include_default=False)


def test_registered() -> None:
    assert lexicons.get("eventwire.lexicon.default.v1")() is default_lexicon()
