"""The CAMEO and PLOVER tables: complete, consistent, and mapped both ways."""

from eventwire import ontology

PLOVER_TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
                "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_every_cameo_code_has_root_quad_and_plover():
    table = ontology.cameo_table()
    assert len(table) >= 300
    roots = {f"{i:02d}" for i in range(1, 21)}
    assert roots <= set(table)
    for code, entry in table.items():
        assert code.startswith(entry.root), code
        assert entry.root in roots, code
        assert entry.quad_class in (1, 2, 3, 4), code
        assert -10 <= entry.goldstein <= 10, code
        if entry.root == "01":
            assert entry.plover == "none", code
        else:
            assert entry.plover in PLOVER_TYPES, code


def test_quad_classes_follow_roots():
    table = ontology.cameo_table()
    assert table["041"].quad_class == 1
    assert table["071"].quad_class == 2
    assert table["112"].quad_class == 3
    assert table["190"].quad_class == 4


def test_documented_crosswalk_fixes():
    assert ontology.plover_of("163") == ("SANCTION", "discontinue")
    assert ontology.plover_of("175")[1] == "beat"
    assert ontology.plover_of("041") == ("CONSULT", "phone")
    assert ontology.plover_of("010") == (None, None)
    assert ontology.plover_of("0243") == ("REQUEST", "change")


def test_plover_modes_in_cameo_table_exist_in_plover():
    modes = {(r["event_type"], r["mode"]) for r in ontology.read_csv("ontology", "plover_modes.csv")}
    for code, entry in ontology.cameo_table().items():
        if entry.plover_mode:
            assert (entry.plover, entry.plover_mode) in modes, code


def test_plover_types_table():
    types = ontology.plover_types()
    assert set(types) == PLOVER_TYPES
    assert float(types["ACCUSE"]["score"]) < 0
    assert types["SANCTION"]["quad_class"] == "4"


def test_unknown_code_names_itself():
    try:
        ontology.cameo("999")
    except KeyError as err:
        assert "999" in str(err)
    else:
        raise AssertionError("expected KeyError")
