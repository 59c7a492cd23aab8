"""CAMEO and PLOVER code tables, loaded once from the CSV files in `data/ontology/`.

The tables are transcribed from the public CAMEO 1.1b3 and PLOVER code lists; the fixes made to the public
CAMEO→PLOVER crosswalk are listed in `data/ontology/README.md`.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class CameoCode:
    code: str
    name: str
    level: int
    root: str
    goldstein: float
    quad_class: int
    plover: str  # "none" for root 01 (statements), which PLOVER leaves out
    plover_mode: str
    plover_context: str


def data_path(*parts: str):
    """A file inside the package's `data/` folder."""
    return resources.files("eventwire").joinpath("data", *parts)


def read_csv(*parts: str) -> list[dict[str, str]]:
    with data_path(*parts).open(encoding="utf-8", newline="") as fh:
        return [row for row in csv.DictReader(fh) if any((v or "").strip() for v in row.values())]


@cache
def cameo_table() -> dict[str, CameoCode]:
    return {
        r["code"]: CameoCode(r["code"], r["name"], int(r["level"]), r["root"], float(r["goldstein"]),
                             int(r["quad_class"]), r["plover"], r["plover_mode"], r["plover_context"])
        for r in read_csv("ontology", "cameo.csv")
    }


@cache
def plover_types() -> dict[str, dict[str, str]]:
    return {r["event_type"]: r for r in read_csv("ontology", "plover_types.csv")}


def cameo(code: str) -> CameoCode:
    """The CAMEO entry for a code; raises KeyError naming the code when it is not in CAMEO."""
    try:
        return cameo_table()[code]
    except KeyError:
        raise KeyError(f"unknown CAMEO code {code!r}") from None


def plover_of(code: str) -> tuple[str | None, str | None]:
    """PLOVER type and mode for a CAMEO code (None for the statement root, 01)."""
    entry = cameo(code)
    if entry.plover == "none":
        return None, None
    return entry.plover, entry.plover_mode or None
