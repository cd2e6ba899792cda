"""A question the chat can answer from what it already knows ("how many players are on a rugby team",
"why is the sea salty", "who won the world cup in 1966"): it needs no live data, no service and
nothing of the user's own. When the model declines such a question, the chat answers it instead; a
decline stays for anything that depends on the world as it is now, on a place near the user, or on
the user's own accounts and things.
"""
from __future__ import annotations

import re

from assistant.words import ASKS_TO_PLAY, is_question

# words that make a question depend on now, on the user, on a service or on a place near them
NOT_TIMELESS = re.compile(
    r"\b(?:today|tonight|tomorrow|yesterday|now|currently|current|latest|recent|recently|still|yet|"
    r"this (?:week|weekend|morning|afternoon|evening|year|month|season)|last (?:night|week|weekend|game|match)|"
    r"next|upcoming|score|scores|winning|playing|showing|on tv|live|"
    r"forecast|"
    r"news|headlines|trending|price|prices|cost|costs|how much is|trading|stock|stocks|rate|rates|"
    r"traffic|drive|flight|flights|route|directions|deliver|delivery|delivered|parcel|package|order|open|opening|close|closing|"
    r"my|our|me|i|we|us|mine|near|nearby|around here|from here|here|local|"
    r"attached|file|pdf|email|message|messages)\b", re.IGNORECASE)


# weather words: today's weather, unless the question asks why, or about the usual climate
WEATHER = re.compile(r"\b(?:weather|rain|rains|raining|rainy|snow|snows|snowing|outside|outdoors|temperature|"
                     r"temperatures)\b", re.IGNORECASE)
EXPLAINED = r"^\W*(?:why|what causes|what makes|how come)\b"
EXPLAINED_OR_USUAL = re.compile(EXPLAINED + r"|\b(?:usually|typically|normally|"
                                r"on average|average|a year|per year|every year|ever|in (?:winter|summer|spring|"
                                r"autumn|fall)|climate)\b", re.IGNORECASE)
# "why do people here …", "how come everyone round here …": the place the user lives, asked about
# in general ("in here" is the room they are in)
PEOPLE_HERE = re.compile(EXPLAINED + r".*\b(?:people|everyone|everybody|folks?|locals|they|we)\b.*?"
                         r"\b((?:a?round |over |out )?here)\b", re.IGNORECASE)

# ... and a question about how a thing is ("is the hot tub on", "what's the heater set to"): the home's
HOW_A_THING_IS = re.compile(r"\b(?:on|off|open|closed|shut|locked|unlocked|running|playing|charging|set to|at)\W*$",
                            re.IGNORECASE)


def timeless_question(text: str) -> bool:
    """Whether the words are a question that general knowledge answers as well today as any day."""
    asked = PEOPLE_HERE.match(text)
    if asked and not re.search(r"\bin here\b", text, re.IGNORECASE):
        text = text[:asked.start(1)] + text[asked.end(1):]
    return is_question(text) and not NOT_TIMELESS.search(text) and not HOW_A_THING_IS.search(text) \
        and not ASKS_TO_PLAY.match(text) \
        and (not WEATHER.search(text) or bool(EXPLAINED_OR_USUAL.search(text)))
