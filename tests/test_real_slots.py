"""Issue 19 on the real models: values kept as said, missing values asked for, undo, small talk,
smart-home phrasing.

Lines written for these tests (not from any evaluation set); each conversation runs on fresh state."""
from datetime import datetime

import pytest

from tests.conftest import failures, run_real_conversations

pytestmark = pytest.mark.real_model
NOW = datetime(2026, 12, 3, 19, 15)  # a Thursday evening

CONVERSATIONS = [
    [("can you start a timer for me", {"asks": True, "declined": False, "expert": "timers"}),
     ("twelve minutes", {"timers": [{"duration_s": 720}]})],
    [("I'd like an alarm", {"asks": True, "declined": False, "expert": "timers"}),
     ("half past six in the morning", {"timers": [{"duration_s": 40500}]})],
    [("put a reminder in to renew the passport", {"asks": True, "declined": False, "expert": "reminders"}),
     ("saturday at 11", {"reminders": [{"text_contains": "passport", "due": "2026-12-05T11:00:00"}]})],
    [("remind me to phone the vet on monday at 9am", {"reminders": [{"text_contains": "vet", "due": "2026-12-07T09:00:00"}]})],
    [("wake me at seven am", {"timers": [{"duration_s": 42300}]})],
    [("a timer for one hour and twenty minutes", {"timers": [{"duration_s": 4800}]})],
    [("close the living room blinds", {"devices": {"cover.living_room_blinds_3a4b": {"state": "closed"}}}),
     ("undo that", {"expert": "system", "devices": {"cover.living_room_blinds_3a4b": {"state": "open"}}})],
    [("share a fun fact about whales", {"expert": "chat"})],
    [("set a reminder", {"asks": True, "declined": False, "expert": "reminders"}),
     ("to defrost the chicken", {"asks": True}),
     ("tomorrow at 8am", {"reminders": [{"text_contains": "defrost the chicken", "due": "2026-12-04T08:00:00"}]})],
    [("timer please", {"asks": True, "declined": False, "expert": "timers"}),
     ("actually never mind", {"timers": []})],
    # smart-home phrasing (kinds 5-7): ends of scales, a synonym of a room, a bare device name
    [("dim the bedside lamp to its lowest", {"devices": {"light.bedside_lamp_3c5e": {"state": "on",
                                                                                     "attributes": {"brightness": 1}}}})],
    [("turn the heat up a couple of degrees", {"devices": {"climate.thermostat_5a6b": {"attributes": {"temperature": 22}}}})],
    [("lights on in the bath", {"devices": {"light.bathroom_mirror_9c1e": {"state": "on"}}})],
    [("the night light please", {"devices": {"light.kids_night_light_7a9c": {"state": "on"}}})],
    [("turn on the coffee maker", {"devices": {"switch.coffee_maker_5e6f": {"state": "on"}}}),
     ("forget the last thing I asked", {"expert": "system", "devices": {"switch.coffee_maker_5e6f": {"state": "off"}}})],
    # session 6: a level asked for, which-one answered, arithmetic, a no with more words, a quarter hour
    [("could you set the thermostat", {"asks": True, "declined": False, "expert": "smart_home", "devices": {}}),
     ("twenty one please", {"devices": {"climate.thermostat_5a6b": {"attributes": {"temperature": 21}}}})],
    [("switch the fan on", {"asks": True, "declined": False, "devices": {}}),
     ("the one in the kids room", {"devices": {"fan.kids_room_fan_8b0d": {"state": "on"}}})],
    [("what's 17 times 3", {"expert": "chat", "declined": False})],
    [("unlock the back door", {"asks": True, "devices": {}}),
     ("no, leave it locked", {"devices": {}})],
    [("timer for an hour and a quarter", {"timers": [{"duration_s": 4500}]})],
]


@pytest.fixture(scope="module")
def results():
    return run_real_conversations(CONVERSATIONS, NOW, "slots")


def test_values_are_asked_for_kept_as_said_and_undone(results):
    assert not failures(results), failures(results)
