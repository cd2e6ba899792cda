"""Hindi and Punjabi words in an Indian English request, read as English: the verb after the
thing ("TV band karo" → "turn off TV", "fan chala do" → "turn on fan", "garage khol do" → "open
garage"), "yaad rakhna" (remember), "haan ji" (yes), "nahi" (no), "aur" (and), "mera/mere" (my)
and "da/ka/ki" between two things ("bathroom da fan" → "bathroom fan").

People who mix languages put the verb where their own language has it: last, as a light verb
("karo", "do", "dena") after a word that says what to do. Only a request with one of those marker
words is read (no English word is spelt so), and never a word of the home's own names.
"""
from __future__ import annotations

import re
from typing import Iterable

from assistant.splitting import COMMAND_VERBS

# what to do, said before a light verb: the English verb that goes before the thing
ACTIONS = {"band": "turn off", "bandh": "turn off", "bund": "turn off", "bujha": "turn off", "bujhao": "turn off",
           "chala": "turn on", "chalao": "turn on", "chalu": "turn on", "chaalu": "turn on", "jala": "turn on",
           "jalao": "turn on", "on": "turn on", "off": "turn off", "khol": "open", "kholo": "open",
           "kam": "turn down", "dheema": "turn down", "dheemi": "turn down", "tez": "turn up", "zyada": "turn up"}
# light verbs after it: "karo", "kar do", "kar dena", "do", "dena", "dijiye", "kardo"
LIGHT_VERB = r"(?:kar(?:o|do|na|ni)?(?:\s+(?:do|dena|dijiye|diyo))?|do|dena|dijiye|diyo)"
# a request in these words: the thing, the action, a light verb, and what follows ("…, I sleep in the chair")
COMMAND = re.compile(rf"^(?P<lead>\W*(?:aur\s+|and\s+)?)(?P<thing>[\w' ]+?)\s+(?P<action>{'|'.join(ACTIONS)})"
                     rf"(?:\s+{LIGHT_VERB})?(?P<tail>\s+(?:ji|please|na|yaar))*(?P<rest>\s*[^\w\s].*)?$", re.IGNORECASE)
# the action first, as in English: "band kar dena the TV in one hour"
ACTION_FIRST = re.compile(rf"^(?P<lead>\W*(?:aur\s+|and\s+)?)(?P<action>{'|'.join(ACTIONS)})\s+{LIGHT_VERB}\s+(?P<rest>\w.*)$",
                          re.IGNORECASE)
# the words that show the request is mixed (an action alone may be English: "on", "off", "band")
MARKERS = frozenset("thoda karo kardo karna kar dena dijiye diyo chala chalao chalu chaalu jala jalao bujha bujhao khol "
                    "kholo dheema dheemi yaad rakhna rakho haanji hanji haan nahi nahin mera mere meri".split())
WORDS = [(re.compile(r"^\W*yaad\s+rakh(?:na|o|iye|ein)\b[\s,]*", re.IGNORECASE), "remember, "),
         (re.compile(r"^\W*(?:haan\s*ji|haanji|hanji|ji\s+haan|haan)\W*$", re.IGNORECASE), "yes"),
         (re.compile(r"^\W*(?:nahi|nahin|nahi\s+ji|na\s+ji)\W*$", re.IGNORECASE), "no"),
         (re.compile(r"\b(?:mere|mera|meri)\b", re.IGNORECASE), "my"),
         (re.compile(r"\b(?:thoda|thodi|thora)\b", re.IGNORECASE), "a bit"),
         (re.compile(r"(?<=\w)\s+(?:da|ka|ki|ke|di|de)\s+(?=\w)", re.IGNORECASE), " ")]


def is_mixed(text: str) -> bool:
    """Whether the words hold one of the markers of a request in Hindi or Punjabi."""
    return any(w in MARKERS for w in re.findall(r"[a-z]+", text.lower()))


def in_english(text: str, names: Iterable[str] = ()) -> str:
    """The request with its Hindi and Punjabi words read as English, when it is mixed; else as said.
    A word of the home's names (`names`) is never read."""
    taken = {w for name in names for w in re.findall(r"[a-z]+", name.lower())}
    markers = [w for w in re.findall(r"[a-z]+", text.lower()) if w in MARKERS]
    if not markers or any(w in taken for w in markers):
        return text
    for pattern, english in WORDS:
        text = pattern.sub(english, text)
    first, last = ACTION_FIRST.match(text), COMMAND.match(text)
    if first:
        text = f"{_lead(first)}{ACTIONS[first['action'].lower()]} {first['rest']}"
    elif last and last["thing"].strip() and last["thing"].split()[0].lower() not in COMMAND_VERBS:
        text = f"{_lead(last)}{ACTIONS[last['action'].lower()]} {last['thing'].strip()}{last['rest'] or ''}"
    return " ".join(text.split())


def _lead(found: re.Match) -> str:
    return "and " if re.search(r"\b(?:aur|and)\b", found["lead"], re.IGNORECASE) else ""
