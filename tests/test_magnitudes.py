"""How much: dead, injured and size from digits and number words, linked to the event's clause."""

from __future__ import annotations

import pytest

from eventwire.when_where.magnitudes import event_magnitudes, number_value


def token(doc, word: str):
    return next(t for t in doc if t.text == word)


def magnitudes(nlp, text: str, trigger: str):
    doc = nlp(text)
    return event_magnitudes(next(doc.sents), token(doc, trigger))


@pytest.mark.parametrize(("words", "expected"), [
    (["13,000"], (13000, None)),
    (["two"], (2, None)),
    (["1.5", "million"], (1500000, None)),
    (["two", "hundred"], (200, None)),
    (["dozens"], (24, "dozens")),
    (["hundreds"], (200, "hundreds")),
    (["tens", "of", "thousands"], (20000, "tens of thousands")),
    (["a", "dozen"], (12, None)),
    (["twenty", "-", "five"], (25, None)),
])
def test_number_words_and_digits(words, expected):
    assert number_value(words) == expected


def test_not_a_number():
    assert number_value(["several", "villages"]) is None


def test_killed_people_are_dead_with_qualifier(nlp):
    found = magnitudes(nlp, "The war in the east has killed more than 14,000 people since 2014.", "war")
    assert (found.dead, found.size, found.qualifier) == (14000, None, "more than")


def test_passive_victims_in_number_words(nlp):
    found = magnitudes(nlp, "Three soldiers were killed and two were wounded in the ambush.", "killed")
    assert (found.dead, found.injured) == (3, 2)


def test_killing_and_wounding_after_the_attack(nlp):
    found = magnitudes(nlp, "Rebels attacked a convoy on Monday, killing four soldiers and wounding dozens of "
                            "civilians.", "attacked")
    assert (found.dead, found.injured) == (4, 24)


def test_troops_and_protesters_are_sizes(nlp):
    found = magnitudes(nlp, "Images show as many as 90,000 troops massed near the frontier.", "massed")
    assert (found.size, found.dead, found.qualifier) == (90000, None, "as many as")
    found = magnitudes(nlp, "Hundreds of protesters rallied outside the parliament.", "rallied")
    assert (found.size, found.qualifier) == (200, "hundreds")


def test_killers_are_not_the_dead(nlp):
    found = magnitudes(nlp, "Fifty militants stormed the village and killed nine villagers.", "killed")
    assert found.dead == 9


def test_figures_of_another_clause_are_not_the_events(nlp):
    found = magnitudes(nlp, "The president condemned the bombing, which killed 12 people.", "condemned")
    assert (found.dead, found.size) == (None, None)


def test_years_and_money_are_not_counts(nlp):
    found = magnitudes(nlp, "The ministry sent $5 million in aid to refugees in 2015.", "sent")
    assert (found.dead, found.injured, found.size) == (None, None, None)


def test_figures_nested_deep_below_the_event_count_something_else(nlp):
    found = magnitudes(nlp, "The governor expressed condolences to the families of six farmers who were killed "
                            "in the floods.", "expressed")
    assert (found.dead, found.size) == (None, None)


def test_several_dozen_multiplies():
    assert number_value(["several", "dozen"]) == (36, "several dozen")
    assert number_value(["two", "dozen"]) == (24, None)


def test_magnitude_word_table_is_well_formed():
    from eventwire.when_where.magnitudes import magnitude_words

    table = magnitude_words()
    assert set(table) == {"dead", "injured", "size", "qualifier", "number", "multiplier", "vague"}
    for role in ("number", "multiplier", "vague"):
        assert all(value > 0 for value in table[role].values()), role
    for role in ("dead", "injured", "size"):
        assert all(word == word.lower() and value == 0 for word, value in table[role].items()), role
    assert not set(table["dead"]) & set(table["injured"])
