"""Argument selection: who did it to whom when the parse alone gets it wrong (datelines, nationalities on the
means of an attack, parties inside an object's phrase, split names, multilateral meetings, shared passives)."""

from __future__ import annotations

import pytest

from eventwire.events.arguments import in_dateline, party_of_thing


def countries(side: list[dict]) -> set[str | None]:
    return {a["country"] for a in side}


def first(events: list[dict], root: str) -> dict:
    found = [e for e in events if e["cameo"].startswith(root)]
    assert found, f"no {root} event in {[(e['trigger'], e['cameo']) for e in events]}"
    return found[0]


@pytest.mark.parametrize("text, word, expected", [
    ("HEBRON, West Bank: Two farmers were shot near the village.", "HEBRON", True),
    ("KYIV (AP) - Russian troops shelled the port.", "AP", True),
    ("KYIV (AP) - Russian troops shelled the port.", "troops", False),
    ("Egypt: Cairo hosts the talks.", "Cairo", False),
    ("Jordan condemned the raid: it called it illegal.", "Jordan", False),
])
def test_dateline_tokens(nlp, text, word, expected):
    doc = nlp(text)
    token = next(t for t in doc if t.text == word)
    assert in_dateline(token) is expected


def test_dateline_is_never_the_victim(code):
    event = first(code("RAFAH, Gaza Strip: Two boys were wounded by gunfire near the fence, medics said."), "19")
    assert all("RAFAH" not in a["text"] for a in event["target"])
    assert any("boys" in a["text"] for a in event["target"])


def test_nationality_of_the_attack_is_the_doer(code):
    event = first(code("Nine fishermen were arrested in a Turkish coast guard raid."), "17")
    assert countries(event["source"]) == {"TUR"}


def test_place_adjective_names_no_doer(code):
    event = first(code("Three men were killed in a Syrian village on Monday."), "19")
    assert event["source"] == []


def test_target_inside_the_agreement_phrase(code):
    event = first(code("Georgian lawmakers endorsed a trade union agreement with Armenia."), "05")
    assert countries(event["target"]) == {"ARM"}


def test_no_party_taken_from_a_body_or_an_owned_thing(nlp):
    doc = nlp("Qatar backed an insurgency against Syria and welcomed Egypt's proposal to Jordan.")
    insurgency = next(t for t in doc if t.text == "insurgency")
    proposal = next(t for t in doc if t.text == "proposal")
    assert party_of_thing(insurgency) is None
    assert party_of_thing(proposal) is None


def test_split_name_keeps_its_conjunct(code):
    event = first(code("Barack Obama and Vladimir Putin will meet in Geneva next week."), "04")
    assert countries(event["source"] + event["target"]) >= {"USA", "RUS"}


def test_multilateral_meeting_keeps_every_party_on_both_sides(code):
    event = first(code("Germany, France and Poland held talks in Berlin on Tuesday."), "04")
    assert countries(event["source"]) == {"DEU", "FRA", "POL"}
    assert countries(event["target"]) == {"DEU", "FRA", "POL"}
    assert event["reciprocal"]


def test_bilateral_meeting_stays_one_pair(code):
    event = first(code("Germany and France held talks in Berlin on Tuesday."), "04")
    assert countries(event["source"]) == {"DEU"}
    assert countries(event["target"]) == {"FRA"}


def test_conjoined_passive_shares_patient_and_agent(code):
    events = code("Dozens of students were detained by police in Minsk and later released.")
    release = first(events, "08")
    assert any("students" in a["text"] for a in release["target"])
    assert any("police" in a["text"] for a in release["source"])


def test_conjoined_active_clause_shares_no_patient(code):
    events = code("The union agreed to end its strike over wages, which workers say were cut and withheld by managers.")
    assert not any(a["text"].startswith("The union") for e in events for a in e["target"]
                   if e["cameo"][:2] in ("17", "18", "19"))


def test_talks_between_three_parties_keep_them_all(code):
    event = first(code("Talks between Armenia, Azerbaijan and Russia ended without a deal."), "04")
    assert countries(event["source"]) == countries(event["target"]) == {"ARM", "AZE", "RUS"}


@pytest.mark.parametrize("text, country", [
    ("Russia, Defence Minister Sergei Shoigu said, will send more troops to Belarus.", "RUS"),
    ("Hamas, the group's spokesman said on Sunday, will release two hostages.", "PSE"),
])
def test_subject_before_an_inserted_attribution(code, text, country):
    event = next(e for e in code(text) if e["cameo"][:2] in ("15", "08", "03"))
    assert countries(event["source"]) == {country}


def test_subject_hung_on_the_dateline(code):
    event = first(code("LONDON (Newswire) — Britain and Ireland signed a fisheries agreement."), "05")
    assert countries(event["source"]) == {"GBR"}
    assert countries(event["target"]) == {"IRL"}


def test_dateline_city_is_no_place_target(code):
    events = code("MOSCOW (Wire) — Russia on Friday made public two draft security agreements.")
    assert all(a["text"] != "MOSCOW" for e in events for a in e["target"])


@pytest.mark.parametrize("text, country, org", [
    ("A report by Amnesty International accused Egypt of torturing detainees.", None, "AMNESTY"),
    ("A statement from the Kremlin condemned the raid on the consulate.", "RUS", None),
    ("A letter signed by 40 Canadian senators urged Ottawa to sanction Iran.", "CAN", None),
])
def test_a_thing_speaks_for_its_author(code, text, country, org):
    event = next(e for e in code(text) if e["source"])
    assert any(a["country"] == country and a["org"] == org for a in event["source"]), event["source"]


def test_a_thing_without_an_author_stays_the_subject(code):
    event = first(code("The new report accused Egypt of torturing detainees."), "11")
    assert event["source"] == []
    assert countries(event["target"]) == {"EGY"}


def test_victims_take_the_country_of_the_part_of_the_place(code):
    event = first(code("Gunmen shot dead six farmers in the north of Yemen on Monday, medics said."), "19")
    assert countries(event["target"]) == {"YEM"}


def test_victims_take_the_country_of_the_dateline(code):
    event = first(code("KABUL, Afghanistan: Two villagers were wounded when gunmen opened fire, police said."), "19")
    assert "AFG" in countries(event["target"])


def test_a_nationality_on_a_place_noun_sets_the_sentence(code):
    event = first(code("Demonstrators clashed with riot police in the Kenyan capital on Tuesday."), "14")
    assert countries(event["source"]) == {"KEN"}
    assert countries(event["target"]) == {"KEN"}


def test_an_announcing_head_is_no_third_party(code):
    event = first(code("The two presidents, Emmanuel Macron and Olaf Scholz, met in Berlin on Monday."), "04")
    assert countries(event["source"]) == {"FRA"}
    assert countries(event["target"]) == {"DEU"}


def test_it_as_a_later_subject_is_the_body_named_before(code):
    events = code("The Pentagon said on Monday it had sent 300 soldiers to Romania. "
                  "It will also deploy fighter jets to Lithuania.")
    deploy = next(e for e in events if "Lithuania" in e["text"])
    assert countries(deploy["source"]) == {"USA"}


@pytest.mark.parametrize("text, country", [
    ("A statement issued in the Syrian capital accused Turkey of shelling border villages.", "SYR"),
    ("A report published in Kampala accused Kenya of arming militias.", "UGA"),
])
def test_the_place_a_paper_was_issued_in_stands_for_its_issuer(code, text, country):
    event = first(code(text), "11")
    assert countries(event["source"]) == {country}
