"""The API's Pydantic models. The event record's models are generated from the dataclasses of `model.py`,
so the OpenAPI schema cannot drift from the record the coder writes: a field added to `Event` (or `Actor`,
`Place`, `Mention`) appears in `/openapi.json` with no change here.

Which fields the record carries is read from `Event.to_dict()` itself (it leaves out working fields such as
`sentence_index`), and fields whose JSON form differs from the dataclass (`location` is `asdict(Place)`,
spans are lists) map to the generated model of that dataclass. Every field keeps its dataclass default, so a
record stored before a field was added still validates.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from typing import Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, create_model

from ..model import Actor, Article, Event, Mention, Place

_generated: dict[type, type[BaseModel]] = {}


def record_keys(cls: type) -> list[str]:
    """The keys of the JSON record a dataclass writes (its `to_dict()`, else its fields)."""
    if cls is Event:
        return list(Event(doc_id="", text="", span=(0, 0), trigger="", cameo="").to_dict())
    return [f.name for f in dataclasses.fields(cls)]


def _translate(hint: Any) -> Any:
    """A type hint with every nested dataclass replaced by its generated model."""
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return model_of(hint)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is None or not args:
        return hint
    translated = tuple(_translate(a) for a in args)
    if origin in (Union, types.UnionType):
        return Union[translated]  # noqa: UP007 (built at run time from a tuple)
    if origin is tuple:
        return tuple[translated]
    return origin[translated if len(translated) > 1 else translated[0]]


def _default(f: dataclasses.Field) -> Any:
    if f.default is not dataclasses.MISSING:
        return Field(default=f.default)
    if f.default_factory is not dataclasses.MISSING:
        return Field(default_factory=f.default_factory)
    return Field(...)


def model_of(cls: type, name: str | None = None, exclude: tuple[str, ...] = (),
             optional: tuple[str, ...] = ()) -> type[BaseModel]:
    """A Pydantic model with the record's fields of a `model.py` dataclass, their types and defaults.

    `optional` fields get a None default though the dataclass requires them (e.g. an article's id in a
    request, which the server then fills in)."""
    key = (cls, name, exclude, optional)
    if key in _generated:
        return _generated[key]
    hints = typing.get_type_hints(cls)
    by_name = {f.name: f for f in dataclasses.fields(cls)}
    fields: dict[str, Any] = {}
    for field_name in record_keys(cls):
        if field_name in exclude:
            continue
        if field_name not in by_name:  # a key to_dict() adds beyond the dataclass fields
            fields[field_name] = (Any, None)
        elif field_name in optional:
            fields[field_name] = (_translate(hints[field_name]) | None, None)
        else:
            fields[field_name] = (_translate(hints[field_name]), _default(by_name[field_name]))
    model = create_model(name or f"{cls.__name__}Record", __doc__=(cls.__doc__ or "").strip(),
                         __config__=ConfigDict(extra="allow" if cls is Event else "ignore"), **fields)
    _generated[key] = model
    return model


ActorRecord = model_of(Actor)
PlaceRecord = model_of(Place)
MentionRecord = model_of(Mention)
EventRecord = model_of(Event)
DocumentIn = model_of(Article, "DocumentIn", exclude=("origin",), optional=("id",))


class ArticleInfo(BaseModel):
    """The article a mention was read in."""

    doc_hash: str
    doc_id: str | None = None
    title: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None


class EventRow(EventRecord):  # type: ignore[valid-type,misc]
    """An event record as listed: the record plus its article and its cluster."""

    doc_hash: str
    article: ArticleInfo
    cluster_id: str | None = None
    counted: bool = Field(description="Whether the event enters counts (series, alerts, dyads): "
                                      "the store's `analysis.COUNTED` rule")


class EventPage(BaseModel):
    """One page of events; pass `next_cursor` as `cursor` for the next page (null: this was the last)."""

    events: list[EventRow]
    next_cursor: str | None = None


class Highlight(BaseModel):
    role: Literal["trigger", "source", "target"]
    start: int
    end: int


class MentionEvidence(BaseModel):
    """One sentence that tells the event, where it was read, and the trigger's offsets in that sentence."""

    event_id: str
    doc_hash: str
    text: str
    span: list[int]
    part: str = "text"
    trigger: str = ""
    trigger_in_text: list[int] | None = Field(None, description="[start, end) of the trigger in `text`")
    highlights: list[Highlight] = Field(description="Trigger, source and target spans in `text`, in order")
    article: ArticleInfo
    same_article: bool = Field(description="False for a mention of the same real event in another article")
    date: str | None = None


class ClusterSummary(BaseModel):
    """A real-world event: every coded event and mention of it across articles and days."""

    cluster_id: str
    cameo_root: str | None = None
    cameo: str | None = None
    side_a: str | None = None
    side_b: str | None = None
    reciprocal: bool | None = None
    country: str | None = None
    anchor_date: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    num_mentions: int | None = None
    num_articles: int | None = None
    num_sources: int | None = None
    num_events: int | None = None


class ClusterMember(BaseModel):
    event_id: str
    doc_hash: str
    doc_id: str | None = None
    source: str | None = None
    date: str | None = None
    country: str | None = None
    mention: int
    text: str | None = None
    span_start: int | None = None
    span_end: int | None = None
    part: str | None = None


class ClusterRecord(ClusterSummary):
    mentions: list[ClusterMember]


class EventDetail(BaseModel):
    """One event with its evidence: each sentence that tells it, in its own article and across the cluster."""

    event: EventRow
    cameo_name: str | None = None
    status_reason: str = Field(description="What the status means for counting, and why the event has it "
                                           "when the coder recorded a reason")
    mentions: list[MentionEvidence]
    cluster: ClusterSummary | None = None


class SeriesRow(BaseModel):
    """One period of a series (see `eventwire.analysis.series`); per-type columns appear when `by` is set."""

    model_config = ConfigDict(extra="allow")
    period: str
    events: int
    clusters: int
    verbal_coop: int
    material_coop: int
    verbal_conflict: int
    material_conflict: int
    goldstein_sum: float
    goldstein_mean: float | None = None


class AlertEvidence(BaseModel):
    model_config = ConfigDict(extra="allow")
    cluster_id: str | None = None
    event_id: str | None = None
    doc_id: str | None = None
    date: str | None = None
    cameo: str | None = None
    plover: str | None = None
    source: str | None = None
    target: str | None = None
    text: str | None = None
    trigger: str | None = None
    title: str | None = None
    url: str | None = None
    article_source: str | None = None
    mentions: int | None = None


class Alert(BaseModel):
    """A period whose count stands out from its baseline (see `eventwire.analysis.alerts`)."""

    model_config = ConfigDict(extra="allow")
    kind: Literal["dyad", "location"] | str
    source: str | None = None
    target: str | None = None
    country: str | None = None
    period: str
    freq: str
    measure: str
    value: float
    baseline: float
    score: float
    method: str
    evidence: list[AlertEvidence] = []


class ActorCount(BaseModel):
    """An actor code (organisation, else country) with the counted events it takes part in."""

    actor: str
    events: int
    as_source: int
    as_target: int
    names: list[str] = Field(description="The most frequent names or texts it was written as")


class Dyad(BaseModel):
    source: str
    target: str
    events: int
    clusters: int | None = Field(None, description="Real events (clusters) among them")
    mean_goldstein: float | None = None


class PlaceCount(BaseModel):
    name: str
    country: str | None = None
    lat: float
    lon: float
    events: int
    mean_goldstein: float | None = None


class CodeRequest(DocumentIn):  # type: ignore[valid-type,misc]
    """A document to code: only `text` is required."""


class CodeResponse(BaseModel):
    events: list[EventRecord]  # type: ignore[valid-type]


class IngestRequest(BaseModel):
    documents: list[DocumentIn] = Field(min_length=1)  # type: ignore[valid-type]


class IngestResult(BaseModel):
    articles_seen: int
    articles_added: int
    events_added: int
    problems: list[str] = Field(description="Each bad record: where (request line) and why; the rest went in")


class Health(BaseModel):
    status: Literal["ok"]
    store: Literal["ok", "busy", "missing"]
    db: str
    articles: int | None = None
    events: int | None = None
    version: str


class ErrorBody(BaseModel):
    """An error: one sentence, or for a malformed request the list of what is wrong where."""

    detail: str | list[dict[str, Any]]
