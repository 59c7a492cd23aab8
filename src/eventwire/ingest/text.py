"""Plain-text files, one document each; the publication date comes from `--published`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Article
from .records import BadRecord, Problem, check_text, normalise_date

if TYPE_CHECKING:
    from . import ReadOptions


def decode_text(data: bytes, origin: str) -> tuple[str, Problem | None]:
    """UTF-8 when it is; otherwise Windows-1252 (the usual culprit), with a warning naming the file."""
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as err:
        text = data.decode("cp1252", errors="replace")
        return text, Problem(origin, f"not valid UTF-8 (byte {err.start}); read as Windows-1252", "warning")


def read_file_text(path: Path, kind: str = "text") -> tuple[str | None, list[Problem]]:
    """A file's text, refusing empty and binary files and decoding non-UTF-8 with a warning."""
    data = path.read_bytes()
    origin = str(path)
    if not data.strip():
        return None, [Problem(origin, "empty file")]
    if b"\x00" in data[:8192]:
        return None, [Problem(origin, f"binary file, not {kind}")]
    text, warning = decode_text(data, origin)
    return text, [warning] if warning else []


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    origin = str(path)
    text, problems = read_file_text(path)
    yield from problems
    if text is None:
        return
    try:
        yield Article(id=path.stem, text=check_text(text, options.max_doc_chars),
                      published=normalise_date(options.published), source=options.source, origin=origin)
    except BadRecord as err:
        yield Problem(origin, str(err))
