"""The Home Assistant backend against recorded responses of Home Assistant's documented APIs
(tests/data/home_assistant/recorded.json, from a real 2025.4.4): always run, no server, no models."""
from __future__ import annotations

import copy
import json
import socket
from pathlib import Path

import pytest
import responses

import assistant.experts.smart_home as smart_home
from assistant import testing
from assistant.config import HomeConfig, Settings, load_settings
from assistant.experts.smart_home import apis, backend, ha_import, ha_services, setters
from assistant.experts.smart_home.backend import HomeBackendError
from assistant.experts.smart_home.ha_client import HomeAssistantClient, NotFound
from assistant.experts.smart_home.home_assistant import HomeAssistantHome
from assistant.experts.smart_home.store import Device
from assistant.pipeline import execute

RECORDED = json.loads((Path(__file__).parent / "data" / "home_assistant" / "recorded.json").read_text())
TOKEN = "secret-token-never-shown"
# Documented state shapes of kinds the loopback configuration has no template for
EXTRA_STATES = [
    {"entity_id": "light.desk_lamp", "state": "on", "attributes": {
        "friendly_name": "Desk Lamp", "supported_color_modes": ["hs"], "color_mode": "hs",
        "brightness": 128, "rgb_color": [255, 0, 0], "supported_features": 0}},
    {"entity_id": "media_player.living_room_speaker", "state": "playing", "attributes": {
        "friendly_name": "Living Room Speaker", "volume_level": 0.3, "supported_features": 152463}},
    {"entity_id": "alarm_control_panel.house_alarm", "state": "armed_away", "attributes": {
        "friendly_name": "House Alarm", "code_format": None, "supported_features": 63}},
]
EFFECTS = {  # what a service does to the state, as Home Assistant would show it
    "turn_on": lambda s, d: _on(s, d), "turn_off": lambda s, d: {**s, "state": "off"},
    "lock": lambda s, d: {**s, "state": "locked"}, "unlock": lambda s, d: {**s, "state": "unlocked"},
    "open_cover": lambda s, d: _cover(s, 100), "close_cover": lambda s, d: _cover(s, 0),
    "set_cover_position": lambda s, d: _cover(s, d["position"]),
    "set_percentage": lambda s, d: _attrs(s, "on" if d["percentage"] else "off", percentage=d["percentage"]),
    "set_temperature": lambda s, d: _attrs(s, s["state"], temperature=d["temperature"]),
    "volume_set": lambda s, d: _attrs(s, s["state"], volume_level=d["volume_level"]),
    "alarm_disarm": lambda s, d: {**s, "state": "disarmed"},
    "alarm_arm_away": lambda s, d: {**s, "state": "armed_away"},
    "alarm_arm_night": lambda s, d: {**s, "state": "armed_night"},
}


def _attrs(state, new_state, **changed):
    return {**state, "state": new_state, "attributes": {**state["attributes"], **changed}}


def _on(state, data):
    attrs = dict(state["attributes"])
    if "brightness_pct" in data:
        attrs["brightness"] = round(data["brightness_pct"] * 255 / 100)
    if state["entity_id"].startswith("light.") and attrs.get("brightness") is None:
        attrs["brightness"] = 255
    return {**state, "state": "on", "attributes": attrs}


def _cover(state, position):
    return _attrs(state, "open" if position else "closed", current_position=position)


class RecordedHomeAssistant:
    """A Transport answering from the recording; services change its states as Home Assistant would."""

    def __init__(self, extra_states: list[dict] = ()) -> None:
        self.ws_answers = copy.deepcopy(RECORDED["ws"])
        self.states = {s["entity_id"]: s for s in [*self.ws_answers["get_states"], *copy.deepcopy(list(extra_states))]}
        self.calls: list[tuple[str, dict]] = []
        self.ws_batches = 0
        self.fail_on: str | None = None

    def ws(self, commands):
        self.ws_batches += 1
        answers = []
        for command in commands:
            if command["type"] == "get_states":
                answers.append(list(self.states.values()))
            elif command["type"] == "config/entity_registry/get_entries":
                full = self.ws_answers["config/entity_registry/get_entries"]
                answers.append({i: full.get(i) for i in command["entity_ids"]})
            else:
                answers.append(self.ws_answers[command["type"]])
        return answers

    def rest(self, method, path, body=None):
        if method == "GET" and path == "/api/states":
            return list(self.states.values())
        if method == "GET" and path.startswith("/api/states/"):
            entity_id = path.rsplit("/", 1)[1]
            if entity_id not in self.states:
                raise NotFound("Home Assistant has no states/" + entity_id + ".")
            return self.states[entity_id]
        domain, service = path.removeprefix("/api/services/").split("/")
        if self.fail_on == f"{domain}.{service}":
            raise HomeBackendError(f"Home Assistant answered 500 to POST {path}.")
        self.calls.append((f"{domain}.{service}", dict(body)))
        entity = self.states[body["entity_id"]]
        self.states[body["entity_id"]] = EFFECTS[service](entity, body)
        return [self.states[body["entity_id"]]]


@pytest.fixture
def fake():
    return RecordedHomeAssistant(EXTRA_STATES)


@pytest.fixture
def home(fake):
    return HomeAssistantHome(fake, registry_ttl=60)


def context(home, said, area=None):
    ctx = testing.expert_context(smart_home.EXPERT, said=said, area=area)
    backend.attach(ctx.db, home)
    return ctx


# ------------------------------------------------------------------ import
def test_floors_areas_and_entities_come_with_their_aliases(home):
    found = home.read_home()
    assert {(f.id, f.level, f.aliases) for f in found.floors} == {
        ("ground_floor", 0, ("downstairs",)), ("first_floor", 1, ("upstairs",))}
    assert found.area("living_room").aliases == ("lounge",)
    assert found.area("bedroom").floor_id == "first_floor"
    devices = {d.id: d for d in found.devices}
    assert devices["fan.bedroom_fan"].aliases == ("ceiling fan",)
    assert devices["fan.bedroom_fan"].area_id == "bedroom"
    coffee = devices["input_boolean.coffee_maker"]
    assert (coffee.domain, coffee.name, coffee.area_id) == ("switch", "Coffee Maker", "kitchen")


def test_hidden_helpers_numbers_and_home_assistants_own_entities_are_not_devices(home):
    ids = {d.id for d in home.read_home().devices}
    assert "input_boolean.kitchen_light" not in ids  # hidden: the template light's inside
    assert not any(i.startswith(("input_number.", "zone.", "person.")) for i in ids)
    assert not any("backup" in i for i in ids)  # the Backup service device's sensors


def test_levels_are_read_in_the_experts_units(home):
    devices = {d.id: d for d in home.read_home().devices}
    assert devices["light.desk_lamp"].attributes["brightness"] == 50  # 128 of 255
    assert devices["light.desk_lamp"].attributes["color"] == "red"
    assert devices["media_player.living_room_speaker"].attributes["volume"] == 30
    assert devices["climate.living_room_thermostat"].attributes["temperature"] == 20
    assert devices["cover.garage_door"].attributes["device_class"] == "garage"
    assert "brightness" not in devices["light.kitchen_light"].attributes  # off: HA keeps its last level


# ------------------------------------------------------------------ service plans
def _device(entity_id, state, **attributes):
    kind = ha_import.KINDS[ha_import.ha_domain(entity_id)]
    return Device(entity_id, entity_id, None, kind, state, attributes)


@pytest.mark.parametrize("device, target, expected", [
    (_device("light.a", "off"), ("on", {}), [("light", "turn_on", {})]),
    (_device("light.a", "on", brightness=100), ("on", {"brightness": 40}),
     [("light", "turn_on", {"brightness_pct": 40})]),
    (_device("light.a", "on", color="white"), ("on", {"color": "blue"}), [("light", "turn_on", {"color_name": "blue"})]),
    (_device("light.a", "on", brightness=40), ("off", {"brightness": 40}), [("light", "turn_off", {})]),
    (_device("input_boolean.a", "off"), ("on", {}), [("input_boolean", "turn_on", {})]),
    (_device("switch.a", "on"), ("off", {}), [("switch", "turn_off", {})]),
    (_device("cover.a", "closed", position=0, supported_features=7), ("open", {"position": 30}),
     [("cover", "set_cover_position", {"position": 30})]),
    (_device("cover.a", "closed", position=0, supported_features=3), ("open", {"position": 100}),
     [("cover", "open_cover", {})]),
    (_device("climate.a", "heat", temperature=20), ("heat", {"temperature": 22.5}),
     [("climate", "set_temperature", {"temperature": 22.5})]),
    (_device("climate.a", "heat"), ("off", {}), [("climate", "set_hvac_mode", {"hvac_mode": "off"})]),
    (_device("fan.a", "off", percentage=0), ("on", {"percentage": 60}), [("fan", "set_percentage", {"percentage": 60})]),
    (_device("media_player.a", "playing", volume=30), ("playing", {"volume": 45}),
     [("media_player", "volume_set", {"volume_level": 0.45})]),
    (_device("lock.a", "locked"), ("unlocked", {}), [("lock", "unlock", {})]),
    (_device("alarm_control_panel.a", "disarmed"), ("armed_away", {}),
     [("alarm_control_panel", "alarm_arm_away", {})]),
    (_device("light.a", "on", brightness=40), ("on", {"brightness": 40}), []),
])
def test_each_planned_state_is_the_documented_service_call(device, target, expected):
    planned = ha_services.calls(device, target[0], {**device.attributes, **target[1]})
    assert [(c.domain, c.service, c.data) for c in planned] == expected


# ------------------------------------------------------------------ the expert's APIs on it
def test_turn_on_calls_the_service_reads_back_and_undo_restores(home, fake):
    ctx = context(home, "turn on the kitchen light")
    result = apis.turn_on(ctx, device="kitchen light")
    assert result.ok and result.reply == "Turned on Kitchen Light."
    assert fake.calls == [("light.turn_on", {"entity_id": "light.kitchen_light"})]
    assert result.data["devices"][0]["state"] == "on"  # read back
    testing.undo(ctx, smart_home.EXPERT, "turn_on", result)
    assert fake.calls[-1] == ("light.turn_off", {"entity_id": "light.kitchen_light"})
    assert fake.states["light.kitchen_light"]["state"] == "off"


def test_a_level_undo_puts_back_the_level_read_before(home, fake):
    ctx = context(home, "dim the desk lamp to 20 percent")
    result = setters.set_brightness(ctx, 20, device="desk lamp")
    assert fake.calls == [("light.turn_on", {"entity_id": "light.desk_lamp", "brightness_pct": 20})]
    testing.undo(ctx, smart_home.EXPERT, "set_brightness", result)
    assert fake.calls[-1] == ("light.turn_on", {"entity_id": "light.desk_lamp", "brightness_pct": 50})


def test_aliases_areas_and_floors_resolve_as_on_the_simulated_home(home, fake):
    apis.turn_on(context(home, "turn on the ceiling fan"), device="ceiling fan")
    apis.set(context(home, "set the shades in the lounge to 30"), device="shades", area="lounge", position=30)
    assert fake.calls == [("fan.turn_on", {"entity_id": "fan.bedroom_fan"}),
                          ("cover.set_cover_position", {"entity_id": "cover.living_room_blinds", "position": 30})]


def test_locks_garage_doors_and_alarm_panels_ask_first(home):
    ctx = context(home, "unlock the front door")
    assert apis.requires_confirmation(ctx.db, "unlock", {"device": "front door"}, said="unlock the front door") \
        == "This would unlock Front Door."
    assert apis.requires_confirmation(ctx.db, "open", {"device": "garage door"}, said="open the garage door") \
        == "This would open Garage Door."


def test_an_alarm_panel_disarms_after_a_yes_and_arms_by_its_services(home, fake):
    ctx = context(home, "turn off the house alarm")
    assert apis.requires_confirmation(ctx.db, "turn_off", {"device": "house alarm"},
                                      said="turn off the house alarm") == "This would disarm House Alarm."
    result = apis.disarm(ctx, device="house alarm")
    assert result.reply == "Disarmed House Alarm."
    assert apis.arm(context(home, "arm the alarm for the night"), device="house alarm").ok
    assert [c[0] for c in fake.calls] == ["alarm_control_panel.alarm_disarm", "alarm_control_panel.alarm_arm_night"]
    testing.undo(ctx, smart_home.EXPERT, "disarm", result)
    assert fake.calls[-1][0] == "alarm_control_panel.alarm_arm_away"  # the state read before the disarm


def test_a_device_home_assistant_does_not_have_is_never_called(home, fake):
    result = apis.turn_on(context(home, "turn on the jacuzzi"), device="jacuzzi")
    assert not result.ok and fake.calls == []
    for said, api, args in [("turn on the disco ball", "turn_on", {"device": "disco ball"}),
                            ("dim the disco ball to 40%", "set_brightness", {"device": "disco ball", "brightness": 40}),
                            ("turn off the kitchen disco ball", "turn_off", {"device": "disco ball", "area": "kitchen"})]:
        result = execute(smart_home.EXPERT.api(api), args, context(home, said))
        assert not result.ok and "disco ball" in result.reply.lower(), result.reply
    assert fake.calls == []  # not one service call


# ------------------------------------------------------------------ failures: clear, nothing changed
def test_an_entity_gone_since_the_home_was_read_changes_nothing(home, fake):
    before = home.read_home()
    del fake.states["light.kitchen_light"]
    with pytest.raises(HomeBackendError, match="Kitchen Light .* no longer in Home Assistant; nothing was changed"):
        home.write_states([{"id": "light.kitchen_light", "state": "on", "attributes": {}},
                           {"id": "light.hallway_light", "state": "on", "attributes": {}}])
    assert fake.calls == [] and before.devices


def test_a_call_failing_midway_puts_back_the_ones_before_it(home, fake):
    fake.fail_on = "lock.unlock"
    with pytest.raises(HomeBackendError, match="Nothing was changed"):
        home.write_states([{"id": "light.kitchen_light", "state": "on", "attributes": {}},
                           {"id": "lock.front_door", "state": "unlocked", "attributes": {}}])
    assert [c[0] for c in fake.calls] == ["light.turn_on", "light.turn_off"]
    assert fake.states["light.kitchen_light"]["state"] == "off"


def test_an_unreachable_home_assistant_is_a_clear_reply_through_the_pipeline():
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    ctx = testing.expert_context(smart_home.EXPERT, said="turn on the kitchen light")
    smart_home.attach_home(ctx.db, "home_assistant", url=f"http://127.0.0.1:{port}", token=TOKEN, timeout=2)
    result = execute(smart_home.EXPERT.api("turn_on"), {"device": "kitchen light"}, ctx)
    assert not result.ok
    assert result.reply == f"Home Assistant at http://127.0.0.1:{port} cannot be reached."
    assert smart_home.EXPERT.preflight(ctx.db, "turn_on", {"device": "kitchen light"}) == result.reply
    assert smart_home.EXPERT.confirmation_policy(ctx.db, "unlock", {"device": "front door"}) is None
    assert smart_home.EXPERT.routing_context(ctx.db, "turn on the kitchen light", None, None) == ""


@responses.activate
def test_a_wrong_token_is_named_and_never_shown():
    recorded_status, recorded_body = RECORDED["errors"]["GET /api/states wrong token"]
    responses.get("http://ha.test:8123/api/states", status=recorded_status, body=recorded_body)
    client = HomeAssistantClient("http://ha.test:8123", TOKEN)
    with pytest.raises(HomeBackendError) as failure:
        client.rest("GET", "/api/states")
    assert "refused the token" in str(failure.value) and TOKEN not in str(failure.value)
    assert responses.calls[0].request.headers["Authorization"] == f"Bearer {TOKEN}"
    assert TOKEN not in repr(client)


@responses.activate
def test_a_missing_entity_is_a_not_found():
    status, body = RECORDED["errors"]["GET /api/states/light.nowhere"]
    responses.get("http://ha.test:8123/api/states/light.nowhere", status=status, body=body)
    with pytest.raises(NotFound):
        HomeAssistantClient("http://ha.test:8123", TOKEN).rest("GET", "/api/states/light.nowhere")


def test_no_token_says_where_to_put_one(monkeypatch):
    monkeypatch.delenv("ASSISTANT_HA_TOKEN", raising=False)
    with pytest.raises(HomeBackendError, match="ASSISTANT_HA_TOKEN"):
        HomeAssistantClient("http://ha.test:8123", None).rest("GET", "/api/states")


# ------------------------------------------------------------------ registry sync
def test_the_registry_is_read_again_after_its_ttl_without_a_restart(fake):
    now = [0.0]
    home = HomeAssistantHome(fake, registry_ttl=10, clock=lambda: now[0])
    home.read_home()
    entries = fake.ws_answers["config/entity_registry/get_entries"]
    entries["light.hallway_light"] = {**entries["light.hallway_light"], "aliases": ["porch lamp"], "area_id": "garage"}
    hallway = next(d for d in home.read_home().devices if d.id == "light.hallway_light")
    assert hallway.aliases == ("entry light",) and fake.ws_batches == 2  # within the TTL: as read
    now[0] = 11.0
    hallway = next(d for d in home.read_home().devices if d.id == "light.hallway_light")
    assert (hallway.aliases, hallway.area_id) == (("porch lamp",), "garage")


def test_a_new_entity_shows_at_once_and_a_removed_one_is_gone(home, fake):
    fake.states["switch.kettle"] = {"entity_id": "switch.kettle", "state": "off",
                                    "attributes": {"friendly_name": "Kettle"}}
    apis.turn_on(context(home, "turn on the kettle"), device="kettle")
    assert fake.calls == [("switch.turn_on", {"entity_id": "switch.kettle"})]
    del fake.states["switch.kettle"]  # within the same moment: the home as read still has it
    result = execute(smart_home.EXPERT.api("turn_off"), {"device": "kettle"}, context(home, "turn off the kettle"))
    assert not result.ok and result.reply == "Kettle (switch.kettle) is no longer in Home Assistant; nothing was changed."
    assert len(fake.calls) == 1
    assert not apis.turn_off(context(home, "turn off the kettle"), device="kettle").ok  # re-read: no kettle


# ------------------------------------------------------------------ config
def test_home_config_backend_url_and_a_token_from_the_environment(tmp_path, monkeypatch):
    path = tmp_path / "config.toml"
    path.write_text('[home]\nbackend = "home_assistant"\nurl = "http://ha.test:8123"\n')
    monkeypatch.setenv("ASSISTANT_HA_TOKEN", TOKEN)
    config = load_settings(path).home
    assert (config.backend, config.url, config.access_token()) == ("home_assistant", "http://ha.test:8123", TOKEN)
    assert TOKEN not in repr(config) and TOKEN not in str(config.model_dump())
    assert Settings().home.backend == "sqlite"
    assert HomeConfig(token="from-config").access_token() == "from-config"


def test_the_simulated_home_stays_the_default(tmp_path):
    from assistant.app import default_registry, open_state
    db = open_state(default_registry(), tmp_path / "a.db", HomeConfig())
    assert backend.backend_for(db).name == "sqlite"
    assert any(d["id"].startswith("light.") for d in smart_home.list_devices(db))


# ------------------------------------------------------------------ the WebSocket layer, on a replaying server
@pytest.fixture
def replaying_websocket():
    """A loopback WebSocket server speaking Home Assistant's documented handshake and result frames,
    answering commands from the recording; the token it accepts is TOKEN."""
    import threading
    from websockets.sync.server import serve

    def handler(connection):
        if not _handshake(connection):
            return
        for raw in connection:
            command = json.loads(raw)
            connection.send(json.dumps({"id": command["id"], "type": "event", "event": {}}))  # noise first
            result = RECORDED["ws"].get(command["type"])
            connection.send(json.dumps({"id": command["id"], "type": "result", "success": result is not None,
                                        "result": result, "error": None if result is not None else
                                        {"code": "unknown_command", "message": "Unknown command."}}))

    with serve(handler, "127.0.0.1", 0) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.socket.getsockname()[1]}"
        server.shutdown()


def _handshake(connection) -> bool:
    """Home Assistant's documented authentication; whether the token was TOKEN."""
    connection.send(json.dumps({"type": "auth_required", "ha_version": "2025.4.4"}))
    auth = json.loads(connection.recv())
    if auth.get("access_token") != TOKEN:
        connection.send(json.dumps({"type": "auth_invalid", "message": "Invalid access token or password"}))
        return False
    connection.send(json.dumps({"type": "auth_ok", "ha_version": "2025.4.4"}))
    return True


def test_websocket_commands_are_answered_in_order(replaying_websocket):
    floors, areas = HomeAssistantClient(replaying_websocket, TOKEN).ws(
        [{"type": "config/floor_registry/list"}, {"type": "config/area_registry/list"}])
    assert [f["floor_id"] for f in floors] == ["ground_floor", "first_floor"]
    assert "kitchen" in {a["area_id"] for a in areas}


def test_a_refused_websocket_token_and_an_unknown_command_are_clear(replaying_websocket):
    with pytest.raises(HomeBackendError, match="refused the token"):
        HomeAssistantClient(replaying_websocket, "wrong").ws([{"type": "get_states"}])
    with pytest.raises(HomeBackendError, match="refused config/label_registry/list: Unknown command"):
        HomeAssistantClient(replaying_websocket, TOKEN).ws([{"type": "config/label_registry/list"}])


# ------------------------------------------------------------------ registry events over a long-lived subscription
EVENTS = RECORDED["events"]  # the frames a real Home Assistant sent to a subscriber


class EventServer:
    """A loopback WebSocket server that accepts `subscribe_events` (or refuses it) and sends the
    recorded registry events of the kinds subscribed to when asked; `drop()` ends the sessions."""

    def __init__(self, refuse: bool = False) -> None:
        import queue
        import threading
        from websockets.sync.server import serve

        self.refuse, self.pending, self.subscribed = refuse, queue.Queue(), []
        self.dropped = threading.Event()
        self.server = serve(self._handle, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.socket.getsockname()[1]}"

    def _handle(self, connection) -> None:
        import queue

        if not _handshake(connection):
            return
        ids = {}
        while not self.dropped.is_set():
            try:
                command = json.loads(connection.recv(timeout=0.05))
                ids[command["event_type"]] = command["id"]
                self.subscribed.append(command["event_type"])
                connection.send(json.dumps({"id": command["id"], "type": "result", "success": not self.refuse,
                                            "result": None, "error": {"code": "unauthorized", "message": "Unauthorized."}
                                            if self.refuse else None}))
            except TimeoutError:
                pass
            try:
                frame = self.pending.get_nowait()
            except queue.Empty:
                continue
            kind = frame["event"]["event_type"]
            if kind in ids:
                connection.send(json.dumps({**frame, "id": ids[kind]}))

    def send(self, *frames: dict) -> None:
        for frame in frames:
            self.pending.put(frame)

    def drop(self) -> None:
        self.dropped.set()

    def close(self) -> None:
        self.dropped.set()
        self.server.shutdown()


@pytest.fixture
def events_server():
    servers = []

    def start(**options) -> EventServer:
        servers.append(EventServer(**options))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def until(condition, seconds: float = 5.0) -> bool:
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True


def watched_home(fake, url: str, token: str = TOKEN, now=(0.0,)):
    from assistant.experts.smart_home.ha_events import RegistryWatch

    home = HomeAssistantHome(fake, registry_ttl=10, clock=lambda: now[0])
    home.watch = RegistryWatch(HomeAssistantClient(url, token, timeout=2), home.registries_changed, retry_s=(0.05,))
    return home


def hallway(home) -> Device:
    return next(d for d in home.read_home().devices if d.id == "light.hallway_light")


def test_the_recorded_events_are_home_assistants_registry_events():
    kinds = {frame["event"]["event_type"] for frame in EVENTS}
    assert kinds == {"entity_registry_updated", "area_registry_updated"}
    actions = [(f["event"]["data"]["action"], f["event"]["data"].get("entity_id")) for f in EVENTS]
    assert ("update", "light.hallway_light") in actions and ("create", None) in actions
    assert {a for a, _ in actions} >= {"create", "update", "remove"}


def test_a_registry_event_is_seen_at_once_within_the_ttl(fake, events_server):
    from assistant.experts.smart_home.ha_events import REGISTRY_EVENTS

    server = events_server()
    home = watched_home(fake, server.url)
    home.read_home()  # starts the watch
    assert until(lambda: home.watch.live) and sorted(server.subscribed) == sorted(REGISTRY_EVENTS)
    home.read_home()  # read again: whatever changed before the subscription stood
    batches = fake.ws_batches
    hallway(home)
    assert fake.ws_batches == batches  # no event: the registries as read (the clock stands still)
    entries = fake.ws_answers["config/entity_registry/get_entries"]
    entries["light.hallway_light"] = {**entries["light.hallway_light"], "aliases": ["porch lamp"], "area_id": "garage"}
    server.send(*[f for f in EVENTS if f["event"]["data"].get("entity_id") == "light.hallway_light"])
    assert until(lambda: home.watch.events >= 1)
    assert (hallway(home).aliases, hallway(home).area_id) == (("porch lamp",), "garage")
    home.close()


def test_a_dropped_subscription_falls_back_to_the_ttl_and_comes_back(fake, events_server):
    server, now = events_server(), [0.0]
    home = watched_home(fake, server.url, now=now)
    home.read_home()
    assert until(lambda: home.watch.live)
    server.drop()  # the connection ends: events may be missed from now on
    assert until(lambda: not home.watch.live)
    home.read_home()  # the drop itself counts as a change
    batches = fake.ws_batches
    now[0] = 5.0
    home.read_home()
    assert fake.ws_batches == batches  # within registry_ttl
    now[0] = 11.0
    home.read_home()
    assert fake.ws_batches > batches  # after it: read again, as without events
    home.close()


def test_a_refused_subscription_leaves_the_ttl_in_force(fake, events_server):
    server, now = events_server(refuse=True), [0.0]
    home = watched_home(fake, server.url, now=now)
    home.read_home()
    assert until(lambda: len(server.subscribed) >= 2)  # asked, refused, asked again after a pause
    assert not home.watch.live
    home.read_home()
    batches = fake.ws_batches
    now[0] = 11.0
    home.read_home()
    assert fake.ws_batches > batches
    home.close()


def test_a_refused_token_ends_the_watch_and_a_gone_home_ends_it_too(fake, events_server):
    server = events_server()
    refused = watched_home(fake, server.url, token="wrong")
    refused.read_home()
    assert until(lambda: refused.watch._thread is not None and not refused.watch._thread.is_alive())
    home = watched_home(fake, server.url)
    home.read_home()
    assert until(lambda: home.watch.live)
    thread = home.watch._thread
    del home
    import gc
    gc.collect()
    assert until(lambda: not thread.is_alive())  # the watch never keeps its home alive
