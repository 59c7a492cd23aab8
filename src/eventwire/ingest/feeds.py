"""RSS and Atom feeds read with feedparser: one article per entry, from a file or (where the network
allows) a URL. The entry's full content is used when the feed carries it, else its summary."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Article
from .html import fragment_text
from .records import BadRecord, Problem, check_text
from .sources import open_binary, read_capped

if TYPE_CHECKING:
    from . import ReadOptions

FEED_SUFFIXES = (".rss", ".atom", ".rdf", ".feed.xml")


def read_feed_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    with open_binary(path) as fh:
        data = read_capped(fh, options.max_feed_bytes)
    if data is None:
        yield too_large(str(path), options.max_feed_bytes)
        return
    yield from read_feed(data, str(path), path.stem, options)


def too_large(name: str, limit: int) -> Problem:
    return Problem(name, f"feed is over {limit:,} bytes; not read (set EVENTWIRE_MAX_DOC_CHARS to raise the "
                         "limit)", scope="input")


def read_feed_url(url: str, options: ReadOptions) -> Iterator[Article | Problem]:
    """Fetch a feed over HTTP; a network failure is one Problem naming the URL."""
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (the user named this URL)
            data = read_capped(response, options.max_feed_bytes)
    except (urllib.error.URLError, TimeoutError, ValueError, OSError) as err:
        yield Problem(url, f"cannot fetch feed: {getattr(err, 'reason', err)}", scope="input")
        return
    if data is None:
        yield too_large(url, options.max_feed_bytes)
        return
    yield from read_feed(data, url, url.rstrip("/").rsplit("/", 1)[-1] or "feed", options)


def read_feed(data: bytes, name: str, stem: str, options: ReadOptions) -> Iterator[Article | Problem]:
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as err:  # noqa: BLE001  feedparser has raised KeyError('links') on broken feeds (bench/fuzz.py)
        yield Problem(name, f"not a readable RSS/Atom feed: feedparser failed ({type(err).__name__}: {err})",
                      scope="input")
        return
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception") or "no entries"
        yield Problem(name, f"not a readable RSS/Atom feed: {reason}", scope="input")
        return
    if parsed.get("bozo"):
        yield Problem(name, f"feed is not well-formed ({parsed.get('bozo_exception')}); "
                            "read what feedparser recovered", "warning")
    feed_title = (parsed.get("feed") or {}).get("title") or ""
    for number, entry in enumerate(entries, start=1):
        origin = f"{name}:entry {number}"
        try:
            yield entry_article(entry, origin, f"{stem}-{number}", feed_title, options)
        except BadRecord as err:
            yield Problem(origin, str(err))


def entry_article(entry: Any, origin: str, default_id: str, feed_title: str, options: ReadOptions) -> Article:
    """One entry: its content (or summary) as text, its title, link and publication date."""
    text = check_text(fragment_text(entry_html(entry)), options.max_doc_chars)
    return Article(id=str(entry.get("id") or entry.get("link") or default_id), text=text,
                   title=fragment_text(entry.get("title") or ""), published=entry_date(entry, options),
                   source=options.source or feed_title, url=str(entry.get("link") or ""), origin=origin)


def entry_html(entry: Any) -> str:
    contents = entry.get("content") or []
    longest = max((c.get("value") or "" for c in contents), key=len, default="")
    return longest or entry.get("summary") or entry.get("description") or ""


def entry_date(entry: Any, options: ReadOptions) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry[key] if key in entry.keys() else None  # .get warns on feedparser's fallback keys
        if parsed:
            try:
                return dt.date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday).isoformat()
            except (ValueError, TypeError, AttributeError):  # a year 0 or a struct feedparser half-filled
                continue
    return options.published
