"""The showcase, end to end: "let me know if Daisy isn't fed by noon every day".

Memory says Daisy is our dog; the watch is created through the API the model fills; a week of
camera events (fed on some days only, with look-alikes on the others) is simulated; notifications
arrive exactly at noon on the days she was not fed — across restarts, crashes and kill -9.
"""
import json
import random
from datetime import datetime, timedelta

import pytest
from typer.testing import CliRunner

from assistant.app import default_registry, open_state
from assistant.cli.main import app
from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.scheduler import Scheduler, list_firings, soak
from assistant.experts import events, memory, notifications, watches

START = datetime(2026, 11, 25, 9, 0)  # a Wednesday
END = datetime(2026, 12, 1, 23, 0)
WEEK = [  # (day, source, label, subject, hour, minute): fed on days 0, 1, 3 and 6 only
    (0, "kitchen-cam", "dog eating", None, 8, 10),
    (1, "kitchen-cam", "eating", "Daisy", 11, 50),
    (2, "back-cam", "dog at back door", None, 7, 0),
    (2, "kitchen-cam", "cat eating", "Tom", 9, 0),
    (2, "kitchen-cam", "dog eating", None, 12, 30),  # too late: after noon
    (3, "smart-feeder", "food bowl emptied", "Daisy", 7, 45),
    (4, "kitchen-cam", "dog eating", "Rex", 8, 0),  # another dog
    (6, "kitchen-cam", "golden retriever eating", None, 10, 0),
]
UNFED_NOONS = ["2026-11-27T12:00:00", "2026-11-29T12:00:00", "2026-11-30T12:00:00"]
MESSAGE = "Daisy hasn't been fed by 12:00 PM."
runner = CliRunner()


def open_db(path):
    return open_state(default_registry(), path)


def set_up(db):
    """Memory fact, the watch (as the model would fill it), and the week of camera events."""
    ctx = ExpertContext(db=db, clock=Clock(START))
    assert memory.remember(ctx, "remember that Daisy is our cream golden retriever").ok
    created = watches.create(ctx, kind="if_not_happened", event="fed", subject="Daisy", by="noon",
                             repeat="every day")
    assert created.ok, created.reply
    for day, source, label, subject, hour, minute in WEEK:
        events.add_event(db, source, label, subject, START.replace(hour=hour, minute=minute) + timedelta(days=day))


def noon_notifications(db):
    return sorted(n["created"] for n in notifications.list_notifications(db) if n["text"] == MESSAGE)


def test_daisy_notifications_arrive_exactly_on_the_days_she_was_not_fed(tmp_path):
    db = open_db(tmp_path / "assistant.db")
    set_up(db)
    delivered = Scheduler(db, Clock(START)).simulate_until(END)
    assert [(d.text, d.created.isoformat(), d.late) for d in delivered] == [(MESSAGE, t, False) for t in UNFED_NOONS]
    assert noon_notifications(db) == UNFED_NOONS
    checks = {f["due"]: f for f in list_firings(db) if f["kind"] == "watch"}
    assert len(checks) == 7  # one check a day, each explained
    fed_days = {due: f["why"]["matched"]["label"] for due, f in checks.items() if f["why"]["matched"]}
    assert fed_days == {"2026-11-25T12:00:00": "dog eating", "2026-11-26T12:00:00": "eating",
                        "2026-11-28T12:00:00": "food bowl emptied", "2026-12-01T12:00:00": "golden retriever eating"}
    assert checks["2026-11-25T12:00:00"]["why"]["reasons"]["daisy"].endswith(
        "you told me: Daisy is our cream golden retriever")
    assert watches.list_watches(db)[0]["active"] is True


def test_a_restart_in_the_middle_changes_nothing(tmp_path):
    path = tmp_path / "assistant.db"
    first = open_db(path)
    set_up(first)
    Scheduler(first, Clock(START)).simulate_until(datetime(2026, 11, 28, 9, 0))
    first.conn.close()
    second = open_db(path)
    Scheduler(second, Clock(datetime(2026, 11, 28, 9, 0))).simulate_until(END)
    assert noon_notifications(second) == UNFED_NOONS


@pytest.mark.parametrize("stage", ["claimed", "transitioned", "notified", "committed"])
def test_a_crash_while_checking_on_an_unfed_day_changes_nothing(tmp_path, stage):
    path = tmp_path / "assistant.db"
    db = open_db(path)
    set_up(db)

    def crash(at, item):
        if at == stage and item.due == datetime(2026, 11, 29, 12, 0):
            raise soak.Crash(at)

    clock = Clock(START)
    with pytest.raises(soak.Crash):
        Scheduler(db, clock, hook=crash).simulate_until(END)
    db.conn.close()
    restarted = open_db(path)
    Scheduler(restarted, Clock(clock.now() + timedelta(hours=3))).simulate_until(END)  # back 3 hours later
    assert noon_notifications(restarted) == UNFED_NOONS
    late = [n["late"] for n in soak_rows(restarted)]
    assert late == ([0, 0, 0] if stage == "committed" else [0, 1, 0])  # rolled back: fires late at 15:00


def soak_rows(db):
    return [dict(zip(("created", "late"), r)) for r in
            db.execute("SELECT created, late FROM notifications ORDER BY created").fetchall()]


def test_daisy_through_the_cli_with_simulated_time(isolated_home):
    from assistant.cli.common import open_db as cli_db

    ctx = ExpertContext(db=cli_db(), clock=Clock(START))
    memory.remember(ctx, "Daisy is our dog")
    assert watches.create(ctx, kind="if_not_happened", event="isn't fed", subject="Daisy", by="12",
                          repeat="daily").ok
    lines = "\n".join(json.dumps({"source": s, "label": lbl, "subject": subj,
                                  "at": (START.replace(hour=h, minute=m) + timedelta(days=d)).isoformat()})
                      for d, s, lbl, subj, h, m in WEEK)
    assert runner.invoke(app, ["events", "ingest"], input=lines + "\n").exit_code == 0
    env = {"ASSISTANT_NOW": START.isoformat()}
    result = runner.invoke(app, ["daemon", "--simulate-until", END.isoformat()], env=env)
    assert result.exit_code == 0, result.output
    assert "Simulated 2026-11-25 09:00 to 2026-12-01 23:00: 3 notifications." in result.stdout
    inbox = json.loads(runner.invoke(app, ["notifications", "--json"]).stdout)
    assert sorted(n["created"] for n in inbox) == UNFED_NOONS
    assert {n["text"] for n in inbox} == {MESSAGE}
    again = runner.invoke(app, ["daemon", "--simulate-until", END.isoformat()], env=env)
    assert "0 notifications" in again.stdout  # a second run over the same time fires nothing twice


def test_daisy_survives_kill_minus_nine_of_the_daemon(tmp_path):
    """A long run (four months of the watch, 1,500 reminders and timers as load) killed three times."""
    db = open_db(tmp_path / "assistant.db")
    set_up(db)
    fed = {START.date() + timedelta(days=d) for d, *_ in WEEK if d in (0, 1, 3, 6)}
    rng = random.Random(4)
    for day in range(7, 120):  # after the first week: fed before noon on random days
        if rng.random() < 0.6:
            events.add_event(db, "kitchen-cam", "dog eating", None, START.replace(hour=8) + timedelta(days=day))
            fed.add(START.date() + timedelta(days=day))
    end = START + timedelta(days=120)
    expected = soak.seed(db, 1500, START, days=120, rng=rng, daily_share=0)
    db.conn.close()
    total = sum(expected.values())
    kills = soak.run_daemon_with_kills(tmp_path, START, end, [total // 4, total // 2, 3 * total // 4])
    db = open_db(tmp_path / "assistant.db")
    unfed = [f"{START.date() + timedelta(days=d)}T12:00:00" for d in range(120)
             if START.date() + timedelta(days=d) not in fed]
    assert kills == 3
    assert noon_notifications(db) == unfed
    report = soak.verify(db, expected)
    assert report.fired == report.expected and report.duplicates == 0
