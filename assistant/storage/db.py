"""Open the assistant's SQLite database (WAL), apply every registered migration once.

Migrations are owned by whoever owns the tables (each expert, the core): a `Migration` is a
(owner, version, function) triple; the `_migrations` table records what has been applied. Several
processes may open a new database at once: each migration runs under the write lock (BEGIN
IMMEDIATE) and is re-checked there, so exactly one process applies it.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

import sqlite_utils

Database = sqlite_utils.Database


class StorageError(RuntimeError):
    """The database could not be opened or used (locked, corrupt, unwritable)."""


@dataclass(frozen=True)
class Migration:
    owner: str
    version: int
    apply: Callable[[sqlite_utils.Database], None]


BUSY_TIMEOUT_S = 10.0  # how long a write waits for another process's transaction before failing


def open_database(path: Path | str, migrations: Iterable[Migration] = ()) -> sqlite_utils.Database:
    """Open (creating if needed, readable by its owner only) the database at `path` and bring its
    schema up to date."""
    try:
        if str(path) != ":memory:" and not os.path.exists(path):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))  # SQLite's -wal/-shm files follow its mode
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        if str(path) != ":memory:":
            conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA foreign_keys = ON")
        db = sqlite_utils.Database(conn)
        _migrate(db, migrations)
    except sqlite3.DatabaseError as exc:
        raise StorageError(explain_database_error(path, exc)) from exc
    except OSError as exc:
        raise StorageError(f"Could not create the database {path}: {exc.strerror or exc}") from exc
    return db


def _migrate(db: sqlite_utils.Database, migrations: Iterable[Migration]) -> None:
    db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (owner TEXT, version INTEGER, PRIMARY KEY (owner, version))"
    )
    applied = {(r[0], r[1]) for r in db.execute("SELECT owner, version FROM _migrations").fetchall()}
    for migration in sorted(migrations, key=lambda m: (m.owner, m.version)):
        if (migration.owner, migration.version) in applied:
            continue
        with db.conn:  # one transaction per migration: all or nothing
            db.execute("BEGIN IMMEDIATE")
            if db.execute("SELECT 1 FROM _migrations WHERE owner = ? AND version = ?",
                          [migration.owner, migration.version]).fetchone():
                continue  # another process applied it while this one waited for the lock
            migration.apply(db)
            db.execute("INSERT INTO _migrations VALUES (?, ?)", [migration.owner, migration.version])


def explain_database_error(path: Path | str, exc: sqlite3.DatabaseError) -> str:
    text = str(exc)
    if "locked" in text:
        return f"The database {path} is locked by another process; try again in a moment."
    if "not a database" in text or "malformed" in text:
        return (f"The database {path} is corrupt ({text}). Move it aside (it is kept as is) and the "
                "assistant will start with a fresh one.")
    return f"Could not use the database {path}: {text}"
