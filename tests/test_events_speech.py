"""Reported speech: "X said Y" codes Y with X as attribution; statements only when nothing else is said;
quotes attributed to their speaker, across sentences too."""

from __future__ import annotations

import pytest


def test_reported_event_is_coded_with_the_speaker_as_attribution(code):
    events = code("Canada said Mexico had expelled two American diplomats.")
    assert [e["cameo"] for e in events] == ["161"]
    assert events[0]["source"][0]["country"] == "MEX"
    assert events[0]["attribution"]["country"] == "CAN"


def test_saying_nothing_codable_is_a_statement(code):
    events = code("The Chilean foreign minister said the weather in Santiago was pleasant.")
    assert [(e["cameo"], e["source"][0]["country"]) for e in events] == [("010", "CHL")]


def test_statement_acts_are_coded_themselves(code):
    events = code("Iran denied the accusations made by Israel.")
    assert [e["cameo"] for e in events] == ["016"]


def test_first_person_in_a_quote_is_the_speaker(code):
    events = code('"We will never negotiate with Venezuela," the Colombian foreign minister said.')
    assert [(e["cameo"][:2], e["source"][0]["country"], e["target"][0]["country"]) for e in events] == [
        ("12", "COL", "VEN")]
    assert events[0]["attribution"]["country"] == "COL"


def test_quote_running_over_two_sentences(code):
    text = ('"I have invited Kazakhstan to talks in Moscow. We are ready to help our neighbours," '
            "the Russian president said.")
    events = code(text)
    assert events and all(e["attribution"] and e["attribution"]["country"] == "RUS" for e in events)


def test_announced_future_cooperation_is_an_intention(code):
    events = code("Iran said it would release the British sailors.")
    assert [(e["cameo"][:2], e["status"]) for e in events] == [("03", "occurred")]
    assert events[0]["source"][0]["country"] == "IRN"


def test_claiming_an_attack(code):
    events = code("The Islamic State group claimed it had attacked the embassy in Kabul.")
    assert "015" in [e["cameo"] for e in events]


def test_saying_it_attacked_codes_the_attack(code):
    events = code("The Malian army said it had attacked rebel positions near Gao.")
    assert [e["cameo"][:2] for e in events] == ["19"]
    assert events[0]["source"][0]["country"] == "MLI"


def test_what_another_must_do_is_a_demand(code):
    events = code("Russia says Israel must end its attacks on Syria.")
    assert [(e["cameo"], e["status"]) for e in events] == [("1056", "occurred")]  # demand to de-escalate
    assert events[0]["source"][0]["country"] == "RUS"
    assert events[0]["target"][0]["country"] == "ISR"


def test_vowing_to_attack_is_a_threat(code):
    events = code("Hezbollah vowed to attack Israel.")
    assert [(e["cameo"][:2], e["status"]) for e in events] == [("13", "occurred")]


@pytest.mark.parametrize("text, code_, target", [
    ("The Nigerian defence minister vowed the army would drive every last insurgent out of the delta.", "138",
     "REB"),
    ("The junta pledged to drive the militias out of the delta by force.", "138", "PRM"),
    ("The Sudanese army chief vowed to expel the Rapid Support Forces from Khartoum.", "137", "PRM"),
    ("The Malian junta swore to expel the French ambassador within 72 hours.", "1313", "GOV"),
])
def test_vowing_ones_own_force_is_a_threat_made_now(code, text, code_, target):
    """A vow of violence (under vow, pledge, promise) or of coercion (under vow, swear), with an infinitive or a
    clause, is a threat made when it is made; the act itself has not happened and is not told besides."""
    events = code(text)
    assert [(e["cameo"], e["status"]) for e in events] == [(code_, "occurred")]
    assert [a["sector"] for a in events[0]["target"]] == [target]


def test_a_pledge_to_expel_stays_the_planned_act(code):
    """"pledged to expel the exiled officials as part of the deal" is a concession, not a threat."""
    events = code("Jordan has pledged to expel the exiled Hamas officials as part of the deal.")
    assert [(e["cameo"], e["status"]) for e in events] == [("174", "planned")]


def test_willingness_to_withdraw_is_an_intention(code):
    events = code("Russia is willing to withdraw its troops from Moldova.")
    assert [(e["cameo"], e["status"]) for e in events] == [("0356", "occurred")]


@pytest.mark.parametrize("text", [
    "The Kenyan president said Kenya would slow its operation in step with the US withdrawal.",
    "Britain said the US sanctions would hurt British firms.",
    "Mexico said it would wait for the US decision to deport the migrants.",
])
def test_the_us_is_no_first_person_pronoun(code, text):
    """"US" in capitals names the United States: its act is not the speaker's own announcement."""
    events = code(text)
    own = [e for e in events if e["cameo"][:2] in ("03", "13") and e["source"]
           and e["source"][0]["country"] in ("KEN", "GBR", "MEX")]
    assert not own, (text, [(e["cameo"], e["trigger"]) for e in own])


@pytest.mark.parametrize("text", [
    "But the events of the past few days suggest Kenya and Ethiopia may be close to a deal.",
    "The figures show that Ghana exported more cocoa to China.",
    "The latest polls suggest that the Peruvian president could lose the vote.",
])
def test_a_thing_that_suggests_is_no_speaker(code, text):
    """Events, figures and polls suggest or show; only people and bodies make statements."""
    assert not [e for e in code(text) if e["cameo"] == "010"], text


def test_people_and_bodies_still_make_statements(code):
    for text in ("Officials said the border was calm.", "Donors said Haiti must hold elections this year."):
        assert [e for e in code(text) if e["cameo"][:2] in ("01", "10")], text


@pytest.mark.parametrize("text, target", [
    ("A spokesman for Ruto warned shortly after Museveni's announcement that the Ugandan president's actions "
     "would cause instability.", "UGA"),
    ("Chile's foreign minister said after Monday's meeting that Bolivia's demands would lead to new conflicts.",
     "BOL"),
    ("The Dutch envoy warned during the summit that Hungary's decision would bring chaos to the union.", "HUN"),
])
def test_what_is_said_after_a_time_phrase_is_the_content(code, text, target):
    """The parser hangs "that ..." on the noun of the time phrase; a speech verb with no other content says it."""
    judged = [e for e in code(text) if e["cameo"][:2] == "11"]
    assert judged and judged[0]["target"][0]["country"] == target, (text, judged)


@pytest.mark.parametrize("text, source, target", [
    ("Egypt has warned it will not stand by and watch an Ethiopian attack on Sudan.", "EGY", "ETH"),
    ("Iran warned it would respond to any Israeli strike.", "IRN", "ISR"),
    ("Kenya warned that its army would not remain idle.", "KEN", None),
])
def test_a_warning_of_ones_own_act_is_a_threat(code, text, source, target):
    """What the speaker's own side will or will not do, told as a warning, threatens (130) whoever's deed the
    warning names; a gloomy forecast ("growth would slow") stays a warning (012)."""
    threats = [e for e in code(text) if e["cameo"][:2] == "13"]
    assert threats and threats[0]["source"][0]["country"] == source, (text, threats)
    assert target is None or threats[0]["target"][0]["country"] == target, (text, threats)


def test_a_forecast_stays_a_warning(code):
    for text in ("The IMF warned that growth would slow in Kenya.", "Ghana warned that prices would rise."):
        assert [e["cameo"] for e in code(text)] == ["012"], text


@pytest.mark.parametrize("text", [
    "\"Stop the bombing now,\" the Kenyan president told Uganda.",
    "\"Don't interfere in our affairs,\" the Ethiopian minister said on Monday.",
    "\"Release our fishermen,\" the Sri Lankan navy said.",
])
def test_a_quoted_command_is_a_demand(code, text):
    assert [e["cameo"][:2] for e in code(text)] == ["10"], text


@pytest.mark.parametrize("text", [
    "\"We will win,\" the Ethiopian minister said.",
    "\"Let us build peace together,\" the president said.",
])
def test_a_quote_that_orders_nothing_is_a_statement(code, text):
    assert "10" not in [e["cameo"][:2] for e in code(text)], text
