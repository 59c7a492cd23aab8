"""The `eventwire spark` and `eventwire clusters` commands (registered on the main CLI app)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import typer
from rich.table import Table

from .cli import DB_OPTION, app, err, out, require_db
from .store import Store


@app.command()
def spark(inputs: list[str] = typer.Argument(..., help="JSONL and WARC/WARC.gz files or folders (or hdfs://, "
                                                       "s3a:// URIs)."),
          output: str = typer.Option(..., "--output", "-o", help="Folder for the Parquet output."),
          master: str | None = typer.Option(None, help="Spark master, e.g. local[2]; default: spark-submit's."),
          partitions: int | None = typer.Option(None, help="Partitions to code in (default: 4 per core)."),
          model: str | None = typer.Option(None, help="spaCy pipeline to use (default: best installed)."),
          published: str | None = typer.Option(None, help="Publication date for inputs that carry none."),
          ui: bool = typer.Option(False, "--ui", help="Serve Spark's web UI (local masters: on 127.0.0.1 only; "
                                                      "off by default, as it has no authentication)."),
          ) -> None:
    """Code documents on Apache Spark into Parquet partitioned by event month (needs the spark extra)."""
    try:
        from . import spark as engine
    except ImportError:
        err.print("[red]error[/]: PySpark is not installed; `pip install eventwire[spark]`")
        raise typer.Exit(2) from None
    counts = engine.run(inputs, output, master=master, model=model, published=published, partitions=partitions,
                        ui=ui)
    err.print(f"{counts['articles']} article(s), {counts['events']} event(s) written to {output}; "
              f"{counts['problems']} bad record(s) listed in {output}/problems")
    if counts["problems"]:
        raise typer.Exit(1)


@app.command()
def clusters(db: Path = DB_OPTION,
             since: str | None = typer.Option(None, help="Clusters still reported on or after this date."),
             until: str | None = typer.Option(None, help="Clusters first reported on or before this date."),
             min_articles: int = typer.Option(1, help="Only clusters told by at least this many articles."),
             limit: int | None = typer.Option(None, help="At most this many clusters."),
             fmt: str = typer.Option("jsonl", "--format", help="jsonl (with every mention) or table."),
             ) -> None:
    """Query events counted once across articles: clusters with their mentions, articles and sources."""
    from .cluster import cluster_records

    require_db(db)
    with Store(db, read_only=True) as store:
        rows = cluster_records(store.con, since, until, min_articles, limit)
    if fmt == "table":
        table = Table("first", "last", "cameo", "side A", "side B", "country", "mentions", "articles", "sources")
        for r in rows:
            table.add_row(r["first_date"] or "", r["last_date"] or "", r["cameo"], r["side_a"] or "",
                          r["side_b"] or "", r["country"] or "", str(r["num_mentions"]), str(r["num_articles"]),
                          str(r["num_sources"]))
        out.print(table)
        return
    for r in rows:
        sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
