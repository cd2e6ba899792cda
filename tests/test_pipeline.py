"""The whole pipeline on real SQLite with a scripted model: routing, validation, confirmation."""
from datetime import timedelta

import pytest

from assistant.config import RoutingConfig
from assistant.experts.smart_home import list_devices


def device(assistant, device_id):
    return next(d for d in list_devices(assistant.db) if d["id"] == device_id)


def confirmer(assistant):
    return assistant.roles.get("confirmer")


def test_model_decision_runs_the_api_and_changes_state(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "smart_home.turn_on", "args": {"area": "kitchen", "device_type": "light"}})
    reply = scripted_assistant.handle("turn on the kitchen lights")
    assert (reply.expert, reply.api, reply.ok) == ("smart_home", "turn_on", True)
    assert device(scripted_assistant, "light.kitchen_ceiling_4f2a9c")["state"] == "on"
    assert device(scripted_assistant, "light.kitchen_counter_strip_77b1")["state"] == "on"
    assert reply.timings_ms["first_action"] <= reply.timings_ms["total"]
    prompt = confirmer(scripted_assistant).prompts[0]
    assert prompt[0].role == "system" and "smart_home.turn_on" in prompt[0].content
    assert prompt[-1].content == "turn on the kitchen lights"  # the utterance comes last


def test_invalid_output_is_retried_once_then_nothing_runs(scripted_assistant):
    scripted_assistant.roles.settings.routing = RoutingConfig(speculation=False)  # no proposal to fall back on
    before = list_devices(scripted_assistant.db)
    confirmer(scripted_assistant).enqueue("not json", {"api": "smart_home.explode", "args": {}})
    reply = scripted_assistant.handle("turn on the kitchen lights")
    assert not reply.ok and "didn't get that" in reply.reply
    assert list_devices(scripted_assistant.db) == before
    assert len(confirmer(scripted_assistant).prompts) == 2
    assert "Invalid" in confirmer(scripted_assistant).prompts[1][-1].content


def test_invalid_output_twice_falls_back_to_the_rules_proposal(scripted_assistant):
    confirmer(scripted_assistant).enqueue("not json", {"api": "smart_home.explode", "args": {}})
    reply = scripted_assistant.handle("turn on the kitchen lights")
    assert (reply.expert, reply.api, reply.ok) == ("smart_home", "turn_on", True)
    assert device(scripted_assistant, "light.kitchen_ceiling_4f2a9c")["state"] == "on"


def test_retry_recovers_when_the_second_answer_is_valid(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "timers.start", "args": {"minutes": 10}},
                                          {"api": "timers.start", "args": {"duration": "10 minutes"}})
    reply = scripted_assistant.handle("set a timer for 10 minutes")
    assert reply.ok and reply.api == "start" and reply.args == {"duration": "10 minutes"}


def test_decline_takes_no_action(scripted_assistant):
    before = list_devices(scripted_assistant.db)
    confirmer(scripted_assistant).enqueue({"api": "decline"})
    reply = scripted_assistant.handle("order me a pizza")
    assert reply.declined and reply.expert is None and "can't" in reply.reply
    assert list_devices(scripted_assistant.db) == before


def test_unknown_device_changes_nothing_and_says_so(scripted_assistant):
    before = list_devices(scripted_assistant.db)
    confirmer(scripted_assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "disco ball"}})
    reply = scripted_assistant.handle("turn on the disco ball")
    assert not reply.ok and "disco ball" in reply.reply
    assert list_devices(scripted_assistant.db) == before


@pytest.mark.parametrize("ask_early, model_calls", [(True, 0), (False, 1)])
def test_unlock_needs_a_yes_and_runs_after_it(scripted_assistant, ask_early, model_calls):
    scripted_assistant.roles.settings.routing = RoutingConfig(ask_early=ask_early)  # asked at once, or after the confirmer
    confirmer(scripted_assistant).enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}})
    reply = scripted_assistant.handle("unlock the front door")
    assert reply.needs_confirmation and "yes" in reply.reply.lower()
    assert device(scripted_assistant, "lock.front_door_9a7b")["state"] == "locked"
    confirmed = scripted_assistant.handle("yes")  # the fast path: no model call
    assert confirmed.ok and confirmed.api == "unlock"
    assert device(scripted_assistant, "lock.front_door_9a7b")["state"] == "unlocked"
    assert len(confirmer(scripted_assistant).prompts) == model_calls


def test_no_cancels_and_a_stale_yes_does_nothing(scripted_assistant):
    lock = "lock.front_door_9a7b"
    confirmer(scripted_assistant).enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}},
                                          {"api": "smart_home.unlock", "args": {"device": "front door"}})
    scripted_assistant.handle("unlock the front door")
    assert "won't" in scripted_assistant.handle("no").reply
    assert device(scripted_assistant, lock)["state"] == "locked"
    scripted_assistant.handle("unlock the front door")
    scripted_assistant.clock.set(scripted_assistant.clock.now() + timedelta(minutes=5))
    reply = scripted_assistant.handle("yes")
    assert reply.api == "stop" and device(scripted_assistant, lock)["state"] == "locked"


def test_fast_path_never_calls_a_model(scripted_assistant):
    for text in ("stop", "never mind", "what time is it"):
        reply = scripted_assistant.handle(text)
        assert reply.expert == "system" and reply.ok
    assert scripted_assistant.handle("what time is it").reply == "It's 9:00 AM."
    assert not scripted_assistant.roles.loaded("confirmer")


def test_bad_input_is_refused_before_routing(scripted_assistant):
    for text in ("", "   ", "\x00\x01\x02\x03", "x" * 5000, "%$#@!%^&*()"):
        reply = scripted_assistant.handle(text)
        assert not reply.ok and reply.reply
    assert not scripted_assistant.roles.loaded("confirmer")


def test_chat_uses_the_chat_role_creatively(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "chat.respond", "args": {}})
    chat_model = scripted_assistant.roles.get("chat")
    chat_model.enqueue("Why did the lamp go to school? To get brighter!")
    reply = scripted_assistant.handle("tell me a joke")
    assert reply.expert == "chat" and "brighter" in reply.reply


def test_an_expert_crash_becomes_a_clear_failed_reply(scripted_assistant):
    from assistant.registry import api, build_expert

    @api()
    def explode(ctx, what: str):
        """Crash on purpose."""
        raise RuntimeError(f"boom {what}")

    scripted_assistant.registry.add(build_expert("fragile", "crashes", [explode]))
    scripted_assistant._router = None  # the catalogue changed
    confirmer(scripted_assistant).enqueue({"api": "fragile.explode", "args": {"what": "now"}})
    reply = scripted_assistant.handle("crash now")
    assert not reply.ok and "boom now" in reply.reply


def test_every_action_is_logged(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "lists.add", "args": {"items": ["milk"], "list_name": "shopping"}})
    scripted_assistant.handle("add milk to my shopping list")
    rows = scripted_assistant.db.execute("SELECT expert, api, ok, source FROM action_log").fetchall()
    assert rows == [("lists", "add", 1, "router")]  # run speculatively, then confirmed


def test_made_up_required_arguments_are_declined_not_run(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "timers.start", "args": {"duration": "15 minutes", "name": "pizza"}})
    reply = scripted_assistant.handle("order me a pizza from dominos")
    assert reply.declined and reply.expert is None
    from assistant.experts.timers import list_timers
    assert list_timers(scripted_assistant.db, scripted_assistant.clock.now()) == []


def test_the_users_plural_wins_over_the_models_singular(scripted_assistant):
    confirmer(scripted_assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "kitchen light"}})
    scripted_assistant.handle("turn on the kitchen lights")
    assert device(scripted_assistant, "light.kitchen_ceiling_4f2a9c")["state"] == "on"
    assert device(scripted_assistant, "light.kitchen_counter_strip_77b1")["state"] == "on"


def test_follow_ups_carry_the_previous_turn_as_context(scripted_assistant):
    model = confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "kitchen lights"}},
                  {"api": "smart_home.set_brightness", "args": {"brightness": 30, "device": "kitchen lights"}})
    scripted_assistant.handle("turn on the kitchen lights")
    reply = scripted_assistant.handle("now dim them to 30%")
    assert reply.ok and reply.api == "set_brightness"
    user_turn = model.prompts[-1][-1].content
    assert user_turn.startswith('Previous request: "turn on the kitchen lights" -> {"api":"smart_home.turn_on"')
    assert user_turn.endswith("Request: now dim them to 30%")
    assert model.prompts[-1][0].content == model.prompts[0][0].content  # the stable prefix is unchanged
    assert device(scripted_assistant, "light.kitchen_counter_strip_77b1")["attributes"]["brightness"] == 30


def test_unrelated_requests_get_no_context(scripted_assistant):
    model = confirmer(scripted_assistant)
    model.enqueue({"api": "smart_home.turn_on", "args": {"device": "kitchen lights"}},
                  {"api": "timers.start", "args": {"duration": "10 minutes"}})
    scripted_assistant.handle("turn on the kitchen lights")
    scripted_assistant.handle("set a timer for 10 minutes")
    assert model.prompts[-1][-1].content == "set a timer for 10 minutes"


def test_trace_mode_shows_prompts_outputs_and_an_explanation_without_changing_the_call(scripted_assistant):
    scripted_assistant.roles.settings.routing.trace = True
    scripted_assistant.roles.settings.routing.speculation = False
    model = confirmer(scripted_assistant)
    model.enqueue({"api": "timers.start", "args": {"duration": "10 minutes"}},
                  "The user asked for a ten minute countdown.")
    reply = scripted_assistant.handle("set a timer for 10 minutes")
    assert (reply.expert, reply.api, reply.args) == ("timers", "start", {"duration": "10 minutes"})
    trace = reply.routing
    assert trace["prompt"][0]["role"] == "system" and "timers.start" in trace["prompt"][0]["content"]
    assert trace["prompt"][-1]["content"] == "set a timer for 10 minutes"
    assert trace["outputs"] == ['{"api": "timers.start", "args": {"duration": "10 minutes"}}'] or \
        trace["outputs"][0].startswith('{"api":')
    assert trace["explanation"] == "The user asked for a ten minute countdown."
    assert len(model.prompts) == 2  # the explanation is asked after the decision ran


def test_production_mode_carries_no_prompts(scripted_assistant):
    scripted_assistant.roles.settings.routing.speculation = False
    confirmer(scripted_assistant).enqueue({"api": "timers.start", "args": {"duration": "10 minutes"}})
    reply = scripted_assistant.handle("set a timer for 10 minutes")
    assert reply.ok and (reply.routing is None or "prompt" not in reply.routing)
    assert len(confirmer(scripted_assistant).prompts) == 1


def test_prepare_prefetches_without_running_anything(scripted_assistant):
    scripted_assistant.prepare()
    assert confirmer(scripted_assistant).prompts == []  # no generation, nothing executed
    assert scripted_assistant.db["action_log"].count == 0


def test_cancel_it_right_after_a_timer_cancels_that_timer_without_a_model(scripted_assistant):
    from assistant.experts.timers import list_timers

    scripted_assistant.roles.settings.routing.speculation = False
    confirmer(scripted_assistant).enqueue({"api": "timers.start", "args": {"duration": "10 minutes", "name": "tea"}})
    assert scripted_assistant.handle("start a tea timer for 10 minutes").ok
    reply = scripted_assistant.handle("cancel it")
    assert (reply.expert, reply.api, reply.ok) == ("timers", "cancel", True), reply
    assert list_timers(scripted_assistant.db, scripted_assistant.clock.now()) == [] and len(confirmer(scripted_assistant).prompts) == 1
    assert scripted_assistant.handle("cancel it").api == "stop"  # nothing left to cancel: just stop


def test_a_reworded_question_to_memory_is_asked_in_the_users_words(scripted_assistant):
    """recall's question is the user's own words: a model that copied another question gets the
    utterance passed instead of a decline."""
    confirmer(scripted_assistant).enqueue({"api": "memory.remember", "args": {"fact": "my wife's birthday is May 4th"}},
                                          {"api": "memory.recall", "args": {"question": "what's my dog called"}})
    scripted_assistant.handle("remember that my wife's birthday is May 4th")
    reply = scripted_assistant.handle("when is my wife's birthday")
    assert reply.ok and reply.api == "recall" and "May 4th" in reply.reply
    assert reply.args == {"question": "when is my wife's birthday"}


def test_a_confirmed_action_resolves_its_targets_as_when_it_was_asked(scripted_assistant):
    """The question and the action see the same words and area; only a "yes" from the room the
    question was asked in confirms it (a "yes" in another room is not an answer to it)."""
    confirmer(scripted_assistant).enqueue({"api": "smart_home.open", "args": {"device_type": "door"}})
    asked = scripted_assistant.handle("open the door", area="garage")
    assert asked.needs_confirmation and "Garage Door" in asked.reply
    scripted_assistant.handle("yes", area="kitchen")
    assert device(scripted_assistant, "cover.garage_door_51f0")["state"] == "closed"
    reply = scripted_assistant.handle("yes", area="garage")
    assert reply.ok and device(scripted_assistant, "cover.garage_door_51f0")["state"] == "open"
    logged = scripted_assistant.db.execute("SELECT text FROM action_log").fetchall()
    assert logged[-1] == ("open the door",)  # (the kitchen's "yes" was a bare yes: a stop)


def test_cancel_it_after_a_question_about_the_timer_cancels_that_timer(scripted_assistant):
    from assistant.experts.timers import list_timers

    scripted_assistant.roles.settings.routing.speculation = False
    confirmer(scripted_assistant).enqueue({"api": "timers.start", "args": {"duration": "12 minutes", "name": "pasta"}},
                                          {"api": "timers.status", "args": {}})
    scripted_assistant.handle("start a pasta timer for 12 minutes")
    assert scripted_assistant.handle("how long is left on it").api == "status"
    reply = scripted_assistant.handle("cancel it")
    assert (reply.expert, reply.api, reply.ok) == ("timers", "cancel", True), reply
    assert list_timers(scripted_assistant.db, scripted_assistant.clock.now()) == []
