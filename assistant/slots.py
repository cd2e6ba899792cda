"""Slots: the arguments of an API that are values the user says (a duration, a time, a text).

An API declares them (`@api(slots={"duration": Slot("duration", "For how long?")})`) and the core
uses the declaration three ways:
- **the user's words win**: a time or duration the model reformatted ("6:00 am" for "6 am") or cut
  short ("at 6pm" for "tomorrow at 6pm") is replaced by the phrase the user said (`users_value`);
- **grounding by meaning**: a value is the user's when it means what a phrase of the utterance
  means, however it is written (`grounded`);
- **asking**: a value the user did not give is asked for with the slot's question, and the answer
  is read as a value of the slot's kind (`read_answer`), so "a timer, please" → "For how long?" →
  "ten minutes" completes the call.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, Literal

from rapidfuzz.distance import JaroWinkler

from assistant.timeparse import (TimeParseError, alarm_time, extract_duration_phrase, extract_time_phrase,
                                 parse_duration, parse_when)
from assistant.words import HALF, MASTER_ROOM_WORDS, NUMBER, quantities, tokens

Kind = Literal["duration", "clock", "when", "number", "text", "items"]


@dataclass(frozen=True)
class Slot:
    """One argument the user supplies: its kind of value, and the question that asks for it."""

    kind: Kind
    question: str
    # a free text that names nothing yet ("remind me" as a reminder's text): missing, as the expert reads it
    says_nothing: Callable[[str], bool] | None = None

    def missing_in(self, value: object) -> bool:
        """Whether this value leaves the slot unfilled."""
        return not value or (self.says_nothing is not None and self.says_nothing(str(value)))


# ------------------------------------------------------------------------------ values of a kind
def _duration(phrase: str, now: datetime) -> int:
    return parse_duration(phrase)


def _clock(phrase: str, now: datetime) -> datetime:
    return alarm_time(phrase, now)  # (the clock kind is an alarm's time)


def _when(phrase: str, now: datetime) -> tuple:
    schedule = parse_when(phrase, now)
    return schedule.due, schedule.rrule


def _number_phrase(said: str) -> str | None:
    """The first number the user said, as digits ("twenty two degrees" -> "22", "halfway" -> "50")."""
    found = NUMBER.search(quantities(said))
    if found:
        return found.group(0)
    return "50" if HALF.search(said.lower()) else None


def _number(phrase: str, now: datetime) -> float:
    found = _number_phrase(phrase)
    if found is None:
        raise ValueError(f"no number in {phrase!r}")
    return float(found)


PARSERS: dict[str, Callable[[str, datetime], object]] = {"duration": _duration, "clock": _clock, "when": _when,
                                                           "number": _number}


def _clock_phrase(said: str) -> str | None:
    """A time of day the user said ("at 6 am", "tomorrow at 7"), not a delay ("in 20 minutes")."""
    phrase = extract_time_phrase(said)
    return None if phrase is None or phrase.startswith("in ") else phrase


EXTRACTORS: dict[str, Callable[[str], str | None]] = {
    "duration": extract_duration_phrase, "clock": _clock_phrase, "when": extract_time_phrase,
    "number": _number_phrase}
# words a reformatted time may add or drop without changing what the user meant
_FORMAT_WORDS = frozenset({"00", "am", "pm", "at", "on", "in", "for", "o", "clock", "m", "a", "the"})


def meaning(kind: Kind, phrase: str, now: datetime) -> object | None:
    """What a phrase of this kind means (seconds, a moment, a schedule), or None if it isn't one."""
    parser = PARSERS.get(kind)
    if parser is None or not phrase:
        return None
    try:
        return parser(phrase, now)
    except (TimeParseError, ValueError):
        return None


def said_phrase(kind: Kind, said: str) -> str | None:
    """The phrase of this kind in the user's words, if there is one that means something."""
    extractor = EXTRACTORS.get(kind)
    return extractor(said) if extractor else None


def _within(value: str, phrase: str) -> bool:
    """Are the value's words (bar formatting) all words of the phrase?"""
    words = tokens(value) - _FORMAT_WORDS
    return words <= tokens(phrase)


def users_value(kind: Kind, value: str, said: str, now: datetime) -> str:
    """The user's own phrase for a slot when the model's value rewrote or shortened it; else the value.
    Kept as the model wrote it when it names another time the user said and is not a part of the
    phrase (the utterance may hold two times; the model chose); a time the user never said is not."""
    phrase = said_phrase(kind, said)
    if phrase is None or not isinstance(value, str):
        return value
    meant = meaning(kind, phrase, now)
    if meant is None:
        return value
    wrote = meaning(kind, value, now)
    if wrote == meant:
        return value
    return phrase if wrote is None or _within(value, phrase) or not _within(value, said) else value


def grounded(kind: Kind, value: str, said: str, now: datetime) -> bool:
    """Does a value of this kind mean what some phrase of the utterance means?"""
    phrase = said_phrase(kind, said)
    if phrase is None:
        return False
    meant = meaning(kind, phrase, now)
    return meant is not None and meaning(kind, value, now) == meant


_ANSWER_LEAD = re.compile(r"^(?:(?:um|uh|er|ok|okay|oh|well|so|make it|set it to|put it (?:on|at)|let's say|"
                          r"lets say|say|about|"
                          r"around|maybe|for|to|that|it's|its|it is|i need to|i have to|remind me to|"
                          r"remind me)\s+)+", re.IGNORECASE)


_NUMBER_WORDS = frozenset("degrees degree percent per cent celsius centigrade fahrenheit c f please thanks points "
                          "point level setting half halfway the way of about around um uh er ok okay oh so well maybe just".split())


def _only_a_number(text: str) -> bool:
    """Is this answer a number and nothing else but its unit ("22 degrees", "sixty percent")?"""
    said = quantities(text.lower())
    words = re.findall(r"[a-z]+", NUMBER.sub(" ", said))
    return _number_phrase(text) is not None and all(w in _NUMBER_WORDS for w in words)


# a verb the answer to "what should I add?" repeats before the items ("add sorrel and rum cake")
_ITEMS_VERB = re.compile(r"^(?:(?:just|also|and|then)\s+)*(?:add|put (?:in|down)|put|include|stick|"
                         r"throw in|write down|write|get)\s+(?=\w)", re.IGNORECASE)


def read_answer(kind: Kind, answer: str, now: datetime) -> str | list[str] | None:
    """An answer to a slot question as a value of its kind ("for ten minutes" → "ten minutes",
    "make it twenty two" → "22", "eggs and milk" → ["eggs and milk"] for items), or None when it is not one (then it is a new request, not an answer)."""
    text = _ANSWER_LEAD.sub("", answer.strip().rstrip(".!?")).strip()
    if not text:
        return None
    if kind == "text":
        return text
    if kind == "items":  # the expert splits "eggs and milk" itself; "add eggs and milk": the items
        return [_ITEMS_VERB.sub("", text).strip() or text]
    if kind == "number" and not _only_a_number(text):
        return None  # "the kitchen one", "ten minutes": not a level
    phrase = said_phrase(kind, text) or text
    return phrase if meaning(kind, phrase, now) is not None else None


# ------------------------------------------------------------------------------ which one?
def _the_two_asked(choices: dict[str, str], asked: str) -> list[str] | None:
    """The two choices named by every word of the request that names any choice, if just two are."""
    named = {value: set(_stems(words_of)) for value, words_of in choices.items()}
    said = set(_stems(asked)) & set().union(*named.values())
    fit = [value for value, stems in named.items() if said and said <= stems]
    return fit if len(fit) == 2 else None


ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "fourth": 3, "4th": 3,
            "fifth": 4, "5th": 4, "last": -1}
_CHOICE_FILLERS = frozenset("the a an one ones that this it its it's is i mean meant want please in on at by "
                            "of near next to with um uh er oh ok okay well so just yes yeah".split())


def _stems(text: str) -> list[str]:
    """The words, lower-cased, without "'s" and a plural "s" ("kid's rooms" -> kid, room)."""
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'"))
    words = [w.split("'")[0] for w in words]
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w for w in words]


_ALL_OF_THEM = re.compile(r"^\W*(?:(?:um|oh|ok|okay|well|er)\W+)?(?:both|all|each|the two|them all|all of them|"
                          r"both of them|the lot|every one)\b(?:\W+(?:of them|please|thanks|one|ones))*\W*$",
                          re.IGNORECASE)


_BOTH = re.compile(r"\b(?:both|the two)\b", re.IGNORECASE)  # of two: not of three
_BOTH_KIND = re.compile(r"^\W*(?:both|the two|all)(?: of)?(?: the)? ([a-z]+)(?:\W+(?:please|thanks))?\W*$", re.IGNORECASE)


def _stem(word: str) -> str:
    return next(iter(_stems(word)), word)


SOUNDS_LIKE = 0.82  # Jaro-Winkler: "nanny's room" heard for Nani's Room, "kitchn" typed for the kitchen
_PLACING = frozenset("left right top bottom front back first last other middle upper lower near far".split())


def _sounding(content: list[str], stems: set[str], known: set[str]) -> int:
    """How many of the answer's words no choice holds (`known`: every choice's words) are close to a
    word of this choice (a name misheard or mistyped); words that place a thing ("the left one") are
    never stretched."""
    return sum(1 for w in content if w not in known and len(w) > 3 and w not in _PLACING
               and any(JaroWinkler.similarity(w, stem) >= SOUNDS_LIKE for stem in stems if len(stem) > 2))


def read_choice(answer: str, choices: dict[str, str], asked: str | None = None) -> str | None:
    """The choice an answer to "which one?" picks: by an ordinal ("the second one", in the order the
    question listed them), else the one whose words hold the most of the answer's words, when it is
    the only one and holds at least half of them ("the kids room one"); "both", "all of them": every
    one, comma-separated; None when the answer picks none (then it is a new request)."""
    words = _stems(answer)
    values = list(choices)
    every = _ALL_OF_THEM.search(answer)
    if every and not any("=" in value for value in values) and (len(values) == 2 or not _BOTH.search(answer)):
        return ",".join(values)  # "both please", "all of them": every one of them
    kind = _BOTH_KIND.match(answer)  # "both lamps" of two lamps: both
    if kind and len(values) == 2 and all(_stem(kind[1]) in _stems(words_of) for words_of in choices.values()):
        return ",".join(values)
    if every and asked and len(values) > 2:  # "the exhaust fan?" of a Cooker Hood and two Exhaust Fans: "both"
        both = _the_two_asked(choices, asked)
        if both:
            return ",".join(both)
    for word in words:
        if word in ORDINALS and -len(values) <= ORDINALS[word] < len(values):
            return values[ORDINALS[word]]
    named = {value: set(_stems(words_of)) for value, words_of in choices.items()}
    master = next((w for w in MASTER_ROOM_WORDS if any(w in stems for stems in named.values())), None)
    # "our bathroom": the master one; "master", "primary" and "main" are one room's words
    words = [master if master and (w == "our" or w in MASTER_ROOM_WORDS) else w for w in words]
    content = [w for w in words if w not in _CHOICE_FILLERS]
    if not content:
        return None
    names = all("." in value or value.startswith("area=") for value in values)  # devices, rooms: names heard or typed amiss
    known = set().union(*named.values())
    scores = {value: sum(w in stems for w in content) + (_sounding(content, stems, known) if names else 0)
              for value, stems in named.items()}
    best = max(scores.values())
    top = [value for value, score in scores.items() if score == best]
    return top[0] if len(top) == 1 and best * 2 >= len(content) else None
