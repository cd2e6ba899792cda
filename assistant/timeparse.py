"""Deterministic time phrases: durations, one-off and recurring schedules, alarm clock times.

Pure functions over a naive local `now`. The model writes phrases ("tomorrow at 8 am"); this
module resolves them. `dateparser` is only a fallback for one-off phrases the own grammar misses.
Ambiguous hours without am/pm: with no day given, the next occurrence wins ("at 7" at 09:00 is
19:00); on another day, 1..6 mean pm and 7..11 mean am ("tomorrow at 3" is 15:00).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable

from dateutil.rrule import rrulestr

from assistant.languages import foreign_time


class TimeParseError(ValueError):
    """A time phrase that could not be understood; the message can be shown to the user."""


@dataclass(frozen=True)
class Schedule:
    due: datetime  # the first occurrence strictly after `now`
    rrule: str | None  # RFC 5545 RRULE body ("FREQ=DAILY;BYHOUR=9;BYMINUTE=0"), None if one-off


# ---------------------------------------------------------------- normalizing words to digits
_SMALL = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen " \
         "fifteen sixteen seventeen eighteen nineteen".split()
_TENS = {w: (i + 2) * 10 for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_ORDINALS = {w: i + 1 for i, w in enumerate(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
    "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth".split())}
_ORDINALS |= {"twentieth": 20, "thirtieth": 30}
_FOLLOWS = {"small": {"tens", "hundred"}, "teen": {"hundred"}, "tens": {"hundred"},
            "hundred": {"small", "teen", "tens"}}  # which kind of word may precede each kind


def _number_word(word: str, previous: str | None) -> tuple[str, int, bool] | None:
    """(kind, value, is_ordinal) of a number word, or None."""
    if word in _SMALL:
        value = _SMALL.index(word)
        return ("small" if value < 10 else "teen"), value, False
    if word in _TENS:
        return "tens", _TENS[word], False
    if word == "hundred":
        return "hundred", 100, False
    if word in _ORDINALS and (word != "second" or previous == "the"):
        value = _ORDINALS[word]
        return ("small" if value < 10 else "teen" if value < 20 else "tens"), value, True
    return None


def _words_to_digits(text: str) -> str:
    """'twenty five minutes' -> '25 minutes'; 'seven thirty' -> '7 30'; 'the first' -> 'the 1th'."""
    out: list[str] = []
    value, last = 0, None
    for word in text.split():
        found = _number_word(word, out[-1] if out else None)
        if last is not None and (found is None or last not in _FOLLOWS[found[0]]):
            out.append(str(value))
            value, last = 0, None
        if found is None:
            out.append(word)
            continue
        kind, number, ordinal = found
        value = (value or 1) * 100 if kind == "hundred" else value + number
        last = kind
        if ordinal:
            out.append(f"{value}th")
            value, last = 0, None
    if last is not None:
        out.append(str(value))
    return " ".join(out)


_UNIT = r"(weeks?|wks?|days?|hours?|hrs?|h|minutes?|mins?|m|seconds?|secs?|s)(?![a-z])"


def _twenty_four_hour(match: re.Match) -> str:
    """ "0945" -> "9:45 am", "1830" -> "18:30": a 24-hour time is never read as the evening's."""
    hour, minute = [int(g) for g in match.groups() if g is not None]
    return f"{hour}:{minute:02d} am" if hour < 12 else f"{hour}:{minute:02d}"


# days people name by their holiday (the fixed-date ones): "on christmas eve" is "on december 24"; never the
# holiday's things ("post my christmas cards", "the new year's party": a word of a thing, after "my" or before a noun)
_OF_A_THING_BEFORE = r"(?<!\bmy )(?<!\bour )(?<!\byour )(?<!\bhis )(?<!\bher )(?<!\btheir )(?<!\bthe )(?<!\ba )(?<!\ban )"
_OF_A_THING_AFTER = (r"(?!\s+(?!(?:at|in|on|by|morning|afternoon|evening|night|day|eve|and|to|for|please|i|we|so|then|this|next"
                     r"|till|until|or|is|when|if|i'm|we're|it's|because)\b)[a-z])")
HOLIDAYS = tuple((re.compile(rf"{_OF_A_THING_BEFORE}\b(?:{names})\b{_OF_A_THING_AFTER}"), date) for names, date in (
    (r"christmas eve|xmas eve", "december 24"), (r"christmas(?: day)?|xmas(?: day)?", "december 25"),
    (r"boxing day", "december 26"), (r"new year'?s eve|hogmanay", "december 31"),
    (r"new year'?s(?: day)?", "january 1"), (r"hallowe'?en", "october 31"),
    (r"valentine'?s(?: day)?", "february 14"), (r"(?:st|saint)\.? patrick'?s day", "march 17"),
    (r"(?:the )?fourth of july|independence day", "july 4"), (r"bonfire night|guy fawkes(?: night)?", "november 5"),
))


def _holidays_as_dates(text: str) -> str:
    for pattern, date in HOLIDAYS:
        text = pattern.sub(date, text)
    return text


def _normalize(phrase: str) -> str:
    text = foreign_time.in_english(phrase.lower().replace("\u2019", "'")).replace("o'clock", " oclock ")
    text = _holidays_as_dates(text)
    text = re.sub(r"\barvo\b", "afternoon", text)  # Australian, New Zealand
    text = re.sub(r"\b(?:at |by )?first thing(?: in the morning)?\b", "morning", text)  # "first thing tomorrow"
    text = re.sub(r"\b(?:at |by |around )?tea ?time\b", "evening", text)  # the evening meal's time
    text = re.sub(r"\b([ap])\.\s?m\b\.?", r"\1m", text)
    text = re.sub(r"[^\w:./]+", " ", text)
    text = re.sub(r"\.(?!\d)", " ", text)
    text = re.sub(r"\bhundred and\b", "hundred", text)
    text = _words_to_digits(text)
    text = re.sub(r"\b(?:a |the )?half(?: an?)? hour\b", "30 minutes", text)  # "in a half hour" (American)
    text = re.sub(r"^(in |at |by )?(?:about|around|roughly|approximately|approx|like|maybe|say|give or take) ",
                  r"\1", text)  # "in about an hour": an hour
    text = _written_fractions(text)
    text = re.sub(r"\b(\d{1,2}) oclock\b", r"\1:00", text).replace("oclock", " ")  # "7 o'clock on saturday"
    text = re.sub(r"\ban?\s+(?=(weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\b)", "1 ", text)
    # "in fifteen minutes' time", "in an hour's time": the time is the duration's
    text = re.sub(r"\b(weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)(?: s)? time\b", r"\1", text)
    # "7 in the morning" is 7 am, "9 in the evening" / "11 at night" pm (the part of day stays a hint)
    text = re.sub(r"\b(\d{1,2}(?:[:. ]\d{2})?) in the morning\b", r"\1 am", text)
    text = re.sub(r"\b12((?:[:. ]\d{2})?) (?:in the evening|(?:at|in the) night)\b", r"12\1 am", text)  # midnight
    # "2 at night", "3 in the night": the small hours
    text = re.sub(r"\b([1-5](?:[:. ]\d{2})?) (?:at|in the) night\b", r"\1 am", text)
    text = re.sub(r"\b(\d{1,2}(?:[:. ]\d{2})?) (?:in the (?:afternoon|evening|night)|at night)\b", r"\1 pm", text)
    text = re.sub(r"\b(\d{1,2}) (\d{2}) ?(am|pm)\b", r"\1:\2 \3", text)  # "nine thirty pm"
    # the 24-hour clock written without a colon: "0700", "1830 hours", "at 2115" (not a year)
    text = re.sub(r"\b(0\d|1\d|2[0-3])([0-5]\d)(?= ?(?:hours|hrs)\b)", _twenty_four_hour, text)
    text = re.sub(r"\b(0\d)([0-5]\d)\b|(?<=\bat )(1\d|2[0-3])([0-5]\d)\b", _twenty_four_hour, text)
    text = re.sub(r"\b(\d{1,2}:\d{2}(?: am)?) ?(?:hours|hrs)\b", r"\1", text)
    # "ten past midnight" is 12:10 am, "quarter to noon" 11:45 am
    text = re.sub(r"\b(half|quarter|\d{1,2}) (?:minutes )?(past|after|to|till|before|of) (midnight|noon|midday)\b",
                  _around_twelve, text)
    # British "half six" is half past six (not "half an hour", "half 6 hours")
    text = re.sub(r"\bhalf (\d{1,2})\b(?! ?(?:weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?|%|percent)\b)",
                  r"\1:30", text)
    return " ".join(text.split())


_UNIT_AHEAD = r"(?=\s+(?:of\s+)?(?:an?\s+|1\s+)?(?:weeks?|days?|hours?|hrs?|minutes?|mins?|seconds?|secs?)\b)"
# halves, thirds and quarters written with a slash before a unit ("2 1/2 minutes", "3/4 of an hour");
# a date such as 12/5 is none
_SLASHED = re.compile(rf"(?<![\d/])\b(?:(?P<whole>\d+) (?:and )?)?(?P<article>an? )?(?P<top>[1-3])/(?P<bottom>[234])\b{_UNIT_AHEAD}")


def _written_fractions(text: str) -> str:
    """ "2 1/2 minutes" -> "2.5 minutes", "3/4 of an hour" -> "0.75 of an hour" (`_SLASHED`)."""
    def value(m: re.Match) -> str:
        top, bottom = int(m["top"]), int(m["bottom"])
        if top >= bottom:
            return m[0]
        return f"{int(m['whole']) + top / bottom:g}" if m["whole"] else f"{m['article'] or ''}{top / bottom:g}"
    return _SLASHED.sub(value, text)


_SPELLED_PARTS = {("1", "2"): "a half", ("1", "4"): "a quarter", ("3", "4"): "three quarters"}


def spelled_fractions(text: str) -> str:
    """The words with halves and quarters written with a slash before a unit said in words ("2 1/2
    minutes" -> "2 and a half minutes", "3/4 of an hour" -> "three quarters of an hour"), as a
    language model copies them whole (it wrote "2 1 2 minutes")."""
    def spelled(m: re.Match) -> str:
        part = _SPELLED_PARTS.get((m["top"], m["bottom"]))
        if part is None:
            return m[0]
        article = m["article"] if m["article"] and not part.startswith("a ") else ""  # ("8 and a 1/2": the half's "a")
        return f"{m['whole']} and {part}" if m["whole"] else f"{article}{part}"
    return _SLASHED.sub(spelled, text)


def _around_twelve(match: re.Match) -> str:
    """ "10 past midnight" -> "12:10 am"; "quarter to noon" -> "11:45 am" (a clock the parser reads)."""
    minutes = {"half": 30, "quarter": 15}.get(match[1]) or int(match[1])
    if not 0 < minutes < 60:
        return match[0]
    night = match[3] == "midnight"
    if match[2] in ("past", "after"):
        return f"12:{minutes:02d} {'am' if night else 'pm'}"
    return f"11:{60 - minutes:02d} {'pm' if night else 'am'}"


def time_words(text: str) -> str:
    """The words as the time parser reads them ("three quarters of an hour" -> "3 quarters of 1
    hour"): the extractors' phrases are spans of it."""
    return _normalize(text)


# ---------------------------------------------------------------------------- durations
def _unit_seconds(unit: str) -> int:
    return {"w": 604800, "d": 86400, "h": 3600, "m": 60, "s": 1}[unit[0]]


def _part(words: str) -> float:
    """ "a half" -> 0.5, "a quarter" -> 0.25, "3 quarters" -> 0.75."""
    named = {"a half": 0.5, "a quarter": 0.25}
    return named[words] if words in named else int(words[0]) / 4


def _expand_fractions(text: str) -> str:
    """'1 hour and a half' / 'half 1 hour' / 'a quarter of 1 hour' -> plain decimal amounts."""
    num = r"(\d+(?:\.\d+)?)"
    parts = r"(a half|a quarter|(?:1|3) quarters?)"  # "an hour and a quarter", "2 and three quarters hours"
    text = re.sub(rf"{num} and {parts} {_UNIT}", lambda m: f"{float(m[1]) + _part(m[2])} {m[3]}", text)
    text = re.sub(rf"{num} ?{_UNIT} and {parts}\b", lambda m: f"{float(m[1]) + _part(m[3])} {m[2]}", text)
    text = re.sub(rf"\b(\d*\.\d+) of (?:an? |1 )?{_UNIT}", r"\1 \2", text)  # "0.75 of 1 hour" (3/4 of an hour)
    text = re.sub(rf"\bhalf (?:an? |1 )?(?:of )?{_UNIT}", r"0.5 \1", text)
    text = re.sub(rf"\b(\d+) quarters (?:of )?(?:an? |1 )?{_UNIT}", lambda m: f"{int(m[1]) / 4} {m[2]}", text)
    return re.sub(rf"\b(?:a |1 )?quarter (?:of )?(?:an? |1 )?{_UNIT}", r"0.25 \1", text)


def parse_duration(phrase: str) -> int:
    """Seconds in a duration phrase: '10 minutes', 'an hour and a half', '1h30m', 'fifteen mins'."""
    text = _expand_fractions(_normalize(phrase))
    # a bare number after hours is minutes, after minutes seconds ("an hour thirty", "5 minutes 20")
    text = re.sub(rf"\b(hours?|hrs?|h)\s+(?:and\s+)?(\d{{1,2}})\b(?!\.\d|\s*{_UNIT}|\s*(?:am|pm))",
                  r"\1 \2 minutes", text)
    text = re.sub(rf"\b(minutes?|mins?)\s+(?:and\s+)?(\d{{1,2}})\b(?!\.\d|\s*{_UNIT})", r"\1 \2 seconds", text)
    amounts = re.findall(rf"(\d+(?:\.\d+)?)\s*{_UNIT}", text)
    if not amounts:
        raise TimeParseError(f"I couldn't find a duration in \u201c{phrase.strip()}\u201d.")
    seconds = round(sum(float(n) * _unit_seconds(unit) for n, unit in amounts))
    if seconds <= 0:
        raise TimeParseError("The duration has to be longer than zero.")
    return seconds


# ---------------------------------------------------------------------------- clock pieces
_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_WEEKDAY_RE = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu|thurs?|fri|sat|sun)"
_MONTHS = "january february march april may june july august september october november december".split()
_MONTH_RE = (r"(january|february|march|april|may|june|july|august|september|october|november|december"
             r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec)")
WAKING_HOURS = (5, 6)  # said with no am or pm, an alarm's or a device's early hours are the morning's
_PARTS = {"morning": 8, "afternoon": 15, "evening": 18, "night": 21}
_FILLER = {"at", "on", "the", "in", "of", "by", "around", "about", "this", "coming", "and", "from",
           "starting", "for", "every", "each", "day", "days", "a", "s"}


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    meridiem: str | None  # "am", "pm" or None
    next_day: bool = False  # midnight: the 00:00 that ends the named day


def _weekday_index(word: str) -> int:
    return [w[:3] for w in _WEEKDAYS].index(word[:3])


def _month_index(word: str) -> int:
    return [m[:3] for m in _MONTHS].index(word[:3]) + 1


def _take(pattern: str, text: str) -> tuple[re.Match | None, str]:
    """The first match of `pattern` and the text with it cut out."""
    match = re.search(pattern, text)
    if not match:
        return None, text
    return match, f"{text[:match.start()]} {text[match.end():]}"


def _take_clock(text: str) -> tuple[_Clock | None, str]:
    match, rest = _take(r"\b(?:12 (?:o clock )?)?(noon|midday|midnight)\b", text)  # "12 midnight" too
    if match:
        return (_Clock(12, 0, "am", True) if match[1] == "midnight" else _Clock(12, 0, "pm")), rest
    match, rest = _take(r"\b(half|quarter|\d{1,2}) (?:minutes )?(past|after|to|till|before|of) (\d{1,2})\b"
                        r"(?: ?(am|pm)\b)?", text)
    if match and not (match[2] == "of" and match[1] == "half"):
        minutes, hour = {"half": 30, "quarter": 15}.get(match[1]) or int(match[1]), int(match[3])
        if match[2] in ("to", "till", "before", "of"):  # "quarter to one" is 12:45; American "quarter of ten" 9:45
            hour, minutes = (12 if hour == 1 else hour - 1), 60 - minutes
        return _Clock(hour, minutes, match[4]), rest
    for pattern in (r"\b(\d{1,2})[:.](\d{2})(?:\b|(?=[ap]m\b))(?: ?(am|pm)\b)?",  # "6:30", "6:30am"
                    r"\bat (\d{1,2}) (\d{2})\b(?: ?(am|pm)\b)?",
                    r"\b(\d{1,2})()(?: ?(am|pm)\b)", r"\b(?:at|by|around) (\d{1,2})()()\b(?! ?(?:st|nd|rd|th)\b)"):
        match, rest = _take(pattern, text)
        if match:
            return _Clock(int(match[1]), int(match[2] or 0), match[3]), rest
    return None, text


def _candidate_times(clock: _Clock | None, part: str | None, wake_first: bool = False) -> list[time]:
    """Times of day a clock could mean, preferred first (pm first for ambiguous 1..6; with
    `wake_first`, five and six o'clock are the morning's first: an alarm, a device put off)."""
    if clock is None:
        return [time(_PARTS[part] if part else 9, 0)]
    h, m, meridiem = clock.hour, clock.minute, clock.meridiem
    if not (0 <= h <= 23 and 0 <= m <= 59) or (meridiem and not 1 <= h <= 12):
        raise TimeParseError(f"{h}:{m:02d} is not a time of day.")
    if meridiem:
        return [time(h % 12 + (12 if meridiem == "pm" else 0), m)]
    if part in ("afternoon", "evening", "night") and h < 12:
        return [time(h + 12, m)]
    if h == 12 and part is None:  # a bare twelve is noon or midnight, whichever comes first
        return [time(12, m), time(0, m)]
    if part == "morning" or h == 0 or h >= 12:
        return [time(h % 24, m)]
    if wake_first and h in WAKING_HOURS:
        return [time(h, m), time(h + 12, m)]
    return [time(h + 12, m), time(h, m)] if h <= 6 else [time(h, m), time(h + 12, m)]


def _next_at(now: datetime, at: time) -> datetime:
    due = datetime.combine(now.date(), at)
    return due if due > now else due + timedelta(days=1)


# ---------------------------------------------------------------------------- one-off dates
DayPicker = Callable[[time], date]


def _weekday_picker(now: datetime, weekday: int, skip_today: bool) -> DayPicker:
    def pick(at: time) -> date:
        ahead = (weekday - now.weekday()) % 7
        if ahead == 0 and (skip_today or datetime.combine(now.date(), at) <= now):
            ahead = 7
        return now.date() + timedelta(days=ahead)
    return pick


def _date_picker(now: datetime, month: int | None, day: int, year: int | None) -> DayPicker:
    """Day `day` of the month (or of this/next month), this year or next, whichever is ahead."""
    if month is None:
        following = now.date().replace(day=28) + timedelta(days=4)
        tries = [(now.year, now.month), (following.year, following.month)]
    else:
        tries = [(year, month)] if year else [(now.year, month), (now.year + 1, month)]

    def pick(at: time) -> date:
        for y, m in tries:
            try:
                candidate = date(y, m, day)
            except ValueError:
                continue
            if datetime.combine(candidate, at) > now or (y, m) == tries[-1]:
                return candidate
        raise TimeParseError(f"There is no day {day} in that month.")
    return pick


def _take_month_day(text: str) -> tuple[int | None, int, int | None, str]:
    """(month, day, year or None, rest) of 'december 3rd', '3 dec 2027', 'the 3rd of december'."""
    match, rest = _take(rf"\b{_MONTH_RE} (\d{{1,2}})(?:st|nd|rd|th)?\b(?: (\d{{4}})\b)?", text)
    if match:
        return _month_index(match[1]), int(match[2]), match[3] and int(match[3]), rest
    match, rest = _take(rf"\b(\d{{1,2}})(?:st|nd|rd|th)? (?:of )?{_MONTH_RE}\b(?: (\d{{4}})\b)?", text)
    if match:
        return _month_index(match[2]), int(match[1]), match[3] and int(match[3]), rest
    return None, 0, None, text


def _take_day(text: str, now: datetime) -> tuple[DayPicker | None, str | None, str]:
    """(picker of the date, part of day implied by the word, rest of the text)."""
    for pattern, offset in ((r"\b(?:the )?day after tomorrow\b", 2), (r"\btomorrow\b", 1), (r"\btoday\b", 0),
                            (r"\bto(night)\b", 0), (r"\bthis (morning|afternoon|evening)\b", 0)):
        match, rest = _take(pattern, text)
        if match:
            day = now.date() + timedelta(days=offset)
            return (lambda at: day), (match[1] if match.groups() else None), rest
    month, day, year, rest = _take_month_day(text)
    if month:  # a weekday beside a date only repeats it ("saturday the 2nd of january")
        return _date_picker(now, month, day, year), None, _without_weekday(rest)
    match, rest = _take(r"\bthe (\d{1,2})(?:st|nd|rd|th)\b", text)
    if match:
        return _date_picker(now, None, int(match[1]), None), None, _without_weekday(rest)
    match, rest = _take(rf"\b(next )?{_WEEKDAY_RE}\b", text)
    if match:
        return _weekday_picker(now, _weekday_index(match[2]), bool(match[1])), None, rest
    return None, None, text


def _without_weekday(text: str) -> str:
    return re.sub(rf"\b{_WEEKDAY_RE}\b", " ", text)


def _take_part(text: str) -> tuple[str | None, str]:
    match, rest = _take(r"\b(?:in the |at )?(morning|afternoon|evening|night)\b", text)
    return (match[1] if match else None), rest


def _only_filler(text: str) -> bool:
    return all(word in _FILLER for word in text.split())


def _parse_one_off(text: str, now: datetime, wake_first: bool = False) -> datetime | None:
    picker, day_part, rest = _take_day(text, now)
    clock, rest = _take_clock(rest)
    found_part, rest = _take_part(rest)
    part = found_part or day_part
    if clock is None and picker is not None:  # "8 tomorrow (morning)", "friday 6 30": a bare number by a day
        match, rest = _take(r"^(?:\s|\bon\b)*([01]?\d|2[0-3])(?: ([0-5]\d))?\s*$", rest)
        clock = _Clock(int(match[1]), int(match[2] or 0), None) if match else None  # else rest is kept
    if clock and clock.hour == 12 and not clock.meridiem and part in ("evening", "night"):
        clock = _Clock(12, clock.minute, "am", True)  # "12 tonight" is the midnight that ends the day
    elif clock and 1 <= clock.hour <= 5 and clock.meridiem in (None, "", "am") and day_part == "night" \
            and not found_part:
        clock = _Clock(clock.hour, clock.minute, "am", True)  # "tonight at 2": the small hours after the day
    if not _only_filler(rest) or (picker is None and clock is None and part is None):
        return None
    options = _candidate_times(clock, part, wake_first)
    shift = timedelta(days=1) if clock and clock.next_day else timedelta(0)
    if picker is None:
        return min(_next_at(now, at) for at in options)
    futures = [datetime.combine(picker(at), at) + shift for at in options]
    futures = [due for due in futures if due > now]
    if not futures:
        raise TimeParseError("That time has already passed.")
    today = [due for due in futures if due.date() == now.date()]
    return min(today) if today else futures[0]


def _parse_relative(text: str, now: datetime) -> datetime | None:
    match = re.fullmatch(r"(?:in|after) (.+)|(.+) from now", text)
    if not match:
        return None
    amount = _expand_fractions(match[1] or match[2])
    if re.sub(rf"(\d+(?:\.\d+)?)\s*{_UNIT}|\band\b", " ", amount).strip():
        return None  # more than a duration ("in the evening", "in 2 days at 5")
    seconds = parse_duration(amount)
    due = now + timedelta(seconds=seconds)
    return due.replace(second=0, microsecond=0) if seconds % 60 == 0 else due


_TIMEISH = re.compile(r"\d+[/:-]\d+|\b(am|pm|days?|weeks?|months?|years?)\b")  # worth asking dateparser


def _dateparser_fallback(phrase: str, text: str, now: datetime) -> datetime | None:
    if not _TIMEISH.search(text):
        return None  # dateparser turns "5", "in 5" or "may" into some date: no silent guesses
    import dateparser  # slow to import; only needed here

    settings = {"RELATIVE_BASE": now, "PREFER_DATES_FROM": "future", "RETURN_AS_TIMEZONE_AWARE": False}
    parsed = dateparser.parse(phrase, languages=["en"], settings=settings)
    if parsed is None:
        return None
    if parsed.time() == time(0, 0) and _take_clock(text)[0] is None:
        parsed = parsed.replace(hour=9)  # a date without a time: the morning of that day
    return parsed.replace(second=0, microsecond=0)


# ---------------------------------------------------------------------------- recurring
_RECURRING = re.compile(rf"\b(every|each|daily|nightly|hourly|weekly|monthly|yearly|annually|weekdays|weekends"
                        r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days)\b")
_ADVERBS = {"hourly": "HOURLY", "daily": "DAILY", "nightly": "DAILY", "weekly": "WEEKLY", "monthly": "MONTHLY",
            "yearly": "YEARLY", "annually": "YEARLY"}
_FREQ = {"mi": "MINUTELY", "h": "HOURLY", "d": "DAILY", "w": "WEEKLY", "mo": "MONTHLY", "y": "YEARLY"}
_BYDAY = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def _take_frequency(text: str) -> tuple[str | None, int, str]:
    match, rest = _take(r"\b(?:every|each) (\d+ |other )?(minute|min|hour|hr|day|week|month|year)s?\b", text)
    if match:
        interval = 2 if match[1] == "other " else int(match[1] or 1)
        key = "mi" if match[2].startswith("mi") else "mo" if match[2] == "month" else match[2][0]
        return _FREQ[key], interval, rest
    match, rest = _take(r"\b(hourly|daily|nightly|weekly|monthly|yearly|annually)\b", text)
    if match:
        return _ADVERBS[match[1]], 1, (rest + " night" if match[1] == "nightly" else rest)
    return None, 1, text


def _take_weekdays(text: str) -> tuple[list[str], str]:
    match, rest = _take(r"\bweekdays?\b", text)
    if match:
        return _BYDAY[:5], rest
    match, rest = _take(r"\bweekends?\b", text)
    if match:
        return _BYDAY[5:], rest
    days = sorted({_weekday_index(m[1]) for m in re.finditer(rf"\b{_WEEKDAY_RE}s?\b", text)})
    return [_BYDAY[d] for d in days], re.sub(rf"\b{_WEEKDAY_RE}s?\b", " ", text)


def _calendar_rule(freq: str | None, byday: list[str], month: int | None, monthday: int,
                   now: datetime) -> list[str]:
    """The FREQ and BY* parts of a daily-or-slower schedule (today's day when none is named)."""
    if byday or freq == "WEEKLY":
        return ["FREQ=WEEKLY", f"BYDAY={','.join(byday or [_BYDAY[now.weekday()]])}"]
    if month or freq == "YEARLY":
        return ["FREQ=YEARLY", f"BYMONTH={month or now.month}", f"BYMONTHDAY={monthday or now.day}"]
    if monthday or freq == "MONTHLY":
        return ["FREQ=MONTHLY", f"BYMONTHDAY={monthday or now.day}"]
    return ["FREQ=DAILY"]


def _parse_recurring(text: str, now: datetime) -> Schedule:
    freq, interval, rest = _take_frequency(text)
    byday, rest = _take_weekdays(rest)
    month, monthday, _, rest = _take_month_day(rest)
    if not month:
        match, rest = _take(r"\b(\d{1,2})(?:st|nd|rd|th)\b", rest)
        monthday = int(match[1]) if match else 0
    clock, rest = _take_clock(rest)
    part, rest = _take_part(rest)
    unknown = [word for word in rest.split() if word not in _FILLER | {"the", "month", "week", "year"}]
    if unknown:
        raise TimeParseError(f"I couldn't understand \u201c{' '.join(unknown)}\u201d in that schedule.")
    if not (freq or byday or month or monthday or clock or part):
        raise TimeParseError("How often? For example \u201cevery day at 9\u201d or \u201cevery monday\u201d.")
    if freq in ("MINUTELY", "HOURLY"):
        if byday or monthday or month or clock or part:
            raise TimeParseError("I can't combine an hourly schedule with days or times.")
        rule = [f"FREQ={freq}"]
    else:
        at = _candidate_times(clock, part)[0]
        rule = _calendar_rule(freq, byday, month, monthday, now) + [f"BYHOUR={at.hour}", f"BYMINUTE={at.minute}"]
    if interval > 1:
        rule.insert(1, f"INTERVAL={interval}")
    body = ";".join(rule)
    try:
        due = rrulestr(body, dtstart=now.replace(second=0, microsecond=0)).after(now)
    except ValueError as exc:
        raise TimeParseError(f"That schedule doesn't work: {exc}.") from None
    if due is None:
        raise TimeParseError("That schedule never happens.")
    return Schedule(due=due, rrule=body)


def next_occurrence(rrule: str, dtstart: datetime, after: datetime) -> datetime | None:
    """The first occurrence of a stored schedule strictly after `after` (None when it has ended)."""
    return rrulestr(rrule, dtstart=dtstart).after(after)


# ---------------------------------------------------------------------------- public parsers
def parse_when(phrase: str, now: datetime, wake_first: bool = False) -> Schedule:
    """Resolve a one-off or recurring time phrase against `now` (`wake_first`: see
    `_candidate_times`)."""
    text = _normalize(phrase)
    if not text:
        raise TimeParseError("I need a time, like \u201cat 5 pm\u201d or \u201ctomorrow at 8\u201d.")
    if _RECURRING.search(text):
        return _parse_recurring(text, now)
    due = _parse_relative(text, now) or _parse_one_off(text, now, wake_first) \
        or _dateparser_fallback(phrase, text, now)
    if due is None:
        raise TimeParseError(f"I couldn't tell when \u201c{phrase.strip()}\u201d is.")
    if due <= now:
        raise TimeParseError(f"\u201c{phrase.strip()}\u201d is already in the past.")
    return Schedule(due=due, rrule=None)


def mentions_recurrence(text: str) -> bool:
    """Whether the words name a repeating schedule ("every day", "weekdays", "daily")."""
    return bool(_RECURRING.search(_normalize(text)))


def parse_clock_time(phrase: str, now: datetime, wake_first: bool = False) -> datetime:
    """The next occurrence after `now` of a clock time ('6:30', '7 pm', 'seven', 'noon')."""
    text = _normalize(phrase)
    if re.fullmatch(r"\d{1,2}(?: \d{2})?(?: ?(?:am|pm))?", text):
        text = f"at {text}"  # a bare "7" / "6 30" is a clock time here
    if _RECURRING.search(text):
        raise TimeParseError("Alarms are for one time; for a repeating one, set a reminder.")
    return parse_when(text, now, wake_first).due


def alarm_time(phrase: str, now: datetime) -> datetime:
    """When an alarm said this way goes off: the clock time's next occurrence, five or six o'clock
    said without am, pm or a part of the day the morning's first (an alarm wakes; "for 4" stays the
    afternoon's)."""
    return parse_clock_time(phrase, now, wake_first=True)


_TIME_WORDS = re.compile(
    rf"^({_WEEKDAY_RE}s?|{_MONTH_RE}|\d+(?:st|nd|rd|th)?|\d+[:.]\d+(?:am|pm)?|\d+(?:am|pm)|am|pm|{_UNIT}|today|tonight"
    r"|tomorrow|noon|midday|midnight|morning|afternoon|evening|night|weekdays?|weekends?|every|each|daily"
    r"|nightly|hourly|weekly|monthly|yearly|at|on|in|the|next|this|day|after|of|and|a|an|half|quarter"
    r"|past|to|from|now|other|week|month|year|hour|minute|by)$")
_CONNECTORS = {"and", "the", "of", "a", "an", "to", "after", "from", "past", "this", "next", "by"}


def extract_time_phrase(text: str) -> str | None:
    """The longest run of words in an utterance that parses as a time phrase, or None."""
    words = _normalize(text).split()
    runs: list[str] = []
    start = 0
    for end in range(len(words) + 1):
        if end == len(words) or not _TIME_WORDS.match(words[end]):
            runs += [" ".join(words[i:j]) for i in range(start, end) for j in range(end, i, -1)]
            start = end + 1
    reference = datetime(2000, 1, 3, 0, 1)
    for run in sorted(runs, key=lambda r: (-len(r.split()), not re.search(r"\d", r))):  # a clock over "on night"
        if run.split()[0] in _CONNECTORS or run.split()[-1] in _CONNECTORS | {"at", "on", "in"}:
            continue
        try:
            parse_when(run, reference)
        except TimeParseError:
            continue
        return run
    return None


_DURATION_WORDS = re.compile(rf"^(\d+(?:\.\d+)?|{_UNIT}|and|a|an|half|quarter|quarters|of)$")


def extract_duration_phrase(text: str) -> str | None:
    """The longest run of words in an utterance that parses as a duration ('2 hours 15 minutes'
    in 'set a timer for 2 hours 15 minutes please'), or None."""
    words = _normalize(text).split()
    best: str | None = None
    start = 0
    for end in range(len(words) + 1):
        if end < len(words) and _DURATION_WORDS.match(words[end]):
            continue
        for i in range(start, end):
            for j in range(end, i, -1):
                run = " ".join(words[i:j])
                if best is not None and j - i <= len(best.split()):
                    break
                if words[i] in ("and", "of") or words[j - 1] in ("and", "of", "a", "an"):
                    continue
                if words[i] in ("a", "an") and words[i + 1][0].isdigit():
                    continue  # "a 90 minute timer": the duration is "90 minute"
                if words[j - 1].isdigit() and words[j:j + 1] == ["for"] and words[j + 1:j + 2] \
                        and (words[j + 1][0].isdigit() or words[j + 1] in ("a", "an")):
                    continue  # "5 min and one for 15 min": "one" begins the next item, no seconds
                try:
                    parse_duration(run)
                except TimeParseError:
                    continue
                best = run
        start = end + 1
    return best


# ---------------------------------------------------------------------------- speaking times
def format_clock(at: datetime | time) -> str:
    """'5:00 PM'."""
    return f"{at.hour % 12 or 12}:{at.minute:02d} {'AM' if at.hour < 12 else 'PM'}"


def describe_day(day: date, now: datetime) -> str:
    """'today', 'tomorrow', 'Friday' (within a week), 'December 3' or 'December 3, 2027'."""
    ahead = (day - now.date()).days
    if ahead in (0, 1):
        return ["today", "tomorrow"][ahead]
    if 1 < ahead < 7:
        return day.strftime("%A")
    return f"{day.strftime('%B')} {day.day}" + (f", {day.year}" if day.year != now.year else "")


def describe_due(due: datetime, now: datetime) -> str:
    """'today at 5:00 PM', 'on Friday at 12:00 PM', 'on December 3 at 10:00 AM'."""
    day = describe_day(due.date(), now)
    return f"{day if day in ('today', 'tomorrow') else 'on ' + day} at {format_clock(due)}"


def format_duration(seconds: int) -> str:
    """'1 hour 5 minutes', '11 minutes 30 seconds', '45 seconds'."""
    parts = []
    for name, size in (("day", 86400), ("hour", 3600), ("minute", 60), ("second", 1)):
        amount, seconds = divmod(seconds, size)
        if amount:
            parts.append(f"{amount} {name}{'' if amount == 1 else 's'}")
    return " ".join(parts) or "0 seconds"
