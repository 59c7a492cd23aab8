"""spaCy's rule lemmatizer, memoised across Docs: the same lemmas without a Python `Token` per word.

The English pipelines' `Lemmatizer` visits every token in Python: it makes a `Token` object, reads its text,
part of speech and morphology, looks them up in its own cache and sets `lemma_` through the string store.
That costs as much as the dependency parser. Its answer depends on nothing but the word, its part of speech
and its morphology (the very key of spaCy's own cache), so `MemoLemmatizer` reads those three as numbers
for a whole Doc at once, asks the real lemmatizer only for a combination it has not seen, and writes the
lemmas back in one `Doc.from_array`. Tokens that already have a lemma (the attribute ruler gives some) keep
it, as the real component does unless it was made to overwrite them.

An unseen combination is lemmatised by `rule_lemmas`, spaCy's `rule_lemmatize` step for step except that its
word index is a set: spaCy keeps each part of speech's index as a list (57,000 nouns) and scans it for
every candidate form, which made a new word cost a third of a millisecond; each worker process meets tens
of thousands of them.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

MEMO_MODES = ("rule", "lookup")  # lemmatizer modes whose answer is a function of (word, POS, morphology)
MAX_KEYS = 500_000  # kept lemmas, at most (tens of thousands are seen on a large corpus)


class MemoLemmatizer:
    """Applies a rule or lookup `Lemmatizer` from memory, calling it only for unseen (word, POS, morph)."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self.kept: dict[tuple[int, int, int], int] = {}  # (orth, pos, morph) -> lemma id
        self.checked = False
        self.indexes: dict[str, frozenset[str]] = {}  # part of speech -> the words of its lemma index

    @classmethod
    def wrap(cls, component: object) -> MemoLemmatizer | None:
        """A memo for spaCy's own lemmatizer in a mode it understands; None for anything else."""
        if isinstance(component, Lemmatizer) and getattr(component, "mode", None) in MEMO_MODES:
            return cls(component)
        return None

    def __call__(self, doc: Doc) -> Doc:
        if not self.checked:  # the real component checks its tables on its first Doc, and says what is missing
            self.checked = True
            return self.lemmatizer(doc)
        if not len(doc):
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = rows[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        kept = self.kept
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = kept.get(key)
            if found is None:
                found = self._lemma(doc, i)
                if pos and len(kept) < MAX_KEYS:  # no POS: the real one warns each time, so ask it each time
                    kept[key] = found
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas.astype(numpy.uint64))
        return doc

    def _lemma(self, doc: Doc, i: int) -> int:
        token = doc[i]
        if self.lemmatizer.mode == "rule" and token.pos_:
            lemma = self.rule_lemmas(token)[0]
        else:  # lookups, or no part of speech (the real one warns)
            lemma = self.lemmatizer.lemmatize(token)[0]
        return doc.vocab.strings.add(lemma)

    def rule_lemmas(self, token: Token) -> list[str]:
        """spaCy's `Lemmatizer.rule_lemmatize` (3.x) with the word index looked up in a set."""
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("eol", "space") or self.lemmatizer.is_base_form(token):
            return [string.lower()]
        lookups = self.lemmatizer.lookups
        index_table = lookups.get_table("lemma_index", {})
        exc_table = lookups.get_table("lemma_exc", {})
        rules_table = lookups.get_table("lemma_rules", {})
        if not any((index_table.get(univ_pos), exc_table.get(univ_pos), rules_table.get(univ_pos))):
            return [string] if univ_pos == "propn" else [string.lower()]
        index = self._index(univ_pos, index_table)
        exceptions = exc_table.get(univ_pos, {})
        rules = rules_table.get(univ_pos, {})
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        return forms

    def _index(self, univ_pos: str, index_table) -> frozenset[str]:
        found = self.indexes.get(univ_pos)
        if found is None:
            found = self.indexes[univ_pos] = frozenset(index_table.get(univ_pos, {}))
        return found

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)
