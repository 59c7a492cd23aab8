"""An act told again by the same side without its target keeps the target that side's act of the same kind
had earlier in the report (sanctions, coercion, violence). Sentences written for these tests."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(("text", "trigger", "source", "target"), [
    ("The European Union imposed sanctions on Belarus in June. On Monday the EU said it had extended the "
     "sanctions for another year.", "sanctions", "EU", "BLR"),
    ("Ethiopian troops shelled Eritrean positions in March. Residents said Ethiopian troops bombarded the "
     "hills again on Sunday.", "bombarded", "ETH", "ERI"),
    ("Police in Uganda arrested opposition leader Bobi Wine on Friday. A day later Ugandan police detained "
     "dozens of his supporters in Kampala.", "arrested", "UGA", "UGA"),
])
def test_a_retold_act_keeps_its_sides_target(code, text, trigger, source, target):
    later = [e for e in code(text) if e["trigger"] == trigger]
    assert [(e["source"][0]["org"] or e["source"][0]["country"]) for e in later] == [source]
    assert [a["org"] or a["country"] for a in later[0]["target"]] == [target]


def test_no_target_is_carried_from_another_source(code):
    events = code("Kenya imposed sanctions on South Sudan on Monday. On Tuesday Uganda imposed new sanctions.")
    uganda = [e for e in events if e["source"] and e["source"][0]["country"] == "UGA"]
    assert uganda and not any(e["target"] for e in uganda)
