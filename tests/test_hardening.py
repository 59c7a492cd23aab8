"""Issue #14: bad bytes never take good records down. Each probe is a file written here with a good record
before and after the bad one; `eventwire code` and `eventwire ingest` run once, as real processes, over all
of them, and each test checks its own file: one clear stderr line per bad record, every good record coded,
no traceback, exit status 1 (some records were bad)."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXE = Path(sys.executable).with_name("eventwire")

GOOD = "Russian troops shelled the city of Kharkiv on Tuesday."
OTHER = "Police arrested dozens of protesters in Minsk."


def line(doc_id: str, text: str = GOOD, **fields) -> str:
    record = {"id": doc_id, "text": text, "published": "2022-03-01", "source": f"desk {doc_id}"}
    return json.dumps({**record, **fields}) + "\n"  # a source of its own: the store keeps each record


def sandwich(stem: str, bad: str) -> str:
    """A good record, the bad line, a good record: ids `<stem>-before` and `<stem>-after`."""
    return line(f"{stem}-before") + bad + line(f"{stem}-after", OTHER)


HTML_PAGE = ('<html><head><title>Shelling</title><script>var city = "Kyiv";</script>'
             '<style>p { color: red }</style></head><body><nav>Home | World</nav>'
             f"<article><p>{GOOD}</p><p>{OTHER}</p></article></body></html>")
WITH_SURROGATE = GOOD.replace("Kharkiv", "Kharkiv \\ud800")  # a JSON escape: json.loads makes it a lone surrogate
CONTROLLED = "Russian\x07 troops \x1b[31mshelled\x1b[0m the city of Kharkiv\x01 on Tuesday."


def write_probes(folder: Path) -> dict[str, Path]:
    """One file per probe of the issue, named after its item."""
    files = {
        "surrogate": sandwich("surrogate", '{"id": "surrogate-bad", "title": "Kyiv \\udc00", '
                                           f'"text": "{WITH_SURROGATE}"}}\n'),
        "nested": sandwich("nested", "[" * 200_000 + "]" * 200_000 + "\n"),
        "markup": sandwich("markup", line("markup-bad", published="[/]", title="[link=http://x]t[/link]")),
        "late_nul": sandwich("late_nul", '{"id": "late_nul-bad", "text": "Raw \x00 NUL byte"}\n'),
        "dates": sandwich("dates", line("dates-word", published="yesterday")
                          + line("dates-unreal", published="2022-02-30")),
        "html": sandwich("html", line("html-bad", HTML_PAGE)),
        "controls": sandwich("controls", line("controls-bad", CONTROLLED)),
        "runon": sandwich("runon", line("runon-bad", "troops shelled the town and " * 7200)),
        "noise_null": sandwich("noise_null", '{"id": "noise_null-bad", "text": null}\n'),
        "noise_column": sandwich("noise_column", '{"id": "noise_column-bad", "text": "unterminated\n'),
    }
    paths = {}
    for name, content in files.items():
        paths[name] = folder / f"{name}.jsonl"
        paths[name].write_text(content, encoding="utf-8")
    paths["utf16"] = folder / "utf16.jsonl"
    paths["utf16"].write_bytes((line("utf16-a") + line("utf16-b", OTHER)).encode("utf-16"))
    paths["utf8_bom"] = folder / "utf8_bom.jsonl"
    paths["utf8_bom"].write_bytes(b"\xef\xbb\xbf" + (line("utf8_bom-a") + line("utf8_bom-b", OTHER)).encode())
    paths["gz"] = folder / "dump.jsonl.gz"
    paths["gz"].write_bytes(gzip.compress((line("gz-a") + line("gz-b", OTHER)).encode()))
    paths["array"] = folder / "dump.json"
    paths["array"].write_text(json.dumps([json.loads(line("array-a")), json.loads(line("array-b", OTHER))],
                                         indent=2), encoding="utf-8")
    paths["random"] = folder / "random.jsonl"
    paths["random"].write_bytes(random.Random(14).randbytes(100_000))
    paths["csv_as_jsonl"] = folder / "csv_as_jsonl.jsonl"
    paths["csv_as_jsonl"].write_text("id,text\n" + "".join(f"{i},Some text {i}\n" for i in range(300)))
    (folder / "empty_dir").mkdir()
    paths["empty_dir"] = folder / "empty_dir"
    (folder / "unsupported_dir").mkdir()
    (folder / "unsupported_dir" / "feed.xml").write_text("<x/>")
    (folder / "unsupported_dir" / "README").write_text("notes")
    paths["unsupported_dir"] = folder / "unsupported_dir"
    paths["missing"] = folder / "no[/]such.jsonl"
    return paths


@pytest.fixture(scope="module")
def probes(tmp_path_factory):
    folder = tmp_path_factory.mktemp("probes")
    paths = write_probes(folder)
    args = [str(p) for p in paths.values()]
    coded = subprocess.run([str(EXE), "code", *args], capture_output=True, text=True, cwd=folder)
    db = folder / "store.duckdb"
    ingested = subprocess.run([str(EXE), "ingest", *args, "--db", str(db)], capture_output=True, text=True,
                              cwd=folder)
    events = [json.loads(r) for r in coded.stdout.splitlines() if r.strip()]
    return {"paths": paths, "code": coded, "ingest": ingested, "events": events, "db": db}


def lines_about(probes, name: str) -> list[str]:
    """stderr lines of the `code` run that name this probe's file."""
    path = str(probes["paths"][name])
    return [ln for ln in probes["code"].stderr.splitlines() if path in ln]


def coded_ids(probes) -> set[str]:
    return {e["doc_id"] for e in probes["events"]}


def assert_sandwich_survives(probes, name: str) -> None:
    assert {f"{name}-before", f"{name}-after"} <= coded_ids(probes), probes["code"].stderr


def test_the_runs_report_and_exit_1_without_a_traceback(probes):
    for run in (probes["code"], probes["ingest"]):
        assert run.returncode == 1, run.stderr
        assert "Traceback" not in run.stderr
        assert "bad record(s) skipped" in run.stderr.splitlines()[-1]
        assert "input(s) could not be read" in run.stderr.splitlines()[-1]


def test_every_good_record_reaches_the_store(probes):
    with duckdb.connect(str(probes["db"]), read_only=True) as con:
        stored = {r[0] for r in con.execute("SELECT doc_id FROM articles").fetchall()}
    assert coded_ids(probes) <= stored  # every article with events, and those without (the run-on's)
    assert "runon-bad" in stored and "nested-before" in stored
    assert {"surrogate-bad", "controls-bad", "html-bad", "dates-word", "gz-a", "array-b", "utf16-a",
            "utf8_bom-a", "late_nul-before", "late_nul-after"} <= stored


def test_1_lone_surrogate_is_replaced_and_the_record_coded(probes):
    [warning] = lines_about(probes, "surrogate")
    assert "surrogate.jsonl:2" in warning and "surrogate" in warning and warning.startswith("warning")
    assert_sandwich_survives(probes, "surrogate")
    bad = [e for e in probes["events"] if e["doc_id"] == "surrogate-bad"]
    assert bad and all("\ufffd" in e["text"] for e in bad)


def test_2_deep_nesting_costs_one_line(probes):
    [error] = lines_about(probes, "nested")
    assert "nested.jsonl:2" in error and "nested too deeply" in error
    assert_sandwich_survives(probes, "nested")


def test_3_markup_in_values_and_names_is_printed_as_it_is(probes):
    [warning] = lines_about(probes, "markup")
    assert "'[/]'" in warning and "markup.jsonl:2" in warning
    assert_sandwich_survives(probes, "markup")
    assert "markup-bad" in coded_ids(probes)
    assert f"{probes['paths']['missing']}: no such file or folder" in probes["code"].stderr


def test_5_nul_utf16_and_bom(probes):
    [error] = lines_about(probes, "late_nul")
    assert "late_nul.jsonl:2" in error
    assert_sandwich_survives(probes, "late_nul")
    assert not lines_about(probes, "utf16") and not lines_about(probes, "utf8_bom")
    assert {"utf16-a", "utf16-b", "utf8_bom-a", "utf8_bom-b"} <= coded_ids(probes)


def test_6_unreadable_published_is_a_warning_and_the_record_is_coded_undated(probes):
    warnings = lines_about(probes, "dates")
    assert len(warnings) == 2 and all(w.startswith("warning") and "no date" in w for w in warnings)
    assert "'yesterday'" in warnings[0] and "'2022-02-30'" in warnings[1]
    undated = [e for e in probes["events"] if e["doc_id"] in ("dates-word", "dates-unreal")]
    assert {e["doc_id"] for e in undated} == {"dates-word", "dates-unreal"}
    assert all(e["date"] is None for e in undated)
    assert_sandwich_survives(probes, "dates")


def test_7_folders_say_what_they_skipped_and_archives_are_read(probes):
    [empty] = lines_about(probes, "empty_dir")
    assert empty.startswith("error") and "nothing to read" in empty
    [unsupported] = lines_about(probes, "unsupported_dir")
    assert "1 .xml" in unsupported and "1 no extension" in unsupported
    assert {"gz-a", "gz-b", "array-a", "array-b"} <= coded_ids(probes)


def test_7_an_empty_folder_alone_exits_nonzero(tmp_path):
    run = subprocess.run([str(EXE), "code", str(tmp_path)], capture_output=True, text=True)
    assert run.returncode == 1 and "nothing to read" in run.stderr and "Traceback" not in run.stderr


def test_8_html_in_text_is_extracted_and_scripts_never_coded(probes):
    [warning] = lines_about(probes, "html")
    assert "holds HTML" in warning
    bad = [e for e in probes["events"] if e["doc_id"] == "html-bad"]
    assert {e["cameo"][:2] for e in bad} >= {"19", "17"}
    for event in bad:
        record = json.dumps(event)
        assert "<" not in record and "script" not in record and "color" not in record


def test_9_control_characters_become_spaces_and_offsets_still_point_at_the_original(probes):
    [warning] = lines_about(probes, "controls")
    assert "control character" in warning and "offsets unchanged" in warning
    controlled = [e for e in probes["events"] if e["doc_id"] == "controls-bad"]
    clean = [e for e in probes["events"] if e["doc_id"] == "controls-before"]
    assert [(e["cameo"], e["source"][0]["country"]) for e in controlled] == \
           [(e["cameo"], e["source"][0]["country"]) for e in clean]
    for event in controlled:
        start, end = event["span"]
        original = CONTROLLED[start:end]
        assert len(original) == len(event["text"]) and original.startswith("Russian")
    assert "\x1b" not in probes["code"].stdout and "\x1b" not in probes["code"].stderr  # item 21


def test_10_a_run_on_stretch_is_not_parsed_and_is_reported(probes):
    [warning] = lines_about(probes, "runon")
    assert "no sentence break" in warning and "not coded" in warning
    assert "runon-bad" not in coded_ids(probes)
    assert_sandwich_survives(probes, "runon")


def test_noise_a_file_that_is_not_jsonl_is_one_message(probes):
    [random_bytes] = lines_about(probes, "random")
    assert "not JSONL" in random_bytes
    [csv_lines] = lines_about(probes, "csv_as_jsonl")
    assert "does not look like JSONL" in csv_lines and "the rest of the file is skipped" in csv_lines


def test_noise_messages_read_well(probes):
    [null] = lines_about(probes, "noise_null")
    assert "field 'text' is null" in null and "missing" not in null
    [column] = lines_about(probes, "noise_column")
    column_of_quote = '{"id": "noise_column-bad", "text": "unterminated'.index('"unterminated') + 1
    assert "at at" not in column
    assert f"Unterminated string starting at column {column_of_quote}" in column


def test_4_an_unwritable_output_fails_before_the_model_loads(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(line("x"), encoding="utf-8")
    env = {**os.environ, "EVENTWIRE_MODEL": "no_such_model_so_loading_it_would_fail"}
    run = subprocess.run([str(EXE), "code", str(src), "-o", str(tmp_path / "missing_dir" / "out.jsonl")],
                         capture_output=True, text=True, env=env)
    assert run.returncode == 2, run.stderr
    assert "cannot write" in run.stderr and "No such file or directory" in run.stderr
    assert "Traceback" not in run.stderr and "no_such_model" not in run.stderr


def test_bad_published_option_is_a_usage_error(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(line("x"), encoding="utf-8")
    run = subprocess.run([str(EXE), "code", str(src), "--published", "yesterday"], capture_output=True, text=True)
    assert run.returncode == 2 and "yesterday" in run.stderr and "Traceback" not in run.stderr


def test_version():
    run = subprocess.run([str(EXE), "--version"], capture_output=True, text=True)
    from importlib.metadata import version

    assert run.returncode == 0 and run.stdout.strip() == f"eventwire {version('eventwire')}"


def test_20_events_options_give_clear_errors_or_the_right_rows(probes):
    db = str(probes["db"])

    def events(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(EXE), "events", "--db", db, *args], capture_output=True, text=True)

    for args, word in ((["--since", "yesterday"], "YYYY-MM-DD"), (["--limit", "-1"], "--limit"),
                       (["--format", "csv"], "eventwire export"), (["--status", "occurred,bogus"], "bogus")):
        run = events(*args)
        assert run.returncode == 2 and word in run.stderr and "Traceback" not in run.stderr, (args, run.stderr)
    both = events("--status", "occurred,negated")
    assert both.returncode == 0
    statuses = [json.loads(r)["status"] for r in both.stdout.splitlines()]
    assert statuses and set(statuses) <= {"occurred", "negated"}
    assert len(statuses) == len(events("--status", "occurred").stdout.splitlines()) + \
        len(events("--status", "negated").stdout.splitlines())
    table = events("--format", "table", "--limit", "3")
    assert table.returncode == 0 and "Traceback" not in table.stderr


def test_21_table_output_shows_input_values_literally(tmp_path):
    src = tmp_path / "ids.jsonl"
    src.write_text(line("[bold]x[/]\x1b[31m"), encoding="utf-8")
    run = subprocess.run([str(EXE), "code", str(src), "--format", "table"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "[bold]x[/]\\x1b[31m" in run.stdout and "\x1b" not in run.stdout
