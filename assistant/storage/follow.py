"""A long-running process's database that follows the file: when `assistant.db` is removed or
replaced (a reset, a move aside), the process reopens the file now at that path instead of writing
on into a deleted one that nothing else reads."""
from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Callable

from assistant.storage.db import Database

log = logging.getLogger("assistant.storage")


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the file at `path`; None when there is none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_dev, found.st_ino


class FollowedDatabase:
    """The database at `path`, opened with `opener`; `current()` reopens it when the file there
    is not the one opened (the old connection is closed)."""

    def __init__(self, path: Path, opener: Callable[[Path], Database]) -> None:
        self.path, self._opener = path, opener
        self.db = opener(path)
        self._identity = file_identity(path)

    def current(self) -> tuple[Database, bool]:
        """(the database, whether it was just reopened)."""
        if file_identity(self.path) == self._identity:
            return self.db, False
        log.warning("%s was removed or replaced; reopening it", self.path)
        old, self.db = self.db, self._opener(self.path)
        self._identity = file_identity(self.path)
        old.conn.close()
        return self.db, True

    def close(self) -> None:
        self.db.conn.close()
