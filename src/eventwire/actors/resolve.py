"""Actor resolution (placeholder interface; deepened by the actors issue)."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span

from ..model import Actor


@dataclass
class DocumentMemory:
    """What one document has told us about its actors, for later mentions of them."""

    published: str | None = None
    by_name: dict[str, Actor] = field(default_factory=dict)


class ActorResolver:
    def resolve_phrase(self, phrase: str, context: str | None = None, date: str | None = None) -> Actor | None:
        """The actor a phrase names, or None when it names no known actor."""
        return None

    def resolve_span(self, span: Span, memory: DocumentMemory, offset: int = 0) -> list[Actor]:
        """The actors a noun phrase (with its conjuncts) names, in document offsets."""
        return []
