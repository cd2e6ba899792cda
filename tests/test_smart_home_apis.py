"""The smart-home APIs on the dev home: effects, replies, undo, refusals, confirmation policy."""
from datetime import datetime
from pathlib import Path

import pytest

from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.messages import Utterance
from assistant.storage.db import open_database
from assistant.registry import build_expert
from assistant.experts.smart_home import EXPERT, list_devices, load_home, load_home_file, requires_confirmation
from assistant.experts.smart_home.apis import set as set_api
from assistant.experts.smart_home.setters import confirmation_policy

# `set` (every attribute at once) is not in the model's catalogue, where one setter per attribute
# stands for it; it is tested directly here.
WIDE = build_expert("smart_home", "wide set", [set_api])


def spec_of(api_name):
    return WIDE.api("set") if api_name == "set" else EXPERT.api(api_name)

DATA = Path(__file__).parent / "data"


@pytest.fixture
def db():
    db = open_database(":memory:", EXPERT.migrations)
    load_home(db, load_home_file(DATA / "dev_home.yaml"))
    return db


def context(db, here=None, said=None):
    utterance = Utterance(text=said or "test", area=here) if here or said else None
    return ExpertContext(db=db, clock=Clock(datetime(2026, 11, 25, 9, 0)), utterance=utterance)


def call(db, api_name, here=None, said=None, **args):
    """Validate the arguments as the pipeline does, then run the API from a source in `here`,
    for the utterance `said`."""
    spec = spec_of(api_name)
    return spec.func(context(db, here, said), **spec.validate(args))


def device(db, device_id):
    return next(d for d in list_devices(db) if d["id"] == device_id)


# The development utterances dev-001..dev-018, with the arguments a model would fill in.
DEV_CASES = [
    ("turn_on", {"device": "kitchen lights"}, {"light.kitchen_ceiling_4f2a9c": ("on", {"brightness": 100}),
                                               "light.kitchen_counter_strip_77b1": ("on", None)}),
    ("turn_off", {"device": "hallway light"}, {"light.hallway_6d0e": ("off", None)}),
    ("set", {"device": "living room lamp", "brightness": 30}, {"light.living_room_lamp_a19e": ("on", {"brightness": 30})}),
    ("set", {"device": "bedroom lamp", "color": "Blue"},
     {"light.bedroom_lamp_5e8f": ("on", {"brightness": 100, "color": "blue"})}),
    ("turn_off", {"area": "ground floor", "device_type": "lights"},
     {"light.living_room_lamp_a19e": ("off", None), "light.hallway_6d0e": ("off", None)}),
    ("turn_on", {"device": "coffee maker"}, {"switch.coffee_maker_b4c2": ("on", None)}),
    ("set", {"device": "thermostat", "temperature": 22},
     {"climate.hallway_thermostat_c0de": ("heat", {"temperature": 22, "current_temperature": 19})}),
    ("close", {"device": "living room blinds"}, {"cover.living_room_blinds_e2d4": ("closed", {"position": 0})}),
    ("turn_on", {"area": "office"}, {"light.office_desk_lamp_2b6d": ("on", None), "switch.office_heater_8e11": ("off", None)}),
    ("turn_on", {"device": "fan", "area": "bedroom"}, {"fan.bedroom_ceiling_fan_37aa": ("on", {"percentage": 100})}),
    ("turn_on", {"device": "reading light"}, {"light.reading_light_0c3d": ("on", None)}),
    ("set", {"device": "night light", "percentage": 50},
     {"light.kids_night_light_913a": ("on", {"brightness": 50, "color": "orange"})}),
    ("turn_on", {"device": "heater", "area": "office"}, {"switch.office_heater_8e11": ("on", None)}),
    ("turn_off", {"device": "lights", "area": "living room"}, {"light.living_room_lamp_a19e": ("off", {"brightness": 60})}),
    ("set", {"device": "living room speaker", "volume": 50},
     {"media_player.living_room_speaker_44aa": ("idle", {"volume": 50})}),
]


@pytest.mark.parametrize("api_name, args, expected", DEV_CASES)
def test_dev_utterances(db, api_name, args, expected):
    result = call(db, api_name, **args)
    assert result.ok, result.reply
    for device_id, (state, attributes) in expected.items():
        found = device(db, device_id)
        assert found["state"] == state
        if attributes is not None:
            assert found["attributes"] == attributes


@pytest.mark.parametrize("api_name, args, reply", [
    ("turn_on", {"device": "kitchen lights"}, "Turned on Kitchen Ceiling Light and Kitchen Counter Strip."),
    ("turn_on", {"device": "living room lamp"}, "The Living Room Lamp is already on."),
    ("turn_on", {"area": "living room", "device_type": "blinds"}, "The Living Room Blinds are already open."),
    ("turn_off", {"area": "living room", "device": "everything"}, "Turned off Living Room Lamp and Living Room Speaker."),
    ("turn_off", {"device": "blinds"}, "Closed Living Room Blinds."),
    ("set", {"device": "thermostat", "temperature": 35}, "Set Thermostat to 35°."),
    ("set", {"area": "kitchen", "brightness": 150}, "Set Kitchen Ceiling Light and Kitchen Counter Strip to 100% (its limit)."),
    ("set", {"device": "kitchen lights", "color": "light blue"}, "Set Kitchen Counter Strip to lightblue."),
    ("set", {"device": "blinds", "position": 40}, "Set Living Room Blinds to 40% open."),
    ("adjust", {"device": "speaker", "attribute": "volume", "delta": 10}, "Raised Living Room Speaker to volume 40."),
    ("adjust", {"device": "thermostat", "attribute": "temperature", "delta": -1.5}, "Lowered Thermostat to 18.5°."),
    ("adjust", {"device": "desk lamp", "attribute": "brightness", "delta": -20}, "Desk Lamp: already at the minimum."),
    ("open", {"device": "garage door"}, "Opened Garage Door."),
    ("lock", {"device": "front door"}, "The Front Door Lock is already locked."),
    ("unlock", {"device": "front door"}, "Unlocked Front Door Lock."),
    ("query", {"device": "kitchen ceiling light"}, "The Kitchen Ceiling Light is off."),
    ("query", {"device": "thermostat"}, "The Thermostat is set to 20° (19° now)."),
    ("query", {"area": "living room", "device_type": "speaker"}, "The Living Room Speaker is idle at volume 30."),
    ("query", {}, "The Living Room Lamp is on at 60%. The Hallway Light is on at 100%. "
                  "The Thermostat is set to 20° (19° now). The Living Room Blinds are open."),
    ("query", {"area": "ground floor"}, "Off: Kitchen Ceiling Light, Kitchen Counter Strip, Reading Light and "
     "Coffee Maker. On: Living Room Lamp and Hallway Light. Closed: Garage Door. Open: Living Room Blinds. "
     "Locked: Front Door Lock. Idle: Living Room Speaker. The Thermostat is set to 20° (19° now)."),
])
def test_replies(db, api_name, args, reply):
    result = call(db, api_name, **args)
    assert (result.ok, result.reply) == (True, reply)


def test_a_temperature_beyond_the_range_is_refused_with_the_range(db):
    result = call(db, "set", device="thermostat", temperature=40)
    assert (result.ok, result.reply) == (False, "The Thermostat can be set from 7° to 35°, so I left it as it is.")


def test_brighter_turns_an_off_light_on_from_zero(db):
    call(db, "adjust", device="desk lamp", attribute="brightness", delta=30)
    assert device(db, "light.office_desk_lamp_2b6d") == {
        "id": "light.office_desk_lamp_2b6d", "name": "Desk Lamp", "area": "office", "state": "on",
        "attributes": {"brightness": 30}}


def test_switching_covers_climate_and_media(db):
    call(db, "turn_off", device="thermostat")
    assert device(db, "climate.hallway_thermostat_c0de")["state"] == "off"
    call(db, "turn_on", device="thermostat")
    assert device(db, "climate.hallway_thermostat_c0de")["state"] == "heat"
    call(db, "turn_on", device="garage door")
    assert device(db, "cover.garage_door_51f0")["state"] == "open"
    call(db, "turn_off", device="speaker")
    assert device(db, "media_player.living_room_speaker_44aa")["state"] == "off"
    call(db, "turn_on", device="speaker")
    assert device(db, "media_player.living_room_speaker_44aa")["state"] == "on"


def test_here_comes_from_the_input_source(db):
    result = call(db, "turn_on", here="kitchen", device="lights", area="here")
    assert result.reply == "Turned on Kitchen Ceiling Light and Kitchen Counter Strip."
    assert call(db, "turn_on", device="lights", area="here").reply == "Which room do you mean?"


UNDO_CASES = [
    ("turn_on", {"device": "lights"}),
    ("turn_off", {"device": "everything", "area": "living room"}),
    ("turn_on", {"device": "fan"}),
    ("set", {"device": "night light", "brightness": 80, "color": "red"}),
    ("set", {"device": "blinds", "position": 0}),
    ("set", {"device": "thermostat", "temperature": 23.5}),
    ("adjust", {"device": "speaker", "attribute": "volume", "delta": -50}),
    ("adjust", {"area": "living room", "attribute": "brightness", "delta": 25}),
    ("open", {"device": "garage door"}),
    ("close", {"device": "blinds"}),
    ("unlock", {"device": "front door"}),
]


@pytest.mark.parametrize("api_name, args", UNDO_CASES)
def test_undo_restores_the_exact_before_state(db, api_name, args):
    before = list_devices(db)
    spec = spec_of(api_name)
    result = call(db, api_name, **args)
    assert result.ok and list_devices(db) != before
    spec.undo(context(db), result.undo)
    assert list_devices(db) == before


def test_undo_data_holds_only_changed_devices(db):
    result = call(db, "turn_off", device="lights", area="ground floor")
    assert [item["id"] for item in result.undo["before"]] == ["light.living_room_lamp_a19e", "light.hallway_6d0e"]
    assert result.undo["before"][0] == {"id": "light.living_room_lamp_a19e", "state": "on",
                                        "attributes": {"brightness": 60}}
    assert [d["id"] for d in result.data["devices"]] == [
        "light.kitchen_ceiling_4f2a9c", "light.kitchen_counter_strip_77b1", "light.living_room_lamp_a19e",
        "light.reading_light_0c3d", "light.hallway_6d0e"]


@pytest.mark.parametrize("api_name, args, reply", [
    ("turn_on", {"device": "disco ball"}, "I couldn't find a device called 'disco ball'."),
    ("turn_on", {"device": "garage light"}, "There is no light in the Garage."),
    ("turn_off", {"device": "front door lock"}, "The Front Door Lock is a lock: ask me to lock or unlock it."),
    ("set", {"device": "kitchen lights", "color": "blurple"}, "I don't know the colour 'blurple'."),
    ("set", {"device": "kitchen ceiling light", "color": "red"}, "The Kitchen Ceiling Light can't change colour."),
    ("set", {"device": "speaker", "temperature": 20}, "The Living Room Speaker can't do that."),
    ("set", {"device": "lamp"}, "What should I set: brightness, colour, temperature, position, volume or speed?"),
    ("adjust", {"device": "speaker", "attribute": "volume", "delta": 0}, "By how much should I change it?"),
    ("lock", {"area": "attic"}, "I couldn't find a room or floor called 'attic'."),
    ("unlock", {"area": "garage"}, "There is nothing in the Garage that can do that."),
    ("query", {"device": "disco ball"}, "I couldn't find a device called 'disco ball'."),
])
def test_failures_change_nothing(db, api_name, args, reply):
    before = list_devices(db)
    result = call(db, api_name, **args)
    assert (result.ok, result.reply, result.data) == (False, reply, {"devices": []})
    assert list_devices(db) == before


def test_api_flags():
    assert EXPERT.api("unlock").sensitive and not EXPERT.api("unlock").speculative_safe
    for name in ("turn_on", "turn_off", "set", "adjust", "open", "close", "lock"):
        spec = spec_of(name)
        assert spec.speculative_safe and spec.undo is not None and not spec.sensitive


@pytest.mark.parametrize("api_name, args, reason", [
    ("unlock", {"device": "front door"}, "This would unlock Front Door Lock."),
    ("smart_home.unlock", {"device": "door", "device_type": "lock"}, "This would unlock Front Door Lock."),
    ("open", {"device": "garage door"}, "This would open Garage Door."),
    ("open", {"area": "garage"}, "This would open Garage Door."),
    ("turn_on", {"device": "garage door"}, "This would open Garage Door."),
    ("set", {"device": "garage door", "position": 50}, "This would open Garage Door."),
    ("adjust", {"device": "garage door", "attribute": "position", "delta": 20}, "This would open Garage Door."),
    ("close", {"device": "garage door"}, None),
    ("open", {"device": "blinds"}, None),
    ("lock", {"device": "front door"}, None),
    ("turn_on", {"device": "kitchen lights"}, None),
    ("unlock", {"device": "disco ball"}, None),
    ("query", {"device": "front door"}, None),
])
def test_requires_confirmation(db, api_name, args, reason):
    assert requires_confirmation(db, api_name, args) == reason


def _alarm_home(tmp_path, state="disarmed"):
    db = open_database(":memory:", EXPERT.migrations)
    path = tmp_path / "home.yaml"
    path.write_text("areas: [{name: Hall, id: hall}]\nentities:\n"
                    f"  - {{name: Alarm, id: alarm_control_panel.home, area: hall, state: {state}}}\n"
                    "  - {name: Hall Light, id: light.hall, area: hall, state: 'off'}\n")
    load_home(db, load_home_file(path))
    return db


def test_arming_needs_no_yes_and_disarming_does(tmp_path):
    db = _alarm_home(tmp_path, "armed_away")
    assert requires_confirmation(db, "arm", {}) is None
    assert requires_confirmation(db, "turn_on", {"device": "alarm"}) is None
    assert requires_confirmation(db, "disarm", {}) == "This would disarm Alarm."
    assert requires_confirmation(db, "turn_off", {"device": "security system"}) == "This would disarm Alarm."
    assert EXPERT.api("disarm").sensitive and not EXPERT.api("arm").speculative_safe
    assert call(db, "query", device="alarm").reply == "The Alarm is armed away."


@pytest.mark.parametrize("said, mode, state", [
    ("arm the alarm", None, "armed_away"),
    ("arm the alarm", "night", "armed_night"),  # the model's mode when the user names none
    ("set the alarm to night mode", None, "armed_night"),
    ("arm the security system, we're staying in", "away", "armed_home"),  # the user's word wins
    ("put the alarm on for bedtime", None, "armed_night"),
])
def test_arm_reads_the_mode_from_the_users_words(tmp_path, said, mode, state):
    db = _alarm_home(tmp_path)
    result = call(db, "arm", said=said, **({"mode": mode} if mode else {}))
    assert device(db, "alarm_control_panel.home")["state"] == state, result.reply
    assert device(db, "light.hall")["state"] == "off"


def test_disarm_and_turning_the_alarm_on_and_off(tmp_path):
    db = _alarm_home(tmp_path, "armed_night")
    assert call(db, "disarm").reply == "Disarmed Alarm."
    assert call(db, "disarm").reply == "The Alarm is already disarmed."
    assert call(db, "turn_on", device="alarm").reply == "Armed Alarm."
    assert device(db, "alarm_control_panel.home")["state"] == "armed_away"
    assert call(db, "turn_off", device="security system").reply == "Disarmed Alarm."
    assert call(db, "arm", mode="home").reply == "Armed (home) Alarm."


@pytest.mark.parametrize("api_name, args, device_id, expected", [
    ("set_brightness", {"brightness": 30, "device": "living room lamp"}, "light.living_room_lamp_a19e", ("on", "brightness", 30)),
    ("set_color", {"color": "blue", "device": "bedroom lamp"}, "light.bedroom_lamp_5e8f", ("on", "color", "blue")),
    ("set_temperature", {"temperature": 22, "device_type": "thermostat"}, "climate.hallway_thermostat_c0de", ("heat", "temperature", 22)),
    ("set_position", {"position": 40, "device": "blinds"}, "cover.living_room_blinds_e2d4", ("open", "position", 40)),
    ("set_volume", {"volume": 50, "device": "living room speaker"}, "media_player.living_room_speaker_44aa", ("idle", "volume", 50)),
    ("set_fan_speed", {"percentage": 50, "area": "bedroom"}, "fan.bedroom_ceiling_fan_37aa", ("on", "percentage", 50)),
])
def test_one_setter_per_attribute(db, api_name, args, device_id, expected):
    result = call(db, api_name, **args)
    state, attribute, value = expected
    assert result.ok, result.reply
    assert device(db, device_id)["state"] == state
    assert device(db, device_id)["attributes"][attribute] == value
    spec = EXPERT.api(api_name)
    assert spec.speculative_safe and spec.undo is not None
    spec.undo(context(db), result.undo)
    assert device(db, device_id) != {"state": state}


def test_setters_share_the_confirmation_policy_of_set(db):
    assert confirmation_policy(db, "set_position", {"position": 50, "device": "garage door"}) == "This would open Garage Door."
    assert confirmation_policy(db, "set_brightness", {"brightness": 50, "device": "night light"}) is None
    assert confirmation_policy(db, "unlock", {"device": "front door"}) == "This would unlock Front Door Lock."


@pytest.mark.parametrize("said, api_name, args, device_id, attribute, expected", [
    ("make it warmer by 3 degrees", "set_temperature", {"temperature": 3, "device_type": "thermostat"}, "climate.hallway_thermostat_c0de", "temperature", 23),
    ("make it cooler by two degrees", "set_temperature", {"temperature": 2, "device_type": "thermostat"}, "climate.hallway_thermostat_c0de", "temperature", 18),
    ("turn the speaker down by 10", "set_volume", {"volume": 10, "device": "speaker"}, "media_player.living_room_speaker_44aa", "volume", 20),
    ("set the heat to 22 by 6 pm", "set_temperature", {"temperature": 22, "device_type": "thermostat"}, "climate.hallway_thermostat_c0de", "temperature", 22),
    ("set the speaker volume to 10", "set_volume", {"volume": 10, "device": "speaker"}, "media_player.living_room_speaker_44aa", "volume", 10),
])
def test_a_change_by_an_amount_is_relative_even_when_written_as_a_setting(db, said, api_name, args, device_id,
                                                                          attribute, expected):
    spec = spec_of(api_name)
    ctx = ExpertContext(db=db, clock=Clock(datetime(2026, 11, 25, 9, 0)), utterance=Utterance(text=said))
    result = spec.func(ctx, **spec.validate(args))
    assert result.ok, result.reply
    assert device(db, device_id)["attributes"][attribute] == expected


# ------------------------------------------------------------------ places the model left out
def lights_turned_on(db, **call_args) -> set[str]:
    def on():
        return {d["id"] for d in list_devices(db) if d["id"].startswith("light.") and d["state"] == "on"}
    before = on()
    call(db, "turn_on", **call_args)
    return on() - before


KITCHEN_LIGHTS = {"light.kitchen_ceiling_4f2a9c", "light.kitchen_counter_strip_77b1"}


def test_bare_lights_mean_the_speakers_room(db):
    assert lights_turned_on(db, here="kitchen", said="turn on the lights", device_type="light") == KITCHEN_LIGHTS


def test_all_the_lights_mean_the_whole_home_even_from_a_room(db):
    assert len(lights_turned_on(db, here="kitchen", said="turn on all the lights", device_type="light")) > 2


def test_a_place_the_user_said_but_the_model_dropped_is_used(db):
    turned = lights_turned_on(db, here="kitchen", said="turn on the lights in the kits room", device="lights")
    assert turned == {"light.kids_night_light_913a"}


def test_a_device_outside_the_speakers_room_is_still_found(db):
    turned = lights_turned_on(db, here="kitchen", said="turn on the desk lamp", device="desk lamp")
    assert turned == {"light.office_desk_lamp_2b6d"}


def test_without_a_configured_area_bare_lights_mean_every_light(db):
    assert len(lights_turned_on(db, said="turn on the lights", device_type="light")) > 2


def test_the_users_plural_wins_even_when_the_words_are_apart(db):
    assert lights_turned_on(db, said="lights on in the kitchen pls", device="kitchen light") == KITCHEN_LIGHTS


def setter(db, name, said, **args):
    spec = EXPERT.api(name)
    return spec.func(context(db, None, said), **spec.validate(args))


def test_lowering_the_blinds_closes_them_rather_than_a_made_up_half_way(db):
    setter(db, "set_position", "lower the living room blinds", position=50, device="living room blinds")
    assert device(db, "cover.living_room_blinds_e2d4")["state"] == "closed"


def test_a_level_the_user_said_is_kept(db):
    setter(db, "set_position", "lower the living room blinds to half", position=50, device="living room blinds")
    assert device(db, "cover.living_room_blinds_e2d4")["attributes"]["position"] == 50


def test_the_device_kind_the_user_said_stands_in_for_a_missing_target(db):
    setter(db, "set_volume", "set the speaker to 45 percent volume", volume=45)
    assert device(db, "media_player.living_room_speaker_44aa")["attributes"]["volume"] == 45


def test_turning_the_alarm_on_arms_it_in_the_mode_the_user_named(tmp_path):
    db = _alarm_home(tmp_path)
    call(db, "turn_on", said="alarm on for the night", device="alarm")
    assert device(db, "alarm_control_panel.home")["state"] == "armed_night"


@pytest.mark.parametrize("said, expert", [
    ("stick the alarm on, we're off out", "smart_home"),
    ("could you switch on the house alarm", "smart_home"),
    ("alarm on please", "smart_home"),
    ("put the alarm on for half past six", None),  # a time to ring at: an alarm clock, the model's call
    ("turn on the alarm for tomorrow morning", None),
    ("add alarm on to the list", "lists"),
])
def test_an_alarm_switched_on_with_no_time_is_the_alarm_system(said, expert):
    from assistant.app import default_registry
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(default_registry(), said) == expert
