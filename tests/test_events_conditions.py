"""Consequences told under a condition: a threat aimed at the party the condition is put to.

Class: "X said/warned that [its act] would follow if/unless Y [does or fails to do something]" is X's threat
(13x) now, aimed at Y, the subject of the if/unless clause; the act itself has not happened, and what Y is
asked to do (or not) inside the condition is a condition put, not a deed, nor a refusal. Sentences written
for these tests.
"""

from __future__ import annotations

import pytest


def _threats(events: list[dict]) -> list[tuple[str, str | None, str | None]]:
    def side(actors: list[dict]) -> str | None:
        return actors[0]["country"] or actors[0]["sector"] if actors else None

    return [(e["cameo"], side(e["source"]), side(e["target"])) for e in events
            if e["cameo"].startswith("13") and e["status"] == "occurred"]


@pytest.mark.parametrize(("text", "source", "target_sector"), [
    ("Ethiopia's prime minister said that an offensive would be launched soon if the rebels did not disarm.",
     "ETH", "REB"),
    ("The Colombian defence minister said the army would attack the camps unless the guerrillas freed the "
     "hostages.", "COL", "REB"),
    ("Burkina Faso's junta said an assault on the town would begin within days if the militants stayed.",
     "BFA", "REB"),
])
def test_an_announced_attack_under_a_condition_threatens_the_party_it_is_put_to(code, text, source,
                                                                               target_sector):
    threats = _threats(code(text))
    assert threats, text
    cameo, by, at = threats[0]
    assert cameo.startswith("13") and by == source and at == target_sector


@pytest.mark.parametrize(("text", "source", "target"), [
    ("The Nigerian army warned that troops would move in if the militia did not leave the oil fields.",
     "NGA", "PRM"),
    ("Ankara warned on Tuesday that there would be consequences unless the Cypriot government halted the "
     "drilling.", "TUR", "CYP"),
    ("Belgrade warned that it would respond if Kosovo police entered the northern towns.", "SRB", "XKX"),
])
def test_a_warning_of_ones_own_act_under_a_condition_is_a_threat(code, text, source, target):
    assert _threats(code(text)) == [("130", source, target)]


def test_a_warning_of_a_happening_under_a_condition_is_no_threat(code):
    events = code("The central bank governor warned that growth would slow if the government raised taxes.")
    assert not _threats(events)


@pytest.mark.parametrize("text", [
    "Ethiopia's prime minister said that an offensive would be launched soon if the rebels did not disarm.",
    "The Nigerian army warned that troops would move in if the militia did not leave the oil fields.",
    "Kenya said it would close the border unless Somali forces did not cross it again.",
])
def test_what_the_condition_asks_is_no_refusal(code, text):
    refusals = [e for e in code(text) if e["cameo"].startswith("12") and e["status"] == "occurred"]
    assert not refusals


def test_an_announced_attack_is_one_threat_not_also_a_statement(code):
    events = code("Ethiopia's prime minister has said that Ethiopia will launch an offensive against the rebels "
                  "in Tigray within days, a move with far-reaching consequences for the region.")
    assert [e["cameo"] for e in events if e["status"] == "occurred"] == ["138"]
