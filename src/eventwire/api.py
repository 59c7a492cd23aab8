"""The public Python API: the same functions the CLI calls."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .ingest import Problem, read_inputs
from .model import Actor, Article, Event
from .pipeline import Pipeline
from .settings import Settings
from .store import Store


@cache
def default_pipeline(model: str | None = None) -> Pipeline:
    """One loaded pipeline per process and model: loading spaCy takes a second or so."""
    return Pipeline(Settings.from_env(model=model))


def code(texts: str | Article | Iterable[str | Article], published: str | None = None,
         model: str | None = None) -> list[Event]:
    """Code text(s) or Article(s) into events. A bare string is one document."""
    if isinstance(texts, (str, Article)):
        texts = [texts]
    articles = [t if isinstance(t, Article) else Article(id=f"doc-{i + 1}", text=t, published=published)
                for i, t in enumerate(texts)]
    pipeline = default_pipeline(model)
    return [event for _, events in pipeline.code(articles) for event in events]


def code_inputs(inputs: Iterable[str], published: str | None = None, pipeline: Pipeline | None = None,
                on_problem: Callable[[Problem], None] | None = None,
                n_process: int | None = None) -> Iterator[tuple[Article, list[Event]]]:
    """Read files/folders/stdin and code every good record, streaming (article, events) in input order with
    the local engine (worker processes on every usable core unless `n_process` says otherwise; one for
    stdin, `engine.processes_for`); problems go to `on_problem`."""
    from . import engine

    inputs = list(inputs)
    pipeline = pipeline or default_pipeline()

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs, published, pipeline.settings.max_doc_chars):
            if isinstance(item, Problem):
                if on_problem:
                    on_problem(item)
            else:
                yield item

    yield from engine.coded_articles(articles(), pipeline, engine.processes_for(inputs, n_process))


def ingest(inputs: Iterable[str], db: str = "eventwire.duckdb", published: str | None = None,
           pipeline: Pipeline | None = None, on_problem: Callable[[Problem], None] | None = None,
           on_batch: Callable[[int, int, int], None] | None = None, batch_size: int = 64,
           n_process: int | None = None, update: bool = False) -> dict[str, int]:
    """Code inputs into a DuckDB store, skipping articles it already holds (with `update`, replacing those
    it holds in another version); returns counts.

    Runs the streaming local engine (`engine.ingest`): known articles are skipped before parsing. The
    store's writer lock is taken before the model loads, so a second writer fails at once (`StoreBusy`)."""
    from . import engine

    with Store.writer(db) as store:
        return engine.ingest(inputs, store, pipeline or default_pipeline(), published, on_problem, on_batch,
                             batch_size, n_process, update)


def summary(store: Store | str | Path, freq: str = "week", recent: int = 4,
            include_low_relevance: bool = False) -> dict[str, Any]:
    """What `eventwire summary` prints, as rows: top dyads, the biggest movers of the last period, the alerts
    of the last `recent` periods (`since` their first day), counted events by type, and the events left out
    of counts with why. The events of low-relevance articles are left out unless `include_low_relevance`."""
    from . import analysis

    wide = {"include_low_relevance": include_low_relevance}
    with analysis.opened(store) as st:
        span, _ = analysis.coverage(st, freq, **wide)
        since = span[-recent].isoformat() if len(span) >= recent else None
        return {"top_dyads": analysis.top_dyads(st, **wide), "movers": analysis.movers(st, freq, **wide),
                "since": since, "alerts": analysis.alerts(st, freq, since=since, **wide),
                "events_by_type": analysis.events_by_type(st, **wide),
                "left_out": analysis.left_out(st, freq, **wide)}


def resolve_actor(phrase: str, context: str | None = None, date: str | None = None) -> Actor | None:
    """The actor a phrase names (country, organisation, sector, canonical name), or None."""
    return default_pipeline().resolver.resolve_phrase(phrase, context=context, date=date)
