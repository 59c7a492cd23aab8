"""The store stage: articles, events, their actors and mentions in a DuckDB file, written in bulk.

An article is keyed by a hash of its source, title and text, so ingesting the same input twice adds
nothing, and every batch is one transaction, so an interrupted ingest loses only its last, uncommitted
batch and a re-run picks up from there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa

from .cluster import CLUSTER_SCHEMA, Clusterer
from .model import Article, Event
from .settings import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    doc_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, title VARCHAR, published DATE, source VARCHAR,
    url VARCHAR, text VARCHAR, n_events INTEGER, ingested_at TIMESTAMP DEFAULT current_timestamp,
    relevance DOUBLE);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR, doc_hash VARCHAR, doc_id VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER,
    trigger VARCHAR, cameo VARCHAR, cameo_root VARCHAR, plover VARCHAR, plover_mode VARCHAR,
    goldstein DOUBLE, quad_class INTEGER, source_code VARCHAR, target_code VARCHAR, source_name VARCHAR,
    target_name VARCHAR, date DATE, date_precision VARCHAR, date_text VARCHAR, status VARCHAR,
    location_name VARCHAR, location_country VARCHAR, lat DOUBLE, lon DOUBLE, location_precision VARCHAR,
    dead INTEGER, injured INTEGER, size INTEGER, confidence DOUBLE, attribution VARCHAR, reciprocal BOOLEAN,
    record JSON, counted BOOLEAN, not_counted VARCHAR, PRIMARY KEY (doc_hash, event_id));
CREATE TABLE IF NOT EXISTS event_actors (
    event_id VARCHAR, doc_hash VARCHAR, role VARCHAR, position INTEGER, text VARCHAR, name VARCHAR,
    country VARCHAR, org VARCHAR, sector VARCHAR, affiliation VARCHAR, confidence DOUBLE);
CREATE TABLE IF NOT EXISTS mentions (
    event_id VARCHAR, doc_hash VARCHAR, doc_id VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER,
    part VARCHAR, trigger VARCHAR);
"""

# columns added since the first stores were written: an older store gains them when it is first opened (its
# rows NULL there: analysis then counts them by status, as before)
ADDED_COLUMNS = (("articles", "relevance", "DOUBLE"), ("events", "counted", "BOOLEAN"),
                 ("events", "not_counted", "VARCHAR"))

EXPORT_FORMATS = {"parquet": "(FORMAT PARQUET)", "csv": "(FORMAT CSV, HEADER)", "jsonl": "(FORMAT JSON)"}


def add_new_columns(con: duckdb.DuckDBPyConnection) -> None:
    for table, column, kind in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {column} {kind}")


def _side_code(actors: Sequence) -> str | None:
    return ";".join(a.code for a in actors) or None


def _side_name(actors: Sequence) -> str | None:
    names = [a.name or a.text for a in actors]
    return "; ".join(n for n in names if n) or None


def event_row(article: Article, event: Event) -> dict[str, Any]:
    loc = event.location
    return {
        "event_id": event.event_id or event.assign_id(), "doc_hash": article.doc_hash, "doc_id": article.id,
        "text": event.text, "span_start": event.span[0], "span_end": event.span[1], "trigger": event.trigger,
        "cameo": event.cameo, "cameo_root": event.cameo_root or event.cameo[:2], "plover": event.plover,
        "plover_mode": event.plover_mode, "goldstein": event.goldstein, "quad_class": event.quad_class,
        "source_code": _side_code(event.source), "target_code": _side_code(event.target),
        "source_name": _side_name(event.source), "target_name": _side_name(event.target),
        "date": event.date if event.date and len(event.date) == 10 else None,
        "date_precision": event.date_precision, "date_text": event.date_text, "status": event.status,
        "location_name": loc.name if loc else None, "location_country": loc.country if loc else None,
        "lat": loc.lat if loc else None, "lon": loc.lon if loc else None,
        "location_precision": loc.precision if loc else None,
        "dead": event.dead, "injured": event.injured, "size": event.size, "confidence": event.confidence,
        "attribution": (event.attribution.name or event.attribution.text) if event.attribution else None,
        "reciprocal": event.reciprocal, "record": json.dumps(event.to_dict(), ensure_ascii=False),
        "counted": event.counted, "not_counted": event.not_counted,
    }


def actor_rows(article: Article, event: Event) -> list[dict[str, Any]]:
    rows = []
    sides = [("source", event.source), ("target", event.target),
             ("attribution", [event.attribution] if event.attribution else [])]
    for role, actors in sides:
        for position, a in enumerate(actors):
            rows.append({"event_id": event.event_id, "doc_hash": article.doc_hash, "role": role,
                         "position": position, "text": a.text, "name": a.name, "country": a.country,
                         "org": a.org, "sector": a.sector, "affiliation": a.affiliation,
                         "confidence": a.confidence})
    return rows


def mention_rows(article: Article, event: Event) -> list[dict[str, Any]]:
    return [{"event_id": event.event_id, "doc_hash": article.doc_hash, "doc_id": m.doc_id, "text": m.text,
             "span_start": m.span[0], "span_end": m.span[1], "part": m.part, "trigger": m.trigger}
            for m in event.mentions]


def unique_events(events: list[Event]) -> list[Event]:
    """Each event id once (a coder may report one event twice); the first report is kept."""
    kept: dict[str, Event] = {}
    for event in events:
        kept.setdefault(event.event_id or event.assign_id(), event)
    return list(kept.values())


class Store:
    """A DuckDB event store. Use as a context manager, or call close()."""

    def __init__(self, path: str | Path = "eventwire.duckdb", read_only: bool = False):
        self.path = str(path)
        self.cluster_window_days = Settings.from_env().cluster_window_days  # see cluster.py
        self.con = duckdb.connect(self.path, read_only=read_only)
        if not read_only:
            self.con.execute(SCHEMA + CLUSTER_SCHEMA)
            add_new_columns(self.con)
        elif self._lacks_new_columns():
            self.con.close()  # a store written by an older version: add the columns once, then read
            with duckdb.connect(self.path) as upgrade:
                add_new_columns(upgrade)
            self.con = duckdb.connect(self.path, read_only=True)

    def _lacks_new_columns(self) -> bool:
        present = {(t, c) for t, c in self.con.execute(
            "SELECT table_name, column_name FROM information_schema.columns").fetchall()}
        tables = {t for t, _ in present}
        return any(t in tables and (t, c) not in present for t, c, _ in ADDED_COLUMNS)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these article hashes are already stored."""
        wanted = list(set(hashes))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT doc_hash FROM articles WHERE doc_hash IN (SELECT unnest(?))",
                                [wanted]).fetchall()
        return {r[0] for r in rows}

    def write_batch(self, batch: Sequence[tuple[Article, list[Event]]]) -> tuple[int, int]:
        """Store new articles with their events in one transaction; returns (articles, events) added."""
        known = self.known_hashes(a.doc_hash for a, _ in batch)
        fresh: dict[str, tuple[Article, list[Event]]] = {}
        for article, events in batch:
            if article.doc_hash not in known:
                fresh.setdefault(article.doc_hash, (article, unique_events(events)))
        if not fresh:
            return 0, 0
        articles = [{"doc_hash": a.doc_hash, "doc_id": a.id, "title": a.title, "published": a.published,
                     "source": a.source, "url": a.url, "text": a.text, "n_events": len(evs),
                     "relevance": a.relevance}
                    for a, evs in fresh.values()]
        events = [event_row(a, e) for a, evs in fresh.values() for e in evs]
        actors = [r for a, evs in fresh.values() for e in evs for r in actor_rows(a, e)]
        mentions = [r for a, evs in fresh.values() for e in evs for r in mention_rows(a, e)]
        self.con.execute("BEGIN TRANSACTION")
        try:
            self._append("articles", articles)
            self._append("events", events)
            self._append("event_actors", actors)
            self._append("mentions", mentions)
            Clusterer(self.con, self.cluster_window_days).add(list(fresh.values()))
            self.con.execute("COMMIT")
        except Exception:
            self.con.execute("ROLLBACK")
            raise
        return len(articles), len(events)

    def _append(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Bulk insert through Arrow: row-by-row inserts are about a thousand times slower."""
        if not rows:
            return
        columns = [c[0] for c in self.con.execute(f"DESCRIBE {table}").fetchall()]
        present = [c for c in columns if c in rows[0]]
        data = pa.table({c: [r.get(c) for r in rows] for c in present})  # noqa: F841 (read by DuckDB)
        self.con.execute(f"INSERT INTO {table} ({', '.join(present)}) SELECT {', '.join(present)} FROM data")

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def events(self, actor: str | None = None, country: str | None = None, cameo: str | None = None,
               plover: str | None = None, since: str | None = None, until: str | None = None,
               status: Sequence[str] | None = None, limit: int | None = None,
               counted: bool = False) -> list[dict[str, Any]]:
        """Event records matching the filters, oldest first. `cameo` matches as a code prefix; `counted` keeps
        only the events that enter counts."""
        where, params = self._filters(actor, country, cameo, plover, since, until, status)
        if counted:
            from .analysis import COUNTED  # the one definition of a counted event (analysis imports Store)

            where = (where + " AND " if where else "WHERE ") + COUNTED
        sql = f"SELECT record FROM events e {where} ORDER BY date, doc_id, span_start"
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [json.loads(r[0]) for r in self.con.execute(sql, params).fetchall()]

    @staticmethod
    def _filters(actor, country, cameo, plover, since, until, status) -> tuple[str, list[Any]]:
        clauses, params = [], []
        if actor:
            clauses.append("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND "
                           "a.doc_hash = e.doc_hash AND (a.name ILIKE ? OR a.text ILIKE ? OR a.org = ?))")
            params += [f"%{actor}%", f"%{actor}%", actor.upper()]
        if country:
            clauses.append("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND "
                           "a.doc_hash = e.doc_hash AND a.country = ? AND a.role <> 'attribution')")
            params.append(country.upper())
        if cameo:
            clauses.append("e.cameo LIKE ?")
            params.append(f"{cameo}%")
        if plover:
            clauses.append("e.plover = ?")
            params.append(plover.upper())
        if since:
            clauses.append("e.date >= CAST(? AS DATE)")
            params.append(since)
        if until:
            clauses.append("e.date <= CAST(? AS DATE)")
            params.append(until)
        if status:
            clauses.append("e.status IN (SELECT unnest(?))")
            params.append(list(status))
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params

    def export(self, path: str | Path, fmt: str | None = None, table: str = "events") -> int:
        """Write a table (events, event_actors, mentions, articles) to Parquet, CSV or JSONL."""
        fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        if table not in ("events", "event_actors", "mentions", "articles", "clusters", "cluster_members"):
            raise ValueError(f"unknown table {table!r}")
        columns = "* EXCLUDE (record)" if table == "events" else "*"
        escaped = str(path).replace("'", "''")
        self.con.execute(f"COPY (SELECT {columns} FROM {table}) TO '{escaped}' {EXPORT_FORMATS[fmt]}")
        return self.count(table)
