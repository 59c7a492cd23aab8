"""Actor resolution on phrases and on parsed noun phrases (real spaCy parses), with document memory."""

from __future__ import annotations

import pytest

from eventwire.actors import ActorResolver, DocumentMemory
from eventwire.actors.kb import load_kb


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(kb=load_kb(None))


def phrase(resolver, text, date="2022-02-10", context=None):
    found = resolver.resolve_phrase_full(text, context, date)
    assert found is not None, text
    return found


ARGUMENT_DEPS = ("nsubj", "nsubjpass", "dobj", "pobj", "dative", "oprd", "attr")


def noun_phrases(nlp, resolver, text, published="2022-02-10"):
    """Resolve every subject/object noun phrase of a text, in order, with one document memory."""
    memory = DocumentMemory(published=published)
    doc = nlp(text)
    out = []
    for tok in doc:
        if tok.dep_ in ARGUMENT_DEPS and tok.pos_ in ("PROPN", "NOUN", "PRON"):
            span = doc[tok.left_edge.i:tok.right_edge.i + 1]
            out.append((span.text, resolver.resolve_span(span, memory, 100)))
    return out


def by_text(results, text):
    return next(actors for span_text, actors in results if span_text == text)


@pytest.mark.parametrize("text, country, sector", [
    ("Moscow", "RUS", "GOV"),
    ("the Kremlin", "RUS", "GOV"),
    ("Kyiv", "UKR", "GOV"),
    ("Kiev", "UKR", "GOV"),
    ("Washington", "USA", "GOV"),
    ("the White House", "USA", "GOV"),
    ("Downing Street", "GBR", "GOV"),
    ("Beijing", "CHN", "GOV"),
    ("the Pentagon", "USA", "MIL"),
    ("Türkiye", "TUR", None),
    ("Turkish officials", "TUR", "GOV"),
    ("American soldiers", "USA", "MIL"),
    ("Nigerian police", "NGA", "COP"),
    ("Kenyan lawmakers", "KEN", "LEG"),
    ("a Brazilian court", "BRA", "JUD"),
    ("Belarusian protesters", "BLR", "CVL"),
    ("Britain's Defence Ministry", "GBR", "GOV"),
    ("the Ukrainian army", "UKR", "MIL"),
    ("Zambia's foreign minister", "ZMB", "GOV"),
    ("people in the UK", "GBR", "CVL"),
    ("Russia's ambassador to Poland", "RUS", "GOV"),
    ("Iran-backed Houthis", "YEM", "REB"),
    ("Hamas fighters", "PSE", "REB"),
    ("a former Kremlin official", "RUS", "ELI"),
    ("Tigrayan rebels", "ETH", "REB"),
    ("Kyiv's forces", "UKR", "MIL"),
    ("Ethiopian government forces", "ETH", "MIL"),
    ("Officials of the Taliban-led government", "AFG", "GOV"),
    ("exiled dissidents from Belarus", "BLR", "OPP"),
    ("the Al Qaeda-linked Somali militant group al-Shabab", "SOM", "REB"),
])
def test_phrases_resolve_to_country_and_sector(resolver, text, country, sector):
    actor = phrase(resolver, text).actor
    assert (actor.country, actor.sector) == (country, sector)


def test_a_country_named_after_its_organisation_is_the_actor(resolver):
    assert phrase(resolver, "NATO members Romania").actor.country == "ROU"
    assert phrase(resolver, "NATO members Romania").actor.org is None


def test_a_dateline_before_a_dash_is_not_part_of_the_actor(resolver):
    assert phrase(resolver, "BRUSSELS (Wire) — NATO").actor.org == "NATO"


def test_igos_resolve_to_an_org_code_not_a_country(resolver):
    nato = phrase(resolver, "Nato").actor
    assert (nato.org, nato.country) == ("NATO", None)
    assert phrase(resolver, "the U.N. Security Council").actor.org == "UN"
    eu = phrase(resolver, "the European Commission")
    assert (eu.actor.org, eu.actor.sector, eu.bloc) == ("EU", "GOV", "EUR")


def test_a_country_name_with_one_typo_still_gives_the_country(resolver):
    from eventwire.actors.text import within_one_edit

    assert within_one_edit("kazahk", "kazakh") and within_one_edit("ukranian", "ukrainian")
    assert not within_one_edit("poland", "holland")
    assert phrase(resolver, "Kazahks").actor.country == "KAZ"
    assert phrase(resolver, "Ukranian farmers").actor.country == "UKR"
    assert resolver.resolve_phrase("Frank") is None


def test_acronyms_must_be_written_in_capitals(resolver):
    assert phrase(resolver, "US").actor.country == "USA"
    assert resolver.resolve_phrase("us") is None
    assert phrase(resolver, "IS militants").actor.org == "ISIS"


def test_pro_russian_separatists_are_rebels_affiliated_with_russia(resolver):
    actor = phrase(resolver, "pro-Russian separatists").actor
    assert (actor.sector, actor.affiliation, actor.country) == ("REB", "RUS", None)
    in_context = phrase(resolver, "pro-Russian separatists", context="eastern Ukraine").actor
    assert in_context.country == "UKR"


def test_titles_and_secondary_sectors(resolver):
    assert phrase(resolver, "an opposition lawmaker").sectors == ["LEG", "OPP"]
    assert phrase(resolver, "Germany's defence minister").sectors[:2] == ["GOV", "MIL"]
    assert phrase(resolver, "members of the Bundeswehr").actor.sector == "MIL"


def test_context_fills_the_country_of_a_bare_role(resolver):
    assert phrase(resolver, "the defence minister", context="Kenyan").actor.country == "KEN"


def test_kb_people_resolve_by_date(resolver):
    assert (phrase(resolver, "Putin").actor.country, phrase(resolver, "Putin").actor.sector) == ("RUS", "GOV")
    blinken = phrase(resolver, "Antony Blinken").actor
    assert (blinken.country, blinken.sector, blinken.name) == ("USA", "GOV", "Antony Blinken")
    assert phrase(resolver, "Blinken", date="2019-06-01").actor.sector != "GOV"  # before he took office


def test_time_awareness_same_name_two_dates(resolver):
    """Putin was prime minister in 2009 and president in 2015; Merkel was chancellor in 2017, not in 2023."""
    resolver.kb.add_role("Vladimir Putin", resolver.kb.people["Vladimir Putin"].roles[0])  # no-op duplicate
    roles = resolver.kb.people["Vladimir Putin"]
    assert roles.role_on("2009-06-01").role != roles.role_on("2015-06-01").role
    assert phrase(resolver, "Putin", date="2009-06-01").actor.sector == "GOV"
    merkel_then = phrase(resolver, "Angela Merkel", date="2017-04-01").actor
    merkel_after = phrase(resolver, "Angela Merkel", date="2023-04-01").actor
    assert (merkel_then.country, merkel_then.sector) == ("DEU", "GOV")
    assert (merkel_after.country, merkel_after.sector) == ("DEU", "ELI")


SEED_LIKE = (
    "Turkey's Foreign Minister Mevlüt Çavuşoğlu spoke with NATO Secretary-General Jens Stoltenberg on Monday. "
    "Çavuşoğlu later called his United States counterpart Antony Blinken. "
    "U.S. State Department spokesperson Ned Price said the call was useful. "
    "The minister told reporters that he had warned Moscow. "
    "Pro-Russian separatists shelled a village in eastern Ukraine, and Kyiv accused the Kremlin. "
    "Çavuşoğlu and Stoltenberg met again on Tuesday. Putin rejected the demands."
)


def test_seed_report_actors_in_a_document(nlp, resolver):
    results = noun_phrases(nlp, resolver, SEED_LIKE)

    def only(text):
        actors = by_text(results, text)
        assert len(actors) == 1, (text, actors)
        return actors[0]

    first = only("Turkey's Foreign Minister Mevlüt Çavuşoğlu")
    assert (first.country, first.sector, first.name) == ("TUR", "GOV", "Mevlüt Çavuşoğlu")
    assert first.span == (100, 100 + len("Turkey's Foreign Minister Mevlüt Çavuşoğlu"))
    assert only("NATO Secretary-General Jens Stoltenberg").org == "NATO"
    surname = only("Çavuşoğlu")
    assert (surname.country, surname.sector, surname.name) == ("TUR", "GOV", "Mevlüt Çavuşoğlu")
    blinken = only("his United States counterpart Antony Blinken")
    assert (blinken.country, blinken.sector) == ("USA", "GOV")
    price = only("U.S. State Department spokesperson Ned Price")
    assert (price.country, price.sector) == ("USA", "GOV")
    minister = only("The minister")
    assert (minister.name, minister.country) == ("Mevlüt Çavuşoğlu", "TUR")
    he = only("he")
    assert he.name == "Mevlüt Çavuşoğlu"
    assert (only("Moscow").country, only("Moscow").sector) == ("RUS", "GOV")
    assert (only("Kyiv").country, only("Kyiv").sector) == ("UKR", "GOV")
    assert (only("the Kremlin").country, only("the Kremlin").sector) == ("RUS", "GOV")
    separatists = only("Pro-Russian separatists")
    assert (separatists.sector, separatists.affiliation, separatists.country) == ("REB", "RUS", "UKR")
    pair = by_text(results, "Çavuşoğlu and Stoltenberg")
    assert [(a.name, a.country, a.org) for a in pair] == [("Mevlüt Çavuşoğlu", "TUR", None),
                                                          ("Jens Stoltenberg", None, "NATO")]
    putin = only("Putin")
    assert (putin.country, putin.sector) == ("RUS", "GOV")


def test_bare_domestic_actors_take_the_country_their_sentence_is_set_in(nlp, resolver):
    results = noun_phrases(nlp, resolver, "Police fired tear gas at protesters in Nairobi on Tuesday.")
    assert [(a.country, a.sector) for a in by_text(results, "Police")] == [("KEN", "COP")]
    results = noun_phrases(nlp, resolver, "Soldiers detained protesters in Mali and Niger.")
    assert by_text(results, "Soldiers")[0].country is None  # soldiers may be foreign; two countries named


def test_a_span_cutting_a_name_is_widened_to_the_whole_name(nlp, resolver):
    doc = nlp("Barack Obama and Vladimir Putin will meet in Zurich.")
    actors = resolver.resolve_span(doc[0:1], DocumentMemory(published="2015-01-01"))
    assert [(a.text, a.name, a.country) for a in actors] == [("Barack Obama", "Barack Obama", "USA")]


def test_a_lowercase_name_after_a_title_still_resolves(resolver):
    assert phrase(resolver, "President obama", date="2015-01-01").actor.name == "Barack Obama"


def test_his_country_is_the_country_of_the_person_last_named(nlp, resolver):
    results = noun_phrases(nlp, resolver, "Turkey's Foreign Minister Mevlüt Çavuşoğlu said his country would "
                                          "not block the talks.")
    assert [(a.country, a.sector) for a in by_text(results, "his country")] == [("TUR", None)]
    assert resolver.resolve_phrase("his country") is None  # no document, no owner


def test_the_minister_is_the_most_recently_named_minister(nlp, resolver):
    text = ("Kenya's Foreign Minister Aiko Wanjiru met Chad's Foreign Minister Omar Tahiru in Nairobi. "
            "The minister said the border would reopen.")
    results = noun_phrases(nlp, resolver, text)
    assert [(a.name, a.country) for a in by_text(results, "The minister")] == [("Omar Tahiru", "TCD")]


def test_compound_subject_gives_two_actors(nlp, resolver):
    results = noun_phrases(nlp, resolver, "The U.S. and its European allies imposed sanctions on Russia.")
    actors = by_text(results, "The U.S. and its European allies")
    assert [a.country or a.org for a in actors] == ["USA", "EU"]
    assert actors[0].span[0] == 100


def test_namesakes_resolve_by_date(resolver):
    assert phrase(resolver, "President Bush", date="1990-05-01").actor.name == "George H. W. Bush"
    assert phrase(resolver, "President Bush", date="2004-05-01").actor.name == "George W. Bush"


def test_surname_of_another_person_is_not_resolved_to_a_kb_person(resolver):
    assert phrase(resolver, "Hunter Putin") is None or phrase(resolver, "Hunter Putin").actor.name != "Vladimir Putin"


@pytest.mark.parametrize(("text", "country"), [
    ("Ibrahim al-Sayed, a Syrian activist", "SYR"),  # no Anwar Ibrahim
    ("Hassan bin Talal of Jordan", "JOR"),  # no city of Hassan
    ("Abbas el-Sayed of the Egyptian bar association", "EGY"),  # no Mahmoud Abbas
])
def test_a_first_name_before_a_name_particle_names_no_namesake(resolver, text, country):
    """"al-", "bin", "von der" go on with the surname: the word before them is a first name."""
    assert phrase(resolver, text).actor.country == country


@pytest.mark.parametrize(("text", "country", "sector"), [
    ("an anti-Houthi militia", None, "PRM"),
    ("the anti-Isis coalition", None, "GOV"),
    ("anti-American protesters in Pakistan", "PAK", "CVL"),
])
def test_whom_an_actor_is_against_is_not_the_actor(resolver, text, country, sector):
    """"anti-Houthi", "anti-Isis": the name after "anti-" is the opponent, never the actor's org or country."""
    actor = phrase(resolver, text).actor
    assert (actor.org, actor.country, actor.sector) == (None, country, sector)


@pytest.mark.parametrize(("text", "country"), [
    ("anti-Kremlin activists", "RUS"),
    ("anti-Maduro protesters", "VEN"),
    ("an anti-Putin demonstrator in London", "RUS"),
])
def test_opponents_of_a_government_are_its_own_opposition(resolver, text, country):
    """A government's seat or leader after "anti-" is opposed by that state's own people."""
    found = phrase(resolver, text)
    assert (found.actor.country, "OPP" in found.sectors) == (country, True)


@pytest.mark.parametrize("text", ["", " ", "and", ",", "who", "—", "the", '"', "- -"])
def test_empty_or_punctuation_phrases_name_no_actor(nlp, resolver, text):
    assert resolver.resolve_phrase(text) is None
    if text.strip():
        doc = nlp(text)
        assert resolver.resolve_span(doc[:], DocumentMemory()) == []


def test_public_api_resolves_a_phrase():
    import eventwire

    actor = eventwire.resolve_actor("the Kremlin", date="2022-01-05")
    assert (actor.country, actor.sector) == ("RUS", "GOV")
    assert eventwire.resolve_actor("Defense Minister", context="German").country == "DEU"


@pytest.mark.parametrize("text, country, sector", [
    ("The Pentagon", "USA", "MIL"),
    ("The State Department", "USA", "GOV"),
])
def test_a_sentence_initial_the_is_no_part_of_a_name(resolver, text, country, sector):
    found = phrase(resolver, text).actor
    assert (found.country, found.sector) == (country, sector)


@pytest.mark.parametrize("text", ["schoolgirls", "mourners", "settlers", "inmates", "onlookers"])
def test_common_victim_nouns_are_civilians(resolver, text):
    assert phrase(resolver, text).actor.sector == "CVL"


def test_affiliated_fighters_take_the_place_they_fight_in(nlp, resolver):
    results = noun_phrases(nlp, resolver, "Fighting between Georgian soldiers and pro-Russian separatists in "
                                          "Abkhazia has killed dozens.")
    fighters = [a for _, actors in results for a in actors if a.affiliation == "RUS"]
    assert fighters and fighters[0].country == "GEO"


@pytest.mark.parametrize("text, country, org", [
    ("NATO criticised the drill. The alliance asked Belarus to pull back its tanks.", None, "NATO"),
    ("Morocco expelled two diplomats. The kingdom blamed Algeria for the unrest.", "MAR", None),
])
def test_a_definite_kind_of_body_points_back(code, text, country, org):
    event = next(e for e in code(text) if "Belarus" in e["text"] or "Algeria" in e["text"])
    assert [(a["country"], a["org"]) for a in event["source"]] == [(country, org)]


def test_the_country_is_the_nearest_country_named_before(nlp, resolver):
    results = noun_phrases(nlp, resolver, "Canada sent 50 engineers to Haiti to help the country rebuild its schools.")
    assert [a.country for a in by_text(results, "the country")] == ["HTI"]


def test_a_named_group_is_no_anaphor(resolver):
    assert phrase(resolver, "the Syrian group").actor.country == "SYR"


def test_a_town_the_tables_lack_sets_the_sentence_from_the_gazetteer(code):
    event = next(e for e in code("Gunmen kidnapped 40 villagers in Zamfara on Sunday, police said.")
                 if e["cameo"].startswith("18"))
    assert [a["country"] for a in event["target"]] == ["NGA"]
