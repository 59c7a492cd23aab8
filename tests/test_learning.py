"""Identities learned from one article (a title or apposition beside a name) help resolve that person in later
articles; with `learn_identities` off, every article is coded on its own, whatever came before it."""

from __future__ import annotations

from eventwire.actors import ActorResolver
from eventwire.actors.kb import load_kb
from eventwire.model import Article
from eventwire.pipeline import Pipeline
from eventwire.settings import Settings

INTRODUCES = Article(id="a", published="2024-05-06",
                     text="Chile's Foreign Minister Tomasa Verdell met Peru's ambassador in Santiago on Monday.")
LATER = Article(id="b", published="2024-05-08",
                text="Verdell condemned the attack on the embassy in Lima on Tuesday.")


def sources(pipeline: Pipeline, articles: list[Article]) -> dict[str, list[tuple]]:
    return {article.id: [(e.cameo, [(x.name, x.country) for x in e.source]) for e in events]
            for article, events in pipeline.code(articles)}


def test_a_title_learned_in_one_article_resolves_the_name_in_a_later_one(nlp):
    learning = Pipeline(nlp=nlp, resolver=ActorResolver(kb=load_kb(None), learn=True))
    later = sources(learning, [INTRODUCES, LATER])["b"]
    assert ("Tomasa Verdell", "CHL") in [actor for _, side in later for actor in side]


def test_with_learning_off_each_article_is_coded_on_its_own(nlp):
    alone = sources(Pipeline(Settings(learn_identities=False), nlp=nlp), [LATER])["b"]
    after = sources(Pipeline(Settings(learn_identities=False), nlp=nlp), [INTRODUCES, LATER])["b"]
    assert after == alone
    assert "CHL" not in [country for _, side in after for _, country in side]


def test_an_article_is_coded_alone_and_its_lessons_come_back_with_it(nlp):
    """What a worker returns for an article does not depend on what it coded before: the lesson of the
    first article comes back with it and is forgotten, and the run's own process applies it in input order."""
    pipeline = Pipeline(nlp=nlp, resolver=ActorResolver(kb=load_kb(None), learn=True))
    coded = {a.id: (events, taught) for a, events, taught in pipeline.code_alone([INTRODUCES, LATER])}
    assert [(t.name, t.country, t.sector) for t in coded["a"][1]] == [("Tomasa Verdell", "CHL", "GOV")]
    assert coded["b"][1] == []
    alone = sources(Pipeline(nlp=nlp, resolver=ActorResolver(kb=load_kb(None), learn=True)), [LATER])["b"]
    assert [(e.cameo, [(x.name, x.country) for x in e.source]) for e in coded["b"][0]] == alone
    assert "Tomasa Verdell" not in pipeline.resolver.kb.learned  # forgotten after the article
    assert ("Tomasa Verdell", "CHL") in [actor for _, side in sources(pipeline, [INTRODUCES, LATER])["b"]
                                         for actor in side]
    assert pipeline.resolver.kb.learned["Tomasa Verdell"].country == "CHL"  # kept once the run is over


def test_a_spark_partition_learns_only_from_its_own_articles():
    """A Python worker keeps its pipeline for every task it runs: a partition must not be coded with what
    the worker's earlier partitions taught, or the output would depend on Spark's scheduling."""
    from eventwire.spark import code_partition

    def later_sources(articles: list[Article]) -> list:
        return sorted(row["source_code"] or "" for kind, row in code_partition(iter(articles), None)
                      if kind == "event" and row["doc_id"] == "b")

    before = later_sources([LATER])
    taught = later_sources([INTRODUCES, LATER])
    assert "CHLGOV" in taught and "CHLGOV" not in before  # within the partition, in input order
    assert later_sources([LATER]) == before
