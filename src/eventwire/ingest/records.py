"""Turning raw records into validated Articles, with errors that name the record and the problem."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..model import Article


@dataclass
class Problem:
    """A record that could not be read: where it is (file:line) and why."""

    origin: str
    reason: str
    severity: str = "error"  # "warning" when the record still went through

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


class BadRecord(ValueError):
    pass


DATE_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}")


def normalise_date(value: Any) -> str | None:
    """An ISO date (YYYY-MM-DD) from a date or timestamp string; None when empty; BadRecord when unreadable."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    if DATE_PREFIX.match(text):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            raise BadRecord(f"published date {text!r} is not a real date") from None
    for fmt in ("%Y%m%d", "%y%m%d", "%d %B %Y", "%B %d, %Y", "%a, %d %b %Y %H:%M:%S %z", "%a, %d %b %Y %H:%M:%S %Z"):
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    raise BadRecord(f"published date {text!r} is not in a known format (use YYYY-MM-DD)")


def check_text(text: Any, max_chars: int) -> str:
    if text is None:
        raise BadRecord("missing field 'text'")
    if not isinstance(text, str):
        raise BadRecord(f"field 'text' must be a string, not {type(text).__name__}")
    if not text.strip():
        raise BadRecord("field 'text' is empty")
    if "\x00" in text:
        raise BadRecord("field 'text' contains NUL bytes (binary data?)")
    if len(text) > max_chars:
        raise BadRecord(f"document has {len(text):,} characters, over the limit of {max_chars:,} "
                        "(set EVENTWIRE_MAX_DOC_CHARS to raise it)")
    return text


def article_from_mapping(record: Any, origin: str, default_id: str, published: str | None = None,
                         max_chars: int = 2_000_000, source: str = "") -> Article:
    """Validate one JSON-like record; raises BadRecord saying what is wrong with it."""
    if not isinstance(record, dict):
        raise BadRecord(f"expected a JSON object, got {type(record).__name__}")
    text = check_text(record.get("text"), max_chars)
    doc_id = record.get("id", record.get("doc_id"))
    doc_id = default_id if doc_id in (None, "") else str(doc_id)
    date = normalise_date(record.get("published", record.get("date"))) or normalise_date(published)
    return Article(id=doc_id, text=text, title=str(record.get("title") or ""), published=date,
                   source=str(record.get("source") or source), url=str(record.get("url") or ""), origin=origin)


def article_or_problem(record: Any, origin: str, default_id: str, options) -> Article | Problem:
    """One record as an Article, or a Problem naming it and what is wrong; `options` is a ReadOptions."""
    try:
        return article_from_mapping(record, origin, default_id, published=options.published,
                                    max_chars=options.max_doc_chars, source=options.source)
    except BadRecord as err:
        return Problem(origin, str(err))
