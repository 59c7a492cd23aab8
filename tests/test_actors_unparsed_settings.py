"""Where a report is set counts the places of every sentence, parsed or not: under sentence selection a
sentence that cannot hold an event gets a flat tree and no entities, and its settings ("in north-east Syria",
"outside Aleppo") are read off its words (`actors.unparsed`), as the full parse would find them."""

from __future__ import annotations

from collections import Counter

import pytest
from spacy.tokens import Span

from eventwire.actors import DocumentMemory
from eventwire.actors.unparsed import is_flat, named_settings
from eventwire.model import Article
from eventwire.nlp import _flat_trees


def flat(nlp, text: str) -> Span:
    """One sentence as sentence selection leaves one that cannot hold an event: tokens and a flat tree."""
    doc = nlp.make_doc(text)
    _flat_trees(doc, [0])
    return doc[:]


def settings_of(pipeline, text: str) -> Counter:
    """The settings `Pipeline.code_parsed` counts for a text, before coding its first sentence."""
    memory = DocumentMemory()
    for _, sent in next(pipeline.parse([Article(id="t", text=text)])).sentences():
        pipeline.resolver.note_settings(sent, memory)
    return memory.settings


def test_only_a_sentence_left_unparsed_is_flat(pipeline):
    """Selection parses the sentence that can hold an event and leaves the other one flat."""
    text = "Rebels shelled an army post near the border on Monday. Winters are harsh outside Raqqa."
    parsed = next(pipeline.parse([Article(id="t", text=text)]))
    assert [is_flat(sent) for _, sent in parsed.sentences()] == [False, True]


@pytest.mark.parametrize(("text", "names"), [
    ("Most of the displaced families now live in tents in north-east Syria.", ["Syria"]),
    ("The price of bread has doubled on the outskirts of Mosul this winter.", ["Mosul"]),
    ("Many of them were born in the far east of Ukraine.", ["Ukraine"]),
    ("Hundreds of families are still living in a Nigerian refugee camp.", ["Nigerian"]),
    ("The two envoys held talks in Geneva for most of the week.", []),  # a venue hosts, it does not set
    ("The ministers met in Vienna last spring.", []),  # a meeting verb as written: no lemma on a flat tree
    ("Her brother grew up in the capital Nairobi.", []),  # an apposition to a place noun
])
def test_settings_are_read_off_an_unparsed_sentence(nlp, text, names):
    assert [found.name.text for found in named_settings(flat(nlp, text))] == names


def test_a_nationality_sets_a_sentence_only_before_a_place(pipeline):
    """"in a Nigerian refugee camp" is set in Nigeria; "in Nigerian custody" is no place, as a parse reads it."""
    assert settings_of(pipeline, "Hundreds of families are still living in a Nigerian refugee camp.") \
        == Counter({"NGA": 1})
    assert settings_of(pipeline, "Her brother has been in Nigerian custody for most of the year.") == Counter()


def test_unparsed_sentences_count_as_settings_as_parsed_ones_do(pipeline):
    """A place told in a sentence that cannot hold an event counts as one told in a parsed sentence (a speech
    verb makes the second one a candidate)."""
    text = ("Most of the displaced families now live in tents in north-east Syria. "
            "Winters are harsh outside Raqqa, aid workers say.")
    assert settings_of(pipeline, text) == Counter({"SYR": 2})


def test_a_people_of_several_countries_takes_the_setting_of_unparsed_sentences(code):
    """Turkey is where the report's events are set twice; Syria is where three sentences that hold no event
    are set. The Kurdish position is in Syria, as on a full parse, not in Turkey."""
    text = ("Turkish police detained 30 students in Ankara on Monday. "
            "Riot police dispersed a protest in Istanbul on Tuesday. "
            "Most of the displaced families now live in tents in north-east Syria. "
            "Winters are harsh outside Raqqa. "
            "Many of the families were born in eastern Syria. "
            "On Saturday, gunmen fired a missile at a Kurdish position.")
    events = [e for e in code(text) if e["text"].startswith("On Saturday") and e["target"]]
    assert events and {a["country"] for e in events for a in e["target"]} == {"SYR"}


def test_rebels_take_the_country_set_in_unparsed_sentences(code):
    """Rebels named with no country take the country the report is set in, told only where nothing happens."""
    text = ("The port of Hodeidah lies on the Red Sea coast. "
            "Food prices have tripled across Yemen this year. "
            "Most families in northern Yemen now eat once a day. "
            "Later, rebels attacked an army checkpoint and killed four soldiers.")
    events = [e for e in code(text) if "checkpoint" in e["text"] and e["cameo"].startswith("1")]
    assert events and {a["country"] for e in events for a in e["source"]} == {"YEM"}


@pytest.mark.parametrize(("text", "settings"), [
    ("Most of the shops in Douma are shut.", {"SYR": 1}),  # a town only the gazetteer knows
    ("Critics loved the new play at the Lyttelton.", {}),  # after "the", a name is no town to look up
])
def test_a_town_the_tables_lack_is_looked_up_only_after_a_bare_preposition(pipeline, text, settings):
    assert settings_of(pipeline, text) == Counter(settings)
