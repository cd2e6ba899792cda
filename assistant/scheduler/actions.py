"""The scheduler's source of scheduled actions (assistant/storage/scheduled.py): a call put off
until its time runs then, exactly once, inside the firing's own transaction.

The expert's API runs on the scheduler's connection with its own transactions turned into
savepoints (`_Nested`), so the call's writes, the action's move to 'done', the firing's key, the
action log and the notification commit together or not at all: a crash before COMMIT undoes the
call too, and it runs once after a restart; after COMMIT it can never run again.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from typing import Any

import sqlite_utils

from assistant.clock import Clock
from assistant.context import ExpertContext
from assistant.messages import ActionResult, Utterance
from assistant.registry import Registry, RegistryError
from assistant.scheduler.sources import DueItem, Fired
from assistant.scheduler.store import finished_before
from assistant.storage.core_tables import log_action
from assistant.storage.db import Database
from assistant.storage.scheduled import ScheduledAction, finish, is_waiting, next_waiting_due, waiting_actions
from assistant.timeparse import format_clock

KIND = "action"
# an action that came due while no scheduler ran is still carried out up to this late; later than
# that (the coffee maker at 7 when the assistant starts at noon) it is dropped, and the user told
STALE_AFTER = timedelta(hours=1)
_TRANSACTION_WORDS = {"BEGIN", "BEGIN IMMEDIATE", "BEGIN DEFERRED", "BEGIN EXCLUSIVE", "COMMIT", "END"}


class ScheduledActions:
    """Runs waiting scheduled actions at their time (one `Source`, see sources.py)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry

    def due(self, db: Database, now: datetime) -> list[DueItem]:
        return [DueItem(KIND, action.id, action.due, action.due.isoformat(timespec="seconds"), action)
                for action in waiting_actions(db, now)]

    def still_due(self, db: Database, item: DueItem) -> bool:
        return is_waiting(db, item.item_id, item.key)

    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired:
        action: ScheduledAction = item.payload
        if finished_before(db, KIND, action.id, item.key):  # its state went back: never run twice
            finish(db, action.id, "done", now, "already run")
            return Fired(None)
        if now - action.due > STALE_AFTER:
            text = f"I didn't {action.what} at {format_clock(action.due)}: the assistant wasn't running then."
            finish(db, action.id, "failed", now, text)
            return Fired(text, {"action": action.qualified, "stale": True})
        result = self._run(db, action, now)
        finish(db, action.id, "done" if result.ok else "failed", now, result.reply)
        log_action(db, at=now, text=action.said or action.what, expert=action.expert, api=action.api,
                   args=action.args, source="scheduler", ok=result.ok, reply=result.reply, undo=result.undo)
        text = result.reply if result.ok else f"I couldn't {action.what}: {result.reply}"
        return Fired(text, {"action": action.qualified, "args": action.args, "ok": result.ok})

    def next_due(self, db: Database, after: datetime) -> datetime | None:
        return next_waiting_due(db, after)

    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None:
        pass

    def _run(self, db: Database, action: ScheduledAction, now: datetime) -> ActionResult:
        try:
            spec = self.registry.api(action.expert, action.api)
        except RegistryError as exc:
            return ActionResult(ok=False, reply=str(exc))
        conn = _Nested(db.conn)
        ctx = ExpertContext(db=sqlite_utils.Database(conn), clock=Clock(now),
                            utterance=Utterance(text=action.said or action.what, source="scheduler",
                                                area=action.area))
        try:
            with conn:  # a call that raises leaves no half-made change behind
                return spec.func(ctx, **spec.validate(action.args))
        except Exception as exc:  # noqa: BLE001 - a failed call is reported, not retried forever
            return ActionResult(ok=False, reply=f"something went wrong with {spec.qualified}: {exc}")


class _Nested:
    """A connection inside an open transaction: `with conn:` is a savepoint (undone on an error,
    kept on success) and BEGIN/COMMIT are no-ops, so the outer transaction decides."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn, self._depth = conn, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)

    def execute(self, sql: str, *params: Any) -> sqlite3.Cursor:
        if " ".join(sql.split()).upper().rstrip(";") in _TRANSACTION_WORDS:
            return self._conn.execute("SELECT 1")
        return self._conn.execute(sql, *params)

    def commit(self) -> None:
        pass

    def __enter__(self) -> "_Nested":
        self._depth += 1
        self._conn.execute(f"SAVEPOINT nested_{self._depth}")
        return self

    def __exit__(self, kind, error, trace) -> bool:
        name = f"nested_{self._depth}"
        self._depth -= 1
        if kind is not None:
            self._conn.execute(f"ROLLBACK TO {name}")
        self._conn.execute(f"RELEASE {name}")
        return False
