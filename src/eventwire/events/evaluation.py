"""Evaluations: an actor judging another's deed or words is disapproval (CAMEO 11x), whatever verb carries it.

A careful coder types a statement by what is said, not by its verb: "Estonia called the overflight a
deliberate provocation", "Seoul described the launch as a grave threat", "the ambassador said Washington's
remarks were irresponsible", "Kenya said it was disappointed by Uganda's decision" and "the SNC is unhappy that
the UN announced ..." all criticise or disapprove of someone. Three constructions carry a judgement:

* a labelling verb ("call", "describe", "brand") whose object is given a negative label;
* a clause a speaker reports whose predicate judges its subject ("... were irresponsible", "... was a violation",
  "... had made a serious mistake", "...'s actions would cause instability");
* an attitude word ("disappointed", "unhappy", "angered") whose holder is the judge and whose cause, the
  by/with/at-phrase or the that-clause, is what is judged.

The words are data (`data/lexicon/evaluation.csv`: `word, kind` with kind `judgement`, `attitude`, `harm`, judging
only as what a party's doing causes ("instability", "chaos"), or `deed`, a verb that tells a reported deed as
done in bad faith ("Moscow was sabotaging the talks", "is obstructing the inquiry")); the
judged party is the subject or object the construction names, resolved by the actor resolver like any other
argument (a thing's owner: "Washington's remarks", "the Ghanaian move").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span, Token

from ..ontology import read_csv
from .arguments import NAME_ENTS, author_of_thing, named_party
from .detect import Candidate
from .frames import child, verb_subject
from .lexicon import Lexicon, Pattern
from .speech import speech_content_root, speech_verbs

JUDGEMENT_CODE = "111"  # criticize or denounce
ATTITUDE_CODE = "110"  # disapprove
PREDICATE_DEPS = ("attr", "acomp", "oprd", "ccomp", "xcomp")
MODIFIER_DEPS = ("amod", "compound", "conj", "advmod")
CAUSE_PREPS = ("by", "with", "at", "over", "about", "of")
NO_PARTY = ("it", "this", "that", "there", "which", "what", "these", "those")
SUBJECT_DEPS = ("nsubj", "nsubjpass")
HOSTILE_ROOTS = ("13", "17", "18", "19", "20")  # threats, coercion, assaults, fighting, mass violence
OPEN_QUOTES = ('"', "\u201c")
CLOSE_QUOTES = ('"', "\u201d")


@cache
def evaluative_words() -> dict[str, str]:
    """word → kind ("judgement" or "attitude")."""
    return {r["word"].strip().lower(): r["kind"].strip() for r in read_csv("lexicon", "evaluation.csv")}


@dataclass
class Evaluation:
    """One judgement: the token that carries the act, the judge (None: the speaker of `trigger`), the judged
    party's head, the evaluative word, and the code."""

    trigger: Token
    judge: Token | None
    judged: Token | None
    word: Token
    code: str
    quoted: bool = False  # told in a quote with no speech verb: the judge is whoever speaks the quote


def _kind(token: Token, lex: Lexicon) -> str | None:
    words = evaluative_words()
    return words.get(token.lower_) or words.get(lex.lemma(token))


def _negated(token: Token) -> bool:
    return any(c.dep_ == "neg" for c in token.children)


def _judging_word(head: Token, lex: Lexicon, kinds: tuple[str, ...] = ("judgement",)) -> Token | None:
    """The head itself or a modifier of it that judges: "a violation", "a blatant violation", "irresponsible and
    dangerous", "a serious mistake", or a hostile act named of what is no act ("an assault on our independence",
    "a threat to peace": the label is the judgement); not under a negation ("is not illegal")."""
    if _negated(head):
        return None
    for token in [head, *(c for c in head.children if c.dep_ in MODIFIER_DEPS)]:
        if (_kind(token, lex) in kinds or _hostile_noun(token, lex)) and not _negated(token):
            return token
    return None


def _hostile_noun(token: Token, lex: Lexicon) -> bool:
    return token.pos_ == "NOUN" and any(p.cameo[:2] in HOSTILE_ROOTS for p in lex.nouns.get(lex.lemma(token), ()))


def _party(token: Token | None, lex: Lexicon) -> Token | None:
    """The judged party's head, or None for an expletive or a bare demonstrative ("it was a mistake")."""
    if token is None or token.lower_ in NO_PARTY:
        return None
    return author_of_thing(token, lex)  # "the launch by North Korea": North Korea


def clause_judgement(root: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """(evaluative word, judged party) when a clause's predicate judges its subject: "X's remarks were
    irresponsible", "the move was a violation of sovereignty", "the envoy had made a serious mistake"."""
    subject = child(root, *SUBJECT_DEPS)
    if subject is None:
        return None
    if _negated(root):
        return _disregard(root, subject, lex)
    deed = _bad_faith_deed(root, lex)
    if deed is not None:
        return _deed_judged(deed, subject, lex)
    if lex.has("copula", lex.lemma(root)):
        if _forecast(root, subject, lex):
            return None
        slots = [c for c in root.children if c.dep_ in ("attr", "acomp", "oprd")]
    elif lex.has("judged_deed_verb", lex.lemma(root)):
        slots = [c for c in root.children if c.dep_ in ("dobj", "obj")]
    elif lex.has("harm_verb", lex.lemma(root)):  # "X's actions would cause instability", "... lead to chaos"
        if not _someones(subject, lex):
            return None  # "the drought would cause a disaster" blames no one
        slots = [c for c in root.children if c.dep_ in ("dobj", "obj")] + [
            g for c in root.children if c.dep_ == "prep" and c.lower_ == "to" for g in c.children if g.dep_ == "pobj"]
    elif root.pos_ == "ADJ":
        slots = [root]
    else:
        return None
    told_act = lex.lemma(subject) in lex.nouns  # "the bombing was an attack on civilians" judges no one
    kinds = ("judgement", "harm") if lex.has("harm_verb", lex.lemma(root)) else ("judgement",)
    for slot in slots:
        word = _judging_word(slot, lex, kinds)
        judged = _party(subject, lex)
        if word is not None and judged is not None and not (told_act and _hostile_noun(word, lex)):
            return word, judged
    return None


CHAIN_DEPS = ("xcomp", "acomp", "oprd", "prep", "pcomp", "conj")  # the clause's own verb chain


def _bad_faith_deed(root: Token, lex: Lexicon) -> Token | None:
    """The verb of a bad-faith deed (`deed` in evaluation.csv) the clause tells its subject doing: the root itself
    ("Moscow was sabotaging the talks") or a verb down its chain with no subject of its own ("seems intent on
    delaying the vote and manipulating the count", "keeps trying to undermine the truce", "..., stalling and
    obstructing the inquiry")."""
    stack = [root]
    while stack:
        token = stack.pop()
        if token.pos_ == "VERB" and _kind(token, lex) == "deed" and not _negated(token):
            return token
        stack.extend(c for c in token.children if (c.dep_ in CHAIN_DEPS or _participle_clause(c))
                     and not any(g.dep_ in SUBJECT_DEPS for g in c.children))
    return None


def _disregard(verb: Token, subject: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """"The regime does not care about civilians", "Moscow does not respect international law": a party said not
    to care for, respect or heed what it should (`disregard` in evaluation.csv) is judged by the teller."""
    if _kind(verb, lex) != "disregard" or verb.pos_ != "VERB":
        return None
    return _deed_judged(verb, subject, lex)


def _participle_clause(token: Token) -> bool:
    """", slowing the talks": a participle with no subject or conjunction goes on telling the subject's doing."""
    return token.dep_ == "advcl" and token.tag_ == "VBG" and not any(c.dep_ == "mark" for c in token.children)


def _deed_judged(verb: Token, subject: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """"Moscow was sabotaging the grain deal", "Belgrade is obstructing the inquiry": a verb that tells a deed as done
    in bad faith judges its doer, when the doer is a party or a party's doing ("the drought is undermining the
    harvest" blames no one)."""
    judged = _party(subject, lex)
    if judged is None or not _someones(subject, lex):
        return None
    return verb, judged


FORECAST_MODALS = ("future_modal", "hypothetical_modal")


def _forecast(copula: Token, subject: Token, lex: Lexicon) -> bool:
    """"Isis will remain a serious threat", "the militia could stay a danger": what a party will be is a
    forecast (a pessimistic comment), not a judgement of its deeds; "the move would be a violation" judges
    the move's author all the same."""
    return named_party(subject) and any(
        c.dep_ == "aux" and any(lex.has(role, c.lower_) for role in FORECAST_MODALS) for c in copula.children)


def _someones(subject: Token, lex: Lexicon) -> bool:
    """Whether a subject is a party or a party's doing ("Uganda", "Uganda's policy", "the Ethiopian dam", "the plan
    by Kenya"), not a happening of no one's ("the drought")."""
    author = author_of_thing(subject, lex)
    return (author is not None and author.i != subject.i) or subject.pos_ == "PRON" \
        or any(t.ent_type_ in NAME_ENTS for t in subject.subtree if t.i <= subject.i)


def attitude(word: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """(holder, cause) of an attitude word: "X was disappointed by Y's decision", "X is unhappy that Y
    announced", "X, angered by Y"."""
    if _kind(word, lex) != "attitude" or _negated(word):
        return None
    holder = child(word, *SUBJECT_DEPS)
    if holder is None and word.dep_ in ("acomp", "attr", "oprd"):
        holder = child(word.head, *SUBJECT_DEPS)
    if holder is None and word.dep_ == "acl":
        holder = word.head  # "Turkey, angered by the vote, ..."
    cause = None
    for c in word.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in CAUSE_PREPS:
            cause = child(c, "pobj")
        elif c.dep_ == "ccomp":
            cause = child(c, *SUBJECT_DEPS)
        if cause is not None:
            break
    judged = _party(cause, lex)
    return (holder, judged) if holder is not None and judged is not None else None


def labelled(verb: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """(evaluative word, labelled party) of a labelling verb: "called the overflight a provocation", "described
    the launch as a grave threat", "branded the sanctions illegal"."""
    if not lex.has("label_verb", lex.lemma(verb)) or _negated(verb):
        return None
    labelled_head = child(verb, "dobj", "obj")
    if labelled_head is None:
        clause = child(verb, "ccomp", "xcomp", "oprd")
        labelled_head = child(clause, *SUBJECT_DEPS) if clause is not None else None
    candidates = [t for t in verb.subtree if t.i > verb.i and t.dep_ not in ("relcl", "advcl")]
    word = next((t for t in candidates if (_kind(t, lex) == "judgement" or _hostile_noun(t, lex))
                 and not _negated(t) and (labelled_head is None or t.i != labelled_head.i)), None)
    judged = _party(labelled_head, lex)
    if word is None or judged is None or word.i < judged.i:
        return None
    return word, judged


def evaluations(sent: Span, speech: dict[int, Token], lex: Lexicon) -> list[Evaluation]:
    """Every judgement the sentence tells, each once."""
    found: dict[int, Evaluation] = {}
    for token in sent:
        pair = labelled(token, lex)
        if pair is not None:
            found.setdefault(token.i, Evaluation(token, None, pair[1], pair[0], JUDGEMENT_CODE))
            continue
        held = attitude(token, lex)
        if held is not None:
            found.setdefault(token.i, Evaluation(token, held[0], held[1], token, ATTITUDE_CODE))
    for verb in _judging_speech(sent, speech, lex):
        content = _what_is_known(speech_content_root(verb, speech), lex)
        if content is None or content.i in found:
            continue
        judged = clause_judgement(content, lex)
        if judged is not None:
            found.setdefault(verb.i, Evaluation(verb, None, judged[1], judged[0], JUDGEMENT_CODE))
    if not speech and not found and standalone_quote(sent):
        content = _what_is_known(sent.root, lex)
        judged = clause_judgement(content, lex) if content is not None else None
        if judged is not None:
            found[content.i] = Evaluation(content, None, judged[1], judged[0], JUDGEMENT_CODE, quoted=True)
    return list(found.values())


def standalone_quote(sent: Span) -> bool:
    """'"Moscow is sabotaging the talks."': a sentence that is all quote, with no one said to say it in it; its
    speaker is named beside it (`EventCoder._quote_speaker`)."""
    text = sent.text.strip()
    return len(text) > 2 and text[:1] in OPEN_QUOTES and text.rstrip(".!?")[-1:] in CLOSE_QUOTES


def _what_is_known(content: Token | None, lex: Lexicon) -> Token | None:
    """"We know that they do not care about civilians", "I believe Moscow is sabotaging the talks": what the
    speakers say they know or believe is what they say; the clause under it is judged."""
    if content is None or not lex.has("knowing_verb", lex.lemma(content)):
        return content
    subject = child(content, *SUBJECT_DEPS)
    known = child(content, "ccomp")
    if subject is None or known is None or not lex.pronoun("first_person", subject) or _negated(content):
        return content
    return known


def _judging_speech(sent: Span, speech: dict[int, Token], lex: Lexicon) -> list[Token]:
    """Speech verbs, and verbs of warning, whose content may judge."""
    extra = [t for t in sent if t.pos_ in ("VERB", "AUX") and lex.has("judging_speech", lex.lemma(t))]
    return list(speech.values()) + [t for t in extra if t.i not in speech]



def with_evaluations(candidates: list[Candidate], sent: Span, lex: Lexicon) -> list[Candidate]:
    """The sentence's candidates with its judgements: a judgement carried by a verb that is already a candidate
    (a statement "said", a warning) retypes it; any other becomes a candidate of its own."""
    speech = speech_verbs(sent, lex)
    found = list(candidates)
    judgements = evaluations(sent, speech, lex)
    labels = {ev.word.i for ev in judgements if ev.word.i != ev.trigger.i}
    found = [c for c in found if c.trigger.i not in labels]  # "called it a threat": a label, not a threat made
    by_trigger = {c.trigger.i: k for k, c in enumerate(found)}
    for ev in judgements:
        k = by_trigger.get(ev.trigger.i)
        old = found[k].pattern if k is not None else None
        pattern = Pattern(lex.lemma(ev.trigger), ev.code, "verb", targets=("none",)) if old is None \
            else replace(old, cameo=ev.code, flags=old.flags - {"speech"})
        judge = ev.judge if ev.judge is not None or ev.quoted else verb_subject(ev.trigger, lex)
        cand = Candidate(ev.trigger, pattern, judge, ev.judged, confidence=0.6, by_quote_speaker=ev.quoted)
        if k is None:
            found.append(cand)
        else:
            found[k] = cand
    return sorted(found, key=lambda c: c.trigger.i)
