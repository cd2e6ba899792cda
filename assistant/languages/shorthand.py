"""Shorthand read as the words it stands for, before routing, so that the rules, the classifier and
the confirmer all see plain English:

- chat shorthand typed ("nvm", "pls", "tmrw", "ur", "2nite"): whole words only, never a word of the
  home's names;
- a number's homophone beside a value: "too degrees" (two), "set it too 70" (to); in speech also
  "2 70" (to 70), "for minutes" (four), "won hour" (one), "ate minutes" (eight), which a recogniser
  writes for what was said;
- the switching idiom "lights out (upstairs)": turn off the lights (upstairs);
- a hedge that opens or closes a request ("lowkey", "ngl", "tbh", "fr"): no part of it; a follow-up
  opening with "also" ("also the ac to 20") is one opening with "and".
"""
from __future__ import annotations

import functools
import re
from typing import Callable, Iterable

CHAT_SHORTHAND = {
    "nvm": "never mind", "nvmd": "never mind", "pls": "please", "plz": "please", "thx": "thanks",
    "thnx": "thanks", "u": "you", "ur": "your", "rn": "right now", "tmrw": "tomorrow", "tmrrw": "tomorrow",
    "tmro": "tomorrow", "tmr": "tomorrow", "2moro": "tomorrow", "2morrow": "tomorrow", "2nite": "tonight",
    "2night": "tonight", "tonite": "tonight", "b4": "before", "abt": "about", "msg": "message",
    "lemme": "let me", "gimme": "give me", "w/": "with", "bc": "because", "cuz": "because",
    "kinda": "kind of", "sorta": "sort of", "nah": "no", "n": "and", "wat": "what", "wats": "what's", "wot": "what",
    "whta": "what", "waht": "what", "wht": "what", "wut": "what", "whats'": "what's",
}
# hedges that open or close a request and ask nothing ("lowkey turn the lights off", "… ngl")
_HEDGE = r"(?:lowkey|low key|highkey|high key|ngl|tbh|tbf|fr fr|fr|no cap|istg|lol|lmao|honestly|not gonna lie)"
# ... and "do one thing, …" (Indian English: here is what to do)
HEDGES = re.compile(rf"^\W*(?:{_HEDGE}|do one thing)\b[\s,]*(?=\w)|[\s,]+{_HEDGE}\W*$", re.IGNORECASE)
_SHORTHAND = re.compile(r"(?<![\w'/])(" + "|".join(re.escape(w) for w in sorted(CHAT_SHORTHAND, key=len, reverse=True))
                        + r")(?![\w'])", re.IGNORECASE)

UNITS = r"(?:degrees?|minutes?|mins?|hours?|hrs?|seconds?|secs?|percent|notches|clicks)\b"
NOT_A_CONVERSION = r"(?!\s+(?:celsius|fahrenheit|centigrade|c|f)\b)"
# beside a value, whatever the source: "too" and "fore" are never the words meant
TYPED_HOMOPHONES = [
    (re.compile(rf"\btoo\s+(?={UNITS}{NOT_A_CONVERSION})", re.IGNORECASE), "two "),
    (re.compile(r"\btoo\s+(?=\d)", re.IGNORECASE), "to "),
    (re.compile(rf"\bfore\s+(?={UNITS})", re.IGNORECASE), "four "),  # "fore minutes"
]
# in speech, what a recogniser writes for a number or for "to"
HEARD_HOMOPHONES = [
    (re.compile(rf"\bto\s+(?={UNITS}{NOT_A_CONVERSION})", re.IGNORECASE), "two "),
    (re.compile(rf"\bfor\s+(?=(?:and a (?:half|quarter)\s+)?{UNITS})", re.IGNORECASE), "four "),
    (re.compile(r"\b(at|for|till|until)\s+ate\b", re.IGNORECASE), r"\1 eight"),  # a clock time: "at ate thirty"
    (re.compile(r"\b(at|for|till|until)\s+won\b", re.IGNORECASE), r"\1 one"),
    (re.compile(rf"\bwon\s+(?={UNITS})", re.IGNORECASE), "one "),
    (re.compile(rf"\bate\s+(?={UNITS})", re.IGNORECASE), "eight "),
    (re.compile(r"(?<![\d.:])(?<!\bat )(?<!\bfor )(?<!\bby )(?<!\btill )(?<!\buntil )(?<!\bfrom )(?<!\band )"
                r"\b2\s+(?=\d\d+\s*(?:%|percent|degrees?|°\w?)?(?:\s+(?:please|now|thanks))?\W*$)"),
     "to "),  # a level at the end: "the thermostat 2 70", never "at 2 30" or "2 12 packs"
]
LIGHTS_OUT = re.compile(r"^(\W*(?:(?:hey|ok|okay|so|and|alright|right)\W+)*)lights\s+out\b(?!\s+(?:of|for)\b)",
                        re.IGNORECASE)


# a follow-up that opens with "also" ("also the ac to 20"): "and …"
ALSO_FIRST = re.compile(r"^\W*also\s+(?=(?:the|my|our|your|his|her|set|turn|switch|put|make|open|close)\b)", re.IGNORECASE)


def in_full(text: str, source: str = "text", names: Callable[[], Iterable[str]] = tuple) -> str:
    """`text` with its shorthand read out (see the module's docstring); `names()`: the home's names,
    whose words are never read as shorthand (read only when some shorthand is there)."""
    taken = functools.cache(lambda: {word for name in names() for word in re.findall(r"[\w/]+", name.lower())})
    if _SHORTHAND.search(text):
        text = _SHORTHAND.sub(lambda m: m.group() if m.group().lower() in taken()
                              else CHAT_SHORTHAND[m.group().lower()], text)
    if HEDGES.search(text):
        text = HEDGES.sub(lambda m: m.group() if set(re.findall(r"[a-z]+", m.group().lower())) & taken() else "", text)
    for pattern, words in TYPED_HOMOPHONES + (HEARD_HOMOPHONES if source == "voice" else []):
        text = pattern.sub(words, text)
    return ALSO_FIRST.sub("and ", LIGHTS_OUT.sub(r"\1turn off the lights", text))
