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
