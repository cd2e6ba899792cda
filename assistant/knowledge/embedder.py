"""The project's MiniLM, reading passages up to `PASSAGE_TOKENS` word pieces (the routing
classifier's copy reads 64: short utterances). Both share one set of weights."""
from __future__ import annotations

import copy
from functools import lru_cache
from typing import Protocol

import numpy as np

PASSAGE_TOKENS = 128  # what all-MiniLM-L6-v2 was trained on
DIM = 384


class Embedder(Protocol):
    def embed(self, texts: list[str]) -> np.ndarray:
        """(len(texts), DIM) unit vectors."""


@lru_cache(maxsize=1)
def passage_embedder() -> Embedder:
    from tokenizers import Tokenizer

    from assistant.embeddings import load_minilm

    base = load_minilm()
    twin = copy.copy(base)  # shares the weights dict
    twin.tokenizer = Tokenizer.from_str(base.tokenizer.to_str())
    twin.tokenizer.enable_truncation(PASSAGE_TOKENS)
    twin.tokenizer.enable_padding()
    return twin


def embed_in_batches(embedder: Embedder, texts: list[str], batch: int = 32, on_batch=None) -> np.ndarray:
    """Embed many texts, similar lengths together (less padding); rows in the input's order.
    `on_batch(n)` is called with the count of texts done after each batch."""
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for start in range(0, len(order), batch):
        rows = order[start:start + batch]
        out[rows] = embedder.embed([texts[i] for i in rows])
        if on_batch:
            on_batch(len(rows))
    return out
