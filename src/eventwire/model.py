"""The records that flow between the pipeline stages, and the event record contract.

Every stage reads and writes these dataclasses; `Event.to_dict()` is the JSON event record that the CLI
prints, the store keeps and the scorer reads. Field names follow the gold contract (`source`, `target`,
`plover`, `date`) and PLOVER's JSON names where PLOVER has one (`mode` is exported as `plover_mode`,
`event_scale` is flattened into `dead`/`injured`/`size`); `Event.to_plover()` gives PLOVER's own layout.
"""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import asdict, dataclass, field
from typing import Any

STATUSES = ("occurred", "planned", "ongoing", "background", "hypothetical", "negated")
COUNTED_STATUSES = ("occurred", "ongoing", "planned")
DATE_PRECISIONS = ("day", "week", "month", "year", "range", "published")
PLACE_PRECISIONS = ("city", "region", "country")


@dataclass
class Article:
    """One input document. `doc_hash` keys it in the store, so re-ingesting the same text adds nothing
    (whatever its whitespace, Unicode normal form or the case of its source: see `document_key`)."""

    id: str
    text: str
    title: str = ""
    published: str | None = None  # ISO date (YYYY-MM-DD) or None when unknown
    source: str = ""
    url: str = ""
    origin: str = ""  # file:line the record came from, for error messages
    relevance: float | None = None  # political relevance in [0, 1], set when coded (see relevance.py)

    @property
    def doc_hash(self) -> str:
        return document_key(self.source, self.title, self.text)


def normal_form(value: str, fold_case: bool = False) -> str:
    """A field as the de-duplication key sees it: Unicode NFC, each run of whitespace one space, none at
    either end (and case-folded for the source), so "Guardian " and "guardian" name one outlet."""
    text = " ".join(unicodedata.normalize("NFC", value).split())
    return text.casefold() if fold_case else text


def document_key(source: str, title: str, text: str) -> str:
    """The store's key for an article: a hash of its normalised source, title and text."""
    payload = "\x00".join((normal_form(source, fold_case=True), normal_form(title), normal_form(text)))
    return hashlib.sha1(payload.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class Actor:
    """A resolved actor: as written (`text`), canonical `name`, ISO3 `country`, IGO `org`, PLOVER `sector`."""

    text: str
    name: str | None = None
    country: str | None = None
    org: str | None = None
    sector: str | None = None
    affiliation: str | None = None
    confidence: float = 0.5
    span: tuple[int, int] | None = None  # document character offsets of the mention

    @property
    def code(self) -> str:
        """A CAMEO-style actor code such as TURGOV or NATO, handy for dyad tables."""
        return (self.org or self.country or "UNK") + (self.sector or "")

    def is_known(self) -> bool:
        return bool(self.country or self.org or self.sector)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["span"] = list(self.span) if self.span else None
        return d


@dataclass
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str = "city"  # city / region / country
    geonameid: int | None = None


@dataclass
class EventDate:
    """When an event happened. `date` is ISO; `end` is set for ranges; `precision` as in DATE_PRECISIONS."""

    date: str | None
    precision: str = "published"
    text: str | None = None
    end: str | None = None


@dataclass
class Mention:
    """One place in one document where an event is told: the sentence and its character offsets."""

    doc_id: str
    text: str
    span: tuple[int, int]
    trigger: str = ""
    trigger_span: tuple[int, int] | None = None
    part: str = "text"  # "title" when told in the article's separate title; offsets are into that field

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "text": self.text, "span": list(self.span), "part": self.part,
                "trigger": self.trigger,
                "trigger_span": list(self.trigger_span) if self.trigger_span else None}


@dataclass
class Event:
    """One coded event: who did what to whom, when, where and how much, and where it was read."""

    doc_id: str
    text: str
    span: tuple[int, int]
    trigger: str
    cameo: str
    cameo_root: str = ""
    plover: str | None = None
    plover_mode: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    date: str | None = None
    date_precision: str = "published"
    date_text: str | None = None
    date_end: str | None = None
    status: str = "occurred"
    location: Place | None = None
    dead: int | None = None
    injured: int | None = None
    size: int | None = None
    magnitude_qualifier: str | None = None  # "at least", "more than", "about", "as many as" ...
    confidence: float = 0.5
    attribution: Actor | None = None
    reciprocal: bool = False
    sentence_index: int = 0
    trigger_span: tuple[int, int] | None = None
    mentions: list[Mention] = field(default_factory=list)
    event_id: str = ""
    counted: bool = True  # whether the event enters counts, series and alerts
    not_counted: str | None = None  # why not: "planned", "hypothetical", "negated", "background", "no actor",
    # "low relevance" (see relevance.py)
    relevance: float | None = None  # the political relevance of the article it was read in

    def assign_id(self) -> str:
        """A stable id from the document and the first mention, so re-coding gives the same ids."""
        where = self.trigger_span or self.span
        part = self.mentions[0].part if self.mentions else "text"  # title offsets overlap the text's
        key = f"{self.doc_id}\x00{part}\x00{where[0]}\x00{where[1]}\x00{self.trigger}\x00{self.cameo}"
        if self.source or self.target:  # one trigger may code two dyads (each side named apart)
            key += "\x00" + ";".join(a.code for a in self.source) + "\x00" + ";".join(a.code for a in self.target)
        self.event_id = hashlib.sha1(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]
        return self.event_id

    def to_dict(self) -> dict[str, Any]:
        """The JSON event record (see README, "The event record")."""
        return {
            "event_id": self.event_id or self.assign_id(),
            "doc_id": self.doc_id,
            "text": self.text,
            "span": list(self.span),
            "trigger": self.trigger,
            "cameo": self.cameo,
            "cameo_root": self.cameo_root or self.cameo[:2],
            "plover": self.plover,
            "plover_mode": self.plover_mode,
            "goldstein": self.goldstein,
            "quad_class": self.quad_class,
            "source": [a.to_dict() for a in self.source],
            "target": [a.to_dict() for a in self.target],
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "date_end": self.date_end,
            "status": self.status,
            "location": asdict(self.location) if self.location else None,
            "dead": self.dead,
            "injured": self.injured,
            "size": self.size,
            "magnitude_qualifier": self.magnitude_qualifier,
            "confidence": round(self.confidence, 3),
            "attribution": self.attribution.to_dict() if self.attribution else None,
            "reciprocal": self.reciprocal,
            "counted": self.counted,
            "not_counted": self.not_counted,
            "relevance": self.relevance,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    def to_plover(self) -> dict[str, Any]:
        """The same event in PLOVER's JSON layout (Data Fields chapter of the PLOVER manual)."""

        def entity(a: Actor) -> dict[str, Any]:
            return {"code": a.org or a.country, "sector": a.sector, "entity_text": a.text,
                    "identifier_text": a.name}

        loc = self.location
        return {
            "id": self.event_id or self.assign_id(),
            "date": self.date,
            "event": self.plover,
            "mode": self.plover_mode,
            "actor": [entity(a) for a in self.source],
            "recipient": [entity(a) for a in self.target],
            "quad_code": self.quad_class,
            "event_text": self.trigger,
            "text": self.text,
            "text_info": {"start": self.span[0], "end": self.span[1], "sequence": self.sentence_index},
            "event_scale": {"dead": self.dead, "injured": self.injured, "size": self.size},
            "event_loc": None if loc is None else {
                "extracted_place": loc.name, "country_code": loc.country, "lat": loc.lat, "lon": loc.lon,
                "resolution": {"country": 1, "region": 2, "city": 4}.get(loc.precision)},
            "cite_info": {"corpus": self.doc_id},
            "coder": "eventwire",
        }
