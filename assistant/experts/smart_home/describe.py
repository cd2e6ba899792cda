"""Short, factual sentences about devices and what was done to them."""
from __future__ import annotations

import re
from typing import Any

from assistant.experts.smart_home.store import Device

MAX_NAMED = 5  # longer lists are cut: "A, B, C, D and 4 more"
MAX_DESCRIBED = 5  # more devices than this are summarised by state
GROUPED = {"light", "switch", "fan", "cover", "lock", "media_player", "binary_sensor"}


def names(items: list[str]) -> str:
    if len(items) > MAX_NAMED:
        items = [*items[:MAX_NAMED - 1], f"{len(items) - MAX_NAMED + 1} more"]
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def the(name: str) -> str:
    """ "the Desk Lamp"; a name that opens with an owner's name stays as it is ("Aarav's Fan")."""
    owner = any(re.search(r"['\u2019]s$", word) for word in name.split()[:2])  # "Tita Luz's Aircon"
    return name if name.lower().startswith("the ") or owner else f"the {name}"


def verb(name: str) -> str:
    """ "are" for names that sound plural ("Living Room Blinds"), else "is"."""
    last = name.split()[-1].lower() if name.split() else ""
    return "are" if last.endswith("s") and not last.endswith("ss") else "is"


def sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def degrees(value: Any) -> str:
    number = float(value)
    return f"{int(number) if number.is_integer() else round(number, 1)}°"


def value_phrase(domain: str, applied: dict[str, Any]) -> str:
    """ "30%", "blue", "22°", "volume 50", "40% open" """
    parts = []
    if "color" in applied:
        parts.append(str(applied["color"]))
    for key, value in applied.items():
        if key == "temperature":
            parts.append(degrees(value))
        elif key == "volume":
            parts.append(f"volume {value}")
        elif key == "position":
            parts.append(f"{value}% open")
        elif key in ("brightness", "percentage"):
            parts.append(f"{value}%")
    return " at ".join(parts)


def already(devices: list[Device], state_word: str) -> str:
    if len(devices) == 1:
        return sentence(f"{the(devices[0].name)} {verb(devices[0].name)} already {state_word}.")
    return f"{names([d.name for d in devices])} are already {state_word}."


def state_of(device: Device) -> str:
    """ "on at 60%", "off", "set to 20° (19° now)", "playing at volume 30", "19.5 °C" """
    attrs, state = device.attributes, device.state
    domain = device.domain
    if domain == "climate":
        now = f" ({degrees(attrs['current_temperature'])} now)" if "current_temperature" in attrs else ""
        if state == "off":
            return f"off{now}"
        mode = "" if state == "heat" else f" ({state.replace('_', ' ')})"
        target = degrees(attrs["temperature"]) if "temperature" in attrs else "?"
        return f"set to {target}{mode}{now}"
    if domain == "light" and state == "on":
        extra = [f"{attrs['brightness']}%"] if "brightness" in attrs else []
        extra += [str(attrs["color"])] if "color" in attrs else []
        return f"on at {', '.join(extra)}" if extra else "on"
    if domain == "fan" and state == "on" and attrs.get("percentage"):
        return f"on at {attrs['percentage']}%"
    if domain == "cover" and state == "open" and 0 < attrs.get("position", 100) < 100:
        return f"{attrs['position']}% open"
    if domain == "media_player" and state != "off" and "volume" in attrs:
        return f"{state} at volume {attrs['volume']}"
    if domain == "sensor":
        unit = attrs.get("unit_of_measurement")
        return f"{state} {unit}" if unit else state
    return state.replace("_", " ")


def describe(devices: list[Device]) -> str:
    """One sentence per device, or a summary by state when there are many."""
    if len(devices) <= MAX_DESCRIBED:
        return " ".join(sentence(f"{the(d.name)} {verb(d.name)} {state_of(d)}.") for d in devices)
    by_state: dict[str, list[str]] = {}
    singles = []
    for device in devices:
        if device.domain in GROUPED:
            by_state.setdefault(device.state.replace("_", " "), []).append(device.name)
        else:
            singles.append(sentence(f"{the(device.name)} {verb(device.name)} {state_of(device)}."))
    grouped = [f"{sentence(state)}: {names(group)}." for state, group in by_state.items()]
    return " ".join(grouped + singles)
