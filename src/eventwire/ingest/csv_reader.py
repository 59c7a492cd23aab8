"""CSV documents with a header row naming the columns `id, text, title, published, source, url`.

Only `text` is required; each row is validated on its own and a bad row becomes a Problem naming its line.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Article
from .records import Problem, article_or_problem

if TYPE_CHECKING:
    from . import ReadOptions

KNOWN_COLUMNS = ("id", "doc_id", "text", "title", "published", "date", "source", "url")


def _allow_long_fields() -> None:
    """News articles are longer than csv's default field limit of 128 kB."""
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))


def read_csv(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    _allow_long_fields()
    name = str(path)
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        yield Problem(name, "binary file, not CSV text")
        return
    try:
        content = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        yield Problem(name, f"not valid UTF-8 (byte {err.start})")
        return
    reader = csv.DictReader(io.StringIO(content, newline=""), strict=True)
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    if "text" not in header:
        yield Problem(f"{name}:1", "header row must name a 'text' column "
                                   f"(known columns: {', '.join(KNOWN_COLUMNS)})")
        return
    reader.fieldnames = header
    yield from _rows(reader, name, options)


def _rows(reader: csv.DictReader, name: str, options: ReadOptions) -> Iterator[Article | Problem]:
    seen_any = False
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            yield Problem(f"{name}:{line}", f"malformed CSV: {err}")
            return  # the parser cannot resynchronise after a broken quote
        seen_any = True
        origin = f"{name}:{line}"
        if None in row:
            yield Problem(origin, f"{len(row[None])} more field(s) than the header has columns")
            continue
        record = {k: v for k, v in row.items() if v not in (None, "")}
        yield article_or_problem(record, origin, f"{Path(name).stem}-{line}", options)
    if not seen_any:
        yield Problem(name, "empty input: no rows after the header")
