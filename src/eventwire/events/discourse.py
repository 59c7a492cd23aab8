"""Arguments a report leaves implicit because it gave them before.

"The US imposed sanctions on Iran in May. ... Pompeo said the US had reimposed sanctions": a reduction of
relations, a coercion or an attack told again by the same side with no target keeps the target that side's
act of the same kind had earlier in the report. Only kinds whose act always has a target carry it, and only
from the same source, so a new party is never invented.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Actor, Event

CARRIED_ROOTS = ("16", "17", "18", "19", "20")  # sanctions and cuts, coercion, violence: always aimed at someone
CARRIED_CONFIDENCE = 0.5


def _side(actors: list[Actor]) -> frozenset[str]:
    return frozenset(a.org or a.country for a in actors if a.org or a.country)


def carry_targets(events: list[Event]) -> list[Event]:
    """Give an event with a source but no target the target of the latest earlier event of the same root by
    the same source in the document (events in document order, as `merge_events` returns them)."""
    last: dict[tuple[str, frozenset[str]], list[Actor]] = {}
    for event in events:
        root, source = event.cameo[:2], _side(event.source)
        if root not in CARRIED_ROOTS or not source:
            continue
        key = (root, source)
        if event.target:
            last[key] = event.target
        elif key in last:
            event.target = [replace(a, span=None, confidence=min(a.confidence, CARRIED_CONFIDENCE))
                            for a in last[key]]
    return events
