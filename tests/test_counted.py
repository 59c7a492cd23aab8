"""One field says whether an event enters counts: the JSON record, the store's columns, exports, the COUNTED
predicate of the analysis and the summary's "left out" table all read the same `counted`/`not_counted`.
Real files, a real DuckDB store and the real CLI; articles written for these tests."""

from __future__ import annotations

import csv
import json

import duckdb
from typer.testing import CliRunner

from eventwire import analysis
from eventwire.cli import app
from eventwire.store import ADDED_COLUMNS, Store

runner = CliRunner()

POLITICAL = ("Kenyan troops attacked al-Shabaab positions near the Somali border on Monday, the army said. "
             "The defence minister said the offensive would continue until the militants withdrew.")
SPORT = ("The striker scored twice as the club beat their league rivals 3-1 at a packed stadium on Saturday. "
         "Fans attacked the visiting team's bus after the match, the coach said.")
NO_ACTOR = "A bomb exploded near the market on Sunday."


def write_docs(path, docs):
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return path


def docs(tmp_path):
    return write_docs(tmp_path / "in.jsonl", [
        {"id": "pol", "text": POLITICAL, "published": "2024-03-04"},
        {"id": "sport", "text": SPORT, "published": "2024-03-04"},
        {"id": "bare", "text": NO_ACTOR, "published": "2024-03-04"},
    ])


def test_code_output_carries_the_counted_field(tmp_path):
    result = runner.invoke(app, ["code", str(docs(tmp_path))])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert records
    for record in records:
        assert isinstance(record["counted"], bool) and isinstance(record["relevance"], float)
        assert record["counted"] == (record["not_counted"] is None)
    sport = [r for r in records if r["doc_id"] == "sport"]
    assert sport and {r["not_counted"] for r in sport} <= {"low relevance", "no actor"}
    by_doc = {r["doc_id"]: r for r in records if r["cameo"][:2] in ("18", "19")}
    assert by_doc["pol"]["counted"]
    assert by_doc["bare"]["not_counted"] == "no actor"


def test_store_export_and_analysis_agree_on_counted_events(tmp_path):
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["ingest", str(docs(tmp_path)), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with Store(db, read_only=True) as store:
        rows = store.con.execute("SELECT doc_id, counted, not_counted, record FROM events").fetchall()
        assert rows
        for _, counted, reason, record in rows:
            assert json.loads(record)["counted"] == counted and json.loads(record)["not_counted"] == reason
        counted_n = sum(1 for r in rows if r[1])
        by_type = sum(r["events"] for r in analysis.events_by_type(store))
        assert by_type == counted_n  # the analysis counts exactly the events marked counted
        relevance = dict(store.con.execute("SELECT doc_id, relevance FROM articles").fetchall())
        assert relevance["pol"] > relevance["sport"]
        reasons = {r["reason"]: r["events"] for r in analysis.left_out(store)}
        assert reasons.get("not counted: no actor", 0) >= 1
        assert sum(v for k, v in reasons.items() if k.startswith("not counted: ")) == len(rows) - counted_n
        widened = store.con.execute(
            f"SELECT count(*) FROM events WHERE {analysis.counted_predicate(include_low_relevance=True)}").fetchone()[0]
        assert widened == counted_n + reasons.get("not counted: low relevance", 0)
        only_counted = store.events(counted=True)
        assert len(only_counted) == counted_n and all(r["counted"] for r in only_counted)
    out = tmp_path / "events.csv"
    assert runner.invoke(app, ["export", str(out), "--db", str(db)]).exit_code == 0
    with out.open(encoding="utf-8") as fh:
        exported = list(csv.DictReader(fh))
    assert {"counted", "not_counted"} <= set(exported[0])
    assert sum(r["counted"] == "true" for r in exported) == counted_n
    articles = tmp_path / "articles.csv"
    assert runner.invoke(app, ["export", str(articles), "--db", str(db), "--table", "articles"]).exit_code == 0
    assert "relevance" in articles.read_text(encoding="utf-8").splitlines()[0]


def test_summary_says_how_many_events_were_left_out_and_why(tmp_path):
    db = tmp_path / "s.duckdb"
    assert runner.invoke(app, ["ingest", str(docs(tmp_path)), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["summary", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "Left out of counts" in result.stdout and "not counted: no actor" in result.stdout


def old_store(tmp_path):
    """A store as the version before the counted field wrote it: the same tables without the added columns,
    and a hypothetical event beside an occurred one."""
    db = tmp_path / "old.duckdb"
    assert runner.invoke(app, ["ingest", str(docs(tmp_path)), "--db", str(db)]).exit_code == 0
    con = duckdb.connect(str(db))
    con.execute("UPDATE events SET status = 'hypothetical' WHERE event_id = (SELECT min(event_id) FROM events)")
    for table, column, _ in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.close()
    return db


def columns_of(db) -> set[tuple[str, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return set(con.execute("SELECT table_name, column_name FROM information_schema.columns").fetchall())


def test_a_reader_counts_an_older_store_by_status_and_never_writes_to_it(tmp_path):
    db = old_store(tmp_path)
    before = (db.read_bytes(), columns_of(db))
    with Store(db, read_only=True) as store:
        statuses = dict(store.con.execute("SELECT status, count(*) FROM events GROUP BY 1").fetchall())
        by_status = sum(n for s, n in statuses.items() if s in ("occurred", "ongoing"))
        assert sum(r["events"] for r in analysis.events_by_type(store)) == store.con.execute(
            "SELECT count(*) FROM events WHERE status IN ('occurred', 'ongoing') AND plover IS NOT NULL"
        ).fetchone()[0]
        reasons = {r["reason"]: r["events"] for r in analysis.left_out(store)}
        assert reasons["not counted: hypothetical"] == statuses["hypothetical"]
        assert len(store.events(counted=True)) == by_status
        assert analysis.series(store, count="events", freq="month")
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["export", str(out), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8") as fh:
        header = next(csv.reader(fh))
    assert "rowid" not in header and {"counted", "not_counted"} <= set(header)
    assert runner.invoke(app, ["summary", "--db", str(db)]).exit_code == 0
    assert (db.read_bytes(), columns_of(db)) == before  # read-only means read-only: nothing upgraded


def test_a_writer_upgrades_an_older_store_and_its_old_rows_count_by_status(tmp_path):
    db = old_store(tmp_path)
    with Store(db) as store:
        assert {(t, c) for t, c, _ in ADDED_COLUMNS} <= {
            (t, c) for t, c in store.con.execute(
                "SELECT table_name, column_name FROM information_schema.columns").fetchall()}
        assert store.con.execute("SELECT count(*) FROM events WHERE counted IS NOT NULL").fetchone()[0] == 0
        hypothetical = store.con.execute(
            f"SELECT count(*) FROM events WHERE NOT ({analysis.COUNTED})").fetchone()[0]
        assert hypothetical == store.con.execute(
            "SELECT count(*) FROM events WHERE status NOT IN ('occurred', 'ongoing')").fetchone()[0]


def test_the_server_reads_an_older_store_with_the_same_counted_rule(tmp_path):
    from eventwire.web import queries
    from eventwire.web.reading import SharedReader

    db = old_store(tmp_path)
    before = (db.read_bytes(), columns_of(db))
    reader = SharedReader(str(db))
    try:
        with reader.store() as store:
            counted, _ = queries.list_events(store, queries.EventFilter(counted=True), limit=1000)
            left, _ = queries.list_events(store, queries.EventFilter(counted=False), limit=1000)
            statuses = dict(store.con.execute("SELECT status, count(*) FROM events GROUP BY 1").fetchall())
    finally:
        reader.close()
    assert counted and all(e["counted"] and e["status"] in ("occurred", "ongoing") for e in counted)
    assert len(counted) + len(left) == sum(statuses.values()) and not any(e["counted"] for e in left)
    assert (db.read_bytes(), columns_of(db)) == before
