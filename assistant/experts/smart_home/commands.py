"""The smart home's command shapes: "turn on the kitchen lights", "dim the lamp to 30 percent",
"make the porch light red", "open the garage", "it's too dark in the office". The fast router's
proposals, checked by the confirmer; None when unsure."""
from __future__ import annotations

import re

from assistant.experts.smart_home import vocab
from assistant.experts.smart_home.colors import css_color
from assistant.messages import Decision, Request
from assistant.words import ARTICLE

NUMBER = r"(?P<n>\d{1,3})(?: ?%| percent| per cent| degrees?)?"
VALUE_APIS = (  # which setter a "set X to N" means, by the words of the target
    (r"\b(volume|speaker|tv|television|music|radio)\b", "set_volume", "volume"),
    (r"\b(thermostat|heating|heat|temperature|degrees|ac|air conditioning)\b", "set_temperature", "temperature"),
    (r"\b(blinds?|shades?|curtains?|shutters?)\b", "set_position", "position"),
    (r"\bfans?\b", "set_fan_speed", "percentage"),
)


def _target(phrase: str) -> dict[str, str]:
    """"fan in the bedroom" → device fan, area bedroom; "kitchen lights" stays one phrase."""
    phrase = re.sub(rf"^{ARTICLE}", "", phrase.strip())
    where = re.match(r"^(?P<device>.+?) (?:in|on|at) (?:the )?(?P<area>.+)$", phrase)
    if where:
        return {"device": where["device"], "area": where["area"]}
    return {"device": phrase} if phrase else {}


def _home(api: str, **args) -> Decision:
    return Decision(expert="smart_home", api=api, args={k: v for k, v in args.items() if v},
                    source="router")


def _on_off(text: str) -> Decision | None:
    patterns = (rf"^(?:turn|switch|power|flip|put) (?P<state>on|off) {ARTICLE}(?P<target>.+)$",
                rf"^(?:turn|switch|power|flip|put) {ARTICLE}(?P<target>.+?) (?P<state>on|off)$",
                rf"^{ARTICLE}(?P<target>[a-z ]+?) (?P<state>on|off)$")
    for pattern in patterns:
        match = re.match(pattern, text)
        if match and not re.search(r"\b(timer|alarm|reminder|list)\b", match["target"]):
            return _home("turn_on" if match["state"] == "on" else "turn_off", **_target(match["target"]))
    match = re.match(rf"^(?:(?:turn|switch|put) )?{ARTICLE}(?P<device>[a-z ]+?) (?P<state>on|off) "
                     rf"(?:(?:down|up|out|over|in|right) )?(?P<where>here|downstairs|upstairs)$", text)
    if match:  # "lights on down here", "turn the lamps off upstairs"
        area = "here" if match["where"] == "here" else match["where"]
        return _home("turn_on" if match["state"] == "on" else "turn_off", device=match["device"], area=area)
    match = re.match(rf"^(?:(?:turn|switch|put|power|flip) )?{ARTICLE}(?P<device>[a-z ]+?) (?P<state>on|off) "
                     rf"(?:in|on) (?:the )?(?P<area>[a-z ]+)$", text)
    if match:  # "lights off in the living room"
        return _home("turn_on" if match["state"] == "on" else "turn_off", device=match["device"], area=match["area"])
    match = re.match(r"^(?:start|run) (?:the |my )?(?P<device>[a-z ]+)$", text)
    if match and not re.search(r"\b(timer|alarm|reminder|list|music|playlist)\b", match["device"]):
        return _home("turn_on", device=match["device"])  # "start the dishwasher"
    return None


def _dark(text: str) -> Decision | None:
    """"it's too dark in the office" / "it's dark in here" / "i can't see a thing in the hall":
    the lights of that room."""
    match = re.match(r"^(?:(?:it's|it is|its) (?:(?:too|so|very|really|pretty|a bit|kind of|way too) )?"
                     r"(?:dark|gloomy)|(?:i )?(?:can't|cant|cannot|can not) see (?:anything|a thing)) "
                     r"(?:in|at) (?:the |my )?(?P<area>[a-z ]+)$", text)
    return _home("turn_on", area=match["area"], device_type="light") if match else None


def _set_value(text: str) -> Decision | None:
    match = re.match(rf"^(?:dim|brighten|set|turn|put|change) {ARTICLE}(?P<target>.+?) (?:to|at) {NUMBER}$", text)
    if not match:
        return None
    target, value = match["target"], int(match["n"])
    for words, api, key in VALUE_APIS:
        if re.search(words, target) or re.search(words, text.split(" to ")[-1]):
            target = re.sub(r"\b(volume|temperature|speed|position) ?(of )?", "", target).strip()
            return _home(api, **{key: value}, **_target(target))
    return _home("set_brightness", brightness=value, **_target(re.sub(r"\bbrightness ?(of )?", "", target)))


def _relative(text: str) -> Decision | None:
    """"turn the speaker down by 10", "heat up 2 degrees", "kitchen lights up 20 percent"."""
    match = re.match(rf"^(?:(?:turn|put|bump|crank|nudge|knock|bring|move|take) )?{ARTICLE}(?P<target>[a-z ]+?) "
                     rf"(?P<way>up|down) (?:by )?(?:another )?{NUMBER}$", text) \
        or re.match(rf"^(?:turn|put|bump|crank|nudge|knock|bring|move|take) (?P<way>up|down) {ARTICLE}(?P<target>[a-z ]+?) "
                    rf"(?:by )?{NUMBER}$", text)
    if not match:
        return None
    delta = int(match["n"]) * (1 if match["way"] == "up" else -1)
    target = match["target"]
    for words, _, key in VALUE_APIS:
        if re.search(words, target) or re.search(r"\bdegrees?\b", text) and key == "temperature":
            target = re.sub(r"\b(volume|temperature|speed|position) ?(of )?", "", target).strip()
            return _home("adjust", attribute=key, delta=delta, **_target(target))
    return _home("adjust", attribute="brightness", delta=delta, **_target(re.sub(r"\bbrightness ?(of )?", "", target)))


def _colour(text: str) -> Decision | None:
    match = re.match(rf"^(?:make|turn|set|change|paint) {ARTICLE}(?P<rest>.+)$", text)
    words = match["rest"].split() if match else []
    for size in (2, 1):  # "light blue" before "blue"
        if len(words) > size and css_color(" ".join(words[-size:])):
            target = re.sub(r" (?:to|in|into)$", "", " ".join(words[:-size]))
            return _home("set_color", color=" ".join(words[-size:]), **_target(target))
    return None


def _open_close_lock(text: str) -> Decision | None:
    match = re.match(rf"^(?P<verb>open|close|shut|lock) {ARTICLE}(?P<target>.+)$", text)
    if not match:
        return None
    api = {"open": "open", "close": "close", "shut": "close", "lock": "lock"}[match["verb"]]
    return _home(api, **_target(match["target"]))


def propose(request: Request) -> Decision | None:
    text = request.words
    return _on_off(text) or _set_value(text) or _relative(text) or _colour(text) or _open_close_lock(text) \
        or _dark(text)


TARGETS = ("device", "area", "device_type")


ONE_OF_KIND = re.compile(r"^(?:the |my |that )?(?P<named>[a-z' ]+?)?\s*\bones?\b(?:\s+(?:in|on|by|upstairs|downstairs)"
                         r"(?:\s+the)?\s+(?P<place>[a-z' ]+))?$", re.IGNORECASE)


def other_target(api_name: str, args: dict, phrase: str) -> dict | None:
    """The previous call on what `phrase` names instead ("… the kitchen lights" → "and the bedroom
    too"): its values kept, its target replaced. A phrase with no kind of device in it is a place
    (or a name the resolver reads either way), of the kind the previous call was on."""
    if api_name == "query" or not any(args.get(key) for key in TARGETS):
        return None
    kept = {key: value for key, value in args.items() if key not in TARGETS}
    if vocab.first_type_word(phrase):
        return {**kept, "device": phrase}
    # the kind it was on (a room the model wrote as the device_type is not one)
    kind = vocab.first_type_word(args.get("device_type")) or vocab.kind_of(args.get("device"))
    one = ONE_OF_KIND.match(phrase.strip())
    if one and kind and (one["named"] or "").strip() not in ("other", "another", "same"):  # "the velux one": a device of that kind; "the one in the bedroom": that kind there
        named, place = one["named"], one["place"]
        return {**kept, **({"device": f"{named} {kind}"} if named else {}), **({"area": place} if place else {}),
                "device_type": kind}
    return {**kept, "area": phrase, **({"device_type": kind} if kind else {})}
