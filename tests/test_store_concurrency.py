"""Issue #14 item 12: one writer run at a time, readers in between its batches, on real processes and files.

A second `eventwire ingest` fails at once (exit 3, one line naming the first one's PID) and corrupts
nothing; `summary`, `events` and `export` read the store while an ingest runs; a reader that a writer keeps
out for longer than its wait gets one line and exit 3."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from store_helpers import count, eventwire, records, snapshot, start_eventwire

from eventwire.model import Article
from eventwire.store import Store, StoreBusy

FIRST_CHUNK = 256  # the engine looks up stored hashes 256 articles at a time, then codes and commits them
SECOND_CHUNK = 128  # two more batches of 64


def committed(db: Path) -> int:
    """Articles committed so far, read the way the web server reads: a short-lived read-only Store."""
    if not db.exists():
        return 0
    with Store(db, read_only=True) as store:
        return store.count("articles")


def wait_until(condition, what: str, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting until {what}")
        time.sleep(0.2)


def feed(process: subprocess.Popen, rows: list[dict]) -> None:
    process.stdin.write("".join(json.dumps(r) + "\n" for r in rows))
    process.stdin.flush()


@pytest.mark.slow
def test_second_ingest_fails_at_once_and_readers_get_in_between_batches(tmp_path: Path):
    db = tmp_path / "store.duckdb"
    # the first ingest reads stdin: after the first chunk it holds the writer lock but waits for input
    first = start_eventwire("ingest", "-", "--db", str(db), stdin=subprocess.PIPE)
    feed(first, records(FIRST_CHUNK))
    wait_until(lambda: committed(db) == FIRST_CHUNK, "the first chunk is committed")

    second = eventwire("ingest", "-", "--db", str(db), input=json.dumps(records(1, start=9000)[0]) + "\n")
    assert first.poll() is None, "the first ingest is still running"
    assert second.returncode == 3
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1, second.stderr
    assert f"in use by PID {first.pid}" in lines[0] and str(db) in lines[0]
    assert "Traceback" not in second.stderr

    summary = eventwire("summary", "--db", str(db))
    assert summary.returncode == 0, summary.stderr
    assert "Top dyads" in summary.stdout
    listed = eventwire("events", "--db", str(db), "--limit", "3")
    assert listed.returncode == 0, listed.stderr
    assert len(listed.stdout.splitlines()) == 3
    exported = eventwire("export", str(tmp_path / "articles.jsonl"), "--table", "articles", "--db", str(db))
    assert exported.returncode == 0, exported.stderr
    assert len((tmp_path / "articles.jsonl").read_text().splitlines()) == FIRST_CHUNK

    # now readers poll while the writer codes and commits: each gets in between batches
    feed(first, records(SECOND_CHUNK, start=FIRST_CHUNK))
    first.stdin.close()
    seen = []
    while first.poll() is None:
        seen.append(committed(db))
        reader = eventwire("events", "--db", str(db), "--limit", "1")
        assert reader.returncode == 0, reader.stderr
    assert first.wait() == 0, first.stderr.read()
    assert seen == sorted(seen) and seen[0] >= FIRST_CHUNK and len(seen) >= 2
    assert count(db) == FIRST_CHUNK + SECOND_CHUNK

    again = eventwire("ingest", "-", "--db", str(db), input=json.dumps(records(1)[0]) + "\n")
    assert again.returncode == 0, again.stderr  # the lock went with the first run; the store is whole
    assert count(db) == FIRST_CHUNK + SECOND_CHUNK
    assert not Path(str(db) + ".lock").exists()


HOLDER = """
import sys
from eventwire.store import Store
with Store(sys.argv[1]) as store:   # a writer that keeps the file open (a script, an old eventwire)
    print("holding", flush=True)
    sys.stdin.read()
"""


def test_a_reader_kept_out_too_long_gets_one_line_and_exit_3(tmp_path: Path):
    db = tmp_path / "store.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "holding"
        started = time.monotonic()
        reader = eventwire("summary", "--db", str(db), env={"EVENTWIRE_STORE_WAIT": "1"})
        assert reader.returncode == 3
        assert reader.stderr.strip().splitlines() == [reader.stderr.strip()]
        assert f"in use by PID {holder.pid}" in reader.stderr and "within 1 s" in reader.stderr
        assert time.monotonic() - started < 60  # it gave up; it did not hang
        writer = eventwire("ingest", "-", "--db", str(db), input="")
        assert writer.returncode == 3 and f"in use by PID {holder.pid}" in writer.stderr
    finally:
        holder.stdin.close()
        holder.wait()
    assert eventwire("summary", "--db", str(db)).returncode == 0


def test_one_writer_per_store_within_a_process_too(tmp_path: Path):
    db = tmp_path / "store.duckdb"
    with Store.writer(db) as writer:
        with pytest.raises(StoreBusy, match=r"in use by PID \d+"):
            Store.writer(db)
        with pytest.raises(StoreBusy):
            Store(db)
        assert writer.count("articles") == 0
        with Store(db, read_only=True) as reader:  # the writer holds the file only inside its calls
            assert reader.count("articles") == 0
    with Store.writer(db) as writer:  # released on close
        assert writer.count("events") == 0
    assert snapshot(db)["articles"] == []


def stored_batch(k: int) -> list[tuple[Article, list]]:
    return [(Article(id=f"a{k}-{i}", text=f"Report {k}-{i}.", source="Wire"), []) for i in range(20)]


def test_readers_and_a_writer_in_one_process(tmp_path: Path):
    """The web server's case: requests read with short-lived reader Stores in threads while an ingest in
    another thread of the same process writes batch after batch."""
    db = tmp_path / "store.duckdb"
    Store(db).close()
    batches, errors = 30, []

    def write() -> None:
        try:
            with Store.writer(db) as writer:
                for k in range(batches):
                    writer.write_batch(stored_batch(k))
        except Exception as e:  # noqa: BLE001 (reported by the assertion below)
            errors.append(e)

    writer = threading.Thread(target=write)
    writer.start()
    seen = []
    while writer.is_alive():
        with Store(db, read_only=True) as reader:
            seen.append(reader.count("articles"))
    writer.join()
    assert not errors
    assert seen == sorted(seen) and len(seen) > 1 and all(n % 20 == 0 for n in seen)
    with Store(db, read_only=True) as reader:
        assert reader.count("articles") == 20 * batches
