"""Event dates: the date expression in the event's own clause, resolved against the publication date.

Planned events resolve forwards ("will meet on Friday" → the coming Friday), everything else backwards
("met on Wednesday" in a Wednesday paper → that same day). Expressions dateparser cannot read ("since
2014", "in the past month", "for weeks", "three years ago", "earlier this month") have rules of their own;
the rest goes to dateparser with English only (language detection is ~15x slower) and a per-process cache.
Nothing here ever reads today's date: with no publication date, relative expressions stay unresolved.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span, Token

from ..doctext import doc_text, per_sentence
from .attach import attachment_distance, clause_chain, ents_of, token_ids, tokens_of
from .magnitudes import number_value
from .places import dateline_length, word_roles

DATE_LABELS = ("DATE", "TIME")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
CALENDAR_NAMES = frozenset(WEEKDAYS + MONTHS)
MONTH_ABBREVIATIONS = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
UNIT = r"(?P<unit>day|week|month|year|decade)s?"
YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MONTH_NAME = r"(?P<month>" + "|".join(MONTHS) + "|" + "|".join(MONTH_ABBREVIATIONS) + r")\.?"
PROBE_BASE = dt.date(2000, 1, 5)  # only to tell whether an expression is a date at all, never as a date
VAGUE_PLURAL_COUNT = 3  # "for weeks", "in recent months": a few units back

SINCE_RE = re.compile(r"^(?:ever )?since (?P<rest>.+)$")
PAST_SPAN_RE = re.compile(
    r"^(?:(?:in|over|during|for|throughout|within) )?(?:the )?(?P<rel>past|last|previous|recent) "
    r"(?:(?P<n>[\w-]+(?: [\w-]+)?) )??" + UNIT + "$")
COMING_SPAN_RE = re.compile(r"^(?:(?:in|over|within|during) )?(?:the )?(?:coming|next|following)? ?"
                            r"(?:(?P<n>[\w-]+(?: [\w-]+)?) )??" + UNIT + "$")
FOR_SPAN_RE = re.compile(r"^(?:for|over) (?:(?:the )?(?P<n>[\w-]+(?: [\w-]+)?) )??" + UNIT + "$")
AGO_RE = re.compile(r"^(?:about |some |nearly |more than |over |almost )?(?P<n>[\w-]+(?: [\w-]+)?) " + UNIT + " ago$")
RELATIVE_UNIT_RE = re.compile(
    r"^(?:(?:earlier|later|early|late|mid|the end of|the start of|the beginning of|the middle of)[ -])?"
    r"(?P<rel>last|this|next|past|previous|coming) (?P<unit>week|month|year|weekend)$")
WEEKEND_RE = re.compile(r"^(?:(?:over|during|at|on) )?(?:the )?weekend$")
DAY_WORDS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1, "last night": -1, "this morning": 0,
             "this afternoon": 0, "this evening": 0, "earlier today": 0, "later today": 0, "overnight": 0}
WEEKDAY_RE = re.compile(r"^(?:(?P<rel>last|this|next|coming) )?(?:(?:early|late|earlier|later)(?: on)? )?"
                        r"(?P<wd>" + "|".join(WEEKDAYS) + r")(?:'s)?(?: (?:morning|afternoon|evening|night))?$")
YEAR_ONLY_RE = re.compile(r"^(?:(?:early|late|mid|the end of|the start of|the beginning of)[ -])?"
                          r"(?P<year>1[89]\d\d|20\d\d)$")
DECADE_RE = re.compile(r"^(?:the )?(?P<year>1[89]\d0|20\d0)s$")
MONTH_RE = re.compile(r"^(?:(?P<rel>last|this|next) )?(?:(?:early|late|mid|the end of|the start of)[ -])?"
                      + MONTH_NAME + r"(?:,? (?P<year>1[89]\d\d|20\d\d))?$")
NUMERIC_DATE_RE = re.compile(r"\b\d{1,4}[/.-]\d{1,2}(?:[/.-]\d{2,4})?\b")
MONTH_WORD_RE = re.compile(r"\b(?:" + "|".join(MONTHS + tuple(MONTH_ABBREVIATIONS)) + r")\b")
LEADING_PREPOSITIONS_RE = re.compile(r"^(?:on|in|at|by|during|from|of|as of|until|till|before|after) ")


@dataclass(frozen=True)
class Resolved:
    """A resolved date expression: start date, precision, end of a range, whether it runs up to now."""

    date: dt.date
    precision: str
    end: dt.date | None = None
    since: bool = False


@dataclass
class DateFinding:
    """The date of one event, in the Event record's terms."""

    date: str | None
    precision: str
    text: str | None = None
    end: str | None = None
    background: bool = False  # the event lies well before publication


def parse_iso(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def normalize_phrase(text: str) -> str:
    text = re.sub(r"\s+", " ", text.lower().replace("’", "'")).strip(" .,;:")
    return re.sub(r"^the ", "", text)


def _count(words: str | None, unit_plural: bool) -> int | None:
    if words is None:
        return VAGUE_PLURAL_COUNT if unit_plural else 1
    value = number_value(words.split())
    return value[0] if value else None


def shift(base: dt.date, unit: str, n: int) -> dt.date:
    """base moved n units (day/week/month/year/decade) back (n<0) or forward."""
    if unit == "day":
        return base + dt.timedelta(days=n)
    if unit == "week":
        return base + dt.timedelta(weeks=n)
    if unit == "decade":
        unit, n = "year", 10 * n
    if unit == "year":
        return _safe_date(base.year + n, base.month, base.day)
    months = base.year * 12 + base.month - 1 + n
    return _safe_date(months // 12, months % 12 + 1, base.day)


def _safe_date(year: int, month: int, day: int) -> dt.date:
    while True:
        try:
            return dt.date(year, month, day)
        except ValueError:
            day -= 1


def start_of(day: dt.date, unit: str) -> dt.date:
    if unit == "week":
        return day - dt.timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day.replace(month=1, day=1)


def _rule_since(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    m = SINCE_RE.match(p)
    if not m:
        return None
    start = resolve_expression(m["rest"], base, False)
    return Resolved(start.date, "range", base, since=True) if start else None


def _rule_past_span(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    m = PAST_SPAN_RE.match(p) or FOR_SPAN_RE.match(p)
    if not m or base is None:
        return None
    if m.re is PAST_SPAN_RE and m["rel"] in ("last", "previous") and m["n"] is None and not p.endswith("s"):
        return None  # "last year" is a period of its own, not a span up to now
    n = _count(m["n"], p.endswith("s"))
    if n is None:
        return None
    return Resolved(shift(base, m["unit"], -n), "range", base)


def _rule_coming_span(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    """"in the coming weeks", "within days", "over the next two months": a range ahead of publication."""
    if not re.match(r"^(?:(?:in|over|during) (?:the )?(?:coming|next)|within) ", p):
        return None
    m = COMING_SPAN_RE.match(p)
    if not m or base is None:
        return None
    n = _count(m["n"], p.endswith("s"))
    return Resolved(base, "range", shift(base, m["unit"], n)) if n else None


def _rule_ago(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    m = AGO_RE.match(p)
    if not m or base is None:
        return None
    n = _count(m["n"], False)
    if n is None:
        return None
    unit = m["unit"]
    return Resolved(shift(base, unit, -n), "year" if unit == "decade" else unit)


def _rule_relative_unit(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    m = RELATIVE_UNIT_RE.match(WEEKEND_RE.sub("this weekend", p))
    if not m or base is None:
        return None
    step = {"last": -1, "past": -1, "previous": -1, "this": 0, "next": 1, "coming": 1}[m["rel"]]
    if m["unit"] == "weekend":
        saturday = base + dt.timedelta(days=(5 - base.weekday()) % 7)
        if step < 0 or (step == 0 and not future and saturday > base):
            saturday -= dt.timedelta(weeks=1)
        return Resolved(saturday + dt.timedelta(weeks=max(step, 0)), "day")
    return Resolved(start_of(shift(base, m["unit"], step), m["unit"]), m["unit"])


def _rule_day_word(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    if p not in DAY_WORDS or base is None:
        return None
    return Resolved(base + dt.timedelta(days=DAY_WORDS[p]), "day")


def _rule_weekday(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    """Past events take the latest such weekday up to the publication day, planned ones the next one from it."""
    m = WEEKDAY_RE.match(p)
    if not m or base is None:
        return None
    target = WEEKDAYS.index(m["wd"])
    rel = m["rel"]
    forwards = rel in ("next", "coming") or (future and rel != "last")
    if forwards:
        ahead = (target - base.weekday()) % 7 or (7 if rel in ("next", "coming") else 0)
        return Resolved(base + dt.timedelta(days=ahead), "day")
    back = (base.weekday() - target) % 7 or (7 if rel == "last" else 0)
    return Resolved(base - dt.timedelta(days=back), "day")


def _rule_year(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    m = YEAR_ONLY_RE.match(p)
    if m:
        return Resolved(dt.date(int(m["year"]), 1, 1), "year")
    m = DECADE_RE.match(p)
    if m:
        year = int(m["year"])
        return Resolved(dt.date(year, 1, 1), "range", dt.date(year + 9, 12, 31))
    return None


def _rule_month(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    m = MONTH_RE.match(p)
    if not m:
        return None
    name = m["month"]
    month = MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBREVIATIONS[name]
    if m["year"]:
        return Resolved(dt.date(int(m["year"]), month, 1), "month")
    if base is None:
        return None
    year = base.year
    rel = m["rel"]
    if rel == "last" or (rel is None and not future):
        year -= month > base.month or (rel == "last" and month == base.month)
    elif rel == "next" or future:
        year += month < base.month or (rel == "next" and month == base.month)
    return Resolved(dt.date(year, month, 1), "month")


RULES = (_rule_since, _rule_past_span, _rule_coming_span, _rule_ago, _rule_relative_unit, _rule_day_word, _rule_weekday,
         _rule_year, _rule_month)


@lru_cache(maxsize=50_000)
def resolve_expression(text: str, base: dt.date | None, future: bool) -> Resolved | None:
    """A date expression resolved against the base date (None: only absolute dates resolve). Cached."""
    p = normalize_phrase(text)
    for candidate in (p, LEADING_PREPOSITIONS_RE.sub("", p)):
        for rule in RULES:
            found = rule(candidate, base, future)
            if found:
                return found
    return _with_dateparser(LEADING_PREPOSITIONS_RE.sub("", p), base, future)


@lru_cache(maxsize=256)
def _date_parser(base: dt.date, future: bool):
    from dateparser.date import DateDataParser

    settings = {"RELATIVE_BASE": dt.datetime.combine(base, dt.time()),
                "PREFER_DATES_FROM": "future" if future else "past", "RETURN_AS_TIMEZONE_AWARE": False}
    return DateDataParser(languages=["en"], settings=settings)


def _with_dateparser(p: str, base: dt.date | None, future: bool) -> Resolved | None:
    year = YEAR_RE.search(p)
    if base is None:
        if not year:
            return None  # relative to an unknown day: leave it unresolved
        base = dt.date(int(year.group()), 7, 1)
    if not year and not NUMERIC_DATE_RE.search(p) and not MONTH_WORD_RE.search(p):
        return None  # no year, month or numeric date: dateparser would guess from a bare word or ordinal
    data = _date_parser(base, future).get_date_data(p)
    if data is None or data.date_obj is None:
        if year and len(YEAR_RE.findall(p)) == 1:
            return Resolved(dt.date(int(year.group()), 1, 1), "year")  # "the second half of 2021"
        return None
    found = data.date_obj.date()
    period = data.period if data.period in ("day", "week", "month", "year") else "day"
    if not year and period == "day":
        found = _nearest_year(found, base, future)
    return Resolved(found, period)


def _nearest_year(found: dt.date, base: dt.date, future: bool, slack_days: int = 7) -> dt.date:
    """A month and day with no year: the occurrence nearest the base, on the tense's side unless within a week."""
    options = [_safe_date(base.year + k, found.month, found.day) for k in (-1, 0, 1)]
    if future:
        allowed = [d for d in options if d >= base - dt.timedelta(days=slack_days)]
    else:
        allowed = [d for d in options if d <= base + dt.timedelta(days=slack_days)]
    return min(allowed or options, key=lambda d: abs((d - base).days))


# --- finding the event's date expression -------------------------------------------------------------

@per_sentence
def date_phrases(sent: Span) -> list[Span]:
    """DATE/TIME entities of the sentence, plus weekday and month names spaCy left untagged."""
    filed = dateline_length(doc_text(sent.doc)) if sent.start == 0 else 0  # "KYIV, Jan 5 (Reuters) -": the filing date
    spans = [ent for ent in ents_of(sent) if ent.label_ in DATE_LABELS and ent.start_char >= filed]
    lowered = sent.text.lower()
    if not any(name in lowered for name in CALENDAR_NAMES):
        return spans
    covered = token_ids(spans)
    for token in tokens_of(sent):
        if token.lower_.rstrip(".") in CALENDAR_NAMES and token.i not in covered and token.text[0].isupper() \
                and token.tag_ != "MD" and token.idx >= filed:  # "May" the month, not "may" the modal
            end = token.i + 1
            if end < sent.end and sent.doc[end].like_num:
                end += 1
            spans.append(sent.doc[token.i:end])
    return spans


def phrase_text(span: Span) -> str:
    """The expression with the preposition that governs it ("since 2014", "for weeks", "on Friday")."""
    root = span.root
    head = root.head
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.i == span.start - 1:
        return span.doc[head.i:span.end].text
    return span.text


def attached_dates(sent: Span, trigger: Token) -> list[tuple[int, Span]]:
    """Date expressions that hang in the trigger's clause, nearest first."""
    chain = clause_chain(trigger)
    found = []
    for span in date_phrases(sent):
        distance = attachment_distance(span.root, trigger, chain)
        if distance is not None:
            found.append((distance, span))
    return sorted(found, key=lambda pair: (pair[0], pair[1].start))


def event_date(sent: Span, trigger: Token, published: str | None, planned: bool,
               background_days: int = 365) -> DateFinding:
    """The event's date: its own expression resolved, else the publication date (precision 'published')."""
    base = parse_iso(published)
    for _, span in attached_dates(sent, trigger):
        if comparison_since(span) or names_a_thing(span, trigger):
            continue
        text = phrase_text(span)
        resolved = resolve_expression(text, base, planned)
        if resolved and planned and base and period_end(resolved) < base:
            continue  # "agreed last week to hold talks": the past date is the agreement's, not the talks'
        if resolved:
            return DateFinding(resolved.date.isoformat(), resolved.precision, text,
                               resolved.end.isoformat() if resolved.end else None,
                               is_background(resolved, base, background_days))
        if base is None and resolve_expression(text, PROBE_BASE, planned):
            return DateFinding(None, "published", text)  # a date relative to a publication day we do not know
    return DateFinding(base.isoformat() if base else None, "published")


STRETCH_UNITS = ("day", "week", "month", "year", "decade", "century")
NAMING_DEPS = ("nummod", "compound", "amod", "poss")


def date_words() -> dict[str, frozenset[str]]:
    """role → words, from data/places/date_words.csv: the prepositions that tell when or on what occasion
    (circumstance_preposition: "in a 2019 interview", "amid the war") and the verbs that make the thing they
    name, so that the thing's year is theirs (making_verb: "signed the 1925 protocol", "held the 2019 vote")."""
    return word_roles("date_words.csv")


def names_a_thing(span: Span, trigger: Token) -> bool:
    """"violated the 1990 treaty", "withdrew from the 2015 deal", "condemned last year's invasion": a date
    written into the name of what the event is about tells which thing it is, not when the event happened.
    A date on the trigger itself ("the 2014 invasion"), on an occasion ("in a 2019 interview") or on what the
    event makes ("signed the 1925 protocol") still does."""
    root = span.root
    thing = root.head
    if root.dep_ not in NAMING_DEPS or thing.i == trigger.i or thing.pos_ not in ("NOUN", "PROPN"):
        return False
    words = date_words()
    maker = thing.head if thing.dep_ == "dobj" else thing.head.head
    if maker.lemma_.lower() in words["making_verb"]:
        return False
    if thing.ent_type_ in ("DATE", "TIME") or thing.lemma_.lower() in STRETCH_UNITS:
        return False  # "March 2014", "two years": the date is the whole phrase
    return thing.dep_ == "dobj" or (thing.dep_ == "pobj" and thing.head.lower_ not in words["circumstance_preposition"])


def comparison_since(span: Span) -> bool:
    """"the deadliest since 2019", "the first visit since 2005", "the harshest crackdown for months", "the worst
    violence in years": a record measured over a stretch of time, not when the event happened."""
    prep = span.root.head
    if span.root.dep_ != "pobj" or prep.lower_ not in ("since", "for", "in"):
        return False
    if prep.lower_ != "since" and span.root.lemma_.lower() not in STRETCH_UNITS:
        return False
    head = prep.head
    return _ranks(head) or any(c.dep_ == "amod" and _ranks(c) for c in head.children)


def _ranks(token: Token) -> bool:
    return token.tag_ == "JJS" or token.ent_type_ == "ORDINAL"


def is_background(resolved: Resolved, base: dt.date | None, background_days: int) -> bool:
    """Whether a resolved date puts the event well before publication: an open range ("since 2014") that
    started long ago, or a period that ended long ago."""
    if resolved.since:
        reference = base or dt.date(resolved.date.year + 1, 1, 1)
        return (reference - resolved.date).days > background_days
    if base is None:
        return False
    return (base - period_end(resolved)).days > background_days


def period_end(resolved: Resolved) -> dt.date:
    if resolved.end:
        return resolved.end
    if resolved.precision == "year":
        return resolved.date.replace(month=12, day=31)
    if resolved.precision == "month":
        return shift(resolved.date.replace(day=1), "month", 1) - dt.timedelta(days=1)
    if resolved.precision == "week":
        return resolved.date + dt.timedelta(days=6)
    return resolved.date


# --- a missing publication date ----------------------------------------------------------------------

DATELINE_DATE_RE = re.compile(
    r"\b(?:(?P<m1>" + "|".join(MONTHS + tuple(MONTH_ABBREVIATIONS)) + r")\.? (?P<d1>\d{1,2}),? (?P<y1>(?:19|20)\d\d)"
    r"|(?P<d2>\d{1,2}) (?P<m2>" + "|".join(MONTHS + tuple(MONTH_ABBREVIATIONS)) + r")\.? (?P<y2>(?:19|20)\d\d)"
    r"|(?P<iso>(?:19|20)\d\d-\d\d-\d\d))\b", re.I)
DATELINE_CHARS = 300


@lru_cache(maxsize=1024)
def infer_published(text: str) -> tuple[str, str] | None:
    """The publication day and where it came from, when `published` is missing: a dated dateline
    ("KYIV, Jan. 5, 2022 (Reuters) -") or, failing that, the latest full date in the opening paragraph
    (news ledes carry the story's newest date). Photo captions, which carry old photo dates, are skipped."""
    from ..nlp import CAPTION_RE

    lines = [line for line in text[:DATELINE_CHARS * 3].splitlines() if line.strip() and not CAPTION_RE.search(line)]
    if not lines:
        return None
    dash = re.search(r"\s[-–—]{1,2}\s|:\s", lines[0][:DATELINE_CHARS])
    if dash:
        found = _full_dates(lines[0][:dash.start()])
        if found:
            return found[0].isoformat(), "dateline"
    found = _full_dates(lines[0][:DATELINE_CHARS * 2])
    return (max(found).isoformat(), "opening paragraph") if found else None


def _full_dates(text: str) -> list[dt.date]:
    """Every day-month-year date written out in the text ("Jan. 5, 2022", "5 January 2022", "2022-01-05")."""
    found = []
    for m in DATELINE_DATE_RE.finditer(text):
        if m["iso"]:
            day = parse_iso(m["iso"])
        else:
            name = (m["m1"] or m["m2"]).lower()
            month = MONTHS.index(name) + 1 if name in MONTHS else MONTH_ABBREVIATIONS[name]
            try:
                day = dt.date(int(m["y1"] or m["y2"]), month, int(m["d1"] or m["d2"]))
            except ValueError:
                day = None
        if day:
            found.append(day)
    return found
