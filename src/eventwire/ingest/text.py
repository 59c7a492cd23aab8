"""Plain-text files, one document each; the publication date comes from `--published`."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Article
from .records import BadRecord, Problem, check_text
from .sources import binary_reason, decode_with_bom, open_binary, read_capped

if TYPE_CHECKING:
    from . import ReadOptions


def decode_text(data: bytes, origin: str) -> tuple[str, Problem | None]:
    """UTF-8 (or what a byte-order mark says); otherwise Windows-1252 (the usual culprit), with a warning."""
    with_bom = decode_with_bom(data)
    if with_bom is not None:
        return with_bom, None
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        text = data.decode("cp1252", errors="replace")
        return text, Problem(origin, f"not valid UTF-8 (byte {err.start}); read as Windows-1252", "warning")


def read_file_text(path: Path, kind: str = "text", max_bytes: int = 8_000_000) -> tuple[str | None, list[Problem]]:
    """A file's text, refusing empty, binary and oversized files (never reading more than `max_bytes` + 1
    bytes) and decoding non-UTF-8 with a warning."""
    origin = str(path)
    with open_binary(path) as fh:
        data = read_capped(fh, max_bytes)
    if data is None:
        return None, [Problem(origin, f"file is over {max_bytes:,} bytes, too large for one {kind} document "
                                      "(set EVENTWIRE_MAX_DOC_CHARS to raise the limit)")]
    if not data.strip():
        return None, [Problem(origin, "empty file")]
    reason = None if decode_with_bom(data[:4]) is not None else binary_reason(data[:8192])
    if reason:
        return None, [Problem(origin, f"binary file, not {kind}: {reason}")]
    text, warning = decode_text(data, origin)
    return text, [warning] if warning else []


def read_text_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    origin = str(path)
    text, problems = read_file_text(path, max_bytes=4 * options.max_doc_chars)
    yield from problems
    if text is None:
        return
    try:
        yield Article(id=path.stem.removesuffix(".txt"), text=check_text(text, options.max_doc_chars),
                      published=options.published, source=options.source, origin=origin)
    except BadRecord as err:
        yield Problem(origin, str(err))
