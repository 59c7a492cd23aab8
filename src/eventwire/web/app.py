"""The REST API and the dashboard, one FastAPI app over a DuckDB event store.

Reads attach the store read-only for the length of a request (reading.py), so the server never holds the
file between requests and a writer (the CLI's `ingest`, `watch`, or this server's own ingest worker) gets
in between. Writes (`POST`) need the token; see security.py and docs/web.md.
"""

# no `from __future__ import annotations`: FastAPI reads these annotations, some of them local names
import datetime as dt
import json
from collections.abc import Iterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__, analysis
from ..ingest.records import BadRecord, article_from_mapping, normalise_date
from ..model import STATUSES
from ..store import Store
from . import queries, schemas
from .reading import Busy, SharedReader
from .security import DEFAULT_MAX_BODY, Guard, token_checker
from .workers import WorkerBusy, Workers, WorkerTimeout

HERE = Path(str(resources.files("eventwire").joinpath("web")))

Code = Annotated[str | None, Query(max_length=64, description="Actor code: organisation, else ISO3 country "
                                                             "(e.g. RUS, NATO)")]
Day = Annotated[dt.date | None, Query(description="YYYY-MM-DD")]
Freq = Annotated[Literal["day", "week", "month"], Query(description="Length of a period")]
Limit = Annotated[int, Query(ge=1, le=500)]
LowRelevance = Annotated[bool, Query(description="Count the events of articles of low political relevance too "
                                                 "(left out of counts by default; their `not_counted` is "
                                                 "\"low relevance\")")]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": schemas.ErrorBody}, 404: {"model": schemas.ErrorBody},
    422: {"model": schemas.ErrorBody, "description": "A parameter is invalid: the detail says which and why"},
    503: {"model": schemas.ErrorBody, "description": "The store is busy (a writer holds it) or missing"}}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": schemas.ErrorBody, "description": "No token, or a wrong one"},
    413: {"model": schemas.ErrorBody, "description": "Body over the size limit"},
    409: {"model": schemas.ErrorBody}, 503: {"model": schemas.ErrorBody},
    415: {"model": schemas.ErrorBody, "description": "A body that is neither JSON nor JSON lines"},
    422: {"model": schemas.ErrorBody, "description": "The body is invalid: the detail says where and why"},
    504: {"model": schemas.ErrorBody, "description": "Coding took longer than the timeout"}}


def iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def plain(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows with dates as ISO strings (analysis functions may return DuckDB's date objects)."""
    return [{k: iso(v) for k, v in row.items()} for row in rows]


def day(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def create_app(db: str, token: str | None = None, max_body: int = DEFAULT_MAX_BODY, code_timeout: float = 30.0,
               allowed_hosts: list[str] | None = None, read_wait: float = 5.0) -> FastAPI:
    """The app for one store. `token` (EVENTWIRE_TOKEN) enables writes; without it every POST is 401."""
    workers = Workers(db, code_timeout)
    reader = SharedReader(db, read_wait)

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        workers.coder.start()  # loads the pipeline in the background, so the first /api/code need not wait
        yield
        workers.stop()
        reader.close()

    app = FastAPI(title="eventwire", version=__version__, lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political event data from news text: who did what to whom, when and where. "
                              "Every count leads to its events, and every event to the sentences it was read in.")
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts or ["*"])
    app.add_middleware(Guard, max_body=max_body)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    templates = Jinja2Templates(env=Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=True))
    write = [Depends(token_checker(token))]

    def store() -> Iterator[Store]:
        """The store for this request only (attached read-only until the response is built); 503, not a
        traceback, when a writer keeps it busy or it is missing."""
        if not Path(db).exists():
            raise HTTPException(503, f"no event store at {db}")
        try:
            with reader.store() as opened:
                yield opened
        except Busy as e:
            raise HTTPException(503, str(e), headers={"Retry-After": "2"}) from None

    ReadStore = Annotated[Store, Depends(store)]

    def counts(call, *args, **kwargs) -> list[dict[str, Any]]:
        """An analysis function's rows; its ValueError (a bad knob) is the client's error, 422."""
        try:
            return plain(call(*args, **kwargs))
        except ValueError as e:
            raise HTTPException(422, str(e)) from None

    def event_filter(source: Code = None, target: Code = None, actor: Code = None,
                     name: Annotated[str | None, Query(max_length=200, description="Name, text or organisation "
                                                       "code of an actor on any side (part of the name)")] = None,
                     country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3 country of "
                                                          "a source or target")] = None,
                     cameo: Annotated[str | None, Query(pattern=r"^\d{2,4}$", description="CAMEO root or code "
                                                        "(prefix match)")] = None,
                     plover: Annotated[str | None, Query(max_length=40)] = None,
                     status: Annotated[list[Literal[STATUSES]] | None, Query()] = None,  # type: ignore[valid-type]
                     since: Day = None, until: Day = None,
                     q: Annotated[str | None, Query(max_length=200, description="Words in the sentence or "
                                                    "the title")] = None,
                     cluster: Annotated[str | None, Query(max_length=64)] = None,
                     counted: Annotated[bool | None, Query(description="Only events that enter counts (true) "
                                                           "or only those that do not (false)")] = None,
                     include_low_relevance: LowRelevance = False,
                     ) -> queries.EventFilter:
        return queries.EventFilter(source, target, actor, country, cameo, plover, status, day(since), day(until),
                                   q, cluster, counted, name, include_low_relevance)

    Filter = Annotated[queries.EventFilter, Depends(event_filter)]

    def page(st: Store, filters: queries.EventFilter, limit: int, cursor: str | None,
             order: str) -> tuple[list[dict[str, Any]], str | None]:
        try:
            return queries.list_events(st, filters, limit, cursor, newest_first=order == "newest")
        except queries.BadCursor as e:
            raise HTTPException(400, str(e)) from None

    @app.get("/api/events", response_model=schemas.EventPage, responses=ERRORS, tags=["events"])
    def list_events(st: ReadStore, filters: Filter, limit: Limit = 50,
                    cursor: Annotated[str | None, Query(max_length=400)] = None,
                    order: Literal["newest", "oldest"] = "newest"):
        """Events matching every filter given, newest first, one page at a time (cursor paging)."""
        events, next_cursor = page(st, filters, limit, cursor, order)
        return {"events": events, "next_cursor": next_cursor}

    @app.get("/api/events/{event_id}", response_model=schemas.EventDetail, responses=ERRORS, tags=["events"])
    def get_event(st: ReadStore, event_id: str,
                  doc_hash: Annotated[str | None, Query(description="The article, when two share an event id")
                                      ] = None):
        """One event with every sentence that tells it: its mentions in its article, the mentions of the same
        real event in other articles (its cluster), each with the article's title, source, url and date."""
        detail = queries.event_detail(st, event_id, doc_hash)
        if detail is None:
            raise HTTPException(404, f"no event {event_id}")
        return detail

    @app.get("/api/clusters", response_model=list[schemas.ClusterRecord], responses=ERRORS, tags=["events"])
    def list_clusters(st: ReadStore, since: Day = None, until: Day = None,
                      min_articles: Annotated[int, Query(ge=1)] = 1, limit: Limit = 50):
        """Real-world events (mentions grouped across articles and days), most mentioned first."""
        from ..cluster import cluster_records

        return cluster_records(st.con, day(since), day(until), min_articles, limit)

    @app.get("/api/series", response_model=list[schemas.SeriesRow], responses=ERRORS, tags=["counts"])
    def get_series(st: ReadStore, source: Code = None, target: Code = None, actor: Code = None,
                   location: Annotated[str | None, Query(max_length=64, description="ISO3 country where "
                                                         "events happened")] = None,
                   both: Annotated[bool, Query(description="Count both directions of the dyad")] = False,
                   freq: Freq = "week", since: Day = None, until: Day = None,
                   by: Literal["plover", "root"] | None = None,
                   count: Literal["clusters", "events"] = "clusters", include_low_relevance: LowRelevance = False):
        """Counted events per period, zero-filled, oldest first: quad classes and Goldstein score."""
        return counts(analysis.series, st, source=source, target=target, actor=actor, location=location,
                      both=both, freq=freq, since=day(since), until=day(until), by=by, count=count,
                      include_low_relevance=include_low_relevance)

    @app.get("/api/alerts", response_model=list[schemas.Alert], responses=ERRORS, tags=["counts"])
    def get_alerts(st: ReadStore, freq: Freq = "week",
                   method: Annotated[str, Query(pattern=r"^[a-z_]{1,32}$")] = "zscore",
                   since: Day = None, until: Day = None, source: Code = None, target: Code = None,
                   location: Annotated[str | None, Query(max_length=64)] = None,
                   evidence: Annotated[int, Query(ge=0, le=20)] = 3, include_low_relevance: LowRelevance = False):
        """Periods whose count stands out from the baseline, each with the events that make it up."""
        return counts(analysis.alerts, st, freq=freq, method=method, since=day(since), until=day(until),
                      source=source, target=target, location=location, evidence=evidence,
                      include_low_relevance=include_low_relevance)

    @app.get("/api/actors", response_model=list[schemas.ActorCount], responses=ERRORS, tags=["counts"])
    def list_actors(st: ReadStore, q: Annotated[str | None, Query(max_length=100)] = None,
                    since: Day = None, until: Day = None, limit: Limit = 50,
                    include_low_relevance: LowRelevance = False):
        """Actor codes with their counted events; `q` matches a code's start or a name."""
        return counts(analysis.actor_counts, st, q, day(since), day(until), limit, include_low_relevance)

    @app.get("/api/dyads", response_model=list[schemas.Dyad], responses=ERRORS, tags=["counts"])
    def list_dyads(st: ReadStore, since: Day = None, until: Day = None, limit: Limit = 20,
                   include_low_relevance: LowRelevance = False):
        """Source→target pairs with their counted events and mean Goldstein score (the actor network)."""
        return counts(analysis.top_dyads, st, limit, day(since), day(until), include_low_relevance)

    @app.get("/api/places", response_model=list[schemas.PlaceCount], responses=ERRORS, tags=["counts"])
    def list_places(st: ReadStore, source: Code = None, target: Code = None, actor: Code = None,
                    since: Day = None, until: Day = None, limit: Limit = 200,
                    include_low_relevance: LowRelevance = False):
        """Counted events with coordinates, per place (the map)."""
        return counts(analysis.event_places, st, source, target, actor, day(since), day(until), limit,
                      include_low_relevance)

    @app.post("/api/code", response_model=schemas.CodeResponse, responses=WRITE_ERRORS, dependencies=write,
              tags=["coding"])
    def code(document: schemas.CodeRequest):
        """Code one document and return its events; nothing is stored. Needs the token."""
        try:  # a date the caller passed is an argument: unreadable, it is refused, not coded undated
            normalise_date(document.published)
            article = article_from_mapping(document.model_dump(), "request", "request")
        except BadRecord as e:
            raise HTTPException(422, str(e)) from None
        fields = {k: getattr(article, k) for k in ("id", "text", "title", "published", "source", "url")}
        try:
            return {"events": workers.code(fields)}
        except WorkerTimeout as e:
            raise HTTPException(504, str(e)) from None
        except WorkerBusy as e:
            raise HTTPException(503, str(e), headers={"Retry-After": "5"}) from None

    @app.post("/api/ingest", response_model=schemas.IngestResult, responses=WRITE_ERRORS, dependencies=write,
              tags=["coding"], openapi_extra={"requestBody": {"required": True, "content": {
                  "application/json": {"schema": {"$ref": "#/components/schemas/IngestRequest"}},
                  "application/x-ndjson": {"schema": {"type": "string", "description": "JSON lines, one "
                                                      "document each, as `eventwire ingest` reads"}}}}})
    async def ingest(request: Request):
        """Code documents into the store (articles it already holds are skipped). Bad records are listed in
        `problems` and the rest go in. Needs the token; one ingest at a time (409 while one runs)."""
        jsonl = ingest_lines(request.headers.get("content-type", ""), await request.body())
        try:
            result = await run_in_threadpool(workers.ingest, jsonl)
        except WorkerBusy:
            raise HTTPException(409, "an ingest is already running on this server; retry when it ends") from None
        if "busy" in result:
            raise HTTPException(503, f"the event store {db} is busy: {result['busy']}",
                                headers={"Retry-After": "5"})
        return result

    @app.get("/healthz", response_model=schemas.Health, tags=["server"])
    def healthz():
        """Liveness, and whether the store can be read now."""
        state: dict[str, Any] = {"status": "ok", "db": db, "version": __version__, "store": "ok"}
        if not Path(db).exists():
            return {**state, "store": "missing"}
        try:
            with reader.store() as st:
                state.update(articles=st.count("articles"), events=st.count("events"))
        except Busy:
            state["store"] = "busy"
        return state

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request):
        return templates.TemplateResponse(request, "docs.html", {})

    from .pages import add_pages

    add_pages(app, templates, ReadStore, Filter, page)
    return app


def ingest_lines(content_type: str, body: bytes) -> bytes:
    """The documents of an ingest request as JSON lines (the form `eventwire ingest` reads)."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in ("application/x-ndjson", "application/jsonl", "application/jsonlines", "text/plain"):
        return body
    if kind != "application/json":
        raise HTTPException(415, "send application/json ({\"documents\": [...]}) or application/x-ndjson")
    try:
        request = schemas.IngestRequest.model_validate_json(body)
    except ValidationError as e:
        raise HTTPException(422, json.loads(e.json(include_url=False))) from None
    return b"".join(json.dumps(d.model_dump(exclude_none=True), ensure_ascii=False).encode() + b"\n"
                    for d in request.documents)
