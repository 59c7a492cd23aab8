"""Where the other side of an event is: the subject of a demanded clause, the owner of the thing acted on,
the partner of talks one is in, the party an object pronoun stands for, the claimer of an attack, the members
of a summit, never its venue."""

from __future__ import annotations

import pytest


def _sides(events, root):
    found = [e for e in events if e["cameo"].startswith(root) and e["status"] not in ("hypothetical", "negated")]
    assert found, [(e["cameo"], e["status"]) for e in events]
    e = found[0]
    return {a["country"] or a["org"] for a in e["source"]}, {a["country"] or a["org"] for a in e["target"]}


@pytest.mark.parametrize("text, root, source, target", [
    # the subject of the clause a demand or an appeal is about
    ("Egypt demanded that Ethiopia stop filling the reservoir.", "10", "EGY", "ETH"),
    ("The European Union urged that Belarus free the detained journalists.", "02", "EU", "BLR"),
    # the owner of the thing a verb acts on
    ("Pakistan dismissed a proposal by India to reopen the talks.", "12", "PAK", "IND"),
    ("Venezuela rejected the demands that Washington had made.", "12", "VEN", "USA"),
    # ... also when the thing is the object of the verb's preposition
    ("Iraq's president hit back at comments made by the Turkish foreign minister.", "11", "IRQ", "TUR"),
    ("Beijing lashed out at remarks by the Japanese prime minister.", "11", "CHN", "JPN"),
    ("Ankara railed against a statement issued by the Greek government.", "11", "TUR", "GRC"),
    ("Hanoi protested against a map published by the Chinese government.", "14", "VNM", "CHN"),
    # being in talks with someone
    ("Kenya is in talks with Somalia over the maritime border.", "04", "KEN", "SOM"),
    # an object pronoun: the party named before it in its sentence
    ("Washington armed the Syrian army for years but now accuses it of abuses.", "11", "USA", "SYR"),
    ("Egypt received the Israeli proposal and rejected it on Monday.", "12", "EGY", "ISR"),
    ("Nigeria hosted the Chadian rebels last year and has now asked them to leave.", "02", "NGA", "TCD"),
])
def test_the_other_side(code, text, root, source, target):
    src, tgt = _sides(code(text), root)
    assert source in src and target in tgt, (src, tgt)


def test_an_attack_claimed_by_a_group_is_the_groups(code):
    src, _ = _sides(code("A roadside bombing claimed by the Islamic State killed four soldiers."), "18")
    assert src == {"ISIS"}


def test_an_attack_condemned_by_someone_is_not_theirs(code):
    src, _ = _sides(code("A roadside bombing condemned by the United Nations killed four soldiers near Mosul."), "18")
    assert "UN" not in src


def test_the_venue_of_a_meeting_is_no_party(code):
    events = code("The Doha talks between Washington and the Taliban resumed on Saturday.")
    src, tgt = _sides(events, "04")
    assert "QAT" not in src | tgt
    assert "USA" in src | tgt


def test_the_members_of_a_summit_are_its_parties(code):
    src, tgt = _sides(code("The Ankara summit of Turkey, Russia and Iran ended without a deal."), "04")
    assert {"TUR", "RUS", "IRN"} <= src | tgt


def test_an_object_pronoun_is_never_its_own_doer(code):
    """"criticised the ruling and vowed to fight it": no party but the doer is named before it, so no target."""
    events = code("Kenya's government criticised the ruling and vowed to fight it in the courts.")
    assert all(not {a["country"] for a in e["target"]} & {"KEN"} for e in events if e["cameo"].startswith("11"))


@pytest.mark.parametrize(("text", "trigger", "target"), [
    ("The Malian junta declared that the jihadists had been defeated, but the claim was disputed by Tuareg rebels.",
     "disputed", "MLI"),
    ("The African Union announced that its envoy would attend the talks, a decision hailed by the Kenyan foreign "
     "ministry.", "hailed", "AU"),
    ("Ghana's president proposed a ceasefire on Monday, but the proposal was rejected by Togo.", "rejected", "GHA"),
])
def test_a_said_thing_named_again_is_its_sayers(code, text, trigger, target):
    """"The claim", "a decision", "the proposal" with no owner of their own are the word of whoever said or
    decided it earlier in the sentence: the reaction to them is aimed at that party."""
    events = [e for e in code(text) if e["trigger"] == trigger]
    assert events and [a["org"] or a["country"] for a in events[0]["target"]] == [target]


def test_a_said_thing_with_no_sayer_in_its_sentence_has_no_target(code):
    events = [e for e in code("Kenya rejected the claim on Monday.") if e["trigger"] == "rejected"]
    assert events and not events[0]["target"]


@pytest.mark.parametrize("text, target", [
    ("Ukraine demanded a Russian withdrawal from Crimea.", "RUS"),
    ("Somalia demanded Kenya's withdrawal from the border.", "KEN"),
    ("Kenya is seeking a UN-led investigation into the killings.", "UN"),
])
def test_an_act_asked_for_by_name_aims_at_its_doer(code, text, target):
    """"demanded a Russian withdrawal": the demand is aimed at whoever is to withdraw."""
    asked = [e for e in code(text) if e["cameo"][:2] in ("02", "10")]
    assert asked and (asked[0]["target"][0]["country"] or asked[0]["target"][0]["org"]) == target, (text, asked)


@pytest.mark.parametrize("text, source, target", [
    ("Accusing Moscow of meddling, the British government announced new sanctions on Tuesday.", "GBR", "RUS"),
    ("Accusing Pyongyang of new missile tests, Japan tightened its export sanctions on Friday.", "JPN", "PRK"),
    ("Blaming Caracas for the crisis, Washington reimposed oil sanctions on Thursday.", "USA", "VEN"),
])
def test_sanctions_with_no_target_aim_at_the_one_other_party_of_their_sentence(code, text, source, target):
    """Cuts of ties and sanctions are always aimed at someone: told with no target, at the one state or body
    the sentence names besides the doer (and the speaker), not as a place."""
    assert _sides(code(text), "16") == ({source}, {target})


@pytest.mark.parametrize("text", [
    "After meeting Germany's chancellor and Poland's president, Britain announced new sanctions.",
    "In solidarity with Ukraine, Japan announced new sanctions on Friday.",  # an ally, not the one sanctioned
    "Israel pulled out of the talks hosted by Qatar on Friday.",  # the host of talks left
])
def test_sanctions_take_no_ally_host_or_one_of_several_as_target(code, text):
    cuts = [e for e in code(text) if e["cameo"].startswith("16")]
    assert cuts and not cuts[0]["target"], cuts
