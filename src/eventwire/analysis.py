"""The analysis stage: counts that analysts read off the store (event types, dyads, time series, alerts).

Only events that pass the one predicate `COUNTED` enter these tables: hypothetical, negated and planned
events, background references, events with no actor and events of articles of low political relevance stay
in the store for the analyst but not in the counts (the coder marks them with `counted`/`not_counted`, see
relevance.py), and `left_out` says how many and why. The events of low-relevance articles are left out by
default only: every counting function takes `include_low_relevance=True` to count them (`counted_predicate`),
as the CLI's `--include-low-relevance` and the web API's `include_low_relevance=true` do. By default a real
event reported by twenty articles counts once: series count clusters (see docs/clustering.md), and
`count="events"` counts the coded reports instead. Every function takes a Store or the path of a store.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from . import escalation
from .store import Store

# The one test of "this event enters counts", read from the `counted` field the coder sets (relevance.py):
# planned (the talks planned and then held would count twice), hypothetical, negated and background events,
# events with no actor and events of articles of low political relevance are left out. Rows stored before
# that field existed (NULL there, or read through a reader's view of an older store) are counted by status.
COUNTED = "coalesce(counted, status IN ('occurred', 'ongoing'))"
# why an event that fails COUNTED was left out (one SQL expression over the events table): the coder's
# reason, else (rows stored before it) the status
NOT_COUNTED_REASON = "coalesce(not_counted, status, 'no status')"
LOW_RELEVANCE = "low relevance"  # relevance.LOW_RELEVANCE, the reason `counted_predicate` can take back in

FREQS = ("day", "week", "month")
COUNTS = ("clusters", "events")
# An event enters a series of a given period length only when its date is at least that precise: a date
# known only to the month would pile a month of events into its first week as a false spike.
PRECISE_ENOUGH = {"day": ("day", "published"), "week": ("day", "week", "published"),
                  "month": ("day", "week", "month", "published")}
QUADS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
MEASURES = {  # alert measure: (series column, SQL filter of the events behind it, size of one event)
    "material_conflict": ("material_conflict", "quad_class = 4", 1.0),
    "conflict_mass": ("conflict_mass", "goldstein < 0", 10.0),
}
DEFAULT_MEASURE = "conflict_mass"
# the side code of an actor row: its organisation (NATO, UN) or else its country
SIDE = "coalesce({a}.org, {a}.country)"


def counted_predicate(include_low_relevance: bool = False) -> str:
    """COUNTED, or (the flag to include them) COUNTED widened to the events of low-relevance articles. Never
    NULL where COUNTED is not: an older store's rows have no `not_counted` and keep their status rule."""
    if not include_low_relevance:
        return COUNTED
    return f"(({COUNTED}) OR coalesce(not_counted = '{LOW_RELEVANCE}', FALSE))"


@contextmanager
def opened(store: Store | str | Path) -> Iterator[Store]:
    """The given Store, or a read-only Store on the given path, closed afterwards."""
    if isinstance(store, Store):
        yield store
        return
    with Store(store, read_only=True) as own:
        yield own


def _rows(store: Store, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]


def events_by_type(store: Store, include_low_relevance: bool = False) -> list[dict[str, Any]]:
    """Events per PLOVER type (CAMEO statements, which PLOVER lacks, by CAMEO root)."""
    return _rows(store, f"""
        SELECT coalesce(plover, 'CAMEO ' || cameo_root) AS type, count(*) AS events,
               round(avg(goldstein), 2) AS mean_goldstein
        FROM events WHERE {counted_predicate(include_low_relevance)} GROUP BY 1 ORDER BY events DESC, type""")


def status_counts(store: Store) -> list[dict[str, Any]]:
    return _rows(store, "SELECT status, count(*) AS events FROM events GROUP BY 1 ORDER BY 2 DESC")


# --- building blocks -----------------------------------------------------------------------------------

def _check(freq: str, count: str) -> None:
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    if count not in COUNTS:
        raise ValueError(f"count must be one of {', '.join(COUNTS)}, not {count!r}")


def _code_matches(alias: str) -> str:
    """An actor row matches a code given as country/organisation (RUS, NATO) or with its sector (RUSMIL)."""
    side = SIDE.format(a=alias)
    return f"({side} = ? OR {side} || coalesce({alias}.sector, '') = ?)"


def _has_side(role: str) -> str:
    roles = "('source', 'target')" if role == "either" else f"('{role}')"
    return (f"EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.event_id AND a.doc_hash = e.doc_hash "
            f"AND a.role IN {roles} AND {_code_matches('a')})")


def selection(source: str | None = None, target: str | None = None, actor: str | None = None,
              location: str | None = None, both: bool = False) -> tuple[str, list[Any]]:
    """SQL conditions on events `e` for a dyad (one or both directions), an actor or a location country."""
    clauses: list[str] = []
    params: list[Any] = []
    if source or target:
        directions = [(source, target)] + ([(target, source)] if both else [])
        alternatives = []
        for src, tgt in directions:
            parts = []
            for role, code in (("source", src), ("target", tgt)):
                if code:
                    parts.append(_has_side(role))
                    params += [code.upper(), code.upper()]
            alternatives.append("(" + " AND ".join(parts) + ")")
        clauses.append("(" + " OR ".join(alternatives) + ")")
    if actor:
        clauses.append(_has_side("either"))
        params += [actor.upper(), actor.upper()]
    if location:
        clauses.append("e.location_country = ?")
        params.append(location.upper())
    return " AND ".join(clauses) or "TRUE", params


def _counted_events(freq: str, where: str, since: str | None, until: str | None,
                    include_low_relevance: bool = False) -> tuple[str, list[Any]]:
    """The CTE `ev`: counted events dated precisely enough for `freq`, matching `where`, in the date range."""
    precise = ", ".join(f"'{p}'" for p in PRECISE_ENOUGH[freq])
    sql = f"""ev AS (
        SELECT e.event_id, e.doc_hash, e.date, e.quad_class, e.goldstein, e.plover, e.cameo_root,
               e.location_country
        FROM events e
        WHERE ({counted_predicate(include_low_relevance)}) AND e.date IS NOT NULL
          AND e.date_precision IN ({precise})
          AND (CAST(? AS DATE) IS NULL OR e.date >= CAST(? AS DATE))
          AND (CAST(? AS DATE) IS NULL OR e.date <= CAST(? AS DATE))
          AND ({where}))"""
    return sql, [since, since, until, until]  # the caller's parameters for `where` follow these


# Dyads include a country against itself (SYR → SYR: government against rebels, the dyad of a civil war),
# but never one actor mention paired with itself (a reciprocal event listing the same parties on both sides).
KEYS = {
    None: ("", ""),
    "dyad": ("source, target, ", f"""JOIN (
        SELECT DISTINCT s.event_id, s.doc_hash, {SIDE.format(a='s')} AS source, {SIDE.format(a='t')} AS target
        FROM event_actors s JOIN event_actors t ON s.event_id = t.event_id AND s.doc_hash = t.doc_hash
        WHERE s.role = 'source' AND t.role = 'target' AND {SIDE.format(a='s')} IS NOT NULL
          AND {SIDE.format(a='t')} IS NOT NULL AND s.text IS DISTINCT FROM t.text
        ) k USING (event_id, doc_hash)"""),
    "location": ("country, ", "JOIN (SELECT event_id, doc_hash, location_country AS country FROM ev "
                              "WHERE location_country IS NOT NULL) k USING (event_id, doc_hash)"),
}
TYPE_COLUMN = {"plover": "plover", "root": "cameo_root"}


def _units_sql(freq: str, count: str, keyed: str | None, where: str, since: str | None, until: str | None,
               by: str | None = None, include_low_relevance: bool = False) -> tuple[str, list[Any]]:
    """CTEs `x` (each counted event with its key, its cluster and its unit) and `units` (each unit once: a
    cluster, or an event when counting events), dated by its first event, with its quad class, Goldstein
    and type. An event outside any cluster is a cluster of its own."""
    ev, params = _counted_events(freq, where, since, until, include_low_relevance)
    key_cols, key_join = KEYS[keyed]
    unit = "cluster" if count == "clusters" else "doc_hash || ':' || event_id"
    type_col = TYPE_COLUMN.get(by or "", "NULL")
    sql = f"""WITH {ev},
        m AS (SELECT event_id, doc_hash, min(cluster_id) AS cluster_id FROM cluster_members GROUP BY ALL),
        c AS (SELECT {key_cols} ev.*, coalesce(m.cluster_id, 'event:' || ev.doc_hash || ':' || ev.event_id)
                     AS cluster
              FROM ev {key_join} LEFT JOIN m USING (event_id, doc_hash)),
        x AS (SELECT c.*, {unit} AS unit FROM c),
        units AS (SELECT {key_cols} unit, min(date) AS date, min(quad_class) AS quad_class,
                         avg(goldstein) AS goldstein, mode({type_col}) AS type
                  FROM x GROUP BY ALL)"""
    return sql, params


def _aggregate(store: Store, freq: str, count: str, keyed: str | None, where: str, params: list[Any],
               since: str | None = None, until: str | None = None, by: str | None = None,
               include_low_relevance: bool = False) -> list[dict[str, Any]]:
    """Rows per (key, period): events, clusters, quad classes, Goldstein, conflict mass (and types)."""
    units, unit_params = _units_sql(freq, count, keyed, where, since, until, by, include_low_relevance)
    key_cols = KEYS[keyed][0]
    quads = ", ".join(f"count(*) FILTER (WHERE quad_class = {q}) AS {name}" for q, name in QUADS.items())
    sql = f"""{units},
        by_unit AS (
            SELECT {key_cols} date_trunc('{freq}', date)::DATE AS period, count(*) AS units, {quads},
                   coalesce(sum(goldstein), 0) AS goldstein_sum, avg(goldstein) AS goldstein_mean,
                   coalesce(sum(greatest(-goldstein, 0)), 0) AS conflict_mass,
                   count(*) FILTER (WHERE goldstein < 0) AS negative_units
            FROM units GROUP BY ALL),
        by_event AS (
            SELECT {key_cols} date_trunc('{freq}', date)::DATE AS period, count(DISTINCT (doc_hash, event_id))
                   AS events
            FROM x GROUP BY ALL),
        by_cluster AS (
            SELECT {key_cols} date_trunc('{freq}', first)::DATE AS period, count(*) AS clusters
            FROM (SELECT {key_cols} cluster, min(date) AS first FROM x GROUP BY ALL) GROUP BY ALL)
        SELECT * FROM by_unit FULL JOIN by_event USING ({key_cols} period)
            FULL JOIN by_cluster USING ({key_cols} period) ORDER BY ALL"""
    rows = _rows(store, sql, unit_params + params)
    if by:
        types = _rows(store, f"{units} SELECT {key_cols} date_trunc('{freq}', date)::DATE AS period, type, "
                             "count(*) AS n FROM units WHERE type IS NOT NULL GROUP BY ALL",
                      unit_params + params)
        _add_types(rows, types, keyed, by)
    return rows


def _type_name(by: str, value: str) -> str:
    return value if by == "plover" else f"cameo_{value}"


def _add_types(rows: list[dict], types: list[dict], keyed: str | None, by: str) -> None:
    names = sorted({_type_name(by, t["type"]) for t in types})
    found = {(*_key(t, keyed), t["period"], _type_name(by, t["type"])): t["n"] for t in types}
    for row in rows:
        for name in names:
            row[name] = found.get((*_key(row, keyed), row["period"], name), 0)


def _key(row: dict, keyed: str | None) -> tuple:
    if keyed == "dyad":
        return (row["source"], row["target"])
    if keyed == "location":
        return (row["country"],)
    return ()


# --- periods -------------------------------------------------------------------------------------------

def period_start(day: dt.date, freq: str) -> dt.date:
    """The first day of the period holding `day` (weeks start on Monday, as DuckDB's date_trunc)."""
    if freq == "week":
        return day - dt.timedelta(days=day.weekday())
    if freq == "month":
        return day.replace(day=1)
    return day


def next_period(start: dt.date, freq: str) -> dt.date:
    if freq == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return start + dt.timedelta(days=7 if freq == "week" else 1)


def periods(first: dt.date, last: dt.date, freq: str) -> list[dt.date]:
    """Every period start from the period of `first` to that of `last`."""
    out, current, end = [], period_start(first, freq), period_start(last, freq)
    while current <= end:
        out.append(current)
        current = next_period(current, freq)
    return out


def _as_date(value: str | dt.date | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


# --- series --------------------------------------------------------------------------------------------

SERIES_COLUMNS = ("events", "clusters", *QUADS.values(), "goldstein_sum", "goldstein_mean", "conflict_mass")


def _series_row(period: dt.date, found: dict | None, type_names: Sequence[str]) -> dict[str, Any]:
    found = found or {}
    row: dict[str, Any] = {"period": period.isoformat()}
    for column in SERIES_COLUMNS:
        value = found.get(column)
        if column == "goldstein_mean":
            row[column] = None if value is None else round(value, 2)
        elif column in ("goldstein_sum", "conflict_mass"):
            row[column] = round(value or 0.0, 2)
        else:
            row[column] = int(value or 0)
    for name in type_names:
        row[name] = int(found.get(name) or 0)
    return row


def series(store: Store | str | Path, source: str | None = None, target: str | None = None,
           actor: str | None = None, location: str | None = None, both: bool = False, freq: str = "week",
           since: str | None = None, until: str | None = None, by: str | None = None,
           count: str = "clusters", include_low_relevance: bool = False) -> list[dict[str, Any]]:
    """One row per period, oldest first, zero-filled from `since` (else the first event) to `until` (else
    the last): events (coded reports), clusters (real events), counts per quad class, Goldstein sum and
    mean, the conflict mass (−Goldstein summed over events below zero), and with `by="plover"|"root"` one
    column per PLOVER type or CAMEO root. Quad, Goldstein and type columns count clusters by default, and
    coded events with `count="events"`; `include_low_relevance` counts the events of low-relevance articles
    too."""
    _check(freq, count)
    if by not in (None, "plover", "root"):
        raise ValueError(f"by must be plover or root, not {by!r}")
    where, params = selection(source, target, actor, location, both)
    with opened(store) as st:
        rows = _aggregate(st, freq, count, None, where, params, since, until, by, include_low_relevance)
    found = {row["period"]: _renamed(row) for row in rows}
    type_names = _type_columns(rows)
    first = _as_date(since) or (min(found) if found else None)
    last = _as_date(until) or (max(found) if found else None)
    if first is None or last is None:
        return []
    return [_series_row(p, found.get(p), type_names) for p in periods(first, last, freq)]


def _renamed(row: dict) -> dict:
    """An aggregate row without its internal counts (`units`, `negative_units` serve the alerts)."""
    return {k: v for k, v in row.items() if k not in ("units", "negative_units")}


def _type_columns(rows: list[dict]) -> list[str]:
    fixed = {"period", "units", "negative_units", "source", "target", "country", *SERIES_COLUMNS}
    return sorted({k for row in rows for k in row} - fixed)


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
                 limit: int = 50, include_low_relevance: bool = False) -> list[dict[str, Any]]:
    """Actor codes (organisation, else country) with their counted events, as source and as target, and the
    names they were most often written as; `q` keeps codes starting with it or names containing it."""
    return _rows(store, f"""
        WITH sides AS (
            SELECT coalesce(a.org, a.country) AS actor, a.role, coalesce(a.name, a.text) AS name,
                   e.event_id, e.doc_hash
            FROM events e JOIN event_actors a ON a.event_id = e.event_id AND a.doc_hash = e.doc_hash
            WHERE {counted_predicate(include_low_relevance)} AND {_PERIOD} AND a.role IN ('source', 'target')),
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
                 since: str | None = None, until: str | None = None, limit: int = 500,
                 include_low_relevance: bool = False) -> list[dict[str, Any]]:
    """Counted events that have coordinates, per place: where a dyad's or an actor's events happened."""
    actors, params = _actor_filters(source, target, actor)
    return _rows(store, f"""
        SELECT e.location_name AS name, e.location_country AS country, round(avg(e.lat), 4) AS lat,
               round(avg(e.lon), 4) AS lon, count(*) AS events, round(avg(e.goldstein), 2) AS mean_goldstein
        FROM events e
        WHERE {counted_predicate(include_low_relevance)} AND {_PERIOD} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
              AND e.location_name IS NOT NULL {actors}
        GROUP BY 1, 2 ORDER BY events DESC, name LIMIT {int(limit)}""", _period(since, until) + params)


def dyad_series(store: Store, source: str, target: str, period: str = "week",
                include_low_relevance: bool = False) -> list[dict[str, Any]]:
    """Coded events from source to target per period, with the Goldstein sum and counts per quad class
    (the layout `summary` printed before `series`; use `series` for clusters and zero-filled periods)."""
    _check(period, "events")
    where, params = selection(source, target)
    rows = _aggregate(store, period, "events", None, where, params, include_low_relevance=include_low_relevance)
    return [{"period": r["period"], "events": r["events"], "goldstein": round(r["goldstein_sum"], 1),
             **{name: r[name] for name in QUADS.values()}} for r in rows]


# --- dyads and movers ----------------------------------------------------------------------------------

def top_dyads(store: Store | str | Path, limit: int = 10, since: str | None = None,
              until: str | None = None, include_low_relevance: bool = False) -> list[dict[str, Any]]:
    """The most frequent source→target pairs of country or organisation codes: coded events, clusters (real
    events) and the mean Goldstein score, each event counted once however many actors each side has."""
    counted = counted_predicate(include_low_relevance)
    with opened(store) as st:
        return _rows(st, f"""
            WITH ev AS (SELECT e.event_id, e.doc_hash, e.goldstein FROM events e WHERE ({counted}) AND {_PERIOD}),
            m AS (SELECT event_id, doc_hash, min(cluster_id) AS cluster_id FROM cluster_members GROUP BY ALL),
            pairs AS (
                SELECT DISTINCT s.event_id, s.doc_hash, {SIDE.format(a='s')} AS source,
                       {SIDE.format(a='t')} AS target
                FROM event_actors s JOIN event_actors t ON s.event_id = t.event_id AND s.doc_hash = t.doc_hash
                WHERE s.role = 'source' AND t.role = 'target')
            SELECT source, target, count(*) AS events,
                   count(DISTINCT coalesce(m.cluster_id, ev.doc_hash || ev.event_id)) AS clusters,
                   round(avg(ev.goldstein), 2) AS mean_goldstein
            FROM ev JOIN pairs USING (event_id, doc_hash) LEFT JOIN m USING (event_id, doc_hash)
            WHERE source IS NOT NULL AND target IS NOT NULL AND source <> target
            GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT {int(limit)}""",
                     [since, since, until, until])


def coverage(store: Store, freq: str, include_low_relevance: bool = False) -> tuple[list[dt.date], set[dt.date]]:
    """The periods the store spans (first to last publication date, else event date) and those it observed:
    a period in which no stored article was published says nothing about quiet or unrest."""
    published = [r[0] for r in store.con.execute(
        f"SELECT DISTINCT date_trunc('{freq}', published)::DATE FROM articles WHERE published IS NOT NULL"
    ).fetchall()]
    if published:
        return periods(min(published), max(published), freq), set(published)
    dated = [r[0] for r in store.con.execute(
        f"SELECT DISTINCT date_trunc('{freq}', date)::DATE FROM events WHERE date IS NOT NULL AND "
        f"{counted_predicate(include_low_relevance)}"
    ).fetchall()]
    if not dated:
        return [], set()
    span = periods(min(dated), max(dated), freq)
    return span, set(span)


def keyed_series(store: Store, keyed: str, freq: str = "week", count: str = "clusters",
                 span: Sequence[dt.date] | None = None, include_low_relevance: bool = False
                 ) -> dict[tuple, list[dict[str, Any]]]:
    """Zero-filled rows over `span` (default: the store's coverage) for every dyad or location country."""
    _check(freq, count)
    span = list(span) if span is not None else coverage(store, freq, include_low_relevance)[0]
    if not span:
        return {}
    rows = _aggregate(store, freq, count, keyed, "TRUE", [], span[0].isoformat(),
                      (next_period(span[-1], freq) - dt.timedelta(days=1)).isoformat(),
                      include_low_relevance=include_low_relevance)
    grouped: dict[tuple, dict[dt.date, dict]] = defaultdict(dict)
    for row in rows:
        grouped[_key(row, keyed)][row["period"]] = row
    empty = {c: 0 for c in (*SERIES_COLUMNS, "units", "negative_units")}
    return {key: [_filled(p, empty, found.get(p, {})) for p in span] for key, found in grouped.items()}


def _filled(period: dt.date, empty: dict[str, Any], found: dict[str, Any]) -> dict[str, Any]:
    """A zero-filled row: a period may hold an event whose cluster opened in another period, so that the full
    join leaves its unit columns NULL; those count as zero, not as missing."""
    row = {"period": period, **empty}
    row.update({k: v for k, v in found.items() if v is not None})
    return row


def movers(store: Store | str | Path, freq: str = "week", window: int = 8, limit: int = 10,
           measure: str = "clusters", count: str = "clusters", include_low_relevance: bool = False
           ) -> list[dict[str, Any]]:
    """The dyads whose `measure` in the store's last period moved most from their mean over the `window`
    observed periods before it (largest absolute change first)."""
    with opened(store) as st:
        span, observed = coverage(st, freq, include_low_relevance)
        if not span:
            return []
        last = span[-1]
        recent = [p for p in span if p in observed][-(window + 1):]
        table = keyed_series(st, "dyad", freq, count, [p for p in span if p >= recent[0]], include_low_relevance)
    out = []
    for (source, target), rows in table.items():
        by_period = {r["period"]: r for r in rows}
        before = [by_period[p][measure] for p in recent[:-1]]
        baseline = sum(before) / len(before) if before else 0.0
        value = by_period[last][measure]
        if value or baseline:
            out.append({"source": source, "target": target, "period": last.isoformat(), "measure": measure,
                        "value": round(float(value), 2), "baseline": round(baseline, 2),
                        "change": round(value - baseline, 2)})
    out.sort(key=lambda r: (-abs(r["change"]), -r["value"], r["source"], r["target"]))
    return out[:limit]


def left_out(store: Store | str | Path, freq: str = "week", include_low_relevance: bool = False
             ) -> list[dict[str, Any]]:
    """How many coded events stayed out of the counts, and why: the reason of events failing COUNTED, and
    counted events with no date, a date too vague for `freq` series, or no known pair for dyad tables. With
    `include_low_relevance` the events of low-relevance articles are counted, so none is left out for that."""
    precise = ", ".join(f"'{p}'" for p in PRECISE_ENOUGH[freq])
    counted = counted_predicate(include_low_relevance)
    with opened(store) as st:
        rows = _rows(st, f"""
            SELECT 'not counted: ' || {NOT_COUNTED_REASON} AS reason, count(*) AS events FROM events
            WHERE NOT coalesce(({counted}), FALSE) GROUP BY 1
            UNION ALL
            SELECT 'counted, but no date', count(*) FROM events WHERE ({counted}) AND date IS NULL HAVING count(*) > 0
            UNION ALL
            SELECT 'counted, but dated only to the ' || date_precision || ' (left out of {freq}ly series)',
                   count(*) FROM events
            WHERE ({counted}) AND date IS NOT NULL AND date_precision NOT IN ({precise}) GROUP BY date_precision
            UNION ALL
            SELECT 'counted, but not in dyad tables (no known source and target)', count(*) FROM events e
            WHERE ({counted}) AND NOT (EXISTS (SELECT 1 FROM event_actors s WHERE s.event_id = e.event_id
                  AND s.doc_hash = e.doc_hash AND s.role = 'source' AND {SIDE.format(a='s')} IS NOT NULL)
              AND EXISTS (SELECT 1 FROM event_actors t WHERE t.event_id = e.event_id AND t.doc_hash = e.doc_hash
                  AND t.role = 'target' AND {SIDE.format(a='t')} IS NOT NULL)) HAVING count(*) > 0""")
    return sorted(rows, key=lambda r: (-r["events"], r["reason"]))


# --- alerts --------------------------------------------------------------------------------------------

def alerts(store: Store | str | Path, freq: str = "week", method: str = "zscore", since: str | None = None,
           until: str | None = None, source: str | None = None, target: str | None = None,
           location: str | None = None, evidence: int = 3, measure: str = DEFAULT_MEASURE,
           count: str = "clusters", kinds: Sequence[str] = ("dyad", "location"), min_events: int = 3,
           min_articles: int = 2, include_low_relevance: bool = False, **knobs) -> list[dict[str, Any]]:
    """Periods in which a dyad's or a location country's conflict measure left its own baseline, oldest
    first, each with the top `evidence` clusters behind it (sentence, article, date). See docs/alerts.md.

    `measure`: material_conflict (clusters of quad class 4) or conflict_mass (−Goldstein summed over events
    below zero). `method`: zscore (robust rolling z-score, the default) or changepoint (ruptures PELT).
    A flagged period also needs `min_events` events behind the measure and `min_articles` articles telling
    them. `include_low_relevance` counts the events of low-relevance articles too (baseline, measure and
    evidence alike). Other knobs go to the detector (escalation.ZScoreKnobs / ChangePointKnobs)."""
    if measure not in MEASURES:
        raise ValueError(f"measure must be one of {', '.join(MEASURES)}, not {measure!r}")
    column, measure_filter, unit = MEASURES[measure]
    behind = "material_conflict" if measure == "material_conflict" else "negative_units"  # events behind it
    detect = _detector(method, unit, knobs)
    wanted = {"dyad": lambda k: (not source or k[0] == source.upper()) and (not target or k[1] == target.upper()),
              "location": lambda k: not location or k[0] == location.upper()}
    first, last = _as_date(since), _as_date(until)
    found = []
    with opened(store) as st:
        span, observed = coverage(st, freq, include_low_relevance)
        seen = [p in observed for p in span]
        for kind in kinds:
            if kind == "dyad" and location and not (source or target):
                continue
            if kind == "location" and (source or target) and not location:
                continue
            for key, rows in sorted(keyed_series(st, kind, freq, count, span, include_low_relevance).items()):
                if not wanted[kind](key):
                    continue
                # rounded: DuckDB's parallel sums may differ in the last bit from one run to the next
                for hit in detect([round(float(r[column]), 6) for r in rows], seen):
                    row = rows[hit.index]
                    period = row["period"]
                    if row[behind] < min_events or (first and period < period_start(first, freq)) or (
                            last and period > last):
                        continue
                    items, n_articles = _evidence(st, kind, key, period, freq, count, measure_filter,
                                                  include_low_relevance)
                    if n_articles < min_articles:
                        continue
                    found.append(_alert(kind, key, period, freq, measure, method, hit, items[:evidence]))
    return sorted(found, key=lambda a: (a["period"], -a["score"], a["kind"], a["source"] or a["country"] or ""))


def _detector(method: str, unit: float, knobs: dict):
    if method == "zscore":
        settings = escalation.ZScoreKnobs(**{"unit": unit, **knobs})
        return lambda values, seen: escalation.robust_z(values, seen, settings)
    if method == "changepoint":
        settings = escalation.ChangePointKnobs(**{"unit": unit, **knobs})
        return lambda values, seen: escalation.change_points(values, seen, settings)
    raise ValueError(f"method must be zscore or changepoint, not {method!r}")


def _alert(kind: str, key: tuple, period: dt.date, freq: str, measure: str, method: str,
           hit: escalation.Departure, items: list[dict]) -> dict[str, Any]:
    return {"kind": kind, "source": key[0] if kind == "dyad" else None,
            "target": key[1] if kind == "dyad" else None, "country": key[0] if kind == "location" else None,
            "period": period.isoformat(), "freq": freq, "measure": measure, "value": round(hit.value, 2),
            "baseline": round(hit.baseline, 2), "score": hit.score, "method": method, "evidence": items}


def _evidence(store: Store, kind: str, key: tuple, period: dt.date, freq: str, count: str,
              measure_filter: str, include_low_relevance: bool = False) -> tuple[list[dict[str, Any]], int]:
    """The units (clusters, or events) first seen in `period` behind the measure, the most widely reported
    first, each told by its first report: the sentence, its codes and the article it came from; and the
    number of distinct articles behind all of them."""
    if kind == "dyad":
        where = (f"EXISTS (SELECT 1 FROM event_actors s JOIN event_actors t ON s.event_id = t.event_id AND "
                 f"s.doc_hash = t.doc_hash WHERE s.event_id = e.event_id AND s.doc_hash = e.doc_hash AND "
                 f"s.role = 'source' AND t.role = 'target' AND {SIDE.format(a='s')} = ? AND "
                 f"{SIDE.format(a='t')} = ?) AND e.{measure_filter}")
    else:
        where = f"e.location_country = ? AND e.{measure_filter}"
    units, unit_params = _units_sql(freq, count, None, where, None, None,
                                    include_low_relevance=include_low_relevance)
    rows = _rows(store, f"""{units},
        first_seen AS (SELECT unit FROM units WHERE date_trunc('{freq}', date)::DATE = ?),
        behind AS (SELECT x.* FROM x JOIN first_seen USING (unit)),
        told AS (
            SELECT behind.unit, e.*, a.title, a.url, a.source AS article_source,
                   row_number() OVER (PARTITION BY behind.unit ORDER BY e.date, e.doc_id, e.span_start) AS nth,
                   count(DISTINCT behind.doc_hash) OVER (PARTITION BY behind.unit) AS unit_articles
            FROM behind JOIN events e ON e.event_id = behind.event_id AND e.doc_hash = behind.doc_hash
            JOIN articles a ON a.doc_hash = behind.doc_hash)
        SELECT told.* EXCLUDE (record), c.num_mentions, c.num_articles,
               (SELECT count(DISTINCT doc_hash) FROM behind) AS all_articles
        FROM told LEFT JOIN clusters c ON c.cluster_id = told.unit
        WHERE nth = 1
        ORDER BY coalesce(c.num_articles, told.unit_articles) DESC, told.goldstein, coalesce(c.num_mentions, 1) DESC,
                 told.date, told.doc_id, told.span_start""", unit_params + list(key) + [period])
    items = [{"cluster_id": None if r["unit"].startswith("event:") or count != "clusters" else r["unit"],
              "event_id": r["event_id"], "doc_id": r["doc_id"], "date": r["date"].isoformat() if r["date"] else None,
              "cameo": r["cameo"], "plover": r["plover"], "source": r["source_code"], "target": r["target_code"],
              "text": r["text"], "trigger": r["trigger"], "title": r["title"] or None, "url": r["url"] or None,
              "article_source": r["article_source"] or None, "mentions": int(r["num_mentions"] or 1),
              "articles": int(r["num_articles"] or r["unit_articles"] or 1)}
             for r in rows]
    return items, int(rows[0]["all_articles"]) if rows else 0
