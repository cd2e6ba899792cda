"""Commands put off until later: "turn off the tv in half an hour", "at 7 tomorrow turn on the kettle".

`split_delay` finds a one-off time clause at the start or end of a command and returns the command
without it, so the router sees the command alone ("turn off the tv") and the pipeline stores the
call as a scheduled action (assistant/storage/scheduled.py) that the scheduler runs at its time
(assistant/scheduler/actions.py). Only APIs marked `deferrable` are put off; a recurring clause
("every day at 7 …") is left to reminders and watches, and a duration ("for 20 minutes") is a
timer's argument, not a delay. Pure functions over a naive local `now`; no expert imports.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from assistant.splitting import COMMAND_VERBS, STATEMENT
from assistant.timeparse import TimeParseError, describe_due, mentions_recurrence, parse_when
from assistant.words import POLITE, SENTENCE_BREAK, command

# words a delay clause opens with ("in 20 minutes", "at 7", "tomorrow at 7am", "after an hour");
# a clause that opens otherwise must close with "from now" ("half an hour from now")
OPENERS = frozenset("in at after by tomorrow tonight today on this next".split())
TRAILING_POLITENESS = re.compile(r"(?:[\s,]+(?:please|pls|plz|thanks|thank you|thx|ta|cheers|for me|ok|okay|mate))+\W*$",
                                 re.IGNORECASE)
# "cancel that", "never mind" right after a command was put off: do not do it after all
UNDO_WORDS = re.compile(r"^(?:(?:actually|oh|no|wait|sorry|hmm|ok|okay|um|uh|on second thoughts?|so)\s+)*"
                        r"(?:cancel|never ?mind|forget(?: about)?|abort|scrap|scratch)(?: it| that| then)*"
                        r"(?:\s+(?:please|thanks|thank you|for me))?$")
# "cancel the generator one", "scrap the geyser thing": a call put off, named by what it acts on
UNDO_NAMED = re.compile(r"^(?:(?:actually|oh|no|wait|sorry|ok|okay|and|now|so)\s+)*"
                        r"(?:cancel|scrap|scratch|forget(?: about)?|drop|remove|delete)\s+(?:the|that)\s+(?P<what>[\w' ]+?)"
                        r"\s+(?:one|thing|action|bit|schedule|scheduled one)(?:\s+(?:please|then|too))?$"
                        # or by the thing alone, after a verb that only ever takes a call back: "cancel the kettle"
                        r"|^(?:(?:actually|oh|no|wait|sorry|ok|okay|and|now|so)\s+)*(?:cancel|scrap|scratch)\s+(?:the|that)\s+"
                        r"(?P<thing>[\w' ]+?)(?:\s+(?:please|then|too))?$")
# a question about a time ("what's on at 7"), not a command put off; "have the coffee maker come on
# at 7" is a command (its "have" is not a question's)
# ("could you …" is already stripped as politeness by `command`)
ASKING = re.compile(r"^(?:what|when|where|who|whose|why|how|which|is|are|was|were|do|does|did|will|would|can|"
                    r"could|should)\b")
MAX_ASIDE_WORDS = 3  # an aside after the time clause: "…, no arguments", "…, love"
# what the command is for, right before a time that belongs to it: "… for the party (tonight)", "… for tea"
PURPOSE = re.compile(r"\bfor(?: [\w']+){1,3}$", re.IGNORECASE)
LINKING = frozenset("and then also plus or but too as well except not only".split())
PRONOUNS = {"my": "your", "me": "you", "our": "your", "us": "you", "i": "you", "mine": "yours"}


@dataclass(frozen=True)
class Delay:
    """A command and the time it is put off to."""

    said: str  # the whole utterance
    command: str  # the utterance without the time clause ("switch the heater off")
    clause: str  # the time clause as said ("in 20 minutes")
    due: datetime


def split_delay(text: str, now: datetime) -> Delay | None:
    """The one-off time clause that opens or closes a command, or None (no clause, a question,
    a recurring schedule, or nothing left of the command without it)."""
    if mentions_recurrence(text) or ASKING.match(command(text)):
        return None
    found = _delay_in(text, now) or _delay_in_a_sentence(text, now)
    if found and ALARM_ALONE.match(command(found[0])):
        return None  # "alarm tomorrow at 6:30": the time is the alarm clock's, not the alarm panel's put off
    if found and SET_ALONE.match(command(found[0])) and BARE_NUMBER.match(found[1]):
        return None  # "put it at 10", "set the thermostat at 22": the value the thing is set to, not a time
    return Delay(said=text, command=found[0], clause=found[1], due=found[2]) if found else None


# a setting verb and its thing, with nothing else to do ("put it", "set the thermostat"), and a bare number
SET_ALONE = re.compile(r"^(?:.* )?(?:set|put|keep|have|leave) (?:it|them|(?:the|my|our) [a-z' ]+?)(?<! on)(?<! off)(?<! up)(?<! down)$")
BARE_NUMBER = re.compile(r"^at \d{1,3}$")
ALARM_ALONE = re.compile(r"^(?:set |make |put |give me )?(?:an |my |the |a )?(?:wake ?up )?alarm(?: clock)?(?: for me)?$")


def _delay_in(text: str, now: datetime) -> tuple[str, str, datetime] | None:
    body = TRAILING_POLITENESS.sub("", text.strip()).rstrip(" .!?")
    for candidate in dict.fromkeys((_without_comment(body, now), body, _without_aside(body), _without_purpose(body))):
        delay = _longest_delay(candidate, now)
        if delay is not None:
            return delay
    return None


def _delay_in_a_sentence(text: str, now: datetime) -> tuple[str, str, datetime] | None:
    """The delay of the one sentence that commands, when the others only tell ("… come on at eight
    this evening? We've got friends coming by."): none of them opens with a command's verb."""
    sentences = [s for s in SENTENCE_BREAK.split(text.strip()) if s.strip(" .?!")]
    if len(sentences) < 2:
        return None
    found = [(s, _delay_in(s, now)) for s in sentences if not ASKING.match(command(s))]
    delays = [delay for _, delay in found if delay is not None]
    commanding = [s for s in sentences if set(command(s).split()[:1]) & COMMAND_VERBS]
    if len(delays) != 1 or STATEMENT.match(command(delays[0][0])) or len(commanding) > 1:
        return None
    return delays[0]


def _after_last_comma(body: str) -> tuple[str, list[str]] | None:
    """(the body before its last comma, the words after it) when those words give no command: no
    command verb and no number; None otherwise."""
    head, comma, tail = body.rpartition(",")
    words = re.findall(r"[a-z']+", tail.lower())
    if not comma or not head.strip() or not words or COMMAND_VERBS & set(words) or re.search(r"\d", tail):
        return None
    return head, words


def _without_aside(body: str) -> str:
    """The body without a short aside after its last comma that asks nothing ("…, no arguments",
    "…, young man"): no command verb, no number, not another target ("…, and the lamp")."""
    found = _after_last_comma(body)
    if found is None or len(found[1]) > MAX_ASIDE_WORDS or found[1][0] in LINKING:
        return body
    return found[0]


def _without_comment(body: str, now: datetime) -> str:
    """The body without a comment of any length after its last comma, when the command before it
    ends with its time ("shut the radio off at 11:30, Gran fell asleep with it on"; "heater off at
    12, too hot at night"): the comment gives no command (no command verb, no "and"), no number,
    and does not open as a time ("…, tomorrow morning" is the time)."""
    found = _after_last_comma(body)
    if found is None:
        return body
    head, words = found
    linking = LINKING - {"too"} if len(words) > 1 else LINKING  # "…, too hot at night" is a comment
    if words[0] in linking | OPENERS:
        return body
    delay = _longest_delay(head.rstrip(), now)
    return head if delay is not None and head.rstrip().endswith(delay[1]) else body


def _without_purpose(body: str) -> str:
    """The body without what it is for, said last ("… at 6am tomorrow for the vege garden"), when
    that says no time or amount itself."""
    found = re.search(r"\s+for(?: [\w']+){1,4}$", body)
    if found is None or re.search(r"\d|\b(?:tonight|today|tomorrow|morning|evening|night|minutes?|hours?)\b", found[0]):
        return body
    return body[:found.start()]


def _longest_delay(body: str, now: datetime) -> tuple[str, str, datetime] | None:
    """The longest clause at either end of the body that parses as a one-off time, with the rest."""
    spans = [(m.start(), m.end()) for m in re.finditer(r"\S+", body)]
    for size in range(len(spans) - 1, 0, -1):  # the longest clause that parses wins
        for clause_words, command_words in ((spans[-size:], spans[:-size]), (spans[:size], spans[size:])):
            delay = _delay(body, clause_words, command_words, now)
            if delay is not None:
                return delay
    return None


def _delay(body: str, clause_words: list[tuple[int, int]], command_words: list[tuple[int, int]],
           now: datetime) -> tuple[str, str, datetime] | None:
    clause = _strip(body[clause_words[0][0]:clause_words[-1][1]])
    rest = _strip(body[command_words[0][0]:command_words[-1][1]])
    words = clause.lower().split()
    if not rest or not words or not (words[0] in OPENERS or words[-2:] == ["from", "now"]):
        return None
    if words[0] == "on" and len(words) > 1 and words[1] in OPENERS | {"for"}:
        return None  # "put the light on at 5 pm": "on" belongs to the command; "on for the night": how long
    if clause_words[0][0] > command_words[0][0] and PURPOSE.search(rest):
        return None  # "blue for the party tonight": the time says what it is for, not when to act
    last = re.split(r"[,.?!;]\s*", rest)[-1].strip()  # the clause or sentence the time closes
    if clause_words[0][0] > command_words[0][0] and (last != rest and STATEMENT.match(last)
                                                     or STATEMENT_WITHIN.search(rest)):
        return None  # "lights on in the den, we have guests at 8": the time is the guests', not the lights
    when = clause[3:] if words[0] == "by" else clause  # "by 6:45 this evening": done at that time
    if clause_words[0][0] > command_words[0][0]:  # "off in 10", said last: minutes, as people say it
        when = re.sub(r"^in (\d{1,2})$", r"in \1 minutes", when)
    try:
        schedule = parse_when(when, now, wake_first=True)  # "at 6:45 tomorrow": the morning's
    except TimeParseError:
        return None
    return (rest, clause, schedule.due) if schedule.rrule is None else None


# a statement said straight after the command, with no comma ("… heater my mum is coming round at 6"):
# a subject of its own and its verb
STATEMENT_WITHIN = re.compile(
    r"(?<!\bhave)(?<!\bget)(?<!\blet)(?<!\bmake)"  # ("have the kettle come on at 7": the command's own words)
    r"\s(?:(?:my|our|his|her|their|the) [a-z]+(?:'s)?\s+(?:is|are|was|were|will|has|have|comes|arrives|starts|lands|leaves"
    r"|gets|finishes|should|must|coming|arriving|starting|landing|leaving|getting|finishing)"
    r"|(?:we|they|he|she|i)(?:'re|'s|'m)?\s+(?:is|are|am|was|were|will|have|has|come|comes|coming|arrive|arrives|arriving"
    r"|start|starts|starting|land|lands|landing|leave|leaves|leaving|get|gets|getting|finish|finishing|should|must)"
    r"|(?:we|they|he|she|i)(?:'re|'s|'m|\s+are|\s+is|\s+am)\s+[a-z]+ing)\b",  # "I'm having a shower at 7"
    re.IGNORECASE)
# the verbs of a command to the home, which a statement may follow with no comma
_HOME_COMMAND = re.compile(r"^\W*(?:(?:please|can you|could you|would you|will you)\s+)?(?:turn|switch|put|pop|stick|set|open|close"
                           r"|shut|lock|unlock|dim|brighten|start|stop|crank|bump|boost)\b", re.IGNORECASE)


def without_statement(text: str) -> str:
    """A command to the home without a statement said straight after it ("put the porch light on my
    sister is coming at 7": "put the porch light on"); else the words as they are."""
    found = STATEMENT_WITHIN.search(text)
    if found is None or not _HOME_COMMAND.match(text) or len(text[:found.start()].split()) < 3:
        return text
    return text[:found.start()].rstrip(" ,")


def _strip(text: str) -> str:
    return text.strip(" ,;:.!?-\u2013\u2014")


def promise(command_text: str) -> str:
    """The command as the assistant promises it: "Could you turn off my TV" -> "turn off your TV"."""
    text = re.sub(r"^(?:(?:please|ok|okay|so|now|hey|and)\W+)+", "", command_text.strip(), flags=re.IGNORECASE)
    lead = POLITE.match(text.lower())
    text = text[lead.end():] if lead else text
    text = re.sub(r"\b[A-Za-z]+\b", lambda m: PRONOUNS.get(m[0].lower(), m[0]), text)
    return text[:1].lower() + text[1:]


def scheduled_reply(command_text: str, due: datetime, now: datetime) -> str:
    """'OK, I'll turn off the heater today at 6:50 PM.'"""
    return f"OK, I'll {promise(command_text)} {describe_due(due, now)}."


def named_undo(words: str) -> str | None:
    """What a "cancel the X one" names (normalised words), or None."""
    found = UNDO_NAMED.match(words)
    return (found["what"] or found["thing"]) if found else None


# "actually, do it now", "no, right away": what was just put off, done at once instead
NOW_INSTEAD = re.compile(r"^(?:(?:actually|oh|no|wait|sorry|ok|okay|um|uh|just|on second thoughts?|so)\s+)*"
                         r"(?:(?:do|run|turn|switch|put)\s+(?:it|that|them)(?:\s+(?:on|off))?\s+"
                         r"|(?:i want (?:it|that)|make it|have it)\s+)?"
                         r"(?:now|right now|right away|straight away|immediately|at once|this minute)"
                         r"(?:\s+(?:please|then|instead|thanks))?$")


# another thing for the call just made ("and the porch light too", "the hall one as well", "also the fan")
ADDS_A_THING = re.compile(r"^(?:(?:and|oh and|also|plus)\s+)?(?:the|my|our|that)\s+[\w' ]{1,40}?\s+(?:too|as well|also)$"
                          r"|^(?:and|also|plus)\s+(?:the|my|our)\s+[\w' ]{1,40}$")


def adds_a_thing(words: str) -> bool:
    """Whether normalised words add another thing to the call just made, naming no verb of their own."""
    return bool(ADDS_A_THING.match(words)) and not re.search(r"\b(?:turn|switch|set|put|open|close|lock|start)\b", words)


# a new time for what was just put off: "change it to 6:30", "make that 7 instead", "move it to tomorrow at 9"
RETIMED = re.compile(r"^(?:(?:actually|no|sorry|wait|oh|ok|okay|um|hmm)\s+)*(?:(?:change|move|push|make)\s+(?:it|that|the time)?\s*"
                     r"(?:to|till|until|for)?\s*|(?:at|for)\s+)(?P<when>.+?)(?:\s+instead)?$")
# ... said as a clock time, not a level ("make it 22" is a temperature): "6:30", "7 am", "9 o'clock", "tomorrow at 9"
_CLOCK_SAID = re.compile(r"\d:\d\d|\d\s*(?:am|pm)\b|o'clock|\b(?:noon|midnight|tomorrow|tonight|morning|evening|afternoon)\b")


def retimed(text: str, now: datetime) -> datetime | None:
    """The new time the words give what was just put off ("change it to 6:30"), or None."""
    words = " ".join(re.sub(r"[^\w':]+|(?<!\d):|:(?!\d)", " ", text.lower()).split())  # (a clock's colon kept)
    found = RETIMED.match(words)
    if found is None or not _CLOCK_SAID.search(found["when"]):
        return None
    when = found["when"] if re.match(r"(?:at|in|on|tomorrow|tonight|today|this|next)\b", found["when"]) else f"at {found['when']}"
    try:
        return parse_when(when, now, wake_first=True).due
    except TimeParseError:
        return None


def is_now_instead(words: str) -> bool:
    """Whether normalised words ask for what was just put off to be done now."""
    return bool(NOW_INSTEAD.match(words))


def is_undo(words: str) -> bool:
    """Whether normalised words take back what was just put off ("cancel that", "never mind")."""
    return bool(UNDO_WORDS.match(words))
