"""Session 27's kinds (no evaluation sentence): a bare twelve is noon or midnight, whichever comes
first; a part that points back at the one before keeps its own time; timers asked for one after
another; what a timer is for said before its length; the kitchen's and the bathroom's fans by
their other names; Scots and Polish words; the chat neither claims an action nor reports a device;
"put the kettle on and add …"; a cover opened partway; a stop said twice; the boiler and the wireless;
a level a device has not read as its own; "play"; "on at 30"; "set the heating to go off"; a reminder's
what given when its when was asked; a document question's verb and a dated answer's missing thing."""
from datetime import datetime

import pytest

from assistant import testing
from assistant.languages import dialect, regional
from assistant.experts import timers
from assistant.experts.chat import without_claimed_actions
from assistant.experts.smart_home import apis, list_devices, vocab
from assistant.experts.smart_home.vocab import synonym_forms
from assistant.knowledge import MIGRATIONS, add_document, answer
from assistant.routing import fastpath
from assistant.routing.timeless import timeless_question
from assistant.splitting import split_requests
from assistant.experts.reminders import list_reminders
from assistant.storage.scheduled import list_scheduled
from assistant.timeparse import parse_when
from assistant.storage import open_database
from tests.conftest import DEV_HOME, call_smart_home, smart_home_db
from tests.knowledge_kit import WordsEmbedder

EVENING, MORNING = datetime(2026, 12, 9, 21, 40), datetime(2026, 12, 9, 9, 5)
HEATER = "switch.office_heater_8e11"
TV_HOME = """
areas:
  - {name: Box Room, id: box}
  - {name: Kitchen, id: kitchen}
entities:
  - {name: Portable TV, id: media_player.portable_tv, area: box, state: "off", attributes: {volume: 40}}
  - {name: Kettle, id: switch.kettle, area: kitchen, state: "off"}
  - {name: Big Light, id: light.big, area: kitchen, state: "on", attributes: {brightness: 100}}
"""


@pytest.fixture
def home_db_tv(tmp_path):
    return smart_home_db(TV_HOME, tmp_path)


# -- twelve o'clock --------------------------------------------------------------------------
@pytest.mark.parametrize("said, now, due", [
    ("at 12", EVENING, "2026-12-10T00:00"),  # the next twelve is midnight
    ("at 12 o'clock", EVENING, "2026-12-10T00:00"),
    ("at 12:15", EVENING, "2026-12-10T00:15"),
    ("at 12", MORNING, "2026-12-09T12:00"),  # the next twelve is noon
    ("at 12 tonight", MORNING, "2026-12-10T00:00"),  # the midnight that ends tonight
    ("tonight at 12", EVENING, "2026-12-10T00:00"),
    ("12 at night", MORNING, "2026-12-10T00:00"),
    ("at 12 midnight", MORNING, "2026-12-10T00:00"),
    ("at 12 noon", EVENING, "2026-12-10T12:00"),
    ("tomorrow at 12", EVENING, "2026-12-10T12:00"),  # a day named: its noon
    ("on friday at 12", MORNING, "2026-12-11T12:00"),
    ("at 12 in the afternoon", EVENING, "2026-12-10T12:00"),
])
def test_a_bare_twelve_is_noon_or_midnight_whichever_comes_first(said, now, due):
    assert parse_when(said, now).due.isoformat(timespec="minutes") == due


def test_other_hours_keep_their_reading():
    assert parse_when("at 11 at night", MORNING).due.isoformat(timespec="minutes") == "2026-12-09T23:00"
    assert parse_when("every day at 12", EVENING).due.hour == 12


# -- a part that points back keeps its time --------------------------------------------------
def test_on_now_and_off_later_in_one_line(tmp_path):
    """The second part says "it": its time is its own, so the first part is done now and the
    second is put off, on the thing the first part named."""
    a = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=MORNING,
                                   classifier=testing.FixedClassifier("smart_home"))
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}},
                                 {"api": "smart_home.turn_off", "args": {}})
    reply = a.handle("switch on the office heater and turn it off in 20 minutes")
    assert next(d for d in list_devices(a.db) if d["id"] == HEATER)["state"] == "on"
    assert [(s["api"], s["args"], s["due"][:16]) for s in list_scheduled(a.db)] == [
        ("smart_home.turn_off", {"device": "Office Heater"}, "2026-12-09T09:25")]
    assert reply.ok


def test_two_things_with_one_time_after_them_are_still_put_off_together(tmp_path):
    """No pointer back: the time may be meant for both, so nothing is done now."""
    a = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=MORNING,
                                   classifier=testing.FixedClassifier("smart_home"))
    testing.confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    a.handle("switch on the office heater and close the blinds in 20 minutes")
    assert next(d for d in list_devices(a.db) if d["id"] == HEATER)["state"] == "off"


# -- timers one after another ----------------------------------------------------------------
@pytest.mark.parametrize("said, parts", [
    ("i need a 3 minute timer and a 12 minute timer", ["set a 3 minute timer", "set a 12 minute timer"]),
    ("a 5 minute timer and a 10 minute one please", ["set a 5 minute timer", "set a 10 minute timer please"]),
    ("timer for 4 minutes, then another one for 6 minutes", ["set a timer for 4 minutes", "set a timer for 6 minutes"]),
    ("set a timer for 8 minutes and another for 20", ["set a timer for 8 minutes", "set a timer for 20 minutes"]),
    ("timer for the beans 7 minutes and another one for the fish 14 minutes",
     ["set a timer for the beans 7 minutes", "set a timer for the fish 14 minutes"]),
])
def test_timers_asked_for_one_after_another_are_one_request_each(said, parts):
    assert split_requests(said) == parts


@pytest.mark.parametrize("said", [
    "set a timer for 1 hour and 30 minutes",  # one length in two units
    "set a timer for an hour and a half",
    "set a timer for 10 minutes, a quarter of an hour is too long",  # a remark, not a timer
    "set a timer for 10 minutes and a reminder to call the vet at 5",  # no second timer
])
def test_one_timer_stays_one(said):
    assert split_requests(said)[0].startswith(said.split(",")[0].split(" and a reminder")[0])
    assert len([p for p in split_requests(said) if "timer" in p]) == 1


@pytest.mark.parametrize("said, name, duration", [
    ("set a timer for the beans 7 minutes", "beans", "7 minutes"),
    ("timer for the fish 14 minutes", "fish", "14 minutes"),
    ("set a timer for the next 20 minutes", None, None),  # "next" is no name: the model's
    ("set a timer for a good 10 minutes", None, None),
])
def test_what_a_timer_is_for_said_before_its_length(said, name, duration):
    decision = timers._timer(said) or timers._countdown(said)
    if duration is None:
        assert decision is None or "name" not in decision.args
    else:
        assert decision.args == {"duration": duration, "name": name}


# -- fans by their other names ---------------------------------------------------------------
@pytest.mark.parametrize("said, name", [
    ("stove fan", "range hood"), ("cooker hood", "range hood"), ("extractor", "range hood"),
    ("extractor", "exhaust fan"), ("vent fan", "extractor fan"),
])
def test_a_fan_by_another_of_its_names(said, name):
    assert name in synonym_forms(said)


def test_a_word_of_two_name_groups_keeps_both_groups():
    assert "standard" in synonym_forms("floor") and "range hood" not in synonym_forms("exhaust fan")


# -- Scots and Polish words ------------------------------------------------------------------
@pytest.mark.parametrize("said, english", [
    ("switch aff the lamp in the hall", "switch off the lamp in the hall"),
    ("turn the heating doon a wee bit", "turn the heating down a wee bit"),
    ("wake me at seven the morn", "wake me at seven tomorrow"),
    ("put the lamp on the nicht at 9", "put the lamp on tonight at 9"),
    ("can ye put ma heater aff", "can you put my heater off"),
    ("Aye, and lock the door", "yes, and lock the door"),
    ("ye", "yes"),
    ("the radio na maksa", "the radio to max"),
    ("Nieważne", "Never mind"),
    ("włącz the fan", "turn on the fan"),
])
def test_scots_and_polish_words_are_read_as_english(said, english):
    assert regional.is_mixed(said) and regional.in_english(said) == english


@pytest.mark.parametrize("said", ["turn the lamp off", "ma said to turn it off", "the morning news", "aye aye captain"])
def test_english_words_stay_as_said(said):
    assert regional.in_english(said) == said


def test_a_word_of_the_homes_names_is_never_read():
    assert regional.in_english("turn on the doon light aff", ["Doon Light"]) == "turn on the doon light off"


# -- the chat neither claims nor reports a device ----------------------------------------------
@pytest.mark.parametrize("reply", ["Alright! It's unlocked.", "Set Desk Fan to 25%.", "Yes, I can play that station.",
                                   "Yes, the TV is on.", "The front door is now unlocked."])
def test_the_chat_never_says_a_thing_was_done_or_how_it_is(reply):
    assert without_claimed_actions(reply) in ("", "Alright!")


@pytest.mark.parametrize("reply", ["The shop is open until 9.", "Paris is the capital of France.", "Game on!"])
def test_the_chat_keeps_what_it_may_say(reply):
    assert without_claimed_actions(reply) == reply


def test_a_question_about_how_a_kind_of_home_thing_is_is_the_smart_homes(home_db_tv):
    assert apis.claims(home_db_tv, "is granda's telly on") and apis.claims(home_db_tv, "is the kettle on?")
    for other in ("is the big match on", "is the pub open", "what is the capital of peru",
                  "what time do the school gates shut", "is the school gate open"):
        assert not apis.asks_how_a_kind_is(home_db_tv, other), other


def test_outside_is_no_front_room(tmp_path):
    db = smart_home_db("""
areas:
  - {name: Front Room, id: front}
  - {name: Back Green, id: green}
entities:
  - {name: Standard Lamp, id: light.standard, area: front, state: "off", attributes: {brightness: 60}}
  - {name: Back Green Light, id: light.green, area: green, state: "off"}
""", tmp_path)
    call_smart_home(db, "turn_on", "switch on the light out the back", device="light outside")
    assert [d["id"] for d in list_devices(db) if d["state"] == "on"] == ["light.green"]


def test_a_request_to_play_is_no_general_knowledge_question():
    assert not timeless_question("Can you play the jazz station?") and timeless_question("who wrote hamlet?")


# -- smaller kinds -----------------------------------------------------------------------------
def test_putting_a_thing_on_then_adding_to_a_list_is_two_requests():
    assert split_requests("put the kettle on and add oat milk to the list") == ["put the kettle on",
                                                                                 "add oat milk to the list"]
    assert split_requests("add eggs and put milk on the list") == ["add eggs and put milk on the list"]


@pytest.mark.parametrize("said, position", [("open the blinds halfway", 50), ("close the curtains to 30 percent", 30)])
def test_a_cover_opened_partway_is_set_to_that_position(said, position):
    assert apis.moved_partway("open", {"device": "blinds"}, said) == ("set_position", {"device": "blinds",
                                                                                        "position": position})


@pytest.mark.parametrize("said", ["open the blinds", "open the blinds fully", "open the garage door halfway"])
def test_no_position_without_a_point_of_the_scale_nor_for_a_garage(said):
    assert apis.moved_partway("open", {"device": "x"}, said) is None


@pytest.mark.parametrize("said", ["never mind, forget it", "nah forget it", "actually cancel that"])
def test_a_stop_said_twice_is_a_stop(said):
    assert fastpath.match(said).qualified == "system.stop"


def test_the_boiler_is_the_heating_and_the_wireless_a_radio():
    assert vocab.type_word("boiler")[0].domains == frozenset({"climate"})
    assert "radio" in synonym_forms("wireless")


def test_on_at_a_level_no_clock_has_is_that_level():
    assert apis.LEVEL_SAID.search("lamp on at 30")[3] == "30" and apis.LEVEL_SAID.search("lamp on at 7") is None


@pytest.mark.parametrize("said, action", [("play the kitchen radio", "resume"), ("pause the telly", "pause"),
                                          ("skip this song", "next"), ("turn the radio up", None)])
def test_the_media_action_is_the_users_own_verb(said, action):
    assert apis._media_verb(said) == action


@pytest.mark.parametrize("said, plain", [
    ("Set the heating to go off at 11", "Turn the heating off at 11"),
    ("get the porch light to come on at 6", "turn the porch light on at 6"),
    ("set my alarm to go off at 6", "set my alarm to go off at 6"),  # an alarm going off rings
    ("set the heating to 20", "set the heating to 20"),
])
def test_a_thing_set_to_go_off_is_switched_off(said, plain):
    assert dialect.plain_words(said) == plain


@pytest.mark.parametrize("question, names", [
    ("what time does our flight land in Faro", ["flight"]),  # "land" is what the flight does
    ("how long does the drive take", ["drive"]),
    ("does the car hire include a child seat", ["car", "hire", "child", "seat"]),
    ("who do I call in the middle of the night", []),  # a time of day, no thing
    ("how much is the ballet class", ["ballet", "class"]),
])
def test_the_verb_after_a_does_questions_thing_is_no_thing_named(question, names):
    assert answer.named(question) == names


KITCHEN_HOME = """
areas:
  - {name: Kitchen, id: kitchen}
  - {name: Hall, id: hall}
entities:
  - {name: Range Hood, id: fan.range_hood, area: kitchen, state: "off", attributes: {percentage: 0, percentage_step: 33}}
  - {name: Thermostat, id: climate.thermostat, area: hall, state: heat, attributes: {temperature: 20, min_temp: 7, max_temp: 30}}
  - {name: Kitchen Radio, id: media_player.radio, area: kitchen, state: idle, attributes: {volume: 30}}
  - {name: Worktop Lights, id: light.worktop, area: kitchen, state: "off", attributes: {brightness: 70}}
  - {name: Garage Door, id: cover.garage_door, area: hall, state: closed, attributes: {position: 0}}
"""


@pytest.fixture
def kitchen_db(tmp_path):
    return smart_home_db(KITCHEN_HOME, tmp_path)


def _state(db, device_id):
    return next(d for d in list_devices(db) if d["id"] == device_id)


@pytest.mark.parametrize("args", [{"device_type": "range hood"}, {"device": "range hood", "temperature": 30}])
def test_a_level_the_device_has_not_is_its_own_level(kitchen_db, args):
    """"the range hood on high" written as a temperature (with or without one): the fan's own top speed."""
    api, recast_args = apis.recast(kitchen_db, "set_temperature", args, said="range hood on high")
    assert api == "set_fan_speed"
    call_smart_home(kitchen_db, api, "range hood on high", **recast_args)
    assert _state(kitchen_db, "fan.range_hood")["attributes"]["percentage"] == 100


def test_a_level_the_device_has_stays_and_a_garage_door_never_moves_so(kitchen_db):
    assert apis.recast(kitchen_db, "set_temperature", {"device": "heating", "temperature": 18}, said="the heating to 18") is None
    assert apis.as_own_setter(kitchen_db, "set_brightness", {"device": "garage door", "brightness": 50},
                              said="garage door to 50") is None


def test_the_boiler_and_the_wireless_by_their_other_names(kitchen_db):
    call_smart_home(kitchen_db, "set_temperature", "turn the boiler down to 16", device="boiler", temperature=16)
    assert _state(kitchen_db, "climate.thermostat")["attributes"]["temperature"] == 16
    call_smart_home(kitchen_db, "set_volume", "the wireless up to 50", device="wireless", volume=50)
    assert _state(kitchen_db, "media_player.radio")["attributes"]["volume"] == 50


def test_play_is_played_whatever_action_the_model_chose(kitchen_db):
    call_smart_home(kitchen_db, "media", "play the kitchen radio", action="pause", device="kitchen radio")
    assert _state(kitchen_db, "media_player.radio")["state"] == "playing"


def test_on_at_thirty_is_a_brightness(kitchen_db):
    call_smart_home(kitchen_db, "turn_on", "worktop lights on at 30", device="worktop lights")
    assert _state(kitchen_db, "light.worktop")["attributes"]["brightness"] == 30


def test_the_what_said_when_the_when_was_asked_is_kept_and_the_when_asked_again(tmp_path):
    """"set a reminder" → "When should I remind you?" → "to phone the school" (the what, not the
    when) → the question again → "at 3": one reminder, to phone the school at 3."""
    a = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=MORNING,
                                   classifier=testing.FixedClassifier("reminders"))
    testing.confirmer(a).enqueue({"api": "reminders.create", "args": {"text": "set a reminder", "when": "later"}})
    assert a.handle("set a reminder").asks == "when"
    assert a.handle("to phone the school").asks == "when"
    third = a.handle("at 3")
    assert third.ok and third.api == "create"
    [row] = list_reminders(a.db)
    assert (row["text"], row["due"]) == ("phone the school", "2026-12-09T15:00:00")


DIARY = """Oakfield School spring term

Dates for your diary
Fri 11 Dec: Christmas jumper day, bring 1 pound
Tue 15 Dec: carol concert at 2pm
"""


def test_a_day_asked_about_with_a_thing_no_line_of_that_day_has_finds_nothing(tmp_path):
    db = open_database(":memory:", MIGRATIONS)
    (tmp_path / "school_term.txt").write_text(DIARY)
    add_document(db, tmp_path / "school_term.txt", WordsEmbedder(), MORNING)
    assert "jumper day" in answer.answer(db, "what's on at school this friday", WordsEmbedder(), MORNING).reply
    assert not answer.answer(db, "what time is the netball match this friday", WordsEmbedder(), MORNING).found
    assert "jumper day" in answer.answer(db, "what's happening at school this friday", WordsEmbedder(), MORNING).reply


def test_each_media_verb_is_a_word_of_its_action():
    assert all(verb in apis.MEDIA_WORDS[action].split() for verb, action in apis.MEDIA_VERBS.items())
