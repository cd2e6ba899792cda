"""Hindi (and some Punjabi and Marathi) words of home requests in Roman script, as English: a
home's things and rooms, numbers, times of day and durations. Read by `assistant.languages.hinglish`.
People spell Hindi in Roman letters many ways: the common spellings are listed.
"""
from __future__ import annotations

import re

# a home's things and rooms (several words first); English words people mix in stay as said
THINGS = {
    "badi batti": "big light", "badi light": "big light", "bada pankha": "ceiling fan", "choti batti": "small light", "batti": "light",
    "battiyan": "lights", "bijli": "light", "pankha": "fan", "pankhe": "fan", "pankhaa": "fan",
    "awaaz": "volume", "awaz": "volume", "aawaz": "volume", "aavaaz": "volume", "darwaza": "door",
    "darwaaza": "door", "darvaza": "door", "darwaze": "door", "parda": "curtains", "parde": "curtains",
    "pardey": "curtains", "khidki": "window", "khidkiyan": "windows", "khirki": "window", "khirkiyan": "windows", "tanki": "tank", "paani ki tanki": "water tank",
    "bhajan": "bhajans", "bhajans": "bhajans", "gaana": "songs", "gaane": "songs", "gane": "songs",
    "diya": "diya", "ghar ka alarm": "house alarm", "ghar": "house",
    # rooms
    "bachchon ka kamra": "kids' room", "bachchon ke kamre": "kids' room", "bacchon ke kamre": "kids' room",
    "bachon ke kamre": "kids' room", "bacchon ka kamra": "kids' room", "bachon ka kamra": "kids' room",
    "kamra": "room", "kamre": "room", "kamraa": "room", "rasoi": "kitchen", "rasoda": "kitchen",
    "chhat": "terrace", "chhath": "terrace", "mandir": "puja room", "pooja ghar": "puja room",
    "puja ghar": "puja room", "bahar": "outside", "baahar": "outside", "aangan": "courtyard",
    "gusalkhana": "bathroom", "ghusal khana": "bathroom", "ghusalkhana": "bathroom", "sabzi": "sabzi",
    # Urdu and Punjabi words for a home's things
    "bijli wala kambal": "electric blanket", "bijli ka kambal": "electric blanket", "bijli wali razai": "electric blanket",
    "bijli ki razai": "electric blanket", "kambal": "blanket", "razai": "blanket",
    "garam pani": "hot water", "garam paani": "hot water", "garm pani": "hot water",
    "ainak": "glasses", "aynak": "glasses", "enak": "glasses", "chashma": "glasses", "chasma": "glasses",
    "chabi": "keys", "chaabi": "keys", "chabiyan": "keys", "chaabiyan": "keys", "dawai": "medicine",
    "dawa": "medicine", "dawaai": "medicine", "tala": "lock", "taala": "lock", "bistar": "bed",
    "baithak": "living room", "rasoi ghar": "kitchen", "bawarchi khana": "kitchen", "chulha": "cooker",
    # which one, by where it is: "peechay wala darwaza" is the back door, "neeche ki battiyan" the lights downstairs
    "saamne wala": "front", "samne wala": "front", "saamne ka": "front", "saamne": "front", "samne": "front",
    "peechay wala": "back", "peeche wala": "back", "pichhe wala": "back", "pichla": "back", "pichhla": "back",
    "peechay ka": "back", "peeche ka": "back", "aage wala": "front", "agay wala": "front", "agla": "front",
    "bahar wala": "front", "upar wala": "upstairs", "upar ki": "upstairs", "upar ke": "upstairs", "upar ka": "upstairs",
    "neeche wala": "downstairs", "neechay wala": "downstairs", "neeche ki": "downstairs", "neechay ki": "downstairs",
    "neeche ke": "downstairs", "neechay ke": "downstairs", "neeche ka": "downstairs", "neeche": "downstairs",
    "neechay": "downstairs", "upar": "upstairs",
    "saari": "all", "saare": "all", "sari": "all", "sare": "all", "sab": "all", "tamam": "all",
    # colours
    "neela": "blue", "neeli": "blue", "nila": "blue", "laal": "red", "lal": "red", "hara": "green", "hari": "green",
    "peela": "yellow", "peeli": "yellow", "safed": "white", "narangi": "orange", "gulabi": "pink",
    "baingani": "purple", "jamuni": "purple",
}
# people of a family, whose room or thing it is ("dadi ke kamre": Dadi's room)
KIN = frozenset("dadi daadi nani naani dada daada nana naana aaji ajji aaja mummy mummyji mumma mom papa "
                "papaji pappa bhaiya bhaiyya didi bhabhi chachi chacha bua mausi mama mami".split())
NUMBERS = {
    "ek": 1, "do": 2, "teen": 3, "tin": 3, "char": 4, "chaar": 4, "paanch": 5, "panch": 5, "paach": 5,
    "chhe": 6, "chhah": 6, "chheh": 6, "che": 6, "saat": 7, "aath": 8, "aat": 8, "nau": 9, "das": 10,
    "gyarah": 11, "gyaarah": 11, "barah": 12, "baarah": 12, "terah": 13, "chaudah": 14, "pandrah": 15,
    "pandra": 15, "solah": 16, "satrah": 17, "atharah": 18, "unnis": 19, "unees": 19, "bees": 20, "bis": 20,
    "ikkees": 21, "ikkis": 21, "baees": 22, "bais": 22, "baais": 22, "teis": 23, "tees": 30, "chaubees": 24,
    "chobis": 24, "pachchees": 25, "pachees": 25, "pachis": 25, "chhabbees": 26, "chhabbis": 26,
    "sattaees": 27, "sattais": 27, "atthaees": 28, "atthais": 28, "untees": 29, "unatis": 29,
    "paintees": 35, "chalis": 40, "chaalis": 40, "paintalis": 45, "pachaas": 50, "pachas": 50, "saath": 60,
    "sattar": 70, "assi": 80, "nabbe": 90, "sau": 100,
}
# fractions said before a unit ("dedh ghanta": an hour and a half)
FRACTIONS = {"aadha": 0.5, "aadhe": 0.5, "adha": 0.5, "adhe": 0.5, "dedh": 1.5, "derh": 1.5, "dhai": 2.5,
             "dhaai": 2.5, "arhai": 2.5, "sawa": 1.25, "paune": 0.75, "pauna": 0.75}
# a quarter or a half on a number ("sawa do ghante": two and a quarter hours)
ON_A_NUMBER = {"sawa": 0.25, "saade": 0.5, "sade": 0.5, "paune": -0.25}
# the hours said as a fraction ("dhai baje": half past two)
HALF_HOURS = {"dedh": "1:30", "derh": "1:30", "dhai": "2:30", "dhaai": "2:30", "arhai": "2:30"}
UNITS = {"minute": "minute", "minut": "minute", "minat": "minute", "min": "minute", "mins": "minute",
         "minutes": "minute", "ghanta": "hour", "ghante": "hour", "ghanton": "hour", "ghantey": "hour",
         "second": "second", "seconds": "second", "sec": "second", "din": "day", "hafte": "week", "hafta": "week"}
DAYS = {"kal": "tomorrow", "parso": "the day after tomorrow", "parson": "the day after tomorrow", "aaj": "today",
        "abhi": "now", "somvar": "monday", "mangalvar": "tuesday", "budhvar": "wednesday", "guruvar": "thursday",
        "brihaspativar": "thursday", "shukravar": "friday", "shanivar": "saturday", "ravivar": "sunday",
        "itwar": "sunday", "itvaar": "sunday"}
# times of day, and how an hour said in each is read (am or pm; "raat": 7-11 pm, 12-5 am)
PARTS_OF_DAY = {"subah": "morning", "savere": "morning", "sawere": "morning", "dopahar": "afternoon",
                "dupahar": "afternoon", "shaam": "evening", "sham": "evening", "raat": "night", "rat": "night"}
EVERY_DAY = re.compile(r"\b(?:har\s+(?:roz|din)|roz|rozana|roj|har\s+roj)\b", re.IGNORECASE)


def number(word: str) -> float | None:
    """A number said in Hindi or in digits ("teen", "3"), else None."""
    word = word.lower()
    if re.fullmatch(r"\d+(?:\.\d+)?", word):
        return float(word)
    return float(NUMBERS[word]) if word in NUMBERS else None


def spoken(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


# what one has to do, said as "<thing> <verb>-na hai" ("dawai leni hai": take the medicine): the verb's stem
DUTIES = {"le": "take", "lena": "take", "de": "give", "bhar": "pay", "chuka": "pay", "kar": "do", "la": "bring",
          "kha": "eat", "pi": "drink", "pee": "drink", "ja": "go to", "bhej": "send", "kharid": "buy",
          "khareed": "buy", "utha": "pick up", "nikal": "take out", "rakh": "put", "dho": "wash", "sukha": "dry",
          "jama": "deposit", "laga": "put on", "band": "turn off"}
DUTY = re.compile(rf"^(?P<what>.+?)\s+(?P<stem>{'|'.join(sorted(DUTIES, key=len, reverse=True))})"
                  r"(?:ni|na|ne|nee)\s+(?:hai|hain|he|h)\W*$", re.IGNORECASE)


def duty(text: str) -> str | None:
    """ "BP ki dawai leni hai" → "take BP ki dawai", "Sharma ji ko phone karna hai" → "call Sharma ji",
    "LIC premium bharna hai" → "pay LIC premium"; None when it says no duty."""
    found = DUTY.match(text.strip())
    if not found:
        return None
    what, verb = found["what"].strip(), DUTIES[found["stem"].lower()]
    called = re.match(r"^(?P<who>.+?)\s+(?:ko\s+)?(?:phone|call)$", what, re.IGNORECASE)
    if verb == "do" and called:
        return f"call {called['who']}"
    what = re.sub(r"\s+ko$", "", what, flags=re.IGNORECASE)
    return f"{verb} {what}" if verb != "do" else what

