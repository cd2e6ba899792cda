"""Per-request context for routing: only what belongs to this request, after the stable prefix.

Today: the previous turn, when the utterance is a follow-up ("now dim them to 30%", "and the
bedroom too", "make it 15 minutes") and that turn was recent. Unrelated requests get no context.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import sqlite_utils

from assistant.messages import Decision
from assistant.registry import Registry

FOLLOW_UP = re.compile(
    r"\b(it(?!'s| is)|them|they|those|these|that one|too$|also|as well|instead|again|same|another|the other)\b"
    r"|^(and|now|then|make it|make that|change it|what about|how about|but)\b", re.IGNORECASE)
RECENT = timedelta(minutes=10)
CANCEL_IT = re.compile(r"^\W*cancel (?:it|that)\W*$", re.IGNORECASE)
CANCELLABLE = {"timers": ("start", "set_alarm"), "reminders": ("create",)}  # what "it" can be


def is_follow_up(text: str) -> bool:
    return bool(FOLLOW_UP.search(text.strip()))


def previous_turn(db: sqlite_utils.Database, now: datetime, expert: str | None = None,
                  apis: tuple[str, ...] = ()) -> dict | None:
    """The last action still in effect, if it happened within the last few minutes (optionally:
    the last one of this expert and these APIs)."""
    where, params = "undone = 0 AND expert NOT IN ('system')", []
    if expert:
        where += f" AND expert = ? AND api IN ({','.join('?' * len(apis))})"
        params = [expert, *apis]
    row = db.execute(f"SELECT at, text, expert, api, args FROM action_log WHERE {where} "
                     "ORDER BY id DESC LIMIT 1", params).fetchone()
    if row is None or now - datetime.fromisoformat(row[0]) > RECENT:
        return None
    return {"text": row[1], "api": f"{row[2]}.{row[3]}", "args": json.loads(row[4])}


def routing_context(db: sqlite_utils.Database, text: str, now: datetime) -> str | None:
    if not is_follow_up(text):
        return None
    turn = previous_turn(db, now)
    if turn is None:
        return None
    call = json.dumps({"api": turn["api"], "args": turn["args"]}, separators=(",", ":"))
    return f'Previous request: "{turn["text"]}" -> {call}'


def cancel_of_previous_turn(db: sqlite_utils.Database, registry: Registry, text: str,
                            now: datetime) -> Decision | None:
    """"cancel it" right after starting a timer (or creating a reminder) cancels that, not the
    conversation: the previous turn gives "it" its meaning. After a question about it ("how
    long is left on it"), "it" is still the timer that expert last started. None when it does
    not apply."""
    turn = previous_turn(db, now) if CANCEL_IT.match(text) else None
    if turn is None:
        return None
    expert, _, api = turn["api"].partition(".")
    if expert not in CANCELLABLE or api == "cancel":  # already cancelled: "cancel it" just stops
        return None
    if api not in CANCELLABLE[expert]:  # a question about it: the item that expert last made
        turn = previous_turn(db, now, expert, CANCELLABLE[expert])
        if turn is None:
            return None
    accepted = registry.api(expert, "cancel").json_schema().get("properties", {})
    args = {k: v for k, v in turn["args"].items() if k in accepted}
    return Decision(expert=expert, api="cancel", args=args, source="fastpath")
