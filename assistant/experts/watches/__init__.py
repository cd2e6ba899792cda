"""Conditional, optionally recurring watches: notify if something hasn't happened by a time, when it
happens, or if a device is in some state at a time.

The model fills `create` with phrases only; this module resolves them: names against personal
memory (through `experts.events`), times with `assistant.timeparse`, devices with
`experts.smart_home.resolve`. The scheduler runs the watches: `due_checks` / `run_check` for the
timed kinds ('absence', 'device_state'), `pending_occurrences` / `fire_occurrence` for
'occurrence'. `next_check` is the next check time of a timed watch, or the time an occurrence
watch looks at events from; it is NULL once a one-off watch has run (then `active` is 0 too).
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import fuzz, utils

from assistant.context import ExpertContext
from assistant.messages import ActionResult
from assistant.registry import View, api, build_expert
from assistant.storage.db import Database, Migration
from assistant.timeparse import (Schedule, TimeParseError, describe_day, format_clock, next_occurrence,
                                 parse_clock_time, parse_when)
from assistant.experts.events import Event, describe_event, events_after, find_matches, last_event_id, matcher
from assistant.experts.reminders import describe_recurrence
from assistant.experts.smart_home import list_devices, resolve

_COLUMNS = ("id", "description", "kind", "condition", "window", "recurrence", "message", "active",
            "next_check", "created", "seen_event_id")
_ONCE = {"", "no", "none", "false", "once", "one time", "just once", "never", "not", "today", "only once"}
_DAILY = {"yes", "true", "always", "every time", "each time", "whenever", "repeat", "repeatedly", "recurring",
          "again", "every day", "daily", "each day"}
_RECURRING = re.compile(r"\b(every|each|daily|nightly|weekly|weekdays?|weekends?"
                        r"|(?:mon|tues|wednes|thurs|fri|satur|sun)days)\b")
_LEADING = {"is", "isn't", "isnt", "not", "no", "has", "hasn't", "hasnt", "been", "was", "wasn't", "gets", "get",
            "got", "being", "doesn't", "didn't", "the", "if", "that", "when", "whenever"}
_PARTICIPLES = {"fed", "done", "out", "let", "seen", "home", "back", "given", "taken", "put", "in"}
_STATES = {"opened": "open", "shut": "closed", "close": "closed", "lock": "locked", "unlock": "unlocked",
           "turned on": "on", "switched on": "on", "running": "on", "turned off": "off", "switched off": "off"}
_DOMAIN_STATES = {"light": {"on", "off"}, "switch": {"on", "off"}, "fan": {"on", "off"},
                  "cover": {"open", "closed", "opening", "closing"}, "lock": {"locked", "unlocked", "jammed"},
                  "media_player": {"on", "off", "playing", "paused", "idle"},
                  "binary_sensor": {"on", "off", "open", "closed"},
                  "alarm_control_panel": {"armed_home", "armed_away", "armed_night", "disarmed", "triggered"}}
_SENSOR_STATES = {"open": "on", "closed": "off"}  # a window or door sensor reads "on" when open
_MATCH_STOP = {"the", "my", "a", "an", "watch", "watches", "alert", "alerts", "notification", "rule", "about",
               "for", "one", "that", "check", "if", "when"}


def _migrate_v1(db: Database) -> None:
    db.execute("""CREATE TABLE watches (
        id INTEGER PRIMARY KEY, description TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('absence', 'occurrence', 'device_state')),
        condition TEXT NOT NULL, window TEXT, recurrence TEXT, message TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1, next_check TEXT, created TEXT NOT NULL,
        seen_event_id INTEGER NOT NULL DEFAULT 0)""")
    db.execute("CREATE INDEX watches_due ON watches (active, next_check)")


@dataclass(frozen=True)
class CheckResult:
    text: str | None  # the notification to send; None when all is well
    why: dict[str, Any]


@dataclass(frozen=True)
class _Plan:
    kind: str
    description: str
    condition: dict[str, Any]
    window: dict[str, Any] | None
    schedule: Schedule | None  # None for occurrence watches
    message: str
    reply: str


# ---------------------------------------------------------------------------- storage
def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _rows(db: Database, where: str = "", params: list | None = None) -> list[dict[str, Any]]:
    cursor = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM watches {where} ORDER BY id", params or [])
    return [dict(zip(_COLUMNS, r)) for r in cursor.fetchall()]


def _get(db: Database, watch_id: int) -> dict[str, Any] | None:
    return next(iter(_rows(db, "WHERE id = ?", [watch_id])), None)


def _public(row: dict[str, Any]) -> dict[str, Any]:
    return {"id": row["id"], "description": row["description"], "condition": json.loads(row["condition"]),
            "window": json.loads(row["window"]) if row["window"] else None, "recurrence": row["recurrence"],
            "message": row["message"], "active": bool(row["active"])}


def _restore(db: Database, row: dict[str, Any]) -> None:
    db.execute(f"INSERT OR REPLACE INTO watches ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
               [row[c] for c in _COLUMNS])


def list_watches(db: Database) -> list[dict[str, Any]]:
    """Every watch: {id, description, condition, window, recurrence, message, active} (for the CLI)."""
    return [_public(row) for row in _rows(db)]


def delete_watch(db: Database, watch_id: int) -> bool:
    """Delete a watch by id; False if there was none."""
    return db.execute("DELETE FROM watches WHERE id = ?", [watch_id]).rowcount > 0


def set_active(db: Database, watch_id: int, active: bool, now: datetime) -> str | None:
    """Pause or resume a watch by id; the problem as a sentence, or None when done."""
    row = _get(db, watch_id)
    if row is None:
        return f"There is no watch {watch_id}."
    if not active:
        db.execute("UPDATE watches SET active = 0 WHERE id = ?", [watch_id])
        return None
    if row["next_check"] is None:
        return "That watch has already run; create a new one."
    following = datetime.fromisoformat(row["next_check"])
    if row["kind"] == "occurrence":
        following = now  # events seen while paused do not count
    elif following <= now and row["recurrence"]:
        following = next_occurrence(row["recurrence"], following, now) or following
    db.execute("UPDATE watches SET active = 1, next_check = ? WHERE id = ?", [_iso(following), watch_id])
    return None


# ---------------------------------------------------------------------------- scheduler side
def due_checks(db: Database, now: datetime) -> list[tuple[int, datetime]]:
    """(watch id, check time) of the timed watches whose check has come, soonest first."""
    cursor = db.execute("SELECT id, next_check FROM watches WHERE active = 1 AND kind != 'occurrence' "
                        "AND next_check <= ? ORDER BY next_check, id", [_iso(now)])
    return [(r[0], datetime.fromisoformat(r[1])) for r in cursor.fetchall()]


def run_check(db: Database, watch_id: int, check: datetime) -> CheckResult:
    """Evaluate a timed watch at its check time and move it to its next check (or finish it)."""
    row = _get(db, watch_id)
    if row is None:
        return CheckResult(None, {"missing": watch_id})
    result = _check_absence(db, row, check) if row["kind"] == "absence" else _check_device(db, row)
    following = next_occurrence(row["recurrence"], check, check) if row["recurrence"] else None
    if following:
        db.execute("UPDATE watches SET next_check = ? WHERE id = ?", [_iso(following), watch_id])
    else:
        db.execute("UPDATE watches SET active = 0, next_check = NULL WHERE id = ?", [watch_id])
    return result


def window_bounds(window: dict[str, str], check: datetime) -> tuple[datetime, datetime]:
    """The period a check looks at: from `window.from` on the check's day (the day before if later) to the check."""
    start = datetime.combine(check.date(), time.fromisoformat(window["from"]))
    return (start - timedelta(days=1) if start >= check else start), check


def _check_absence(db: Database, row: dict[str, Any], check: datetime) -> CheckResult:
    condition = json.loads(row["condition"])
    start, end = window_bounds(json.loads(row["window"]), check)
    found = find_matches(db, condition["event"], condition["subject"], since=start, until=end, limit=1)
    why: dict[str, Any] = {"window": [_iso(start), _iso(end)], "matched": None}
    if found:
        why.update(matched=found[0][0], reasons=found[0][1])
        return CheckResult(None, why)
    return CheckResult(row["message"], why)


def _check_device(db: Database, row: dict[str, Any]) -> CheckResult:
    condition = json.loads(row["condition"])
    devices = [d for d in list_devices(db) if d["id"] in condition["device_ids"]]
    hits = [d for d in devices if _in_state(d, condition["state"])]
    why = {"states": {d["id"]: d["state"] for d in devices}, "wanted": condition["state"]}
    return CheckResult(row["message"] if hits else None, why)


def _in_state(device: dict[str, Any], state: str) -> bool:
    actual = str(device["state"]).lower()
    return actual == state or (device["id"].startswith("binary_sensor.") and actual == _SENSOR_STATES.get(state))


def pending_occurrences(db: Database, now: datetime) -> tuple[list[tuple[int, Event, dict[str, str]]], dict[int, int]]:
    """(watch id, event, why) for new events matching occurrence watches, and each watch's new event cursor.

    The cursor only moves past events that are not in the future, so a future-dated event is looked
    at again once its time comes; the scheduler's firing keys make repeats harmless."""
    pending, cursors = [], {}
    for row in _rows(db, "WHERE active = 1 AND kind = 'occurrence'"):
        condition, since = json.loads(row["condition"]), row["next_check"]
        match = matcher(db, condition["event"], condition["subject"])
        cursor, blocked = row["seen_event_id"], False
        for event in events_after(db, row["seen_event_id"]):
            if event["at"] > _iso(now):
                blocked = True
                continue
            cursor = cursor if blocked else event["id"]
            why = match.explain(event) if event["at"] >= since else None
            if why:
                pending.append((row["id"], event, why))
        cursors[row["id"]] = cursor
    return sorted(pending, key=lambda p: (p[1]["at"], p[1]["id"])), cursors


def advance_cursors(db: Database, cursors: dict[int, int]) -> None:
    """Remember which events each occurrence watch has looked at."""
    for watch_id, cursor in cursors.items():
        db.execute("UPDATE watches SET seen_event_id = ? WHERE id = ? AND seen_event_id < ?",
                   [cursor, watch_id, cursor])


def fire_occurrence(db: Database, watch_id: int, event: Event, why: dict[str, str]) -> CheckResult:
    """The notification for an event an occurrence watch was waiting for; a one-off watch finishes."""
    row = _get(db, watch_id)
    if row is None:
        return CheckResult(None, {"missing": watch_id})
    if json.loads(row["condition"]).get("once"):
        db.execute("UPDATE watches SET active = 0, next_check = NULL WHERE id = ?", [watch_id])
    at = datetime.fromisoformat(event["at"])
    text = f"{row['message'].rstrip('.!')}: {describe_event(event)} at {format_clock(at)}."
    return CheckResult(text, {"event": event, "why": why})


# ---------------------------------------------------------------------------- understanding a request
def _clean_event(event: str | None) -> str:
    """"isn't fed" -> 'fed'; 'has not been let out' -> 'let out'."""
    words = " ".join((event or "").replace("\u2019", "'").split()).rstrip(".!?").split()
    while words and words[0].lower() in _LEADING:
        words.pop(0)
    return " ".join(words)


def _schedule(by: str, repeat: str | None, now: datetime) -> Schedule | str:
    """When to check: 'noon' + 'every day' -> daily at 12:00; 'noon' alone -> the next noon."""
    when = re.sub(r"^(?:by|at|before|until|till|around)\s+", "", " ".join(by.lower().split()))
    rep = " ".join((repeat or "").lower().split())
    try:
        if _RECURRING.search(when) or rep in _ONCE:
            schedule = parse_when(when, now) if _RECURRING.search(when) else Schedule(parse_clock_time(when, now), None)
        else:
            schedule = parse_when(f"{'every day' if rep in _DAILY else rep} at {when}", now)
    except TimeParseError as exc:
        return str(exc)
    if schedule.rrule and schedule.rrule.startswith(("FREQ=MINUTELY", "FREQ=HOURLY")):
        return "I can check once a day or on some days of the week, not every hour."
    return schedule


def _repeat_words(schedule: Schedule, now: datetime) -> str:
    """'every day', 'every weekday', 'today', 'on Friday'."""
    if schedule.rrule:
        return re.sub(r" at \d.*$", "", describe_recurrence(schedule.rrule))
    day = describe_day(schedule.due.date(), now)
    return day if day in ("today", "tomorrow") else f"on {day}"


def _memory_note(db: Database, what: str, subject: str | None) -> tuple[str, list[str]]:
    names = matcher(db, what, subject).names
    facts = [fact for alias in names.values() for fact in alias.facts]
    if not facts:
        return "", []
    return f" You told me {'; '.join(facts)}, so events about {_kind_word(names)} count too.", facts


def _kind_word(names: dict) -> str:
    words = sorted({w for alias in names.values() for w in alias.words})
    return next((f"a {w}" for w in ("dog", "cat", "son", "daughter", "child") if w in words), words[0])


def _absence(ctx: ExpertContext, now: datetime, event: str | None, subject: str | None, by: str | None,
             after: str | None, repeat: str | None) -> _Plan | str:
    what, subject = _clean_event(event), (subject or "").strip() or None
    match = matcher(ctx.db, what, subject)
    phrase = match.phrase
    if not match.terms:
        return "What should have happened? For example \u201cDaisy fed\u201d."
    if not by or not by.strip():
        return f"By what time should \u201c{phrase}\u201d have happened?"
    schedule = _schedule(by, repeat, now)
    if isinstance(schedule, str):
        return schedule
    start = _time_of_day(after, now) if after and after.strip() else time(0, 0)
    if isinstance(start, str):
        return start
    clock, rep = format_clock(schedule.due), _repeat_words(schedule, now)
    words = what.split()
    not_done = f"{subject} hasn't been {what}" if subject and words and (
        words[0].lower().endswith("ed") or words[0].lower() in _PARTICIPLES) else None
    note, facts = _memory_note(ctx.db, what, subject)
    return _Plan(
        kind="absence", description=f"if no \u201c{phrase}\u201d by {clock}, {rep}",
        condition={"event": what, "subject": subject, "phrase": phrase, "memory": facts},
        window={"from": start.strftime("%H:%M"), "to": schedule.due.strftime("%H:%M")}, schedule=schedule,
        message=f"{not_done} by {clock}." if not_done else f"Nothing like \u201c{phrase}\u201d happened by {clock}.",
        reply=(f"OK, I'll tell you if {not_done} by {clock}, {rep}." if not_done else
               f"OK, I'll tell you if there's no \u201c{phrase}\u201d by {clock}, {rep}.") + note)


def _time_of_day(phrase: str, now: datetime) -> time | str:
    try:
        return parse_clock_time(re.sub(r"^(?:from|after|since)\s+", "", phrase.strip().lower()),
                                datetime.combine(now.date(), time()) - timedelta(seconds=1)).time()
    except TimeParseError as exc:
        return str(exc)


def _occurrence(ctx: ExpertContext, event: str | None, subject: str | None, repeat: str | None) -> _Plan | str:
    what, subject = _clean_event(event), (subject or "").strip() or None
    match = matcher(ctx.db, what, subject)
    if not match.terms:
        return "What should I watch for? For example \u201cpackage delivered\u201d."
    once = " ".join((repeat or "").lower().split()) in _ONCE
    note, facts = _memory_note(ctx.db, what, subject)
    every = "" if once else ", every time"
    return _Plan(
        kind="occurrence", description=f"when \u201c{match.phrase}\u201d happens{every}",
        condition={"event": what, "subject": subject, "phrase": match.phrase, "memory": facts, "once": once},
        window=None, schedule=None, message=match.phrase[:1].upper() + match.phrase[1:],
        reply=f"OK, I'll tell you when \u201c{match.phrase}\u201d happens{every}.{note}")


def _device_state(ctx: ExpertContext, now: datetime, device: str | None, state: str | None, by: str | None,
                  repeat: str | None) -> _Plan | str:
    if not device or not device.strip():
        return "Which device should I check?"
    wanted = " ".join((state or "").lower().replace("still", " ").split())
    wanted = _STATES.get(wanted, wanted)
    if not wanted:
        return f"Which state should I check the {device.strip()} for, like open or on?"
    found = resolve(ctx.db, device=device)
    if found.problem:
        return found.problem
    devices = [d for d in list_devices(ctx.db) if d["id"] in found.device_ids]
    names = " and ".join(f"the {d['name']}" for d in devices)
    wrong = [d for d in devices if wanted not in _DOMAIN_STATES.get(d["id"].split(".")[0], {wanted})]
    if wrong:
        return f"The {wrong[0]['name']} can't be {wanted}."
    if not by or not by.strip():
        return f"At what time should I check {names}?"
    schedule = _schedule(by, repeat, now)
    if isinstance(schedule, str):
        return schedule
    clock, rep, verb = format_clock(schedule.due), _repeat_words(schedule, now), "are" if len(devices) > 1 else "is"
    return _Plan(
        kind="device_state", description=f"if {names} {verb} {wanted} at {clock}, {rep}",
        condition={"device": device.strip(), "device_ids": [d["id"] for d in devices], "state": wanted},
        window={"at": schedule.due.strftime("%H:%M")}, schedule=schedule,
        message=f"{names[0].upper()}{names[1:]} {verb} still {wanted}.",
        reply=f"OK, I'll check at {clock}, {rep}, and tell you if {names} {verb} still {wanted}.")


def _insert(db: Database, plan: _Plan, message: str | None, now: datetime) -> dict[str, Any]:
    next_check = plan.schedule.due if plan.schedule else now
    values = {"description": plan.description, "kind": plan.kind, "condition": json.dumps(plan.condition),
              "window": json.dumps(plan.window) if plan.window else None,
              "recurrence": plan.schedule.rrule if plan.schedule else None,
              "message": (message or "").strip() or plan.message, "active": 1, "next_check": _iso(next_check),
              "created": _iso(now), "seen_event_id": 0}
    if plan.kind == "occurrence":  # look only at events that arrive from now on
        values["seen_event_id"] = last_event_id(db, now)
    cursor = db.execute(f"INSERT INTO watches ({', '.join(values)}) VALUES ({', '.join('?' * len(values))})",
                        list(values.values()))
    return {"id": cursor.lastrowid, **values}


# ---------------------------------------------------------------------------- APIs
def _undo_create(ctx: ExpertContext, data: dict) -> None:
    delete_watch(ctx.db, data["watch_id"])


def _undo_restore(ctx: ExpertContext, data: dict) -> None:
    _restore(ctx.db, data["row"])


@api(speculative_safe=True, undo=_undo_create)
def create(ctx: ExpertContext, kind: Literal["if_not_happened", "when_happens", "if_device_state"],
           event: str | None = None, subject: str | None = None, by: str | None = None,
           device: str | None = None, state: str | None = None, repeat: str | None = None,
           after: str | None = None, message: str | None = None) -> ActionResult:
    """Watch for something: notify if an event hasn't happened by a time, when it happens, or if a device is in a state at a time."""
    now = ctx.clock.now()
    said = ctx.utterance.text if ctx.utterance else None
    subject, by, repeat = _regrounded(said, subject, by, repeat)
    if kind == "if_not_happened":
        plan = _absence(ctx, now, event, subject, by, after, repeat)
    elif kind == "when_happens":
        plan = _occurrence(ctx, event, subject, repeat)
    else:
        plan = _device_state(ctx, now, device, state, by, repeat)
    if isinstance(plan, str):
        return ActionResult(ok=False, reply=plan)
    row = _insert(ctx.db, plan, message, now)
    return ActionResult(reply=plan.reply, data=_public(row), undo={"watch_id": row["id"]})


def _regrounded(said: str | None, subject: str | None, by: str | None,
                repeat: str | None) -> tuple[str | None, str | None, str | None]:
    """Repair what a small model tends to blur, from the user's own words: a subject keeps only its
    leading words that the user said ("Daisy the doggie every day at noon" → "Daisy"); a missing
    deadline or repetition is taken from the utterance's time phrase ("by noon every day")."""
    if not said:
        return subject, by, repeat
    words = set(re.findall(r"[a-z0-9']+", said.lower()))
    if subject:
        kept = []
        for word in subject.split():
            if word.lower().strip(",.") not in words:
                break
            kept.append(word)
        subject = " ".join(kept) or subject
    if by is None:
        deadline = re.search(r"\b(?:by|before|until|at)\s+((?:\d{1,2}(?::\d{2})?\s*(?:am|pm)?)|noon|midnight|\w+ o'clock)", said, re.IGNORECASE)
        by = deadline.group(1) if deadline else None
    if repeat is None:
        every = re.search(r"\b(every\s+(?:day|morning|evening|night|weekday|weekend|week|\w+day)|daily|each day)\b", said, re.IGNORECASE)
        repeat = every.group(1) if every else None
    return subject, by, repeat


def _open(db: Database) -> list[dict[str, Any]]:
    """Watches that are running or paused (not finished one-offs)."""
    return _rows(db, "WHERE next_check IS NOT NULL")


def _select(db: Database, description: str | None) -> tuple[dict | None, str]:
    rows = _open(db)
    if not rows:
        return None, "You have no watches."
    query = " ".join(w for w in utils.default_process(description or "").split() if w not in _MATCH_STOP)
    if not query:
        return (rows[0], "") if len(rows) == 1 else (None, "Which watch do you mean?")
    scored = [(fuzz.token_set_ratio(query, utils.default_process(r["description"])), r) for r in rows]
    best = max(score for score, _ in scored)
    matches = [r for score, r in scored if score >= max(60, best - 5)]
    if not matches:
        return None, f"I couldn't find a watch about \u201c{description.strip()}\u201d."
    if len(matches) > 1:
        return None, f"Which one: {' or '.join(r['description'] for r in matches[:3])}?"
    return matches[0], ""


@api(speculative_safe=True)
def show(ctx: ExpertContext) -> ActionResult:
    """Read out the watches (conditional alerts) that are set."""
    rows = _open(ctx.db)
    data = [_public(r) for r in rows]
    if not rows:
        return ActionResult(reply="You have no watches set.", data=data)
    items = [r["description"] + ("" if r["active"] else " (paused)") for r in rows]
    head = "one watch" if len(rows) == 1 else f"{len(rows)} watches"
    return ActionResult(reply=f"You have {head}: {'; '.join(items)}.", data=data)


@api(speculative_safe=True, undo=_undo_restore)
def cancel(ctx: ExpertContext, description: str | None = None) -> ActionResult:
    """Delete a watch, described in the user's words ('the Daisy one', 'garage door')."""
    row, problem = _select(ctx.db, description)
    if row is None:
        return ActionResult(ok=False, reply=problem)
    delete_watch(ctx.db, row["id"])
    return ActionResult(reply=f"Deleted the watch {row['description']}.", data=_public(row), undo={"row": row})


def _toggle(ctx: ExpertContext, description: str | None, active: bool) -> ActionResult:
    row, problem = _select(ctx.db, description)
    if row is None:
        return ActionResult(ok=False, reply=problem)
    problem = set_active(ctx.db, row["id"], active, ctx.clock.now())
    if problem:
        return ActionResult(ok=False, reply=problem)
    verb = "Resumed" if active else "Paused"
    return ActionResult(reply=f"{verb} the watch {row['description']}.", data=_public(_get(ctx.db, row["id"])),
                        undo={"row": row})


@api(speculative_safe=True, undo=_undo_restore)
def pause(ctx: ExpertContext, description: str | None = None) -> ActionResult:
    """Pause a watch until it is resumed."""
    return _toggle(ctx, description, False)


@api(speculative_safe=True, undo=_undo_restore)
def resume(ctx: ExpertContext, description: str | None = None) -> ActionResult:
    """Resume a paused watch."""
    return _toggle(ctx, description, True)


# an alert asked for on something to come ("let me know if the garage door opens", "tell me when it gets
# above zero outside"): a watch, whatever device or sensor it names; never a question of when something is,
# nor a timer's end
CUES = (re.compile(r"^\W*(?:(?:please|can you|could you|hey)\W+)*(?:(?:let me know|notify me|alert me|warn me|ping me|nudge me|"
                   r"give me a shout|give me a heads up|send me an alert)\s+(?:if|when|whenever|as soon as|once|the moment)"
                   r"|tell me (?:when|whenever|as soon as|once|the moment)"  # ("tell me if the door is locked": now)
                   r"|tell me if(?=.*\b(?:go(?:es)? off|opens|closes|detects?|trips|triggers|starts|stops|comes on"
                   r"|turns (?:on|off)|drops|rises|leaks|rings|moves|gets (?:wet|above|below|opened|left)))"  # a change to come
                   r")\b"
                   r"(?!\s+(?:is|are|was|were|does|do|did|will|would|should|i|my next|the next)\b)"
                   r"(?!.*\b(?:minutes?|mins?|hours?|hrs?|seconds?|secs?|timer)\b)", re.IGNORECASE),)  # (a timer's)


def _sources() -> list:
    from assistant.experts.watches.due import WatchChecks, WatchEvents

    return [WatchChecks(), WatchEvents()]


EXPERT = build_expert("watches", "conditional alerts: notify me if something does or doesn't happen by a time, "
                                 "or if a device is still in some state", [create, show, cancel, pause, resume],
                      [Migration("watches", 1, _migrate_v1)],
                      capability="alerts when something happens or doesn't", scheduler_sources=_sources, cues=CUES,
                      services={"set_watch_active": set_active, "delete_watch": delete_watch},
                      views=(View("watches", "Conditional alerts ('tell me if Daisy isn't fed by noon').",
                                  lambda db, now: list_watches(db),
                                  ("id", "description", "recurrence", "message", "active")),),
                      examples=Path(__file__).with_name("examples.jsonl"),
                      # a watch's parts are read from the whole request, not copied from it
                      inferred=("event", "subject", "by", "device", "state", "repeat", "after", "message"))
