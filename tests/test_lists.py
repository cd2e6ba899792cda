"""The lists expert on a real in-memory SQLite database."""
from datetime import datetime

import pytest

from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.experts import lists
from assistant.experts.lists import EXPERT, add, all_lists, clear, complete, read, remove
from assistant.testing import expert_context


@pytest.fixture
def ctx() -> ExpertContext:
    return expert_context(EXPERT)


def undo(ctx: ExpertContext, name: str, result) -> None:
    EXPERT.api(name).undo(ctx, result.undo)


def items(ctx: ExpertContext, list_name: str = "shopping") -> list[tuple[str, bool]]:
    return [(i["item"], i["done"]) for i in all_lists(ctx.db).get(list_name, [])]


@pytest.mark.parametrize("raw, expected", [
    (None, "shopping"), ("shopping", "shopping"), ("the Hardware List", "hardware"),
    ("my to do list", "to do"), ("todo", "to do"), ("to-do", "to do"), ("My TO-DO list", "to do"),
    ("groceries", "shopping"), ("  Christmas presents ", "christmas presents"),
])
def test_list_names_are_normalised(raw, expected):
    assert lists.normalise_list_name(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("some milk", "milk"), ("Milk.", "milk"), ("2 lemons", "2 lemons"), ("a dozen eggs", "a dozen eggs"),
    ("an onion", "onion"), ("the bread", "bread"), ("some more coffee", "coffee"), ("a bag of rice", "bag of rice"),
])
def test_items_are_normalised(raw, expected):
    assert lists.normalise_item(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    (["eggs and bread"], ["eggs", "bread"]),
    (["milk, eggs, and bread"], ["milk", "eggs", "bread"]),
    (["mac and cheese", "salt and vinegar crisps and milk"], ["mac and cheese", "salt and vinegar crisps", "milk"]),
    (["eggs", "Eggs", "egg"], ["eggs"]),
    (["a tin of chopped tomatoes and fresh basil leaves for the pasta"],
     ["tin of chopped tomatoes and fresh basil leaves for the pasta"]),
])
def test_split_items(raw, expected):
    assert lists.split_items(raw) == expected


def test_add_read_and_undo_round_trip(ctx):
    first = add(ctx, ["eggs and bread", "some milk"])
    assert first.ok and first.reply == "Added eggs, bread and milk to your shopping list."
    assert read(ctx).reply == "Your shopping list has eggs, bread and milk."
    second = add(ctx, ["milk", "butter"])
    assert second.reply == "Added butter to your shopping list; milk is already there."
    undo(ctx, "add", second)
    assert items(ctx) == [("eggs", False), ("bread", False), ("milk", False)]
    undo(ctx, "add", first)
    assert all_lists(ctx.db) == {}


def test_add_only_duplicates_changes_nothing(ctx):
    add(ctx, ["milk"])
    result = add(ctx, ["Milk"])
    assert result.ok and result.undo is None
    assert result.reply == "Milk is already on your shopping list."
    assert items(ctx) == [("milk", False)]


def test_add_to_new_named_list_creates_it(ctx):
    result = add(ctx, ["nails", "wood glue"], "the Hardware List")
    assert result.reply == "Added nails and wood glue to your new hardware list."
    assert set(all_lists(ctx.db)) == {"hardware"}


def test_to_do_items_are_not_split_on_and(ctx):
    add(ctx, ["call the plumber and ask about the boiler"], "todo")
    assert items(ctx, "to do") == [("call the plumber and ask about the boiler", False)]


def test_adding_a_checked_off_item_reopens_it_and_undo_rechecks(ctx):
    add(ctx, ["milk"])
    complete(ctx, ["milk"])
    result = add(ctx, ["milk"])
    assert items(ctx) == [("milk", False)]
    undo(ctx, "add", result)
    assert items(ctx) == [("milk", True)]


@pytest.mark.parametrize("query, removed", [
    ("eggs", "eggs"), ("egg", "eggs"), ("bred", "bread"), ("the tomato", "cherry tomatoes"),
])
def test_remove_matches_fuzzily(ctx, query, removed):
    add(ctx, ["eggs", "bread", "cherry tomatoes"])
    result = remove(ctx, [query])
    assert result.ok and result.data["removed"] == [removed]
    assert removed not in [i for i, _ in items(ctx)]


def test_remove_undo_restores_the_same_rows_in_order(ctx):
    add(ctx, ["eggs", "bread", "milk"])
    result = remove(ctx, ["eggs and milk"])
    assert result.reply == "Removed eggs and milk from your shopping list."
    undo(ctx, "remove", result)
    assert items(ctx) == [("eggs", False), ("bread", False), ("milk", False)]


def test_remove_unknown_and_ambiguous_items(ctx):
    add(ctx, ["almond milk", "oat milk", "bread"])
    missing = remove(ctx, ["cheese"])
    assert not missing.ok and missing.reply == "Cheese isn't on your shopping list."
    ambiguous = remove(ctx, ["milk"])
    assert not ambiguous.ok and "almond milk or oat milk" in ambiguous.reply
    assert len(items(ctx)) == 3


def test_remove_from_unknown_list_names_the_existing_ones(ctx):
    add(ctx, ["milk"])
    add(ctx, ["nails"], "hardware")
    result = remove(ctx, ["milk"], "garden list")
    assert not result.ok and result.reply == "You don't have a garden list. Your lists: hardware and shopping."


def test_complete_read_and_undo(ctx):
    add(ctx, ["milk", "eggs", "bread"])
    result = complete(ctx, ["milk", "cheese"])
    assert result.ok
    assert result.reply == "Checked off milk on your shopping list; cheese isn't on your shopping list."
    assert read(ctx).reply == "Your shopping list has eggs and bread. Checked off: milk."
    again = complete(ctx, ["milk"])
    assert again.ok and again.undo is None and again.reply == "Milk was already checked off."
    undo(ctx, "complete", result)
    assert items(ctx) == [("milk", False), ("eggs", False), ("bread", False)]


@pytest.mark.parametrize("list_name, reply", [
    (None, "Your shopping list is empty."),
    ("hardware", "You don't have a hardware list."),
])
def test_read_on_a_fresh_database(ctx, list_name, reply):
    assert read(ctx, list_name).reply == reply


def test_read_all_checked_off_and_empty(ctx):
    add(ctx, ["milk"], "camping")
    complete(ctx, ["milk"], "camping")
    assert read(ctx, "camping").reply == "Everything on your camping list is checked off (milk)."
    clear(ctx, "camping")
    assert read(ctx, "camping list").reply == "Your camping list is empty."
    assert all_lists(ctx.db) == {"camping": []}


def test_clear_is_sensitive_and_undo_restores(ctx):
    assert EXPERT.api("clear").sensitive and not EXPERT.api("clear").speculative_safe
    add(ctx, ["milk", "eggs"])
    complete(ctx, ["eggs"])
    add(ctx, ["nails"], "hardware")
    result = clear(ctx)
    assert result.reply == "Cleared your shopping list (2 items)."
    assert all_lists(ctx.db) == {"hardware": [{"item": "nails", "done": False}], "shopping": []}
    undo(ctx, "clear", result)
    assert items(ctx) == [("milk", False), ("eggs", True)]


def test_registry_flags_and_schemas():
    assert EXPERT.name == "lists" and EXPERT.description == "shopping and to-do lists"
    assert {n for n, s in EXPERT.apis.items() if s.speculative_safe} == {"add", "remove", "complete", "read"}
    assert all(EXPERT.api(n).undo for n in ("add", "remove", "complete", "clear"))
    assert EXPERT.api("add").validate({"items": ["milk"]}) == {"items": ["milk"]}


def test_a_list_name_the_user_never_said_is_not_created(tmp_path):
    from assistant.app import default_registry, open_state
    from assistant.clock import Clock
    from assistant.context import ExpertContext
    from assistant.messages import Utterance
    from datetime import datetime
    from assistant.experts import lists

    db = open_state(default_registry(), tmp_path / "s.db")
    clock = Clock(datetime(2026, 11, 25, 9, 0))

    def ctx(text):
        return ExpertContext(db=db, clock=clock, utterance=Utterance(text=text, source="text"))

    assert lists.said_list_name(ctx("add milk"), "grocery") is None
    assert lists.said_list_name(ctx("add milk to the groceries"), "grocery") == "grocery"
    assert lists.said_list_name(ctx("put nails on the hardware store list"), "hardware store") == "hardware store"
    assert lists.said_list_name(ctx("add call mum to my to-do list"), "to do") == "to do"
    assert lists.said_list_name(ExpertContext(db=db, clock=clock), "camping") == "camping"
    reply = lists.add(ctx("add milk"), items=["milk"], list_name="grocery store")
    assert reply.data["list"] == "shopping"


def test_a_determiner_alone_names_no_list():
    from assistant.experts.lists import DEFAULT_LIST, normalise_list_name

    assert normalise_list_name("my") == normalise_list_name("our list") == DEFAULT_LIST
    assert normalise_list_name("my christmas list") == "christmas"
