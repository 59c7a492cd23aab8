"""The speed-ups that must not change a thing: the memoised attribute ruler over batches of Docs and the
memoised lemmatizer give spaCy's own output, the relevance count read from whole Docs equals the count
read token by token, and a Doc's cached text is its text. Real spaCy pipeline, real texts (the package's
samples and the test reports)."""

from __future__ import annotations

import gc

from test_selection import sample_articles

from eventwire.doctext import _TEXTS, doc_text
from eventwire.lemma_memo import MemoLemmatizer
from eventwire.relevance import Words, term_counts
from eventwire.ruler_memo import MemoRuler

ATTRS = ["POS", "TAG", "MORPH", "LEMMA", "DEP", "HEAD"]


def texts() -> list[str]:
    return [line for a in sample_articles() for line in a.text.splitlines() if line.strip()]


def test_memoised_ruler_over_batches_gives_the_rulers_output(nlp):
    """Docs of every length in one batch (a single token among them: the first and the last token of a Doc
    have a neighbour on one side only, and must not be taken for each other), cold and then from memory."""
    ruler = nlp.get_pipe("attribute_ruler")
    memo = MemoRuler.wrap(ruler)
    before = list(nlp.pipe(texts() + ["Yes", "He said so."], disable=["attribute_ruler", "lemmatizer", "ner"]))
    stock = [ruler(d.copy()) for d in before]
    for batch_size in (1, 7, 64):
        ours = list(memo.pipe([d.copy() for d in before], batch_size=batch_size))
        for a, b in zip(stock, ours, strict=True):
            assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all()
    assert 0 < len(memo.kept) < sum(len(d) for d in before)  # it learned keys, fewer than there are tokens


def test_memoised_lemmatizer_gives_the_lemmatizers_output(nlp):
    lemmatizer = nlp.get_pipe("lemmatizer")
    memo = MemoLemmatizer.wrap(lemmatizer)
    assert memo is not None
    before = list(nlp.pipe(texts(), disable=["lemmatizer", "ner"]))
    assert any(t.lemma for d in before for t in d)  # the attribute ruler gave some lemmas: they stay
    stock = [lemmatizer(d.copy()) for d in before]
    for _ in range(2):  # cold, then from memory
        ours = list(memo.pipe([d.copy() for d in before]))
        for a, b in zip(stock, ours, strict=True):
            assert [t.lemma_ for t in a] == [t.lemma_ for t in b]
    assert memo.kept


def test_a_lemmatizer_it_does_not_know_is_left_alone(nlp):
    assert MemoLemmatizer.wrap(nlp.get_pipe("ner")) is None


def test_relevance_terms_read_from_docs_equal_those_read_token_by_token(pipeline):
    """Over selected parses, where some sentences have lemmas and tags and others only tokens."""
    compared = 0
    for parsed in pipeline.parse(sample_articles()):
        docs = [u.doc for u in parsed.units if u.doc is not None]
        tokens = [t for d in docs for t in d]
        assert term_counts(Words.of_docs(docs)) == term_counts(tokens)
        compared += bool(term_counts(tokens))
    assert compared >= 3


def test_doc_text_is_the_text_and_lets_the_doc_go(nlp):
    doc = nlp.make_doc("Troops  entered the town.\tResidents fled.")
    assert doc_text(doc) == doc.text and doc_text(doc) is doc_text(doc)
    kept = len(_TEXTS)
    del doc
    gc.collect()
    assert len(_TEXTS) == kept - 1


def test_the_text_kept_for_each_unit_is_its_docs_text(pipeline):
    """`known_text` spares joining a unit's tokens again: the text it keeps is the Doc's own, whether the unit
    was parsed whole, in pieces joined back, or not at all."""
    from eventwire.model import Article

    text = ("GAZA CITY: Shops stayed shut.  Troops shelled the town on Monday. The weather was cold.\n"
            "It rained all week in the hills.\n"
            "Rebels attacked a convoy near Idlib, officials said.")
    [parsed] = pipeline.parse([Article(id="k", text=text, title="Fighting goes on")])
    kept = [u for u in parsed.units if u.doc in _TEXTS]
    assert len(kept) >= 3 and any(u.full for u in kept)  # pieces joined back among them
    for unit in parsed.units:
        assert doc_text(unit.doc) == unit.doc.text == unit.text
