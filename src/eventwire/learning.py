"""Identities learned from articles, used across articles in input order, whoever coded them.

"Interior Minister Jane Doe" teaches that Jane Doe is GOV of a country, and a later article that names only
"Jane Doe" or "Doe" uses it. Which articles a forked worker codes before another is chance, so what crosses
from one article to the next cannot be a worker's: each article is coded with what the resolver knew when
the run started and what the article itself says (`KnownPeople.one_article`), and hands back what it taught.
The run's own process then takes the articles in input order (`RunLearning.settle`): it first gives the
people an article named but the coder could not identify what the articles before it taught (a curated role
first, as `KnowledgeBase.identity` has it), then learns the article's own lessons.

So an article's events are a function of the articles before it: the same with one process or many, and a
store that saves each batch's lessons with it (`take_changes`) lets a resumed ingest start from exactly the
state the interrupted one had reached (`recall`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import asdict, replace
from typing import Any

from .actors.kb import KnowledgeBase, LearnedIdentity
from .actors.people import KnownPeople, parse_day
from .actors.text import tokenize
from .model import Actor, Article, Event

NAMED_CONFIDENCE = 0.9  # what the coder gives an actor named as a person the KB knows (`Reading.resolution`)

Coded = tuple[Article, list[Event], list[LearnedIdentity]]  # an article, its events and what it taught


class RunLearning(KnownPeople):
    """What a run has learned about people so far, kept by the process that takes the articles in input order.

    Its KB shares the coder's curated and imported people and starts from a copy of the coder's learned
    identities; its name index holds only what the run itself learned or recalled, which the coders do not
    know (names they know they resolve themselves)."""

    def __init__(self, coder: KnownPeople) -> None:
        self.learns = coder.learns
        self.kb = KnowledgeBase()
        self.kb.people = coder.kb.people  # read only
        self.kb.learned = {name: replace(item) for name, item in coder.kb.learned.items()}
        self.people_index = {}
        self.people_first = set()
        self.touched: dict[str, None] = {}  # names learned or recalled in this run, in order

    def recall(self, identities: Iterable[dict]) -> None:
        """Identities an earlier run into the same store learned, as if this run had learned them so far."""
        if not self.learns:
            return
        rows = list(identities)
        super().recall(rows)
        self.touched.update((row["name"], None) for row in rows)

    def settle(self, article: Article, events: list[Event], taught: list[LearnedIdentity]) -> None:
        """Fill the article's unidentified people from what the articles before it taught, then learn what
        it taught itself."""
        if not self.learns:
            return
        day = parse_day(article.published)
        for event in events:
            if sum(self.fill(actor, day) for actor in actors_of(event)):
                event.assign_id()  # the id holds the actors' codes
        for lesson in taught:
            self.kb.learn(lesson.name, lesson.country, lesson.org, lesson.sector, lesson.role, lesson.first_seen)
            self.index_name(lesson.name)
            self.touched[lesson.name] = None

    def fill(self, actor: Actor, day: str | None) -> bool:
        """Give a person named with no country or organisation ("Doe condemned ...", "Senator Doe") the
        identity of the learned person that name or surname is, as the coder would have with the lesson in
        its KB (whose sector beats a title's)."""
        if not actor.name or actor.country or actor.org:
            return False
        entries = self.people_index.get(tuple(t.key for t in tokenize(actor.name)))
        if not entries:
            return False
        first = entries[0]
        name = self.namesake_on(day, first.name, tuple(e.name for e in entries if e.name != first.name))
        identity = self.kb.identity(name, day)
        if identity is None or not (identity.country or identity.org or identity.sector):
            return False
        actor.name, actor.country, actor.org = name, identity.country, identity.org
        actor.sector = identity.sector or actor.sector
        actor.confidence = max(actor.confidence, NAMED_CONFIDENCE)
        return True

    def take_changes(self) -> list[dict[str, Any]]:
        """The identities learned or strengthened since the last call, as rows for the event store."""
        return [asdict(item) for item in self.kb.take_changes()]

    def keep_in(self, coder: KnownPeople) -> None:
        """Teach the coder what this run learned, for its later runs (`code` twice with one pipeline)."""
        coder.recall(asdict(self.kb.learned[name]) for name in self.touched if name in self.kb.learned)


def actors_of(event: Event) -> list[Actor]:
    return [*event.source, *event.target, *([event.attribution] if event.attribution else [])]


def in_input_order(coded: Iterable[Coded], coder: KnownPeople, learning: RunLearning | None = None
                   ) -> Iterator[tuple[Article, list[Event]]]:
    """(article, events) with each article settled by `learning` in input order. Without one, a run of its
    own is kept and its lessons go to `coder` at the end; a caller with a store passes its own, recalled from
    the store and saved with each batch."""
    run = learning if learning is not None else RunLearning(coder)
    try:
        for article, events, taught in coded:
            run.settle(article, events, taught)
            yield article, events
    finally:
        if learning is None:
            run.keep_in(coder)
