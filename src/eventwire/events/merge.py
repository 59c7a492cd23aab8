"""Within-document merge: the same event told in the headline, the lead and a later sentence becomes one
event carrying all of its mentions.

Two events are the same when they share the CAMEO root, the same set of actor codes (either direction, so
symmetric events meet) and a compatible status. Within one sentence, two words of one root whose sides fit
together ("let free", a verb and its noun) and a speaker's "saying" beside his verbal act are one event too. The
merged event keeps the most specific code and the fuller sides, and puts its most confident mention first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import cache

from ..actors.tables import body_and_place_names
from ..model import COUNTED_STATUSES, Actor, Event
from .codes import STATEMENT_CODE, VIOLENT_ROOTS, set_code
from .lexicon import lexicon

COMPATIBLE = {s: {s} for s in ("occurred", "planned", "ongoing", "background", "hypothetical", "negated")}
COMPATIBLE["occurred"] = {"occurred", "ongoing"}
COMPATIBLE["ongoing"] = {"occurred", "ongoing", "background"}
COMPATIBLE["background"] = {"background", "ongoing"}


def actor_id(actor) -> str:
    """Country or organisation, else the full code: "TURGOV" and "TUR" are the same side of an event."""
    return actor.org or actor.country or actor.code


def actor_key(event: Event) -> frozenset[str]:
    return _known_ids(event.source + event.target)


def _same_side(a: Event, b: Event) -> bool:
    """Same known source, and targets that agree or are missing on one side."""
    src_a = _known_ids(a.source)
    if not src_a or src_a != _known_ids(b.source):
        return False
    tgt_a, tgt_b = _named(a.target), _named(b.target)
    return not tgt_a or not tgt_b or tgt_a == tgt_b


def _named(actors) -> frozenset[str]:
    """Countries and organisations of a side; sector-only actors ("soldiers") could be anyone's."""
    return frozenset(x.org or x.country for x in actors if x.org or x.country)


def family(code: str) -> str:
    """The root an event counts under for merging: an intention to meet (036) is told of the same meeting as
    the meeting itself (04), so the two merge."""
    return intent_families().get(code, code[:2])


@cache
def intent_families() -> dict[str, str]:
    """Intent code -> the root of the act intended, from the lexicon's intent table (first listed wins)."""
    found: dict[str, str] = {}
    for act, intent in lexicon().intents.items():
        found.setdefault(intent, act[:2])
    return found


def trigger_words(event: Event) -> set[str]:
    return {m.trigger.lower().split()[-1] for m in event.mentions if m.trigger} | {event.trigger.lower().split()[-1]}


def _sides(event: Event) -> tuple[frozenset[str], frozenset[str]]:
    return _named(event.source), _named(event.target)


COERCE_ROOT = "17"
FORCE_ROOTS = VIOLENT_ROOTS | {COERCE_ROOT}  # seizing, destroying and arresting go with the violence of one raid


def _one_violent_deed(a: Event, b: Event) -> bool:
    """Two violent events of one sentence where one names no doer, or forceful ones where both name the same
    doer: the attack and the killing it caused are told as one deed."""
    if a.cameo_root not in FORCE_ROOTS or b.cameo_root not in FORCE_ROOTS or b.status not in COMPATIBLE[a.status]:
        return False
    src_a, src_b = _named(a.source), _named(b.source)
    if (src_a and src_a == src_b) or (a.source and _ids(a.source) == _ids(b.source)):
        return True  # "torched a school and beheaded three men"
    both_violent = a.cameo_root in VIOLENT_ROOTS and b.cameo_root in VIOLENT_ROOTS
    return both_violent and (_nobody(a.source) or _nobody(b.source))  # "missiles fired by the army struck"


def _ids(actors) -> frozenset[str]:
    return frozenset(actor_id(x) for x in actors)


def _nobody(actors) -> bool:
    """No doer named: no actor, or only things ("the missiles") with no country, organisation or sector."""
    return not any(x.org or x.country or x.sector for x in actors)


def _distinct_kinds(a: str, b: str) -> bool:
    """Two specific codes of one root ("recognised" 054, "signed" 057) tell different deeds; a root's general
    code ("040", "190") can be either's."""
    if a[:2] != b[:2] or a[:3] == b[:3]:
        return False
    return a[2] != "0" and b[2] != "0"


def _one_statement(a: Event, b: Event) -> bool:
    """"he said, insisting he had ...": one speaker's two speech verbs in one sentence are one statement."""
    if a.cameo != STATEMENT_CODE or b.cameo != STATEMENT_CODE:
        return False
    return not a.source or not b.source or {x.text for x in a.source} == {x.text for x in b.source}


VISIT_CODES = frozenset({"042", "043"})  # making or hosting a visit


def _visit_and_meeting(a: Event, b: Event) -> bool:
    """"Modi arrived in Nairobi" and "Modi held talks with Ruto": the trip and the talks held on it are two
    events when told apart."""
    return (a.cameo[:3] in VISIT_CODES) != (b.cameo[:3] in VISIT_CODES)


def _unrelated_intent(a: Event, b: Event) -> bool:
    """An intention (036 "invited them to invest") and a held act of its family (040 "held talks") told in
    other sentences are one event only when the act is still to come or the same word tells both."""
    if a.cameo[:2] == b.cameo[:2]:
        return False
    act = b if a.cameo in intent_families() else a
    return act.status != "planned" and not trigger_words(a) & trigger_words(b)


def _casualty_report(a: Event, b: Event) -> bool:
    """"Six other soldiers were wounded": a later toll with no doer, whose victims are among the sides of a
    violent event of the same days, tells more of that event."""
    if a.cameo_root not in VIOLENT_ROOTS or b.cameo_root not in VIOLENT_ROOTS or b.source or a.span == b.span:
        return False
    if b.status not in COMPATIBLE[a.status] or not _near_dates(a, b):
        return False
    victims = [x for x in b.target if x.org or x.country]
    return bool(victims) and all(any(_same_party(v, x) for x in a.source + a.target) for v in victims)


CIVILIANS = "CVL"


def _other_victims(a: Event, b: Event) -> bool:
    """Violence done to civilians and violence done to fighters of the same country, told in different
    sentences: "troops launched an offensive against rebel positions" and "nine civilians were killed in air
    strikes" are two events (CAMEO codes violence against civilians apart), though the country alone would
    make their actors one."""
    if a.cameo_root not in VIOLENT_ROOTS or b.cameo_root not in VIOLENT_ROOTS or a.span == b.span:
        return False
    kinds_a = {(x.country, x.sector) for x in a.target if x.country and x.sector and not x.org}
    kinds_b = {(x.country, x.sector) for x in b.target if x.country and x.sector and not x.org}
    if not (kinds_a and kinds_b) or len({c for c, _ in kinds_a | kinds_b}) != 1:
        return False
    sectors_a, sectors_b = {s for _, s in kinds_a}, {s for _, s in kinds_b}
    return (sectors_a == {CIVILIANS} and CIVILIANS not in sectors_b) \
        or (sectors_b == {CIVILIANS} and CIVILIANS not in sectors_a)


def _same_party(victim: Actor, actor: Actor) -> bool:
    """The victim can be this side of the clash: the same country or organisation, and the same sector
    unless either names none. Civilians killed in strikes are not the soldiers of the army that launched an
    offensive on rebels in the same country, so their toll is an event of its own (CAMEO codes the killing
    of civilians apart from the fight)."""
    same_body = (victim.org or victim.country) == (actor.org or actor.country)
    return same_body and (not victim.sector or not actor.sector or victim.sector == actor.sector)


def _near_dates(a: Event, b: Event, days: int = 1) -> bool:
    try:
        return abs((dt.date.fromisoformat(a.date[:10]) - dt.date.fromisoformat(b.date[:10])).days) <= days
    except (TypeError, ValueError):
        return a.date == b.date


def _two_coercions(a: Event, b: Event) -> bool:
    """"fired tear gas to disperse the crowd and arrested 12 people": dispersing (175) and arresting (173) are
    two acts of coercion, each coded."""
    return a.cameo_root == b.cameo_root == COERCE_ROOT and _distinct_kinds(a.cameo, b.cameo)


VERBAL_QUADS = frozenset({1, 3})  # verbal cooperation and verbal conflict: things said, not done


def _statement_of_a_saying(a: Event, b: Event) -> bool:
    """"defended the police, saying officers had acted lawfully": a bare statement (010) and a verbal act of
    the same speaker in one sentence are one utterance, coded by the more telling verb."""
    plain, other = (a, b) if a.cameo == STATEMENT_CODE else (b, a)
    if plain.cameo != STATEMENT_CODE or other.cameo == STATEMENT_CODE or other.quad_class not in VERBAL_QUADS:
        return False
    speakers = _codes(plain.source)  # full codes: "Bolivia" and "the army" of Bolivia are two speakers
    return bool(speakers) and speakers == _codes(other.source)


QUOTE_MARKS = ('"', "\u201c", "\u201d")


def _statement_beside_its_act(a: Event, b: Event, paragraph: Callable[[Event], int | None]) -> bool:
    """"X condemned the attack. 'This is unacceptable,' X said.": a bare statement in the same or the next
    sentence of one paragraph that only voices the same speaker's verbal act is that act told again."""
    plain, other = (a, b) if a.cameo == STATEMENT_CODE else (b, a)
    if abs(plain.sentence_index - other.sentence_index) > 1 or not _statement_of_a_saying(plain, other):
        return False
    if not any(mark in plain.text for mark in QUOTE_MARKS):
        return False  # "Turkey also said its troops would stay": an unquoted report tells something new
    if plain.target and _codes(plain.target) != _codes(other.target):
        return False  # a statement to or about someone else is its own utterance
    where = paragraph(plain)
    return where is not None and where == paragraph(other)


def _known_ids(actors) -> frozenset[str]:
    return frozenset(actor_id(x) for x in actors if x.is_known())


def _fits(x: frozenset[str], y: frozenset[str]) -> bool:
    """One side of two mentions agrees when one names nobody or one's actors are among the other's."""
    return not x or not y or x <= y or y <= x


def _told_twice(a: Event, b: Event) -> bool:
    """"Ethiopia let free 74 prisoners", "the aid group has been providing aid to Syrians": one deed of one
    root told by two words of one sentence, each naming part of the dyad. Sides must fit together without
    one party ending up on both sides, the dates must agree and the codes must not name two distinct deeds."""
    if a.cameo_root != b.cameo_root or _distinct_kinds(a.cameo, b.cameo) or not _same_date(a, b):
        return False
    if STATEMENT_CODE in (a.cameo, b.cameo):
        return False  # "claimed ..., but the rebels said": a bare statement joins only its own speaker's words
    if _time_word_between(a, b):
        return False  # "granted him asylum, two years after he took refuge in its embassy"
    src_a, tgt_a, src_b, tgt_b = (_named_or_said(s) for s in (a.source, a.target, b.source, b.target))
    if not (_fits(src_a, src_b) and _fits(tgt_a, tgt_b)):
        return False
    return not (_codes(a.source + b.source) & _codes(a.target + b.target))


def _named_or_said(actors) -> frozenset[str]:
    """A side's parties; an uncoded one ("he", "the Tigers") counts by its words, so it is not taken for a
    missing side."""
    return frozenset(actor_id(x) if x.is_known() else x.text.lower() for x in actors)


def _codes(actors) -> frozenset[str]:
    return frozenset(x.code for x in actors if x.is_known())


TIME_SHIFT_ROLES = ("past_preposition", "planned_preposition", "background_preposition")  # after, before, since


def _time_word_between(a: Event, b: Event) -> bool:
    """A word like "after" or "before" between the two triggers sets one deed at another time than the other."""
    if not (a.trigger_span and b.trigger_span) or a.text != b.text:
        return False
    first, second = sorted((a.trigger_span, b.trigger_span))
    gap = a.text[max(0, first[1] - a.span[0]):max(0, second[0] - a.span[0])]
    lex = lexicon()
    return any(lex.has(role, word) for word in gap.lower().split() for role in TIME_SHIFT_ROLES)


def _same_date(a: Event, b: Event) -> bool:
    """Dates agree when equal or when either mention only borrowed the story's date."""
    return a.date == b.date or "published" in (a.date_precision, b.date_precision)


PRECISION_DIGITS = {"year": 4, "month": 7}  # how much of an ISO date a coarse date fixes


def _told_at_other_times(a: Event, b: Event) -> bool:
    """"killed on Monday" and "killed in March": two sentences that each date their deed, to times that cannot
    overlap, tell two happenings, however alike their sides. A coarse date is compared at its own precision, so
    "in March" holds "on March 12"; a date borrowed from the story, or a range, decides nothing. A deed done and
    a state going on, told in two sentences, are two as well: a war and a strike in it."""
    if a.span == b.span or not (a.date and b.date):
        return False
    own = ("day", "week", "month", "year")
    if {a.status, b.status} == {"ongoing", "occurred"}:
        return True  # "the coalition is fighting the Houthis" and "the Houthis fired missiles at Riyadh"
    if a.date_precision not in own or b.date_precision not in own:
        return False
    if "week" in (a.date_precision, b.date_precision):
        return not _near_dates(a, b, days=7)
    digits = min(PRECISION_DIGITS.get(a.date_precision, 10), PRECISION_DIGITS.get(b.date_precision, 10))
    if digits == 10:
        return not _near_dates(a, b)
    return a.date[:digits] != b.date[:digits]


def _persons(actors) -> frozenset[str]:
    """The people named on a side: a name that is no state's, seat's, region's or organisation's."""
    return frozenset(x.name for x in actors if x.name and x.name not in body_and_place_names())


def _two_speakers(a: Event, b: Event) -> bool:
    """"the deputy speaker called it a violation ..." and "the president hit back ...": verbal acts told in two
    sentences by two speakers (named people, or two institutions of a state: `_speakers`), no person of
    either taking part in the other's, are two acts, even of one country and one aim. Bare statements (010) of one
    side still fold together: two players quoted on a match are one side's word, not two political events."""
    if a.span == b.span or a.quad_class not in VERBAL_QUADS or b.quad_class not in VERBAL_QUADS \
            or STATEMENT_CODE in (a.cameo, b.cameo):
        return False
    speakers_a, speakers_b = _speakers(a.source), _speakers(b.source)
    if not (speakers_a and speakers_b) or speakers_a & speakers_b:
        return False
    return not _persons(a.source) & _persons(b.source + b.target) \
        and not _persons(b.source) & _persons(a.source + a.target)


def _speakers(actors: list[Actor]) -> frozenset[str]:
    """Who speaks on a side: the people named, or an institution of a state (its country and sector: "Iraq's
    president" is IRQ's government, the deputy speaker of parliament IRQ's legislature); a state or a body
    with no sector tells no speaker apart."""
    if any(x.name and x.name not in body_and_place_names() for x in actors):
        return _persons(actors)
    return frozenset(f"{x.org or x.country}:{x.sector}" for x in actors if x.sector and (x.org or x.country))


def same_event(a: Event, b: Event) -> bool:
    if _two_coercions(a, b) or _told_at_other_times(a, b) or _two_speakers(a, b) or _other_victims(a, b):
        return False
    if a.span == b.span and (_one_violent_deed(a, b) or _one_statement(a, b) or _statement_of_a_saying(a, b)):
        return True
    if _casualty_report(a, b) or _casualty_report(b, a):
        return True
    if family(a.cameo) != family(b.cameo) or b.status not in COMPATIBLE[a.status] \
            or (a.span != b.span and (_distinct_kinds(a.cameo, b.cameo) or _visit_and_meeting(a, b)
                                      or _unrelated_intent(a, b))):
        return False
    key_a, key_b = actor_key(a), actor_key(b)
    if not (a.reciprocal or b.reciprocal) and _sides(a) != _sides(b) and all(_sides(a) + _sides(b)):
        return False  # "Ethiopia accused Sudan" and "Sudan summoned Ethiopia's envoy" are two events
    if key_a and key_b and (key_a < key_b or key_b < key_a) and trigger_words(a) & trigger_words(b):
        return True  # "Stoltenberg hold phone call" in the headline, both sides named in the lead
    if key_a and not key_b and trigger_words(a) & trigger_words(b) and b.span[0] > a.span[0]:
        return True  # "The talks are followed by ...": the talks already told with their actors
    if a.span == b.span and (_same_side(a, b) or _told_twice(a, b)):
        return True  # "bombarded the city, killing eight": one event told by two verbs
    key = actor_key(a)
    if key:
        return key == actor_key(b) and bool(a.target) == bool(b.target)
    # no known actors: only the same trigger in the same sentence can safely be one event
    return not actor_key(b) and a.span == b.span and a.trigger == b.trigger


def absorb(into: Event, other: Event) -> None:
    """Fold `other` into `into`: mentions, the more specific code, the best-supported fields."""
    into.mentions.extend(other.mentions)
    into.source = _fuller_side(into.source, other.source)
    into.target = _fuller_side(into.target, other.target)
    if _more_specific(other.cameo, into.cameo):
        set_code(into, other.cameo)
    if other.confidence > into.confidence:
        into.confidence = other.confidence
    if into.attribution is None:
        into.attribution = other.attribution
    into.reciprocal = into.reciprocal or other.reciprocal
    for name in ("dead", "injured", "size", "location"):
        if getattr(into, name) is None and getattr(other, name) is not None:
            setattr(into, name, getattr(other, name))
    if into.date_precision == "published" and other.date_precision != "published" and other.date:
        into.date, into.date_precision, into.date_text, into.date_end = (  # a mention's own date beats the story's
            other.date, other.date_precision, other.date_text, other.date_end)
    if into.status not in COUNTED_STATUSES and other.status in COUNTED_STATUSES:
        into.status = other.status


def _fuller_side(side: list, other: list) -> list:
    """The side naming more: a missing side is filled, and "Kuwait" gives way to "Kuwait and its allies"."""
    if not side:
        return other
    mine, theirs = _known_ids(side), _known_ids(other)
    return other if mine < theirs else side


def _more_specific(code: str, than: str) -> bool:
    """A longer code, or any act over a bare statement: the merged event keeps the code that tells most. Of
    two three-digit codes the leading mention's stays ("talks during a visit" are talks, 040)."""
    if len(code) != len(than):
        return len(code) > len(than)
    return than == STATEMENT_CODE != code


def _no_paragraph(event: Event) -> int | None:
    return None


def merge_events(events: list[Event], paragraph: Callable[[Event], int | None] = _no_paragraph) -> list[Event]:
    """One event per real event, in order of first mention; the most confident mention leads. `paragraph`
    tells the paragraph of an event's sentence (None when unknown: then no merge across sentences by it)."""
    merged: list[Event] = []
    for event in sorted(events, key=lambda e: -e.confidence):
        home = next((m for m in merged if same_event(m, event) or _statement_beside_its_act(m, event, paragraph)),
                    None)
        if home is None:
            merged.append(event)
        else:
            absorb(home, event)
    return sorted(merged, key=lambda e: (e.span[0], e.trigger_span or (0, 0)))
