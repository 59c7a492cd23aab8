"""The pieces a phrase is read into, and the grammar that cuts it: parts between prepositions or commas,
conjuncts joined by "and", the table matches in each, and what they add up to (`Reading` → `Resolution`).

Pure functions over tokens and matches: no tables are looked up here, so the rules of phrase shape can be read
apart from the rules of what the words mean (`phrases.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Actor
from .tables import Entry, office_sectors
from .text import Tok

PART_BREAKS = {"of", "to", "in", "at", "for", "from", "with", "on", "near", "against", "across", "between",
               "by", "among", "inside", "outside", "over", "under", ",", ";", "(", ")", ":"}
NO_COUNTRY_PARTS = {"to", "against", "with", "between", "over"}
CLAUSE_BREAKS = {"who", "which", "that", "whose", "whom", "named", "called", "where", "when", "said", "says"}
CONJUNCTIONS = {"and", "&", "or", "nor"}
LOCATIVE_PREPOSITIONS = {"in", "at", "near", "across", "outside", "inside", "within", "throughout", "around"}
COMPASS_WORDS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
REGION_ADJECTIVES = {"northern", "southern", "eastern", "western", "central", "greater", "upper", "lower", "inner",
                     "outer", "downtown", "suburban", "rural", "metropolitan", "occupied", *COMPASS_WORDS}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those"}
# the lower-case words inside a person's name ("Ibrahim al-Assil", "Osama bin Laden", "Ursula von der Leyen")
NAME_PARTICLES = {"al", "el", "bin", "ibn", "bint", "abu", "ben", "van", "von", "der", "de", "da", "del", "di", "dos"}
COUNTRY_KINDS = ("country", "demonym", "seat", "region", "city")


@dataclass
class Match:
    """One table entry found in a phrase, with what its neighbours say about how it applies."""

    entry: Entry
    start: int  # token indices [start, end)
    end: int
    affiliation: bool = False
    located: bool = False  # "Paris-based": where the actor sits, not an arm of that government
    opposed: bool = False  # "anti-Isis": whom the actor opposes, or the word saying so
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
        """A weak sector (a city's, a generic role's) gives way to any firmer one already read."""
        if weak and self.sector and not self.sector_generic:
            return
        self.sector, self.sector2, self.sector_generic = sector, sector2, weak

    def take_role(self, e: Entry) -> None:
        """A role word's sector, unless the KB or a more specific word already gave a better one."""
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
        """A qualifier changes the sector only in the way its table entry says: override, fallback or beside it."""
        if e.effect == "sector" and e.sector == "ELI":
            self.override = "ELI"
        elif e.effect == "sector":
            self.fallback = e.sector
        elif e.effect == "secondary":
            self.secondary = e.sector

    def resolution(self, text: str) -> Resolution | None:
        """The evidence as a `Resolution`, or None when it names nothing; confidence follows what was named."""
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
    """The phrase cut at prepositions and commas no multi-word entry spans, each part with its matches."""
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


def mark_opponents(matches: list[Match], toks: list[Tok]) -> None:
    """"anti-Isis force", "anti-Kremlin activists": the entry after an `opposed` qualifier and a hyphen is whom
    the actor opposes, not the actor (it stays a match, so it is no part of a name; `read_opposed` reads it)."""
    for m, after in zip(matches, matches[1:], strict=False):
        if m.entry.kind == "qualifier" and m.entry.effect == "opposed" \
                and all(t.text == "-" for t in toks[m.end:after.start]):
            m.opposed = after.opposed = True


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


LISTING_KINDS = ("role", "qualifier")  # words that only say what a party is, not who


def without_listing_head(groups: list[tuple[int, int]], toks: list[Tok], matches: list[Match],
                         names: set[int]) -> list[tuple[int, int]]:
    """"The two leaders, Joe Biden and Xi Jinping": a head naming no one, set off by a comma before a list of
    named parties, only announces them; the parties are the actors, the head is no third one."""
    if len(groups) < 3 or groups[0][1] >= len(toks) or toks[groups[0][1]].text != ",":
        return groups
    if _names_someone(groups[0], toks, matches, names):
        return groups
    if all(_names_someone(group, toks, matches, names) for group in groups[1:]):
        return groups[1:]
    return groups


def _names_someone(group: tuple[int, int], toks: list[Tok], matches: list[Match], names: set[int]) -> bool:
    lo, hi = group
    return any(m.entry.kind not in LISTING_KINDS for m in matches if lo <= m.start < hi) \
        or any(t.start in names for t in toks[lo:hi])


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
