"""Actor resolution: a phrase or a parsed noun phrase → `Actor`s (country, organisation, sector, name).

A phrase is tokenized and matched longest-first against one index of folded token sequences (countries,
demonyms, seats of power, organisations, role nouns, qualifiers, cities, KB people). The matches of its
head part (before the first preposition or comma) decide the sector, later parts only fill in a missing
country ("people in the UK"). `DocumentMemory` carries identities through a document: an apposition or a
title names who a person is, and later surname-only mentions, "the minister" or "he"/"she" (by gender where
the document shows it) resolve to it; "the group", "the alliance", "the country" to the nearest body of that kind
named before, and "it" as a subject to the body last named as a subject in an earlier sentence.

What a phrase leaves open its context fills (`take_in`): "the government", "officials", "the army" take the
country their sentence is set in, else the one the report is about; a people living in several countries
("Kurdish forces") the one of its homes the context names; a town the tables lack comes from the gazetteer.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Span

from ..doctext import doc_text
from ..model import Actor
from .context import DocumentContext, is_subject, sentence_key, with_context
from .kb import KnowledgeBase, load_kb, name_key
from .memory import (
    GROUP_PRONOUNS,
    DocumentMemory,
    anaphor_kind,
    body_pronoun,
    described_body,
    from_memory,
    group_pronoun,
    plural_parties,
)
from .parts import Resolution, conjunct_groups, cut_clause, share_head_role, without_listing_head
from .people import default_kb_path, parse_day, shared_kb
from .spans import conjunct_ranges, whole_entities
from .tables import KIND_PRIORITY, Entry, Lexicon, base_lexicon, misspelling_candidates
from .text import Tok, tokenize, within_one_edit

PLURAL_TAGS = ("NNS", "NNPS")  # "protesters", "rebel factions": a plural subject "they" can stand for


class ActorResolver(DocumentContext):
    """Resolves phrases and noun phrases to actors with the packaged tables and a knowledge base.

    The work is split by concern: `people.KnownPeople` (KB names), `phrases.PhraseReader` (table matching and
    reading), `context.DocumentContext` (filling from the document) and `memory` (coreference); this class
    holds the public entry points that tie them together."""

    def __init__(self, kb: KnowledgeBase | None = None, kb_path: str | None = None, learn: bool = True):
        """Tables are shared (module cache); the KB is the shared one unless one is given. `learn`: keep
        identities learned from articles for the later ones."""
        self.lexicon: Lexicon = base_lexicon()
        self.learns = learn
        self.kb = kb if kb is not None else (load_kb(kb_path) if kb_path else shared_kb())
        self.people_index: dict[tuple[str, ...], list[Entry]] = {}
        self.people_first: set[str] = set()
        self.index_people()

    # -- public API ---------------------------------------------------------------------------------------
    def resolve_phrase(self, phrase: str, context: str | None = None, date: str | None = None) -> Actor | None:
        """The actor a phrase names, or None when it names no known actor."""
        found = self.resolve_phrase_full(phrase, context, date)
        return found.actor if found else None

    def resolve_phrase_full(self, phrase: str, context: str | None = None,
                            date: str | None = None) -> Resolution | None:
        """A phrase's best reading with every sector it supports, a context phrase filling what it leaves open."""
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
            toks = cut_clause(tokenize(doc_text(span.doc)[start:end], start))
            matches = self.match(toks, persons)
            placed: list[tuple[Actor, int, int]] = []
            for lo, hi in without_listing_head(conjunct_groups(toks, matches), toks, matches, persons):
                group = toks[lo:hi]
                if not group:
                    continue
                pair = plural_parties(group, memory, None if is_subject(span) else sentence_key(span)) \
                    or group_pronoun(group, memory, is_subject(span), sentence_key(span))
                if pair:
                    for actor in pair:
                        actor.span = (offset + group[0].start, offset + group[-1].end)
                    actors.extend(pair)
                    continue
                found = from_memory(group, memory, self, sentence_key(span), is_subject(span)) \
                    or body_pronoun(group, memory, is_subject(span), sentence_key(span)) \
                    or self.described_body(group, span, memory)
                if found is None:
                    inner = [replace(m, start=m.start - lo, end=m.end - lo) for m in matches
                             if lo <= m.start and m.end <= hi]
                    found = self.with_gazetteer_place(self.combine(group, inner, day, persons), group, span, memory)
                    if found is not None:
                        self.take_in(found, group, span, memory)
                else:
                    memory.remember(found.actor)  # most recently named now
                    memory.note_party(found.actor, found.person, sentence_key(span))
                    if found.person and found.actor.name:
                        memory.mark_person(name_key(found.actor.name), sentence_key(span), is_subject(span))
                if found is None or not (found.actor.is_known() or found.actor.name):
                    continue
                if not found.person:
                    memory.note_acronym(found.actor, doc_text(span.doc), group[0].start, group[-1].end)
                found.actor.span = (offset + group[0].start, offset + group[-1].end)
                found.actor.text = doc_text(span.doc)[group[0].start:group[-1].end]
                actors.append(found.actor)
                placed.append((found.actor, lo, hi))
            share_head_role(placed, matches)
        if is_subject(span) and actors:
            plural = len(actors) > 1 or span.root.tag_ in PLURAL_TAGS or span.root.lower_ in GROUP_PRONOUNS
            memory.note_subject(actors, plural, sentence_key(span))
        return actors

    def described_body(self, group: list[Tok], span: Span, memory: DocumentMemory) -> Resolution | None:
        """"the group", "the country": the nearest fitting body named before it (see `memory.described_body`);
        the names the tables know in its own sentence before the phrase count, argument or not ("sent troops
        to Lebanon to help the country")."""
        if anaphor_kind(group, self) is None:
            return None
        return described_body(group, memory, self, self.bodies_named_before(span, not_its_doer=True),
                              sentence_key(span))


__all__ = ["ActorResolver", "DocumentMemory", "Resolution", "KIND_PRIORITY", "default_kb_path", "parse_day"]
