"""The file endings of the HTML, CSV, feed and WARC readers, registered into `READERS`."""

from __future__ import annotations

from .csv_reader import read_csv
from .feeds import FEED_SUFFIXES, read_feed_file
from .html import read_html_file
from .warc import read_warc


def more_readers() -> dict:
    readers = {".csv": read_csv, ".html": read_html_file, ".htm": read_html_file,
               ".warc": read_warc, ".warc.gz": read_warc, ".arc.gz": read_warc}
    readers.update({suffix: read_feed_file for suffix in FEED_SUFFIXES})
    return readers
