"""Speculation settles by outcome: a confirmed call in other words with the same effect on the
home is agreement (nothing undone, nothing run twice); values follow the user's words."""
from datetime import datetime

import pytest

from assistant import effects, guardrails
from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.experts.smart_home import list_devices
from assistant.experts.smart_home.apis import turn_off, turn_on
from assistant.experts.smart_home.setters import set_brightness
from assistant.messages import Utterance

LAMP = "light.living_room_lamp_a19e"
KITCHEN = "light.kitchen_ceiling_4f2a9c"


def device(assistant, device_id):
    return next(d for d in list_devices(assistant.db) if d["id"] == device_id)


def confirmer(assistant):
    return assistant.roles.get("confirmer")


def actions(assistant):
    return assistant.db.execute("SELECT api, undone FROM action_log ORDER BY id").fetchall()


# ------------------------------------------------------------------ effects: calls tried on copies
def context(assistant, said: str) -> ExpertContext:
    return ExpertContext(db=assistant.db, clock=Clock(datetime(2026, 11, 25, 9, 0)), utterance=Utterance(text=said))


def call(func, **args):
    return lambda ctx: func(ctx, **args).ok


def test_two_calls_with_the_same_effect_have_the_same_outcome_and_nothing_changes(scripted_assistant):
    before = list_devices(scripted_assistant.db)
    ctx = context(scripted_assistant, "the kitchen light to 40")
    assert effects.same_outcome(ctx, call(set_brightness, brightness=40, device="kitchen ceiling light"),
                                call(turn_on, device="kitchen ceiling light"))  # "to 40": on at 40
    assert list_devices(scripted_assistant.db) == before  # tried on copies only


def test_different_effects_or_none_are_not_the_same_outcome(scripted_assistant):
    ctx = context(scripted_assistant, "the kitchen light")
    on, off = call(turn_on, device="kitchen ceiling light"), call(turn_off, device="kitchen ceiling light")
    assert not effects.same_outcome(ctx, on, off)
    assert not effects.same_outcome(ctx, off, off)  # already off: no effect, nothing to compare
    both = context(scripted_assistant, "the kitchen light or the desk lamp")
    assert not effects.same_outcome(both, on, call(turn_on, device="desk lamp"))


def test_the_start_may_be_the_state_before_a_call_already_made(scripted_assistant):
    ctx = context(scripted_assistant, "the kitchen light")
    result = turn_on(ctx, device="kitchen ceiling light")
    undo = lambda trial: turn_on.__api__["undo"](trial, result.undo) is None  # noqa: E731
    assert effects.same_outcome(ctx, call(turn_on, device="kitchen ceiling light"),
                                call(set_brightness, brightness=100, device="kitchen ceiling light"),
                                back_to_start=undo)  # on at the brightness it had
    assert device(scripted_assistant, KITCHEN)["state"] == "on"  # the call made stays made


# ------------------------------------------------------------------ through the pipeline
def test_the_same_outcome_by_another_call_is_agreement_with_nothing_undone_or_run_twice(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "kitchen lights"}})
    reply = scripted_assistant.handle("set the kitchen lights to 40 percent")
    assert reply.speculation["ran"] and reply.speculation["agreed"]
    assert not reply.speculation["rolled_back"] and not reply.speculation["redone"]
    assert actions(scripted_assistant) == [(reply.speculation["proposed"]["api"].split(".")[1], 0)]
    assert device(scripted_assistant, KITCHEN)["state"] == "on"


def test_another_effect_is_still_rolled_back(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "kitchen counter strip"}})
    reply = scripted_assistant.handle("turn on the kitchen lights")
    assert reply.speculation["ran"] and reply.speculation["rolled_back"] and not reply.speculation["agreed"]
    assert device(scripted_assistant, KITCHEN)["state"] == "off"
    assert device(scripted_assistant, "light.kitchen_counter_strip_77b1")["state"] == "on"


# ------------------------------------------------------------------ values: the user's words win
@pytest.mark.parametrize(("args", "text", "misreads"), [
    ({"brightness": 20, "device": "lamp"}, "dim the lamp by 20", True),  # a change read as a level
    ({"attribute": "brightness", "delta": -20, "device": "lamp"}, "dim the lamp by 20", False),
    ({"attribute": "volume", "delta": 30}, "turn the volume to 30", True),  # a level read as a change
    ({"volume": 30}, "turn the volume to 30", False),
    ({"color": "blue", "device": "lamp"}, "and set it to 40 percent", True),  # left out
    ({"temperature": 22}, "raise the heating by 2 to 22", False),
    ({"duration": "10 minutes"}, "set a timer for 10 minutes", False),
    ({"device": "lamp"}, "turn on the lamp", False),
    ({"volume": 100, "device": "speaker"}, "turn the speaker up", True),  # a level of its own
    ({"attribute": "volume", "delta": 10, "device": "speaker"}, "turn the speaker up", False),  # a step
    ({"brightness": 50, "device": "lamp"}, "the lamp to half", False),  # a level said in words
])
def test_numbers_misread(args, text, misreads):
    assert guardrails.misreads_numbers(args, text) is misreads


def test_a_proposal_with_the_users_values_stands_against_a_misread_value(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "smart_home.set_brightness",
                                           "args": {"device": "living room lamp", "brightness": 20}})
    reply = scripted_assistant.handle("dim the living room lamp by 20")
    assert reply.speculation["proposed"]["api"] == "smart_home.adjust"
    assert reply.speculation["ran"] and reply.speculation["agreed"] and not reply.speculation["rolled_back"]
    assert device(scripted_assistant, LAMP)["attributes"]["brightness"] == 40  # 60 less 20
    assert actions(scripted_assistant) == [("adjust", 0)]


def test_the_confirmer_with_the_users_values_still_decides(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "smart_home.adjust", "args": {
        "device": "living room lamp", "attribute": "brightness", "delta": -20}})
    reply = scripted_assistant.handle("turn the living room lamp up by 20")  # (the model is wrong here)
    assert reply.speculation["ran"] and reply.speculation["rolled_back"]
    assert device(scripted_assistant, LAMP)["attributes"]["brightness"] == 40


def test_no_trial_on_a_remote_home(scripted_assistant):
    class Remote:
        name = "home_assistant"
    from assistant.experts.smart_home.backend import attach, backend_for
    attach(scripted_assistant.db, Remote())
    try:
        assert not scripted_assistant._state_in_database()
    finally:
        attach(scripted_assistant.db, None)
    assert backend_for(scripted_assistant.db).name == "sqlite" and scripted_assistant._state_in_database()
