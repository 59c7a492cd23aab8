"""Property-based tests (hypothesis) of issue #14's invariant: no exception escapes a reader or the coder,
and every input yields articles or a Problem naming it. The same targets and checks as bench/fuzz.py, which
runs 100,000 inputs; here a CI budget of 2,100 (400 record sets, 200 byte strings for each of 8 file types, 100 texts
coded with spaCy)."""

from __future__ import annotations

import importlib.util
import io
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventwire.ingest import Problem, read_inputs
from eventwire.model import Article

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("bench_fuzz", ROOT / "bench" / "fuzz.py")
fuzz = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(fuzz)

CI_SETTINGS = dict(deadline=None, database=None, derandomize=bool(os.environ.get("CI")),
                   suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                          HealthCheck.function_scoped_fixture])

# any Unicode: lone surrogates (Cs) and controls (Cc) included
ANY_TEXT = st.text(st.characters(categories=["L", "M", "N", "P", "S", "Z", "C"]), max_size=40)
NASTY_TEXT = st.lists(st.one_of(ANY_TEXT, st.sampled_from(fuzz.NASTY)), max_size=6).map("".join)
JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | NASTY_TEXT,
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ANY_TEXT, inner, max_size=4),
                           max_leaves=5)
RECORDS = st.one_of(
    st.fixed_dictionaries({}, optional={key: JSON_VALUES for key in fuzz.FIELDS}),
    st.fixed_dictionaries({"text": NASTY_TEXT}, optional={key: JSON_VALUES for key in fuzz.FIELDS if key != "text"}),
    JSON_VALUES)


def jsonl(records: list, ascii_only: bool) -> bytes:
    return b"".join(json.dumps(r, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass") + b"\n"
                    for r in records)


@settings(max_examples=400, **CI_SETTINGS)
@given(records=st.lists(RECORDS, min_size=1, max_size=4), ascii_only=st.booleans())
def test_any_records_give_one_article_or_one_error_each(records, ascii_only):
    data = jsonl(records, ascii_only)
    items = list(read_inputs(["-"], stdin=io.BytesIO(data)))
    assert fuzz.violations(items, "<stdin>") == []
    outcomes = [i for i in items if isinstance(i, Article) or (isinstance(i, Problem) and i.severity == "error")]
    lines = [line for line in data.split(b"\n") if line.strip()]
    if not ascii_only and any(b"\xed" in line for line in lines):  # raw surrogates are not UTF-8: one error each
        return
    assert len(outcomes) == len(lines)
    for line, outcome in zip(lines, outcomes, strict=True):
        record = json.loads(line.decode("utf-8", "surrogatepass"))
        has_text = isinstance(record, dict) and isinstance(record.get("text"), str) and record["text"].strip()
        if isinstance(outcome, Article):
            assert has_text
            assert len(outcome.text) == len(record["text"]) or "HTML" in str(items)


def mutated(seed: bytes) -> st.SearchStrategy[bytes]:
    """The seed with a random splice: up to 64 bytes cut and random bytes put in, at any place."""
    return st.tuples(st.integers(0, len(seed)), st.integers(0, 64), st.binary(max_size=64)).map(
        lambda t: seed[:t[0]] + t[2] + seed[t[0] + t[1]:])


SEEDS = fuzz.seeds()
READER_TARGETS = [t for t in fuzz.TARGETS if t != "records"]


@pytest.fixture(scope="module")
def runner():
    return fuzz.Runner(Path(tempfile.mkdtemp(prefix="eventwire-fuzz-")))


@pytest.mark.parametrize("target", READER_TARGETS)
@settings(max_examples=200, **CI_SETTINGS)
@given(data=st.data())
def test_readers_survive_any_bytes(runner, target, data):
    payload = data.draw(st.one_of(mutated(SEEDS[target][0]), st.binary(max_size=2048)))
    runner.run(target, payload)
    assert not runner.failures, runner.failures[0][1]


@settings(max_examples=100, **CI_SETTINGS)
@given(text=NASTY_TEXT.filter(lambda t: t.strip()), title=st.one_of(st.just(""), NASTY_TEXT))
def test_the_coder_survives_any_text(pipeline, text, title):
    record = json.dumps({"id": "x", "text": "Russian troops shelled Kharkiv. " + text, "title": title},
                        ensure_ascii=True)
    articles = [i for i in read_inputs(["-"], stdin=io.BytesIO(record.encode() + b"\n")) if isinstance(i, Article)]
    assert len(articles) == 1
    for article, events in pipeline.code(articles):
        assert fuzz.event_violations(article, events) == []
