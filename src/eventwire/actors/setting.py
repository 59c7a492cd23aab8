"""The place an event happened in as its target, when the sentence names no one it was done to.

CAMEO coders code an event without an explicit target against the country it took place in: "activists
protested in Beijing" is a protest against China, "Obama will attend a summit in Switzerland" a visit to
Switzerland, "attacks in northeastern Nigeria" attacks on Nigeria. The place comes from the event's
location (found by `when_where`); only a place the sentence itself names counts, not an article dateline.
"""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from functools import cache

from ..model import Actor, Event
from .tables import domestic_sectors, plural_anaphors
from .text import key_of

PLACE_TARGET_CONFIDENCE = 0.35  # below any actor the sentence names as the target
PLAIN_STATEMENTS = ("010",)  # "said in Brussels" is said to no one, not to Belgium
# Where parties meet, agree or work together the place is a venue, not a party: "the warring sides resumed talks
# in Jeddah" is no meeting with Saudi Arabia. Only one foreign visitor there ("Obama will attend a summit in
# Switzerland") is coded against the host, as a visit is. Visits (042) and hosting (043) always keep it. Refusing
# talks held somewhere (125) keeps the venue as a venue too; and the venue gives its country to no one there.
VENUE_CODES = ("03", "040", "041", "044", "045", "046", "05", "06", "125")


def place_target(event: Event) -> list[Actor]:
    """The event's location as a target actor (country level), or [] when it has a target or no place."""
    if event.target or event.cameo in PLAIN_STATEMENTS:
        return []
    found = named_place(event)
    if found is None or (event.cameo.startswith(VENUE_CODES) and not is_visitor(event, found)):
        return []
    return [found]


AUTHORITY_CODES = ("115", "116", "17")  # sued, convicted, arrested, jailed, charged, deported: only a state does it
PLACE_AUTHORITY_CONFIDENCE = 0.3


def place_authority(event: Event) -> list[Actor]:
    """The government of the place as the doer of a legal or coercive act told with none ("two activists face
    long jail terms in Uganda", "three journalists were arrested in Cairo"): only a state arrests, charges or
    jails, and CAMEO codes it as the state where it happened. Never for violence, which anyone can do."""
    if event.source or not event.cameo.startswith(AUTHORITY_CODES):
        return []
    found = named_place(event)
    if found is None or any(a.country == found.country and a.sector not in domestic_sectors() for a in event.target):
        return []  # "an Egyptian minister was charged in Cairo": the state of the place is no doer against itself
    return [replace(found, sector="GOV", confidence=PLACE_AUTHORITY_CONFIDENCE)]


def locals_of_place(event: Event) -> None:
    """Rebels, civilians, protesters or journalists named with no country ("rebel positions", "three
    journalists were killed") are of the country the event took place in, when its sentence names that place;
    never for a meeting, a deal or cooperation (`VENUE_CODES`), whose place hosts the parties ("opposition
    delegates held talks in Geneva")."""
    place = named_place(event)
    if place is None or event.cameo.startswith(VENUE_CODES):
        return
    for side in (event.source, event.target):
        for actor in side:
            if not (actor.country or actor.org) and actor.sector in domestic_sectors():
                actor.country = place.country


def is_visitor(event: Event, place: Actor) -> bool:
    """One party from another country at the place: it went there, so the host is its counterpart."""
    countries = {a.country for a in event.source}
    return len(countries) == 1 and None not in countries and place.country not in countries \
        and not any(names_both_sides(a.text) for a in event.source)


def names_both_sides(phrase: str) -> bool:
    """"Yemen's warring sides", "the two delegations": a phrase ending as the plural anaphors do names the
    parties of the meeting, not one visitor."""
    words = key_of(phrase)
    return bool(words) and words[-1] in _plural_heads()


@cache
def _plural_heads() -> frozenset[str]:
    return frozenset(key[-1] for key in plural_anaphors() if key)


def named_place(event: Event) -> Actor | None:
    """The event's location as a country-level actor, if its sentence names it."""
    place = event.location
    if place is None or not place.country or not event.text:
        return None
    at = plain(event.text).find(plain(place.name))
    while at >= 0 and event.text[at:at + len(place.name)].isupper():  # "MOSCOW (Reuters) -": a dateline
        at = plain(event.text).find(plain(place.name), at + 1)
    if at < 0 or not any(c.isupper() for c in event.text[at:at + len(place.name)]):
        return None  # a dateline or article-level place, or a common word ("in paradise"): not a named place
    # ("eastern Ghouta", "northern Idlib": the name may follow a lowercase direction)
    text = event.text[at:at + len(place.name)]
    span = (event.span[0] + at, event.span[0] + at + len(text)) if event.span else None
    return Actor(text=text, name=place.name, country=place.country, confidence=PLACE_TARGET_CONFIDENCE, span=span)


def plain(text: str) -> str:
    """Lowercase without accents, one character per character ("Zürich" is written "Zurich")."""
    return "".join(unicodedata.normalize("NFKD", c)[:1] for c in text.lower())


__all__ = ["place_target"]
