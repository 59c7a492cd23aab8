"""spaCy's attribute ruler, memoised: the same output at a fraction of the cost.

The English pipelines map tags to parts of speech, morphology and some lemmas with an `AttributeRuler` of
about 180 token patterns. Its `Matcher` checks every pattern against every token, partly in Python, which
costs as much as the dependency parser. Yet what the ruler does to a token depends only on a few of that
token's attributes (and, for its few two-token patterns, on a few of its neighbours'), so the answer for
one combination holds for every token with the same combination.

`MemoRuler` keys each token by exactly those attributes, reduced to what the patterns can tell apart (a
word no pattern names is "any other word"), plus the token's values before the ruler. The first time a
key is seen, the real ruler runs on a small Doc of that token and its neighbours within the longest pattern
(every match that covers the token lies inside it) and the token's result is kept; the kept results are
then written in one `Doc.from_array`, a batch of Docs at a time. (Running the real ruler on the whole Doc
at a new key would send most paragraphs through it: about one token in a hundred still brings a new key
after thousands of paragraphs.) Patterns it cannot reason about (operators, predicates other than
`IN`/`NOT_IN`/`REGEX`, attributes other than a token's strings and `IS_SPACE`) leave the real ruler in charge.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.tokens import Doc

from .doctext import copy_tokens

STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "MORPH", "ENT_TYPE", "SHAPE")
FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_UPPER", "IS_TITLE", "IS_LOWER", "LIKE_NUM")
OUTPUT_ATTRS = ("POS", "TAG", "MORPH", "LEMMA", "DEP")
SET_PREDICATES = ("IN", "NOT_IN")
MAX_KEYS = 100_000  # kept results, at most (a few thousand are seen in practice)
NO_TOKEN = numpy.iinfo("uint64").max  # a neighbour beyond the Doc's ends
WINDOW_ATTRS = ("TAG", "POS", "MORPH", "LEMMA", "DEP", "NORM")  # token attributes a window Doc copies
LEXICAL_ATTRS = {"ORTH", "LOWER", "SHAPE", *FLAG_ATTRS}  # what a window's token has from its word alone


class Unsupported(ValueError):
    pass


class _Reducer:
    """What one attribute's value can tell the patterns, as a small number: the value itself when a pattern
    names it, else "other", together with which of the patterns' regular expressions it matches."""

    def __init__(self) -> None:
        self.named: set[str] = set()
        self.regexes: list[re.Pattern] = []
        self.codes: dict[int, int] = {}  # value id -> code
        self.classes: dict[tuple, int] = {}  # what a value tells -> code

    def learn(self, spec: Any) -> None:
        if isinstance(spec, str):
            self.named.add(spec)
        elif isinstance(spec, dict):
            for op, value in spec.items():
                if op in SET_PREDICATES and all(isinstance(v, str) for v in value):
                    self.named.update(value)
                elif op == "REGEX" and isinstance(value, str):
                    self.regexes.append(re.compile(value))
                else:
                    raise Unsupported(f"predicate {op}")
        else:
            raise Unsupported(f"value {spec!r}")

    def code(self, value_id: int, strings) -> int:
        found = self.codes.get(value_id)
        if found is None:
            text = strings[value_id] if value_id else ""
            told = (text if text in self.named else None, tuple(bool(r.search(text)) for r in self.regexes))
            found = self.codes[value_id] = self.classes.setdefault(told, len(self.classes) + 1)
        return found

    def column(self, values: numpy.ndarray, strings) -> numpy.ndarray:
        unique, inverse = numpy.unique(values, return_inverse=True)
        return numpy.array([self.code(v, strings) for v in unique.tolist()], dtype="uint64")[inverse]


class MemoRuler:
    """Applies an AttributeRuler's effects from memory, running the real ruler only for unseen keys."""

    def __init__(self, ruler) -> None:
        self.ruler = ruler
        patterns = [p for rule in ruler.patterns for p in rule["patterns"]]
        if not patterns:
            raise Unsupported("no patterns")
        self.width = max(len(p) for p in patterns)
        self.outputs = sorted({_attr(k) for rule in ruler.patterns for k in rule.get("attrs", {})})
        if not set(self.outputs) <= set(OUTPUT_ATTRS):
            raise Unsupported(f"outputs {self.outputs}")
        self.own = self._reducers(patterns)  # every attribute any pattern tests, for the token itself
        self.near = self._reducers([p for p in patterns if len(p) > 1])  # what multi-token patterns test
        self.own_attrs, self.near_attrs = sorted(self.own), sorted(self.near)
        self.kept: dict[bytes, numpy.ndarray] = {}  # a key's bytes -> the ruler's outputs for it
        # a window Doc carries the token attributes below; a pattern testing any other one (an entity type,
        # a sentence start) leaves new keys to the real ruler on the whole Doc
        self.windows_work = set(self.own) | set(self.outputs) <= set(WINDOW_ATTRS) | LEXICAL_ATTRS

    @classmethod
    def wrap(cls, ruler) -> MemoRuler | None:
        try:
            return cls(ruler)
        except Unsupported:
            return None

    @staticmethod
    def _reducers(patterns: list[list[dict]]) -> dict[str, _Reducer | None]:
        found: dict[str, _Reducer | None] = {}
        for pattern in patterns:
            for token in pattern:
                for key, spec in token.items():
                    attr = _attr(key)
                    if attr == "OP":
                        raise Unsupported("operators")
                    if attr in FLAG_ATTRS:
                        if not isinstance(spec, bool):
                            raise Unsupported(f"{attr} {spec!r}")
                        found[attr] = None
                    elif attr in STRING_ATTRS:
                        found.setdefault(attr, _Reducer()).learn(spec)  # type: ignore[union-attr]
                    else:
                        raise Unsupported(f"attribute {attr}")
        return found

    def __call__(self, doc: Doc) -> Doc:
        self._apply([doc])
        return doc

    def pipe(self, docs, batch_size: int = 128):
        """The Docs in order, looked up `batch_size` at a time (one set of array operations per batch rather
        than per Doc: a selected run of sentences is a short Doc)."""
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._apply(batch)
                batch = []
        yield from self._apply(batch)

    def _apply(self, docs: list[Doc]) -> list[Doc]:
        full = [doc for doc in docs if len(doc)]
        if not full:
            return docs
        lengths = [len(doc) for doc in full]
        offsets = numpy.cumsum([0, *lengths]).tolist()
        keys = self._keys(full, lengths)
        unique, first, inverse = numpy.unique(_rows(keys), return_index=True, return_inverse=True)
        names = [u.tobytes() for u in unique]
        found = [self.kept.get(name) for name in names]
        new = [k for k, f in zip(first.tolist(), found, strict=True) if f is None]
        if new and (len(self.kept) + len(new) > MAX_KEYS or not self.windows_work):
            for k, doc in enumerate(full):
                self._run_ruler(doc, keys[offsets[k]:offsets[k + 1]])
            return docs
        for k, doc in enumerate(full):
            a, b = offsets[k], offsets[k + 1]
            mine = [i - a for i in new if a <= i < b]
            if mine:
                self._learn(doc, keys[a:b], mine)
        results = numpy.array([self.kept[name] for name in names], dtype="uint64")[inverse.ravel()]
        for k, doc in enumerate(full):
            doc.from_array(self.outputs, results[offsets[k]:offsets[k + 1]])
        return docs

    def _run_ruler(self, doc: Doc, keys: numpy.ndarray) -> None:
        """The real ruler on the whole Doc (when the memory is full, or a pattern tests what a window cannot
        hold), keeping what it did for keys not yet kept."""
        self.ruler(doc)
        if len(self.kept) < MAX_KEYS:
            results = doc.to_array(self.outputs).reshape(len(doc), -1)
            for k in range(len(doc)):
                self.kept.setdefault(keys[k].tobytes(), results[k].copy())

    def _learn(self, doc: Doc, keys: numpy.ndarray, tokens: list[int]) -> None:
        """Keep the real ruler's result for each of these tokens (one per new key), found by running it on
        runs of the Doc that hold each token with `width - 1` neighbours on either side: a pattern that
        covers the token starts and ends within that reach, and patterns test nothing beyond their tokens."""
        reach = self.width - 1
        runs: list[list[int]] = []
        for i in sorted(tokens):
            start, end = max(0, i - reach), min(len(doc), i + reach + 1)
            if runs and start <= runs[-1][1]:
                runs[-1][1] = end
            else:
                runs.append([start, end])
        values = doc.to_array(list(WINDOW_ATTRS))
        wanted = set(tokens)
        for start, end in runs:
            window = _window(doc, values, start, end)
            self.ruler(window)
            results = window.to_array(self.outputs).reshape(len(window), -1)
            for i in range(start, end):
                if i in wanted:
                    self.kept.setdefault(keys[i].tobytes(), results[i - start].copy())

    def _keys(self, docs: list[Doc], lengths: list[int]) -> numpy.ndarray:
        """Per token of the Docs in turn (one row each): its own reduced attributes, its output attributes as
        they were before the ruler, and its neighbours' reduced attributes within the longest pattern, in its
        own Doc (NO_TOKEN past either end)."""
        strings = docs[0].vocab.strings
        columns = [self._codes(docs, self.own_attrs, self.own, strings),
                   numpy.concatenate([doc.to_array(self.outputs).reshape(len(doc), -1) for doc in docs])]
        if self.width > 1:
            near = self._codes(docs, self.near_attrs, self.near, strings)
            before = numpy.concatenate([numpy.arange(n) for n in lengths])  # tokens before it in its Doc
            after = numpy.concatenate([numpy.arange(n - 1, -1, -1) for n in lengths])  # tokens after it
            for shift in range(1, self.width):
                previous, following = numpy.roll(near, shift, axis=0), numpy.roll(near, -shift, axis=0)
                previous[before < shift] = NO_TOKEN
                following[after < shift] = NO_TOKEN
                columns += [previous, following]
        return numpy.concatenate(columns, axis=1)

    @staticmethod
    def _codes(docs: list[Doc], attrs: list[str], reducers: dict[str, _Reducer | None], strings) -> numpy.ndarray:
        if not attrs:
            return numpy.zeros((sum(len(doc) for doc in docs), 1), dtype="uint64")
        values = numpy.concatenate([doc.to_array(attrs).reshape(len(doc), len(attrs)) for doc in docs])
        for k, attr in enumerate(attrs):
            reducer = reducers[attr]
            if reducer is not None:
                values[:, k] = reducer.column(values[:, k], strings)
        return values


def _window(doc: Doc, values: numpy.ndarray, start: int, end: int) -> Doc:
    """A new Doc of tokens `start:end` with their words, spacing and `WINDOW_ATTRS` (a dependency label
    without its head: patterns read labels, not trees)."""
    window = copy_tokens(doc, start, end)
    window.from_array(list(WINDOW_ATTRS), values[start:end])
    return window


def _rows(keys: numpy.ndarray) -> numpy.ndarray:
    """Each row of the key matrix as one opaque value, so `numpy.unique` finds the distinct keys and each is
    looked up by its exact bytes (no digest that two keys could share)."""
    keys = numpy.ascontiguousarray(keys)
    return keys.view(numpy.dtype((numpy.void, keys.dtype.itemsize * keys.shape[1]))).ravel()


def _attr(key: str) -> str:
    return key.upper() if key != "OP" else key
