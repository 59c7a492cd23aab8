"""Event coding of a sentence: detect triggers, resolve their actors, decide their status, attribute reported
speech; and the within-document merge."""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Span, Token

from ..actors import ActorResolver, DocumentMemory
from ..model import Actor, Article, Event, Mention
from ..nlp import Unit
from ..settings import Settings
from .codes import set_code
from .detect import Candidate, detect
from .frames import argument_span
from .lexicon import Lexicon, lexicon
from .merge import merge_events
from .speech import according_to, reporting_verb, speaker_token, speech_content_root, speech_verbs
from .status import event_status

STATEMENT_CODE = "010"
THREATEN_ROOT = "13"  # "vowed to retaliate" stays a threat; the retaliation is only planned


class SentenceActors:
    """Resolves argument phrases of one sentence to actors, once per phrase."""

    def __init__(self, resolver: ActorResolver, memory: DocumentMemory, offset: int, lex: Lexicon):
        self.resolver, self.memory, self.offset, self.lex = resolver, memory, offset, lex
        self.cache: dict[tuple[int, int], list[Actor]] = {}

    def of(self, arg: Token | Span | None, speaker: list[Actor] | None = None) -> list[Actor]:
        if arg is None:
            return []
        if isinstance(arg, Token):
            if speaker and self.lex.has("first_person", arg.lower_):
                return list(speaker)  # "we" and "I" in a quote are the speaker
            arg = argument_span(arg)
        key = (arg.start, arg.end)
        if key not in self.cache:
            self.cache[key] = list(self.resolver.resolve_span(arg, self.memory, self.offset))
        return self.cache[key]


def intent_governor(trigger: Token, lex: Lexicon) -> Token | None:
    """The verb of intention whose infinitive the trigger is: "wants to join", "has agreed to lift"."""
    if trigger.dep_ == "xcomp" and lex.has("intent_governor", trigger.head.lemma_.lower()):
        return trigger.head
    if trigger.dep_ == "dobj" and lex.has("intent_governor", trigger.head.lemma_.lower()) \
            and trigger.head.lemma_.lower() in lex.roles.get("light_verb", frozenset()):
        return trigger.head  # "offered talks", "plans a visit"
    return None


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

    def _sentence_index(self, memory: DocumentMemory) -> int:
        key, seen = self._counter
        seen = seen + 1 if key == id(memory) else 0
        self._counter = (id(memory), seen)
        return seen

    def code_sentence(self, sent: Span, unit: Unit, article: Article, memory: DocumentMemory) -> list[Event]:
        """The events one sentence reports, with actors, CAMEO/PLOVER codes and status."""
        index = self._sentence_index(memory)
        candidates = detect(sent, self.lex)
        if not candidates:
            return []
        actors = SentenceActors(self.resolver, memory, unit.start, self.lex)
        speech = speech_verbs(sent, self.lex)
        stop = frozenset(speech)
        year = published_year(article)
        according = according_to(sent)
        reported: Counter[int] = Counter()
        coded: dict[int, tuple[Candidate, Event, bool]] = {}
        for cand in candidates:
            if cand.pattern.speech:
                continue
            reporter = reporting_verb(cand.trigger, speech)
            speaker = actors.of(speaker_token(reporter, self.lex)) if reporter is not None else actors.of(according)
            if reporter is not None:
                reported[reporter.i] += 1
            event = self._event(cand, sent, unit, article, actors, speaker, event_status(cand.trigger, self.lex, year,
                                                                                        stop))
            event.sentence_index = index
            coded[cand.trigger.i] = (cand, event, reporter is not None)
        events = self._apply_intents(coded, year, stop)
        for cand in candidates:
            if cand.pattern.speech and not reported[cand.trigger.i] and self._is_statement(cand):
                event = self._event(cand, sent, unit, article, actors, None,
                                    event_status(cand.trigger, self.lex, year, frozenset()))
                event.confidence = self.settings.statement_confidence
                event.sentence_index = index
                events.append(event)
        return events

    def _apply_intents(self, coded: dict[int, tuple[Candidate, Event, bool]], year: int | None,
                       stop: frozenset[int]) -> list[Event]:
        """Cooperation told as an intention ("wants to help", "pledged to meet", "announced it would free")
        is one event, an expression of intent (03x), in place of the intention verb and the act; a hostile act
        under a promise ("pledged to expel") is coded as the (planned) act alone."""
        dropped: set[int] = set()
        for cand, event, reported in coded.values():
            governor = intent_governor(cand.trigger, self.lex)
            intent = self.lex.intent_code(event.cameo)
            if governor is not None:
                if governor.i in coded and coded[governor.i][1].cameo_root != THREATEN_ROOT:
                    dropped.add(governor.i)
                if intent is not None:
                    set_code(event, intent)
                    event.status = event_status(governor, self.lex, year, stop)
            elif reported and intent is not None and event.status == "planned":
                set_code(event, intent)
                event.status = "occurred"
        return [event for i, (_, event, _) in coded.items() if i not in dropped]

    def _is_statement(self, cand: Candidate) -> bool:
        """A speech verb with nothing codable reported is a statement event (when the setting allows)."""
        return self.settings.statement_events and speech_content_root(cand.trigger) is not None

    def _event(self, cand: Candidate, sent: Span, unit: Unit, article: Article, actors: SentenceActors,
               speaker: list[Actor] | None, status: str) -> Event:
        source = actors.of(cand.source, speaker)
        target = actors.of(cand.target, speaker)
        for option in cand.more_targets:
            if target:
                break
            target = actors.of(option, speaker)
        if cand.pair and not (source and target):
            both = [a for part in cand.pair for a in actors.of(part)]
            source, target = (both[:1], target or both[1:]) if not source else (source, both)
        if cand.pattern.reciprocal and not target and len(source) >= 2:
            source, target = source[:1], source[1:]
        source_codes = {a.code for a in source}
        target = [a for a in target if a.code not in source_codes or not a.is_known()]
        tokens = cand.trigger_tokens
        start = unit.start + sent.start_char
        trigger_span = (unit.start + tokens[0].idx, unit.start + tokens[-1].idx + len(tokens[-1]))
        trigger = sent.doc.text[tokens[0].idx:tokens[-1].idx + len(tokens[-1])]
        event = Event(doc_id=article.id, text=sent.text, span=(start, unit.start + sent.end_char), trigger=trigger,
                      cameo=cand.pattern.cameo, source=source, target=target, status=status,
                      confidence=cand.confidence + 0.1 * bool(source) + 0.1 * bool(target),
                      attribution=speaker[0] if speaker else None, reciprocal=cand.pattern.reciprocal,
                      trigger_span=trigger_span)
        set_code(event, cand.pattern.cameo)
        event.mentions = [Mention(article.id, sent.text, event.span, trigger, trigger_span, unit.part)]
        return event

    def merge_document(self, events: list[Event]) -> list[Event]:
        """One event per real event in the document, carrying all its mentions."""
        return merge_events(events)
