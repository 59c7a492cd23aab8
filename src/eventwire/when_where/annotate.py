"""Dates, places and magnitudes of events (placeholder; deepened by the when/where issue)."""

from __future__ import annotations

from spacy.tokens import Span

from ..model import Article, Event
from ..nlp import Unit


class Annotator:
    def annotate(self, event: Event, sent: Span, unit: Unit, article: Article) -> None:
        """Fill the event's date, location and magnitudes from its sentence and the article."""
        if event.date is None and article.published:
            event.date, event.date_precision = article.published, "published"
