"""HTML pages, one article each: trafilatura strips navigation, ads and footers and reads title and date.

The same extraction serves `.html` files, WARC response records and feed entries that carry HTML.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import Article
from .records import BadRecord, Problem, check_text, normalise_date
from .text import read_file_text

if TYPE_CHECKING:
    from . import ReadOptions


def extract_page(html: str | bytes, url: str | None = None) -> dict[str, str | None] | None:
    """The main text, title and date of a page, or None when trafilatura finds no article in it."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)  # a page without an article is our Problem
    try:
        document = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_tables=False,
                                               include_comments=False)
    except (ValueError, TypeError):  # trafilatura raises these on markup it cannot build a tree from
        return None
    if document is None:
        return None
    found = document.as_dict() if hasattr(document, "as_dict") else dict(document)
    return {"text": found.get("text"), "title": found.get("title"), "date": found.get("date"),
            "source": found.get("sitename") or found.get("hostname")}


UNREAD_TAGS = ("script", "style", "noscript", "template", "head", "title", "iframe", "svg", "form", "button",
               "select", "textarea")
BLOCK_TAGS = ("p", "div", "li", "br", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr")


def fragment_text(html: str) -> str:
    """Plain text of an HTML fragment (a feed summary), one line per block, for snippets too short for
    trafilatura's article detection."""
    import lxml.html

    if "<" not in html:
        return html.strip()
    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
        for element in root.iter():
            element.text = _one_line(element.text)
            element.tail = _one_line(element.tail)
        for element in list(root.iter(*UNREAD_TAGS)):
            element.drop_tree()  # scripts, styles and forms are never article text
        for element in root.iter(*BLOCK_TAGS):
            element.tail = "\n" + (element.tail or "")
        text = root.text_content()
    except (ValueError, lxml.etree.ParserError):  # markup lxml cannot build a tree from or hold
        return ""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


SPACE_OR_CONTROL_RE = re.compile(r"[\s\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]+")


def _one_line(text: str | None) -> str | None:
    """Whitespace runs as one space; characters XML cannot hold (from entities such as &#27;) go too, or
    lxml refuses to set the text."""
    return SPACE_OR_CONTROL_RE.sub(" ", text) if text else text


def without_repeated_title(text: str, title: str) -> str:
    """trafilatura often repeats the headline as the first line; drop it so it is not coded twice."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip() and rest.strip():
        return rest
    return text


def article_from_html(html: str | bytes, origin: str, doc_id: str, options: ReadOptions, url: str = "",
                      fallback_date: str | None = None, source: str = "") -> Article:
    """An Article from a page, dated by the page's own metadata, else `fallback_date` (a capture date)."""
    page = extract_page(html, url or None)
    if page is None or not (page["text"] or "").strip():
        raise BadRecord("no article text found in the HTML")
    title = (page["title"] or "").strip()
    text = check_text(without_repeated_title(page["text"], title), options.max_doc_chars)
    try:
        page_date = normalise_date(page["date"])
    except BadRecord:
        page_date = None
    date = page_date or fallback_date or options.published
    return Article(id=doc_id, text=text, title=title, published=date,
                   source=source or options.source or (page["source"] or ""), url=url, origin=origin)


def read_html_file(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    origin = str(path)
    html, problems = read_file_text(path, "HTML", options.max_page_bytes)
    yield from problems
    if html is None:
        return
    try:
        yield article_from_html(html, origin, path.stem, options)
    except BadRecord as err:
        yield Problem(origin, str(err))
