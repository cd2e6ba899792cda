"""The timers expert on a real in-memory SQLite database, with a clock moved by hand."""
from datetime import datetime, timedelta

import pytest

from assistant.context import ExpertContext
from assistant.experts.timers import (EXPERT, add_time, cancel, due_timers, list_timers, mark_fired, pause, resume,
                            set_alarm, start, status, subtract_time)
from assistant.testing import expert_context

NOW = datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def ctx() -> ExpertContext:
    return expert_context(EXPERT, now=NOW)


def later(ctx: ExpertContext, seconds: int) -> None:
    ctx.clock.set(ctx.clock.now() + timedelta(seconds=seconds))


def undo(ctx: ExpertContext, name: str, result) -> None:
    EXPERT.api(name).undo(ctx, result.undo)


def timers(ctx: ExpertContext) -> list[tuple]:
    return [(t["name"], t["remaining_s"], t["state"]) for t in list_timers(ctx.db, ctx.clock.now())]


@pytest.mark.parametrize("duration, name, reply, stored_name, seconds", [
    ("12 minutes", "the pasta timer", "Pasta timer set for 12 minutes.", "pasta", 720),
    ("twelve minutes", "Pasta", "Pasta timer set for 12 minutes.", "pasta", 720),
    ("an hour and a half", None, "Timer set for 1 hour 30 minutes.", None, 5400),
    ("90 seconds", "egg", "Egg timer set for 1 minute 30 seconds.", "egg", 90),
    ("5 min timer", "timer", "Timer set for 5 minutes.", None, 300),
])
def test_start(ctx, duration, name, reply, stored_name, seconds):
    result = start(ctx, duration, name)
    assert (result.ok, result.reply) == (True, reply)
    assert list_timers(ctx.db, NOW) == [{"id": 1, "name": stored_name, "duration_s": seconds,
                                         "remaining_s": seconds, "state": "running"}]


def test_start_rejects_bad_durations_and_undo_deletes(ctx):
    assert not start(ctx, "a while", "pasta").ok
    assert not start(ctx, "0 minutes").ok
    result = start(ctx, "10 minutes", "pasta")
    undo(ctx, "start", result)
    assert list_timers(ctx.db, NOW) == []


def test_status_speaks_remaining_time(ctx):
    assert status(ctx).reply == "You have no timers running."
    start(ctx, "12 minutes", "pasta")
    later(ctx, 30)
    result = status(ctx)
    assert result.reply == "Your pasta timer has 11 minutes 30 seconds left."
    assert result.data[0]["remaining_s"] == 690


def test_status_reports_all_most_recent_first_or_one_by_name(ctx):
    start(ctx, "12 minutes", "pasta")
    later(ctx, 60)
    start(ctx, "3 minutes")
    assert status(ctx).reply == ("You have 2 timers: the 3 minute timer has 3 minutes left and "
                                 "the pasta timer has 11 minutes left.")
    assert status(ctx, "the pasta").reply == "Your pasta timer has 11 minutes left."
    assert status(ctx, "3 minute timer").reply == "Your 3 minute timer has 3 minutes left."
    assert not status(ctx, "laundry").ok


def test_pause_and_resume_keep_the_remaining_time(ctx):
    start(ctx, "10 minutes", "pasta")
    later(ctx, 120)
    paused = pause(ctx)
    assert paused.reply == "Paused the pasta timer with 8 minutes left."
    later(ctx, 600)  # time passes while paused
    assert timers(ctx) == [("pasta", 480, "paused")]
    assert status(ctx).reply == "Your pasta timer is paused with 8 minutes left."
    resumed = resume(ctx, "pasta")
    assert resumed.reply == "Resumed the pasta timer; 8 minutes left."
    later(ctx, 60)
    assert timers(ctx) == [("pasta", 420, "running")]
    undo(ctx, "resume", resumed)
    assert timers(ctx) == [("pasta", 480, "paused")]
    undo(ctx, "pause", paused)
    assert timers(ctx)[0][2] == "running"


def test_pause_and_resume_need_the_right_state(ctx):
    assert pause(ctx).reply == "You have no running timers."
    start(ctx, "10 minutes", "pasta")
    assert resume(ctx).reply == "You have no paused timers."


def test_add_and_subtract_time_with_undo(ctx):
    start(ctx, "10 minutes", "pasta")
    added = add_time(ctx, "5 minutes", "pasta")
    assert added.reply == "Added 5 minutes to the pasta timer; 15 minutes left."
    assert timers(ctx) == [("pasta", 900, "running")]
    taken = subtract_time(ctx, "two minutes")
    assert taken.reply == "Took 2 minutes off the pasta timer; 13 minutes left."
    assert timers(ctx) == [("pasta", 780, "running")]
    undo(ctx, "subtract_time", taken)
    undo(ctx, "add_time", added)
    assert timers(ctx) == [("pasta", 600, "running")]


def test_time_put_on_the_timer_when_none_runs_starts_one_and_undo_removes_it(ctx):
    added = add_time(ctx, "three quarters of an hour")
    assert (added.ok, added.reply) == (True, "Timer set for 45 minutes.")
    assert timers(ctx) == [(None, 2700, "running")]
    undo(ctx, "add_time", added)
    assert timers(ctx) == []
    assert not add_time(ctx, "5 minutes", "pasta").ok  # a named timer that isn't there is not made up


def test_add_time_to_a_paused_timer_and_refuse_to_go_below_zero(ctx):
    start(ctx, "10 minutes", "pasta")
    pause(ctx)
    add_time(ctx, "1 minute")
    assert timers(ctx) == [("pasta", 660, "paused")]
    result = subtract_time(ctx, "1 hour")
    assert not result.ok and result.reply == "The pasta timer only has 11 minutes left."
    assert timers(ctx) == [("pasta", 660, "paused")]


def test_cancel_one_asks_among_several_and_undo_restores(ctx):
    start(ctx, "12 minutes", "pasta")
    start(ctx, "3 minutes", "eggs")
    result = cancel(ctx)
    assert not result.ok
    assert result.reply == ("Which one: the eggs timer (3 minutes left) or the pasta timer "
                            "(12 minutes left)?")
    cancelled = cancel(ctx, "egg")
    assert cancelled.reply == "Cancelled the eggs timer."
    assert [t[0] for t in timers(ctx)] == ["pasta"]
    undo(ctx, "cancel", cancelled)
    assert sorted(t[0] for t in timers(ctx)) == ["eggs", "pasta"]
    assert not cancel(ctx, "laundry").ok


def test_cancel_the_only_timer_without_a_name(ctx):
    start(ctx, "12 minutes", "pasta")
    assert cancel(ctx).reply == "Cancelled the pasta timer."
    assert list_timers(ctx.db, NOW) == []
    assert not cancel(ctx).ok


def test_set_alarm_uses_the_next_clock_time(ctx):
    result = set_alarm(ctx, "6:30 am")
    assert (result.ok, result.reply) == (True, "Alarm set for tomorrow at 6:30 AM.")
    [alarm] = list_timers(ctx.db, NOW)
    assert alarm["remaining_s"] == (21 * 3600 + 30 * 60)
    assert status(ctx).reply == "Your alarm is set for tomorrow at 6:30 AM."
    assert set_alarm(ctx, "seven", "medication").reply == "Medication alarm set for today at 7:00 PM."
    assert not set_alarm(ctx, "breakfast").ok
    undo(ctx, "set_alarm", result)
    assert [t["name"] for t in list_timers(ctx.db, NOW)] == ["medication"]


def test_cancel_the_alarm_by_kind(ctx):
    start(ctx, "12 minutes", "pasta")
    set_alarm(ctx, "6:30 am")
    assert cancel(ctx, "the alarm").reply == "Cancelled the alarm."
    assert [t[0] for t in timers(ctx)] == ["pasta"]


def test_due_timers_and_mark_fired(ctx):
    start(ctx, "3 minutes", "eggs")
    start(ctx, "10 minutes", "pasta")
    assert due_timers(ctx.db, NOW + timedelta(seconds=179)) == []
    [due] = due_timers(ctx.db, NOW + timedelta(minutes=3))
    assert (due["name"], due["kind"], due["ends_at"]) == ("eggs", "timer", "2026-11-25T09:03:00")
    mark_fired(ctx.db, due["id"], NOW + timedelta(minutes=3))
    assert [t["name"] for t in list_timers(ctx.db, NOW)] == ["pasta"]
    assert due_timers(ctx.db, NOW + timedelta(minutes=5)) == []


def test_api_flags():
    for name in ("start", "pause", "resume", "add_time", "subtract_time", "cancel", "set_alarm"):
        spec = EXPERT.api(name)
        assert spec.speculative_safe and spec.undo is not None, name
    assert EXPERT.api("start").json_schema()["required"] == ["duration"]


@pytest.mark.parametrize("said, time, reply", [
    ("wake me up at 4:50 on friday", "4:50 on friday", "Alarm set on Friday at 4:50 AM."),
    ("get me up at 6 tomorrow", "6 tomorrow", "Alarm set for tomorrow at 6:00 AM."),
    ("wake me at 5 pm tomorrow", "5 pm tomorrow", "Alarm set for tomorrow at 5:00 PM."),  # said: pm
    ("alarm for 4 tomorrow", "4 tomorrow", "Alarm set for tomorrow at 4:00 PM."),  # not a wake-up
])
def test_a_wake_up_on_another_day_is_in_the_morning(said, time, reply):
    from assistant.messages import Utterance
    ctx = expert_context(EXPERT, now=NOW)
    ctx = ExpertContext(db=ctx.db, clock=ctx.clock, utterance=Utterance(text=said))
    assert set_alarm(ctx, time).reply == reply


@pytest.mark.parametrize("now, said, time, reply", [
    (datetime(2026, 11, 25, 9), "wake me at 7:50", "7:50", "Alarm set for tomorrow at 7:50 AM."),
    (datetime(2026, 11, 25, 5), "wake me at 7:50", "7:50", "Alarm set for today at 7:50 AM."),
    (datetime(2026, 11, 25, 13), "wake me up at 4", "4", "Alarm set for today at 4:00 PM."),  # a nap
    (datetime(2026, 11, 25, 9), "wake me at 7:50 tonight", "7:50 tonight", "Alarm set for today at 7:50 PM."),
])
def test_a_wake_up_today_whose_only_reading_left_is_evening_is_tomorrow_morning(now, said, time, reply):
    from assistant.messages import Utterance
    ctx = expert_context(EXPERT, now=now)
    ctx = ExpertContext(db=ctx.db, clock=ctx.clock, utterance=Utterance(text=said))
    assert set_alarm(ctx, time).reply == reply
