"""The settings of a sentence read without a parse: "in northern Syria", "near Raqqa", "in the east of Idlib".

Under sentence selection (`selection.choose_parses`) a sentence that cannot hold an event is tokenised only:
it gets one flat tree (`nlp._flat_trees`) and, mostly, no named entities. Yet a report tells where it is set
(`DocumentContext.note_settings`, `DocumentMemory.main_setting`) in those sentences as much as in the coded
ones, and the shape a parse finds a setting by (`actors.context.is_setting`) shows in the words themselves: a
locative preposition, then a noun phrase that opens with, or is owned by, a place name. Parsing those
sentences in full, or running the NER on them, would cost what selection saves; reading that shape off the
tokens costs a pass over words already there, and the actor tables and the gazetteer name the places, as they
do for an entity."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from .parts import CONJUNCTIONS, DETERMINERS, LOCATIVE_PREPOSITIONS, NAME_PARTICLES, REGION_ADJECTIVES
from .tables import setting_words

MAX_MODIFIERS = 3  # "in war-torn Syria", "in the rebel-held north-west of Syria": lowercase words before the name
PART_PREPOSITIONS = ("on",)  # "on the outskirts of Damascus": a setting only through a part noun and "of"


@dataclass(frozen=True)
class NamedSetting:
    """A capitalised name a sentence places things in; whether the phrase it names ends in a place noun
    ("a Syrian refugee camp": a nationality locates only a place, as `is_setting` reads a NORP entity); and
    whether it follows its preposition bare, with compass words and hyphened modifiers at most ("in Douma",
    "in rebel-held Idlib", not "at the Lyttelton", "in fact Brando"): only such a name is looked up as a town
    the tables lack, as no tagger says it is a place."""

    name: Span
    place_noun: bool
    bare: bool = True


def is_flat(sent: Span) -> bool:
    """Whether the sentence has the tree `nlp._flat_trees` gives one not parsed in full (its first token the
    root, every other token hung on it as "dep"): only then are its settings read off its words. Its first,
    second and last tokens tell, so the test costs the same on every sentence: a parse that makes the first
    word the root and hangs the second and the last (mostly a full stop, "punct") on it as a bare "dep" is
    not one a parser gives. A one-word sentence names no setting either way."""
    first, last = sent[0], sent[-1]
    return len(sent) > 1 and first.dep_ == "ROOT" and sent[1].dep_ == "dep" and last.dep_ == "dep" \
        and last.head.i == first.i


def named_settings(sent: Span) -> Iterator[NamedSetting]:
    """The names the sentence sets things in: the first capitalised run of the noun phrase after a locative
    preposition ("in northern Syria", "across Iraq's provinces", "in a Syrian camp"), or after the "of" of a
    part noun ("in the east of Syria", "on the outskirts of Damascus"); not a meeting's place ("talks in
    Geneva", "met in Istanbul"), which hosts the parties rather than setting the report."""
    for tok in sent:
        word = tok.lower_
        if (word in LOCATIVE_PREPOSITIONS or word in PART_PREPOSITIONS) and not is_venue_word(sent, tok):
            found = _name_after(sent, tok.i + 1, parts_only=word in PART_PREPOSITIONS)
            if found is not None:
                yield found


def is_venue_word(sent: Span, prep: Token) -> bool:
    """The word before the preposition is a meeting or a meeting verb ("talks in Doha", "met in Istanbul"),
    as written (`setting_words("venue")` lists the inflected forms: a flat sentence has no lemmas)."""
    return prep.i > sent.start and prep.doc[prep.i - 1].lower_ in setting_words("venue")


def _name_after(sent: Span, i: int, parts_only: bool) -> NamedSetting | None:
    """The name that opens the noun phrase at token `i`, past determiners, compass words and a few lowercase
    modifiers ("the rebel-held", "north-east"), and through a part noun and its "of" ("the far east of")."""
    doc, modifiers, bare = sent.doc, 0, True
    while i < sent.end:
        tok, word = doc[i], doc[i].lower_
        if _capitalised(tok):
            return None if parts_only else _setting_at(sent, i, bare)
        if word in setting_words("part") and i + 1 < sent.end and doc[i + 1].lower_ == "of":
            i, parts_only, modifiers, bare = i + 2, False, 0, True
            continue
        if word in setting_words("place"):
            return None  # "in the capital Amman", "in the town of Hamouria": the name is no setting of its own
        if (word in DETERMINERS and not modifiers) or word in REGION_ADJECTIVES or tok.text == "-" \
                or (word in CONJUNCTIONS and doc[i - 1].lower_ in REGION_ADJECTIVES):  # "in east and south Ukraine"
            i, bare = i + 1, bare and word not in DETERMINERS
            continue
        if not (tok.is_alpha and tok.is_lower and not tok.is_stop) or modifiers == MAX_MODIFIERS:
            return None  # a determiner after a modifier opens another phrase: "in running the Home Office"
        i, modifiers, bare = i + 1, modifiers + 1, bare and _hyphened(sent, i)
    return None


def _hyphened(sent: Span, i: int) -> bool:
    """Token `i` is part of a hyphened modifier ("rebel-held", "war-torn")."""
    doc = sent.doc
    return (i > sent.start and doc[i - 1].text == "-") or (i + 1 < sent.end and doc[i + 1].text == "-")


def _setting_at(sent: Span, i: int, bare: bool) -> NamedSetting:
    """The capitalised run from token `i` ("Idlib", "Ras al-Ain", "Democratic Republic of Congo") and whether
    its phrase ends in a place noun within a few words ("Syrian Kurdish administrative capital")."""
    doc, end = sent.doc, i + 1
    while end < sent.end and (_capitalised(doc[end]) or _inner_word(sent, end)):
        end += 1
    place = False
    for tok in doc[end:min(end + MAX_MODIFIERS, sent.end)]:
        if tok.lower_ in setting_words("place"):
            place = True
            break
        if not tok.is_alpha or tok.is_stop:
            break
    return NamedSetting(doc[i:end], place, bare)


def _inner_word(sent: Span, k: int) -> bool:
    """A hyphen, "of" or a name particle between two capitalised words of one name ("al-Hawl", "Port of Spain")."""
    doc = sent.doc
    inner = doc[k].text == "-" or doc[k].lower_ == "of" or doc[k].lower_ in NAME_PARTICLES
    return inner and k + 1 < sent.end and (_capitalised(doc[k + 1]) or doc[k + 1].text == "-")


def _capitalised(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper()
