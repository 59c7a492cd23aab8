"""JSONL documents (`id, text, title, published, source, url`), one per line, from a file or a stream."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..model import Article
from .records import Problem, article_or_problem

if TYPE_CHECKING:
    from . import ReadOptions


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    with path.open("rb") as fh:
        head = fh.read(4096)
        if b"\x00" in head:
            yield Problem(str(path), "binary file, not JSONL text")
            return
        fh.seek(0)
        yield from read_jsonl_lines(fh, str(path), options)


def read_jsonl_lines(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Problem]:
    """Each line is decoded and validated on its own, so one bad line costs only itself."""
    seen_any = False
    for number, raw in enumerate(stream, start=1):
        if not raw.strip():
            continue
        seen_any = True
        origin = f"{name}:{number}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as err:
            yield Problem(origin, f"not valid UTF-8 (byte {err.start})")
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            yield Problem(origin, f"invalid JSON: {err.msg} at column {err.colno}")
            continue
        yield article_or_problem(record, origin, f"{Path(name).stem}-{number}", options)
    if not seen_any:
        yield Problem(name, "empty input: no records")
