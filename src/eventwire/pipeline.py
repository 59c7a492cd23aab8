"""The whole coder: ingest → nlp → actors → events → when/where, per document.

`Pipeline` is what the CLI, the Python API, the spaCy component and the Spark engine all call, so every
engine codes a document the same way.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator

from spacy.language import Language

from .actors import ActorResolver, DocumentMemory, locals_of_place, place_authority, place_target
from .events import EventCoder
from .learning import Coded, RunLearning, in_input_order
from .model import Article, Event
from .nlp import ParsedDocument, load_pipeline, parse_documents
from .relevance import mark_counted, relevance, vocabulary
from .selection import trigger_index
from .settings import Settings
from .when_where.annotate import Annotator

SKIPPED_UNIT_KINDS = ("caption", "byline")
log = logging.getLogger("eventwire")
MaybeCoded = tuple[Article, list[Event] | None, list]  # `Coded`, or events None where the coder failed


class Pipeline:
    """A loaded coder: the spaCy pipeline, the actor resolver, the event coder and the annotator."""

    def __init__(self, settings: Settings | None = None, nlp: Language | None = None,
                 resolver: ActorResolver | None = None):
        self.settings = settings or Settings.from_env()
        self.nlp = nlp or load_pipeline(self.settings.model)
        self.resolver = resolver or ActorResolver(learn=self.settings.learn_identities)
        self.coder = EventCoder(self.resolver)
        self.annotator = Annotator(self.settings)
        self._load_tables()

    def _load_tables(self) -> None:
        """Build the index of the lexicon's triggers and read the relevance terms now, with the model, rather
        than on the first document: the local engine forks its workers from this process, so they share
        one copy instead of each building its own (about a second apiece) while the others wait."""
        if self.settings.select_sentences:
            trigger_index(self.nlp)
        vocabulary()

    def code_parsed(self, parsed: ParsedDocument) -> list[Event]:
        """Events of one parsed document, merged so each real event appears once with all its mentions."""
        article = parsed.article
        memory = DocumentMemory(published=article.published)
        sentences = [(unit, sent) for unit, sent in parsed.sentences() if unit.kind not in SKIPPED_UNIT_KINDS]
        for _, sent in sentences:  # where the report is set, known before its first sentence is coded
            self.resolver.note_settings(sent, memory)
        events: list[Event] = []
        for unit, sent in sentences:
            for event in self.coder.code_sentence(sent, unit, article, memory):
                self.annotator.annotate(event, sent, unit, article)
                events.append(event)
        merged = self.coder.merge_document(events)
        for event in merged:
            locals_of_place(event)
            if self.settings.place_targets and not event.target:
                event.target = place_target(event)  # CAMEO: "protested in Beijing" targets China
            if self.settings.place_targets and not event.source:
                event.source = place_authority(event)  # "face jail terms in Uganda": Uganda's courts
            event.assign_id()
        self.mark_relevance(parsed, merged)
        return merged

    def mark_relevance(self, parsed: ParsedDocument, events: list[Event]) -> None:
        """Score the article's political relevance and mark which of its events enter counts."""
        score = relevance([unit.doc for unit in parsed.units if unit.doc is not None], events, parsed.article)
        parsed.article.relevance = score
        for event in events:
            event.relevance = score
        mark_counted(events, score, self.settings.relevance_threshold)

    def parse(self, articles: Iterable[Article], n_process: int | None = None) -> Iterator[ParsedDocument]:
        """Parsed documents in input order, in this process (`engine.coded_articles` shares work among
        processes); `n_process` > 1 only lets spaCy's own workers parse when sentence selection is off."""
        return parse_documents(articles, self.nlp, batch_size=self.settings.batch_size, n_process=n_process or 1,
                               max_chars=self.settings.max_unit_chars,
                               max_sentence_chars=self.settings.max_sentence_chars,
                               select=self.settings.select_sentences)

    def code(self, articles: Iterable[Article], n_process: int | None = None, learning: RunLearning | None = None
             ) -> Iterator[tuple[Article, list[Event]]]:
        """Each article with its events, in input order, people identified by what earlier articles taught
        (`learning`: see `learning.in_input_order`)."""
        return in_input_order(self.code_alone(articles, n_process), self.resolver, learning)

    def code_alone(self, articles: Iterable[Article], n_process: int | None = None,
                   isolate: bool = False) -> Iterator[MaybeCoded]:
        """Each article coded with what the resolver knew before this call and what the article itself
        says, with the identities it taught: the same whatever was coded before it in this process, so
        forked workers can share a run out in any way (`engine.code_in_workers`). With `isolate` (the
        engine's runs over inputs), an article the coder fails on comes with events None (`code_or_report`;
        `coded_only` drops it); otherwise the fault is raised, as the API and the fuzzer need it."""
        for parsed in self.parse(articles, n_process):
            with self.resolver.one_article() as taught:
                events = self.code_or_report(parsed) if isolate else self.code_parsed(parsed)
            yield parsed.article, events, taught

    def code_or_report(self, parsed: ParsedDocument) -> list[Event] | None:
        """`code_parsed`, or None when the coder fails on this article: the failure is reported with the
        record it came from and the run goes on without it (it is not stored, so a later run codes it
        again), instead of one odd article ending a run over a whole corpus."""
        try:
            return self.code_parsed(parsed)
        except Exception as exc:  # any fault of the coder on one article
            article = parsed.article
            log.error("%s: article %s was not coded (%s: %s); the run goes on without it",
                      article.origin or "input", article.id, type(exc).__name__, exc,
                      exc_info=log.isEnabledFor(logging.DEBUG))  # the traceback when the logger is at DEBUG
            return None

    def code_text(self, text: str, published: str | None = None, doc_id: str = "doc") -> list[Event]:
        return next(self.code([Article(id=doc_id, text=text, published=published)]))[1]


def coded_only(coded: Iterable[MaybeCoded]) -> Iterator[Coded]:
    """The articles the coder did code: one it failed on (events None, reported by `code_or_report`) is left
    out of the output and the store."""
    return ((article, events, taught) for article, events, taught in coded if events is not None)
