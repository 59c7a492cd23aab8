"""Where an event's arguments sit in the dependency parse: the subject (or passive agent), the object, the
prepositional phrase the frame names, and the controller of infinitives, conjoined and relative clauses.

All functions take spaCy tokens and return tokens (heads of argument phrases); `argument_span` turns a head
into the span handed to the actor resolver.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..actors.tables import setting_words
from .arguments import (
    TIME_ENTITIES,
    author_of_thing,
    continued_gerund,
    entity_end,
    fired_from,
    interrupted_subject,
    named_party,
    nationality_of_means,
    owner_of_thing,
    party_of_thing,
    past_dateline,
    shared_subject,
    split_name_conjuncts,
    subject_read_as_apposition,
    subject_read_as_object,
)
from .lexicon import Lexicon, lexicon
from .senses import argument_classes

SUBJECT_DEPS = ("nsubj", "csubj")
OBJECT_DEPS = ("dobj", "obj")
APPEAL_PREPS = ("on", "upon", "to")  # the addressee of an appeal: "called on Russia to", "appealed to Iran to"
KEPT_RIGHT_DEPS = ("conj", "cc", "appos", "compound", "flat", "nummod", "amod", "case")


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.dep_ == "acl" and verb.tag_ == "VBN") or _shares_passive(verb)


def _shares_passive(verb: Token) -> bool:
    """"were arrested in March and released by the army": a bare participle joined to a passive verb is passive."""
    return verb.dep_ == "conj" and verb.tag_ == "VBN" and verb.head.pos_ in ("VERB", "AUX") \
        and child(verb, "nsubj", "nsubjpass", "aux") is None and is_passive(verb.head)


def child(token: Token, *deps: str) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def passive_agent(verb: Token) -> Token | None:
    """The by-phrase of a passive verb: "was attacked by rebels" gives "rebels"."""
    agent = child(verb, "agent")
    if agent is None:
        agent = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "by"), None)
    return child(agent, "pobj") if agent is not None else None


def verb_subject(verb: Token, lex: Lexicon, depth: int = 0) -> Token | None:
    """Who does what the verb says: its subject, the passive agent, or the controller of the clause."""
    if depth > 6:
        return None
    subj = past_dateline(child(verb, *SUBJECT_DEPS), verb, SUBJECT_DEPS)
    if subj is None:  # parsers sometimes hang the subject on the auxiliary: "The U.S. have ... warned"
        subj = next((s for a in verb.children if a.dep_ == "aux" for s in a.children if s.dep_ in SUBJECT_DEPS), None)
    if subj is None:
        subj = interrupted_subject(verb) or subject_read_as_object(verb, lex) or subject_read_as_apposition(verb, lex)
    elif subj.dep_ == "csubj":  # "To keep the talks alive, the envoy, X, is to meet ...": no clause is the subject
        subj = subject_read_as_apposition(verb, lex) or subj
    if subj is not None:
        if lex.has("relative_pronoun", subj.lower_) and verb.dep_ == "relcl":
            return verb.head
        return author_of_thing(subj, lex)
    gerund = continued_gerund(verb)
    if gerund is not None:
        return verb_subject(gerund, lex, depth + 1)
    if is_passive(verb):
        agent = passive_agent(verb) or nationality_of_means(verb, lex) or fired_from(verb, lex) \
            or authority_after(verb, lex)
        if agent is None and verb.dep_ == "conj" and is_passive(verb.head):
            agent = verb_subject(verb.head, lex, depth + 1)  # "were arrested by police and later released"
        return agent
    dep, head = verb.dep_, verb.head
    if dep == "relcl":
        return head
    permitted = permitted_party(verb, lex)
    if permitted is not None:
        return permitted
    if dep == "acl":
        if verb.tag_ != "VBG":
            return _planner(verb, lex, depth)
        if head.dep_ in OBJECT_DEPS and not named_party(head) and head.head.pos_ in ("VERB", "AUX"):
            return verb_subject(head.head, lex, depth + 1)  # "issued messages advising Putin": the issuer
        return head
    if dep == "xcomp":
        obj = child(head, *OBJECT_DEPS)
        if obj is None and lex.has("object_control", head.lemma_):
            obj = prep_object(head, APPEAL_PREPS)  # "called on Russia to withdraw", "appealed to Iran to free"
            obj = obj if obj is not None and obj.i < verb.i and named_party(obj) else None
        if obj is not None and (lex.has("object_control", head.lemma_) or _leaving(head, lex)):
            return obj
        passive_subject = child(head, "nsubjpass")
        if passive_subject is not None:
            return passive_subject  # "are set to hold talks", "was forced to resign"
        return verb_subject(head, lex, depth + 1)
    if dep == "acomp" or (dep == "conj" and head.pos_ in ("VERB", "AUX")):
        return verb_subject(head, lex, depth + 1)
    infinitive = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if dep in ("advcl", "pcomp") and (verb.tag_ in ("VBG", "VBN") or infinitive) and child(verb, "mark") is None:
        return verb_subject(head if dep == "advcl" else head.head, lex, depth + 1)
    return None


def _leaving(verb: Token, lex: Lexicon) -> bool:
    """"refused to meet him, leaving the adviser to hold talks": a verb of leaving hands its infinitive to its
    object only as a participle (`participle_control`); "left Vienna to consult Tehran" is a departure."""
    return verb.tag_ == "VBG" and lex.has("participle_control", verb.lemma_)


def _planner(verb: Token, lex: Lexicon, depth: int) -> Token | None:
    """"The forces finished preparations to enter Somalia", "the junta took steps to dissolve parliament": an
    infinitive on the object of a verb is done by that verb's subject, unless the noun has an owner of its own
    ("condemned Trump's decision to recognise"); not one on a request ("rejected a call to release", "accepted an
    invitation to visit"), which is the asked party's."""
    head = verb.head
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children) or head.dep_ not in OBJECT_DEPS \
            or head.head.pos_ not in ("VERB", "AUX") or lex.has("request_noun", lex.lemma(head)):
        return None
    owner = child(head, "poss") or prep_object(head, ("by",))
    return owner if owner is not None else verb_subject(head.head, lex, depth + 1)


def permitted_party(verb: Token, lex: Lexicon) -> Token | None:
    """Who is let, told or pressed to do an infinitive: "would not give permission to Russia to help Israel",
    "gave Iraq permission to sell oil", "gave the green light to Kyiv to strike", "stepped up pressure on Cairo
    to release the activists": the recipient of the permission, the order or the pressure does the act, not the
    one who gives it."""
    if verb.dep_ not in ("advcl", "acl") or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    if verb.dep_ == "acl":
        noun, giver = verb.head, verb.head.head
        if noun.dep_ not in OBJECT_DEPS:
            return None
    else:
        giver = verb.head
        noun = child(giver, *OBJECT_DEPS)
    if noun is None or giver.pos_ not in ("VERB", "AUX"):
        return None
    if lex.has("pressure_noun", lex.lemma(noun)):  # "put pressure on Belgrade to negotiate": Belgrade is to
        presser = child(giver, "nsubj")
        if presser is not None and "armed_actor" in argument_classes().of(
                {lex.lemma(presser)} | argument_classes().tags(presser)):
            return presser  # "Russian forces stepped up pressure on Bakhmut to encircle ...": on a front, by force
        dative = prep_object(noun, ("on",)) or prep_object(giver, ("on",))
        return dative if dative is not None and named_party(dative) else None
    if not lex.has("permission_noun", lex.lemma(noun)):
        return None
    dative = child(giver, "dative", "iobj")
    if dative is not None and dative.pos_ == "ADP":
        dative = child(dative, "pobj")
    if dative is None:
        dative = prep_object(giver, ("to",)) or prep_object(noun, ("to", "for"))
    return dative if dative is not None and named_party(dative) or (
        dative is not None and lex.lemma(dative) in lex.actor_nouns) else None


def verb_object(verb: Token) -> Token | None:
    """The patient: the direct object, or the passive subject ("Kyiv was attacked")."""
    obj = child(verb, *OBJECT_DEPS)
    if obj is not None:
        return obj
    if not is_passive(verb):
        named = _name_as_adverb(verb)
        if named is not None:
            return named
    if is_passive(verb):
        subj = past_dateline(child(verb, "nsubjpass"), verb, ("nsubjpass",))
        if subj is not None:
            return subj
        if verb.dep_ in ("acl", "relcl"):
            return verb.head
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            return shared_subject(verb.head)  # "were detained and later freed": the detained were freed
    if verb.dep_ == "relcl":
        rel = child(verb, "dobj")
        return verb.head if rel is not None else None
    return None


def _name_as_adverb(verb: Token) -> Token | None:
    """A name right after an object-less verb that the parser took for an adverbial noun ("convicted
    pro-democracy activist Jimmy Lai": Lai as npadvmod): the object. Never a date ("met Sunday")."""
    for c in verb.rights:
        if c.dep_ == "npadvmod" and c.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") and c.pos_ == "PROPN":
            return c
    return None


def prep_object(token: Token, preps: tuple[str, ...] | frozenset[str]) -> Token | None:
    """The object of the first prepositional child of `token` whose preposition is one of `preps`."""
    for c in token.children:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in preps:
            pobj = child(c, "pobj")
            if pobj is not None:
                return pobj
    return None


AFTER_MARKS = ("after", "when", "once")


def authority_after(verb: Token, lex: Lexicon) -> Token | None:
    """"was released after a Turkish court suspended his sentence", "were freed once prosecutors dropped the
    charges", "was killed after soldiers opened fire": an act told in the passive with no agent is the doing of
    the court, prosecutors, police or army (`acting_authority` in argument_classes.csv) whose act it came
    after, in its own clause or in a verb joined to it ("was released and returned home after ...")."""
    patient = child(verb, "nsubjpass")
    if patient is not None and _is_authority(patient, lex):
        return None  # "three soldiers were killed after the army launched an operation": not by the army
    for told in (verb, *(c for c in verb.children if c.dep_ == "conj")):
        for clause in (c for c in told.children if c.dep_ == "advcl"):
            if not any(m.dep_ == "mark" and m.lower_ in AFTER_MARKS for m in clause.children):
                continue
            subject = child(clause, "nsubj")
            if subject is not None and _is_authority(subject, lex):
                return subject
    return None


def _is_authority(token: Token, lex: Lexicon) -> bool:
    classes = argument_classes()
    return "acting_authority" in classes.of({lex.lemma(token), token.lower_} | classes.tags(token))


def relative_antecedent(pronoun: Token) -> Token | None:
    """Whom "whose", "whom" or "which" stands for: the noun its relative clause hangs on ("Ethiopian officials,
    whose crackdown on the Tigrayans ...": the officials; "the general, whom the UN has accused": the general)."""
    token = pronoun
    while token.dep_ != "relcl" and token.head.i != token.i:
        token = token.head
    return token.head if token.dep_ == "relcl" else None


def _party_antecedent(pronoun: Token) -> Token | None:
    """The noun a relative object pronoun stands for, unless that noun names an event ("the attack, which the
    government blamed on rebels": the rebels are blamed, not the attack)."""
    lex = lexicon()
    antecedent = relative_antecedent(pronoun)
    return None if antecedent is None or lex.lemma(antecedent) in lex.nouns else antecedent


def frame_target(trigger: Token, targets: tuple[str, ...], also: Token | None = None) -> Token | None:
    """The target where the frame says it is: object, indirect object, or a named preposition's object.
    `also` is a second token whose prepositions count (the light verb of an event noun, or the object)."""
    for slot in targets:
        if slot == "none":
            return None
        if slot == "dobj":
            found = verb_object(trigger) if trigger.pos_ in ("VERB", "AUX") else None
            if found is not None and found.dep_ in OBJECT_DEPS and found.tag_ in ("WP", "WDT") \
                    and lexicon().has("relative_pronoun", found.lower_):
                found = _party_antecedent(found)  # "the general, whom the UN has accused": the general
        elif slot == "iobj":
            found = child(trigger, "dative", "iobj")
        else:
            found = _not_a_time(prep_object(trigger, (slot,)))  # "an assault on Friday" is on no one
            if found is None and also is not None:
                found = _not_a_time(prep_object(also, (slot,)))
            verb = trigger if trigger.pos_ in ("VERB", "AUX") else also
            if found is None and verb is not None and verb.pos_ in ("VERB", "AUX"):
                found = nested_prep_party(verb, slot)  # "launched an attack with drones on Kyiv"
        if found is not None:
            return found
    return None


def _not_a_time(found: Token | None) -> Token | None:
    """The object, unless it is only a time ("on Friday"); "with President Assad Tuesday", which the parser
    headed by the day, still names him."""
    if found is None or found.ent_type_ not in TIME_ENTITIES:
        return found
    named = any(t.ent_type_ and t.ent_type_ not in TIME_ENTITIES for t in found.subtree)
    return found if named else None


NESTING_DEPS = ("dobj", "obj", "prep", "pobj", "conj", "npadvmod")
NESTING_DEPTH = 4


def nested_prep_party(verb: Token, prep: str) -> Token | None:
    """A party under the frame's preposition that the parser hung deeper in the verb's own phrases: on its
    object's phrase ("pledged 500 million euros in aid to Ukraine") or under another preposition ("opened
    fire with mortars on Armenian positions", "sent weapons worth $300 million to Taiwan"). Only a party
    (a name, or a noun a nationality modifies), never a thing, and never inside another clause."""
    frontier = [c for c in verb.children if c.dep_ in NESTING_DEPS and c.dep_ != "conj"]
    for _ in range(NESTING_DEPTH):
        for tok in frontier:
            if tok.dep_ == "prep" and tok.lower_ == prep and tok.head.i != verb.i:
                pobj = child(tok, "pobj")
                if pobj is not None and _names_party_phrase(pobj):
                    return pobj
        frontier = [c for tok in frontier for c in tok.children if c.dep_ in NESTING_DEPS]
    return None


def _names_party_phrase(noun: Token) -> bool:
    """"Ukraine", "the rebels' positions", "Armenian positions": a name, or a noun its nationality modifies."""
    return named_party(noun) or any(
        c.dep_ in ("amod", "compound", "poss") and c.ent_type_ in ("GPE", "NORP", "ORG") for c in noun.children)


OBJECT_PREPS = ("with", "to", "against", "on", "of", "from")


def frame_targets(trigger: Token, targets: tuple[str, ...], also: Token | None = None) -> list[Token]:
    """Every place the frame allows for the target, best first; when the object is a thing ("ratified an
    agreement with the EU", "condemned the attack on Israel"), the object's own prepositions follow it."""
    found: list[Token] = []
    for slot in targets:
        hit = frame_target(trigger, (slot,), also)
        if hit is None:
            continue
        party = party_of_thing(hit)
        if party is not None:
            found.append(party)  # "endorsed an agreement with the EU": the EU, before the agreement
        owner = owner_of_thing(hit, lexicon())
        if owner is not None:  # "rejected a proposal by the US", "hit back at comments made by the US":
            found.append(owner)  # the US, before the proposal or the comments
        found.append(hit)
        if slot == "dobj":
            extra = prep_object(hit, OBJECT_PREPS)
            if extra is not None:
                found.append(extra)
    return found


def prep_lemmas(token: Token) -> set[str]:
    """Prepositions hanging off a token and off its object (where parsers often attach them)."""
    found = {c.lower_ for c in token.children if c.dep_ in ("prep", "agent", "dative") and not _dates(c)}
    found |= {g.lower_ for c in token.children if c.dep_ == "advcl" for g in c.children
              if g.dep_ == "mark" and g.lower_ == "for"}  # "pushed for the law to be changed"
    obj = child(token, *OBJECT_DEPS)
    if obj is not None:
        found |= {c.lower_ for c in obj.children if c.dep_ == "prep" and not _dates(c)}
    return found


def _dates(prep: Token) -> bool:
    """"on Tuesday", "in March": a preposition that only dates the event, not one a frame asks for."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in ("DATE", "TIME") for o in objects)


def object_lemma(verb: Token, obj: Token | None) -> str:
    """The lemma of the verb's object (`verb_object(verb)`), or "clause" when the verb takes a clause instead."""
    if obj is not None:
        return obj.lemma_.lower()
    if child(verb, "ccomp", "xcomp") is not None:
        return "clause"
    return ""


def _right_end(token: Token) -> int:
    end = token.i
    for c in token.rights:
        if c.dep_ in KEPT_RIGHT_DEPS or (c.dep_ == "prep" and c.lower_ in ("of", "from")) or _served(token, c):
            end = max(end, _right_end(c) if c.dep_ in ("conj", "appos") else c.right_edge.i)
    return end


def _served(token: Token, prep: Token) -> bool:
    """"A spokesman for the Kenyan president", "an adviser to the prime minister": whom the role serves names
    the actor's side, as "delegates from Israel" do."""
    return prep.dep_ == "prep" and prep.lower_ in ("for", "to") and lexicon().lemma(token) in setting_words("serving")


def argument_span(token: Token) -> Span:
    """The noun phrase headed by `token`, with its conjuncts and of/from-phrases ("delegates from Israel"),
    without relative clauses."""
    doc = token.doc
    left = token.i
    for c in token.lefts:
        if c.dep_ not in ("punct", "cc", "prep", "relcl", "acl"):
            left = min(left, c.left_edge.i)
    while left < token.i and token.pos_ == "PROPN" and token.ent_type_ not in TIME_ENTITIES \
            and doc[left].ent_type_ in TIME_ENTITIES:
        left += 1  # "On Sunday Lavrov said": the parser glued the day to the name
    right = max([_right_end(token), entity_end(token)] + [_right_end(c) for c in split_name_conjuncts(token)])
    return doc[left:right + 1]


def modifier_span(noun: Token) -> Span | None:
    """The modifiers left of an event noun that may name its actors: "US sanctions", "Russia's invasion"."""
    mods = [c for c in noun.lefts if c.dep_ in ("poss", "compound", "amod", "nmod", "npadvmod")]
    if not mods:
        return None
    return noun.doc[min(m.left_edge.i for m in mods):max(m.right_edge.i for m in mods) + 1]


def governing_verb(token: Token) -> Token | None:
    """The nearest verb above a token (through prepositions, conjunctions and noun heads)."""
    head = token.head
    steps = 0
    while head.i != token.i and steps < 8:
        if head.pos_ in ("VERB", "AUX"):
            return head
        token, head = head, head.head
        steps += 1
    return None
