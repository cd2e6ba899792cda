"""Backups and restores (SQLite's online backup API), and the daemon's resilience: a removed or
replaced database is reopened, a far --simulate-until is refused, the webhook drops idle callers.
No models are loaded."""
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assistant.app import default_registry, open_state
from assistant.cli.main import app
from assistant.clock import Clock

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()


def run(*args, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def labels():
    return sorted(e["label"] for e in json.loads(run("events", "--json").stdout))


# -- backup and restore -------------------------------------------------------------------------
def test_backup_then_restore_brings_the_state_back(tmp_path):
    assert run("events", "add", "--source", "cam", "--label", "before").exit_code == 0
    target = tmp_path / "state.backup"
    assert run("backup", str(target)).exit_code == 0
    assert oct(target.stat().st_mode & 0o777) == "0o600"
    assert run("events", "add", "--source", "cam", "--label", "after").exit_code == 0
    assert labels() == ["after", "before"]
    assert run("restore", str(target)).exit_code == 0
    assert labels() == ["before"]


def _corrupt_copy(source: Path, target: Path) -> Path:
    data = bytearray(source.read_bytes())
    data[4096 * 2: 4096 * 2 + 512] = os.urandom(512)  # a page in the middle
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("make", ["truncated", "page-corrupted", "text", "foreign-sqlite", "missing"])
def test_restore_refuses_a_bad_file_and_changes_nothing(tmp_path, make):
    assert run("events", "add", "--source", "cam", "--label", "kept").exit_code == 0
    good = tmp_path / "good.backup"
    assert run("backup", str(good)).exit_code == 0
    bad = tmp_path / "bad.backup"
    if make == "truncated":
        bad.write_bytes(good.read_bytes()[:5000])
    elif make == "page-corrupted":
        _corrupt_copy(good, bad)
    elif make == "text":
        bad.write_text("not a database\n" * 100)
    elif make == "foreign-sqlite":
        with sqlite3.connect(bad) as conn:
            conn.execute("CREATE TABLE t (x)")
    result = run("restore", str(bad))
    assert result.exit_code == 1 and "nothing was restored" in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    assert labels() == ["kept"]


def test_restore_while_another_process_holds_the_database_open(tmp_path):
    """The daemon keeps its connection: after a restore it reads the restored state."""
    from assistant.paths import database_path

    assert run("events", "add", "--source", "cam", "--label", "old").exit_code == 0
    target = tmp_path / "state.backup"
    assert run("backup", str(target)).exit_code == 0
    daemon_view = open_state(default_registry(), database_path())
    assert run("events", "add", "--source", "cam", "--label", "new").exit_code == 0
    assert run("restore", str(target)).exit_code == 0
    assert [r[0] for r in daemon_view.execute("SELECT label FROM events")] == ["old"]
    assert daemon_view.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    daemon_view.conn.close()


# -- the daemon ---------------------------------------------------------------------------------
def test_the_daemon_reopens_a_database_removed_while_it_runs(tmp_path):
    from assistant.experts import events, notifications, watches
    from assistant.context import ExpertContext

    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "ASSISTANT_HOME": str(home), "PYTHONPATH": str(ROOT)}
    env.pop("ASSISTANT_NOW", None)
    open_state(default_registry(), home / "assistant.db").conn.close()
    process = subprocess.Popen([sys.executable, "-m", "assistant.cli.main", "daemon", "--quiet"], cwd=ROOT,
                               env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "Scheduler running" in process.stdout.readline()
        for name in ("assistant.db", "assistant.db-wal", "assistant.db-shm"):
            (home / name).unlink(missing_ok=True)
        ctx = ExpertContext(db=open_state(default_registry(), home / "assistant.db"), clock=Clock())
        assert watches.create(ctx, kind="when_happens", event="package delivered", repeat="every time").ok
        time.sleep(1.5)  # a few scheduler ticks
        events.add_event(ctx.db, "front-cam", "package delivered", None, Clock().now())
        waited = time.monotonic()
        while not notifications.list_notifications(ctx.db) and time.monotonic() - waited < 8:
            time.sleep(0.1)
        assert notifications.list_notifications(ctx.db), "the daemon still writes to the removed file"
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=15)
    assert process.returncode == 0, err


def test_simulating_to_a_far_future_is_refused_at_once():
    """A daily reminder would make year 9999 some three million steps: the span is bounded."""
    from assistant.cli.common import open_db
    from assistant.context import ExpertContext
    from assistant.experts import reminders
    from datetime import datetime

    ctx = ExpertContext(db=open_db(), clock=Clock(datetime(2026, 11, 25, 9)))
    assert reminders.create(ctx, text="water the plants", when="every day at 9pm").ok
    started = time.monotonic()
    result = run("daemon", "--simulate-until", "9999-12-31T00:00:00",
                 env={"ASSISTANT_NOW": "2026-11-25T09:00:00"})
    assert result.exit_code == 1 and "years" in result.stderr and time.monotonic() - started < 10


def test_the_webhook_drops_idle_callers(tmp_path, monkeypatch):
    from assistant.scheduler import webhook

    assert webhook._Handler.timeout is not None and 0 < webhook._Handler.timeout <= 30
    monkeypatch.setattr(webhook._Handler, "timeout", 0.5)  # the same mechanism, quicker
    db_path = tmp_path / "state.db"
    open_state(default_registry(), db_path).conn.close()
    hook = webhook.start_webhook(db_path, Clock(), 0, token="t0ken")
    idle = []
    try:
        host, port = hook.server.server_address[:2]
        before = threading.active_count()
        for _ in range(20):
            idle.append(socket.create_connection((host, port), timeout=5))
        time.sleep(2.0)
        for conn in idle:
            assert conn.recv(1) == b""  # the server closed it
        deadline = time.monotonic() + 5
        while threading.active_count() > before and time.monotonic() < deadline:
            time.sleep(0.1)
        assert threading.active_count() <= before
    finally:
        for conn in idle:
            conn.close()
        hook.stop()
