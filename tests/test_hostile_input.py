"""Hostile and bad input: one clear line and a non-zero exit, never a traceback or unbounded memory
(assistant/safe_input.py). No models are loaded."""
import json
import os
import socket
import stat

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app

runner = CliRunner()


def run(*args, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def assert_one_clear_error(result, *words):
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:"), result.stderr
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], (word, lines[0])


ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{b}: &{b} [{', '.join(['*' + a] * 9)}]\n" for a, b in zip("abcdefgh", "bcdefghi"))


# -- files: home, eval --------------------------------------------------------------------------
@pytest.mark.parametrize("content, words", [
    (ALIAS_BOMB.encode(), ["aliases"]),
    (("floors: " + "[" * 5000 + "]" * 5000 + "\n").encode(), ["nested"]),
    (b"floors: []\nareas: []\nentities:\n  - {name: caf\xe9, id: light.x, area: k}\n", ["line 4", "UTF-8"]),
    (b'floors: ["\\ud800"]\n', ["UTF-16"]),
    (b"floors: []\nareas: []\nentities:\n  - {name: x, id: light.x, state: 'on', attributes: {brightness: .nan}}\n",
     ["finite"]),
], ids=["alias-bomb", "deep-nesting", "latin-1", "lone-surrogate", "nan"])
def test_hostile_home_files_are_one_clear_error_and_change_nothing(tmp_path, content, words):
    before = run("devices", "--json").stdout
    path = tmp_path / "home.yaml"
    path.write_bytes(content)
    assert_one_clear_error(run("home", "load", str(path)), str(path), *words)
    assert run("devices", "--json").stdout == before


@pytest.mark.parametrize("name, content, words", [
    ("cases.jsonl", b'{"id": "a", "text": "hi"}\n\xff\xfe\n', ["line 2", "UTF-8"]),
    ("cases.jsonl", b'{"id": "a", "text": "\\ud800"}\n', ["line 1", "UTF-16"]),
    ("cases.jsonl", ("[" * 100_000 + "]" * 100_000 + "\n").encode(), ["line 1", "nested"]),
    ("cases.jsonl", b'{"id": "a", "text": "hi", "now": NaN}\n', ["line 1", "NaN"]),
    ("talks.yaml", ALIAS_BOMB.encode(), ["aliases"]),
    ("talks.yaml", b"- \xff\n", ["UTF-8"]),
], ids=["latin-1", "lone-surrogate", "deep-nesting", "nan", "alias-bomb", "yaml-latin-1"])
def test_hostile_eval_files_are_one_clear_error(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_bytes(content)
    assert_one_clear_error(run("eval", str(path)), str(path), *words)


# -- the event stream ---------------------------------------------------------------------------
def test_ingest_reports_each_bad_line_and_stores_the_rest():
    stream = b"".join([
        b'{"source": "cam", "label": "first"}\n',
        b"\xff\xfe not utf-8\n",
        b'{"source": "cam", "label": "\\ud800"}\n',
        b"[" * 100_000 + b"]" * 100_000 + b"\n",
        b'{"source": "cam", "label": "x", "data": NaN}\n',
        b'{"source": "cam", "label": "x", "at": "0001-01-01T00:00:00+14:00"}\n',
        b'{"source": "cam", "label": "' + b"x" * 2_000_000 + b'"}\n',
        b'{"source": "cam", "label": "last", "at": "2026-11-25T10:00:00+05:00"}\n',
    ])
    result = run("events", "ingest", input=stream)
    assert result.exit_code == 1 and (result.exception is None or isinstance(result.exception, SystemExit))
    problems = result.stderr.splitlines()
    assert [p.split(":")[0] for p in problems] == [f"line {n}" for n in range(2, 8)], problems
    assert "Added 2 events; skipped 6 bad lines." in result.stdout
    events = json.loads(run("events", "--json").stdout)
    assert sorted(e["label"] for e in events) == ["first", "last"]


def test_events_add_keeps_an_offset_as_the_same_instant(monkeypatch):
    from datetime import datetime, timezone, timedelta

    at = "2026-11-25T10:00:00+05:00"
    local = datetime(2026, 11, 25, 5, tzinfo=timezone.utc).astimezone().replace(tzinfo=None)
    assert run("events", "add", "--source", "cam", "--label", "dog", "--at", at).exit_code == 0
    assert json.loads(run("events", "--json").stdout)[0]["at"] == local.isoformat()
    assert_one_clear_error(run("events", "add", "--source", "cam", "--label", "x", "--at",
                               "0001-01-01T00:00:00+14:00"), "--at")


def test_events_add_with_a_lone_surrogate_is_refused_clearly():
    result = run("events", "add", "--source", "cam", "--label", "dog \udcff")
    assert result.exit_code != 0 and "Traceback" not in result.output and "UTF-16" in result.output


# -- ids, JSON, environment, permissions ----------------------------------------------------------
@pytest.mark.parametrize("args, words", [
    (("memory", "forget", "99"), ["no fact 99"]),
    (("memory", "forget", "99999999999999999999999"), ["no fact 99999999999999999999999"]),
    (("watches", "delete", "99999999999999999999999"), ["no watch"]),
    (("watches", "pause", "99999999999999999999999"), ["no watch"]),
    (("scheduled", "cancel", "99999999999999999999999"), ["no waiting scheduled action"]),
])
def test_unknown_or_huge_ids_are_reported_as_unknown(args, words):
    assert_one_clear_error(run(*args), *words)


def test_json_listings_never_print_nan_or_infinity():
    from assistant.cli.common import open_db

    db = open_db()
    db.execute("UPDATE devices SET attributes = ? WHERE rowid = 1",
               ['{"brightness": NaN, "level": Infinity, "low": -Infinity}'])
    out = run("devices", "--json").stdout
    assert "NaN" not in out and "Infinity" not in out
    first = json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} in --json output"))[0]
    assert first["attributes"] == {"brightness": None, "level": None, "low": None}


def test_assistant_home_that_is_a_file_is_a_clear_error(tmp_path, monkeypatch):
    home = tmp_path / "not-a-dir"
    home.write_text("x")
    monkeypatch.setenv("ASSISTANT_HOME", str(home))
    assert_one_clear_error(run("devices"), "ASSISTANT_HOME", "not a directory")


def test_a_missing_or_invalid_config_file_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("ASSISTANT_CONFIG", str(tmp_path / "missing.toml"))
    assert_one_clear_error(run("models"), "missing.toml", "no such config file")
    small = tmp_path / "small.toml"
    small.write_text("[roles.confirmer]\nn_ctx = 64\n")
    monkeypatch.setenv("ASSISTANT_CONFIG", str(small))
    assert_one_clear_error(run("models"), "roles.confirmer.n_ctx", "512")


def test_database_and_home_are_readable_by_their_owner_only(isolated_home):
    os.umask(0o022)
    assert run("devices", "--json").exit_code == 0
    assert stat.S_IMODE((isolated_home / "assistant.db").stat().st_mode) == 0o600
    assert stat.S_IMODE(isolated_home.stat().st_mode) == 0o700


# -- the daemon's webhook -----------------------------------------------------------------------
def test_webhook_bad_ports_and_hosts_are_one_clear_error():
    assert_one_clear_error(run("daemon", "--webhook-port", "99999"), "99999", "0 to 65535")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert_one_clear_error(run("daemon", "--webhook-port", str(port)), f"127.0.0.1:{port}")
    assert_one_clear_error(run("daemon", "--webhook-port", "0", "--webhook-host", "192.0.2.1"), "192.0.2.1")
    assert_one_clear_error(run("daemon", "--webhook-port", "0", "--webhook-host", "no-such-host.invalid"),
                           "no-such-host.invalid")


def test_webhook_rejects_hostile_bodies_with_400(tmp_path):
    import http.client

    from assistant.app import default_registry, open_state
    from assistant.clock import Clock
    from assistant.scheduler.webhook import start_webhook

    db_path = tmp_path / "state.db"
    open_state(default_registry(), db_path).conn.close()
    hook = start_webhook(db_path, Clock(), 0, token="t0ken")
    try:
        host, port = hook.server.server_address[:2]
        bodies = [b"[" * 100_000 + b"]" * 100_000, b'{"source": "c", "label": "\\ud800"}', b"\xff",
                  b'{"source": "c", "label": "x", "data": NaN}']
        for body in bodies:
            conn = http.client.HTTPConnection(host, port, timeout=10)
            conn.request("POST", "/events", body, {"Authorization": "Bearer t0ken"})
            assert conn.getresponse().status == 400
        conn = http.client.HTTPConnection(host, port, timeout=10)
        conn.putrequest("POST", "/events")
        conn.putheader("Authorization", "Bearer t0ken")
        conn.putheader("Content-Length", "lots")
        conn.endheaders()
        assert conn.getresponse().status == 400
    finally:
        hook.stop()
