"""CSV documents with a header row naming the columns `id, text, title, published, source, url`.

Only `text` is required; each row is validated on its own and a bad row becomes a Problem naming its line.
The file is read as a stream (a row at a time), so a large export never sits in memory whole; bytes that
are not UTF-8 cost only the row they are in.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..model import Article
from .jsonl import BROKEN_STREAM, broken_stream
from .records import Problem, give_up_after_bad_run, record_items
from .sources import open_binary, sniff

if TYPE_CHECKING:
    from . import ReadOptions

KNOWN_COLUMNS = ("id", "doc_id", "text", "title", "published", "date", "source", "url")
UNDECODED_RE = re.compile(r"[\udc80-\udcff]")  # bytes that were not UTF-8, kept by 'surrogateescape'


def _allow_long_fields(max_doc_chars: int) -> None:
    """News articles are longer than csv's default field limit of 128 kB; an unclosed quote must not
    read the rest of a large file into one field, so the limit is a little over the document limit."""
    csv.field_size_limit(max(131072, max_doc_chars + 1))


def read_csv(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    with open_binary(path) as fh:
        yield from read_csv_stream(fh, str(path), options)


def read_csv_stream(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Problem]:
    _allow_long_fields(options.max_doc_chars)
    sniffed = sniff(stream, name, "CSV")
    if isinstance(sniffed, Problem):
        yield sniffed
        return
    stream, encoding = sniffed
    if encoding in (None, "utf-8-sig"):
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    else:
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    reader = csv.DictReader(text, strict=True)
    try:
        header = [h.strip().lower() for h in (reader.fieldnames or [])]
    except (csv.Error, *BROKEN_STREAM) as err:
        yield Problem(f"{name}:1", f"unreadable header row: {err}", scope="input")
        return
    if "text" not in header:
        yield Problem(f"{name}:1", "header row must name a 'text' column "
                                   f"(known columns: {', '.join(KNOWN_COLUMNS)})", scope="input")
        return
    reader.fieldnames = header
    yield from give_up_after_bad_run(_rows(reader, name, options), name, "CSV with this header")


def _rows(reader: csv.DictReader, name: str, options: ReadOptions) -> Iterator[Article | Problem]:
    seen_any = False
    stem = Path(name).stem
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as err:
            yield Problem(f"{name}:{line}", f"malformed CSV: {err}; the rest of the file is skipped "
                                            "(an unclosed quote?)", scope="input")
            return  # the parser cannot resynchronise after a broken quote
        except BROKEN_STREAM as err:
            yield broken_stream(name, err)
            return
        seen_any = True
        origin = f"{name}:{line}"
        if None in row:
            yield Problem(origin, f"{len(row[None])} more field(s) than the header has columns")
            continue
        undecoded = [k for k, v in row.items() if v and UNDECODED_RE.search(v)]
        if undecoded:
            yield Problem(origin, f"not valid UTF-8 (in column {undecoded[0]!r})")
            continue
        record = {k: v for k, v in row.items() if v not in (None, "")}
        yield from record_items(record, origin, f"{stem}-{line}", options)
    if not seen_any:
        yield Problem(name, "empty input: no rows after the header", scope="input")
