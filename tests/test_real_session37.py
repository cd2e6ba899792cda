"""Session 37's kinds on the real models: Quebec French with an aside after a comma, the lights of a
room said in French, an English request with a French closing, a circumstance to get ahead of, a shade
before a colour, a message for someone whose name has an accent. Lines written for these tests (not
from any evaluation set); each conversation runs on fresh state."""
from datetime import datetime

import pytest

from tests.conftest import failures, run_real_conversations

pytestmark = pytest.mark.real_model
NOW = datetime(2027, 1, 14, 18, 20)  # a Thursday evening in winter

CONVERSATIONS = [
    [("Allume la lumière du garage, il fait noir comme chez le loup", {"devices": {"light.garage_2b4d": {"state": "on"}}})],
    [("Éteins les lumières de la cuisine, s'il te plaît", {"devices": {"light.kitchen_under_cabinet_3c4d": {"state": "off"},
                                                                       "light.kitchen_ceiling_1a2b": {"state": "off"}}})],
    [("Turn on the towel heater, s'il vous plaît", {"devices": {"switch.bathroom_towel_heater_0d2f": {"state": "on"}}})],
    [("turn on the coffee maker before the guests get here", {"devices": {"switch.coffee_maker_5e6f": {"state": "on"}},
                                                              "scheduled": []})],
    [("make the bedside lamp light blue", {"devices": {"light.bedside_lamp_3c5e": {"state": "on",
                                                                                   "attributes": {"color": "lightblue"}}}})],
    [("leave a note for Zoé: the snow tires are in the garage", {"expert": "notifications", "devices": {}})],
]


@pytest.fixture(scope="module")
def results():
    return run_real_conversations(CONVERSATIONS, NOW, "s37")


def test_the_kinds_are_carried_out_as_meant(results):
    assert not failures(results), failures(results)
