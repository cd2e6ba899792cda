"""The chat model has no tools: a sentence of its reply that says it did something is dropped,
and the user hears that nothing changed (assistant/experts/chat.py)."""
import pytest

from assistant.experts.chat import NOTHING_DONE, without_claimed_actions


@pytest.mark.parametrize("reply, honest", [
    ("My apologies. I've put bananas on your shopping list.", "My apologies."),
    ("Sure thing! Switched off the porch light for you.", ""),
    ("OK. Your alarm has been set for 7 am. Sleep well!", "Sleep well!"),
    ("I have now cancelled the timer.", ""),
])
def test_a_claimed_action_is_dropped(reply, honest):
    assert without_claimed_actions(reply) == honest


@pytest.mark.parametrize("reply", [
    "Set in Victorian London, it follows a young orphan.",
    "Put simply, a leap year has 366 days.",
    "The lights in many homes are on timers.",
    "I made a small mistake there, sorry.",
    "Why did the scarecrow win an award? Because he was outstanding in his field.",
])
def test_other_sentences_are_kept(reply):
    assert without_claimed_actions(reply) == reply


def test_the_chat_reply_says_nothing_changed(scripted_assistant):
    a = scripted_assistant
    a.roles.get("confirmer").enqueue({"api": "chat.respond", "args": {}})
    a.roles.get("chat").enqueue("No problem. Added oat milk to your shopping list.")
    reply = a.handle("sorry I keep forgetting the oat milk")
    assert reply.expert == "chat" and "Added" not in reply.reply and NOTHING_DONE in reply.reply
