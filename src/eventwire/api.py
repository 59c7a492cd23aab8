"""The public Python API: the same functions the CLI calls."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache

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
    """Read files/folders/stdin and code every good record; problems go to `on_problem`."""
    pipeline = pipeline or default_pipeline()

    def articles() -> Iterator[Article]:
        for item in read_inputs(inputs, published, pipeline.settings.max_doc_chars):
            if isinstance(item, Problem):
                if on_problem:
                    on_problem(item)
            else:
                yield item

    yield from pipeline.code(articles(), n_process=n_process)


def ingest(inputs: Iterable[str], db: str = "eventwire.duckdb", published: str | None = None,
           pipeline: Pipeline | None = None, on_problem: Callable[[Problem], None] | None = None,
           on_batch: Callable[[int, int, int], None] | None = None, batch_size: int = 64,
           n_process: int | None = None) -> dict[str, int]:
    """Code inputs into a DuckDB store, skipping articles it already holds; returns counts."""
    pipeline = pipeline or default_pipeline()
    totals = {"articles_seen": 0, "articles_added": 0, "events_added": 0, "problems": 0}

    def count_problem(problem: Problem) -> None:
        if problem.severity == "error":
            totals["problems"] += 1
        if on_problem:
            on_problem(problem)

    with Store(db) as store:
        batch: list[tuple[Article, list[Event]]] = []
        for pair in code_inputs(inputs, published, pipeline, count_problem, n_process):
            batch.append(pair)
            if len(batch) >= batch_size:
                _flush(store, batch, totals, on_batch)
        _flush(store, batch, totals, on_batch)
    return totals


def _flush(store: Store, batch: list, totals: dict[str, int], on_batch) -> None:
    if not batch:
        return
    articles, events = store.write_batch(batch)
    totals["articles_seen"] += len(batch)
    totals["articles_added"] += articles
    totals["events_added"] += events
    if on_batch:
        on_batch(len(batch), articles, events)
    batch.clear()


def resolve_actor(phrase: str, context: str | None = None, date: str | None = None) -> Actor | None:
    """The actor a phrase names (country, organisation, sector, canonical name), or None."""
    return default_pipeline().resolver.resolve_phrase(phrase, context=context, date=date)
