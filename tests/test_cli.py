"""The CLI contract: JSON shapes, exit codes and clear errors (no models needed, but for the chat test)."""
import json
import sqlite3

import pytest

from typer.testing import CliRunner

from assistant.cli.main import app
from tests.conftest import DEV_HOME

runner = CliRunner()


def run(*args, input=None, env=None):
    return runner.invoke(app, list(args), input=input, env=env)


def test_devices_json_lists_the_demo_home():
    result = run("devices", "--json")
    assert result.exit_code == 0
    devices = json.loads(result.stdout)
    assert devices and set(devices[0]) == {"id", "name", "area", "state", "attributes"}
    assert any(d["id"].startswith("lock.") for d in devices)


def test_home_load_replaces_the_home():
    assert run("home", "load", str(DEV_HOME)).exit_code == 0
    ids = {d["id"] for d in json.loads(run("devices", "--json").stdout)}
    assert "light.kitchen_ceiling_4f2a9c" in ids and len(ids) == 16


def test_malformed_home_names_the_line_and_keeps_the_old_home(tmp_path):
    before = run("devices", "--json").stdout
    bad = tmp_path / "bad.yaml"
    bad.write_text("floors:\n  - {name: G, id: g}\nareas:\n  - {name: K, id: k, floor: g}\n"
                   "entities:\n  - {name: X, id: light.x, area: attic, state: 'on'}\n")
    result = run("home", "load", str(bad))
    assert result.exit_code == 1
    assert "line 6" in result.stderr and "attic" in result.stderr
    assert run("devices", "--json").stdout == before


def test_empty_state_views_have_the_contract_shapes():
    assert json.loads(run("reminders", "--json").stdout) == []
    assert json.loads(run("timers", "--json").stdout) == []
    assert json.loads(run("notifications", "--json").stdout) == []
    assert json.loads(run("memory", "--json").stdout) == []
    assert isinstance(json.loads(run("lists", "--json").stdout), dict)


def test_ask_fast_path_json_contract():
    result = run("ask", "what time is it", "--json", env={"ASSISTANT_NOW": "2026-11-25T09:00:00"})
    assert result.exit_code == 0
    reply = json.loads(result.stdout)
    assert {"reply", "expert", "api", "args", "declined", "timings_ms"} <= set(reply)
    assert reply["reply"] == "It's 9:00 AM." and reply["expert"] == "system" and reply["declined"] is False


def test_ask_bad_input_exits_non_zero_with_a_message():
    result = run("ask", "   ", "--json")
    assert result.exit_code == 1
    assert "didn't catch" in json.loads(result.stdout)["reply"]


def test_bad_frozen_clock_is_a_clear_error():
    result = run("ask", "what time is it", env={"ASSISTANT_NOW": "yesterday-ish"})
    assert result.exit_code == 1 and "ASSISTANT_NOW" in result.stderr


def test_corrupt_database_is_reported_and_kept(isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    db_file = isolated_home / "assistant.db"
    db_file.write_bytes(b"this is not sqlite" * 100)
    result = run("devices", "--json")
    assert result.exit_code == 1 and "corrupt" in result.stderr
    assert db_file.read_bytes() == b"this is not sqlite" * 100


def test_locked_database_is_reported(isolated_home):
    run("devices")  # create it
    holder = sqlite3.connect(isolated_home / "assistant.db")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        result = run("home", "load", str(DEV_HOME))
        assert result.exit_code == 1 and "locked" in result.stderr
    finally:
        holder.rollback()
        holder.close()


def test_models_lists_every_role():
    rows = json.loads(run("models", "--json").stdout)
    assert [r["role"] for r in rows] == ["router", "confirmer", "chat"]


@pytest.mark.real_model  # the chat prefetches the models before its first prompt
def test_chat_reads_piped_lines():
    result = run("chat", input="what time is it\nstop\n", env={"ASSISTANT_NOW": "2026-11-25T09:00:00"})
    assert result.exit_code == 0
    assert "It's 9:00 AM." in result.stdout and "OK." in result.stdout
