"""Idempotence and resume of the local engine: re-ingesting adds nothing, stored articles are skipped before
parsing, and a kill -9 in the middle of an ingest followed by a re-run leaves exactly a clean run's rows."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from store_helpers import kill_after_commits

from eventwire import engine
from eventwire.model import Article
from eventwire.store import Store

COUNTRIES = ["Kenya", "Peru", "Norway", "Vietnam", "Ghana", "Chile", "Poland", "Jordan"]
ACTS = ["met the prime minister of {other} in the capital to discuss trade",
        "accused {other} of violating the border agreement",
        "sent aid convoys to flood victims in {other}",
        "recalled its ambassador from {other} after a diplomatic row"]
BATCH = 4


def write_corpus(path: Path, n: int = 120) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            country, other = COUNTRIES[i % 8], COUNTRIES[(i * 3 + 1) % 8]
            act = ACTS[i % 4].format(other=other)
            text = (f"The government of {country} {act} on Tuesday, officials said.\n"
                    f"Report number {i} was filed from the regional desk later that week.")
            fh.write(json.dumps({"id": f"r{i}", "text": text, "published": f"2024-05-{1 + i % 28:02d}",
                                 "source": ["Wire A", "Wire B", "Wire C"][i % 3]}) + "\n")
    return path


TABLES = {"articles": "* EXCLUDE (ingested_at)", "events": "*", "event_actors": "*", "mentions": "*",
          "clusters": "*", "cluster_members": "*"}


def snapshot(db: Path) -> dict[str, list]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: sorted(map(repr, con.execute(f"SELECT {cols} FROM {t}").fetchall())) for t, cols in TABLES.items()}
    finally:
        con.close()


def test_reingest_adds_nothing(tmp_path: Path, pipeline):
    corpus = write_corpus(tmp_path / "c.jsonl", 12)
    first = engine.ingest([str(corpus)], str(tmp_path / "s.duckdb"), pipeline, batch_size=BATCH)
    again = engine.ingest([str(corpus)], str(tmp_path / "s.duckdb"), pipeline, batch_size=BATCH)
    assert first["articles_added"] == 12 and again["articles_seen"] == 12
    assert again["articles_added"] == again["events_added"] == 0


def test_stored_articles_are_dropped_before_parsing(tmp_path: Path):
    articles = [Article(id=f"a{i}", text=f"Story {i} happened.") for i in range(10)]
    skipped: list[int] = []
    with Store(tmp_path / "s.duckdb") as store:
        store.write_batch([(a, []) for a in articles[:6]])
        left = list(engine.unstored(articles + articles[8:], store, chunk=4, on_skip=skipped.append))
    assert [a.id for a in left] == ["a6", "a7", "a8", "a9"]  # the repeats of a8, a9 are dropped too
    assert sum(skipped) == 8


INTERRUPTED = """
import sys
from eventwire import engine
from eventwire.pipeline import Pipeline

def committed(n, added, events):
    print("committed", added, flush=True)

engine.ingest([sys.argv[1]], sys.argv[2], Pipeline(), batch_size=int(sys.argv[3]), on_batch=committed)
print("done", flush=True)
"""


@pytest.mark.slow
def test_kill_9_then_rerun_gives_the_clean_rows(tmp_path: Path, pipeline):
    corpus = write_corpus(tmp_path / "c.jsonl")
    clean, resumed = tmp_path / "clean.duckdb", tmp_path / "resumed.duckdb"
    engine.ingest([str(corpus)], str(clean), pipeline, batch_size=BATCH)

    child = subprocess.Popen([sys.executable, "-c", INTERRUPTED, str(corpus), str(resumed), str(BATCH)],
                             stdout=subprocess.PIPE, text=True, start_new_session=True)
    kill_after_commits(child, 3)
    assert child.returncode == -signal.SIGKILL

    partial = snapshot(resumed)
    assert BATCH * 3 <= len(partial["articles"]) < 120  # killed mid-run, committed batches kept
    rerun = engine.ingest([str(corpus)], str(resumed), pipeline, batch_size=BATCH)
    assert rerun["articles_added"] == 120 - len(partial["articles"])
    assert snapshot(resumed) == snapshot(clean)


def test_two_worker_processes_store_the_same_rows_as_one(tmp_path: Path, pipeline):
    corpus = write_corpus(tmp_path / "c.jsonl", 50)
    one = engine.ingest([str(corpus)], str(tmp_path / "one.duckdb"), pipeline, batch_size=BATCH)
    two = engine.ingest([str(corpus)], str(tmp_path / "two.duckdb"), pipeline, batch_size=BATCH, n_process=2)
    assert one == two and one["articles_added"] == 50
    assert snapshot(tmp_path / "one.duckdb") == snapshot(tmp_path / "two.duckdb")
