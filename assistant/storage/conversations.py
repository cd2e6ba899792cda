"""The conversation log: every turn (what was said, what the assistant answered), per conversation.

A conversation is one chat session, one `ask --session NAME`, one voice loop; a one-shot `ask`
without `--session` (and the scheduler) is the `DEFAULT` conversation, as all of them were before.
The chat reads its own conversation's recent turns for continuity; `assistant history` shows
them beside the action log; `assistant forget --all` clears both.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from assistant.storage.db import Migration

DEFAULT = "default"
FORGETTABLE = ("conversation_turns", "action_log", "pending_actions", "speculations")


def _v1(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE conversation_turns (
        id INTEGER PRIMARY KEY, conversation TEXT NOT NULL, at TEXT NOT NULL, text TEXT NOT NULL,
        reply TEXT NOT NULL, expert TEXT, api TEXT, ok INTEGER NOT NULL DEFAULT 1,
        asks INTEGER NOT NULL DEFAULT 0)""")
    db.execute("CREATE INDEX conversation_turns_by_conversation ON conversation_turns (conversation, id)")


MIGRATIONS = [Migration("conversation", 1, _v1)]


@dataclass(frozen=True)
class Exchange:
    """One turn of a conversation: the user's words and the assistant's answer (and the call, if any)."""

    at: datetime
    text: str
    reply: str
    expert: str | None = None
    api: str | None = None
    ok: bool = True
    asks: bool = False  # the answer was a question (a yes, a value, "which one?")

    @property
    def acted(self) -> bool:
        """An action was taken (not talk, not a question, not a refusal)."""
        return bool(self.expert) and self.expert not in ("chat", "system") and self.ok and not self.asks


def record_turn(db: sqlite_utils.Database, conversation: str, at: datetime, text: str, reply: str,
                expert: str | None = None, api: str | None = None, ok: bool = True, asks: bool = False) -> None:
    db.execute("INSERT INTO conversation_turns (conversation, at, text, reply, expert, api, ok, asks) "
               "VALUES (?,?,?,?,?,?,?,?)", [conversation, at.isoformat(), text, reply, expert, api, int(ok), int(asks)])


def recent_turns(db: sqlite_utils.Database, conversation: str, since: datetime, limit: int = 12) -> list[Exchange]:
    """The conversation's last `limit` turns since `since`, oldest first."""
    rows = db.execute("SELECT at, text, reply, expert, api, ok, asks FROM conversation_turns "
                      "WHERE conversation = ? AND at >= ? ORDER BY id DESC LIMIT ?",
                      [conversation, since.isoformat(), limit]).fetchall()
    return [Exchange(datetime.fromisoformat(r[0]), r[1], r[2], r[3], r[4], bool(r[5]), bool(r[6]))
            for r in reversed(rows)]


def history(db: sqlite_utils.Database, conversation: str | None = None, limit: int = 50) -> dict[str, list[dict[str, Any]]]:
    """For `assistant history`: the last `limit` turns and actions (oldest first), of one
    conversation or of all."""
    where, params = ("WHERE conversation = ?", [conversation]) if conversation else ("", [])
    turns = db.execute(f"SELECT at, conversation, text, reply, expert, api FROM conversation_turns {where} "
                       "ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall()
    actions = db.execute(f"SELECT at, conversation, text, expert, api, args, source, ok, undone FROM action_log "
                         f"{where} ORDER BY id DESC LIMIT ?", [*params, limit]).fetchall()
    return {
        "turns": [dict(zip(("at", "conversation", "text", "reply", "expert", "api"), r)) for r in reversed(turns)],
        "actions": [{**dict(zip(("at", "conversation", "text", "expert", "api", "args", "source"), r[:7])),
                     "ok": bool(r[7]), "undone": bool(r[8])} for r in reversed(actions)],
    }


def forget_all(db: sqlite_utils.Database) -> dict[str, int]:
    """Clear the conversation log, the action log, the questions waiting for an answer and the
    speculation records (which keep the words too): what was done stays done, only the record of
    it goes. The counts removed, by table."""
    counts = {}
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        for table in FORGETTABLE:
            if db[table].exists():
                counts[table] = db.execute(f"DELETE FROM {table}").rowcount
    return counts
