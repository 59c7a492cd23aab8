"""Political relevance of an article, and which of its events enter counts.

A real feed is mostly not politics: business, sport, culture and technology news tell of "battles",
"attacks" and "strikes" that involve no state or armed group. Each article gets a relevance score in
[0, 1], from cheap signals read off the parse and the coded events:
- political terms: offices, institutions and political process words (`data/relevance/terms.csv`), the
  names of political organisations in the actor tables and of the people in the knowledge base;
- the terms of the other domains a news feed carries (sport, business, entertainment, technology);
- political actors among the coded events (a government, an army, a party, a state as such);
- a section named in the article's URL or source ("/politics/", "/sport/": `section_hints.csv`).
The score is the share of the topical evidence that is political, with a small prior against (an article
that tells nothing political scores low). No model is fitted: the terms are written from what each domain
is about, so the score does not learn any one corpus.

Every event keeps its record; `mark_counted` sets `counted`/`not_counted` on each, and every consumer
(analysis counts, series, alerts, exports) reads that one field.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Token

from .model import Article, Event
from .ontology import read_csv

POLITICAL = "political"
POLITICAL_SECTORS = frozenset({"GOV", "LEG", "PTY", "OPP", "JUD", "MIL", "REB", "COP", "SPY", "PRM", "UAF", "ELI",
                               "PRE"})
MAX_PHRASE = 4  # longest term, in tokens
EVENT_WEIGHT = 2.0  # an event with a political actor weighs as much as two political terms
HINT_WEIGHT = 12.0  # a section named in the URL or source weighs as much as a dozen terms
PRIOR = 2.0  # evidence against relevance that every article starts with
COUNTABLE_STATUSES = ("occurred", "ongoing")  # planned events are left out: held talks would count twice

# the reasons an event is left out of counts, in the order they are checked
NOT_COUNTED_STATUS = {"planned": "planned", "hypothetical": "hypothetical", "negated": "negated",
                      "background": "background"}
NO_ACTOR = "no actor"
LOW_RELEVANCE = "low relevance"


@dataclass(frozen=True)
class Vocabulary:
    """Terms per domain (token sequences, lower-cased), names that count only when capitalised (with their
    domain), and the section hints of URLs and sources."""

    terms: dict[tuple[str, ...], str]
    names: dict[tuple[str, ...], str]
    hints: dict[str, str]


@cache
def vocabulary() -> Vocabulary:
    """The relevance vocabulary, read once per process: the terms file, the political organisations of the
    actor tables and the people of the knowledge base."""
    terms: dict[tuple[str, ...], str] = {}
    names: dict[tuple[str, ...], str] = {}
    for row in read_csv("relevance", "terms.csv"):
        for term in (t.strip() for t in (row["terms"] or "").split("|")):
            if term:  # a capitalised term is a name ("Downing Street", "Microsoft")
                table = names if term[:1].isupper() else terms
                table.setdefault(tuple(term.lower().split()), row["domain"].strip())
    for name in _political_names():
        key = tuple(name.strip().lower().split())
        if 0 < len(key) <= MAX_PHRASE and name.strip()[:1].isupper():
            names.setdefault(key, POLITICAL)
    hints = {r["hint"].strip().lower(): r["domain"].strip() for r in read_csv("relevance", "section_hints.csv")}
    return Vocabulary(terms, names, hints)


def _political_names() -> Iterable[str]:
    """Names of political organisations (actor tables) and of political people (knowledge base)."""
    for row in read_csv("actors", "organizations.csv"):
        political = (row.get("sector") or "").strip() in POLITICAL_SECTORS
        if political or (row.get("org") or "").strip():
            yield from _aliases(row, one_word=political)  # "Labour", "Hamas"; not the EU's "European"
    for table in ("people.csv", "extra_people.csv"):
        for row in read_csv("kb", table):
            if (row.get("sector") or "").strip() in POLITICAL_SECTORS:
                yield from _aliases(row, one_word=False)  # not a bare surname ("Brown")


def _aliases(row: dict[str, str], one_word: bool) -> Iterable[str]:
    """A row's name and those of its aliases that name it alone: acronyms, names of several words and (with
    `one_word`) one-word names; not a one-word alias that is also a surname, an adjective or a city ("Brown",
    "European", "Brussels")."""
    yield row.get("name") or ""
    for alias in (row.get("aliases") or "").split("|"):
        alias = alias.strip()
        if alias.lower().startswith("the "):
            alias = alias[4:]
        if len(alias) > 2 and (one_word or " " in alias or alias.isupper()):
            yield alias


def looks_like_name(token: Token) -> bool:
    """A proper noun inside its sentence. A sentence that sentence selection did not parse in full has no
    tags or lemmas (nlp.Unit.fully_parsed): there a capitalised word inside the sentence stands for a name,
    so the score reads such sentences as it reads parsed ones and does not depend on which were selected."""
    if token.is_sent_start:
        return False
    if token.pos_:
        return token.pos_ == "PROPN"
    return token.is_title


SUFFIXES = (("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"))


def base_form(token: Token, terms: dict[tuple[str, ...], str]) -> str:
    """The token's lemma; in a sentence that selection left unparsed (no lemmas), the word with a regular
    ending taken off when that gives a term ("sprinters", "elected"), so the score does not depend on which
    sentences were parsed in full."""
    if token.lemma_:
        return token.lemma_.lower()
    word = token.lower_
    for ending, replacement in SUFFIXES:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)] + replacement
            if (stem,) in terms:
                return stem
    return word


def term_counts(tokens: list[Token], vocab: Vocabulary | None = None) -> Counter[str]:
    """Hits per domain in a token sequence, longest term first; a name counts only where it is written
    with a capital ("Labour", not "labour"), a common term only where it is no part of a name."""
    vocab = vocab or vocabulary()
    found: Counter[str] = Counter()
    i = 0
    while i < len(tokens):
        step = 1
        for size in range(min(MAX_PHRASE, len(tokens) - i), 0, -1):
            words = tokens[i:i + size]
            key = tuple(t.lower_ for t in words)
            if key in vocab.names and (words[0].is_title or words[0].is_upper):
                found[vocab.names[key]] += 1
                step = size
                break
            if looks_like_name(words[0]):
                continue  # "Bill", "Labour", "Apple" as names are not the common words
            if key not in vocab.terms and size == 1:
                key = (base_form(words[0], vocab.terms),)  # "sprinters", "elected" as their terms
            if key in vocab.terms:
                found[vocab.terms[key]] += 1
                step = size
                break
        i += step
    return found


SEGMENT_RE = re.compile(r"[a-z0-9-]+")


def section_hint(article: Article, vocab: Vocabulary | None = None) -> str | None:
    """The domain a section named in the URL path ("/sport/", "/news/politics/") or in the source name
    ("BBC Sport") gives, or None. Only the first hint counts: "/news/world/..." is world news."""
    vocab = vocab or vocabulary()
    path = article.url.split("://", 1)[-1].partition("/")[2].lower() if article.url else ""
    for segment in SEGMENT_RE.findall(path) + SEGMENT_RE.findall(article.source.lower()):
        if segment in vocab.hints:
            return vocab.hints[segment]
    return None


def political_event(event: Event) -> bool:
    """An event with a political actor on a side: a state as such, an international body, or a government,
    army, party, court, police or armed group."""
    for actor in event.source + event.target:
        if actor.sector in POLITICAL_SECTORS or ((actor.country or actor.org) and not actor.sector):
            return True
    return False


def relevance(tokens: list[Token], events: list[Event], article: Article) -> float:
    """The article's political relevance in [0, 1]: the political share of its topical evidence."""
    vocab = vocabulary()
    counts = term_counts(tokens, vocab)
    political = counts.pop(POLITICAL, 0) + EVENT_WEIGHT * sum(political_event(e) for e in events)
    other = sum(counts.values()) + PRIOR
    hint = section_hint(article, vocab)
    if hint == POLITICAL:
        political += HINT_WEIGHT
    elif hint is not None:
        other += HINT_WEIGHT
    return round(political / (political + other), 4)


def has_actor(event: Event) -> bool:
    return bool(event.source or event.target)


def not_counted_reason(event: Event, article_relevance: float | None, threshold: float) -> str | None:
    """Why an event stays out of counts (None: it is counted): its status, no actor on either side, or an
    article of low political relevance."""
    if event.status not in COUNTABLE_STATUSES:
        return NOT_COUNTED_STATUS.get(event.status, event.status)
    if not has_actor(event):
        return NO_ACTOR
    if article_relevance is not None and article_relevance < threshold:
        return LOW_RELEVANCE
    return None


def mark_counted(events: Iterable[Event], article_relevance: float | None, threshold: float) -> None:
    """Set `counted` and `not_counted` on each event: the one field every consumer of counts reads."""
    for event in events:
        event.not_counted = not_counted_reason(event, article_relevance, threshold)
        event.counted = event.not_counted is None
