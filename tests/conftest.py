"""Shared fixtures: the real spaCy pipeline (loaded once per session) and the ../shared folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"

needs_shared = pytest.mark.skipif(not (SHARED / "gold").is_dir(), reason="../shared is not beside the checkout")


@pytest.fixture(scope="session")
def pipeline():
    """The real coder with the default spaCy model, shared by every test that codes text."""
    from eventwire.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture
def code(pipeline):
    """Code one text (published 2022-01-05 unless given) and return its event records as dicts."""

    def run(text: str, published: str | None = "2022-01-05") -> list[dict]:
        return [e.to_dict() for e in pipeline.code_text(text, published=published)]

    return run


@pytest.fixture(scope="session")
def demo_db(pipeline, tmp_path_factory):
    """A real store of the bundled demo samples, coded once per session (read it; do not write to it)."""
    from eventwire.api import ingest
    from eventwire.cli import sample_files

    db = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    ingest(sample_files(), str(db), pipeline=pipeline)
    return db


@pytest.fixture(scope="session")
def escalation_db(pipeline, tmp_path_factory):
    """A real store of calm weeks and one week of attacks (tests/early_warning_corpus.py); read only."""
    from early_warning_corpus import ESCALATION, build, quiet_docs

    return build(tmp_path_factory.mktemp("escalation"), quiet_docs() + ESCALATION, pipeline)
