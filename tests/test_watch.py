"""`watch` against a real local HTTP server whose feed grows between polls, a real store and the real coder."""

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from eventwire.store import Store
from eventwire.watch import Watcher, parse_interval

STORIES = [
    ("story-1", "Mon, 07 Mar 2022 09:00:00 GMT", "Russian troops shelled Kharkiv",
     "Russian troops shelled the city of Kharkiv on Monday, local officials said."),
    ("story-2", "Mon, 07 Mar 2022 12:00:00 GMT", "Talks in Warsaw",
     "Ukraine's foreign minister held talks with his Polish counterpart in Warsaw on Monday."),
    ("story-3", "Tue, 08 Mar 2022 08:00:00 GMT", "Sanctions",
     "The United States banned imports of Russian oil on Tuesday, the White House said."),
    ("story-4", "Tue, 08 Mar 2022 10:00:00 GMT", "Empty item", ""),  # malformed: no text at all
]


def rss(stories) -> bytes:
    items = "".join(
        f"<item><guid>https://news.test/{sid}</guid><link>https://news.test/{sid}</link><title>{title}</title>"
        f"<pubDate>{date}</pubDate><description>{text}</description></item>"
        for sid, date, title, text in stories)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>'
            f"<link>https://news.test/</link><description>t</description>{items}</channel></rss>").encode()


class FeedServer:
    """A real HTTP server on localhost serving one feed, with ETag / If-None-Match, that a test changes."""

    def __init__(self):
        self.body = b""
        self.etag = None
        self.pages: dict[str, str] = {}
        self.log: list[tuple[str, int]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                if self.path in server.pages:
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.end_headers()
                    self.wfile.write(server.pages[self.path].encode())
                    server.log.append((self.path, 200))
                    return
                if self.path != "/feed.xml":
                    self.send_response(404)
                    self.end_headers()
                    server.log.append((self.path, 404))
                    return
                if server.etag and self.headers.get("If-None-Match") == server.etag:
                    self.send_response(304)
                    self.end_headers()
                    server.log.append((self.path, 304))
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml")
                self.send_header("ETag", server.etag)
                self.send_header("Last-Modified", "Mon, 07 Mar 2022 12:00:00 GMT")
                self.end_headers()
                self.wfile.write(server.body)
                server.log.append((self.path, 200))

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/feed.xml"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def serve(self, body: bytes, etag: str) -> None:
        self.body, self.etag = body, etag

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def test_parse_interval():
    assert parse_interval("15m") == 900 and parse_interval("1h30m") == 5400 and parse_interval("45") == 45
    with pytest.raises(ValueError, match="15 minutes"):
        parse_interval("15 minutes")


@pytest.mark.slow
def test_three_polls_new_items_only_a_malformed_feed_and_item_and_a_restart(tmp_path, pipeline):
    db = tmp_path / "live.duckdb"
    lines: list[str] = []
    problems = []

    def watcher():
        return Watcher([server.url], db, every=1, pipeline=pipeline, log=lines.append, on_problem=problems.append,
                       alerts_out=tmp_path / "alerts.jsonl", alert_options={"min_articles": 1, "min_events": 1})

    with FeedServer() as server:
        # poll 1: two stories
        server.serve(rss(STORIES[:2]), '"v1"')
        w = watcher()
        first = w.poll_once(now=1000)
        assert first.new_entries == 2 and first.articles_added == 2 and first.events_added > 0
        with Store(db, read_only=True) as store:
            assert store.count("articles") == 2
        # poll 2: the server sends a broken feed: logged, retried later, nothing stored, the old ETag kept
        server.serve(b"<rss><channel><item><title>cut off", '"broken"')
        second = w.poll_once(now=1001)
        assert second.failed == [server.url] and not second.ingested
        assert "cut off before its closing tag" in lines[-1] and "next try in 1s" in lines[-1]
        assert w.source_state(server.url).etag == '"v1"'
        assert w.poll_once(now=1001.5).failed == []  # not due yet: the backoff is respected
        # poll 3: the feed grew by two items, one of them malformed (no text)
        server.serve(rss(STORIES), '"v2"')
        third = w.poll_once(now=1002)
        assert third.new_entries == 1 and third.articles_added == 1
        assert any("entry 4" in str(p) and "empty" in str(p) for p in problems)
        assert w.source_state(server.url).failures == 0
        with Store(db, read_only=True) as store:
            assert store.count("articles") == 3
            titles = {r[0] for r in store.con.execute("SELECT title FROM articles").fetchall()}
        assert titles == {"Russian troops shelled Kharkiv", "Talks in Warsaw", "Sanctions"}
        assert not any(Path(tmp_path).glob("*-spool/*.jsonl"))  # the spool is emptied once ingested

        # restart: a new watcher reads the saved state; the unchanged feed answers 304 and nothing is coded
        restarted = watcher()
        again = restarted.poll_once(now=2000)
        assert server.log[-1] == ("/feed.xml", 304)
        assert again.new_entries == 0 and not again.ingested
        # a new ETag with the same items: fetched, but every entry is known, so still nothing is coded
        server.serve(rss(STORIES), '"v3"')
        assert restarted.poll_once(now=3000).new_entries == 0
        with Store(db, read_only=True) as store:
            assert store.count("articles") == 3


@pytest.mark.slow
def test_an_interrupted_ingest_is_resumed_from_the_spool(tmp_path, pipeline):
    """Entries spooled before a crash are ingested by the next run, and those already stored are skipped."""
    db = tmp_path / "live.duckdb"
    with FeedServer() as server:
        server.serve(rss(STORIES[:3]), '"v1"')
        w = Watcher([server.url], db, every=60, pipeline=pipeline, log=lambda _: None)
        state = w.source_state(server.url)
        assert w._poll_feed(server.url, state) == 3  # fetched and spooled, then "the process died"
        w.save()
        resumed = Watcher([server.url], db, every=60, pipeline=pipeline, log=lambda _: None)
        result = resumed.poll_once(now=time.time() + 120)
        assert result.new_entries == 0 and result.articles_added == 3
        with Store(db, read_only=True) as store:
            assert store.count("articles") == 3


@pytest.mark.slow
def test_a_folder_is_watched_for_new_and_grown_files(tmp_path, pipeline):
    db, inbox = tmp_path / "f.duckdb", tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.jsonl").write_text(json.dumps({"id": "a1", "text": STORIES[0][3], "published": "2022-03-07"})
                                   + "\n", encoding="utf-8")
    w = Watcher([str(inbox)], db, every=1, pipeline=pipeline, log=lambda _: None, settle=0)
    assert w.poll_once().articles_added == 1
    assert not w.poll_once(now=time.time() + 5).ingested  # unchanged files are not read again
    with (inbox / "a.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "a2", "text": STORIES[2][3], "published": "2022-03-08"}) + "\n")
    (inbox / "b.html").write_text("<html><head><title>T</title></head><body><article><p>" + STORIES[1][3] * 3
                                  + "</p></article></body></html>", encoding="utf-8")
    grown = w.poll_once(now=time.time() + 10)
    assert grown.new_files == 2 and grown.articles_added == 2  # a1 is skipped by hash, a2 and b are new


@pytest.mark.slow
def test_the_command_stops_cleanly_on_ctrl_c_and_resumes(tmp_path):
    db = tmp_path / "cli.duckdb"
    with FeedServer() as server:
        server.serve(rss(STORIES[:2]), '"v1"')
        command = [str(Path(sys.executable).parent / "eventwire"), "watch", server.url, "--db", str(db),
                   "--every", "1s"]
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        proc = subprocess.Popen(command, stderr=subprocess.PIPE, text=True, env=env)
        seen = []
        deadline = time.time() + 240
        for line in proc.stderr:
            seen.append(line)
            if "new article(s)" in line or time.time() > deadline:
                break
        proc.send_signal(signal.SIGINT)
        _, rest = proc.communicate(timeout=60)
        output = "".join(seen) + rest
        assert proc.returncode == 0, output
        assert "2 new article(s)" in output and "stopped; state saved" in output
        state = json.loads(Path(f"{db}.watch.json").read_text(encoding="utf-8"))
        assert state["sources"][server.url]["etag"] == '"v1"'
        again = subprocess.run(command + ["--polls", "1"], capture_output=True, text=True, env=env, timeout=240)
        assert again.returncode == 0, again.stderr
        assert "new article(s)" not in again.stderr and "done after 1 round(s)" in again.stderr
        assert server.log[-1] == ("/feed.xml", 304)


PAGE = """<html><head><title>Kharkiv under fire</title></head><body><nav>Home | World | Sport</nav>
<article><h1>Kharkiv under fire</h1><p>Russian troops shelled the city of Kharkiv on Monday, local officials
said.</p><p>Ukrainian forces detained two Russian soldiers near Izium on Monday, the general staff said.</p>
<p>The mayor of Kharkiv appealed for air defence systems on Monday.</p></article>
<footer>Copyright Test wire</footer></body></html>"""


@pytest.mark.slow
def test_fetch_pages_codes_the_article_behind_each_entry(tmp_path, pipeline):
    db = tmp_path / "pages.duckdb"
    with FeedServer() as server:
        base = server.url.rsplit("/", 1)[0]
        server.pages["/kharkiv.html"] = PAGE
        feed = rss([("k1", STORIES[0][1], "Kharkiv under fire", "Russian troops shelled Kharkiv.")])
        server.serve(feed.replace(b"https://news.test/k1</link>", f"{base}/kharkiv.html</link>".encode()), '"p1"')
        w = Watcher([server.url], db, every=60, fetch_pages=True, pipeline=pipeline, log=lambda _: None)
        assert w.poll_once().articles_added == 1
        assert ("/kharkiv.html", 200) in server.log
    with Store(db, read_only=True) as store:
        text, url = store.con.execute("SELECT text, url FROM articles").fetchone()
    assert "Izium" in text and "Home | World" not in text and url.endswith("/kharkiv.html")
