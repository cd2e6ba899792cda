"""Countdown timers and alarms.

A running timer stores when it ends (`ends_at`); a paused one stores what was left
(`remaining_s`). The model names timers by what they are for ("pasta") or not at all; with no
name, the only active timer is meant, and several are read back as a question.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

from rapidfuzz import fuzz, utils

from assistant.context import ExpertContext
from assistant.messages import ActionResult, Decision, Request
from assistant.registry import View, api, build_expert
from assistant.scheduler.sources import DueItem, Fired, first_due
from assistant.slots import Slot
from assistant.storage.db import Database, Migration
from assistant.timeparse import (TimeParseError, describe_due, extract_duration_phrase, extract_time_phrase,
                                format_duration, time_words, alarm_time, parse_duration)
from assistant.words import digits

ACTIVE = ("running", "paused")


def _migrate_v1(db: Database) -> None:
    db.execute("""CREATE TABLE timers (
        id INTEGER PRIMARY KEY, name TEXT, kind TEXT NOT NULL, duration_s INTEGER NOT NULL,
        started TEXT NOT NULL, ends_at TEXT NOT NULL, remaining_s INTEGER, state TEXT NOT NULL,
        created TEXT NOT NULL)""")
    db.execute("CREATE INDEX timers_state_ends ON timers (state, ends_at)")


# ---------------------------------------------------------------------------- helpers
def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _clean_name(name: str | None) -> str | None:
    """'the Pasta timer' -> 'pasta'; '' or 'timer' -> None."""
    words = re.sub(r"[^\w\s'-]", " ", (name or "").lower()).split()
    while words and words[0] in ("the", "my", "a", "an"):
        words.pop(0)
    while words and words[-1] in ("timer", "timers", "alarm", "alarms", "one"):
        words.pop()
    return " ".join(words) or None


_PURPOSE = re.compile(r"\bfor (?:the |my |our |a |an |some )?([a-z][a-z' -]{1,30}?)\s*$")
_UNITS = re.compile(r"\b(?:sec|secs|seconds?|mins?|minutes?|hours?|hrs?|days?|weeks?|while|bit)\b")


# a timer given a name ("a timer called pasta for 8 minutes", "named laundry")
_CALLED = re.compile(r"\b(?:called|named|labell?ed)\s+(?P<name>[\w' -]+?)\s+(?P<rest>(?:for|of|at)\b.*|\d.*)$", re.IGNORECASE)


def _said_purpose(said: str | None) -> str | None:
    """What a timer is for when the user said it and the model left it out ("4 minutes for the
    eggs"): the words after a closing "for", unless they are the duration."""
    text = " ".join(re.sub(r"\b(?:please|thanks|thank you|now)\b|[^\w\s'-]", " ", (said or "").lower()).split())
    found = _PURPOSE.search(text)
    if not found or _UNITS.search(found[1]) or re.search(r"\d", found[1]) or \
            found[1] in ("me", "us", "you", "it", "them", "later", "tonight", "today", "tomorrow"):
        return None  # "for ten minutes", "for an hour and a half", "for me"
    return _clean_name(found[1])


def _remaining(row: dict, now: datetime) -> int:
    if row["state"] == "paused":
        return row["remaining_s"]
    return max(0, int((datetime.fromisoformat(row["ends_at"]) - now).total_seconds()))


def _label(row: dict) -> str:
    """'pasta timer', '12 minute timer', 'alarm', 'medication alarm'."""
    if row["kind"] == "alarm":
        return f"{row['name']} alarm" if row["name"] else "alarm"
    size = re.sub(r"(\w+)s\b", r"\1", format_duration(row["duration_s"]))  # '12 minutes' -> '12 minute'
    return f"{row['name'] or size} timer"


def _left(row: dict, now: datetime) -> str:
    """'11 minutes 30 seconds left' for a timer, 'tomorrow at 6:30 AM' for an alarm."""
    if row["kind"] == "alarm":
        return describe_due(datetime.fromisoformat(row["ends_at"]), now)
    return f"{format_duration(_remaining(row, now))} left"


def _state_text(row: dict, now: datetime) -> str:
    if row["kind"] == "alarm":
        return f"is set for {_left(row, now)}"
    return f"is paused with {_left(row, now)}" if row["state"] == "paused" else f"has {_left(row, now)}"


def _join(items: list[str], last: str) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def _active(db: Database, kinds: tuple[str, ...] = ("timer", "alarm"),
            states: tuple[str, ...] = ACTIVE) -> list[dict]:
    sql = (f"SELECT * FROM timers WHERE kind IN ({','.join('?' * len(kinds))}) "
           f"AND state IN ({','.join('?' * len(states))}) "
           "ORDER BY started DESC, id DESC")
    return list(db.query(sql, [*kinds, *states]))


def _matching(rows: list[dict], name: str) -> list[dict]:
    """Rows named like `name`, or lasting the duration it names ('the 10 minute timer')."""
    try:
        seconds = parse_duration(name)
        by_length = [row for row in rows if row["duration_s"] == seconds]
        if by_length:
            return by_length
    except TimeParseError:
        pass
    scored = [(fuzz.token_set_ratio(utils.default_process(name), utils.default_process(row["name"] or "")), row)
              for row in rows]
    best = max(score for score, _ in scored)
    return [row for score, row in scored if score >= max(60, best - 5)]


def _select(ctx: ExpertContext, name: str | None, kinds: tuple[str, ...] = ("timer",),
            states: tuple[str, ...] = ACTIVE) -> tuple[dict | None, str]:
    """The one timer meant, or (None, a reply saying why not)."""
    for kind in ("alarm", "timer"):  # "the alarm" / "my timer" narrows the kind
        if kind in kinds and re.search(rf"\b{kind}s?\b", (name or "").lower()):
            kinds = (kind,)
    rows = _active(ctx.db, kinds, states)
    noun = "timer or alarm" if len(kinds) > 1 else kinds[0]
    wanted = _clean_name(name)
    if not rows:
        qualifier = {("running",): " running", ("paused",): " paused"}.get(states, "")
        return None, f"You have no{qualifier} {noun}s."
    matches = _matching(rows, wanted) if wanted else rows
    if not matches:
        return None, f"I couldn't find a {noun} called \u201c{wanted}\u201d."
    if len(matches) > 1:
        now = ctx.clock.now()
        options = [f"the {_label(row)} ({_left(row, now)})" for row in matches]
        return None, f"Which one: {_join(options, 'or')}?"
    return matches[0], ""


def _public(row: dict, now: datetime) -> dict:
    return {"id": row["id"], "name": row["name"], "duration_s": row["duration_s"],
            "remaining_s": _remaining(row, now), "state": row["state"]}


def _snapshot(row: dict) -> dict:
    return {"timer_id": row["id"], "state": row["state"], "ends_at": row["ends_at"], "remaining_s": row["remaining_s"]}


def _update(ctx: ExpertContext, timer_id: int, state: str, ends_at: str, remaining_s: int | None) -> None:
    ctx.db.execute("UPDATE timers SET state = ?, ends_at = ?, remaining_s = ? WHERE id = ?",
                   [state, ends_at, remaining_s, timer_id])


def _undo_restore(ctx: ExpertContext, data: dict) -> None:
    if data.get("started"):  # time "added" with no timer started one
        _undo_delete(ctx, data)
    else:
        _update(ctx, data["timer_id"], data["state"], data["ends_at"], data["remaining_s"])


def _undo_delete(ctx: ExpertContext, data: dict) -> None:
    ctx.db.execute("DELETE FROM timers WHERE id = ?", [data["timer_id"]])


def _insert(ctx: ExpertContext, kind: str, name: str | None, seconds: int) -> dict:
    now = ctx.clock.now()
    row = {"name": name, "kind": kind, "duration_s": seconds, "started": _iso(now),
           "ends_at": _iso(now + timedelta(seconds=seconds)), "remaining_s": None, "state": "running",
           "created": _iso(now)}
    cursor = ctx.db.execute(f"INSERT INTO timers ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                            list(row.values()))
    return {"id": cursor.lastrowid, **row}


# ---------------------------------------------------------------------------- CLI / scheduler
def list_timers(db: Database, now: datetime) -> list[dict]:
    """Active timers and alarms, soonest first: {id, name, duration_s, remaining_s, state}."""
    rows = [_public(row, now) for row in _active(db)]
    return sorted(rows, key=lambda row: (row["remaining_s"], row["id"]))


def due_timers(db: Database, now: datetime) -> list[dict]:
    """Running timers and alarms whose end has come: {id, name, kind, duration_s, ends_at}."""
    rows = db.query("SELECT id, name, kind, duration_s, ends_at FROM timers WHERE state = 'running' "
                    "AND ends_at <= ? ORDER BY ends_at, id", [_iso(now)])
    return list(rows)


def mark_fired(db: Database, timer_id: int, now: datetime) -> None:
    """Record that a timer or alarm went off."""
    db.execute("UPDATE timers SET state = 'done', remaining_s = 0 WHERE id = ? AND state = 'running'", [timer_id])


# ---------------------------------------------------------------------------- APIs
@api(speculative_safe=True, undo=_undo_delete, slots={"duration": Slot("duration", "For how long?")})
def start(ctx: ExpertContext, duration: str, name: str | None = None) -> ActionResult:
    """Start a countdown timer for a duration phrase ('12 minutes'), optionally named ('pasta')."""
    written, said = _CALLED.search(duration or ""), _CALLED.search(ctx.said or "")
    if not name and written:  # "a timer called pasta for 8 minutes" written as the duration
        name, duration = written["name"], written["rest"]
    elif not name and said:
        name = said["name"]
    try:
        seconds = parse_duration(duration)
    except TimeParseError as exc:
        return ActionResult(ok=False, reply=f"{exc} How long should the timer run?", missing="duration")
    row = _insert(ctx, "timer", _clean_name(name) or _said_purpose(ctx.said), seconds)
    title = f"{row['name']} timer" if row["name"] else "timer"
    return ActionResult(reply=f"{title[0].upper()}{title[1:]} set for {format_duration(seconds)}.",
                        data=_public(row, ctx.clock.now()), undo={"timer_id": row["id"]})


# what makes a phrase a time to ring at: a number ("7", "6:30", "half past 6") or noon/midnight
_CLOCK_TIME = re.compile(r"\d|\b(?:noon|midday|midnight)\b")


def _bare_clock(text: str) -> str | None:
    """A number alone after "alarm for" is a clock time ("an alarm for 6", "for six thirty"), as said."""
    return text if re.fullmatch(r"(?:[1-9]|1[0-2])(?:[: ][0-5]\d)?", time_words(text).strip()) else None


@api(speculative_safe=True, undo=_undo_delete,
     slots={"time": Slot("clock", "What time should the alarm go off?")})
def set_alarm(ctx: ExpertContext, time: str, name: str | None = None) -> ActionResult:
    """Set an alarm for a clock time ('6:30 am', 'seven', 'noon'), the next time it comes."""
    now = ctx.clock.now()
    if not _CLOCK_TIME.search(digits(time)):  # "tomorrow", "in the morning": a day, not a time to ring
        return ActionResult(ok=False, reply="What time should the alarm go off?", missing="time")
    try:
        at = alarm_time(time, now)
    except TimeParseError as exc:
        return ActionResult(ok=False, reply=f"{exc} What time should the alarm go off?", missing="time")
    at = _wake_up(at, time, ctx.utterance.text if ctx.utterance else "", now)
    row = _insert(ctx, "alarm", _clean_name(name), int((at - now).total_seconds()))
    title = f"{row['name']} alarm" if row["name"] else "alarm"
    when = describe_due(at, now)  # "for tomorrow at 7:00 AM", but "on Saturday at 7:00 AM"
    return ActionResult(reply=f"{title[0].upper()}{title[1:]} set {'' if when.startswith('on ') else 'for '}{when}.",
                        data=_public(row, now), undo={"timer_id": row["id"]},
                        referent={"time": when.removeprefix("on ")})  # "no, 7:15" next: near this time


UNIT_WORDS = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?)"  # the words of a timer's length
_WAKE = re.compile(r"\b(?:wake|waking|get (?:me |us |him |her |them )?up|getting up)\b", re.IGNORECASE)
_HALF_OF_DAY = re.compile(r"\b(?:am|pm|a\.m\.|p\.m\.|morning|afternoon|evening|tonight|night|noon|midnight)\b",
                          re.IGNORECASE)


EVENING = 17  # a wake-up read at this hour or later today is meant for the morning
_FROM_NOW = re.compile(rf"\s*(?:in|after)\s+(?!the\b)|.*\b{UNIT_WORDS}\b", re.IGNORECASE)  # "in 20 minutes": as said


def _wake_up(at: datetime, time: str, said: str, now: datetime) -> datetime:
    """A wake-up is in the morning unless the user said which half of the day: on another day
    ("wake me at 5:45 tomorrow", where 1..6 would read pm), and today when the evening reading
    is the only one left ("wake me at 7:50" at 9 am is tomorrow's 7:50; a nap "at 4" stays 4 pm).
    A time from now ("wake me up in 20 minutes") is what it says, at any hour."""
    if at.hour < 13 or not _WAKE.search(said) or _HALF_OF_DAY.search(f"{time} {said}") \
            or at.date() == now.date() and at.hour < EVENING or _FROM_NOW.match(time):
        return at
    morning = at - timedelta(hours=12)
    return morning if morning > now else morning + timedelta(days=1)


@api(speculative_safe=True)
def status(ctx: ExpertContext, name: str | None = None) -> ActionResult:
    """Say how much time is left on a timer (or on all of them), and when alarms go off."""
    now = ctx.clock.now()
    if _clean_name(name):
        row, problem = _select(ctx, name, ("timer", "alarm"))
        if row is None:
            return ActionResult(ok=False, reply=problem)
        rows = [row]
    else:
        rows = _active(ctx.db)
    data = [_public(row, now) for row in rows]
    if not rows:
        return ActionResult(reply="You have no timers running.", data=data)
    if len(rows) == 1:
        return ActionResult(reply=f"Your {_label(rows[0])} {_state_text(rows[0], now)}.", data=data)
    items = [f"the {_label(row)} {_state_text(row, now)}" for row in rows]
    return ActionResult(reply=f"You have {len(rows)} timers: {_join(items, 'and')}.", data=data)


@api(speculative_safe=True, undo=_undo_restore)
def pause(ctx: ExpertContext, name: str | None = None) -> ActionResult:
    """Pause a running timer."""
    row, problem = _select(ctx, name, states=("running",))
    if row is None:
        return ActionResult(ok=False, reply=problem)
    left = _remaining(row, ctx.clock.now())
    _update(ctx, row["id"], "paused", row["ends_at"], left)
    return ActionResult(reply=f"Paused the {_label(row)} with {format_duration(left)} left.",
                        undo=_snapshot(row))


@api(speculative_safe=True, undo=_undo_restore)
def resume(ctx: ExpertContext, name: str | None = None) -> ActionResult:
    """Resume a paused timer."""
    row, problem = _select(ctx, name, states=("paused",))
    if row is None:
        return ActionResult(ok=False, reply=problem)
    ends_at = ctx.clock.now() + timedelta(seconds=row["remaining_s"])
    _update(ctx, row["id"], "running", _iso(ends_at), None)
    return ActionResult(reply=f"Resumed the {_label(row)}; {format_duration(row['remaining_s'])} left.",
                        undo=_snapshot(row))


def _shift(ctx: ExpertContext, duration: str, name: str | None, sign: int) -> ActionResult:
    """Add (sign=1) or take off (sign=-1) time from a running or paused timer."""
    try:
        seconds = parse_duration(duration)
    except TimeParseError as exc:
        return ActionResult(ok=False, reply=str(exc))
    row, problem = _select(ctx, name)
    if row is None:
        return ActionResult(ok=False, reply=problem)
    left = _remaining(row, ctx.clock.now()) + sign * seconds
    if left <= 0:
        return ActionResult(ok=False, reply=f"The {_label(row)} only has "
                                            f"{format_duration(left + seconds)} left.")
    ends_at = datetime.fromisoformat(row["ends_at"]) + timedelta(seconds=sign * seconds)
    if row["state"] == "paused":
        _update(ctx, row["id"], "paused", row["ends_at"], left)
    else:
        _update(ctx, row["id"], "running", _iso(ends_at), None)
    change = f"Added {format_duration(seconds)} to" if sign > 0 else f"Took {format_duration(seconds)} off"
    return ActionResult(reply=f"{change} the {_label(row)}; {format_duration(left)} left.", undo=_snapshot(row))


def _named_timer_said(said: str | None, name: str | None) -> bool:
    """Whether the user named the timer that time goes on ("add 5 minutes to the pasta timer"), not
    only the model ("on the timer, the crawfish need to soak" written with a name "crawfish")."""
    words = re.escape(name.strip().lower()) if name and name.strip() else None
    if words is None or not said:  # (no words to check: the name stands)
        return words is not None
    return re.search(rf"\b{words}\s+timer\b|\btimer\s+(?:for|called|named)\s+(?:the\s+)?{words}\b",
                     said.lower()) is not None


@api(speculative_safe=True, undo=_undo_restore, slots={"duration": Slot("duration", "How much time should I add?")})
def add_time(ctx: ExpertContext, duration: str, name: str | None = None) -> ActionResult:
    """Add time to a timer ('5 minutes')."""
    if not _active(ctx.db, ("timer",), ACTIVE) and not _named_timer_said(ctx.said, name):
        started = start(ctx, duration)  # "twenty minutes on the timer" with none running: start one
        return started.model_copy(update={"undo": {**started.undo, "started": True}}) if started.ok else started
    return _shift(ctx, duration, name, 1)


@api(speculative_safe=True, undo=_undo_restore,
     slots={"duration": Slot("duration", "How much time should I take off?")})
def subtract_time(ctx: ExpertContext, duration: str, name: str | None = None) -> ActionResult:
    """Take time off a timer ('2 minutes')."""
    return _shift(ctx, duration, name, -1)


@api(speculative_safe=True, undo=_undo_restore)
def cancel(ctx: ExpertContext, name: str | None = None) -> ActionResult:
    """Cancel a timer or an alarm."""
    row, problem = _select(ctx, name, ("timer", "alarm"))
    if row is None:
        return ActionResult(ok=False, reply=problem)
    _update(ctx, row["id"], "cancelled", row["ends_at"], row["remaining_s"])
    return ActionResult(reply=f"Cancelled the {_label(row)}.", undo=_snapshot(row))


# -- the fast router's command shapes ("pasta timer for 12 minutes", "how long is left") ---------

def _timer(text: str) -> Decision | None:
    called = re.search(r" (?:called|named) (?P<name>[a-z]+)(?= for |$)", text)  # "the timer called eggs for 3 hours"
    if called:
        decision = _timer(text[:called.start()] + text[called.end():])
        if decision is None or "name" in decision.args:
            return None
        return decision.model_copy(update={"args": {**decision.args, "name": called["name"]}})
    # "a pasta timer", "a banana bread timer"; never a part of the duration ("… and ten seconds")
    named = rf"(?P<name>(?!(?:and|{UNIT_WORDS})\b)[a-z]+(?: (?!(?:and|{UNIT_WORDS})\b)[a-z]+){{0,2}}?)"
    match = (re.match(rf"^(?:set|start|begin|create)? ?(?:a |an |the |my )?(?:{named} )?timer (?:for )?(?P<d>.+)$",
                      text)
             or re.match(rf"^(?:set|start|begin) (?:a |an |my |the )?(?P<d>.+?{UNIT_WORDS})(?: {named})? timer$", text))
    if not match or re.match(r"^(?:the|my|a|an|some) [a-z]+ (?:[a-z]+ )?\d", match["d"]):
        return None  # "a timer for the rice 18 minutes": what it is for, then how long (a countdown shape)
    try:
        parse_duration(match["d"])
    except TimeParseError:
        return None
    name = match["name"] if match["name"] not in (None, "a", "an", "the", "new", "second", "minute", "hour") else None
    args = {"duration": match["d"], **({"name": name} if name else {})}
    return Decision(expert="timers", api="start", args=args, source="router")



# the ways to ask for a countdown around its duration (written D): "count down D", "a D timer for
# the bread", "a timer for the rice D", "egg timer, D", "time me for D", "D on the clock"
_ASK = r"(?:(?:set|start|begin|create|make|run|give me|get me|put on|i need|i want|i'd like) (?:me )?)?"
_NAME = r"(?P<name>[a-z]+)"
_FOR_NAME = r"(?: for (?:the |my |a |an |some )?(?P<for_name>[a-z]+))?"
_COUNTDOWN_SHAPES = [re.compile(p) for p in (
    rf"^{_ASK}(?:(?:a|an|the|my|new) )*D (?:{_NAME} )?(?:timer|countdown){_FOR_NAME}$",
    rf"^{_ASK}(?:(?:a|an|the|my|new) )*(?:{_NAME} )?(?:timer|countdown)(?: for| of| on)? D{_FOR_NAME}$",
    rf"^{_ASK}(?:(?:a|an|the|my|new) )*(?:timer|countdown) for (?:the |my |a |an |some )?(?P<for_name>[a-z]+) D$",
    rf"^count ?down(?: from| for)? D{_FOR_NAME}$",
    rf"^time (?:me )?(?:for )?D(?: for me)?$",
    rf"^{_ASK}D on the clock$",
    rf"^let me know when D (?:is|are) up$",
)]
_NOT_NAMES = frozenset("a an the my new second seconds minute minutes hour hours me it this that next following other "
                        "another full whole extra good".split())


def _countdown(text: str) -> Decision | None:
    """A countdown asked for in other words than "set a timer for …": the duration read by the
    time parser, the rest one of the shapes above, a name from "for the bread" or "egg timer"."""
    text = time_words(text)
    duration = extract_duration_phrase(text)
    if not duration or f" {duration} " not in f" {text} ":
        return None
    shape = re.sub(rf"(?<![a-z0-9]){re.escape(duration)}(?![a-z0-9])", "D", text, count=1)
    match = next(filter(None, (p.match(shape) for p in _COUNTDOWN_SHAPES)), None)
    if match is None:
        return None
    names = [n for n in (match.groupdict().get("name"), match.groupdict().get("for_name")) if n]
    if len(names) > 1 or names and names[0] in _NOT_NAMES:
        return None
    return Decision(expert="timers", api="start", args={"duration": duration, **({"name": names[0]} if names else {})},
                    source="router")


def _alarm(text: str) -> Decision | None:
    """"set an alarm for 7 tomorrow", "wake me at 6 45", "get me up at half past five": the clock
    time as the time parser reads it, nothing else said."""
    match = re.match(r"^(?:(?:set|make|put|give me) (?:me )?(?:an |my |the |a )?alarm (?:for |at )?"
                     r"|(?:an |my )?alarm (?:for |at )|(?:wake|get) me(?: up)? (?:at )?)(?P<t>.+)$", text)
    when = (extract_time_phrase(match["t"]) or _bare_clock(match["t"])) if match else None
    if not when or not _CLOCK_TIME.search(time_words(when)):
        return None
    if _plain(re.sub(r"^at ", "", when)) != _plain(match["t"]):
        return None  # words besides the time ("… called gym", "… every weekday"): the confirmer's
    return Decision(expert="timers", api="set_alarm", args={"time": re.sub(r"^at ", "", when)}, source="router")


def _plain(phrase: str) -> str:
    """Words and digits only ("7:30 am" and "seven thirty am" alike)."""
    return re.sub(r"\W+", " ", digits(phrase)).strip()


_TIMER_NOUN = r"(?:(?:the|my|that) (?:(?P<name>[a-z]+) )?timer|my alarm)"


def _timer_change(text: str) -> Decision | None:
    """"pause the pizza timer", "cancel my timer", "add a minute to the timer", "how's my timer doing"."""
    verbs = {"pause": "pause", "hold": "pause", "resume": "resume", "unpause": "resume", "restart": "resume",
             "cancel": "cancel", "stop": "cancel", "kill": "cancel", "delete": "cancel", "clear": "cancel",
             "turn off": "cancel", "switch off": "cancel"}
    match = re.match(rf"^(?P<verb>{'|'.join(verbs)}) {_TIMER_NOUN}$", text)
    if match and match["verb"] in ("pause", "hold", "resume", "unpause", "restart") and "alarm" in text:
        return None
    if match:
        api_name = verbs[match["verb"]]
    else:
        match = re.match(rf"^(?:hows|how's|how is|is) (?:(?:the|my|that) (?:(?P<name>[a-z]+) )?timer)"
                         rf"(?: doing| going| still going| still running)$", text)
        api_name = "status"
    if match:
        name = match["name"] if match["name"] not in _NOT_NAMES else None
        return Decision(expert="timers", api=api_name, args={"name": name} if name else {}, source="router")
    match = re.match(rf"^(?P<verb>add|put|take) (?P<d>.+?) (?:to|on|off|from) {_TIMER_NOUN}$", digits(text))
    if not match or match["verb"] == "take" and " to " in text:
        return None
    duration = extract_duration_phrase(match["d"])
    if duration is None or digits(duration) != match["d"].removeprefix("another ").replace("a minute", "1 minute"):
        return None
    name = match["name"] if match["name"] not in _NOT_NAMES else None
    api_name = "subtract_time" if match["verb"] == "take" else "add_time"
    return Decision(expert="timers", api=api_name, args={"duration": duration, **({"name": name} if name else {})},
                    source="router")


def _timer_status(text: str) -> Decision | None:
    """"how long is left", "when is my alarm going off", "what time is the alarm set for"."""
    if re.match(r"^how (?:much|long) (?:time )?(?:is |'s )?(?:left|remaining|to go)\b", text) \
            or re.match(r"^(?:when|what time) (?:is|does|will|'s) (?:my|the) (?:[a-z]+ )?(?:alarm|timer) "
                        r"(?:go(?:ing)? off|set for|ring(?:ing)?|end(?:ing)?|done|finish(?:ing)?)\W*$", text):
        return Decision(expert="timers", api="status", args={}, source="router")
    return None


def propose(request: Request) -> Decision | None:
    text = request.words
    return _timer(text) or _timer_status(text) or _countdown(text) or _alarm(text) or _timer_change(text)


# -- what the scheduler fires ------------------------------------------------------------------

class DueTimers:
    """The scheduler source of running timers and alarms."""

    def due(self, db: Database, now: datetime) -> list[DueItem]:
        return [DueItem("timer", t["id"], datetime.fromisoformat(t["ends_at"]), t["ends_at"], t)
                for t in due_timers(db, now)]

    def still_due(self, db: Database, item: DueItem) -> bool:
        return db.execute("SELECT 1 FROM timers WHERE id = ? AND state = 'running' AND ends_at = ?",
                          [item.item_id, item.key]).fetchone() is not None

    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired:
        mark_fired(db, item.item_id, now)
        row = item.payload
        if row["kind"] == "alarm":
            return Fired(f"Your {row['name']} alarm is going off." if row["name"] else "Your alarm is going off.")
        size = row["name"] or format_duration(row["duration_s"])
        return Fired(f"Your {size} timer is done.")

    def next_due(self, db: Database, after: datetime) -> datetime | None:
        return first_due(db, "SELECT MIN(ends_at) FROM timers WHERE state = 'running' AND ends_at > ?", after)

    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None:
        pass


# "my alarm" is the user's own alarm clock ("turn off my alarm"), an alarm clock is one; the home's
# alarm panel is "the alarm system", "the burglar alarm", armed or disarmed (smart_home's cues)
MY_ALARM = re.compile(r"^(?!.*\b(?:dis)?arm(?:ed|ing)?\b).*(?:\bmy alarms?\b(?! (?:system|panel|code))"
                      r"|\balarm clock\b|\bwake[- ]?up alarm\b)", re.IGNORECASE)

# an alarm at a clock time ("alarm at ten past five tomorrow", "an alarm for 6:30"): a wake-up
# alarm, never the home's alarm panel (arming it at a time says "arm")
ALARM_AT = re.compile(r"^(?!.*\b(?:dis)?arm(?:ed|ing)?\b)(?!.*\b(?:security|burglar|house alarm|home alarm)\b)"
                      r".*\balarm (?:at|for) (?:[\w:']+ ){0,4}?(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine"
                      r"|ten|eleven|twelve|noon|midnight)\b"
                      r"|^(?!.*\b(?:dis)?arm(?:ed|ing)?\b)(?!.*\b(?:security|burglar|house alarm|home alarm)\b)"  # or after a while
                      r".*\balarm (?:to go off |to ring |that goes off )?in (?:[\w']+ ){1,4}?(?:sec|secs|seconds?|mins?"
                      r"|minutes?|hours?|hrs?)\b", re.IGNORECASE)

def recast(db, api_name: str, args: dict, here: str | None = None, said: str | None = None) -> tuple[str, dict] | None:
    """An alarm whose time the model left out (or made up) when the words set it after a while
    ("alarm in an hour and a half", "an alarm an hour from now"): the alarm at that time (`Expert.recast`)."""
    if api_name != "set_alarm" or not said or not _ALARM_SAID.search(said):
        return None  # (an alarm the user never asked for is no alarm to set: "remind me … in 20 minutes")
    words = time_words(said.lower())
    after = re.search(r"\bin (.+)$", words) or re.search(r"^(.+?)\s+from now\b", words)  # "… an hour from now"
    duration = extract_duration_phrase(after.group(1)) if after else None
    if not duration or str(args.get("time") or "").strip().lower().startswith("in "):
        return None  # (the model's "45 minutes" for "in 45 minutes" is no time of day)
    kept = {k: v for k, v in args.items() if k != "name" or str(v).lower() not in _COURTESY}
    return "set_alarm", {**kept, "time": f"in {duration}"}


_ALARM_SAID = re.compile(r"\b(?:alarm|wake|waking)\b", re.IGNORECASE)
_COURTESY = frozenset({"thanks", "thank you", "please", "cheers", "ta"})  # said around a call, never its name


# a countdown asked for with no "timer": "count down thirty seconds", "time me for 5 minutes",
# "let me know when 25 minutes are up"
# a timer asked for with no length ("start a timer for the lasagna"): the timers' even when the rest
# sounds like food or a list, so "for how long?" is asked
TIMER_ASKED = re.compile(rf"^(?!.*\d)(?!.*\b{UNIT_WORDS}\b)"  # (no length said)
                         r"\W*(?:(?:please|hey|ok|okay|can you|could you|would you|will you)\W+)*"
                         r"(?:start|set|make|put on|give me|create|run|get)\s+(?:me\s+)?(?:a|an|another|one more)\s+"
                         r"(?:[\w-]+\s+){0,3}?timer\b(?!\s+(?:for|to)\s+remind\b)", re.IGNORECASE)
COUNTDOWN_CUE = re.compile(r"^\W*(?:count ?down\b|time me\b|let me know when .+ (?:is|are) up\W*$)", re.IGNORECASE)

# words that ask about a timer or an alarm whatever it is called
TIMER_WORDS = re.compile(r"\b(?:timers?|alarms?|countdowns?|left|remaining|longer|minutes?|seconds?|hours?|"
                         r"ring|rings|go(?:es)? off|wake)\b", re.IGNORECASE)


def foreign(db: Database, api_name: str, args: dict, said: str, here: str | None = None) -> bool:
    """Whether a status question sent here says nothing of timers, and names none the user has
    ("how long was he in office" after a question about a prime minister): then it is not theirs."""
    if api_name != "status" or not said or TIMER_WORDS.search(said):
        return False
    words = set(re.findall(r"[a-z]+", said.lower()))
    names = {w for row in _active(db) for w in re.findall(r"[a-z]+", (row.get("name") or "").lower())}
    return not words & names


EXPERT = build_expert("timers", "countdown timers and alarms",
                      [start, set_alarm, status, pause, resume, add_time, subtract_time, cancel],
                      [Migration("timers", 1, _migrate_v1)],
                      capability="timers", propose=propose, cancellable=("start", "set_alarm"),
                      cues=(MY_ALARM, ALARM_AT, COUNTDOWN_CUE, TIMER_ASKED), recast=recast, foreign=foreign,
                      scheduler_sources=lambda: [DueTimers()],
                      views=(View("timers", "Running and paused timers and alarms.", list_timers,
                                  ("id", "name", "duration_s", "remaining_s", "state")),),
                      examples=Path(__file__).with_suffix(".jsonl"))
