"""Argument classes and sense frames: the sense of a trigger is told by what fills its arguments, not by the
word alone. "Troops fought rebels" is combat; "two airlines fought a price war" and "the firm is fighting
the ruling" are not, and "pulled out of the pact" is not "pulled out of the town".

Two data files in `data/lexicon/` hold it (see the README there):
- `argument_classes.csv` (`class, members`): each semantic class defined once. A member is a word (a lemma or
  a word form), another class (`@weapon`), a spaCy entity type (`ent:GPE`), an actor-table sector
  (`sector:MIL`: a role noun such as "troops", or a named organisation such as "Hamas", as the actor
  tables class it) or `actor:country` (a country's name or demonym in the actor tables). A word some
  class names is classed by the file alone, so "director" (a film's, in `film_crew`) does not take the
  actor tables' government sector.
- `sense_requirements.csv` (`lemma, pos, codes, when, slots, requires, otherwise`): what a reading needs.
  When a trigger's code starts with one of `codes` (and, with `when`, a slot holds the setting it names)
  and none of its argument `slots` holds a member of `requires`, the trigger is coded `otherwise` instead
  (`none`: no event); the first such row wins. This is how a violent or coercive reading of "battle",
  "fight", "attack", "shoot" ... needs an armed, state or political actor, a weapon, a casualty or a place
  of fighting among its arguments.
`senses.csv` rows (`lemma, pos, slot, words, code`) may name classes as `@class` beside literal words.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from ..ontology import read_csv

CLASS_FILE = "argument_classes.csv"
REQUIREMENT_FILE = "sense_requirements.csv"
NO_EVENT = "none"
TAG_PREFIXES = ("ent:", "sector:", "actor:")
COUNTRY_TAG = "actor:country"  # a country's name or demonym in the actor tables
IGO_SECTOR = "IGO"  # an organisation with an organisation code (UN, NATO, EU) and no sector of its own


class SenseDataError(ValueError):
    """A sense data file names something it does not define; the message names the file and the row."""


@dataclass(frozen=True)
class ArgumentClasses:
    """Every argument class with its members expanded to words and tags, and the sectors the actor tables
    give to role nouns and organisation names."""

    members: dict[str, frozenset[str]]
    named: frozenset[str]  # every literal word some class names
    role_sectors: dict[str, tuple[str, ...]]  # role noun -> its sectors ("troops": MIL)
    name_sectors: dict[str, tuple[str, ...]]  # organisation name or alias, lower-cased -> its sectors
    countries: frozenset[str] = frozenset()  # country names, aliases and demonyms, lower-cased

    def expand(self, cell: str, where: str) -> frozenset[str]:
        """The words and tags a `|`-separated cell names, with each `@class` replaced by its members."""
        found: set[str] = set()
        for item in _items(cell):
            if item.startswith("@"):
                if item[1:] not in self.members:
                    raise SenseDataError(f"{where}: unknown argument class {item!r}")
                found |= self.members[item[1:]]
            else:
                found.add(item)
        return frozenset(found)

    def of(self, words: set[str]) -> set[str]:
        """The names of the classes any of these words or tags belongs to (for explanations and tests)."""
        return {name for name, members in self.members.items() if members & words}

    def tags(self, token: Token) -> set[str]:
        """What the parse and the actor tables tell about a phrase head beyond its words: its entity type
        and the sector of the role it names ("police": COP) or of the organisation it names ("Hamas": REB).
        A proper noun names no role ("the West Bank" is no bank)."""
        found = {f"ent:{token.ent_type_.lower()}"} if token.ent_type_ else set()  # cells are read lower-cased
        lemma, lower = token.lemma_.lower(), token.lower_
        role = token.pos_ != "PROPN" or token.is_sent_start  # "Servicemen pulled out": capitalised, no name
        if role and not ({lemma, lower} & self.named):
            for word in (lower, lemma):
                found |= {f"sector:{s.lower()}" for s in self.role_sectors.get(word, ())}
        if token.pos_ in ("PROPN", "ADJ") and token.text[:1].isupper():
            name = " ".join(t.text for t in token.lefts if t.dep_ == "compound") + " " + token.text
            for key in {name.strip().lower(), token.lower_}:
                found |= {f"sector:{s.lower()}" for s in self.name_sectors.get(key, ())}
                if key in self.countries:
                    found.add(COUNTRY_TAG)  # "Nigeria", "Cameroonian", whatever entity the parser saw
        return found


def _items(cell: str | None) -> list[str]:
    return [p.strip().lower() for p in (cell or "").split("|") if p.strip()]


@cache
def argument_classes() -> ArgumentClasses:
    """The argument classes, read once per process; a class naming an unknown class is an error."""
    raw: dict[str, list[str]] = defaultdict(list)
    for row in read_csv("lexicon", CLASS_FILE):
        raw[row["class"].strip()].extend(_items(row["members"]))
    members: dict[str, frozenset[str]] = {}

    def resolve(name: str, path: tuple[str, ...]) -> frozenset[str]:
        if name in members:
            return members[name]
        if name not in raw:
            raise SenseDataError(f"{CLASS_FILE}: class {path[-1]!r} names unknown class '@{name}'")
        if name in path:
            raise SenseDataError(f"{CLASS_FILE}: classes {' -> '.join(path + (name,))} name each other in a loop")
        found: set[str] = set()
        for item in raw[name]:
            found |= resolve(item[1:], path + (name,)) if item.startswith("@") else {item}
        members[name] = frozenset(found)
        return members[name]

    for name in raw:
        resolve(name, ())
    named = frozenset(w for items in raw.values() for w in items if not w.startswith(("@",) + TAG_PREFIXES))
    return ArgumentClasses(members, named, _role_sectors(), _name_sectors(), _country_names())


def _role_sectors() -> dict[str, tuple[str, ...]]:
    """One-word role nouns of the actor tables with their sectors ("police": COP, "rebels": REB)."""
    found: dict[str, tuple[str, ...]] = {}
    for row in read_csv("actors", "roles.csv"):
        phrase = (row.get("phrase") or "").strip().lower()
        sectors = tuple(s for s in ((row.get("sector") or "").strip(), (row.get("sector2") or "").strip()) if s)
        if phrase and " " not in phrase and sectors:
            found.setdefault(phrase, sectors)
    return found


def _country_names() -> frozenset[str]:
    """Every country's name, aliases and demonyms in the actor tables, lower-cased."""
    names: set[str] = set()
    for row in read_csv("actors", "countries.csv"):
        for cell in (row.get("name"), row.get("aliases"), row.get("demonyms")):
            names |= {n.strip().lower() for n in (cell or "").split("|") if len(n.strip()) > 2}
    return frozenset(names)


def _name_sectors() -> dict[str, tuple[str, ...]]:
    """Organisation names and aliases with their sectors; an organisation code without a sector (UN,
    NATO) is an intergovernmental body."""
    found: dict[str, tuple[str, ...]] = {}
    for row in read_csv("actors", "organizations.csv"):
        sectors = tuple(s for s in ((row.get("sector") or "").strip(), (row.get("sector2") or "").strip()) if s)
        if not sectors and (row.get("org") or "").strip():
            sectors = (IGO_SECTOR,)
        if not sectors:
            continue
        for name in [row["name"], *(row.get("aliases") or "").split("|")]:
            name = name.strip()
            if name.lower().startswith("the "):
                name = name[4:]
            if len(name) > 2 or name.isupper() and len(name) > 1:
                found.setdefault(name.lower(), sectors)
    return found


@dataclass(frozen=True)
class Requirement:
    """A reading that needs a kind of argument: codes starting with one of `codes` stand only when one of
    `slots` holds a member of `requires`; otherwise the trigger is coded `otherwise` ("" = no event). With
    `when` (a slot and the words that must fill it) the requirement holds only in that setting: in a
    sentence about a match, a nationality alone makes no combatant ("England's attack")."""

    codes: tuple[str, ...]
    slots: tuple[str, ...]
    requires: frozenset[str]
    otherwise: str
    when: tuple[str, frozenset[str]] | None = None

    def applies(self, code: str, slots: dict[str, set[str]]) -> bool:
        if not code.startswith(self.codes):
            return False
        return self.when is None or bool(self.when[1] & slots.get(self.when[0], set()))

    def met(self, slots: dict[str, set[str]]) -> bool:
        return any(self.requires & slots.get(slot, set()) for slot in self.slots)


@cache
def sense_requirements() -> dict[tuple[str, str], tuple[Requirement, ...]]:
    """The requirements per (lemma, pos), read once per process."""
    classes = argument_classes()
    found: dict[tuple[str, str], list[Requirement]] = defaultdict(list)
    for number, row in enumerate(read_csv("lexicon", REQUIREMENT_FILE), start=2):
        where = f"{REQUIREMENT_FILE} row {number}"
        otherwise = (row.get("otherwise") or NO_EVENT).strip()
        requirement = Requirement(tuple(_items(row["codes"])), tuple(_items(row["slots"])),
                                  classes.expand(row["requires"], where), "" if otherwise == NO_EVENT else otherwise,
                                  _setting(row.get("when"), classes, where))
        if not requirement.codes or not requirement.slots or not requirement.requires:
            raise SenseDataError(f"{where}: codes, slots and requires must each name something")
        for lemma in _items(row["lemma"]):
            for pos in _items(row["pos"]):
                found[(lemma, pos)].append(requirement)
    return {k: tuple(v) for k, v in found.items()}


def _setting(cell: str | None, classes: ArgumentClasses, where: str) -> tuple[str, frozenset[str]] | None:
    """A `when` cell, "slot:words" ("sentence:@sport_setting"), as (slot, words)."""
    cell = (cell or "").strip()
    if not cell:
        return None
    slot, sep, words = cell.partition(":")
    if not sep or not words.strip():
        raise SenseDataError(f"{where}: 'when' must be slot:words, not {cell!r}")
    return slot.strip(), classes.expand(words, where)


def guarded(lemma: str, pos: str) -> bool:
    """Whether some reading of this trigger needs a kind of argument."""
    return (lemma, pos) in sense_requirements()


def required_code(lemma: str, pos: str, code: str, slots: dict[str, set[str]]) -> str | None:
    """The code the trigger takes when its reading `code` lacks the arguments it needs ("" = no event), or
    None when the reading stands."""
    for requirement in sense_requirements().get((lemma, pos), ()):
        if requirement.applies(code, slots) and not requirement.met(slots):
            return requirement.otherwise
    return None


def replaces(sense_code: str, pattern_code: str) -> bool:
    """Whether a sense's code replaces the matched pattern's: always across roots, and within a root only
    a root's plain code by a more specific one ("supplied rifles": 070 becomes 072; a sense never makes the
    pattern's "air strike" 195 a plain 190)."""
    if sense_code[:2] != pattern_code[:2]:
        return True
    return pattern_code.endswith("0") and len(pattern_code) == 3 and sense_code != pattern_code
