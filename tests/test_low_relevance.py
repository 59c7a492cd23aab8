"""Events of low-relevance articles keep their record and stay out of counts by default; one flag counts them:
`include_low_relevance=True` in Python, `--include-low-relevance` on the CLI (`tests/web` checks the web API
and the dashboard). A real store coded by the real pipeline: nine calm weeks of political talks, then a week
whose four attacks on Ukraine are told only by culture stories (tests/early_warning_corpus.py)."""

from __future__ import annotations

import json
import time

import pytest
from early_warning_corpus import LOW_RELEVANCE, build, quiet_docs, write_jsonl
from store_helpers import eventwire as run_cli

import eventwire
from eventwire import analysis
from eventwire.cli_analysis import alert_options
from eventwire.events.codes import VIOLENT_ROOTS
from eventwire.store import Store
from eventwire.watch import Watcher

SPIKE = "2022-03-07"  # the week of the culture stories' attacks
SPAN = {"since": "2022-01-03", "until": "2022-03-13"}  # the store's weeks (a series stops at its last event)
LOW = "not counted: low relevance"


@pytest.fixture(scope="module")
def low_db(pipeline, tmp_path_factory):
    return build(tmp_path_factory.mktemp("low-relevance"), quiet_docs() + LOW_RELEVANCE, pipeline)


def low_relevance_violent(db) -> list[dict]:
    """The violent events the store marked `low relevance`, with their article's relevance."""
    with Store(db, read_only=True) as store:
        return [e for e in store.events() if e["not_counted"] == "low relevance" and e["cameo"][:2] in VIOLENT_ROOTS]


def week(rows: list[dict], period: str = SPIKE) -> dict:
    return next(r for r in rows if r["period"] == period)


def reasons(rows: list[dict]) -> dict[str, int]:
    return {r["reason"]: r["events"] for r in rows}


def test_the_culture_stories_are_judged_low_relevance_and_their_events_keep_their_record(low_db, pipeline):
    violent = low_relevance_violent(low_db)
    threshold = pipeline.settings.relevance_threshold
    assert {e["doc_id"] for e in violent} == {d["id"] for d in LOW_RELEVANCE}
    assert all(e["relevance"] < threshold and not e["counted"] and e["status"] == "occurred" for e in violent)
    assert all(e["source"] and e["target"] for e in violent)  # real dyads: only their article keeps them out
    with Store(low_db, read_only=True) as store:
        talks = [e for e in store.events() if e["doc_id"].startswith("quiet-") and e["counted"]]
    assert len(talks) >= len(quiet_docs())  # the political articles count as they are


def test_python_api_leaves_them_out_by_default_and_the_flag_counts_them(low_db):
    n = len(low_relevance_violent(low_db))
    default = eventwire.series(low_db, count="events", **SPAN)
    wide = eventwire.series(low_db, count="events", include_low_relevance=True, **SPAN)
    with Store(low_db, read_only=True) as store:
        low_material = store.con.execute(  # material conflict told by the culture stories (attacks, a boycott)
            "SELECT count(*) FROM events WHERE not_counted = 'low relevance' AND quad_class = 4").fetchone()[0]
    assert week(default)["material_conflict"] == 0
    assert week(wide)["material_conflict"] == low_material >= n
    assert [r["events"] for r in default if r["period"] < SPIKE] == [r["events"] for r in wide if r["period"] < SPIKE]
    assert eventwire.series(low_db, source="RUS", target="UKR") == []
    assert sum(r["clusters"] for r in eventwire.series(low_db, source="RUS", target="UKR",
                                                       include_low_relevance=True)) == n

    assert eventwire.alerts(low_db) == []
    (alert,) = eventwire.alerts(low_db, include_low_relevance=True)
    assert (alert["kind"], alert["source"], alert["target"], alert["period"]) == ("dyad", "RUS", "UKR", SPIKE)
    assert {e["doc_id"] for e in alert["evidence"]} <= {d["id"] for d in LOW_RELEVANCE} and alert["evidence"]

    assert ("RUS", "UKR") not in {(d["source"], d["target"]) for d in eventwire.top_dyads(low_db)}
    wide_dyads = {(d["source"], d["target"]): d for d in eventwire.top_dyads(low_db, include_low_relevance=True)}
    assert wide_dyads[("RUS", "UKR")]["events"] == n
    assert ("RUS", "UKR") in {(m["source"], m["target"]) for m in eventwire.movers(low_db, include_low_relevance=True)}
    assert ("RUS", "UKR") not in {(m["source"], m["target"]) for m in eventwire.movers(low_db)}


def test_summary_counts_them_with_the_flag_and_no_longer_lists_them_as_left_out(low_db):
    default, wide = eventwire.summary(low_db), eventwire.summary(low_db, include_low_relevance=True)
    left_default, left_wide = reasons(default["left_out"]), reasons(wide["left_out"])
    assert left_default[LOW] >= len(low_relevance_violent(low_db))
    assert LOW not in left_wide
    # what is no longer left out is counted: the types table grows by exactly the low-relevance events that
    # have a type, and the other reasons stay as they were
    typed = sum(r["events"] for r in wide["events_by_type"]) - sum(r["events"] for r in default["events_by_type"])
    assert typed == left_default[LOW]
    assert {k: v for k, v in left_default.items() if k.startswith("not counted") and k != LOW} == \
        {k: v for k, v in left_wide.items() if k.startswith("not counted")}
    assert default["alerts"] == [] and [a["source"] for a in wide["alerts"]] == ["RUS"]
    with Store(low_db, read_only=True) as store:  # the same from an open Store as from a path
        assert analysis.left_out(store, include_low_relevance=True) == wide["left_out"]
        counted = store.events(counted=True)
        widened = store.events(counted=True, include_low_relevance=True)
    assert len(widened) - len(counted) == left_default[LOW]
    assert {e["doc_id"] for e in widened} - {e["doc_id"] for e in counted} == {d["id"] for d in LOW_RELEVANCE}


def test_an_older_store_without_the_counted_columns_reads_the_same_with_the_flag(tmp_path, pipeline):
    """A store written before `counted` existed has no low-relevance events: the flag changes nothing there
    and never makes a NULL of the status rule."""
    import duckdb

    from eventwire.store import ADDED_COLUMNS

    db = build(tmp_path, quiet_docs()[:3], pipeline)
    con = duckdb.connect(str(db))
    con.execute("UPDATE events SET status = 'hypothetical' WHERE event_id = (SELECT min(event_id) FROM events)")
    for table, column, _ in ADDED_COLUMNS:
        con.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    con.close()
    with Store(db, read_only=True) as store:
        assert analysis.left_out(store, include_low_relevance=True) == analysis.left_out(store)
        assert reasons(analysis.left_out(store))["not counted: hypothetical"] == 1
        assert store.events(counted=True, include_low_relevance=True) == store.events(counted=True)


def cli_json(*args: str) -> list[dict]:
    done = run_cli(*args)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_cli_series_alerts_and_events_take_the_flag(low_db):
    n = len(low_relevance_violent(low_db))
    db = ["--db", str(low_db)]
    series = ["series", "--count", "events", "--format", "json", "--since", SPAN["since"], "--until", SPAN["until"],
              *db]
    assert week(cli_json(*series))["material_conflict"] == 0
    assert week(cli_json(*series, "--include-low-relevance")) == week(
        eventwire.series(low_db, count="events", include_low_relevance=True, **SPAN))
    assert week(cli_json(*series, "--include-low-relevance"))["material_conflict"] >= n
    assert cli_json("alerts", "--format", "json", *db) == []
    (alert,) = cli_json("alerts", "--format", "json", "--include-low-relevance", *db)
    assert (alert["source"], alert["target"], alert["period"]) == ("RUS", "UKR", SPIKE)

    def listed(*flags: str) -> list[dict]:
        done = run_cli("events", "--counted", "--cameo", "19", *flags, *db)
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    assert listed() == []
    assert {e["doc_id"] for e in listed("--include-low-relevance")} <= {d["id"] for d in LOW_RELEVANCE}
    assert len(listed("--include-low-relevance")) == sum(e["cameo"][:2] == "19" for e in low_relevance_violent(low_db))


def test_cli_summary_says_what_it_left_out_and_the_flag_counts_it(low_db):
    default = run_cli("summary", "--db", str(low_db))
    wide = run_cli("summary", "--include-low-relevance", "--db", str(low_db))
    assert default.returncode == wide.returncode == 0, default.stderr + wide.stderr
    assert LOW in default.stdout and "no alerts" in default.stdout and "ASSAULT" not in default.stdout
    assert LOW not in wide.stdout and "ALERT RUS → UKR" in wide.stdout and "ASSAULT" in wide.stdout
    assert "--include-low-relevance" in wide.stdout  # the summary says what it counted


def test_cli_plots_take_the_flag(low_db, tmp_path):
    for flags, expect_alert in (((), False), (("--include-low-relevance",), True)):
        page = tmp_path / f"rus-ukr{len(flags)}.html"
        done = run_cli("plot", "series", "--source", "RUS", "--target", "UKR", "-o", str(page), "--db", str(low_db),
                       *flags)
        assert done.returncode == 0, done.stderr
        assert ("No alerts." not in page.read_text(encoding="utf-8")) is expect_alert
        done = run_cli("plot", "alerts", "-o", str(tmp_path / "alerts.svg"), "--db", str(low_db), *flags)
        assert done.returncode == 0, done.stderr
        assert f"plot of {int(expect_alert)} alert(s)" in done.stderr


def test_watch_reports_the_alert_only_with_the_flag(tmp_path, pipeline):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    write_jsonl(inbox / "news.jsonl", quiet_docs() + LOW_RELEVANCE)
    found = {}
    for flag in (False, True):
        options = alert_options("week", "zscore", analysis.DEFAULT_MEASURE, "clusters", None, None, None, None, 3, 2,
                                include_low_relevance=flag)
        watcher = Watcher([str(inbox)], tmp_path / f"w{flag}.duckdb", every=1, alert_options=options,
                          pipeline=pipeline, log=lambda _: None, settle=0)
        found[flag] = watcher.poll_once(now=time.time()).alerts
    assert found[False] == []
    assert [(a["source"], a["target"], a["period"]) for a in found[True]] == [("RUS", "UKR", SPIKE)]


def test_every_counting_command_offers_the_flag_with_one_help_text():
    helps = {}
    for command in (["summary"], ["series"], ["alerts"], ["watch"], ["events"], ["plot", "series"],
                    ["plot", "alerts"]):
        done = run_cli(*command, "--help", env={"COLUMNS": "400", "TERM": "dumb"})
        assert done.returncode == 0, done.stderr
        line = next(x for x in done.stdout.splitlines() if "--include-low-relevance" in x)
        helps[" ".join(command)] = " ".join(line.replace("│", " ").split()[1:])
    assert len(set(helps.values())) == 1, helps
