"""One API per attribute (set_brightness, set_color, …), each a thin front for `apis.set`.

A small model picks an API by its name far more reliably than it picks the right optional key
of one wide `set` call (it wrote `temperature: 30` for "dim to 30 percent"); the value argument
comes first so the model fills it first. The value is read against the user's words
(`levels.read_setting`): "the lowest" is the lowest level still on, "up a couple of degrees" a
change by 2, not a setting of 2.
"""
from __future__ import annotations

import re
from typing import Any, Literal

import sqlite_utils

from assistant.context import ExpertContext
from assistant.messages import ActionResult
from assistant.registry import api
from assistant.slots import Slot
from assistant.words import quantities, said_number
from assistant.experts.smart_home import levels, sounds_like, vocab
from assistant.experts.smart_home.colors import css_color
from assistant.experts.smart_home.apis import (_restore, bare_name, change, close, find_targets, requires_confirmation,
                                               MODE_WORDS, switch_mode, turn_off, turn_on)
from assistant.experts.smart_home.backend import HomeBackendError, read_home
from assistant.experts.smart_home.resolve import resolve_in
from assistant.experts.smart_home.apis import open as open_cover
from assistant.experts.smart_home.apis import set as set_values

Phrase = str | None


def said_value(ctx: ExpertContext, value: float) -> bool:
    """Whether the user said this number (as digits or a word; "half" for 50)."""
    if ctx.utterance is None or not ctx.utterance.text:
        return True  # no utterance to check against (a direct call)
    return said_number(ctx.utterance.text, value)


# the question for a level the user did not give ("set the thermostat"), per attribute
QUESTIONS = {"brightness": "What brightness should I set it to?",
             "temperature": "What temperature should I set it to?",
             "volume": "What volume should I set it to?",
             "percentage": "What speed should I set it to?",
             "position": "How far open should it be, in percent?"}
LEVEL_SLOTS = {name: {name: Slot("number", question)} for name, question in QUESTIONS.items()}


def _set_or_adjust(ctx: ExpertContext, attribute: str, value: float, device: Phrase, area: Phrase,
                   device_type: Phrase) -> ActionResult:
    said = _without_numbered_names(ctx.said, ctx.db)
    if said != ctx.said and not said_number(said, value):  # "the fans on level 2": a floor, not a speed
        if levels.said_off(said):
            return turn_off(ctx, device, area, device_type)
        return turn_on(ctx, device, area, device_type) if re.search(r"\bon\b", said) else _ask_level(attribute)
    named = levels.named_attribute(ctx.said or None)
    if named is not None and named != attribute:  # "set the volume … to 45" written as a brightness
        attribute = named
        device_type = device_type if _kind_said(device_type, ctx.said) else None
    elif attribute == "temperature" and levels.said_in_percent(ctx.said, value):  # "the stand fan 75 percent"
        attribute = "percentage"  # a percent is never a temperature: the device's own percent level
    level = levels.read_setting(ctx.said or None, attribute, value)
    return _apply(ctx, attribute, level, device, area, device_type)


def _without_numbered_names(said: str, db: sqlite_utils.Database) -> str:
    """The words without the home's names that hold a number ("Level 2", "Bedroom 3"): that number
    names a place or a device, it is no level. The home is read only when a digit was said."""
    if not said or not re.search(r"\d", quantities(said)):
        return said
    try:
        names = [n for n in sounds_like.home_names(read_home(db)) if re.search(r"\d", n)]
    except HomeBackendError:
        return said
    text = quantities(said)
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", " ", text, flags=re.IGNORECASE)
    return said if text == quantities(said) else " ".join(text.split())


def _kind_said(kind: Phrase, said: str) -> bool:
    """Whether the user said this kind of device, in its word or their own ("lamps" for "light")."""
    if not kind:
        return False
    return any(w in vocab.tokens(said) for w in vocab.tokens(kind)) or vocab.said_kind(kind, said) is not None


def _only_named(ctx: ExpertContext, device: Phrase, area: Phrase, device_type: Phrase) -> bool:
    """Whether the user said nothing but the name of the device(s) the call means."""
    args = {"device": device, "area": area, "device_type": device_type}
    devices, problem = find_targets(ctx.db, "turn_on", args, ctx.area, ctx.said or None)
    return not problem and bare_name(read_home(ctx.db), ctx.said or None, args, devices)


def _ask_level(attribute: str) -> ActionResult:
    return ActionResult(ok=False, reply=QUESTIONS[attribute], missing=attribute)


def _apply(ctx: ExpertContext, attribute: str, level: levels.Level, device: Phrase, area: Phrase,
           device_type: Phrase) -> ActionResult:
    if level.unsaid:
        if _only_named(ctx, device, area, device_type):  # "desk fan.": a bare name turns it on
            return turn_on(ctx, device, area, device_type)
        switched = SWITCHED.search(ctx.said or "")  # "on the bedroom aircon": switched, no level said
        if switched:
            switch = turn_off if (switched[1] or switched[2] or switched[3]).lower() == "off" else turn_on
            return switch(ctx, device, area, device_type)
        return _ask_level(attribute)
    if level.delta is not None:
        return change(ctx, attribute, level.delta, device, area, device_type)
    also = _colour_said(ctx.said, ctx.db) if attribute == "brightness" else {}
    result = set_values(ctx, device, area, device_type, **{attribute: level.value, **also})
    if also and not result.ok:  # a light with no colour: its brightness alone
        result = set_values(ctx, device, area, device_type, **{attribute: level.value})
    return result


SWITCHED = re.compile(r"^\W*(?:(?:please|pls|just|can|could you|and)\s+)*(?:(?:turn|switch|put)\s+)?(on|off)\b"
                      r"|\b(on|off)\W*(?:please|now|thanks|lah)?\W*$"
                      r"|\b(on|off)\s+(?:right now|now|rn|asap|straight away|right away|please)\b", re.IGNORECASE)


def _colour_said(said: str | None, db: sqlite_utils.Database) -> dict[str, str]:
    """A colour said beside a brightness ("blue at 20 percent"), unless it is a word of one of the
    home's names ("the green room lamp"): kept, not dropped with the other API. The home is read
    only when a colour was said."""
    words = vocab.tokens(said)
    runs = [words[start:start + size] for size in (2, 1)  # "light blue" before "blue"
            for start in range(len(words) - size + 1)
            if css_color(" ".join(words[start:start + size])) and not _names_next(words, start + size)]
    if not runs:
        return {}
    try:
        named = {w for name in sounds_like.home_names(read_home(db)) for w in vocab.tokens(name)}
    except HomeBackendError:
        named = set()
    return next(({"color": " ".join(run)} for run in runs if not named & set(run)), {})


def _no_colour_said(color: str, device: Phrase, said: str | None) -> bool:
    """Whether the model's colour is no word the user said for one: a device's phrase ("puja
    lamp"), words of the device phrase, or words nobody said."""
    words, spoken = vocab.tokens(color), vocab.tokens(said)
    return not said or vocab.first_type_word(color) is not None \
        or all(w in vocab.tokens(device) or w not in spoken for w in words)


def _names_next(words: list[str], at: int) -> bool:
    """Whether the word at `at` makes the colour before it part of a name ("green room", "blue lamp")."""
    after = words[at] if at < len(words) else ""
    return bool(vocab.first_type_word(after)) or after.endswith("room")


def _brightness_said(said: str | None) -> dict[str, int]:
    """A brightness in percent said beside a colour ("red at 40%"): kept too."""
    found = levels.PERCENT.search(quantities(said or ""))
    return {"brightness": int(found[1])} if found and 0 < int(found[1]) <= 100 else {}


@api(speculative_safe=True, undo=_restore, deferrable=True, slots=LEVEL_SLOTS["brightness"])
def set_brightness(ctx: ExpertContext, brightness: int, device: Phrase = None, area: Phrase = None,
                   device_type: Phrase = None) -> ActionResult:
    """Set light brightness in percent (dim or brighten to a level)."""
    return _set_or_adjust(ctx, "brightness", brightness, device, area, device_type)


@api(speculative_safe=True, undo=_restore, deferrable=True,
     slots={"color": Slot("text", "What colour should I make it?")})
def set_color(ctx: ExpertContext, color: str, device: Phrase = None, area: Phrase = None,
              device_type: Phrase = None) -> ActionResult:
    """Set a light's colour by name."""
    if css_color(color) is None and ctx.utterance.source == "voice":  # "set it to read": red
        color = sounds_like.heard_colour(color) or color
    color, device = _name_before_colour(ctx, color, device)
    color = _shade_said(color, ctx.said, device)
    if css_color(color) is None and _no_colour_said(color, device, ctx.said):  # "change the colour of the fairy lights"
        return ActionResult(ok=False, reply="What colour should I make it?", missing="color")
    return set_values(ctx, device, area, device_type, color=color, **_brightness_said(ctx.said))


def _shade_said(color: str, said: str | None, device: Phrase = None) -> str:
    """The colour with the shade the user said before it ("make them light blue" written as "blue"):
    the CSS colour of both words, when there is one and the shade word does not end the device's
    name ("make the pool light blue": the Pool Light, blue)."""
    words, named = vocab.tokens(said), vocab.tokens(device)
    shades = [words[n - 1] for n, word in enumerate(words) if n and word == color.strip().lower()]
    shaded = [f"{shade} {color.strip().lower()}" for shade in shades
              if shade not in vocab.tokens(color) and named[-1:] != [shade]]
    return next((css_color(both) for both in shaded if css_color(both)), color)


def _name_before_colour(ctx: ExpertContext, color: str, device: Phrase) -> tuple[str, Phrase]:
    """ "make the pool light blue" read as the colour "light blue" of the "pool": the Pool Light,
    blue, when the home has a device of that whole name and the user said it so."""
    words, named = vocab.tokens(color), vocab.tokens(device)
    if len(words) < 2 or not named or css_color(" ".join(words[1:])) is None:
        return color, device
    whole = [*named, words[0]]
    try:
        names = [vocab.tokens(d.name) for d in read_home(ctx.db).devices]
    except HomeBackendError:
        return color, device
    if whole in names and vocab.said_run([*whole, *words[1:]], vocab.tokens(ctx.said)):
        return " ".join(words[1:]), " ".join(whole)
    return color, device


@api(speculative_safe=True, undo=_restore, deferrable=True, slots=LEVEL_SLOTS["temperature"])
def set_temperature(ctx: ExpertContext, temperature: float, device: Phrase = None,
                    area: Phrase = None, device_type: Phrase = None) -> ActionResult:
    """Set the thermostat's target temperature in degrees."""
    return _set_or_adjust(ctx, "temperature", temperature, device, area, device_type)


@api(speculative_safe=True, undo=_restore, deferrable=True, slots=LEVEL_SLOTS["position"])
def set_position(ctx: ExpertContext, position: int, device: Phrase = None, area: Phrase = None,
                 device_type: Phrase = None) -> ActionResult:
    """Open blinds, shades or a garage door part way, in percent (100 = fully open)."""
    level = levels.read_setting(ctx.said or None, "position", position)
    if level.delta is not None and not said_value(ctx, position) and not levels.some_way(ctx.said):
        move = close if level.delta < 0 else open_cover  # "lower the blinds": all the way
        return move(ctx, device, area, device_type)
    return _apply(ctx, "position", level, device, area, device_type)


@api(speculative_safe=True, undo=_restore, deferrable=True, slots=LEVEL_SLOTS["volume"])
def set_volume(ctx: ExpertContext, volume: int, device: Phrase = None, area: Phrase = None,
               device_type: Phrase = None) -> ActionResult:
    """Set a speaker's volume in percent."""
    return _set_or_adjust(ctx, "volume", volume, device, area, device_type)


@api(speculative_safe=True, undo=_restore, deferrable=True, slots=LEVEL_SLOTS["percentage"])
def set_fan_speed(ctx: ExpertContext, percentage: int, device: Phrase = None, area: Phrase = None,
                  device_type: Phrase = None) -> ActionResult:
    """Set a fan's speed in percent."""
    return _set_or_adjust(ctx, "percentage", percentage, device, area, device_type or "fan")


# the words that ask for a climate mode ("dry", "fan only", "… mode", "to cool"): only then is it offered
MODE_ASKED = (r"\bmodes?\b|\bdry\b|dehumidif|\bfan only\b|\bauto(?:matic)?\b"
              r"|\b(?:to|on|in|into|onto) (?:the )?(?:heat|cool|heating|cooling|heat cool)\b")
ClimateMode = Literal["heat", "cool", "auto", "dry", "fan_only"]  # ("off" is turn_off's)


@api(speculative_safe=True, undo=_restore, deferrable=True, said_by={"mode": MODE_WORDS}, offered_when=MODE_ASKED)
def set_hvac_mode(ctx: ExpertContext, mode: ClimateMode, device: Phrase = None, area: Phrase = None,
                  device_type: Phrase = None) -> ActionResult:
    """A thermostat's or AC's mode (never a fan's)."""
    return switch_mode(ctx, mode, device, area, device_type)


SETTERS = [set_brightness, set_color, set_temperature, set_hvac_mode, set_position, set_volume, set_fan_speed]
_SETTER_NAMES = {f.__name__ for f in SETTERS}


def confirmation_policy(db: sqlite_utils.Database, api_name: str, args: dict[str, Any],
                        here: str | None = None, said: str | None = None, source: str = "text") -> str | None:
    """`requires_confirmation`, with each setter checked as the `set` call it stands for."""
    name = api_name.rsplit(".", 1)[-1]
    try:
        return requires_confirmation(db, "set" if name in _SETTER_NAMES else name, args, here, said, source)
    except HomeBackendError:
        return None  # the home cannot be read: the call itself fails with why, changing nothing


def preflight(db: sqlite_utils.Database, api_name: str, args: dict[str, Any],
              here: str | None = None, said: str | None = None) -> str | None:
    """Why the call would find nothing to change ("There is no blind in the Kitchen."), or None;
    resolved as the API will resolve it, without changing anything."""
    name = api_name.rsplit(".", 1)[-1]
    try:
        return find_targets(db, "set" if name in _SETTER_NAMES else name, args, here, said)[1]
    except HomeBackendError as exc:
        return str(exc)


def _alias_said(home, device, said: str | None) -> str | None:
    """The device's alias the user said, word for word, if it names that device alone."""
    words = vocab.tokens(said)
    for alias in sorted(device.aliases, key=len, reverse=True):
        found = resolve_in(home, alias)
        if vocab.said_run(vocab.tokens(alias), words) and found.device_ids == [device.id] and not found.problem:
            return alias
    return None


def pin(db: sqlite_utils.Database, api_name: str, args: dict[str, Any],
        here: str | None = None, said: str | None = None) -> dict[str, Any]:
    """The call's args naming the one device they resolve to now ("heater" said as "the den heater"
    -> "Den Heater"), or the one area of several devices the args leave unnamed; else the args."""
    name = api_name.rsplit(".", 1)[-1]
    try:
        devices, problem = find_targets(db, "set" if name in _SETTER_NAMES else name, args, here, said)
    except HomeBackendError:
        return args
    if problem or not devices:
        return args
    if len(devices) == 1:  # the one device, by its name (not a room the model may have made up)
        device, home = devices[0], read_home(db)
        alias = _alias_said(home, device, said)  # or by the user's own name for it ("the can lights")
        pinned = {**{k: v for k, v in args.items() if k not in ("area", "device_type")}, "device": alias or device.name}
        if not alias and device.area_id and sum(other.name == device.name for other in home.devices) > 1:
            pinned["area"] = home.area(device.area_id).name  # a name two rooms share
        return pinned
    areas = {device.area_id for device in devices}
    if len(areas) == 1 and None not in areas and not args.get("area"):
        area_id = areas.pop()
        return {**args, "area": next(area.name for area in read_home(db).areas if area.id == area_id)}
    return args
