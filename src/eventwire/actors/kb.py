"""The knowledge base of named actors: people with date-ranged roles, and identities learned from articles.

Curated rows ship as package data (`data/kb/people.csv`, `data/kb/extra_people.csv`); users add their own
with importers (CSV/JSON, PETRARCH/TABARI actor dictionaries, Wikidata entity dumps) into a DuckDB KB file,
which also keeps identities learned from appositions ("Turkey's Foreign Minister Mevlüt Çavuşoğlu"), with
the date first and last seen and how many times. A role resolves by date: a former official is `ELI`.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from .text import fold, tokenize

KB_FILES = ("people.csv", "extra_people.csv")
FORMER_SECTOR = "ELI"
ROLE_COLUMNS = ("name", "aliases", "country", "org", "sector", "role", "start", "end")


@dataclass
class Role:
    """One position a person held: where, which sector, from when to when (ISO dates; end None = still)."""

    country: str | None = None
    org: str | None = None
    sector: str | None = None
    role: str = ""
    start: str | None = None
    end: str | None = None
    source: str = "curated"

    def valid_on(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day <= self.end)


@dataclass
class Person:
    name: str
    aliases: set[str] = field(default_factory=set)
    roles: list[Role] = field(default_factory=list)

    def role_on(self, day: str | None) -> Role | None:
        """The role held on `day`; a former official gets sector ELI; None before any role.

        With no date we cannot tell whether the text was written in office or after: the person is most
        likely in the news for their latest role, so that is the answer (callers pass "today" for today).
        """
        if not day:
            return max(self.roles, key=lambda r: (r.start or "", r.sector == "GOV")) if self.roles else None
        current = [r for r in self.roles if r.valid_on(day)]
        if current:
            return max(current, key=lambda r: (r.sector == "GOV", r.start or ""))
        past = [r for r in self.roles if r.end and r.end < day]
        if past:
            last = max(past, key=lambda r: r.end or "")
            return Role(last.country, None, FORMER_SECTOR, f"former {last.role}".strip(), last.end, None, last.source)
        upcoming = [r for r in self.roles if r.start and r.start > day]
        if upcoming:
            first = min(upcoming, key=lambda r: r.start or "")
            return Role(first.country, first.org, None, "", None, first.start, first.source)
        return None


@dataclass
class LearnedIdentity:
    """Who an article said a person was, with the dates first and last seen and the evidence count."""

    name: str
    country: str | None
    org: str | None
    sector: str | None
    role: str
    first_seen: str | None
    last_seen: str | None
    evidence: int = 1


class KnowledgeBase:
    """People and their roles by name, plus learned identities; `people_keys()` feeds the phrase index."""

    def __init__(self) -> None:
        self.people: dict[str, Person] = {}
        self.learned: dict[str, LearnedIdentity] = {}
        self.changed: dict[str, LearnedIdentity] = {}  # learned or strengthened since `take_changes`

    # -- building -----------------------------------------------------------------------------------------
    def add_role(self, name: str, role: Role, aliases: Iterable[str] = ()) -> Person:
        person = self.people.setdefault(name, Person(name))
        person.aliases.update(a for a in aliases if a and a != name)
        if role.country or role.org or role.sector:
            if not any(asdict(r) == asdict(role) for r in person.roles):
                person.roles.append(role)
        return person

    def add_rows(self, rows: Iterable[dict], source: str) -> int:
        n = 0
        for row in rows:
            name = (row.get("name") or "").strip()
            if not name:
                continue
            aliases = row.get("aliases") or []
            if isinstance(aliases, str):
                aliases = [a.strip() for a in aliases.split("|")]
            self.add_role(name, Role(_blank(row.get("country")), _blank(row.get("org")), _blank(row.get("sector")),
                                     row.get("role") or "", _iso(row.get("start")), _iso(row.get("end")), source),
                          aliases)
            n += 1
        return n

    def learn(self, name: str, country: str | None, org: str | None, sector: str | None, role: str,
              day: str | None) -> LearnedIdentity:
        """Record an identity an article gave a person; repeated evidence raises its count."""
        known = self.learned.get(name)
        if known and (known.country, known.org, known.sector) == (country, org, sector):
            known.evidence += 1
            if day:
                known.first_seen = min(filter(None, [known.first_seen, day]))
                known.last_seen = max(filter(None, [known.last_seen, day]))
        else:
            known = self.learned[name] = LearnedIdentity(name, country, org, sector, role, day, day)
        self.changed[name] = known
        return known

    def take_changes(self) -> list[LearnedIdentity]:
        """The identities learned or strengthened since the last call, in the order first touched: the
        event store saves them with the batch whose articles taught them."""
        changed, self.changed = list(self.changed.values()), {}
        return changed

    # -- looking up ---------------------------------------------------------------------------------------
    def person(self, name: str) -> Person | None:
        return self.people.get(name)

    def identity(self, name: str, day: str | None) -> Role | None:
        """What `name` was on `day`: a curated/imported role first, else what articles taught us."""
        person = self.people.get(name)
        role = person.role_on(day) if person else None
        if role is not None:
            return role
        learned = self.learned.get(name)
        if learned:
            return Role(learned.country, learned.org, learned.sector, learned.role, learned.first_seen, None,
                        "learned")
        return None

    def people_keys(self) -> Iterator[tuple[str, str, bool]]:
        """(phrase, canonical name, is_surname) for every name, alias and unambiguous-enough surname."""
        for name, person in self.people.items():
            yield name, name, False
            for alias in person.aliases:
                yield alias, name, False
            surname = surname_of(name)
            if surname:
                yield surname, name, True
        for name in self.learned:
            yield name, name, False
            surname = surname_of(name)
            if surname:
                yield surname, name, True

    def rows(self) -> Iterator[dict]:
        for person in self.people.values():
            for r in person.roles:
                yield {"name": person.name, "aliases": "|".join(sorted(person.aliases)), **asdict(r)}

    # -- persistence (DuckDB) -----------------------------------------------------------------------------
    def save(self, path: str | Path) -> None:
        """Write imported/added roles and learned identities (not the packaged rows) to a DuckDB KB file,
        replacing its rows in one transaction: a crash or a full disk midway leaves the old KB whole."""
        import duckdb

        from ..storefile import LOCKED_DOWN, StoreError, first_line

        rows = [tuple(r[c] for c in (*ROLE_COLUMNS, "source")) for r in self.rows() if r["source"] != "curated"]
        learned = [tuple(asdict(x).values()) for x in self.learned.values()]
        with duckdb.connect(str(path), config=LOCKED_DOWN) as con:
            con.execute(CREATE_SQL)
            con.execute("BEGIN TRANSACTION")
            try:
                con.execute("DELETE FROM kb_roles")
                con.execute("DELETE FROM kb_learned")
                if rows:
                    con.executemany("INSERT INTO kb_roles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
                if learned:
                    con.executemany("INSERT INTO kb_learned VALUES (?, ?, ?, ?, ?, ?, ?, ?)", learned)
                con.execute("COMMIT")
            except duckdb.Error as e:
                try:
                    con.execute("ROLLBACK")
                except duckdb.Error:
                    pass  # a failed COMMIT has ended the transaction already
                raise StoreError(f"could not save the KB {path}: {first_line(e)} (it is as it was)") from e

    def load(self, path: str | Path) -> None:
        import duckdb

        from ..storefile import LOCKED_DOWN

        with duckdb.connect(str(path), read_only=True, config=LOCKED_DOWN) as con:
            tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
            if "kb_roles" in tables:
                cols = [*ROLE_COLUMNS, "source"]
                for values in con.execute(f"SELECT {', '.join(_q(c) for c in cols)} FROM kb_roles").fetchall():
                    row = dict(zip(cols, values, strict=True))
                    self.add_rows([row], row["source"] or "imported")
            if "kb_learned" in tables:
                for values in con.execute("SELECT * FROM kb_learned").fetchall():
                    item = LearnedIdentity(*values)
                    self.learned[item.name] = item


CREATE_SQL = """
CREATE TABLE IF NOT EXISTS kb_roles (name VARCHAR, aliases VARCHAR, country VARCHAR, org VARCHAR, sector VARCHAR,
    role VARCHAR, start VARCHAR, "end" VARCHAR, source VARCHAR);
CREATE TABLE IF NOT EXISTS kb_learned (name VARCHAR, country VARCHAR, org VARCHAR, sector VARCHAR, role VARCHAR,
    first_seen VARCHAR, last_seen VARCHAR, evidence INTEGER);
"""


def _q(column: str) -> str:
    return f'"{column}"'


def _blank(value) -> str | None:
    value = (str(value).strip() if value is not None else "")
    return value or None


def _iso(value) -> str | None:
    """An ISO date from YYYY-MM-DD, YYYYMMDD, YYMMDD (TABARI) or Wikidata's +YYYY-MM-DDT00:00:00Z."""
    value = _blank(value)
    if not value:
        return None
    value = value.lstrip("+")
    if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", value):
        y, mo, d = m.groups()
        return f"{y}-{mo if mo != '00' else '01'}-{d if d != '00' else '01'}"
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    if re.fullmatch(r"\d{6}", value):
        century = "19" if int(value[:2]) > 30 else "20"
        return f"{century}{value[:2]}-{value[2:4]}-{value[4:]}"
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01"
    return None


def surname_of(name: str) -> str | None:
    """The last name word, for surname-only mentions ("Çavuşoğlu"); None for one-word or very short names."""
    tokens = [t for t in tokenize(name) if t.text[:1].isalpha()]
    if len(tokens) < 2 or len(tokens[-1].key) < 3 or not tokens[-1].text[:1].isupper():
        return None
    if tokens[-1].key in {"jr", "sr", "ii", "iii", "iv"}:
        return None
    return tokens[-1].text


# -- importers ----------------------------------------------------------------------------------------------
def read_csv_rows(path: str | Path) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def read_json_rows(path: str | Path) -> list[dict]:
    """A JSON list (or JSON lines) of role rows, or of people with a `roles` list."""
    text = Path(path).read_text(encoding="utf-8")
    items = json.loads(text) if text.lstrip().startswith("[") else [json.loads(x) for x in text.splitlines()
                                                                      if x.strip()]
    rows = []
    for item in items:
        for role in item.get("roles") or [item]:
            rows.append({**{k: v for k, v in item.items() if k != "roles"}, **role})
    return rows


PETRARCH_CODE_RE = re.compile(r"\[([A-Z]{3,})\s*([^\]]*)\]")
NOT_COUNTRIES = {"IGO", "NGO", "MNC", "UNO", "IMG", "EUR", "AFR", "ASA", "WST", "NGM"}


def read_petrarch_rows(path: str | Path) -> list[dict]:
    """A PETRARCH/TABARI actor dictionary: NAME_ lines, +ALIAS_ lines and [CODE date-range] lines."""
    rows: list[dict] = []
    name, aliases = None, []
    for raw in Path(path).read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("+"):
            aliases.append(_petrarch_name(line[1:]))
        elif line.startswith("["):
            for code, when in PETRARCH_CODE_RE.findall(line):
                if name:
                    rows.append({"name": name, "aliases": "|".join(aliases), **_petrarch_code(code, when)})
        else:
            name, aliases = _petrarch_name(line.split()[0]), []
            for code, when in PETRARCH_CODE_RE.findall(line):
                rows.append({"name": name, "aliases": "", **_petrarch_code(code, when)})
    return rows


def _petrarch_name(text: str) -> str:
    words = [w for w in text.strip().strip("_").split("_") if w]
    return " ".join(w if len(w) <= 3 and w.isupper() and not w.isalpha() else w.capitalize() for w in words)


def _petrarch_code(code: str, when: str) -> dict:
    country, rest = (None, code) if code[:3] in NOT_COUNTRIES else (code[:3], code[3:])
    org = code[3:6] if code[:3] in NOT_COUNTRIES and len(code) > 3 else None
    sector = rest[:3] if country and len(rest) >= 3 else None
    start = end = None
    when = when.strip()
    if when.startswith(">"):
        start = when[1:]
    elif when.startswith("<"):
        end = when[1:]
    elif "-" in when:
        start, end = when.split("-", 1)
    return {"country": country, "org": org, "sector": sector, "role": "", "start": _iso(start), "end": _iso(end)}


def read_wikidata_rows(path: str | Path, sector_of_title=None) -> list[dict]:
    """People from a Wikidata JSON entity dump: P39 "position held" with P580/P582 start/end qualifiers.

    The position's country is its P17 (or P1001) when the dump holds the position entity, else the person's
    P27 citizenship; countries become ISO3 through their P298. `sector_of_title` maps a position label to a
    sector (the resolver passes its role table).
    """
    entities = {e["id"]: e for e in _wikidata_entities(path)}
    rows = []
    for entity in entities.values():
        claims = entity.get("claims", {})
        if "P39" not in claims:
            continue
        name = _label(entity)
        aliases = "|".join(a["value"] for a in entity.get("aliases", {}).get("en", []))
        citizenship = _claim_ids(claims, "P27")
        for statement in claims["P39"]:
            position = _value_id(statement.get("mainsnak", {}))
            pos_entity = entities.get(position or "", {})
            label = _label(pos_entity) if pos_entity else ""
            where = _claim_ids(pos_entity.get("claims", {}), "P17") or _claim_ids(pos_entity.get("claims", {}),
                                                                                   "P1001") or citizenship
            country = next((iso for q in where if (iso := _iso3(entities.get(q)))), None)
            qualifiers = statement.get("qualifiers", {})
            rows.append({"name": name, "aliases": aliases, "country": country, "org": None,
                         "sector": sector_of_title(label) if sector_of_title and label else "GOV", "role": label,
                         "start": _iso(_qualifier_time(qualifiers, "P580")),
                         "end": _iso(_qualifier_time(qualifiers, "P582"))})
    return rows


def _wikidata_entities(path: str | Path) -> Iterator[dict]:
    text = Path(path).read_text(encoding="utf-8")
    stripped = text.strip()
    if stripped.startswith("{") and '"entities"' in stripped[:200]:
        yield from json.loads(stripped)["entities"].values()
        return
    if stripped.startswith("["):
        try:
            yield from json.loads(stripped)
            return
        except json.JSONDecodeError:
            pass
    for line in text.splitlines():  # the dump format: one entity per line inside [ ... ], lines end with ","
        line = line.strip().rstrip(",")
        if line.startswith("{"):
            yield json.loads(line)


def _label(entity: dict) -> str:
    return entity.get("labels", {}).get("en", {}).get("value", entity.get("id", ""))


def _value_id(snak: dict) -> str | None:
    value = snak.get("datavalue", {}).get("value")
    return value.get("id") if isinstance(value, dict) else None


def _claim_ids(claims: dict, prop: str) -> list[str]:
    return [q for s in claims.get(prop, []) if (q := _value_id(s.get("mainsnak", {})))]


def _iso3(entity: dict | None) -> str | None:
    if not entity:
        return None
    for s in entity.get("claims", {}).get("P298", []):
        value = s.get("mainsnak", {}).get("datavalue", {}).get("value")
        if isinstance(value, str):
            return value
    return None


def _qualifier_time(qualifiers: dict, prop: str) -> str | None:
    for snak in qualifiers.get(prop, []):
        value = snak.get("datavalue", {}).get("value")
        if isinstance(value, dict) and "time" in value:
            return value["time"]
    return None


READERS = {"csv": read_csv_rows, "json": read_json_rows, "jsonl": read_json_rows, "petrarch": read_petrarch_rows,
           "wikidata": read_wikidata_rows}


def guess_format(path: str | Path) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix in ("csv", "jsonl"):
        return suffix
    if suffix == "json":
        head = Path(path).read_text(encoding="utf-8")[:2000]
        return "wikidata" if '"claims"' in head else "json"
    return "petrarch"


# -- the packaged KB ----------------------------------------------------------------------------------------
def packaged_rows() -> Iterator[dict]:
    folder = resources.files("eventwire").joinpath("data", "kb")
    for name in KB_FILES:
        path = folder.joinpath(name)
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                yield from csv.DictReader(fh)


@cache
def packaged_kb_rows() -> tuple[dict, ...]:
    return tuple(packaged_rows())


def load_kb(path: str | Path | None = None) -> KnowledgeBase:
    """The packaged people plus, when `path` names an existing KB file, its imported and learned rows."""
    kb = KnowledgeBase()
    kb.add_rows(packaged_kb_rows(), "curated")
    if path and Path(path).exists():
        kb.load(path)
    return kb


def name_key(name: str) -> str:
    return " ".join(fold(t.text) for t in tokenize(name))
