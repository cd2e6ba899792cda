"""Malay words in an English request, as Singapore and Malaysian English mix them in: "tolong off the kipas"
(please turn off the fan), "pukul lima" (at five), "esok pagi" (tomorrow morning), "sejuk" (cold)."""
from assistant.languages.regional.language import Language, phrases

_NUMBERS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "lapan": 8, "sembilan": 9,
            "sepuluh": 10, "sebelas": 11, "dua belas": 12}
_NUMBER = "|".join(sorted(_NUMBERS, key=len, reverse=True)) + r"|\d{1,2}"


def _clock(m) -> str:
    hour = int(m[1]) if m[1].isdigit() else _NUMBERS[" ".join(m[1].lower().split())]
    return f"at {hour}{':30' if m[2] else ''}"


LANGUAGE = Language(
    "Malay",
    markers={
        "tolong": "please", "kipas": "fan", "lampu": "light", "pintu": "door", "tingkap": "window", "tutup": "close",
        "buka": "open", "panas": "hot", "sejuk": "cold", "esok": "tomorrow", "besok": "tomorrow", "pagi": "morning",
        "petang": "evening", "malam": "night", "sekarang": "now", "nanti": "later", "jangan": "don't",
        "sudah": "already", "dah": "already", "boleh": "can", "terima": "thank", "kasih": "you", "pukul": "at",
    },
    phrases=phrases(
        (rf"\bpukul ({_NUMBER})(\s+setengah)?\b", _clock),
        (r"\besok pagi\b|\bbesok pagi\b", "tomorrow morning"), (r"\bmalam ni\b|\bmalam ini\b", "tonight"),
        (r"\bterima kasih\b", "thanks"),
    ),
)
