"""Session 13's kinds (no evaluation sentence; homes written for them): a heater that is off,
set to a temperature, heats; who or what a device is for is not where it is; a
misheard word right after the model's phrase is heard (voice)."""
import pytest

from assistant.experts.smart_home import list_devices
from tests.conftest import call_smart_home, smart_home_db

HOME = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Den, id: den, floor: ground}, {name: Hall, id: hall, floor: ground}]
entities:
  - {name: Den Heater, id: climate.den_heater, area: den, state: "off", attributes: {temperature: 18, min_temp: 5, max_temp: 30}}
  - {name: Thermostat, id: climate.hall_thermostat, area: hall, state: heat, attributes: {temperature: 19, min_temp: 7, max_temp: 28}}
"""


def state(db, device_id):
    return next(d for d in list_devices(db) if d["id"] == device_id)


@pytest.mark.parametrize("said", ["switch on the den heater at 23 degrees", "put the den heater on to 23",
                                  "turn the den heater on and set it to 23", "set the den heater to 23"])
def test_a_heater_told_to_go_on_at_a_temperature_heats(tmp_path, said):
    db = smart_home_db(HOME, tmp_path)
    assert call_smart_home(db, "set_temperature", said, device="den heater", temperature=23).ok
    heater = state(db, "climate.den_heater")
    assert heater["state"] == "heat" and heater["attributes"]["temperature"] == 23


def test_a_heating_thermostat_keeps_its_mode(tmp_path):
    db = smart_home_db(HOME, tmp_path)
    assert call_smart_home(db, "set_temperature", "turn the thermostat on to 21", device="thermostat", temperature=21).ok
    assert state(db, "climate.hall_thermostat")["state"] == "heat"


PURPOSE_HOME = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Utility, id: utility, floor: ground}, {name: Bathroom, id: bathroom, floor: ground},
        {name: Kids Room, id: kids_room, floor: ground}, {name: Kitchen, id: kitchen, floor: ground}]
entities:
  - {name: Immersion, id: switch.immersion, area: utility, state: "off"}
  - {name: Bathroom Light, id: light.bathroom_light, area: bathroom, state: "off", attributes: {brightness: 100}}
  - {name: Fan, id: fan.kids_fan, area: kids_room, state: "off", attributes: {percentage: 0}}
  - {name: Heater, id: switch.kitchen_heater, area: kitchen, state: "off"}
"""


@pytest.mark.parametrize("said, device, changed", [
    ("turn the immersion on for the baths", "immersion", "switch.immersion"),
    ("put the immersion on for a bath later", "immersion", "switch.immersion"),
])
def test_what_a_device_is_for_is_not_where_it_is(tmp_path, said, device, changed):
    db = smart_home_db(PURPOSE_HOME, tmp_path)
    assert call_smart_home(db, "turn_on", said, device=device).ok
    assert state(db, changed)["state"] == "on"


def test_a_place_named_after_for_is_still_the_place(tmp_path):
    db = smart_home_db(PURPOSE_HOME, tmp_path)
    assert call_smart_home(db, "turn_on", "turn on the heater for the kitchen", device="heater").ok
    assert state(db, "switch.kitchen_heater")["state"] == "on"


VOICE_HOME = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Sunroom, id: sunroom, floor: ground}]
entities:
  - {name: Sunroom Lights, id: light.sunroom_lights, area: sunroom, state: "off", attributes: {brightness: 100}}
  - {name: Sunroom Fan, id: fan.sunroom_fan, area: sunroom, state: "off", attributes: {percentage: 0}}
"""


def call_heard(db, said, **args):
    """A call on a voice transcript (the sounds-alike match applies to voice only)."""
    from datetime import datetime

    from assistant.clock import Clock
    from assistant.context import ExpertContext
    from assistant.experts.smart_home import EXPERT
    from assistant.messages import Utterance

    spec = EXPERT.api("turn_on")
    ctx = ExpertContext(db=db, clock=Clock(datetime(2026, 12, 1, 9)), utterance=Utterance(text=said, source="voice"))
    return spec.func(ctx, **spec.validate(args))


@pytest.mark.parametrize("args", [{"device": "sunroom"}, {"area": "sunroom"},  # the phrase stopped short
                                  {"device": "sunroom", "device_type": "fun"},  # a kind that is no kind
                                  {"area": "sunroom", "device_type": "fun"}])
def test_a_misheard_word_after_the_models_phrase_is_heard(tmp_path, args):
    db = smart_home_db(VOICE_HOME, tmp_path)
    assert call_heard(db, "turn on the sunroom fun", **args).ok
    assert state(db, "fan.sunroom_fan")["state"] == "on" and state(db, "light.sunroom_lights")["state"] == "off"


def test_typed_words_are_not_heard_again(tmp_path):
    db = smart_home_db(VOICE_HOME, tmp_path)
    call_smart_home(db, "turn_on", "turn on the sunroom fun", area="sunroom")
    assert state(db, "fan.sunroom_fan")["state"] == "off" and state(db, "light.sunroom_lights")["state"] == "on"


def test_a_kind_nobody_said_that_is_no_kind_is_dropped(tmp_path):
    db = smart_home_db(VOICE_HOME, tmp_path)
    assert call_smart_home(db, "turn_on", "switch on the sunroom fan for the guests", device="sunroom fan",
                           device_type="cooker").ok
    assert state(db, "fan.sunroom_fan")["state"] == "on"


RADIO_HOME = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Kitchen, id: kitchen, floor: ground}]
entities:
  - {name: Kitchen Radio, id: media_player.kitchen_radio, area: kitchen, state: playing, attributes: {volume: 30}}
"""


@pytest.mark.parametrize("said, action, volume", [
    ("kitchen radio, volume all the way up", "pause", 100), ("radio, crank the volume to the max", "mute", 100),
    ("kitchen radio volume down to the minimum", "unmute", 0), ("radio volume up a bit", "pause", 40),
])
def test_the_volume_said_with_no_action_word_is_a_level(tmp_path, said, action, volume):
    db = smart_home_db(RADIO_HOME, tmp_path)
    assert call_smart_home(db, "media", said, action=action, device="kitchen radio").ok
    radio = state(db, "media_player.kitchen_radio")
    assert radio["attributes"]["volume"] == volume and radio["state"] == "playing"


def test_turning_the_volume_off_is_still_a_mute(tmp_path):
    db = smart_home_db(RADIO_HOME, tmp_path)
    assert call_smart_home(db, "media", "turn the volume off on the radio", action="mute", device="kitchen radio").ok
    assert state(db, "media_player.kitchen_radio")["attributes"].get("muted") is True


COVERS_HOME = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Lounge, id: lounge, floor: ground}, {name: Kitchen, id: kitchen, floor: ground},
        {name: Garage, id: garage, floor: ground}]
entities:
  - {name: Lounge Curtains, id: cover.lounge_curtains, area: lounge, state: open, attributes: {position: 100}}
  - {name: Kitchen Blind, id: cover.kitchen_blind, area: kitchen, state: open, attributes: {position: 100}}
  - {name: Garage Door, id: cover.garage_door, area: garage, state: open, attributes: {device_class: garage}}
  - {name: Lounge Lamp, id: light.lounge_lamp, area: lounge, state: "off", attributes: {brightness: 50}}
  - {name: Lounge Light, id: light.lounge_light, area: lounge, state: "off", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("kind", ["blinds", "curtains"])
def test_two_kinds_said_together_are_both_meant(tmp_path, kind):
    db = smart_home_db(COVERS_HOME, tmp_path)
    assert call_smart_home(db, "close", "close every curtain and blind downstairs", device_type=kind).ok
    assert state(db, "cover.lounge_curtains")["state"] == "closed" and state(db, "cover.kitchen_blind")["state"] == "closed"
    assert state(db, "cover.garage_door")["state"] == "open"


def test_lamps_and_lights_are_every_light(tmp_path):
    db = smart_home_db(COVERS_HOME, tmp_path)
    assert call_smart_home(db, "turn_on", "turn on the lamps and lights in the lounge", device_type="lamps",
                           area="lounge").ok
    assert state(db, "light.lounge_lamp")["state"] == "on" and state(db, "light.lounge_light")["state"] == "on"


def test_a_short_word_a_vowel_apart_from_a_kind_sounds_like_it():
    from assistant.experts.smart_home.sounds_like import rewrite
    heard = rewrite("den fun", ["Den", "Den Ceiling Fan", "Den Ceiling Light"])
    assert heard is not None and heard.text == "den fan" and heard.sure
    assert rewrite("den fin", ["Den", "Den Ceiling Fan"]).text == "den fan"
    assert rewrite("den bed", ["Den", "Den Ceiling Fan"]) is None  # nothing sounds like it


BARN_HOME = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Barn, id: barn}, {name: Kitchen, id: kitchen, floor: ground}]
entities:
  - {name: Barn Lights, id: light.barn_lights, area: barn, state: "off", attributes: {brightness: 100}}
  - {name: Kitchen Light, id: light.kitchen_light, area: kitchen, state: "off", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("said, area", [("turn on the lights in the workshop", "workshop"),
                                        ("switch the shed lights on", "shed")])
def test_a_barn_is_the_workshop_or_the_shed(tmp_path, said, area):
    db = smart_home_db(BARN_HOME, tmp_path)
    assert call_smart_home(db, "turn_on", said, area=area, device_type="lights").ok
    assert state(db, "light.barn_lights")["state"] == "on" and state(db, "light.kitchen_light")["state"] == "off"


TOWNHOUSE = """floors: [{name: Ground, id: ground, level: 0}]
areas: [{name: Parlour, id: parlour, floor: ground}, {name: Snug, id: snug, floor: ground},
        {name: Washhouse, id: washhouse, floor: ground}, {name: Boxroom, id: boxroom, floor: ground}]
entities:
  - {name: Parlour Light, id: light.parlour_light, area: parlour, state: "off", attributes: {brightness: 100}}
  - {name: Snug Light, id: light.snug_light, area: snug, state: "off", attributes: {brightness: 100}}
  - {name: Washhouse Light, id: light.washhouse_light, area: washhouse, state: "off", attributes: {brightness: 100}}
  - {name: Boxroom Light, id: light.boxroom_light, area: boxroom, state: "off", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("said, area, changed", [
    ("turn on the living room light", "living room", "light.parlour_light"),  # a parlour is a living room, a snug a den
    ("switch on the laundry light", "laundry", "light.washhouse_light"),
    ("turn on the spare room light", "spare room", "light.boxroom_light"),
])
def test_rooms_called_by_another_name(tmp_path, said, area, changed):
    db = smart_home_db(TOWNHOUSE, tmp_path)
    assert call_smart_home(db, "turn_on", said, area=area, device_type="light").ok
    assert [d["id"] for d in list_devices(db) if d["state"] == "on"] == [changed]
