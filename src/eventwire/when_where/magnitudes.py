"""How much: the dead, the injured and the size of a crowd or force, from figures in the event's clause.

A figure is a run of digits or number words ("13,000", "two", "tens of thousands", "dozens"); the noun it
counts and the words around it say what it counts: "two soldiers were killed" → dead, "wounding five
civilians" → injured, "100,000 troops gathered" → size. The cue words, hedges ("at least", "as many as") and
number words are data (`data/places/magnitude_words.csv`).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from ..doctext import per_sentence
from .attach import attachment_distance, clause_chain, ents_of, token_ids, tokens_of

NOT_COUNT_LABELS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"})
VICTIM_SUBJECT_DEPS = frozenset({"nsubjpass"})
MODIFIER_DEPS = frozenset({"amod", "acl", "acomp", "oprd", "appos"})
JOINERS = frozenset({"of", "-", "a", "an", "and"})
ROLES = ("dead", "injured", "size")


@dataclass
class Magnitudes:
    dead: int | None = None
    injured: int | None = None
    size: int | None = None
    qualifier: str | None = None


@cache
def magnitude_words() -> dict[str, dict[str, float]]:
    """role → word → value (value only for number words), from data/places/magnitude_words.csv."""
    table: dict[str, dict[str, float]] = defaultdict(dict)
    path = resources.files("eventwire") / "data" / "places" / "magnitude_words.csv"
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            table[row["role"]][row["word"]] = float(row["value"]) if row["value"] else 0.0
    return dict(table)


@cache
def number_vocabulary() -> frozenset[str]:
    words = magnitude_words()
    return frozenset(words["number"]) | frozenset(words["multiplier"]) | frozenset(words["vague"])


def is_number_token(token: Token) -> bool:
    return token.lower_ in number_vocabulary() or (token.like_num and _digits(token.text) is not None)


def _digits(word: str) -> float | None:
    try:
        return float(word.replace(",", ""))
    except ValueError:
        return None


def number_value(words: list[str]) -> tuple[int, str | None] | None:
    """The value of a figure ("13,000", "1.5 million", "two hundred", "tens of thousands", "a dozen") and,
    for a vague one, its wording as qualifier; None when a word is no number."""
    table = magnitude_words()
    total, current, vague = 0.0, 0.0, None
    for raw in words:
        w = raw.lower()
        digits = _digits(w)
        if w in JOINERS:
            continue
        if digits is not None:
            current += digits
        elif w in table["number"]:
            current += table["number"][w]
        elif w in table["multiplier"] or (w in table["vague"] and current and w.rstrip("s") in table["multiplier"]):
            current = (current or 1) * table["multiplier"][w.rstrip("s")]
            if current >= 1000:
                total, current = total + current, 0.0
        elif w in table["vague"]:
            current += table["vague"][w]
            vague = w
        else:
            return None
    value = int(total + current)
    if value <= 0:
        return None
    return value, (" ".join(words).lower() if vague else None)


@per_sentence
def figures(sent: Span) -> list[Span]:
    """Runs of number tokens that count something (dates, money, percentages and ordinals excluded)."""
    skip = token_ids([ent for ent in ents_of(sent) if ent.label_ in NOT_COUNT_LABELS])
    tokens = tokens_of(sent)
    number = [t.i not in skip and is_number_token(t) for t in tokens]
    runs: list[Span] = []
    k = 0
    while k < len(tokens):
        if not number[k] or tokens[k].lower_ in JOINERS:
            k += 1
            continue
        end = k + 1
        while end < len(tokens) and (number[end] or _joins_numbers(tokens, number, end)):
            end += 1
        runs.append(sent.doc[tokens[k].i:tokens[end - 1].i + 1])
        k = end
    return runs


def _joins_numbers(tokens: list[Token], number: list[bool], k: int) -> bool:
    """'of' in "tens of thousands", '-' in "twenty-five": a joiner between two number words."""
    return (tokens[k].lower_ in JOINERS and k + 1 < len(tokens) and number[k + 1]
            and tokens[k + 1].lower_ in number_vocabulary())


def counted_noun(run: Span) -> Token:
    """The noun a figure counts: its head for "13,000 people", the object of 'of' for "dozens of people",
    else the figure itself ("two were killed")."""
    last = run[-1]
    if last.dep_ in ("nummod", "quantmod") and last.head.i not in range(run.start, run.end):
        return last.head
    for child in last.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return last


def qualifier_before(run: Span) -> str | None:
    """A hedge right before the figure: "at least", "more than", "as many as", "about"..."""
    hedges = magnitude_words()["qualifier"]
    doc = run.doc
    for width in (3, 2, 1):
        start = run.start - width
        if start >= run.sent.start:
            phrase = doc[start:run.start].text.lower()
            if phrase in hedges:
                return phrase
    return None


def role_of(noun: Token, figure: Token | None = None) -> str | None:
    """dead / injured / size: what the counted noun and its governing words say it counts ("dozens of
    civilians" is governed through the figure 'dozens')."""
    words = magnitude_words()
    cues = [noun.lemma_.lower(), noun.lower_]
    cues += [c.lemma_.lower() for c in noun.children if c.dep_ in MODIFIER_DEPS]
    cues += _governing_cues(noun)
    if figure is not None and figure.i != noun.i and figure.head.i != noun.i:
        cues += _governing_cues(figure)
    for role in ("dead", "injured"):
        if any(cue in words[role] for cue in cues):
            return role
    if noun.lemma_.lower() in words["size"] or noun.lower_ in words["size"]:
        return "size"
    return None


def _governing_cues(noun: Token) -> list[str]:
    """Lemmas of the verb that makes the noun a victim (object, passive subject, subject of an
    intransitive 'died'), and the subject of a verb reporting a toll ("the death toll rose to 50")."""
    head = noun.head
    if noun.dep_ == "pobj":
        head = head.head
    if noun.dep_ == "conj":
        return _governing_cues(head)
    cues = []
    if head.pos_ in ("VERB", "AUX"):
        transitive = any(c.dep_ in ("dobj", "agent") for c in head.children)
        if noun.dep_ != "nsubj" or not transitive:
            cues.append(head.lemma_.lower())
        cues += [c.lemma_.lower() for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c is not noun]
        cues += [c.lemma_.lower() for c in noun.children if c.dep_ in ("acl", "amod")]
    return cues


def casualty_chain(trigger: Token) -> dict[int, int]:
    """The trigger's clause chain plus conjoined casualty clauses ("... were killed and two were wounded")."""
    chain = clause_chain(trigger)
    words = magnitude_words()
    for i, distance in list(chain.items()):
        for child in trigger.doc[i].children:
            lemma = child.lemma_.lower()
            if child.dep_ == "conj" and (lemma in words["dead"] or lemma in words["injured"]):
                chain.setdefault(child.i, distance + 1)
    return chain


def event_magnitudes(sent: Span, trigger: Token, max_hops: int = 3) -> Magnitudes:
    """The dead, injured and size figures hanging in the trigger's clause (at most max_hops below it:
    "condolences to families of six farmers who were killed" counts no dead of the condolences), nearest
    first."""
    chain = casualty_chain(trigger)
    best: dict[str, tuple[int, int, str | None]] = {}
    for run in figures(sent):
        parsed = number_value([t.text for t in run])
        if parsed is None:
            continue
        noun = counted_noun(run)
        anchor = noun if run[-1].head.i == noun.i else run[-1]
        distance = attachment_distance(anchor, trigger, chain, max_steps=max_hops)
        role = role_of(noun, run[-1]) if distance is not None else None
        if role is None or (role in best and best[role][0] <= distance):
            continue
        value, vague = parsed
        best[role] = (distance, value, qualifier_before(run) or vague)
    found = Magnitudes(**{role: best[role][1] for role in best})
    for role in ROLES:
        if role in best and best[role][2]:
            found.qualifier = best[role][2]
            break
    return found
