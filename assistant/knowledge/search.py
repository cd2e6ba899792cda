"""Retrieval with no LLM: FTS5 BM25 and MiniLM cosine similarity, fused by reciprocal rank.

Each ranking keeps its best `CANDIDATES` passages; a passage's fused score is the sum over the
rankings of 1 / (RRF_K + rank). The vectors are read from SQLite once into a numpy matrix and read
again only when the passages change (count and highest id: ids are never reused), so a query costs one embedding, one
matrix product and one FTS query.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import sqlite_utils

from assistant.knowledge.embedder import DIM, Embedder

RRF_K = 60
CANDIDATES = 50
_STOPWORDS = set("""a an the is are was were be been being do does did of to in on at for from by with and or
not no it its this that these those what whats when where which who whom whose why how i me my we our you
your he she they them his her their there here can could should would will shall may might must have has had
please tell about any some than then so if as into up out over""".split())


@dataclass(frozen=True)
class Passage:
    chunk_id: int
    document_id: int
    document: str
    page: int
    section: str
    text: str
    score: float  # fused reciprocal-rank score
    bm25_rank: int | None  # 1-based rank in each list, None when not in its top CANDIDATES
    vector_rank: int | None
    cosine: float  # similarity of the passage to the question (-1..1)

    def as_dict(self) -> dict[str, Any]:
        return {"document": self.document, "page": self.page, "text": self.text, "section": self.section,
                "score": round(self.score, 5), "cosine": round(self.cosine, 4),
                "bm25_rank": self.bm25_rank, "vector_rank": self.vector_rank, "document_id": self.document_id}


class VectorIndex:
    """The passages' vectors as one matrix, reloaded when the stored passages change."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.ids = np.zeros(0, dtype=np.int64)
        self.matrix = np.zeros((0, DIM), dtype=np.float32)

    def refresh(self, db: sqlite_utils.Database) -> None:
        where = db.execute("PRAGMA database_list").fetchone()[2] or id(db.conn)  # the file, or this memory db
        key = (where, *db.execute("SELECT count(*), max(id) FROM knowledge_chunks").fetchone())
        if key == self.key:
            return
        rows = db.execute("SELECT id, vector FROM knowledge_chunks ORDER BY id").fetchall()
        self.ids = np.array([r[0] for r in rows], dtype=np.int64)
        self.matrix = (np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32).reshape(-1, DIM)
                       if rows else np.zeros((0, DIM), dtype=np.float32))
        self.key = key

    def nearest(self, query: np.ndarray, k: int) -> list[tuple[int, float]]:
        if not len(self.ids):
            return []
        sims = self.matrix @ query.astype(np.float32)
        k = min(k, len(sims))
        top = np.argpartition(-sims, k - 1)[:k]
        top = top[np.argsort(-sims[top])]
        return [(int(self.ids[i]), float(sims[i])) for i in top]

    def cosine(self, chunk_id: int, query: np.ndarray) -> float:
        index = np.searchsorted(self.ids, chunk_id)
        return float(self.matrix[index] @ query) if index < len(self.ids) and self.ids[index] == chunk_id else 0.0


_INDEX = VectorIndex()


PREFIXED = 6  # a word this long also finds the words it begins ("restaurant": "Restaurante", "organis": "organiser")


def fts_query(text: str) -> str:
    """The question's content words as an FTS5 OR query ('' when none): each a quoted phrase, so
    no user word is read as FTS syntax; a long word (`PREFIXED`) as a prefix too, for the spellings
    and compounds that stemming does not join."""
    words = [w for w in re.findall(r"[\w']+", text.lower()) if w.strip("'") and w not in _STOPWORDS]
    words = [w.replace("'", " ").strip() for w in words]
    return " OR ".join(f'"{w}"*' if len(w) >= PREFIXED and " " not in w else f'"{w}"'
                       for w in dict.fromkeys(words) if w)


def bm25_ranking(db: sqlite_utils.Database, query: str, limit: int = CANDIDATES) -> list[int]:
    match = fts_query(query)
    if not match:
        return []
    rows = db.execute("SELECT rowid FROM knowledge_fts WHERE knowledge_fts MATCH ? "
                      "ORDER BY bm25(knowledge_fts, 0.5, 1.0) LIMIT ?", [match, limit]).fetchall()
    return [r[0] for r in rows]


def search(db: sqlite_utils.Database, query: str, embedder: Embedder, limit: int = 3,
           index: VectorIndex | None = None) -> list[Passage]:
    """The `limit` passages that best answer `query`, best first."""
    index = index or _INDEX
    index.refresh(db)
    if not len(index.ids) or not query.strip():
        return []
    vector = embedder.embed([query])[0].astype(np.float32)
    lexical = bm25_ranking(db, query)
    semantic = [chunk_id for chunk_id, _ in index.nearest(vector, CANDIDATES)]
    scores: dict[int, float] = {}
    for ranking in (lexical, semantic):
        for rank, chunk_id in enumerate(ranking, 1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (RRF_K + rank)
    best = sorted(scores, key=lambda c: -scores[c])[:limit]
    lexical_rank = {c: r for r, c in enumerate(lexical, 1)}
    semantic_rank = {c: r for r, c in enumerate(semantic, 1)}
    return [Passage(**_chunk(db, c), score=scores[c], bm25_rank=lexical_rank.get(c),
                    vector_rank=semantic_rank.get(c), cosine=index.cosine(c, vector)) for c in best]


def _chunk(db: sqlite_utils.Database, chunk_id: int) -> dict[str, Any]:
    row = db.execute("SELECT c.id, c.document_id, d.name, c.page, c.section, c.text FROM knowledge_chunks c "
                     "JOIN knowledge_documents d ON d.id = c.document_id WHERE c.id = ?", [chunk_id]).fetchone()
    keys = ("chunk_id", "document_id", "document", "page", "section", "text")
    return dict(zip(keys, row))
