"""The client falls back in-process only when the hub never took the request or said it did not
act; a hub that failed after taking it (500, or silence once it had it) may have acted, and the
request is not repeated."""
import json
import socket
import sqlite3
import threading

import pytest
from typer.testing import CliRunner

from assistant.cli.main import app
from assistant.config import HubConfig
from assistant.hub import discovery
from assistant.hub.client import HubClient, HubFailed, HubUnavailable
from assistant.paths import database_path
from tests.test_hub import TOKEN, hub  # noqa: F401 - the fixture

runner = CliRunner()


def announce(running) -> None:
    discovery.hub_token(HubConfig(), create=True)
    running.server.token = discovery.hub_token(HubConfig())
    discovery.announce(running.url)


def stops(path) -> int:
    """Actions logged: "stop" is one (a fast-path command, no model to load in this process)."""
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT count(*) FROM action_log WHERE api = 'stop'").fetchone()[0]


def test_a_hub_that_fails_after_acting_is_not_asked_again_in_process(hub):  # noqa: F811
    running, engine, path = hub
    real = engine.ask

    def acts_then_fails(request):
        real(request)
        raise RuntimeError("the disk is full")

    engine.ask = acts_then_fails
    announce(running)
    result = runner.invoke(app, ["ask", "stop", "--json"])
    answer = json.loads(result.stdout)
    assert result.exit_code == 1 and answer["via"] == "hub" and not answer["ok"]
    assert "may have acted" in answer["reply"]
    assert stops(path) == 1  # once, by the hub
    assert not database_path().exists() or stops(database_path()) == 0  # never in this process


def test_a_chat_whose_hub_failed_after_acting_does_not_ask_again_in_process(hub):  # noqa: F811
    running, engine, path = hub
    real, asked = engine.ask, []

    def stop_acts_then_fails(request):
        asked.append(request.text)
        answer = real(request)
        if request.text == "stop":
            raise RuntimeError("the disk is full")
        return answer

    engine.ask = stop_acts_then_fails
    announce(running)
    result = runner.invoke(app, ["chat", "--session", "failing"], input="stop\nwhat time is it\n")
    assert result.exit_code == 0 and "via the hub" in result.stdout
    assert "may have acted" in result.stdout and "Not asked again here" in result.stdout
    assert asked == ["stop", "what time is it"]  # the chat goes on with the hub
    assert stops(path) == 1  # once, by the hub
    assert not database_path().exists() or stops(database_path()) == 0  # never in this process


def test_a_hub_that_refuses_without_acting_is_answered_in_process(hub):  # noqa: F811
    running, engine, path = hub
    announce(running)
    running.server.token = "changed"  # 401: the hub did not act
    answer = json.loads(runner.invoke(app, ["ask", "stop", "--json"]).stdout)
    assert answer["via"] == "local" and answer["ok"]
    assert stops(path) == 0 and stops(database_path()) == 1


def test_statuses_and_silence_say_whether_the_hub_may_have_acted(hub):  # noqa: F811
    client = HubClient(hub[0].url, "wrong", timeout=5)
    with pytest.raises(HubUnavailable):
        client.ask("stop")
    client.close()
    with pytest.raises(HubUnavailable):  # nothing listens: never received
        HubClient("http://127.0.0.1:9", TOKEN, timeout=1).ask("stop")
    with pytest.raises(HubFailed, match="may have acted"):  # read the request, then hung up
        HubClient(hangs_up_after_reading(), TOKEN, timeout=5).ask("turn on the kitchen lights")


def hangs_up_after_reading() -> str:
    """A server that reads one request and closes the connection without answering."""
    server = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        conn, _ = server.accept()
        conn.recv(65536)
        conn.close()
        server.close()

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{server.getsockname()[1]}"
