"""Sessions 14 and 15's kinds on the real models: a verb that moves a cover its own way, a put-off
call that keeps its room, two devices before the particle, time put on no timer, a list started and
filled, asking back what was told, a yes or no with more words, "the light" of a room, a follow-up
naming another room, a misheard name by voice; and session 16's: a message for the household, a
timeless question, a colour and a brightness said together, a yes in other words, a morning hour put
off to a day; and session 17's: "on the X" as the verb with a particle, a time past midnight, two
places said together; and session 18's: a device with a cook's name put off, West African particles,
a cover verb before a declined half, "why do people here …", "the X, on it", "by" a time; and session
19's: "open" a light (with a Filipino particle), a written fraction of a unit, a sensor's name asked
about, "actually cancel that" after a put-off call, a closure in the news; and session 20's: a setter with
no device, an alarm after a while, "do it now" after a put-off call, a yes in Swahili, a list with no
name, a duration of three parts; and session 30's: Arabic typed in Roman letters, a short value after
"nah make it", a reminder's text given when its time was asked; and session 31's: Urdu typed in Roman
letters, a statement with its own time after a command, a currency's rate declined; and session 32's: a
thermostat's mode, a story sentence before the request, a put-off command in a long polite sentence
followed by one that only tells.

Lines written for these tests (not from any evaluation set); each conversation runs on fresh state."""
from datetime import datetime

import pytest

from tests.conftest import failures, run_real_conversations

pytestmark = pytest.mark.real_model
NOW = datetime(2026, 12, 3, 19, 15)  # a Thursday evening
VOICE = "voice"

CONVERSATIONS = [
    [("could you draw the living room blinds", {"devices": {"cover.living_room_blinds_3a4b": {"state": "closed"}}})],
    [("switch the hallway light off in twenty minutes",
      {"devices": {}, "scheduled": [{"api": "turn_off", "due": "2026-12-03T19:35:00", "args_contain": "Hallway"}]})],
    [("switch the bedside lamp and the ceiling fan on", {"devices": {"light.bedside_lamp_3c5e": {"state": "on"},
                                                                     "fan.bedroom_ceiling_fan_5e7a": {"state": "on"}}})],
    [("add ten minutes to the timer", {"timers": [{"duration_s": 600}]})],
    [("start a camping list and put matches on it", {"lists": {"camping": ["matches"]}})],
    [("remember the plumber comes on friday", {"expert": "memory"}),
     ("what did I tell you about the plumber", {"expert": "memory", "reply_contains_any": ["friday", "Friday"]})],
    [("open the garage door", {"asks": True, "devices": {}}),
     ("nah, just leave it as it is", {"devices": {}})],
    [("turn on the light in the bedroom", {"devices": {"light.bedroom_ceiling_4d6f": {"state": "on"}}})],
    [("turn on the mirror light", {"devices": {"light.bathroom_mirror_9c1e": {"state": "on"}}}),
     ("oh and the one in the garage", {"devices": {"light.garage_2b4d": {"state": "on"}}})],
    [(("turn on the knight light", VOICE), {"devices": {"light.kids_night_light_7a9c": {"state": "on"}}})],
    # session 16's kinds
    [("let everyone know the taxi is here", {"expert": "notifications", "devices": {}})],
    [("which country has won the most football world cups", {"expert": "chat", "declined": False})],
    [("make the bedside lamp blue at 30 percent",
      {"devices": {"light.bedside_lamp_3c5e": {"state": "on", "attributes": {"brightness": 30, "color": "blue"}}}})],
    [("open the garage door", {"asks": True, "devices": {}}),
     ("ja, go ahead", {"devices": {"cover.garage_door_1a3c": {"state": "open"}}})],
    [("switch the coffee maker on at 6:30 tomorrow",
      {"devices": {}, "scheduled": [{"api": "turn_on", "due": "2026-12-04T06:30:00", "args_contain": "Coffee"}]})],
    # session 17's kinds
    [("on the ceiling fan lah", {"devices": {"fan.bedroom_ceiling_fan_5e7a": {"state": "on"}}})],
    [("remind me at ten past midnight to lock up", {"reminders": [{"text_contains": "lock", "due": "2026-12-04T00:10:00"}]})],
    [("lights in the dining room and the garage on", {"devices": {"light.dining_pendant_9a0b": {"state": "on"},
                                                                 "light.garage_2b4d": {"state": "on"}}})],
    # session 18's kinds
    [("switch on the coffee maker in 25 minutes",
      {"devices": {}, "scheduled": [{"api": "turn_on", "due": "2026-12-03T19:40:00", "args_contain": "Coffee"}]})],
    [("abeg on the garage light o", {"devices": {"light.garage_2b4d": {"state": "on"}}})],
    [("roll down the living room blinds and order me a pizza",
      {"parts": ["smart_home", "none"], "devices": {"cover.living_room_blinds_3a4b": {"state": "closed"}}})],
    [("why do people here put up so many christmas lights", {"expert": "chat", "declined": False})],
    [("the bedside lamp, on it", {"devices": {"light.bedside_lamp_3c5e": {"state": "on"}}})],
    [("turn the towel heater on by 8:30 tonight",
      {"devices": {}, "scheduled": [{"api": "turn_on", "due": "2026-12-03T20:30:00", "args_contain": "Towel"}]})],
    # session 19's kinds
    [("open the garage light po", {"devices": {"light.garage_2b4d": {"state": "on"}}})],
    [("set a timer for 2 1/2 minutes", {"timers": [{"duration_s": 150}]})],
    [("hallway temperature?", {"expert": "smart_home", "devices": {}})],
    [("switch off the hallway light in 40 minutes", {"devices": {}}),
     ("actually cancel that", {"scheduled": []})],
    [("are schools closed tomorrow because of the snow", {"declined": True})],
    # session 20's kinds
    [("put the volume on 40", {"asks": True, "devices": {}})],
    [("alarm in 45 minutes", {"expert": "timers", "timers": [{"duration_s": 2700}], "devices": {}})],
    [("switch the hallway light off at 11 tonight", {"devices": {}}),
     ("no, do it right away", {"devices": {"light.hallway_1c2d": {"state": "off"}}, "scheduled": []})],
    [("open the garage door", {"asks": True, "devices": {}}),
     ("sawa", {"devices": {"cover.garage_door_1a3c": {"state": "open"}}})],
    [("make a new list", {"expert": "lists", "asks": True})],
    [("start a 1 hour and 5 minute and 10 second timer", {"timers": [{"duration_s": 3910}]})],
    # session 30's kinds
    [("dawwi el daw bel matbakh", {"devices": {"light.kitchen_ceiling_1a2b": {"state": "on"}}})],
    [("make the floor lamp red", {"devices": {"light.living_room_floor_lamp_9c0d": {"color": "red"}}}),
     ("nah make it teal", {"devices": {"light.living_room_floor_lamp_9c0d": {"color": "teal"}}})],
    [("new reminder", {"asks": True}),
     ("renew the car insurance", {"asks": True}),
     ("friday at 10", {"reminders": [{"text_contains": "insurance", "due": "2026-12-04T10:00:00"}]})],
    # session 31's kinds
    [("kitchen ki batti jala do", {"devices": {"light.kitchen_ceiling_1a2b": {"state": "on"}}})],
    [("switch the bedside lamp on my sister is arriving at 9", {"devices": {"light.bedside_lamp_3c5e": {"state": "on"}},
                                                                "scheduled": []})],
    [("convert 50 dollars to rupees", {"declined": True, "devices": {}})],
    # session 32's kinds
    [("switch the thermostat to cooling mode", {"devices": {"climate.thermostat_5a6b": {"state": "cool"}}})],
    [("My brother left his bike in the garage. Turn on the bedside lamp.",
      {"devices": {"light.bedside_lamp_3c5e": {"state": "on"}}})],
    [("would you be so kind as to switch the coffee maker on at half past six tomorrow? I have an early start.",
      {"devices": {}, "scheduled": [{"api": "turn_on", "due": "2026-12-04T06:30:00", "args_contain": "coffee"}]})],
]


@pytest.fixture(scope="module")
def results():
    return run_real_conversations(CONVERSATIONS, NOW, "kinds")


def test_the_kinds_are_carried_out_as_meant(results):
    assert not failures(results), failures(results)
