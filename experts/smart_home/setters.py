"""One API per attribute (set_brightness, set_color, …), each a thin front for `apis.set`.

A small model picks an API by its name far more reliably than it picks the right optional key
of one wide `set` call (it wrote `temperature: 30` for "dim to 30 percent"); the value argument
comes first so the model fills it first.
"""
from __future__ import annotations

from typing import Any

import sqlite_utils

from assistant.context import ExpertContext
from assistant.messages import ActionResult
from assistant.registry import api
from experts.smart_home.apis import _restore, requires_confirmation
from experts.smart_home.apis import set as set_values

Phrase = str | None


@api(speculative_safe=True, undo=_restore)
def set_brightness(ctx: ExpertContext, brightness: int, device: Phrase = None, area: Phrase = None,
                   device_type: Phrase = None) -> ActionResult:
    """Set light brightness in percent (dim or brighten to a level)."""
    return set_values(ctx, device, area, device_type, brightness=brightness)


@api(speculative_safe=True, undo=_restore)
def set_color(ctx: ExpertContext, color: str, device: Phrase = None, area: Phrase = None,
              device_type: Phrase = None) -> ActionResult:
    """Set a light's colour by name."""
    return set_values(ctx, device, area, device_type, color=color)


@api(speculative_safe=True, undo=_restore)
def set_temperature(ctx: ExpertContext, temperature: float, device: Phrase = None,
                    area: Phrase = None, device_type: Phrase = None) -> ActionResult:
    """Set the thermostat's target temperature in degrees."""
    return set_values(ctx, device, area, device_type, temperature=temperature)


@api(speculative_safe=True, undo=_restore)
def set_position(ctx: ExpertContext, position: int, device: Phrase = None, area: Phrase = None,
                 device_type: Phrase = None) -> ActionResult:
    """Open blinds, shades or a garage door part way, in percent (100 = fully open)."""
    return set_values(ctx, device, area, device_type, position=position)


@api(speculative_safe=True, undo=_restore)
def set_volume(ctx: ExpertContext, volume: int, device: Phrase = None, area: Phrase = None,
               device_type: Phrase = None) -> ActionResult:
    """Set a speaker's volume in percent."""
    return set_values(ctx, device, area, device_type, volume=volume)


@api(speculative_safe=True, undo=_restore)
def set_fan_speed(ctx: ExpertContext, percentage: int, device: Phrase = None, area: Phrase = None,
                  device_type: Phrase = None) -> ActionResult:
    """Set a fan's speed in percent."""
    return set_values(ctx, device, area, device_type or "fan", percentage=percentage)


SETTERS = [set_brightness, set_color, set_temperature, set_position, set_volume, set_fan_speed]
_SETTER_NAMES = {f.__name__ for f in SETTERS}


def confirmation_policy(db: sqlite_utils.Database, api_name: str, args: dict[str, Any],
                        here: str | None = None) -> str | None:
    """`requires_confirmation`, with each setter checked as the `set` call it stands for."""
    name = api_name.rsplit(".", 1)[-1]
    return requires_confirmation(db, "set" if name in _SETTER_NAMES else name, args, here)
