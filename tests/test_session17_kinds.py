"""Session 17's kinds (no evaluation sentence; homes written for them)."""
import pytest

from assistant.experts.smart_home import list_devices
from tests.conftest import call_smart_home, smart_home_db

UTILITY = """floors: [{name: Ground, id: ground, level: 0}, {name: Upper, id: upper, level: 1}]
areas:
  - {name: Utility Room, id: utility, floor: ground}
  - {name: Snug, id: snug, floor: ground}
  - {name: Guest Room, id: guest, floor: upper}
entities:
  - {name: Utility Ceiling, id: light.utility_ceiling, area: utility, state: "off", attributes: {brightness: 100}}
  - {name: Snug Light, id: light.snug_light, area: snug, state: "off", attributes: {brightness: 100}}
  - {name: Snug Fan, id: fan.snug_fan, area: snug, state: "off", attributes: {percentage: 0}}
  - {name: Guest Lamp, id: light.guest_lamp, area: guest, state: "off", attributes: {brightness: 100}}
  - {name: Guest Fan, id: fan.guest_fan, area: guest, state: "off", attributes: {percentage: 0}}
  - {name: Guest Heater, id: climate.guest_heater, area: guest, state: "off",
     attributes: {temperature: 18, current_temperature: 15, min_temp: 5, max_temp: 28}}
"""


def on(db) -> set[str]:
    return {d["id"] for d in list_devices(db) if d["state"] not in ("off", "closed", "locked")}


@pytest.mark.parametrize("said, args, expected", [
    ("turn on the light in the utility room", {"device_type": "utility room light"}, {"light.utility_ceiling"}),
    ("switch the fan in the guest room on", {"device_type": "guest room fan"}, {"fan.guest_fan"}),
    ("snug fan on please", {"device_type": "snug fan"}, {"fan.snug_fan"}),
])
def test_a_kind_written_with_its_place_is_the_kind_there(tmp_path, said, args, expected):
    db = smart_home_db(UTILITY, tmp_path)
    assert call_smart_home(db, "turn_on", said, **args).ok
    assert on(db) == expected


@pytest.mark.parametrize("value", [60, 2, 29])
def test_a_temperature_outside_the_range_is_not_set(tmp_path, value):
    db = smart_home_db(UTILITY, tmp_path)
    result = call_smart_home(db, "set_temperature", f"set the guest heater to {value}", device="guest heater", temperature=value)
    assert not result.ok and "5° to 28°" in result.reply
    assert on(db) == set()


def test_a_temperature_inside_the_range_and_the_top_of_it_are_set(tmp_path):
    db = smart_home_db(UTILITY, tmp_path)
    assert call_smart_home(db, "set_temperature", "guest heater to 28", device="guest heater", temperature=28).ok
    heater = next(d for d in list_devices(db) if d["id"] == "climate.guest_heater")
    assert heater["state"] == "heat" and heater["attributes"]["temperature"] == 28


@pytest.mark.parametrize("said, timeless", [
    ("why does it snow more up in the mountains", True),
    ("does it ever rain in the atacama desert", True),
    ("how much rain does seattle get a year", True),
    ("what's the weather usually like in lisbon in spring", True),
    ("what causes rain", True),
    ("will it rain on saturday", False),
    ("is it snowing in denver", False),
    ("what's the temperature in oslo", False),
    ("why is it raining today", False),
])
def test_a_question_about_why_or_the_usual_weather_is_timeless(said, timeless):
    from assistant.routing.timeless import timeless_question
    assert timeless_question(said) is timeless
