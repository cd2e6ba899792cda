"""Corrections right after a request ("no, I meant the desk lamp", "make that 12 minutes"): the
previous action is taken back and its call redone with the one value corrected, without the model
(assistant/routing/correction.py, assistant/correcting.py), on the real pipeline with scripted models."""
from datetime import datetime

import pytest

from assistant.experts.reminders import list_reminders
from assistant.experts.smart_home import list_devices
from assistant.experts.timers import list_timers
from assistant.routing.context import is_follow_up
from assistant.routing.correction import corrected_time, correction_words
from assistant.storage.scheduled import list_scheduled

BEDROOM_LAMP, DESK_LAMP = "light.bedroom_lamp_5e8f", "light.office_desk_lamp_2b6d"


def state(assistant, device_id):
    return next(d for d in list_devices(assistant.db) if d["id"] == device_id)


def confirmer(assistant):
    return assistant.roles.get("confirmer")


@pytest.mark.parametrize("text, meant", [
    ("no, I meant the desk lamp", "the desk lamp"),
    ("whoops, make it twelve minutes", "twelve minutes"),
    ("sorry, five", "five"),
    ("my mistake, the office not the bedroom", "the office"),
    ("nope, not the bedroom, the office", "the office"),
    ("um, actually I said thirty", "thirty"),
    ("hang on, change that to 7:15", "7:15"),
])
def test_a_correction_is_its_lead_and_what_was_meant(text, meant):
    assert correction_words(text)[1] == meant
    assert is_follow_up(text)


@pytest.mark.parametrize("text", [
    "no", "sorry?", "no thanks", "actually turn off the hallway light", "um, lights off",
    "sorry, what time is it", "wait", "oh well",
])
def test_a_lead_alone_a_question_or_a_request_of_its_own_is_not_a_correction(text):
    assert correction_words(text) is None


@pytest.mark.parametrize("said, expected", [
    ("5", datetime(2026, 11, 25, 17, 0)),          # pm: nearest the 4 pm it replaces
    ("half three", datetime(2026, 11, 25, 15, 30)),
    ("tomorrow", datetime(2026, 11, 26, 16, 0)),   # a day alone keeps the time of day
    ("friday at 10", datetime(2026, 11, 27, 10, 0)),
    ("9 am", datetime(2026, 11, 26, 9, 0)),        # said am: the next one, today's has passed
    ("twenty minutes", datetime(2026, 11, 25, 10, 20)),  # a delay: from now
])
def test_a_corrected_time_is_the_reading_nearest_the_one_it_replaces(said, expected):
    assert corrected_time(datetime(2026, 11, 25, 16, 0), said, datetime(2026, 11, 25, 10, 0)) == expected


def test_a_target_named_instead_undoes_the_first_and_acts_on_the_second(scripted_assistant):
    a = scripted_assistant
    confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "bedroom lamp"}})
    a.handle("turn on the bedroom lamp")
    assert state(a, BEDROOM_LAMP)["state"] == "on"
    reply = a.handle("no, I meant the desk lamp")
    assert reply.api == "turn_on" and "Desk Lamp" in reply.reply
    assert state(a, BEDROOM_LAMP)["state"] == "off" and state(a, DESK_LAMP)["state"] == "on"
    assert len(confirmer(a).prompts) == 1  # the correction needed no model


def test_a_corrected_duration_replaces_the_timer(scripted_assistant):
    a = scripted_assistant
    confirmer(a).enqueue({"api": "timers.start", "args": {"duration": "10 minutes"}})
    a.handle("start a 10 minute timer")
    a.handle("whoops, make it twelve")  # a bare number is in the unit of the duration it corrects
    timers = list_timers(a.db, a.clock.now())
    assert [t["duration_s"] for t in timers] == [720]


def test_a_corrected_time_replaces_the_reminder(scripted_assistant):
    a = scripted_assistant  # 09:00
    confirmer(a).enqueue({"api": "reminders.create", "args": {"text": "ring grandma", "when": "at 5"}})
    a.handle("remind me to ring grandma at 5")
    a.handle("sorry, six")
    reminders = list_reminders(a.db)
    assert len(reminders) == 1 and reminders[0]["due"].endswith("T18:00:00") and "grandma" in reminders[0]["text"]


def test_a_corrected_clock_time_replaces_the_alarm(scripted_assistant):
    """"no, 7:15": a lead and a time, few letters but not noise; the alarm moves, nothing is added."""
    a = scripted_assistant  # Wednesday 09:00
    confirmer(a).enqueue({"api": "timers.set_alarm", "args": {"time": "7:50 am"}})
    a.handle("wake me at 7:50")
    a.handle("no, 7:15")
    alarms = list_timers(a.db, a.clock.now())
    assert [t["duration_s"] for t in alarms] == [(22 * 60 + 15) * 60]  # tomorrow 07:15


def test_a_corrected_level_sets_it_again(scripted_assistant):
    a = scripted_assistant
    confirmer(a).enqueue({"api": "smart_home.set_brightness", "args": {"device": "desk lamp", "brightness": 70}})
    a.handle("desk lamp to 70 percent")
    a.handle("I said 17 not 70")
    assert state(a, DESK_LAMP)["attributes"]["brightness"] == 17


def test_a_corrected_time_reschedules_a_put_off_call(scripted_assistant):
    a = scripted_assistant
    confirmer(a).enqueue({"api": "smart_home.turn_off", "args": {"device": "hallway light"}})
    a.handle("turn off the hallway light at 11 pm")
    a.handle("actually, make that half ten")
    waiting = list_scheduled(a.db)
    assert [s["due"] for s in waiting] == ["2026-11-25T22:30:00"] and waiting[0]["api"] == "smart_home.turn_off"
    assert state(a, "light.hallway_6d0e")["state"] == "on"  # still put off, never run now


def test_words_that_do_something_go_to_the_router_with_the_previous_turn(scripted_assistant):
    a = scripted_assistant
    confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "bedroom lamp"}},
                         {"api": "smart_home.turn_off", "args": {"device": "bedroom lamp"}})
    a.handle("turn on the bedroom lamp")
    plan = a.plan("oh no, lights off")
    assert plan.correction is None and plan.context  # the model reads it, as a follow-up
    a.commit(plan)
    assert state(a, BEDROOM_LAMP)["state"] == "off"


def test_it_next_is_what_the_call_acted_on_not_the_models_words(scripted_assistant):
    """The model wrote "lamp" for "the desk lamp" (the resolver found the Desk Lamp from the user's
    words): "dim it to 20" is the Desk Lamp, not every lamp."""
    a = scripted_assistant
    confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"device": "lamp", "device_type": "light"}})
    a.handle("turn on the desk lamp")
    confirmer(a).enqueue({"api": "smart_home.set_brightness", "args": {"brightness": 20, "device": "lamp"}})
    a.handle("dim it to 20")
    assert state(a, DESK_LAMP)["attributes"]["brightness"] == 20
    assert state(a, BEDROOM_LAMP)["state"] == "off"  # unchanged


def test_and_the_other_room_too_means_the_kind_the_user_said(scripted_assistant):
    """"the lights in the office" acted on the Desk Lamp alone: "and the living room too" is the
    living room's lights (the kind said), not only its lamp (the kind of the device acted on)."""
    a = scripted_assistant
    confirmer(a).enqueue({"api": "smart_home.turn_on", "args": {"area": "office", "device_type": "light"}})
    a.handle("turn on the lights in the office")
    a.handle("and the living room too")
    assert state(a, DESK_LAMP)["state"] == "on"
    assert state(a, "light.reading_light_0c3d")["state"] == "on"  # a light that is not a lamp
