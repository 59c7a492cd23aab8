"""Phrase → actor from the tables: longest-first matching of table entries (spelling rules for acronyms,
names and cities), then reading one conjunct's matches into country, organisation, sector and name, with the
compound mentions ("forces loyal to ...", "members of ...", "the home secretary, Sajid Javid", "people in the
UK").
"""

from __future__ import annotations

from dataclasses import replace

from .parts import (
    COMPASS_WORDS,
    COUNTRY_KINDS,
    DETERMINERS,
    LOCATIVE_PREPOSITIONS,
    NAME_PARTICLES,
    NO_COUNTRY_PARTS,
    REGION_ADJECTIVES,
    Match,
    Part,
    Reading,
    Resolution,
    conjunct_groups,
    cut_clause,
    head_matches,
    join_tokens,
    mark_affiliations,
    mark_opponents,
    part_of_apposition,
    split_parts,
)
from .people import KnownPeople
from .spans import NameOffsets
from .tables import Entry, Lexicon, gendered_words, setting_words
from .text import Tok, tokenize, written_as_acronym


def serves(head: Part, toks: list[Tok]) -> bool:
    """Whether the phrase's head is a role that serves someone ("adviser", "spokesman"): its to-phrase is whom."""
    return any(toks[i].key in setting_words("serving") for i in range(head.start, head.end))


OPPOSED_AT_HOME = ("seat", "person", "surname")  # a government's seat or leader: opposed by its own people


class PhraseReader(KnownPeople):
    """Matching and reading phrases against the actor tables; `ActorResolver` sets `lexicon`."""

    lexicon: Lexicon

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
        mark_opponents(matches, toks)
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
        """The word before is a capitalised word no table knows: both are one name (but a sentence-initial
        "The" is no name: "The Pentagon" is the Pentagon)."""
        return i > 0 and toks[i - 1].is_title and toks[i - 1].end == toks[i].start - 1 \
            and not self.known_word(toks[i - 1]) and toks[i - 1].key not in REGION_ADJECTIVES \
            and toks[i - 1].key not in DETERMINERS

    def after_title(self, toks: list[Tok], i: int) -> bool:
        """The word before is a title ("President obama"): a name after it may be written in lower case."""
        return i > 0 and toks[i - 1].is_title and any(e.kind == "role" for e in self.lexicon.get((toks[i - 1].key,)))

    def city_is_a_name(self, words: list[Tok], toks: list[Tok], i: int, persons: set[int] | None) -> bool:
        """"Charlotte Smith", "Hassan bin Talal": a first name, not the city."""
        if isinstance(persons, NameOffsets) and words[0].start in persons.people:
            return True
        after = i + len(words)
        if after < len(toks) and toks[after].key in NAME_PARTICLES and self.name_goes_on(toks, after + 1):
            return True  # "Hassan bin Talal"
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
        if after is not None and after.key in NAME_PARTICLES and self.name_goes_on(toks, i + 2):
            return True  # "Ibrahim al-Assil" is not Mr Ibrahim
        return after is not None and after.is_title and not self.known_word(after)

    @staticmethod
    def name_goes_on(toks: list[Tok], i: int) -> bool:
        """A capitalised word at i, or a hyphen and one ("al-Assil", "bin Laden")."""
        if i < len(toks) and toks[i].text == "-":
            i += 1
        return i < len(toks) and toks[i].is_title

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
            self.fill_from_other_parts(state, parts, head, toks, day)
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
            inner = self.read_part(part, day, COUNTRY_KINDS)
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
        inner = self.read_part(parts[k + 1], day)
        if inner.person and inner.country:
            state.country, state.country_fixed = inner.country, True
        elif inner.country:
            state.affiliation = inner.country

    def sector_from_of_part(self, state: Reading, parts: list[Part], head: Part, day: str | None) -> None:
        """"members of SANDF", "a group of tourists": a generic head takes the sector of what it is of."""
        k = parts.index(head)
        if k + 1 < len(parts) and parts[k + 1].intro == "of":
            inner = self.read_part(parts[k + 1], day)
            if inner.sector:
                state.sector, state.sector2, state.sector_generic = inner.sector, inner.sector2, inner.sector_generic

    def fill_from_other_parts(self, state: Reading, parts: list[Part], head: Part, toks: list[Tok],
                              day: str | None) -> None:
        """"people in the UK", "President of the Riigikogu": the country (and a title's sector) from a later part.

        A country, organisation or seat beats a city named in another part ("University ... in Scotland").
        """
        readings = []
        for part in parts:
            if part is head or (part.intro in NO_COUNTRY_PARTS and not (part.intro == "to" and serves(head, toks))):
                continue  # "talks with Iran" name no country of the talkers; "an adviser to the president" does
            inner = self.read_part(part, day)
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

    def read_part(self, part: Part, day: str | None, kinds: tuple[str, ...] | None = None) -> Reading:
        """What one part of a phrase says on its own ("of Syria", "to Moscow"), from its matches of `kinds`
        (all by default)."""
        inner = Reading()
        for m in part.matches:
            if kinds is None or m.entry.kind in kinds:
                self.read_match(inner, m, day)
        return inner

    def read_opposed(self, state: Reading, m: Match, day: str | None) -> None:
        """"anti-Isis", "anti-American": whom the actor opposes tells nothing of it; but a government's seat or
        leader ("anti-Kremlin activists", "anti-Maduro protesters") is opposed by that state's own opposition."""
        if m.entry.kind not in OPPOSED_AT_HOME or m.entry.org:
            return
        opposed = Reading()
        if m.entry.kind == "seat":
            opposed.country = m.entry.country
        else:
            self.read_person(opposed, self.namesake_on(day, m.entry.name, m.namesakes, None), day)
        if opposed.country and not opposed.org:
            state.country = state.country or opposed.country
            state.secondary = "OPP"

    def read_match(self, state: Reading, m: Match, day: str | None) -> None:
        """Add what one match says to the evidence, by the kind of entry it is."""
        e = m.entry
        if m.opposed:
            self.read_opposed(state, m, day)
            return
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
