"""The splitter of several requests in one utterance (assistant/splitting.py): pure, no models."""
import pytest

from assistant.splitting import split_requests

SPLIT = [
    ("turn off the lights and set a timer for ten minutes", ["turn off the lights", "set a timer for ten minutes"]),
    ("add eggs and milk to the list and remind me to shop at 5",
     ["add eggs and milk to the list", "remind me to shop at 5"]),
    ("lock the door, close the garage and turn off the downstairs lights",
     ["lock the door", "close the garage", "turn off the downstairs lights"]),
    ("dim the lamp then play some music", ["dim the lamp", "play some music"]),
    ("dim the lamp and then play some music", ["dim the lamp", "play some music"]),
    ("turn on the fan, also set a timer for 5 minutes", ["turn on the fan", "set a timer for 5 minutes"]),
    ("Could you turn off the lights, and also set a timer for 5 minutes please?",
     ["Could you turn off the lights", "set a timer for 5 minutes please?"]),
    ("unlock the door and turn on the porch light", ["unlock the door", "turn on the porch light"]),
    ("turn on the lamp and set it to 50%", ["turn on the lamp", "set it to 50%"]),
    ("set a timer for 10 minutes and remind me to call mom and dad at 5",
     ["set a timer for 10 minutes", "remind me to call mom and dad at 5"]),
    ("remind me to call mom and dad at 5 and turn off the lights",  # the time closes the reminder's text
     ["remind me to call mom and dad at 5", "turn off the lights"]),
    ("remind me to water the plants tomorrow morning, then lock the door",
     ["remind me to water the plants tomorrow morning", "lock the door"]),
]

ONE = [
    "add eggs and milk to the list",  # a list of items
    "add eggs, milk and bread",
    "turn on the lamp and the fan",  # a device pair: one call
    "turn off the tv and lights",
    "set the lamp to red and the fan to high",  # one verb for both
    "remind me to call mom and dad",  # a reminder's text
    "remind me to buy milk and turn off the oven",
    "add unlock front door and open garage to my list",  # items, up to the list they go to
    "note that the plumber comes friday and bring cash",
    "in ten minutes turn off the tv and close the blinds",  # a leading time clause is for all
    "open and close the blinds",  # a bare verb is no request
    "it's cold in here and turn on the heater",  # no command opens it
    "turn the lights on",
    "if it rains then close the blinds",
    "",
]


@pytest.mark.parametrize("text,parts", SPLIT)
def test_plain_structure_is_split(text, parts):
    assert split_requests(text) == parts


@pytest.mark.parametrize("text", ONE)
def test_unsure_stays_one_request(text):
    assert split_requests(text) == [text]


def test_a_part_that_does_not_route_alone_joins_the_one_before():
    routes = lambda part: part != "play dough and eggs to the list"  # noqa: E731
    assert split_requests("add milk, play dough and eggs to the list", routes) == \
        ["add milk, play dough and eggs to the list"]
    assert split_requests("turn off the lights, lock the door and play dough", lambda p: p != "play dough") == \
        ["turn off the lights", "lock the door and play dough"]


def test_no_split_when_the_first_part_does_not_route():
    assert split_requests("turn off the lights and lock the door", lambda p: p != "turn off the lights") == \
        ["turn off the lights and lock the door"]


@pytest.mark.parametrize("text, parts", [
    ("turn the heater on and what's the forecast for tomorrow", ["turn the heater on", "what's the forecast for tomorrow"]),
    ("switch off the fan, and who won the match", ["switch off the fan", "who won the match"]),
    ("what time is it and turn on the lamp", ["what time is it", "turn on the lamp"]),
])
def test_a_question_of_its_own_after_a_request_is_a_part(text, parts):
    assert split_requests(text) == parts


@pytest.mark.parametrize("text", ["turn off the kitchen lights and what about the hall",
                                  "dim the lamp, how about the fan"])
def test_what_about_carries_on_and_is_not_a_question_of_its_own(text):
    assert split_requests(text) == [text]


@pytest.mark.parametrize("text, parts", [
    ("remind me at five to walk the dog and switch on the porch light",
     ["remind me at five to walk the dog", "switch on the porch light"]),
    ("remind me tonight to ring the plumber and put the heating on", ["remind me tonight to ring the plumber",
                                                                      "put the heating on"]),
])
def test_a_home_command_after_a_reminder_whose_time_came_first_is_its_own(text, parts):
    assert split_requests(text) == parts


@pytest.mark.parametrize("text", ["remind me to check the oven and turn off the lights",
                                  "remind me at ten to lock up and feed the cat"])
def test_a_reminders_text_keeps_what_is_not_a_home_command_after_its_time(text):
    assert split_requests(text) == [text]
