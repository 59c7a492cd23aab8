"""The when/where stage as the pipeline calls it: Annotator.annotate on coded events, and end to end."""

from __future__ import annotations

from conftest import SHARED, needs_shared

from eventwire.model import Actor, Article, Event
from eventwire.nlp import Unit
from eventwire.when_where.annotate import Annotator


def annotated(nlp, text: str, trigger: str, status: str = "occurred", published: str | None = "2022-01-05",
              source: list[Actor] | None = None, article_text: str | None = None, offset: int = 0) -> Event:
    """Annotate an event whose trigger is `trigger` in a one-sentence body unit starting at `offset`."""
    unit = Unit(index=0, start=offset, text=text, kind="body", doc=nlp(text))
    sent = next(unit.doc.sents)
    at = text.index(trigger)
    event = Event(doc_id="t", text=text, span=(offset, offset + len(text)), trigger=trigger, cameo="040",
                  status=status, source=source or [], trigger_span=(offset + at, offset + at + len(trigger)))
    Annotator().annotate(event, sent, unit, Article(id="t", text=article_text or text, published=published))
    return event


def test_planned_meeting_gets_its_day_and_the_announcement_its_own(nlp):
    text = "The minister said on Tuesday that the two sides will meet on Friday."
    meeting = annotated(nlp, text, "meet", status="planned")
    said = annotated(nlp, text, "said")
    assert (meeting.date, meeting.date_precision, meeting.date_text) == ("2022-01-07", "day", "on Friday")
    assert (said.date, said.status) == ("2022-01-04", "occurred")


def test_event_without_a_date_of_its_own_takes_the_publication_day(nlp):
    event = annotated(nlp, "Turkey condemned the attack.", "condemned")
    assert (event.date, event.date_precision, event.date_text) == ("2022-01-05", "published", None)


def test_old_fighting_becomes_background_with_place_and_toll(nlp):
    text = "Clashes between the army and rebels in Tigray have killed at least 5,000 people since 2020."
    event = annotated(nlp, text, "Clashes")
    assert (event.status, event.date, event.date_precision) == ("background", "2020-01-01", "range")
    assert (event.location.name, event.location.country, event.location.precision) == ("Tigray", "ETH", "region")
    assert (event.dead, event.magnitude_qualifier) == (5000, "at least")


def test_occurred_event_dated_after_publication_is_planned(nlp):
    event = annotated(nlp, "The envoys hold talks in Geneva on Jan. 10.", "talks")
    assert (event.date, event.status) == ("2022-01-10", "planned")
    assert (event.location.name, event.location.country) == ("Geneva", "CHE")


def test_offsets_of_a_later_unit_find_the_trigger(nlp):
    event = annotated(nlp, "Police dispersed hundreds of protesters in Tbilisi on Monday.", "dispersed", offset=250)
    assert (event.date, event.size, event.location.name) == ("2022-01-03", 200, "Tbilisi")


def test_georgia_follows_the_actors_country(nlp):
    text = "Thousands of people marched in Georgia on Saturday."
    us = annotated(nlp, text, "marched", source=[Actor(text="Atlanta police", country="USA")])
    geo = annotated(nlp, text, "marched")
    assert (us.location.country, us.location.precision) == ("USA", "region")
    assert (geo.location.country, geo.location.precision) == ("GEO", "country")


def test_missing_publication_date_infers_the_dateline_and_says_so(nlp):
    body = "Turkey's foreign minister met his Greek counterpart on Monday."
    article = "ANKARA, Jan. 5, 2022 (Reuters) - " + body
    met = annotated(nlp, body, "met", published=None, article_text=article)
    assert (met.date, met.date_precision) == ("2022-01-03", "day")
    quiet = annotated(nlp, "Turkey condemned the attack.", "condemned", published=None,
                      article_text="ANKARA, Jan. 5, 2022 (Reuters) - Turkey condemned the attack.")
    assert quiet.date == "2022-01-05" and "inferred" in quiet.date_text


def test_missing_publication_date_without_dateline_leaves_relative_dates_open(nlp):
    event = annotated(nlp, "Turkey's foreign minister met his Greek counterpart on Monday.", "met", published=None)
    assert (event.date, event.date_text) == (None, "on Monday")


def test_dateline_place_when_the_sentence_names_none(nlp):
    body = "The minister condemned the attack."
    event = annotated(nlp, body, "condemned", article_text="KYIV, Jan 5 (Reuters) - " + body)
    assert (event.location.name, event.location.country) == ("Kyiv", "UKR")


# --- end to end (needs the event stage) -------------------------------------------------------------

def test_end_to_end_weekday_dates(code):
    events = code("Turkey's foreign minister held a phone call with the NATO chief on Monday.")
    calls = [e for e in events if e["cameo"].startswith("04")]
    assert calls and all(e["date"] == "2022-01-03" for e in calls)


def test_end_to_end_background_fighting_with_toll(code):
    events = code("Fighting between the army and rebels in Darfur has killed more than 9,000 people since 2019.")
    fights = [e for e in events if e["cameo"][:2] in ("18", "19")]
    assert fights, [e["cameo"] for e in events]
    fight = fights[0]
    assert (fight["status"], fight["date"][:4], fight["dead"]) == ("background", "2019", 9000)
    assert fight["location"]["country"] == "SDN"


@needs_shared
def test_seed_article_dates_places_and_figures(code):
    text = next((SHARED / "seeds").glob("*.txt")).read_text(encoding="utf-8")
    events = code(text)
    by_date = {(e["date"], e["status"]) for e in events}
    assert ("2022-01-05", "occurred") in by_date  # the Wednesday call
    assert ("2022-01-03", "occurred") in by_date  # the Monday call
    assert ("2022-01-12", "planned") in by_date
    assert ("2022-01-10", "planned") in by_date  # next week's talks
    fights = [e for e in events if e["status"] == "background" and e["dead"] == 13000]
    assert fights and fights[0]["location"]["country"] == "UKR" and fights[0]["date"].startswith("2014")
    assert any(e["size"] == 100000 for e in events)
    assert not any(e["location"] and e["location"]["country"] == "BEL" for e in events)  # the caption's place


def test_end_to_end_headline_mention_takes_the_bodys_day(code):
    text = ("Turkish and Greek foreign ministers hold talks\n\n"
            "Turkey's foreign minister held talks with his Greek counterpart on Monday in Ankara.")
    talks = [e for e in code(text) if e["cameo"].startswith("04")]
    assert talks and all(e["date"] == "2022-01-03" for e in talks)
