"""Live feeds: poll RSS/Atom feeds and folders, code only what is new, and report the alerts it raises.

One round (`Watcher.poll_once`):
1. every source that is due is read: a feed with a conditional GET (ETag / Last-Modified, so an unchanged
   feed costs one 304), a folder by the size and modification time of its readable files;
2. new feed entries (by id, else link) are written to a spool file next to the store *before* anything is
   coded, optionally with the text of the page they link to (trafilatura);
3. the spool files and the new or changed folder files are ingested through `api.ingest`, the store's
   normal write path (known articles are skipped before parsing), and the spool files are removed;
4. the alerts are recomputed and those not reported before are printed and appended to `alerts_out`.

The state (validators, seen entries, file signatures, failures, alerts reported) is a JSON file written
atomically after each step, so a restart — after Ctrl-C, a crash or a reboot — fetches nothing twice and
codes nothing twice: an interrupted ingest leaves its spool file, which the next round ingests (articles
already committed are skipped by hash). A source that is down or malformed is logged and retried with
exponential backoff (every, 2×, 4× … capped at an hour, or `every` when that is longer).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from . import __version__, analysis, api
from .ingest import Problem, ReadOptions, iter_files
from .ingest.feeds import entry_article
from .ingest.html import extract_page, without_repeated_title
from .ingest.records import BadRecord
from .model import Article

MAX_BACKOFF = 3600.0  # seconds: a source down for long is still tried at least hourly (or every `every`)
MAX_BYTES = 20_000_000  # a feed or page larger than this is refused
SEEN_LIMIT = 20_000  # entry keys remembered per feed (oldest forgotten first)
USER_AGENT = f"eventwire/{__version__} (watch)"


class SourceDown(Exception):
    """A feed or folder that could not be read this round; it is retried later with backoff."""


def parse_interval(text: str) -> float:
    """Seconds in '90', '30s', '15m', '2h', '1d' or '1h30m'."""
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([smhd]?)", text.strip().lower())
    if not parts or "".join(n + u for n, u in parts) != re.sub(r"\s+", "", text.strip().lower()):
        raise ValueError(f"cannot read the interval {text!r}; write e.g. 30s, 15m, 2h or 1d")
    scale = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
    return sum(float(n) * scale[u] for n, u in parts)


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


@dataclass
class SourceState:
    """What the watcher remembers about one feed or folder between rounds and runs."""

    etag: str | None = None
    modified: str | None = None
    seen: list[str] = field(default_factory=list)
    files: dict[str, list[int]] = field(default_factory=dict)  # folder file → [size, mtime_ns] ingested
    failures: int = 0
    next_due: float = 0.0


@dataclass
class Round:
    """What one round did, for the log and for tests."""

    new_entries: int = 0
    new_files: int = 0
    articles_added: int = 0
    events_added: int = 0
    ingested: bool = False
    failed: list[str] = field(default_factory=list)
    alerts: list[dict[str, Any]] = field(default_factory=list)


def alert_key(alert: dict[str, Any]) -> str:
    return "|".join(str(alert[k]) for k in ("kind", "source", "target", "country", "period", "freq", "measure",
                                            "method"))


class Watcher:
    def __init__(self, sources: Sequence[str], db: str | Path, every: float = 900.0, fetch_pages: bool = False,
                 state_path: str | Path | None = None, alerts_out: str | Path | None = None,
                 alert_options: dict[str, Any] | None = None, log: Callable[[str], None] = print,
                 on_problem: Callable[[Problem], None] | None = None, pipeline=None, settle: float = 2.0,
                 timeout: float = 30.0):
        self.sources = list(sources)
        self.db = str(db)
        self.every = every
        self.fetch_pages = fetch_pages
        self.state_path = Path(state_path or f"{db}.watch.json")
        self.spool = self.state_path.with_name(self.state_path.name.removesuffix(".json") + "-spool")
        self.alerts_out = Path(alerts_out) if alerts_out else None
        self.alert_options = alert_options or {}
        self.log = log
        self.on_problem = on_problem or (lambda p: log(f"{p.severity}: {p}"))
        self.pipeline = pipeline
        self.settle = settle
        self.timeout = timeout
        self.state: dict[str, SourceState] = {}
        self.alerted: list[str] = []
        self._load()

    # --- state ---------------------------------------------------------------------------------------

    def _load(self) -> None:
        if not self.state_path.exists():
            return
        try:
            saved = json.loads(self.state_path.read_text(encoding="utf-8"))
            self.state = {src: SourceState(**s) for src, s in saved.get("sources", {}).items()}
            self.alerted = list(saved.get("alerted", []))
        except (ValueError, TypeError) as err:
            raise ValueError(f"cannot read the watch state {self.state_path}: {err}; move it away to start "
                             "afresh (articles already stored are still skipped)") from None

    def save(self) -> None:
        """Write the state atomically: a crash mid-write leaves the previous state, never half of one."""
        self.state_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.state_path.with_name(self.state_path.name + ".tmp")
        payload = {"version": 1, "sources": {k: asdict(v) for k, v in self.state.items()},
                   "alerted": self.alerted}
        tmp.write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, self.state_path)

    def source_state(self, source: str) -> SourceState:
        return self.state.setdefault(source, SourceState())

    def backoff(self, failures: int) -> float:
        return min(self.every * 2 ** (failures - 1), max(MAX_BACKOFF, self.every))

    # --- one round -----------------------------------------------------------------------------------

    def poll_once(self, now: float | None = None) -> Round:
        """Read every due source, ingest what is new, report new alerts."""
        now = time.time() if now is None else now
        result = Round()
        changed_files: list[tuple[str, Path, list[int]]] = []
        for source in self.sources:
            state = self.source_state(source)
            if state.next_due > now:
                continue
            try:
                if is_url(source):
                    result.new_entries += self._poll_feed(source, state)
                else:
                    changed_files += [(source, f, sig) for f, sig in self._poll_folder(source, state, now)]
            except SourceDown as err:
                state.failures += 1
                delay = self.backoff(state.failures)
                state.next_due = now + delay
                result.failed.append(source)
                self.log(f"{source}: {err} (failure {state.failures}); next try in {delay:g}s")
            else:
                state.failures = 0
                state.next_due = now + self.every
            self.save()
        result.new_files = len(changed_files)
        self._ingest(changed_files, result)
        return result

    def _ingest(self, changed_files: list[tuple[str, Path, list[int]]], result: Round) -> None:
        spooled = sorted(self.spool.glob("*.jsonl")) if self.spool.is_dir() else []
        inputs = [str(p) for p in spooled] + [str(f) for _, f, _ in changed_files]
        if not inputs:
            return
        try:
            totals = api.ingest(inputs, self.db, pipeline=self.pipeline, on_problem=self.on_problem)
        except Exception as err:  # the store busy or unwritable: keep the spool, try again next round
            self.log(f"ingest into {self.db} failed ({type(err).__name__}: {err}); will retry next round")
            result.failed.append(self.db)
            return
        result.ingested = True
        result.articles_added = totals["articles_added"]
        result.events_added = totals["events_added"]
        for path in spooled:
            path.unlink()
        for source, file, signature in changed_files:
            self.source_state(source).files[str(file)] = signature
        self.save()
        self.log(f"{totals['articles_added']} new article(s), {totals['events_added']} event(s) added to {self.db} "
                 f"({totals['articles_seen'] - totals['articles_added']} already stored)")
        if totals["articles_added"]:
            result.alerts = self._new_alerts()

    def _new_alerts(self) -> list[dict[str, Any]]:
        fresh = [a for a in analysis.alerts(self.db, **self.alert_options) if alert_key(a) not in self.alerted]
        if fresh and self.alerts_out:
            with self.alerts_out.open("a", encoding="utf-8") as out:
                for alert in fresh:
                    out.write(json.dumps(alert, ensure_ascii=False) + "\n")
        self.alerted += [alert_key(a) for a in fresh]
        self.save()
        return fresh

    # --- feeds ---------------------------------------------------------------------------------------

    def _fetch(self, url: str, headers: dict[str, str] | None = None) -> tuple[bytes | None, Any]:
        """The body and headers of a GET (None for 304 Not Modified); SourceDown on any failure."""
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 (user's URL)
                body = response.read(MAX_BYTES + 1)
                if len(body) > MAX_BYTES:
                    raise SourceDown(f"larger than {MAX_BYTES:,} bytes")
                return body, response.headers
        except urllib.error.HTTPError as err:
            if err.code == 304:
                return None, err.headers
            raise SourceDown(f"HTTP {err.code} {err.reason}") from None
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as err:
            raise SourceDown(f"cannot fetch: {getattr(err, 'reason', err)}") from None

    def _poll_feed(self, url: str, state: SourceState) -> int:
        """Spool the feed's new entries; returns how many. Validators are kept only for a feed that parsed."""
        import feedparser

        headers = {k: v for k, v in (("If-None-Match", state.etag), ("If-Modified-Since", state.modified)) if v}
        body, response_headers = self._fetch(url, headers)
        if body is None:
            return 0
        parsed = feedparser.parse(body)
        entries = parsed.get("entries") or []
        if not parsed.get("version"):
            raise SourceDown(f"not a readable RSS/Atom feed ({parsed.get('bozo_exception') or 'no feed found'})")
        if cut_off(body):
            raise SourceDown(f"malformed feed, cut off before its closing tag ({parsed.get('bozo_exception')}); "
                             "nothing read")
        if parsed.get("bozo"):
            self.on_problem(Problem(url, f"feed is not well-formed ({parsed.get('bozo_exception')}); "
                                         "read what feedparser recovered", "warning"))
        seen = set(state.seen)
        today = dt.datetime.now(dt.UTC).date().isoformat()  # an undated entry is dated the day first seen
        options = ReadOptions(published=today)
        feed_title = (parsed.get("feed") or {}).get("title") or ""
        records = []
        for number, entry in enumerate(entries, start=1):
            key = entry_key(entry)
            if key in seen:
                continue
            seen.add(key)
            state.seen.append(key)
            origin = f"{url} entry {number}"
            try:
                article = entry_article(entry, origin, f"{url}#{number}", feed_title, options)
            except BadRecord as err:
                self.on_problem(Problem(origin, str(err)))
                continue
            if self.fetch_pages and article.url:
                article = self._with_page(article)
            records.append(article)
        del state.seen[:-SEEN_LIMIT]
        self._spool(records)
        state.etag = response_headers.get("ETag")
        state.modified = response_headers.get("Last-Modified")
        if records:
            self.log(f"{url}: {len(records)} new entr{'y' if len(records) == 1 else 'ies'}")
        return len(records)

    def _with_page(self, article: Article) -> Article:
        """The article with the text of the page it links to, when that page holds a longer article."""
        try:
            body, _ = self._fetch(article.url)
        except SourceDown as err:
            self.on_problem(Problem(article.url, f"page not fetched ({err}); the feed's text is used", "warning"))
            return article
        page = extract_page(body or b"", article.url)
        text = without_repeated_title(page["text"], article.title) if page and page["text"] else ""
        if len(text) > len(article.text):
            article.text = text
        return article

    def _spool(self, articles: list[Article]) -> None:
        """Write new entries to a spool file atomically, so a crash never leaves half a file to ingest."""
        if not articles:
            return
        self.spool.mkdir(parents=True, exist_ok=True)
        name = f"{time.time_ns()}.jsonl"
        tmp = self.spool / (name + ".tmp")
        with tmp.open("w", encoding="utf-8") as out:
            for a in articles:
                out.write(json.dumps({"id": a.id, "title": a.title, "text": a.text, "published": a.published,
                                      "source": a.source, "url": a.url}, ensure_ascii=False) + "\n")
        os.replace(tmp, self.spool / name)

    # --- folders -------------------------------------------------------------------------------------

    def _poll_folder(self, folder: str, state: SourceState, now: float) -> list[tuple[Path, list[int]]]:
        """Readable files that are new or changed since they were last ingested, and have settled (not
        modified in the last `settle` seconds, so a file still being written waits a round)."""
        path = Path(folder)
        if not path.exists():
            raise SourceDown("no such file or folder")
        changed = []
        for file in iter_files(path):
            try:
                info = file.stat()
            except OSError:
                continue
            signature = [info.st_size, info.st_mtime_ns]
            if state.files.get(str(file)) != signature and info.st_mtime <= now - self.settle:
                changed.append((file, signature))
        return changed

    # --- the loop ------------------------------------------------------------------------------------

    def run(self, polls: int | None = None, on_round: Callable[[Round], None] | None = None) -> None:
        """Poll until interrupted (or `polls` rounds), sleeping until the next source is due."""
        done = 0
        try:
            while polls is None or done < polls:
                result = self.poll_once()
                done += 1
                if on_round:
                    on_round(result)
                if polls is not None and done >= polls:
                    break
                due = min((self.source_state(s).next_due for s in self.sources), default=time.time())
                time.sleep(max(0.05, due - time.time()))
        finally:
            self.save()


CLOSING_TAGS = (b"</rss>", b"</feed>", b"</rdf:rdf>")


def cut_off(body: bytes) -> bool:
    """A feed that does not end with its root's closing tag was truncated (a dropped connection, a server
    error mid-write): its last entry may be cut too, so the whole feed waits for the next try. A complete
    feed that is merely not well-formed (an undefined entity) is read as feedparser recovers it."""
    return not body.rstrip().lower().endswith(CLOSING_TAGS)


def entry_key(entry: Any) -> str:
    """An entry's identity across polls: its id, else its link, else a hash of its title and content."""
    key = entry.get("id") or entry.get("link")
    if key:
        return str(key)
    body = f"{entry.get('title', '')}\x00{entry.get('summary', '')}".encode("utf-8", "surrogatepass")
    return "sha1:" + hashlib.sha1(body).hexdigest()
