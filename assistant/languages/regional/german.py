"""German in an English request: "das Licht", "morgen früh" (tomorrow morning), "um halb sieben" (at 6:30)."""
from text_to_num import alpha2digit

from assistant.languages.regional.language import Language, phrases

_HOURS = ("eins", "ein", "zwei", "drei", "vier", "fünf", "fuenf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
          "zwoelf")
_HOUR = r"\d{1,2}|" + "|".join(_HOURS)


def _number(word: str) -> int:
    """A German hour said in digits or words ("sieben" → 7)."""
    word = word.lower().replace("ue", "ü").replace("oe", "ö")
    return int(word) if word.isdigit() else {"ein": 1, "eins": 1}.get(word) or int(alpha2digit(word, "de"))


LANGUAGE = Language(
    "German",
    markers={
        "bitte": "please", "danke": "thanks", "licht": "light", "lichter": "lights", "lampe": "lamp", "heute": "today",
        "morgen": "tomorrow", "abend": "evening", "abends": "in the evening", "morgens": "in the morning", "nacht": "night",
        "zimmer": "room", "küche": "kitchen", "kueche": "kitchen", "wohnzimmer": "living room", "schlafzimmer": "bedroom",
        "heizung": "heating", "fenster": "window", "wecker": "alarm", "einkaufsliste": "shopping list",
        "ausschalten": "turn off", "ausmachen": "turn off", "einschalten": "turn on", "anmachen": "turn on",
        "genau": "exactly", "entschuldigung": "sorry", "vielleicht": "maybe", "bisschen": "a bit", "fernseher": "tv",
        "lüfter": "fan", "ventilator": "fan", "jalousie": "blinds", "vorhänge": "curtains", "lautsprecher": "speaker",
    },
    phrases=phrases(
        (r"\bmorgen fr(?:ü|ue|u)h\b", "tomorrow morning"), (r"\bheute abend\b", "tonight"),
        (r"\bmorgen abend\b", "tomorrow evening"), (r"\bheute nacht\b", "tonight"),
        # "um halb sieben" is 6:30 (half to seven)
        (rf"\b(?:um )?halb ({_HOUR})\b", lambda m: f"at {(_number(m[1]) - 1) % 12 or 12}:30"),
        (rf"\bum ({_HOUR})(?::(\d{{2}}))? uhr\b", lambda m: f"at {_number(m[1])}" + (f":{m[2]}" if m[2] else "")),
        (r"\b(\d{1,2}) uhr\b", r"\1 o'clock"), (r"\bguten morgen\b", "good morning"), (r"\bgute nacht\b", "good night"),
    ),
    # "um 7" is "at 7" only in German: an English "um, 7" is a pause
    cued=phrases((rf"\bum ({_HOUR})(?::(\d{{2}}))?\b", lambda m: f"at {_number(m[1])}" + (f":{m[2]}" if m[2] else ""))),
)
