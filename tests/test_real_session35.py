"""Session 35's kinds on the real models: "on"/"off" as the verb after a word of courtesy, a closing "can or
not", Malay and pinyin words, a state asked with "or not", a thing named first, a "why" complaint before the
request, a device told by its landmark. Lines written for these tests (not from any evaluation set); each
conversation runs on fresh state."""
from datetime import datetime

import pytest

from tests.conftest import failures, run_real_conversations

pytestmark = pytest.mark.real_model
NOW = datetime(2026, 12, 3, 19, 10)  # a Thursday evening

CONVERSATIONS = [
    [("Madam, can you please on the towel heater po", {"devices": {"switch.bathroom_towel_heater_0d2f": {"state": "on"}}})],
    [("off the hallway light for me can or not", {"devices": {"light.hallway_1c2d": {"state": "off"}}})],
    [("tolong on the kipas in the kids room", {"devices": {"fan.kids_room_fan_8b0d": {"state": "on"}}})],
    [("The garage light, switch it on", {"devices": {"light.garage_2b4d": {"state": "on"}}})],
    [("Why is the coffee maker still off? On it now", {"devices": {"switch.coffee_maker_5e6f": {"state": "on"}}})],
    [("turn on the light over the dining room table", {"devices": {"light.dining_pendant_9a0b": {"state": "on"}}})],
    [("remind me", {"expert": "reminders", "asks": True})],
]


@pytest.fixture(scope="module")
def results():
    return run_real_conversations(CONVERSATIONS, NOW, "s35")


def test_the_kinds_are_carried_out_as_meant(results):
    assert not failures(results), failures(results)
