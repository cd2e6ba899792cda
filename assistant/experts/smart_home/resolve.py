"""Resolve the phrases an LLM fills in (device, area, device_type) to the ids of real devices.

Deterministic and conservative: a device is chosen by a strong fuzzy match of its name, or by a
description (place + type words + name words) that every chosen device satisfies. Anything else
is a `problem` sentence for the user; an id is never guessed.

Each phrase is read for what it is, whatever slot the model wrote it in (a room in `device_type`
is the area). A place is found by its name or alias, then by a common synonym ("lounge" for the
Family Room; "upstairs" for the floor one level above the ground), then by part of its name
("bedroom" for the Master Bedroom); when that names several places, the problem asks which.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import sqlite_utils

from assistant.experts.smart_home import changes, vocab
from assistant.experts.smart_home.colors import css_color
from assistant.experts.smart_home.backend import read_home
from assistant.experts.smart_home.describe import the
from assistant.experts.smart_home.store import Device, Home
from assistant.experts.smart_home.vocab import TypeWord

NAME_THRESHOLD = 85.0  # "hall light" ~ "Hallway Light" (87); "garage light" !~ "Garage Door" (57)
PLURAL_NAME_THRESHOLD = 95.0  # "kitchen lights" is not "Kitchen Spotlights" (88), but is "Kitchen Lights"
PLACE_THRESHOLD = 85.0
LEVEL_WORDS = frozenset("low medium high max maximum min minimum full half halfway".split())  # never a place
EMBEDDED_PLACE_THRESHOLD = 90.0  # a place named inside a device phrase must match closely
MAX_LISTED = 5


@dataclass(frozen=True)
class Which:
    """A "which one?" problem's possible answers: values of the call's `slot` (device ids, or
    place names for the area), each with the words that name it; a value "area=Kitchen" is a
    value of another argument."""
    slot: str
    choices: dict[str, str]


@dataclass(frozen=True)
class Resolution:
    device_ids: list[str]
    problem: str | None = None
    about_place: bool = field(default=False, compare=False)  # unknown place, or several fit: ask
    which: Which | None = field(default=None, compare=False)  # several fit: what the answer picks from


@dataclass(frozen=True)
class Place:
    area_ids: frozenset[str]
    label: str


@dataclass
class _Description:
    types: list[TypeWord] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    plural: bool = False
    place: Place | None = None
    several: tuple[str, list[Place]] | None = None  # words naming more than one place ("hall")
    place_words: list[str] = field(default_factory=list)  # the words that named `place`


class _Problem(Exception):
    """A user-level resolution problem (internal control flow only); `which` when it asks which."""

    def __init__(self, message: str, which: Which | None = None) -> None:
        super().__init__(message)
        self.which = which


class _PlaceProblem(_Problem):
    """No place, or several, fit the place phrase."""


class _SeveralPlaces(_PlaceProblem):
    def __init__(self, text: str, places: list[Place]) -> None:
        super().__init__(_which_place(text, places), Which("area", {p.label: p.label for p in places}))
        self.text, self.places = text, places


def resolve(db: sqlite_utils.Database, device: str | None = None, area: str | None = None,
            device_type: str | None = None, *, here: str | None = None,
            allowed: set[str] | None = None, bulk: set[str] | None = None) -> Resolution:
    """Resolve against the home in `db`. `allowed`: domains the caller can act on; `bulk`: the
    domains meant when only a place (or "everything") is named; `here`: the speaker's area."""
    return resolve_in(read_home(db), device, area, device_type, here=here, allowed=allowed, bulk=bulk)


def resolve_in(home: Home, device: str | None = None, area: str | None = None,
               device_type: str | None = None, *, here: str | None = None,
               allowed: set[str] | None = None, bulk: set[str] | None = None) -> Resolution:
    if not home.devices:
        return Resolution([], "No home is loaded, so there are no devices to control.")
    try:
        ids = _Resolver(home, here, allowed, bulk).run(device, area, device_type)
    except _Problem as problem:
        return Resolution([], str(problem), isinstance(problem, _PlaceProblem), problem.which)
    return Resolution(ids)


def _says_kinds(device: Device, kinds: list[TypeWord]) -> bool:
    """Whether the device's name or an alias holds each kind's word."""
    names = " ".join([device.name, *device.aliases])
    return all(vocab.has_word(names, (tw.word, vocab.singular(tw.word))) or of_type([device], tw) for tw in kinds)


def names_a_place(home: Home, text: str | None) -> bool:
    """Whether the phrase names a place (a room, a floor, "here", the whole home)."""
    return _Resolver(home, None, None, None).is_place(text)


def one_of_a_shared_name(home: Home, devices: list[Device], said: str | None,
                         here: str | None = None) -> Resolution | None:
    """A "which one?" question when the user said the one name that devices in several rooms share
    ("open the Curtains" with Curtains in the hall and in the bedroom): it names one of them, as
    "the lamp" does (the one in the speaker's room, if one is there); never with a quantifier, "them"
    or a place said ("both", "all the curtains", "the curtains upstairs")."""
    if len(devices) < 2 or len({d.name.lower() for d in devices}) > 1 or len({d.area_id for d in devices}) < 2:
        return None
    words = vocab.tokens(said)
    if _several_meant(words) or not vocab.said_run(vocab.tokens(devices[0].name), words):
        return None
    places = [*home.areas, *home.floors]
    if any(w in words for place in places for w in vocab.content(vocab.tokens(place.name))) \
            or any(w in vocab.WHOLE_HOME for w in words):
        return None
    room_here = home.area(here) if here else None
    local = [d for d in devices if room_here and d.area_id == room_here.id]
    if len(local) == 1:
        return Resolution([local[0].id])
    resolver = _Resolver(home, here, None, None)
    return Resolution([], resolver.question(devices, devices[0].name.lower()), which=resolver.which(devices))


def one_of_a_kind(home: Home, devices: list[Device], said: str | None,
                  here: str | None = None) -> Resolution | None:
    """A "which one?" question when the user named a countable kind in the singular ("the lamp
    in the snug", "the bedroom fan", "the speaker") and several devices of it fit: one is meant
    (the one in the speaker's room, if only one is there).
    A kind that is a mass noun ("the light") means them all, unless only one is named for it (the
    devices then: that one), or, for "the light" of a room, the one named for nothing but the room
    ("the porch light": the Verandah Light, not the Fairy Lights there). None when they said a plural
    or a quantifier."""
    if len(devices) < 2 or len({d.domain for d in devices}) > 1:
        return None
    if _several_meant(vocab.tokens(said)):
        return None  # "both", "the ones in the den": more than one is meant
    if len({d.name.lower() for d in devices}) == len(devices) and all(_whole_name_in(d, vocab.tokens(said)) for d in devices):
        return None  # "the pool pump and the water heater": each named
    kinds = [(tw, plural) for tw, plural in vocab.kinds_said(said) if devices[0].domain in tw.domains]
    one_room = len({d.area_id for d in devices}) == 1
    if len(kinds) == 1 and not kinds[0][1] and not kinds[0][0].countable:
        # "the light in the den" with the Den Light and the Desk Lamp there: the Den Light (with the
        # Pot Lights and the Sink Light there, all the lights)
        named = _the_one_named(devices, kinds[0][0].word) if one_room else None
        if named is None and one_room and (MAIN.search(said or "") or kinds[0][0].word == "light"):
            named = _the_main_one(home, devices)  # "the main light", "the porch light": not the fairy lights
        return Resolution([named.id]) if named else None
    if not kinds or any(plural or not tw.countable for tw, plural in kinds) or len(kinds) >= len(devices):
        return None  # (one named each: "Callum's lamp and the den ceiling light")
    room_here = home.area(here) if here else None
    local = [d for d in devices if room_here and d.area_id == room_here.id]
    if not one_room and len(local) == 1:  # "the speaker", said in the kitchen: the kitchen's
        return Resolution([local[0].id])
    word = kinds[-1][0].word
    named = _the_one_named(devices, word) if word not in CATEGORY_WORDS else None
    if named is not None:  # "my radio" with Mama's Radio and a speaker: the one called a radio
        return Resolution([named.id])
    resolver = _Resolver(home, here, None, None)
    return Resolution([], resolver.question(devices, kinds[-1][0].word), which=resolver.which(devices))


# kinds that name every device of their domain: "the speaker" is any of them, not the one called so
CATEGORY_WORDS = frozenset({"speaker", "player", "media player"})


MAIN = re.compile(r"\b(?:main|overhead|ceiling|big|top)\s+lights?\b", re.IGNORECASE)
PLAIN_LIGHT_WORDS = frozenset("light lights main overhead ceiling big top room".split())


def _the_main_one(home: Home, devices: list[Device]) -> Device | None:
    """The only one of a room's lights named for nothing but the room ("Jaden's Room Light",
    "Ceiling Light"), not a lamp or a night light; None if not one."""
    def plain(device: Device) -> bool:
        area = home.area(device.area_id) if device.area_id else None
        own = set(vocab.tokens(area.name)) if area else set()
        return set(vocab.tokens(device.name)) - own <= PLAIN_LIGHT_WORDS
    main = [d for d in devices if plain(d)]
    return main[0] if len(main) == 1 else None


def _the_one_named(devices: list[Device], word: str) -> Device | None:
    """The only device with `word` in its name or an alias, or None ("radio": the Kitchen Radio)."""
    named = [d for d in devices if vocab.has_word(" ".join([d.name, *d.aliases]), (word,))]
    return named[0] if len(named) == 1 else None


def _said_plural(phrase: str, devices: list[Device]) -> bool:
    """Whether the phrase ends in the plural of the devices' last name word ("heated rails")."""
    words = vocab.tokens(phrase)
    return bool(words) and vocab.singular(words[-1]) != words[-1] and all(
        (name := vocab.tokens(d.name)) and name[-1] == vocab.singular(words[-1]) for d in devices)


def _one_name(devices: list[Device]) -> bool:
    """Whether the devices all have one name: said in the plural ("the exhaust fans"), they are
    every device of that name, not one to ask about."""
    return len({vocab.norm(d.name) for d in devices}) == 1


def _told_apart(devices: list[Device], phrase: str | None) -> Device | None:
    """The one of several devices the phrase tells apart by its head noun or by a colour."""
    return _headed_by(devices, phrase) or _coloured(devices, phrase)


def _headed_by(devices: list[Device], phrase: str | None) -> Device | None:
    """The one device whose name ends in the phrase's last word, its head noun, when the others,
    each of another kind, only have that word before theirs ("the cooler": the Desert Cooler, a
    fan, not the Cooler Pump, a switch)."""
    words = vocab.content(vocab.tokens(phrase))
    if len(devices) < 2 or not words or any(_guarded(d) for d in devices):
        return None  # a door, a lock or an alarm is never guessed
    if len({d.domain for d in devices}) < len(devices):
        return None  # the others are things of another kind (the Chimney Light, a light; not the lights of a room)
    last = vocab.singular(words[-1])
    headed = [d for d in devices if (name := vocab.tokens(d.name)) and vocab.singular(name[-1]) == last
              and all(vocab.word_in(w, name) for w in words)]
    return headed[0] if len(headed) == 1 else None


def _several_meant(words: list[str]) -> bool:
    """Whether the words say more than one is meant ("both", "all", "the ones in the den", "them")."""
    return any(w in vocab.QUANTIFIERS or w in ("ones", "them", "they", "those", "these") for w in words)


def _whole_name_in(device: Device, words: list[str]) -> bool:
    """Whether the words hold the device's whole name or an alias, word for word."""
    return any((name := vocab.tokens(form)) and vocab.said_run(name, words) for form in (device.name, *device.aliases))


def _coloured(devices: list[Device], phrase: str | None) -> Device | None:
    """The one device of several alike whose colour now is a colour the phrase says and no name
    has ("the orange night bulb" with a blue and an orange Night Bulb)."""
    words = [w for w in vocab.tokens(phrase) if css_color(w) and not any(w in vocab.tokens(d.name) for d in devices)]
    if len(devices) < 2 or not words:
        return None
    wanted = {css_color(w) for w in words}
    coloured = [d for d in devices if d.attributes.get("color") and css_color(str(d.attributes["color"])) in wanted]
    return coloured[0] if len(coloured) == 1 else None


def _colour_words(device: Device) -> list[str]:
    return vocab.tokens(str(device.attributes["color"])) if device.attributes.get("color") else []


def _guarded(device: Device) -> bool:
    """A lock, an alarm, or a way into the home (a garage door or gate, a door, their openers)."""
    return device.domain in ("lock", "alarm_control_panel") or changes.is_garage_door(device) \
        or changes.operates_entry(device) or device.attributes.get("device_class") == "door"


def implied_area(home: Home, device: str | None, area: str | None, said: str | None,
                 here: str | None) -> str | None:
    """The place a call means when the model named none: the one the user said ("lights on in
    the kids room"), else, unless the user spoke of the whole home, the speaker's own area
    ("turn on the lights" in the kitchen). None when the call or its device phrase has a place."""
    if area or not said:
        return None
    resolver = _Resolver(home, here, None, None)
    try:
        place = resolver.describe(device).place
    except _Problem:
        return None
    words = vocab.tokens(said)
    if place is not None:  # "the upstairs lounge light" written as the Lounge's, downstairs: the one upstairs
        floor = _floor_said(home, words, device)
        return floor[0] if floor is not None and not place.area_ids <= floor[1] else None
    spoken = " ".join(words)
    if vocab.said_here(said):
        return "here" if here else None
    beside = vocab.content(_without_purpose(resolver, words))
    if _a_device_name(home, device):  # "the suite light" is the Suite Light, not a light in the Suite Bathroom
        own = set(vocab.tokens(device))
        beside = [w for w in beside if w not in own]
    said_place = resolver.said_place(beside, device)  # "the kits room"
    if said_place is not None:
        return said_place
    if any(w in vocab.QUANTIFIERS for w in words) or any(f" {w} " in f" {spoken} " for w in vocab.WHOLE_HOME):
        return None
    return "here" if here else None


def _a_device_name(home: Home, phrase: str | None) -> bool:
    """Whether the phrase is, word for word, the name or an alias of one of the home's devices."""
    words = vocab.tokens(phrase)
    return bool(words) and any(vocab.tokens(name) == words for d in home.devices for name in (d.name, *d.aliases))


def _floor_said(home: Home, words: list[str], device: str | None) -> tuple[str, set[str]] | None:
    """A floor the user said by its role or its full name of two words or more ("upstairs",
    "ground floor") that the device phrase does not hold, and its rooms' ids."""
    spoken, phrase = f" {' '.join(words)} ", f" {vocab.norm(device)} "
    roles = _floor_roles(home.floors)
    for floor in home.floors:
        names = [form for form in (floor.name, *floor.aliases) if len(vocab.tokens(form)) >= 2]
        for form in (vocab.norm(f) for f in (*names, *roles.get(floor.id, ()))):
            if form and f" {form} " in spoken and f" {form} " not in phrase:
                return form, {a.id for a in home.areas if a.floor_id == floor.id}
    return None


def _without_purpose(resolver: "_Resolver", words: list[str]) -> list[str]:
    """The words without a purpose or a person after "for" ("the immersion for the baths", "the
    blanket for granny"): who or what it is for is not where it is, unless those words are a
    place's own name ("the heating for the kitchen") or name a kind of device (the thing itself: "the
    dry mode for the lounge heat pump")."""
    if "for" not in words:
        return words
    cut = len(words) - 1 - words[::-1].index("for")
    purpose = [w for w in words[cut + 1:] if w not in vocab.FILLERS]
    if not purpose or resolver.place(" ".join(purpose), 100.0) is not None \
            or any(vocab.type_word(w)[0] is not None for w in purpose):  # "the dry mode for the lounge heat pump"
        return words
    return words[:cut]


def _with_place(place: str, name: str) -> str:
    """A device's name said with its room's, the words they share said once."""
    in_place = set(vocab.tokens(place))
    return " ".join([place, *(w for w in vocab.tokens(name) if w not in in_place)])


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _quote(text: str | None) -> str:
    words = vocab.tokens(text)
    while words and (words[0] in vocab.FILLERS or words[0] in vocab.QUANTIFIERS):
        words.pop(0)
    return " ".join(words)


def _all_of_them(phrase: str) -> bool:
    """Whether a place phrase means every place it names: a quantifier, or a room word in the
    plural ("both bathrooms", "the bedrooms")."""
    words = vocab.tokens(phrase)
    return bool(vocab.QUANTIFIERS.intersection(words)) or bool(words) and words[-1] != vocab.singular(words[-1]) \
        and words[-1].endswith("rooms")


class _Resolver:
    def __init__(self, home: Home, here: str | None, allowed: set[str] | None,
                 bulk: set[str] | None) -> None:
        self.home, self.here, self.allowed = home, here, allowed
        self.bulk = bulk if bulk is not None else allowed

    def _without_level_words(self, device: str | None) -> str | None:
        """The device phrase without words for its level ("the blind position" is the blind),
        unless a device's own name holds them or nothing else is left."""
        words = vocab.tokens(device)
        if not any(w in vocab.LEVEL_WORDS for w in words):
            return device
        if any(w in vocab.tokens(" ".join((d.name, *d.aliases))) for d in self.home.devices for w in words
               if w in vocab.LEVEL_WORDS):
            return device
        rest = [w for w in words if w not in vocab.LEVEL_WORDS]
        return " ".join(rest) if vocab.content(rest) else device  # "the temperature" alone: the thermostat

    def run(self, device: str | None, area: str | None, device_type: str | None) -> list[str]:
        ids = {part.strip() for part in (device or "").split(",")}
        exact = [d for d in self.home.devices if d.id in ids]
        if exact and len(exact) == len(ids):  # ids the router restored from aliases, or "both" of a choice
            return [d.id for d in self.permit(exact)]
        device = self._without_level_words(device)
        device, area, device_type = self.reslot(device, area, device_type)
        if vocab.norm(area) in vocab.OUT_AT_END and _a_device_name(self.home, device):
            area = None  # "the sleepout light down the back": a thing named in full is where it is
        try:
            scope = self.scope(area)
        except _SeveralPlaces as several:
            return self.among(several, device, area, device_type)
        return self.within(scope, device, area, device_type)

    def among(self, several: _SeveralPlaces, device: str | None, area: str | None,
              device_type: str | None) -> list[str]:
        """Several places fit the place phrase ("bedroom"): the one that has the device; if more
        than one has it, ask which."""
        fitting: dict[Place, list[str]] = {}
        for place in several.places:
            try:
                fitting[place] = self.within(place, device, area, device_type)
            except _Problem:
                continue
        if len(fitting) == 1:
            return next(iter(fitting.values()))
        if not fitting:  # "There is no reading light in the bedroom; ..."
            union = Place(frozenset().union(*(p.area_ids for p in several.places)), several.text)
            return self.within(union, device, area, device_type)
        raise _SeveralPlaces(several.text, list(fitting))

    def within(self, scope: Place | None, device: str | None, area: str | None,
               device_type: str | None) -> list[str]:
        type_desc = self.describe(device_type)
        device = re.sub(r"\s+(?:also|too|as well)\W*$", "", device or "", flags=re.IGNORECASE) or None
        phrase = vocab.norm(device)
        named_apart = [p for p in (device or "").split(",") if vocab.norm(p)]
        if len(named_apart) > 1:  # "Living Room Lamp, Reading Light" (what "them" was): each of them
            return list(dict.fromkeys(i for p in named_apart for i in self.run(p, area, device_type)))
        things = [p for p in re.split(r"\band\b", device or "") if vocab.norm(p)]
        if len(things) > 1 and not any(self.is_place(p) for p in things) and not self._named_with_and(device):
            # "the pool pump and the water heater": each, before a fuzzy match of the whole finds one
            return list(dict.fromkeys(i for p in things for i in self.run(p, area, device_type)))
        if phrase:
            desc = self.describe(device)
            only_a_place = desc.place is not None and not desc.words and not desc.types \
                and not self._a_devices_own_name(phrase)  # ("the foyer": the Fireplace's alias, not the entrance)
            # "kitchen lights" means all of them, not "Kitchen Light"; "living room" is a place,
            # not the "Living Room TV"
            if (desc.words or not desc.plural) and not only_a_place:
                named = self.named(phrase, scope, type_desc.types, desc.plural, desc.types)
                if named is not None:
                    return named
            if desc.several:
                desc.place = self._several_in_scope(desc.several, scope)
            if desc.place is not None and scope is not None and not desc.place.area_ids & scope.area_ids:
                desc.place = self._place_within(desc.place_words, scope) or desc.place  # "lounge" upstairs
            if desc.several and desc.place is None:  # the one of those places that has it, or ask which
                if scope is None or not all(p.area_ids <= scope.area_ids for p in desc.several[1]):
                    return self.among(_SeveralPlaces(*desc.several), device, area, device_type)
                desc.place = scope  # all of them, as `among` found none that has it alone
            parts = [p for p in re.split(r"\band\b", device or "") if vocab.norm(p)]  # (commas: above)
            if len(parts) > 1:
                return list(dict.fromkeys(i for p in parts for i in self.run(p, area, device_type)))
            if not desc.types and not desc.words:
                desc.types, desc.words = type_desc.types, type_desc.words
            elif not desc.types:
                desc.types = type_desc.types
        else:
            desc = type_desc
            desc.plural = True  # "lights" in the kitchen, or everything there
            if not desc.types and not desc.words and scope is None and not vocab.tokens(device):
                return self.the_only_able()
        return self.described(desc, _intersect(scope, desc.place), _quote(device or device_type))

    def _a_devices_own_name(self, phrase: str) -> bool:
        """Whether the phrase is, word for word, a device's name or alias and no place's."""
        def said(names) -> bool:
            return phrase in {vocab.norm(name) for name in names}
        places = [*self.home.areas, *self.home.floors]
        return any(said((d.name, *d.aliases)) for d in self.home.devices) \
            and not any(said((place.name, *place.aliases)) for place in places)

    def _named_with_and(self, phrase: str | None) -> bool:
        """Whether the phrase is a name that holds "and" ("Salt and Pepper Lamp")."""
        words = vocab.tokens(phrase)
        return any("and" in vocab.tokens(name) and set(vocab.content(vocab.tokens(name))) >= set(vocab.content(words))
                   for d in self.home.devices for name in (d.name, *d.aliases))

    def the_only_able(self) -> list[str]:
        """No device named ("set the volume to 25"): the one device that can do the call, else
        ask which of those that can, when they are of one kind."""
        able = [d for d in self.home.devices if self.allowed is not None and d.domain in self.allowed]
        if len(able) == 1:
            return [able[0].id]
        if not able or len(able) > MAX_LISTED or len({d.domain for d in able}) > 1:  # "turn it on": of all?
            raise _Problem("Which device do you mean?")
        raise _Problem(self.question(able, "device"), self.which(able))

    def _place_within(self, words: list[str], scope: Place) -> Place | None:
        """The one room within the scope whose name holds these words ("lounge" upstairs: the
        Pyjama Lounge, when the Lounge itself is downstairs), or None."""
        text = " ".join(words)
        inside = [place for place, names in self._place_forms(floors=False)
                  if place.area_ids <= scope.area_ids and any(vocab.words_within(text, name) for name in names)]
        return inside[0] if len(inside) == 1 else None

    @staticmethod
    def _several_in_scope(several: tuple[str, list[Place]], scope: Place | None) -> Place | None:
        """The one of several places a phrase names ("washroom": two bathrooms) that lies in the
        scope the user also said ("downstairs"), or None."""
        inside = [place for place in several[1] if scope is not None and place.area_ids & scope.area_ids]
        return inside[0] if len(inside) == 1 else None

    def reslot(self, device: str | None, area: str | None,
               device_type: str | None) -> tuple[str | None, str | None, str | None]:
        """The phrases read for what they are, whichever slot the model wrote them in: a place in
        the device_type slot is the area (device "fan", device_type "office"); a kind or a device
        in the area slot is the device (area "fan", device "office")."""
        if vocab.norm(device_type) and not self._has_type(device_type) and not self.is_place(device_type) \
                and not self._names_device(device_type) and not vocab.norm(area):
            area, device_type = device_type, None  # no kind, no name: a place the home lacks, never every device
        if vocab.norm(device_type) and not self._has_type(device_type) and self.is_place(device_type):
            if vocab.norm(area) and self.places(vocab.norm(area), PLACE_THRESHOLD) == \
                    self.places(vocab.norm(device_type), PLACE_THRESHOLD):
                device_type = None  # the same place in both slots
            elif not vocab.norm(area):
                area, device_type = device_type, None
            else:  # two places: the device must be in both ("upstairs" + "office")
                device, device_type = f"{device or ''} {device_type}".strip(), None
        if vocab.norm(area) in LEVEL_WORDS:  # ("the fans upstairs on medium": area "medium") a level, no place
            area = None
        if vocab.norm(area) and not self.is_place(area):
            if vocab.norm(device) and self.is_place(device) and not self._has_type(device):
                device, area = area, device
            elif self._has_type(area) and not vocab.norm(device_type):
                device_type, area = area, None
            elif not vocab.norm(device) and self._names_device(area):
                device, area = area, None
        return device, area, device_type

    def _names_device(self, text: str) -> bool:
        words = vocab.content(vocab.tokens(text))
        return bool(words) and any(all(vocab.word_in(w, self.name_tokens(d)) for w in words)
                                   for d in self.home.devices)

    def _has_type(self, text: str | None) -> bool:
        words = vocab.content(vocab.tokens(text))
        return any(vocab.type_at(words, i)[1] is not None for i in range(len(words)))

    # -- places ---------------------------------------------------------------------------
    def is_place(self, text: str | None) -> bool:
        """Whether the phrase names a place (a room, a floor, "here", the whole home), even one
        of several ("bedroom" in a home with two)."""
        words = vocab.tokens(text)
        spoken = " ".join(words)
        if "here" in words or spoken in vocab.HERE_WORDS:
            return True
        parts = [vocab.norm(part) for part in self._place_parts(spoken)]
        return all(part and (part in vocab.WHOLE_HOME or self.places(part, PLACE_THRESHOLD))
                   for part in parts)

    def _place_parts(self, spoken: str) -> list[str]:
        """The places a phrase joins with "and" ("the kitchen and the hall"), unless the whole
        phrase is one place's name ("mummy and daddy's room")."""
        if " and " in spoken and len(self.places(vocab.norm(spoken), PLACE_THRESHOLD, partial=False)) == 1:
            return [spoken]
        return spoken.split(" and ")

    def scope(self, area: str | None) -> Place | None:
        words = vocab.tokens(area)
        if not words:
            return None
        if "here" in words or " ".join(words) in vocab.HERE_WORDS:
            return self.here_place()
        places = []
        parts = self._place_parts(" ".join(words))
        for part in parts:
            text = vocab.norm(part)
            if not text or (text in vocab.WHOLE_HOME and not (text in vocab.HOMES_WITHIN and self._room_named(text))):
                return None  # "the house", "the flat": the whole home, unless a flat is one of its rooms ("Granny Flat")
            found = self.places(text, PLACE_THRESHOLD)
            if not found:
                raise _PlaceProblem(f"I couldn't find a room or floor called '{_quote(part)}'.")
            if _all_of_them(part) or text in vocab.OUTSIDE or text in vocab.OUT_AT_END:  # "both bathrooms", "outside", "out back"
                found = self._every_place_holding(text) or found
                if len(found) > 1:
                    places += found
                    continue
            if len(found) > 1:
                several = _SeveralPlaces(text, found)
                raise several if len(parts) == 1 else _PlaceProblem(str(several))
            places.append(found[0])
        return Place(frozenset().union(*(p.area_ids for p in places)),
                     " and ".join(p.label for p in places))

    def _every_place_holding(self, text: str) -> list[Place]:
        """Every room whose name or alias holds the phrase's words in the singular ("kitchens":
        the Dry Kitchen and the Wet Kitchen), when more than one does."""
        one = " ".join(vocab.singular(w) for w in vocab.content(vocab.tokens(text)))
        found = [place for place, names in self._place_forms(floors=False)
                 if one and any(vocab.words_within(one, name) for name in names)]
        return found if len(found) > 1 else []

    def _room_named(self, text: str) -> bool:
        """Whether a room or floor of this home has these words in its name ("flat": Granny Flat)."""
        return any(vocab.words_within(text, name) for _, names in self._place_forms() for name in names)

    def places(self, text: str, threshold: float, partial: bool = True) -> list[Place]:
        """The places a phrase names: the closest name or alias; else, with `partial`, every
        place whose name holds the phrase's own words ("bedroom" -> Master Bedroom, Guest
        Bedroom; "den" -> Media Den); else every place a common synonym names ("lounge"), in
        full or, with `partial`, in part."""
        text = vocab.kin_as_named(text, [a.name for a in self.home.areas])  # "grannys room": Grandma's Room
        of_kind = self._places_of_kind(text)
        if of_kind and not any(vocab.norm(name) == text for _, names in self._place_forms() for name in names):
            return of_kind  # "outside", "the bedrooms": every room of that kind, unless one is named so
        best = self.place(text, threshold)
        if best is not None and not any(vocab.norm(n) == text for p, names in self._place_forms() if p == best for n in names):
            meant = self._named_by_synonym(text)  # "sitting room": the Front Room, not Sitti's Room spelt alike
            best = meant if meant is not None else best
        if best is not None:
            return [best]
        kin = vocab.says_kin(text)
        forms = self._place_forms(kin=kin)
        literal = [place for place, names in forms if any(vocab.words_within(text, name) for name in names)]
        found = literal if partial else []
        groups = vocab.place_alternatives(text)
        if not literal:  # a synonym only for a word no room's own name holds, the closest group first
            rooms = self._place_forms(floors=False, kin=kin)  # a room's other names
            found = next((hits for others in groups if (hits := [
                place for place, names in rooms
                if any(vocab.similarity(alt, vocab.norm(name)) >= threshold for alt in others for name in names)])), [])
        if not found and not literal:  # "patio lights": the Back Deck's, a place of that kind named in part
            found = next((hits for others in groups if (hits := [
                place for place, names in forms
                if any(vocab.words_within(alt, name) for alt in others for name in names)])), [])
        if not found:
            found = self._on_floor(text, threshold)
        unique: dict[frozenset, Place] = {}
        for place in found:  # a room before a floor that holds only it
            if place.area_ids:
                unique.setdefault(place.area_ids, place)
        return list(unique.values())

    def _named_by_synonym(self, text: str) -> Place | None:
        """The one room whose name or alias is, word for word, another name of the place the text
        names in so many words ("sitting room": the Front Room); None when there is not exactly one."""
        if not any(text in group for group in vocab.PLACE_SYNONYMS):
            return None
        for others in vocab.place_alternatives(text):
            rooms = [place for place, names in self._place_forms(floors=False, kin=False)
                     if any(vocab.norm(name) in others for name in names)]
            if rooms:
                return rooms[0] if len(rooms) == 1 else None
        return None

    def _places_of_kind(self, text: str) -> list[Place]:
        """The rooms a phrase names by their kind when no room is named so: "outside" (every
        outdoor place), "the bedrooms" (every room people sleep in: bedrooms, a guest room, rooms
        named for a person), "the kids' room" (the rooms named for a person who is no parent, grandparent
        nor helper: `vocab.ROLE_OWNERS`)."""
        rooms = [(Place(frozenset({a.id}), a.name), vocab.norm(a.name)) for a in self.home.areas]
        if text in vocab.OUTSIDE:
            return [p for p, name in rooms if vocab.is_outdoor_place(name)]
        if text in vocab.OUT_AT_END:  # "out back": the Back Yard and the Back Deck
            end, other = (vocab.END_WORDS[e] for e in vocab.OUT_AT_END[text])
            outdoors = [(p, set(name.split())) for p, name in rooms if vocab.is_outdoor_place(name)]
            return [p for p, words in outdoors if words & end] or [p for p, words in outdoors if not words & other]
        persons = [p for p, name in rooms if vocab.PERSONS_ROOM.match(p.label.lower().replace("’", "'"))
                   and not vocab.PARENTS_ROOM.match(name)]
        if text in vocab.BEDROOMS:
            sleeping = [p for p, name in rooms if "bedroom" in name.split() or name in ("guest room", "nursery")]
            return sleeping + [p for p in persons if p not in sleeping]
        if text in vocab.KIDS_ROOMS:  # not Grandma's, nor the Helper's
            return [p for p in persons if not vocab.owned_by_role(p.label)]
        return []

    def _on_floor(self, text: str, threshold: float) -> list[Place]:
        """A room named with its floor ("the upstairs hall", "downstairs bathroom"): the places the
        rest of the words name, on that floor."""
        roles = _floor_roles(self.home.floors)
        for floor in self.home.floors:
            forms = [floor.name, *floor.aliases, *roles.get(floor.id, ())]
            for form in sorted({vocab.norm(f) for f in forms}, key=len, reverse=True):
                rest = _without(text, form)
                if rest is None:
                    continue
                on_floor = {a.id for a in self.home.areas if a.floor_id == floor.id}
                rooms = [p for p in self.places(rest, threshold) if p.area_ids <= on_floor]
                if rooms:
                    return rooms
        return []

    def said_place(self, words: list[str], device: str | None) -> str | None:
        """The place the user's words name beside the device phrase: its label, or the phrase
        itself when it fits several places (so that resolving it asks which)."""
        place, _ = self._take_place(words, PLACE_THRESHOLD)  # "the kits room"
        if place is not None:
            return place.label
        own = set(vocab.tokens(device))
        rest = [w for w in words if w not in own and not vocab.type_word(w)[0]]
        for size in (2, 1):
            for start in range(len(rest) - size + 1):
                text = " ".join(rest[start:start + size])
                if self.places(text, PLACE_THRESHOLD):
                    return text
        return None

    def here_place(self) -> Place:
        area = self.home.area(self.here) if self.here else None
        place = Place(frozenset({area.id}), area.name) if area else None
        if place is None and self.here:
            place = self.place(vocab.norm(self.here), PLACE_THRESHOLD)
        if place is None:
            raise _Problem("Which room do you mean?")
        return place

    def place(self, text: str, threshold: float) -> Place | None:
        best, best_score = None, threshold
        for place, forms in self._place_forms(kin=vocab.says_kin(text)):
            score = max(vocab.place_similarity(text, vocab.norm(form)) for form in forms)
            if score > best_score or (best is None and score >= threshold):
                best, best_score = place, score
        return best

    def _place_forms(self, floors: bool = True, kin: bool = True) -> list[tuple[Place, list[str]]]:
        """Each place with its names; with `kin`, a grandparent's room by the family's other words for one
        (only for words that say a grandparent: "sitting room" is no "sitti's room")."""
        found = [(Place(frozenset({a.id}), a.name),
                  [a.name, a.id.replace("_", " "), *a.aliases,
                   *(f for n in (a.name, *a.aliases) for f in (vocab.kin_forms(n) if kin else ()))])
                 for a in self.home.areas]
        if not floors:
            return found
        roles = _floor_roles(self.home.floors)
        for floor in self.home.floors:
            ids = frozenset(a.id for a in self.home.areas if a.floor_id == floor.id)
            forms = [floor.name, floor.id.replace("_", " "), *floor.aliases, *_with_floor(floor.name),
                     *_not_named_elsewhere(roles.get(floor.id, ()), floor, self.home.floors)]
            found.append((Place(ids, floor.name), forms))
        return found

    # -- names and descriptions -----------------------------------------------------------
    def named(self, phrase: str, scope: Place | None, types: list[TypeWord],
              plural: bool = False, said_types: list[TypeWord] = ()) -> list[str] | None:
        """Devices whose name (or "<area> <name>") closely matches the phrase; None if none.
        When the phrase says a kind, a device of another kind is named only if its name says the
        kind too ("the parlour fan" is never the Parlour AC, whose name is the nearer spelling; "the
        workshop temperature" is the sensor of that name)."""
        scoped = self.in_scope(scope)
        uncoloured = " ".join(w for w in vocab.tokens(phrase) if not css_color(w)
                              or any(w in vocab.tokens(d.name) for d in self.home.devices))
        if uncoloured != " ".join(vocab.tokens(phrase)) and vocab.content(vocab.tokens(uncoloured)):
            coloured = _coloured(self.permit(self.best_named(uncoloured, scoped)), phrase)
            if coloured is not None:  # "the orange night bulb": the Night Bulb that is orange now
                return [coloured.id]
        top = self.best_named(phrase, [d for d in scoped if any(of_type([d], tw) for tw in said_types)]) \
            or [d for d in self.best_named(phrase, scoped) if _says_kinds(d, said_types)]
        if plural:  # "the kitchen lights" are a group unless a device is called just that
            top = [d for d in top if self.name_score(phrase, d) >= PLURAL_NAME_THRESHOLD]
        if not top:
            return None
        typed = [d for d in top if any(of_type([d], tw) for tw in types)]
        permitted = self.permit(typed or top)
        apart = _told_apart(permitted, phrase) if not plural else None
        if apart is not None:  # "the chimney": the Kitchen Chimney, not the Chimney Light
            return [apart.id]
        if not plural:
            self._one_of_them(permitted, phrase)
        several = (plural or _said_plural(phrase, permitted)) and _one_name(permitted)
        return self.pick(permitted, phrase, scoped=scope is not None, plural=several)

    def _one_of_them(self, devices: list[Device], phrase: str) -> None:
        """Ask which when a singular phrase is a strict part of the names of several devices in one
        room ("the bedside lamp" with a Left and a Right Bedside Lamp: one of them is meant)."""
        words = vocab.content(vocab.tokens(phrase))

        def holds(name: str) -> bool:  # (a name or an alias: "the pump" of a Borehole Pump and a "Water Pump")
            return len(words) < len(tokens := vocab.tokens(name)) and all(w in tokens for w in words)
        if words and len(devices) > 1 and len({d.area_id for d in devices}) == 1 \
                and all(any(holds(name) for name in (d.name, *d.aliases)) for d in devices):
            raise _Problem(self.question(devices, phrase), self.which(devices))

    def best_named(self, phrase: str, devices: list[Device]) -> list[Device]:
        scored = [(self.name_score(phrase, d), d) for d in devices]
        scored = [(s, d) for s, d in scored if s >= NAME_THRESHOLD]
        if not scored:
            return []
        best = max(s for s, _ in scored)
        top = [d for s, d in scored if s >= best - 0.5]
        exact = [d for d in top if self._called(phrase, d)]
        if len(exact) == 1:
            return exact  # "master bathroom light": that name, not the Bathroom Light
        words = set(vocab.content(vocab.tokens(phrase)))
        if len(words) > 1 and not any(self._holds_words(d, words) for d in top):
            whole = [d for d in devices if self._holds_words(d, words)]
            return whole or top  # "the hall fan": the fan in the Hall, not the nearer spelling Wall Fan
        return top

    def _holds_words(self, device: Device, words: set[str]) -> bool:
        """Whether the device's name or an alias, with its room's name or one of the room's aliases, holds every word."""
        area = self.home.area(device.area_id)
        places = [area.name, *area.aliases] if area else []
        forms = [device.name, *device.aliases]
        return any(words <= set(vocab.tokens(form)) for form in (*forms, *(_with_place(p, f) for p in places for f in forms)))

    def _called(self, phrase: str, device: Device) -> bool:
        """Whether the phrase is, word for word, the device's name or an alias, with or without its room's."""
        words = vocab.content(vocab.tokens(phrase))
        return any(vocab.content(vocab.tokens(form)) == words for form in self._name_forms(device))

    def name_score(self, phrase: str, device: Device) -> float:
        said_forms = vocab.synonym_forms(phrase)
        return max(vocab.similarity(said, vocab.norm(form)) for form in self._name_forms(device) for said in said_forms)

    def _name_forms(self, device: Device) -> list[str]:
        """The device's name and aliases, each also with its room's name ("kids' playroom light" for the
        Playroom Light in the Kids' Playroom)."""
        forms = [device.name, *device.aliases]
        area = self.home.area(device.area_id)
        return forms + [_with_place(area.name, form) for form in forms] if area else forms

    def describe(self, text: str | None) -> _Description:
        words = vocab.tokens(text)
        desc = _Description(plural=any(w in vocab.QUANTIFIERS for w in words))
        spoken = f" {' '.join(words)} "
        for here_words in sorted(vocab.HERE_WORDS, key=len, reverse=True):
            if f" {here_words} " in spoken:  # "the lights in this room"
                desc.place = self.here_place()
                words = spoken.replace(f" {here_words} ", " ").split()
        words = vocab.content(words)
        if desc.place is None:
            desc.place, rest = self._take_place(words)
            desc.place_words, words = [w for w in words if w not in rest], rest
            if "both" in vocab.tokens(text) and desc.place is not None:  # "both bathroom fans": the two bathrooms'
                desc.place = self._both_places(desc.place_words) or desc.place
        if desc.place is None:  # "the hall light" with a Foyer and a Landing: ask which hall
            desc.several, words = self._take_places(words)
        i = 0
        while i < len(words):
            size, tw, plural = vocab.type_at(words, i)
            if tw:
                desc.types.append(tw)
                desc.plural |= plural
            else:
                desc.words.append(words[i])
            i += size
        return desc

    def _take_place(self, words: list[str], threshold: float = EMBEDDED_PLACE_THRESHOLD
                    ) -> tuple[Place | None, list[str]]:
        """The place named by a run of the words (by name, alias or synonym; a run of two or more
        words also by part of a name: "isla's bedroom" for Isla's Room), and the rest."""
        for size in (4, 3, 2, 1):  # "mummy and daddy's room"
            for start in range(len(words) - size + 1):
                run = " ".join(words[start:start + size])
                if size == 1 and self._a_device_word(run):
                    continue
                found = self.places(run, threshold, partial=size > 1)
                if len(found) > 1 and (run in vocab.OUTSIDE or run in vocab.OUT_AT_END):  # "the lights outside": all of them
                    found = [Place(frozenset().union(*(p.area_ids for p in found)), run)]
                if len(found) == 1 and not self._kind_at_end(words[start:start + size], found[0], threshold):
                    return found[0], words[:start] + words[start + size:]
        for start, word in enumerate(words):  # "grandma's fan": the fan in Grandma's Room
            owner = word.endswith("s") and len(word) > 3 and not self._a_device_word(word) \
                and vocab.type_word(word)[0] is None  # "fans" is no one's: not "nan's room" misspelt
            found = self.places(f"{word} room", threshold) if owner else []
            if len(found) == 1 and any(p.endswith("s room") for p in self._place_names(found[0])):
                return found[0], words[:start] + words[start + 1:]
        return None, words

    def _both_places(self, place_words: list[str]) -> Place | None:
        """The two rooms whose names hold these words ("bathroom": the Bathroom and the Upstairs
        Bathroom), as one place; None unless exactly two do."""
        phrase = " ".join(place_words)
        rooms = [place for place, names in self._place_forms(floors=False)
                 if any(vocab.words_within(phrase, vocab.norm(name)) for name in names)]
        if len(rooms) != 2:
            return None
        return Place(frozenset().union(*(p.area_ids for p in rooms)), phrase)

    def _a_device_word(self, word: str) -> bool:
        """Whether a word is a word of a device's name and no place's name ("stars": the Star
        Projector's, never Upstairs by its "stairs" misspelt)."""
        place_words, device_words = self._name_words
        return word not in place_words and vocab.singular(word) in device_words

    @functools.cached_property
    def _name_words(self) -> tuple[frozenset[str], frozenset[str]]:
        """The words of the places' names, and the singular words of the devices' names."""
        places = frozenset(w for _, forms in self._place_forms() for form in forms for w in vocab.tokens(form))
        devices = frozenset(vocab.singular(w) for d in self.home.devices for w in vocab.tokens(d.name))
        return places, devices

    def _place_names(self, place: Place) -> list[str]:
        """The names and aliases of a place's areas, as tokens joined."""
        areas = [a for a in self.home.areas if a.id in place.area_ids]
        return [" ".join(vocab.tokens(n)) for a in areas for n in (a.name, *a.aliases)]

    def _kind_at_end(self, run: list[str], place: Place, threshold: float) -> bool:
        """Whether a run ends in a kind its place needs not ("master bedroom ac": the Master
        Bedroom's AC, not a room called so): the words before the kind name that place alone."""
        if len(run) < 2 or vocab.type_at(run, len(run) - 1)[1] is None:
            return False
        return self.places(" ".join(run[:-1]), threshold, partial=len(run) > 2) == [place]

    def _take_places(self, words: list[str]) -> tuple[tuple[str, list[Place]] | None, list[str]]:
        """A run of the words that names several places by a common name, and the rest; never a
        generic word alone ("living room" where no room is one is not every "… Room")."""
        for size in (2, 1):
            for start in range(len(words) - size + 1):
                text = " ".join(words[start:start + size])
                if all(w in vocab.GENERIC_PLACE_WORDS for w in words[start:start + size]):
                    continue
                found = self.places(text, EMBEDDED_PLACE_THRESHOLD, partial=False)
                if len(found) > 1:
                    return (text, found), words[:start] + words[start + size:]
        return None, words

    def described(self, desc: _Description, scope: Place | None, quoted: str) -> list[str]:
        pool = self.in_scope(scope)
        if desc.words:  # the kind narrows among the named ones: "bedroom blinds" for its only curtains
            pool = [d for d in pool if all(vocab.word_in(w, self.name_tokens(d)) for w in desc.words)]
        if desc.types:
            typed = {d.id for tw in desc.types for d in of_type(pool, tw)}
            found = [d for d in pool if d.id in typed]
        elif desc.words:
            found = pool
        else:
            found = [d for d in pool if self.bulk is None or d.domain in self.bulk]
        found = [d for d in found if all(vocab.word_in(w, self.name_tokens(d)) for w in desc.words)]
        desc.plural |= any(w != vocab.singular(w) and not any(w in self.name_tokens(d) for d in found)
                           for w in desc.words)  # "the doors"
        if not found and scope is not None and self._climate_only(desc):
            found = self.sole_climate(scope)
        if not found and desc.types:
            found = self._kind_named_for_the_call(pool, desc.types)
        if not found:
            raise _Problem(self.missing(desc, scope, quoted))
        word = desc.types[0].word if desc.types else quoted
        permitted = self._whole_name_said(self.permit(found), quoted) if not desc.plural else self.permit(found)
        apart = _told_apart(permitted, quoted) if not desc.plural else None
        if apart is not None:  # "the extractor": the Scullery Extractor, not the Extractor Light
            return [apart.id]
        if desc.words and not desc.plural:
            self._one_of_them(permitted, quoted)
        return self.pick(permitted, word, scoped=scope is not None, plural=desc.plural)

    def _kind_named_for_the_call(self, pool: list[Device], types: list[TypeWord]) -> list[Device]:
        """A kind that cannot do the call, said of a device that can and is named for it ("unlock the
        gate" in a home whose gate is only its Gate Lock): those devices."""
        if self.allowed is None or any(tw.domains & self.allowed for tw in types):
            return []
        return [d for d in pool if d.domain in self.allowed
                and any(vocab.word_in(tw.word, vocab.tokens(" ".join([d.name, *d.aliases]))) for tw in types)]

    def _whole_name_said(self, devices: list[Device], phrase: str) -> list[Device]:
        """Of several devices a singular phrase fits, the one whose whole name it holds ("isla's
        bedroom light": Isla's Light, not the Fairy Lights in that room); else all of them."""
        said = vocab.tokens(phrase)
        whole = [d for d in devices if len(vocab.content(vocab.tokens(d.name))) > 1
                 and all(vocab.word_in(w, said) for w in vocab.content(vocab.tokens(d.name)))]
        return whole if len(whole) == 1 and len(devices) > 1 else devices

    def _climate_only(self, desc: _Description) -> bool:
        if desc.words:
            return False
        if desc.types:
            return all(tw.domains == {"climate"} or tw.fallback == "climate" for tw in desc.types)
        return self.bulk == {"climate"}

    def sole_climate(self, scope: Place) -> list[Device]:
        """The one thermostat of the floor (or else of the home) serving an area without one."""
        climates = [d for d in self.home.devices if d.domain == "climate"]
        floors = {a.floor_id for a in self.home.areas if a.id in scope.area_ids}
        same_floor = [d for d in climates if self.home.floor_id_of(d.area_id) in floors]
        for group in (same_floor, climates):
            if len(group) == 1:
                return group
        return []

    def missing(self, desc: _Description, scope: Place | None, quoted: str) -> str:
        where = f" in the {scope.label}" if scope else ""
        if desc.words:
            elsewhere = self.best_named(vocab.norm(quoted), self.home.devices) if scope else []
            if elsewhere and elsewhere[0].area_id:
                other = self.home.area(elsewhere[0].area_id)
                return (f"There is no {quoted}{where}; {the(elsewhere[0].name)} is in the "
                        f"{other.name if other else elsewhere[0].area_id}.")
            return f"I couldn't find a device called '{quoted}'{where}."
        if desc.types:
            return f"There is no {desc.types[0].word}{where or ' in this home'}."
        return f"There is nothing{where} that can do that."

    # -- filters --------------------------------------------------------------------------
    def in_scope(self, scope: Place | None) -> list[Device]:
        if scope is None:
            return list(self.home.devices)
        return [d for d in self.home.devices if d.area_id in scope.area_ids]

    def name_tokens(self, device: Device) -> list[str]:
        area = self.home.area(device.area_id)
        text = " ".join([device.name, *device.aliases, area.name if area else ""])
        return vocab.tokens(text)

    def permit(self, devices: list[Device]) -> list[Device]:
        permitted = [d for d in devices if self.allowed is None or d.domain in self.allowed]
        if devices and not permitted:
            first = devices[0]
            if first.domain == "lock":
                raise _Problem(f"{_cap(the(first.name))} is a lock: ask me to lock or unlock it.")
            raise _Problem(f"{_cap(the(first.name))} can't do that.")
        return permitted

    def pick(self, devices: list[Device], word: str, *, scoped: bool, plural: bool) -> list[str]:
        """All the devices, unless one was meant among several rooms: then here, or ask."""
        areas = {d.area_id for d in devices}
        if plural or scoped or len(areas) <= 1:
            return [d.id for d in devices]
        if self.here:
            here = self.here_place()
            local = [d for d in devices if d.area_id in here.area_ids]
            if local:
                return [d.id for d in local]
        named = _the_one_named(devices, word) or _told_apart(devices, word)
        if named is not None:  # "the radio": the Kitchen Radio, not a speaker that can play the radio
            return [named.id]
        raise _Problem(self.question(devices, word), self.which(devices))

    def which(self, devices: list[Device]) -> Which:
        """What "which one?" may be answered with: each device by its name and room; when there are
        too many to list, each room ("area=Kitchen") or each device by its own name."""
        if len(devices) > MAX_LISTED:
            areas = {a.name: a for a in (self.home.area(d.area_id) for d in devices) if a}
            rooms = {f"area={name}": " ".join([name, *a.aliases]) for name, a in areas.items()}
            return Which("device", {**rooms, **{d.id: " ".join([d.name, *d.aliases]) for d in devices}})
        return Which("device", {d.id: " ".join([*self.name_tokens(d), *self.where_words(d), *_colour_words(d)])
                                for d in devices})  # ("the orange one": the one that is orange now)

    def where_words(self, device: Device) -> list[str]:
        """Words that say where a device is, beyond its room's name: the room's other names, its
        floor's, and the floor's one-word role ("the one downstairs", "the basement one")."""
        area = self.home.area(device.area_id)
        if area is None:
            return []
        floor = next((f for f in self.home.floors if f.id == area.floor_id), None)
        words = list(area.aliases)
        if floor is not None:
            roles = _not_named_elsewhere(_floor_roles(self.home.floors).get(floor.id, ()), floor, self.home.floors)
            words += [floor.name, *floor.aliases, *(role for role in roles if " " not in role)]
        return vocab.tokens(" ".join(words))

    def question(self, devices: list[Device], word: str) -> str:
        if len(devices) > MAX_LISTED:
            return f"Which {word} do you mean? There are {len(devices)}: name one or say a room."
        names = [d.name for d in devices]
        labels = [self._label(d) if names.count(d.name) > 1 else d.name for d in devices]
        return f"Which {word} do you mean: {', '.join(labels[:-1])} or {labels[-1]}?"

    def _label(self, device: Device) -> str:
        area = self.home.area(device.area_id)
        return f"{device.name} ({area.name})" if area else device.name


def of_type(devices: list[Device], tw: TypeWord) -> list[Device]:
    """The devices a type word can mean ("lamp": lights named for a lamp)."""
    found = [d for d in devices if d.domain in tw.domains and not vocab.has_word(d.name, tw.exclude)]
    if tw.hints:
        hinted = [d for d in found if vocab.has_word(" ".join([d.name, *d.aliases]), tw.hints)]
        if hinted or tw.strict:
            found = hinted
    if not found and tw.fallback:
        found = [d for d in devices if d.domain == tw.fallback]
    return found


def _intersect(a: Place | None, b: Place | None) -> Place | None:
    if a is None or b is None:
        return a or b
    return Place(a.area_ids & b.area_ids, a.label if a.area_ids <= b.area_ids else b.label)


def _which_place(text: str, places: list[Place]) -> str:
    """ "Which bedroom: the Master Bedroom or the Guest Bedroom?" """
    labels = [the(p.label) for p in places]
    if len(labels) > MAX_LISTED:
        return f"Which {text} do you mean? There are {len(labels)}: say its full name."
    return f"Which {text}: {', '.join(labels[:-1])} or {labels[-1]}?"


def _without(text: str, form: str) -> str | None:
    """The rest of `text` once `form` is taken off its start or end, if it is there and leaves words."""
    for rest in (text[len(form):] if text.startswith(form + " ") else None,
                 text[:-len(form)] if text.endswith(" " + form) else None):
        if rest and rest.strip():
            return rest.strip()
    return None


def _with_floor(name: str) -> list[str]:
    """"First floor" and "first level" for a floor named "First"."""
    if any(w in vocab.tokens(name) for w in ("floor", "level", "storey", "story")):
        return []
    return [f"{name} floor", f"{name} level"]


def _not_named_elsewhere(words: tuple[str, ...], floor, floors: list) -> list[str]:
    """A floor's role words without those that name another floor: in a home whose floors are
    "Ground" and "First", "first floor" is the First, not the ground floor's British name."""
    others = [vocab.norm(f.name) for f in floors if f.id != floor.id]
    return [w for w in words if not any(vocab.words_within(other, w) for other in others)]


def _named_upper(above: list) -> str | None:
    """The one floor above the ground whose name says it is the upper one ("Upper Level" above a
    split-level's "Main Level"): "upstairs" is that floor, not the one just above the ground."""
    upper = [f.id for f in above if any(vocab.words_within(word, vocab.norm(f.name)) for word in ("upper", "upstairs"))]
    return upper[0] if len(upper) == 1 else None


def _floor_roles(floors: list) -> dict[str, tuple[str, ...]]:
    """The words for each floor's role: the ground floor is "downstairs", the one above it
    "upstairs", the highest "top floor", the one below ground "basement". Read from the floors'
    levels when every floor has one, else from their names ("Ground Floor", "Upper Level")."""
    if floors and all(f.level is not None for f in floors):
        by_level = sorted(floors, key=lambda f: f.level)
        ground = next((f for f in by_level if f.level >= 0), by_level[-1])
        above = [f for f in by_level if f.level > ground.level]
        below = [f for f in by_level if f.level < ground.level]
        roles = {ground.id: vocab.DOWNSTAIRS}
        if above:
            roles[_named_upper(above) or above[0].id] = vocab.UPSTAIRS
            roles[above[-1].id] = roles.get(above[-1].id, ()) + vocab.TOP_FLOOR
        if below:
            roles[below[-1].id] = vocab.BELOW_GROUND
        else:  # a raised bungalow's "Lower Level" at level 0 is still the basement
            for floor in floors:
                if any(vocab.words_within(word, floor.name) for word in vocab.BELOW_GROUND):
                    roles[floor.id] = roles.get(floor.id, ()) + vocab.BELOW_GROUND
        return roles
    roles = {}
    for floor in floors:
        name = vocab.norm(floor.name)
        if any(w in name for w in ("ground", "downstairs", "main")):
            roles[floor.id] = vocab.DOWNSTAIRS
        elif any(w in name for w in ("upstairs", "upper", "first", "second", "top")):
            roles[floor.id] = vocab.UPSTAIRS + vocab.TOP_FLOOR
        elif any(w in name for w in ("basement", "cellar", "lower")):
            roles[floor.id] = vocab.BELOW_GROUND
    return roles
