"""`assistant backup FILE` / `assistant restore FILE`: the whole state, while anything else runs
(assistant/storage/backup.py)."""
from __future__ import annotations

from pathlib import Path

import typer

from assistant.cli.common import console, friendly, open_db, print_error
from assistant.storage.backup import BackupError, backup_to, restore_from


@friendly
def backup(path: Path = typer.Argument(..., metavar="FILE", help="Where to write the backup.")) -> None:
    """Copy the state database to FILE (safe while the daemon or a chat runs)."""
    try:
        backup_to(open_db().conn, path)
    except BackupError as exc:
        print_error(exc)
        raise typer.Exit(1) from None
    console.print(f"Backed up the state to {path}.")


@friendly
def restore(path: Path = typer.Argument(..., metavar="FILE", help="A backup made by `assistant backup`.")) -> None:
    """Replace the state with the backup in FILE; a corrupt or foreign file is refused and nothing changes."""
    try:
        restore_from(path, open_db().conn)
    except BackupError as exc:
        print_error(f"{exc}; nothing was restored.")
        raise typer.Exit(1) from None
    open_db()  # a backup from an older version gets the newer tables
    console.print(f"Restored the state from {path}.")
