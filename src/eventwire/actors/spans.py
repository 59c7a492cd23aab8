"""Reading a parsed noun phrase (a spaCy `Span`) into the character ranges the resolver works on: whole named
entities, one range per conjunct, and which offsets the tagger took for names.
"""

from __future__ import annotations

from spacy.tokens import Span, Token


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
