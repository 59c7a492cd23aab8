"""A Doc's text, built once per Doc.

spaCy's `Doc.text` is no stored string: every read joins the text of every token, creating a Python object
per token. The coder slices the document's text by character offsets many times per sentence (actor phrases,
triggers, quotes), so on a long paragraph these reads cost more than the slicing. `doc_text` keeps the
string for as long as the Doc lives; a Doc's text never changes (retokenising merges tokens, not text).
"""

from __future__ import annotations

from weakref import WeakKeyDictionary

from spacy.tokens import Doc

_TEXTS: WeakKeyDictionary[Doc, str] = WeakKeyDictionary()


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed on the first call for this Doc only."""
    text = _TEXTS.get(doc)
    if text is None:
        text = _TEXTS[doc] = doc.text
    return text
