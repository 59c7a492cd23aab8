"""Issue #14 item 17: the store's DuckDB connections never install or load an extension on demand (the tool
works offline), and reach no file but the store's own, so neither an SQLite file given as --db nor an
s3:// or https:// path makes DuckDB try a download."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import duckdb
import pytest
from store_helpers import eventwire

from eventwire.store import Store

SETTINGS = ("autoinstall_known_extensions", "autoload_known_extensions", "enable_external_access",
            "lock_configuration")


@pytest.mark.parametrize("read_only", [False, True])
def test_store_connections_are_locked_down(tmp_path: Path, read_only: bool):
    db = tmp_path / "store.duckdb"
    Store(db).close()
    elsewhere = tmp_path / "elsewhere.csv"
    elsewhere.write_text("a,b\n1,2\n", encoding="utf-8")
    lite = tmp_path / "s.sqlite"
    with sqlite3.connect(lite) as con:
        con.execute("CREATE TABLE t (a INTEGER)")
    with Store(db, read_only=read_only) as store:
        values = store.con.execute(f"SELECT {', '.join(f'current_setting({s!r})' for s in SETTINGS)}").fetchall()
        assert values == [(False, False, False, True)]
        assert store.count("articles") == 0  # its own file is readable
        refused = [f"SELECT * FROM read_csv('{elsewhere}')", f"ATTACH '{lite}' AS lite (TYPE sqlite)",
                   "SELECT * FROM read_parquet('https://example.org/events.parquet')",
                   "COPY (SELECT 1) TO 's3://bucket/x.parquet'", f"COPY (SELECT 1) TO '{tmp_path / 'x.csv'}'",
                   "SET autoinstall_known_extensions = true", "SET enable_external_access = true"]
        for sql in refused:
            with pytest.raises(duckdb.Error) as caught:
                store.con.execute(sql)
            assert "download" not in str(caught.value).lower(), sql
    assert not (tmp_path / "x.csv").exists()


def test_an_sqlite_file_as_db_is_refused_without_any_download(tmp_path: Path):
    lite = tmp_path / "events.db"
    with sqlite3.connect(lite) as con:
        con.execute("CREATE TABLE t (a INTEGER)")
    home = tmp_path / "home"  # no extension cached from earlier runs
    home.mkdir()
    for command in (["summary"], ["ingest", "-"]):
        run = eventwire(*command, "--db", str(lite), input="", env={"HOME": str(home)})
        assert run.returncode == 2, run.stderr
        assert run.stderr.strip() == f"error: {lite} is not a DuckDB store (an SQLite database); give --db a " \
                                     f".duckdb file, or a new path to create one"
    assert not any(home.rglob("*.duckdb_extension*"))
