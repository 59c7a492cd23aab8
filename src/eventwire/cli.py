"""The `eventwire` command line: each command parses its flags and calls one API function."""

from __future__ import annotations

import json
import sys
from importlib import resources
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from . import analysis, api
from .ingest import Problem
from .store import Store

app = typer.Typer(help="Political event data from news text: who did what to whom, when and where.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True, soft_wrap=True)
out = Console()

DB_OPTION = typer.Option("eventwire.duckdb", "--db", help="DuckDB file of the event store.")


class ProblemReporter:
    """Prints each bad record on stderr as it is met and counts the errors."""

    def __init__(self) -> None:
        self.errors = 0

    def __call__(self, problem: Problem) -> None:
        if problem.severity == "error":
            self.errors += 1
        err.print(f"[{'red' if problem.severity == 'error' else 'yellow'}]{problem.severity}[/]: "
                  f"{problem}", highlight=False, markup=True)

    def finish(self) -> None:
        if self.errors:
            err.print(f"[red]{self.errors} bad record(s) skipped[/]")
            raise typer.Exit(1)


def progress_bar() -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TextColumn("{task.fields[rate]:.1f} articles/s"), TimeElapsedColumn(),
                    console=err, transient=False, disable=not err.is_terminal)


@app.command()
def code(inputs: list[str] = typer.Argument(..., help="JSONL/text files or folders; - reads JSONL from stdin."),
         published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs "
                                                            "that carry none."),
         fmt: str = typer.Option("jsonl", "--format", help="jsonl (event records) or table."),
         output: Path | None = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
         model: str | None = typer.Option(None, help="spaCy pipeline to use (default: best installed)."),
         ) -> None:
    """Code documents and print their event records. No database needed."""
    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be jsonl or table")
    reporter = ProblemReporter()
    pipeline = api.default_pipeline(model)
    sink = output.open("w", encoding="utf-8") if output else sys.stdout
    table = Table("doc", "status", "date", "source", "cameo", "plover", "target", "trigger")
    try:
        for _, events in api.code_inputs(inputs, published, pipeline, reporter):
            for event in events:
                if fmt == "jsonl":
                    sink.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                else:
                    table.add_row(event.doc_id, event.status, event.date or "",
                                  ", ".join(a.code for a in event.source), event.cameo, event.plover or "",
                                  ", ".join(a.code for a in event.target), event.trigger)
    finally:
        if output:
            sink.close()
    if fmt == "table":
        Console(file=sink if output else None).print(table)
    reporter.finish()


@app.command()
def ingest(inputs: list[str] = typer.Argument(..., help="JSONL/text files or folders; - reads stdin."),
           db: Path = DB_OPTION,
           published: str | None = typer.Option(None, help="Publication date for inputs that carry none."),
           processes: int = typer.Option(1, "--processes", "-j", help="spaCy worker processes."),
           ) -> None:
    """Code documents into the DuckDB store; articles already stored are skipped."""
    reporter = ProblemReporter()
    totals = run_ingest(inputs, db, published, reporter, processes)
    err.print(f"{totals['articles_added']} new article(s), {totals['events_added']} event(s) added to {db} "
              f"({totals['articles_seen'] - totals['articles_added']} already stored)")
    reporter.finish()


def run_ingest(inputs: list[str], db: Path, published: str | None, reporter: ProblemReporter,
               processes: int = 1) -> dict[str, int]:
    import time

    started = time.perf_counter()
    with progress_bar() as bar:
        task = bar.add_task("coding", total=None, rate=0.0)

        def advance(n: int, _added: int, _events: int) -> None:
            done = bar.tasks[0].completed + n
            bar.update(task, completed=done, rate=done / max(time.perf_counter() - started, 1e-9))

        return api.ingest(inputs, str(db), published, on_problem=reporter, on_batch=advance,
                          n_process=processes)


@app.command()
def events(db: Path = DB_OPTION,
           actor: str | None = typer.Option(None, help="Actor name, text or organisation code."),
           country: str | None = typer.Option(None, help="ISO3 country of a source or target."),
           cameo: str | None = typer.Option(None, help="CAMEO code prefix, e.g. 04 or 190."),
           plover: str | None = typer.Option(None, help="PLOVER event type, e.g. CONSULT."),
           since: str | None = typer.Option(None, help="Earliest event date (YYYY-MM-DD)."),
           until: str | None = typer.Option(None, help="Latest event date (YYYY-MM-DD)."),
           status: list[str] | None = typer.Option(None, help="Keep only these statuses."),
           limit: int | None = typer.Option(None, help="At most this many events."),
           fmt: str = typer.Option("jsonl", "--format", help="jsonl or table."),
           counted: bool = typer.Option(False, "--counted", help="Only events that enter counts (see "
                                                                 "`not_counted` for why others do not)."),
           ) -> None:
    """Query stored events."""
    require_db(db)
    with Store(db, read_only=True) as store:
        rows = store.events(actor, country, cameo, plover, since, until, status, limit, counted=counted)
    if fmt == "table":
        table = Table("date", "status", "source", "cameo", "plover", "target", "trigger")
        for r in rows:
            table.add_row(r["date"] or "", r["status"], side(r["source"]), r["cameo"], r["plover"] or "",
                          side(r["target"]), r["trigger"])
        out.print(table)
    else:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


def side(actors: list[dict]) -> str:
    return ", ".join((a.get("org") or a.get("country") or "?") + (a.get("sector") or "") for a in actors)


def require_db(db: Path) -> None:
    if not db.exists():
        err.print(f"[red]error[/]: no event store at {db}; run `eventwire ingest` first or pass --db")
        raise typer.Exit(2)


@app.command()
def export(output: Path = typer.Argument(..., help="File to write: .parquet, .csv or .jsonl."),
           db: Path = DB_OPTION,
           table: str = typer.Option("events", help="events, event_actors, mentions, articles, "
                                                      "clusters or cluster_members."),
           fmt: str | None = typer.Option(None, "--format", help="parquet, csv or jsonl "
                                                                    "(default: from the file name)."),
           ) -> None:
    """Export a table of the store to Parquet, CSV or JSONL."""
    require_db(db)
    with Store(db, read_only=True) as store:
        try:
            n = store.export(output, fmt, table)
        except ValueError as e:
            raise typer.BadParameter(str(e)) from None
    err.print(f"{n} row(s) of {table} written to {output}")


def sample_files() -> list[str]:
    folder = resources.files("eventwire").joinpath("data", "samples")
    return sorted(str(p) for p in Path(str(folder)).glob("*.jsonl"))


@app.command()
def demo(db: Path = typer.Option("eventwire-demo.duckdb", "--db", help="DuckDB file to create or update."),
         ) -> None:
    """Code the bundled Russia–Ukraine sample reports into DuckDB and print a summary."""
    reporter = ProblemReporter()
    totals = run_ingest(sample_files(), db, None, reporter)
    err.print(f"{totals['articles_added']} sample article(s) coded, {totals['events_added']} event(s) "
              f"stored in {db}")
    with Store(db, read_only=False) as store:
        print_summary(store)
    reporter.finish()


def print_summary(store: Store) -> None:
    out.print(rows_table("Events by status", analysis.status_counts(store)))
    out.print(rows_table("Left out of counts, and why", analysis.left_out(store)))
    out.print(rows_table("Counted events by PLOVER type", analysis.events_by_type(store)))
    out.print(rows_table("Top dyads", analysis.top_dyads(store)))
    out.print(rows_table("RUS → UKR by week", analysis.dyad_series(store, "RUS", "UKR", "week")))


def rows_table(title: str, rows: list[dict]) -> Table:
    table = Table(title=title)
    for name in rows[0] if rows else ["(none)"]:
        table.add_column(str(name))
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    return table


@app.command()
def summary(db: Path = DB_OPTION) -> None:
    """Print the store's summary tables: statuses, events left out of counts and why, event types, top dyads,
    RUS→UKR by week."""
    require_db(db)
    with Store(db, read_only=True) as store:
        print_summary(store)


from . import cli_spark  # noqa: E402,F401  (adds the `spark` and `clusters` commands)
from .cli_actors import register as _register_actor_commands  # noqa: E402

_register_actor_commands(app)  # `actor`, `actors`, `kb list|show|add|import`


def main() -> None:
    app()


if __name__ == "__main__":
    main()
