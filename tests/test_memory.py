"""The memory expert on a real in-memory SQLite database."""
from datetime import datetime

import pytest

from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.experts import memory
from assistant.experts.memory import (EXPERT, delete_fact, forget, list_facts, recall, relevant_facts, remember,
                            update_fact)
from assistant.testing import expert_context

NO_FACT = "I don't know that yet — you can tell me with 'remember that …'."
FACTS = [
    "remember that Daisy is our cream golden retriever",
    "my son's name is Leo",
    "my wife's name is Ann",
    "Daisy loves tennis balls",
    "my son is allergic to nuts",
    "the bins go out on Tuesday",
]


@pytest.fixture
def ctx() -> ExpertContext:
    return expert_context(EXPERT)


@pytest.fixture
def stocked(ctx) -> ExpertContext:
    for fact in FACTS:
        assert remember(ctx, fact).ok
    return ctx


def texts(ctx: ExpertContext) -> list[str]:
    return [f["text"] for f in list_facts(ctx.db)]


@pytest.mark.parametrize("said, text, subject, relation", [
    ("remember that Daisy is our cream golden retriever", "Daisy is our cream golden retriever", "daisy", "is"),
    ("my son's name is Leo", "My son's name is Leo", "son", "name"),
    ("My son is 7.", "My son is 7", "son", "age"),
    ("my son is allergic to nuts", "My son is allergic to nuts", "son", "is allergic"),
    ("Please remember: Mum's birthday is 3 March", "Mum's birthday is 3 March", "mum", "birthday"),
    ("don't forget that our wifi password is hunter2", "Our wifi password is hunter2", "wifi password", "is"),
    ("my dog is called Daisy", "My dog is called Daisy", "dog", "name"),
    ("Aunt Jane lives in Leeds", "Aunt Jane lives in Leeds", "aunt jane", "lives"),
    ("Daisy loves tennis balls", "Daisy loves tennis balls", "daisy", None),
    ("the bins go out on Tuesday", "The bins go out on Tuesday", "bins", None),
    ("I'm allergic to penicillin", "I'm allergic to penicillin", None, None),
])
def test_normalise_subject_and_relation(said, text, subject, relation):
    assert memory.normalise_fact(said) == text
    assert memory.derive_subject(text) == subject
    assert memory.derive_relation(text) == relation


def test_remember_stores_and_undo_deletes(ctx):
    result = remember(ctx, "remember that Daisy is our cream golden retriever")
    assert result.reply == "Got it: Daisy is our cream golden retriever."
    fact = list_facts(ctx.db)[0]
    assert fact["subject"] == "daisy" and fact["created"] == fact["updated"] == "2026-11-25T09:00:00"
    EXPERT.api("remember").undo(ctx, result.undo)
    assert list_facts(ctx.db) == []


def test_same_subject_and_relation_replaces_and_undo_restores(stocked):
    before = list_facts(stocked.db)
    stocked.clock.set(datetime(2026, 11, 26, 10, 0))
    result = remember(stocked, "my son's name is Max")
    assert result.reply == "Updated: My son's name is Max (was: My son's name is Leo)."
    assert texts(stocked).count("My son's name is Max") == 1 and "My son's name is Leo" not in texts(stocked)
    assert len(texts(stocked)) == len(FACTS)
    EXPERT.api("remember").undo(stocked, result.undo)
    assert list_facts(stocked.db) == before


@pytest.mark.parametrize("fact", ["Daisy loves squeaky toys", "my son is 7", "my daughter's name is Mia"])
def test_other_statements_are_added_alongside(stocked, fact):
    remember(stocked, fact)
    assert len(texts(stocked)) == len(FACTS) + 1


def test_repeating_a_fact_is_not_stored_twice(stocked):
    result = remember(stocked, "Remember that my wife's name is Ann.")
    assert result.ok and result.undo is None and result.reply.startswith("I already know that")
    assert len(texts(stocked)) == len(FACTS)


def test_remember_needs_a_statement(ctx):
    assert not remember(ctx, "remember that").ok


@pytest.mark.parametrize("question, answer", [
    ("what's my dog called?", "You told me: Daisy is our cream golden retriever."),
    ("whats my puppys name", "You told me: Daisy is our cream golden retriever."),
    ("what is my son's name?", "You told me: My son's name is Leo."),
    ("what's my wife called", "You told me: My wife's name is Ann."),
    ("what is my kid allergic to?", "You told me: My son is allergic to nuts."),
    ("when do the bins go out?", "You told me: The bins go out on Tuesday."),
    ("what's my car?", NO_FACT),
    ("what is the capital of France?", NO_FACT),
    ("what's her name?", NO_FACT),
])
def test_recall_answers_only_from_stored_facts(stocked, question, answer):
    result = recall(stocked, question)
    assert result.reply == answer
    assert result.ok == (answer != NO_FACT)


def test_recall_about_a_subject_gives_all_its_facts(stocked):
    result = recall(stocked, "tell me about Daisy")
    assert sorted(result.data["facts"]) == ["Daisy is our cream golden retriever", "Daisy loves tennis balls"]


def test_recall_on_an_empty_memory(ctx):
    assert recall(ctx, "what's my dog called?").reply == NO_FACT


def test_forget_deletes_one_and_undo_restores(stocked):
    before = list_facts(stocked.db)
    result = forget(stocked, "forget that Daisy loves tennis balls")
    assert result.reply == "Forgotten: Daisy loves tennis balls."
    assert "Daisy loves tennis balls" not in texts(stocked)
    EXPERT.api("forget").undo(stocked, result.undo)
    assert list_facts(stocked.db) == before


@pytest.mark.parametrize("said, ok", [("about Daisy", False), ("the wifi password", False), ("my wife's name", True)])
def test_forget_asks_when_ambiguous_or_refuses_when_unknown(stocked, said, ok):
    result = forget(stocked, said)
    assert result.ok is ok
    if said == "about Daisy":
        assert result.reply.startswith("Which one should I forget:") and "tennis balls" in result.reply
    assert len(texts(stocked)) == len(FACTS) - int(ok)


@pytest.mark.parametrize("text, expected", [
    ("take the dog for a walk", ["Daisy is our cream golden retriever"]),
    ("turn on the kitchen lights", []),
    ("buy a present for my son", ["My son is allergic to nuts", "My son's name is Leo"]),
])
def test_relevant_facts_only_when_referenced(stocked, text, expected):
    assert sorted(relevant_facts(stocked.db, text)) == sorted(expected)


def test_relevant_facts_respects_limit(stocked):
    assert len(relevant_facts(stocked.db, "my son and Daisy", limit=2)) == 2


def test_update_and_delete_helpers(stocked):
    fact_id = list_facts(stocked.db)[1]["id"]
    assert update_fact(stocked.db, fact_id, "Leo is our son", clock=Clock(datetime(2026, 12, 1, 8, 0)))
    updated = list_facts(stocked.db)[1]
    assert (updated["text"], updated["subject"], updated["updated"]) == ("Leo is our son", "leo", "2026-12-01T08:00:00")
    assert delete_fact(stocked.db, fact_id) and not delete_fact(stocked.db, fact_id)
    assert not update_fact(stocked.db, 999, "anything at all")


def test_registry_flags():
    assert EXPERT.name == "memory" and EXPERT.description == "personal facts the user asked to remember"
    assert all(EXPERT.api(n).speculative_safe for n in ("remember", "recall", "forget"))
    assert EXPERT.api("remember").undo and EXPERT.api("forget").undo
