"""Within-document merge: one real event told several times is one event with all its mentions."""

from __future__ import annotations


def test_headline_lead_and_later_sentence_merge(code):
    text = ("Chile, Peru hold talks on border\n\n"
            "The foreign minister of Chile held talks with the foreign minister of Peru on Tuesday.\n\n"
            "Chile and Peru held talks in Lima, officials said.")
    events = code(text)
    consult = [e for e in events if e["cameo"].startswith("04")]
    assert len(consult) == 1
    assert len(consult[0]["mentions"]) == 3
    assert {a["country"] for a in consult[0]["source"] + consult[0]["target"]} == {"CHL", "PER"}


def test_different_dyads_stay_apart(code):
    events = code("Chile held talks with Peru. Chile held talks with Bolivia.")
    assert len([e for e in events if e["cameo"].startswith("04")]) == 2


def test_different_status_stays_apart(code):
    events = code("Chile held talks with Peru. Chile and Peru will hold talks again next year.")
    assert sorted(e["status"] for e in events) == ["occurred", "planned"]


def test_two_verbs_for_one_attack_merge(code):
    events = code("Rebels shelled a Malian army base, killing soldiers.")
    assert len([e for e in events if e["cameo"][:2] in ("18", "19")]) == 1


def test_the_talks_refers_back(code):
    events = code("Chile and Peru will hold talks in Lima next week. The talks will cover fishing rights.")
    assert len(events) == 1
    assert len(events[0]["mentions"]) == 2


def test_opposite_directions_stay_apart(code):
    events = code("Ethiopia accused Sudan of occupying its farmland. "
                  "Sudan's foreign ministry summoned the Ethiopian ambassador.")
    assert sorted(e["cameo"] for e in events) == ["112", "114"]


def test_a_later_toll_without_a_doer_joins_the_clash(code):
    events = code("Four Armenian soldiers and two Azerbaijani servicemen were killed on Tuesday. "
                  "Six other Armenian soldiers were wounded, the ministry said.")
    violent = [e for e in events if e["cameo"][:2] in ("18", "19")]
    assert len(violent) == 1 and len(violent[0]["mentions"]) == 2


def test_a_visit_and_the_talks_held_on_it_stay_apart(code):
    events = code("Modi arrived in Kenya on Tuesday for a state visit. Modi held talks with Kenyan President Ruto.")
    assert sorted(e["cameo"] for e in events) == ["040", "042"]


def test_dispersing_and_arresting_are_two_acts(code):
    events = code("Police fired tear gas to disperse the protesters and arrested at least 12 people.")
    assert sorted(e["cameo"] for e in events if e["cameo"][:2] == "17") == ["173", "175"]
