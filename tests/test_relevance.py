"""Political relevance of an article, and the one field (`counted`, `not_counted`) that tells every consumer
whether an event enters counts. Articles written for these tests."""

from __future__ import annotations

import pytest

from eventwire.model import Actor, Article, Event
from eventwire.relevance import (
    LOW_RELEVANCE,
    NO_ACTOR,
    mark_counted,
    not_counted_reason,
    political_event,
    section_hint,
    term_counts,
)

POLITICAL = ("The prime minister faced a revolt by backbench MPs over the immigration bill on Tuesday. "
             "Opposition leaders said the government had lost the confidence of parliament, and the "
             "foreign secretary cancelled a summit with the French president to return for the vote.")
SPORT = ("The striker scored twice as the club beat their league rivals 3-1 at a packed stadium. "
         "The coach said the squad had fought hard for the win after a poor start to the season, and "
         "the goalkeeper saved a penalty in the second half of the match.")
BUSINESS = ("Shares in the carmaker rose 4% after it reported record quarterly profits on higher sales in "
            "China. The firm's chief executive told investors the company would battle its rivals for "
            "market share with three new models this year.")


def article(text: str, url: str = "", source: str = "") -> Article:
    return Article(id="a1", text=text, title="", published="2024-03-05", url=url, source=source)


def coded(pipeline, art: Article) -> tuple[Article, list[Event]]:
    return next(pipeline.code([art]))


def test_terms_are_counted_per_domain_and_names_only_when_capitalised(nlp):
    counts = term_counts(list(nlp("Labour MPs voted against the bill, while labour costs rose at the firm.")))
    assert counts["political"] >= 2  # "Labour" (a party of the actor tables), "MPs"
    assert counts["business"] >= 1  # "firm"
    lower = term_counts(list(nlp("The labour market was tight.")))
    assert lower["political"] == 0


def test_a_sentence_left_unparsed_by_selection_reads_names_as_a_parse_does(nlp):
    """Sentence selection leaves sentences with no trigger tokenised only (no tags, no lemmas): a capitalised
    word inside such a sentence is a name there too, so the film title "President Smith" adds no political term."""
    text = "The comedy President Smith opens on Friday, with a cabinet of stars in its cast."
    parsed = term_counts(list(nlp(text)))
    unparsed = nlp.make_doc(text)
    assert not any(t.pos_ for t in unparsed)
    assert term_counts(list(unparsed))["political"] == parsed["political"] == 1  # the lowercase "cabinet" alone
    plural = "Both strikers and the coaches were praised by the fans."
    assert term_counts(list(nlp.make_doc(plural))) == term_counts(list(nlp(plural)))  # terms without lemmas


def test_political_news_scores_above_sport_and_business(pipeline):
    scores = {name: coded(pipeline, article(text))[0].relevance
              for name, text in (("politics", POLITICAL), ("sport", SPORT), ("business", BUSINESS))}
    assert scores["politics"] > 0.6
    assert scores["sport"] < 0.3 and scores["business"] < 0.3


@pytest.mark.parametrize("url, source, hint", [
    ("https://news.example.org/politics/2024/03/05/vote", "", "political"),
    ("https://www.example.com/sport/football/12345", "", "sport"),
    ("https://example.com/2024/03/05/story", "Example Sport", "sport"),
    ("https://example.com/2024/03/05/story", "Example Wire", None),
    ("", "", None),
])
def test_a_section_in_the_url_or_source_is_a_hint(url, source, hint):
    assert section_hint(article("x", url, source)) == hint


def test_a_section_hint_moves_the_score(pipeline):
    plain = coded(pipeline, article(BUSINESS))[0].relevance
    politics = coded(pipeline, article(BUSINESS, url="https://example.com/news/politics/1"))[0].relevance
    sport = coded(pipeline, article(BUSINESS, url="https://example.com/sport/1"))[0].relevance
    assert sport <= plain < politics


def test_events_of_a_low_relevance_article_keep_their_record_but_are_not_counted(pipeline):
    art, events = coded(pipeline, article(SPORT + " Later, fans clashed with police outside the ground."))
    assert art.relevance is not None and art.relevance < pipeline.settings.relevance_threshold
    assert events, "the events are kept"
    for event in events:
        record = event.to_dict()
        assert record["counted"] is False and record["not_counted"] is not None
        assert record["relevance"] == art.relevance
    assert LOW_RELEVANCE in {e.not_counted for e in events}


def test_events_of_a_political_article_are_counted(pipeline):
    _, events = coded(pipeline, article(POLITICAL))
    counted = [e for e in events if e.counted]
    assert counted and all(e.not_counted is None for e in counted)


def event(status: str = "occurred", sides: bool = True) -> Event:
    e = Event(doc_id="d", text="t", span=(0, 1), trigger="t", cameo="190", status=status)
    if sides:
        e.source = [Actor("troops", country="KEN", sector="MIL")]
    return e


@pytest.mark.parametrize("status, sides, score, reason", [
    ("occurred", True, 0.9, None),
    ("ongoing", True, 0.9, None),
    ("hypothetical", True, 0.9, "hypothetical"),
    ("planned", True, 0.9, "planned"),
    ("negated", True, 0.9, "negated"),
    ("background", True, 0.9, "background"),
    ("occurred", False, 0.9, NO_ACTOR),
    ("occurred", True, 0.1, LOW_RELEVANCE),
    ("occurred", True, None, None),  # no score (an engine that does not score): status and actors decide
])
def test_the_reason_an_event_is_not_counted(status, sides, score, reason):
    assert not_counted_reason(event(status, sides), score, 0.3) == reason
    marked = event(status, sides)
    mark_counted([marked], score, 0.3)
    assert marked.counted is (reason is None) and marked.not_counted == reason


def test_a_threshold_of_zero_counts_every_article():
    marked = event()
    mark_counted([marked], 0.0, 0.0)
    assert marked.counted


def test_political_actors_are_states_bodies_and_political_sectors():
    assert political_event(event())
    business = Event(doc_id="d", text="t", span=(0, 1), trigger="t", cameo="190",
                     source=[Actor("the firm", country="USA", sector="BUS")])
    assert not political_event(business)
    state = Event(doc_id="d", text="t", span=(0, 1), trigger="t", cameo="190", source=[Actor("Peru", country="PER")])
    assert political_event(state)
