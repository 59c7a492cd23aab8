"""Telling "another process holds the store" apart from other errors, to answer 503 and not 500."""

from __future__ import annotations

import duckdb

try:  # the store's own error when a writer holds the file (store concurrency, issue #14)
    from ..store import StoreBusy
except ImportError:  # pragma: no cover - before that lands, DuckDB's lock conflict is the only signal
    StoreBusy = None  # type: ignore[assignment,misc]

# DuckDB's words when another process (or another connection of this one) has the file
BUSY_SIGNS = ("Could not set lock on file", "Unique file handle conflict", "different configuration")


def is_busy(error: BaseException) -> bool:
    if StoreBusy is not None and isinstance(error, StoreBusy):
        return True
    return isinstance(error, duckdb.Error) and any(sign in str(error) for sign in BUSY_SIGNS)
