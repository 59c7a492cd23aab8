"""Bad input gets a clear error naming the record and the problem; the good records go through."""

import io
import json

from eventwire.ingest import Problem, read_inputs
from eventwire.model import Article


def split(items):
    articles = [i for i in items if isinstance(i, Article)]
    problems = [i for i in items if isinstance(i, Problem)]
    return articles, problems


def write_jsonl(path, lines):
    path.write_bytes(b"".join(lines))
    return path


def test_jsonl_good_and_bad_lines(tmp_path):
    good = json.dumps({"id": "a1", "text": "Troops crossed the border.", "published": "2022-02-24"}).encode()
    path = write_jsonl(tmp_path / "in.jsonl", [good + b"\n", b"{not json\n", b'{"id": "x"}\n',
                                                 b'{"id": "y", "text": "Bad \xff byte"}\n', good + b"\n"])
    articles, problems = split(list(read_inputs([str(path)])))
    assert [a.id for a in articles] == ["a1", "a1"]
    assert articles[0].published == "2022-02-24"
    reasons = {p.origin: p.reason for p in problems}
    assert "invalid JSON" in reasons[f"{path}:2"]
    assert "missing field 'text'" in reasons[f"{path}:3"]
    assert "UTF-8" in reasons[f"{path}:4"]


def test_binary_and_empty_files(tmp_path):
    binary = tmp_path / "blob.jsonl"
    binary.write_bytes(b"\x89PNG\x00\x00\x01\x02" * 50)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    articles, problems = split(list(read_inputs([str(binary), str(empty)])))
    assert not articles
    assert any(p.origin == str(binary) and "binary" in p.reason for p in problems)
    assert any(p.origin == str(empty) and "empty" in p.reason for p in problems)


def test_oversized_document_is_refused_and_the_rest_go_on(tmp_path):
    big = json.dumps({"id": "big", "text": "word " * 4_000_000})  # 20 MB
    small = json.dumps({"id": "small", "text": "Police arrested protesters."})
    path = tmp_path / "mixed.jsonl"
    path.write_text(big + "\n" + small + "\n", encoding="utf-8")
    articles, problems = split(list(read_inputs([str(path)])))
    assert [a.id for a in articles] == ["small"]
    assert problems[0].origin == f"{path}:1" and "over the limit" in problems[0].reason


def test_text_folder_with_published_date_and_cp1252_fallback(tmp_path):
    (tmp_path / "one.txt").write_text("Ministers met in Geneva on Monday.", encoding="utf-8")
    (tmp_path / "two.txt").write_bytes("Talks \u2013 caf\xe9 diplomacy resumed.".encode("cp1252"))
    articles, problems = split(list(read_inputs([str(tmp_path)], published="2022-01-10")))
    assert sorted(a.id for a in articles) == ["one", "two"]
    assert all(a.published == "2022-01-10" for a in articles)
    two = next(a for a in articles if a.id == "two")
    assert "café" in two.text
    assert [p.severity for p in problems] == ["warning"]


def test_stdin_and_missing_path():
    stream = io.BytesIO(b'{"id": "s1", "text": "Leaders spoke by phone."}\n')
    articles, problems = split(list(read_inputs(["-", "/no/such/file.jsonl"], stdin=stream)))
    assert [a.id for a in articles] == ["s1"]
    assert problems[0].origin == "/no/such/file.jsonl"


def test_bad_published_date_names_the_record(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text(json.dumps({"id": "d", "text": "x y", "published": "2022-13-45"}) + "\n", encoding="utf-8")
    _, problems = split(list(read_inputs([str(path)])))
    assert problems and "not a real date" in problems[0].reason


def test_doc_hash_depends_on_text_and_source():
    a = Article(id="1", text="same", source="x")
    assert a.doc_hash == Article(id="2", text="same", source="x").doc_hash
    assert a.doc_hash != Article(id="1", text="same", source="y").doc_hash


def test_compact_dates_are_read():
    from eventwire.ingest.records import normalise_date

    assert normalise_date("20220105") == "2022-01-05"
    assert normalise_date("081106") == "2008-11-06"
    assert normalise_date("2022-01-05T10:00:00Z") == "2022-01-05"
