"""Commands put off until later: split off the time, schedule the call, run it once at its time."""
import json
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

from assistant import testing
from assistant.app import open_state
from assistant.clock import Clock
from assistant.deferral import promise, split_delay
from assistant.evaluation import checks
from assistant.evaluation.cases import Expectation
from assistant.experts.notifications import list_notifications
from assistant.experts.smart_home import list_devices
from assistant.scheduler import STAGES, Scheduler, list_firings, soak
from assistant.storage.scheduled import list_scheduled, scheduled_action
from tests.conftest import DEV_HOME

NOW = datetime(2026, 11, 25, 18, 20)  # a Wednesday evening
HEATER, DOOR, BLINDS = "switch.office_heater_8e11", "lock.front_door_9a7b", "cover.living_room_blinds_e2d4"


# -- split_delay ----------------------------------------------------------------------------
@pytest.mark.parametrize("text, command, due", [
    ("switch the heater off in 20 minutes", "switch the heater off", "2026-11-25T18:40"),
    ("at 7 tomorrow turn on the coffee maker", "turn on the coffee maker", "2026-11-26T07:00"),
    ("turn off the tv in half an hour", "turn off the tv", "2026-11-25T18:50"),
    ("in 10 minutes close the blinds", "close the blinds", "2026-11-25T18:30"),
    ("In ten minutes, shut the blinds.", "shut the blinds", "2026-11-25T18:30"),
    ("tomorrow at 7am open the garage door", "open the garage door", "2026-11-26T07:00"),
    ("lock the back door at 10pm please", "lock the back door", "2026-11-25T22:00"),
    ("could you kill the porch light in an hour?", "could you kill the porch light", "2026-11-25T19:20"),
    ("turn my lamp on 45 minutes from now", "turn my lamp on", "2026-11-25T19:05"),
    ("dim the den lights to 30% in five minutes", "dim the den lights to 30%", "2026-11-25T18:25"),
    ("turn on the lights in the kitchen at 7", "turn on the lights in the kitchen", "2026-11-25T19:00"),
    ("after a quarter of an hour stop the fan", "stop the fan", "2026-11-25T18:35"),
    ("switch off the radiator on friday at 8", "switch off the radiator", "2026-11-27T08:00"),
    ("tonight turn the porch light on", "turn the porch light on", "2026-11-25T21:00"),
    ("set the heat to 21 in 2 hours and 15 minutes", "set the heat to 21", "2026-11-25T20:35"),
    ("at midnight turn everything off", "turn everything off", "2026-11-26T00:00"),
])
def test_a_time_clause_at_either_end_is_split_off(text, command, due):
    delay = split_delay(text, NOW)
    assert delay is not None, text
    assert (delay.command, delay.due.isoformat(timespec="minutes"), delay.said) == (command, due, text)


@pytest.mark.parametrize("text", [
    "set a timer for 20 minutes",  # a duration is a timer's argument, not a delay
    "turn the fan off for 20 minutes",
    "remind me at 7 to call mom",  # the time sits inside: a reminder's own
    "what's the weather in 20 minutes",  # a question, not a command
    "will it be dark at 7",
    "every day at 7 turn on the lights",  # recurring: reminders and watches do those
    "turn on the lights at 7 every day",
    "turn on the heater on weekdays at 6",
    "turn on the light in the bedroom",  # a place, not a time
    "turn on the lights on the second floor",
    "turn on the tv on channel 5",
    "turn off the tv at the end of the movie",
    "in 20 minutes",  # nothing left to do
    "turn on the kitchen lights",
])
def test_no_delay_is_found_where_there_is_none(text):
    assert split_delay(text, NOW) is None


def test_the_promise_speaks_to_the_user():
    assert promise("Could you turn off my TV") == "turn off your TV"
    assert promise("please, close our blinds") == "close your blinds"


# -- the pipeline ---------------------------------------------------------------------------
@pytest.fixture
def assistant(tmp_path):
    helper = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=NOW,
                                        classifier=testing.FixedClassifier("smart_home"))
    yield helper
    helper.db.conn.close()


def device(assistant, device_id):
    return next(d for d in list_devices(assistant.db) if d["id"] == device_id)


def scheduler(assistant, **options):
    return Scheduler(assistant.db, Clock(NOW), registry=assistant.registry, **options)


def test_a_put_off_command_is_scheduled_routed_without_its_time_and_run_by_no_one_now(assistant):
    confirmer = testing.confirmer(assistant)
    confirmer.enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    reply = assistant.handle("switch on the office heater in 20 minutes")
    assert reply.ok and reply.reply == "OK, I'll switch on the office heater today at 6:40 PM."
    assert (reply.expert, reply.api, reply.speculation) == ("smart_home", "turn_on", None)  # no early run
    assert confirmer.prompts[0][-1].content == "switch on the office heater"
    # the command says whose the time is (a device's, not an alarm's), and it is what is routed
    assert assistant.classifier.seen == ["switch on the office heater"]  # guessed once, used twice
    assert device(assistant, HEATER)["state"] == "off"
    assert list_scheduled(assistant.db) == [{"id": 1, "due": "2026-11-25T18:40:00", "what": "switch on the office heater",
                                             "api": "smart_home.turn_on", "args": {"device": "Office Heater"}}]
    logged = assistant.db.execute("SELECT text, source, undo FROM action_log").fetchall()
    assert logged == [("switch on the office heater in 20 minutes", "scheduled", '{"scheduled_action": 1}')]


@pytest.mark.parametrize("text, args, pinned", [
    # the model dropped the room: the call names the device the user's words resolve to now
    ("switch on the office heater in 20 minutes", {"device": "heater"}, {"device": "Office Heater"}),
    # several devices of one room: the room is named
    ("turn on the kitchen lights in 20 minutes", {"device": "lights"}, {"device": "lights", "area": "Kitchen"}),
    ("turn on the lights in 20 minutes", {"device": "lights"}, {"device": "lights"}),  # all over the home
])
def test_a_put_off_call_names_what_it_means_now(assistant, text, args, pinned):
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": args})
    assert assistant.handle(text).ok
    assert list_scheduled(assistant.db)[0]["args"] == pinned


def test_a_confident_proposal_is_scheduled_too_never_run_early(assistant):
    assistant.roles.settings.routing.skip_confirmer = True
    assistant.roles.settings.routing.skip_min_score = 0.0
    reply = assistant.handle("turn off the living room lamp in half an hour")
    assert reply.data["scheduled"]["due"] == "2026-11-25T18:50:00", reply
    assert device(assistant, "light.living_room_lamp_a19e")["state"] == "on"
    assert testing.confirmer(assistant).prompts == []


def test_the_scheduler_runs_it_at_its_time_exactly_once(assistant):
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    assistant.handle("switch on the office heater in 20 minutes")
    runner = scheduler(assistant)
    assert runner.run_due(NOW + timedelta(minutes=19, seconds=59)) == []
    assert device(assistant, HEATER)["state"] == "off"
    fired = runner.run_due(NOW + timedelta(minutes=20))
    assert [(d.text, d.source) for d in fired] == [("Turned on Office Heater.", "action:1")]
    assert device(assistant, HEATER)["state"] == "on"
    assert runner.run_due(NOW + timedelta(minutes=25)) == [] and len(list_firings(assistant.db)) == 1
    assert list_scheduled(assistant.db) == [] and scheduled_action(assistant.db, 1).status == "done"
    logged = assistant.db.execute("SELECT source, api, ok FROM action_log ORDER BY id").fetchall()
    assert logged == [("scheduled", "turn_on", 1), ("scheduler", "turn_on", 1)]
    assert [n["text"] for n in list_notifications(assistant.db)] == ["Turned on Office Heater."]


def test_a_second_scheduler_or_a_state_gone_back_never_runs_it_twice(assistant):
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    assistant.handle("switch on the office heater in 20 minutes")
    due = NOW + timedelta(minutes=20)
    scheduler(assistant).run_due(due)
    assistant.db.execute("UPDATE devices SET state = 'off' WHERE id = ?", [HEATER])
    assistant.db.execute("UPDATE scheduled_actions SET status = 'waiting'")  # as if the transition were lost
    assert scheduler(assistant).run_due(due + timedelta(seconds=30)) == []
    assert device(assistant, HEATER)["state"] == "off" and len(list_notifications(assistant.db)) == 1


@pytest.mark.parametrize("stage", STAGES)
def test_a_crash_at_any_stage_neither_loses_nor_repeats_the_action(tmp_path, stage):
    helper = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=NOW,
                                        classifier=testing.FixedClassifier("smart_home"))
    testing.confirmer(helper).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    helper.handle("switch on the office heater in 20 minutes")
    due = NOW + timedelta(minutes=20)

    def crash(at, item):
        if at == stage:
            raise soak.Crash(at)

    with pytest.raises(soak.Crash):
        scheduler(helper, hook=crash).run_due(due)
    crashed_before_commit = stage != "committed"
    helper.db.conn.close()
    restarted = open_state(helper.registry, tmp_path / "state.db")
    heater = next(d for d in list_devices(restarted) if d["id"] == HEATER)
    assert (heater["state"] == "off") is crashed_before_commit  # a crash before COMMIT undid the call too
    Scheduler(restarted, Clock(due), registry=helper.registry).run_due(due + timedelta(seconds=5))
    Scheduler(restarted, Clock(due), registry=helper.registry).run_due(due + timedelta(seconds=10))
    assert [n["text"] for n in list_notifications(restarted)] == ["Turned on Office Heater."]
    assert len(list_firings(restarted)) == 1
    assert restarted.execute("SELECT COUNT(*) FROM action_log WHERE source = 'scheduler'").fetchone()[0] == 1
    restarted.conn.close()


def test_an_action_missed_by_far_is_dropped_and_the_user_told(assistant):
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "coffee maker"}})
    assistant.handle("at 7 tomorrow turn on the coffee maker")
    fired = scheduler(assistant).run_due(datetime(2026, 11, 26, 12, 0))
    assert [d.text for d in fired] == ["I didn't turn on the coffee maker at 7:00 AM: the assistant wasn't running then."]
    assert device(assistant, "switch.coffee_maker_b4c2")["state"] == "off"
    assert scheduled_action(assistant.db, 1).status == "failed"


def test_a_call_that_could_not_be_carried_out_is_said_now_not_scheduled(assistant):
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "disco ball"}})
    reply = assistant.handle("turn on the disco ball in 5 minutes")
    assert not reply.ok and "disco ball" in reply.reply and list_scheduled(assistant.db) == []


def test_a_proposal_that_works_wins_over_a_confirmed_call_that_would_not(assistant):
    """As with speculation's fallback: the model placed the blinds in the kitchen; the rules did not."""
    testing.confirmer(assistant).enqueue({"api": "smart_home.close", "args": {"area": "kitchen", "device_type": "blinds"}})
    reply = assistant.handle("in 10 minutes close the blinds")
    assert reply.ok and [a["args"] for a in list_scheduled(assistant.db)] == [{"device": "Living Room Blinds"}]  # pinned: the only blinds
    scheduler(assistant).run_due(NOW + timedelta(minutes=10))
    assert device(assistant, BLINDS)["state"] == "closed"


def test_a_call_failing_when_it_comes_due_is_reported(assistant):
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    assistant.handle("switch on the office heater in 5 minutes")
    assistant.db.execute("UPDATE scheduled_actions SET args = ?, said = ?",  # a device gone by then
                         [json.dumps({"device": "disco ball"}), "switch on the disco ball in 5 minutes"])
    fired = scheduler(assistant).run_due(NOW + timedelta(minutes=5))
    assert fired[0].text.startswith("I couldn't switch on the office heater: ") and "disco ball" in fired[0].text
    assert scheduled_action(assistant.db, 1).status == "failed"


@pytest.mark.parametrize("words", ["cancel that", "never mind", "Cancel it."])
def test_cancel_that_right_after_takes_it_back(assistant, words):
    testing.confirmer(assistant).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    assistant.handle("switch on the office heater in 20 minutes")
    reply = assistant.handle(words)
    assert reply.reply == "OK, I won't switch on the office heater." and reply.api == "stop"
    assert list_scheduled(assistant.db) == [] and scheduled_action(assistant.db, 1).status == "cancelled"
    assert scheduler(assistant).run_due(NOW + timedelta(hours=1)) == []
    assert device(assistant, HEATER)["state"] == "off"
    assert assistant.handle("cancel that").reply == "OK."  # nothing more to take back
    assert len(testing.confirmer(assistant).prompts) == 1


def test_cancel_after_another_action_does_not_touch_the_scheduled_one(assistant):
    confirmer = testing.confirmer(assistant)
    confirmer.enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}},
                      {"api": "smart_home.turn_on", "args": {"device": "desk lamp"}})
    assistant.handle("switch on the office heater in 20 minutes")
    assistant.handle("turn on the desk lamp")
    assert assistant.handle("never mind").reply == "OK."
    assert len(list_scheduled(assistant.db)) == 1


def test_a_sensitive_call_put_off_asks_first_and_is_scheduled_on_yes(assistant):
    testing.confirmer(assistant).enqueue({"api": "smart_home.unlock", "args": {"device": "front door"}})
    asked = assistant.handle("unlock the front door at 10pm")
    assert asked.needs_confirmation and asked.reply.startswith("That's for today at 10:00 PM. ")
    assert list_scheduled(assistant.db) == []
    reply = assistant.handle("yes")
    assert reply.reply == "OK, I'll unlock the front door today at 10:00 PM."
    assert device(assistant, DOOR)["state"] == "locked"
    assert scheduler(assistant).run_due(datetime(2026, 11, 25, 21, 59)) == []
    assert [d.text for d in scheduler(assistant).run_due(datetime(2026, 11, 25, 22, 0))] == ["Unlocked Front Door Lock."]
    assert device(assistant, DOOR)["state"] == "unlocked"


def test_a_call_that_is_not_deferrable_routes_the_whole_utterance(assistant):
    """"wake me up at 7": the time is the alarm's own argument, so the model sees it."""
    confirmer = testing.confirmer(assistant)
    confirmer.enqueue({"api": "timers.set_alarm", "args": {"time": "7"}},
                      {"api": "timers.set_alarm", "args": {"time": "7 tomorrow"}})
    reply = assistant.handle("wake me up at 7 tomorrow")
    assert [p[-1].content for p in confirmer.prompts] == ["wake me up", "wake me up at 7 tomorrow"]
    assert reply.ok and reply.api == "set_alarm" and list_scheduled(assistant.db) == []


def test_a_request_pinned_to_a_reminder_keeps_its_time(assistant):
    confirmer = testing.confirmer(assistant)
    confirmer.enqueue({"api": "reminders.create", "args": {"text": "turn off the heater", "when": "in 20 minutes"}})
    reply = assistant.handle("remind me to turn off the heater in 20 minutes")
    assert confirmer.prompts[0][-1].content == "remind me to turn off the heater in 20 minutes"
    assert reply.api == "create" and list_scheduled(assistant.db) == []


# -- the listing, the evaluation's check ------------------------------------------------------
def test_the_listing_shows_and_cancels_scheduled_actions(tmp_path, monkeypatch):
    from assistant.cli.main import app

    (tmp_path / "home").mkdir()
    monkeypatch.setenv("ASSISTANT_HOME", str(tmp_path / "home"))
    helper = testing.scripted_assistant(tmp_path / "home" / "assistant.db", home=DEV_HOME, now=NOW,
                                        classifier=testing.FixedClassifier("smart_home"))
    testing.confirmer(helper).enqueue({"api": "smart_home.close", "args": {"device": "blinds"}})
    helper.handle("close the blinds in 10 minutes")
    helper.db.conn.close()
    runner = CliRunner()
    env = {"ASSISTANT_NOW": NOW.isoformat()}
    listed = runner.invoke(app, ["scheduled", "--json"], env=env)
    assert listed.exit_code == 0, listed.output
    assert [(a["id"], a["due"], a["what"]) for a in json.loads(listed.stdout)] == [(1, "2026-11-25T18:30:00", "close the blinds")]
    assert "close the blinds" in runner.invoke(app, ["scheduled"], env=env).stdout
    cancelled = runner.invoke(app, ["scheduled", "cancel", "1"], env=env)
    assert cancelled.exit_code == 0 and "Cancelled scheduled action 1" in cancelled.stdout
    assert json.loads(runner.invoke(app, ["scheduled", "--json"], env=env).stdout) == []
    assert runner.invoke(app, ["scheduled", "cancel", "1"], env=env).exit_code == 1


def test_the_evaluation_checks_waiting_scheduled_actions():
    waiting = [{"id": 1, "due": "2026-11-25T18:40:00", "what": "switch off the heater", "api": "smart_home.turn_off",
                "args": {"device": "space heater"}}]
    expect = Expectation.model_validate({"scheduled": [{"api": "turn_off", "due": "2026-11-25T18:40",
                                                        "args_contain": "heater"}]})
    assert checks.check_scheduled(expect.scheduled, waiting) == []
    wrong_time = Expectation.model_validate({"scheduled": [{"api": "turn_off", "due": "2026-11-25T18:41"}]})
    assert checks.check_scheduled(wrong_time.scheduled, waiting)
    assert checks.check_scheduled([], waiting) and checks.check_scheduled([], []) == []


# -- the real models ---------------------------------------------------------------------------
@pytest.mark.real_model
@pytest.mark.parametrize("text, api, device_id, due", [
    ("turn off the living room lamp in half an hour", "turn_off", "light.living_room_lamp_a19e", "2026-11-25T18:50:00"),
    ("at 7 tomorrow turn on the coffee maker", "turn_on", "switch.coffee_maker_b4c2", "2026-11-26T07:00:00"),
    ("in 10 minutes close the blinds", "close", BLINDS, "2026-11-25T18:30:00"),
])
def test_real_models_put_the_command_off_and_the_scheduler_runs_it(tmp_path, text, api, device_id, due):
    from assistant.config import Settings
    from assistant.llm.roles import ModelRoles
    from assistant.pipeline import Assistant

    roles = ModelRoles(Settings())
    if not all(row["installed"] for row in roles.describe()):
        pytest.skip("model files missing: run `assistant models install`")
    registry = testing.scripted_assistant(":memory:").registry
    db = open_state(registry, tmp_path / "state.db")
    registry.service("load_home")(db, registry.service("load_home_file")(DEV_HOME))
    helper = Assistant(db=db, clock=Clock(NOW), registry=registry, roles=roles)
    before = device(helper, device_id)
    reply = helper.handle(text)
    assert (reply.api, reply.data and reply.data.get("scheduled", {}).get("due")) == (api, due), reply
    assert device(helper, device_id) == before  # nothing ran early
    fired = scheduler(helper).run_due(datetime.fromisoformat(due))
    assert len(fired) == 1 and device(helper, device_id)["state"] != before["state"], fired


@pytest.mark.parametrize("text, command, clause", [
    ("could you have the kettle come on at a quarter to seven tomorrow", "could you have the kettle come on",
     "at a quarter to seven tomorrow"),
    ("put the hall lamp on at 9 pm", "put the hall lamp on", "at 9 pm"),  # "on" stays with the command
])
def test_a_causative_or_particle_command_keeps_its_words(text, command, clause):
    delay = split_delay(text, datetime(2026, 12, 2, 18, 30))
    assert delay is not None and (delay.command, delay.clause) == (command, clause)


def test_a_put_off_pronoun_command_acts_on_what_the_previous_request_did(assistant):
    """"turn on the office heater" then "turn it off in an hour": the model wrote no device; "it"
    is the heater (the previous call's target), and the call is scheduled, not asked about."""
    confirmer = testing.confirmer(assistant)
    confirmer.enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    assistant.handle("turn on the office heater")
    confirmer.enqueue({"api": "smart_home.turn_off", "args": {}})
    reply = assistant.handle("turn it off in an hour")
    assert reply.ok and reply.args == {"device": "Office Heater"}  # what the previous request acted on, by its name
    assert [s["args"] for s in list_scheduled(assistant.db)] == [{"device": "Office Heater"}]
    assert device(assistant, HEATER)["state"] == "on"


def test_a_joint_before_a_command_of_its_own_is_routed_alone(assistant):
    """"and put the blinds … " after another request is its own command: no previous call in
    its prompt to copy."""
    confirmer = testing.confirmer(assistant)
    confirmer.enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    assistant.handle("turn on the office heater")
    confirmer.enqueue({"api": "smart_home.close", "args": {"device": "living room blinds"}})
    assistant.handle("and close the living room blinds at 9")
    assert "Previous request" not in " ".join(m.content for m in confirmer.prompts[-1])


def test_a_pronoun_means_the_previous_target_over_a_kind_the_model_guessed(assistant):
    """"dim them" after the office heater: the model's "heater" (every heater) gives way to the one
    the previous request named; a target the user names again stands."""
    confirmer = testing.confirmer(assistant)
    confirmer.enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    assistant.handle("turn on the office heater")
    confirmer.enqueue({"api": "smart_home.turn_off", "args": {"device_type": "heater"}})
    reply = assistant.handle("now turn it off")
    # what the previous request acted on (the proposal's call on it has the same outcome: it stands)
    assert reply.args["device"].lower() == "office heater" and reply.args.get("device_type") in (None, "heater")
    assert device(assistant, HEATER)["state"] == "off"


@pytest.mark.parametrize("text", ["office heater on at 7pm", "at 7pm the office heater on please"])
def test_a_bare_device_command_with_a_time_is_the_devices_not_an_alarm(tmp_path, text):
    """Whatever the classifier hears in the words, the command's own words name a device."""
    helper = testing.scripted_assistant(tmp_path / "state.db", home=DEV_HOME, now=NOW,
                                        classifier=testing.FixedClassifier("chat"))
    testing.confirmer(helper).enqueue({"api": "smart_home.turn_on", "args": {"device": "office heater"}})
    reply = helper.handle(text)
    assert reply.ok and reply.api == "turn_on" and device(helper, HEATER)["state"] == "off"
    assert [(s["due"], s["api"]) for s in list_scheduled(helper.db)] == [("2026-11-25T19:00:00", "smart_home.turn_on")]
