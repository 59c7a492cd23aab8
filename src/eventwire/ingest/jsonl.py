"""JSONL documents (`id, text, title, published, source, url`), one per line, from a file or a stream, and
JSON arrays of such records (`.json`), the other way news dumps ship. Either may be gzipped.

Each line is decoded and validated on its own, so one bad line costs only itself; a file that is not
JSONL at all (binary, or a run of bad lines) is one Problem, not one per line.
"""

from __future__ import annotations

import io
import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from ..model import Article
from .records import Problem, give_up_after_bad_run, record_items
from .sources import head_of, open_binary, peekable, sniff

if TYPE_CHECKING:
    from . import ReadOptions

BROKEN_STREAM = (OSError, EOFError, zlib.error)  # a truncated or corrupt gzip member


def broken_stream(name: str, err: BaseException) -> Problem:
    """The one problem for a file whose (compressed) stream breaks off: what was read before it stays."""
    return Problem(name, f"the file breaks off (corrupt or truncated compressed data: {err}); "
                         "the rest of it is skipped", scope="input")


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    with open_binary(path) as fh:
        yield from read_jsonl_lines(fh, str(path), options)


def read_json(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    """A `.json` file: an array of records, one record, or (as often mislabelled) JSON lines."""
    with open_binary(path) as fh:
        stream = peekable(fh)
        head = head_of(stream).lstrip(b"\xef\xbb\xbf \t\r\n")
        if head.startswith(b"["):
            yield from read_json_array(stream, str(path), options)
        else:
            yield from read_jsonl_lines(stream, str(path), options)


def read_jsonl_lines(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Problem]:
    """Articles and problems from a JSONL byte stream; the origin of each is `name:line`."""
    sniffed = sniff(stream, name, "JSONL")
    if isinstance(sniffed, Problem):
        yield sniffed
        return
    stream, encoding = sniffed
    if encoding and encoding != "utf-8-sig":
        lines = _text_lines(stream, encoding)
    else:
        lines = _utf8_lines(stream, 4 * options.max_doc_chars + 1024)  # UTF-8 and JSON escapes make text longer
    yield from give_up_after_bad_run(_line_items(lines, name, options), name, "JSONL")


def capped_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """The stream's lines, never holding more than `limit` bytes of one: a longer line is None (its rest is
    read and dropped in pieces), so a file with no newlines cannot fill the memory."""
    while True:
        raw = stream.readline(limit + 1)
        if not raw:
            return
        if len(raw) <= limit or raw.endswith(b"\n"):
            yield raw
            continue
        while raw and not raw.endswith(b"\n"):
            raw = stream.readline(limit + 1)
        yield None


def _utf8_lines(stream: IO[bytes], limit: int) -> Iterator[tuple[int, str | Problem]]:
    """(line number, text or a Problem) for each line; a UTF-8 BOM is dropped."""
    for number, raw in enumerate(capped_lines(stream, limit), start=1):
        if raw is None:
            yield number, Problem("", f"line of more than {limit:,} bytes is over the limit for one document "
                                      "(set EVENTWIRE_MAX_DOC_CHARS to raise it); skipped")
            continue
        if number == 1:
            raw = raw.removeprefix(b"\xef\xbb\xbf")
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError as err:
            yield number, Problem("", f"not valid UTF-8 (byte {err.start + 1} of the line)")


def _text_lines(stream: IO[bytes], encoding: str) -> Iterator[tuple[int, str | Problem]]:
    """Lines of a UTF-16/32 file (its BOM said so); undecodable bytes become U+FFFD."""
    text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
    yield from enumerate(text, start=1)


def _line_items(lines: Iterator[tuple[int, str | Problem]], name: str, options: ReadOptions
                ) -> Iterator[Article | Problem]:
    seen_any = False
    try:
        for number, line in lines:
            origin = f"{name}:{number}"
            if isinstance(line, Problem):
                seen_any = True
                yield Problem(origin, line.reason)
                continue
            if not line.strip():
                continue
            seen_any = True
            yield from line_items(line, origin, f"{Path(name).stem}-{number}", options)
    except BROKEN_STREAM as err:
        yield broken_stream(name, err)
        return
    if not seen_any:
        yield Problem(name, "empty input: no records", scope="input")


def line_items(line: str, origin: str, default_id: str, options: ReadOptions) -> list[Article | Problem]:
    """One JSONL line as its warnings and Article, or one Problem saying what is wrong with it."""
    try:
        record = json.loads(line.rstrip("\r\n").removeprefix("\ufeff"))  # a BOM read as text (Spark's lines)
    except json.JSONDecodeError as err:
        return [Problem(origin, f"invalid JSON: {describe_json_error(err)}")]
    except RecursionError:
        return [Problem(origin, "invalid JSON: nested too deeply to be a news record")]
    except ValueError as err:  # e.g. an integer of more than 4,300 digits
        return [Problem(origin, f"invalid JSON: {err}")]
    return record_items(record, origin, default_id, options)


def describe_json_error(err: json.JSONDecodeError) -> str:
    """'Expecting value at column 7', 'Unterminated string starting at column 3': never 'at at'."""
    return f"{err.msg} column {err.colno}" if err.msg.endswith(" at") else f"{err.msg} at column {err.colno}"


ARRAY_CHUNK = 1 << 20


def read_json_array(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Problem]:
    """Records of a JSON array read one element at a time, so a large dump is never held whole. Each
    element is named by the line it starts on."""
    items = _array_items(stream, name, options)
    yield from give_up_after_bad_run(items, name, "a JSON array of records")


def _array_items(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Problem]:
    decoder = json.JSONDecoder()
    reader = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace")
    buffer, position, line, eof, count = "", 0, 1, False, 0
    limit = 4 * options.max_doc_chars  # one element may not grow the buffer past this

    def fill() -> bool:
        nonlocal buffer, position, eof
        chunk = reader.read(ARRAY_CHUNK)
        eof = not chunk
        buffer, position = buffer[position:] + chunk, 0
        return bool(chunk)

    def skip(chars: str) -> None:
        nonlocal position, line
        while True:
            while position < len(buffer) and buffer[position] in chars:
                line += buffer[position] == "\n"
                position += 1
            if position < len(buffer) or not fill():
                return

    try:
        fill()
        skip(" \t\r\n")
        if buffer[position:position + 1] != "[":
            yield Problem(name, "not a JSON array", scope="input")
            return
        position += 1
        while True:
            skip(" \t\r\n")
            if buffer[position:position + 1] == "]":
                break
            if count:
                if buffer[position:position + 1] != ",":
                    yield Problem(f"{name}:{line}", "invalid JSON: expected ',' or ']' between records; "
                                                    "the rest of the file is skipped", scope="input")
                    return
                position += 1
                skip(" \t\r\n")
            while True:
                try:
                    record, end = decoder.raw_decode(buffer, position)
                    if end < len(buffer) or eof or not fill():  # a number may go on in the next chunk
                        break
                    continue
                except (json.JSONDecodeError, RecursionError, ValueError) as err:
                    if not eof and len(buffer) - position < limit and fill():
                        continue
                    reason = describe_json_error(err) if isinstance(err, json.JSONDecodeError) else str(err)
                    yield Problem(f"{name}:{line}", f"invalid JSON: {reason or 'nested too deeply'}; "
                                                    "the rest of the file is skipped", scope="input")
                    return
            count += 1
            origin = f"{name}:{line}"
            line += buffer.count("\n", position, end)
            position = end
            yield from record_items(record, origin, f"{Path(name).stem}-{count}", options)
    except BROKEN_STREAM as err:
        yield broken_stream(name, err)
        return
    if not count:
        yield Problem(name, "empty input: the array holds no records", scope="input")
