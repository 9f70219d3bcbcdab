"""Reading our own actor data format (shipped in ``actors/data/``, or a user's files) into a KB.

Every reader takes ``(path, kb)``, adds what it can and records each bad entry as a
:class:`DictionaryProblem` with its file and line; it never raises on bad content. The format
is described in ``actors/data/README.md``.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from eventwire import registry
from eventwire.actors.kb import (
    SECTOR_LABELS,
    ActorRecord,
    DictionaryProblem,
    KnowledgeBase,
    Membership,
    NameEntry,
    Role,
    Vocabulary,
    slug,
)

__all__ = [
    "DATA_DIR",
    "load_our_yaml",
    "load_shipped",
    "load_states_csv",
    "organisation_actor_id",
]

DATA_DIR = Path(__file__).parent / "data"
_LINE = "__line__"
_KINDS_ORG = ("igo", "group")
_GENDERS = ("m", "f")


class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe YAML loader that remembers the line of every mapping (for problem reports)."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = loader.construct_mapping(node, deep=True)
    mapping[_LINE] = node.start_mark.line + 1
    return mapping


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    # Dates stay text here and are checked by _date, so "2024-13-01" becomes a reported
    # problem on its line instead of an exception from the YAML library.
    return str(loader.construct_scalar(node))


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


def _read_yaml(path: Path, kb: KnowledgeBase) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except (OSError, UnicodeDecodeError) as exc:
        kb.report(DictionaryProblem(str(path), 0, f"cannot read: {exc}"))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        kb.report(DictionaryProblem(str(path), line, f"not valid YAML: {exc}"))
    return None


class _Bad(ValueError):
    """A bad entry; the message becomes the problem's reason."""


def _date(value: object, what: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise _Bad(f"{what} {value!r} is not an ISO date (YYYY-MM-DD)") from None


def _strings(value: object, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise _Bad(f"{what} must be a list of strings")


def _code(value: object, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _Bad(f"{what} is missing")
    return value.strip()


def _entries(
    path: Path, kb: KnowledgeBase, items: object, add: Callable[[dict[str, Any]], None]
) -> None:
    """Run ``add`` on each mapping of a list, turning failures into problem records."""
    if not isinstance(items, list):
        kb.report(DictionaryProblem(str(path), 0, "expected a list of entries"))
        return
    for item in items:
        line = item.get(_LINE, 0) if isinstance(item, dict) else 0
        if not isinstance(item, dict):
            kb.report(DictionaryProblem(str(path), line, f"entry is not a mapping: {item!r}"))
            continue
        try:
            add(item)
        except _Bad as exc:
            kb.report(DictionaryProblem(str(path), line, str(exc)))


def organisation_actor_id(key: str, kind: str) -> str:
    """The stable id of an organisation: ``IGO-<KEY>`` for IGOs, ``org/<key>`` otherwise."""
    return f"IGO-{key.upper()}" if kind == "igo" else f"org/{key.lower()}"


# -- states ------------------------------------------------------------------------------------
def load_states_csv(path: Path, kb: KnowledgeBase) -> None:
    """States: ``iso3,name,aliases,adjectives,capitals`` (lists separated by ``;``)."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except OSError as exc:
        kb.report(DictionaryProblem(str(path), 0, f"cannot read: {exc}"))
        return
    with handle:
        reader = csv.DictReader(handle)
        missing = {"iso3", "name"} - set(reader.fieldnames or ())
        if missing:
            kb.report(DictionaryProblem(str(path), 1, f"missing columns {sorted(missing)}"))
            return
        for row in reader:
            line = reader.line_num
            iso = (row.get("iso3") or "").strip()
            name = (row.get("name") or "").strip()
            if len(iso) != 3 or not iso.isalpha() or not iso.isupper() or not name:
                kb.report(DictionaryProblem(str(path), line, f"bad iso3 or name: {iso!r} {name!r}"))
                continue
            kb.add_record(
                ActorRecord(iso, name, "state", iso, country=iso, source=f"{path.name}:{line}")
            )
            entry = NameEntry(iso, source=f"{path.name}:{line}")
            for column in ("name", "aliases", "adjectives", "capitals"):
                for alias in (row.get(column) or "").split(";"):
                    kb.add_name(alias, entry)
            # The people of a state by their plural demonym act for it ("Iranians protested
            # outside the embassy", "Saudis"), as PETRARCH's country dictionary codes them.
            for adjective in (row.get("adjectives") or "").split(";"):
                adjective = adjective.strip()
                if adjective.endswith(("an", "i")) and adjective[:1].isupper():
                    kb.add_name(adjective + "s", entry)


# -- our YAML sections -------------------------------------------------------------------------
def _add_metonym(kb: KnowledgeBase, item: dict[str, Any], source: str) -> None:
    name = _code(item.get("name"), "name")
    country = _code(item.get("country"), "country")
    if kb.record(country) is None:
        raise _Bad(f"unknown country {country!r}")
    sector = item.get("sector")
    if sector is not None and sector not in SECTOR_LABELS:
        raise _Bad(f"unknown sector {sector!r}")
    context = tuple(_strings(item.get("context"), "context"))
    kb.add_name(name, NameEntry(country, sector=sector, context=context, source=source))


def _add_region(kb: KnowledgeBase, item: dict[str, Any], source: str) -> None:
    code = _code(item.get("code"), "code")
    name = _code(item.get("name"), "name")
    kb.add_record(ActorRecord(code, name, "region", code, source=source))
    for alias in [name, *_strings(item.get("aliases"), "aliases")]:
        kb.add_name(alias, NameEntry(code, source=source))


def _add_organisation(kb: KnowledgeBase, item: dict[str, Any], source: str) -> None:
    key = _code(item.get("key"), "key")
    name = _code(item.get("name"), "name")
    code = _code(item.get("code"), "code")
    kind = item.get("kind", "igo")
    if kind not in _KINDS_ORG:
        raise _Bad(f"kind must be one of {_KINDS_ORG}, not {kind!r}")
    country = item.get("country")
    actor_id = organisation_actor_id(key, kind)
    sector = code[3:6] if country and code.startswith(str(country)) and len(code) >= 6 else None
    kb.add_record(ActorRecord(actor_id, name, kind, code, country, sector, source=source))
    for alias in [name, *_strings(item.get("aliases"), "aliases")]:
        kb.add_name(alias, NameEntry(actor_id, source=source))
    members = item.get("members") or {}
    if not isinstance(members, dict):
        raise _Bad("members must map ISO3 codes to 'joined' or 'joined..left' dates")
    for member, span in members.items():
        if member == _LINE:
            continue
        joined, _, left = str(span).partition("..")
        kb.add_membership(
            Membership(key, str(member), _date(joined, "joined"), _date(left or None, "left"))
        )


def _organisation_by_key(kb: KnowledgeBase, key: str) -> ActorRecord | None:
    return kb.record(organisation_actor_id(key, "igo")) or kb.record(
        organisation_actor_id(key, "group")
    )


def _add_person(kb: KnowledgeBase, item: dict[str, Any], source: str) -> None:
    name = _code(item.get("name"), "name")
    country = _code(item.get("country"), "country")
    if kb.record(country) is None:
        raise _Bad(f"unknown country {country!r}")
    sector = item.get("sector")
    if sector is not None and sector not in SECTOR_LABELS:
        raise _Bad(f"unknown sector {sector!r}")
    gender = item.get("gender")
    if gender is not None and gender not in _GENDERS:
        raise _Bad(f"gender must be m or f, not {gender!r}")
    roles: list[Role] = []
    raw_roles = item.get("roles") or []
    if not isinstance(raw_roles, list):
        raise _Bad("roles must be a list of [sector, office, start, end]")
    for raw in raw_roles:
        if not isinstance(raw, list) or len(raw) not in (4, 5):
            raise _Bad(f"role {raw!r} is not [sector, office, start, end(, country)]")
        role_sector, office = str(raw[0]), str(raw[1])
        start, end = _date(raw[2], "start"), _date(raw[3], "end")
        if start and end and end < start:
            raise _Bad(f"role {office!r} ends before it starts")
        if role_sector.startswith("@"):
            org = _organisation_by_key(kb, role_sector[1:])
            if org is None:
                raise _Bad(f"unknown organisation {role_sector[1:]!r}")
            roles.append(Role(org.code, office, start, end))
            continue
        if role_sector not in SECTOR_LABELS:
            raise _Bad(f"unknown sector {role_sector!r}")
        role_country = str(raw[4]) if len(raw) == 5 else country
        roles.append(
            Role(role_country + role_sector, office, start, end, role_country, role_sector)
        )
    actor_id = f"person/{slug(name)}"
    code = country + (sector or "")
    kb.add_record(
        ActorRecord(actor_id, name, "person", code, country, sector, tuple(roles), gender, source)
    )
    aliases = [name, *_strings(item.get("aliases"), "aliases")]
    for alias in aliases:
        kb.add_name(alias, NameEntry(actor_id, source=source))
    if "short" in item:
        shorts = _strings(item.get("short"), "short")
    else:
        shorts = [alias.split()[-1] for alias in aliases if len(alias.split()) > 1]
    for short in dict.fromkeys(shorts):
        kb.add_name(short, NameEntry(actor_id, short=True, source=source))


def _plural(phrase: str) -> str:
    if phrase.endswith(("s", "staff", "media", "police", "military", "press", "public")):
        return phrase
    if phrase.endswith("y") and not phrase.endswith(("ay", "ey", "oy")):
        return phrase[:-1] + "ies"
    return phrase + "s"


def _add_sectors(path: Path, kb: KnowledgeBase, data: dict[str, Any]) -> None:
    line = data.get(_LINE, 0)
    groups = data.get("groups") or {}
    titles = data.get("titles") or {}
    if not isinstance(groups, dict) or not isinstance(titles, dict):
        kb.report(DictionaryProblem(str(path), line, "groups and titles must be mappings"))
        return
    for sector, phrases in groups.items():
        if sector == _LINE:
            continue
        if sector not in SECTOR_LABELS or not isinstance(phrases, list):
            kb.report(DictionaryProblem(str(path), line, f"bad group sector {sector!r}"))
            continue
        for phrase in phrases:
            kb.add_vocabulary(str(phrase), Vocabulary(sector))
            kb.add_vocabulary(_plural(str(phrase)), Vocabulary(sector))
    for sector, offices in titles.items():
        if sector == _LINE:
            continue
        if sector not in SECTOR_LABELS or not isinstance(offices, dict):
            kb.report(DictionaryProblem(str(path), line, f"bad title sector {sector!r}"))
            continue
        for office, phrases in offices.items():
            if office == _LINE or not isinstance(phrases, list):
                continue
            for phrase in phrases:
                # A plural title names a group ("generals"), not one office-holder.
                kb.add_vocabulary(_plural(str(phrase)), Vocabulary(sector))
                kb.add_vocabulary(str(phrase), Vocabulary(sector, str(phrase)))


_SECTIONS = ("regions", "organisations", "metonyms", "people", "sectors")


def load_our_yaml(path: Path, kb: KnowledgeBase) -> None:
    """A YAML file in our format: a mapping with any of the sections regions, organisations,
    metonyms, people, sectors (each as in the shipped files of the same name)."""
    data = _read_yaml(path, kb)
    if data is None:
        return
    if not isinstance(data, dict):
        kb.report(DictionaryProblem(str(path), 1, f"expected a mapping with {_SECTIONS}"))
        return
    unknown = set(data) - set(_SECTIONS) - {_LINE}
    if unknown:
        kb.report(DictionaryProblem(str(path), 1, f"unknown sections {sorted(unknown)}"))
    for section in _SECTIONS:
        if section in data:
            _load_section(path, kb, section, data[section])


def _load_section(path: Path, kb: KnowledgeBase, section: str, items: object) -> None:
    def source(item: dict[str, Any]) -> str:
        return f"{path.name}:{item.get(_LINE, 0)}"

    if section == "sectors":
        if isinstance(items, dict):
            _add_sectors(path, kb, items)
        else:
            kb.report(DictionaryProblem(str(path), 0, "sectors must be a mapping"))
    elif section == "regions":
        _entries(path, kb, items, lambda item: _add_region(kb, item, source(item)))
    elif section == "organisations":
        _entries(path, kb, items, lambda item: _add_organisation(kb, item, source(item)))
    elif section == "metonyms":
        _entries(path, kb, items, lambda item: _add_metonym(kb, item, source(item)))
    elif section == "people":
        _entries(path, kb, items, lambda item: _add_person(kb, item, source(item)))


def _shipped_files() -> Iterator[tuple[str, Path]]:
    # Order matters: people refer to organisations and states, metonyms to states.
    yield "states", DATA_DIR / "states.csv"
    for section in ("regions", "organisations", "metonyms", "sectors"):
        yield section, DATA_DIR / f"{section}.yaml"
    for path in sorted(DATA_DIR.glob("people*.yaml")):
        yield "people", path


def load_shipped(kb: KnowledgeBase) -> None:
    """Load the data shipped in ``actors/data/`` into ``kb`` (layer 0)."""
    for section, path in _shipped_files():
        if section == "states":
            load_states_csv(path, kb)
            continue
        data = _read_yaml(path, kb)
        if data is not None:
            _load_section(path, kb, section, data)


registry.actor_dictionaries.register("eventwire.actors.yaml.v1", func=load_our_yaml)
registry.actor_dictionaries.register("eventwire.actors.states_csv.v1", func=load_states_csv)
