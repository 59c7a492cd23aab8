"""Issue #14 item 15 and store safety: a full disk or a read-only store gives one clear line with the real
cause, and the batches committed before stay readable (and a re-run completes them).

The full disk is a small tmpfs where one can be mounted (root), and otherwise a file-size limit
(RLIMIT_FSIZE) on the ingest process, which makes its writes fail with "File too large" as a full disk would
with "No space left on device". The read-only store sits in a read-only bind mount (root) or a folder
without write permission."""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from store_helpers import count, eventwire, records, snapshot, write_jsonl

BATCH = 64  # the CLI's articles per transaction
# after one batch of these records the store file is about 3.2 MB, after two about 5.3 MB
LIMIT = 4_000_000


def mount(*args: str) -> bool:
    return os.geteuid() == 0 and subprocess.run(["mount", *args], capture_output=True).returncode == 0


@contextlib.contextmanager
def small_disk(folder: Path, kind: str) -> Iterator[dict]:
    """Popen keywords that make the ingest's disk fill up after about one batch."""
    if kind == "rlimit":
        def limited() -> None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))  # Python ignores SIGXFSZ: EFBIG
        yield {"preexec_fn": limited}
        return
    if not mount("-t", "tmpfs", "-o", f"size={LIMIT}", "tmpfs", str(folder)):
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield {}
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["rlimit", "tmpfs"])
def test_full_disk_reports_the_cause_and_keeps_committed_batches(tmp_path: Path, kind: str):
    corpus = write_jsonl(tmp_path / "news.jsonl", records(3 * BATCH))
    clean = tmp_path / "clean.duckdb"
    assert eventwire("ingest", str(corpus), "--db", str(clean)).returncode == 0
    disk = tmp_path / "disk"
    disk.mkdir()
    db = disk / "store.duckdb"
    with small_disk(disk, kind) as limits:
        run = eventwire("ingest", str(corpus), "--db", str(db), **limits)
        assert run.returncode == 4, run.stderr
        lines = run.stderr.strip().splitlines()
        assert len(lines) == 1 and str(db) in lines[0], run.stderr
        assert ("File too large" if kind == "rlimit" else "No space left on device") in lines[0]
        assert "cannot rollback" not in run.stderr and "Traceback" not in run.stderr
        stored = eventwire("events", "--db", str(db))  # readable on the full disk itself
        assert stored.returncode == 0, stored.stderr
        kept = len(stored.stdout.splitlines())
        assert kept >= BATCH and kept % BATCH == 0 and kept < 3 * BATCH  # whole batches, not all of them
        if kind == "tmpfs":
            moved = tmp_path / "moved.duckdb"  # a full tmpfs cannot take the rest: the user frees space
            for suffix in ("", ".wal"):
                if Path(f"{db}{suffix}").exists():
                    Path(f"{moved}{suffix}").write_bytes(Path(f"{db}{suffix}").read_bytes())
    if kind == "tmpfs":
        db = moved
    rerun = eventwire("ingest", str(corpus), "--db", str(db))
    assert rerun.returncode == 0, rerun.stderr
    assert snapshot(db) == snapshot(clean)


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[str]:
    """The folder made read-only; yields the error the OS will give a writer."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        try:
            yield "Permission denied"
        finally:
            folder.chmod(0o755)
        return
    if not (mount("--bind", str(folder), str(folder)) and mount("-o", "remount,ro,bind", str(folder))):
        subprocess.run(["umount", str(folder)], capture_output=True)
        pytest.skip("root, and cannot make a read-only bind mount here")
    try:
        yield "Read-only file system"
    finally:
        subprocess.run(["umount", str(folder)], check=True)


@pytest.mark.slow
def test_a_read_only_store_can_be_read_but_not_written(tmp_path: Path):
    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "store.duckdb"
    first = write_jsonl(tmp_path / "first.jsonl", records(10))
    assert eventwire("ingest", str(first), "--db", str(db)).returncode == 0
    before = snapshot(db)
    more = write_jsonl(tmp_path / "more.jsonl", records(5, start=10))
    with read_only(folder) as reason:
        run = eventwire("ingest", str(more), "--db", str(db))
        assert run.returncode == 4, run.stderr
        assert run.stderr.strip().splitlines() == [run.stderr.strip()]
        assert f"cannot write to the store {db}: {reason}" in run.stderr
        for command in (["summary"], ["events"], ["clusters"]):
            read = eventwire(*command, "--db", str(db))
            assert read.returncode == 0, read.stderr
        assert len(eventwire("events", "--db", str(db)).stdout.splitlines()) == count(db, "events") > 0
    assert snapshot(db) == before
