"""Minification round trips: ids in, short aliases to the model, the exact ids back out."""
import pytest

from assistant.routing.aliases import AliasTable

LOOK_ALIKE = ["light.kitchen_ceiling_4f2a9c", "light.kitchen_ceiling_4f2a9d", "light.kitchen_ceiling",
              "light.kitchen_ceiling_4f2a9c_2", "switch.kitchen_ceiling_4f2a9c"]


def test_aliases_are_short_stable_and_assigned_in_order():
    table = AliasTable()
    assert [table.alias(i) for i in LOOK_ALIKE] == ["d1", "d2", "d3", "d4", "d5"]
    assert table.alias(LOOK_ALIKE[0]) == "d1" and len(table) == 5


def test_look_alike_ids_round_trip_exactly():
    table = AliasTable()
    for identifier in LOOK_ALIKE:
        table.alias(identifier)
    text = " ; ".join(LOOK_ALIKE)
    minified = table.minify(text)
    assert minified == "d1 ; d2 ; d3 ; d4 ; d5"
    assert table.restore(minified) == text


def test_restore_walks_model_output_and_leaves_other_text_alone():
    table = AliasTable()
    ids = [table.alias(f"light.lamp_{n:02d}") for n in range(1, 12)]
    output = {"api": "smart_home.turn_on", "args": {"device": "d1", "devices": ["d10", "d11"],
                                                     "note": "d1 and d12 and odd1 and d1x", "n": 1}}
    assert ids[0] == "d1" and ids[9] == "d10"
    restored = table.restore(output)
    assert restored["args"]["device"] == "light.lamp_01"
    assert restored["args"]["devices"] == ["light.lamp_10", "light.lamp_11"]
    assert restored["args"]["note"] == "light.lamp_01 and d12 and odd1 and d1x"  # unknown alias kept
    assert restored["args"]["n"] == 1 and restored["api"] == "smart_home.turn_on"


def test_minify_replaces_whole_ids_only():
    table = AliasTable("r")
    table.alias("reminder.42")
    assert table.minify("cancel reminder.42 not reminder.421 or xreminder.42") == \
        "cancel r1 not reminder.421 or xreminder.42"


def test_empty_table_is_the_identity_and_bad_prefixes_are_refused():
    table = AliasTable()
    assert table.minify("light.x") == "light.x" and table.restore({"a": "d1"}) == {"a": "d1"}
    with pytest.raises(ValueError):
        AliasTable("d1")


def test_an_alias_copied_with_its_label_restores_to_the_id():
    table = AliasTable()
    table.alias("light.kitchen_ceiling_4f2a9c")
    table.alias("light.kitchen_counter_strip_77b1")
    assert table.restore("d1 Kitchen Ceiling Light") == "light.kitchen_ceiling_4f2a9c"
    assert table.restore("d1 and d2") == "light.kitchen_ceiling_4f2a9c and light.kitchen_counter_strip_77b1"
