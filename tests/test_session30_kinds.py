"""Session 30's kinds (no evaluation sentence): a turn opened by "actually", a short value said
instead after "make it", a setting named after "also", a slot answer that says what and when, a
message asked for before its words, and a reading asked of a place with a sensor for it."""
from datetime import datetime

import pytest

from assistant.experts.reminders import list_reminders
from assistant.experts.smart_home import list_devices
from assistant.messages import Turn
from assistant.routing.context import ellipsis_of_previous_turn
from assistant.routing.correction import corrected_call, correction_words
from assistant.testing import FixedClassifier, confirmer, scripted_assistant
from assistant.words import is_question, normalise, without_discourse_lead
from tests.conftest import DEV_HOME, call_smart_home, smart_home_db

EVENING = datetime(2026, 12, 2, 18, 30)  # a Wednesday


@pytest.mark.parametrize("text", ["whats the time in tokyo", "hows the garage door", "wheres my phone",
                                  "whos at the door", "whens the bin day"])
def test_a_question_typed_without_its_apostrophe_is_a_question(text):
    assert is_question(text)


@pytest.mark.parametrize("said, plain", [("actually, what's on in the den", "what's on in the den"),
                                         ("ok so actually is the porch light on", "is the porch light on"),
                                         ("anyway turn the fan off", "turn the fan off")])
def test_words_that_open_a_turn_are_not_the_request(said, plain):
    assert without_discourse_lead(said) == plain
    assert normalise(said) == normalise(plain)


def test_a_question_after_actually_is_no_correction():
    assert correction_words("actually whats the weather like in the garden") is None
    assert correction_words("actually hows the baby monitor") is None


def _registry():
    from assistant.app import default_registry
    return default_registry()


def test_a_short_value_said_after_make_it_replaces_the_previous_one():
    previous = Turn(text="make the den lamp purple", expert="smart_home", api="set_color",
                    args={"color": "purple", "device": "den lamp"})
    lead, words = correction_words("nah make it teal")
    fixed = corrected_call(_registry(), previous, words, lead, EVENING)
    assert fixed is not None and fixed.decision.args == {"color": "teal", "device": "den lamp"}


@pytest.mark.parametrize("said", ["no make it the bedroom one", "make it brighter", "make it 40 percent"])
def test_a_thing_a_doing_or_a_number_is_not_a_short_value(said):
    previous = Turn(text="make the den lamp purple", expert="smart_home", api="set_color",
                    args={"color": "purple", "device": "den lamp"})
    found = correction_words(said)
    fixed = corrected_call(_registry(), previous, found[1], found[0], EVENING) if found else None
    assert fixed is None or fixed.decision.args.get("color") == "purple"


@pytest.mark.parametrize("said", ["also the heater to 19", "and the hall fan on 3 too", "the lamp at 20% as well"])
def test_a_thing_named_with_its_own_level_is_no_ellipsis(said):
    previous = Turn(text="turn on the porch light", expert="smart_home", api="turn_on", args={"device": "porch light"})
    assert ellipsis_of_previous_turn(_registry(), said, previous) is None


def test_a_thing_named_alone_after_also_still_is():
    previous = Turn(text="turn on the porch light", expert="smart_home", api="turn_on", args={"device": "porch light"})
    assert ellipsis_of_previous_turn(_registry(), "also the garden lights", previous) is not None


def _assistant(tmp_path, expert: str):
    return scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=EVENING, classifier=FixedClassifier(expert))


def test_an_answer_to_when_that_also_says_what_completes_the_reminder(tmp_path):
    assistant = _assistant(tmp_path, "reminders")
    confirmer(assistant).enqueue({"api": "reminders.create", "args": {"text": "reminder", "when": "later"}})
    assert assistant.handle("new reminder").asks == "when"
    reply = assistant.handle("water the ferns on friday at 9 am")
    assert reply.ok, reply.reply
    [row] = list_reminders(assistant.db)
    assert row["text"] == "water the ferns" and row["due"] == "2026-12-04T09:00:00"


def test_an_answer_to_when_with_only_courtesy_still_asks_what(tmp_path):
    assistant = _assistant(tmp_path, "reminders")
    confirmer(assistant).enqueue({"api": "reminders.create", "args": {"text": "reminder", "when": "later"}})
    assert assistant.handle("new reminder").asks == "when"
    assert assistant.handle("friday at 9 am please").asks == "text"


def test_an_answer_to_when_keeps_the_what_already_said(tmp_path):
    assistant = _assistant(tmp_path, "reminders")
    confirmer(assistant).enqueue({"api": "reminders.create", "args": {"text": "renew the permit", "when": "later"}})
    assert assistant.handle("remind me to renew the permit").asks == "when"
    assert assistant.handle("friday at 9 am after the school run").ok
    assert list_reminders(assistant.db)[0]["text"] == "renew the permit"


def test_a_message_asked_for_before_its_words_waits_for_them(tmp_path):
    assistant = _assistant(tmp_path, "notifications")
    confirmer(assistant).enqueue({"api": "notifications.announce", "args": {"message": "leave a note for Sam", "to": "Sam"}})
    reply = assistant.handle("leave a note for Sam")
    assert reply.asks == "message"
    reply = assistant.handle("the plumber comes at ten")
    assert reply.ok and "the plumber comes at ten" in reply.reply


SENSED = """
areas:
  - {name: Patio, id: patio}
  - {name: Office, id: office}
entities:
  - {name: Patio Light, id: light.patio, area: patio, state: "off"}
  - {name: Garden Thermometer, id: sensor.garden_thermometer, area: patio, state: "31", attributes: {unit_of_measurement: "°C"}}
  - {name: Patio Humidity, id: sensor.patio_humidity, area: patio, state: "64", attributes: {unit_of_measurement: "%", device_class: humidity}}
  - {name: Office Heater, id: climate.office, area: office, state: heat, attributes: {temperature: 20, current_temperature: 19}}
"""


@pytest.mark.parametrize("said, args, says", [
    ("what's the temperature on the patio", {"area": "patio", "device_type": "thermostat"}, "Garden Thermometer is 31"),
    ("how hot is it on the patio", {"area": "patio"}, "Garden Thermometer is 31"),
    ("how humid is it on the patio", {"area": "patio", "device_type": "humidity"}, "Patio Humidity is 64")])
def test_a_reading_asked_of_a_place_is_its_sensors(tmp_path, said, args, says):
    result = call_smart_home(smart_home_db(SENSED, tmp_path), "query", said, **args)
    assert result.ok and says in result.reply and "Patio Light" not in result.reply


def test_a_place_with_no_sensor_for_it_still_says_so(tmp_path):
    result = call_smart_home(smart_home_db(SENSED, tmp_path), "query", "what's the humidity in the office",
                             area="office", device_type="thermostat")
    assert "Office Heater" in result.reply or not result.ok
    assert all(d["state"] != "off" or d["id"] != "climate.office" for d in list_devices(smart_home_db(SENSED, tmp_path)))
