"""The documents inbox: a folder whose new and changed files are added to your documents.

`ingest_inbox(db, folder, embedder, now)` looks at the folder's supported files (PDF, text,
Markdown, HTML; hidden and temporary files skipped) and adds each one whose size or modification
time differs from when it was last seen (table `knowledge_inbox`); `add_document` then makes an
unchanged copy a no-op and a changed file a replacement. A file modified in the last `SETTLE_S`
seconds may still be being written: it waits for the next look. A file that cannot be read is
recorded with its error and tried again only once it changes. The scheduler daemon calls this
between firings (the knowledge expert's chore); each outcome is one line for the notifications.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import sqlite_utils

from assistant.knowledge.embedder import Embedder
from assistant.knowledge.errors import DocumentError
from assistant.knowledge.extract import KINDS
from assistant.knowledge.store import add_document

SETTLE_S = 2.0


@dataclass(frozen=True)
class Ingested:
    path: Path
    status: str  # "added", "replaced", "unchanged" or "failed"
    message: str  # one line for the user


def migrate_inbox(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE knowledge_inbox (path TEXT PRIMARY KEY, size INTEGER NOT NULL, "
               "mtime_ns INTEGER NOT NULL, status TEXT NOT NULL, seen TEXT NOT NULL)")


def waiting_files(db: sqlite_utils.Database, folder: Path, settle_s: float = SETTLE_S) -> list[Path]:
    """The folder's supported files that are new or changed since last seen, and settled."""
    if not folder.is_dir():
        return []
    seen = {row[0]: (row[1], row[2]) for row in db.execute("SELECT path, size, mtime_ns FROM knowledge_inbox")}
    waiting = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith((".", "~")) or path.suffix.lower() not in KINDS or not path.is_file():
            continue
        stat = path.stat()
        if seen.get(str(path.resolve())) == (stat.st_size, stat.st_mtime_ns):
            continue
        if time.time() - stat.st_mtime >= settle_s:
            waiting.append(path)
    return waiting


def ingest_inbox(db: sqlite_utils.Database, folder: Path, embedder: Embedder, now: datetime,
                 settle_s: float = SETTLE_S) -> list[Ingested]:
    """Add the inbox's new and changed files; what happened to each."""
    done = []
    for path in waiting_files(db, folder, settle_s):
        stat = path.stat()
        try:
            added = add_document(db, path, embedder, now)
            outcome = Ingested(path, added.status, f"{added.status.capitalize()} {added.name} to your documents "
                                                   f"({added.pages} page{'s' * (added.pages != 1)}).")
        except DocumentError as exc:
            outcome = Ingested(path, "failed", f"Could not add {path.name} from your inbox: {exc}")
        db.execute("INSERT OR REPLACE INTO knowledge_inbox (path, size, mtime_ns, status, seen) VALUES (?, ?, ?, ?, ?)",
                   [str(path.resolve()), stat.st_size, stat.st_mtime_ns, outcome.status,
                    now.isoformat(timespec="seconds")])
        done.append(outcome)
    return done
