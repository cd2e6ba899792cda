"""Per-request context for routing: only what belongs to this request, after the stable prefix.

Today: the previous turn, when the utterance is a follow-up ("now dim them to 30%", "and the
bedroom too", "make it 15 minutes") and that turn was recent. Unrelated requests get no context.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

import sqlite_utils

FOLLOW_UP = re.compile(
    r"\b(it(?!'s| is)|them|they|those|these|that one|too$|also|as well|instead|again|same|another|the other)\b"
    r"|^(and|now|then|make it|make that|change it|what about|how about|but)\b", re.IGNORECASE)
RECENT = timedelta(minutes=10)


def is_follow_up(text: str) -> bool:
    return bool(FOLLOW_UP.search(text.strip()))


def previous_turn(db: sqlite_utils.Database, now: datetime) -> dict | None:
    """The last action still in effect, if it happened within the last few minutes."""
    row = db.execute(
        "SELECT at, text, expert, api, args FROM action_log WHERE undone = 0 AND expert NOT IN "
        "('system') ORDER BY id DESC LIMIT 1").fetchone()
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
