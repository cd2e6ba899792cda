"""Pure state arithmetic: what a device looks like after on/off, a new value, or a step."""
from __future__ import annotations

import re
from typing import Any

from assistant.experts.smart_home.levels import End
from assistant.experts.smart_home.store import Device

LEVEL = {"light": "brightness", "fan": "percentage", "cover": "position",
         "media_player": "volume", "climate": "temperature"}
ATTRIBUTE_DOMAINS = {
    "brightness": {"light"}, "color": {"light"}, "temperature": {"climate"},
    "position": {"cover"}, "volume": {"media_player"},
    "percentage": {"fan", "light", "cover", "media_player"},  # "50 percent" on whatever it is
}
DEFAULT_TEMPERATURE_RANGE = (7.0, 35.0)
GARAGE_WORDS = {"garage", "gate"}
ENTRY_WORDS = GARAGE_WORDS | {"opener", "buzzer", "intercom"}  # what a switch that opens a way in is called

State = tuple[str, dict[str, Any]]


def snapshot(device: Device) -> dict[str, Any]:
    return {"id": device.id, "state": device.state, "attributes": dict(device.attributes)}


def switched(device: Device, on: bool, armed: str = "armed_away") -> State:
    """The state after turn_on/turn_off (cover: open/close; climate: heat/off; an alarm panel:
    `armed` / disarmed)."""
    attrs, domain = dict(device.attributes), device.domain
    if domain == "alarm_control_panel":
        return (armed if device.state == "disarmed" else device.state) if on else "disarmed", attrs
    if domain == "cover":
        return moved(device, on)
    if domain == "climate":
        return (running_mode(device) if device.state == "off" else device.state) if on else "off", attrs
    if domain == "media_player":
        return ("on" if device.state == "off" else device.state) if on else "off", attrs  # as Home Assistant's TVs
    if domain == "light" and on and attrs.get("brightness", 100) == 0:
        attrs["brightness"] = 100
    if domain == "fan" and "percentage" in attrs:
        attrs["percentage"] = (attrs["percentage"] or 100) if on else 0
    return ("on" if on else "off"), attrs


# what each media action does to a player: its new state (None: as it was), and its muting
MEDIA_ACTIONS: dict[str, tuple[str | None, bool | None]] = {
    "pause": ("paused", None), "resume": ("playing", None), "stop": ("idle", None),
    "next": ("playing", None), "previous": ("playing", None), "mute": (None, True), "unmute": (None, False),
}


def played(device: Device, action: str) -> State:
    """The player's state after a media action (a player that is off is left off but for muting)."""
    state, muted = MEDIA_ACTIONS[action]
    attrs = dict(device.attributes)
    if muted is not None:
        attrs["muted"] = muted
    if state is None or (device.state == "off" and action in ("pause", "stop")):
        return device.state, attrs
    return state, attrs


def moved(device: Device, opened: bool) -> State:
    attrs = dict(device.attributes)
    if "position" in attrs:
        attrs["position"] = 100 if opened else 0
    return ("open" if opened else "closed"), attrs


def level_value(device: Device, values: dict[str, Any]) -> tuple[str, Any] | None:
    """The (attribute, value) of `values` that applies to the device's level, if any."""
    own = LEVEL.get(device.domain)
    if own is None or only_on_off(device):
        return None
    if own in values:
        return own, values[own]
    if "percentage" in values and own != "temperature":
        return own, values["percentage"]
    return None


def only_on_off(device: Device) -> bool:
    """A light that is on and reports no brightness: it only turns on and off (one that is off may be a
    Home Assistant light that reports its brightness only while on)."""
    return device.domain == "light" and device.state == "on" and "brightness" not in device.attributes


def with_values(device: Device, values: dict[str, Any]) -> tuple[State, dict[str, Any], bool] | None:
    """(state after setting `values`, what was applied, whether a value was clamped to the
    device's range); None if none of the values applies to this device. A heater that is off,
    given a temperature, heats to it ("set the den heater to 21", "turn on the heater at 22")."""
    applied: dict[str, Any] = {}
    clamped = False
    level = level_value(device, values)
    if level:
        attribute, value = level
        if isinstance(value, End):
            value = limit(device, attribute, value)
        if attribute == "temperature":
            value, clamped = clamp_temperature(device, value)
        else:
            value, clamped = clamp_percent(value)
        applied[attribute] = value
    if device.domain == "light" and "color" in values and "color" in device.attributes:
        applied["color"] = values["color"]
    if not applied:
        return None
    state, attrs = _apply(device, applied)
    if device.domain == "climate" and state == "off" and "temperature" in applied:
        state = running_mode(device, applied["temperature"])
    return (state, attrs), applied, clamped


COOLING_NAMES = re.compile(r"\b(?:ac|a/c|aircon|air con|air conditioner|air conditioning|cooler|split unit)\b",
                           re.IGNORECASE)


def running_mode(device: Device, target: float | None = None) -> str:
    """The mode a climate device that is off runs in when turned on: one it has (`hvac_modes`, as
    Home Assistant lists them) that moves the room towards the target (its own setting if none is
    given); without a list, an air conditioner by its name cools and anything else heats."""
    modes = [str(m) for m in device.attributes.get("hvac_modes") or [] if m != "off"]
    target = device.attributes.get("temperature") if target is None else target
    now = device.attributes.get("current_temperature")
    warmer = None if target is None or now is None else float(target) > float(now)
    if modes:
        wanted = {True: "heat", False: "cool", None: None}[warmer]
        for mode in (wanted, "heat_cool", "auto", "heat", "cool", *modes):
            if mode in modes:
                return mode
    return "cool" if COOLING_NAMES.search(device.name) else "heat"


def _apply(device: Device, applied: dict[str, Any]) -> State:
    attrs = {**device.attributes, **applied}
    state, domain = device.state, device.domain
    if domain == "light":
        state = "off" if applied.get("brightness") == 0 else "on"
    elif domain == "fan" and "percentage" in applied:
        state = "on" if applied["percentage"] > 0 else "off"
    elif domain == "cover" and "position" in applied:
        state = "open" if applied["position"] > 0 else "closed"
    return state, attrs


def limit(device: Device, attribute: str, end: End) -> float:
    """The device's own end of a scale: its `min_temp`/`max_temp`; 100; the lowest level that is
    still on (1%, or a fan's `percentage_step`); a cover's 0 (closed); a player's volume 0 (silent,
    and still on)."""
    if attribute == "temperature":
        low, high = temperature_range(device)
        return low if end is End.LOWEST else high
    if end is End.HIGHEST:
        return 100
    if attribute == "position" or device.domain == "media_player":
        return 0
    if attribute == "percentage":
        return max(1, round(float(device.attributes.get("percentage_step", 1))))
    return 1


def stepped(device: Device, attribute: str, delta: float,
            keep_on: bool = False) -> tuple[State, dict[str, Any]] | None:
    """The state after changing the device's level by `delta` (clamped), or None if it has no
    level. `keep_on`: a light or fan that is on stops at its lowest on-level, not off."""
    own = LEVEL.get(device.domain)
    if own is None or (attribute != own and attribute != "percentage") or only_on_off(device):
        return None
    current = current_level(device)
    if own == "temperature":
        value, _ = clamp_temperature(device, current + delta)
    else:
        value, _ = clamp_percent(current + delta)
        if keep_on and current > 0 and value <= 0 and device.domain in ("light", "fan"):
            value = limit(device, own, End.LOWEST)
    if value == current:  # already at the limit (an off light stays as it is)
        return (device.state, dict(device.attributes)), {own: value}
    return _apply(device, {own: value}), {own: value}


def current_level(device: Device) -> float:
    attrs, domain = device.attributes, device.domain
    if domain == "climate":
        return float(attrs.get("temperature", attrs.get("current_temperature", 20)))
    if domain in ("light", "fan") and device.state == "off":
        return 0
    if domain == "cover":
        return attrs.get("position", 0 if device.state == "closed" else 100)
    return attrs.get(LEVEL[domain], 0)


def clamp_percent(value: float) -> tuple[int, bool]:
    """(value rounded into 0..100, whether it had to be clamped)."""
    clamped = min(100, max(0, round(value)))
    return clamped, clamped != round(value)


def temperature_range(device: Device) -> tuple[float, float]:
    return (float(device.attributes.get("min_temp", DEFAULT_TEMPERATURE_RANGE[0])),
            float(device.attributes.get("max_temp", DEFAULT_TEMPERATURE_RANGE[1])))


def clamp_temperature(device: Device, value: float) -> tuple[float, bool]:
    low, high = temperature_range(device)
    clamped = min(high, max(low, round(value * 2) / 2))
    return (int(clamped) if clamped.is_integer() else clamped), clamped != round(value * 2) / 2


def _words(device: Device) -> set[str]:
    """The words of the device's name, aliases and id (not the id's words for its room: the EV
    charger in the garage is no garage door)."""
    room = set((device.area_id or "").split("_"))
    return set(device.name.lower().split()) | (set(device.id.split(".", 1)[-1].split("_")) - room) \
        | {w for alias in device.aliases for w in alias.lower().split()}


def is_garage_door(device: Device) -> bool:
    """A cover that opens a way into the home: by its kind (`device_class` garage or gate, as Home
    Assistant marks it) or its name."""
    kind = str(device.attributes.get("device_class", "")).lower()
    return device.domain == "cover" and (kind in GARAGE_WORDS or bool(_words(device) & GARAGE_WORDS))


def operates_entry(device: Device) -> bool:
    """A switch or button that works a garage door, gate or door (an opener, a buzzer): switching it
    either way opens a way into the home, whatever the switch is called in the model's words."""
    return device.domain in ("switch", "button") and bool(_words(device) & ENTRY_WORDS)
