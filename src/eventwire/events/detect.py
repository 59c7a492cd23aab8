"""Event detection: which tokens of a sentence tell an event, which lexicon pattern codes each, and which
tokens hold its source and target.

Verbs are matched against the verb patterns (particle, preposition, object and cue words make a pattern
more specific); event nouns against the noun patterns. A noun that is the object of a verb with no pattern
of its own ("held a phone call with", "launched an attack on", "may be planning an invasion") takes that
verb's subject as its source; a noun under a verb that is itself coded is part of that event's content
("accused Moscow of attacks") and is not coded again.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Span, Token

from ..actors.tables import names_town
from .arguments import continued_gerund, participle_clause, purpose_beneficiary
from .codes import VIOLENT_ROOTS
from .frames import (
    OBJECT_DEPS,
    child,
    frame_target,
    frame_targets,
    governing_verb,
    modifier_span,
    object_lemma,
    passive_agent,
    prep_lemmas,
    prep_object,
    relative_antecedent,
    verb_object,
    verb_subject,
)
from .lexicon import PREP_OBJECT_SLOT, Lexicon, Pattern
from .senses import argument_classes, guarded, replaces, required_code
from .status import condition_clause

VERB_POS = ("VERB", "AUX")
NOUN_POS = ("NOUN", "PROPN")
LIGHT_DEPS = ("dobj", "obj", "nsubjpass", "attr", "oprd")
ACTOR_TAGS = ("PROPN",)
CUE_WINDOW = 25
ALWAYS_NEWS_ROOTS = ("15", "18", "19", "20")  # "10 soldiers killed", "troops massed": events however phrased
CONTENT_TARGET_ROOTS = ("01", "02", "10", "11", "12", "13")  # comment, appeal, demand, disapprove, reject,
# threaten: aimed at whom the clause is about ("warned that Russia may ...", "demanded that Turkey withdraw")
ACTOR_ENTS = ("GPE", "NORP", "ORG", "PERSON", "FAC", "LOC")
FRAME_FLAGS = frozenset({"needs_obj", "actor_obj", "actor_subj", "no_clause", "no_label"})
NOUN_OBJECT_PREPS = ("on", "against", "of", "into", "over", "to", "with")
CAUSE_PREPS = ("in", "by", "during", "after", "from")
AID_ROOTS = ("03", "05", "06", "07")  # pledges, cooperation and aid: "sent rice to feed Haitian families"
TOLD_DEED_ROOTS = ("15", "17", "18", "19", "20")  # force, coercion and violence a statement is about
ACTING_CLASSES = frozenset({"armed_actor", "state_actor", "political_actor"})  # who can carry out a threat
VERBAL_ROOTS = ("01", "02", "10", "11", "12", "13")  # statements, appeals, demands, criticism, rejection, threats


def _words(token: Token | None, lex: Lexicon, tagged: bool = True) -> set[str]:
    """A phrase head's lemma and its compounds' ("a record high": high, record), and (`tagged`) what the parse
    and the actor tables tell of them: entity type and actor sector ("ent:GPE", "sector:MIL")."""
    if token is None:
        return set()
    compounds = [c for c in token.children if c.dep_ == "compound"]
    found = {lex.lemma(token), token.lower_} | {lex.lemma(c) for c in compounds}
    if tagged:
        classes = argument_classes()
        for part in [token, *compounds]:
            found |= classes.tags(part)
    of = prep_object(token, ("of",))  # "numbers of pupils", "a series of lies"
    return found | {lex.lemma(of)} if of is not None else found


def _prep_objects(token: Token, preps: tuple[str, ...], lex: Lexicon, tagged: bool = True) -> set[str]:
    found: set[str] = set()
    for c in token.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            for pobj in (g for g in c.children if g.dep_ == "pobj"):
                found |= _words(pobj, lex, tagged)
    return found


def _objects_by_preposition(token: Token, lex: Lexicon) -> dict[str, set[str]]:
    """The objects of each preposition under a trigger, as slots "pobj:<preposition>"; a preposition under
    another gives both ("pulled out of the pact": "pobj:of" and "pobj:out of")."""
    slots: dict[str, set[str]] = {}

    def walk(prep: Token, name: str, depth: int) -> None:
        for g in prep.children:
            if g.dep_ == "pobj":
                for key in {f"{PREP_OBJECT_SLOT}{name}", f"{PREP_OBJECT_SLOT}{prep.lower_}"}:
                    slots.setdefault(key, set()).update(_words(g, lex))
            elif g.dep_ == "prep" and depth < 2:
                walk(g, f"{name} {g.lower_}", depth + 1)

    for c in token.children:
        if c.dep_ in ("prep", "agent", "prt"):
            walk(c, c.lower_, 0)
    return slots


def verb_sense_slots(verb: Token, lex: Lexicon) -> dict[str, set[str]]:
    """The words that can tell a verb's sense: its object, subject, adverbs, prepositions, what it happened
    in or by ("killed in a fire"), the part of speech of its complement ("considers herself lucky": adj),
    the subject of a passive ("patient"), what a gerund subject did ("fighting killed 20": "verb"), where it
    happened ("place"), all its sides at once ("sides"), the objects of each preposition ("pobj:of") and the
    sentence."""
    direct = _words(verb_object(verb), lex)
    objects = direct | _prep_objects(verb, ("on", "against", "with", "at", "into", "to"), lex)
    return {"object": objects, "direct": direct, "subject": _words(verb_subject(verb, lex), lex),
            "modifier": {lex.lemma(c) for c in verb.children if c.dep_ in ("advmod", "acomp")},
            "prep": {c.lower_ for c in verb.children if c.dep_ in ("prep", "prt")},
            "cause": _prep_objects(verb, CAUSE_PREPS, lex, tagged=False),
            "complement": {c.pos_.lower() for c in verb.children if c.dep_ in ("ccomp", "oprd", "xcomp")},
            "patient": _words(child(verb, "nsubjpass"), lex),
            "sides": _sides([verb_subject(verb, lex), verb_object(verb), child(verb, "nsubjpass"),
                             *_prep_heads(verb, SIDE_PREPS)], lex),
            "verb": _noun_deed(verb, lex) if verb.dep_ in ("nsubj", "csubj", "nsubjpass") else set(),
            "place": _prep_objects(verb, PLACE_PREPS, lex),
            "sentence": _sentence_words(verb, lex),
            "condition": _words(conditioned_party(verb, lex), lex),
            "own_future": {"self"} if _tells_own_future(verb, lex) else set(),
            **_objects_by_preposition(verb, lex)}


def _tells_own_future(verb: Token, lex: Lexicon) -> bool:
    """"Turkey warned it will not stand by", "warned that its army would respond": told to no one named, a
    clause of what the speaker's own side will or will not do (its subject "it", "we" or "our/its army")."""
    content = child(verb, "ccomp")
    if content is None or verb_object(verb) is not None:
        return False
    subject = verb_subject(content, lex)
    own = subject is not None and (lex.pronoun("first_person", subject) or subject.lower_ == "it"
                                   or _speakers_own(subject, lex))
    future = any(c.dep_ == "aux" and (c.lower_ == "would" or lex.has("future_modal", c.lower_))
                 for c in content.children)
    return own and future


def conditioned_party(verb: Token, lex: Lexicon) -> Token | None:
    """The party a told consequence is made to hang on: the subject of an if/unless clause in the verb's
    complement, when the consequence is someone's act rather than a happening ("warned that troops would move
    in if the militia did not withdraw": the militia; not "warned that growth would slow if the bank raised
    rates", whose consequence no one does)."""
    content = child(verb, "ccomp")
    condition = condition_clause(content, lex) if content is not None else None
    if condition is None:
        return None
    consequence = verb_subject(content, lex) or child(content, "expl")
    party = verb_subject(condition, lex)
    if consequence is None or party is None or consequence.i == party.i:
        return None
    if consequence.pos_ == "PRON" or consequence.lower_ == "there" or _speakers_own(consequence, lex) \
            or argument_classes().of(_words(consequence, lex)) & ACTING_CLASSES:
        return party
    return None


def noun_sense_slots(noun: Token, lex: Lexicon) -> dict[str, set[str]]:
    """The words that can tell an event noun's sense: its modifiers and the objects of its prepositions
    ("an attack on the proposal", "the fight against corruption", "a heart attack"), its possessor
    ("Russia's offensive"), who carries it out ("troops launched an offensive": "doer"), all its sides at
    once ("sides") and the sentence."""
    mods = [c for c in noun.children if c.dep_ in ("compound", "amod", "nmod")]
    doer = _noun_doer(noun, lex)
    return {"object": _prep_objects(noun, NOUN_OBJECT_PREPS, lex),
            "modifier": {lex.lemma(c) for c in mods} | {t for c in mods for t in argument_classes().tags(c)},
            "prep": {c.lower_ for c in noun.children if c.dep_ == "prep"},
            "agent": _prep_objects(noun, ("by",), lex),
            "origin": _modifier_origin(noun),
            "verb": _noun_deed(noun, lex),
            "poss": _words(child(noun, "poss"), lex),
            "doer": _words(doer, lex),
            "sides": _sides([child(noun, "poss"), doer,
                             *_prep_heads(noun, SIDE_PREPS + NOUN_OBJECT_PREPS)], lex),
            "place": _prep_objects(noun, PLACE_PREPS, lex),
            "sentence": _sentence_words(noun, lex),
            **_objects_by_preposition(noun, lex)}


PLACE_PREPS = ("in", "at", "near", "inside", "outside", "around", "across", "along", "for", "from", "over")
SIDE_PREPS = ("on", "against", "with", "at", "into", "to", "by", "between", "among")


def _prep_heads(token: Token, preps: tuple[str, ...]) -> list[Token]:
    return [g for c in token.children if c.dep_ in ("prep", "agent") and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]


def _sides(heads: list[Token | None], lex: Lexicon) -> set[str]:
    """Who or what is on either side of an act, with the words that tell their kind ("armed men", "the
    military formation", "the army and the rebels") and, where a side is a pronoun, the named states and
    bodies of the sentence it may stand for ("the Americans said they had attacked")."""
    classes = argument_classes()
    found: set[str] = set()
    for head in (h for h in heads if h is not None):
        found |= _words(head, lex)
        for other in (*head.conjuncts, *(c for c in head.children if c.dep_ in ("amod", "nmod"))):
            found |= _words(other, lex)
    if any(h is not None and h.pos_ == "PRON" for h in heads):
        sent = next(h for h in heads if h is not None).sent
        found |= {tag for t in sent if t.pos_ == "PROPN" or t.ent_type_ in NATION_ENTITIES for tag in classes.tags(t)}
    return found


SETTING_POS = ("NOUN", "PROPN", "ADJ")


def _sentence_words(token: Token, lex: Lexicon) -> set[str]:
    """The noun and adjective lemmas of the trigger's sentence: the setting a sense frame may ask for (a
    match, a film); not its verbs ("matched", "relayed")."""
    return {lex.lemma(t) for t in token.sent if t.pos_ in SETTING_POS}


def _noun_doer(noun: Token, lex: Lexicon) -> Token | None:
    """Who carries out an event noun through the verb it is the object of ("troops launched an offensive",
    "rebels were engaged in fierce fighting")."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in VERB_POS:
        head = head.head
    elif noun.dep_ not in LIGHT_DEPS or head.pos_ not in VERB_POS or head.i == noun.i:
        return None
    return verb_subject(head, lex)


NATION_ENTITIES = ("NORP", "GPE")


def _modifier_origin(noun: Token) -> set[str]:
    """"nation" when a modifier names a state or its people ("Russian strikes", "US strikes"): with no other
    context such an act is the state's own, told from one by workers or a union ("a strike by nurses")."""
    mods = (c for c in noun.children if c.dep_ in ("compound", "amod", "nmod", "poss"))
    return {"nation"} if any(m.ent_type_ in NATION_ENTITIES for m in mods) else set()


MEANS_PREPS = ("in", "by")  # "killed in an ambush", "wounded by sniper fire"
VIOLENT_MEANS_PREPS = ("during",)  # "killed during a raid": a means only when the noun is violence, not "talks"


def is_means_preposition(prep: Token, noun: Token, lex: Lexicon) -> bool:
    """"In" or "by" an event noun tells how a thing happened; "during" only when the noun is violence ("killed
    during a raid", but "killed during the talks" tells when)."""
    if prep.lower_ in MEANS_PREPS:
        return True
    found = match_noun(noun, lex) if prep.lower_ in VIOLENT_MEANS_PREPS else None
    return found is not None and found.cameo[:2] in VIOLENT_ROOTS


def _noun_deed(noun: Token, lex: Lexicon) -> set[str]:
    """What the event noun did, told by the verb it is the subject or the means of: "the strike killed 40",
    "strikes hit the port", "were killed in a strike" (a deed that tells a military strike from a walkout)."""
    head = noun.head
    deeds = {lex.lemma(c) for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ in VERB_POS}
    if noun.dep_ in ("nsubj", "nsubjpass") and head.pos_ in VERB_POS:
        deeds.add(lex.lemma(head))
    elif noun.dep_ == "pobj" and is_means_preposition(head, noun, lex) and head.head.pos_ in VERB_POS:
        deeds.add(lex.lemma(head.head))
    return deeds


def with_sense(pattern: Pattern, trigger: Token, lex: Lexicon) -> Pattern | None:
    """The pattern recoded to the trigger's sense as its arguments tell it, None when that sense is no
    political event: first the lexicon's sense frames ("struck a deal" 057, "a price war": none), then what
    the reading needs ("fought" is combat only with an armed, state or political side, a weapon, a
    casualty or a place of fighting among its arguments)."""
    key = (pattern.lemma, pattern.pos)
    if key not in lex.senses and not guarded(*key):
        return pattern
    slots = verb_sense_slots(trigger, lex) if pattern.pos == "verb" else noun_sense_slots(trigger, lex)
    code = lex.sense_code(pattern.lemma, pattern.pos, slots)
    if code == "":
        return None
    if code is not None and replaces(code, pattern.cameo):
        pattern = replace(pattern, cameo=code)
    needed = required_code(pattern.lemma, pattern.pos, pattern.cameo, slots)
    if needed is None:
        return pattern
    return replace(pattern, cameo=needed) if needed else None


@dataclass
class Candidate:
    """A trigger with its pattern and the heads (or spans) of its arguments, before actors are resolved."""

    trigger: Token
    pattern: Pattern
    source: Token | Span | None = None
    target: Token | Span | None = None
    more_targets: list[Token | Span] = field(default_factory=list)  # fallbacks when `target` names no actor
    pair: list[Token | Span] = field(default_factory=list)  # both sides: "between A and B", "US-China talks"
    light: Token | None = None
    confidence: float = 0.6
    background: bool = False  # an earlier event that only dates this sentence: "after the Bali bombing"
    told_by: Token | None = None  # the verbal act a deed is named in ("condemned the invasion"): its status stops there
    by_quote_speaker: bool = False  # a judgement in a quote with no speech verb: the quote's speaker judges

    @property
    def trigger_tokens(self) -> list[Token]:
        if self.pattern.pos == "noun":
            mods = [c for c in self.trigger.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"]
            return sorted(mods + [self.trigger], key=lambda t: t.i)
        parts = [c for c in self.trigger.children if c.dep_ == "prt"]
        return sorted([self.trigger] + parts, key=lambda t: t.i)


def _cue_lemmas(verb: Token, lex: Lexicon, wide: bool) -> set[str]:
    """Words that can refine a verb's code: its clause, its subject, and (parsers often misattach long
    complements) the rest of the sentence to its right."""
    lemmas = {lex.lemma(t) for t in verb.subtree}
    for conj in (c for c in verb.children if c.dep_ == "conj"):  # "give a speech ... and meet dissidents"
        lemmas -= {lex.lemma(t) for t in conj.subtree} - {lex.lemma(t) for t in verb.lefts}
    if wide:
        lemmas |= {lex.lemma(t) for t in verb.doc[verb.i + 1:min(verb.sent.end, verb.i + CUE_WINDOW)]}
    subj = verb_subject(verb, lex)
    if subj is None and verb.dep_ in ("acl", "relcl"):
        subj = verb.head
    if subj is not None:
        lemmas |= {lex.lemma(subj)} | {lex.lemma(c) for c in subj.children}
    return lemmas


def actor_like(token: Token | None, lex: Lexicon) -> bool:
    """Whether a noun phrase head names people or a body: a name, a pronoun, or a role noun ("prisoners",
    "the delegation"), as opposed to a thing ("the report", "the needs of the country")."""
    if token is None:
        return False
    if token.pos_ in ("PROPN", "PRON") or token.ent_type_ in ACTOR_ENTS:
        return True
    return lex.lemma(token) in lex.actor_nouns or token.lower_ in lex.actor_nouns


def names_doer(token: Token | None, lex: Lexicon) -> bool:
    """Whether a clause's subject can be told what to do: an actor, or an event ("the oppression must end"),
    not a thing ("the plans should be prominent")."""
    return actor_like(token, lex) or _is_event_noun(token, lex)


def _frame_fits(p: Pattern, obj: Token | None, subj: Token | None, lex: Lexicon, verb: Token | None = None) -> bool:
    """The pattern's demands on who acts and on what: `needs_obj` (a direct object), `actor_obj` (an object,
    when there is one, that names people: "released the prisoners", not "released the report"), `actor_subj`
    (a subject that names people: not "the report reinforced stability", "evidence to back the charges"),
    `no_clause` (no clausal complement), `no_label` (the object is given no name: "called the envoy a liar" is
    no call)."""
    if "needs_obj" in p.flags and obj is None:
        return False
    if "no_label" in p.flags and verb is not None and child(verb, "oprd") is not None:
        return False
    clause = child(verb, "xcomp", "ccomp") if verb is not None and "no_clause" in p.flags else None
    if clause is not None and not any(t is not None and t.ent_type_ in ("GPE", "NORP", "ORG")
                                      for t in (obj, child(clause, "nsubj"))):
        return False  # "helped (him) make decisions": a means to something else; "help Haiti cope" stays aid
    if "actor_obj" in p.flags and obj is not None and not actor_like(obj, lex):
        return False
    return not ("actor_subj" in p.flags and not actor_like(subj, lex))


def match_verb(verb: Token, lex: Lexicon) -> Pattern | None:
    """The most specific verb pattern whose particle, preposition, object and cues are all present; among
    equally specific ones, a pattern whose cue is the verb's own object ("gives Putin a deadline") wins."""
    patterns = lex.verbs.get(lex.lemma(verb))
    if not patterns:
        return None
    particles = {c.lower_ for c in verb.children if c.dep_ == "prt"}
    preps = prep_lemmas(verb)
    obj_token = verb_object(verb)
    obj = object_lemma(verb, obj_token)
    subj_token = verb_subject(verb, lex) if any(p.flags & FRAME_FLAGS for p in patterns) else None
    cues: dict[bool, set[str]] = {}
    matched: list[Pattern] = []
    for p in patterns:
        if matched and p.specificity < matched[0].specificity:
            break
        if p.particle and p.particle not in particles:
            continue
        if not p.particle and any(not lex.has("neutral_particle", x) for x in particles):
            continue
        if p.prep and p.prep not in preps:
            continue
        if p.objects and not _object_fits(p.objects, obj, obj_token, lex):
            continue
        if p.flags & FRAME_FLAGS and not _frame_fits(p, obj_token, subj_token, lex, verb):
            continue
        if p.cues:
            wide = "wide" in p.flags
            if wide not in cues:
                cues[wide] = _cue_lemmas(verb, lex, wide)
            if not p.cues & cues[wide]:
                continue
        matched.append(p)
    if len(matched) > 1:
        direct = {lex.lemma(c) for c in verb.children} | {lex.lemma(g) for c in verb.children for g in c.children}
        return next((p for p in matched if p.cues & direct), matched[0])
    return matched[0] if matched else None


def _object_fits(objects: frozenset[str], obj: str | None, obj_token: Token | None, lex: Lexicon) -> bool:
    """Whether the verb's object is one a pattern names: a word, or a member of an argument class (`@armed_actor`:
    "drove the RSF out", where the object is a named group no word list holds)."""
    if obj in objects:
        return True
    classes = {o[1:] for o in objects if o.startswith("@")}
    return bool(classes) and obj_token is not None and bool(argument_classes().of(_words(obj_token, lex)) & classes)


def match_noun(noun: Token, lex: Lexicon) -> Pattern | None:
    patterns = lex.nouns.get(lex.lemma(noun))
    if not patterns:
        return None
    mods = {lex.lemma(c) for c in noun.children if c.dep_ in ("compound", "amod", "nmod")}
    of = prep_object(noun, ("of",))
    if of is not None:  # "suspension of aid", "killing of civilians"
        mods |= {lex.lemma(of)} | {lex.lemma(c) for c in of.children if c.dep_ in ("compound", "amod")}
    preps = {c.lower_ for c in noun.children if c.dep_ == "prep"}
    for p in patterns:
        if p.modifiers and not p.modifiers & mods:
            continue
        if p.prep and p.prep not in preps:
            continue
        return p
    return None


def _is_event_noun(token: Token | None, lex: Lexicon) -> bool:
    """An event noun, or a gerund used as one ("Fighting ... has killed")."""
    return token is not None and (token.pos_ in NOUN_POS or token.tag_ == "VBG") \
        and match_noun(token, lex) is not None and not inside_name(token)


def _has_actor_words(span: Span | None) -> bool:
    return span is not None and any(t.pos_ in ACTOR_TAGS or t.ent_type_ in ACTOR_ENTS for t in span)


def _describes_event_noun(verb: Token, pattern: Pattern, lex: Lexicon) -> bool:
    """"The fighting has killed 13,000", "an attack targeting civilians": the noun is the event, coded from
    the noun; the verb only tells more about it."""
    means = prep_object(verb, MEANS_PREPS + VIOLENT_MEANS_PREPS)
    if lex.has("happening_verb", lex.lemma(verb)) and _is_event_noun(means, lex) \
            and is_means_preposition(means.head, means, lex):
        return True  # "two farmers were killed in a drone strike by the army", "during a raid"
    subj = child(verb, "nsubj")
    if subj is None and verb.dep_ == "acl" or (subj is not None and lex.has("relative_pronoun", subj.lower_)
                                                and verb.dep_ == "relcl"):
        subj = verb.head  # "an attack targeting civilians", "the attack, which killed 12"
    if not _is_event_noun(subj, lex):
        return False
    noun = match_noun(subj, lex)
    return lex.has("happening_verb", lex.lemma(verb)) or (noun is not None and noun.cameo[:2] == pattern.cameo[:2])


def _attributive(verb: Token) -> bool:
    """"US-backed fighters", "the rebel-held town", "a Saudi-led coalition": a participle used as an
    adjective describes who someone is, it tells no new event."""
    return verb.dep_ in ("amod", "compound") and verb.tag_ in ("VBN", "VBD")


TOPIC_PREPS = ("of", "on", "about", "over")


def _named_kind_of_act(verb: Token) -> bool:
    """"the danger of travelling there", "talks on joining the EU": a gerund that names a kind of act (or the
    topic) under a noun, not an act that happened."""
    return verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.lower_ in TOPIC_PREPS \
        and verb.head.head.pos_ == "NOUN"


def _rule_content(verb: Token, lex: Lexicon) -> bool:
    """"a law that restricts foreign-funded media", "a decree banning rallies": what a law or decree says is
    its content, not an act done at the time of the report (unless the sentence enacts it: "passed a bill
    lifting the emergency law")."""
    rule = verb.head
    if verb.dep_ not in ("relcl", "acl") or not lex.has("rule_noun", lex.lemma(rule)):
        return False
    if rule.dep_ in LIGHT_DEPS and lex.has("enacting_verb", lex.lemma(rule.head)):
        return False
    subj = child(verb, "nsubj")
    return subj is None or lex.has("relative_pronoun", subj.lower_)


def _descriptive_participle(verb: Token, pattern: Pattern) -> bool:
    """"two men sought in the slaying", "a Hamas member jailed a year ago": a participle describing a noun,
    with no agent, tells who someone is rather than a new event (force and violence, "troops gathered on
    the border", "soldiers killed in Ukraine", still tell one)."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and passive_agent(verb) is None \
        and pattern.cameo[:2] not in ALWAYS_NEWS_ROOTS


def _state_participle(verb: Token, lex: Lexicon) -> bool:
    """"troops stationed in Germany", "soldiers based in Syria": a participle telling where forces are, with no
    agent and no time of its own, is a standing state, not a new deployment."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and lex.has("state_participle", lex.lemma(verb)) \
        and passive_agent(verb) is None and not any(c.ent_type_ in TIME_ENTS for c in verb.subtree)


NAME_ENTS = ("ORG", "PERSON", "FAC", "WORK_OF_ART", "LAW", "PRODUCT")
TIME_ENTS = ("DATE", "TIME")
TITLE_CASE_SHARE = 0.6  # a sentence with more capitalised words than this is a headline, not names


def inside_name(token: Token) -> bool:
    """"Israel Flying Aid", "Save the Children", "the Reconciliation Commission": a capitalised trigger word
    that is part of a name (a named body, a person or a law) tells no event."""
    sent = token.sent
    if not token.is_title or token.i == sent.start or _headline_case(sent):
        return False
    if token.ent_type_ in NAME_ENTS:
        return True
    near = [c for c in token.children if c.dep_ == "compound"] + ([token.head] if token.dep_ == "compound" else [])
    return any(t.pos_ == "PROPN" and t.is_title and t.ent_type_ not in ("GPE", "NORP") for t in near)


def _headline_case(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return bool(words) and sum(t.is_title for t in words) / len(words) > TITLE_CASE_SHARE


def _enables_event_noun(verb: Token, lex: Lexicon) -> bool:
    """"approved the deployment of troops", "ordered the release of prisoners": the act enabled is the event,
    coded from its noun with the verb's subject as its doer."""
    return lex.has("enabling_verb", lex.lemma(verb)) and _is_event_noun(child(verb, *OBJECT_DEPS), lex)


def verb_candidates(sent: Span, lex: Lexicon) -> list[Candidate]:
    found = []
    for tok in sent:
        if tok.pos_ not in VERB_POS or _enables_event_noun(tok, lex):
            continue
        pattern = match_verb(tok, lex)
        if pattern is not None:
            pattern = with_sense(pattern, tok, lex)
        if pattern is None:
            continue
        if _attributive(tok):
            clause = participle_clause(tok, lex)
            if clause is not None and pattern.targets[:1] == ("dobj",):
                found.append(Candidate(tok, pattern, clause[0], clause[1], confidence=0.6))
            continue
        if _describes_event_noun(tok, pattern, lex) or _descriptive_participle(tok, pattern) \
                or _named_kind_of_act(tok) or _state_participle(tok, lex) or _rule_content(tok, lex):
            continue
        found.append(_verb_frame(tok, pattern, lex))
    return found


def _verb_frame(verb: Token, pattern: Pattern, lex: Lexicon) -> Candidate:
    source = verb_subject(verb, lex)
    if source is None and verb.dep_ == "acl" and verb.tag_ != "VBG" and pattern.targets[:1] != ("dobj",):
        source = verb.head  # "troops gathered on the border": intransitive, the head noun acts
    options = [t for t in frame_targets(verb, pattern.targets, also=child(verb, *OBJECT_DEPS))
               if source is None or t.i != getattr(source, "i", -1)]
    if not options and pattern.cameo[:2] in CONTENT_TARGET_ROOTS:
        obj = child(verb, *OBJECT_DEPS)  # "expressed disappointment that Kurdish fighters had not left"
        content = child(verb, "ccomp") or (child(obj, "acl", "ccomp") if obj is not None else None)
        content_subject = verb_subject(content, lex) if content is not None else None
        party = conditioned_party(verb, lex)
        if party is not None:
            options = [party]  # "warned that troops would move in unless the militia withdrew": aimed at it
        elif content_subject is not None and not _speakers_own(content_subject, lex) \
                and content_subject.lower_ != "it":
            options = [content_subject]  # "warned that Russia may be planning...": the warning is about Russia
        elif content is not None:
            options = _doers_of_deeds(content, lex)  # "warned it would respond to any Israeli strike": Israel
    if pattern.cameo[:2] in ASKING_ROOTS:  # "demanded a Russian withdrawal from Crimea": aimed at who is to do it
        options = _asked_doer(verb, lex) + [t for t in options if not _names_event(t, lex)]
    if not options and pattern.cameo[:2] in AID_ROOTS:
        helped = purpose_beneficiary(verb, lex)
        options = [helped] if helped is not None else []
    if not options and pattern.cameo[:2] in VIOLENT_ROOTS:
        foe = purpose_foe([verb], lex)
        options = [foe] if foe is not None else []
    target = options[0] if options else None
    between = prep_object(verb, ("between",)) if pattern.reciprocal and target is None else None
    if "reverse" in pattern.flags:  # "received weapons from X": X gives, the subject receives
        source, options = (options[0] if options else None), ([source] if source is not None else [])
        target = options[0] if options else None
    return Candidate(verb, pattern, source, target, pair=[between] if between is not None else [], confidence=0.7,
                     more_targets=options[1:])


FOE_CLASSES = {"armed_actor", "state_actor"}


def _names_foe(obj: Token, lex: Lexicon) -> bool:
    """An armed or state actor, a name or people ("Isis", which the parser may tag a common noun), not a thing
    ("to weaken Iran's influence")."""
    return bool(argument_classes().of(_words(obj, lex)) & FOE_CLASSES) or actor_like(obj, lex) \
        or (obj.text[:1].isupper() and not obj.is_sent_start)


def purpose_foe(heads: list[Token | None], lex: Lexicon) -> Token | None:
    """Whom violence with no target of its own is aimed at, from what it is done for: the object of a purpose
    clause of removal or defeat ("launched an offensive into Afrin to oust the YPG", "fighting goes on to
    finish off the militants", "shelled the town in order to drive out the rebels": `foe_purpose_verb`)."""
    for head in (h for h in heads if h is not None):
        for clause in _purpose_clauses(head):
            if clause.dep_ not in ("advcl", "acl", "xcomp") or not lex.has("foe_purpose_verb", lex.lemma(clause)):
                continue
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
                obj = child(clause, "dobj", "obj")
                if obj is not None and obj.pos_ != "PRON" and _names_foe(obj, lex):
                    return obj
    return None


def _purpose_clauses(head: Token) -> list[Token]:
    """The clauses under a word, and those of its "in order to" (parsed as "in" + "order" + a clause)."""
    orders = [o for p in head.children if p.dep_ == "prep" and p.lower_ == "in"
              for o in p.children if o.dep_ == "pobj" and o.lower_ == "order"]
    return [*head.children, *(c for o in orders for c in o.children)]


ASKING_ROOTS = ("02", "10")  # appeals and demands: aimed at whoever is to do what is asked


def _names_event(target: Token | Span, lex: Lexicon) -> bool:
    return isinstance(target, Token) and _is_event_noun(target, lex)


def _asked_doer(verb: Token, lex: Lexicon) -> list[Token | Span]:
    """Who is to do an act asked for by name ("demanded a Russian withdrawal", "is seeking a UN-led
    investigation"): the doer its own phrase names, the one the appeal or demand is aimed at."""
    asked = child(verb, *OBJECT_DEPS) or prep_object(verb, ("for",))
    if asked is None or not _is_event_noun(asked, lex):
        return []
    doer = _own_source(asked, lex)
    return [doer] if doer is not None else []


def _doers_of_deeds(clause: Token, lex: Lexicon) -> list[Token | Span]:
    """The doer of the first event noun inside a clause that names its own ("an Ethiopian attack on Sudan")."""
    for token in clause.subtree:
        if token.i != clause.i and _is_event_noun(token, lex):
            doer = _own_source(token, lex)
            if doer is not None:
                return [doer]
    return []


def _speakers_own(token: Token, lex: Lexicon) -> bool:
    """"warned that his army would retaliate", "said we will respond": the speaker's own side acting is no
    target of the warning."""
    if lex.pronoun("first_person", token):
        return True
    return any(c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children)


def noun_candidates(sent: Span, lex: Lexicon, coded_verbs: dict[int, str]) -> list[Candidate]:
    found = []
    for tok in sent:
        if tok.pos_ not in NOUN_POS or tok.ent_type_ in TIME_ENTS:
            continue  # "in March", "the May Day parade's date": a word of a date names no event
        pattern = match_noun(tok, lex)
        if pattern is not None:
            pattern = with_sense(pattern, tok, lex)
        if pattern is None:
            continue
        cand = _noun_frame(tok, pattern, lex, coded_verbs)
        if cand is not None:
            found.append(cand)
    return found


def _kind_of_thing(noun: Token) -> bool:
    """An event noun that only modifies another noun names a kind of thing, not an event: "war zones",
    "war crimes charges", "beheading videos" (where the head is itself an event, "ceasefire talks", the head
    tells it)."""
    return noun.dep_ == "compound" and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i


def _content_of_coded(verb: Token, coded: set[int]) -> bool:
    """"jailed him for helping militants", "accused Russia of attacking": the gerund is the charge, part of
    the coded event, not an event of its own; so are the gerunds joined to it ("of shelling Kharkiv and
    violating the ceasefire"), even when the parser joined the second to the verb (`continued_gerund`)."""
    verb = continued_gerund(verb) or verb
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ != "pcomp" or verb.head.dep_ != "prep":
        return False
    return verb.head.head.i in coded


def _victims(noun: Token, lex: Lexicon) -> Token | None:
    """The object of a happening verb that tells more about the event noun: "the attack killed 12
    soldiers", "the attack, which wounded 12 soldiers"."""
    tellers = [c for c in noun.children if c.dep_ in ("relcl", "acl")]
    if noun.dep_ == "nsubj" and noun.head.pos_ in VERB_POS:
        tellers.append(noun.head)
    for verb in tellers:
        if lex.has("happening_verb", lex.lemma(verb)):
            obj = child(verb, *OBJECT_DEPS)
            if obj is not None:
                return obj
    return None


def _time_reference(noun: Token, lex: Lexicon) -> bool:
    """"ahead of the summit", "before the talks": the event only dates something else."""
    if noun.dep_ != "pobj":
        return False
    prep = noun.head
    return lex.has("planned_preposition", prep.lower_) or lex.has("planned_preposition", prep.head.lower_)


def _blamed_for(noun: Token, lex: Lexicon) -> Token | None:
    """"The cartel has been responsible for mass killings": who is held responsible did the deed."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "for" or not lex.has("responsible_word", prep.head.lower_):
        return None
    holder = prep.head
    if holder.dep_ in ("acomp", "amod") and holder.head.pos_ in VERB_POS:
        return verb_subject(holder.head, lex)
    return holder.head if holder.dep_ == "amod" else None


def _is_light(verb: Token, lex: Lexicon) -> bool:
    """A verb that only carries an event noun: "hold talks", "launch an attack", "planning an invasion"."""
    lemma = lex.lemma(verb)
    return lex.has("light_verb", lemma) or lex.has("planned_governor", lemma)


def _own_source(noun: Token, lex: Lexicon, pattern: Pattern | None = None) -> Token | Span | None:
    poss = child(noun, "poss")
    if poss is not None:
        return relative_antecedent(poss) if lex.has("relative_pronoun", poss.lower_) else poss
    by = prep_object(noun, ("by",)) or _doer_by_participle(noun, lex)
    if by is not None:
        return by
    of = prep_object(noun, ("of",)) if pattern is not None and "of_doer" in pattern.flags else None
    if of is not None and actor_like(of, lex):
        return of  # "the withdrawal of US forces": who goes
    mods = party_modifiers(noun, lex)
    return mods if _has_actor_words(mods) else None


MEETING_ROOT = "04"


def party_modifiers(noun: Token, lex: Lexicon) -> Span | None:
    """The modifiers of an event noun that may name its parties, without a meeting's venue: "US sanctions",
    "Russia's invasion", but not "the Tehran summit" or "the Geneva talks", held in a town."""
    mods = modifier_span(noun)
    if mods is None or not any(p.cameo[:2] == MEETING_ROOT for p in lex.nouns.get(lex.lemma(noun), ())):
        return mods
    names = [ent for ent in mods.ents if ent.label_ in ACTOR_ENTS]
    return None if names and all(names_town(ent.text) for ent in names) else mods


def _doer_by_participle(noun: Token, lex: Lexicon) -> Token | None:
    """"A bombing claimed by Islamic State", "an offensive launched by the army", "an attack blamed on the
    rebels": a participle that names who did the act; not "an attack condemned by the UN"."""
    for part in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
        lemma = lex.lemma(part)
        if lex.has("doer_participle", lemma):
            agent = passive_agent(part)
            if agent is not None:
                return agent
        if lex.has("blaming_participle", lemma):
            blamed = prep_object(part, ("on", "to"))
            if blamed is not None:
                return blamed
    return None


SHARED_DOER_ROOTS = ("03", "04", "05")  # visits, meetings, cooperation: the subject takes part in them


def _circumstance_doer(noun: Token, pattern: Pattern, lex: Lexicon) -> Token | None:
    """The doer of a cooperative event noun in the circumstance of another act: "held talks with X during a
    surprise visit to Beirut", "signed the deal on a trip to Seoul": the acting subject made the visit; and of
    a meeting with someone the act comes after ("After talks with Putin, Macron said", "Following a call with
    Kyiv, the chancellor announced"): the other side of it is who acts next. Not for violence ("soldiers died
    during an attack" did not attack) nor under a passive verb."""
    if noun.dep_ != "pobj" or pattern.cameo[:2] not in SHARED_DOER_ROOTS:
        return None
    prep = noun.head.lower_
    after_meeting = pattern.reciprocal and lex.has("past_preposition", prep) and prep_object(noun, ("with",))
    if not (lex.has("circumstance_preposition", prep) or after_meeting):
        return None
    verb = noun.head.head
    if verb.pos_ not in VERB_POS or child(verb, "nsubjpass", "auxpass") is not None:
        return None
    doer = verb_subject(verb, lex)
    if after_meeting and doer is not None and not _can_hold_talks(doer, lex):
        return None  # "After talks with Zelensky, Russian forces resumed shelling": the forces were not there
    return doer if actor_like(doer, lex) else None


def _can_hold_talks(doer: Token, lex: Lexicon) -> bool:
    """A person by name, or a state or its government ("the chancellor", "Berlin"), not troops or the press."""
    return doer.ent_type_ == "PERSON" or "state_actor" in argument_classes().of(_words(doer, lex))


def _swallowed(pattern: Pattern, verb: Token | None, coded_verbs: dict[int, str]) -> bool:
    """Whether an event noun is only the content of a coded verb ("accused Moscow of attacks", "agreed a
    ceasefire"); a hostile deed that a verbal act is about is told as an event of its own too ("condemned
    the Turkish invasion", "denounced the shelling")."""
    if verb is None or verb.i not in coded_verbs:
        return False
    return not (pattern.cameo[:2] in TOLD_DEED_ROOTS and coded_verbs[verb.i][:2] in VERBAL_ROOTS)


def _noun_frame(noun: Token, pattern: Pattern, lex: Lexicon, coded_verbs: dict[int, str]) -> Candidate | None:
    """The noun's event with its arguments, or None when the noun is only the content of a coded event."""
    if _time_reference(noun, lex) or _kind_of_thing(noun):
        return None
    head = noun.head
    light = None
    if noun.dep_ in LIGHT_DEPS and head.pos_ in VERB_POS and head.i != noun.i and head.i in coded_verbs:
        if _swallowed(pattern, head, coded_verbs):
            return None
        return _told_deed(noun, pattern, lex, head)
    carried_in = noun.dep_ == "pobj" and head.lower_ == "in" and head.head.pos_ in VERB_POS \
        and (_is_light(head.head, lex) or lex.has("copula", lex.lemma(head.head))) and head.head.i not in coded_verbs
    if carried_in:
        head = head.head  # "participating in a hunger strike", "engaged in talks", "is in negotiations with"
        noun_dep = "dobj"
    else:
        noun_dep = noun.dep_
    if noun_dep in LIGHT_DEPS and head.pos_ in VERB_POS and head.i != noun.i and (carried_in or _is_light(head, lex)):
        light = head
        source = passive_agent(head) if noun_dep == "nsubjpass" else verb_subject(head, lex)
        if source is None or source.i == noun.i or _is_event_noun(source, lex):
            source = _own_source(noun, lex, pattern)
        confidence = 0.65
    elif noun.dep_ in ("nsubj", "ROOT") or head.i == noun.i:
        source, confidence = _own_source(noun, lex, pattern), 0.55
    elif (blamed := _blamed_for(noun, lex)) is not None:
        source, confidence = blamed, 0.6
    else:
        gov = governing_verb(noun)
        if _swallowed(pattern, gov, coded_verbs):
            return None
        if gov is not None and gov.i in coded_verbs:
            return _told_deed(noun, pattern, lex, gov)
        source, confidence = _own_source(noun, lex, pattern) or _circumstance_doer(noun, pattern, lex), 0.5
        attached = source is not None or frame_target(noun, pattern.targets) is not None \
            or prep_object(noun, ("between", "with")) is not None or _means_of_happening(noun, lex)
        if not attached:
            return None  # a bare mention ("a pause in the bombing") tells no event of its own
    target = frame_target(noun, pattern.targets, also=light)
    if "framed" in pattern.flags and light is None and target is None:
        return None  # "the Nazi threat", "the threat of Isis": a danger named, not a threat made
    if target is None and noun.dep_ == "pobj" and lex.has("happening_verb", lex.lemma(noun.head.head)):
        target = verb_object(noun.head.head)  # "eight people were killed in an air strike": the victims
        if target is None and lex.has("victim_subject", lex.lemma(noun.head.head)) \
                and pattern.cameo[:2] in VIOLENT_ROOTS:
            target = child(noun.head.head, "nsubj")  # "five civilians died in the shelling", not "in the march"
    if target is None:
        target = _victims(noun, lex)
    if target is None and pattern.cameo[:2] in VIOLENT_ROOTS:
        target = purpose_foe([noun, light or (noun.head if noun.dep_ == "nsubj" else None)], lex)
    if target is None and pattern.cameo[:2] in CONTENT_TARGET_ROOTS:
        target = _content_party(noun, lex)
    if isinstance(source, Token) and target is not None and target.i == source.i:
        target = None
    between = prep_object(noun, ("between", "among"))
    if between is None and pattern.reciprocal:
        members = prep_object(noun, ("of",))  # "a summit of Turkey, Russia and Iran"
        between = members if members is not None and actor_like(members, lex) else None
    if between is None and light is not None:
        between = prep_object(light, ("between",))
    pair: list[Token | Span] = [between] if between is not None else []
    mods = party_modifiers(noun, lex)
    pieces = hyphen_pieces(mods)
    if pattern.reciprocal and len(pieces) > 1 and not pair:
        pair = list(pieces)  # "the NATO-Russia Council meeting", "US-China talks": both sides named
        if isinstance(source, Span) and mods is not None and (source.start, source.end) == (mods.start, mods.end):
            source = None
    elif target is None and source is not None and light is not None and _has_actor_words(mods) \
            and not isinstance(source, Span):
        target = mods  # "Russia convened a NATO summit": the other side is in the name
    return Candidate(noun, pattern, source, target, pair=pair, light=light, confidence=confidence,
                     background=_dates_sentence(noun, lex))


def _content_party(noun: Token, lex: Lexicon) -> Token | None:
    """Whom a demand, call or warning named by a noun is about: the subject of its clause ("its demand that the
    US lift sanctions", "a call for Washington to end the embargo")."""
    content = child(noun, "acl", "ccomp") or next(
        (c for p in noun.children if p.dep_ == "prep" and p.lower_ == "for"
         for c in p.children if c.dep_ in ("pcomp", "pobj") and c.pos_ in ("VERB", "AUX")), None)
    subject = child(content, "nsubj", "nsubjpass") if content is not None else None  # a clause of its own, not
    return subject if subject is not None and not _speakers_own(subject, lex) else None  # "a ceremony held by X"


def _told_deed(noun: Token, pattern: Pattern, lex: Lexicon, act: Token) -> Candidate | None:
    """A hostile deed named as what a verbal act is about ("condemned the Turkish invasion of Syria"): its own
    doer and target from its own phrase, or nothing when it names no party; it happened whatever the act's
    own mood ("summoned the envoy to complain about a raid")."""
    source = _own_source(noun, lex, pattern)
    target = frame_target(noun, pattern.targets)
    if source is None and target is None:
        return None
    return Candidate(noun, pattern, source, target, confidence=0.5, background=_dates_sentence(noun, lex),
                     told_by=act)


def _means_of_happening(noun: Token, lex: Lexicon) -> bool:
    """"six soldiers were killed in an ambush", "wounded by sniper fire": the noun is the event the happening
    verb only tells more about (`_describes_event_noun` drops that verb), so it stands with the victims as
    its target even with no doer named."""
    verb = noun.head.head if noun.dep_ == "pobj" and is_means_preposition(noun.head, noun, lex) else None
    return verb is not None and verb.pos_ in VERB_POS and lex.has("happening_verb", lex.lemma(verb)) \
        and noun.head.dep_ in ("prep", "agent")  # any of its means phrases: "In March, ... killed in an ambush"


def _dates_sentence(noun: Token, lex: Lexicon) -> bool:
    """"after the Bali bombing", "since the invasion": an earlier event named to date what the sentence
    tells."""
    if noun.dep_ != "pobj" or not lex.has("past_preposition", noun.head.lower_):
        return False
    return not any(lex.has("recent_day", t.lower_) for t in noun.subtree)  # "after talks on Tuesday": news


def hyphen_pieces(span: Span | None) -> list[Span]:
    """A modifier span cut at hyphens between names: "NATO-Russia Council" gives "NATO" and "Russia Council"."""
    if span is None:
        return []
    pieces, start = [], span.start
    for tok in span:
        if tok.text in ("-", "–") and start < tok.i:
            pieces.append(span.doc[start:tok.i])
            start = tok.i + 1
    pieces.append(span.doc[start:span.end])
    named = [p for p in pieces if len(p) and _has_actor_words(p)]
    return named if len(named) == len(pieces) else []


def detect(sent: Span, lex: Lexicon) -> list[Candidate]:
    """All event candidates of a sentence: verbs first, then nouns not swallowed by a coded verb."""
    verbs = verb_candidates(sent, lex)
    coded = {c.trigger.i for c in verbs if not c.pattern.speech}
    verbs = [c for c in verbs if not _content_of_coded(c.trigger, coded)]
    coded = {c.trigger.i: c.pattern.cameo for c in verbs if not c.pattern.speech}
    return [c for c in verbs + noun_candidates(sent, lex, coded) if not inside_name(c.trigger)]

