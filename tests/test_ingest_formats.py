"""Each input format on small files written here, including a broken record of each: the broken record
becomes a Problem naming it, and the good records around it still come through."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest

from eventwire.ingest import Problem, read_inputs

PAGE = """<html><head><title>{title} | Example Wire</title>
<meta property="article:published_time" content="{date}T08:00:00Z">
<meta property="og:title" content="{title}"></head>
<body><nav><a href="/">Home</a> <a href="/world">World news</a> <a href="/sport">Sport</a></nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>Officials from both delegations described the talks as constructive and said that a further round
would take place in the coming weeks, once experts had studied the proposals in detail.</p>
</article>
<footer>Copyright Example Wire. Sign up for our daily newsletter. Cookie settings.</footer></body></html>"""

BODY = ("The foreign ministers of Turkey and Greece met in Ankara on Monday to discuss maritime borders "
        "in the Aegean Sea and the future of energy exploration in the region.")


def split(items) -> tuple[list, list[Problem]]:
    articles = [i for i in items if not isinstance(i, Problem)]
    problems = [i for i in items if isinstance(i, Problem) and i.severity == "error"]
    return articles, problems


def test_csv_reads_rows_and_names_the_bad_one(tmp_path: Path):
    path = tmp_path / "wire.csv"
    path.write_text('id,text,title,published,source,url\n'
                    'a1,"Troops crossed the border at dawn.\nResidents fled.",Border crossed,2024-02-01,Wire,'
                    'http://x/1\n'
                    'a2,,Empty story,2024-02-02,Wire,http://x/2\n'
                    'a3,Talks resumed in Geneva.,Talks,not a date,Wire,http://x/3\n'
                    'a4,The parliament passed the budget.,Budget,2024-02-04,Wire,http://x/4\n', encoding="utf-8")
    items = list(read_inputs([str(path)]))
    articles, problems = split(items)
    assert [a.id for a in articles] == ["a1", "a3", "a4"]  # an unreadable optional date costs only the date
    assert articles[0].text == "Troops crossed the border at dawn.\nResidents fled."
    assert articles[0].published == "2024-02-01" and articles[0].url == "http://x/1"
    assert articles[1].published is None
    assert articles[2].origin == f"{path}:6"  # a1 spans lines 2 and 3
    assert [p.origin for p in problems] == [f"{path}:4"]
    assert "text" in problems[0].reason
    warnings = [i for i in items if isinstance(i, Problem) and i.severity == "warning"]
    assert [w.origin for w in warnings] == [f"{path}:5"] and "date" in warnings[0].reason


def test_csv_without_text_column_is_one_problem(tmp_path: Path):
    path = tmp_path / "nohead.csv"
    path.write_text("id,body\n1,Something happened.\n", encoding="utf-8")
    articles, problems = split(list(read_inputs([str(path)])))
    assert articles == [] and len(problems) == 1 and "header" in problems[0].reason


def test_html_folder_strips_boilerplate_and_reads_metadata(tmp_path: Path):
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / "ankara.html").write_text(PAGE.format(title="Ministers meet in Ankara", date="2023-03-14",
                                                    body=BODY), encoding="utf-8")
    (folder / "note.txt").write_text("Protesters gathered outside the embassy in Nairobi.", encoding="utf-8")
    (folder / "broken.html").write_text("<html><head><title>Gallery</title></head><body></body></html>",
                                       encoding="utf-8")
    articles, problems = split(list(read_inputs([str(folder)], published="2023-03-20")))
    by_id = {a.id: a for a in articles}
    assert set(by_id) == {"ankara", "note"}
    page = by_id["ankara"]
    assert page.title == "Ministers meet in Ankara"
    assert page.published == "2023-03-14"
    assert page.text.startswith("The foreign ministers of Turkey")
    assert "newsletter" not in page.text and "World news" not in page.text
    assert by_id["note"].published == "2023-03-20"
    assert len(problems) == 1 and problems[0].origin.endswith("broken.html")
    assert "no article text" in problems[0].reason


RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Wire: World</title><link>http://example.org/</link>
<item><title>Ceasefire agreed in the north</title><link>http://example.org/ceasefire</link>
<guid>wire-101</guid><pubDate>Tue, 05 Mar 2024 09:30:00 GMT</pubDate>
<description>&lt;p&gt;Rebel commanders and the army agreed a ceasefire on Monday.&lt;/p&gt;&lt;p&gt;Monitors will
arrive this week.&lt;/p&gt;</description></item>
<item><title>Photo gallery</title><link>http://example.org/gallery</link><guid>wire-102</guid>
<pubDate>Tue, 05 Mar 2024 10:00:00 GMT</pubDate><description></description></item>
<item><title>Envoy expelled</title><link>http://example.org/envoy</link><guid>wire-103</guid>
<pubDate>Wed, 06 Mar 2024 07:00:00 GMT</pubDate><description>The government expelled the ambassador.</description>
</item></channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Example Atom</title><id>urn:example</id>
<updated>2024-04-02T12:00:00Z</updated>
<entry><title>Strike closes ports</title><id>urn:example:1</id><link href="http://example.org/strike"/>
<published>2024-04-01T12:00:00Z</published><updated>2024-04-02T12:00:00Z</updated>
<content type="html">&lt;p&gt;Dock workers went on strike in three ports, halting exports.&lt;/p&gt;</content>
</entry></feed>"""


def test_rss_and_atom_entries_become_articles(tmp_path: Path):
    (tmp_path / "world.rss").write_text(RSS, encoding="utf-8")
    (tmp_path / "ports.atom").write_text(ATOM, encoding="utf-8")
    articles, problems = split(list(read_inputs([str(tmp_path / "world.rss"), str(tmp_path / "ports.atom")])))
    assert [a.id for a in articles] == ["wire-101", "wire-103", "urn:example:1"]
    first = articles[0]
    assert first.text == "Rebel commanders and the army agreed a ceasefire on Monday.\nMonitors will arrive this week."
    assert first.title == "Ceasefire agreed in the north" and first.published == "2024-03-05"
    assert first.url == "http://example.org/ceasefire" and first.source == "Example Wire: World"
    assert articles[2].published == "2024-04-01"
    assert [p.origin for p in problems] == [f"{tmp_path / 'world.rss'}:entry 2"]
    assert "empty" in problems[0].reason


def test_unreadable_feed_is_a_problem(tmp_path: Path):
    path = tmp_path / "junk.rss"
    path.write_text("this is not a feed at all", encoding="utf-8")
    articles, problems = split(list(read_inputs([str(path)])))
    assert articles == [] and len(problems) == 1 and "feed" in problems[0].reason


def warc_bytes(pages: list[tuple[str, str, bytes, str | None]]) -> bytes:
    """A WARC (gzip per record, as Common Crawl writes it) of response records (url, warc date, html, http date)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("test.warc.gz", {"software": "eventwire tests"}))
    for url, warc_date, html, http_date in pages:
        headers = [("Content-Type", "text/html; charset=utf-8")]
        if http_date:
            headers.append(("Date", http_date))
        http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=http,
                                           warc_headers_dict={"WARC-Date": warc_date})
        writer.write_record(record)
    return buffer.getvalue()


UNDATED = PAGE.replace('<meta property="article:published_time" content="{date}T08:00:00Z">', "")


@pytest.mark.parametrize("name", ["crawl.warc.gz", "crawl.warc"])
def test_warc_response_records_become_articles(tmp_path: Path, name: str):
    data = warc_bytes([
        ("http://example.org/a", "2023-05-02T10:00:00Z",
         PAGE.format(title="Ministers meet in Ankara", date="2023-05-01", body=BODY).encode(), None),
        ("http://example.org/b", "2023-05-03T10:00:00Z", b"<html><body><p></p></body></html>", None),
        ("http://example.org/c", "2023-05-04T10:00:00Z",
         UNDATED.format(title="Border talks", body=BODY.replace("Monday", "Tuesday")).encode(),
         "Thu, 04 May 2023 06:00:00 GMT"),
    ])
    path = tmp_path / name
    path.write_bytes(data if name.endswith(".gz") else gzip.decompress(data))
    articles, problems = split(list(read_inputs([str(path)])))
    assert [a.url for a in articles] == ["http://example.org/a", "http://example.org/c"]
    assert articles[0].published == "2023-05-01"  # the page's own date
    assert articles[1].published == "2023-05-04"  # the HTTP Date header
    assert articles[0].title == "Ministers meet in Ankara" and "Ankara on Monday" in articles[0].text
    assert len(problems) == 1 and "http://example.org/b" in problems[0].origin


def test_truncated_warc_keeps_the_records_before_the_break(tmp_path: Path):
    data = warc_bytes([("http://example.org/a", "2023-05-02T10:00:00Z",
                        PAGE.format(title="Ministers meet", date="2023-05-01", body=BODY).encode(), None)])
    path = tmp_path / "cut.warc"
    raw = gzip.decompress(data)
    path.write_bytes(raw + b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\n<html>cut")
    articles, problems = split(list(read_inputs([str(path)])))
    assert [a.url for a in articles] == ["http://example.org/a"]
    assert len(problems) == 1 and str(path) in problems[0].origin
