"""Opening input bytes safely: gzip by name, byte-order marks, a binary sniff, and capped reads.

Every reader starts here so that they all agree on what "binary" means (a high share of control bytes, not
one stray NUL), read UTF-16 files that carry a BOM, and never pull more than a set number of bytes into
memory for one document.
"""

from __future__ import annotations

import codecs
import gzip
import io
from pathlib import Path
from typing import IO

from .records import Problem

SNIFF_BYTES = 8192
BINARY_SHARE = 0.05  # text has almost no C0 control bytes; random or binary data has ~10% of them
TEXT_CONTROLS = frozenset(b"\t\n\r\x0b\x0c\x1b")  # whitespace and ESC (ANSI colour codes in scraped text)

BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def open_binary(path: Path) -> IO[bytes]:
    """The file's bytes, gunzipped when its name ends in .gz, with `peek` available for sniffing."""
    if path.name.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def peekable(stream: IO[bytes]) -> IO[bytes]:
    """A stream with `peek`, so the head can be sniffed without consuming it (stdin, gzip and files have it)."""
    if hasattr(stream, "peek"):
        return stream
    return io.BufferedReader(stream, buffer_size=SNIFF_BYTES)  # type: ignore[arg-type]


def head_of(stream: IO[bytes], size: int = SNIFF_BYTES) -> bytes:
    """Up to `size` bytes from the start of a peekable stream, left unread."""
    return stream.peek(size)[:size]  # type: ignore[attr-defined]


def bom_encoding(head: bytes) -> str | None:
    """The encoding a byte-order mark announces ("utf-8-sig", "utf-16", "utf-32"), or None without one."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return encoding
    return None


def binary_reason(head: bytes) -> str | None:
    """Why these bytes are not text, or None when they look like text. One NUL is not enough: scraped text
    holds stray control bytes, which cost only the record they are in."""
    if not head:
        return None
    if head.startswith((b"\x1f\x8b", b"PK\x03\x04", b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "compressed or binary data (its first bytes are a file signature)"
    controls = sum(1 for b in head if b < 32 and b not in TEXT_CONTROLS)
    if head.count(0) > len(head) // 4:
        return "every other byte is NUL: UTF-16 without a byte-order mark? save it as UTF-8"
    if controls > BINARY_SHARE * len(head):
        return f"{controls} of its first {len(head)} bytes are control bytes"
    return None


def sniff(stream: IO[bytes], name: str, kind: str) -> tuple[IO[bytes], str | None] | Problem:
    """The stream made peekable with the encoding its byte-order mark announces (None: UTF-8 or no BOM), or
    the one Problem for a whole input that is not `kind` text ("not CSV text: ..."). Every line-by-line
    reader opens with this, so they agree on what is binary and what a BOM means."""
    stream = peekable(stream)
    head = head_of(stream)
    encoding = bom_encoding(head)
    reason = None if encoding else binary_reason(head)
    if reason:
        return Problem(name, f"not {kind} text: {reason}", scope="input")
    return stream, encoding


def read_capped(stream: IO[bytes], limit: int) -> bytes | None:
    """All of a stream's bytes, or None when there are more than `limit` (only limit + 1 are read)."""
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


def decode_with_bom(data: bytes) -> str | None:
    """Text decoded by its byte-order mark, or None when it has none."""
    encoding = bom_encoding(data)
    return data.decode(encoding, errors="replace") if encoding else None
