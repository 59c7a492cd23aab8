"""Status from the clause's modality and its governors: questions, whoever-clauses, habits, conditions reached
through adjectives, imminence, refusals that need a refuser, and times at the opening of a long war."""

from __future__ import annotations

import pytest

NOT_EVENTS = ("hypothetical", "negated")


def _statuses(events, root):
    return [e["status"] for e in events if e["cameo"].startswith(root)]


def _trigger_statuses(events, trigger):
    """The statuses of the events the word `trigger` gives (at least one is expected where this is asked)."""
    return [e["status"] for e in events if e["trigger"] == trigger]


@pytest.mark.parametrize("text, root", [
    ("The communique did not explain how the ceasefire would be monitored.", "08"),
    ("Diplomats are unsure whether the militia will withdraw from the airport.", "08"),
    ("If Kyiv and Moscow are able to reach an agreement, the grain exports could resume.", "05"),
    ("The penalties will apply to any militia that violates the ceasefire.", "19"),
    ("Ankara has pledged to punish anyone who attacks its soldiers.", "18"),
    ("The air force often bombs rebel villages when foreign envoys gather to discuss the war.", "04"),
])
def test_asked_conditional_and_generic_acts_are_not_events(code, text, root):
    statuses = _statuses(code(text), root)
    assert all(s in NOT_EVENTS for s in statuses), (text, statuses)


@pytest.mark.parametrize("text, root", [
    ("The minister explained how the army had retaken the town in March.", "19"),  # told, not asked
    ("Rebels attacked a convoy near the border on Tuesday.", "19"),
])
def test_look_alikes_stay_events(code, text, root):
    statuses = _statuses(code(text), root)
    assert statuses and statuses[0] not in NOT_EVENTS, (text, statuses)


def test_imminent_acts_are_planned(code):
    for text in ("The navy is about to launch an offensive against the pirates.",
                 "Government troops are set to storm the besieged city next week."):
        statuses = _statuses(code(text), "19")
        assert statuses and set(statuses) <= {"planned"}, (text, statuses)


@pytest.mark.parametrize("text, country", [
    ("Ethiopian troops are poised to storm the rebel-held town of Mekele.", "ETH"),
    ("Russian forces have completed preparations to cross into Ukraine.", "RUS"),
    ("Azerbaijani units are ready to retake the disputed villages by force.", "AZE"),
])
def test_forces_readied_for_an_attack_show_a_force_posture(code, text, country):
    """The attack has not come; the forces standing ready for it are a force posture (154) shown now."""
    events = code(text)
    assert not [e for e in events if e["cameo"][:2] in ("18", "19", "20") and e["status"] == "occurred"], text
    posture = [e for e in events if e["cameo"] == "154"]
    assert posture and posture[0]["status"] == "occurred", (text, [(e["cameo"], e["status"]) for e in events])
    assert posture[0]["source"][0]["country"] == country


def test_readiness_for_help_or_told_by_the_ready_side_is_no_posture(code):
    assert [e["cameo"][:2] for e in code("Kenya is ready to send aid to Somalia.")] == ["03"]
    assert [e["cameo"][:2] for e in code("Iran said its army was ready to strike Israel.")] == ["13"]


def test_a_refusal_needs_a_refuser(code):
    assert not _statuses(code("There were no negotiations between the two parties last month."), "12")
    assert not _statuses(code("The fishermen have had no talks with the coast guard."), "12")
    refused = _statuses(code("Serbia would not attend the talks with Kosovo."), "12")
    assert refused and refused[0] not in NOT_EVENTS


def test_an_act_early_in_a_long_war_is_background(code):
    statuses = _statuses(code("Early in the civil war, Russia sent military advisers to support the Libyan army."),
                         "05")
    assert statuses == ["background"]


@pytest.mark.parametrize("text", [
    "The minister did not attend the summit, accusing Russia of sabotage.",
    "Kenya refused to sign the deal on Monday, blaming Uganda for the delays.",
    "Officials in Kosovo said they would not join the talks, blaming Serbia for the violence.",
])
def test_the_reason_given_for_not_acting_is_said(code, text):
    """The participle clause of a declined act ("would not attend, blaming X") is the reason given: it happened."""
    statuses = _statuses(code(text), "112")
    assert statuses == ["occurred"], (text, statuses)


def test_a_participle_negated_itself_stays_negated(code):
    statuses = _statuses(code("The envoy left the talks early, not blaming Serbia for the failure."), "112")
    assert statuses == ["negated"], statuses


@pytest.mark.parametrize(("text", "prefix"), [
    ("Kenya's commitment to withdraw its troops from Somalia was welcomed by the African Union.", "087"),
    ("The junta's stated intention to expel the French ambassador alarmed Paris.", "16"),
    ("Peru's commitment to release the detained fishermen was praised by Chile.", "084"),
])
def test_an_act_someone_is_committed_to_has_not_happened_yet(code, text, prefix):
    """"X's commitment to do Y", "the intention to do Y": Y is planned, as under "pledged to" or "intends to"."""
    statuses = _statuses(code(text), prefix)
    assert statuses and "occurred" not in statuses, (text, statuses)


@pytest.mark.parametrize(("text", "prefix"), [
    ("Nor did the statement say how a ceasefire would be enforced, how the wounded would be evacuated, or how aid "
     "workers would be protected.", "07"),
    ("The army did not explain how the town would be retaken or how the hostages would be released.", "084"),
    ("Officials would not say whether the border would reopen or whether the envoys would be expelled.", "16"),
])
def test_every_clause_of_a_list_of_questions_is_asked_not_told(code, text, prefix):
    statuses = _statuses(code(text), prefix)
    assert statuses and "occurred" not in statuses and "planned" not in statuses, (text, statuses)


@pytest.mark.parametrize("text, root, status", [
    ("Delegates to the summit are expected to adopt a declaration calling for a ceasefire.", "02", "planned"),
    ("European ministers will sign a letter demanding the release of the hostages.", "10", "planned"),
    ("The Security Council may approve a resolution condemning the coup in Niger.", "11", "hypothetical"),
    ("The Security Council approved a resolution condemning the coup in Niger.", "11", "occurred"),
])
def test_what_a_text_says_is_said_when_the_text_is_issued(code, text, root, status):
    statuses = _statuses(code(text), root)
    assert statuses == [status], (text, statuses)


@pytest.mark.parametrize("text, root, status", [
    ("Gao was due to be among the first towns to be handed over to the Malian army.", "08", "planned"),
    ("Kenya is expected to be the first country to send troops to Haiti.", "15", "planned"),
    ("Estonia will be the first country to expel the Russian envoys.", "16", "planned"),
    ("Estonia was the first country to expel the Russian envoys.", "16", "occurred"),
])
def test_an_infinitive_on_a_noun_shares_the_time_of_the_nouns_clause(code, text, root, status):
    """"the first towns to be handed over": the infinitival relative tells of its noun, in that noun's clause."""
    assert _statuses(code(text), root) == [status], text


@pytest.mark.parametrize("text, root", [
    ("The peace deal was supposed to be signed at a ceremony hosted by the Ugandan president.", "05"),
    ("Kenyan troops were supposed to leave Somalia by June.", "08"),
    ("Their win was supposed to be proclaimed during a ceremony organised by the army.", "01"),
])
def test_what_was_supposed_to_happen_did_not(code, text, root):
    """"was supposed to" tells a plan that failed or is still owed, and a speech act's circumstances ("at a
    ceremony") share its time."""
    statuses = _statuses(code(text), root)
    assert statuses and set(statuses) <= set(NOT_EVENTS), (text, statuses)


def test_a_decisions_fate_is_not_its_acts(code):
    """"rejected the president's decision to recognise": the rejection is the rejecter's; the decided act is
    neither undone nor refused by the one who decided it."""
    events = code("Christian leaders in Gaza have rejected the American president's decision to recognise "
                  "Jerusalem as Israel's capital.")
    refusals = [e for e in events if e["cameo"][:2] == "12"]
    assert refusals and all(a["country"] != "USA" for e in refusals for a in e["source"])
    recognised = [e for e in events if e["cameo"][:2] == "05"]
    assert recognised and recognised[0]["status"] == "occurred"
    assert recognised[0]["source"][0]["country"] == "USA"


@pytest.mark.parametrize("text", [
    "Norway welcomed a Colombian proposal to hold talks with the ELN in Oslo.",
    "Mali rejected an Algerian offer to mediate between the government and the rebels.",
])
def test_what_a_proposal_or_offer_puts_forward_is_planned(code, text):
    statuses = [e["status"] for e in code(text) if e["cameo"][:2] == "04"]
    assert statuses and set(statuses) <= {"planned", "hypothetical"}, (text, statuses)


def test_where_and_when_a_warning_is_given_is_no_fear(code):
    """"warned during a visit": the visit happened; an attitude verb governs its complements, not its time."""
    events = code("The minister warned during a visit to the border that the rebels would be crushed.")
    visits = [e for e in events if e["cameo"][:3] == "042"]
    assert visits and visits[0]["status"] == "occurred", [(e["cameo"], e["status"]) for e in events]


@pytest.mark.parametrize("text, trigger", [
    ("Villagers fear hunger more than being shelled.", "shelled"),
    ("The rebels chose to negotiate rather than fight.", "fight"),
    ("Many conscripts would rather desert than attack their own town.", "attack"),
])
def test_an_act_named_as_the_alternative_did_not_happen(code, text, trigger):
    """"More than being shelled", "rather than fight": the act is weighed against another, not done."""
    assert not [e for e in code(text) if e["trigger"] == trigger and e["status"] in ("occurred", "ongoing")]


def test_the_charge_joined_to_the_charge_is_no_event_of_the_accuser(code):
    """"Accused Russia of shelling Kharkiv and violating the ceasefire": both gerunds are the charge, neither
    is an act of the accuser."""
    events = code("Georgia accused Russia of shelling Gori and violating the ceasefire.")
    assert not [e for e in events if any(a["country"] == "GEO" for a in e["source"]) and e["cameo"][:2] != "11"]


@pytest.mark.parametrize("text, trigger, status", [
    ("The gunmen nearly killed the governor.", "killed", "negated"),
    ("The gunmen almost succeeded in seizing the airport.", "seizing", "negated"),
    ("The port was spared an assault by the insurgents.", "assault", "negated"),
    ("The army was unable to attack the town.", "attack", "negated"),
    ("Chad lacks the capacity to attack the insurgents.", "attack", "hypothetical"),
    ("The senator advocated air strikes against the militants.", "air strikes", "hypothetical"),
    ("Villagers were bracing for an Ethiopian offensive.", "offensive", "hypothetical"),
])
def test_near_misses_and_things_only_argued_for_did_not_happen(code, text, trigger, status):
    """"Nearly killed", "was spared an assault", "unable to attack" did not happen; "advocated air strikes",
    "bracing for an offensive", "the capacity to attack" name an act that may come."""
    statuses = _trigger_statuses(code(text), trigger)
    assert statuses and set(statuses) == {status}, (text, statuses)


def test_a_near_miss_on_a_number_leaves_the_deed_done(code):
    events = code("Nearly 100 people were killed in the attack.")
    assert any(e["status"] == "occurred" and e["cameo"][:2] in ("18", "19") for e in events)


@pytest.mark.parametrize("text, trigger, status", [
    ("Neither Chile nor Peru has ratified the fisheries treaty.", "ratified", "negated"),
    ("No country has ratified the treaty.", "ratified", "negated"),
    ("The delegation left Geneva without signing the agreement.", "signing", "negated"),
    ("Neither side attacked the town.", "attacked", "negated"),
    ("Russia has yet to withdraw its troops from the border.", "withdraw", "planned"),
    ("Ethiopia is yet to release the detained journalists.", "release", "planned"),
])
def test_a_negation_on_an_argument_or_a_yet_leaves_the_act_undone(code, text, trigger, status):
    """"Neither X nor Y has ratified", "no country has", "without signing": the negation sits on a subject or
    a preposition, not on the verb, and is no refusal by anyone; "has yet to withdraw" is still to come."""
    statuses = _trigger_statuses(code(text), trigger)
    assert statuses and set(statuses) == {status}, (text, statuses)


@pytest.mark.parametrize("text, trigger", [
    ("Click here to read our report on the Sahel talks.", "talks"),
    ("Sign up to receive our daily briefing on the war.", "Sign up"),
    ("Read more: click here to sign the petition against the war.", "sign"),
])
def test_an_instruction_to_the_reader_is_no_event(code, text, trigger):
    """"Click here to read", "Sign up to receive": a sentence opened by a bare verb with no subject tells the
    reader what to do; a quoted command is still someone's demand."""
    statuses = _trigger_statuses(code(text), trigger)
    assert statuses and set(statuses) == {"hypothetical"}, (text, statuses)


def test_a_quoted_command_stays_a_demand(code):
    assert any(e["cameo"].startswith("10") and e["status"] == "occurred"
               for e in code("“Release our fishermen,” the navy told Somalia."))


@pytest.mark.parametrize("text, trigger, status", [
    ("A summit of the three leaders is to be held on Friday.", "summit", "planned"),
    ("The rebels are to meet the envoy in Doha.", "meet", "planned"),
    ("It is necessary to detain the suspects.", "detain", "planned"),
    ("Renewed fighting is a possibility.", "fighting", "hypothetical"),
])
def test_what_is_arranged_needed_or_possible_has_not_happened(code, text, trigger, status):
    """"Is to be held" is arranged, "necessary to detain" wanted, "fighting is a possibility" weighed."""
    statuses = _trigger_statuses(code(text), trigger)
    assert statuses and set(statuses) == {status}, (text, statuses)


def test_a_deed_that_was_done_stays_done_beside_them(code):
    assert any(e["status"] == "occurred" for e in code("The talks were held on Friday."))


@pytest.mark.parametrize("text, trigger", [
    ("The Russian invasion of Ukraine was a threat to the whole region.", "invasion"),
    ("The army needed two days to capture the town.", "capture"),
    ("Remember that Russia invaded Ukraine in 2022.", "invaded"),
    ("Not only Russia but also Iran attacked the rebels.", "attacked"),
    ("The army did more than shell the town.", "shell"),
])
def test_look_alikes_of_undone_acts_stay_done(code, text, trigger):
    """What a deed was ("a threat to the region"), how long it took ("needed two days to capture"), a told
    clause under an instruction ("Remember that ..."), "not only ... but also", "did more than": all done."""
    statuses = _trigger_statuses(code(text), trigger)
    assert statuses and set(statuses) == {"occurred"}, (text, statuses)


@pytest.mark.parametrize("text, root", [
    ("The United States withdrew from the 1987 treaty on Monday.", "16"),
    ("Washington quit the 2015 nuclear pact.", "16"),
    ("The junta tore up the 2011 peace accord, and its envoy condemned the 1995 charter.", "11"),
])
def test_a_year_in_the_name_of_a_treaty_does_not_make_the_act_history(code, text, root):
    """"withdrew from the 1987 treaty": the year says which treaty, not when it was left."""
    statuses = _statuses(code(text), root)
    assert statuses and statuses[0] == "occurred", (text, statuses)


@pytest.mark.parametrize("text, root", [
    ("After the war, the great powers signed the 1925 protocol.", "05"),  # signing makes the protocol
    ("Israel and Hezbollah fought in the 2006 war.", "19"),  # an occasion, not a name
    ("Moscow pulled out of the 1987 treaty in 2019.", "16"),  # a date of its own
])
def test_dates_of_making_of_occasions_and_of_the_act_still_make_it_history(code, text, root):
    statuses = _statuses(code(text), root)
    assert statuses and statuses[0] == "background", (text, statuses)


@pytest.mark.parametrize("text, charge", [
    ("The minister accused Iran of breaking the nuclear deal, and violating the old treaty.", "violating"),
    ("The envoy blamed the rebels for shelling the town, and killing six civilians.", "killing"),
    ("Police arrested the men for attacking a patrol, and burning a car.", "burning"),
])
def test_a_second_charge_the_parser_joined_to_the_main_verb_is_still_a_charge(code, text, charge):
    """The comma makes the parser join the second gerund to the finite verb; it is still part of the charge."""
    events = code(text)
    assert events and not _trigger_statuses(events, charge), (text, [(e["cameo"], e["trigger"]) for e in events])


@pytest.mark.parametrize("text, trigger", [
    ("The minister did not claim victory but said on Monday that the rebels were beaten.", "said"),
    ("The army did not enter the town but shelled it from the hills.", "shelled"),
    ("Iran did not sign the deal but agreed to further talks.", "agreed"),
])
def test_a_verb_of_its_own_tense_after_but_keeps_its_own_polarity(code, text, trigger):
    """"did not claim ... but said": the second verb cannot share "did", nor so its "not"."""
    statuses = _trigger_statuses(code(text), trigger)
    assert statuses and statuses[0] == "occurred", (text, statuses)


def test_a_bare_verb_joined_under_did_not_shares_the_negation(code):
    statuses = _trigger_statuses(code("The army did not enter or shell the town."), "shell")
    assert statuses and "occurred" not in statuses
