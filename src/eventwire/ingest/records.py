"""Turning raw records into validated Articles, with errors that name the record and the problem."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from ..model import Article


@dataclass
class Problem:
    """A record that could not be read: where it is (file:line) and why.

    `scope` is "record" for one bad record and "input" for a whole file, folder or URL that could not be
    read, so the summary does not call a missing file a bad record."""

    origin: str
    reason: str
    severity: str = "error"  # "warning" when the record still went through
    scope: str = "record"

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class BadRecord(ValueError):
    pass


DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")
DATE_FORMATS = ("%Y%m%d", "%y%m%d", "%d %B %Y", "%B %d, %Y", "%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z")
MAX_SHOWN = 60  # characters of a bad value quoted back in a message


def shown(value: Any) -> str:
    """A value quoted in a message: repr'd (so control characters show as escapes) and shortened."""
    text = repr(value if isinstance(value, str) else str(value)[:MAX_SHOWN * 2])
    return text if len(text) <= MAX_SHOWN else text[:MAX_SHOWN - 4] + "…" + text[-3:]


def normalise_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date or timestamp string; None when empty; BadRecord when unreadable."""
    if value in (None, ""):
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise BadRecord(f"published date must be a string, not {type(value).__name__}")
    text = str(value).strip()
    if DATE_PREFIX.match(text):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            raise BadRecord(f"published date {shown(text)} is not a real date") from None
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise BadRecord(f"published date {shown(text)} is not in a known format (use YYYY-MM-DD)")


def check_text(text: Any, max_chars: int, present: bool = True) -> str:
    """The document text, or BadRecord saying why there is none to code."""
    if text is None:
        raise BadRecord("field 'text' is null" if present else "missing field 'text'")
    if not isinstance(text, str):
        raise BadRecord(f"field 'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise BadRecord("field 'text' is empty")
    if len(text) > max_chars:
        raise BadRecord(f"document has {len(text):,} characters, over the limit of {max_chars:,} "
                        "(set EVENTWIRE_MAX_DOC_CHARS to raise it)")
    return text


Warn = Callable[[str], None]


def optional_string(record: dict, keys: Iterable[str], warn: Warn | None) -> str | None:
    """The first non-empty of `keys` as a string; a list or object there is ignored with a warning."""
    for key in keys:
        value = record.get(key)
        if value in (None, ""):
            continue
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        if warn:
            warn(f"field {key!r} must be a string, not {type(value).__name__}; ignored")
    return None


def record_date(record: dict, fallback: str | None, warn: Warn | None) -> str | None:
    """The record's own date; an unreadable one is a warning (the record is coded undated), not a drop."""
    value = next((record[k] for k in ("published", "date") if record.get(k) not in (None, "")), None)
    try:
        return normalise_date(value) or fallback
    except BadRecord as err:
        if warn:
            warn(f"{err}; coded with " + (f"the --published date {fallback}" if fallback else "no date"))
        return fallback


def article_from_mapping(record: Any, origin: str, default_id: str, published: str | None = None,
                         max_chars: int = 2_000_000, source: str = "", warn: Warn | None = None) -> Article:
    """Validate one JSON-like record; raises BadRecord saying what is wrong with it. Problems that do not
    stop the record (an unreadable date, a field of the wrong type) go to `warn`."""
    if not isinstance(record, dict):
        raise BadRecord(f"expected a JSON object, got {type(record).__name__}")
    text = check_text(record.get("text"), max_chars, present="text" in record)
    fallback = normalise_date(published)
    return Article(id=optional_string(record, ("id", "doc_id"), warn) or default_id, text=text,
                   title=optional_string(record, ("title",), warn) or "",
                   published=record_date(record, fallback, warn),
                   source=optional_string(record, ("source",), warn) or source,
                   url=optional_string(record, ("url",), warn) or "", origin=origin)


def record_items(record: Any, origin: str, default_id: str, options) -> list[Article | Problem]:
    """One record as its warnings and Article, or one Problem naming it; `options` is a ReadOptions."""
    warnings: list[str] = []
    try:
        article = article_from_mapping(record, origin, default_id, published=options.published,
                                       max_chars=options.max_doc_chars, source=options.source,
                                       warn=warnings.append)
    except BadRecord as err:
        return [Problem(origin, str(err))]
    return [*(Problem(origin, w, "warning") for w in warnings), article]


def article_or_problem(record: Any, origin: str, default_id: str, options) -> Article | Problem:
    """One record as an Article, or a Problem (kept for callers that do not want warnings)."""
    return record_items(record, origin, default_id, options)[-1]


MAX_BAD_RUN = 25  # this many bad records in a row, and a file is not the format its name says


def give_up_after_bad_run(items: Iterable[Article | Problem], name: str, kind: str,
                          limit: int = MAX_BAD_RUN) -> Iterator[Article | Problem]:
    """Pass items through, but after `limit` bad records in a row stop with one message instead of
    hundreds: a file of random bytes or another format is one problem, not one per line."""
    run: list[Problem] = []
    for item in items:
        if isinstance(item, Problem) and item.severity == "error" and item.scope == "record":
            run.append(item)
            if len(run) >= limit:
                yield Problem(name, f"this does not look like {kind}: {limit} bad records in a row from "
                                    f"{run[0].origin} (the first: {run[0].reason}); the rest of the file "
                                    "is skipped", scope="input")
                return
            continue
        yield from run
        run.clear()
        yield item
    yield from run
