"""Issue #14 item 11: `--db` naming an existing file that is not a DuckDB store is refused with one line and
exit code 2, and the file is left as it was (DuckDB itself opens a JSONL or Parquet file as an empty
in-memory database, so an ingest used to report events added and keep none); a new path is created."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from store_helpers import count, eventwire, records, write_jsonl

from eventwire.store import NotAStore, Store


def not_stores(folder: Path) -> dict[str, tuple[Path, str]]:
    """Files a user might pass as --db by mistake, with what the refusal should call them."""
    news = write_jsonl(folder / "news.jsonl", records(2))
    parquet = folder / "x.parquet"
    pq.write_table(pa.table({"a": [1, 2]}), parquet)
    lite = folder / "s.sqlite"
    with sqlite3.connect(lite) as con:
        con.execute("CREATE TABLE t (a INTEGER)")
    text = folder / "notes.duckdb"
    text.write_text("not a database, whatever the name says\n", encoding="utf-8")
    folder_db = folder / "store"
    folder_db.mkdir()
    return {"jsonl": (news, "a JSON file"), "parquet": (parquet, "a Parquet file"),
            "sqlite": (lite, "an SQLite database"), "text": (text, "not DuckDB's header"),
            "folder": (folder_db, "is a folder")}


def refused(run, path: Path, called: str) -> bool:
    lines = run.stderr.strip().splitlines()
    assert run.returncode == 2, (run.stdout, run.stderr)
    assert len(lines) == 1 and str(path) in lines[0] and called in lines[0], run.stderr
    return "added" not in run.stderr and "Traceback" not in run.stderr


@pytest.mark.parametrize("kind", ["jsonl", "parquet", "sqlite", "text", "folder"])
def test_ingest_refuses_a_file_that_is_not_a_store_and_leaves_it_alone(tmp_path: Path, kind: str):
    path, called = not_stores(tmp_path)[kind]
    before = path.read_bytes() if path.is_file() else None
    corpus = write_jsonl(tmp_path / "in.jsonl", records(3))
    assert refused(eventwire("ingest", str(corpus), "--db", str(path)), path, called)
    if before is not None:
        assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["news.jsonl", "x.parquet", "s.sqlite", "notes.duckdb", "store", "in.jsonl"])  # no .wal, no .lock


def test_readers_refuse_it_too(tmp_path: Path):
    path, called = not_stores(tmp_path)["jsonl"]
    for command in (["summary"], ["events"], ["export", str(tmp_path / "out.csv")]):
        assert refused(eventwire(*command, "--db", str(path)), path, called)
    assert not (tmp_path / "out.csv").exists()


def test_the_api_refuses_them_too(tmp_path: Path):
    for path, _ in not_stores(tmp_path).values():
        for read_only in (False, True):
            with pytest.raises(NotAStore, match=str(path)):
                Store(path, read_only=read_only)
    with pytest.raises(NotAStore, match="does not exist"):
        Store(tmp_path / "missing" / "store.duckdb")


def test_a_new_path_or_an_empty_file_becomes_a_store(tmp_path: Path):
    corpus = write_jsonl(tmp_path / "in.jsonl", records(3))
    empty = tmp_path / "made-by-mktemp.duckdb"
    empty.touch()
    for db in (tmp_path / "new.duckdb", empty):
        run = eventwire("ingest", str(corpus), "--db", str(db))
        assert run.returncode == 0, run.stderr
        assert count(db, "articles") == 3
    missing = eventwire("ingest", str(corpus), "--db", str(tmp_path / "no-such-folder" / "s.duckdb"))
    assert missing.returncode == 2 and "the folder" in missing.stderr and "does not exist" in missing.stderr
