"""Actors across sentences and in their sentence's frame, through the real pipeline: plural anaphors ("the two
countries"), meeting venues that are no party's country, police "officers", news outlets, "he" for a person
named by role, and "the country" as the previous sentence's subject."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorResolver
from eventwire.actors.kb import load_kb
from eventwire.actors.tables import plural_anaphors, setting_words


def actors_of(events: list[dict], trigger: str, role: str = "source") -> list[str]:
    """The actor codes of the first event with this trigger."""
    event = next(e for e in events if e["trigger"] == trigger)
    return [(a["org"] or a["country"] or "UNK") + (a["sector"] or "") for a in event[role]]


@pytest.mark.parametrize("text, trigger, expected", [
    ("Ethiopia and Eritrea signed a peace deal in 2018. Both sides accused each other of violating it on "
     "Tuesday.", "accused", ["ETH", "ERI"]),
    ("Armenia and Azerbaijan held talks in Brussels. The two governments agreed to work together on border security.",
     "agreed", ["ARMGOV", "AZEGOV"]),
    ("Thailand and Cambodia traded fire along the border. The two sides blamed each other for the clashes.",
     "blamed", ["THA", "KHM"]),
])
def test_plural_anaphor_is_both_parties_named_before(code, text, trigger, expected):
    assert actors_of(code(text), trigger) == expected


def test_both_sides_are_not_the_third_party_that_speaks_of_them(code):
    events = code("President Joe Biden spoke with Chinese President Xi Jinping on Tuesday. The White House said "
                  "both sides agreed to keep lines of communication open.", published="2024-06-01")
    assert actors_of(events, "agreed") == ["USA", "CHN"]


def test_officers_after_riot_police_are_police(code):
    events = code("Riot police detained 40 protesters in Tbilisi overnight. Officers used water cannon against "
                  "thousands of demonstrators on Tuesday.")
    assert actors_of(events, "used") == ["GEOCOP"]


def test_the_two_leaders_are_the_two_people_named_before(code):
    events = code("President Xi Jinping met President Emmanuel Macron in Paris. The two leaders agreed to "
                  "resume talks.", published="2024-05-06")
    assert [c[:3] for c in actors_of(events, "agreed")] == ["CHN", "FRA"]


@pytest.mark.parametrize("text, trigger, expected", [
    ("Egypt, Qatar and the United States mediated talks in Cairo on Monday. On Tuesday the three countries "
     "proposed a new truce for Gaza.", "proposed", ["EGY", "QAT", "USA"]),
    ("Foreign ministers of Brazil, India and South Africa met in Delhi. The three countries condemned the strikes "
     "on Gaza.", "condemned", ["BRA", "IND", "ZAF"]),
    ("Russia, Turkey and Iran met in Astana on Monday. The deal was formally reached by the three countries in "
     "Geneva on Tuesday.", "reached", ["RUS", "TUR", "IRN"]),
])
def test_a_plural_anaphor_with_a_number_stands_for_that_many_parties(code, text, trigger, expected):
    """"the three countries" is read as the table's "the two countries", with its own number."""
    assert actors_of(code(text), trigger) == expected


def test_plural_anaphor_needs_two_parties(code):
    events = code("Kenya sent police to Haiti. The two countries agreed to cooperate.")
    assert all(len(e["source"]) < 2 for e in events)


def test_venue_of_talks_gives_negotiators_no_country(code):
    events = code("Negotiators for Ukraine and Russia held talks in Riyadh on Tuesday.")
    assert not any(a["country"] == "SAU" and a["sector"] == "GOV" for e in events for a in e["source"])


@pytest.mark.parametrize("text, trigger", [
    ("Officers arrested a man suspected of planning an attack in Paris, police said.", "arrested"),
    ("Officials said officers detained three suspects after the robbery in Lagos.", "detained"),
])
def test_officers_are_police_where_the_sentence_is_about_arrests(code, text, trigger):
    assert actors_of(code(text), trigger)[0].endswith("COP")


def test_officers_stay_military_without_police_cues(code):
    events = code("Army units and officers shelled rebel positions near Goma.")
    assert not any(a["sector"] == "COP" for e in events for a in e["source"])


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(kb=load_kb(None))


@pytest.mark.parametrize("phrase, code_", [
    ("The Washington Post", "USAJRN"), ("the BBC", "GBRJRN"), ("Al Jazeera", "QATJRN"), ("CNN", "USAJRN"),
])
def test_news_outlets_are_media_of_their_country(resolver, phrase, code_):
    assert resolver.resolve_phrase(phrase).code == code_


def test_a_province_is_no_news_agency(resolver):
    assert resolver.resolve_phrase("Fars province").sector != "JRN"


def test_he_after_a_person_named_by_role(code):
    events = code("The Russian ambassador was summoned by Poland on Tuesday. He rejected the accusations.")
    assert actors_of(events, "rejected") == ["RUSGOV"]


def test_subject_pronoun_prefers_the_previous_subject(code):
    events = code("The German ambassador met Kenyan President William Ruto on Monday. He said Germany would "
                  "increase aid.", published="2025-06-01")
    assert actors_of(events, "said") == ["DEUGOV"]


@pytest.mark.parametrize("text, trigger, expected", [
    ("Turkey sent troops to Syria on Monday. The country also threatened to attack Kurdish fighters.",
     "threatened", "TUR"),
    ("Kenya deployed police to Haiti last year. The country has pledged more officers.", "pledged", "KEN"),
])
def test_the_country_is_the_previous_subject(code, text, trigger, expected):
    assert actors_of(code(text), trigger) == [expected]


def test_discourse_tables_load():
    assert plural_anaphors()[("the", "two", "country")] == "country"
    assert set(plural_anaphors().values()) <= {"country", "government", "leader", "side", "military"}
    for kind in ("police_role", "police_cue", "police_noun", "venue", "person_role"):
        assert setting_words(kind), kind
