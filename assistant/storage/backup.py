"""Backups with SQLite's online backup API: safe while other processes (the daemon, the webhook, a
chat) use the database. A backup is one self-contained file (no WAL), written under a temporary name
and renamed into place; a restore checks the file first (intact, an assistant database) and copies
it into the live database through SQLite's own locking, so a refused restore changes nothing.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path


class BackupError(RuntimeError):
    """A backup could not be written, or a file to restore is not an intact assistant database."""


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=10.0)


def backup_to(conn: sqlite3.Connection, target: Path) -> None:
    """Copy the database of `conn` to `target` (readable by its owner only)."""
    partial = target.with_name(f".{target.name}.partial-{os.getpid()}")
    try:
        os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
        copy = sqlite3.connect(partial)
        try:
            conn.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file, whatever the live one uses
        finally:
            copy.close()
        check_backup(partial)
        os.replace(partial, target)
    except OSError as exc:
        raise BackupError(f"cannot write the backup {target}: {exc.strerror or exc}") from None
    finally:
        if partial.exists():
            partial.unlink()


def check_backup(path: Path) -> None:
    """Raise BackupError unless `path` is an intact assistant database."""
    if not path.is_file():
        raise BackupError(f"{path}: no such backup file")
    try:
        source = _read_only(path)
        try:
            verdict = source.execute("PRAGMA integrity_check").fetchall()
            ours = source.execute("SELECT 1 FROM sqlite_master WHERE name = '_migrations'").fetchone()
        finally:
            source.close()
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a usable database ({exc})") from None
    if verdict != [("ok",)]:
        raise BackupError(f"{path} is corrupt ({verdict[0][0]})")
    if not ours:
        raise BackupError(f"{path} is not an assistant database")


def restore_from(source: Path, conn: sqlite3.Connection) -> None:
    """Replace the database of `conn` with the backup at `source`, checked first."""
    check_backup(source)
    backup = _read_only(source)
    try:
        backup.backup(conn)
    finally:
        backup.close()
