"""resolve_actor: names and phrases to actors on a date."""

from __future__ import annotations

from datetime import date

import pytest

from eventwire.actors import UNRESOLVED, KnowledgeBase, resolve_actor

D = date


@pytest.mark.parametrize(
    ("name", "on_date", "actor_id", "code"),
    [
        ("Sergei Shoigu", D(2024, 1, 1), "person/sergei-shoigu", "RUSGOV"),
        ("Sergey Shoigu", D(2024, 9, 14), "person/sergei-shoigu", "RUSGOV"),
        ("Vladimir Putin", D(2024, 12, 5), "person/vladimir-putin", "RUSGOV"),
        ("Kim Jong Un", D(2024, 12, 5), "person/kim-jong-un", "PRKGOV"),
        ("Kim Jong-un", D(2024, 9, 14), "person/kim-jong-un", "PRKGOV"),
        ("Sergei Lavrov", D(2024, 12, 5), "person/sergey-lavrov", "RUSGOV"),
        ("Antony Blinken", D(2024, 12, 5), "person/antony-blinken", "USAGOV"),
        ("Antony Blinken", D(2025, 6, 1), "person/antony-blinken", "USAELI"),
        ("C.Q. Brown", D(2024, 12, 5), "person/c-q-brown", "USAMIL"),
        ("Charles Q. Brown Jr.", D(2024, 12, 5), "person/c-q-brown", "USAMIL"),
        ("Valery Gerasimov", D(2024, 12, 5), "person/valery-gerasimov", "RUSMIL"),
        ("Radoslaw Sikorski", D(2024, 12, 5), "person/radoslaw-sikorski", "POLGOV"),
        ("Radosław Sikorski", D(2014, 1, 1), "person/radoslaw-sikorski", "POLGOV"),
        ("Baiba Braze", D(2024, 12, 5), "person/baiba-braze", "LVAGOV"),
        ("Boris Pistorius", D(2024, 12, 5), "person/boris-pistorius", "DEUGOV"),
        ("Volodymyr Zelensky", D(2019, 6, 1), "person/volodymyr-zelensky", "UKRGOV"),
        ("Zelenskyy", D(2024, 6, 1), "person/volodymyr-zelensky", "UKRGOV"),
        ("Friedrich Merz", D(2025, 12, 14), "person/friedrich-merz", "DEUGOV"),
        ("Donald Trump", D(2018, 1, 1), "person/donald-trump", "USAGOV"),
        ("Donald Trump", D(2025, 2, 1), "person/donald-trump", "USAGOV"),
        ("Steve Witkoff", D(2025, 12, 14), "person/steve-witkoff", "USAGOV"),
        ("Xi Jinping", D(2024, 9, 14), "person/xi-jinping", "CHNGOV"),
        ("Pyongyang", D(2024, 9, 14), "PRK", "PRK"),
        ("Kiev", None, "UKR", "UKR"),
        ("the Kremlin", None, "RUSGOV", "RUSGOV"),
        ("the White House", None, "USAGOV", "USAGOV"),
        ("the Pentagon", None, "USAMIL", "USAMIL"),
        ("Downing Street", None, "GBRGOV", "GBRGOV"),
        ("U.S.", None, "USA", "USA"),
        ("DPRK", None, "PRK", "PRK"),
        ("N. Korea", None, "PRK", "PRK"),
        ("Britain", None, "GBR", "GBR"),
        ("NATO", None, "IGO-NATO", "IGOWSTNAT"),
        ("KCNA", None, "org/kcna", "PRKMED"),
        ("Conflict Armament Research", None, "org/car", "NGO"),
        ("Western powers", None, "WST", "WST"),
        ("Russia's foreign minister", D(2024, 12, 5), "person/sergey-lavrov", "RUSGOV"),
        ("the Russian navy", D(2024, 12, 5), "RUSMIL", "RUSMIL"),
        ("Russia's Security Council", D(2024, 9, 14), "RUSGOV", "RUSGOV"),
        ("Seoul's Joint Chiefs of Staff", D(2024, 9, 14), "KORMIL", "KORMIL"),
        ("Russian forces", D(2024, 12, 5), "RUSMIL", "RUSMIL"),
        ("North Korean troops", D(2024, 12, 5), "PRKMIL", "PRKMIL"),
        ("US military", None, "USAMIL", "USAMIL"),
        ("Security Council of Russia", D(2024, 9, 14), "RUSGOV", "RUSGOV"),
        (
            "Polish Foreign Minister Radoslaw Sikorski",
            D(2024, 12, 5),
            "person/radoslaw-sikorski",
            "POLGOV",
        ),
        ("Latvian diplomat Janis Berzins", D(2024, 12, 5), "person/janis-berzins", "LVAGOV"),
    ],
)
def test_resolves_on_date(
    kb: KnowledgeBase, name: str, on_date: date | None, actor_id: str, code: str
) -> None:
    actor = resolve_actor(name, on_date, kb)
    assert (actor.actor_id, actor.code) == (actor_id, code)


@pytest.mark.parametrize(
    ("on_date", "office"),
    [
        (D(2020, 1, 1), "defence minister"),
        (D(2024, 5, 11), "defence minister"),
        (D(2024, 5, 12), "security council secretary"),
        (D(2024, 9, 14), "security council secretary"),
    ],
)
def test_shoigu_changes_office_in_may_2024(kb: KnowledgeBase, on_date: date, office: str) -> None:
    assert resolve_actor("Shoigu", on_date, kb).office == office


def test_sikorski_two_spells_as_foreign_minister(kb: KnowledgeBase) -> None:
    assert resolve_actor("Radoslaw Sikorski", D(2014, 1, 1), kb).office == "foreign minister"
    assert resolve_actor("Radoslaw Sikorski", D(2020, 1, 1), kb).code == "POLELI"
    assert resolve_actor("Radoslaw Sikorski", D(2023, 12, 13), kb).office == "foreign minister"


def test_braze_is_foreign_minister_only_from_april_2024(kb: KnowledgeBase) -> None:
    assert resolve_actor("Baiba Braze", D(2024, 4, 19), kb).office == "foreign minister"
    assert resolve_actor("Baiba Braze", D(2024, 4, 18), kb).office != "foreign minister"


def test_undated_uses_latest_role_with_lower_confidence(kb: KnowledgeBase) -> None:
    dated = resolve_actor("Sergei Shoigu", D(2024, 9, 14), kb)
    undated = resolve_actor("Sergei Shoigu", None, kb)
    assert undated.office == "security council secretary"
    assert undated.confidence < dated.confidence


@pytest.mark.parametrize(
    ("name", "on_date"),
    [
        ("Kim", D(1990, 1, 1)),  # no Kim held office then: two candidates, none on the date
        ("the North", None),  # needs a Korean context
        ("Congolese", None),  # two Congos
        ("Gazprom Neft", None),
        ("", None),
        ("the", None),
    ],
)
def test_unsure_means_unresolved(kb: KnowledgeBase, name: str, on_date: date | None) -> None:
    assert resolve_actor(name, on_date, kb) == UNRESOLVED


def test_surname_picks_the_office_holder_on_the_date(kb: KnowledgeBase) -> None:
    assert resolve_actor("Kim", D(2024, 1, 1), kb).actor_id == "person/kim-jong-un"
    assert resolve_actor("Kim", D(2005, 1, 1), kb).actor_id == "person/kim-jong-il"
    assert resolve_actor("Brown", D(2024, 12, 5), kb).actor_id == "person/c-q-brown"
    assert resolve_actor("Brown", D(2008, 1, 1), kb).actor_id == "person/gordon-brown"


def test_a_surname_alone_is_not_someone_known_only_from_years_later(kb: KnowledgeBase) -> None:
    # The knowledge base knows one Powell, a British adviser appointed in 2024: "Powell" in a
    # 2006 story is a namesake (Colin Powell), never him; his full name still is him.
    assert resolve_actor("Powell", D(2006, 12, 18), kb) == UNRESOLVED
    assert resolve_actor("Powell", D(2024, 12, 5), kb).actor_id == "person/jonathan-powell"
    assert resolve_actor("Jonathan Powell", D(2006, 12, 18), kb).actor_id == (
        "person/jonathan-powell"
    )
    # A few years before a first office is still the same person (Lavrov at the UN, 2001).
    assert resolve_actor("Lavrov", D(2001, 6, 1), kb).actor_id == "person/sergey-lavrov"


def test_default_knowledge_base_is_used_when_none_given() -> None:
    assert resolve_actor("Kyiv", None).code == "UKR"


@pytest.mark.parametrize(
    ("name", "code", "country"),
    [
        # non-state armed groups and movements (issue 13: the knowledge base knew none of
        # these, so their events had no side): the country they fight in + REB, a party PTY,
        # a group of no one state CAMEO's IMG code
        ("Kurdistan Workers' Party", "TURREB", "TUR"),
        ("PKK", "TURREB", "TUR"),
        ("YPG", "SYRREB", "SYR"),
        ("Tamil Tigers", "LKAREB", "LKA"),
        ("al-Shabab", "SOMREB", "SOM"),
        ("Boko Haram", "NGAREB", "NGA"),
        ("Fatah", "PSEPTY", "PSE"),
        ("Al-Qaida", "IMGMUSALQ", None),
        ("al-Qaeda in Iraq", "IRQREB", "IRQ"),
        # the Pope heads the Holy See
        ("the Pope", "VATGOV", "VAT"),
    ],
)
def test_well_known_non_state_groups(
    kb: KnowledgeBase, name: str, code: str, country: str | None
) -> None:
    actor = resolve_actor(name, D(2006, 6, 1), kb)
    assert (actor.code, actor.country, actor.kind) == (code, country, "group")


@pytest.mark.parametrize("name", ["SDF", "IRA", "Tigers"])
def test_short_forms_that_name_other_things_stay_unresolved(kb: KnowledgeBase, name: str) -> None:
    # "SDF" is also Japan's Self-Defense Forces, "IRA" a US law, "Tigers" a sports team
    assert resolve_actor(name, D(2006, 6, 1), kb) == UNRESOLVED
