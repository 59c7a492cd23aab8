"""Sentence selection on text written for these tests (no gold text): every sentence in which the coder finds
an event candidate on a full parse is parsed in full, for sentences generated from every lexicon entry and for
hand-written awkward cases; and a set of new reports codes to exactly the events of a full parse."""

from __future__ import annotations

import random

import pytest

from eventwire.events.detect import detect
from eventwire.events.evaluation import evaluative_words, with_evaluations
from eventwire.events.lexicon import Pattern, lexicon
from eventwire.model import Article
from eventwire.nlp import parse_documents

SUBJECTS = ["The rebels", "Government troops", "The ministers", "Police officers", "Protesters",
            "The two countries", "Officials in Kenya", "Russian forces", "The European Union", "Turkey"]
OBJECTS = ["the capital", "the envoy", "the government", "the border town", "the opposition", "Ukraine",
           "the United Nations", "the Iranian delegation"]
FILLER = ["The weather was mild across the region.", "Markets were quiet for most of the day.",
          "It had rained heavily the night before.", "Schools stayed open as usual.",
          "The river was calm and the fields were green."]
CLAUSE = "that the talks would continue"


def verb_sentence(lemma: str, p: Pattern, rng: random.Random) -> str:
    """A present-tense sentence with a plural or collective subject (so the verb is in its base form) and
    every word the pattern asks for."""
    words = [rng.choice(SUBJECTS), lemma]
    if p.particle:
        words.append(p.particle)
    objects = sorted(p.objects - {"clause"})
    if objects:
        words += ["the", rng.choice(objects)]
    elif "clause" in p.objects:
        words.append(CLAUSE)
    elif not p.prep:
        words.append(rng.choice(OBJECTS))
    if p.prep:
        words += [p.prep, rng.choice(OBJECTS)]
    if p.cues:
        words += ["over the", rng.choice(sorted(p.cues))]
    if p.modifiers:
        words.append(rng.choice(sorted(p.modifiers)))
    return " ".join(words) + " on Monday."


def noun_sentence(lemma: str, p: Pattern, rng: random.Random) -> str:
    modifier = f"{rng.choice(sorted(p.modifiers))} " if p.modifiers else ""
    prep = f" {p.prep} {rng.choice(OBJECTS)}" if p.prep else f" against {rng.choice(OBJECTS)}"
    return f"{rng.choice(SUBJECTS)} announced a {modifier}{lemma}{prep} on Monday."


def judgement_sentences(rng: random.Random) -> list[str]:
    found = []
    for word, kind in sorted(evaluative_words().items()):
        if kind == "judgement":
            found.append(f"{rng.choice(SUBJECTS)} called the decision by {rng.choice(OBJECTS)} {word}.")
            found.append(f"The ambassador said the remarks of {rng.choice(OBJECTS)} were {word}.")
        else:
            found.append(f"{rng.choice(SUBJECTS)} said they were {word} by the move of {rng.choice(OBJECTS)}.")
    return found


HAND_WRITTEN = [
    "Defence minister Lt. Gen. Musa Bello said Nigerian troops had retaken the town of Gwoza.",
    "“We will not allow this,” the spokesman told reporters in Ankara. Turkish jets struck targets in Iraq.",
    "Brig. Gen. Omar Khalid met the UN envoy in Khartoum (the meeting lasted two hours).",
    "Talks between Serbia and Kosovo stalled again... Diplomats blamed Belgrade for the delay.",
    "The U.S. imposed sanctions on three Iranian banks. Tehran condemned the move as economic terrorism.",
    "Police fired tear gas at protesters in Santiago; dozens were arrested.",
    "Estonia described the overflight as a deliberate provocation by Russia.",
    "Seoul is deeply disappointed that Tokyo rejected the proposal.",
    "Heavy shelling hit Donetsk overnight, officials said. No one claimed responsibility.",
    "The ceasefire between Israel and Hamas held for a third day.",
    "Gen. Austin and Mr. Shoigu spoke by phone on Friday about the crisis.",
    "Government forces retook Palmyra from Islamic State fighters in March 2016.",
]


def sentences_for_the_lexicon(seed: int = 17) -> list[str]:
    rng = random.Random(seed)
    lex = lexicon()
    found = [verb_sentence(lemma, p, rng) for lemma, patterns in sorted(lex.verbs.items()) for p in patterns]
    found += [noun_sentence(lemma, p, rng) for lemma, patterns in sorted(lex.nouns.items()) for p in patterns]
    return found + judgement_sentences(rng) + HAND_WRITTEN


def paragraphs(sentences: list[str], seed: int = 5) -> list[Article]:
    """Each sentence set among unrelated ones, a few to a paragraph, so the first pass has to pick it out."""
    rng = random.Random(seed)
    articles = []
    for k in range(0, len(sentences), 3):
        parts = []
        for sentence in sentences[k:k + 3]:
            parts += [rng.choice(FILLER), sentence]
        articles.append(Article(id=f"g{k}", text=" ".join(parts + [rng.choice(FILLER)]), published="2021-06-01"))
    return articles


def candidate_sentences(articles: list[Article], nlp) -> tuple[int, list[str]]:
    """How many sentences hold a coder candidate on a full parse, and which of them the selection does not
    parse in full (tokens are the same either way, so token offsets compare)."""
    lex = lexicon()
    held, missed = 0, []
    whole = parse_documents(articles, nlp, select=False)
    chosen = parse_documents(articles, nlp, select=True)
    for full, selected in zip(whole, chosen, strict=True):
        for unit, picked in zip(full.units, selected.units, strict=True):
            assert picked.doc.text == unit.doc.text
            for sent in unit.doc.sents:
                if with_evaluations(detect(sent, lex), sent, lex):
                    held += 1
                    if not picked.fully_parsed(sent):
                        missed.append(sent.text)
    return held, missed


@pytest.mark.slow
def test_every_generated_event_sentence_is_parsed_in_full(nlp):
    sentences = sentences_for_the_lexicon()
    held, missed = candidate_sentences(paragraphs(sentences), nlp)
    assert held >= 0.6 * len(sentences)  # most generated sentences do hold an event: the check is not empty
    assert missed == []


def test_hand_written_event_sentences_are_parsed_in_full(nlp):
    held, missed = candidate_sentences(paragraphs(HAND_WRITTEN), nlp)
    assert held >= len(HAND_WRITTEN)
    assert missed == []


def test_filler_alone_is_not_parsed(nlp):
    [parsed] = parse_documents([Article(id="f", text=" ".join(FILLER))], nlp, select=True)
    assert not any(unit.fully_parsed(sent) for unit in parsed.units for sent in unit.doc.sents)


REPORTS = [
    ("2023-03-14", "KYIV, March 14 - Russian forces shelled the city of Kharkiv on Monday night, killing three "
                   "civilians, the regional governor said. The attack damaged a school. Later in the day the "
                   "governor visited the site. He accused Moscow of targeting civilians."),
    ("2022-11-02", "The French president arrived in Berlin on Tuesday. The weather was cold and grey. Crowds "
                   "gathered near the Brandenburg Gate. He met the German chancellor to discuss energy prices."),
    ("2021-08-20", "Taliban fighters seized the city of Kunduz after days of fighting, residents said.\n\n"
                   "The government in Kabul vowed to retake it. A spokesman for the defence ministry said "
                   "air strikes had been carried out on Taliban positions."),
    ("2020-01-06", "Iran's foreign minister called the killing of General Qassem Soleimani an act of state "
                   "terrorism. The United States defended the strike. Iraqi lawmakers voted to expel US troops."),
    ("2019-10-10", "Turkey launched a military offensive in north-east Syria on Wednesday. Kurdish-led forces said "
                   "they would resist. The European Union urged Ankara to halt the operation, and France "
                   "summoned the Turkish ambassador."),
    ("2018-06-12", "Donald Trump and Kim Jong Un signed a joint statement in Singapore. The document was short. "
                   "Mr Kim committed to work towards the denuclearisation of the Korean peninsula."),
    ("2022-05-03", "Police in Colombo fired tear gas at thousands of students protesting against the government. "
                   "The students were demanding the resignation of the president. Dozens were detained."),
    ("2017-09-04", "China said it was deeply disappointed by the new sanctions. Beijing warned Washington that "
                   "it would retaliate. Talks between the two sides are due next month in Geneva."),
    ("2016-07-16", "Soldiers loyal to the government arrested hundreds of officers in Ankara. Lt. Gen. Mehmet "
                   "Disli was detained at his home. The prime minister thanked the police."),
    ("2021-02-01", "Myanmar's military detained Aung San Suu Kyi in a pre-dawn raid. The army declared a state of "
                   "emergency for one year. The UN secretary general condemned the coup."),
    ("2015-04-25", "Rescue teams from India and China arrived in Kathmandu after the earthquake. Nepal thanked its "
                   "neighbours for the help. The death toll rose to more than 2,000."),
    ("2023-07-09", "Sweden and Turkey agreed to set up a security compact. It was a quiet summer day in Vilnius. "
                   "NATO's secretary general welcomed the deal. Hungary said it would not block Sweden's bid."),
]


@pytest.mark.slow
def test_selection_codes_new_reports_as_the_full_parse_does(nlp):
    from eventwire.pipeline import Pipeline
    from eventwire.settings import Settings

    articles = [Article(id=f"r{k}", text=text, published=date) for k, (date, text) in enumerate(REPORTS)]
    selected = Pipeline(Settings.from_env(learn_identities=False, select_sentences=True), nlp=nlp)
    whole = Pipeline(Settings.from_env(learn_identities=False, select_sentences=False), nlp=nlp)
    ours = [[e.to_dict() for e in events] for _, events in selected.code(articles)]
    theirs = [[e.to_dict() for e in events] for _, events in whole.code(articles)]
    assert sum(map(len, theirs)) >= 2 * len(REPORTS)
    assert ours == theirs
