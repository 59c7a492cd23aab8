"""Where: the place an event happened, from a locative phrase in its own clause ("fighting in Donbass"),
else one elsewhere in its sentence, else the article's dateline. A place named as an actor ("Moscow said")
is no location, and photo captions never give one.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from spacy.tokens import Span, Token

from ..doctext import per_sentence
from ..model import Place
from .attach import attachment_distance, clause_chain, ents_of, token_ids, tokens_of
from .gazetteer import Entry, load_gazetteer

PLACE_LABELS = ("GPE", "LOC", "FAC")
# Entity types spaCy sometimes gives places ("in Donbass" tagged ORG): accepted only after a locative word.
MISTAGGED_LABELS = ("ORG", "PERSON", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT")
NOMINAL_LINKS = ("compound", "poss", "appos", "conj", "nmod", "amod")
ELSEWHERE = 100  # distance given to a locative phrase outside the event's clause
PRECISION_ORDER = ("city", "region", "country")
ACTOR_DEPS = ("nsubj", "nsubjpass", "dobj", "agent", "dative")


@dataclass
class PlaceFinding:
    place: Place
    text: str
    distance: int  # 0.. in the event's clause; large for elsewhere in the sentence


def place_words() -> dict[str, frozenset[str]]:
    """role → words (locative prepositions, region suffixes), from data/places/place_words.csv."""
    return word_roles("place_words.csv")


@cache
def word_roles(filename: str) -> dict[str, frozenset[str]]:
    """role → words of a `word, role` table in data/places (place_words.csv, date_words.csv)."""
    roles: dict[str, set[str]] = {}
    path = resources.files("eventwire") / "data" / "places" / filename
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            roles.setdefault(row["role"], set()).add(row["word"])
    return {role: frozenset(words) for role, words in roles.items()}


def with_region_suffix(span: Span) -> Span:
    """'Donetsk' + 'region' → 'Donetsk region', so the region, not the city, is looked up."""
    end = span.end
    if end < span.sent.end and span.doc[end].lower_ in place_words()["region_suffix"]:
        return span.doc[span.start:end + 1]
    return span


def locative_anchor(token: Token) -> Token | None:
    """The nominal that a locative preposition governs for this place word, if any ("in Kyiv's centre")."""
    current = token
    for _ in range(4):
        if current.dep_ == "pobj" and current.head.lower_ in place_words()["locative"]:
            return current
        if current.dep_ not in NOMINAL_LINKS or current.head.i == current.i:
            return None
        current = current.head
    return None


def is_actor_use(span: Span, actor_spans: list[tuple[int, int]], doc_offset: int) -> bool:
    """A place that acts ("Moscow said", "Ukraine's army") or is one of the event's actors."""
    start, end = doc_offset + span.start_char, doc_offset + span.end_char
    if any(a < end and start < b for a, b in actor_spans):
        return True
    return span.root.dep_ in ACTOR_DEPS


@per_sentence
def place_candidates(sent: Span) -> list[Span]:
    """Place entities, plus names spaCy mistagged or missed that follow a locative word ("in Donbass")."""
    spans = []
    ents = ents_of(sent)
    for ent in ents:
        if ent.label_ in PLACE_LABELS or (ent.label_ in MISTAGGED_LABELS and locative_anchor(ent.root)):
            spans.append(ent)
    covered = token_ids(ents)
    for run in _proper_noun_runs(sent, covered):
        if locative_anchor(run[-1]) is not None:
            spans.append(run)
    return spans


def _proper_noun_runs(sent: Span, covered: set[int]) -> list[Span]:
    runs, start = [], None
    for token in tokens_of(sent) + [None]:
        inside = token is not None and token.pos_ == "PROPN" and token.i not in covered
        if inside and start is None:
            start = token.i
        elif not inside and start is not None:
            runs.append(sent.doc[start:token.i if token is not None else sent.end])
            start = None
    return runs


def event_place(sent: Span, trigger: Token | None, countries: set[str], actor_spans: list[tuple[int, int]],
                doc_offset: int = 0) -> PlaceFinding | None:
    """The best place for the event in its sentence: in its own clause first, then a locative phrase
    elsewhere in the sentence. Actor countries choose between namesakes (Georgia, Paris)."""
    gazetteer = load_gazetteer()
    chain = clause_chain(trigger) if trigger is not None else {}
    best: PlaceFinding | None = None
    for span in place_candidates(sent):
        if is_actor_use(span, actor_spans, doc_offset):
            continue
        distance = _distance(span, trigger, chain)
        if distance is None:
            continue
        place = _lookup(gazetteer, with_region_suffix(span), countries)
        if place is None:
            continue
        finding = PlaceFinding(place, span.text, distance)
        if best is None or _preference(finding) < _preference(best):
            best = finding
    return best


def _preference(finding: PlaceFinding) -> tuple[bool, int, int]:
    """In the event's clause before elsewhere; then the most precise ("in X province in eastern Y" is X);
    then the nearest."""
    return finding.distance >= ELSEWHERE, PRECISION_ORDER.index(finding.place.precision), finding.distance


def _distance(span: Span, trigger: Token | None, chain: dict[int, int]) -> int | None:
    """How close a place hangs to the event: a locative phrase or a modifier of the trigger ("Donbass
    fighting") in the event's clause, else (farther) a locative phrase elsewhere in the sentence."""
    locative = locative_anchor(span.root) is not None
    if trigger is None:
        return ELSEWHERE if locative else None
    if span.root.head.i == trigger.i and span.root.dep_ in ("compound", "nmod", "amod"):
        return 0
    if not locative:
        return None
    distance = attachment_distance(span.root, trigger, chain)
    if distance is not None:
        return distance
    if trigger.is_ancestor(span.root):
        return None  # in a clause below the event ("said that fighting in Syria ..."): the place of that clause
    return ELSEWHERE + abs(span.start - trigger.i)


def _lookup(gazetteer, span: Span, countries: set[str]) -> Place | None:
    """The place a name means; "X province" whose X only names a city is the province around that city."""
    for text in (span.text, re.sub(r"'s$|’s$", "", span.text)):
        entry = gazetteer.best(text, countries)
        if entry is not None:
            return _as_place(entry, text)
    if len(span) > 1 and span[-1].lower_ in place_words()["region_suffix"]:
        entry = gazetteer.best(span[:-1].text, countries, primary_only=True)
        if entry is not None:
            place = _as_place(entry, span[:-1].text)
            if place.precision == "city":
                place.name, place.precision = span.text, "region"
            return place
    return None


def _as_place(entry: Entry, text: str) -> Place:
    """The entry as a Place, named as written when geonames' own name is in a script readers may not read."""
    place = entry.to_place()
    if any(ord(ch) > 0xFF for ch in place.name):
        place.name = text
    return place


DATELINE_RE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z .'-]{1,40}?)(?:,\s*(?P<area>[A-Z][A-Za-z .]{1,30}?))?"
    r"(?:,?\s+(?P<date>(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8})(?:,?\s*\d{4})?))?"
    r"\s*(?P<agency>\([^)]{1,40}\))?\s*(?:[-–—]{1,2}|:)\s")


def _looks_like_dateline(m: re.Match) -> bool:
    """A dateline's place is in capitals ("KYIV -", "ISLAMABAD:") or followed by a date or news agency;
    "Russia - Ukraine talks" is a headline."""
    return m["place"].isupper() or bool(m["date"] or m["agency"])


@lru_cache(maxsize=4096)
def dateline_length(text: str) -> int:
    """How many characters a dateline ("NAIROBI, June 18 (AP) - ") takes at the start of a paragraph, 0 when
    there is none: its place and date tell where and when the story was filed, not who acted or when."""
    m = DATELINE_RE.match(text)
    return m.end() if m and _looks_like_dateline(m) else 0


@lru_cache(maxsize=1024)
def dateline_place(text: str) -> Place | None:
    """The place of a dateline ("KYIV, Jan 5 (Reuters) - ...") opening a body paragraph; captions and
    headlines are not datelines."""
    from ..nlp import CAPTION_RE

    gazetteer = load_gazetteer()
    for line in text.splitlines()[:6]:
        if not line.strip() or CAPTION_RE.search(line):
            continue
        m = DATELINE_RE.match(line)
        if m and _looks_like_dateline(m):
            entry = gazetteer.best(m["place"].strip().title())
            if entry is not None:
                return entry.to_place()
    return None
