"""The spoken Englishes' words around a request: interjections and greetings before it, particles after it
("aiyo, the fan on lah"), "on"/"off" said as the verb, a thing made or wanted to switch, an instruction
passed on: the request as "turn on the fan"."""
from __future__ import annotations

import re

from assistant.splitting import SETTING_ALONE, TEXT_VERBS, opens_as_request
from assistant.words import command, is_question, quantities

# discourse particles and interjections of spoken Englishes (Singapore, Malaysia, India, West Africa,
# ...) that colour a request but ask nothing: "aiyo, the fan on lah", "eh, lights off", "do it na",
# "abeg, off the light o"
INTERJECTION = re.compile(r"^\W*(?:aiyo+|aiyah?|aiya+|alamak|wah+|eh+|oi+|arre+|arey|haiya+|ayy?o+"
                          r"|(?:(?:abeg|biko)(?:[\s,]+make (?:you|una))?|oya)(?!\W*(?:do am|carry go)\W*$)|ehen|haba|no cap|fr fr|deadass"
                          r"|(?:it's |this is )?[a-z]+ here(?=\s*[,.!])"  # "Kamsi here, …"
                          r"|(?:good (?:morning|afternoon|evening)|hello|hi|hiya|marhaba|marhaban|ahlan|ahla|hala|"
                          r"salam|salaam|as-?salamu? ?alaykum|sabah el khair|sabah el kheir|bonjour|bonsoir|salut|"
                          r"ça va|ca va|kifak|kifik|keefak|hola|buenos d[ií]as|namaste|kumusta|magandang umaga"
                          # exclamations ("bloody hell, it's hot", "crikey, …")
                          r"|bloody hell|oh my god|omg|oh my gosh|good grief|strewth|struth|crikey|blimey|jeez|geez|gosh|"
                          r"oh boy|ugh+|argh+|phew)"
                          r"(?:,? (?:my dear|dear|there|love|all|habibi|habibti|ya \w+))?"
                          r"(?=\s*[,.!]))\b[\s,!.]*(?=\w)",  # a greeting before the request
                          re.IGNORECASE)
PARTICLE = re.compile(r"(?<=\w)[\s,]+(?:lah|la|leh|lor|hor|sia|meh|ah|yaar|ji|na|o+|sha|jare|abeg|biko"
                      r"|po|naman|lang|nga)(?=\W*$)"  # Filipino: "open the light po", "sige naman"
                      r"|(?<=\w)\s+(?:lah|po|naman|ji)\b(?=\s*,)|(?<=\w)\s+lah\b", re.IGNORECASE)


# "on" and "off" said as the verb, as in South and South-East Asian English: "on the fan", "off the lights"
# (after a lead that asks nothing: "please on the dryer", "sir, can you on the fan", "actually off it now"), or
# after "and" in the middle ("please on the dryer, and off it after an hour")
_SWITCH_LEAD = (r"(?:and|then|now|ok|okay|sure|yes|yeah|yep|alright|oh|well|hey|so|also|actually|just|please|pls|kindly|"
                r"can you|could you|can|help me|sir|ma'am|"
                r"maam|madam|boss|uncle|auntie|aunty|ate|kuya)")
_SWITCHED = (r"(on|off)\s+(?=(?:the|my|our|all|both|every|them|it(?=\s+\w)|[a-z]+'s)\b"
             r"(?!\s+(?:way|top|other|one hand|whole)\b))")
SWITCH_VERB = re.compile(rf"(?:^|(?<=[.?!]\s))(\W*(?:{_SWITCH_LEAD}[\s,]+)*){_SWITCHED}", re.IGNORECASE)  # (a sentence's start)
# ... "it" closing the words, only after a courtesy ("please on it"; "on it" alone is "I'm on it")
SWITCH_IT = re.compile(r"^(\W*(?:(?:and|then|now|just|please|pls|kindly)[\s,]+)+)(on|off)\s+it\W*$", re.IGNORECASE)
SWITCH_VERB_AFTER_AND = re.compile(rf"((?:,\s*|\s+)(?:and|and then|then)\s+(?:(?:please|pls|also)\s+)?){_SWITCHED}",
                                   re.IGNORECASE)
# ... said after the thing: "the lamps downstairs, on them", "the fan, off it"
SWITCH_AFTER = re.compile(r"^(?P<lead>\W*)(?P<target>(?:the|my|our|all|both|every)\b[^,]*?),?\s+(?P<state>on|off)\s+"
                          r"(?:them|it|am)\W*$", re.IGNORECASE)
# a thing made to switch: "have the parol come on at 7", "get the heater to go off at 10", "let the fan turn off"
MADE_TO_SWITCH = re.compile(r"^(?P<lead>\W*)(?:have|get|let|make)\s+(?P<target>(?:the|my|our)\b[\w' ]+?)\s+"
                            r"(?:to\s+)?(?:come|go|turn|switch|click)\s+(?P<state>on|off)\b"
                            r"(?P<level>\s+(?:high|low|medium|full|max|maximum|minimum)\b)?", re.IGNORECASE)
# a thing wanted in a state: "i'd like the heat tape turned on", "we need the porch light switched off"
WANTED = re.compile(r"^(?P<lead>\W*)(?:(?:i'd|i would|we'd|we would) (?:like|love|prefer)|(?:i|we) (?:want|need))\s+"
                    r"(?P<target>(?:the|my|our)\b[\w' ]+?)\s+(?:turned|switched|put|flicked)\s+(?P<state>on|off)\b", re.IGNORECASE)
# "turn off them" (from "off them") said the English way: "turn them off"
SWITCHED_PRONOUN = re.compile(r"\bturn (on|off) (them|it)\b")
# an instruction passed on: "Madam said make I on the pump", "mum says to turn off the heater"
REPORTED = re.compile(r"^\W*(?:(?:my|the|our) )?[a-z']+ (?:said|says|told me|asked me|wants me|wants us)"
                      r"(?: to| make i| make we| i should| we should| that i should)\s+(?=\w)", re.IGNORECASE)


def turned(found: re.Match) -> str:
    """A thing switched in other words, said as "turn on/off the thing" ("turn the thing on high")."""
    if found.groupdict().get("level"):
        return f"{found['lead']}turn {found['target']} {found['state']}{found['level']}"
    return f"{found['lead']}turn {found['state']} {found['target']}"


# Singapore and Malaysian English closing a request: "…, can or not", "… can already", "… one time" (at once)
CAN_OR_NOT = re.compile(r"[\s,]+(?:can or not|can or cannot|can anot|can already|can lah|can't meh)\W*$", re.IGNORECASE)
CLOSING_TAG = re.compile(r"[\s,]+(?:can|or not|one time|already|first)\W*$", re.IGNORECASE)
OPENING_CAN = re.compile(r"^(\W*)can\s+(?=(?:turn|switch|set|put|open|close|lock|start|stop|play)\b)", re.IGNORECASE)


# "later" before a clock time, as Singapore English says "this evening at": "off the tv later 11 o'clock"
LATER_AT = re.compile(r"\blater\s+(?:at\s+)?(?=(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
                      r"(?::\d\d)?\s*(?:o'clock|am|pm|a\.m\.|p\.m\.)?(?:\W*$|\s*,))", re.IGNORECASE)


# a yes-or-no question said as Singapore English asks it: "the washing machine finish already or not", "gate locked
# or not": is the washing machine finished?
STATE_OR_NOT = re.compile(r"^\W*(?P<thing>(?:(?:the|my|our)\s+)?[a-z][\w' ]*?)\s+(?:is\s+|are\s+)?(?P<state>on|off|open|closed|"
                          r"locked|unlocked|finish(?:ed)?|done|running|ready|dry|full|empty)\s+(?:already\s+)?or not\W*$",
                          re.IGNORECASE)


def state_asked(text: str) -> str:
    """"X on already or not" asked as "is X on?"; else the words."""
    found = STATE_OR_NOT.match(text)
    if found is None or opens_as_request(found["thing"]) or is_question(found["thing"]):
        return text
    state = "finished" if found["state"].lower() == "finish" else found["state"]
    thing = found["thing"][0].lower() + found["thing"][1:] if found["thing"].split()[0].lower() in ("the", "my", "our") \
        else found["thing"]
    return f"is {thing} {state}?"


def without_closing_tag(text: str) -> str:
    """A request without a closing "can or not", "can already" or, on a request, "can", "or not", "one time",
    "already", "first" ("Can on the fan or not": turn on the fan; "volume 10 can": volume 10)."""
    text = OPENING_CAN.sub(r"\1", CAN_OR_NOT.sub("", text) or text)
    cut = CLOSING_TAG.sub("", text)
    said = command(cut).split()
    if cut != text and said and said[0] not in TEXT_VERBS and not is_question(cut) and (
            opens_as_request(cut) or SETTING_ALONE.match(quantities(" ".join(said))) or re.search(r"\d\W*$", cut)):
        return cut  # (never the words of a reminder or a message: "remind me to call mum first")
    return text


def _asked(found: re.Match) -> bool:
    """Whether an "on"/"off" after "and" is the verb: asked ("and please on the …") or of "it" or "them" (not
    "back and on the shelf")."""
    return "please" in found[1].lower() or "pls" in found[1].lower() \
        or bool(re.match(r"(?:it|them)\b", found.string[found.end():], re.IGNORECASE))


def without_particles(text: str) -> str:
    """The words without a leading interjection or a trailing particle, and "on the fan" said as
    "turn on the fan"; as they were if nothing is left."""
    stripped = REPORTED.sub("", text, count=1)
    for _ in range(2):  # "Good morning. Biko, …"
        stripped = INTERJECTION.sub("", stripped, count=1)
    stripped = PARTICLE.sub("", stripped)
    opened = SWITCH_VERB.match(stripped)
    stripped = SWITCH_VERB.sub(lambda m: f"{m[1]}turn {m[2].lower()} ", stripped)
    stripped = SWITCH_VERB_AFTER_AND.sub(lambda m: f"{m[1]}turn {m[2]} " if opened or _asked(m) else m[0], stripped)
    stripped = SWITCH_IT.sub(lambda m: f"{m[1]}turn it {m[2].lower()}", stripped)
    stripped = SWITCHED_PRONOUN.sub(r"turn \2 \1", stripped)
    stripped = SWITCH_AFTER.sub(turned, stripped, count=1)
    stripped = MADE_TO_SWITCH.sub(turned, stripped, count=1)
    stripped = WANTED.sub(turned, stripped, count=1)
    stripped = LATER_AT.sub("at ", without_closing_tag(state_asked(stripped)))
    return stripped if stripped.strip() else text

