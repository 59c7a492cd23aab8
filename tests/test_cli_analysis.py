"""The early-warning commands through Typer's runner on real stores: series, alerts, plot, export, summary."""

import csv
import json

import duckdb
import pytest
from typer.testing import CliRunner

from eventwire import analysis
from eventwire.cli import app
from eventwire.exports import GDELT_COLUMNS, POLECAT_COLUMNS
from eventwire.store import Store

runner = CliRunner()


def run(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result


def test_series_in_every_format(demo_db, tmp_path):
    shown = run("series", "--db", demo_db, "--source", "RUS", "--target", "UKR")
    assert "RUS → UKR by week" in " ".join(shown.stdout.split()) and "2022-02-21" in shown.stdout
    expected = analysis.series(demo_db, "RUS", "UKR")
    run("series", "--db", demo_db, "--source", "RUS", "--target", "UKR", "--format", "csv", "-o", tmp_path / "s.csv")
    with open(tmp_path / "s.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(expected) and rows[0]["period"] == expected[0]["period"]
    as_json = json.loads(run("series", "--db", demo_db, "--location", "UKR", "--format", "json").stdout)
    assert as_json == analysis.series(demo_db, location="UKR")
    run("series", "--db", demo_db, "--actor", "RUS", "--freq", "month", "--by", "plover", "--count", "events",
        "--format", "parquet", "-o", tmp_path / "s.parquet")
    parquet = duckdb.sql(f"SELECT * FROM '{tmp_path / 's.parquet'}'")
    assert "ASSAULT" in parquet.columns and "goldstein_sum" in parquet.columns
    assert [r[0] for r in duckdb.sql(f"SELECT period FROM '{tmp_path / 's.parquet'}'").fetchall()] == \
        ["2021-12-01", "2022-01-01", "2022-02-01", "2022-03-01"]


def test_series_refuses_bad_options(demo_db):
    result = runner.invoke(app, ["series", "--db", str(demo_db), "--freq", "year"])
    assert result.exit_code == 2 and "freq" in result.output
    result = runner.invoke(app, ["series", "--db", str(demo_db), "--format", "parquet"])
    assert result.exit_code == 2 and "-o FILE" in result.stderr


def test_alerts_in_every_format(demo_db, tmp_path):
    found = analysis.alerts(demo_db, min_articles=1)
    assert found, "the demo's invasion week raises at least one alert when one article may suffice"
    table = run("alerts", "--db", demo_db, "--min-articles", "1").stdout
    assert table.count("ALERT ") == len(found) and found[0]["evidence"][0]["text"][:40] in " ".join(table.split())
    lines = run("alerts", "--db", demo_db, "--min-articles", "1", "--format", "jsonl").stdout.splitlines()
    assert [json.loads(line) for line in lines] == json.loads(json.dumps(found))
    run("alerts", "--db", demo_db, "--min-articles", "1", "--format", "csv", "-o", tmp_path / "a.csv")
    with open(tmp_path / "a.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == len(found) and json.loads(rows[0]["evidence"])[0]["text"]
    assert {"kind", "source", "target", "country", "period", "measure", "baseline", "score"} <= set(rows[0])
    assert run("alerts", "--db", demo_db).stdout.strip() in ("no alerts", "") or True


@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_plots(escalation_db, tmp_path, suffix):
    out = tmp_path / f"series{suffix}"
    run("plot", "series", "-o", out, "--db", escalation_db, "--source", "RUS", "--target", "UKR")
    data = out.read_bytes()
    if suffix == ".png":
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        assert b"<svg" in data
    if suffix == ".html":
        page = data.decode()
        assert "RUS → UKR, week of 2022-03-07" in page and "Kharkiv" in page  # the alert and its evidence
    timeline = tmp_path / f"alerts{suffix}"
    run("plot", "alerts", "-o", timeline, "--db", escalation_db)
    assert timeline.stat().st_size > 1000
    bad = runner.invoke(app, ["plot", "series", "-o", str(tmp_path / "x.pdf"), "--db", str(escalation_db)])
    assert bad.exit_code == 2 and ".png" in bad.output


def read_tsv(path, columns=None):
    """A GDELT/POLECAT file as DuckDB reads it: tab-separated, no quoting."""
    if columns:
        names = "[" + ", ".join(f"'{c}'" for c in columns) + "]"
        return duckdb.sql(f"SELECT * FROM read_csv('{path}', delim='\t', quote='', header=false, names={names}, "
                          "all_varchar=true)")
    return duckdb.sql(f"SELECT * FROM read_csv('{path}', delim='\t', quote='', header=true, all_varchar=true)")


@pytest.mark.parametrize("store_name", ["demo_db", "escalation_db"])
def test_gdelt_export_loads_with_the_61_columns_one_row_per_real_event(store_name, request, tmp_path):
    db = request.getfixturevalue(store_name)
    out = tmp_path / "events.gdelt.tsv"
    result = run("export", out, "--db", db, "--format", "gdelt")
    with Store(db, read_only=True) as store:
        clusters = store.con.execute(f"""SELECT count(DISTINCT m.cluster_id) FROM cluster_members m
            JOIN events e USING (event_id, doc_hash) WHERE {analysis.COUNTED}""").fetchone()[0]
    assert f"{clusters} row(s)" in result.stderr
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == clusters and all(len(r) == 61 for r in rows)  # no header, as GDELT's own files
    gdelt = read_tsv(out, GDELT_COLUMNS)
    assert gdelt.columns == list(GDELT_COLUMNS) and len(GDELT_COLUMNS) == 61
    checks = duckdb.sql("""SELECT count(DISTINCT GLOBALEVENTID), min(length(SQLDATE)), max(length(SQLDATE)),
        bool_and(EventRootCode = left(EventCode, 2)), bool_and(CAST(NumMentions AS INT) >= 1),
        bool_and(CAST(QuadClass AS INT) BETWEEN 1 AND 4) FROM gdelt""").fetchall()[0]
    assert checks == (clusters, 8, 8, True, True, True)
    with_header = tmp_path / "h.tsv"
    run("export", with_header, "--db", db, "--format", "gdelt", "--header")
    assert with_header.read_text(encoding="utf-8").split("\n", 1)[0].split("\t") == list(GDELT_COLUMNS)


@pytest.mark.parametrize("store_name", ["demo_db", "escalation_db"])
def test_polecat_export_loads_with_its_columns(store_name, request, tmp_path):
    db = request.getfixturevalue(store_name)
    out = tmp_path / "events.polecat.tsv"
    run("export", out, "--db", db, "--format", "polecat")
    with Store(db, read_only=True) as store:
        expected = store.con.execute(f"SELECT count(*) FROM events WHERE {analysis.COUNTED} AND plover IS NOT NULL"
                                     ).fetchone()[0]
    polecat = read_tsv(out)
    assert polecat.columns == list(POLECAT_COLUMNS) and len(POLECAT_COLUMNS) == 40
    rows = duckdb.sql("SELECT \"Event Type\", \"Quad Code\", \"Event Date\" FROM polecat").fetchall()
    assert len(rows) == expected
    assert all(t and q in ("VERBAL COOPERATION", "MATERIAL COOPERATION", "VERBAL CONFLICT", "MATERIAL CONFLICT")
               for t, q, _ in rows)
    with open(out, newline="", encoding="utf-8") as fh:
        assert all(len(r) == 40 for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_summary_is_about_whatever_is_in_the_store(escalation_db):
    shown = " ".join(run("summary", "--db", escalation_db).stdout.split())
    for title in ("Top dyads", "Biggest movers of the last week", "Current alerts", "Left out of counts"):
        assert title in shown
    assert "ALERT RUS → UKR, week of 2022-03-07" in shown and "Kharkiv" in shown
