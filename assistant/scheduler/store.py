"""The scheduler's ledger: one `firings` row per firing, unique per (kind, item, due key).

A firing row is written in the same transaction as the item's state transition and its
notification, so the three happen together or not at all; the unique key makes a second firing of
the same occurrence impossible even if two schedulers race (the daemon and `chat`).
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from assistant.storage.db import Database

_SCHEMA = """CREATE TABLE IF NOT EXISTS firings (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, item_id INTEGER NOT NULL, due TEXT NOT NULL,
    fired_at TEXT NOT NULL, late INTEGER NOT NULL DEFAULT 0, notification_id INTEGER, why TEXT,
    UNIQUE (kind, item_id, due))"""
_COLUMNS = ("id", "kind", "item_id", "due", "fired_at", "late", "notification_id", "why")


def ensure_schema(db: Database) -> None:
    """Create the firings table when missing (idempotent, safe with concurrent schedulers)."""
    db.execute(_SCHEMA)


def claim(db: Database, kind: str, item_id: int, key: str, fired_at: datetime, late: bool) -> int | None:
    """Record a firing; its id, or None when this (kind, item, key) has already fired."""
    cursor = db.execute("INSERT OR IGNORE INTO firings (kind, item_id, due, fired_at, late) VALUES (?, ?, ?, ?, ?)",
                        [kind, item_id, key, fired_at.isoformat(timespec="seconds"), int(late)])
    return int(cursor.lastrowid) if cursor.rowcount else None


def attach(db: Database, firing_id: int, notification_id: int | None, why: dict[str, Any]) -> None:
    """Link a firing to the notification it produced (None when the watch found all well) and why."""
    db.execute("UPDATE firings SET notification_id = ?, why = ? WHERE id = ?",
               [notification_id, json.dumps(why, default=str), firing_id])


def fired_keys(db: Database, kind: str, item_id: int, keys: list[str]) -> set[str]:
    """Which of `keys` have already fired for the item."""
    if not keys:
        return set()
    cursor = db.execute(f"SELECT due FROM firings WHERE kind = ? AND item_id = ? AND due IN "
                        f"({', '.join('?' * len(keys))})", [kind, item_id, *keys])
    return {row[0] for row in cursor.fetchall()}


def finished_before(db: Database, kind: str, item_id: int, key: str) -> bool:
    """Whether this firing was made and finished by an earlier transaction (inside the firing's own
    transaction, its fresh claim has no `why` yet): a source whose transition has an effect of its
    own (a scheduled action) skips it then."""
    return db.execute("SELECT 1 FROM firings WHERE kind = ? AND item_id = ? AND due = ? AND why IS NOT NULL",
                      [kind, item_id, key]).fetchone() is not None


def list_firings(db: Database) -> list[dict[str, Any]]:
    """Every firing, oldest first: {id, kind, item_id, due, fired_at, late, notification_id, why}."""
    cursor = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM firings ORDER BY id")
    rows = [dict(zip(_COLUMNS, r)) for r in cursor.fetchall()]
    for row in rows:
        row["late"], row["why"] = bool(row["late"]), json.loads(row["why"]) if row["why"] else None
    return rows
