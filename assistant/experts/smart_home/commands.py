"""The smart home's command shapes: "turn on the kitchen lights", "dim the lamp to 30 percent",
"make the porch light red", "open the garage", "it's too dark in the office". The fast router's
proposals, checked by the confirmer; None when unsure."""
from __future__ import annotations

import re

import sqlite_utils

from assistant.experts.smart_home import levels, others, vocab
from assistant.experts.smart_home.backend import HomeBackendError, read_home
from assistant.experts.smart_home.resolve import resolve_in
from assistant.experts.smart_home.store import Home
from assistant.experts.smart_home.colors import css_color
from assistant.messages import Decision, Request
from assistant.words import ARTICLE, CLAUSE_BREAK, command, is_question, quantities

NUMBER = r"(?P<n>\d{1,3}(?:\.\d)?)(?: ?%| percent| per cent| degrees?(?: celsius| centigrade| fahrenheit| c| f)?)?"
# a level said as a word ("down to half", "to full brightness") and what it means in percent
LEVEL_WORDS = {"half": 50, "halfway": 50, "full": 100, "max": 100, "maximum": 100}
LEVEL = rf"(?:{NUMBER}|(?P<w>{'|'.join(LEVEL_WORDS)}))(?: (?P<attr>brightness|volume|speed|power|temperature))?"
ATTRIBUTE = r"\b(?:volume|temperature|speed|position|brightness) ?(?:of |on |for )?"
# verbs that switch on or off with no particle ("kill the lamp", "fire up the kettle"), and verbs
# that do with one after the target ("knock the light off", "pop the telly on")
ON_VERBS = r"(?:fire up|start up|power up|flick on|pop on|put on|stick on|bang on|whack on|chuck on|throw on|activate)"
OFF_VERBS = (r"(?:kill|cut|douse|knock off|shut off|shut down|power down|power off|flick off|cut off|deactivate"
             r"|switch out|turn out|put out)")
PARTICLE_VERBS = r"(?:flick|pop|stick|bang|whack|chuck|throw|knock|shut|fire|get|turn|switch|put)"
NOT_DEVICES = re.compile(r"\b(?:timers?|alarms?|reminders?|lists?|it|them|that|this|everything|music|song|playlist|"
                         r"security|system|panel|track)\b")
VALUE_APIS = (  # which setter a "set X to N" means, by the words of the target
    (r"\b(volume|speakers?|tv|telly|television|music|radio|stereo)\b", "set_volume", "volume"),
    (r"\b(thermostat|heating|heat|temperature|degrees|ac|air conditioning)\b", "set_temperature", "temperature"),
    (r"\b(blinds?|shades?|curtains?|shutters?)\b", "set_position", "position"),
    (r"\bfans?\b", "set_fan_speed", "percentage"),
)


def _target(phrase: str) -> dict[str, str]:
    """"fan in the bedroom" → device fan, area bedroom; "kitchen lights" stays one phrase."""
    phrase = re.sub(rf"^{ARTICLE}", "", phrase.strip())
    where = re.match(r"^(?P<device>.+?) (?:in|on|at) (?:the |our |my (?!room$))?(?P<area>.+)$", phrase) \
        or re.match(r"^(?P<device>.+?) (?P<area>here|upstairs|downstairs)$", phrase)
    if where:
        return {"device": where["device"], "area": where["area"]}
    return {"device": phrase} if phrase else {}


def _home(api: str, **args) -> Decision:
    return Decision(expert="smart_home", api=api, args={k: v for k, v in args.items() if v},
                    source="router")


def _slang_on_off(text: str) -> Decision | None:
    """"kill the floor lamp", "fire up the coffee maker", "knock the hall light off",
    "get the fan going"."""
    match = (re.match(rf"^(?P<verb>{ON_VERBS}|{OFF_VERBS}) {ARTICLE}(?P<target>[a-z' ]+)$", text)
             or re.match(rf"^(?P<lead>{PARTICLE_VERBS}) {ARTICLE}(?P<target>[a-z' ]+?) (?P<verb>on|off|out|up|going|running)$", text))
    if not match or NOT_DEVICES.search(match["target"]):
        return None
    if match.groupdict().get("lead") not in (None, "fire") and match["verb"] == "up":
        return None  # "turn the heating up" is a level
    on = not re.fullmatch(OFF_VERBS + "|off|out", match["verb"])
    return _home("turn_on" if on else "turn_off", **_target(match["target"]))


def _bare_name(text: str, claimed: bool) -> Decision | None:
    """A device named with no verb ("the bedside lamp", "mirror light"; "the kettle" when the
    home has one: `claimed`): on (the action reads a name said alone for what the device is: a
    lock tells its state). Without the home's word for it, only a kind of device."""
    match = re.match(rf"^{ARTICLE}(?P<target>[a-z' ]+)$", text)
    if not match or len(match["target"].split()) > 4 or is_question(text) or NOT_DEVICES.search(text) \
            or vocab.ACTION_WORDS.search(text) or not (claimed or vocab.first_type_word(match["target"])):
        return None
    if _only_kinds(match["target"]) or css_color(match["target"].split()[-1]):
        return None  # "the lights" alone: which ones? "the lamp purple": a colour, of which?
    return _home("turn_on", **_target(match["target"]))


def _on_off(text: str) -> Decision | None:
    text = re.sub(r"^((?:turn|switch) )of ", r"\1off ", text)  # "turn of the light": a slip of "off"
    patterns = (rf"^(?:turn|switch|power|flip|put) (?P<state>on|off) {ARTICLE}(?P<target>.+)$",
                rf"^(?:turn|switch|power|flip|put) {ARTICLE}(?P<target>.+?) (?P<state>on|off)$",
                rf"^{ARTICLE}(?P<target>[a-z' ]+?) (?P<state>on|off)$")
    for pattern in patterns:
        match = re.match(pattern, text)
        if match and not re.search(r"\b(timer|alarm|reminder|list)\b", match["target"]) and not is_question(text):
            return _home("turn_on" if match["state"] == "on" else "turn_off", **_target(match["target"]))
    match = re.match(rf"^(?:(?:turn|switch|put) )?{ARTICLE}(?P<device>[a-z' ]+?) (?P<state>on|off) "
                     rf"(?:(?:down|up|out|over|in|right) )?(?P<where>here|downstairs|upstairs)$", text)
    if match:  # "lights on down here", "turn the lamps off upstairs"
        area = "here" if match["where"] == "here" else match["where"]
        return _home("turn_on" if match["state"] == "on" else "turn_off", device=match["device"], area=area)
    match = re.match(rf"^(?:(?:turn|switch|put|power|flip) )?{ARTICLE}(?P<device>[a-z' ]+?) (?P<state>on|off) "
                     rf"(?:in|on) (?:the )?(?P<area>[a-z' ]+)$", text)
    if match:  # "lights off in the living room"
        return _home("turn_on" if match["state"] == "on" else "turn_off", device=match["device"], area=match["area"])
    match = re.match(r"^(?:start|run) (?:the |my )?(?P<device>[a-z' ]+)$", text)
    if match and not re.search(r"\b(timer|alarm|reminder|list|music|playlist)\b", match["device"]):
        return _home("turn_on", device=match["device"])  # "start the dishwasher"
    return None


# what a device is for, said instead of it: what it makes, or warms → the word of the device's name
MAKES = {"coffee": "coffee", "espresso": "coffee", "latte": "coffee", "cappuccino": "coffee",
         "tea": "kettle", "cuppa": "kettle", "toast": "toaster"}
WARMS = {"towels": "towel", "towel": "towel"}
_SERVING = r"(?:(?:a|an|some|the|my|our|fresh|hot|nice|quick|cup of|mug of|pot of|brew of|round of|slice of) )*"


def _purpose(text: str) -> Decision | None:
    """"make some coffee", "brew me a latte", "put a pot of coffee on", "warm the towels up", "get
    the towels warm": what a device makes or warms, said for the device (coffee → the coffee maker,
    towels → the towel rail; the car charged → the charger), which is switched on. The resolver finds the
    home's device of that word."""
    made = (re.match(rf"^(?:make|brew|fix|put on|start) (?:me |us )?{_SERVING}(?P<thing>{'|'.join(MAKES)})"
                     rf"(?: going| on| started| brewing)?$", text)
            or re.match(rf"^(?:put|get|start) {_SERVING}(?P<thing>{'|'.join(MAKES)}) (?:on|going|started|brewing)$", text))
    if made:
        return _home("turn_on", device=MAKES[made["thing"]])
    warmed = (re.match(r"^(?:warm|heat|dry) (?:up )?(?:the |my |our |some )?(?P<thing>towels?)(?: up)?$", text)
              or re.match(r"^(?:get|make) (?:the |my |our |some )?(?P<thing>towels?) (?:warm|hot|warmed up|heated up|dry)$",
                          text))
    if warmed:
        return _home("turn_on", device=WARMS[warmed["thing"]])
    charged = re.match(r"^(?:charge|start charging|plug in|plug|put|get) (?:the |my |our )?(?:car|ev|electric car|tesla)"
                       r"(?: on charge| on to charge| charging| to charge| in)?$", text)
    return _home("turn_on", device="charger") if charged else None  # "charge the car": the home's charger


def device_for_purpose(text: str | None) -> str | None:
    """The device word the words ask for by its purpose ("charge the car": "charger"), or None."""
    asked = _purpose(quantities(command(text or "")))
    return asked.args.get("device") if asked is not None else None


def serves_purpose(db: sqlite_utils.Database, text: str) -> bool:
    """Whether the words ask for what a device of the home is for ("charge the car", "make some
    coffee") and the home has it: the home's, whatever else the words sound like."""
    device = device_for_purpose(text)
    if device is None:
        return False
    try:
        return bool(resolve_in(read_home(db), device).device_ids)
    except HomeBackendError:
        return False


def _dark(text: str) -> Decision | None:
    """"it's too dark in the office" / "it's dark in here" / "i can't see a thing in the hall":
    the lights of that room."""
    match = re.match(r"^(?:(?:(?:it's|it is|its) )?(?:(?:too|so|very|really|pretty|a bit|kind of|sort of|way too) )?(?:dark|gloomy)"
                     r"|why (?:is it |it's |its )?(?:so|this|that) (?:dark|gloomy)"  # "why so dark in here"
                     r"|(?:i )?(?:can't|cant|cannot|can not) see (?:anything|a thing)) "
                     r"(?:in|at) (?:the |my )?(?P<area>[a-z' ]+)$", text)
    return _home("turn_on", area=match["area"], device_type="light") if match else None


SET_VERBS = (r"(?:dim|brighten|set|turn|put|change|bring|take|make|get|move|heat|warm|cool|adjust|increase|decrease|"
             r"raise|lower|reduce|boost|drop)")
HEAT_VERBS = ("heat", "warm", "cool")


def _set_value(text: str) -> Decision | None:
    """"set the lamp to 40", "bring the speaker up to 60", "the tv down to half", "fan speed 25
    percent", "heat the house up to 22" (the verb says what is set when the target does not)."""
    match = (re.match(rf"^(?:(?P<verb>{SET_VERBS}) )?{ARTICLE}(?P<target>[a-z' ]+?)(?: up| down)? (?:to|too|at) {LEVEL}$", text)  # "too": a slip of "to"
             or re.match(rf"^(?P<verb>put|turn|set) {ARTICLE}(?P<target>[a-z' ]+?) on (?P<w>{'|'.join(LEVEL_WORDS)})$", text)
             or re.match(rf"^(?:(?P<verb>put|turn|set) )?{ARTICLE}(?P<target>[a-z' ]*?\b(?:fan|fans|cooler)) on (?P<n>\d+)"
                         rf"(?: too| as well| also)?$", text)  # "the ceiling fan on 2": its regulator's speed
             or re.match(rf"^(?P<verb>){ARTICLE}(?P<target>[a-z' ]+? (?:volume|speed|brightness|temperature)) {NUMBER}$", text)
             or _level_after_name(text))
    if not match or NOT_DEVICES.search(match["target"]) or vocab.ACTION_WORDS.search(match["target"]) \
            or re.search(r"\b(?:by|me|us)\b|\b(?:on|off)$", match["target"]):
        return None  # "put the kettle on at 7", "wake me at 7": not a level
    target = match["target"]
    if match["verb"] not in ("dim", "brighten", "set", "turn", "put", "change", "adjust", *HEAT_VERBS) \
            and not vocab.first_type_word(target) and not re.search(ATTRIBUTE, target):
        return None  # no verb of levels, no kind of device: unsure
    value = LEVEL_WORDS[match["w"]] if match.groupdict().get("w") else float(match["n"])
    value = int(value) if float(value).is_integer() else value
    said_attr = match.groupdict().get("attr") or ""
    for words, api, key in VALUE_APIS:
        if re.search(words, target) or re.search(words, said_attr) or re.search(words, text.split(" to ")[-1]):
            return _home(api, **{key: value}, **_target(re.sub(ATTRIBUTE, "", target).strip()))
    if "climate" in _domains(target) and "light" not in _domains(target):  # "the mini split to 68", "the heater to 22"
        return _home("set_temperature", temperature=value, **_target(target))
    if match["verb"] in HEAT_VERBS:  # "heat the house up to 22", "warm the hallway to 21": a place's heating
        return _home("set_temperature", temperature=value, **({} if target in vocab.WHOLE_HOME else {"area": target}))
    return _home("set_brightness", brightness=value, **_target(re.sub(ATTRIBUTE, "", target).strip()))


def _level_after_name(text: str) -> re.Match | None:
    """"mini split 68", "kitchen lights 40 percent": a kind of device with a level and no verb; a
    thermostat's any, another's from 10 (a small number after a name may be part of it: "lamp 2")."""
    match = re.match(rf"^(?P<verb>){ARTICLE}(?P<target>[a-z' ]+?) {NUMBER}$", text)
    if not match or not _domains(match["target"]) & {"climate", "light", "media_player", "cover"} \
            or re.search(r"\b(?:up|down|by|more|less|to|at|on|off|for|in|the|my|our)\b", match["target"]):
        return None  # "the porch light down 25 percent" is a change; "drop the thermostat 2 degrees" has a verb
    return match if "climate" in _domains(match["target"]) or float(match["n"]) >= 10 else None


def _air_level(text: str) -> Decision | None:
    """"make it 22 degrees in here", "get the house to 21 degrees", "i want it at 20 degrees in the
    bedroom": the air's temperature, so the heating's (degrees said, the place's thermostat)."""
    match = re.match(r"^(?:make|get|have|set|keep|i want|i'd like|we want) (?:it|things|the (?:house|home|place|room|flat))"
                     r"(?: to| at)? (?P<n>\d{1,2}(?:\.\d)?) degrees?(?: celsius| c)?"
                     r"(?: (?:in|on|at) (?:the |our |my (?!room\b))?(?P<area>[a-z' ]+?))?$", text)
    if not match:
        return None
    value = float(match["n"])
    area = match["area"] if match["area"] not in (None, "here", *vocab.WHOLE_HOME) else None
    return _home("set_temperature", temperature=int(value) if value.is_integer() else value,
                 **({"area": area} if area else {"device_type": "thermostat"}))


def _relative(text: str) -> Decision | None:
    """"turn the speaker down by 10", "heat up 2 degrees", "kitchen lights up 20 percent"."""
    match = re.match(rf"^(?:(?:turn|put|bump|crank|nudge|knock|bring|move|take) )?{ARTICLE}(?P<target>[a-z' ]+?) "
                     rf"(?P<way>up|down) (?:by )?(?:another )?{NUMBER}$", text) \
        or re.match(rf"^(?:turn|put|bump|crank|nudge|knock|bring|move|take) (?P<way>up|down) {ARTICLE}(?P<target>[a-z' ]+?) "
                    rf"(?:by )?{NUMBER}$", text)
    if not match:
        return None
    delta = float(match["n"]) * (1 if match["way"] == "up" else -1)
    delta = int(delta) if delta.is_integer() else delta
    target = match["target"]
    for words, _, key in VALUE_APIS:
        if re.search(words, target) or re.search(r"\bdegrees?\b", text) and key == "temperature":
            target = re.sub(r"\b(volume|temperature|speed|position) ?(of )?", "", target).strip()
            return _home("adjust", attribute=key, delta=delta, **_target(target))
    return _home("adjust", attribute="brightness", delta=delta, **_target(re.sub(r"\bbrightness ?(of )?", "", target)))


UP_VERBS = r"(?:brighten|raise|increase|boost|bump up|turn up|crank up|up)"
DOWN_VERBS = r"(?:dim|lower|drop|reduce|decrease|turn down|knock down|bring down|take down)"
COMPARATIVES = {"warmer": "temperature", "hotter": "temperature", "cooler": "temperature", "colder": "temperature",
                "brighter": "brightness", "dimmer": "brightness", "darker": "brightness",
                "louder": "volume", "quieter": "volume", "softer": "volume"}


def _relative_verb(text: str) -> Decision | None:
    """"dim the lamp by 30", "drop the thermostat 2 degrees", "bump the heating up by 2", "make it
    warmer by 3 degrees": the verb (or comparative) says which way; an amount with "by" or degrees."""
    match = re.match(rf"^(?P<verb>{UP_VERBS}|{DOWN_VERBS}|bump|nudge|crank) {ARTICLE}(?P<target>[a-z' ]+?)"
                     rf"(?: (?P<way>up|down))? (?:(?:by )(?P<n>\d{{1,3}}(?:\.\d)?)(?: ?%| percent| degrees?)?"
                     rf"|(?P<m>\d{{1,2}}(?:\.\d)?) degrees?)$", text)
    if match and not NOT_DEVICES.search(match["target"]):
        verb, way = match["verb"], match["way"]
        if way is None and re.fullmatch(UP_VERBS + "|" + DOWN_VERBS, verb):
            way = "up" if re.fullmatch(UP_VERBS, verb) else "down"
        if way is None or re.fullmatch(UP_VERBS, verb) and way == "down" or re.fullmatch(DOWN_VERBS, verb) and way == "up":
            return None
        amount = float(match["n"] or match["m"])
        return _adjusted(match["target"], amount if way == "up" else -amount, "degree" in text)
    match = re.match(rf"^make {ARTICLE}(?P<target>[a-z' ]+?) (?P<cmp>{'|'.join(COMPARATIVES)}) by {NUMBER}$", text)
    if not match:
        return None
    up = match["cmp"] in ("warmer", "hotter", "brighter", "louder")
    amount = int(match["n"]) * (1 if up else -1)
    target = "" if match["target"] in ("it", "things") else match["target"]
    if target and NOT_DEVICES.search(target):
        return None
    attribute = COMPARATIVES[match["cmp"]]
    if not target and attribute == "temperature":  # "make it warmer": the room's air, the heating's to change
        return _home("adjust", attribute=attribute, delta=amount, device_type="thermostat")
    return _home("adjust", attribute=attribute, delta=amount, **_target(target))


def _step_change(text: str) -> Decision | None:
    """"turn the heating up", "turn down the tv", "dim the chandelier": one step (the level's own
    default) the way the words say; "a bit" is a step too."""
    match = (re.match(rf"^(?:turn|crank|bump|nudge|put) (?P<way>up|down) {ARTICLE}(?P<target>[a-z' ]+?)(?P<rest>{_A_BIT})$", text)
             or re.match(rf"^(?:turn|crank|bump|nudge|put) {ARTICLE}(?P<target>[a-z' ]+?) (?P<way>up|down)(?P<rest>{_A_BIT})$", text)
             or re.match(rf"^(?P<way>dim|brighten) {ARTICLE}(?P<target>[a-z' ]+?)(?P<rest>{_A_BIT})$", text))
    if not match or NOT_DEVICES.search(match["target"]) or COVERS.search(match["target"]) \
            or re.search(r"\b(?:by|to|on|off|up|down)\b", match["target"]):
        return None
    up = match["way"] in ("up", "brighten")
    decision = _adjusted(match["target"], 1.0 if up else -1.0, False)
    if match["way"] in ("dim", "brighten") and decision.args["attribute"] != "brightness":
        return None  # "dim the speaker": not a level that dims
    step = levels.step(decision.args["attribute"])
    return _home("adjust", **{**decision.args, "delta": int(step if up else -step)})


_A_BIT = r"(?: a (?:bit|little|touch|notch)(?: more)?| slightly)?"


def _adjusted(target: str, delta: float, degrees: bool) -> Decision:
    delta = int(delta) if delta.is_integer() else delta
    for words, _, key in VALUE_APIS:
        if re.search(words, target) or degrees and key == "temperature":
            return _home("adjust", attribute=key, delta=delta, **_target(re.sub(ATTRIBUTE, "", target).strip()))
    return _home("adjust", attribute="brightness", delta=delta, **_target(re.sub(ATTRIBUTE, "", target).strip()))


def _colour(text: str) -> Decision | None:
    """"make the lamp red"; "night light purple" (a device named by more than its kind, then a colour)."""
    match = re.match(rf"^(?:make|turn|set|change|paint) {ARTICLE}(?P<rest>.+)$", text)
    verbless = match is None and not vocab.ACTION_WORDS.search(text) and not is_question(text)
    match = match or (re.match(rf"^{ARTICLE}(?P<rest>[a-z' ]+)$", text) if verbless else None)
    words = match["rest"].split() if match else []
    for size in (2, 1):  # "light blue" before "blue"
        if len(words) > size and css_color(" ".join(words[-size:])):
            target = re.sub(r" (?:to|in|into)$", "", " ".join(words[:-size]))
            if verbless and (not vocab.first_type_word(target) or _only_kinds(target)):
                continue
            return _home("set_color", color=" ".join(words[-size:]), **_target(target))
    return None


def _only_kinds(phrase: str) -> bool:
    """"the lights", "lamp": kinds of device, no name."""
    return all(vocab.type_word(w)[0] or w in vocab.QUANTIFIERS for w in phrase.split())


COVERS = re.compile(r"\b(?:blinds?|shades?|shutters?|awnings?)\b")
CURTAINS = re.compile(r"\b(?:curtains?|drapes?)\b")


def _open_close_lock(text: str) -> Decision | None:
    """"open the garage", "lock the back door"; "unlock the front door", "disarm the alarm" need a
    yes, so their proposal is the question, asked at once (`routing.ask_early`)."""
    match = re.match(rf"^(?P<verb>open|close|shut|lock|unlock|disarm|lower|raise|draw(?: back)?) {ARTICLE}"
                     rf"(?P<target>.+?)(?P<back> back)?$", text)
    if not match or match["verb"] in ("lower", "raise", "draw", "draw back") \
            and not (COVERS.search(match["target"]) or CURTAINS.search(match["target"])):
        return None  # "lower the blinds" closes them; "lower the lamp" is a level
    if match["verb"].startswith("draw"):  # "draw the curtains" closes them; "draw them back" opens them
        return _home("open" if vocab.cover_direction(text) == "open" else "close", **_target(match["target"]))
    if match["back"]:
        return None
    api = {"open": "open", "close": "close", "shut": "close", "lock": "lock", "unlock": "unlock", "disarm": "disarm",
           "lower": "close", "raise": "open"}[match["verb"]]
    return _home(api, **_target(match["target"]))


STATES = (r"(?:(?:switched|turned|left|still|already) )?(?:on|off|open|opened|closed|shut|locked|unlocked|running|"
          r"playing|paused|heating|working)")
NOW = r"(?: (?:right now|just now|just|now|at the moment|at present|currently|still|yet|at all|today))?"
ANYTHING = r"(?:anything|something|everything|any lights?|any devices?)"


def _state_question(text: str) -> Decision | None:
    """A question about the home's state, answered by reading it (nothing changes): "is the garage
    door open", "are the blinds still closed", "which lights are on right now", "what's on
    upstairs", "is anything on in the kitchen", "what's the temperature in the hall"."""
    where = r"(?: (?:in|on|at|upstairs|downstairs)(?: (?:the |our |my (?!room\b))?(?P<area>[a-z ]+?))?)?"
    match = re.match(rf"^(?:is|are) {ARTICLE}(?P<target>[a-z ]+?) {STATES}{NOW}$", text)
    if match and not re.match(ANYTHING, match["target"]) and not NOT_DEVICES.search(match["target"]):
        return _home("query", **_target(match["target"]))  # "is the tv on": the query tells, or asks which
    match = (re.match(rf"^(?:is|are) (?:there )?{ANYTHING} {STATES}{where}{NOW}$", text)
             or re.match(rf"^(?:what's|what is|whats|what) (?:still )?{STATES}{where}{NOW}$", text))
    if match:
        area = match.group("area") or ("" if not re.search(r"\b(upstairs|downstairs)\b", text)
                                       else re.search(r"\b(upstairs|downstairs)\b", text)[1])
        return _home("query", **({} if area in vocab.WHOLE_HOME else {"area": area}))
    match = re.match(rf"^(?:which|what) (?P<kind>[a-z ]+?) (?:are|is) {STATES}{where}{NOW}$", text)
    if match and vocab.first_type_word(match["kind"]) and not NOT_DEVICES.search(match["kind"]):
        area = match.group("area") or ""
        return _home("query", device_type=match["kind"], **({} if area in vocab.WHOLE_HOME else {"area": area}))
    match = re.match(rf"^(?:what's|what is|whats|how warm is it|how cold is it)(?: the)? (?P<attr>temperature|humidity)?"
                     rf"(?: (?:in|of) (?:the |our |my (?!room\b))?(?P<area>[a-z ]+?))?{NOW}$", text)
    if match and match["attr"] and match["area"]:
        return _home("query", device=match["attr"], **({} if match["area"] in vocab.WHOLE_HOME else {"area": match["area"]}))
    return _outside(text)


def asks_outside(text: str) -> bool:
    """Whether a clause of the words asks how warm it is outside ("sorry to bother you, but how cold
    is it out there?", "is it still 40 out there")."""
    clauses = [command(part) for part in CLAUSE_BREAK.split(text)]
    return any(_outside(re.sub(r"^(?:(?:but|and|so|oh|hey|ok|okay) )+", "", quantities(words))) for words in clauses if words)


def _outside(text: str) -> Decision | None:
    """"how cold is it outside", "what's the temperature outdoors": the home's outdoor temperature
    sensor (a home without one finds nothing, and the confirmer decides)."""
    match = re.match(rf"^(?:how (?:cold|warm|hot|chilly|mild|freezing) is it|(?:what's|what is|whats) the temperature"
                     rf"|how's the temperature|what temperature is it) (?:outside|outdoors|out there|out){NOW}$", text) \
        or re.match(r"^is it (?:still |really |getting |already )?(?:hot|cold|warm|chilly|freezing|(?:(?:under|over|above|below"
                    r"|around|about|at least|less than|more than|in the|a) )?\d{1,3}s?(?: degrees)?)"
                    r"(?: (?:outside|outdoors|out there|out))(?: (?:still|yet|now|right now|today))?(?: or what| or not)?$", text)
    return _home("query", device="outside temperature") if match else None


def propose(request: Request) -> Decision | None:
    """A command shape's proposal, read in the one clause that holds it ("kill the lights, going
    to lunch" is no device "lights going to lunch"): with several clauses, only when the others are
    a word or two of no device; never with a phrase no name could be (`_a_name`)."""
    if vocab.PAST_QUESTION.search(request.text):  # what a thing did: the events', not a state
        return None
    clauses = [words for part in CLAUSE_BREAK.split(request.text) if (words := command(part))]
    if len(clauses) <= 1:
        return _named(_shape(request.words, request.claimed))
    shaped = [(words, _named(_shape(words, False))) for words in clauses]
    found = [decision for _, decision in shaped if decision is not None]
    rest = [words for words, decision in shaped if decision is None]
    aside = all(len(words.split()) <= 2 and not vocab.first_type_word(words) and not re.search(r"\d", words)
                or STORY.search(words) and not vocab.ACTION_WORDS.search(words)  # "…, the plumber is due"
                or found and found[0].api == "query" and not vocab.ACTION_WORDS.search(words)  # a question's story
                for words in rest)
    return found[0] if len(found) == 1 and aside else None


# a clause that tells rather than asks: a verb of being or having, or a subject's own ("it's", "we're")
STORY = re.compile(r"\b(?:is|are|was|were|am|has|have|had|will|won't|isn't|aren't|wasn't|been)\b|'(?:s|re|m|ve|ll|d)\b")
# words no device, kind or place phrase has: a clause's pronouns, auxiliaries and links, and a time
NOT_A_NAME = re.compile(r"\b(?:is|are|was|were|be|can|could|would|will|should|you|ya|it|its|it's|they|we|i|i'm|shut|turn|"
                        r"going|gonna|always|because|cause|since|if|when|while|then|please|minutes?|mins?|hours?|"
                        r"hrs?|seconds?|o'clock|am|pm|tonight|tomorrow)\b")


POINTERS_ALONE = frozenset({"that", "this", "those", "these", "them", "em", "one", "ones", "that one", "this one"})


def _named(decision: Decision | None) -> Decision | None:
    """The decision, if each of its device, kind and place phrases could name one."""
    if decision is None:
        return None
    phrases = [decision.args.get(key) for key in ("device", "area", "device_type")]
    return None if any(isinstance(p, str) and (NOT_A_NAME.search(p) or p.strip() in POINTERS_ALONE) for p in phrases) \
        else decision


def _shape(words: str, claimed: bool) -> Decision | None:
    text = re.sub(r"^(?:(?:yo|hey|right|okay|ok|but|and|so) )+", "", quantities(words))  # numbers as digits
    return _state_question(text) or _purpose(text) or _mode(text) or _slang_on_off(text) or _on_off(text) \
        or _set_value(text) \
        or _air_level(text) or _relative(text) or _relative_verb(text) \
        or _colour(text) or _open_close_lock(text) or _step_change(text) or _dark(text) \
        or _bare_name(text, claimed)


# a climate mode as said, and its name (`setters.set_hvac_mode`)
MODES = {"heat": "heat", "heating": "heat", "cool": "cool", "cooling": "cool", "auto": "auto", "automatic": "auto",
         "dry": "dry", "dehumidify": "dry", "dehumidifying": "dry", "fan only": "fan_only", "fan": "fan_only"}
_MODE = "|".join(sorted(MODES, key=len, reverse=True))


def _mode(text: str) -> Decision | None:
    """"put the mini split on dry mode", "set the heat pump to fan only", "switch the AC to cooling":
    a mode, said as one ("… mode"), or one no level has (dry, fan only), or of a thermostat or AC."""
    match = re.match(rf"^(?:set|put|switch|turn|change|make) {ARTICLE}(?P<target>[a-z' ]+?) (?:to|on|in|into|onto) "
                     rf"(?:the )?(?P<mode>{_MODE})(?P<said> mode)?$", text)
    if not match or not (match["said"] or MODES[match["mode"]] in ("dry", "fan_only")
                         or "climate" in _domains(match["target"])):
        return None
    return _home("set_hvac_mode", mode=MODES[match["mode"]], **_target(match["target"]))


def _domains(phrase: str) -> frozenset[str]:
    """The domains of the first kind of device the phrase names."""
    return vocab.kind_domains(vocab.first_type_word(phrase))


TARGETS = ("device", "area", "device_type")


ONE_OF_KIND = re.compile(r"^(?:the |my |that )?(?P<named>[a-z' ]+?)?\s*\bones?\b(?:\s+(?:(?:out|up|down|over|back)\s+)?(?:in|on|by|upstairs|downstairs)"
                         r"(?:\s+the)?\s+(?P<place>[a-z' ]+))?$", re.IGNORECASE)


def _kind_meant(args: dict) -> str | None:
    """The kind the previous call was on: the kind written ("the lights in the office" acted on its
    lamp: lights), unless the device acted on is of another domain (a fan written as a "switch")."""
    written, own = vocab.first_type_word(args.get("device_type")), vocab.kind_of(args.get("device"))
    domains = [vocab.kind_domains(k) for k in (written, own) if k]
    if written and own and len(domains) == 2 and all(domains) and not domains[0] & domains[1]:
        return own
    return written or own


THERE = re.compile(r"\s+(?:in |out |over |up |down )?there$", re.IGNORECASE)
_WHOSE = re.compile(r"^(?:the\s+)?(?:her|his|their)\s+(?=\w)", re.IGNORECASE)
_OWNER = re.compile(r"\b([a-z][\w-]*)(?:'s|s')(?=\s)", re.IGNORECASE)


def _whose(phrase: str, args: dict) -> str:
    """"her fan", "his lamp": the fan of the person whose thing the previous call named
    ("Grandma's Radio": Grandma's fan); the phrase as it is when it named nobody's."""
    owner = next((found.group(0) for key in ("device", "area") if args.get(key)
                  for found in [_OWNER.search(f"{args[key]} ")] if found), None)
    return _WHOSE.sub(f"{owner} ", phrase) if owner and _WHOSE.match(phrase) else phrase


def _area_of(db: sqlite_utils.Database, args: dict) -> str | None:
    """The room of the device(s) the previous call acted on, if they are all in one."""
    try:
        return _area_in(read_home(db), args)
    except HomeBackendError:
        return None


def _area_in(home: Home, args: dict) -> str | None:
    """`_area_of`, in a home already read."""
    found = resolve_in(home, args.get("device"), args.get("area"), args.get("device_type"))
    devices = [d for d in home.devices if d.id in found.device_ids]
    areas = {d.area_id for d in devices}
    area = home.area(areas.pop()) if len(areas) == 1 and None not in areas else None
    return area.name if area else None


def _in_the_same_room(db: sqlite_utils.Database, args: dict, phrase: str) -> str | None:
    """The ids of what `phrase` names in the previous call's room, when the home has more than one
    of it and that room has it ("the bedside lamp in the bedroom", then "no, I meant the ceiling
    fan": the bedroom's, not another room's); None when the phrase names one thing of the home
    ("and the thermostat", wherever the last call was) or the room has none ("no, the kitchen light")."""
    try:
        home = read_home(db)
    except HomeBackendError:
        return None
    place = args.get("area") or _area_in(home, args)
    if not place or not resolve_in(home, phrase).problem:
        return None
    found = resolve_in(home, phrase, place)
    return ",".join(found.device_ids) if found.device_ids and not found.problem else None


def other_target(api_name: str, args: dict, phrase: str, db: sqlite_utils.Database | None = None) -> dict | None:
    """The previous call on what `phrase` names instead ("… the kitchen lights" → "and the bedroom
    too"): its values kept, its target replaced. A phrase with no kind of device in it is a place
    (or a name the resolver reads either way), of the kind the previous call was on; "the other
    one" is the one other device of its kind (`others.the_other`, read in the home in `db`). A
    colour named after a colour was set is the colour meant instead."""
    if api_name == "query" or not any(args.get(key) for key in TARGETS):
        return None
    if args.get("color") and css_color(phrase) is not None:  # "no, light blue": the colour meant instead
        return {**args, "color": re.sub(r"^(?:the|a)\s+", "", phrase.strip(), flags=re.IGNORECASE)}
    kept = {key: value for key, value in args.items() if key not in TARGETS}
    phrase = re.sub(r"\s*,\s*", " ", phrase)  # "the other one, in the dining"
    phrase = _whose(phrase, args)  # "and her fan" after Grandma's radio: Grandma's fan
    there = THERE.search(phrase)
    place = (args.get("area") or _area_of(db, args)) if there and db is not None else None
    if place and vocab.first_type_word(phrase[:there.start()]):  # "and the radio in there": the radio there
        return {**kept, "device": phrase[:there.start()].strip(), "area": place}
    if others.names_other(phrase) and (placed := re.sub(r"\bother\s+", "", phrase, count=1)) != phrase \
            and (one := ONE_OF_KIND.match(placed.strip())) and one["place"]:
        phrase = placed  # "the other one in Ama's room": the one there, whatever the other one would be
    if others.names_other(phrase):
        other = others.the_other(db, args, phrase) if db is not None else None
        return {**kept, "device": other} if other else None
    if vocab.first_type_word(phrase):
        there = _in_the_same_room(db, args, phrase) if db is not None else None
        return {**kept, "device": there or phrase}
    # the kind it was on (a room the model wrote as the device_type is not one)
    kind = _kind_meant(args)
    one = ONE_OF_KIND.match(phrase.strip())
    if one and one["named"] and not kind and args.get("device") and len(vocab.tokens(args["device"])) > 1:
        kind = vocab.tokens(args["device"])[-1]  # "the back door", then "the front one": the front door
    if one and kind and (one["named"] or "").strip() not in ("other", "another", "same"):  # "the velux one": a device of that kind; "the one in the bedroom": that kind there
        named, place = one["named"], one["place"]
        return {**kept, **({"device": f"{named} {kind}"} if named else {}), **({"area": place} if place else {}),
                "device_type": kind}
    return {**kept, "area": phrase, **({"device_type": kind} if kind else {})}
