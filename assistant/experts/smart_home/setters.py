"""One API per attribute (set_brightness, set_color, …), each a thin front for `apis.set`.

A small model picks an API by its name far more reliably than it picks the right optional key
of one wide `set` call (it wrote `temperature: 30` for "dim to 30 percent"); the value argument
comes first so the model fills it first.
"""
from __future__ import annotations

import re
from typing import Any

import sqlite_utils

from assistant.context import ExpertContext
from assistant.messages import ActionResult
from assistant.registry import api
from assistant.words import digits, said_number
from assistant.experts.smart_home.apis import _restore, adjust, close, find_targets, requires_confirmation
from assistant.experts.smart_home.apis import open as open_cover
from assistant.experts.smart_home.apis import set as set_values

Phrase = str | None
DOWN = re.compile(r"\b(down|lower|decrease|reduce|drop|cut|cooler|colder|cool|dim|dimmer|darker|"
                  r"quieter|softer|less|turn it down)\b", re.IGNORECASE)
UP = re.compile(r"\b(up|raise|lift|higher|increase)\b", re.IGNORECASE)


def relative_change(ctx: ExpertContext, value: float) -> float | None:
    """The signed step when the user asked for a change *by* this amount ("warmer by 3 degrees",
    "turn it down by 10"), which a small model often writes as an absolute setting; else None."""
    said = digits(ctx.utterance.text) if ctx.utterance else ""
    amount = re.escape(f"{value:g}")
    if not re.search(rf"\bby (?:another |an extra )?{amount}\b", said) or re.search(rf"\bto {amount}\b", said):
        return None
    return -abs(value) if DOWN.search(said) else abs(value)


def said_value(ctx: ExpertContext, value: float) -> bool:
    """Whether the user said this number (as digits or a word; "half" for 50)."""
    if ctx.utterance is None or not ctx.utterance.text:
        return True  # no utterance to check against (a direct call)
    return said_number(ctx.utterance.text, value)


def _set_or_adjust(ctx: ExpertContext, attribute: str, value: float, device: Phrase, area: Phrase,
                   device_type: Phrase) -> ActionResult:
    delta = relative_change(ctx, value)
    if delta is not None:
        return adjust(ctx, attribute, delta, device, area, device_type)
    return set_values(ctx, device, area, device_type, **{attribute: value})


@api(speculative_safe=True, undo=_restore, deferrable=True)
def set_brightness(ctx: ExpertContext, brightness: int, device: Phrase = None, area: Phrase = None,
                   device_type: Phrase = None) -> ActionResult:
    """Set light brightness in percent (dim or brighten to a level)."""
    return _set_or_adjust(ctx, "brightness", brightness, device, area, device_type)


@api(speculative_safe=True, undo=_restore, deferrable=True)
def set_color(ctx: ExpertContext, color: str, device: Phrase = None, area: Phrase = None,
              device_type: Phrase = None) -> ActionResult:
    """Set a light's colour by name."""
    return set_values(ctx, device, area, device_type, color=color)


@api(speculative_safe=True, undo=_restore, deferrable=True)
def set_temperature(ctx: ExpertContext, temperature: float, device: Phrase = None,
                    area: Phrase = None, device_type: Phrase = None) -> ActionResult:
    """Set the thermostat's target temperature in degrees."""
    return _set_or_adjust(ctx, "temperature", temperature, device, area, device_type)


@api(speculative_safe=True, undo=_restore, deferrable=True)
def set_position(ctx: ExpertContext, position: int, device: Phrase = None, area: Phrase = None,
                 device_type: Phrase = None) -> ActionResult:
    """Open blinds, shades or a garage door part way, in percent (100 = fully open)."""
    if not said_value(ctx, position):  # "lower the blinds": all the way, not a made-up level
        said = ctx.utterance.text
        move = close if DOWN.search(said) else open_cover if UP.search(said) else None
        if move is not None:
            return move(ctx, device, area, device_type)
    return _set_or_adjust(ctx, "position", position, device, area, device_type)


@api(speculative_safe=True, undo=_restore, deferrable=True)
def set_volume(ctx: ExpertContext, volume: int, device: Phrase = None, area: Phrase = None,
               device_type: Phrase = None) -> ActionResult:
    """Set a speaker's volume in percent."""
    return _set_or_adjust(ctx, "volume", volume, device, area, device_type)


@api(speculative_safe=True, undo=_restore, deferrable=True)
def set_fan_speed(ctx: ExpertContext, percentage: int, device: Phrase = None, area: Phrase = None,
                  device_type: Phrase = None) -> ActionResult:
    """Set a fan's speed in percent."""
    return _set_or_adjust(ctx, "percentage", percentage, device, area, device_type or "fan")


SETTERS = [set_brightness, set_color, set_temperature, set_position, set_volume, set_fan_speed]
_SETTER_NAMES = {f.__name__ for f in SETTERS}


def confirmation_policy(db: sqlite_utils.Database, api_name: str, args: dict[str, Any],
                        here: str | None = None, said: str | None = None, source: str = "text") -> str | None:
    """`requires_confirmation`, with each setter checked as the `set` call it stands for."""
    name = api_name.rsplit(".", 1)[-1]
    return requires_confirmation(db, "set" if name in _SETTER_NAMES else name, args, here, said, source)


def preflight(db: sqlite_utils.Database, api_name: str, args: dict[str, Any],
              here: str | None = None, said: str | None = None) -> str | None:
    """Why the call would find nothing to change ("There is no blind in the Kitchen."), or None;
    resolved as the API will resolve it, without changing anything."""
    name = api_name.rsplit(".", 1)[-1]
    return find_targets(db, "set" if name in _SETTER_NAMES else name, args, here, said)[1]
