"""The store stage: articles, events, their actors and mentions in a DuckDB file, written in bulk.

An article is keyed by a hash of its normalised source, title and text (`model.document_key`), so ingesting
the same input twice adds nothing, and every batch is one transaction, with the identities its coding
taught, so an interrupted ingest loses only its last, uncommitted batch and a re-run picks up from there as
if it had never stopped. How writers and readers share the file: `storefile.py` and docs/store.md.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .cluster import CLUSTER_SCHEMA, Clusterer, register
from .model import Article, Event, document_key, normal_form
from .settings import Settings
from .storefile import RELEASE_GAP, NotAStore, StoreBusy, StoreError, StoreFile, first_line

__all__ = ["NotAStore", "Store", "StoreBusy", "StoreError", "StoreWriter"]

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
CREATE TABLE IF NOT EXISTS learned_identities (
    name VARCHAR PRIMARY KEY, seq INTEGER, country VARCHAR, org VARCHAR, sector VARCHAR, role VARCHAR,
    first_seen VARCHAR, last_seen VARCHAR, evidence INTEGER);
CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
"""
# 1: doc_hash over the fields as they came; 2: over their normal form (`model.document_key`)
STORE_FORMAT = 2
DOC_TABLES = ("articles", "events", "event_actors", "mentions", "cluster_members")  # rows keyed by doc_hash
LEARNED_COLUMNS = ("name", "country", "org", "sector", "role", "first_seen", "last_seen", "evidence")

EXPORT_FORMATS = ("parquet", "csv", "jsonl")
EXPORT_TABLES = ("events", "event_actors", "mentions", "articles", "clusters", "cluster_members")

# Columns added to the schema after stores were first written (issue #13). A writer adds them to an older
# store when it opens it (`_prepare`), its old rows NULL there, which the analysis counts by status as
# before. A reader never writes: on an older store it reads the tables through views that show the columns
# as NULL (`show_added_columns`), so every query, and the one COUNTED predicate, runs unchanged.
ADDED_COLUMNS = (("articles", "relevance", "DOUBLE"), ("events", "counted", "BOOLEAN"),
                 ("events", "not_counted", "VARCHAR"))


def add_new_columns(con: duckdb.DuckDBPyConnection) -> None:
    """Writer path only: give an older store's tables the columns added since it was written."""
    for table, columns in missing_columns(con).items():
        for column, kind in columns:
            con.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")


def missing_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[tuple[str, str]]]:
    """The added columns the current database's tables lack, by table (empty for a store of this version)."""
    present = {(t, c) for t, c in con.execute(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_catalog = current_database() AND table_schema = 'main'").fetchall()}
    tables = {t for t, _ in present}
    missing: dict[str, list[tuple[str, str]]] = {}
    for table, column, kind in ADDED_COLUMNS:
        if table in tables and (table, column) not in present:
            missing.setdefault(table, []).append((column, kind))
    return missing


def show_added_columns(con: duckdb.DuckDBPyConnection, missing: dict[str, list[tuple[str, str]]]) -> None:
    """Reader path: temporary views (this connection only, nothing written) that stand in for an older
    store's tables and add the columns they lack as NULL. Temporary objects are found before the attached
    store's tables, so plain table names reach the views; `rowid` is carried for the web's paging."""
    for table, columns in missing.items():
        added = ", ".join(f"NULL::{kind} AS {column}" for column, kind in columns)
        con.execute(f"CREATE OR REPLACE TEMP VIEW {table} AS "
                    f"SELECT rowid AS rowid, *, {added} FROM {current_catalog(con)}.main.{table}")


def current_catalog(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("SELECT current_database()").fetchall()[0][0]


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


def same_document(a: Article, b: Article) -> bool:
    """Two versions of one article for `--update`: the same id from the same source (normalised)."""
    return a.id == b.id and normal_form(a.source, fold_case=True) == normal_form(b.source, fold_case=True)


class Store:
    """The DuckDB event store. Use as a context manager, or call close().

    * `Store(path, read_only=True)`: a reader. While a writer holds the file it retries, for up to `wait`
      seconds (default `Settings.store_wait`), then raises `StoreBusy`.
    * `Store(path)`: a writer that holds the writer lock and the file until it is closed (scripts, tests).
    * `Store.writer(path)`: a writer *run* (ingest): the writer lock for the run, the file only per batch.

    Any path that is not a DuckDB file (or, for a writer, a new file) is refused with `NotAStore`, and any
    failure of the file with a `StoreError` naming it. The connection (`con`) is locked down (see
    `storefile.py`): plain SQL on the store's tables, no extension loading and no other files.
    """

    def __init__(self, path: str | Path = "eventwire.duckdb", read_only: bool = False,
                 wait: float | None = None):
        settings = Settings.from_env()
        self.path = str(path)
        self.read_only = read_only
        self.wait = (settings.store_wait if read_only else settings.store_write_wait) if wait is None else wait
        self.cluster_window_days = settings.cluster_window_days  # see cluster.py
        self.replaced = 0  # stored articles replaced by a newer version (`write_batch(update=True)`)
        self.file = StoreFile(path)
        self.file.check(read_only)
        self.attached = False
        self.con: duckdb.DuckDBPyConnection | None = None
        self._lock = None if read_only else self.file.lock()
        try:
            self.con = self.file.connect()
            self._attach()
            if not read_only:
                self._prepare()
        except BaseException:
            self.close(quiet=True)
            raise

    @classmethod
    def writer(cls, path: str | Path = "eventwire.duckdb", wait: float | None = None) -> StoreWriter:
        """A writer run: fails at once with `StoreBusy` while another run writes to this store."""
        return StoreWriter(path, wait)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type, *exc) -> None:
        self.close(quiet=exc_type is not None)  # an error closing must not hide the one that got us here

    def close(self, quiet: bool = False) -> None:
        try:
            if self.attached:
                self._detach()
        except StoreError:
            if not quiet:
                raise
        finally:
            if self.con is not None:
                self.con.close()
                self.con = None
            if self._lock is not None:
                self._lock.release()
                self._lock = None

    def _attach(self) -> None:
        self.file.attach(self.con, self.read_only, self.wait)
        self.attached = True
        if self.read_only:
            show_added_columns(self.con, missing_columns(self.con))

    def _detach(self) -> None:
        self.attached = False
        self.file.detach(self.con)

    # -- writing ------------------------------------------------------------------------------------------
    def _transaction(self, work: Callable[[], None]) -> None:
        """Run `work` in one transaction; a DuckDB failure becomes a `StoreError` with its real cause."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            work()
            self.con.execute("COMMIT")
        except duckdb.Error as e:
            self._rollback()
            raise StoreError(f"could not write to the store {self.path}: {first_line(e)} "
                             f"(the batches committed before are kept)") from e
        except BaseException:
            self._rollback()
            raise

    def _rollback(self) -> None:
        """After a failed COMMIT (a full disk) DuckDB has already ended the transaction: a ROLLBACK then
        fails with "no transaction is active", which must not hide the cause."""
        try:
            self.con.execute("ROLLBACK")
        except duckdb.Error:
            pass

    def _prepare(self) -> None:
        """Create the tables a store lacks, and bring an older store's article keys to this format."""
        tables = {r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()").fetchall()}

        def work() -> None:
            self.con.execute(SCHEMA + CLUSTER_SCHEMA)
            add_new_columns(self.con)
            rows = self.con.execute("SELECT value FROM store_meta WHERE key = 'format'").fetchall()
            if not rows or int(rows[0][0]) < STORE_FORMAT:
                if "articles" in tables:
                    self._rekey()
                self.con.execute("INSERT OR REPLACE INTO store_meta VALUES ('format', ?)", [str(STORE_FORMAT)])

        self._transaction(work)

    def _rekey(self) -> None:
        """Format 1 → 2: re-key each article by its normalised fields. Copies that only the old key told
        apart ("Guardian " and "Guardian") are the same article: the first one stored is kept."""
        cur = self.con.execute("SELECT doc_hash, source, title, text FROM articles ORDER BY ingested_at, doc_hash")
        kept: dict[str, str] = {}
        moves: list[tuple[str, str]] = []
        repeats: list[str] = []
        while rows := cur.fetchmany(2048):
            for old, source, title, text in rows:
                new = document_key(source or "", title or "", text or "")
                if new in kept:
                    repeats.append(old)
                    continue
                kept[new] = old
                if new != old:
                    moves.append((old, new))
        self._tidy_clusters(self._remove(repeats))
        if moves:
            self._with_rows("rekeyed", pa.table({"old": [m[0] for m in moves], "new": [m[1] for m in moves]}),
                            lambda name: [self.con.execute(f"UPDATE {t} SET doc_hash = m.new FROM {name} m "
                                                           f"WHERE {t}.doc_hash = m.old") for t in DOC_TABLES])

    def write_batch(self, batch: Sequence[tuple[Article, list[Event]]], update: bool = False,
                    learned: Iterable[dict[str, Any]] = ()) -> tuple[int, int]:
        """Store new articles with their events, and the identities their coding taught (`learned`), in
        one transaction; returns (articles, events) added.

        By default a stored article is skipped. With `update`, an article whose id (from the same source)
        or text is stored but differs in text, title, date, id or URL replaces the stored one, with its
        events, actors, mentions and cluster memberships."""
        fresh = self._fresh(batch, update)
        learned = list(learned)
        if not fresh and not learned:
            return 0, 0
        articles = [{"doc_hash": a.doc_hash, "doc_id": a.id, "title": a.title, "published": a.published,
                     "source": a.source, "url": a.url, "text": a.text, "n_events": len(evs),
                     "relevance": a.relevance}
                    for a, evs in fresh.values()]
        events = [event_row(a, e) for a, evs in fresh.values() for e in evs]
        actors = [r for a, evs in fresh.values() for e in evs for r in actor_rows(a, e)]
        mentions = [r for a, evs in fresh.values() for e in evs for r in mention_rows(a, e)]
        replaced: list[str] = []

        def work() -> None:
            touched = set()
            if update:
                replaced.extend(self._stored_versions(fresh))
                touched = self._remove(replaced)
            self._append("articles", articles)
            self._append("events", events)
            self._append("event_actors", actors)
            self._append("mentions", mentions)
            Clusterer(self.con, self.cluster_window_days).add(list(fresh.values()))
            self._tidy_clusters(touched)
            self._save_learned(learned)

        self._transaction(work)
        self.replaced += len(replaced)
        return len(articles), len(events)

    def _fresh(self, batch: Sequence[tuple[Article, list[Event]]], update: bool
               ) -> dict[str, tuple[Article, list[Event]]]:
        """The batch's articles to store, by key: each once, and none stored as it is (by key alone, or
        with `update` by key, id, date and URL; then the last version of an article in the batch wins)."""
        known = self.unchanged([a for a, _ in batch]) if update else self.known_hashes(a.doc_hash for a, _ in batch)
        fresh: dict[str, tuple[Article, list[Event]]] = {}
        for article, events in batch:
            if article.doc_hash in known:
                continue
            if not update:
                fresh.setdefault(article.doc_hash, (article, unique_events(events)))
                continue
            for key in [k for k, (a, _) in fresh.items() if k == article.doc_hash or same_document(a, article)]:
                del fresh[key]
            fresh[article.doc_hash] = (article, unique_events(events))
        return fresh

    def _stored_versions(self, fresh: dict[str, tuple[Article, list[Event]]]) -> list[str]:
        """Keys of the stored articles the fresh ones replace: the same text, or the same id and source."""
        incoming = [a for a, _ in fresh.values()]
        rows = self.con.execute(
            "SELECT doc_hash, doc_id, source FROM articles "
            "WHERE doc_hash IN (SELECT unnest(?)) OR doc_id IN (SELECT unnest(?))",
            [list(fresh), sorted({a.id for a in incoming})]).fetchall()
        return [h for h, doc_id, source in rows
                if h in fresh or any(same_document(a, Article(id=doc_id, text="", source=source or ""))
                                     for a in incoming)]

    def _remove(self, hashes: list[str]) -> set[str]:
        """Delete these articles and every row of theirs; returns the clusters that lost members."""
        if not hashes:
            return set()
        clusters = {r[0] for r in self.con.execute(
            "SELECT DISTINCT cluster_id FROM cluster_members WHERE doc_hash IN (SELECT unnest(?))",
            [hashes]).fetchall()}
        for table in DOC_TABLES:
            self.con.execute(f"DELETE FROM {table} WHERE doc_hash IN (SELECT unnest(?))", [hashes])
        return clusters

    def _tidy_clusters(self, cluster_ids: set[str]) -> None:
        """Recount clusters that lost members, and drop those left with none."""
        if not cluster_ids:
            return
        Clusterer(self.con, self.cluster_window_days).refresh(cluster_ids)
        self.con.execute("DELETE FROM clusters WHERE cluster_id IN (SELECT unnest(?)) AND cluster_id NOT IN "
                         "(SELECT cluster_id FROM cluster_members WHERE cluster_id IN (SELECT unnest(?)))",
                         [sorted(cluster_ids), sorted(cluster_ids)])

    def _save_learned(self, learned: list[dict[str, Any]]) -> None:
        """Upsert learned identities in their current state; `seq` keeps the order each was first learned
        in, which a resumed run replays them in (the resolver's name index depends on it)."""
        if not learned:
            return
        last = self.con.execute("SELECT coalesce(max(seq), 0) FROM learned_identities").fetchall()[0][0]
        data = pa.table({"seq": list(range(last + 1, last + 1 + len(learned))),
                         **{c: [item[c] for item in learned] for c in LEARNED_COLUMNS}})
        updates = ", ".join(f"{c} = excluded.{c}" for c in LEARNED_COLUMNS[1:])
        columns = ", ".join(("seq", *LEARNED_COLUMNS))
        self._with_rows("learned", data, lambda name: self.con.execute(
            f"INSERT INTO learned_identities ({columns}) SELECT {columns} FROM {name} "
            f"ON CONFLICT (name) DO UPDATE SET {updates}"))

    def learned_identities(self) -> list[dict[str, Any]]:
        """What earlier runs into this store learned about people, in the order it was first learned."""
        cur = self.con.execute(f"SELECT {', '.join(LEARNED_COLUMNS)} FROM learned_identities ORDER BY seq")
        return [dict(zip(LEARNED_COLUMNS, row, strict=True)) for row in cur.fetchall()]

    def _with_rows(self, name: str, data: pa.Table, use: Callable[[str], Any]) -> None:
        """Let SQL read an Arrow table under `name` (registered: the locked-down connection does not look
        up Python variables)."""
        register(self.con, name, data, use)

    def _append(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Bulk insert through Arrow: row-by-row inserts are about a thousand times slower."""
        if not rows:
            return
        columns = [c[0] for c in self.con.execute(f"DESCRIBE {table}").fetchall()]
        present = ", ".join(c for c in columns if c in rows[0])
        data = pa.table({c: [r.get(c) for r in rows] for c in columns if c in rows[0]})
        self._with_rows("incoming", data, lambda name: self.con.execute(
            f"INSERT INTO {table} ({present}) SELECT {present} FROM {name}"))

    # -- reading ------------------------------------------------------------------------------------------
    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these article hashes are already stored."""
        wanted = list(set(hashes))
        if not wanted:
            return set()
        rows = self.con.execute("SELECT doc_hash FROM articles WHERE doc_hash IN (SELECT unnest(?))",
                                [wanted]).fetchall()
        return {r[0] for r in rows}

    def unchanged(self, articles: Sequence[Article]) -> set[str]:
        """Keys of the articles stored exactly as given (key, id, date and URL): what `--update` skips."""
        by_key = {a.doc_hash: a for a in articles}
        if not by_key:
            return set()
        rows = self.con.execute("SELECT doc_hash, doc_id, published, url FROM articles "
                                "WHERE doc_hash IN (SELECT unnest(?))", [list(by_key)]).fetchall()
        return {h for h, doc_id, published, url in rows
                if (doc_id, published.isoformat() if published else None, url or "")
                == (by_key[h].id, by_key[h].published, by_key[h].url or "")}

    def count(self, table: str) -> int:
        return self.con.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]

    def events(self, actor: str | None = None, country: str | None = None, cameo: str | None = None,
               plover: str | None = None, since: str | None = None, until: str | None = None,
               status: Sequence[str] | None = None, limit: int | None = None,
               counted: bool = False, include_low_relevance: bool = False) -> list[dict[str, Any]]:
        """Event records matching the filters, oldest first. `cameo` matches as a code prefix; `counted` keeps
        only the events that enter counts (with `include_low_relevance`, those of low-relevance articles too)."""
        where, params = self._filters(actor, country, cameo, plover, since, until, status)
        if counted:
            # the one definition of a counted event (analysis imports Store)
            from .analysis import counted_predicate

            where = (where + " AND " if where else "WHERE ") + f"({counted_predicate(include_low_relevance)})"
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

    def export(self, path: str | Path, fmt: str | None = None, table: str = "events", force: bool = False) -> int:
        """Write a table (events, event_actors, mentions, articles, clusters, cluster_members) to a Parquet,
        CSV or JSONL file; returns the rows written. An existing file is kept unless `force`, and never
        the store itself; the file appears whole or not at all (written beside it, then renamed)."""
        fmt = (fmt or Path(path).suffix.lstrip(".")).lower()
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(EXPORT_FORMATS)}")
        if table not in EXPORT_TABLES:
            raise ValueError(f"unknown table {table!r}")
        present = {r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()}
        hidden = [c for c in ("record", "rowid") if c in present]  # rowid: an older store's view (see above)
        columns = f"* EXCLUDE ({', '.join(hidden)})" if hidden else "*"
        return self.export_query(f"SELECT {columns} FROM {table}", path, fmt, force=force)

    def export_query(self, sql: str, path: str | Path, fmt: str, params: list[Any] | None = None,
                     force: bool = False) -> int:
        """Write a query's rows to a local Parquet, CSV or JSONL file (streamed through Arrow, so the
        locked-down connection needs no file access); returns the rows written."""
        target = self.export_target(path, force)
        partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
        try:
            with open(partial, "wb") as sink:
                rows = write_rows(self.con, sql, params or [], sink, fmt)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        return rows

    def export_target(self, path: str | Path, force: bool) -> Path:
        """Where an export may go: a local file in an existing folder, not the store, not one that exists
        unless `force` (ValueError / FileExistsError, as for any bad argument)."""
        text = str(path)
        if re.match(r"^[A-Za-z][A-Za-z0-9+.-]+:/", text):  # s3://, https:// (a Path keeps one slash)
            raise ValueError(f"cannot export to {text}: export writes local files only")
        target = Path(path)
        if not target.parent.is_dir():
            raise ValueError(f"cannot export to {text}: the folder {target.parent} does not exist")
        if target.is_dir():
            raise ValueError(f"cannot export to {text}: it is a folder")
        if target.exists():
            if target.samefile(self.file.path):
                raise ValueError(f"cannot export to {text}: it is the store being exported")
            if not force:
                raise FileExistsError(f"{text} already exists; pass --force to overwrite it")
        return target


class StoreWriter(Store):
    """A writer run (made by `Store.writer`): holds the writer lock for the whole run, and the DuckDB file
    only inside each call below (one look-up, or one batch transaction), so readers get in between. Read
    anything else through a reader `Store`."""

    def __init__(self, path: str | Path = "eventwire.duckdb", wait: float | None = None):
        super().__init__(path, read_only=False, wait=wait)
        self._detach()
        self._free_until = 0.0  # monotonic time before which the file is left to readers

    @contextmanager
    def _holding(self) -> Iterator[None]:
        """The file, attached for one call and detached (checkpointed) after it. After a batch the writer
        leaves it free for RELEASE_GAP, longer than a waiting reader's pause between tries, so readers get
        in even when batches come back to back (coding usually leaves seconds between them)."""
        if self.attached:  # a call inside another one (write_batch looks up what is stored)
            yield
            return
        time.sleep(max(0.0, self._free_until - time.monotonic()))
        self._attach()
        try:
            yield
        except BaseException:
            try:
                self._detach()
            except StoreError:
                pass  # the error that got us here says more
            raise
        self._detach()

    def write_batch(self, batch: Sequence[tuple[Article, list[Event]]], update: bool = False,
                    learned: Iterable[dict[str, Any]] = ()) -> tuple[int, int]:
        try:
            with self._holding():
                return super().write_batch(batch, update, learned)
        finally:
            self._free_until = time.monotonic() + RELEASE_GAP

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        wanted = list(hashes)
        if not wanted:
            return set()
        with self._holding():
            return super().known_hashes(wanted)

    def unchanged(self, articles: Sequence[Article]) -> set[str]:
        with self._holding():
            return super().unchanged(articles)

    def learned_identities(self) -> list[dict[str, Any]]:
        with self._holding():
            return super().learned_identities()

    def count(self, table: str) -> int:
        with self._holding():
            return super().count(table)


def write_rows(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any], sink, fmt: str) -> int:
    """Stream a query's rows into an open binary file as Parquet, CSV (header) or JSON lines."""
    if fmt == "jsonl":
        cur = con.execute(f"SELECT to_json(q)::VARCHAR FROM ({sql}) q", params)
        rows = 0
        while chunk := cur.fetchmany(10_000):
            sink.write("".join(f"{line}\n" for (line,) in chunk).encode("utf-8"))
            rows += len(chunk)
        return rows
    relation = con.sql(sql, params=params)
    rows_per_batch = 50_000
    reader = (relation.to_arrow_reader(rows_per_batch) if hasattr(relation, "to_arrow_reader")  # DuckDB 2
              else relation.fetch_record_batch(rows_per_batch))
    if fmt == "parquet":
        writer: Any = pq.ParquetWriter(sink, reader.schema)
    else:
        writer = pa_csv.CSVWriter(sink, reader.schema, write_options=pa_csv.WriteOptions(quoting_style="needed"))
    rows = 0
    with writer:
        for batch in reader:
            writer.write_batch(batch)
            rows += batch.num_rows
    return rows
