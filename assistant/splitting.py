"""Several requests in one utterance: "turn off the lights and set a timer for ten minutes".

`split_requests(text, routes)` cuts an utterance into its requests only where the structure is
plain: at a joint (",", ";", "and", "then", "also", "plus", "and then", "after that", …) when the
clause after it opens with a command verb of its own and the utterance opened with one too. So a
list of items ("add eggs and milk"), a device pair ("turn on the lamp and the fan"), gapping
("set the lamp to red and the fan to high") and a leading time clause ("in ten minutes turn off
… and …") are never cut; a question after a request is a part of its own ("turn the immersion
on and what's the weather tomorrow"); nothing after a verb whose object is free text ("remind me to call mom
and feed the cat", "note that …") is cut either, up to a time that closes that text ("remind me
to call mom at 5 and set a timer …"), nor items before the list they go to ("add unlock the door
and open the garage to my list"); but a command to the home after a reminder whose time came
first ("remind me at two to check the ewes and turn on the barn lights") is a request of its own. A part that does not route on its own with
confidence (`routes`: the pipeline's cheap check, a rule's proposal or a sure classifier) is
joined back to the one before it. Unsure: one request, as before. Pure; no models.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Callable

from assistant.timeparse import TimeParseError, parse_when
from assistant.words import POLITE, command, normalise, quantities

# the words that join two requests ("and", "then", ", also", "; and then", "and after that")
JOINT = re.compile(r"\s*[,;]\s*(?:(?:and|then|also|plus|and then|and also|after that|and after that)\s+)?"
                   r"|\s+(?:and then|and also|and after that|then also|and|then|also|plus)(?:\s*,)?\s+(?:also\s+)?",
                   re.IGNORECASE)
# verbs a request to the assistant opens with (the imperative; "please"/"could you" dropped first)
COMMAND_VERBS = frozenset((
    "turn switch set put add remind lock unlock close open shut dim brighten play pause resume stop start "
    "cancel make arm disarm raise lower increase decrease tell read clear remove take check mute unmute "
    "wake create schedule show text send skip activate deactivate bump crank boost kill power heat cool "
    "warm remember delete empty restart run give note write arrange "
    "roll draw pull lift flip hit "  # the home's own: covers moved, lights flipped ("roll down the blinds")
    "kick fire flick pop stick bang whack chuck throw knock "  # ... and switched in slang ("kick it back on")
    # and what people ask that no expert does: a part to decline, not a part of the one before
    "order book call buy find search look get email pay translate calculate"
).split())
# verbs whose object is free text: what follows them is theirs ("remind me to call mom and dad",
# "note that the plumber comes friday and bring cash")
TEXT_VERBS = frozenset("remind remember note write text send".split())
# a time closing a clause ("… at 5", "… tomorrow morning", "… in 20 minutes"): the end of a
# reminder's text, so a command after it is a request of its own
TIME_AT_END = re.compile(
    r"(?:\b(?:at|by|before|after|around) (?:\d{1,2}(?::\d{2})?|noon|midnight|\w+ o'clock)(?: ?[ap]\.?m\.?)?"
    r"|\b\d{1,2}(?::\d{2})? ?[ap]\.?m\.?|\bin (?:an?|\d+|\w+) (?:minutes?|hours?|days?|weeks?)"
    r"|\b(?:today|tonight|tomorrow|this (?:morning|afternoon|evening)|tomorrow (?:morning|afternoon|evening|night)"
    r"|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)))$", re.IGNORECASE)
# a reminder whose time comes before its text ("remind me at two to check the ewes"): its text
# ends before a command to the home itself ("… and turn on the barn lights")
TIME_FIRST = re.compile(r"^remind me (?:at|on|in|by|tomorrow|tonight|this|next|later)\b.*?\bto\b", re.IGNORECASE)
HOME_VERBS = frozenset("turn switch dim brighten open close shut lock".split())
# a request that can only be the assistant's, never part of a free text before it ("remember my
# code is 4412 and remind me …", "note that … and set a timer for two hours")
ADDRESSED = re.compile(r"^(?:remind me\b|remember (?:that|my|our)\b|note (?:that|down)\b"
                       r"|(?:set|start|make) (?:a|an|the|my|another) (?:[\w-]+ ){0,3}?(?:timer|alarm|reminder)s?\b"
                       r"|(?:add|put|stick|pop) .+ (?:to|on|onto) (?:the|my|our) [\w' ]*?lists?\b)")
# verbs that put items somewhere, and the list they go to: "add X and open garage to my list" is
# one list of items up to its destination, not an "open" request
ADDING = frozenset("add put".split())
DESTINATION = re.compile(r"\b(?:to|on|onto|in)\s+(?:the|my|our|your)?\s*[\w' -]*?\blists?\b", re.IGNORECASE)
# a question of its own after a request ("turn the immersion on and what's the weather like"):
# a part to answer or decline by itself ("what about the hall" carries on, it is not one)
OWN_QUESTION = re.compile(r"^(?:what(?:'?s)?|which|who(?:'?s)?|whose|where(?:'?s)?|when|why|how(?:'?s)?)\b(?!\s+about\b)",
                          re.IGNORECASE)  # ("whats the weather and …": typed without the apostrophe)
# a setting said without a verb ("fan on 2 too", "the ac to 22", "porch light off"): a request of its own
SETTING_ALONE = re.compile(r"^(?:the |my |our )?(?:[a-z][\w']* ){1,4}?(?:(?:on|to|at) (?:\d+(?:\.\d+)?|full|max|maximum|"
                           r"min|minimum|high|low|medium|half)(?: ?(?:%|percent|degrees?))?|on|off)"
                           r"(?: (?:too|as well|also|please))*$", re.IGNORECASE)
SETTING = "setting"  # the verb such a clause stands for (no verb of its own)
# the last clause, after a comma, naming another thing for the same request ("…, and Omar's too", "…, the
# hall as well"): a part of its own that refers back, carried out on that thing after the one before it
SAME_FOR = re.compile(r"^(?:(?:and|also|plus)\s+)?(?P<what>(?!(?:and|also|plus|it|them|that|this|me|you|us|we|i)\b)[\w']+(?:\s+[\w']+){0,3}?)\s+(?:too|as well)$",
                      re.IGNORECASE)
ELLIPSIS = "same for"  # the verb such a clause stands for
# a clause that tells something with a subject of its own ("we have guests", "the party starts"): a time
# said in it is its own, not the command's
STATEMENT = re.compile(r"^(?:(?:and|but|because|cos|coz|since|as|so)\s+)?(?:we|i|they|he|she|you|we're|i'm|they're|"
                       r"he's|she's|you're|there's|there are|it's|[a-z]+'s|(?:the|my|our|his|her|their) [a-z]+ "
                       r"(?:is|are|was|starts?|comes?|arrives?|begins?|lands?|leaves?|finishes|ends?))\b",
                       re.IGNORECASE)
# a clause opening with someone's thing ("lana's ac to 19"), not with "<someone> is" ("the party's at 8")
OWNED_THING = re.compile(r"^(?!(?:it|that|there|what|he|she|who|where|here|let|this)'s\b)[a-z]+'s (?!(?:on|off|at|in|to|"
                         r"not|so|too|very|really|just|still|been|going|gone|coming|here|there|back|home|out|up|down|"
                         r"ready|done|a|an|the|my|our|your|his|her|their)\b)[a-z]", re.IGNORECASE)
# opening words that are not the request itself ("and", "please", "can you", "now")
LEAD = re.compile(r"^(?:(?:and|then|also|plus|please|now|oh|ok|okay|so)\s+)+", re.IGNORECASE)


@dataclass(frozen=True)
class Part:
    """One request of an utterance: where its words are in the utterance, and its opening verb."""

    start: int
    end: int
    verb: str


# a list named in one request ("start a packing list"), and "it" meaning that list in the next
# ("… and put thermals on it")
LIST_NAMED = re.compile(r"\b(?:a|an|the|my|our)\s+(?:new\s+)?((?:[\w'-]+\s+){1,3}?list)\b", re.IGNORECASE)
ON_IT = re.compile(r"\b(on|to|onto|in|into)\s+it\b", re.IGNORECASE)
# things put on a list in one request, and "it" or "them" meaning those things in the next
ITEMS_ADDED = re.compile(r"^(?:add|put|stick|pop|throw)\s+(?P<items>.+?)\s+(?:to|on|onto|in|into)\s+(?:the|my|our)\s+"
                         r"[\w' -]*?\blist\b", re.IGNORECASE)
GET_IT = re.compile(r"\b(buy|get|pick up|order|grab|collect|fetch|bring|use|cook|make|restock)\s+(?:it|them)\b",
                    re.IGNORECASE)
# a request that only starts a list: adding to it starts it anyway
LIST_START = re.compile(r"^(?:start|make|create|begin|set up|open)\s+(?:a|an|my|our)\s+(?:new\s+)?(?:[\w'-]+\s+){1,3}?list$",
                        re.IGNORECASE)


_DURATION_UNIT = re.compile(r"\b(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)\b", re.IGNORECASE)


# several timers asked for at once: "set two timers, 8 minutes for the eggs and 15 for the rice"
TIMERS_LISTED = re.compile(r"^(?P<verb>set|start|make|put on|give me)\s+(?:up\s+)?(?:two|three|four|2|3|4)\s+timers?"
                           r"\W+(?:for\s+|one for\s+)?(?P<rest>.+)$", re.IGNORECASE)


def _timers_listed(text: str) -> str:
    """"set two timers, 8 minutes for the eggs and 15 minutes for the rice" said as one request
    per timer ("set a timer for 8 minutes for the eggs and set a timer for …"); else the text."""
    found = TIMERS_LISTED.match(text.strip())
    if found is None:
        return text
    each = [p.strip() for p in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+(?:one\s+)?(?:for\s+)?", found["rest"]) if p.strip()]
    if len(each) < 2 or not all(re.search(r"\d|\b(?:minutes?|hours?|seconds?|mins?|hrs?)\b", p) for p in each):
        return text
    unit = next((u for p in each if (u := _DURATION_UNIT.search(p))), None)
    if unit:  # "10 minutes for the rice and 25 for the chicken": 25 minutes
        each = [p if _DURATION_UNIT.search(p) else re.sub(r"^(\d+(?:\.\d+)?)\b", rf"\1 {unit[0]}", p) for p in each]
    return " and ".join(f"{found['verb']} a timer for {part}" for part in each)


# a second timer or alarm said without the verb: "set a rice timer for 20 minutes and a beans one for 25"
GAPPED_FIRST = re.compile(r"^(?:(?P<verb>set|start|make|put on|give me|begin|create)\s+(?:me\s+)?)?(?:a|an|one)\s+"
                          r"(?:[\w'-]+\s+){0,3}?(?P<kind>timer|alarm)\b", re.IGNORECASE)
GAPPED_NEXT = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?=(?:a|an|another|one)\s+(?:[\w'-]+\s+){0,3}?"
                         r"(?:timer|alarm|one)?\s*\b(?:for|called|named)\b)", re.IGNORECASE)


def _timers_gapped(text: str) -> str:
    """"set a rice timer for 20 minutes and a beans timer for 25" said as one request per timer
    ("… and set a beans timer for 25 minutes": a bare number takes the first one's unit); else the
    text."""
    first = GAPPED_FIRST.match(text.strip())
    if first is None:
        return text
    pieces = GAPPED_NEXT.split(text.strip())
    if len(pieces) < 2 or not all(re.search(r"\d|\bfor\b", p) for p in pieces):
        return text
    unit = _DURATION_UNIT.search(pieces[0])
    said = [pieces[0]]
    for piece in pieces[1:]:
        piece = re.sub(r"^(?:an?|another|one)\s+(?=(?:for|called|named)\b)", f"a {first['kind']} ", piece,
                       flags=re.IGNORECASE)
        piece = re.sub(r"^(?:an?|another|one)\b", "an" if first["kind"] == "alarm" else "a", piece, flags=re.IGNORECASE)
        piece = re.sub(r"\bone(?=\s+for\b)", first["kind"], piece, flags=re.IGNORECASE)  # "a beans one for 25"
        if unit and first["kind"] == "timer" and re.search(r"\bfor\s+\d+(?:\.\d+)?\W*$", piece):
            piece = f"{piece.rstrip(' .!?')} {unit[0]}"
        said.append(f"{first['verb'] or 'set'} {piece}")
    if not first["verb"]:  # "a pasta timer for 9 minutes and a sauce one for 25"
        said[0] = f"set {said[0]}"
    return " and ".join(said)


# one timer after another, each with its own length: "a 3 minute timer and a 12 minute one",
# "timer for the rice 18 minutes and another for the chicken 40"
NEXT_TIMER = re.compile(r"\s*,\s*(?:and\s+|then\s+|and then\s+)?(?=(?:a|an|another|one|the other)\b)"
                        r"|\s+and\s+(?:then\s+)?(?=(?:a|an|another|one|the other)\b)", re.IGNORECASE)
# a later piece is a timer too: it says so, or "one", or "another" ("a reminder to …" is not)
ANOTHER_TIMER = re.compile(r"^(?:another|the other|(?:an?|one)\b(?:(?!\b(?:reminder|alarm|list)\b).)*\b(?:timer|one)\b)",
                           re.IGNORECASE)
ARTICLE = re.compile(r"^(?:an?|the|my)\b", re.IGNORECASE)
WANTING = re.compile(r"^(?:i\s+(?:need|want|would like|'d like)|can i (?:have|get)|give me|get me|gimme|i'll need)\s+",
                     re.IGNORECASE)


def _timers_each(text: str) -> str:
    """Timers asked for one after another with no verb of their own, each with a length ("i need a
    3 minute timer and a 12 minute timer"), said as one "set a … timer" request each; else the text."""
    if not re.search(r"\btimers?\b", text, re.IGNORECASE):
        return text
    pieces = NEXT_TIMER.split(text.strip())
    if len(pieces) < 2 or not re.search(r"\btimer\b", pieces[0], re.IGNORECASE) \
            or not all(re.search(r"\d|\b(?:minutes?|hours?|seconds?|mins?|hrs?)\b", p) for p in pieces) \
            or not all(ANOTHER_TIMER.match(p) for p in pieces[1:]):
        return text
    unit = _DURATION_UNIT.search(pieces[0])
    said = []
    for i, piece in enumerate(pieces):
        piece = WANTING.sub("", piece) if i == 0 else re.sub(
            r"^(?:an?|another|one|the other)(?:\s+one)?\b", "a", piece, flags=re.IGNORECASE)
        piece = re.sub(r"\bone\b(?=\s*(?:for\b|please\b|thanks\b|$))", "timer", piece, flags=re.IGNORECASE)  # "a 12 minute one"
        if not re.search(r"\btimer\b", piece, re.IGNORECASE):
            piece = re.sub(r"^a\b", "a timer", piece, flags=re.IGNORECASE)
        if unit and not _DURATION_UNIT.search(piece):  # "… and another for the chicken 40"
            piece = f"{piece.rstrip(' .!?')} {unit[0]}"
        if _verb(piece) is None:  # "timer for the rice …": "set a timer for the rice …"
            piece = ("set " if ARTICLE.match(piece) else "set a ") + piece
        said.append(piece)
    return " and ".join(said)


# a second reminder said without "remind me", each with its own time: "remind me to call mom at 5 and
# to feed the cat at 6", "remind me at 5 to call mom and at 6 to feed the cat"
GAPPED_REMINDER = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:also\s+)?(?=to\s+\w|(?:at|on|in|by|tomorrow|tonight|"
                             r"this|next)\b[^,]*?\bto\s+\w)", re.IGNORECASE)
TIME_OPENS = re.compile(r"^(?:at|on|in|by|tomorrow|tonight|this|next)\b", re.IGNORECASE)


# one verb for a switch now and back later: "turn my aircon on and then off at 1", "fan on now, off again in an hour"
_SWITCH_LEAD = r"^(?P<first>(?:(?:please|pls|can you|could you|would you)\s+)*(?P<verb>turn|switch|put|flick|pop|stick|whack|chuck|kick)"
# ... the first switch timed too: "turn the geyser off at 6 tomorrow and back on at ten"
_SWITCH_WHEN = r"(?P<when>\s+(?:at|in|by|around|after|before|tonight|tomorrow|this)\b[^,]*?)?"
_SWITCH_LATER = (rf"{_SWITCH_WHEN}(?:\s+(?:now|right now|for now|first))?)"
                 r"(?:\s*,\s*(?:(?:and\s+then|and|then|but)\s+)?|\s+(?:and\s+then|and|then|but)\s+)(?P<back>(?:back|again)\s+)?"
                 r"(?P<later>on|off)\b(?P<again>\s+(?:again|back))?"
                 r"(?P<rest>\s+(?:at|in|by|after|around|tonight|tomorrow|later)\b.*)$")
SWITCHED_BACK = re.compile(rf"{_SWITCH_LEAD}\b.+?\b(?P<state>on|off){_SWITCH_LATER}", re.IGNORECASE)
# ... the way said before the thing: "turn on my fairy lights and then off at eight"
SWITCHED_BACK_FIRST = re.compile(rf"{_SWITCH_LEAD}\s+(?P<state>on|off)\s+.+?{_SWITCH_LATER}", re.IGNORECASE)


def _switched_back(text: str) -> str:
    """A thing switched now and the other way later with one verb ("turn the fan on and then off at
    11"), said as two requests ("… and turn it off at 11"); else the text."""
    found = SWITCHED_BACK.match(text.strip()) or SWITCHED_BACK_FIRST.match(text.strip())
    if found is None or found["state"].lower() == found["later"].lower() or not _a_time(found["when"]):
        return text
    verb = found["verb"].lower()
    verb = "turn" if verb == "put" else verb
    return f"{found['first']} and {verb} it {found['later']}{found['rest']}{_day_carried(found['when'], found['rest'])}"


def _a_time(said: str | None) -> bool:
    """Whether the words after the first switch are a time ("at 6 tomorrow"), not a place ("in the hall")."""
    return said is None or bool(TIME_AT_END.search(said.strip()) or _SUN.search(said))


_SUN = re.compile(r"\b(?:sunset|sunrise|dusk|dawn|sundown|noon|midnight)\b", re.IGNORECASE)
_DAY = re.compile(r"\b(?:tomorrow|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b", re.IGNORECASE)


def _day_carried(first: str | None, later: str) -> str:
    """The day the first switch was timed on, for the second said with a clock time only ("off at 6 tomorrow
    and back on at ten": at ten tomorrow)."""
    day = _DAY.search(first or "")
    if day is None or _DAY.search(later) or not re.match(r"\s+(?:at|by|around)\b", later, re.IGNORECASE):
        return ""
    return f" {day[0].lower()}"


def _reminders_gapped(text: str) -> str:
    """Two reminders in one "remind me", each with its own time, said as two requests; else the text."""
    if not re.match(r"^remind me\b", text.strip(), re.IGNORECASE):
        return text
    pieces = GAPPED_REMINDER.split(text.strip())
    timed = [TIME_AT_END.search(p.rstrip(" .!?")) or TIME_OPENS.match(p if i else p[len("remind me"):].strip())
             for i, p in enumerate(pieces)]
    if len(pieces) < 2 or not all(timed):
        return text
    return " and ".join([pieces[0], *(f"remind me {p}" for p in pieces[1:])])


def split_requests(text: str, routes: Callable[[str], bool] = lambda part: True) -> list[str]:
    """The requests in `text`, in order: several where the structure is plain and every part
    routes on its own (`routes`), else `[text]`. "It" after a request that named a list is that
    list ("start a packing list and put thermals on it": "put thermals on the packing list");
    several timers asked for at once are one request each."""
    original, text = text, _reminders_gapped(_timers_each(_timers_gapped(_timers_listed(_without_statement(text)))))
    text = _switched_back(text)
    parts = _text_verbs_keep_the_rest(text, _clauses(text))
    said = _with_lists_named(text, parts)
    kept: list[tuple[Part, str]] = []
    for part in parts:
        # a question after a request is always its own, and "…, and Omar's too" the request's again
        own = OWN_QUESTION.match(part.verb) is not None or part.verb == ELLIPSIS
        if kept and not own and not routes(said[part]):  # not a request of its own: the one before's
            joined = Part(kept[-1][0].start, part.end, kept[-1][0].verb)
            kept[-1] = (joined, _words(text, joined))
        elif part.verb == ELLIPSIS:  # said as the next turn would say it: "and Omar's too"
            kept.append((part, f"and {said[part]}"))
        else:
            kept.append((part, said[part]))
    texts = [words for _, words in kept]
    if len(texts) == 2 and LIST_START.match(command(texts[0])) and _names_list(texts[1], texts[0]):
        return texts[1:] if routes(texts[1]) else [original]  # adding to the list starts it
    if len(texts) < 2 or not routes(texts[0]):
        return [original]
    return texts


def _without_statement(text: str) -> str:
    """The requests without a statement before them ("we're off to the airport, lock up and …"): it asks nothing."""
    head, comma, rest = text.partition(",")
    return rest.strip() if comma and STATEMENT.match(head.strip()) and _verb(rest) and _clauses(rest.strip()) else text


def _with_lists_named(text: str, parts: list[Part]) -> dict[Part, str]:
    """Each part's words, with "on it" after a part that named a list said as that list, and "buy
    it" after a part that put things on a list said as those things ("add ghee to the list and
    remind me to buy it": "remind me to buy ghee")."""
    said: dict[Part, str] = {}
    for i, part in enumerate(parts):
        words = _words(text, part)
        before = _words(text, parts[i - 1]) if i else ""
        named = LIST_NAMED.search(before) if i else None
        words = ON_IT.sub(lambda m: f"{m[1]} the {named[1].lower()}", words, count=1) if named else words
        added = ITEMS_ADDED.match(command(before)) if i else None
        said[part] = GET_IT.sub(lambda m: f"{m[1]} {added['items']}", words, count=1) if added else words
    return said


def _names_list(request: str, start: str) -> bool:
    named = LIST_NAMED.search(start)
    return bool(named) and named[1].lower() in request.lower()


def _clauses(text: str) -> list[Part]:
    """The clauses between joints that open with a command verb; [] when the first does not, or
    when a clause is a bare word ("open and close the blinds")."""
    cuts: list[re.Match] = []
    for m in JOINT.finditer(text):  # (a setting with no verb only after a comma: "…, fan on 2 too")
        verb = _verb(text[m.end():])
        if not verb or verb == SETTING and m[0].strip()[:1] not in ",;":
            continue
        if cuts and _only_a_time(text[cuts[-1].end():m.start()]):
            continue  # "… and then, in an hour, remind me": the time opens the request after it
        cuts.append(m)
    last = _same_for(text, cuts[-1].end() if cuts else 0)
    cuts += [last] if last else []
    if not cuts or not _verb(text[:cuts[0].start()], timed=False):  # ("at 7, turn off … and lock …": both at 7)
        return []
    bounds = [0, *[pos for m in cuts for pos in (m.start(), m.end())], len(text)]
    parts = [Part(bounds[i], bounds[i + 1], _verb(text[bounds[i]:bounds[i + 1]]) or "")
             for i in range(0, len(bounds), 2)]
    if last:
        parts[-1] = Part(parts[-1].start, parts[-1].end, ELLIPSIS)
    return parts if all(len(_words(text, part).split()) > 1 for part in parts) else []


# words a time said before a request opens with ("in an hour", "at 7", "tomorrow morning", "after lunch")
_TIME_OPENERS = frozenset("in at after by around about tomorrow tonight today this next later".split())
_ANY_DAY = datetime(2001, 1, 1, 0, 1)  # a time is checked for being one, not for when it falls


def _only_a_time(words: str) -> bool:
    """Whether the words are a time and nothing else ("in about an hour", "at 7 tomorrow")."""
    said = command(words)
    if not said or said.split()[0] not in _TIME_OPENERS or set(said.split()) & COMMAND_VERBS:
        return False
    try:
        parse_when(said, _ANY_DAY)
    except TimeParseError:
        return False
    return True


def _same_for(text: str, after: int) -> re.Match | None:
    """The comma before a last clause that names another thing for the same request ("…, and
    Omar's too"), past `after`; None when there is none."""
    commas = [m for m in re.finditer(r"\s*[,;]\s*", text) if m.start() >= after]
    last = commas[-1] if commas else None
    return last if last and SAME_FOR.match(command(text[last.end():])) else None


def _verb(clause: str, timed: bool = True) -> str | None:
    """The command verb a clause opens with (or the question word of a question of its own), or None;
    a time may come first if `timed` ("in an hour, remind me …")."""
    said = command(LEAD.sub("", clause.strip()))
    words = said.split()
    after = next((i for i, word in enumerate(words[1:7], 1) if word in COMMAND_VERBS), None) if timed else None
    if after and words[0] not in COMMAND_VERBS and _only_a_time(" ".join(words[:after])):
        return words[after]
    if words and OWN_QUESTION.match(" ".join(words[:2])):
        return words[0]
    if words and words[0] in COMMAND_VERBS:
        return words[0]
    statement = STATEMENT.match(said) and not OWNED_THING.match(said)
    return SETTING if SETTING_ALONE.match(quantities(said)) and not statement else None


def _text_verbs_keep_the_rest(text: str, parts: list[Part]) -> list[Part]:
    """After a clause whose verb takes free text, what follows is that text, up to a time that
    closes it ("remind me to call mom and dad at 5, and set a timer …") or a request only the
    assistant is asked ("… and remind me to …", "… and add eggs to the list")."""
    kept: list[Part] = []
    for part in parts:
        if kept and (kept[-1].verb in TEXT_VERBS and not TIME_AT_END.search(_words(text, kept[-1]))
                     and not ADDRESSED.match(command(_words(text, part)))
                     and not _home_command_after_timed_reminder(text, kept[-1], part)
                     or _items_go_on(_words(text, kept[-1]), kept[-1].verb, _words(text, part))):
            kept[-1] = Part(kept[-1].start, part.end, kept[-1].verb)
        else:
            kept.append(part)
    return kept


def _home_command_after_timed_reminder(text: str, reminder: Part, part: Part) -> bool:
    """"remind me at four to bring the washing in and switch off the dehumidifier": the time
    opened the reminder, and what follows is a command to the home, to do now."""
    switching = part.verb in HOME_VERBS or (part.verb == "put" and _words(text, part).split()[-1] in ("on", "off"))
    return switching and bool(TIME_FIRST.match(command(_words(text, reminder))))


def _items_go_on(before: str, verb: str, after: str) -> bool:
    """Items being added, with the list they go to only after the joint: one list of items."""
    switching = verb == "put" and before.split()[-1].lower() in ("on", "off")  # "put the kettle on": the home's
    return verb in ADDING and not switching and not DESTINATION.search(before) and bool(DESTINATION.search(after))


def _words(text: str, part: Part) -> str:
    return LEAD.sub("", text[part.start:part.end].strip(" ,;.")).strip()


# words that may open a request before its verb ("oh, and maybe turn …")
_OPENERS = frozenset("please hey ok okay oh so and then now also maybe perhaps possibly kindly".split())


def opens_as_request(sentence: str) -> bool:
    """Whether a sentence opens as a request ("Turn off the lights", "could you maybe turn …"), not as a
    story ("the days all run together"): a command's verb after "please", "could you" and the like."""
    words, before = normalise(sentence).split(), None
    while words != before:  # "oh, and could you maybe go ahead and turn …"
        before, words = words, POLITE.sub("", " ".join(words)).split()
        while words and words[0] in _OPENERS:
            words = words[1:]
    return bool(words) and words[0] in COMMAND_VERBS
