"""Target resolution: phrases -> real device ids, never a guess."""
from pathlib import Path

import pytest

from assistant.storage.db import open_database
from assistant.experts.smart_home import EXPERT, load_home, load_home_file, resolve

DATA = Path(__file__).parent / "data"
DEMO = Path(__file__).parent.parent / "assistant" / "data" / "demo_home.yaml"

KITCHEN_LIGHTS = ["light.kitchen_ceiling_4f2a9c", "light.kitchen_counter_strip_77b1"]
LIVING_LIGHTS = ["light.living_room_lamp_a19e", "light.reading_light_0c3d"]
GROUND_LIGHTS = [*KITCHEN_LIGHTS, *LIVING_LIGHTS, "light.hallway_6d0e"]
UPSTAIRS_LIGHTS = ["light.bedroom_lamp_5e8f", "light.kids_night_light_913a", "light.office_desk_lamp_2b6d"]


def home_db(path: Path):
    db = open_database(":memory:", EXPERT.migrations)
    load_home(db, load_home_file(path))
    return db


@pytest.fixture(scope="module")
def dev():
    return home_db(DATA / "dev_home.yaml")


@pytest.fixture(scope="module")
def demo():
    return home_db(DEMO)


DEV_TABLE = [  # (device, area, device_type, expected ids)
    ("kitchen lights", None, None, KITCHEN_LIGHTS),
    ("the kitchen lights", None, None, KITCHEN_LIGHTS),
    ("hallway light", None, None, ["light.hallway_6d0e"]),
    ("hall light", None, None, ["light.hallway_6d0e"]),
    ("living room lamp", None, None, ["light.living_room_lamp_a19e"]),
    ("bedroom lamp", None, None, ["light.bedroom_lamp_5e8f"]),
    ("bed room lamp", None, None, ["light.bedroom_lamp_5e8f"]),
    ("Bedroom Lamp", None, "light", ["light.bedroom_lamp_5e8f"]),
    ("reading light", None, None, ["light.reading_light_0c3d"]),
    ("night light", None, None, ["light.kids_night_light_913a"]),
    ("kids night light", None, None, ["light.kids_night_light_913a"]),
    ("desk light", None, None, ["light.office_desk_lamp_2b6d"]),
    ("lights", "ground floor", None, GROUND_LIGHTS),
    (None, "ground floor", "light", GROUND_LIGHTS),
    ("all the lights", "downstairs", None, GROUND_LIGHTS),
    ("upstairs lights", None, None, UPSTAIRS_LIGHTS),
    (None, "upstairs", "lights", UPSTAIRS_LIGHTS),
    ("lights", "living room", None, LIVING_LIGHTS),
    (None, "in the office", "light", ["light.office_desk_lamp_2b6d"]),
    (None, "kitchen and living room", "lights", [*KITCHEN_LIGHTS, *LIVING_LIGHTS]),
    ("coffee maker", None, None, ["switch.coffee_maker_b4c2"]),
    ("coffee machine", None, None, ["switch.coffee_maker_b4c2"]),
    ("heater", "office", None, ["switch.office_heater_8e11"]),
    (None, "office", "heater", ["switch.office_heater_8e11"]),
    ("thermostat", None, None, ["climate.hallway_thermostat_c0de"]),
    (None, None, "heating", ["climate.hallway_thermostat_c0de"]),
    ("temperature", "living room", None, ["climate.hallway_thermostat_c0de"]),  # the home's only one
    ("the fan", "bedroom", None, ["fan.bedroom_ceiling_fan_37aa"]),
    ("fan", None, None, ["fan.bedroom_ceiling_fan_37aa"]),
    ("living room blinds", None, None, ["cover.living_room_blinds_e2d4"]),
    ("blinds", None, None, ["cover.living_room_blinds_e2d4"]),  # not the garage door
    ("garage door", None, None, ["cover.garage_door_51f0"]),
    ("front door", None, None, ["lock.front_door_9a7b"]),
    ("speaker", None, None, ["media_player.living_room_speaker_44aa"]),
    (None, "living room", "music", ["media_player.living_room_speaker_44aa"]),
    ("kitchen counter", None, None, ["light.kitchen_counter_strip_77b1"]),
    ("kitchen lights and the coffee maker", None, None, [*KITCHEN_LIGHTS, "switch.coffee_maker_b4c2"]),
    ("everything", "kitchen", None, [*KITCHEN_LIGHTS, "switch.coffee_maker_b4c2"]),
    ("doors", None, None, ["cover.garage_door_51f0", "lock.front_door_9a7b"]),
]


@pytest.mark.parametrize("device, area, device_type, expected", DEV_TABLE)
def test_dev_home_resolution(dev, device, area, device_type, expected):
    result = resolve(dev, device, area, device_type)
    assert result.problem is None
    assert sorted(result.device_ids) == sorted(expected)


PROBLEMS = [  # (device, area, device_type, here, the problem sentence)
    ("disco ball", None, None, None, "I couldn't find a device called 'disco ball'."),
    ("the disco ball", "kitchen", None, None, "I couldn't find a device called 'disco ball' in the Kitchen."),
    ("garage light", None, None, None, "There is no light in the Garage."),
    ("bathroom lamp", None, None, None, "I couldn't find a device called 'bathroom lamp'."),
    ("tv", None, None, None, "There is no tv in this home."),
    (None, "attic", None, None, "I couldn't find a room or floor called 'attic'."),
    ("lights", "here", None, None, "Which room do you mean?"),
    ("light in here", None, None, None, "Which room do you mean?"),
    ("reading light", "bedroom", None, None,
     "There is no reading light in the Bedroom; the Reading Light is in the Living Room."),
    ("lamp", None, None, None, "Which lamp do you mean: Living Room Lamp, Bedroom Lamp or Desk Lamp?"),
    ("the light", None, None, None, "Which light do you mean? There are 8: name one or say a room."),
    ("door", None, None, None, "Which door do you mean: Garage Door or Front Door Lock?"),
    (None, None, None, None, "Which device do you mean?"),
]


@pytest.mark.parametrize("device, area, device_type, here, problem", PROBLEMS)
def test_dev_home_problems_never_guess(dev, device, area, device_type, here, problem):
    result = resolve(dev, device, area, device_type, here=here)
    assert result == type(result)([], problem)


def test_here_uses_the_speakers_area(dev):
    assert resolve(dev, "lights", "here", here="kitchen").device_ids == KITCHEN_LIGHTS
    assert resolve(dev, "lights in here", here="Living Room").device_ids == LIVING_LIGHTS
    assert resolve(dev, "the lights in this room", here="living_room").device_ids == LIVING_LIGHTS
    # a singular, ambiguous name prefers the speaker's room before asking
    assert resolve(dev, "the lamp", here="office").device_ids == ["light.office_desk_lamp_2b6d"]


def test_allowed_domains_narrow_and_explain(dev):
    assert resolve(dev, "door", allowed={"lock"}).device_ids == ["lock.front_door_9a7b"]
    assert resolve(dev, None, "garage", allowed={"cover"}, bulk={"cover"}).device_ids == ["cover.garage_door_51f0"]
    locked = resolve(dev, "front door lock", allowed={"light", "switch"})
    assert locked.problem == "The Front Door Lock is a lock: ask me to lock or unlock it."
    assert resolve(dev, "speaker", allowed={"light"}).problem == "The Living Room Speaker can't do that."
    assert resolve(dev, None, "living room", bulk={"light"}).device_ids == LIVING_LIGHTS


DEMO_TABLE = [
    ("kitchen lights", None, None, ["light.kitchen_ceiling_1a2b", "light.kitchen_under_cabinet_3c4d"]),
    ("kitchen light", None, None, ["light.kitchen_ceiling_1a2b"]),  # a device of that name
    ("bedroom lamp", None, None, ["light.bedside_lamp_3c5e"]),
    ("bed room lamp", None, None, ["light.bedside_lamp_3c5e"]),
    ("lamp", "master bedroom", None, ["light.bedside_lamp_3c5e"]),
    ("lights", "lounge", None, ["light.living_room_floor_lamp_9c0d", "light.living_room_ceiling_1e2f"]),
    ("garage light", None, None, ["light.garage_2b4d"]),
    ("tv", None, None, ["media_player.living_room_tv_7e8f"]),
    ("television", None, None, ["media_player.living_room_tv_7e8f"]),
    ("blinds", None, None, ["cover.living_room_blinds_3a4b", "cover.bedroom_shades_6f8b"]),
    ("heater", None, None, ["switch.bathroom_towel_heater_0d2f"]),
    ("front door", None, None, ["lock.front_door_3e4f"]),
    ("alarm", None, None, ["alarm_control_panel.home_alarm_7c8d"]),
    ("fan", "kids room", None, ["fan.kids_room_fan_8b0d"]),
]


@pytest.mark.parametrize("device, area, device_type, expected", DEMO_TABLE)
def test_demo_home_resolution(demo, device, area, device_type, expected):
    result = resolve(demo, device, area, device_type)
    assert result.problem is None
    assert sorted(result.device_ids) == sorted(expected)


@pytest.mark.parametrize("device, area, problem", [
    ("disco ball", None, "I couldn't find a device called 'disco ball'."),
    ("reading light", None, "I couldn't find a device called 'reading light'."),
    ("light", "office", "I couldn't find a room or floor called 'office'."),
    ("the fan", None, "Which fan do you mean: Ceiling Fan or Kids Room Fan?"),
    ("ceiling light", None, "Which ceiling light do you mean: Living Room Ceiling Light or Bedroom Ceiling Light?"),
])
def test_demo_home_problems(demo, device, area, problem):
    assert resolve(demo, device, area).problem == problem


def test_no_home_loaded():
    db = open_database(":memory:", EXPERT.migrations)
    assert resolve(db, "lights").problem == "No home is loaded, so there are no devices to control."



def test_a_device_phrase_that_only_names_a_place_is_that_place(demo):
    """"living room" + blinds: the living room's blinds, not the best name match ("Living Room TV")."""
    found = resolve(demo, "living room", None, "blinds", allowed={"cover"})
    assert found.device_ids == ["cover.living_room_blinds_3a4b"] and found.problem is None
