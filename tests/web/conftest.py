"""Fixtures for the server's tests: a real store coded from real text by the real CLI, and a real
`eventwire serve` process on it, reached over HTTP (and by Chromium in the browser tests).

The store holds the bundled Russia–Ukraine samples plus `tests/data/web/hostile.jsonl`, a report whose title,
text, source and url carry script payloads, so every test runs against text that would execute if any
renderer failed to escape it. The CLI's readers strip markup from text and titles, so the hostile report is
written through the library (`Pipeline` and `Store`), which stores what its caller gives it, as a store
written by another program or an older version may hold.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import httpx
import pytest
from served import CHROMIUM, CHROMIUM_ARGS, HOSTILE, SAMPLES, TOKEN, Server, eventwire

from eventwire import Article, Pipeline, Store


@pytest.fixture(scope="session")
def coded_store(tmp_path_factory) -> Path:
    """A store coded by `eventwire ingest` from the bundled samples, plus the hostile report as it is."""
    db = tmp_path_factory.mktemp("web") / "events.duckdb"
    done = eventwire("ingest", str(SAMPLES), "--db", str(db))
    assert done.returncode == 0, done.stderr
    hostile = [Article(**json.loads(line)) for line in HOSTILE.read_text(encoding="utf-8").splitlines()]
    with Store(db) as store:
        store.write_batch(list(Pipeline().code(hostile)))
    return db


@pytest.fixture(scope="session")
def server(coded_store):
    """The read-mostly server the API and browser tests share (they do not write to its store)."""
    running = Server(coded_store, TOKEN, "--code-timeout", "10")
    yield running
    running.stop()


@pytest.fixture(scope="session")
def writable_server(coded_store, tmp_path_factory):
    """A second server on a copy of the store, for tests that write (ingest, schemathesis's POSTs)."""
    db = tmp_path_factory.mktemp("web-writable") / "events.duckdb"
    shutil.copy(coded_store, db)
    running = Server(db, TOKEN)
    yield running
    running.stop()


@pytest.fixture
def api(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches Debian's Chromium: Playwright's own browser download is not reachable."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """A laptop screen."""
    return {**browser_context_args, "viewport": {"width": 1440, "height": 900}}
