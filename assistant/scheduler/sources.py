"""What the scheduler fires: each expert's `scheduler_sources` hook gives its sources. Each source
lists its due items, re-checks one inside the firing transaction (`still_due`), and makes its state
transition (`fire`), returning the text to notify.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from assistant.storage.db import Database


@dataclass(frozen=True)
class DueItem:
    kind: str  # what fires: 'reminder', 'timer', 'watch', ...
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


def first_due(db: Database, sql: str, after: datetime) -> datetime | None:
    """The time a `SELECT MIN(...) ... > ?` query finds after `after`, or None."""
    found = db.execute(sql, [after.isoformat(timespec="seconds")]).fetchone()[0]
    return datetime.fromisoformat(found) if found else None



