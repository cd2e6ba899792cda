"""Spoken Arabic typed in Roman letters ("Arabizi": Levantine, Egyptian, Gulf), read as English: a
command ("dawwi el daw bel matbakh" → "turn on the light in the kitchen", "sakker el mkayyef bi
ghorfet Omar" → "turn off the AC in Omar's room"), a timer, an alarm, a reminder, a list, a
message, a fact to remember, a question of the clock, and the short answers of a conversation
("eh" → "yes", "la2, el lamba" → "no, the lamp", "khalas" → "never mind").

Arabic puts the verb first, as English does, so the words are read one by one (`arabic_words.py`),
with what English says otherwise put right: whose a thing is after it ("ghorfet Omar": Omar's
room; "el AC taba3 Omar": Omar's AC), the adjective after its noun ("el daw el kbir": the big
light), "open" and "close" said of a light or an AC (on, off), a time said with "3al" (at) and
"ba3d" (in). A clause after a comma that says why ("…, bade nem": I want to sleep) is no part of
the request. Only words with a marker are read (a verb or a thing no English word is spelt as, or
a word with a digit for a letter), never a word of the home's names; English words stay as said.
"""
from __future__ import annotations

import re
from itertools import takewhile
from typing import Iterable

from rapidfuzz.distance import Levenshtein

from assistant.languages.arabic_words import (ADJECTIVES, ANSWERS, FILLERS, FRACTIONS, NUMBERS, OPENED, OWNED, PEOPLE, PHRASES,
                                    PLACES, QUESTIONS, REASONS, SWITCHED, THINGS, TIMES, UNITS, VERBS)
from assistant.routing.spelling import english_words
from assistant.timeparse import extract_time_phrase

# words that are English (or names) too: no marker of Arabic on their own
_SHARED = frozenset("dow dawe garage boiler condition timer salon saloon sala nour nur nor lait may moy teli liste lista nom noum "
                    "hon hown hena hina bara barra oda daraj forn mama baba emme sot sout ghada dif set bab beb "
                    "kaffi olla zid shil".split())
# the small words only Arabic has ("enno", "kaman", "elli")
_ARABIC_SMALL = frozenset("enno inno ennu kamen kaman kamaan kamena shway shwayye shwaya shwai ktir kteer bel bil fil lal lil "
                          "elli hayda hayde taba3 tab3 bta3 3ala 3end 3and emta imta wein fein mino meen keef ezzay "
                          "2addesh addesh".split())
MARKERS = frozenset({*VERBS, *THINGS, *PLACES, *PEOPLE, *_ARABIC_SMALL}) - _SHARED
# a word with a digit for a letter ("3al", "7ammam", "2albe"), not a number with its unit ("7pm", "3rd", "4k")
_DIGIT_WORD = re.compile(r"^(?=.*[a-z])(?=.*[2-9])[a-z0-9']+$")
_NOT_DIGIT_WORD = re.compile(r"^\d+(?:st|nd|rd|th|am|pm|a|p|k|x|s|h|m|min|mins|hr|hrs|ish|c|f|g|kg|km|gb|mb|mm|cm|d)$")
WORD = re.compile(r"[\w'-]+")

# the small words: what they are in English
SMALL = {"el": "the", "il": "the", "al": "the", "l": "the", "bel": "in the", "bil": "in the", "fil": "in the",
         "bi": "in", "b": "in", "fi": "in", "3al": "on the", "3a": "on the", "ala": "on the", "lal": "for the",
         "lil": "for the", "ma3": "with", "w": "and", "wa": "and", "we": "and", "kamen": "too", "kaman": "too",
         "kamaan": "too", "kamena": "too", "shway": "a bit", "shwayye": "a bit", "shwaya": "a bit", "shwai": "a bit",
         "shwayy": "a bit", "ktir": "very", "kteer": "very", "wayed": "very", "awi": "very", "2awi": "very",
         "hayda": "this", "hayde": "this", "hay": "this", "hal": "this", "kell": "all", "kil": "all", "kol": "all",
         "enno": "that", "inno": "that", "ennu": "that", "min": "from", "men": "from", "3end": "to", "3and": "to",
         "ro7": "go", "rou7": "go", "ekhod": "take", "ekhoud": "take", "akhod": "take", "2akhod": "take",
         "khod": "take", "jib": "bring", "jibli": "bring me", "ettesel": "call", "ettasel": "call", "7aki": "call",
         "edfa3": "pay", "adfa3": "pay", "eshtri": "buy", "ishtari": "buy", "2eshtere": "buy", "ghayyer": "change",
         "emta": "when is", "imta": "when is", "wein": "where is", "wen": "where is", "fein": "where is",
         "shou": "what is", "shu": "what is", "mino": "who is", "meen": "who is", "kif": "how is", "keef": "how is",
         "ezzay": "how is", "2addesh": "how much is", "addesh": "how much is", "ma": "not", "mish": "not",
         "jehez": "ready", "jehze": "ready", "wselt": "I'm here", "wsel": "arrived", "ba3d": "after", "la": "to",
         "lel": "for the", "3ala": "on the", "elli": ""}
_POSSESSIVE = frozenset("taba3 tab3 taba3it tabe3 bta3 bta3it 7ag 7agg mal".split())  # "el AC taba3 Omar": Omar's AC
_ROOM_OF = frozenset(k for k, v in PLACES.items() if v == "room of")
# how a place feels: "shou 3atme hon" (how dark it is here)
FEELS = {"3atme": "dark", "3atem": "dark", "dalme": "dark", "dalam": "dark", "shob": "hot", "shobb": "hot",
         "7arr": "hot", "7ar": "hot", "7amm": "hot", "7arran": "hot", "bared": "cold", "bard": "cold",
         "barde": "cold", "sa2e3": "cold", "khan2a": "stuffy", "5an2a": "stuffy"}
# a word said to someone that only Arabic has ("yalla", "ya 2albe"): the rest may be English
ARABIC_FILLER = re.compile(r"\b(?:yalla|yallah|habibi|habibti|7abibi|7abibti|ya\s+2albe|ya\s+albi|wallah|wallahi|inshallah|"
                           r"mashallah|khalas|ya3ne|ya3ni)\b", re.IGNORECASE)
_NUMBER = "|".join(sorted(NUMBERS, key=len, reverse=True))
_UNIT = "|".join(sorted(UNITS, key=len, reverse=True))


def is_mixed(text: str, names: Iterable[str] = ()) -> bool:
    """Whether the words are Arabic in Roman letters: a marker word that is no word of the home's
    names (`names`), or a whole answer or question of the household's."""
    said = " ".join(WORD.findall(text.lower()))
    if any(p.match(said) for p, _ in [*ANSWERS, *QUESTIONS]) or ARABIC_FILLER.search(text):
        return True
    taken = {w for name in names for w in WORD.findall(name.lower())}
    return any(_marker(w) and w not in taken for w in WORD.findall(text.lower()))


def _marker(word: str) -> bool:
    return word in MARKERS or (bool(_DIGIT_WORD.match(word)) and not _NOT_DIGIT_WORD.match(word))


# -- spellings: Arabic has no one way to be written in Roman letters ("mkayyef", "mukayyif",
# "mukayyef"), so a word no table has is read as the table's word with the same consonants
_SOUNDS = [("7'", "kh"), ("3'", "gh"), ("5", "kh"), ("6", "t"), ("7", "h"), ("8", "2"), ("9", "s"), ("q", "2"),
           ("'", "2"), ("dh", "z"), ("th", "t"), ("j", "g"), ("ee", "i"), ("oo", "u"), ("ou", "u")]


def _skeleton(word: str) -> str:
    """The word's consonants as said ("mukayyef" and "mkayyif": "mkyf"; "6affi" and "taffi": "tf")."""
    consonants = re.sub(r"[aeiou-]", "", _sounded(word))
    return re.sub(r"([a-z])\1+", r"\1", consonants)


def _sounded(word: str) -> str:
    word = word.lower()
    for written, sound in _SOUNDS:
        word = word.replace(written, sound)
    return word


def _spelling_index() -> dict[str, list[tuple[str, str, str]]]:
    """Each skeleton of the tables' words, with the spellings that have it: (spelling, as sounded, English)."""
    index: dict[str, list[tuple[str, str, str]]] = {}
    tables = (VERBS, THINGS, PLACES, PEOPLE, ADJECTIVES, NUMBERS, UNITS, FEELS, FRACTIONS,
              {k: v for k, v in SMALL.items() if len(k) >= 4})
    for table in tables:
        for word, english in table.items():
            if len(skeleton := _skeleton(word)) >= 2:
                index.setdefault(skeleton, []).append((word, _sounded(word), english))
    return index


def _known_spelling(word: str, taken: set[str]) -> str:
    """The tables' spelling of a word written another way ("mukayyef": "mkayyef"): one with the same
    consonants and at most a letter in three written otherwise, all meaning one thing; else the word
    (English, a name of the home, a table's own spelling, or like no table word)."""
    low = word.lower()
    if len(low) < (3 if re.search(r"\d", low) else 4) or low in taken \
            or any(low in table for table in (VERBS, THINGS, PLACES, PEOPLE, NUMBERS, UNITS)) or low in english_words():
        return word
    sounded = _sounded(low)
    near = [(Levenshtein.distance(sounded, as_sounded), spelling, english)
            for spelling, as_sounded, english in _SPELLINGS.get(_skeleton(low), [])]
    near = [n for n in near if n[0] <= max(1, int(0.3 * len(sounded)))]
    return min(near)[1] if near and len({english for _, _, english in near}) == 1 else word


def _respelt(text: str, taken: set[str]) -> str:
    return re.sub(r"(?<![\w\u0001])[\w'-]+", lambda m: _known_spelling(m[0], taken), text)


def in_english(text: str, names: Iterable[str] = ()) -> str:
    """The request read as English when it is Arabic in Roman letters; else as said. A word of the
    home's names (`names`) is never read."""
    taken = {w for name in names for w in WORD.findall(name.lower())}
    whole = " ".join(WORD.findall(text.lower()))
    for pattern, english in ANSWERS:  # ("yalla" alone is the answer, not a word said to someone)
        if pattern.match(whole):
            return english
    stripped = " ".join(FILLERS.sub(" ", text).split()).strip(" ,.!?")
    stripped = BECAUSE.sub("", stripped)  # "… 3ashan mat-bardash": because she feels cold
    said = _respelt(_times(stripped), taken)  # (the times first: "el itnein" is Monday, not "the two")
    plain = " ".join(WORD.findall(_respelt(stripped, taken).lower()))
    plain = re.sub(r"^(?:hiya|huwwa|heyye|huwe)\s+|\s+(?:delwa2ti|dilwa2ti|hala2|halla2|hala|now|alheen|al7een)$", "", plain)
    for pattern, english in [*ANSWERS, *QUESTIONS]:
        if pattern.match(plain):
            return english
    if not said or ("\u0001" not in said and not any(_marker(w) and w not in taken for w in WORD.findall(said.lower()))):
        return stripped or text  # (only a word said to someone: "mabkhara on, yalla")
    corrected = re.match(r"^(?:la2|la)\s*,?\s+(?P<rest>\w.*)$", said, re.IGNORECASE)
    if corrected and not _verb_first(corrected["rest"]):  # "la2, el lamba": no, the lamp
        return f"no, {_gloss(corrected['rest'], taken)}"
    clauses = [c.strip() for c in re.split(r"\s*[,;]\s*", said) if c.strip()]
    kept = [c for i, c in enumerate(clauses) if i == 0 or _asks(c) or NO.match(c)]
    read = _thing_for_it([_clause(c, taken) for c in kept])
    joined = ""
    for clause, english in zip(kept, read):  # "…, la2 the one in the kids' bathroom": no, the one …
        joined += (f", no, {english[english.index(' ') + 1:]}" if NO.match(clause) and joined and " " in english
                   else f"{' and ' if joined else ''}{english}")
    return joined or text


NO = re.compile(r"^(?:la2|la)\s+\w", re.IGNORECASE)  # a clause taking back what was said before it
BECAUSE = re.compile(r"\s+(?:3ashan|3shan|la2anno|la2ann|li2anno|kermel|ma3 enno)\b.*$", re.IGNORECASE)  # the reason, said last


def _asks(clause: str) -> bool:
    """Whether a clause after the first asks something of its own (a verb first, or a time for the
    first); not a reason or a remark ("…, el shams ktir": the sun is strong)."""
    said = re.sub(r"^(?:w|wa|we)\s+", "", clause, flags=re.IGNORECASE)
    return not REASONS.match(said) and (_verb_first(said) or "\u0001" in _times(said))


def _verb_first(clause: str) -> bool:
    words = clause.lower().split()
    return bool(words) and words[0] in VERBS


def _clause(clause: str, taken: set[str]) -> str:
    """One clause: its commands joined with "w" read each, in a frame where it has one."""
    pieces = re.split(r"\s+(?:w|wa|we|and)\s+(?=\S+)", clause, flags=re.IGNORECASE)
    if len(pieces) > 1 and all(_verb_first(p) for p in pieces[1:]):
        return " and ".join(_clause(p, taken) for p in pieces)
    return _framed(_gloss(clause, taken))


def _thing_for_it(read: list[str]) -> list[str]:
    """ "the AC very cold, turn up 2 degrees": the command's thing is the one named before it."""
    if len(read) != 2 or _starts_with_verb(read[0]) or not _starts_with_verb(read[1]):
        return read
    thing = re.match(r"^(?P<np>(?:the|my|our|\w+'s?)\s+[\w' ]+?)(?:\s+(?:is|very|too|a bit)\b.*)?$", read[0])
    verb = re.match(r"^(?P<verb>turn (?:up|down|on|off)|open|close|set)\s+(?P<rest>.*)$", read[1])
    if thing is None or verb is None or re.match(r"^(?:the|my|our)\b", verb["rest"]):
        return read
    return [f"{verb['verb']} {thing['np']} {verb['rest']}".strip()]


def _starts_with_verb(read: str) -> bool:
    return bool(re.match(r"^(?:turn|open|close|set|add|remind|tell|remember|cancel|undo|stop|mute|take|wake|and)\b", read))


# ---------------------------------------------------------------------------------------------- words
def _gloss(clause: str, taken: set[str]) -> str:
    """The clause's words in English, in English order."""
    words = _phrases(_times(clause)).split()
    out: list[str] = []
    i = 0
    while i < len(words):
        word, low = words[i].strip("\u0001"), words[i].lower().strip("\u0001")
        after = words[i + 1].strip("\u0001") if i + 1 < len(words) else ""
        if words[i].startswith("\u0001") or low in taken:
            english = word  # (read already, or a word of the home's names)
        elif low in _ROOM_OF and after:  # "ghorfet Omar": Omar's room
            english, i = f"{_owner(after)} room", i + 1
        elif low in PLACES and after.lower() in ("el", "il") and i + 2 < len(words) \
                and words[i + 2].lower() in PEOPLE:  # "7ammam el wlad": the kids' bathroom
            english, i = f"the {_owner(words[i + 2])} {PLACES[low]}", i + 2
        elif low in _POSSESSIVE and after:  # "el AC taba3 Omar": Omar's AC; "taba3 Omar" alone: Omar's
            out, english, i = (_owned(out, _owner(after)), "", i + 1) if out else (out, _owner(after), i + 1)
        else:
            english = FEELS.get(low) or _word(word, low)
        if english in OWNED and after[:1].isupper():  # "ra2m Dr Samir": Dr Samir's number
            run = [w.strip("\u0001") for w in takewhile(lambda w: w.strip("\u0001")[:1].isupper(), words[i + 1:i + 4])]
            english, i = f"{' '.join(run)}'s {english}", i + len(run)
        if english:
            out.append(english)
        i += 1
    return _english_order(" ".join(out))


def _phrases(text: str) -> str:
    """Things named in several words, read whole and marked as read."""
    for phrase in sorted(PHRASES, key=len, reverse=True):
        text = re.sub(rf"(?<![\w\u0001]){re.escape(phrase)}(?!\w)", lambda m, e=PHRASES[phrase]: _read(e), text,
                      flags=re.IGNORECASE)
    return text


def _owner(word: str) -> str:
    english = PEOPLE.get(word.lower(), word)
    return f"{english}'" if english.endswith("s") and english.islower() else f"{english}'s"


def _owned(out: list[str], owner: str) -> list[str]:
    """The words before with the owner put before the thing owned ("the AC" → "Omar's AC")."""
    start = max((i for i, w in enumerate(out) if w in ("the", "in the", "on the", "for the")), default=len(out) - 1)
    thing = " ".join(out[start + 1:]) if out[start] in ("the", "in the", "on the", "for the") else " ".join(out[start:])
    lead = out[start].replace("the", "").strip() if out[start] != "the" else ""
    return [*out[:start], *([lead] if lead else []), f"{owner} {thing}"]


def _word(word: str, low: str) -> str:
    for table in (VERBS, THINGS, PLACES, PEOPLE, ADJECTIVES, NUMBERS, SMALL, FRACTIONS):
        if low in table:
            return table[low]
    return word


def _english_order(text: str) -> str:
    text = re.sub(rf"\bthe (\w+) the ({'|'.join(sorted(set(ADJECTIVES.values())))})\b", r"the \2 \1", text)
    text = re.sub(r"(^|, |\bthe |(?:turn (?:on|off)|open|close) )(light|lights|lamp|fan|AC|TV|curtains|water heater) the "
                  r"([\w' ]+?)(?=$| to | in |,)", lambda m: f"{m[1] if m[1].strip() != 'the' else ''}the {m[3]} {m[2]}", text)
    text = re.sub(r"\b(in|on|for) the the\b", r"\1 the", text)
    text = re.sub(r"\bthe the\b", "the", text)
    text = re.sub(r"\b(in|on|for) the (\w+'s?)\s", r"\1 \2 ", text)  # "in the Omar's room": in Omar's room
    text = re.sub(r"\bon the (list|lista)\b", r"to the \1", text)
    text = re.sub(r"\b(turn (?:on|off|up|down)|open|close|set) the (volume|sound)\b", r"\1 the \2", text)
    text = re.sub(r"\bhow much is the (\w+)$", r"what is the \1", text)
    text = re.sub(r"\b(AC|fan|heater|temperature|volume|TV|thermostat)\b(.*?) (?:on the|at|turn up|turn down) (\d+)$",
                  r"\1\2 to \3", text)  # "el AC 3ala 18": the AC to 18
    text = re.sub(r"^(and )?turn on (.+) to (\d+)$", r"\1set \2 to \3", text)  # "shaghghel el marwa7a 3ala tnein"
    text = re.sub(r"\bthe (outside|inside|here|upstairs|downstairs)\b", r"\1", text)
    text = re.sub(r"\bset (?:me )?(timer|alarm)\b", lambda m: f"set {'an' if m[1] == 'alarm' else 'a'} {m[1]}", text)
    text = re.sub(r"\btimer (\d+ (?:seconds?|minutes?|hours?))\b", r"timer for \1", text)
    text = re.sub(r"^((?:and )?(?:turn (?:on|off|up|down)|open|close|start)) (?!the\b|my\b|our\b|a\b|an\b|all\b|every\b|"
                  r"\w+'s?\s|it\b|them\b|in\b|on\b|\d)", r"\1 the ", text)
    return _open_or_switch(" ".join(text.split()))


def _open_or_switch(text: str) -> str:
    """ "open the light" is "turn on the light" (a light or a machine is switched, a door opened)."""
    verb = re.match(r"^(?P<lead>(?:and )?)(?P<verb>open|close)\s+(?P<rest>.+)$", text)
    if verb and not OPENED.search(verb["rest"]):
        return f"{verb['lead']}{SWITCHED[verb['verb']]} {verb['rest']}"
    return text


# ---------------------------------------------------------------------------------------------- times
def _times(clause: str) -> str:
    """The times and lengths said in English, each marked as read (\u0001) so no word of it is read again."""
    text = clause
    for pattern, english in TIMES:
        text = pattern.sub(lambda m, e=english: _read(e), text)
    length = (rf"(?:(?P<n>\d+|{_NUMBER})\s+(?P<unit>{_UNIT})|(?P<frac>nos|nus|noss|rob3|rub3)\s+(?:sa3a|se3a|saa3a)"
              r"|(?P<hour>sa3a|se3a|saa3a)|(?P<two>sa3tein|sa3ten|se3ten))")
    text = re.sub(rf"\b(?P<ones>\d|{_NUMBER})\s+(?:w|wa|we|o)\s+(?P<tens>(?:3ishreen|3eshrin|3ishrin|3eshreen|tlatin|talatin|"
                  rf"tlateen|arb3in|arba3in|arb3een|khamsin|5amsin|khamseen))\b",
                  lambda m: str(int(NUMBERS.get(m["ones"].lower(), m["ones"])) + int(NUMBERS[m["tens"].lower()])), text,
                  flags=re.IGNORECASE)  # "khamse w 3eshrin": 25
    text = re.sub(rf"\bba3d\s+{length}\b", lambda m: _read(f"in {_length(m)}"), text, flags=re.IGNORECASE)
    text = re.sub(rf"\b(?P<n>\d+|{_NUMBER})\s+(?P<unit>{_UNIT})\b", lambda m: _read(_length(m)), text, flags=re.IGNORECASE)
    clock = (rf"(?P<h>\d{{1,2}}|{_NUMBER})(?:\s+(?:w|wa|we|o)\s+(?P<part>nos|nus|noss|rob3|rub3|tilt|\d{{1,2}}))?"
             r"(?:\s+(?:illa|ella|la)\s+(?P<less>rob3|rub3|tilt|\d{1,2}))?")
    text = re.sub(rf"\b(?:3al|3a|ala|el\s+se3a|el\s+sa3a|es-se3a|se3a|sa3a)\s+{clock}\b", lambda m: _read(_clock(m)),
                  text, flags=re.IGNORECASE)
    return text


def _read(english: str) -> str:
    return " ".join(f"\u0001{w}" for w in english.split())


def _length(found: re.Match) -> str:
    groups = found.groupdict()
    if groups.get("two"):
        return "2 hours"
    if groups.get("hour"):
        return "an hour"
    if groups.get("frac"):
        return "half an hour" if groups["frac"].lower() in ("nos", "nus", "noss") else "15 minutes"
    n = NUMBERS.get(groups["n"].lower(), groups["n"])
    unit = UNITS[groups["unit"].lower()]
    unit = unit.split()[-1] if " " in unit else unit
    return f"{n} {unit if unit.endswith('s') or n == '1' else unit + 's'}".replace("1 minutes", "1 minute")


def _clock(found: re.Match) -> str:
    hour = int(NUMBERS.get(found["h"].lower(), found["h"]))
    minutes = {"nos": 30, "nus": 30, "noss": 30, "rob3": 15, "rub3": 15, "tilt": 20}
    part, less = (found["part"] or "").lower(), (found["less"] or "").lower()
    if less:  # "tmene illa rob3": a quarter to eight
        early = minutes.get(less) or int(less)
        hour, minute = (hour - 1) % 12 or 12, 60 - early
    else:
        minute = minutes.get(part) or (int(part) if part.isdigit() else 0)
    return f"at {hour}:{minute:02d}" if minute else f"at {hour}"


# ---------------------------------------------------------------------------------------------- frames
def _framed(read: str) -> str:
    """The words in the frame English says them in, where the order differs."""
    read = read.replace("\u0001", "")
    if read.startswith("remind me"):
        return _reminder(read[len("remind me"):].strip())
    if read.startswith("remember"):
        return _fact(re.sub(r"^remember(?: that)?\s*", "", read))
    told = re.match(r"^tell (?:to |for the |for )?(?P<who>\w+(?:'s)?) (?:that )?(?P<what>.+)$", read)
    if told and not read.startswith("tell me"):
        return f"tell {told['who']} that {told['what']}"
    listed = re.match(r"^add (?:to the|on the) (?P<list>(?:\w+ )?list) (?P<items>.+)$", read)
    if listed:
        return f"add {listed['items']} to the {listed['list']}"
    felt = re.match(r"^(?:what is |how is )?(?:very |too )?(?P<feel>dark|hot|cold|stuffy)(?: (?P<where>here|in the [\w' ]+|in [\w' ]+))?$", read)
    if felt:
        return f"it's so {felt['feel']} {'in here' if felt['where'] in (None, 'here') else felt['where']}"
    return read


def _reminder(rest: str) -> str:
    """ "tomorrow in the morning take the Concor" → "remind me tomorrow morning to take the Concor"."""
    every = "every day" if "every day" in rest else ""
    rest = rest.replace("every day", " ").strip()
    phrase = extract_time_phrase(rest) or ""
    what = " ".join(rest.replace(phrase, " ").split()) if phrase else rest
    what = re.sub(r"^(?:to|that|about)\s+", "", what)
    what = re.sub(r"\s+(?:on|at|in)$", "", what)
    phrase = re.sub(r"\b(today|tomorrow) (?:in the (morning|afternoon|evening)|at (night))", r"\1 \2\3", phrase)
    return " ".join(f"remind me {every} {phrase}{' to ' + what if what else ''}".split())


def _fact(rest: str) -> str:
    """ "Dr Samir's number 050 333 2211" → "remember that Dr Samir's number is 050 333 2211"."""
    valued = re.match(r"^(?P<what>.+?)\s+(?P<value>\d[\d ]*\d|\d+\s+\w+|\d+)$", rest)
    if valued and " is " not in rest:
        return f"remember that {valued['what']} is {valued['value']}"
    return f"remember that {rest}"


_SPELLINGS = _spelling_index()
