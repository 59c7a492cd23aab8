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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

import numpy
from spacy.attrs import IS_TITLE, IS_UPPER, LEMMA, LOWER, POS, SENT_START
from spacy.parts_of_speech import PROPN
from spacy.strings import StringStore, get_string_id
from spacy.tokens import Doc, Token

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
    # the same tables keyed by spaCy's ids of the lower-cased words, which a Doc gives as numbers without making
    # a Python object per token; and the first words of all keys, to skip most tokens at once
    terms_by_id: dict[tuple[int, ...], str] = field(init=False)
    names_by_id: dict[tuple[int, ...], str] = field(init=False)
    terms_first_ids: frozenset[int] = field(init=False)
    names_first_ids: frozenset[int] = field(init=False)

    def __post_init__(self) -> None:
        for table in ("terms", "names"):
            keyed = {tuple(get_string_id(w) for w in key): domain for key, domain in getattr(self, table).items()}
            object.__setattr__(self, f"{table}_by_id", keyed)
            object.__setattr__(self, f"{table}_first_ids", frozenset(key[0] for key in keyed if key))


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


@dataclass
class Words:
    """What the term count reads of each token, as parallel lists of plain values: the lower-cased word's id,
    whether it is written with a capital (title case or all capitals), whether it stands for a name
    (`looks_like_name`), and its lemma's id (0: none). Built from whole Docs (`Words.of_docs`) it costs no
    Python object per token."""

    lower: list[int]
    capital: list[bool]
    name: list[bool]
    lemma: list[int]
    strings: StringStore

    @classmethod
    def of_tokens(cls, tokens: Sequence[Token]) -> Words:
        return cls([t.lower for t in tokens], [t.is_title or t.is_upper for t in tokens],
                   [looks_like_name(t) for t in tokens], [t.lemma for t in tokens],
                   tokens[0].doc.vocab.strings if tokens else StringStore())

    @classmethod
    def of_docs(cls, docs: Sequence[Doc]) -> Words:
        """The tokens of the Docs in order, as `of_tokens` would read them."""
        docs = [d for d in docs if len(d)]
        if not docs:
            return cls([], [], [], [], StringStore())
        rows = numpy.concatenate([d.to_array([LOWER, IS_TITLE, IS_UPPER, SENT_START, POS, LEMMA]) for d in docs])
        lower, title, upper, sent_start, pos, lemma = rows.T
        title, first = title == 1, sent_start == 1  # `Token.is_sent_start` is True only at 1 (-1: False, 0: None)
        name = ~first & numpy.where(pos != 0, pos == PROPN, title)
        return cls(lower.tolist(), (title | (upper == 1)).tolist(), name.tolist(), lemma.tolist(),
                   docs[0].vocab.strings)


def term_counts(tokens: Sequence[Token] | Words, vocab: Vocabulary | None = None) -> Counter[str]:
    """Hits per domain in a token sequence, longest term first; a name counts only where it is written
    with a capital ("Labour", not "labour"), a common term only where it is no part of a name."""
    vocab = vocab or vocabulary()
    words = tokens if isinstance(tokens, Words) else Words.of_tokens(tokens)
    names, terms = vocab.names_by_id, vocab.terms_by_id
    name_firsts, term_firsts = vocab.names_first_ids, vocab.terms_first_ids
    lower, capital, is_name = words.lower, words.capital, words.name
    base = _BaseForms(words, vocab)
    found: Counter[str] = Counter()
    i, n = 0, len(lower)
    while i < n:
        word = lower[i]
        may_be_name = capital[i] and word in name_firsts  # a name counts only where written with a capital
        may_be_term = not is_name[i]  # "Bill", "Labour", "Apple" as names are not the common words
        step = 0
        if may_be_name or (may_be_term and word in term_firsts):
            for size in range(min(MAX_PHRASE, n - i), 1, -1):
                key = tuple(lower[i:i + size])
                domain = names.get(key) if may_be_name else None
                if domain is None and may_be_term:
                    domain = terms.get(key)
                if domain is not None:
                    found[domain] += 1
                    step = size
                    break
        if not step:
            domain = names.get((word,)) if may_be_name else None
            if domain is None and may_be_term:
                domain = terms.get((word,))
                if domain is None:
                    domain = terms.get((base.of(i),))  # "sprinters", "elected" as their terms
            if domain is not None:
                found[domain] += 1
            step = 1
        i += step
    return found


class _BaseForms:
    """A token's base form by its position in `Words`, as a word id, remembered per lemma and per word: its
    lemma; in a sentence that selection left unparsed (no lemmas), the word with a regular ending taken off
    when that gives a term ("sprinters", "elected"), so the score does not depend on which sentences were
    parsed in full."""

    def __init__(self, words: Words, vocab: Vocabulary) -> None:
        self.words, self.vocab = words, vocab
        self.by_lemma: dict[int, int] = {}
        self.by_word: dict[int, int] = {}

    def of(self, i: int) -> int:
        lemma = self.words.lemma[i]
        if lemma:
            found = self.by_lemma.get(lemma)
            if found is None:
                found = self.by_lemma[lemma] = get_string_id(self.words.strings[lemma].lower())
            return found
        word = self.words.lower[i]
        found = self.by_word.get(word)
        if found is None:
            found = self.by_word[word] = get_string_id(_unlemmatised_base(self.words.strings[word], self.vocab.terms))
        return found


def _unlemmatised_base(word: str, terms: dict[tuple[str, ...], str]) -> str:
    for ending, replacement in SUFFIXES:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)] + replacement
            if (stem,) in terms:
                return stem
    return word


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


def relevance(docs: Sequence[Doc], events: list[Event], article: Article) -> float:
    """The article's political relevance in [0, 1]: the political share of its topical evidence (the terms
    of its Docs read as one run of tokens, in order)."""
    vocab = vocabulary()
    counts = term_counts(Words.of_docs(docs), vocab)
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
