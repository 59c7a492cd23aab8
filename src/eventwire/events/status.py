"""The status of an event from the syntax around its trigger: negated, hypothetical, planned, background,
ongoing or occurred.

The trigger's own clause is read first (negation, modal, "if", progressive, "since 2014"), then the clauses
that govern it, climbing through infinitives, complements and conjunctions: "denies planning to invade"
negates the invasion, "may be planning an invasion" makes it hypothetical, "are set to hold talks" plans them.
The climb stops at a reported-speech verb: "X said Y attacked" keeps Y's own status.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from ..when_where.dates import date_words
from .arguments import FINITE_TAGS, continued_gerund, named_party, subject_read_as_object
from .lexicon import Lexicon

PRECEDENCE = ("negated", "hypothetical", "planned", "background", "ongoing", "occurred")
CLIMB_DEPS = ("xcomp", "ccomp", "conj", "advcl", "dobj", "obj", "nsubjpass", "nsubj", "pcomp", "attr", "oprd",
              "acomp")
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MAX_CLIMB = 8


def strongest(flags: set[str]) -> str:
    return next((s for s in PRECEDENCE if s in flags), "occurred")


def _own_flags(token: Token, lex: Lexicon, published_year: int | None, with_aspect: bool,
               conditional_ok: bool = False) -> set[str]:
    """What the token's own dependents say: negation, modals, conditional marks, aspect, dates."""
    flags: set[str] = set()
    auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
    for c in token.children:
        word = c.lower_
        if c.dep_ == "neg" or (c.dep_ == "det" and lex.has("negation", word)):
            flags.add("negated")
        elif c.dep_ == "mark" and lex.has("hypothetical_mark", word):
            flags.add("hypothetical")
        elif c.dep_ == "advmod" and lex.has("near_miss", word):
            flags.add("negated")  # "nearly killed the governor", "almost succeeded in seizing": it did not happen
        elif c.dep_ == "amod" and lex.has("planned_modifier", word):
            flags.add("planned")
        elif c.dep_ in ("amod", "acomp", "oprd") and lex.has("hypothetical_modifier", word):
            flags.add("hypothetical")
    if any(_any_event(c, lex) for c in token.children if c.dep_ in ("nsubj", "nsubjpass")) or _any_event(token, lex):
        flags.add("hypothetical")  # "any attack would trigger a war": a case put, not an event
    if _indirect_question(token, auxes, lex) or _whoever_clause(token, lex) or _habitual(token, auxes, lex):
        flags.add("hypothetical")  # "did not say how the truce would be enforced", "anyone who attacks"
    if _condition_phrase(token, lex):
        flags.add("hypothetical")  # "in the event of an invasion", "in the case the army attacked"
    if _alternative(token, lex):
        flags.add("hypothetical")  # "fear hunger more than being shelled", "chose to talk rather than fight"
    if denied_by_argument(token, lex):
        flags.add("negated")  # "neither Chile nor Peru has ratified", "left without signing"
    if _not_yet(token, lex) or _to_be_done(token):
        flags.add("planned")  # "Russia has yet to withdraw", "the summit is to be held on Friday"
    if _said_to_be_possible(token, lex) or _what_a_party_is(token, lex):
        flags.add("hypothetical")  # "renewed fighting is a possibility"; "Hezbollah remains a threat to Israel"
    if not conditional_ok and any(c.dep_ in ("advcl", "ccomp") and _conditional(c, lex) for c in token.children):
        flags.add("hypothetical")  # "would attack if ...": the main clause of a condition
    if _counterfactual(token, auxes, lex):
        flags.add("hypothetical")  # "would have attacked": what did not happen
    for aux in auxes:
        if aux.lower_ == "would":
            flags.add("planned")  # future in the past; a condition makes it hypothetical above
        elif lex.has("hypothetical_modal", aux.lower_):
            flags.add("hypothetical")
        elif lex.has("future_modal", aux.lower_):
            flags.add("planned")
    if with_aspect:
        flags |= _aspect_flags(token, auxes, lex, published_year)
    return flags


def denied_by_argument(token: Token, lex: Lexicon) -> bool:
    """The negation is on an argument, not the verb: a subject that names no one or neither of two ("No
    country has ratified the treaty", "Neither Chile nor Peru has ratified it"), or an act under a word
    of lacking (`negating_preposition`: "left without signing the deal", "fell without a fight")."""
    for subject in (c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")):
        if any(c.dep_ in ("det", "preconj") and lex.has("negating_determiner", c.lower_) for c in subject.children):
            return True
    return token.dep_ in ("pcomp", "pobj") and lex.has("negating_preposition", token.head.lower_)


def _not_yet(token: Token, lex: Lexicon) -> bool:
    """"Has yet to withdraw", "is yet to respond": the infinitive under a "yet" (`not_yet_adverb`) is
    expected, not done."""
    if token.dep_ != "xcomp" or not _infinitive(token):
        return False
    return any(c.dep_ == "advmod" and lex.has("not_yet_adverb", c.lower_) for c in token.head.children)


def _to_be_done(token: Token) -> bool:
    """"Is to be held", "are to meet": an infinitive under a bare "be" says what is arranged, not done; so
    does its subject ("a summit ... is to be held on Friday")."""
    def arranged(verb: Token) -> bool:
        return verb.dep_ == "xcomp" and _infinitive(verb) and verb.head.lemma_ == "be" \
            and verb.head.pos_ in ("AUX", "VERB")
    if arranged(token):
        return True
    return token.dep_ in ("nsubj", "nsubjpass") and any(arranged(c) for c in token.head.children)


def _said_to_be_possible(token: Token, lex: Lexicon) -> bool:
    """The act is the subject of "be" with a word of possibility as its complement (`possibility_noun`:
    "renewed fighting is a possibility", "an invasion is a real risk"): a prospect weighed, not an event; "the
    invasion was a threat to the region" tells what it was."""
    if token.dep_ != "nsubj" or token.head.lemma_ != "be":
        return False
    return any(c.dep_ in ("attr", "acomp") and lex.has("possibility_noun", c.lemma_.lower())
               for c in token.head.children)


def _what_a_party_is(token: Token, lex: Lexicon) -> bool:
    """An event noun as the complement of a copula whose subject names a party ("Hezbollah remains a threat to
    Israel", "the militia will stay a danger"): it tells what the party is, not an act it did; a deed judged
    ("the strike was a massacre") keeps its own reading."""
    if token.dep_ not in ("attr", "oprd") or lex.lemma(token) not in lex.nouns \
            or not lex.has("copula", lex.lemma(token.head)):
        return False  # "will be the first country to expel": the country is no event
    subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and named_party(subject)


def _alternative(token: Token, lex: Lexicon) -> bool:
    """An act named only as the alternative to another (`alternative_word`: than, instead): "fear hunger more
    than being shelled", "chose to negotiate rather than fight", "instead of attacking the town": weighed,
    not done."""
    head = token.head
    comparative = head.head if token.dep_ == "pcomp" else head
    if comparative.lower_ == "more" and comparative.head.lemma_ == "do":
        return False  # "the army did more than shell the town": it shelled it, and more
    if token.dep_ == "pcomp" and (lex.has("alternative_word", head.lower_)
                                  or (head.lower_ == "of" and lex.has("alternative_word", head.head.lower_))):
        return True
    if token.dep_ == "advcl" and any(c.dep_ == "mark" and lex.has("alternative_word", c.lower_)
                                     for c in token.children):
        return True
    return token.dep_ == "conj" and any(c.dep_ == "cc" and lex.has("alternative_word", c.lower_)
                                        and head.i < c.i < token.i for c in head.children)


def _indirect_question(token: Token, auxes: list[Token], lex: Lexicon) -> bool:
    """"Whether the army will withdraw", "how the truce would be enforced": a clause asked about, not told; a
    wh-clause only with a modal ("explained how the army had taken the town" tells it). A clause joined to such
    a clause ("how the truce would be enforced, how the wounded would be evacuated") is asked about as it is."""
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.dep_ not in ("ccomp", "xcomp", "pcomp", "advcl", "csubj"):
        return False
    if any(c.dep_ == "mark" and lex.has("question_mark", c.lower_) for c in token.children):
        return True
    asked = any(c.dep_ in ("advmod", "mark") and lex.has("question_word", c.lower_) and c.i < token.i
                for c in token.children)
    modal = any(a.lower_ == "would" or lex.has("hypothetical_modal", a.lower_) or lex.has("future_modal", a.lower_)
                for a in auxes)
    return asked and modal


def _whoever_clause(token: Token, lex: Lexicon) -> bool:
    """"Any faction that violates the truce", "anyone who attacks": a relative clause about whoever might act."""
    if token.dep_ != "relcl":
        return False
    head = token.head
    return lex.has("whoever_word", head.lower_) or any(
        c.dep_ == "det" and lex.has("hypothetical_det", c.lower_) for c in head.children)


def _habitual(token: Token, auxes: list[Token], lex: Lexicon) -> bool:
    """"Russia often bombs rebel areas", "when leaders gather": a simple present told as a habit or a general
    case, not one event (a headline's present tells one: "Troops shell Kharkiv")."""
    if token.tag_ not in ("VBZ", "VBP") or auxes:
        return False
    if any(c.dep_ == "advmod" and lex.has("habitual_adverb", c.lower_) for c in token.children):
        return True
    return token.dep_ == "advcl" and any(c.dep_ == "advmod" and lex.has("generic_when", c.lower_)
                                         for c in token.children)


def _any_event(token: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "det" and lex.has("hypothetical_det", c.lower_) for c in token.children)


def _conditional(clause: Token, lex: Lexicon) -> bool:
    return any(c.dep_ == "mark" and lex.has("hypothetical_mark", c.lower_) for c in clause.children) \
        or _condition_phrase(clause, lex)


def _counterfactual(token: Token, auxes: list[Token], lex: Lexicon) -> bool:
    """"Would have attacked", "could have been killed": a modal perfect tells what did not (or may not) happen."""
    modal = any(a.lower_ == "would" or lex.has("hypothetical_modal", a.lower_) for a in auxes)
    return modal and token.tag_ == "VBN" and any(a.lemma_ == "have" and a.tag_ == "VB" for a in auxes)


def _condition_phrase(token: Token, lex: Lexicon) -> bool:
    """"In the event of an invasion", "in case the army attacks", "in the case the army attacked": a condition told by
    a noun phrase, not an if-clause. "In the case of Syria" (about Syria) and "in this case" are no condition."""
    for prep in (c for c in token.children if c.dep_ == "prep" and lex.has("condition_preposition", c.lower_)):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and lex.has("condition_noun", lex.lemma(c))):
            dets = [c.lower_ for c in noun.children if c.dep_ == "det"]
            if any(not lex.has("definite_det", d) for d in dets):
                continue  # "in any case", "in this event"
            about = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
            if about and not lex.has("condition_of_noun", lex.lemma(noun)):
                continue  # "in the case of Syria": a topic; "on alert in case of more fighting": a precaution
            return True
    return False


def clause_verb(trigger: Token) -> Token:
    """The verb whose clause tells the event: the trigger itself, or the verb an event noun is the subject or
    object of ("an offensive would be launched", "the assault will begin")."""
    if trigger.pos_ not in ("VERB", "AUX") and trigger.dep_ in ("nsubj", "nsubjpass", "dobj", "obj") \
            and trigger.head.pos_ in ("VERB", "AUX"):
        return trigger.head
    return trigger


def condition_clause(trigger: Token, lex: Lexicon) -> Token | None:
    """The if/unless clause put on the event's own clause ("... would be launched if the militants stay")."""
    return next((c for c in clause_verb(trigger).children if c.dep_ == "advcl" and _conditional(c, lex)), None)


def inside_condition(trigger: Token, lex: Lexicon) -> bool:
    """Whether the event is told inside an if/unless clause ("... if the rebels did not disarm"): a condition put,
    not a deed, so its negation is no refusal."""
    verb = clause_verb(trigger)
    return any(node.dep_ == "advcl" and _conditional(node, lex) for node in [verb, *verb.ancestors])


def conditional_promise(trigger: Token, lex: Lexicon) -> bool:
    """"(Hamas said) it would release all hostages if Israel ended the war", "an offensive would be launched if the
    militants stayed": a will-do under a condition, which the doer telling it makes an offer or a threat."""
    verb = clause_verb(trigger)
    future = any(c.dep_ == "aux" and (c.lower_ == "would" or lex.has("future_modal", c.lower_))
                 for c in verb.children)
    return future and condition_clause(trigger, lex) is not None


def _aspect_flags(token: Token, auxes: list[Token], lex: Lexicon, published_year: int | None) -> set[str]:
    flags: set[str] = set()
    perfect = any(a.lemma_ == "have" for a in auxes)
    if any(lex.has("past_marker", c.lower_) for c in token.children if c.dep_ == "advmod"):
        flags.add("background")  # "arrested 15 months ago"
    if any(_early_in_lasting_event(c, lex) for c in token.children):
        flags.add("background")  # "early in the war, Iran sent advisers"
    if token.tag_ == "VBG" and any(a.lemma_ == "be" for a in auxes):
        flags.add("ongoing")
    for prep in (c for c in token.children if c.dep_ == "prep"):
        years = [int(y) for y in YEAR_RE.findall(_date_words(prep))]
        if not years:
            continue
        if lex.has("background_preposition", prep.lower_) and perfect:
            flags.add("background")
        elif published_year and max(years) < published_year and not lex.has("background_preposition", prep.lower_):
            flags.add("background")
    return flags


def _early_in_lasting_event(mod: Token, lex: Lexicon) -> bool:
    """"Early in the war", "at the start of the uprising": a time at the opening of a long conflict, years
    before the news."""
    if mod.dep_ == "advmod" and lex.has("early_in", mod.lower_):
        preps = [c for c in mod.children if c.dep_ == "prep"]
    elif mod.dep_ == "prep":
        opening = next((c for c in mod.children if c.dep_ == "pobj"), None)
        if opening is None or not lex.has("early_in", opening.lemma_.lower()):
            return False
        preps = [c for c in opening.children if c.dep_ == "prep" and c.lower_ == "of"]
    else:
        return False
    return any(lex.has("lasting_event", lex.lemma(o)) for p in preps for o in p.children if o.dep_ == "pobj")


def _date_words(prep: Token) -> str:
    """The words of a prepositional phrase's own object ("in 2014", "since March 2014", "in the 2006 war"), not
    of the clauses hanging off it, which may mention other years, nor the year in the name of a thing ("withdrew
    from the 1987 treaty" is not dated 1987)."""
    words = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        words.append(pobj.text)
        if pobj.ent_type_ in ("DATE", "TIME") or prep.lower_ in date_words()["circumstance_preposition"]:
            words.extend(c.text for c in pobj.children if c.dep_ in ("nummod", "compound", "amod", "npadvmod"))
    return " ".join(words)


def _governor(token: Token, lex: Lexicon) -> Token | None:
    """The clause or word that governs this one, or None at a clause boundary we do not climb."""
    if token.dep_ == "pobj":
        prep = token.head
        return prep if prep.i != token.i else None
    if token.dep_ == "prep":
        return token.head
    gerund = continued_gerund(token)
    if gerund is not None:
        return gerund
    if token.dep_ in CLIMB_DEPS and token.head.i != token.i:
        return token.head
    if token.dep_ in ("acl", "relcl") and _infinitive(token) and not _said_act(token, lex):
        return token.head  # "a call to release the prisoners", "due to be among the first towns to be handed over"
    if token.dep_ == "acl" and _is_governor_word(token.head, lex):
        return token.head  # "a threat to boycott the ceremony", "plans to invade"
    if token.dep_ == "acl" and token.tag_ == "VBG" and lex.has("document_noun", lex.lemma(token.head)):
        return token.head  # "will sign a letter demanding ...": the letter says it once it is signed
    if token.dep_ in ("acl", "ccomp") and lex.has("content_noun", lex.lemma(token.head)):
        return token.head  # "denied reports that troops had shelled": the report's fate is the event's
    return None


def _infinitive(clause: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _asked_act(gov: Token, token: Token, lex: Lexicon) -> str | None:
    """"Rejected a call to release X", "accepted an invitation to visit Y": the act asked for or offered is
    hypothetical, or planned once accepted; the call's own fate (rejected, ignored) is the call's event, not the
    act's, so the climb stops at the request noun."""
    if token.dep_ == "advcl" and _infinitive(token) and any(
            c.dep_ in ("dobj", "obj") and lex.has("pressure_noun", lex.lemma(c)) for c in gov.children):
        return "hypothetical"  # "put pressure on Belgrade to negotiate": pressed for, not done
    if not lex.has("request_noun", lex.lemma(gov)) or token.dep_ not in ("acl", "relcl", "prep"):
        return None
    accepted = gov.dep_ in ("dobj", "obj", "nsubjpass") and lex.has("accepting_verb", lex.lemma(gov.head))
    return "planned" if accepted else "hypothetical"


def _long_after(token: Token, lex: Lexicon) -> bool:
    """"A decade after troops withdrew", "20 years after the invasion": an event years before the one told is
    background."""
    if token.dep_ == "prep":
        if not lex.has("past_preposition", token.lower_):
            return False
    elif not any(c.dep_ == "mark" and lex.has("past_preposition", c.lower_) for c in token.children):
        return False
    return any(c.dep_ == "npadvmod" and lex.has("long_span", lex.lemma(c)) for c in token.children)


def _told_as_past(clause: Token, lex: Lexicon) -> bool:
    """"(That would be a blow) days after Uganda closed the border": a clause in the past tense under "after" tells
    what happened before, whatever the main clause's modal says of its own act. The parser may hang "after" on
    the clause as a preposition of its subject, or make the clause a conjunct of the main verb with "after"
    and its subject a prepositional phrase ("after the minister, X, committed": `subject_read_as_object`)."""
    if clause.dep_ == "advcl":
        marks = [c for c in clause.children if c.dep_ in ("mark", "prep") and c.i < clause.i]
    elif clause.dep_ == "conj":
        subject = subject_read_as_object(clause, lex)
        marks = [subject.head] if subject is not None else []
    else:
        return False
    return _past_form(clause) and any(lex.has("past_preposition", m.lower_) for m in marks)


def _past_form(verb: Token) -> bool:
    """A past tense, or a participle with no auxiliary (the tagger's reading of "after the president hosted")."""
    return verb.tag_ == "VBD" or (verb.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children))


def _awaited(clause: Token, gov: Token, lex: Lexicon) -> bool:
    """"Will not lift sanctions until Pyongyang dismantles its programme": what a future act waits for has not
    happened ("fought until the troops withdrew" tells both)."""
    if clause.dep_ != "advcl" or not any(c.dep_ == "mark" and lex.has("awaited_mark", c.lower_)
                                         for c in clause.children):
        return False
    return any(c.dep_ == "aux" and (c.lower_ == "would" or lex.has("future_modal", c.lower_)
                                    or lex.has("hypothetical_modal", c.lower_)) for c in gov.children)


def _marked_clause(token: Token) -> bool:
    """An adverbial clause with its own subordinator ("unless", "after", "when"): the main clause's negation
    is no negation of it."""
    return token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children)


def _is_governor_word(token: Token, lex: Lexicon) -> bool:
    lemma = lex.lemma(token)
    return any(lex.has(role, lemma) for role in ("negating_governor", "hypothetical_governor", "planned_governor"))


def _governor_flags(gov: Token, relation_token: Token, lex: Lexicon) -> set[str]:
    word = lex.lemma(gov)
    purpose = relation_token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                       for c in relation_token.children)
    if relation_token.dep_ in ("nsubj", "nsubjpass") and _raised_event(relation_token, gov, lex):
        return {"planned"}
    if relation_token.dep_ in ("nsubj", "nsubjpass", "conj") or (relation_token.dep_ == "advcl" and not purpose):
        return set()  # a subject, a conjoined or adverbial clause: the governor is no attitude toward it
    if relation_token.dep_ == "prep" and relation_token.lower_ in date_words()["circumstance_preposition"]:
        return set()  # "warned during a visit": the visit is where the warning was given, not what it fears
    if lex.has("negating_governor", word):
        return {"negated"}
    if lex.has("hypothetical_governor", word):
        return {"hypothetical"}
    if lex.has("planned_governor", word):
        return {"planned"}
    if lex.has("planned_preposition", word) or lex.has("planned_preposition", gov.lower_):
        return {"planned"}
    return set()


def _raised_event(subject: Token, gov: Token, lex: Lexicon) -> bool:
    """"Talks are expected to resume on Monday", "the vote is due to take place": an event noun raised to the
    subject of a passive or adjectival plan word with an infinitive is planned ("the talks aim to ..." are
    held)."""
    if subject.pos_ not in ("NOUN", "PROPN") or not any(c.dep_ == "xcomp" for c in gov.children):
        return False
    passive = any(c.dep_ == "auxpass" for c in gov.children) or gov.pos_ == "ADJ"
    return passive and lex.has("planned_governor", lex.lemma(gov))


def _consequence(trigger: Token, gov: Token, lex: Lexicon) -> bool:
    """"A further attack will only bring more war", "any invasion would be a disaster": an indefinite event
    noun as the subject of what it would cause is talked about, not planned ("an attack will take place"
    plans one)."""
    if trigger.pos_ not in ("NOUN", "PROPN") or trigger.dep_ != "nsubj":
        return False  # "the summit will be held": a planned event
    if not any(c.dep_ in ("det", "amod", "predet") and lex.has("indefinite_det", c.lower_) for c in trigger.children):
        return False  # "the talks will cover fishing": a known event's agenda
    lemma = lex.lemma(gov)
    return not (lex.has("happening_verb", lemma) or lex.has("light_verb", lemma))


def _carried_by(trigger: Token, gov: Token, lex: Lexicon) -> bool:
    """"carried out strikes in 2024", "launched an offensive in 2014": an event noun's light verb holds the
    event's own time and aspect."""
    return trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ in ("dobj", "obj") \
        and lex.has("light_verb", lex.lemma(gov))


def _running_toll(trigger: Token, lex: Lexicon) -> bool:
    """"The war has killed hundreds of thousands": a lasting conflict's toll so far sums up the background,
    it is no fresh event ("the attack has killed 12" is)."""
    verb = trigger.head
    return trigger.dep_ == "nsubj" and lex.has("lasting_event", lex.lemma(trigger)) \
        and lex.has("toll_verb", lex.lemma(verb)) \
        and any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children) \
        and not any(t.ent_type_ in ("DATE", "TIME") for t in verb.subtree)  # "has killed 300 this week"


def _since_clause(trigger: Token, lex: Lexicon) -> bool:
    """"Thousands have rallied since the government suspended talks": the event of a since-clause is the
    earlier one that starts the time told, not news."""
    return trigger.dep_ == "advcl" and any(c.dep_ == "mark" and lex.has("background_preposition", c.lower_)
                                           for c in trigger.children)


def _in_dated_relative(trigger: Token, lex: Lexicon, published_year: int | None) -> bool:
    """"a war in 2020, in which 6,500 people were killed": a relative clause without a date of its own tells
    part of the past event its noun names, dated in the clause around it."""
    if trigger.dep_ != "relcl" or any(t.ent_type_ in ("DATE", "TIME") for t in trigger.subtree):
        return False
    token = trigger.head
    for _ in range(MAX_CLIMB):
        auxes = [c for c in token.children if c.dep_ in ("aux", "auxpass")]
        if "background" in _aspect_flags(token, auxes, lex, published_year):
            return True
        gov = _governor(token, lex)
        if gov is None:
            return False
        token = gov
    return False


def event_status(trigger: Token, lex: Lexicon, published_year: int | None = None,
                 stop_at: frozenset[int] = frozenset(), conditional_ok: bool = False) -> str:
    """The status of the event told by `trigger`; `stop_at` holds token indices of reported-speech verbs.
    `conditional_ok`: the event is itself conditional by nature (a threat: "warned of consequences if ..."),
    so an if-clause hanging off it does not make it hypothetical."""
    flags = _own_flags(trigger, lex, published_year, with_aspect=True, conditional_ok=conditional_ok)
    own_negation = "negated" in flags
    if _since_clause(trigger, lex) or _in_dated_relative(trigger, lex, published_year) or _running_toll(trigger, lex):
        flags.add("background")
    if _long_after(trigger, lex):
        flags.add("background")
    token = trigger
    for _ in range(MAX_CLIMB):
        if _said_act(token, lex):
            if not lex.has("decision_noun", lex.lemma(token.head)):
                flags.add("planned")  # "a proposal to hold talks": put forward, not done
            break  # "condemned Trump's decision to recognise": the decision's fate is not the act's
        gov = _governor(token, lex)
        if gov is None or (gov.i in stop_at and token.dep_ != "prep") or _told_as_past(token, lex):
            break  # a speech verb's content keeps its own time; its circumstances ("announced at a ceremony") share it
        if _long_after(gov, lex):
            flags.add("background")
        if _awaited(token, gov, lex):
            flags.add("hypothetical")
        asked = _asked_act(gov, token, lex)
        if asked is not None:
            flags.add(asked)
            break
        flags |= _governor_flags(gov, token, lex)
        subject_of_gov = token.dep_ in ("nsubj", "nsubjpass") and token.i == trigger.i
        carried = token.i == trigger.i and _carried_by(trigger, gov, lex)
        carried = carried or (token.dep_ == "advcl" and _infinitive(token))  # "sent advisers to support": then
        own_tense = token.dep_ == "conj" and (any(c.dep_ in ("aux", "neg") for c in token.children)
                                              or _finite_after_bare(token, gov))
        if not own_tense:  # "did not want a war but would defend": the second verb has its own tense
            gov_flags = _own_flags(gov, lex, published_year, with_aspect=subject_of_gov or carried,
                                   conditional_ok=conditional_ok)
            if subject_of_gov and _consequence(trigger, gov, lex) and "planned" in gov_flags:
                gov_flags = (gov_flags - {"planned"}) | {"hypothetical"}
            if _marked_clause(token):
                gov_flags.discard("negated")  # "will not lift sanctions unless Russia withdraws"
            flags |= gov_flags
        token = gov
    if "negated" in flags and not own_negation and _reason_participle(trigger):
        flags -= {"negated", "planned"}  # "would not attend the talks, blaming Turkey": the blaming is done
    if _told_to_the_reader(trigger):
        flags.add("hypothetical")  # "Click here to read", "Sign up to receive": an instruction, not news
    return strongest(flags)


def _finite_after_bare(conj: Token, head: Token) -> bool:
    """"did not claim victory but said", "did not enter the town but shelled it": a verb with its own tense
    joined to a bare verb under "did"/"does" cannot share that verb's auxiliary, nor so its "not"."""
    return conj.tag_ in FINITE_TAGS and head.tag_ == "VB" \
        and any(c.dep_ == "aux" and c.lemma_ == "do" for c in head.children)


def _told_to_the_reader(trigger: Token) -> bool:
    """A sentence that is an instruction: its root a bare verb opening it, with no subject or auxiliary
    ("Click here to read our report", "Sign up to receive the briefing"), and no quote (a quoted command is
    someone's demand: `code.quoted_command`)."""
    sent = trigger.sent
    root = sent.root
    if root.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass", "expl") for c in root.children):
        return False
    if any(t.is_quote for t in sent) or not all(t.is_punct for t in sent.doc[sent.start:root.i]):
        return False
    token = trigger
    while token.i != root.i:  # "Remember that Russia invaded": a clause with a subject of its own is told
        if any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in token.children):
            return False
        token = token.head
    return True


def _said_act(token: Token, lex: Lexicon) -> bool:
    """The infinitive of a decision, proposal or pledge noun ("the decision to reimpose sanctions", "a proposal
    to hold talks"): a decision tells the act as taken, the others as planned, and the noun's own fate
    ("rejected the decision") is no fate of the act."""
    noun = lex.lemma(token.head)
    return token.dep_ in ("acl", "relcl") and _infinitive(token) and lex.has("said_thing_noun", noun) \
        and not lex.has("request_noun", noun)  # an offer's or a call's act waits for the answer: `_asked_act`


def _reason_participle(trigger: Token) -> bool:
    """A bare participle clause ("..., blaming Turkey", "..., citing security concerns"): the reason or
    manner the subject gives while declining or refusing; it is said, so it happened, even when the act it
    hangs on did not."""
    return trigger.dep_ == "advcl" and trigger.tag_ == "VBG" and not any(
        c.dep_ in ("mark", "aux", "auxpass") for c in trigger.children)
