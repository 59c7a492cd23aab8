"""The when/where/how-much stage: fills an event's date, place and figures from its own clause."""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Article, Event
from ..nlp import Unit
from ..settings import Settings
from .attach import trigger_token
from .dates import event_date, infer_published, resolve_expression
from .gazetteer import load_gazetteer
from .magnitudes import event_magnitudes
from .places import dateline_place, event_place

RECENT_STATUSES = ("occurred", "ongoing")
NO_PLACE_UNIT_KINDS = ("caption", "byline")
FUTURE_PRECISIONS = ("day", "week")
INFERRED_NOTE = "publication date inferred from the {}: {}"


def is_after(date: str | None, published: str | None) -> bool:
    """Whether an ISO date lies after the (ISO, possibly timestamped) publication day."""
    return bool(date and published) and date > published[:10]


def warm_up() -> None:
    """Build the gazetteer index and load dateparser now, with the models, not inside the first document."""
    load_gazetteer()
    resolve_expression("Jan. 5, 2022", None, False)


class Annotator:
    """Called once per coded event, after the event stage, with the event's sentence, unit and article."""

    def __init__(self, settings: Settings | None = None, warm: bool = True):
        self.settings = settings or Settings()
        if warm:
            warm_up()

    def annotate(self, event: Event, sent: Span, unit: Unit, article: Article) -> None:
        """Fill the event's date, location and magnitudes from its sentence and the article."""
        trigger = trigger_token(sent, event.trigger_span, unit.start)
        published = article.published
        inferred = None if published else infer_published(article.text)
        if inferred:
            published = inferred[0]
        self._date(event, sent, trigger, published, inferred)
        if unit.kind not in NO_PLACE_UNIT_KINDS:
            self._place(event, sent, trigger, unit, article)
        if trigger is not None:
            self._magnitudes(event, sent, trigger)

    def _date(self, event: Event, sent: Span, trigger: Token | None, published: str | None,
              inferred: tuple[str, str] | None) -> None:
        if trigger is None:
            if event.date is None and published:
                event.date, event.date_precision = published, "published"
            return
        found = event_date(sent, trigger, published, event.status == "planned", self.settings.background_days)
        event.date, event.date_precision, event.date_text, event.date_end = (
            found.date, found.precision, found.text, found.end)
        if inferred and found.precision == "published" and not found.text:
            event.date_text = INFERRED_NOTE.format(inferred[1], inferred[0])
        if found.background and event.status in RECENT_STATUSES:
            event.status = "background"
        elif event.status == "occurred" and is_after(found.date, published) and found.precision in FUTURE_PRECISIONS:
            event.status = "planned"  # dated after publication: it cannot have happened yet

    def _place(self, event: Event, sent: Span, trigger: Token | None, unit: Unit, article: Article) -> None:
        if event.location is not None:
            return
        actors = event.source + event.target
        countries = {a.country for a in actors if a.country}
        spans = [tuple(a.span) for a in actors if a.span]
        found = event_place(sent, trigger, countries, spans, doc_offset=unit.start)
        event.location = found.place if found else dateline_place(article.text)

    def _magnitudes(self, event: Event, sent: Span, trigger: Token) -> None:
        found = event_magnitudes(sent, trigger, self.settings.figure_max_hops)
        event.dead = event.dead if event.dead is not None else found.dead
        event.injured = event.injured if event.injured is not None else found.injured
        event.size = event.size if event.size is not None else found.size
        event.magnitude_qualifier = event.magnitude_qualifier or found.qualifier
