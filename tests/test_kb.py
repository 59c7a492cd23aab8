"""The knowledge base: importers (CSV, JSON, PETRARCH/TABARI, Wikidata), DuckDB persistence, learning."""

from __future__ import annotations

import json

from eventwire.actors import ActorResolver, DocumentMemory
from eventwire.actors.kb import (
    KnowledgeBase,
    Role,
    load_kb,
    read_csv_rows,
    read_json_rows,
    read_petrarch_rows,
    read_wikidata_rows,
    surname_of,
)

PETRARCH_DICT = """\
# a tiny actor dictionary in the PETRARCH/TABARI layout, written for this test
ZORAN_VELKOVIC_  # fictional minister
+Z._VELKOVIC_
+VELKOVIC_
[SRBELI 19900101-20141231]
[SRBGOV >20150101]
MARTA_OSTROVA_ [UKRMIL]
"""

WIKIDATA_DUMP = [
    {"id": "Q900001", "labels": {"en": {"value": "Ilse Marven"}},
     "aliases": {"en": [{"value": "I. Marven"}]},
     "claims": {
         "P27": [{"mainsnak": {"datavalue": {"value": {"id": "Q900100"}}}}],
         "P39": [
             {"mainsnak": {"datavalue": {"value": {"id": "Q900200"}}},
              "qualifiers": {"P580": [{"datavalue": {"value": {"time": "+2016-03-01T00:00:00Z"}}}],
                             "P582": [{"datavalue": {"value": {"time": "+2020-02-29T00:00:00Z"}}}]}},
             {"mainsnak": {"datavalue": {"value": {"id": "Q900201"}}},
              "qualifiers": {"P580": [{"datavalue": {"value": {"time": "+2020-03-01T00:00:00Z"}}}]}},
         ]}},
    {"id": "Q900100", "labels": {"en": {"value": "Norway"}},
     "claims": {"P298": [{"mainsnak": {"datavalue": {"value": "NOR"}}}]}},
    {"id": "Q900200", "labels": {"en": {"value": "Minister of Defence of Norway"}},
     "claims": {"P17": [{"mainsnak": {"datavalue": {"value": {"id": "Q900100"}}}}]}},
    {"id": "Q900201", "labels": {"en": {"value": "Chief Justice of the Supreme Court"}}, "claims": {}},
]


def fresh_resolver(kb: KnowledgeBase | None = None) -> ActorResolver:
    return ActorResolver(kb=kb or load_kb(None))


def test_csv_import_and_date_ranged_roles(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,aliases,country,org,sector,role,start,end\n"
                    "Tomas Reinholt,Reinholt,DNK,,GOV,prime minister,2015-06-28,2019-06-27\n"
                    "Tomas Reinholt,Reinholt,DNK,,LEG,member of parliament,2019-06-28,\n", encoding="utf-8")
    kb = KnowledgeBase()
    assert kb.add_rows(read_csv_rows(path), "import") == 2
    person = kb.person("Tomas Reinholt")
    assert person.role_on("2017-01-01").sector == "GOV"
    assert person.role_on("2021-01-01").sector == "LEG"
    assert person.role_on("2010-01-01").sector is None  # before any role: no sector yet
    assert person.role_on("2010-01-01").country == "DNK"


def test_former_officials_get_no_government_sector():
    kb = KnowledgeBase()
    kb.add_role("Lena Harju", Role("FIN", None, "GOV", "foreign minister", "2015-05-29", "2019-06-06"))
    assert kb.identity("Lena Harju", "2018-01-01").sector == "GOV"
    assert kb.identity("Lena Harju", "2022-01-01").sector == "ELI"
    resolver = fresh_resolver(kb)
    assert resolver.resolve_phrase("Harju", date="2022-01-01").sector == "ELI"
    assert resolver.resolve_phrase("Lena Harju", date="2016-01-01").sector == "GOV"


def test_json_import_people_with_roles(tmp_path):
    path = tmp_path / "people.json"
    path.write_text(json.dumps([{"name": "Abel Corvino", "aliases": ["Corvino"],
                                 "roles": [{"country": "PER", "sector": "MIL", "role": "army chief",
                                            "start": "2019-01-01", "end": "2021-12-31"}]}]), encoding="utf-8")
    rows = read_json_rows(path)
    assert rows[0]["country"] == "PER" and rows[0]["name"] == "Abel Corvino"
    kb = load_kb(None)
    kb.add_rows(rows, "import")
    actor = fresh_resolver(kb).resolve_phrase("Corvino", date="2020-05-05")
    assert (actor.country, actor.sector, actor.name) == ("PER", "MIL", "Abel Corvino")


def test_petrarch_dictionary_import(tmp_path):
    path = tmp_path / "actors.txt"
    path.write_text(PETRARCH_DICT, encoding="utf-8")
    rows = read_petrarch_rows(path)
    assert {(r["name"], r["country"], r["sector"], r["start"], r["end"]) for r in rows} == {
        ("Zoran Velkovic", "SRB", "ELI", "1990-01-01", "2014-12-31"),
        ("Zoran Velkovic", "SRB", "GOV", "2015-01-01", None),
        ("Marta Ostrova", "UKR", "MIL", None, None),
    }
    kb = KnowledgeBase()
    kb.add_rows(rows, "import")
    assert "Velkovic" in kb.person("Zoran Velkovic").aliases
    assert kb.identity("Zoran Velkovic", "2016-01-01").sector == "GOV"


def test_wikidata_dump_import(tmp_path):
    path = tmp_path / "dump.json"
    path.write_text("[\n" + ",\n".join(json.dumps(e) for e in WIKIDATA_DUMP) + "\n]\n", encoding="utf-8")
    rows = read_wikidata_rows(path, sector_of_title=lambda title: "MIL" if "Defence" in title else "JUD")
    assert [(r["name"], r["country"], r["sector"], r["start"], r["end"]) for r in rows] == [
        ("Ilse Marven", "NOR", "MIL", "2016-03-01", "2020-02-29"),
        ("Ilse Marven", "NOR", "JUD", "2020-03-01", None),  # no P17 on the position: the person's citizenship
    ]
    kb = KnowledgeBase()
    kb.add_rows(rows, "import")
    assert kb.identity("Ilse Marven", "2018-06-01").sector == "MIL"
    assert kb.identity("Ilse Marven", "2021-06-01").sector == "JUD"


def test_kb_file_round_trip_keeps_imported_and_learned_rows(tmp_path):
    path = tmp_path / "kb.duckdb"
    kb = KnowledgeBase()
    kb.add_role("Olu Adeyemi", Role("NGA", None, "COP", "police chief", "2020-01-01", None, "added"), ["Adeyemi"])
    kb.learn("Rania Haddad", "LBN", None, "GOV", "economy minister", "2022-03-01")
    kb.learn("Rania Haddad", "LBN", None, "GOV", "economy minister", "2022-04-01")
    kb.save(path)
    again = load_kb(path)
    assert again.identity("Olu Adeyemi", "2021-01-01").country == "NGA"
    assert "Adeyemi" in again.person("Olu Adeyemi").aliases
    learned = again.learned["Rania Haddad"]
    assert (learned.evidence, learned.first_seen, learned.last_seen) == (2, "2022-03-01", "2022-04-01")
    assert again.person("Vladimir Putin") is not None  # packaged rows are there too


def test_identity_learned_in_one_document_resolves_a_surname_in_a_later_one(nlp, tmp_path):
    resolver = fresh_resolver()
    first = nlp("Malawi's Foreign Minister Wezi Kamtukule met envoys on Monday.")
    memory = DocumentMemory(published="2022-05-02")
    span = first[0:first[4].i + 2]  # "Malawi's Foreign Minister Wezi Kamtukule"
    assert span.text == "Malawi's Foreign Minister Wezi Kamtukule"
    actor = resolver.resolve_span(span, memory)[0]
    assert (actor.name, actor.country, actor.sector) == ("Wezi Kamtukule", "MWI", "GOV")
    learned = resolver.kb.learned["Wezi Kamtukule"]
    assert (learned.first_seen, learned.evidence) == ("2022-05-02", 1)

    later = nlp("Kamtukule rejected the claims.")
    actor = resolver.resolve_span(later[0:1], DocumentMemory(published="2022-06-10"))[0]
    assert (actor.name, actor.country, actor.sector) == ("Wezi Kamtukule", "MWI", "GOV")

    path = tmp_path / "kb.duckdb"
    resolver.kb.save(path)
    restarted = ActorResolver(kb_path=str(path))
    assert restarted.resolve_phrase("Kamtukule", date="2022-07-01").country == "MWI"
    assert fresh_resolver().resolve_phrase("Kamtukule") is None  # nothing learned in a fresh KB


def test_surnames_are_only_for_multi_word_capitalised_names():
    assert surname_of("Mevlüt Çavuşoğlu") == "Çavuşoğlu"
    assert surname_of("Beyoncé") is None
    assert surname_of("Martin Luther King Jr.") is None
