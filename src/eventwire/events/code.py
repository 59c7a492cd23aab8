"""Event coding of a sentence: detect triggers, resolve their actors, decide their status, attribute reported
speech; and the within-document merge."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from spacy.tokens import Span, Token

from ..actors import ActorResolver, DocumentMemory
from ..doctext import doc_text
from ..model import Actor, Article, Event, Mention
from ..nlp import Unit
from ..settings import Settings
from ..when_where.places import dateline_length, dateline_place
from .arguments import distinct_target, names_each_other, reciprocal_sides
from .codes import STATEMENT_CODE, VIOLENT_ROOTS, set_code
from .detect import Candidate, actor_like, detect, names_doer
from .discourse import carry_attackers, carry_targets
from .evaluation import OPEN_QUOTES, with_evaluations
from .frames import argument_span, child, verb_subject
from .lexicon import Lexicon, lexicon
from .merge import merge_events
from .speech import according_to, reporting_verb, speaker_token, speech_content_root, speech_verbs, warning_verb
from .speech_acts import ACCUSATION_CODE, accusation_by, announced_code, speaker_pronoun, speakers_side
from .status import condition_clause, conditional_promise, denied_by_argument, event_status, inside_condition

CLAIM_CODE = "015"  # claim responsibility
NEWS_SECTOR = "JRN"
THREATEN_ROOT = "13"
REFUSE_ROOT = "12"
POSTURE_CODE = "154"  # forces readied for an attack: CAMEO's mobilisation, a force posture shown now
DEMAND_CODE = "100"  # "vowed to retaliate" stays a threat; the retaliation is only planned


BORROWING_SECTORS = ("MIL", "COP")


def borrow_country(side: list[Actor], main: list[Actor]) -> list[Actor]:
    """Forces named without a country ("100,000 troops gathered on the border") belong to the country the
    sentence is about when it names exactly one."""
    countries = {a.country for a in main if a.country and not a.org}
    if len(countries) != 1 or not side:
        return side
    country = next(iter(countries))
    return [replace(a, country=country) if not (a.country or a.org) and a.sector in BORROWING_SECTORS else a
            for a in side]


HOME_SECTORS = ("COP", "JUD", "OPP", "PTY", "LEG", "CVL", "BUS", "LAB", "EDU", "MED")


def home_country(side: list[Actor], home: str | None) -> list[Actor]:
    """Police, courts, the opposition and crowds named without a country ("Police fired tear gas", "Opposition
    leader Kalonzo Musyoka") are those of the place the report is filed from ("NAIROBI, June 18 (AP) -")."""
    if not home or not side:
        return side
    return [replace(a, country=home) if not (a.country or a.org) and a.sector in HOME_SECTORS else a for a in side]


AUTHORITY_SECTORS = ("COP", "JUD", "GOV")  # police, courts, government: they act on their own people
REPRESSION_CODES = ("115", "116", "17", "18")  # sue, convict and sentence, arrest and jail, execute
FOREIGN_SECTORS = ("MIL", "REB", "INS", "IGO", "NGO", "SPY")  # armed or outside bodies keep no borrowed country


def domestic_victims(source: list[Actor], target: list[Actor], cameo: str) -> list[Actor]:
    """Those a country's police, courts or government arrest, jail, sentence or execute, named without a
    country ("Iranian authorities executed a man", "a court in Cairo jailed a blogger"), are its own people.
    Not for soldiers: "Russian forces killed civilians" does not make the civilians Russian."""
    if not cameo.startswith(REPRESSION_CODES) or not source or not target:
        return target
    countries = {a.country for a in source if a.country}
    if len(countries) != 1 or any(a.sector not in AUTHORITY_SECTORS or a.org for a in source):
        return target
    country = next(iter(countries))
    return [replace(a, country=country) if not (a.country or a.org) and a.sector not in FOREIGN_SECTORS else a
            for a in target]


OBJECT_PRONOUNS = {"it": "singular", "them": "plural"}


COERCIVE_ROOTS = ("16", "17")  # "vowed to expel the militia", "swore to expel the envoy": vowed, a threat (13x)
AIMED_CODES = ("160", "161", "162", "163")  # cuts of ties, aid and trade: always aimed at a state or body
# (not halting talks or mediation, 164-166, whose other named party is as often the host)
AIMING_PREPOSITIONS = ("to", "on", "against")  # "cut aid to X", "sanctions on X"; not "talks with X", "by X"
PARTY_LABELS = ("GPE", "NORP", "ORG")


class SentenceActors:
    """Resolves argument phrases of one sentence to actors, once per phrase."""

    def __init__(self, resolver: ActorResolver, memory: DocumentMemory, offset: int, lex: Lexicon):
        self.resolver, self.memory, self.offset, self.lex = resolver, memory, offset, lex
        self.cache: dict[tuple[int, int], list[Actor]] = {}

    def main_subject(self, sent: Span) -> list[Actor]:
        """The actors of the subject of the sentence's main verb."""
        subject = verb_subject(sent.root, self.lex) if sent.root.pos_ in ("VERB", "AUX") else None
        return self.of(subject)

    def of(self, arg: Token | Span | None, speaker: list[Actor] | None = None) -> list[Actor]:
        if arg is None:
            return []
        if isinstance(arg, Token):
            if speaker and self.lex.pronoun("first_person", arg):
                return list(speaker)  # "we" and "I" in a quote are the speaker
            if speaker and self.lex.pronoun("third_person", arg):
                # "Iran said it would release ...": an unresolved pronoun in a report is the speaker
                return self._resolve(argument_span(arg)) or list(speaker)
            arg = argument_span(arg)
        return self._resolve(arg)

    def antecedent(self, pronoun: Token, source: list[Actor]) -> list[Actor]:
        """"Turkey, a sponsor of the council, had been urging it to attend", "backed the militia for years but
        now accuses it of abuses": an object pronoun the resolver leaves alone (it is more often a thing)
        stands, as the other side of an event, for the party named last before it in its own sentence, other
        than the doer. "It" takes a singular name, "them" a plural one."""
        number = OBJECT_PRONOUNS.get(pronoun.lower_)
        if number is None or pronoun.dep_ not in ("dobj", "dative", "pobj"):
            return []
        doers = {a.code for a in source}
        for token in reversed(pronoun.sent[:pronoun.i - pronoun.sent.start]):
            if token.pos_ not in ("PROPN", "NOUN") or token.dep_ in ("compound", "poss") \
                    or ("Plur" in token.morph.get("Number")) != (number == "plural"):
                continue
            found = [a for a in self.of(token) if a.is_known() and a.code not in doers]
            if found:
                return found
        return []

    def author_of_said(self, noun: Token, source: list[Actor]) -> list[Actor]:
        """"The White House declared victory, but the claim was disputed by the Kurds", "the UN announced that its
        envoy would attend, a decision hailed by Moscow": a said thing named again with no owner of its own is
        the word of whoever said or decided it earlier in the sentence, other than the doer."""
        if not self.lex.has("said_thing_noun", self.lex.lemma(noun)) or any(
                c.dep_ == "poss" or (c.dep_ == "prep" and c.lower_ in ("of", "by")) for c in noun.children):
            return []
        speech = speech_verbs(noun.sent, self.lex)
        doers = {a.code for a in source}
        for token in reversed(noun.sent[:noun.i - noun.sent.start]):
            if token.i in speech or self.lex.has("deciding_verb", self.lex.lemma(token)):
                found = [a for a in self.of(verb_subject(token, self.lex)) if a.is_known() and a.code not in doers]
                if found:
                    return found
        return []

    def only_other_party(self, sent: Span, sides: list[Actor]) -> list[Actor]:
        """The one state or body the sentence names besides `sides`, not as the object of a preposition other
        than to/on/against ("in Brussels", "in solidarity with Ukraine"): what sanctions told with no target
        are aimed at ("Accusing Moscow of meddling, the British government announced new sanctions"). Nothing
        when it names none or several."""
        taken = {a.org or a.country for a in sides}
        found: dict[str, Actor] = {}
        names = [ent for ent in sent.ents if ent.label_ in PARTY_LABELS] + [
            sent.doc[t.i:t.i + 1] for t in sent if t.pos_ == "PROPN" and not t.ent_type_]  # names NER missed
        for name in names:
            if name.root.dep_ == "pobj" and name.root.head.lower_ not in AIMING_PREPOSITIONS:
                continue  # "in Brussels", "in solidarity with Ukraine", "after talks with Biden", "hosted by Qatar"
            if name.root.dep_ in ("amod", "compound"):
                continue  # "Greek sprinters suspended": a modifier tells whose the sprinters are, no party
            for actor in self.of(name):
                key = actor.org or actor.country
                if key and key not in taken:
                    found.setdefault(key, actor)
        return list(found.values()) if len(found) == 1 else []

    def _resolve(self, arg: Span) -> list[Actor]:
        key = (arg.start, arg.end)
        if key not in self.cache:
            self.cache[key] = list(self.resolver.resolve_span(arg, self.memory, self.offset))
        return self.cache[key]


def has_demand_modal(verb: Token, lex: Lexicon) -> bool:
    """The clause says what must or should be done: "X must withdraw", "talks must resume"."""
    head = verb if verb.pos_ in ("VERB", "AUX") else verb.head
    return any(c.dep_ == "aux" and lex.has("demand_modal", c.lower_) for c in head.children)


def intent_governor(trigger: Token, lex: Lexicon) -> Token | None:
    """The verb of intention whose infinitive the trigger is: "wants to join", "has agreed to lift"."""
    if trigger.dep_ == "xcomp" and lex.has("intent_governor", lex.lemma(trigger.head)):
        return trigger.head
    if trigger.dep_ == "dobj" and lex.has("intent_governor", lex.lemma(trigger.head)) \
            and lex.lemma(trigger.head) in lex.roles.get("light_verb", frozenset()):
        return trigger.head  # "offered talks", "plans a visit"
    return None


def posture_governor(trigger: Token, lex: Lexicon) -> Token | None:
    """The word of readiness whose infinitive the trigger is: "troops are poised to storm the town", "finished
    preparations to enter Syria"."""
    if trigger.dep_ not in ("xcomp", "acl"):
        return None
    if lex.has("posture_governor", lex.lemma(trigger.head)) or lex.has("posture_governor", trigger.head.lower_):
        return trigger.head
    readiness = child(trigger.head, "dobj") if trigger.dep_ == "xcomp" else None
    if readiness is not None and lex.has("posture_governor", lex.lemma(readiness)):
        return readiness  # the parser hangs the infinitive on the verb: "completed preparations | to cross"
    return None


def denied_report(trigger: Token, lex: Lexicon) -> bool:
    """"Ahmed denied the Kurds were discussing an alliance", "rejected the suggestion that Europe would follow
    the US in recognising ...": a denied report is no refusal by its doers."""
    token = trigger
    while token.head.i != token.i:
        head = token.head
        if token.dep_ == "ccomp" and lex.has("negating_governor", lex.lemma(head)):
            return True
        if token.dep_ in ("acl", "ccomp") and lex.has("content_noun", lex.lemma(head)) \
                and lex.has("negating_governor", lex.lemma(head.head)):
            return True
        token = head
    return False


def told_stop(cand: Candidate, lex: Lexicon) -> frozenset[int]:
    """Where the climb for a named deed's status stops: at the verbal act it is named in ("condemned the raid":
    the raid happened), unless that act is an attitude towards what may come ("warned of a war")."""
    act = cand.told_by
    if act is None or lex.has("hypothetical_governor", lex.lemma(act)):
        return frozenset()
    return frozenset({act.i})


def refused_by_someone(trigger: Token, lex: Lexicon) -> bool:
    """A negated act is a refusal (12x) only where someone did not do it of their will: "Turkey would not attend
    the talks", "refused to meet"; not "there were no talks", "had no talks", "was not invited", "no country
    has ratified" or "left without signing"."""
    if any(c.dep_ == "det" and lex.has("negation", c.lower_) for c in trigger.children) \
            or denied_by_argument(trigger, lex):
        return False  # "no country has ratified", "left without signing": nobody refused
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubjpass", "auxpass", "expl") for c in verb.children):
        return False
    return verb_subject(verb, lex) is not None


def appeal_governor(trigger: Token, lex: Lexicon) -> Token | None:
    """The verb of wanting or commanding whose complement tells what another actor should do: "wants Putin to
    attack" (the parser's ccomp with its own subject), "would like Moscow to withdraw", "told Somalia to withdraw"
    (object and infinitive), also through a verb of stopping or starting ("told X to stop deporting")."""
    head = trigger.head
    if trigger.dep_ == "xcomp" and head.dep_ == "xcomp" and lex.has("aspectual_verb", lex.lemma(head)):
        trigger, head = head, head.head
    if head.i == trigger.i or not is_appeal_verb(head, lex):
        return None
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in trigger.children)
    if trigger.dep_ == "ccomp" and infinitive and child(trigger, "nsubj") is not None:
        return head
    if trigger.dep_ == "xcomp" and child(head, "dobj") is not None:
        return head
    return None


SPEAKER_POS = ("NOUN", "PROPN", "PRON")


def is_appeal_verb(verb: Token, lex: Lexicon) -> bool:
    lemma = lex.lemma(verb)
    return lex.has("appeal_governor", lemma) or lex.has("command_governor", lemma)


def inside_quote(sent: Span) -> bool:
    """Whether the sentence is quoted speech: it opens with a quotation mark, or one is still open."""
    before = doc_text(sent.doc)[:sent.start_char]
    opened = before.count('"') % 2 == 1 or before.count("\u201c") > before.count("\u201d")
    return opened or sent.text.lstrip()[:1] in OPEN_QUOTES


def in_dateline(arg: Token | Span | None, filed: int) -> bool:
    """Whether an argument lies in the paragraph's dateline ("NAIROBI, June 18 (AP) -"), which parsers often
    make the subject of the lead's verb."""
    return arg is not None and (arg.idx if isinstance(arg, Token) else arg.start_char) < filed


def skip_dateline(cand: Candidate, filed: int) -> None:
    """Move an argument out of the dateline: to the phrase the parser hung on the dateline's place
    ("YEREVAN, March 12 (Reuters) - Four soldiers ... were killed"), to the verb's other subject ("NAIROBI -
    Modi arrived"), or to nobody."""
    if not filed:
        return
    cand.source = _out_of_dateline(cand.source, filed, cand.trigger)
    cand.target = _out_of_dateline(cand.target, filed, cand.trigger)
    cand.more_targets = [t for t in cand.more_targets if not in_dateline(t, filed)]


def _out_of_dateline(arg: Token | Span | None, filed: int, trigger: Token) -> Token | Span | None:
    if not in_dateline(arg, filed):
        return arg
    token = arg if isinstance(arg, Token) else arg.root
    apposed = next((c for c in token.children if c.dep_ == "appos" and c.idx >= filed), None)
    if apposed is not None:
        return apposed
    return next((c for c in token.head.children if c.dep_ == token.dep_ and c.idx >= filed and c.i != trigger.i
                 and c.i != token.i), None)


def self_told(cand: Candidate, lex: Lexicon) -> bool:
    """The speaker tells of its own deed: the doer is a pronoun ("said it would", "said we will")."""
    subject = cand.source
    return isinstance(subject, Token) and (lex.pronoun("third_person", subject)
                                           or lex.pronoun("first_person", subject))


def quoted_command(content: Token, lex: Lexicon) -> bool:
    """A quoted imperative ("Stop the bombing", "Don't interfere in our affairs"): the bare verb opens the quote
    with no subject of its own; what the speaker orders is a demand (100) on whoever it is told to ("Thank
    you", "Believe me" order nothing: `courtesy_verb`)."""
    if content.tag_ != "VB" or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "mark") for c in content.children) \
            or lex.has("courtesy_verb", lex.lemma(content)):
        return False
    auxes = [c for c in content.children if c.dep_ == "aux"]
    if any(a.lower_ not in ("do", "don't") for a in auxes):
        return False  # "will win", "to win": no command
    first = min([content, *auxes], key=lambda t: t.i)
    before = first.doc[first.sent.start:first.i]
    return all(t.is_punct or t.is_quote for t in before) and any(t.is_quote for t in before)


def drop_actorless(events: list[Event]) -> list[Event]:
    """Where a sentence gives actors for some of its events, an event with none is a fragment of them."""
    if any(e.source or e.target for e in events):
        return [e for e in events if e.source or e.target]
    return events


def reported_act_doer(cand: Candidate, speech: dict[int, Token], lex: Lexicon, actors: SentenceActors) -> None:
    """"The army shelled the village, Al Jazeera reported, killing three", "..., reports the BBC, giving the Front
    72 hours": a participle hung on the reporting verb goes on with the reported act, so its doer is that act's
    subject; the reporter (a news outlet) is only the attribution. A speaker who is a party acts in the
    participle himself ("..., he said, blasting the US")."""
    verb = cand.trigger
    if cand.pattern.pos != "verb" or verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.head.i not in speech:
        return
    teller = actors.of(speaker_token(verb.head, lex))
    if teller and not any(a.sector == NEWS_SECTOR for a in teller):
        return
    if cand.source is not None and not (isinstance(cand.source, Token) and cand.source.head.i == verb.head.i):
        return  # a doer of its own
    content = speech_content_root(verb.head, speech)
    if content is None or not content.i < verb.head.i < verb.i:
        return  # only "<act>, <reporter> said, <participle>"; "Appealing for funds, Guterres said" is his own
    doer = verb_subject(content, lex)
    if doer is not None:
        cand.source = doer


def published_year(article: Article) -> int | None:
    try:
        return int((article.published or "")[:4])
    except ValueError:
        return None


class EventCoder:
    def __init__(self, resolver: ActorResolver, settings: Settings | None = None):
        self.resolver = resolver
        self.settings = settings or Settings.from_env()
        self.lex = lexicon()
        self._counter: tuple[int, int] = (0, 0)  # (id of the document memory, sentences seen)
        self._paragraphs: list[tuple[str, int, int, int]] = []  # (part, start, end, index) of the document's units

    def _sentence_index(self, memory: DocumentMemory) -> int:
        key, seen = self._counter
        seen = seen + 1 if key == id(memory) else 0
        self._counter = (id(memory), seen)
        return seen

    def code_sentence(self, sent: Span, unit: Unit, article: Article, memory: DocumentMemory) -> list[Event]:
        """The events one sentence reports, with actors, CAMEO/PLOVER codes and status."""
        index = self._sentence_index(memory)
        self._note_paragraph(unit, index)
        candidates = with_evaluations(detect(sent, self.lex), sent, self.lex)
        if not candidates:
            return []
        filed = dateline_length(unit.text) if sent.start == 0 and unit.kind == "body" else 0
        for cand in candidates:
            skip_dateline(cand, filed)
        actors = SentenceActors(self.resolver, memory, unit.start, self.lex)
        speech = speech_verbs(sent, self.lex)
        # the climb for status stops at a speech verb, unless the verb is itself an attitude ("hoped that")
        stop = frozenset(i for i, verb in speech.items()
                         if not self.lex.has("hypothetical_governor", self.lex.lemma(verb)))
        year = published_year(article)
        according = according_to(sent)
        reported: Counter[int] = Counter()
        coded: dict[int, tuple[Candidate, Event, bool]] = {}
        superseded: set[int] = set()
        accusations: list[Event] = []
        for cand in candidates:
            if cand.pattern.speech:
                outer = reporting_verb(cand.trigger, speech)
                if outer is not None:
                    reported[outer.i] += 1  # "X said it hoped ...": X reported something
                continue
            reporter = reporting_verb(cand.trigger, speech) if not cand.background else None
            if reporter is not None:
                speaker = actors.of(speaker_token(reporter, self.lex))
            else:
                speaker = actors.of(according) or self._quote_speaker(sent, speech, memory, unit)
            if reporter is not None:
                reported[reporter.i] += 1
            reported_act_doer(cand, speech, self.lex, actors)
            status = "background" if cand.background else event_status(
                cand.trigger, self.lex, year, stop | told_stop(cand, self.lex),
                conditional_ok=cand.pattern.cameo[:2] == THREATEN_ROOT)
            event = self._event(cand, sent, unit, article, actors, speaker, status)
            if cand.by_quote_speaker:  # '"They do not care about civilians."': the quote's speaker judges, now
                event.source, event.status = self._judging_quote_speaker(sent, memory, unit), "occurred"
                event.target = distinct_target(event.source, event.target)
                if not (event.source and event.target):
                    continue  # no one named says it, or the speaker's own side: no judgement of another
            event.sentence_index = index
            wanter = appeal_governor(cand.trigger, self.lex)
            if wanter is not None:
                self._appeal(event, wanter, actors, year, stop)
            announcer = reporter or warning_verb(cand.trigger, speech, self.lex)
            if announcer is not None and not cand.background:
                voice = speaker if reporter is not None else actors.of(speaker_token(announcer, self.lex))
                if self._announced(cand, event, announcer, voice, year, actors):
                    superseded.add(announcer.i)  # "warned that its army would retake": the warning is the threat
            if reporter is not None and speaker:
                if event.status == "hypothetical" and self_told(cand, self.lex) \
                        and conditional_promise(cand.trigger, self.lex):
                    event.status = "planned"  # "said it would send troops if asked": a conditional offer
                    offer = self.lex.offer_code(event.cameo)
                    if offer and not (self.lex.intent_code(event.cameo) or self.lex.threat_code(event.cameo)):
                        set_code(event, offer)
                        event.status = "occurred"
                self._own_deed(cand, event, speaker, self.lex.has("claim_verb", self.lex.lemma(reporter)))
                self._demand(cand, event, speaker)
            coded[cand.trigger.i] = (cand, event, reporter is not None)
            if reporter is not None and accusation_by(speaker, event.status, event.cameo, cand.source, event.source,
                                                      self.lex):
                accusations.append(self._accusation(event, reporter, speaker, unit, year))
        events = drop_actorless(self._apply_intents({i: c for i, c in coded.items() if i not in superseded}, year,
                                                    stop)) + accusations
        for cand in candidates:
            if cand.pattern.speech and not reported[cand.trigger.i] and self._is_statement(cand) \
                    and not self._quoted_first_person(cand, sent):
                outer = reporting_verb(cand.trigger, speech)  # "Sweden said they hoped": "they" is Sweden
                speaker = actors.of(speaker_token(outer, self.lex)) if outer is not None else None
                event = self._event(cand, sent, unit, article, actors, speaker or None,
                                    event_status(cand.trigger, self.lex, year, frozenset()))
                event.confidence = self.settings.statement_confidence
                content = speech_content_root(cand.trigger)
                if content is not None and has_demand_modal(content, self.lex) \
                        and not self.lex.has("stative_verb", content.lemma_) \
                        and (content.lemma_ != "be" or names_doer(verb_subject(content, self.lex), self.lex)):
                    set_code(event, DEMAND_CODE)  # "said the oppression must end"
                    event.target = actors.of(verb_subject(content, self.lex))
                elif content is not None and quoted_command(content, self.lex):
                    set_code(event, DEMAND_CODE)  # '"Stop the bombing," the president told Uganda'
                event.sentence_index = index
                events.append(event)
        return events

    def _accusation(self, deed: Event, reporter: Token, speaker: list[Actor], unit: Unit, year: int | None) -> Event:
        """"Israel said a mortar was fired at it from Gaza": the teller's accusation (112) against the doer, told
        by the reporting verb, beside the deed itself."""
        start = unit.start + reporter.idx
        trigger_span = (start, start + len(reporter))
        event = replace(deed, trigger=reporter.text, trigger_span=trigger_span, source=list(speaker),
                        target=list(deed.source), attribution=None, reciprocal=False, location=None,
                        dead=None, injured=None, size=None, event_id="",
                        status=event_status(reporter, self.lex, year, frozenset()))
        set_code(event, ACCUSATION_CODE)
        event.confidence = min(deed.confidence, 0.5)
        event.mentions = [replace(m, trigger=reporter.text, trigger_span=trigger_span) for m in deed.mentions]
        return event

    def _announced(self, cand: Candidate, event: Event, announcer: Token, speaker: list[Actor],
                   year: int | None, actors: SentenceActors) -> bool:
        """"Said Turkish troops would strike the militants", "warned that its army would retake the region": the
        speaker's own side's future act is announced now, a threat (13x) or an intent (03x); another's future
        violence told by the speaker is only predicted. True when the announcement became the event."""
        own = event_status(cand.trigger, self.lex, year, frozenset({announcer.i}))
        if not (own == "planned" or (own == "hypothetical" and conditional_promise(cand.trigger, self.lex))):
            return False  # "said it would retaliate if attacked" is a threat all the same
        code = announced_code(event.cameo, self.lex)
        if code is None:
            return False
        if not speakers_side(cand.source, event.source, speaker, self.lex):
            if self.lex.threat_code(event.cameo):
                event.status = "hypothetical"  # "Russia said Ukraine would attack": a claim, not an attack
            return False
        set_code(event, code)
        event.status = event_status(announcer, self.lex, year, frozenset())
        if speaker and (speaker_pronoun(cand.source, self.lex) or not event.source):
            event.source = list(speaker)
        party = self._condition_party(cand.trigger, actors, event.source)
        if party:  # "an assault on the town would begin unless the militants leave": aimed at the militants
            event.target = party
        return True

    def _condition_party(self, trigger: Token, actors: SentenceActors, doer: list[Actor]) -> list[Actor]:
        """The party an if/unless clause puts a condition to (its subject), other than the doer: the one a
        conditional announcement or warning is aimed at."""
        condition = condition_clause(trigger, self.lex)
        subject = verb_subject(condition, self.lex) if condition is not None else None
        own = {a.code for a in doer}
        return [a for a in actors.of(subject) if a.code not in own] if subject is not None else []

    def _appeal(self, event: Event, wanter: Token, actors: SentenceActors, year: int | None,
                stop: frozenset[int]) -> None:
        """"Obama wants Putin to withdraw": the wanter appeals (02x) to the doer, as the wanting stands; "told Somalia
        to withdraw" demands it (10x)."""
        source = actors.of(verb_subject(wanter, self.lex))
        if not source:
            return
        command = self.lex.has("command_governor", self.lex.lemma(wanter))
        set_code(event, self.lex.demand_code(event.cameo) if command else self.lex.appeal_code(event.cameo))
        event.source, event.target = source, [a for a in event.source if a.code not in {s.code for s in source}]
        status = event_status(wanter, self.lex, year, stop)
        event.status = "occurred" if status == "planned" else status  # "would like": a wish told now

    def _demand(self, cand: Candidate, event: Event, speaker: list[Actor]) -> None:
        """"Russia says Israel must end its attacks", '"Release our fishermen," the navy said': what one actor says
        another must do is a demand (100)."""
        if not (has_demand_modal(cand.trigger, self.lex) or quoted_command(cand.trigger, self.lex)):
            return
        doer = event.source
        set_code(event, self.lex.demand_code(event.cameo))
        event.status = "occurred"
        event.source, event.target = list(speaker), [a for a in doer if a.code not in {s.code for s in speaker}]

    def _own_deed(self, cand: Candidate, event: Event, speaker: list[Actor], claimed: bool) -> None:
        """"The group claimed it carried out the attack" claims responsibility (015): violence the speakers tell
        of themselves, by pronoun, under a verb of claiming."""
        if not claimed or event.status != "occurred" or self.lex.threat_code(event.cameo) is None \
                or not speaker_pronoun(cand.source, self.lex):
            return
        set_code(event, CLAIM_CODE)
        event.source = list(speaker)

    def _quote_speaker(self, sent: Span, speech: dict[int, Token], memory: DocumentMemory, unit: Unit) -> list[Actor]:
        """The speaker of a quote that runs over several sentences: the first "X said" later in the paragraph."""
        if speech or not inside_quote(sent):
            return []
        for later in unit.doc.sents:
            if later.start > sent.start and (found := self._named_speaker(later)) is not None:
                return SentenceActors(self.resolver, memory, unit.start, self.lex).of(found)
        return []

    def _judging_quote_speaker(self, sent: Span, memory: DocumentMemory, unit: Unit) -> list[Actor]:
        """Who judges in a quote with no speech verb: the one named in the quoted sentence just before ('"...,"
        Kalin said. "We know ..."'), else the "X said" that closes a quote running on from it. Stricter than
        `_quote_speaker`: a judgement is only coded with the speaker a reader would name."""
        sents = list(unit.doc.sents)
        k = next((i for i, other in enumerate(sents) if other.start == sent.start), None)
        if k is None:
            return []
        found = self._named_speaker(sents[k - 1]) if k > 0 and self._quoted(sents[k - 1]) else None
        for later in sents[k + 1:] if found is None else ():
            found = self._named_speaker(later)
            if found is not None or not inside_quote(later):
                break  # the quote closed with no speaker named
        return SentenceActors(self.resolver, memory, unit.start, self.lex).of(found) if found is not None else []

    def _named_speaker(self, sent: Span) -> Token | None:
        return next((s for verb in speech_verbs(sent, self.lex).values()
                     if (s := speaker_token(verb, self.lex)) is not None), None)

    @staticmethod
    def _quoted(sent: Span) -> bool:
        return any(t.is_quote for t in sent)

    def _apply_intents(self, coded: dict[int, tuple[Candidate, Event, bool]], year: int | None,
                       stop: frozenset[int]) -> list[Event]:
        """Acts told as intentions or refusals become the intention or refusal, in place of both verbs:
        "wants to help" is an intent to aid (033), "pledged to meet" an intent to meet (036), "announced it
        would free" an intent to release (0353), "would not provide support" a refusal (122), "vowed to
        attack" a threat (138), "vowed to expel" too (137). A hostile act under a promise ("pledged to expel")
        stays the planned act; one that forces stand ready for ("poised to storm") is their force posture
        (154), shown now."""
        dropped: set[int] = set()
        for cand, event, _reported in coded.values():
            refusal = self.lex.refusal_code(event.cameo)
            if event.status == "negated" and refusal and not denied_report(cand.trigger, self.lex) \
                    and refused_by_someone(cand.trigger, self.lex) and not inside_condition(cand.trigger, self.lex):
                set_code(event, refusal)
                event.status = "occurred"
                refuser = cand.trigger.head if cand.trigger.dep_ == "xcomp" else None
                if refuser is not None and refuser.i in coded and coded[refuser.i][1].cameo_root == REFUSE_ROOT:
                    dropped.add(refuser.i)  # "refused to surrender" is one refusal, told by the refused act
                continue
            readiness = posture_governor(cand.trigger, self.lex)
            if readiness is not None and event.cameo[:2] in VIOLENT_ROOTS:
                set_code(event, POSTURE_CODE)  # the attack has not come; forces readied for it are shown now
                event.status = event_status(readiness, self.lex, year, stop)
                continue
            governor = intent_governor(cand.trigger, self.lex)
            intent = self.lex.intent_code(event.cameo)
            threat = self.lex.threat_code(event.cameo)
            if governor is not None and intent is None and self.lex.has("offer_governor", self.lex.lemma(governor)):
                intent = self.lex.offer_code(event.cameo)
            if governor is not None:
                vow = self.lex.has("threat_governor", self.lex.lemma(governor)) and (
                    event.cameo[:2] in VIOLENT_ROOTS or (event.cameo[:2] in COERCIVE_ROOTS
                                                         and self.lex.has("coercion_vow", self.lex.lemma(governor))))
                new_code = intent or (threat if vow else None)
                if governor.i in coded and (new_code or coded[governor.i][1].cameo_root != THREATEN_ROOT):
                    dropped.add(governor.i)
                if new_code is not None:
                    set_code(event, new_code)
                    event.status = event_status(governor, self.lex, year, stop, conditional_ok=True)  # "willing to
                    # withdraw if asked": a conditional intent is made all the same
        return [event for i, (_, event, _) in coded.items() if i not in dropped]

    def _quoted_first_person(self, cand: Candidate, sent: Span) -> bool:
        """"I just hope they can cope", "I have to say ...": first-person speech is always inside a quote, the
        quoted speaker's own words, part of the statement already told, not another one."""
        speaker = cand.source
        return isinstance(speaker, Token) and self.lex.pronoun("first_person", speaker)

    def _is_statement(self, cand: Candidate) -> bool:
        """A speech verb with nothing codable reported is a statement event (when the setting allows); not a
        gerund under a preposition ("is about saying that ..."), which names a kind of talk, not a report, nor
        a verb with no speaker at all."""
        speaker = cand.source
        if cand.trigger.dep_ in ("pcomp", "pobj") or speaker is None \
                or (isinstance(speaker, Token) and speaker.pos_ not in SPEAKER_POS):
            return False  # nobody is said to speak: "central to that is claiming ..."
        if isinstance(speaker, Token) and self.lex.has("evidence_verb", self.lex.lemma(cand.trigger)) \
                and not actor_like(speaker, self.lex):
            return False  # "the events of the past days suggest ...": things show, only actors state
        if cand.pattern.cameo != STATEMENT_CODE and child(cand.trigger, "xcomp") is not None:
            return True  # "said they hoped to ...": a hope or a prediction is told by its own verb
        return self.settings.statement_events and speech_content_root(cand.trigger) is not None

    def _event(self, cand: Candidate, sent: Span, unit: Unit, article: Article, actors: SentenceActors,
               speaker: list[Actor] | None, status: str) -> Event:
        source = actors.of(cand.source, speaker)
        target = actors.of(cand.target, speaker)
        if not target and isinstance(cand.target, Token):
            target = actors.author_of_said(cand.target, source)
        for option in cand.more_targets:
            if target:
                break
            target = actors.of(option, speaker)
        if not target and isinstance(cand.target, Token):
            target = actors.antecedent(cand.target, source)
        if cand.pair and not (source and target):
            both = [a for part in cand.pair for a in actors.of(part)]
            if source:
                target = both
            else:  # "talks between A, B and C": the parties, as when they are the subject
                source, target = (both[:1], target) if target else reciprocal_sides(both)
        each_other = not target and len(source) >= 2 and names_each_other(cand.target, self.lex)
        mutual = cand.pattern.reciprocal or each_other
        if cand.pattern.reciprocal and not target and len(source) >= 2:
            source, target = reciprocal_sides(source)
        elif each_other:  # "A and B accused each other": each did it to the other, both on both sides
            target = list(source)
        source = borrow_country(source, actors.main_subject(sent))
        home = dateline_place(article.text)
        if home is not None:
            source = home_country(source, home.country)
            if any(a.country == home.country for a in source):  # local police at local crowds, not war dead
                target = home_country(target, home.country)
        target = domestic_victims(source, target, cand.pattern.cameo)
        if not target and source and cand.pattern.cameo.startswith(AIMED_CODES):
            target = actors.only_other_party(sent, source + list(speaker or []))
        target = target if each_other else distinct_target(source, target)
        tokens = cand.trigger_tokens
        start = unit.start + sent.start_char
        trigger_span = (unit.start + tokens[0].idx, unit.start + tokens[-1].idx + len(tokens[-1]))
        trigger = doc_text(sent.doc)[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]
        event = Event(doc_id=article.id, text=sent.text, span=(start, unit.start + sent.end_char), trigger=trigger,
                      cameo=cand.pattern.cameo, source=source, target=target, status=status,
                      confidence=cand.confidence + 0.1 * bool(source) + 0.1 * bool(target),
                      attribution=speaker[0] if speaker else None, reciprocal=mutual,
                      trigger_span=trigger_span)
        set_code(event, cand.pattern.cameo)
        event.mentions = [Mention(article.id, sent.text, event.span, trigger, trigger_span, unit.part)]
        return event

    def _note_paragraph(self, unit: Unit, index: int) -> None:
        """Remember the document's paragraphs, so a merge can tell two sentences of one paragraph."""
        if index == 0:
            self._paragraphs = []
        where = (unit.part, unit.start, unit.start + len(unit.text), unit.index)
        if not self._paragraphs or self._paragraphs[-1] != where:
            self._paragraphs.append(where)

    def _paragraph_of(self, event: Event) -> int | None:
        part = event.mentions[0].part if event.mentions else "text"
        return next((i for p, start, end, i in self._paragraphs
                     if p == part and start <= event.span[0] < end), None)

    def merge_document(self, events: list[Event]) -> list[Event]:
        """One event per real event in the document, carrying all its mentions."""
        merged = carry_attackers(carry_targets(merge_events(events, self._paragraph_of)))
        self._paragraphs = []  # the next document's sentences note their own
        return merged
