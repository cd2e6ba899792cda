"""What the scheduler fires for watches: timed checks, and events that occurrence watches wait for."""
from __future__ import annotations

from datetime import datetime

from assistant.experts.events import next_event_at
from assistant.experts.watches import (advance_cursors, due_checks, fire_occurrence, pending_occurrences,
                                       run_check)
from assistant.scheduler.sources import DueItem, Fired, first_due
from assistant.scheduler.store import fired_keys
from assistant.storage.db import Database


class WatchChecks:
    """Timed watches: 'if not happened by', 'if a device is still ... at'."""

    def due(self, db: Database, now: datetime) -> list[DueItem]:
        return [DueItem("watch", watch_id, check, check.isoformat(timespec="seconds")) for watch_id, check in due_checks(db, now)]

    def still_due(self, db: Database, item: DueItem) -> bool:
        return db.execute("SELECT 1 FROM watches WHERE id = ? AND active = 1 AND next_check = ?",
                          [item.item_id, item.key]).fetchone() is not None

    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired:
        result = run_check(db, item.item_id, item.due)
        return Fired(result.text, result.why)

    def next_due(self, db: Database, after: datetime) -> datetime | None:
        return first_due(db, "SELECT MIN(next_check) FROM watches WHERE active = 1 AND kind != 'occurrence' "
                          "AND next_check > ?", after)

    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None:
        pass


class WatchEvents:
    """'When it happens' watches: one firing per matching event, keyed by the event id."""

    def __init__(self) -> None:
        self._cursors: dict[int, int] = {}

    def due(self, db: Database, now: datetime) -> list[DueItem]:
        pending, self._cursors = pending_occurrences(db, now)
        items = [DueItem("watch", watch_id, datetime.fromisoformat(event["at"]), f"event:{event['id']}",
                         (event, why)) for watch_id, event, why in pending]
        done = {(i.item_id, key) for i in items for key in fired_keys(db, "watch", i.item_id, [i.key])}
        return [i for i in items if (i.item_id, i.key) not in done]

    def still_due(self, db: Database, item: DueItem) -> bool:
        return db.execute("SELECT 1 FROM watches WHERE id = ? AND active = 1 AND kind = 'occurrence'",
                          [item.item_id]).fetchone() is not None

    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired:
        result = fire_occurrence(db, item.item_id, *item.payload)
        return Fired(result.text, result.why)

    def next_due(self, db: Database, after: datetime) -> datetime | None:
        """The next event's time, when an occurrence watch is waiting for events."""
        if not db.execute("SELECT 1 FROM watches WHERE active = 1 AND kind = 'occurrence'").fetchone():
            return None
        return next_event_at(db, after)

    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None:
        """Move the event cursors on, unless an event could not be handled (it is looked at again)."""
        stuck = {item.item_id for item in failed if item.key.startswith("event:")}
        advance_cursors(db, {w: c for w, c in self._cursors.items() if w not in stuck})
        self._cursors = {}
