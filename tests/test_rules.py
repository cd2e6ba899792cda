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


# ---- less usual words for the same commands (issue 13: a proposal before the confirmer) -------
@pytest.mark.parametrize("text, expert, call", [
    # slang verbs and particles
    ("kill the porch light", "smart_home", ("turn_off", {"device": "porch light"})),
    ("yo cut the hall lamp", "smart_home", ("turn_off", {"device": "hall lamp"})),
    ("fire up the coffee machine", "smart_home", ("turn_on", {"device": "coffee machine"})),
    ("knock the landing light off", "smart_home", ("turn_off", {"device": "landing light"})),
    ("get the desk fan going", "smart_home", ("turn_on", {"device": "desk fan"})),
    ("shut off the office speaker", "smart_home", ("turn_off", {"device": "office speaker"})),
    ("turn of the study lamp", "smart_home", ("turn_off", {"device": "study lamp"})),  # a slip of "off"
    # a device named alone (a kind of device in its name)
    ("the reading lamp please", "smart_home", ("turn_on", {"device": "reading lamp"})),
    ("erm, porch light", "smart_home", ("turn_on", {"device": "porch light"})),
    # levels said other ways
    ("bring the kitchen speaker up to 40", "smart_home", ("set_volume", {"volume": 40, "device": "kitchen speaker"})),
    ("turn the telly down to half", "smart_home", ("set_volume", {"volume": 50, "device": "telly"})),
    ("desk lamp to full brightness", "smart_home", ("set_brightness", {"brightness": 100, "device": "desk lamp"})),
    ("volume on the office speaker to twenty", "smart_home", ("set_volume", {"volume": 20, "device": "office speaker"})),
    ("fan speed 40 percent", "smart_home", ("set_fan_speed", {"percentage": 40, "device": "fan"})),
    ("heat the study up to 20", "smart_home", ("set_temperature", {"temperature": 20, "area": "study"})),
    ("warm the whole house to 21", "smart_home", ("set_temperature", {"temperature": 21})),
    ("set the heating to nineteen and a half", "smart_home", ("set_temperature", {"temperature": 19.5, "device": "heating"})),
    ("dim the desk lamp by 30", "smart_home", ("adjust", {"attribute": "brightness", "delta": -30, "device": "desk lamp"})),
    ("drop the thermostat two degrees", "smart_home", ("adjust", {"attribute": "temperature", "delta": -2, "device": "thermostat"})),
    ("lower the office speaker by fifteen", "smart_home", ("adjust", {"attribute": "volume", "delta": -15, "device": "office speaker"})),
    ("turn up the stereo speaker", "smart_home", ("adjust", {"attribute": "volume", "delta": 10, "device": "stereo speaker"})),
    ("turn the heating down a bit", "smart_home", ("adjust", {"attribute": "temperature", "delta": -1, "device": "heating"})),
    ("dim the pendant", "smart_home", ("adjust", {"attribute": "brightness", "delta": -10, "device": "pendant"})),
    ("lower the study blinds", "smart_home", ("close", {"device": "study blinds"})),
    ("porch light orange", "smart_home", ("set_color", {"color": "orange", "device": "porch light"})),
    # countdowns without "set a timer for"
    ("count down forty seconds", "timers", ("start", {"duration": "40 seconds"})),
    ("a forty five minute timer for the cake", "timers", ("start", {"duration": "45 minute", "name": "cake"})),
    ("time me for twelve minutes", "timers", ("start", {"duration": "12 minutes"})),
    ("give me twenty minutes on the clock", "timers", ("start", {"duration": "20 minutes"})),
    ("set a countdown of half an hour", "timers", ("start", {"duration": "30 minutes"})),
    ("get me up at quarter to seven", "timers", ("set_alarm", {"time": "quarter to 7"})),
    ("pause the rice timer", "timers", ("pause", {"name": "rice"})),
    ("add two minutes to the timer", "timers", ("add_time", {"duration": "2 minutes"})),
    ("turn off my alarm", "timers", ("cancel", {})),
    # a need instead of "add"
    ("we're out of kitchen roll, stick it on the list", "lists", ("add", {"items": ["kitchen roll"]})),
    ("we've run out of sugar", "lists", ("add", {"items": ["sugar"]})),
    ("running low on dog food", "lists", ("add", {"items": ["dog food"]})),
    ("we need more teabags on the shopping list", "lists", ("add", {"items": ["teabags"], "list_name": "shopping"})),
    ("chuck hummus on the party list", "lists", ("add", {"items": ["hummus"], "list_name": "party"})),
    ("add lemons", "lists", ("add", {"items": ["lemons"]})),
    ("tick off the nails on the hardware list", "lists", ("complete", {"items": ["nails"], "list_name": "hardware"})),
    # other ways to say "remind me"
    ("nudge me at 6 pm to water the plants", "reminders", ("create", {"text": "water the plants", "when": "at 6 pm"})),
    ("give me a shout in ten minutes about the washing", "reminders",
     ("create", {"text": "the washing", "when": "in 10 minutes"})),
    ("don't let me forget to ring the garage tomorrow at 9 am", "reminders",
     ("create", {"text": "ring the garage", "when": "tomorrow at 9 am"})),
    ("cancel the reminder about the dentist", "reminders", ("cancel", {"text": "dentist"})),
    # a state question on a kind of device: the query tells it, or asks which one
    ("is the television on", "smart_home", ("query", {"device": "television"})),
    # what a device makes or warms, said for the device
    ("brew us a pot of coffee", "smart_home", ("turn_on", {"device": "coffee"})),
    ("make me a cuppa", "smart_home", ("turn_on", {"device": "kettle"})),
    ("heat the towels up", "smart_home", ("turn_on", {"device": "towel"})),
    # needs, and crossing off with no list named
    ("we're practically out of foil", "lists", ("add", {"items": ["foil"]})),
    ("we could do with some more napkins", "lists", ("add", {"items": ["napkins"]})),
    ("strike the bread off", "lists", ("remove", {"items": ["bread"]})),
    ("cross off the screws on the diy list", "lists", ("remove", {"items": ["screws"], "list_name": "diy"})),
    ("cross off the yoghurt and the jam", "lists", ("remove", {"items": ["yoghurt", "jam"]})),
])
def test_other_words_for_common_commands_get_a_proposal(text, expert, call):
    decision = propose(text, expert, NOW)
    assert decision is not None and (decision.expert, decision.api, decision.args) == (expert, *call)


@pytest.mark.parametrize("text, expert", [
    ("the lights", "smart_home"),  # which ones?
    ("the kitchen", "smart_home"),  # a room, no device
    ("kill the music", "smart_home"),  # not a device's name
    ("don't kill the lamp", "smart_home"),
    ("turn it up", "smart_home"),  # what "it" is: the confirmer's call
    ("put the kettle on at 7", "smart_home"),  # a time, not a level
    ("take the car to 50", "smart_home"),
    ("the lamp purple", "smart_home"),  # a colour of which lamp?
    ("dim the speaker", "smart_home"),  # a speaker does not dim
    ("we're out of time", "lists"),
    ("we're out of the house", "lists"),
    ("we need to talk", "lists"),
    ("add shampoo conditioner and toothpaste", "lists"),  # two items or three?
    ("add 5 minutes", "lists"),
    ("set an alarm called gym for 6 am", "timers"),  # more than a time
    ("count down", "timers"),  # no duration
    ("pause my alarm", "timers"),
    ("nudge me about the parcel", "reminders"),  # no time
    ("make some noise", "smart_home"),  # nothing a device makes
    ("do the towels", "smart_home"),  # the washing, or the rail?
    ("cross it off", "lists"),  # which?
    ("i need more light in here", "lists"),
    ("we need more", "lists"),
])
def test_other_words_when_unsure_wait_for_the_confirmer(text, expert):
    assert propose(text, expert, NOW) is None


def test_a_name_the_home_claims_is_a_device_said_alone():
    assert propose("the kettle please", "smart_home", NOW) is None  # no kind of device in it
    claimed = rules.propose(REGISTRY, "the kettle please", "smart_home", NOW, claimed=True)
    assert (claimed.api, claimed.args) == ("turn_on", {"device": "kettle"})


@pytest.mark.parametrize("text, within", [
    ("we need more dog food, put it on the list", True),
    ("i need lightbulbs, add them to my list", True),
    ("turn it off, please", False),  # "it" before anything is named
    ("and the bedroom too", False),
    ("dim the lamp, and the fan too", False),
])
def test_a_pointer_to_what_the_same_words_named_is_no_follow_up(text, within):
    from assistant.routing.context import refers_within

    assert refers_within(text) is within


@pytest.mark.parametrize("text, call", [
    ("activate the hall lamp", ("turn_on", {"device": "hall lamp"})),
    ("deactivate the fans here", ("turn_off", {"device": "fans", "area": "here"})),
    ("turn the lamp in the den out", ("turn_off", {"device": "lamp", "area": "den"})),
    ("adjust the thermostat to 19", ("set_temperature", {"temperature": 19, "device": "thermostat"})),
    ("increase speaker volume to 50 %", ("set_volume", {"volume": 50, "device": "speaker"})),
    ("set lamp in my den to red", ("set_color", {"color": "red", "device": "lamp", "area": "den"})),
])
def test_home_assistant_intent_words_get_a_proposal(text, call):
    decision = propose(text, "smart_home", NOW)
    assert decision is not None and (decision.api, decision.args) == call


@pytest.mark.parametrize("text, call", [
    ("create the timer called eggs for 3 hours", ("start", {"duration": "3 hours", "name": "eggs"})),
    ("set my timer for 1 hour called rice", ("start", {"duration": "1 hour", "name": "rice"})),
])
def test_a_timer_called_something_is_named_not_timed(text, call):
    decision = propose(text, "timers", NOW)
    assert decision is not None and (decision.api, decision.args) == call


def test_the_heating_turned_up_is_a_level_not_on():
    decision = propose("turn the heating up", "smart_home", NOW)
    assert (decision.api, decision.args["attribute"]) == ("adjust", "temperature")
    assert propose("activate the alarm", "smart_home", NOW) is None  # the alarm panel is armed, with a yes


# ---- issue 13, session 14: calls that wait for a yes get a proposal (their question, asked at once);
# a determiner alone names no list; words leading into "remind me" are not what to be reminded of
@pytest.mark.parametrize("text, expert, call", [
    ("unlock the front door", "smart_home", ("unlock", {"device": "front door"})),
    ("disarm the alarm", "smart_home", ("disarm", {"device": "alarm"})),
    ("empty the shopping list", "lists", ("clear", {"list_name": "shopping"})),
    ("clear my list", "lists", ("clear", {})),
    ("delete everything on the to do list", "lists", ("clear", {"list_name": "to do"})),
    ("remove all items from the shopping list", "lists", ("clear", {"list_name": "shopping"})),
    ("whats on my list", "lists", ("read", {})),
    ("cancel all my reminders", "reminders", ("cancel_all", {})),
    ("tell me what's on our list", "lists", ("read", {})),
    ("right, remind me at 5pm to call mom", "reminders", ("create", {"text": "call mom", "when": "at 5pm"})),
    ("oh and remind me on saturday to buy stamps", "reminders", ("create", {"text": "buy stamps", "when": "on saturday"})),
    ("every monday at 8 am remind me to put the bins out", "reminders",
     ("create", {"text": "put the bins out", "when": "every monday at 8 am"})),
])
def test_yes_needing_calls_and_lead_words_get_a_proposal(text, expert, call):
    decision = propose(text, expert, NOW)
    assert decision is not None and (decision.expert, decision.api, decision.args) == (expert, *call)


@pytest.mark.parametrize("text", ["clear my notifications", "clear it", "empty the dishwasher", "clear all my reminders",
                                  "clear milk off the list"])
def test_clearing_what_is_no_list_is_no_list_proposal(text):
    assert propose(text, "lists", NOW) is None
