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
from eventwire.store import Store

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
        assert reasons.get("no actor", 0) >= 1
        assert sum(v for k, v in reasons.items() if not k.startswith("undated")) == len(rows) - counted_n
        widened = store.con.execute(
            f"SELECT count(*) FROM events WHERE {analysis.counted_predicate(include_low_relevance=True)}").fetchone()[0]
        assert widened == counted_n + reasons.get("low relevance", 0)
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
    assert "Left out of counts" in result.stdout and "no actor" in result.stdout


def test_a_store_written_before_the_counted_field_is_upgraded_and_counted_by_status(tmp_path):
    db = tmp_path / "old.duckdb"
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE articles (doc_hash VARCHAR PRIMARY KEY, doc_id VARCHAR, title VARCHAR, "
                "published DATE, source VARCHAR, url VARCHAR, text VARCHAR, n_events INTEGER)")
    con.execute("CREATE TABLE events (event_id VARCHAR, doc_hash VARCHAR, status VARCHAR, plover VARCHAR, "
                "cameo_root VARCHAR, goldstein DOUBLE, date DATE)")
    con.execute("INSERT INTO events VALUES ('e1', 'h', 'occurred', 'ASSAULT', '18', -9.0, '2024-01-02'), "
                "('e2', 'h', 'hypothetical', 'ASSAULT', '18', -9.0, '2024-01-02')")
    con.close()
    with Store(db, read_only=True) as store:
        assert [r["events"] for r in analysis.events_by_type(store)] == [1]
        assert {r["reason"] for r in analysis.left_out(store)} == {"hypothetical"}
