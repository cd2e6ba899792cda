"""The hub (assistant/hub/): real HTTP on loopback (an ephemeral port), the real pipeline on
scripted models (one test on the real ones), the CLI finding it or falling back."""
import json
import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from typer.testing import CliRunner

from assistant import testing
from assistant.app import open_state
from assistant.cli.main import app
from assistant.config import HubConfig
from assistant.hub import discovery
from assistant.hub.client import HubClient, HubUnavailable, find_hub
from assistant.hub.engine import Engine
from assistant.hub.server import start_hub
from assistant.routing.classifier import ExpertGuess
from tests.conftest import DEV_HOME

TOKEN = "test-token-123"
runner = CliRunner()


class WordsClassifier:
    """A classifier double guessing by a word of the request."""

    def guess(self, text: str) -> ExpertGuess:
        said = text.lower()
        expert = "timers" if "timer" in said else "smart_home" if "unlock" in said or "light" in said else "chat"
        return ExpertGuess(expert, 0.9, 0.3, ((expert, 0.9), ("none", 0.6)))


def confirmer_rule(messages):
    """The scripted confirmer: unlock the front door; a timer of a made-up length (so it asks)."""
    said = messages[-1].content.lower()
    if "unlock" in said:
        return {"api": "smart_home.unlock", "args": {"device": "front door"}}
    if "timer" in said:
        return {"api": "timers.start", "args": {"duration": "1 minute"}}
    return {"api": "chat.respond", "args": {}}


@pytest.fixture
def hub(tmp_path):
    """A hub on the scripted pipeline, on an ephemeral loopback port; yields (hub, engine, db path)."""
    path = tmp_path / "state.db"
    proto = testing.scripted_assistant(path, home=DEV_HOME, classifier=WordsClassifier())
    testing.confirmer(proto)._rule = confirmer_rule
    engine = Engine(proto, lambda: open_state(proto.registry, path), list(proto.registry.views()))
    running = start_hub(engine, TOKEN)
    yield running, engine, path
    running.stop()
    engine.close()


@pytest.fixture
def client(hub):
    made = HubClient(hub[0].url, TOKEN, timeout=10)
    yield made
    made.close()


def raw(hub, method, path, body=b"", headers=None):
    import http.client
    from urllib.parse import urlsplit

    url = urlsplit(hub[0].url)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    conn.request(method, path, body=body, headers=headers or {})
    response = conn.getresponse()
    status, data = response.status, json.loads(response.read())
    conn.close()
    return status, data


def test_health_needs_no_token_the_api_does(hub):
    assert raw(hub, "GET", "/health")[0] == 200
    assert raw(hub, "GET", "/v1/timers")[0] == 401
    assert raw(hub, "GET", "/v1/timers", headers={"Authorization": "Bearer wrong"})[0] == 401
    status, body = raw(hub, "POST", "/v1/ask", b'{"text": "stop"}', {"Authorization": f"Bearer {TOKEN}x"})
    assert status == 401 and "token" in body["error"]


@pytest.mark.parametrize("body, status", [
    (b"{not json", 400), (b'{"session": "a"}', 400), (b'{"text": "hi", "colour": "red"}', 400),
    (b'["text"]', 400), (b'{"text": "hi", "now": "yesterday"}', 400), (b"x" * 70_000, 413),
])
def test_bad_requests_are_clear_json_errors(hub, body, status):
    code, answer = raw(hub, "POST", "/v1/ask", body, {"Authorization": f"Bearer {TOKEN}"})
    assert code == status and answer["error"]


def test_unknown_routes_and_methods(hub):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert raw(hub, "GET", "/v1/nothing", headers=auth)[0] == 404
    assert raw(hub, "POST", "/v1/timers", b"{}", auth)[0] == 405
    assert raw(hub, "DELETE", "/v1/ask", headers=auth)[0] == 405
    assert raw(hub, "GET", "/v1/timers?limit=x", headers=auth)[0] == 400


def test_ask_returns_what_ask_json_prints(client):
    answer = client.ask("what time is it", session="s1", now="2026-11-25T15:30:00")
    assert answer["reply"] == "It's 3:30 PM." and answer["via"] == "hub"
    local = json.loads(runner.invoke(app, ["ask", "what time is it", "--json"],
                                     env={"ASSISTANT_NOW": "2026-11-25T15:30:00"}).stdout)
    assert local["via"] == "local" and set(local) == set(answer)


def test_listings_are_the_cli_json(client):
    assert {"devices", "timers", "reminders", "lists"} <= set(client.listing("views"))
    client.ask("set a timer", session="s")
    client.ask("4 minutes", session="s")
    assert [t["duration_s"] for t in client.listing("timers")] == [240]
    assert len(client.listing("devices", limit=2)) == 2


def test_concurrent_sessions_never_cross(hub):
    """Eight clients at once, each with a question waiting for its own answer and a yes or a no
    of its own: every answer lands in its own conversation, and every action is logged once."""
    url = hub[0].url

    def one_client(i: int) -> list[str]:
        mine = HubClient(url, TOKEN, timeout=20)
        session, problems = f"client-{i}", []
        for _ in range(3):
            if not mine.ask("set a timer", session=session)["asks"]:
                problems.append(f"{i}: no question")
            got = mine.ask(f"{i + 2} minutes", session=session)["reply"]
            if got != f"Timer set for {i + 2} minutes.":
                problems.append(f"{i}: {got}")
            if not mine.ask("unlock the front door", session=session)["needs_confirmation"]:
                problems.append(f"{i}: no confirmation asked")
            got = mine.ask("yes" if i % 2 else "no", session=session)["reply"]
            said_yes = got in ("Unlocked Front Door Lock.", "The Front Door Lock is already unlocked.")
            if said_yes != bool(i % 2) or not said_yes and got != "OK, I won't.":
                problems.append(f"{i}: {got}")
        mine.close()
        return problems

    with ThreadPoolExecutor(8) as pool:
        problems = [p for found in pool.map(one_client, range(8)) for p in found]
    assert problems == []
    db = open_state(hub[1].prototype.registry, hub[2])
    rows = db.execute("SELECT conversation, api, args FROM action_log WHERE api IN ('start', 'unlock')").fetchall()
    timers = sorted((c, json.loads(a)["duration"]) for c, api, a in rows if api == "start")
    assert timers == sorted((f"client-{i}", f"{i + 2} minutes") for i in range(8) for _ in range(3))
    assert sorted(c for c, api, _ in rows if api == "unlock") == sorted(f"client-{i}" for i in range(1, 8, 2) for _ in range(3))


def test_listings_and_fast_commands_do_not_wait_for_a_model_call(hub, client):
    release, entered = threading.Event(), threading.Event()
    slow = testing.confirmer(hub[1].prototype)

    def blocking_rule(messages):
        entered.set()
        release.wait(10)
        return confirmer_rule(messages)

    slow._target._rule = blocking_rule  # the guarded confirmer's own backend
    other = HubClient(hub[0].url, TOKEN, timeout=20)
    waiting = threading.Thread(target=lambda: other.ask("turn on the kitchen lights", session="slow"))
    waiting.start()
    assert entered.wait(5)
    began = time.perf_counter()
    assert client.listing("timers") == []
    assert client.ask("what time is it", session="quick")["api"] == "time"
    assert time.perf_counter() - began < 2
    release.set()
    waiting.join(10)
    other.close()


def test_the_cli_uses_a_running_hub_and_falls_back_without_one(hub):
    assert json.loads(runner.invoke(app, ["ask", "stop", "--json"]).stdout)["via"] == "local"  # no hub.json
    discovery.hub_token(HubConfig(), create=True)
    hub[0].server.token = discovery.hub_token(HubConfig())
    discovery.announce(hub[0].url)
    assert find_hub() is not None
    assert json.loads(runner.invoke(app, ["ask", "stop", "--json"]).stdout)["via"] == "hub"
    assert json.loads(runner.invoke(app, ["ask", "stop", "--json", "--local"]).stdout)["via"] == "local"
    forced = runner.invoke(app, ["ask", "stop", "--json"], env={"ASSISTANT_HUB": "off"})
    assert json.loads(forced.stdout)["via"] == "local"
    hub[0].server.token = "changed"  # the hub refuses: the CLI answers in-process
    assert json.loads(runner.invoke(app, ["ask", "stop", "--json"]).stdout)["via"] == "local"
    discovery.announce(hub[0].url, pid=2**22 + 12345)  # a hub that died without withdrawing
    assert find_hub() is None
    discovery.withdraw(pid=2**22 + 12345)
    assert not discovery.hub_file().exists()


def test_chat_goes_through_the_hub(hub):
    discovery.hub_token(HubConfig(), create=True)
    hub[0].server.token = discovery.hub_token(HubConfig())
    discovery.announce(hub[0].url)
    result = runner.invoke(app, ["chat", "--session", "kitchen-chat"], input="set a timer\n6 minutes\n")
    assert "via the hub" in result.stdout and "Timer set for 6 minutes." in result.stdout
    assert hub[1].session_count >= 1


def test_a_dead_hub_is_not_used():
    client = HubClient("http://127.0.0.1:9", TOKEN, timeout=1)  # the discard port: nothing listens
    with pytest.raises(HubUnavailable):
        client.health()


def test_the_hub_token_file_is_the_owners_only():
    token = discovery.hub_token(HubConfig(), create=True)
    path = discovery.user_dir() / discovery.TOKEN_FILE
    assert len(token) > 30 and oct(path.stat().st_mode & 0o777) == "0o600"
    assert discovery.hub_token(HubConfig(token="from-config")) == "from-config"


def test_config_show_masks_secrets_and_path_edit_work(tmp_path, monkeypatch):
    config = tmp_path / "home" / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text('input_area = "kitchen"\n[home]\ntoken = "very-secret"\nalarm_code = \'1234\'\n'
                      '[hub]\nport = 9000\ntoken = "hub-secret"\n')
    shown = runner.invoke(app, ["config", "show"]).stdout
    assert "kitchen" in shown and "9000" in shown
    assert "very-secret" not in shown and "1234" not in shown and "hub-secret" not in shown
    as_json = runner.invoke(app, ["config", "show", "--json"]).stdout
    assert "very-secret" not in as_json and json.loads(as_json)["hub"]["port"] == 9000
    assert runner.invoke(app, ["config", "path"]).stdout.strip() == str(config)
    monkeypatch.setenv("EDITOR", "true")  # an editor that changes nothing: the file is checked
    assert runner.invoke(app, ["config", "edit"]).exit_code == 0
    config.write_text("[hub]\nport = 'x'\n")
    edited = runner.invoke(app, ["config", "edit"])
    assert edited.exit_code == 1 and "hub.port" in edited.stderr


@pytest.mark.real_model
def test_the_real_pipeline_through_the_hub(tmp_path):
    """End to end on the real models: a command over HTTP changes the home."""
    from assistant.app import build_assistant
    from assistant.config import Settings
    from assistant.llm.roles import ModelRoles

    if not all(row["installed"] for row in ModelRoles(Settings()).describe()):
        pytest.skip("model files missing: run `assistant models install`")
    path = tmp_path / "real.db"
    proto = build_assistant(Settings(), db_path=path)
    engine = Engine(proto, lambda: open_state(proto.registry, path), list(proto.registry.views()))
    engine.warm()
    running = start_hub(engine, TOKEN)
    try:
        mine = HubClient(running.url, TOKEN, timeout=120)
        answer = mine.ask("turn on the kitchen lights", session="real")
        assert (answer["expert"], answer["api"], answer["via"]) == ("smart_home", "turn_on", "hub")
        kitchen = [d for d in mine.listing("devices") if d["area"] == "kitchen" and d["id"].startswith("light.")]
        assert kitchen and all(d["state"] == "on" for d in kitchen)
        mine.close()
    finally:
        running.stop()
        engine.close()


def test_wyoming_conversation_round_trip(hub):
    """A Wyoming client (the `wyoming` package's own classes) describes the service and sends
    transcripts; each conversation id keeps its own question and answer."""
    import asyncio

    from wyoming.asr import Transcript
    from wyoming.client import AsyncTcpClient
    from wyoming.handle import Handled
    from wyoming.info import Describe, Info

    from assistant.hub.wyoming_service import start_wyoming

    service = start_wyoming(hub[1], "127.0.0.1", 0, "test")

    async def talk() -> list:
        async with AsyncTcpClient("127.0.0.1", service.port) as client:
            await client.write_event(Describe().event())
            described = Info.from_event(await client.read_event())
            replies = []
            for text, conversation in [("set a timer", "ha-1"), ("what time is it", "ha-2"), ("8 minutes", "ha-1")]:
                await client.write_event(Transcript(text=text, context={"conversation_id": conversation}).event())
                event = await client.read_event()
                replies.append((event.type, Handled.from_event(event).text, event.data["context"]))
            return [described.handle[0].name, replies]

    try:
        name, replies = asyncio.run(talk())
    finally:
        service.stop()
    assert name == "assistant"
    assert replies[0][0] == "handled" and replies[0][1] == "For how long?"
    assert replies[1][1].startswith("It's ")
    assert replies[2][:2] == ("handled", "Timer set for 8 minutes.")
    assert replies[2][2]["conversation_id"] == "ha-1" and replies[2][2]["continue_conversation"] is False
    assert replies[0][2]["continue_conversation"] is True  # "For how long?" waits for the answer


def test_least_recent_sessions_close_and_carry_on(tmp_path):
    path = tmp_path / "state.db"
    proto = testing.scripted_assistant(path, home=DEV_HOME, classifier=WordsClassifier())
    testing.confirmer(proto)._rule = confirmer_rule
    from assistant.hub.contract import AskRequest

    engine = Engine(proto, lambda: open_state(proto.registry, path), [], max_sessions=2)
    assert engine.ask(AskRequest(text="set a timer", session="a"))["asks"] == "duration"
    engine.ask(AskRequest(text="stop", session="b"))
    engine.ask(AskRequest(text="stop", session="c"))  # "a" is closed: its question waits in the database
    assert engine.session_count == 2
    assert engine.ask(AskRequest(text="9 minutes", session="a"))["reply"] == "Timer set for 9 minutes."
    engine.close()
