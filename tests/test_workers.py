"""Every core by default: how many workers a run uses, that `code` streams its records while it works and
gives what one process gives, and the progress bar's rate and time left."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import threading
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


def test_the_last_articles_go_to_the_workers_in_smaller_chunks():
    sizes = [len(c) for c in engine.chunks(range(300), 32, taper=2)]
    assert sizes == [32] * 8 + [11] * 4  # the last 44 in four chunks, so two workers end together
    assert [len(c) for c in engine.chunks(range(300), 32)] == [32] * 9 + [12]
    for n in (0, 1, 31, 32, 33, 64, 65, 1000):
        for taper in (0, 1, 2, 4):
            parts = list(engine.chunks(iter(range(n)), 32, taper=taper))
            assert [x for part in parts for x in part] == list(range(n))  # every article once, in order
            assert all(0 < len(part) <= 32 for part in parts)


def write_corpus(path: Path, copies: int) -> Path:
    records = [json.loads(line) for line in SAMPLES.read_text(encoding="utf-8").splitlines()]
    with path.open("w", encoding="utf-8") as fh:
        for k in range(copies):
            for r in records:
                fh.write(json.dumps({**r, "id": f"{r.get('id', 'r')}-{k}"}, ensure_ascii=False) + "\n")
    return path


def eventwire(*args: str, learn: bool = False, **kwargs) -> subprocess.Popen:
    env = {**os.environ, "EVENTWIRE_LEARN_IDENTITIES": "1" if learn else "0"}
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.Popen([sys.executable, "-m", "eventwire.cli", *args], stdout=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT, **kwargs)


class ChildWatch:
    """The most child processes (forked workers) a running process has had at once, read from /proc."""

    def __init__(self, process: subprocess.Popen):
        self.process, self.most = process, 0
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self) -> None:
        pid = self.process.pid
        while self.process.poll() is None:
            try:
                with open(f"/proc/{pid}/task/{pid}/children") as fh:
                    self.most = max(self.most, len(fh.read().split()))
            except OSError:
                pass
            time.sleep(0.05)

    def result(self) -> int:
        self.thread.join(timeout=30)
        return self.most


@pytest.mark.slow
def test_code_by_default_streams_on_every_core_and_equals_one_process(tmp_path: Path):
    corpus = write_corpus(tmp_path / "news.jsonl", copies=4)
    articles = count_records([str(corpus)])
    with (tmp_path / "stderr").open("w+") as log:
        child = eventwire("code", str(corpus), stderr=log, learn=True)  # no -j: the default
        workers = ChildWatch(child)
        first = child.stdout.readline()
        still_running = child.poll() is None
        rest = child.stdout.read()  # (communicate would skip what readline has buffered)
        child.wait(timeout=1800)
        log.seek(0)
        assert child.returncode == 0, log.read()
    assert first and still_running  # the first records came out while the rest was being coded
    assert workers.result() == engine.worker_count(0, known_articles=articles)  # one per usable core
    parallel = [json.loads(line) for line in [first, *rest.splitlines()]]
    one = eventwire("code", str(corpus), "-j", "1", learn=True)
    alone = ChildWatch(one)
    out, err = one.communicate(timeout=1800)
    assert one.returncode == 0, err
    assert alone.result() == 0
    assert parallel == [json.loads(line) for line in out.splitlines()]  # same records, same order, though
    # what articles teach about people crosses from one worker's chunk to the other's (learning.py)
    assert len({e["doc_id"] for e in parallel}) > 90


@pytest.mark.slow
def test_one_process_with_identity_learning_gives_the_same_output_every_run(tmp_path: Path):
    """-j 1 codes the articles in input order in one process, so what one article teaches the next is the
    same every run."""
    corpus = write_corpus(tmp_path / "news.jsonl", copies=2)
    runs = []
    for _ in range(2):
        child = eventwire("code", str(corpus), "-j", "1", learn=True)
        out, err = child.communicate(timeout=1800)
        assert child.returncode == 0, err
        runs.append([json.loads(line) for line in out.splitlines()])
    assert runs[0] and runs[0] == runs[1]


def test_a_small_input_forks_no_worker(tmp_path: Path):
    corpus = tmp_path / "few.jsonl"
    corpus.write_text("".join(json.dumps({"id": str(i), "text": "Russian troops shelled Kharkiv on Monday."}) + "\n"
                              for i in range(5)), encoding="utf-8")
    child = eventwire("code", str(corpus))
    workers = ChildWatch(child)
    out, err = child.communicate(timeout=600)
    assert child.returncode == 0, err
    assert workers.result() == 0
    assert [json.loads(line)["doc_id"] for line in out.splitlines()] == [str(i) for i in range(5)]


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


def test_stdin_is_coded_in_one_process_by_default(tmp_path: Path):
    """A pipe may pause between records: one process codes each record as it comes (workers would hold the
    last chunks back until more input arrives)."""
    records = "".join(json.dumps({"id": str(i), "text": "Russian troops shelled Kharkiv on Monday."}) + "\n"
                      for i in range(40))
    child = eventwire("code", "-", stdin=subprocess.PIPE)
    workers = ChildWatch(child)
    out, err = child.communicate(records, timeout=600)
    assert child.returncode == 0, err
    assert workers.result() == 0  # 40 articles from a file would get 2 workers on 2 cores
    assert len({json.loads(line)["doc_id"] for line in out.splitlines()}) == 40
