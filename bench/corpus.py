"""A whole corpus on one machine: `eventwire ingest` with no flags, as a user runs it, on the BBC corpus
(2,225 records) and the Guardian sample (249) into one DuckDB store.

    python bench/corpus.py [--sizes 300 1000 0] [--repeat 1]

Each size is the first N records of BBC followed by the Guardian (0: all 2,474) ingested into a fresh store
by the `eventwire` command in a subprocess. Printed per run: wall time, records/s and stored articles/s, the
peak resident memory (VmHWM) of the parent process and of each worker, and the DuckDB file's size per 1,000
stored articles. Equal records/s across sizes shows that the cost grows linearly. Repeated records (the
BBC set has 98) are read and skipped, as they would be in real use: "records" counts them, "articles" not.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEWS = ROOT.parent / "shared" / "data" / "news"
CORPORA = [NEWS / "bbc_news_2225.jsonl", NEWS / "guardian_ngec_sample_249.jsonl"]


def first_records(limit: int, folder: Path) -> tuple[Path, int]:
    """The first `limit` records (0: all) of the corpora in order, in one JSONL file."""
    lines = [line for path in CORPORA for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = lines[:limit] if limit else lines
    path = folder / f"corpus-{len(lines)}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, len(lines)


def children(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as fh:
            return [int(p) for p in fh.read().split()]
    except OSError:
        return []


def peak_rss_mb(pid: int) -> float | None:
    """The process's own peak resident set (VmHWM), in MB; None once it has gone."""
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def ingest(corpus: Path, db: Path) -> dict:
    """Run `eventwire ingest` with no flags; its wall time and the peak memory of each of its processes."""
    exe = ROOT / ".venv" / "bin" / "eventwire"
    started = time.perf_counter()
    child = subprocess.Popen([str(exe) if exe.exists() else "eventwire", "ingest", str(corpus), "--db", str(db)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peaks: dict[int, float] = {}
    while child.poll() is None:
        for pid in [child.pid, *children(child.pid)]:
            peak = peak_rss_mb(pid)
            if peak is not None:
                peaks[pid] = max(peaks.get(pid, 0.0), peak)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    _, stderr = child.communicate()
    if child.returncode not in (0, 1):
        raise RuntimeError(f"eventwire ingest failed (exit {child.returncode}): {stderr[-2000:]}")
    workers = sorted((round(mb) for pid, mb in peaks.items() if pid != child.pid), reverse=True)
    return {"seconds": seconds, "parent_mb": round(peaks.get(child.pid, 0.0)), "workers_mb": workers,
            "db_bytes": db.stat().st_size, "summary": stderr.strip().splitlines()[-1]}


def stored(db: Path) -> tuple[int, int]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return (con.execute("SELECT count(*) FROM articles").fetchone()[0],
                con.execute("SELECT count(*) FROM events").fetchone()[0])
    finally:
        con.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 1000, 0],
                        help="records per run, in order (0: the whole 2,474)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds (interleaved); medians are printed")
    args = parser.parse_args()
    if not all(p.exists() for p in CORPORA):
        print(f"skipped: the news corpora are not at {NEWS} (../shared beside the checkout)")
        return 0
    runs: dict[int, list[dict]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        inputs = [first_records(size, folder) for size in args.sizes]
        for round_number in range(1, args.repeat + 1):
            for corpus, records in inputs:
                print(f"round {round_number}/{args.repeat}: ingesting {records} records ...", file=sys.stderr,
                      flush=True)
                db = folder / f"store-{records}.duckdb"
                for stale in (db, db.with_suffix(".duckdb.wal")):
                    stale.unlink(missing_ok=True)
                result = ingest(corpus, db)
                result["articles"], result["events"] = stored(db)
                result["records"] = records
                runs.setdefault(records, []).append(result)
    report(runs)
    return 0


def report(runs: dict[int, list[dict]]) -> None:
    print("| records | articles stored | events | wall s | records/s | articles/s | parent peak MB | "
          "worker peaks MB | DuckDB MB | MB per 1,000 articles |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for records, results in runs.items():
        r = sorted(results, key=lambda x: x["seconds"])[(len(results) - 1) // 2]
        seconds = [x["seconds"] for x in results]
        spread = f" ({min(seconds):.0f}-{max(seconds):.0f})" if len(seconds) > 1 else ""
        db_mb = r["db_bytes"] / 1e6
        print(f"| {records:,} | {r['articles']:,} | {r['events']:,} | {statistics.median(seconds):.0f}{spread} | "
              f"{records / r['seconds']:.1f} | {r['articles'] / r['seconds']:.1f} | {r['parent_mb']} | "
              f"{', '.join(map(str, r['workers_mb']))} | {db_mb:.1f} | {1000 * db_mb / max(r['articles'], 1):.1f} |")
    print()
    for records, results in runs.items():
        print(f"{records} records: {results[-1]['summary']}")
    print(json.dumps({str(k): v for k, v in runs.items()}), file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
