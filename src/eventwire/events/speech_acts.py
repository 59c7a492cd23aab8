"""Speech acts typed by what is said: announced acts and reported accusations.

What a speaker says its own side will do is the speaker's act now, typed by what is announced.

"Turkey's defence minister said Turkish troops would strike the militants" and "Baku warned that its army would
retake the region by force" are threats (13x) made when they are said; "Uruguay said it would share the data
with Argentina" is an intent to cooperate (03x). The strike and the retaking have not happened, so they are
not coded as deeds. Whose act it is decides the reading:

* the speaker's own side (a pronoun, "its army", or an actor of the speaker's country or organisation; a force
  named with no country is the speaker's own): the announcement is the threat or the intent;
* a third party ("Russia said Ukraine would attack Crimea"): a prediction or an allegation, not a threat by
  anyone; a violent act predicted of another stays hypothetical.

A hostile deed a party tells of another ("Israel said a mortar was fired at it from Gaza", "the US claimed
that Isis had attacked Iraq") is also that party's accusation (112) against the doer, besides the deed itself
told as it stands. Witnesses, analysts and reporters only tell; governments, armed groups, parties and
monitoring groups accuse.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..model import Actor
from .lexicon import Lexicon

POSSESSIVE_PRONOUNS = ("its", "their", "our", "my", "his", "her")
STATE_SECTORS = ("GOV", "MIL", "COP", "JUD", "LEG", "SPY", "REB", "INS", "PTY", "OPP")  # bodies that can act
ACCUSER_SECTORS = (*STATE_SECTORS, "NGO", "SOC", "IGO")
ACCUSED_ROOTS = ("15", "17", "18", "19", "20")  # force posture, coercion, violence: not lawful cuts of ties
ACCUSATION_CODE = "112"
TOLD_AS_FACT = ("occurred", "ongoing")
GUESSED = 0.4  # the confidence of an actor whose country the resolver only guessed from the document


def _named_sides(actors: list[Actor]) -> set[str]:
    return {a.org or a.country for a in actors if a.org or a.country}


def speaker_pronoun(doer: Token | Span | None, lex: Lexicon) -> bool:
    """"it", "we", "they", or a phrase owned by one ("its army", "our forces"): the speaker's own side."""
    if doer is None:
        return False
    head = doer if isinstance(doer, Token) else doer.root
    if lex.pronoun("first_person", head) or lex.pronoun("third_person", head):
        return True
    return any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in head.children)


def speakers_side(doer: Token | Span | None, doer_actors: list[Actor], speaker: list[Actor], lex: Lexicon) -> bool:
    """Whether the act's doer is the speaker's own side."""
    if speaker_pronoun(doer, lex):
        return True
    said_by, done_by = _named_sides(speaker), _named_sides(doer_actors)
    if not said_by:  # an official of no named country speaks for the state it serves; analysts, residents and
        return any(a.sector in STATE_SECTORS for a in speaker)  # unnamed sources announce nothing of their own
    if not done_by:
        return bool(doer_actors) or doer is None  # "the army will ...", told by a government: its own army
    return bool(said_by & done_by)


def announced_code(code: str, lex: Lexicon) -> str | None:
    """The code of announcing one's own future act: a threat for force, an intent for cooperation."""
    return lex.threat_code(code) or lex.intent_code(code)


def accusation_by(speaker: list[Actor], status: str, code: str, doer: Token | Span | None,
                  doer_actors: list[Actor], lex: Lexicon) -> bool:
    """Whether a party telling this deed accuses its doer: a hostile deed told as fact, a named doer that is
    not the speaker's own side, and a speaker that is a party rather than a witness."""
    if status not in TOLD_AS_FACT or code[:2] not in ACCUSED_ROOTS or not _named_sides(doer_actors):
        return False
    if not any(a.org or (a.country and a.confidence > GUESSED and (a.sector is None or a.sector in ACCUSER_SECTORS))
               for a in speaker):  # "the defence ministry" of a country only guessed from the setting: no one
        return False
    return not speakers_side(doer, doer_actors, speaker, lex)
