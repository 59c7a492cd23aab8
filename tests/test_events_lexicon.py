"""The event lexicon is valid package data: every code exists in CAMEO, frames and roles are well formed,
and it covers the whole CAMEO tree."""

from __future__ import annotations

from eventwire.events.lexicon import lexicon
from eventwire.ontology import cameo_table

KNOWN_FLAGS = {"recip", "speech", "wide", "reverse", "needs_obj", "actor_obj", "actor_subj", "no_clause", "no_label",
               "framed", "of_doer"}
KNOWN_ROLES = {
    "attacker_noun", "knowing_verb", "foe_purpose_verb", "pressure_noun", "negation", "negating_governor",
    "hypothetical_modal", "future_modal", "hypothetical_mark",
    "hypothetical_governor", "planned_governor", "planned_preposition", "planned_modifier",
    "hypothetical_modifier", "background_preposition", "object_control", "happening_verb", "first_person",
    "third_person", "relative_pronoun", "neutral_particle", "light_verb", "intent_governor", "threat_governor",
    "coercion_vow", "vow_verb", "participle_control", "past_marker", "demand_modal", "claim_verb", "actor_noun",
    "appeal_governor", "past_preposition",
    "enabling_verb", "offer_governor", "indefinite_det", "responsible_word",
    "hypothetical_det", "stative_verb", "lasting_event", "toll_verb", "content_noun", "recent_day",
    "circumstance_preposition", "permission_noun", "beneficiary_verb", "reciprocal_pronoun", "state_participle",
    "rule_noun", "enacting_verb",
    "request_noun", "accepting_verb", "condition_preposition", "condition_noun", "condition_of_noun", "definite_det",
    "long_span", "awaited_mark", "label_verb", "copula", "judged_deed_verb", "harm_verb", "judging_speech",
    "command_governor",
    "aspectual_verb", "doer_participle", "blaming_participle", "question_mark", "question_word", "whoever_word",
    "habitual_adverb", "generic_when", "early_in", "said_thing_noun", "deciding_verb",
    "document_noun", "posture_governor", "decision_noun", "evidence_verb", "courtesy_verb", "victim_subject",
    "subordinator", "alternative_word", "near_miss", "negating_preposition", "not_yet_adverb",
    "possibility_noun", "negating_determiner",
}


def test_every_pattern_code_is_a_cameo_code():
    table = cameo_table()
    bad = [(p.lemma, p.cameo) for p in lexicon().all_patterns() if p.cameo not in table]
    assert bad == []


def test_intent_refusal_and_threat_tables_use_cameo_codes():
    table = cameo_table()
    lex = lexicon()
    for mapping in (lex.intents, lex.refusals, lex.threats):
        assert mapping
        for act, result in mapping.items():
            assert result in table, result
            assert act in table or len(act) == 2, act
    assert all(code.startswith("03") for code in lex.intents.values())
    assert all(code.startswith("12") for code in lex.refusals.values())
    assert all(code.startswith("13") for code in lex.threats.values())


def test_lexicon_covers_all_roots_and_most_three_digit_codes():
    codes = {p.cameo for p in lexicon().all_patterns()}
    roots = {c[:2] for c in codes}
    assert roots == {f"{i:02d}" for i in range(1, 21)}
    three_digit = {c for c in cameo_table() if len(c) == 3}
    covered = {c[:3] for c in codes if len(c) >= 3} & three_digit
    assert len(covered) / len(three_digit) >= 0.6, sorted(three_digit - covered)


def test_flags_targets_and_roles_are_known():
    lex = lexicon()
    for p in lex.all_patterns():
        assert p.flags <= KNOWN_FLAGS, (p.lemma, p.flags)
        assert p.targets, p.lemma
        assert all(t and t == t.strip() for t in p.targets), p.lemma
    assert set(lex.roles) <= KNOWN_ROLES, set(lex.roles) - KNOWN_ROLES


def test_specific_patterns_come_before_generic_ones():
    for patterns in lexicon().verbs.values():
        scores = [p.specificity for p in patterns]
        assert scores == sorted(scores, reverse=True)


def test_lemma_mending_only_uses_known_words(nlp):
    lex = lexicon()
    doc = nlp("Activists staged a protest and rebels waged war.")
    lemmas = {t.text: lex.lemma(t) for t in doc}
    assert lemmas["staged"] == "stage"
    assert lemmas["waged"] == "wage"
    assert lemmas["Activists"] == "activist"
