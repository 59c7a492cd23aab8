"""In-document coreference: `DocumentMemory` keeps who a document has named, so that a later surname-only
mention, "the minister" or "he"/"she" (by gender where the document shows it) and "his country" resolve to them.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..model import Actor
from ..when_where.magnitudes import magnitude_words
from .kb import name_key
from .parts import DETERMINERS, Resolution
from .tables import anaphors, gendered_words, plural_anaphors, relation_keys
from .text import Tok

if TYPE_CHECKING:
    from .phrases import PhraseReader

ACRONYM_AFTER = re.compile(r"\s?\(([A-Z][A-Za-z]?[A-Z]{1,6})\)")  # "(SPA)", "(YPG)", "(PKK)", "(HTS)"
PERSONAL_PRONOUNS = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
POSSESSIVES = {"his": "person", "her": "person", "its": "actor", "their": "actor"}


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
    last_body: Actor | None = None  # the latest country, government or organisation named (for "it")
    last_body_sentence: tuple[int, int] | None = None  # (doc id, sentence start) where last_body was named
    bodies: list[Actor] = field(default_factory=list)  # countries, organisations, groups named, oldest first
    countries: Counter = field(default_factory=Counter)
    offices: Counter = field(default_factory=Counter)  # countries of its office holders ("the home secretary")
    person_sentences: dict[str, tuple[int, int]] = field(default_factory=dict)  # name key → sentence last named
    subject_person: str | None = None  # the latest person named as a sentence's subject
    party_sentences: dict[int, tuple[int, int] | None] = field(default_factory=dict)  # id(actor) → sentence
    party_counts: Counter = field(default_factory=Counter)  # mentions of each party (see `plural_identity`)
    last_force: str | None = None  # the sector (COP/MIL) of the latest police or military body named
    parties: list[tuple[Actor, bool]] = field(default_factory=list)  # (actor, is a person), least recent first
    body_sentences: list[tuple[int, int]] = field(default_factory=list)  # the sentence of each of `bodies`
    subject_bodies: set[int] = field(default_factory=set)  # ids of `bodies` named as a sentence's subject
    settings: Counter = field(default_factory=Counter)  # countries of the places the document names as settings
    subject_sentences: list[tuple[int, int]] = field(default_factory=list)  # sentences that named a subject, in order
    plural_subject: tuple[list[Actor], tuple[int, int]] | None = None  # the latest plural subject and its sentence
    acronyms: dict[str, Actor] = field(default_factory=dict)  # "SPA" → the body "the ... Association (SPA)" is

    def main_setting(self) -> str | None:
        """The country the document is set in: the one its places point to most often, with a lead."""
        ranked = self.settings.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None

    def note_subject(self, actors: list[Actor], plural: bool, sentence: tuple[int, int]) -> None:
        """Keep the sentence's subject for "they" in the next one: a plural subject is kept whole."""
        if not self.subject_sentences or self.subject_sentences[-1] != sentence:
            self.subject_sentences.append(sentence)
        if plural:
            self.plural_subject = (list(actors), sentence)

    def note_party(self, actor: Actor, person: bool, sentence: tuple[int, int] | None = None) -> None:
        """Keep a named party (person or body) as the most recent one, for "the two countries", "both sides"."""
        self.party_sentences[id(actor)] = sentence
        if not (actor.country or actor.org):
            return
        ident = (actor.code, actor.name if person else None)
        self.parties = [(a, p) for a, p in self.parties if (a.code, a.name if p else None) != ident]
        self.parties.append((actor, person))
        self.party_counts[f"{actor.code}|{actor.name if person else ''}"] += 1

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

    def note_acronym(self, actor: Actor, text: str, start: int, end: int) -> None:
        """"The Sudanese Professionals Association (SPA)": the letters in brackets after the name of a body (in
        its phrase, which may go on with an apposition, or right after it) are its name for the rest of the
        document, before anything the tables say of the same letters."""
        found = next((m for m in ACRONYM_AFTER.finditer(text, start, end + 3) if m.start() > start), None)
        if found and (actor.country or actor.org):
            self.acronyms[found.group(1)] = replace(actor, span=None)

    def remember_holder(self, actor: Actor, role_keys: tuple[str, ...], gender: str | None) -> str:
        """"The German ambassador" named by role alone: a person too, for a later "he" or "the ambassador";
        returns the key it is kept under."""
        key = "\x00" + actor.text.lower()  # never a name: surname and name look-ups cannot reach it
        if gender:
            self.genders.setdefault(key, gender)
        self.by_name.pop(key, None)
        self.by_name[key] = replace(actor, span=None)
        self.roles.setdefault(key, set()).update(w for r in role_keys for w in r.split())
        self.last_person = self.by_name[key]
        return key

    def person_named(self, tokens: list[Tok]) -> Actor | None:
        """The person a name or a bare surname of it refers to, if the document has named them."""
        key = " ".join(t.key for t in tokens)
        key = self.surnames.get(key, key)
        return self.by_name.get(key)

    def mark_person(self, key: str | None, sentence: tuple[int, int], subject: bool) -> None:
        """Note the sentence a remembered person (by name key) was named in, and whether as its subject."""
        if key is None or key not in self.by_name:
            return
        self.person_sentences[key] = sentence
        if subject:
            self.subject_person = key

    def is_holder_of(self, person: Actor | None, sentence: tuple[int, int] | None) -> bool:
        """Whether a person named by role alone ("the German ambassador") was named in this sentence."""
        key = next((k for k, a in self.by_name.items() if a is person), None) if person is not None else None
        return key is not None and key.startswith("\x00") and self.person_sentences.get(key) == sentence

    def topic_person(self, gender: str | None, sentence: tuple[int, int]) -> Actor | None:
        """"The German ambassador met President Ruto. He said ...": a subject pronoun prefers the subject of the
        latest sentence that named people (not its own), where the gender fits, over a later-named object."""
        key = self.subject_person
        if key is None or key not in self.by_name or self.genders.get(key, gender) != gender:
            return None
        latest = self.person_sentences.get(next(reversed(self.by_name)))
        mine = self.person_sentences.get(key)
        return self.by_name[key] if mine == latest and mine != sentence else None

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


NON_STATE_SECTORS = frozenset({"REB", "PRM", "PTY", "OPP", "SOC", "UAF", "CRM", "LAB", "REL"})
ANTECEDENT_KINDS = ("country", "demonym", "seat", "org", "person", "surname", "city", "region")
MAX_ANAPHOR_WORDS = 3  # "the group", "the militant group", "the Islamist militant group"
LIST_MARKS = {",", "and"}  # between a description's adjectives


def fits_anaphor(actor: Actor, refers: str) -> bool:
    """Whether an earlier actor is what "the group", "the alliance" or "the country" can point back to."""
    if refers == "group":
        return actor.sector in NON_STATE_SECTORS or (actor.org is not None and actor.sector != "GOV")
    if refers == "bloc":
        return actor.org is not None
    return actor.country is not None and actor.org is None and actor.sector in (None, "GOV")


def anaphor_kind(toks: list[Tok], reader: PhraseReader) -> str | None:
    """What kind of body a definite noun naming no one points back to ("the group": a group), if it is one."""
    words = [t for t in toks[1:] if t.key not in LIST_MARKS]  # "the small, rich nation": three words
    hyphens = sum(t.key == "-" for t in words)  # "the oil-rich kingdom": "oil-rich" is one
    if not toks or toks[0].key != "the" or not 0 < len(words) - 2 * hyphens <= MAX_ANAPHOR_WORDS:
        return None
    refers = anaphors().get(words[-1].key)
    if refers is None or any(m.entry.kind in ANTECEDENT_KINDS for m in reader.match(words, None)):
        return None
    return refers


def described_body(toks: list[Tok], memory: DocumentMemory, reader: PhraseReader,
                   earlier: list[Actor] = (), sentence: tuple[int, int] | None = None) -> Resolution | None:
    """"The group said", "the alliance urged", "the kingdom accused": a definite noun for a kind of body,
    naming no one itself, stands for the nearest body of that kind named before it: in its own sentence
    (`earlier`, nearest last), else in an earlier sentence of the document (not its own `sentence` again,
    whose bodies `earlier` already chose among)."""
    refers = anaphor_kind(toks, reader)
    if refers is None:
        return None
    actor = next((a for a in reversed(earlier) if fits_anaphor(a, refers)), None) \
        or topic_body(memory, refers, sentence)
    if actor is None:
        return None
    return Resolution(replace(actor, text=" ".join(t.text for t in toks), confidence=min(actor.confidence, 0.6),
                              span=None), [actor.sector] if actor.sector else [])


PLURAL_SECTORS = {"government": "GOV", "military": "MIL"}
COUNTRY_PLURALS = ("country", "government", "military")
PLURAL_WINDOW = 5  # "the two countries": the most mentioned two of the latest five parties of its kind (with a
# larger number, "the six countries", as many as it says)


def fits_plural(actor: Actor, person: bool, refers: str) -> bool:
    """Whether a named party is of the kind "the two countries", "the two leaders" or "both sides" stands for."""
    if refers == "leader":
        return person
    if refers in COUNTRY_PLURALS:  # any actor of a country stands for it ("Aliyev", "Azerbaijani forces")
        return actor.org is None and actor.country is not None and actor.sector not in NON_STATE_SECTORS
    return True


def plural_identity(actor: Actor, person: bool, refers: str) -> str:
    """What makes two parties two: their countries for "the two countries", else the actor (or person)."""
    if refers in COUNTRY_PLURALS:
        return actor.country or ""
    if refers == "side":  # a side is a state, an organisation or a non-state group, whoever speaks for it
        return actor.org or f"{actor.country}|{actor.sector if actor.sector in NON_STATE_SECTORS else ''}"
    return f"{actor.code}|{actor.name if person else ''}"


def state_of(actor: Actor, text: str, sector: str | None) -> Actor:
    """The state an actor of it stands for in "the two countries" ("Aliyev", "Armenian troops")."""
    return Actor(text=text, name=actor.name if actor.sector is None else None, country=actor.country,
                 sector=sector, confidence=0.6)


MAX_PLURAL = 9  # "the nine countries" at most: more are a bloc, not parties named one by one


def _party_count(word: str) -> int | None:
    """How many parties "the three countries" stands for (a number word of magnitude_words.csv, or digits)."""
    value = int(word) if word.isdigit() else magnitude_words()["number"].get(word)
    return int(value) if value and 2 <= value <= MAX_PLURAL else None


def plural_kind(toks: list[Tok]) -> tuple[str | None, int]:
    """The kind of party a plural anaphor stands for and how many: "the two countries" (a table phrase) is two
    countries; "the three countries", "the four leaders" are read as the table's "the two ..." with their own
    number."""
    keys = tuple(t.key for t in toks)
    refers = plural_anaphors().get(keys)
    if refers is not None:
        return refers, 2
    count = _party_count(keys[1]) if len(keys) > 2 and keys[0] == "the" else None
    if count is None:
        return None, 0
    return plural_anaphors().get(("the", "two", *keys[2:])), count


def plural_parties(toks: list[Tok], memory: DocumentMemory,
                   outside: tuple[int, int] | None = None) -> list[Actor] | None:
    """"India and Pakistan agreed ... The two countries also ...": a plural anaphor stands for two (or as many as
    it says) distinct parties of its kind the document has named, as a compound actor (in the order named): of
    the latest few, the most mentioned. Not the parties of the sentence `outside` ("The EU urged both sides":
    not the EU)."""
    refers, count = plural_kind(toks)
    if refers is None:
        return None
    recent: list[tuple[Actor, int]] = []  # the latest distinct parties of the kind, with their mentions
    seen: set[str] = set()
    for actor, person in reversed(memory.parties):
        ident = plural_identity(actor, person, refers)
        if not fits_plural(actor, person, refers) or ident in seen \
                or (outside is not None and memory.party_sentences.get(id(actor)) == outside):
            continue
        seen.add(ident)
        mentions = memory.countries[actor.country] if refers in COUNTRY_PLURALS \
            else memory.party_counts[f"{actor.code}|{actor.name if person else ''}"]
        recent.append((actor, mentions))
        if len(recent) == max(PLURAL_WINDOW, count):
            break
    if len(recent) < count:
        return None
    ranked = sorted(range(len(recent)), key=lambda i: (-recent[i][1], i))[:count]  # most mentioned, then latest
    picked = [recent[i][0] for i in sorted(ranked, reverse=True)]  # in the order named
    text = " ".join(t.text for t in toks)
    sector = PLURAL_SECTORS.get(refers)
    if refers in COUNTRY_PLURALS or refers == "side":  # states themselves, in the order the document named them
        first_named = list(memory.countries)
        picked.sort(key=lambda a: first_named.index(a.country) if a.country in first_named else len(first_named))
    if refers in COUNTRY_PLURALS:  # the states themselves, not the person or force that stood for them
        return [state_of(a, text, sector) for a in picked]
    if refers == "side":
        return [state_of(a, text, None) if a.org is None and a.sector not in NON_STATE_SECTORS
                else replace(a, text=text, confidence=min(a.confidence, 0.6), span=None) for a in picked]
    return [replace(a, text=text, confidence=min(a.confidence, 0.6), span=None) for a in picked]


GROUP_PRONOUNS = {"they"}


def group_pronoun(toks: list[Tok], memory: DocumentMemory, subject: bool,
                  sentence: tuple[int, int]) -> list[Actor] | None:
    """"Rebel factions said they would respect the truce. But they also vowed to respond": "they" as a subject
    stands for the subject of the latest earlier sentence that named one, when that subject was plural (a
    group, "protesters", "rebel factions", or parties joined by "and"). Within its own sentence the speaker
    rule covers it ("X said they would"); as an object it is as often a thing."""
    if not subject or len(toks) != 1 or toks[0].key not in GROUP_PRONOUNS or memory.plural_subject is None:
        return None
    earlier = [key for key in memory.subject_sentences if key != sentence]
    actors, named_in = memory.plural_subject
    if not earlier or named_in != earlier[-1]:
        return None
    return [replace(a, text=toks[0].text, confidence=min(a.confidence, 0.6), span=None) for a in actors]


def topic_body(memory: DocumentMemory, refers: str, outside: tuple[int, int] | None = None) -> Actor | None:
    """The body "the country" stands for across sentences: of the fitting bodies the latest such sentence
    (other than `outside`) named, its subject ("Turkey sent troops to Syria. The country also ...": Turkey),
    else the nearest."""
    named = zip(memory.bodies, memory.body_sentences, strict=True)
    fitting = [(a, key) for a, key in named if fits_anaphor(a, refers) and key != outside]
    if not fitting:
        return None
    latest = fitting[-1][1]
    same = [a for a, key in fitting if key == latest]
    return next((a for a in reversed(same) if id(a) in memory.subject_bodies), same[-1])


def from_memory(toks: list[Tok], memory: DocumentMemory, reader: PhraseReader,
                sentence: tuple[int, int] | None = None, subject: bool = False) -> Resolution | None:
    """Pronouns, surnames and "the minister" resolved to a person the document has already named; a subject
    pronoun prefers the subject of the sentence before. A person named by role alone is no antecedent in
    its own `sentence` ("Israel's president lifted restrictions on Olmert when he was released")."""
    words = [t for t in toks if t.key not in DETERMINERS]
    if len(words) == 1 and words[0].key in PERSONAL_PRONOUNS and words[0].key not in POSSESSIVES:
        gender = gender_of(words)
        person = (memory.topic_person(gender, sentence) if subject else None) or memory.person_of_gender(gender)
        return _copy(None if memory.is_holder_of(person, sentence) else person, toks)
    if len(words) == 1 and words[0].text in memory.acronyms:
        body = memory.acronyms[words[0].text]
        return Resolution(replace(body, text=" ".join(t.text for t in toks)), [body.sector] if body.sector else [])
    if words and all(t.is_title for t in words) and len(words) <= 3:
        person = memory.person_named(words)
        if person is not None:
            return _copy(person, toks)
    if toks[0].key == "the" and len(words) <= 2:
        matches = reader.match(words, None)
        if matches and all(m.entry.kind == "role" for m in matches) and len(matches) == 1:
            person = memory.person_with_role({words[-1].key})
            if person is not None:
                return _copy(person, toks)
    return None


BODY_PRONOUNS = {"it"}


def body_pronoun(toks: list[Tok], memory: DocumentMemory, subject: bool,
                 sentence: tuple[int, int]) -> Resolution | None:
    """"The Pentagon sent troops to Poland. It will also deploy jets": "it" as a subject stands for the latest
    country, government or organisation named as a subject in an earlier sentence. Not as an object (more
    often a thing), nor back into its own sentence, where the speaker rule covers "X said it would ..." and
    "warned Ukraine of consequences if it joined" means the object."""
    if not subject or len(toks) != 1 or toks[0].key not in BODY_PRONOUNS or memory.last_body is None \
            or memory.last_body_sentence == sentence:
        return None
    body = memory.last_body
    return Resolution(replace(body, text=toks[0].text, confidence=min(body.confidence, 0.6), span=None),
                      [body.sector] if body.sector else [])


def possessive_word(toks: list[Tok]) -> Tok | None:
    """The phrase's possessive pronoun ("its" in "two of its soldiers"), if it has one."""
    return next((t for t in toks if t.key in POSSESSIVES), None)


def possessor(toks: list[Tok], memory: DocumentMemory, found: Resolution,
              earlier: list[Actor] | None = None) -> Actor | None:
    """"his country", "its army", "two of its soldiers": the owner a possessive pronoun points back to; for
    "its" or "their", the latest body its own sentence named before it (`earlier`: "Belgium says some 40 of
    its citizens"), else the latest actor of the document. "its allies", "its neighbours" and "his
    counterpart" are the owner's other side, of no country the pronoun tells."""
    owner_word = possessive_word(toks)
    if owner_word is None or found.actor.name or any(t.key in relation_keys() for t in toks):
        return None
    if POSSESSIVES[owner_word.key] == "person":
        return memory.person_of_gender(gender_of([owner_word]))
    return earlier[-1] if earlier else memory.last_actor


def gender_of(toks: list[Tok]) -> str | None:
    """The gender a phrase shows ("Mrs May", "the spokeswoman", "she"), if it shows one; a possessive shows
    its owner's ("her husband" is a man)."""
    words = gendered_words()
    cut = next((i for i, t in enumerate(toks) if t.key == "'s"), len(toks))  # "Ann Lee's father" is no man
    shown = [t.text.lower() for t in toks[:cut] if len(toks) == 1 or t.key not in POSSESSIVES]
    return next((words[w] for w in shown if w in words), None)


def _copy(actor: Actor | None, toks: list[Tok]) -> Resolution | None:
    """A remembered person as this mention's actor: a little less sure than where they were named."""
    if actor is None:
        return None
    text = " ".join(t.text for t in toks)
    return Resolution(replace(actor, text=text, confidence=min(actor.confidence, 0.8)),
                      [actor.sector] if actor.sector else [], person=True)
