"""Making a read Article safe to code: every reader's output passes through `clean_items`.

* Lone surrogates (JSON accepts `"\\ud800"`; spaCy, DuckDB and UTF-8 output do not) become U+FFFD.
* HTML inside a record's text is extracted with the same code as `.html` files, so `<script>` contents are
  never coded as news.
* Control characters and ANSI escape sequences become spaces (line separators become newlines), one for one,
  so every character offset the coder reports still points at the same place in the original text.
* A stretch of text with no sentence break longer than the parser's cap is reported; the parser skips it.

Each change is a warning naming the record: the record is still coded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..model import Article
from .records import BadRecord, Problem, shown

SURROGATE_RE = re.compile(r"[\ud800-\udfff]")
ANSI_RE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")  # one class: a fast scan
LONE_CR_RE = re.compile(r"\r(?!\n)")  # old Mac line ends
NEWLINE_LIKE = "\x0b\x0c\r\u2028\u2029"
MARKUP_RE = re.compile(r"</?(?:html|head|body|p|div|span|a|br|hr|script|style|noscript|iframe|table|tr|td|th|li|ul|"
                       r"ol|h[1-6]|article|section|header|footer|nav|aside|main|figure|figcaption|img|meta|link|"
                       r"strong|em|b|i|u|blockquote|form|input|button|svg|template)\b[^<>]{0,2000}>", re.I)
PAGE_RE = re.compile(r"<(?:!doctype|html|head|body|script|style)\b", re.I)
SENTENCE_BREAK_RE = re.compile(r"\n|(?<=[.!?;])\s")
QUICK_BREAK_RE = re.compile(r"[.!?;]\s|\n")  # the same breaks, found faster (no look-behind)


def replace_surrogates(value: str) -> tuple[str, int]:
    """The string with lone surrogates replaced by U+FFFD (same length), and how many there were."""
    return SURROGATE_RE.subn("\ufffd", value)


def _c1_or_space(char: str) -> str:
    """C1 controls in text are nearly always Windows-1252 punctuation decoded as Latin-1 (\\x93 is “)."""
    try:
        return bytes([ord(char)]).decode("cp1252")
    except UnicodeDecodeError:
        return " "


def _control_replacement(char: str) -> str:
    if char in NEWLINE_LIKE:
        return "\n"
    if "\x80" <= char <= "\x9f":
        return _c1_or_space(char)
    return " "


def normalise_controls(text: str) -> tuple[str, list[str]]:
    """Text with control characters and escape sequences replaced one for one (offsets unchanged), and the
    distinct sequences that were replaced."""
    found: list[str] = []

    def blank(match: re.Match) -> str:
        found.append(match.group())
        return " " * len(match.group())

    def swap(match: re.Match) -> str:
        found.append(match.group())
        return _control_replacement(match.group())

    text = ANSI_RE.sub(blank, text) if "\x1b" in text else text
    text = LONE_CR_RE.sub(swap, text) if "\r" in text else text
    return (CONTROL_RE.sub(swap, text) if CONTROL_RE.search(text) else text), found


def looks_like_html(text: str) -> bool:
    """Two or more HTML tags, or any page-level tag (`<html>`, `<script>`): prose almost never has them."""
    if "<" not in text:
        return False
    return bool(PAGE_RE.search(text)) or sum(1 for _ in zip(range(2), MARKUP_RE.finditer(text), strict=False)) >= 2


def html_text(markup: str) -> str:
    """The text of HTML found inside a record: trafilatura for whole pages (as for `.html` files), the
    fragment reader for snippets; scripts, styles and boilerplate never come through."""
    from .html import extract_page, fragment_text

    if PAGE_RE.search(markup) and re.search(r"<(?:p|article|div)\b", markup, re.I):
        page = extract_page(markup)
        if page and (page["text"] or "").strip():
            return page["text"]
    return fragment_text(markup)


def overlong_runs(text: str, max_chars: int) -> list[tuple[int, int]]:
    """[start, end) of every stretch longer than `max_chars` with no line or sentence break in it: the
    parser's time and memory grow with sentence length, and such a stretch is not prose."""
    runs: list[tuple[int, int]] = []
    if len(text) <= max_chars or max(map(len, QUICK_BREAK_RE.split(text))) < max_chars:
        return runs  # the common case, decided in C (a piece here is its run less one punctuation mark)
    start = 0
    for match in SENTENCE_BREAK_RE.finditer(text):
        if match.start() - start > max_chars:
            runs.append((start, match.start()))
        start = match.end()
    if len(text) - start > max_chars:
        runs.append((start, len(text)))
    return runs


def blank_runs(text: str, runs: list[tuple[int, int]]) -> str:
    """Text with the given stretches turned to spaces (offsets unchanged)."""
    if not runs:
        return text
    pieces, last = [], 0
    for start, end in runs:
        pieces += [text[last:start], " " * (end - start)]
        last = end
    return "".join(pieces) + text[last:]


def _surrogate_free(article: Article, warnings: list[str]) -> Article:
    changes = {}
    for name in ("id", "text", "title", "source", "url"):
        value, count = replace_surrogates(getattr(article, name))
        if count:
            changes[name] = value
            warnings.append(f"field {name!r} has {count} lone surrogate(s) (not valid Unicode); "
                            "replaced with U+FFFD")
    return replace(article, **changes) if changes else article


def _without_markup(article: Article, warnings: list[str]) -> Article:
    changes = {}
    for name in ("text", "title"):
        value = getattr(article, name)
        if looks_like_html(value) or (name == "title" and MARKUP_RE.search(value)):
            changes[name] = html_text(value)
            warnings.append(f"field {name!r} holds HTML; its text was extracted "
                            f"({len(value):,} → {len(changes[name]):,} characters)")
    if changes.get("text", article.text).strip() == "":
        raise BadRecord("field 'text' holds HTML with no article text in it")
    return replace(article, **changes) if changes else article


def _without_controls(article: Article, warnings: list[str]) -> Article:
    changes = {}
    for name in ("text", "title"):
        value, found = normalise_controls(getattr(article, name))
        if found:
            changes[name] = value
            examples = ", ".join(shown(s) for s in list(dict.fromkeys(found))[:3])
            warnings.append(f"field {name!r} has {len(found)} control character(s) or escape sequence(s) "
                            f"({examples}); replaced with spaces, offsets unchanged")
    if not changes.get("text", article.text).strip():
        raise BadRecord("field 'text' holds only control characters")
    return replace(article, **changes) if changes else article


def _run_on_warnings(article: Article, max_sentence_chars: int, warnings: list[str]) -> None:
    for start, end in overlong_runs(article.text, max_sentence_chars):
        warnings.append(f"{end - start:,} characters with no sentence break at offset {start:,}, over the "
                        f"parser's cap of {max_sentence_chars:,} (EVENTWIRE_MAX_SENTENCE_CHARS); not coded")


def clean_article(article: Article, max_sentence_chars: int) -> tuple[Article, list[str]]:
    """The article made safe to parse and store, with a warning for each change; BadRecord when nothing
    codable is left."""
    warnings: list[str] = []
    article = _surrogate_free(article, warnings)
    article = _without_controls(article, warnings)  # before the HTML parser, which refuses control characters
    extracted = _without_markup(article, warnings)
    if extracted is not article:  # entities such as &#27; can bring control characters back
        article = _without_controls(_surrogate_free(extracted, warnings), warnings)
    _run_on_warnings(article, max_sentence_chars, warnings)
    return article, warnings


def clean_items(items: Iterable[Article | Problem], max_sentence_chars: int) -> Iterator[Article | Problem]:
    """Each Article cleaned, preceded by one warning line saying everything that was mended in it (the
    reader's and the cleaner's); a record with nothing left to code is a Problem."""
    pending: list[Problem] = []  # the reader's warnings about the record that comes next
    for item in items:
        if isinstance(item, Problem):
            item = _printable(item)
            if item.severity == "warning" and item.scope == "record":
                pending.append(item)
                continue
            yield from pending
            pending.clear()
            yield item
            continue
        try:
            article, warnings = clean_article(item, max_sentence_chars)
        except BadRecord as err:
            yield from (p for p in pending if p.origin != item.origin)
            pending.clear()
            yield Problem(item.origin, str(err))
            continue
        reasons = [p.reason for p in pending if p.origin == article.origin] + warnings
        yield from (p for p in pending if p.origin != article.origin)
        pending.clear()
        if reasons:
            yield Problem(article.origin, "; ".join(reasons), "warning")
        yield article
    yield from pending


def _printable(problem: Problem) -> Problem:
    """A Problem whose text can be printed and stored (a file name or value may hold lone surrogates)."""
    if not SURROGATE_RE.search(problem.origin + problem.reason):
        return problem
    return Problem(replace_surrogates(problem.origin)[0], replace_surrogates(problem.reason)[0],
                   problem.severity, problem.scope)
