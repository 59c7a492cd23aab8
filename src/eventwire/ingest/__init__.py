"""The ingest stage: read documents from files, folders and stdin into `Article` records.

Readers yield `Article`s and `Problem`s in input order; a bad record becomes a Problem that names the file,
line and reason, and the batch goes on. Each format lives in its own module and registers its file
endings in `READERS`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..model import Article
from .feeds import read_feed_url
from .formats import more_readers
from .jsonl import read_jsonl, read_jsonl_lines
from .records import Problem, article_from_mapping
from .text import read_text_file

Reader = Callable[[Path, "ReadOptions"], Iterator["Article | Problem"]]


class ReadOptions:
    """What every reader needs: a fallback publication date and the size limit for a document."""

    def __init__(self, published: str | None = None, max_doc_chars: int = 2_000_000, source: str = ""):
        self.published = published
        self.max_doc_chars = max_doc_chars
        self.source = source


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_jsonl,
    ".txt": read_text_file,
}
READERS.update(more_readers())


def register_reader(suffix: str, reader: Reader) -> None:
    """Let a format module (or a plugin) read files ending in `suffix`."""
    READERS[suffix.lower()] = reader


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def iter_files(path: Path) -> Iterator[Path]:
    """A file, or every readable file below a folder in name order."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")):
            if reader_for(child):
                yield child
    else:
        yield path


def read_inputs(inputs: Iterable[str], published: str | None = None, max_doc_chars: int = 2_000_000,
                stdin=None) -> Iterator[Article | Problem]:
    """Articles and problems from every input: files, folders, or `-` for JSONL on standard input."""
    options = ReadOptions(published, max_doc_chars)
    for raw in inputs:
        if raw.startswith(("http://", "https://")):
            yield from read_feed_url(raw, options)
            continue
        if raw == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl_lines(stream, "<stdin>", options)
            continue
        path = Path(raw)
        if not path.exists():
            yield Problem(raw, "no such file or folder")
            continue
        for file in iter_files(path):
            reader = reader_for(file)
            if reader is None:
                yield Problem(str(file), f"unknown file type {file.suffix!r}; "
                                         f"readable types: {', '.join(sorted(READERS))}")
                continue
            try:
                yield from reader(file, options)
            except OSError as err:
                yield Problem(str(file), f"cannot read: {err.strerror or err}")


__all__ = ["Article", "Problem", "ReadOptions", "READERS", "read_inputs", "register_reader", "article_from_mapping"]
