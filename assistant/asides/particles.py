"""The spoken Englishes' words around a request: interjections and greetings before it, particles after it
("aiyo, the fan on lah"), "on"/"off" said as the verb, a thing made or wanted to switch, an instruction
passed on: the request as "turn on the fan"."""
from __future__ import annotations

import re

# discourse particles and interjections of spoken Englishes (Singapore, Malaysia, India, West Africa,
# ...) that colour a request but ask nothing: "aiyo, the fan on lah", "eh, lights off", "do it na",
# "abeg, off the light o"
INTERJECTION = re.compile(r"^\W*(?:aiyo+|aiyah?|aiya+|alamak|wah+|eh+|oi+|arre+|arey|haiya+|ayy?o+"
                          r"|(?:(?:abeg|biko)(?:[\s,]+make (?:you|una))?|oya)(?!\W*(?:do am|carry go)\W*$)|ehen|haba"
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
SWITCH_VERB = re.compile(r"^(\W*(?:(?:and|then|now|ok|okay|so)[\s,]+)*)(on|off)\s+"
                         r"(?=(?:the|my|our|all|both|every|them|it(?=\s+\w)|[a-z]+'s)\b(?!\s+(?:way|top|other|one hand)\b))",
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


def without_particles(text: str) -> str:
    """The words without a leading interjection or a trailing particle, and "on the fan" said as
    "turn on the fan"; as they were if nothing is left."""
    stripped = REPORTED.sub("", text, count=1)
    for _ in range(2):  # "Good morning. Biko, …"
        stripped = INTERJECTION.sub("", stripped, count=1)
    stripped = PARTICLE.sub("", stripped)
    stripped = SWITCH_VERB.sub(lambda m: f"{m[1]}turn {m[2]} ", stripped, count=1)
    stripped = SWITCHED_PRONOUN.sub(r"turn \2 \1", stripped, count=1)
    stripped = SWITCH_AFTER.sub(turned, stripped, count=1)
    stripped = MADE_TO_SWITCH.sub(turned, stripped, count=1)
    stripped = WANTED.sub(turned, stripped, count=1)
    return stripped if stripped.strip() else text

