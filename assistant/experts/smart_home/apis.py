"""The smart-home APIs the LLM calls: phrases in, resolved devices changed in one transaction.

A device named alone ("the desk lamp", "porch light please") means what Home Assistant makes of
it: a device that switches (light, switch, fan, media player) is turned on, or said to be on
already; anything else (a lock, cover, alarm panel, sensor, thermostat) has its state told, and
is never unlocked, opened or disarmed for a bare name. See `bare_name`.
"""
from __future__ import annotations

from functools import lru_cache

import re
from dataclasses import dataclass
from typing import Any, Literal

import sqlite_utils

from assistant.context import ExpertContext
from assistant.messages import ActionResult
from assistant.registry import api
from assistant.words import (ASKS_TO_PLAY, HESITATION, MASTER_ROOM_WORDS, POINTER, POINTS_BACK, command, is_bare_change,
                             is_question, normalise, quantities)
from assistant.experts.smart_home import changes, describe, levels, meaning, sounds_like, vocab
from assistant.experts.smart_home.changes import ATTRIBUTE_DOMAINS, State
from assistant.experts.smart_home.colors import css_color, nearest_color
from assistant.experts.smart_home.commands import PARTICLE_VERBS, asks_outside, device_for_purpose, serves_purpose
from assistant.experts.smart_home.landmarks import by_landmark
from assistant.experts.smart_home.resolve import (Resolution, Which, implied_area, names_a_place, one_of_a_kind,
                                                 one_of_a_shared_name, resolve_in)
from assistant.experts.smart_home.backend import HomeBackendError, read_devices, read_home, write_states
from assistant.experts.smart_home.store import Device, Home

ON_OFF = {"light", "switch", "fan", "cover", "climate", "media_player", "alarm_control_panel"}
ALARM = {"alarm_control_panel"}
TARGETS: dict[str, tuple[set[str] | None, set[str] | None]] = {  # api -> (allowed, bulk) domains
    "turn_on": (ON_OFF, {"light"}),
    "turn_off": (ON_OFF, {"light", "switch", "fan", "media_player"}),
    "open": ({"cover", "lock"}, {"cover"}), "close": ({"cover", "lock"}, {"cover"}),  # a gate's lock opens
    "lock": ({"lock"}, {"lock"}), "unlock": ({"lock"}, {"lock"}),
    "arm": (ALARM, ALARM), "disarm": (ALARM, ALARM),
    "query": (None, None),
    "media": ({"media_player"}, {"media_player"}),
    "set_hvac_mode": ({"climate"}, {"climate"}),
}
BULK_FOR_ATTRIBUTE = {"brightness": "light", "color": "light", "percentage": "light",
                      "temperature": "climate", "position": "cover", "volume": "media_player"}
SETTABLE = ("brightness", "color", "temperature", "position", "volume", "percentage")
PERCENT_SCALES = ("brightness", "position", "volume")  # a level in percent of one kind of device
SWITCHABLE = {"light", "switch", "fan", "media_player"}  # what a bare name turns on
# words around a bare name that ask for nothing ("porch light please"); "on"/"off" do ask
EVERYTHING = re.compile(r"\b(?:everything|all the (?:things|stuff|electronics|appliances)|all (?:the )?devices|the lot"
                        r"|all of it)\b", re.IGNORECASE)
BARE_FILLERS = (vocab.FILLERS - {"on", "off", "up", "down"}) | {"now", "ok", "okay", "hey", "just", "thanks",
                                                                 "thank", "you", "pls", "plz"}
Attribute = Literal["brightness", "volume", "temperature", "position", "percentage"]


def target_domains(api_name: str, args: dict[str, Any]) -> tuple[set[str] | None, set[str] | None]:
    """(allowed, bulk) domains of an API call; set/adjust depend on the attributes named."""
    if api_name in TARGETS:
        return TARGETS[api_name]
    keys = [args["attribute"]] if api_name == "adjust" and args.get("attribute") else \
        [k for k in SETTABLE if args.get(k) is not None]
    # (no set() calls here: this module defines an API named `set`)
    return {d for k in keys for d in ATTRIBUTE_DOMAINS[k]}, {BULK_FOR_ATTRIBUTE[k] for k in keys}


def regrounded(phrase: str | None, said: str | None) -> str | None:
    """The model's device phrase as the user said it: "kitchen light" becomes "kitchen lights"
    when the user said the plural (one device vs. all of them is the user's call, not the model's)."""
    if not phrase or not said:
        return phrase
    plural = re.search(rf"\b{re.escape(phrase.strip())}(s|es)\b", said, flags=re.IGNORECASE)
    if plural:
        return plural.group(0)
    *first, last = phrase.split()  # "kitchen light" for "lights on in the kitchen"
    ending = re.search(rf"\b{re.escape(last)}(s|es)\b", said, flags=re.IGNORECASE)
    if ending and not re.search(rf"\b{re.escape(last)}\b", said, flags=re.IGNORECASE):
        return " ".join([*first, ending.group(0).lower()])
    return phrase


def unsaid(home: Home, phrase: str | None, said: str | None) -> bool:
    """Whether the model's device phrase has no word of the user's (it made it up), which is
    not an id or "here"."""
    words = vocab.content(vocab.tokens(phrase))
    ids = {part.strip() for part in (phrase or "").split(",")}
    if not words or not said or ids <= {d.id for d in home.devices}:
        return False
    spoken = vocab.tokens(said)
    return not any(w == "here" or vocab.word_in(w, spoken) for w in words)


def _kind_that_is_no_kind(home: Home, args: dict[str, Any], said: str | None) -> dict[str, Any]:
    """A device_type that is neither a kind nor a place: dropped when nobody said it ("the coffee
    machine" written with device_type "cooker", the sprinkler as a "watering system"); a word the
    user said, part of the device phrase ("the lounge fun", a misheard "fan", written as device
    "lounge", device_type "fun")."""
    kind = args.get("device_type")
    words = vocab.content(vocab.tokens(kind))
    if words and all(w in vocab.GENERIC_PLACE_WORDS for w in words):  # "room": a place's word, no kind
        return {**args, "device_type": None}
    if not kind or not said or _only_a_kind(kind) or names_a_place(home, kind):
        return args
    if unsaid(home, kind, said):
        return {**args, "device_type": None}
    if len(words) != 1:
        return args
    named = args.get("device") or args.get("area")
    if named and words[0] in vocab.tokens(named):  # "stand phone" with device_type "phone": said once
        return {**args, "device_type": None}
    device = " ".join(filter(None, [named, kind]))  # "sunroom fun"
    return {**args, "device": device, "device_type": None}


def _kind_that_is_a_place(home: Home, args: dict[str, Any], said: str | None) -> dict[str, Any]:
    """A device_type that names only a place ("bathroom"), with no area: the area, as the user
    said it ("the light in the master bathroom": the En Suite, not the Bathroom)."""
    kind = args.get("device_type")
    if args.get("area") or not kind or _only_a_kind(kind) or not names_a_place(home, kind):
        return args
    words, last = vocab.tokens(said), vocab.singular(vocab.tokens(kind)[-1])
    ends = [i for i, w in enumerate(words) if vocab.singular(w) == last]  # "the bedrooms" for "bedroom"
    runs = [" ".join(words[i - size:i + 1]) for i in ends for size in (2, 1, 0) if i - size >= 0]
    area = next((run for run in runs if names_a_place(home, run)), kind)
    return {**args, "area": area, "device_type": None}


def _place_before_kind(home: Home, args: dict[str, Any]) -> dict[str, Any]:
    """A device_type that is a place and a kind ("laundry room light"), with no area: the place
    is the area and the rest the kind, as if written apart."""
    words = vocab.content(vocab.tokens(args.get("device_type")))
    if args.get("area") or len(words) < 2 or _only_a_kind(args.get("device_type")):
        return args
    for cut in range(1, len(words)):
        place, kind = " ".join(words[:cut]), " ".join(words[cut:])
        if _only_a_kind(kind) and names_a_place(home, place):
            return {**args, "area": place, "device_type": kind}
    return args


def _thing_for_a_place(home: Home, args: dict[str, Any]) -> dict[str, Any]:
    """An area that names no place but a thing of the home, and no device ("and the greenhouse pump
    too" written as area "the greenhouse pump"): the thing is the device."""
    area = args.get("area")
    if not area or vocab.norm(args.get("device")) or names_a_place(home, area) or vocab.said_here(area):
        return args
    for kind in dict.fromkeys([args.get("device_type"), None]):  # (a kind the model made up is dropped)
        found = resolve_in(home, area, None, kind)
        if not found.problem and found.device_ids:
            return {**args, "device": area, "area": None, "device_type": kind}
    return args


PLACES_JOINED = re.compile(r"\b(?:in|on|at|from) (?:the |my |our )?([\w' ]+?) and (?:in |on |at )?(?:the |my |our )?"
                           r"([\w']+(?: [\w']+)?)")


def _places_joined(home: Home, args: dict[str, Any], said: str | None) -> dict[str, Any]:
    """Two places said together ("the lights in the car porch and the yard"), of which the model
    wrote one: the kind in both."""
    spoken = " ".join(vocab.tokens(said))
    starts = (m.start() for m in re.finditer(r"\b(?:in|on|at|from) ", spoken))  # "turn on the fans in the bq and …"
    found = next((m for m in (PLACES_JOINED.match(spoken, i) for i in starts) if m and names_a_place(home, m[1])), None)
    if not found or " and " in (args.get("area") or ""):
        return args
    right = vocab.content(found[2].split())
    second = next((" ".join(right[:n]) for n in (2, 1) if len(right) >= n and names_a_place(home, " ".join(right[:n]))),
                  None)
    place_words = frozenset(found[1].split())
    rest = [w for w in vocab.content(vocab.tokens(args.get("device"))) if w not in place_words]
    kind = " ".join(rest) or args.get("device_type")
    if second is None or (rest and not _only_a_kind(" ".join(rest))) or not _only_a_kind(kind):
        return args
    return {**args, "area": f"{found[1]} and {second}", "device": None, "device_type": kind}


THERE = re.compile(r"\b(?:in |out |up |down )?there\b(?!\s+(?:is|are|was|were|'s))", re.IGNORECASE)


def _there_as_its_place(home: Home, args: dict[str, Any], said: str | None) -> dict[str, Any]:
    """A kind said "there" ("the fan there also") written as the device the words before named (the Balcony
    Light): that kind in that device's room; else the arguments."""
    kind, phrase = vocab.first_type_word(said), args.get("device")
    if not said or not THERE.search(said) or args.get("area") or not kind or not phrase or not unsaid(home, phrase, said):
        return args
    found = resolve_in(home, phrase)
    areas = {d.area_id for d in home.devices if d.id in found.device_ids}
    if found.problem or len(areas) != 1 or None in areas:
        return args
    return {**args, "device": kind, "device_type": None, "area": home.area(areas.pop()).name}


def _only_a_kind(phrase: str | None) -> bool:
    words = vocab.content(vocab.tokens(phrase))
    size, kind, _ = vocab.type_at(words, 0) if words else (0, None, False)
    return kind is not None and size == len(words)


def said_name(home: Home, said: str | None, kind: str, allowed: set[str] | None,
              bulk: set[str] | None = None) -> str | None:
    """The user's fuller name for a device the model wrote only as its kind: the words before
    the kind in the utterance that name devices ("the ceiling fan" -> "ceiling fan"; "both ceiling
    fans" -> "ceiling fans", when `bulk` lets a plural mean them all)."""
    words = vocab.tokens(said)
    kind_words = [vocab.singular(w) for w in vocab.tokens(kind)]  # "ceiling light": both words, in turn
    for i in range(len(words) - len(kind_words) + 1 if kind_words else 0):
        if [vocab.singular(w) for w in words[i:i + len(kind_words)]] != kind_words:
            continue
        said_kind = " ".join(words[i:i + len(kind_words)])
        before: list[str] = []  # the words right before the kind, back to a small word ("every" stays)
        for w in reversed(words[max(0, i - 3):i]):
            if w in vocab.FILLERS:  # "switch on every lamp": "switch" is the verb, not a name
                break
            before.insert(0, w)
        for start in range(len(before)):
            if start and before[start] in vocab.GENERIC_PLACE_WORDS:
                continue  # "living room lights": never "room lights", the lights of every "… Room"
            phrase = " ".join([*before[start:], said_kind])
            if not resolve_in(home, phrase, allowed=allowed, bulk=bulk).problem:
                return phrase
    return None


def name_said(home: Home, said: str | None, allowed: set[str] | None, kind: str | None,
              place: str | None = None) -> str | None:
    """The one device whose own name the user said, in words that are neither kinds nor places
    ("the sonos", "the telly"), of the domains allowed and of the kind written, if any. The words
    of `place` (the call's place, by whatever name) are not a name's ("the light at the security
    post" is not the Security Lights)."""
    words = frozenset(vocab.content(vocab.tokens(vocab.FLOOR_PHRASE.sub(" ", said or "")))) \
        - frozenset(vocab.tokens(place))  # (`set` is an API here)
    places = frozenset(vocab.tokens(" ".join(w for a in home.areas for w in (a.name, *a.aliases))))
    written = vocab.type_word(kind)[0] if kind else None
    found: dict[str, str] = {}
    for device in home.devices:
        if allowed is not None and device.domain not in allowed or \
                written is not None and device.domain not in written.domains:
            continue
        for form in (device.name, *device.aliases):
            own = [w for w in vocab.content(vocab.tokens(form))
                   if w not in places and vocab.type_word(w)[0] is None]
            needed = [w for w in own if w not in _kind_hints(device.domain)]  # "the bose": Bose Soundbar
            if own and all(w in words for w in needed) and any(w in words for w in own):
                found[device.id] = form
    return next(iter(found.values())) if len(found) == 1 else None


@lru_cache(maxsize=None)
def _kind_hints(domain: str) -> frozenset[str]:
    """Words that name what a device of this domain is rather than which one ("soundbar", "stereo")."""
    return frozenset(h for tw in vocab.TYPE_WORDS.values() if domain in tw.domains for h in tw.hints)


# one more device named right after another: ", the fan" / " and my desk lamp", up to the next
# joint or the words that follow a name ("… and the fan on", "… and the fan to 50")
AND_ANOTHER = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:also\s+|then\s+)?(?:the\s+|my\s+|our\s+)?([a-z][a-z' ]*?)"
                         r"(?=\s*(?:,|\band\b|$|\bplease\b|\bthanks\b|\bcheers\b|\btoo\b|\balso\b|\bas well\b|\bon\b|\boff\b|\bup\b|\bdown\b|\bto\b|\bin\b|\bfor\b))")


_APOSTROPHE = re.compile(r"['\u2019]")


def joined_names(home: Home, phrase: str | None, said: str | None, allowed: set[str] | None,
                 area: str | None = None, here: str | None = None) -> str | None:
    """The model's device phrase with the devices the user named right after it, which the model
    dropped ("turn on the reading light and the bedroom lamp" written as "reading light"):
    "reading light and bedroom lamp". None when the user named no other device there. A name
    is one device of the call's `area`, when it has one ("the rail and the extractor in the
    shower room"), or of the speaker's room (`here`: "the AC and the fan" in the bedroom)."""
    if not phrase or not said or " and " in phrase or "," in phrase:
        return None
    text = " ".join(_APOSTROPHE.sub("", said.lower()).split()).rstrip(" .!?")
    wanted = _APOSTROPHE.sub("", phrase.lower().strip())
    found = re.search(rf"\b{re.escape(wanted)}\b", text)
    names, rest = [phrase], text[found.end():] if found else ""
    while (more := AND_ANOTHER.match(rest)) is not None:
        name = more.group(1).strip()
        if not command(name) or names_a_place(home, name) or (resolve_in(home, name, allowed=allowed, here=here).problem
                                         and (not area or resolve_in(home, name, area, allowed=allowed).problem)):
            break  # only a device ("the bedroom lamp", "the coffee machine"), never a place alone ("the bedroom") nor ", please"
        names.append(name)
        rest = rest[more.end():]
    if len(names) > 1 and found and resolve_in(home, phrase, allowed=allowed).problem:
        names[0] = _said_in_full(home, phrase, text[:found.start()].split(), allowed)
    return " and ".join(names) if len(names) > 1 else None


def _said_in_full(home: Home, phrase: str, before: list[str], allowed: set[str] | None) -> str:
    """The model's phrase with as few of the words said before it as name one device ("lamp"
    said as "Callum's lamp"), or the phrase."""
    for size in range(1, min(3, len(before)) + 1):
        wider = " ".join([*before[-size:], phrase])
        if not resolve_in(home, wider, allowed=allowed).problem:
            return wider
    return phrase


def kind_named(home: Home, said: str | None, allowed: set[str] | None) -> str | None:
    """The one device whose whole name or alias is a kind the user said in the singular ("the
    thermostat" for the device named Thermostat beside a Studio Heater, "the heating" for its alias)."""
    words = vocab.tokens(said)
    found: dict[str, str] = {}
    for device in home.devices:
        if allowed is not None and device.domain not in allowed:
            continue
        for form in (device.name, *device.aliases):
            own = vocab.tokens(form)
            if own and all(vocab.type_word(w)[0] is not None for w in own) and vocab.said_run(own, words):
                found[device.id] = form
    return next(iter(found.values())) if len(found) == 1 else None


@dataclass(frozen=True)
class Targets:
    """The devices a call means, or the problem that stops it (with what a "which one?" answer
    may pick, `which`); the home's name the words sounded like (voice) or meant (`heard`)."""
    devices: list[Device]
    problem: str | None = None
    which: Which | None = None
    heard: sounds_like.Misheard | meaning.Meant | None = None


def find_targets(db: sqlite_utils.Database, api_name: str, args: dict[str, Any],
                 here: str | None = None, said: str | None = None,
                 source: str = "text") -> tuple[list[Device], str | None]:
    """The devices a call means, or the problem. A place the model left out comes from the user's
    words or the speaker's area (`implied_area`); if nothing matches there, the whole home is searched."""
    found = targets(db, api_name, args, here, said, source)
    return found.devices, found.problem


# what a request leaves out: "all the lights upstairs except in Migo's room", "every fan but the hall one"
EXCEPT = re.compile(r"[,\s]+(?:except|but not|apart from|other than|excluding|besides|but)\s+(?:for\s+|in\s+|on\s+)?"
                    r"(?P<what>(?:the\s+)?[\w' ]+?)(?:\s+ones?)?\W*$", re.IGNORECASE)


def targets(db: sqlite_utils.Database, api_name: str, args: dict[str, Any], here: str | None = None,
            said: str | None = None, source: str = "text") -> Targets:
    """The devices a call means (`_targets`), without those a closing "except …" names."""
    excepted = EXCEPT.search(said or "")
    if excepted is None or not vocab.QUANTIFIERS.intersection(vocab.tokens(said[:excepted.start()])):
        return _targets(db, api_name, args, here, said, source)
    cut = {key: EXCEPT.sub("", value) if isinstance(value, str) else value for key, value in args.items()}
    found = _targets(db, api_name, cut, here, said[:excepted.start()], source)
    left_out = _targets(db, "query", {"device": excepted["what"]}, here, excepted["what"], source)
    if found.problem or left_out.problem:
        return found if found.problem else Targets([], left_out.problem, left_out.which)
    devices = [d for d in found.devices if d.id not in {o.id for o in left_out.devices}]
    return Targets(devices, None if devices else "That leaves nothing to change.", None, found.heard)


def _targets(db: sqlite_utils.Database, api_name: str, args: dict[str, Any], here: str | None = None,
             said: str | None = None, source: str = "text") -> Targets:
    """`find_targets`, and for voice input whose phrases resolve to nothing, the home's names
    they sound like (`sounds_like`): then the devices are those names' (`Targets.heard`)."""
    allowed, bulk = target_domains(api_name, args)
    if api_name == "turn_off" and bulk and EVERYTHING.search(said or ""):  # "everything in her room": its AC too
        bulk = bulk | {"climate"}
    home = read_home(db)
    args = _there_as_its_place(home, args, said)  # "the fan there also" written as the light just named
    args = _thing_for_a_place(home, _place_before_kind(home, _places_joined(home, args, said)))
    args = _kind_that_is_no_kind(home, _kind_that_is_a_place(home, args, said), said)
    if vocab.norm(args.get("device")) in ("one", "ones"):  # "the one in the foyer": its kind there, no name
        args = {**args, "device": None}
    if args.get("device_type") and EVERYTHING.search(said or "") and not vocab.kinds_said(said):
        args = {**args, "device_type": None}  # "everything off in the den" written as its lights
    # "open it" after a question about the garage door: the target is the context's, as the model wrote it
    pointed = bool(POINTS_BACK.search(said or "")) and not vocab.kinds_said(said)
    for key in ("device", "device_type"):  # the kind the user said wins over the one the model wrote
        if _only_a_kind(args.get(key)) and unsaid(home, args.get(key), said) and not pointed:
            spoken = vocab.said_kind(args.get(key), said) or (
                vocab.general_kind(args.get(key)) if key == "device_type" and not vocab.kinds_said(said) else None)
            if spoken:  # (no kind said at all, "and the bedroom too": the general kind, not "ceiling light")
                args = {**args, key: spoken}
    if args.get("device_type") and _only_a_kind(args["device_type"]) and not vocab.kinds_said(said) \
            and unsaid(home, args["device_type"], said) and _a_named_thing(home, args.get("device")):
        args = {**args, "device_type": None}  # "fireplace on" written with device_type "heating": its name says it
    together = vocab.kinds_together(said)
    if together and all(_only_a_kind(args.get(key)) or not vocab.norm(args.get(key)) for key in ("device", "device_type")):
        args = {**args, "device": None, "device_type": together}  # "every blind and curtain" written as blinds
    if args.get("area") and unsaid(home, args.get("area"), said) and vocab.said_here(said):
        args = {**args, "area": "here"}  # "close the blinds here" written with a made-up room
    elif args.get("area") and unsaid(home, args.get("area"), said) and not POINTER.search(said or "") \
            and not THERE.search(said or ""):
        args = {**args, "area": None}  # "close the curtains" written in a room nobody named
    elif args.get("area"):
        args = {**args, "area": regrounded(args["area"], said)}  # "the bedrooms" written as "bedroom"
    if not vocab.norm(args.get("device")) or _only_a_kind(args.get("device")):
        place = args.get("area") or (args.get("device_type") if names_a_place(home, args.get("device_type")) else None)
        named = name_said(home, said, allowed, args.get("device") or args.get("device_type"), place) \
            or (None if args.get("area") else kind_named(home, said, allowed))
        if named:  # "turn the sonos down" written as device_type "speaker": the Sonos
            args = {**args, "device": named}
    if unsaid(home, args.get("device"), said) and (_only_a_kind(args.get("device")) or not POINTER.search(said)) \
            and (vocab.first_type_word(said) or (_only_a_kind(args.get("device")) and args.get("device_type"))) \
            and not pointed:
        args = {**args, "device": None}  # "lights on downstairs" written as "lamp"; "the music" as "telly"
    if not any(args.get(key) for key in ("device", "area", "device_type")):
        # "set the speaker to 45"; "arm" alone means the home's alarm
        args = {**args, "device_type": "alarm" if allowed == ALARM else vocab.first_type_word(said)}
    kind = args.get("device_type") if not vocab.norm(args.get("device")) else args.get("device")
    fuller = said_name(home, said, kind, allowed, bulk) if _only_a_kind(kind) else None
    if fuller:  # "put the ceiling fan on full blast" written as device_type "fan"
        args = {**args, "device": fuller}
    instead = _whole_name_instead(home, args.get("device"), said, allowed)
    if instead:  # "shed light please" written as the Porch Light: the name the user said
        args = {**args, "device": instead}
    device = _without_unsaid_place(home, regrounded(args.get("device"), said), said)
    device = joined_names(home, device, said, allowed, args.get("area"), here) or device  # "the lamp and the fan": both
    found: Resolution | None = None
    args = {**args, "area": _our_room(home, args.get("area"), said)}
    implied = _our_room(home, implied_area(home, device, args.get("area"), said, here), said)
    if implied:
        found = resolve_in(home, device, implied, args.get("device_type"), here=here,
                           allowed=allowed, bulk=bulk)
        if found.about_place:  # "close the blinds in the bedroom" with two bedrooms: ask
            return Targets([], found.problem, found.which)
        if found.problem and not found.which and _said_in(implied, said):  # "the TV in Grandma's room": none there
            return Targets([], found.problem, None)
    if found is None or found.problem:
        found = resolve_in(home, device, args.get("area"), args.get("device_type"), here=here,
                           allowed=allowed, bulk=bulk)
    lookup = _Lookup(home, api_name, device, args.get("area"), args.get("device_type"), said, source, here,
                     allowed, bulk)
    heard = None
    for retry in RETRIES:
        found, heard = retry(lookup, found, heard)
    found = _every_choice(_ours(home, found, said), said)
    devices = read_devices(db, found.device_ids) if not found.problem else []
    devices = _both_called(devices, said)  # "both lamps": the two called Lamp, not the Desk Lamp too
    if len(devices) > 1:  # a group never works a garage door or gate opener: only its name does
        devices = [d for d in devices if not changes.operates_entry(d)]
    # "dim the kitchen downlights" written as the kitchen's lights: the Kitchen Downlights; or its name in
    # what the words sounded like ("the garden lice": the Garden Lights)
    named = _named_in_full(devices, said) or (_named_in_full(devices, heard.text) if heard is not None else None)
    if named is not None:
        devices = [named]
    asked = api_name != "query" and not vocab.asks_state(said)
    one = (one_of_a_kind(home, devices, said, here) or one_of_a_shared_name(home, devices, said, here)) if asked else None
    one = _ours(home, one, said) if one is not None and one.problem else one  # "our AC": the master bedroom's
    if one is not None and one.problem:  # "the lamp in the snug" with two there: ask which
        return Targets([], one.problem, one.which, heard)
    if one is not None:  # "the light in the den": the Den Light, not the Desk Lamp beside it
        devices = [d for d in devices if d.id in one.device_ids]
    return Targets(devices, found.problem, found.which, heard)


@dataclass(frozen=True)
class _Lookup:
    """What one call's devices are looked up from: the phrases as grounded, the user's words, the scope."""
    home: Home
    api_name: str
    device: str | None
    area: str | None
    device_type: str | None
    said: str | None
    source: str
    here: str | None
    allowed: set[str] | None
    bulk: set[str] | None

    def resolve(self, device: str | None, area: str | None = None, device_type: str | None = None) -> Resolution:
        return resolve_in(self.home, device, area, device_type, here=self.here, allowed=self.allowed, bulk=self.bulk)


Heard = sounds_like.Misheard | meaning.Meant | None


def _unfound(found: Resolution) -> bool:
    """Nothing matched and there is no "which one?" to ask."""
    return bool(found.problem) and not found.which


def _by_own_words(lk: _Lookup, found: Resolution, heard: Heard) -> tuple[Resolution, Heard]:
    """The model's phrase fails: the user's own words ("Callum's lamp and the den light")."""
    if not _unfound(found) or not lk.said:
        return found, heard
    own = said_name(lk.home, lk.said, vocab.first_type_word(lk.device) or "", lk.allowed, lk.bulk)
    own = joined_names(lk.home, own, lk.said, lk.allowed, lk.area, lk.here) or own
    retried = lk.resolve(own, lk.area, lk.device_type) if own and own != lk.device else None
    return (retried if retried is not None and not retried.problem else found), heard


def _by_landmark(lk: _Lookup, found: Resolution, heard: Heard) -> tuple[Resolution, Heard]:
    """ "the light over the dining room table": the dining room's."""
    if not found.problem or found.about_place:
        return found, heard
    return by_landmark(lk.home, lk.said, here=lk.here, allowed=lk.allowed, bulk=lk.bulk) or found, heard


def _before_the_aside(lk: _Lookup, found: Resolution, heard: Heard) -> tuple[Resolution, Heard]:
    """ "close the awning, signal number 2 na daw" written as one phrase: the words before the aside."""
    if not _unfound(found):
        return found, heard
    cut_device, cut_area = _before_aside(lk.device, lk.said), _before_aside(lk.area, lk.said)
    if not (cut_device or cut_area):
        return found, heard
    retried = lk.resolve(cut_device or lk.device, cut_area or lk.area, lk.device_type)
    return (retried if not retried.problem else found), heard


def _all_over_the_home(lk: _Lookup, found: Resolution, heard: Heard) -> tuple[Resolution, Heard]:
    """ "the lighting everywhere" written as one device phrase: the kind, all over the home."""
    whole = _home_wide(lk.device) if _unfound(found) and not lk.area else None
    if not whole:
        return found, heard
    retried = lk.resolve(whole, "everywhere", lk.device_type)
    return (retried if not retried.problem else found), heard


def _as_heard(lk: _Lookup, found: Resolution, heard: Heard) -> tuple[Resolution, Heard]:
    """Voice: a phrase that resolves to nothing is the home's name it sounds like; one that resolved
    as the model's shorter phrase ("the conservatory fun" as "conservatory") is the name it sounds like."""
    if lk.source != "voice":
        return found, heard
    if found.problem:
        misheard, retried = sounds_like.resolve_heard(lk.home, lk.device, lk.area, lk.device_type, lk.said,
                                                      here=lk.here, allowed=lk.allowed, bulk=lk.bulk)
        return retried or found, misheard
    past, retried = sounds_like.heard_past(lk.home, lk.device or lk.area, lk.area, lk.device_type, lk.said, found,
                                           here=lk.here, allowed=lk.allowed, bulk=lk.bulk)
    return (retried, past) if retried is not None else (found, heard)


def _by_purpose(lk: _Lookup, found: Resolution, heard: Heard) -> tuple[Resolution, Heard]:
    """ "start charging the car" written as device "car": the device that is for it, the charger."""
    purpose = device_for_purpose(lk.said) if _unfound(found) else None
    if not purpose:
        return found, heard
    retried = lk.resolve(purpose, lk.area, None)
    return (retried if not retried.problem else found), heard


def _by_meaning(lk: _Lookup, found: Resolution, heard: Heard) -> tuple[Resolution, Heard]:
    """ "the drinks fridge": the Beverage Fridge (offered, not taken, when unsure; never for a question)."""
    if not _unfound(found) or found.about_place:
        return found, heard
    meant, retried = meaning.resolve_meant(lk.home, lk.device, lk.area, lk.device_type, here=lk.here,
                                           allowed=lk.allowed, bulk=lk.bulk)
    offered = meant is not None and not meant.sure
    if retried is None or (offered and lk.api_name == "query"):
        return found, heard
    return retried, meant or heard


# When the first lookup fails, each of these is tried in turn (each returns what it was given unless it helps).
RETRIES = (_by_own_words, _by_landmark, _before_the_aside, _all_over_the_home, _as_heard, _by_purpose, _by_meaning)


def _ours(home: Home, found: Resolution, said: str | None) -> Resolution:
    """ "our AC" when "which one?" would be asked: the one in the home's master room, if one is."""
    which = found.which
    if which is None or which.slot != "device" or "our" not in vocab.tokens(said):
        return found
    devices = [d for d in home.devices if d.id in which.choices]
    for word in MASTER_ROOM_WORDS:
        ours = [d for d in devices if (area := home.area(d.area_id)) and word in vocab.tokens(area.name)]
        if ours:
            return Resolution([d.id for d in ours]) if len({d.area_id for d in ours}) == 1 else found
    return found


_OUR_ROOM = re.compile(r"\bour (?:bed ?room|bath ?room|room|ensuite|en-suite|toilet|closet)\b", re.IGNORECASE)


def _our_room(home: Home, area: str | None, said: str | None) -> str | None:
    """ "our bathroom" (the area, or said when no area is given) with a Master Bathroom among the
    bathrooms: the Master Bathroom."""
    if not area and (named := _OUR_ROOM.search(said or "")):
        area = named[0]
    words = [w for w in vocab.tokens(area) if w != "our"]
    if not words or "our" not in vocab.tokens(said):
        return area
    for word in MASTER_ROOM_WORDS:  # (a "Main Bathroom" beside a "Master Bathroom" is the family's)
        ours = [a for a in home.areas if word in (named := vocab.tokens(a.name))
                and all(w in named or (w == "room" and "bedroom" in named) for w in words)]  # "our room": the bedroom
        if ours:
            return ours[0].name if len(ours) == 1 else area
    return area


def _every_choice(found: Resolution, said: str | None) -> Resolution:
    """ "both exhaust fans" when "which one?" would be asked of two: both of them ("all the fans": all)."""
    which = found.which
    if which is None or which.slot != "device" or any("=" in value for value in which.choices):
        return found
    words = vocab.tokens(said)
    if ("both" in words and len(which.choices) == 2) or any(w in ("all", "every", "each") for w in words):
        return Resolution(list(which.choices))
    return found


def _both_called(devices: list[Device], said: str | None) -> list[Device]:
    """Of more than two devices, the two whose whole name is the word "both" is said of ("both
    lamps": the two Lamps, not the Desk Lamp); else the devices."""
    words = vocab.tokens(said)
    if "both" not in words or len(devices) <= 2 or words.index("both") + 1 >= len(words):
        return devices
    after = [vocab.singular(w) for w in words[words.index("both") + 1:] if w not in ("the", "of", "my", "our")]
    called = [d for d in devices if (name := [vocab.singular(w) for w in vocab.tokens(d.name)]) == after[:len(name)]]
    return called if len(called) == 2 else devices


def _a_named_thing(home: Home, phrase: str | None) -> bool:
    """Whether the phrase names a thing, neither a kind nor a place ("fireplace", "the Sonos")."""
    return bool(vocab.norm(phrase)) and not _only_a_kind(phrase) and not names_a_place(home, phrase)


def _without_unsaid_place(home: Home, phrase: str | None, said: str | None) -> str | None:
    """The device phrase without the place words the model put in it and the user never said
    ("bedroom lamp" for "Grandma's bedside lamp": the lamp is where the user's words put it)."""
    if not phrase or not said or "." in phrase or "," in phrase:
        return phrase
    words, spoken = vocab.tokens(phrase), vocab.tokens(said)
    kept = [w for w in words if w == "here" or vocab.word_in(w, spoken) or not names_a_place(home, w)]
    if not kept or len(kept) == len(words) or POINTER.search(said):  # "open it": the phrase is the context's
        return phrase
    place = implied_area(home, " ".join(kept), None, said, None)
    return " ".join(kept) if place and place != "here" else phrase  # only where the user's words put it


def _said_in(place: str, said: str | None) -> bool:
    """Whether the user said the thing is in this place ("… in Grandma's room"), not just the
    place's words somewhere."""
    words, own = vocab.tokens(said), vocab.tokens(place)
    for start in range(1, len(words) - len(own) + 1):
        if words[start:start + len(own)] == own:
            before = [w for w in words[max(0, start - 3):start] if w not in ("the", "my", "our", "your")]
            return bool(before) and before[-1] in ("in", "inside", "at")
    return False


def _before_aside(phrase: str | None, said: str | None) -> str | None:
    """The words of a device or place phrase the user said before a comma, when the phrase runs on
    past it into an aside ("roof deck awning signal number 2" from "…the roof deck awning, signal
    number 2"; "bedroom the baby is asleep" from "…in the bedroom, the baby is asleep")."""
    if not phrase or not said or "," not in said:
        return None
    head = vocab.tokens(said.split(",")[0])
    words = vocab.tokens(phrase)
    kept = []
    for word in words:
        if word not in head:
            break
        kept.append(word)
    return " ".join(kept) if kept and len(kept) < len(words) else None


def _home_wide(phrase: str | None) -> str | None:
    """The device words of a phrase that ends in the whole home ("lights everywhere", "lamps in
    the whole house"), else None."""
    words = vocab.tokens(phrase or "")
    for size in (2, 1):
        if len(words) > size and " ".join(words[-size:]) in vocab.WHOLE_HOME:
            rest = words[:-size]
            while rest and rest[-1] in ("in", "the", "of", "throughout", "around", "across", "all", "over"):
                rest = rest[:-1]
            return " ".join(rest) or None
    return None


def _whole_name_instead(home: Home, phrase: str | None, said: str | None, allowed: set[str] | None) -> str | None:
    """The one device name (two words or more) the user said in full, when none of the words of the
    model's device phrase that are no kind was said ("porch light" for "shed light please"): the model
    named another device."""
    own = [w for w in vocab.content(vocab.tokens(phrase)) if vocab.type_word(w)[0] is None]
    spoken = vocab.tokens(said)
    if not own or any(vocab.word_in(w, spoken) for w in own):
        return None
    names = {d.name for d in home.devices if (allowed is None or d.domain in allowed) and _full_name_said(d, spoken)}
    return next(iter(names)) if len(names) == 1 else None


def _named_in_full(devices: list[Device], said: str | None) -> Device | None:
    """The one device of several whose whole name (two words or more) the user said, when they
    asked for no more than it (no "and", no "all"), or None."""
    words = vocab.tokens(said)  # as said: "the kitchen lights" is not the Kitchen Light alone
    if len(devices) < 2 or "and" in words or "," in (said or "") or any(w in vocab.QUANTIFIERS for w in words):
        return None
    named = [d for d in devices if _full_name_said(d, words)]
    return named[0] if len(named) == 1 else None


def _full_name_said(device: Device, words: list[str]) -> bool:
    """Whether the said words hold the device's whole name or an alias, of two words or more."""
    return any(vocab.said_run(vocab.tokens(form), words) for form in (device.name, *device.aliases)
               if len(vocab.tokens(form)) >= 2)


def bare_name(home: Home, said: str | None, args: dict[str, Any], devices: list[Device]) -> bool:
    """Whether the user said nothing but the devices' names ("the desk lamp", "porch light
    please"): no question, no verb, no value; every word is a word of the call's phrases or of
    the devices' names and rooms."""
    if not said or not devices or is_question(said):
        return False
    words = [w for w in vocab.tokens(said) if w not in BARE_FILLERS and w not in vocab.QUANTIFIERS
             and not HESITATION.fullmatch(w)]
    known = [*vocab.tokens(" ".join(str(args.get(k) or "") for k in ("device", "area", "device_type")))]
    for device in devices:
        area = home.area(device.area_id)
        known += vocab.tokens(" ".join([device.name, *device.aliases, area.name if area else "",
                                        *(area.aliases if area else ())]))
    return bool(words) and all(vocab.word_in(w, known) for w in words)


SAFE_STATE_WORD = re.compile(r"\b(locked|closed|shut)\W*(?:please|now|thanks|cheers)?\W*$", re.IGNORECASE)
SWITCH_WORD = re.compile(r"\b(on|off)\W*(?:please|now|thanks)?\W*$", re.IGNORECASE)  # "porch light off please"
MAX_BARE_WORDS = 5  # a name said alone is short ("the big light in the kitchen please")


def said_alone(db: sqlite_utils.Database, text: str) -> bool:
    """Whether the words are nothing but the name of devices of the home ("the telly", "porch
    light please"): a smart-home request, whatever a model thinks (a bare name turns a light on,
    tells a lock's state). A room's name alone is not a device's."""
    words = [w for w in vocab.tokens(text) if w not in BARE_FILLERS and not HESITATION.fullmatch(w)]
    asked = is_question(text.rstrip().rstrip("?"))  # "inverter battery?" is a name, asked about
    if not words or len(words) > MAX_BARE_WORDS or asked or vocab.ACTION_WORDS.search(text):
        return False
    try:
        home = read_home(db)
    except HomeBackendError:
        return False
    places = frozenset(vocab.tokens(" ".join(n for p in (*home.areas, *home.floors) for n in (p.name, *p.aliases))))
    own = [w for w in vocab.tokens(" ".join(n for d in home.devices for n in (d.name, *d.aliases))) if w not in places]
    whole = any(vocab.tokens(form) == words for d in home.devices for form in (d.name, *d.aliases))
    if not whole and not any(vocab.word_in(w, own) for w in words if w not in places):
        return False  # (a device's whole name is its own, even if a room is named after it: "generator")
    if whole:  # a device's whole name, even one that two rooms' devices share ("heated towel rail")
        return True
    found = resolve_in(home, " ".join(words))
    devices = [d for d in home.devices if d.id in found.device_ids]
    only_kinds = all(vocab.type_word(w)[0] is not None or w in vocab.QUANTIFIERS for w in words)
    if found.problem or (len(devices) > 1 and only_kinds):  # "the lights" alone is not a request
        return False
    return bare_name(home, text, {"device": " ".join(words)}, devices)


_IS_IT = re.compile(r"^\W*(?:and\s+)?(?:is|are|isn't|aren't)\s+(?:the|my|our|your|a|an|\w+'s)\b", re.IGNORECASE)
_STATE_AT_END = re.compile(r"\b(?:open|closed|shut|locked|unlocked|on|off|running|playing|armed|disarmed|set)\W*$",
                           re.IGNORECASE)
_READING = re.compile(r"^\W*(?:what's|whats|what is|what|how's|hows|how is)\s+(?:the|my|our)\s+(?P<thing>[\w' ]+?)\s+"
                      r"(?:at|reading|showing|doing|saying|making|producing|generating|putting out|going|getting on|holding up)"
                      r"(?:\s+(?:now|right now|at the moment|today|this morning|this afternoon))?(?:\W*$|\s*[,;]\s*\w.*$)",
                      re.IGNORECASE)
_MY_ALARM_SET = re.compile(r"\bmy\s+alarms?\b.*\bset\W*$", re.IGNORECASE)  # the wake-up alarm's: the timers


def asks_about_named(db: sqlite_utils.Database, text: str) -> bool:
    """Whether the words ask how a device is that they name by its full name of two words or
    more ("what does the outdoor temperature sensor say", "is the garage door open"): a question
    about the home, whatever the words sound like elsewhere (the weather); "how cold is it outside"
    names the Outdoor Temperature by the quantity it reads (`QUANTITY_ASKED`). Any question about a
    sensor named so is; one asking its reading may name it by its telling words ("the cistern")."""
    state_question = bool(vocab.STATE_QUESTION.search(text))
    about_state = vocab.asks_state(text) or state_question and _STATE_AT_END.search(text)
    reading = state_question and not _LATER.search(text)  # "how much water is in the cistern"
    if (not about_state and not is_question(text)) or vocab.PAST_QUESTION.search(text):
        return False  # (what a device did is no question about how it is)
    try:
        home = read_home(db)
    except HomeBackendError:
        return False
    said = [w for w in vocab.tokens(text) if w not in vocab.FILLERS]
    if not _LATER.search(text):  # "how cold is it outside": the outdoor temperature sensor's reading
        said += [QUANTITY_ASKED[w] for w in said if w in QUANTITY_ASKED]
    for device in home.devices:
        if not about_state and device.domain not in SENSOR_DOMAINS:  # any question about a sensor asks its reading
            continue
        for name in (device.name, *device.aliases):
            full = vocab.content(vocab.tokens(name))
            options = [full] if len(full) >= 2 else []  # "did the leak sensor detect anything"
            if reading and device.domain in SENSOR_DOMAINS:  # "how much water is in the cistern"
                options.append(_telling_words(full))
            if any(all(any(vocab.word_in(s, [w, *vocab.NAME_SYNONYMS.get(w, ())]) for s in said) for w in words)
                   for words in options):
                return True
    return False


SENSOR_DOMAINS = ("sensor", "binary_sensor")
# words of a sensor's name that say it is a sensor, not what it reads ("Water Tank Level": the tank)
SENSOR_WORDS = frozenset("level sensor reading meter gauge monitor status detector".split())


def _telling_words(words: list[str]) -> list[str]:
    """A sensor's name words without those that only say it is one ("how much water is in the
    tank": the Water Tank Level); all of them if nothing else is left."""
    return [w for w in words if w not in SENSOR_WORDS] or words


# the quantity a "how <word> is it" question asks for, read by a sensor named for it; a question
# about later ("will it be cold tomorrow") is the weather's, never a sensor's
QUANTITY_ASKED = {**dict.fromkeys(("cold", "warm", "hot", "chilly", "freezing", "mild", "temp"), "temperature"),
                  "humid": "humidity", "damp": "humidity", "charge": "battery", "charged": "battery"}
_LATER = re.compile(r"\b(?:tomorrow|tonight|later|weekend|forecast|will|going to|gonna|next|expected)\b", re.IGNORECASE)


# a question about a kind of thing in general: a bare plural, no article or owner ("do fans get tired")
ABOUT_A_KIND = re.compile(r"^\W*(?:do|can|could|will|would|why do|how do|how come) (?:[a-z]+ )?[a-z]{3,}s "
                          r"(?!(?:on|off|still|work|working|running)\b)[a-z]+", re.IGNORECASE)
WHY_PEOPLE = re.compile(r"^\W*(?:why|how come)\b(?: do| does| did| are| is| would| will)? (?:people|folks?|everyone|"
                        r"everybody|anyone|they|locals|humans|families|kids|children|most people|so many people)\b"
                        # what people call a thing: a question about words ("why do americans call it a restroom")
                        r"|^\W*(?:why|how come)\b(?: do| does| did)? (?:\w+ ){1,3}?(?:call|calls|say|says|name|spell|pronounce)\b",
                        re.IGNORECASE)
WHEN_WILL = re.compile(r"^\W*when (?:will|is|are|'s|does|do)\b.*\b(?:will|going to|gonna|be back|come back|coming back|back on|bring|"
                       r"return|restore|start|end|finish)\b|^\W*when will\b", re.IGNORECASE)



def foreign(db: sqlite_utils.Database, api_name: str, args: dict[str, Any], said: str,
            here: str | None = None) -> bool:
    """Whether a question sent here finds nothing and says not one word about a home ("what's
    the capital of Norway" as a query of device "capital"), asks what is to come or what a thing
    did, or asks why people do something: then it is not the home's."""
    if said and (WHY_PEOPLE.match(said) or ABOUT_A_KIND.match(said)):
        return True  # "why do people here put up christmas lights", "do fans get tired": no command, no state
    if api_name == "media" and said and _plays_content(db, said):  # "play some jazz": no speaker has it
        return True
    if api_name != "query" or not said:
        return False
    if WHEN_WILL.match(said) or vocab.PAST_QUESTION.search(said):  # what is to come, or what was: no device's state
        return True
    try:
        known = vocab.home_words(sounds_like.home_names(read_home(db)))
        words = vocab.content(vocab.tokens(said))
        if any(w in known or vocab.singular(w) in known for w in words):
            return False  # a home's words: whatever it finds, the question is the home's
        return find_targets(db, "query", args, here, said)[1] is not None
    except HomeBackendError:
        return False


# words of a request to play that name no piece of content
PLAYED_ANYWAY = frozenset("""music song songs track tracks tune tunes it again something anything some next previous
last one this that sound sounds audio volume louder quieter please""".split())


def _plays_content(db: sqlite_utils.Database, said: str) -> bool:
    """Whether the words ask to play a piece of content by its name ("play Frozen songs", "play
    lofi beats on youtube"): a word that no name of the home has and that names no kind of thing a
    speaker plays. The home's players only pause, resume and skip: no service streams here."""
    asked = ASKS_TO_PLAY.match(said)
    if asked is None:
        return False
    try:
        known = vocab.home_words(sounds_like.home_names(read_home(db)))
    except HomeBackendError:
        return False
    words = vocab.content(vocab.tokens(asked["what"]))
    return any(w not in known and vocab.singular(w) not in known and w not in PLAYED_ANYWAY
               and vocab.type_word(w)[0] is None for w in words)


# a spoken command on one thing: "turn on the key rig", "switch the tee vee off", "start the pond pup"
SPOKEN_COMMAND = re.compile(r"^\W*(?:please\s+)?(?:turn|switch|put|start|stop|open|close|shut)\s+(?:(?:on|off)\s+)?"
                            r"(?:the\s+|my\s+)?(?P<name>[a-z0-9']+(?:\s+[a-z0-9']+){0,4}?)"
                            r"(?:\s+(?:on|off))?(?:\s+please)?\W*$", re.IGNORECASE)


def _commanded(db: sqlite_utils.Database, text: str) -> tuple[Home, str] | None:
    """The home and the name of the one thing a spoken-style command acts on ("turn on the key
    rig": "key rig"), or None when the words are no such command."""
    spoken = SPOKEN_COMMAND.match(text)
    if spoken is None or vocab.ACTION_WORDS.search(spoken["name"]):
        return None
    try:
        return read_home(db), spoken["name"]
    except HomeBackendError:
        return None


# a change asked of one thing: "make the pool light rainbow", "turn the fairy lights purple" (never
# words for a list or a reminder: "put the pool light on my shopping list")
CHANGE_ASKED = (r"^(?!.*\b(?:lists?|remind(?:er)?s?|notes?|calendar)\b)\W*(?:please\s+)?"
                r"(?:(?:can|could|would|will)\s+you\s+)?(?:make|turn|set|change|put)\s+(?:the|my|our)\s+")
CHANGE_OF = re.compile(rf"{CHANGE_ASKED}(?P<rest>[\w' ]+?)\W*$", re.IGNORECASE)


def changes_a_named_device(db: sqlite_utils.Database, text: str) -> bool:
    """Whether the words ask a change of a device named by its whole name, with more words after it
    ("make the pool light rainbow"): the home's, whatever the model would make of the change."""
    asked = CHANGE_OF.match(text)
    if asked is None:
        return False
    try:
        home = read_home(db)
    except HomeBackendError:
        return False
    words = vocab.tokens(asked["rest"])
    return any(len(words) > len(name) and words[:len(name)] == name
               for device in home.devices for name in map(vocab.tokens, (device.name, *device.aliases)) if name)


def heard_command(db: sqlite_utils.Database, text: str) -> bool:
    """Whether spoken words are a command on one thing ("turn on the key rig") whose name the home
    does not know but that surely sounds like its devices (`sounds_like`: the Keurig)."""
    commanded = _commanded(db, text)
    if commanded is None or not resolve_in(*commanded).problem:
        return False  # (a name the home knows: no mishearing)
    heard, found = sounds_like.resolve_heard(*commanded, None, None, text)
    return heard is not None and heard.sure and found is not None and bool(found.device_ids)


def commands_named(db: sqlite_utils.Database, text: str) -> bool:
    """Whether the words are a switching command whose object is a device's whole name or alias
    ("switch off the dryer", "start the rice cooker"): the home's, however much the device's name
    sounds like a timer's business."""
    commanded = _commanded(db, text)
    if commanded is None:
        return False
    home, name = commanded
    said = [vocab.singular(w) for w in vocab.tokens(name)]
    return any([vocab.singular(w) for w in vocab.tokens(form)] == said
               for device in home.devices for form in (device.name, *device.aliases))


def claims(db: sqlite_utils.Database, text: str, source: str = "text") -> bool:
    """The smart home's own words: a device's name said alone, a question about a named device, how
    a kind of device is or what a thing reads, a switching command on a device named in full or a
    change asked of it, a change of level said alone ("louder", "way too bright": the device acted
    on last), what a device is for ("charge the car": the charger), or (spoken) a command on a device
    whose name was misheard (`heard_command`)."""
    return is_bare_change(text) or said_alone(db, text) or asks_about_named(db, text) \
        or asks_how_a_kind_is(db, text) or asks_a_reading(db, text) or commands_named(db, text) \
        or changes_a_named_device(db, text) or serves_purpose(db, text) or (source == "voice" and heard_command(db, text)) \
        or asks_the_outside(db, text)


def asks_the_outside(db: sqlite_utils.Database, text: str) -> bool:
    """Whether the words ask how warm it is outside and the home has a sensor that says it (else it
    is the weather's, which no expert here serves)."""
    if not asks_outside(text):
        return False
    try:
        return not targets(db, "query", {"device": "outside temperature"}, None, "outside temperature").problem
    except HomeBackendError:
        return False


def asks_how_a_kind_is(db: sqlite_utils.Database, text: str) -> bool:
    """Whether the words ask whether a thing of the home is in a state ("is granda's telly on", "are
    the blinds shut?", "is the alarm set?" but not "is my alarm set?"), naming a word of one of its
    devices' names or a kind of device it has ("is the school gate open" in a home with no gate, "is
    the pub open" ask no such thing)."""
    asked, state = _IS_IT.match(text), _STATE_AT_END.search(text)
    if not (asked and state) or state.start() <= asked.end() or _MY_ALARM_SET.search(text):
        return False
    return _names_home_things(db, text[asked.end():state.start()])


def asks_a_reading(db: sqlite_utils.Database, text: str) -> bool:
    """Whether the words ask what a thing of the home reads ("what's the pool at", "what is the hot
    tub reading", "how much juice is left in the battery"), naming a word of one of its devices'
    names or a kind of device it has."""
    asked = _READING.match(text) or _AMOUNT.match(text)
    return asked is not None and _names_home_things(db, asked["thing"])


# how much of something a thing of the home has or makes ("how much charge is in the battery", "how much
# power are the panels making")
_AMOUNT = re.compile(r"^\W*how much (?:power|juice|electricity|energy|charge|solar|water|gas)\b[\w' ]*?\b(?:in|on|from|of|"
                     r"are|is)\s+(?:the|my|our)\s+(?P<thing>[\w' ]+?)(?:\s+(?:making|producing|generating|pumping out|"
                     r"putting out|got|have|has|left|now|right now|at the moment))*\W*$", re.IGNORECASE)


def _names_home_things(db: sqlite_utils.Database, phrase: str) -> bool:
    """Whether the phrase names things of the home: its words (whose it is left out) are all words
    the home uses, and one is a word of a device's name or a kind of device it has."""
    between = re.sub(r"\b\w+'s\b", " ", phrase)  # (whose it is: any name)
    words = {*vocab.tokens(between)} - vocab.WHICH_ONE_WORDS - vocab.GENERIC_PLACE_WORDS - vocab.FILLERS
    try:
        home = read_home(db)
    except HomeBackendError:
        return False
    if not words or words - vocab.home_words(sounds_like.home_names(home)) - vocab.NAME_SYNONYMS.keys():
        return False  # a word the home never uses ("the school gate"): not one of its things
    if words & {w for device in home.devices for w in vocab.tokens(device.name)}:
        return True
    kinds = [w for w in words if vocab.type_word(w)[0] is not None or w in vocab.NAME_SYNONYMS]
    return any(resolve_in(home, device_type=kind).device_ids for kind in kinds)


def requires_confirmation(db: sqlite_utils.Database, api_name: str, args: dict[str, Any],
                          here: str | None = None, said: str | None = None, source: str = "text") -> str | None:
    """Why the call needs a spoken confirmation first (unlocking, opening a garage door,
    touching an alarm panel, a device only heard as a name that sounds like it), or None. The
    core calls this before executing, with the same speaker's area, words and source the API
    will resolve its targets with."""
    name = api_name.rsplit(".", 1)[-1]
    if name == "query" or name not in {*TARGETS, "set", "adjust"}:
        return None
    if name == "set":
        args, found = set_targets(db, args, here, said, source)
    else:
        found = targets(db, name, args, here, said, source)
    devices, heard = found.devices, found.heard
    if heard is not None and (not heard.sure or name not in SAFER_WAYS and any(sounds_like.guarded(d) for d in devices)):
        return sounds_like.question(heard, devices)  # locking, closing or arming what surely sounds like it acts
    if name == "turn_on" and _bare_report(read_home(db), said, args, devices) \
            or name in (*TARGETS, "set") and vocab.asks_state(said) and name not in ("set", "adjust"):
        return None  # a bare name of a door or an alarm, or a question, only tells its state
    alarms = [d.name for d in devices if d.domain == "alarm_control_panel"]
    if alarms and (name == "arm" or name == "turn_on" and len(alarms) == len(devices)):
        return None  # arming, like locking, makes the home safer: no yes needed
    if alarms and name in ("disarm", "turn_off"):
        return f"This would disarm {describe.names(alarms)}."
    if alarms:
        return "This changes the alarm."
    locks = [d.name for d in devices if d.domain == "lock"]
    if locks and (name == "unlock" or name == "open" and len(locks) == len(devices)):
        return f"This would unlock {describe.names(locks)}."
    # any level given to a garage door moves it (a brightness of 100 is its position 100)
    opening = name in ("open", "turn_on") or (name == "set" and any(_positive(args.get(k)) for k in (*PERCENT_SCALES, "percentage"))) \
        or (name == "adjust" and args.get("attribute") != "temperature" and _positive(args.get("delta")))
    garage = [d.name for d in devices if changes.is_garage_door(d)]
    if opening and garage:
        return f"This would open {describe.names(garage)}."
    openers = [d.name for d in devices if changes.operates_entry(d)]
    if openers and name in ("turn_on", "turn_off", "open", "close"):
        return f"This would operate {describe.names(openers)}."
    return None


# what leaves a lock, a garage door or an alarm safer than before: done without a yes
SAFER_WAYS = frozenset({"lock", "close", "arm"})


def _positive(value: Any) -> bool:
    return isinstance(value, (int, float)) and value > 0


def _said(ctx: ExpertContext) -> str | None:
    return ctx.utterance.text if ctx.utterance else None


def _source(ctx: ExpertContext) -> str:
    return ctx.utterance.source if ctx.utterance else "text"


def _restore(ctx: ExpertContext, data: dict) -> None:
    """Undo: put back the exact states and attributes the devices had before."""
    write_states(ctx.db, data.get("before", []))


def _commit(ctx: ExpertContext, planned: list[tuple[Device, State]]) -> tuple[list[Device], dict]:
    """Write the planned states that differ (one transaction); return the changed devices and undo data."""
    changed = [(d, s) for d, s in planned if s != (d.state, d.attributes)]
    write_states(ctx.db, [{"id": d.id, "state": s[0], "attributes": s[1]} for d, s in changed])
    return [d for d, _ in changed], {"before": [changes.snapshot(d) for d, _ in changed]}


def _result(ctx: ExpertContext, reply: str, acted: list[Device], undo: dict) -> ActionResult:
    after = read_devices(ctx.db, [d.id for d in acted])
    return ActionResult(reply=reply, data={"devices": [d.as_dict() for d in after]}, undo=undo,
                        referent=_referent(ctx, acted))


def _referent(ctx: ExpertContext, acted: list[Device]) -> dict[str, Any] | None:
    """What "it" means next: the devices acted on, by the names the home gives them (the room's
    too when another device has the same name), and the kind the user called them ("lights"), so
    that "and the den too" means the den's lights, not the kind of the first device."""
    if not acted:
        return None
    home = read_home(ctx.db)
    names = [d.name for d in home.devices]
    named = [d.name if names.count(d.name) == 1 or home.area(d.area_id) is None
             else f"{home.area(d.area_id).name} {d.name}" for d in acted]
    kind = vocab.first_type_word(_said(ctx))
    return {"device": ", ".join(named), **({"device_type": kind} if kind else {})}


def _failed(problem: str | Targets) -> ActionResult:
    """A call that changed nothing; a "which one?" question names what its answer picks from."""
    if isinstance(problem, str):
        return ActionResult(ok=False, reply=problem, data={"devices": []})
    which = problem.which
    return ActionResult(ok=False, reply=problem.problem or "", data={"devices": []},
                        missing=which.slot if which else None, choices=which.choices if which else None)


def _as_bare_name(ctx: ExpertContext, args: dict[str, Any]) -> ActionResult | None:
    """What a bare name does ("towel rail" written as `open`), when the user said only the name
    of devices this call cannot act on; else None."""
    phrases = {key: args.get(key) for key in ("device", "area", "device_type")}
    found = targets(ctx.db, "query", phrases, ctx.area, _said(ctx), _source(ctx))
    if found.problem or not bare_name(read_home(ctx.db), _said(ctx), phrases, found.devices):
        return None
    return query(ctx, **phrases)


def _bare_report(home: Home, said: str | None, args: dict[str, Any], devices: list[Device]) -> bool:
    """A bare name of something that is not simply switched: tell its state, change nothing."""
    return any(d.domain not in SWITCHABLE for d in devices) and bare_name(home, said, args, devices)


def _report(ctx: ExpertContext, devices: list[Device]) -> ActionResult:
    """Tell the devices' state; "it" next means them ("is the aircon in Tita's room on?" → "turn it on")."""
    return ActionResult(reply=describe.describe(devices), data={"devices": [d.as_dict() for d in devices]},
                        referent=_referent(ctx, devices))


def _switch(ctx: ExpertContext, api_name: str, args: dict[str, Any], on: bool) -> ActionResult:
    found = targets(ctx.db, api_name, args, ctx.area, _said(ctx), _source(ctx))
    if found.problem:
        return _failed(found)
    devices = found.devices
    if vocab.asks_state(_said(ctx)) or on and _bare_report(read_home(ctx.db), _said(ctx), args, devices):
        return _report(ctx, devices)  # "any fans on?": tell, change nothing
    level = _level_said(_said(ctx), devices) if on else None
    if level is not None:  # "the heater to twenty-three": a level the user gave is never dropped
        return set(ctx, args["device"], args["area"], args["device_type"], **dict([level]))
    if not on and all(d.state == "off" for d in devices):  # "the light off" when that one is off already
        devices = _others_on(ctx, args, devices) or devices
    armed = f"armed_{arm_mode(_said(ctx), None)}"  # "alarm on for the night": armed night
    changed, undo = _commit(ctx, [(d, changes.switched(d, on, armed)) for d in devices])
    if not changed:
        words = ("open", "on") if on else ("closed", "off")
        if all(d.domain == "cover" for d in devices):
            return _result(ctx, describe.already(devices, words[0]), devices, undo)
        return _result(ctx, describe.already(devices, words[1]), devices, undo)
    verbs = {"cover": ("Opened", "Closed"), "alarm_control_panel": ("Armed", "Disarmed")}
    groups = [(verbs[kind][0 if on else 1], [d.name for d in changed if d.domain == kind]) for kind in verbs]
    groups.append((("Turned on" if on else "Turned off"), [d.name for d in changed if d.domain not in verbs]))
    parts = [f"{verb} {describe.names(group)}" for verb, group in groups if group]
    reply = parts[0] + "".join(f"; {p[0].lower()}{p[1:]}" for p in parts[1:]) + "."
    return _result(ctx, reply, devices, undo)


def _others_on(ctx: ExpertContext, args: dict[str, Any], devices: list[Device]) -> list[Device]:
    """"Turn off the light", said by its kind alone, when the light picked is off already: the lights
    of that kind still on in its room ("batti band kar do" with the lamp on); [] when the call named
    more than a kind."""
    phrase = args.get("device") or args.get("device_type")
    if not _only_a_kind(phrase) or (args.get("device") and args.get("device_type") and not _only_a_kind(args["device_type"])):
        return []
    areas, domains = {d.area_id for d in devices}, {d.domain for d in devices}
    return [d for d in read_home(ctx.db).devices
            if d.area_id in areas and d.domain in domains and d.state != "off"
            and d.domain in ("light", "fan", "switch")]  # (a TV's kind is no speaker's: "turn the tv off")


# "to 40", "50 percent", "at 30" (no hour of the clock: "on at 7" is a time)
LEVEL_SAID = re.compile(r"\bto (\d+(?:\.\d+)?)\b(?! ?(?:am|pm|o ?clock|:\d))|\b(\d+(?:\.\d+)?) ?(?:%|percent|degrees?)"
                        r"|\bat (2[5-9]|[3-9]\d|100)\b(?! ?(?:am|pm|:\d))")


def _level_said(said: str | None, devices: list[Device]) -> tuple[str, float] | None:
    """(the devices' own level, the number) when the user gave one ("the heater to 23", "fan on
    50 percent", fans "on medium" or "on high", "to the lowest": the devices' own end), for devices
    of one kind that have a level; else None."""
    own = {changes.LEVEL.get(d.domain) for d in devices}
    found = LEVEL_SAID.search(quantities(normalise(said or "")))
    if len(own) != 1 or None in own:
        return None
    attribute = own.pop()
    if found is None:  # a level in words: a fan "on medium" or "on high", a lamp "on super bright", "to the lowest"
        end = levels.level_said(said, attribute)
        if isinstance(end, levels.End):  # each device's own end: the same for all, or none is said
            ends = {changes.limit(d, attribute, end) for d in devices}
            return (attribute, float(ends.pop())) if len(ends) == 1 else None
        return (attribute, end) if isinstance(end, float) else None
    return attribute, float(found[1] or found[2] or found[3])


@api(speculative_safe=True, undo=_restore, deferrable=True)
def turn_on(ctx: ExpertContext, device: str | None = None, area: str | None = None,
            device_type: str | None = None) -> ActionResult:
    """Turn on devices named or described by phrases (a cover opens, a thermostat heats)."""
    return _switch(ctx, "turn_on", {"device": device, "area": area, "device_type": device_type}, True)


@api(speculative_safe=True, undo=_restore, deferrable=True)
def turn_off(ctx: ExpertContext, device: str | None = None, area: str | None = None,
             device_type: str | None = None) -> ActionResult:
    """Turn off devices named or described by phrases (a cover closes, a thermostat goes off)."""
    return _switch(ctx, "turn_off", {"device": device, "area": area, "device_type": device_type}, False)


def _move(ctx: ExpertContext, api_name: str, args: dict[str, Any], target: str) -> ActionResult:
    """Shared by open/close/lock/unlock: put every target into one state."""
    found = targets(ctx.db, api_name, args, ctx.area, _said(ctx), _source(ctx))
    if found.problem:
        return _as_bare_name(ctx, args) or _failed(found)
    devices = found.devices
    if vocab.asks_state(_said(ctx)):  # "is the back door locked": tell, change nothing
        return _report(ctx, devices)
    if target in ("open", "closed") and all(d.domain == "lock" for d in devices):
        target = "unlocked" if target == "open" else "locked"  # "open the side gate": its lock
    if target in ("open", "closed"):
        target = _way_said(_said(ctx), target, devices)
        planned = [(d, changes.moved(d, target == "open")) for d in devices if d.domain != "lock"]
    else:
        planned = [(d, (target, dict(d.attributes))) for d in devices]
    devices = [d for d, _ in planned]
    changed, undo = _commit(ctx, planned)
    if not changed:
        return _result(ctx, describe.already(devices, target.replace("_", " ")), devices, undo)
    verb = {"open": "Opened", "closed": "Closed", "locked": "Locked", "unlocked": "Unlocked",
            "disarmed": "Disarmed"}.get(target) or f"Armed ({target.removeprefix('armed_')})"
    return _result(ctx, f"{verb} {describe.names([d.name for d in changed])}.", devices, undo)


def _way_said(said: str, target: str, devices: list[Device]) -> str:
    """The way the user's verb moves the covers ("draw the curtains" written as open: closed);
    a garage door or gate is only ever closed this way, never opened without its yes."""
    way = vocab.cover_direction(said)
    if way is None or way == target or way == "open" and any(sounds_like.guarded(d) for d in devices):
        return target
    return way


# what opening and closing mean for what does not open ("open the light", "close the AC": Indian,
# Filipino and many other Englishes say so for on and off)
SWITCHED_AS = {"open": "turn_on", "close": "turn_off"}


def recast(db: sqlite_utils.Database, api_name: str, args: dict[str, Any], here: str | None = None,
           said: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """The call as said when the model's is not: "open the tube light" is turned on (`switched_as`),
    "the range hood on high" as a temperature is its speed (`as_own_setter`), "the spotlights to
    three quarters" without the brightness has it (`with_level_said`), "open the blinds halfway" sets
    their position (`moved_partway`), "make the lamp blew" switched sets its colour (`coloured_as_said`)."""
    named = named_as_said(db, args, said)
    args = named or args
    return switched_as(db, api_name, args, here, said) or as_own_setter(db, api_name, args, here, said) \
        or with_level_said(api_name, args, said) or moved_partway(api_name, args, said) \
        or coloured_as_said(api_name, args, said) or mode_as_said(db, api_name, args, here, said) \
        or switched_to_level(db, api_name, args, here, said) or colour_left_out(api_name, args, said) \
        or switched_as_worded(api_name, args, said) or mode_for_temperature(api_name, args, said) \
        or volume_said_as_level(api_name, args, said) or ((api_name, named) if named else None)


# a volume said as a level ("volume 10", "radio louder, volume to 50"), not as a step ("volume up 10", "by 10")
VOLUME_LEVEL = re.compile(r"\bvolume (?:to |at |on |level )?(\d{1,3})\b(?!\s*(?:more|less|up|down|notches|steps|points))",
                          re.IGNORECASE)


def volume_said_as_level(api_name: str, args: dict[str, Any], said: str | None) -> tuple[str, dict[str, Any]] | None:
    """A volume step written where the words say the level ("so loud, volume 10": the volume set to 10); else None."""
    found = VOLUME_LEVEL.search(said or "")
    if api_name != "adjust" or args.get("attribute") != "volume" or found is None \
            or re.search(r"\b(?:by|up|down)\s+\d", said or "", re.IGNORECASE):
        return None
    return "set_volume", {**_target_args(args), "volume": int(found[1])}


def _stems(words: str) -> frozenset[str]:
    return frozenset(w.rstrip("s") for w in vocab.tokens(words))


def named_as_said(db: sqlite_utils.Database, args: dict[str, Any], said: str | None) -> dict[str, Any] | None:
    """A call written with a kind the user never said ("open the louvres halfway" as the blinds) when
    the words hold a device's whole name: the arguments with that name in place of the kind (then
    every blind is not moved, and two louvres are asked about); else None."""
    kind = args.get("device_type")
    if not said or args.get("device") or not isinstance(kind, str) or _stems(kind) & _stems(said):
        return None
    try:
        home = read_home(db)
    except HomeBackendError:
        return None
    words = vocab.tokens(said)
    named = {name for d in home.devices for name in (d.name, *d.aliases) if vocab.said_run(vocab.tokens(name), words)}
    longest = max(named, key=len, default=None)
    if longest is None or any(longest != n and frozenset(vocab.tokens(n)) - frozenset(vocab.tokens(longest)) for n in named):
        return None  # (two names said: not one thing)
    return {**{k: v for k, v in args.items() if k != "device_type"}, "device": longest}


# a command switching its target by a particle after it ("chuck the fairy lights on out the back", "turn the
# fan off"): the particle is the way, whatever a place said after it sounds like
WORDED_SWITCH = re.compile(rf"^\W*(?:(?:please|pls|just|and|now|can you|could you|would you)\s+)*{PARTICLE_VERBS}\s+"
                           r"(?:the|my|our|that|those|these)\s+[\w' ]+?\s+(?P<way>on|off)\b", re.IGNORECASE)


def switched_as_worded(api_name: str, args: dict[str, Any], said: str | None) -> tuple[str, dict[str, Any]] | None:
    """("turn_on", args) for "chuck the fairy lights on out the back" written as off, and the other way
    round: the particle of a command's own verb decides; else None."""
    found = WORDED_SWITCH.match(said or "") if api_name in ("turn_on", "turn_off") else None
    if found is None or re.search(r"\b(?:on|off)\b", said[found.end():], re.IGNORECASE):
        return None  # ("turn the lights on the deck off": which particle is the way is not plain)
    meant = f"turn_{found['way'].lower()}"
    return (meant, args) if meant != api_name else None


def switched_to_level(db: sqlite_utils.Database, api_name: str, args: dict[str, Any], here: str | None = None,
                      said: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """("set_fan_speed", args with 100) for "make the ceiling fan go on high": a fan or a light
    switched on with an end of its scale or a percent said is set to it; else None."""
    if api_name != "turn_on" or not said or is_question(said) or not (where := _target_args(args)):
        return None
    if (found := _asked_of(db, where, here, said)) is None:
        return None
    domains = _domains_asked(found)
    if len(domains) != 1 or not domains <= {"fan", "light"}:
        return None
    setter = SETTERS[changes.LEVEL[domains.pop()]]
    return with_level_said(setter, where, said) if levels.level_said(said, SETTER_LEVELS[setter]) is not None else None


def mode_as_said(db: sqlite_utils.Database, api_name: str, args: dict[str, Any], here: str | None = None,
                 said: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """A climate mode written for what has none or where no word of the mode was said ("the ceiling
    fan up as high as it goes" as fan only): the devices' own level, read from the words, or on."""
    if api_name != "set_hvac_mode" or not (where := _target_args(args)):
        return None
    found = _asked_of(db, where, here, said)
    if found is None or found.problem or not found.devices:
        return None
    if all(d.domain == "climate" for d in found.devices):  # "set the mini split": what temperature?
        return None if mode_said(str(args.get("mode")), said) else ("set_temperature", where)
    own = {changes.LEVEL.get(d.domain) for d in found.devices if d.domain != "climate"}
    if len(own) != 1 or None in own:
        return None
    setter = SETTERS[own.pop()]
    return with_level_said(setter, where, said) or ("turn_on", where)


def mode_for_temperature(api_name: str, args: dict[str, Any], said: str | None) -> tuple[str, dict[str, Any]] | None:
    """("set_hvac_mode", args) for a temperature the user never gave when the words name a mode ("put the heat
    pump on the fan-only setting" written as a temperature); else None."""
    if api_name != "set_temperature" or re.search(r"\d", quantities(said or "")) or not (where := _target_args(args)):
        return None
    mode = mode_in_words(said)
    return None if mode is None else ("set_hvac_mode", {**where, "mode": mode})


# the words that ask for each climate mode ("fan" alone is a fan's own: "fan only" is the mode)
MODE_WORDS = {"heat": "heat heating", "cool": "cool cooling", "auto": "auto automatic", "heat_cool": "heat cool auto",
              "dry": "dry dehumidify dehumidifying", "fan_only": "only", "off": "off"}


# a mode said in words, the longest first: "heat cool" (or heat/cool, heat and cool) is the automatic one
_MODES_IN_WORDS = ((re.compile(r"\bheat(?:ing)?\s*(?:/|-|and|or|&|\+)?\s*cool(?:ing)?\b|\bcool(?:ing)?\s*(?:/|-|and|or|&)\s*heat(?:ing)?\b"
                               r"|\bauto(?:matic)?\b"), "auto"),
                   (re.compile(r"\bfan[\s_-]*only\b|\bjust (?:the )?fan\b"), "fan_only"),
                   (re.compile(r"\bdry(?:ing)?\b|\bdehumidif(?:y|ying|ier)\b"), "dry"))


def mode_in_words(said: str | None) -> str | None:
    """The climate mode the words name beyond a plain heat or cool ("heat cool mode", "fan only",
    "dry"), or None (then the model's reading of heat or cool stands)."""
    text = (said or "").lower()
    found = [mode for pattern, mode in _MODES_IN_WORDS if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def mode_said(mode: str, said: str | None) -> bool:
    """Whether the user said a word of this mode."""
    words = vocab.tokens(said)
    return any(w in words for w in MODE_WORDS.get(mode, "").split())


# "make the lamp warm": a white, not a colour heard ("cold" sounds like gold)
_WHITE_WORDS = frozenset("cold cool warm hot colder cooler warmer hotter".split())
COLOURED = re.compile(rf"{CHANGE_ASKED}[\w' ]+?\s+(?:to\s+)?(?P<colour>[a-z]+)(?:\s+please)?\W*$", re.IGNORECASE)
# a colour said last, right after "on" ("the pool light on green", "put the strip on in blue")
ON_COLOUR = re.compile(r"\b(?:on|in)\s+(?:in\s+)?(?P<colour>[a-z]+(?:\s+(?!please\b)[a-z]+)?)(?:\s+please)?(?:\W*$|\s*,)",
                       re.IGNORECASE)


# ... or right after the thing switched on ("turn on the cove light pink, we have friends over")
SWITCHED_ON_COLOUR = re.compile(r"^\W*(?:please\s+)?(?:turn|switch|put)\s+on\s+(?:the|my|our)\s+[\w' ]+?\s+"
                                r"(?P<colour>[a-z]+)(?:\s+please)?(?:\W*$|\s*,)", re.IGNORECASE)


def _colour_of(words: str) -> str | None:
    """The colour these words end in ("light blue", "green"; "in the purple" is no colour said)."""
    words = words.lower().strip()
    return words if css_color(words) else (words.split()[-1] if css_color(words.split()[-1]) and
                                           words.split()[0] not in ("the", "my", "our") else None)


def coloured_as_said(api_name: str, args: dict[str, Any], said: str | None) -> tuple[str, dict[str, Any]] | None:
    """"make the festoon lights blew" switched on or off: the colour it sounds like (or is) set."""
    asked = COLOURED.match(said or "") if api_name in ("turn_on", "turn_off") else None
    word = asked["colour"].lower() if asked else ""
    two = re.search(rf"\b([a-z]+\s+{re.escape(word)})(?:\s+please)?\W*$", (said or "").lower()) if word else None
    word = two[1] if two and css_color(two[1]) else word  # "on pale green": the colour of two words
    on_colour = (ON_COLOUR.search(said or "") or SWITCHED_ON_COLOUR.match(said or "")) \
        if api_name == "turn_on" and not asked else None
    colour = _colour_of(on_colour["colour"]) if on_colour else None
    if colour:  # "trun the pool lihgt on green", "the lamp on light blue", "the festoon lights in purple"
        return "set_color", {**{k: v for k, v in _target_args(args).items() if not css_color(str(v))}, "color": colour}
    if not asked or word in ("on", "off") or word in _WHITE_WORDS:
        return None
    if not css_color(word) and not sounds_like.heard_colour(word) and not nearest_color(word):
        return None
    return "set_color", {**_target_args(args), "color": word}  # (as said: set_color reads what a voice misheard)


def colour_left_out(api_name: str, args: dict[str, Any], said: str | None) -> tuple[str, dict[str, Any]] | None:
    """("set_color", args with the colour) when the model left out a colour the user misspelt
    ("porch light organge please"): the one word of the words that surely means a colour."""
    if api_name != "set_color" or args.get("color") or not said:
        return None
    words = [w for w in re.findall(r"[a-z]+", said.lower()) if len(w) >= 4]
    meant = {color for w in words if (color := css_color(w) or nearest_color(w))}
    return ("set_color", {**args, "color": meant.pop()}) if len(meant) == 1 else None


def as_own_setter(db: sqlite_utils.Database, api_name: str, args: dict[str, Any], here: str | None = None,
                  said: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """(the setter of the level the devices have, args) when the model's setter sets a level they
    have not: "the range hood on high" written as a temperature is the fan's speed (the level read
    from the words when the model gave none). Never a garage door; else None."""
    attribute, where = LEVEL_SET_BY.get(api_name), _target_args(args)
    if attribute is None or not where or (found := _asked_of(db, where, here, said)) is None:
        return None
    domains = _domains_asked(found)  # ("put the heated floor at 30" with two heated floors: asked which, set after)
    own = {changes.LEVEL.get(domain) for domain in domains}
    if found.problem and not found.which or len(own) != 1 or None in own or domains & ATTRIBUTE_DOMAINS[attribute] \
            or any(changes.is_garage_door(d) for d in found.devices):
        return None
    setter, value = SETTERS[own.pop()], args.get(attribute)
    level = {LEVEL_SET_BY[setter]: value} if value is not None else {}
    return with_level_said(setter, {**where, **level}, said) or (setter, {**where, **level})


def moved_partway(api_name: str, args: dict[str, Any], said: str | None) -> tuple[str, dict[str, Any]] | None:
    """("set_position", args) for "open the blinds halfway", "close the curtains to 30 percent": an
    open or close with a point of the scale said; else None (an end, "fully", is the open itself)."""
    if api_name not in ("open", "close") or not said or is_question(said) \
            or any(w in vocab.tokens(said) for w in vocab.GARAGE_WORDS):  # a garage door or gate moves only on a yes
        return None
    value = levels.level_said(said, "position")
    if not isinstance(value, (int, float)) or isinstance(value, levels.End) or not 0 < value < 100:
        return None
    return "set_position", {**_target_args(args), "position": round(value)}


def _domains_asked(found: Targets) -> set[str]:
    """The kinds of device the targets are, or would be once the user says which one."""
    if not found.problem:
        return {d.domain for d in found.devices}
    return {choice.partition(".")[0] for choice in (found.which.choices if found.which else ()) if "=" not in choice}


def _asked_of(db: sqlite_utils.Database, where: dict[str, Any], here: str | None, said: str | None) -> Targets | None:
    """What a recast call's target arguments name, of any kind (a query's targets); None when the
    home cannot be read."""
    try:
        return targets(db, "query", where, here, said)
    except HomeBackendError:
        return None


def _target_args(args: dict[str, Any]) -> dict[str, Any]:
    """The call's arguments that say which devices (device, area, device_type), those given."""
    return {key: args[key] for key in ("device", "area", "device_type") if args.get(key)}


# the level each setter sets, read from the words when the model left it out
SETTER_LEVELS = {"set_brightness": "brightness", "set_volume": "volume",
                 "set_position": "position", "set_fan_speed": "percentage"}
# the setter of each level a device has, and the level of each setter
SETTERS = {**{level: setter for setter, level in SETTER_LEVELS.items()}, "temperature": "set_temperature"}
LEVEL_SET_BY = {setter: level for level, setter in SETTERS.items()}


def with_level_said(api_name: str, args: dict[str, Any], said: str | None) -> tuple[str, dict[str, Any]] | None:
    """(api_name, args with the level) when a setter's level is missing and the words give one as a
    number of the scale ("to three quarters", "halfway", "at 40 percent") or an end ("on high",
    "the lowest"); else None."""
    attribute = SETTER_LEVELS.get(api_name)
    if attribute is None or args.get(attribute) is not None or not said or is_question(said):
        return None
    value = levels.level_said(said, attribute)
    if isinstance(value, levels.End):  # "on high": the setter reads the end off the words again, per device
        value = 100 if value is levels.End.HIGHEST else 1
    return (api_name, {**args, attribute: round(value)}) if isinstance(value, (int, float)) else None


def switched_as(db: sqlite_utils.Database, api_name: str, args: dict[str, Any], here: str | None = None,
                said: str | None = None) -> tuple[str, dict[str, Any]] | None:
    """("turn_on", args) for "open the tube light": an open or close of things that cannot open
    but switch (lights, fans, switches, TVs, ACs), none of them a cover or a lock; else None."""
    args = {key: args.get(key) for key in ("device", "area", "device_type")}
    other = SWITCHED_AS.get(api_name)
    try:
        if other is None or not targets(db, api_name, args, here, said).problem:
            return None
        switched = targets(db, other, args, here, said)
    except HomeBackendError:
        return None
    if switched.problem and switched.which is None:  # ("the toilet light" of three: on, asking which)
        return None
    if not switched.which and not switched.devices or any(d.domain in ("cover", "lock") for d in switched.devices):
        return None
    return other, args


@api(speculative_safe=True, undo=_restore, deferrable=True)
def open(ctx: ExpertContext, device: str | None = None, area: str | None = None,
         device_type: str | None = None) -> ActionResult:  # noqa: A001 - the API's name
    """Open blinds, shades, curtains or a garage door."""
    return _move(ctx, "open", {"device": device, "area": area, "device_type": device_type}, "open")


@api(speculative_safe=True, undo=_restore, deferrable=True)
def close(ctx: ExpertContext, device: str | None = None, area: str | None = None,
          device_type: str | None = None) -> ActionResult:
    """Close blinds, shades, curtains or a garage door."""
    return _move(ctx, "close", {"device": device, "area": area, "device_type": device_type}, "closed")


@api(speculative_safe=True, undo=_restore, deferrable=True)
def lock(ctx: ExpertContext, device: str | None = None, area: str | None = None,
         device_type: str | None = None) -> ActionResult:
    """Lock a door lock."""
    return _move(ctx, "lock", {"device": device, "area": area, "device_type": device_type}, "locked")


@api(sensitive=True, undo=_restore, deferrable=True)
def unlock(ctx: ExpertContext, device: str | None = None, area: str | None = None,
           device_type: str | None = None) -> ActionResult:
    """Unlock a door lock (needs confirmation)."""
    return _move(ctx, "unlock", {"device": device, "area": area, "device_type": device_type}, "unlocked")


# the alarm panel's arming modes by the words people use for them ("we're staying in")
ARM_MODES = {"night": ("night", "bedtime", "bed", "sleep", "sleeping", "overnight"),
             "home": ("home", "stay", "staying", "inside", "perimeter", "partial"),
             "away": ("away", "leaving", "out", "vacation", "holiday", "full")}


def arm_mode(said: str | None, mode: str | None) -> str:
    """The arming mode the user's words name; else the model's; else away (Home Assistant's
    usual arm). A mode word must follow "arm"/"alarm"/"mode" to count ("we're in" is not a mode)."""
    named_mode = re.search(r"\b(away|home|night|stay|vacation)\s+mode\b", (said or "").lower())
    if named_mode:  # "in away mode": the mode by its name
        return {"stay": "home", "vacation": "away"}.get(named_mode[1], named_mode[1])
    words = vocab.tokens(said)
    for i, word in enumerate(words):
        if word in ("arm", "arming", "alarm", "system", "mode", "for", "to", "it"):
            for later in words[i + 1:i + 4]:
                for named, cues in ARM_MODES.items():
                    if later in cues:
                        return named
    return mode if mode in ARM_MODES else "away"


@api(undo=_restore, deferrable=True)
def arm(ctx: ExpertContext, mode: Literal["away", "home", "night"] | None = None, device: str | None = None,
        area: str | None = None, device_type: str | None = None) -> ActionResult:
    """Arm the alarm system (mode away, home/stay or night)."""
    args = {"device": device, "area": area, "device_type": device_type}
    return _move(ctx, "arm", args, f"armed_{arm_mode(_said(ctx), mode)}")


@api(sensitive=True, undo=_restore, deferrable=True)
def disarm(ctx: ExpertContext, device: str | None = None, area: str | None = None,
           device_type: str | None = None) -> ActionResult:
    """Disarm the alarm system (needs confirmation)."""
    args = {"device": device, "area": area, "device_type": device_type}
    return _move(ctx, "disarm", args, "disarmed")


@api(speculative_safe=True, undo=_restore, deferrable=True)
def set(ctx: ExpertContext, device: str | None = None, area: str | None = None,  # noqa: A001
        device_type: str | None = None, brightness: int | None = None, color: str | None = None,
        temperature: float | None = None, position: int | None = None, volume: int | None = None,
        percentage: int | None = None) -> ActionResult:
    """Set brightness (0-100), colour name, target temperature, cover position, volume or fan speed."""
    values = {k: v for k, v in {"brightness": brightness, "color": color, "temperature": temperature,
                                "position": position, "volume": volume,
                                "percentage": percentage}.items() if v is not None}
    if not values:
        return _failed("What should I set: brightness, colour, temperature, position, volume or speed?")
    if "color" in values:
        values["color"] = css_color(values["color"]) or nearest_color(values["color"])  # "lellow": yellow
        if values["color"] is None:
            return _failed(f"I don't know the colour '{color.strip()}'.")
    args = {"device": device, "area": area, "device_type": device_type, **values}
    acting, found = set_targets(ctx.db, args, ctx.area, _said(ctx), _source(ctx))
    if acting != args:
        return set(ctx, device, area, device_type, **{k: acting[k] for k in SETTABLE if acting.get(k) is not None})
    if found.problem:
        return _failed(found)
    devices = found.devices
    if (beyond := _beyond_range(devices, values.get("temperature"))) is not None:
        return _failed(beyond)
    planned = [(d, changes.with_values(d, _on_regulator(d, values, _said(ctx)))) for d in devices]
    planned = [(d, plan) for d, plan in planned if plan is not None]
    if not planned:
        what = "change colour" if list(values) == ["color"] else "do that"
        if changes.only_on_off(devices[0]) and list(values) != ["color"]:
            what = "be dimmed: it only turns on and off"
        return _failed(describe.sentence(f"{describe.the(devices[0].name)} can't {what}."))
    _, undo = _commit(ctx, [(d, plan[0]) for d, plan in planned])
    return _result(ctx, _set_reply(planned), [d for d, _ in planned], undo)


def _on_regulator(device: Device, values: dict[str, Any], said: str | None) -> dict[str, Any]:
    """The values with a fan's speed said as its regulator's number read as that speed ("speed 2")."""
    if "percentage" not in values or device.domain != "fan":
        return values
    step = device.attributes.get("percentage_step")
    return {**values, "percentage": levels.regulator_speed(step, values["percentage"], said)}


def _beyond_range(devices: list[Device], temperature: Any) -> str | None:
    """Why a temperature said outside a device's own range is not set ("the heater to 60" on a
    5-30° heater: a slip or the other unit, never its limit), as Home Assistant refuses it."""
    if not isinstance(temperature, (int, float)):
        return None
    for device in devices:
        low, high = changes.temperature_range(device)
        if device.domain == "climate" and not low <= temperature <= high:
            return describe.sentence(f"{describe.the(device.name)} can be set from {describe.degrees(low)} "
                                     f"to {describe.degrees(high)}, so I left it as it is.")
    return None


def set_targets(db: sqlite_utils.Database, args: dict[str, Any], here: str | None, said: str | None,
                source: str = "text") -> tuple[dict[str, Any], Targets]:
    """The arguments `set` acts with, and their targets. A percent level that no device of its
    kind takes there ("the table lamp halfway" written as a blind's position) is the level of
    whatever the named device is, unless the user named the level ("brightness in the garage"
    never moves the garage door)."""
    found = targets(db, "set", args, here, said, source)
    values = [k for k in SETTABLE if args.get(k) is not None]
    if not found.problem or len(values) != 1 or values[0] not in PERCENT_SCALES \
            or levels.named_attribute(said) == values[0]:
        return args, found
    for scale in _scales_instead(said):
        other = {**{k: v for k, v in args.items() if k != values[0]}, scale: args[values[0]]}
        fallback = targets(db, "set", other, here, said, source)
        if not fallback.problem:
            return other, fallback
    return args, found


DEGREES_SAID = re.compile(r"\bdeg(?:ree)?s?\b|°", re.IGNORECASE)


def _scales_instead(said: str | None) -> tuple[str, ...]:
    """The levels a percent level written for no device of its kind may be instead: a fan's
    speed, and a thermostat's temperature when the user said degrees ("the heater up 2 degrees")."""
    return ("percentage", "temperature") if DEGREES_SAID.search(said or "") else ("percentage",)


def _set_reply(planned: list[tuple[Device, tuple]]) -> str:
    """ "Set Kitchen Ceiling Light and Kitchen Counter Strip to 50%." grouped by the value set."""
    groups: dict[str, list[str]] = {}
    for device, (_, applied, clamped) in planned:
        phrase = describe.value_phrase(device.domain, applied) + (" (its limit)" if clamped else "")
        groups.setdefault(phrase, []).append(device.name)
    parts = [f"{describe.names(group)} to {phrase}" for phrase, group in groups.items()]
    return f"Set {'; '.join(parts)}."


@api(speculative_safe=True, undo=_restore, deferrable=True)
def adjust(ctx: ExpertContext, attribute: Attribute, delta: float, device: str | None = None,
           area: str | None = None, device_type: str | None = None) -> ActionResult:
    """Change a level relatively: brightness/volume/position/percentage in points, temperature in degrees."""
    if not delta:
        return _failed("By how much should I change it?")
    level = levels.read_change(_said(ctx), attribute, delta)  # "all the way up", "a couple of degrees"
    if level.unsaid:  # "change the volume": which way?
        return _ask_which_way(attribute)
    if level.value is not None:
        return set(ctx, device, area, device_type, **{attribute: level.value})
    return change(ctx, attribute, level.delta, device, area, device_type)


WAYS = {"brightness": ("brighter", "dimmer"), "volume": ("louder", "quieter"), "temperature": ("warmer", "cooler"),
        "position": ("more open", "more closed"), "percentage": ("faster", "slower")}
UP_WORDS, DOWN_WORDS = "up higher more raise increase", "down lower less reduce decrease"


def _ask_which_way(attribute: str) -> ActionResult:
    """Ask which way to change a level ("louder or quieter?"); the answer picks the sign of `delta`."""
    up, down = WAYS[attribute]
    step = levels.step(attribute)
    choices = {f"delta={step:g}": f"{up} {UP_WORDS} warmer hotter brighter louder faster open",
               f"delta={-step:g}": f"{down} {DOWN_WORDS} cooler colder dimmer darker quieter softer slower closed"}
    return ActionResult(ok=False, reply=f"{up.capitalize()} or {down}?", missing="delta", choices=choices)


def change(ctx: ExpertContext, attribute: str, delta: float, device: str | None = None,
           area: str | None = None, device_type: str | None = None) -> ActionResult:
    """`adjust` by exactly `delta`; a light or fan that is on dims to its lowest on-level, not
    off, unless the user said "off"."""
    args = {"device": device, "area": area, "device_type": device_type, "attribute": attribute}
    found = targets(ctx.db, "adjust", args, ctx.area, _said(ctx), _source(ctx))
    if found.problem and attribute in PERCENT_SCALES and levels.named_attribute(_said(ctx)) != attribute:
        for scale in _scales_instead(_said(ctx)):  # as `set_targets`: "the sonos down by 10" is its volume
            other = targets(ctx.db, "adjust", {**args, "attribute": scale}, ctx.area, _said(ctx), _source(ctx))
            if not other.problem:
                found, attribute = other, scale
                break
    if found.problem:
        return _failed(found)
    devices = found.devices
    keep_on, steps = not levels.said_off(_said(ctx)), levels.steps_said(_said(ctx))
    planned = [(d, changes.stepped(d, attribute, _in_own_steps(d, attribute, delta, steps), keep_on))
               for d in devices]
    planned = [(d, plan) for d, plan in planned if plan is not None]
    if not planned:
        lacks = "can't be dimmed: it only turns on and off" if changes.only_on_off(devices[0]) else f"has no {attribute}"
        return _failed(describe.sentence(f"{describe.the(devices[0].name)} {lacks}."))
    changed, undo = _commit(ctx, [(d, plan[0]) for d, plan in planned])
    acted = [d for d, _ in planned]
    if not changed:
        limit = "the maximum" if delta > 0 else "the minimum"
        return _result(ctx, f"{describe.names([d.name for d in acted])}: already at {limit}.",
                       acted, undo)
    verb = "Raised" if delta > 0 else "Lowered"
    parts = [f"{d.name} to {describe.value_phrase(d.domain, plan[1])}" for d, plan in planned
             if d in changed]
    return _result(ctx, f"{verb} {describe.names(parts)}.", acted, undo)


def _in_own_steps(device: Device, attribute: str, delta: float, count: float | None) -> float:
    """A change said in `count` speeds or notches ("reduce the fan by one speed", `levels.steps_said`)
    on a fan with speeds (`percentage_step`): that many of its speeds, in percent."""
    step = device.attributes.get("percentage_step")
    if attribute != "percentage" or count is None or not step:
        return delta
    return count * float(step) * (1 if delta > 0 else -1)


# a thermostat's or air conditioner's modes as Home Assistant names them, and how a reply says each
CLIMATE_MODES = {"heat": "heat", "cool": "cool", "auto": "auto", "heat_cool": "heat/cool", "dry": "dry",
                 "fan_only": "fan only", "off": "off"}


def switch_mode(ctx: ExpertContext, mode: str, device: str | None = None, area: str | None = None,
                device_type: str | None = None) -> ActionResult:
    """Put climate devices in `mode`; one whose `hvac_modes` lack it changes nothing and says so."""
    found = targets(ctx.db, "set_hvac_mode", {"device": device, "area": area, "device_type": device_type},
                    ctx.area, _said(ctx), _source(ctx))
    if found.problem:
        return _failed(found)
    mode = mode_in_words(_said(ctx)) or mode  # "heat cool mode" read as "cool"
    if mode == "auto" and all("heat_cool" in (d.attributes.get("hvac_modes") or ()) for d in found.devices):
        mode = "heat_cool"  # ("auto" on a device that calls it heat/cool)
    lacking = [d for d in found.devices if d.attributes.get("hvac_modes") and mode not in d.attributes["hvac_modes"]]
    if lacking:
        return _failed(describe.sentence(f"{describe.the(lacking[0].name)} has no {CLIMATE_MODES[mode]} mode."))
    changed, undo = _commit(ctx, [(d, (mode, d.attributes)) for d in found.devices])
    names = describe.names([d.name for d in found.devices])
    reply = f"Set {names} to {CLIMATE_MODES[mode]}." if changed else f"{names}: already on {CLIMATE_MODES[mode]}."
    return _result(ctx, reply, found.devices, undo)


MediaAction = Literal["pause", "resume", "stop", "next", "previous", "mute", "unmute"]
MEDIA_DONE = {"pause": "Paused", "resume": "Playing", "stop": "Stopped", "next": "Skipped to the next track on",
              "previous": "Back to the previous track on", "mute": "Muted", "unmute": "Unmuted"}


# the words that ask for each media action; a call whose action none of them says is not the user's
MEDIA_WORDS = {"pause": "pause paused hold freeze", "resume": "resume play playing unpause continue carry back",
               "stop": "stop end", "next": "next skip forward", "previous": "previous back last rewind replay again",
               "mute": "mute silence silent quiet", "unmute": "unmute sound"}
SWITCH_SAID = re.compile(r"\b(on|off)\b", re.IGNORECASE)
# the verb a media request opens with, and the action it says (a few of `MEDIA_WORDS`, never two actions')
MEDIA_VERBS = {"play": "resume", "resume": "resume", "unpause": "resume", "pause": "pause", "mute": "mute",
               "unmute": "unmute", "skip": "next"}


def _media_verb(said: str | None) -> str | None:
    """The action the request's own first verb says ("play the radio": resume), or None."""
    words = command(said or "").split()
    return MEDIA_VERBS.get(words[0]) if words else None


def _volume_instead(said: str | None, action: str) -> bool:
    """Whether the user spoke of the volume and of none of the action's words ("kitchen radio,
    volume all the way up" is no pause; "turn the volume off" is a mute)."""
    words = frozenset(re.findall(r"[a-z]+", (said or "").lower()))
    return "volume" in words and not words.intersection(MEDIA_WORDS[action].split()) and not levels.said_off(said)


def _switched_instead(said: str | None, action: str) -> bool | None:
    """On (True) or off (False) when the user said that and none of the action's words
    ("put the tv on" is no pause); None when the action is the user's."""
    words = frozenset(re.findall(r"[a-z]+", (said or "").lower()))
    switch = SWITCH_SAID.findall(said or "")
    if not switch or words.intersection(MEDIA_WORDS[action].split()) or "volume" in words:  # "volume off"
        return None
    return switch[-1].lower() == "on"


@api(speculative_safe=True, undo=_restore, deferrable=True, said_by={"action": MEDIA_WORDS})
def media(ctx: ExpertContext, action: MediaAction, device: str | None = None, area: str | None = None,
          device_type: str | None = None) -> ActionResult:
    """What a TV or speaker plays."""
    args = {"device": device, "area": area, "device_type": device_type}
    if not any(args.values()):
        args["device_type"] = "media player"
    found = targets(ctx.db, "media", args, ctx.area, _said(ctx), _source(ctx))
    if found.problem:
        return _failed(found)
    if bare_name(read_home(ctx.db), _said(ctx), args, found.devices):  # "bedroom tv": no media action was said
        return _as_bare_name(ctx, args) or _failed(found)
    if _volume_instead(_said(ctx), action):  # "the radio, volume right up": a level, not a pause
        return adjust(ctx, "volume", (levels.direction(_said(ctx)) or 1) * levels.step("volume"),
                      device, area, device_type)
    action = _media_verb(_said(ctx)) or action  # "play the kitchen radio": not the pause a model chose
    switched = _switched_instead(_said(ctx), action)
    if switched is not None:  # "put the tv on": a switch, whatever action a model chose
        return _switch(ctx, "turn_on" if switched else "turn_off", {**args, "device": device}, switched)
    playing = [d for d in found.devices if d.state != "off"] or found.devices
    if len(found.devices) > 1 and not any(vocab.norm(v) for v in (device, area)):
        playing = [d for d in found.devices if d.state in ("playing", "paused")] or playing  # the one in use
    changed, undo = _commit(ctx, [(d, changes.played(d, action)) for d in playing])
    return _result(ctx, f"{MEDIA_DONE[action]} {describe.names([d.name for d in playing])}.", playing, undo)


@api(speculative_safe=True, undo=_restore, reads=True)
def query(ctx: ExpertContext, device: str | None = None, area: str | None = None,
          device_type: str | None = None) -> ActionResult:
    """Tell the state of devices (with nothing named: what is on, open, unlocked or playing).
    A bare name of a light, switch, fan or speaker ("the desk lamp") turns it on."""
    if not any(text and text.strip() for text in (device, area, device_type)):
        active = [d for d in read_devices(ctx.db) if _is_active(d)]
        reply = describe.describe(active) if active else "Everything is off, closed and locked."
        return ActionResult(reply=reply, data={"devices": [d.as_dict() for d in active]})
    args = {"device": device, "area": area, "device_type": device_type}
    found = targets(ctx.db, "query", args, ctx.area, _said(ctx), _source(ctx))
    asked = _quantities_asked(ctx, args)
    reading = _sensors_reading(ctx, args, asked) if found.problem or _place_named(args) else []
    if reading:  # "what's the temperature on the patio": its thermometer, not the home's one thermostat
        return _report(ctx, [*reading, *(d for d in found.devices if d.domain == "climate"
                                         and d.area_id in {r.area_id for r in reading})])
    if found.problem:
        return _failed(found)
    devices, said = _readings_among(found.devices, asked), _said(ctx)
    if (vocab.norm(device) or vocab.norm(device_type)) and all(d.domain in SWITCHABLE for d in devices):
        switch = SWITCH_WORD.search(said or "")  # "fairy lights on": a name and the way to switch it
        off = switch is not None and switch[1].lower() == "off"
        if bare_name(read_home(ctx.db), SWITCH_WORD.sub("", said or ""), args, devices):
            return _switch(ctx, "turn_off" if off else "turn_on", args, not off)
    level = _level_without_verb(said, devices)
    if level is not None and not _other_named_in_full(read_home(ctx.db), devices, said):
        # "the reading light at the minimum": a setting, not a question
        return set(ctx, device, area, device_type, **level)
    safe = SAFE_STATE_WORD.search(said or "")  # "back door locked please": a name and the safe state to reach
    if safe and not is_question(said) and bare_name(read_home(ctx.db), SAFE_STATE_WORD.sub("", said), args, devices):
        if safe[1].lower() == "locked" and all(d.domain == "lock" for d in devices):
            return lock(ctx, **args)
        if safe[1].lower() != "locked" and all(d.domain == "cover" for d in devices):
            return close(ctx, **args)
    return _report(ctx, devices)


READ_QUANTITIES = frozenset(("temperature", "humidity"))  # what a question asks a sensor for, not a thermostat
_DEGREES = ("°c", "°f")


def _sensors_reading(ctx: ExpertContext, args: dict[str, Any], asked: set[str]) -> list[Device]:
    """The sensors, in the place asked about, of the quantities the question asks (`asked`: "what's
    the temperature on the terrace": the Outdoor Temperature there, though "temperature" names the
    thermostats); none when no quantity is asked."""
    if not asked:
        return []
    found = targets(ctx.db, "query", {**args, "device_type": "sensor"}, ctx.area, _said(ctx), _source(ctx))
    return [] if found.problem else [d for d in found.devices if _reads(d, asked)]


def _place_named(args: dict[str, Any]) -> bool:
    return any(vocab.norm(args.get(key)) for key in ("device", "area"))


def _quantities_asked(ctx: ExpertContext, args: dict[str, Any]) -> set[str]:
    """The quantities a question asks a sensor for ("how hot is it": the temperature)."""
    said = vocab.tokens(" ".join(filter(None, (_said(ctx), args.get("device_type")))))
    return {QUANTITY_ASKED.get(w, w) for w in said} & READ_QUANTITIES


def _readings_among(devices: list[Device], asked: set[str]) -> list[Device]:
    """Of the devices a question found, those that read the quantities it asks ("how humid is it on
    the terrace": the humidity sensor and any thermostat, not the lights); all when none does."""
    reading = [d for d in devices if d.domain in SENSOR_DOMAINS and _reads(d, asked)] if asked else []
    return [d for d in devices if d in reading or d.domain == "climate"] if reading else devices


def _reads(device: Device, quantities: set[str]) -> bool:
    """Whether a sensor reads one of these quantities: by its kind, its name or (a temperature) its unit."""
    kind = str(device.attributes.get("device_class", "")).lower()
    degrees = str(device.attributes.get("unit_of_measurement", "")).lower() in _DEGREES
    return any(kind == q or q in vocab.tokens(device.name) or (q == "temperature" and degrees) for q in quantities)


def _other_named_in_full(home: Home, devices: list[Device], said: str | None) -> bool:
    """Whether the user said in full the name (two words or more) of a device the call does not
    mean: then the call's devices are in doubt, and nothing is set."""
    words, meant = vocab.tokens(said), {d.id for d in devices}
    return any(_full_name_said(d, words) for d in home.devices if d.id not in meant)


def _level_without_verb(said: str | None, devices: list[Device]) -> dict[str, Any] | None:
    """The level a statement (not a question) gives devices of one kind, as `set` arguments."""
    attributes = {changes.LEVEL.get(d.domain) for d in devices}
    if not said or is_question(said) or len(attributes) != 1 or None in attributes:
        return None
    attribute = attributes.pop()
    value = levels.level_said(said, attribute)
    return None if value is None else {attribute: value}


def _is_active(device: Device) -> bool:
    return device.state in {"on", "open", "unlocked", "playing", "opening", "jammed", "triggered"} \
        or device.domain == "climate" and device.state != "off"
