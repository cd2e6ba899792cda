"""Which words carry on from the previous request (routing/context.py)."""
import pytest

from assistant.routing.context import is_follow_up


@pytest.mark.parametrize("text", [
    "and turn it off", "now dim them to 30%", "and the bedroom too", "make it 15 minutes",
    "and another degree", "what about the kitchen", "and turn off", "then the other one",
])
def test_words_that_point_back_or_carry_on_follow_up(text):
    assert is_follow_up(text)


@pytest.mark.parametrize("text", [
    "and put the porch light on", "then set the heating to 20", "now make the hall lights red",
    "but switch on the fan in the study", "turn on the kitchen lights",
])
def test_a_joint_before_a_command_of_its_own_does_not(text):
    assert not is_follow_up(text)
