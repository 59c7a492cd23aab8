"""The dashboard keeps reading while `eventwire ingest` writes the same store (store concurrency, #14)."""

from __future__ import annotations

import json
import subprocess
import time

import httpx
import pytest
from served import EVENTWIRE, SAMPLES

from eventwire import store

needs_store_concurrency = pytest.mark.skipif(
    not hasattr(store, "StoreBusy"),
    reason="store concurrency (#14) is not on this branch yet: an ingest holds the file for its whole run")


def fresh_articles(path, rounds: int) -> int:
    """The samples again under new ids, each with a line of its own so none is skipped as already stored."""
    records = [json.loads(line) for line in SAMPLES.read_text().splitlines() if line.strip()]
    with path.open("w") as out:
        for k in range(rounds):
            for r in records:
                out.write(json.dumps({**r, "id": f"{r['id']}-again-{k}", "text": r["text"] + f"\n\n(Update {k}.)"})
                          + "\n")
    return rounds * len(records)


@needs_store_concurrency
def test_dashboard_reads_while_an_ingest_writes(writable_server, tmp_path):
    news = tmp_path / "more.jsonl"
    added = fresh_articles(news, rounds=6)  # ~150 articles: several batches of 64
    with httpx.Client(base_url=writable_server.url, timeout=60) as client:
        before = client.get("/healthz").json()["articles"]
        ingest = subprocess.Popen([EVENTWIRE, "ingest", str(news), "--db", str(writable_server.db)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        statuses, seen = [], []
        deadline = time.monotonic() + 900
        while ingest.poll() is None and time.monotonic() < deadline:
            for path in ("/", "/api/events?limit=5", "/api/dyads"):
                statuses.append((path, client.get(path).status_code))
            health = client.get("/healthz").json()
            statuses.append(("/healthz", health["store"]))
            if health["store"] == "ok":
                seen.append(health["articles"])
            time.sleep(0.2)
        assert ingest.wait(60) == 0, ingest.stderr.read()
        after = client.get("/healthz").json()["articles"]
    assert [s for s in statuses if s[1] not in (200, "ok")] == []  # no read was turned away during the ingest
    assert after == before + added
    between = {n for n in seen if before < n < after}
    assert between, f"readers never saw a batch land while the ingest ran (counts seen: {sorted(set(seen))})"
