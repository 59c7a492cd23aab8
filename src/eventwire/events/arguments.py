"""Argument repairs the plain dependency frame gets wrong: datelines parsed as subjects, a party named only by
a nationality on the means of an attack, a target inside the object noun's own phrase, names the parser split
apart, a subject cut off by an inserted "X said", the patient a conjoined passive shares, the author a thing
speaks for ("a report by Amnesty accused"), and the sides of a meeting of three or more parties.

The token functions return tokens (or None), so frames.py can call them where it picks an argument; the two
actor functions at the end decide the sides of reciprocal events in code.py.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..actors.tables import setting_words
from ..doctext import per_sentence
from ..model import Actor
from .lexicon import Lexicon, lexicon

DATELINE_SEPARATORS = frozenset({":", "-", "--", "—", "–"})
DATELINE_MAX_TOKENS = 10  # "GAZA CITY, Palestinian Territories:" and "MOSCOW (Reuters) -" are short
DATELINE_PUNCT = frozenset({",", "(", ")"})
PLACE_ENTS = ("GPE", "LOC", "FAC", "ORG")
NATION_ENTS = ("NORP", "GPE", "ORG")  # "Israeli tank shelling", "a Taliban ambush"
NAME_ENTS = ("PERSON", "ORG", "GPE", "NORP")
CAUSE_PREPS = ("in", "by")
PARTY_PREPS = ("with", "to", "against", "on")
MODIFIER_DEPS = ("amod", "compound", "poss", "nmod")
NOMINAL_POS = ("NOUN", "PROPN", "PRON")


def dateline_end(token: Token) -> int:
    """The index of the first token after a dateline that opens the token's sentence, or the sentence start:
    a few capitalised place words (and a wire agency in brackets) closed by a colon or a dash."""
    return _sentence_dateline_end(token.sent)


@per_sentence
def _sentence_dateline_end(sent: Span) -> int:
    """`dateline_end` of a sentence, remembered for the last sentence: every argument of every candidate in
    it asks."""
    start = sent.start
    separator = dateline_separator(tok.text for tok in sent[:DATELINE_MAX_TOKENS])
    if separator is not None and _looks_like_place(sent.doc[start:start + separator]):
        return start + separator + 1
    return start


def dateline_separator(words: Iterable[str]) -> int | None:
    """Where the separator of a dateline stands among a sentence's first words (counted from 0), if they can
    open with one: capitalised words and `DATELINE_PUNCT` up to a colon or dash that is not the first word,
    within `DATELINE_MAX_TOKENS`. Whether the words before it are a place (`_looks_like_place`) is the
    parse's to tell; sentence selection asks this of the words alone (`selection.entities_read`)."""
    for k, word in enumerate(itertools.islice(words, DATELINE_MAX_TOKENS)):
        if word in DATELINE_SEPARATORS:
            return k if k > 0 else None
        if not (word in DATELINE_PUNCT or word[:1].isupper()):
            return None
    return None


def _looks_like_place(words) -> bool:
    return any(t.ent_type_ in PLACE_ENTS or (t.is_alpha and t.is_upper and len(t) > 1) for t in words)


def in_dateline(token: Token | None) -> bool:
    """Whether the token belongs to the sentence's dateline, which is never an event's argument."""
    if token is None:
        return False
    sent = token.sent
    if token.i - sent.start >= DATELINE_MAX_TOKENS:
        return False
    return token.i < _sentence_dateline_end(sent)


def past_dateline(found: Token | None, parent: Token, deps: tuple[str, ...]) -> Token | None:
    """`found`, or when it is the dateline the parser hung on `parent`, the next child in the same role
    ("GAZA CITY, ...: Four children were killed": the children, not the city), or the phrase the parser hung
    on the dateline itself ("BRUSSELS (Agency) — NATO and Russian officials met": NATO, as an apposition)."""
    if not in_dateline(found):
        return found
    other = next((c for c in parent.children if c.dep_ in deps and not in_dateline(c)), None)
    if other is None:
        other = next((c for c in found.children if c.dep_ in ("appos", "conj") and not in_dateline(c)), None)
    return other


def nationality_of_means(verb: Token, lex: Lexicon) -> Token | None:
    """The country named by an adjective or possessive on the act a passive deed was done in or by, when no
    agent is named: "killed in Israeli tank shelling", "arrested in a Turkish raid" give the nationality;
    "killed in a Syrian village" names a place, not an act, and gives nothing."""
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in CAUSE_PREPS:
            continue
        for pobj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ not in PLACE_ENTS):
            nation = next((m for m in pobj.children if m.dep_ in MODIFIER_DEPS and m.ent_type_ in NATION_ENTS), None)
            if nation is not None and _names_act(pobj, lex):
                return nation
    return None


ARMED_ROOTS = ("18", "19", "20")


def fired_from(verb: Token, lex: Lexicon) -> Token | None:
    """The place an attack told in the passive came from, when no agent is named: "a mortar was fired at it from
    the Gaza Strip", "rockets were launched from Lebanon" give the place, whose country did it."""
    if not any(p.cameo[:2] in ARMED_ROOTS for p in lex.verbs.get(lex.lemma(verb), ())):
        return None
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "from"):
        place = next((c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in ("GPE", "LOC")), None)
        if place is not None:
            return place
    return None


def _names_act(noun: Token, lex: Lexicon) -> bool:
    """The noun, or the word right after it that the parser cut off ("tank | shelling"), is an event word."""
    words = [noun] + [t for t in noun.doc[noun.i + 1:noun.i + 2] if t.head.i in (noun.i, noun.head.head.i)]
    return any(lex.lemma(w) in lex.nouns or (w.tag_ == "VBG" and lex.lemma(w) in lex.verbs) for w in words)


def shared_subject(verb: Token, depth: int = 0) -> Token | None:
    """The subject a conjoined passive verb shares with the verb before it, or with the first of a chain of
    conjuncts ("The civilians imprisoned ... were released": the civilians; "was later found alive and
    arrested"), never the dateline. Only from a passive verb or an object-less one the parser
    took for active ("imprisoned" above); "agreed to call off ... were tortured" shares no subject."""
    if not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) and any(map(_completes, verb.children)):
        return None
    deps = ("nsubjpass", "nsubj")
    subject = past_dateline(next((c for c in verb.children if c.dep_ in deps), None), verb, deps)
    if subject is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and depth < 4:
        return shared_subject(verb.head, depth + 1)  # "was later found alive and arrested": up the chain
    return subject


def interrupted_subject(verb: Token) -> Token | None:
    """The subject a parser gave to an inserted attribution: "Russia, Shoigu said, will send troops" hangs both
    "Russia" and "Shoigu" on "said" (or makes "will send" the complement of "said"); the first, set off by a
    comma before the speaker, is the verb's own."""
    inserted = [c for c in verb.children if c.dep_ == "parataxis" and c.i < verb.i]
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.i < verb.i:
        inserted.append(verb.head)
    for speech in inserted:
        subjects = sorted((c for c in speech.children if c.dep_ == "nsubj"), key=lambda t: t.i)
        if len(subjects) >= 2 and any(t.text == "," for t in verb.doc[subjects[0].i + 1:subjects[1].left_edge.i]):
            return subjects[0]
    return None


FINITE_TAGS = ("VBD", "VBZ", "VBP")
TIME_ENTITIES = ("DATE", "TIME")


def continued_gerund(verb: Token) -> Token | None:
    """"accused Iran of breaking the deal, and violating the treaty": the parser joins the second gerund to the
    finite verb, though a gerund with no subject of its own cannot be that verb's equal; it goes on the list the
    first gerund began, so it has that gerund's doer and status. Returns the first gerund, or None."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ != "VBG" or head.tag_ not in FINITE_TAGS:
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return None
    return next((g for p in head.children if p.dep_ == "prep" and p.i < verb.i
                 for g in p.children if g.dep_ == "pcomp" and g.tag_ == "VBG"), None)


def named_party(noun: Token) -> bool:
    """A name, or a word the entity model tags as a state, people, organisation or person (no pronoun)."""
    return noun.pos_ == "PROPN" or noun.ent_type_ in NAME_ENTS


def subject_read_as_object(verb: Token, lex: Lexicon) -> Token | None:
    """The subject of a clause whose subordinator the parser read as a preposition: in "the row broke out as
    the Chinese defence minister, Dong Jun, visited Hanoi" it makes "as" a preposition, "the minister" its
    object and "visited" a conjunct of "broke out" with no subject. The object of a subordinating word
    (`subordinator`: as, after, while ...) that names someone and ends right before a finite verb with no
    subject (nothing but commas between, or a name between commas) is that verb's subject; "in the past month
    issued" and "arrived after the blast, arrested two men" are no such clauses. A name the parser glued to a
    date ("On Sunday Lavrov said") is read the same way."""
    if verb.tag_ not in FINITE_TAGS:
        return None
    end = verb.i - 1
    while end > verb.sent.start and verb.doc[end].is_punct:
        end -= 1
    for obj in verb.doc[verb.sent.start:end + 1]:
        if obj.dep_ == "pobj" and obj.head.dep_ == "prep" \
                and (lex.has("subordinator", obj.head.lower_) or _glued_to_a_date(obj)) \
                and obj.right_edge.i < verb.i and _names_someone(obj, lex) \
                and (obj.right_edge.i >= end or _name_between(verb.doc[obj.right_edge.i + 1:verb.i])):
            return obj
    return None


def subject_read_as_apposition(verb: Token, lex: Lexicon) -> Token | None:
    """The subject of a clause opened by a long adverbial, which the parser hung on the adverbial's last noun
    as an apposition: "To keep the process alive and win a lasting settlement, the AU's envoy for Sudan, X,
    is to hold talks" makes "envoy" an apposition of "settlement" and leaves "is" with no subject. An
    apposition that names someone, opens after a comma and ends right before the subjectless finite verb
    (commas between) is its subject."""
    if verb.tag_ not in (*FINITE_TAGS, "MD") or verb.dep_ not in ("ROOT", "conj"):
        return None
    end = verb.i - 1
    while end > verb.sent.start and verb.doc[end].is_punct:
        end -= 1
    for noun in verb.doc[verb.sent.start:end + 1]:
        if noun.dep_ == "appos" and noun.right_edge.i == end and noun.left_edge.i > verb.sent.start \
                and verb.doc[noun.left_edge.i - 1].text == "," and _names_someone(noun, lex):
            return noun
    return None


def _glued_to_a_date(name: Token) -> bool:
    """"On Sunday Lavrov said": the parser reads "Sunday Lavrov" as one object of "on"; a name that is no date
    itself, with a date as its compound, is the clause's subject."""
    return name.ent_type_ not in TIME_ENTITIES and any(
        c.dep_ == "compound" and c.ent_type_ in TIME_ENTITIES for c in name.children)


def _name_between(tokens: Span) -> bool:
    """Commas around a name the parser hung elsewhere: "a day after the Chinese foreign minister, Wang Yi,
    visited" (the name is the object's apposition)."""
    words = [t for t in tokens if not t.is_punct]
    return bool(words) and tokens[0].text == "," and all(t.pos_ == "PROPN" for t in words)


def _names_someone(noun: Token, lex: Lexicon) -> bool:
    """A name, or a noun for people or a body ("the minister, X", "the delegation"), not a thing ("the blast")."""
    return names_party(noun) or lex.lemma(noun) in lex.actor_nouns


def _completes(token: Token) -> bool:
    """A complement that makes its verb a full active clause: a clause or a nominal object."""
    return token.dep_ in ("xcomp", "ccomp") or (token.dep_ in ("dobj", "obj") and token.pos_ in NOMINAL_POS)


AUTHOR_PREPS = ("by", "from")


def author_of_thing(subj: Token, lex: Lexicon) -> Token:
    """The author a thing speaks for, when a thing is the subject: "A report by Amnesty International accused
    Israel", "a statement from the Kremlin condemned", "a letter signed by 40 senators urged" (the thing's own
    by/from-phrase, or the agent of a participle on it); otherwise the subject itself."""
    if subj.pos_ != "NOUN" or _is_actor_noun(subj, lex) or any(c.dep_ == "poss" for c in subj.children):
        return subj
    for c in subj.children:
        if c.dep_ == "prep" and c.lower_ in AUTHOR_PREPS:
            found = _by_object(c)
        elif c.dep_ == "acl" and c.tag_ == "VBN":
            found = next((_by_object(g) for g in c.children if g.dep_ in ("agent", "prep") and g.lower_ == "by"), None)
            found = found or _issuing_place(c)
        else:
            continue
        if found is not None and (names_party(found) or _is_actor_noun(found, lex) or found.dep_ == "pobj"):
            return found
    return subj


def _issuing_place(participle: Token) -> Token | None:
    """"a report released in Kigali", "a statement issued in the Syrian capital": where a paper was issued
    stands for who issued it, when no one is named."""
    for prep in participle.children:
        place = _by_object(prep) if prep.dep_ == "prep" and prep.lower_ == "in" else None
        if place is not None and (place.ent_type_ in ("GPE", "NORP") or _nation_on_place(place)):
            return place
    return None


def _nation_on_place(noun: Token) -> bool:
    return noun.lower_ in setting_words("place") and any(
        c.dep_ == "amod" and c.ent_type_ == "NORP" for c in noun.children)


def _by_object(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _is_actor_noun(token: Token, lex: Lexicon) -> bool:
    return lex.lemma(token) in lex.actor_nouns or token.lower_ in lex.actor_nouns


def names_party(token: Token) -> bool:
    """A name or a pronoun (a party that can be an event's target), not a thing."""
    return named_party(token) or token.pos_ == "PRON"


def party_of_thing(obj: Token) -> Token | None:
    """The party named inside a thing's own phrase: "signed an agreement with the EU" gives "the EU"; not
    inside a body's ("assist an insurgency against Syria") or an owned thing's ("welcomed Trump's invitation")."""
    lex = lexicon()
    if names_party(obj) or lex.lemma(obj) in lex.actor_nouns or any(c.dep_ == "poss" for c in obj.children):
        return None
    for prep in obj.children:
        if prep.dep_ == "prep" and prep.lower_ in PARTY_PREPS:
            pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if pobj is not None and names_party(pobj):
                return pobj
    return None


def owner_of_thing(obj: Token, lex: Lexicon) -> Token | None:
    """Whom a thing comes from, when a verb acts on the thing: "rejected a proposal by the United States",
    "spurned efforts by the UN to ...", "rejected the names that the IAEA had proposed"; None for a party or
    a thing with no named owner."""
    if names_party(obj) or _is_actor_noun(obj, lex):
        return None
    author = author_of_thing(obj, lex)
    if author.i != obj.i:
        return author
    for clause in (c for c in obj.children if c.dep_ == "relcl"):
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and not lex.has("relative_pronoun", subject.lower_) \
                and (names_party(subject) or _is_actor_noun(subject, lex)):
            return subject
    return None


def entity_end(token: Token) -> int:
    """The last index of the named entity the token starts or sits in ("Barack" mis-tagged as a preposition
    still begins "Barack Obama"), or the token's own index."""
    if not token.ent_type_:
        return token.i
    end = token.i
    doc = token.doc
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    return end


def split_name_conjuncts(token: Token) -> list[Token]:
    """Conjuncts hung on the far end of a name the parser split ("Barack(IN) Obama(pobj) and Vladimir Putin"):
    children of the name's later tokens that join another party."""
    end = entity_end(token)
    return [c for t in token.doc[token.i + 1:end + 1] if t.head.i == token.i for c in t.children
            if c.dep_ == "conj"]


MULTILATERAL_PARTIES = 3


def reciprocal_sides(parties: list[Actor]) -> tuple[list[Actor], list[Actor]]:
    """The sides of a reciprocal event told by its parties alone ("A and B met"): bilateral, the first party
    and the other (so it matches "A met B"); multilateral ("A, B and C met"), every party on both sides, as
    each met each of the others."""
    if len(_sides_named(parties)) >= MULTILATERAL_PARTIES:
        return list(parties), list(parties)
    return parties[:1], parties[1:]


def names_each_other(arg: Token | Span | None, lex: Lexicon) -> bool:
    """"A and B accused each other": the target is the subjects themselves, each of the other."""
    if arg is None:
        return False
    words = arg.subtree if isinstance(arg, Token) else arg
    return lex.has("reciprocal_pronoun", " ".join(t.lower_ for t in words))


def distinct_target(source: list[Actor], target: list[Actor]) -> list[Actor]:
    """The target without the source's own actors ("Russia said it would defend Russia" has none), except for a
    multilateral event, whose parties are on both sides."""
    codes = {a.code for a in source}
    if len(_sides_named(target)) >= MULTILATERAL_PARTIES and {a.code for a in target} == codes:
        return target
    return [a for a in target if a.code not in codes or not a.is_known()]


def _sides_named(actors: list[Actor]) -> set[str]:
    """The distinct countries and organisations among actors (a minister's title cut in two is one party)."""
    return {a.org or a.country for a in actors if a.org or a.country}


OBJECT_PHRASE_POS = ("DET", "NUM", "ADJ", "NOUN", "PROPN", "PART")


def participle_clause(verb: Token, lex: Lexicon) -> tuple[Span, Span] | None:
    """The subject and object of a finite verb the parser took for an adjective on the next noun: "A Moscow
    court on Monday jailed opposition politician Ilya Yashin" (jailed: amod of politician). Read off the word
    order: an actor noun phrase right before the verb (past a date phrase), the noun phrase right after it.
    A real participle ("US-backed fighters", "the rebel-held town", "newly elected") has no such subject."""
    if verb.head.dep_ in ("nsubj", "nsubjpass"):
        return None  # "Kremlin backed candidates won the election": the described noun acts on its own
    subject = _noun_before(verb)
    if subject is None or not (names_party(subject) or _is_actor_noun(subject, lex)):
        return None
    doc, end = verb.doc, verb.i + 1
    while end < verb.sent.end and doc[end].pos_ in OBJECT_PHRASE_POS and doc[end].ent_type_ not in SKIPPED_ENTS:
        end += 1
    if end == verb.i + 1 or not any(t.pos_ in ("NOUN", "PROPN") for t in doc[verb.i + 1:end]):
        return None
    left = min([subject.i] + [c.left_edge.i for c in subject.lefts if c.dep_ in MODIFIER_DEPS + ("det",)])
    return doc[left:subject.i + 1], doc[verb.i + 1:end]


SKIPPED_ENTS = ("DATE", "TIME")


def _noun_before(verb: Token) -> Token | None:
    """The noun right before the verb, past a date phrase ("on Monday", "Sunday"); None after a hyphen,
    an adverb or a determiner (the participle then modifies what follows)."""
    i = verb.i - 1
    start = verb.sent.start
    while i >= start and (verb.doc[i].ent_type_ in SKIPPED_ENTS
                          or (verb.doc[i].pos_ == "ADP" and verb.doc[i + 1].ent_type_ in SKIPPED_ENTS)):
        i -= 1
    if i < start or verb.doc[i].pos_ not in ("NOUN", "PROPN") or verb.doc[i].ent_type_ in SKIPPED_ENTS:
        return None
    return verb.doc[i]


def purpose_beneficiary(verb: Token, lex: Lexicon) -> Token | None:
    """The party a gift or pledge is meant to help, told by a purpose infinitive when no target is named:
    "pledged a $250 million line of credit to help Kenya build ...", "sent rice to feed Haitian families";
    or, for a helping verb itself, the one it helps do something ("help Kenya build": Kenya)."""
    if lex.has("beneficiary_verb", lex.lemma(verb)):
        return helped_party(verb, lex)
    holders = [verb] + [c for c in verb.children if c.dep_ in ("dobj", "obj")]
    for purpose in (c for h in holders for c in h.children if c.dep_ in ("xcomp", "advcl", "acl")):
        if lex.has("beneficiary_verb", lex.lemma(purpose)) \
                and any(a.dep_ == "aux" and a.lower_ == "to" for a in purpose.children):
            helped = helped_party(purpose, lex)
            if helped is not None:
                return helped
    return None


def helped_party(purpose: Token, lex: Lexicon) -> Token | None:
    """The object of a helping verb, or the subject of the clause it governs ("help Kenya build": the parser
    makes Kenya the subject of "build")."""
    helped = next((c for c in purpose.children if c.dep_ in ("dobj", "obj", "dative")), None)
    if helped is None:
        clause = next((c for c in purpose.children if c.dep_ == "ccomp"), None)
        helped = next((c for c in clause.children if c.dep_ == "nsubj"), None) if clause is not None else None
    return helped if helped is not None and (names_party(helped) or _is_actor_noun(helped, lex)) else None
