"""`include_low_relevance=true` on the web API's counts, and the dashboard's box that sets it, against a real
`eventwire serve` on a real store: nine calm weeks of political talks, then a week whose four attacks on
Ukraine are told only by culture stories, which the coder judges of low political relevance
(tests/early_warning_corpus.py). By default they stay out of every count; the flag brings them in."""

from __future__ import annotations

import os
from pathlib import Path

import httpx
import pytest
from early_warning_corpus import LOW_RELEVANCE, quiet_docs, write_jsonl
from playwright.sync_api import Page, expect
from served import CHROMIUM, Server, eventwire

SPIKE = "2022-03-07"
ARTS = {d["id"] for d in LOW_RELEVANCE}
WIDE = {"include_low_relevance": "true"}


@pytest.fixture(scope="module")
def low_server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web-low-relevance")
    db = folder / "events.duckdb"
    done = eventwire("ingest", str(write_jsonl(folder / "in.jsonl", quiet_docs() + LOW_RELEVANCE)), "--db", str(db))
    assert done.returncode == 0, done.stderr
    running = Server(db, None)
    yield running
    running.stop()


@pytest.fixture
def low_api(low_server):
    with httpx.Client(base_url=low_server.url, timeout=60) as client:
        yield client


def get(api: httpx.Client, path: str, **params) -> list | dict:
    response = api.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_counts_leave_low_relevance_articles_out_unless_asked(low_api):
    span = {"since": "2022-01-03", "until": "2022-03-13", "count": "events"}
    default, wide = get(low_api, "/api/series", **span), get(low_api, "/api/series", **span, **WIDE)
    spike = {r["period"]: r for r in default}[SPIKE], {r["period"]: r for r in wide}[SPIKE]
    assert spike[0]["material_conflict"] == 0 and spike[1]["material_conflict"] >= len(LOW_RELEVANCE)
    assert [r for r in default if r["period"] < SPIKE] == [r for r in wide if r["period"] < SPIKE]

    assert get(low_api, "/api/alerts") == []
    (alert,) = get(low_api, "/api/alerts", **WIDE)
    assert (alert["source"], alert["target"], alert["period"]) == ("RUS", "UKR", SPIKE)
    assert {e["doc_id"] for e in alert["evidence"]} <= ARTS

    def pairs(rows):
        return {(d["source"], d["target"]) for d in rows}

    assert ("RUS", "UKR") not in pairs(get(low_api, "/api/dyads")) and ("RUS", "UKR") in pairs(
        get(low_api, "/api/dyads", **WIDE))
    assert "RUS" not in {a["actor"] for a in get(low_api, "/api/actors")}
    assert "RUS" in {a["actor"] for a in get(low_api, "/api/actors", **WIDE)}
    places, wide_places = get(low_api, "/api/places"), get(low_api, "/api/places", **WIDE)
    assert sum(p["events"] for p in wide_places) > sum(p["events"] for p in places)


def test_the_events_list_counts_them_with_the_flag(low_api):
    counted = get(low_api, "/api/events", counted="true", limit=500)["events"]
    widened = get(low_api, "/api/events", counted="true", limit=500, **WIDE)["events"]
    left = get(low_api, "/api/events", counted="false", limit=500, **WIDE)["events"]
    before = {(c["event_id"], c["doc_hash"]) for c in counted}
    added = [e for e in widened if (e["event_id"], e["doc_hash"]) not in before]
    assert added and {e["doc_id"] for e in added} == ARTS
    assert all(e["not_counted"] == "low relevance" and not e["counted"] for e in added)  # the record is unchanged
    assert not any(e["not_counted"] == "low relevance" for e in left)
    assert low_api.get("/api/series", params={"include_low_relevance": "maybe"}).status_code == 422


@pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                    reason=f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
def test_the_dashboard_box_brings_low_relevance_articles_into_every_count(page: Page, low_server):
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(low_server.url + "/")
    page.wait_for_selector('#timeline[data-query="freq=week"] .period', timeout=60_000)
    box = page.locator("#include_low_relevance")
    expect(box).not_to_be_checked()
    assert page.locator(f'#timeline .period[data-period="{SPIKE}"]').count() == 0  # the calm weeks only
    assert page.locator('#dyad option[value="RUS|UKR"]').count() == 0

    box.check()
    page.wait_for_selector('#timeline[data-query="freq=week&include_low_relevance=true"] '
                           f'.period[data-period="{SPIKE}"] .alert', timeout=60_000)
    page.wait_for_selector('#network .edge[data-source="RUS"][data-target="UKR"]', timeout=60_000)
    page.wait_for_selector('#dyad option[value="RUS|UKR"]', state="attached", timeout=60_000)
    assert "include_low_relevance=true" in page.evaluate("location.hash")

    page.select_option("#counted", "true")  # counted only: the culture stories' attacks are in the table now
    page.wait_for_selector('#events[data-query="/ui/events?counted=true&include_low_relevance=true"]',
                           timeout=60_000)
    assert page.locator("#event-rows tr").count() == len(get_events(low_server, counted="true", **WIDE))

    page.reload()  # the box is part of the page's address: a reload or a shared link keeps it
    page.wait_for_selector(f'#timeline .period[data-period="{SPIKE}"]', timeout=60_000)
    expect(box).to_be_checked()
    box.uncheck()
    page.wait_for_selector('#timeline[data-query="freq=week"] .period', timeout=60_000)
    assert page.locator(f'#timeline .period[data-period="{SPIKE}"]').count() == 0
    assert errors == []


def get_events(server: Server, **params) -> list[dict]:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        return get(client, "/api/events", limit=500, **params)["events"]
