"""WARC and WARC.gz archives (Common Crawl News) read with warcio: each HTML response record is one
article, its text extracted by trafilatura; the date is the page's own, else the HTTP `Date` header,
else the `WARC-Date` of the capture."""

from __future__ import annotations

import io
import logging
import sys
import zlib
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from ..model import Article
from .html import article_from_html
from .records import BadRecord, Problem, normalise_date
from .sources import read_capped

if TYPE_CHECKING:
    from . import ReadOptions

HTML_TYPES = ("text/html", "application/xhtml+xml")
# what warcio raises on bytes that are not a WARC record: a cut stream, bad gzip, unparseable headers, or a
# Content-Length too large for an integer (found by bench/fuzz.py)
BROKEN_RECORD = (EOFError, OSError, ValueError, AttributeError, OverflowError, IndexError, KeyError, TypeError,
                 zlib.error)


def read_warc(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    with path.open("rb") as fh:
        yield from read_warc_stream(fh, str(path), options)


def read_warc_stream(stream: IO[bytes], name: str, options: ReadOptions) -> Iterator[Article | Problem]:
    """Articles from an open WARC (gzipped or not); the Spark engine passes in-memory files here."""
    from warcio.exceptions import ArchiveLoadFailed

    logging.getLogger("warcio").setLevel(logging.ERROR)  # its warnings about odd headers are not our user's
    seen_html = False
    records = quiet_archive_iterator()(stream)
    try:
        for record in records:
            if not is_html_response(record):
                continue
            seen_html = True
            body = read_capped(record.content_stream(), options.max_page_bytes)  # before asking the offset,
            origin = f"{name}@{records.get_record_offset()} ({record.rec_headers.get_header('WARC-Target-URI')})"
            if body is None:  # which skips the body
                yield Problem(origin, f"page is over {options.max_page_bytes:,} bytes; not read "
                                      "(set EVENTWIRE_MAX_DOC_CHARS to raise the limit)")
                continue
            yield record_article(record, body, origin, options)
    except (ArchiveLoadFailed, *BROKEN_RECORD) as err:
        yield Problem(f"{name}@{records.offset}", f"broken WARC record, rest of file skipped: {err}", scope="input")
        return
    if records.err_count:
        yield Problem(name, f"{records.err_count} record(s) whose Content-Length did not match the data; read as "
                            "far as possible", "warning", scope="input")
    if not seen_html:
        yield Problem(name, "no HTML response records in this WARC file", scope="input")


def quiet_archive_iterator():
    """warcio's ArchiveIterator, with its stderr warning about a wrong Content-Length (one per record,
    printed past our reporter) counted in `err_count` instead."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):
        def _consume_blanklines(self):
            saved, sys.stderr = sys.stderr, io.StringIO()
            try:
                return super()._consume_blanklines()
            finally:
                sys.stderr = saved

    return QuietArchiveIterator


def is_html_response(record: Any) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return any(t in content_type for t in HTML_TYPES)


def record_article(record: Any, body: bytes, origin: str, options: ReadOptions) -> Article | Problem:
    """The article in one response record, or a Problem naming the record when it has none."""
    status = record.http_headers.get_statuscode()
    if status and not status.startswith("2"):
        return Problem(origin, f"HTTP status {status}, not a page")
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>").removeprefix("urn:uuid:")
    try:
        return article_from_html(body, origin, record_id or url, options, url=url,
                                 fallback_date=capture_date(record))
    except BadRecord as err:
        return Problem(origin, str(err))


def capture_date(record: Any) -> str | None:
    """The HTTP Date header's day, else the WARC-Date's."""
    header = record.http_headers.get_header("Date")
    if header:
        try:
            return parsedate_to_datetime(header).date().isoformat()
        except (TypeError, ValueError):
            pass
    try:
        return normalise_date(record.rec_headers.get_header("WARC-Date"))
    except BadRecord:
        return None
