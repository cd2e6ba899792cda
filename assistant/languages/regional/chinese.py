"""Mandarin and Hokkien in Roman letters (pinyin without tones), as Singapore and Malaysian English mix them
in: "mingtian zao shang liu dian ban" (tomorrow at 6:30 am), "kai deng" (turn on the light), "guan the fan"
(turn off the fan), "make it hong se" (red), "xie xie"."""
from assistant.languages.regional.language import Language, phrases

_NUMBERS = {"yi": 1, "er": 2, "liang": 2, "san": 3, "si": 4, "wu": 5, "liu": 6, "qi": 7, "ba": 8, "jiu": 9, "shi": 10,
            "shi yi": 11, "shiyi": 11, "shi er": 12, "shier": 12}
_NUMBER = "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r"|\d{1,2}"
_PARTS = {"zao shang": "am", "zaoshang": "am", "shang wu": "am", "shangwu": "am", "xia wu": "pm", "xiawu": "pm",
          "wan shang": "pm", "wanshang": "pm", "ye li": "pm"}
_PART = "|".join(_PARTS)
_COLOURS = {"hong se": "red", "lan se": "blue", "lv se": "green", "lu se": "green", "huang se": "yellow", "bai se": "white",
            "fen hong se": "pink", "fen se": "pink", "zi se": "purple", "cheng se": "orange"}


def _hour(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[" ".join(word.lower().split())]


def _clock(m) -> str:
    """"xia wu san dian ban": at 3:30 pm ("at" only where no word before says it: "for san dian")."""
    part = _PARTS.get(" ".join((m["part"] or m["after"] or "").lower().split()), "")
    lead = "" if m.string[:m.start()].lower().rstrip().endswith((" at", " for", " by", "until")) else "at "
    return f"{lead}{_hour(m['hour'])}{':30' if m['half'] else ''}{' ' + part if part else ''}"


_ENGLISH_HOUR = r"(?:\d{1,2}(?::\d{2})?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+o'clock)?"


LANGUAGE = Language(
    "Mandarin and Hokkien",
    markers={
        "mingtian": "tomorrow", "jintian": "today", "xianzai": "now", "xiexie": "thanks", "paiseh": "sorry",
        "walao": "oh", "jialat": "terrible", "shiok": "great", "sian": "tired", "deng": "light", "dian": "o'clock",
        "zaoshang": "morning", "xiawu": "afternoon", "wanshang": "tonight",
    },
    phrases=phrases(
        (rf"(?:(?P<part>{_PART})\s+)?(?P<hour>{_NUMBER})\s+dian(?P<half>\s+ban)?(?:\s+(?P<after>{_PART}))?\b", _clock),
        # "zao shang six o'clock": six in the morning
        (rf"\b(?P<part>{_PART})\s+(?:at\s+)?(?P<time>{_ENGLISH_HOUR})",
         lambda m: f"at {m['time']} {_PARTS[' '.join(m['part'].lower().split())]}".replace(" o'clock", "")),
        (r"\bzao shang\b", "in the morning"), (r"\bxia wu\b", "in the afternoon"), (r"\bwan shang\b", "tonight"),
        (r"\bkai deng\b", "turn on the light"), (r"\bguan deng\b", "turn off the light"),
        (r"\bkai\s+(?=the|my|our|it|them)\b", "turn on "), (r"\bguan\s+(?=the|my|our|it|them)\b", "turn off "),
        (r"\bxie xie\b", "thanks"), (r"\bwah lau\b|\bwa lau\b", "oh"),
        (rf"\b(?:{'|'.join(sorted(_COLOURS, key=len, reverse=True))})\b", lambda m: _COLOURS[" ".join(m[0].lower().split())]),
    ),
)
