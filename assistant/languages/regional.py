"""Words of Scots English, Polish, Tagalog, German, Afrikaans and isiXhosa said in an English request, read as the English words they
stand for: "switch aff the big light" → "switch off the big light", "turn the heating doon" →
"turn the heating down", "an alarm for six the morn" → "… for six tomorrow", "nieważne" → "never
mind", "the fan na maksa" → "the fan to max", "pakipatay the light" → "please turn off the light", "sit asseblief
die ligte aan" → "turn please the lights on", "om half sewe" → "at 6:30", "ndicela" → "please".

Like `dialect.py` (Caribbean creole) and `hinglish.py`: only a request with a marker word (a word no
English word is spelt as) is read, words that are English too ("ma", "the day") only beside a
marker, and never a word of the home's own names.
"""
from __future__ import annotations

import re
from typing import Iterable

from text_to_num import alpha2digit

from assistant.splitting import COMMAND_VERBS

# no English word is spelt so: one of them shows the words are Scots or Polish
MARKERS = {
    # Scots
    "aff": "off", "oan": "on", "doon": "down", "oot": "out", "intae": "into", "ontae": "onto", "fae": "from",
    "cannae": "can't", "dinnae": "don't", "disnae": "doesn't", "isnae": "isn't",
    "wasnae": "wasn't", "willnae": "won't", "wouldnae": "wouldn't", "couldnae": "couldn't", "didnae": "didn't",
    "havnae": "haven't", "hasnae": "hasn't", "gonnae": "will you", "ach": "oh", "och": "oh", "nicht": "night", "morra": "tomorrow",
    "efter": "after", "hauf": "half", "roon": "round", "aboot": "about", "wir": "our", "yer": "your",
    # Polish
    "nieważne": "never mind", "niewazne": "never mind", "dzięki": "thanks", "dzieki": "thanks",
    "dziękuję": "thank you", "dziekuje": "thank you", "proszę": "please", "prosze": "please",
    "włącz": "turn on", "wlacz": "turn on", "wyłącz": "turn off", "wylacz": "turn off", "trochę": "a bit",
    "troche": "a bit", "cześć": "hi", "czesc": "hi",
    # Tagalog: "paki-" asks politely ("pakipatay": please turn off)
    "pakipatay": "please turn off", "patayin": "turn off", "pakibukas": "please open", "buksan": "open",
    "pakisara": "please close", "isara": "close", "pakisindi": "please turn on", "sindihan": "turn on",
    "pakion": "please turn on", "pakioff": "please turn off", "pakilakasan": "please turn up", "lakasan": "turn up",
    "pakihinaan": "please turn down", "hinaan": "turn down", "pakilagay": "please put", "pakiset": "please set",
    "pakiadd": "please add", "pakidagdag": "please add", "pakipaalala": "please remind", "paalalahanan": "remind",
    "pakiopen": "please open", "pakiclose": "please close", "pakistart": "please start", "pakistop": "please stop",
    "salamat": "thanks", "opo": "yes", "ilaw": "light", "bentilador": "fan", "kurtina": "curtains",
    "kusina": "kitchen", "kwarto": "room", "kuwarto": "room", "banyo": "bathroom", "pinto": "door", "bintana": "window",
    "pakisabi": "please tell", "sabihan": "tell", "pakitingnan": "please check", "pakipatayin": "please turn off",
    "pakibuksan": "please open", "pakisarado": "please close", "pakihina": "please turn down", "pakilakas": "please turn up",
    # ... times of day, states, and the words of a reason ("natutulog na si Omar": Omar is asleep)
    "mamaya": "later", "mamayang": "later today", "ngayon": "now", "umaga": "morning", "hapon": "afternoon", "gabi": "night", "tanghali": "noon",
    "dito": "here", "diyan": "there", "madilim": "dark", "dilim": "dark", "mainit": "hot", "malamig": "cold",
    "lamig": "cold", "maingay": "noisy", "ingay": "noise", "ulit": "again", "lahat": "all",
    "huwag": "don't", "wag": "don't", "kasi": "because", "tulog": "asleep", "natutulog": "sleeping", "muna": " ",
    # ... a conversation's short words: "sige" (ok), "mali" (wrong), "pala" (… after all: instead), "tandaan" (remember)
    "sige": "ok", "oo": "yes", "mali": "my mistake", "pala": "instead", "tandaan": "remember",
    "kalimutan": "forget", "ulitin": "repeat",
    # German: words no English word is spelt as ("das Licht", "morgen früh", "um 7 Uhr")
    "bitte": "please", "danke": "thanks", "licht": "light", "lichter": "lights", "lampe": "lamp", "heute": "today",
    "morgen": "tomorrow", "abend": "evening", "abends": "in the evening", "morgens": "in the morning", "nacht": "night",
    "zimmer": "room", "küche": "kitchen", "kueche": "kitchen", "wohnzimmer": "living room", "schlafzimmer": "bedroom",
    "heizung": "heating", "fenster": "window", "wecker": "alarm", "einkaufsliste": "shopping list",
    "ausschalten": "turn off", "ausmachen": "turn off", "einschalten": "turn on", "anmachen": "turn on",
    "genau": "exactly", "entschuldigung": "sorry", "vielleicht": "maybe", "bisschen": "a bit", "fernseher": "tv",
    "lüfter": "fan", "ventilator": "fan", "jalousie": "blinds", "vorhänge": "curtains", "lautsprecher": "speaker",
    # Afrikaans ("sit asseblief die ligte aan", "môre oggend", "vanaand")
    "asseblief": "please", "asb": "please", "dankie": "thanks", "ligte": "lights", "lig": "light", "môre": "tomorrow",
    "more-oggend": "tomorrow morning", "oggend": "morning", "vanoggend": "this morning", "vanmiddag": "this afternoon",
    "vanaand": "tonight", "aand": "evening", "middag": "afternoon", "vandag": "today", "kombuis": "kitchen",
    "sitkamer": "lounge", "slaapkamer": "bedroom", "badkamer": "bathroom", "deur": "door", "venster": "window",
    "waaier": "fan", "gordyne": "curtains", "yskas": "fridge", "toemaak": "close", "oopmaak": "open",
    "afskakel": "switch off", "aanskakel": "switch on", "ag": "oh", "eish": "oh", "lekker": " ", "baie": "very",
    "nou-nou": "now", "asseblieftog": "please", "jammer": "sorry", "onthou": "remember", "herinner": "remind",
    "donker": "dark", "hier": "here", "daar": "there",
    "vreeslik": "terrible", "kersfees": "Christmas", "nuwejaar": "New Year", "rooi": "red", "blou": "blue",
    "groen": "green", "geel": "yellow", "pienk": "pink", "pers": "purple", "skat": " ", "liefie": " ", "dis": "it's",
    "vir": "for", "ook": "too", "nog": "still", "maak": "make", "een": "one", "ons": "our", "dit": "it",
    "ek": "I", "bedoel": "mean", "eerder": "instead", "terug": "back", "soos": "as", "hom": "him",
    "clim": "aircon",  # French ("la clim")
    # isiXhosa courtesy in an English request ("ndicela you switch on …", "enkosi")
    "enkosi": "thanks", "ndiyabulela": "thank you", "ndicela": "please", "nceda": "please", "molo": "hello",
    "molweni": "hello", "hayi": "no", "kulungile": "ok",
}
# Afrikaans hours ("om sewe-uur", "half sewe": half to seven, 6:30)
_AFRIKAANS_HOURS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vyf": 5, "ses": 6, "sewe": 7, "agt": 8, "nege": 9,
                    "tien": 10, "elf": 11, "twaalf": 12}
_AF_HOUR = r"\d{1,2}|" + "|".join(_AFRIKAANS_HOURS)


_AF_UNITS = "een|twee|drie|vier|vyf|ses|sewe|agt|nege"
_AF_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vyftig": 50, "sestig": 60}
_AF_TENS_WORDS = "|".join(_AF_TENS)
_AF_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vyftien": 15, "sestien": 16,
             "sewentien": 17, "agtien": 18, "negentien": 19}


_AF_NUMBER = (rf"(?:({_AF_UNITS})[- ]en[- ])?({_AF_TENS_WORDS}|{_AF_UNITS}|tien|elf|twaalf|dertien|veertien|vyftien|"
              r"sestien|sewentien|agtien|negentien)")
_AF_UNIT_WORDS = {"minute": "minutes", "minuut": "minute", "ure": "hours", "uur": "hours", "sekondes": "seconds"}
_AF_UNIT = rf"({'|'.join(_AF_UNIT_WORDS)})\b"


def _afrikaans_number(m: re.Match) -> int:
    """An Afrikaans number of minutes ("vyf-en-twintig" = 25: five and twenty)."""
    word = m[2].lower()
    base = _AF_TENS.get(word) or _AF_TEENS.get(word) or _AFRIKAANS_HOURS.get(word, 0)
    return base + (_AFRIKAANS_HOURS[m[1].lower()] if m[1] else 0)


def _afrikaans_hour(word: str) -> int:
    return int(word) if word.isdigit() else _AFRIKAANS_HOURS[word.lower()]
_GERMAN_HOURS = ("eins", "ein", "zwei", "drei", "vier", "fünf", "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
                 "zwoelf")
_GERMAN_HOUR = r"\d{1,2}|" + "|".join(_GERMAN_HOURS)
_ALAS = {"una": 1, "dos": 2, "tres": 3, "kwatro": 4, "kuwatro": 4, "singko": 5, "sais": 6, "siyete": 7, "syete": 7, "otso": 8,
         "nuwebe": 9, "nwebe": 9, "diyes": 10, "dyes": 10, "onse": 11, "dose": 12}


def _german_number(word: str) -> int:
    """A German hour said in digits or words ("sieben" → 7)."""
    word = word.lower().replace("ue", "ü").replace("oe", "ö")
    return int(word) if word.isdigit() else {"ein": 1, "eins": 1}.get(word) or int(alpha2digit(word, "de"))


# English verbs a Tagalog "paki-" asks for ("paki-tell", "pakicheck", "paki-remind")
ENGLISH_VERBS = frozenset(COMMAND_VERBS | {"tell", "remind", "check", "call", "message", "text", "turn", "switch", "dim"})
_FELT = {"dilim": "dark", "init": "hot", "lamig": "cold", "ingay": "noisy"}
# several words, read like a marker ("the morn" is tomorrow; "na maksa" to the maximum)
PHRASES = [(re.compile(p, re.IGNORECASE), english) for p, english in (
    # the answer first: "aye, and put …", "nie, blue I mean"
    (r"^\W*(?:och\s+)?aye\b(?!\s+aye)", "yes"), (r"^\W*naw\b", "no"), (r"^\W*nie\b", "no"), (r"^\W*tak\b", "yes"),
    (r"\bthe morn(?:'s|s)? morn(?:in|ing)?\b", "tomorrow morning"), (r"\bthe morn\b", "tomorrow"),
    (r"\bthe morra\b", "tomorrow"), (r"\bthe nicht\b", "tonight"), (r"\bna maks[ae]\b|\bna max[ae]\b", "to max"),
    (r"\bdzie[ńn] dobry\b", "good morning"), (r"\bdobranoc\b", "good night"),
    # Tagalog: "paki-on" (please turn on), "ng AC sa kwarto ni Omar" (the AC in Omar's room)
    (r"\bpaki-?(on|off)\b", r"please turn \1"), (r"\bpaki-?(open|close|unlock|lock|set|start|stop|add|play)\b", r"please \1"),
    (r"\bpaki-?patay\b", "please turn off"), (r"\bpaki-?bukas\b", "please open"), (r"\bpaki-?sara\b", "please close"),
    (r"\bpaki-?sindi\b", "please turn on"),
    # "paki-" before an English verb asks it politely ("paki-tell", "pakicheck")
    (rf"\bpaki-?({'|'.join(sorted(ENGLISH_VERBS))})\b", r"please \1"),
    # times: "bukas ng umaga" (tomorrow morning), "mamayang gabi" (tonight), "bukas" alone tomorrow (not "bukas ang
    # pinto": open)
    (r"\b(?:mamayang|ngayong) gabi\b", "tonight"), (r"\b(?:mamayang|ngayong) hapon\b", "this afternoon"),
    (r"\bngayong umaga\b", "this morning"), (r"\bbukas ng (umaga|hapon|gabi)\b", r"tomorrow \1"),
    (r"\bbukas\b(?!\s+(?:ang|yung|na|mo|ba)\b)", "tomorrow"),
    # "ang dilim dito" (it's so dark here), "sobrang init" (it's so hot)
    (r"\b(?:ang|sobrang|napaka|masyadong)\s*(dilim|init|lamig|ingay)\b", lambda m: "it's so " + _FELT[m[1].lower()]),
    (r"\b(?:natutulog|tulog) na si ([A-Z]\w+)", r"\1 is asleep"), (r"\b(?:natutulog|tulog) na (?:ang|yung) ", "asleep is the "),
    (r"\bkakain na (?:tayo|kami)\b", "we're about to eat"), (r"\bkain na\b", "time to eat"),
    (r"\btandaan mo\b", "remember"), (r"\bkalimutan mo na\b", "never mind"),
    # German times: "morgen früh" (tomorrow morning), "heute Abend" (tonight), "um 7 Uhr" (at 7)
    (r"\bmorgen fr(?:ü|ue|u)h\b", "tomorrow morning"), (r"\bheute abend\b", "tonight"), (r"\bmorgen abend\b", "tomorrow evening"),
    (r"\bheute nacht\b", "tonight"),
    # "um halb sieben" is 6:30 (half to seven), "um sieben Uhr" at 7; German number words read by text2num
    (rf"\b(?:um )?halb ({_GERMAN_HOUR})\b", lambda m: f"at {(_german_number(m[1]) - 1) % 12 or 12}:30"),
    (rf"\bum ({_GERMAN_HOUR})(?::(\d{{2}}))?(?: uhr)?\b", lambda m: f"at {_german_number(m[1])}" + (f":{m[2]}" if m[2] else "")),
    # Tagalog clock times in Spanish numbers: "alas singko" (at five), "alas siyete y medya" (at 7:30)
    (rf"\balas ({'|'.join(_ALAS)})(?: y medya| y media)?\b",
     lambda m: f"at {_ALAS[m[1].lower()]}" + (":30" if " y med" in m[0].lower() else "")),
    # Afrikaans: "sit die ligte aan" (turn the lights on), "maak die deur toe" (close the door), "môre oggend", clock
    # times ("om sewe-uur", "half sewe", "kwart oor sewe", "kwart voor sewe")
    (r"\bm[ôo]re[- ]?oggend\b", "tomorrow morning"), (r"\bm[ôo]re[- ]?aand\b", "tomorrow evening"),
    (r"\b(sit|skakel|maak) asseblief\b", r"asseblief \1"), (r"\bndicela (?:you |u )?", "please "),
    (r"\bsit (.{1,40}?) aan\b", r"turn \1 on"), (r"\bsit (.{1,40}?) af\b", r"turn \1 off"),
    (r"\bskakel (.{1,40}?) (aan|af)\b", lambda m: f"switch {m[1]} {'on' if m[2].lower() == 'aan' else 'off'}"),
    (r"\bmaak (.{1,40}?) toe\b", r"close \1"), (r"\bmaak (.{1,40}?) oop\b", r"open \1"),
    (rf"\b(?:om |vir )?half[- ]?({'|'.join(_AFRIKAANS_HOURS)})\b(?![\w-]*\s+(?:minutes?|hours?))",
     lambda m: f"at {(_afrikaans_hour(m[1]) - 1) % 12 or 12}:30"),
    (rf"\b(?:om |vir )?kwart oor ({_AF_HOUR})\b", lambda m: f"at {_afrikaans_hour(m[1])}:15"),
    (rf"\b(?:om |vir )?kwart voor ({_AF_HOUR})\b", lambda m: f"at {(_afrikaans_hour(m[1]) - 1) % 12 or 12}:45"),
    (rf"\bom ({_AF_HOUR})(?:[- ]?uur)?\b", lambda m: f"at {_afrikaans_hour(m[1])}"),
    (r"\bbaie dankie\b", "thanks a lot"), (r"\bdankie tog\b", "thanks"),
    # "sit" is "put" before "dit" or "die", or where a thing is put on something ("sit melk op die lys"): never
    # Scots "sit doon"
    (r"\bsit (?=(?:dit|die)\b|[\w' ]{1,30}?\bop die\b)", lambda m: "Put " if m[0][0].isupper() else "put "),
    (r"\bop die\b", "on the"), (r"\b(?:ag nee,?\s*)?los dit\b", "never mind"),
    (r"\bs[êe] vir (hom|haar)\b", lambda m: f"tell {'him' if m[1].lower() == 'hom' else 'her'}"),
    (r"\bherinner my\b", "remind me"), (r"\bdit is\b", "it is"),
    # Afrikaans numbers of a unit ("vyf-en-twintig minute", "oor twintig minute": in 20 minutes); the unit is read
    # only after such a number ("a minute" is English)
    (rf"\boor (?={_AF_NUMBER}\s+{_AF_UNIT})", "in "),
    (rf"\b{_AF_NUMBER}\s+{_AF_UNIT}", lambda m: f"{_afrikaans_number(m)} {_AF_UNIT_WORDS[m[3].lower()]}"),
    (r"\b(\d{1,2}) uhr\b", r"\1 o'clock"), (r"\bguten morgen\b", "good morning"), (r"\bgute nacht\b", "good night"),
    (r"\bsa (kwarto|room|banyo|kusina|cr) ni ([A-Z]\w+)", r"in \2's \1"),
    (r"\b(kwarto|room|banyo|kusina|cr) ni ([A-Z]\w+)", r"\2's \1"),
)]
# English words or names too: read only beside a marker ("ma" is "my" in "ma room aff")
SHARED = {"ma": "my", "wi": "with", "tae": "to", "ye": "you", "oor": "our", "awright": "alright",
          # Tagalog: softeners with no English word, and "ng … sa …" (the … in the …)
          "naman": " ", "po": " ", "nga": " ", "ng": "the", "sa": "in the", "yung": "the", "ang": "the", "ay": "oh",
          # Afrikaans and isiXhosa words that are English words too ("die ligte": the lights; "ewe": yes)
          "die": "the", "net": "just", "nou": "now", "ja": "yes", "nee": "no", "ewe": "yes", "tog": " ", "en": "and", "al": "already", "op": "on"}
# a whole answer in a word: "ye" and "aye aye" are yes, "naw" no (fastpath reads "aye" and "naw" already)
WHOLE = [(re.compile(r"^\W*(?:ye|yeah aye|aye aye|och aye|aye right enough)\W*$", re.IGNORECASE), "yes"),
         (re.compile(r"^\W*(?:naw|nae chance|nae danger)\W*$", re.IGNORECASE), "no")]
WORD = re.compile(r"(?<![\w'-])[^\W\d_]+(?![\w-])")


def is_mixed(text: str) -> bool:
    """Whether the words hold a Scots or Polish marker word or phrase, or are a one-word answer in Scots."""
    lowered = text.lower()
    return any(w in MARKERS for w in WORD.findall(lowered)) or any(p.search(lowered) for p, _ in PHRASES) \
        or any(p.match(lowered) for p, _ in WHOLE)


def in_english(text: str, names: Iterable[str] = ()) -> str:
    """The request with its Scots and Polish words read as English, when it has them; else as said.
    A word of the home's names (`names`) is never read."""
    taken = {w for name in names for w in WORD.findall(name.lower())}
    for pattern, english in WHOLE:
        if pattern.match(text):
            return english
    found = [w for w in WORD.findall(text.lower()) if w in MARKERS and w not in taken]
    phrased = [p for p, _ in PHRASES if p.search(text)]
    if not found and not phrased:
        return text
    for pattern, english in PHRASES:
        text = pattern.sub(english, text)

    def read(word: re.Match) -> str:
        said = word.group()
        lowered = said.lower()
        english = MARKERS.get(lowered) or SHARED.get(lowered)
        if english is None or lowered in taken:
            return said
        return english[0].upper() + english[1:] if said[0].isupper() else english

    return re.sub(r"\s+(?=[.,!?;])", "", " ".join(WORD.sub(read, text).split()))
