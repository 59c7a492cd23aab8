"""Parsing only what can hold an event: the first pass never drops a sentence the coder codes, the Doc
it builds keeps the unit's text and offsets, context gets entities, and the memoised attribute ruler
gives what spaCy's own gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED, needs_shared

from eventwire.events.detect import detect
from eventwire.events.evaluation import with_evaluations
from eventwire.events.lexicon import lexicon
from eventwire.model import Article
from eventwire.nlp import parse_documents
from eventwire.selection import (
    Need,
    choose_parses,
    entities_read,
    names_entities,
    sentence_starts,
    trigger_index,
)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "src" / "eventwire" / "data" / "samples").glob("*.jsonl"))
REPORTS = sorted((Path(__file__).parent / "data" / "reports").glob("*.json"))
GOLD_SETS = ("seed", "petr2_gsr", "news_docs_dev", "news_docs_dev2", "conflibert_dev")


def sample_articles() -> list[Article]:
    articles = []
    for path in SAMPLES:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            record = json.loads(line)
            articles.append(Article(id=f"{path.stem}-{n}", text=record["text"], title=record.get("title") or "",
                                    published=record.get("published")))
    for path in REPORTS:
        report = json.loads(path.read_text(encoding="utf-8"))
        articles.append(Article(id=path.stem, text=report["text"], published=report.get("published")))
    return articles


def gold_articles(name: str) -> list[Article]:
    rows = [json.loads(line) for line in (SHARED / "gold" / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [Article(id=r["id"], text=r["text"], title=r.get("title") or "", published=r.get("published")) for r in rows]


def unselected_event_sentences(articles: list[Article], nlp) -> list[str]:
    """Sentences where the coder finds event candidates (lexicon patterns and judgements) on a full parse but
    which the selection does not parse in full (the tokens are the same in both, so token offsets compare)."""
    lex = lexicon()
    missed = []
    full = parse_documents(articles, nlp, select=False)
    selected = parse_documents(articles, nlp, select=True)
    for whole, chosen in zip(full, selected, strict=True):
        for unit, picked in zip(whole.units, chosen.units, strict=True):
            for sent in unit.doc.sents:
                if with_evaluations(detect(sent, lex), sent, lex) and not picked.fully_parsed(sent):
                    missed.append(sent.text)
    return missed


def test_every_sentence_the_coder_codes_is_parsed_in_full(nlp):
    articles = sample_articles()
    assert len(articles) > 20
    assert unselected_event_sentences(articles, nlp) == []


@needs_shared
@pytest.mark.slow
@pytest.mark.parametrize("name", GOLD_SETS)
def test_every_gold_sentence_the_coder_codes_is_parsed_in_full(nlp, name):
    assert unselected_event_sentences(gold_articles(name), nlp) == []


def test_sentences_without_a_codable_pattern_are_not_parsed(nlp):
    text = ("The weather in the valley was mild all week. Farmers expect a fine harvest of apples and pears. "
            "Russian troops shelled Kharkiv on Monday. The river was calm and the fields were green.")
    [parsed] = parse_documents([Article(id="a", text=text)], nlp, select=True)
    [unit] = parsed.units
    assert unit.doc.text == text
    sents = list(unit.doc.sents)
    assert [s.text for s in sents] == ["The weather in the valley was mild all week.",
                                       "Farmers expect a fine harvest of apples and pears.",
                                       "Russian troops shelled Kharkiv on Monday.",
                                       "The river was calm and the fields were green."]
    assert [unit.fully_parsed(s) for s in sents] == [False, False, True, False]
    shelled = sents[2]
    assert shelled.root.lemma_ == "shell" and {e.label_ for e in shelled.ents} >= {"NORP", "DATE"}
    assert all(t.pos_ == "" and t.lemma_ == "" and t.dep_ in ("ROOT", "dep") for t in sents[1])  # not parsed


def test_a_pattern_needs_its_required_words(nlp):
    """"took" triggers only with what a take-pattern requires (responsibility, control, a town...)."""
    index = trigger_index(nlp)
    doc = nlp.make_doc("He took the bus home. The rebels took control of the town. She took a walk.")
    assert index.event_sentences(doc, sentence_starts(doc)) == [False, True, False]


def test_inflections_come_from_the_lemmatizer_tables(nlp):
    index = trigger_index(nlp)
    doc = nlp.make_doc("Troops fought. Rebels struck. Envoys met. Ministers are meeting. Talks stalled.")
    starts = sentence_starts(doc)
    assert index.event_sentences(doc, starts) == [True, True, True, True, True]


def test_context_policy_neighbours_and_named_entities():
    N, E, F = Need.TOKENS, Need.ENTITIES, Need.FULL
    events = [False, False, True, False, False, False, True]
    named = [False, True, False, False, False, True, False]
    assert choose_parses(events, named) == [N, E, F, E, N, E, F]
    assert choose_parses([False, False], [True, True]) == [N, N]  # nothing codable: nothing to parse


def test_context_keeps_entities_only_in_runs_that_can_open_with_a_dateline(nlp):
    N, E, F = Need.TOKENS, Need.ENTITIES, Need.FULL
    doc = nlp.make_doc("Rain fell in Paris. Troops shelled Kharkiv. GAZA CITY, Gaza: Shops shut. Talks went on. "
                       "Putin spoke. Rebels shelled Idlib. Mr Brown - who was away - spoke. - Then quiet.")
    starts = sentence_starts(doc)
    assert len(starts) == 8
    needs = [E, F, E, E, E, F, E, E]
    # a run keeps all its sentences or none: "Talks went on" and "Putin spoke" stay with the dateline's
    assert entities_read(doc, starts, needs) == [N, F, E, E, E, F, E, E]
    assert entities_read(doc, starts, [F, F, N, N, N, F, N, N]) == [F, F, N, N, N, F, N, N]
    assert entities_read(doc, starts[6:7], [E]) == [E]  # a name and a dash: may be "MOSCOW -"
    assert entities_read(doc[starts[7]:].as_doc(), [0], [E]) == [N]  # a dash opening it opens no dateline


def test_a_dateline_in_a_context_sentence_still_sets_the_report(pipeline):
    text = "KABUL: The streets were quiet on Monday morning.\nThe government arrested 20 protesters."
    [parsed] = pipeline.parse([Article(id="d", text=text)])
    dateline = next(parsed.units[0].doc.sents)
    assert not parsed.units[0].fully_parsed(dateline) and "KABUL" in {e.text for e in dateline.ents}
    [event] = pipeline.code_parsed(parsed)
    assert event.cameo == "173" and [a.country for a in event.target] == ["AFG"]


def test_context_entities_left_out_change_no_event(nlp, monkeypatch):
    """What `entities_read` leaves out is read by nothing: the samples code as they do when every context
    sentence gets its entities."""
    from eventwire import nlp as nlp_module
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    articles = sample_articles()
    pipeline = Pipeline(Settings.from_env(learn_identities=False), nlp=nlp)
    narrow = [[e.to_dict() for e in events] for _, events in pipeline.code(articles)]
    dropped = sum(p.need == Need.ENTITIES for a in articles for p in nlp_module._plan(
        nlp_module.ParsedDocument(a, nlp_module.document_units(a)), nlp, trigger_index(nlp)))
    monkeypatch.setattr(nlp_module, "entities_read", lambda doc, starts, needs: needs)
    kept = sum(p.need == Need.ENTITIES for a in articles for p in nlp_module._plan(
        nlp_module.ParsedDocument(a, nlp_module.document_units(a)), nlp, trigger_index(nlp)))
    assert kept > 2 * dropped  # most context runs are left without entities
    broad = [[e.to_dict() for e in events] for _, events in pipeline.code(articles)]
    assert narrow == broad


def test_entity_like_capitals(nlp):
    doc = nlp.make_doc("The talks went on. Putin spoke. It rained in the hills. He met NATO envoys.")
    assert names_entities(doc, sentence_starts(doc)) == [False, True, False, True]


def test_opening_quotes_start_the_next_sentence(nlp):
    doc = nlp.make_doc('He left. “We stay,” she said. "No," he said. (It was late.) Then quiet.')
    starts = sentence_starts(doc)
    assert [doc[s].text for s in starts] == ["He", "“", '"', "(", "Then"]


def test_mixed_units_keep_exact_text_offsets_and_event_spans(pipeline):
    text = ("Heavy rain fell on the coast overnight, and the roads were closed.\n\n"
            "Officials in Kyiv said Russian forces shelled the city of Kharkiv on Monday. Nobody was hurt. "
            "The weather was cold.  Putin met Macron in Paris on Tuesday.\n"
            "It was a quiet week otherwise.")
    article = Article(id="m", text=text, published="2022-03-01")
    [parsed] = pipeline.parse([article])
    assert "".join(u.doc.text for u in parsed.units) == "".join(u.text for u in parsed.units)
    for unit in parsed.units:
        assert text[unit.start:unit.start + len(unit.doc.text)] == unit.doc.text
    events = pipeline.code_parsed(parsed)
    assert {e.cameo[:2] for e in events} >= {"19", "04"}
    for event in events:
        assert text[event.span[0]:event.span[1]] == event.text
        assert text[event.trigger_span[0]:event.trigger_span[1]] == event.trigger


def test_selection_codes_the_samples_as_the_full_parse_does(nlp):
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    articles = sample_articles()
    selected = Pipeline(Settings.from_env(learn_identities=False), nlp=nlp)
    whole = Pipeline(Settings.from_env(learn_identities=False, select_sentences=False), nlp=nlp)
    ours = {e.event_id: e.to_dict() for _, events in selected.code(articles) for e in events}
    theirs = {e.event_id: e.to_dict() for _, events in whole.code(articles) for e in events}
    same = sum(ours[k] == theirs[k] for k in ours.keys() & theirs.keys())
    assert len(theirs) > 150
    assert same >= 0.97 * len(theirs) and abs(len(ours) - len(theirs)) <= 0.02 * len(theirs)


def test_memoised_attribute_ruler_gives_the_rulers_output(nlp):
    from eventwire.ruler_memo import MemoRuler

    texts = [a.text for a in sample_articles()]
    ruler = nlp.get_pipe("attribute_ruler")
    memo = MemoRuler.wrap(ruler)
    assert memo is not None and memo.width == 2
    before = list(nlp.pipe(texts, disable=["attribute_ruler", "lemmatizer", "ner"]))
    stock = [ruler(d.copy()) for d in before]
    first = [memo(d.copy()) for d in before]  # fills its memory (the real ruler runs on unseen keys)
    again = [memo(d.copy()) for d in before]  # all from memory
    attrs = ["POS", "TAG", "MORPH", "LEMMA", "DEP", "HEAD"]
    for a, b, c in zip(stock, first, again, strict=True):
        assert (a.to_array(attrs) == b.to_array(attrs)).all()
        assert (a.to_array(attrs) == c.to_array(attrs)).all()
        assert [t.morph.to_dict() for t in a] == [t.morph.to_dict() for t in c]


def test_ruler_patterns_it_cannot_reason_about_leave_the_real_ruler(nlp):
    from spacy.pipeline import AttributeRuler

    from eventwire.ruler_memo import MemoRuler

    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LOWER": "a", "OP": "+"}]], {"LEMMA": "x"})
    assert MemoRuler.wrap(ruler) is None
    ruler = AttributeRuler(nlp.vocab)
    ruler.add([[{"LENGTH": {">=": 3}}]], {"LEMMA": "x"})
    assert MemoRuler.wrap(ruler) is None


def test_pieces_keep_the_tokenizers_norms_and_parse_contractions_as_the_whole(nlp):
    """A piece of a unit is a new Doc; the tokenizer's exceptions gave its tokens norms ("n’t" is "not",
    "’re" is "are") that the model reads, so a copy without them tags "Don’t seize" as an adjective."""
    text = ("The weather was mild in the capital. “Don’t seize our boats again,” the minister said on Friday. "
            "“They’re not welcome here, and we won’t pay them,” she added. The talks resumed later. "
            "“Doesn’t anyone remember the truce?” he asked. It rained.")
    [whole] = parse_documents([Article(id="w", text=text)], nlp, select=False)
    [chosen] = parse_documents([Article(id="s", text=text)], nlp, select=True)
    for unit in chosen.units:
        assert [t.norm_ for t in unit.doc] == [t.norm_ for t in nlp.make_doc(unit.text)]
    partly = [u for u in chosen.units if u.full]
    assert partly, "the selection should leave some sentences of this unit unparsed"
    for unit, full_unit in zip(chosen.units, whole.units, strict=True):
        for sent, full_sent in zip(unit.doc.sents, full_unit.doc.sents, strict=True):
            if unit.fully_parsed(sent) and any("’" in t.text for t in sent):
                assert [t.tag_ for t in sent] == [t.tag_ for t in full_sent], sent.text
