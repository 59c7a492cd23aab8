"""The analysis stage: counts that analysts read off the store (event types, dyads, dyad time series).

Only counted events enter these tables (the `COUNTED` predicate): hypothetical, negated and planned events,
background references, events with no actor and events of articles of low political relevance stay in the
store for the analyst but not in the counts; `left_out` says how many and why.
"""

from __future__ import annotations

from typing import Any

from .store import Store

# The one test of "this event enters counts", read from the `counted` field the coder sets (relevance.py):
# planned, hypothetical, negated and background events, events with no actor and events of articles of low
# political relevance are left out. Rows stored before that field existed are counted by status.
COUNTED = "coalesce(counted, status IN ('occurred', 'ongoing'))"
COUNTED_WITH_LOW_RELEVANCE = f"({COUNTED} OR not_counted = 'low relevance')"


def counted_predicate(include_low_relevance: bool = False) -> str:
    """COUNTED, or (the flag to include them) COUNTED widened to the events of low-relevance articles."""
    return COUNTED_WITH_LOW_RELEVANCE if include_low_relevance else COUNTED


def left_out(store: Store) -> list[dict[str, Any]]:
    """How many events stay out of counts, by reason ("no actor", "low relevance", "hypothetical" ...), and
    how many counted events have no day-precise date, which leaves them out of time series ("undated")."""
    rows = _rows(store, f"""
        SELECT coalesce(not_counted, status) AS reason, count(*) AS events FROM events
        WHERE NOT {COUNTED} GROUP BY 1 ORDER BY 2 DESC, 1""")
    undated = store.con.execute(f"SELECT count(*) FROM events WHERE {COUNTED} AND date IS NULL").fetchone()[0]
    if undated:
        rows.append({"reason": "undated (counted, but out of time series)", "events": undated})
    return rows


def _rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def events_by_type(store: Store) -> list[dict[str, Any]]:
    """Events per PLOVER type (CAMEO statements, which PLOVER lacks, by CAMEO root)."""
    return _rows(store, f"""
        SELECT coalesce(plover, 'CAMEO ' || cameo_root) AS type, count(*) AS events,
               round(avg(goldstein), 2) AS mean_goldstein
        FROM events WHERE {COUNTED} GROUP BY 1 ORDER BY events DESC, type""")


def status_counts(store: Store) -> list[dict[str, Any]]:
    return _rows(store, "SELECT status, count(*) AS events FROM events GROUP BY 1 ORDER BY 2 DESC")


def top_dyads(store: Store, limit: int = 10) -> list[dict[str, Any]]:
    """The most frequent source→target pairs of country or organisation codes."""
    return _rows(store, f"""
        WITH sides AS (
            SELECT e.event_id, e.doc_hash, e.goldstein,
                   coalesce(s.org, s.country) AS src, coalesce(t.org, t.country) AS tgt
            FROM events e
            JOIN event_actors s ON s.event_id = e.event_id AND s.doc_hash = e.doc_hash AND s.role = 'source'
            JOIN event_actors t ON t.event_id = e.event_id AND t.doc_hash = e.doc_hash AND t.role = 'target'
            WHERE {COUNTED})
        SELECT src AS source, tgt AS target, count(DISTINCT (event_id, doc_hash)) AS events,
               round(avg(goldstein), 2) AS mean_goldstein
        FROM sides WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
        GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT {int(limit)}""")


def dyad_series(store: Store, source: str, target: str, period: str = "week") -> list[dict[str, Any]]:
    """Events from source to target per period, with the Goldstein sum and counts per quad class."""
    if period not in ("day", "week", "month"):
        raise ValueError(f"period must be day, week or month, not {period!r}")
    return _rows(store, f"""
        SELECT date_trunc('{period}', e.date)::DATE AS period, count(DISTINCT (e.event_id, e.doc_hash)) AS events,
               round(sum(e.goldstein), 1) AS goldstein,
               count(DISTINCT CASE WHEN quad_class = 1 THEN (e.event_id, e.doc_hash) END) AS verbal_coop,
               count(DISTINCT CASE WHEN quad_class = 2 THEN (e.event_id, e.doc_hash) END) AS material_coop,
               count(DISTINCT CASE WHEN quad_class = 3 THEN (e.event_id, e.doc_hash) END) AS verbal_conflict,
               count(DISTINCT CASE WHEN quad_class = 4 THEN (e.event_id, e.doc_hash) END) AS material_conflict
        FROM events e
        JOIN event_actors s ON s.event_id = e.event_id AND s.doc_hash = e.doc_hash AND s.role = 'source'
        JOIN event_actors t ON t.event_id = e.event_id AND t.doc_hash = e.doc_hash AND t.role = 'target'
        WHERE {COUNTED} AND e.date IS NOT NULL
          AND coalesce(s.org, s.country) = ? AND coalesce(t.org, t.country) = ?
        GROUP BY 1 ORDER BY 1""", [source.upper(), target.upper()])
