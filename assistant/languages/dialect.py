"""Regional words in a request, read as the English words they stand for: Caribbean English creole
(`in_english`), and the switching verbs of the American South and clipped words (`plain_words`: "cut
'em on").

"Mek di sprinkler come on at 5", "put rice pon di list", "nuh badda", "mi seh yes": the rules, the
classifier and the confirmer know English, so the creole function words (Jamaican, Trinidadian,
Guyanese, Belizean) are read as English before routing. Words that are also English or names
("di", "mi", "dem", "fi", "dis", "dat") are read only beside another creole word, never when the
home names something with them ("Di's Room"), and never inside a hyphenated word ("wi-fi").
"""
from __future__ import annotations

import re
from typing import Iterable

# no English word is spelt so: one of them shows the request is in creole
MARKERS = {"pon": "on", "mek": "make", "nuh": "don't", "badda": "bother", "seh": "say", "likkle": "little",
           "cyaan": "can't", "tek": "take", "yuh": "you", "unu": "you all", "wah": "what", "weh": "where",
           "inna": "in", "wid": "with", "ting": "thing", "tings": "things", "ova": "over", "aready": "already"}
# English words or names too: read only in a request the markers (or two of these) show is creole
SHARED = {"di": "the", "dis": "this", "dat": "that", "fi": "to", "deh": "there"}
MI_IS_I_BEFORE = frozenset("seh say want need did nuh don't cyaan can can't a ago gone tink think like love "
                           "hungry tired know see".split())  # "mi" is "I" before these, else "my"
PLURAL_DEM = "dem"  # after a thing, "di light dem": the lights; after a verb, "turn dem off": them
VERBS_BEFORE_THEM = frozenset("turn switch put shut cut take tek mek make give gi get move off on".split())
WORD = re.compile(r"(?<![\w'-])[A-Za-z]+(?![\w-]|'s)")


def looks_creole(text: str) -> bool:
    """Whether the words could be creole, before the home's names are set aside (only those can
    make a request that looks creole English after all): a cheap test before `in_english`."""
    return _is_creole(list(WORD.finditer(text)))


# Spanish words no creole request has: "pon la chimenea", "pon un timer" are Spanish, not "on"
SPANISH = frozenset("la el los las un una del al por para que".split())


def _is_creole(words: list[re.Match]) -> bool:
    """A marker, or two shared words ("Di", capitalised, is a name); never Spanish (`SPANISH`)."""
    said = [m.group().lower() for m in words]
    if SPANISH & set(said) and "di" not in said:
        return False
    markers = sum(w in MARKERS for w in said) + sum(m.group() == "di" for m in words)
    return bool(markers) or sum(w in SHARED or w in ("mi", PLURAL_DEM) for w in said) >= 2


def in_english(text: str, names: Iterable[str] = ()) -> str:
    """`text` with its creole words read as English, when it is creole (see the module's docstring)."""
    taken = {word for name in names for word in re.findall(r"[a-z]+", name.lower())}
    words = [m for m in WORD.finditer(text) if m.group().lower() not in taken]
    if not _is_creole(words):
        return text
    said = [m.group().lower() for m in words]
    out, last = [], 0
    for index, match in enumerate(words):
        word = said[index]
        clause_ends = not text[match.end():].strip() or text[match.end():].lstrip()[0] in ",.!?"
        after = "" if clause_ends else said[index + 1] if index + 1 < len(said) else ""
        english = _english(word, said[index - 1] if index else "", after)
        if english is None:
            continue
        start = match.start()
        if english.startswith("+s"):  # the plural of the word before: drop "dem", add "s" there
            prefix = text[last:start].rstrip()
            out.append(prefix if prefix.endswith("s") else prefix + "s")
            last = match.end()
            continue
        out.append(text[last:start])
        out.append(english.capitalize() if match.group()[0].isupper() and start == 0 else english)
        last = match.end()
    out.append(text[last:])
    return re.sub(r"\s+([,.!?]|$)", r"\1", "".join(out)).strip()


def _english(word: str, before: str, after: str) -> str | None:
    """The English for one creole word in its place, or None to keep it."""
    if word == "nuh" and not after:  # a tag ending a clause ("turn it off nuh"): "won't you"
        return ""
    if word in MARKERS:
        return MARKERS[word]
    if word in SHARED:
        return SHARED[word]
    if word == "mi":
        return "I" if after in MI_IS_I_BEFORE else "my"
    if word == PLURAL_DEM:
        return "them" if not before or before in VERBS_BEFORE_THEM else "+s"
    return None


# "cut" for "turn", as said in the American South: "cut the porch light on", "cut on the fan", "cut it
# off" (only with its particle: "cut the heat by two degrees" is lowering it); and a particle heard
# as "of" at the end ("turn the fan of": speech-to-text)
_CUT = re.compile(r"\bcut(?=\s+(?:on|off)\b|(?:\s+[\w'-]+){1,6}?\s+(?:on|off)\s*(?:$|[,.!?]|\b(?:and|then|please|for|at|in|till|until|when)\b))",
                  re.IGNORECASE)
_OFF_HEARD_OF = re.compile(r"^(\W*(?:please\s+)?(?:turn|switch|shut|cut)\b.{1,60}?\s)of(\W*)$", re.IGNORECASE)


_THEM = re.compile(r"(?<=\w)\s+'em\b", re.IGNORECASE)  # "shut 'em off": them
# "bung it on the list", "bung the kettle on": British, Australian and New Zealand slang for put
_BUNG = re.compile(r"\bbung(?=\s+(?:a|an|the|my|our|some|it|them|that|this|[a-z]+\s+(?:on|in|onto|into)\b))", re.IGNORECASE)


# the back or the front of the property, said the Australian, New Zealand and British way ("kill the lights out the back",
# "the sprinkler down the back", "lights off out the front"): "out back", "out front"; never "out the back door"
_OUT_THE_BACK = re.compile(r"\b(?:out|down|round|around|up)\s+the\s+(back|front)\b"
                           r"(?=\s*(?:[,.!?;]|$)|\s+(?:please|pls|now|tonight|for|at|in|and|then|too|as well|when|while|after|"
                           r"before|till|until|again|mate|chur|bro|love|eh|thanks|cheers|asap|already|yet|will|is|are)\b)",
                           re.IGNORECASE)


# South African English "now now" (very soon) is now
_NOW_NOW = re.compile(r"\bnow,? now\b", re.IGNORECASE)


# a thing set to switch itself: "set the heating to go off at 11", "get the porch light to come on at 6"
# (an alarm or a timer that goes off rings: "set my alarm to go off at 6" stays)
_TO_GO = re.compile(r"\b(set|get|have)\s+((?:the|my|our)\s+(?![\w' -]*\b(?:alarms?|timers?|reminders?|clocks?)\b)"
                    r"[\w' -]{2,40}?)\s+to\s+(?:go|come|turn|switch)\s+(on|off)\b", re.IGNORECASE)


# someone buzzed in at the entry door: the door unlocked for them ("buzz the courier in", "buzz him in")
_BUZZ_IN = re.compile(r"(?<![\w' ])(?P<lead>\W*(?:(?:ok|okay|hey|right|aye|yeah|yes),?\s+"
                      r"|(?:can|could|would|will)\s+(?:you|u)\s+|please\s+|just\s+|go\s+(?:and\s+)?)*)"
                      r"buzz\s+(?:(?:(?:the|my|our)\s+)?[\w']+(?:\s+[\w']+)?\s+in\b(?!\s+(?:my|the|your|\d))"
                      r"|in\s+(?:(?:the|my|our)\s+)?[\w']+(?:\s+[\w']+)?(?=\s*(?:please|now|[,.!?]|$)))", re.IGNORECASE)


# "ting" after a name is a filler of London and Birmingham slang ("the big light ting", "the list ting"); after a
# word that points ("di ting", "that ting") it is a thing
_NAME_TING = re.compile(r"\b(?!(?:the|a|an|di|de|da|dat|that|this|dis|dem|any|some|every|each|one|no|my|your|our|his|"
                        r"her|their|which|what|wat|weh|same|other|anudda|another|nuh|nothing|every)\b)([a-z]+)\s+tings?\b",
                        re.IGNORECASE)


def without_filler_ting(text: str) -> str:
    """`text` without a slang "ting" said after a name ("put the big light ting on"), read before creole's
    "ting" (a thing)."""
    return _NAME_TING.sub(r"\1", text)


def plain_words(text: str) -> str:
    """`text` with the South's "cut … on/off" as "turn … on/off", "'em" as "them", "bung" as "put", a last "of"
    after a switching verb as "off", "set the heating to go off" as "turn the heating off",
    "buzz the courier in" as "unlock the door", "out the back" and "down the back" as "out back", "now now" as "now"."""
    text = _BUZZ_IN.sub(lambda m: f"{m['lead']}{'U' if m.group()[len(m['lead'])].isupper() else 'u'}nlock the door",
                        text)
    text = _THEM.sub(" them", _CUT.sub(lambda m: "Turn" if m.group()[0].isupper() else "turn", text))
    text = _BUNG.sub(lambda m: "Put" if m.group()[0].isupper() else "put", text)
    text = _TO_GO.sub(lambda m: f"{'Turn' if m[1][0].isupper() else 'turn'} {m[2]} {m[3]}", text)
    text = _OUT_THE_BACK.sub(lambda m: f"out {m[1].lower()}", text)
    text = _NOW_NOW.sub("now", text)
    return _OFF_HEARD_OF.sub(r"\1off\2", text)
