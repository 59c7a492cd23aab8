"""A small corpus for early-warning tests: nine calm weeks of talks, then a week of attacks told by four
articles (one attack told twice), a variant of that week with only feared and historical attacks, and one
whose attacks are told only by culture stories of low political relevance."""

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


# The week of Monday 2022-03-07 again, but told only in passing by four culture stories: each article scores
# below the relevance threshold, so its attack is stored with `not_counted: "low relevance"` and counts only
# when the caller asks for low-relevance articles (`include_low_relevance`).
LOW_RELEVANCE = [
    {"id": "arts-1", "published": "2022-03-09", "source": "Culture Desk", "title": "Tour news",
     "text": "The singer's new album topped the charts this week, and her sold-out world tour starts in Europe in "
             "June, her record label said. Fans queued overnight at the box office for tickets, and the film of "
             "the tour opens in cinemas in the autumn. Russian troops shelled Ukrainian soldiers in Kharkiv on "
             "Monday, forcing the band to cancel its concert in the city."},
    {"id": "arts-2", "published": "2022-03-09", "source": "Music Weekly", "title": "Festival news",
     "text": "The rapper's debut album went straight to number one in the charts, and the video of the single has "
             "been streamed millions of times, his label said. The festival line-up, with three headline acts and "
             "a film premiere, sold out at the box office within an hour. Russian aircraft bombed the Ukrainian "
             "city of Mariupol on Wednesday, and the festival's opening night there was called off."},
    {"id": "arts-3", "published": "2022-03-09", "source": "Screen", "title": "Awards news",
     "text": "The actress won best actress at the film awards on Sunday for her role in the comedy, which has "
             "taken millions at the box office, her studio said. Her next album of songs from the musical is out "
             "in the spring, and fans have queued for tickets to the tour. Russian troops fired on Ukrainian "
             "journalists in Kherson on Tuesday, and the tour's show in the region was cancelled."},
    {"id": "arts-4", "published": "2022-03-12", "source": "Culture Desk", "title": "Gallery news",
     "text": "The gallery's new exhibition of paintings and sculpture opened to crowds on Saturday, and the artist "
             "signed copies of the catalogue, the museum said. The show's film and its album of music are on "
             "sale in the gallery shop. Russian troops shelled Ukrainian police officers in Irpin on Friday, and "
             "the exhibition's tour to the town was called off."},
]
