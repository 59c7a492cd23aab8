"""Real-corpus check of the alerts: the Guardian sample (2017–2019, Syria and Turkey) → store → alerts.

Prints every alert with its evidence sentences, then which well-known escalations of those years an alert
fell on (the reference list below is public history, written down before looking at the output, and is
used to judge the defaults, never to fit them).

    .venv/bin/python bench/alerts_guardian.py                 # ingest into a temporary store
    .venv/bin/python bench/alerts_guardian.py --db g.duckdb   # reuse (or create) this store
    .venv/bin/python bench/alerts_guardian.py --method changepoint --measure material_conflict
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT.parent / "shared" / "data" / "news" / "guardian_ngec_sample_249.jsonl"

# (name, first day, last day, the dyads ("TUR→SYR") or places ("in SYR") whose alert would name it)
ESCALATIONS = [
    # Turkish-backed Syrian rebels fought the Kurdish YPG there: both sides are Syrian, hence SYR→SYR too
    ("Turkey's Afrin offensive (Operation Olive Branch), until Afrin falls", "2018-01-20", "2018-03-18",
     {"TUR→SYR", "SYR→TUR", "SYR→SYR", "in SYR", "in TUR"}),
    ("Regime offensive on Eastern Ghouta, before Douma", "2018-02-18", "2018-04-01",
     {"SYR→SYR", "RUS→SYR", "in SYR"}),
    ("Douma chemical attack and the US/UK/French strikes", "2018-04-07", "2018-04-15",
     {"SYR→SYR", "RUS→SYR", "in SYR", "USA→SYR", "GBR→SYR", "FRA→SYR"}),
    ("Idlib: bombardment before the expected offensive", "2018-09-01", "2018-09-16",
     {"SYR→SYR", "RUS→SYR", "in SYR"}),
    ("US withdrawal announced; battle for Hajin", "2018-12-14", "2018-12-23",
     {"USA→SYR", "SYR→SYR", "in SYR", "TUR→SYR"}),
    ("Idlib/Hama offensive", "2019-04-26", "2019-08-31", {"SYR→SYR", "RUS→SYR", "in SYR"}),
    ("Turkey's offensive in north-east Syria (Operation Peace Spring)", "2019-10-09", "2019-10-22",
     {"TUR→SYR", "in SYR", "in TUR"}),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store to reuse or create (default: a temporary one)")
    parser.add_argument("--method", default="zscore")
    parser.add_argument("--measure", default=None)
    parser.add_argument("--freq", default="week")
    parser.add_argument("--evidence", type=int, default=3)
    args = parser.parse_args()
    if not SAMPLE.exists():
        print(f"skipped: {SAMPLE} is not there (../shared is not beside the checkout)")
        return 0

    from eventwire import analysis, api
    from eventwire.cli_analysis import alert_headline, evidence_line

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "guardian.duckdb"
        started = time.perf_counter()
        totals = api.ingest([str(SAMPLE)], str(db))
        print(f"store {db}: {totals['articles_added']} article(s) coded now, {totals['events_added']} event(s) "
              f"({time.perf_counter() - started:.0f} s)")
        options = {"freq": args.freq, "method": args.method, "evidence": args.evidence}
        if args.measure:
            options["measure"] = args.measure
        started = time.perf_counter()
        found = analysis.alerts(str(db), **options)
        elapsed = time.perf_counter() - started
        with analysis.opened(str(db)) as store:
            span, observed = analysis.coverage(store, args.freq)
        print(f"{len(found)} alert(s) over {len(span)} {args.freq}s ({len(observed)} with articles) in "
              f"{elapsed:.1f} s; options {options}\n")
        for alert in found:
            print(alert_headline(alert))
            for item in alert["evidence"]:
                print(evidence_line(item))
            print()
        print_reference(found, span, args.freq)
    return 0


def print_reference(found: list[dict], span: list[dt.date], freq: str) -> None:
    """Which reference escalations an alert fell on, and which lie outside the sample's months."""
    first, last = (span[0], span[-1]) if span else (dt.date.max, dt.date.min)
    print("Reference escalations (public history) and the alerts that fell on them:")
    for name, start, end, codes in ESCALATIONS:
        begin, finish = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        if finish < first or begin > last:
            print(f"  -  {name} ({start} – {end}): outside the sample ({first} – {last})")
            continue
        hits = [a for a in found if on(a, start, end) and who(a) in codes]
        names = ", ".join(sorted({f"{a['period']} {who(a)}" for a in hits}))
        print(f"  {'✓' if hits else '✗'}  {name} ({start} – {end}): {names or 'no alert'}")
    outside = [f"{a['period']} {who(a)}" for a in found
               if not any(on(a, start, end) and who(a) in codes for _, start, end, codes in ESCALATIONS)]
    print(f"  alerts on no reference escalation: {', '.join(outside) or 'none'}")


def on(alert: dict, start: str, end: str) -> bool:
    """Whether an alert's period overlaps the days from `start` to `end`."""
    period = dt.date.fromisoformat(alert["period"])
    return dt.date.fromisoformat(start) - dt.timedelta(days=6) <= period <= dt.date.fromisoformat(end)


def who(alert: dict) -> str:
    return f"{alert['source']}→{alert['target']}" if alert["kind"] == "dyad" else f"in {alert['country']}"


if __name__ == "__main__":
    sys.exit(main())
