"""Throughput of eventwire against spaCy's parse alone, in one run on this machine.

    python bench/throughput.py [--limit N] [--repeat N] [--all] [--guardian-limit N] [--no-spark]
                               [--stages-only] [--only LABEL ...]

With no flags: 3 interleaved rounds, on the first 300 distinct BBC articles, of spaCy's parse alone with 2
processes and of eventwire with its default settings (every core, sentence selection) from the JSONL file to
rows in a fresh DuckDB file; it prints the end-to-end rate and the time relative to the parse alone, side by
side, as medians with their range. `--all` adds 1-process runs, eventwire parsing every sentence in full
(`full parse`), Spark local[1] and local[2] on the Guardian sample, and a per-stage time split
(nlp / actors / events / when_where / store) of a single-process run.

Every measurement runs in a fresh subprocess (so peak memory is its own) and times the work after the model
is loaded. The runs go round `--repeat` times, interleaved, so that a noisy spell on a shared machine hits
every kind of run alike; each row is the median run, and each ratio is the median of the rounds' ratios with
their range.
Peak memory is the largest sum of RSS over the worker's process tree (forked workers share pages, so this
over-counts; PSS, which does not, is shown beside it).
"""

from __future__ import annotations

import argparse
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
NEWS = ROOT.parent / "shared" / "data" / "news"
CORPORA = {"bbc": NEWS / "bbc_news_2225.jsonl", "guardian": NEWS / "guardian_ngec_sample_249.jsonl"}
STAGES = ("nlp", "actors", "events", "when_where", "store")


# ---------------------------------------------------------------- workers (run in their own process)

def load_articles(path: Path) -> list:
    from eventwire.ingest import Problem, read_inputs

    return [a for a in read_inputs([str(path)]) if not isinstance(a, Problem)]


def worker_spacy(path: Path, processes: int) -> dict:
    """spaCy's parse alone over exactly the units eventwire parses."""
    from eventwire.nlp import document_units, load_pipeline
    from eventwire.settings import Settings

    settings = Settings.from_env()
    nlp = load_pipeline(settings.model)
    articles = load_articles(path)
    texts = [u.text for a in articles for u in document_units(a, settings.max_unit_chars)]
    started = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=processes):
        pass
    return {"seconds": time.perf_counter() - started, "articles": len(articles), "events": 0}


def worker_local(path: Path, processes: int, **settings) -> dict:
    """eventwire's local engine from the JSONL file to rows in a fresh DuckDB file (`processes` 0: its
    default, every usable core)."""
    from eventwire import engine
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    pipeline = Pipeline(Settings.from_env(**settings))
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        totals = engine.ingest([str(path)], str(Path(tmp) / "bench.duckdb"), pipeline, n_process=processes or None)
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles": totals["articles_added"], "events": totals["events_added"],
            "processes": engine.worker_count(processes or None)}


def worker_full(path: Path, processes: int) -> dict:
    """The local engine parsing every sentence in full (no sentence selection)."""
    return worker_local(path, processes, select_sentences=False)


def worker_spark(path: Path, processes: int) -> dict:
    """The Spark engine on local[N], timed after the session is up (model loading per worker included)."""
    from eventwire import spark

    master = f"local[{processes}]"
    spark.session(master)  # start the JVM first; run() reuses the session
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        counts = spark.run([str(path)], str(Path(tmp) / "out"), master=master, partitions=processes * 4)
        seconds = time.perf_counter() - started
    tasks = counts["tasks"]
    busy: dict[int, float] = {}
    for task in tasks:
        busy[task["worker"]] = busy.get(task["worker"], 0.0) + task["seconds"]
    return {"seconds": seconds, "articles": counts["articles"], "events": counts["events"],
            "spark": {"tasks": len(tasks), "python_workers": len(busy), "task_seconds": sum(busy.values()),
                      "model_load_seconds": sum(t["load_seconds"] for t in tasks),
                      "longest_task": max(t["seconds"] for t in tasks), "busiest_worker": max(busy.values())}}


class StageTimer:
    """Exclusive wall time per stage: time inside a nested timed call counts for the inner stage only."""

    def __init__(self) -> None:
        self.totals = dict.fromkeys(STAGES, 0.0)
        self.stack: list[list] = []

    def wrap(self, obj: object, stage: str) -> None:
        """Time every public method the object's class defines."""
        for name in dir(type(obj)):
            method = getattr(obj, name, None)
            if not name.startswith("_") and callable(method) and not isinstance(method, type):
                setattr(obj, name, self.timed(method, stage))

    def timed(self, func, stage: str):
        def run(*args, **kwargs):
            self.stack.append([stage, time.perf_counter(), 0.0])
            try:
                return func(*args, **kwargs)
            finally:
                stage_name, start, inner = self.stack.pop()
                total = time.perf_counter() - start
                self.totals[stage_name] += total - inner
                if self.stack:
                    self.stack[-1][2] += total
        return run


def worker_stages(path: Path, processes: int) -> dict:
    """A single-process run with the time split by stage."""
    from eventwire.pipeline import Pipeline
    from eventwire.store import Store

    pipeline = Pipeline()
    timer = StageTimer()
    timer.wrap(pipeline.resolver, "actors")
    timer.wrap(pipeline.annotator, "when_where")
    for name in ("code_sentence", "merge_document"):
        setattr(pipeline.coder, name, timer.timed(getattr(pipeline.coder, name), "events"))
    articles = load_articles(path)
    events = 0
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "bench.duckdb") as store:
        started = time.perf_counter()
        parsed_docs = iter(pipeline.parse(articles, n_process=1))
        batch = []
        while True:
            mark = time.perf_counter()
            parsed = next(parsed_docs, None)
            timer.totals["nlp"] += time.perf_counter() - mark
            if parsed is None:
                break
            batch.append((parsed.article, pipeline.code_parsed(parsed)))
            if len(batch) >= 64 or len(batch) == len(articles):
                events += timer.timed(store.write_batch, "store")(batch)[1]
                batch = []
        if batch:
            events += timer.timed(store.write_batch, "store")(batch)[1]
        seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles": len(articles), "events": events, "stages": timer.totals}


def worker_share(path: Path, processes: int) -> dict:
    """How much of the text sentence selection sends where: tokens parsed in full, given entities only, or
    tokenised only (the first pass of `nlp.parse_selected`, without the parse)."""
    from eventwire.nlp import ParsedDocument, _plan, document_units, load_pipeline
    from eventwire.selection import Need, trigger_index
    from eventwire.settings import Settings

    settings = Settings.from_env()
    nlp = load_pipeline(settings.model)
    index = trigger_index(nlp)
    tokens = {need.name: 0 for need in Need}
    started = time.perf_counter()
    articles = load_articles(path)
    for article in articles:
        for piece in _plan(ParsedDocument(article, document_units(article, settings.max_unit_chars)), nlp, index):
            tokens[piece.need.name] += piece.end - piece.start
    return {"seconds": time.perf_counter() - started, "articles": len(articles), "events": 0, "tokens": tokens}


WORKERS = {"spacy": worker_spacy, "default": worker_local, "local": worker_local, "full": worker_full,
           "spark": worker_spark, "stages": worker_stages, "share": worker_share}


# ---------------------------------------------------------------- the parent: run workers, watch memory

def process_tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo += parents.get(pid, [])
    return tree


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; zeros when it has gone."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


def cpu_seconds_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def measure(mode: str, path: Path, processes: int) -> dict:
    """Run one worker in a subprocess; its result plus the peak RSS/PSS of its process tree and the CPU time
    of the whole tree (the work done, which a busy machine disturbs less than the wall time)."""
    cpu_before = cpu_seconds_of_children()
    child = subprocess.Popen([sys.executable, __file__, "--worker", mode, "--input", str(path),
                              "--processes", str(processes)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                             text=True)
    peak_rss = peak_pss = 0
    while child.poll() is None:
        usage = [memory_kb(pid) for pid in process_tree(child.pid)]
        peak_rss = max(peak_rss, sum(u[0] for u in usage))
        peak_pss = max(peak_pss, sum(u[1] for u in usage))
        time.sleep(0.25)
    output = child.stdout.read().strip().splitlines()
    if child.returncode != 0 or not output:
        raise RuntimeError(f"{mode} worker failed (exit {child.returncode})")
    result = json.loads(output[-1])
    result.update(peak_rss_mb=peak_rss / 1024, peak_pss_mb=peak_pss / 1024,
                  cpu_seconds=cpu_seconds_of_children() - cpu_before)
    return result


def limited_copy(path: Path, limit: int | None, folder: Path) -> tuple[Path, int]:
    """The first `limit` distinct records of a corpus in a file of their own, and their word count.

    Repeated articles (the BBC set has 98) are dropped first: the store would skip them, and every run
    should code the same articles."""
    from eventwire.ingest import article_from_mapping

    seen: set[str] = set()
    kept: list[str] = []
    words = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        doc_hash = article_from_mapping(record, f"{path}:{number}", str(number)).doc_hash
        if doc_hash in seen:
            continue
        seen.add(doc_hash)
        kept.append(line)
        words += len(record.get("text", "").split())
        if limit and len(kept) >= limit:
            break
    copy = folder / path.name
    copy.write_text("\n".join(kept) + "\n", encoding="utf-8")
    return copy, words


def row(name: str, result: dict, words: int) -> str:
    s = result["seconds"]
    return (f"| {name:<26} | {result['articles']:>5} | {s:>8.1f} | {result['cpu_seconds']:>8.1f} | "
            f"{result['articles'] / s:>10.1f} | {words / s:>8.0f} | {result['events'] / s:>8.1f} | "
            f"{result['peak_rss_mb']:>8.0f} | {result['peak_pss_mb']:>8.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, default=300, help="the first N distinct BBC articles (default 300, "
                                                                  "the slice the targets are set on; 0: all)")
    parser.add_argument("--guardian-limit", type=int, help="only the first N Guardian articles (Spark runs)")
    parser.add_argument("--all", action="store_true", help="also 1-process and full-parse runs, the per-stage "
                                                             "split and Spark")
    parser.add_argument("--no-spark", action="store_true", help="with --all, skip the Spark runs")
    parser.add_argument("--stages-only", action="store_true", help="only the per-stage time split")
    parser.add_argument("--stages-limit", type=int, default=400,
                        help="BBC articles for the per-stage split (default 400; 0 for all)")
    parser.add_argument("--only", nargs="*", help="only the runs whose label starts with one of these, "
                                                    "e.g. 'spark' 'local 2'")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of runs (default 3); medians are reported")
    parser.add_argument("--worker", choices=sorted(WORKERS), help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(WORKERS[args.worker](args.input, args.processes)))
        return
    if not all(p.exists() for p in CORPORA.values()):
        print(f"skipped: the news corpora are not at {NEWS} (../shared beside the checkout)")
        return
    run(args)


def run(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        bbc, bbc_words = limited_copy(CORPORA["bbc"], args.limit, Path(tmp))
        guardian, guardian_words = limited_copy(CORPORA["guardian"], args.guardian_limit, Path(tmp))
        stage_limit = min(filter(None, (args.limit, args.stages_limit)), default=None)
        (Path(tmp) / "stages").mkdir()
        staged, staged_words = limited_copy(CORPORA["bbc"], stage_limit, Path(tmp) / "stages")
        results: dict[str, tuple[list[dict], int]] = {}
        plan = [("spacy", bbc, 2, bbc_words), ("default", bbc, 0, bbc_words)]
        if args.all:
            plan += [("spacy", bbc, 1, bbc_words), ("local", bbc, 1, bbc_words), ("local", bbc, 2, bbc_words),
                     ("full", bbc, 2, bbc_words), ("full", bbc, 1, bbc_words), ("stages", staged, 1, staged_words)]
        if args.stages_only:
            plan = [("stages", staged, 1, staged_words)]
        elif args.all and not args.no_spark:
            plan += [("local", guardian, 2, guardian_words), ("spark", guardian, 1, guardian_words),
                     ("spark", guardian, 2, guardian_words)]
        for round_number in range(1, args.repeat + 1):
            for mode, path, processes, words in plan:
                label = run_label(mode, processes, "guardian" if path == guardian else "bbc")
                if args.only and not any(label.startswith(prefix) for prefix in args.only):
                    continue
                print(f"round {round_number}/{args.repeat}: running {label} ...", file=sys.stderr, flush=True)
                results.setdefault(label, ([], words))[0].append(measure(mode, path, processes))
        report(results)
        if not args.stages_only:
            selection_share(measure("share", bbc, 1))


def selection_share(result: dict) -> None:
    tokens = result["tokens"]
    total = sum(tokens.values()) or 1
    print(f"sentence selection on these {result['articles']} BBC articles: {100 * tokens['FULL'] / total:.0f}% of "
          f"tokens parsed in full, {100 * tokens['ENTITIES'] / total:.0f}% given entities only (context), "
          f"{100 * tokens['TOKENS'] / total:.0f}% tokenised only")


def defaults_summary(results: dict[str, tuple[list[dict], int]]) -> None:
    """The two figures the defaults are held to, side by side: the end-to-end rate and the time relative to
    spaCy's parse alone on 2 processes, each round paired with the parse of the same round."""
    ours, parse = results.get("eventwire defaults (bbc)"), results.get("spacy 2 proc (bbc)")
    if not ours or not parse:
        return
    rates = [r["articles"] / r["seconds"] for r in ours[0]]
    ratios = [a["seconds"] / b["seconds"] for a, b in zip(ours[0], parse[0], strict=True)]
    cpu = [a["cpu_seconds"] / b["cpu_seconds"] for a, b in zip(ours[0], parse[0], strict=True)]
    print(f"\neventwire with no flags ({ours[0][0]['processes']} processes, {ours[0][0]['articles']} BBC articles, "
          f"{len(rates)} rounds): {statistics.median(rates):.1f} articles/s (range {min(rates):.1f}-{max(rates):.1f};"
          f" target >= 15) | time / spaCy's parse alone, 2 processes: {statistics.median(ratios):.2f} "
          f"(range {min(ratios):.2f}-{max(ratios):.2f}; target <= 0.9); in CPU time {statistics.median(cpu):.2f} "
          f"(range {min(cpu):.2f}-{max(cpu):.2f})")


def spark_split(results: dict[str, tuple[list[dict], int]]) -> None:
    """Where a Spark run's time goes: coding in the Python workers (model loading apart), and the rest
    (the JVM: starting the job, reading and shipping the input, scheduling, waiting for the last task)."""
    for label, (runs, _) in results.items():
        if not label.startswith("spark"):
            continue
        r = median_run(runs)
        sp = r["spark"]
        print(f"{label}: wall {r['seconds']:.1f}s; {sp['tasks']} tasks on {sp['python_workers']} Python workers, "
              f"coding {sp['task_seconds']:.1f}s in all (model loading {sp['model_load_seconds']:.1f}s), busiest "
              f"worker {sp['busiest_worker']:.1f}s, longest task {sp['longest_task']:.1f}s; outside the tasks "
              f"{r['seconds'] - sp['busiest_worker']:.1f}s")


def run_label(mode: str, processes: int, corpus: str) -> str:
    if mode == "default":
        return f"eventwire defaults ({corpus})"
    if mode == "spark":
        return f"spark local[{processes}] ({corpus})"
    return f"{'full parse' if mode == 'full' else mode} {processes} proc ({corpus})"


def median_run(runs: list[dict]) -> dict:
    return sorted(runs, key=lambda r: r["seconds"])[(len(runs) - 1) // 2]


def report(results: dict[str, tuple[list[dict], int]]) -> None:
    print("| run                        | docs  | seconds  | CPU s    | articles/s | words/s  | events/s | RSS MB   "
          "| PSS MB   |")
    print("|----------------------------|-------|----------|----------|------------|----------|----------|----------"
          "|----------|")
    for label, (runs, words) in results.items():
        print(row(label, median_run(runs), words))

    ratios = [("eventwire defaults / spaCy parse 2 proc (time, target <= 0.9)", "eventwire defaults (bbc)",
               "spacy 2 proc (bbc)"),
              ("local 2 proc / spaCy parse 2 proc (time)", "local 2 proc (bbc)", "spacy 2 proc (bbc)"),
              ("local 1 proc / spaCy parse 1 proc (time)", "local 1 proc (bbc)", "spacy 1 proc (bbc)"),
              ("full parse 2 proc / spaCy parse 2 proc (time)", "full parse 2 proc (bbc)", "spacy 2 proc (bbc)"),
              ("local 2 proc / full parse 2 proc (time: what sentence selection saves)", "local 2 proc (bbc)",
               "full parse 2 proc (bbc)"),
              ("local 1 proc / local 2 proc (speed-up)", "local 1 proc (bbc)", "local 2 proc (bbc)"),
              ("spark local[1] / local[2] (speed-up, target >= 1.6)", "spark local[1] (guardian)",
               "spark local[2] (guardian)"),
              ("spark local[2] / local 2 proc on guardian (time)", "spark local[2] (guardian)",
               "local 2 proc (guardian)")]
    print()
    for name, top, bottom in ratios:
        if top in results and bottom in results:
            pairs = list(zip(results[top][0], results[bottom][0], strict=True))
            rounds = [a["seconds"] / b["seconds"] for a, b in pairs]
            cpu = [a["cpu_seconds"] / b["cpu_seconds"] for a, b in pairs]
            spread = f" (rounds: {', '.join(f'{r:.2f}' for r in rounds)})" if len(rounds) > 1 else ""
            print(f"{name}: {statistics.median(rounds):.2f}{spread}; CPU time {statistics.median(cpu):.2f}")
    defaults_summary(results)
    spark_split(results)
    stages = next((median_run(runs) for label, (runs, _) in results.items() if label.startswith("stages")), None)
    if stages:
        total = sum(stages["stages"].values()) or 1.0
        split = ", ".join(f"{k} {v:.1f}s ({100 * v / total:.0f}%)" for k, v in stages["stages"].items())
        print(f"per-stage time, 1 process: {split}; other {stages['seconds'] - total:.1f}s")


if __name__ == "__main__":
    main()
