"""spaCy's attribute ruler, memoised: the same output at a fraction of the cost.

The English pipelines map tags to parts of speech, morphology and some lemmas with an `AttributeRuler` of
about 180 token patterns. Its `Matcher` checks every pattern against every token, partly in Python, which
costs as much as the dependency parser. Yet what the ruler does to a token depends only on a few of that
token's attributes (and, for its few two-token patterns, on a few of its neighbours'), so the answer for
one combination holds for every token with the same combination.

`MemoRuler` keys each token by exactly those attributes, reduced to what the patterns can tell apart (a
word no pattern names is "any other word"), plus the token's values before the ruler. The first time a
key is seen, the real ruler runs on the whole Doc and its results are kept; afterwards the kept results are
written in one `Doc.from_array`. Patterns it cannot reason about (operators, predicates other than
`IN`/`NOT_IN`/`REGEX`, attributes other than a token's strings and `IS_SPACE`) leave the real ruler in charge.
"""

from __future__ import annotations

import re
from typing import Any

import numpy
from spacy.tokens import Doc

STRING_ATTRS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "MORPH", "ENT_TYPE", "SHAPE")
FLAG_ATTRS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_UPPER", "IS_TITLE", "IS_LOWER", "LIKE_NUM")
OUTPUT_ATTRS = ("POS", "TAG", "MORPH", "LEMMA", "DEP")
SET_PREDICATES = ("IN", "NOT_IN")
MAX_KEYS = 100_000  # kept results, at most (a few thousand are seen in practice)
NO_TOKEN = numpy.iinfo("uint64").max  # a neighbour beyond the Doc's ends


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
        self.kept: dict[tuple, tuple[int, ...]] = {}

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
        if not len(doc):
            return doc
        keys = self._keys(doc)
        digests = _digest(keys)
        unique, first, inverse = numpy.unique(digests, return_index=True, return_inverse=True)
        found = [self.kept.get(d) for d in unique.tolist()]
        if all(f is not None for f in found):
            known_keys = numpy.array([f[0] for f in found], dtype="uint64")
            if (known_keys[inverse] == keys).all():  # the digest is only an index: the whole key must match
                doc.from_array(self.outputs, numpy.array([f[1] for f in found], dtype="uint64")[inverse])
                return doc
        self.ruler(doc)
        if len(self.kept) < MAX_KEYS:
            results = doc.to_array(self.outputs)
            for digest, k in zip(unique.tolist(), first.tolist(), strict=True):
                self.kept.setdefault(digest, (keys[k].copy(), results[k].copy()))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)

    def _keys(self, doc: Doc) -> numpy.ndarray:
        """Per token (one row each): its own reduced attributes, its output attributes as they were before the
        ruler, and its neighbours' reduced attributes within the longest pattern (NO_TOKEN past the ends)."""
        strings = doc.vocab.strings
        columns = [self._codes(doc, self.own_attrs, self.own, strings), doc.to_array(self.outputs)]
        if self.width > 1:
            near = self._codes(doc, self.near_attrs, self.near, strings)
            for shift in range(1, self.width):
                pad = numpy.full((min(shift, len(doc)), near.shape[1]), NO_TOKEN, dtype="uint64")
                columns.append(numpy.concatenate([pad, near[:-shift]])[:len(doc)])
                columns.append(numpy.concatenate([near[shift:], pad])[-len(doc):])
        return numpy.concatenate(columns, axis=1)

    @staticmethod
    def _codes(doc: Doc, attrs: list[str], reducers: dict[str, _Reducer | None], strings) -> numpy.ndarray:
        if not attrs:
            return numpy.zeros((len(doc), 1), dtype="uint64")
        values = doc.to_array(attrs).reshape(len(doc), len(attrs))
        for k, attr in enumerate(attrs):
            reducer = reducers[attr]
            if reducer is not None:
                values[:, k] = reducer.column(values[:, k], strings)
        return values


def _digest(rows: numpy.ndarray) -> numpy.ndarray:
    """One 64-bit number per row (FNV-style mixing), to find a row's kept result with a single look-up."""
    digest = numpy.full(len(rows), 14695981039346656037, dtype="uint64")
    with numpy.errstate(over="ignore"):
        for column in rows.T:
            digest = (digest ^ column) * numpy.uint64(1099511628211)
    return digest


def _attr(key: str) -> str:
    return key.upper() if key != "OP" else key
