"""The local streaming engine: inputs → skip what the store holds → parse and code → DuckDB, in batches.

* Bounded memory: articles flow through generators; only one chunk of hashes, the in-flight parse batches
  and one uncommitted store batch are held at a time.
* Every usable core by default (`worker_count`): forked worker processes each run the whole per-document
  coder (`Pipeline.code_alone`) on chunks of articles and send back only the events and lessons, so the parent does no
  parsing, no Doc deserialising and no coding — it reads, skips, and writes DuckDB. Chunks are submitted
  through a bounded window. An input too small to pay for forking is coded in this process, as with `-j 1`.
* Order-free learning: a worker codes each article with what the resolver knew when the run started and
  what the article itself says; what articles teach about people crosses to later articles in this process,
  in input order (`learning.RunLearning`). So the events are the same with one worker or many, however the
  chunks fall.
* Resumable: each store batch is one transaction, and articles whose hash is already stored are dropped
  *before* parsing, so re-running an interrupted ingest skips the committed part at reading speed. The
  identities a batch taught are committed with it, and taken back at the start of a run, so a resumed run
  codes the rest exactly as a run that never stopped.
* Shared: the run holds the store's writer lock, and the DuckDB file only while it commits a batch or looks
  up a chunk of hashes (`Store.writer`), so readers (`summary`, the web server) get in between.
"""

from __future__ import annotations

import itertools
import math
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator

from .ingest import Problem, read_inputs
from .learning import RunLearning, in_input_order
from .model import Article, Event
from .pipeline import MaybeCoded, Pipeline, coded_only
from .store import Store, StoreWriter

OnBatch = Callable[[int, int, int], None]  # (articles seen, articles added, events added)
STDIN = "-"
MIN_ARTICLES_PER_WORKER = 16  # below this a forked worker (its copy-on-write pages, warming up) does not pay


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and `taskset` narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def processes_for(inputs: list[str], requested: int | None) -> int | None:
    """One process for standard input unless more are asked for: a pipe may pause between records, and the
    workers' window (two chunks per worker) would hold back the last records read until more come, whereas
    one process codes and commits each batch as soon as it is read."""
    return 1 if not requested and STDIN in inputs else requested


def worker_count(requested: int | None, known_articles: int | None = None) -> int:
    """Worker processes to use: as requested (0 or None: every usable core), and no more than the input
    keeps busy, `MIN_ARTICLES_PER_WORKER` each, when its size is known."""
    workers = requested if requested and requested > 0 else usable_cores()
    if known_articles is not None:
        workers = min(workers, max(1, known_articles // MIN_ARTICLES_PER_WORKER))
    return max(1, workers)


_WORKER_PIPELINE: Pipeline | None = None  # set in the parent just before forking; inherited by the workers


def _code_chunk(chunk: list[Article]) -> list[tuple[float | None, list[Event] | None, list]]:
    """Run in a worker: the relevance, events and lessons of each article of the chunk (the articles stay in
    the parent, which takes the relevance onto its own copy). Each article is coded alone
    (`Pipeline.code_alone`), so what a worker returns does not depend on the chunks it coded before."""
    assert _WORKER_PIPELINE is not None
    return [(article.relevance, events, taught)
            for article, events, taught in _WORKER_PIPELINE.code_alone(chunk, n_process=1, isolate=True)]


def code_in_workers(articles: Iterable[Article], pipeline: Pipeline, n_process: int,
                    chunk_size: int = 32) -> Iterator[MaybeCoded]:
    """(article, events, lessons) in input order, coded by `n_process` forked workers; at most two chunks
    per worker are in flight, so memory stays bounded however long the input is."""
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        pending: deque[tuple[list[Article], multiprocessing.pool.AsyncResult]] = deque()
        for chunk in chunks(articles, chunk_size, taper=n_process):
            pending.append((chunk, pool.apply_async(_code_chunk, (chunk,))))
            if len(pending) >= 2 * n_process:
                yield from _collect(*pending.popleft())
        while pending:
            yield from _collect(*pending.popleft())


def chunks(items: Iterable[Article], size: int, taper: int = 0) -> Iterator[list[Article]]:
    """Lists of up to `size` articles, so a stream is sent to the workers in bounded pieces.

    With `taper` (the number of workers), one chunk more is read ahead, and the last articles (fewer than
    two chunks' worth) come in `2 * taper` smaller chunks: the workers then run out of work together,
    instead of one coding a whole last chunk while the others wait."""
    buffer: list[Article] = []
    held = 2 * size if taper > 0 else size
    for item in items:
        buffer.append(item)
        if len(buffer) >= held:
            yield buffer[:size]
            buffer = buffer[size:]
    step = max(1, math.ceil(len(buffer) / (2 * taper))) if taper > 0 else size
    for start in range(0, len(buffer), step):
        yield buffer[start:start + step]


def _collect(chunk: list[Article], result) -> Iterator[MaybeCoded]:
    for article, (score, events, taught) in zip(chunk, result.get(), strict=True):
        article.relevance = score
        yield article, events, taught


def coded_articles(articles: Iterable[Article], pipeline: Pipeline, n_process: int | None = None,
                   learning: RunLearning | None = None) -> Iterator[tuple[Article, list[Event]]]:
    """The local engine's coder, streaming (article, events) in input order, people identified by what
    earlier articles taught (`learning`, else a run's own whose lessons the pipeline keeps at the end: see
    `learning.in_input_order`). Coded by forked workers, one per usable core unless `n_process` says
    otherwise, or by this process alone for `n_process=1` and for inputs too small to share; either way
    each article alone, so the events are the same."""
    return in_input_order(coded_only(coded_alone(articles, pipeline, n_process)), pipeline.resolver, learning)


def coded_alone(articles: Iterable[Article], pipeline: Pipeline, n_process: int | None = None
                ) -> Iterator[MaybeCoded]:
    """(article, events, lessons) in input order, each article coded alone, in workers or in this process
    (the first chunks are read ahead to tell whether the input is worth sharing)."""
    requested = worker_count(n_process if n_process is not None else pipeline.settings.n_process)
    chunk_size = pipeline.settings.batch_size
    stream = iter(articles)
    ahead = list(itertools.islice(stream, requested * chunk_size)) if requested > 1 else []
    ended = len(ahead) < requested * chunk_size
    workers = worker_count(requested, len(ahead) if ended else None)
    articles = itertools.chain(ahead, stream)
    if workers > 1 and "fork" in multiprocessing.get_all_start_methods():
        if ended:  # the whole input is here: share it out evenly
            chunk_size = math.ceil(len(ahead) / workers)
        yield from code_in_workers(articles, pipeline, workers, chunk_size)
        return
    yield from pipeline.code_alone(articles, n_process=1, isolate=True)


def unstored(articles: Iterable[Article], store: Store, chunk: int = 256,
             on_skip: Callable[[int], None] | None = None, update: bool = False) -> Iterator[Article]:
    """The articles the store does not hold yet (nor repeated within a chunk), checked a chunk at a time;
    with `update`, also those it holds in another version (same key but another id, date or URL)."""
    buffer: list[Article] = []

    def flush() -> Iterator[Article]:
        known = store.unchanged(buffer) if update else store.known_hashes(a.doc_hash for a in buffer)
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


def ingest(inputs: Iterable[str], db: str | StoreWriter, pipeline: Pipeline, published: str | None = None,
           on_problem: Callable[[Problem], None] | None = None, on_batch: OnBatch | None = None,
           batch_size: int = 64, n_process: int | None = None, update: bool = False) -> dict[str, int]:
    """Code inputs into a DuckDB store, `batch_size` articles per transaction; returns counts.

    `db` is a path (the run takes the writer lock: `StoreBusy` at once if another run holds it) or a
    `StoreWriter` the caller opened. With `update`, articles stored in another version are replaced."""
    inputs = list(inputs)
    n_process = processes_for(inputs, n_process)
    if not isinstance(db, StoreWriter):
        with Store.writer(db) as store:
            return ingest(inputs, store, pipeline, published, on_problem, on_batch, batch_size, n_process, update)
    store = db
    totals = {"articles_seen": 0, "articles_added": 0, "articles_updated": 0, "events_added": 0, "problems": 0}
    settings = pipeline.settings
    replaced_before = store.replaced

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

    learning = recall_learned(pipeline, store)
    fresh = unstored(good_records(), store, on_skip=skipped, update=update)
    batch: list[tuple[Article, list[Event]]] = []
    for pair in coded_articles(fresh, pipeline, n_process, learning):
        batch.append(pair)
        if len(batch) >= batch_size:
            _commit(store, batch, totals, on_batch, learning, update)
    _commit(store, batch, totals, on_batch, learning, update)
    totals["articles_updated"] = store.replaced - replaced_before
    return totals


def recall_learned(pipeline: Pipeline, store: Store) -> RunLearning:
    """The run's learning, started from what earlier runs into this store learned about people
    (`learn_identities`): a run resumed after a crash then goes on from the state the interrupted one had
    reached, and codes as the uninterrupted run would have. The store is this memory: the pipeline's own
    resolver is left as it was, so every run into any store codes each article with the same start."""
    learning = RunLearning(pipeline.resolver)
    learning.recall(store.learned_identities())
    return learning


def _commit(store: Store, batch: list, totals: dict[str, int], on_batch: OnBatch | None, learning: RunLearning,
            update: bool) -> None:
    """Store a batch with the identities its articles taught: the articles are settled in input order as
    they are handed over, so what the run learned since the last commit is exactly this batch's."""
    if not batch:
        return
    articles, events = store.write_batch(batch, update, learning.take_changes())
    totals["articles_seen"] += len(batch)
    totals["articles_added"] += articles
    totals["events_added"] += events
    if on_batch:
        on_batch(len(batch), articles, events)
    batch.clear()
