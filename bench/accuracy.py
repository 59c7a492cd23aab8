"""Accuracy of the event coder on the gold sets in ../shared/gold, printed as score.py's table.

    .venv/bin/python bench/accuracy.py [GOLD.jsonl ...] [--set NAME ...] [--pred FILE] [--keep FILE]
                                       [--errors [N]] [--json] [--by-root] [--missed N]
    .venv/bin/python bench/accuracy.py --check            # the CI ratchet: fail below any floor
    .venv/bin/python bench/accuracy.py --update-floors    # raise the floors to today's figures

Runs `eventwire code` on every gold set (except the actor-phrase set), or on the GOLD files given, then scores
all predictions at once with ../shared/tools/score.py (imported from its file, so its matching is reused).
`--pred FILE` scores an existing predictions file instead of coding again.

`--errors [N]` adds the error classes of bench/error_classes.py with up to N examples each (default 3): why
each required gold event was missed (no event found, other type, lost article, merged away, source wrong,
target missing/wrong, swapped) and why each prediction is wrong (duplicate, false, forbidden), and the actor
errors. `--json` prints the scores and class counts as one JSON object instead. `--missed N` passes through to
score.py's list of missed gold events.

`--check` compares recall_root, precision_root and f1_dyad of every set in bench/accuracy_floors.json with its
floor and forbidden_hits with its ceiling, and exits 1 below a floor or above a ceiling, or when a set in the
file was not scored (with --set or GOLD files, only the sets chosen are checked). Whoever improves a figure
raises its floor in the same commit with `--update-floors`, which never lowers a floor (nor raises a ceiling).

Skips with a message when ../shared is not beside the checkout.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from decimal import ROUND_FLOOR, Decimal
from pathlib import Path
from types import ModuleType

from error_classes import classify, load_score, render

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FLOORS = Path(__file__).resolve().parent / "accuracy_floors.json"
SKIPPED_SETS = {"actors_dev"}
FLOOR_FIGURES = ("recall_root", "precision_root", "f1_dyad")  # higher is better: each has a floor
CEILING_FIGURES = ("forbidden_hits",)  # lower is better: each has a ceiling, kept as "<figure>_max"
DEFAULT_EXAMPLES = 3


def gold_sets(names: list[str] | None, files: list[Path]) -> list[Path]:
    """The GOLD files given, else the visible sets (all, or those named by --set)."""
    if files:
        return files
    sets = sorted(p for p in (SHARED / "gold").glob("*.jsonl") if p.stem not in SKIPPED_SETS)
    return [p for p in sets if not names or p.stem in names]


def code_set(gold: Path, out: Path) -> float:
    """Code one gold file with the CLI; returns the seconds it took."""
    exe = ROOT / ".venv" / "bin" / "eventwire"
    command = [str(exe) if exe.exists() else "eventwire", "code", str(gold), "-o", str(out)]
    started = time.perf_counter()
    done = subprocess.run(command, stdout=sys.stderr)  # keep stdout for the table or the JSON
    if done.returncode:  # bad records are reported on stderr and skipped; the rest is still coded
        print(f"note: {gold.name}: eventwire exited with {done.returncode}", file=sys.stderr)
    return time.perf_counter() - started


def code_all(sets: list[Path], combined: Path, tmp: Path) -> None:
    with combined.open("w", encoding="utf-8") as sink:
        for gold in sets:
            out = tmp / f"{gold.stem}.pred.jsonl"
            seconds = code_set(gold, out)
            print(f"coded {gold.stem} in {seconds:.1f}s", file=sys.stderr)
            if out.exists():  # else the coder failed outright: the set scores as coded with no event
                sink.write(out.read_text(encoding="utf-8"))


def load_preds(path: Path) -> dict[str, list[dict]]:
    """Predicted events by document; a line that is not a JSON object is reported and skipped."""
    preds: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                pred = json.loads(line)
                preds[str(pred["doc_id"])].append(pred)
            except (json.JSONDecodeError, KeyError, TypeError) as problem:
                print(f"{path}:{number}: skipped, not an event record with a doc_id ({problem})", file=sys.stderr)
    return preds


def figures(score: ModuleType, sets: list[Path], preds: dict[str, list[dict]]) -> dict[str, dict]:
    """score.py's summary of each set, as its table prints it."""
    return {gold.stem: score.summary(score.score(score.load_jsonl(gold), preds)[0]) for gold in sets}


# --- the ratchet ----------------------------------------------------------------------------------------------

def floor3(value: float) -> float:
    """Rounded down to 3 decimals, so a floor is never above the figure it was taken from."""
    return float(Decimal(str(value)).quantize(Decimal("0.001"), rounding=ROUND_FLOOR))


def read_floors(path: Path) -> dict[str, dict[str, float]]:
    return json.loads(path.read_text(encoding="utf-8"))["sets"] if path.exists() else {}


def check(current: dict[str, dict], floors: dict[str, dict[str, float]]) -> int:
    """Print every figure against its floor (or ceiling); 1 when any is on the wrong side, or a set is missing."""
    failed = 0
    print(f"{'set':<16} {'figure':<16} {'now':>8} {'floor':>8}")
    for name, bounds in floors.items():
        if name not in current:
            print(f"{name:<16} missing: no such gold set was scored   FAIL")
            failed += 1
            continue
        for figure, bound in sorted(bounds.items(), key=lambda item: figure_order(item[0])):
            now = current[name][figure.removesuffix("_max")]
            ceiling = figure.endswith("_max")
            ok = now is not None and (now <= bound if ceiling else now >= bound)
            failed += not ok
            kind = "ceiling" if ceiling else "floor"
            print(f"{name:<16} {figure.removesuffix('_max'):<16} {now!s:>8} {bound!s:>8} {kind:<8}"
                  f"{'ok' if ok else 'FAIL'}")
    print("ratchet: " + ("every figure holds" if not failed
                         else f"{failed} figure(s) below a floor or above a ceiling (bench/{FLOORS.name})"))
    return 1 if failed else 0


def figure_order(figure: str) -> int:
    """The order of score.py's table: recall_root, precision_root, f1_dyad, then the ceilings."""
    known = [*FLOOR_FIGURES, *(f + "_max" for f in CEILING_FIGURES)]
    return known.index(figure) if figure in known else len(known)


def raise_floors(current: dict[str, dict], floors: dict[str, dict[str, float]]) -> dict[str, dict[str, float]]:
    """Floors up to today's figures and ceilings down to them, never the other way."""
    raised = {name: dict(bounds) for name, bounds in floors.items()}
    for name, now in current.items():
        bounds = raised.setdefault(name, {})
        for figure in FLOOR_FIGURES:
            if now[figure] is not None:
                bounds[figure] = max(bounds.get(figure, 0.0), floor3(now[figure]))
        for figure in CEILING_FIGURES:
            bounds[figure + "_max"] = min(bounds.get(figure + "_max", now[figure]), now[figure])
    return raised


def write_floors(path: Path, floors: dict[str, dict[str, float]]) -> None:
    about = ("Floors of the accuracy ratchet (bench/accuracy.py --check): each figure may rise, never fall; "
             "*_max figures are ceilings. Raise them with bench/accuracy.py --update-floors in the commit "
             "that improves them.")
    path.write_text(json.dumps({"about": about, "sets": floors}, indent=1, sort_keys=True) + "\n", encoding="utf-8")


# --- the command ----------------------------------------------------------------------------------------------

def parse_args(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="*", type=Path, help="gold files to code and score (default: the visible sets)")
    ap.add_argument("--errors", nargs="?", const=str(DEFAULT_EXAMPLES), metavar="N",
                    help=f"print the error classes, up to N examples each (default {DEFAULT_EXAMPLES}; 0: counts only)")
    ap.add_argument("--missed", type=int, default=0, help="score.py's list of up to N missed gold events per set")
    ap.add_argument("--by-root", action="store_true", help="break recall down by CAMEO root")
    ap.add_argument("--set", action="append", help="only this gold set (stem name); repeatable")
    ap.add_argument("--pred", type=Path, help="score this predictions file instead of coding the sets")
    ap.add_argument("--keep", type=Path, help="write the combined predictions here")
    ap.add_argument("--json", action="store_true", help="print the scores and error-class counts as JSON")
    ap.add_argument("--check", action="store_true", help="compare with the floors in --floors; exit 1 below one")
    ap.add_argument("--update-floors", action="store_true", help="raise the floors to today's figures")
    ap.add_argument("--floors", type=Path, default=FLOORS, help=f"the floors file (default {FLOORS.name})")
    args = ap.parse_args(argv)
    if args.errors is not None and not args.errors.isdigit():  # `--errors GOLD.jsonl`: the flag, then a file
        args.gold.append(Path(args.errors))
        args.errors = str(DEFAULT_EXAMPLES)
    args.errors = int(args.errors) if args.errors is not None else None  # 0: the counts, no examples
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    scorer = SHARED / "tools" / "score.py"
    if not (SHARED / "gold").is_dir() or not scorer.exists():
        print(f"skipped: {SHARED / 'gold'} and {scorer} are not beside the checkout")
        return 0
    score = load_score(scorer)
    ratchet = args.check or args.update_floors
    names = args.set or (list(read_floors(args.floors)) if ratchet and not args.gold else None)
    sets = gold_sets(names, args.gold)
    if not sets:
        print("no gold set to score", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        pred_file = args.pred or args.keep or Path(tmp) / "pred.jsonl"
        if not args.pred:
            code_all(sets, pred_file, Path(tmp))
        preds = load_preds(pred_file)
        if ratchet:
            current = figures(score, sets, preds)
            if args.update_floors:
                write_floors(args.floors, raise_floors(current, read_floors(args.floors)))
                print(f"floors written to {args.floors}")
            floors = read_floors(args.floors)
            if args.set or args.gold:  # a chosen few: check those; the full check also fails on a set gone missing
                floors = {name: bounds for name, bounds in floors.items() if name in current}
            return check(current, floors)
        if args.json:
            result = {name: {"scores": summary} for name, summary in figures(score, sets, preds).items()}
            for gold in sets:
                report = classify(score, score.load_jsonl(gold), preds, gold.stem, args.errors or 0)
                result[gold.stem]["errors"] = report.as_dict()
            print(json.dumps(result, ensure_ascii=False, indent=1))
            return 0
        clean = Path(tmp) / "pred.clean.jsonl"  # score.py reads a file: the records that loaded, nothing else
        clean.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for ps in preds.values() for p in ps),
                         encoding="utf-8")
        command = ["--pred", str(clean)]
        for gold in sets:
            command += ["--gold", str(gold)]
        command += ["--errors", str(args.missed)] + (["--by-root"] if args.by_root else [])
        score.main(command)
        for gold in sets if args.errors is not None else []:
            print()
            print(render(classify(score, score.load_jsonl(gold), preds, gold.stem, args.errors)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
