"""Arguments made of the user's words only (`ApiSpec.exact`): a fact to remember may reword what
the user said, never add to it (assistant/guardrails.py)."""
import pytest

from assistant import guardrails
from assistant.experts.memory import EXPERT as MEMORY
from assistant.experts.memory import list_facts

REMEMBER = MEMORY.api("remember")


@pytest.mark.parametrize("said, fact", [
    ("remember that my sister's birthday is on the 3rd of May", "your sister's birthday is on the 3rd of May"),
    ("note that we keep the ladder behind the shed", "the ladder is kept behind the shed"),
    ("the plumber is called Gareth", "The plumber is called Gareth"),
])
def test_a_fact_in_the_users_words_is_theirs(said, fact):
    assert guardrails.ungrounded_arguments(REMEMBER, {"fact": fact}, said) == []


@pytest.mark.parametrize("said, fact", [
    ("what would be a nice name for a goldfish", "a nice name for a goldfish is Bubbles"),
    ("which wine goes with lamb", "red wine goes with lamb"),
])
def test_a_fact_with_a_word_nobody_said_is_made_up(said, fact):
    assert guardrails.ungrounded_arguments(REMEMBER, {"fact": fact}, said) == ["fact"]


def test_a_made_up_fact_is_never_stored(scripted_assistant):
    a = scripted_assistant
    a.roles.get("confirmer").enqueue({"api": "memory.remember", "args": {"fact": "a nice name for a goldfish is Bubbles"}})
    reply = a.handle("what would be a nice name for a goldfish")
    assert list_facts(a.db) == [] and reply.expert != "memory"
