"""Watches: turning phrases into stored rules, evaluating them, managing them by voice and CLI."""
import json
from datetime import datetime

import pytest
from typer.testing import CliRunner

from assistant.app import default_registry, open_state
from assistant.cli.main import app
from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.experts import events, memory, watches
from assistant.experts.smart_home import list_devices, load_home, load_home_file
from tests.conftest import DEV_HOME

WEDNESDAY_9AM = datetime(2026, 11, 25, 9, 0)
runner = CliRunner()


@pytest.fixture
def ctx(tmp_path):
    db = open_state(default_registry(), tmp_path / "state.db")
    return ExpertContext(db=db, clock=Clock(WEDNESDAY_9AM))


def create(ctx, **args):
    return watches.create(ctx, **args)


def stored(ctx, watch_id=1):
    return next(w for w in watches.list_watches(ctx.db) if w["id"] == watch_id)


def test_daisy_request_becomes_a_daily_absence_rule_that_knows_daisy_is_a_dog(ctx):
    memory.remember(ctx, "Daisy is our cream golden retriever")
    result = create(ctx, kind="if_not_happened", event="fed", subject="Daisy", by="noon", repeat="every day")
    assert result.ok
    assert result.reply == ("OK, I'll tell you if Daisy hasn't been fed by 12:00 PM, every day. You told me Daisy "
                            "is our cream golden retriever, so events about a dog count too.")
    assert stored(ctx) == {
        "id": 1, "description": "if no \u201cDaisy fed\u201d by 12:00 PM, every day",
        "condition": {"event": "fed", "subject": "Daisy", "phrase": "Daisy fed",
                      "memory": ["Daisy is our cream golden retriever"]},
        "window": {"from": "00:00", "to": "12:00"}, "recurrence": "FREQ=DAILY;BYHOUR=12;BYMINUTE=0",
        "message": "Daisy hasn't been fed by 12:00 PM.", "active": True}


@pytest.mark.parametrize("by, repeat, recurrence, first_check", [
    ("noon", "every day", "FREQ=DAILY;BYHOUR=12;BYMINUTE=0", "2026-11-25T12:00:00"),
    ("by 12", "daily", "FREQ=DAILY;BYHOUR=12;BYMINUTE=0", "2026-11-25T12:00:00"),
    ("noon every day", None, "FREQ=DAILY;BYHOUR=12;BYMINUTE=0", "2026-11-25T12:00:00"),
    ("8 am", "always", "FREQ=DAILY;BYHOUR=8;BYMINUTE=0", "2026-11-26T08:00:00"),
    ("10 pm", "weekdays", "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;BYHOUR=22;BYMINUTE=0", "2026-11-25T22:00:00"),
    ("noon", None, None, "2026-11-25T12:00:00"),
    ("8 am", "once", None, "2026-11-26T08:00:00"),
    ("5 pm", "tomorrow", None, "2026-11-26T17:00:00"),
])
def test_check_times_and_recurrence_are_resolved_from_phrases(ctx, by, repeat, recurrence, first_check):
    result = create(ctx, kind="if_not_happened", event="dog walked", by=by, repeat=repeat)
    assert result.ok, result.reply
    row = ctx.db.execute("SELECT recurrence, next_check FROM watches").fetchone()
    assert row == (recurrence, first_check)


@pytest.mark.parametrize("args, reply", [
    (dict(kind="if_not_happened", event="fed", subject="Daisy"), "By what time should \u201cDaisy fed\u201d have happened?"),
    (dict(kind="if_not_happened", event="  "), "What should have happened? For example \u201cDaisy fed\u201d."),
    (dict(kind="if_not_happened", event="fed", by="noon", repeat="every hour"),
     "I can't combine an hourly schedule with days or times."),
    (dict(kind="if_not_happened", event="fed", by="whenever you like"), "I couldn't tell when"),
    (dict(kind="when_happens", event="the"), "What should I watch for?"),
    (dict(kind="if_device_state", state="open", by="10pm"), "Which device should I check?"),
    (dict(kind="if_device_state", device="garage door", by="10pm"), "Which state should I check the garage door for"),
    (dict(kind="if_device_state", device="garage door", state="on", by="10pm"), "The Garage Door can't be on."),
    (dict(kind="if_device_state", device="garage door", state="open"), "At what time should I check the Garage Door?"),
    (dict(kind="if_device_state", device="spaceship", state="open", by="10pm"), "spaceship"),
])
def test_unusable_requests_get_a_clear_question_and_store_nothing(ctx, args, reply):
    result = create(ctx, **args)
    assert not result.ok and reply in result.reply
    assert watches.list_watches(ctx.db) == []


def test_absence_check_looks_only_inside_the_window(ctx):
    memory.remember(ctx, "Daisy is our dog")
    create(ctx, kind="if_not_happened", event="isn't fed", subject="Daisy", by="noon", after="7 am", repeat="daily")
    assert stored(ctx)["window"] == {"from": "07:00", "to": "12:00"}
    noon = datetime(2026, 11, 25, 12, 0)
    events.add_event(ctx.db, "kitchen-cam", "dog eating", None, datetime(2026, 11, 25, 6, 30))  # before the window
    events.add_event(ctx.db, "kitchen-cam", "dog eating", None, datetime(2026, 11, 25, 12, 30))  # after it
    result = watches.run_check(ctx.db, 1, noon)
    assert result.text == "Daisy hasn't been fed by 12:00 PM."
    assert result.why == {"window": ["2026-11-25T07:00:00", "2026-11-25T12:00:00"], "matched": None}
    assert ctx.db.execute("SELECT next_check FROM watches").fetchone()[0] == "2026-11-26T12:00:00"
    events.add_event(ctx.db, "kitchen-cam", "eating", "Daisy", datetime(2026, 11, 26, 11, 59))
    fed = watches.run_check(ctx.db, 1, datetime(2026, 11, 26, 12, 0))
    assert fed.text is None and fed.why["matched"]["subject"] == "Daisy"


def test_window_that_starts_after_the_check_time_begins_the_day_before():
    assert watches.window_bounds({"from": "22:00"}, datetime(2026, 11, 25, 6, 0)) == (
        datetime(2026, 11, 24, 22, 0), datetime(2026, 11, 25, 6, 0))
    assert watches.window_bounds({"from": "00:00"}, datetime(2026, 11, 25, 0, 0)) == (
        datetime(2026, 11, 24, 0, 0), datetime(2026, 11, 25, 0, 0))


def test_one_off_watch_finishes_after_its_check(ctx):
    create(ctx, kind="if_not_happened", event="package delivered", by="5 pm")
    result = watches.run_check(ctx.db, 1, datetime(2026, 11, 25, 17, 0))
    assert result.text == "Nothing like \u201cpackage delivered\u201d happened by 5:00 PM."
    assert stored(ctx)["active"] is False
    assert watches.set_active(ctx.db, 1, True, WEDNESDAY_9AM) == "That watch has already run; create a new one."


def test_device_state_watch_checks_the_state_at_its_time(tmp_path):
    db = open_state(default_registry(), tmp_path / "dev.db")
    load_home(db, load_home_file(DEV_HOME))
    ctx = ExpertContext(db=db, clock=Clock(WEDNESDAY_9AM))
    device = next(d for d in list_devices(db) if d["id"].startswith("cover.garage"))
    result = create(ctx, kind="if_device_state", device="garage door", state="still open", by="10pm",
                    repeat="every day")
    assert result.ok, result.reply
    condition = stored(ctx)["condition"]
    assert condition == {"device": "garage door", "device_ids": [device["id"]], "state": "open"}
    db.execute("UPDATE devices SET state = 'open' WHERE id = ?", [device["id"]])
    assert watches.run_check(db, 1, datetime(2026, 11, 25, 22, 0)).text == f"The {device['name']} is still open."
    db.execute("UPDATE devices SET state = 'closed' WHERE id = ?", [device["id"]])
    quiet = watches.run_check(db, 1, datetime(2026, 11, 26, 22, 0))
    assert quiet.text is None and quiet.why["states"] == {device["id"]: "closed"}


def test_occurrence_watch_sees_only_new_matching_events_and_a_one_off_finishes(ctx):
    events.add_event(ctx.db, "front-cam", "parcel at door", None, datetime(2026, 11, 25, 8, 0))  # before: ignored
    assert create(ctx, kind="when_happens", event="package delivered").reply == \
        "OK, I'll tell you when \u201cpackage delivered\u201d happens."
    events.add_event(ctx.db, "front-cam", "person at door", None, datetime(2026, 11, 25, 9, 30))
    events.add_event(ctx.db, "front-cam", "parcel delivered", None, datetime(2026, 11, 25, 10, 0))
    events.add_event(ctx.db, "front-cam", "parcel at door", None, datetime(2026, 11, 25, 15, 0))  # future
    pending, cursors = watches.pending_occurrences(ctx.db, datetime(2026, 11, 25, 11, 0))
    assert [(w, e["label"]) for w, e, _ in pending] == [(1, "parcel delivered")]
    assert cursors == {1: 3}
    result = watches.fire_occurrence(ctx.db, 1, *pending[0][1:])
    assert result.text == "Package delivered: front-cam saw \u201cparcel delivered\u201d at 10:00 AM."
    assert stored(ctx)["active"] is False


def test_show_cancel_pause_resume_by_description_with_undo(ctx):
    create(ctx, kind="if_not_happened", event="fed", subject="Daisy", by="noon", repeat="every day")
    create(ctx, kind="when_happens", event="package delivered", repeat="every time")
    assert watches.show(ctx).reply == ("You have 2 watches: if no \u201cDaisy fed\u201d by 12:00 PM, every day; "
                                       "when \u201cpackage delivered\u201d happens, every time.")
    paused = watches.pause(ctx, "the daisy one")
    assert paused.ok and stored(ctx)["active"] is False
    assert "(paused)" in watches.show(ctx).reply
    assert watches.resume(ctx, "Daisy").ok and stored(ctx)["active"] is True
    cancelled = watches.cancel(ctx, "package")
    assert cancelled.ok and [w["id"] for w in watches.list_watches(ctx.db)] == [1]
    watches.EXPERT.api("cancel").undo(ctx, cancelled.undo)
    assert [w["id"] for w in watches.list_watches(ctx.db)] == [1, 2]
    assert not watches.cancel(ctx, "garage door").ok


def test_resuming_a_daily_watch_skips_the_checks_missed_while_paused(ctx):
    create(ctx, kind="if_not_happened", event="fed", subject="Daisy", by="noon", repeat="every day")
    watches.set_active(ctx.db, 1, False, WEDNESDAY_9AM)
    assert watches.set_active(ctx.db, 1, True, datetime(2026, 11, 28, 13, 0)) is None
    assert ctx.db.execute("SELECT next_check FROM watches").fetchone()[0] == "2026-11-29T12:00:00"


def test_create_is_undoable(ctx):
    result = create(ctx, kind="when_happens", event="dog barking")
    watches.EXPERT.api("create").undo(ctx, result.undo)
    assert watches.list_watches(ctx.db) == []


# -- CLI ----------------------------------------------------------------------------------------

def _cli_watch():
    from assistant.cli.common import open_db

    ctx = ExpertContext(db=open_db(), clock=Clock(WEDNESDAY_9AM))
    assert create(ctx, kind="if_not_happened", event="fed", subject="Daisy", by="noon", repeat="every day").ok


def test_cli_watches_json_contract_pause_resume_delete():
    _cli_watch()
    rows = json.loads(runner.invoke(app, ["watches", "--json"]).stdout)
    assert [set(r) for r in rows] == [{"id", "description", "condition", "window", "recurrence", "message",
                                       "active"}]
    assert rows[0]["condition"]["subject"] == "Daisy" and rows[0]["active"] is True
    assert runner.invoke(app, ["watches", "pause", "1"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["watches", "--json"]).stdout)[0]["active"] is False
    assert runner.invoke(app, ["watches", "resume", "1"], env={"ASSISTANT_NOW": "2026-11-25T10:00:00"}).exit_code == 0
    assert json.loads(runner.invoke(app, ["watches", "--json"]).stdout)[0]["active"] is True
    assert runner.invoke(app, ["watches", "delete", "1"]).exit_code == 0
    assert json.loads(runner.invoke(app, ["watches", "--json"]).stdout) == []


@pytest.mark.parametrize("command", ["pause", "resume", "delete"])
def test_cli_watches_unknown_id_fails_clearly(command):
    result = runner.invoke(app, ["watches", command, "42"])
    assert result.exit_code == 1 and "There is no watch 42." in result.stderr


def test_a_blurred_subject_and_missing_deadline_are_repaired_from_the_users_words():
    from assistant.experts.watches import _regrounded

    said = "let me know if Daisy isn't fed by noon every day"
    assert _regrounded(said, "Daisy the doggie the morning of every day at noon", None, None) == ("Daisy", "noon", "every day")
    assert _regrounded(said, "Daisy", "12pm", "daily") == ("Daisy", "12pm", "daily")
