"""Shared by the knowledge tests: the corpus generator, and a bag-of-words embedder (no model)."""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import knowledge_corpus  # noqa: E402  (scripts/ is not a package)

from assistant.knowledge.embedder import DIM  # noqa: E402

write_pdf = knowledge_corpus.write_pdf
build_corpus = knowledge_corpus.build_corpus


class WordsEmbedder:
    """Hashed bag of words, unit length: stands in for MiniLM where meaning is not under test."""

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"\w+", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % DIM] += 1.0
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
