"""Tables owned by the core: the action log and actions waiting for a confirmation.

Both are kept per conversation (a chat session, `ask --session NAME`, a voice loop; one-shot `ask`
and the scheduler use `DEFAULT`): the previous turn, "undo that" and a waiting question are
looked up in the asker's own conversation only."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from assistant.messages import PendingAction
from assistant.storage.db import Migration
from assistant.storage.conversations import DEFAULT
from assistant.storage.conversations import MIGRATIONS as CONVERSATION_MIGRATIONS
from assistant.storage.scheduled import MIGRATIONS as SCHEDULED_MIGRATIONS

CONFIRMATION_WINDOW = timedelta(minutes=2)


def _v1(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE action_log (
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, text TEXT, expert TEXT, api TEXT, args TEXT,
        source TEXT, ok INTEGER, reply TEXT, undo TEXT, undone INTEGER NOT NULL DEFAULT 0)""")
    db.execute("""CREATE TABLE pending_actions (
        id INTEGER PRIMARY KEY, created TEXT NOT NULL, expert TEXT NOT NULL, api TEXT NOT NULL,
        args TEXT NOT NULL, question TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'waiting')""")


def _v3(db: sqlite_utils.Database) -> None:
    """A pending action keeps the words and area it was asked with: after "yes" it resolves
    its targets exactly as when the question was asked."""
    db.execute("ALTER TABLE pending_actions ADD COLUMN said TEXT")
    db.execute("ALTER TABLE pending_actions ADD COLUMN area TEXT")


def _v4(db: sqlite_utils.Database) -> None:
    """A pending action may wait for a value (a slot question: "For how long?") instead of a yes."""
    db.execute("ALTER TABLE pending_actions ADD COLUMN slot TEXT")


def _v5(db: sqlite_utils.Database) -> None:
    """A "which one?" question keeps the values its answer may choose from."""
    db.execute("ALTER TABLE pending_actions ADD COLUMN choices TEXT")


def _v6(db: sqlite_utils.Database) -> None:
    """Actions and questions belong to a conversation; rows from before are the default one's."""
    for table in ("action_log", "pending_actions"):
        db.execute(f"ALTER TABLE {table} ADD COLUMN conversation TEXT NOT NULL DEFAULT '{DEFAULT}'")
    db.execute("CREATE INDEX action_log_conversation ON action_log (conversation, id)")


MIGRATIONS = [Migration("core", 1, _v1), Migration("core", 3, _v3), Migration("core", 4, _v4),  # (2: speculation.py)
              Migration("core", 5, _v5), Migration("core", 6, _v6),
              *SCHEDULED_MIGRATIONS, *CONVERSATION_MIGRATIONS]  # scheduled actions; pending_actions.due


def log_action(db: sqlite_utils.Database, *, at: datetime, text: str, expert: str, api: str,
               args: dict[str, Any], source: str, ok: bool, reply: str,
               undo: dict[str, Any] | None, conversation: str = DEFAULT) -> int:
    cursor = db.execute(
        "INSERT INTO action_log (at, text, expert, api, args, source, ok, reply, undo, conversation) "
        "VALUES (?,?,?,?,?,?,?,?,?,?)",
        [at.isoformat(), text, expert, api, json.dumps(args), source, int(ok), reply,
         json.dumps(undo) if undo is not None else None, conversation])
    return cursor.lastrowid


def last_undoable(db: sqlite_utils.Database, since: datetime,
                  conversation: str = DEFAULT) -> tuple[int, str, str, dict, str] | None:
    """The conversation's last action since `since` that worked, is not undone and can be:
    (id, expert, api, undo, reply)."""
    row = db.execute("SELECT id, expert, api, undo, reply FROM action_log WHERE undone = 0 AND ok = 1 "
                     "AND undo IS NOT NULL AND at >= ? AND conversation = ? ORDER BY id DESC LIMIT 1",
                     [since.isoformat(), conversation]).fetchone()
    return None if row is None else (row[0], row[1], row[2], json.loads(row[3]), row[4])


def mark_undone(db: sqlite_utils.Database, action_id: int) -> None:
    db.execute("UPDATE action_log SET undone = 1 WHERE id = ?", [action_id])


def park_action(db: sqlite_utils.Database, *, at: datetime, expert: str, api: str,
                args: dict[str, Any], question: str, said: str | None = None,
                area: str | None = None, slot: str | None = None, due: datetime | None = None,
                choices: dict[str, str] | None = None, conversation: str = DEFAULT) -> None:
    """Remember one action awaiting "yes" (or, with `slot`, that argument's value), the words and
    area it was asked with, and the time it is put off to, if any; a newer one replaces any older
    one of the same conversation."""
    with db.conn:
        db.execute("BEGIN IMMEDIATE")
        db.execute("UPDATE pending_actions SET status='superseded' WHERE status='waiting' AND conversation = ?",
                   [conversation])
        db.execute("INSERT INTO pending_actions (created, expert, api, args, question, said, area, slot, due, "
                   "choices, conversation) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                   [at.isoformat(), expert, api, json.dumps(args), question, said, area, slot,
                    due.isoformat() if due else None, json.dumps(choices) if choices else None, conversation])


def _fresh(created: str, now: datetime) -> bool:
    """Asked within the window, and not "in the future" (a clock set back never revives a question)."""
    return timedelta(0) <= now - datetime.fromisoformat(created) <= CONFIRMATION_WINDOW


def _waiting(db: sqlite_utils.Database, for_slot: bool, conversation: str) -> tuple | None:
    kind = "slot IS NOT NULL" if for_slot else "slot IS NULL"
    return db.execute("SELECT id, created, expert, api, args, said, area, slot, due, choices FROM pending_actions "
                      f"WHERE status='waiting' AND {kind} AND conversation = ? ORDER BY id DESC LIMIT 1",
                      [conversation]).fetchone()


def _pending(row: tuple) -> PendingAction:
    _, _, expert, api, args, said, area, slot, due, choices = row
    return PendingAction(expert, api, json.loads(args), said=said, area=area, slot=slot,
                         due=datetime.fromisoformat(due) if due else None,
                         choices=json.loads(choices) if choices else None)


def waiting_confirmation(db: sqlite_utils.Database, now: datetime, area: str | None = None,
                         conversation: str = DEFAULT) -> PendingAction | None:
    """The fresh action waiting for a yes from `area` in the conversation, without claiming it."""
    row = _waiting(db, False, conversation)
    return _pending(row) if row is not None and row[6] == area and _fresh(row[1], now) else None


def take_pending(db: sqlite_utils.Database, now: datetime, status: str,
                 area: str | None = None, conversation: str = DEFAULT) -> PendingAction | None:
    """Claim the action waiting for a yes (if still fresh), marking it `status` ('confirmed' or
    'denied'). Only an answer from where it was asked counts: a "yes" in another room, or in
    another conversation, is not one."""
    row = _waiting(db, False, conversation)
    if row is None or row[6] != area:
        return None
    fresh = _fresh(row[1], now)
    db.execute("UPDATE pending_actions SET status=? WHERE id=?", [status if fresh else "expired", row[0]])
    return _pending(row) if fresh else None


def waiting_slot(db: sqlite_utils.Database, now: datetime, area: str | None = None,
                 conversation: str = DEFAULT) -> tuple[int, PendingAction] | None:
    """The fresh call waiting for a value from `area` in the conversation (its id, and the call),
    without claiming it; stale ones expire."""
    row = _waiting(db, True, conversation)
    if row is None or row[6] != area:
        return None
    if not _fresh(row[1], now):
        close_pending(db, row[0], "expired")
        return None
    return row[0], _pending(row)


def close_pending(db: sqlite_utils.Database, pending_id: int, status: str) -> None:
    """Settle a pending action: 'answered', 'dropped' (the user moved on or said never mind), ..."""
    db.execute("UPDATE pending_actions SET status=? WHERE id=? AND status='waiting'", [status, pending_id])
