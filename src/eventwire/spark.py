"""The Spark engine: the same per-document coder (`Pipeline.code`) in `mapPartitions`, for corpora that
outgrow one machine. Needs the optional extra: `pip install eventwire[spark]`.

Inputs are JSONL files (split by Spark into line ranges) and WARC / WARC.gz files (one task per file).
Each partition loads the spaCy pipeline once (cached per Python worker), codes its articles and returns
event rows; the output folder gets `events/` as Parquet partitioned by event month (`month=YYYY-MM`,
`month=unknown` for undated events), `articles/` as Parquet, and `problems/` as JSON lines naming bad records.
"""

from __future__ import annotations

import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .ingest import Problem, ReadOptions, iter_files
from .ingest.records import BadRecord, article_from_mapping
from .model import Article, Event
from .store import event_row

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
WARC_SUFFIXES = (".warc", ".warc.gz")
INT_COLUMNS = ("span_start", "span_end", "quad_class", "dead", "injured", "size")
FLOAT_COLUMNS = ("goldstein", "lat", "lon", "confidence")
BOOL_COLUMNS = ("reciprocal",)


def split_inputs(inputs: Iterable[str]) -> tuple[list[str], list[str], list[str]]:
    """(JSONL paths, WARC paths, unreadable) — local folders are expanded, URIs (hdfs://, s3a://) kept."""
    jsonl, warc, other = [], [], []
    for raw in inputs:
        paths = [raw] if "://" in raw else [str(p) for p in iter_files(Path(raw))] if Path(raw).exists() else [raw]
        for path in paths:
            name = path.lower()
            if name.endswith(WARC_SUFFIXES):
                warc.append(path)
            elif name.endswith(JSONL_SUFFIXES):
                jsonl.append(path)
            else:
                other.append(path)
    return jsonl, warc, other


def jsonl_items(path: str, numbered_lines: Iterable[tuple[str, int]], published: str | None,
                max_chars: int) -> Iterator[Article | Problem]:
    """Articles from (line, index) pairs of one JSONL file, validated as the local reader does."""
    for line, index in numbered_lines:
        if not line.strip():
            continue
        number = index + 1
        origin = f"{path}:{number}"
        try:
            yield article_from_mapping(json.loads(line), origin, default_id=f"{Path(path).stem}-{number}",
                                       published=published, max_chars=max_chars)
        except json.JSONDecodeError as err:
            yield Problem(origin, f"invalid JSON: {err.msg} at column {err.colno}")
        except BadRecord as err:
            yield Problem(origin, str(err))


def warc_items(path: str, data: bytes, published: str | None, max_chars: int) -> Iterator[Article | Problem]:
    from .ingest.warc import read_warc_stream

    yield from read_warc_stream(io.BytesIO(data), path, ReadOptions(published, max_chars))


def code_partition(items: Iterator[Article | Problem], model: str | None) -> Iterator[tuple[str, dict[str, Any]]]:
    """("event", row), ("article", row) and ("problem", row) tuples for one partition of read records;
    the model loads once per Python worker."""
    from .api import default_pipeline

    pipeline = default_pipeline(model)
    problems: list[Problem] = []

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Problem):
                problems.append(item)
            else:
                yield item

    for article, events in pipeline.code(articles(), n_process=1):
        for event in events:
            row = event_row(article, event)
            row["month"] = event_month(row["date"] or article.published)
            yield "event", row
        yield "article", {"doc_hash": article.doc_hash, "doc_id": article.id, "title": article.title,
                          "published": article.published, "source": article.source, "url": article.url,
                          "n_events": len(events)}
    for problem in problems:
        yield "problem", {"origin": problem.origin, "reason": problem.reason, "severity": problem.severity}


def tally(part: Iterator[tuple[str, dict[str, Any]]]) -> Iterator[dict[str, Any]]:
    """Counts of one coded partition and its problems as JSON lines (problems are few; articles are not)."""
    counts: dict[str, Any] = {"article": 0, "event": 0, "problems": []}
    for kind, row in part:
        if kind == "problem":
            counts["problems"].append(json.dumps(row, ensure_ascii=False))
        else:
            counts[kind] += 1
    yield counts


def event_month(date: str | None) -> str:
    return date[:7] if date and len(date) >= 7 else "unknown"


def spark_type(column: str):
    from pyspark.sql import types as T

    if column in INT_COLUMNS or column == "n_events":
        return T.IntegerType()
    if column in FLOAT_COLUMNS:
        return T.DoubleType()
    if column in BOOL_COLUMNS:
        return T.BooleanType()
    return T.StringType()


def schema_of(columns: list[str]):
    from pyspark.sql import types as T

    return T.StructType([T.StructField(c, spark_type(c), True) for c in columns])


EVENT_COLUMNS = list(event_row(Article(id="x", text="x"),
                               Event(doc_id="x", text="x", span=(0, 1), trigger="x", cameo="010"))) + ["month"]
ARTICLE_COLUMNS = ["doc_hash", "doc_id", "title", "published", "source", "url", "n_events"]


def session(master: str | None = None, app_name: str = "eventwire"):
    """A SparkSession; on a local master the executors use this very Python (and its spaCy model)."""
    from pyspark.sql import SparkSession

    if master is None or master.startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def read_items(spark, inputs: Iterable[str], published: str | None, max_chars: int, partitions: int | None):
    """An RDD of Articles and Problems from the JSONL and WARC inputs."""
    sc = spark.sparkContext
    jsonl, warc, other = split_inputs(inputs)
    slices = partitions or max(2, sc.defaultParallelism * 4)  # split the input itself: no shuffle needed
    rdds = [sc.parallelize([Problem(p, "the Spark engine reads JSONL and WARC files only")], 1) for p in other]
    for path in jsonl:
        lines = sc.textFile(path, minPartitions=slices).zipWithIndex()
        rdds.append(lines.mapPartitions(lambda part, p=path: jsonl_items(p, part, published, max_chars)))
    if warc:
        files = sc.binaryFiles(",".join(warc), minPartitions=slices)
        rdds.append(files.flatMap(lambda pair: warc_items(_local_name(pair[0]), pair[1], published, max_chars)))
    if not rdds:
        return sc.emptyRDD()
    return sc.union(rdds) if len(rdds) > 1 else rdds[0]


def _local_name(uri: str) -> str:
    return uri.removeprefix("file:")


def run(inputs: list[str], output: str, master: str | None = None, model: str | None = None,
        published: str | None = None, partitions: int | None = None,
        max_doc_chars: int = 2_000_000) -> dict[str, int]:
    """Code the inputs on Spark and write Parquet under `output`; returns counts."""
    from pyspark import StorageLevel

    spark = session(master)
    try:
        items = read_items(spark, inputs, published, max_doc_chars, partitions)
        coded = items.mapPartitions(lambda part: code_partition(part, model))
        coded.persist(StorageLevel.MEMORY_AND_DISK)  # read three times (events, articles, problems), coded once
        events = coded.filter(lambda kv: kv[0] == "event").map(lambda kv: [kv[1][c] for c in EVENT_COLUMNS])
        docs = coded.filter(lambda kv: kv[0] == "article").map(lambda kv: [kv[1][c] for c in ARTICLE_COLUMNS])
        out = output.rstrip("/")
        spark.createDataFrame(events, schema_of(EVENT_COLUMNS)).write.mode("overwrite") \
            .partitionBy("month").parquet(f"{out}/events")
        spark.createDataFrame(docs, schema_of(ARTICLE_COLUMNS)).write.mode("overwrite").parquet(f"{out}/articles")
        tallies = coded.mapPartitions(tally).collect()
        problems = [p for t in tallies for p in t["problems"]]
        write_problems(out, problems)
        counts = {"articles": sum(t["article"] for t in tallies), "events": sum(t["event"] for t in tallies),
                  "problems": sum('"severity": "error"' in p for p in problems)}
        coded.unpersist()
        return counts
    finally:
        if master is None or master.startswith("local"):
            spark.stop()


def write_problems(out: str, problems: list[str]) -> None:
    """Bad records are few: the driver writes them in one file beside the Parquet (local output folders)."""
    if "://" in out and not out.startswith("file://"):
        return
    folder = Path(out.removeprefix("file://")) / "problems"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "problems.jsonl").write_text("".join(p + "\n" for p in problems), encoding="utf-8")
