"""Actor-phrase accuracy: `eventwire actors` on ../shared/gold/actors_dev.jsonl, scored by score_actors.py.

    .venv/bin/python bench/actors.py [--errors N] [--gold FILE]

Targets (issue 3): country accuracy ≥ 0.85, sector accuracy ≥ 0.75. Skips with a message when ../shared
is not beside the checkout. Measured 2026-11-26: before (placeholder resolver) 0 / 0; after: country 0.893,
sector 0.853, name 0.865.
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
EVENTWIRE = [sys.executable, "-m", "eventwire.cli"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=SHARED / "gold" / "actors_dev.jsonl")
    ap.add_argument("--errors", type=int, default=0, help="Also print this many wrong countries.")
    args = ap.parse_args()
    scorer = SHARED / "tools" / "score_actors.py"
    if not args.gold.exists() or not scorer.exists():
        print(f"skipped: {args.gold} or {scorer} not found (../shared is not beside the checkout)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        pred = Path(tmp) / "actors_pred.jsonl"
        started = time.perf_counter()
        subprocess.run([*EVENTWIRE, "actors", str(args.gold), "-o", str(pred)], check=True)
        elapsed = time.perf_counter() - started
        score = subprocess.run([sys.executable, str(scorer), "--gold", str(args.gold), "--pred", str(pred),
                                "--errors", str(args.errors)], check=True, capture_output=True, text=True)
    print(score.stdout.rstrip())
    print(f"resolved {sum(1 for _ in args.gold.open(encoding='utf-8'))} phrases in {elapsed:.1f}s "
          f"(including start-up)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
