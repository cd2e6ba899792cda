"""A deterministic proposer for the most common command shapes (no model, well under a millisecond).

It proposes expert, API and arguments for phrasings like "turn on the kitchen lights", "dim the
lamp to 30 percent", "pasta timer for 12 minutes", "add eggs and bread to the shopping list",
"remind me at 5pm to call mom", "what are my reminders", "read my notifications", "remember
that …". Anything it is unsure of returns None and waits for the
confirmer; what it proposes is still checked by the confirmer (speculation), never trusted alone
unless a measured rule says so.
"""
from __future__ import annotations

import re
from typing import Callable

from assistant.messages import Decision
from assistant.routing.fastpath import normalise
from assistant.timeparse import TimeParseError, extract_time_phrase, parse_duration, parse_when
from assistant.experts.smart_home.colors import css_color

ARTICLE = r"(?:(?:the|my|our|a|an|all(?: of)?(?: the)?) )?"
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
    match = re.match(rf"^{ARTICLE}(?P<device>[a-z ]+?) (?P<state>on|off) (?:in|on) (?:the )?(?P<area>[a-z ]+)$", text)
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


QUESTION = re.compile(r"^\W*(?:what|which|who|whose|where|when|why|how|is|are|am|was|were|do|does|did|"
                      r"can|could|will|would|should|has|have|had|any|anything)\b(?!['\u2019]t\b)|\?\s*$",
                      re.IGNORECASE)


def is_question(text: str) -> bool:
    """Whether the words ask something (a question word or auxiliary first, or a question mark)."""
    return bool(QUESTION.search(text))


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


def _timer(text: str) -> Decision | None:
    unit = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)"
    match = (re.match(r"^(?:set|start|begin|create)? ?(?:a |an |the |my )?(?:(?P<name>[a-z]+) )?timer (?:for )?(?P<d>.+)$",
                      text)
             or re.match(rf"^(?:set|start|begin) (?:a |an )?(?P<d>.+?{unit})(?: (?P<name>[a-z]+))? timer$", text))
    if not match:
        return None
    try:
        parse_duration(match["d"])
    except TimeParseError:
        return None
    name = match["name"] if match["name"] not in (None, "a", "an", "the", "new", "second", "minute", "hour") else None
    args = {"duration": match["d"], **({"name": name} if name else {})}
    return Decision(expert="timers", api="start", args=args, source="router")


def _list_add(text: str) -> Decision | None:
    match = re.match(r"^(?:add|put|stick) (?P<items>.+?) (?:to|on|onto) (?:the |my |our )?(?P<list>[a-z ]+?)(?: list)?$", text)
    if not match:
        return None
    return Decision(expert="lists", api="add", args={"items": _items(match["items"]), **_list_name(match["list"])},
                    source="router")


def _reminder(text: str, now) -> Decision | None:
    match = re.match(r"^(?P<before>.*?)\s*remind me (?P<rest>.+)$", text)
    when = extract_time_phrase(text) if match else None
    if not when:
        return None
    try:
        parse_when(when, now)
    except TimeParseError:
        return None
    rest = re.sub(r"\s+", " ", f"{match['before']} {match['rest']}".replace(when, " ")).strip()
    rest = re.sub(r"^(?:to|that|about) ", "", rest)
    return Decision(expert="reminders", api="create", args={"text": rest, "when": when}, source="router") if rest else None


def _timer_status(text: str) -> Decision | None:
    if re.match(r"^how (?:much|long) (?:time )?(?:is |'s )?(?:left|remaining|to go)\b", text):
        return Decision(expert="timers", api="status", args={}, source="router")
    return None


def _list_read(text: str) -> Decision | None:
    match = re.match(r"^(?:what's|what is|whats|read me|read|tell me what's) (?:on )?(?:the |my |our )?"
                     r"(?P<list>[a-z ]+?) list$", text)
    return Decision(expert="lists", api="read", args={"list_name": match["list"]}, source="router") if match else None


def _list_remove(text: str) -> Decision | None:
    match = re.match(r"^(?:remove|take|delete|cross) (?P<items>.+?) (?:off|from|off of) (?:the |my |our )?"
                     r"(?P<list>[a-z ]+?)(?: list)?$", text)
    if not match:
        return None
    return Decision(expert="lists", api="remove", args={"items": _items(match["items"]), **_list_name(match["list"])},
                    source="router")


def _items(said: str) -> list[str]:
    """"eggs, milk and bread" → the three items."""
    return [i.strip() for i in re.split(r",| and ", said) if i.strip()]


def _list_name(said: str) -> dict[str, str]:
    """"the shopping list" names a list; "my list" means the default one."""
    return {} if said.strip() == "list" else {"list_name": said}


WHEN = r"(?: (?:for )?(?P<when>today|tomorrow|tonight|this week))?"


def _reminders_show(text: str) -> Decision | None:
    match = (re.match(rf"^(?:what are|whats|what's|show me|show|list|read me|read|tell me) (?:all )?(?:my |the )?"
                      rf"reminders{WHEN}$", text)
             or re.match(rf"^(?:what|which|any) reminders do i have{WHEN}$", text))
    if not match:
        return None
    return Decision(expert="reminders", api="show", args={"when": match["when"]} if match["when"] else {},
                    source="router")


def _notifications(text: str) -> Decision | None:
    if re.match(r"^(?:(?:what|which|any) (?:new )?notifications(?: do i have)?|(?:read|check|show) (?:me )?"
                r"(?:my )?(?:new )?notifications|do i have any (?:new )?notifications)$", text):
        return Decision(expert="notifications", api="check", args={}, source="router")
    return None


def _memory(text: str) -> Decision | None:
    """"remember that …" stores it; "where is my …", "where did i put …" ask for it. Given the
    text as said (not lower-cased): a fact keeps its names' capitals ("May 4th")."""
    text = re.sub(r"^\W+|[\s.!?]+$", "", text)
    match = re.match(r"^remember that (?P<fact>.+)$", text, re.IGNORECASE)
    if match:
        return Decision(expert="memory", api="remember", args={"fact": match["fact"]}, source="router")
    if re.match(r"^(?:where(?:'s| is| are) my|where did i (?:put|leave)) .+$", text, re.IGNORECASE):
        return Decision(expert="memory", api="recall", args={"question": text}, source="router")
    return None


RULES: dict[str, Callable[[str], Decision | None]] = {
    "smart_home": lambda t: _on_off(t) or _set_value(t) or _colour(t) or _open_close_lock(t) or _dark(t),
    "timers": lambda t: _timer(t) or _timer_status(t),
    "lists": lambda t: _list_add(t) or _list_read(t) or _list_remove(t),
    "reminders": _reminders_show,
    "notifications": _notifications,
}


POLITE = re.compile(r"^(?:(?:could|can|would|will) you |i (?:want|need|would like|'d like) you to |i want to |go ahead and |just )+|(?: for me| now| right now| thanks| thank you)+$")


def propose(text: str, expert: str | None, now) -> Decision | None:
    """A proposal for `text` within `expert` (the classifier's guess), or None."""
    normalised = POLITE.sub("", normalise(text)).strip()
    if expert == "reminders":
        return _reminder(normalised, now) or _reminders_show(normalised)
    if expert == "memory":
        return _memory(text)
    rule = RULES.get(expert or "")
    return rule(normalised) if rule else None
