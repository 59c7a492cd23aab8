"""The Spark engine: the same per-document coder (`Pipeline.code`) in `mapPartitions`, for corpora that
outgrow one machine. Needs the optional extra: `pip install eventwire[spark]`.

Inputs are JSONL files (split by Spark into line ranges) and WARC / WARC.gz files (one task per file).
Each partition loads the spaCy pipeline once (cached per Python worker), codes its articles and writes its
own Parquet files with pyarrow: `events/` partitioned by event month (`month=YYYY-MM`, `month=unknown` for
undated events) and `articles/`; the driver writes `problems/` as JSON lines naming bad records."""

from __future__ import annotations

import io
import json
import os
import re
import sys
import time
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .ingest import Problem, ReadOptions, iter_files
from .ingest.clean import clean_items
from .ingest.jsonl import line_items
from .model import Article, Event
from .store import event_row

JSONL_SUFFIXES = (".jsonl", ".ndjson", ".json")
WARC_SUFFIXES = (".warc", ".warc.gz")
INT_COLUMNS = ("span_start", "span_end", "quad_class", "dead", "injured", "size")
FLOAT_COLUMNS = ("goldstein", "lat", "lon", "confidence", "relevance")
BOOL_COLUMNS = ("reciprocal", "counted")


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
    """Articles from (line, index) pairs of one JSONL file, read and cleaned as the local reader does."""
    options = ReadOptions(published, max_chars)

    def items() -> Iterator[Article | Problem]:
        for line, index in numbered_lines:
            if line.strip():
                number = index + 1
                yield from line_items(line, f"{path}:{number}", f"{Path(path).stem}-{number}", options)

    yield from clean_items(items(), options.max_sentence_chars)


def warc_items(path: str, data: bytes, published: str | None, max_chars: int) -> Iterator[Article | Problem]:
    from .ingest.warc import read_warc_stream

    options = ReadOptions(published, max_chars)
    yield from clean_items(read_warc_stream(io.BytesIO(data), path, options), options.max_sentence_chars)


def code_partition(items: Iterator[Article | Problem], model: str | None) -> Iterator[tuple[str, dict[str, Any]]]:
    """("event", row), ("article", row) and ("problem", row) tuples for one partition of read records;
    the model loads once per Python worker. What articles teach about people is used for the later ones of
    the partition only (a `RunLearning` of its own, dropped at the end): the pipeline a Python worker
    keeps is never taught, so a partition is coded the same whichever tasks its worker ran before."""
    from .api import default_pipeline
    from .learning import RunLearning

    pipeline = default_pipeline(model)
    problems: list[Problem] = []

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, Problem):
                problems.append(item)
            else:
                yield item

    for article, events in pipeline.code(articles(), n_process=1, learning=RunLearning(pipeline.resolver)):
        for event in events:
            row = event_row(article, event)
            row["month"] = event_month(row["date"] or article.published)
            yield "event", row
        yield "article", {"doc_hash": article.doc_hash, "doc_id": article.id, "title": article.title,
                          "published": article.published, "source": article.source, "url": article.url,
                          "n_events": len(events), "relevance": article.relevance}
    for problem in problems:
        yield "problem", {"origin": problem.origin, "reason": problem.reason, "severity": problem.severity}


def event_month(date: str | None) -> str:
    return date[:7] if date and len(date) >= 7 else "unknown"


def arrow_type(column: str):
    import pyarrow as pa

    if column in INT_COLUMNS or column == "n_events":
        return pa.int32()
    if column in FLOAT_COLUMNS:
        return pa.float64()
    if column in BOOL_COLUMNS:
        return pa.bool_()
    return pa.string()


def arrow_schema(columns: list[str]):
    """A fixed schema, so every part file agrees even where a partition has only nulls in a column."""
    import pyarrow as pa

    return pa.schema([pa.field(c, arrow_type(c)) for c in columns])


EVENT_COLUMNS = list(event_row(Article(id="x", text="x"),
                               Event(doc_id="x", text="x", span=(0, 1), trigger="x", cameo="010")))
ARTICLE_COLUMNS = ["doc_hash", "doc_id", "title", "published", "source", "url", "n_events", "relevance"]
OUTPUT_FOLDERS = ("events", "articles", "problems")


LOOPBACK = "127.0.0.1"


def effective_master(master: str | None) -> str:
    """The master a session will use: the one given, else spark-submit's or spark-defaults' `spark.master`
    (read from the JVM, which this starts if need be), else PySpark's own default, `local[*]`."""
    if master:
        return master
    from pyspark import SparkConf, SparkContext

    SparkContext._ensure_initialized()  # the JVM gateway: spark-submit's, or launched now
    return SparkConf().get("spark.master", None) or "local[*]"


def session(master: str | None = None, app_name: str = "eventwire", ui: bool = False):
    """A SparkSession; on a local master the executors use this very Python (and its spaCy model).

    A local master is one process serving only this run, so nothing of it listens beyond this machine: the
    driver and its block manager bind to the loopback address, and the web UI (which has no authentication)
    is off unless `ui` asks for it, then also on the loopback address."""
    from pyspark.sql import SparkSession

    if ui and (master or "local").startswith("local") and "PYSPARK_GATEWAY_PORT" not in os.environ:
        os.environ.setdefault("SPARK_LOCAL_IP", LOOPBACK)  # the UI's bind address, read as the JVM starts
    builder = SparkSession.builder.appName(app_name).config("spark.ui.showConsoleProgress", "false")
    if effective_master(master).startswith("local"):
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
        builder = (builder.config("spark.driver.bindAddress", LOOPBACK).config("spark.driver.host", LOOPBACK)
                   .config("spark.ui.enabled", "true" if ui else "false"))
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


def output_uri(spark, output: str) -> str:
    """The output as a URI every executor can open with pyarrow: bare paths resolve against Spark's
    default filesystem (the local disk in local mode, HDFS on most clusters); s3a:// is S3 to pyarrow."""
    if "://" in output:
        return re.sub(r"^s3[an]://", "s3://", output.rstrip("/"))
    default_fs = spark.sparkContext._jsc.hadoopConfiguration().get("fs.defaultFS") or "file:///"
    if default_fs.startswith("file:"):
        return Path(output).resolve().as_uri()
    if not output.startswith("/"):
        raise ValueError(f"output {output!r}: give an absolute path or a URI on a cluster ({default_fs})")
    return default_fs.rstrip("/") + output


def open_output(uri: str):
    """(pyarrow filesystem, root path) for an output URI."""
    from pyarrow import fs

    return fs.FileSystem.from_uri(uri)


def write_part(filesystem, folder: str, name: str, rows: list[dict[str, Any]], columns: list[str]) -> None:
    """One Parquet file, written under a hidden name and then moved into place, so that readers never see
    half a file and a retried task replaces its own earlier attempt."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist([{c: row.get(c) for c in columns} for row in rows], schema=arrow_schema(columns))
    filesystem.create_dir(folder, recursive=True)
    hidden = f"{folder}/.{name}.{uuid.uuid4().hex}.tmp"
    pq.write_table(table, hidden, filesystem=filesystem)
    filesystem.move(hidden, f"{folder}/{name}")


def code_and_write(index: int, items: Iterator[Article | Problem], model: str | None,
                   uri: str) -> Iterator[dict[str, Any]]:
    """Code one partition and write its Parquet files from this Python worker: the rows never cross into
    the JVM, which on a small machine competes with the coders for the same cores. Yields the counts, and
    the task's timing (model loading apart) for `bench/throughput.py`."""
    from .api import default_pipeline

    started = time.perf_counter()
    default_pipeline(model)  # loaded once per Python worker, then reused by its later tasks
    loaded = time.perf_counter()
    filesystem, root = open_output(uri)
    by_month: dict[str, list[dict[str, Any]]] = {}
    articles: list[dict[str, Any]] = []
    problems: list[dict[str, Any]] = []
    for kind, row in code_partition(items, model):
        if kind == "event":
            by_month.setdefault(row.pop("month"), []).append(row)
        else:
            (articles if kind == "article" else problems).append(row)
    name = f"part-{index:05d}.parquet"
    for month, rows in sorted(by_month.items()):
        write_part(filesystem, f"{root}/events/month={month}", name, rows, EVENT_COLUMNS)
    if articles:
        write_part(filesystem, f"{root}/articles", name, articles, ARTICLE_COLUMNS)
    yield {"articles": len(articles), "events": sum(map(len, by_month.values())), "problems": problems,
           "task": {"worker": os.getpid(), "load_seconds": loaded - started,
                    "seconds": time.perf_counter() - started}}


def clear_output(uri: str) -> None:
    """Overwrite semantics: drop what an earlier run left in our folders (and its `_SUCCESS`, so a run that
    then fails does not look finished), and nothing else."""
    from pyarrow import fs

    filesystem, root = open_output(uri)
    if filesystem.get_file_info(f"{root}/_SUCCESS").type != fs.FileType.NotFound:
        filesystem.delete_file(f"{root}/_SUCCESS")
    for folder in OUTPUT_FOLDERS:
        if filesystem.get_file_info(f"{root}/{folder}").type != fs.FileType.NotFound:
            filesystem.delete_dir(f"{root}/{folder}")
        filesystem.create_dir(f"{root}/{folder}", recursive=True)


def run(inputs: list[str], output: str, master: str | None = None, model: str | None = None,
        published: str | None = None, partitions: int | None = None,
        max_doc_chars: int = 2_000_000, ui: bool = False) -> dict[str, int]:
    """Code the inputs on Spark and write Parquet under `output`; returns counts.

    Spark reads and distributes the inputs, schedules and retries; each task codes its partition and writes
    its own files (`part-NNNNN.parquet`, named by partition so a retry overwrites them). `_SUCCESS` marks a
    finished run."""
    spark = session(master, ui=ui)
    try:
        uri = output_uri(spark, output)
        clear_output(uri)
        items = read_items(spark, inputs, published, max_doc_chars, partitions)
        tallies = items.mapPartitionsWithIndex(lambda index, part: code_and_write(index, part, model, uri)).collect()
        problems = [p for t in tallies for p in t["problems"]]
        write_problems(uri, problems)
        mark_finished(uri)
        return {"articles": sum(t["articles"] for t in tallies), "events": sum(t["events"] for t in tallies),
                "problems": sum(p["severity"] == "error" for p in problems), "tasks": [t["task"] for t in tallies]}
    finally:
        if master is None or master.startswith("local"):
            spark.stop()


def write_problems(uri: str, problems: list[dict[str, Any]]) -> None:
    """Bad records are few: the driver writes them in one JSON-lines file."""
    filesystem, root = open_output(uri)
    with filesystem.open_output_stream(f"{root}/problems/problems.jsonl") as out:
        out.write("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in problems).encode("utf-8"))


def mark_finished(uri: str) -> None:
    """An empty `_SUCCESS`, as Spark's own writers leave: schedulers wait for it before reading."""
    filesystem, root = open_output(uri)
    with filesystem.open_output_stream(f"{root}/_SUCCESS"):
        pass
