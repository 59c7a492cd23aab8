"""Coding and ingesting for the server, each in a worker process of its own.

* `POST /api/code` runs in a spawned process that keeps a loaded pipeline. A request that outlives the
  timeout gets 504 and the process is killed and replaced: a thread could not be stopped, and a runaway
  parse would otherwise keep a core busy after its client gave up.
* `POST /api/ingest` runs `eventwire.ingest` (the same engine as the CLI) in another spawned process, which
  is the store's writer for that run. The server process itself never opens the store for writing, so its
  per-request read-only connections and the writer are separate processes, as DuckDB's concurrency model
  requires (one read-write process, or read-only ones, per file; see docs/web.md).

Both workers start lazily and are reused, so the pipeline is loaded once per worker, not per request.
"""

from __future__ import annotations

import multiprocessing
import tempfile
import threading
from pathlib import Path
from typing import Any

_PIPELINE = None  # the worker process's loaded pipeline


def _load_pipeline() -> None:
    global _PIPELINE
    from ..pipeline import Pipeline

    _PIPELINE = Pipeline()


def _ready() -> bool:
    return _PIPELINE is not None


def _code_document(document: dict[str, Any]) -> list[dict[str, Any]]:
    from ..model import Article

    assert _PIPELINE is not None
    article = Article(**document)
    return [event.to_dict() for _, events in _PIPELINE.code([article]) for event in events]


def _ingest_lines(db: str, jsonl: bytes) -> dict[str, Any]:
    """Run in the ingest worker: the request's JSONL through the CLI's ingest engine into the store."""
    from .. import engine
    from .busy import is_busy

    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="eventwire-ingest-") as tmp:
        path = Path(tmp) / "request.jsonl"  # problems then read "request.jsonl:LINE: reason"
        path.write_bytes(jsonl)
        try:
            totals = engine.ingest([str(path)], db, _PIPELINE, on_problem=lambda p: problems.append(
                f"{p.severity}: {str(p).replace(str(path), 'request.jsonl')}"))
        except Exception as e:
            if is_busy(e):
                return {"busy": str(e)}
            raise
    return {"articles_seen": totals["articles_seen"], "articles_added": totals["articles_added"],
            "events_added": totals["events_added"], "problems": problems}


class WorkerTimeout(Exception):
    pass


class WorkerBusy(Exception):
    pass


class Worker:
    """One spawned process with a loaded pipeline; one job at a time; a job past its timeout kills it."""

    def __init__(self, name: str, load_timeout: float = 180.0):
        self.name = name
        self.load_timeout = load_timeout
        self._pool: Any = None
        self._lock = threading.Lock()  # one job at a time, so a kill never takes another request's job

    def start(self) -> None:
        """Start the process now (it loads the pipeline in the background)."""
        if self._pool is None:
            self._pool = multiprocessing.get_context("spawn").Pool(1, initializer=_load_pipeline)

    def run(self, func, args: tuple, timeout: float | None, wait: float) -> Any:
        """func(*args) in the worker; WorkerBusy if another job holds it for `wait` seconds, WorkerTimeout
        (and a fresh process) if the job takes longer than `timeout`."""
        if not self._lock.acquire(timeout=wait):
            raise WorkerBusy(f"the {self.name} worker is busy with another request; retry later")
        try:
            self.start()
            self._pool.apply_async(_ready).get(self.load_timeout)  # the pipeline loads outside the timeout
            try:
                return self._pool.apply_async(func, args).get(timeout)
            except multiprocessing.TimeoutError:
                self.stop()
                raise WorkerTimeout(f"{self.name} took longer than {timeout:g} s and was stopped") from None
        finally:
            self._lock.release()

    def stop(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


class Workers:
    """The server's two workers: coding (with a timeout) and the store's writer for ingests."""

    def __init__(self, db: str, code_timeout: float):
        self.db = db
        self.code_timeout = code_timeout
        self.coder = Worker("coding")
        self.writer = Worker("ingest")

    def code(self, document: dict[str, Any]) -> list[dict[str, Any]]:
        return self.coder.run(_code_document, (document,), self.code_timeout, wait=self.code_timeout)

    def ingest(self, jsonl: bytes) -> dict[str, Any]:
        return self.writer.run(_ingest_lines, (self.db, jsonl), timeout=None, wait=0.5)

    def stop(self) -> None:
        self.coder.stop()
        self.writer.stop()
