"""Every core by default: how many workers a run uses, that `code` streams its records while it works and
gives what one process gives, and the progress bar's rate and time left."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rich.console import Console

from eventwire import engine
from eventwire.progress import ArticleProgress, count_records

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "src" / "eventwire" / "data" / "samples" / "ukraine_crisis_2021_2022.jsonl"


def test_workers_default_to_the_usable_cores_and_the_input_size():
    cores = len(os.sched_getaffinity(0))
    assert engine.usable_cores() == cores
    assert engine.worker_count(None) == engine.worker_count(0) == cores
    assert engine.worker_count(3) == 3 and engine.worker_count(1) == 1
    assert engine.worker_count(8, known_articles=10) == 1  # too small to pay for forking
    assert engine.worker_count(8, known_articles=40) == 40 // engine.MIN_ARTICLES_PER_WORKER
    assert engine.worker_count(2, known_articles=10_000) == 2


def test_a_small_input_is_coded_in_this_process(pipeline, monkeypatch):
    from eventwire.model import Article

    def no_forking(*args, **kwargs):
        raise AssertionError("a 5-article input must not start worker processes")

    monkeypatch.setattr(engine, "code_in_workers", no_forking)
    articles = [Article(id=str(i), text="Russian troops shelled Kharkiv on Monday.") for i in range(5)]
    coded = list(engine.coded_articles(articles, pipeline, n_process=4))
    assert [a.id for a, _ in coded] == [str(i) for i in range(5)] and all(events for _, events in coded)


def write_corpus(path: Path, copies: int) -> Path:
    records = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for r in records:
                fh.write(json.dumps({**r, "id": f"{r.get('id', 'r')}-{k}"}, ensure_ascii=False) + "\n")
    return path


def eventwire(*args: str, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "EVENTWIRE_LEARN_IDENTITIES": "0"}
    return subprocess.Popen([sys.executable, "-m", "eventwire.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT, **kwargs)


@pytest.mark.slow
def test_code_streams_records_and_equals_one_process(tmp_path: Path):
    corpus = write_corpus(tmp_path / "news.jsonl", copies=4)
    child = eventwire("code", str(corpus), "-j", "2")
    first = child.stdout.readline()
    still_running = child.poll() is None
    rest, err = child.communicate(timeout=1800)
    assert child.returncode == 0, err
    assert first and still_running  # the first records came out while the rest was being coded
    parallel = [json.loads(line) for line in [first, *rest.splitlines()]]
    one = eventwire("code", str(corpus), "-j", "1")
    out, err = one.communicate(timeout=1800)
    assert one.returncode == 0, err
    assert parallel == [json.loads(line) for line in out.splitlines()]  # same records, same order
    assert len({e["doc_id"] for e in parallel}) > 90


def test_count_records(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n{"text": "z"}', encoding="utf-8")
    (tmp_path / "folder").mkdir()
    (tmp_path / "folder" / "one.txt").write_text("A story.", encoding="utf-8")
    (tmp_path / "folder" / "b.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    assert count_records([str(tmp_path / "a.jsonl"), str(tmp_path / "folder")]) == 5
    assert count_records(["-"]) is None  # stdin: unknown
    (tmp_path / "feed.rss").write_text("<rss/>", encoding="utf-8")
    assert count_records([str(tmp_path / "feed.rss")]) is None


def test_progress_shows_rate_and_time_left(tmp_path: Path):
    corpus = tmp_path / "n.jsonl"
    corpus.write_text("".join('{"text": "x"}\n' for _ in range(100)), encoding="utf-8")
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=150, color_system=None)
    with ArticleProgress(console, [str(corpus)]) as progress:
        deadline = time.monotonic() + 10
        while progress.bar.tasks[0].total is None and time.monotonic() < deadline:
            time.sleep(0.01)  # the total is counted in the background
        assert progress.bar.tasks[0].total == 100
        time.sleep(0.2)
        progress.on_batch(25, 25, 3)
        line = "".join(str(c.render(progress.bar.tasks[0])) for c in progress.bar.columns[2:])
    assert "25/100" in line and "articles/s" in line
    eta = line.split("ETA ")[1]
    hours, minutes, seconds = (int(x) for x in eta[:7].split(":"))
    assert 0 < 3600 * hours + 60 * minutes + seconds < 60  # three times the time taken so far
