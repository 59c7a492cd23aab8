"""Upsert by id: `eventwire ingest --update` replaces a stored article that comes again with the same id and
another text or date (its events, actors, mentions and cluster memberships with it), leaving the store as a
clean ingest of the new versions would; without --update, what is stored is skipped as before."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_helpers import eventwire, records, snapshot, write_jsonl

ROWS = {"articles": "doc_hash, doc_id, title, published, source, url, text, n_events", "events": "*",
        "event_actors": "*", "mentions": "*",
        "cluster_members": "event_id, doc_hash, doc_id, source, date, country, mention, text, span_start"}


def versions() -> tuple[list[dict], list[dict]]:
    """Six reports, then the same six with report 2 rewritten and report 4 re-dated."""
    first = records(6)
    second = [dict(r) for r in first]
    second[2]["text"] = "The government of Chile sent aid convoys to flood victims in Ghana on Friday, officials said."
    second[4]["published"] = "2024-07-20"
    return first, second


def ingest(corpus: Path, db: Path, *flags: str) -> str:
    run = eventwire("ingest", str(corpus), "--db", str(db), *flags)
    assert run.returncode == 0, run.stderr
    return run.stderr


def consistent_clusters(db: Path) -> bool:
    """Every cluster counts exactly its members, and every member belongs to a stored article."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        wrong = con.execute("""
            SELECT count(*) FROM clusters c LEFT JOIN (SELECT cluster_id, count(*) AS n FROM cluster_members
            GROUP BY 1) m USING (cluster_id) WHERE coalesce(m.n, 0) <> c.num_mentions""").fetchall()[0][0]
        orphans = con.execute("SELECT count(*) FROM cluster_members WHERE doc_hash NOT IN "
                              "(SELECT doc_hash FROM articles)").fetchall()[0][0]
        return wrong == orphans == 0
    finally:
        con.close()


@pytest.mark.slow
def test_update_replaces_changed_articles_and_the_default_skips_them(tmp_path: Path):
    first, second = versions()
    old, new = write_jsonl(tmp_path / "v1.jsonl", first), write_jsonl(tmp_path / "v2.jsonl", second)
    clean = tmp_path / "clean.duckdb"
    ingest(new, clean)

    default = tmp_path / "default.duckdb"
    ingest(old, default)
    said = ingest(new, default)
    assert said.startswith("1 new article(s)") and "(5 already stored)" in said  # rewritten text: a new key
    stored = snapshot(default, {"articles": "doc_id, published"})["articles"]
    assert len(stored) == 7 and "('r4', datetime.date(2024, 5, 5))" in stored  # the re-dating was skipped

    updated = tmp_path / "updated.duckdb"
    ingest(old, updated)
    said = ingest(new, updated, "--update")
    assert said.startswith("0 new article(s), 2 updated, 2 event(s) added"), said
    assert snapshot(updated, ROWS) == snapshot(clean, ROWS)
    assert consistent_clusters(updated)
    assert ingest(new, updated, "--update").startswith("0 new article(s), 0 updated, 0 event(s) added")
