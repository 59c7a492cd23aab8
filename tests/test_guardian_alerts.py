"""The early-warning commands on a real Guardian store (needs ../shared): a folder of Guardian reports from
the months around Turkey's offensive on Afrin (launched 20 January 2018) is watched, coded and alerted on."""

import json

import pytest
from conftest import SHARED, needs_shared
from typer.testing import CliRunner

from eventwire import analysis
from eventwire.cli import app
from eventwire.watch import Watcher

pytestmark = [needs_shared, pytest.mark.shared, pytest.mark.slow]
GUARDIAN = SHARED / "data" / "news" / "guardian_ngec_sample_249.jsonl"


@pytest.fixture(scope="module")
def guardian(tmp_path_factory, pipeline):
    """Reports published from November 2017 to February 2018, ingested by `watch` from a folder."""
    folder = tmp_path_factory.mktemp("guardian")
    inbox = folder / "inbox"
    inbox.mkdir()
    with open(GUARDIAN, encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    kept = [d for d in docs if "2017-11-01" <= (d.get("published") or "")[:10] <= "2018-02-15"]
    (inbox / "guardian.jsonl").write_text("".join(json.dumps(d) + "\n" for d in kept), encoding="utf-8")
    db = folder / "guardian.duckdb"
    watcher = Watcher([str(inbox)], db, every=60, pipeline=pipeline, log=lambda _: None, settle=0)
    first = watcher.poll_once()
    return {"db": db, "articles": len(kept), "round": first, "watcher": watcher, "folder": folder}


def test_watch_codes_the_folder_once_and_reports_the_afrin_alerts(guardian):
    first = guardian["round"]
    assert first.articles_added == guardian["articles"] > 40
    keys = {(a["kind"], a["source"], a["target"], a["country"], a["period"]) for a in first.alerts}
    assert ("dyad", "TUR", "SYR", None, "2018-01-22") in keys  # the week after the offensive began
    again = guardian["watcher"].poll_once(now=10**10)
    assert not again.ingested and again.alerts == []  # nothing new: nothing coded, no alert repeated


def test_the_afrin_alert_shows_its_evidence(guardian):
    found = analysis.alerts(guardian["db"], source="TUR", target="SYR")
    afrin = [a for a in found if a["period"] in ("2018-01-15", "2018-01-22")]
    assert afrin
    text = " ".join(e["text"] for a in afrin for e in a["evidence"])
    assert "Afrin" in text or "Turkish" in text
    for alert in afrin:
        for e in alert["evidence"]:
            assert e["doc_id"].startswith("guardian-ngec-") and e["article_source"] == "Guardian"
            assert e["date"][:7] == "2018-01" and e["cameo"][:2] in ("15", "16", "17", "18", "19", "20", "13", "14")


def test_every_command_runs_on_the_guardian_store(guardian, tmp_path):
    db = str(guardian["db"])
    runner = CliRunner()
    for args in (["series", "--db", db, "--source", "TUR", "--target", "SYR", "--format", "json"],
                 ["series", "--db", db, "--location", "SYR", "--freq", "month", "--by", "root"],
                 ["alerts", "--db", db], ["alerts", "--db", db, "--method", "changepoint", "--format", "jsonl"],
                 ["summary", "--db", db],
                 ["plot", "series", "-o", str(tmp_path / "tur-syr.png"), "--db", db, "--source", "TUR", "--target",
                  "SYR"],
                 ["plot", "alerts", "-o", str(tmp_path / "alerts.html"), "--db", db],
                 ["export", str(tmp_path / "g.tsv"), "--db", db, "--format", "gdelt"],
                 ["export", str(tmp_path / "p.tsv"), "--db", db, "--format", "polecat"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    series = json.loads(runner.invoke(app, ["series", "--db", db, "--source", "TUR", "--target", "SYR",
                                            "--format", "json"]).stdout)
    assert max(r["material_conflict"] for r in series) >= 3
    assert "Afrin" in (tmp_path / "alerts.html").read_text(encoding="utf-8") or \
        "Turk" in (tmp_path / "alerts.html").read_text(encoding="utf-8")
