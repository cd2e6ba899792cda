"""Home Assistant's registries and states, read into the expert's `Home`: floors, areas, and one
`Device` per entity the expert can work with, its attributes in the expert's units (brightness,
volume and position in percent; a colour by CSS name)."""
from __future__ import annotations

from typing import Any

from assistant.experts.smart_home.colors import CSS_RGB
from assistant.experts.smart_home.store import Area, Device, Floor, Home

# Home Assistant domain -> the expert's kind of device (what it resolves, describes, confirms)
KINDS = {"light": "light", "switch": "switch", "input_boolean": "switch", "fan": "fan", "cover": "cover",
         "climate": "climate", "lock": "lock", "media_player": "media_player",
         "alarm_control_panel": "alarm_control_panel", "sensor": "sensor", "binary_sensor": "binary_sensor"}
KEPT = ("device_class", "min_temp", "max_temp", "current_temperature", "percentage_step", "supported_features",
        "hvac_modes")
COLOR_MODES = {"hs", "rgb", "rgbw", "rgbww", "xy"}


def ha_domain(entity_id: str) -> str:
    return entity_id.split(".", 1)[0]


def build_home(floors: list[dict], areas: list[dict], devices: list[dict], entities: list[dict],
               states: list[dict]) -> Home:
    """The home from `config/floor_registry/list`, `config/area_registry/list`,
    `config/device_registry/list`, `config/entity_registry/list` and `get_states`."""
    return Home([_floor(f) for f in floors], [_area(a) for a in areas],
                read_devices(devices, entities, states))


def read_devices(devices: list[dict], entities: list[dict], states: list[dict]) -> list[Device]:
    """A device per state whose domain the expert knows, minus disabled, hidden and config entities
    and those of Home Assistant's own services; its area is the entity's own, else its device's."""
    device_areas = {d["id"]: d.get("area_id") for d in devices}
    services = {d["id"] for d in devices if d.get("entry_type") == "service"}  # HA's own (backup, ...)
    registry = {e["entity_id"]: e for e in entities}
    found = []
    for state in states:
        entity_id = state["entity_id"]
        entry = registry.get(entity_id, {})
        if ha_domain(entity_id) not in KINDS or entry.get("disabled_by") or entry.get("hidden_by") \
                or entry.get("entity_category") or entry.get("device_id") in services:
            continue
        area = entry.get("area_id") or device_areas.get(entry.get("device_id"))
        found.append(device(state, area, tuple(entry.get("aliases") or ())))
    return found


def device(state: dict, area_id: str | None = None, aliases: tuple[str, ...] = ()) -> Device:
    """One entity's state as a Device (area and aliases from the registries)."""
    entity_id, attrs = state["entity_id"], state.get("attributes") or {}
    name = attrs.get("friendly_name") or entity_id.split(".", 1)[1].replace("_", " ").title()
    kind = KINDS[ha_domain(entity_id)]
    return Device(entity_id, name, area_id, kind, str(state.get("state")),
                  attributes(kind, str(state.get("state")), attrs), tuple(a for a in aliases if a))


def attributes(kind: str, state: str, attrs: dict[str, Any]) -> dict[str, Any]:
    """The expert's attributes of an entity: levels in percent, a colour by name."""
    out = {k: attrs[k] for k in KEPT if attrs.get(k) is not None}
    if kind == "light":
        modes = set(attrs.get("supported_color_modes") or ())
        if attrs.get("brightness") is not None:  # none when off: turning on restores HA's last level
            out["brightness"] = round(attrs["brightness"] * 100 / 255)
        if modes & COLOR_MODES:
            out["color"] = color_name(attrs.get("rgb_color"))
    elif kind == "fan" and "percentage" in attrs:
        out["percentage"] = attrs["percentage"] or 0
    elif kind == "cover" and attrs.get("current_position") is not None:
        out["position"] = round(attrs["current_position"])
    elif kind == "climate" and attrs.get("temperature") is not None:
        out["temperature"] = attrs["temperature"]
    elif kind == "media_player" and attrs.get("volume_level") is not None:
        out["volume"] = round(attrs["volume_level"] * 100)
    return out


def color_name(rgb: list[int] | None) -> str:
    """The CSS name of an RGB colour, the nearest one (white when the light reports none)."""
    if not rgb:
        return "white"
    return min(CSS_RGB, key=lambda name: sum((a - b) ** 2 for a, b in zip(CSS_RGB[name], rgb)))


def _floor(entry: dict) -> Floor:
    return Floor(entry["floor_id"], entry["name"], entry.get("level"), tuple(entry.get("aliases") or ()))


def _area(entry: dict) -> Area:
    return Area(entry["area_id"], entry["name"], entry.get("floor_id"), tuple(entry.get("aliases") or ()))
