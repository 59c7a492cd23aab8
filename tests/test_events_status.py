"""Every event gets a status from the syntax around it: occurred, planned, ongoing, background,
hypothetical or negated. Sentences written for these tests."""

from __future__ import annotations

import pytest


def statuses(events: list[dict], cameo_root: str) -> list[str]:
    return [e["status"] for e in events if e["cameo"].startswith(cameo_root)]


@pytest.mark.parametrize("text, root, status", [
    ("Serbia attacked Croatia.", "19", "occurred"),
    ("Serbia did not attack Croatia.", "19", "negated"),
    ("Nigeria denied attacking Cameroon.", "19", "negated"),
    ("Brazil may impose sanctions on Venezuela.", "16", "hypothetical"),
    ("Zambia could invade Malawi.", "19", "hypothetical"),
    ("If Egypt sends troops to Libya, Sudan will object.", "15", "hypothetical"),
    ("The United States fears that China may invade Taiwan.", "19", "hypothetical"),
    ("Japan will host a visit by the Korean president.", "04", "planned"),
    ("Kenya is set to sign a trade agreement with Ethiopia.", "05", "planned"),
    ("Zambia plans to invade Malawi.", "19", "planned"),
    ("Chile has been fighting rebels in the south.", "19", "ongoing"),
    ("Peru arrested dozens of Bolivian smugglers in 2009.", "17", "background"),
    ("Kyrgyzstan has fought Tajik militias since 2012.", "19", "background"),
])
def test_status_from_syntax(code, text, root, status):
    assert statuses(code(text), root) == [status]


def test_feared_invasion_is_never_an_occurred_event(code):
    events = code("Western governments have warned that Russia may be planning an invasion of Moldova.")
    violent = [e for e in events if e["cameo"][:2] in ("18", "19", "20")]
    assert violent and all(e["status"] == "hypothetical" for e in violent)


def test_threat_is_the_event_not_the_threatened_act(code):
    events = code("Russia warned Ukraine of serious consequences if it joined the alliance.")
    assert [(e["cameo"][:2], e["status"]) for e in events] == [("13", "occurred")]
    assert events[0]["source"][0]["country"] == "RUS"
    assert events[0]["target"][0]["country"] == "UKR"


def test_conditional_attack_is_hypothetical(code):
    events = code("China would attack Taiwan if it declared independence.")
    assert statuses(events, "19") == ["hypothetical"]


def test_refusal_to_cooperate_is_a_rejection_that_happened(code):
    events = code("Russia refused to withdraw its troops from Georgia.")
    assert [(e["cameo"][:2], e["status"]) for e in events] == [("12", "occurred")]


def test_risks_and_unlikely_events_are_hypothetical(code):
    for text in ("Analysts say the risk of a clash between Serbia and Kosovo is growing.",
                 "A Chinese invasion of Taiwan remains unlikely, the report said.",
                 "Fears of an Israeli strike on Iran have grown."):
        violent = [e for e in code(text) if e["cameo"][:2] in ("18", "19", "20")]
        assert violent and all(e["status"] == "hypothetical" for e in violent), text


def test_denied_reports_negate_their_content(code):
    events = code("Officials denied reports that troops had shelled the village.")
    assert statuses(events, "19") == ["negated"]


def test_raised_event_noun_is_planned_with_its_future_date(code):
    events = code("Talks are expected to resume on Monday.")
    assert [(e["status"], e["date"]) for e in events if e["cameo"][:2] == "04"] == [("planned", "2022-01-10")]


def test_past_light_verb_and_since_clause_are_background(code):
    assert statuses(code("Britain carried out strikes on Houthi targets in Yemen in 2020."), "19") == ["background"]
    events = code("Thousands have rallied nightly since the government suspended talks with the EU.")
    assert statuses(events, "16") == ["background"]


def test_relative_clause_of_a_dated_war_and_running_tolls_are_background(code):
    events = code("The two countries fought a war in 2020, in which more than 6,500 people were killed.")
    assert events and set(statuses(events, "19")) == {"background"}
    assert statuses(code("The war has killed hundreds of thousands of people."), "19") == ["background"]
    assert statuses(code("Fighting has killed 300 people this week."), "19") == ["occurred"]


def test_a_record_since_a_year_is_no_date(code):
    events = code("It was the first visit by a Chinese leader to Brazil since 2005.")
    assert [(e["status"], e["date"]) for e in events] == [("occurred", "2022-01-05")]


def test_a_rejected_suggestion_is_no_refusal(code):
    events = code("Brazil rejected the suggestion that Latin America would join the US in sanctioning Venezuela.")
    assert [e["cameo"][:2] for e in events if e["status"] == "occurred"] == ["12"]


def test_an_earlier_event_after_which_things_happen_is_background_unless_dated_this_week(code):
    assert statuses(code("Indonesia's donors said Indonesia must ensure security after the Oct. 12 Bali bombing."),
                    "18") == ["background"]
    events = code("Tensions rose after clashes between Indian and Pakistani troops on Sunday.")
    assert statuses(events, "19") == ["occurred"]


def test_purpose_clause_takes_the_date_of_its_act(code):
    events = code("Hundreds of people took to the streets of Belgrade on Saturday to protest against the government.")
    assert [(e["cameo"][:2], e["date"]) for e in events] == [("14", "2022-01-01")]


def test_report_vocabulary_protests_fire_and_drones(code):
    assert [e["cameo"] for e in code("Beijing lodged a formal protest with New Delhi.")] == ["114"]
    assert [e["cameo"] for e in code("Protesters threw stones at the police.")] == ["145"]
    assert [e["cameo"] for e in code("Indian and Pakistani troops traded fire on Sunday.")] == ["190"]
    assert [e["cameo"] for e in code("Russian forces launched 40 drones at Kyiv overnight.")] == ["195"]


def test_conditional_will_do_told_by_the_doer_is_an_offer_or_threat(code):
    offer = code("France said it would send 2,000 troops if asked by the Malian government.")
    assert [(e["cameo"], e["status"]) for e in offer] == [("0332", "occurred")]
    threat = code("Iran said it would retaliate if attacked.")
    assert [(e["cameo"][:2], e["status"]) for e in threat if e["status"] == "occurred"] == [("13", "occurred")]
    others = code("Analysts said Russia would attack if talks failed.")
    assert statuses(others, "19") == ["hypothetical"]


@pytest.mark.parametrize("text, root, status", [
    ("Ethiopia refused a request to extradite the suspects to Kenya.", "06", "hypothetical"),
    ("The government rejected calls to negotiate with the rebels.", "04", "hypothetical"),
    ("Norway turned down an offer to mediate between the rebels and the government.", "04", "hypothetical"),
    ("The Turkish president accepted an invitation to visit Egypt.", "04", "planned"),
    ("Syria accepted a proposal to hold talks with Turkey.", "04", "planned"),
])
def test_an_act_only_asked_for_or_offered_did_not_happen(code, text, root, status):
    """The asked act is hypothetical (a coder may then leave it to the call) or planned once accepted."""
    events = code(text)
    assert set(statuses(events, root)) <= {status} and (status == "hypothetical" or statuses(events, root))
    assert [e for e in events if e["status"] == "occurred"]  # the call, refusal or acceptance itself


def test_an_ignored_appeal_is_no_withdrawal(code):
    events = code("Moscow ignored appeals to withdraw its troops from the border.")
    assert "occurred" not in statuses(events, "08")


def test_an_accepted_invitation_followed_by_the_visit_occurred(code):
    events = code("The Turkish president accepted the invitation and visited Paris on Monday.")
    assert statuses(events, "04") == ["occurred"]
    assert statuses(code("Troops withdrew from the border after the call."), "08") == ["occurred"]


@pytest.mark.parametrize("text, root", [
    ("The army would have attacked the town had the rebels refused to leave.", "19"),
    ("Iran could have been attacked by Israel.", "19"),
    ("In the case the army attacked the protesters, the opposition would boycott the vote.", "14"),
    ("NATO would defend Estonia in the event of a Russian invasion.", "05"),
    ("In case Russia attacks, Japan would retaliate.", "19"),
    ("The EU will not lift sanctions unless Russia withdraws its troops.", "08"),
])
def test_counterfactuals_and_conditions_are_hypothetical(code, text, root):
    assert set(statuses(code(text), root)) <= {"hypothetical"}


def test_a_topic_phrase_is_no_condition(code):
    for text in ("In the case of Syria, the army attacked rebels on Monday.",
                 "In any case, the army attacked rebels on Monday.",
                 "Cambodian troops stayed on alert in case of renewed fighting with Thailand on Monday."):
        assert statuses(code(text), "19") == ["occurred"], text


def test_an_event_years_before_the_one_told_is_background(code):
    assert statuses(code("A decade after troops withdrew from Iraq, violence returned."), "08") == ["background"]
    assert statuses(code("Twenty years after the US invasion of Iraq, troops returned to Baghdad."), "19") \
        == ["background"]
    events = code("Two days after troops withdrew, rebels attacked the town.")
    assert statuses(events, "08") == ["occurred"] and statuses(events, "19") == ["occurred"]


def test_a_dated_war_is_background_only_when_published_later(code):
    assert statuses(code("The 2008 war ended with a ceasefire.", published="2008-09-01"), "19") == ["occurred"]
    assert statuses(code("The 2008 war ended with a ceasefire."), "19") == ["background"]


def test_a_declined_invitation_is_no_meeting(code):
    events = code("China declined an invitation to attend the summit in Oslo.")
    assert events and "occurred" not in statuses(events, "04")


def test_what_a_future_act_waits_for_has_not_happened(code):
    events = code("Israel said it would keep fighting until Hamas released all hostages.")
    assert statuses(events, "08") == ["hypothetical"]
    assert statuses(code("The army fought the rebels until troops withdrew from the region."), "08") == ["occurred"]
