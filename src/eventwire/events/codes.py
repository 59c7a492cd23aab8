"""Filling an event's code fields (root, PLOVER type and mode, Goldstein, quad class) from its CAMEO code."""

from __future__ import annotations

from ..model import Event
from ..ontology import cameo, plover_of

STATEMENT_CODE = "010"  # a bare statement: said, told, added
VIOLENT_ROOTS = frozenset({"18", "19", "20"})  # assault, fight, mass violence


def set_code(event: Event, code: str) -> None:
    entry = cameo(code)
    event.cameo = code
    event.cameo_root = entry.root
    event.plover, event.plover_mode = plover_of(code)
    event.goldstein = entry.goldstein
    event.quad_class = entry.quad_class
