"""A small corpus for early-warning tests: nine calm weeks of talks, then a week of attacks told by four
articles (one attack told twice), and a variant of that week with only feared and historical attacks."""

import datetime as dt
import json

KHARKIV = "Russian troops shelled Ukrainian soldiers and Ukrainian police officers in Kharkiv on Monday."
QUIET_WEEKS = [dt.date(2022, 1, 3) + dt.timedelta(weeks=k) for k in range(9)]  # Mondays, Jan 3 to Feb 28


def write_jsonl(path, docs):
    path.write_text("\n".join(json.dumps(d) for d in docs) + "\n", encoding="utf-8")
    return path


def quiet_docs():
    """One report a week of talks and aid (no conflict), so every week is observed and calm."""
    return [{"id": f"quiet-{k}", "published": (day + dt.timedelta(days=2)).isoformat(), "source": "Wire",
             "title": f"Talks {k}", "text": "Ukraine's foreign minister held talks with his Polish counterpart in "
                                            "Warsaw on Tuesday."} for k, day in enumerate(QUIET_WEEKS)]


ESCALATION = [  # the week of Monday 2022-03-07, told by four articles, one attack told twice
    {"id": "esc-1", "published": "2022-03-09", "source": "Wire", "title": "Report one", "url": "https://w/1",
     "text": KHARKIV + " Russian troops detained Ukrainian journalists in Kherson on Wednesday."},
    {"id": "esc-2", "published": "2022-03-10", "source": "Daily", "title": "Report two", "text": KHARKIV},
    {"id": "esc-3", "published": "2022-03-11", "source": "Post", "title": "Report three",
     "text": "Russian aircraft bombed the Ukrainian city of Mariupol on Wednesday, killing 12 civilians."},
    {"id": "esc-4", "published": "2022-03-11", "source": "Post", "title": "Report four",
     "text": "Russian forces attacked the Ukrainian army near Donetsk on Tuesday."},
]
NOISE = [  # the same week, but only feared and historical attacks: nothing that happened that week
    {"id": f"noise-{k}", "published": f"2022-03-{9 + k:02d}", "source": "Wire", "title": f"Fears {k}",
     "text": "Russia could attack Ukraine next week, Western officials fear. "
             "In 2014, Russian troops seized Crimea from Ukraine."} for k in range(3)]


def build(folder, docs, pipeline):
    """A real store of `docs` coded by the real pipeline."""
    from eventwire.api import ingest

    db = folder / "store.duckdb"
    ingest([str(write_jsonl(folder / "in.jsonl", docs))], str(db), pipeline=pipeline)
    return db
