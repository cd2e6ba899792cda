"""Arithmetic in words is worked out exactly and routed to chat (issue 19: in-scope requests refused).

The phrasings were written for these tests, not taken from any evaluation set."""
from datetime import datetime

import pytest

from assistant.experts import arithmetic
from assistant.routing import cues
from assistant.testing import FixedClassifier, scripted_assistant
from tests.conftest import DEV_HOME


@pytest.mark.parametrize("text, reply", [
    ("whats nineteen plus twenty three", "Nineteen plus twenty three is 42."),
    ("how much is 6 times 9?", "6 times 9 is 54."),
    ("could you work out 144 divided by twelve", "144 divided by twelve is 12."),
    ("what's 20 percent of 65", "20 percent of 65 is 13."),
    ("three to the power of four", "Three to the power of four is 81."),
    ("what is eleven squared", "Eleven squared is 121."),
    ("what's the square root of 2", "The square root of 2 is 1.414214."),
    ("what does 3,400 minus 5,150 come to", "3,400 minus 5,150 is -1,750."),
    ("5 over 0", "5 over 0 has no answer: you can't divide by zero."),
    ("what is 22 mod 5", "22 mod 5 is 2."),
])
def test_a_calculation_in_words_is_worked_out_exactly(text, reply):
    calculation = arithmetic.evaluate(text)
    assert calculation is not None and calculation.reply() == reply


@pytest.mark.parametrize("text", [
    "what is 7", "set the heating to twenty", "add 2 x 4s to the shopping list", "remind me on 12/25",
    "turn the volume up 5 times", "9 to the power of 999999", "what is the meaning of life",
])
def test_words_that_are_not_a_calculation_are_left_alone(text):
    assert arithmetic.evaluate(text) is None


@pytest.mark.parametrize("text, pinned", [
    ("what's 15 percent of 80", True), ("how much is seven times eight", True),
    ("square root of 49", True), ("dim the lights to 15 percent", False),
    ("remind me on 12/25 at 9-5", False), ("buy 2 x 4 lumber", False),
])
def test_the_cue_pins_a_calculation_to_chat(text, pinned):
    assert bool(arithmetic.CUE.search(text)) is pinned


def test_a_sum_is_answered_by_chat_without_a_model(tmp_path):
    assistant = scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=datetime(2026, 12, 2, 9),
                                   classifier=FixedClassifier("smart_home"))
    assert cues.pinned_expert(assistant.registry, "what's 15 percent of 80") == "chat"
    reply = assistant.handle("what's 15 percent of 80")
    assert (reply.expert, reply.api, reply.reply) == ("chat", "respond", "15 percent of 80 is 12.")
