"""The command line, driven through Typer's runner on real files and a real DuckDB store."""

import json

from typer.testing import CliRunner

from eventwire import analysis
from eventwire.cli import app, sample_files
from eventwire.store import Store

runner = CliRunner()

REPORT = ("Russian troops shelled the city of Kharkiv on Tuesday, local officials said.\n\n"
          "Ukraine's foreign minister held talks with his Polish counterpart in Warsaw.")


def write_docs(path, docs):
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return path


def test_code_prints_one_record_per_line_with_the_input_id(tmp_path):
    src = write_docs(tmp_path / "in.jsonl", [{"id": "doc-7", "text": REPORT, "published": "2022-03-01"}])
    result = runner.invoke(app, ["code", str(src), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    for record in records:
        assert record["doc_id"] == "doc-7"
        assert REPORT[record["span"][0]:record["span"][1]] == record["text"]
        assert {"cameo", "plover", "source", "target", "date", "status", "event_id"} <= set(record)


def test_code_with_bad_records_exits_nonzero_and_counts_them(tmp_path):
    src = tmp_path / "mixed.jsonl"
    src.write_text('{"id": "ok", "text": "Police detained protesters."}\n{broken\n{"id": "no-text"}\n',
                   encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["code", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert f"{src}:2" in result.stderr and "invalid JSON" in result.stderr
    assert f"{src}:3" in result.stderr and "missing field 'text'" in result.stderr
    assert "2 bad record(s)" in result.stderr
    assert out.exists()


def test_text_input_takes_published_option(tmp_path):
    (tmp_path / "story.txt").write_text(REPORT, encoding="utf-8")
    result = runner.invoke(app, ["code", str(tmp_path / "story.txt"), "--published", "2022-03-01"])
    assert result.exit_code == 0, result.output
    for line in result.stdout.splitlines():
        assert json.loads(line)["doc_id"] == "story"


def test_ingest_events_export_round_trip(tmp_path):
    src = write_docs(tmp_path / "in.jsonl", [{"id": "d1", "text": REPORT, "published": "2022-03-01"}])
    db = tmp_path / "s.duckdb"
    first = runner.invoke(app, ["ingest", str(src), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "1 new article(s)" in first.stderr
    again = runner.invoke(app, ["ingest", str(src), "--db", str(db)])
    assert "0 new article(s), 0 event(s)" in again.stderr and "1 already stored" in again.stderr
    listed = runner.invoke(app, ["events", "--db", str(db)])
    assert listed.exit_code == 0
    exported = runner.invoke(app, ["export", str(tmp_path / "ev.csv"), "--db", str(db)])
    assert exported.exit_code == 0 and (tmp_path / "ev.csv").exists()
    bad = runner.invoke(app, ["export", str(tmp_path / "ev.xlsx"), "--db", str(db)])
    assert bad.exit_code != 0


def test_events_without_store_says_what_to_do(tmp_path):
    result = runner.invoke(app, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and "eventwire ingest" in result.stderr


def test_demo_codes_the_bundled_samples(tmp_path):
    files = sample_files()
    n_docs = sum(1 for f in files for line in open(f, encoding="utf-8") if line.strip())
    assert n_docs >= 20
    db, plot = tmp_path / "demo.duckdb", tmp_path / "demo.png"
    result = runner.invoke(app, ["demo", "--db", str(db), "--plot", str(plot)])
    assert result.exit_code == 0, result.output
    assert f"{n_docs} sample article(s) coded" in result.stderr
    with Store(db, read_only=True) as store:
        statuses = {row["status"] for row in analysis.status_counts(store)}
        assert {"occurred", "hypothetical", "negated"} <= statuses  # the samples hold feared and denied acts
        assert analysis.dyad_series(store, "RUS", "UKR", "week")
        assert any(row["type"] == "ASSAULT" for row in analysis.events_by_type(store))
    shown = " ".join(result.stdout.split())
    for title in ("Top dyads", "Biggest movers of the last week", "Current alerts", "Counted events by PLOVER type",
                  "Left out of counts", "not counted: hypothetical"):
        assert title in shown
    assert "RUS → UKR by week" not in shown  # the summary is about whatever is in the store
    assert plot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and plot.stat().st_size > 10_000
