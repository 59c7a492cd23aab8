"""The place an event happened in as its target, when the sentence names no one it was done to.

CAMEO coders code an event without an explicit target against the country it took place in: "activists
protested in Beijing" is a protest against China, "Obama will attend a summit in Switzerland" a visit to
Switzerland, "attacks in northeastern Nigeria" attacks on Nigeria. The place comes from the event's
location (found by `when_where`); only a place the sentence itself names counts, not an article dateline.
"""

from __future__ import annotations

import unicodedata

from ..model import Actor, Event

PLACE_TARGET_CONFIDENCE = 0.35  # below any actor the sentence names as the target
PLAIN_STATEMENTS = ("010",)  # "said in Brussels" is said to no one, not to Belgium


def place_target(event: Event) -> list[Actor]:
    """The event's location as a target actor (country level), or [] when it has a target or no place."""
    if event.target or event.cameo in PLAIN_STATEMENTS:
        return []
    found = named_place(event)
    return [found] if found else []


def named_place(event: Event) -> Actor | None:
    """The event's location as a country-level actor, if its sentence names it."""
    place = event.location
    if place is None or not place.country or not event.text:
        return None
    at = plain(event.text).find(plain(place.name))
    while at >= 0 and event.text[at:at + len(place.name)].isupper():  # "MOSCOW (Reuters) -": a dateline
        at = plain(event.text).find(plain(place.name), at + 1)
    if at < 0 or not event.text[at].isupper():
        return None  # a dateline or article-level place, or a common word ("in paradise"): not a named place
    text = event.text[at:at + len(place.name)]
    span = (event.span[0] + at, event.span[0] + at + len(text)) if event.span else None
    return Actor(text=text, name=place.name, country=place.country, confidence=PLACE_TARGET_CONFIDENCE, span=span)


def plain(text: str) -> str:
    """Lowercase without accents, one character per character ("Zürich" is written "Zurich")."""
    return "".join(unicodedata.normalize("NFKD", c)[:1] for c in text.lower())


__all__ = ["place_target"]
