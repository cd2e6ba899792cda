"""Camera and sensor events in the home, and deterministic, explainable matching of phrases to them.

Events come from `assistant events add/ingest` and the daemon's webhook. A phrase like "Daisy fed"
matches an event when every keyword of the phrase is found in the event (its label, its subject):
as the same word, a near spelling, a synonym from a small table (fed ~ eating), or — for names —
through personal memory ("Daisy is our dog" lets "Daisy" match a label about a dog). When an event
names its subject, a name in the phrase must agree with that subject ("Rex eating" is not Daisy).
Every match says why, term by term.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any, Callable, NotRequired, TypedDict

from rapidfuzz import fuzz

from assistant.context import ExpertContext
from assistant.messages import ActionResult
from assistant.registry import View, api, build_expert
from assistant.storage.db import Database, Migration
from assistant.timeparse import TimeParseError, format_clock, parse_clock_time, parse_duration
from assistant.words import stem, synonyms
from assistant.experts.memory import derive_relation, list_facts

_COLUMNS = ("id", "at", "source", "label", "subject", "data")


class Event(TypedDict):
    """One stored event, as the events expert hands it out (its JSON shape too)."""

    id: int
    at: str  # ISO local time
    source: str  # what saw it: "kitchen-cam"
    label: str  # what was seen: "dog eating"
    subject: str | None  # who or what it was about: "Daisy"
    data: NotRequired[Any]
_STOP = set("""a an the my our your his her their its it is are was were be been being did do does has have had
    get gets got let lets when last time times ever any anything anyone someone somebody anybody there that
    this what who whom which how if not no isn't hasn't wasn't didn't hadn't aren't weren't by at in on of to
    for from since until before after and or me us we you know tell see seen saw happen happened happens
    today yesterday tonight morning afternoon evening week still yet already please""".split())
_PERIOD = re.compile(r"\b(today|yesterday|tonight|last night|this (?:morning|afternoon|evening|week)"
                     r"|(?:in )?the (?:last|past) \w+(?: \w+)?|since \d.*)$")


def _migrate_v1(db: Database) -> None:
    db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL, "
               "label TEXT NOT NULL, subject TEXT, data TEXT)")
    db.execute("CREATE INDEX events_at ON events (at)")


# ---------------------------------------------------------------------------- storage
def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _row(values: tuple) -> Event:
    row = dict(zip(_COLUMNS, values))
    row["data"] = json.loads(row["data"]) if row["data"] else None
    return row


def add_event(db: Database, source: str, label: str, subject: str | None, at: datetime,
              data: Any = None) -> Event:
    """Record one event; raise ValueError when the source or label is empty."""
    source, label, subject = source.strip(), " ".join(label.split()), (subject or "").strip() or None
    if not source or not label:
        raise ValueError("an event needs a source and a label")
    values = [_iso(at), source, label, subject, json.dumps(data) if data is not None else None]
    cursor = db.execute("INSERT INTO events (at, source, label, subject, data) VALUES (?, ?, ?, ?, ?)", values)
    return _row((cursor.lastrowid, *values))


def add_events(db: Database, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Record several events ({source, label, subject, at, data}) in one transaction."""
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        return [add_event(db, e["source"], e["label"], e.get("subject"), e["at"], e.get("data")) for e in events]


def event_from_json(obj: Any, now: datetime) -> dict[str, Any]:
    """Validate one incoming event object {source, label, subject?, at?, data?}; ValueError says what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError("expected a JSON object like {\"source\": ..., \"label\": ...}")
    unknown = set(obj) - {"source", "label", "subject", "at", "data"}
    if unknown:
        raise ValueError(f"unknown field(s): {', '.join(sorted(unknown))}")
    for name in ("source", "label"):
        if not isinstance(obj.get(name), str) or not obj[name].strip():
            raise ValueError(f"'{name}' must be a non-empty string")
    if obj.get("subject") is not None and not isinstance(obj["subject"], str):
        raise ValueError("'subject' must be a string")
    at = now
    if obj.get("at") is not None:
        try:
            at = datetime.fromisoformat(str(obj["at"]))
            at = at.astimezone().replace(tzinfo=None) if at.tzinfo else at  # stored as local wall-clock time
        except (ValueError, OverflowError):
            raise ValueError(f"'at' is not an ISO time: {obj['at']!r}") from None
    return {"source": obj["source"], "label": obj["label"], "subject": obj.get("subject"), "at": at,
            "data": obj.get("data")}


def query_events(db: Database, since: datetime | None = None, until: datetime | None = None,
                 limit: int | None = None, newest_first: bool = True) -> list[Event]:
    """Events with since <= at <= until: {id, at, source, label, subject, data}."""
    bounds = [(f"at {op} ?", _iso(moment)) for op, moment in ((">=", since), ("<=", until)) if moment]
    where = f"WHERE {' AND '.join(b[0] for b in bounds)}" if bounds else ""
    order = "DESC" if newest_first else "ASC"
    sql = f"SELECT {', '.join(_COLUMNS)} FROM events {where} ORDER BY at {order}, id {order}"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [_row(r) for r in db.execute(sql, [b[1] for b in bounds]).fetchall()]


def events_after(db: Database, event_id: int) -> list[Event]:
    """Events with an id above `event_id`, in arrival order: {id, at, source, label, subject}."""
    columns = ("id", "at", "source", "label", "subject")
    cursor = db.execute(f"SELECT {', '.join(columns)} FROM events WHERE id > ? ORDER BY id", [event_id])
    return [dict(zip(columns, r)) for r in cursor.fetchall()]


def last_event_id(db: Database, until: datetime) -> int:
    """The id of the newest event at or before `until` (0 if none)."""
    return db.execute("SELECT COALESCE(MAX(id), 0) FROM events WHERE at <= ?", [_iso(until)]).fetchone()[0]


def next_event_at(db: Database, after: datetime) -> datetime | None:
    """The time of the first event after `after`, or None."""
    found = db.execute("SELECT MIN(at) FROM events WHERE at > ?", [_iso(after)]).fetchone()[0]
    return datetime.fromisoformat(found) if found else None


# ---------------------------------------------------------------------------- matching
def _spoken(text: str | None) -> dict[str, str]:
    """The keywords of a text: {stem: the word as written}."""
    words = re.findall(r"[a-z0-9']+", (text or "").lower().replace("\u2019", "'"))
    return {stem(w): w for w in words if w not in _STOP and stem(w) not in _STOP}


def _words(text: str | None) -> list[str]:
    return list(_spoken(text))


def _find(term: str, words: dict[str, str]) -> tuple[str, str] | None:
    """(the word of `words` that stands for `term`, how) — same word, near spelling or synonym."""
    if term in words:
        return words[term], "same word"
    for key, word in words.items():
        if min(len(key), len(term)) >= 5 and fuzz.ratio(key, term) >= 85:
            return word, "near spelling"
    related = synonyms(term)
    return next(((word, "synonym") for key, word in words.items() if key in related), None)


@dataclass(frozen=True)
class Alias:
    words: frozenset[str]  # stems another name stands for ("dog", "puppy", "retriever", ...)
    facts: tuple[str, ...]  # the remembered facts that say so


def subject_aliases(db: Database, name: str) -> Alias | None:
    """What a name stands for according to memory: 'Daisy is our dog' -> dog words; 'my son's name is Leo' -> son."""
    name = name.strip().lower()
    words: set[str] = set()
    facts: list[str] = []
    for fact in list_facts(db):
        text, relation = fact["text"], derive_relation(fact["text"])
        head = None
        if fact["subject"] == name and relation == "is":
            head = _head_noun(text)
        elif relation == "name" and fact["subject"] and name in re.findall(r"[a-z']+", text.lower()):
            head = stem(fact["subject"].split()[-1])
        if head:
            words |= synonyms(head)
            facts.append(text)
    return Alias(frozenset(words), tuple(facts)) if words else None


def _head_noun(text: str) -> str | None:
    """'Daisy is our cream golden retriever who loves balls' -> 'retriever'."""
    match = re.search(r"\b(?:is|are)\s+(?:(?:our|my|the|a|an|his|her|their)\s+)?(.+)$", text.lower())
    if not match:
        return None
    phrase = re.split(r"\b(?:who|that|which|and|with|from)\b|[,;.]", match[1])[0]
    words = re.findall(r"[a-z]+", phrase)
    return stem(words[-1]) if words else None


@dataclass
class Matcher:
    """Matches events to one phrase; names are resolved against memory once, when it is built."""
    phrase: str
    terms: dict[str, str]  # stem -> the word as written in the phrase
    names: dict[str, Alias]
    aliases_of: Callable[[str], Alias | None] = field(repr=False)
    _event_aliases: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def explain(self, event: Event) -> dict[str, str] | None:
        """Why the event matches, one reason per term of the phrase; None when it does not."""
        label, subject = _spoken(event["label"]), _spoken(event["subject"])
        extra = {word: word for word in sorted(self._aliases_of_subject(event["subject"]))}
        why: dict[str, str] = {}
        for term, written in self.terms.items():
            reason = self._name_reason(term, label, subject) if term in self.names else \
                self._word_reason(term, label, subject, extra)
            if reason is None:
                return None
            why[written] = reason
        return why if why else None

    def _word_reason(self, term: str, label: dict[str, str], subject: dict[str, str],
                     extra: dict[str, str]) -> str | None:
        for where, words in (("label", label), ("subject", subject), ("subject (from memory)", extra)):
            found = _find(term, words)
            if found:
                return f"{found[1]}: '{found[0]}' in the {where}"
        return None

    def _name_reason(self, term: str, label: dict[str, str], subject: dict[str, str]) -> str | None:
        where, words = ("subject", subject) if subject else ("label", label)  # a named subject must agree
        found = _find(term, words)
        if found:
            return f"{found[1]}: '{found[0]}' in the {where}"
        alias = self.names[term]
        hit = next((word for key, word in words.items() if key in alias.words), None)
        return f"'{hit}' in the {where}; you told me: {'; '.join(alias.facts)}" if hit else None

    def _aliases_of_subject(self, subject: str | None) -> frozenset[str]:
        if not subject:
            return frozenset()
        key = subject.strip().lower()
        if key not in self._event_aliases:
            alias = self.aliases_of(key)
            self._event_aliases[key] = alias.words if alias else frozenset()
        return self._event_aliases[key]


def matcher(db: Database, what: str, subject: str | None = None) -> Matcher:
    """A matcher for 'what' (and an optional subject name), with names looked up in memory."""
    phrase = " ".join(p for p in ((subject or "").strip(), what.strip())
                      if p and (p == what.strip() or p.lower() not in what.lower()))
    terms = _spoken(phrase)
    names = {}
    for term in terms:
        alias = subject_aliases(db, term)
        if alias:
            names[term] = alias
    return Matcher(phrase, terms, names, aliases_of=lambda name: subject_aliases(db, name))


def find_matches(db: Database, what: str, subject: str | None = None, since: datetime | None = None,
                 until: datetime | None = None, limit: int | None = None) -> list[tuple[dict, dict[str, str]]]:
    """(event, why) for the events matching the phrase in [since, until], newest first."""
    match = matcher(db, what, subject)
    found = []
    for event in query_events(db, since, until):
        why = match.explain(event)
        if why:
            found.append((event, why))
            if limit and len(found) >= limit:
                break
    return found


# ---------------------------------------------------------------------------- wording and periods
def when_said(at: datetime, now: datetime) -> str:
    """'today at 8:05 AM', 'yesterday at 6:30 PM', 'on Monday at 7:00 AM', 'on November 3 at ...'."""
    days = (now.date() - at.date()).days
    day = {0: "today", 1: "yesterday"}.get(days) or (f"on {at:%A}" if 0 < days < 7 else f"on {at:%B} {at.day}")
    return f"{day} at {format_clock(at)}"


def describe_event(event: Event) -> str:
    """'kitchen-cam saw “dog eating” (Daisy)'."""
    subject = f" ({event['subject']})" if event["subject"] else ""
    return f"{event['source']} saw \u201c{event['label']}\u201d{subject}"


def period(phrase: str | None, now: datetime) -> tuple[datetime, datetime, str]:
    """(start, end, how to say it) for 'today', 'yesterday', 'this morning', 'the last 2 hours', 'since 8 am'."""
    text = " ".join((phrase or "today").lower().replace("past", "last").split())
    midnight = datetime.combine(now.date(), time())
    fixed = {"today": (midnight, now), "yesterday": (midnight - timedelta(days=1), midnight - timedelta(seconds=1)),
             "this morning": (midnight, min(now, midnight + timedelta(hours=12))),
             "this afternoon": (midnight + timedelta(hours=12), min(now, midnight + timedelta(hours=18))),
             "this evening": (midnight + timedelta(hours=18), now), "tonight": (midnight + timedelta(hours=18), now),
             "last night": (midnight - timedelta(hours=6), midnight + timedelta(hours=6)),
             "this week": (midnight - timedelta(days=now.weekday()), now)}
    if text in fixed:
        return (*fixed[text], text)
    match = re.fullmatch(r"(?:in |during )?(?:the )?last (.+)", text)
    if match:
        amount = match[1] if re.match(r"\d|an? ", match[1]) else f"1 {match[1]}"
        return now - timedelta(seconds=parse_duration(amount)), now, f"in the last {match[1]}"
    match = re.fullmatch(r"since (.+)", text)
    if match:
        start = parse_clock_time(match[1], now - timedelta(days=1))  # the most recent such time
        return start, now, f"since {format_clock(start)}"
    raise TimeParseError(f"I couldn't tell which time \u201c{phrase}\u201d means; try 'today' or 'since 8 am'.")


def _split_period(what: str, when: str | None) -> tuple[str, str | None]:
    """'let the dog out today' (no when) -> ('let the dog out', 'today')."""
    if when and when.strip():
        return what, when
    match = _PERIOD.search(what.lower().strip().rstrip("?."))
    if not match:
        return what, None
    return what.strip()[:match.start()].strip(), match[1]


# ---------------------------------------------------------------------------- APIs
@api(speculative_safe=True)
def last(ctx: ExpertContext, what: str) -> ActionResult:
    """Say when the home's cameras or sensors last saw something ('Daisy fed', 'dog let out')."""
    what, _ = _split_period(what, None)
    if not _words(what):
        return ActionResult(ok=False, reply="What should I look for in the camera and sensor events?")
    now = ctx.clock.now()
    found = find_matches(ctx.db, what, until=now, limit=1)
    if not found:
        return ActionResult(reply=f"I haven't seen anything like \u201c{what.strip()}\u201d.",
                            data={"event": None, "why": None})
    event, why = found[0]
    at = datetime.fromisoformat(event["at"])
    said = when_said(at, now)
    return ActionResult(reply=f"{said[0].upper()}{said[1:]}: {describe_event(event)}.",
                        data={"event": event, "why": why})


@api(speculative_safe=True)
def happened(ctx: ExpertContext, what: str, when: str | None = None) -> ActionResult:
    """Say whether the cameras or sensors saw something in a period ('dog let out', when 'today', 'this morning')."""
    what, when = _split_period(what, when)
    if not _words(what):
        return ActionResult(ok=False, reply="What should I look for in the camera and sensor events?")
    now = ctx.clock.now()
    try:
        start, end, said = period(when, now)
    except TimeParseError as exc:
        return ActionResult(ok=False, reply=str(exc))
    found = find_matches(ctx.db, what, since=start, until=end)
    data = {"from": _iso(start), "to": _iso(end), "matches": [{"event": e, "why": w} for e, w in found]}
    if not found:
        return ActionResult(reply=f"No, I saw nothing like \u201c{what.strip()}\u201d {said}.", data=data)
    latest = found[0][0]
    times = "" if len(found) == 1 else f" ({len(found)} times)"
    return ActionResult(reply=f"Yes{times} — {describe_event(latest)} "
                              f"{when_said(datetime.fromisoformat(latest['at']), now)}.", data=data)


# what is to come or what usually happens ("when does the pool guy come", "what day will the bins go"):
# no camera has seen it; what the user was told is memory's
_TO_COME = re.compile(r"^\W*(?:when|what time|what day|which day|how often)\s+(?:does|do|will|is|are)\b", re.IGNORECASE)


def foreign(db: Database, api_name: str, args: dict, said: str, here: str | None = None) -> bool:
    """Whether a question sent here asks what is to come or what usually happens and no event is
    like what it names: then it is not the events' (it is decided again without them)."""
    if api_name not in ("last", "happened") or not said or not _TO_COME.match(said):
        return False
    return not find_matches(db, str(args.get("what") or ""), until=None, limit=1)


# "when was the garage door last opened", "what time did the dog last go out": when a thing last
# happened, which only the home's events know (not a device's state now, not a watch for later)
# ... and whether anyone came by a place ("has anyone been in the yard", "did somebody come to the door", "was
# there anyone at the gate"): what a camera or a motion sensor saw, not who is there now
CUES = (re.compile(r"^\W*(?:when|what time)\s+(?:was|were|did)\s+(?!the last\b)[\w' ]+?\s+last\s+"
                   r"(?!(?:night|week|month|year|time)\b)[a-z]+", re.IGNORECASE),
        re.compile(r"^\W*(?:(?:so|and|hey|ok|okay|um)\W+)*(?:has|have|had|did|was|were)\s+(?:there\s+(?:been\s+)?)?"
                   r"(?:anyone|anybody|someone|somebody|any(?:one|body) else|people|any (?:people|visitors?|movement|motion))"
                   r"\s+(?:been\s+|come\s+|came\s+|gone\s+|go\s+|walk(?:ed)?\s+|step(?:ped)?\s+|stop(?:ped)?\s+|"
                   r"show(?:ed)? up\s+|turn(?:ed)? up\s+)?(?:in|into|at|to|near|around|by|through|on|up to)\s+(?:the|my|our)\b",
                   re.IGNORECASE))

EXPERT = build_expert("events", "camera and sensor events in the home: when something was last seen, "
                                "whether it happened today", [last, happened], [Migration("events", 1, _migrate_v1)],
                      capability="what your cameras and sensors saw", cues=CUES,
                      services={"query_events": query_events, "add_event": add_event, "add_events": add_events,
                                "event_from_json": event_from_json},
                      views=(View("events", "Camera and sensor events (what watches look at).",
                                  lambda db, now: query_events(db, limit=100),
                                  ("id", "at", "source", "label", "subject")),),
                      examples=Path(__file__).with_suffix(".jsonl"), foreign=foreign,
                      inferred=("when",))  # "has Daisy been fed?" asks about today
