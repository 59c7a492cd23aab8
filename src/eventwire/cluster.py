"""Cross-article event clustering: every mention of one real-world event, across articles and days, joins
one cluster that counts its mentions, articles and sources (as GDELT does) and links back to each mention.

The rule (see docs/clustering.md): two coded events are the same real event when they share
  * the CAMEO root,
  * the dyad: source and target actor codes (as a sorted pair when the event is reciprocal),
  * a date within `cluster_window_days` of the cluster's anchor date (the date of the event that opened it),
  * and the location country, when both have one.
An event joins the nearest such cluster (ties: the smaller cluster id) or opens a new one. Clustering is
incremental: a new batch only reads the clusters whose key it shares, inside its date range, and adds to
them in the same transaction as its articles, so nothing already stored is re-clustered. Given the same
input order it is deterministic (events of a batch are taken in date, document, offset order).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from .model import Article, Event

CLUSTER_SCHEMA = """
CREATE TABLE IF NOT EXISTS clusters (
    cluster_id VARCHAR PRIMARY KEY, cluster_key VARCHAR, cameo_root VARCHAR, cameo VARCHAR,
    side_a VARCHAR, side_b VARCHAR, reciprocal BOOLEAN, country VARCHAR, anchor_date DATE,
    first_date DATE, last_date DATE, num_mentions INTEGER, num_articles INTEGER, num_sources INTEGER,
    num_events INTEGER);
CREATE TABLE IF NOT EXISTS cluster_members (
    cluster_id VARCHAR, event_id VARCHAR, doc_hash VARCHAR, doc_id VARCHAR, source VARCHAR, date DATE,
    country VARCHAR, mention INTEGER, text VARCHAR, span_start INTEGER, span_end INTEGER, part VARCHAR);
ALTER TABLE cluster_members ADD COLUMN IF NOT EXISTS country VARCHAR;
"""

# Negated, hypothetical and planned events did not (yet) happen, and background references are dated
# too loosely to match: only reports of events that took place are clustered.
CLUSTERED_STATUSES = ("occurred", "ongoing")


@dataclass
class Candidate:
    """A cluster a new event may join: its id, anchor date and location country."""

    cluster_id: str
    anchor: dt.date
    country: str | None


def side_code(actors: Sequence) -> str:
    return ";".join(sorted(a.code for a in actors))


def cluster_key(event: Event) -> tuple[str, str, str] | None:
    """(CAMEO root, side A, side B), or None for an event no other report could be matched to."""
    if not (any(a.is_known() for a in event.source) or any(a.is_known() for a in event.target)):
        return None  # "someone did something": too vague to say two reports are the same event
    side_a, side_b = side_code(event.source), side_code(event.target)
    if event.reciprocal:
        side_a, side_b = sorted((side_a, side_b))
    return (event.cameo_root or event.cameo[:2], side_a, side_b)


def event_day(event: Event, article: Article) -> dt.date | None:
    for value in (event.date, article.published):
        if value and len(value) >= 10:
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    return None


def event_country(event: Event) -> str | None:
    return event.location.country if event.location and event.location.country else None


def open_id(article: Article, event: Event, salt: int = 0) -> str:
    """The id of the cluster an event opens: a hash of its document and event id."""
    seed = f"{article.doc_hash}\x00{event.event_id or event.assign_id()}" + (f"\x00{salt}" if salt else "")
    return hashlib.sha1(seed.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def member_rows(cluster_id: str, article: Article, event: Event, day: dt.date | None) -> list[dict[str, Any]]:
    """One row per mention (the event's own sentence when the coder listed none), linking back to the text."""
    mentions = [(m.text, m.span, m.part) for m in event.mentions] or [(event.text, event.span, "text")]
    return [{"cluster_id": cluster_id, "event_id": event.event_id or event.assign_id(),
             "doc_hash": article.doc_hash, "doc_id": article.id, "source": article.source or None, "date": day,
             "country": event_country(event), "mention": k, "text": text, "span_start": span[0],
             "span_end": span[1], "part": part}
            for k, (text, span, part) in enumerate(mentions)]


class Clusterer:
    """Assigns the events of one stored batch to clusters, inside the caller's transaction."""

    def __init__(self, con: Any, window_days: int = 3):
        self.con = con
        self.window = dt.timedelta(days=window_days)
        self.taken: set[str] = set()  # stored ids a new cluster must not take (see _taken_ids)

    def add(self, batch: Sequence[tuple[Article, list[Event]]]) -> int:
        """Cluster the batch's events; returns how many clusters were opened."""
        items = [(article, event, event_day(event, article)) for article, events in batch for event in events
                 if event.status in CLUSTERED_STATUSES]
        items.sort(key=lambda x: (x[2] or dt.date.max, x[0].id, x[1].span[0], x[1].event_id or x[1].assign_id()))
        if not items:
            return 0
        known = self._candidates(items)
        self.taken = self._taken_ids(items)
        new_clusters: list[dict[str, Any]] = []
        members: list[dict[str, Any]] = []
        for article, event, day in items:
            key = cluster_key(event)
            cluster_id = self._join(known, key, day, event_country(event)) if key and day else None
            if cluster_id is None:
                cluster_id = self._open(known, new_clusters, article, event, key, day)
            members += member_rows(cluster_id, article, event, day)
        _append(self.con, "clusters", new_clusters)
        _append(self.con, "cluster_members", members)
        self.refresh({m["cluster_id"] for m in members})
        return len(new_clusters)

    def _candidates(self, items: list) -> dict[tuple, list[Candidate]]:
        """Stored clusters sharing a key with the batch and anchored within its date range."""
        keys = {"|".join(k) for _, e, d in items if d and (k := cluster_key(e))}
        days = [d for _, _, d in items if d]
        known: dict[tuple, list[Candidate]] = defaultdict(list)
        if not keys:
            return known
        rows = self.con.execute(
            "SELECT cluster_key, cluster_id, anchor_date, country FROM clusters "
            "WHERE cluster_key IN (SELECT unnest(?)) AND anchor_date BETWEEN ? AND ? ORDER BY cluster_id",
            [sorted(keys), min(days) - self.window, max(days) + self.window]).fetchall()
        for key, cluster_id, anchor, country in rows:
            known[tuple(key.split("|"))].append(Candidate(cluster_id, anchor, country))
        return known

    def _taken_ids(self, items: list) -> set[str]:
        """Stored cluster ids the batch's events would open again: only when an article is replaced
        (`ingest --update`) and a cluster its old version opened lives on with other reports."""
        seeds = sorted({open_id(article, event) for article, event, _ in items})
        rows = self.con.execute("SELECT cluster_id FROM clusters WHERE cluster_id IN (SELECT unnest(?))",
                                [seeds]).fetchall()
        return {r[0] for r in rows}

    def _join(self, known: dict, key: tuple, day: dt.date, country: str | None) -> str | None:
        """The nearest compatible cluster's id, or None."""
        fitting = [c for c in known.get(key, [])
                   if abs(c.anchor - day) <= self.window and (not c.country or not country or c.country == country)]
        if not fitting:
            return None
        best = min(fitting, key=lambda c: (abs(c.anchor - day), c.cluster_id))
        best.country = best.country or country
        return best.cluster_id

    def _open(self, known: dict, new_clusters: list, article: Article, event: Event, key: tuple | None,
              day: dt.date | None) -> str:
        cluster_id = open_id(article, event)
        salt = 0
        while cluster_id in self.taken:  # (see _taken_ids) the replaced version's cluster keeps its id
            salt += 1
            cluster_id = open_id(article, event, salt)
        root, side_a, side_b = key or (event.cameo_root or event.cameo[:2], side_code(event.source),
                                       side_code(event.target))
        new_clusters.append({"cluster_id": cluster_id, "cluster_key": "|".join(key) if key else None,
                             "cameo_root": root, "cameo": event.cameo, "side_a": side_a or None,
                             "side_b": side_b or None, "reciprocal": event.reciprocal,
                             "country": event_country(event), "anchor_date": day})
        if key and day:
            known[key].append(Candidate(cluster_id, day, event_country(event)))
        return cluster_id

    def refresh(self, cluster_ids: set[str]) -> None:
        """Recount the touched clusters from their members (cheap: only these ids are read)."""
        self.con.execute("""
            UPDATE clusters SET num_mentions = s.n_mentions, num_articles = s.n_articles,
                num_sources = s.n_sources, num_events = s.n_events, first_date = s.first_date,
                last_date = s.last_date,
                country = coalesce(clusters.country, s.country)
            FROM (SELECT m.cluster_id, count(*) AS n_mentions, count(DISTINCT m.doc_hash) AS n_articles,
                         count(DISTINCT coalesce(m.source, m.doc_hash)) AS n_sources,
                         count(DISTINCT (m.doc_hash, m.event_id)) AS n_events,
                         min(m.date) AS first_date, max(m.date) AS last_date, any_value(m.country) AS country
                  FROM cluster_members m WHERE m.cluster_id IN (SELECT unnest(?)) GROUP BY m.cluster_id) s
            WHERE clusters.cluster_id = s.cluster_id""", [sorted(cluster_ids)])


def _append(con: Any, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    columns = ", ".join(rows[0])
    register(con, "incoming", pa.table({c: [r[c] for r in rows] for c in rows[0]}),
             lambda name: con.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {name}"))


def register(con: Any, name: str, data: pa.Table, use: Callable[[str], Any]) -> None:
    """Let SQL read an Arrow table under `name` while `use(name)` runs. Registered, because the store's
    locked-down connection does not look up Python variables (storefile.py); an error of `use` is the one
    raised, not the "transaction is aborted" that unregistering then meets."""
    con.register(name, data)
    try:
        use(name)
    except BaseException:
        try:
            con.unregister(name)
        except Exception:
            pass
        raise
    con.unregister(name)


def cluster_records(con: Any, since: str | None = None, until: str | None = None, min_articles: int = 1,
                    limit: int | None = None) -> list[dict[str, Any]]:
    """Clusters (one per real event), largest first, each with the list of its mentions."""
    sql = ("SELECT * FROM clusters WHERE num_articles >= ? AND (? IS NULL OR last_date >= CAST(? AS DATE)) "
           "AND (? IS NULL OR first_date <= CAST(? AS DATE)) ORDER BY num_mentions DESC, first_date, cluster_id")
    if limit:
        sql += f" LIMIT {int(limit)}"
    cur = con.execute(sql, [min_articles, since, since, until, until])
    names = [d[0] for d in cur.description]
    clusters = [dict(zip(names, row, strict=True)) for row in cur.fetchall()]
    if not clusters:
        return []
    cur = con.execute("SELECT * FROM cluster_members WHERE cluster_id IN (SELECT unnest(?)) "
                      "ORDER BY date, doc_id, span_start, mention", [[c["cluster_id"] for c in clusters]])
    names = [d[0] for d in cur.description]
    members: dict[str, list] = defaultdict(list)
    for row in cur.fetchall():
        member = dict(zip(names, row, strict=True))
        members[member.pop("cluster_id")].append(member)
    for c in clusters:
        c["mentions"] = members[c["cluster_id"]]
        for k in ("anchor_date", "first_date", "last_date"):
            c[k] = c[k].isoformat() if c[k] else None
        for m in c["mentions"]:
            m["date"] = m["date"].isoformat() if m["date"] else None
    return clusters
