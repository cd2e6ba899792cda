"""Tagalog in an English request: "pakipatay the light" (please turn off), "paki-on po ng fan sa kwarto ni
Migo" (please turn on the fan in Migo's room), "bukas ng umaga" (tomorrow morning), "alas singko" (at five)."""
from assistant.languages.regional.language import Language, phrases
from assistant.splitting import COMMAND_VERBS

# English verbs a "paki-" asks for ("paki-tell", "pakicheck", "paki-remind")
ENGLISH_VERBS = frozenset(COMMAND_VERBS | {"tell", "remind", "check", "call", "message", "text", "turn", "switch", "dim"})
_FELT = {"dilim": "dark", "init": "hot", "lamig": "cold", "ingay": "noisy"}
# clock times in Spanish numbers: "alas singko" (at five)
_ALAS = {"una": 1, "dos": 2, "tres": 3, "kwatro": 4, "kuwatro": 4, "singko": 5, "sais": 6, "siyete": 7, "syete": 7, "otso": 8,
         "nuwebe": 9, "nwebe": 9, "diyes": 10, "dyes": 10, "onse": 11, "dose": 12}

LANGUAGE = Language(
    "Tagalog",
    markers={
        # "paki-" asks politely ("pakipatay": please turn off)
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
        "mamaya": "later", "mamayang": "later today", "ngayon": "now", "umaga": "morning", "hapon": "afternoon",
        "gabi": "night", "tanghali": "noon", "dito": "here", "diyan": "there", "madilim": "dark", "dilim": "dark",
        "mainit": "hot", "malamig": "cold", "lamig": "cold", "maingay": "noisy", "ingay": "noise", "ulit": "again",
        "lahat": "all", "huwag": "don't", "wag": "don't", "kasi": "because", "tulog": "asleep", "natutulog": "sleeping",
        "muna": " ",
        # ... a conversation's short words: "sige" (ok), "mali" (wrong), "pala" (… after all: instead)
        "sige": "ok", "oo": "yes", "mali": "my mistake", "pala": "instead", "tandaan": "remember",
        "kalimutan": "forget", "ulitin": "repeat",
    },
    phrases=phrases(
        (r"\bpaki-?(on|off)\b", r"please turn \1"), (r"\bpaki-?(open|close|unlock|lock|set|start|stop|add|play)\b", r"please \1"),
        (r"\bpaki-?patay\b", "please turn off"), (r"\bpaki-?bukas\b", "please open"), (r"\bpaki-?sara\b", "please close"),
        (r"\bpaki-?sindi\b", "please turn on"),
        # "paki-" before an English verb asks it politely ("paki-tell", "pakicheck")
        (rf"\bpaki-?({'|'.join(sorted(ENGLISH_VERBS))})\b", r"please \1"),
        # "bukas ng umaga" (tomorrow morning), "mamayang gabi" (tonight), "bukas" alone tomorrow (not "bukas ang
        # pinto": open)
        (r"\b(?:mamayang|ngayong) gabi\b", "tonight"), (r"\b(?:mamayang|ngayong) hapon\b", "this afternoon"),
        (r"\bngayong umaga\b", "this morning"), (r"\bbukas ng (umaga|hapon|gabi)\b", r"tomorrow \1"),
        (r"\bbukas\b(?!\s+(?:ang|yung|na|mo|ba)\b)", "tomorrow"),
        # "ang dilim dito" (it's so dark here), "sobrang init" (it's so hot)
        (r"\b(?:ang|sobrang|napaka|masyadong)\s*(dilim|init|lamig|ingay)\b", lambda m: "it's so " + _FELT[m[1].lower()]),
        (r"\b(?:natutulog|tulog) na si ([A-Z]\w+)", r"\1 is asleep"), (r"\b(?:natutulog|tulog) na (?:ang|yung) ", "asleep is the "),
        (r"\bkakain na (?:tayo|kami)\b", "we're about to eat"), (r"\bkain na\b", "time to eat"),
        (r"\btandaan mo\b", "remember"), (r"\bkalimutan mo na\b", "never mind"),
        # "alas singko" (at five), "alas siyete y medya" (at 7:30)
        (rf"\balas ({'|'.join(_ALAS)})(?: y medya| y media)?\b",
         lambda m: f"at {_ALAS[m[1].lower()]}" + (":30" if " y med" in m[0].lower() else "")),
        # "ng AC sa kwarto ni Omar" (the AC in Omar's room)
        (r"\bsa (kwarto|room|banyo|kusina|cr) ni ([A-Z]\w+)", r"in \2's \1"),
        (r"\b(kwarto|room|banyo|kusina|cr) ni ([A-Z]\w+)", r"\2's \1"),
    ),
    # softeners with no English word, and "ng … sa …" (the … in the …): English words or names too
    shared={"naman": " ", "po": " ", "nga": " ", "ng": "the", "sa": "in the", "yung": "the", "ang": "the", "ay": "oh"},
)
