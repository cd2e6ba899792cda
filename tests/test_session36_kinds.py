"""Session 36's kinds: lines written for these tests (not from any evaluation set)."""
from datetime import datetime

import pytest

from assistant import testing
from tests.conftest import assistant_in_home, device_states

HOME = """
areas:
  - {name: Parlour, id: parlour}
  - {name: Corridor, id: corridor}
  - {name: Boys Quarters, id: bq}
entities:
  - {name: Corridor Bulb, id: light.corridor, area: corridor, state: "off", attributes: {brightness: 100}}
  - {name: Standing Fan, id: fan.standing, area: parlour, state: "off"}
  - {name: BQ Security Light, id: light.bq_security, area: bq, state: "off", attributes: {brightness: 100}}
  - {name: Gate Lock, id: lock.gate, area: bq, state: locked}
"""


def _assistant(tmp_path, now=datetime(2026, 12, 9, 18, 30)):
    return assistant_in_home(HOME, tmp_path, now)


# -- a yes, then a request whose verb is "on"/"off" said after a courtesy ---------------------------------
@pytest.mark.parametrize("answer, call, device, state", [
    ("yes please, and kindly on the corridor bulb too", "turn_on", "corridor bulb", "on"),
    ("ok go ahead, then please off the standing fan", "turn_off", "standing fan", "off"),
    ("yeah go on, and please on the bq security light", "turn_on", "bq security light", "on"),
])
def test_a_yes_then_a_request_said_with_on_or_off_answers_and_carries_it_out(tmp_path, answer, call, device, state):
    assistant = _assistant(tmp_path)
    if state == "off":
        testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": device}})
        assistant.handle(f"turn on the {device}")
    assert assistant.handle("unlock the gate").needs_confirmation
    testing.confirmer(assistant).enqueue({"api": f"smart_home.{call}", "args": {"device": device}})
    assistant.handle(answer)
    states = device_states(assistant)
    device_id = {"corridor bulb": "light.corridor", "standing fan": "fan.standing",
                 "bq security light": "light.bq_security"}[device]
    assert states["lock.gate"] == "unlocked" and states[device_id] == state


# -- a kind that cannot do the call, said of the device named for it -----------------------------------
@pytest.mark.parametrize("said, device_id", [
    ("unlock the gate", "lock.gate"),
    ("could you unlock the gate for the driver", "lock.gate"),
])
def test_a_kind_said_of_the_lock_named_for_it_is_that_lock(tmp_path, said, device_id):
    assistant = _assistant(tmp_path)
    asked = assistant.handle(said)
    assert asked.needs_confirmation and "Gate Lock" in asked.reply
    assistant.handle("yes")
    assert device_states(assistant)[device_id] == "unlocked"


def test_a_kind_that_can_do_the_call_is_still_that_kind(tmp_path):
    from tests.conftest import call_smart_home, smart_home_db
    home = HOME + '  - {name: Front Gate, id: cover.front_gate, area: bq, state: closed}\n'
    db = smart_home_db(home, tmp_path)
    result = call_smart_home(db, "open", "open the gate", device="gate")
    assert "Front Gate" in result.reply and "Gate Lock" not in result.reply


# -- "on"/"off" as the verb after a yes word ----------------------------------------------------------
@pytest.mark.parametrize("said, plain", [
    ("ok sure, off the standing fan", "ok sure, turn off the standing fan"),
    ("yeah, on the landing light", "yeah, turn on the landing light"),
    ("alright then off the telly", "alright then turn off the telly"),
    ("yes on the whole it went well", "yes on the whole it went well"),  # (no thing switched)
])
def test_on_or_off_after_a_yes_word_is_the_verb(said, plain):
    from assistant.asides import particles
    assert particles.without_particles(said) == plain


@pytest.mark.parametrize("said, alone", [
    ("yes please", True), ("ok, go ahead", True), ("nah, thanks", True), ("yes, the porch light", False),
    ("okay lovely", False),
])
def test_words_that_are_only_an_answer(said, alone):
    from assistant.routing.fastpath import is_answer_alone
    assert is_answer_alone(said) is alone


# -- "by" a time, after a day ----------------------------------------------------------------------
@pytest.mark.parametrize("said, phrase", [
    ("remind me to pick up the cake on saturday by 4", "on saturday by 4"),
    ("remind me to send the forms tomorrow by noon", "tomorrow by noon"),
    ("turn the volume up by 5", None),  # (a step, no time)
])
def test_by_a_time_after_a_day_is_that_time(said, phrase):
    from assistant.timeparse import extract_time_phrase, parse_when
    assert extract_time_phrase(said) == phrase
    if phrase:
        assert parse_when(phrase, datetime(2026, 12, 9, 10, 0)).due.hour in (12, 16)


# -- words given instead of the value asked for, that open as another request -------------------------
def test_a_new_request_said_when_a_time_is_asked_is_that_request(tmp_path):
    from assistant.experts.reminders import list_reminders
    assistant = _assistant(tmp_path)
    testing.confirmer(assistant).enqueue({"api": "reminders.create", "args": {"text": "set a reminder", "when": "later"}})
    assert assistant.handle("set a reminder").asks == "when"
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "corridor bulb"}})
    assistant.handle("actually switch on the corridor bulb")
    assert device_states(assistant)["light.corridor"] == "on" and not list_reminders(assistant.db)


# -- a singular phrase that is part of two names (or aliases) in one room: which one? ------------------
def test_a_phrase_in_two_names_or_aliases_in_one_room_asks_which(tmp_path):
    from tests.conftest import call_smart_home, smart_home_db
    home = """
areas:
  - {name: Yard, id: yard}
entities:
  - {name: Well Pump, id: switch.well_pump, area: yard, state: "off"}
  - {name: Booster, id: switch.booster, area: yard, state: "off", aliases: [Pressure Pump]}
"""
    result = call_smart_home(smart_home_db(home, tmp_path), "turn_on", "turn on the pump", device="pump")
    assert result.missing == "device" and "Well Pump" in result.reply and "Booster" in result.reply


# -- Nigerian Pidgin and Yoruba words -----------------------------------------------------------------
@pytest.mark.parametrize("said, english", [
    ("wetin be the date today", "what is the date today"),
    ("make una off the generator", "turn off the generator"),
    ("on am for ten minutes", "turn it on for ten minutes"),
    ("abeg no do am", "please don't do it"),
    ("ẹ jọ̀ọ́, close the curtains", "please, close the curtains"),
    ("Rárá, ẹ ṣé", "No, thanks"),
    ("Zoë's lamp on", "Zoë's lamp on"),  # (an accent of another language is left as it is)
    ("dạ vâng", "dạ vâng"),
])
def test_pidgin_and_yoruba_words_read_as_english(said, english):
    from assistant.languages import regional
    assert regional.in_english(said) == english


def test_on_it_closing_a_request_is_the_verb():
    from assistant.asides import particles
    assert particles.without_particles("kindly on it") == "kindly turn it on"
    assert particles.without_particles("we're on it") == "we're on it"


# -- a message asked for, said with where the people are -------------------------------------------
@pytest.mark.parametrize("said", ["leave a message for everyone at home", "post a note to the family in the house"])
def test_a_message_asked_for_with_where_the_people_are_says_nothing_yet(said):
    from assistant.experts.notifications import _asked_for_only
    assert _asked_for_only(said)


# -- a light that only turns on and off --------------------------------------------------------------
ON_OFF_HOME = """
areas:
  - {name: Pantry, id: pantry}
entities:
  - {name: Pantry Bulb, id: light.pantry_bulb, area: pantry, state: "on"}
  - {name: Shelf Light, id: light.shelf, area: pantry, state: "off"}
"""


@pytest.mark.parametrize("api, args", [("set_brightness", {"brightness": 40}),
                                       ("adjust", {"attribute": "brightness", "delta": -20})])
def test_a_light_that_is_on_without_brightness_is_not_dimmed(tmp_path, api, args):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(ON_OFF_HOME, tmp_path)
    result = call_smart_home(db, api, "dim the pantry bulb", device="pantry bulb", **args)
    assert not result.ok and "only turns on and off" in result.reply


def test_a_light_that_is_off_without_brightness_is_still_set(tmp_path):
    from tests.conftest import call_smart_home, smart_home_db
    db = smart_home_db(ON_OFF_HOME, tmp_path)  # (Home Assistant reports a light's brightness only while it is on)
    result = call_smart_home(db, "set_brightness", "shelf light to 40", device="shelf light", brightness=40)
    assert result.ok


# -- a question after a courtesy; closing courtesy on a stop or an undo ---------------------------------
@pytest.mark.parametrize("said", ["Please how do I descale a kettle?", "sorry, what's the capital of Ghana?",
                                  "pls how many cups in a litre"])
def test_a_question_after_a_courtesy_asks_for_information(said):
    from assistant.words import asks_for_information
    assert asks_for_information(said)


@pytest.mark.parametrize("said, api", [("never mind, thanks", "system.stop"), ("cancel that, sorry", "system.stop"),
                                       ("don't do that again", "system.undo"), ("do it again", None)])
def test_a_closing_courtesy_changes_no_stop_or_undo(said, api):
    from assistant.routing import fastpath
    decision = fastpath.match(said)
    assert (decision.qualified if decision else None) == api


# -- a setting verb and its thing "at" a bare number: the value, not a time ----------------------------
@pytest.mark.parametrize("said, deferred", [
    ("the radio is blaring, set it at 15", False), ("keep the heater at 19", False),
    ("put the lamp on at 10", True), ("put the speaker at 10 tonight", True), ("set the kettle at 6am", True),
])
def test_a_setting_at_a_bare_number_is_its_value(said, deferred):
    from assistant.deferral import split_delay
    assert (split_delay(said, datetime(2026, 12, 9, 14, 0)) is not None) is deferred


def test_slang_interjection_before_a_request_is_dropped():
    from assistant.asides import particles
    assert particles.without_particles("no cap the fan is too slow, turn it up") == "the fan is too slow, turn it up"


# -- what is to come, asked of the events with nothing like it seen ---------------------------------
def test_when_will_asked_of_the_events_with_nothing_seen_is_not_theirs():
    from assistant.experts import events, memory
    from assistant.storage import open_database
    db = open_database(":memory:", [*events.EXPERT.migrations, *memory.EXPERT.migrations])
    assert events.foreign(db, "happened", {"what": "the water board restores supply"},
                          "when will the water board restore supply today")
    assert not events.foreign(db, "happened", {"what": "postman"}, "did the postman come today")


# -- a correction of the place keeps the level said for the call it corrects ---------------------------
def test_a_corrected_place_keeps_the_level_said_before(tmp_path):
    home = tmp_path / "fans.yaml"
    home.write_text("""
areas:
  - {name: Lounge, id: lounge}
  - {name: Granny's Room, id: granny}
entities:
  - {name: Pedestal Fan, id: fan.lounge, area: lounge, state: "off", attributes: {percentage: 0, percentage_step: 25}}
  - {name: Pedestal Fan, id: fan.granny, area: granny, state: "off", attributes: {percentage: 0, percentage_step: 25}}
""")
    assistant = testing.scripted_assistant(tmp_path / "s.db", home=home, now=datetime(2026, 12, 9, 18, 30))
    testing.confirmer(assistant).enqueue({"api": "smart_home.set_fan_speed",
                                          "args": {"percentage": 75, "device": "pedestal fan", "area": "lounge"}})
    assistant.handle("put the pedestal fan in the lounge on 75 percent")
    assistant.handle("sorry, the one in granny's room, not the lounge")
    from assistant.experts.smart_home import list_devices
    fans = {d["id"]: d for d in list_devices(assistant.db)}
    assert fans["fan.granny"]["attributes"]["percentage"] == 75 and fans["fan.lounge"]["state"] == "off"
