"""The CAMEO ontology: every reference code, its Goldstein score, quad class and PLOVER mapping."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventwire.errors import UnknownCameoCode
from eventwire.events.ontology import (
    PLOVER_CATEGORIES,
    PLV_ROOTS,
    OntologyDataError,
    load_ontology,
    plv_root,
    read_ontology,
)
from tests.conftest import shared_path

HEADER = (
    "code,label,icews_label,variant_of,goldstein,goldstein_source,quad_class,"
    "plover_category,plover_mode,plover_context,plover_source"
)


@pytest.mark.parametrize(
    ("code", "label", "goldstein", "quad", "category"),
    [
        ("057", "Sign formal agreement", 8.0, 1, "SUPPORT"),
        ("112", "Accuse", -2.0, 3, "ACCUSE"),
        ("190", "Use conventional military force", -10.0, 4, "ASSAULT"),
        ("042", "Make a visit", 1.9, 1, "CONSULT"),
        ("041", "Discuss by telephone", 1.0, 1, "CONSULT"),
        ("072", "Provide military aid", 8.3, 2, "AID"),
        ("0841", "Return, release person(s)", 7.0, 2, "RETREAT"),
        ("0831", "Accede to demands for change in leadership", 5.0, 2, "CONCEDE"),
        ("163", "Impose embargo, boycott, or sanctions", -8.0, 4, "SANCTION"),
        ("141", "Demonstrate or rally", -6.5, 4, "PROTEST"),
        ("020", "Make an appeal or request", 3.0, 1, "REQUEST"),
        ("016", "Deny responsibility", -2.0, 1, "REJECT"),
    ],
)
def test_known_codes(code: str, label: str, goldstein: float, quad: int, category: str) -> None:
    entry = load_ontology().lookup(code)
    assert (entry.label, entry.goldstein, entry.quad_class) == (label, goldstein, quad)
    assert entry.plover is not None and entry.plover.category == category


def test_plover_mode_and_context_come_from_the_table() -> None:
    entry = load_ontology().lookup("041")
    assert entry.plover is not None and entry.plover.mode == "phone"
    entry = load_ontology().lookup("1121")
    assert entry.plover is not None and entry.plover.context == "crime;corruption"


def test_unknown_code_raises() -> None:
    with pytest.raises(UnknownCameoCode):
        load_ontology().lookup("999")
    assert "999" not in load_ontology()


def test_statements_dropped_by_plover_have_no_category() -> None:
    entry = load_ontology().lookup("010")
    assert entry.plover is None and entry.plover_source == "dropped"


def test_missing_goldstein_is_inherited_from_the_parent() -> None:
    ontology = load_ontology()
    child = ontology.lookup("1951")
    assert child.goldstein_inherited and child.goldstein == ontology.lookup("195").goldstein
    assert not ontology.lookup("195").goldstein_inherited


def test_icews_variants_are_marked() -> None:
    ontology = load_ontology()
    variant = ontology.lookup("0811i")
    assert variant.is_icews_variant and variant.variant_of == "0811"
    assert ontology.lookup("13y").variant_of == "137"
    assert ontology.lookup("0214").icews_label == "Appeal for intelligence"
    assert variant not in ontology.children("081")
    assert ontology.variants("0811") == (variant,)


def test_children_and_roots() -> None:
    ontology = load_ontology()
    assert [c.code for c in ontology.children("19")] == [
        "190",
        "191",
        "192",
        "193",
        "194",
        "195",
        "196",
    ]
    assert [c.code for c in ontology.children("195")] == ["1951", "1952"]
    assert ontology.lookup("19").is_root and ontology.lookup("1951").root == "19"
    with pytest.raises(UnknownCameoCode):
        ontology.children("99")


def test_quad_classes_follow_gdelt() -> None:
    for entry in load_ontology():
        root = int(entry.root)
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert entry.quad_class == expected, entry.code


def test_plover_categories() -> None:
    ontology = load_ontology()
    assert len(ontology.plover_categories) == 16
    used = {c.plover.category for c in ontology if c.plover is not None}
    assert used == set(PLOVER_CATEGORIES)
    assert len(PLV_ROOTS) == 15 and plv_root("RETREAT") == plv_root("CONCEDE") == "YIELD"
    assert plv_root("AID") == "AID"


def test_load_is_cached() -> None:
    assert load_ontology() is load_ontology()


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("057,Sign,,,8.0,table,1,AGREE,,,table\n057,Sign,,,8.0,table,1,AGREE,,,table", "duplicate"),
        ("057,Sign,,,high,table,1,AGREE,,,table", "malformed Goldstein"),
        ("057,Sign,,,8.0,table,1,AGREEMENT,,,table", "unknown PLOVER category"),
        ("057,Sign,,,8.0,table,7,AGREE,,,table", "quad class"),
        ("05x7,Sign,,,8.0,table,1,AGREE,,,table", "malformed CAMEO code"),
        ("0571i,Sign,,0999,8.0,table,1,AGREE,,,table", "variant of unknown"),
    ],
)
def test_bad_rows_name_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "cameo.csv"
    path.write_text(f"# comment\n{HEADER}\n{row}\n", encoding="utf-8")
    with pytest.raises(OntologyDataError, match=message) as raised:
        read_ontology(path)
    assert re.search(rf"{re.escape(str(path))}:\d+", str(raised.value))


@pytest.mark.shared
def test_every_reference_code_is_present_with_its_goldstein() -> None:
    codefile = shared_path("reference", "CAMEO_codefile.txt")
    scale = shared_path("reference", "CAMEO.goldsteinscale.txt")
    goldstein = {}
    for line in scale.read_text().splitlines()[1:]:
        parts = line.split()
        if len(parts) == 2:
            goldstein[parts[0]] = float(parts[1])
    ontology = load_ontology()
    codes = re.findall(r"^LABEL[iI]?:\s*(\w+)=", codefile.read_text(), flags=re.MULTILINE)
    assert len(set(codes)) == 300  # 295 CAMEO codes and 5 ICEWS variant codes
    for code in set(codes):
        entry = ontology.lookup(code)
        reference = code
        while reference not in goldstein:  # codes missing from the table inherit the parent's
            reference = ontology.lookup(reference).parent or ""
        assert entry.goldstein == goldstein[reference], code
    for code, score in goldstein.items():
        assert ontology.lookup(code).goldstein == score, code


@pytest.mark.shared
def test_plover_table_is_followed_except_documented_project_decisions() -> None:
    table = shared_path("reference", "CAMEO2PLOVER-2021.txt")
    ontology = load_ontology()
    seen = set()
    for line in table.read_text().splitlines():
        match = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,", line)
        if not match or match.group(1) in seen:
            continue
        seen.add(match.group(1))
        entry = ontology.lookup(match.group(1))
        if entry.plover_source == "project":
            # The PLOVER manual codes international sanctions as SANCTION (table: COERCE).
            assert entry.code == "163" and entry.plover is not None
            assert entry.plover.category == "SANCTION"
            continue
        assert entry.plover is not None and entry.plover.category == match.group(2), entry.code
