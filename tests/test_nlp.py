"""Units before spaCy: headlines, captions and paragraphs keep their own offsets and kinds."""

from eventwire.model import Article
from eventwire.nlp import document_units, parse_documents, pick_model, split_units

STORY = ("Ministers meet as border tensions rise\n"
         "Soldiers are seen near a checkpoint, Jan. 3, 2022. (Reuters Photo)\n\n"
         "By Jane Example\n"
         "The foreign ministers of both countries met in Vienna on Monday.\n\n"
         "They agreed to meet again next month.")


def test_units_keep_document_offsets_and_kinds():
    units = split_units(STORY)
    assert [u.kind for u in units] == ["headline", "caption", "byline", "body", "body"]
    for unit in units:
        assert STORY[unit.start:unit.start + len(unit.text)] == unit.text


def test_separate_title_is_a_headline_unit_with_title_offsets():
    article = Article(id="t", title="  Talks resume in Geneva ", text="Diplomats met on Monday.")
    units = document_units(article)
    assert units[0].part == "title" and units[0].kind == "headline"
    assert article.title[units[0].start:units[0].start + len(units[0].text)] == units[0].text
    assert units[1].kind == "body"


def test_long_paragraph_is_cut_at_sentence_breaks():
    text = "Troops moved north. " * 600
    units = split_units(text, max_chars=1000)
    assert len(units) > 1 and all(len(u.text) <= 1000 for u in units)
    assert all(u.text.endswith(".") for u in units)
    for unit in units:
        assert text[unit.start:unit.start + len(unit.text)] == unit.text


def test_parse_keeps_input_order(nlp):
    articles = [Article(id=str(i), text=f"Paragraph one of {i}.\n\nParagraph two of {i}.") for i in range(5)]
    parsed = list(parse_documents(articles, nlp, batch_size=2))
    assert [p.article.id for p in parsed] == [str(i) for i in range(5)]
    assert all(len(p.units) == 2 and p.units[1].doc.text.endswith(f"{p.article.id}.") for p in parsed)


def test_model_setting_wins_over_defaults():
    assert pick_model("my_custom_pipeline") == "my_custom_pipeline"
    assert pick_model(None)  # some installed default
