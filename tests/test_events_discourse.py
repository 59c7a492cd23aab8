"""An act told again by the same side without its target keeps the target that side's act of the same kind
had earlier in the report (sanctions, coercion, violence), and violence told by its victims alone is done by
the report's latest attacker of the same people. Sentences written for these tests."""

from __future__ import annotations

import pytest

from eventwire.events.discourse import carry_attackers
from eventwire.model import Actor, Event


@pytest.mark.parametrize(("text", "trigger", "source", "target"), [
    ("The European Union imposed sanctions on Belarus in June. On Monday the EU said it had extended the "
     "sanctions for another year.", "sanctions", "EU", "BLR"),
    ("Ethiopian troops shelled Eritrean positions in March. Residents said Ethiopian troops bombarded the "
     "hills again on Sunday.", "bombarded", "ETH", "ERI"),
    ("Police in Uganda arrested opposition leader Bobi Wine on Friday. A day later Ugandan police detained "
     "dozens of his supporters in Kampala.", "arrested", "UGA", "UGA"),
])
def test_a_retold_act_keeps_its_sides_target(code, text, trigger, source, target):
    later = [e for e in code(text) if e["trigger"] == trigger]
    assert [(e["source"][0]["org"] or e["source"][0]["country"]) for e in later] == [source]
    assert [a["org"] or a["country"] for a in later[0]["target"]] == [target]


def test_no_target_is_carried_from_another_source(code):
    events = code("Kenya imposed sanctions on South Sudan on Monday. On Tuesday Uganda imposed new sanctions.")
    uganda = [e for e in events if e["source"] and e["source"][0]["country"] == "UGA"]
    assert uganda and not any(e["target"] for e in uganda)


@pytest.mark.parametrize(("text", "trigger", "doer"), [
    ("Ethiopian jets bombed a market in Mekelle on Monday, witnesses said. At least twenty Tigrayan civilians "
     "were killed.", "killed", "ETH"),
    ("Russian missiles hit a shopping centre in Kremenchuk. Rescuers said eighteen Ukrainians were killed and "
     "dozens wounded.", "killed", "RUS"),
    ("Boko Haram fighters attacked a Nigerian army base near Maiduguri on Tuesday. Seven soldiers were killed "
     "and twelve wounded.", "killed", "NGA"),
])
def test_violence_told_by_its_victims_is_done_by_the_reports_attacker(code, text, trigger, doer):
    """Reports name the attacker once, then count the dead in the passive."""
    dead = [e for e in code(text) if e["trigger"] == trigger]
    assert dead and [a["country"] for a in dead[0]["source"]] == [doer]
    assert dead[0]["source"][0]["span"] is None  # carried, not read in its own sentence


@pytest.mark.parametrize("text, trigger", [
    ("Israeli aircraft struck targets in Gaza overnight. In Ukraine, four civilians were killed in Kharkiv on "
     "Tuesday.", "killed"),
    ("Israeli jets struck targets in Gaza on Monday. In Sudan, a drone strike on a market in Omdurman killed 40 "
     "people.", "drone strike"),  # no target of its own: where it happened tells whose war it is
])
def test_victims_elsewhere_get_no_attacker_from_another_war(code, text, trigger):
    later = [e for e in code(text) if e["trigger"] == trigger]
    assert later and not later[0]["source"]


@pytest.mark.parametrize(("text", "trigger", "doer"), [
    ("A car bombing claimed by the Pakistani Taliban killed 12 police officers in Peshawar on Monday. The bomber "
     "rammed the gate of the police station.", "rammed", "PAK/REB"),
    ("Gunmen from the Boko Haram group raided a village in Borno state on Friday. Hours later the gunmen shot "
     "dead six farmers in the next village.", "shot", "NGA/REB"),
    ("Houthi fighters fired rockets at a Saudi border post on Monday. On Tuesday, the attackers shelled a Saudi "
     "village.", "shelled", "YEM/REB"),
])
def test_the_bomber_is_whoever_the_report_showed_attacking(code, text, trigger, doer):
    """"The bomber", "the gunmen": no force of the country the sentence names, but the attacker named before."""
    later = [e for e in code(text) if e["trigger"] == trigger]
    assert later and [f"{a['country']}/{a['sector']}" for a in later[0]["source"]] == [doer]


@pytest.mark.parametrize("text, trigger", [
    ("Israeli jets bombed Khan Younis overnight. In the West Bank, the gunmen opened fire on an Israeli bus near "
     "Nablus, killing a teenager.", "opened"),  # not the victims' own side
    ("Russian missiles struck Kharkiv on Monday, killing five civilians. On Tuesday the gunmen killed two more "
     "people in the city.", "killed"),  # gunmen are no state's missiles
])
def test_the_gunmen_are_no_states_jets_nor_the_victims_own_side(code, text, trigger):
    events = [e for e in code(text) if e["trigger"] == trigger and "gunmen" in e["text"]]
    assert events and all(a["sector"] not in ("MIL", "GOV") for a in events[0]["source"])


def test_the_gunmen_of_another_war_keep_their_own_reading(code):
    events = code("Israeli jets struck Gaza on Monday. In Sudan, the gunmen killed 40 villagers in Darfur.")
    killed = [e for e in events if e["trigger"] == "killed"]
    assert killed and [a["country"] for a in killed[0]["source"]] != ["ISR"]


def test_violence_that_may_come_is_nobodys_deed_yet(code):
    events = code("Russian missiles hit a shopping centre in Kremenchuk. Officials fear more civilians could be "
                  "killed.")
    feared = [e for e in events if e["trigger"] == "killed"]
    assert feared and not feared[0]["source"]


def _attack(source: Actor | None, target: Actor, status: str = "occurred") -> Event:
    return Event(doc_id="d", text="", span=(0, 1), trigger="attacked", cameo="190", status=status,
                 source=[source] if source else [], target=[target])


def test_neither_the_victims_own_side_nor_a_threatened_attack_is_the_doer():
    army, rebels = Actor("the army", country="COL", sector="MIL"), Actor("rebels", country="COL", sector="REB")
    threatening = Actor("the militia", country="COL", sector="PRM")
    soldiers = Actor("three soldiers", country="COL", sector="MIL")
    events = carry_attackers([_attack(army, rebels), _attack(threatening, rebels, "hypothetical"),
                              _attack(None, soldiers)])
    assert events[-1].source == []
    events = carry_attackers([_attack(rebels, army), _attack(army, rebels), _attack(None, soldiers)])
    assert [a.sector for a in events[-1].source] == ["REB"]
