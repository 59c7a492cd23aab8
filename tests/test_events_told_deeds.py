"""A hostile deed named in a verbal act ("condemned the invasion") is an event of its own, with its own doer,
target and status; a deed only warned of stays unhappened."""

from __future__ import annotations


def _deeds(events):
    return [e for e in events if e["cameo"][:2] in ("18", "19", "20")]


def test_a_condemned_deed_is_told_as_an_event(code):
    events = code("Canberra condemned the Chinese harassment of Australian fishing boats.")
    assert [e for e in events if e["cameo"].startswith("11")]
    events = code("Nairobi strongly criticised the Somali shelling of the border town.")
    deeds = _deeds(events)
    assert deeds and deeds[0]["status"] == "occurred"
    assert {a["country"] for a in deeds[0]["source"]} == {"SOM"}


def test_a_deed_only_warned_of_did_not_happen(code):
    events = code("Athens warned of an impending war with Turkey over the islands.")
    assert all(e["status"] in ("hypothetical", "negated") for e in _deeds(events))


def test_a_deed_with_no_party_named_is_no_extra_event(code):
    events = code("The minister condemned violence.")
    assert not _deeds(events)
