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
