"""The local streaming engine: inputs → skip what the store holds → one nlp.pipe over all units → code → DuckDB.

* Bounded memory: articles flow through generators; only one chunk of hashes, spaCy's in-flight batches
  and one uncommitted store batch are held at a time.
* `n_process`: one `nlp.pipe` call for the whole run, so spaCy's worker processes start once, not per chunk.
* Resumable: each store batch is one transaction, and articles whose hash is already stored are dropped
  *before* parsing, so re-running an interrupted ingest skips the committed part at reading speed.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator

from spacy.language import Language

from .ingest import Problem, read_inputs
from .model import Article, Event
from .nlp import ParsedDocument, document_units
from .pipeline import Pipeline
from .store import Store

OnBatch = Callable[[int, int, int], None]  # (articles seen, articles added, events added)


def parse_stream(articles: Iterable[Article], nlp: Language, batch_size: int = 32, n_process: int = 1,
                 max_chars: int = 5000) -> Iterator[ParsedDocument]:
    """Parsed documents in input order from a single `nlp.pipe` over all their units.

    Plain texts go to spaCy (so worker processes tokenise them too); the (document, unit) each result
    belongs to waits in a queue on this side, as spaCy returns results in input order.
    """
    waiting: deque[ParsedDocument] = deque()  # documents read but not yet fully parsed, in order
    owners: deque[tuple[ParsedDocument, int]] = deque()  # (document, unit index) of each text sent

    def texts() -> Iterator[str]:
        for article in articles:
            parsed = ParsedDocument(article, document_units(article, max_chars))
            waiting.append(parsed)
            for k, unit in enumerate(parsed.units):
                owners.append((parsed, k))
                yield unit.text

    def finished() -> Iterator[ParsedDocument]:
        while waiting and all(u.doc is not None for u in waiting[0].units):
            yield waiting.popleft()

    for doc in nlp.pipe(texts(), batch_size=batch_size, n_process=n_process):
        parsed, k = owners.popleft()
        parsed.units[k].doc = doc
        yield from finished()
    yield from finished()


def unstored(articles: Iterable[Article], store: Store, chunk: int = 256,
             on_skip: Callable[[int], None] | None = None) -> Iterator[Article]:
    """The articles the store does not hold yet (nor repeated within a chunk), checked a chunk at a time."""
    buffer: list[Article] = []

    def flush() -> Iterator[Article]:
        known = store.known_hashes(a.doc_hash for a in buffer)
        skipped = 0
        for article in buffer:
            if article.doc_hash in known:
                skipped += 1
                continue
            known.add(article.doc_hash)
            yield article
        if skipped and on_skip:
            on_skip(skipped)
        buffer.clear()

    for article in articles:
        buffer.append(article)
        if len(buffer) >= chunk:
            yield from flush()
    yield from flush()


def ingest(inputs: Iterable[str], db: str, pipeline: Pipeline, published: str | None = None,
           on_problem: Callable[[Problem], None] | None = None, on_batch: OnBatch | None = None,
           batch_size: int = 64, n_process: int | None = None) -> dict[str, int]:
    """Code inputs into a DuckDB store, `batch_size` articles per transaction; returns counts."""
    totals = {"articles_seen": 0, "articles_added": 0, "events_added": 0, "problems": 0}
    settings = pipeline.settings

    def good_records() -> Iterator[Article]:
        for item in read_inputs(inputs, published, settings.max_doc_chars):
            if isinstance(item, Problem):
                totals["problems"] += item.severity == "error"
                if on_problem:
                    on_problem(item)
            else:
                yield item

    def skipped(n: int) -> None:
        totals["articles_seen"] += n
        if on_batch:
            on_batch(n, 0, 0)

    with Store(db) as store:
        fresh = unstored(good_records(), store, on_skip=skipped)
        batch: list[tuple[Article, list[Event]]] = []
        for parsed in parse_stream(fresh, pipeline.nlp, settings.batch_size, n_process or settings.n_process,
                                   settings.max_unit_chars):
            batch.append((parsed.article, pipeline.code_parsed(parsed)))
            if len(batch) >= batch_size:
                _commit(store, batch, totals, on_batch)
        _commit(store, batch, totals, on_batch)
    return totals


def _commit(store: Store, batch: list, totals: dict[str, int], on_batch: OnBatch | None) -> None:
    if not batch:
        return
    articles, events = store.write_batch(batch)
    totals["articles_seen"] += len(batch)
    totals["articles_added"] += articles
    totals["events_added"] += events
    if on_batch:
        on_batch(len(batch), articles, events)
    batch.clear()
