"""Session 36's kinds on the real models: a yes then a request said with "on", a setting at a bare number,
Nigerian Pidgin, a question after "please", a stop with a closing courtesy, a new request said when a time
was asked. Lines written for these tests (not from any evaluation set); each conversation runs on fresh
state."""
from datetime import datetime

import pytest

from tests.conftest import failures, run_real_conversations

pytestmark = pytest.mark.real_model
NOW = datetime(2026, 12, 3, 19, 40)  # a Thursday evening

CONVERSATIONS = [
    [("unlock the back door, the plumber is here", {"asks": True, "devices": {}}),
     ("yes please, and kindly on the garage light too", {"devices": {"lock.back_door_7a8b": {"state": "unlocked"},
                                                                     "light.garage_2b4d": {"state": "on"}}})],
    [("the speaker is far too loud, set it at 12", {"devices": {"media_player.living_room_speaker_5c6d":
                                                                {"attributes": {"volume": 12}}}, "scheduled": []})],
    [("abeg make you on the towel heater", {"devices": {"switch.bathroom_towel_heater_0d2f": {"state": "on"}}})],
    [("please how do I get candle wax off a tablecloth?", {"expert": "chat", "devices": {}})],
    [("set a reminder", {"asks": True, "expert": "reminders"}),
     ("actually switch on the hallway light", {"devices": {"light.hallway_1c2d": {"state": "on"}}, "reminders": []})],
]


@pytest.fixture(scope="module")
def results():
    return run_real_conversations(CONVERSATIONS, NOW, "s36")


def test_the_kinds_are_carried_out_as_meant(results):
    assert not failures(results), failures(results)
