"""A body named with its letters in brackets ("the Sudanese Professionals Association (SPA)") is named by those
letters for the rest of the document, even where the actor tables give the same letters to another body.
Sentences written for these tests."""

from __future__ import annotations

import pytest


def _sides(events: list[dict], trigger: str) -> list[tuple[str | None, str | None]]:
    return [(a["country"], a["org"]) for e in events if e["trigger"] == trigger for a in e["source"]]


@pytest.mark.parametrize(("text", "trigger", "country"), [
    ("The Sudanese Professionals Association (SPA) rejected the deal on Sunday. Later the SPA accused the army "
     "of killing protesters.", "accused", "SDN"),
    ("The Zimbabwe Congress of Trade Unions (ZCTU) called for talks. On Monday the ZCTU criticised the "
     "government's new tax.", "criticised", "ZWE"),
    ("Members of the Malian Democratic Alliance (MDA) met the prime minister in Bamako. The MDA condemned the "
     "arrest of journalists.", "condemned", "MLI"),
])
def test_letters_in_brackets_name_the_body_for_the_rest_of_the_document(code, text, trigger, country):
    assert _sides(code(text), trigger) == [(country, None)]


def test_letters_name_nothing_before_they_are_defined(code):
    events = code("The MDA condemned the arrest of journalists in Bamako. The Malian Democratic Alliance (MDA) "
                  "met the prime minister.")
    assert all(side != ("MLI", None) for side in _sides(events, "condemned"))
