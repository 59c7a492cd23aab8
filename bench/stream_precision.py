"""Precision on the everyday news stream: how much political "event" data the coder makes out of business,
sport, entertainment and technology news, and how well the relevance score tells politics apart.

    .venv/bin/python bench/stream_precision.py [--slice 0:60] [--slice 60:120] [--processes N]

For each slice (articles START:END of every BBC section in ../shared/data/news/bbc_news_2225.jsonl) it codes
the non-politics articles (business, sport, entertainment, tech) and the politics articles and prints:
- violent events (CAMEO 18-20, status occurred or ongoing, counted) per 100 non-politics articles
  (target <= 5), and counted events per non-politics article (target <= 1.5);
- the same with the events of low-relevance articles taken back in (what `--include-low-relevance` counts),
  and before the counting rules (status occurred or ongoing only), for comparison;
- the events left out of counts, by reason;
- ROC AUC of the relevance score, politics against the other four sections (target >= 0.9).
The section is read from each record's id for scoring only: the coder sees the articles under neutral ids
("doc-N"), with the title, text and source of the record and no URL, so the section cannot leak into the
score. Skips with a message when ../shared is not beside the checkout.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from eventwire.events.codes import VIOLENT_ROOTS
from eventwire.model import Article, Event
from eventwire.pipeline import Pipeline
from eventwire.relevance import LOW_RELEVANCE

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "news" / "bbc_news_2225.jsonl"
OTHER_SECTIONS = ("business", "sport", "entertainment", "tech")
POLITICS = "politics"
HAPPENED = ("occurred", "ongoing")


def read_sections(path: Path) -> dict[str, list[dict]]:
    """Records per section, in file order; the section is the second part of the id (bbc-sport-001)."""
    sections: dict[str, list[dict]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            sections.setdefault(record["id"].split("-")[1], []).append(record)
    return sections


def neutral_articles(records: list[dict], first: int) -> list[Article]:
    """The records as the coder sees them: no id, category or URL that names the section."""
    return [Article(id=f"doc-{first + i}", text=r["text"], title=r.get("title") or "",
                    published=r.get("published"), source=r.get("source") or "")
            for i, r in enumerate(records)]


def roc_auc(positives: list[float], negatives: list[float]) -> float:
    """The probability that a random positive scores above a random negative (ties count half)."""
    if not positives or not negatives:
        return float("nan")
    wins = sum((p > n) + 0.5 * (p == n) for p in positives for n in negatives)
    return wins / (len(positives) * len(negatives))


def code_slice(pipeline: Pipeline, sections: dict[str, list[dict]], start: int, end: int,
               processes: int) -> dict[str, list[tuple[Article, list[Event]]]]:
    coded: dict[str, list[tuple[Article, list[Event]]]] = {}
    offset = 0
    for section in (*OTHER_SECTIONS, POLITICS):
        articles = neutral_articles(sections.get(section, [])[start:end], offset)
        offset += len(articles)
        coded[section] = list(pipeline.code(articles, n_process=processes))
    return coded


def figures(coded: dict[str, list[tuple[Article, list[Event]]]], threshold: float) -> dict[str, float | int]:
    others = [pair for section in OTHER_SECTIONS for pair in coded[section]]
    events = [e for _, evs in others for e in evs]
    n = max(len(others), 1)
    counted = [e for e in events if e.counted]
    widened = [e for e in events if e.counted or e.not_counted == LOW_RELEVANCE]  # --include-low-relevance
    happened = [e for e in events if e.status in HAPPENED]
    return {
        "non_politics_articles": len(others),
        "violent_per_100": 100 * sum(e.cameo[:2] in VIOLENT_ROOTS and e.status in HAPPENED for e in counted) / n,
        "counted_per_article": len(counted) / n,
        "violent_per_100_with_low_relevance": 100 * sum(e.cameo[:2] in VIOLENT_ROOTS for e in widened) / n,
        "counted_per_article_with_low_relevance": len(widened) / n,
        "violent_per_100_status_only": 100 * sum(e.cameo[:2] in VIOLENT_ROOTS for e in happened) / n,
        "happened_per_article": len(happened) / n,
        "relevance_auc": roc_auc([a.relevance or 0.0 for a, _ in coded[POLITICS]],
                                 [a.relevance or 0.0 for a, _ in others]),
        "politics_articles": len(coded[POLITICS]),
        "politics_counted_per_article": sum(e.counted for _, evs in coded[POLITICS] for e in evs)
        / max(len(coded[POLITICS]), 1),
        "politics_low_relevance_share": sum(a.relevance is not None and a.relevance < threshold
                                            for a, _ in coded[POLITICS]) / max(len(coded[POLITICS]), 1),
    }


def left_out(coded: dict[str, list[tuple[Article, list[Event]]]]) -> Counter[str]:
    return Counter(e.not_counted for section in OTHER_SECTIONS for _, evs in coded[section] for e in evs
                   if not e.counted)


def keep(path: Path, coded: dict[str, list[tuple[Article, list[Event]]]], start: int, end: int) -> None:
    with path.open("a", encoding="utf-8") as sink:
        for section, pairs in coded.items():
            for article, events in pairs:
                sink.write(json.dumps({"slice": f"{start}:{end}", "section": section, "doc": article.id,
                                       "title": article.title, "relevance": article.relevance,
                                       "events": [e.to_dict() for e in events]}) + "\n")


def parse_slice(text: str) -> tuple[int, int]:
    start, _, end = text.partition(":")
    return int(start), int(end)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--slice", action="append", type=parse_slice,
                    help="START:END articles of each section (repeatable; default 0:60 and 60:120)")
    ap.add_argument("--processes", type=int, default=1, help="spaCy worker processes")
    ap.add_argument("--keep", type=Path, help="append each article's section, relevance and events here (JSONL)")
    args = ap.parse_args(argv)
    if not CORPUS.is_file():
        print(f"skipped: {CORPUS} is not beside the checkout")
        return 0
    sections = read_sections(CORPUS)
    pipeline = Pipeline()
    threshold = pipeline.settings.relevance_threshold
    print(f"relevance threshold {threshold}")
    for start, end in args.slice or [(0, 60), (60, 120)]:
        started = time.perf_counter()
        fresh = Pipeline(pipeline.settings, nlp=pipeline.nlp)  # nothing learned from an earlier slice
        coded = code_slice(fresh, sections, start, end, args.processes)
        found = figures(coded, threshold)
        if args.keep:
            keep(args.keep, coded, start, end)
        print(f"\nslice {start}:{end} of each section, coded in {time.perf_counter() - started:.0f}s")
        print(f"  non-politics articles                  {found['non_politics_articles']}")
        print(f"  violent events per 100 articles        {found['violent_per_100']:.1f}  (target <= 5; "
              f"{found['violent_per_100_status_only']:.1f} by status alone)")
        print(f"  counted events per article             {found['counted_per_article']:.2f}  (target <= 1.5; "
              f"{found['happened_per_article']:.2f} by status alone)")
        print(f"  with --include-low-relevance           {found['violent_per_100_with_low_relevance']:.1f} violent "
              f"per 100 articles, {found['counted_per_article_with_low_relevance']:.2f} counted events per article")
        print(f"  relevance ROC AUC, politics vs others  {found['relevance_auc']:.3f}  (target >= 0.9)")
        print(f"  politics articles below the threshold  {found['politics_low_relevance_share']:.1%} of "
              f"{found['politics_articles']}; {found['politics_counted_per_article']:.2f} counted events each")
        reasons = left_out(coded)
        print("  left out of counts (non-politics):     "
              + ", ".join(f"{reason} {n}" for reason, n in reasons.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
