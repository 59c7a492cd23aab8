"""The `eventwire` command line: each command parses its flags and calls one API function."""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from importlib import resources
from pathlib import Path
from typing import TextIO

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from . import api
from .ingest import BadRecord, Problem
from .ingest.records import normalise_date
from .model import STATUSES
from .progress import ArticleProgress
from .store import NotAStore, Store, StoreBusy, StoreError

app = typer.Typer(help="Political event data from news text: who did what to whom, when and where.",
                  no_args_is_help=True, add_completion=False)
err = Console(stderr=True, soft_wrap=True)
out = Console()

DB_OPTION = typer.Option("eventwire.duckdb", "--db", help="DuckDB file of the event store.")
PROCESSES_OPTION = typer.Option(0, "--processes", "-j", help="Worker processes (default 0: every usable core, "
                                "fewer for small inputs, one for stdin). The events are the same with any number.")

# one flag, one help text, on every command that counts (summary, series, alerts, plot, watch, events --counted)
INCLUDE_LOW_RELEVANCE_OPTION = typer.Option(
    False, "--include-low-relevance", help="Count the events of articles of low political relevance too (left out "
                                           "of counts by default; their `not_counted` is \"low relevance\").")

# Exit codes: 0 all went well; 1 bad records were skipped (the good ones are stored); 2 usage (a bad option,
# a --db that is not a store); 3 the store is busy (another writer, or a writer that held it too long for a
# reader); 4 the store could not be read or written (a read-only folder, a full disk).
EXIT_BAD_RECORDS, EXIT_USAGE, EXIT_BUSY, EXIT_STORE = 1, 2, 3, 4


def installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("eventwire")
    except PackageNotFoundError:
        return "unknown (not installed)"


def show_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"eventwire {installed_version()}\n")
        raise typer.Exit(0)


@app.callback()
def main_options(_version: bool = typer.Option(False, "--version", callback=show_version, is_eager=True,
                                               help="Print the version and exit.")) -> None:
    """Political event data from news text: who did what to whom, when and where."""


CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def terminal_safe(value: object) -> str:
    """Text from the input made harmless for a terminal: control characters and escape sequences (which
    could restyle or rewrite the screen) and lone surrogates are shown as backslash escapes."""
    text = str(value)
    return CONTROL_CHARS.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)


def cell(value: object) -> Text:
    """A table cell that shows input text as it is: never read as Rich markup, never a terminal escape."""
    return Text("" if value is None else terminal_safe(value))


def plain(value: object) -> str:
    """An input value (a path, a date) inside a message printed with markup: escaped and terminal-safe."""
    return escape(terminal_safe(value))


class ProblemReporter:
    """Prints each bad record on stderr as it is met and counts the errors: bad records apart from inputs
    (files, folders, URLs) that could not be read at all."""

    def __init__(self) -> None:
        self.errors = 0
        self.inputs = 0

    def __call__(self, problem: Problem) -> None:
        if problem.severity == "error":
            if problem.scope == "input":
                self.inputs += 1
            else:
                self.errors += 1
        style = "red" if problem.severity == "error" else "yellow"
        err.print(Text.assemble((problem.severity, style), ": ", terminal_safe(problem)), highlight=False)

    def finish(self) -> None:
        said = []
        if self.errors:
            said.append(f"{self.errors} bad record(s) skipped")
        if self.inputs:
            said.append(f"{self.inputs} input(s) could not be read")
        if said:
            err.print(Text("; ".join(said), style="red"))
            raise typer.Exit(1)


def check_published(published: str | None) -> str | None:
    """The --published date as ISO, or a usage error before any work is done."""
    try:
        return normalise_date(published)
    except BadRecord as e:
        raise typer.BadParameter(str(e), param_hint="--published") from None


def open_output(output: Path | None) -> TextIO:
    """The -o file opened for writing now, so a wrong path fails before the model loads, not after."""
    if output is None:
        return sys.stdout
    try:
        return output.open("w", encoding="utf-8")
    except OSError as e:
        raise typer.BadParameter(f"cannot write {terminal_safe(output)}: {e.strerror or e}",
                                 param_hint="--output") from None


def check_db_path(db: Path) -> None:
    """The store's folder must exist before an ingest starts coding."""
    if not db.parent.is_dir():
        err.print(f"error: --db {terminal_safe(db)}: the folder {terminal_safe(db.parent)} does not exist",
                  markup=False, highlight=False)
        raise typer.Exit(EXIT_USAGE)


@app.command()
def code(inputs: list[str] = typer.Argument(..., help="JSONL/text files or folders; - reads JSONL from stdin."),
         published: str | None = typer.Option(None, help="Publication date (YYYY-MM-DD) for inputs "
                                                            "that carry none."),
         fmt: str = typer.Option("jsonl", "--format", help="jsonl (event records) or table."),
         output: Path | None = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
         model: str | None = typer.Option(None, help="spaCy pipeline to use (default: best installed)."),
         processes: int = PROCESSES_OPTION,
         ) -> None:
    """Code documents and print their event records as they are coded. No database needed."""
    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be jsonl or table")
    published = check_published(published)
    sink = open_output(output)
    reporter = ProblemReporter()
    table = Table("doc", "status", "date", "source", "cameo", "plover", "target", "trigger")
    try:
        pipeline = api.default_pipeline(model)
        with ArticleProgress(err, inputs) as progress:
            for _, events in api.code_inputs(inputs, published, pipeline, reporter, n_process=processes):
                for event in events:
                    if fmt == "jsonl":
                        sink.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                    else:
                        table.add_row(*map(cell, (event.doc_id, event.status, event.date or "",
                                                  ", ".join(a.code for a in event.source), event.cameo,
                                                  event.plover or "", ", ".join(a.code for a in event.target),
                                                  event.trigger)))
                if fmt == "jsonl":
                    sink.flush()  # each article's events as soon as they are coded
                progress.advance(1)
        if fmt == "table":  # a file or a pipe gets the whole table, not one cut to 80 columns
            console = Console(file=sink)
            Console(file=sink, width=None if console.is_terminal else 1000).print(table)
    finally:
        if output:
            sink.close()
    reporter.finish()


@app.command()
def ingest(inputs: list[str] = typer.Argument(..., help="JSONL/text files or folders; - reads stdin."),
           db: Path = DB_OPTION,
           published: str | None = typer.Option(None, help="Publication date for inputs that carry none."),
           processes: int = PROCESSES_OPTION,
           update: bool = typer.Option(False, "--update", help="Replace a stored article (and its events) "
                                                                "when its id comes again with other text, "
                                                                "title, date or URL."),
           ) -> None:
    """Code documents into the DuckDB store; articles already stored are skipped (see --update)."""
    published = check_published(published)
    check_db_path(db)
    reporter = ProblemReporter()
    totals = run_ingest(inputs, db, published, reporter, processes, update)
    new = totals["articles_added"] - totals["articles_updated"]
    updated = f", {totals['articles_updated']} updated" if update else ""
    err.print(f"{new} new article(s){updated}, {totals['events_added']} event(s) added to {plain(db)} "
              f"({totals['articles_seen'] - totals['articles_added']} already stored)")
    reporter.finish()


def run_ingest(inputs: list[str], db: Path, published: str | None, reporter: ProblemReporter,
               processes: int = 0, update: bool = False) -> dict[str, int]:
    with ArticleProgress(err, inputs) as progress:
        return api.ingest(inputs, str(db), published, on_problem=reporter, on_batch=progress.on_batch,
                          n_process=processes, update=update)


@app.command()
def events(db: Path = DB_OPTION,
           actor: str | None = typer.Option(None, help="Actor name, text or organisation code."),
           country: str | None = typer.Option(None, help="ISO3 country of a source or target."),
           cameo: str | None = typer.Option(None, help="CAMEO code prefix, e.g. 04 or 190."),
           plover: str | None = typer.Option(None, help="PLOVER event type, e.g. CONSULT."),
           since: str | None = typer.Option(None, help="Earliest event date (YYYY-MM-DD)."),
           until: str | None = typer.Option(None, help="Latest event date (YYYY-MM-DD)."),
           status: list[str] | None = typer.Option(None, help="Keep only these statuses (repeat the option "
                                                              "or separate with commas)."),
           limit: int | None = typer.Option(None, min=0, help="At most this many events."),
           fmt: str = typer.Option("jsonl", "--format", help="jsonl or table."),
           counted: bool = typer.Option(False, "--counted", help="Only events that enter counts (see "
                                                                 "`not_counted` for why others do not)."),
           include_low_relevance: bool = INCLUDE_LOW_RELEVANCE_OPTION,
           ) -> None:
    """Query stored events."""
    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("must be jsonl or table; for CSV or Parquet use `eventwire export "
                                 "events.csv`", param_hint="--format")
    since, until = check_day(since, "--since"), check_day(until, "--until")
    statuses = check_statuses(status)
    require_db(db)
    with Store(db, read_only=True) as store:
        rows = store.events(actor, country, cameo, plover, since, until, statuses, limit, counted=counted,
                            include_low_relevance=include_low_relevance)
    if fmt == "table":
        table = Table("date", "status", "source", "cameo", "plover", "target", "trigger")
        for r in rows:
            table.add_row(*map(cell, (r["date"] or "", r["status"], side(r["source"]), r["cameo"],
                                      r["plover"] or "", side(r["target"]), r["trigger"])))
        out.print(table)
    else:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")


def check_day(value: str | None, option: str) -> str | None:
    """A YYYY-MM-DD option value, or a usage error saying so (not a traceback from the database)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise typer.BadParameter(f"{terminal_safe(value)!r} is not a date; use YYYY-MM-DD",
                                 param_hint=option) from None


def check_statuses(values: list[str] | None) -> list[str] | None:
    """Statuses from repeated or comma-separated options, each one known, else a usage error."""
    if not values:
        return None
    statuses = [s.strip().lower() for v in values for s in v.split(",") if s.strip()]
    unknown = [s for s in statuses if s not in STATUSES]
    if unknown:
        raise typer.BadParameter(f"unknown status {terminal_safe(unknown[0])!r}; the statuses are "
                                 f"{', '.join(STATUSES)}", param_hint="--status")
    return statuses


def side(actors: list[dict]) -> str:
    return ", ".join((a.get("org") or a.get("country") or "?") + (a.get("sector") or "") for a in actors)


def require_db(db: Path) -> None:
    if not db.exists():
        err.print(f"[red]error[/]: no event store at {plain(db)}; run `eventwire ingest` first or pass --db")
        raise typer.Exit(2)


@app.command()
def export(output: Path = typer.Argument(..., help="File to write: .parquet, .csv, .jsonl, or a .tsv for gdelt "
                                                   "and polecat."),
           db: Path = DB_OPTION,
           table: str = typer.Option("events", help="events, event_actors, mentions, articles, "
                                                      "clusters or cluster_members."),
           fmt: str | None = typer.Option(None, "--format", help="parquet, csv or jsonl (default: from the file "
                                                                    "name); gdelt (GDELT 2.0 Events, one row per "
                                                                    "real event) or polecat (POLECAT TSV)."),
           header: bool | None = typer.Option(None, "--header/--no-header", help="gdelt/polecat: a header row "
                                                                                 "(default: as the original, "
                                                                                 "none for gdelt)."),
           force: bool = typer.Option(False, "--force", help="Overwrite the output file if it exists."),
           ) -> None:
    """Export a table of the store to Parquet, CSV or JSONL, or the counted events as GDELT or POLECAT TSV."""
    from . import exports

    require_db(db)
    with Store(db, read_only=True) as store:
        try:
            if fmt in exports.FORMATS:
                n, what = exports.write(store, output, fmt, header, force=force), f"{fmt} events"
            else:
                n, what = store.export(output, fmt, table, force=force), table
        except (ValueError, FileExistsError) as e:
            err.print(f"error: {e}", markup=False, highlight=False)
            raise typer.Exit(EXIT_USAGE) from None
    err.print(f"{n} row(s) of {plain(what)} written to {plain(output)}")


def sample_files() -> list[str]:
    folder = resources.files("eventwire").joinpath("data", "samples")
    return sorted(str(p) for p in Path(str(folder)).glob("*.jsonl"))


@app.command()
def demo(db: Path = typer.Option("eventwire-demo.duckdb", "--db", help="DuckDB file to create or update."),
         plot: Path = typer.Option("eventwire-demo.png", "--plot", help="Where to draw the RUS → UKR series "
                                                                        "(.png, .svg or .html)."),
         ) -> None:
    """Code the bundled Russia–Ukraine sample reports into DuckDB, print a summary and plot RUS → UKR."""
    from .cli_analysis import write_series_plot

    check_db_path(db)
    reporter = ProblemReporter()
    totals = run_ingest(sample_files(), db, None, reporter)
    err.print(f"{totals['articles_added']} sample article(s) coded, {totals['events_added']} event(s) "
              f"stored in {plain(db)}")
    with Store(db, read_only=True) as store:
        print_summary(store)
    write_series_plot(db, plot, "Russia → Ukraine by week (demo sample)", source="RUS", target="UKR")
    err.print(f"RUS → UKR by week plotted to {plot}")
    reporter.finish()


def print_summary(store: Store, include_low_relevance: bool = False) -> None:
    cli_analysis.print_summary(store, include_low_relevance=include_low_relevance)


def rows_table(title: str, rows: list[dict]) -> Table:
    table = Table(title=title)
    for name in rows[0] if rows else ["(none)"]:
        table.add_column(str(name))
    for row in rows:
        table.add_row(*map(cell, row.values()))
    return table


@app.command()
def summary(db: Path = DB_OPTION, include_low_relevance: bool = INCLUDE_LOW_RELEVANCE_OPTION) -> None:
    """Print the top dyads, the biggest movers, current alerts, event types and what was left out of counts."""
    require_db(db)
    with Store(db, read_only=True) as store:
        print_summary(store, include_low_relevance)


from . import cli_analysis, cli_spark  # noqa: E402,F401  (series, alerts, watch, plot, summary; spark, clusters)
from .cli_actors import register as _register_actor_commands  # noqa: E402

_register_actor_commands(app)  # `actor`, `actors`, `kb list|show|add|import`

from . import cli_serve  # noqa: E402,F401  (adds the `serve` command)


def exit_code(error: StoreError) -> int:
    if isinstance(error, StoreBusy):
        return EXIT_BUSY
    return EXIT_USAGE if isinstance(error, NotAStore) else EXIT_STORE


def main() -> None:
    """The `eventwire` command: a store that is busy, not a store, or failing is one line on stderr and an
    exit code of its own (see EXIT_*), never a traceback."""
    try:
        app()
    except StoreError as e:
        err.print(f"error: {e}", markup=False, highlight=False)
        sys.exit(exit_code(e))


if __name__ == "__main__":
    main()
