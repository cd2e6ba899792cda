"""The notification inbox: the scheduler writes notifications, the user hears and clears them."""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

import sqlite_utils

from assistant.context import ExpertContext
from assistant.messages import ActionResult, Decision, Request
from assistant.registry import View, api, build_expert
from assistant.slots import Slot
from assistant.storage.db import Migration

READ_OUT_LIMIT = 5  # notifications read out per `check`; the rest stay unread for the next one
_COLUMNS = ("id", "text", "created", "read", "source", "late")


def _migrate_v1(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE notifications (id INTEGER PRIMARY KEY, text TEXT NOT NULL, "
               "created TEXT NOT NULL, read INTEGER NOT NULL DEFAULT 0, source TEXT, "
               "late INTEGER NOT NULL DEFAULT 0)")


# -- helpers used by the scheduler and the CLI ---------------------------------------------------

def notify(db: sqlite_utils.Database, text: str, created: datetime, source: str | None = None,
           late: bool = False) -> int:
    """Add an unread notification; return its id."""
    cursor = db.execute("INSERT INTO notifications (text, created, read, source, late) VALUES (?, ?, 0, ?, ?)",
                        [text.strip(), created.isoformat(timespec="seconds"), source, int(late)])
    return int(cursor.lastrowid)


def list_notifications(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """All notifications, newest first: {id, text, created (ISO local), read (bool)}."""
    rows = db.execute("SELECT id, text, created, read FROM notifications ORDER BY created DESC, id DESC")
    return [{"id": r[0], "text": r[1], "created": r[2], "read": bool(r[3])} for r in rows.fetchall()]


def mark_read(db: sqlite_utils.Database, ids: Iterable[int], read: bool = True) -> int:
    """Mark the given notifications read (or unread); return how many changed."""
    changed = 0
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        for notification_id in ids:
            changed += db.execute("UPDATE notifications SET read = ? WHERE id = ? AND read != ?",
                                  [int(read), notification_id, int(read)]).rowcount
    return changed


def clear_read(db: sqlite_utils.Database) -> int:
    """Delete every read notification; return how many were deleted."""
    return len(_delete_read(db))


def _delete_read(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        rows = _rows(db, "WHERE read = 1 ORDER BY id")
        db.execute("DELETE FROM notifications WHERE read = 1")
    return rows


def _rows(db: sqlite_utils.Database, where: str) -> list[dict[str, Any]]:
    cursor = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM notifications {where}")
    return [dict(zip(_COLUMNS, r)) for r in cursor.fetchall()]


def _spoken(row: dict[str, Any], now: datetime) -> str:
    """The text as read out; late ones (missed while the assistant was off) say when they were due."""
    text = row["text"].rstrip(".")
    if not row["late"]:
        return text
    created = datetime.fromisoformat(row["created"])
    when = f"{created:%H:%M}" if created.date() == now.date() else f"{created:%b} {created.day}, {created:%H:%M}"
    return f"{text} (late, from {when})"


# -- undo ---------------------------------------------------------------------------------------

def _undo_check(ctx: ExpertContext, data: dict) -> None:
    mark_read(ctx.db, data["ids"], read=False)


def _undo_clear(ctx: ExpertContext, data: dict) -> None:
    with ctx.db.conn:
        ctx.db.execute("BEGIN IMMEDIATE")
        for row in data["rows"]:
            ctx.db.execute(f"INSERT OR REPLACE INTO notifications ({', '.join(_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?)",
                           [row[c] for c in _COLUMNS])


# -- APIs ---------------------------------------------------------------------------------------

@api(speculative_safe=True, undo=_undo_check, reads=True)
def check(ctx: ExpertContext) -> ActionResult:
    """Say how many unread notifications there are and read them out (marks them read)."""
    unread = _rows(ctx.db, "WHERE read = 0 ORDER BY created, id")
    if not unread:
        return ActionResult(reply="You have no new notifications.", data={"unread": 0, "read_out": []})
    now = ctx.clock.now()
    heard = unread[:READ_OUT_LIMIT]
    mark_read(ctx.db, [r["id"] for r in heard])
    count = len(unread)
    head = "You have 1 new notification" if count == 1 else f"You have {count} new notifications"
    reply = f"{head}: {'; '.join(_spoken(r, now) for r in heard)}."
    if count > len(heard):
        reply += f" {count - len(heard)} more — ask again to hear them."
    read_out = [{"id": r["id"], "text": r["text"], "created": r["created"]} for r in heard]
    return ActionResult(reply=reply, data={"unread": count, "read_out": read_out},
                        undo={"ids": [r["id"] for r in heard]})


@api(speculative_safe=True, undo=_undo_clear)
def clear(ctx: ExpertContext) -> ActionResult:
    """Delete the notifications that have already been read."""
    rows = _delete_read(ctx.db)
    if not rows:
        return ActionResult(reply="There are no read notifications to clear.", data={"cleared": 0})
    count = len(rows)
    noun = "notification" if count == 1 else "notifications"
    return ActionResult(reply=f"Cleared {count} read {noun}.", data={"cleared": count}, undo={"rows": rows})


def _undo_announce(ctx: ExpertContext, data: dict) -> None:
    ctx.db.execute("DELETE FROM notifications WHERE id = ?", [data["id"]])


# the request for a message, with no message ("leave a message for Neha")
_ASKED_FOR = re.compile(r"^\W*(?:(?:please|can you|could you|would you)\W+)*(?:i (?:need|want|would like) to\s+|i'd like to\s+)?"
                        r"(?:(?:leave|write|send|broadcast|post|make|give)\s+)?(?:(?:everyone|everybody|the \w+|[^\W\d_]+)\s+)?"
                        r"(?:(?:a|an)\s+)?(?:message|msg|note|announcement|something|anything)(?:\s+(?:for|to)\s+(?:the\s+|my\s+|our\s+)?[\w']+(?:\s+[\w']+)?)?"
                        r"(?:\s+(?:in|at|around) (?:the )?(?:house|home))?(?:\s+for me)?(?:,?\s+(?:please|dear|thanks|love|hon|honey|darling|mate|sweetie|sweetheart))?\W*$", re.IGNORECASE)


def _asked_for_only(message: str) -> bool:
    """Whether the message is only the request for one ("leave a message for Neha"), or what is left
    of it ("in the house"): no word yet."""
    text = _ADDRESSED.sub("", message.strip()).rstrip(".!")
    return bool(_ASKED_FOR.match(text) or re.fullmatch(r"(?:in|at|around) (?:the )?(?:house|home)", text, re.IGNORECASE))


# the person spoken to, named before the words ("dear, I'd like to leave a note"): not a word of the message
_ADDRESSED = re.compile(r"^\W*(?:dear|darling|hon|honey|love|babe|sweetie|sweetheart|mate|buddy)\s*,\s*", re.IGNORECASE)


@api(speculative_safe=True, undo=_undo_announce,
     slots={"message": Slot("text", "What should the message say?", says_nothing=_asked_for_only)})
def announce(ctx: ExpertContext, message: str, to: str | None = None) -> ActionResult:
    """Leave a message for the household or someone in it."""
    asked_only = _asked_for_only(message) or bool(ctx.said and _asked_for_only(ctx.said))  # (the model's words for none)
    text = "" if asked_only else message.strip().rstrip(".!")
    if not text:
        return ActionResult(ok=False, reply="What should the message say?", missing="message")
    who = (to or "").strip()
    who = who[:1].upper() + who[1:]
    everyone = not who or who.lower() in EVERYONE
    posted = text if everyone else f"For {who}: {text}"
    notification_id = notify(ctx.db, posted, ctx.clock.now(), source="announcement")
    reply = (f"I've posted it for everyone: {text}." if everyone else
             f"I've left it for {who} in the notifications here: {text}. I can't reach anyone's phone.")
    return ActionResult(reply=reply, data={"id": notification_id, "text": posted}, undo={"id": notification_id})


# -- the fast router's command shapes and cue ("read my notifications", "let everyone know …") ------

EVERYONE = frozenset({"everyone", "everybody", "all", "the house", "the family", "the household", "the kids",
                      "the whole house", "the whole family"})
_WHO = r"(?P<who>everyone|everybody|the (?:whole )?(?:house|family|household|kids)|(?!me\b|us\b)[^\W\d_]+(?:'s)?)"
_LEAD = r"^\W*(?:(?:please|can you|could you|would you|and|also|then|oh|ok|okay|so|now)\W+)*"  # ("and tell Sam …")
# someone of the household by name or kin ("Marg", "nan", "my brother"); never a pronoun, a story or the assistant
_PERSON = (r"(?P<who>(?:my |our )?(?!(?:me|us|you|him|her|them|it|a|an|the|this|that|what|how|when|where|who|why|"
           r"whether|if|about|alexa|siri|google|assistant|jokes?|stories|story|something|anything|everything|time|"
           r"more|off)\b)[^\W\d_]+(?:'s)?)")  # (any letters: "Chloé", "Geneviève")
# a message for others in the home, now ("let everyone know supper is ready", "notify Sam that the bus
# is late", "ping Thandi to say …"); "notify me when …" is a watch
ANNOUNCING = tuple(re.compile(rf"{_LEAD}{shape}[\s:,;-]+(?P<message>\w.+)$", re.IGNORECASE) for shape in (
    rf"announce(?: to {_WHO})?(?: that)?",
    r"broadcast(?: that)?",
    r"(?:let|tell) (?P<who>everyone|everybody|the (?:whole )?(?:house|family|household|kids))(?: know)?(?: that)?",
    rf"(?:notify|alert|ping|message) {_WHO}(?: phone)? (?:that|to say|saying)",
    rf"send (?:a |an )?(?:notification|notice|alert|announcement) to {_WHO}(?: phone)?(?: (?:saying|that|to say))?",
    # a message to the whole household is an announcement; to one person it would be a text (declined)
    r"send (?:a |an )?(?:message|note) to (?P<who>everyone|everybody|the (?:whole )?(?:house|family|household|kids))"
    r"(?: (?:saying|that|to say))?",
    # a word left for someone of the household ("tell Marg the ewes are out", "let Nan know I'm at Jess's",
    # "leave a message for Sam: …"): posted in the home's notifications
    rf"tell {_PERSON}(?: that)?",
    rf"let {_PERSON} know(?: that)?",
    rf"leave (?:a |an )?(?:message|note) for {_WHO}(?: (?:saying|that|to say))?",
    rf"leave {_PERSON} (?:a |an )?(?:message|note)(?: (?:saying|that|to say))?",
    # a message (not a text) to someone of the household: left in the home's notifications
    rf"send (?:a |an )?(?:message|note) to {_PERSON}(?: (?:saying|that|to say))?",
))
# ... and one asked for with no word yet ("leave a message for Neha"): the message is asked for
CUES = (*ANNOUNCING, re.compile(rf"{_LEAD}(?:i (?:need|want|would like) to |i'd like to )?(?:leave|write|send) (?:a |an )?"
                                rf"(?:message|note) (?:for|to) (?:(?:my|our) [a-z]+|{_WHO})\W*$", re.IGNORECASE),
        re.compile(rf"{_LEAD}(?:i (?:need|want|would like) to |i'd like to )?leave {_PERSON} (?:a |an )?(?:message|note)\W*$",
                   re.IGNORECASE),  # "can you leave Olivier a message?"
        # "I need to send a message to the whole house", "leave a note for the family, dear": its words asked for next
        re.compile(rf"{_LEAD}(?:i (?:need|want|would like) to |i'd like to )?(?:send|leave|write|broadcast|make) (?:a |an )?"
                   rf"(?:message|msg|note|announcement|something) (?:to|for) (?:everyone|everybody|"
                   rf"the (?:whole )?(?:house|family|fam|household|kids))\b", re.IGNORECASE),
        re.compile(rf"{_LEAD}send (?:everyone|everybody|the (?:whole )?(?:house|family|fam|household|kids)) (?:a |an )?"
                   rf"(?:message|msg|note)\W*$", re.IGNORECASE))


def _announcement(text: str) -> Decision | None:
    match = next((m for pattern in ANNOUNCING if (m := pattern.match(text))), None)
    if match is None:
        return None
    who = re.sub(r"'s$", "", match.groupdict().get("who") or "")  # ("broadcast …" names nobody)
    args = {"message": match["message"], **({"to": who} if who and who.lower() not in EVERYONE else {})}
    return Decision(expert="notifications", api="announce", args=args, source="router")


def propose(request: Request) -> Decision | None:
    announced = _announcement(request.words)
    if announced is not None:
        return announced
    if re.match(r"^(?:(?:what|which|any) (?:new )?notifications(?: do i have)?|(?:read|check|show) (?:me )?"
                r"(?:my )?(?:new )?notifications|do i have any (?:new )?notifications)$", request.words):
        return Decision(expert="notifications", api="check", args={}, source="router")
    return None


def other_person(api_name: str, args: dict, phrase: str, db=None) -> dict | None:
    """The message just left, for someone else named ("tell the kids dinner's ready" → "and Nan
    too"); None for any other call."""
    who = re.sub(r"^(?:the|my|our)\s+", "", phrase.strip(), flags=re.IGNORECASE)
    if api_name != "announce" or not who or len(who.split()) > 3:
        return None
    return {**args, "to": who}


EXPERT = build_expert("notifications", "the assistant's inbox: what the user missed, messages left for others",
                      [check, clear, announce],
                      [Migration("notifications", 1, _migrate_v1)],
                      capability="notifications", propose=propose, cues=CUES, services={"notify": notify},
                      ellipsis=other_person,
                      views=(View("notifications", "The notification inbox.", lambda db, now: list_notifications(db),
                                  ("id", "created", "text", "read")),),
                      examples=Path(__file__).with_suffix(".jsonl"))
