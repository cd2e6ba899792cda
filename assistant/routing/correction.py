"""Corrections: "no, I meant the dining room", "actually make that 8 minutes", "sorry, 4", "16 not 60".

Right after a request, a correction names the one thing that should have been different. Its
words after the lead ("no", "sorry", "I meant", "make that", "not that one") are read
deterministically, in this order:
- a value of one of the previous call's slots (assistant/slots.py): a number ("20 percent"), a
  duration ("8 minutes", or a bare "25" in the previous duration's unit), a time ("4": the reading
  nearest the time it replaces, on the same day unless a day is said);
- a time for a call that was put off ("make that half six" after "… at 7 tomorrow");
- something named instead, as the expert's `ellipsis` hook reads it ("the dining room",
  "mozzarella").
The result is the previous call with that one value replaced; the pipeline takes the previous
action back and runs it (assistant/correcting.py). Words that are none of these are the router's,
with the previous turn as context.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlite_utils import Database

from assistant import slots
from assistant.messages import Decision, Turn
from assistant.registry import Registry, ValidationError
from assistant.splitting import COMMAND_VERBS
from assistant.storage.scheduled import ScheduledAction
from assistant.timeparse import (TimeParseError, describe_due, extract_duration_phrase, extract_time_phrase,
                                 format_clock, mentions_recurrence, parse_duration, parse_when)
from assistant.deferral import is_now_instead
from assistant.words import NUMBER, is_question, normalise, quantities

# leads that say the words after them replace something ("I meant …", "make that …")
_STRONG = (r"i mean|i meant|i said|i wanted|make (?:that|it)|change (?:that|it)(?: to)?|not that one|"
           r"(?:move|push|shift|reschedule) (?:that|it)(?: (?:back|forward|up))?(?: (?:to|till|until|for))?|"
           # "not Grandad's, the one in our room": the thing that was wrong, then the one meant
           r"not (?!now\b|yet\b|really\b|sure\b|much\b|bad\b|that\b|to\b|for\b)[\w']+(?: [\w']+){0,2}(?=\s*,)|"
           r"scratch that|correction|rather|(?:that's |that is |you got )?(?:the )?wrong (?:one|room|light|lamp|device|place)")
# leads that may open a correction, or a new request ("no", "sorry", "actually", "wait")
_WEAK = r"no|nope|nah|(?:i'm |i am )?(?:so |very |really )?sorry|oops|whoops|actually|wait|hang on|hold on|my bad|my mistake"
_FILLER = r"oh|um|uh|er|erm|hmm|ah|ay|ayy|aiy|please|pls|ok|okay|so"
_LEAD = re.compile(rf"^(?:\W*\b(?:{_FILLER})\b[\s,.!-]*)*(?:\W*\b(?:{_STRONG}|{_WEAK})\b[\s,.!-]*)+"
                   rf"(?:\W*\b(?:{_FILLER}|like|you know)\b[\s,.!-]*)*", re.IGNORECASE)  # ("no like light blue")
_VALUE_LEAD = re.compile(r"\b(?:make|change) (?:that|it)\b", re.IGNORECASE)  # a value follows, not a thing
# words that do something rather than name something ("oh no, lights off"): not a thing named instead
_DOING = re.compile(r"\b((?:on|off|up|down)(?!\s+(?:the|my|our|your|there)\b)|open|close|shut|lock|unlock|start|stop|louder|quieter|brighter|dimmer|"
                    r"warmer|cooler|hotter|colder|higher|lower|more|less|bit|"
                    r"max|maximum|min|minimum|full|half|halfway|brightness|volume|speed|level)\b", re.IGNORECASE)
_STRONG_LEAD = re.compile(rf"\b(?:{_STRONG})\b", re.IGNORECASE)
# "mozzarella not cheddar", "not the kitchen, the dining room": the part that names what was wrong
_NOT_TAIL = re.compile(r"[\s,]+(?:and )?not\s+[^,]+?\W*$", re.IGNORECASE)
_NOT_HEAD = re.compile(r"^\W*not\s+[^,]+,\s*", re.IGNORECASE)
# "make it 6 instead", "the den then, please": words after the value that say it replaces another
_INSTEAD = re.compile(r"(?:[\s,]+(?:instead|then|please|rather|thanks|thank you))+\W*$", re.IGNORECASE)
# words that open a question, a pointer or a reply, not the name of a thing
NOT_A_THING = re.compile(r"^(?:what|how|why|when|where|who|which|is|are|can|could|do|does|it|that|this|then|now|"
                         r"the same|another|one more|more|again|the other|yes|yeah|ok|okay|thanks|thank you)\b",
                         re.IGNORECASE)
# "the other one", "the other lamp": a thing named instead (by the previous one), though it opens with "the other"
THE_OTHER = re.compile(r"^(?:the |that |my )?other\b(?! than)", re.IGNORECASE)
# "the guest room one", "the one in the den": "one" standing for a thing, not a number
_PRONOUN_ONE = re.compile(r"(?<=[a-z'])\s+ones?\b(?!\s+(?:minute|hour|second|percent|degree)s?\b)"
                          r"|^(?:the|that|this)\s+ones?\b", re.IGNORECASE)
MAX_NAME_WORDS = 5  # a thing named instead is short ("the dining room", "oat milk")
MAX_TEXT_WORDS = 3  # a short value said instead ("cyan", "warm white")
_ARTICLE = re.compile(r"^(?:the|a|an|my|our|that|this)\b", re.IGNORECASE)
_LINKING_WORDS = frozenset("the a an my our one ones in on at by of".split())  # not counted as its words
_UNIT = re.compile(r"\b(seconds?|secs?|minutes?|mins?|hours?|hrs?)\b", re.IGNORECASE)
_DAY_WORDS = re.compile(r"\b(today|tonight|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
                        r"week|month|january|february|march|april|may|june|july|august|september|october|"
                        r"november|december|\d+(?:st|nd|rd|th))\b|\bin \d", re.IGNORECASE)
_CLOCK_ONLY = re.compile(r"^(?:at\s+)?(?:half|quarter)?\s*(?:past|to)?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|o'?clock)?$",
                         re.IGNORECASE)
TEXT_KINDS = ("text", "items")  # free text: a correction of it is the expert's to read (ellipsis) or the router's


@dataclass(frozen=True)
class Correction:
    """The previous call redone with one value replaced: the call, and when it runs if it was put off."""

    replaces: Turn
    decision: Decision
    due: datetime | None = None
    said: str | None = None  # a put-off call's own words and area, kept for the new time
    area: str | None = None


def correction_words(text: str) -> tuple[str, str] | None:
    """The lead and the words that say what was meant, when the utterance corrects the previous
    request; else None. A weak lead ("no", "sorry", "actually") before a request of its own, or a
    question, is not a correction."""
    lead = _LEAD.match(text.strip())
    if lead is None:
        return None
    rest = _what_was_meant(text.strip()[lead.end():])
    if not rest or is_question(rest) or _not_a_thing(rest) or is_now_instead(normalise(text)):
        return None  # ("actually, just do it now": what was put off, now)
    strong = _STRONG_LEAD.search(lead.group(0))
    words = re.findall(r"[a-z']+", rest.lower())
    named = [w for w in words if w not in _LINKING_WORDS]  # "the night light in migo's room": four
    if not strong and (len(named) > MAX_NAME_WORDS - 1 or (words and words[0] in COMMAND_VERBS)):
        return None
    return lead.group(0), rest


def _not_a_thing(words: str) -> bool:
    """Words that open a question, a pointer or a reply ("it", "the same"), not "the other one"."""
    return bool(NOT_A_THING.match(words)) and not THE_OTHER.match(words)


def _what_was_meant(rest: str) -> str:
    """The words without the part that names what was wrong ("16 not 60" → "16")."""
    rest = _NOT_HEAD.sub("", rest)
    rest = _NOT_TAIL.sub("", rest)
    rest = _INSTEAD.sub("", rest)
    return rest.strip(" ,.!?-")


def corrected_call(registry: Registry, previous: Turn, words: str, lead: str, now: datetime,
                   put_off: ScheduledAction | None = None, db: Database | None = None) -> Correction | None:
    """The previous call with what `words` name in place of the value it replaces, or None.
    `lead`: the words before them ("make that" is followed by a value, not a thing); `put_off`: the
    previous call was put off until later (its time may be what is corrected)."""
    if put_off is not None:
        due = corrected_time(put_off.due, words, now)
        decision = _decision(registry, previous, previous.args) if due is not None else None
        if decision is not None:
            return Correction(previous, decision, due, put_off.said, put_off.area)
    spec = registry.api(previous.expert, previous.api)
    for name, slot in spec.slots.items():
        if slot.kind in TEXT_KINDS or name not in previous.args:
            continue
        value = _slot_value(slot.kind, str(previous.args[name]), words, now)
        decision = _decision(registry, previous, {**previous.args, name: value}) if value is not None else None
        if decision is not None:
            return Correction(previous, decision)
    return _named_instead(registry, previous, words, lead, db) or _text_instead(registry, previous, words, lead)


def _text_instead(registry: Registry, previous: Turn, words: str, lead: str) -> Correction | None:
    """The previous call with a short value said after "make it" in place of its one short text
    value ("make the cove lights red" … "no, make it cyan"); not a thing named ("the bedroom one"),
    a number or a doing ("make it brighter")."""
    if not _VALUE_LEAD.search(lead) or _DOING.search(words) or NUMBER.search(quantities(words)) \
            or _ARTICLE.match(words) or len(words.split()) > MAX_TEXT_WORDS:
        return None
    spec = registry.api(previous.expert, previous.api)
    texts = [name for name, slot in spec.slots.items() if slot.kind == "text" and name in previous.args]
    if len(texts) != 1 or len(str(previous.args[texts[0]]).split()) > MAX_TEXT_WORDS:
        return None
    decision = _decision(registry, previous, {**previous.args, texts[0]: words})
    return Correction(previous, decision) if decision else None


def _decision(registry: Registry, previous: Turn, args: dict) -> Decision | None:
    """The corrected call, its values of the API's types ("20" → 20); None if they are not valid."""
    try:
        args = registry.api(previous.expert, previous.api).validate(args)
    except ValidationError:
        return None
    return Decision(expert=previous.expert, api=previous.api, args=args, source="correction")


def _named_instead(registry: Registry, previous: Turn, words: str, lead: str,
                   db: Database | None) -> Correction | None:
    """The previous call on the thing these words name instead ("the dining room", "mozzarella")."""
    if NUMBER.search(quantities(_PRONOUN_ONE.sub("", words))) and not THE_OTHER.match(words) or _VALUE_LEAD.search(lead) \
            or _DOING.search(words):
        return None  # a value, or a doing ("the other one" is "one" of a kind, not the number)
    args = args_named_instead(registry, previous, words, db)
    decision = _decision(registry, previous, args) if args else None
    return Correction(previous, decision) if decision else None


def args_named_instead(registry: Registry, previous: Turn, words: str, db: Database | None = None) -> dict | None:
    """The previous call's arguments with what `words` name in place of its target, as its
    expert reads them (`Expert.ellipsis`, given the state in `db`): "the dining room" after the
    kitchen lights, "the other one"; None when the words are more than a short name (a verb, a
    question, a pointer: the router's to read)."""
    hook = registry.expert(previous.expert).ellipsis
    names = words.split()
    named = [w for w in names if w.lower() not in _LINKING_WORDS]  # "the one in the lower bath": 2
    if hook is None or not names or len(named) > MAX_NAME_WORDS or names[0].lower() in COMMAND_VERBS \
            or _not_a_thing(words):
        return None
    return hook(previous.api, previous.args, words, db=db) or None


def _slot_value(kind: str, before: str, words: str, now: datetime) -> str | None:
    """A value of this slot's kind in the correction, written so the API reads it as meant."""
    if kind == "duration":
        return _duration(before, words, now)
    if kind in ("when", "clock"):
        was = slots.meaning(kind, before, now)
        was = was[0] if isinstance(was, tuple) else was
        while kind == "clock" and isinstance(was, datetime) and was <= now:  # an alarm's time: its next one
            was += timedelta(days=1)
        due = corrected_time(was, words, now) if isinstance(was, datetime) else None
        if due is None:
            return None
        if kind == "when" and mentions_recurrence(before) and not _DAY_WORDS.search(words):
            return _recurring_at(before, due)  # "every sunday at 6" → "7 at night": still every sunday
        return format_clock(due) if kind == "clock" and due.date() == now.date() else describe_due(due, now)
    if kind == "number":
        answer = slots.read_answer("number", words, now)
        return answer if isinstance(answer, str) else None
    return None


# the time of day in a schedule: "at 6", "6:30pm", "noon", "at 6 in the evening"
_CLOCK_PART = re.compile(r"\b(?:at\s+)?(?:\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)?|noon|midday|midnight)"
                         r"(?:\s+(?:in the (?:morning|afternoon|evening)|at night))?(?!\w)", re.IGNORECASE)


def _recurring_at(before: str, due: datetime) -> str:
    """A recurring schedule as said before, at the corrected time of day."""
    clock = f"at {format_clock(due)}"
    return _CLOCK_PART.sub(clock, before, count=1) if _CLOCK_PART.search(before) else f"{before} {clock}"


def _duration(before: str, words: str, now: datetime) -> str | None:
    """"8 minutes", or a bare number in the unit of the duration it replaces ("25" after "20 minutes")."""
    answer = slots.read_answer("duration", words, now)
    if isinstance(answer, str):
        return answer
    bare = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*", quantities(words))
    unit = _UNIT.search(before)
    return f"{bare.group(1)} {unit.group(1)}" if bare and unit else None


# minutes past or to an hour left unsaid ("make it quarter past", "twenty to"): the hour of the time corrected
_PAST_OR_TO = re.compile(r"^(?:at\s+)?(?P<minutes>half|quarter|\d{1,2})(?:\s+minutes?)?\s+(?P<way>past|after|to|before)$")


def _past_or_to(was: datetime, words: str, now: datetime) -> datetime | None:
    """"quarter past" after 7:00 is 7:15, "ten to" 6:50 (to the hour `was` is at or nearest after
    it); on `was`'s day, or the next when that has passed."""
    said = _PAST_OR_TO.match(quantities(words).strip().lower())
    if said is None:
        return None
    minutes = {"half": 30, "quarter": 15}.get(said["minutes"]) or int(said["minutes"])
    if not 0 < minutes < 60 or (said["way"] in ("to", "before") and minutes == 30):
        return None
    hour = was.replace(minute=0, second=0, microsecond=0)
    due = hour + timedelta(minutes=minutes) if said["way"] in ("past", "after") \
        else hour + timedelta(hours=1 if was.minute else 0, minutes=-minutes)
    return due if due > now else due + timedelta(days=1)


def corrected_time(was: datetime, words: str, now: datetime) -> datetime | None:
    """The time a correction means in place of `was`: a delay from now; a day and a time as said;
    a day alone at the same time of day; a time alone on the same day, at the reading (am or pm)
    nearest `was`; minutes past or to with no hour, of `was`'s hour."""
    if (partly := _past_or_to(was, words, now)) is not None:
        return partly
    delay, clock = extract_duration_phrase(words), extract_time_phrase(words)
    if delay and (not clock or clock in delay):  # "make that 45 minutes" / "half an hour": from now
        return now + timedelta(seconds=parse_duration(delay))
    phrase = extract_time_phrase(words) or (quantities(words).strip() if _CLOCK_ONLY.match(quantities(words).strip())
                                            else None)
    if not phrase:
        return None
    has_day = bool(_DAY_WORDS.search(phrase))
    has_clock = bool(re.search(r"\d|noon|midnight|midday|morning|afternoon|evening|night", phrase))
    try:
        if has_day and not has_clock:
            return parse_when(f"{phrase} at {format_clock(was)}", now).due
        if has_day:
            return parse_when(phrase, now).due
        start_of_day = was.replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(minutes=1)
        first = parse_when(phrase if phrase.startswith(("at ", "half", "quarter")) else f"at {phrase}",
                           start_of_day).due
    except TimeParseError:
        return None
    explicit = re.search(r"am|pm|noon|midnight|midday", phrase) or int(re.search(r"\d+", phrase).group(0)) > 12
    readings = [first] if explicit else [first, first + timedelta(hours=12 if first.hour < 12 else -12)]
    readings = [r if r > now else r + timedelta(days=1) for r in readings]  # passed today: the next one
    return min(readings, key=lambda r: abs(r - was))
