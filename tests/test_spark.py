"""The Spark engine in local[2] codes the same events as the local engine, from JSONL and WARC inputs,
and writes Parquet partitioned by event month."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("pyspark")
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(shutil.which("java") is None, reason="Spark needs a Java runtime")]

REPORTS = [
    "Russian troops shelled the city of Kharkiv on Monday, killing three civilians, regional officials said.",
    "The French president met the German chancellor in Paris on Tuesday to discuss energy prices.",
    "Thousands of teachers protested outside parliament in Nairobi, demanding higher pay.",
    "Israel's military carried out air strikes on targets in Gaza overnight, the army said.",
    "The United Nations Security Council condemned the coup in Niger and called for calm.",
    "China accused the United States of interfering in its internal affairs over Taiwan.",
    "Police arrested 40 opposition supporters in Dhaka after clashes on Sunday.",
    "Turkey and Greece agreed to resume talks on maritime borders next month.",
]


def write_inputs(folder: Path) -> list[str]:
    from test_ingest_formats import BODY, PAGE, warc_bytes

    corpus = folder / "reports.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(REPORTS):
            fh.write(json.dumps({"id": f"s{i}", "text": text, "published": f"2023-0{1 + i % 3}-1{i}",
                                 "source": "Test Wire"}) + "\n")
        fh.write('{"id": "broken", "text": \n')
    warc = folder / "pages.warc.gz"
    warc.write_bytes(warc_bytes([
        ("http://example.org/a", "2023-05-02T10:00:00Z",
         PAGE.format(title="Ministers meet in Ankara", date="2023-05-01", body=BODY).encode(), None),
        ("http://example.org/b", "2023-06-03T10:00:00Z",
         PAGE.format(title="Border talks", date="2023-06-02", body=BODY.replace("Monday", "Friday")).encode(),
         None)]))
    return [str(corpus), str(warc)]


def canonical(records: list[str]) -> list[str]:
    return sorted(json.dumps(json.loads(r), sort_keys=True) for r in records)


def test_spark_local2_events_equal_local_engine(tmp_path: Path, pipeline):
    from eventwire import engine, spark

    inputs = write_inputs(tmp_path)
    out = tmp_path / "spark-out"
    counts = spark.run(inputs, str(out), master="local[2]", partitions=3)
    local = engine.ingest(inputs, str(tmp_path / "local.duckdb"), pipeline)
    assert counts["articles"] == local["articles_added"] == len(REPORTS) + 2
    assert counts["problems"] == local["problems"] == 1
    assert "reports.jsonl:9" in (out / "problems" / "problems.jsonl").read_text()

    con = duckdb.connect(str(tmp_path / "local.duckdb"), read_only=True)
    local_events = [r[0] for r in con.execute("SELECT record FROM events").fetchall()]
    local_docs = {r[0] for r in con.execute("SELECT doc_hash FROM articles").fetchall()}
    con.close()
    pq = duckdb.connect()
    spark_docs = {r[0] for r in pq.execute(f"SELECT doc_hash FROM read_parquet('{out}/articles/*.parquet')").fetchall()}
    assert spark_docs == local_docs
    event_files = list((out / "events").glob("month=*/*.parquet"))
    spark_events = []
    if event_files:
        rows = pq.execute(f"SELECT record, month, date FROM read_parquet('{out}/events/*/*.parquet', "
                          "hive_partitioning = true)").fetchall()
        spark_events = [r[0] for r in rows]
        assert all(month == (date[:7] if date else month) for _, month, date in rows)
    assert counts["events"] == len(spark_events) == len(local_events)
    assert canonical(spark_events) == canonical(local_events)


def test_spark_rerun_replaces_its_own_output_only(tmp_path: Path, monkeypatch):
    from eventwire import spark

    inputs = write_inputs(tmp_path)
    monkeypatch.chdir(tmp_path)  # a relative output path resolves on the local disk
    out = tmp_path / "spark-out"
    spark.run(inputs, "spark-out", master="local[2]", partitions=2)
    (out / "notes.txt").write_text("kept")
    (out / "events" / "month=1999-01").mkdir()
    (out / "events" / "month=1999-01" / "part-00042.parquet").write_text("stale")
    counts = spark.run(inputs[:1], "spark-out", master="local[2]", partitions=2)
    assert (out / "_SUCCESS").exists() and (out / "notes.txt").read_text() == "kept"
    assert not (out / "events" / "month=1999-01").exists()
    con = duckdb.connect()
    n_articles = con.execute(f"SELECT count(*) FROM read_parquet('{out}/articles/*.parquet')").fetchone()[0]
    n_events = con.execute(f"SELECT count(*) FROM read_parquet('{out}/events/*/*.parquet')").fetchone()[0]
    assert n_articles == counts["articles"] == len(REPORTS)
    assert n_events == counts["events"] > 0
    assert not list(out.rglob(".*.tmp"))
