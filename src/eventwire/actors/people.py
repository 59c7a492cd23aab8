"""Named people: the index of KB names and surnames the phrase matcher looks up, which namesake a name means
on a day, the identity (country, organisation, sector) the KB gives them, and names learnt from titles.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable
from functools import cache

from .kb import KnowledgeBase, LearnedIdentity, load_kb, surname_of
from .parts import Reading, Resolution
from .tables import Entry, org_blocs
from .text import tokenize

DEFAULT_KB_ENV = "EVENTWIRE_KB"
DEFAULT_KB_PATH = "eventwire-kb.duckdb"


def default_kb_path() -> str:
    """The KB file: `EVENTWIRE_KB` when set, so deployments can point at their own."""
    return os.environ.get(DEFAULT_KB_ENV, DEFAULT_KB_PATH)


@cache
def shared_kb() -> KnowledgeBase:
    """One KB per process: loading it per resolver would cost every document start-up time."""
    return load_kb(default_kb_path())


class KnownPeople:
    """The knowledge-base side of resolution, kept apart so name handling reads on its own; `ActorResolver`
    sets the attributes below."""

    kb: KnowledgeBase
    people_index: dict[tuple[str, ...], list[Entry]]
    people_first: set[str]

    def index_people(self) -> None:
        """Rebuild the name index from the KB, so the phrase matcher finds its people like table entries."""
        self.people_index.clear()
        for phrase, name, is_surname in self.kb.people_keys():
            self.add_person_key(phrase, name, is_surname)

    def add_person_key(self, phrase: str, name: str, is_surname: bool) -> None:
        """Index a person's full name or surname as a token sequence, most likely entry first."""
        key = tuple(t.key for t in tokenize(phrase))
        if not key:
            return
        self.people_first.add(key[0])
        entries = self.people_index.setdefault(key, [])
        entry = Entry("surname" if is_surname else "person", name)
        if entry not in entries:
            entries.append(entry)
            entries.sort(key=lambda e: e.priority)

    learns: bool = True

    def learn(self, found: Resolution, day: str | None) -> None:
        """An identity a title or apposition gave a person: kept in the KB, so later articles can use it
        (unless learning is off, for runs whose output must not depend on the order of the articles)."""
        if not self.learns:
            return
        actor = found.actor
        self.kb.learn(actor.name or "", actor.country, actor.org, actor.sector, " ".join(found.role_keys), day)
        self.add_person_key(actor.name or "", actor.name or "", False)
        surname = surname_of(actor.name or "")
        if surname:
            self.add_person_key(surname, actor.name or "", True)

    def recall(self, identities: Iterable[dict]) -> None:
        """Identities an earlier run learned (kept in the event store), taken back in the order they were
        first learned, as if this run had learned them: a resumed ingest then codes like an unbroken one."""
        if not self.learns:
            return
        for row in identities:
            item = LearnedIdentity(**row)
            self.kb.learned[item.name] = item
            self.add_person_key(item.name, item.name, False)
            surname = surname_of(item.name)
            if surname:
                self.add_person_key(surname, item.name, True)

    def namesake_on(self, day: str | None, name: str, namesakes: tuple[str, ...], country: str | None = None) -> str:
        """Of several people with this name, the one of the country the phrase names ("Sudanese President
        al-Bashir"), else the one in office on the day (else the first listed)."""
        if not namesakes:
            return name
        if country:
            for candidate in (name, *namesakes):
                person = self.kb.person(candidate)
                if person is not None and any(r.country == country for r in person.roles):
                    return candidate
        if not day:
            return name
        for candidate in (name, *namesakes):
            role = self.kb.identity(candidate, day)
            if role is not None and role.sector and role.sector != "ELI":
                return candidate
        return name

    def read_person(self, state: Reading, name: str, day: str | None) -> None:
        """Take a named person's identity on the day from the KB; an unknown name still names a person."""
        identity = self.kb.identity(name, day)
        state.person = name
        state.name = name
        state.named = True
        if identity is None:
            return
        if identity.country:
            state.country = identity.country
            state.country_fixed = True
        if identity.org:
            state.org, state.bloc = identity.org, org_blocs().get(identity.org, "IGO")
        if identity.sector:
            state.set_sector(identity.sector, None)
            state.person_sector = True


DAY_FORMATS = ("%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%B %d, %Y", "%Y/%m/%d", "%Y")


def parse_day(value: str | None) -> str | None:
    """An ISO day from what callers pass: ISO, "10 May 2015", "today"; None stays None (= today for roles)."""
    if not value:
        return None
    text = value.strip()
    if text.lower() in ("today", "now"):
        return dt.date.today().isoformat()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return text[:10]
    for fmt in DAY_FORMATS:
        try:
            return dt.datetime.strptime(text.title() if "%B" in fmt or "%b" in fmt else text, fmt).date().isoformat()
        except ValueError:
            continue
    return None
