"""Tables owned by the core: the action log and actions waiting for a confirmation."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from assistant.messages import PendingAction
from assistant.storage.db import Migration
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


MIGRATIONS = [Migration("core", 1, _v1), Migration("core", 3, _v3),  # (2: speculation.py)
              *SCHEDULED_MIGRATIONS]  # scheduled actions; pending_actions.due


def log_action(db: sqlite_utils.Database, *, at: datetime, text: str, expert: str, api: str,
               args: dict[str, Any], source: str, ok: bool, reply: str,
               undo: dict[str, Any] | None) -> int:
    cursor = db.execute(
        "INSERT INTO action_log (at, text, expert, api, args, source, ok, reply, undo) VALUES (?,?,?,?,?,?,?,?,?)",
        [at.isoformat(), text, expert, api, json.dumps(args), source, int(ok), reply,
         json.dumps(undo) if undo is not None else None])
    return cursor.lastrowid


def mark_undone(db: sqlite_utils.Database, action_id: int) -> None:
    db.execute("UPDATE action_log SET undone = 1 WHERE id = ?", [action_id])


def park_action(db: sqlite_utils.Database, *, at: datetime, expert: str, api: str,
                args: dict[str, Any], question: str, said: str | None = None,
                area: str | None = None, due: datetime | None = None) -> None:
    """Remember one action awaiting "yes" (and the words and area it was asked with, and the time
    it is put off to, if any); a newer one replaces any older one."""
    with db.conn:
        db.execute("BEGIN")
        db.execute("UPDATE pending_actions SET status='superseded' WHERE status='waiting'")
        db.execute("INSERT INTO pending_actions (created, expert, api, args, question, said, area, due) "
                   "VALUES (?,?,?,?,?,?,?,?)", [at.isoformat(), expert, api, json.dumps(args), question, said, area,
                                                due.isoformat() if due else None])


def take_pending(db: sqlite_utils.Database, now: datetime, status: str) -> PendingAction | None:
    """Claim the waiting action (if still fresh), marking it `status` ('confirmed' or 'denied')."""
    row = db.execute("SELECT id, created, expert, api, args, said, area, due FROM pending_actions "
                     "WHERE status='waiting' ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return None
    pending_id, created, expert, api, args, said, area, due = row
    fresh = now - datetime.fromisoformat(created) <= CONFIRMATION_WINDOW
    db.execute("UPDATE pending_actions SET status=? WHERE id=?", [status if fresh else "expired", pending_id])
    if not fresh:
        return None
    return PendingAction(expert, api, json.loads(args), said, area, datetime.fromisoformat(due) if due else None)
