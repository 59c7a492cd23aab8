"""Progress of a long run: articles/s and the time left, for the `ingest` and `code` commands.

The time left needs the number of records, which a stream does not give: `count_records` estimates it by
counting lines in a background thread while the run starts, so even a large corpus starts at once and the
bar gains its total (and its ETA) a moment later. Inputs whose size is unknowable cheaply (stdin, feeds,
WARC, compressed files) leave the bar without a total: it then shows the count and the rate only.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

LINE_RECORDS = (".jsonl", ".ndjson")  # one record per line
FILE_RECORDS = (".txt", ".html", ".htm")  # one record per file
CHUNK = 1 << 20


def count_records(inputs: Iterable[str]) -> int | None:
    """How many records the inputs hold (JSONL lines, text and HTML files), or None when some input's
    count is unknown."""
    from .ingest import iter_files

    total = 0
    for raw in inputs:
        path = Path(raw)
        if raw == "-" or "://" in raw or not path.exists():
            return None
        for file in iter_files(path):
            name = file.name.lower()
            if name.endswith(LINE_RECORDS):
                total += _count_lines(file)
            elif name.endswith(FILE_RECORDS):
                total += 1
            else:
                return None
    return total


def _count_lines(path: Path) -> int:
    """Lines, read in binary chunks (about a second per GB); blank lines make it a slight over-estimate."""
    lines = 0
    last = b"\n"
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n")


class RateColumn(ProgressColumn):
    """Articles per second since the start."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} articles/s")


class EtaColumn(ProgressColumn):
    """Time left at the rate so far: the cost per article is flat, so the whole run's rate is the steadiest
    estimate (a short window jumps with every committed batch)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        if task.total is None or not task.completed or elapsed <= 0:
            return Text("ETA -:--:--")
        left = max(0.0, task.total - task.completed) * elapsed / task.completed
        hours, rest = divmod(int(left + 0.5), 3600)
        return Text(f"ETA {hours}:{rest // 60:02d}:{rest % 60:02d}")


def progress_bar(console: Console) -> Progress:
    return Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), RateColumn(),
                    TimeElapsedColumn(), EtaColumn(), console=console, transient=False,
                    disable=not console.is_terminal)


class ArticleProgress:
    """A progress bar over a run's articles, its total counted in the background."""

    def __init__(self, console: Console, inputs: Iterable[str], description: str = "coding") -> None:
        self.bar = progress_bar(console)
        self.task = self.bar.add_task(description, total=None)
        self._inputs = list(inputs)
        self._counter = threading.Thread(target=self._count, daemon=True)

    def _count(self) -> None:
        try:
            total = count_records(self._inputs)
        except OSError:
            total = None
        if total is not None:
            self.bar.update(self.task, total=total)

    def __enter__(self) -> ArticleProgress:
        self.bar.__enter__()
        if not self.bar.disable:
            self._counter.start()
        return self

    def __exit__(self, *exc) -> None:
        self.bar.__exit__(*exc)

    def advance(self, articles: int) -> None:
        self.bar.update(self.task, advance=articles)

    @property
    def on_batch(self) -> Callable[[int, int, int], None]:
        return lambda seen, _added, _events: self.advance(seen)

