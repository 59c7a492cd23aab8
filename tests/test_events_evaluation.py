"""Judgements typed by what is said: labelling verbs, judged clauses under speech verbs, attitudes (11x)."""

from __future__ import annotations

import pytest


def _find(events, root):
    return [e for e in events if e["cameo"].startswith(root) and e["status"] not in ("hypothetical", "negated")]


def _countries(side):
    return {a["country"] or a["org"] for a in side}


@pytest.mark.parametrize("text, source, target", [
    # a labelling verb gives its object a negative label
    ("India's foreign ministry described Beijing's new map as absurd.", "IND", "CHN"),
    ("Yerevan branded the Azerbaijani shelling a war crime.", "ARM", "AZE"),
    ("Warsaw called the Belarusian airspace incursion a provocation.", "POL", "BLR"),
    # a clause the speaker reports judges its subject
    ("Pakistan's army spokesman said the Afghan claims were baseless propaganda.", "PAK", "AFG"),
    ("Chile's foreign minister said Bolivia's lawsuit was a serious mistake.", "CHL", "BOL"),
    ("The decision by Hungary to veto the budget is irresponsible, the Dutch prime minister said.", "NLD", "HUN"),
    # a step, measure or decision taken, judged
    ("Russia's foreign minister warned that the Americans had taken dangerous unilateral steps in Syria.", "RUS",
     "USA"),
    ("Beijing said Manila had taken a reckless decision.", "CHN", "PHL"),
    ("Tehran said Washington had taken provocative measures in the Gulf.", "IRN", "USA"),
    # a party's doing said to cause harm is blamed on the party
    ("Egypt's foreign minister said the Ethiopian dam would cause a humanitarian disaster.", "EGY", "ETH"),
    ("Serbia's president said Kosovo's decision would lead to new conflicts in the Balkans.", "SRB", "XKX"),
    ("Kenya's foreign ministry said Uganda's new policy would bring chaos to the region.", "KEN", "UGA"),
    # a hostile act named of what is no act is a label too
    ("Damascus said the Jordanian decision was an assault on Syrian sovereignty.", "SYR", "JOR"),
    # a deed told as done in bad faith, in the clause or down its verb chain
    ("Kyiv said Moscow was sabotaging the grain deal.", "UKR", "RUS"),
    ("Norway's minister said Khartoum keeps trying to undermine the truce.", "NOR", "SDN"),
    ("Albania's envoy said: “Belgrade appears keen on the talks, stalling and obstructing the inquiry.”", "ALB",
     "SRB"),
    # a party said not to care for, respect or heed what it should
    ("Ankara's spokesman said Damascus does not care about civilians.", "TUR", "SYR"),
    ("Kyiv said Moscow does not respect international law.", "UKR", "RUS"),
    ("Britain's envoy said Myanmar's generals had not heeded repeated warnings.", "GBR", "MMR"),
    # what the speakers say they know or believe is what they say
    ("“I believe Moscow is sabotaging the talks,” Kyiv's envoy said.", "UKR", "RUS"),
])
def test_negative_judgements_are_criticism(code, text, source, target):
    found = _find(code(text), "11")
    assert found, text
    assert any(source in _countries(e["source"]) and target in _countries(e["target"]) for e in found)


@pytest.mark.parametrize("text, holder, cause", [
    ("Japan was angered by South Korea's decision to scrap the pact.", "JPN", "KOR"),
    ("Kenya said it was disappointed by Uganda's decision to close the border.", "KEN", "UGA"),
    ("The Egyptian government is deeply unhappy that Ethiopia began filling the dam.", "EGY", "ETH"),
])
def test_attitudes_towards_another_are_disapproval(code, text, holder, cause):
    found = _find(code(text), "11")
    assert any(holder in _countries(e["source"]) and cause in _countries(e["target"]) for e in found), text


@pytest.mark.parametrize("text", [
    "The minister called the meeting a success.",
    "She said it was a mistake.",  # no party is judged
    "The court said the law was not illegal.",  # negated
    "Officials said the bombing was an attack on civilians.",  # an attack told, not a label
    "Analysts said the drought would cause a humanitarian disaster.",  # a harm of no one's doing
    "Kenya said Uganda had taken a decision on the border.",  # a step taken, not judged
    "The minister said the drought was undermining the harvest.",  # no one's deed
    "Kyiv said Moscow was not sabotaging the deal.",  # negated
    "“We do not believe Moscow is sabotaging the talks,” Kyiv's envoy said.",  # a belief denied
    "Kyiv said Moscow respects the truce.",  # respect told, not denied
    "Zelensky said Ukrainian troops were exploiting gaps in the Russian defences.",  # a neutral sense
])
def test_look_alikes_are_no_criticism(code, text):
    assert not _find(code(text), "11"), text


def test_a_label_is_not_the_act_it_names(code):
    events = code("Seoul described the missile launch by North Korea as a grave threat to peace.")
    assert not [e for e in events if e["cameo"].startswith("13")]
    assert _find(events, "11")


@pytest.mark.parametrize("text, source, target", [
    ("Casting Venezuela as a malign influence, the Colombian minister said the border would stay shut.", "COL", "VEN"),
    ("Seoul described Pyongyang as a rogue state.", "KOR", "PRK"),
    ("Kyiv called Moscow a murderous aggressor.", "UKR", "RUS"),
])
def test_more_judging_words_label_a_party(code, text, source, target):
    """The judging words of political speech ("malign", "rogue", "murderous aggressor") label whom they name."""
    judged = [e for e in code(text) if e["cameo"] == "111"]
    assert judged, (text, [(e["cameo"], e["trigger"]) for e in code(text)])
    assert judged[0]["source"][0]["country"] == source and judged[0]["target"][0]["country"] == target, judged


@pytest.mark.parametrize("text", [
    "US commanders have cautioned that al-Shabaab will remain a serious threat in Somalia.",
    "The Pentagon warned that the Islamic State could remain a menace in Syria.",
    "Nigerian officials warned that Boko Haram would stay a grave threat to the north.",
])
def test_what_a_party_will_be_is_a_forecast_not_a_judgement(code, text):
    """"warned that Isis will remain a threat": a gloomy forecast (012) about a party, not criticism of it."""
    events = code(text)
    assert not _find(events, "11"), events
    assert [e["cameo"] for e in _find(events, "01")] == ["012"]


def test_a_judged_deed_in_the_future_is_still_criticism(code):
    events = code("Kenya warned that Uganda's decision would be a provocation.")
    assert [e["cameo"][:2] for e in _find(events, "11")] == ["11"]


@pytest.mark.parametrize("text", [
    "Hezbollah remains a threat to Israel.",
    "The Houthis will remain a major threat to shipping in the Red Sea.",
    "Al-Shabaab is still a danger to Kenya, the report said.",
])
def test_a_threat_a_party_is_said_to_be_is_no_threat_made(code, text):
    """An event noun as the complement of "is", "remains", "stays" with a party as subject tells what the party
    is, not an act: no threat occurred."""
    assert not [e for e in code(text) if e["cameo"].startswith("13") and e["status"] in ("occurred", "planned")]


@pytest.mark.parametrize("text, source, target", [
    ("“Our troops will stay,” Kyiv's envoy said. “Moscow is sabotaging the talks.”", "UKR", "RUS"),
    ("“We will defend our border,” Armenia's foreign minister said. “We know that Baku does not respect the "
     "ceasefire.”", "ARM", "AZE"),
    ("“The talks must go on,” Germany's chancellor told reporters. “Belgrade's new decree is a blatant "
     "provocation.”", "DEU", "SRB"),
])
def test_a_judgement_in_a_quote_of_its_own_is_its_speakers(code, text, source, target):
    """A speaker quoted again in a sentence of its own, with no "said" in it, still judges."""
    found = [e for e in _find(code(text), "11") if e["text"].startswith("\u201c") and "said" not in e["text"]
             and "told" not in e["text"]]
    assert found and _countries(found[0]["source"]) == {source} and target in _countries(found[0]["target"])


@pytest.mark.parametrize("text", [
    "“Our troops will stay,” Kyiv's envoy said. “We are not sabotaging the talks.”",  # no one else judged
    "Analysts expect more fighting. “Moscow is sabotaging the talks.”",  # no speaker named beside it
])
def test_a_quote_of_its_own_judges_no_one_without_a_speaker_and_another_party(code, text):
    assert not _find(code(text), "11"), text
