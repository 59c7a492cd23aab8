"""Reported speech: which verbs in a sentence report what someone said, and who said it.

"X said Y" codes the reported event Y with X as its attribution; the speech verb itself becomes a statement
event (CAMEO 010) only when nothing codable was reported. Quotes are attributed the same way, since the
parser hangs the quoted clause under "said".
"""

from __future__ import annotations

from collections.abc import Container

from spacy.tokens import Span, Token

from ..when_where.dates import date_words
from .frames import child, verb_subject
from .lexicon import Lexicon

CONTENT_DEPS = ("ccomp", "parataxis")


def speech_verbs(sent: Span, lex: Lexicon) -> dict[int, Token]:
    """Speech verbs of the sentence, by token index."""
    found = {}
    for tok in sent:
        if tok.pos_ in ("VERB", "AUX") and any(p.speech for p in lex.verbs.get(lex.lemma(tok), ())):
            found[tok.i] = tok
    return found


def speech_content_root(verb: Token, speech: Container[int] = ()) -> Token | None:
    """The root of what the speech verb reports: its clausal complement, or the quote it is attached to (not
    when that head is itself a speech verb reporting this one: "said they hoped ...")."""
    content = child(verb, *CONTENT_DEPS)
    if content is not None:
        return content
    if verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i and verb.head.i not in speech:
        return verb.head
    return _content_hung_on_a_noun(verb)


def _content_hung_on_a_noun(verb: Token) -> Token | None:
    """"warned shortly after Trump's announcement that his actions would cause instability": a that-clause the
    parser hung on the noun of the speech verb's time phrase is what the verb says, since a speech verb with
    nothing said has no other content."""
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in date_words()["circumstance_preposition"]):
        noun = child(prep, "pobj")
        clause = child(noun, "acl", "ccomp") if noun is not None else None
        if clause is not None and clause.pos_ in ("VERB", "AUX") \
                and any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children):
            return clause
    return None


def speaker_token(verb: Token, lex: Lexicon) -> Token | None:
    return verb_subject(verb, lex)


def reporting_verb(token: Token, speech: dict[int, Token]) -> Token | None:
    """The speech verb whose report contains `token`, the nearest one when reports are nested ("X said Y
    hoped Z would ...": Z is reported by "hoped")."""
    by_content: dict[int, Token] = {}
    for verb in speech.values():
        content = speech_content_root(verb, speech)
        if content is not None and content.i != verb.i:
            by_content.setdefault(content.i, verb)
    for node in [token, *token.ancestors]:
        verb = by_content.get(node.i)
        if verb is None or verb.i == token.i:
            continue
        if verb.head.i == node.i and (token.i == verb.i or _dominates(verb, token)):
            continue  # "..., the minister said": the speaker's own clause is not part of the quote
        return verb
    return None


def _dominates(top: Token, token: Token) -> bool:
    return top.left_edge.i <= token.i <= top.right_edge.i and any(a.i == top.i for a in token.ancestors)


def according_to(sent: Span) -> Token | None:
    """The source named by "according to X", which attributes the whole sentence."""
    for tok in sent:
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            if to is not None:
                return child(to, "pobj")
    return None



def warning_verb(token: Token, speech: dict[int, Token], lex: Lexicon) -> Token | None:
    """The verb of warning or vowing whose clause holds the token ("warned that its army would retake ...",
    "vowed the army would drive them out"), not past another speech verb."""
    for node in token.ancestors:
        if node.i in speech:
            return None
        if node.pos_ in ("VERB", "AUX") and (lex.has("judging_speech", lex.lemma(node))
                                             or lex.has("vow_verb", lex.lemma(node))):
            return node
    return None
