"""What a phrase leaves open, its document fills (`DocumentContext.take_in`): "the government" or "officials"
take the country their sentence is set in, else the one the report is about; a people living in several
countries ("Kurdish forces") the one of its homes the context names; a town the tables lack comes from the
gazetteer; a person named with a title is learnt for later articles.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..doctext import doc_text
from ..model import Actor
from .kb import name_key
from .memory import DocumentMemory, gender_of, possessive_word, possessor
from .parts import COUNTRY_KINDS, DETERMINERS, LOCATIVE_PREPOSITIONS, Resolution, join_tokens
from .phrases import PhraseReader
from .setting import plain
from .tables import abroad_plurals, domestic_sectors, office_sectors, relation_keys, report_sectors, setting_words
from .text import Tok, tokenize
from .unparsed import NamedSetting, is_flat, named_settings

GAZETTEER_LABELS = ("GPE", "LOC", "FAC")
GAZETTEER_SETTING_POPULATION = 100_000  # a town the tables lack sets a sentence's country only if this big
GAZETTEER_TOWN_AS_PERSON = 100_000  # a one-word name tagged PERSON is read as a town only if the town is this big
PARTY_DEPS = ("nsubj", "nsubjpass", "dobj", "conj", "appos", "pobj")  # how a sentence names a party
PLACE_LABELS = ("GPE", "LOC", "FAC", "PERSON", "ORG")  # the small model tags "in Mali" a PERSON now and then
SETTING_LABELS = (*PLACE_LABELS, "NORP")  # "in the Rwandan capital"
BODY_KINDS = ("country", "demonym", "seat", "org", "region")  # table entries that name a state or a body
NUMBER_LABELS = ("CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY", "DATE", "TIME")  # "Dozens", "At least nine"


class DocumentContext(PhraseReader):
    """Completing a resolved actor from its sentence and document, and remembering it for later mentions."""

    def bodies_named_before(self, span: Span, not_its_doer: bool = False) -> list[Actor]:
        """The countries and organisations the tables know in the phrase's sentence before it, argument or not
        ("Belgium says some 40 of its citizens", "sent troops to Lebanon to help the country"). With
        `not_its_doer`, none in the subject of the verb the phrase is an object of: "Saudi Arabia imposed a
        blockade on the small nation" is no blockade of Saudi Arabia by itself, and in "Ukraine said Russian
        shelling killed two of its soldiers" the soldiers are Ukraine's."""
        text = doc_text(span.doc)
        before = text[span.sent.start_char:span.start_char]
        doer = _doer_bounds(span) if not_its_doer else None
        if doer is not None:
            before = text[span.sent.start_char:doer[0]] + " " + text[doer[1]:span.start_char]
        return [Actor(text=m.entry.name, name=m.entry.name, country=m.entry.country, org=m.entry.org,
                      sector=m.entry.sector, confidence=0.6)
                for m in self.match(tokenize(before), None) if m.entry.kind in BODY_KINDS]

    def take_in(self, found: Resolution, toks: list[Tok], span: Span, memory: DocumentMemory) -> None:
        """Complete an actor from the document (affiliated fighters' country, "his country") and remember it."""
        actor = found.actor
        police = is_police_officer(found, span, memory.last_force)
        if police:
            actor.sector, found.sectors = "COP", ["COP"]
        if actor.affiliation and not actor.country:
            actor.country = context_country(span, self, actor.affiliation, memory)
        if found.homes and not actor.country and not actor.org:
            actor.country = home_of_people(span, self, memory, found.homes)
        if not actor.country and not actor.org:
            owned = possessive_word(toks) is not None  # the sentence is read only for "its", "their"
            earlier = self.bodies_named_before(span, not_its_doer=True) if owned else None
            owner = possessor(toks, memory, found, earlier)
            if owner is not None:
                actor.country = owner.country
        if not actor.country and not actor.org and not found.person and actor.sector in domestic_sectors():
            actor.country = sentence_country(span, self, venues=False) or (
                None if self.names_other_countries(toks, span) else memory.main_setting())
        guessed = False
        if police and not actor.country and not self.names_other_countries(toks, span):
            actor.country = document_country(span, self, memory)  # "Georgian riot police ... Officers used"
            actor.confidence, guessed = min(actor.confidence, 0.4), True
        if not actor.country and not actor.org and not found.person \
                and report_sectors(is_definite(toks)) & {actor.sector, *found.sectors} \
                and not self.names_other_countries(toks, span):
            actor.country = sentence_country(span, self, venues=False) or document_country(span, self, memory) \
                or venue_country(span, self)
            actor.confidence, guessed = min(actor.confidence, 0.4), True
        if not actor.country and not actor.org and found.person and found.role_keys and found.from_phrase \
                and report_sectors() & {actor.sector, *found.sectors} \
                and not self.names_other_countries([t for t in toks if t.text not in (actor.name or "").split()]):
            actor.country = titled_person_country(span, self, memory)  # "Foreign Secretary Jack Straw"
            actor.confidence, guessed = min(actor.confidence, 0.4), True
        if found.person and found.from_phrase and (actor.country or actor.org) and not guessed:
            self.learn(found, memory.published)
        if found.person:
            memory.remember(actor, found.role_keys, gender_of(toks))
            memory.mark_person(name_key(actor.name) if actor.name else None, sentence_key(span), is_subject(span))
        elif is_role_holder(found, toks, span):
            key = memory.remember_holder(actor, found.role_keys, gender_of(toks))
            memory.mark_person(key, sentence_key(span), is_subject(span))
        if actor.country and not is_venue(span) and not is_news_outlet(actor):  # a host or a reporter is no party
            memory.countries[actor.country] += 1
            if actor.sector in office_sectors() and not guessed:
                memory.offices[actor.country] += 1
        memory.last_actor = actor
        if actor.sector in FORCE_SECTORS and not police and not found.person:
            memory.last_force = actor.sector
        memory.note_party(actor, found.person, sentence_key(span))
        if not found.person and (actor.country or actor.org) and (actor.org or actor.name or actor.sector):
            memory.bodies.append(actor)  # a named body, for "the group", "the alliance", "the kingdom"
            memory.body_sentences.append(sentence_key(span))
            if is_subject(span):
                memory.subject_bodies.add(id(actor))
        if is_body(found) and is_subject(span):
            memory.last_body = actor  # "it" as a subject goes back to a subject, not to "sent troops to Poland"
            memory.last_body_sentence = sentence_key(span)

    def with_gazetteer_place(self, found: Resolution | None, group: list[Tok], span: Span,
                             memory: DocumentMemory) -> Resolution | None:
        """A town the actor tables lack ("Idlib", "the town of Afrin"), when the tagger calls it a place: its
        country from the gazetteer the place stage uses (a namesake in the document's countries first)."""
        if found is not None and (found.actor.country or found.actor.org or (found.person and (
                not found.from_phrase or len(group) > 1 or found.actor.sector))):
            return found  # known, or a person by name and title; a lone unknown name may be a town ("Rafah")
        places = [e for e in span.doc.ents if e.label_ in PLACE_LABELS
                  and group[0].start <= e.start_char and e.end_char <= group[-1].end]
        if len(places) != 1 or (places[0].label_ not in GAZETTEER_LABELS and len(places[0]) > 1):
            return found  # the small model tags some towns ORG or PERSON, but only one-word ones
        place = places[0]
        if self.match(tokenize(place.text), None) or place.text.isupper():
            return found  # the tables read the word ("pro-Russia rebels" are no Russians); "WEF" is no town
        from ..when_where.gazetteer import load_gazetteer

        entry = load_gazetteer().best(place.text, frozenset(memory.countries))
        if entry is None or not entry.country:
            return found
        if place.label_ not in GAZETTEER_LABELS and plain(entry.name) != plain(place.text):
            return found  # tagged no place: only a town called so in its own name, not by an alias
        if place.label_ == "PERSON" and not (entry.curated or entry.population >= GAZETTEER_TOWN_AS_PERSON):
            return found
        if found is None:
            actor = Actor(text=join_tokens(group), name=entry.name, country=entry.country, sector="CVL",
                          confidence=0.6)
            return Resolution(actor, ["CVL"])
        found.actor.country, found.actor.name = entry.country, found.actor.name or entry.name
        found.person = False
        return found

    def note_settings(self, sent: Span, memory: DocumentMemory) -> None:
        """Count the country each place the sentence names as a setting lies in ("in Idlib", "in northern
        Syria"), so that rebels or civilians the document names with no country take the one it is set in.
        A sentence left unparsed (`unparsed.is_flat`) shows its settings by its words alone: they count
        just the same, or the report's setting would depend on which of its sentences could hold an event."""
        for ent in sent.ents:
            if ent.label_ in SETTING_LABELS and is_setting(ent) and not is_venue(ent):  # Geneva hosts talks
                countries = self.place_countries(ent)
                if len(countries) == 1:
                    memory.settings[next(iter(countries))] += 1
        if is_flat(sent):
            for found in named_settings(sent):
                countries = self.setting_countries(found)
                if len(countries) == 1:
                    memory.settings[next(iter(countries))] += 1

    def setting_countries(self, found: NamedSetting) -> set[str]:
        """The countries a name read off an unparsed sentence points to, as `place_countries` reads an entity:
        a nationality only where its phrase is a place ("a Syrian camp", not "Russian custody"), as a parse
        reads one; the gazetteer only for a name no table entry covers ("Isis" is no town) that follows its
        preposition bare (`NamedSetting.bare`), where no tagger vouches for a place."""
        matches = self.match(tokenize(found.name.text), None)
        if matches:
            return {m.entry.country for m in matches if m.entry.country and m.entry.kind in COUNTRY_KINDS
                    and (m.entry.kind != "demonym" or found.place_noun)}
        return gazetteer_countries(found.name, tagged=False) if found.bare else set()

    def place_countries(self, ent: Span) -> set[str]:
        """The countries a place name points to: the tables' countries and towns, else the gazetteer's."""
        found = {m.entry.country for m in self.match(tokenize(ent.text), None)
                 if m.entry.country and m.entry.kind in COUNTRY_KINDS}
        return found or gazetteer_countries(ent)

    def names_other_countries(self, toks: list[Tok], span: Span | None = None) -> bool:
        """"Arab states", "western diplomats", "foreign governments": a capitalised word no table knows, a word
        such as "western" or a plural such as "governments" names actors of other or several countries, so
        the phrase is not the report's own government. With the phrase's `span`, a first word capitalised only
        because it opens the sentence ("Many civilians", "Dozens of protesters") names nothing."""
        if any(t.key in relation_keys() for t in toks) or _names_abroad_plural(toks):
            return True  # "foreign governments", "its neighbours", "foreign ministers": others' actors
        matches = self.match(toks, None)
        if any(m.entry.kind == "qualifier" and m.entry.effect == "abroad" for m in matches):
            return True
        covered = {i for m in matches for i in range(m.start, m.end)}
        if span is not None and opens_sentence_unnamed(toks, span):
            covered.add(0)
        return any(t.is_title and i not in covered and t.key not in DETERMINERS for i, t in enumerate(toks))


def _names_abroad_plural(toks: list[Tok]) -> bool:
    """"Governments", "allies", "foreign ministers", "heads of state": a plural of what every state has one of
    (or of states themselves) names several states' actors (`abroad_plural` in qualifiers.csv, words or
    phrases)."""
    text = f" {' '.join(t.text.lower() for t in toks)} "
    return any(f" {phrase} " in text for phrase in abroad_plurals())


POLICE_ROLE_SECTORS = ("MIL", "GOV")


FORCE_SECTORS = ("COP", "MIL")


def is_police_officer(found: Resolution, span: Span, last_force: str | None = None) -> bool:
    """"Officers arrested a man": a bare "officers" is police where its sentence speaks of police or arrests,
    or the latest armed force the document named was the police ("Riot police detained 80. Officers used water
    cannon"); a bare "officials" only where its sentence names the police itself ("officials said police")."""
    actor = found.actor
    roles = set(found.role_keys)
    if actor.org or actor.sector not in POLICE_ROLE_SECTORS or len(roles) != 1:
        return False
    lemmas = {t.lemma_.lower() for t in span.sent if not (span.start <= t.i < span.end)}
    if roles <= setting_words("police_role"):
        return bool(lemmas & setting_words("police_cue")) or last_force == "COP"
    return roles <= setting_words("police_role_strict") and bool(lemmas & setting_words("police_noun"))


def is_role_holder(found: Resolution, toks: list[Tok], span: Span) -> bool:
    """"The German ambassador", "Russia's defence minister": one unnamed person of a country, named by a
    singular role noun, whom a later "he" or "the ambassador" may mean."""
    actor = found.actor
    if not (actor.country and found.role_keys) or actor.org or span.root.tag_ != "NN":
        return False
    return span.root.lower_ in setting_words("person_role") and (is_definite(toks) or any(
        c.dep_ == "poss" for c in span.root.children))


NEWS_SECTOR = "JRN"


def is_news_outlet(actor: Actor) -> bool:
    """A named outlet ("the BBC", "Al Jazeera") reports the story: its home country tells nothing of who acts in it."""
    return actor.sector == NEWS_SECTOR and actor.name is not None


def sentence_key(span: Span) -> tuple[int, int]:
    """Which sentence a phrase is in (each unit is parsed as its own Doc)."""
    return id(span.doc), span.sent.start


def is_subject(span: Span) -> bool:
    return span.root.dep_ in ("nsubj", "nsubjpass")


def is_body(found: Resolution) -> bool:
    """A country, its government or an organisation (what "it" can stand for), not a person or a group of
    people ("protesters", "the troops")."""
    actor = found.actor
    if found.person or not (actor.country or actor.org):
        return False
    return actor.org is not None or actor.sector is None or actor.sector in report_sectors(True)


def sentence_country(span: Span, resolver: DocumentContext, venues: bool = True) -> str | None:
    """The one country the sentence's places (outside the phrase itself) point to; None if none or several.
    Without `venues`, the place of a meeting ("talks in Jeddah", "met in Istanbul") does not count: it hosts
    the parties, it does not give "the government" or "negotiators" their country."""
    ents = span.sent.ents if venues else [e for e in span.sent.ents if not is_venue(e)]
    return setting_country(ents, span, resolver)


def venue_country(span: Span, resolver: DocumentContext) -> str | None:
    """The country of a meeting place, as a last resort for "the government" only when the sentence names no
    other country or people ("Negotiators for Ukraine and Russia held talks in Riyadh": not Saudi ones)."""
    others = [e for e in span.sent.ents if e.label_ in ("GPE", "NORP") and not is_venue(e)
              and not (span.start <= e.start < span.end)]
    return None if others else sentence_country(span, resolver)


def is_venue(ent: Span) -> bool:
    """A place where a meeting is held or a deal made: the object of "in"/"at" after a meeting noun or verb
    ("talks in Doha", "met in Istanbul", "a summit at Camp David"), or after a verb whose object is a meeting
    or a deal ("resumed talks in Jeddah", "signed a peace deal in Doha"); not "the ceasefire in Idlib
    collapsed", where the place is where the truce holds (`deal` words count only as such an object)."""
    root = ent.root
    if not _locative_object(root):
        return False
    head = root.head.head
    venue_words = setting_words("venue")
    if head.lemma_.lower() in venue_words or head.lower_ in venue_words:
        return True
    objects = venue_words | setting_words("deal")
    return head.pos_ in ("VERB", "AUX") and any(c.dep_ == "dobj" and c.lemma_.lower() in objects
                                                for c in head.children)


def _doer_bounds(span: Span) -> tuple[int, int] | None:
    """Where the subject of the verb governing an object phrase starts and ends (character offsets), if the
    phrase is such an object and the subject comes before it."""
    token = span.root
    while token.dep_ in ("pobj", "prep", "dobj", "obj", "attr", "conj") and token.head.i != token.i:
        token = token.head
    if token.i == span.root.i:
        return None
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < span.start), None)
    if subject is None:
        return None
    return subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge)


def opens_sentence_unnamed(toks: list[Tok], span: Span) -> bool:
    """The phrase's first word opens the sentence and names nothing ("Many civilians", "At least nine
    students", "Dozens of protesters"): its capital is the sentence's. A proper noun or a named entity there
    names something ("Chadian civilians")."""
    first = span.sent[0]
    names = first.pos_ == "PROPN" or (first.ent_type_ and first.ent_type_ not in NUMBER_LABELS)
    return bool(toks) and toks[0].start == first.idx and not names



def document_country(span: Span, resolver: DocumentContext, memory: DocumentMemory) -> str | None:
    """The country a report is about, for "the government" or "officials" it names no country for: the one
    its office holders so far serve most often (with a lead over the next), else the one its actors belong to
    most often, else the one place its paragraph names as a setting ("in Nairobi")."""
    for counts in (memory.offices, memory.countries):
        ranked = counts.most_common(2)
        if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
    if memory.countries:
        return None
    return setting_country([e for e in span.doc.ents if not is_venue(e)], span, resolver)


def setting_country(ents: Iterable[Span], span: Span, resolver: DocumentContext) -> str | None:
    """The one country these places (outside the phrase itself, named as settings) point to; None if none or
    several: a sentence or document set in two countries says nothing about which one an actor is of."""
    found = set()
    for ent in ents:
        if ent.label_ in SETTING_LABELS and not (span.start <= ent.start < span.end) and is_setting(ent):
            found |= resolver.place_countries(ent)
    return found.pop() if len(found) == 1 else None


def gazetteer_countries(ent: Span, tagged: bool = True) -> set[str]:
    """The country of a town or province the tables lack ("in Zamfara", "in Hebron"), from the gazetteer:
    only our own regions or a big town, as small towns share their names across countries ("Bali"). A
    `tagged` entity counts only when the tagger called it a place; a name read off an unparsed sentence
    (`unparsed.named_settings`) has no tag to ask."""
    if tagged and ent.label_ not in GAZETTEER_LABELS:
        return set()
    from ..when_where.gazetteer import load_gazetteer

    entry = load_gazetteer().best(ent.text)
    if entry is None or not entry.country or not (entry.curated or entry.population >= GAZETTEER_SETTING_POPULATION):
        return set()
    return {entry.country}


def titled_person_country(span: Span, resolver: PhraseReader, memory: DocumentMemory) -> str | None:
    """The country whose office holders the report has named most, for an official named with a title but no
    country, unless the sentence names that country for someone else ("The US envoy met President X": X is
    the host, not a US president)."""
    ranked = memory.offices.most_common(2)
    if not ranked or (len(ranked) > 1 and ranked[0][1] == ranked[1][1]):
        return None
    country = ranked[0][0]
    others = {m.entry.country for ent in span.sent.ents if ent.label_ in (*PLACE_LABELS, "NORP")
              and not (span.start <= ent.start < span.end) for m in resolver.match(tokenize(ent.text), None)}
    return None if country in others else country


def is_definite(toks: list[Tok]) -> bool:
    """ "the army", not "the 2,000 special forces": one known body, not a counted detachment."""
    return bool(toks) and toks[0].key == "the" and not any(t.text[:1].isdigit() for t in toks)


def is_setting(ent: Span) -> bool:
    """A place named as where things happen ("in Nairobi", "Kenya's capital", "in the east of the Gaza Strip",
    "in the Rwandan capital", a dateline's "GAZA CITY:"), not as a participant."""
    root = ent.root
    if ent.label_ == "NORP":
        return root.dep_ == "amod" and _locative_object(root.head) and root.head.lower_ in setting_words("place")
    from ..events.arguments import in_dateline  # here: the events stage imports this package

    if in_dateline(root):
        return True
    if root.dep_ == "pobj":
        return root.head.lower_ in LOCATIVE_PREPOSITIONS or _part_of_setting(root.head)
    return root.dep_ in ("poss", "compound") and _locative_object(root.head)


def _locative_object(noun: Token) -> bool:
    """The object of "in", "near", ...: where something happens."""
    return noun.dep_ == "pobj" and noun.head.lower_ in LOCATIVE_PREPOSITIONS


def _part_of_setting(prep: Token) -> bool:
    """The of-phrase of a part of a place that is itself a setting: "in the east of X", "on the outskirts of X"."""
    part = prep.head
    return prep.lower_ == "of" and part.lower_ in setting_words("part") and part.dep_ == "pobj" \
        and (part.head.lower_ in LOCATIVE_PREPOSITIONS or part.head.lower_ == "on")


def context_country(span: Span, resolver: PhraseReader, affiliation: str | None,
                    memory: DocumentMemory) -> str | None:
    """Where fighters with a foreign affiliation fight: the place the sentence is set in ("in Donbass", which
    the small model may tag an organisation), else a country it names (the side they fight: "between Ukrainian
    forces and pro-Russian separatists"), else the document's."""
    settings = [e for e in span.sent.ents if e.label_ in PLACE_LABELS and is_setting(e)]
    named = [e for e in span.sent.ents if e.label_ in ("GPE", "LOC", "NORP")]
    for ent in settings + named:
        for m in resolver.match(tokenize(ent.text), None):
            if m.entry.country and m.entry.country != affiliation and m.entry.kind in COUNTRY_KINDS:
                return m.entry.country
    for country, _ in memory.countries.most_common():
        if country != affiliation:
            return country
    return None


def home_of_people(span: Span, resolver: DocumentContext, memory: DocumentMemory,
                   homes: tuple[str, ...]) -> str | None:
    """Which of its home countries a people living in several is in: the one its sentence is set in, else the
    one the sentence names as the place of the act ("Turkey will attack the Kurds in northern Syria"), else the
    one the document's places are in (a report from Syria that names Turkey as a party more often than Syria),
    else the one the document names most, unless the sentence names that country as another party ("the
    Kurds and Turkey")."""
    setting = sentence_country(span, resolver)
    if setting in homes:
        return setting
    places, parties = _places_and_parties(span, resolver)
    where = places & set(homes)
    if len(where) == 1:
        return where.pop()
    setting = memory.main_setting()
    if setting in homes and setting not in parties:
        return setting
    return next((c for c, _ in memory.countries.most_common() if c in homes and c not in parties), None)


def _places_and_parties(span: Span, resolver: DocumentContext) -> tuple[set[str], set[str]]:
    """The countries of the sentence's names, split by their role: where something happens ("in northern
    Syria") or a party (a subject, object or conjunct: "Turkey will attack")."""
    places: set[str] = set()
    parties: set[str] = set()
    for ent in span.sent.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        countries = {m.entry.country for m in resolver.match(tokenize(ent.text), None) if m.entry.country}
        if _locative_object(ent.root):
            places |= countries
        elif ent.root.dep_ in PARTY_DEPS:
            parties |= countries
    return places, parties


def with_context(found: Resolution | None, ctx: Resolution, phrase: str) -> Resolution:
    """Fill what the phrase leaves open (country; sector of a bare name) from the context phrase."""
    if found is None:
        actor = Actor(text=phrase, country=ctx.actor.country, org=ctx.actor.org, sector=ctx.actor.sector,
                      confidence=0.3)
        return Resolution(actor, ctx.sectors, ctx.bloc)
    actor = found.actor
    if not actor.country and not actor.org:
        actor.country, actor.org = ctx.actor.country, ctx.actor.org
        found.bloc = found.bloc or ctx.bloc
    if not found.sectors and ctx.sectors and actor.name:
        actor.sector = ctx.sectors[0]
        found.sectors = list(ctx.sectors)
    return found
