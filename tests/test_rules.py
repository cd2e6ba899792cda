"""The deterministic proposer: common command shapes in, a call out; anything unsure: None."""
from datetime import datetime

import pytest

from assistant.app import default_registry
from assistant.routing import rules

REGISTRY = default_registry()


def propose(text, expert, now):
    return rules.propose(REGISTRY, text, expert, now)

NOW = datetime(2026, 11, 25, 9, 0)


@pytest.mark.parametrize("text, expert, call", [
    ("turn on the kitchen lights", "smart_home", ("turn_on", {"device": "kitchen lights"})),
    ("lights off in the living room", "smart_home", ("turn_off", {"device": "lights", "area": "living room"})),
    ("start the coffee maker", "smart_home", ("turn_on", {"device": "coffee maker"})),
    ("the fans off up here", "smart_home", ("turn_off", {"device": "fans", "area": "here"})),
    ("bump the bedroom speaker up by 15", "smart_home",
     ("adjust", {"attribute": "volume", "delta": 15, "device": "bedroom speaker"})),
    ("turn the heating down 2 degrees", "smart_home", ("adjust", {"attribute": "temperature", "delta": -2, "device": "heating"})),
    ("porch light down 25 percent", "smart_home", ("adjust", {"attribute": "brightness", "delta": -25, "device": "porch light"})),
    ("put the lamps on downstairs", "smart_home", ("turn_on", {"device": "lamps", "area": "downstairs"})),
    ("switch the heater on in the study", "smart_home", ("turn_on", {"device": "heater", "area": "study"})),
    ("it's too dark in the office", "smart_home", ("turn_on", {"area": "office", "device_type": "light"})),
    ("i can't see a thing in the garage", "smart_home", ("turn_on", {"area": "garage", "device_type": "light"})),
    ("dim the living room lamp to 30 percent", "smart_home", ("set_brightness", {"brightness": 30, "device": "living room lamp"})),
    ("set the thermostat to 22 degrees", "smart_home", ("set_temperature", {"temperature": 22, "device": "thermostat"})),
    ("how much time is left on my timer", "timers", ("status", {})),
    ("pasta timer for twelve minutes", "timers", ("start", {"duration": "twelve minutes", "name": "pasta"})),
    ("what's on my shopping list", "lists", ("read", {"list_name": "shopping"})),
    ("put eggs and bread on the shopping list", "lists", ("add", {"items": ["eggs", "bread"], "list_name": "shopping"})),
    ("remind me at 5pm to call mom", "reminders", ("create", {"text": "call mom", "when": "at 5pm"})),
    ("set the oven timer for 35 minutes", "timers", ("start", {"duration": "35 minutes", "name": "oven"})),
    ("take milk off the shopping list", "lists", ("remove", {"items": ["milk"], "list_name": "shopping"})),
    ("cross eggs off my list", "lists", ("remove", {"items": ["eggs"]})),  # the default list
    ("what are my reminders", "reminders", ("show", {})),
    ("what reminders do i have tomorrow", "reminders", ("show", {"when": "tomorrow"})),
    ("do i have any new notifications", "notifications", ("check", {})),
    ("read my notifications", "notifications", ("check", {})),
    ("remember that the spare key is under the mat", "memory", ("remember", {"fact": "the spare key is under the mat"})),
    ("where did i put my passport", "memory", ("recall", {"question": "where did i put my passport"})),
    ("Remember that Anna's birthday is May 4th.", "memory", ("remember", {"fact": "Anna's birthday is May 4th"})),
])
def test_common_shapes_get_a_proposal(text, expert, call):
    decision = propose(text, expert, NOW)
    assert decision is not None and (decision.expert, decision.api, decision.args) == (expert, *call)


@pytest.mark.parametrize("text, expert", [
    ("start the music", "smart_home"),  # a speaker, not a device called "music": the confirmer's call
    ("start a timer", "timers"),  # no duration
    ("it's dark outside", "smart_home"),
    ("what's the weather", "lists"),
    ("remind me about the thing", "reminders"),  # no time
    ("remember to buy milk", "memory"),  # a reminder without a time, or a list: the confirmer's call
    ("what's my wife's name", "memory"),  # which fact answers it is the confirmer's call
])
def test_unsure_shapes_wait_for_the_confirmer(text, expert):
    assert propose(text, expert, NOW) is None


@pytest.mark.parametrize("text, asks", [
    ("is the front door locked", True), ("what's the temperature in here", True),
    ("the door locked?", True), ("can you dim the lights", True),
    ("i can't see anything in the kitchen", False), ("can't see a thing in here", False),
    ("turn on the lights", False), ("it's freezing", False),
])
def test_is_question(text, asks):
    from assistant.words import is_question

    assert is_question(text) is asks
