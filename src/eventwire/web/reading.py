"""How the server reads the store: the file is attached read-only for the length of the requests that read
it, and detached as soon as none does, so a writer (`eventwire ingest`, `watch`, the server's own ingest
worker) gets the file between requests.

Opening a DuckDB database costs some 40 ms of CPU (building the instance), more than the whole budget of a
`GET /api/events`. So the server keeps one in-memory DuckDB for its lifetime and attaches the store file to
it per request (about 3 ms): a request holds the file no longer than a fresh read-only `Store` would, without
paying for a new database each time. Requests that overlap share one attachment (counted), and each reads
through its own cursor.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from ..store import Store, missing_columns, show_added_columns
from .busy import is_busy

ALIAS = "store"
# no extension is installed or loaded on demand: the server works offline and reads only the store
LOCKED_DOWN = {"autoinstall_known_extensions": False, "autoload_known_extensions": False}


class Busy(Exception):
    """A writer held the store for longer than the reader would wait."""


class RequestStore(Store):
    """A `Store` for one request, on a cursor of the server's shared connection with the store attached.

    It is a `Store` so the analysis functions take it as they take any other; it owns no connection of its
    own (the reader detaches the file when the last request using it is done)."""

    def __init__(self, path: str, con: duckdb.DuckDBPyConnection):  # no Store.__init__: nothing to open
        self.path = path
        self.con = con
        self.read_only = True

    def close(self, quiet: bool = False) -> None:
        self.con.close()


class SharedReader:
    """The server's reads of one store file, attached per request (see the module docstring)."""

    def __init__(self, path: str, wait: float = 5.0):
        self.path = str(Path(path).resolve())
        self.display = str(path)
        self.wait = wait
        self._con = duckdb.connect(":memory:", config=LOCKED_DOWN)
        self._guard = threading.Lock()
        self._users = 0
        self._missing: dict[str, list[tuple[str, str]]] = {}  # columns an older store lacks (store.py)

    @contextmanager
    def store(self) -> Iterator[Store]:
        """A read-only Store for one request; `Busy` if a writer keeps the file for `wait` seconds."""
        with self._guard:
            if self._users == 0:
                self._attach()
            self._users += 1
        cursor = self._con.cursor()
        try:
            cursor.execute(f"USE {ALIAS}")
            if self._missing:
                show_added_columns(cursor, self._missing)  # temporary views live in this cursor only
            yield RequestStore(self.display, cursor)
        finally:
            cursor.close()
            with self._guard:
                self._users -= 1
                if self._users == 0:
                    self._detach()

    def _attach(self) -> None:
        """Attach the file, retrying while another process writes it (DuckDB: one writer or many readers)."""
        escaped = self.path.replace("'", "''")
        deadline = time.monotonic() + self.wait
        delay = 0.01
        while True:
            try:
                self._con.execute(f"ATTACH '{escaped}' AS {ALIAS} (READ_ONLY)")
                self._missing = self._columns_missing()
                return
            except duckdb.Error as e:
                if not is_busy(e):
                    raise
                if time.monotonic() + delay > deadline:
                    raise Busy(f"the event store {self.display} is busy: a writer has held it for more than "
                               f"{self.wait:g} s ({str(e).splitlines()[0]})") from None
            time.sleep(delay)
            delay = min(delay * 2, 0.2)

    def _columns_missing(self) -> dict[str, list[tuple[str, str]]]:
        """The columns a store written by an older version lacks, read once per attachment."""
        cursor = self._con.cursor()
        try:
            cursor.execute(f"USE {ALIAS}")
            return missing_columns(cursor)
        finally:
            cursor.close()

    def _detach(self) -> None:
        self._con.execute(f"DETACH {ALIAS}")

    def close(self) -> None:
        self._con.close()
