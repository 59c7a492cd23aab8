"""Issue #14 at the reader level (no spaCy): the readers stream, cap what they read, agree on what is
binary, and mend what can be mended with a warning naming the record."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from test_ingest_formats import PAGE, warc_bytes

from eventwire.ingest import Problem, ReadOptions, read_inputs
from eventwire.ingest.clean import looks_like_html, normalise_controls, overlong_runs
from eventwire.ingest.warc import read_warc_stream
from eventwire.model import Article
from eventwire.nlp import split_units

TEXT = "Troops crossed the border at dawn."


def split(items) -> tuple[list[Article], list[Problem], list[Problem]]:
    items = list(items)
    articles = [i for i in items if isinstance(i, Article)]
    errors = [i for i in items if isinstance(i, Problem) and i.severity == "error"]
    warnings = [i for i in items if isinstance(i, Problem) and i.severity == "warning"]
    return articles, errors, warnings


def test_19_csv_bad_bytes_cost_only_their_row(tmp_path: Path):
    path = tmp_path / "wire.csv"
    path.write_bytes(b"id,text\na1," + TEXT.encode() + b"\na2,Bad \xff byte here.\na3," + TEXT.encode() + b"\n")
    articles, errors, _ = split(read_inputs([str(path)]))
    assert [a.id for a in articles] == ["a1", "a3"]
    assert [e.origin for e in errors] == [f"{path}:3"] and "UTF-8" in errors[0].reason


def test_19_csv_utf16_gzip_and_an_unclosed_quote(tmp_path: Path):
    (tmp_path / "u16.csv").write_bytes(f"id,text\nu1,{TEXT}\n".encode("utf-16"))
    (tmp_path / "z.csv.gz").write_bytes(gzip.compress(f"id,text\nz1,{TEXT}\n".encode()))
    (tmp_path / "quote.csv").write_text(f'id,text\nq1,{TEXT}\nq2,"never closed\nq3,{TEXT}\n', encoding="utf-8")
    articles, errors, _ = split(read_inputs([str(tmp_path / n) for n in ("u16.csv", "z.csv.gz", "quote.csv")],
                                            max_doc_chars=1000))
    assert [a.id for a in articles] == ["u1", "z1", "q1"]
    assert len(errors) == 1 and errors[0].scope == "input" and "rest of the file" in errors[0].reason


def test_19_html_warc_and_feed_reads_are_capped(tmp_path: Path):
    page = "<html><body><article><p>" + TEXT * 400 + "</p></article></body></html>"
    (tmp_path / "big.html").write_text(page, encoding="utf-8")
    (tmp_path / "big.rss").write_text("<rss><channel>" + "<item><description>x</description></item>" * 500
                                      + "</channel></rss>", encoding="utf-8")
    _, errors, _ = split(read_inputs([str(tmp_path / "big.html"), str(tmp_path / "big.rss")], max_doc_chars=1000))
    assert [e.origin for e in errors] == [str(tmp_path / "big.html"), str(tmp_path / "big.rss")]
    assert all("bytes" in e.reason for e in errors)

    small = PAGE.format(title="Talks", date="2023-05-01", body=TEXT).encode()
    data = warc_bytes([("http://x/big", "2023-05-02T10:00:00Z", page.encode() * 3, None),
                       ("http://x/small", "2023-05-02T10:00:00Z", small, None)])
    articles, errors, _ = split(read_warc_stream(io.BytesIO(data), "crawl.warc.gz", ReadOptions(max_doc_chars=1000)))
    assert [a.url for a in articles] == ["http://x/small"]
    assert len(errors) == 1 and "http://x/big" in errors[0].origin and "bytes" in errors[0].reason


def test_5_binary_means_mostly_control_bytes_not_one_nul(tmp_path: Path):
    (tmp_path / "stray.txt").write_bytes(b"Police arrested \x00 protesters in Minsk.")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "u16.txt").write_bytes(TEXT.encode("utf-16"))
    articles, errors, warnings = split(read_inputs([str(tmp_path)]))
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"stray", "u16"} and by_id["u16"].text == TEXT
    assert by_id["stray"].text == "Police arrested   protesters in Minsk."
    assert [e.origin for e in errors] == [str(tmp_path / "image.txt")] and "binary" in errors[0].reason
    assert [w.origin for w in warnings] == [str(tmp_path / "stray.txt")]


def test_7_json_arrays_stream_and_name_their_records(tmp_path: Path):
    records = [{"id": "j1", "text": TEXT}, {"id": "j2"}, {"id": "j3", "text": TEXT}]
    path = tmp_path / "dump.json"
    path.write_text(json.dumps(records, indent=1), encoding="utf-8")
    articles, errors, _ = split(read_inputs([str(path)]))
    assert [a.id for a in articles] == ["j1", "j3"]
    assert errors[0].origin == f"{path}:6" and "missing field 'text'" in errors[0].reason
    cut = tmp_path / "cut.json"
    cut.write_text(json.dumps(records)[:-30], encoding="utf-8")
    articles, errors, _ = split(read_inputs([str(cut)]))
    assert [a.id for a in articles] == ["j1"] and "rest of the file" in errors[-1].reason
    lines = tmp_path / "lines.json"  # JSON lines under a .json name are read as such
    lines.write_text("\n".join(json.dumps(r) for r in records[::2]), encoding="utf-8")
    assert [a.id for a in split(read_inputs([str(lines)]))[0]] == ["j1", "j3"]


def test_7_a_truncated_gzip_keeps_what_came_before(tmp_path: Path):
    body = "".join(json.dumps({"id": f"g{i}", "text": f"{TEXT} Number {i}."}) + "\n" for i in range(2000))
    data = gzip.compress(body.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    articles, errors, _ = split(read_inputs([str(path)]))
    assert articles and articles[0].id == "g0"
    assert len(errors) == 1 and "breaks off" in errors[0].reason


def test_7_gz_with_no_inner_type_is_sniffed(tmp_path: Path):
    (tmp_path / "dump.gz").write_bytes(gzip.compress(json.dumps([{"id": "a", "text": TEXT}]).encode()))
    (tmp_path / "lines.gz").write_bytes(gzip.compress((json.dumps({"id": "b", "text": TEXT}) + "\n").encode()))
    articles, errors, _ = split(read_inputs([str(tmp_path / "dump.gz"), str(tmp_path / "lines.gz")]))
    assert [a.id for a in articles] == ["a", "b"] and not errors


def test_7_a_folder_with_some_unsupported_files_warns_and_reads_the_rest(tmp_path: Path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "a", "text": TEXT}) + "\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / ".hidden.xml").write_text("x")
    articles, errors, warnings = split(read_inputs([str(tmp_path)]))
    assert [a.id for a in articles] == ["a"] and not errors
    assert len(warnings) == 1 and "1 .md" in warnings[0].reason and warnings[0].scope == "input"


def test_noise_a_missing_file_is_an_input_problem_not_a_record():
    [problem] = [i for i in read_inputs(["/no/such/file.jsonl"]) if isinstance(i, Problem)]
    assert problem.scope == "input" and problem.severity == "error"


def test_noise_bad_lines_after_good_ones_stop_the_file_with_one_message():
    good = json.dumps({"id": "ok", "text": TEXT}) + "\n"
    stream = io.BytesIO((good + "not json\n" * 3 + good + "garbage\n" * 200).encode())
    articles, errors, _ = split(read_inputs(["-"], stdin=stream))
    assert len(articles) == 2
    assert len(errors) == 4 and "does not look like JSONL" in errors[-1].reason and "<stdin>:6" in errors[-1].reason


def test_8_html_in_a_record_is_cleaned_like_an_html_file():
    page = ('<html><head><script>var target = "Kyiv";</script></head><body><p>' + TEXT + "</p></body></html>")
    stream = io.BytesIO((json.dumps({"id": "h", "text": page, "title": "<b>Border</b> crossed"}) + "\n").encode())
    [article] = [i for i in read_inputs(["-"], stdin=stream) if isinstance(i, Article)]
    assert article.text.strip() == TEXT and article.title == "Border crossed"
    assert not looks_like_html("Turnout was <5% in the north and >90% in the south.")


def test_9_controls_are_replaced_one_for_one():
    text = "A\x07B \x1b[1;31mred\x1b[0m\r\nC\rD\x93quoted\x94\u2028E"
    cleaned, found = normalise_controls(text)
    assert len(cleaned) == len(text)
    assert cleaned == "A B " + " " * 7 + "red" + " " * 4 + "\r\nC\nD“quoted”\nE"
    assert len(found) == 7


def test_10_overlong_runs_are_blanked_before_parsing_with_offsets_kept():
    text = "Troops crossed the border. " + "and then " * 300 + "\nPolice arrested protesters."
    runs = overlong_runs(text, 2000)
    assert runs == [(27, 27 + 2700)]
    units = split_units(text, max_sentence_chars=2000)
    assert [u.text for u in units] == ["Troops crossed the border.", "Police arrested protesters."]
    assert text[units[1].start:].startswith("Police")
    uncapped = split_units(text, max_sentence_chars=5000)
    assert len(uncapped) == 2 and "and then" in uncapped[0].text


def test_19_a_jsonl_line_longer_than_any_document_is_skipped_without_holding_it():
    data = (json.dumps({"id": "a", "text": TEXT}) + "\n" + "y" * 50_000 + "\n"
            + json.dumps({"id": "b", "text": TEXT})).encode()
    articles, errors, _ = split(read_inputs(["-"], stdin=io.BytesIO(data), max_doc_chars=1000))
    assert [a.id for a in articles] == ["a", "b"]
    assert [e.origin for e in errors] == ["<stdin>:2"] and "over the limit" in errors[0].reason


def test_a_warc_content_length_too_large_for_an_integer_is_a_broken_record():
    """Found by bench/fuzz.py (atheris): warcio raised OverflowError past the reader."""
    data = (b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x/a\r\nContent-Length: "
            + b"3" + b"4" * 45 + b"\r\nHTTP/1.2 200 OK\r\nContent-Type: text/html\r\n\r\n</body></html>\n\r\n")
    items = list(read_warc_stream(io.BytesIO(data), "x.warc", ReadOptions()))
    assert [(p.origin, p.scope) for p in items] == [("x.warc@0", "input")]
    assert "broken WARC record" in items[0].reason


def test_a_feed_that_breaks_feedparser_is_one_problem():
    """Found by bench/fuzz.py (atheris): feedparser raised KeyError('links') on this broken feed."""
    path = Path(__file__).parent / "data" / "feed_keyerror.rss"
    items = list(read_inputs([str(path)]))
    assert [(type(i).__name__, getattr(i, "scope", None)) for i in items] == [("Problem", "input")]
    assert "feed" in items[0].reason
