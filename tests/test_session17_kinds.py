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


COOLING = """floors: [{name: Ground, id: ground, level: 0}, {name: First, id: first, level: 1}]
areas:
  - {name: Living Room, id: living, floor: ground}
  - {name: Dry Kitchen, id: dry_kitchen, floor: ground}
  - {name: Wet Kitchen, id: wet_kitchen, floor: ground}
  - {name: Guest Bathroom, id: guest_bath, floor: ground}
  - {name: Master Bedroom, id: master, floor: first}
  - {name: Master Bathroom, id: master_bath, floor: first}
  - {name: Car Porch, id: car_porch}
  - {name: Garden, id: garden}
entities:
  - {name: Living Room Light, id: light.living, area: living, state: "off", attributes: {brightness: 100}}
  - {name: Living Room Fan, id: fan.living, area: living, state: "off", attributes: {percentage: 0, percentage_step: 25}}
  - {name: Living Room Aircon, id: climate.living, area: living, state: "off",
     attributes: {temperature: 24, current_temperature: 30, min_temp: 16, max_temp: 30, hvac_modes: ["off", "cool", "dry"]}}
  - {name: Dry Kitchen Light, id: light.dry_kitchen, area: dry_kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Wet Kitchen Light, id: light.wet_kitchen, area: wet_kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Guest Bathroom Light, id: light.guest_bath, area: guest_bath, state: "off", attributes: {brightness: 100}}
  - {name: Master Bedroom Light, id: light.master, area: master, state: "off", attributes: {brightness: 100}}
  - {name: Reading Lamp, id: light.reading, area: master, state: "off", attributes: {brightness: 60, color: white}}
  - {name: Master Bedroom Aircon, id: climate.master, area: master, state: "off",
     attributes: {temperature: 25, current_temperature: 29, min_temp: 16, max_temp: 30, hvac_modes: ["off", "cool"]}}
  - {name: Master Bathroom Light, id: light.master_bath, area: master_bath, state: "off", attributes: {brightness: 100}}
  - {name: Aquarium Light, id: light.aquarium, area: living, state: "on", attributes: {brightness: 80}}
  - {name: Porch Lights, id: light.porch, area: car_porch, state: "off", attributes: {brightness: 100}}
  - {name: Garden Lights, id: light.garden, area: garden, state: "off", attributes: {brightness: 100}}
  - {name: Bedroom Heater, id: climate.heater, area: master, state: "off",
     attributes: {temperature: 20, current_temperature: 15, min_temp: 5, max_temp: 28}}
"""


def states(db) -> dict[str, tuple]:
    return {d["id"]: (d["state"], d["attributes"]) for d in list_devices(db)}


@pytest.mark.parametrize("said, args, device, mode", [
    ("turn on the master bedroom aircon", {"device": "master bedroom aircon"}, "climate.master", "cool"),
    ("living room aircon to 23", {"device": "living room aircon", "temperature": 23}, "climate.living", "cool"),
    ("switch the bedroom heater on", {"device": "bedroom heater"}, "climate.heater", "heat"),
])
def test_a_climate_device_turned_on_runs_in_a_mode_it_has(tmp_path, said, args, device, mode):
    db = smart_home_db(COOLING, tmp_path)
    api = "set_temperature" if "temperature" in args else "turn_on"
    assert call_smart_home(db, api, said, **args).ok
    assert states(db)[device][0] == mode


def test_a_kind_ending_a_room_name_is_the_device_there(tmp_path):
    db = smart_home_db(COOLING, tmp_path)
    assert call_smart_home(db, "turn_on", "turn on the master bedroom aircon", device="master bedroom aircon").ok
    assert on(db) == {"climate.master", "light.aquarium"}


def test_an_aircon_said_once_of_several_asks_which(tmp_path):
    db = smart_home_db(COOLING, tmp_path)
    result = call_smart_home(db, "set_temperature", "set the aircon to 22", device_type="aircon", temperature=22)
    assert not result.ok and result.reply.startswith("Which")
    assert call_smart_home(db, "turn_on", "turn on all the aircons", device_type="aircon").ok


@pytest.mark.parametrize("said, args, expected", [
    ("switch on the hall light", {"device": "hall light"}, {"light.living"}),  # no hallway: the living room
    ("turn on the light in the master toilet", {"device": "light", "area": "master toilet"}, {"light.master_bath"}),
    ("driveway lights on", {"device": "driveway lights"}, {"light.porch"}),
    ("lights on in both kitchens", {"device": "lights", "area": "both kitchens"}, {"light.dry_kitchen", "light.wet_kitchen"}),
    ("lights in the car porch and the garden on", {"device": "car porch light", "device_type": "light"},
     {"light.porch", "light.garden"}),
])
def test_places_by_other_names_and_together(tmp_path, said, args, expected):
    db = smart_home_db(COOLING, tmp_path)
    assert call_smart_home(db, "turn_on", said, **args).ok
    assert on(db) - {"light.aquarium"} == expected


def test_a_device_by_a_synonym_of_a_phrase_in_its_name(tmp_path):
    db = smart_home_db(COOLING, tmp_path)
    assert call_smart_home(db, "set_brightness", "dim the fish tank light to 30", device="fish tank light",
                           brightness=30).ok
    assert states(db)["light.aquarium"][1]["brightness"] == 30


def test_a_percent_said_to_a_temperature_setter_is_the_fans_speed(tmp_path):
    db = smart_home_db(COOLING, tmp_path)
    assert call_smart_home(db, "set_temperature", "living room fan seventy five percent", device="living room fan",
                           temperature=75).ok
    assert states(db)["fan.living"] == ("on", {"percentage": 75, "percentage_step": 25})


@pytest.mark.parametrize("said, value", [("reading lamp at the minimum", 1), ("the reading lamp at 40 percent", 40)])
def test_a_level_said_without_a_verb_is_set_not_told(tmp_path, said, value):
    db = smart_home_db(COOLING, tmp_path)
    assert call_smart_home(db, "query", said, device="reading lamp").ok
    assert states(db)["light.reading"][1]["brightness"] == value


def test_a_colour_asked_for_without_one_asks_which(tmp_path):
    db = smart_home_db(COOLING, tmp_path)
    result = call_smart_home(db, "set_color", "change the colour of the reading lamp", color="reading lamp",
                             device="reading lamp")
    assert (result.ok, result.missing) == (False, "color")


LEVELS = """floors: [{name: Level 1, id: l1, level: 0}, {name: Level 2, id: l2, level: 1}]
areas: [{name: Den, id: den, floor: l1}, {name: Bedroom 2, id: bed2, floor: l2}, {name: Study, id: study, floor: l2}]
entities:
  - {name: Den Fan, id: fan.den, area: den, state: "on", attributes: {percentage: 50}}
  - {name: Bedroom 2 Fan, id: fan.bed2, area: bed2, state: "on", attributes: {percentage: 40}}
  - {name: Study Fan, id: fan.study, area: study, state: "on", attributes: {percentage: 40}}
"""


def test_a_number_in_a_floors_name_is_no_level(tmp_path):
    db = smart_home_db(LEVELS, tmp_path)
    assert call_smart_home(db, "set_fan_speed", "turn off the fans on level 2", percentage=2, device_type="fan").ok
    assert on(db) == {"fan.den"}
    assert call_smart_home(db, "set_fan_speed", "bedroom 2 fan to 20", percentage=20, device="bedroom 2 fan").ok


@pytest.mark.parametrize("said, words", [
    ("Aiyo, the fan on lah", "the fan on"), ("both lah", "both"), ("eh, lights off", "lights off"),
    ("do it na", "do it"), ("the samosa", "the samosa"), ("the laundry", "the laundry"),
])
def test_particles_and_interjections_ask_nothing(said, words):
    from assistant.asides import without_particles
    assert without_particles(said) == words


@pytest.mark.parametrize("said, yes", [("can, go ahead", True), ("can", True), ("can can", True),
                                       ("can you unlock it", False), ("canada", False)])
def test_can_alone_is_a_yes(said, yes):
    from assistant.asking import LEADING_YES
    assert bool(LEADING_YES.search(said)) is yes


@pytest.mark.parametrize("said, due", [("at ten past midnight", (5, 15, 0, 10)), ("at quarter to midnight", (5, 14, 23, 45)),
                                       ("at twenty past noon", (5, 15, 12, 20))])
def test_minutes_around_midnight_and_noon(said, due):
    from datetime import datetime
    from assistant.timeparse import parse_when
    when = parse_when(said, datetime(2027, 5, 14, 20, 30)).due
    assert (when.month, when.day, when.hour, when.minute) == due


def test_it_after_things_put_on_a_list_is_those_things():
    from assistant.splitting import split_requests
    assert split_requests("put eggs and milk on my list and remind me to get them tomorrow") == \
        ["put eggs and milk on my list", "remind me to get eggs and milk tomorrow"]


def test_why_so_dark_in_a_room_turns_its_lights_on():
    from assistant.experts.smart_home.commands import propose
    from assistant.messages import Request
    from assistant.words import command
    from datetime import datetime
    decision = propose(Request(text="why so dark in the den", words=command("why so dark in the den"),
                               now=datetime(2027, 1, 5, 20, 0)))
    assert (decision.api, decision.args.get("area")) == ("turn_on", "den")


@pytest.mark.parametrize("said, words", [
    ("on the bedroom aircon", "turn on the bedroom aircon"), ("off all the lights", "turn off all the lights"),
    ("on the way home remind me to call mum", "on the way home remind me to call mum"), ("on my way", "on my way"),
])
def test_on_and_off_said_as_the_verb(said, words):
    from assistant.asides import without_courtesy
    assert without_courtesy(said) == words


def test_a_setter_with_no_level_said_but_on_switches(tmp_path):
    db = smart_home_db(COOLING, tmp_path)
    assert call_smart_home(db, "set_temperature", "on the master bedroom aircon", device="master bedroom aircon",
                           temperature=24).ok
    assert states(db)["climate.master"][0] == "cool"


TWO_BEDROOMS = """areas: [{name: Master Bedroom, id: master}, {name: Guest Bedroom, id: guest}, {name: Study, id: study},
        {name: Family Room, id: family}]
entities:
  - {name: Family Room Light, id: light.family, area: family, state: "off", attributes: {brightness: 100}}
  - {name: Reading Light, id: light.reading, area: family, state: "off", attributes: {brightness: 60}}
  - {name: Master Bedroom Light, id: light.master, area: master, state: "off", attributes: {brightness: 100}}
  - {name: Guest Bedroom Light, id: light.guest, area: guest, state: "off", attributes: {brightness: 100}}
  - {name: Study Aircon, id: climate.study, area: study, state: "off",
     attributes: {temperature: 24, current_temperature: 30, min_temp: 16, max_temp: 30, hvac_modes: ["off", "cool"]}}
"""


def test_a_device_none_of_several_places_has_is_not_found_without_looping(tmp_path):
    db = smart_home_db(TWO_BEDROOMS, tmp_path)
    result = call_smart_home(db, "turn_on", "turn on the bedroom aircon", device="bedroom aircon")  # no RecursionError
    assert result.reply and on(db) <= {"climate.study"}


def test_a_level_said_of_a_device_named_in_full_is_not_set_on_another(tmp_path):
    db = smart_home_db(TWO_BEDROOMS, tmp_path)
    call_smart_home(db, "query", "reading light in the family room at the minimum", device="family room light")
    assert on(db) == set()


def test_a_narrower_kind_nobody_said_is_its_general_kind(tmp_path):
    """"and the bedroom too" after the kitchen's lights, written as the bedroom's "ceiling light"."""
    from assistant.experts.smart_home import vocab
    assert (vocab.general_kind("ceiling light"), vocab.general_kind("lamp")) == ("light", None)
    db = smart_home_db(COOLING, tmp_path)
    assert call_smart_home(db, "turn_on", "and the master bedroom too", area="master bedroom",
                           device_type="ceiling light").ok
    assert on(db) == {"light.aquarium", "light.master", "light.reading"}


def test_a_hall_is_the_hallway_where_there_is_one_else_the_living_room(tmp_path):
    db = smart_home_db(COOLING, tmp_path)  # no hallway: the living room
    assert call_smart_home(db, "turn_on", "hall light on", device="hall light").ok
    assert on(db) == {"light.aquarium", "light.living"}
