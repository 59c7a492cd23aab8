"""Who did what to whom: detection, classification, direction and compound actors, on sentences written for
these tests."""

from __future__ import annotations

import pytest


def dyads(events: list[dict]) -> list[tuple[str, list[str], list[str]]]:
    def side(actors):
        return sorted(a["org"] or a["country"] or "" for a in actors)

    return [(e["cameo"], side(e["source"]), side(e["target"])) for e in events]


@pytest.mark.parametrize("text, expected", [
    ("Pakistan threatened India with military action.", ("138", ["PAK"], ["IND"])),
    ("Turkey accused Greece of violating its airspace.", ("112", ["TUR"], ["GRC"])),
    ("Morocco imposed sanctions on Algeria.", ("163", ["MAR"], ["DZA"])),
    ("Azerbaijan shelled Armenian villages overnight.", ("194", ["AZE"], ["ARM"])),
    ("Israel launched an air strike on Syria.", ("195", ["ISR"], ["SYR"])),
    ("The foreign minister of Japan visited Australia.", ("042", ["JPN"], ["AUS"])),
    ("Ecuador signed a trade agreement with Colombia.", ("057", ["ECU"], ["COL"])),
    ("Norway provided humanitarian aid to Yemen.", ("073", ["NOR"], ["YEM"])),
    ("Vietnam urged China to stop the drilling.", ("020", ["VNM"], ["CHN"])),
    ("The Kenyan president praised Tanzania.", ("051", ["KEN"], ["TZA"])),
    ("Chad and Niger held talks on Monday.", ("040", ["TCD"], ["NER"])),
    ("Canada said Mexico had expelled two American diplomats.", ("161", ["MEX"], ["USA"])),
])
def test_pattern_families(code, text, expected):
    assert expected in dyads(code(text))


def test_passive_by_agent_is_the_source(code):
    active = dyads(code("Armenia attacked Georgia on Monday."))
    passive = dyads(code("Georgia was attacked by Armenia on Monday."))
    assert active == passive == [("190", ["ARM"], ["GEO"])]


def test_passive_without_agent_keeps_the_target(code):
    events = code("Georgian villages were shelled overnight.")
    assert [(e["source"], [a["country"] for a in e["target"]]) for e in events] == [([], ["GEO"])]


def test_compound_subject_gives_both_sources(code):
    assert dyads(code("France and Germany condemned Belarus.")) == [("111", ["DEU", "FRA"], ["BLR"])]


def test_reciprocal_event_splits_a_compound_subject_and_is_marked(code):
    events = code("Greece and Turkey held talks.")
    assert dyads(events) == [("040", ["GRC"], ["TUR"])]
    assert events[0]["reciprocal"] is True


def test_fighting_between_two_sides(code):
    events = code("Fighting between India and Pakistan erupted on the border.")
    assert dyads(events) == [("190", ["IND"], ["PAK"])]
    assert events[0]["reciprocal"] is True


def test_light_verb_phone_call_with(code):
    events = code("The Indian prime minister held a phone call with the Japanese prime minister.")
    assert dyads(events) == [("041", ["IND"], ["JPN"])]
    assert events[0]["trigger"] == "phone call"


def test_relative_clause_subject(code):
    events = code("Moldova, which wants closer ties with Romania, has blamed Russia for the blockade.")
    assert ("112", ["MDA"], ["RUS"]) in dyads(events)


def test_participle_with_forces_takes_the_country_of_the_sentence(code):
    events = code("Russia denies any plan, but satellite images show 50,000 troops gathered on the border.")
    mobilise = [e for e in events if e["cameo"].startswith("15")]
    assert [(a["country"], a["sector"]) for e in mobilise for a in e["source"]] == [("RUS", "MIL")]


def test_offsets_and_mentions_point_into_the_document(code):
    text = "Headline words here\n\nPoland held talks with Lithuania on Monday."
    events = code(text)
    assert len(events) == 1
    event = events[0]
    assert text[event["span"][0]:event["span"][1]] == event["text"]
    start, end = event["mentions"][0]["trigger_span"]
    assert text[start:end] == "talks"
    assert event["plover"] == "CONSULT" and event["quad_class"] == 1 and event["goldstein"] is not None


def test_verb_telling_more_about_an_event_noun_is_not_a_second_event(code):
    events = code("The attack, which killed 12 Malian soldiers, was carried out by rebels.")
    assert [(e["cameo"][:2], [a["country"] for a in e["target"]]) for e in events] == [("19", ["MLI"])]


@pytest.mark.parametrize("text", [
    "The warring sides resumed talks in Jeddah on Monday.",
    "The two rebel groups signed a peace agreement in Nairobi.",
    "Sudan's rival factions held indirect negotiations in Geneva.",
])
def test_a_meeting_place_is_no_target(code, text):
    host = {"Jeddah": "SAU", "Nairobi": "KEN", "Geneva": "CHE"}[next(w for w in ("Jeddah", "Nairobi", "Geneva")
                                                                     if w in text)]
    events = code(text)
    assert events and all(host not in side for _, _, side in dyads(events))


@pytest.mark.parametrize("text, expected", [
    ("Activists protested in Beijing on Sunday.", "CHN"),
    ("Gunmen attacked a market in northern Nigeria.", "NGA"),
    ("Obama will attend a summit in Switzerland next week.", "CHE"),
])
def test_a_place_still_targets_protests_attacks_and_lone_visitors(code, text, expected):
    assert any(expected in target for _, _, target in dyads(code(text)))


@pytest.mark.parametrize("text, name", [
    ("Israel Flying Aid delivered food parcels to families in Gaza on Monday.", "Israel Flying Aid"),
    ("A spokesman for the Peace Agreement Monitoring Commission spoke to reporters.", "Peace Agreement Monitoring"),
    ("The Norwegian NGO Fjord Aid has been providing aid to Sudanese refugees.", "Fjord Aid"),
])
def test_a_trigger_inside_a_name_is_no_event(code, text, name):
    start = text.index(name)
    for event in code(text):
        for mention in event["mentions"]:
            assert not start <= mention["trigger_span"][0] < start + len(name), event["trigger"]


def test_a_title_case_headline_keeps_its_events(code):
    assert any(e["cameo"] == "057" for e in code("India And Kenya Sign Trade Agreement During Modi Visit"))


@pytest.mark.parametrize("text", [
    "The United States has 35,000 troops stationed in Germany.",
    "Britain has about 900 soldiers based in Estonia.",
])
def test_a_participle_telling_where_troops_are_is_no_deployment(code, text):
    assert not any(e["cameo"].startswith("15") for e in code(text))


def test_troops_deployed_to_a_border_are_still_an_event(code):
    assert any(e["cameo"].startswith("15") for e in code("Russia deployed troops to the border with Ukraine."))


@pytest.mark.parametrize("text, pair", [
    ("Armenia and Azerbaijan accused each other of shelling border villages.", {"ARM", "AZE"}),
    ("Israel and Hamas blamed one another for the collapse of the truce.", {"ISR", "HMS", "PSE"}),
])
def test_each_other_makes_the_subjects_both_sides(code, text, pair):
    events = [e for e in code(text) if e["cameo"].startswith("112")]
    assert events and events[0]["reciprocal"]
    source, target = dyads(events)[0][1:]
    assert len(source) == 2 and source == target and set(source) <= pair


@pytest.mark.parametrize("text", [
    "Thousands protested against a new law that restricts foreign-funded media.",
    "Thousands have rallied since the government suspended talks on joining the European Union.",
])
def test_what_a_law_says_or_a_topic_of_talks_is_no_event(code, text):
    assert not any(e["cameo"][:2] in ("17", "05") for e in code(text))


def test_a_bill_passed_keeps_what_it_does(code):
    events = code("Peru's congress has passed a bill lifting the state of emergency in the southern provinces.")
    assert any(e["cameo"].startswith("08") for e in events)
