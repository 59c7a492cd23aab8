"""The ingest stage: read documents from files, folders and stdin into `Article` records.

Readers yield `Article`s and `Problem`s in input order; a bad record becomes a Problem that names the file,
line and reason, and the batch goes on. Each format lives in its own module and registers its file
endings in `READERS`. Every Article then passes through `clean.clean_items`, so whatever reader it came
from, what reaches the coder is valid Unicode without markup or control characters.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..model import Article
from .clean import clean_items
from .feeds import read_feed_url
from .formats import more_readers
from .jsonl import read_json, read_jsonl, read_jsonl_lines
from .records import BadRecord, Problem, article_from_mapping, normalise_date
from .sources import head_of, open_binary, peekable
from .text import read_text_file

Reader = Callable[[Path, "ReadOptions"], Iterator["Article | Problem"]]


class ReadOptions:
    """What every reader needs: a fallback publication date, the size limit for a document (and so for the
    bytes read for one page or feed), and the longest sentence the parser is given."""

    def __init__(self, published: str | None = None, max_doc_chars: int = 2_000_000, source: str = "",
                 max_sentence_chars: int | None = None):
        self.published = normalise_date(published)  # BadRecord (a ValueError) names a bad --published
        self.max_doc_chars = max_doc_chars
        self.source = source
        self.max_page_bytes = 5 * max_doc_chars  # raw HTML is several times its text
        self.max_feed_bytes = 10 * max_doc_chars  # a feed carries many entries
        if max_sentence_chars is None:
            from ..settings import Settings

            max_sentence_chars = Settings.from_env().max_sentence_chars
        self.max_sentence_chars = max_sentence_chars


def read_gzip(path: Path, options: ReadOptions) -> Iterator[Article | Problem]:
    """A `.gz` whose inner name says nothing: JSON array if it starts with '[', JSONL if with '{', else text."""
    with open_binary(path) as fh:
        start = head_of(peekable(fh), 64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if start == b"[":
        yield from read_json(path, options)
    elif start == b"{":
        yield from read_jsonl(path, options)
    else:
        yield from read_text_file(path, options)


READERS: dict[str, Reader] = {
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
    ".txt": read_text_file,
}
READERS.update(more_readers())
READERS.update({f"{suffix}.gz": READERS[suffix] for suffix in (".jsonl", ".ndjson", ".json", ".csv", ".txt",
                                                               ".html", ".htm")})
READERS[".gz"] = read_gzip


def readable_types() -> str:
    """The file endings read, for messages: '.csv, .html, ... (and any of these gzipped)'."""
    plain = sorted(s for s in READERS if not s.endswith(".gz") or s in (".warc.gz", ".arc.gz"))
    return ", ".join(plain) + " (and .gz of the text formats)"


def register_reader(suffix: str, reader: Reader) -> None:
    """Let a format module (or a plugin) read files ending in `suffix`."""
    READERS[suffix.lower()] = reader


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix in sorted(READERS, key=len, reverse=True):
        if name.endswith(suffix):
            return READERS[suffix]
    return None


def iter_files(path: Path) -> Iterator[Path]:
    """A file, or every readable file below a folder in name order."""
    for item in folder_files(path):
        if isinstance(item, Path):
            yield item


def folder_files(path: Path) -> Iterator[Path | Problem]:
    """A file; or the readable files below a folder in name order, then one warning listing what was skipped
    and an error when nothing in it is readable (hidden files and folders are passed over silently)."""
    if not path.is_dir():
        yield path
        return
    readable, skipped = 0, Counter()
    for child in sorted(path.rglob("*")):
        if not child.is_file() or any(part.startswith(".") for part in child.relative_to(path).parts):
            continue
        if reader_for(child):
            readable += 1
            yield child
        else:
            skipped[child.suffix.lower() or "no extension"] += 1
    kinds = ", ".join(f"{n} {kind}" for kind, n in skipped.most_common())
    if readable and skipped:
        yield Problem(str(path), f"skipped {sum(skipped.values())} file(s) of types eventwire does not read "
                                 f"({kinds})", "warning", scope="input")
    elif not readable:
        found = f"only files of types eventwire does not read ({kinds})" if skipped else "no files"
        yield Problem(str(path), f"nothing to read in this folder: {found}; readable types: "
                                 f"{readable_types()}", scope="input")


def read_path(raw: str, options: ReadOptions) -> Iterator[Article | Problem]:
    """Articles and problems from one command-line input: a URL, a file or a folder."""
    if raw.startswith(("http://", "https://")):
        yield from read_feed_url(raw, options)
        return
    path = Path(raw)
    if not path.exists():
        yield Problem(raw, "no such file or folder", scope="input")
        return
    for file in folder_files(path):
        if isinstance(file, Problem):
            yield file
            continue
        reader = reader_for(file)
        if reader is None:
            yield Problem(str(file), f"unknown file type {file.suffix!r}; readable types: {readable_types()}",
                          scope="input")
            continue
        try:
            yield from reader(file, options)
        except OSError as err:
            yield Problem(str(file), f"cannot read: {err.strerror or err}", scope="input")


def read_inputs(inputs: Iterable[str], published: str | None = None, max_doc_chars: int = 2_000_000,
                stdin=None, max_sentence_chars: int | None = None) -> Iterator[Article | Problem]:
    """Articles and problems from every input: files, folders, URLs, or `-` for JSONL on standard input.
    When nothing at all was read and no error said why, that is an error too."""
    options = ReadOptions(published, max_doc_chars, max_sentence_chars=max_sentence_chars)
    read_any = said_why = False
    for raw in inputs:
        if raw == "-":
            items = read_jsonl_lines(stdin if stdin is not None else sys.stdin.buffer, "<stdin>", options)
        else:
            items = read_path(raw, options)
        for item in clean_items(items, options.max_sentence_chars):
            read_any = read_any or isinstance(item, Article)
            said_why = said_why or (isinstance(item, Problem) and item.severity == "error")
            yield item
    if not read_any and not said_why:
        yield Problem("input", "nothing was read", scope="input")


__all__ = ["Article", "BadRecord", "Problem", "ReadOptions", "READERS", "read_inputs", "register_reader",
           "article_from_mapping"]
