"""eventwire: political event data from news text — who did what to whom, when and where.

The package layout is the pipeline: ingest → nlp → actors → events → when_where → store → analysis,
with `model` holding the records that flow between stages, `pipeline` running them in order, and
`api`/`cli` as thin layers over it.
"""

from .analysis import alerts, left_out, movers, series, top_dyads
from .api import code, code_inputs, ingest, resolve_actor, summary
from .model import Actor, Article, Event, EventDate, Mention, Place
from .pipeline import Pipeline
from .settings import Settings
from .store import NotAStore, Store, StoreBusy, StoreError, StoreWriter

__version__ = "0.1.0"

__all__ = ["Actor", "Article", "Event", "EventDate", "Mention", "NotAStore", "Pipeline", "Place", "Settings",
           "Store", "StoreBusy", "StoreError", "StoreWriter", "alerts", "code", "code_inputs", "ingest", "left_out",
           "movers", "resolve_actor", "series", "summary", "top_dyads", "__version__"]
