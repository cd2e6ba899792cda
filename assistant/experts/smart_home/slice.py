"""The relevant slice of a home for one smart-home request: context for the router, not the whole home.

A home with hundreds of devices must not go into a prompt. `relevant_devices` keeps the few devices
the utterance points at (their name, room or kind is mentioned; "here" means the speaker's room),
and `device_lines` writes them compactly, with ids minified to aliases (d1, d2…) when an
`AliasTable` is given, so the model reads and writes a few tokens instead of `light.kitchen_ceiling_4f2a9c`.
"""
from __future__ import annotations

import re

import sqlite_utils

from assistant.context import Aliases
from assistant.experts.smart_home import vocab
from assistant.experts.smart_home.backend import HomeBackendError, read_home
from assistant.experts.smart_home.store import Device, Home

MAX_DEVICES = 6
RELATIVE_CUTOFF = 0.6  # keep devices scoring at least this share of the best one
VALUES = re.compile(r"\b(?:to|by|at)\s+-?\d+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\s*(?:%|percent|degrees?)",
                    re.IGNORECASE)
COMMAND_WORDS = frozenset("make turn set put get keep let can could would you it its is are was i im me "
                          "we us please now just bit little more less by percent degrees".split())
# Words of indirect requests and what kind of device they are about ("it's dark in here").
HINTS = {**dict.fromkeys("dark see bright brighter dim dimmer gloomy".split(), "light"),
         **dict.fromkeys("warm warmer cold colder cool cooler hot chilly freezing degrees".split(), "climate"),
         **dict.fromkeys("loud louder quiet quieter volume song".split(), "media_player"),
         **dict.fromkeys("locked unlocked".split(), "lock")}
NAME_WEIGHT, PLACE_WEIGHT, TYPE_WEIGHT, HERE_WEIGHT = 3.0, 2.0, 1.0, 0.5


def routing_context(db: sqlite_utils.Database, text: str, here: str | None,
                    aliases: Aliases | None) -> str:
    """The registry hook: the slice of the home this smart-home request points at."""
    try:
        home = read_home(db)
    except HomeBackendError:
        return ""  # the home cannot be read now; the call will say why
    return device_lines(home, relevant_devices(home, text, here), aliases)


def relevant_devices(home: Home, text: str, here: str | None = None,
                     limit: int = MAX_DEVICES) -> list[Device]:
    """The devices the utterance most plausibly means, best first (none if nothing points at any)."""
    text = VALUES.sub(" ", text)  # "to 20 percent" is a value, not "Room 20"
    words = [w for w in vocab.content(vocab.tokens(text)) if w not in COMMAND_WORDS or w in HINTS]
    if not words:
        return []
    here_said = any(w in ("here", "in") for w in vocab.tokens(text)) and here is not None
    types = _type_domains(words)
    type_words = [w for w in words if vocab.type_word(w)[0] is not None]
    scored = []
    for order, device in enumerate(home.devices):
        score = _score(home, device, words, type_words, types, here if here_said else None)
        if score > 0:
            scored.append((-score, order, device))
    best = -min(scored)[0] if scored else 0.0
    return [device for score, _, device in sorted(scored)[:limit] if -score >= RELATIVE_CUTOFF * best]


def device_lines(home: Home, devices: list[Device], aliases: Aliases | None = None) -> str:
    """`Devices: d1 Kitchen Ceiling (Kitchen, light); …`, or the full ids without an alias table."""
    if not devices:
        return ""
    items = []
    for device in devices:
        area = home.area(device.area_id)
        ident = aliases.alias(device.id) if aliases is not None else device.id
        where = f"{area.name}, " if area else ""
        items.append(f"{ident} {device.name} ({where}{device.domain.replace('_', ' ')})")
    return "Devices: " + "; ".join(items)


def _score(home: Home, device: Device, words: list[str], type_words: list[str], types: set[str],
           here: str | None) -> float:
    name_tokens = vocab.tokens(" ".join([device.name, *device.aliases]))
    area = home.area(device.area_id)
    floor = next((f for f in home.floors if f.id == home.floor_id_of(device.area_id)), None)
    places = [area.name, area.id.replace("_", " "), *area.aliases] if area else []
    places += [floor.name, *floor.aliases] if floor else []
    place_tokens = vocab.tokens(" ".join(places))
    name_hits = sum(vocab.word_in(w, name_tokens) for w in words if w not in type_words)
    named_kind = sum(vocab.word_in(w, name_tokens) for w in type_words)  # "lamp" in "Desk Lamp"
    place_hits = sum(vocab.word_in(w, place_tokens) for w in words if len(w) > 2 or w.isdigit())
    type_hit = device.domain in types
    in_here = here is not None and device.area_id == here
    # Only devices the words point at (name, room, or "here" with a kind): a device that merely
    # shares a kind ("the sauna light" → every light) is not offered, so none can be picked.
    if not (name_hits or (place_hits and (type_hit or not types)) or (in_here and type_hit)):
        return 0.0
    return (NAME_WEIGHT * name_hits + TYPE_WEIGHT * named_kind + PLACE_WEIGHT * place_hits + TYPE_WEIGHT * type_hit
            + HERE_WEIGHT * in_here)


def _type_domains(words: list[str]) -> set[str]:
    domains: set[str] = {HINTS[w] for w in words if w in HINTS}
    for size in (2, 1):
        for i in range(len(words) - size + 1):
            found, _ = vocab.type_word(" ".join(words[i:i + size]))
            if found is not None:
                domains |= set(found.domains)
    return domains
