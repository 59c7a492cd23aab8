"""eventwire as a spaCy component: `nlp.add_pipe("eventwire")` codes each Doc into `doc._.events`.

The Doc is coded as it was parsed (one unit); the `Pipeline` itself also splits headlines and paragraphs
before parsing, which is better for raw news files.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .model import Article
from .nlp import ParsedDocument, Unit
from .pipeline import Pipeline
from .settings import Settings

if not Doc.has_extension("events"):
    Doc.set_extension("events", default=None)


class EventwireComponent:
    def __init__(self, nlp: Language, published: str | None = None):
        self.coder = Pipeline(Settings.from_env(), nlp=nlp)
        self.published = published

    def __call__(self, doc: Doc) -> Doc:
        published = doc.user_data.get("published", self.published)
        article = Article(id=str(doc.user_data.get("id", "doc")), text=doc.text, published=published)
        parsed = ParsedDocument(article, [Unit(0, 0, doc.text, "body", doc)])
        doc._.events = self.coder.code_parsed(parsed)
        return doc


@Language.factory("eventwire", default_config={"published": None})
def make_eventwire(nlp: Language, name: str, published: str | None) -> EventwireComponent:
    return EventwireComponent(nlp, published)
