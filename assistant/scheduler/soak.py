"""A soak harness for the scheduler: many items, forced crashes, an exact check of what fired.

Used by tests/test_scheduler.py (a quick size) and scripts/soak_scheduler.py (the full size).
Crashes are of two kinds: an exception raised inside the firing transaction at a random stage
(through the scheduler's hook; the "process" restarts with a new connection, possibly after some
downtime), and `kill -9` of a real `assistant daemon --simulate-until` subprocess.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from assistant.clock import Clock
from assistant.scheduler.core import STAGES, Scheduler
from assistant.storage.db import Database
from assistant.timeparse import next_occurrence

Expected = Counter  # (notification source, created ISO) -> how many notifications there should be


class Crash(BaseException):
    """A simulated process death inside the scheduler (BaseException: nothing catches it)."""


@dataclass
class Report:
    expected: int = 0
    fired: int = 0
    missing: int = 0
    duplicates: int = 0
    unexpected: int = 0
    late: int = 0
    crashes: int = 0
    kills: int = 0
    seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.fired == self.expected and not (self.missing or self.duplicates or self.unexpected)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def seed(db: Database, count: int, start: datetime, days: int, rng: random.Random,
         daily_share: float = 0.1) -> Expected:
    """Insert `count` items due within `days` after `start`: daily reminders (`daily_share`), then
    one-off reminders and timers/alarms 2:1; return the notifications they must produce by the end."""
    end, expected = start + timedelta(days=days), Counter()
    span = int((end - start).total_seconds())
    reminders, timers = [], []
    for n in range(count):
        due = start + timedelta(seconds=rng.randrange(1, span))
        kind = rng.random()
        if kind < daily_share:
            reminders.append((f"daily {n}", _iso(due), f"FREQ=DAILY;BYHOUR={due.hour};BYMINUTE={due.minute}"))
        elif kind < daily_share + (1 - daily_share) * 2 / 3:
            reminders.append((f"one-off {n}", _iso(due), None))
        else:
            timers.append((f"t{n}", "alarm" if n % 3 == 0 else "timer", _iso(due)))
    with db.conn:
        db.execute("BEGIN")
        for text, due, rule in reminders:
            rid = db.execute("INSERT INTO reminders (text, due, recurrence, created, status) VALUES (?, ?, ?, ?, "
                             "'active')", [text, due, rule, _iso(start)]).lastrowid
            for when in _occurrences(datetime.fromisoformat(due), rule, end):
                expected[(f"reminder:{rid}", _iso(when))] += 1
        for name, kind, due in timers:
            tid = db.execute("INSERT INTO timers (name, kind, duration_s, started, ends_at, remaining_s, state, "
                             "created) VALUES (?, ?, ?, ?, ?, NULL, 'running', ?)",
                             [name, kind, 60, _iso(start), due, _iso(start)]).lastrowid
            expected[(f"timer:{tid}", due)] += 1
    return expected


def _occurrences(due: datetime, rule: str | None, end: datetime) -> list[datetime]:
    found = []
    while due is not None and due <= end:
        found.append(due)
        due = next_occurrence(rule, due, due) if rule else None
    return found


def verify(db: Database, expected: Expected, report: Report | None = None) -> Report:
    """Compare the inbox with what should have fired: fired, missing, duplicates, unexpected, late.

    Each notification is keyed by the due time of the firing that wrote it (its `created` is the
    fire time when it was less than a minute late); one without a firing counts as unexpected."""
    report = report or Report()
    rows = db.execute("SELECT n.source, COALESCE(f.due, 'no firing ' || n.created), n.late FROM notifications n "
                      "LEFT JOIN firings f ON f.notification_id = n.id").fetchall()
    actual = Counter((source, due) for source, due, _ in rows)
    report.expected = sum(expected.values())
    report.fired = sum(min(actual[key], n) for key, n in expected.items())
    report.missing = report.expected - report.fired
    report.duplicates = sum(max(0, actual[key] - expected.get(key, 0)) for key in actual if key in expected)
    report.unexpected = sum(n for key, n in actual.items() if key not in expected)
    report.late = sum(1 for *_, late in rows if late)
    return report


def crash_plan(total: int, crashes: int, rng: random.Random) -> dict[int, str]:
    """{firing attempt number: stage to crash at}, spread over the run."""
    return {n: rng.choice(STAGES) for n in sorted(rng.sample(range(1, max(total, crashes + 1)), crashes))}


def run_with_crashes(open_db, start: datetime, end: datetime, plan: dict[int, str], rng: random.Random,
                     max_downtime_s: int = 1800) -> tuple[Database, int]:
    """Simulate start..end, crashing as planned; each restart opens a new connection and resumes
    after a random downtime (items due meanwhile fire late). Returns (the last db, crashes)."""
    attempts, crashes, now = 0, 0, start

    def hook(stage: str, item) -> None:
        nonlocal attempts
        if stage == "decided":
            attempts += 1
        if plan.get(attempts) == stage:
            del plan[attempts]
            raise Crash(f"crash #{crashes + 1} at {stage}")

    while True:
        db = open_db()
        clock = Clock(now)
        try:
            Scheduler(db, clock, hook=hook).simulate_until(end)
            return db, crashes
        except Crash:
            crashes += 1
            now = min(end, clock.now() + timedelta(seconds=rng.randrange(0, max_downtime_s + 1)))
            db.conn.close()


def run_daemon_with_kills(home: Path, start: datetime, end: datetime, kill_after: list[int],
                          timeout_s: float = 300) -> int:
    """Run `assistant daemon --simulate-until` in a subprocess, `kill -9` it once the inbox holds each
    count in `kill_after`, restart it each time, and let the last run finish. Returns kills made."""
    env = {**os.environ, "ASSISTANT_HOME": str(home), "ASSISTANT_NOW": _iso(start)}
    command = [sys.executable, "-m", "assistant.cli.main", "daemon", "--simulate-until", _iso(end), "--quiet"]
    kills, deadline = 0, time.monotonic() + timeout_s
    for threshold in [*kill_after, None]:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if threshold is None:
            _, err = process.communicate(timeout=max(1, deadline - time.monotonic()))
            if process.returncode != 0:
                raise RuntimeError(f"daemon failed: {err.decode()[-2000:]}")
            return kills
        while process.poll() is None and _inbox_size(home) < threshold and time.monotonic() < deadline:
            time.sleep(0.01)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
            kills += 1
        process.wait()
    return kills


def _inbox_size(home: Path) -> int:
    path = home / "assistant.db"
    if not path.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=1) as conn:
            return conn.execute("SELECT COUNT(*) FROM notifications").fetchone()[0]
    except sqlite3.Error:
        return 0
