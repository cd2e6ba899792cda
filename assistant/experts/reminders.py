"""Reminders at a time or on a schedule.

The model passes what to be reminded of and the time phrase as said; `assistant.timeparse`
resolves the phrase against the clock. Recurring reminders keep one row whose `due` moves to the
next occurrence each time it fires (`mark_fired`).
"""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path

from rapidfuzz import fuzz, utils

from assistant.context import ExpertContext
from assistant.messages import ActionResult, Decision, Request
from assistant.registry import View, api, build_expert
from assistant.scheduler.sources import DueItem, Fired, first_due
from assistant.slots import Slot
from assistant.storage.db import Database, Migration
from assistant.words import digits, without_wake_word
from assistant.timeparse import (Schedule, TimeParseError, describe_day, describe_due, extract_time_phrase,
                                 format_clock, next_occurrence, parse_when)

READ_OUT_AT_MOST = 5
_DAY_NAMES = dict(zip("MO TU WE TH FR SA SU".split(),
                      "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()))
_STOP_WORDS = {"the", "my", "a", "an", "to", "about", "reminder", "reminders", "one", "for"}


def _migrate_v1(db: Database) -> None:
    db.execute("""CREATE TABLE reminders (
        id INTEGER PRIMARY KEY, text TEXT NOT NULL, due TEXT NOT NULL, recurrence TEXT,
        created TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active', fired_at TEXT)""")
    db.execute("CREATE INDEX reminders_status_due ON reminders (status, due)")


# ---------------------------------------------------------------------------- wording
def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _join(items: list[str], last: str = "and") -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {last} {items[-1]}"


def describe_recurrence(rrule: str) -> str:
    """'every weekday at 7:00 AM', 'every 2 hours', 'every month on the 1st at 9:00 AM'."""
    rule = dict(part.split("=", 1) for part in rrule.split(";"))
    freq, n = rule["FREQ"], int(rule.get("INTERVAL", 1))
    unit = {"MINUTELY": "minute", "HOURLY": "hour", "DAILY": "day", "WEEKLY": "week",
            "MONTHLY": "month", "YEARLY": "year"}[freq]
    every = f"every {unit}" if n == 1 else f"every {n} {unit}s"
    if freq in ("MINUTELY", "HOURLY"):
        return every
    days = rule.get("BYDAY", "").split(",")
    if freq == "WEEKLY" and days == ["MO", "TU", "WE", "TH", "FR"] and n == 1:
        every = "every weekday"
    elif freq == "WEEKLY":
        names = _join([_DAY_NAMES[d] for d in days])
        every = f"every {names}" if n == 1 else f"{every} on {names}"
    elif freq == "MONTHLY":
        every += f" on the {_ordinal(int(rule['BYMONTHDAY']))}"
    elif freq == "YEARLY":
        every += f" on {date(2000, int(rule['BYMONTH']), 1).strftime('%B')} {int(rule['BYMONTHDAY'])}"
    at = datetime(2000, 1, 1, int(rule.get("BYHOUR", 9)), int(rule.get("BYMINUTE", 0)))
    return f"{every} at {format_clock(at)}"


def _about(text: str) -> str:
    return text if text.lower().startswith("about ") else f"to {text}"


def _when_text(row: dict, now: datetime, day_known: bool = False) -> str:
    due = datetime.fromisoformat(row["due"])
    if row["recurrence"]:
        return describe_recurrence(row["recurrence"])
    return f"at {format_clock(due)}" if day_known else describe_due(due, now)


def _schedule_reply(text: str, schedule: Schedule, now: datetime) -> str:
    if not schedule.rrule:
        return f"OK, I'll remind you {_about(text)} {describe_due(schedule.due, now)}."
    if schedule.rrule.startswith(("FREQ=MINUTELY", "FREQ=HOURLY")):
        start = describe_due(schedule.due, now)
    else:
        ahead = (schedule.due.date() - now.date()).days
        start = "today" if ahead == 0 else describe_day(schedule.due.date(), now) if ahead >= 7 \
            else schedule.due.strftime("%A")
    return f"OK, I'll remind you {_about(text)} {describe_recurrence(schedule.rrule)}, starting {start}."


def _clean_text(text: str, when: str) -> str:
    """'to call mom at 5pm.' (when 'at 5pm') -> 'call mom'."""
    text = _without_request(text.strip())
    if when.strip():
        text = re.sub(re.escape(when.strip()), " ", text, flags=re.IGNORECASE)
    text = re.sub(r"^\s*(?:remind me\s+)?to\s+", "", text.strip(), flags=re.IGNORECASE)
    text = " ".join(_COURTESY.sub("", text).split()).rstrip(".!?,;: ")
    if _NO_CONTENT.fullmatch(_without_time_at_end(text)):  # "remind me at nine", "at half seven": no text
        return ""
    timed = re.search(r"\s+((?:for|at|on|by)\s+(.+))$", text, flags=re.IGNORECASE)
    if timed and (_is_time(timed[2]) or _is_time(timed[1])):  # "call mum at 5", "… at eight": the time again
        text = text[:timed.start()]
    text = re.sub(r"(?:\s+(?:for|at|on|by))+$", "", text, flags=re.IGNORECASE)  # left by the time taken out
    return "" if _NO_CONTENT.fullmatch(text) else text


# the request's own opening before a reminder's time and text ("set a reminder for", "reminder")
_OPENING = re.compile(r"^\W*(?:(?:please|can you|could you)\s+)?(?:(?:set(?: up)?|make|create|add|new|i need)\s+)?"
                      r"(?:(?:a|me a|an|new|another)\s+)?(?:reminder|remind me)(?:\s+(?:about|to|that))?\b",
                      re.IGNORECASE)


def recast(db, api_name: str, args: dict, here: str | None = None, said: str | None = None) -> tuple[str, dict] | None:
    """A reminder whose text the model left out or wrote in its own words, when the user's words hold
    it beside the time ("reminder at 9 am tomorrow dentist appointment"): the words that are neither
    the request nor the time (`Expert.recast`)."""
    when = args.get("when")
    if api_name != "create" or not said or not isinstance(when, str) or _in_words_said(args.get("text"), said):
        return None
    said = without_wake_word(said)  # ("olly reminder at 9 am …")
    opening = _OPENING.match(said)
    if opening is None:
        return None
    what = re.sub(r"^(?:(?:for|at|on|by)\s+)+", "", _clean_text(said[opening.end():], when), flags=re.IGNORECASE)
    return ("create", {**args, "text": what}) if what else None


def _in_words_said(text: object, said: str) -> bool:
    """Whether a reminder's text is there and every word of it is the user's."""
    words = re.findall(r"[a-z']+", str(text or "").lower())
    return bool(words) and set(words) <= set(re.findall(r"[a-z']+", said.lower()))


def _without_request(text: str) -> str:
    """The whole request written as the text ("ping me in 20 minutes about the oven"): what
    follows its "about" / "to" ("the oven"), when the words before it are the request and a time."""
    request = REMIND_ME.match(text.lower())
    if request is None:
        return text
    rest = re.match(r"^\s*(?:(?P<time>.+?)\s+)?(?:to|about|that)\s+(?P<what>.+)$", text[request.end():], re.IGNORECASE)
    if rest is None or rest["time"] and not _is_time(rest["time"]):
        return text
    return rest["what"]


def _without_time_at_end(text: str) -> str:
    """The text without the longest run of words at its end that says a time ("remind me at half
    seven", "… tomorrow morning")."""
    words = text.split()
    for start in range(len(words)):
        if _is_time(" ".join(words[start:])):
            return " ".join(words[:start])
    return text


def _is_time(phrase: str) -> bool:
    try:
        parse_when(phrase, datetime(2000, 1, 3, 0, 1))
    except TimeParseError:
        return False
    return True


# what the model writes as a reminder's text when the user said none ("set a reminder")
# courtesy and a word of address around the request, never what to be reminded of ("…, dear, if you'd be so kind")
_COURTESY = re.compile(r",?\s*\b(?:if you(?:'d| would| could| can| don't mind| do not mind| wouldn't mind)(?: be so (?:kind|good))?"
                       r"|when(?:ever)? you (?:get|have) a (?:chance|minute|moment|sec))\W*$|,\s*(?:dear|love|darling|hon|honey|"
                       r"mate|sweetheart|please)\b(?=\s*(?:[,.!?]|$))", re.IGNORECASE)
_NO_CONTENT = re.compile(r"(?:(?:please |can you |could you |would you |will you )?(?:set up|set|make|create|add|"
                         r"new|give me|i need|i want|i'd like|put|pop|stick|schedule|leave me|write)\s+)?"
                         r"(?:a |me a |an |new |another )?(?:reminder|remind me|something|note)?(?: in| up| down)?"
                         r"(?: for me| please)?", re.IGNORECASE)


# ---------------------------------------------------------------------------- storage
def _public(row: dict) -> dict:
    return {"id": row["id"], "text": row["text"], "due": row["due"], "recurrence": row["recurrence"]}


def _active(db: Database) -> list[dict]:
    return list(db.query("SELECT * FROM reminders WHERE status = 'active' ORDER BY due, id"))


def list_reminders(db: Database) -> list[dict]:
    """Active reminders ordered by due: {id, text, due, recurrence} (for the CLI)."""
    return [_public(row) for row in _active(db)]


def due_reminders(db: Database, now: datetime) -> list[dict]:
    """Active reminders whose time has come (for the scheduler)."""
    rows = db.query("SELECT * FROM reminders WHERE status = 'active' AND due <= ? ORDER BY due, id", [_iso(now)])
    return [_public(row) for row in rows]


def mark_fired(db: Database, reminder_id: int, now: datetime) -> datetime | None:
    """Record that a reminder fired; a recurring one moves to its next occurrence (returned)."""
    row = next(db.query("SELECT due, recurrence FROM reminders WHERE id = ?", [reminder_id]), None)
    if row is None:
        return None
    following = None
    if row["recurrence"]:
        following = next_occurrence(row["recurrence"], datetime.fromisoformat(row["due"]), now)
    if following:
        db.execute("UPDATE reminders SET due = ?, fired_at = ? WHERE id = ?", [_iso(following), _iso(now), reminder_id])
    else:
        db.execute("UPDATE reminders SET status = 'done', fired_at = ? WHERE id = ?", [_iso(now), reminder_id])
    return following


# ---------------------------------------------------------------------------- APIs
def _resolve(ctx: ExpertContext, when: str, now: datetime) -> tuple[Schedule | None, str]:
    """The schedule for `when`, else for the time phrase found in the utterance; else the problem."""
    try:
        return parse_when(when, now), ""
    except TimeParseError as exc:
        problem = str(exc)
    phrase = extract_time_phrase(ctx.utterance.text) if ctx.utterance else None
    if phrase:
        try:
            return parse_when(phrase, now), ""
        except TimeParseError:
            pass
    return None, problem


def _says_nothing(text: str) -> bool:
    """Whether a reminder's text is only the request for one ("remind me", "set a reminder")."""
    return not _clean_text(text, "")


def _undo_create(ctx: ExpertContext, data: dict) -> None:
    ctx.db.execute("DELETE FROM reminders WHERE id = ?", [data["reminder_id"]])


@api(speculative_safe=True, undo=_undo_create,
     slots={"text": Slot("text", "What should I remind you about?", says_nothing=_says_nothing),
            "when": Slot("when", "When should I remind you?")})
def create(ctx: ExpertContext, text: str, when: str) -> ActionResult:
    """Set a reminder: what to be reminded of ('call mom') and when, as said ('at 5pm', 'every weekday at 7 am')."""
    what = _clean_text(text, when)
    if not what:
        return ActionResult(ok=False, reply="What should I remind you about?", missing="text")
    now = ctx.clock.now()
    schedule, problem = _resolve(ctx, when, now)
    if schedule is None:
        return ActionResult(ok=False, reply=f"{problem} When should I remind you {_about(what)}?".strip(),
                            missing="when")
    cursor = ctx.db.execute(
        "INSERT INTO reminders (text, due, recurrence, created, status) VALUES (?, ?, ?, ?, 'active')",
        [what, _iso(schedule.due), schedule.rrule, _iso(now)])
    row = {"id": cursor.lastrowid, "text": what, "due": _iso(schedule.due), "recurrence": schedule.rrule}
    return ActionResult(reply=_schedule_reply(what, schedule, now), data=row, undo={"reminder_id": row["id"]})


def _day_of(when: str, now: datetime) -> date:
    if when.strip().lower() in ("today", "tonight", "this evening", "this afternoon"):
        return now.date()
    return parse_when(when, now).due.date()


def _occurs_on(row: dict, day: date) -> bool:
    due = datetime.fromisoformat(row["due"])
    if not row["recurrence"]:
        return due.date() == day
    start = datetime.combine(day, datetime.min.time())
    first = next_occurrence(row["recurrence"], due, start - timedelta(seconds=1))
    return first is not None and first < start + timedelta(days=1)


@api(speculative_safe=True)
def show(ctx: ExpertContext, when: str | None = None) -> ActionResult:
    """Read out upcoming reminders, optionally only those on a day ('today', 'tomorrow', 'friday')."""
    now = ctx.clock.now()
    rows, label = _active(ctx.db), ""
    if when and when.strip():
        try:
            day = _day_of(when, now)
        except TimeParseError as exc:
            return ActionResult(ok=False, reply=str(exc))
        rows = [row for row in rows if _occurs_on(row, day)]
        named = describe_day(day, now)
        label = f" {named}" if named in ("today", "tomorrow") else f" on {named}"
    data = [_public(row) for row in rows]
    if not rows:
        return ActionResult(reply=f"You have no reminders{label}.", data=data)
    spoken = [f"{row['text']} {_when_text(row, now, bool(label))}" for row in rows[:READ_OUT_AT_MOST]]
    if len(rows) > READ_OUT_AT_MOST:
        spoken.append(f"{len(rows) - READ_OUT_AT_MOST} more")
    count = "one reminder" if len(rows) == 1 else f"{len(rows)} reminders"
    return ActionResult(reply=f"You have {count}{label}: {_join(spoken)}.", data=data)


def _score(query: str, text: str) -> float:
    def keep(words: str) -> str:
        return " ".join(w for w in utils.default_process(words).split() if w not in _STOP_WORDS)
    return fuzz.token_set_ratio(keep(query), keep(text))


def _matching(rows: list[dict], query: str) -> list[dict]:
    """The rows whose text best matches `query` (several when it is ambiguous)."""
    scored = [(_score(query, row["text"]), row) for row in rows]
    best = max((score for score, _ in scored), default=0)
    if best < 60:
        return []
    return [row for score, row in scored if score >= best - 5]


def _set_status(ctx: ExpertContext, reminder_ids: list[int], status: str) -> None:
    with ctx.db.conn:
        ctx.db.execute("BEGIN IMMEDIATE")
        for reminder_id in reminder_ids:
            ctx.db.execute("UPDATE reminders SET status = ? WHERE id = ?", [status, reminder_id])


def _undo_status(ctx: ExpertContext, data: dict) -> None:
    _set_status(ctx, data["reminder_ids"], "active")


@api(speculative_safe=True, undo=_undo_status)
def cancel(ctx: ExpertContext, text: str | None = None) -> ActionResult:
    """Cancel one reminder, named by what it is about ('call mom')."""
    now, rows = ctx.clock.now(), _active(ctx.db)
    if not rows:
        return ActionResult(ok=False, reply="You have no reminders to cancel.")
    matches = _matching(rows, text) if text and text.strip() else rows
    if not matches:
        return ActionResult(ok=False, reply=f"I couldn't find a reminder about \u201c{text.strip()}\u201d.")
    if len(matches) > 1:
        options = [f"{row['text']} {_when_text(row, now)}" for row in matches[:READ_OUT_AT_MOST]]
        return ActionResult(ok=False, reply=f"Which reminder: {_join(options, 'or')}?",
                            data=[_public(row) for row in matches])
    row = matches[0]
    _set_status(ctx, [row["id"]], "cancelled")
    return ActionResult(reply=f"Cancelled the reminder {_about(row['text'])}.", data=_public(row),
                        undo={"reminder_ids": [row["id"]]})


@api(sensitive=True, undo=_undo_status)
def cancel_all(ctx: ExpertContext) -> ActionResult:
    """Cancel every active reminder."""
    ids = [row["id"] for row in _active(ctx.db)]
    if not ids:
        return ActionResult(reply="You have no reminders to cancel.", data=[])
    _set_status(ctx, ids, "cancelled")
    count = "your one reminder" if len(ids) == 1 else f"all {len(ids)} reminders"
    return ActionResult(reply=f"Cancelled {count}.", data=ids, undo={"reminder_ids": ids})


# -- the fast router's command shapes and cues ("remind me at 5pm to call mom") -----------------

WHEN = r"(?: (?:for )?(?P<when>today|tomorrow|tonight|this week))?"


def _without_phrase(said: str, when: str) -> str:
    """The words without the time phrase as the user said it ("in two hours" for "in 2 hours"),
    with a connector just before it ("the day after tomorrow", "on friday")."""
    words, wanted = said.split(), digits(when)
    for i in range(len(words)):
        for j in range(i + 1, len(words) + 1):
            if digits(" ".join(words[i:j])) == wanted:
                i -= i > 0 and words[i - 1] in ("the", "on", "at", "by")
                return " ".join(words[:i] + words[j:])
    return said.replace(when, " ")


# other ways to say "remind me": "nudge me", "ping me", "give me a shout", "don't let me forget to",
# "make sure i remember to"; and "rmind me" typed fast
REMIND_ME = re.compile(r"^(?:(?:can|could|will) you )?(?:r(?:e|i)?m(?:i|e)?nd me|nudge me|ping me|prompt me|give me a (?:shout|nudge|ping|buzz)"
                       r"|(?:do not|don't|dont) let me forget(?: to)?|make sure i (?:remember|don't forget)(?: to)?"
                       r"|(?:set (?:me )?)?(?:a )?reminder(?= (?:to|about) ))\b")


# words that lead into the request, not part of what to be reminded of ("right, remind me …",
# "oh and remind me …", "also can you remind me …")
LEAD = re.compile(r"^(?:(?:right|and|also|then|now|oh|so|ok|okay|alright|actually|just|well|hey|yo|"
                  r"(?:can|could|will|would) you|one more thing|another thing|while i think of it)\b\s*)+$")


def _reminder(text: str, now) -> Decision | None:
    text = REMIND_ME.sub("remind me", text, count=1)
    match = re.match(r"^(?P<before>.*?)\s*remind me (?P<rest>.+)$", text)
    when = extract_time_phrase(text) if match else None
    if not when:
        return None
    try:
        parse_when(when, now)
    except TimeParseError:
        return None
    said = f"{LEAD.sub('', match['before'])} {match['rest']}"
    rest = re.sub(r"\s+", " ", _without_phrase(said, when)).strip()
    rest = re.sub(r"^(?:to|that|about) ", "", rest)
    return Decision(expert="reminders", api="create", args={"text": rest, "when": when}, source="router") if rest else None


def _reminders_show(text: str) -> Decision | None:
    match = (re.match(rf"^(?:what are|whats|what's|show me|show|list|read me|read|tell me) (?:all )?(?:my |the )?"
                      rf"reminders{WHEN}$", text)
             or re.match(rf"^(?:what|which|any) reminders do i have{WHEN}$", text))
    if not match:
        return None
    return Decision(expert="reminders", api="show", args={"when": match["when"]} if match["when"] else {},
                    source="router")


def _reminders_cancel_all(text: str) -> Decision | None:
    """"cancel all my reminders", "delete every reminder": a call that needs a yes, so the proposal
    is its question, asked at once (`routing.ask_early`)."""
    match = re.match(r"^(?:cancel|delete|remove|clear|wipe)(?: all| all of| every one of| each of)? (?:my |the |our )?"
                     r"reminders$|^(?:cancel|delete|remove|clear) every reminder$", text)
    return Decision(expert="reminders", api="cancel_all", args={}, source="router") if match else None


def _reminder_cancel(text: str) -> Decision | None:
    """"cancel the reminder about the plumber", "delete my reminder to call mom"."""
    match = re.match(r"^(?:cancel|delete|remove|clear|drop) (?:the|my|that) reminder (?:about|to|for|of) (?P<text>[a-z' ]+)$",
                     text)
    if not match or re.fullmatch(r"(?:it|that|this|them|all|everything)", match["text"]):
        return None
    return Decision(expert="reminders", api="cancel", args={"text": re.sub(r"^(?:the|my) ", "", match["text"])},
                    source="router")


def propose(request: Request) -> Decision | None:
    return _reminder(request.words, request.now) or _reminders_show(request.words) or _reminder_cancel(request.words) \
        or _reminders_cancel_all(request.words)


QUESTION_WORDS = r"what|where|who|whom|whose|how|when|which|why|if|whether"
CUES = (  # "remind me to …", "remind me at 5 …" (not "remind me what my wife's name is": memory); typed fast, "rmind me"
    re.compile(rf"\br(?:e|i)?m(?:i|e)?nd (?:me|us)\b(?! (?:{QUESTION_WORDS})\b)(?! of what\b)", re.IGNORECASE),
    re.compile(r"\bset (?:me |us )?(?:a |an )?reminder\b", re.IGNORECASE),
    # another way to say it, with a time to remind at ("nudge me at 6 to …", "don't let me forget
    # to call the bank tomorrow", "reminder to buy milk tomorrow afternoon")
    re.compile(r"^\W*(?:(?:can|could|will) you )?(?:nudge me|ping me|prompt me|give me a (?:shout|nudge|ping|buzz)"
               r"|(?:do not|don't|dont) let me forget|make sure i (?:remember|don't forget)|(?:a )?reminder (?:to|about))\b"
               r"(?!\s+(?:if|whenever|as soon as|the moment|once)\b)"  # "ping me if someone's at the door": a watch
               r"(?=.*\b(?:in|at|on|by|tomorrow|tonight|today|morning|afternoon|evening|noon|midnight|\d+)\b)",
               re.IGNORECASE),
)


# -- what the scheduler fires ------------------------------------------------------------------

class DueReminders:
    """The scheduler source of active reminders."""

    def due(self, db: Database, now: datetime) -> list[DueItem]:
        return [DueItem("reminder", r["id"], datetime.fromisoformat(r["due"]), r["due"])
                for r in due_reminders(db, now)]

    def still_due(self, db: Database, item: DueItem) -> bool:
        return db.execute("SELECT 1 FROM reminders WHERE id = ? AND status = 'active' AND due = ?",
                          [item.item_id, item.key]).fetchone() is not None

    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired:
        text = db.execute("SELECT text FROM reminders WHERE id = ?", [item.item_id]).fetchone()[0]
        following = mark_fired(db, item.item_id, now)
        return Fired(f"Reminder: {text}.", {"next": following.isoformat(timespec="seconds") if following else None})

    def next_due(self, db: Database, after: datetime) -> datetime | None:
        return first_due(db, "SELECT MIN(due) FROM reminders WHERE status = 'active' AND due > ?", after)

    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None:
        pass


EXPERT = build_expert("reminders", "reminders at a time or on a schedule", [create, show, cancel, cancel_all],
                      [Migration("reminders", 1, _migrate_v1)],
                      capability="reminders", propose=propose, cues=CUES, frames=True, cancellable=("create",),
                      recast=recast,
                      scheduler_sources=lambda: [DueReminders()],
                      views=(View("reminders", "Active reminders.", lambda db, now: list_reminders(db),
                                  ("id", "due", "text", "recurrence")),),
                      examples=Path(__file__).with_suffix(".jsonl"))
