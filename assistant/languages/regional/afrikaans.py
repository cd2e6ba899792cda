"""Afrikaans in an English request: "sit asseblief die ligte aan" (turn the lights on), "maak die deur toe"
(close the door), "môre oggend" (tomorrow morning), clock times ("om sewe-uur", "half sewe": 6:30, "kwart oor
sewe"), and numbers of a unit ("oor vyf-en-twintig minute": in 25 minutes)."""
from assistant.languages.regional.language import Language, phrases

_HOURS = {"een": 1, "twee": 2, "drie": 3, "vier": 4, "vyf": 5, "ses": 6, "sewe": 7, "agt": 8, "nege": 9,
          "tien": 10, "elf": 11, "twaalf": 12}
_HOUR_WORD = "|".join(_HOURS)
_HOUR = r"\d{1,2}|" + _HOUR_WORD
_UNITS = "een|twee|drie|vier|vyf|ses|sewe|agt|nege"
_TENS = {"twintig": 20, "dertig": 30, "veertig": 40, "vyftig": 50, "sestig": 60}
_TEENS = {"tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vyftien": 15, "sestien": 16,
          "sewentien": 17, "agtien": 18, "negentien": 19}
_NUMBER = rf"(?:({_UNITS})[- ]en[- ])?({'|'.join(_TENS)}|{_UNITS}|{'|'.join(_TEENS)})"
_UNIT_WORDS = {"minute": "minutes", "minuut": "minute", "ure": "hours", "uur": "hours", "sekondes": "seconds"}
_UNIT = rf"({'|'.join(_UNIT_WORDS)})\b"


def _number(m) -> int:
    """An Afrikaans number of minutes ("vyf-en-twintig" = 25: five and twenty)."""
    word = m[2].lower()
    base = _TENS.get(word) or _TEENS.get(word) or _HOURS.get(word, 0)
    return base + (_HOURS[m[1].lower()] if m[1] else 0)


def _hour(word: str) -> int:
    return int(word) if word.isdigit() else _HOURS[word.lower()]


LANGUAGE = Language(
    "Afrikaans",
    markers={
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
    },
    phrases=phrases(
        (r"\bm[ôo]re[- ]?oggend\b", "tomorrow morning"), (r"\bm[ôo]re[- ]?aand\b", "tomorrow evening"),
        (r"\b(sit|skakel|maak) asseblief\b", r"asseblief \1"),
        (r"\bsit (.{1,40}?) aan\b", r"turn \1 on"), (r"\bsit (.{1,40}?) af\b", r"turn \1 off"),
        (r"\bskakel (.{1,40}?) (aan|af)\b", lambda m: f"switch {m[1]} {'on' if m[2].lower() == 'aan' else 'off'}"),
        (r"\bmaak (.{1,40}?) toe\b", r"close \1"), (r"\bmaak (.{1,40}?) oop\b", r"open \1"),
        (rf"\b(?:om |vir )?half[- ]?({_HOUR_WORD})\b(?![\w-]*\s+(?:minutes?|hours?))",
         lambda m: f"at {(_hour(m[1]) - 1) % 12 or 12}:30"),
        (rf"\b(?:om |vir )?kwart oor ({_HOUR})\b", lambda m: f"at {_hour(m[1])}:15"),
        (rf"\b(?:om |vir )?kwart voor ({_HOUR})\b", lambda m: f"at {(_hour(m[1]) - 1) % 12 or 12}:45"),
        (rf"\bom ({_HOUR_WORD})(?:[- ]?uur)?\b", lambda m: f"at {_hour(m[1])}"),
        (r"\bbaie dankie\b", "thanks a lot"), (r"\bdankie tog\b", "thanks"),
        # "sit" is "put" before "dit" or "die", or where a thing is put on something ("sit melk op die lys"): never
        # Scots "sit doon"
        (r"\bsit (?=(?:dit|die)\b|[\w' ]{1,30}?\bop die\b)", lambda m: "Put " if m[0][0].isupper() else "put "),
        (r"\bop die\b", "on the"), (r"\b(?:ag nee,?\s*)?los dit\b", "never mind"),
        (r"\bs[êe] vir (hom|haar)\b", lambda m: f"tell {'him' if m[1].lower() == 'hom' else 'her'}"),
        (r"\bherinner my\b", "remind me"), (r"\bdit is\b", "it is"),
        # numbers of a unit ("vyf-en-twintig minute", "oor twintig minute": in 20 minutes); the unit is read only
        # after such a number ("a minute" is English)
        (rf"\boor (?={_NUMBER}\s+{_UNIT})", "in "),
        (rf"\b{_NUMBER}\s+{_UNIT}", lambda m: f"{_number(m)} {_UNIT_WORDS[m[3].lower()]}"),
    ),
    # "om 7" is "at 7" only in Afrikaans
    cued=phrases((r"\bom (\d{1,2})(?:[- ]?uur)?\b", lambda m: f"at {int(m[1])}")),
    # English words too ("die ligte": the lights)
    shared={"die": "the", "net": "just", "nou": "now", "ja": "yes", "nee": "no", "tog": " ", "en": "and",
            "al": "already", "op": "on"},
)
