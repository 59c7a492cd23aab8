"""The REST API over real HTTP against a running `eventwire serve` on a store coded from real text."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import httpx
import pytest
from served import TOKEN, eventwire

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def all_events(api, **params) -> list[dict]:
    """Every event matching the filters, page by page through the cursor."""
    events, cursor = [], None
    while True:
        page = api.get("/api/events", params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        events += body["events"]
        cursor = body["next_cursor"]
        if not cursor:
            return events


def codes(actors: list[dict]) -> set[str]:
    return {a.get("org") or a.get("country") for a in actors}


def test_health_counts_the_store(api, coded_store):
    health = api.get("/healthz").json()
    with duckdb.connect(str(coded_store), read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
    assert health["status"] == "ok" and health["store"] == "ok"
    assert (health["articles"], health["events"]) == (articles, events) and articles == 27


def test_cursor_paging_returns_every_event_once_newest_first(api):
    small_pages = all_events(api, limit=7)
    one_page = api.get("/api/events", params={"limit": 500}).json()
    assert one_page["next_cursor"] is None
    assert [e["event_id"] + e["doc_hash"] for e in small_pages] == \
        [e["event_id"] + e["doc_hash"] for e in one_page["events"]]
    stored = api.get("/healthz").json()["events"]
    assert len({(e["event_id"], e["doc_hash"]) for e in small_pages}) == len(small_pages) == stored
    dated = [e["date"] for e in small_pages if e["date"]]
    assert dated == sorted(dated, reverse=True)
    oldest = all_events(api, limit=50, order="oldest")
    assert [e["event_id"] for e in oldest] == [e["event_id"] for e in reversed(small_pages)]


def test_filters_narrow_to_matching_events(api):
    rus_ukr = all_events(api, source="RUS", target="ukr")  # codes are case-insensitive
    assert rus_ukr and all("RUS" in codes(e["source"]) and "UKR" in codes(e["target"]) for e in rus_ukr)
    february = all_events(api, since="2022-02-01", until="2022-02-28")
    assert february and all("2022-02-01" <= e["date"] <= "2022-02-28" for e in february)
    attacks = all_events(api, cameo="19")
    assert attacks and all(e["cameo"].startswith("19") for e in attacks)
    planned = all_events(api, status=["planned", "hypothetical"])
    assert planned and {e["status"] for e in planned} <= {"planned", "hypothetical"}
    counted = all_events(api, counted="true")
    not_counted = all_events(api, counted="false")
    assert all(e["counted"] for e in counted) and not any(e["counted"] for e in not_counted)
    assert len(counted) + len(not_counted) == api.get("/healthz").json()["events"]
    assert {e["status"] for e in not_counted} >= {"hypothetical"}
    kharkiv = all_events(api, q="kharkiv")
    assert kharkiv and all("kharkiv" in (e["text"] + (e["article"]["title"] or "")).lower() for e in kharkiv)
    either_side = all_events(api, actor="NATO")
    assert either_side and all("NATO" in codes(e["source"]) | codes(e["target"]) for e in either_side)
    by_name = all_events(api, name="Stoltenberg")
    assert by_name and all(any("Stoltenberg" in (a["name"] or a["text"]) for a in e["source"] + e["target"]
                               + ([e["attribution"]] if e["attribution"] else [])) for e in by_name)


def test_bad_parameters_are_client_errors(api):
    assert api.get("/api/events", params={"cursor": "not-a-cursor"}).status_code == 400
    assert api.get("/api/events", params={"since": "2022-13-45"}).status_code == 422
    assert api.get("/api/events", params={"limit": 0}).status_code == 422
    assert api.get("/api/events", params={"status": "rumoured"}).status_code == 422
    assert api.get("/api/events/0000000000000000").status_code == 404


def test_event_detail_gives_every_sentence_with_its_article(api):
    multi = next(e for e in all_events(api, counted="true") if len(e["mentions"]) > 1)
    detail = api.get(f"/api/events/{multi['event_id']}", params={"doc_hash": multi["doc_hash"]}).json()
    own = [m for m in detail["mentions"] if m["same_article"]]
    assert len(own) == len(multi["mentions"])
    for mention, told in zip(own, multi["mentions"], strict=True):
        assert mention["text"] == told["text"] and mention["article"]["title"] == multi["article"]["title"]
        assert mention["article"]["published"] and mention["article"]["source"] == "eventwire-samples"
        start, end = mention["trigger_in_text"]
        assert mention["text"][start:end] == told["trigger"] or told["trigger"] in mention["text"]
    assert detail["status_reason"].startswith(multi["status"]) and "counted" in detail["status_reason"]
    assert detail["cluster"]["cluster_id"] == multi["cluster_id"]


def test_event_detail_follows_its_cluster_into_other_articles(api):
    cluster = api.get("/api/clusters", params={"min_articles": 2, "limit": 1}).json()[0]
    member = cluster["mentions"][0]
    detail = api.get(f"/api/events/{member['event_id']}", params={"doc_hash": member["doc_hash"]}).json()
    others = [m for m in detail["mentions"] if not m["same_article"]]
    assert others and all(m["doc_hash"] != member["doc_hash"] for m in others)
    assert {m["doc_hash"] for m in others} | {member["doc_hash"]} == {m["doc_hash"] for m in cluster["mentions"]}


def test_highlights_mark_trigger_and_actors_inside_the_sentence(api):
    event = next(e for e in all_events(api, source="RUS", target="UKR") if e["source"][0].get("span"))
    mention = api.get(f"/api/events/{event['event_id']}", params={"doc_hash": event["doc_hash"]}).json()["mentions"][0]
    marks = {m["role"]: mention["text"][m["start"]:m["end"]] for m in mention["highlights"]}
    assert marks["trigger"] == event["mentions"][0]["trigger"]
    assert marks.get("source") in {a["text"] for a in event["source"]}


def test_clusters_actors_dyads_and_places_agree_with_the_events(api):
    clusters = api.get("/api/clusters", params={"min_articles": 2}).json()
    assert clusters and all(c["num_articles"] >= 2 and c["mentions"] for c in clusters)
    top = api.get("/api/dyads", params={"limit": 5}).json()[0]
    listed = all_events(api, source=top["source"], target=top["target"], counted="true")
    assert top["events"] == len(listed) > 0
    actors = api.get("/api/actors", params={"q": "rus"}).json()
    assert actors[0]["actor"] == "RUS" and "Russia" in actors[0]["names"]
    assert actors[0]["events"] == len(all_events(api, actor="RUS", counted="true"))
    assert actors[0]["as_source"] <= actors[0]["events"] and actors[0]["as_target"] <= actors[0]["events"]
    by_name = api.get("/api/actors", params={"q": "stoltenberg"}).json()
    assert [a["actor"] for a in by_name] == ["NATO"]
    places = api.get("/api/places", params={"actor": "RUS"}).json()
    assert places and sum(p["events"] for p in places) <= actors[0]["events"]
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in places)
    period = api.get("/api/dyads", params={"since": "2022-02-21", "until": "2022-02-27"}).json()
    for dyad in period:
        dated = all_events(api, source=dyad["source"], target=dyad["target"], counted="true",
                           since="2022-02-21", until="2022-02-27")
        assert dyad["events"] == len(dated)


def test_series_is_zero_filled_and_matches_the_counted_events(api):
    rows = api.get("/api/series", params={"source": "RUS", "target": "UKR", "freq": "week",
                                          "count": "events"}).json()
    assert rows and [r["period"] for r in rows] == sorted(r["period"] for r in rows)
    starts = [dt.date.fromisoformat(r["period"]) for r in rows]
    assert all((b - a).days == 7 for a, b in zip(starts, starts[1:], strict=False))  # no week left out
    listed = all_events(api, source="RUS", target="UKR", counted="true")
    weekly = [e for e in listed if e["date"] and e["date_precision"] in ("day", "week", "published")]
    assert sum(r["events"] for r in rows) == len(weekly)  # a date known only to the month is no week's
    assert all(r["verbal_coop"] + r["material_coop"] + r["verbal_conflict"] + r["material_conflict"]
               <= r["events"] for r in rows)


def test_alerts_follow_the_contract(api):
    response = api.get("/api/alerts", params={"freq": "week", "evidence": 2})
    assert response.status_code == 200
    for alert in response.json():
        assert alert["kind"] in ("dyad", "location") and alert["freq"] == "week"
        assert len(alert["evidence"]) <= 2
    assert api.get("/api/alerts", params={"method": "nonsense"}).status_code == 422


def test_writes_need_the_token(api):
    document = {"text": "Russian troops shelled Kharkiv on Tuesday.", "published": "2022-03-01"}
    assert api.post("/api/code", json=document).status_code == 401
    wrong = api.post("/api/code", json=document, headers={"Authorization": "Bearer wrong"})
    assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
    assert api.post("/api/ingest", json={"documents": [document]}).status_code == 401


def test_code_returns_events_without_touching_the_store(api):
    before = api.get("/healthz").json()["events"]
    response = api.post("/api/code", headers=AUTH, json={"text": "Russian troops shelled Kharkiv on Tuesday.",
                                                         "published": "2022-03-01"}, timeout=300)
    assert response.status_code == 200, response.text
    events = response.json()["events"]
    assert any(e["cameo_root"] in ("18", "19") and "RUS" in codes(e["source"]) for e in events)
    assert all(e["date"] == "2022-03-01" for e in events)
    assert api.get("/healthz").json()["events"] == before
    bad = api.post("/api/code", headers=AUTH, json={"text": "x", "published": "yesterday-ish"})
    assert bad.status_code == 422 and "published" in bad.text


def test_code_times_out_and_the_server_recovers(api):
    long_text = " ".join(["Russian troops shelled Kharkiv on Tuesday and the ministry condemned the attack."] * 20000)
    slow = api.post("/api/code", headers=AUTH, json={"text": long_text}, timeout=300)
    assert slow.status_code == 504 and "longer than 10 s" in slow.json()["detail"]
    quick = api.post("/api/code", headers=AUTH, json={"text": "NATO condemned Russia."}, timeout=300)
    assert quick.status_code == 200 and quick.json()["events"]


def test_body_over_the_limit_is_refused(api):
    big = b'{"text": "' + b"a" * (10 * 1024 * 1024) + b'"}'
    response = api.post("/api/code", headers={**AUTH, "Content-Type": "application/json"}, content=big)
    assert response.status_code == 413

    def chunks():  # no Content-Length: the limit still holds while the body streams in
        for _ in range(11):
            yield b"a" * (1024 * 1024)

    streamed = api.post("/api/ingest", headers={**AUTH, "Content-Type": "application/x-ndjson"}, content=chunks())
    assert streamed.status_code == 413


def test_responses_carry_the_security_headers(api):
    page = api.get("/")
    assert page.status_code == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("style-src")[0]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert api.get("/", headers={"Host": "attacker.example"}).status_code == 400  # DNS rebinding


def test_hostile_text_is_kept_as_data_and_escaped_in_html(api):
    hostile = all_events(api, q="Hostile Wire")
    assert hostile and any("<img src=x onerror=" in e["text"] for e in hostile)
    event = next(e for e in hostile if "onerror" in e["text"])
    fragment = api.get(f"/ui/events/{event['event_id']}", params={"doc_hash": event["doc_hash"]}).text
    assert "<img" not in fragment and "<script" not in fragment and "<b onmouseover" not in fragment
    assert "&lt;img src=x onerror=" in fragment and "&lt;script&gt;" in fragment
    assert "javascript:" not in fragment  # the article's url is not an http(s) address: no link
    table = api.get("/ui/events", params={"q": "Hostile Wire"}).text
    assert "<img" not in table and "<script" not in table and "&lt;script&gt;" in table


def test_ingest_adds_documents_and_lists_bad_ones(writable_server):
    with httpx.Client(base_url=writable_server.url, timeout=300) as api:
        documents = [{"id": "ingest-1", "text": "Turkish troops shelled Kurdish positions near Afrin on Sunday, "
                      "the Syrian Observatory said.", "published": "2022-03-06", "source": "api-test"},
                     {"id": "ingest-2", "text": "  ", "published": "2022-03-06"}]
        first = api.post("/api/ingest", headers=AUTH, json={"documents": documents})
        assert first.status_code == 200, first.text
        result = first.json()
        assert result["articles_added"] == 1 and result["events_added"] >= 1
        assert len(result["problems"]) == 1 and "request.jsonl:2" in result["problems"][0]
        assert "'text' is empty" in result["problems"][0]
        found = api.get("/api/events", params={"q": "Afrin"}).json()["events"]
        assert found and found[0]["article"]["source"] == "api-test"
        again = api.post("/api/ingest", headers={**AUTH, "Content-Type": "application/x-ndjson"},
                         content=json.dumps(documents[0]) + "\n")
        assert again.json()["articles_added"] == 0  # already stored
        assert api.post("/api/ingest", headers={**AUTH, "Content-Type": "text/csv"}, content="a,b").status_code == 415


def test_a_store_held_by_a_writer_gives_503_not_a_traceback(writable_server):
    con = duckdb.connect(str(writable_server.db))  # another process's read-write hold on the file
    try:
        busy = httpx.get(writable_server.url + "/api/events", timeout=120)
        assert busy.status_code == 503 and "busy" in busy.json()["detail"]
        assert httpx.get(writable_server.url + "/healthz", timeout=120).json()["store"] == "busy"
    finally:
        con.close()
    assert httpx.get(writable_server.url + "/api/events", timeout=60).status_code == 200


def test_public_address_needs_a_token():
    refused = eventwire("serve", "--host", "0.0.0.0", "--port", "1", env={"EVENTWIRE_TOKEN": ""}, timeout=300)
    assert refused.returncode == 2 and "EVENTWIRE_TOKEN" in refused.stderr


@pytest.mark.parametrize("path", ["/openapi.json"])
def test_openapi_models_come_from_the_event_dataclasses(api, path):
    from eventwire.model import Event

    spec = api.get(path).json()
    record = spec["components"]["schemas"]["EventRecord"]["properties"]
    sample = Event(doc_id="d", text="t", span=(0, 1), trigger="t", cameo="010").to_dict()
    assert set(record) == set(sample)
    assert spec["components"]["schemas"]["ActorRecord"]["properties"].keys() >= {"country", "org", "sector"}
    assert "/api/events/{event_id}" in spec["paths"] and "/api/ingest" in spec["paths"]
