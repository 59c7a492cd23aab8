"""The event lexicon: verb and noun patterns with their CAMEO codes and argument frames, plus the small word
lists that steer status and syntax (negation, modals, governors...). Loaded once and indexed by lemma, so a
sentence only looks at the entries of its own words.

Files (package data, `data/lexicon/`):
- `verbs.csv`: `lemma, cameo, particle, prep, object, cue, target, flags`
- `nouns.csv`: `lemma, cameo, modifier, target, flags, prep` (`prep`: a preposition the noun must govern)
- `words.csv`: `word, role`
- `intent.csv`, `refusal.csv`, `threat.csv`: `code, intent|refusal|threat`: the code of intending, refusing or
  vowing to do what a code names ("wants to help" 033, "would not provide aid" 122, "vowed to attack" 138)
- `offer.csv`: `code, intent`: the intent code when an act is offered, pledged or agreed ("offered to send
  troops" 0332), for acts whose plain announcement is no intent
- `appeal.csv`: `code, appeal`: the code of wanting another actor to do what a code names (02x)
- `senses.csv`: `lemma, pos, slot, words, code`: other senses of a trigger word, told by a word or an argument
  class (`@crowd`, defined in `argument_classes.csv`) in one slot (its object, subject, modifier or
  preposition): "attacked the proposal" criticizes (111), "struck a deal" agrees (057), "a fire killed
  five" or "hit a record high" tell no political event (`none`). `sense_requirements.csv` says which
  readings need which argument classes (see `events/senses.py`)
`object`, `cue`, `modifier` and `target` hold `|`-separated alternatives. `target` names where the target
is found: `dobj`, `iobj`, `none`, or prepositions. `flags`: `recip` (symmetric event), `speech` (reported
speech: the reported event is coded instead, with the speaker as attribution).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Token

from ..ontology import read_csv
from .senses import argument_classes


def _alternatives(cell: str | None) -> frozenset[str]:
    return frozenset(p.strip().lower() for p in (cell or "").split("|") if p.strip())


@dataclass(frozen=True)
class Pattern:
    """One lexicon entry: a trigger lemma and the context it needs, with the CAMEO code it gives."""

    lemma: str
    cameo: str
    pos: str  # "verb" or "noun"
    particle: str = ""
    prep: str = ""
    objects: frozenset[str] = frozenset()
    cues: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    targets: tuple[str, ...] = ("dobj",)
    flags: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """More constraints make a pattern more specific; the most specific matching pattern wins."""
        return (2 * bool(self.particle) + 2 * bool(self.prep) + 2 * bool(self.objects)
                + 2 * bool(self.modifiers) + bool(self.cues))

    @property
    def reciprocal(self) -> bool:
        return "recip" in self.flags

    @property
    def speech(self) -> bool:
        return "speech" in self.flags


@dataclass(frozen=True)
class Sense:
    """Another sense of a trigger: when one of `words` fills `slot`, the event is `code` ("" = no event)."""

    slot: str  # one of SENSE_SLOTS
    words: frozenset[str]
    code: str


SENSE_SLOTS = ("object", "direct", "subject", "modifier", "prep", "cause", "complement", "verb", "agent", "origin",
               "patient", "poss", "doer", "place", "sentence", "sides", "condition", "own_future")
PREP_OBJECT_SLOT = "pobj:"  # "pobj:of": the objects of one preposition ("pulled out of the pact")


NO_EVENT = "none"


def is_sense_slot(slot: str) -> bool:
    return slot in SENSE_SLOTS or (slot.startswith(PREP_OBJECT_SLOT) and len(slot) > len(PREP_OBJECT_SLOT))


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Pattern, ...]]
    nouns: dict[str, tuple[Pattern, ...]]
    roles: dict[str, frozenset[str]]  # role -> words
    intents: dict[str, str]  # cooperative code (or root) -> its "express intent" code (03x)
    refusals: dict[str, str]  # cooperative code (or root) -> the "reject"/"refuse" code (12x) of not doing it
    threats: dict[str, str]  # violent code (or root) -> the "threaten" code (13x) of announcing it
    known: frozenset[str] = frozenset()  # every word the lexicon names, for mending lemmas
    senses: dict[tuple[str, str], tuple[Sense, ...]] = field(default_factory=dict)  # (lemma, pos) -> senses
    actor_nouns: frozenset[str] = frozenset()  # nouns that name people or bodies ("prisoners", "delegation")
    appeals: dict[str, str] = field(default_factory=dict)  # code -> the appeal (02x) for another to do it
    offers: dict[str, str] = field(default_factory=dict)  # code -> the intent (03x) when offered or pledged

    def lemma(self, token) -> str:
        """The token's lemma, mended where the small model's lemmatizer drops a final "e" ("staged" gives
        "stag", "waged" gives "wag") and the mended form is a word the lexicon knows."""
        lemma = token.lemma_.lower()
        if lemma not in self.known and lemma + "e" in self.known:
            return lemma + "e"
        return lemma

    def has(self, role: str, word: str) -> bool:
        return word.lower() in self.roles.get(role, frozenset())

    def pronoun(self, role: str, token: Token) -> bool:
        """A pronoun of `role` ("first_person", "third_person") as written: "US" is the United States, not "us"."""
        return token.pos_ == "PRON" and self.has(role, token.lower_)

    def intent_code(self, code: str) -> str | None:
        """The 03x code for an intention to do `code` (cooperative codes only), most specific first."""
        return _lookup(self.intents, code)

    def offer_code(self, code: str) -> str | None:
        """The 03x code for offering or pledging what is otherwise no cooperation ("offered to send troops":
        intent to give military aid, 0332); a vow or a plain "will send" stays the act."""
        return _lookup(self.offers, code)

    def appeal_code(self, code: str) -> str:
        """The 02x code for wanting another actor to do `code` ("wants Moscow to withdraw" 0256)."""
        return _lookup(self.appeals, code) or "020"

    def demand_code(self, code: str) -> str:
        """The 10x code for demanding that another actor do `code`: the demand mirrors the appeal ("must
        withdraw" 1056 as "urged to withdraw" 0256)."""
        return "10" + self.appeal_code(code)[2:]

    def refusal_code(self, code: str) -> str | None:
        """The 12x code for refusing to do `code` (cooperative codes only)."""
        return _lookup(self.refusals, code)

    def threat_code(self, code: str) -> str | None:
        """The 13x code for vowing or announcing `code` (hostile codes only: violence, coercion, protest, cuts)."""
        return _lookup(self.threats, code)

    def sense_code(self, lemma: str, pos: str, slots: dict[str, set[str]]) -> str | None:
        """The code of another sense of the trigger when a word in one of its slots tells it ("" = no event),
        or None when the lexicon's own sense stands."""
        for sense in self.senses.get((lemma, pos), ()):
            if sense.words & slots.get(sense.slot, set()):
                return sense.code
        return None

    def all_patterns(self) -> list[Pattern]:
        return [p for group in (self.verbs, self.nouns) for ps in group.values() for p in ps]


def _lookup(table: dict[str, str], code: str) -> str | None:
    for key in (code, code[:3], code[:2]):
        if key in table:
            return table[key]
    return None


def _targets(cell: str | None, default: str) -> tuple[str, ...]:
    return tuple(p.strip().lower() for p in (cell or default).split("|") if p.strip())


def _verb_pattern(row: dict[str, str]) -> Pattern:
    return Pattern(row["lemma"].strip().lower(), row["cameo"].strip(), "verb", (row.get("particle") or "").strip(),
                   (row.get("prep") or "").strip(), _alternatives(row.get("object")), _alternatives(row.get("cue")),
                   frozenset(), _targets(row.get("target"), "dobj"), _alternatives(row.get("flags")))


def _noun_pattern(row: dict[str, str]) -> Pattern:
    return Pattern(row["lemma"].strip().lower(), row["cameo"].strip(), "noun", prep=(row.get("prep") or "").strip(),
                   modifiers=_alternatives(row.get("modifier")), targets=_targets(row.get("target"), "none"),
                   flags=_alternatives(row.get("flags")))


def _index(patterns: list[Pattern]) -> dict[str, tuple[Pattern, ...]]:
    grouped: dict[str, list[Pattern]] = defaultdict(list)
    for p in patterns:
        grouped[p.lemma].append(p)
    # most specific first, file order among equals: the first matching pattern is the best one
    return {k: tuple(sorted(v, key=lambda p: -p.specificity)) for k, v in grouped.items()}


@cache
def lexicon() -> Lexicon:
    """The lexicon, read once per process."""
    verbs = [_verb_pattern(r) for r in read_csv("lexicon", "verbs.csv")]
    nouns = [_noun_pattern(r) for r in read_csv("lexicon", "nouns.csv")]
    roles: dict[str, set[str]] = defaultdict(set)
    for r in read_csv("lexicon", "words.csv"):
        roles[r["role"].strip()].add(r["word"].strip().lower())
    known = {p.lemma for p in verbs + nouns}.union(*roles.values())
    senses = _senses()
    known |= {lemma for lemma, _ in senses}
    return Lexicon(_index(verbs), _index(nouns), {k: frozenset(v) for k, v in roles.items()},
                   _code_map("intent.csv", "intent"), _code_map("refusal.csv", "refusal"),
                   _code_map("threat.csv", "threat"), frozenset(known), senses,
                   _actor_nouns(roles.get("actor_noun", set())), _code_map("appeal.csv", "appeal"),
                   _code_map("offer.csv", "intent"))


def _senses() -> dict[tuple[str, str], tuple[Sense, ...]]:
    """The sense rows, their `@class` references expanded to the class members (see `events/senses.py`)."""
    classes = argument_classes()
    grouped: dict[tuple[str, str], list[Sense]] = defaultdict(list)
    for number, r in enumerate(read_csv("lexicon", "senses.csv"), start=2):
        code = r["code"].strip()
        sense = Sense(r["slot"].strip(), classes.expand(r["words"], f"senses.csv row {number}"),
                      "" if code == NO_EVENT else code)
        for lemma in _alternatives(r["lemma"]):  # "battle|fight|war": one frame for several triggers
            for pos in _alternatives(r["pos"]):
                grouped[(lemma, pos)].append(sense)
    return {k: tuple(v) for k, v in grouped.items()}


def _actor_nouns(own: set[str]) -> frozenset[str]:
    """Nouns naming people or bodies: the last word of every role phrase the actor tables know, and the
    lexicon's own few."""
    words = {row["phrase"].split()[-1].lower() for row in read_csv("actors", "roles.csv") if row.get("phrase")}
    return frozenset(words | own)


def _code_map(name: str, column: str) -> dict[str, str]:
    return {r["code"].strip(): r[column].strip() for r in read_csv("lexicon", name)}
