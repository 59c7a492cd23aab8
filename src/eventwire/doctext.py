"""What the stages read of a Doc again and again, built once: its text, and any per-sentence value.

spaCy's `Doc.text` is no stored string: every read joins the text of every token, creating a Python object
per token. The coder slices the document's text by character offsets many times per sentence (actor phrases,
triggers, quotes), so on a long paragraph these reads cost more than the slicing. `doc_text` keeps the
string for as long as the Doc lives; a Doc's text never changes (retokenising merges tokens, not text).
`copy_tokens` makes a new Doc of a run of tokens from that text; `per_sentence` remembers a function's value
for the last sentence asked about, for the stages that ask the same of one sentence for each of its events.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar
from weakref import WeakKeyDictionary

from spacy.attrs import IDX, LENGTH, NORM, SPACY
from spacy.tokens import Doc, Span

T = TypeVar("T")

_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed on the first call for this Doc only."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text


def known_text(doc: Doc, text: str) -> Doc:
    """The Doc, with `text` kept as its text for `doc_text`: for a Doc made of that very text (the tokenizer
    keeps every character, so `doc.text == text`), or joined from pieces that were."""
    _TEXTS[doc] = text
    return doc


def copy_tokens(doc: Doc, start: int, end: int) -> Doc:
    """A new Doc of tokens `start:end` with their text, spacing and norms (`Span.as_doc` also averages word
    vectors, which costs more than the rest of the first pass). The norms are the tokenizer's: its exceptions
    give "n’t" the norm "not" and "’re" "are", and the model's features read norms, so a copy without them
    is tagged and parsed differently from the text it was cut from ("Don’t overburden" read as an adjective)."""
    columns = doc.to_array([IDX, LENGTH, SPACY, NORM])[start:end]
    offsets, lengths, spaces = columns[:, :3].T.tolist()
    text = doc_text(doc)
    words = [text[a:a + n] for a, n in zip(offsets, lengths, strict=True)]
    copy = Doc(doc.vocab, words=words, spaces=[bool(s) for s in spaces])
    copy.from_array([NORM], columns[:, 3:])
    return copy


def per_sentence(fn: Callable[[Span], T]) -> Callable[[Span], T]:
    """Remember fn(sent) for the last sentence seen: the event stage codes several events per sentence,
    and each asks for the same candidates. Holds on to that one Doc only."""
    last: list = [None, -1, -1, None]

    @wraps(fn)
    def wrapper(sent: Span) -> T:
        if last[0] is sent.doc and last[1] == sent.start and last[2] == sent.end:
            return last[3]
        value = fn(sent)
        last[:] = [sent.doc, sent.start, sent.end, value]
        return value

    return wrapper
