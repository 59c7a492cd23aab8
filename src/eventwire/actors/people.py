"""Named people: the index of KB names and surnames the phrase matcher looks up, which namesake a name means
on a day, the identity (country, organisation, sector) the KB gives them, and names learnt from titles.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
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


@dataclass
class ArticleLessons:
    """What coding one article taught (`taught`, in order), and how to forget it again: the state each
    learned name and each added index key had before the article (see `KnownPeople.one_article`)."""

    taught: list[LearnedIdentity] = field(default_factory=list)
    before: dict[str, tuple[LearnedIdentity | None, bool]] = field(default_factory=dict)  # name → (learned, changed)
    keys: list[tuple[tuple[str, ...], Entry]] = field(default_factory=list)
    firsts: list[str] = field(default_factory=list)


class KnownPeople:
    """The knowledge-base side of resolution, kept apart so name handling reads on its own; `ActorResolver`
    sets the attributes below."""

    kb: KnowledgeBase
    people_index: dict[tuple[str, ...], list[Entry]]
    people_first: set[str]
    lessons: ArticleLessons | None = None  # set while `one_article` codes one

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
        if self.lessons is not None and key[0] not in self.people_first:
            self.lessons.firsts.append(key[0])
        self.people_first.add(key[0])
        entries = self.people_index.setdefault(key, [])
        entry = Entry("surname" if is_surname else "person", name)
        if entry not in entries:
            entries.append(entry)
            entries.sort(key=lambda e: e.priority)
            if self.lessons is not None:
                self.lessons.keys.append((key, entry))

    learns: bool = True

    def learn(self, found: Resolution, day: str | None) -> None:
        """An identity a title or apposition gave a person: kept in the KB, so later articles can use it
        (unless learning is off, for runs whose output must not depend on the order of the articles)."""
        if not self.learns:
            return
        actor = found.actor
        lesson = LearnedIdentity(actor.name or "", actor.country, actor.org, actor.sector, " ".join(found.role_keys),
                                 day, day)
        if self.lessons is not None:
            self.note_lesson(self.lessons, lesson.name)
            self.lessons.taught.append(lesson)
        self.kb.learn(lesson.name, lesson.country, lesson.org, lesson.sector, lesson.role, day)
        self.index_name(lesson.name)

    def index_name(self, name: str) -> None:
        """Let the phrase matcher find a learned person by full name and by surname."""
        self.add_person_key(name, name, False)
        surname = surname_of(name)
        if surname:
            self.add_person_key(surname, name, True)

    def note_lesson(self, lessons: ArticleLessons, name: str) -> None:
        """Keep what the KB held for `name` before the article first taught something about it."""
        if name not in lessons.before:
            known = self.kb.learned.get(name)
            lessons.before[name] = (replace(known) if known else None, name in self.kb.changed)

    @contextmanager
    def one_article(self) -> Iterator[list[LearnedIdentity]]:
        """Code one article with what the resolver knew before it, learning from the article for the rest of
        it, then forget what it taught: the list given holds those lessons, for the caller to apply in input
        order (`learning.RunLearning`). So an article's coding depends on the article alone, not on which
        articles the same process happened to code before it (forked workers share a run out by chance)."""
        lessons = self.lessons = ArticleLessons()
        try:
            yield lessons.taught
        finally:
            self.lessons = None
            self.forget(lessons)

    def forget(self, lessons: ArticleLessons) -> None:
        """Put the KB and the name index back as they were before the article `lessons` belongs to."""
        for name, (known, changed) in lessons.before.items():
            if known is None:
                self.kb.learned.pop(name, None)
            else:
                self.kb.learned[name] = known  # an existing key keeps its place in the order learned
            if changed and known is not None:
                self.kb.changed[name] = known
            else:
                self.kb.changed.pop(name, None)
        for key, entry in lessons.keys:
            entries = self.people_index.get(key, [])
            if entry in entries:
                entries.remove(entry)
            if not entries:
                self.people_index.pop(key, None)
        self.people_first.difference_update(lessons.firsts)

    def recall(self, identities: Iterable[dict]) -> None:
        """Identities an earlier run learned (kept in the event store), taken back in the order they were
        first learned, as if this run had learned them: a resumed ingest then codes like an unbroken one."""
        if not self.learns:
            return
        for row in identities:
            item = LearnedIdentity(**row)
            self.kb.learned[item.name] = item
            self.index_name(item.name)

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
