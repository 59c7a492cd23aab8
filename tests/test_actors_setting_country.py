"""Local actors named with no country (rebels, civilians, journalists, protesters) take the country the event
happened in, else the one the document is set in."""

from __future__ import annotations

import pytest


def _sides(events, root):
    found = [e for e in events if e["cameo"].startswith(root)]
    assert found, [e["cameo"] for e in events]
    e = found[0]
    return {a["country"] for a in e["source"]}, {a["country"] for a in e["target"]}


def test_locals_take_the_country_of_the_place_named(code):
    assert _sides(code("Government troops shelled rebel positions near Idlib."), "19")[1] == {"SYR"}
    assert _sides(code("Gunmen killed three journalists in Kabul on Monday."), "1")[1] == {"AFG"}


def test_a_place_named_after_a_direction_is_named(code):
    """"in eastern Ghouta", "near southern Kandahar": the name follows a lowercase direction word."""
    for text, country in (("Army units shelled rebel positions in eastern Ghouta on Sunday.", "SYR"),
                          ("Gunmen killed two journalists in northern Kandahar on Friday.", "AFG"),
                          ("Troops fired on protesters in central Khartoum on Monday.", "SDN")):
        assert _sides(code(text), "1")[1] == {country}, text


def test_locals_take_the_country_the_document_is_set_in(code):
    text = ("Fighting flared in northern Yemen on Monday, residents said. "
            "Later, rebels attacked an army checkpoint and killed four soldiers.")
    events = [e for e in code(text) if "checkpoint" in e["text"]]
    source, _ = _sides(events, "1")
    assert source == {"YEM"}


def test_a_document_set_in_two_countries_gives_no_country(code):
    text = ("Clashes were reported in Mali on Monday. Fighting also flared in Chad. "
            "Later, rebels attacked an army checkpoint and killed four soldiers.")
    events = [e for e in code(text) if "checkpoint" in e["text"]]
    source, _ = _sides(events, "1")
    assert source == {None}


@pytest.mark.parametrize(("text", "home"), [
    ("Turkish officials met on Monday. Turkey said it would not accept a Kurdish enclave in north-east "
     "Syria. Turkey has massed troops near Manbij and Kobani. On Saturday, gunmen fired a missile at a Kurdish "
     "position.", "SYR"),
    ("Pakistan's army chief flew to Islamabad on Monday. Pakistan has accused Kabul of sheltering militants. "
     "Clashes continued in Kandahar and Helmand. On Sunday, gunmen attacked a Pashtun village.", "AFG"),
    ("Algeria hosted talks on Monday. Algeria has urged calm in the north of Mali. Fighting went on "
     "near Kidal and Gao. On Friday, soldiers raided a Tuareg camp.", "MLI"),
])
def test_a_people_of_several_countries_is_where_the_report_is_set(code, text, home):
    """Named most as a party is not where a report is set: the people takes the country of its places."""
    events = [e for e in code(text) if e["text"].startswith("On ") and e["target"]]
    assert events and {a["country"] for e in events for a in e["target"]} == {home}


@pytest.mark.parametrize(("text", "home"), [
    ("The Turkish defence ministry said on Monday that Turkey would launch an air campaign against Kurdish "
     "militants in northern Iraq.", "IRQ"),
    ("Iranian artillery shelled Kurdish fighters in northern Iraq on Sunday.", "IRQ"),
    ("Pakistan's army said it would strike Pashtun militants in eastern Afghanistan.", "AFG"),
])
def test_a_people_of_several_countries_is_where_its_sentence_places_it(code, text, home):
    """A sentence that names a party's country and the place of the act: the people is in the place's."""
    targets = {a["country"] for e in code(text) if e["cameo"][:2] in ("13", "19") for a in e["target"]}
    assert targets == {home}
