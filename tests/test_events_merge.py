"""Within-document merge: one real event told several times is one event with all its mentions."""

from __future__ import annotations


def test_headline_lead_and_later_sentence_merge(code):
    text = ("Chile, Peru hold talks on border\n\n"
            "The foreign minister of Chile held talks with the foreign minister of Peru on Tuesday.\n\n"
            "Chile and Peru held talks in Lima, officials said.")
    events = code(text)
    consult = [e for e in events if e["cameo"].startswith("04")]
    assert len(consult) == 1
    assert len(consult[0]["mentions"]) == 3
    assert {a["country"] for a in consult[0]["source"] + consult[0]["target"]} == {"CHL", "PER"}


def test_different_dyads_stay_apart(code):
    events = code("Chile held talks with Peru. Chile held talks with Bolivia.")
    assert len([e for e in events if e["cameo"].startswith("04")]) == 2


def test_different_status_stays_apart(code):
    events = code("Chile held talks with Peru. Chile and Peru will hold talks again next year.")
    assert sorted(e["status"] for e in events) == ["occurred", "planned"]


def test_two_verbs_for_one_attack_merge(code):
    events = code("Rebels shelled a Malian army base, killing soldiers.")
    assert len([e for e in events if e["cameo"][:2] in ("18", "19")]) == 1


def test_the_talks_refers_back(code):
    events = code("Chile and Peru will hold talks in Lima next week. The talks will cover fishing rights.")
    assert len(events) == 1
    assert len(events[0]["mentions"]) == 2


def test_opposite_directions_stay_apart(code):
    events = code("Ethiopia accused Sudan of occupying its farmland. "
                  "Sudan's foreign ministry summoned the Ethiopian ambassador.")
    assert sorted(e["cameo"] for e in events) == ["112", "114"]


def test_a_later_toll_without_a_doer_joins_the_clash(code):
    events = code("Four Armenian soldiers and two Azerbaijani servicemen were killed on Tuesday. "
                  "Six other Armenian soldiers were wounded, the ministry said.")
    violent = [e for e in events if e["cameo"][:2] in ("18", "19")]
    assert len(violent) == 1 and len(violent[0]["mentions"]) == 2


def test_a_visit_and_the_talks_held_on_it_stay_apart(code):
    events = code("Modi arrived in Kenya on Tuesday for a state visit. Modi held talks with Kenyan President Ruto.")
    assert sorted(e["cameo"] for e in events) == ["040", "042"]


def test_dispersing_and_arresting_are_two_acts(code):
    events = code("Police fired tear gas to disperse the protesters and arrested at least 12 people.")
    assert sorted(e["cameo"] for e in events if e["cameo"][:2] == "17") == ["173", "175"]


def test_one_deed_told_by_two_words_of_a_sentence_merges(code):
    """The noun reads as aid, the group's name ("Fjord Aid") is no second trigger: one event with both sides."""
    events = code("The Norwegian NGO Fjord Aid has been providing humanitarian aid to Sudanese refugees since 2019.")
    aid = [e for e in events if e["cameo"].startswith("07")]
    assert len(aid) == 1 and len(aid[0]["mentions"]) == 1
    assert aid[0]["source"] and {a["country"] for a in aid[0]["target"]} == {"SDN"}


def test_a_time_word_between_two_deeds_keeps_them_apart(code):
    events = code("Chile granted asylum to a Peruvian dissident, two years after he took refuge in its embassy.")
    assert len([e for e in events if e["cameo"] == "075"]) == 2


def test_a_saying_joins_the_verbal_act_of_its_speaker(code):
    events = code("The Chilean foreign minister defended the new border law, saying it protected farmers.")
    assert [e["cameo"] for e in events] == ["052"]
    assert [m["trigger"] for m in events[0]["mentions"]] == ["defended", "saying"]


def test_another_speakers_statement_stays_apart(code):
    events = code("Bolivia condemned the coup attempt, and the army said it had acted to save the nation.")
    assert sorted(e["cameo"] for e in events) == ["010", "111"]


def test_mutual_accusations_stay_two_events(code):
    events = code("Chile accused Peru of spying, and Peru accused Chile of lying.")
    assert len([e for e in events if e["cameo"].startswith("11")]) == 2


def test_quoted_statement_of_the_same_speaker_merges_into_the_act_beside_it(code):
    events = code('Chancellor Olaf Scholz condemned the attack on the embassy. "This is unacceptable," Scholz said.')
    statements = [e for e in events if e["cameo"][:2] in ("01", "11")]  # the attack condemned is a deed of its own
    assert [e["cameo"] for e in statements] == ["111"]
    assert len(statements[0]["mentions"]) == 2


def test_statement_beside_an_act_stays_apart_when_it_is_new_or_elsewhere(code):
    unquoted = code("Turkey rejected the report. Turkey also said its troops would stay in Syria.")
    assert sorted(e["cameo"] for e in unquoted) == ["010", "120"]
    other_paragraph = code('India condemned the bombing in Kabul.\n\n"We stand with Afghanistan," India said.')
    assert sorted(e["cameo"] for e in other_paragraph) == ["010", "111"]
    other_speaker = code('Germany condemned the attack. "This is unacceptable," the German foreign ministry said.')
    assert sorted(e["cameo"] for e in other_speaker) == ["010", "111"]


def test_deeds_dated_to_times_that_cannot_overlap_stay_apart(code):
    """Killed on Monday, killed in March: two happenings, however alike their victims."""
    for text in ("Four Colombian soldiers were killed in an ambush on Monday. "
                 "In March, four Colombian soldiers were killed in an ambush near Cali.",
                 "Rebels attacked a police station in Mali on Tuesday. "
                 "Rebels attacked a police station in Mali in 2019.",
                 "Pakistani troops shelled the village in January. "
                 "Pakistani troops shelled the village again in June."):
        violent = [e for e in code(text, published="2022-07-06") if e["cameo"][:2] in ("18", "19")]
        assert len(violent) == 2, (text, [(e["cameo"], e["date"]) for e in violent])


def test_a_month_holds_a_day_of_it(code):
    events = code("Rebels attacked a police station in Mali on March 3. "
                  "The March attack on the police station was carried out by rebels.", published="2022-07-06")
    assert len([e for e in events if e["cameo"].startswith("19")]) == 1


def test_things_said_by_two_named_people_stay_two_utterances(code):
    for text in ("Senator Maria Lopez criticised Brazil over the dam. Senator Joao Costa also criticised Brazil.",
                 "Kenyan MP Amina Odhiambo condemned Uganda. Kenyan MP David Kariuki condemned Uganda as well.",
                 "Spanish minister Ana Ruiz praised Morocco. Later Spanish minister Pablo Gil praised Morocco too."):
        verbal = [e for e in code(text) if e["cameo"][:2] in ("05", "11")]
        assert len(verbal) == 2, (text, [(e["cameo"], [a["name"] for a in e["source"]]) for e in verbal])


def test_a_call_named_by_either_party_stays_one_event(code):
    events = code("Macron, Scholz hold phone call\n\nFrench President Emmanuel Macron held a phone call with "
                  "German Chancellor Olaf Scholz on Monday.")
    assert len([e for e in events if e["cameo"].startswith("04")]) == 1


def test_a_war_going_on_and_a_strike_in_it_stay_apart(code):
    for text in ("Ethiopia is fighting the Tigrayan rebels in the north. Tigrayan rebels fired rockets at Bahir Dar.",
                 "Colombia is battling the ELN guerrillas. The ELN guerrillas bombed a Colombian army post.",
                 "Israel is fighting Hamas in Gaza. Hamas fired rockets at Israel, the army said."):
        violent = [e for e in code(text) if e["cameo"][:2] in ("18", "19")]
        assert len(violent) == 2, (text, [(e["cameo"], e["status"], e["trigger"]) for e in violent])


def test_a_toll_of_civilians_is_no_more_of_an_offensive_on_fighters(code):
    """The victims of a toll with no doer must be a side of the clash it would join: civilians killed in
    strikes are not the army that attacked the rebels, nor the rebels themselves."""
    for text in ("Sudanese troops launched an offensive against rebel positions in Darfur on Monday. "
                 "At least nine civilians were killed in air strikes, a local monitor said.",
                 "Ethiopian soldiers attacked militia camps in the Amhara region on Sunday. "
                 "Five civilians died in the shelling, residents said."):
        violent = [e for e in code(text) if e["cameo"][:2] in ("18", "19")]
        victims = [e for e in violent if any(a["sector"] == "CVL" for a in e["target"])]
        assert len(violent) == 2 and len(victims) == 1, (text, [(e["cameo"], e["target"]) for e in violent])



def test_two_institutions_of_one_state_speak_twice(code):
    """The president and the parliament, the army and the foreign ministry, the government and an opposition
    leader: two speakers of one country judging one deed make two verbal acts, as two named people do."""
    for text in ("Kenya's president condemned the attack by Somali militants. "
                 "The Kenyan parliament condemned the attack by Somali militants on Monday.",
                 "The Ugandan army denounced the shelling by Congolese rebels. "
                 "Uganda's foreign ministry also denounced the shelling by Congolese rebels.",
                 "Kenya's government criticised the Somali raid on Mandera. "
                 "Kenyan opposition leader Raila Odinga also criticised the Somali raid on Mandera."):
        judged = [e for e in code(text) if e["cameo"].startswith("11")]
        assert len(judged) == 2, (text, [(e["cameo"], e["source"]) for e in judged])


def test_one_institution_told_twice_is_one_act(code):
    events = code("Kenya's government condemned the attack by Somali militants. "
                  "The Kenyan government condemned the attack again in a statement.")
    assert len([e for e in events if e["cameo"].startswith("11")]) == 1
