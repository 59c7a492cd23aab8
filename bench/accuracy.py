"""Accuracy of the event coder on the gold sets in ../shared/gold, printed as score.py's table.

    .venv/bin/python bench/accuracy.py [--errors N] [--by-root] [--set NAME ...]

Runs `eventwire code` on every gold set (except the actor-phrase set), then scores all predictions at
once with ../shared/tools/score.py. Skips with a message when ../shared is not beside the checkout.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SKIPPED_SETS = {"actors_dev"}


def gold_sets(names: list[str] | None) -> list[Path]:
    sets = sorted(p for p in (SHARED / "gold").glob("*.jsonl") if p.stem not in SKIPPED_SETS)
    return [p for p in sets if not names or p.stem in names]


def code_set(gold: Path, out: Path) -> float:
    """Code one gold file with the CLI; returns the seconds it took."""
    exe = ROOT / ".venv" / "bin" / "eventwire"
    command = [str(exe) if exe.exists() else "eventwire", "code", str(gold), "-o", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command)
    if done.returncode:  # bad records are reported on stderr and skipped; the rest is still coded
        print(f"note: {gold.name}: eventwire exited with {done.returncode}", file=sys.stderr)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--errors", type=int, default=0, help="show up to N missed gold events per set")
    ap.add_argument("--by-root", action="store_true", help="break recall down by CAMEO root")
    ap.add_argument("--set", action="append", help="only this gold set (stem name); repeatable")
    ap.add_argument("--keep", type=Path, help="write the combined predictions here")
    args = ap.parse_args(argv)
    if not (SHARED / "gold").is_dir():
        print(f"skipped: {SHARED / 'gold'} is not beside the checkout")
        return 0
    sets = gold_sets(args.set)
    with tempfile.TemporaryDirectory() as tmp:
        combined = args.keep or Path(tmp) / "pred.jsonl"
        with combined.open("w", encoding="utf-8") as sink:
            for gold in sets:
                out = Path(tmp) / f"{gold.stem}.pred.jsonl"
                seconds = code_set(gold, out)
                print(f"coded {gold.stem} in {seconds:.1f}s", file=sys.stderr)
                sink.write(out.read_text(encoding="utf-8"))
        command = [sys.executable, str(SHARED / "tools" / "score.py"), "--pred", str(combined)]
        for gold in sets:
            command += ["--gold", str(gold)]
        if args.errors:
            command += ["--errors", str(args.errors)]
        if args.by_root:
            command.append("--by-root")
        return subprocess.run(command).returncode


if __name__ == "__main__":
    sys.exit(main())
