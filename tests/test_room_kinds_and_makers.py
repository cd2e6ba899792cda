"""Kinds of miss the blind24 set found after its run, each as a mechanism on a home written for this
test (no sentence of an evaluation set): a room named by another word for its kind ("lounge" for the
Family Room when there is also a Den, "workout room" for the Gym), "master" for "primary", a room
the home lacks never meaning every device, the heating being the thermostat rather than a space
heater, and a speaker known by its maker's name."""
import pytest

from assistant.experts.smart_home import list_devices
from tests.conftest import call_smart_home, smart_home_db

HOME = """floors: [{name: Main Floor, id: main, level: 0}, {name: Upstairs, id: up, level: 1}]
areas:
  - {name: Family Room, id: family, floor: main}
  - {name: Den, id: den, floor: main}
  - {name: Foyer, id: foyer, floor: main}
  - {name: Mudroom, id: mud, floor: main}
  - {name: Primary Suite, id: suite, floor: up}
  - {name: Primary Bath, id: bath, floor: up}
  - {name: Nursery, id: nursery, floor: up}
  - {name: Gym, id: gym}
  - {name: Workshop, id: workshop}
entities:
  - {name: Family Room Pendant, id: light.family_pendant, area: family, state: "off", attributes: {brightness: 100}}
  - {name: Den Lamp, id: light.den_lamp, area: den, state: "off", attributes: {brightness: 100}}
  - {name: Foyer Sconce, id: light.foyer_sconce, area: foyer, state: "on", attributes: {brightness: 100}}
  - {name: Mudroom Light, id: light.mudroom_light, area: mud, state: "on", attributes: {brightness: 100}}
  - {name: Primary Suite Light, id: light.suite_light, area: suite, state: "off", attributes: {brightness: 100}}
  - {name: Reading Lamp, id: light.suite_reading, area: suite, state: "off", attributes: {brightness: 100}}
  - {name: Bath Mirror Light, id: light.bath_mirror, area: bath, state: "off", attributes: {brightness: 100}}
  - {name: Crib Light, id: light.crib_light, area: nursery, state: "off", attributes: {brightness: 30}}
  - {name: Gym Lights, id: light.gym_lights, area: gym, state: "off", attributes: {brightness: 100}}
  - {name: Hallway Thermostat, id: climate.hall_thermostat, area: foyer, state: heat,
     attributes: {temperature: 68, min_temp: 50, max_temp: 90}}
  - {name: Workshop Heater, id: climate.workshop_heater, area: workshop, state: heat,
     attributes: {temperature: 55, min_temp: 40, max_temp: 75}}
  - {name: Den Bose, id: media_player.den_bose, area: den, state: playing, attributes: {volume: 30}}
  - {name: Kitchen Sonos, id: media_player.kitchen_sonos, area: family, state: playing, attributes: {volume: 30}}
  - {name: Gym Speaker, id: media_player.gym_speaker, area: gym, state: playing, attributes: {volume: 50}}
  - {name: Family Room TV, id: media_player.family_tv, area: family, state: "on", attributes: {volume: 20}}
"""


@pytest.fixture
def db(tmp_path):
    return smart_home_db(HOME, tmp_path)


def states(db):
    return {d["id"]: (d["state"], d["attributes"]) for d in list_devices(db)}


def changed(db, before):
    return {i for i, s in states(db).items() if before[i] != s}


@pytest.mark.parametrize("api, said, args, device", [
    ("turn_on", "lights on in the lounge", {"device": "lights", "area": "lounge"}, "light.family_pendant"),
    ("turn_on", "living room lights on", {"device": "living room lights"}, "light.family_pendant"),
    ("turn_off", "switch off the entryway light", {"device": "entryway light"}, "light.foyer_sconce"),
    ("turn_on", "turn on the exercise room lights", {"area": "exercise room", "device_type": "light"},
     "light.gym_lights"),
    ("turn_on", "light in the baby room please", {"area": "baby room", "device_type": "light"}, "light.crib_light"),
    ("turn_on", "master bathroom light on", {"device": "master bathroom light"}, "light.bath_mirror"),
])
def test_a_room_said_by_another_word_for_its_kind_is_that_room(db, api, said, args, device):
    before = states(db)
    call_smart_home(db, api, said, **args)
    assert changed(db, before) == {device}


def test_master_is_primary_in_a_devices_name(db):
    before = states(db)
    call_smart_home(db, "turn_on", "turn on the master suite light", device="master suite light")
    assert changed(db, before) == {"light.suite_light"}


def test_a_room_the_home_lacks_written_as_a_kind_changes_nothing(db):
    """The model's device_type "wine cellar": never every light of the home."""
    before = states(db)
    result = call_smart_home(db, "turn_on", "lights on in the wine cellar", device="lights", device_type="wine cellar")
    assert not result.ok and changed(db, before) == set()


@pytest.mark.parametrize("said, args", [
    ("heat to 70", {"temperature": 70, "device_type": "heat"}),
    ("set the thermostat to 70", {"temperature": 70, "device_type": "thermostat"}),
])
def test_the_heating_is_the_thermostat_not_a_space_heater(db, said, args):
    before = states(db)
    call_smart_home(db, "set_temperature", said, **args)
    assert changed(db, before) == {"climate.hall_thermostat"}


def test_a_heater_said_is_the_heater(db):
    before = states(db)
    call_smart_home(db, "set_temperature", "workshop heater to 60", temperature=60, device_type="heater")
    assert changed(db, before) == {"climate.workshop_heater"}


def test_the_speakers_are_every_speaker_by_kind_or_maker_never_the_tv(db):
    before = states(db)
    call_smart_home(db, "turn_off", "turn off the speakers", device_type="speaker")
    assert changed(db, before) == {"media_player.den_bose", "media_player.gym_speaker", "media_player.kitchen_sonos"}


@pytest.mark.parametrize("api, said, args", [
    ("adjust", "den bose down by 10", {"attribute": "brightness", "delta": -10, "device": "den bose"}),
    ("set_position", "gym speaker to 20", {"position": 20, "device": "gym speaker"}),
])
def test_a_level_in_percent_named_for_another_kind_is_the_devices_own(db, api, said, args):
    """The model's brightness or position for a speaker: its volume."""
    before = states(db)
    call_smart_home(db, api, said, **args)
    (device,) = changed(db, before)
    assert states(db)[device][1]["volume"] == {"den bose": 20, "gym speaker": 20}[args["device"]]
