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


# -- Arabic typed in Roman letters, Tagalog "paki-" verbs (phrasings written for these tests) -------------
@pytest.mark.parametrize("said, english", [
    ("tfi el marwa7a bel salon", "turn off the fan in the living room"),
    ("dawwi el adwiye 3al balkon", "turn on the lights on the balcony"),
    ("sakker el baradi, el shams ktir", "close the curtains"),
    ("ftah el shebbek shway", "open the window a bit"),
    ("shaghghel el ghassale ba3d rob3 se3a", "turn on the washing machine in 15 minutes"),
    ("7ottli timer khamse d2ay2", "set a timer for 5 minutes"),
    ("fakkirni bukra 3al tlete edfa3 el fatura", "remind me tomorrow at 3 to pay the fatura"),
    ("2ollo la Sami enno el 3asha jehez", "tell Sami that the dinner ready"),
    ("deef 3al lista 7alib w khebez", "add 7alib and khebez to the list"),
    ("tfi el mkayyef bi ghorfet Nour", "turn off the AC in Nour's room"),
    ("watti el sot", "turn down the volume"),
])
def test_arabic_in_roman_letters_is_read_as_english(said, english):
    from assistant.languages import arabizi
    assert arabizi.is_mixed(said)
    assert arabizi.in_english(said, ["Living Room", "Balcony"]) == english


@pytest.mark.parametrize("said, english", [("aywa", "yes"), ("la2 ya 2albe", "no"), ("khalas sibak", "never mind"),
                                           ("rajje3 shu 3melt", "undo that"), ("kam el sa3a", "what time is it"),
                                           ("la2, el marwa7a", "no, the fan"), ("taba3 Sami", "Sami's")])
def test_the_short_answers_of_a_conversation(said, english):
    from assistant.languages import arabizi
    assert arabizi.in_english(said) == english


@pytest.mark.parametrize("said", ["turn on the lights hon", "we need milk and bread", "set an alarm for 7pm",
                                  "add la croix to the list", "the 3rd light in the hall", "is the el train running"])
def test_english_is_never_read_as_arabic(said):
    from assistant.languages import arabizi
    assert not arabizi.is_mixed(said) or arabizi.in_english(said) == said


def test_a_word_of_the_homes_names_is_never_read():
    from assistant.languages import arabizi
    assert arabizi.in_english("dawwi el Mkayyef Lamp", ["Mkayyef Lamp"]) == "turn on the Mkayyef Lamp"


@pytest.mark.parametrize("said, english", [("pakipatay po the fan", "please turn off the fan"),
                                           ("pakibukas naman the gate", "please open the gate")])
def test_tagalog_paki_verbs_are_read(said, english):
    from assistant.languages import regional
    assert regional.is_mixed(said) and regional.in_english(said) == english


TWINS = """
areas:
  - {name: Upstairs Bath, id: up}
  - {name: Downstairs Bath, id: down}
  - {name: Kitchen, id: kitchen}
entities:
  - {name: Vent Fan, id: fan.vent_up, area: up, state: "off", attributes: {percentage: 0, percentage_step: 100}}
  - {name: Vent Fan, id: fan.vent_down, area: down, state: "off", attributes: {percentage: 0, percentage_step: 100}}
  - {name: Range Hood, id: fan.hood, area: kitchen, state: "off", attributes: {percentage: 0, percentage_step: 33}}
"""


def test_both_of_two_alike_is_both(tmp_path):
    db = smart_home_db(TWINS, tmp_path)
    result = call_smart_home(db, "turn_on", "switch on both vent fans", device="vent fan")
    assert result.ok, result.reply
    assert {d["id"] for d in list_devices(db) if d["state"] == "on"} == {"fan.vent_up", "fan.vent_down"}


def test_both_answers_which_of_three_with_the_two_named():
    from assistant import slots
    choices = {"fan.hood": "range hood kitchen", "fan.vent_up": "vent fan upstairs bath", "fan.vent_down": "vent fan downstairs bath"}
    assert slots.read_choice("both of them", choices, "turn on the vent fan") == "fan.vent_up,fan.vent_down"
    assert slots.read_choice("both of them", choices, None) is None


@pytest.mark.parametrize("said", ["plug the car in", "charge my car", "put the ev on charge"])
def test_charging_the_car_is_the_charger(said):
    from assistant.experts.smart_home import commands
    from assistant.messages import Request
    decision = commands.propose(Request(text=said, words=said, now=None))
    assert decision is not None and decision.args == {"device": "charger"}


@pytest.mark.parametrize("said", ["whats 30 celsius in fahrenheit", "what is 5 miles to km", "whats 2 cups in ml"])
def test_a_conversion_is_the_chats(said):
    from assistant.experts.chat import CONVERSION
    assert CONVERSION.search(said)


def test_a_when_question_answered_with_what_takes_it_and_asks_again(tmp_path):
    assistant = _assistant(tmp_path, "reminders")
    confirmer(assistant).enqueue({"api": "reminders.create", "args": {"text": "reminder", "when": "later"}})
    assert assistant.handle("new reminder").asks == "when"
    assert assistant.handle("renew my passport").asks == "when"
    assert assistant.handle("monday at 9 am").ok
    assert list_reminders(assistant.db)[0]["text"] == "renew my passport"


@pytest.mark.parametrize("said, english", [
    ("shaghghil el mukayyif bi ghurfet Rami", "turn on the AC in Rami's room"),  # spelt another way
    ("6affi el dow fil ma6bakh", "turn off the light in the kitchen"),
    ("7otli timer sab3a w 3ishreen da2ee2a", "set a timer for 27 minutes"),
    ("sakker el baradi 3ashan el shams", "close the curtains"),  # the reason, said last
    ("dawwi el daw bel salon, la2 bel matbakh", "turn on the light in the living room, no, in the kitchen"),
])
def test_arabic_spelt_other_ways_and_with_reasons_is_read(said, english):
    from assistant.languages import arabizi
    assert arabizi.in_english(said) == english


def test_a_word_like_a_table_word_but_not_close_enough_stays():
    from assistant.languages import arabizi
    assert arabizi.in_english("zakkirni bukra edfa3 el fatura") == "remind me tomorrow to pay the fatura"


@pytest.mark.parametrize("said, english", [("yalla", "yes"), ("tnenetun", "both of them"),
                                           ("shu el tarikh el yom", "what's the date today"), ("bukra el sa3a 9", "tomorrow at 9")])
def test_more_short_answers(said, english):
    from assistant.languages import arabizi
    assert arabizi.in_english(said) == english


def test_tagalog_whose_room_and_paki_on():
    from assistant.languages import regional
    assert regional.in_english("Paki-on po ng fan sa kwarto ni Migo") == "please turn on the fan in Migo's room"


MASTERED = """
areas:
  - {name: Master Bedroom, id: master_bedroom}
  - {name: Master Bathroom, id: master_bathroom}
  - {name: Main Bathroom, id: main_bathroom}
  - {name: Guest Room, id: guest_room}
  - {name: Garage, id: garage}
entities:
  - {name: Shower Light, id: light.shower_master, area: master_bathroom, state: "off"}
  - {name: Shower Light, id: light.shower_main, area: main_bathroom, state: "off"}
  - {name: Blinds, id: cover.blinds_master, area: master_bedroom, state: closed, attributes: {position: 0}}
  - {name: Blinds, id: cover.blinds_guest, area: guest_room, state: closed, attributes: {position: 0}}
  - {name: Car Charger, id: switch.charger_garage, area: garage, state: "off"}
"""


@pytest.mark.parametrize("said, api, args, changed", [
    ("turn on the shower light in our bathroom", "turn_on", {"device": "shower light", "area": "bathroom"}, "light.shower_master"),
    ("switch on our shower light", "turn_on", {"device": "shower light"}, "light.shower_master"),
    ("open the blinds in our room", "open", {"device": "blinds"}, "cover.blinds_master")])
def test_ours_is_the_master_room(tmp_path, said, api, args, changed):
    db = smart_home_db(MASTERED, tmp_path)
    before = {d["id"]: d["state"] for d in list_devices(db)}
    result = call_smart_home(db, api, said, **args)
    assert result.ok, result.reply
    assert {d["id"] for d in list_devices(db) if d["state"] != before[d["id"]]} == {changed}


def test_a_charger_in_the_garage_is_no_garage_opener(tmp_path):
    from assistant.experts.smart_home.apis import requires_confirmation
    db = smart_home_db(MASTERED, tmp_path)
    assert requires_confirmation(db, "smart_home.turn_on", {"device": "car charger"}, said="charge the car") is None


@pytest.mark.parametrize("said, delayed", [("turn the porch light on, the guests come at 8", False),
                                           ("turn the porch light on, we're eating at 7", False),
                                           ("turn the porch light on at 8", True)])
def test_a_time_in_a_statement_of_its_own_is_not_the_commands(said, delayed):
    from assistant.deferral import split_delay
    assert (split_delay(said, EVENING) is not None) == delayed


def test_a_statement_before_two_requests_is_no_request():
    from assistant.splitting import split_requests
    assert split_requests("we're off to the airport, lock the back door and turn off the heating") == [
        "lock the back door", "turn off the heating"]


@pytest.mark.parametrize("said", ["the ceiling fan on 4", "put the desk fan on 2 too"])
def test_a_fan_on_a_number_is_its_speed(said):
    from assistant.experts.smart_home import commands
    from assistant.messages import Request
    decision = commands.propose(Request(text=said, words=said, now=None))
    assert decision is not None and decision.api == "set_fan_speed"


def test_minutes_in_hours_is_a_conversion():
    from assistant.experts.chat import CONVERSION
    assert CONVERSION.search("how many seconds are there in three hours")


@pytest.mark.parametrize("said", ["and tell Priya to feed the cat", "also let Tom know the bus is late"])
def test_a_second_message_after_and_is_still_a_message(said):
    from assistant.routing.cues import pinned_expert
    assert pinned_expert(_registry(), said) == "notifications"
