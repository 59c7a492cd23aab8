"""Arguments a report leaves implicit because it gave them before.

"The US imposed sanctions on Iran in May. ... Pompeo said the US had reimposed sanctions": a reduction of
relations, a coercion or an attack told again by the same side with no target keeps the target that side's
act of the same kind had earlier in the report. Only kinds whose act always has a target carry it, and only
from the same source, so a new party is never invented.

"Ethiopian jets bombed a market in Mekelle. ... Twenty civilians were killed": violence told by its victims or
its means alone is done by whoever the report last showed doing violence to the same people, and so is
violence by "the bomber" or "the gunmen", whom the report has shown before (`carry_attackers`).
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Actor, Event
from .codes import VIOLENT_ROOTS
from .lexicon import lexicon

CARRIED_ROOTS = ("16", "17", "18", "19", "20")  # sanctions and cuts, coercion, violence: always aimed at someone
CARRIED_CONFIDENCE = 0.5
DONE = ("occurred", "ongoing")


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
            event.target = _carried(last[key])
    return events


def _countries(actors: list[Actor]) -> frozenset[str]:
    return frozenset(a.country for a in actors if a.country)


def _place(event: Event) -> frozenset[str]:
    return frozenset({event.location.country}) if event.location and event.location.country else frozenset()


def _struck(attack: Event) -> frozenset[str]:
    """The countries of an attack's victims: its target's and where it struck ("bombed a market in Mekelle")."""
    return _countries(attack.target) | _place(attack)


def _parties(actors: list[Actor]) -> frozenset[tuple[str | None, str | None]]:
    return frozenset((a.org or a.country, a.sector) for a in actors)


def _carried(actors: list[Actor]) -> list[Actor]:
    return [replace(a, span=None, confidence=min(a.confidence, CARRIED_CONFIDENCE)) for a in actors]


STATE_FORCE_SECTORS = ("MIL", "GOV", "COP", "SPY")


def _attacker_of(event: Event, attacks: list[Event], irregular: bool = False) -> Event | None:
    """The latest earlier attack with a doer on the same people: the countries it struck (its target's and its
    place's) include one of this event's victims (its target's or, with none, its place's), where both are
    known; and its doer is not the victims themselves. `irregular`: the doer sought is "the bomber", "the
    gunmen", who are no state's jets or troops."""
    victims = _countries(event.target) or _place(event)
    for attack in reversed(attacks):
        if irregular and any(a.sector in STATE_FORCE_SECTORS for a in attack.source):
            continue
        struck = _struck(attack)
        if victims and struck and not victims & struck:
            continue  # another people's war ("Israeli jets struck Gaza ... In Sudan, a drone strike killed 40")
        if _parties(attack.source) & _parties(event.target):
            continue  # "Colombian troops attacked ... Three Colombian soldiers were killed": not by their own side
        return attack
    return None


def carry_attackers(events: list[Event]) -> list[Event]:
    """Give violence with no doer the doer of the report's latest earlier violence done to the same people,
    and violence with neither side both sides of the latest (events in document order). Reports tell who
    attacks once and then count the dead in the passive ("were killed in strikes", "the shelling went on")."""
    attacks: list[Event] = []
    for event in events:
        if event.cameo[:2] not in VIOLENT_ROOTS or event.status not in DONE:
            continue  # a threatened attack is nobody's deed, and "more could be killed" is no one's deed yet
        if event.source and not _anonymous_attacker(event.source):
            attacks.append(event)
            continue
        named = bool(event.source)  # by "the bomber": an attack with a doer, once the doer is known
        attack = _attacker_of(event, attacks, irregular=named)
        if attack is not None:
            event.source = _carried(attack.source)
            if not event.target:
                event.target = _carried(attack.target)
        if named:
            attacks.append(event)
    return events


def _anonymous_attacker(actors: list[Actor]) -> bool:
    """"The bomber struck", "the gunmen fled": a doer named only as the one who attacked, whom the report
    named before; whatever country the sentence lent it is a guess (`attacker_noun` in words.csv)."""
    if len(actors) != 1:
        return False
    words = actors[0].text.lower().split()
    return len(words) == 2 and words[0] == "the" and lexicon().has("attacker_noun", words[1])
