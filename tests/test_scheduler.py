"""The scheduler: exactly-once firing across crashes and restarts, late items, real time, the webhook."""
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from assistant.app import default_registry, open_state
from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.scheduler import STAGES, Scheduler, list_firings, start_background_scheduler, soak
from assistant.experts.reminders import DueReminders as Reminders
from assistant.scheduler.webhook import start_webhook, webhook_token
from assistant.experts import events, notifications, reminders, timers, watches

START = datetime(2026, 11, 25, 9, 0)


def open_db(path):
    return open_state(default_registry(), path)


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "assistant.db"


@pytest.fixture
def ctx(db_path):
    return ExpertContext(db=open_db(db_path), clock=Clock(START))


def inbox(db):
    return [(n["text"], n["created"]) for n in reversed(notifications.list_notifications(db))]


def test_reminders_timers_and_alarms_fire_once_at_their_time(ctx):
    reminders.create(ctx, "call mom", "at 10 am")
    reminders.create(ctx, "stretch", "every day at 8 am")
    timers.start(ctx, "10 minutes", "pasta")
    timers.set_alarm(ctx, "6:30 am")
    delivered = Scheduler(ctx.db, ctx.clock, deliver=None).simulate_until(datetime(2026, 11, 27, 9, 0))
    assert inbox(ctx.db) == [
        ("Your pasta timer is done.", "2026-11-25T09:10:00"), ("Reminder: call mom.", "2026-11-25T10:00:00"),
        ("Your alarm is going off.", "2026-11-26T06:30:00"), ("Reminder: stretch.", "2026-11-26T08:00:00"),
        ("Reminder: stretch.", "2026-11-27T08:00:00")]
    assert [d.late for d in delivered] == [False] * 5
    assert ctx.clock.now() == datetime(2026, 11, 27, 9, 0)
    assert reminders.list_reminders(ctx.db)[0]["due"] == "2026-11-28T08:00:00"
    assert [(f["kind"], f["due"]) for f in list_firings(ctx.db)][:2] == [("timer", "2026-11-25T09:10:00"),
                                                                        ("reminder", "2026-11-25T10:00:00")]


def test_items_that_came_due_while_down_fire_on_start_marked_late(ctx):
    reminders.create(ctx, "call mom", "at 10 am")
    reminders.create(ctx, "water plants", "every day at 11 am")
    fired = Scheduler(ctx.db, Clock(datetime(2026, 11, 27, 13, 0))).run_due()
    assert [(d.text, d.created, d.late) for d in fired] == [
        ("Reminder: call mom.", datetime(2026, 11, 25, 10, 0), True),
        ("Reminder: water plants.", datetime(2026, 11, 25, 11, 0), True)]  # one late firing, then back on schedule
    assert reminders.list_reminders(ctx.db)[0]["due"] == "2026-11-28T11:00:00"
    spoken = notifications.check(ExpertContext(db=ctx.db, clock=Clock(datetime(2026, 11, 27, 13, 0))))
    assert "call mom (late, from Nov 25, 10:00)" in spoken.reply


def test_a_minute_late_is_not_late(ctx):
    reminders.create(ctx, "call mom", "at 10 am")
    fired = Scheduler(ctx.db, ctx.clock).run_due(datetime(2026, 11, 25, 10, 0, 59))
    assert fired[0].late is False and fired[0].created == datetime(2026, 11, 25, 10, 0, 59)


@pytest.mark.parametrize("stage", STAGES)
def test_a_crash_at_any_stage_neither_loses_nor_duplicates(db_path, stage):
    ctx = ExpertContext(db=open_db(db_path), clock=Clock(START))
    reminders.create(ctx, "call mom", "at 10 am")
    seen = []

    def crash(at, item):
        if at == stage:
            raise soak.Crash(at)

    with pytest.raises(soak.Crash):
        Scheduler(ctx.db, Clock(START), seen.append, hook=crash).simulate_until(datetime(2026, 11, 25, 12, 0))
    ctx.db.conn.close()
    restarted = open_db(db_path)
    Scheduler(restarted, Clock(datetime(2026, 11, 25, 10, 0)), seen.append).run_due()
    assert [text for text, _ in inbox(restarted)] == ["Reminder: call mom."]
    assert len(list_firings(restarted)) == 1
    # Only the crash after COMMIT loses the terminal/speech output; the inbox never misses it.
    assert len(seen) == (0 if stage == "committed" else 1)


def test_the_firing_key_blocks_a_second_firing_even_if_the_state_goes_back(ctx):
    reminders.create(ctx, "call mom", "at 10 am")
    scheduler = Scheduler(ctx.db, ctx.clock)
    scheduler.run_due(datetime(2026, 11, 25, 10, 0))
    ctx.db.execute("UPDATE reminders SET status = 'active'")  # as if the transition had been lost
    assert scheduler.run_due(datetime(2026, 11, 25, 10, 0, 30)) == []
    assert len(inbox(ctx.db)) == 1 and reminders.list_reminders(ctx.db) == []


def test_two_schedulers_racing_on_one_database_fire_each_item_once(db_path):
    ctx = ExpertContext(db=open_db(db_path), clock=Clock(START))
    for n in range(200):
        reminders.create(ctx, f"task {n}", "at 10 am")
    delivered = []
    due = datetime(2026, 11, 25, 10, 0)
    racers = [threading.Thread(target=lambda: Scheduler(open_db(db_path), Clock(due), delivered.append).run_due())
              for _ in range(2)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join()
    assert len(delivered) == 200 and len(inbox(ctx.db)) == 200 and len(list_firings(ctx.db)) == 200


class _Flaky(Reminders):
    def fire(self, db, item, now):
        if item.item_id == 1:
            raise RuntimeError("broken item")
        return super().fire(db, item, now)


def test_a_broken_item_stays_due_and_does_not_block_the_others(ctx):
    for text in ("first", "second"):
        reminders.create(ctx, text, "at 10 am")
    scheduler = Scheduler(ctx.db, ctx.clock, sources=[_Flaky()])
    assert [d.text for d in scheduler.run_due(datetime(2026, 11, 25, 10, 0))] == ["Reminder: second."]
    assert [r["text"] for r in reminders.due_reminders(ctx.db, datetime(2026, 11, 25, 10, 0))] == ["first"]


def _fast_dir() -> str | None:
    """tmpfs when there is one: the soak measures the scheduler, not the disk's fsync."""
    return "/dev/shm" if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK) else None


def test_ten_thousand_items_across_weeks_with_twenty_crashes_all_fire_once():
    rng = random.Random(6)
    with tempfile.TemporaryDirectory(dir=_fast_dir()) as folder:
        path = Path(folder) / "assistant.db"
        db = open_db(path)
        expected = soak.seed(db, 10_000, START, days=21, rng=rng)
        db.conn.close()
        plan = soak.crash_plan(sum(expected.values()), 20, rng)
        started = time.monotonic()
        db, crashes = soak.run_with_crashes(lambda: open_db(path), START, START + timedelta(days=21), plan, rng)
        report = soak.verify(db, expected)
        db.conn.close()
    assert crashes == 20
    assert report.ok, report
    assert report.expected > 10_000 and report.late > 0  # some came due during a crash's downtime
    assert time.monotonic() - started < 60


def test_kill_minus_nine_of_a_simulating_daemon_loses_and_duplicates_nothing(tmp_path):
    rng = random.Random(9)
    db = open_db(tmp_path / "assistant.db")
    expected = soak.seed(db, 600, START, days=14, rng=rng)
    db.conn.close()
    total = sum(expected.values())
    kills = soak.run_daemon_with_kills(tmp_path, START, START + timedelta(days=14),
                                       [total // 4, total // 2, 3 * total // 4])
    db = open_db(tmp_path / "assistant.db")
    report = soak.verify(db, expected)
    assert kills == 3 and report.ok, report


def test_a_due_item_fires_within_one_second_in_real_time(db_path):
    db = open_db(db_path)
    due = datetime.now().replace(microsecond=0) + timedelta(seconds=2)
    db.execute("INSERT INTO reminders (text, due, created, status) VALUES ('now', ?, ?, 'active')",
               [due.isoformat(), due.isoformat()])
    arrived = threading.Event()
    lag = []

    def deliver(item):
        lag.append((datetime.now() - due).total_seconds())
        arrived.set()

    stop = threading.Event()
    runner = threading.Thread(target=Scheduler(db, Clock(), deliver).run_forever, args=(stop,))
    runner.start()
    try:
        assert arrived.wait(5)
    finally:
        stop.set()
        runner.join()
    assert 0 <= lag[0] < 1.0


def test_a_frozen_clock_moves_on_with_the_wall_clock_in_real_time_mode(db_path):
    db = open_db(db_path)
    clock = Clock(START)
    db.execute("INSERT INTO reminders (text, due, created, status) VALUES ('soon', ?, ?, 'active')",
               [(START + timedelta(seconds=1)).isoformat(), START.isoformat()])
    arrived = threading.Event()
    background = start_background_scheduler(db_path, clock, lambda item: arrived.set())
    try:
        assert arrived.wait(5)
    finally:
        background.stop()
    assert not background.thread.is_alive()
    assert clock.now() >= START + timedelta(seconds=1)


def _post(url, body, token=None):
    request = urllib.request.Request(url, data=body if isinstance(body, bytes) else json.dumps(body).encode(),
                                     method="POST", headers={"Authorization": f"Bearer {token}"} if token else {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_webhook_needs_the_token_and_records_events(db_path, isolated_home):
    open_db(db_path).conn.close()
    hook = start_webhook(db_path, Clock(START), port=0)
    token = webhook_token()
    try:
        assert (isolated_home / "webhook_token").stat().st_mode & 0o077 == 0
        event = {"source": "kitchen-cam", "label": "dog eating"}
        assert _post(hook.url, event)[0] == 401
        assert _post(hook.url, event, token="wrong")[0] == 401
        assert _post(hook.url, b"{nope", token)[0] == 400
        assert _post(hook.url, {"source": "cam"}, token) == (400, {"error": "'label' must be a non-empty string"})
        assert _post(hook.url.replace("/events", "/other"), event, token)[0] == 404
        assert _post(hook.url, event, token) == (201, {"added": [1]})
        batch = [{**event, "subject": "Daisy", "at": "2026-11-25T08:00:00"}, {"source": "back-cam", "label": "door"}]
        assert _post(hook.url, batch, token) == (201, {"added": [2, 3]})
        assert hook.server.server_address[0] == "127.0.0.1"
    finally:
        hook.stop()
    rows = events.query_events(open_db(db_path), newest_first=False)
    assert [(r["label"], r["at"], r["subject"]) for r in rows] == [
        ("dog eating", "2026-11-25T08:00:00", "Daisy"), ("dog eating", "2026-11-25T09:00:00", None),
        ("door", "2026-11-25T09:00:00", None)]


def test_daemon_runs_in_real_time_takes_webhook_events_and_stops_cleanly_on_ctrl_c(tmp_path):
    home = tmp_path / "daemon-home"
    env = {**os.environ, "ASSISTANT_HOME": str(home)}
    env.pop("ASSISTANT_NOW", None)
    home.mkdir()
    ctx = ExpertContext(db=open_db(home / "assistant.db"), clock=Clock())
    assert watches.create(ctx, kind="when_happens", event="package delivered", repeat="every time").ok
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli.main", "daemon", "--webhook-port", "0"],
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        url = process.stdout.readline().split("POST ", 1)[1].split()[0]
        sent = time.monotonic()
        assert _post(url, {"source": "front-cam", "label": "parcel at the door"}, webhook_token(home))[0] == 201
        while not notifications.list_notifications(ctx.db) and time.monotonic() - sent < 5:
            time.sleep(0.05)
        assert time.monotonic() - sent < 2
        assert notifications.list_notifications(ctx.db)[0]["text"].startswith("Package delivered: front-cam saw")
    finally:
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=10)
        except subprocess.TimeoutExpired:  # report what the daemon was doing, not only that it hung
            process.kill()
            out, err = process.communicate()
            raise AssertionError(f"the daemon did not stop within 10 s of Ctrl-C:\n{out}\n{err}")
    assert process.returncode == 0, err
    assert "Scheduler stopped." in out and "Package delivered" in out


def test_the_daemon_stops_on_ctrl_c_even_when_started_with_it_ignored_and_blocked(tmp_path):
    """Both an ignored SIGINT and a blocked signal mask pass through exec (a parent that loaded native
    libraries can hand either on): the daemon still stops cleanly on Ctrl-C."""
    def hostile_parent():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})

    env = {**os.environ, "ASSISTANT_HOME": str(tmp_path / "home")}
    env.pop("ASSISTANT_NOW", None)
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli.main", "daemon"], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, preexec_fn=hostile_parent)
    try:
        assert "Scheduler running" in process.stdout.readline()
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Scheduler stopped." in out
