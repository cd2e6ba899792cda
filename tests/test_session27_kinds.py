"""Session 27's kinds (no evaluation sentence): a bare twelve is noon or midnight, whichever comes
first; a part that points back at the one before keeps its own time; timers asked for one after
another; what a timer is for said before its length; the kitchen's and the bathroom's fans by
their other names; Scots and Polish words; the chat neither claims an action nor reports a device;
"put the kettle on and add …"; a cover opened partway; a stop said twice; the boiler and the wireless."""
from datetime import datetime

import pytest

from assistant import regional, testing
from assistant.experts import chat, timers
from assistant.experts.chat import without_claimed_actions
from assistant.experts.smart_home import apis, list_devices, vocab
from assistant.experts.smart_home.vocab import synonym_forms
from assistant.routing import fastpath
from assistant.routing.timeless import timeless_question
from assistant.splitting import split_requests
from assistant.storage.scheduled import list_scheduled
from assistant.timeparse import parse_when
from tests.conftest import DEV_HOME, smart_home_db

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


def test_a_question_about_how_a_home_thing_is_is_not_the_chats(home_db_tv):
    assert chat.foreign(home_db_tv, "respond", {}, "is granda's telly on")
    assert chat.foreign(home_db_tv, "respond", {}, "is the kettle on?")
    assert not chat.foreign(home_db_tv, "respond", {}, "is the big match on")
    assert not chat.foreign(home_db_tv, "respond", {}, "what is the capital of peru")


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
