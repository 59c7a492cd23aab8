"""What sharing the store costs: committing batches with the file held for the whole run (`Store(path)`)
against holding it only per batch (`Store.writer(path)`: attach, write, commit, checkpoint, detach, which
lets readers in between batches).

    python bench/store.py [--articles 64] [--batches 40] [--rounds 3]

The first `--articles` BBC articles are coded once; each batch stores them again under new keys (a suffix
on the text), so the store grows as in a long ingest. Prints the median milliseconds per batch of each way
(over the rounds, with the range), for the first and the last ten batches, and their ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "news" / "bbc_news_2225.jsonl"


def coded_batch(n: int) -> list:
    from eventwire.ingest import Problem, read_inputs
    from eventwire.pipeline import Pipeline

    articles = [a for a in read_inputs([str(BBC)]) if not isinstance(a, Problem)][:n]
    return list(Pipeline().code(articles))


def copy_of(batch: list, k: int) -> list:
    """The batch under new keys: the text gets a suffix, the events follow their article."""
    out = []
    for article, events in batch:
        new = replace(article, text=f"{article.text}\n[copy {k}]", id=f"{article.id}-{k}")
        out.append((new, [replace(e, doc_id=new.id, event_id="") for e in events]))
    return out


def run(batch: list, batches: int, per_batch: bool) -> list[float]:
    from eventwire.store import Store

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        with (Store.writer(db) if per_batch else Store(db)) as store:
            for k in range(batches):
                data = copy_of(batch, k)
                started = time.perf_counter()
                store.write_batch(data)
                times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=64)
    parser.add_argument("--batches", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not BBC.exists():
        print(f"skipped: {BBC} is not there (../shared beside the checkout)")
        return
    batch = coded_batch(args.articles)
    print(f"{len(batch)} articles, {sum(len(e) for _, e in batch)} events per batch; "
          f"{args.batches} batches x {args.rounds} rounds", file=sys.stderr)
    results: dict[str, list[list[float]]] = {"held": [], "per batch": []}
    for _ in range(args.rounds):  # interleaved, so a noisy spell hits both alike
        results["held"].append(run(batch, args.batches, per_batch=False))
        results["per batch"].append(run(batch, args.batches, per_batch=True))
    print("| file held     | ms/batch, first 10 | ms/batch, last 10 |")
    print("|---------------|--------------------|-------------------|")
    medians = {}
    for name, rounds in results.items():
        first = [statistics.median(r[:10]) * 1000 for r in rounds]
        last = [statistics.median(r[-10:]) * 1000 for r in rounds]
        medians[name] = (first, last)
        print(f"| {name:<13} | {statistics.median(first):>8.0f} ({min(first):.0f}-{max(first):.0f}) | "
              f"{statistics.median(last):>7.0f} ({min(last):.0f}-{max(last):.0f}) |")
    ratios = [p / h for p, h in zip(medians["per batch"][1], medians["held"][1], strict=True)]
    print(f"\nper batch / held, last 10 batches: {statistics.median(ratios):.2f} "
          f"(rounds: {', '.join(f'{r:.2f}' for r in ratios)})")


if __name__ == "__main__":
    main()
