"""Cross-article clustering: one event told three ways in three articles becomes one cluster; new articles
join stored clusters incrementally; different events stay apart."""

from __future__ import annotations

import json
from pathlib import Path

from eventwire.cluster import cluster_key, cluster_records
from eventwire.model import Actor, Article, Event, Mention, Place
from eventwire.store import Store

ARTICLES = [
    Article(id="wire-1", source="Example Wire", published="2024-03-04",
            text="Russian forces shelled the port of Odesa on Monday, officials said."),
    Article(id="daily-7", source="Daily Example", published="2024-03-05",
            text="Odesa came under Russian artillery fire a day ago.\nThe city council counted the damage."),
    Article(id="radio-3", source="Example Radio", published="2024-03-06",
            text="Ukraine's foreign ministry condemned the Russian bombardment of Odesa on 4 March."),
]


def odesa_event(article: Article, sentence: str, trigger: str, date: str = "2024-03-04",
                country: str | None = "UKR") -> Event:
    start = article.text.index(sentence)
    span = (start, start + len(sentence))
    return Event(doc_id=article.id, text=sentence, span=span, trigger=trigger, cameo="195", cameo_root="19",
                 source=[Actor("Russian forces", country="RUS", sector="MIL")],
                 target=[Actor("Odesa", country="UKR")], date=date,
                 location=Place("Odesa", country=country) if country else None,
                 mentions=[Mention(article.id, sentence, span, trigger)])


def three_reports() -> list[tuple[Article, list[Event]]]:
    first, second, third = ARTICLES
    return [
        (first, [odesa_event(first, "Russian forces shelled the port of Odesa on Monday, officials said.",
                             "shelled")]),
        (second, [odesa_event(second, "Odesa came under Russian artillery fire a day ago.", "artillery fire",
                              country=None)]),
        (third, [odesa_event(third, "Ukraine's foreign ministry condemned the Russian bombardment of Odesa on "
                                    "4 March.", "bombardment")]),
    ]


def test_one_event_told_three_ways_is_one_cluster(tmp_path: Path):
    with Store(tmp_path / "c.duckdb") as store:
        store.write_batch(three_reports())
        clusters = cluster_records(store.con)
    assert len(clusters) == 1
    cluster = clusters[0]
    assert (cluster["num_mentions"], cluster["num_articles"], cluster["num_sources"]) == (3, 3, 3)
    assert cluster["cameo_root"] == "19" and cluster["country"] == "UKR"
    assert (cluster["first_date"], cluster["last_date"]) == ("2024-03-04", "2024-03-04")
    docs = [(m["doc_id"], m["text"][:20]) for m in cluster["mentions"]]
    assert sorted(d for d, _ in docs) == ["daily-7", "radio-3", "wire-1"]
    for m in cluster["mentions"]:
        article = next(a for a in ARTICLES if a.id == m["doc_id"])
        assert article.text[m["span_start"]:m["span_end"]] == m["text"]


def test_new_article_joins_the_stored_cluster_incrementally(tmp_path: Path):
    late = Article(id="weekly-9", source="Example Wire", published="2024-03-07",
                   text="Shelling hit Odesa's port early this week.")
    with Store(tmp_path / "c.duckdb") as store:
        store.write_batch(three_reports()[:2])
        first_id = cluster_records(store.con)[0]["cluster_id"]
        store.write_batch(three_reports()[2:])
        store.write_batch([(late, [odesa_event(late, late.text, "Shelling", date="2024-03-06")])])
        store.write_batch(three_reports())  # re-ingest adds nothing
        clusters = cluster_records(store.con)
        assert store.count("cluster_members") == 4
    assert [c["cluster_id"] for c in clusters] == [first_id]
    # four articles from three outlets: the weekly shares Example Wire with wire-1
    assert (clusters[0]["num_mentions"], clusters[0]["num_articles"], clusters[0]["num_sources"]) == (4, 4, 3)
    assert clusters[0]["last_date"] == "2024-03-06"


def test_other_day_place_or_dyad_opens_other_clusters(tmp_path: Path):
    base = ARTICLES[0]
    sentence = "Russian forces shelled the port of Odesa on Monday, officials said."
    far = odesa_event(Article(id="x1", text=sentence), sentence, "shelled", date="2024-03-20")
    elsewhere = odesa_event(Article(id="x2", text=sentence), sentence, "shelled", country="MDA")
    reversed_dyad = odesa_event(Article(id="x3", text=sentence), sentence, "shelled")
    reversed_dyad.source, reversed_dyad.target = reversed_dyad.target, reversed_dyad.source
    batch = [(base, [odesa_event(base, sentence, "shelled")])] + [
        (Article(id=e.doc_id, text=sentence, source=e.doc_id), [e]) for e in (far, elsewhere, reversed_dyad)]
    with Store(tmp_path / "c.duckdb") as store:
        store.write_batch(batch)
        assert store.count("clusters") == 4


def test_reciprocal_events_match_either_way_round():
    meet = Event(doc_id="d", text="t", span=(0, 1), trigger="met", cameo="040", cameo_root="04", reciprocal=True,
                 source=[Actor("Turkey", country="TUR")], target=[Actor("Greece", country="GRC")])
    again = Event(doc_id="e", text="t", span=(0, 1), trigger="met", cameo="040", cameo_root="04", reciprocal=True,
                  source=[Actor("Greece", country="GRC")], target=[Actor("Turkey", country="TUR")])
    assert cluster_key(meet) == cluster_key(again) == ("04", "GRC", "TUR")
    meet.reciprocal = False  # a one-way act keeps its direction: Turkey → Greece
    assert cluster_key(meet) == ("04", "TUR", "GRC")


def test_clusters_export(tmp_path: Path):
    with Store(tmp_path / "c.duckdb") as store:
        store.write_batch(three_reports())
        assert store.export(tmp_path / "clusters.csv", table="clusters") == 1
        assert store.export(tmp_path / "members.jsonl", table="cluster_members") == 3
    assert "num_mentions" in (tmp_path / "clusters.csv").read_text().splitlines()[0]


def test_clusters_command_prints_each_event_once_with_its_mentions(tmp_path: Path):
    from typer.testing import CliRunner

    from eventwire.cli import app

    db = tmp_path / "c.duckdb"
    with Store(db) as store:
        store.write_batch(three_reports())
    result = CliRunner().invoke(app, ["clusters", "--db", str(db), "--min-articles", "2"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 1 and lines[0]["num_articles"] == 3
    assert sorted(m["doc_id"] for m in lines[0]["mentions"]) == ["daily-7", "radio-3", "wire-1"]
    none = CliRunner().invoke(app, ["clusters", "--db", str(db), "--min-articles", "4"])
    assert none.exit_code == 0 and "{" not in none.stdout
