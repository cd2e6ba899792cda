"""Session 32's kinds (no evaluation sentence): a level said in degrees in the Hindi/Urdu reader
keeps its unit, and a level written as a light's brightness for a thermostat the user spoke of in
degrees is its temperature."""
import pytest

from assistant.experts.smart_home import list_devices
from assistant.languages.hearing import in_english
from tests.conftest import call_smart_home, smart_home_db

FLAT = """
areas:
  - {name: Study, id: study}
  - {name: Lounge, id: lounge}
entities:
  - {name: Study Radiator, id: climate.study_radiator, area: study, state: heat,
     attributes: {temperature: 19, min_temp: 7, max_temp: 28, hvac_modes: ["off", heat]}}
  - {name: Lounge Lamp, id: light.lounge_lamp, area: lounge, state: "on", attributes: {brightness: 60}}
"""


def _state(db, entity):
    return next(d for d in list_devices(db) if d["id"] == entity)


@pytest.mark.parametrize("said, heard", [
    ("study ka radiator teen degree tez kar do", "turn up the study radiator by 3 degrees"),
    ("geyser 45 digri pe kar do", "set the geyser to 45 degrees"),
    ("lamp ki roshni 30 percent kam kar do", "by 30 percent"),
])
def test_a_level_said_in_degrees_or_percent_keeps_its_unit(said, heard):
    assert heard in in_english(said, "text", lambda: [])


def test_a_plain_level_stays_a_number():
    assert in_english("pankha do pe kar do", "text", lambda: []).endswith("to 2")


@pytest.mark.parametrize("api, said, args, expected", [
    ("adjust", "warm the study radiator up 2 degrees", {"attribute": "brightness", "delta": 2,
                                                        "device": "study radiator"}, 21),
    ("set_brightness", "put the study radiator on 22 degrees", {"brightness": 22, "device": "study radiator"}, 22),
])
def test_a_brightness_written_for_a_thermostat_said_in_degrees_is_its_temperature(tmp_path, api, said, args,
                                                                                  expected):
    db = smart_home_db(FLAT, tmp_path)
    result = call_smart_home(db, api, said, **args)
    assert result.ok, result.reply
    assert _state(db, "climate.study_radiator")["attributes"]["temperature"] == expected


def test_without_degrees_a_thermostat_takes_no_brightness(tmp_path):
    db = smart_home_db(FLAT, tmp_path)
    result = call_smart_home(db, "set_brightness", "put the study radiator on 22", brightness=22, device="study radiator")
    assert _state(db, "climate.study_radiator")["attributes"]["temperature"] == 19
    assert not result.ok
