"""The Home Assistant service calls that take an entity from the state it is in to the state the
expert planned (`changes.py`): an action, or an undo back to the state read before it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from assistant.experts.smart_home.colors import css_color
from assistant.experts.smart_home.ha_import import ha_domain
from assistant.experts.smart_home.store import Device

SET_POSITION = 4  # CoverEntityFeature.SET_POSITION
ALARM_SERVICES = {"disarmed": "alarm_disarm", "armed_home": "alarm_arm_home", "armed_away": "alarm_arm_away",
                  "armed_night": "alarm_arm_night", "armed_vacation": "alarm_arm_vacation"}


@dataclass(frozen=True)
class ServiceCall:
    domain: str
    service: str
    data: dict[str, Any] = field(default_factory=dict)

    def body(self, entity_id: str) -> dict[str, Any]:
        return {"entity_id": entity_id, **self.data}


class CannotPlan(ValueError):
    """No service of the entity's domain reaches that state."""


def calls(device: Device, state: str, attributes: dict[str, Any]) -> list[ServiceCall]:
    """The calls (none if nothing differs) that make `device` have `state` and `attributes`."""
    domain = ha_domain(device.id)
    now, before = device.attributes, device.state
    changed = {k: v for k, v in attributes.items() if now.get(k) != v}
    if state == before and not changed:
        return []
    planner = PLANNERS.get(domain)
    if planner is None:
        raise CannotPlan(f"{device.name} ({domain}) cannot be changed")
    return planner(domain, before, state, changed, device)


def _switch(domain: str, before: str, state: str, changed: dict, device: Device) -> list[ServiceCall]:
    return [ServiceCall(domain, "turn_on" if state == "on" else "turn_off")] if state != before else []


def _light(domain: str, before: str, state: str, changed: dict, device: Device) -> list[ServiceCall]:
    if state == "off":
        return [ServiceCall(domain, "turn_off")] if before != "off" else []
    data: dict[str, Any] = {}
    if "brightness" in changed and changed["brightness"]:
        data["brightness_pct"] = changed["brightness"]
    if "color" in changed:
        name = css_color(str(changed["color"]))
        if name is None:
            raise CannotPlan(f"{changed['color']!r} is not a colour name")
        data["color_name"] = name
    return [ServiceCall(domain, "turn_on", data)] if data or before != "on" else []


def _fan(domain: str, before: str, state: str, changed: dict, device: Device) -> list[ServiceCall]:
    if state == "off":
        return [ServiceCall(domain, "turn_off")] if before != "off" else []
    if changed.get("percentage"):
        return [ServiceCall(domain, "set_percentage", {"percentage": changed["percentage"]})]
    return [ServiceCall(domain, "turn_on")] if before != "on" else []


def _cover(domain: str, before: str, state: str, changed: dict, device: Device) -> list[ServiceCall]:
    features = int(device.attributes.get("supported_features", 0) or 0)
    position = changed.get("position")
    if position is not None and features & SET_POSITION and position not in (0, 100):
        return [ServiceCall(domain, "set_cover_position", {"position": position})]
    opened = position == 100 if position is not None else state in ("open", "opening")
    if state == before and position is None:
        return []
    return [ServiceCall(domain, "open_cover" if opened else "close_cover")]


def _climate(domain: str, before: str, state: str, changed: dict, device: Device) -> list[ServiceCall]:
    planned = []
    if state != before:
        planned.append(ServiceCall(domain, "set_hvac_mode", {"hvac_mode": state}))
    if "temperature" in changed:
        planned.append(ServiceCall(domain, "set_temperature", {"temperature": changed["temperature"]}))
    return planned


def _media_player(domain: str, before: str, state: str, changed: dict, device: Device) -> list[ServiceCall]:
    planned = []
    if state == "off" and before != "off":
        planned.append(ServiceCall(domain, "turn_off"))
    elif state != "off" and before == "off":
        planned.append(ServiceCall(domain, "turn_on"))
    if "volume" in changed:
        planned.append(ServiceCall(domain, "volume_set", {"volume_level": round(changed["volume"] / 100, 2)}))
    return planned


def _lock(domain: str, before: str, state: str, changed: dict, device: Device) -> list[ServiceCall]:
    if state == before:
        return []
    if state not in ("locked", "unlocked"):
        raise CannotPlan(f"a lock cannot be made {state}")
    return [ServiceCall(domain, "lock" if state == "locked" else "unlock")]


def _alarm(domain: str, before: str, state: str, changed: dict, device: Device) -> list[ServiceCall]:
    if state == before:
        return []
    if state not in ALARM_SERVICES:
        raise CannotPlan(f"an alarm panel cannot be made {state}")
    return [ServiceCall(domain, ALARM_SERVICES[state])]


PLANNERS = {"light": _light, "switch": _switch, "input_boolean": _switch, "fan": _fan, "cover": _cover,
            "climate": _climate, "media_player": _media_player, "lock": _lock,
            "alarm_control_panel": _alarm}
