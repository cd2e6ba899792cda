"""Kinds of miss the blind23 set found after its run, each as a mechanism tested on a home written
for this test (no sentence of an evaluation set)."""
from datetime import datetime

import pytest

from assistant.app import default_registry
from assistant.experts.smart_home import list_devices
from assistant.experts.smart_home.apis import requires_confirmation
from assistant.routing.cues import pinned_expert
from assistant.timeparse import parse_when
from assistant.words import without_wake_word
from tests.conftest import call_smart_home, smart_home_db

HOME = """floors: [{name: Ground Floor, id: ground, level: 0}, {name: First Floor, id: first, level: 1}]
areas:
  - {name: Hall, id: hall, floor: ground}
  - {name: Kitchen, id: kitchen, floor: ground}
  - {name: Annexe, id: annexe, floor: ground}
  - {name: Study, id: study, floor: first}
entities:
  - {name: Hall Light, id: light.hall, area: hall, state: "on", attributes: {brightness: 100}}
  - {name: Kitchen Light, id: light.kitchen, area: kitchen, state: "on", attributes: {brightness: 100}}
  - {name: Kettle, id: switch.kettle, area: kitchen, state: "off"}
  - {name: Espresso Machine, id: switch.espresso, area: kitchen, state: "off"}
  - {name: Annexe Lamp, id: light.annexe_lamp, area: annexe, state: "on", attributes: {brightness: 60}}
  - {name: Annexe Radiator, id: climate.annexe, area: annexe, state: heat,
     attributes: {temperature: 19, min_temp: 5, max_temp: 30}}
  - {name: Kitchen Roller Blind, id: cover.kitchen_blind, area: kitchen, state: open, attributes: {position: 100}}
  - {name: Hall Shutters, id: cover.hall_shutters, area: hall, state: open, attributes: {position: 100}}
  - {name: Garden Gate, id: lock.garden_gate, area: hall, state: locked}
  - {name: Study Fairy Lights, id: light.fairy, area: study, state: "off", attributes: {brightness: 100}}
"""


@pytest.fixture
def db(tmp_path):
    return smart_home_db(HOME, tmp_path)


def state(db, device_id):
    return next((d["state"], d["attributes"]) for d in list_devices(db) if d["id"] == device_id)


def test_opening_a_gate_that_is_a_lock_unlocks_it_after_a_yes(db):
    said = "open the garden gate"
    assert requires_confirmation(db, "open", {"device": "garden gate"}, said=said) == "This would unlock Garden Gate."
    call_smart_home(db, "open", said, device="garden gate")
    assert state(db, "lock.garden_gate")[0] == "unlocked"  # (the core asks first; called directly, it acts)
    call_smart_home(db, "close", "close the garden gate", device="garden gate")
    assert state(db, "lock.garden_gate")[0] == "locked"


def test_blinds_are_not_shutters(db):
    call_smart_home(db, "close", "close all the blinds on the ground floor", area="ground floor", device_type="blinds")
    assert state(db, "cover.kitchen_blind")[0] == "closed" and state(db, "cover.hall_shutters")[0] == "open"


def test_shutters_alone_are_what_blinds_means_where_a_room_has_only_them(db):
    call_smart_home(db, "close", "close the hall blinds", device="hall blinds")
    assert state(db, "cover.hall_shutters")[0] == "closed"


@pytest.mark.parametrize("place", ["granny flat", "in-law suite", "annex"])
def test_a_granny_flat_is_the_annexe(db, place):
    call_smart_home(db, "turn_off", f"turn off the {place} lights", device=f"{place} lights")
    assert state(db, "light.annexe_lamp")[0] == "off"


@pytest.mark.parametrize("said, command", [
    ("towel rail please jarvis", "towel rail please"), ("lights off, alexa", "lights off"),
    ("kitchen light on siri", "kitchen light on"), ("what is siri", "what is siri"),
    ("tell me about alexa", "tell me about alexa"), ("hey olly lights on", "lights on"),
])
def test_a_wake_word_after_the_request_is_not_part_of_it(said, command):
    assert without_wake_word(said) == command


@pytest.mark.parametrize("phrase, due", [
    ("on christmas day", datetime(2026, 12, 25, 9)), ("christmas eve at 6pm", datetime(2026, 12, 24, 18)),
    ("on new year's eve", datetime(2026, 12, 31, 9)), ("new years day at noon", datetime(2027, 1, 1, 12)),
    ("on boxing day", datetime(2026, 12, 26, 9)), ("halloween", datetime(2027, 10, 31, 9)),
])
def test_holidays_are_their_dates(phrase, due):
    assert parse_when(phrase, datetime(2026, 12, 18, 10)).due == due


@pytest.mark.parametrize("said, expert", [
    ("remember that the recycling goes out on thursdays", "memory"),
    ("please remember that the wifi code is on the fridge", "memory"),
    ("don't forget that grandad visits on sunday", "memory"),
    ("remind me that the recycling goes out", "reminders"),
    ("remember to water the plants", None),
])
def test_remember_that_is_a_fact_to_keep(said, expert):
    assert pinned_expert(default_registry(), said) == expert


def test_a_second_device_named_by_its_own_name_is_joined(db):
    call_smart_home(db, "turn_on", "switch on the kettle and the espresso machine", device="kettle")
    assert state(db, "switch.kettle")[0] == state(db, "switch.espresso")[0] == "on"


def test_switch_said_as_a_verb_is_not_a_kind_to_ask_about(db):
    result = call_smart_home(db, "turn_on", "switch on the kettle", device="kettle")
    assert result.ok and state(db, "switch.kettle")[0] == "on"


@pytest.mark.parametrize("said, on", [("study fairy lights on", True), ("fairy lights on please", True),
                                      ("hall light off", False)])
def test_a_name_and_on_or_off_switches_it_even_as_a_query(db, said, on):
    device = "fairy lights" if "fairy" in said else "hall light"
    call_smart_home(db, "query", said, device=device)
    assert state(db, "light.fairy" if "fairy" in said else "light.hall")[0] == ("on" if on else "off")


def test_a_question_with_on_still_only_tells(db):
    call_smart_home(db, "query", "are the fairy lights on", device="fairy lights")
    assert state(db, "light.fairy")[0] == "off"


@pytest.mark.parametrize("said, device, expected", [
    ("annexe radiator to twenty-three please", "annexe radiator", ("climate.annexe", "temperature", 23)),
    ("kitchen light on to 40 percent", "kitchen light", ("light.kitchen", "brightness", 40)),
])
def test_a_level_the_user_gave_is_not_dropped_by_a_switch_call(db, said, device, expected):
    call_smart_home(db, "turn_on", said, device=device)
    device_id, attribute, value = expected
    assert state(db, device_id)[1][attribute] == value


def test_the_users_own_words_are_read_when_the_models_phrase_fails(db):
    """"the halway light" written as "halfway light": the user's slip of "hallway" is the Hall."""
    call_smart_home(db, "turn_off", "turn of the halway light", device="halfway light", device_type="light")
    assert state(db, "light.hall")[0] == "off" and state(db, "light.kitchen")[0] == "on"


def test_an_item_keeps_the_words_the_user_said_after_it(tmp_path):
    from assistant.experts.lists import _as_said
    assert _as_said(["batteries"], "put batteries for the smoke alarm on my list") == ["batteries for the smoke alarm"]
    assert _as_said(["new bulb"], "add a new bulb for the porch to the shopping list") == ["new bulb for the porch"]
    assert _as_said(["eggs", "bread"], "add eggs and bread to the shopping list") == ["eggs", "bread"]
    assert _as_said(["milk"], "add milk and eggs to the list") == ["milk"]  # the model's own split stands
