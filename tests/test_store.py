"""The DuckDB store: bulk writes, idempotent ingest, queries and exports on a real file."""

import json

import duckdb

from eventwire import api
from eventwire.model import Actor, Article, Event, Place
from eventwire.store import Store


def sample_event(article: Article, cameo: str = "190", date: str = "2022-02-24") -> Event:
    return Event(doc_id=article.id, text="Russian forces attacked Kharkiv.", span=(0, 32), trigger="attacked",
                 cameo=cameo, cameo_root=cameo[:2], plover="ASSAULT", goldstein=-10.0, quad_class=4,
                 source=[Actor("Russian forces", country="RUS", sector="MIL")],
                 target=[Actor("Kharkiv", country="UKR")], date=date, date_precision="day",
                 location=Place("Kharkiv", "UKR", 49.99, 36.23, "city"), dead=3)


def test_write_batch_is_idempotent_and_queryable(tmp_path):
    db = tmp_path / "events.duckdb"
    article = Article(id="a", text="Russian forces attacked Kharkiv.", published="2022-02-24")
    with Store(db) as store:
        assert store.write_batch([(article, [sample_event(article)])]) == (1, 1)
        assert store.write_batch([(article, [sample_event(article)])]) == (0, 0)
        assert store.count("event_actors") == 2
    with Store(db, read_only=True) as store:
        rows = store.events(country="RUS")
        assert len(rows) == 1 and rows[0]["dead"] == 3 and rows[0]["source"][0]["sector"] == "MIL"
        assert store.events(cameo="19") and not store.events(cameo="04")
        assert store.events(since="2022-02-01", until="2022-02-28")
        assert not store.events(since="2022-03-01")
        assert store.events(actor="kharkiv")


def test_export_formats(tmp_path):
    db = tmp_path / "events.duckdb"
    article = Article(id="a", text="Russian forces attacked Kharkiv.")
    with Store(db) as store:
        store.write_batch([(article, [sample_event(article)])])
        store.export(tmp_path / "e.parquet")
        store.export(tmp_path / "e.csv")
        store.export(tmp_path / "a.jsonl", table="event_actors")
    assert duckdb.connect().execute(f"SELECT count(*) FROM '{tmp_path / 'e.parquet'}'").fetchone()[0] == 1
    assert "cameo" in (tmp_path / "e.csv").read_text().splitlines()[0]
    lines = (tmp_path / "a.jsonl").read_text().splitlines()
    assert {json.loads(line)["role"] for line in lines} == {"source", "target"}


def test_reingest_same_input_adds_no_rows(tmp_path, pipeline):
    source = tmp_path / "news.jsonl"
    docs = [{"id": f"n{i}", "published": "2022-01-05",
             "text": f"Turkey's foreign minister held talks with NATO officials in Brussels. Report {i}."}
            for i in range(3)]
    source.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    db = tmp_path / "store.duckdb"
    first = api.ingest([str(source)], str(db), pipeline=pipeline)
    assert first["articles_added"] == 3
    with Store(db) as store:
        before = {t: store.count(t) for t in ("articles", "events", "event_actors", "mentions")}
    second = api.ingest([str(source)], str(db), pipeline=pipeline)
    assert second["articles_added"] == 0 and second["events_added"] == 0
    with Store(db) as store:
        assert {t: store.count(t) for t in before} == before
