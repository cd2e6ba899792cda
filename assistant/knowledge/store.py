"""Documents and their passages in the assistant's SQLite database.

Tables (migration owner "knowledge"): `knowledge_documents` (one row per file, keyed by its path,
with the SHA-256 of its bytes), `knowledge_chunks` (page, section, text, a float32 MiniLM vector)
(ids never reused, so the search's cached matrix knows when it is stale)
and `knowledge_fts`, an FTS5 index (porter stemming) over each passage's document title and text.
Adding the same bytes again is a no-op; new bytes at a known path replace that document (same id).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Callable

import numpy as np
import sqlite_utils

from assistant.knowledge.chunking import Chunk, chunk_pages
from assistant.knowledge.embedder import Embedder, embed_in_batches
from assistant.knowledge.extract import extract, kind_of, read_bytes
from assistant.storage.db import Migration

Progress = Callable[[str, int, int], None]  # (stage, done, total)


def _migrate_v1(db: sqlite_utils.Database) -> None:
    db.execute("CREATE TABLE knowledge_documents (id INTEGER PRIMARY KEY, name TEXT NOT NULL, "
               "path TEXT NOT NULL UNIQUE, sha256 TEXT NOT NULL, kind TEXT NOT NULL, bytes INTEGER NOT NULL, "
               "pages INTEGER NOT NULL, chunks INTEGER NOT NULL, added TEXT NOT NULL)")
    db.execute("CREATE INDEX knowledge_documents_sha ON knowledge_documents(sha256)")
    db.execute("CREATE TABLE knowledge_chunks (id INTEGER PRIMARY KEY AUTOINCREMENT, document_id INTEGER NOT NULL "
               "REFERENCES knowledge_documents(id) ON DELETE CASCADE, page INTEGER NOT NULL, "
               "ordinal INTEGER NOT NULL, section TEXT NOT NULL, text TEXT NOT NULL, vector BLOB NOT NULL)")
    db.execute("CREATE INDEX knowledge_chunks_document ON knowledge_chunks(document_id)")
    db.execute("CREATE VIRTUAL TABLE knowledge_fts USING fts5(title, text, tokenize='porter unicode61')")
    db.execute("CREATE TRIGGER knowledge_chunks_gone AFTER DELETE ON knowledge_chunks "
               "BEGIN DELETE FROM knowledge_fts WHERE rowid = old.id; END")


def _migrate_v2(db: sqlite_utils.Database) -> None:
    from assistant.knowledge.inbox import migrate_inbox

    migrate_inbox(db)


MIGRATIONS = [Migration("knowledge", 1, _migrate_v1), Migration("knowledge", 2, _migrate_v2)]


@dataclass(frozen=True)
class Added:
    id: int
    name: str
    status: str  # "added", "replaced" or "unchanged"
    pages: int
    chunks: int


def title_of(name: str) -> str:
    """'school_schedule-2026.pdf' -> 'school schedule 2026': the name as words, for search."""
    return " ".join(Path(name).stem.replace("_", " ").replace("-", " ").split())


def add_document(db: sqlite_utils.Database, path: Path, embedder: Embedder, now: datetime,
                 progress: Progress | None = None) -> Added:
    """Read, chunk, embed and store the file at `path` (raises DocumentError with a one-line reason)."""
    kind_of(Path(path))
    data = read_bytes(Path(path).expanduser())  # its errors name the path as the user wrote it
    path = Path(path).expanduser().resolve()
    digest = hashlib.sha256(data).hexdigest()
    known = _row(db, "SELECT * FROM knowledge_documents WHERE path = ? OR sha256 = ? "
                     "ORDER BY sha256 = ? DESC LIMIT 1", [str(path), digest, digest])
    if known and known["sha256"] == digest:
        return Added(known["id"], known["name"], "unchanged", known["pages"], known["chunks"])
    notify = progress or (lambda *_: None)
    extracted = extract(path, data, notify)
    chunks = chunk_pages(extracted.pages)
    title = title_of(path.name)
    done = [0]

    def batch_done(n: int) -> None:
        done[0] += n
        notify("embedding", done[0], len(chunks))

    vectors = embed_in_batches(embedder, [f"{title}: {c.indexed}" for c in chunks], on_batch=batch_done)
    row = {"name": path.name, "path": str(path), "sha256": digest, "kind": extracted.kind, "bytes": len(data),
           "pages": len(extracted.pages), "chunks": len(chunks), "added": now.isoformat(timespec="seconds")}
    with db.conn:
        db.execute("BEGIN")
        if known:
            db.execute("DELETE FROM knowledge_chunks WHERE document_id = ?", [known["id"]])
            db.execute("UPDATE knowledge_documents SET name=:name, sha256=:sha256, kind=:kind, bytes=:bytes, "
                       "pages=:pages, chunks=:chunks, added=:added WHERE id=:id", {**row, "id": known["id"]})
            doc_id = known["id"]
        else:
            doc_id = db.execute("INSERT INTO knowledge_documents (name, path, sha256, kind, bytes, pages, chunks, "
                                "added) VALUES (:name, :path, :sha256, :kind, :bytes, :pages, :chunks, :added)",
                                row).lastrowid
        _insert_chunks(db, doc_id, title, chunks, vectors)
    return Added(doc_id, path.name, "replaced" if known else "added", row["pages"], row["chunks"])


def _insert_chunks(db: sqlite_utils.Database, doc_id: int, title: str, chunks: list[Chunk],
                   vectors: np.ndarray) -> None:
    for ordinal, (chunk, vector) in enumerate(zip(chunks, vectors)):
        chunk_id = db.execute("INSERT INTO knowledge_chunks (document_id, page, ordinal, section, text, vector) "
                              "VALUES (?, ?, ?, ?, ?, ?)",
                              [doc_id, chunk.page, ordinal, chunk.section, chunk.text,
                               vector.astype(np.float32).tobytes()]).lastrowid
        db.execute("INSERT INTO knowledge_fts (rowid, title, text) VALUES (?, ?, ?)",
                   [chunk_id, title, chunk.indexed])


def list_documents(db: sqlite_utils.Database) -> list[dict[str, Any]]:
    """The `docs list --json` contract: [{id, name, pages, chunks, added}]."""
    return [dict(r) for r in _rows(db, "SELECT id, name, pages, chunks, added FROM knowledge_documents ORDER BY id")]


def get_document(db: sqlite_utils.Database, doc_id: int) -> dict[str, Any] | None:
    return _row(db, "SELECT id, name, path, kind, bytes, pages, chunks, added, sha256 "
                    "FROM knowledge_documents WHERE id = ?", [doc_id])


def document_chunks(db: sqlite_utils.Database, doc_id: int) -> list[dict[str, Any]]:
    return _rows(db, "SELECT id, page, section, text FROM knowledge_chunks WHERE document_id = ? ORDER BY ordinal",
                 [doc_id])


def remove_document(db: sqlite_utils.Database, doc_id: int) -> dict[str, Any] | None:
    """Delete a document and its passages; the removed row, or None if there was none."""
    row = get_document(db, doc_id)
    if row:
        with db.conn:
            db.execute("BEGIN")
            db.execute("DELETE FROM knowledge_chunks WHERE document_id = ?", [doc_id])
            db.execute("DELETE FROM knowledge_documents WHERE id = ?", [doc_id])
    return row


def _rows(db: sqlite_utils.Database, sql: str, params: Any = ()) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, r)) for r in cursor.fetchall()]


def _row(db: sqlite_utils.Database, sql: str, params: Any = ()) -> dict[str, Any] | None:
    rows = _rows(db, sql, params)
    return rows[0] if rows else None
