"""Parse only what can hold an event: a cheap first pass picks how much of spaCy each sentence needs.

The full pipeline (tagger, parser, lemmatizer, NER) is most of eventwire's cost, and most of it is spent on
sentences no lexicon pattern can code. The first pass only tokenises a unit, splits it into sentences by
punctuation and looks each sentence's words up in an index of the lexicon's triggers:

* a sentence where some trigger's pattern *could* match (the trigger word in any inflection the model's own
  lemmatizer tables can give it, and every word its pattern requires: particle, preposition, object, cue,
  modifier) gets the full pipeline;
* its context (see `choose_parses`) gets named entities only, and only where the coder reads them: in a run
  of context sentences one of which can open with a dateline (`entities_read`);
* the rest is tokenised and split, nothing more.

The index is built at run time from `events.lexicon.lexicon()` (the lexicon's data files), so new entries
are picked up without touching this module. It is a superset by construction: it may send a sentence to the
parser that codes nothing, never the other way round (`tests/test_selection.py` checks that every sentence the
coder codes on a full parse is selected).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import cache

import numpy
from spacy.attrs import (
    IS_ALPHA,
    IS_LEFT_PUNCT,
    IS_PUNCT,
    IS_RIGHT_PUNCT,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    IS_UPPER,
    LENGTH,
    ORTH,
    SPACY,
)
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.strings import get_string_id
from spacy.tokens import Doc

from .events.arguments import dateline_separator
from .events.evaluation import CLOSE_QUOTES, HOSTILE_ROOTS, OPEN_QUOTES, evaluative_words
from .events.lexicon import Lexicon, Pattern, lexicon

POS_RULES = ("verb", "noun", "adj")  # the rule lemmatizer's tables (lemma_rules / lemma_exc) per part of speech
QUOTE_JUDGING_KINDS = ("judgement", "deed", "disregard")  # judge in a quote with no speech verb too
QUOTE_MARKS = (*OPEN_QUOTES, *CLOSE_QUOTES)


class Need(IntEnum):
    """How much of the spaCy pipeline a sentence needs; a sentence gets the most any reason asks for."""

    TOKENS = 0  # tokens and the sentence boundary only
    ENTITIES = 1  # named entities (who and where the document names), no tags, lemmas or parse
    FULL = 2  # the whole pipeline: tags, lemmas, dependency parse and entities


def choose_parses(can_hold_event: list[bool], names_entities: list[bool]) -> list[Need]:
    """The selection policy, over a document's sentences in order (across its paragraphs).

    A sentence where a lexicon pattern can match is parsed in full. Its neighbours, and any sentence that
    names entities (entity-like capitals), are context: in-document coreference ("he", "the ministry") and
    the setting of a report look back and around for the actors and places named there, so they get named
    entities. A document with no event sentence needs nothing. Widen this function (e.g. give context
    sentences the full parse) when a coder stage starts reading more of the context than entities, and
    `entities_read`, which keeps a context run's entities only where the coder reads them today.
    """
    if not any(can_hold_event):
        return [Need.TOKENS] * len(can_hold_event)
    needs = []
    last = len(can_hold_event) - 1
    for k, event in enumerate(can_hold_event):
        if event:
            needs.append(Need.FULL)
        elif names_entities[k] or (k > 0 and can_hold_event[k - 1]) or (k < last and can_hold_event[k + 1]):
            needs.append(Need.ENTITIES)
        else:
            needs.append(Need.TOKENS)
    return needs


def entities_read(doc: Doc, starts: list[int], needs: list[Need]) -> list[Need]:
    """The needs of one unit's sentences (first-pass `starts` in `doc`, needs from `choose_parses`), with
    entities kept only for the context runs the coder reads them in.

    The coder reads a context sentence (one not parsed in full, so one tree per sentence with no labels,
    `nlp._flat_trees`) for the settings of the report (`ActorResolver.note_settings`, `document_country`),
    and there it counts a place only as a setting (`actors.context.is_setting`): on a flat tree that is a
    place in a dateline that opens its sentence ("GAZA CITY:") and nothing else. The other settings of a
    flat sentence ("in north-east Syria") are read off its words and the actor tables (`actors.unparsed`),
    with no entities, so they ask for none. Nothing else reads a
    context sentence's entities: the coder and the when/where stage read the entities of the sentence they
    code, which is parsed in full. So a run of context sentences of which none can open with a dateline
    (`events.arguments.dateline_separator`, by its words) needs tokens only. A run that keeps its entities
    keeps all its sentences: the named-entity model reads a few words across a sentence break, so the same
    run gives the same entities as it did before the others were dropped."""
    found = list(needs)
    ends = starts[1:] + [len(doc)]
    k = 0
    while k < len(found):
        if found[k] != Need.ENTITIES:
            k += 1
            continue
        run = k
        while k < len(found) and found[k] == Need.ENTITIES:
            k += 1
        if not any(dateline_separator(doc[i].text for i in range(starts[j], ends[j])) is not None
                   for j in range(run, k)):
            found[run:k] = [Need.TOKENS] * (k - run)
    return found


@dataclass(frozen=True)
class TriggerIndex:
    """The lexicon's triggers as surface forms, each with what its patterns require in the sentence.

    `requirements[form]` lists, per pattern the form can trigger, the word sets that must each meet the
    sentence (as lower-cased hash ids); a pattern with no requirement is an empty tuple."""

    matcher: PhraseMatcher
    requirements: dict[int, tuple[tuple[frozenset[int], ...], ...]]

    def event_sentences(self, doc: Doc, starts: list[int]) -> list[bool]:
        """For each sentence (token offsets `starts`, each the start of one), whether an event can be coded."""
        bounds = list(zip(starts, starts[1:] + [len(doc)], strict=True))
        found = [False] * len(bounds)
        matches = self.matcher(doc)
        if not matches:
            return found
        lower = doc.to_array("LOWER")
        k = 0
        words: set[int] | None = None
        for form, start, _ in sorted(matches, key=lambda m: m[1]):
            while start >= bounds[k][1]:
                k, words = k + 1, None
            if found[k]:
                continue
            if words is None:
                words = set(lower[bounds[k][0]:bounds[k][1]].tolist())
            found[k] = any(all(w & words for w in pattern) for pattern in self.requirements[form])
        return found


def sentence_starts(doc: Doc) -> list[int]:
    """Token offsets where a sentence starts, by punctuation, as spaCy's rule-based `Sentencizer` splits (a
    sentence ends after a run of . ! ? and the like, closing quotes and brackets included), except that an
    opening quote or bracket starts the next sentence (`. “We`), as the parser has it, and that a full stop
    closing a short capitalised word before another capitalised word ends nothing (`Lt. Gen. Danjuma`, whose
    "Lt" the tokenizer does not know). Splitting too little is safe (a longer sentence is selected when any
    part of it is); splitting where the parser does not would cut a parsed sentence in two."""
    if not len(doc):
        return []
    orth, punct, left, right, space, blank, alpha, title, upper, length = doc.to_array(
        [ORTH, IS_PUNCT, IS_LEFT_PUNCT, IS_RIGHT_PUNCT, SPACY, IS_SPACE, IS_ALPHA, IS_TITLE, IS_UPPER, LENGTH]).T
    ends = PUNCT_IDS[numpy.searchsorted(PUNCT_IDS, orth) % len(PUNCT_IDS)] == orth  # numpy.isin costs 10 times more
    short_title = (alpha == 1) & (title == 1) & (length <= ABBREVIATION_CHARS) & (space == 0)
    capital_next = numpy.concatenate([(title[1:] == 1) | (upper[1:] == 1), [False]])
    abbreviation = (orth == FULL_STOP_ID) & numpy.concatenate([[False], short_title[:-1]]) & capital_next
    ends &= ~abbreviation
    # an opening mark: only opens ("“", "("), or opens and closes ('"') but follows a space
    after_space = numpy.concatenate([[1], space[:-1]]) == 1
    opening = (left == 1) & ((right == 0) | after_space)
    # what can start a sentence: a word or an opening mark, not an end mark, not extra whitespace (which
    # stays with the sentence before it)
    can_start = ~ends & (blank == 0) & ((punct == 0) | opening)
    # a sentence starts at the first token that can start one after an end mark: among the tokens that are
    # either, one that can start whose previous one is an end
    marked = numpy.flatnonzero(ends | can_start)
    at_end = ends[marked]
    return [0, *marked[1:][at_end[:-1] & ~at_end[1:]].tolist()]


PUNCT_IDS = numpy.unique(numpy.array([get_string_id(c) for c in Sentencizer.default_punct_chars], dtype="uint64"))
I_ID = get_string_id("I")
FULL_STOP_ID = get_string_id(".")
ABBREVIATION_CHARS = 4  # "Lt", "Col", "Brig", "Capt": titles the tokenizer leaves apart from their full stop


def names_entities(doc: Doc, starts: list[int]) -> list[bool]:
    """For each sentence, whether it names something: a capitalised word that is not merely the sentence's
    first word ("The", "He"), an acronym ("NATO"), or a first word that is no common word ("Russia said")."""
    if not starts:
        return []
    alpha, upper, title, stop, length, orth = doc.to_array([IS_ALPHA, IS_UPPER, IS_TITLE, IS_STOP, LENGTH, ORTH]).T
    first = numpy.zeros(len(doc), dtype=bool)
    first[starts] = True
    named = (alpha == 1) & (orth != I_ID) & (
        ((upper == 1) & (length > 1)) | ((title == 1) & (~first | (stop == 0))))
    return numpy.logical_or.reduceat(named, starts).tolist()


# ---------------------------------------------------------------- building the index from the lexicon


@cache
def trigger_index(nlp: Language) -> TriggerIndex | None:
    """The index for this pipeline and the current lexicon, or None when the pipeline's lemmatizer tables
    cannot tell which surface forms give a lemma (then every sentence is parsed in full)."""
    inflect = Inflections.of(nlp)
    if inflect is None:
        return None
    lex = lexicon()
    strings = nlp.vocab.strings
    requirements: dict[int, list[tuple[frozenset[int], ...]]] = {}
    for group, pos in ((lex.verbs, "verb"), (lex.nouns, "noun")):
        for lemma, patterns in group.items():
            needs = [tuple(frozenset(strings.add(w) for w in words) for words in _required_words(p, lex, inflect))
                     for p in patterns]
            for form in inflect.trigger_forms(lemma, pos, lex):
                requirements.setdefault(strings.add(form), []).extend(needs)
    for form, words in _judgement_triggers(lex, inflect):
        requirements.setdefault(strings.add(form), []).append(tuple(frozenset(strings.add(w) for w in ws)
                                                                    for ws in words))
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    for form_id in requirements:
        matcher.add(strings[form_id], [nlp.make_doc(strings[form_id])])
    return TriggerIndex(matcher, {k: tuple(dict.fromkeys(v)) for k, v in requirements.items()})


def _judgement_triggers(lex: Lexicon, inflect: Inflections) -> list[tuple[str, list[set[str]]]]:
    """Triggers of judgements (`events.evaluation`), which a verb codes whatever its own patterns require:
    an attitude word alone ("disappointed", "angered"); a labelling verb ("called it a provocation"), a
    judging or speech verb ("said the remarks were irresponsible") with a judging word or a hostile event
    noun ("an assault on", "a threat to") anywhere in the sentence; a judging word in a sentence with a quotation
    mark (a quote whose speaker is named beside it: `evaluation.standalone_quote`). Each as (surface form,
    required word sets)."""
    words = evaluative_words()
    judging = set().union(*(inflect.any_forms(w, lex) for w, kind in words.items() if kind == "judgement"))
    for lemma, patterns in lex.nouns.items():
        if any(p.cameo[:2] in HOSTILE_ROOTS for p in patterns):
            judging |= inflect.trigger_forms(lemma, "noun", lex)
    found = [(form, []) for w, kind in words.items() if kind == "attitude" for form in inflect.any_forms(w, lex)]
    speakers = set(lex.roles.get("label_verb", ())) | set(lex.roles.get("judging_speech", ()))
    speakers |= {lemma for lemma, patterns in lex.verbs.items() if any(p.speech for p in patterns)}
    for verb in sorted(speakers):
        found += [(form, [judging]) for form in inflect.trigger_forms(verb, "verb", lex)]
    quoted = set().union(*(inflect.any_forms(w, lex) for w, kind in words.items() if kind in QUOTE_JUDGING_KINDS))
    found += [(form, [set(QUOTE_MARKS)]) for form in sorted(quoted)]  # '"Moscow is sabotaging the talks."'
    return found


def _required_words(p: Pattern, lex: Lexicon, inflect: Inflections) -> list[set[str]]:
    """The word sets a pattern needs in its sentence, each as every surface form that can give its lemma.
    A `clause` object is no word, nor is an argument class (`@armed_actor`, which names can fill); flags
    (`needs_obj`, `actor_subj`...) only narrow, so they are ignored."""
    needed: list[set[str]] = []
    if p.particle:
        needed.append({p.particle.lower()})
    if p.prep:
        needed.append({p.prep.lower()})
    for words in (p.objects, p.cues, p.modifiers):
        if words and "clause" not in words and not any(w.startswith("@") for w in words):  # a class: any name
            needed.append(set().union(*(inflect.any_forms(w, lex) for w in words)))
    return needed


@dataclass(frozen=True)
class Inflections:
    """Surface forms that the pipeline's rule lemmatizer can turn into a lemma: its suffix rules run
    backwards, its exception lists inverted, and the attribute ruler's fixed lemmas ("'s" is "be")."""

    rules: dict[str, list[tuple[str, str]]]
    exceptions: dict[str, dict[str, set[str]]]  # pos -> lemma -> forms
    fixed: dict[str, set[str]]  # lemma -> forms the attribute ruler gives it

    @classmethod
    def of(cls, nlp: Language) -> Inflections | None:
        if "lemmatizer" not in nlp.pipe_names or getattr(nlp.get_pipe("lemmatizer"), "mode", None) != "rule":
            return None
        lookups = nlp.get_pipe("lemmatizer").lookups
        rule_table, exc_table = lookups.get_table("lemma_rules", {}), lookups.get_table("lemma_exc", {})
        rules = {pos: [(old, new) for old, new in rule_table.get(pos, [])] for pos in POS_RULES}
        exceptions: dict[str, dict[str, set[str]]] = {}
        for pos in POS_RULES:
            inverted: dict[str, set[str]] = {}
            for form, lemmas in (exc_table.get(pos) or {}).items():
                for lemma in lemmas:
                    inverted.setdefault(lemma, set()).add(form)
            exceptions[pos] = inverted
        return cls(rules, exceptions, _ruler_lemmas(nlp))

    def forms(self, lemma: str, pos: str) -> set[str]:
        """The lemma and every form the rules and exceptions of this part of speech map onto it."""
        found = {lemma} | self.exceptions.get(pos, {}).get(lemma, set()) | self.fixed.get(lemma, set())
        for old, new in self.rules.get(pos, ()):
            if lemma.endswith(new):
                found.add(lemma[:len(lemma) - len(new)] + old)
        return found

    def trigger_forms(self, lemma: str, pos: str, lex: Lexicon) -> set[str]:
        """Forms whose token can carry this trigger: as the lexicon reads lemmas, including its mending of a
        dropped final "e" ("staged" lemmatised "stag" is read as "stage")."""
        found = self.forms(lemma, pos)
        stem = lemma[:-1]
        if lemma.endswith("e") and stem and stem not in lex.known:
            found |= self.forms(stem, pos) - {stem}
        return found

    def any_forms(self, lemma: str, lex: Lexicon) -> set[str]:
        """Forms of a required word of any part of speech."""
        return set().union(*(self.trigger_forms(lemma.lower(), pos, lex) for pos in POS_RULES))


def _ruler_lemmas(nlp: Language) -> dict[str, set[str]]:
    fixed: dict[str, set[str]] = {}
    if "attribute_ruler" not in nlp.pipe_names:
        return fixed
    for rule in nlp.get_pipe("attribute_ruler").patterns:
        lemma = str(rule.get("attrs", {}).get("LEMMA", "")).lower()
        if lemma:
            fixed.setdefault(lemma, set()).update(_literal_words(rule.get("patterns", [])))
    return fixed


def _literal_words(patterns: Iterable[list[dict]]) -> set[str]:
    words: set[str] = set()
    for pattern in patterns:
        for token in pattern:
            for key in ("LOWER", "ORTH", "TEXT"):
                value = token.get(key)
                if isinstance(value, str):
                    words.add(value.lower())
                elif isinstance(value, dict):
                    words.update(v.lower() for v in value.get("IN", []) if isinstance(v, str))
    return words
