"""Issue #14 item 16: `export` does not overwrite an existing file (another store included) without
`--force`, never overwrites the store it reads, and writes a whole file or none; `KnowledgeBase.save`
replaces the KB in one transaction, so a failure midway (here: a full disk) leaves the old KB whole."""

from __future__ import annotations

import csv
import random
import resource
import string
from pathlib import Path

import duckdb
import pytest
from store_helpers import count, eventwire, records, snapshot, write_jsonl

from eventwire.actors.kb import KnowledgeBase


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("export")
    db = folder / "store.duckdb"
    run = eventwire("ingest", str(write_jsonl(folder / "news.jsonl", records(6))), "--db", str(db))
    assert run.returncode == 0, run.stderr
    return db


def test_export_keeps_an_existing_file_unless_forced(store: Path, tmp_path: Path):
    other = tmp_path / "other.duckdb"  # another store, named as the export by mistake
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE precious AS SELECT 42 AS answer")
    con.close()
    before = other.read_bytes()
    run = eventwire("export", str(other), "--format", "parquet", "--db", str(store))
    assert run.returncode == 2
    assert run.stderr.strip() == f"error: {other} already exists; pass --force to overwrite it"
    assert other.read_bytes() == before

    forced = eventwire("export", str(other), "--format", "parquet", "--force", "--db", str(store))
    assert forced.returncode == 0, forced.stderr
    sql = f"SELECT count(*), count(DISTINCT event_id) FROM read_parquet('{other}')"
    rows = duckdb.connect().execute(sql).fetchall()[0]
    assert rows[0] == rows[1] == count(store, "events") > 0
    assert [p.name for p in tmp_path.iterdir()] == ["other.duckdb"]  # no partial file left beside it


def test_export_never_overwrites_the_store_and_writes_local_files_only(store: Path, tmp_path: Path):
    before = snapshot(store)
    run = eventwire("export", str(store), "--format", "csv", "--force", "--db", str(store))
    assert run.returncode == 2 and "it is the store being exported" in run.stderr
    for url in ("s3://bucket/events.parquet", "https://example.org/events.csv"):
        remote = eventwire("export", url, "--db", str(store))
        assert remote.returncode == 2 and "export writes local files only" in remote.stderr
        assert "extension" not in remote.stderr and "Traceback" not in remote.stderr
    missing = eventwire("export", str(tmp_path / "no" / "e.csv"), "--db", str(store))
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    assert snapshot(store) == before


def test_each_format_round_trips(store: Path, tmp_path: Path):
    con = duckdb.connect(str(store), read_only=True)
    expected = con.execute("SELECT count(*), count(DISTINCT role) FROM event_actors").fetchall()
    con.close()
    for fmt in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"actors.{fmt}"
        run = eventwire("export", str(out), "--table", "event_actors", "--db", str(store))
        assert run.returncode == 0, run.stderr
        reader = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}[fmt]
        got = duckdb.connect().execute(f"SELECT count(*), count(DISTINCT role) FROM {reader}('{out}')").fetchall()
        assert got == expected and expected[0][0] > 0


def write_roles(path: Path, n: int, seed: int) -> Path:
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["name", "aliases", "country", "org", "sector", "role", "start", "end"])
        for i in range(n):  # random aliases: they do not compress, so the KB grows by their size
            aliases = "|".join("".join(rng.choices(string.ascii_letters, k=40)) for _ in range(10))
            out.writerow([f"Person Number{seed}x{i}", aliases, "NOR", "", "GOV", "deputy minister", "2020-01-01", ""])
    return path


def roles(path: Path) -> list[dict]:
    kb = KnowledgeBase()
    kb.load(path)
    return sorted(kb.rows(), key=lambda r: r["name"])


@pytest.mark.slow
def test_a_kb_save_that_fails_midway_leaves_the_old_kb(tmp_path: Path):
    kb = tmp_path / "kb.duckdb"
    first = eventwire("kb", "import", str(write_roles(tmp_path / "small.csv", 3, 1)), "--kb", str(kb))
    assert first.returncode == 0, first.stderr
    before = roles(kb)
    assert len(before) == 3
    limit = kb.stat().st_size + 150_000  # room to start the save, not for the 1,500 new roles

    def full_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    big = write_roles(tmp_path / "big.csv", 1500, 2)
    run = eventwire("kb", "import", str(big), "--kb", str(kb), preexec_fn=full_disk)
    assert run.returncode == 4
    assert run.stderr.strip().splitlines() == [run.stderr.strip()]
    assert f"could not save the KB {kb}" in run.stderr and "File too large" in run.stderr
    assert roles(kb) == before  # not emptied by the DELETE that came first
