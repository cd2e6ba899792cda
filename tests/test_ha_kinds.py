"""The kinds of miss the Home Assistant intents tune split found (data/eval/ha_tune.jsonl), each as a
mechanism on a home written for this test (no sentence of an evaluation set)."""

import pytest

from assistant.app import default_registry
from assistant.routing.cues import pinned_expert
from tests.conftest import call_smart_home, smart_home_db
from assistant.experts.smart_home import list_devices
from assistant.experts.smart_home.setters import confirmation_policy

HOME = """floors: [{name: Ground, id: ground, level: 0}, {name: First, id: first, level: 1}]
areas:
  - {name: Lounge, id: lounge, floor: ground}
  - {name: Carport, id: carport, floor: ground}
  - {name: Loft, id: loft, floor: first}
entities:
  - {name: Standard Lamp, id: light.standard, area: lounge, state: "on", attributes: {brightness: 60}}
  - {name: Hifi, id: media_player.hifi, area: lounge, state: idle, attributes: {volume: 30}}
  - {name: Lounge Shade, id: cover.shade, area: lounge, state: open, attributes: {position: 100}}
  - {name: Carport Light, id: light.carport, area: carport, state: "off", attributes: {brightness: 100}}
  - {name: Carport Door, id: cover.carport_door, area: carport, state: closed,
     attributes: {position: 0, device_class: garage}}
  - {name: Loft Light, id: light.loft, area: loft, state: "on", attributes: {brightness: 100}}
"""


@pytest.fixture
def db(tmp_path):
    return smart_home_db(HOME, tmp_path)


call = call_smart_home


def state(db, device_id):
    return next((d["state"], d["attributes"]) for d in list_devices(db) if d["id"] == device_id)


def test_a_floor_is_named_by_its_name_and_the_word_floor(db):
    call(db, "turn_off", "lights out on the first floor", area="first floor", device_type="light")
    assert state(db, "light.loft")[0] == "off" and state(db, "light.standard")[0] == "on"


def test_the_level_the_user_named_wins_over_the_api_the_model_chose(db):
    call(db, "set_brightness", "put the volume in the lounge at 45", brightness=45, area="lounge", device_type="light")
    assert state(db, "media_player.hifi")[1]["volume"] == 45
    assert state(db, "light.standard")[1]["brightness"] == 60


def test_words_for_a_level_are_not_part_of_a_device_name(db):
    call(db, "set_position", "lounge shade position to 40", position=40, device="lounge shade position")
    assert state(db, "cover.shade")[1]["position"] == 40


def test_a_brightness_never_moves_a_garage_door(db):
    result = call(db, "set_brightness", "brightness in the carport to full", brightness=100, device="carport door")
    assert state(db, "cover.carport_door")[0] == "closed", result.reply
    # a level of any name given to a garage door asks first: it would open it
    assert confirmation_policy(db, "set_volume", {"volume": 60, "device": "carport door"}, said="carport door to 60")


@pytest.mark.parametrize("said, expert", [
    ("pop some batteries in the hardware list", "lists"),
    ("tick the bin bags off my shopping list", "lists"),
    ("strike oat milk from the groceries list", "lists"),
])
def test_items_put_in_or_checked_off_a_list_are_the_lists(said, expert):
    assert pinned_expert(default_registry(), said) == expert


@pytest.mark.parametrize("api_name, said, args", [
    ("turn_on", "any lights on", {"device": "any lights"}),
    ("close", "is the lounge shade closed", {"device": "lounge shade"}),
    ("turn_off", "which lights are off", {"device_type": "light"}),
])
def test_a_question_about_how_things_are_only_tells(db, api_name, said, args):
    before = list_devices(db)
    call(db, api_name, said, **args)
    assert list_devices(db) == before


def test_a_polite_request_worded_as_a_question_still_acts(db):
    call(db, "turn_on", "can you turn on the carport light", device="carport light")
    assert state(db, "light.carport")[0] == "on"


KIND_NAMED_HOME = """areas: [{name: Hall, id: hall}, {name: Workshop, id: workshop}]
entities:
  - {name: Thermostat, id: climate.hall, area: hall, state: heat, aliases: [heating],
     attributes: {temperature: 19, min_temp: 7, max_temp: 25}}
  - {name: Workshop Heater, id: climate.workshop, area: workshop, state: heat,
     attributes: {temperature: 15, min_temp: 5, max_temp: 28}}
"""


@pytest.mark.parametrize("said", ["turn the heating up 2 degrees", "thermostat up by two"])
def test_a_device_named_by_a_kind_alone_is_the_one_that_kind_means(tmp_path, said):
    db = smart_home_db(KIND_NAMED_HOME, tmp_path)
    call(db, "adjust", said, attribute="temperature", delta=2, device_type="thermostat")
    assert state(db, "climate.hall")[1]["temperature"] == 21
    assert state(db, "climate.workshop")[1]["temperature"] == 15
