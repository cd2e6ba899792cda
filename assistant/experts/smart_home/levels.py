"""What the user's words say about a level, beyond the number the model wrote.

"the lowest" is the lowest level that is still on (a light at 1%, not off), "max", "full blast" and
"highest" the top of the scale (a thermostat's own `max_temp`), "halfway" 50, "a couple of degrees"
2, and a way to go with no amount ("dim the lights", "a bit warmer", "it's too dark") one default
step. A 0 the user never said as "0" or "off" is the lowest on-level. Numbers the user did say
always stand; a level the user gave no word for is not guessed (`Level.unsaid`: ask). Pure functions of the utterance, table-tested.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from typing import Any

from assistant.experts.smart_home import vocab
from assistant.words import normalise, quantities, said_number

DEFAULT_STEP = 10.0  # points of a percent scale for "a bit", "crank it up"
DEFAULT_TEMPERATURE_STEP = 1.0  # degrees
ON_LEVELS = ("brightness", "volume", "percentage")  # scales whose 0 is "off" (or silent)

LOWEST = re.compile(r"\b(?:lowest|minimum|dimmest|darkest|quietest|softest|slowest|coolest|coldest|least)\b"
                    r"|(?<!\d )\bmin\b|\ball the way (?:down|closed|shut)\b|\bfully (?:closed|shut)\b|\bas (?:low|dim|quiet|soft|slow|cool|cold) as\b")
HIGHEST = re.compile(r"\b(?:max|maximum|maxed|highest|brightest|loudest|fastest|hottest|warmest)\b"
                     r"|\bfull (?:blast|power|brightness|volume|speed|whack|tilt|heat)\b|\b(?:to|at|on) full\b"
                     r"|\ball the way (?:up|open)\b|\b(?:fully|wide) open\b|\bas (?:high|bright|loud|fast|warm|hot) as\b"
                     r"|\btop (?:speed|level|setting|volume|brightness)\b|\b(?:full|fully|super|extra) bright\b")
# a fan's speeds said as words: "on high", "low speed" ("medium" is HALFWAY)
SPEED_HIGH = re.compile(r"\b(?:on|to|at|in) high\b|\bhigh (?:speed|setting|power)\b")
SPEED_LOW = re.compile(r"\b(?:on|to|at|in) low\b|\blow (?:speed|setting|power)\b")
HALFWAY = re.compile(r"\bhalf(?:way)?\b(?! (?:an? |past )?(?:hour|minute|second|past))|\bmidway\b|\bmedium\b")
# part of the scale said as a fraction: "to a quarter", "at three quarters", "two thirds of the way"
FRACTION = re.compile(r"\b(?:(?:to|at|on)\s+)?(a|one|1|two|2|three|3)\s+(quarters?|thirds?)\b"
                      r"(?!\s+(?:past|to|of an? |of 1 )|\s+(?:hour|minute|second)s?\b)")
_PARTS_OF = {"quarter": 4, "third": 3}
A_BIT = re.compile(r"\ba (?:little |tiny |wee )?(?:bit|tad|touch|notch|smidge|smidgen|fraction)\b"
                   r"|\ba little\b|\bslightly\b|\bsomewhat\b|\bjust a hair\b")
DOWN = re.compile(r"\b(?:down|lower|decrease|reduce|drop|cut|cooler|colder|cool|dim|dimmer|darker|"
                  r"quieter|softer|slower|less|turn it down)\b")
UP = re.compile(r"\b(?:up|raise|lift|higher|increase|brighter|brighten|louder|warmer|hotter|heat up|"
                r"faster|more|boost|bump|crank)\b")
# a complaint names the way to go: "it's too dark in here" raises, "it's boiling" lowers
TOO_LOW = re.compile(r"\btoo (?:dark|dim|quiet|cold|chilly|cool|slow|low)\b"
                     r"|\b(?:freezing|chilly|gloomy|can't hear|cannot hear|can't see|cannot see)\b"
                     r"|\bwhy (?:is it |it's )?so (?:dark|dim|quiet|cold)\b")
TOO_HIGH = re.compile(r"\btoo (?:bright|loud|hot|warm|fast|high|noisy)\b|\b(?:boiling|roasting|sweltering|stuffy)\b")
# a change asked for with no way to go: "change the volume", "adjust the thermostat"
NEUTRAL = re.compile(r"\b(?:change|changing|adjust|adjusting|alter|modify|tweak|fiddle with|play with|mess with)\b")
OFF = re.compile(r"\b(?:off|out|zero|0|mute|muted|silent|silence|stop|kill)\b")
_N = r"(\d+(?:\.\d+)?)"
_UNIT = r"(?:degrees?|percent|%|points?|notch(?:es)?|steps?|levels?)"
RELATIVE = (  # a change *by* an amount, once vague counts are numbers ("up a couple" -> "up 2")
    re.compile(rf"\bby (?:another |an extra |a further )?{_N}\b(?! ?(?:am|pm|o ?clock))"),
    re.compile(rf"\b(?:up|down) (?:another |an extra |a further )?{_N}\b(?! ?(?:am|pm|o ?clock))"),
    re.compile(rf"\b{_N} ?(?:more |extra )?{_UNIT}? ?(?:more|less|warmer|cooler|colder|hotter|higher|lower|"
               rf"brighter|dimmer|louder|quieter|up|down)\b"),
    re.compile(rf"(?<!to )(?<!at )\b{_N} ?{_UNIT}"),  # "raise the temperature 2 degrees"
)


class End(Enum):
    """An end of a device's scale, made concrete per device (`changes.limit`)."""
    LOWEST = "lowest"
    HIGHEST = "highest"


@dataclass(frozen=True)
class Level:
    """Set the level to `value`, or change it by `delta`; neither when the user gave no level
    and no way to go ("set the thermostat"): then the level is asked for (`unsaid`)."""
    value: float | End | None = None
    delta: float | None = None

    @property
    def unsaid(self) -> bool:
        return self.value is None and self.delta is None


# the level a user names by its own word ("the brightness", "the volume", "fan speed")
def named_attribute(said: str | None) -> str | None:
    """The one level the user named by its word, if exactly one ("set the volume to 20")."""
    named = [a for a, words in vocab.ATTRIBUTE_WORDS.items()
             if re.search(rf"\b(?:{'|'.join(words)})\b", (said or "").lower())]
    return named[0] if len(named) == 1 else None


def _words(said: str) -> str:
    return quantities(normalise(said))


def direction(said: str) -> int:
    """-1 for words that lower ("dim", "turn it down"), 1 for words that raise, else 0."""
    text = _words(said)
    if TOO_LOW.search(text) or TOO_HIGH.search(text):
        return 1 if TOO_LOW.search(text) else -1
    return -1 if DOWN.search(text) else 1 if UP.search(text) else 0


def said_off(said: str | None) -> bool:
    """Whether the user asked for nothing at all ("off", "zero", "mute")."""
    return bool(said) and bool(OFF.search(_words(said)))


def relative_amount(said: str) -> float | None:
    """The amount of a change the user said: "by 3", "up a couple of degrees", "10 percent brighter"."""
    text = _words(said)
    if not (DOWN.search(text) or UP.search(text) or re.search(r"\bby \d", text)):
        return None
    for pattern in RELATIVE:
        found = pattern.search(text)
        if found:
            return float(found.group(1))
    return None


IN_STEPS = re.compile(rf"\b{_N} ?(?:more |extra |other )?(?:speeds?|notch(?:es)?|steps?|settings?|gears?)\b")


def steps_said(said: str | None) -> float | None:
    """How many of a device's own steps a change was said in ("down by one speed", "up two
    notches"), or None when it was said in other units or none."""
    found = IN_STEPS.search(_words(said or ""))
    return float(found[1]) if found else None


def some_way(said: str) -> bool:
    """Whether the user asked for part of the way: an amount ("by 20") or a bit ("a little lower")."""
    return relative_amount(said) is not None or bool(A_BIT.search(_words(said)))


def step(attribute: str) -> float:
    return DEFAULT_TEMPERATURE_STEP if attribute == "temperature" else DEFAULT_STEP


def _end(text: str, attribute: str) -> End | float | None:
    """The end of the scale the words name, or 50 for "halfway" (not a temperature)."""
    if LOWEST.search(text) or attribute == "percentage" and SPEED_LOW.search(text):
        return End.LOWEST
    if HIGHEST.search(text) or attribute == "percentage" and SPEED_HIGH.search(text):
        return End.HIGHEST
    if HALFWAY.search(text) and attribute != "temperature" and not re.search(r"\bby half\b", text):
        return 50.0
    return _fraction(text) if attribute != "temperature" else None


def _fraction(text: str) -> float | None:
    """25 for "to a quarter", 75 for "three quarters", 67 for "two thirds" (of the scale); None
    for a time ("a quarter past"), a duration or a change by that much ("by a third")."""
    found = FRACTION.search(text)
    if found is None or re.search(rf"\bby {re.escape(found[0])}", text):
        return None
    count = {"a": 1, "one": 1, "two": 2, "three": 3}.get(found[1]) or int(found[1])
    parts = _PARTS_OF[found[2].rstrip("s")]
    return float(round(100 * count / parts)) if count < parts else None


AT_PERCENT = re.compile(r"\b(?:to|at) (\d{1,3}) ?(?:percent|%)")


def level_said(said: str | None, attribute: str) -> End | float | None:
    """A level the words set with no verb for it ("the reading light at the minimum", "fan at 40
    percent"): an end of the scale, halfway, or a percent after "to"/"at"; None otherwise."""
    if not said:
        return None
    text = _words(said)
    found = AT_PERCENT.search(text)
    if found and attribute != "temperature" and 0 <= int(found[1]) <= 100:
        return float(found[1])
    return _end(text, attribute)


def read_setting(said: str | None, attribute: str, value: float) -> Level:
    """What "set `attribute` to `value`" means in the user's words `said`."""
    if not said:
        return Level(value=value)  # a direct call: nothing to read
    text = _words(said)
    amount = relative_amount(said)
    set_to = re.search(rf"\b(?:to|at) {value:g}\b", text) or _level_named_last(said, value)
    if amount is not None and not set_to and (amount == value or not said_number(said, value)):
        return Level(delta=-amount if DOWN.search(text) else amount)  # "warmer by 3", "up a couple"
    if said_number(said, value):
        return Level(value=value)
    end = _end(text, attribute)
    if end is not None:
        return Level(value=end)
    if value == 0 and attribute in ON_LEVELS:  # "volume off"; "dim it right down" is still on
        return Level(value=0 if said_off(said) else End.LOWEST)
    if direction(said):  # "dim the lights", "it's too cold": one step that way, not a made-up level
        return Level(delta=direction(said) * step(attribute))
    return Level()  # "set the thermostat": no level said, none to guess


# a level said on its own after the change, past a comma: "make it brighter, 90 percent" (set to 90)
LEVEL_LAST = re.compile(r",\s*(?:(?:say|about|around|like|maybe|to|at)\s+)*(\d+(?:\.\d+)?)\s*(?:%|percent|per cent|degrees?)?"
                        r"(?:\s+(?:please|thanks))?\W*$")


def _level_named_last(said: str, value: float) -> bool:
    """Whether the user named `value` alone after a comma, as the level to reach ("brighter, 90%")."""
    found = LEVEL_LAST.search(quantities(said))
    return bool(found) and float(found[1]) == value


def read_change(said: str | None, attribute: str, delta: float) -> Level:
    """What "change `attribute` by `delta`" means in the user's words `said`."""
    if not said:
        return Level(delta=delta)
    text = _words(said)
    target = re.search(r"\b(?:to|at) (\d+(?:\.\d+)?|half)\b", text)
    if target and not re.search(r"\bby \d", text):  # "turn the telly down to half": a setting
        return read_setting(said, attribute, 50.0 if target[1] == "half" else float(target[1]))
    if _level_named_last(said, abs(delta)):  # "turn it up, 80 percent"
        return Level(value=abs(delta))
    if said_number(said, abs(delta)):
        return Level(delta=delta)
    end = _end(text, attribute)
    if end is not None:
        return Level(value=end)
    if not direction(said) and NEUTRAL.search(text) and not said_number(said, abs(delta)):
        return Level()  # "change the volume": up or down is the user's to say
    sign = 1 if delta > 0 else -1
    amount = relative_amount(said)
    if amount is not None:
        return Level(delta=sign * amount)
    return Level(delta=sign * step(attribute))  # "turn it up", "a bit louder": one step, not a made-up amount


PERCENT = re.compile(r"\b(\d{1,3})\s*(?:%|percent\b|per cent\b)")


def said_in_percent(said: str | None, value: float) -> bool:
    """Whether the user said this value as a percent ("75 percent", "40%")."""
    return any(float(found[1]) == value for found in PERCENT.finditer(quantities(said or "")))


def regulator_speed(step: float | None, percentage: Any, said: str | None) -> Any:
    """A fan's speed said as its regulator's number ("speed 2", "the fan on 4") on a fan with
    `step`-percent speeds: that speed in percent (2 of 5 speeds: 40); a percent said stays one."""
    if not step or not said or not isinstance(percentage, (int, float)):
        return percentage  # an end of the scale ("on high") is read where the device is known
    speeds = round(100 / float(step))
    if not (speeds > 1 and float(percentage).is_integer() and 1 <= percentage <= speeds) \
            or said_in_percent(said, percentage):
        return percentage
    return 100 if percentage == speeds else round(percentage * float(step))
