"""Announced acts: the speaker's own side's future act is a threat or an intent made now; another's is only
predicted; telling or ordering another actor to act is a demand."""

from __future__ import annotations


def _counted(events):
    return [e for e in events if e["status"] not in ("hypothetical", "negated")]


def _sides(e):
    return ({a["country"] or a["org"] for a in e["source"]}, {a["country"] or a["org"] for a in e["target"]})


def test_own_side_force_announced_is_a_threat(code):
    for text, source, target in [
        ("Pyongyang said it would fire missiles at American bases.", "PRK", "USA"),
        ("Azerbaijan warned that its forces would retake the villages by force.", "AZE", None),
        ("Iran said it would retaliate if attacked.", "IRN", None),
    ]:
        found = [e for e in _counted(code(text)) if e["cameo"].startswith("13")]
        assert found, text
        src, tgt = _sides(found[0])
        assert source in src and (target is None or target in tgt), (text, found[0])
        assert not [e for e in _counted(code(text)) if e["cameo"][:2] in ("18", "19", "20")], text


def test_own_side_cooperation_announced_is_an_intent(code):
    found = _counted(code("Norway said it would send medicine to Yemen."))
    assert [e["cameo"][:2] for e in found] == ["03"]
    assert _sides(found[0]) == ({"NOR"}, {"YEM"})


def test_another_sides_future_violence_is_only_predicted(code):
    events = code("Moscow said Kyiv would launch an offensive in the south.")
    assert not [e for e in _counted(events) if e["cameo"][:2] in ("13", "18", "19", "20")]


def test_warning_of_a_gloomy_outcome_stays_a_warning(code):
    events = _counted(code("The UN envoy warned that the talks could collapse."))
    assert not [e for e in events if e["cameo"].startswith("13")]


def test_telling_another_to_act_is_a_demand(code):
    for text, source, target in [
        ("Algeria told Morocco to withdraw its ambassador.", "DZA", "MAR"),
        ("Peru told Bolivia to stop blocking the border crossings.", "PER", "BOL"),
    ]:
        found = [e for e in _counted(code(text)) if e["cameo"].startswith("10")]
        assert found, text
        assert _sides(found[0]) == ({source}, {target}), (text, found[0])


def test_a_party_telling_anothers_hostile_deed_accuses_it(code):
    for text, accuser, accused in [
        ("Seoul said North Korean soldiers fired at a border post on Sunday.", "KOR", "PRK"),
        ("Armenia claimed that Azerbaijani forces had shelled three villages.", "ARM", "AZE"),
        ("Beirut said two missiles were fired from Israel on Sunday.", "LBN", "ISR"),
    ]:
        events = _counted(code(text))
        accusations = [e for e in events if e["cameo"] == "112"]
        assert accusations, (text, [e["cameo"] for e in events])
        assert _sides(accusations[0]) == ({accuser}, {accused}), (text, accusations[0])
        assert [e for e in events if e["cameo"][:2] in ("18", "19")], text  # the deed itself stays


def test_witnesses_and_the_doers_side_accuse_no_one(code):
    for text in ("Villagers said Sudanese soldiers burned their homes on Monday.",
                 "Khartoum said its soldiers shelled rebel positions near the border."):
        assert not [e for e in code(text) if e["cameo"] == "112"], text
