"""The PETRARCH-2 verb pattern importer."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.events.triggers.petrarch import load_petrarch_lexicon, read_petrarch_verbs
from eventwire.registry import lexicons
from tests.conftest import shared_path

SAMPLE = """\
# header comment
####### SYNONYM SETS #######

&STRONGHOLD
+STRONGHOLD
+FORT
+CITY_WALL

####### VERB PATTERNS #######

--- ABANDON [080] ---
ABANDON
+GIVE_UP
- * &STRONGHOLD [0874]  # ABANDON
- * OUTPOST IN + [0874]  # ABANDON
- * + PARTY [160]  # ABANDON
- CREW * SHIP [080]  # ABANDON
- * PLAN [---]  # ABANDON
- * ^ RELATIONS [050:050]  # ABANDON
- * DIPLOMATIC_RELATIONS [161]
- * FOR ELECTION [0241]
- * ATTEMPT [999]

--- CONFER [040:040] ---
CONFER
CALL [041]
SAY {SAYS SAID}
- * WITH + [040]
"""


def test_sample_patterns(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    result = read_petrarch_verbs(path)
    assert result.verbs_read == 5
    assert result.patterns_read == 10
    assert result.patterns_imported == 4
    lexicon = result.lexicon()
    fort = lexicon.match_verb("abandon", None, None, ["fort"])
    assert fort is not None and fort.code == "0874"
    assert lexicon.match_verb("give", "up", None, ["stronghold"]).code == "0874"  # type: ignore[union-attr]
    outpost = lexicon.match_verb("abandon", None, "in", ["outpost"])
    assert outpost is not None and outpost.code == "0874" and outpost.prep == "in"
    assert lexicon.match_verb("abandon", None, None, ["election"]).code == "0241"  # type: ignore[union-attr]
    assert lexicon.match_verb("abandon", None, None, []).code == "080"  # type: ignore[union-attr]
    assert lexicon.match_verb("call", None, None, []).code == "041"  # type: ignore[union-attr]
    assert lexicon.match_verb("say", None, "with", []).code == "040"  # type: ignore[union-attr]
    reasons = {problem.line: problem.message for problem in result.problems}
    assert "target '+' in the middle" in reasons[16]
    assert "words before the verb" in reasons[17]
    assert "null code" in reasons[18]
    assert "skipped phrase" in reasons[19]
    assert "fixed phrase" in reasons[20]
    assert "unknown CAMEO code" in reasons[22]
    assert all(str(path) in str(problem) for problem in result.problems)


def test_registered_importer(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    assert lexicons.get("eventwire.lexicon.petrarch2.v1") is load_petrarch_lexicon
    assert len(load_petrarch_lexicon(path)) > 0


@pytest.mark.shared
def test_real_dictionary() -> None:
    path = shared_path("reference", "petrarch2_CAMEO.verbpatterns.150430.txt")
    result = read_petrarch_verbs(path)
    # Counts on the 2015-04-30 file (see the events report): every pattern is either
    # imported or reported with its line.
    assert result.patterns_read == 11015
    assert (
        result.patterns_imported + sum(1 for p in result.problems if p.line is not None)
        >= result.patterns_read
    )
    assert result.patterns_imported > 2500
    assert len(result.entries) > 20000
    lexicon = result.lexicon()
    assert lexicon.match_verb("abandon", None, None, ["stronghold"]).code == "0874"  # type: ignore[union-attr]
