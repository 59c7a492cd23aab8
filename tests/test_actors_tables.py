"""The actor tables are well-formed: real ISO3 codes, known sector codes, every country covered."""

from __future__ import annotations

import pycountry
import pytest

from eventwire.actors.kb import packaged_kb_rows
from eventwire.actors.tables import base_lexicon, data_rows, split_aliases
from eventwire.actors.text import key_of

EXTRA_CODES = {"XKX"}  # Kosovo: not in ISO 3166 but used by news coders
ISO3 = {c.alpha_3 for c in pycountry.countries} | EXTRA_CODES
SECTORS = {row["code"] for row in data_rows("sectors.csv")}


def test_sector_table_lists_the_plover_codes_we_use():
    assert {row["office"] for row in data_rows("sectors.csv")} == {"0", "1"}
    assert {"GOV", "MIL", "COP", "REB", "CVL", "ELI", "PRE"} <= SECTORS
    assert all(len(code) == 3 and code.isupper() for code in SECTORS)


def test_every_country_has_a_row_with_a_name_and_every_row_a_real_code():
    rows = data_rows("countries.csv")
    codes = [row["iso3"] for row in rows]
    assert len(codes) == len(set(codes)), "a country is listed twice"
    assert set(codes) <= ISO3
    sovereign = {c.alpha_3 for c in pycountry.countries if c.alpha_3 in {"UKR", "TUR", "USA", "RUS", "NGA", "BRA"}}
    assert sovereign <= set(codes)
    assert len(codes) >= 230
    missing = {c.alpha_3 for c in pycountry.countries} - set(codes)
    assert missing <= {"ATA", "ATF", "BVT", "HMD", "IOT", "SGS", "UMI", "SJM", "TKL", "PCN", "CXR", "CCK"}, missing
    assert all(row["name"] for row in rows)


@pytest.mark.parametrize("table, columns", [
    ("seats.csv", ("country", "sector")),
    ("regions.csv", ("country",)),
    ("organizations.csv", ("country", "sector", "sector2")),
    ("roles.csv", ("sector", "sector2")),
])
def test_codes_in_tables_are_valid(table, columns):
    for row in data_rows(table):
        if "country" in columns and row["country"]:
            assert row["country"] in ISO3, (table, row)
        for column in [c for c in columns if c != "country"]:
            if row[column]:
                assert row[column] in SECTORS, (table, row)


def test_organisations_have_a_country_or_an_org_code_and_roles_a_generic_flag():
    for row in data_rows("organizations.csv"):
        assert row["country"] or row["org"], row
        assert not row["bloc"] or row["bloc"] in {"UNO", "EUR", "IGO"}, row
    for row in data_rows("roles.csv"):
        assert row["generic"] in {"0", "1", "2"}, row


def test_each_table_key_is_listed_once():
    for table, column in (("roles.csv", "phrase"), ("seats.csv", "phrase"), ("qualifiers.csv", "word"),
                          ("organizations.csv", "name")):
        keys = [key_of(row[column]) for row in data_rows(table)]
        assert len(keys) == len(set(keys)), [k for k in keys if keys.count(k) > 1][:5]


QUALIFIER_EFFECTS = {"sector", "secondary", "affiliation", "abroad", "abroad_plural", "located", "loyalty", "opposed"}


def test_qualifier_effects_are_known():
    for row in data_rows("qualifiers.csv"):
        assert row["effect"] in QUALIFIER_EFFECTS, row
        if row["effect"] in ("sector", "secondary"):
            assert row["value"] in SECTORS, row


def test_no_alias_is_empty_after_tokenizing():
    for table, column in (("countries.csv", "aliases"), ("countries.csv", "demonyms"),
                          ("organizations.csv", "aliases")):
        for row in data_rows(table):
            for alias in split_aliases(row[column]):
                assert key_of(alias), (table, alias)


def test_packaged_kb_rows_have_iso_dates_and_known_codes():
    rows = packaged_kb_rows()
    assert rows, "data/kb/people.csv is empty"
    for row in rows:
        assert row["name"].strip(), row
        assert not row["country"] or row["country"] in ISO3, row
        assert not row["sector"] or row["sector"] in SECTORS, row
        for column in ("start", "end"):
            value = row[column] or ""
            assert value == "" or (len(value) == 10 and value[4] == "-" and value[7] == "-"), row


def test_every_org_code_the_kb_uses_is_an_organisation_we_know():
    known = {row["org"] for row in data_rows("organizations.csv") if row["org"]}
    used = {row["org"] for row in packaged_kb_rows() if row["org"]}
    assert used <= known, used - known


def test_lexicon_knows_short_forms_and_demonyms():
    lexicon = base_lexicon()
    assert lexicon.get(key_of("Türkiye"))[0].country == "TUR"
    assert lexicon.get(key_of("Turks"))[0].country == "TUR"
    assert lexicon.get(key_of("Americans"))[0].country == "USA"
    assert lexicon.get(key_of("the Kremlin"))[0].sector == "GOV"
    assert lexicon.get(key_of("soldiers"))[0].sector == "MIL"


def test_setting_words_and_anaphors_are_well_formed():
    setting = data_rows("setting_words.csv")
    assert {row["kind"] for row in setting} == {"part", "place", "venue", "police_role", "police_role_strict",
                                                 "police_cue", "police_noun", "person_role", "relation",
                                                 "serving", "deal"}
    assert all(row["word"] == row["word"].lower().strip() and " " not in row["word"] for row in setting)
    anaphors = data_rows("anaphors.csv")
    assert {row["refers"] for row in anaphors} == {"group", "bloc", "country"}
    words = [row["word"] for row in anaphors]
    assert len(words) == len(set(words)) and all(w == w.lower() for w in words)
