#!/usr/bin/env python3
"""Labelled evaluation lines from Home Assistant's public English intent templates.

Reads `home_assistant_intents/data/en.json` (intents, lists, expansion rules) and parses its
templates with hassil, then, for each intent one of our experts serves, samples a few sentences
per template at random (fixed seed), filling {name}, {area}, {floor}, numbers, colours, durations
and list items from OUR home files (only devices, rooms and floors that exist there and whose kind
fits the intent). Each sentence gets the expectation data/eval/README.md's conventions give it.
Templates are split in two by a hash of their text: `data/eval/ha_tune.jsonl` and
`data/eval/ha_holdout.jsonl` (no template has lines in both).

    python3 scripts/ha_intents_corpus.py [--seed 19] [--check]

Needs the dev extra (`pip install -e .[dev]`: home-assistant-intents, hassil). `--check` loads
both files with the eval loader.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any, Callable

import yaml
from hassil.expression import (Alternative, Expression, ListReference, Permutation, RuleReference,
                               Sequence, TextChunk)
from hassil.parse_expression import parse_sentence
from unicode_rbnf import RbnfEngine

ROOT = Path(__file__).resolve().parent.parent
EVAL = ROOT / "data" / "eval"
HOMES = {  # name -> (path as written in a line, relative to data/eval; file)
    "demo": ("../../assistant/data/demo_home.yaml", ROOT / "assistant/data/demo_home.yaml"),
    "dev": ("../../tests/data/dev_home.yaml", ROOT / "tests/data/dev_home.yaml"),
    "kinds6": ("kinds6_home.yaml", EVAL / "kinds6_home.yaml"),
    "blind21": ("blind21_home.yaml", EVAL / "blind21_home.yaml"),
}
NOWS = ["2026-11-25T09:00:00", "2026-11-26T20:00:00", "2026-11-28T22:30:00", "2026-11-29T07:15:00",
        "2026-12-01T21:10:00", "2026-12-02T06:40:00", "2026-12-03T11:20:00", "2026-12-04T18:30:00",
        "2026-12-05T10:00:00", "2026-12-06T14:45:00", "2026-12-07T08:10:00", "2026-11-30T17:05:00"]
# lines per intent (about 350 in all); intents not named here are not served or not sampled
BUDGET = {
    "HassTurnOn": 44, "HassTurnOff": 40, "HassLightSet": 36, "HassClimateSetTemperature": 12,
    "HassSetPosition": 10, "HassSetVolume": 10, "HassSetVolumeRelative": 10, "HassFanSetSpeed": 12,
    "HassGetState": 24, "HassClimateGetTemperature": 8, "HassStartTimer": 34, "HassCancelTimer": 6,
    "HassCancelAllTimers": 3, "HassTimerStatus": 6, "HassIncreaseTimer": 6, "HassDecreaseTimer": 6,
    "HassPauseTimer": 4, "HassUnpauseTimer": 4, "HassShoppingListAddItem": 6, "HassListAddItem": 6,
    "HassShoppingListCompleteItem": 3, "HassListCompleteItem": 3, "HassListRemoveItem": 3,
    "HassGetCurrentTime": 4, "HassGetCurrentDate": 4, "HassNevermind": 3, "HassGetWeather": 4,
    "HassBroadcast": 3, "HassMediaPause": 3, "HassMediaUnpause": 3, "HassMediaNext": 3,
    "HassMediaPrevious": 3, "HassMediaPlayerMute": 2, "HassMediaPlayerUnmute": 2,
    "HassClimateSetFanMode": 2, "HassVacuumStart": 2, "HassLawnMowerStartMowing": 2,
}
PER_TEMPLATE = 2
TIMER_INTENTS = {"HassCancelTimer", "HassCancelAllTimers", "HassTimerStatus", "HassIncreaseTimer",
                 "HassDecreaseTimer", "HassPauseTimer", "HassUnpauseTimer"}
MEDIA_INTENTS = {"HassMediaPause", "HassMediaUnpause", "HassMediaNext", "HassMediaPrevious",
                 "HassMediaPlayerMute", "HassMediaPlayerUnmute"}
DEVICE_INTENTS = {"HassTurnOn", "HassTurnOff", "HassLightSet", "HassClimateSetTemperature",
                  "HassSetPosition", "HassSetVolume", "HassSetVolumeRelative", "HassFanSetSpeed",
                  "HassGetState", "HassClimateGetTemperature", "HassClimateSetFanMode"} | MEDIA_INTENTS
QUERIES = {"HassGetState", "HassClimateGetTemperature"}
SWITCHED = {"light", "switch", "fan", "media_player", "climate", "cover", "lock"}
COLOURS = ["red", "orange", "yellow", "green", "blue", "purple", "pink", "turquoise", "white"]
TIMER_NAMES = ["pizza", "pasta", "laundry", "eggs", "tea", "oven", "cookies", "bread", "rice"]
SHOPPING_ITEMS = ["milk", "eggs", "apples", "paper towels", "coffee beans", "dish soap", "bread",
                  "bananas", "olive oil", "batteries", "peanut butter", "toothpaste"]
TODO = [("to do", ["call the plumber", "pay the gas bill", "wrap presents", "book a haircut"]),
        ("grocery", ["oat milk", "carrots", "cheddar"]), ("packing", ["passport", "phone charger"]),
        ("hardware store", ["light bulbs", "wood glue"]), ("christmas", ["fairy lights", "gift tags"])]
MESSAGES = ["dinner is ready", "we're leaving in five minutes", "the movie is starting"]
# Natural, weighted subsets of a few of HA's expansion rules (HA's matcher accepts every
# combination, "activate each and every our fans"; its own test sentences are natural ones).
RULES = {"the": "(the|the|the|the|my|our)", "here": "(here|in here|in this room)",
         "turn": "(turn|turn|switch)", "in": "(in|in|in|in|on)", "all": "(all [the]|all of the|all my)", "are_all": "are all [the]",
         "are_any": "(are there any|are any [of the]|is there any|any)", "which": "(which|what)",
         "is": "(is|are)", "everywhere": "(everywhere|in the whole house|in the house|all over the house)"}
OPTIONAL_KEPT = 0.8  # an optional word ("[the]", "[to]", "[list]") is said this often
MEDIA = re.compile(r"\b(music|movie|shows?|media|song|track|tv|television|speaker|player)\b")
HERE = re.compile(r"\b(here|(this|the|my|our) (room|area|space))\b")
LIGHT_WORDS = {"light", "lights", "lamp", "lamps", "lighting", "pendant", "pendants", "spots", "strip",
               "chandelier", "projector"}
COVER_CLASS_WORDS = {"blind": "blind", "blinds": "blind", "shade": "shade", "shades": "shade",
                     "curtain": "curtain", "curtains": "curtain", "shutter": "shutter"}


# ---------------------------------------------------------------- the home


@dataclass
class Device:
    id: str
    name: str
    area: str | None
    state: str
    attributes: dict[str, Any]
    aliases: list[str]

    @property
    def domain(self) -> str:
        return self.id.split(".", 1)[0]

    @property
    def spoken(self) -> list[str]:
        return [self.name.lower()] + [a.lower() for a in self.aliases]

    @property
    def cover_class(self) -> str | None:
        """Home Assistant's device class of a cover, read from its name."""
        words = self.name.lower().split()
        if self.domain != "cover":
            return None
        if "garage" in words:
            return "garage"
        return next((COVER_CLASS_WORDS[w] for w in words if w in COVER_CLASS_WORDS), None)


@dataclass
class Home:
    key: str
    devices: list[Device]
    areas: dict[str, dict]
    floors: dict[str, dict]

    @classmethod
    def load(cls, key: str) -> Home:
        data = yaml.safe_load(HOMES[key][1].read_text())
        devices = [Device(e["id"], e["name"], e.get("area"), str(e.get("state")),
                          dict(e.get("attributes") or {}), list(e.get("aliases") or []))
                   for e in data["entities"]]
        return cls(key, devices, {a["id"]: a for a in data["areas"]}, {f["id"]: f for f in data["floors"]})

    def floor_of(self, device: Device) -> str | None:
        return self.areas[device.area].get("floor") if device.area else None

    def named(self, phrase: str) -> list[Device]:
        return [d for d in self.devices if phrase in d.spoken]

    def in_area(self, area: str, fits: Callable[[Device], bool]) -> list[Device]:
        return [d for d in self.devices if d.area == area and fits(d)]

    def on_floor(self, floor: str, fits: Callable[[Device], bool]) -> list[Device]:
        return [d for d in self.devices if self.floor_of(d) == floor and fits(d)]

    def place_words(self, place: dict) -> list[str]:
        words = [place["name"].lower()] + [a.lower() for a in place.get("aliases") or []]
        if place["id"] in self.floors:  # "ground" alone is not how a floor is said
            words = [w if w.endswith("floor") or w.endswith("stairs") else f"{w} floor" for w in words]
        return words


# ---------------------------------------------------------------- templates


class Templates:
    """en.json parsed with hassil: rules, value lists and each intent's data blocks."""

    def __init__(self) -> None:
        raw = json.loads((resources.files("home_assistant_intents") / "data" / "en.json").read_text())
        self.raw = raw
        self.rules = {name: parse_sentence(body) for name, body in {**raw["expansion_rules"], **RULES}.items()}
        self.lists = raw["lists"]
        self.value_cache: dict[str, list[tuple[Any, Any]]] = {}

    def blocks(self, intent: str) -> list[dict]:
        return self.raw["intents"][intent]["data"]

    def values(self, list_name: str) -> list[tuple[Any, Any]]:
        """(parsed spoken form, value) of a list of fixed values."""
        if list_name not in self.value_cache:
            self.value_cache[list_name] = [(parse_sentence(str(v["in"])), v.get("out", v["in"]))
                                           for v in self.lists[list_name]["values"]]
        return self.value_cache[list_name]


def list_refs(expr: Expression, rules: dict, seen: set | None = None) -> set[tuple[str, str]]:
    """Every (list name, slot name) a template can use."""
    seen = set() if seen is None else seen
    if isinstance(expr, ListReference):
        return {(expr.list_name, expr.slot_name)}
    if isinstance(expr, RuleReference):
        if expr.rule_name in seen:
            return set()
        return list_refs(rules[expr.rule_name].expression, rules, seen | {expr.rule_name})
    if isinstance(expr, (Alternative, Sequence, Permutation)):
        return set().union(*(list_refs(item, rules, seen) for item in expr.items)) if expr.items else set()
    return set()


def render(expr: Expression, rules: dict, slots: dict, rng: random.Random, used: set) -> str:
    """One random sentence of the template; list references from `slots` ((list, slot) -> text)."""
    if isinstance(expr, TextChunk):
        return expr.text
    if isinstance(expr, Permutation):
        items = list(expr.items)
        rng.shuffle(items)
        return " ".join(render(item, rules, slots, rng, used) for item in items)
    if isinstance(expr, Alternative):
        items = expr.items
        if expr.is_optional and len(items) == 2 and _short(items[0]):
            return render(items[0], rules, slots, rng, used) if rng.random() < OPTIONAL_KEPT else ""
        return render(rng.choice(items), rules, slots, rng, used)
    if isinstance(expr, Sequence):
        return "".join(render(item, rules, slots, rng, used) for item in expr.items)
    if isinstance(expr, RuleReference):
        return render(rules[expr.rule_name].expression, rules, slots, rng, used)
    if isinstance(expr, ListReference):
        key = (expr.list_name, expr.slot_name)
        used.add(key)
        return slots[key]
    raise ValueError(f"unexpected expression {expr!r}")


def _short(expr: Expression) -> bool:
    """One word or an article rule: "[the]", "[to]", "[<the>]", "[list]", "fan[s]"."""
    if isinstance(expr, RuleReference):
        return expr.rule_name in ("the", "in")
    if isinstance(expr, Sequence):  # "[of [the]]"
        return all(_short(item) for item in expr.items)
    if isinstance(expr, Alternative) and expr.is_optional:
        return _short(expr.items[0])
    return isinstance(expr, TextChunk) and len(expr.text.split()) <= 1


# ---------------------------------------------------------------- one sentence


@dataclass
class Draft:
    """What one sentence is about: its slots (spoken text and value) and its targets."""
    home: Home
    spoken: dict[tuple[str, str], str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)  # slot name -> value
    targets: list[Device] = field(default_factory=list)
    area: str | None = None  # the speaker's area (the line's `area`)
    rules: dict = field(default_factory=dict)  # rule overrides (<light> for a group)
    group: bool = False  # targets named by a place or kind, not by a device's name


class Skip(Exception):
    """This template cannot be filled from this home."""


NUMBERS = RbnfEngine.for_language("en")


def say_number(n: int, rng: random.Random, words: float = 0.3) -> str:
    if rng.random() < words:
        return NUMBERS.format_number(n).text.replace(",", "")
    return str(n)


def kind_filter(intent: str, block: dict, refs: set[tuple[str, str]]) -> Callable[[Device], bool]:
    """Which devices a block's sentence may be about."""
    slots, context = block.get("slots") or {}, block.get("requires_context") or {}
    domains = context.get("domain")
    domains = set(domains if isinstance(domains, list) else [domains]) if domains else None
    if slots.get("domain"):
        domains = {slots["domain"]}
    slot_names = {s for _, s in refs}
    lists = {l for l, _ in refs}
    needs: Callable[[Device], bool] = lambda d: True  # noqa: E731
    if intent in ("HassTurnOn", "HassTurnOff"):
        domains = (domains or SWITCHED) & SWITCHED
    elif intent == "HassLightSet":
        domains = {"light"}
        if "color" in slot_names:
            needs = lambda d: "color" in d.attributes  # noqa: E731
    elif intent.startswith("HassClimate"):
        domains = {"climate"}
    elif intent == "HassSetPosition":
        domains = {"cover"}
        needs = lambda d: "position" in d.attributes  # noqa: E731
    elif intent in ("HassSetVolume", "HassSetVolumeRelative") or intent in MEDIA_INTENTS:
        domains = {"media_player"}
    elif intent == "HassFanSetSpeed":
        domains = {"fan"}
    elif intent == "HassGetState":
        domains = (domains or set()) & {"light", "switch", "fan", "cover", "lock", "climate",
                                        "media_player", "sensor", "binary_sensor"}
    if "cover_classes" in lists:
        inner = needs
        needs = lambda d: inner(d) and d.cover_class is not None  # noqa: E731
    if "bs_occupancy_states" in lists:
        return lambda d: False  # no occupancy sensors in our homes
    return lambda d: d.domain in (domains or set()) and needs(d)


def bind_targets(draft: Draft, intent: str, block: dict, refs: set, rng: random.Random) -> None:
    """Choose the device(s) the sentence is about and say their name / area / floor."""
    home, fits = draft.home, kind_filter(intent, block, refs)
    slot_names = {s for _, s in refs}
    names = {"name", "area", "floor"} & slot_names
    cover_class = next(((l, s) for l, s in refs if l == "cover_classes"), None)
    if "name" in names:
        choices = [d for d in home.devices if fits(d)]
        rng.shuffle(choices)
        for device in choices:
            phrase = rng.choice(device.spoken)
            if len(home.named(phrase)) != 1:
                continue
            if "floor" in names and home.floor_of(device) is None:
                continue
            draft.targets = [device]
            draft.spoken[("name", "name")] = phrase
            if "area" in names:
                draft.spoken[("area", "area")] = rng.choice(home.place_words(home.areas[device.area]))
            if "floor" in names:
                draft.spoken[("floor", "floor")] = rng.choice(
                    home.place_words(home.floors[home.floor_of(device)]))
            break
        else:
            raise Skip
        return
    if "area" in names or "floor" in names or (block.get("requires_context") or {}).get("area"):
        kind = "floor" if "floor" in names else "area"
        places = list(home.floors if kind == "floor" else home.areas)
        rng.shuffle(places)
        for place in places:
            found = (home.on_floor if kind == "floor" else home.in_area)(place, fits)
            if cover_class and found:
                cls = rng.choice(sorted({d.cover_class for d in found}))
                found = [d for d in found if d.cover_class == cls]
                spoken = {"blind": "blinds", "shade": "shades", "curtain": "curtains",
                          "garage": "garage door", "shutter": "shutters"}[cls]
                draft.spoken[cover_class] = spoken if len(found) > 1 else rng.choice([spoken, spoken.rstrip("s")])
                draft.values["device_class"] = cls
            if found:
                break
        else:
            raise Skip
        draft.targets, draft.group = found, True
        if kind in names:
            places_words = home.place_words((home.floors if kind == "floor" else home.areas)[place])
            draft.spoken[(kind, kind)] = rng.choice(places_words)
        else:
            draft.area = place
        draft.rules["light"] = parse_sentence(light_words(found))
        return
    # nothing named: every device of the kind in the home ("turn off all the lights")
    draft.targets, draft.group = [d for d in home.devices if fits(d)], True
    if not draft.targets:
        raise Skip
    if cover_class:
        cls = rng.choice(sorted({d.cover_class for d in draft.targets}))
        draft.targets = [d for d in draft.targets if d.cover_class == cls]
        draft.spoken[cover_class] = {"blind": "blinds", "shade": "shades", "curtain": "curtains",
                                     "garage": "garage doors", "shutter": "shutters"}[cls]
        draft.values["device_class"] = cls
    draft.rules["light"] = parse_sentence(light_words(draft.targets))


def light_words(targets: list[Device]) -> str:
    """What a group of lights may be called: a singular only for one light, "lamps" only when
    every one is a lamp (so "the lamp" never means several lights)."""
    lamps = all("lamp" in d.name.lower() for d in targets)
    if len(targets) == 1:
        return "(light|lights|lamp|lighting)" if lamps else "(light|lights|lighting)"
    return "(lights|lamps|lighting)" if lamps else "(lights|lighting)"


def bind_values(draft: Draft, intent: str, refs: set, templates: Templates, rng: random.Random) -> None:
    """Numbers, colours, durations, items and the HA value lists."""
    for list_name, slot in sorted(refs, key=lambda ref: (ref[0] != "todo_list_item", ref)):
        key = (list_name, slot)
        if key in draft.spoken:
            continue
        spec = templates.lists.get(list_name, {})
        if list_name == "color":
            colour = rng.choice(COLOURS)
            draft.spoken[key], draft.values[slot] = colour, colour
        elif list_name in ("brightness", "position", "volume", "fan_speed"):
            n = percent_for(list_name, draft, rng)
            draft.spoken[key], draft.values[slot] = str(n), n
        elif list_name in ("volume_step_up", "volume_step_down"):
            n = rng.choice([5, 10, 15, 20])
            draft.spoken[key] = str(n)
            draft.values[slot] = n if list_name.endswith("up") else -n
        elif list_name == "temperature":
            t = rng.choice([17, 18, 19, 21, 22, 23, 24, 20.5, 21.5])
            draft.spoken[key], draft.values[slot] = str(t), t
        elif list_name == "color_temperature":
            n = rng.choice([2700, 3000, 4000, 5000])
            draft.spoken[key], draft.values[slot] = str(n), n
        elif list_name in ("timer_hours", "timer_minutes", "timer_seconds"):
            n = timer_number(list_name, slot, refs, rng)
            draft.spoken[key], draft.values[slot] = say_number(n, rng), n
        elif list_name == "timer_name":
            name = rng.choice(TIMER_NAMES)
            draft.spoken[key], draft.values[slot] = name, name
        elif list_name == "shopping_list_item":
            item = rng.choice(SHOPPING_ITEMS)
            draft.spoken[key], draft.values[slot] = item, item
        elif list_name == "todo_list_item":
            name, items = rng.choice(TODO)
            item = rng.choice(items)
            draft.spoken[key], draft.values[slot] = item, item
            draft.spoken[("name", "name")], draft.values["name"] = name, name
        elif list_name == "message":
            message = rng.choice(MESSAGES)
            draft.spoken[key], draft.values[slot] = message, message
        elif list_name == "timer_command":
            bind_command(draft, key, rng)
        elif list_name in ("area", "floor", "name") and intent not in DEVICE_INTENTS:
            places = draft.home.areas if list_name != "floor" else draft.home.floors
            if list_name == "name":
                raise Skip  # a {name} of an entity kind we have no device of (vacuum, weather...)
            draft.spoken[key] = rng.choice(draft.home.place_words(rng.choice(list(places.values()))))
        elif "values" in spec:
            parsed, value = rng.choice(templates.values(list_name))
            draft.spoken[key] = render(parsed.expression, templates.rules, {}, rng, set()).strip()
            draft.values[slot] = value
        else:
            raise Skip


def percent_for(list_name: str, draft: Draft, rng: random.Random) -> int:
    step = max((int(d.attributes.get("percentage_step", 1)) for d in draft.targets), default=1)
    if list_name == "fan_speed" and step > 1:
        return rng.choice(range(step, 101, step))
    return rng.choice([10, 20, 25, 30, 40, 50, 60, 65, 70, 75, 80, 90] if list_name != "volume"
                      else [10, 15, 20, 25, 30, 40, 45, 50, 60, 70])


def timer_number(list_name: str, slot: str, refs: set, rng: random.Random) -> int:
    units = {l for l, _ in refs if l.startswith("timer_") and l != "timer_name"}
    if list_name == "timer_hours":
        return rng.choice([1, 2, 3]) if slot != "start_hours" else rng.choice([1, 2])
    if list_name == "timer_minutes":
        return rng.choice([5, 10, 15, 20, 30, 45]) if "timer_hours" in units \
            else rng.choice([1, 2, 3, 5, 8, 10, 12, 15, 20, 25, 30, 40, 45, 90])
    return rng.choice([10, 15, 20, 30, 45]) if len(units) > 1 else rng.choice([10, 20, 30, 45, 90])


def bind_command(draft: Draft, key: tuple[str, str], rng: random.Random) -> None:
    """A device command to run later ("turn off the desk lamp" in 10 minutes)."""
    choices = [d for d in draft.home.devices if d.domain in ("light", "switch")
               and len(draft.home.named(d.name.lower())) == 1]
    device = rng.choice(choices)
    on = device.state == "off"
    draft.spoken[key] = f"turn {'on' if on else 'off'} the {device.name.lower()}"
    draft.values["command"] = ("turn_on" if on else "turn_off", device)


# ---------------------------------------------------------------- expectations


def duration(values: dict[str, Any], prefix: str = "") -> int:
    return sum(values.get(prefix + unit, 0) * seconds
               for unit, seconds in (("hours", 3600), ("minutes", 60), ("seconds", 1)))


def expect(intent: str, draft: Draft, used_slots: set[str], now: datetime) -> dict[str, Any] | None:
    """The expectation, by data/eval/README.md's labelling conventions; None: not labelled."""
    values = {k: v for k, v in draft.values.items() if k in used_slots or k in ("command",)}
    if intent in DEVICE_INTENTS:
        return device_expect(intent, draft, values)
    if intent == "HassStartTimer":
        if "command" in values and ("timer_command", "conversation_command") in draft.spoken:
            api, device = values["command"]
            word = max(device.name.lower().split(), key=len)
            due = now + timedelta(seconds=duration(values))
            return {"expert": "smart_home", "devices": {},
                    "scheduled": [{"api": api, "due": due.isoformat(), "args_contain": word}]}
        timer: dict[str, Any] = {"duration_s": duration(values)}
        if "name" in used_slots:
            timer["name"] = values["name"]
        return {"expert": "timers", "timers": [timer]}
    if intent in TIMER_INTENTS:
        return {"expert": "timers"}
    if intent == "HassShoppingListAddItem":
        return {"expert": "lists", "lists": {"shopping": [values["item"]]}}
    if intent == "HassListAddItem":
        return {"expert": "lists", "lists": {list_name(values["name"]): [values["item"]]}}
    if intent in ("HassShoppingListCompleteItem", "HassListCompleteItem", "HassListRemoveItem"):
        return {"expert": "lists"}
    if intent in ("HassGetCurrentTime", "HassGetCurrentDate", "HassNevermind"):
        return {"expert": "system", "devices": {}}
    if intent in ("HassGetWeather", "HassBroadcast"):
        return {"declined": True}
    if intent in ("HassVacuumStart", "HassLawnMowerStartMowing"):
        return {"devices": {}}  # no such device in our homes: ask or refuse, change nothing
    return None


def list_name(name: str) -> str:
    """The lists expert's name: lowercase, without "list"; shopping/grocery -> shopping; to do."""
    name = re.sub(r"\blist\b", "", name.lower()).strip()
    if name in ("grocery", "groceries", "shopping"):
        return "shopping"
    return "to do" if name.replace("-", " ") in ("to do", "todo") else name


def device_expect(intent: str, draft: Draft, values: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = {"expert": "smart_home"}
    targets = draft.targets
    if intent == "HassGetState" or intent == "HassClimateGetTemperature":
        return {**result, "devices": {}}
    if intent in MEDIA_INTENTS or intent == "HassClimateSetFanMode":
        return result  # no API for it (capability gap): only the expert
    if intent == "HassLightSet" and "temperature" in values:
        return result  # colour temperature: no API for it (capability gap)
    if intent in ("HassTurnOn", "HassTurnOff"):
        on = intent == "HassTurnOn"
        if any(d.domain == "lock" and not on or d.cover_class == "garage" and on for d in targets):
            return {**result, "devices": {}, "asks": True}  # unlock / open the garage: confirm first
        return {**result, "devices": {d.id: switched(d, on) for d in targets}}
    if intent == "HassSetVolumeRelative":
        step = values.get("volume_step")
        if not isinstance(step, int):
            return result  # "volume up": no amount
        return {**result, "devices": {d.id: {"attributes": {
            "volume": min(100, max(0, d.attributes["volume"] + step))}} for d in targets}}
    devices = {}
    for d in targets:
        if intent == "HassLightSet":
            attrs = {k: values[k] for k in ("brightness", "color") if k in values}
            devices[d.id] = {"state": "on", "attributes": attrs}
        elif intent == "HassClimateSetTemperature":
            devices[d.id] = {"attributes": {"temperature": values["temperature"]}}
        elif intent == "HassSetPosition":
            p = values["position"]
            devices[d.id] = {"state": "open" if p > 0 else "closed", "attributes": {"position": p}}
        elif intent == "HassSetVolume":
            devices[d.id] = {"attributes": {"volume": values["volume_level"]}}
        elif intent == "HassFanSetSpeed":
            p = values["percentage"]
            devices[d.id] = {"state": "on" if p > 0 else "off", "attributes": {"percentage": p}}
    return {**result, "devices": devices}


def switched(device: Device, on: bool) -> dict[str, Any]:
    """A device after turn on / off (README: covers state + position, thermostat heat/off; a media
    player turned on only may change, its "on" state has no one name)."""
    if device.domain == "cover":
        want: dict[str, Any] = {"state": "open" if on else "closed"}
        if "position" in device.attributes:
            want["attributes"] = {"position": 100 if on else 0}
        return want
    if device.domain == "lock":
        return {"state": "locked"}
    if device.domain == "climate":
        return {"state": "heat" if on else "off"}
    if device.domain == "media_player":
        return {} if on else {"state": "off"}
    return {"state": "on" if on else "off"}


# ---------------------------------------------------------------- sampling


def plausible(text: str, draft: Draft, template: str, intent: str) -> bool:
    """Reject renderings a person would not say or that would change what is meant."""
    if re.search(r"\b(\w+) \1\b", text) or re.search(r"\b(upstairs|downstairs) floor\b", text):
        return False
    if re.search(r"\b(1|one)[ -](hours|minutes|seconds)\b|\d+-(hours|minutes|seconds)\b", text):
        return False
    if re.search(r"\b(the|my|our|every|each|single) (my|our|the)\b|\ban (?![aeiou])|\bto (on|off)\b", text):
        return False
    if re.search(r"-(hours|minutes|seconds)\b|for \S+-(hour|minute|second)\b"
                 r"|-(hour|minute|second) (to|from|off)\b|-(hour|minute|second)$|\ba (minutes|hours|seconds)\b", text):
        return False
    if re.search(r"\b(any|which|what|floor) (the|my|our)\b|\bhow many\b.* is\b|\bturn (increase|decrease)\b"
                 r"|\b(increase|up)\b.*\b(lowest|min|minimum)\b|\b(decrease|down)\b.*\b(max|maximum|highest)\b", text):
        return False
    said_list = draft.spoken.get(("name", "name")) if intent.startswith("HassList") else None
    if said_list and not re.search(rf"\b{re.escape(said_list)} list\b", text):
        return False  # "put light bulbs on hardware store": the list must be called a list
    for m in re.finditer(r"(\S+)[ -](minute|hour|second)\b", text):  # "after 90 minute"
        if m.group(1) not in ("1", "one", "a") and "timer" not in text[m.end():]:
            return False
    if re.search(r"\b(fans|lights|switches|locks|doors|blinds|shades|curtains|lamps) is\b"
                 r"|\b(fan|light|switch|lock|door|blind|shade|curtain|lamp) are\b", text):
        return False
    area_said = draft.spoken.get(("area", "area"))
    if area_said and re.search(rf"\bon (the |my |our )?{re.escape(area_said)}\b", text):
        return False  # "on" a room ("turn all the lights on my kids room out"): for floors only
    if not direction_fits(text, draft):
        return False
    if intent in MEDIA_INTENTS and not MEDIA.search(text) and \
            not any(p in text for d in draft.targets for p in d.spoken):
        return False  # a bare "pause" / "resume" / "next" may as well mean a timer
    if intent == "HassSetPosition":
        p = draft.values.get("position", 50)
        if re.match(r"(close|shut|lower)", text) and p > 50 or re.match(r"(open|raise|lift)", text) and p < 50:
            return False
    if intent in ("HassSetVolume", "HassSetVolumeRelative") and len(draft.targets) > 1:
        return False  # "the living room volume" with a speaker and a TV there
    if draft.group and len(draft.targets) > 1 and intent not in QUERIES:
        # a singular kind ("the fan", "the blind") or the name of one device must not name a group
        if re.search(r"\b(fan|blind|shade|curtain|lamp|light(?! up))\b", text):
            return False
        if any(re.search(rf"\b{re.escape(p)}\b", text) for d in draft.home.devices for p in d.spoken):
            return False
    if draft.area and not HERE.search(text) and len(draft.targets) > 1:
        return False
    if draft.area and not HERE.search(text):
        kind = draft.targets[0].domain if draft.targets else None
        if kind and len([d for d in draft.home.devices if d.domain == kind]) > 1:
            return False
    if "{name} <light>" in template and draft.targets and \
            draft.spoken.get(("name", "name"), "").split()[-1] in LIGHT_WORDS:
        return False
    return True


LEVELS = {"brightness": "brightness", "position": "position", "volume_level": "volume",
          "percentage": "percentage", "temperature": "temperature"}


def direction_fits(text: str, draft: Draft) -> bool:
    """ "turn the volume up to 15" from 30, "decrease the heat to 24" from 20: HA's templates allow
    it, a person would not say it."""
    up = re.search(r"\b(up|increase|raise|lift)\b", text)
    down = re.search(r"\b(down|decrease|lower)\b", text)
    for slot, attribute in LEVELS.items():
        if slot not in draft.values or not isinstance(draft.values[slot], (int, float)):
            continue
        for device in draft.targets:
            if attribute not in device.attributes:
                continue
            now = device.attributes[attribute]
            if device.domain in ("light", "fan") and device.state == "off":
                now = 0
            if up and draft.values[slot] < now or down and draft.values[slot] > now:
                return False
    return True


def sample(intent: str, block: dict, template: str, templates: Templates, home: Home,
           rng: random.Random, now: datetime) -> dict[str, Any] | None:
    parsed = parse_sentence(template)
    refs = list_refs(parsed.expression, templates.rules)
    for _ in range(30):
        draft = Draft(home)
        try:
            if intent in DEVICE_INTENTS:
                bind_targets(draft, intent, block, refs, rng)
            elif (block.get("requires_context") or {}).get("area"):
                draft.area = rng.choice(list(home.areas))
            bind_values(draft, intent, refs, templates, rng)
        except Skip:
            return None
        used: set = set()
        rules = {**templates.rules, **draft.rules}
        text = render(parsed.expression, rules, draft.spoken, rng, used)
        text = re.sub(r"\s+", " ", text).strip().lower()
        if not plausible(text, draft, template, intent):
            continue
        label = expect(intent, draft, {s for _, s in used}, now)
        if label is None:
            return None
        line: dict[str, Any] = {"text": text, "home": HOMES[home.key][0], "now": now.isoformat()}
        if draft.area:
            line["area"] = draft.area
        return {**line, "expect": label}
    return None


def split_of(intent: str, template: str) -> str:
    digest = hashlib.sha256(f"{intent}\n{template}".encode()).digest()
    return "tune" if digest[0] % 2 == 0 else "holdout"


def generate(seed: int) -> dict[str, list[dict]]:
    templates = Templates()
    homes = [Home.load(key) for key in HOMES]
    out: dict[str, list[dict]] = {"tune": [], "holdout": []}
    for intent, budget in BUDGET.items():
        rng = random.Random(f"{seed}-{intent}")  # one stream per intent: a change stays local
        pairs = [(block, template) for block in templates.blocks(intent) for template in block["sentences"]]
        rng.shuffle(pairs)
        lines: list[dict] = []
        per_template = min(4, max(PER_TEMPLATE, -(-budget // len(pairs))))
        for block, template in pairs:
            if len(lines) >= budget:
                break
            order = homes[:]
            rng.shuffle(order)
            made = 0
            for home in order:
                if made >= per_template or len(lines) >= budget:
                    break
                now = datetime.fromisoformat(rng.choice(NOWS))
                line = sample(intent, block, template, templates, home, rng, now)
                if line and all(line["text"] != other["text"] for other in lines):
                    lines.append({"intent": intent, "template": template, **line})
                    made += 1
        for number, line in enumerate(lines, start=1):
            split = split_of(intent, line["template"])
            out[split].append({"id": f"ha-{intent}-{number:03d}", "text": line["text"],
                               "home": line["home"], "now": line["now"],
                               **({"area": line["area"]} if "area" in line else {}),
                               "expect": line["expect"], "intent": intent, "template": line["template"]})
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=19)
    parser.add_argument("--check", action="store_true", help="load both files with the eval loader")
    args = parser.parse_args()
    out = generate(args.seed)
    for split, lines in out.items():
        path = EVAL / f"ha_{split}.jsonl"
        path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines))
        counts: dict[str, int] = {}
        for line in lines:
            counts[line["intent"]] = counts.get(line["intent"], 0) + 1
        print(f"{path.relative_to(ROOT)}: {len(lines)} lines", counts)
    if args.check:
        sys.path.insert(0, str(ROOT))
        from assistant.evaluation.cases import load_cases
        for split in out:
            cases = load_cases(EVAL / f"ha_{split}.jsonl")
            missing = [c.id for c in cases if c.home is None or not c.home.exists()]
            print(f"ha_{split}.jsonl loads: {len(cases)} cases; missing homes: {missing}")


if __name__ == "__main__":
    main()
