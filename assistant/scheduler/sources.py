"""What the scheduler fires. Each source lists its due items, re-checks one inside the firing
transaction (`still_due`), and makes its state transition (`fire`), returning the text to notify.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from assistant.scheduler.store import fired_keys
from assistant.storage.db import Database
from assistant.timeparse import format_duration
from assistant.experts import reminders, timers, watches


@dataclass(frozen=True)
class DueItem:
    kind: str  # 'reminder' | 'timer' | 'watch'
    item_id: int
    due: datetime
    key: str  # unique per firing of the item: its due time as stored, or "event:<id>"
    payload: Any = field(default=None, compare=False)


@dataclass(frozen=True)
class Fired:
    text: str | None  # the notification; None when there is nothing to tell (a watch found all well)
    why: dict[str, Any] = field(default_factory=dict)


class Source(Protocol):
    def due(self, db: Database, now: datetime) -> list[DueItem]: ...
    def still_due(self, db: Database, item: DueItem) -> bool: ...
    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired: ...
    def next_due(self, db: Database, after: datetime) -> datetime | None: ...
    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None: ...


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def _first(db: Database, sql: str, after: datetime) -> datetime | None:
    found = db.execute(sql, [_iso(after)]).fetchone()[0]
    return datetime.fromisoformat(found) if found else None


class Reminders:
    def due(self, db: Database, now: datetime) -> list[DueItem]:
        return [DueItem("reminder", r["id"], datetime.fromisoformat(r["due"]), r["due"])
                for r in reminders.due_reminders(db, now)]

    def still_due(self, db: Database, item: DueItem) -> bool:
        return db.execute("SELECT 1 FROM reminders WHERE id = ? AND status = 'active' AND due = ?",
                          [item.item_id, item.key]).fetchone() is not None

    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired:
        text = db.execute("SELECT text FROM reminders WHERE id = ?", [item.item_id]).fetchone()[0]
        following = reminders.mark_fired(db, item.item_id, now)
        return Fired(f"Reminder: {text}.", {"next": _iso(following) if following else None})

    def next_due(self, db: Database, after: datetime) -> datetime | None:
        return _first(db, "SELECT MIN(due) FROM reminders WHERE status = 'active' AND due > ?", after)

    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None:
        pass


class Timers:
    def due(self, db: Database, now: datetime) -> list[DueItem]:
        return [DueItem("timer", t["id"], datetime.fromisoformat(t["ends_at"]), t["ends_at"], t)
                for t in timers.due_timers(db, now)]

    def still_due(self, db: Database, item: DueItem) -> bool:
        return db.execute("SELECT 1 FROM timers WHERE id = ? AND state = 'running' AND ends_at = ?",
                          [item.item_id, item.key]).fetchone() is not None

    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired:
        timers.mark_fired(db, item.item_id, now)
        row = item.payload
        if row["kind"] == "alarm":
            return Fired(f"Your {row['name']} alarm is going off." if row["name"] else "Your alarm is going off.")
        size = row["name"] or format_duration(row["duration_s"])
        return Fired(f"Your {size} timer is done.")

    def next_due(self, db: Database, after: datetime) -> datetime | None:
        return _first(db, "SELECT MIN(ends_at) FROM timers WHERE state = 'running' AND ends_at > ?", after)

    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None:
        pass


class WatchChecks:
    """Timed watches: 'if not happened by', 'if a device is still ... at'."""

    def due(self, db: Database, now: datetime) -> list[DueItem]:
        return [DueItem("watch", watch_id, check, _iso(check)) for watch_id, check in watches.due_checks(db, now)]

    def still_due(self, db: Database, item: DueItem) -> bool:
        return db.execute("SELECT 1 FROM watches WHERE id = ? AND active = 1 AND next_check = ?",
                          [item.item_id, item.key]).fetchone() is not None

    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired:
        result = watches.run_check(db, item.item_id, item.due)
        return Fired(result.text, result.why)

    def next_due(self, db: Database, after: datetime) -> datetime | None:
        return _first(db, "SELECT MIN(next_check) FROM watches WHERE active = 1 AND kind != 'occurrence' "
                          "AND next_check > ?", after)

    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None:
        pass


class WatchEvents:
    """'When it happens' watches: one firing per matching event, keyed by the event id."""

    def __init__(self) -> None:
        self._cursors: dict[int, int] = {}

    def due(self, db: Database, now: datetime) -> list[DueItem]:
        pending, self._cursors = watches.pending_occurrences(db, now)
        items = [DueItem("watch", watch_id, datetime.fromisoformat(event["at"]), f"event:{event['id']}",
                         (event, why)) for watch_id, event, why in pending]
        done = {(i.item_id, key) for i in items for key in fired_keys(db, "watch", i.item_id, [i.key])}
        return [i for i in items if (i.item_id, i.key) not in done]

    def still_due(self, db: Database, item: DueItem) -> bool:
        return db.execute("SELECT 1 FROM watches WHERE id = ? AND active = 1 AND kind = 'occurrence'",
                          [item.item_id]).fetchone() is not None

    def fire(self, db: Database, item: DueItem, now: datetime) -> Fired:
        result = watches.fire_occurrence(db, item.item_id, *item.payload)
        return Fired(result.text, result.why)

    def next_due(self, db: Database, after: datetime) -> datetime | None:
        """The next event's time, when an occurrence watch is waiting for events."""
        if not db.execute("SELECT 1 FROM watches WHERE active = 1 AND kind = 'occurrence'").fetchone():
            return None
        return _first(db, "SELECT MIN(at) FROM events WHERE at > ?", after)

    def settle(self, db: Database, now: datetime, failed: set[DueItem]) -> None:
        """Move the event cursors on, unless an event could not be handled (it is looked at again)."""
        stuck = {item.item_id for item in failed if item.key.startswith("event:")}
        watches.advance_cursors(db, {w: c for w, c in self._cursors.items() if w not in stuck})
        self._cursors = {}


def default_sources() -> list[Source]:
    return [Reminders(), Timers(), WatchChecks(), WatchEvents()]
