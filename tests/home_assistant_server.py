"""A real Home Assistant on loopback for the tests: started from the venv that
scripts/setup_home_assistant.sh installs, configured with template devices whose state is
observable, onboarded for a token without a browser, and its floors/areas/aliases created over
the WebSocket API."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import platformdirs
import requests
from websockets.sync.client import connect

HA_VERSION = "2025.4.4"
CLIENT_ID = "http://127.0.0.1/"

CONFIGURATION = """
homeassistant:
  name: Test Home
  time_zone: UTC
  unit_system: metric
  latitude: 52.37
  longitude: 4.89
  elevation: 0
http:
  server_host: 127.0.0.1
  server_port: {port}
api:
websocket_api:
config:
logger:
  default: warning

input_boolean:
  kitchen_light: {{name: Kitchen Light Power}}
  hallway_light: {{name: Hallway Light Power}}
  bedroom_fan: {{name: Bedroom Fan Power}}
  front_door_locked: {{name: Front Door Bolt, initial: true}}
  heater: {{name: Heater Relay}}
  coffee_maker: {{name: Coffee Maker}}

input_number:
  kitchen_light_level: {{name: Kitchen Light Level, min: 0, max: 255, step: 1, initial: 255}}
  blinds_position: {{name: Living Room Blinds Position, min: 0, max: 100, step: 1, initial: 0}}
  garage_position: {{name: Garage Door Position, min: 0, max: 100, step: 1, initial: 0}}
  bedroom_fan_speed: {{name: Bedroom Fan Speed, min: 0, max: 100, step: 1, initial: 0}}

template:
  - sensor:
      - name: Living Room Temperature
        unique_id: living_room_temperature
        unit_of_measurement: "°C"
        device_class: temperature
        state: "19.5"

light:
  - platform: template
    lights:
      kitchen_light:
        unique_id: kitchen_light
        friendly_name: Kitchen Light
        value_template: "{{{{ is_state('input_boolean.kitchen_light', 'on') }}}}"
        level_template: "{{{{ states('input_number.kitchen_light_level') | int }}}}"
        turn_on: [{{action: input_boolean.turn_on, target: {{entity_id: input_boolean.kitchen_light}}}}]
        turn_off: [{{action: input_boolean.turn_off, target: {{entity_id: input_boolean.kitchen_light}}}}]
        set_level:
          - action: input_number.set_value
            target: {{entity_id: input_number.kitchen_light_level}}
            data: {{value: "{{{{ brightness }}}}"}}
          - action: input_boolean.turn_on
            target: {{entity_id: input_boolean.kitchen_light}}
      hallway_light:
        unique_id: hallway_light
        friendly_name: Hallway Light
        value_template: "{{{{ is_state('input_boolean.hallway_light', 'on') }}}}"
        turn_on: [{{action: input_boolean.turn_on, target: {{entity_id: input_boolean.hallway_light}}}}]
        turn_off: [{{action: input_boolean.turn_off, target: {{entity_id: input_boolean.hallway_light}}}}]

cover:
  - platform: template
    covers:
      living_room_blinds:
        unique_id: living_room_blinds
        friendly_name: Living Room Blinds
        position_template: "{{{{ states('input_number.blinds_position') | int }}}}"
        open_cover: [{{action: input_number.set_value, target: {{entity_id: input_number.blinds_position}}, data: {{value: 100}}}}]
        close_cover: [{{action: input_number.set_value, target: {{entity_id: input_number.blinds_position}}, data: {{value: 0}}}}]
        set_cover_position:
          - action: input_number.set_value
            target: {{entity_id: input_number.blinds_position}}
            data: {{value: "{{{{ position }}}}"}}
      garage_door:
        unique_id: garage_door
        friendly_name: Garage Door
        device_class: garage
        position_template: "{{{{ states('input_number.garage_position') | int }}}}"
        open_cover: [{{action: input_number.set_value, target: {{entity_id: input_number.garage_position}}, data: {{value: 100}}}}]
        close_cover: [{{action: input_number.set_value, target: {{entity_id: input_number.garage_position}}, data: {{value: 0}}}}]

fan:
  - platform: template
    fans:
      bedroom_fan:
        unique_id: bedroom_fan
        friendly_name: Bedroom Fan
        value_template: "{{{{ states('input_boolean.bedroom_fan') }}}}"
        percentage_template: >-
          {{{{ states('input_number.bedroom_fan_speed') | int if is_state('input_boolean.bedroom_fan', 'on') else 0 }}}}
        turn_on: [{{action: input_boolean.turn_on, target: {{entity_id: input_boolean.bedroom_fan}}}}]
        turn_off: [{{action: input_boolean.turn_off, target: {{entity_id: input_boolean.bedroom_fan}}}}]
        set_percentage:
          - action: input_number.set_value
            target: {{entity_id: input_number.bedroom_fan_speed}}
            data: {{value: "{{{{ percentage }}}}"}}
          - action: "input_boolean.turn_{{{{ 'on' if percentage > 0 else 'off' }}}}"
            target: {{entity_id: input_boolean.bedroom_fan}}

lock:
  - platform: template
    name: Front Door
    unique_id: front_door
    value_template: "{{{{ is_state('input_boolean.front_door_locked', 'on') }}}}"
    lock: [{{action: input_boolean.turn_on, target: {{entity_id: input_boolean.front_door_locked}}}}]
    unlock: [{{action: input_boolean.turn_off, target: {{entity_id: input_boolean.front_door_locked}}}}]

input_select:
  alarm_mode:
    name: Alarm Mode
    options: [disarmed, armed_home, armed_away, armed_night]
    initial: armed_away

alarm_control_panel:
  - platform: template
    panels:
      house_alarm:
        unique_id: house_alarm
        name: House Alarm
        code_format: no_code
        code_arm_required: false
        value_template: "{{{{ states('input_select.alarm_mode') }}}}"
        arm_away: [{{action: input_select.select_option, target: {{entity_id: input_select.alarm_mode}}, data: {{option: armed_away}}}}]
        arm_home: [{{action: input_select.select_option, target: {{entity_id: input_select.alarm_mode}}, data: {{option: armed_home}}}}]
        arm_night: [{{action: input_select.select_option, target: {{entity_id: input_select.alarm_mode}}, data: {{option: armed_night}}}}]
        disarm: [{{action: input_select.select_option, target: {{entity_id: input_select.alarm_mode}}, data: {{option: disarmed}}}}]

climate:
  - platform: generic_thermostat
    name: Living Room Thermostat
    unique_id: living_room_thermostat
    heater: input_boolean.heater
    target_sensor: sensor.living_room_temperature
    min_temp: 10
    max_temp: 28
    target_temp: 20
    initial_hvac_mode: heat
"""

FLOORS = [{"name": "Ground Floor", "level": 0, "aliases": ["downstairs"]},
          {"name": "First Floor", "level": 1, "aliases": ["upstairs"]}]
AREAS = [("Kitchen", "ground_floor", []), ("Living Room", "ground_floor", ["lounge"]),
         ("Hallway", "ground_floor", []), ("Garage", "ground_floor", []),
         ("Bedroom", "first_floor", ["master bedroom"])]
PLACEMENT = {  # entity -> (area id, aliases)
    "light.kitchen_light": ("kitchen", []), "light.hallway_light": ("hallway", ["entry light"]),
    "cover.living_room_blinds": ("living_room", ["shades"]), "cover.garage_door": ("garage", []),
    "fan.bedroom_fan": ("bedroom", ["ceiling fan"]), "lock.front_door": ("hallway", []),
    "climate.living_room_thermostat": ("living_room", []),
    "input_boolean.coffee_maker": ("kitchen", ["coffee machine"]),
    "alarm_control_panel.house_alarm": ("hallway", ["security system"]),
}
HELPERS = ("input_boolean.kitchen_light", "input_boolean.hallway_light", "input_boolean.bedroom_fan",
           "input_boolean.front_door_locked", "input_boolean.heater")  # the template devices' insides


def venv() -> Path:
    env = os.environ.get("ASSISTANT_HA_VENV", "").strip()
    return Path(env) if env else Path(platformdirs.user_cache_dir("assistant")) / "home-assistant" / "venv"


def unavailable_reason() -> str | None:
    """Why a real Home Assistant cannot run here, or None."""
    hass = venv() / "bin" / "hass"
    if not hass.exists():
        return (f"Home Assistant {HA_VERSION} is not installed in {venv()} (bash "
                "scripts/setup_home_assistant.sh installs it; it needs Python 3.13 and the network)")
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RunningHomeAssistant:
    url: str
    token: str
    process: subprocess.Popen
    started_s: float
    initial: dict | None = None  # a mirrored home's helpers and their first values

    def ws(self, *commands: dict) -> list:
        from assistant.experts.smart_home.ha_client import HomeAssistantClient
        return HomeAssistantClient(self.url, self.token).ws(list(commands))

    def state(self, entity_id: str) -> dict:
        response = requests.get(f"{self.url}/api/states/{entity_id}", timeout=5,
                                headers={"Authorization": f"Bearer {self.token}"})
        response.raise_for_status()
        return response.json()

    def call(self, domain: str, service: str, **data) -> None:
        requests.post(f"{self.url}/api/services/{domain}/{service}", json=data, timeout=10,
                      headers={"Authorization": f"Bearer {self.token}"}).raise_for_status()

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start(config_dir: Path, timeout: float = 90.0) -> RunningHomeAssistant:
    """Start HA in `config_dir`, onboard it, create floors and areas, place and alias entities."""
    began = time.monotonic()
    port = free_port()
    config_dir.mkdir(parents=True, exist_ok=True)
    (config_dir / "configuration.yaml").write_text(CONFIGURATION.format(port=port), encoding="utf-8")
    log = (config_dir / "hass.out").open("wb")
    process = subprocess.Popen([str(venv() / "bin" / "hass"), "-c", str(config_dir), "--skip-pip"],
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_up(url, process, began + timeout)
        token = _onboard(url)
        running = RunningHomeAssistant(url, token, process, 0.0)
        _wait_entities(running, began + timeout)
        _furnish(running)
        running.started_s = round(time.monotonic() - began, 1)
        return running
    except BaseException:
        process.kill()
        raise


def _wait_up(url: str, process: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"hass exited with {process.returncode}")
        try:
            if requests.get(f"{url}/api/onboarding", timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError("Home Assistant did not start in time")


def _onboard(url: str) -> str:
    """The owner's account through the onboarding API, then a long-lived token."""
    user = requests.post(f"{url}/api/onboarding/users", timeout=30, json={
        "client_id": CLIENT_ID, "name": "Test", "username": "test", "password": "test-password-1",
        "language": "en"})
    user.raise_for_status()
    tokens = requests.post(f"{url}/auth/token", timeout=10, data={
        "grant_type": "authorization_code", "code": user.json()["auth_code"], "client_id": CLIENT_ID})
    tokens.raise_for_status()
    access = tokens.json()["access_token"]
    with connect(url.replace("http", "ws", 1) + "/api/websocket") as socket_:
        socket_.recv()
        socket_.send(json.dumps({"type": "auth", "access_token": access}))
        socket_.recv()
        socket_.send(json.dumps({"id": 1, "type": "auth/long_lived_access_token",
                                 "client_name": "assistant tests", "lifespan": 30}))
        return json.loads(socket_.recv())["result"]


def _wait_entities(running: RunningHomeAssistant, deadline: float) -> None:
    while time.monotonic() < deadline:
        entries = running.ws({"type": "config/entity_registry/list"})[0]
        if set(PLACEMENT) <= {e["entity_id"] for e in entries}:
            return
        time.sleep(0.5)
    raise TimeoutError("Home Assistant did not register the test entities in time")


def _furnish(running: RunningHomeAssistant) -> None:
    for floor in FLOORS:
        running.ws({"type": "config/floor_registry/create", **floor})
    existing = {a["name"]: a["area_id"] for a in running.ws({"type": "config/area_registry/list"})[0]}
    for name, floor, aliases in AREAS:  # onboarding made a Kitchen, a Living Room and a Bedroom
        if name in existing:
            running.ws({"type": "config/area_registry/update", "area_id": existing[name],
                        "floor_id": floor, "aliases": aliases})
        else:
            running.ws({"type": "config/area_registry/create", "name": name, "floor_id": floor,
                        "aliases": aliases})
    for entity_id, (area, aliases) in PLACEMENT.items():
        running.ws({"type": "config/entity_registry/update", "entity_id": entity_id,
                    "area_id": area, "aliases": aliases})
    for entity_id in HELPERS:  # the template devices' insides are not devices of the home
        running.ws({"type": "config/entity_registry/update", "entity_id": entity_id, "hidden_by": "user"})


# ------------------------------------------------------------------ any home file, mirrored in Home Assistant
def _act(action: str, entity: str, **data) -> dict:
    return {"action": action, "target": {"entity_id": entity}, **({"data": data} if data else {})}


def mirror_configuration(spec, port: int) -> tuple[str, dict]:
    """A configuration.yaml whose entities are the home file's (same ids, kinds and states), each a
    template entity over helpers (`<object id>_on`, `_level`, `_rgb`), so every change shows."""
    import yaml

    helpers: dict[str, dict] = {"input_boolean": {}, "input_number": {}, "input_text": {}}
    sections: dict[str, list] = {"light": [], "switch": [], "fan": [], "cover": [], "lock": [],
                                 "alarm_control_panel": [], "media_player": [], "climate": []}
    template_sensors: list[dict] = []
    for entity in spec.entities:
        _mirror(entity, helpers, sections, template_sensors)
    config: dict = {"homeassistant": {"name": "Mirror", "time_zone": "UTC", "unit_system": "metric",
                                      "latitude": 52.37, "longitude": 4.89, "elevation": 0},
                    "http": {"server_host": "127.0.0.1", "server_port": port}, "api": None,
                    "websocket_api": None, "config": None, "logger": {"default": "warning"},
                    **{k: v for k, v in helpers.items() if v}}
    if template_sensors:
        config["template"] = [{"sensor": template_sensors}]
    for domain, platforms in sections.items():
        if platforms:
            config[domain] = platforms
    initial = {f"{kind}.{key}": item["initial"] for kind, items in helpers.items() for key, item in items.items()}
    initial.update({e.id: e.attributes.get("temperature", 20) for e in spec.entities if e.id.startswith("climate.")})
    return yaml.safe_dump(config, sort_keys=False), initial


def _mirror(entity, helpers, sections, template_sensors) -> None:
    domain, key = entity.id.split(".", 1)
    attrs, on = entity.attributes, f"input_boolean.{key}_on"
    is_on = entity.state not in ("off", "closed", "locked", "disarmed")
    helpers["input_boolean"][f"{key}_on"] = {"name": f"{key} on", "initial": is_on}
    power = {"turn_on": [_act("input_boolean.turn_on", on)], "turn_off": [_act("input_boolean.turn_off", on)]}
    if domain == "light":
        light = {"unique_id": key, "friendly_name": entity.name, "value_template": f"{{{{ is_state('{on}', 'on') }}}}", **power}
        if "brightness" in attrs:
            level = f"input_number.{key}_level"
            helpers["input_number"][f"{key}_level"] = {"name": f"{key} level", "min": 0, "max": 255,
                                                       "initial": round(attrs["brightness"] * 255 / 100)}
            light["level_template"] = f"{{{{ states('{level}') | int }}}}"
            light["set_level"] = [_act("input_number.set_value", level, value="{{ brightness }}"), _act("input_boolean.turn_on", on)]
        if "color" in attrs:
            from assistant.experts.smart_home.colors import CSS_RGB
            rgb = f"input_text.{key}_rgb"
            helpers["input_text"][f"{key}_rgb"] = {"name": f"{key} rgb", "initial": ",".join(map(str, CSS_RGB[attrs["color"]]))}
            light["rgb_template"] = f"({{{{ states('{rgb}') }}}})"
            light["set_rgb"] = [_act("input_text.set_value", rgb, value="{{ r }},{{ g }},{{ b }}"), _act("input_boolean.turn_on", on)]
        sections["light"].append({"platform": "template", "lights": {key: light}})
    elif domain == "switch":
        sections["switch"].append({"platform": "template", "switches": {key: {
            "unique_id": key, "friendly_name": entity.name, "value_template": f"{{{{ is_state('{on}', 'on') }}}}", **power}}})
    elif domain == "fan":
        speed = f"input_number.{key}_level"
        helpers["input_number"][f"{key}_level"] = {"name": f"{key} speed", "min": 0, "max": 100, "initial": attrs.get("percentage", 0)}
        sections["fan"].append({"platform": "template", "fans": {key: {
            "unique_id": key, "friendly_name": entity.name, "value_template": f"{{{{ states('{on}') }}}}",
            "percentage_template": f"{{{{ states('{speed}') | int if is_state('{on}', 'on') else 0 }}}}", **power,
            "set_percentage": [_act("input_number.set_value", speed, value="{{ percentage }}"),
                               {"action": "input_boolean.turn_{{ 'on' if percentage > 0 else 'off' }}", "target": {"entity_id": on}}]}}})
    elif domain == "cover":
        cover = {"unique_id": key, "friendly_name": entity.name, "value_template": f"{{{{ is_state('{on}', 'on') }}}}",
                 "open_cover": [_act("input_boolean.turn_on", on)], "close_cover": [_act("input_boolean.turn_off", on)]}
        if "position" in attrs:
            position = f"input_number.{key}_level"
            helpers["input_number"][f"{key}_level"] = {"name": f"{key} position", "min": 0, "max": 100, "initial": attrs["position"]}
            del cover["value_template"]
            cover["position_template"] = f"{{{{ states('{position}') | int }}}}"
            cover["open_cover"] = [_act("input_number.set_value", position, value=100)]
            cover["close_cover"] = [_act("input_number.set_value", position, value=0)]
            cover["set_cover_position"] = [_act("input_number.set_value", position, value="{{ position }}")]
        if attrs.get("device_class"):
            cover["device_class"] = attrs["device_class"]
        sections["cover"].append({"platform": "template", "covers": {key: cover}})
    elif domain == "lock":
        sections["lock"].append({"platform": "template", "name": key, "unique_id": key,
                                 "value_template": f"{{{{ is_state('{on}', 'off') }}}}",
                                 "lock": [_act("input_boolean.turn_off", on)], "unlock": [_act("input_boolean.turn_on", on)]})
    elif domain == "media_player":
        volume = f"input_number.{key}_level"
        helpers["input_number"][f"{key}_level"] = {"name": f"{key} volume", "min": 0, "max": 1, "step": 0.01,
                                                   "initial": attrs.get("volume", 0) / 100}
        sections["media_player"].append({"platform": "universal", "name": key, "unique_id": key,
                                         "state_template": f"{{{{ 'idle' if is_state('{on}', 'on') else 'off' }}}}",
                                         "attributes": {"volume_level": volume},
                                         "commands": {"turn_on": _act("input_boolean.turn_on", on),
                                                      "turn_off": _act("input_boolean.turn_off", on),
                                                      "volume_set": _act("input_number.set_value", volume, value="{{ volume_level }}")}})
    elif domain == "climate":
        sensor = f"{key}_current"
        template_sensors.append({"name": sensor, "unique_id": sensor, "state": str(attrs.get("current_temperature", 20)),
                                 "unit_of_measurement": "°C", "device_class": "temperature"})
        sections["climate"].append({"platform": "generic_thermostat", "name": key, "unique_id": key,
                                    "heater": on, "target_sensor": f"sensor.{sensor}", "target_temp": attrs.get("temperature", 20),
                                    "min_temp": attrs.get("min_temp", 7), "max_temp": attrs.get("max_temp", 35),
                                    "initial_hvac_mode": "off" if entity.state == "off" else "heat"})
    else:
        raise ValueError(f"{entity.id}: no mirror for {domain} yet")


def mirror_furnish(running: RunningHomeAssistant, spec) -> None:
    """Floors, areas, and each entity's area, aliases and name as in the home file; helpers hidden."""
    levels = {f.id: (f.level if f.level is not None else i) for i, f in enumerate(spec.floors)}
    floor_ids = {}
    for floor in spec.floors:
        made = running.ws({"type": "config/floor_registry/create", "name": floor.name, "level": levels[floor.id],
                           "aliases": floor.aliases})[0]
        floor_ids[floor.id] = made["floor_id"]
    existing = {a["name"]: a["area_id"] for a in running.ws({"type": "config/area_registry/list"})[0]}
    area_ids = {}
    for area in spec.areas:
        fields = {"floor_id": floor_ids.get(area.floor), "aliases": area.aliases}
        if area.name in existing:
            made = running.ws({"type": "config/area_registry/update", "area_id": existing[area.name], **fields})[0]
        else:
            made = running.ws({"type": "config/area_registry/create", "name": area.name, **fields})[0]
        area_ids[area.id] = made["area_id"]
    entries = running.ws({"type": "config/entity_registry/list"})[0]
    for entry in entries:
        if entry["platform"] in ("input_boolean", "input_number", "input_text") or entry["entity_id"].startswith("sensor."):
            running.ws({"type": "config/entity_registry/update", "entity_id": entry["entity_id"], "hidden_by": "user"})
    for entity in spec.entities:
        running.ws({"type": "config/entity_registry/update", "entity_id": entity.id, "name": entity.name,
                    "area_id": area_ids.get(entity.area), "aliases": entity.aliases})


def start_mirror(config_dir: Path, spec, timeout: float = 90.0) -> RunningHomeAssistant:
    """A Home Assistant holding the home file's home; `reset_mirror` puts its first states back."""
    began = time.monotonic()
    port = free_port()
    config_dir.mkdir(parents=True, exist_ok=True)
    text, initial = mirror_configuration(spec, port)
    (config_dir / "configuration.yaml").write_text(text, encoding="utf-8")
    log = (config_dir / "hass.out").open("wb")
    process = subprocess.Popen([str(venv() / "bin" / "hass"), "-c", str(config_dir), "--skip-pip"],
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_up(url, process, began + timeout)
        running = RunningHomeAssistant(url, _onboard(url), process, 0.0, initial)
        missing = {e.id for e in spec.entities}
        while missing:
            missing -= {e["entity_id"] for e in running.ws({"type": "config/entity_registry/list"})[0]}
            if time.monotonic() > began + timeout:
                raise TimeoutError(f"the mirrored entities did not register in time: {sorted(missing)}")
            time.sleep(0.5)
        mirror_furnish(running, spec)
        running.started_s = round(time.monotonic() - began, 1)
        return running
    except BaseException:
        process.kill()
        raise


def reset_mirror(running: RunningHomeAssistant) -> None:
    """Every helper back to its first value (the home file's states)."""
    states = {s["entity_id"]: s for s in running.ws({"type": "get_states"})[0]}
    for entity_id, initial in (running.initial or {}).items():
        domain, now = entity_id.split(".")[0], states.get(entity_id, {}).get("state")
        if domain == "climate":  # the thermostat's target: no helper, its own service
            if float_or(states[entity_id]["attributes"].get("temperature")) != float_or(initial):
                running.call(domain, "set_temperature", entity_id=entity_id, temperature=initial)
        elif domain == "input_boolean" and now != ("on" if initial else "off"):
            running.call(domain, f"turn_{'on' if initial else 'off'}", entity_id=entity_id)
        elif domain != "input_boolean" and float_or(now) != float_or(initial):
            running.call(domain, "set_value", entity_id=entity_id, value=initial)


def float_or(value):
    try:
        return float(value)
    except (TypeError, ValueError):
        return value
