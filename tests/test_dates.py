"""Event dates: the resolver's rules (weekdays, since, spans, ago, relative units) and clause attachment,
on sentences written for these tests. Publication day throughout: Wednesday 2022-01-05."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire.when_where.dates import event_date, infer_published, resolve_expression

WEDNESDAY = dt.date(2022, 1, 5)


def resolved(text: str, future: bool = False, base: dt.date | None = WEDNESDAY):
    found = resolve_expression(text, base, future)
    assert found is not None, text
    return found.date.isoformat(), found.precision


def token(doc, word: str):
    return next(t for t in doc if t.text == word)


@pytest.mark.parametrize(("text", "future", "expected"), [
    ("Wednesday", False, "2022-01-05"),  # the publication day itself
    ("Monday", False, "2022-01-03"),
    ("on Friday", False, "2021-12-31"),
    ("on Friday", True, "2022-01-07"),
    ("Monday", True, "2022-01-10"),
    ("last Wednesday", False, "2021-12-29"),
    ("next Wednesday", True, "2022-01-12"),
    ("Tuesday night", False, "2022-01-04"),
    ("late on Saturday", False, "2022-01-01"),
    ("earlier on Wednesday", False, "2022-01-05"),
])
def test_weekdays_resolve_backwards_for_past_and_forwards_for_planned(text, future, expected):
    assert resolved(text, future) == (expected, "day")


def test_since_a_year_is_a_range_up_to_publication():
    found = resolve_expression("since 2014", WEDNESDAY, False)
    assert (found.date, found.precision, found.end, found.since) == (dt.date(2014, 1, 1), "range", WEDNESDAY, True)


@pytest.mark.parametrize(("text", "start"), [
    ("in the past month", "2021-12-05"),
    ("over the past two weeks", "2021-12-22"),
    ("for weeks", "2021-12-15"),
    ("in recent months", "2021-10-05"),
    ("for three years", "2019-01-05"),
])
def test_spans_back_from_publication_are_ranges(text, start):
    found = resolve_expression(text, WEDNESDAY, False)
    assert (found.date.isoformat(), found.precision, found.end) == (start, "range", WEDNESDAY)


@pytest.mark.parametrize(("text", "expected"), [
    ("three years ago", ("2019-01-05", "year")),
    ("two weeks ago", ("2021-12-22", "week")),
    ("five days ago", ("2021-12-31", "day")),
    ("last year", ("2021-01-01", "year")),
    ("last month", ("2021-12-01", "month")),
    ("earlier this month", ("2022-01-01", "month")),
    ("in 2014", ("2014-01-01", "year")),
    ("yesterday", ("2022-01-04", "day")),
    ("in December", ("2021-12-01", "month")),
    ("Dec. 30", ("2021-12-30", "day")),
    ("Oct. 21, 2021", ("2021-10-21", "day")),
])
def test_relative_and_absolute_expressions(text, expected):
    assert resolved(text) == expected


def test_next_week_for_a_planned_event_is_the_coming_monday_week():
    assert resolved("next week", future=True) == ("2022-01-10", "week")


def test_month_day_without_year_takes_the_side_of_the_tense():
    assert resolved("Jan. 12", future=True) == ("2022-01-12", "day")
    assert resolved("March 3", future=False) == ("2021-03-03", "day")
    assert resolved("March 3", future=True) == ("2022-03-03", "day")


def test_without_publication_date_only_absolute_dates_resolve():
    assert resolve_expression("Monday", None, False) is None
    assert resolve_expression("three years ago", None, False) is None
    assert resolve_expression("Jan. 12, 2022", None, True).date == dt.date(2022, 1, 12)
    assert resolve_expression("since 2014", None, False).date == dt.date(2014, 1, 1)


def test_coming_spans_are_ranges_ahead():
    found = resolve_expression("in the coming weeks", WEDNESDAY, True)
    assert (found.date, found.precision, found.end) == (WEDNESDAY, "range", dt.date(2022, 1, 26))


def test_a_year_inside_a_longer_phrase_gives_the_year():
    assert resolved("the second half of 2021") == ("2021-01-01", "year")


def test_words_that_are_no_dates_stay_unresolved():
    for text in ("annual", "recently", "the day", "on the 3rd", "the next day", "hours"):
        assert resolve_expression(text, WEDNESDAY, False) is None


def test_date_of_the_announcement_and_of_the_meeting_it_announces(nlp):
    doc = nlp("The minister announced on Tuesday that the summit will be held on Jan. 20.")
    sent = next(doc.sents)
    summit = event_date(sent, token(doc, "summit"), "2022-01-05", planned=True)
    announced = event_date(sent, token(doc, "announced"), "2022-01-05", planned=False)
    assert (summit.date, summit.precision, summit.text) == ("2022-01-20", "day", "on Jan. 20")
    assert (announced.date, announced.text) == ("2022-01-04", "on Tuesday")


def test_date_in_another_clause_is_not_the_events(nlp):
    doc = nlp("The envoy's visit came as the two armies are set to hold drills next week.")
    sent = next(doc.sents)
    visit = event_date(sent, token(doc, "visit"), "2022-01-05", planned=False)
    drills = event_date(sent, token(doc, "drills"), "2022-01-05", planned=True)
    assert (visit.date, visit.precision) == ("2022-01-05", "published")
    assert (drills.date, drills.precision) == ("2022-01-10", "week")


def test_conjoined_verb_shares_the_date_of_its_clause(nlp):
    doc = nlp("The two ministers on Monday met in Ankara and discussed the crisis.")
    found = event_date(next(doc.sents), token(doc, "discussed"), "2022-01-05", planned=False)
    assert found.date == "2022-01-03"


def test_since_an_old_year_makes_the_event_background(nlp):
    doc = nlp("Government troops have fought the rebels in the north since 2011.")
    found = event_date(next(doc.sents), token(doc, "fought"), "2022-01-05", planned=False)
    assert (found.date, found.precision, found.end, found.background) == ("2011-01-01", "range", "2022-01-05", True)


def test_recent_past_is_not_background(nlp):
    doc = nlp("Protesters gathered outside the parliament in the past month.")
    found = event_date(next(doc.sents), token(doc, "gathered"), "2022-01-05", planned=False)
    assert found.precision == "range" and not found.background


def test_missing_publication_date_leaves_relative_dates_unresolved(nlp):
    doc = nlp("The foreign minister held talks with his Greek counterpart on Monday.")
    found = event_date(next(doc.sents), token(doc, "talks"), None, planned=False)
    assert found.date is None
    assert found.text == "on Monday"


def test_publication_date_is_inferred_from_a_dateline_not_from_a_caption():
    text = ("Soldiers are seen at a checkpoint, Oct. 2, 2020. (Reuters Photo)\n"
            "ANKARA, Jan. 5, 2022 (Reuters) - Turkey's foreign minister met his Greek counterpart on Monday.")
    assert infer_published(text) == ("2022-01-05", "dateline")
    assert infer_published("The minister met his counterpart on Monday.") is None


def test_publication_date_from_the_opening_paragraphs_latest_date():
    text = "Talks held on March 2, 2021 and on March 9, 2021 ended without a deal, the ministry said on Monday."
    assert infer_published(text) == ("2021-03-09", "opening paragraph")


def test_without_publication_date_the_nearest_date_is_kept_unresolved(nlp):
    doc = nlp("The bombing on May 22 was the deadliest attack in the city since July 2005.")
    found = event_date(next(doc.sents), token(doc, "bombing"), None, planned=False)
    assert (found.date, found.text) == (None, "on May 22")


def test_words_that_are_no_dates_are_not_kept_as_date_text(nlp):
    doc = nlp("The coalition declared a two-week ceasefire in the region.")
    found = event_date(next(doc.sents), token(doc, "declared"), None, planned=False)
    assert (found.date, found.text) == (None, None)


def test_planned_event_does_not_take_its_decisions_past_date(nlp):
    doc = nlp("The two governments agreed last week to hold talks.")
    found = event_date(next(doc.sents), token(doc, "talks"), "2022-01-05", planned=True)
    assert (found.date, found.precision) == ("2022-01-05", "published")


@pytest.mark.parametrize("text, trigger", [
    ("Police clashed with protesters in the worst violence in years.", "clashed"),
    ("Riot police detained dozens of protesters in the harshest crackdown for months.", "detained"),
])
def test_a_record_over_a_stretch_of_time_does_not_date_the_event(nlp, text, trigger):
    doc = nlp(text)
    found = event_date(next(doc.sents), token(doc, trigger), "2022-01-05", planned=False)
    assert (found.date, found.precision) == ("2022-01-05", "published")


def test_a_plain_duration_still_dates_the_event(nlp):
    doc = nlp("Rebels have besieged the city for months.")
    found = event_date(next(doc.sents), token(doc, "besieged"), "2022-01-05", planned=False)
    assert found.precision == "range"
