"""A clause in the past tense under "after" tells what happened before the main clause, whatever modal the
main clause has ("That would be a blow to Kenya days after Uganda closed the border"). Sentences written for
these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "root", "country"), [
    ("That would be a blow to Kenya only days after Uganda closed the border.", "17", "UGA"),
    ("The move could anger Beijing a week after Taiwan's president met the US speaker in California.", "04",
     "TWN"),
    ("Such a deal might embarrass Paris, months after Mali expelled the French ambassador.", "16", "MLI"),
])
def test_a_past_clause_under_after_happened_whatever_the_main_clause_says(code, text, root, country):
    found = [(e["cameo"][:2], e["status"], e["source"][0]["country"]) for e in code(text) if e["source"]]
    assert (root, "occurred", country) in found


def test_a_future_clause_under_after_stays_planned(code):
    events = code("Kenya will reopen the border after Uganda withdraws its troops.")
    assert not [e for e in events if e["cameo"].startswith("08") and e["status"] == "occurred"]
