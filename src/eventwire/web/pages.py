"""The dashboard's HTML: the page at `/` and the fragments its script swaps in (event table, evidence).

The fragments are rendered here with Jinja's autoescape on, from the same queries as the JSON API, so
article text reaches the browser escaped; the charts (timeline, network, map) are drawn by static/app.js
from the JSON API with `textContent`, never `innerHTML`.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..ontology import QUAD_NAMES, cameo_table
from . import queries


def segments(text: str, marks: list[dict[str, Any]]) -> list[tuple[str | None, str]]:
    """The sentence cut into (role, piece) runs, role None between the highlighted spans."""
    out: list[tuple[str | None, str]] = []
    at = 0
    for mark in marks:
        if mark["start"] > at:
            out.append((None, text[at:mark["start"]]))
        out.append((mark["role"], text[mark["start"]:mark["end"]]))
        at = mark["end"]
    if at < len(text):
        out.append((None, text[at:]))
    return out


def web_url(url: str | None) -> str | None:
    """The article's url when it is an http(s) address; a `javascript:` or other scheme is never a link."""
    if not url:
        return None
    try:
        return url if urlsplit(url).scheme in ("http", "https") else None
    except ValueError:
        return None


def side(actors: list[dict[str, Any]] | None) -> str:
    return "; ".join(filter(None, ((a.get("org") or a.get("country") or "?") + (a.get("sector") or "")
                                   for a in actors or [])))


def names(actors: list[dict[str, Any]] | None) -> str:
    return "; ".join(filter(None, (a.get("name") or a.get("text") for a in actors or [])))


def add_pages(app: FastAPI, templates: Jinja2Templates, read_store, event_filter, page) -> None:
    env = templates.env
    env.globals.update(segments=segments, web_url=web_url, side=side, names=names, quad_names=QUAD_NAMES)
    env.filters["cameo_name"] = lambda code: (cameo_table().get(code or "").name
                                              if cameo_table().get(code or "") else "")

    @app.get("/", include_in_schema=False, response_class=HTMLResponse)
    def index(request: Request, st: read_store):
        totals = {"articles": st.count("articles"), "events": st.count("events")}
        return templates.TemplateResponse(request, "index.html", {"db": Path(st.path).name, **totals})

    @app.get("/ui/events", include_in_schema=False, response_class=HTMLResponse)
    def events_fragment(request: Request, st: read_store, filters: event_filter,
                        limit: int = Query(50, ge=1, le=500), cursor: str | None = Query(None, max_length=400)):
        events, next_cursor = page(st, filters, limit, cursor, "newest")
        return templates.TemplateResponse(request, "events.html", {
            "events": events, "next_cursor": next_cursor, "first_page": cursor is None})

    @app.get("/ui/events/{event_id}", include_in_schema=False, response_class=HTMLResponse)
    def evidence_fragment(request: Request, st: read_store, event_id: str,
                          doc_hash: str | None = Query(None, max_length=64)):
        detail = queries.event_detail(st, event_id, doc_hash)
        if detail is None:
            raise HTTPException(404, f"no event {event_id}")
        return templates.TemplateResponse(request, "evidence.html", detail)
