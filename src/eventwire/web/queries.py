"""The server's reads of the event store: pages of events with their articles, and one event's evidence.

Every value reaches DuckDB as a parameter; the only text put into SQL is our own (column names, the
`analysis.COUNTED` predicate). Counts live in `analysis`; this module lists records.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from .. import analysis
from ..ontology import cameo_table
from ..store import Store

# Events are listed by date (undated last), then in document order; the five columns make each row's place
# unique, so a cursor (the last row's values) says exactly where the next page starts.
SORT_COLUMNS = ("e.date", "e.doc_id", "e.span_start", "e.event_id", "e.doc_hash")

# The page's records, articles and whether each is counted, fetched for the page's rows only: sorting the
# whole table with its JSON records, or joining every article, costs tens of milliseconds on 15,000 events.
RECORDS_SQL = f"""
SELECT e.rowid AS rid, e.record, e.doc_hash, e.event_id, ({analysis.COUNTED}) AS counted,
       a.doc_id AS article_doc_id, a.title, a.published, a.source, a.url
FROM events e LEFT JOIN articles a ON a.doc_hash = e.doc_hash
WHERE e.rowid IN (SELECT unnest(?))
"""

STATUS_MEANINGS = {
    "occurred": "reported as having taken place",
    "ongoing": "reported as going on at the time of the report",
    "planned": "announced, scheduled or agreed, not yet carried out",
    "background": "told as history or context, dated well before the report",
    "hypothetical": "feared, threatened, conditional or possible: not reported as having happened",
    "negated": "denied, or said not to have happened",
}


class BadCursor(ValueError):
    """A `cursor` that this server did not hand out."""


@dataclass
class EventFilter:
    """What `GET /api/events` and the dashboard's table filter on (all optional)."""

    source: str | None = None  # actor code (organisation, else country) on the source side
    target: str | None = None
    actor: str | None = None  # actor code on either side (source or target)
    country: str | None = None  # ISO3 of a source or target
    cameo: str | None = None  # code prefix: a root ("19") or a code ("190")
    plover: str | None = None
    status: list[str] | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None  # words in the sentence or the article's title
    cluster: str | None = None
    counted: bool | None = None  # only events that enter counts (True) or only those that do not (False)
    name: str | None = None  # name, text or organisation code of any actor (as `eventwire events --actor`)
    include_low_relevance: bool = False  # `counted` takes in the events of low-relevance articles

    def where(self) -> tuple[str, list[Any]]:
        where, params = Store._filters(self.name, self.country, self.cameo, self.plover, self.since,
                                       self.until, self.status)
        clauses = [where[len("WHERE "):]] if where else []
        for roles, code in (("'source'", self.source), ("'target'", self.target), ("'source', 'target'", self.actor)):
            if code:
                clauses.append("EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.event_id AND "
                               f"x.doc_hash = e.doc_hash AND x.role IN ({roles}) AND coalesce(x.org, x.country) = ?)")
                params.append(code.upper())
        if self.q:
            clauses.append("(contains(lower(e.text), lower(?)) OR e.doc_hash IN "
                           "(SELECT doc_hash FROM articles WHERE contains(lower(title), lower(?))))")
            params += [self.q, self.q]
        if self.cluster:
            clauses.append("EXISTS (SELECT 1 FROM cluster_members c WHERE c.cluster_id = ? AND "
                           "c.event_id = e.event_id AND c.doc_hash = e.doc_hash)")
            params.append(self.cluster)
        if self.counted is not None:
            counted = analysis.counted_predicate(self.include_low_relevance)
            clauses.append(f"({counted})" if self.counted else f"NOT ({counted})")
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def encode_cursor(row: dict[str, Any]) -> str:
    key = [row["date"].isoformat() if row["date"] else None, row["doc_id"], row["span_start"],
           row["event_id"], row["doc_hash"]]
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> list[Any]:
    try:
        key = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        ok = (isinstance(key, list) and len(key) == 5 and isinstance(key[2], int)
              and all(isinstance(k, str) for k in key[1:2] + key[3:]) and (key[0] is None or _is_day(key[0])))
    except (ValueError, UnicodeDecodeError):
        ok = False
    if not ok:
        raise BadCursor("cursor is not one this server handed out; start again without it")
    return key


def _is_day(value: Any) -> bool:
    try:
        return isinstance(value, str) and bool(dt.date.fromisoformat(value))
    except ValueError:
        return False


def _rows(store: Store, sql: str, params: list[Any]) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params)
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def event_row(row: dict[str, Any]) -> dict[str, Any]:
    """The API's event row: the stored record, with its article, cluster and whether it is counted."""
    record = json.loads(row["record"])
    record.update(doc_hash=row["doc_hash"], cluster_id=row.get("cluster_id"), counted=bool(row["counted"]),
                  article={"doc_hash": row["doc_hash"], "doc_id": row["article_doc_id"], "title": row["title"],
                           "published": row["published"].isoformat() if row["published"] else None,
                           "source": row["source"], "url": row["url"]})
    return record


def event_rows(store: Store, rowids: list[int]) -> list[dict[str, Any]]:
    """The API rows of these events (by DuckDB rowid, valid within this request's read), in the given order."""
    if not rowids:
        return []
    found = {r["rid"]: r for r in _rows(store, RECORDS_SQL, [rowids])}
    ids = sorted({r["event_id"] for r in found.values()})
    clusters = {(event_id, doc_hash): cluster_id for event_id, doc_hash, cluster_id in store.con.execute(
        "SELECT event_id, doc_hash, min(cluster_id) FROM cluster_members WHERE event_id IN (SELECT unnest(?)) "
        "GROUP BY 1, 2", [ids]).fetchall()}
    rows = []
    for rowid in rowids:
        row = found[rowid]
        row["cluster_id"] = clusters.get((row["event_id"], row["doc_hash"]))
        rows.append(event_row(row))
    return rows


def after_cursor(key: list[Any], newest_first: bool) -> tuple[str, list[Any]]:
    """SQL for "comes after this cursor" in the listing order (undated events come last either way)."""
    rest = ", ".join(SORT_COLUMNS[1:])
    op = "<" if newest_first else ">"
    if key[0] is None:
        return f"(e.date IS NULL AND ({rest}) {op} (?, ?, ?, ?))", key[1:]
    return f"(e.date IS NULL OR ({', '.join(SORT_COLUMNS)}) {op} (CAST(? AS DATE), ?, ?, ?, ?))", key


def list_events(store: Store, filters: EventFilter, limit: int = 50, cursor: str | None = None,
                newest_first: bool = True) -> tuple[list[dict[str, Any]], str | None]:
    """One page of events and the cursor of the next page (None when this is the last)."""
    where, params = filters.where()
    if cursor:
        clause, values = after_cursor(decode_cursor(cursor), newest_first)
        where += (" AND " if where else " WHERE ") + clause
        params += values
    direction = "DESC" if newest_first else "ASC"
    order = ", ".join(f"{column} {direction}{' NULLS LAST' if column == 'e.date' else ''}"
                      for column in SORT_COLUMNS)
    keys = _rows(store, f"SELECT e.rowid AS rid, {', '.join(SORT_COLUMNS)} FROM events e{where} "
                        f"ORDER BY {order} LIMIT ?", params + [limit + 1])
    next_cursor = encode_cursor(keys[limit - 1]) if len(keys) > limit else None
    return event_rows(store, [k["rid"] for k in keys[:limit]]), next_cursor


def find_event(store: Store, event_id: str, doc_hash: str | None = None) -> dict[str, Any] | None:
    rowids = store.con.execute("SELECT rowid FROM events WHERE event_id = ? AND (CAST(? AS VARCHAR) IS NULL OR "
                               "doc_hash = ?) ORDER BY doc_hash LIMIT 1", [event_id, doc_hash, doc_hash]).fetchall()
    rows = event_rows(store, [r[0] for r in rowids])
    return rows[0] if rows else None


def highlights(text: str, offset: int, trigger_span: list[int] | None, trigger: str,
               actors: dict[str, list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """[start, end) spans of the trigger and of each source/target actor inside a sentence.

    Offsets in the record are the document's (`offset` is the sentence's start); a span that falls outside
    the sentence, or does not spell the actor's words there, is left out rather than marked wrongly."""
    marks: list[dict[str, Any]] = []
    if trigger_span and offset <= trigger_span[0] < trigger_span[1] <= offset + len(text):
        marks.append({"role": "trigger", "start": trigger_span[0] - offset, "end": trigger_span[1] - offset})
    elif trigger and (at := text.find(trigger)) >= 0:
        marks.append({"role": "trigger", "start": at, "end": at + len(trigger)})
    for role, side in actors.items():
        for actor in side:
            span = actor.get("span")
            if not span:
                continue
            start, end = span[0] - offset, span[1] - offset
            if 0 <= start < end <= len(text) and text[start:end] == actor.get("text"):
                marks.append({"role": role, "start": start, "end": end})
    marks.sort(key=lambda m: (m["start"], -m["end"]))
    kept: list[dict[str, Any]] = []
    for mark in marks:  # overlapping marks cannot nest in HTML: the first (outermost) wins
        if not kept or mark["start"] >= kept[-1]["end"]:
            kept.append(mark)
    return kept


def mention_evidence(event: dict[str, Any], same_article: bool,
                     only: int | None = None) -> list[dict[str, Any]]:
    """The sentences that tell an event (all its mentions, or mention number `only`), with highlights."""
    mentions = event.get("mentions") or [{"text": event["text"], "span": event["span"], "part": "text",
                                          "trigger": event["trigger"], "trigger_span": None}]
    actors = {"source": event.get("source") or [], "target": event.get("target") or []}
    out = []
    for k, m in enumerate(mentions):
        if only is not None and k != only:
            continue
        marks = highlights(m["text"], m["span"][0], m.get("trigger_span"), m.get("trigger") or "", actors)
        trigger = next((mk for mk in marks if mk["role"] == "trigger"), None)
        out.append({"event_id": event["event_id"], "doc_hash": event["doc_hash"], "text": m["text"],
                    "span": m["span"], "part": m.get("part", "text"), "trigger": m.get("trigger") or "",
                    "trigger_in_text": [trigger["start"], trigger["end"]] if trigger else None,
                    "highlights": marks, "article": event["article"], "same_article": same_article,
                    "date": event.get("date")})
    return out


def cluster_of(store: Store, cluster_id: str) -> dict[str, Any] | None:
    rows = _rows(store, "SELECT * FROM clusters WHERE cluster_id = ?", [cluster_id])
    if not rows:
        return None
    cluster = rows[0]
    for k in ("anchor_date", "first_date", "last_date"):
        cluster[k] = cluster[k].isoformat() if cluster[k] else None
    return cluster


def other_mentions(store: Store, cluster_id: str, doc_hash: str, limit: int = 50) -> list[dict[str, Any]]:
    """Mentions of the same real event in other articles (the cluster's members), oldest first."""
    members = store.con.execute("""
        SELECT e.rowid, c.mention FROM cluster_members c
        JOIN events e ON c.event_id = e.event_id AND c.doc_hash = e.doc_hash
        WHERE c.cluster_id = ? AND c.doc_hash <> ?
        ORDER BY c.date, e.doc_id, c.mention LIMIT ?""", [cluster_id, doc_hash, limit]).fetchall()
    events = event_rows(store, [rowid for rowid, _ in members])
    out = []
    for event, (_, mention) in zip(events, members, strict=True):
        out += mention_evidence(event, same_article=False, only=mention)
    return out


def event_detail(store: Store, event_id: str, doc_hash: str | None = None) -> dict[str, Any] | None:
    """One event with every sentence that tells it, in its own article and in the others of its cluster."""
    event = find_event(store, event_id, doc_hash)
    if event is None:
        return None
    mentions = mention_evidence(event, same_article=True)
    cluster = cluster_of(store, event["cluster_id"]) if event["cluster_id"] else None
    if cluster:
        mentions += other_mentions(store, cluster["cluster_id"], event["doc_hash"])
    entry = cameo_table().get(event.get("cameo") or "")
    return {"event": event, "cameo_name": entry.name if entry else None, "status_reason": status_reason(event),
            "mentions": mentions, "cluster": cluster}


def status_reason(event: dict[str, Any]) -> str:
    """The status in words, whether it enters counts, and the coder's own reason when it gave one."""
    status = event.get("status") or "occurred"
    parts = [f"{status}: {STATUS_MEANINGS.get(status, 'as the coder read it')}"]
    if event.get("date_text") and status in ("background", "planned"):
        parts.append(f"dated by “{event['date_text']}”")
    if event.get("attribution"):
        who = event["attribution"].get("name") or event["attribution"].get("text")
        parts.append(f"according to {who}")
    counted = event.get("counted")
    reason = event.get("not_counted")
    if counted:
        parts.append("counted in series and alerts")
    else:
        parts.append("not counted in series and alerts" + (f" ({reason})" if reason else ""))
    return "; ".join(parts) + "."
