"""Scheduled actions: expert API calls put off until their time ("turn off the tv in half an hour").

A row is 'waiting' until the scheduler runs it ('done' or 'failed', in the same transaction as
its firing) or the user cancels it ('cancelled'). The words and area it was said with are kept,
so the call resolves its targets at its time exactly as it would have when said.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from assistant.storage.db import Migration

STATUSES = ("waiting", "done", "cancelled", "failed")


def _v1(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE scheduled_actions (
        id INTEGER PRIMARY KEY, created TEXT NOT NULL, due TEXT NOT NULL, expert TEXT NOT NULL,
        api TEXT NOT NULL, args TEXT NOT NULL, said TEXT, area TEXT, what TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'waiting', finished TEXT, result TEXT)""")
    db.execute("CREATE INDEX scheduled_actions_waiting ON scheduled_actions (status, due)")
    # a sensitive call put off asks "are you sure?" first: its pending confirmation keeps the time
    db.execute("ALTER TABLE pending_actions ADD COLUMN due TEXT")


# owned by the deferral (assistant/deferral.py), apart from the core's own numbering
MIGRATIONS = [Migration("deferral", 1, _v1)]


@dataclass(frozen=True)
class ScheduledAction:
    id: int
    due: datetime
    expert: str
    api: str
    args: dict[str, Any]
    said: str | None
    area: str | None
    what: str  # the command as promised: "turn off the tv"
    status: str

    @property
    def qualified(self) -> str:
        return f"{self.expert}.{self.api}"


_COLUMNS = "id, due, expert, api, args, said, area, what, status"


def _action(row: tuple) -> ScheduledAction:
    action_id, due, expert, api, args, said, area, what, status = row
    return ScheduledAction(action_id, datetime.fromisoformat(due), expert, api, json.loads(args),
                           said, area, what, status)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def schedule_action(db: sqlite_utils.Database, *, at: datetime, due: datetime, expert: str, api: str,
                    args: dict[str, Any], said: str | None, area: str | None, what: str) -> int:
    """Store a call to run at `due`; its id."""
    cursor = db.execute("INSERT INTO scheduled_actions (created, due, expert, api, args, said, area, what) "
                        "VALUES (?,?,?,?,?,?,?,?)",
                        [_iso(at), _iso(due), expert, api, json.dumps(args), said, area, what])
    return int(cursor.lastrowid)


def scheduled_action(db: sqlite_utils.Database, action_id: int) -> ScheduledAction | None:
    row = db.execute(f"SELECT {_COLUMNS} FROM scheduled_actions WHERE id = ?", [action_id]).fetchone()
    return _action(row) if row else None


def waiting_actions(db: sqlite_utils.Database, until: datetime | None = None) -> list[ScheduledAction]:
    """Waiting actions, earliest first (only those due by `until`, if given)."""
    where, params = "status = 'waiting'", []
    if until is not None:
        where, params = where + " AND due <= ?", [_iso(until)]
    rows = db.execute(f"SELECT {_COLUMNS} FROM scheduled_actions WHERE {where} ORDER BY due, id", params)
    return [_action(row) for row in rows.fetchall()]


def next_waiting_due(db: sqlite_utils.Database, after: datetime) -> datetime | None:
    found = db.execute("SELECT MIN(due) FROM scheduled_actions WHERE status = 'waiting' AND due > ?",
                       [_iso(after)]).fetchone()[0]
    return datetime.fromisoformat(found) if found else None


def is_waiting(db: sqlite_utils.Database, action_id: int, due: str) -> bool:
    return db.execute("SELECT 1 FROM scheduled_actions WHERE id = ? AND status = 'waiting' AND due = ?",
                      [action_id, due]).fetchone() is not None


def finish(db: sqlite_utils.Database, action_id: int, status: str, at: datetime, result: str) -> None:
    """Move a waiting action to `status` ('done', 'failed' or 'cancelled')."""
    db.execute("UPDATE scheduled_actions SET status = ?, finished = ?, result = ? WHERE id = ? AND status = 'waiting'",
               [status, _iso(at), result, action_id])


def cancel_scheduled(db: sqlite_utils.Database, action_id: int, at: datetime) -> ScheduledAction | None:
    """Cancel a waiting action; the action, or None when there is no such waiting action."""
    action = scheduled_action(db, action_id)
    if action is None or action.status != "waiting":
        return None
    finish(db, action_id, "cancelled", at, "cancelled")
    return action


def last_scheduling(db: sqlite_utils.Database, since: datetime,
                    conversation: str = "default") -> tuple[int, int] | None:
    """(action log id, scheduled action id) when the conversation's last action in effect since
    `since` put a call off and that call is still waiting ("cancel that" right after it takes it back);
    a question asked since ("what's scheduled?", nothing to take back) is not that action."""
    row = db.execute("SELECT id, at, source, undo FROM action_log WHERE undone = 0 AND expert != 'system' "
                     "AND conversation = ? AND undo IS NOT NULL ORDER BY id DESC LIMIT 1", [conversation]).fetchone()
    if row is None or row[2] != "scheduled" or datetime.fromisoformat(row[1]) < since or not row[3]:
        return None
    action_id = json.loads(row[3]).get("scheduled_action")
    action = scheduled_action(db, action_id) if action_id else None
    return (row[0], action.id) if action and action.status == "waiting" else None


def scheduling_named(db: sqlite_utils.Database, words: str) -> tuple[int, int] | None:
    """(action log id, scheduled action id) of the one waiting call whose promise holds every word
    of `words` ("generator" in "switch off the generator"), or None when none or several do."""
    wanted = set(re.findall(r"[a-z0-9']+", words.lower())) - {"the", "a", "an", "my", "our"}
    matching = [a for a in waiting_actions(db) if wanted and wanted <= set(re.findall(r"[a-z0-9']+", a.what.lower()))]
    if len(matching) != 1:
        return None
    row = db.execute("SELECT id FROM action_log WHERE undone = 0 AND source = 'scheduled' AND undo = ?",
                     [json.dumps({"scheduled_action": matching[0].id})]).fetchone()
    return (row[0], matching[0].id) if row else None


def list_scheduled(db: sqlite_utils.Database, now: datetime | None = None) -> list[dict[str, Any]]:
    """The waiting actions for `assistant scheduled`: {id, due (ISO local), what, api, args}."""
    return [{"id": a.id, "due": _iso(a.due), "what": a.what, "api": a.qualified, "args": a.args}
            for a in waiting_actions(db)]
