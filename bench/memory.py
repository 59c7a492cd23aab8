"""Peak memory (RSS) of the readers and the CLI on the inputs of issue #14 that used to blow up.

    .venv/bin/python bench/memory.py [--mb 150] [--rounds 3]

* a 200,000-character run-on "sentence" through `eventwire code` (target: <= 400 MB);
* a CSV of `--mb` megabytes against the same rows as JSONL, read by `read_inputs` alone (the reader's own
  memory) and through `eventwire ingest` (the whole command; every row is the same article, so all but the
  first are skipped before parsing and the run shows the reading path, not the coder) (target: <= 400 MB).

Rows are news texts from ../shared/data/news when it is there, else generated sentences. Each figure is
the median of `--rounds` runs (peak RSS from the kernel's accounting of each child process).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXE = Path(sys.executable).with_name("eventwire")

READ_ALL = ("import sys; from eventwire.ingest import read_inputs\n"
            "n = sum(1 for _ in read_inputs(sys.argv[1:]))\nprint(n, 'items')")


def peak_mb(command: list[str], cwd: Path) -> tuple[float, float, int]:
    """(peak RSS in MB, seconds, exit code) of one child process; run alone, so RUSAGE_CHILDREN's maximum
    is this child's (the children of earlier runs were smaller or are reported separately by wait4)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss / 1024, time.perf_counter() - started, process.returncode


def news_texts() -> list[dict]:
    path = SHARED / "data" / "news" / "bbc_news_2225.jsonl"
    if path.exists():
        return [json.loads(line) for line in path.open(encoding="utf-8")]
    sentence = "Officials said the talks between the two delegations would resume in Geneva next week. "
    return [{"id": f"gen-{i}", "title": f"Story {i}", "text": sentence * (20 + i % 30)} for i in range(2000)]


def write_rows(folder: Path, megabytes: int, same_article: bool) -> tuple[Path, Path]:
    """The same rows as CSV and as JSONL, about `megabytes` each."""
    texts = news_texts()
    tag = "same" if same_article else "news"
    csv_path, jsonl_path = folder / f"{tag}.csv", folder / f"{tag}.jsonl"
    with csv_path.open("w", encoding="utf-8", newline="") as c, jsonl_path.open("w", encoding="utf-8") as j:
        writer = csv.writer(c)
        writer.writerow(["id", "title", "text", "published", "source"])
        n = 0
        while c.tell() < megabytes * 1_000_000:
            doc = texts[0 if same_article else n % len(texts)]
            row = {"id": f"r{n}", "title": doc.get("title", ""), "text": doc["text"], "published": "2022-03-01",
                   "source": "bench"}
            writer.writerow(row.values())
            j.write(json.dumps(row) + "\n")
            n += 1
    return csv_path, jsonl_path


def measure(label: str, command: list[str], cwd: Path, rounds: int, before=None) -> None:
    runs = []
    for _ in range(rounds):
        if before:
            before()
        runs.append(peak_mb(command, cwd))
    peaks = [r[0] for r in runs]
    print(f"| {label} | {statistics.median(peaks):,.0f} MB | {min(peaks):,.0f}–{max(peaks):,.0f} | "
          f"{statistics.median(r[1] for r in runs):.1f} s | {runs[0][2]} |", flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=int, default=150, help="size of the CSV and JSONL files")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with tempfile.TemporaryDirectory(prefix="eventwire-memory-") as tmp:
        folder = Path(tmp)
        runon = folder / "runon.jsonl"
        runon.write_text(json.dumps({"id": "runon", "text": "Russian troops shelled the town and " * 5556})
                         + "\n" + json.dumps({"id": "ok", "text": "Police arrested protesters in Minsk."}) + "\n")
        news_csv, news_jsonl = write_rows(folder, args.mb, same_article=False)
        same_csv, same_jsonl = write_rows(folder, args.mb, same_article=True)
        print(f"| run ({args.mb} MB files, {args.rounds} rounds) | peak RSS (median) | range | time | exit |")
        print("|---|---|---|---|---|")
        measure("`eventwire code` on a 200,000-character run-on", [str(EXE), "code", str(runon)], folder,
                args.rounds)
        for path in (news_csv, news_jsonl):
            measure(f"read_inputs alone, {path.suffix[1:].upper()} of news rows",
                    [sys.executable, "-c", READ_ALL, str(path)], folder, args.rounds)
        for path in (same_csv, same_jsonl):
            db = folder / "bench.duckdb"
            measure(f"`eventwire ingest`, {path.suffix[1:].upper()} (one article repeated)",
                    [str(EXE), "ingest", str(path), "--db", str(db)], folder, args.rounds,
                    before=lambda db=db: db.unlink(missing_ok=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
