"""The analysis stage: counts that analysts read off the store (event types, dyads, dyad time series).

Only events whose status is counted (occurred, ongoing, planned) enter these tables: hypothetical and
negated events, and background references, stay in the store for the analyst but not in the counts.
"""

from __future__ import annotations

from typing import Any

from .store import Store

# planned events are left out of counts: the talks that were planned and then held would count twice
COUNTED = "status IN ('occurred', 'ongoing')"


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


def top_dyads(store: Store, limit: int = 10, since: str | None = None,
              until: str | None = None) -> list[dict[str, Any]]:
    """The most frequent source→target pairs of country or organisation codes (within since..until)."""
    return _rows(store, f"""
        WITH sides AS (
            SELECT e.event_id, e.doc_hash, e.goldstein,
                   coalesce(s.org, s.country) AS src, coalesce(t.org, t.country) AS tgt
            FROM events e
            JOIN event_actors s ON s.event_id = e.event_id AND s.doc_hash = e.doc_hash AND s.role = 'source'
            JOIN event_actors t ON t.event_id = e.event_id AND t.doc_hash = e.doc_hash AND t.role = 'target'
            WHERE {COUNTED} AND {_PERIOD})
        SELECT src AS source, tgt AS target, count(DISTINCT (event_id, doc_hash)) AS events,
               round(avg(goldstein), 2) AS mean_goldstein
        FROM sides WHERE src IS NOT NULL AND tgt IS NOT NULL AND src <> tgt
        GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT {int(limit)}""", _period(since, until))


# events dated inside [since, until]; either bound may be None (parameters from _period)
_PERIOD = ("(CAST(? AS DATE) IS NULL OR e.date >= CAST(? AS DATE)) "
           "AND (CAST(? AS DATE) IS NULL OR e.date <= CAST(? AS DATE))")


def _period(since: str | None, until: str | None) -> list[Any]:
    return [since, since, until, until]


def _side(role: str) -> str:
    """SQL: the event has an actor on this side whose code (organisation, else country) is the parameter."""
    return ("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND a.doc_hash = e.doc_hash "
            f"AND a.role {role} AND coalesce(a.org, a.country) = ?)")


def _actor_filters(source: str | None, target: str | None, actor: str | None) -> tuple[str, list[Any]]:
    """SQL clauses and parameters for a dyad (source, target) or an actor on either side."""
    clauses, params = [], []
    for role, code in (("= 'source'", source), ("= 'target'", target), ("IN ('source', 'target')", actor)):
        if code:
            clauses.append(_side(role))
            params.append(code.upper())
    return "".join(f" AND {c}" for c in clauses), params


def actor_counts(store: Store, q: str | None = None, since: str | None = None, until: str | None = None,
                 limit: int = 50) -> list[dict[str, Any]]:
    """Actor codes (organisation, else country) with their counted events, as source and as target, and the
    names they were most often written as; `q` keeps codes starting with it or names containing it."""
    return _rows(store, f"""
        WITH sides AS (
            SELECT coalesce(a.org, a.country) AS actor, a.role, coalesce(a.name, a.text) AS name,
                   e.event_id, e.doc_hash
            FROM events e JOIN event_actors a ON a.event_id = e.event_id AND a.doc_hash = e.doc_hash
            WHERE {COUNTED} AND {_PERIOD} AND a.role IN ('source', 'target')),
        names AS (
            SELECT actor, name, count(*) AS n FROM sides WHERE actor IS NOT NULL AND name IS NOT NULL
            GROUP BY 1, 2),
        top_names AS (
            SELECT actor, list(name ORDER BY n DESC, name)[1:3] AS names,
                   bool_or(name ILIKE '%' || CAST(? AS VARCHAR) || '%') AS name_match
            FROM names GROUP BY 1)
        SELECT s.actor, count(DISTINCT (s.event_id, s.doc_hash)) AS events,
               count(DISTINCT CASE WHEN s.role = 'source' THEN (s.event_id, s.doc_hash) END) AS as_source,
               count(DISTINCT CASE WHEN s.role = 'target' THEN (s.event_id, s.doc_hash) END) AS as_target,
               coalesce(any_value(n.names), []) AS names
        FROM sides s LEFT JOIN top_names n ON n.actor = s.actor
        WHERE s.actor IS NOT NULL
          AND (CAST(? AS VARCHAR) IS NULL OR s.actor ILIKE CAST(? AS VARCHAR) || '%' OR n.name_match)
        GROUP BY s.actor ORDER BY events DESC, s.actor LIMIT {int(limit)}""",
                 _period(since, until) + [q or "", q, q])


def event_places(store: Store, source: str | None = None, target: str | None = None, actor: str | None = None,
                 since: str | None = None, until: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
    """Counted events that have coordinates, per place: where a dyad's or an actor's events happened."""
    actors, params = _actor_filters(source, target, actor)
    return _rows(store, f"""
        SELECT e.location_name AS name, e.location_country AS country, round(avg(e.lat), 4) AS lat,
               round(avg(e.lon), 4) AS lon, count(*) AS events, round(avg(e.goldstein), 2) AS mean_goldstein
        FROM events e
        WHERE {COUNTED} AND {_PERIOD} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
              AND e.location_name IS NOT NULL {actors}
        GROUP BY 1, 2 ORDER BY events DESC, name LIMIT {int(limit)}""", _period(since, until) + params)


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
