"""The early-warning commands: `series`, `alerts`, `watch` and `plot series|alerts` (registered on the
main CLI app by importing this module), and the generic summary that `summary` and `demo` print."""

from __future__ import annotations

import datetime as dt
import json
import signal
import sys
from pathlib import Path
from typing import Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from . import analysis, api
from .cli import DB_OPTION, INCLUDE_LOW_RELEVANCE_OPTION, ProblemReporter, app, err, out, require_db, rows_table
from .store import Store

FREQ_OPTION = typer.Option("week", "--freq", help="Period: day, week or month.")
COUNT_OPTION = typer.Option("clusters", "--count", help="clusters (each real event once, default) or events "
                                                         "(every coded report: raw mentions).")
SINCE_OPTION = typer.Option(None, help="First date (YYYY-MM-DD).")
UNTIL_OPTION = typer.Option(None, help="Last date (YYYY-MM-DD).")


def fail(message: str, code: int = 2) -> None:
    err.print(f"[red]error[/]: {message}", highlight=False)
    raise typer.Exit(code)


def write_rows(rows: list[dict[str, Any]], fmt: str, output: Path | None, title: str) -> None:
    """Rows as a table, CSV, JSON (an array), JSON lines or Parquet, to a file or stdout."""
    if fmt == "parquet":
        if output is None:
            fail("--format parquet needs -o FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(rows), str(output))
    elif fmt == "table":
        if output:
            with output.open("w", encoding="utf-8") as fh:
                Console(file=fh, width=200).print(compact_table(title, rows))
        else:
            out.print(compact_table(title, rows))
    elif fmt in ("csv", "json", "jsonl"):
        sink = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
        try:
            if fmt == "csv":
                import csv

                writer = csv.DictWriter(sink, fieldnames=list(rows[0]) if rows else ["period"])
                writer.writeheader()
                writer.writerows({k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                                  for k, v in row.items()} for row in rows)
            elif fmt == "json":
                sink.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
            else:
                for row in rows:
                    sink.write(json.dumps(row, ensure_ascii=False) + "\n")
        finally:
            if output:
                sink.close()
    else:
        fail(f"unknown --format {fmt!r}")
    if output:
        err.print(f"{len(rows)} row(s) written to {output}")


SHORT_NAMES = {"verbal_coop": "v.coop", "material_coop": "m.coop", "verbal_conflict": "v.confl",
               "material_conflict": "m.confl", "goldstein_sum": "g.sum", "goldstein_mean": "g.mean",
               "conflict_mass": "c.mass", "clusters": "clust."}  # the long names are in CSV, JSON and Parquet


def compact_table(title: str, rows: list[dict[str, Any]]) -> Table:
    """A table whose dates and numbers are never cut: short headers, and no column narrower than its values."""
    table = Table(title=title, box=box.SIMPLE_HEAD, padding=(0, 0, 0, 1), pad_edge=False, show_edge=False)
    names = list(rows[0]) if rows else ["(none)"]
    for name in names:
        header = SHORT_NAMES.get(name, name)
        widest = max((len(str(r.get(name, ""))) for r in rows), default=1)
        table.add_column(header, min_width=max(widest, len(header)), no_wrap=True,
                         justify="left" if name == "period" else "right")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    return table


def selection_title(source: str | None, target: str | None, actor: str | None, location: str | None,
                    both: bool) -> str:
    parts = []
    if source or target:
        parts.append(f"{source or 'anyone'} {'↔' if both else '→'} {target or 'anyone'}")
    if actor:
        parts.append(f"{actor} with anyone")
    if location:
        parts.append(f"in {location}")
    return ", ".join(parts) or "all events"


@app.command()
def series(db: Path = DB_OPTION,
           source: str | None = typer.Option(None, help="Source actor code (country, organisation, or with "
                                                        "sector: RUS, NATO, RUSMIL)."),
           target: str | None = typer.Option(None, help="Target actor code."),
           both: bool = typer.Option(False, "--both", help="Both directions of the dyad."),
           actor: str | None = typer.Option(None, help="This actor as source or target, against everyone."),
           location: str | None = typer.Option(None, help="ISO3 country where the events happened."),
           freq: str = FREQ_OPTION, since: str | None = SINCE_OPTION, until: str | None = UNTIL_OPTION,
           by: str | None = typer.Option(None, help="Add a column per PLOVER type (plover) or CAMEO root "
                                                    "(root)."),
           count: str = COUNT_OPTION,
           fmt: str = typer.Option("table", "--format", help="table, csv, json, jsonl or parquet."),
           output: Path | None = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
           include_low_relevance: bool = INCLUDE_LOW_RELEVANCE_OPTION,
           ) -> None:
    """Counts per day, week or month for a dyad, an actor or a country, zero-filled, oldest first."""
    require_db(db)
    try:
        rows = analysis.series(db, source, target, actor, location, both, freq, since, until, by, count,
                               include_low_relevance)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None
    write_rows(rows, fmt, output, f"{selection_title(source, target, actor, location, both)} by {freq}")


def alert_options(freq: str, method: str, measure: str, count: str, window: int | None, threshold: float | None,
                  min_history: int | None, penalty: float | None, min_events: int, min_articles: int,
                  include_low_relevance: bool = False) -> dict[str, Any]:
    """The keyword arguments of analysis.alerts from the CLI's flags (unset knobs keep their defaults)."""
    knobs = {"window": window, "threshold": threshold, "min_history": min_history, "penalty": penalty}
    return {"freq": freq, "method": method, "measure": measure, "count": count, "min_events": min_events,
            "min_articles": min_articles, "include_low_relevance": include_low_relevance,
            **{k: v for k, v in knobs.items() if v is not None}}


METHOD_OPTION = typer.Option("zscore", help="zscore (robust rolling z-score) or changepoint (ruptures PELT).")
MEASURE_OPTION = typer.Option(analysis.DEFAULT_MEASURE, help="conflict_mass (−Goldstein summed over events "
                                                              "below zero) or material_conflict (clusters of "
                                                              "quad class 4).")
WINDOW_OPTION = typer.Option(None, help="zscore: baseline periods (default 12).")
THRESHOLD_OPTION = typer.Option(None, help="zscore: robust z to flag (default 3.5).")
HISTORY_OPTION = typer.Option(None, "--min-history", help="Observed periods needed before a flag (default 6).")
PENALTY_OPTION = typer.Option(None, help="changepoint: penalty factor (default 2.0).")
MIN_EVENTS_OPTION = typer.Option(3, "--min-events", help="Events behind the measure that a flagged period needs.")
MIN_ARTICLES_OPTION = typer.Option(2, "--min-articles", help="Articles telling them that a flagged period needs.")


@app.command()
def alerts(db: Path = DB_OPTION, freq: str = FREQ_OPTION, method: str = METHOD_OPTION,
           measure: str = MEASURE_OPTION, since: str | None = SINCE_OPTION, until: str | None = UNTIL_OPTION,
           source: str | None = typer.Option(None, help="Only dyads with this source."),
           target: str | None = typer.Option(None, help="Only dyads with this target."),
           location: str | None = typer.Option(None, help="Only this location country."),
           evidence: int = typer.Option(3, help="Top clusters shown with each alert."),
           count: str = COUNT_OPTION, window: int | None = WINDOW_OPTION, threshold: float | None = THRESHOLD_OPTION,
           min_history: int | None = HISTORY_OPTION, penalty: float | None = PENALTY_OPTION,
           min_events: int = MIN_EVENTS_OPTION, min_articles: int = MIN_ARTICLES_OPTION,
           fmt: str = typer.Option("table", "--format", help="table, csv, json or jsonl."),
           output: Path | None = typer.Option(None, "-o", "--output", help="Write here instead of stdout."),
           include_low_relevance: bool = INCLUDE_LOW_RELEVANCE_OPTION,
           ) -> None:
    """Periods where a dyad's or a country's conflict left its own baseline, each with the events behind it."""
    require_db(db)
    options = alert_options(freq, method, measure, count, window, threshold, min_history, penalty, min_events,
                            min_articles, include_low_relevance)
    try:
        found = analysis.alerts(db, since=since, until=until, source=source, target=target, location=location,
                                evidence=evidence, **options)
    except (ValueError, TypeError) as e:
        raise typer.BadParameter(str(e)) from None
    if fmt == "table":
        if output:
            with output.open("w", encoding="utf-8") as fh:
                print_alerts(found, Console(file=fh, width=160))
            err.print(f"{len(found)} alert(s) written to {output}")
        else:
            print_alerts(found, out)
        return
    write_rows(found, fmt, output, "alerts")


def alert_headline(alert: dict[str, Any]) -> str:
    who = (f"{alert['source']} → {alert['target']}" if alert["kind"] == "dyad" else f"in {alert['country']}")
    return (f"ALERT {who}, {alert['freq']} of {alert['period']}: {alert['measure']} {alert['value']:g} against "
            f"a baseline of {alert['baseline']:g} (score {alert['score']:g}, {alert['method']})")


def evidence_line(e: dict[str, Any]) -> str:
    where = ", ".join(x for x in (e["article_source"], e["title"], e["url"] or e["doc_id"]) if x)
    return (f"  • {e['date']} {e['cameo']} {e['plover'] or ''} {e['source'] or '?'} → {e['target'] or '?'}: "
            f"“{e['text']}” — {where} ({e['articles']} article(s), {e['mentions']} mention(s))")


def print_alerts(found: list[dict[str, Any]], console: Console) -> None:
    """Each alert on one line with its evidence sentences under it: checkable in one read."""
    if not found:
        console.print("no alerts")
    for alert in found:
        console.print(alert_headline(alert), style="bold", markup=False, highlight=False)
        for e in alert["evidence"]:
            console.print(evidence_line(e), markup=False, highlight=False)


@app.command()
def watch(sources: list[str] = typer.Argument(..., help="RSS/Atom feed URLs and folders to watch."),
          db: Path = DB_OPTION,
          every: str = typer.Option("15m", help="How often to poll: 30s, 15m, 2h ..."),
          fetch_pages: bool = typer.Option(False, "--fetch-pages", help="Fetch each new entry's page and code "
                                                                        "its full text (trafilatura)."),
          alerts_out: Path | None = typer.Option(None, "--alerts-out", help="Append new alerts here (JSON lines)."),
          state: Path | None = typer.Option(None, help="State file (default: DB.watch.json)."),
          polls: int | None = typer.Option(None, help="Stop after this many rounds (default: run until Ctrl-C)."),
          freq: str = FREQ_OPTION, method: str = METHOD_OPTION, measure: str = MEASURE_OPTION,
          min_events: int = MIN_EVENTS_OPTION, min_articles: int = MIN_ARTICLES_OPTION,
          include_low_relevance: bool = INCLUDE_LOW_RELEVANCE_OPTION,
          ) -> None:
    """Poll feeds and folders, code only what is new into the store, and print the new alerts."""
    from .watch import Watcher, parse_interval

    try:
        interval = parse_interval(every)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None
    reporter = ProblemReporter()
    options = alert_options(freq, method, measure, "clusters", None, None, None, None, min_events, min_articles,
                            include_low_relevance)
    try:
        watcher = Watcher(sources, db, interval, fetch_pages, state, alerts_out, options,
                          log=lambda line: err.print(line, markup=False, highlight=False), on_problem=reporter)
    except ValueError as e:
        fail(str(e))
    signal.signal(signal.SIGTERM, _interrupt)

    def show(result) -> None:
        for alert in result.alerts:
            print_alerts([alert], out)

    err.print(f"watching {len(sources)} source(s) every {every}; state in {watcher.state_path} (Ctrl-C stops)")
    try:
        watcher.run(polls, on_round=show)
    except KeyboardInterrupt:
        err.print(f"stopped; state saved to {watcher.state_path}; run the same command to resume")
        return
    err.print(f"done after {polls} round(s); state saved to {watcher.state_path}")


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


plot_app = typer.Typer(help="Plots of series and alerts (PNG, SVG, or HTML with the evidence).",
                       no_args_is_help=True)
app.add_typer(plot_app, name="plot")


def _output_check(output: Path) -> None:
    from .plots import check_output

    try:
        check_output(output)
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


@plot_app.command("series")
def plot_series(output: Path = typer.Option(..., "-o", "--output", help="FILE.png, .svg or .html"),
                db: Path = DB_OPTION, source: str | None = typer.Option(None, help="Source actor code."),
                target: str | None = typer.Option(None, help="Target actor code."),
                both: bool = typer.Option(False, "--both", help="Both directions of the dyad."),
                actor: str | None = typer.Option(None, help="This actor against everyone."),
                location: str | None = typer.Option(None, help="ISO3 country where the events happened."),
                freq: str = FREQ_OPTION, since: str | None = SINCE_OPTION, until: str | None = UNTIL_OPTION,
                count: str = COUNT_OPTION, method: str = METHOD_OPTION, measure: str = MEASURE_OPTION,
                include_low_relevance: bool = INCLUDE_LOW_RELEVANCE_OPTION,
                ) -> None:
    """A series with its quad classes stacked, its Goldstein sum, and its alerts marked."""
    _output_check(output)
    require_db(db)
    title = f"{selection_title(source, target, actor, location, both)} by {freq}"
    n = write_series_plot(db, output, title, source=source, target=target, actor=actor, location=location,
                          both=both, freq=freq, since=since, until=until, count=count, method=method,
                          measure=measure, include_low_relevance=include_low_relevance)
    err.print(f"plot of {n} period(s) written to {output}")


def write_series_plot(db: Path | str, output: Path, title: str, *, source=None, target=None, actor=None,
                      location=None, both=False, freq="week", since=None, until=None, count="clusters",
                      method="zscore", measure=analysis.DEFAULT_MEASURE, include_low_relevance=False) -> int:
    """Plot a series with the alerts that concern it, over the store's whole span unless `since`/`until`
    narrow it (quiet periods are part of the picture); returns the number of periods plotted."""
    from . import plots

    with Store(db, read_only=True) as store:
        span, _ = analysis.coverage(store, freq, include_low_relevance)
    if span:
        since = since or span[0].isoformat()
        until = until or (analysis.next_period(span[-1], freq) - dt.timedelta(days=1)).isoformat()
    rows = analysis.series(db, source, target, actor, location, both, freq, since, until, None, count,
                           include_low_relevance)
    found = [a for a in analysis.alerts(db, freq=freq, method=method, measure=measure, count=count, since=since,
                                        until=until, include_low_relevance=include_low_relevance)
             if concerns(a, source, target, actor, location, both)]
    plots.save(plots.series_figure(rows, found, title), output, found, title)
    return len(rows)


def concerns(alert: dict[str, Any], source, target, actor, location, both) -> bool:
    """Whether an alert belongs on the plot of this selection."""
    if location:
        return alert["kind"] == "location" and alert["country"] == location.upper()
    if alert["kind"] != "dyad":
        return False
    pair = (alert["source"], alert["target"])
    if actor:
        return actor.upper() in pair
    wanted = [(source, target)] + ([(target, source)] if both else [])
    return any((not s or pair[0] == s.upper()) and (not t or pair[1] == t.upper()) for s, t in wanted)


@plot_app.command("alerts")
def plot_alerts(output: Path = typer.Option(..., "-o", "--output", help="FILE.png, .svg or .html"),
                db: Path = DB_OPTION, freq: str = FREQ_OPTION, method: str = METHOD_OPTION,
                measure: str = MEASURE_OPTION, since: str | None = SINCE_OPTION, until: str | None = UNTIL_OPTION,
                count: str = COUNT_OPTION, include_low_relevance: bool = INCLUDE_LOW_RELEVANCE_OPTION) -> None:
    """Every alert on a timeline, one line per dyad or country, sized by its score."""
    from . import plots

    _output_check(output)
    require_db(db)
    found = analysis.alerts(db, freq=freq, method=method, measure=measure, count=count, since=since, until=until,
                            include_low_relevance=include_low_relevance)
    title = f"Alerts by {freq} ({measure}, {method})"
    plots.save(plots.alerts_figure(found, title), output, found, title)
    err.print(f"plot of {len(found)} alert(s) written to {output}")


# --- summary -------------------------------------------------------------------------------------------

def print_summary(store: Store, freq: str = "week", recent: int = 4, include_low_relevance: bool = False) -> None:
    """What is in the store, for whatever is in it: top dyads, the biggest movers of the last period, the
    alerts of the last `recent` periods, event types, and how many events were left out of counts and why
    (with `include_low_relevance`, the events of low-relevance articles are counted, not left out)."""
    found = api.summary(store, freq, recent, include_low_relevance)
    if include_low_relevance:
        out.print("Counting the events of low-relevance articles too (--include-low-relevance).", highlight=False)
    out.print(rows_table("Top dyads", found["top_dyads"]))
    out.print(rows_table(f"Biggest movers of the last {freq}", found["movers"]))
    out.print(f"[bold]Current alerts[/] ({freq}s since {found['since'] or 'the start'}):", highlight=False)
    print_alerts(found["alerts"], out)
    out.print(rows_table("Counted events by PLOVER type", found["events_by_type"]))
    out.print(rows_table("Left out of counts", found["left_out"]))
