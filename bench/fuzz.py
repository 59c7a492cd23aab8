"""Fuzz every reader (and, optionally, the coder) and check the invariant of issue #14: no exception escapes,
and every input yields articles or a Problem naming it.

    .venv/bin/python bench/fuzz.py [--runs 100000] [--engine atheris|mutate] [--coder 2000] [--seed 14]

Inputs are raw bytes given to each reader by file type (JSONL, JSON array, CSV, HTML, RSS, WARC, text, and
gzipped JSONL), and structured records (any JSON shape, any field type, any Unicode including lone
surrogates and control characters) written as JSONL. `atheris` (coverage-guided, `pip install atheris`)
is used when installed; `mutate` is a seeded mutation fuzzer from the same seeds that needs nothing.
`--coder N` also codes the first N articles read with the real spaCy pipeline and checks the events.
Prints the number of inputs, articles, problems and failures; exits 1 when anything failed.

The same targets and checks run in CI with a smaller budget (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import pickle
import random
import re
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGETS = (".jsonl", ".json", ".csv", ".html", ".rss", ".warc", ".txt", ".jsonl.gz", "records")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
MAX_DOC_CHARS = 200_000  # small, so the size limits are reached too


# ---- the invariant ------------------------------------------------------------------------------------

def violations(items: list, source_name: str) -> list[str]:
    """What is wrong with a reader's output for one input (empty when the invariant holds)."""
    from eventwire.ingest import Problem
    from eventwire.model import Article

    found = []
    if not items:
        found.append("no article and no problem for this input")
    for item in items:
        if isinstance(item, Article):
            found += article_violations(item)
        elif isinstance(item, Problem):
            if not item.origin or not item.reason or item.severity not in ("error", "warning"):
                found.append(f"malformed problem {item!r}")
            elif not item.origin.startswith(source_name) and item.origin != "input":
                found.append(f"problem does not name its input: {item.origin!r}")
            try:
                str(item).encode("utf-8")
            except UnicodeEncodeError:
                found.append("problem text is not valid Unicode")
        else:
            found.append(f"reader yielded a {type(item).__name__}")
    return found


def article_violations(article) -> list[str]:
    found = []
    for name in ("id", "text", "title", "source", "url", "origin"):
        value = getattr(article, name)
        if not isinstance(value, str):
            found.append(f"article {name} is a {type(value).__name__}")
            continue
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            found.append(f"article {name} is not valid Unicode")
    if isinstance(article.text, str):
        if not article.text.strip():
            found.append("article with empty text")
        if CONTROL_RE.search(article.text) or CONTROL_RE.search(article.title or ""):
            found.append("control character left in text or title")
        if len(article.text) > MAX_DOC_CHARS:
            found.append("text over the document limit")
    if article.published is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", article.published):
        found.append(f"published {article.published!r} is not an ISO date")
    return found


def event_violations(article, events) -> list[str]:
    """Events must point inside their document and serialise as the JSON record."""
    found = []
    for event in events:
        record = event.to_dict()
        json.dumps(record, ensure_ascii=False).encode("utf-8")
        start, end = record["span"]
        part = article.title if record["mentions"] and record["mentions"][0]["part"] == "title" else article.text
        if not (0 <= start <= end <= len(part)) or part[start:end] != record["text"]:
            found.append(f"event span {start}:{end} does not give its sentence")
    return found


# ---- running one input --------------------------------------------------------------------------------

class Runner:
    """Writes each input to a file of the target's type, reads it with `read_inputs` (the real dispatch,
    gzip, the cleaning step) and records articles, problems and failures."""

    def __init__(self, folder: Path, keep_articles: int = 0):
        self.folder = folder
        self.counts: Counter = Counter()
        self.failures: list[tuple[str, str, bytes]] = []
        self.articles: list = []
        self.keep_articles = keep_articles

    def run(self, target: str, payload: bytes) -> None:
        from eventwire.ingest import Problem, read_inputs
        from eventwire.model import Article

        self.counts["inputs"] += 1
        self.counts[f"inputs {target}"] += 1
        path = self.folder / f"fuzz{'.jsonl' if target == 'records' else target}"
        path.write_bytes(gzip.compress(payload, 1) if target.endswith(".gz") else payload)
        try:
            items = list(read_inputs([str(path)], max_doc_chars=MAX_DOC_CHARS))
            problems = violations(items, str(path))
        except BaseException as err:  # noqa: BLE001 (the invariant is that nothing escapes)
            if isinstance(err, KeyboardInterrupt):
                raise
            problems = [f"{type(err).__name__} escaped: {err!s:.200}\n{traceback.format_exc(limit=-8)}"]
            items = []
        for item in items:
            self.counts["articles" if isinstance(item, Article) else
                        f"problems ({item.severity})" if isinstance(item, Problem) else "other"] += 1
            if isinstance(item, Article) and len(self.articles) < self.keep_articles:
                self.articles.append(item)
        for problem in problems[:1]:
            self.failures.append((target, problem, payload[:2000]))

    def code_articles(self) -> None:
        """Code the kept articles with the real pipeline; an exception or a bad event is a failure."""
        from eventwire.pipeline import Pipeline

        pipeline = Pipeline()
        for article in self.articles:
            self.counts["coded"] += 1
            try:
                for _, events in pipeline.code([article]):
                    self.counts["events"] += len(events)
                    for problem in event_violations(article, events)[:1]:
                        self.failures.append(("coder", problem, article.text[:2000].encode("utf-8", "replace")))
            except Exception as err:  # noqa: BLE001
                self.failures.append(("coder", f"{type(err).__name__} escaped: {err!s:.200}\n"
                                      f"{traceback.format_exc(limit=-8)}", article.text[:2000].encode()))

    def report(self, seconds: float) -> int:
        by_target = ", ".join(f"{t} {self.counts['inputs ' + t]:,}" for t in TARGETS)
        print(f"inputs: {self.counts['inputs']:,} in {seconds:.0f}s ({by_target})")
        print(f"articles read: {self.counts['articles']:,}; problems: {self.counts['problems (error)']:,} errors, "
              f"{self.counts['problems (warning)']:,} warnings")
        if self.counts["coded"]:
            print(f"coded with spaCy: {self.counts['coded']:,} articles, {self.counts['events']:,} events")
        print(f"failures (escaped exceptions or broken invariants): {len(self.failures)}")
        for target, problem, payload in self.failures[:20]:
            print(f"--- {target}: {problem}\n    input: {payload[:200]!r}")
        return 1 if self.failures else 0


# ---- generated inputs ---------------------------------------------------------------------------------

NASTY = ["\ud800", "\udfff", "\x00", "\x07", "\x1b[31m", "\x1b]8;;http://x\x07", "\u2028", "\ufeff", "\x85",
         "[/]", "[link=http://x]", "<script>alert(1)</script>", "<p>", "</div>", "&#27;", "&#0;", "\r", "\t",
         "Kyiv", "Russian troops shelled Kharkiv. ", "yesterday", "2022-02-30", "9" * 5000, "., ;", " " * 50]


def any_string(rng: random.Random) -> str:
    """Unicode of any kind: words, nasty fragments, random code points (surrogates and controls too)."""
    parts = []
    for _ in range(rng.randint(0, 8)):
        roll = rng.random()
        if roll < 0.3:
            parts.append(rng.choice(NASTY))
        elif roll < 0.6:
            parts.append("".join(chr(rng.randint(0, 0x10FFFF)) for _ in range(rng.randint(1, 20))))
        elif roll < 0.7:
            parts.append("word " * rng.randint(1, 3000))
        else:
            parts.append("".join(chr(rng.randint(0, 0x2FF)) for _ in range(rng.randint(1, 40))))
    return "".join(parts)


def any_json(rng: random.Random, depth: int = 0):
    """Any JSON value: strings, numbers, booleans, null, lists and objects, sometimes deep."""
    roll = rng.random()
    if depth > 3 or roll < 0.4:
        return any_string(rng)
    if roll < 0.5:
        return rng.choice([None, True, False, 0, -1, 1.5, 10 ** 30, float("1e308")])
    if roll < 0.7:
        return [any_json(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {any_string(rng)[:10]: any_json(rng, depth + 1) for _ in range(rng.randint(0, 4))}


FIELDS = ("id", "doc_id", "text", "title", "published", "date", "source", "url")


def any_record_line(rng: random.Random) -> bytes:
    """A JSONL line: usually an object with some of the known fields of any type, sometimes anything."""
    if rng.random() < 0.1:
        value = any_json(rng)
    else:
        value = {key: (any_string(rng) if key == "text" and rng.random() < 0.6 else any_json(rng))
                 for key in rng.sample(FIELDS, rng.randint(0, len(FIELDS)))}
    if rng.random() < 0.02:
        return b"[" * 100_000 + b"]" * 100_000
    return json.dumps(value, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


def any_records(rng: random.Random) -> bytes:
    return b"\n".join(any_record_line(rng) for _ in range(rng.randint(1, 4))) + b"\n"


def seeds() -> dict[str, list[bytes]]:
    """One or two valid inputs per target, to mutate from."""
    record = {"id": "a1", "text": "Russian troops shelled Kharkiv on Tuesday, officials said.",
              "title": "Shelling", "published": "2022-03-01", "source": "Wire", "url": "http://x/1"}
    jsonl = (json.dumps(record) + "\n" + json.dumps({**record, "id": "a2"}) + "\n").encode()
    page = (b"<html><head><title>Talks</title><meta property='article:published_time' content='2023-03-14'>"
            b"<script>var a='Kyiv';</script></head><body><nav>Home</nav><article><h1>Talks</h1><p>The foreign "
            b"ministers of Turkey and Greece met in Ankara on Monday to discuss maritime borders.</p></article>"
            b"</body></html>")
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>Ceasefire</title>'
           b"<link>http://x/c</link><guid>w1</guid><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate><description>"
           b"&lt;p&gt;Rebels and the army agreed a ceasefire.&lt;/p&gt;</description></item></channel></rss>")
    csv = b'id,text,title,published\nc1,"Police arrested protesters, officials said.",T,2024-02-01\n'
    return {".jsonl": [jsonl], ".json": [b"[" + jsonl.strip().replace(b"\n", b",\n") + b"]"],
            ".csv": [csv], ".html": [page], ".rss": [rss], ".warc": [warc_seed(page)],
            ".txt": [b"Ministers met in Geneva on Monday.\nTalks resumed."], ".jsonl.gz": [jsonl],
            "records": [jsonl]}


def warc_seed(page: bytes) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("http://x/a", "response", payload=io.BytesIO(page),
                                                  http_headers=http))
    return buffer.getvalue()


TOKENS = [s.encode("utf-8", "surrogatepass") for s in NASTY] + [
    b"\xff", b"\xef\xbb\xbf", b"\xff\xfe", b"\n", b'"', b",", b"{", b"}", b"[", b"]", b"<", b">", b"\\u0000",
    b"\\ud800", b"WARC/1.0\r\n", b"Content-Length: 99999\r\n", b"\r\n\r\n", b"]]>", b"<![CDATA[", b"&amp;"]


def mutate(rng: random.Random, data: bytes, pool: list[bytes]) -> bytes:
    """A few random edits: flips, insertions of random or nasty bytes, deletions, duplications, splices."""
    data = bytearray(data)
    for _ in range(rng.randint(1, 6)):
        roll = rng.random()
        at = rng.randint(0, len(data))
        if roll < 0.2 and data:
            data[min(at, len(data) - 1)] = rng.randrange(256)
        elif roll < 0.45:
            data[at:at] = rng.choice(TOKENS)
        elif roll < 0.6:
            data[at:at] = rng.randbytes(rng.randint(1, 64))
        elif roll < 0.75 and data:
            del data[at:at + rng.randint(1, 64)]
        elif roll < 0.85 and data:
            chunk = data[at:at + rng.randint(1, 256)]
            data[at:at] = chunk * rng.randint(1, 20)
        else:
            other = rng.choice(pool)
            cut = rng.randint(0, len(other))
            data = data[:at] + other[cut:]
    return bytes(data)


def generated_input(rng: random.Random, target: str, pool: dict[str, list[bytes]]) -> bytes:
    if target == "records":
        return any_records(rng)
    if rng.random() < 0.03:
        return rng.randbytes(rng.randint(0, 4096))
    return mutate(rng, rng.choice(pool[target]), pool[target])


# ---- engines ------------------------------------------------------------------------------------------

def run_mutate(runner: Runner, runs: int, seed: int, progress: Callable[[int], None]) -> None:
    rng = random.Random(seed)
    pool = seeds()
    for number in range(runs):
        target = TARGETS[number % len(TARGETS)]
        data = generated_input(rng, target, pool)
        runner.run(target, data)
        if len(data) < 20_000 and rng.random() < 0.2:
            pool[target].append(data)  # a crude corpus: mutants breed
            if len(pool[target]) > 200:
                pool[target].pop(1)
        progress(number + 1)


def run_atheris(runner: Runner, runs: int, seed: int, progress: Callable[[int], None],
                finish: Callable[[], None]) -> None:
    """Coverage-guided fuzzing: the first byte picks the target, the rest is its input. libFuzzer exits the
    process when the runs are done, so the report is printed from the last run."""
    import atheris

    corpus = Path(tempfile.mkdtemp(prefix="eventwire-fuzz-corpus-"))
    for kind, target in enumerate(TARGETS):
        for n, data in enumerate(seeds()[target]):
            (corpus / f"{kind}-{n}").write_bytes(bytes([kind]) + data)
    rng = random.Random(seed)

    def one(data: bytes) -> None:
        if not data:
            data = b"\x00"
        target = TARGETS[data[0] % len(TARGETS)]
        payload = any_records(random.Random(data)) if target == "records" and rng.random() < 0.5 else data[1:]
        runner.run(target, payload)
        progress(runner.counts["inputs"])
        if runner.counts["inputs"] >= runs:
            finish()

    atheris.Setup([sys.argv[0], f"-runs={runs + 10}", "-max_len=65536", f"-seed={seed}", "-print_final_stats=0",
                   "-rss_limit_mb=4096", f"-artifact_prefix={corpus}/", str(corpus)], one)
    atheris.Fuzz()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=100_000, help="inputs to generate (default 100,000)")
    ap.add_argument("--engine", choices=("atheris", "mutate"), help="default: atheris when installed")
    ap.add_argument("--coder", type=int, default=0, help="also code the first N articles read with spaCy")
    ap.add_argument("--seed", type=int, default=14)
    ap.add_argument("--finish-from", type=Path, help=argparse.SUPPRESS)  # the atheris run's saved state
    args = ap.parse_args(argv)
    if args.finish_from:
        return finish_saved(args.finish_from, args.coder)
    engine = args.engine or ("atheris" if _has_atheris() else "mutate")
    if engine == "atheris":
        import atheris

        with atheris.instrument_imports(include=["eventwire"]):
            import eventwire.ingest  # noqa: F401 (instrumented for coverage feedback)
    folder = Path(tempfile.mkdtemp(prefix="eventwire-fuzz-"))
    runner = Runner(folder, keep_articles=args.coder)
    started = time.perf_counter()
    print(f"engine: {engine}; {args.runs:,} inputs; seed {args.seed}", flush=True)

    shown = 0

    def progress(done: int) -> None:
        nonlocal shown
        for target, problem, payload in runner.failures[shown:shown + 3]:  # the first few, as they are found
            print(f"  failure in {target}: {problem}\n    input: {payload[:300]!r}", file=sys.stderr, flush=True)
        shown = len(runner.failures) if len(runner.failures) - shown <= 3 else shown + 3
        if done % 10_000 == 0:
            print(f"  {done:,} inputs, {len(runner.failures)} failures, {time.perf_counter() - started:.0f}s",
                  file=sys.stderr, flush=True)

    def hand_over() -> None:
        """libFuzzer owns the process (and times out a long last input): save the state and replace the
        process with a fresh one that codes the kept articles and prints the report."""
        state = folder / "state.pickle"
        runner.counts["seconds"] = round(time.perf_counter() - started)
        state.write_bytes(pickle.dumps((runner.counts, runner.failures, runner.articles)))
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(sys.executable, [sys.executable, __file__, "--finish-from", str(state), "--coder", str(args.coder)])

    if engine == "atheris":
        run_atheris(runner, args.runs, args.seed, progress, hand_over)
        return 0
    run_mutate(runner, args.runs, args.seed, progress)
    runner.counts["seconds"] = round(time.perf_counter() - started)
    return finish(runner, args.coder)


def finish(runner: Runner, coder: int) -> int:
    if coder:
        runner.code_articles()
    return runner.report(runner.counts["seconds"])


def finish_saved(state: Path, coder: int) -> int:
    runner = Runner(state.parent, keep_articles=coder)
    runner.counts, runner.failures, runner.articles = pickle.loads(state.read_bytes())
    return finish(runner, coder)


def _has_atheris() -> bool:
    try:
        import atheris  # noqa: F401
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    sys.exit(main())
