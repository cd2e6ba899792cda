"""The Home Assistant backend against a real Home Assistant started on loopback (once per session,
from the venv scripts/setup_home_assistant.sh installs; skipped with the reason when there is none)."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

import assistant.experts.smart_home as smart_home
from assistant import testing
from assistant.config import HomeConfig
from assistant.doctor.system import home as doctor_home
from assistant.experts.smart_home import apis, backend, setters
from assistant.experts.smart_home.backend import HomeBackendError
from assistant.experts.smart_home.home_assistant import connect_home
from assistant.pipeline import execute
from tests import home_assistant_server

pytestmark = pytest.mark.skipif(home_assistant_server.unavailable_reason() is not None,
                                reason=home_assistant_server.unavailable_reason() or "")


@pytest.fixture(scope="session")
def real_ha(tmp_path_factory):
    running = home_assistant_server.start(tmp_path_factory.mktemp("home-assistant"))
    print(f"Home Assistant up and furnished in {running.started_s} s at {running.url}")
    yield running
    running.stop()


@pytest.fixture
def home(real_ha):
    return connect_home(real_ha.url, real_ha.token, registry_ttl=0)


def context(home, said):
    ctx = testing.expert_context(smart_home.EXPERT, said=said)
    backend.attach(ctx.db, home)
    return ctx


def test_floors_areas_entities_and_aliases_are_imported(home):
    found = home.read_home()
    assert {f.name: f.aliases for f in found.floors} == {"Ground Floor": ("downstairs",), "First Floor": ("upstairs",)}
    assert found.area("living_room").aliases == ("lounge",)
    devices = {d.id: d for d in found.devices}
    assert devices["fan.bedroom_fan"].aliases == ("ceiling fan",)
    assert devices["input_boolean.coffee_maker"].domain == "switch"
    assert "input_boolean.kitchen_light" not in devices  # hidden helper


CASES = [  # said, api, args, entity, what Home Assistant shows after
    ("turn on the kitchen light", apis.turn_on, {"device": "kitchen light"}, "light.kitchen_light",
     lambda s: s["state"] == "on"),
    ("dim the kitchen light to 40 percent", setters.set_brightness, {"brightness": 40, "device": "kitchen light"},
     "light.kitchen_light", lambda s: s["attributes"]["brightness"] == 102),
    ("set the shades in the lounge to 30", setters.set_position, {"position": 30, "device": "shades", "area": "lounge"},
     "cover.living_room_blinds", lambda s: s["attributes"]["current_position"] == 30),
    ("ceiling fan to 60 percent", setters.set_fan_speed, {"percentage": 60, "device": "ceiling fan"},
     "fan.bedroom_fan", lambda s: s["attributes"]["percentage"] == 60),
    ("set the thermostat to 22", setters.set_temperature, {"temperature": 22, "device": "thermostat"},
     "climate.living_room_thermostat", lambda s: s["attributes"]["temperature"] == 22),
    ("switch on the coffee machine", apis.turn_on, {"device": "coffee machine"}, "input_boolean.coffee_maker",
     lambda s: s["state"] == "on"),
    ("unlock the front door", apis.unlock, {"device": "front door"}, "lock.front_door",
     lambda s: s["state"] == "unlocked"),
    ("open the garage door", apis.open, {"device": "garage door"}, "cover.garage_door",
     lambda s: s["state"] == "open"),
    ("disarm the security system", apis.disarm, {"device": "security system"}, "alarm_control_panel.house_alarm",
     lambda s: s["state"] == "disarmed"),
    ("arm the alarm for the night", apis.arm, {"device": "alarm"}, "alarm_control_panel.house_alarm",
     lambda s: s["state"] == "armed_night"),
]


@pytest.mark.parametrize("said, func, args, entity, shows", CASES, ids=[c[0] for c in CASES])
def test_an_action_changes_the_entity_and_undo_restores_it(home, real_ha, said, func, args, entity, shows):
    before = real_ha.state(entity)
    ctx = context(home, said)
    result = func(ctx, **args)
    assert result.ok, result.reply
    assert shows(real_ha.state(entity)), real_ha.state(entity)
    assert result.data["devices"][0]["id"] == entity  # read back after the call
    testing.undo(ctx, smart_home.EXPERT, func.__name__, result)
    after = real_ha.state(entity)
    assert (after["state"], after["attributes"]) == (before["state"], before["attributes"])


def test_locks_garage_doors_and_alarm_panels_ask_first_on_a_real_home(home):
    db = context(home, "").db
    assert setters.confirmation_policy(db, "unlock", {"device": "front door"}, said="unlock the front door") \
        == "This would unlock Front Door."
    assert setters.confirmation_policy(db, "open", {"device": "garage"}, said="open the garage") \
        == "This would open Garage Door."
    assert setters.confirmation_policy(db, "disarm", {"device": "alarm"}, said="disarm the alarm") \
        == "This would disarm House Alarm."
    assert setters.confirmation_policy(db, "set_brightness", {"device": "kitchen light", "brightness": 20},
                                       said="kitchen light to 20") is None


def test_entities_added_aliased_and_removed_are_seen_without_a_restart(home, real_ha):
    real_ha.ws({"type": "config/entity_registry/update", "entity_id": "light.hallway_light",
                "aliases": ["entry light", "porch lamp"]})
    assert apis.turn_on(context(home, "turn on the porch lamp"), device="porch lamp").ok
    assert real_ha.state("light.hallway_light")["state"] == "on"
    created = real_ha.ws({"type": "input_boolean/create", "name": "Desk Lamp"})[0]
    entity = f"input_boolean.{created['id']}"
    assert apis.turn_on(context(home, "turn on the desk lamp"), device="desk lamp").ok
    assert real_ha.state(entity)["state"] == "on"
    read = home.read_home()  # the home as read just before the helper is deleted
    real_ha.ws({"type": "input_boolean/delete", "input_boolean_id": created["id"]})
    assert entity in {d.id for d in read.devices}
    with pytest.raises(HomeBackendError, match="no longer in Home Assistant; nothing was changed"):
        home.write_states([{"id": entity, "state": "off", "attributes": {}}])
    gone = apis.turn_off(context(home, "turn off the desk lamp"), device="desk lamp")
    assert not gone.ok and entity not in gone.reply


def test_a_registry_event_shows_an_alias_and_an_area_at_once_without_the_ttl(real_ha):
    import time

    home = connect_home(real_ha.url, real_ha.token, registry_ttl=3600)  # the TTL would never expire here
    home.read_home()
    deadline = time.monotonic() + 10
    while not home.watch.live and time.monotonic() < deadline:
        time.sleep(0.05)
    assert home.watch.live
    entity = "light.hallway_light"
    before = next(d for d in home.read_home().devices if d.id == entity)
    real_ha.ws({"type": "config/entity_registry/update", "entity_id": entity,
                "aliases": [*before.aliases, "reading lamp"], "area_id": "garage"})
    try:
        started = time.monotonic()
        while time.monotonic() - started < 5:
            seen = next(d for d in home.read_home().devices if d.id == entity)
            if "reading lamp" in seen.aliases:
                break
            time.sleep(0.05)
        assert "reading lamp" in seen.aliases and seen.area_id == "garage"
        print(f"seen {time.monotonic() - started:.2f} s after the registry update ({home.watch.events} events)")
        assert apis.turn_on(context(home, "turn on the reading lamp"), device="reading lamp").ok
        assert real_ha.state(entity)["state"] == "on"
    finally:
        real_ha.ws({"type": "config/entity_registry/update", "entity_id": entity,
                    "aliases": list(before.aliases), "area_id": before.area_id})
        home.close()


def test_a_wrong_token_and_an_unreachable_home_change_nothing(real_ha):
    ctx = context(connect_home(real_ha.url, "not-the-token"), "turn on the coffee machine")
    before = real_ha.state("input_boolean.coffee_maker")["state"]
    result = execute(smart_home.EXPERT.api("turn_on"), {"device": "coffee machine"}, ctx)
    assert not result.ok and "refused the token" in result.reply and "not-the-token" not in result.reply
    assert real_ha.state("input_boolean.coffee_maker")["state"] == before


def test_the_doctor_reports_the_connection_without_the_token(real_ha, monkeypatch):
    monkeypatch.setenv("ASSISTANT_HA_TOKEN", real_ha.token)
    check = doctor_home(HomeConfig(backend="home_assistant", url=real_ha.url))
    assert check.status == "ok", check.detail
    assert check.detail.startswith(f"Home Assistant {home_assistant_server.HA_VERSION} at {real_ha.url}")
    assert real_ha.token not in check.detail
    bad = doctor_home(HomeConfig(backend="home_assistant", url=real_ha.url, token="wrong"))
    assert bad.status == "fail" and "refused the token" in bad.detail


def _models_installed() -> bool:
    from assistant.config import Settings
    from assistant.llm.roles import ModelRoles
    return all(row["installed"] for row in ModelRoles(Settings()).describe())


@pytest.mark.real_model
@pytest.mark.skipif(not _models_installed(), reason="model files missing: run `assistant models install`")
def test_turn_on_the_kitchen_light_through_the_pipeline_changes_home_assistant(real_ha, tmp_path):
    real_ha.call("light", "turn_off", entity_id="light.kitchen_light")
    config = tmp_path / "config.toml"
    config.write_text(f'[home]\nbackend = "home_assistant"\nurl = "{real_ha.url}"\n')
    env = {**os.environ, "ASSISTANT_CONFIG": str(config), "ASSISTANT_HA_TOKEN": real_ha.token}
    result = subprocess.run([sys.executable, "-m", "assistant.cli.main", "ask", "turn on the kitchen light", "--json"],
                            capture_output=True, text=True, env=env, timeout=600)
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert (reply["expert"], reply["api"], reply["ok"]) == ("smart_home", "turn_on", True), reply
    assert real_ha.state("light.kitchen_light")["state"] == "on"
    assert real_ha.token not in result.stdout + result.stderr


@pytest.fixture(scope="session")
def dev_home_in_ha(tmp_path_factory):
    """The dev set's home mirrored in a second Home Assistant (same entity ids, names, areas, states)."""
    from assistant.experts.smart_home.home_file import load_home_file
    from tests.conftest import DEV_HOME
    running = home_assistant_server.start_mirror(tmp_path_factory.mktemp("mirror"), load_home_file(DEV_HOME))
    yield running
    running.stop()


@pytest.mark.real_model
@pytest.mark.skipif(not _models_installed(), reason="model files missing: run `assistant models install`")
def test_the_dev_sets_smart_home_lines_score_the_same_on_home_assistant(dev_home_in_ha):
    from pathlib import Path
    from assistant.app import default_registry
    from assistant.config import Settings
    from assistant.evaluation.cases import load_cases
    from assistant.evaluation.runner import fresh_assistant, run_case, run_turn
    from assistant.llm.roles import ModelRoles

    cases = [c for c in load_cases(Path(__file__).parent / "data" / "dev_eval.jsonl")
             if c.expect.expert == "smart_home"]
    roles, registry = ModelRoles(Settings()), default_registry()
    simulated = [run_case(case, roles, registry) for case in cases]
    real = []
    for case in cases:
        home_assistant_server.reset_mirror(dev_home_in_ha)
        assistant = fresh_assistant(case, roles, registry)
        registry.service("attach_home")(assistant.db, "home_assistant", url=dev_home_in_ha.url,
                                        token=dev_home_in_ha.token, registry_ttl=60)
        real.append(run_turn(assistant, case))
    for a, b in zip(simulated, real):
        print("sqlite", "PASS" if a.passed else "FAIL", "| HA", "PASS" if b.passed else "FAIL", a.id, a.text, b.problems)
    print(f"smart-home lines: simulated {sum(r.passed for r in simulated)}/{len(cases)}, "
          f"Home Assistant {sum(r.passed for r in real)}/{len(cases)}")
    assert [r.passed for r in real] == [r.passed for r in simulated]
