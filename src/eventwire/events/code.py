"""Event coding of a sentence (placeholder interface; deepened by the events issue)."""

from __future__ import annotations

from spacy.tokens import Span

from ..actors import ActorResolver, DocumentMemory
from ..model import Article, Event
from ..nlp import Unit


class EventCoder:
    def __init__(self, resolver: ActorResolver):
        self.resolver = resolver

    def code_sentence(self, sent: Span, unit: Unit, article: Article, memory: DocumentMemory) -> list[Event]:
        """The events one sentence reports, with actors, CAMEO/PLOVER codes and status."""
        return []

    def merge_document(self, events: list[Event]) -> list[Event]:
        """One event per real event in the document, carrying all its mentions."""
        return events
