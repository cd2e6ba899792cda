"""Dates in questions and in passages, so "is anything due tomorrow?" finds the line that says
"Thu 10 Dec" when tomorrow is Thursday 10 December.

`asked_days(question, today)`: the days a question's relative words mean ("today", "tomorrow",
"yesterday", "the day after tomorrow", "this week", "next week", "this weekend", "on friday").
`days_in(line, today)`: the days a line names ("Thu 10 Dec", "10 December 2026", "December 10th",
"2026-12-10"); a date with no year is the one nearest to today.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH = r"(?P<month{n}>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|" \
         r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_DAY = r"(?P<day{n}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year{n}>20\d\d))?"
_DATE = re.compile(
    rf"\b(?:{_DAY.format(n=1)}\s+(?:of\s+)?{_MONTH.format(n=1)}{_YEAR.format(n=1)}"
    rf"|{_MONTH.format(n=2)}\s+{_DAY.format(n=2)}\b{_YEAR.format(n=2)}"
    r"|(?P<iso_y>20\d\d)-(?P<iso_m>[01]\d)-(?P<iso_d>[0-3]\d))\b", re.IGNORECASE)
# days of the year called by a name, not a date: (month, day)
HOLIDAYS = {"new year's eve": (12, 31), "new years eve": (12, 31), "new year's day": (1, 1), "new years day": (1, 1),
            "christmas eve": (12, 24), "christmas day": (12, 25), "boxing day": (12, 26), "halloween": (10, 31),
            "valentine's day": (2, 14), "valentines day": (2, 14), "bonfire night": (11, 5),
            "st patrick's day": (3, 17), "independence day": (7, 4)}
_HOLIDAY = re.compile(r"\b(?:" + "|".join(re.escape(h) for h in HOLIDAYS) + r")\b", re.IGNORECASE)
_WEEKDAY = re.compile(r"\b(?:on |this |next )?(mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)


# the words that ask for days relative to today (`asked_days`): a line says the day's date or name instead
RELATIVE = re.compile(r"\b(?:the day after tomorrow|tomorrow|yesterday|today|tonight|this (?:morning|afternoon|evening)"
                      r"|(?:this|next|the rest of the|the) week(?:end)?)\b", re.IGNORECASE)


def without_relative(question: str) -> str:
    """The question without its relative day words ("what's for dinner tomorrow" -> "what's for
    dinner"): no document line says "tomorrow", so they are not words a passage must share."""
    return " ".join(RELATIVE.sub(" ", question).split())


def asked_days(question: str, today: date) -> list[date]:
    """The days the question's relative date words mean, in order ([] when it names none)."""
    text = question.lower()
    monday = today - timedelta(days=today.weekday())
    if "day after tomorrow" in text:
        return [today + timedelta(days=2)]
    if re.search(r"\btomorrow\b", text):
        return [today + timedelta(days=1)]
    if re.search(r"\byesterday\b", text):
        return [today - timedelta(days=1)]
    if re.search(r"\b(?:today|tonight|this (?:morning|afternoon|evening))\b", text):
        return [today]
    if re.search(r"\bnext week\b", text):
        return [monday + timedelta(days=7 + i) for i in range(7)]
    if re.search(r"\b(?:this|the) weekend\b", text):
        saturday = monday + timedelta(days=5)
        return [saturday, saturday + timedelta(days=1)]
    if re.search(r"\b(?:this|the rest of the) week\b", text):
        return [today + timedelta(days=i) for i in range(7 - today.weekday())]
    match = _WEEKDAY.search(text)
    if match:
        wanted = [w[:3] for w in _WEEKDAYS].index(match[1][:3].lower())
        ahead = (wanted - today.weekday()) % 7
        return [today + timedelta(days=ahead + (7 if match[0].startswith("next") and ahead else 0))]
    return []


def days_in(line: str, today: date) -> list[date]:
    """The calendar dates the line names (no year: the one nearest to today), holidays by name too."""
    found = [_nearest(today, None, *HOLIDAYS[m[0].lower()]) for m in _HOLIDAY.finditer(line)]
    for match in _DATE.finditer(line):
        if match["iso_y"]:
            parts = (int(match["iso_y"]), int(match["iso_m"]), int(match["iso_d"]))
        else:
            n = 1 if match["month1"] else 2
            month = _MONTHS.index(match[f"month{n}"][:3].lower()) + 1
            year = match[f"year{n}"]
            parts = (int(year) if year else None, month, int(match[f"day{n}"]))
        day = _nearest(today, *parts)
        if day:
            found.append(day)
    return found


_ORDINAL = re.compile(r"\bthe\s+([0-3]?\d)(?:st|nd|rd|th)\b(?!\s+(?:of\s+)?(?:each|every|the|jan|feb|mar|apr|may|jun|jul|"
                      r"aug|sep|oct|nov|dec))", re.IGNORECASE)


def day_of_month(question: str, today: date) -> list[date]:
    """'on the 12th' in a question: the next 12th of a month, from today on ([] when none named)."""
    match = _ORDINAL.search(question)
    if not match:
        return []
    for months_ahead in range(3):
        month, year = (today.month - 1 + months_ahead) % 12 + 1, today.year + (today.month - 1 + months_ahead) // 12
        try:
            day = date(year, month, int(match[1]))
        except ValueError:
            continue
        if day >= today:
            return [day]
    return []


def weekday(day: date) -> str:
    return _WEEKDAYS[day.weekday()]


def spoken(day: date) -> str:
    """Words a passage may use for the day: 'thursday 10 december dec'."""
    return f"{_WEEKDAYS[day.weekday()]} {day.day} {day:%B} {day:%b}".lower()


def _nearest(today: date, year: int | None, month: int, day: int) -> date | None:
    years = [year] if year else [today.year - 1, today.year, today.year + 1]
    options = []
    for y in years:
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - today).days)) if options else None
