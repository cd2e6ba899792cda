#!/usr/bin/env python
"""Soak the scheduler: many reminders/timers over simulated weeks, forced crashes, an exact check.

Two phases, each on a fresh database:
  crash  — in-process; an exception is raised inside the firing transaction at random stages
           (--crashes times) and the scheduler restarts on a new connection after a random
           downtime of up to 30 simulated minutes (items due meanwhile fire late);
  kill   — `assistant daemon --simulate-until` subprocesses, each killed with SIGKILL (--kills times)
           once the inbox reaches evenly spaced sizes, then a final run to the end.
Exit status 0 only when every expected notification fired exactly once in both phases.

    python scripts/soak_scheduler.py                      # 10,000 items, 20 crashes, 5 kills, 3 weeks
    python scripts/soak_scheduler.py --items 2000 --dir /dev/shm
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from rich.console import Console
from rich.table import Table

from assistant.app import default_registry, open_state
from assistant.scheduler import soak

START = datetime(2026, 11, 25, 9, 0)


def crash_phase(folder: Path, args: argparse.Namespace, rng: random.Random) -> soak.Report:
    path = folder / "crash" / "assistant.db"
    path.parent.mkdir()
    db = open_state(default_registry(), path)
    expected = soak.seed(db, args.items, START, args.days, rng)
    db.conn.close()
    started = time.monotonic()
    plan = soak.crash_plan(sum(expected.values()), args.crashes, rng)
    db, crashes = soak.run_with_crashes(lambda: open_state(default_registry(), path), START,
                                        START + timedelta(days=args.days), plan, rng)
    report = soak.verify(db, expected, soak.Report(crashes=crashes))
    report.seconds = time.monotonic() - started
    return report


def kill_phase(folder: Path, args: argparse.Namespace, rng: random.Random) -> soak.Report:
    home = folder / "kill"
    home.mkdir()
    db = open_state(default_registry(), home / "assistant.db")
    expected = soak.seed(db, args.items, START, args.days, rng)
    db.conn.close()
    total = sum(expected.values())
    started = time.monotonic()
    kills = soak.run_daemon_with_kills(home, START, START + timedelta(days=args.days),
                                       [total * (n + 1) // (args.kills + 1) for n in range(args.kills)],
                                       timeout_s=args.timeout)
    db = open_state(default_registry(), home / "assistant.db")
    report = soak.verify(db, expected, soak.Report(kills=kills))
    report.seconds = time.monotonic() - started
    return report


def show(reports: dict[str, soak.Report], items: int) -> None:
    table = Table(title=f"Scheduler soak: {items:,} items")
    for column in ("phase", "expected", "fired", "missing", "duplicates", "unexpected", "crashes", "late",
                   "wall s", "ok"):
        table.add_column(column, justify="right")
    for phase, r in reports.items():
        table.add_row(phase, f"{r.expected:,}", f"{r.fired:,}", str(r.missing), str(r.duplicates),
                      str(r.unexpected), str(r.crashes or r.kills), str(r.late), f"{r.seconds:.1f}",
                      "[green]yes[/green]" if r.ok else "[red]NO[/red]")
    Console(width=120).print(table)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="scheduled reminders/timers (default 10,000)")
    parser.add_argument("--days", type=int, default=21, help="simulated days they are spread over")
    parser.add_argument("--crashes", type=int, default=20, help="in-process crashes in the crash phase")
    parser.add_argument("--kills", type=int, default=5, help="kill -9 of the daemon in the kill phase")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--dir", default=None, help="where the databases go (e.g. /dev/shm; default a temp dir)")
    parser.add_argument("--timeout", type=float, default=1200, help="seconds allowed for the kill phase")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(dir=args.dir) as folder:
        reports = {"crash (hook)": crash_phase(Path(folder), args, rng),
                   "kill -9 (daemon)": kill_phase(Path(folder), args, rng)}
    show(reports, args.items)
    return 0 if all(r.ok for r in reports.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
