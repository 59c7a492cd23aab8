"""A fault of the coder on one article ends nothing: the article is reported with its record and left out,
the others are coded and stored, in one process and in forked workers, and a later run codes it again.

The fault is made on purpose (a pipeline whose coder raises on one article id, as a bug would): no real
input is known to make the coder fail, and this checks the run around it, with the real model and store."""

from __future__ import annotations

import json
import logging

import duckdb
import pytest

from eventwire.api import ingest
from eventwire.engine import coded_articles, worker_count
from eventwire.model import Article
from eventwire.pipeline import Pipeline

TEXTS = ["Russian troops shelled the city of Kharkiv on Tuesday.",
         "Police arrested dozens of protesters in Minsk on Sunday.",
         "Chile and Peru held talks in Lima on Monday.",
         "Kenyan police detained three journalists in Nairobi."]
FAULTY = "doc-2"


class FaultyPipeline(Pipeline):
    """The real coder, but failing on one article as a coding bug would."""

    def code_parsed(self, parsed):
        if parsed.article.id == FAULTY:
            raise ValueError("a span ends before it starts")
        return super().code_parsed(parsed)


@pytest.fixture(scope="module")
def faulty(pipeline):
    return FaultyPipeline(pipeline.settings, nlp=pipeline.nlp)


def articles(copies: int = 1) -> list[Article]:
    return [Article(id=f"doc-{i}", text=TEXTS[(i - 1) % len(TEXTS)], published="2022-03-01",
                    origin=f"news.jsonl:{i}") for i in range(1, copies * len(TEXTS) + 1)]


def test_the_run_goes_on_past_an_article_the_coder_fails_on(faulty, caplog):
    with caplog.at_level(logging.ERROR, logger="eventwire"):
        coded = list(coded_articles(articles(), faulty, n_process=1))
    assert [a.id for a, _ in coded] == ["doc-1", "doc-3", "doc-4"]
    assert all(events for _, events in coded)
    [record] = [r for r in caplog.records if FAULTY in r.getMessage()]
    assert "news.jsonl:2" in record.getMessage() and "ValueError" in record.getMessage()


def test_forked_workers_go_on_past_it_too(faulty):
    many = articles(copies=10)
    assert worker_count(2, len(many)) == 2  # the input is big enough to be shared out
    coded = list(coded_articles(many, faulty, n_process=2))
    assert [a.id for a, _ in coded] == [a.id for a in many if a.id != FAULTY]


def test_the_api_raises_the_fault_itself(faulty):
    """Coding one text (the API, the fuzzer) shows the fault as it is: only runs over inputs go on past it."""
    with pytest.raises(ValueError, match="span ends"):
        faulty.code_text(TEXTS[0], doc_id=FAULTY)


def test_an_article_not_coded_is_not_stored_and_a_later_run_codes_it(faulty, pipeline, tmp_path):
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps({"id": f"doc-{i}", "text": t, "published": "2022-03-01"}) + "\n"
                              for i, t in enumerate(TEXTS, 1)), encoding="utf-8")
    db = str(tmp_path / "events.duckdb")
    first = ingest([str(source)], db, pipeline=faulty, n_process=1)
    assert first["articles_added"] == 3
    second = ingest([str(source)], db, pipeline=pipeline, n_process=1)
    assert second["articles_added"] == 1
    with duckdb.connect(db, read_only=True) as con:
        stored = {row[0] for row in con.execute("SELECT doc_id FROM articles").fetchall()}
    assert stored == {f"doc-{i}" for i in range(1, 5)}
