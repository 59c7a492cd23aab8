"""Opening the store's DuckDB file safely, for one writer and many readers (see docs/store.md).

DuckDB lets one process write a database file, or several processes read it, never both at once. eventwire
shares the file like this:

* A writer *run* (`ingest`, `watch`, the server's ingest) holds a writer lock, `<db>.lock`, for the whole
  run, so a second writer fails at once with `StoreBusy` naming the first one's PID.
* The writer holds the DuckDB file itself only for one batch transaction (attach, write, commit, detach),
  so readers get in between batches.
* A reader retries while a writer has the file, for up to `wait` seconds, then gives up with `StoreBusy`.

Every connection is locked down: DuckDB never installs or loads an extension on demand (the tool works
offline, and an SQLite file or an https path must not make it download one), and SQL can reach no file but
the store's own.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import duckdb

try:
    import fcntl
except ImportError:  # Windows: no flock; DuckDB's own file lock still keeps two batches apart
    fcntl = None

ALIAS = "store"  # the attached store file's catalog name; `USE store` makes plain table names find it
DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file
OTHER_KINDS = ((b"SQLite format 3\x00", "an SQLite database"), (b"PAR1", "a Parquet file"),
               (b"PK\x03\x04", "a ZIP file"), (b"\x1f\x8b", "a gzip file"))
LOCKED_DOWN = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
               "allow_community_extensions": False}
STORE_FILE_SUFFIXES = ("", ".wal", ".wal.checkpoint", ".wal.recovery")  # the files DuckDB keeps for a store
RETRY_EVERY = 0.02  # the longest pause between tries to attach a busy store ...
RELEASE_GAP = 0.05  # ... shorter than the pause a writer makes after each batch before taking the file again
BUSY_SIGNS = ("Could not set lock on file", "Unique file handle conflict", "different configuration")


class StoreError(Exception):
    """A problem with the store file, in one sentence that names it (the CLI prints it as it is)."""


class StoreBusy(StoreError):
    """Another process, or another writer in this one, holds the store."""


class NotAStore(StoreError):
    """The path cannot be a store: a JSONL, Parquet or SQLite file, a folder, a file in a missing folder,
    or (for a reader) nothing at all."""


def first_line(error: BaseException) -> str:
    """DuckDB's message on one line, without its hints and links, and with the cause first: a failed
    checkpoint says "... CHECKPOINT during DETACH failed. ... Original error: <the cause>"."""
    text = str(error).strip()
    if "Original error:" in text:
        text = text.rsplit("Original error:", 1)[1].strip()
    return (text.splitlines() or [type(error).__name__])[0].strip()


def file_kind(head: bytes) -> str:
    """What a file's first bytes say it is, for the message refusing it as a store."""
    for magic, kind in OTHER_KINDS:
        if head.startswith(magic):
            return kind
    if head.lstrip()[:1] in (b"{", b"["):
        return "a JSON file"
    return "its first bytes are not DuckDB's header"


class StoreFile:
    """One store path: the checks before opening it, its writer lock and locked-down connections to it."""

    def __init__(self, path: str | Path):
        self.display = str(path)  # as the user wrote it, for messages
        self.path = os.path.abspath(path)
        self.lock_path = os.path.realpath(path) + ".lock"  # beside the real file, whatever link named it

    def check(self, read_only: bool) -> None:
        """Refuse a path that is not a DuckDB file, or, for a writer, a new file in an existing folder.

        DuckDB itself opens some other files (a JSONL or Parquet file) as an empty in-memory database, so
        a mistyped `--db news.jsonl` would report events added and keep none."""
        p = Path(self.path)
        if p.is_dir():
            raise NotAStore(f"{self.display} is a folder, not a DuckDB store; give --db a file name")
        if not p.exists():
            if read_only:
                raise NotAStore(f"no event store at {self.display}; run `eventwire ingest` first or pass --db")
            if not p.parent.is_dir():
                raise NotAStore(f"cannot create the store {self.display}: the folder {p.parent} does not exist")
            return
        try:
            with open(p, "rb") as fh:
                head = fh.read(16)
        except OSError as e:
            raise StoreError(f"cannot read the store {self.display}: {e.strerror}") from None
        if not head:
            if read_only:
                raise NotAStore(f"{self.display} is an empty file, not a DuckDB store")
            p.unlink()  # an empty file (from `touch` or `mktemp`) holds nothing: a new store takes its place
        elif head[8:12] != DUCKDB_MAGIC:
            raise NotAStore(f"{self.display} is not a DuckDB store ({file_kind(head)}); give --db a .duckdb "
                            f"file, or a new path to create one")

    # -- the writer lock ----------------------------------------------------------------------------------
    def lock(self) -> WriterLock:
        return WriterLock.acquire(self)

    def holder(self) -> str | None:
        """The PID written in the writer lock file, if there is one."""
        try:
            return Path(self.lock_path).read_text(encoding="ascii").strip() or None
        except (OSError, UnicodeDecodeError):
            return None

    # -- connections --------------------------------------------------------------------------------------
    def connect(self) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB that may reach only this store's files, with no extension auto-install or
        auto-load. The store file is attached to it (`attach`) for as long as it is needed."""
        con = duckdb.connect(":memory:", config={**LOCKED_DOWN, "temp_directory": self.path + ".tmp"})
        try:
            con.execute("SET allowed_paths = ?", [[self.path + suffix for suffix in STORE_FILE_SUFFIXES]])
            con.execute("SET allowed_directories = ?", [[self.path + ".tmp/"]])
            con.execute("SET enable_external_access = false")
            con.execute("SET lock_configuration = true")
        except BaseException:
            con.close()
            raise
        return con

    def attach(self, con: duckdb.DuckDBPyConnection, read_only: bool, wait: float) -> None:
        """Attach the store file, retrying while another process (or connection) holds it, for up to
        `wait` seconds; then `StoreBusy`. Any other failure is a `StoreError` naming the file."""
        escaped = self.path.replace("'", "''")
        sql = f"ATTACH '{escaped}' AS {ALIAS}" + (" (READ_ONLY)" if read_only else "")
        deadline = time.monotonic() + wait
        delay = 0.002
        while True:
            try:
                con.execute(sql)
                con.execute(f"USE {ALIAS}")
                return
            except duckdb.Error as e:
                if not any(sign in str(e) for sign in BUSY_SIGNS):
                    action = "read" if read_only else "open for writing"
                    raise StoreError(f"cannot {action} the store {self.display}: {first_line(e)}") from None
                if time.monotonic() + delay > deadline:
                    raise StoreBusy(self.busy_message(e, wait)) from None
            time.sleep(delay)
            delay = min(delay * 2, RETRY_EVERY)

    def busy_message(self, error: BaseException, wait: float) -> str:
        found = re.search(r"PID (\d+)", str(error))
        pid = found.group(1) if found else (self.holder() or str(os.getpid()))
        return (f"the store {self.display} is in use by PID {pid}, which did not let go of it within "
                f"{wait:g} s; try again when it has finished")

    def detach(self, con: duckdb.DuckDBPyConnection) -> None:
        """Detach the store file (DuckDB checkpoints it): the file is free for others again."""
        try:
            con.execute("USE memory")
            con.execute(f"DETACH {ALIAS}")
        except duckdb.Error as e:
            raise StoreError(f"could not finish writing the store {self.display}: {first_line(e)} "
                             f"(the batches committed before are kept)") from None


class WriterLock:
    """`<db>.lock`, held with flock(2) for a writer run. The kernel releases it when the process ends, even
    by kill -9, so a stale file never blocks the next run; it holds the PID for a second writer's message."""

    def __init__(self, store: StoreFile, fd: int | None):
        self.store = store
        self.fd: int | None = fd

    @classmethod
    def acquire(cls, store: StoreFile) -> WriterLock:
        """Take the lock at once, or raise `StoreBusy` naming the PID that holds it."""
        if fcntl is None:
            return cls(store, None)
        while True:
            try:
                fd = os.open(store.lock_path, os.O_RDWR | os.O_CREAT, 0o644)
            except OSError as e:
                raise StoreError(f"cannot write to the store {store.display}: {e.strerror} "
                                 f"(creating {store.lock_path})") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                pid = store.holder() or "unknown"
                raise StoreBusy(f"the store {store.display} is in use by PID {pid} (another ingest is writing "
                                f"to it); wait until it has finished, or use another --db") from None
            if cls._still_linked(fd, store.lock_path):
                os.ftruncate(fd, 0)
                os.write(fd, f"{os.getpid()}\n".encode("ascii"))
                return cls(store, fd)
            os.close(fd)  # its holder removed the file between our open and our lock: take the new one

    @staticmethod
    def _still_linked(fd: int, path: str) -> bool:
        try:
            return os.fstat(fd).st_ino == os.stat(path).st_ino
        except FileNotFoundError:
            return False

    def release(self) -> None:
        """Remove the lock file while still holding it (so no one can lock a file about to vanish), then
        let go."""
        if self.fd is None:
            return
        try:
            os.unlink(self.store.lock_path)
        except OSError:
            pass
        os.close(self.fd)
        self.fd = None
