"""Issue #14 item 14: the de-duplication key is normalised (whitespace at either end and in runs, Unicode
normal form, the case of the source), so the same articles with `"source": "Guardian "` add nothing; a
store keyed the old way is re-keyed once, its copies merged."""

from __future__ import annotations

import hashlib
import unicodedata
from pathlib import Path

import duckdb
from store_helpers import eventwire, records, snapshot, write_jsonl

from eventwire.model import Actor, Article, Event, document_key
from eventwire.store import Store


def variants(rows: list[dict]) -> list[dict]:
    """The same articles as another feed might spell them."""
    out = []
    for i, row in enumerate(rows):
        row = dict(row)
        row["source"] = ["Guardian ", "guardian", "  THE  Guardian".replace("THE  ", ""), "GUARDIAN\t"][i % 4]
        row["text"] = [f"  {row['text']}\n", row["text"].replace("\n", "\r\n"), row["text"].replace(" ", "  "),
                       unicodedata.normalize("NFD", row["text"])][i % 4]
        row["title"] = unicodedata.normalize("NFD" if i % 2 else "NFC", row["title"]) + " " * (i % 3)
        out.append(row)
    return out


def test_the_same_articles_spelled_differently_add_nothing(tmp_path: Path):
    rows = [dict(r, source="Guardian", title=f"Zürich talks, café {r['id']}") for r in records(8)]
    rows[3]["text"] = rows[3]["text"].replace("officials said", "officials said in Zürich")
    db = tmp_path / "store.duckdb"
    first = eventwire("ingest", str(write_jsonl(tmp_path / "a.jsonl", rows)), "--db", str(db))
    assert first.returncode == 0, first.stderr
    before = snapshot(db)
    assert len(before["articles"]) == 8 and before["events"]

    again = eventwire("ingest", str(write_jsonl(tmp_path / "b.jsonl", variants(rows))), "--db", str(db))
    assert again.returncode == 0, again.stderr
    assert again.stderr.startswith("0 new article(s), 0 event(s) added") and "(8 already stored)" in again.stderr
    assert snapshot(db) == before

    other = [dict(r, source="BBC") for r in rows[:2]]  # another outlet's copy is another article
    third = eventwire("ingest", str(write_jsonl(tmp_path / "c.jsonl", other)), "--db", str(db))
    assert third.stderr.startswith("2 new article(s)")


def legacy_key(source: str, title: str, text: str) -> str:
    """The key of store format 1: the fields as they came."""
    return hashlib.sha1(f"{source}\x00{title}\x00{text}".encode()).hexdigest()


def event(doc: Article) -> Event:
    return Event(doc_id=doc.id, text=doc.text, span=(0, 20), trigger="attacked", cameo="190", cameo_root="19",
                 source=[Actor("Russian forces", country="RUS", sector="MIL")],
                 target=[Actor("Kharkiv", country="UKR")], date="2022-03-01", date_precision="day")


def format_1_store(db: Path) -> tuple[Article, Article]:
    """A store as the old key wrote it, holding one article twice ("Guardian" and "Guardian ")."""
    a = Article(id="a", text="Russian forces attacked Kharkiv.", source="Guardian", published="2022-03-01")
    b = Article(id="b", text="placeholder", source="Guardian", published="2022-03-01")
    with Store(db) as store:
        store.write_batch([(a, [event(a)]), (b, [event(b)])])
    copy = Article(id="b", text=a.text + " ", source="Guardian ", published="2022-03-01")
    con = duckdb.connect(str(db))
    con.execute("UPDATE articles SET text = ?, source = ? WHERE doc_id = 'b'", [copy.text, copy.source])
    for doc in (a, copy):
        new, old = doc.doc_hash if doc is a else b.doc_hash, legacy_key(doc.source, doc.title, doc.text)
        for table in ("articles", "events", "event_actors", "mentions", "cluster_members"):
            con.execute(f"UPDATE {table} SET doc_hash = ? WHERE doc_hash = ?", [old, new])
    con.execute("DROP TABLE store_meta")
    con.close()
    return a, copy


def test_an_old_store_is_rekeyed_once_and_its_copies_merged(tmp_path: Path):
    db = tmp_path / "old.duckdb"
    a, copy = format_1_store(db)
    old = snapshot(db)
    assert len(old["articles"]) == 2 and len(old["events"]) == 2
    assert old["clusters"] and "2, 2, 1, 2" in old["clusters"][0]  # one cluster: 2 mentions, articles, events

    with Store(db) as store:  # a writer opens it: the re-key runs in one transaction
        keys = dict(store.con.execute("SELECT doc_id, doc_hash FROM articles").fetchall())
        assert len(keys) == 1 and list(keys.values()) == [document_key(a.source, a.title, a.text)]
        assert store.count("events") == store.count("cluster_members") == 1
        counts = store.con.execute("SELECT num_mentions, num_articles, num_events FROM clusters").fetchall()
        assert counts == [(1, 1, 1)]
        assert store.con.execute("SELECT count(*) FROM cluster_members WHERE doc_hash NOT IN "
                                 "(SELECT doc_hash FROM articles)").fetchall() == [(0,)]
        assert store.con.execute("SELECT value FROM store_meta").fetchall() == [("2",)]
        assert store.write_batch([(copy, [event(copy)])]) == (0, 0)  # the copy is known now
    rekeyed = snapshot(db)
    with Store(db):
        pass
    assert snapshot(db) == rekeyed  # once: a second open changes nothing

    again = eventwire("ingest", str(write_jsonl(tmp_path / "a.jsonl", [
        {"id": "a", "text": a.text, "source": "guardian", "published": a.published}])), "--db", str(db))
    assert again.returncode == 0 and again.stderr.startswith("0 new article(s)"), again.stderr
