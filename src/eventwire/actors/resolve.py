"""Actor resolution: a phrase or a parsed noun phrase → `Actor`s (country, organisation, sector, name).

A phrase is tokenized and matched longest-first against one index of folded token sequences (countries,
demonyms, seats of power, organisations, role nouns, qualifiers, cities, KB people). The matches of its
head part (before the first preposition or comma) decide the sector, later parts only fill in a missing
country ("people in the UK"). `DocumentMemory` carries identities through a document: an apposition or a
title names who a person is, and later surname-only mentions, "the minister" or "he"/"she" (by gender where
the document shows it) resolve to it.

What a phrase leaves open its context fills (`take_in`): "the government", "officials", "the army" take the
country their sentence is set in, else the one the report is about; a people living in several countries
("Kurdish forces") the one of its homes the context names; a town the tables lack comes from the gazetteer.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache

from spacy.tokens import Span, Token

from ..model import Actor
from .kb import KnowledgeBase, load_kb, name_key, surname_of
from .setting import plain
from .tables import (
    KIND_PRIORITY,
    Entry,
    Lexicon,
    abroad_plurals,
    base_lexicon,
    domestic_sectors,
    gendered_words,
    misspelling_candidates,
    office_sectors,
    org_blocs,
    report_sectors,
)
from .text import Tok, tokenize, within_one_edit, written_as_acronym

PART_BREAKS = {"of", "to", "in", "at", "for", "from", "with", "on", "near", "against", "across", "between",
               "by", "among", "inside", "outside", "over", "under", ",", ";", "(", ")", ":"}
NO_COUNTRY_PARTS = {"to", "against", "with", "between", "over"}
CLAUSE_BREAKS = {"who", "which", "that", "whose", "whom", "named", "called", "where", "when", "said", "says"}
CONJUNCTIONS = {"and", "&", "or", "nor"}
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "across", "outside", "inside", "throughout", "around"}
COMPASS_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
REGION_ADJECTIVES = {"northern", "southern", "eastern", "western", "central", "greater", "upper", "lower", "inner",
                     "outer", "downtown", "suburban", "rural", "metropolitan", "occupied", *COMPASS_WORDS}
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
POSSESSIVES = {"his": "person", "her": "person", "its": "actor", "their": "actor"}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
COUNTRY_KINDS = ("country", "demonym", "seat", "region", "city")
GAZETTEER_LABELS = ("GPE", "LOC", "FAC")
GAZETTEER_TOWN_AS_PERSON = 100_000  # a one-word name tagged PERSON is read as a town only if the town is this big
PLACE_LABELS = ("GPE", "LOC", "FAC", "PERSON", "ORG")  # the small model tags "in Mali" a PERSON now and then
DEFAULT_KB_ENV = "EVENTWIRE_KB"
DEFAULT_KB_PATH = "eventwire-kb.duckdb"


@dataclass
class Match:
    entry: Entry
    start: int  # token indices [start, end)
    end: int
    affiliation: bool = False
    located: bool = False  # "Paris-based": where the actor sits, not an arm of that government
    namesakes: tuple[str, ...] = ()  # other people the same name or surname may mean ("Bush", "Clinton")


@dataclass
class Resolution:
    """An actor with every sector the phrase supports (primary first) and its CAMEO-style bloc code."""

    actor: Actor
    sectors: list[str] = field(default_factory=list)
    bloc: str | None = None
    role_keys: tuple[str, ...] = ()
    from_phrase: bool = False  # the identity came from the phrase itself (a title or apposition)
    person: bool = False  # names a person (KB, memory, or capitalised words no table knows)
    homes: tuple[str, ...] = ()  # a people living in several countries ("Kurdish fighters"): which it may be in


@dataclass
class DocumentMemory:
    """What one document has told us about its actors, for later mentions of them."""

    published: str | None = None
    by_name: dict[str, Actor] = field(default_factory=dict)
    surnames: dict[str, str] = field(default_factory=dict)
    roles: dict[str, set[str]] = field(default_factory=dict)
    last_person: Actor | None = None
    genders: dict[str, str] = field(default_factory=dict)  # name key → "m" / "f", where the document showed it
    last_actor: Actor | None = None
    countries: Counter = field(default_factory=Counter)
    offices: Counter = field(default_factory=Counter)  # countries of its office holders ("the home secretary")

    def remember(self, actor: Actor, role_keys: tuple[str, ...] = (), gender: str | None = None) -> None:
        """Keep a person's identity under their full name and surname, with the role words used of them."""
        if not actor.name:
            return
        key = name_key(actor.name)
        if gender:
            self.genders.setdefault(key, gender)
        known = self.by_name.pop(key, None)  # re-inserted: the dict runs from least to most recently named
        self.by_name[key] = known if known is not None and (known.is_known() or not actor.is_known()) \
            else replace(actor, span=None)
        self.roles.setdefault(key, set()).update(w for r in role_keys for w in r.split())
        words = key.split()
        if len(words) > 1:
            self.surnames.setdefault(words[-1], key)
        self.last_person = self.by_name[key]

    def person_named(self, tokens: list[Tok]) -> Actor | None:
        key = " ".join(t.key for t in tokens)
        key = self.surnames.get(key, key)
        return self.by_name.get(key)

    def person_of_gender(self, gender: str | None) -> Actor | None:
        """For "he" or "she": the latest person named not known to be of the other gender ("she" skips a
        Mr Brown named since). A pronoun teaches nothing here: one wrong guess would mislead every later one."""
        if gender is None or self.last_person is None:
            return self.last_person
        key = next((k for k in reversed(self.by_name) if self.genders.get(k, gender) == gender), None)
        return self.by_name[key] if key is not None else None

    def person_with_role(self, role_keys: set[str]) -> Actor | None:
        """The most recent person described with one of these role words ("the minister")."""
        for key in reversed(list(self.by_name)):
            if self.roles.get(key, set()) & role_keys:
                return self.by_name[key]
        return None


def default_kb_path() -> str:
    return os.environ.get(DEFAULT_KB_ENV, DEFAULT_KB_PATH)


@cache
def shared_kb() -> KnowledgeBase:
    return load_kb(default_kb_path())


class ActorResolver:
    """Resolves phrases and noun phrases to actors with the packaged tables and a knowledge base."""

    def __init__(self, kb: KnowledgeBase | None = None, kb_path: str | None = None):
        self.lexicon: Lexicon = base_lexicon()
        self.kb = kb if kb is not None else (load_kb(kb_path) if kb_path else shared_kb())
        self.people_index: dict[tuple[str, ...], list[Entry]] = {}
        self.people_first: set[str] = set()
        self.index_people()

    def index_people(self) -> None:
        self.people_index.clear()
        for phrase, name, is_surname in self.kb.people_keys():
            self.add_person_key(phrase, name, is_surname)

    def add_person_key(self, phrase: str, name: str, is_surname: bool) -> None:
        key = tuple(t.key for t in tokenize(phrase))
        if not key:
            return
        self.people_first.add(key[0])
        entries = self.people_index.setdefault(key, [])
        entry = Entry("surname" if is_surname else "person", name)
        if entry not in entries:
            entries.append(entry)
            entries.sort(key=lambda e: e.priority)

    # -- public API ---------------------------------------------------------------------------------------
    def resolve_phrase(self, phrase: str, context: str | None = None, date: str | None = None) -> Actor | None:
        """The actor a phrase names, or None when it names no known actor."""
        found = self.resolve_phrase_full(phrase, context, date)
        return found.actor if found else None

    def resolve_phrase_full(self, phrase: str, context: str | None = None,
                            date: str | None = None) -> Resolution | None:
        day = parse_day(date)
        toks = tokenize(phrase)
        groups = self.resolve_tokens(toks, day, None, phrase)
        found = groups[0] if groups else None
        if found is None or not (found.actor.country or found.actor.org):
            found = self.with_misspelt_country(found, toks, phrase)
        if context:
            ctx = self.resolve_tokens(tokenize(context), day, None)
            if ctx:
                found = with_context(found, ctx[0], phrase)
        if found is None or not (found.actor.is_known() or found.actor.name):
            return None
        return found

    def with_misspelt_country(self, found: Resolution | None, toks: list[Tok], phrase: str) -> Resolution | None:
        """A last try for a phrase with no country: a capitalised word one typo away from a country name."""
        for tok in toks:
            if not tok.is_title or len(tok.key) < 5 or self.known_word(tok):
                continue
            for length in (len(tok.key) - 1, len(tok.key), len(tok.key) + 1):
                for key, entry in misspelling_candidates().get((tok.key[0], length), []):
                    if within_one_edit(tok.key, key):
                        actor = found.actor if found else Actor(text=phrase)
                        actor.country, actor.confidence = entry.country, 0.4
                        return found or Resolution(actor)
        return found

    def resolve_span(self, span: Span, memory: DocumentMemory, offset: int = 0) -> list[Actor]:
        """The actors a noun phrase (with its conjuncts) names, in document offsets."""
        day = parse_day(memory.published)
        actors: list[Actor] = []
        span = whole_entities(span)
        for start, end, persons in conjunct_ranges(span):
            toks = cut_clause(tokenize(span.doc.text[start:end], start))
            matches = self.match(toks, persons)
            placed: list[tuple[Actor, int, int]] = []
            for lo, hi in conjunct_groups(toks, matches):
                group = toks[lo:hi]
                if not group:
                    continue
                found = self.from_memory(group, memory)
                if found is None:
                    inner = [replace(m, start=m.start - lo, end=m.end - lo) for m in matches
                             if lo <= m.start and m.end <= hi]
                    found = self.with_gazetteer_place(self.combine(group, inner, day, persons), group, span, memory)
                    if found is not None:
                        self.take_in(found, group, span, memory)
                else:
                    memory.remember(found.actor)  # most recently named now
                if found is None or not (found.actor.is_known() or found.actor.name):
                    continue
                found.actor.span = (offset + group[0].start, offset + group[-1].end)
                found.actor.text = span.doc.text[group[0].start:group[-1].end]
                actors.append(found.actor)
                placed.append((found.actor, lo, hi))
            share_head_role(placed, matches)
        return actors

    # -- document resolution ------------------------------------------------------------------------------
    def take_in(self, found: Resolution, toks: list[Tok], span: Span, memory: DocumentMemory) -> None:
        """Complete an actor from the document (affiliated fighters' country, "his country") and remember it."""
        actor = found.actor
        if actor.affiliation and not actor.country:
            actor.country = context_country(span, self, actor.affiliation, memory)
        if found.homes and not actor.country and not actor.org:
            actor.country = home_of_people(span, self, memory, found.homes)
        if not actor.country and not actor.org:
            owner = possessor(toks, memory, found)
            if owner is not None:
                actor.country = owner.country
        if not actor.country and not actor.org and not found.person and actor.sector in domestic_sectors():
            actor.country = sentence_country(span, self)
        guessed = False
        if not actor.country and not actor.org and not found.person \
                and report_sectors(is_definite(toks)) & {actor.sector, *found.sectors} \
                and not self.names_other_countries(toks):
            actor.country = sentence_country(span, self) or document_country(span, self, memory)
            actor.confidence, guessed = min(actor.confidence, 0.4), True
        if not actor.country and not actor.org and found.person and found.role_keys and found.from_phrase \
                and report_sectors() & {actor.sector, *found.sectors} \
                and not self.names_other_countries([t for t in toks if t.text not in (actor.name or "").split()]):
            actor.country = titled_person_country(span, self, memory)  # "Foreign Secretary Jack Straw"
            actor.confidence, guessed = min(actor.confidence, 0.4), True
        if found.person and found.from_phrase and (actor.country or actor.org) and not guessed:
            self.learn(found, memory.published)
        if found.person:
            memory.remember(actor, found.role_keys, gender_of(toks))
        if actor.country:
            memory.countries[actor.country] += 1
            if actor.sector in office_sectors() and not guessed:
                memory.offices[actor.country] += 1
        memory.last_actor = actor

    def with_gazetteer_place(self, found: Resolution | None, group: list[Tok], span: Span,
                             memory: DocumentMemory) -> Resolution | None:
        """A town the actor tables lack ("Idlib", "the town of Afrin"), when the tagger calls it a place: its
        country from the gazetteer the place stage uses (a namesake in the document's countries first)."""
        if found is not None and (found.actor.country or found.actor.org or (found.person and (
                not found.from_phrase or len(group) > 1 or found.actor.sector))):
            return found  # known, or a person by name and title; a lone unknown name may be a town ("Rafah")
        places = [e for e in span.doc.ents if e.label_ in PLACE_LABELS
                  and group[0].start <= e.start_char and e.end_char <= group[-1].end]
        if len(places) != 1 or (places[0].label_ not in GAZETTEER_LABELS and len(places[0]) > 1):
            return found  # the small model tags some towns ORG or PERSON, but only one-word ones
        place = places[0]
        if self.match(tokenize(place.text), None) or place.text.isupper():
            return found  # the tables read the word ("pro-Russia rebels" are no Russians); "WEF" is no town
        from ..when_where.gazetteer import load_gazetteer

        entry = load_gazetteer().best(place.text, frozenset(memory.countries))
        if entry is None or not entry.country:
            return found
        if place.label_ not in GAZETTEER_LABELS and plain(entry.name) != plain(place.text):
            return found  # tagged no place: only a town called so in its own name, not by an alias
        if place.label_ == "PERSON" and not (entry.curated or entry.population >= GAZETTEER_TOWN_AS_PERSON):
            return found
        if found is None:
            actor = Actor(text=join_tokens(group), name=entry.name, country=entry.country, sector="CVL",
                          confidence=0.6)
            return Resolution(actor, ["CVL"])
        found.actor.country, found.actor.name = entry.country, found.actor.name or entry.name
        found.person = False
        return found

    def names_other_countries(self, toks: list[Tok]) -> bool:
        """"Arab states", "western diplomats", "foreign governments": a capitalised word no table knows, a word
        such as "western" or a plural such as "governments" names actors of other or several countries, so
        the phrase is not the report's own government."""
        if any(t.text.lower() in abroad_plurals() for t in toks):
            return True
        matches = self.match(toks, None)
        if any(m.entry.kind == "qualifier" and m.entry.effect == "abroad" for m in matches):
            return True
        covered = {i for m in matches for i in range(m.start, m.end)}
        return any(t.is_title and i not in covered and t.key not in DETERMINERS for i, t in enumerate(toks))

    def learn(self, found: Resolution, day: str | None) -> None:
        """An identity a title or apposition gave a person: kept in the KB, so later articles can use it."""
        actor = found.actor
        self.kb.learn(actor.name or "", actor.country, actor.org, actor.sector, " ".join(found.role_keys), day)
        self.add_person_key(actor.name or "", actor.name or "", False)
        surname = surname_of(actor.name or "")
        if surname:
            self.add_person_key(surname, actor.name or "", True)

    def from_memory(self, toks: list[Tok], memory: DocumentMemory) -> Resolution | None:
        """Pronouns, surnames and "the minister" resolved to a person the document has already named."""
        words = [t for t in toks if t.key not in DETERMINERS]
        if len(words) == 1 and words[0].key in PERSONAL_PRONOUNS and words[0].key not in POSSESSIVES:
            return _copy(memory.person_of_gender(gender_of(words)), toks)
        if words and all(t.is_title for t in words) and len(words) <= 3:
            person = memory.person_named(words)
            if person is not None:
                return _copy(person, toks)
        if toks[0].key == "the" and len(words) <= 2:
            matches = self.match(words, None)
            if matches and all(m.entry.kind == "role" for m in matches) and len(matches) == 1:
                person = memory.person_with_role({words[-1].key})
                if person is not None:
                    return _copy(person, toks)
        return None

    # -- phrase resolution --------------------------------------------------------------------------------
    def resolve_tokens(self, toks: list[Tok], day: str | None, persons: set[int] | None,
                       text: str | None = None) -> list[Resolution]:
        """One resolution per conjunct of the phrase ("Çavuşoğlu and Stoltenberg" gives two)."""
        toks = cut_clause(toks)
        matches = self.match(toks, persons)
        out = []
        for lo, hi in conjunct_groups(toks, matches):
            if lo == hi:
                continue
            group = [replace(m, start=m.start - lo, end=m.end - lo) for m in matches if lo <= m.start and m.end <= hi]
            found = self.combine(toks[lo:hi], group, day, persons)
            if found is not None and text is not None:
                found.actor.text = text[toks[lo].start:toks[hi - 1].end]
            if found is not None:
                out.append(found)
        return out

    def match(self, toks: list[Tok], persons: set[int] | None) -> list[Match]:
        """Longest-first matches of table entries; acronyms must be written in capitals, names capitalised."""
        matches: list[Match] = []
        i, n = 0, len(toks)
        first_keys = self.lexicon.first_keys
        while i < n:
            found = None
            if toks[i].key in first_keys or toks[i].key in self.people_first:
                for length in range(min(self.lexicon.max_len, n - i), 0, -1):
                    key = tuple(t.key for t in toks[i:i + length])
                    entries = self.people_index.get(key, []) + self.lexicon.get(key)
                    entry = self.pick(entries, toks[i:i + length], toks, i, persons)
                    if entry is not None:
                        found = Match(entry, i, i + length, namesakes=tuple(
                            e.name for e in entries if e.kind in ("person", "surname") and e.name != entry.name
                        ) if entry.kind in ("person", "surname") else ())
                        break
            if found:
                matches.append(found)
                i = found.end
            else:
                i += 1
        mark_affiliations(matches, toks)
        return matches

    def pick(self, entries: list[Entry], words: list[Tok], toks: list[Tok], i: int,
             persons: set[int] | None) -> Entry | None:
        """The best entry written the way it must be (acronyms in capitals, names capitalised), if any."""
        for entry in sorted(entries, key=lambda e: e.priority):
            if entry.acronym and not written_as_acronym(" ".join(t.text for t in words)):
                continue
            if entry.cased and not (len(words) > 1 and words[1].text == entry.cased):
                continue
            if entry.kind in ("person", "surname", "city") and not words[0].is_title \
                    and not (entry.kind != "city" and self.after_title(toks, i)):
                continue  # names are capitalised, except after a title ("President obama")
            if entry.kind == "city" and self.city_is_a_name(words, toks, i, persons):
                continue
            if entry.kind in ("city", "seat") and len(words) == 1 and self.after_unknown_name(toks, i):
                continue  # "Morgan Stanley" is no Stanley, Falklands
            if entry.kind in ("surname", "person") and len(words) == 1 and self.part_of_other_name(entry, toks, i):
                continue
            if entry.kind == "surname" and isinstance(persons, NameOffsets) and words[0].start in persons.common:
                continue  # "Price discounting": a word the tagger read as a common noun, not Mr Price
            return entry
        return None

    def after_unknown_name(self, toks: list[Tok], i: int) -> bool:
        """The word before is a capitalised word no table knows: both are one name."""
        return i > 0 and toks[i - 1].is_title and toks[i - 1].end == toks[i].start - 1 \
            and not self.known_word(toks[i - 1]) and toks[i - 1].key not in REGION_ADJECTIVES

    def after_title(self, toks: list[Tok], i: int) -> bool:
        return i > 0 and toks[i - 1].is_title and any(e.kind == "role" for e in self.lexicon.get((toks[i - 1].key,)))

    def city_is_a_name(self, words: list[Tok], toks: list[Tok], i: int, persons: set[int] | None) -> bool:
        """"Charlotte Smith": a first name, not the city."""
        if isinstance(persons, NameOffsets) and words[0].start in persons.people:
            return True
        after = i + len(words)
        return after < len(toks) and toks[after].is_title and toks[after].key not in self.lexicon.first_keys

    def part_of_other_name(self, entry: Entry, toks: list[Tok], i: int) -> bool:
        """A one-word name inside someone else's name: "Hunter Biden" is not Joe Biden, "Mohammed Hussein
        Roble" is not a Mr Mohammed; a first name spelt differently ("Aleksandr Lukashenko") still counts."""
        before = toks[i - 1] if i > 0 else None
        if before is not None and before.is_title and not self.known_word(before) \
                and before.key[:3] not in {t.key[:3] for t in tokenize(entry.name)}:
            return True
        after = toks[i + 1] if i + 1 < len(toks) else None
        if after is not None and after.text == "-" and i + 2 < len(toks) and toks[i + 2].is_title:
            return True  # "Jean-Francois" is not Mr Jean
        return after is not None and after.is_title and not self.known_word(after)

    def known_word(self, tok: Tok) -> bool:
        """A word that is an entry by itself (a title, a country, a demonym), not part of a name."""
        return bool(self.lexicon.get((tok.key,)))

    def combine(self, toks: list[Tok], matches: list[Match], day: str | None,
                persons: set[int] | None) -> Resolution | None:
        """Country, organisation, sector and name of one conjunct from its matches."""
        parts = split_parts(toks, matches)
        head = next((p for p in parts if p.matches or p.name_tokens(toks, persons)), None)
        if head is None:
            return None
        state = Reading()
        for m in head_matches(head):
            self.read_match(state, m, day)
        names = head.name_tokens(toks, persons)
        while len(names) > 1 and names[0].text.lower() in gendered_words():
            names = names[1:]  # "Ms Amina Yusuf" is Amina Yusuf
        if state.person is None and not names and state.role_keys:
            self.name_in_apposition(state, parts, head, toks, persons, day)
        if state.person is None and names:
            state.name = join_tokens(names)
            state.from_phrase = True
            state.unsure_name = not state.role_keys and isinstance(persons, NameOffsets) \
                and not any(t.start in persons.people for t in names)
        if state.country is None and state.affiliation is None:
            self.loyal_to(state, parts, head, day)
        if state.sector_generic:
            self.sector_from_of_part(state, parts, head, day)
        if state.country is None and state.org is None:
            self.fill_from_other_parts(state, parts, head, day)
        elif state.country is None and state.org and not state.bloc:
            state.country = self.country_where(parts, head, toks, day)
        return state.resolution(join_tokens(toks))

    def country_where(self, parts: list[Part], head: Part, toks: list[Tok], day: str | None) -> str | None:
        """Where a group with no country of its own is ("Islamic State fighters in Mosul", "an al-Qaeda base
        west of Aden"): the country of a place named after "in", "near" ... or a compass word and "of"."""
        for part in parts[parts.index(head) + 1:]:
            located = part.intro in LOCATIVE_PREPOSITIONS or (
                part.intro == "of" and part.start >= 2 and toks[part.start - 2].key in COMPASS_WORDS)
            if not located:
                continue
            inner = Reading()
            for m in part.matches:
                if m.entry.kind in COUNTRY_KINDS:
                    self.read_match(inner, m, day)
            if inner.country:
                return inner.country
        return None

    def name_in_apposition(self, state: Reading, parts: list[Part], head: Part, toks: list[Tok],
                           persons: set[int] | None, day: str | None) -> None:
        """"the home secretary, Sajid Javid", "her Dutch husband, Yago Riedijk": the name after a title is whom
        the phrase names (the knowledge base's identity first, else the title's country and sector)."""
        k = parts.index(head)
        if k + 1 >= len(parts) or parts[k + 1].intro != ",":
            return
        part = parts[k + 1]
        if part.matches:
            if len(part.matches) == 1 and part.matches[0].entry.kind in ("person", "surname") \
                    and (part.matches[0].start, part.matches[0].end) == (part.start, part.end):
                self.read_match(state, part.matches[0], day)
            return
        names = part.name_tokens(toks, persons)
        if names and len(names) == part.end - part.start:
            state.name, state.from_phrase = join_tokens(names), True

    def loyal_to(self, state: Reading, parts: list[Part], head: Part, day: str | None) -> None:
        """"forces loyal to Khalifa Haftar" are of Haftar's country; "fighters loyal to Iran" are affiliated to
        Iran, not Iranians."""
        k = parts.index(head)
        last = head.matches[-1] if head.matches else None
        if last is None or last.end != head.end or last.entry.effect not in ("loyalty", "affiliation") \
                or k + 1 >= len(parts) or parts[k + 1].intro != "to":
            return
        inner = Reading()
        for m in parts[k + 1].matches:
            self.read_match(inner, m, day)
        if inner.person and inner.country:
            state.country, state.country_fixed = inner.country, True
        elif inner.country:
            state.affiliation = inner.country

    def sector_from_of_part(self, state: Reading, parts: list[Part], head: Part, day: str | None) -> None:
        """"members of SANDF", "a group of tourists": a generic head takes the sector of what it is of."""
        k = parts.index(head)
        if k + 1 < len(parts) and parts[k + 1].intro == "of":
            inner = Reading()
            for m in parts[k + 1].matches:
                self.read_match(inner, m, day)
            if inner.sector:
                state.sector, state.sector2, state.sector_generic = inner.sector, inner.sector2, inner.sector_generic

    def fill_from_other_parts(self, state: Reading, parts: list[Part], head: Part, day: str | None) -> None:
        """"people in the UK", "President of the Riigikogu": the country (and a title's sector) from a later part.

        A country, organisation or seat beats a city named in another part ("University ... in Scotland").
        """
        readings = []
        for part in parts:
            if part is head or part.intro in NO_COUNTRY_PARTS:
                continue
            inner = Reading()
            for m in part.matches:
                self.read_match(inner, m, day)
            if inner.country or inner.org or inner.homes:
                readings.append(inner)
        if not readings:
            return
        inner = next((r for r in readings if r.country_fixed or r.org), readings[0])
        state.country, state.org, state.bloc = inner.country, inner.org, inner.bloc
        if part_of_apposition(parts, head):
            state.homes = state.homes or inner.homes
        if state.sector is None or state.sector_generic:
            state.sector, state.sector2 = inner.sector or state.sector, inner.sector2 or state.sector2

    def read_match(self, state: Reading, m: Match, day: str | None) -> None:
        e = m.entry
        if m.located:
            state.country = state.country or e.country
            return
        if m.affiliation:
            state.affiliation = e.country or state.affiliation
            state.homes = state.homes or e.homes  # "Kurdish-led forces" are where the Kurds are
            return
        if e.kind == "qualifier":
            state.qualify(e)
            return
        if e.kind in ("person", "surname"):
            country = state.country if state.country_fixed else None
            self.read_person(state, self.namesake_on(day, e.name, m.namesakes, country), day)
            return
        if e.kind == "role":
            state.role_keys.append(e.name)
            state.take_role(e)
            return
        if e.kind == "region" and not e.country:
            state.homes = e.homes
        if e.country and not state.country_fixed:
            state.country = e.country
            state.country_fixed = e.kind != "city"
        if e.org and not state.org:
            state.org, state.bloc = e.org, e.bloc
        if e.kind in ("org", "seat"):
            state.name = e.name
            state.named = True
        elif e.kind in ("country", "demonym", "region", "city") and not state.name:
            state.name = e.name
        if e.sector:  # a seat's or city's sector holds only when no role follows ("Kyiv's forces" are MIL)
            state.set_sector(e.sector, e.sector2, weak=e.kind in ("city", "seat"))

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


@dataclass
class Reading:
    """The evidence gathered from one conjunct's head part, turned into a `Resolution` at the end."""

    country: str | None = None
    country_fixed: bool = False
    org: str | None = None
    bloc: str | None = None
    sector: str | None = None
    sector2: str | None = None
    sector_generic: bool = False
    person_sector: bool = False
    override: str | None = None
    fallback: str | None = None
    secondary: str | None = None
    affiliation: str | None = None
    name: str | None = None
    named: bool = False
    person: str | None = None
    from_phrase: bool = False
    role_keys: list[str] = field(default_factory=list)
    polity: bool = False
    homes: tuple[str, ...] = ()
    unsure_name: bool = False  # capitalised words the tagger did not call a person, with no title: maybe a place

    def set_sector(self, sector: str, sector2: str | None, weak: bool = False) -> None:
        if weak and self.sector and not self.sector_generic:
            return
        self.sector, self.sector2, self.sector_generic = sector, sector2, weak

    def take_role(self, e: Entry) -> None:
        if not e.sector:
            self.polity = True  # "his country", "the nation": a state, whose country the document supplies
            return
        if self.person_sector:
            return  # the KB knows the person's role on this date better than the title written beside it
        if e.generic and self.sector and not self.sector_generic:
            return
        if not e.generic and self.sector and not self.sector_generic and self.sector != e.sector:
            self.secondary = self.secondary or self.sector  # "opposition lawmaker": LEG, and OPP beside it
        self.set_sector(e.sector or "", e.sector2, weak=e.generic)

    def qualify(self, e: Entry) -> None:
        if e.effect == "sector" and e.sector == "ELI":
            self.override = "ELI"
        elif e.effect == "sector":
            self.fallback = e.sector
        elif e.effect == "secondary":
            self.secondary = e.sector

    def resolution(self, text: str) -> Resolution | None:
        sector = self.sector or self.fallback
        if self.override and (sector in office_sectors() or self.person):
            sector = self.override
        sectors = [s for s in (sector, self.sector2, self.secondary) if s]
        if not (self.country or self.org or sectors or self.name or self.affiliation or self.polity):
            return None
        from_phrase = self.from_phrase or (self.person is not None and not self.person_sector)
        confidence = 0.9 if self.named else 0.75 if self.country and sector else 0.6 if self.country else 0.45
        actor = Actor(text=text, name=self.name or self.person, country=self.country, org=self.org,
                      sector=sector, affiliation=self.affiliation, confidence=confidence)
        is_person = self.person is not None or (self.from_phrase and bool(self.name) and not self.unsure_name)
        return Resolution(actor, list(dict.fromkeys(sectors)), self.bloc, tuple(self.role_keys), from_phrase,
                          is_person, homes=() if self.country else self.homes)


@dataclass
class Part:
    """A stretch of a phrase between prepositions or commas, with the word that opens it."""

    intro: str
    start: int
    end: int
    matches: list[Match]

    def name_tokens(self, toks: list[Tok], persons: set[int] | None) -> list[Tok]:
        """Capitalised words no table knows: a person's name ("Mevlüt Çavuşoğlu"), if they look like one."""
        covered = {i for m in self.matches for i in range(m.start, m.end)}
        run: list[Tok] = []
        for i in range(self.start, self.end):
            t = toks[i]
            if run and t.text == "-" and i + 1 < self.end and toks[i + 1].text[:1].isalpha():
                run.append(t)  # "Ho-jen", "Kassym-Jomart"
                continue
            if i in covered or not t.text[:1].isalpha():
                if run:
                    break
                continue
            if (run and run[-1].text == "-") or (persons is not None and t.start in persons) \
                    or (persons is None and t.is_title):
                run.append(t)
            elif run:
                break
        if persons is None and len([t for t in run if t.text != "-"]) < 2:
            return []
        return run


def part_of_apposition(parts: list[Part], head: Part) -> bool:
    """The part after the head is an apposition ("Aram Kochar, a Kurdish official"), not a place it is in."""
    k = parts.index(head)
    return k + 1 < len(parts) and parts[k + 1].intro == ","


def head_matches(part: Part) -> list[Match]:
    """The matches that describe the actor: all of them, except that a country named last after an
    organisation or role is the actor itself ("NATO members Romania", "EU member Poland")."""
    matches = part.matches
    if len(matches) > 1 and matches[-1].entry.kind in ("country", "seat") and matches[-1].end == part.end \
            and not matches[-1].affiliation and any(m.entry.kind in ("org", "role") for m in matches[:-1]):
        return matches[-1:]
    return matches


def join_tokens(toks: list[Tok]) -> str:
    """Tokens back to text, with a space only where the original had one."""
    text = toks[0].text if toks else ""
    for prev, tok in zip(toks, toks[1:], strict=False):
        text += ("" if tok.start == prev.end else " ") + tok.text
    return text


def split_parts(toks: list[Tok], matches: list[Match]) -> list[Part]:
    inside = {i for m in matches if m.end - m.start > 1 for i in range(m.start, m.end)}
    parts: list[Part] = []
    intro, start = "", 0
    for i, t in enumerate(toks):
        if t.key in PART_BREAKS and i not in inside:
            parts.append(Part(intro, start, i, []))
            intro, start = t.key, i + 1
    parts.append(Part(intro, start, len(toks), []))
    for m in matches:
        for p in parts:
            if p.start <= m.start < p.end:
                p.matches.append(m)
                break
    return parts


def mark_affiliations(matches: list[Match], toks: list[Tok]) -> None:
    """"pro-Russian", "Iran-backed", "Kurdish-led": the country there is an affiliation, not the actor's own."""
    for k, m in enumerate(matches):
        if m.entry.kind == "qualifier" and m.entry.effect == "located" and k > 0 \
                and all(t.text == "-" for t in toks[matches[k - 1].end:m.start]):
            matches[k - 1].located = True
        if m.entry.kind != "qualifier" or m.entry.effect != "affiliation":
            continue
        if m.entry.name == "pro" and k + 1 < len(matches):
            target = matches[k + 1]
        elif k > 0 and m.entry.name != "pro":
            target = matches[k - 1]
        else:
            continue
        between = toks[min(m.end, target.end):max(m.start, target.start)]
        if target.entry.kind in (*COUNTRY_KINDS, "org") and all(t.text == "-" for t in between):
            target.affiliation = True


def conjunct_groups(toks: list[Tok], matches: list[Match]) -> list[tuple[int, int]]:
    """Token ranges of the conjuncts: split at "and"/"or" (and then at commas) that no table entry spans."""
    inside = {i for m in matches for i in range(m.start, m.end)}
    joints = [i for i, t in enumerate(toks) if t.key in CONJUNCTIONS and i not in inside
              and not joins_a_title(toks, matches, i)]
    if not joints:
        return [(0, len(toks))]
    commas = [i for i, t in enumerate(toks) if t.text == "," and i not in inside and i < joints[0]]
    cuts = sorted(set(joints + commas))
    ranges, start = [], 0
    for c in cuts:
        if c > start:
            ranges.append((start, c))
        start = c + 1
    if start < len(toks):
        ranges.append((start, len(toks)))
    return ranges


def joins_a_title(toks: list[Tok], matches: list[Match], i: int) -> bool:
    """"Minister of Trade and Industry": an "and" between capitalised words after "of", where the word after
    it names no actor or title by itself (a sector word at most), is part of a title."""
    if not (0 < i < len(toks) - 1 and toks[i - 1].is_title and toks[i + 1].is_title):
        return False
    if any(m.start == i + 1 and (m.entry.kind != "role" or m.end - m.start > 1) for m in matches):
        return False  # "... of France and Germany", "... of State and Defense Secretary": two
    before = next((t.key for t in reversed(toks[:i]) if t.key in PART_BREAKS), None)
    return before == "of"


def bare_place(matches: list[Match], lo: int, hi: int) -> bool:
    """A conjunct that is only a country word ("US", "British"), with no determiner or role of its own."""
    inner = [m for m in matches if lo <= m.start and m.end <= hi]
    return len(inner) == 1 and (inner[0].start, inner[0].end) == (lo, hi) \
        and inner[0].entry.kind in ("country", "demonym") and not inner[0].affiliation


def share_head_role(placed: list[tuple[Actor, int, int]], matches: list[Match]) -> None:
    """"US and British activists", "Israeli and Palestinian officials": the noun after the last country
    word is the role of every bare country word conjoined before it."""
    if len(placed) < 2 or placed[-1][0].sector is None:
        return
    last, lo, hi = placed[-1]
    inner = [m for m in matches if lo <= m.start and m.end <= hi]
    if len(inner) < 2 or inner[0].start != lo or inner[0].entry.kind not in ("country", "demonym") \
            or inner[1].entry.kind != "role" or inner[1].start != inner[0].end:
        return
    for actor, a, b in placed[:-1]:
        if actor.sector is None and bare_place(matches, a, b):
            actor.sector = last.sector


def cut_clause(toks: list[Tok]) -> list[Tok]:
    """The phrase without a dateline before a spaced dash ("BRUSSELS (Reuters) — NATO") or a relative clause."""
    for i in range(len(toks) - 2, 0, -1):
        if toks[i].text in ("—", "–", "--") or (toks[i].text == "-" and toks[i].start > toks[i - 1].end
                                                  and toks[i + 1].start > toks[i].end):
            toks = toks[i + 1:]
            break
    for i, t in enumerate(toks):
        if i > 0 and t.key in CLAUSE_BREAKS:
            return toks[:i]
    return toks


def whole_entities(span: Span) -> Span:
    """The span widened so it does not cut a named entity in two ("Barack" of "Barack Obama")."""
    start, end = span.start, span.end
    first, last = span.doc[start], span.doc[end - 1]
    if first.ent_iob_ == "I":
        start = next((e.start for e in span.doc.ents if e.start <= start < e.end), start)
    if last.ent_iob_ in ("B", "I") and end < len(span.doc) and span.doc[end].ent_iob_ == "I":
        end = next((e.end for e in span.doc.ents if e.start <= end - 1 < e.end), end)
    return span if (start, end) == (span.start, span.end) else span.doc[start:end]


class NameOffsets(set):
    """Offsets of name-like tokens in a parsed span; `people` holds those the tagger called PERSON."""

    people: set[int] = set()
    common: set[int] = set()  # tokens tagged as common nouns, adjectives, verbs: "Price" of "Price rises"


def conjunct_ranges(span: Span) -> list[tuple[int, int, set[int]]]:
    """Character ranges (doc-relative) of the span's conjuncts, each with the offsets of its name-like tokens
    (PERSON entities, and proper nouns the tagger put in no entity)."""
    root = span.root
    heads = [root, *[c for c in root.conjuncts if span.start <= c.i < span.end]]
    persons = NameOffsets(t.idx for t in span if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and not t.ent_type_))
    persons.people = {t.idx for t in span if t.ent_type_ == "PERSON"}
    persons.common = {t.idx for t in span if t.pos_ in ("NOUN", "ADJ", "VERB") and not t.ent_type_}
    if len(heads) == 1:
        return [(span.start_char, span.end_char, persons)]
    head_ids = {t.i for t in heads}
    ranges = []
    for head in sorted(heads, key=lambda t: t.i):
        kept = [t for t in head.subtree if span.start <= t.i < span.end and _owner(t, head_ids) == head.i
                and t.dep_ not in ("cc", "preconj", "punct")]
        if kept:
            ranges.append((kept[0].idx, kept[-1].idx + len(kept[-1].text), persons))
    return ranges


def _owner(token: Token, heads: set[int]) -> int | None:
    """The conjunct head a token belongs to (its nearest ancestor among the heads)."""
    while token.i not in heads:
        if token.head.i == token.i:
            return None
        token = token.head
    return token.i


def possessor(toks: list[Tok], memory: DocumentMemory, found: Resolution) -> Actor | None:
    """"his country", "its army": the owner a possessive pronoun points back to (not for "its allies")."""
    if not toks or toks[0].key not in POSSESSIVES or found.actor.name:
        return None
    return memory.person_of_gender(gender_of(toks[:1])) if POSSESSIVES[toks[0].key] == "person" \
        else memory.last_actor


def sentence_country(span: Span, resolver: ActorResolver) -> str | None:
    """The one country the sentence's places (outside the phrase itself) point to; None if none or several."""
    found = set()
    for ent in span.sent.ents:
        if ent.label_ in PLACE_LABELS and not (span.start <= ent.start < span.end) and is_setting(ent):
            for m in resolver.match(tokenize(ent.text), None):
                if m.entry.country and m.entry.kind in COUNTRY_KINDS:
                    found.add(m.entry.country)
    return found.pop() if len(found) == 1 else None


def document_country(span: Span, resolver: ActorResolver, memory: DocumentMemory) -> str | None:
    """The country a report is about, for "the government" or "officials" it names no country for: the one
    its office holders so far serve most often (with a lead over the next), else the one its actors belong to
    most often, else the one place its paragraph names as a setting ("in Nairobi")."""
    for counts in (memory.offices, memory.countries):
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
    if memory.countries:
        return None
    found = set()
    for ent in span.doc.ents:
        if ent.label_ in PLACE_LABELS and not (span.start <= ent.start < span.end) and is_setting(ent):
            for m in resolver.match(tokenize(ent.text), None):
                if m.entry.country and m.entry.kind in COUNTRY_KINDS:
                    found.add(m.entry.country)
    return found.pop() if len(found) == 1 else None


def titled_person_country(span: Span, resolver: ActorResolver, memory: DocumentMemory) -> str | None:
    """The country whose office holders the report has named most, for an official named with a title but no
    country, unless the sentence names that country for someone else ("The US envoy met President X": X is
    the host, not a US president)."""
    ranked = memory.offices.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    country = ranked[0][0]
    others = {m.entry.country for ent in span.sent.ents if ent.label_ in (*PLACE_LABELS, "NORP")
              and not (span.start <= ent.start < span.end) for m in resolver.match(tokenize(ent.text), None)}
    return None if country in others else country


def gender_of(toks: list[Tok]) -> str | None:
    """The gender a phrase shows ("Mrs May", "the spokeswoman", "she"), if it shows one; a possessive shows
    its owner's ("her husband" is a man)."""
    words = gendered_words()
    cut = next((i for i, t in enumerate(toks) if t.key == "'s"), len(toks))  # "Ann Lee's father" is no man
    shown = [t.text.lower() for t in toks[:cut] if len(toks) == 1 or t.key not in POSSESSIVES]
    return next((words[w] for w in shown if w in words), None)


def is_definite(toks: list[Tok]) -> bool:
    """ "the army", not "the 2,000 special forces": one known body, not a counted detachment."""
    return bool(toks) and toks[0].key == "the" and not any(t.text[:1].isdigit() for t in toks)


def is_setting(ent: Span) -> bool:
    """A place named as where things happen ("in Nairobi", "Kenya's capital"), not as a participant."""
    root = ent.root
    if root.dep_ == "pobj":
        return root.head.lower_ in LOCATIVE_PREPOSITIONS
    return root.dep_ in ("poss", "compound") and root.head.dep_ == "pobj" \
        and root.head.head.lower_ in LOCATIVE_PREPOSITIONS


def context_country(span: Span, resolver: ActorResolver, affiliation: str | None,
                    memory: DocumentMemory) -> str | None:
    """Where fighters with a foreign affiliation fight: a place named in the sentence, else the document's."""
    for ent in span.sent.ents:
        if ent.label_ in ("GPE", "LOC"):
            for m in resolver.match(tokenize(ent.text), None):
                if m.entry.country and m.entry.country != affiliation:
                    return m.entry.country
    for country, _ in memory.countries.most_common():
        if country != affiliation:
            return country
    return None


def home_of_people(span: Span, resolver: ActorResolver, memory: DocumentMemory,
                   homes: tuple[str, ...]) -> str | None:
    """Which of its home countries a people living in several is in: the one its sentence is set in, else the
    one the document names most, unless the sentence names that country as another party ("the Kurds and
    Turkey")."""
    setting = sentence_country(span, resolver)
    if setting in homes:
        return setting
    named = {m.entry.country for ent in span.sent.ents if ent.label_ in PLACE_LABELS
             for m in resolver.match(tokenize(ent.text), None) if m.entry.country}
    return next((c for c, _ in memory.countries.most_common() if c in homes and c not in named), None)


def with_context(found: Resolution | None, ctx: Resolution, phrase: str) -> Resolution:
    """Fill what the phrase leaves open (country; sector of a bare name) from the context phrase."""
    if found is None:
        actor = Actor(text=phrase, country=ctx.actor.country, org=ctx.actor.org, sector=ctx.actor.sector,
                      confidence=0.3)
        return Resolution(actor, ctx.sectors, ctx.bloc)
    actor = found.actor
    if not actor.country and not actor.org:
        actor.country, actor.org = ctx.actor.country, ctx.actor.org
        found.bloc = found.bloc or ctx.bloc
    if not found.sectors and ctx.sectors and actor.name:
        actor.sector = ctx.sectors[0]
        found.sectors = list(ctx.sectors)
    return found


def _copy(actor: Actor | None, toks: list[Tok]) -> Resolution | None:
    if actor is None:
        return None
    text = " ".join(t.text for t in toks)
    return Resolution(replace(actor, text=text, confidence=min(actor.confidence, 0.8)),
                      [actor.sector] if actor.sector else [], person=True)


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


__all__ = ["ActorResolver", "DocumentMemory", "Resolution", "KIND_PRIORITY", "parse_day"]
