"""The smart_home expert: a home (floors, areas, devices) controlled by phrases: the simulated home in
SQLite, or a real Home Assistant (`backend.py`, `home_assistant.py`).

The LLM names devices and places the way people say them; `resolve` maps those phrases to real
device ids deterministically and never invents one.
"""
import re
from pathlib import Path

from assistant.registry import View, build_expert
from assistant.experts.smart_home.apis import (adjust, arm, claims, close, disarm, foreign, lock, media, open, query, recast,
                                               requires_confirmation, set, turn_off, turn_on, unlock)
from assistant.experts.smart_home.backend import (HomeBackendError, attach_home, backend_for, home_status,
                                                  list_devices)
from assistant.experts.smart_home.commands import other_target, propose
from assistant.experts.smart_home.energy import reword
from assistant.experts.smart_home.home_file import HomeFileError, HomeSpec, load_home_file, parse_home
from assistant.experts.smart_home.resolve import Resolution, resolve
from assistant.experts.smart_home.setters import SETTERS, confirmation_policy, pin, preflight
from assistant.experts.smart_home.slice import routing_context
from assistant.experts.smart_home.sounds_like import vocabulary
from assistant.experts.smart_home.store import (MIGRATIONS, HomeSummary, ensure_home, home_source,
                                      home_summary, load_home)

# an alarm switched on with no time to ring at ("alarm on for the night", "turn the house alarm on")
# is the alarm panel armed; with a time, a duration or a wake-up it is the timers' alarm clock
_TIME_WORDS = (r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|noon|midnight|am|pm|"
               r"a\.m|p\.m|o'?clock|half|quarter|morning|tomorrow|today|tonight|weekdays?|weekends?|every|daily|"
               r"(?:mon|tues|wednes|thurs|fri|satur|sun)days?|wake|minutes?|hours?|timer|my alarms?|"
               r"lists?|remind(?:er)?s?|note)\b")
ALARM_ON = re.compile(rf"^(?!.*(?:{_TIME_WORDS})).*(?:\balarm (?:on|back on)\b|\b(?:turn|switch|put|flick) on the "
                      r"(?:house |home )?alarm\b|\bactivate the (?:house |home )?alarm\b"
                      # an alarm set to a mode of the panel's ("set the alarm to away", "alarm on night mode")
                      r"|\balarm (?:to|on|in|into) (?:the )?(?:away|home|stay|night|vacation|holiday)(?: mode)?\b)",
                      re.IGNORECASE)

EXPERT = build_expert(
    "smart_home",
    "control and query the lights, switches, fans, blinds, garage door, thermostat, locks, "
    "TVs, speakers and alarm system of the home",
    [turn_on, turn_off, *SETTERS, adjust, open, close, lock, unlock, arm, disarm, media, query],
    MIGRATIONS,
    confirmation_policy=confirmation_policy,
    preflight=preflight,
    pin=pin,
    recast=recast,
    routing_context=routing_context,
    capability="your home's devices",
    propose=propose,
    ellipsis=other_target,
    inferred=("device", "area", "device_type"),  # "it's dark in here" means the lights here
    # the home's alarm panel ("disarm the alarm", "turn off the security system"), never a timer's
    # alarm or the conversation (disarming asks for a yes). Words to put on a list or in a
    # reminder are data, not a request ("add disarm the alarm to the to-do list")
    cues=(re.compile(r"^(?!.*\b(?:lists?|remind(?:er)?s?|note)\b)"
                     r".*(?:\b(?:dis)?arm\b|\b(?:alarm|security) (?:system|panel)\b|\bburglar alarm\b"
                     r"|\balarm (?:to|on|in|into) (?:away|home|stay|night|vacation)\b)", re.IGNORECASE),
          ALARM_ON),
    services={"list_devices": list_devices, "load_home": load_home, "load_home_file": load_home_file,
              "ensure_home": ensure_home, "attach_home": attach_home, "home_backend": backend_for,
              "home_status": home_status},
    views=(View("devices", "The devices of the home and their states.", lambda db, now: list_devices(db),
                ("id", "name", "area", "state", "attributes")),),
    examples=Path(__file__).with_name("examples.jsonl"),
    vocabulary=vocabulary,
    claims=claims,
    foreign=foreign,
    reword=reword,
)

__all__ = ["EXPERT", "HomeBackendError", "HomeFileError", "attach_home", "backend_for", "HomeSpec", "HomeSummary", "Resolution", "ensure_home",
           "home_source", "home_summary", "list_devices", "load_home", "load_home_file",
           "parse_home", "requires_confirmation", "resolve"]
