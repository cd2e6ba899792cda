"""A device switched for a while: "run the sprinklers for 15 minutes", "put the fan on for an hour",
"turn the heater on until 10", "leave the porch light on till midnight".

`for_a_while(text)` reads such a command as two requests: the switch now, then the switch back at
the end ("turn the sprinklers on", "turn the sprinklers off in 15 minutes"), which the pipeline plans
as parts (assistant/several.py), the second put off (assistant/deferral.py) as any other;
"leave"/"keep" too (the state it names is made sure of now: "already on"). A timer's
duration ("start a timer for 15 minutes") and a value held a while ("the heat at 20 for an hour")
are left as said. Pure; no models.
"""
from __future__ import annotations

import re

_NUMBER = (r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
           r"thirty|forty|forty[- ]five|fifty|sixty|ninety|a couple(?: of)?|a few|half an?|another)")
DURATION = rf"(?:{_NUMBER}\s+)+(?:and a half\s+)?(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)(?:\s+and a half)?"
_UNTIL = r"(?:until|till|til|'til|up until|up till)"
_END = rf"(?:for (?:(?:like|about|around|roughly|maybe|just) )?(?P<span>{DURATION})|{_UNTIL} (?P<until>[\w:' ]+?))"
_LEAD = r"(?P<lead>(?:(?:and|so|please|ok|okay|can you|could you|would you)\s+)*)"
# what may follow: politeness, or a remark of its own ("…, we've got company", "… while I clean it")
_TAIL = r"(?:\s*[,.!?]*(?:\s*(?:please|thanks|thank you))?[.!]*|\s*,.*|\s+(?:while|so|because|cause|'cause|since)\b.*)$"
# "turn the fan on for an hour", "leave the light on till 10"; "switch off the pump until noon";
# "run the sprinklers for ten minutes", "open the vent till six"
_PARTICLE_AFTER = re.compile(rf"^{_LEAD}(?P<verb>turn|switch|put|flick|leave|keep)\s+(?P<target>.+?)\s+"
                             rf"(?P<state>on|off|running|going|open|closed|shut)\s+{_END}{_TAIL}", re.IGNORECASE)
_PARTICLE_FIRST = re.compile(rf"^{_LEAD}(?P<verb>turn|switch|put|flick)\s+(?P<state>on|off)\s+(?P<target>.+?)\s+{_END}{_TAIL}",
                             re.IGNORECASE)
_VERB_ALONE = re.compile(rf"^{_LEAD}(?P<verb>run|open|close|shut|start)\s+(?P<target>.+?)\s+{_END}{_TAIL}", re.IGNORECASE)
# what is never a device switched for a while: a timer's or a reminder's duration, music's
_NOT_A_DEVICE = re.compile(r"\b(?:timers?|alarms?|countdown|stopwatch|reminders?|music|songs?|playlist|podcast|"
                           r"radio station|program+e?|cycle|wash|errands?|bath)\b", re.IGNORECASE)
# no verb at all: "fireplace on for an hour", "porch light on till midnight"
_NO_VERB = re.compile(rf"^{_LEAD}(?!(?:is|are|was|were|do|does|did|has|have|can|could|will|would|should|how|what|when|"
                      rf"why|who|which|keep|leave|turn|switch|put)\b)(?P<target>(?:the\s+|my\s+|our\s+)?[\w' ]+?)\s+(?P<state>on|off)\s+{_END}{_TAIL}",
                      re.IGNORECASE)
_SHAPES = (_PARTICLE_AFTER, _PARTICLE_FIRST, _VERB_ALONE, _NO_VERB)
_STATE_OF = {"run": "on", "start": "on", "running": "on", "going": "on", "open": "open", "close": "closed",
             "shut": "closed", "closed": "closed", "on": "on", "off": "off"}
_SWITCH = {"on": "turn {t} on", "off": "turn {t} off", "open": "open {t}", "closed": "close {t}"}
_BACK = {"on": "off", "off": "on", "open": "closed", "closed": "open"}
_CLOCK = re.compile(r"^(?:\d|(?:midnight|noon|midday|half|quarter|one|two|three|four|five|six|seven|eight|nine|ten|"
                    r"eleven|twelve)\b)", re.IGNORECASE)


def for_a_while(text: str) -> list[str] | None:
    """The command as its requests (the switch now, and back at the end), or None when it is no
    switch held for a while."""
    said = text.strip()
    found = next((m for m in (shape.match(said) for shape in _SHAPES) if m), None)
    if found is None or _NOT_A_DEVICE.search(found["target"]):
        return None
    verb = (found.groupdict().get("verb") or "turn").lower()
    state = _STATE_OF[(found.groupdict().get("state") or verb).lower()]
    target, lead = found["target"], found["lead"]
    back = f"{lead}{_SWITCH[_BACK[state]].format(t=target)} {_when(found)}"
    return [f"{lead}{_SWITCH[state].format(t=target)}", back]


def _when(found: re.Match) -> str:
    """The end as a time clause the deferral reads: "in 15 minutes", "at 10", "tomorrow morning"."""
    if found["span"]:
        return f"in {found['span']}"
    until = found["until"].strip()
    return f"at {until}" if _CLOCK.match(until) else until
