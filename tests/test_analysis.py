"""Series, dyads, movers, left-out counts and alerts on real stores coded by the real pipeline."""

import datetime as dt

import pytest
from early_warning_corpus import KHARKIV, NOISE, QUIET_WEEKS, build, quiet_docs

from eventwire import alerts, analysis, series
from eventwire.store import Store

ALERT_KEYS = {"kind", "source", "target", "country", "period", "freq", "measure", "value", "baseline", "score",
              "method", "evidence"}
EVIDENCE_KEYS = {"cluster_id", "event_id", "doc_id", "date", "cameo", "plover", "source", "target", "text",
                 "trigger", "title", "url", "article_source", "mentions"}


@pytest.fixture(scope="module")
def noise_db(pipeline, tmp_path_factory):
    return build(tmp_path_factory.mktemp("noise"), quiet_docs() + NOISE, pipeline)


def test_series_is_zero_filled_oldest_first_with_the_contract_columns(escalation_db):
    rows = series(escalation_db, "RUS", "UKR", freq="week", since="2022-02-14", until="2022-03-20")
    assert [r["period"] for r in rows] == ["2022-02-14", "2022-02-21", "2022-02-28", "2022-03-07", "2022-03-14"]
    assert {"period", "events", "clusters", "verbal_coop", "material_coop", "verbal_conflict",
            "material_conflict", "goldstein_sum", "goldstein_mean"} <= set(rows[0])
    quiet, busy = rows[0], rows[3]
    assert quiet["events"] == quiet["clusters"] == quiet["material_conflict"] == 0
    assert quiet["goldstein_sum"] == 0 and quiet["goldstein_mean"] is None
    assert busy["material_conflict"] >= 4


def test_one_attack_told_by_two_articles_counts_once(escalation_db):
    week = series(escalation_db, "RUS", "UKR", since="2022-03-07", until="2022-03-13")[0]
    raw = series(escalation_db, "RUS", "UKR", since="2022-03-07", until="2022-03-13", count="events")[0]
    assert raw["events"] == week["events"]  # coded reports, whatever is counted
    assert week["clusters"] == week["events"] - 1  # the Kharkiv shelling, reported twice, is one cluster
    assert raw["material_conflict"] == week["material_conflict"] + 1


def test_goldstein_is_summed_over_distinct_events_with_compound_actors(escalation_db):
    with Store(escalation_db, read_only=True) as store:
        compound = store.con.execute("""
            SELECT count(*) FROM (SELECT event_id, doc_hash FROM event_actors WHERE role = 'target'
            AND country = 'UKR' GROUP BY ALL HAVING count(*) > 1)""").fetchone()[0]
        expected = store.con.execute(f"""
            SELECT sum(goldstein), avg(goldstein) FROM events e WHERE {analysis.COUNTED}
            AND date BETWEEN '2022-03-07' AND '2022-03-13' AND source_code LIKE 'RUS%'
            AND target_code LIKE 'UKR%'""").fetchone()
        dyads = {(r["source"], r["target"]): r for r in analysis.top_dyads(store)}
        all_rus_ukr = store.con.execute(f"""SELECT avg(goldstein) FROM events WHERE {analysis.COUNTED}
            AND source_code LIKE 'RUS%' AND target_code LIKE 'UKR%'""").fetchone()[0]
    assert compound >= 2  # the Kharkiv shelling hit soldiers and police: two UKR targets, twice
    raw = series(escalation_db, "RUS", "UKR", since="2022-03-07", until="2022-03-13", count="events")[0]
    assert raw["goldstein_sum"] == pytest.approx(expected[0])
    assert raw["goldstein_mean"] == pytest.approx(expected[1], abs=0.01)
    assert dyads[("RUS", "UKR")]["mean_goldstein"] == pytest.approx(all_rus_ukr, abs=0.01)
    assert analysis.dyad_series(Store(escalation_db, read_only=True), "RUS", "UKR")[-1]["goldstein"] == \
        pytest.approx(expected[0], abs=0.1)


def test_both_directions_actor_and_location_selections(escalation_db):
    rus_ukr = series(escalation_db, "RUS", "UKR", since="2022-01-01", until="2022-03-31")
    ukr_rus = series(escalation_db, "UKR", "RUS", since="2022-01-01", until="2022-03-31")
    both = series(escalation_db, "RUS", "UKR", both=True, since="2022-01-01", until="2022-03-31")
    assert [b["events"] for b in both] == [a["events"] + b["events"] for a, b in zip(rus_ukr, ukr_rus, strict=True)]
    ukr_any = series(escalation_db, actor="UKR", since="2022-01-01", until="2022-03-31")
    assert sum(r["verbal_coop"] for r in ukr_any) >= len(QUIET_WEEKS)  # the weekly talks with Poland
    assert sum(r["events"] for r in series(escalation_db, source="RUS", target="UKRMIL")) >= 2
    in_ukr = series(escalation_db, location="UKR", since="2022-03-07", until="2022-03-13")[0]
    assert in_ukr["material_conflict"] >= 2


def test_per_type_columns_on_request(escalation_db):
    by_plover = series(escalation_db, "RUS", "UKR", by="plover", since="2022-03-07", until="2022-03-13")[0]
    by_root = series(escalation_db, "RUS", "UKR", by="root", since="2022-03-07", until="2022-03-13")[0]
    assert by_plover["ASSAULT"] >= 2
    assert by_root["cameo_19"] >= 2 and by_root["cameo_17"] >= 1
    assert sum(v for k, v in by_root.items() if k.startswith("cameo_")) == by_root["clusters"]


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="freq"):
        series("none.duckdb", freq="year")
    with pytest.raises(ValueError, match="count"):
        series("none.duckdb", count="mentions")


def test_an_escalation_is_flagged_with_the_events_behind_it(escalation_db):
    found = alerts(escalation_db)
    dyad = [a for a in found if a["kind"] == "dyad" and (a["source"], a["target"]) == ("RUS", "UKR")]
    assert len(dyad) == 1
    alert = dyad[0]
    assert set(alert) == ALERT_KEYS and alert["period"] == "2022-03-07" and alert["freq"] == "week"
    assert alert["value"] > alert["baseline"] and alert["score"] >= 3.5
    assert alert["measure"] == analysis.DEFAULT_MEASURE and alert["method"] == "zscore"
    assert 1 <= len(alert["evidence"]) <= 3
    for item in alert["evidence"]:
        assert EVIDENCE_KEYS <= set(item)
        assert item["doc_id"].startswith("esc-") and item["text"] and item["date"].startswith("2022-03-")
    top = alert["evidence"][0]
    assert top["text"] == KHARKIV and top["articles"] == 2  # the most widely reported comes first
    assert all(a["period"] == "2022-03-07" for a in found)


def test_the_changepoint_method_and_the_material_conflict_measure(escalation_db):
    by_count = alerts(escalation_db, measure="material_conflict", source="RUS", target="UKR")
    assert [a["period"] for a in by_count] == ["2022-03-07"]
    assert by_count[0]["value"] >= 4
    shifts = alerts(escalation_db, method="changepoint", source="RUS", target="UKR", min_size=1)  # last week
    assert [a["period"] for a in shifts] == ["2022-03-07"] and shifts[0]["method"] == "changepoint"


def test_corroboration_knobs(escalation_db):
    assert alerts(escalation_db, source="RUS", target="UKR", min_events=20) == []
    assert alerts(escalation_db, source="RUS", target="UKR", min_articles=5) == []
    assert alerts(escalation_db, since="2022-03-14") == []


def test_feared_and_historical_attacks_never_raise_an_alert(noise_db):
    assert alerts(noise_db, min_articles=1, min_events=1) == []
    assert all(r["material_conflict"] == 0 for r in series(noise_db, "RUS", "UKR"))
    reasons = {r["reason"]: r["events"] for r in analysis.left_out(noise_db)}
    assert reasons["not counted: hypothetical"] >= 3 and reasons["not counted: background"] >= 3
    with Store(noise_db, read_only=True) as store:
        statuses = dict(store.con.execute("SELECT status, count(*) FROM events GROUP BY 1").fetchall())
    assert statuses["hypothetical"] >= 3 and statuses["background"] >= 3


def test_movers_of_the_last_period(escalation_db):
    rows = analysis.movers(escalation_db)
    assert rows[0]["source"] == "RUS" and rows[0]["target"].startswith("UKR")
    assert rows[0]["period"] == "2022-03-07" and rows[0]["change"] > 0


def test_on_the_demo_store(demo_db):
    rows = series(demo_db, "RUS", "UKR")
    invasion = next(r for r in rows if r["period"] == "2022-02-21")
    assert invasion["material_conflict"] >= 1 and invasion["conflict_mass"] >= 10  # the invasion itself
    dates = [dt.date.fromisoformat(r["period"]) for r in rows]
    assert all((b - a).days == 7 for a, b in zip(dates, dates[1:], strict=False))
    for alert in alerts(demo_db, min_articles=1):
        assert alert["evidence"] and set(alert) == ALERT_KEYS


def test_daily_alerts_and_series_where_a_cluster_opened_on_another_day(demo_db):
    # an event dated one day whose cluster opened the day before leaves that day's unit columns empty in the
    # join: they count as zero, never as missing (found by schemathesis through GET /api/alerts?freq=day)
    for alert in alerts(demo_db, freq="day", min_articles=1):
        assert set(alert) == ALERT_KEYS
    for row in series(demo_db, "RUS", "UKR", freq="day"):
        assert all(value is not None for key, value in row.items() if key != "goldstein_mean")
