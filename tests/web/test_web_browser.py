"""The dashboard in a real browser: Debian's Chromium driven by Playwright against a running `eventwire serve`.

The main test clicks through dyad → timeline point → event → evidence and checks each step against the JSON
API; it writes its screenshots to a temporary folder, or to docs/ (the README's dashboard.png and evidence.png)
when EVENTWIRE_SCREENSHOTS=docs, so a test run leaves the checkout clean.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Page, expect
from served import CHROMIUM, ROOT

# a developer without Chromium skips these; CI (which installs it in .ci/run) never does
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists() and not os.environ.get("CI"),
                                reason=f"no Chromium at {CHROMIUM} (apt-get install -y chromium)")
DOCS = ROOT / "docs" if os.environ.get("EVENTWIRE_SCREENSHOTS") == "docs" else Path(tempfile.mkdtemp())


class Watch:
    """Everything the page asked for and every error it logged, to check none went off this server."""

    def __init__(self, page: Page, base: str):
        self.base, self.requests, self.errors, self.dialogs = base, [], [], []
        page.on("request", lambda r: self.requests.append(r.url))
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))

    def check(self) -> None:
        outside = [u for u in self.requests if not (u.startswith(self.base) or u.startswith("data:"))]
        assert outside == [], f"requests left the server: {outside}"
        assert self.errors == [], f"browser errors: {self.errors}"
        assert self.dialogs == []


def series_total(row: dict) -> int:
    return row["verbal_coop"] + row["material_coop"] + row["verbal_conflict"] + row["material_conflict"]


def wait_for_table(page: Page, **params) -> None:
    """Until the event table shows exactly these filters (the script records them when a load finishes)."""
    page.wait_for_selector(f'#events[data-query="/ui/events?{urlencode(params)}"]', timeout=60_000)


def test_dyad_timeline_event_evidence(page: Page, server, api):
    watch = Watch(page, server.url)
    page.goto(server.url + "/")
    page.wait_for_selector("#timeline .period", timeout=60_000)
    page.select_option("#dyad", "RUS|UKR")
    page.wait_for_selector('#timeline svg[aria-label="Timeline of RUS → UKR"]', timeout=60_000)

    series = api.get("/api/series", params={"source": "RUS", "target": "UKR", "freq": "week"}).json()
    busiest = max(series, key=lambda r: (series_total(r), r["period"]))
    assert page.locator("#timeline .period").count() == len(series)
    page.click(f'#timeline .period[data-period="{busiest["period"]}"]')
    listed = api.get("/api/events", params={"source": "RUS", "target": "UKR", "since": busiest["period"],
                                            "limit": 500}).json()["events"]
    until = page.evaluate("() => new URLSearchParams(location.hash.slice(1)).get('until')")
    wait_for_table(page, source="RUS", target="UKR", since=busiest["period"], until=until)
    expected = [e for e in listed if e["date"] <= until]
    rows = page.locator("#event-rows tr")
    assert rows.count() == len(expected) >= series_total(busiest)
    assert [rows.nth(i).get_attribute("data-event") for i in range(rows.count())] == \
        [e["event_id"] for e in expected]
    for i in range(rows.count()):
        assert busiest["period"] <= rows.nth(i).locator("td.date").inner_text() <= until

    event = max((e for e in expected if e["counted"]), key=lambda e: len(e["mentions"]))
    page.click(f'#event-rows tr[data-event="{event["event_id"]}"] .event-link')
    page.wait_for_selector(f'#evidence .evidence[data-event="{event["event_id"]}"]', timeout=60_000)
    detail = api.get(f"/api/events/{event['event_id']}", params={"doc_hash": event["doc_hash"]}).json()
    first = detail["mentions"][0]
    marks = {m["role"]: first["text"][m["start"]:m["end"]] for m in first["highlights"]}
    evidence = page.locator("#evidence")
    expect(evidence.locator(".mention").first.locator("mark.hl-trigger")).to_have_text(marks["trigger"])
    if "source" in marks:
        expect(evidence.locator(".mention").first.locator("mark.hl-source")).to_have_text(marks["source"])
    expect(evidence.locator(".mention").first.locator("blockquote")).to_have_text(first["text"])
    expect(evidence.locator(".facts")).to_contain_text(event["status"])
    expect(evidence.locator(".facts")).to_contain_text(event["date"])
    expect(evidence.locator(".mention .source").first).to_contain_text(event["article"]["title"])
    expect(evidence.locator(".why")).to_have_text(detail["status_reason"])
    expect(page.locator(f'#event-rows tr.current[data-event="{event["event_id"]}"]')).to_have_count(1)

    page.wait_for_selector("#network svg .edge", timeout=60_000)
    page.wait_for_function("document.querySelector('#map').dataset.markers !== undefined", timeout=60_000)
    page.screenshot(path=str(DOCS / "dashboard.png"), full_page=True)
    evidence.screenshot(path=str(DOCS / "evidence.png"))
    watch.check()


def test_network_and_map_render_and_lead_to_a_dyad(page: Page, server, api):
    watch = Watch(page, server.url)
    page.goto(server.url + "/")
    dyads = api.get("/api/dyads", params={"limit": 30}).json()
    edges = page.locator("#network svg .edge")
    expect(edges).to_have_count(len(dyads), timeout=60_000)
    nodes = {d["source"] for d in dyads} | {d["target"] for d in dyads}
    expect(page.locator("#network svg .node")).to_have_count(len(nodes))
    labels = [edges.nth(i).get_attribute("aria-label") for i in range(edges.count())]
    mean = lambda g: "none" if g is None else f"{g:g}"  # noqa: E731 (as JavaScript prints a number)
    assert labels == [f"{d['source']} → {d['target']}: {d['events']} events, mean Goldstein {mean(d['mean_goldstein'])}"
                      for d in dyads]

    places = api.get("/api/places").json()
    page.wait_for_selector(f'#map[data-markers="{len(places)}"]', timeout=60_000)
    assert len(places) > 0
    countries = page.locator("#map .leaflet-overlay-pane path")
    assert countries.count() >= 170 + len(places)  # the Natural Earth outline, then one circle per place
    expect(page.locator("#places li")).to_have_count(len(places))

    second = dyads[1]
    edges.nth(1).focus()
    page.keyboard.press("Enter")  # an arrow of the network is chosen from the keyboard
    page.wait_for_selector(f'#timeline svg[aria-label="Timeline of {second["source"]} → {second["target"]}"]',
                           timeout=60_000)
    assert page.input_value("#dyad") == f"{second['source']}|{second['target']}"
    own = api.get("/api/places", params={"source": second["source"], "target": second["target"]}).json()
    page.wait_for_selector(f'#map[data-markers="{len(own)}"]', timeout=60_000)
    watch.check()


def test_keyboard_reaches_timeline_events_and_evidence(page: Page, server):
    page.goto(server.url + "/")
    page.wait_for_selector("#timeline .period", timeout=60_000)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    for _ in range(30):  # on through the pickers to the first bar of the timeline
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('period')"):
            break
    period = page.evaluate("document.activeElement.dataset.period")
    assert period, "Tab never reached the timeline"
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#events[data-query*="since={period}"]', timeout=60_000)
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('event-link')"):
            break
    event_id = page.evaluate("document.activeElement.dataset.event")
    assert event_id, "Tab never reached an event"
    page.keyboard.press("Enter")
    page.wait_for_selector(f'#evidence .evidence[data-event="{event_id}"]', timeout=60_000)
    assert page.evaluate("document.activeElement.id") == "evidence"  # focus follows to the evidence


def test_a_report_carrying_scripts_renders_inert(page: Page, server, api):
    watch = Watch(page, server.url)
    page.goto(server.url + "/#" + urlencode({"q": "window.__xss"}))  # in the hostile report's title
    wait_for_table(page, q="window.__xss")
    rows = page.locator("#event-rows tr")
    assert rows.count() == len(api.get("/api/events", params={"q": "window.__xss"}).json()["events"]) >= 2
    expect(page.locator("#events td.title").first).to_contain_text("<script>window.__xss = 'title'</script>")
    hostile = next(e for e in api.get("/api/events", params={"q": "window.__xss"}).json()["events"]
                   if "onerror" in e["text"] and "<img" in e["text"])
    page.click(f'#event-rows tr[data-event="{hostile["event_id"]}"] .event-link')
    page.wait_for_selector(f'#evidence .evidence[data-event="{hostile["event_id"]}"]', timeout=60_000)
    sentence = page.locator("#evidence blockquote").first
    expect(sentence).to_contain_text("<img src=x onerror=\"window.__xss='img'\">")
    expect(page.locator("#evidence .source").first).to_contain_text("<b onmouseover=")
    page.hover("#evidence .source")
    page.hover("#events td.title")
    page.wait_for_timeout(500)  # an onerror would have fired by now
    assert page.evaluate("window.__xss") is None
    assert page.locator("main img, main script, #evidence svg, a[href^='javascript']").count() == 0
    watch.check()


def test_openapi_page_is_served_from_the_package(page: Page, server):
    watch = Watch(page, server.url)
    page.goto(server.url + "/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("eventwire", timeout=60_000)
    expect(page.locator(".opblock-summary-path").filter(has_text="/api/events/{event_id}")).to_have_count(1)
    watch.check()
