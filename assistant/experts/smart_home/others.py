""""The other one": after a call on one device, the one other device of its kind that is meant.

"turn on the left nightstand lamp" → "and the other one" is the right nightstand lamp; "switch the
desk lamp on" → "the other lamp too" is the other lamp in that room. A device of the same name in
another room is the other one ("the bedside lamp in Grandma's room", then the other Bedside Lamp). Of the devices of the kind
(the kind said, else the previous device's domain), read in this order: the one in the same room
whose name shares a word with it ("Left/Right Bedside Lamp", though a ceiling light is there too);
the one there whose name holds the same kind ("Tom's Lamp" after "Mairead's Lamp"); the one other
in the same room; the one elsewhere sharing a word; the only other in the home. None when no
device, or several, fit: the router reads the words then.
"""
from __future__ import annotations

import re

import sqlite_utils

from assistant.experts.smart_home import vocab
from assistant.experts.smart_home.backend import read_home
from assistant.experts.smart_home.resolve import of_type, resolve_in
from assistant.experts.smart_home.store import Device

OTHER = re.compile(r"^(?:the |that |my )?other (?P<kind>one|[a-z' ]+?)$", re.IGNORECASE)


def names_other(phrase: str) -> bool:
    """Whether the phrase is "the other one" / "the other lamp"."""
    return bool(OTHER.match(phrase.strip()))


def the_other(db: sqlite_utils.Database, args: dict, phrase: str) -> str | None:
    """The name of the device "the other …" means after a call with these target `args`, or None."""
    found = OTHER.match(phrase.strip())
    if found is None:
        return None
    home = read_home(db)
    was = resolve_in(home, args.get("device"), args.get("area"), args.get("device_type"))
    if len(was.device_ids) != 1:
        return None  # "the other one" after several: not one device
    before = next(d for d in home.devices if d.id == was.device_ids[0])
    others = [d for d in _of_kind(home.devices, before, found["kind"]) if d.id != before.id]
    namesakes = [d for d in others if d.name.lower() == before.name.lower()]
    if len(namesakes) == 1:  # a Bedside Lamp in another room: that one, by its room
        area = home.area(namesakes[0].area_id) if namesakes[0].area_id else None
        return f"{area.name} {namesakes[0].name}" if area else None
    paired, near, alike = _sharing_a_word(others, before), _same_room(others, before), _named_alike(others, before)
    for narrowed in ([d for d in paired if d in near], [d for d in alike if d in near], near, paired, others):
        if len(narrowed) == 1:
            return narrowed[0].name
        if narrowed:
            return None  # several fit at the closest tie: which one is not clear
    return None


def _of_kind(devices: list[Device], before: Device, kind: str) -> list[Device]:
    """Devices of the kind said ("the other lamp"), else of the previous device's domain."""
    tw, _ = vocab.type_word(vocab.norm(kind)) if kind.lower() != "one" else (None, False)
    if tw is None:
        return [d for d in devices if d.domain == before.domain]
    return of_type(devices, tw)


def _same_room(devices: list[Device], before: Device) -> list[Device]:
    return [d for d in devices if before.area_id and d.area_id == before.area_id]


def _named_alike(devices: list[Device], before: Device) -> list[Device]:
    """Devices whose names hold the kind the previous one's name holds ("Tom's Lamp" for
    "Mairead's Lamp", not the ceiling light in that room)."""
    kind = vocab.first_type_word(before.name)
    return [d for d in devices if kind and vocab.first_type_word(d.name) == kind]


def _sharing_a_word(devices: list[Device], before: Device) -> list[Device]:
    """Devices whose names share a word beyond the kind ("Right Bedside Lamp" for "Left Bedside Lamp")."""
    mine = set(vocab.tokens(before.name)) - set(vocab.tokens(vocab.kind_of(before.id)))
    return [d for d in devices if mine & set(vocab.tokens(d.name))]
