"""Slots (issue 19): values kept in the user's words, compared by meaning, and asked for when missing.

The phrasings here were written for these tests, not taken from any evaluation set."""
from datetime import datetime, timedelta

import pytest

from assistant import slots
from assistant.clock import Clock
from assistant.experts.reminders import list_reminders
from assistant.experts.smart_home import list_devices
from assistant.experts.timers import list_timers
from assistant.testing import FixedClassifier, confirmer, scripted_assistant
from assistant.timeparse import extract_duration_phrase
from tests.conftest import DEV_HOME

EVENING = datetime(2026, 12, 2, 18, 30)  # a Wednesday


@pytest.mark.parametrize("text, phrase", [
    ("start a countdown of 3 hours 20 minutes for the roast", "3 hours 20 minutes"),
    ("a forty five minute timer please", "45 minute"),
    ("timer for an hour and a half", "1 hour and a half"),
    ("give me twelve seconds", "12 seconds"),
    ("set a timer", None),
    ("remind me at 5 to call the plumber", None),
])
def test_the_duration_phrase_is_found_in_the_utterance(text, phrase):
    assert extract_duration_phrase(text) == phrase


@pytest.mark.parametrize("kind, value, said, expected", [
    ("clock", "7:00 am", "get me up at 7 am", "7:00 am"),  # reformatted, same time: either is right
    ("clock", "9:00", "alarm for nine in the morning", "9 am"),  # "9:00" would be 9 pm here
    ("when", "at 8pm", "remind me to feed the cat on saturday at 8pm", "on saturday at 8pm"),  # cut short
    ("duration", "3 hours", "set a timer for 3 hours and 10 minutes", "3 hours and 10 minutes"),
    ("when", "at 5", "remind me at 5 to check the 10 minute timer", "at 5"),  # two times: the model's choice stands
    ("clock", "20 minutes", "remind me in 20 minutes about the alarm", "20 minutes"),  # a delay is not a clock time
])
def test_a_value_the_model_rewrote_or_cut_short_becomes_the_users_phrase(kind, value, said, expected):
    assert slots.users_value(kind, value, said, EVENING) == expected


@pytest.mark.parametrize("kind, value, said, grounded", [
    ("clock", "6:30 am", "wake me at half past six in the morning", True),
    ("duration", "90 seconds", "a ninety second countdown", True),
    ("duration", "5 minutes", "I need a timer", False),  # made up
    ("when", "tomorrow at 9", "remind me to water the ferns", False),
])
def test_a_slot_is_grounded_by_meaning_not_by_spelling(kind, value, said, grounded):
    assert slots.grounded(kind, value, said, EVENING) is grounded


@pytest.mark.parametrize("kind, answer, value", [
    ("duration", "um, about twenty minutes", "20 minutes"),
    ("duration", "for two hours", "2 hours"),
    ("duration", "switch on the porch light", None),
    ("when", "friday at noon", "friday at noon"),
    ("when", "the garage door", None),
    ("clock", "quarter past seven", "quarter past 7"),
    ("text", "to pick up the dry cleaning", "pick up the dry cleaning"),
    ("number", "make it twenty one degrees", "21"),
    ("number", "um, sixty percent", "60"),
    ("number", "halfway", "50"),
    ("number", "the one in the study", None),  # "one" is no level
    ("number", "fifteen minutes", None),
])
def test_an_answer_is_read_as_a_value_of_the_slots_kind(kind, answer, value):
    assert slots.read_answer(kind, answer, EVENING) == value


def _assistant(tmp_path, expert: str, now: datetime = EVENING):
    return scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=now, classifier=FixedClassifier(expert))


def test_a_timer_without_a_duration_asks_for_it_and_the_answer_starts_it(tmp_path):
    assistant = _assistant(tmp_path, "timers")
    confirmer(assistant).enqueue({"api": "timers.start", "args": {"duration": "10 minutes"}})  # made up
    reply = assistant.handle("could I get a timer going")
    assert reply.asks == "duration" and not reply.declined and reply.reply == "For how long?"
    assert list_timers(assistant.db, assistant.clock.now()) == []
    reply = assistant.handle("eighteen minutes")
    assert reply.ok and reply.api == "start" and reply.asks is None
    assert [t["duration_s"] for t in list_timers(assistant.db, assistant.clock.now())] == [18 * 60]


def test_a_reminder_asks_for_what_and_when_one_at_a_time(tmp_path):
    assistant = _assistant(tmp_path, "reminders")
    confirmer(assistant).enqueue({"api": "reminders.create", "args": {"text": "reminder", "when": "later"}})
    reply = assistant.handle("new reminder")
    assert reply.asks == "when"  # the made-up time is asked for first ...
    reply = assistant.handle("thursday at 10")
    assert reply.asks == "text"  # ... then what the reminder is (the model's "reminder" says nothing)
    reply = assistant.handle("book the car service")
    assert reply.ok and reply.api == "create"
    [row] = list_reminders(assistant.db)
    assert row["text"] == "book the car service" and row["due"] == "2026-12-03T10:00:00"


def test_never_mind_drops_the_question_and_does_nothing(tmp_path):
    assistant = _assistant(tmp_path, "timers")
    confirmer(assistant).enqueue({"api": "timers.start", "args": {"duration": "1 minute"}})
    assert assistant.handle("start a timer").asks == "duration"
    reply = assistant.handle("never mind")
    assert reply.reply == "OK, never mind." and reply.ok
    confirmer(assistant).enqueue({"api": "timers.start", "args": {"duration": "5 minutes"}})
    reply = assistant.handle("five minutes")  # no longer an answer: routed as a request of its own
    assert reply.asks is None and len(confirmer(assistant).prompts) == 2


def test_a_new_request_instead_of_an_answer_is_handled_as_itself(tmp_path):
    assistant = _assistant(tmp_path, "timers")
    confirmer(assistant).enqueue({"api": "timers.start", "args": {"duration": "1 minute"}})
    assert assistant.handle("start a timer").asks == "duration"
    assistant.classifier = FixedClassifier("smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"area": "kitchen", "device_type": "light"}})
    reply = assistant.handle("turn on the kitchen lights")
    assert (reply.expert, reply.api, reply.ok) == ("smart_home", "turn_on", True)
    assert list_timers(assistant.db, assistant.clock.now()) == []


def test_an_out_of_scope_request_forced_into_a_call_is_still_declined(tmp_path):
    assistant = _assistant(tmp_path, "none")
    confirmer(assistant).enqueue({"api": "timers.start", "args": {"duration": "25 minutes"}})
    reply = assistant.handle("bake me a cake")
    assert reply.declined and reply.asks is None


def test_a_reformatted_alarm_time_is_not_refused(tmp_path):
    assistant = _assistant(tmp_path, "timers")
    confirmer(assistant).enqueue({"api": "timers.set_alarm", "args": {"time": "7:00"}})
    reply = assistant.handle("alarm at seven am")
    assert reply.ok and not reply.declined
    [alarm] = list_timers(assistant.db, assistant.clock.now())
    assert alarm["remaining_s"] == int((datetime(2026, 12, 3, 7) - EVENING).total_seconds())


def test_a_made_up_timer_name_is_dropped(tmp_path):
    assistant = _assistant(tmp_path, "timers")
    confirmer(assistant).enqueue({"api": "timers.start", "args": {"duration": "4 minutes", "name": "tea"}})
    reply = assistant.handle("four minute timer")
    assert reply.ok and set(reply.args) == {"duration"}  # the user's "4 minute" or the model's "4 minutes"
    [timer] = list_timers(assistant.db, assistant.clock.now())
    assert timer["name"] is None and timer["duration_s"] == 240


def test_a_time_the_confirmer_cut_short_keeps_the_day_the_user_said(tmp_path):
    assistant = _assistant(tmp_path, "reminders")
    confirmer(assistant).enqueue({"api": "reminders.create", "args": {"text": "ring the bank", "when": "at 4pm"}})
    reply = assistant.handle("remind me to ring the bank on friday at 4pm")
    assert reply.ok
    assert list_reminders(assistant.db)[0]["due"] == "2026-12-04T16:00:00"


def test_undo_that_reverses_the_last_action(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"area": "kitchen", "device_type": "light"}})
    assistant.handle("kitchen lights on")
    reply = assistant.handle("revert that")
    assert (reply.expert, reply.api, reply.ok) == ("system", "undo", True)
    assert all(d["state"] == "off" for d in list_devices(assistant.db) if d["id"].startswith("light.kitchen"))
    assert not assistant.handle("undo that").ok  # nothing more to undo


def test_a_confirmation_asked_in_the_future_is_not_accepted_after_the_clock_goes_back(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}})
    assert assistant.handle("unlock the front door").needs_confirmation
    assistant.clock = Clock(EVENING - timedelta(days=1))
    assistant.handle("yes")
    assert next(d for d in list_devices(assistant.db) if d["id"].startswith("lock."))["state"] == "locked"


def test_a_yes_from_another_room_does_not_confirm(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}})
    assert assistant.handle("unlock the front door", area="hallway").needs_confirmation
    assistant.handle("yes", area="kitchen")
    assert next(d for d in list_devices(assistant.db) if d["id"].startswith("lock."))["state"] == "locked"
    assistant.handle("yes", area="hallway")  # still waiting where it was asked
    assert next(d for d in list_devices(assistant.db) if d["id"].startswith("lock."))["state"] == "unlocked"


def test_an_alarm_for_a_day_but_no_time_asks_what_time(tmp_path):
    assistant = _assistant(tmp_path, "timers")
    confirmer(assistant).enqueue({"api": "timers.set_alarm", "args": {"time": "on saturday"}})
    reply = assistant.handle("I'll need an alarm on saturday")
    assert reply.asks == "time" and list_timers(assistant.db, assistant.clock.now()) == []
    reply = assistant.handle("ten past seven")
    assert reply.ok and reply.api == "set_alarm"


def test_a_reminder_whose_text_is_only_the_request_asks_what_about(tmp_path):
    assistant = _assistant(tmp_path, "reminders")
    confirmer(assistant).enqueue({"api": "reminders.create", "args": {"text": "make a reminder for 8 am", "when": "at 8 am"}})
    reply = assistant.handle("make a reminder for 8 am")
    assert reply.asks == "text"
    reply = assistant.handle("renew the parking permit")
    assert reply.ok and list_reminders(assistant.db)[0]["text"] == "renew the parking permit"


def test_an_answered_time_is_taken_as_answered_not_merged_with_the_first_words(tmp_path):
    """"an alarm for tomorrow" → "What time?" → "half past six": 6:30 in the morning (the next one),
    not "tomorrow half past six" read as evening."""
    assistant = _assistant(tmp_path, "timers")
    confirmer(assistant).enqueue({"api": "timers.set_alarm", "args": {"time": "tomorrow"}})
    assert assistant.handle("could you set me an alarm for tomorrow").asks == "time"
    assert assistant.handle("twenty past five").ok
    [alarm] = list_timers(assistant.db, assistant.clock.now())
    assert alarm["remaining_s"] == int((datetime(2026, 12, 3, 5, 20) - EVENING).total_seconds())


@pytest.mark.parametrize("content, says", [
    ("- id: x\n  turns: [ {text: hi\n", "not valid YAML"),
    ("id: x\n", "expected a list of conversations"),
    ("- id: x\n", "conversation 1"),
])
def test_a_malformed_conversation_file_is_a_clear_error(tmp_path, content, says):
    from typer.testing import CliRunner

    from assistant.cli.main import app

    path = tmp_path / "conversations.yaml"
    path.write_text(content)
    result = CliRunner().invoke(app, ["eval", str(path)])
    assert result.exit_code == 1 and says in result.output and "Traceback" not in result.output


def _attributes(assistant, device_id):
    [device] = [d for d in list_devices(assistant.db) if d["id"] == device_id]
    return device["state"], device["attributes"]


THERMOSTAT, LAMP = "climate.hallway_thermostat_c0de", "light.living_room_lamp_a19e"


def test_a_level_nobody_said_is_asked_for_and_the_answer_sets_it(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.set_temperature",
                                  "args": {"temperature": 21, "device_type": "thermostat"}})  # 21 made up
    reply = assistant.handle("can you set the thermostat")
    assert reply.asks == "temperature" and not reply.declined
    assert _attributes(assistant, THERMOSTAT)[1]["temperature"] == 20
    reply = assistant.handle("make it nineteen and a half")
    assert reply.ok and reply.api == "set_temperature"
    assert _attributes(assistant, THERMOSTAT)[1]["temperature"] == 19.5


def test_a_way_to_go_without_a_level_is_one_step_not_a_question(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.set_brightness",
                                  "args": {"brightness": 90, "device": "living room lamp"}})  # made up
    reply = assistant.handle("dim the living room lamp")
    assert reply.ok and reply.asks is None
    assert _attributes(assistant, LAMP) == ("on", {"brightness": 50})


@pytest.mark.parametrize("answer, volume", [("louder please", 40), ("down", 20), ("up a bit please", 40)])
def test_a_change_with_no_way_to_go_asks_which_way_and_the_answer_picks_it(tmp_path, answer, volume):
    assistant = _assistant(tmp_path, "smart_home")
    speaker = "media_player.living_room_speaker_44aa"
    confirmer(assistant).enqueue({"api": "smart_home.adjust",
                                  "args": {"attribute": "volume", "delta": 10, "device_type": "speaker"}})  # made up
    reply = assistant.handle("could you change the volume on the speaker")
    assert reply.asks == "delta" and reply.reply == "Louder or quieter?" and not reply.declined
    assert _attributes(assistant, speaker)[1]["volume"] == 30
    reply = assistant.handle(answer)
    assert reply.ok and reply.api == "adjust", reply.reply
    assert _attributes(assistant, speaker)[1]["volume"] == volume


def test_a_colour_nobody_said_is_asked_for(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.set_color", "args": {"color": "blue", "device": "bedroom lamp"}})
    reply = assistant.handle("change the colour of the bedroom lamp")
    assert reply.asks == "color" and not reply.declined
    reply = assistant.handle("green")
    assert reply.ok and _attributes(assistant, "light.bedroom_lamp_5e8f")[1]["color"] == "green"


@pytest.mark.parametrize("answer, picked", [
    ("the kids room one", "fan.kids"),
    ("uh the second one", "fan.lounge"),
    ("the one in the bedroom", "fan.bedroom"),
    ("desk fan", "fan.bedroom"),
    ("the kid's room please", "fan.kids"),
    ("actually switch the hall light on", None),  # a new request, not a choice
    ("both of them", None),  # "both" of three
    ("all of them", "fan.kids,fan.lounge,fan.bedroom"),
])
def test_which_one_is_answered_by_a_name_a_room_or_an_ordinal(answer, picked):
    choices = {"fan.kids": "ceiling fan kids room", "fan.lounge": "fan lounge",
               "fan.bedroom": "desk fan master bedroom"}
    assert slots.read_choice(answer, choices) == picked


@pytest.mark.parametrize("answer, picked", [
    ("both please", "light.left,light.right"), ("all of them", "light.left,light.right"),
    ("the left one", "light.left"),
])
def test_both_of_two_is_every_one(answer, picked):
    assert slots.read_choice(answer, {"light.left": "left lamp", "light.right": "right lamp"}) == picked


def test_which_lamp_is_asked_and_the_answer_completes_the_call(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "lamp"}})
    reply = assistant.handle("switch on the lamp")
    assert reply.asks == "device" and not reply.declined and reply.reply.startswith("Which lamp")
    reply = assistant.handle("the one in the office")
    assert reply.ok and reply.api == "turn_on"
    assert _attributes(assistant, "light.office_desk_lamp_2b6d")[0] == "on"
    assert _attributes(assistant, "light.bedroom_lamp_5e8f")[0] == "off"


def test_all_of_them_answers_which_lamp_with_every_lamp(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "lamp"}})
    assert assistant.handle("switch on the lamp").asks == "device"
    reply = assistant.handle("all of them")
    assert reply.ok and reply.api == "turn_on"
    assert _attributes(assistant, "light.office_desk_lamp_2b6d")[0] == _attributes(
        assistant, "light.bedroom_lamp_5e8f")[0] == "on"


def test_an_answer_that_picks_nothing_is_routed_as_a_request_of_its_own(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "lamp"}})
    assert assistant.handle("switch on the lamp").asks == "device"
    confirmer(assistant).enqueue({"api": "smart_home.turn_off", "args": {"device": "hallway light"}})
    reply = assistant.handle("forget it, turn off the hallway light")
    assert reply.ok and reply.api == "turn_off"
    assert _attributes(assistant, "light.hallway_6d0e")[0] == "off"
    assert all(_attributes(assistant, lamp)[0] == "off"
               for lamp in ("light.office_desk_lamp_2b6d", "light.bedroom_lamp_5e8f"))


def test_an_add_with_no_items_asks_what_and_the_answer_is_added(tmp_path):
    from assistant.experts.lists import all_lists
    assistant = _assistant(tmp_path, "lists")
    confirmer(assistant).enqueue({"api": "lists.add", "args": {"items": ["bananas"], "list_name": "shopping"}})
    reply = assistant.handle("stick something on the shopping list")
    assert reply.asks == "items" and not reply.declined
    reply = assistant.handle("oat milk and rye bread")
    assert reply.ok and reply.api == "add"
    assert {row["item"] for row in all_lists(assistant.db)["shopping"]} == {"oat milk", "rye bread"}


def _front_door(assistant):
    return next(d for d in list_devices(assistant.db) if d["id"] == "lock.front_door_9a7b")["state"]


@pytest.mark.parametrize("answer, state", [
    ("no, keep it locked", "locked"), ("nope not now", "locked"), ("don't bother", "locked"),
    ("yes please, go ahead", "unlocked"), ("yeah do it", "unlocked"), ("ok, that's fine", "unlocked"),
    ("no, leave it on", "locked"), ("no, just leave it as it is", "locked"),  # the no said twice
    ("yes, unlock it", "unlocked"), ("yeah, unlock the front door", "unlocked"),  # the call asked about, said again
    ("ja, go ahead", "unlocked"), ("aye", "unlocked"), ("nee, leave it", "locked"),  # yes and no in other words
])
def test_a_yes_or_no_with_more_words_answers_the_question(tmp_path, answer, state):
    assistant = _assistant(tmp_path, "smart_home")
    assert assistant.handle("unlock the front door").needs_confirmation  # asked at once (routing.ask_early)
    asked = len(confirmer(assistant).prompts)
    assistant.handle(answer)
    assert _front_door(assistant) == state
    assert len(confirmer(assistant).prompts) == asked  # the answer needed no model


def test_a_no_with_a_new_request_is_that_request(tmp_path):
    assistant = _assistant(tmp_path, "smart_home")
    assert assistant.handle("unlock the front door").needs_confirmation  # asked at once (routing.ask_early)
    confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "hallway light"}})
    reply = assistant.handle("no, turn on the hallway light instead")
    assert reply.api == "turn_on" and _front_door(assistant) == "locked"


def test_a_bare_number_answers_a_question(tmp_path):
    assistant = _assistant(tmp_path, "timers")
    confirmer(assistant).enqueue({"api": "timers.set_alarm", "args": {"time": "7 am"}})  # made up
    assert assistant.handle("i need an alarm").asks == "time"
    reply = assistant.handle("0545")
    assert reply.ok and reply.api == "set_alarm"
    [alarm] = list_timers(assistant.db, assistant.clock.now())
    assert alarm["duration_s"] == (datetime(2026, 12, 3, 5, 45) - EVENING).total_seconds()


MANY_LAMPS = """
areas:
  - {name: Kitchen, id: kitchen}
  - {name: Den, id: den}
  - {name: Study, id: study}
entities:
  - {name: Kitchen Lamp, id: light.kitchen_lamp, area: kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Counter Lamp, id: light.counter_lamp, area: kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Kitchen Ceiling Light, id: light.kitchen_ceiling, area: kitchen, state: "off", attributes: {brightness: 100}}
  - {name: Arc Lamp, id: light.arc_lamp, area: den, state: "off", attributes: {brightness: 100}}
  - {name: Globe Lamp, id: light.globe_lamp, area: den, state: "off", attributes: {brightness: 100}}
  - {name: Desk Lamp, id: light.desk_lamp, area: study, state: "off", attributes: {brightness: 100}}
  - {name: Reading Lamp, id: light.reading_lamp, area: study, state: "off", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("answer, on", [
    ("the desk one", {"light.desk_lamp"}),                     # a device by its own name
    ("the ones in the den", {"light.arc_lamp", "light.globe_lamp"}),  # a room: its lamps
])
def test_which_of_many_is_answered_by_a_name_or_a_room(tmp_path, answer, on):
    asked, answered = _which_answered(tmp_path, MANY_LAMPS, "switch on the lamp", "lamp", answer)
    assert "There are 6" in asked.reply and answered == on


def _which_answered(tmp_path, home_text: str, said: str, device: str, answer: str):
    """"Which one?" asked of a turn_on the model wrote for `device`, then `answer`: the question,
    and the devices on after the answer."""
    home = tmp_path / "home.yaml"
    home.write_text(home_text)
    assistant = scripted_assistant(tmp_path / "state.db", home=home, now=EVENING,
                                   classifier=FixedClassifier("smart_home"))
    confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": device}})
    asked = assistant.handle(said)
    assert asked.asks == "device", asked.reply
    assert assistant.handle(answer).ok
    return asked, {d["id"] for d in list_devices(assistant.db) if d["state"] == "on"}


def test_a_question_of_its_own_is_not_the_answer_to_a_waiting_question(tmp_path):
    """"When should I remind you?" then "what's the weather like tomorrow": a new request, not
    "tomorrow" for the reminder."""
    assistant = _assistant(tmp_path, "reminders")
    confirmer(assistant).enqueue({"api": "reminders.create", "args": {"text": "reminder", "when": "later"}})
    assert assistant.handle("new reminder").asks == "when"
    reply = assistant.handle("what's the weather like tomorrow")
    assert reply.api != "create" and list_reminders(assistant.db) == []


THREE_FLOORS = """
floors:
  - {name: Cellar, id: cellar, level: -1}
  - {name: Ground Floor, id: ground, level: 0}
  - {name: First Floor, id: first, level: 1}
areas:
  - {name: Shower Room, id: shower_room, floor: ground}
  - {name: Family Bathroom, id: family_bathroom, floor: first, aliases: [big bathroom]}
  - {name: Utility, id: utility, floor: cellar}
entities:
  - {name: Vanity Light, id: light.vanity_ground, area: shower_room, state: "off", attributes: {brightness: 100}}
  - {name: Vanity Light, id: light.vanity_first, area: family_bathroom, state: "off", attributes: {brightness: 100}}
  - {name: Vanity Light, id: light.vanity_cellar, area: utility, state: "off", attributes: {brightness: 100}}
"""


@pytest.mark.parametrize("answer, on", [
    ("the one downstairs", "light.vanity_ground"),
    ("the upstairs one", "light.vanity_first"),
    ("the one in the basement", "light.vanity_cellar"),
    ("the big bathroom one", "light.vanity_first"),  # the room's other name
])
def test_which_one_is_answered_by_where_it_is(tmp_path, answer, on):
    assert _which_answered(tmp_path, THREE_FLOORS, "turn on the vanity light", "vanity light", answer)[1] == {on}
