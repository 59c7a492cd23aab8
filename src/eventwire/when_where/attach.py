"""Which words of a sentence belong to an event: dependency attachment within the trigger's clause.

A date, place or figure modifies the event whose clause it hangs in: "held a call Wednesday" dates the
call, but in "announced on Tuesday that the meeting will be held on Jan. 12" Tuesday dates the announcement
and Jan. 12 the meeting. So we walk up from the trigger to the head of its clause (the *chain*), and a
candidate word belongs to the event when walking up from it reaches the chain without leaving its own clause.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..doctext import per_sentence

# Dependencies that start a clause of their own (with its own event, time and place).
CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "parataxis", "csubj", "csubjpass", "acl:relcl"})
# Dependencies that start a clause only when the dependent has a subject of its own ("X met Y and Z left").
SHARED_WHEN_SUBJECTLESS = frozenset({"conj", "acl"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# Clauses that describe the trigger noun itself ("the attack that happened on Monday") count as its own.
NOUN_MODIFIER_CLAUSES = frozenset({"relcl", "acl"})


def has_subject(token: Token) -> bool:
    return any(child.dep_ in SUBJECT_DEPS for child in token.children)


def has_marker(token: Token) -> bool:
    return any(child.dep_ == "mark" for child in token.children)


def opens_clause(token: Token) -> bool:
    """Whether the token heads a clause of its own, so its dependents are not its head's. A participle
    with neither subject nor conjunction ("..., killing two soldiers") still tells the same event."""
    if token.dep_ == "advcl" and token.tag_ == "VBG" and not has_subject(token) and not has_marker(token):
        return False
    if token.dep_ == "advcl" and not has_subject(token) and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                 for c in token.children):
        return False  # "took to the streets on Saturday to protest": the purpose is told with the act
    if token.dep_ in CLAUSE_DEPS or (token.dep_ == "pcomp" and token.tag_ == "VBG"):
        return True  # a gerund after a preposition ("blamed X for supporting ...") is an event of its own
    return token.dep_ in SHARED_WHEN_SUBJECTLESS and token.pos_ in ("VERB", "AUX") and has_subject(token)


def trigger_token(sent: Span, trigger_span: tuple[int, int] | None, unit_start: int) -> Token | None:
    """The syntactic head of the trigger, found from its document offsets within the sentence."""
    if trigger_span is None:
        return None
    start = max(trigger_span[0] - unit_start, sent.start_char)
    end = min(trigger_span[1] - unit_start, sent.end_char)
    if start >= end:
        return None
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def clause_chain(trigger: Token) -> dict[int, int]:
    """Token index → distance for the trigger and its heads up to the head of the trigger's clause."""
    chain = {trigger.i: 0}
    current = trigger
    while not opens_clause(current) and current.head.i != current.i:
        current = current.head
        chain[current.i] = len(chain)
    return chain


def attachment_distance(token: Token, trigger: Token, chain: dict[int, int],
                        max_steps: int | None = None) -> int | None:
    """How far the token hangs from the event (steps up plus chain distance), or None when it hangs in
    another clause and so belongs to another event (or more than max_steps below the event's clause)."""
    steps = 0
    current = token
    while max_steps is None or steps <= max_steps:
        if current.i in chain:
            return steps + chain[current.i]
        at_root = current.head.i == current.i
        describes_trigger = current.head.i == trigger.i and current.dep_ in NOUN_MODIFIER_CLAUSES
        if at_root or (opens_clause(current) and not describes_trigger):
            return None
        current = current.head
        steps += 1
    return None


@per_sentence
def tokens_of(sent: Span) -> list[Token]:
    """The sentence's tokens, made once (spaCy builds a new Token object on every access)."""
    return list(sent)


@per_sentence
def ents_of(sent: Span) -> list[Span]:
    """The sentence's entities, made once."""
    return list(sent.ents)


def token_ids(spans: list[Span]) -> set[int]:
    return {i for span in spans for i in range(span.start, span.end)}
