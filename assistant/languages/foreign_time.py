"""Durations and times said in Spanish, French or German inside a request, read as English ("quince minutos"
→ "15 minutes", "une demi-heure" → "half an hour", "en diez minutos" → "in 10 minutes", "mañana a
las ocho y media" → "tomorrow at 8:30", "sept heures moins le quart" → "6:45", "todos los días" →
"every day").

People who mix languages give numbers and units in the language they count in. The time parser,
the rules and the confirmer read English, so a Spanish or French unit, with the number words
before it (text2num reads them), becomes English. Only the span before a unit of that language
is read as it, never the whole request: "once a day" stays English.
"""
from __future__ import annotations

import re
from functools import lru_cache

from text_to_num import alpha2digit

MAX_NUMBER_WORDS = 4  # "cent vingt-cinq": the words of a number before its unit
# units no English word is spelt as; French "minutes" is English too (see FRENCH_NUMBER)
UNITS = {
    "es": {"segundos": "seconds", "segundo": "second", "minutos": "minutes", "minuto": "minute",
           "horas": "hours", "hora": "hour", "días": "days", "dias": "days", "día": "day", "dia": "day",
           "semanas": "weeks", "semana": "week"},
    "fr": {"secondes": "seconds", "seconde": "second", "heures": "hours", "heure": "hour",
           "jours": "days", "jour": "day", "semaines": "weeks", "semaine": "week", "minutes": "minutes",
           "minute": "minute"},
    "de": {"sekunden": "seconds", "minuten": "minutes", "stunden": "hours", "stunde": "hour", "tagen": "days",
           "wochen": "weeks", "woche": "week"},
}
# French number words: "minutes" after one of them is French ("huit minutes")
FRENCH_NUMBER = re.compile(r"\b(?:une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|"
                           r"quinze|seize|vingt|trente|quarante|cinquante|soixante)(?:[ -]\w+)*[ -]minutes?\b",
                           re.IGNORECASE)
# halves and quarters of an hour, said without a number
HALVES = [(r"\b(?:una )?media hora\b", "half an hour"), (r"\b(?:une )?demi[- ]heure\b", "half an hour"),
          (r"\b(?:un )?cuarto de hora\b", "a quarter of an hour"), (r"\bun quart d'heure\b", "a quarter of an hour"),
          (r"\b(?:eine|einer) halben? stunde\b", "half an hour"), (r"\b(?:eine|einer) viertelstunde\b", "a quarter of an hour"),
          (r"\b(?:eine|einer|ein) stunde\b", "an hour")]
# what follows a number of hours, and "in"/"for" before a duration
PHRASES = [
    (r"\b(hours?) (?:y|et) (?:media|demie)\b", r"\1 and a half"),
    (r"\b(hours?) (?:y|et) (?:un )?(?:cuarto|quart)\b", r"\1 and a quarter"),
    (r"\b(?:en|dans|d'ici) (?=(?:\d+(?:\.\d+)?|an?|half an|a quarter of an) (?:seconds?|minutes?|hours?|days?|weeks?)\b)",
     "in "),
    (r"\b(?:por|pour|pendant|durante|für) (?=\d+ (?:seconds?|minutes?|hours?)\b)", "for "),
    (r"\b(\d+ (?:hours?|minutes?)) (?:y|et) (?=\d+ (?:minutes?|seconds?)\b)", r"\1 and "),
]


# a clock time: "a las ocho y media", "à sept heures et quart", "sept heures moins le quart"
_N = r"(?P<n>[a-zà-ÿ]+(?:-[a-zà-ÿ]+)?|\d{1,2})"
CLOCKS = [
    ("es", re.compile(rf"\ba (?:las|la) {_N}(?: (?P<part>y media|y cuarto|menos cuarto|y (?P<m>[a-z]+(?: y [a-z]+)?)))?\b",
                      re.IGNORECASE)),
    ("fr", re.compile(rf"\b(?:(?P<at>à|a|vers) )?{_N} heures?(?: (?P<part>et demie|et quart|moins le quart|moins quart))\b"
                      rf"|\b(?P<at2>à|vers) {_N.replace('?P<n>', '?P<n2>')} heures?\b", re.IGNORECASE)),
]
# a clock time written the French way, on the 24-hour clock: "à 19h", "vers 7 h 30" (without "à" it may be hours)
HOURS_WRITTEN = re.compile(r"\b(?:à|a|vers)\s+(?P<h>[01]?\d|2[0-3])\s?h(?:\s?(?P<m>[0-5]\d))?\b", re.IGNORECASE)
ALARM_BEFORE = re.compile(r"\b(?:alarm|wake|réveil|réveille)", re.IGNORECASE)  # a time to ring at, not a duration
PARTS = {"y media": 30, "et demie": 30, "y cuarto": 15, "et quart": 15, "menos cuarto": -15, "moins le quart": -15,
         "moins quart": -15}
# days and parts of the day
DAY_WORDS = [(r"\bpasado mañana\b", "the day after tomorrow"), (r"\bde la mañana\b", "am"),
             (r"\bde la (?:tarde|noche)\b", "pm"), (r"\bdu matin\b", "am"), (r"\b(?:du soir|de l'après-midi)\b", "pm"),
             (r"\bmañana por la mañana\b", "tomorrow morning"), (r"\bdemain matin\b", "tomorrow morning"),
             (r"\bmañana\b", "tomorrow"), (r"\bdemain\b", "tomorrow"), (r"\besta noche\b", "tonight"),
             (r"\bce soir\b", "tonight"), (r"\besta tarde\b", "this afternoon"), (r"\bcet après-midi\b", "this afternoon"),
             (r"\bà midi\b", "at noon"), (r"\bà minuit\b", "at midnight"), (r"\ba mediodía\b", "at noon"),
             (r"\ba medianoche\b", "at midnight"),
             # how often: "todos los días", "cada lunes", "todas las noches", "entre semana"
             (r"\b(?:todos los|cada) d[ií]as?\b", "every day"), (r"\btous les jours\b", "every day"),
             (r"\b(?:todas las|cada) (?:mañanas?)\b", "every morning"), (r"\b(?:todas las|cada) noches?\b", "every night"),
             (r"\b(?:todas las|cada) tardes?\b", "every afternoon"), (r"\bentre semana\b", "on weekdays"),
             (r"\b(?:los|todos los) fines de semana\b", "on weekends"),
             *((rf"\b(?:todos los|cada) {es}\b", f"every {en}") for es, en in (
                 ("lunes", "monday"), ("martes", "tuesday"), (r"mi[ée]rcoles", "wednesday"), ("jueves", "thursday"),
                 ("viernes", "friday"), (r"s[áa]bados?", "saturday"), ("domingos?", "sunday")))]


def in_english(text: str) -> str:
    """The text with its Spanish and French durations and times in English (see the module's docstring)."""
    for lang, clock in CLOCKS:
        text = clock.sub(lambda m, lang=lang: _clock(m, lang), text)
    text = HOURS_WRITTEN.sub(lambda m: f"at {int(m['h'])}:{m['m'] or '00'}", text)
    for pattern, english in _DAY_WORDS + _HALVES:
        text = pattern.sub(english, text)
    for lang, units in UNITS.items():
        text = _read_units(text, lang, units)
    for pattern, english in _PHRASES:
        text = pattern.sub(english, text)
    return text


def _compiled(table: list[tuple[str, str]]) -> list[tuple[re.Pattern, str]]:
    return [(re.compile(pattern, re.IGNORECASE), english) for pattern, english in table]


_DAY_WORDS, _HALVES, _PHRASES = _compiled(DAY_WORDS), _compiled(HALVES), _compiled(PHRASES)


def _clock(match: re.Match, lang: str) -> str:
    """A clock time matched by CLOCKS as "at H:MM" (or "H:MM" with no "at"/"à" said), or as said."""
    number = match["n"] or match.groupdict().get("n2")
    hour = _digits(number, lang)
    minutes = PARTS.get((match["part"] or "").lower(), 0)
    if match.groupdict().get("m"):
        minutes = _digits(match["m"], lang)
    if hour is None or minutes is None or not 0 <= hour <= 24:
        return match[0]
    if minutes < 0:
        hour, minutes = (hour - 1) % 24 or 12, 60 + minutes
    said_at = lang == "es" or match.groupdict().get("at") or match.groupdict().get("at2")
    if not said_at and minutes > 0 and not ALARM_BEFORE.search(match.string[:match.start()]):
        return match[0]  # "deux heures et quart" on a timer is a duration
    return f"{'at ' if said_at else ''}{hour}:{minutes:02d}" if minutes else f"{'at ' if said_at else ''}{hour}"


def _digits(words: str | None, lang: str) -> int | None:
    said = alpha2digit(words or "", lang, threshold=0).strip() if words else ""
    return int(said) if said.isdigit() else None


def _read_units(text: str, lang: str, units: dict[str, str]) -> str:
    """Each unit of the language after a number (digits or that language's words), in English."""
    unit = _unit_pattern(lang, with_minutes=lang == "fr" and FRENCH_NUMBER.search(text) is not None)
    out, last = [], 0
    for match in unit.finditer(text):
        number_start, number = _number_before(text[last:match.start()], lang)
        if number is None:
            continue
        out.append(text[last:last + number_start] + number + " " + units[match["unit"].lower()])
        last = match.end()
    return "".join(out) + text[last:]


@lru_cache(maxsize=None)
def _unit_pattern(lang: str, with_minutes: bool) -> re.Pattern:
    """The units no English word is spelt as; French "minutes" too `with_minutes` (after a French number)."""
    foreign = [u for u in UNITS[lang] if with_minutes or u not in ("minutes", "minute")]
    return re.compile(rf"(?<![\w'-])(?P<unit>{'|'.join(sorted(foreign, key=len, reverse=True))})(?![\w'-])",
                      re.IGNORECASE)


def _number_before(text: str, lang: str) -> tuple[int, str | None]:
    """Where the number just before the end of `text` starts, and it in digits; (0, None) if the
    text does not end in a number. The longest run of words that reads as one number wins."""
    words = list(re.finditer(r"[\w'-]+", text))
    if words and text[words[-1].end():].strip():
        return 0, None
    found: tuple[int, str | None] = (0, None)
    for size in range(1, min(MAX_NUMBER_WORDS, len(words)) + 1):
        start = words[-size].start()
        digits = alpha2digit(text[start:].strip(), lang, threshold=0)
        if re.fullmatch(r"\d+(?:[.,]\d+)?", digits):  # ("y cinco" is no number; "cuarenta y cinco" is)
            found = (start, digits)
    return found
